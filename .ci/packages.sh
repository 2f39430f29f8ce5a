# packages.sh -- sourced by setup.sh and test.sh: installs the Debian
# packages the project needs, only those missing, with apt-get.
# Usage: install_missing build|test|bench ...
BUILD_PACKAGES="build-essential cmake pkg-config libglpk-dev libical-dev libyaml-dev libjansson-dev"
TEST_PACKAGES="libcmocka-dev python3-icalendar python3-yaml python3-radicale nodejs npm"
# Peers measured side by side by the benchmarks (bench/): MiniZinc with
# Gecode's FlatZinc interpreter, CBC, GLPK's glpsol, TaskJuggler.
BENCH_PACKAGES="minizinc libgecodeflatzinc49 coinor-cbc glpk-utils tj3"

install_missing() {
    local want="" missing="" p
    for group in "$@"; do
        case $group in
            build) want="$want $BUILD_PACKAGES";;
            test) want="$want $TEST_PACKAGES";;
            bench) want="$want $BENCH_PACKAGES";;
        esac
    done
    for p in $want; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    # node may come from elsewhere than Debian's package (it does on some images).
    if command -v node > /dev/null && command -v npm > /dev/null; then
        missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
    fi
    missing=$(echo $missing)
    [ -z "$missing" ] && return 0
    echo "installing:$missing"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}
