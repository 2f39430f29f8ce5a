#!/bin/sh
# test_verify.sh -- tests of the independent schedule verifier.
#
# usage: tests/verify/test_verify.sh BUILD_PLANNER
#
#  1. Self-test of the verifier's dependency arithmetic on hand-worked cases
#     (2026-03-09 is a Monday).
#  2. For every model under cases/ (*.yaml, *.json): `planner plan`, then the
#     verifier must pass; for deps.yaml and decider.yaml, results worked
#     out by hand must match.
#  3. Each schedule is mutated in small ways (shift a task a day earlier, a
#     finish on a Sunday, a deadline's met flipped or slack changed, a task
#     dropped or listed twice, a task needlessly late, a wrong makespan or
#     deadline date, crews declared limiting while over-booked) and the
#     verifier must FAIL, naming the right task and problem. Then every task,
#     one at a time, is moved one working day earlier: each move must break a
#     dependency or a release.
#  4. cases/xfail/*.yaml are known disagreements with the planner (see the
#     comment at the top of each): the verifier must print exactly the lines
#     of the matching .expected file. When the planner is fixed the case
#     passes and this reports XPASS: move the case up into cases/.
#  5. examples/district-50.yaml, when present: plan and verify, in < 2 s.
#
# Needs /usr/bin/python3 with python3-yaml (Debian). Exit 0 when every
# expectation holds; prints "N passed, M failed" last.
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_PLANNER" >&2
    exit 2
fi
PLANNER=$1
case $PLANNER in /*) ;; *) PLANNER=$(pwd)/$PLANNER ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
VERIFY=$HERE/verify_schedule.py
TMP=$(mktemp -d "${TMPDIR:-/tmp}/test_verify.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

if [ ! -x "$PLANNER" ]; then
    echo "no planner binary at $PLANNER" >&2
    exit 2
fi

# ------------------------------------------------------- the Python helper
cat > "$TMP/helper.py" <<'PYEOF'
"""Mutations of a schedule.json and hand-worked checks (test_verify.sh)."""
import copy
import json
import os
import sys
import tempfile

sys.path.insert(0, os.environ["VERIFY_DIR"])
import verify_schedule as V  # noqa: E402


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)


def calendars(model, sched):
    """The verifier's calendars, for making calendar-valid mutations."""
    m = V.load_model(model)
    dates = [V.parse_date(t[k]) for t in sched["tasks"]
             for k in ("start", "finish")] + [m.start]
    lo, hi = min(dates) - 800, max(dates) + 800
    bundled = V.load_bundled_holidays()
    cals = {i: V.Calendar(m, i, lo, hi, bundled) for i in range(len(m.cals))}
    return m, cals


def shifted(m, cals, row, direction):
    """row moved one working day earlier (-1) or later (+1)."""
    t = m.tasks[m.task_index[row["id"]]]
    cal = cals[t.cal]
    s, f = V.parse_date(row["start"]), V.parse_date(row["finish"])
    if direction < 0:
        s, f = cal.prev_working(s), cal.prev_working(f)
    else:
        s, f = cal.days[cal.W(s + 1)], cal.days[cal.W(f + 1)]
    r = dict(row)
    r["start"], r["finish"] = V.fmt(s), V.fmt(f)
    return r


def mutate(kind, model, src, dst):
    """Writes a mutated copy of src to dst; prints what the verifier must
    report (a substring of one FAIL line), or SKIP."""
    sched = load(src)
    out = copy.deepcopy(sched)
    tasks = out["tasks"]
    m, cals = calendars(model, sched)
    mid = tasks[len(tasks) // 2]
    expect = None
    if kind == "day_earlier":
        # Start and finish one calendar day earlier.
        for k in ("start", "finish"):
            mid[k] = V.fmt(V.parse_date(mid[k]) - 1)
        expect = "FAIL %s:" % mid["id"]
    elif kind == "sunday":
        # The finish of a real task moved to a Sunday its calendar rests on.
        for row in tasks:
            t = m.tasks[m.task_index[row["id"]]]
            f = V.parse_date(row["finish"])
            sun = f + (6 - V.weekday(f)) % 7
            if t.duration > 0 and not cals[t.cal].is_working(sun):
                row["finish"] = V.fmt(sun)
                expect = "FAIL %s: finishes on %s (sun)" % (row["id"],
                                                          V.fmt(sun))
                break
    elif kind == "met":
        d = out["deadlines"][0]
        d["met"] = not d["met"]
        expect = "met is %s" % str(d["met"]).lower()
    elif kind == "slack":
        d = out["deadlines"][-1]
        d["slack"] += 1
        expect = "slack %d, should be" % d["slack"]
    elif kind == "date":
        d = out["deadlines"][0]
        d["date"] = V.fmt(V.parse_date(d["date"]) - 1)
        expect = "date %s, should be" % d["date"]
    elif kind == "drop":
        del tasks[len(tasks) // 2]
        expect = "FAIL %s: missing from schedule.json" % mid["id"]
    elif kind == "twice":
        tasks.append(copy.deepcopy(tasks[0]))
        expect = "FAIL %s: listed twice" % tasks[0]["id"]
    elif kind == "makespan":
        out["makespan"] += 1
        expect = "FAIL program: makespan %d" % out["makespan"]
    elif kind == "late":
        # A task without successors that decides no deadline, one working
        # day later: still valid, but no longer as early as possible.
        # The program's finish and makespan follow.
        preds = {m.tasks[p].id for p, _, _, _ in m.deps}
        deciders = {d["decided_by"] for d in out["deadlines"]}
        for i, row in enumerate(tasks):
            if row["id"] in preds or row["id"] in deciders:
                continue
            tasks[i] = shifted(m, cals, row, +1)
            last = max(r["finish"] for r in tasks)
            out["finish"] = last
            out["makespan"] = V.parse_date(last) - m.start + 1
            expect = "FAIL %s: could start one working day earlier" \
                % row["id"]
            break
    elif kind == "crews":
        out["crews_limiting"] = True
        expect = "over capacity"
    elif kind == "calendar":
        mid["calendar"] = "no-such-calendar"
        expect = "FAIL %s: calendar no-such-calendar" % mid["id"]
    else:
        raise SystemExit("unknown mutation " + kind)
    if expect is None:
        print("SKIP")
        return
    save(out, dst)
    print(expect)


def sweep(model, src):
    """Every task, one at a time, one working day earlier: the verifier
    must report a broken dependency or release for that very task."""
    sched = load(src)
    m, cals = calendars(model, sched)
    bad = []
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        for i, row in enumerate(sched["tasks"]):
            out = copy.deepcopy(sched)
            out["tasks"][i] = shifted(m, cals, row, -1)
            save(out, path)
            fails, _ = V.verify(model, path)
            mine = [f for f in fails if f.startswith("FAIL %s: " % row["id"])
                    and ("violates" in f or "starts" in f and "before" in f)]
            if not mine:
                bad.append("%s -> %s: %s" % (row["id"], out["tasks"][i]["start"],
                                             fails or "verifier passed"))
    finally:
        os.unlink(path)
    for b in bad:
        print(b)
    print("%d of %d moves not caught" % (len(bad), len(sched["tasks"])))
    return 1 if bad else 0


def crews_ok(model, src):
    """With every crew count raised to 1000 and crews declared limiting,
    the same schedule must pass."""
    import re
    with open(model, encoding="utf-8") as f:
        text = re.sub(r"count: *\d+", "count: 1000", f.read())
    sched = load(src)
    sched["crews_limiting"] = True
    d = tempfile.mkdtemp()
    try:
        mp, sp = os.path.join(d, "m.yaml"), os.path.join(d, "s.json")
        with open(mp, "w", encoding="utf-8") as f:
            f.write(text)
        save(sched, sp)
        fails, _ = V.verify(mp, sp)
    finally:
        for x in os.listdir(d):
            os.unlink(os.path.join(d, x))
        os.rmdir(d)
    print("\n".join(fails) if fails else "ok with ample crews")
    return 1 if fails else 0


def hand(src, table):
    """Results worked out by hand: lines "TASK START FINISH", or
    "deadline SITE/ID DECIDED_BY SLACK PLANNED MET"."""
    sched = load(src)
    rows = {r["id"]: r for r in sched["tasks"]}
    dls = {"%s/%s" % (d["site"], d["id"]): d for d in sched["deadlines"]}
    bad = 0
    with open(table, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].split()
            if not line:
                continue
            if line[0] == "deadline":
                d = dls.get(line[1])
                want = tuple(line[2:])
                got = d and (d["decided_by"], str(d["slack"]), d["planned"],
                             json.dumps(d["met"]))
            else:
                r = rows.get(line[0])
                want = tuple(line[1:])
                got = r and (r["start"], r["finish"])
            if got != want:
                print("%s: expected %s, planner %s" % (line[0], want, got))
                bad += 1
    return 1 if bad else 0


SELF_MODEL = """
program: {id: self, name: Self test, start: 2026-03-02}
calendars:
  - {id: wk, holidays: none}
  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun], holidays: none}
sites:
  - id: s
    tasks:
      - {id: x, duration: 1}
"""

# (pred calendar, pred duration, pred start, kind, lag, succ calendar,
#  succ duration, earliest succ start, earliest succ finish), by hand.
SELF_CASES = [
    ("wk", 5, "2026-03-09", "FS", 0, "wk", 2, "2026-03-16", "2026-03-17"),
    ("wk", 1, "2026-03-09", "FS", 2, "wk", 1, "2026-03-12", "2026-03-12"),
    ("wk", 3, "2026-03-09", "FS", -1, "wk", 1, "2026-03-11", "2026-03-11"),
    ("wk", 1, "2026-03-16", "FF", -1, "wk", 1, "2026-03-13", "2026-03-13"),
    ("wk", 1, "2026-03-13", "FF", 1, "wk", 2, "2026-03-13", "2026-03-16"),
    ("wk", 2, "2026-03-09", "SS", 1, "wk", 0, "2026-03-09", "2026-03-09"),
    ("wk", 2, "2026-03-09", "SS", 1, "wk", 3, "2026-03-10", "2026-03-12"),
    ("wk", 2, "2026-03-11", "SF", 0, "wk", 1, "2026-03-10", "2026-03-10"),
    ("wk", 2, "2026-03-09", "SF", 1, "wk", 1, "2026-03-09", "2026-03-09"),
    ("wk", 2, "2026-03-09", "SF", 0, "wk", 1, "2026-03-09", "2026-03-09"),
    ("wk", 5, "2026-03-09", "FS", 0, "wk", 0, "2026-03-13", "2026-03-13"),
    ("wk", 0, "2026-03-13", "FS", 0, "wk", 1, "2026-03-16", "2026-03-16"),
    ("wk", 0, "2026-03-13", "FS", -1, "wk", 0, "2026-03-12", "2026-03-12"),
    ("all", 2, "2026-03-13", "FF", 0, "wk", 1, "2026-03-16", "2026-03-16"),
    ("all", 2, "2026-03-13", "FS", 1, "wk", 0, "2026-03-16", "2026-03-16"),
    ("all", 2, "2026-03-13", "FF", -1, "wk", 0, "2026-03-12", "2026-03-12"),
    ("wk", 1, "2026-03-13", "FS", 1, "all", 1, "2026-03-15", "2026-03-15"),
    ("wk", 2, "2026-03-09", "SS", -2, "all", 1, "2026-03-07", "2026-03-07"),
]


def selftest():
    fd, path = tempfile.mkstemp(suffix=".yaml")
    with os.fdopen(fd, "w") as f:
        f.write(SELF_MODEL)
    try:
        m = V.load_model(path)
    finally:
        os.unlink(path)
    lo = V.parse_date("2026-01-01")
    cals = {i: V.Calendar(m, i, lo, lo + 400, {}) for i in range(len(m.cals))}
    bad = 0
    for pc, pd, ps, kind, lag, sc, sd, es, ef in SELF_CASES:
        p, s = V.Task(), V.Task()
        p.cal, p.duration = m.cal_index[pc], pd
        s.cal, s.duration = m.cal_index[sc], sd
        m.tasks = [p, s]
        pcal, scal = cals[p.cal], cals[s.cal]
        a = V.parse_date(ps)
        b = a if pd == 0 else pcal.days[pcal.W(a) + pd - 1]
        S, F = {}, {}
        S[0], F[0] = V.points(p, a, b)
        got = None
        for day in scal.days:
            e = day if sd == 0 else scal.days[scal.W(day) + sd - 1]
            S[1], F[1] = V.points(s, day, e)
            if V.dep_ok(cals, m, (0, 1, kind, lag), S, F)[0]:
                got = (V.fmt(day), V.fmt(e))
                break
        if got != (es, ef):
            print("%s %d from %s, %s%+d -> %s %d: expected %s..%s, verifier "
                  "allows %s" % (pc, pd, ps, kind, lag, sc, sd, es, ef, got))
            bad += 1
    print("%d of %d hand-worked dependencies agree"
          % (len(SELF_CASES) - bad, len(SELF_CASES)))
    return 1 if bad else 0


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "mutate":
        mutate(*sys.argv[2:6])
    elif cmd == "sweep":
        sys.exit(sweep(*sys.argv[2:4]))
    elif cmd == "crews_ok":
        sys.exit(crews_ok(*sys.argv[2:4]))
    elif cmd == "hand":
        sys.exit(hand(*sys.argv[2:4]))
    elif cmd == "selftest":
        sys.exit(selftest())
PYEOF
export VERIFY_DIR="$HERE" PYTHONDONTWRITEBYTECODE=1
H="$PY $TMP/helper.py"

# Results worked out by hand from a wall calendar (see each model's notes).
cat > "$TMP/decider.yaml.hand" <<'EOF'
deadline s/by_march s/early 0 2026-03-20 true
deadline t/by_apr3 t/tail -3 2026-04-07 false
EOF
cat > "$TMP/deps.yaml.hand" <<'EOF'
a/dig     2026-03-02 2026-03-04
a/found   2026-03-05 2026-03-10
a/cure    2026-03-12 2026-03-16   # 7-day, FS+1 from Tue evening: Wed elapses
a/frame   2026-03-13 2026-03-19   # cure -2: back Mon, Fri -> Fri
a/roof    2026-03-18 2026-03-20   # frame FF+1: finish Fri
a/wire    2026-03-16 2026-03-17   # frame SF+3 from Fri morning: Fri Mon Tue
a/inspect 2026-03-20 2026-03-20   # milestone after roof (Fri evening)
a/hand    2026-03-23 2026-03-24   # after a milestone of Friday: Monday
a/paint   2026-03-13 2026-03-18   # roof FF-2: finish Wed
a/clean   2026-03-20 2026-03-20   # 7-day, hand SS-3 from Mon morning: Fri
a/gate    2026-03-13 2026-03-13   # 7-day milestone, paint SS+1: Fri evening
a/sign    2026-03-11 2026-03-12   # gate SF-1: finish Thu
a/done    2026-03-24 2026-03-24
b/survey  2026-03-05 2026-03-06   # start_within 03-05..03-09 (site entry)
b/dig     2026-03-09 2026-03-11
b/cure    2026-03-14 2026-03-14   # 7-day milestone, found FS+1: Saturday
b/frame   2026-03-25 2026-03-31   # start_not_before 03-25
b/m1      2026-03-23 2026-03-23   # a/inspect SS+1 (Fri evening): Monday
b/tail    2026-03-24 2026-03-26   # a/done SF+2 (Tue evening): finish Thu
b/done    2026-04-03 2026-04-03
EOF

# ------------------------------------------------------------- self-test
if out=$($H selftest 2>&1); then
    pass "selftest: $out"
else
    fail "selftest: $out"
fi

# ------------------------------------------------------------ the cases
MUTATIONS="day_earlier sunday met slack date drop twice makespan late calendar crews"
for model in "$HERE"/cases/*.yaml "$HERE"/cases/*.json; do
    [ -f "$model" ] || continue
    name=$(basename "$model")
    dir=$TMP/$name
    if ! "$PLANNER" plan "$model" --out "$dir" -q >"$TMP/plan.out" 2>&1; then
        fail "$name: planner failed: $(cat "$TMP/plan.out")"
        continue
    fi
    sched=$dir/schedule.json
    if out=$($PY "$VERIFY" "$model" "$sched" 2>&1); then
        pass "$name: $out"
    else
        fail "$name: verifier rejects the planner's schedule:"
        echo "$out" | sed 's/^/     /'
        continue
    fi
    if [ -f "$TMP/$name.hand" ]; then
        if out=$($H hand "$sched" "$TMP/$name.hand" 2>&1); then
            pass "$name: hand-worked results"
        else
            fail "$name: hand-worked dates:"
            echo "$out" | sed 's/^/     /'
        fi
    fi
    for mut in $MUTATIONS; do
        bad=$TMP/$name.$mut.json
        expect=$($H mutate "$mut" "$model" "$sched" "$bad" 2>&1) || {
            fail "$name/$mut: mutation failed: $expect"
            continue
        }
        [ "$expect" = SKIP ] && continue
        if [ "$mut" = crews ] && ! grep -q 'crews:' "$model"; then
            # No crew demands: declaring crews limiting changes nothing.
            if out=$($PY "$VERIFY" "$model" "$bad" 2>&1); then
                pass "$name/$mut: no crews, still ok"
            else
                fail "$name/$mut: no crews yet rejected: $out"
            fi
            continue
        fi
        out=$($PY "$VERIFY" "$model" "$bad" 2>&1)
        rc=$?
        if [ $rc -ne 1 ]; then
            fail "$name/$mut: verifier exit $rc, expected 1: $out"
        elif ! printf '%s\n' "$out" | grep -qF -- "$expect"; then
            fail "$name/$mut: expected a line with '$expect', got:"
            echo "$out" | sed 's/^/     /'
        else
            pass "$name/$mut: $(printf '%s\n' "$out" | grep -F -- "$expect" | head -1)"
        fi
    done
    if grep -q 'crews:' "$model"; then
        if out=$($H crews_ok "$model" "$sched" 2>&1); then
            pass "$name/crews_ok: $out"
        else
            fail "$name/crews_ok:"
            echo "$out" | sed 's/^/     /'
        fi
    fi
    if out=$($H sweep "$model" "$sched" 2>&1); then
        pass "$name/sweep: $(printf '%s\n' "$out" | tail -1)"
    else
        fail "$name/sweep:"
        echo "$out" | sed 's/^/     /'
    fi
done

# ------------------------------------------ known planner disagreements
for model in "$HERE"/cases/xfail/*.yaml; do
    [ -f "$model" ] || continue
    name=xfail/$(basename "$model")
    dir=$TMP/$(basename "$model").x
    if ! "$PLANNER" plan "$model" --out "$dir" -q >"$TMP/plan.out" 2>&1; then
        fail "$name: planner failed: $(cat "$TMP/plan.out")"
        continue
    fi
    out=$($PY "$VERIFY" "$model" "$dir/schedule.json" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
        fail "$name: XPASS ($out): the planner agrees now; move the case" \
             "to cases/ and delete its .expected"
    elif [ "$out" = "$(cat "${model%.yaml}.expected")" ]; then
        pass "$name: known disagreement, $(printf '%s\n' "$out" | wc -l) line(s) as expected"
    else
        fail "$name: verifier output differs from ${model%.yaml}.expected:"
        echo "$out" | sed 's/^/     /'
    fi
done

# -------------------------------------------------------- the example
D50=$ROOT/examples/district-50.yaml
if [ -f "$D50" ]; then
    if "$PLANNER" plan "$D50" --out "$TMP/d50" -q >"$TMP/plan.out" 2>&1; then
        t0=$(date +%s%N)
        out=$($PY "$VERIFY" "$D50" "$TMP/d50/schedule.json" 2>&1)
        rc=$?
        ms=$(( ($(date +%s%N) - t0) / 1000000 ))
        if [ $rc -eq 0 ] && [ $ms -lt 2000 ]; then
            pass "district-50.yaml: $out (${ms} ms)"
        else
            fail "district-50.yaml (exit $rc, ${ms} ms):"
            echo "$out" | sed 's/^/     /'
        fi
    else
        fail "district-50.yaml: planner failed: $(cat "$TMP/plan.out")"
    fi
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
