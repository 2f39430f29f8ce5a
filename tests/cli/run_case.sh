#!/usr/bin/env bash
# run_case.sh PLANNER CASEDIR SRCDIR -- one end-to-end CLI test.
#
# A case directory holds:
#   args     the command line, one argument per line; @SRC@ is the source
#            tree, @OUT@ a fresh output directory, @CASE@ the case directory
#   exit     the expected exit status (default 0)
#   stdout   expected standard output (optional; exact)
#   stderr   expected standard error (optional; exact, with the source tree
#            written as @SRC@)
#   files/   expected output files, compared byte for byte with @OUT@
#   golden   shell patterns of the output files pinned in files/, one per
#            line (optional; default every file): a big program's calendars
#            are checked by the readers below, a few of them byte for byte
#   verify_args  extra options for the schedule verifier (optional)
# The command runs twice: both runs must give the same bytes (determinism),
# and no input file under the source tree may change. A schedule.json that
# is produced is also checked by the independent verifier, and every .ics
# by two independent iCalendar readers (ical.js, python-icalendar).
# PLN_UPDATE_GOLDEN=1 rewrites the expectations from the actual output.
set -u
planner=$1 case=$2 src=$3
name=$(basename "$case")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL $name: $*"; exit 1; }

args=()
while IFS= read -r line || [ -n "$line" ]; do
    line=${line//@SRC@/$src}
    line=${line//@CASE@/$case}
    args+=("${line//@OUT@/$work/out}")
done < "$case/args"

# pinned FILE: is FILE (a name in the output directory) kept in files/?
pinned() {
    [ -f "$case/golden" ] || return 0
    local pat
    while IFS= read -r pat || [ -n "$pat" ]; do
        [ -n "$pat" ] || continue
        # shellcheck disable=SC2053
        [[ $1 == $pat ]] && return 0
    done < "$case/golden"
    return 1
}
# golden_copy FROM TO: the pinned files of output directory FROM.
golden_copy() {
    mkdir -p "$2"
    (cd "$1" && find . -type f | sed 's|^\./||' | sort) | while IFS= read -r f; do
        pinned "$f" && { mkdir -p "$2/$(dirname "$f")"; cp "$1/$f" "$2/$f"; }
    done
}

inputs_sum() { find "$src/examples" "$case" -type f ! -path '*/files/*' -print0 | sort -z | xargs -0 sha256sum; }
before=$(inputs_sum)
for run in 1 2; do
    rm -rf "$work/out"
    (cd "$work" && timeout 60 "$planner" "${args[@]}" > "$work/stdout.$run" 2> "$work/stderr.$run")
    echo $? > "$work/exit.$run"
    [ -d "$work/out" ] && cp -r "$work/out" "$work/out.$run"
done
after=$(inputs_sum)
[ "$before" = "$after" ] || fail "an input file was modified"

sed -i "s|$src|@SRC@|g; s|$work/out|@OUT@|g" "$work/stderr.1" "$work/stderr.2" "$work/stdout.1" "$work/stdout.2"
code=$(cat "$work/exit.1")
want=0
[ -f "$case/exit" ] && want=$(cat "$case/exit")

if [ "${PLN_UPDATE_GOLDEN:-0}" = 1 ]; then
    echo "$code" > "$case/exit"
    cp "$work/stdout.1" "$case/stdout"
    cp "$work/stderr.1" "$case/stderr"
    rm -rf "$case/files"
    [ -d "$work/out.1" ] && golden_copy "$work/out.1" "$case/files"
    echo "updated $name"
    exit 0
fi

case $code in
    1[2-9][0-9]) fail "crashed or timed out (exit $code)";;
esac
[ "$code" = "$want" ] || { cat "$work/stderr.1"; fail "exit $code, expected $want"; }
for k in exit stdout stderr; do
    cmp -s "$work/$k.1" "$work/$k.2" || fail "$k differs between two runs"
done
if [ -f "$case/stdout" ]; then
    diff -u "$case/stdout" "$work/stdout.1" > "$work/diff" || { head -40 "$work/diff"; fail "stdout differs"; }
fi
if [ -f "$case/stderr" ]; then
    diff -u "$case/stderr" "$work/stderr.1" > "$work/diff" || { head -40 "$work/diff"; fail "stderr differs"; }
fi
if [ -d "$work/out.1" ]; then
    diff -r "$work/out.1" "$work/out.2" > /dev/null || fail "output files differ between two runs"
    leftovers=$(find "$work/out.1" -name '.*' | head -1)
    [ -z "$leftovers" ] || fail "temporary file left behind: $leftovers"
fi
if [ -d "$case/files" ]; then
    [ -d "$work/out.1" ] || fail "no output directory written"
    golden_copy "$work/out.1" "$work/pinned"
    diff -r "$case/files" "$work/pinned" > "$work/diff" || { head -40 "$work/diff"; fail "output files differ from golden"; }
fi
if [ -d "$work/out.1" ] && [ -n "$(find "$work/out.1" -name '*.ics' | head -1)" ]; then
    node "$src/tests/ics/check_icaljs.js" "$work/out.1" > "$work/icaljs" 2>&1 \
        || { grep -v '^ok' "$work/icaljs" | head -20; fail "ical.js rejects a calendar"; }
    /usr/bin/python3 "$src/tests/ics/check_pyical.py" "$work/out.1" > "$work/pyical" 2>&1 \
        || { grep -v '^ok' "$work/pyical" | head -20; fail "python-icalendar rejects a calendar"; }
fi
verifier="$src/tests/verify/verify_schedule.py"
if [ -f "$work/out.1/schedule.json" ] && [ -f "$verifier" ]; then
    model=""
    for a in "${args[@]}"; do case $a in *.yaml|*.yml|*.json|*.sm) [ -z "$model" ] && model=$a;; esac; done
    # verify_args: more verifier options, e.g. --expect-optimum 43.
    vargs=""
    [ -f "$case/verify_args" ] && vargs=$(cat "$case/verify_args")
    # A replan: the status file and the baseline it was applied against.
    if [ "${args[0]}" = replan ]; then
        base=""
        for ((k = 1; k < ${#args[@]}; k++)); do
            [ "${args[k]}" = --baseline ] && base=${args[k+1]}
        done
        vargs="$vargs --status ${args[2]} --baseline $base/schedule.json"
    fi
    # A whatif plan: the durations it shortened, and why.
    if [ "${args[0]}" = whatif ]; then
        vargs="$vargs --whatif $work/out.1/whatif.json"
    fi
    /usr/bin/python3 "$verifier" "$model" "$work/out.1/schedule.json" $vargs > "$work/verify" 2>&1 \
        || { head -20 "$work/verify"; fail "the verifier rejects the schedule"; }
fi
echo "ok $name"
