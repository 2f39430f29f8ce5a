/*
 * out_ics.c -- plan.ics: one all-day event per task (its working span, end
 * exclusive) and one per deadline with reminders 30, 7 and 1 days before.
 * UIDs derive from the program, site and task ids so that a re-import
 * updates rather than duplicates; DTSTAMP comes from the caller (--now or
 * the model), so the same input gives the same bytes. Rendering is the
 * calendars module's (libical).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pln_planner.h"
#include <stdarg.h>

static char *fmt(const char *f, ...) PLN_PRINTF(1, 2);

static char *fmt(const char *f, ...)
{
    va_list ap;
    char *out;
    int n;
    /* Measure, then allocate exactly: 10,000 sites make ~400,000 of these
     * strings, and a growable buffer per string would cost gigabytes. */
    va_start(ap, f);
    n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    out = malloc((size_t)n + 1);
    if (!out)
        return NULL;
    va_start(ap, f);
    vsnprintf(out, (size_t)n + 1, f, ap);
    va_end(ap);
    return out;
}

static const int deadline_alarms[] = {30, 7, 1};

/* "王立 (镇党委书记), 李明" or "none named". */
static void responsible(const pln_model *m, const struct pln_site *site,
                        char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < site->n_people && used < size; k++) {
        const struct pln_person *p = &m->people[site->people[k]];
        int n = snprintf(buf + used, size - used, "%s%s%s%s%s",
                         k ? ", " : "", p->name, p->role ? " (" : "",
                         p->role ? p->role : "", p->role ? ")" : "");
        if (n < 0)
            break;
        used += (size_t)n;
    }
    if (!site->n_people)
        snprintf(buf, size, "none named");
}

pln_status pln_write_plan_ics(const pln_schedule *s, int64_t dtstamp,
                              char **out, size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    size_t n = s->n_tasks + s->n_deadlines, k = 0;
    struct pln_ics_event *ev = calloc(n + 1, sizeof(*ev));
    char **owned = calloc(4 * (n + 1), sizeof(char *));
    size_t n_owned = 0;
    struct pln_ics_calendar cal;
    pln_status st = PLN_ENOMEM;
    bool ok = ev && owned;

#define KEEP(p) ((owned[n_owned++] = (p)) != NULL || (ok = false))
    for (size_t j = 0; ok && j < s->n_tasks; j++) {
        const struct pln_task *t = &m->tasks[j];
        const struct pln_task_times *x = &s->tasks[j];
        const struct pln_site *site = &m->sites[t->site];
        struct pln_ics_event *e = &ev[k++];
        char a[11], b[11], ls[11];
        pln_date_format(x->start, a);
        pln_date_format(x->finish, b);
        pln_date_format(x->late_start, ls);
        KEEP(fmt("task/%s/%s@planner", m->id, t->id));
        e->uid = owned[n_owned - 1];
        KEEP(fmt("%s: %s", site->name, t->name));
        e->summary = owned[n_owned - 1];
        if (t->duration > 0)
            KEEP(fmt("Site: %s (%s)\nStep: %s (%s)\nPlanned: %s to %s, %d "
                     "working days\nLatest start: %s\nTotal float: %d "
                     "working days%s",
                     site->name, site->id, t->name, t->id, a, b,
                     t->duration, ls, (int)x->total_float,
                     x->critical ? " (critical)" : ""));
        else
            KEEP(fmt("Site: %s (%s)\nMilestone: %s (%s)\nPlanned: %s\n"
                     "Latest: %s\nTotal float: %d working days%s",
                     site->name, site->id, t->name, t->id, a, ls,
                     (int)x->total_float, x->critical ? " (critical)" : ""));
        e->description = owned[n_owned - 1];
        e->categories = t->duration > 0 ? "task" : "milestone";
        e->start = x->start;
        e->end = x->finish + 1;
        e->transparent = true;
    }
    for (size_t r = 0; ok && r < s->n_deadlines; r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        const struct pln_site *site = &m->sites[c->site];
        const struct pln_task *t = &m->tasks[d->task];
        struct pln_ics_event *e = &ev[k++];
        const char *what = c->name ? c->name : c->id;
        char dd[11], pd[11], state[96], people[512];
        pln_date_format(d->date, dd);
        pln_date_format(d->planned, pd);
        if (d->slack >= 0)
            snprintf(state, sizeof(state), "slack %d working days",
                     (int)d->slack);
        else
            snprintf(state, sizeof(state), "LATE by %d working days",
                     (int)-d->slack);
        KEEP(fmt("deadline/%s/%s/%s@planner", m->id, site->id, c->id));
        e->uid = owned[n_owned - 1];
        KEEP(fmt("%s: %s — %s %s", site->name, what,
                 c->kind == PLN_CONS_FINISH_BY ? "finish by" : "start by",
                 dd));
        e->summary = owned[n_owned - 1];
        responsible(m, site, people, sizeof(people));
        KEEP(fmt("Deadline: %s %s %s\nSite: %s (%s)\nResponsible: %s\n"
                 "Decided by: %s (%s)\nPlanned: %s, %s",
                 c->task >= 0 ? t->name : "every step of the site",
                 c->kind == PLN_CONS_FINISH_BY ? "finishes by" : "starts by",
                 dd, site->name, site->id, people, t->name, t->id, pd,
                 state));
        e->description = owned[n_owned - 1];
        e->categories = "deadline";
        e->start = d->date;
        e->end = d->date + 1;
        e->alarm_days = deadline_alarms;
        e->n_alarms = sizeof(deadline_alarms) / sizeof(deadline_alarms[0]);
        e->transparent = true;
    }
#undef KEEP
    if (ok) {
        char *name = fmt("%s", m->name);
        if (name) {
            memset(&cal, 0, sizeof(cal));
            cal.prodid = "-//planner//planner " PLN_VERSION "//EN";
            cal.name = name;
            cal.timezone = m->timezone;
            cal.dtstamp = dtstamp;
            cal.events = ev;
            cal.n_events = k;
            st = pln_ics_render(&cal, out, len, err);
            free(name);
        }
    }
    if (st == PLN_ENOMEM)
        pln_error_set(err, st, NULL, 0, 0, "out of memory");
    for (size_t i = 0; owned && i < n_owned; i++)
        free(owned[i]);
    free(owned);
    free(ev);
    return st;
}
