#!/usr/bin/env bash
# setup.sh -- on a Debian 12 machine: install the missing packages, build
# planner, and plan the bundled example into out/district-50/.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/packages.sh
install_missing build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)"
./build/planner plan examples/district-50.yaml --out out/district-50
