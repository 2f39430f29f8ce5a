/*
 * cpm_time.c -- converting between points in time and working-day indices
 * of each task's own calendar, for the critical path and the countdown (the
 * conventions are set out in cpm_int.h).
 */
#include "cpm_int.h"

int32_t pln__cpm_count(struct pln_cpm_ctx *c, int cal, pln_date x)
{
    if (!pln_calset_in_range(c->cs, x)) {
        c->overflow = true;
        if (x < pln_calset_first(c->cs))
            c->under = true;
        return x < pln_calset_first(c->cs) ? 0 : pln_calset_size(c->cs, cal);
    }
    return pln_calset_count_before(c->cs, cal, x);
}

pln_date pln__cpm_nth(struct pln_cpm_ctx *c, int cal, int32_t k)
{
    int32_t size = pln_calset_size(c->cs, cal);
    if (k < 0 || k >= size) {
        c->overflow = true;
        if (k < 0)
            c->under = true;
        if (size == 0)
            return pln_calset_first(c->cs);
        return pln_calset_nth(c->cs, cal, k < 0 ? 0 : size - 1);
    }
    return pln_calset_nth(c->cs, cal, k);
}

pln_date pln__cpm_finish_point(struct pln_cpm_ctx *c, int cal, int32_t ef)
{
    return pln__cpm_nth(c, cal, ef - 1) + 1;
}

pln_date pln__cpm_start_point(struct pln_cpm_ctx *c, const struct pln_task *t,
                              int32_t es)
{
    if (t->duration == 0)
        return pln__cpm_finish_point(c, t->calendar, es);
    return pln__cpm_nth(c, t->calendar, es);
}

/*
 * Earliest index of an event of `t` that lies `lag` working days (of t's
 * calendar) after point x. A lag is working time between two points: moving
 * n != 0 working days from x reaches the first moment at which n more (or
 * fewer) working days have passed, the evening of a working day; that makes
 * the event's index W(x) + n whatever its kind. With no lag the event only
 * has to be at or after x itself: a start then is a morning at or after x,
 * W(x), and a finish the first evening at or after x, W(x - 1) + 1 (later
 * than W(x) when x follows a day off).
 */
static int32_t after_lag(struct pln_cpm_ctx *c, const struct pln_task *t,
                         bool start_event, pln_date x, int lag)
{
    if ((start_event && t->duration > 0) || lag != 0)
        return pln__cpm_count(c, t->calendar, x) + lag;
    return pln__cpm_count(c, t->calendar, x - 1) + 1;
}

int32_t pln__cpm_dep_es(struct pln_cpm_ctx *c, const struct pln_dep *d,
                        const struct pln_task *pred,
                        const struct pln_task_times *pt,
                        const struct pln_task *succ)
{
    bool from_start = d->kind == PLN_DEP_SS || d->kind == PLN_DEP_SF;
    bool to_start = d->kind == PLN_DEP_FS || d->kind == PLN_DEP_SS;
    pln_date x = from_start ? pln__cpm_start_point(c, pred, pt->es)
                            : pln__cpm_finish_point(c, pred->calendar, pt->ef);
    int32_t idx = after_lag(c, succ, to_start, x, d->lag);
    return to_start ? idx : idx - succ->duration;
}

/* The latest point x from which an event of `t` at index `idx` still lies
 * `lag` working days after x: the inverse of after_lag. */
static pln_date latest_point(struct pln_cpm_ctx *c, const struct pln_task *t,
                             bool start_event, int32_t idx, int lag)
{
    if ((start_event && t->duration > 0) || lag != 0)
        return pln__cpm_nth(c, t->calendar, idx - lag);
    return pln__cpm_nth(c, t->calendar, idx - 1) + 1;
}

int32_t pln__cpm_dep_lf(struct pln_cpm_ctx *c, const struct pln_dep *d,
                        const struct pln_task *pred,
                        const struct pln_task *succ, int32_t succ_ls,
                        int32_t succ_lf)
{
    bool from_start = d->kind == PLN_DEP_SS || d->kind == PLN_DEP_SF;
    bool to_start = d->kind == PLN_DEP_FS || d->kind == PLN_DEP_SS;
    pln_date x = latest_point(c, succ, to_start, to_start ? succ_ls : succ_lf,
                              d->lag);
    /* The predecessor's event must lie at or before x. */
    if (from_start && pred->duration > 0)
        return pln__cpm_count(c, pred->calendar, x + 1) - 1 + pred->duration;
    return pln__cpm_count(c, pred->calendar, x);
}

int32_t pln__cpm_release_es(struct pln_cpm_ctx *c, const struct pln_task *t,
                            pln_date d)
{
    int32_t k = pln__cpm_count(c, t->calendar, d);
    return t->duration > 0 ? k : k + 1;
}

int32_t pln__cpm_finish_by_lf(struct pln_cpm_ctx *c, const struct pln_task *t,
                              pln_date d)
{
    return pln__cpm_count(c, t->calendar, d + 1);
}

int32_t pln__cpm_start_by_lf(struct pln_cpm_ctx *c, const struct pln_task *t,
                             pln_date d)
{
    int32_t k = pln__cpm_count(c, t->calendar, d + 1);
    return t->duration > 0 ? k - 1 + t->duration : k;
}

pln_date pln__cpm_show_start(struct pln_cpm_ctx *c, const struct pln_task *t,
                             int32_t s, int32_t f)
{
    if (t->duration == 0)
        return pln__cpm_nth(c, t->calendar, f - 1);
    return pln__cpm_nth(c, t->calendar, s);
}

pln_date pln__cpm_show_finish(struct pln_cpm_ctx *c, const struct pln_task *t,
                              int32_t f)
{
    return pln__cpm_nth(c, t->calendar, f - 1);
}

void pln__cons_range(const pln_model *m, const struct pln_constraint *k,
                     size_t *lo, size_t *hi)
{
    if (k->task >= 0) {
        *lo = (size_t)k->task;
        *hi = *lo + 1;
    } else {
        *lo = m->sites[k->site].first_task;
        *hi = *lo + m->sites[k->site].n_tasks;
    }
}

bool pln__cons_binds(const pln_model *m, const struct pln_constraint *k,
                     size_t t)
{
    const struct pln_task *task = &m->tasks[t];
    if (k->task >= 0)
        return (size_t)k->task == t;
    if (task->site != k->site)
        return false;
    if (k->kind == PLN_CONS_FINISH_BY)
        return true;
    /* Start constraints on a site bind its entry tasks: those without a
     * predecessor in the same site (a started task, whose predecessors no
     * longer hold it, as the model wrote them). */
    if (task->pinned)
        return !task->site_pred;
    for (size_t e = task->first_pred; e < task->first_pred + task->n_preds;
         e++)
        if (m->tasks[m->deps[e].pred].site == task->site)
            return false;
    return true;
}

int *pln__topo_order(const pln_model *m)
{
    int *order = pln__malloc((m->n_tasks + 1) * sizeof(int));
    int *indeg = pln__calloc(m->n_tasks + 1, sizeof(int));
    size_t head = 0, tail = 0;
    if (!order || !indeg) {
        pln__free(order);
        pln__free(indeg);
        return NULL;
    }
    for (size_t t = 0; t < m->n_tasks; t++) {
        indeg[t] = (int)m->tasks[t].n_preds;
        if (indeg[t] == 0)
            order[tail++] = (int)t;
    }
    while (head < tail) {
        const struct pln_task *t = &m->tasks[order[head++]];
        for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++) {
            int s = m->deps[m->succ_deps[k]].succ;
            if (--indeg[s] == 0)
                order[tail++] = s;
        }
    }
    pln__free(indeg);
    /* The loader rejects cycles, so every task is ordered. */
    return order;
}

bool pln__replan_bounds(struct pln_cpm_ctx *c, size_t j, int32_t *release,
                        int32_t *fixed_lf)
{
    const pln_model *m = c->m;
    const struct pln_task *t = &m->tasks[j];
    pln_date d;
    int32_t b;

    if (!m->replan)
        return false;
    /* A step starts on the morning of its first working day on or after
     * d; a milestone is reached at the end of its day (cpm_int.h). */
    d = t->pinned ? t->pinned_at : m->status_date;
    b = pln__cpm_count(c, t->calendar, d) + (t->duration == 0);
    if (t->pinned) {
        *release = b;
        if (b + t->duration < *fixed_lf)
            *fixed_lf = b + t->duration;
    } else if (b > *release) {
        *release = b;
    }
    return true;
}
