/*
 * rcpsp.c -- sets up the crew-constrained problem (rcpsp_int.h): calendars
 * over a solve horizon, releases and hard deadlines per task, crew-free
 * early and late starts (the windows and priorities), crew capacity per
 * date, the deadline terms of the objective; and evaluates a schedule.
 */
#include <stdlib.h>
#include <string.h>

#include "rcpsp_int.h"

void pln__rc_release(struct pln_rc *rc)
{
    pln_calset_free((pln_calset *)rc->c.cs);
    pln__free(rc->order);
    pln__free(rc->release);
    pln__free(rc->hard_lf);
    pln__free(rc->es);
    pln__free(rc->lst);
    pln__free(rc->uses_crews);
    pln__free(rc->leads);
    pln__free(rc->cap);
    pln__free(rc->dl);
    pln__free(rc->dl_task);
    pln__free(rc->dl_bound);
    pln__money_release(rc);
    memset(rc, 0, sizeof(*rc));
}

int32_t pln__rc_day(struct pln_rc *rc, int cal, int32_t k)
{
    pln_date d;
    if (k < 0 || k >= pln_calset_size(rc->c.cs, cal))
        return -1;
    d = pln_calset_nth(rc->c.cs, cal, k);
    if (d < rc->first || d - rc->first >= rc->ndays)
        return -1;
    return d - rc->first;
}

int32_t pln__rc_demand(const struct pln_rc *rc, size_t j, size_t k)
{
    const struct pln_task *t = &rc->m->tasks[j];
    int32_t r = 0;
    for (size_t e = 0; e < t->n_demands; e++)
        if ((size_t)t->demands[e].crew == k)
            r += t->demands[e].amount;
    return r;
}

int32_t pln__rc_end_days(struct pln_rc *rc, size_t j, int32_t s)
{
    const struct pln_task *t = &rc->m->tasks[j];
    /* A milestone's day is the one before its (finish-like) index. */
    int32_t last = t->duration > 0 ? s + t->duration - 1 : s - 1;
    return pln__cpm_nth(&rc->c, t->calendar, last) - rc->m->start + 1;
}

int32_t pln__rc_pred_bound(struct pln_rc *rc, size_t j, const int32_t *s,
                           const bool *placed)
{
    const pln_model *m = rc->m;
    const struct pln_task *t = &m->tasks[j];
    int32_t b = rc->release[j];
    for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
        const struct pln_dep *d = &m->deps[e];
        struct pln_task_times pt;
        int32_t v;
        if (placed && !placed[d->pred])
            continue;
        pt.es = s[d->pred];
        pt.ef = s[d->pred] + m->tasks[d->pred].duration;
        v = pln__cpm_dep_es(&rc->c, d, &m->tasks[d->pred], &pt, t);
        if (v > b)
            b = v;
    }
    return b;
}

int32_t pln__rc_succ_bound(struct pln_rc *rc, size_t j, const int32_t *s,
                           const bool *placed)
{
    const pln_model *m = rc->m;
    const struct pln_task *t = &m->tasks[j];
    int32_t b = INT32_MAX;
    for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++) {
        const struct pln_dep *d = &m->deps[m->succ_deps[k]];
        const struct pln_task *u = &m->tasks[d->succ];
        int32_t v;
        if (placed && !placed[d->succ])
            continue;
        v = pln__cpm_dep_lf(&rc->c, d, t, u, s[d->succ],
                            s[d->succ] + u->duration) -
            t->duration;
        if (v < b)
            b = v;
    }
    if (rc->hard_lf[j] != INT32_MAX && rc->hard_lf[j] - t->duration < b)
        b = rc->hard_lf[j] - t->duration;
    return b;
}

/* Releases, hard deadlines and the deadline terms of the objective. */
static pln_status constraints(struct pln_rc *rc)
{
    const pln_model *m = rc->m;
    size_t nt = 0;
    for (size_t k = 0; k < m->n_constraints; k++) {
        size_t lo, hi;
        pln__cons_range(m, &m->constraints[k], &lo, &hi);
        nt += hi - lo;
    }
    rc->dl = pln__calloc(m->n_constraints + 1, sizeof(*rc->dl));
    rc->dl_task = pln__malloc((nt + 1) * sizeof(int));
    rc->dl_bound = pln__malloc((nt + 1) * sizeof(int32_t));
    if (!rc->dl || !rc->dl_task || !rc->dl_bound)
        return PLN_ENOMEM;
    nt = 0;
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *con = &m->constraints[k];
        struct pln_rc_deadline *dl = &rc->dl[rc->nd];
        size_t lo, hi;
        pln__cons_range(m, con, &lo, &hi);
        dl->constraint = (int)k;
        dl->site = con->site;
        dl->weight = m->sites[con->site].weight;
        dl->first = nt;
        for (size_t j = lo; j < hi; j++) {
            const struct pln_task *t = &m->tasks[j];
            int32_t b;
            if (!pln__cons_binds(m, con, j))
                continue;
            if (con->kind != PLN_CONS_FINISH_BY) {
                b = pln__cpm_release_es(&rc->c, t, con->from);
                if (b > rc->release[j])
                    rc->release[j] = b;
            }
            if (con->kind == PLN_CONS_START_NOT_BEFORE)
                continue;
            b = con->kind == PLN_CONS_FINISH_BY
                    ? pln__cpm_finish_by_lf(&rc->c, t, con->to)
                    : pln__cpm_start_by_lf(&rc->c, t, con->to);
            if (con->hard && b < rc->hard_lf[j])
                rc->hard_lf[j] = b;
            rc->dl_task[nt] = (int)j;
            rc->dl_bound[nt] = b;
            nt++;
        }
        if (con->kind == PLN_CONS_START_NOT_BEFORE)
            continue;
        dl->count = nt - dl->first;
        if (dl->count)
            rc->nd++;
    }
    return PLN_OK;
}

/* Crew-free passes: early starts from the releases, late starts from the
 * deadlines (soft ones too: they make the priorities) and the end. */
static void windows(struct pln_rc *rc)
{
    const pln_model *m = rc->m;
    int32_t *lf = rc->lst; /* reused: late finish, then late start */
    pln_date end = m->start;
    for (size_t i = 0; i < rc->n; i++) {
        size_t j = (size_t)rc->order[i];
        rc->es[j] = pln__rc_pred_bound(rc, j, rc->es, NULL);
        pln_date p = pln__cpm_finish_point(&rc->c, m->tasks[j].calendar,
                                           rc->es[j] + m->tasks[j].duration);
        if (p > end)
            end = p;
    }
    for (size_t j = 0; j < rc->n; j++)
        lf[j] = pln__cpm_count(&rc->c, m->tasks[j].calendar, end);
    for (size_t i = 0; i < rc->nd; i++)
        for (size_t e = rc->dl[i].first; e < rc->dl[i].first + rc->dl[i].count;
             e++)
            if (rc->dl_bound[e] < lf[rc->dl_task[e]])
                lf[rc->dl_task[e]] = rc->dl_bound[e];
    for (size_t i = rc->n; i-- > 0;) {
        size_t j = (size_t)rc->order[i];
        const struct pln_task *t = &m->tasks[j];
        int32_t v = lf[j] - t->duration;
        for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++) {
            const struct pln_dep *d = &m->deps[m->succ_deps[k]];
            const struct pln_task *u = &m->tasks[d->succ];
            int32_t b = pln__cpm_dep_lf(&rc->c, d, t, u, rc->lst[d->succ],
                                        rc->lst[d->succ] + u->duration) -
                        t->duration;
            if (b < v)
                v = b;
        }
        rc->lst[j] = v; /* successors come later in the order: done */
    }
}

/* Marks, besides the tasks marked already, every task that leads to one
 * of them (predecessors, transitively): one sweep in reverse topological
 * order. */
static void mark_predecessors(const struct pln_rc *rc, bool *mark)
{
    const pln_model *m = rc->m;
    for (size_t i = rc->n; i-- > 0;) {
        size_t j = (size_t)rc->order[i];
        const struct pln_task *t = &m->tasks[j];
        if (!mark[j])
            continue;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++)
            mark[m->deps[e].pred] = true;
    }
}

void pln__rc_leading(const struct pln_rc *rc, size_t i, bool *mark)
{
    memset(mark, 0, rc->n * sizeof(bool));
    for (size_t e = rc->dl[i].first; e < rc->dl[i].first + rc->dl[i].count;
         e++)
        mark[rc->dl_task[e]] = true;
    mark_predecessors(rc, mark);
}

/* Marks the tasks bound by a deadline and, transitively, their
 * predecessors. */
static void mark_leads(struct pln_rc *rc)
{
    for (size_t e = 0; e < rc->nd; e++)
        for (size_t i = rc->dl[e].first; i < rc->dl[e].first + rc->dl[e].count;
             i++)
            rc->leads[rc->dl_task[i]] = true;
    mark_predecessors(rc, rc->leads);
}

/* Replanning: the past is as it was (crews are not limited before the
 * status date), and crews down from the status file lower the counts. */
#define PLN_PAST_CAPACITY 1000000
static void replan_capacity(struct pln_rc *rc)
{
    const pln_model *m = rc->m;
    int32_t sd = rc->m->status_date - rc->first;

    for (size_t k = 0; k < rc->nk; k++)
        for (int32_t x = 0; x < sd && x < rc->ndays; x++)
            rc->cap[k * (size_t)rc->ndays + (size_t)x] = PLN_PAST_CAPACITY;
    for (size_t i = 0; i < m->n_outages; i++) {
        const struct pln_outage *o = &m->outages[i];
        if (o->crew < 0)
            continue;
        for (pln_date d = o->from; d <= o->to; d++) {
            int32_t x = d - rc->first, *cap;
            if (x < sd || x < 0 || x >= rc->ndays)
                continue;
            cap = &rc->cap[(size_t)o->crew * (size_t)rc->ndays + (size_t)x];
            *cap = *cap > o->count ? *cap - o->count : 0;
        }
    }
}

pln_status pln__rc_init(struct pln_rc *rc, const pln_model *m, int32_t after,
                        pln_error *err)
{
    pln_date lo, hi;
    pln_calset *cs = NULL;
    pln_status st;

    memset(rc, 0, sizeof(*rc));
    rc->m = m;
    rc->money_stuck = -1;
    rc->n = m->n_tasks;
    rc->nk = m->n_crews;
    pln__model_span(m, &lo, &hi);
    if ((int64_t)hi - lo + 366 + after > PLN_CALSET_MAX_DAYS) {
        pln_error_set(err, PLN_EHORIZON, m->source, 0, 0,
                      "the plan runs beyond the supported %d years",
                      PLN_CALSET_MAX_DAYS / 366);
        return PLN_EHORIZON;
    }
    st = pln_calset_build(m, lo - 366, hi + after, &cs, err);
    if (st != PLN_OK)
        return st;
    rc->c.m = m;
    rc->c.cs = cs;
    rc->first = m->start;
    rc->ndays = pln_calset_last(cs) - m->start + 1;
    rc->order = pln__topo_order(m);
    rc->release = pln__malloc((rc->n + 1) * sizeof(int32_t));
    rc->hard_lf = pln__malloc((rc->n + 1) * sizeof(int32_t));
    rc->es = pln__malloc((rc->n + 1) * sizeof(int32_t));
    rc->lst = pln__malloc((rc->n + 1) * sizeof(int32_t));
    rc->uses_crews = pln__calloc(rc->n + 1, sizeof(bool));
    rc->leads = pln__calloc(rc->n + 1, sizeof(bool));
    rc->cap = pln__calloc(rc->nk * (size_t)rc->ndays + 1, sizeof(int32_t));
    if (!rc->order || !rc->release || !rc->hard_lf || !rc->es || !rc->lst ||
        !rc->uses_crews || !rc->leads || !rc->cap)
        goto nomem;
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        rc->release[j] = pln__cpm_release_es(&rc->c, t, m->start);
        rc->hard_lf[j] = INT32_MAX;
        for (size_t k = 0; k < t->n_demands; k++)
            if (t->demands[k].amount > 0 && t->duration > 0)
                rc->uses_crews[j] = true;
    }
    for (size_t k = 0; k < rc->nk; k++)
        for (int32_t x = 0; x < rc->ndays; x++)
            if (pln_calset_is_working(cs, m->crews[k].calendar, rc->first + x))
                rc->cap[k * (size_t)rc->ndays + (size_t)x] = m->crews[k].count;
    if (m->replan)
        replan_capacity(rc);
    if (constraints(rc) != PLN_OK)
        goto nomem;
    for (size_t j = 0; j < rc->n; j++)
        pln__replan_bounds(&rc->c, j, &rc->release[j], &rc->hard_lf[j]);
    windows(rc);
    mark_leads(rc);
    if (pln__money_init(rc) != PLN_OK)
        goto nomem;
    return PLN_OK;
nomem:
    pln_error_set(err, PLN_ENOMEM, m->source, 0, 0, "out of memory");
    pln__rc_release(rc);
    return PLN_ENOMEM;
}

int32_t pln__rc_late(const struct pln_rc *rc, size_t i, const int32_t *s)
{
    const struct pln_rc_deadline *dl = &rc->dl[i];
    int32_t late = 0;
    for (size_t e = dl->first; e < dl->first + dl->count; e++) {
        size_t j = (size_t)rc->dl_task[e];
        int32_t v = s[j] + rc->m->tasks[j].duration - rc->dl_bound[e];
        if (v > late)
            late = v;
    }
    return late;
}

void pln__rc_eval(struct pln_rc *rc, enum pln_objective obj,
                  const int32_t *s, struct pln_rc_eval *out)
{
    const pln_model *m = rc->m;
    unsigned char *late_site = NULL;
    memset(out, 0, sizeof(*out));
    out->hard_ok = true;
    for (size_t j = 0; j < rc->n; j++) {
        int32_t e = pln__rc_end_days(rc, j, s[j]);
        if (e > out->makespan)
            out->makespan = e;
        if (rc->hard_lf[j] != INT32_MAX &&
            s[j] + m->tasks[j].duration > rc->hard_lf[j])
            out->hard_ok = false;
    }
    late_site = pln__calloc(m->n_sites + 1, 1);
    for (size_t i = 0; i < rc->nd; i++) {
        const struct pln_rc_deadline *dl = &rc->dl[i];
        int32_t late = pln__rc_late(rc, i, s);
        if (late > 0) {
            out->late_deadlines++;
            out->lateness += dl->weight * late;
            if (late_site && !late_site[dl->site]) {
                late_site[dl->site] = 1;
                out->late_sites++;
            }
        }
    }
    pln__free(late_site);
    switch (obj) {
    case PLN_OBJ_MAKESPAN:
        out->value = out->makespan;
        break;
    case PLN_OBJ_LATE_SITES:
        out->value = (double)out->late_sites;
        break;
    default:
        out->value = out->lateness;
        break;
    }
}
