#!/usr/bin/env bash
# check_invalid_status.sh -- one bad status-file case of
# tests/data/invalid-status/<case>/: `planner replan` of the calendars test
# model with the case's status.yaml (against the plan-calendars case's plan)
# must exit 1 without crashing or hanging, write nothing, print nothing on
# stdout, and print one "FILE:LINE:COLUMN: message" line per problem, the
# first of which is STATUS:<contents of the case's `error` file> (the
# problem is reported in the status file). The number of error lines must
# equal the case's `count` file, or 1 when there is none.
#
# usage: check_invalid_status.sh PLANNER CASEDIR SRCDIR
set -u
planner=$1 dir=${2%/} src=$3
name=${dir##*/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL [$name]: $*"; exit 1; }

status="$dir/status.yaml"
[ -f "$dir/error" ] || fail "no error file"
timeout 60 "$planner" replan "$src/tests/cli/models/calendars.yaml" "$status" \
    --baseline "$src/tests/cli/cases/plan-calendars/files" \
    --out "$work/out" > "$work/stdout" 2> "$work/stderr"
code=$?
[ "$code" = 1 ] || { cat "$work/stderr"; fail "exit $code, expected 1"; }
[ -s "$work/stdout" ] && fail "printed on stdout: $(head -3 "$work/stdout")"
[ -e "$work/out" ] && fail "wrote an output directory"
first=$(grep -v "warning:" "$work/stderr" | head -1)
want="$status:$(cat "$dir/error")"
[ "$first" = "$want" ] || fail "first error is
  $first
expected
  $want"
n=$(grep -v "warning:" "$work/stderr" | grep -c ':[0-9]*:[0-9]*: \|^[^:]*: ')
expect=1
[ -f "$dir/count" ] && expect=$(cat "$dir/count")
[ "$n" = "$expect" ] || { cat "$work/stderr"; fail "$n error lines, expected $expect"; }
echo "ok $name"
