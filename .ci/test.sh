#!/usr/bin/env bash
# test.sh -- the whole test suite, from a clean clone on Debian 12: installs
# what it needs, then builds and runs every test (unit, bad input, end to
# end with golden files, the independent schedule verifier, the independent
# iCalendar readers) twice: a plain debug build, and the same suite under
# AddressSanitizer and UndefinedBehaviorSanitizer; then checks that the
# optimised build compiles without warnings.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/packages.sh
install_missing build test
(cd tests/ics && npm ci --no-audit --no-fund --loglevel=error)
jobs=$(nproc)
status=0
for variant in debug asan; do
    dir=build-test-$variant
    flags=(-DCMAKE_BUILD_TYPE=Debug)
    [ $variant = asan ] && flags+=("-DPLN_SANITIZE=address;undefined")
    echo "=== $variant build"
    cmake -S . -B "$dir" "${flags[@]}" > /dev/null
    cmake --build "$dir" -j"$jobs"
    echo "=== $variant tests"
    (cd "$dir" && ctest --output-on-failure -j"$jobs") || status=1
done
# setup.sh builds with the default (Release) flags: optimisation finds
# warnings (-Wclobbered, -Wmaybe-uninitialized) a debug build does not.
echo "=== release build (warnings are errors)"
cmake -S . -B build-test-release -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-test-release -j"$jobs" || status=1
exit $status
