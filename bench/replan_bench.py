#!/usr/bin/python3
"""replan_bench.py -- planning from scratch against replanning (issue 5).

usage: replan_bench.py [--planner PATH] [--time-limit S] [--programs LIST]
                       [--weeks N] [--work DIR]

For each program (default: examples/district-50.yaml and the generated
bench/programs/district-200.yaml and district-500.yaml): `planner plan`
from scratch, then a status file written from that plan (below), then
`planner replan` against it, both with the same time limit; both schedules
are checked by the independent verifier (tests/verify, the replan with
--status and --baseline). One table: wall time, objective and status of
each, tasks and working days moved, calendar entries updated and
cancelled, and replan/plan time. The bundled example's own status file
(examples/district-50-status-2027-02-26.yaml) is replanned too, at a few
time limits, to show time against quality.

The status written for a program, N weeks (default 13) after its start,
deterministically: `assume: planned`; every fifth task the plan has going
on at the status date is behind (its remaining working days are the
planned ones plus half again, counted Monday to Saturday as the program's
site calendar works); the first masonry-like crew kind (the one with the
largest count) loses half its crews for two weeks from the status date;
the first site with work going on is closed for the first three days of
the week after. Standard library and PyYAML only.
"""

import argparse
import datetime
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PROGRAMS = ["examples/district-50.yaml",
                    "bench/programs/district-200.yaml",
                    "bench/programs/district-500.yaml"]
VERIFY = os.path.join(ROOT, "tests", "verify", "verify_schedule.py")


def day(s):
    return datetime.date.fromisoformat(s)


def run(argv):
    """(exit code, wall seconds, peak RSS MiB of the child)."""
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    if p.returncode not in (0, 5):
        sys.stderr.write(p.stderr[-2000:])
    return p.returncode, wall, mib


def crews_of(model_path):
    import yaml
    with open(model_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = []
    for c in doc.get("crews") or []:
        count = c.get("count")
        if count is None:
            count = len(c.get("units") or []) or 1
        out.append((c["id"], int(count)))
    return out


def working_days_after(d, n):
    """The n-th Monday-to-Saturday day after d (the status's remaining days
    only need to be a count; the planner does the calendar)."""
    while n > 0:
        d += datetime.timedelta(days=1)
        if d.weekday() < 6:
            n -= 1
    return d


def write_status(model, plan_dir, weeks, path):
    with open(os.path.join(plan_dir, "schedule.json"), encoding="utf-8") as f:
        sched = json.load(f)
    start = day(sched["start"])
    sd = start + datetime.timedelta(weeks=weeks)
    while sd.weekday() != 4:  # a Friday, the weekly report
        sd += datetime.timedelta(days=1)
    going = [t for t in sched["tasks"]
             if t["duration"] > 0 and day(t["start"]) < sd <= day(t["finish"])]
    lines = ["# Written by bench/replan_bench.py from %s" % plan_dir,
             "status:", "  date: %s" % sd, "  assume: planned", "progress:"]
    for t in going[::5]:
        # Planned still to do, counted Mon-Sat from the status date; half
        # as much again is left.
        left, d = 0, sd
        while d <= day(t["finish"]):
            left += d.weekday() < 6
            d += datetime.timedelta(days=1)
        lines.append("  - {task: %s, started: %s, remaining: %d}"
                     % (t["id"], t["start"], max(1, left + left // 2 + 1)))
    if not going:
        lines.append("  []")
    lines.append("unavailable:")
    crews = sorted(crews_of(model), key=lambda c: -c[1])
    if crews:
        cid, count = crews[0]
        lines.append("  - {crew: %s, count: %d, from: %s, to: %s, reason: bench}"
                     % (cid, max(1, count // 2), sd,
                        sd + datetime.timedelta(days=13)))
    if going:
        site = going[0]["site"]
        mon = sd + datetime.timedelta(days=3)
        lines.append("  - {site: %s, from: %s, to: %s, reason: bench}"
                     % (site, mon, mon + datetime.timedelta(days=2)))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return sd, len(going[::5])


def objective(plan_dir):
    with open(os.path.join(plan_dir, "schedule.json"), encoding="utf-8") as f:
        s = json.load(f)
    o = s.get("objective") or {}
    return "%s %s" % (o.get("value", "-"), s.get("status", "?"))


def moved(plan_dir):
    n = days = 0
    with open(os.path.join(plan_dir, "moved.csv"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i == 0:
                continue
            n += 1
            cells = line.rstrip("\r\n").split(",")
            try:
                days += abs(int(cells[7]))
            except (IndexError, ValueError):
                pass
    return n, days


def calendar_changes(plan_dir):
    seq = cancelled = 0
    for name in os.listdir(plan_dir):
        if not name.endswith(".ics"):
            continue
        with open(os.path.join(plan_dir, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("SEQUENCE:") and line.strip() != "SEQUENCE:0":
                    seq += 1
                elif line.startswith("STATUS:CANCELLED"):
                    cancelled += 1
    return seq, cancelled


def verify(model, plan_dir, status=None, baseline=None):
    argv = ["/usr/bin/python3", VERIFY, model,
            os.path.join(plan_dir, "schedule.json")]
    if status:
        argv += ["--status", status, "--baseline",
                 os.path.join(baseline, "schedule.json")]
    p = subprocess.run(argv, capture_output=True, text=True)
    return p.returncode == 0, (p.stdout + p.stderr).strip().splitlines()[:3]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--planner")
    ap.add_argument("--time-limit", type=float, default=10)
    ap.add_argument("--programs", default=",".join(DEFAULT_PROGRAMS))
    ap.add_argument("--weeks", type=int, default=13)
    ap.add_argument("--work")
    a = ap.parse_args()
    planner = a.planner
    for d in ("build-rel", "build", "B"):
        if planner is None and os.access(os.path.join(ROOT, d, "planner"),
                                         os.X_OK):
            planner = os.path.join(ROOT, d, "planner")
    if not planner:
        sys.stderr.write("replan_bench: no planner (--planner)\n")
        return 1
    work = a.work or tempfile.mkdtemp(prefix="replan-bench-")
    os.makedirs(work, exist_ok=True)
    print("planner: %s; time limit %g s; load average %s"
          % (planner, a.time_limit,
             " ".join("%.2f" % x for x in os.getloadavg())))
    print("  plan:   planner plan MODEL --out BASE --quiet --time-limit T")
    print("  replan: planner replan MODEL STATUS --baseline BASE --out NEW "
          "--quiet --time-limit T\n")
    head = ("%-13s %6s %8s %-18s %8s %-18s %7s %8s %7s %6s %8s %7s"
            % ("program", "tasks", "plan s", "plan objective", "replan s",
               "replan objective", "moved", "w.days", "updated", "cancel",
               "peak MiB", "re/plan"))
    print(head)
    print("-" * len(head))
    failed = False
    for model in a.programs.split(","):
        model = os.path.join(ROOT, model)
        name = os.path.splitext(os.path.basename(model))[0]
        base = os.path.join(work, name, "base")
        new = os.path.join(work, name, "replan")
        status = os.path.join(work, name, "status.yaml")
        for d in (base, new):
            shutil.rmtree(d, ignore_errors=True)
        os.makedirs(os.path.dirname(base), exist_ok=True)
        lim = ["--time-limit", "%g" % a.time_limit]
        rc, t_plan, _ = run([planner, "plan", model, "--out", base,
                             "--quiet"] + lim)
        if rc not in (0, 5):
            print("%-13s plan failed (exit %d)" % (name, rc))
            failed = True
            continue
        write_status(model, base, a.weeks, status)
        rc, t_re, mib = run([planner, "replan", model, status, "--baseline",
                             base, "--out", new, "--quiet"] + lim)
        if rc not in (0, 5):
            print("%-13s replan failed (exit %d)" % (name, rc))
            failed = True
            continue
        ok1, why1 = verify(model, base)
        ok2, why2 = verify(model, new, status, base)
        if not (ok1 and ok2):
            failed = True
            print("%-13s VERIFIER: %s" % (name, "; ".join(why1 + why2)))
        with open(os.path.join(new, "schedule.json"), encoding="utf-8") as f:
            ntasks = len(json.load(f)["tasks"])
        n, days = moved(new)
        seq, canc = calendar_changes(new)
        print("%-13s %6d %8.2f %-18s %8.2f %-18s %7d %8d %7d %6d %8.1f %7.2f"
              % (name, ntasks, t_plan, objective(base), t_re, objective(new),
                 n, days, seq, canc, mib, t_re / t_plan if t_plan else 0))
        sys.stdout.flush()

    # The bundled example's own status file, at a few time limits.
    model = os.path.join(ROOT, "examples", "district-50.yaml")
    status = os.path.join(ROOT, "examples",
                          "district-50-status-2027-02-26.yaml")
    base = os.path.join(work, "example", "base")
    shutil.rmtree(os.path.join(work, "example"), ignore_errors=True)
    os.makedirs(os.path.dirname(base))
    run([planner, "plan", model, "--out", base, "--quiet", "--time-limit",
         "%g" % a.time_limit])
    print("\nexamples/district-50-status-2027-02-26.yaml against the plan of "
          "examples/district-50.yaml:")
    print("%-10s %8s %-22s %7s %8s %s" % ("limit s", "wall s", "objective",
                                          "moved", "w.days", "verified"))
    for lim in (1, 2, 3, 10):
        new = os.path.join(work, "example", "replan-%d" % lim)
        rc, t_re, _ = run([planner, "replan", model, status, "--baseline",
                           base, "--out", new, "--quiet", "--time-limit",
                           str(lim)])
        if rc != 0:
            print("%-10s replan failed (exit %d)" % (lim, rc))
            failed = True
            continue
        ok, why = verify(model, new, status, base)
        failed |= not ok
        n, days = moved(new)
        print("%-10s %8.2f %-22s %7d %8d %s"
              % (lim, t_re, objective(new), n, days,
                 "ok" if ok else "; ".join(why)))
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("\noutputs kept in %s" % work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
