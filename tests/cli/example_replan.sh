#!/usr/bin/env bash
# example_replan.sh -- the README's weekly workflow on the bundled example,
# end to end: plan examples/district-50.yaml, replan it with
# examples/district-50-status-2027-02-26.yaml, and check that the replan is
# accepted by the independent verifier (with the status file), that the
# baseline is untouched, that a second replan into the same directory is
# refused, that `planner diff` runs, and that the replanned program.ics
# updates the baseline's entries on a CalDAV server instead of duplicating
# them.
#
# usage: example_replan.sh PLANNER SRCDIR
set -u
planner=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL example-replan: $*"; exit 1; }
model=$src/examples/district-50.yaml
status=$src/examples/district-50-status-2027-02-26.yaml

"$planner" plan "$model" --out "$work/base" --quiet --time-limit 5 \
    || fail "plan failed"
before=$(cd "$work/base" && sha256sum ./* | sha256sum)
"$planner" replan "$model" "$status" --baseline "$work/base" --out "$work/week" \
    --time-limit 5 > "$work/stdout" 2> "$work/stderr" \
    || { cat "$work/stderr"; fail "replan failed"; }
after=$(cd "$work/base" && sha256sum ./* | sha256sum)
[ "$before" = "$after" ] || fail "the baseline changed"
for f in schedule.json countdown.csv moved.csv status.csv calendars.json \
         program.ics crew-masonry.ics person-liu_zhiqiang.ics; do
    [ -s "$work/week/$f" ] || fail "no $f"
done
grep -q "^As of 2027-02-26:" "$work/stdout" || fail "no statistics on stdout"
grep -q "^v01/fix_drainage," "$work/week/moved.csv" || fail "the added task is not in moved.csv"
/usr/bin/python3 "$src/tests/verify/verify_schedule.py" "$model" \
    "$work/week/schedule.json" --status "$status" \
    --baseline "$work/base/schedule.json" > "$work/verify" 2>&1 \
    || { head -20 "$work/verify"; fail "the verifier rejects the replan"; }
"$planner" replan "$model" "$status" --baseline "$work/base" --out "$work/week" \
    --quiet > /dev/null 2>&1
[ $? = 2 ] || fail "a second replan into the same directory was not refused"
"$planner" diff "$work/base" "$work/week" > "$work/diff" || fail "diff failed"
grep -q "tasks moved" "$work/diff" || fail "diff printed no moves"
/usr/bin/python3 "$src/tests/caldav/roundtrip.py" --update \
    "$work/base/program.ics" "$work/week/program.ics" \
    || fail "program.ics was not updated in place on the CalDAV server"
echo "ok example-replan: $(cat "$work/verify")"
