#!/usr/bin/env bash
# selftest.sh -- checks the CalDAV round-trip checker itself: it must pass
# good calendars and an --update pair, and fail where it must (two events
# sharing a UID, an empty calendar, no file, a missing file, expected data
# tampered with after upload); and stopping it must stop its Radicale.
#
# Usage: tests/caldav/selftest.sh   (needs python3-icalendar, python3-radicale)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
script=$here/roundtrip.py
fx=$here/fixtures
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; status=1; }
show() { printf '%s\n' "$1" | sed 's/^/     /'; }
# shellcheck disable=SC2016  # (a sed script, not a shell expression)
rx() { printf '%s' "$1" | sed 's/[][\\.*^$(){}+?|]/\\&/g'; }

# expect_pass NAME PATTERN ARGS...: exit 0 and an output line matching PATTERN
expect_pass() {
    local name=$1 pattern=$2 out
    shift 2
    if out=$("$py" "$script" "$@" 2>&1) && grep -qE -- "$pattern" <<<"$out"
    then
        ok "$name"
    else
        bad "$name: expected success matching /$pattern/, got:"
        show "$out"
    fi
}

# expect_fail NAME PATTERN ARGS...: exit 1 and a FAIL line matching PATTERN
# (a crash or a failure for another reason does not count)
expect_fail() {
    local name=$1 pattern=$2 out rc=0
    shift 2
    out=$("$py" "$script" "$@" 2>&1) || rc=$?
    if [ "$rc" -eq 1 ] && grep -qE -- "$pattern" <<<"$out"; then
        ok "$name: $(grep -E -- "$pattern" <<<"$out" | head -1 | cut -c1-150)"
    else
        bad "$name: expected exit 1 and /$pattern/, got exit $rc:"
        show "$out"
    fi
}

good=$fx/good-mixed.ics
rfx=$(rx "$fx") rgood=$(rx "$good") rtmp=$(rx "$tmp") rhere=$(rx "$here")
expect_pass "good calendar round-trips" \
    "^ok $rgood: 6 components round-tripped$" "$good"
expect_pass "update pair: same UIDs updated in place, others kept" \
    "^ok $rfx/update-new.ics: 3 components round-tripped \(update of $rfx/update-base.ics: 2 UIDs updated in place, 1 added, 1 kept from base\)$" \
    --update "$fx/update-base.ics" "$fx/update-new.ics"
expect_pass "update pair in the other direction" \
    "^ok $rfx/update-base.ics: 3 components round-tripped \(update of $rfx/update-new.ics: 2 UIDs updated in place, 1 added, 1 kept from base\)$" \
    --update "$fx/update-new.ics" "$fx/update-base.ics"

expect_fail "two events sharing a UID" \
    "^FAIL $rfx/bad-duplicate-uid.ics: .*appears 2 times" \
    "$fx/bad-duplicate-uid.ics"
expect_fail "empty calendar" \
    "^FAIL $rfx/bad-empty.ics: no components to check$" "$fx/bad-empty.ics"
expect_fail "no file given" "^FAIL: no .ics file given"
expect_fail "missing file" "^FAIL $rtmp/missing.ics: " "$tmp/missing.ics"
expect_fail "not a calendar" "^FAIL $rhere/README.md: " "$here/README.md"
expect_fail "comparison can fail (tampered SUMMARY)" \
    "^FAIL $rgood: .*SUMMARY sent '.*\[tampered\]', got" \
    --selftest-tamper "$good"
expect_fail "update comparison can fail (tampered SUMMARY)" \
    "^FAIL $rfx/update-new.ics: .*SUMMARY sent '.*\[tampered\]', got" \
    --selftest-tamper --update "$fx/update-base.ics" "$fx/update-new.ics"
rc=0
out=$("$py" "$script" "$good" "$fx/bad-empty.ics" "$good" 2>&1) || rc=$?
if [ "$rc" -eq 1 ] && grep -qE "^FAIL $rfx/bad-empty.ics: " <<<"$out" &&
        [ "$(grep -cE "^ok $rgood: " <<<"$out")" -eq 2 ]; then
    ok "one bad file among good ones fails the run, the good ones pass"
else
    bad "good, bad, good: expected exit 1 with ok, FAIL, ok; got exit $rc:"
    show "$out"
fi

# Stopping the checker mid-run stops its Radicale and removes its storage.
radicale_child_of() { # PID: the Radicale process started by PID, if any
    local p ppid
    for p in /proc/[0-9]*; do
        # /proc/N/stat: pid (comm) state ppid ... -- comm is python3 here
        read -r _ _ _ ppid _ < "$p/stat" 2>/dev/null || continue
        if [ "$ppid" = "$1" ] && grep -q radicale "$p/cmdline" 2>/dev/null
        then
            echo "${p#/proc/}"
            return
        fi
    done
}
files=()
for _ in $(seq 200); do files+=("$good"); done
"$py" "$script" "${files[@]}" > "$tmp/stopped.out" 2>&1 &
pid=$!
child=
for _ in $(seq 200); do
    child=$(radicale_child_of "$pid")
    [ -n "$child" ] && break
    sleep 0.05
done
if [ -z "$child" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" || true
    bad "stopping: never saw the checker's Radicale process"
else
    store=$(tr '\0' '\n' < "/proc/$child/cmdline" |
            grep -A1 -x -- --storage-filesystem-folder | tail -1)
    sleep 0.3
    kill -TERM "$pid"
    rc=0
    wait "$pid" || rc=$?
    sleep 0.2
    if [ "$rc" -eq 0 ]; then
        bad "stopping: the checker finished before it was stopped"
    elif [ -e "/proc/$child" ] &&
            grep -q radicale "/proc/$child/cmdline" 2>/dev/null; then
        bad "stopping: Radicale (pid $child) outlived the checker"
        kill "$child" 2>/dev/null || true
    elif [ -e "$(dirname "$store")" ]; then
        bad "stopping: $(dirname "$store") left behind"
    else
        ok "stopping the checker (SIGTERM, exit $rc) stops Radicale and" \
            "removes its storage"
    fi
fi

exit "$status"
