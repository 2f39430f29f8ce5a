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
 * A kind priced per month (`extra_cost_per_month`) costs what the
 * schedule makes of it: in each calendar month, as many crews as the most
 * extra ones at work on one of its days (work above the model's count);
 * so each trial is priced on its own schedule, and the rate is the
 * lateness removed per unit of cost added.
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

/* What the added crews cost with schedule s of the crewed model; per kind
 * into cost[k] and months[k] when given. */
static double crews_cost(const pln_model *m, const pln_schedule *s,
                         const int *added, double *cost, int *months)
{
    double total = 0;
    for (size_t k = 0; k < m->n_crews; k++) {
        const struct pln_crew *c = &m->crews[k];
        double ck = 0;
        int cm = 0;
        if (added[k] > 0 && c->per_month && s) {
            /* The extra crews at work, day by day, then the peak of each
             * calendar month. */
            pln_date lo = 0, hi = -1;
            for (size_t j = 0; j < s->n_tasks; j++)
                if (m->tasks[j].n_demands && s->tasks[j].finish >= s->tasks[j].start) {
                    if (hi < lo || s->tasks[j].start < lo)
                        lo = s->tasks[j].start;
                    if (hi < lo || s->tasks[j].finish > hi)
                        hi = s->tasks[j].finish;
                }
            if (hi >= lo) {
                int *use = pln__calloc((size_t)(hi - lo + 1), sizeof(int));
                int peak = 0, month = -1;
                if (!use)
                    return NAN;
                for (size_t j = 0; j < s->n_tasks; j++) {
                    const struct pln_task *t = &m->tasks[j];
                    int need = 0;
                    for (size_t q = 0; q < t->n_demands; q++)
                        if (t->demands[q].crew == (int)k)
                            need += t->demands[q].amount;
                    if (!need || t->duration == 0)
                        continue;
                    for (pln_date d = s->tasks[j].start; d <= s->tasks[j].finish;
                         d++)
                        if (pln_calset_is_working(s->cals, t->calendar, d))
                            use[d - lo] += need;
                }
                for (pln_date d = lo; d <= hi + 1; d++) {
                    int y, mo, dd, key = -2;
                    if (d <= hi) {
                        pln_date_to_ymd(d, &y, &mo, &dd);
                        key = y * 12 + mo;
                    }
                    if (key != month) {
                        cm += peak;
                        peak = 0;
                        month = key;
                    }
                    if (d <= hi) {
                        int extra = use[d - lo] - c->count;
                        if (extra > peak)
                            peak = extra;
                    }
                }
                pln__free(use);
            }
            ck = cm * c->extra_cost;
        } else if (added[k] > 0) {
            ck = added[k] * c->extra_cost;
        }
        if (cost)
            cost[k] = ck;
        if (months)
            months[k] = cm;
        total += ck;
    }
    return total;
}

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
    pln__free(p->kind_cost);
    pln__free(p->crew_months);
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
    double current, spent = 0, c_new;
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
    p->kind_cost = pln__calloc(m->n_crews + 1, sizeof(double));
    p->crew_months = pln__calloc(m->n_crews + 1, sizeof(int));
    order = pln__malloc((ADD_ROUNDS + 1) * sizeof(int));
    if (!p->crewed || !crews || !p->added || !p->kind_cost ||
        !p->crew_months || !order)
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
        double best_v = current, best_rate = 0, best_cost = spent;
        /* One more crew of a kind; where none helps alone (a crew freed
         * for one site only moves the queue), two, then four at once. */
        for (step = 1; step <= 4 && best < 0; step *= 2) {
            for (size_t k = 0; k < m->n_crews; k++) {
                double v, rate, cost, more;
                pln_schedule *ts = NULL;
                if (!m->crews[k].can_add ||
                    (!m->crews[k].per_month &&
                     spent + step * m->crews[k].extra_cost > budget + 1e-9))
                    continue;
                crews[k].count += step;
                p->added[k] += step;
                st = judge(p->crewed, &so, &ts, &v, &p->n_solves, err);
                cost = st == PLN_OK ? crews_cost(m, ts, p->added, NULL, NULL)
                                    : 0;
                pln_schedule_free(ts);
                crews[k].count -= step;
                p->added[k] -= step;
                if (st != PLN_OK)
                    goto fail;
                if (isnan(cost)) {
                    st = PLN_ENOMEM;
                    goto nomem;
                }
                if (!(v < current - 1e-9) || cost > budget + 1e-9)
                    continue;
                more = cost - spent;
                rate = more > 0 ? (isinf(current) ? 1e300 : current - v) / more
                                : INFINITY;
                if (best < 0 || rate > best_rate ||
                    (rate == best_rate && v < best_v)) {
                    best = (int)k;
                    best_v = v;
                    best_rate = rate;
                    best_cost = cost;
                }
            }
        }
        if (best < 0)
            break; /* no extra crews help */
        step /= 2; /* the step that found it */
        crews[best].count += step;
        p->added[best] += step;
        spent = best_cost;
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
            pln_schedule *ts = NULL;
            double cost;
            crews[k].count--;
            p->added[k]--;
            st = judge(p->crewed, &so, &ts, &v, &p->n_solves, err);
            if (st != PLN_OK)
                goto fail;
            /* Priced per month, fewer crews may stretch the work over more
             * months: still within the budget? */
            cost = crews_cost(m, ts, p->added, NULL, NULL);
            pln_schedule_free(ts);
            if (isnan(cost))
                goto nomem;
            if (v <= current + 1e-9 && cost <= budget + 1e-9) {
                current = v;
            } else {
                crews[k].count++;
                p->added[k]++;
            }
            order[dear] = -1;
        }
    }
    for (size_t k = 0; k < m->n_crews; k++)
        p->n_added += (size_t)p->added[k];
    st = judge(p->crewed, &so, &p->schedule, &p->after, &p->n_solves, err);
    if (st != PLN_OK)
        goto fail;
    c_new = crews_cost(m, p->schedule, p->added, p->kind_cost,
                       p->crew_months);
    if (isnan(c_new))
        goto nomem;
    p->cost = c_new;
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
