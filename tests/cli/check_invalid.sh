#!/usr/bin/env bash
# check_invalid.sh -- runs one bad-input case of tests/data/invalid/<case>/:
# `planner check` on the case's model.yaml (or model.json, or model.sm: a
# PSPLIB instance) must exit 1
# without crashing or hanging, print nothing on stdout, and print on stderr
# one "FILE:LINE:COLUMN: message" (or "FILE: message") line per problem, the
# first of which is FILE:<contents of the case's `error` file> (or, for an
# `error` "@NAME:...", the case's file NAME: a calendar the model imports). The number of
# error lines (those without "warning:") must equal the case's `count` file,
# or 1 when there is none.
#
# usage: check_invalid.sh PLANNER CASEDIR
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 PLANNER CASEDIR" >&2
    exit 2
fi
planner=$1
dir=${2%/}
case_name=${dir##*/}

fail() {
    echo "FAIL [$case_name]: $*"
    failed=1
}

# The model: exactly one of model.yaml / model.json / model.sm.
model=
for f in "$dir/model.yaml" "$dir/model.json" "$dir/model.sm"; do
    if [ -f "$f" ]; then
        if [ -n "$model" ]; then
            echo "FAIL [$case_name]: more than one of model.yaml, model.json, model.sm"
            exit 1
        fi
        model=$f
    fi
done
if [ -z "$model" ]; then
    echo "FAIL [$case_name]: no model.yaml, model.json or model.sm in $dir"
    exit 1
fi
if [ ! -f "$dir/error" ]; then
    echo "FAIL [$case_name]: no 'error' file in $dir"
    exit 1
fi
# First line of `error`, without a trailing CR.
IFS= read -r expected_error <"$dir/error" || [ -n "$expected_error" ]
expected_error=${expected_error%$'\r'}
if [ -z "$expected_error" ]; then
    echo "FAIL [$case_name]: the 'error' file is empty"
    exit 1
fi
expected_count=1
if [ -f "$dir/count" ]; then
    IFS= read -r expected_count <"$dir/count" || [ -n "$expected_count" ]
    expected_count=${expected_count//[[:space:]]/}
    if ! [[ $expected_count =~ ^[0-9]+$ ]]; then
        echo "FAIL [$case_name]: 'count' must hold a number, not '$expected_count'"
        exit 1
    fi
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

timeout 10 "$planner" check "$model" >"$tmp/out" 2>"$tmp/err"
rc=$?
failed=0

# Exit status: exactly 1 ("invalid model"). Anything else is a failure, and
# timeouts and signals are named as such.
case $rc in
1) ;;
0) fail "planner accepted the model (exit 0); expected exit 1" ;;
124) fail "planner did not finish within 10 s (timeout)" ;;
125 | 126 | 127) fail "could not run planner (exit $rc): $planner" ;;
*)
    if [ "$rc" -gt 128 ]; then
        fail "planner crashed: killed by signal $((rc - 128)) (exit $rc)"
    else
        fail "expected exit 1, got $rc"
    fi
    ;;
esac

# A sanitizer report exits 1 too: look for one explicitly.
if grep -Eq 'ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:' \
    "$tmp/err"; then
    fail "sanitizer report on stderr"
fi

if [ -s "$tmp/out" ]; then
    fail "stdout is not empty:"
    sed 's/^/    stdout| /' "$tmp/out"
fi

# An `error` starting with "@NAME:" is a problem in another file of the
# case (a calendar the model imports): "$dir/NAME:..." is expected.
want="$model:$expected_error"
case $expected_error in
    @*) want="$dir/${expected_error#@}";;
esac
mapfile -t lines <"$tmp/err"
if [ ${#lines[@]} -eq 0 ]; then
    fail "stderr is empty; expected: $want"
else
    first=${lines[0]}
    if [ "$first" != "$want" ]; then
        fail "first stderr line differs"
        echo "    expected: $want"
        echo "    actual:   $first"
    fi
fi

errors=0
for line in "${lines[@]}"; do
    rest=
    if [[ $line == "$model:"* ]]; then
        rest=${line#"$model:"}
    elif [[ $line =~ ^"$dir"/[^:]+\.ics: ]]; then
        rest=${line#"$dir"/*.ics:} # a calendar the model imports
        [[ $line == "$dir/"*".ics:"* ]] && line="$model:$rest"
    fi
    if ! [[ $line == "$model:"* && ($rest =~ ^[0-9]+:[0-9]+:\  ||
        $rest == " "*) ]]; then
        fail "stderr line not of the form $model:LINE:COLUMN: message"
        echo "    line: $line"
    fi
    if [[ $line != *"warning:"* ]]; then
        errors=$((errors + 1))
    fi
done
if [ "$errors" -ne "$expected_count" ]; then
    fail "expected $expected_count error line(s), got $errors"
fi

if [ "$failed" -ne 0 ]; then
    echo "--- stderr of: $planner check $model (exit $rc)"
    sed 's/^/    | /' "$tmp/err"
    exit 1
fi
exit 0
