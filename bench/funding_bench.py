#!/usr/bin/python3
"""funding_bench.py -- what planning against money costs: each program
planned as it is and with funding tranches, side by side.

usage: funding_bench.py [--planner PATH] [--programs A.yaml,B.yaml]
                        [--time-limit T] [--work DIR] [--csv FILE]

For each program (default: examples/district-50.yaml,
bench/programs/district-200.yaml and district-500.yaml) a funded copy is
written: every site's kind of work from its tags (`conversion` when it has
the tag, else new_build) and an area, subsidies by kind, and four tranches
summing to exactly what the tasks cost --
  county-1   20 % on 2026-12-01 (the county's matching funds),
  central-1  30 % on 2027-03-01, released only after county-1,
  city-1     20 % on 2027-05-01,
  county-2   30 % on 2027-07-01
-- so that money, not only crews, holds work back. Both are planned with
`planner plan MODEL --out DIR --quiet --time-limit T` (default 10), and
both schedules are checked by the independent verifier
(tests/verify/verify_schedule.py: the funded one with its money rule,
funding.csv and cashflow.csv). One table: wall time, peak memory,
weighted lateness, deadlines missed, gap, tasks the money holds back, and
the funded/unfunded time ratio. No peer: TaskJuggler has no funding
constraint to compare with.

Exit status 0 unless a plan or a verification failed.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from programs_bench import DEFAULT_PROGRAMS, run, planner_version  # noqa: E402
VERIFY = os.path.join(ROOT, "tests", "verify", "verify_schedule.py")


class TextLoader(yaml.SafeLoader):
    """Dates, times and YAML 1.1's yes/no/on/off stay the text they are
    (the copy is written back and read by the planner's YAML 1.2-minded
    loader: `on: thu` is a key)."""


TextLoader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] not in ("tag:yaml.org,2002:timestamp",
                                     "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def task_costs(m):
    """What the program's tasks cost, from the templates and sites."""
    tmpl = {t["id"]: t for t in m.get("templates", [])}
    total = 0.0
    for s in m["sites"]:
        t = tmpl.get(s.get("template"))
        for task in (t or {}).get("tasks", []):
            total += float(task.get("cost", 0))
        for task in s.get("tasks", []):
            total += float(task.get("cost", 0))
    return total


def funded_copy(path, out):
    """The program with kinds, areas and funding, written to `out`; what
    its tasks cost."""
    with open(path, encoding="utf-8") as f:
        m = yaml.load(f, Loader=TextLoader)
    cost = task_costs(m)
    for i, s in enumerate(m["sites"]):
        tags = s.get("tags") or []
        s["kind"] = "conversion" if "conversion" in tags else "new_build"
        s["area"] = 120 + (i * 37) % 100
    parts = [("county-1", "2026-12-01", 0.2, "county", None),
             ("central-1", "2027-03-01", 0.3, "central", "county-1"),
             ("city-1", "2027-05-01", 0.2, "city", None),
             ("county-2", "2027-07-01", 0.3, "county", None)]
    tranches, left = [], round(cost, 3)
    for k, (tid, date, share, src, after) in enumerate(parts):
        amount = left if k == len(parts) - 1 else round(cost * share, 3)
        left = round(left - amount, 3)
        t = {"id": tid, "date": date, "amount": amount, "source": src}
        if after:
            t["after"] = after
        tranches.append(t)
    m["funding"] = {
        "standard_area": 120,
        "subsidies": [
            {"kind": "new_build", "amount": 40000, "source": "city"},
            {"kind": "conversion", "amount": 20000, "source": "city"}],
        "tranches": tranches}
    with open(out, "w", encoding="utf-8") as f:
        f.write("# %s with funding (bench/funding_bench.py)\n"
                % os.path.relpath(path, ROOT))
        yaml.safe_dump(m, f, allow_unicode=True, sort_keys=False, width=100)
    return cost


def plan(planner, model, out, limit, log):
    rc, wall, cpu, mib = run([planner, "plan", model, "--out", out,
                              "--quiet", "--time-limit", str(limit)], log)
    row = {"rc": rc, "wall": wall, "mib": mib}
    try:
        with open(os.path.join(out, "schedule.json"), encoding="utf-8") as f:
            s = json.load(f)
        row["value"] = s.get("objective", {}).get("value")
        row["gap"] = s.get("gap")
        row["missed"] = s.get("deadlines_missed")
        row["waits"] = len((s.get("funding") or {}).get("money_waits", []))
        row["status"] = s.get("status")
    except (OSError, ValueError):
        pass
    v = subprocess.run(["/usr/bin/python3", VERIFY, model,
                        os.path.join(out, "schedule.json")],
                       capture_output=True, text=True)
    row["verified"] = v.returncode == 0
    if v.returncode:
        row["why"] = (v.stdout + v.stderr).strip().splitlines()[:3]
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--planner",
                    default=os.path.join(ROOT, "build", "planner"))
    ap.add_argument("--programs", default=",".join(DEFAULT_PROGRAMS))
    ap.add_argument("--time-limit", type=float, default=10)
    ap.add_argument("--work", default=None)
    ap.add_argument("--csv", default=None)
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="funding-bench-")
    os.makedirs(work, exist_ok=True)
    print("planner: %s" % planner_version(a.planner))
    print("time limit %g s per plan; each plan verified\n" % a.time_limit)
    head = ("program", "funding", "time s", "peak MiB", "lateness", "gap",
            "missed", "money waits", "verified")
    rows, bad = [], False
    for path in a.programs.split(","):
        name = os.path.splitext(os.path.basename(path))[0]
        funded = os.path.join(work, name + "-funded.yaml")
        cost = funded_copy(path, funded)
        res = {}
        for label, model in (("none", path), ("4 tranches", funded)):
            out = os.path.join(work, "%s-%s" % (name, label.split()[0]))
            r = plan(a.planner, model, out, a.time_limit, out + ".log")
            res[label] = r
            bad |= r["rc"] != 0 or not r["verified"]
            rows.append((name, label, "%.2f" % r["wall"], "%.0f" % r["mib"],
                         "%s" % r.get("value"),
                         "-" if r.get("gap") is None
                         else "%.1f %%" % (100 * r["gap"]),
                         "%s" % r.get("missed"), "%s" % r.get("waits", 0),
                         "yes" if r["verified"] else
                         "NO: " + " | ".join(r.get("why", []))))
        res["cost"] = cost
        rows.append((name, "ratio", "%.2f" % (res["4 tranches"]["wall"] /
                                               max(res["none"]["wall"], 1e-9)),
                     "", "", "", "", "", ""))
    width = [max(len(h), *(len(r[k]) for r in rows)) for k, h in
             enumerate(head)]
    print("  ".join(h.ljust(width[k]) for k, h in enumerate(head)))
    for r in rows:
        print("  ".join(c.ljust(width[k]) for k, c in enumerate(r)))
    if a.csv:
        with open(a.csv, "w", encoding="utf-8") as f:
            f.write(",".join(head) + "\n")
            for r in rows:
                f.write(",".join(r) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
