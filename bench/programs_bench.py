#!/usr/bin/python3
"""programs_bench.py -- the planner and TaskJuggler side by side on whole
construction programs.

usage: programs_bench.py [--planner PATH] [--planner-label TEXT]
                         [--tj3 PATH] [--time-limit T]
                         [--programs A.yaml,B.yaml] [--work DIR]
                         [--agree] [--no-tj3] [--csv FILE]

For each program (default: examples/district-50.yaml,
bench/programs/district-200.yaml and district-500.yaml):

  planner  `planner plan MODEL --out DIR --quiet [--time-limit T]` (the
           option only if this planner has it); deadlines and lateness from
           its schedule.json: a deadline is missed when "met" is false, late
           by -slack working days, weighted by its site's weight.
  tj3      the model converted by to_tj3.py (crews as resources), then
           `tj3 --silent -o DIR X.tjp`; its CSV report read back and the
           deadlines evaluated by the planner's rule (to_tj3.
           evaluate_deadlines: working days of the bound task's calendar
           between the deadline and the planned date). The same evaluator
           is run over the planner's dates as a check of that claim.

Each tool runs alone as a child process; wall time from a monotonic clock,
CPU time and peak memory from wait4's rusage of the tool process (through
GNU time when installed, see run()). One table, and the planner/tj3 time
ratio per program.

--agree: also the spot check that the TaskJuggler project means the same:
tj3 on the program converted with --no-crews against the planner's
critical-path dates, task by task. The planner gets a copy of the model
whose tasks' `crews` are emptied ({}), so it runs the critical path.

Exit status 0 unless something could not run at all (a tool crashing or a
file missing is reported in the table and gives 1).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import to_tj3  # noqa: E402

DEFAULT_PROGRAMS = [
    os.path.join(ROOT, "examples", "district-50.yaml"),
    os.path.join(HERE, "programs", "district-200.yaml"),
    os.path.join(HERE, "programs", "district-500.yaml"),
]


GNU_TIME = "/usr/bin/time"


def run(argv, log):
    """Run argv alone; (exit status, wall s, cpu s, peak MiB).

    Peak memory is ru_maxrss from wait4. Not of a direct child of this
    script, though: Linux folds the RSS a process had before exec into its
    ru_maxrss, and a child forked from Python starts with Python's pages
    (a 200 MiB parent made the planner's 9 MiB read 213 MiB). So when GNU
    time is there, it runs the tool and reports the tool's own wait4
    figures (its %M is ru_maxrss; time itself is ~2 MiB)."""
    timed = os.access(GNU_TIME, os.X_OK)
    rfile = log + ".rusage"
    if timed:
        argv = [GNU_TIME, "-f", "%M %U %S", "-o", rfile] + argv
    with open(log, "wb") as out:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    cpu, mib = ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0
    if timed:
        try:
            with open(rfile, encoding="utf-8") as f:
                kb, u, s = f.read().split("\n")[-2].split()
            cpu, mib = float(u) + float(s), int(kb) / 1024.0
        except (OSError, ValueError, IndexError):
            pass
    return rc, wall, cpu, mib


def tail(path, n=3):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [x.rstrip() for x in f if x.strip()]
        return " | ".join(lines[-n:])
    except OSError:
        return ""


def planner_has(planner, option):
    try:
        r = subprocess.run([planner, "plan", "--help"], capture_output=True,
                           text=True, timeout=30)
        return option in r.stdout + r.stderr
    except (OSError, subprocess.SubprocessError):
        return False


def planner_has_command(planner, command):
    try:
        r = subprocess.run([planner, "--help"], capture_output=True,
                           text=True, timeout=30)
        return ("\n  %s " % command) in r.stdout
    except (OSError, subprocess.SubprocessError):
        return False


def planner_version(planner):
    try:
        r = subprocess.run([planner, "--version"], capture_output=True,
                           text=True, timeout=30)
        v = r.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        v = "?"
    try:
        r = subprocess.run(["git", "-C", ROOT, "log", "-1",
                            "--format=%h %cs"], capture_output=True,
                           text=True, timeout=30)
        d = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
                            "--untracked-files=no", "--", "CMakeLists.txt",
                            "models", "calendars", "planner"],
                           capture_output=True, text=True, timeout=30)
        v += " (sources at %s%s)" % (r.stdout.strip(), ", modified"
                                     if d.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return v


def schedule_dates(sched):
    P = to_tj3.parse_date
    return {r["id"]: (P(r["start"]), P(r["finish"])) for r in sched["tasks"]}


def strip_crews(text):
    """The model text with every task's `crews` value replaced by {} (edited
    in place at the YAML node's position, so everything else stays as
    written)."""
    root = yaml.compose(text)

    def get(node, key):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    return v
        return None

    spans = []
    for sec in ("templates", "sites"):
        seq = get(root, sec)
        for item in (seq.value if isinstance(seq, yaml.SequenceNode) else []):
            tasks = get(item, "tasks")
            for t in (tasks.value if isinstance(tasks, yaml.SequenceNode)
                      else []):
                v = get(t, "crews")
                if v is not None:
                    spans.append((v.start_mark.index, v.end_mark.index))
    for a, b in sorted(spans, reverse=True):
        text = text[:a] + "{}" + text[b:]
    return text


def planner_row(m, cals, planner, model, work, limit):
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "planner")
    shutil.rmtree(out, ignore_errors=True)
    argv = [planner, "plan", model, "--out", out, "--quiet"]
    if limit is not None:
        argv += ["--time-limit", str(limit)]
    log = os.path.join(work, "planner.log")
    rc, wall, cpu, mib = run(argv, log)
    row = {"tool": "planner", "wall": wall, "cpu": cpu, "mib": mib}
    path = os.path.join(out, "schedule.json")
    if not os.path.exists(path) or (rc != 0 and rc != 5):
        row["status"] = "exit %d: %s" % (rc, tail(log))
        return row, None
    with open(path, encoding="utf-8") as f:
        sched = json.load(f)
    weight = {s["id"]: float(s.get("weight", 1)) for s in sched["sites"]}
    dls = sched["deadlines"]
    row["missed"] = sum(1 for d in dls if d["met"] is False)
    row["late"] = sum(weight[d["site"]] * max(0, -d["slack"])
                      for d in dls if d["met"] is False)
    row["finish"] = sched.get("finish")
    status = sched.get("status", "?")
    if not sched.get("crews_limiting", False):
        status = "critical path, crews not limiting (%s)" % status
    else:
        status += " (%s)" % sched.get("method", "?")
        if sched.get("gap") is not None:
            status += ", gap %.1f%%" % (100.0 * sched["gap"])
        if sched.get("lower_bound") is not None:
            status += ", bound %g" % sched["lower_bound"]
    row["status"] = status if rc == 0 else "exit %d, %s" % (rc, status)
    # The same rule through to_tj3's evaluator: must give the same numbers.
    ev = to_tj3.evaluate_deadlines(m, cals, schedule_dates(sched))
    mine = {(r[0], r[1]): (r[3], r[4]) for r in ev}
    off = [d for d in dls
           if mine.get((d["site"], d["id"])) != (d["slack"], d["met"])]
    if off:
        row["status"] += "; evaluator disagrees on %d deadlines" % len(off)
    return row, sched


def export_row(planner, model, work):
    """Times `planner export` of the plan just made: load the model, read
    the plan back and check it, render and write every calendar."""
    plan = os.path.join(work, "planner")
    out = os.path.join(work, "export")
    shutil.rmtree(out, ignore_errors=True)
    log = os.path.join(work, "export.log")
    rc, wall, cpu, mib = run([planner, "export", model, "--plan", plan,
                              "--out", out], log)
    if rc != 0:
        return {"status": "exit %d: %s" % (rc, tail(log))}
    files = [f for f in os.listdir(out) if f.endswith(".ics")]
    events = size = 0
    for f in files:
        path = os.path.join(out, f)
        size += os.path.getsize(path)
        with open(path, "rb") as fh:
            events += sum(1 for x in fh if x.startswith(b"BEGIN:VEVENT"))
    return {"wall": wall, "cpu": cpu, "mib": mib, "files": len(files),
            "events": events, "size": size}


def tj3_row(m, cals, tj3, model, work, crews=True):
    out = os.path.join(work, "tj3" if crews else "tj3-no-crews")
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.monotonic()
    tjp = to_tj3.convert(m, out, crews=crews)
    conv = time.monotonic() - t0
    log = os.path.join(out, "tj3.log")
    rc, wall, cpu, mib = run([tj3, "--silent", "--no-color", "-o", out, tjp],
                             log)
    with open(os.path.join(out, "map.json"), encoding="utf-8") as f:
        n_tj = json.load(f)["tj3_tasks"]
    row = {"tool": "tj3", "wall": wall, "cpu": cpu, "mib": mib,
           "convert": conv, "tj3_tasks": n_tj, "size": os.path.getsize(tjp)}
    if rc != 0 or not os.path.exists(os.path.join(out, "tasks.csv")):
        row["status"] = "exit %d: %s" % (rc, tail(log))
        return row, None
    dates, stretched = to_tj3.read_tj3_dates(m, cals, out)
    ev = to_tj3.evaluate_deadlines(m, cals, dates)
    row["missed"], row["late"] = to_tj3.lateness(m, ev)
    row["finish"] = to_tj3.fmt(max(f for _, f in dates.values()))
    warn = sum(1 for x in open(log, encoding="utf-8", errors="replace")
               if "Warning:" in x)
    row["status"] = "%d tj3 tasks, %d interrupted" % (n_tj, stretched)
    row["warnings"] = warn
    return row, dates


def fmt_row(prog, ntasks, r):
    def num(k, f):
        return f % r[k] if k in r and r[k] is not None else "-"
    return "%-13s %6s  %-7s %9s %9s %8s  %-10s %6s %9s  %s" % (
        prog, ntasks, r["tool"], num("wall", "%.2f"), num("cpu", "%.2f"),
        num("mib", "%.1f"), r.get("finish") or "-", num("missed", "%d"),
        num("late", "%.0f"), r.get("status", ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--planner", default=None,
                    help="planner executable (default: build*/planner)")
    ap.add_argument("--planner-label",
                    help="describe the planner build in the header (default: "
                         "its --version and this tree's commit)")
    ap.add_argument("--tj3", default=shutil.which("tj3") or "tj3")
    ap.add_argument("--time-limit", type=float, default=60,
                    help="passed to planner plan when it has --time-limit")
    ap.add_argument("--programs", default=",".join(DEFAULT_PROGRAMS))
    ap.add_argument("--work", help="keep outputs here (default: a temporary "
                                   "directory, removed)")
    ap.add_argument("--agree", action="store_true",
                    help="also compare tj3 --no-crews with the planner's "
                         "critical-path dates")
    ap.add_argument("--no-tj3", action="store_true")
    ap.add_argument("--csv", help="also write the rows as CSV")
    a = ap.parse_args()

    planner = a.planner
    if planner is None:
        for d in ("build-rel", "build", "B"):
            if os.access(os.path.join(ROOT, d, "planner"), os.X_OK):
                planner = os.path.join(ROOT, d, "planner")
                break
    if planner is None or not os.access(planner, os.X_OK):
        sys.stderr.write("programs_bench: no planner executable (--planner)\n")
        return 1
    if not a.no_tj3 and not shutil.which(a.tj3):
        sys.stderr.write("programs_bench: tj3 not found (--tj3, or "
                         "--no-tj3)\n")
        return 1
    limit = a.time_limit if planner_has(planner, "--time-limit") else None
    work = a.work or tempfile.mkdtemp(prefix="programs-bench-")
    os.makedirs(work, exist_ok=True)

    print("planner: %s %s%s" % (planner, a.planner_label or
                                planner_version(planner),
                                "" if limit is not None else
                                " (no --time-limit: critical path only)"))
    if not a.no_tj3:
        v = subprocess.run([a.tj3, "--version"], capture_output=True,
                           text=True).stdout.strip()
        print("tj3:     %s" % v)
    print("time limit: %s; load average at start: %s\n"
          % ("%g s" % limit if limit is not None else "-",
             " ".join("%.2f" % x for x in os.getloadavg())))
    head = "%-13s %6s  %-7s %9s %9s %8s  %-10s %6s %9s  %s" % (
        "program", "tasks", "tool", "wall s", "cpu s", "peak MiB", "finish",
        "missed", "w.late", "status / gap")
    print(head)
    print("-" * len(head))
    rows, ratios, agree, failed, exports = [], [], [], False, []
    for model in a.programs.split(","):
        m = to_tj3.load_model(model)
        prog = m.id
        end = max([d["to"] for d in m.deadlines] + [m.start]) + 366
        cals = to_tj3.compile_calendars(m, m.start - 7, end + 7)
        wdir = os.path.join(work, prog)
        os.makedirs(wdir, exist_ok=True)
        pr, sched = planner_row(m, cals, planner, model, wdir, limit)
        print(fmt_row(prog, len(m.tasks), pr), flush=True)
        rows.append((prog, len(m.tasks), pr))
        failed |= sched is None
        if sched is not None and planner_has_command(planner, "export"):
            exports.append((prog, export_row(planner, model, wdir)))
        if a.no_tj3:
            continue
        tr, _ = tj3_row(m, cals, a.tj3, model, wdir)
        print(fmt_row(prog, len(m.tasks), tr), flush=True)
        rows.append((prog, len(m.tasks), tr))
        failed |= "missed" not in tr
        if tr.get("wall"):
            ratios.append((prog, pr["wall"] / tr["wall"],
                           pr["cpu"] / tr["cpu"] if tr["cpu"] else None))
        if a.agree:
            free = os.path.join(wdir, "no-crews.yaml")
            with open(model, encoding="utf-8") as f:
                text = strip_crews(f.read())
            with open(free, "w", encoding="utf-8") as f:
                f.write(text)
            cr, csched = planner_row(m, cals, planner, free,
                                     os.path.join(wdir, "cpm"), None)
            nr, dates = tj3_row(m, cals, a.tj3, model, wdir, crews=False)
            if dates is None or csched is None:
                agree.append((prog, "failed: planner %s; tj3 %s"
                              % (cr["status"], nr["status"])))
                failed = True
                continue
            early = csched.get("method")
            want = schedule_dates(csched)
            same = [t for t in want if dates[t] == want[t]]
            diff = [(t, want[t], dates[t]) for t in want if dates[t] != want[t]]
            nr["planner_missed"], nr["planner_late"] = cr.get("missed"), \
                cr.get("late")
            agree.append((prog, len(same), len(want), diff, early, nr))
    print()
    if exports:
        print("calendar export (`planner export MODEL --plan DIR --out DIR2`: "
              "load, read the plan back, check it, render and write every "
              ".ics)")
        print("%-13s %6s %8s %9s %9s %8s" % ("program", "files", "events",
                                              "MiB", "wall s", "peak MiB"))
        for prog, e in exports:
            if "wall" not in e:
                print("%-13s %s" % (prog, e["status"]))
                failed = True
                continue
            print("%-13s %6d %8d %9.1f %9.2f %8.1f" % (
                prog, e["files"], e["events"], e["size"] / 1048576.0,
                e["wall"], e["mib"]))
        print()
    for prog, r, c in ratios:
        print("time planner/tj3 %-13s wall %.4f  cpu %s"
              % (prog, r, "%.4f" % c if c is not None else "-"))
    for item in agree:
        if len(item) == 2:
            print("agreement %s: %s" % item)
            continue
        prog, same, total, diff, early, nr = item
        print("\nagreement %s: tj3 --no-crews (%.1f s, %d tj3 tasks) vs the "
              "planner without crews (method %s): %d of %d tasks have the "
              "same start and finish" % (prog, nr["wall"], nr["tj3_tasks"],
                                         early, same, total))
        print("  deadlines missed / weighted lateness: planner %s / %s, "
              "tj3 %s / %s" % (nr["planner_missed"], nr["planner_late"],
                               nr.get("missed"), nr.get("late")))
        F = to_tj3.fmt
        for t, (ps, pf), (ts, tf) in diff[:20]:
            print("  %-28s planner %s..%s  tj3 %s..%s%s"
                  % (t, F(ps), F(pf), F(ts), F(tf),
                     "  (same finish)" if pf == tf else ""))
        if len(diff) > 20:
            print("  ... %d more" % (len(diff) - 20))
    if a.csv:
        with open(a.csv, "w", encoding="utf-8") as f:
            f.write("program,tasks,tool,wall_s,cpu_s,peak_mib,finish,"
                    "missed,weighted_lateness,status\n")
            for prog, n, r in rows:
                f.write("%s,%d,%s,%.3f,%.3f,%.1f,%s,%s,%s,\"%s\"\n" % (
                    prog, n, r["tool"], r["wall"], r["cpu"], r["mib"],
                    r.get("finish", ""), r.get("missed", ""),
                    r.get("late", ""), r.get("status", "").replace('"', "'")))
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("\noutputs kept in %s" % work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
