#!/usr/bin/python3
"""PSPLIB side by side: planner vs MiniZinc+Gecode vs CBC (issue 3).

Runs single-mode RCPSP instances (PSPLIB .sm) through each solver with the
same per-instance wall-time limit, one process at a time, and prints one
table per run: instances, proven optimal, wall time (mean / median / 90th
percentile), mean deviation from the best known makespan and from the
critical-path bound, instances without a solution, peak memory, and the
ratios planner/peer.

    /usr/bin/python3 bench/psplib_bench.py --set j30 --sample 48 --time-limit 10
    /usr/bin/python3 bench/psplib_bench.py j30/j301_1.sm j60/j6013_1.sm --solvers gecode
    cmake --build B --target bench-psplib        # the sample of BENCHMARKS.md

Solvers:
  planner  `planner plan X.sm --out DIR --time-limit S --quiet`, reads
           DIR/schedule.json (status, makespan).
  gecode   bench/rcpsp.mzn (cumulative per resource) with the instance as
           .dzn: `minizinc --solver gecode --time-limit MS -i -s`.
  cbc      the planner's own time-indexed MIP (`--write-lp FILE.lp
           --time-limit 0`: windows for makespan <= heuristic - 1),
           solved by `cbc FILE.lp timeMode elapsed sec S solve solu F`;
           the row is the heuristic's schedule improved or proven by CBC.
           `--lp-source own` writes an equivalent LP here instead
           (development fallback; serial SGS heuristic).
Peers get the limit as their own option and are killed (with their
process group) at limit + 5 s; a killed run counts as "no proof" with the
best solution it printed. Python standard library only.
"""

import argparse
import csv
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.environ.get("PSPLIB_DIR", "/work/shared/data/psplib")
MODEL_MZN = os.path.join(HERE, "rcpsp.mzn")
GRACE_S = 5.0  # hard kill at time limit + GRACE_S
SOLVERS = ("planner", "gecode", "cbc")


# ------------------------------------------------------------- instances

class Instance:
    """One single-mode RCPSP: jobs 0..n-1 (dummies included), 0 = source."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path).rsplit(".", 1)[0]
        self.dur, self.succ, self.dem, self.cap = [], [], [], []
        self.horizon = 0
        self._parse(path)

    def _parse(self, path):
        with open(path, encoding="latin-1") as f:
            lines = f.read().splitlines()
        section = None
        n_res = None
        for line in lines:
            tok = line.split()
            if not tok or line.startswith("*") or line.startswith("-" * 8):
                continue
            if line.startswith("horizon"):
                self.horizon = int(tok[-1])
            elif line.startswith("  - renewable"):
                n_res = int(tok[3])
            elif line.startswith("PRECEDENCE RELATIONS"):
                section = "prec"
            elif line.startswith("REQUESTS/DURATIONS"):
                section = "req"
            elif line.startswith("RESOURCEAVAILABILITIES"):
                section = "cap"
            elif line.startswith(("PROJECT", "RESOURCES", "jobnr", "pronr")):
                continue
            elif tok[0].isdigit() and section == "prec":
                self.succ.append([int(t) - 1 for t in tok[3:3 + int(tok[2])]])
            elif tok[0].isdigit() and section == "req":
                self.dur.append(int(tok[2]))
                self.dem.append([int(t) for t in tok[3:]])
            elif section == "cap" and tok[0] != "R":
                self.cap = [int(t) for t in tok]
                section = None
        n = len(self.succ)
        if (n < 2 or len(self.dur) != n or not self.cap
                or (n_res is not None and len(self.cap) != n_res)
                or any(len(r) != len(self.cap) for r in self.dem)
                or any(j <= i or j >= n for i in range(n) for j in self.succ[i])):
            raise ValueError("%s: not a single-mode PSPLIB .sm file" % path)

    @property
    def n(self):
        return len(self.dur)

    def early_starts(self):
        """Earliest starts without resources (jobs are topologically numbered)."""
        es = [0] * self.n
        for i in range(self.n):
            for j in self.succ[i]:
                es[j] = max(es[j], es[i] + self.dur[i])
        return es

    def tails(self):
        """Longest path from each job's start to the sink's start."""
        tl = [0] * self.n
        for i in reversed(range(self.n)):
            for j in self.succ[i]:
                tl[i] = max(tl[i], self.dur[i] + tl[j])
        return tl

    def check(self, starts):
        """The makespan of a start-time vector, or None if it breaks a constraint."""
        if len(starts) != self.n or starts[0] < 0:
            return None
        for i in range(self.n):
            for j in self.succ[i]:
                if starts[i] + self.dur[i] > starts[j]:
                    return None
        end = max(s + d for s, d in zip(starts, self.dur))
        use = [[0] * len(self.cap) for _ in range(end + 1)]
        for j in range(self.n):
            for t in range(starts[j], starts[j] + self.dur[j]):
                for k, q in enumerate(self.dem[j]):
                    use[t][k] += q
                    if use[t][k] > self.cap[k]:
                        return None
        return end

    def serial_sgs(self):
        """Serial schedule generation, latest-finish-time priority. Start times."""
        tl = self.tails()
        preds = [[] for _ in range(self.n)]
        for i in range(self.n):
            for j in self.succ[i]:
                preds[j].append(i)
        use = [[0] * len(self.cap) for _ in range(self.horizon + 1)]
        starts = [None] * self.n
        for _ in range(self.n):
            ready = [j for j in range(self.n) if starts[j] is None
                     and all(starts[p] is not None for p in preds[j])]
            j = max(ready, key=lambda x: (tl[x], -x))  # least LFT = largest tail
            t = max([starts[p] + self.dur[p] for p in preds[j]] + [0])
            while any(use[u][k] + q > self.cap[k]
                      for u in range(t, t + self.dur[j])
                      for k, q in enumerate(self.dem[j])):
                t += 1
            for u in range(t, t + self.dur[j]):
                for k, q in enumerate(self.dem[j]):
                    use[u][k] += q
            starts[j] = t
        return starts


def sort_key(path):
    """j301_10.sm -> (30, 1, 10): numeric order of set, parameter, instance."""
    nums = [int(x) for x in re.findall(r"\d+", os.path.basename(path))]
    return nums, path


def list_instances(args):
    if args.set:
        d = os.path.join(args.data, args.set)
        files = [os.path.join(d, f) for f in os.listdir(d) if f.endswith(".sm")]
    else:
        files = list(args.files)
    files.sort(key=sort_key)
    if args.sample and args.sample < len(files):
        k = len(files) // args.sample  # every k-th, starting with the first
        files = files[::k][:args.sample]
    return files


def load_bounds(data):
    path = os.path.join(data, "solutions", "psplib_bounds.csv")
    out = {}
    if os.path.exists(path):
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                out[row["instance"]] = row
    return out


# ------------------------------------------------------- running a child

class Run:
    """What one child process did: wall time, exit, peak memory, output."""
    wall = 0.0
    returncode = None
    maxrss_kib = 0
    cpu = 0.0
    killed = False
    stdout = ""
    stderr = ""


def run_limited(cmd, kill_after, cwd=None):
    """Runs cmd in its own process group; SIGKILLs the group at kill_after
    seconds. Peak RSS from wait4 (the child and the descendants it waited
    for; KiB on Linux)."""
    run = Run()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd,
                                stdin=subprocess.DEVNULL,
                                start_new_session=True)

        def kill():
            run.killed = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(kill_after, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        run.wall = time.monotonic() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        run.returncode = proc.returncode
        run.maxrss_kib = ru.ru_maxrss
        run.cpu = ru.ru_utime + ru.ru_stime
        if run.killed:  # leftovers of the group (e.g. fzn-gecode)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        out.seek(0)
        err.seek(0)
        run.stdout = out.read().decode("utf-8", "replace")
        run.stderr = err.read().decode("utf-8", "replace")
    return run


def result(inst, solver, run=None, status="error", makespan=None, note=""):
    """One row of the per-instance results."""
    return {
        "instance": inst.name, "solver": solver, "status": status,
        "makespan": makespan,
        "wall_s": round(run.wall, 3) if run else None,
        "cpu_s": round(run.cpu, 3) if run else None,
        "maxrss_kib": run.maxrss_kib if run else None,
        "killed": int(run.killed) if run else 0,
        "prep_s": None, "lower_bound": None, "note": note,
    }


def short(text, n=160):
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "..."


# ---------------------------------------------------------------- planner

def read_planner_schedule(inst, outdir):
    """Reads DIR/schedule.json of `planner plan X.sm`. Returns a dict:
    status, makespan (from the tasks' start days, checked), reported (the
    file's "makespan"), offset (reported - makespan, 0 unless the planner
    is wrong), lower_bound, note; None when there is no file."""
    try:
        with open(os.path.join(outdir, "schedule.json"), encoding="utf-8") as f:
            sched = json.load(f)
    except (OSError, ValueError):
        return None
    out = {"status": sched.get("status") or "error", "makespan": None,
           "reported": sched.get("makespan"), "offset": 0,
           "lower_bound": sched.get("lower_bound"), "note": ""}
    if out["status"] not in ("optimal", "feasible"):
        return out
    # start_day is the job's PSPLIB start period: check the schedule and
    # take its makespan from it (the sink's start).
    starts = [None] * inst.n
    try:
        for t in sched.get("tasks", []):
            starts[int(t["task"]) - 1] = int(t["start_day"])
    except (KeyError, ValueError, IndexError, TypeError):
        pass
    if any(x is None for x in starts):
        out["status"] = "error"
        out["note"] = "schedule.json: tasks do not map to the jobs"
        return out
    makespan = inst.check(starts)
    if makespan is None:
        out["status"] = "error"
        out["note"] = "schedule does not check"
        return out
    out["makespan"] = makespan
    if isinstance(out["reported"], int):
        out["offset"] = out["reported"] - makespan
        if out["offset"]:
            out["note"] = "reported makespan %d" % out["reported"]
    if isinstance(out["lower_bound"], (int, float)):
        out["lower_bound"] -= out["offset"]
    return out


def run_planner(inst, args, tmp):
    outdir = os.path.join(tmp, "planner-out")
    shutil.rmtree(outdir, ignore_errors=True)
    cmd = [args.planner, "plan", inst.path, "--out", outdir,
           "--time-limit", fmt_seconds(args.time_limit), "--quiet"]
    run = run_limited(cmd, args.time_limit + GRACE_S)
    sched = read_planner_schedule(inst, outdir)
    if run.killed:
        if sched is None or sched["makespan"] is None:
            return result(inst, "planner", run, "no_solution", note="killed")
        sched["status"] = "feasible"
        sched["note"] = ("killed " + sched["note"]).strip()
    elif run.returncode not in (0, 5) or sched is None:  # 5: no schedule
        return result(inst, "planner", run, "error",
                      note="exit %s: %s" % (run.returncode, short(run.stderr)))
    r = result(inst, "planner", run, sched["status"], sched["makespan"],
               sched["note"])
    r["lower_bound"] = sched["lower_bound"]
    return r


def fmt_seconds(s):
    return "%g" % s


# ------------------------------------------------------ MiniZinc + Gecode

def write_dzn(inst, path):
    with open(path, "w") as f:
        f.write("n_res = %d;\nrc = %s;\n" % (len(inst.cap), inst.cap))
        f.write("n_jobs = %d;\nd = %s;\n" % (inst.n, inst.dur))
        f.write("rr = [|" + "\n  |".join(
            ", ".join(str(inst.dem[j][k]) for j in range(inst.n))
            for k in range(len(inst.cap))) + " |];\n")
        f.write("suc = [" + ", ".join(
            "{%s}" % ", ".join(str(j + 1) for j in s) for s in inst.succ)
            + "];\n")
        f.write("horizon = %d;\n" % inst.horizon)


def run_gecode(inst, args, tmp):
    dzn = os.path.join(tmp, inst.name + ".dzn")
    write_dzn(inst, dzn)
    cmd = [args.minizinc, "--solver", "gecode",
           "--time-limit", str(int(args.time_limit * 1000)),
           "-i", "-s", args.model, dzn]
    run = run_limited(cmd, args.time_limit + GRACE_S, cwd=tmp)
    out = run.stdout
    starts = None
    makespan = None
    # Solutions are separated by "----------"; the last one is the best.
    for m in re.finditer(r"makespan = (\d+);\s*s = \[([\d, ]*)\];", out):
        makespan = int(m.group(1))
        starts = [int(x) for x in m.group(2).split(",")]
    if "=====ERROR=====" in out or (run.returncode != 0 and not run.killed
                                     and makespan is None):
        errors = [l for l in (run.stderr + out).splitlines() if "rror" in l]
        return result(inst, "gecode", run, "error",
                      note=short(" ".join(errors) or run.stderr or out))
    if "=====UNSATISFIABLE=====" in out:
        return result(inst, "gecode", run, "infeasible")
    if makespan is None:
        return result(inst, "gecode", run, "no_solution",
                      note="killed" if run.killed else "")
    if inst.check(starts) != makespan:
        return result(inst, "gecode", run, "error", makespan,
                      note="schedule does not check")
    proven = re.search(r"^==========\s*$", out, re.M) and not run.killed
    r = result(inst, "gecode", run, "optimal" if proven else "feasible",
               makespan, note="killed" if run.killed else "")
    m = re.search(r"%%%mzn-stat: failures=(\d+)", out)
    if m:
        r["note"] = (r["note"] + " failures=" + m.group(1)).strip()
    return r


# -------------------------------------------------------------------- CBC
#
# The planner proves what it can before any MIP (critical-path bound,
# propagation). Otherwise --write-lp writes its MIP "is there a schedule of
# makespan <= heuristic - 1" (windows at UB - 1, objective Cmax). So the
# CBC row is: the planner's heuristic schedule, improved or proven optimal
# by CBC on that file (infeasible = the heuristic is optimal); instances
# closed before the MIP count as proven with no CBC run (time 0).

def planner_lp(inst, args, tmp, lp):
    """Runs the planner's heuristic and writes its MIP. Returns (heuristic:
    read_planner_schedule() dict or None, error text or None, seconds)."""
    outdir = os.path.join(tmp, "planner-lp")
    shutil.rmtree(outdir, ignore_errors=True)
    cmd = [args.planner, "plan", inst.path, "--out", outdir,
           "--write-lp", lp, "--time-limit", "0", "--quiet"]
    run = run_limited(cmd, 60 + args.time_limit)
    heur = read_planner_schedule(inst, outdir)
    if run.returncode != 0 or heur is None or heur["makespan"] is None:
        return heur, ("planner --write-lp: exit %s: %s"
                      % (run.returncode, short(run.stderr))), run.wall
    if not os.path.exists(lp) and heur["status"] != "optimal":
        return heur, "planner --write-lp wrote no LP", run.wall
    return heur, None, run.wall


def own_lp(inst, args, tmp, lp):
    """Development fallback for --write-lp, the same shape: serial SGS
    heuristic; if it does not meet the critical-path bound, the time-indexed
    step model (z_j_t = 1 iff job j has started by period t) with windows
    for makespan <= SGS - 1, objective Cmax. Returns like planner_lp()."""
    t0 = time.monotonic()
    ub = inst.check(inst.serial_sgs())
    es, tl = inst.early_starts(), inst.tails()
    heur = {"status": "feasible", "makespan": ub, "offset": 0, "note": ""}
    if ub == tl[0]:
        heur["status"] = "optimal"
        return heur, None, time.monotonic() - t0
    H = ub - 1
    ls = [H - tl[j] for j in range(inst.n)]
    ls[0] = 0  # the source starts at 0

    def z(j, t):
        """(variable name, None) inside j's window, else (None, 0 or 1)."""
        if t < es[j]:
            return None, 0
        if t >= ls[j]:
            return None, 1
        return "z%d_%d" % (j + 1, t), None

    rows = []  # (name, [(coef, var)], sense, rhs)

    def row(name, terms, sense, rhs):
        lhs = []
        for c, (v, const) in terms:
            if v is None:
                rhs -= c * const
            else:
                lhs.append((c, v))
        if lhs:
            rows.append((name, lhs, sense, rhs))

    for j in range(inst.n):
        for t in range(es[j], ls[j] - 1):
            row("m%d_%d" % (j + 1, t), [(1, z(j, t)), (-1, z(j, t + 1))], "<=", 0)
    for i in range(inst.n):
        for j in inst.succ[i]:
            for t in range(es[j], ls[j]):
                row("p%d_%d_%d" % (i + 1, j + 1, t),
                    [(1, z(j, t)), (-1, z(i, t - inst.dur[i]))], "<=", 0)
    for k, cap in enumerate(inst.cap):
        for t in range(H):
            live = [j for j in range(inst.n) if inst.dem[j][k] and inst.dur[j]
                    and es[j] <= t < ls[j] + inst.dur[j]]
            if sum(inst.dem[j][k] for j in live) <= cap:
                continue
            terms = []
            for j in live:
                q = inst.dem[j][k]
                terms += [(q, z(j, t)), (-q, z(j, t - inst.dur[j]))]
            row("r%d_%d" % (k + 1, t), terms, "<=", cap)
    sink = inst.n - 1
    row("cmax", [(1, ("Cmax", None))]
        + [(1, z(sink, t)) for t in range(es[sink], ls[sink])], ">=", ls[sink])
    names = sorted({v for _, lhs, _, _ in rows for _, v in lhs} - {"Cmax"})
    with open(lp, "w") as f:
        f.write("\\ %s: step model, makespan <= %d (serial SGS - 1)\n"
                "Minimize\n obj: Cmax\nSubject To\n" % (inst.name, H))
        for name, lhs, sense, rhs in rows:
            f.write(" %s:%s %s %d\n" % (name, lp_terms(lhs), sense, rhs))
        f.write("Bounds\n Cmax <= %d\nBinaries\n" % H)
        for a in range(0, len(names), 10):
            f.write(" " + " ".join(names[a:a + 10]) + "\n")
        f.write("End\n")
    return heur, None, time.monotonic() - t0


def lp_terms(pairs):
    """CPLEX LP terms " + 3 x - y", wrapped before 200 characters."""
    lines, line = [], ""
    for c, v in pairs:
        tok = " %s %s%s" % ("+" if c >= 0 else "-",
                            "%d " % abs(c) if abs(c) != 1 else "", v)
        if len(line) + len(tok) > 200:
            lines.append(line)
            line = ""
        line += tok
    lines.append(line)
    return "\n  ".join(lines)


def run_cbc(inst, args, tmp):
    lp = os.path.join(tmp, inst.name + ".lp")
    sol = os.path.join(tmp, inst.name + ".sol")
    for p in (lp, sol):
        if os.path.exists(p):
            os.unlink(p)
    make_lp = planner_lp if args.lp_source == "planner" else own_lp
    heur, error, prep = make_lp(inst, args, tmp, lp)
    if error:
        r = result(inst, "cbc", None, "error", note=error)
    elif not os.path.exists(lp):  # proven before any MIP
        r = result(inst, "cbc", Run(), "optimal", heur["makespan"],
                   "closed before the MIP: no CBC run")
    else:
        cmd = [args.cbc, lp, "timeMode", "elapsed",
               "sec", fmt_seconds(args.time_limit), "solve", "solu", sol]
        run = run_limited(cmd, args.time_limit + GRACE_S, cwd=tmp)
        r = combine_cbc(inst, run, parse_cbc(run, sol), heur)
    r["prep_s"] = round(prep, 3)
    return r


def parse_cbc(run, sol):
    """CBC's verdict: (optimal|infeasible|stopped|error, best value or None,
    bound or None, text)."""
    out = run.stdout
    first = ""
    if os.path.exists(sol):
        with open(sol) as f:
            first = f.readline().strip()
    m = re.search(r"^Result - (.*)", out, re.M)
    verdict = m.group(1).strip() if m else ("killed" if run.killed else "")
    value = None
    m = re.search(r"^Objective value:\s*(\S+)", out, re.M)
    if m:
        value = float(m.group(1))
    else:  # stopped or killed: the last improved solution it announced
        found = re.findall(r"Integer solution of (\S+)", out)
        if found:
            value = min(float(v) for v in found)
    m = re.search(r"^Lower bound:\s*(\S+)", out, re.M) or \
        re.search(r"best possible (\S+)\)", out)
    bound = float(m.group(1)) if m else None
    if verdict.startswith("Optimal"):
        kind = "optimal"
    elif ("infeasible" in verdict.lower()
          or first.startswith(("Infeasible", "Integer infeasible"))
          or "Pre-processing says infeasible" in out):
        kind, value = "infeasible", None
        verdict = verdict or "infeasible in preprocessing"
    elif verdict.startswith("Stopped") or run.killed:
        kind = "stopped"
    else:
        kind = "error"
        verdict = "exit %s: %s" % (run.returncode, short(run.stderr or out))
    return kind, value, bound, verdict


def combine_cbc(inst, run, verdict, heur):
    """CBC's answer to "makespan <= heuristic - 1" with the heuristic."""
    kind, value, bound, text = verdict
    off = heur.get("offset", 0)
    v = None if value is None else int(math.ceil(value - 1e-6)) - off
    note = text if not run.killed else "killed"
    if kind == "error":
        return result(inst, "cbc", run, "error", note=text)
    if kind == "optimal" and v is not None:
        r = result(inst, "cbc", run, "optimal", v, note)
    elif kind == "infeasible":
        r = result(inst, "cbc", run, "optimal", heur["makespan"],
                   note + "; the heuristic is optimal")
    elif v is not None and v < heur["makespan"]:
        r = result(inst, "cbc", run, "feasible", v, note)
    else:
        r = result(inst, "cbc", run, "feasible", heur["makespan"],
                   note + "; heuristic's schedule")
    if bound is not None:
        r["lower_bound"] = round(bound - off, 3)
    return r


# ------------------------------------------------------------------ table

def quantile(xs, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(xs)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def add_deviations(r, bounds):
    b = bounds.get(r["instance"])
    r["best_ub"] = int(b["best_ub"]) if b else None
    r["cpm_lb"] = int(b["cpm_lb"]) if b else None
    r["dev_ub_pct"] = r["dev_cpm_pct"] = None
    r["wrong"] = 0
    if r["status"] == "infeasible":  # every PSPLIB instance has a schedule
        r["wrong"] = 1
    if b is None or r["makespan"] is None:
        return
    ms, ub, lb = r["makespan"], int(b["best_ub"]), int(b["cpm_lb"])
    r["dev_ub_pct"] = round(100.0 * (ms - ub) / ub, 3)
    r["dev_cpm_pct"] = round(100.0 * (ms - lb) / lb, 3)
    # A makespan below a proven bound, or a claimed optimum above a known
    # schedule, is a wrong answer.
    if ms < int(b["best_lb"]) or (r["status"] == "optimal" and ms > ub):
        r["wrong"] = 1


def summarise(rows):
    n = len(rows)
    walls = [r["wall_s"] for r in rows if r["wall_s"] is not None]
    dub = [r["dev_ub_pct"] for r in rows if r["dev_ub_pct"] is not None]
    dcp = [r["dev_cpm_pct"] for r in rows if r["dev_cpm_pct"] is not None]
    cpus = [r["cpu_s"] for r in rows if r["cpu_s"] is not None]
    rss = [r["maxrss_kib"] for r in rows if r["maxrss_kib"]]
    prep = [r["prep_s"] for r in rows if r["prep_s"] is not None]
    return {
        "n": n,
        "proven": sum(r["status"] == "optimal" for r in rows),
        "mean": statistics.mean(walls) if walls else float("nan"),
        "median": statistics.median(walls) if walls else float("nan"),
        "p90": quantile(walls, 0.9),
        "cpu": statistics.mean(cpus) if cpus else float("nan"),
        "dev_ub": statistics.mean(dub) if dub else float("nan"),
        "dev_cpm": statistics.mean(dcp) if dcp else float("nan"),
        "nosol": sum(r["status"] in ("no_solution", "infeasible") for r in rows),
        "errors": sum(r["status"] == "error" for r in rows),
        "wrong": sum(r["wrong"] for r in rows),
        "rss_mib": max(rss) / 1024.0 if rss else float("nan"),
        "prep_mean": statistics.mean(prep) if prep else None,
        "closed": sum("closed before" in r["note"] for r in rows),
        "mismatch": sum("reported makespan" in r["note"] for r in rows),
    }


LABELS = {"planner": "planner", "gecode": "MiniZinc+Gecode", "cbc": "CBC"}


def print_table(results, solvers, args, n_inst, stream=sys.stdout):
    s = {sv: summarise([r for r in results if r["solver"] == sv]) for sv in solvers}
    head = ("%-16s %5s %6s %7s %7s %7s %7s %8s %8s %5s %4s %5s %8s %9s %9s"
            % ("solver", "inst", "proven", "mean s", "med s", "p90 s", "cpu s",
               "dev opt%", "dev cpm%", "nosol", "err", "wrong", "peak MiB",
               "pl/x time", "pl/x prov"))
    print(head, file=stream)
    pl = s.get("planner")
    for sv in solvers:
        x = s[sv]
        rt = rp = "-"
        if sv != "planner" and pl and pl["n"] and pl["errors"] < pl["n"]:
            rt = "%.2f" % (pl["mean"] / x["mean"]) if x["mean"] else "-"
            rp = "%.2f" % (pl["proven"] / x["proven"]) if x["proven"] else "-"
        print("%-16s %5d %6d %7.2f %7.2f %7.2f %7.2f %8.2f %8.2f %5d %4d %5d %8.1f %9s %9s"
              % (LABELS[sv], x["n"], x["proven"], x["mean"], x["median"],
                 x["p90"], x["cpu"], x["dev_ub"], x["dev_cpm"], x["nosol"],
                 x["errors"], x["wrong"], x["rss_mib"], rt, rp), file=stream)
    what = ("set %s, %d instances" % (args.set, n_inst) if args.set
            else "%d instance files" % n_inst)
    if args.set and args.sample:
        what += " (--sample %d: every k-th in numeric order)" % args.sample
    print("\n%s; time limit %g s per instance and solver; sequential."
          % (what, args.time_limit), file=stream)
    print("%s; load average %.2f at the start, %.2f at the end."
          % (args.machine, args.load[0], args.load[1]), file=stream)
    notes = [
        "proven = solver reports optimality; times are wall seconds of the "
        "solver's own process, timeouts included (p90: linear interpolation); "
        "cpu s = mean user+system seconds of the process and the children it "
        "waited for.",
        "dev opt% / dev cpm% = mean (makespan - best_ub) / best_ub and "
        "(makespan - cpm_lb) / cpm_lb over the instances with a solution "
        "(psplib_bounds.csv); solvers may have solved different sets.",
        "nosol = no schedule (incl. killed without one); err = the run failed; "
        "wrong = makespan below the best known lower bound or a claimed "
        "optimum above the best known makespan.",
        "peak MiB = max over instances of the child's max RSS (wait4; "
        "MiniZinc: the larger of the driver and the solver it waited for).",
        "pl/x = planner / this solver: mean wall time, proven count.",
    ]
    if "gecode" in solvers:
        notes.append("MiniZinc time includes flattening; --time-limit covers "
                     "both; search: Gecode default (no annotation).")
    if "cbc" in solvers:
        src = ("the planner's --write-lp MIP" if args.lp_source == "planner"
               else "this script's own step-model LP (--lp-source own, "
               "development fallback; heuristic = serial SGS)")
        x = s["cbc"]
        notes.append(
            "CBC solves %s for makespan <= heuristic - 1: its result is the "
            "heuristic's schedule improved or proven optimal by CBC "
            "(infeasible = heuristic optimal). Times are the cbc run only; "
            "the heuristic + LP writing before it (mean %s s) is not counted; "
            "%d instance(s) closed before any MIP count as proven at 0 s."
            % (src, "%.3f" % x["prep_mean"] if x["prep_mean"] is not None
               else "-", x["closed"]))
    if "planner" in solvers and s["planner"]["mismatch"]:
        notes.append("planner makespans are recomputed from the start days "
                     "of schedule.json (checked): its \"makespan\" field "
                     "differs on %d instance(s)."
                     % s["planner"]["mismatch"])
    for line in notes:
        print("  " + line, file=stream)


CSV_FIELDS = ["instance", "solver", "status", "makespan", "best_ub",
              "cpm_lb", "dev_ub_pct", "dev_cpm_pct", "lower_bound", "wall_s",
              "cpu_s", "prep_s", "maxrss_kib", "killed", "wrong", "note"]


# ------------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", help=".sm instance files")
    p.add_argument("--set", help="PSPLIB set under --data (j30, j60, j90, j120)")
    p.add_argument("--data", default=DEFAULT_DATA,
                   help="PSPLIB directory (default %(default)s or $PSPLIB_DIR)")
    p.add_argument("--sample", type=int, default=0,
                   help="N instances: every k-th (k = count / N) from the first")
    p.add_argument("--time-limit", type=float, default=10.0,
                   help="seconds per instance and solver (default 10)")
    p.add_argument("--solvers", default=",".join(SOLVERS),
                   help="comma list of planner,gecode,cbc (default all)")
    p.add_argument("--planner", default="planner", help="planner executable")
    p.add_argument("--minizinc", default="minizinc")
    p.add_argument("--cbc", default="cbc")
    p.add_argument("--model", default=MODEL_MZN,
                   help="MiniZinc model for gecode (default bench/rcpsp.mzn)")
    p.add_argument("--lp-source", choices=("planner", "own"), default="planner",
                   help="LP that CBC solves (own = development fallback)")
    p.add_argument("--csv", help="write per-instance rows to this CSV file")
    p.add_argument("--progress", action="store_true",
                   help="one line per instance and solver on stderr")
    args = p.parse_args(argv)
    if bool(args.set) == bool(args.files):
        p.error("give either --set or instance files")
    args.solvers = [x.strip() for x in args.solvers.split(",") if x.strip()]
    bad = [x for x in args.solvers if x not in SOLVERS]
    if bad:
        p.error("unknown solver(s): %s" % ", ".join(bad))
    args.model = os.path.abspath(args.model)
    if args.time_limit <= 0:
        p.error("--time-limit must be positive")
    for tool in ("planner", "minizinc", "cbc"):
        needed = tool in args.solvers or (tool == "minizinc" and "gecode" in args.solvers) \
            or (tool == "planner" and "cbc" in args.solvers and args.lp_source == "planner")
        path = shutil.which(getattr(args, tool))
        if needed and not path:
            p.error("%s not found: %s" % (tool, getattr(args, tool)))
        if path:
            setattr(args, tool, os.path.abspath(path))
    return args


RUNNERS = {"planner": run_planner, "gecode": run_gecode, "cbc": run_cbc}


def describe_machine():
    """"2026-11-22 05:46 UTC, 2 x AMD EPYC ..." for the table footer."""
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d x %s" % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                            os.cpu_count() or 0, model)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    files = list_instances(args)
    if not files:
        sys.exit("no instances")
    bounds = load_bounds(args.data)
    args.machine = describe_machine()
    load0 = os.getloadavg()[0]
    results = []
    with tempfile.TemporaryDirectory(prefix="psplib-bench-") as tmp:
        for f in files:
            inst = Instance(f)
            for sv in args.solvers:
                r = RUNNERS[sv](inst, args, tmp)
                add_deviations(r, bounds)
                results.append(r)
                if args.progress:
                    print("%-10s %-8s %-11s %5s %7.2fs %s"
                          % (inst.name, sv, r["status"],
                             r["makespan"] if r["makespan"] is not None else "-",
                             r["wall_s"] or 0.0, r["note"]),
                          file=sys.stderr, flush=True)
    args.load = (load0, os.getloadavg()[0])
    if args.csv:
        with open(args.csv, "w", newline="") as fo:
            w = csv.DictWriter(fo, fieldnames=CSV_FIELDS, extrasaction="ignore")
            w.writeheader()
            w.writerows(results)
    print_table(results, args.solvers, args, len(files))


if __name__ == "__main__":
    main()
