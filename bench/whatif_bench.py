#!/usr/bin/python3
"""whatif_bench.py -- the time-cost trade-off LP at scale (issue 6).

usage: whatif_bench.py [--planner PATH] [--sites LIST] [--work DIR]
                       [--verify-up-to N]

For each size N (default 50, 1000, 10000 sites): a program from
bench/gen_program.py N (district-50's template with its costs and crash
options, grown to N villages; examples/district-50.yaml itself for 50),
then `planner whatif PROGRAM --meet-deadlines --out DIR --quiet`, with and
without the deadlines' prices (--no-prices), one process at a time. One
table: tasks, LP components, LP solves, rows and nonzeros (from
whatif.json), wall seconds and peak RSS of each run, the plan's cost,
tasks shortened and deadlines met by shortening / not met. Programs up to
--verify-up-to sites (default 1000) are checked by the independent
verifier (tests/verify, --whatif). Standard library only.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERIFY = os.path.join(ROOT, "tests", "verify", "verify_schedule.py")


def run(argv):
    """(exit code, wall seconds, peak RSS MiB of this child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-2000:])
    # ru_maxrss of the children is the largest so far: a later, smaller
    # run shows the earlier peak; the sizes grow, so each row is its own.
    return p.returncode, wall, max(peak, before) / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--planner")
    ap.add_argument("--sites", default="50,1000,10000")
    ap.add_argument("--work")
    ap.add_argument("--verify-up-to", type=int, default=1000)
    a = ap.parse_args()
    planner = a.planner or os.path.join(ROOT, "build", "planner")
    if not os.access(planner, os.X_OK):
        sys.stderr.write("whatif_bench: no planner (--planner)\n")
        return 2
    work = a.work or tempfile.mkdtemp(prefix="whatif-bench.")
    os.makedirs(work, exist_ok=True)
    print("whatif --meet-deadlines: planner %s\n" % planner)
    head = ("sites", "tasks", "comps", "LP solves", "LP rows", "LP nz",
            "wall s", "MiB", "no-prices s", "cost", "shortened", "by short",
            "not met", "verified")
    print("%6s %7s %6s %9s %8s %8s %7s %6s %11s %12s %9s %8s %7s %8s"
          % head)
    failed = False
    for n in [int(x) for x in a.sites.split(",")]:
        if n == 50:
            model = os.path.join(ROOT, "examples", "district-50.yaml")
        else:
            model = os.path.join(work, "district-%d.yaml" % n)
            with open(model, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable,
                                os.path.join(ROOT, "bench", "gen_program.py"),
                                str(n)], stdout=f, check=True)
        out = os.path.join(work, "whatif-%d" % n)
        shutil.rmtree(out, ignore_errors=True)
        rc, wall, mib = run([planner, "whatif", model, "--meet-deadlines",
                             "--out", out, "--quiet"])
        if rc != 0:
            print("%6d whatif failed (exit %d)" % (n, rc))
            failed = True
            continue
        out2 = out + "-noprices"
        shutil.rmtree(out2, ignore_errors=True)
        rc2, wall2, _ = run([planner, "whatif", model, "--meet-deadlines",
                             "--no-prices", "--out", out2, "--quiet"])
        with open(os.path.join(out, "whatif.json"), encoding="utf-8") as f:
            w = json.load(f)
        with open(os.path.join(out, "schedule.json"), encoding="utf-8") as f:
            ntasks = len(json.load(f)["tasks"])
        by_short = sum(1 for d in w["deadlines"]
                       if d["outcome"] == "met_by_shortening")
        verified = "-"
        if n <= a.verify_up_to:
            p = subprocess.run(["/usr/bin/python3", VERIFY, model,
                                os.path.join(out, "schedule.json"),
                                "--whatif", os.path.join(out, "whatif.json")],
                               capture_output=True, text=True)
            verified = "ok" if p.returncode == 0 else "FAIL"
            if p.returncode != 0:
                failed = True
                sys.stderr.write(p.stdout[-2000:])
        print("%6d %7d %6d %9d %8d %8d %7.2f %6.1f %11s %12.0f %9d %8d %7d "
              "%8s" % (n, ntasks, w["lp"]["components"], w["lp"]["solves"],
                       w["lp"]["rows"], w["lp"]["nonzeros"], wall, mib,
                       "%.2f" % wall2 if rc2 == 0 else "failed",
                       w["cost"], w["tasks_shortened"], by_short,
                       w["deadlines_unmeetable"], verified))
        sys.stdout.flush()
    print("\noutputs kept in %s" % work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
