/*
 * countdown.c -- the countdown plan: for each deadline, a backward pass from
 * that deadline alone through the tasks that lead to it, so that every step
 * gets the latest date it can start and still meet this deadline, and the
 * working days left until then. The pass visits only the deadline's
 * ancestors (collected by a walk over predecessors and ordered by the
 * schedule's topological order), so a 10,000-site program costs the size of
 * one site per deadline.
 */
#include <stdlib.h>
#include <string.h>

#include "cpm_int.h"

struct rows {
    struct pln_countdown_row *items;
    size_t count, cap;
};

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int row_cmp(const void *a, const void *b)
{
    const struct pln_countdown_row *x = a, *y = b;
    if (x->latest_start != y->latest_start)
        return x->latest_start < y->latest_start ? -1 : 1;
    if (x->deadline != y->deadline)
        return x->deadline < y->deadline ? -1 : 1;
    return (x->task > y->task) - (x->task < y->task);
}

void pln_countdown_free(pln_countdown *c)
{
    if (!c)
        return;
    pln__free(c->rows);
    pln__free(c);
}

pln_status pln_countdown_build(const pln_schedule *s, pln_date today,
                               pln_countdown **out, pln_error *err)
{
    const pln_model *m = s->model;
    struct pln_cpm_ctx c = {m, s->cals, false, false};
    int *order = NULL, *pos = NULL, *stamp = NULL, *set = NULL;
    int32_t *lf = NULL;
    struct rows rows = {NULL, 0, 0};
    pln_countdown *cd = NULL;
    pln_status st = PLN_ENOMEM;

    *out = NULL;
    if (!pln_calset_in_range(s->cals, today)) {
        char a[11], b[11];
        pln_date_format(pln_calset_first(s->cals), a);
        pln_date_format(pln_calset_last(s->cals), b);
        pln_error_set(err, PLN_EHORIZON, m->source, 0, 0,
                      "today's date lies outside the plan's calendar range "
                      "(%s to %s)",
                      a, b);
        return PLN_EHORIZON;
    }
    order = pln__topo_order(m);
    pos = pln__malloc((m->n_tasks + 1) * sizeof(*pos));
    stamp = pln__calloc(m->n_tasks + 1, sizeof(*stamp));
    set = pln__malloc((m->n_tasks + 1) * sizeof(*set));
    lf = pln__malloc((m->n_tasks + 1) * sizeof(*lf));
    cd = pln__calloc(1, sizeof(*cd));
    if (!order || !pos || !stamp || !set || !lf || !cd)
        goto fail;
    for (size_t i = 0; i < m->n_tasks; i++)
        pos[order[i]] = (int)i;
    for (size_t r = 0; r < s->n_deadlines; r++) {
        const struct pln_constraint *con =
            &m->constraints[s->deadlines[r].constraint];
        size_t lo, hi, n = 0, head = 0;
        int mark = (int)r + 1;

        pln__cons_range(m, con, &lo, &hi);

        /* Targets first, then every ancestor. */
        for (size_t t = lo; t < hi; t++) {
            if (!pln__cons_binds(m, con, t))
                continue;
            stamp[t] = mark;
            set[n++] = (int)t;
            lf[t] = con->kind == PLN_CONS_FINISH_BY
                        ? pln__cpm_finish_by_lf(&c, &m->tasks[t], con->to)
                        : pln__cpm_start_by_lf(&c, &m->tasks[t], con->to);
        }
        while (head < n) {
            const struct pln_task *t = &m->tasks[set[head++]];
            for (size_t e = t->first_pred; e < t->first_pred + t->n_preds;
                 e++) {
                int p = m->deps[e].pred;
                if (stamp[p] != mark) {
                    stamp[p] = mark;
                    set[n++] = p;
                    lf[p] = INT32_MAX;
                }
            }
        }
        /* Order the ancestors topologically: sort their positions in the
         * schedule's order, then map positions back to tasks. */
        for (size_t i = 0; i < n; i++)
            set[i] = pos[set[i]];
        qsort(set, n, sizeof(*set), int_cmp);
        for (size_t i = 0; i < n; i++)
            set[i] = order[set[i]];
        /* Backward pass over the ancestors, latest first. */
        for (size_t i = n; i-- > 0;) {
            size_t j = (size_t)set[i];
            const struct pln_task *t = &m->tasks[j];
            for (size_t k = t->first_succ; k < t->first_succ + t->n_succs;
                 k++) {
                const struct pln_dep *d = &m->deps[m->succ_deps[k]];
                int32_t b;
                if (stamp[d->succ] != mark || lf[d->succ] == INT32_MAX)
                    continue;
                b = pln__cpm_dep_lf(&c, d, t, &m->tasks[d->succ],
                                    lf[d->succ] - m->tasks[d->succ].duration,
                                    lf[d->succ]);
                if (b < lf[j])
                    lf[j] = b;
            }
        }
        if (pln__grow((void **)&rows.items, &rows.cap, rows.count + n,
                      sizeof(*rows.items)) != 0)
            goto fail;
        for (size_t i = 0; i < n; i++) {
            size_t j = (size_t)set[i];
            const struct pln_task *t = &m->tasks[j];
            struct pln_countdown_row *row = &rows.items[rows.count++];
            int32_t ls = lf[j] - t->duration;
            row->deadline = (int)r;
            row->task = (int)j;
            row->latest_start = pln__cpm_show_start(&c, t, ls, lf[j]);
            row->latest_finish = pln__cpm_show_finish(&c, t, lf[j]);
            row->planned_start = s->tasks[j].start;
            /* Counted in the program's calendar, so that D-n falls as the
             * dates advance, whatever calendar the step itself keeps. */
            row->days_left =
                pln__cpm_count(&c, m->default_calendar, row->latest_start) -
                pln__cpm_count(&c, m->default_calendar, today);
        }
        if (c.overflow) {
            /* A deadline so far before the work that its latest dates fall
             * before the calendar horizon: clamp rather than fail. */
            c.overflow = false;
        }
    }
    if (rows.count > 1)
        qsort(rows.items, rows.count, sizeof(*rows.items), row_cmp);
    cd->rows = rows.items;
    cd->n_rows = rows.count;
    cd->today = today;
    rows.items = NULL;
    *out = cd;
    cd = NULL;
    st = PLN_OK;
fail:
    if (st == PLN_ENOMEM)
        pln_error_set(err, st, m->source, 0, 0, "out of memory");
    pln__free(order);
    pln__free(pos);
    pln__free(stamp);
    pln__free(set);
    pln__free(lf);
    pln__free(rows.items);
    pln_countdown_free(cd);
    return st;
}
