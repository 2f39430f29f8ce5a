#!/usr/bin/python3
"""to_tj3.py -- convert a planner model into a TaskJuggler 3 project that
means the same thing.

usage: to_tj3.py MODEL.yaml OUTDIR [--no-crews] [--end DATE]

Writes OUTDIR/<program id>.tjp and OUTDIR/map.json (which TaskJuggler task
holds each model task's start and finish). `tj3 -o OUTDIR OUTDIR/x.tjp`
then writes OUTDIR/tasks.csv (id; start; end of every TaskJuggler task);
read_tj3_dates() turns that back into model task dates.

The model is read here, independently of the C loader (python3-yaml,
BaseLoader: every scalar a string, as libyaml hands it to the planner), and
every calendar is compiled day by day by the rules of README.md: weekday
pattern, bundled holidays (calendars/data/cn/<year>.json) plus the model's
`years`, then per calendar from the root of its `extends` chain:
work_through, days_off, working_days.

How the model maps onto TaskJuggler (tj3 3.7.1):

  time      one-hour slots, working hours 8:00-12:00, 13:00-17:00 (8 h a
            day, dailyworkinghours 8); a working day of the model is such
            a day, a duration of d working days is d x 8 working hours.
            Dates are the program's local dates (project timezone UTC, so
            nothing shifts).
  calendars tj3 working hours are per weekday only, and a shift's `leaves`
            are ignored when tj3 counts a task's `length` (TaskScenario
            onShift? looks at working hours only). So each calendar becomes
            a list of shift assignments over the whole project: the
            weekly shift of its weekdays, interrupted by a `dayoff` shift
            (all hours off) over public holidays, extra days off and the
            concrete winter stop, and by a `workday` shift (all days on)
            over make-up working days (a Sunday worked for the Spring
            Festival) and worked-through holidays. One macro per calendar
            (${cal_<id>}) holds that list; every task and every crew gets
            its calendar's. Crews also get the days off as `leaves`, so
            tj3's resource reports show them.
  crews     a crew kind of count k is a resource group of k resources with
            the crew's calendar; a task needing one crew allocates one of
            them: `allocate k_1 { alternative k_2, ..., k_k }` (tj3 books
            any free alternative per slot; a group in `allocate` would book
            all k). Such a task is `effort` d x 8 h per crew needed; more
            than one crew per task: one allocation each, `mandatory`.
            --no-crews: no allocations, every task a `length`.
  tasks     duration d > 0: `length` (no crews) or `effort` (crews), with
            the task's calendar as shifts; duration 0: `milestone`.
            Priority from the site weight: 500 + 100 x (weight - 1)
            (pilots 700, demonstration 600, others 500), the same for the
            helper tasks below.
  links     tj3 `depends` only bounds a task's start, by a predecessor's
            start (`onstart`) or end. FS and SS map directly. A lag of n
            working days is a helper task `length` n x 8 h in the
            successor's calendar between the two (tj3's own `gaplength`
            counts the project's global working time, not the successor's
            calendar). FF and SF bound the finish: the task becomes its
            work (start) and a guard milestone after the work and after
            the FF/SF predecessors; successors hang off the guard. Finish
            dates then match the planner; the work itself is not delayed
            to end on the guard (its start is earlier when FF/SF binds).
            Negative lags have no tj3 equivalent: refused.
  releases  start_not_before and the first day of start_within: a fixed
            milestone at 00:00 of that day that the task depends on (tj3's
            minstart only warns); for a milestone task at 17:00 of the
            first working day of its calendar from that day, because a
            milestone is reached at the end of its day.
  deadlines `maxend` (finish_by) and `maxstart` (end of start_within) on the
            bound tasks; tj3 only warns about them. Lateness is computed
            afterwards by evaluate_deadlines(), the planner's rule.
  report    taskreport "tasks": CSV id;start;end, times to the minute. A
            tj3 `length` task that follows a predecessor starts at the
            predecessor's end (17:00); read_tj3_dates() reports a task's
            first working day of its calendar at or after that moment.

Known differences (none occurs in examples/district-50.yaml or the
generated programs, whose crews share their tasks' calendars): an SS link
from a task of another calendar, or a milestone whose predecessors end on a
day its own calendar does not work, follow tj3's point-in-time rule instead
of the planner's working-day rule; a crew whose calendar differs from its
task's limits the task to the days both work.
"""

import argparse
import csv
import datetime
import glob
import itertools
import json
import os
import re
import sys

import yaml

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HOURS = "8:00-12:00, 13:00-17:00"
HERE = os.path.dirname(os.path.abspath(__file__))
HOLIDAY_DIR = os.path.join(HERE, "..", "calendars", "data", "cn")


class ModelError(Exception):
    pass


# ------------------------------------------------------------------ dates

def parse_date(s):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise ModelError("not a date: %r" % (s,))
    return datetime.date(int(s[:4]), int(s[5:7]), int(s[8:])).toordinal()


def fmt(o):
    return datetime.date.fromordinal(o).isoformat()


def month_range(s):
    y, m = int(s[:4]), int(s[5:7])
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return datetime.date(y, m, 1).toordinal(), nxt.toordinal() - 1


def is_month(s):
    return isinstance(s, str) and re.fullmatch(r"\d{4}-\d{2}", s) is not None


def day_range(node):
    """"D", "D..D", {date}, {from, to} -> (first, last, name)."""
    if isinstance(node, str):
        if ".." in node:
            a, b = node.split("..", 1)
            return parse_date(a.strip()), parse_date(b.strip()), None
        return parse_date(node), parse_date(node), None
    if isinstance(node, dict):
        name = node.get("name", node.get("reason"))
        if "date" in node:
            d = parse_date(node["date"])
            return d, d, name
        return parse_date(node["from"]), parse_date(node["to"]), name
    raise ModelError("bad day range %r" % (node,))


def as_list(node):
    if node is None or node in ("", "~", "null"):
        return []
    if isinstance(node, list):
        return node
    raise ModelError("expected a list, got %r" % (node,))


# ------------------------------------------------------------------ model

class Task:
    __slots__ = ("index", "id", "site", "local", "name", "duration", "cal",
                 "demands", "preds", "releases", "succs")


class Model:
    pass


def load_bundled_holidays():
    """date -> (off, name) from calendars/data/cn/*.json."""
    days = {}
    for path in sorted(glob.glob(os.path.join(HOLIDAY_DIR, "*.json"))):
        with open(path, encoding="utf-8") as f:
            for d in json.load(f).get("days", []):
                days[parse_date(d["date"])] = (bool(d["isOffDay"]), d["name"])
    return days


def load_model(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.load(f.read(), Loader=yaml.BaseLoader)
    m = Model()
    prog = doc.get("program") or {}
    m.id = prog.get("id", "program")
    m.name = prog.get("name", m.id)
    m.start = parse_date(prog["start"])

    m.cals = []
    m.cal_index = {}
    cals = as_list(doc.get("calendars"))
    if not cals:
        cals = [{"id": "default", "holidays": "cn"}]
    for c in cals:
        m.cal_index[c["id"]] = len(m.cals)
        years = [([day_range(r) for r in as_list(y.get("days_off"))],
                  [day_range(r) for r in as_list(y.get("working_days"))])
                 for y in as_list(c.get("years"))]
        wts = []
        for w in as_list(c.get("work_through")):
            if "holiday" in w:
                wts.append(("holiday", w["holiday"], int(w["year"])))
            else:
                wts.append(("range", parse_date(w["from"]),
                            parse_date(w["to"])))
        m.cals.append({
            "id": c["id"], "name": c.get("name", c["id"]),
            "parent": c.get("extends"),
            "weekdays": (frozenset(WEEKDAYS.index(x) for x in c["weekdays"])
                         if "weekdays" in c else None),
            "holidays": c.get("holidays"), "years": years,
            "days_off": [day_range(r) for r in as_list(c.get("days_off"))],
            "working_days": [day_range(r)
                             for r in as_list(c.get("working_days"))],
            "work_through": wts})
    for c in m.cals:
        c["parent"] = m.cal_index[c["parent"]] if c["parent"] else None
    m.default_cal = m.cal_index[prog["calendar"]] if "calendar" in prog else 0

    m.crews = {}  # id -> (name, count, calendar)
    for c in as_list(doc.get("crews")):
        cal = m.cal_index[c["calendar"]] if "calendar" in c else m.default_cal
        m.crews[c["id"]] = (c.get("name", c["id"]), int(c.get("count", "1")),
                            cal)

    templates = {}
    for tp in as_list(doc.get("templates")):
        cal = m.cal_index[tp["calendar"]] if "calendar" in tp \
            else m.default_cal
        templates[tp["id"]] = [(t, cal) for t in as_list(tp.get("tasks"))]

    m.tasks, m.task_index, m.sites, m.weight = [], {}, {}, {}
    site_order, site_tags, raw = [], {}, []
    for s in as_list(doc.get("sites")):
        sid = s["id"]
        site_order.append(sid)
        site_tags[sid] = set(as_list(s.get("tags")))
        m.weight[sid] = float(s.get("weight", "1"))
        src = [(t, cal, False) for t, cal in templates.get(s.get("template"),
                                                            [])]
        src += [(t, m.default_cal, True) for t in as_list(s.get("tasks"))]
        durs = s.get("durations") or {}
        members = []
        for t, cal, own in src:
            task = Task()
            task.index = len(m.tasks)
            task.local = t["id"]
            task.id = sid + "/" + task.local
            task.site = sid
            task.name = t.get("name", task.local)
            task.duration = int(durs.get(task.local, t["duration"]))
            task.cal = m.cal_index[t["calendar"]] if "calendar" in t else cal
            task.demands = {k: int(v) for k, v in
                            (t.get("crews") or {}).items()}
            task.preds, task.succs, task.releases = [], [], []
            if task.id in m.task_index:
                raise ModelError("duplicate task %s" % task.id)
            m.task_index[task.id] = task.index
            m.tasks.append(task)
            members.append(task)
            raw += [(sid, task.id, d, False) for d in as_list(t.get("after"))]
            if own:
                raw += [(sid, task.id, d, True)
                        for d in as_list(t.get("before"))]
        m.sites[sid] = members
    m.site_order = site_order

    m.deps = []  # (pred, succ, kind, lag)
    for sid, tid, node, before in raw:
        if isinstance(node, dict):
            ref, kind = node["task"], node.get("type", "FS")
            lag = int(node.get("lag", "0"))
        else:
            mt = re.fullmatch(r"([^ ]+) *(FS|SS|FF|SF)?([+-]\d+)?", node)
            if not mt:
                raise ModelError("bad dependency %r" % (node,))
            ref, kind, lag = mt.group(1), mt.group(2) or "FS", \
                int(mt.group(3) or 0)
        other = ref if "/" in ref else sid + "/" + ref
        if other not in m.task_index:
            raise ModelError("unknown task %s" % other)
        pred, succ = (tid, other) if before else (other, tid)
        dep = (m.task_index[pred], m.task_index[succ], kind, lag)
        m.deps.append(dep)
        m.tasks[dep[1]].preds.append(dep)
        m.tasks[dep[0]].succs.append(dep)

    entries = {sid: [t for t in mem if not any(m.tasks[p].site == sid
                                                for p, _, _, _ in t.preds)]
               for sid, mem in m.sites.items()}

    # deadlines: dicts key (site, id), kind, tasks, to, month, whole
    m.deadlines = []

    def bind(node, sid):
        if "task" in node:
            bound = entry = [m.tasks[m.task_index[sid + "/" + node["task"]]]]
            whole = False
        else:
            bound, entry, whole = m.sites[sid], entries[sid], True
        if "start_not_before" in node:
            for t in entry:
                t.releases.append(parse_date(node["start_not_before"]))
        elif "start_within" in node:
            v = node["start_within"]
            lo, hi = month_range(v) if is_month(v) else day_range(v)[:2]
            for t in entry:
                t.releases.append(lo)
            m.deadlines.append({"key": (sid, node["id"]),
                                "kind": "start_within", "tasks": entry,
                                "to": hi, "month": is_month(v),
                                "whole": whole})
        elif "finish_by" in node:
            v = node["finish_by"]
            hi = month_range(v)[1] if is_month(v) else parse_date(v)
            m.deadlines.append({"key": (sid, node["id"]), "kind": "finish_by",
                                "tasks": bound, "to": hi,
                                "month": is_month(v), "whole": whole})

    for node in as_list(doc.get("deadlines")):
        if "sites" in node:
            sids = as_list(node["sites"])
        elif "tag" in node:
            sids = [s for s in site_order if node["tag"] in site_tags[s]]
        else:
            sids = list(site_order)
        for sid in sids:
            bind(node, sid)
    for s in as_list(doc.get("sites")):
        for node in as_list(s.get("deadlines")):
            bind(node, s["id"])
    m.deadlines = [d for d in m.deadlines if d["tasks"]]
    return m


# -------------------------------------------------------------- calendars

class Calendar:
    """Working days of one model calendar over the days [lo, hi]."""

    def __init__(self, m, ci, lo, hi, bundled):
        chain, c = [], ci
        while c is not None and c not in chain:
            chain.append(c)
            c = m.cals[c]["parent"]
        defs = [m.cals[k] for k in chain]  # nearest first
        self.id = m.cals[ci]["id"]
        self.name = m.cals[ci]["name"]
        self.mask = next((d["weekdays"] for d in defs
                          if d["weekdays"] is not None), frozenset(range(5)))
        src = next((d["holidays"] for d in defs
                    if d["holidays"] is not None), "none")
        n = hi - lo + 1
        work = bytearray((lo + i - 1) % 7 in self.mask for i in range(n))
        names = {}  # day -> name of its day off / working day

        hol = {}
        if src == "cn":
            hol = dict(bundled)
            for d in reversed(defs):
                for offs, ons in d["years"]:
                    for a, b, name in offs:
                        for day in range(a, b + 1):
                            hol[day] = (True, name or "")
                    for a, b, name in ons:
                        for day in range(a, b + 1):
                            hol[day] = (False, name or "")
            for day, (off, name) in hol.items():
                if lo <= day <= hi:
                    work[day - lo] = not off
                    names[day] = name

        def setr(a, b, v, name):
            for day in range(max(a, lo), min(b, hi) + 1):
                work[day - lo] = v
                if name:
                    names[day] = name

        for d in reversed(defs):  # root first
            for wt in d["work_through"]:
                if wt[0] == "range":
                    setr(wt[1], wt[2], 1, None)
                    continue
                for day, (off, name) in hol.items():
                    if (off and lo <= day <= hi
                            and datetime.date.fromordinal(day).year == wt[2]
                            and (name == wt[1]
                                 or wt[1] in name.split("、"))):
                        work[day - lo] = 1
            for a, b, name in d["days_off"]:
                setr(a, b, 0, name)
            for a, b, name in d["working_days"]:
                setr(a, b, 1, name)
        self.lo, self.hi, self.work, self.names = lo, hi, work, names
        self.days = [lo + i for i in range(n) if work[i]]
        self.count = [0] + list(itertools.accumulate(work))

    def is_working(self, day):
        return bool(self.work[day - self.lo])

    def W(self, point):
        """Working days before the morning of day `point`."""
        return self.count[point - self.lo]

    def next_working(self, day):
        """First working day >= day."""
        return self.days[self.W(day)]

    def last_working_le(self, day):
        return self.days[self.W(day + 1) - 1]

    def between(self, a, b):
        return self.W(b + 1) - self.W(a) if b >= a else 0

    def runs(self, lo, hi):
        """The days [lo, hi) as (from, to_exclusive, label, name) runs:
        'base' where the weekday pattern decides, 'off' a day off on a
        pattern working day, 'on' a working day off the pattern. Pattern
        days off between two 'off' days join the 'off' run."""
        lab = []
        for day in range(lo, hi):
            wk = (day - 1) % 7 in self.mask
            w = self.is_working(day)
            lab.append("base" if w == wk else ("on" if w else "off"))
        for i in range(len(lab)):  # bridge weekends inside a stop
            if lab[i] == "base" and not self.is_working(lo + i):
                j = i
                while j < len(lab) and lab[j] == "base" \
                        and not self.is_working(lo + j):
                    j += 1
                if i > 0 and lab[i - 1] == "off" and j < len(lab) \
                        and lab[j] == "off":
                    for k in range(i, j):
                        lab[k] = "off"
        out = []
        for k, g in itertools.groupby(range(len(lab)), key=lambda i: lab[i]):
            g = list(g)
            a, b = lo + g[0], lo + g[-1] + 1
            name = next((self.names[d] for d in range(a, b)
                         if d in self.names), None)
            out.append((a, b, k, name))
        return out


def compile_calendars(m, lo, hi):
    bundled = load_bundled_holidays()
    return [Calendar(m, ci, lo, hi, bundled) for ci in range(len(m.cals))]


# ---------------------------------------------------------------- deadlines

def evaluate_deadlines(m, cals, dates):
    """The planner's deadline rule over task dates {task id: (start,
    finish)} (day ordinals): per deadline, slack = the least over its bound
    tasks of the working days of the task's calendar in (planned, due]
    (negative: minus those in (due, planned]), due = the date, or for a
    month its last working day in the task's calendar; met = every bound
    task on time. Returns [(site, deadline id, kind, slack, met)]."""
    out = []
    for dl in m.deadlines:
        slack, met = None, True
        for t in dl["tasks"]:
            s, f = dates[t.id]
            planned = s if dl["kind"] == "start_within" else f
            cal = cals[t.cal]
            due = cal.last_working_le(dl["to"]) if dl["month"] else dl["to"]
            sl = cal.W(due + 1) - cal.W(planned + 1)
            slack = sl if slack is None else min(slack, sl)
            met = met and planned <= dl["to"]
        out.append((dl["key"][0], dl["key"][1], dl["kind"], slack, met))
    return out


def lateness(m, results):
    """(deadlines missed, total weighted lateness in working days)."""
    missed = sum(1 for r in results if not r[4])
    late = sum(m.weight[r[0]] * max(0, -r[3]) for r in results if not r[4])
    return missed, late


# ------------------------------------------------------------------ output

def tj_id(s):
    s = re.sub(r"[^A-Za-z0-9_]", "_", s)
    return s if re.match(r"[A-Za-z_]", s) else "_" + s


def tj_str(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def priority(w):
    return max(1, min(1000, int(round(500 + 100 * (w - 1)))))


def convert(m, outdir, crews=True, end=None):
    """Write OUTDIR/<id>.tjp and OUTDIR/map.json; return the .tjp path."""
    for p, s, kind, lag in m.deps:
        if lag < 0:
            raise ModelError("%s -> %s: negative lag %d has no TaskJuggler "
                             "equivalent" % (m.tasks[p].id, m.tasks[s].id,
                                             lag))
    if end is None:
        last = max([d["to"] for d in m.deadlines] + [m.start])
        end = last + 366
    lo, hi = m.start - 7, end + 7
    cals = compile_calendars(m, lo, hi)
    out = []
    w = out.append
    pid = tj_id(m.id)
    dc = cals[m.default_cal]
    wk = lambda mask: "wk_" + "".join(WEEKDAYS[i][:2] for i in sorted(mask))

    def hours(mask):
        on = [WEEKDAYS[i] for i in range(7) if i in mask]
        off = [WEEKDAYS[i] for i in range(7) if i not in mask]
        s = ""
        if on:
            s += "  workinghours %s %s\n" % (", ".join(on), HOURS)
        if off:
            s += "  workinghours %s off\n" % ", ".join(off)
        return s

    w("/* %s: %s\n * generated by bench/to_tj3.py%s from the planner model;"
      " see that script\n * for how the model maps onto TaskJuggler. */\n\n"
      % (m.id, m.name, "" if crews else " --no-crews"))
    w("project %s %s %s - %s {\n" % (pid, tj_str(m.name), fmt(m.start),
                                     fmt(end)))
    w('  timezone "UTC"            # dates are the program\'s local dates\n'
      '  timeformat "%%Y-%%m-%%d"\n'
      "  now %s\n  dailyworkinghours 8\n  timingresolution 60min\n"
      % fmt(m.start))
    w(hours(dc.mask))
    w("}\n\n")

    # Shifts: one weekly shift per weekday pattern, plus workday / dayoff.
    masks = sorted({c.mask for c in cals}, key=sorted)
    for mask in masks:
        w("shift %s %s {\n%s}\n" % (wk(mask), tj_str("weekdays " + ",".join(
            WEEKDAYS[i] for i in sorted(mask))), hours(mask)))
    w('shift workday "make-up working day / worked-through holiday" {\n'
      "  workinghours mon-sun %s\n}\n" % HOURS)
    w('shift dayoff "holiday, day off, winter stop" {\n'
      "  workinghours mon-sun off\n}\n\n")

    used = sorted({t.cal for t in m.tasks}
                  | {c[2] for c in m.crews.values()})
    runs = {}
    for ci in used:
        c = cals[ci]
        runs[ci] = c.runs(m.start, end)
        parts = []
        for a, b, lab, _ in runs[ci]:
            sh = {"base": wk(c.mask), "on": "workday", "off": "dayoff"}[lab]
            parts.append("%s %s - %s" % (sh, fmt(a), fmt(b)))
        w("# calendar %s (%s)\nmacro cal_%s [\n  shifts %s\n]\n"
          % (c.id, c.name, tj_id(c.id), ",\n         ".join(parts)))
    w("\n")

    # Crews.
    res = {}
    if crews:
        for cid, (cname, count, ci) in m.crews.items():
            ids = ["%s_%d" % (tj_id("crew_" + cid), k + 1)
                   for k in range(count)]
            res[cid] = ids
            w("resource %s %s {\n  ${cal_%s}\n"
              % (tj_id("crew_" + cid), tj_str(cname), tj_id(cals[ci].id)))
            for a, b, lab, name in runs[ci]:
                if lab == "off":
                    w("  leaves holiday %s %s - %s\n"
                      % (tj_str(name or "day off"), fmt(a), fmt(b)))
            for k, rid in enumerate(ids):
                w("  resource %s %s\n" % (rid, tj_str("%s %d"
                                                         % (cname, k + 1))))
            w("}\n")
        w("\n")
        for t in m.tasks:
            for cid in t.demands:
                if m.crews[cid][2] != t.cal:
                    sys.stderr.write(
                        "to_tj3: warning: %s (calendar %s) needs crew %s "
                        "(calendar %s): tj3 works the days both work\n"
                        % (t.id, cals[t.cal].id, cid,
                           cals[m.crews[cid][2]].id))

    # Task ids, start and finish nodes.
    ids = set()
    tid = {}
    for t in m.tasks:
        base = tj_id(t.site + "__" + t.local)
        x, k = base, 2
        while x in ids:
            x = "%s_%d" % (base, k)
            k += 1
        ids.add(x)
        tid[t.index] = x
    guarded = {t.index for t in m.tasks
               if any(kind[1] == "F" for _, _, kind, _ in t.preds)}
    start_node, finish_node = {}, {}
    for t in m.tasks:
        i = t.index
        start_node[i] = tid[i] + ("_work" if i in guarded else "")
        finish_node[i] = tid[i] if i in guarded else start_node[i]
    prio = {t.index: priority(m.weight[t.site]) for t in m.tasks}
    maxend, maxstart = {}, {}
    for dl in m.deadlines:
        for t in dl["tasks"]:
            tgt = maxstart if dl["kind"] == "start_within" else maxend
            tgt[t.index] = min(tgt.get(t.index, dl["to"]), dl["to"])

    body = []  # (calendar index or None, task text), in model order
    releases = {}  # (day, milestone?) -> (id, stamp)

    def release(day, t):
        if t.duration == 0:
            at = cals[t.cal].next_working(day)
            key = (at, True)
            stamp = "%s-17:00" % fmt(at)
        else:
            key, stamp = (day, False), fmt(day)
        if key not in releases:
            releases[key] = ("rel_%s%s" % (fmt(key[0]).replace("-", ""),
                                           "_eod" if key[1] else ""), stamp)
        return releases[key][0]

    n_lag = [0]

    def link(dep):
        """A depends clause for dep (a lag helper in between if needed)."""
        p, s, kind, lag = dep
        on_end = kind[0] == "F"
        src = finish_node[p] if on_end else start_node[p]
        clause = "%s%s" % (src, "" if on_end else " { onstart }")
        if lag == 0:
            return clause
        n_lag[0] += 1
        ci = m.tasks[s].cal
        hid = "lag_%s_%d" % (tid[s], n_lag[0])
        body.append((ci,
            "task %s \"lag %d working days\" {\n  length %dh\n"
            "  priority %d\n  depends %s\n}\n"
            % (hid, lag, 8 * lag, prio[s], clause)))
        return hid

    for t in m.tasks:
        i = t.index
        starts = [link(d) for d in t.preds if d[2][1] == "S"]
        starts += [release(day, t) for day in sorted(set(t.releases))]
        if t.duration == 0 and not t.preds and not t.releases:
            starts.append(release(m.start, t))
        fins = [link(d) for d in t.preds if d[2][1] == "F"]
        title = "%s %s" % (t.id, t.name)
        x = ["task %s %s {\n" % (start_node[i], tj_str(
            title + (" (work)" if i in guarded else "")))]
        if t.duration == 0:
            x.append("  milestone\n")
        elif crews and t.demands:
            units = sum(t.demands.values())
            x.append("  effort %dh\n" % (8 * t.duration * units))
            for cid, amount in sorted(t.demands.items()):
                cand = res[cid]
                opts = []
                if len(cand) > 1:
                    opts.append("alternative " + ", ".join(cand[1:]))
                if units > 1:
                    opts.append("mandatory")
                for _ in range(amount):
                    x.append("  allocate %s%s\n" % (
                        cand[0], " { %s }" % " ".join(opts) if opts else ""))
        else:
            x.append("  length %dh\n" % (8 * t.duration))
        x.append("  priority %d\n" % prio[i])
        if starts:
            x.append("  depends %s\n" % ", ".join(starts))
        if i in maxstart:
            x.append("  maxstart %s\n" % fmt(maxstart[i] + 1))
        if i in maxend and i not in guarded:
            x.append("  maxend %s\n" % fmt(maxend[i] + 1))
        x.append("}\n")
        body.append((t.cal if t.duration else None, "".join(x)))
        if i in guarded:
            g = ("task %s %s {\n  milestone\n  priority %d\n  depends %s\n"
                 % (finish_node[i], tj_str(title + " (finish)"), prio[i],
                    ", ".join([start_node[i]] + fins)))
            if i in maxend:
                g += "  maxend %s\n" % fmt(maxend[i] + 1)
            body.append((None, g + "}\n"))
    for rid, stamp in sorted(releases.values()):
        w("task %s %s {\n  milestone\n  start %s\n}\n"
          % (rid, tj_str("release " + stamp), stamp))
    w("\n")
    for ci, text in body:
        if ci is not None:  # the calendar's shifts, after the first line
            text = text.replace("\n", "\n  ${cal_%s}\n" % tj_id(cals[ci].id),
                                1)
        w(text)
    w("\ntaskreport tasks \"tasks\" {\n  formats csv\n"
      "  columns id, start, end\n  timeformat \"%Y-%m-%d %H:%M\"\n"
      "  hideresource 1\n}\n")

    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, tj_id(m.id) + ".tjp")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))
    mp = {"model": m.id, "crews": crews, "end": fmt(end),
          "tasks": {t.id: [start_node[t.index], finish_node[t.index]]
                    for t in m.tasks},
          "tj3_tasks": len(body) + len(releases)}
    with open(os.path.join(outdir, "map.json"), "w", encoding="utf-8") as f:
        json.dump(mp, f, indent=1, ensure_ascii=False)
    return path


# ------------------------------------------------------------ reading back

def read_tj3_dates(m, cals, outdir):
    """{model task id: (start, finish)} (day ordinals) from OUTDIR/tasks.csv
    written by tj3, and the number of tasks whose work spans more working
    days than their duration (tj3 interrupted them, waiting for a crew)."""
    with open(os.path.join(outdir, "map.json"), encoding="utf-8") as f:
        mp = json.load(f)
    rows = {}
    with open(os.path.join(outdir, "tasks.csv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter=";"):
            if row and row[0] != "Id":
                rows[row[0]] = (row[1], row[2])

    def instant(s):
        d = parse_date(s[:10])
        return d, s[11:16]

    dates, stretched = {}, 0
    for t in m.tasks:
        sn, fn = mp["tasks"][t.id]
        cal = cals[t.cal]
        s_day, s_hm = instant(rows[sn][0])
        f_day, f_hm = instant(rows[fn][1])
        if t.duration == 0:
            start = finish = f_day if f_hm != "00:00" else f_day - 1
        else:
            # first working day of the task's calendar at or after tj3's
            # start moment (a length task starts at 17:00 of its
            # predecessor's last day)
            start = cal.next_working(s_day + (s_hm >= "17:00"))
            finish = f_day if f_hm != "00:00" else f_day - 1
            w_day, w_hm = instant(rows[sn][1])  # the work's own end
            if cal.between(start, w_day if w_hm != "00:00" else w_day - 1) \
                    > t.duration:
                stretched += 1
        dates[t.id] = (start, finish)
    return dates, stretched


def main():
    ap = argparse.ArgumentParser(
        description="Convert a planner model into a TaskJuggler project.")
    ap.add_argument("model")
    ap.add_argument("outdir")
    ap.add_argument("--no-crews", action="store_true",
                    help="no crew allocations: every task a length "
                         "(the critical-path schedule)")
    ap.add_argument("--end", help="project end date (default: a year after "
                                  "the last deadline)")
    a = ap.parse_args()
    try:
        m = load_model(a.model)
        path = convert(m, a.outdir, crews=not a.no_crews,
                       end=parse_date(a.end) if a.end else None)
    except (OSError, KeyError, ValueError, ModelError, yaml.YAMLError) as e:
        sys.stderr.write("to_tj3: %s: %s: %s\n" % (a.model, type(e).__name__,
                                                   e))
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
