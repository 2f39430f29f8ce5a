#!/usr/bin/env bash
# setup.sh -- on a Debian 12 machine: install the missing packages (those
# the build needs and those the tests need, ical.js from npm included, so
# the default build with its tests configures), build planner, and plan the
# bundled example into out/district-50/.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/packages.sh
install_missing build test
(cd tests/ics && npm ci --no-audit --no-fund --loglevel=error)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)"
./build/planner plan examples/district-50.yaml --out out/district-50
