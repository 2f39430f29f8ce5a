#!/usr/bin/python3
"""verify_schedule.py -- independent check of a schedule.json written by
`planner plan` against the model it was planned from.

usage: verify_schedule.py MODEL SCHEDULE_JSON [--expect-optimum N]
                          [--status STATUS [--baseline SCHEDULE_JSON]]
                          [--whatif WHATIF_JSON]

MODEL is a planner model (YAML or JSON) or a PSPLIB single-mode RCPSP file
(`.sm`, see "PSPLIB models" below). --expect-optimum N: also fail unless the
schedule's makespan is N (a known optimum; a file without a schedule fails).
--status STATUS: SCHEDULE_JSON was written by `planner replan MODEL STATUS`;
the status file is applied to the model first (see "Replanning" below) and
every check runs on the model so changed. A model with a `funding`
section is also checked for money (see "Funding" below), and so are the
funding.csv and cashflow.csv next to SCHEDULE_JSON when they exist
(lines "FAIL funding: ...", "FAIL tranche ID: ...", "FAIL funding.csv
SITE: ...", "FAIL cashflow.csv week D: ...").
--whatif WHATIF_JSON: SCHEDULE_JSON was written by `planner whatif MODEL`
with that whatif.json (see "What-if" below).

Prints "ok: ..." (what was verified) and exits 0, or prints one line per
violation ("FAIL <task id>: <what>", at most 50) and exits 1. Exit 2: bad
command line, or a problem in the status file itself (one line each,
"STATUS: <where>: <what>"; not a schedule failure). Run it with Debian's
/usr/bin/python3 (stdlib + python3-yaml only).

It is written from the model semantics (models/pln_model.h), not from the C
scheduler: it reads the model file itself, compiles every calendar day by
day, and checks the printed dates against the rules below.

Calendars
---------
Each day of a calendar is decided in increasing priority by:
  1. the weekday pattern: `weekdays` of the nearest calendar in the
     `extends` chain that sets it (root default mon..fri);
  2. the public holidays, if the nearest `holidays` in the chain is `cn`
     (root default none; a model with no calendars at all has one implicit
     calendar "default", mon..fri with cn holidays): the bundled data
     calendars/data/cn/*.json (isOffDay true = off, false = make-up working
     day), then every `years` entry of the chain, root first (its days_off
     off, its working_days on);
  3. for each calendar of the chain, root first: `work_through` (a holiday +
     year: every day the holiday data marks off whose name equals the
     holiday, or whose "、"-joined name has it as one part, and whose date
     lies in that calendar year, becomes working; or a from/to range becomes
     working), then `days_off` (off), then `working_days` (on).
The default calendar is program.calendar, else the first declared.
A template task uses task.calendar, else template.calendar, else the
default; a site's own task uses task.calendar, else the default.

Time points
-----------
Days are integers (proleptic ordinals); a point is a day boundary: point k
is the morning of day k, which is the evening of day k-1. A task with
duration d > 0 starts at the morning of `start` (point start) and finishes
at the evening of `finish` (point finish+1); its start and finish must be
working days of its calendar and [start, finish] must hold exactly d of
them. A milestone (d = 0) has start == finish, a working day, and is one
point: the evening of that day (point date+1), both its start and finish.

Working-time shift
------------------
For a calendar C let W(k) be the number of working days of C before point
k (days < k) -- C's working-day clock -- and w_1 < w_2 < ... its working
days. All points between the evening of w_j and the morning of w_(j+1)
(a weekend, a holiday, a winter stop) show the same clock reading j.
Moving n working days of C from point P reaches:
  n = 0:  P itself;
  n != 0: the FIRST moment at which C's clock reads W(P) + n, i.e. the
          evening of working day w_(W(P)+n) (point w_(W(P)+n) + 1).
Forward this is the evening of the n-th working day at or after P; backward
(n < 0) it is the evening of the working day just before the |n|-th working
day before P, the earliest point from which |n| working days of C still lie
before P. Both directions thus take the earliest point with the right
working-time distance; lag 0 takes P itself, so that a successor is never
earlier than its predecessor in real time (this matters only when P lies in
a gap of C: pred starts on a Monday, or finishes on a day C does not work).

Dependencies
------------
For each dependency pred -> succ of kind XY with lag L: let P be pred's X
event (F = finish point, S = start point) and E succ's Y event. Required:
E >= shift(P, L) in the SUCCESSOR's calendar, compared in real time.
Worked examples (Mon-Fri calendar unless said; all are in the self-test of
test_verify.sh):
  FS+0 after a task finishing Fri          -> start Mon
  FS+2 after a task finishing Mon          -> start Thu
  FS-1 after a task finishing Wed          -> start Wed (one day overlap)
  FF-1 after a task finishing Mon          -> finish Fri
  SS+1 after a task starting Mon           -> start Tue; a milestone: Mon
  SF+0 after a task starting Wed           -> finish Tue (or later)
  SF+0 / SF+1 after a task starting Mon    -> finish Mon (P is in a gap)
  milestone after a task finishing Fri     -> Fri; task after it -> Mon
  FF+0 after a 7-day task finishing Sat    -> finish Mon (not Fri)
  FS+1 milestone after a 7-day task ending Sat -> Mon
  FS+1 from a Mon-Fri task ending Fri to a 7-day task -> start Sun

Releases and deadlines
----------------------
Every task starts on or after program.start. start_not_before D and the
first day of start_within bind the task named, or for a site-level
constraint the site's entry tasks (no predecessor within the site).
finish_by (date, or month = its last working day in the task's calendar)
binds the task named, or every task of the site; the end of start_within
bounds the start the same way. For each such deadline and each bound task
t, let due(t) = the deadline in t's calendar (a plain date as given, a month
as its last working day there) and slack(t) = working days of t's calendar
in (t's finish (start), due(t)], negative: minus those in (due(t), finish].
schedule.json must report: slack = the least slack(t); decided_by = a task
with that least slack, the latest-finishing (starting) one among them (with
one calendar this is simply the latest task, pln_planner.h's "latest finish
/ start"); date = due(decided_by); planned = the latest finish (start) of
all bound tasks, i.e. for a whole site its finish; met = every bound task
on time; deadlines_missed = the number not met.

A deadline with `hard: true` must be met (every bound task on time) unless
the status is "infeasible"; a row's `hard`, when given, must match the
model. Other deadlines may be missed, in either mode: their rows are checked
as above.

Tightness (method "critical_path", crews_limiting not true)
-----------------------------------------------------------
Every task starts as early as allowed: moving it one working day earlier
(start and finish each to the previous working day of its calendar; a
milestone to the previous working day) must violate a release or one of its
incoming dependencies.

Crews (crews_limiting true)
---------------------------
A crew kind has `count` (default: the number of its named `units`, else 1)
and `calendar` (default: the program's default calendar). Its capacity on day d is count if d is a working day of its
calendar, else 0. A task is at work on day d when d is a working day of the
TASK's calendar and start <= d <= finish; a milestone is never at work. On
each day it is at work it uses its `crews: {kind: amount}`. On every day the
uses of a kind must not exceed its capacity that day: "crew X over capacity
on D" when the crew works that day, "crew X not working on D (its day off)
but task T is at work" when it does not (one line per task and crew, the
first such day, and how many more). A crew the model does not declare has
capacity 0.
With crews_limiting true the schedule is not the early (critical-path)
schedule: tightness is not checked, and early_start/early_finish may be the
unconstrained early dates (they must not be after start/finish). Every
other check holds as without crews: task calendars and durations,
dependencies, releases (program start, start_not_before, the first day of
start_within), hard deadlines, every deadline row, makespan.

Status and objective
--------------------
"status", when present (required for PSPLIB), is one of "optimal",
"feasible", "infeasible", "no_solution". An "infeasible" or "no_solution"
file has no schedule to check: only the status, and that "infeasible" (the
explanation), when present, is a list; it passes (prints "ok: status ...")
unless --expect-optimum is given.
"objective", when present: {"kind": weighted_lateness | makespan |
late_sites, "value": number, "lower_bound": number, "gap": number or null}.
value must equal the value recomputed from the schedule (within 1e-6):
  makespan           the makespan as above (calendar days from the plan
                     start to the last finish, inclusive; PSPLIB: periods);
  weighted_lateness  the sum over deadline rows of the site's weight
                     (default 1) x max(0, -slack), slack being the verified
                     least slack in working days;
  late_sites         the number of sites with at least one missed deadline.
lower_bound <= the recomputed value + 1e-6; gap, when not null, =
(value - lower_bound) / max(value, 1e-9) when value > 0, else 0 (within
1e-6); status "optimal" requires lower_bound = value and gap 0. Top-level
"lower_bound" and "gap", when present, must equal the objective's; without
an objective they are bounds on the makespan and checked the same way.

Also: every model task appears exactly once; calendar and duration match;
makespan = (latest finish - program.start) + 1 calendar days, finish = the
latest finish. Derived task fields are checked for consistency only:
start_day = working days of the task's calendar in [program.start, start),
early_start/early_finish = start/finish, late_start..late_finish a valid
placement, total_float = working days from start to late_start, critical =
total_float <= 0 (the backward pass itself is not re-derived).

Replanning (--status)
---------------------
A status file (YAML, read like the model: every scalar a string) has
`status: {date, now}` (date required, not before program.start; now, when
given, YYYY-MM-DDTHH:MM:SSZ), and optionally the lists `progress`,
`unavailable`, `deadlines` and `tasks`; no other keys anywhere (a
`deadlines` or `tasks` entry takes the model's keys for a site's deadline
or own task, plus `site`). Applied to the model in this order:
  1. `tasks`: each entry (its `site` a site of the model, its `id` new in
     that site and in the status file, `duration` given) joins the site's
     own tasks (after/before/crews/calendar/duration as in the model).
  2. `deadlines`: each entry (`site` a site of the model, an `id`, exactly
     one of finish_by / start_within / start_not_before, no sites/tag; one
     entry per site and id) replaces, wholly, the deadline of that site with
     that id -- a site's own or its share of a program-level one -- or, when
     the site has none, is added to the site.
  3. `unavailable` with `site` (no `count`): the site is closed [from, to]
     (from <= to): every task of the site (added ones too) gets, instead of
     its calendar C, the calendar "C@SITE": C with those days off on top of
     everything else (applied last in the chain). Durations, start_day,
     slack, crews' "at work": all count the working days of C@SITE. A
     task's `calendar` in schedule.json may be C or C@SITE. This holds for
     past and future closed dates alike.
  4. `progress` entries, each naming a task "site/task" of the model so
     changed, at most once; `started`/`finished` are dates, `remaining` a
     whole number >= 1, `percent` a whole number 0..99, not both:
       finished, non-milestone: `started` required; both working days of
         the task's calendar, program.start <= started <= finished <= the
         status date; no remaining/percent. duration := working days in
         [started, finished]; start must be `started`, finish `finished`.
       in progress (started, no finished): non-milestone only; started a
         working day, program.start <= started <= the status date. left :=
         remaining, or max(1, ceil(duration x (100 - percent) / 100)) with
         the model's duration; duration := (working days in [started, status
         date)) + left; start must be `started` and finish the day those
         days end (the left-th working day on or after the status date).
       finished milestone: only `finished` (no started, remaining,
         percent), a working day of its calendar, program.start <= finished
         <= the status date; start = finish = `finished`.
       neither date (and no remaining/percent): not started, as without an
         entry.
     A started or finished task is pinned: its releases (program start,
     start_not_before, start_within's first day) are replaced by the pin,
     every dependency INTO it is dropped (never checked), dependencies out
     of it are checked as usual; tightness is not asked of it. A site's
     entry tasks (for its start_not_before / start_within) stay those of
     the model's dependencies: dropping one does not make a task an entry.
     Every other task (not started) gets the release "the status date": it
     starts (a milestone: is reached) on or after the status date.
  5. `unavailable` with `crew` (a crew of the model; `count` a whole number
     1..its count, default its count): on each date in [from, to] the
     crew's capacity is max(0, count - the sum of such counts that day),
     0 on its calendar's days off as before.
     Crews are checked on dates >= the status date only (over capacity and
     crew day off alike), and in --status mode whatever crews_limiting
     says.
Deadline rows, hard deadlines and the objective are those of the changed
model. Any problem of the status file (the above, an unknown task, crew or
site, a date not a working day of the task's calendar (C@SITE when its site
is closed), a `tasks`/`deadlines` entry the model's rules reject) is a
"STATUS:" line and exit 2.

Funding
-------
Task keys `cost` (a number >= 0, default 0) and `spend` (spread | start |
finish; default the funding section's `spend`, itself default spread), in
templates' tasks, sites' own tasks and a status file's added tasks; site
keys `kind` (kind of work) and `area` (m2, 0 when not given). The
`funding` section: `spend`, `standard_area` (m2; none: 0),
`above_standard` (a source, default county), `subsidies` [{kind, amount
(default 0), per_m2 (default 0), source (default city)}] and `tranches`
[{id, name (default id), date, amount, source (default central), after}];
`after` is one condition or a list, each a tranche id or a task
"site/task" (it contains a '/'). Sources: central, regional, city,
district, county, village.
Payments (only with at least one tranche), in whole thousandths: C =
round(1000 x cost). A task of d > 0 working days starting on `start` pays
on its i-th working day (i = 0..d-1, the working days of its calendar
from start) floor((2C(i+1) + d) / 2d) - floor((2Ci + d) / 2d) (spread;
they add up to C), C on its first working day (start) or C on its last
(finish); a milestone pays C on its date.
A tranche arrives on the calendar day that is the latest of: its date (a
date before program.start counts as program.start), the arrival of each
tranche in its `after`, and for each task in its `after` the day after
its finish (a milestone: the day after its date).
The rule: on every calendar day D from program.start on, the amounts of
the tranches arrived on or before D, A(D), add up to at least the
payments of all tasks on days <= D, P(D). A violation is one line, the
first failing day: "FAIL funding: on D the tasks have spent X but only Y
has arrived (short Z; paid that day: ...)".
A replan (--status) is checked from the status date on (nothing before
it), against a floor: what started work has spent, or is bound to
spend, beyond the money is a fact the plan cannot undo, and new work
may not make it worse. STARTED = the tasks the status reports started
(the pinned ones, see "Replanning": an actual start or a finished
milestone, or with `assume: planned` what the baseline starts before the
status date). A0(D) = the amounts arrived by D of the tranches whose
arrival hangs on no task outside STARTED (a tranche whose `after` names
such a task, directly or through an `after` tranche, is left out; the
others arrive as above); H(D) = A0(D) - the payments of the STARTED
tasks on days <= D (P(D), too, counts the history). The rule: A(D) -
P(D) >= min(0, H(D)) on every day D >= the status date; without a deficit (H >= 0) it is the plain rule,
and during one, new work may spend no more than A(D) - A0(D), the money
that new work releases. The line then ends "(short Z, V beyond the floor
F the started work's deficit allows; paid that day: ...)", F = min(0,
H(D)) < 0 and V = Z + F.
schedule.json's `funding` section {spend, tranches, money_waits} must be
there when the model has tranches and some task costs more than 0, and
must not be there when the model has no tranches. `spend` (when given) is
the model's; every tranche of the model is listed once, with the model's
name, source, amount and date, and `arrives` = the arrival above. Each
money_waits entry {task, site, could_start, money_from, days, tranche}
(a task at most once) names a task of the model and its site, costing
more than 0; could_start < money_from <= its start, both working days of
its calendar; days = its working days in [could_start, money_from);
tranche null or a tranche id; and money does hold it back: with only its
own payments moved to a start on could_start (the other tasks' payments
and the arrivals as scheduled), the rule above (a replan's with its
floor) breaks on some day. That the task could start at could_start by
logic and crews, and that every task money holds back is listed, are
not checked.
When they exist next to schedule.json (same directory):
funding.csv: CRLF line ends; a header row then one row per site in model
order; columns site, site_name, kind, area, cost, subsidy,
subsidy_source, above_standard, above_standard_source, county_share,
first_payment, last_payment, money_waits, then per tranche in model order
"<id>" and "<id> dates", then `unfunded` only when some payment found no
money (a replan's history). Amounts print with no trailing zeros, at most
3 decimals, and are compared to 1e-3. For each site: cost = its tasks'
costs; with the subsidy rule whose kind is the site's (none, or no kind:
subsidy 0, source empty): subsidy = amount + per_m2 x min(area,
standard_area) (no standard_area: area), subsidy_source its source;
above_standard = cost x (area - standard_area) / area when there is a
standard area and area exceeds it, else 0; above_standard_source the
funding section's; county_share = max(0, cost - subsidy); first_payment /
last_payment = the first / last day any of its tasks pays (empty when
none); money_waits = how many of its tasks schedule.json's money_waits
lists. The draws, first come, first served: every payment replayed in
date order (ties: task order in the model), drawn from the tranche
arrived by then that arrived earliest (ties: model order) and still has
money, split when it runs out (what finds no money is unfunded); per site
and tranche the total ("<id>", empty when none) and the first and last
day it draws ("<id> dates": D, or D..D when they differ).
cashflow.csv: header week,arrived,spent,available,committed,balance; one
row per week (its Monday) from the week of the earliest arrival or
payment to that of the latest: what arrived and was paid that week, what
had arrived (available) and been paid (committed) by its Sunday, and
balance = available - committed.

What-if (--whatif)
------------------
whatif.json's `question` "add_crews" (`planner whatif --add-crews`): a
crew kind may give `extra_cost` (what one more crew costs for the whole
program) or `extra_cost_per_month` (what it costs for each calendar month
it is needed), never both. Each row of `crews` {id, count, added,
extra_cost, extra_cost_per_month, crew_months, cost} names a crew of the
model (at most once); count = the model's; added a whole number >= 0, 0
for a kind with neither price; extra_cost = the model's, null for a kind
priced per month or not at all; extra_cost_per_month = the model's, null
unless priced per month; crew_months null unless priced per month. A
flat kind costs added x extra_cost. A kind priced per month: for each
calendar month, the most extra crews at work on one day of it (the
kind's `crews` amounts of the tasks at work that day -- on the working
days of its own calendar from its start to its finish, a milestone never
-- minus the model's count, not below 0), summed over the months, is
crew_months; its cost = crew_months x extra_cost_per_month. Top level:
cost = the kinds' costs added up, crews_added = the added added up,
`budget` null (none) or an amount, and then cost <= budget. The schedule
is then checked with each count raised by what was added.
Any other question (`whatif --meet-deadlines`): `tasks` are shortened
within their `crash` options (cost = days saved x cost_per_day, the
schedule checked with the shortened durations), and each deadline's
outcome (met, met_by_shortening, cannot_be_met with short_by) is checked
against the verifier's own crew-free early schedules. With crews_limiting
true (--crews-limiting) 'met' must still be met crew-free at the normal
durations, 'met_by_shortening' is not compared with them (the crews may
be what made it late), 'late_with_crews' must be missed by the plan but
met crew-free fully shortened, and a 'cannot_be_met' plan misses it by at
least short_by.

PSPLIB models
-------------
A PSPLIB single-mode file (name ending in .sm, or a text with a line
"PRECEDENCE RELATIONS:"), read by whitespace tokens: the job count n
("jobs (incl. supersource/sink ): n"), K renewable resources, for each job
its successors, then each job's duration and K demands, then the K
capacities. Jobs 1..n; job 1 and job n are the dummy source and sink.
schedule.json then has tasks {"id": "<job number>", "start_day": <integer
start period>} and top-level "makespan", "lower_bound" and "status"
(required), optionally "gap" and "objective" (kind makespan). Checked:
every job listed exactly once; start_day an integer >= 0; for every
successor j of i: start_j >= start_i + dur_i; in every period t, for every
resource r, the demands of the jobs with start <= t < start + dur add up to
at most r's capacity; makespan = max over jobs of start + dur; the bounds
and status as above.
"""

import csv
import datetime
import glob
import io
import itertools
import json
import math
import os
import re
import sys

import yaml

MAX_LINES = 50
EPS = 1e-6
STATUSES = ("optimal", "feasible", "infeasible", "no_solution")
OBJECTIVES = ("weighted_lateness", "makespan", "late_sites")
WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MON_FRI = frozenset(range(5))
HOLIDAY_DIR = os.environ.get(
    "PLN_HOLIDAY_DIR",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                 "calendars", "data", "cn"))


class ModelError(Exception):
    pass


class StatusError(Exception):
    """Problems of a status file: a list of "STATUS: where: what" lines."""

    def __init__(self, lines):
        Exception.__init__(self, "\n".join(lines))
        self.lines = lines


# ------------------------------------------------------------------ dates

def parse_date(s):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise ModelError("not a date: %r" % (s,))
    try:
        return datetime.date(int(s[:4]), int(s[5:7]), int(s[8:])).toordinal()
    except ValueError:
        raise ModelError("not a real day: %r" % (s,))


def month_range(s):
    y, m = int(s[:4]), int(s[5:7])
    first = datetime.date(y, m, 1)
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return first.toordinal(), nxt.toordinal() - 1


def fmt(o):
    return datetime.date.fromordinal(o).isoformat()


def weekday(o):
    return (o - 1) % 7  # ordinal 1 = 0001-01-01, a Monday; 0 = Monday


def day_range(node):
    """A day range: "D", "D..D", {date}, {from, to}; -> (from, to, name)."""
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


def as_int(s, what):
    try:
        return int(str(s).strip())
    except ValueError:
        raise ModelError("%s is not an integer: %r" % (what, s))


def number(s, what):
    try:
        v = float(str(s).strip())
    except ValueError:
        raise ModelError("%s is not a number: %r" % (what, s))
    if not math.isfinite(v):
        raise ModelError("%s is not a number: %r" % (what, s))
    return v


def as_list(node):
    if node is None or node == "" or node == "~" or node == "null":
        return []
    if isinstance(node, list):
        return node
    raise ModelError("expected a list, got %r" % (node,))


# ------------------------------------------------------------------ model

class Task:
    __slots__ = ("id", "site", "local", "name", "duration", "cal",
                 "demands", "preds", "releases", "start", "finish", "S", "F",
                 "pin", "crash", "cost", "spend")


class Model:
    pass


def load_bundled_holidays():
    """date ordinal -> (off, name), from every bundled notice year."""
    days = {}
    for path in sorted(glob.glob(os.path.join(HOLIDAY_DIR, "*.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for d in data.get("days", []):
            days[parse_date(d["date"])] = (bool(d["isOffDay"]), d["name"])
    return days


def read_yaml(path, what):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # BaseLoader: every scalar stays a string, as libyaml hands it to the
    # planner (no YAML 1.1 booleans or timestamps); JSON parses the same.
    doc = yaml.load(text, Loader=yaml.BaseLoader)
    if not isinstance(doc, dict):
        raise ModelError("the %s is not a mapping" % what)
    return doc


# ------------------------------------------------------------ imports

WORKING_WORDS = ("补班", "上班", "调休上班", "working day", "workday")
EPOCH = datetime.date(1970, 1, 1).toordinal()


def read_ics_events(path, tzname, lo, hi):
    """The VEVENTs of an iCalendar file as (first, last, summary,
    categories, uid, all_day): the local dates (in tzname) each occurrence
    covers, recurring ones expanded within [lo, hi] (ordinals), cancelled
    ones left out. Read with python-icalendar, independently of the C
    reader."""
    import icalendar
    from dateutil import rrule as du_rrule
    from zoneinfo import ZoneInfo
    zone = ZoneInfo(tzname) if tzname and tzname != "UTC" else datetime.timezone.utc
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = []

    def local_date(v):
        if isinstance(v, datetime.datetime):
            if v.tzinfo is not None:
                v = v.astimezone(zone)
            return v.date()
        return v

    for ev in cal.walk("VEVENT"):
        if str(ev.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = ev.decoded("DTSTART")
        all_day = not isinstance(start, datetime.datetime)
        if "DTEND" in ev:
            end = ev.decoded("DTEND")
        elif "DURATION" in ev:
            end = start + ev.decoded("DURATION")
        else:
            end = start + datetime.timedelta(days=1) if all_day else start
        length = end - start
        summary = str(ev.get("SUMMARY", ""))
        cats = ev.get("CATEGORIES")
        if cats is not None:
            lists = cats if isinstance(cats, list) else [cats]
            cats = ",".join(str(c) for x in lists for c in x.cats)
        uid = str(ev["UID"]) if "UID" in ev else None
        starts = [start]
        if "RRULE" in ev:
            rule = du_rrule.rrulestr(ev["RRULE"].to_ical().decode(),
                                     dtstart=start if not all_day else
                                     datetime.datetime.combine(
                                         start, datetime.time()))
            exd = set()
            for e in (ev.get("EXDATE") if isinstance(ev.get("EXDATE"), list)
                      else [ev.get("EXDATE")] if ev.get("EXDATE") else []):
                exd.update(local_date(d.dt) for d in e.dts)
            starts = []
            for occ in rule:
                d = local_date(occ) if not all_day else occ.date()
                if d.toordinal() > hi:
                    break
                if d.toordinal() >= lo and d not in exd:
                    starts.append(occ.date() if all_day else occ)
        for st in starts:
            en = st + length
            if all_day:
                first = st.toordinal()
                last = max(first, en.toordinal() - 1)
            else:
                first = local_date(st).toordinal()
                stop = en - datetime.timedelta(seconds=1) if en > st else en
                last = max(first, local_date(stop).toordinal())
            out.append((first, last, summary, cats, uid, all_day))
    return out


def fnv32(text):
    h = 2166136261
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def import_horizon(start):
    y = datetime.date.fromordinal(start).year
    return (datetime.date(y - 1, 1, 1).toordinal(),
            datetime.date(y + 10, 12, 31).toordinal())


def load_model(path, status=None):
    """The model of path; with a Status, its added tasks join their sites
    and its deadlines replace or join theirs (the rest of the status is
    applied by apply_status)."""
    doc = read_yaml(path, "model")
    added, replaced, new_dls = {}, set(), {}
    if status is not None:
        for sid, node in status.tasks:
            added.setdefault(sid, []).append(node)
        for sid, node in status.deadlines:
            replaced.add((sid, node["id"]))
            new_dls.setdefault(sid, []).append(node)
    m = Model()
    m.status = None
    m.cal_base = {}  # calendar index of a closed site's variant -> base id
    m.closures = {}  # site -> [(from, to, reason)]
    m.crew_down = {}  # (crew, day) -> crews down that day
    prog = doc.get("program") or {}
    m.start = parse_date(prog["start"])

    # Calendars.
    m.cals = []
    m.cal_index = {}
    cals = as_list(doc.get("calendars"))
    if not cals:
        m.cals.append({"id": "default", "parent": None, "weekdays": MON_FRI,
                       "holidays": "cn", "years": [], "days_off": [],
                       "working_days": [], "work_through": []})
        m.cal_index["default"] = 0
    for c in cals:
        m.cal_index[c["id"]] = len(m.cals)
        wd = None
        if "weekdays" in c:
            wd = frozenset(WEEKDAY_NAMES.index(x) for x in c["weekdays"])
        years = []
        for y in as_list(c.get("years")):
            years.append((as_int(y["year"], "year"),
                          [day_range(r) for r in as_list(y.get("days_off"))],
                          [day_range(r)
                           for r in as_list(y.get("working_days"))]))
        wts = []
        for w in as_list(c.get("work_through")):
            if "holiday" in w:
                wts.append(("holiday", w["holiday"], as_int(w["year"], "year")))
            else:
                wts.append(("range", parse_date(w["from"]),
                            parse_date(w["to"])))
        days_off = [day_range(r) for r in as_list(c.get("days_off"))]
        working = [day_range(r) for r in as_list(c.get("working_days"))]
        # A holiday feed: all-day events are days off, those naming a
        # working day (summary or categories) working days.
        for imp in as_list(c.get("import")):
            words = (as_list(imp["working_days"]) if "working_days" in imp
                     else WORKING_WORDS)
            lo, hi = import_horizon(m.start)
            for first, last, summ, cats, _, all_day in read_ics_events(
                    os.path.join(os.path.dirname(path), imp["file"]),
                    prog.get("timezone", "Asia/Shanghai"), lo, hi):
                if not all_day:
                    continue
                on = any(w and (w in summ or (cats and w in cats))
                         for w in words)
                (working if on else days_off).append((first, last, summ))
        m.cals.append({
            "id": c["id"], "parent": c.get("extends"), "weekdays": wd,
            "holidays": c.get("holidays"), "years": years,
            "days_off": days_off, "working_days": working,
            "work_through": wts})
    for c in m.cals:
        c["parent"] = m.cal_index[c["parent"]] if c["parent"] else None
    m.default_cal = m.cal_index[prog["calendar"]] if "calendar" in prog else 0

    m.crews = {}  # id -> (count, calendar index)
    m.extra_cost = {}  # id -> what one more crew costs (whatif --add-crews)
    m.per_month = {}  # id -> what one more crew costs a month (per month)
    for c in as_list(doc.get("crews")):
        units = as_list(c.get("units"))
        default = str(len(units)) if units else "1"
        m.crews[c["id"]] = (as_int(c.get("count", default), "crew count"),
                            m.cal_index[c["calendar"]] if "calendar" in c
                            else m.default_cal)
        if "extra_cost" in c and "extra_cost_per_month" in c:
            raise ModelError("crew %s: extra_cost and extra_cost_per_month "
                             "(give one of them)" % c["id"])
        if "extra_cost" in c:
            m.extra_cost[c["id"]] = number(c["extra_cost"], "extra_cost")
        if "extra_cost_per_month" in c:
            m.per_month[c["id"]] = number(c["extra_cost_per_month"],
                                          "extra_cost_per_month")

    # Templates.
    templates = {}
    for tp in as_list(doc.get("templates")):
        cal = (m.cal_index[tp["calendar"]] if "calendar" in tp
               else m.default_cal)
        templates[tp["id"]] = [(t, cal) for t in as_list(tp.get("tasks"))]

    # Sites and their tasks.
    m.tasks = []
    m.task_index = {}
    m.sites = {}
    m.site_order = []
    site_tags = {}
    site_names = {}
    raw_deps = []  # (site, this task id, dep node, before?)
    m.weights = {}
    m.site_names = site_names
    m.site_kind = {}  # site -> its kind of work (funding), or None
    m.site_area = {}  # site -> floor area in m2 (0 when not given)
    for s in as_list(doc.get("sites")):
        sid = s["id"]
        m.site_order.append(sid)
        try:
            m.weights[sid] = float(s.get("weight", "1"))
        except ValueError:
            raise ModelError("weight is not a number: %r" % s.get("weight"))
        site_tags[sid] = set(as_list(s.get("tags")))
        site_names[sid] = s.get("name", sid)
        m.site_kind[sid] = s.get("kind")
        m.site_area[sid] = number(s.get("area", "0"), "site %s area" % sid)
        members = []
        src = []
        if "template" in s:
            src += [(t, cal, False) for t, cal in templates[s["template"]]]
        src += [(t, m.default_cal, True)
                for t in as_list(s.get("tasks")) + added.get(sid, [])]
        durs = s.get("durations") or {}
        for t, cal, own in src:
            task = Task()
            task.local = t["id"]
            task.name = t.get("name", t["id"])
            task.id = sid + "/" + task.local
            task.site = sid
            task.duration = as_int(t["duration"], "duration")
            # crash: {duration, cost_per_day}: (shortest, cost per day);
            # a site's shorter duration leaves less to shorten.
            task.crash = None
            if isinstance(t.get("crash"), dict):
                task.crash = (as_int(t["crash"]["duration"], "crash duration"),
                              float(t["crash"]["cost_per_day"]))
            if task.local in durs:
                task.duration = as_int(durs[task.local], "duration")
            if task.crash is not None and task.crash[0] > task.duration:
                task.crash = (task.duration, task.crash[1])
            task.cal = m.cal_index[t["calendar"]] if "calendar" in t else cal
            task.demands = {k: as_int(v, "crew demand")
                            for k, v in (t.get("crews") or {}).items()}
            task.preds = []
            task.releases = [(m.start, "program start")]
            task.pin = None
            # Funding: what the task costs and how it is paid out (None:
            # the funding section's default).
            task.cost = number(t.get("cost", "0"), "%s cost" % task.id)
            if task.cost < 0:
                raise ModelError("%s cost %s is negative" % (task.id,
                                                           t["cost"]))
            task.spend = t.get("spend")
            if task.spend is not None and task.spend not in SPENDS:
                raise ModelError("%s spend %r: one of %s" % (
                    task.id, task.spend, ", ".join(SPENDS)))
            if task.id in m.task_index:
                raise ModelError("duplicate task %s" % task.id)
            m.task_index[task.id] = len(m.tasks)
            m.tasks.append(task)
            members.append(task)
            for d in as_list(t.get("after")):
                raw_deps.append((sid, task.id, d, False))
            if own:
                for d in as_list(t.get("before")):
                    raw_deps.append((sid, task.id, d, True))
        m.sites[sid] = members

    # Dependencies: (pred, succ, kind, lag), kind in FS SS FF SF.
    m.deps = []
    for sid, tid, node, before in raw_deps:
        if isinstance(node, dict):
            ref = node["task"]
            kind = node.get("type", "FS")
            lag = as_int(node.get("lag", "0"), "lag")
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

    # Entry tasks of each site: no predecessor within the site.
    m.entries = {}
    for sid, members in m.sites.items():
        m.entries[sid] = [t for t in members
                          if not any(m.tasks[p].site == sid
                                     for p, _, _, _ in t.preds)]

    # Date constraints: releases onto tasks, deadlines into m.deadlines.
    m.deadlines = []  # dicts: key (site, id), kind, tasks, to, month

    def bind(node, sid):
        if "task" in node:
            bound = [m.tasks[m.task_index[sid + "/" + node["task"]]]]
            entry = bound
            whole = False
        else:
            bound, entry, whole = m.sites[sid], m.entries[sid], True
        name = "deadline '%s'" % node["id"]
        hard = node.get("hard") == "true"
        if "start_not_before" in node:
            d = parse_date(node["start_not_before"])
            for t in entry:
                t.releases.append((d, name + " start_not_before"))
        elif "start_within" in node:
            v = node["start_within"]
            month = isinstance(v, str) and len(v) == 7
            lo, hi = month_range(v) if month else day_range(v)[:2]
            for t in entry:
                t.releases.append((lo, name + " start_within"))
            m.deadlines.append({"key": (sid, node["id"]),
                                "kind": "start_within", "tasks": entry,
                                "to": hi, "month": month, "whole": whole,
                                "hard": hard})
        elif "finish_by" in node:
            v = node["finish_by"]
            month = isinstance(v, str) and len(v) == 7
            hi = month_range(v)[1] if month else parse_date(v)
            m.deadlines.append({"key": (sid, node["id"]),
                                "kind": "finish_by", "tasks": bound,
                                "to": hi, "month": month, "whole": whole,
                                "hard": hard})

    def imported(node):
        """Deadline nodes from a calendar whose events name sites."""
        lo, hi = import_horizon(m.start)
        out = []
        for first, last, summ, cats, uid, _ in read_ics_events(
                os.path.join(os.path.dirname(path), node["import"]),
                prog.get("timezone", "Asia/Shanghai"), lo, hi):
            best, best_len, tie = None, 0, False
            for sid in m.site_order:
                for key in (site_names[sid], sid):
                    if key and key in summ:
                        if len(key) > best_len:
                            best, best_len, tie = sid, len(key), False
                        elif len(key) == best_len and best != sid:
                            tie = True
            if best is None or tie:
                continue
            task, tlen = None, 0
            for t in m.sites[best]:
                if t.name and len(t.name) > tlen and t.name in summ:
                    task, tlen = t.id.split("/", 1)[1], len(t.name)
            key = uid if uid is not None else "%s@%d" % (summ, last - EPOCH)
            n = {"id": "ics-%08x" % fnv32(key), "finish_by": fmt(last),
                 "hard": node.get("hard", "false")}
            if task is not None:
                n["task"] = task
            out.append((best, n))
        return out

    for node in as_list(doc.get("deadlines")):
        if "import" in node:
            for sid, n in imported(node):
                if (sid, n["id"]) not in replaced:
                    bind(n, sid)
            continue
        if "sites" in node:
            sids = as_list(node["sites"])
        elif "tag" in node:
            sids = [s for s in m.site_order if node["tag"] in site_tags[s]]
        else:
            sids = list(m.site_order)
        for sid in sids:
            if (sid, node["id"]) not in replaced:
                bind(node, sid)
    m.funding = load_funding(doc.get("funding"), m)
    for t in m.tasks:
        if t.spend is None:
            t.spend = m.funding["spend"] if m.funding else "spread"
    for s in as_list(doc.get("sites")):
        for node in as_list(s.get("deadlines")):
            if (s["id"], node["id"]) not in replaced:
                bind(node, s["id"])
        for node in new_dls.get(s["id"], []):
            bind(node, s["id"])
    return m


# ----------------------------------------------------------------- status

STATUS_ROOT_KEYS = ("status", "progress", "unavailable", "deadlines", "tasks")
STATUS_KEYS = ("date", "now", "assume")
PROGRESS_KEYS = ("task", "started", "finished", "remaining", "percent")
OUTAGE_KEYS = ("crew", "site", "count", "from", "to", "reason")
DEADLINE_KINDS = ("finish_by", "start_within", "start_not_before")


class Status:
    """A status file (read_status): date; progress entries (dicts);
    crew_outages (crew, count, from, to); closures (site, from, to,
    reason); deadlines and tasks [(site, node without `site`)]."""


def read_status(path, m):
    """Reads the status file at path and checks it against the model m (as
    loaded without it), as far as no calendar is needed; raises StatusError
    with every problem found."""
    probs = []

    def bad(where, what):
        probs.append("STATUS: %s: %s" % (where, what))

    def text(v):
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)

    def keys(node, allowed, where):
        for k in node:
            if k not in allowed:
                bad(where, "unknown key '%s' (expected %s)"
                    % (text(k), ", ".join(allowed)))

    def date(node, key, where):
        """The date node[key]: None when absent, False when bad."""
        if key not in node:
            return None
        try:
            return parse_date(node[key])
        except ModelError as e:
            bad(where, "%s: %s" % (key, e))
            return False

    def whole(node, key, lo, hi, where, rule):
        """The whole number node[key] in [lo, hi] (hi None: no limit):
        None when absent, False when bad."""
        if key not in node:
            return None
        v = node[key]
        if (isinstance(v, str) and re.fullmatch(r"\d+", v.strip())
                and int(v) >= lo and (hi is None or int(v) <= hi)):
            return int(v)
        bad(where, "%s %s: must be %s" % (key, text(v), rule))
        return False

    def entries(doc, key):
        try:
            lst = as_list(doc.get(key))
        except ModelError:
            bad(key, "must be a list")
            return []
        out = []
        for n, e in enumerate(lst, 1):
            if isinstance(e, dict):
                out.append((n, e))
            else:
                bad("%s #%d" % (key, n), "each entry must be a mapping")
        return out

    try:
        doc = read_yaml(path, "status file")
    except (OSError, ModelError, yaml.YAMLError) as e:
        raise StatusError(["STATUS: %s: cannot read it: %s" % (path, e)])
    st = Status()
    st.path = path
    st.assume = "nothing"
    keys(doc, STATUS_ROOT_KEYS, "file")
    st.date = None
    head = doc.get("status")
    if not isinstance(head, dict) or "date" not in head:
        bad("status", "the status 'date' is required (status: {date: ...})")
    else:
        keys(head, STATUS_KEYS, "status")
        st.date = date(head, "date", "status") or None
        if st.date is not None and st.date < m.start:
            bad("status", "date %s is before program.start %s"
                % (fmt(st.date), fmt(m.start)))
        st.assume = head.get("assume", "nothing")
        if st.assume not in ("planned", "nothing"):
            bad("status", "assume %s: must be planned or nothing"
                % text(st.assume))
        if "now" in head and not (
                isinstance(head["now"], str) and re.fullmatch(
                    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", head["now"])):
            bad("status", "now %s is not a UTC time stamp "
                "YYYY-MM-DDTHH:MM:SSZ" % text(head["now"]))

    st.progress = []
    for n, e in entries(doc, "progress"):
        where = "progress %s" % (text(e["task"]) if "task" in e
                                 else "#%d" % n)
        keys(e, PROGRESS_KEYS, where)
        if not isinstance(e.get("task"), str):
            bad(where, "no 'task' (site/task)")
            continue
        p = {"task": e["task"], "where": where,
             "started": date(e, "started", where),
             "finished": date(e, "finished", where),
             "remaining": whole(e, "remaining", 1, None, where,
                                "a whole number >= 1"),
             "percent": whole(e, "percent", 0, 99, where,
                              "a whole number, 0 <= percent < 100")}
        if "remaining" in e and "percent" in e:
            bad(where, "both 'remaining' and 'percent': give one of them")
        st.progress.append(p)

    st.crew_outages, st.closures = [], []
    for n, e in entries(doc, "unavailable"):
        where = "unavailable #%d" % n
        keys(e, OUTAGE_KEYS, where)
        crew, site = e.get("crew"), e.get("site")
        if (crew is None) == (site is None):
            bad(where, "names a 'crew' or a 'site' (one of them)")
            continue
        if crew is not None:
            where = "unavailable crew %s" % text(crew)
            if not isinstance(crew, str) or crew not in m.crews:
                bad(where, "unknown crew '%s'" % text(crew))
                continue
        else:
            where = "unavailable site %s" % text(site)
            if not isinstance(site, str) or site not in m.sites:
                bad(where, "unknown site '%s'" % text(site))
                continue
        a, b = date(e, "from", where), date(e, "to", where)
        if a is None or b is None:
            bad(where, "needs 'from' and 'to' dates")
            continue
        if a is False or b is False:
            continue
        if b < a:
            bad(where, "to %s is before from %s" % (fmt(b), fmt(a)))
            continue
        reason = e.get("reason")
        if site is not None:
            if "count" in e:
                bad(where, "'count' is for crews")
                continue
            st.closures.append((site, a, b, reason))
            continue
        full = m.crews[crew][0]
        count = whole(e, "count", 1, full, where,
                      "a whole number, 1 .. the crew's count %d" % full)
        if count is False:
            continue
        st.crew_outages.append((crew, full if count is None else count, a, b))

    st.deadlines = []
    seen = set()
    for n, e in entries(doc, "deadlines"):
        sid, did = e.get("site"), e.get("id")
        where = "deadlines %s/%s" % (text(sid), text(did))
        if sid is None:
            bad(where, "no 'site'")
        elif not isinstance(sid, str) or sid not in m.sites:
            bad(where, "unknown site '%s'" % text(sid))
        if not isinstance(did, str):
            bad(where, "no 'id'")
        kinds = [k for k in DEADLINE_KINDS if k in e]
        if len(kinds) != 1:
            bad(where, "needs exactly one of %s" % ", ".join(DEADLINE_KINDS))
        for k in ("sites", "tag"):
            if k in e:
                bad(where, "'%s' is not for a status deadline: it names its "
                    "'site'" % k)
        if (text(sid), text(did)) in seen:
            bad(where, "given twice")
        seen.add((text(sid), text(did)))
        st.deadlines.append((sid, {k: v for k, v in e.items()
                                   if k != "site"}))

    st.tasks = []
    seen = set()
    for n, e in entries(doc, "tasks"):
        sid, tid = e.get("site"), e.get("id")
        where = "tasks %s/%s" % (text(sid), text(tid))
        if sid is None:
            bad(where, "no 'site'")
        elif not isinstance(sid, str) or sid not in m.sites:
            bad(where, "unknown site '%s'" % text(sid))
        if not isinstance(tid, str):
            bad(where, "no 'id'")
        elif "%s/%s" % (sid, tid) in m.task_index:
            bad(where, "site %s already has a task '%s'" % (sid, tid))
        elif (sid, tid) in seen:
            bad(where, "added twice")
        seen.add((text(sid), text(tid)))
        if "duration" not in e:
            bad(where, "no 'duration'")
        st.tasks.append((sid, {k: v for k, v in e.items() if k != "site"}))
    if probs:
        raise StatusError(probs)
    return st


def closed_note(m, t, day):
    """ " (site S closed FROM..TO: reason)" when day is closed for t."""
    for a, b, reason in m.closures.get(t.site, []):
        if a <= day <= b:
            return " (site %s closed %s..%s%s)" % (
                t.site, fmt(a), fmt(b), ": %s" % reason if reason else "")
    return ""


def apply_status(m, st):
    """Applies the rest of the status st to the model m (loaded with st's
    tasks and deadlines): closed sites' calendars, crews down, progress
    (durations and pins), releases and dependencies; raises StatusError."""
    probs = []

    def bad(where, what):
        probs.append("STATUS: %s: %s" % (where, what))

    m.status = st
    # Closed sites: each calendar C of the site's tasks -> C@SITE.
    for sid, a, b, reason in st.closures:
        m.closures.setdefault(sid, []).append((a, b, reason))
    for sid in m.site_order:
        if sid not in m.closures:
            continue
        variant = {}
        for t in m.sites[sid]:
            if t.cal not in variant:
                base = m.cals[t.cal]["id"]
                variant[t.cal] = len(m.cals)
                m.cal_base[len(m.cals)] = base
                m.cals.append({
                    "id": "%s@%s" % (base, sid), "parent": t.cal,
                    "weekdays": None, "holidays": None, "years": [],
                    "days_off": list(m.closures[sid]), "working_days": [],
                    "work_through": []})
            t.cal = variant[t.cal]
    # Crews down.
    for crew, count, a, b in st.crew_outages:
        for day in range(a, b + 1):
            m.crew_down[(crew, day)] = m.crew_down.get((crew, day), 0) + count

    # Progress: what each entry says.
    pins, seen = {}, set()
    for p in st.progress:
        where = p["where"]
        i = m.task_index.get(p["task"])
        if i is None:
            bad(where, "unknown task '%s' (write site/task)" % p["task"])
            continue
        if i in seen:
            bad(where, "reported twice")
            continue
        seen.add(i)
        t = m.tasks[i]
        s, f, rem, pct = p["started"], p["finished"], p["remaining"], \
            p["percent"]
        if t.duration == 0:
            if s is not None or rem is not None or pct is not None:
                bad(where, "%s is a milestone: give only 'finished', the day "
                    "it was reached" % t.id)
                continue
            if f is None:
                continue  # not reached yet
            p["kind"] = "milestone"
        elif f is not None:
            if s is None:
                bad(where, "finished, but no 'started'")
                continue
            if rem is not None or pct is not None:
                bad(where, "finished: no 'remaining' or 'percent'")
                continue
            p["kind"] = "finished"
        elif s is not None:
            p["kind"] = "in progress"
        else:
            if rem is not None or pct is not None:
                bad(where, "'remaining' or 'percent' without 'started'")
            continue  # not started
        for k in ("started", "finished"):
            d = p[k]
            if d is None:
                continue
            if d > st.date:
                bad(where, "%s %s is after the status date %s"
                    % (k, fmt(d), fmt(st.date)))
            if d < m.start:
                bad(where, "%s %s is before program.start %s"
                    % (k, fmt(d), fmt(m.start)))
        if s is not None and f is not None and f < s:
            bad(where, "finished %s before it started %s" % (fmt(f), fmt(s)))
        pins[i] = p
    # `assume: planned`: what the status does not report went as the
    # baseline planned: finished when planned to finish before the status
    # date, going on to its planned finish when planned to start before.
    if st.assume == "planned":
        if st.baseline is None:
            bad("status", "assume: planned needs the baseline plan "
                "(--baseline SCHEDULE_JSON)")
        else:
            for i, t in enumerate(m.tasks):
                if i in seen or t.id not in st.baseline:
                    continue
                a, b = st.baseline[t.id]
                if a >= st.date:
                    continue
                where = "assume planned %s" % t.id
                p = {"task": t.id, "where": where, "started": a,
                     "finished": None, "remaining": None, "percent": None,
                     "planned_finish": None}
                if t.duration == 0:
                    p["kind"], p["started"], p["finished"] = \
                        "milestone", None, a
                elif b < st.date:
                    p["kind"], p["finished"] = "finished", b
                else:
                    p["kind"], p["planned_finish"] = "as planned", b
                pins[i] = p
    if probs:
        raise StatusError(probs)

    # Durations, in each pinned task's calendar.
    dates = [m.start, st.date] + [p[k] for p in pins.values()
                                  for k in ("started", "finished",
                                            "planned_finish")
                                  if p.get(k) is not None]
    lo, hi = min(dates) - 400, max(dates) + 400
    bundled = load_bundled_holidays()
    cals = {}
    for i, p in sorted(pins.items()):
        t = m.tasks[i]
        if t.cal not in cals:
            cals[t.cal] = Calendar(m, t.cal, lo, hi, bundled)
        cal = cals[t.cal]
        ok = True
        for k in ("started", "finished", "planned_finish"):
            d = p.get(k)
            if d is not None and not cal.is_working(d):
                bad(p["where"], "%s %s (%s) is not a working day of calendar "
                    "%s%s" % (k, fmt(d), WEEKDAY_NAMES[weekday(d)], cal.id,
                              closed_note(m, t, d)))
                ok = False
        if not ok:
            continue
        p["model_duration"] = t.duration
        if p["kind"] == "finished":
            t.duration = cal.between(p["started"], p["finished"])
        elif p["kind"] == "as planned":
            t.duration = cal.between(p["started"], p["planned_finish"])
        elif p["kind"] == "in progress":
            if p["remaining"] is not None:
                p["left"] = p["remaining"]
            else:
                p["left"] = max(1, -(-t.duration * (100 - p["percent"])
                                     // 100))
            p["elapsed"] = cal.W(st.date) - cal.W(p["started"])
            t.duration = p["elapsed"] + p["left"]
        t.pin = p
    if probs:
        raise StatusError(probs)

    # Pinned: no releases, no dependencies into it; others: the status
    # date is a release.
    for t in m.tasks:
        if t.pin is not None:
            t.releases = []
            t.preds = []
        else:
            t.releases.append((st.date, "the status date"))
    m.deps = [d for d in m.deps if m.tasks[d[1]].pin is None]


# ---------------------------------------------------------------- funding

SOURCES = ("central", "regional", "city", "district", "county", "village")
SPENDS = ("spread", "start", "finish")
FUNDING_KEYS = ("spend", "standard_area", "above_standard", "subsidies",
                "tranches")
SUBSIDY_KEYS = ("kind", "amount", "per_m2", "source")
TRANCHE_KEYS = ("id", "name", "date", "amount", "source", "after")
FUNDING_CSV_BASE = ("site", "site_name", "kind", "area", "cost", "subsidy",
                    "subsidy_source", "above_standard",
                    "above_standard_source", "county_share", "first_payment",
                    "last_payment", "money_waits")
CASHFLOW_HEADER = ("week", "arrived", "spent", "available", "committed",
                   "balance")
AMOUNT_RE = re.compile(r"-?\d+(\.\d{0,2}[1-9])?")


def thousandths(x):
    """An amount in whole thousandths: round(1000 x), halves up."""
    return int(math.floor(1000.0 * x + 0.5))


def money(k):
    """Thousandths as the reports print an amount: no trailing zeros."""
    text = "%d" % (abs(k) // 1000)
    if abs(k) % 1000:
        text += (".%03d" % (abs(k) % 1000)).rstrip("0")
    return ("-" if k < 0 else "") + text


def load_funding(node, m):
    """The `funding` section (None without one): spend, standard_area,
    above_standard, subsidies [{kind, amount, per_m2, source}] and tranches
    [{id, name, date, amount, k (thousandths), source, after}], after a
    list of ("tranche", index) and ("task", task index)."""
    if node is None:
        return None
    if not isinstance(node, dict):
        raise ModelError("funding is not a mapping")
    for k in node:
        if k not in FUNDING_KEYS:
            raise ModelError("funding: unknown key %r" % (k,))

    def source(n, default, what):
        v = n.get("source", default) if isinstance(n, dict) else n
        if v not in SOURCES:
            raise ModelError("%s source %r: one of %s"
                             % (what, v, ", ".join(SOURCES)))
        return v

    f = {"spend": node.get("spend", "spread"),
         "standard_area": number(node.get("standard_area", "0"),
                                 "funding standard_area"),
         "above_standard": source(node.get("above_standard", "county"),
                                  None, "above_standard"),
         "subsidies": [], "tranches": []}
    if f["spend"] not in SPENDS:
        raise ModelError("funding spend %r: one of %s"
                         % (f["spend"], ", ".join(SPENDS)))
    for n in as_list(node.get("subsidies")):
        if not isinstance(n, dict) or "kind" not in n:
            raise ModelError("a subsidy rule needs a 'kind'")
        for k in n:
            if k not in SUBSIDY_KEYS:
                raise ModelError("subsidy: unknown key %r" % (k,))
        f["subsidies"].append({
            "kind": n["kind"],
            "amount": number(n.get("amount", "0"), "subsidy amount"),
            "per_m2": number(n.get("per_m2", "0"), "subsidy per_m2"),
            "source": source(n, "city", "subsidy")})
    index = {}
    for n in as_list(node.get("tranches")):
        if not isinstance(n, dict) or "id" not in n:
            raise ModelError("a tranche needs an 'id'")
        for k in n:
            if k not in TRANCHE_KEYS:
                raise ModelError("tranche: unknown key %r" % (k,))
        if n["id"] in index:
            raise ModelError("tranche %s given twice" % n["id"])
        amount = number(n["amount"], "tranche amount")
        index[n["id"]] = len(f["tranches"])
        f["tranches"].append({
            "id": n["id"], "name": n.get("name", n["id"]),
            "date": parse_date(n["date"]), "amount": amount,
            "k": thousandths(amount), "source": source(n, "central",
                                                       "tranche"),
            "after_nodes": n.get("after")})
    for tr in f["tranches"]:
        conds = tr.pop("after_nodes")
        if isinstance(conds, str):
            conds = [conds]
        tr["after"] = []
        for c in as_list(conds):
            if not isinstance(c, str):
                raise ModelError("tranche %s: bad condition %r"
                                 % (tr["id"], c))
            if "/" in c:
                if c not in m.task_index:
                    raise ModelError("tranche %s: unknown task %s"
                                     % (tr["id"], c))
                tr["after"].append(("task", m.task_index[c]))
            elif c in index:
                tr["after"].append(("tranche", index[c]))
            else:
                raise ModelError("tranche %s: unknown tranche %s"
                                 % (tr["id"], c))
    f["index"] = index
    return f


def tranche_arrivals(m):
    """[(arrival day, why)] of each tranche: the latest of its date (no
    earlier than the plan start), the arrival of each tranche it waits for,
    and the day after the finish of each task it waits for (a milestone:
    the day after its date). None for a tranche waiting on a task without
    dates (or, through its conditions, on itself)."""
    trs = m.funding["tranches"]
    memo = {}

    def arrive(i, path):
        if i in memo:
            return memo[i]
        if i in path:
            return None
        tr = trs[i]
        if tr["date"] >= m.start:
            best = (tr["date"], "its date")
        else:
            best = (m.start, "the plan start (its date %s is before it)"
                    % fmt(tr["date"]))
        for kind, ref in tr["after"]:
            if kind == "tranche":
                got = arrive(ref, path | {i})
                if got is None:
                    memo[i] = None
                    return None
                cand = (got[0], "the arrival of %s" % trs[ref]["id"])
            else:
                t = m.tasks[ref]
                if t.finish is None:
                    memo[i] = None
                    return None
                cand = (t.finish + 1, "the day after %s %s %s"
                        % (t.id, "is reached on" if t.duration == 0
                           else "finishes", fmt(t.finish)))
            if cand[0] > best[0]:
                best = cand
        memo[i] = best
        return best

    return [arrive(i, frozenset()) for i in range(len(trs))]


def task_payments(t, cal, start):
    """[(day, thousandths)] task t pays when it starts on `start`: its cost
    C = round(1000 cost) spread over its working days (the i-th of d days
    pays floor((2C(i+1) + d) / 2d) - floor((2Ci + d) / 2d)), all on its
    first or its last working day; a milestone all on its date. Days
    paying nothing are left out."""
    c = thousandths(t.cost)
    d = t.duration
    if c <= 0:
        return []
    if d == 0:
        return [(start, c)]
    k = cal.W(start)
    days = cal.days[k:k + d]
    if len(days) < d:
        raise IndexError(start)
    if t.spend == "start":
        return [(days[0], c)]
    if t.spend == "finish":
        return [(days[-1], c)]
    out = []
    for i, day in enumerate(days):
        a = (2 * c * (i + 1) + d) // (2 * d) - (2 * c * i + d) // (2 * d)
        if a:
            out.append((day, a))
    return out


def independent_tranches(m, started):
    """The tranches whose arrival hangs on no task outside `started` (a
    set of task indices): no task of their `after`, directly or through an
    `after` tranche, is one the status does not report started. A list of
    booleans in model order (conditions known to be acyclic)."""
    trs = m.funding["tranches"]
    memo = {}

    def free(j):
        if j not in memo:
            memo[j] = all(ref in started if kind == "task" else free(ref)
                          for kind, ref in trs[j]["after"])
        return memo[j]

    return [free(j) for j in range(len(trs))]


def first_shortfall(pays, arrivals, frm, started=None, fixed=None):
    """The first calendar day D >= frm that breaks the money rule: (D,
    spent, arrived, floor), or None. pays [(day, task index,
    thousandths)], arrivals [(day, thousandths)] (every tranche). Without
    `started` the rule is arrived(<= D) >= spent(<= D). A replan gives
    `started` (the task indices the status reports started) and `fixed`
    (the [(day, thousandths)] of the tranches that hang on no other task):
    H(D) = fixed(<= D) - what the started tasks pay on days <= D, and the
    rule is arrived(<= D) - spent(<= D) >= floor = min(0, H(D))."""
    events = sorted([(d, 0, a) for d, _, a in pays] +
                    [(d, 1, a) for d, a in arrivals] +
                    [(d, 2, a) for d, i, a in pays
                     if started is not None and i in started] +
                    [(d, 3, a) for d, a in (fixed or [])
                     if started is not None])
    days = sorted({frm} | {d for d, _, _ in events if d > frm})
    sums = [0, 0, 0, 0]  # spent, arrived, started spent, fixed arrived
    k = 0
    for day in days:
        while k < len(events) and events[k][0] <= day:
            sums[events[k][1]] += events[k][2]
            k += 1
        spent, arrived = sums[0], sums[1]
        floor = min(0, sums[3] - sums[2]) if started is not None else 0
        if arrived - spent < floor:
            return day, spent, arrived, floor
    return None


def draws(m, pays, arrivals):
    """First come, first served: the payments [(day, task index,
    thousandths)] replayed in date order (ties: task order in the model),
    each drawn from the tranche arrived earliest (ties: model order) that
    still has money, split when one runs out. Returns ({(site, tranche
    index): [total, first day, last day]}, {site: unfunded thousandths})."""
    trs = m.funding["tranches"]
    left = [tr["k"] for tr in trs]
    order = sorted(range(len(trs)), key=lambda j: (arrivals[j], j))
    got, unfunded = {}, {}
    for day, ti, amount in sorted(pays):
        site = m.tasks[ti].site
        for j in order:
            if amount == 0 or arrivals[j] > day:
                break
            take = min(amount, left[j])
            if take <= 0:
                continue
            left[j] -= take
            amount -= take
            g = got.setdefault((site, j), [0, day, day])
            g[0] += take
            g[1], g[2] = min(g[1], day), max(g[2], day)
        if amount:
            unfunded[site] = unfunded.get(site, 0) + amount
    return got, unfunded


def site_shares(m, sid):
    """(cost, subsidy, subsidy source, above_standard) of site sid, as
    floats: cost = its tasks' costs; subsidy = the rule of its kind:
    amount + per_m2 x min(area, standard area) (no standard area: area);
    above_standard = cost x (area - standard) / area when area > standard
    (> 0)."""
    f = m.funding
    cost = sum(t.cost for t in m.sites[sid])
    area, std = m.site_area[sid], f["standard_area"]
    kind = m.site_kind[sid]
    rule = next((r for r in f["subsidies"] if kind is not None
                 and r["kind"] == kind), None)
    subsidy, src = 0.0, ""
    if rule is not None:
        subsidy = rule["amount"] + rule["per_m2"] * (min(area, std) if std > 0
                                                     else area)
        src = rule["source"]
    above = cost * (area - std) / area if std > 0 and area > std else 0.0
    return cost, subsidy, src, above


def read_report(path, fail, who, crlf):
    """The rows of a CSV report (lists of cells), or None when unreadable;
    with crlf, every line must end in CRLF."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        fail(who, "cannot read it: %s" % e)
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if crlf and (not text.endswith("\r\n")
                 or "\n" in text.replace("\r\n", "")
                 or "\r" in text.replace("\r\n", "")):
        fail(who, "its lines do not all end in CRLF")
    return [r for r in csv.reader(io.StringIO(text, newline=""))]


def cell_amount(fail, who, col, cell, want, blank_ok):
    """Checks an amount cell against want (thousandths; None: blank
    wanted). Amounts print with no trailing zeros, at most 3 decimals."""
    if cell == "":
        if want is None or (blank_ok and want == 0):
            return
        fail(who, "%s is empty, should be %s" % (col, money(want)))
        return
    if want is None:
        fail(who, "%s %s, should be empty" % (col, cell))
        return
    if not AMOUNT_RE.fullmatch(cell):
        fail(who, "%s %r is not an amount as the reports print them (no "
             "trailing zeros, at most 3 decimals)" % (col, cell))
        return
    if abs(float(cell) - want / 1000.0) > 1e-3 + 1e-12 * abs(want):
        fail(who, "%s %s, should be %s" % (col, cell, money(want)))


def check_funding_csv(fail, m, path, pays, arrivals, waits_of):
    """funding.csv next to schedule.json: a row per site in model order,
    columns FUNDING_CSV_BASE, then each tranche's draw and its dates, then
    `unfunded` when some payment found no money."""
    rows = read_report(path, fail, "funding.csv", True)
    if rows is None:
        return
    f = m.funding
    trs = f["tranches"]
    got, unfunded = draws(m, pays, arrivals) if trs else ({}, {})
    header = list(FUNDING_CSV_BASE)
    for tr in trs:
        header += [tr["id"], tr["id"] + " dates"]
    if unfunded:
        header.append("unfunded")
    if not rows or rows[0] != header:
        fail("funding.csv", "header %s, should be %s"
             % (",".join(rows[0]) if rows else "(none)", ",".join(header)))
        return
    body = rows[1:]
    ids = [r[0] if r else "" for r in body]
    if ids != m.site_order:
        fail("funding.csv", "sites %s, should be one row per site in model "
             "order: %s" % (",".join(ids), ",".join(m.site_order)))
    site_pays = {}
    for day, ti, a in pays:
        site_pays.setdefault(m.tasks[ti].site, []).append(day)
    for r in body:
        sid = r[0] if r else ""
        who = "funding.csv %s" % sid
        if sid not in m.sites:
            continue
        if len(r) != len(header):
            fail(who, "%d cells, the header has %d" % (len(r), len(header)))
            continue
        cell = dict(zip(header, r))
        cost, subsidy, src, above = site_shares(m, sid)
        kind = m.site_kind[sid]
        if cell["site_name"] != m.site_names[sid]:
            fail(who, "site_name %s, should be %s"
                 % (cell["site_name"], m.site_names[sid]))
        if cell["kind"] != (kind or ""):
            fail(who, "kind %s, should be %s" % (cell["kind"], kind or
                                                  "empty"))
        area = m.site_area[sid]
        try:
            area_ok = (float(cell["area"] or "0") - area) <= 1e-3 and \
                (area - float(cell["area"] or "0")) <= 1e-3
        except ValueError:
            area_ok = False
        if not area_ok:
            fail(who, "area %s, should be %s" % (cell["area"], area))
        for col, want in (("cost", cost), ("subsidy", subsidy),
                          ("above_standard", above),
                          ("county_share", max(0.0, cost - subsidy))):
            cell_amount(fail, who, col, cell[col], thousandths(want), False)
        if cell["subsidy_source"] != src:
            fail(who, "subsidy_source %s, should be %s"
                 % (cell["subsidy_source"] or "empty", src or "empty (no "
                    "subsidy rule for its kind)"))
        if cell["above_standard_source"] != f["above_standard"]:
            fail(who, "above_standard_source %s, should be %s"
                 % (cell["above_standard_source"], f["above_standard"]))
        days = site_pays.get(sid, [])
        for col, want in (("first_payment", min(days) if days else None),
                          ("last_payment", max(days) if days else None)):
            if cell[col] != (fmt(want) if want is not None else ""):
                fail(who, "%s %s, should be %s"
                     % (col, cell[col] or "empty",
                        fmt(want) if want is not None else "empty (it pays "
                        "nothing)"))
        if cell["money_waits"] != str(waits_of.get(sid, 0)):
            fail(who, "money_waits %s, schedule.json lists %d of its tasks"
                 % (cell["money_waits"], waits_of.get(sid, 0)))
        for j, tr in enumerate(trs):
            g = got.get((sid, j))
            cell_amount(fail, who, "draw from tranche %s" % tr["id"],
                        cell[tr["id"]], g[0] if g else None, False)
            want = "" if g is None else fmt(g[1]) if g[1] == g[2] else \
                "%s..%s" % (fmt(g[1]), fmt(g[2]))
            col = tr["id"] + " dates"
            if cell[col] != want:
                fail(who, "%s %s, should be %s" % (col, cell[col] or "empty",
                                                   want or "empty"))
        if unfunded:
            cell_amount(fail, who, "unfunded", cell["unfunded"],
                        unfunded.get(sid), False)


def check_cashflow_csv(fail, path, pays, arrivals, trs):
    """cashflow.csv: a row per week (Monday) from the week of the earliest
    arrival or payment to that of the latest: what arrived and was spent
    that week, what had arrived (available) and been spent (committed) by
    its Sunday, and balance = available - committed."""
    rows = read_report(path, fail, "cashflow.csv", False)
    if rows is None:
        return
    if not rows or tuple(rows[0]) != CASHFLOW_HEADER:
        fail("cashflow.csv", "header %s, should be %s"
             % (",".join(rows[0]) if rows else "(none)",
                ",".join(CASHFLOW_HEADER)))
        return
    events = [(d, 0, a) for d, _, a in pays] + \
        [(arrivals[j], tr["k"], 0) for j, tr in enumerate(trs)]
    weeks = []
    if events:
        first = min(e[0] for e in events)
        last = max(e[0] for e in events)
        weeks = list(range(first - weekday(first), last - weekday(last) + 1,
                           7))
    body = rows[1:]
    if [r[0] if r else "" for r in body] != [fmt(w) for w in weeks]:
        fail("cashflow.csv", "weeks %s, should be the %d Mondays %s..%s"
             % (",".join(r[0] if r else "" for r in body), len(weeks),
                fmt(weeks[0]) if weeks else "-",
                fmt(weeks[-1]) if weeks else "-"))
    for r in body:
        try:
            mon = parse_date(r[0])
        except (ModelError, IndexError):
            continue
        arrived = sum(k for d, k, _ in events if mon <= d <= mon + 6)
        spent = sum(a for d, _, a in events if mon <= d <= mon + 6)
        available = sum(k for d, k, _ in events if d <= mon + 6)
        committed = sum(a for d, _, a in events if d <= mon + 6)
        want = (arrived, spent, available, committed, available - committed)
        who = "cashflow.csv week %s" % r[0]
        if len(r) != len(CASHFLOW_HEADER):
            fail(who, "%d cells, the header has %d"
                 % (len(r), len(CASHFLOW_HEADER)))
            continue
        bad = []
        for col, cell, w in zip(CASHFLOW_HEADER[1:], r[1:], want):
            try:
                ok = AMOUNT_RE.fullmatch(cell) and \
                    abs(float(cell) - w / 1000.0) <= 1e-3
            except ValueError:
                ok = False
            if not ok:
                bad.append("%s %s, should be %s" % (col, cell or "empty",
                                                    money(w)))
        if bad:
            fail(who, "; ".join(bad))


def verify_funding(fail, m, cals, sched, sched_path):
    """The funding rules (see "Funding"); returns a summary phrase or
    None."""
    f = m.funding
    trs = f["tranches"] if f else []
    sec = sched.get("funding")
    costly = any(t.cost > 0 for t in m.tasks)
    if trs and costly and sec is None:
        fail("funding", "schedule.json has no 'funding' section, but the "
             "model has %d tranches and tasks that cost money" % len(trs))
    if not trs and sec is not None:
        fail("funding", "schedule.json has a 'funding' section, but the "
             "model has no tranches")
    elif sec is not None and not isinstance(sec, dict):
        fail("funding", "the 'funding' section is not an object")
    if f is None:
        return None
    if any(t.start is None for t in m.tasks):
        return None  # dates missing: reported already
    arr = tranche_arrivals(m) if trs else []
    if any(a is None for a in arr):
        return None
    arrivals = [a[0] for a in arr]
    arr_k = [(arrivals[j], tr["k"]) for j, tr in enumerate(trs)]
    frm = m.status.date if m.status is not None else m.start
    # A replan: the tasks the status reports started (pinned) and the
    # tranches that hang on no other task (the floor of the money rule).
    started = fixed = None
    if m.status is not None:
        started = {i for i, t in enumerate(m.tasks) if t.pin is not None}
        free = independent_tranches(m, started) if trs else []
        fixed = [a for a, ok in zip(arr_k, free) if ok]
    pays = []  # (day, task index, thousandths)
    own = {}  # task index -> its payments
    if trs:
        for i, t in enumerate(m.tasks):
            try:
                own[i] = task_payments(t, cals[t.cal], t.start)
            except IndexError:
                fail(t.id, "its payments lie beyond the verifier's horizon")
                return None
            pays += [(d, i, a) for d, a in own[i]]
        short = first_shortfall(pays, arr_k, frm, started, fixed)
        if short is not None:
            day, spent, arrived, floor = short
            that = ", ".join("%s %s" % (m.tasks[i].id, money(a))
                             for d, i, a in sorted(pays, key=lambda p: p[1])
                             if d == day)
            beyond = "" if floor == 0 else (
                ", %s beyond the floor %s the started work's deficit allows"
                % (money(spent - arrived + floor), money(floor)))
            fail("funding", "on %s the tasks have spent %s but only %s has "
                 "arrived (short %s%s; paid that day: %s)"
                 % (fmt(day), money(spent), money(arrived),
                    money(spent - arrived), beyond, that or "nothing"))

    waits_of = {}
    n_waits = 0
    if isinstance(sec, dict) and trs:
        if "spend" in sec and sec["spend"] != f["spend"]:
            fail("funding", "spend %s, the model gives %s"
                 % (json.dumps(sec["spend"]), f["spend"]))
        rows = sec.get("tranches")
        if not isinstance(rows, list):
            fail("funding", "'tranches' is not a list")
            rows = []
        seen = set()
        for row in rows:
            tid = row.get("id") if isinstance(row, dict) else None
            j = f["index"].get(tid)
            if j is None:
                fail("funding", "tranche %s is not a tranche of the model"
                     % json.dumps(tid, ensure_ascii=False))
                continue
            if j in seen:
                fail("funding", "tranche %s listed twice" % tid)
                continue
            seen.add(j)
            tr = trs[j]
            who = "tranche %s" % tid
            if row.get("arrives") != fmt(arrivals[j]):
                fail(who, "arrives %s, should be %s (%s)"
                     % (row.get("arrives"), fmt(arrivals[j]), arr[j][1]))
            for key, want in (("name", tr["name"]), ("source", tr["source"]),
                              ("date", fmt(tr["date"]))):
                if key in row and row[key] != want:
                    fail(who, "%s %s, the model gives %s"
                         % (key, json.dumps(row[key], ensure_ascii=False),
                            want))
            if "amount" in row and (not is_number(row["amount"]) or abs(
                    row["amount"] - tr["amount"]) > 1e-3):
                fail(who, "amount %s, the model gives %s"
                     % (row["amount"], money(tr["k"])))
        for j, tr in enumerate(trs):
            if j not in seen:
                fail("tranche %s" % tr["id"], "missing from the funding "
                     "section of schedule.json")
        waits = sec.get("money_waits", [])
        if not isinstance(waits, list):
            fail("funding", "'money_waits' is not a list")
            waits = []
        listed = set()
        for n, e in enumerate(waits, 1):
            tid = e.get("task") if isinstance(e, dict) else None
            i = m.task_index.get(tid)
            if i is None:
                fail("funding", "money_waits #%d: %s is not a task of the "
                     "model" % (n, json.dumps(tid, ensure_ascii=False)))
                continue
            t = m.tasks[i]
            if i in listed:
                fail(tid, "listed twice in money_waits")
                continue
            listed.add(i)
            n_waits += 1
            waits_of[t.site] = waits_of.get(t.site, 0) + 1
            check_money_wait(fail, m, cals, e, i, pays, arr_k, frm,
                             started, fixed)
    if trs:
        base = os.path.dirname(os.path.abspath(sched_path))
        fpath = os.path.join(base, "funding.csv")
        if os.path.exists(fpath):
            check_funding_csv(fail, m, fpath, pays, arrivals, waits_of)
        cpath = os.path.join(base, "cashflow.csv")
        if os.path.exists(cpath):
            check_cashflow_csv(fail, cpath, pays, arrivals, trs)
    elif os.path.exists(os.path.join(os.path.dirname(
            os.path.abspath(sched_path)), "funding.csv")):
        check_funding_csv(fail, m, os.path.join(os.path.dirname(
            os.path.abspath(sched_path)), "funding.csv"), [], [], {})
    return "funding (%d tranches, %d payments, %d money waits)" % (
        len(trs), len(pays), n_waits)


def check_money_wait(fail, m, cals, e, i, pays, arr_k, frm, started,
                     fixed):
    """One money_waits entry of task i: it costs money; could_start <
    money_from <= its start, both working days of its calendar; days = its
    working days in [could_start, money_from); tranche null or a tranche;
    and money does hold it back: with only its own payments moved to a
    start on could_start, the money rule (first_shortfall; a replan's
    with its floor) breaks on some day."""
    t = m.tasks[i]
    cal = cals[t.cal]
    who = t.id
    if e.get("site") != t.site:
        fail(who, "money_waits: site %s, the task is of site %s"
             % (json.dumps(e.get("site"), ensure_ascii=False), t.site))
    if not t.cost > 0:
        fail(who, "money_waits: the task costs nothing: money cannot hold "
             "it back")
    tr = e.get("tranche")
    if tr is not None and tr not in m.funding["index"]:
        fail(who, "money_waits: tranche %s is not a tranche of the model"
             % json.dumps(tr, ensure_ascii=False))
    try:
        cs = parse_date(e.get("could_start"))
        mf = parse_date(e.get("money_from"))
    except ModelError as err:
        fail(who, "money_waits: %s" % err)
        return
    if not cs < mf <= t.start:
        fail(who, "money_waits: could_start %s, money_from %s, start %s: "
             "must be could_start < money_from <= start"
             % (fmt(cs), fmt(mf), fmt(t.start)))
        return
    try:
        for key, day in (("could_start", cs), ("money_from", mf)):
            if not cal.is_working(day):
                fail(who, "money_waits: %s %s (%s) is not a working day of "
                     "calendar %s" % (key, fmt(day),
                                      WEEKDAY_NAMES[weekday(day)], cal.id))
        days = cal.between(cs, mf - 1)
        moved = task_payments(t, cal, cs)
    except IndexError:
        fail(who, "money_waits: %s beyond the verifier's horizon" % fmt(cs))
        return
    if e.get("days") != days:
        fail(who, "money_waits: days %s, but calendar %s has %d working "
             "days from could_start %s to money_from %s"
             % (json.dumps(e.get("days")), cal.id, days, fmt(cs), fmt(mf)))
    if t.cost > 0 and first_shortfall(
            [p for p in pays if p[1] != i] + [(d, i, a) for d, a in moved],
            arr_k, frm, started, fixed) is None:
        fail(who, "money_waits: money does not hold it back: started on "
             "could_start %s (the other tasks as scheduled), spending never "
             "exceeds what has arrived%s" % (
                 fmt(cs), "" if started is None else " (beyond the floor "
                 "of the started work's deficit)"))


# ---------------------------------------------------------------- PSPLIB

class Psplib:
    """A PSPLIB single-mode instance: jobs 1..n; succ, dur, dem (per
    resource) indexed by job; cap per resource."""


def is_psplib(path, text):
    return (path.lower().endswith(".sm")
            or re.search(r"^PRECEDENCE RELATIONS:", text, re.M) is not None)


def load_psplib(text):
    """Parses a PSPLIB .sm file by whitespace tokens (README of the PSPLIB
    data, section 1); raises ModelError on anything unexpected."""
    toks = text.split()
    pos = [0]

    def seek(*words):
        """Moves past the first occurrence of the token sequence words at
        or after the current position."""
        k, w = pos[0], list(words)
        while k + len(w) <= len(toks):
            if toks[k:k + len(w)] == w:
                pos[0] = k + len(w)
                return
            k += 1
        raise ModelError("no '%s' in the PSPLIB file" % " ".join(words))

    def skip(*words):
        for w in words:
            if pos[0] >= len(toks) or toks[pos[0]] != w:
                raise ModelError("expected '%s', found %r" % (
                    w, toks[pos[0]] if pos[0] < len(toks) else "the end"))
            pos[0] += 1

    def integer(what):
        if pos[0] >= len(toks) or not re.fullmatch(r"-?\d+", toks[pos[0]]):
            raise ModelError("%s: expected an integer, found %r" % (
                what, toks[pos[0]] if pos[0] < len(toks) else "the end"))
        pos[0] += 1
        return int(toks[pos[0] - 1])

    def resource_header(k):
        for r in range(1, k + 1):
            skip("R")
            if integer("resource header") != r:
                raise ModelError("resource header: R %d expected" % r)

    p = Psplib()
    seek("jobs", "(incl.", "supersource/sink", "):")
    n = integer("job count")
    seek("-", "renewable", ":")
    k = integer("renewable resources")
    if n < 2 or k < 0:
        raise ModelError("%d jobs, %d resources" % (n, k))
    p.n, p.k = n, k
    p.succ, p.dur, p.dem = {}, {}, {}
    seek("PRECEDENCE", "RELATIONS:")
    skip("jobnr.", "#modes", "#successors", "successors")
    for j in range(1, n + 1):
        if integer("job number") != j:
            raise ModelError("precedence rows: job %d expected" % j)
        if integer("job %d modes" % j) != 1:
            raise ModelError("job %d: not single-mode" % j)
        c = integer("job %d successor count" % j)
        p.succ[j] = [integer("job %d successor" % j) for _ in range(c)]
        for s in p.succ[j]:
            if not 1 <= s <= n or s == j:
                raise ModelError("job %d: bad successor %d" % (j, s))
    seek("REQUESTS/DURATIONS:")
    skip("jobnr.", "mode", "duration")
    resource_header(k)
    if pos[0] >= len(toks) or not re.fullmatch(r"-+", toks[pos[0]]):
        raise ModelError("REQUESTS/DURATIONS: no ---- line")
    pos[0] += 1
    for j in range(1, n + 1):
        if integer("job number") != j:
            raise ModelError("request rows: job %d expected" % j)
        if integer("job %d mode" % j) != 1:
            raise ModelError("job %d: not single-mode" % j)
        p.dur[j] = integer("job %d duration" % j)
        p.dem[j] = [integer("job %d demand" % j) for _ in range(k)]
        if p.dur[j] < 0 or min(p.dem[j] + [0]) < 0:
            raise ModelError("job %d: negative duration or demand" % j)
    seek("RESOURCEAVAILABILITIES:")
    resource_header(k)
    p.cap = [integer("capacity") for _ in range(k)]
    return p


# -------------------------------------------------------------- calendars

class Calendar:
    """Working days of one calendar over the horizon [lo, hi]."""

    def __init__(self, m, ci, lo, hi, bundled):
        chain = []
        c = ci
        while c is not None and c not in chain:
            chain.append(c)
            c = m.cals[c]["parent"]
        defs = [m.cals[k] for k in chain]  # nearest first
        mask = next((d["weekdays"] for d in defs if d["weekdays"] is not None),
                    MON_FRI)
        hol_src = next((d["holidays"] for d in defs
                        if d["holidays"] is not None), "none")
        n = hi - lo + 1
        work = bytearray(n)
        for i in range(n):
            work[i] = weekday(lo + i) in mask
        hol = {}
        if hol_src == "cn":
            hol = dict(bundled)
            for d in reversed(defs):
                for _year, offs, ons in d["years"]:
                    for a, b, name in offs:
                        for day in range(a, b + 1):
                            hol[day] = (True, name or "")
                    for a, b, _name in ons:
                        for day in range(a, b + 1):
                            hol[day] = (False, "")
            for day, (off, _name) in hol.items():
                if lo <= day <= hi:
                    work[day - lo] = not off

        def setr(a, b, v):
            for day in range(max(a, lo), min(b, hi) + 1):
                work[day - lo] = v

        for d in reversed(defs):  # root first
            for wt in d["work_through"]:
                if wt[0] == "range":
                    setr(wt[1], wt[2], 1)
                    continue
                _, holiday, year = wt
                for day, (off, name) in hol.items():
                    if (off and lo <= day <= hi
                            and datetime.date.fromordinal(day).year == year
                            and (name == holiday
                                 or holiday in name.split("、"))):
                        work[day - lo] = 1
            for a, b, _ in d["days_off"]:
                setr(a, b, 0)
            for a, b, _ in d["working_days"]:
                setr(a, b, 1)
        self.id = m.cals[ci]["id"]
        self.lo, self.hi = lo, hi
        self.work = work
        self.days = [lo + i for i in range(n) if work[i]]
        self.count = [0] + list(itertools.accumulate(work))

    def is_working(self, day):
        if not self.lo <= day <= self.hi:
            raise IndexError(day)
        return bool(self.work[day - self.lo])

    def W(self, point):
        """Working days before point (morning of day `point`)."""
        if not self.lo <= point <= self.hi + 1:
            raise IndexError(point)
        return self.count[point - self.lo]

    def between(self, a, b):
        """Working days in the inclusive day range [a, b] (0 if b < a)."""
        return self.W(b + 1) - self.W(a) if b >= a else 0

    def shift(self, point, n):
        """The point n working days after point (before, for n < 0): point
        itself for n = 0, else the first moment at which this calendar's
        working-day clock W reads W(point) + n, i.e. the evening of its
        (W(point) + n)-th working day."""
        if n == 0:
            return point
        k = self.W(point) + n - 1
        if not 0 <= k < len(self.days):
            raise IndexError(point)
        return self.days[k] + 1

    def prev_working(self, day):
        """Latest working day < day."""
        k = self.W(day) - 1
        if k < 0:
            raise IndexError(day)
        return self.days[k]

    def last_working_le(self, day):
        k = self.W(day + 1) - 1
        if k < 0:
            raise IndexError(day)
        return self.days[k]


# ----------------------------------------------------------------- checks

def points(t, start, finish):
    """(start point, finish point) of task t displayed start..finish."""
    if t.duration == 0:
        return start + 1, start + 1
    return start, finish + 1


def dep_ok(cals, m, dep, S, F):
    """Whether dependency dep holds with start/finish points S[], F[]."""
    p, s, kind, lag = dep
    P = F[p] if kind[0] == "F" else S[p]
    E = S[s] if kind[1] == "S" else F[s]
    return E >= cals[m.tasks[s].cal].shift(P, lag), E, P


def check_fields(fail, m, t, cal, row, limited):
    """The per-task fields derived from start/finish and the late dates:
    start_day = working days of the task's calendar in [program start,
    start); early_* = the dates (crews limiting: not after them); late_* a
    valid placement of the task; total_float = working days from start to
    late_start; critical = float <= 0; (these check consistency, not the
    backward pass itself)."""
    try:
        sd = cal.W(t.start) - cal.W(m.start)
        if "start_day" in row and row["start_day"] != sd:
            fail(t.id, "start_day %s, should be %d (working days of %s from "
                 "%s)" % (row["start_day"], sd, cal.id, fmt(m.start)))
        for k, v in (("early_start", t.start), ("early_finish", t.finish)):
            if k not in row:
                continue
            if not limited and row[k] != fmt(v):
                fail(t.id, "%s %s differs from the scheduled %s"
                     % (k, row[k], fmt(v)))
            elif limited and parse_date(row[k]) > v:
                fail(t.id, "%s %s is after the scheduled %s"
                     % (k, row[k], fmt(v)))
        if "late_start" not in row or "late_finish" not in row:
            return
        ls, lf = parse_date(row["late_start"]), parse_date(row["late_finish"])
        if not (cal.is_working(ls) and cal.is_working(lf)) or (
                (ls != lf) if t.duration == 0
                else cal.between(ls, lf) != t.duration):
            fail(t.id, "late dates %s..%s do not hold %d working days of %s"
                 % (fmt(ls), fmt(lf), t.duration, cal.id))
        tf = cal.W(ls) - cal.W(t.start)
        if "total_float" in row and row["total_float"] != tf:
            fail(t.id, "total_float %s, late_start %s is %d working days "
                 "from start" % (row["total_float"], fmt(ls), tf))
        if "critical" in row and row["critical"] is not (
                row.get("total_float", tf) <= 0):
            fail(t.id, "critical is %s with total_float %s"
                 % (json.dumps(row["critical"]), row.get("total_float")))
    except (IndexError, ModelError, TypeError) as e:
        fail(t.id, "bad derived fields: %s" % e)


def check_pin(fail, m, t, cal):
    """A task the status reports started or finished: its start (a
    milestone: its day) and finish as the status fixes them; an unfinished
    one works on from the status date without a break."""
    p = t.pin
    if p["kind"] == "milestone":
        if t.start != p["finished"]:
            fail(t.id, "milestone reached %s by the status, but schedule.json "
                 "has it on %s" % (fmt(p["finished"]), fmt(t.start)))
        return
    if t.start != p["started"]:
        fail(t.id, "started %s by the status, but schedule.json starts it "
             "%s" % (fmt(p["started"]), fmt(t.start)))
    if p["kind"] in ("finished", "as planned"):
        want = p["finished"] if p["kind"] == "finished" else p["planned_finish"]
        if t.finish != want and p["kind"] == "finished":
            fail(t.id, "finished %s by the status, but schedule.json "
                 "finishes it %s" % (fmt(want), fmt(t.finish)))
        elif t.finish != want:
            fail(t.id, "going on as the baseline planned, to %s, but "
                 "schedule.json finishes it %s" % (fmt(want), fmt(t.finish)))
        return
    try:
        want = cal.days[cal.W(p["started"]) + t.duration - 1]
    except IndexError:
        fail(t.id, "in progress: its finish lies beyond the verifier's "
             "horizon")
        return
    if t.finish != want:
        how = ("%d remaining" % p["left"] if p["remaining"] is not None
               else "%d left of %d, %d%% done" % (p["left"],
                                                 p["model_duration"],
                                                 p["percent"]))
        fail(t.id, "in progress: finishes %s, should be %s (started %s: %d "
             "working days of %s before the status date %s, then %s)"
             % (fmt(t.finish), fmt(want), fmt(p["started"]), p["elapsed"],
                cal.id, fmt(m.status.date), how))


def is_number(x):
    return (isinstance(x, (int, float)) and not isinstance(x, bool)
            and math.isfinite(x))


def num(x):
    """A number as JSON would show it, floats without noise."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return "%.10g" % x if isinstance(x, float) else json.dumps(x)


def check_bounds(fail, label, true, value, lb, gap, has_gap, status):
    """lower_bound and gap against the recomputed value `true` (value: the
    reported one, for the gap formula)."""
    if not is_number(lb):
        fail("program", "%s lower_bound %s is not a number"
             % (label, json.dumps(lb)))
        return
    if lb > true + EPS:
        fail("program", "%s lower_bound %s exceeds its value %s"
             % (label, num(lb), num(true)))
    elif status == "optimal" and lb < true - EPS:
        fail("program", "status optimal, but lower_bound %s < %s %s"
             % (num(lb), label, num(true)))
    if not has_gap:
        return
    if gap is None:
        if status == "optimal":
            fail("program", "status optimal, but %s gap is null" % label)
        return
    if not is_number(gap):
        fail("program", "%s gap %s is not a number" % (label, json.dumps(gap)))
        return
    v = value if is_number(value) else true
    want = (v - lb) / max(v, 1e-9) if v > 0 else 0.0
    if abs(gap - want) > EPS:
        fail("program", "%s gap %s, should be %s ((value %s - lower_bound %s)"
             " / value)" % (label, num(gap), num(want), num(v), num(lb)))
    if status == "optimal" and abs(gap) > EPS:
        fail("program", "status optimal, but %s gap %s" % (label, num(gap)))


def check_objective(fail, sched, status, values, default):
    """The objective block and the top-level bounds; values: kind ->
    value recomputed from the schedule; default: the kind top-level bounds
    refer to without an objective."""
    obj = sched.get("objective")
    if obj is None:
        if "lower_bound" in sched or "gap" in sched:
            check_bounds(fail, default, values[default],
                         sched.get("makespan"), sched.get("lower_bound"),
                         sched.get("gap"), "gap" in sched, status)
        return
    if not isinstance(obj, dict):
        fail("program", "objective is not an object")
        return
    kind = obj.get("kind")
    if kind not in OBJECTIVES:
        fail("program", "objective kind %s is not one of %s"
             % (json.dumps(kind), ", ".join(OBJECTIVES)))
        return
    if kind not in values:
        fail("program", "objective kind %s does not apply to this model"
             % kind)
        return
    true = values[kind]
    value = obj.get("value")
    if not is_number(value):
        fail("program", "objective %s value %s is not a number"
             % (kind, json.dumps(value)))
    elif abs(value - true) > EPS:
        fail("program", "objective %s value %s, the schedule gives %s"
             % (kind, num(value), num(true)))
    for k in ("lower_bound", "gap"):
        if k not in obj:
            fail("program", "objective has no %s" % k)
        elif k in sched and not (
                sched[k] == obj[k] or (is_number(sched[k])
                                       and is_number(obj[k])
                                       and abs(sched[k] - obj[k]) <= EPS)):
            fail("program", "top-level %s %s differs from the objective's %s"
                 % (k, json.dumps(sched[k]), json.dumps(obj[k])))
    if "lower_bound" in obj:
        check_bounds(fail, kind, true, value, obj["lower_bound"],
                     obj.get("gap"), "gap" in obj, status)


def verify_psplib(fail, p, sched, status, expect_optimum):
    """Checks of a schedule of a PSPLIB instance (module docstring)."""
    rows = sched.get("tasks")
    if not isinstance(rows, list):
        fail("program", "no tasks list")
        rows = []
    start = {}
    seen = set()
    for row in rows:
        jid = row.get("id") if isinstance(row, dict) else None
        j = (int(jid) if isinstance(jid, str)
             and re.fullmatch(r"[1-9]\d*", jid) else None)
        if j is None or j > p.n:
            fail("job %s" % (jid if isinstance(jid, str)
                             else json.dumps(jid)),
                 "not a job of the model (ids are \"1\"..\"%d\")" % p.n)
            continue
        if j in seen:
            fail("job %d" % j, "listed twice in schedule.json")
            continue
        seen.add(j)
        sd = row.get("start_day")
        if type(sd) is not int:
            fail("job %d" % j, "start_day %s is not an integer"
                 % json.dumps(sd))
        elif sd < 0:
            fail("job %d" % j, "start_day %d is negative" % sd)
        else:
            start[j] = sd
    for j in range(1, p.n + 1):
        if j not in seen:
            fail("job %d" % j, "missing from schedule.json")
    n_prec = 0
    for i in range(1, p.n + 1):
        for j in p.succ[i]:
            n_prec += 1
            if i in start and j in start and start[j] < start[i] + p.dur[i]:
                fail("job %d" % j, "starts at %d, before its predecessor job "
                     "%d finishes at %d (start %d + duration %d)"
                     % (start[j], i, start[i] + p.dur[i], start[i], p.dur[i]))
    horizon = max([start[j] + p.dur[j] for j in start] + [0])
    for t in range(horizon):
        at_work = [j for j in sorted(start)
                   if start[j] <= t < start[j] + p.dur[j]]
        for r in range(p.k):
            users = [j for j in at_work if p.dem[j][r] > 0]
            total = sum(p.dem[j][r] for j in users)
            if total > p.cap[r]:
                last = max(users, key=lambda j: (start[j], j))
                fail("job %d" % last, "R%d over capacity in period %d: %d "
                     "needed (%s), %d available"
                     % (r + 1, t, total,
                        ", ".join("job %d %d" % (j, p.dem[j][r])
                                  for j in users), p.cap[r]))
    ms = sched.get("makespan")
    if type(ms) is not int or ms != horizon:
        last = max(start, key=lambda j: (start[j] + p.dur[j], j)) \
            if start else None
        fail("program", "makespan %s, should be %d (max of start_day + "
             "duration%s)" % (json.dumps(ms), horizon,
                              ", job %d" % last if last else ""))
    if "lower_bound" not in sched:
        fail("program", "no lower_bound")
    check_objective(fail, sched, status, {"makespan": horizon}, "makespan")
    if expect_optimum is not None and horizon != expect_optimum:
        fail("program", "makespan %d, expected the known optimum %d"
             % (horizon, expect_optimum))
    return "ok: %d jobs, %d precedences, %d resources verified (makespan %d)" \
        % (p.n, n_prec, p.k, horizon)


def read_baseline(path):
    """{task id: (start, finish)} from a plan's schedule.json."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        return {t["id"]: (parse_date(t["start"]), parse_date(t["finish"]))
                for t in doc["tasks"]}
    except (OSError, ValueError, KeyError, TypeError, ModelError) as e:
        raise StatusError(["STATUS: %s: cannot read the baseline: %s"
                           % (path, e)])


def whatif_durations(fail, m, w):
    """Checks the tasks whatif.json shortens against their crash options
    and the costs it gives; sets each one's duration to its shortened one.
    Returns {task index: normal duration}."""
    normal = {}
    total, days = 0.0, 0
    tasks = w.get("tasks")
    if not isinstance(tasks, list):
        fail("whatif", "'tasks' is not a list")
        return normal
    for row in tasks:
        tid = row.get("id") if isinstance(row, dict) else None
        i = m.task_index.get(tid)
        if i is None:
            fail("whatif", "shortens %s, not a task of the model" % tid)
            continue
        t = m.tasks[i]
        if i in normal:
            fail(tid, "shortened twice in whatif.json")
            continue
        d, nd = row.get("duration"), row.get("normal_duration")
        if nd != t.duration:
            fail(tid, "normal_duration %s, the model gives %d"
                 % (nd, t.duration))
        if t.crash is None:
            fail(tid, "shortened, but the model gives it no crash option")
            continue
        if not isinstance(d, int) or not t.crash[0] <= d < t.duration:
            fail(tid, "shortened to %s working days, its crash option "
                 "allows %d..%d" % (d, t.crash[0], t.duration - 1))
            continue
        if row.get("cost_per_day") != t.crash[1]:
            fail(tid, "cost_per_day %s, the model gives %s"
                 % (row.get("cost_per_day"), t.crash[1]))
        cost = (t.duration - d) * t.crash[1]
        if not isinstance(row.get("cost"), (int, float)) or \
                abs(row["cost"] - cost) > 0.005:
            fail(tid, "cost %s, should be %d days x %s = %s"
                 % (row.get("cost"), t.duration - d, t.crash[1], cost))
        if row.get("days_saved") != t.duration - d:
            fail(tid, "days_saved %s, should be %d"
                 % (row.get("days_saved"), t.duration - d))
        total += cost
        days += t.duration - d
        normal[i] = t.duration
        t.duration = d
    if not isinstance(w.get("cost"), (int, float)) or \
            abs(w["cost"] - total) > 0.005 * max(1, len(tasks)):
        fail("whatif", "cost %s, the tasks shortened add up to %s"
             % (w.get("cost"), total))
    if w.get("days_saved") != days:
        fail("whatif", "days_saved %s, the tasks add up to %d"
             % (w.get("days_saved"), days))
    if w.get("tasks_shortened") != len(normal):
        fail("whatif", "tasks_shortened %s, %d listed"
             % (w.get("tasks_shortened"), len(normal)))
    return normal


def crew_months(m, cals, cid):
    """{(year, month): the most extra crews of kind cid at work on one day
    of that month}: a task is at work on the working days of its own
    calendar from its start to its finish (a milestone never), using its
    `crews` amount of the kind; the extra ones are those above the model's
    count (not below 0). Months without extra crews are left out."""
    count = m.crews[cid][0]
    use = {}
    for t in m.tasks:
        amount = t.demands.get(cid, 0) if t.demands else 0
        if t.start is None or t.duration == 0 or amount <= 0:
            continue
        cal = cals[t.cal]
        for k in range(cal.W(t.start), cal.W(t.finish + 1)):
            use[cal.days[k]] = use.get(cal.days[k], 0) + amount
    peak = {}
    for day, n in use.items():
        if n > count:
            d = datetime.date.fromordinal(day)
            key = (d.year, d.month)
            peak[key] = max(peak.get(key, 0), n - count)
    return peak


def whatif_crews(fail, m, cals, w):
    """whatif --add-crews: each crew kind's added crews (kinds with an
    extra_cost or an extra_cost_per_month only), its prices as the model
    gives them, crew_months (a kind priced per month: the months' peaks of
    extra crews at work in the schedule), what each kind costs (flat:
    added x extra_cost; per month: crew_months x extra_cost_per_month), the
    total, the budget; and the counts the schedule is then checked against
    (raised by what was added)."""
    total, n = 0.0, 0
    rows = w.get("crews")
    if not isinstance(rows, list):
        fail("whatif", "'crews' is not a list")
        return
    seen = set()

    def price(row, cid, key, want):
        got = row.get(key, "missing")
        if want is None:
            if got is not None:
                fail(cid, "%s %s, should be null (%s)"
                     % (key, json.dumps(got),
                        "the kind is priced per month" if key == "extra_cost"
                        and cid in m.per_month else "the kind is priced %s"
                        % ("for the whole program" if cid in m.extra_cost
                           else "not at all")))
        elif not is_number(got) or abs(got - want) > 0.005:
            fail(cid, "%s %s, the model gives %s" % (key, json.dumps(got),
                                                     want))

    for row in rows:
        cid = row.get("id") if isinstance(row, dict) else None
        if cid not in m.crews:
            fail("whatif", "crew %s is not a crew of the model" % cid)
            continue
        if cid in seen:
            fail(cid, "listed twice in whatif.json")
            continue
        seen.add(cid)
        added = row.get("added")
        count, cal = m.crews[cid]
        if not isinstance(added, int) or isinstance(added, bool) or \
                added < 0:
            fail(cid, "added %s is not a number of crews" % json.dumps(added))
            continue
        if row.get("count") != count:
            fail(cid, "count %s, the model gives %d" % (row.get("count"),
                                                       count))
        price(row, cid, "extra_cost", m.extra_cost.get(cid))
        price(row, cid, "extra_cost_per_month", m.per_month.get(cid))
        if added and cid not in m.extra_cost and cid not in m.per_month:
            fail(cid, "%d crews added, but the model gives the kind no "
                 "extra_cost (nor extra_cost_per_month)" % added)
            continue
        got_cost = row.get("cost")
        if cid in m.per_month:
            try:
                peak = crew_months(m, cals, cid)
            except IndexError:
                fail(cid, "crews at work beyond the verifier's horizon")
                continue
            months = sum(peak.values())
            each = m.per_month[cid]
            cost = months * each
            if row.get("crew_months") != months:
                fail(cid, "crew_months %s, the schedule has %d (the most "
                     "extra crews at work on one day of each month: %s)"
                     % (json.dumps(row.get("crew_months")), months,
                        ", ".join("%04d-%02d %d" % (y, mo, k)
                                  for (y, mo), k in sorted(peak.items()))
                        or "none above the count %d" % count))
            if not is_number(got_cost) or abs(got_cost - cost) > 0.005:
                fail(cid, "cost %s, should be %d crew-months x %s = %s"
                     % (json.dumps(got_cost), months, each, cost))
        else:
            if row.get("crew_months", "missing") is not None:
                fail(cid, "crew_months %s, should be null (the kind is not "
                     "priced per month)"
                     % json.dumps(row.get("crew_months", "missing")))
            cost = added * m.extra_cost.get(cid, 0.0)
            if not is_number(got_cost) or abs(got_cost - cost) > 0.005:
                fail(cid, "cost %s, should be %d x %s = %s"
                     % (json.dumps(got_cost), added, m.extra_cost.get(cid),
                        cost))
        total += cost
        n += added
        m.crews[cid] = (count + added, cal)
    if not is_number(w.get("cost")) or \
            abs(w["cost"] - total) > 0.005 * max(1, len(rows)):
        fail("whatif", "cost %s, the crews added cost %s"
             % (json.dumps(w.get("cost")), total))
    if w.get("crews_added") != n:
        fail("whatif", "crews_added %s, the kinds add up to %d"
             % (w.get("crews_added"), n))
    budget = w.get("budget", "missing")
    if budget is not None:
        if not is_number(budget) or budget < 0:
            fail("whatif", "budget %s is neither null nor an amount"
                 % json.dumps(budget))
        elif total > budget + 0.005:
            fail("whatif", "the crews added cost %s, over the budget %s"
                 % (total, budget))


def early_schedule(m, cals, duration):
    """The crew-free early schedule with duration(task) working days each:
    every task at its first working day that its releases and
    dependencies allow (searched day by day; the verifier's own forward
    pass). {task index: (start, finish)}."""
    order, indeg = [], {}
    succs = {}
    for dep in m.deps:
        indeg[dep[1]] = indeg.get(dep[1], 0) + 1
        succs.setdefault(dep[0], []).append(dep[1])
    ready = [i for i in range(len(m.tasks)) if indeg.get(i, 0) == 0]
    while ready:
        i = ready.pop()
        order.append(i)
        for k in succs.get(i, []):
            indeg[k] -= 1
            if indeg[k] == 0:
                ready.append(k)
    S, F, out = {}, {}, {}
    for i in order:
        t = m.tasks[i]
        cal = cals[t.cal]
        d = duration(i)
        day = max(r[0] for r in t.releases)
        k = cal.W(day)
        while True:
            start = cal.days[k]
            finish = cal.days[k + d - 1] if d > 0 else start
            if d == 0:
                S[i] = F[i] = start + 1
            else:
                S[i], F[i] = start, finish + 1
            if all(dep_ok(cals, m, dep, S, F)[0] for dep in t.preds):
                break
            k += 1
        out[i] = (start, finish)
    return out


def verify_whatif(fail, m, cals, w, normal, rows):
    """Each deadline's outcome in whatif.json: 'met' holds at the normal
    durations, 'met_by_shortening' does not but the plan meets it,
    'cannot_be_met' is missed by the fully shortened early schedule and by
    the plan by short_by working days; those add up to no more than fully
    shortened."""
    def base(i):
        return normal.get(i, m.tasks[i].duration)

    def shortest(i):
        t = m.tasks[i]
        return t.crash[0] if t.crash is not None else base(i)

    try:
        at_normal = early_schedule(m, cals, base)
        fully = early_schedule(m, cals, shortest)
    except IndexError:
        fail("whatif", "the early schedules run beyond the verifier's "
             "horizon")
        return
    # With crews limiting (whatif --crews-limiting) "as planned" is the
    # normal durations scheduled with the crews, which only the solve
    # knows: 'met' still implies the crew-free normal schedule meets it
    # (crews only delay), 'met_by_shortening' is not checked against it.
    crews = w.get("crews_limiting") is True
    outcomes, unmet = {}, []
    for row in w.get("deadlines") or []:
        outcomes[(row.get("site"), row.get("id"))] = row
    for dl in m.deadlines:
        if not dl["tasks"]:
            continue
        who = "%s/%s" % dl["key"]
        row = outcomes.get(dl["key"])
        if row is None:
            fail(who, "deadline missing from whatif.json")
            continue
        use_start = dl["kind"] == "start_within"

        def late_by(times):
            worst = None
            for t in dl["tasks"]:
                i = m.task_index[t.id]
                cal = cals[t.cal]
                planned = times[i][0] if use_start else times[i][1]
                due = (cal.last_working_le(dl["to"]) if dl["month"]
                       else dl["to"])
                v = cal.W(planned + 1) - cal.W(due + 1)
                worst = v if worst is None or v > worst else worst
            return worst

        n_late, f_late = late_by(at_normal), late_by(fully)
        plan = rows.get(dl["key"], {})
        how = row.get("outcome")
        if how == "met" and n_late > 0:
            fail(who, "outcome met, but the normal durations miss it by %d "
                 "working days" % n_late)
        elif how == "met_by_shortening" and n_late <= 0 and not crews:
            fail(who, "outcome met_by_shortening, but it is met at the "
                 "normal durations")
        elif how == "cannot_be_met":
            # Fully shortened it is missed (a shorter step can delay
            # another, so that is not the least lateness: the plan may
            # come closer, never further in total, see below).
            by = row.get("short_by")
            if f_late <= 0:
                fail(who, "outcome cannot_be_met, but fully shortened it is "
                     "met")
            elif not isinstance(by, int) or by < 1:
                fail(who, "short_by %s is not a number of working days"
                     % json.dumps(by))
            elif (plan.get("slack") != -by if not crews
                  else not isinstance(plan.get("slack"), int)
                  or plan["slack"] > -by):
                fail(who, "short_by %d, but the plan misses it by %s "
                     "working days" % (by, -plan.get("slack", 0)))
            else:
                unmet.append((by, f_late))
        elif how == "late_with_crews":
            if not crews:
                fail(who, "outcome late_with_crews, but crews do not limit "
                     "the plan")
            elif plan.get("met") is not False:
                fail(who, "outcome late_with_crews, but the plan meets it")
            elif f_late > 0:
                fail(who, "outcome late_with_crews, but even fully "
                     "shortened it is missed: cannot_be_met")
        elif how not in ("met", "met_by_shortening"):
            fail(who, "outcome %s is not met, met_by_shortening, "
                 "late_with_crews or cannot_be_met" % json.dumps(how))
        if how in ("met", "met_by_shortening") and plan.get("met") is not True:
            fail(who, "outcome %s, but the plan misses it" % how)
    if sum(b for b, _ in unmet) > sum(f for _, f in unmet):
        fail("whatif", "the deadlines that cannot be met are missed by %d "
             "working days in all; fully shortened, by %d"
             % (sum(b for b, _ in unmet), sum(f for _, f in unmet)))


def verify(model_path, sched_path, expect_optimum=None, status_path=None,
           baseline_path=None, whatif_path=None):
    """Returns (the FAIL lines, the "ok: ..." summary); raises StatusError
    for a bad status file."""
    fails = []

    def fail(who, what):
        fails.append("FAIL %s: %s" % (who, what))

    try:
        with open(model_path, encoding="utf-8") as f:
            text = f.read()
        psplib = is_psplib(model_path, text)
        m = load_psplib(text) if psplib else load_model(model_path)
    except (OSError, KeyError, ValueError, ModelError, yaml.YAMLError) as e:
        return ["FAIL %s: cannot read the model: %s: %s"
                % (model_path, type(e).__name__, e)], None
    if status_path is not None:
        if psplib:
            raise StatusError(["STATUS: %s: a PSPLIB instance cannot be "
                               "replanned" % status_path])
        st = read_status(status_path, m)
        st.baseline = (read_baseline(baseline_path) if baseline_path
                       else None)
        try:
            m = load_model(model_path, st)
        except (KeyError, ValueError, TypeError, ModelError) as e:
            raise StatusError(["STATUS: tasks/deadlines: the model with the "
                               "status's tasks and deadlines: %s: %s"
                               % (type(e).__name__, e)])
        apply_status(m, st)
    try:
        with open(sched_path, encoding="utf-8") as f:
            sched = json.load(f)
    except (OSError, ValueError) as e:
        return ["FAIL %s: cannot read the schedule: %s" % (sched_path, e)], \
            None
    if not isinstance(sched, dict):
        return ["FAIL %s: the schedule is not a JSON object" % sched_path], \
            None

    whatif = None
    if whatif_path is not None:
        if psplib or status_path is not None:
            return ["FAIL %s: --whatif is for a model's whatif plan"
                    % whatif_path], None
        try:
            with open(whatif_path, encoding="utf-8") as f:
                whatif = json.load(f)
        except (OSError, ValueError) as e:
            return ["FAIL %s: cannot read: %s" % (whatif_path, e)], None
        if whatif.get("question") == "add_crews":
            normal = None  # the crews: checked once the dates are read
        else:
            normal = whatif_durations(fail, m, whatif)

    status = sched.get("status")
    if status is None and psplib:
        fail("program", "no status")
    elif status is not None and status not in STATUSES:
        fail("program", "status %s is not one of %s"
             % (json.dumps(status), ", ".join(STATUSES)))
    if status in ("infeasible", "no_solution"):
        why = sched.get("infeasible")
        if why is not None and not isinstance(why, list):
            fail("program", "'infeasible' is not a list")
        if expect_optimum is not None:
            fail("program", "status %s, expected the known optimum %d"
                 % (status, expect_optimum))
        return fails, "ok: status %s, no schedule to verify" % status
    if psplib:
        return fails, verify_psplib(fail, m, sched, status, expect_optimum)
    limited = sched.get("crews_limiting") is True

    # -- every task exactly once, with valid dates
    seen = {}
    for row in sched.get("tasks", []):
        tid = row.get("id")
        if tid in seen:
            fail(tid, "listed twice in schedule.json")
            continue
        seen[tid] = row
        if tid not in m.task_index:
            fail(tid, "not a task of the model")
    dates = []
    for t in m.tasks:
        t.start = t.finish = None
        row = seen.get(t.id)
        if row is None:
            fail(t.id, "missing from schedule.json")
            continue
        try:
            t.start = parse_date(row.get("start"))
            t.finish = parse_date(row.get("finish"))
        except ModelError as e:
            fail(t.id, "bad start/finish: %s" % e)
            t.start = t.finish = None
            continue
        dates += [t.start, t.finish]
    dates.append(m.start)
    if m.status is not None:
        dates += [m.status.date] + [t.pin[k] for t in m.tasks if t.pin
                                    for k in ("started", "finished")
                                    if t.pin[k] is not None]
    for dl in m.deadlines:
        dates.append(dl["to"])
    for t in m.tasks:
        dates += [r[0] for r in t.releases]
    maxlag = max([abs(d[3]) for d in m.deps] + [0])
    pad = 400 + 8 * maxlag
    lo, hi = min(dates) - pad, max(dates) + pad
    bundled = load_bundled_holidays()
    cals = {}
    for ci in [t.cal for t in m.tasks] + [c for _, c in m.crews.values()]:
        if ci not in cals:
            cals[ci] = Calendar(m, ci, lo, hi, bundled)

    S, F = {}, {}
    placed = [t for t in m.tasks if t.start is not None]
    for i, t in enumerate(m.tasks):
        if t.start is None:
            continue
        cal = cals[t.cal]
        row = seen[t.id]
        if row.get("calendar") not in (None, cal.id, m.cal_base.get(t.cal)):
            fail(t.id, "calendar %s, the model gives %s"
                 % (row.get("calendar"), cal.id))
        if "duration" in row and row["duration"] != t.duration:
            fail(t.id, "duration %s, the model gives %d"
                 % (row["duration"], t.duration))
        if not cal.is_working(t.start):
            fail(t.id, "starts on %s (%s), not a working day of calendar %s%s"
                 % (fmt(t.start), WEEKDAY_NAMES[weekday(t.start)], cal.id,
                    closed_note(m, t, t.start)))
        if not cal.is_working(t.finish):
            fail(t.id, "finishes on %s (%s), not a working day of calendar "
                 "%s%s" % (fmt(t.finish), WEEKDAY_NAMES[weekday(t.finish)],
                           cal.id, closed_note(m, t, t.finish)))
        if t.duration == 0:
            if t.start != t.finish:
                fail(t.id, "milestone with start %s != finish %s"
                     % (fmt(t.start), fmt(t.finish)))
        else:
            n = cal.between(t.start, t.finish)
            if n != t.duration:
                fail(t.id, "%s..%s holds %d working days of calendar %s, "
                     "duration is %d" % (fmt(t.start), fmt(t.finish), n,
                                         cal.id, t.duration))
        for day, why in t.releases:
            if t.start < day:
                fail(t.id, "starts %s, before %s (%s)"
                     % (fmt(t.start), fmt(day), why))
        if t.pin is not None:
            check_pin(fail, m, t, cal)
        S[i], F[i] = points(t, t.start, t.finish)
        check_fields(fail, m, t, cal, row, limited)

    # -- whatif --add-crews: the crews added, their prices and costs (per
    # month: from the dates just read); the counts are raised for the
    # crew check below
    if whatif is not None and normal is None:
        whatif_crews(fail, m, cals, whatif)

    # -- dependencies
    for dep in m.deps:
        p, s, kind, lag = dep
        if p not in S or s not in S:
            continue
        try:
            ok, E, P = dep_ok(cals, m, dep, S, F)
        except IndexError:
            fail(m.tasks[s].id, "dependency on %s beyond the verifier's "
                 "horizon" % m.tasks[p].id)
            continue
        if not ok:
            pt, st = m.tasks[p], m.tasks[s]
            fail(st.id, "violates %s %s%+d: %s %s..%s, %s %s..%s"
                 % (pt.id, kind, lag, pt.id, fmt(pt.start), fmt(pt.finish),
                    st.id, fmt(st.start), fmt(st.finish)))

    # -- tightness of a critical-path schedule
    if (sched.get("method") in ("critical_path", "crash_lp",
                                "crash_lp+repair") and not limited):
        for i, t in enumerate(m.tasks):
            if i not in S or any(d[0] not in S for d in t.preds):
                continue  # dates missing: reported above
            if t.pin is not None:
                continue  # started: its start is a fact
            cal = cals[t.cal]
            try:
                s1 = cal.prev_working(t.start)
                f1 = cal.prev_working(t.finish)
            except IndexError:
                continue
            bound = any(s1 < day for day, _ in t.releases)
            if not bound:
                saved = S[i], F[i]
                S[i], F[i] = points(t, s1, f1)
                for dep in t.preds:
                    try:
                        held = dep[0] in S and not dep_ok(cals, m, dep, S, F)[0]
                    except IndexError:
                        held = True  # beyond the horizon: reported above
                    if held:
                        bound = True
                        break
                S[i], F[i] = saved
            if not bound:
                fail(t.id, "could start one working day earlier (%s instead "
                     "of %s): no release or predecessor holds it"
                     % (fmt(s1), fmt(t.start)))

    # -- deadlines
    rows = {}
    for row in sched.get("deadlines", []):
        key = (row.get("site"), row.get("id"))
        if key in rows:
            fail("%s/%s" % key, "deadline listed twice")
        rows[key] = row
    wanted = {dl["key"] for dl in m.deadlines if dl["tasks"]}
    results = []  # (site, least slack, met) of each deadline checked
    for key in rows:
        if key not in wanted:
            fail("%s/%s" % key, "deadline in schedule.json but not in the "
                 "model (or not one with an upper date)")
    for dl in m.deadlines:
        who = "%s/%s" % dl["key"]
        if not dl["tasks"]:
            continue  # a site without tasks: nothing to meet or report
        row = rows.get(dl["key"])
        if row is None:
            fail(who, "deadline missing from schedule.json")
            continue
        bound = [t for t in dl["tasks"] if t.start is not None]
        if not bound:
            continue
        if row.get("kind") != dl["kind"]:
            fail(who, "deadline kind %s, the model gives %s"
                 % (row.get("kind"), dl["kind"]))
        want_task = None if dl["whole"] else dl["tasks"][0].id
        if row.get("task", want_task) != want_task:
            fail(who, "deadline task %s, the model gives %s"
                 % (row.get("task"), want_task))
        use_start = dl["kind"] == "start_within"

        def planned_of(t):
            return t.start if use_start else t.finish

        def due_of(t):
            return (cals[t.cal].last_working_le(dl["to"]) if dl["month"]
                    else dl["to"])

        def slack_of(t):
            cal = cals[t.cal]
            return cal.W(due_of(t) + 1) - cal.W(planned_of(t) + 1)

        what = "start" if use_start else "finish"
        name = "deadline %s/%s" % dl["key"]
        met = all(planned_of(t) <= dl["to"] for t in bound)
        latest = max(planned_of(t) for t in bound)
        least = min(slack_of(t) for t in bound)
        results.append((dl["key"][0], least, met))
        if dl["hard"] and not met:
            fail(who, "hard deadline %s/%s missed: %s %s, due %s"
                 % (dl["key"] + (what, fmt(latest), fmt(dl["to"]))))
        if "hard" in row and row["hard"] is not dl["hard"]:
            fail(who, "%s hard is %s, the model gives %s"
                 % (name, json.dumps(row["hard"]), json.dumps(dl["hard"])))
        # The deciding step: least slack, among those the latest.
        deciders = [t for t in bound if slack_of(t) == least]
        last_decider = max(planned_of(t) for t in deciders)
        if row.get("planned") != fmt(latest):
            fail(who, "%s planned %s, the latest %s of its bound tasks is "
                 "%s" % (name, row.get("planned"), what, fmt(latest)))
        if row.get("met") is not met:
            fail(who, "%s met is %s, should be %s"
                 % (name, json.dumps(row.get("met")), json.dumps(met)))
        dec = m.task_index.get(row.get("decided_by"))
        if dec is None or m.tasks[dec] not in bound:
            fail(who, "%s decided_by %s is not a task bound by the deadline"
                 % (name, row.get("decided_by")))
            continue
        t = m.tasks[dec]
        who = t.id
        if slack_of(t) != least or planned_of(t) != last_decider:
            other = next(u for u in deciders
                         if planned_of(u) == last_decider)
            fail(who, "%s decided_by %s (slack %d, %s %s), but %s has the "
                 "least slack (%d, %s %s)"
                 % (name, t.id, slack_of(t), what, fmt(planned_of(t)),
                    other.id, least, what, fmt(planned_of(other))))
        if row.get("date") != fmt(due_of(t)):
            fail(who, "%s date %s, should be %s"
                 % (name, row.get("date"), fmt(due_of(t))))
        if row.get("slack") != slack_of(t):
            fail(who, "%s slack %s, should be %d working days"
                 % (name, row.get("slack"), slack_of(t)))
    missed = sum(1 for row in rows.values() if row.get("met") is False)
    if sched.get("deadlines_missed", missed) != missed:
        fail("program", "deadlines_missed %s, but %d deadlines say met: "
             "false" % (sched.get("deadlines_missed"), missed))

    if whatif is not None and normal is not None:
        verify_whatif(fail, m, cals, whatif, normal, rows)

    # -- makespan
    makespan = 0
    if placed:
        last = max(t.finish for t in placed)
        makespan = last - m.start + 1
        if sched.get("makespan") != makespan:
            fail("program", "makespan %s, should be %d (last finish %s)"
                 % (sched.get("makespan"), makespan, fmt(last)))
        if "finish" in sched and sched["finish"] != fmt(last):
            fail("program", "finish %s, the last task finishes %s"
                 % (sched["finish"], fmt(last)))

    # -- crews: capacity on each day the tasks are at work (replanning:
    # from the status date on, whatever crews_limiting says)
    if limited or m.status is not None:
        use = {}
        for t in placed:
            if t.duration == 0 or not t.demands:
                continue
            cal = cals[t.cal]
            for k in range(cal.W(t.start), cal.W(t.finish + 1)):
                day = cal.days[k]
                for crew, amount in t.demands.items():
                    if amount > 0:
                        use.setdefault((crew, day), []).append((t.id,
                                                                amount))
        day_off = {}  # (task, crew) -> days the crew is off, task at work
        for (crew, day), users in sorted(use.items(),
                                         key=lambda x: (x[0][1], x[0][0])):
            if m.status is not None and day < m.status.date:
                continue  # the past is as it was
            total = sum(a for _, a in users)
            count, ci = m.crews.get(crew, (0, None))
            down = m.crew_down.get((crew, day), 0)
            if ci is not None and not cals[ci].is_working(day):
                for tid, _ in users:
                    day_off.setdefault((tid, crew), []).append(day)
            elif total > max(0, count - down):
                fail(users[-1][0], "crew %s over capacity on %s: %d needed "
                     "(%s), %d exist%s"
                     % (crew, fmt(day), total,
                        ", ".join("%s %d" % u for u in users),
                        max(0, count - down),
                        " (%d, %d unavailable)" % (count, down)
                        if down else ""))
        for (tid, crew), days in sorted(day_off.items(),
                                        key=lambda x: (x[1][0], x[0])):
            fail(tid, "crew %s not working on %s (its day off) but task %s "
                 "is at work%s" % (crew, fmt(days[0]), tid,
                                   " (and %d more such days)"
                                   % (len(days) - 1) if len(days) > 1
                                   else ""))

    # -- funding: money spent never more than has arrived, the funding
    # section and the reports next to schedule.json
    # A what-if plan (--whatif) answers its question without the money
    # (`planner whatif` does not schedule against tranches yet): its
    # schedule is not held to the funding rule, and the summary says so.
    if whatif_path is None:
        funded = verify_funding(fail, m, cals, sched, sched_path)
    else:
        funded = ("funding not checked (what-if plans do not schedule "
                  "against tranches)" if (getattr(m, "funding", None) or {}).get("tranches")
                  else None)

    # -- status, objective, bounds
    late = {}
    for site, least, met in results:
        late[site] = late.get(site, 0.0) + m.weights[site] * max(0, -least)
    values = {"makespan": makespan,
              "weighted_lateness": sum(late.values()),
              "late_sites": len({site for site, _, met in results
                                 if not met})}
    check_objective(fail, sched, status, values, "makespan")
    if expect_optimum is not None and makespan != expect_optimum:
        fail("program", "makespan %d, expected the known optimum %d"
             % (makespan, expect_optimum))
    summary = "ok: %d tasks, %d dependencies, %d deadlines verified" \
        % (len(m.tasks), len(m.deps), len(m.deadlines))
    if funded:
        summary += ", " + funded
    if m.status is not None:
        st = m.status
        summary += (" (status %s: %d pinned, %d added, %d deadlines "
                    "changed or added, %d crew outages, %d site closures)"
                    % (fmt(st.date), sum(1 for t in m.tasks if t.pin),
                       len(st.tasks), len(st.deadlines),
                       len(st.crew_outages), len(st.closures)))
    return fails, summary


USAGE = ("usage: verify_schedule.py MODEL SCHEDULE_JSON "
         "[--expect-optimum N] [--status STATUS [--baseline SCHEDULE_JSON]] "
         "[--whatif WHATIF_JSON]\n")


def main(argv):
    args, expect, status, baseline, whatif = [], None, None, None, None
    rest = argv[1:]
    while rest:
        a = rest.pop(0)
        if a == "--whatif":
            if not rest or whatif is not None:
                sys.stderr.write(USAGE)
                return 2
            whatif = rest.pop(0)
            continue
        if a == "--baseline":
            if not rest or baseline is not None:
                sys.stderr.write(USAGE)
                return 2
            baseline = rest.pop(0)
            continue
        if a.startswith("--status="):
            rest.insert(0, a.split("=", 1)[1])
            a = "--status"
        if a == "--status":
            if not rest or status is not None:
                sys.stderr.write(USAGE)
                return 2
            status = rest.pop(0)
            continue
        if a == "--expect-optimum" and rest:
            v = rest.pop(0)
            if not re.fullmatch(r"\d+", v):
                sys.stderr.write("--expect-optimum needs a whole number, "
                                 "not %r\n" % v)
                return 2
            expect = int(v)
        elif a.startswith("--expect-optimum="):
            return main(argv[:1] + args + ["--expect-optimum",
                                           a.split("=", 1)[1]] + rest)
        elif a.startswith("-") and a != "-":
            sys.stderr.write(USAGE)
            return 2
        else:
            args.append(a)
    if len(args) != 2:
        sys.stderr.write(USAGE)
        return 2
    try:
        fails, summary = verify(args[0], args[1], expect, status, baseline,
                                whatif)
    except StatusError as e:
        for line in e.lines[:MAX_LINES]:
            print(line)
        return 2
    if fails:
        for line in fails[:MAX_LINES]:
            print(line)
        if len(fails) > MAX_LINES:
            sys.stderr.write("(%d more violations not shown)\n"
                             % (len(fails) - MAX_LINES))
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
