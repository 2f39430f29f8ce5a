/*
 * export.c -- the countdown calendars people subscribe to, one iCalendar
 * file each (rendered by the calendars module with libical):
 *
 *   program.ics       every site's milestones and deadlines, the reporting
 *                     dates;
 *   site-<id>.ics     one site: its steps, milestones, deadlines, visits;
 *   crew-<id>.ics     one crew kind, and one named crew (unit): one all-day
 *                     event per run of consecutive days it works at a site;
 *   person-<id>.ics   one person: the deadlines and milestones of the sites
 *                     they answer for, their visits, their reporting dates.
 *
 * Deadlines are VEVENTs (the clients people use ignore VTODO) with DISPLAY
 * reminders at the configured offsets, each saying how many working days
 * remain; --todos adds a VTODO per deadline for task clients. UIDs derive
 * from the program, the calendar and the ids of what an event shows, never
 * from dates, so a re-export updates the same entries; they differ between
 * calendars because some clients refuse a UID they already hold in another.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_int.h"

/* ------------------------------------------------------- event builder */

/* The events of one calendar and everything they point to. */
struct cal {
    struct pln_ics_event *ev;
    size_t n, cap;
    void **owned;
    size_t n_owned, cap_owned;
    bool oom;
};

static void *own(struct cal *c, void *p)
{
    if (!p) {
        c->oom = true;
        return NULL;
    }
    if (c->n_owned == c->cap_owned) {
        size_t cap = c->cap_owned ? 2 * c->cap_owned : 256;
        void **q = realloc(c->owned, cap * sizeof(*q));
        if (!q) {
            free(p);
            c->oom = true;
            return NULL;
        }
        c->owned = q;
        c->cap_owned = cap;
    }
    c->owned[c->n_owned++] = p;
    return p;
}

static char *fmt(struct cal *c, const char *f, ...) PLN_PRINTF(2, 3);

static char *fmt(struct cal *c, const char *f, ...)
{
    va_list ap;
    char *out;
    int n;

    va_start(ap, f);
    n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    if (n < 0) {
        c->oom = true;
        return NULL;
    }
    out = malloc((size_t)n + 1);
    if (out) {
        va_start(ap, f);
        vsnprintf(out, (size_t)n + 1, f, ap);
        va_end(ap);
    }
    return own(c, out);
}

/* A new all-day, transparent event; NULL when out of memory. */
static struct pln_ics_event *add(struct cal *c, const char *uid,
                                 const char *summary, pln_date start,
                                 pln_date end_exclusive, const char *category)
{
    struct pln_ics_event *e;

    if (c->oom || !uid || !summary)
        return NULL;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        struct pln_ics_event *p = realloc(c->ev, cap * sizeof(*p));
        if (!p) {
            c->oom = true;
            return NULL;
        }
        c->ev = p;
        c->cap = cap;
    }
    e = &c->ev[c->n++];
    memset(e, 0, sizeof(*e));
    e->uid = uid;
    e->summary = summary;
    e->start = start;
    e->end = end_exclusive;
    e->categories = category;
    e->transparent = true;
    return e;
}

static void cal_reset(struct cal *c)
{
    for (size_t i = 0; i < c->n_owned; i++)
        free(c->owned[i]);
    c->n_owned = 0;
    c->n = 0;
    c->oom = false;
}

static void cal_release(struct cal *c)
{
    cal_reset(c);
    free(c->owned);
    free(c->ev);
}

/* Text built piece by piece (descriptions). */
struct text {
    char *buf;
    size_t len, cap;
    bool oom;
};

static void add_text(struct text *t, const char *f, ...) PLN_PRINTF(2, 3);

static void add_text(struct text *t, const char *f, ...)
{
    va_list ap;
    int n;

    if (t->oom)
        return;
    va_start(ap, f);
    n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    if (n < 0) {
        t->oom = true;
        return;
    }
    if (t->len + (size_t)n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        char *p;
        while (cap < t->len + (size_t)n + 1)
            cap *= 2;
        p = realloc(t->buf, cap);
        if (!p) {
            t->oom = true;
            return;
        }
        t->buf = p;
        t->cap = cap;
    }
    va_start(ap, f);
    vsnprintf(t->buf + t->len, (size_t)n + 1, f, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* Hands the text over to the calendar. */
static const char *text_take(struct cal *c, struct text *t)
{
    if (t->oom || !t->buf) {
        free(t->buf);
        c->oom = true;
        return NULL;
    }
    return own(c, t->buf);
}

/* --------------------------------------------------------------- context */

/* A visit of a person to a site. */
struct visit {
    int person, site;
    pln_date nominal; /* the rule's date: names the visit in its UID */
    pln_date date;    /* the working day it is held */
};

struct ex {
    const pln_schedule *s;
    const pln_model *m;
    const struct pln_export_options *o;
    const int *reminders;
    size_t n_reminders;
    struct pln_bookings bookings;
    struct visit *visits; /* by person, then date */
    size_t n_visits;
    pln_date *site_first, *site_last; /* each site's first and last day */
    size_t *dl_first; /* per site: its deadlines are dl_index[first..next) */
    int *dl_index;
    pln_date report_until;
    pln_ics_state *state; /* the new published state, or NULL */
};

static const char *const weekday_names[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday"};

static void date_text(pln_date d, char buf[11])
{
    pln_date_format(d, buf);
}

/* "王立 (镇党委书记), 李明" or "none named". */
static void responsible(struct ex *x, const struct pln_site *site,
                        struct text *t)
{
    if (!site->n_people)
        add_text(t, "none named");
    for (size_t k = 0; k < site->n_people; k++) {
        const struct pln_person *p = &x->m->people[site->people[k]];
        add_text(t, "%s%s", k ? ", " : "", p->name);
        if (p->role)
            add_text(t, " (%s)", p->role);
    }
}

/* Working days of the program's calendar in [from, to). */
static int working_days_between(struct ex *x, pln_date from, pln_date to)
{
    const pln_calset *cs = x->s->cals;
    int cal = x->m->default_calendar;

    if (from < pln_calset_first(cs))
        from = pln_calset_first(cs);
    if (to > pln_calset_last(cs) + 1)
        to = pln_calset_last(cs) + 1;
    if (to <= from)
        return 0;
    return (int)(pln_calset_count_before(cs, cal, to) -
                 pln_calset_count_before(cs, cal, from));
}

/* ------------------------------------------------------------- deadlines */

static const char *deadline_what(struct ex *x, const struct pln_constraint *c)
{
    if (c->name)
        return c->name;
    if (c->task >= 0)
        return x->m->tasks[c->task].name;
    return "all work";
}

static const char *deadline_verb(const struct pln_constraint *c)
{
    return c->kind == PLN_CONS_FINISH_BY ? "must finish" : "must start";
}

static const char *deadline_description(struct ex *x, struct cal *cal,
                                        const struct pln_deadline_result *d)
{
    const pln_model *m = x->m;
    const struct pln_constraint *c = &m->constraints[d->constraint];
    const struct pln_site *site = &m->sites[c->site];
    const struct pln_task *t = &m->tasks[d->task];
    struct text tx = {NULL, 0, 0, false};
    char dd[11], pd[11];

    date_text(d->date, dd);
    date_text(d->planned, pd);
    add_text(&tx, "Deadline: %s %s %s\n",
             c->task >= 0 ? m->tasks[c->task].name : "every step of the site",
             c->kind == PLN_CONS_FINISH_BY ? "finishes by" : "starts by", dd);
    if (c->name)
        add_text(&tx, "For: %s\n", c->name);
    add_text(&tx, "Site: %s (%s)\nResponsible: ", site->name, site->id);
    responsible(x, site, &tx);
    add_text(&tx, "\nPlanned: %s, ", pd);
    if (d->slack >= 0)
        add_text(&tx, "slack %d working days\n", (int)d->slack);
    else
        add_text(&tx, "LATE by %d working days\n", (int)-d->slack);
    if (c->hard)
        add_text(&tx, "Hard deadline: it must hold.\n");
    add_text(&tx, "Decided by: %s (%s)", t->name, t->id);
    for (size_t k = 0; k < t->n_preds; k++) {
        const struct pln_dep *dep = &m->deps[t->first_pred + k];
        const struct pln_task *p = &m->tasks[dep->pred];
        char fd[11];
        date_text(x->s->tasks[dep->pred].finish, fd);
        add_text(&tx, "%s%s (%s) finishes %s", k ? "; " : "\nAfter: ",
                 p->name, p->id, fd);
        if (dep->kind != PLN_DEP_FS || dep->lag != 0)
            add_text(&tx, " [%s%+d]", pln_dep_kind_name(dep->kind), dep->lag);
    }
    return text_take(cal, &tx);
}

/* The reminders of a deadline: each says how much time is left. Reminders
 * that would fall before the program starts are left out. */
static void deadline_alarms(struct ex *x, struct cal *cal,
                            struct pln_ics_event *e,
                            const struct pln_deadline_result *d)
{
    const pln_model *m = x->m;
    const struct pln_constraint *c = &m->constraints[d->constraint];
    const struct pln_site *site = &m->sites[c->site];
    struct pln_ics_alarm *al;
    size_t n = 0;
    char dd[11];

    if (!x->n_reminders)
        return;
    al = own(cal, malloc(x->n_reminders * sizeof(*al)));
    if (!al)
        return;
    date_text(d->date, dd);
    for (size_t k = 0; k < x->n_reminders; k++) {
        int days = x->reminders[k];
        pln_date on = d->date - days;
        if (on < m->start)
            continue;
        al[n].days = days;
        if (days == 0)
            al[n].description =
                fmt(cal, "%s: %s %s today (%s) — D-0", site->name,
                    deadline_what(x, c), deadline_verb(c), dd);
        else
            al[n].description = fmt(
                cal, "%s: %s %s by %s — D-%d, %d working days to go",
                site->name, deadline_what(x, c), deadline_verb(c), dd, days,
                working_days_between(x, on, d->date));
        n++;
    }
    e->alarms = al;
    e->n_alarms = n;
}

/* The deadline as an event (and a to-do with --todos); `uid_base` is the
 * calendar's prefix. */
static void add_deadline(struct ex *x, struct cal *cal, const char *uid_base,
                         size_t r)
{
    const pln_model *m = x->m;
    const struct pln_deadline_result *d = &x->s->deadlines[r];
    const struct pln_constraint *c = &m->constraints[d->constraint];
    const struct pln_site *site = &m->sites[c->site];
    const char *desc = deadline_description(x, cal, d);
    struct pln_ics_event *e;
    char dd[11];

    date_text(d->date, dd);
    e = add(cal, fmt(cal, "%s/deadline/%s/%s@planner", uid_base, site->id, c->id),
            fmt(cal, "%s: %s %s — D-0", site->name, deadline_what(x, c),
                deadline_verb(c)),
            d->date, d->date + 1, "deadline");
    if (!e)
        return;
    e->description = desc;
    deadline_alarms(x, cal, e, d);
    if (!x->o->todos)
        return;
    e = add(cal, fmt(cal, "%s/todo/%s/%s@planner", uid_base, site->id, c->id),
            fmt(cal, "%s: %s %s by %s", site->name, deadline_what(x, c),
                deadline_verb(c), dd),
            d->date, d->date + 1, "deadline");
    if (!e)
        return;
    e->component = PLN_ICS_VTODO;
    e->description = desc;
    deadline_alarms(x, cal, e, d);
}

/* --------------------------------------------------------- steps */

static void crews_text(struct ex *x, int j, struct text *t)
{
    const pln_model *m = x->m;
    const struct pln_task *task = &m->tasks[j];

    for (size_t q = 0; q < task->n_demands; q++) {
        int k = task->demands[q].crew;
        const struct pln_crew *c = &m->crews[k];
        int units[64];
        size_t n;
        add_text(t, "%s%s ×%d", q ? "; " : "\nCrews: ", c->name,
                 task->demands[q].amount);
        n = pln__task_units(x->s, &x->bookings, k, j, units, 64);
        for (size_t a = 0; a < n; a++)
            add_text(t, "%s%s", a ? ", " : " (", c->units[units[a]].name);
        if (n)
            add_text(t, ")");
    }
}

/* A step (a bar over its planned days) or a milestone (its day). */
static void add_step(struct ex *x, struct cal *cal, const char *uid_base,
                     int j)
{
    const pln_model *m = x->m;
    const struct pln_task *t = &m->tasks[j];
    const struct pln_task_times *tt = &x->s->tasks[j];
    const struct pln_site *site = &m->sites[t->site];
    struct text tx = {NULL, 0, 0, false};
    struct pln_ics_event *e;
    char a[11], b[11], ls[11];

    date_text(tt->start, a);
    date_text(tt->finish, b);
    date_text(tt->late_start, ls);
    add_text(&tx, "Site: %s (%s)\n", site->name, site->id);
    if (t->duration > 0)
        add_text(&tx,
                 "Step: %s (%s)\nPlanned: %s to %s, %d working days\n"
                 "Latest start: %s",
                 t->name, t->id, a, b, t->duration, ls);
    else
        add_text(&tx, "Milestone: %s (%s)\nPlanned: %s\nLatest: %s", t->name,
                 t->id, a, ls);
    add_text(&tx, "\nTotal float: %d working days%s", (int)tt->total_float,
             tt->critical ? " (critical)" : "");
    crews_text(x, j, &tx);
    e = add(cal,
            fmt(cal, "%s/%s/%s@planner", uid_base,
                t->duration > 0 ? "task" : "milestone", t->id),
            fmt(cal, "%s: %s", site->name, t->name), tt->start,
            tt->finish + 1, t->duration > 0 ? "task" : "milestone");
    if (e)
        e->description = text_take(cal, &tx);
    else
        free(tx.buf);
}

/* ---------------------------------------------------------- crew runs */

static void add_booking(struct ex *x, struct cal *cal, const char *uid_base,
                        const struct pln_booking *r)
{
    const pln_model *m = x->m;
    const struct pln_crew *c = &m->crews[r->crew];
    const struct pln_site *site = &m->sites[r->site];
    const char *who = r->unit >= 0 ? c->units[r->unit].name : c->name;
    const char *who_id = r->unit >= 0 ? c->units[r->unit].id : c->id;
    struct text names = {NULL, 0, 0, false}, tx = {NULL, 0, 0, false};
    struct pln_ics_event *e;
    char a[11], b[11];

    for (size_t k = 0; k < r->n_tasks; k++)
        add_text(&names, "%s%s", k ? "、" : "", m->tasks[r->tasks[k]].name);
    date_text(r->first, a);
    date_text(r->last, b);
    add_text(&tx, "Crew: %s (%s)", who, who_id);
    if (r->unit >= 0)
        add_text(&tx, ", one of %s", c->name);
    else if (r->most > 1)
        add_text(&tx, ", up to %d crews at once", r->most);
    add_text(&tx, "\nSite: %s (%s)\nWorks: %s to %s, %d day%s\nSteps:",
             site->name, site->id, a, b, r->days, r->days == 1 ? "" : "s");
    for (size_t k = 0; k < r->n_tasks; k++) {
        const struct pln_task_times *tt = &x->s->tasks[r->tasks[k]];
        char s0[11], s1[11];
        date_text(tt->start, s0);
        date_text(tt->finish, s1);
        add_text(&tx, "\n  %s (%s), %s to %s", m->tasks[r->tasks[k]].name,
                 m->tasks[r->tasks[k]].id, s0, s1);
    }
    add_text(&tx, "\nResponsible: ");
    responsible(x, site, &tx);
    if (names.oom || !names.buf) {
        free(names.buf);
        free(tx.buf);
        cal->oom = true;
        return;
    }
    e = add(cal,
            fmt(cal, "%s/%s/%s/%d@planner", uid_base, who_id, site->id,
                r->ordinal),
            r->unit < 0 && r->most > 1
                ? fmt(cal, "%s ×%d at %s: %s", who, r->most, site->name,
                      names.buf)
                : fmt(cal, "%s at %s: %s", who, site->name, names.buf),
            r->first, r->last + 1, "crew");
    free(names.buf);
    if (e) {
        e->description = text_take(cal, &tx);
        e->transparent = false; /* the crew is busy */
    } else {
        free(tx.buf);
    }
}

/* ---------------------------------------------------------------- visits */

static int visit_cmp(const void *a, const void *b)
{
    const struct visit *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->site > y->site) - (x->site < y->site);
}

/*
 * Every person with `visits` visits each site they answer for while it is
 * under way: on the rule's date, held on the next working day of the rule's
 * calendar; a person's second site is visited one working day after the
 * first, and so on, so that no two visits fall on one day.
 */
static pln_status plan_visits(struct ex *x)
{
    const pln_model *m = x->m;
    size_t cap = 0, n = 0;
    struct visit *v = NULL;

    for (size_t p = 0; p < m->n_people; p++) {
        const struct pln_person *person = &m->people[p];
        int order = 0;
        if (!person->visits)
            continue;
        for (size_t i = 0; i < m->n_sites; i++) {
            const struct pln_site *site = &m->sites[i];
            pln_date *nominal, *actual;
            size_t count;
            bool mine = false;
            for (size_t k = 0; k < site->n_people; k++)
                mine = mine || site->people[k] == (int)p;
            if (!mine || !site->n_tasks)
                continue;
            if (pln__recur_dates(x->s, &person->visit, x->site_first[i],
                                 x->site_last[i], &nominal, &actual,
                                 &count) != PLN_OK) {
                free(v);
                return PLN_ENOMEM;
            }
            for (size_t k = 0; k < count; k++) {
                pln_date d = actual[k];
                for (int step = 0; step < order && d != PLN_DATE_NONE; step++)
                    d = pln__next_working(x->s, person->visit.calendar, d + 1);
                if (d == PLN_DATE_NONE || d < x->site_first[i] ||
                    d > x->site_last[i])
                    continue;
                if (n == cap) {
                    size_t nc = cap ? 2 * cap : 64;
                    struct visit *q = realloc(v, nc * sizeof(*q));
                    if (!q) {
                        free(nominal);
                        free(actual);
                        free(v);
                        return PLN_ENOMEM;
                    }
                    v = q;
                    cap = nc;
                }
                v[n].person = (int)p;
                v[n].site = (int)i;
                v[n].nominal = nominal[k];
                v[n].date = d;
                n++;
            }
            free(nominal);
            free(actual);
            order++;
        }
    }
    if (n)
        qsort(v, n, sizeof(*v), visit_cmp);
    x->visits = v;
    x->n_visits = n;
    return PLN_OK;
}

static void add_visit(struct ex *x, struct cal *cal, const char *uid_base,
                      const struct visit *v, bool by_person)
{
    const pln_model *m = x->m;
    const struct pln_person *p = &m->people[v->person];
    const struct pln_site *site = &m->sites[v->site];
    struct text tx = {NULL, 0, 0, false};
    struct pln_ics_event *e;
    char nd[11];
    bool any = false;
    int next = -1;

    date_text(v->nominal, nd);
    add_text(&tx, "%s%s%s%s visits %s (%s).\nUnder way that day:", p->name,
             p->role ? " (" : "", p->role ? p->role : "", p->role ? ")" : "",
             site->name, site->id);
    for (size_t j = site->first_task; j < site->first_task + site->n_tasks;
         j++) {
        const struct pln_task_times *tt = &x->s->tasks[j];
        if (m->tasks[j].duration > 0 && tt->start <= v->date &&
            tt->finish >= v->date) {
            char f[11];
            date_text(tt->finish, f);
            add_text(&tx, "\n  %s, until %s", m->tasks[j].name, f);
            any = true;
        }
    }
    if (!any)
        add_text(&tx, " no step (between steps)");
    for (size_t k = x->dl_first[v->site]; k < x->dl_first[v->site + 1]; k++) {
        const struct pln_deadline_result *d = &x->s->deadlines[x->dl_index[k]];
        if (d->date >= v->date &&
            (next < 0 || d->date < x->s->deadlines[next].date))
            next = x->dl_index[k];
    }
    if (next >= 0) {
        const struct pln_deadline_result *d = &x->s->deadlines[next];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        char dd[11];
        date_text(d->date, dd);
        add_text(&tx, "\nNext deadline: %s %s by %s, ", deadline_what(x, c),
                 deadline_verb(c), dd);
        if (d->slack >= 0)
            add_text(&tx, "slack %d working days", (int)d->slack);
        else
            add_text(&tx, "LATE by %d working days", (int)-d->slack);
    }
    e = add(cal,
            by_person ? fmt(cal, "%s/visit/%s/%s@planner", uid_base, site->id,
                            nd)
                      : fmt(cal, "%s/visit/%s/%s@planner", uid_base, p->id, nd),
            fmt(cal, "%s visits %s", p->name, site->name), v->date,
            v->date + 1, "visit");
    if (e) {
        e->description = text_take(cal, &tx);
        e->location = site->name;
    } else {
        free(tx.buf);
    }
}

/* ------------------------------------------------------------- reporting */

static void add_report(struct ex *x, struct cal *cal, const char *uid_base,
                       const struct pln_report *r)
{
    const pln_model *m = x->m;
    pln_date *nominal = NULL, *actual = NULL;
    size_t n = 0, n_ex = 0, n_r = 0;
    struct pln_ics_rrule *rr;
    pln_date *ex, *rd;
    struct text tx = {NULL, 0, 0, false};
    struct pln_ics_event *e;
    char a[11], b[11];

    if (pln__recur_dates(x->s, &r->when, m->start, x->report_until, &nominal,
                         &actual, &n) != PLN_OK) {
        cal->oom = true;
        return;
    }
    if (n == 0)
        return; /* the program is over before its first date */
    rr = own(cal, malloc(sizeof(*rr)));
    ex = own(cal, malloc(n * sizeof(*ex)));
    rd = own(cal, malloc(n * sizeof(*rd)));
    if (!rr || !ex || !rd) {
        free(nominal);
        free(actual);
        return;
    }
    /* DTSTART must be the rule's first occurrence, held on its day: the
     * occurrences before the first such one are events of their own. */
    while (n > 0 && actual[0] != nominal[0]) {
        if (actual[0] != PLN_DATE_NONE) {
            char d[11];
            struct pln_ics_event *one;
            date_text(nominal[0], d);
            one = add(cal, fmt(cal, "%s/report/%s/%s@planner", uid_base, r->id, d),
                      fmt(cal, "%s", r->name), actual[0], actual[0] + 1,
                      "reporting");
            if (one && r->minute >= 0) {
                one->timed = true;
                one->minute = r->minute;
                one->duration = r->duration;
                one->transparent = false;
            }
            if (one)
                one->description = fmt(cal, "Held on the next working day: "
                                            "%s is a day off (calendar %s).",
                                       d, m->calendars[r->when.calendar].id);
        }
        memmove(nominal, nominal + 1, (n - 1) * sizeof(*nominal));
        memmove(actual, actual + 1, (n - 1) * sizeof(*actual));
        n--;
    }
    if (n == 0) {
        free(nominal);
        free(actual);
        return;
    }
    /* Days off leave the rule: EXDATE the date, RDATE the working day. */
    for (size_t k = 0; k < n; k++) {
        if (actual[k] == nominal[k])
            continue;
        ex[n_ex++] = nominal[k];
        if (actual[k] != PLN_DATE_NONE)
            rd[n_r++] = actual[k];
    }
    memset(rr, 0, sizeof(*rr));
    rr->freq = r->when.freq == PLN_FREQ_WEEKLY ? PLN_ICS_WEEKLY : PLN_ICS_MONTHLY;
    rr->weekday = r->when.weekday;
    rr->monthday = r->when.monthday;
    rr->until = nominal[n - 1];
    date_text(nominal[0], a);
    date_text(x->report_until, b);
    if (r->when.freq == PLN_FREQ_WEEKLY)
        add_text(&tx, "Every %s", weekday_names[r->when.weekday]);
    else if (r->when.monthday < 0)
        add_text(&tx, "On the last day of every month");
    else
        add_text(&tx, "On day %d of every month", r->when.monthday);
    if (r->minute >= 0)
        add_text(&tx, " at %02d:%02d", r->minute / 60, r->minute % 60);
    add_text(&tx, ", from %s until the program ends (%s). On a day off "
                  "(calendar %s) it is held on the next working day.",
             a, b, m->calendars[r->when.calendar].id);
    for (size_t k = 0; k < r->n_people; k++) {
        const struct pln_person *p = &m->people[r->people[k]];
        add_text(&tx, "%s%s", k ? ", " : "\nPeople: ", p->name);
    }
    e = add(cal, fmt(cal, "%s/report/%s@planner", uid_base, r->id),
            fmt(cal, "%s", r->name), nominal[0], nominal[0] + 1, "reporting");
    free(nominal);
    free(actual);
    if (!e) {
        free(tx.buf);
        return;
    }
    e->description = text_take(cal, &tx);
    e->rrule = rr;
    e->exdates = ex;
    e->n_exdates = n_ex;
    e->rdates = rd;
    e->n_rdates = n_r;
    if (r->minute >= 0) {
        e->timed = true;
        e->minute = r->minute;
        e->duration = r->duration;
        e->transparent = false;
    }
}

/* ---------------------------------------------------- published state */

/* FNV-1a over everything an entry shows (not DTSTAMP, SEQUENCE,
 * LAST-MODIFIED): equal hashes mean an unchanged entry. */
static void fnv(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) {
        *h ^= c[i];
        *h *= UINT64_C(0x100000001b3);
    }
}

static void fnv_str(uint64_t *h, const char *s)
{
    fnv(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void fnv_int(uint64_t *h, int64_t v)
{
    fnv(h, &v, sizeof(v));
}

static uint64_t content_hash(const struct pln_ics_event *e)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    fnv_int(&h, e->component);
    fnv_str(&h, e->summary);
    fnv_str(&h, e->description);
    fnv_str(&h, e->location);
    fnv_str(&h, e->categories);
    fnv_int(&h, e->start);
    fnv_int(&h, e->end);
    fnv_int(&h, e->timed ? 1 + e->minute * 10000 + e->duration : 0);
    if (e->rrule) {
        fnv_int(&h, e->rrule->freq);
        fnv_int(&h, e->rrule->weekday);
        fnv_int(&h, e->rrule->monthday);
        fnv_int(&h, e->rrule->until);
    }
    for (size_t i = 0; i < e->n_exdates; i++)
        fnv_int(&h, e->exdates[i]);
    fnv_int(&h, -1);
    for (size_t i = 0; i < e->n_rdates; i++)
        fnv_int(&h, e->rdates[i]);
    for (size_t i = 0; i < e->n_alarms; i++) {
        fnv_int(&h, e->alarms[i].days);
        fnv_str(&h, e->alarms[i].description);
    }
    fnv_int(&h, e->cancelled);
    fnv_int(&h, e->transparent);
    return h;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Against what the previous plan published in this file: an unchanged entry
 * keeps its SEQUENCE and LAST-MODIFIED, a changed one gets the next
 * SEQUENCE and a new LAST-MODIFIED, and an entry that is gone is published
 * once more as cancelled. The new state is recorded.
 */
static bool apply_state(struct ex *x, struct cal *cal, const char *file)
{
    const pln_ics_state *prev = x->o->previous;
    pln_ics_state *next = x->state;
    int64_t now = x->o->dtstamp;
    size_t n = cal->n, first = 0, count;
    const char **uids;

    for (size_t i = 0; i < n; i++) {
        struct pln_ics_event *e = &cal->ev[i];
        const struct pln_ics_state_entry *p =
            prev ? pln__ics_state_find(prev, file, e->uid) : NULL;
        uint64_t h = content_hash(e);
        struct pln_ics_state_entry rec;
        e->has_modified = true;
        e->modified = now;
        e->sequence = 0;
        if (p && p->hash == h && !p->cancelled) {
            e->sequence = p->sequence;
            e->modified = p->modified;
        } else if (p) {
            e->sequence = p->sequence + 1;
        }
        if (!next)
            continue;
        memset(&rec, 0, sizeof(rec));
        rec.sequence = e->sequence;
        rec.hash = h;
        rec.modified = e->modified;
        rec.summary = (char *)e->summary;
        rec.start = e->start;
        rec.end = e->component == PLN_ICS_VTODO || e->timed ? e->start + 1
                                                              : e->end;
        if (!pln__ics_state_add(next, file, e->uid, &rec))
            return false;
    }
    count = prev ? pln__ics_state_file(prev, file, &first) : 0;
    if (!count)
        return true;
    uids = malloc((n + 1) * sizeof(*uids));
    if (!uids)
        return false;
    for (size_t i = 0; i < n; i++)
        uids[i] = cal->ev[i].uid;
    qsort(uids, n, sizeof(*uids), cmp_cstr);
    for (size_t k = first; k < first + count; k++) {
        const struct pln_ics_state_entry *p = pln__ics_state_at(prev, k);
        const char *key = p->uid;
        struct pln_ics_event *e;
        if (p->cancelled || bsearch(&key, uids, n, sizeof(*uids), cmp_cstr))
            continue; /* published as cancelled already, or still there */
        e = add(cal, fmt(cal, "%s", p->uid), fmt(cal, "%s", p->summary),
                p->start, p->end, NULL);
        if (!e)
            break;
        e->cancelled = true;
        e->sequence = p->sequence + 1;
        e->has_modified = true;
        e->modified = now;
        if (next) {
            struct pln_ics_state_entry rec = *p;
            rec.sequence = e->sequence;
            rec.modified = now;
            rec.cancelled = true;
            if (!pln__ics_state_add(next, file, p->uid, &rec)) {
                free(uids);
                return false;
            }
        }
    }
    free(uids);
    return !cal->oom;
}

/* -------------------------------------------------------------- calendars */

static pln_status emit(struct ex *x, struct cal *cal, const char *file,
                       enum pln_export_kind kind, const char *name,
                       const char *desc, pln_export_sink sink, void *ud,
                       pln_error *err)
{
    struct pln_ics_calendar ic;
    char *data = NULL;
    size_t len = 0;
    pln_status st;

    if (cal->oom || !file || !name || !desc || !apply_state(x, cal, file)) {
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    memset(&ic, 0, sizeof(ic));
    ic.prodid = "-//planner//planner " PLN_VERSION "//EN";
    ic.name = name;
    ic.description = desc;
    ic.color = x->m->export_settings.colors[kind];
    ic.color_hex = pln_css_color_hex(ic.color);
    ic.timezone = x->m->timezone;
    ic.refresh_days = 1;
    ic.dtstamp = x->o->dtstamp;
    ic.events = cal->ev;
    ic.n_events = cal->n;
    st = pln_ics_render(&ic, &data, &len, err);
    if (st == PLN_OK)
        st = sink(ud, file, data, len, err); /* the sink owns data */
    return st;
}

static const char *prog_uid(struct ex *x, struct cal *c, const char *kind,
                            const char *id)
{
    return id ? fmt(c, "%s/%s/%s", kind, x->m->id, id)
              : fmt(c, "%s/%s", kind, x->m->id);
}

static pln_status program_calendar(struct ex *x, struct cal *cal,
                                   pln_export_sink sink, void *ud,
                                   pln_error *err)
{
    const pln_model *m = x->m;
    const char *base = prog_uid(x, cal, "program", NULL);

    for (size_t i = 0; i < m->n_sites; i++) {
        const struct pln_site *site = &m->sites[i];
        for (size_t j = site->first_task; j < site->first_task + site->n_tasks;
             j++)
            if (m->tasks[j].duration == 0)
                add_step(x, cal, base, (int)j);
        for (size_t k = x->dl_first[i]; k < x->dl_first[i + 1]; k++)
            add_deadline(x, cal, base, (size_t)x->dl_index[k]);
    }
    for (size_t r = 0; r < m->n_reports; r++)
        add_report(x, cal, base, &m->reports[r]);
    return emit(x, cal, "program.ics", PLN_EXPORT_PROGRAM, m->name,
                "Milestones and deadlines of every site, and the reporting "
                "dates, with reminders counting down to each deadline.",
                sink, ud, err);
}

static pln_status site_calendar(struct ex *x, struct cal *cal, size_t i,
                                pln_export_sink sink, void *ud,
                                pln_error *err)
{
    const pln_model *m = x->m;
    const struct pln_site *site = &m->sites[i];
    const char *base = prog_uid(x, cal, "site", site->id);

    for (size_t j = site->first_task; j < site->first_task + site->n_tasks; j++)
        add_step(x, cal, base, (int)j);
    for (size_t k = x->dl_first[i]; k < x->dl_first[i + 1]; k++)
        add_deadline(x, cal, base, (size_t)x->dl_index[k]);
    for (size_t v = 0; v < x->n_visits; v++)
        if (x->visits[v].site == (int)i)
            add_visit(x, cal, base, &x->visits[v], false);
    return emit(x, cal, fmt(cal, "site-%s.ics", site->id), PLN_EXPORT_SITE,
                fmt(cal, "%s — %s", site->name, m->name),
                fmt(cal, "Steps, milestones and deadlines of %s (%s), and "
                         "the visits of those who answer for it.",
                    site->name, site->id),
                sink, ud, err);
}

/* One kind (unit < 0) or one named crew. */
static pln_status crew_calendar(struct ex *x, struct cal *cal, size_t k,
                                int unit, pln_export_sink sink, void *ud,
                                pln_error *err)
{
    const pln_model *m = x->m;
    const struct pln_crew *c = &m->crews[k];
    const char *id = unit >= 0 ? c->units[unit].id : c->id;
    const char *base = prog_uid(x, cal, "crew", NULL);

    for (size_t b = 0; b < x->bookings.n; b++) {
        const struct pln_booking *r = &x->bookings.items[b];
        if (r->crew == (int)k && r->unit == unit)
            add_booking(x, cal, base, r);
    }
    return emit(
        x, cal, fmt(cal, "crew-%s.ics", id), PLN_EXPORT_CREW,
        unit >= 0 ? fmt(cal, "%s (%s) — %s", c->units[unit].name, c->name,
                        m->name)
                  : fmt(cal, "%s — %s", c->name, m->name),
        unit >= 0
            ? fmt(cal, "The days %s works at each site: one event per run "
                       "of working days.",
                  c->units[unit].name)
            : fmt(cal, "The days crews of %s (%d) work at each site: one "
                       "event per run of working days.",
                  c->name, c->count),
        sink, ud, err);
}

static bool answers_for(const struct pln_site *site, int p)
{
    for (size_t k = 0; k < site->n_people; k++)
        if (site->people[k] == p)
            return true;
    return false;
}

static pln_status person_calendar(struct ex *x, struct cal *cal, size_t p,
                                  pln_export_sink sink, void *ud,
                                  pln_error *err)
{
    const pln_model *m = x->m;
    const struct pln_person *person = &m->people[p];
    const char *base = prog_uid(x, cal, "person", person->id);

    for (size_t i = 0; i < m->n_sites; i++) {
        const struct pln_site *site = &m->sites[i];
        if (!answers_for(site, (int)p))
            continue;
        for (size_t j = site->first_task; j < site->first_task + site->n_tasks;
             j++)
            if (m->tasks[j].duration == 0)
                add_step(x, cal, base, (int)j);
        for (size_t k = x->dl_first[i]; k < x->dl_first[i + 1]; k++)
            add_deadline(x, cal, base, (size_t)x->dl_index[k]);
    }
    for (size_t v = 0; v < x->n_visits; v++)
        if (x->visits[v].person == (int)p)
            add_visit(x, cal, base, &x->visits[v], true);
    for (size_t r = 0; r < m->n_reports; r++)
        for (size_t k = 0; k < m->reports[r].n_people; k++)
            if (m->reports[r].people[k] == (int)p)
                add_report(x, cal, base, &m->reports[r]);
    return emit(x, cal, fmt(cal, "person-%s.ics", person->id),
                PLN_EXPORT_PERSON, fmt(cal, "%s — %s", person->name, m->name),
                fmt(cal, "Deadlines and milestones of the sites %s answers "
                         "for, %s visits and reporting dates.",
                    person->name, person->name),
                sink, ud, err);
}

/* ------------------------------------------------------------------- API */

void pln_export_options_init(struct pln_export_options *o)
{
    memset(o, 0, sizeof(*o));
    o->dtstamp = 0;
}

static pln_status index_sites(struct ex *x)
{
    const pln_model *m = x->m;
    const pln_schedule *s = x->s;

    x->site_first = malloc((m->n_sites + 1) * sizeof(*x->site_first));
    x->site_last = malloc((m->n_sites + 1) * sizeof(*x->site_last));
    x->dl_first = calloc(m->n_sites + 2, sizeof(*x->dl_first));
    x->dl_index = malloc((s->n_deadlines + 1) * sizeof(*x->dl_index));
    if (!x->site_first || !x->site_last || !x->dl_first || !x->dl_index)
        return PLN_ENOMEM;
    for (size_t i = 0; i < m->n_sites; i++) {
        const struct pln_site *site = &m->sites[i];
        x->site_first[i] = x->site_last[i] = m->start;
        for (size_t j = site->first_task; j < site->first_task + site->n_tasks;
             j++) {
            if (j == site->first_task || s->tasks[j].start < x->site_first[i])
                x->site_first[i] = s->tasks[j].start;
            if (j == site->first_task || s->tasks[j].finish > x->site_last[i])
                x->site_last[i] = s->tasks[j].finish;
        }
    }
    /* Deadlines grouped by site, in their order (counting sort). */
    for (size_t r = 0; r < s->n_deadlines; r++)
        x->dl_first[m->constraints[s->deadlines[r].constraint].site + 2]++;
    for (size_t i = 0; i < m->n_sites; i++)
        x->dl_first[i + 2] += x->dl_first[i + 1];
    for (size_t r = 0; r < s->n_deadlines; r++) {
        int site = m->constraints[s->deadlines[r].constraint].site;
        x->dl_index[x->dl_first[site + 1]++] = (int)r;
    }
    return PLN_OK;
}

pln_status pln_export_calendars(const pln_schedule *s,
                                const struct pln_export_options *o,
                                pln_export_sink sink, void *ud, pln_error *err)
{
    const pln_model *m = s->model;
    struct ex x;
    struct cal cal;
    pln_status st;

    memset(&x, 0, sizeof(x));
    memset(&cal, 0, sizeof(cal));
    x.s = s;
    x.m = m;
    x.o = o;
    x.reminders = o->reminders ? o->reminders : m->export_settings.reminders;
    x.n_reminders =
        o->reminders ? o->n_reminders : m->export_settings.n_reminders;
    x.report_until = s->finish;
    if (o->state) {
        *o->state = NULL;
        x.state = pln__ics_state_new();
        if (!x.state) {
            pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
            return PLN_ENOMEM;
        }
    }
    st = index_sites(&x);
    if (st == PLN_OK)
        st = plan_visits(&x);
    if (st != PLN_OK) {
        pln_error_set(err, st, NULL, 0, 0, "out of memory");
        goto done;
    }
    st = pln__bookings_build(s, &x.bookings, err);
    if (st != PLN_OK)
        goto done;

    st = program_calendar(&x, &cal, sink, ud, err);
    for (size_t i = 0; st == PLN_OK && i < m->n_sites; i++) {
        cal_reset(&cal);
        st = site_calendar(&x, &cal, i, sink, ud, err);
    }
    for (size_t k = 0; st == PLN_OK && k < m->n_crews; k++) {
        for (int u = -1; st == PLN_OK && u < (int)m->crews[k].n_units; u++) {
            cal_reset(&cal);
            st = crew_calendar(&x, &cal, k, u, sink, ud, err);
        }
    }
    for (size_t p = 0; st == PLN_OK && p < m->n_people; p++) {
        cal_reset(&cal);
        st = person_calendar(&x, &cal, p, sink, ud, err);
    }
done:
    if (st == PLN_OK && o->state)
        *o->state = x.state;
    else
        pln_ics_state_free(x.state);
    cal_release(&cal);
    pln__bookings_release(&x.bookings);
    free(x.visits);
    free(x.site_first);
    free(x.site_last);
    free(x.dl_first);
    free(x.dl_index);
    return st;
}
