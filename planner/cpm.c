/*
 * cpm.c -- the calendar-aware critical path method.
 *
 * Forward pass in topological order: a task's early start is the latest of
 * its releases (plan start, start_not_before, the first day of start_within)
 * and of what each dependency demands; early finish = early start +
 * duration, in the task's own calendar. Backward pass in reverse order: the
 * late finish is the earliest of the program's finish, the task's deadlines
 * (finish_by, the last day of start_within) and what each successor demands.
 * Total float is late minus early start; a task is critical when it has no
 * float left (it may be negative when a deadline cannot be met). Deadlines do
 * not push the forward pass: a late deadline is reported, not hidden.
 *
 * The calendars are compiled over a horizon guessed from the model's dates;
 * when a pass runs past it, the horizon is widened and the passes rerun.
 */
#include <stdlib.h>
#include <string.h>

#include "cpm_int.h"

static void forward(struct pln_cpm_ctx *c, const int *order,
                           struct pln_task_times *tt, const int32_t *release)
{
    const pln_model *m = c->m;
    for (size_t i = 0; i < m->n_tasks; i++) {
        size_t j = (size_t)order[i];
        const struct pln_task *t = &m->tasks[j];
        int32_t es = pln__cpm_release_es(c, t, m->start);
        if (release[j] > es)
            es = release[j];
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
            const struct pln_dep *d = &m->deps[e];
            int32_t b = pln__cpm_dep_es(c, d, &m->tasks[d->pred],
                                        &tt[d->pred], t);
            if (b > es)
                es = b;
        }
        tt[j].es = es;
        tt[j].ef = es + t->duration;
    }
}

/* Per-task bounds from the constraints: release (lower bound on es) and
 * deadline (upper bound on lf). */
static void bounds_from_constraints(struct pln_cpm_ctx *c, int32_t *release,
                                   int32_t *deadline_lf)
{
    const pln_model *m = c->m;
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *con = &m->constraints[k];
        size_t lo, hi;
        pln__cons_range(m, con, &lo, &hi);
        for (size_t t = lo; t < hi; t++) {
            const struct pln_task *task = &m->tasks[t];
            int32_t b;
            if (!pln__cons_binds(m, con, t))
                continue;
            switch (con->kind) {
            case PLN_CONS_START_NOT_BEFORE:
                b = pln__cpm_release_es(c, task, con->from);
                if (b > release[t])
                    release[t] = b;
                break;
            case PLN_CONS_START_WITHIN:
                b = pln__cpm_release_es(c, task, con->from);
                if (b > release[t])
                    release[t] = b;
                b = pln__cpm_start_by_lf(c, task, con->to);
                if (b < deadline_lf[t])
                    deadline_lf[t] = b;
                break;
            case PLN_CONS_FINISH_BY:
                b = pln__cpm_finish_by_lf(c, task, con->to);
                if (b < deadline_lf[t])
                    deadline_lf[t] = b;
                break;
            }
        }
    }
}

static void backward(struct pln_cpm_ctx *c, const int *order,
                     struct pln_task_times *tt, const int32_t *deadline_lf,
                     pln_date end_point)
{
    const pln_model *m = c->m;
    for (size_t i = m->n_tasks; i-- > 0;) {
        size_t j = (size_t)order[i];
        const struct pln_task *t = &m->tasks[j];
        int32_t lf = pln__cpm_count(c, t->calendar, end_point);
        if (deadline_lf[j] < lf)
            lf = deadline_lf[j];
        for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++) {
            const struct pln_dep *d = &m->deps[m->succ_deps[k]];
            int32_t b = pln__cpm_dep_lf(c, d, t, &m->tasks[d->succ],
                                        tt[d->succ].ls, tt[d->succ].lf);
            if (b < lf)
                lf = b;
        }
        tt[j].lf = lf;
        tt[j].ls = lf - t->duration;
    }
}

/* Fills the displayed dates, floats and deadline results. */
pln_status pln__schedule_finish(struct pln_cpm_ctx *c, pln_schedule *s)
{
    const pln_model *m = c->m;
    size_t nd = 0;
    for (size_t j = 0; j < m->n_tasks; j++) {
        const struct pln_task *t = &m->tasks[j];
        struct pln_task_times *x = &s->tasks[j];
        int32_t p0 = pln__cpm_count(c, t->calendar, m->start);
        x->start = pln__cpm_show_start(c, t, x->es, x->ef);
        x->finish = pln__cpm_show_finish(c, t, x->ef);
        x->late_start = pln__cpm_show_start(c, t, x->ls, x->lf);
        x->late_finish = pln__cpm_show_finish(c, t, x->lf);
        x->start_day = (t->duration ? x->es : x->ef - 1) - p0;
        x->total_float = x->ls - x->es;
        x->critical = x->total_float <= 0;
        if (x->finish > s->finish)
            s->finish = x->finish;
    }
    s->makespan = m->n_tasks ? s->finish - m->start + 1 : 0;
    for (size_t k = 0; k < m->n_constraints; k++)
        if (m->constraints[k].kind != PLN_CONS_START_NOT_BEFORE)
            nd++;
    s->deadlines = pln__calloc(nd + 1, sizeof(*s->deadlines));
    if (!s->deadlines)
        return PLN_ENOMEM;
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *con = &m->constraints[k];
        struct pln_deadline_result *r = &s->deadlines[s->n_deadlines];
        size_t lo, hi;
        bool any = false;
        pln_date latest = PLN_DATE_NONE, decider = PLN_DATE_NONE;
        if (con->kind == PLN_CONS_START_NOT_BEFORE)
            continue;
        pln__cons_range(m, con, &lo, &hi);
        r->constraint = (int)k;
        for (size_t t = lo; t < hi; t++) {
            const struct pln_task *task = &m->tasks[t];
            const struct pln_task_times *x = &s->tasks[t];
            int32_t slack, bound;
            pln_date planned;
            if (!pln__cons_binds(m, con, t))
                continue;
            if (con->kind == PLN_CONS_FINISH_BY) {
                bound = pln__cpm_finish_by_lf(c, task, con->to);
                slack = bound - x->ef;
            } else {
                bound = pln__cpm_start_by_lf(c, task, con->to);
                slack = bound - x->ef;
            }
            /* The least slack decides (ties: the later step, e.g. the
             * site's acceptance rather than the step before it); the
             * planned date is the latest of the bound steps: for a whole
             * site, its finish. Calendars may differ between steps, so the
             * two need not come from the same step. */
            planned = con->kind == PLN_CONS_FINISH_BY ? x->finish : x->start;
            if (!any || slack < r->slack ||
                (slack == r->slack && planned >= decider)) {
                r->task = (int)t;
                decider = planned;
                r->slack = slack;
                /* A month deadline is shown as its last working day. */
                r->date = con->month ? pln__cpm_nth(c, task->calendar,
                                                    pln__cpm_count(c,
                                                                   task->calendar,
                                                                   con->to + 1) -
                                                        1)
                                     : con->to;
            }
            if (!any || planned > latest)
                latest = planned;
            any = true;
        }
        r->planned = latest;
        if (!any)
            continue; /* a site without tasks: nothing to meet */
        r->met = r->slack >= 0;
        if (!r->met)
            s->n_late++;
        s->n_deadlines++;
    }
    return PLN_OK;
}

static void note_missing(void *ctx, int cal, int year)
{
    pln_schedule *s = ctx;
    struct pln_missing_year *p = pln__realloc(
        s->missing_years, (s->n_missing_years + 1) * sizeof(*p));
    if (!p)
        return; /* a warning lost to memory shortage, never the schedule */
    s->missing_years = p;
    p[s->n_missing_years].calendar = cal;
    p[s->n_missing_years].year = year;
    s->n_missing_years++;
}

static int holiday_owner(const pln_model *m, int cal)
{
    int c = cal;
    for (size_t steps = 0; c >= 0 && steps <= m->n_calendars; steps++) {
        if (m->calendars[c].holidays != PLN_HOLIDAYS_INHERIT)
            return c;
        if (m->calendars[c].parent < 0)
            return c;
        c = m->calendars[c].parent;
    }
    return cal;
}

void pln__find_missing_years(pln_schedule *s)
{
    const pln_model *m = s->model;
    bool *used = pln__calloc(m->n_calendars + 1, sizeof(bool));
    int y0, y1;
    if (!used)
        return;
    /* A calendar inherits its holidays from the nearest ancestor that
     * chooses them; warn once, at that ancestor. */
    for (size_t t = 0; t < m->n_tasks; t++)
        used[holiday_owner(m, m->tasks[t].calendar)] = true;
    for (size_t k = 0; k < m->n_crews; k++)
        used[holiday_owner(m, m->crews[k].calendar)] = true;
    pln_date_to_ymd(m->start, &y0, NULL, NULL);
    pln_date_to_ymd(s->finish > m->start ? s->finish : m->start, &y1, NULL,
                    NULL);
    for (size_t k = 0; k < m->n_calendars; k++)
        if (used[k])
            pln_calset_missing_holiday_years(m, (int)k, y0, y1, note_missing,
                                             s);
    pln__free(used);
}

/* The model's earliest and latest dates, to size the horizon. */
void pln__model_span(const pln_model *m, pln_date *lo, pln_date *hi)
{
    *lo = *hi = m->start;
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *c = &m->constraints[k];
        if (c->from != PLN_DATE_NONE) {
            if (c->from < *lo)
                *lo = c->from;
            if (c->from > *hi)
                *hi = c->from;
        }
        if (c->to != PLN_DATE_NONE) {
            if (c->to < *lo)
                *lo = c->to;
            if (c->to > *hi)
                *hi = c->to;
        }
    }
}

void pln_schedule_free(pln_schedule *s)
{
    if (!s)
        return;
    pln_calset_free(s->cals);
    pln__free(s->tasks);
    pln__free(s->deadlines);
    pln__free(s->missing_years);
    for (size_t k = 0; k < s->n_reasons; k++)
        pln__free(s->reasons[k]);
    pln__free(s->reasons);
    pln__free(s->tranche_arrival);
    pln__free(s->payments);
    pln__free(s->money_waits);
    pln__free(s);
}

pln_status pln_cpm_schedule(const pln_model *m, pln_schedule **out,
                            pln_error *err)
{
    pln_schedule *s = NULL;
    int *order = NULL;
    int32_t *release = NULL, *deadline_lf = NULL;
    pln_date lo, hi;
    int32_t before = 366, after = 3 * 366;
    pln_status st = PLN_ENOMEM;

    *out = NULL;
    pln__model_span(m, &lo, &hi);
    order = pln__topo_order(m);
    release = pln__malloc((m->n_tasks + 1) * sizeof(*release));
    deadline_lf = pln__malloc((m->n_tasks + 1) * sizeof(*deadline_lf));
    s = pln__calloc(1, sizeof(*s));
    if (!order || !release || !deadline_lf || !s)
        goto fail;
    s->model = m;
    s->n_tasks = m->n_tasks;
    s->tasks = pln__calloc(m->n_tasks + 1, sizeof(*s->tasks));
    if (!s->tasks)
        goto fail;
    for (;;) {
        struct pln_cpm_ctx c = {m, NULL, false, false};
        pln_date end_point = m->start;
        pln_calset_free(s->cals);
        s->cals = NULL;
        if ((int64_t)hi - lo + before + after > PLN_CALSET_MAX_DAYS) {
            st = PLN_EHORIZON;
            pln_error_set(err, st, m->source, 0, 0,
                          "the plan runs beyond the supported %d years",
                          PLN_CALSET_MAX_DAYS / 366);
            goto fail;
        }
        st = pln_calset_build(m, lo - before, hi + after, &s->cals, err);
        if (st != PLN_OK)
            goto fail;
        c.cs = s->cals;
        for (size_t t = 0; t < m->n_tasks; t++) {
            release[t] = INT32_MIN;
            deadline_lf[t] = INT32_MAX;
        }
        bounds_from_constraints(&c, release, deadline_lf);
        for (size_t t = 0; t < m->n_tasks; t++)
            pln__replan_bounds(&c, t, &release[t], &deadline_lf[t]);
        forward(&c, order, s->tasks, release);
        for (size_t t = 0; t < m->n_tasks; t++) {
            pln_date p = pln__cpm_finish_point(&c, m->tasks[t].calendar,
                                               s->tasks[t].ef);
            if (p > end_point)
                end_point = p;
        }
        if (!c.overflow)
            backward(&c, order, s->tasks, deadline_lf, end_point);
        if (!c.overflow) {
            s->finish = m->start;
            s->n_deadlines = s->n_late = 0;
            pln__free(s->deadlines);
            s->deadlines = NULL;
            st = pln__schedule_finish(&c, s);
            if (st != PLN_OK)
                goto fail;
        }
        if (!c.overflow)
            break;
        if (c.under)
            before *= 2;
        else
            after *= 2;
    }
    pln__find_missing_years(s);
    s->method = "critical_path";
    s->status = PLN_SOLVED_OPTIMAL;
    pln__free(order);
    pln__free(release);
    pln__free(deadline_lf);
    *out = s;
    return PLN_OK;
fail:
    if (st == PLN_ENOMEM)
        pln_error_set(err, st, m->source, 0, 0, "out of memory");
    pln__free(order);
    pln__free(release);
    pln__free(deadline_lf);
    pln_schedule_free(s);
    return st;
}
