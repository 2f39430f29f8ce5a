/*
 * replan.c -- what replanning adds around the solve: progress turned into
 * durations (a finished task took the working days it took; a task in
 * progress has its elapsed working days plus what remains), and the
 * comparison of a new plan with the baseline it replaces: what moved, by
 * how many working days and why, and the week's statistics.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cpm_int.h"

static pln_status bad_day(const pln_model *m, const struct pln_progress *p,
                          const char *what, pln_date d, pln_error *err)
{
    char buf[11];
    pln_date_format(d, buf);
    pln_error_set(err, PLN_EINVAL, m->status_source, p->loc.line,
                  p->loc.column,
                  "task '%s' %s on %s, not a working day of its calendar "
                  "'%s'",
                  m->tasks[p->task].id, what, buf,
                  m->calendars[m->tasks[p->task].calendar].id);
    return PLN_EINVAL;
}

pln_status pln_replan_prepare(pln_model *m, pln_error *err)
{
    pln_calset *cs = NULL;
    pln_date lo, hi;
    pln_status st;

    if (!m->replan)
        return PLN_OK;
    pln__model_span(m, &lo, &hi);
    if (m->status_date > hi)
        hi = m->status_date;
    st = pln_calset_build(m, lo - 366, hi + 366, &cs, err);
    if (st != PLN_OK)
        return st;
    for (size_t i = 0; i < m->n_progress; i++) {
        const struct pln_progress *p = &m->progress[i];
        const struct pln_task *t = &m->tasks[p->task];
        int cal = t->calendar;
        int32_t d;
        if (p->started != PLN_DATE_NONE &&
            !pln_calset_is_working(cs, cal, p->started)) {
            st = bad_day(m, p, "started", p->started, err);
            break;
        }
        if (p->finished != PLN_DATE_NONE &&
            !pln_calset_is_working(cs, cal, p->finished)) {
            st = bad_day(m, p, t->duration ? "finished" : "was reached",
                         p->finished, err);
            break;
        }
        if (t->duration == 0 || p->started == PLN_DATE_NONE)
            continue; /* a milestone, or reported as not started */
        if (p->finished != PLN_DATE_NONE || p->planned_finish != PLN_DATE_NONE) {
            pln_date last = p->finished != PLN_DATE_NONE ? p->finished
                                                         : p->planned_finish;
            if (!pln_calset_is_working(cs, cal, last)) {
                st = bad_day(m, p, "finishes (as the baseline planned)", last,
                             err);
                break;
            }
            d = pln_calset_count_before(cs, cal, last + 1) -
                pln_calset_count_before(cs, cal, p->started);
        } else {
            int32_t left = p->remaining;
            if (left < 0)
                left = (int32_t)ceil(t->duration * (100 - p->percent) / 100.0);
            if (left < 1)
                left = 1;
            d = pln_calset_count_before(cs, cal, m->status_date) -
                pln_calset_count_before(cs, cal, p->started) + left;
        }
        pln_model_set_duration(m, (size_t)p->task, d);
    }
    pln_calset_free(cs);
    return st;
}

/* ------------------------------------------------------- the comparison */

/* The comparison's state: the schedule, and each task's progress entry
 * (NULL when the status does not report it), indexed once. */
struct cmp {
    const pln_schedule *s;
    const struct pln_progress **progress; /* [task] */
};

static const struct pln_progress *progress_of(const struct cmp *cx, int j)
{
    return cx->progress[j];
}

/* Working days of task j's calendar from a to b (b later: positive). */
static int32_t shift(const pln_schedule *s, int j, pln_date a, pln_date b)
{
    int cal = s->model->tasks[j].calendar;
    const pln_calset *cs = s->cals;
    if (!pln_calset_in_range(cs, a) || !pln_calset_in_range(cs, b))
        return (int32_t)(b - a);
    return pln_calset_count_before(cs, cal, b) -
           pln_calset_count_before(cs, cal, a);
}

/* Why task j moved later: the first rule that explains it. */
static void explain(const struct cmp *cx, struct pln_cpm_ctx *c,
                    const pln_date *base_finish, struct pln_moved *mv)
{
    const pln_schedule *s = cx->s;
    const pln_model *m = s->model;
    const struct pln_task *t = &m->tasks[mv->task];
    const struct pln_task_times *x = &s->tasks[mv->task];
    int32_t bound = INT32_MIN;
    int tight = -1;

    mv->cause = -1;
    if (mv->old_start == PLN_DATE_NONE) {
        mv->reason = "new task";
        return;
    }
    if (mv->days < 0) {
        mv->reason = "earlier";
        return;
    }
    {
        const struct pln_progress *p = progress_of(cx, mv->task);
        if (p && (p->started != PLN_DATE_NONE ||
                  p->finished != PLN_DATE_NONE)) {
            mv->reason = "progress";
            return;
        }
    }
    if (mv->old_start <= m->status_date && !t->pinned) {
        mv->reason = "not started by the status date";
        return;
    }
    for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
        const struct pln_dep *d = &m->deps[e];
        int32_t b = pln__cpm_dep_es(c, d, &m->tasks[d->pred],
                                    &s->tasks[d->pred], t);
        if (b > bound) {
            bound = b;
            tight = d->pred;
        }
    }
    if (tight >= 0 && bound >= x->es && base_finish[tight] != PLN_DATE_NONE &&
        s->tasks[tight].finish > base_finish[tight]) {
        mv->reason = "predecessor slipped";
        mv->cause = tight;
        return;
    }
    for (size_t i = 0; i < m->n_outages; i++) {
        const struct pln_outage *o = &m->outages[i];
        if (o->to < mv->old_start || o->from > x->finish)
            continue;
        if (o->site == t->site) {
            mv->reason = "site closed";
            mv->cause = o->site;
            return;
        }
        for (size_t k = 0; k < t->n_demands; k++) {
            if (t->demands[k].crew == o->crew) {
                mv->reason = "crew unavailable";
                mv->cause = o->crew;
                return;
            }
        }
    }
    if (t->n_demands > 0 && t->duration > 0) {
        mv->reason = "waiting for a crew";
        mv->cause = t->demands[0].crew;
        return;
    }
    mv->reason = "deadline changed";
    for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++)
        if (base_finish[m->deps[e].pred] == PLN_DATE_NONE ||
            s->tasks[m->deps[e].pred].finish !=
                base_finish[m->deps[e].pred]) {
            mv->reason = "predecessor slipped";
            mv->cause = m->deps[e].pred;
        }
}

static int moved_cmp(const void *a, const void *b)
{
    const struct pln_moved *x = a, *y = b;
    int32_t ax = x->days < 0 ? -x->days : x->days;
    int32_t ay = y->days < 0 ? -y->days : y->days;
    if (x->old_start == PLN_DATE_NONE || y->old_start == PLN_DATE_NONE) {
        if ((x->old_start == PLN_DATE_NONE) != (y->old_start == PLN_DATE_NONE))
            return x->old_start == PLN_DATE_NONE ? 1 : -1;
    } else if (ax != ay) {
        return ax > ay ? -1 : 1;
    }
    return (x->task > y->task) - (x->task < y->task);
}

/* Working days of task j done by the status date. */
static double done_days(const struct cmp *cx, int j)
{
    const pln_schedule *s = cx->s;
    const pln_model *m = s->model;
    const struct pln_progress *p = progress_of(cx, j);
    const struct pln_task *t = &m->tasks[j];
    if (!p || t->duration == 0 || p->started == PLN_DATE_NONE)
        return 0;
    if (p->finished != PLN_DATE_NONE)
        return t->duration;
    return shift(s, j, p->started, m->status_date);
}

pln_status pln_replan_compare(const pln_schedule *s,
                              const pln_date *base_start,
                              const pln_date *base_finish, int risk_days,
                              pln_replan_report **out, pln_error *err)
{
    const pln_model *m = s->model;
    struct pln_cpm_ctx c = {m, s->cals, false, false};
    pln_replan_report *r = pln__calloc(1, sizeof(*r));
    struct cmp cx = {s, pln__calloc(m->n_tasks + 1, sizeof(*cx.progress))};
    double all = 0, done = 0;

    *out = NULL;
    if (r) {
        r->moved = pln__calloc(m->n_tasks + 1, sizeof(*r->moved));
        r->sites = pln__calloc(m->n_sites + 1, sizeof(*r->sites));
    }
    if (!r || !r->moved || !r->sites || !cx.progress) {
        pln__free(cx.progress);
        pln_replan_report_free(r);
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    for (size_t i = 0; i < m->n_progress; i++)
        cx.progress[m->progress[i].task] = &m->progress[i];
    r->status_date = m->status_date;
    r->risk_days = risk_days;
    for (size_t j = 0; j < m->n_tasks; j++) {
        const struct pln_task_times *x = &s->tasks[j];
        struct pln_moved *mv = &r->moved[r->n_moved];
        if (base_start[j] == x->start && base_finish[j] == x->finish)
            continue;
        mv->task = (int)j;
        mv->old_start = base_start[j];
        mv->old_finish = base_finish[j];
        mv->new_start = x->start;
        mv->new_finish = x->finish;
        mv->days = base_start[j] == PLN_DATE_NONE
                       ? 0
                       : shift(s, (int)j, base_start[j], x->start);
        explain(&cx, &c, base_finish, mv);
        r->n_moved++;
    }
    qsort(r->moved, r->n_moved, sizeof(*r->moved), moved_cmp);
    r->n_sites = m->n_sites;
    for (size_t i = 0; i < m->n_sites; i++) {
        const struct pln_site *site = &m->sites[i];
        struct pln_site_status *ss = &r->sites[i];
        size_t started = 0, finished = 0, steps = 0;
        double sall = 0, sdone = 0;
        ss->site = (int)i;
        ss->next_deadline = -1;
        for (size_t j = site->first_task; j < site->first_task + site->n_tasks;
             j++) {
            const struct pln_progress *p = progress_of(&cx, (int)j);
            steps++;
            if (p && (p->started != PLN_DATE_NONE ||
                      p->finished != PLN_DATE_NONE)) {
                started++;
                finished += p->finished != PLN_DATE_NONE;
            }
            sall += m->tasks[j].duration;
            sdone += done_days(&cx, (int)j);
        }
        ss->state = finished == steps  ? PLN_SITE_DONE
                    : started          ? PLN_SITE_IN_PROGRESS
                                       : PLN_SITE_NOT_STARTED;
        ss->done = sall > 0 ? sdone / sall : (ss->state == PLN_SITE_DONE);
        all += sall;
        done += sdone;
        for (size_t k = 0; k < s->n_deadlines; k++) {
            const struct pln_deadline_result *d = &s->deadlines[k];
            if (m->constraints[d->constraint].site != (int)i)
                continue;
            if (d->slack < 0)
                ss->late++;
            else if (d->slack < risk_days)
                ss->at_risk++;
            if (d->date >= m->status_date &&
                (ss->next_deadline < 0 ||
                 d->date < s->deadlines[ss->next_deadline].date))
                ss->next_deadline = (int)k;
        }
        r->not_started += ss->state == PLN_SITE_NOT_STARTED;
        r->in_progress += ss->state == PLN_SITE_IN_PROGRESS;
        r->done += ss->state == PLN_SITE_DONE;
        r->late += ss->late > 0;
        r->at_risk += !ss->late && ss->at_risk > 0;
        r->on_time += !ss->late && !ss->at_risk;
    }
    r->work_done = all > 0 ? done / all : 0;
    pln__free(cx.progress);
    *out = r;
    return PLN_OK;
}

void pln_replan_report_free(pln_replan_report *r)
{
    if (!r)
        return;
    pln__free(r->moved);
    pln__free(r->sites);
    pln__free(r);
}
