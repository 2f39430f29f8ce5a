#!/bin/sh
# selftest.sh -- checks the two independent iCalendar checkers themselves:
# each must accept good/sample.ics, reject every file under bad/ (run one
# file at a time, and reject it with its own FAIL line rather than by
# crashing), and fail when given nothing to check.
#
# Usage: tests/ics/selftest.sh   (needs `npm ci` in tests/ics first)
set -u

here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

run() { # name file...
    name=$1
    shift
    case $name in
    icaljs) node "$here/check_icaljs.js" "$@" ;;
    pyical) "$python" "$here/check_pyical.py" "$@" ;;
    esac
}

for checker in icaljs pyical; do
    good=$here/good/sample.ics
    if out=$(run "$checker" "$good" 2>&1); then
        echo "ok   $checker accepts good/sample.ics"
    else
        echo "FAIL $checker rejects good/sample.ics:"
        printf '%s\n' "$out" | sed 's/^/     /'
        status=1
    fi

    n=0
    for f in "$here"/bad/*.ics; do
        n=$((n + 1))
        if out=$(run "$checker" "$f" 2>&1); then
            echo "FAIL $checker accepts bad/${f##*/}"
            status=1
        elif ! printf '%s\n' "$out" | grep -qF "FAIL $f: "; then
            echo "FAIL $checker crashed on bad/${f##*/}:"
            printf '%s\n' "$out" | sed 's/^/     /'
            status=1
        else
            echo "ok   $checker rejects bad/${f##*/}: ${out#FAIL "$f": }"
        fi
    done
    if [ "$n" -eq 0 ]; then
        echo "FAIL no bad fixtures found in $here/bad"
        status=1
    fi

    if run "$checker" "$tmp" >/dev/null 2>&1; then
        echo "FAIL $checker passes with no .ics file to check"
        status=1
    else
        echo "ok   $checker fails with no .ics file to check"
    fi
done

exit $status
