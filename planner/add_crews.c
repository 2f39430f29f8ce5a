/*
 * add_crews.c -- the cheapest extra crews that let the deadlines hold
 * (`planner whatif --add-crews`), with the crew-constrained solve
 * (solve.c) as the judge of every count tried.
 *
 * What "the deadlines hold" can mean: no count of crews makes a schedule
 * better than the crew-free critical path, so the target is its weighted
 * lateness (zero when every deadline can be met at all). Marginal
 * analysis, the classical way of buying resources: from the model's
 * counts, try one more crew of each kind that has an `extra_cost`, keep
 * the one that removes the most weighted lateness per unit of cost (a free
 * crew first; where no single crew helps, two or four of a kind at once),
 * and repeat until the target is reached or no extra crew helps; then
 * try taking each added crew away again, the dearest first, and leave it
 * out when the lateness does not grow. Each trial is a full
 * crew-constrained solve with the time limit given (the heuristic, and
 * GLPK where the program is small enough to prove something), so the
 * counts are judged by the same schedules `planner plan` would make. This
 * is a heuristic over counts: its schedule is checked like every other,
 * but the count is not proven cheapest, except with one kind short and
 * every solve proven optimal, where it is the least number of that kind.
 *
 * With a budget, a crew that would take the cost past it is not tried:
 * the rounds buy the most lateness removed per unit of cost while the
 * money lasts ("the smallest total lateness within a budget"), the same
 * greedy, and as much a heuristic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pln_alloc.h"
#include "pln_planner.h"

#define ADD_ROUNDS 64

/* The weighted lateness of the model with its current counts. */
static pln_status judge(const pln_model *m, const struct pln_solve_options *so,
                        pln_schedule **out, double *value, size_t *solves,
                        pln_error *err)
{
    pln_schedule *s = NULL;
    pln_status st = pln_solve(m, so, &s, err);
    (*solves)++;
    if (st != PLN_OK)
        return st;
    if (s->status == PLN_SOLVED_INFEASIBLE || s->status == PLN_SOLVED_NONE)
        *value = INFINITY; /* hard deadlines missed: worse than any value */
    else
        *value = s->objective_value;
    if (out)
        *out = s;
    else
        pln_schedule_free(s);
    return PLN_OK;
}

void pln_add_crews_plan_free(pln_add_crews_plan *p)
{
    if (!p)
        return;
    pln_schedule_free(p->schedule);
    if (p->crewed) {
        pln__free(p->crewed->crews);
        pln__free(p->crewed);
    }
    pln__free(p->added);
    pln__free(p);
}

pln_status pln_add_crews_solve(const pln_model *m, double time_limit,
                               double budget, pln_add_crews_plan **out,
                               pln_error *err)
{
    struct pln_solve_options so;
    pln_add_crews_plan *p = pln__calloc(1, sizeof(*p));
    pln_schedule *s = NULL;
    struct pln_crew *crews = NULL;
    int *order = NULL;
    size_t n_order = 0;
    double current, spent = 0;
    pln_status st = PLN_ENOMEM;

    *out = NULL;
    if (!p)
        goto nomem;
    p->model = m;
    p->budget = budget;
    pln_solve_options_init(&so);
    so.objective = PLN_OBJ_WEIGHTED_LATENESS;
    so.time_limit = time_limit;
    p->crewed = pln__calloc(1, sizeof(*p->crewed));
    crews = pln__malloc((m->n_crews + 1) * sizeof(*crews));
    p->added = pln__calloc(m->n_crews + 1, sizeof(int));
    order = pln__malloc((ADD_ROUNDS + 1) * sizeof(int));
    if (!p->crewed || !crews || !p->added || !order)
        goto nomem;
    memcpy(crews, m->crews, m->n_crews * sizeof(*crews));
    *p->crewed = *m;
    p->crewed->crews = crews;
    st = judge(p->crewed, &so, &s, &current, &p->n_solves, err);
    if (st != PLN_OK)
        goto fail;
    p->before = current;
    pln_schedule_free(s);
    s = NULL;
    /* No crews make it better than the crew-free critical path. */
    st = pln_cpm_schedule(m, &s, err);
    if (st != PLN_OK)
        goto fail;
    p->target = 0;
    for (size_t r = 0; r < s->n_deadlines; r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        double w = m->sites[m->constraints[d->constraint].site].weight;
        if (d->slack < 0)
            p->target += w * -d->slack;
    }
    pln_schedule_free(s);
    s = NULL;
    for (int round = 0; round < ADD_ROUNDS && n_order + 4 <= ADD_ROUNDS &&
                        current > p->target + 1e-9;
         round++) {
        int best = -1, step;
        double best_v = current, best_rate = 0;
        /* One more crew of a kind; where none helps alone (a crew freed
         * for one site only moves the queue), two, then four at once. */
        for (step = 1; step <= 4 && best < 0; step *= 2) {
            for (size_t k = 0; k < m->n_crews; k++) {
                double v, rate;
                if (!m->crews[k].can_add ||
                    spent + step * m->crews[k].extra_cost > budget + 1e-9)
                    continue;
                crews[k].count += step;
                st = judge(p->crewed, &so, NULL, &v, &p->n_solves, err);
                crews[k].count -= step;
                if (st != PLN_OK)
                    goto fail;
                if (!(v < current - 1e-9))
                    continue;
                rate = m->crews[k].extra_cost > 0
                           ? (isinf(current) ? 1e300 : current - v) /
                                 (step * m->crews[k].extra_cost)
                           : INFINITY;
                if (best < 0 || rate > best_rate ||
                    (rate == best_rate && v < best_v)) {
                    best = (int)k;
                    best_v = v;
                    best_rate = rate;
                }
            }
        }
        if (best < 0)
            break; /* no extra crews help */
        step /= 2; /* the step that found it */
        crews[best].count += step;
        p->added[best] += step;
        spent += step * m->crews[best].extra_cost;
        for (int i = 0; i < step && n_order < ADD_ROUNDS; i++)
            order[n_order++] = best;
        current = best_v;
    }
    /* Take back what is not needed, the dearest first. */
    for (size_t pass = 0; pass < n_order; pass++) {
        int dear = -1;
        for (size_t i = 0; i < n_order; i++) {
            int k = order[i];
            if (k >= 0 && (dear < 0 || m->crews[k].extra_cost >
                                           m->crews[order[dear]].extra_cost))
                dear = (int)i;
        }
        if (dear < 0)
            break;
        {
            int k = order[dear];
            double v;
            crews[k].count--;
            st = judge(p->crewed, &so, NULL, &v, &p->n_solves, err);
            if (st != PLN_OK)
                goto fail;
            if (v <= current + 1e-9) {
                p->added[k]--;
                current = v;
            } else {
                crews[k].count++;
            }
            order[dear] = -1;
        }
    }
    for (size_t k = 0; k < m->n_crews; k++) {
        p->n_added += (size_t)p->added[k];
        p->cost += p->added[k] * m->crews[k].extra_cost;
    }
    st = judge(p->crewed, &so, &p->schedule, &p->after, &p->n_solves, err);
    if (st != PLN_OK)
        goto fail;
    p->reached = p->after <= p->target + 1e-9;
    pln__free(order);
    *out = p;
    return PLN_OK;
nomem:
    st = PLN_ENOMEM;
    pln_error_set(err, st, m->source, 0, 0, "out of memory");
fail:
    pln_schedule_free(s);
    if (p && p->crewed && p->crewed->crews != crews)
        pln__free(crews);
    pln__free(order);
    pln_add_crews_plan_free(p);
    return st;
}
