/*
 * crash_crews.c -- the time-cost trade-off with crews limiting
 * (`planner whatif --meet-deadlines --crews-limiting`): the crash LP
 * (crash.c) and the crew-constrained solve (solve.c), iterated.
 *
 * The crash LP knows the logic and the calendars, not the crews: its
 * shortening meets every deadline it can when each site has the crews it
 * wants. Crews shared between sites queue the work, and a site the LP
 * planned to finish on its deadline can then finish late. So:
 *   1. solve the crash LP for the deadlines as they are;
 *   2. schedule its shortened durations with crews limiting (solve.c, the
 *      time limit given), judged against the real deadlines;
 *   3. where a deadline is late by more than the LP said it would be (its
 *      "cannot be met" days), the crews cost that many working days: ask
 *      the LP again with that deadline as many working days earlier, and
 *      go back to 2;
 * until every deadline holds as well as the crew-free plan says it can,
 * nothing more can be tightened, or after CREWS_ROUNDS rounds. The plan
 * kept is the round with the least weighted lateness with crews limiting,
 * then the cheapest, with the shortening that buys nothing under the
 * crews given back a day at a time (give_back); "met as planned" is judged by the normal durations
 * scheduled with crews limiting too. Shortening a task can only help the crews (it holds
 * them for fewer days), so each round asks more of the LP where the
 * crews took days. This is iterated, not joint: the plan is not proven
 * cheapest with crews limiting (the MIP does not decide durations), and
 * no prices are given (the LP's prices are crew-free: `whatif` without
 * --crews-limiting gives them).
 */
#include <math.h>
#include <string.h>

#include "cpm_int.h"

#define CREWS_ROUNDS 6
#define GIVE_BACK_SOLVES 200

/* Lateness with crews limiting of p->crashed as its durations are now
 * (INFINITY: hard deadlines missed); *out the schedule when not NULL. */
static pln_status judge(pln_crash_plan *p, const struct pln_solve_options *so,
                        double *v, pln_schedule **out, pln_error *err)
{
    pln_schedule *s = NULL;
    pln_status st = pln_solve(p->crashed, so, &s, err);
    if (st != PLN_OK)
        return st;
    *v = s->status == PLN_SOLVED_INFEASIBLE || s->status == PLN_SOLVED_NONE
             ? INFINITY
             : s->objective_value;
    if (out)
        *out = s;
    else
        pln_schedule_free(s);
    return PLN_OK;
}

/*
 * The rounds ask the LP for whole sites earlier, so some shortening buys
 * nothing once the crews queue the work (a step whose successor waits
 * for a crew anyway). Give it back, a day at a time, the dearest day
 * first, while the lateness with crews limiting does not grow (at most
 * GIVE_BACK_SOLVES solves); then the plan's task list and cost again.
 */
static pln_status give_back(pln_crash_plan *p, const struct pln_solve_options *so,
                            double best_v, pln_schedule **sched, pln_error *err)
{
    const pln_model *m = p->model;
    struct pln_task *tasks = p->crashed->tasks;
    int solves = 0;
    pln_status st = PLN_OK;
    bool changed = false;

    /* Dearest first: the list sorted by cost per day. */
    for (size_t i = 0; i < p->n_tasks; i++)
        for (size_t k = i + 1; k < p->n_tasks; k++)
            if (m->tasks[p->tasks[k].task].money.crash_cost >
                m->tasks[p->tasks[i].task].money.crash_cost) {
                struct pln_crash_task x = p->tasks[i];
                p->tasks[i] = p->tasks[k];
                p->tasks[k] = x;
            }
    for (size_t i = 0; i < p->n_tasks && solves < GIVE_BACK_SOLVES; i++) {
        struct pln_crash_task *ct = &p->tasks[i];
        while (ct->duration < ct->normal && solves < GIVE_BACK_SOLVES) {
            double v;
            tasks[ct->task].duration++;
            st = judge(p, so, &v, NULL, err);
            solves++;
            if (st != PLN_OK)
                return st;
            if (v > best_v + 1e-9) {
                tasks[ct->task].duration--;
                break;
            }
            ct->duration++;
            changed = true;
        }
    }
    /* The list again, in model order, without what was given back. */
    {
        size_t n = 0;
        p->cost = 0;
        p->days = 0;
        for (size_t i = 0; i < p->n_tasks; i++) {
            struct pln_crash_task ct = p->tasks[i];
            if (ct.duration >= ct.normal)
                continue;
            ct.cost = (ct.normal - ct.duration) *
                      m->tasks[ct.task].money.crash_cost;
            p->cost += ct.cost;
            p->days += ct.normal - ct.duration;
            p->tasks[n++] = ct;
        }
        p->n_tasks = n;
        for (size_t i = 0; i < n; i++)
            for (size_t k = i + 1; k < n; k++)
                if (p->tasks[k].task < p->tasks[i].task) {
                    struct pln_crash_task x = p->tasks[i];
                    p->tasks[i] = p->tasks[k];
                    p->tasks[k] = x;
                }
    }
    if (changed) {
        pln_schedule *s = NULL;
        double v;
        st = judge(p, so, &v, &s, err);
        if (st != PLN_OK)
            return st;
        pln_schedule_free(*sched);
        *sched = s;
    }
    return PLN_OK;
}

/* Deadline k of the working model moved `days` working days earlier in
 * the calendar of the task it binds (the program's for a whole site). */
static void tighten(pln_model *work, const pln_schedule *s, int k,
                    int32_t days)
{
    struct pln_constraint *c = &work->constraints[k];
    int cal = c->task >= 0 ? work->tasks[c->task].calendar
                           : work->default_calendar;
    int32_t before;
    if (!pln_calset_in_range(s->cals, c->to))
        return;
    /* Working days up to and including `to`, less `days`: the last of
     * them is the new `to` (not before the plan start). */
    before = pln_calset_count_before(s->cals, cal, c->to + 1) - days;
    if (before < 1)
        before = 1;
    c->to = pln_calset_nth(s->cals, cal, before - 1);
    if (c->kind == PLN_CONS_START_WITHIN && c->to < c->from)
        c->to = c->from;
}

pln_status pln_crash_crews_solve(const pln_model *m,
                                 const struct pln_crash_options *o,
                                 double time_limit, pln_crash_plan **out,
                                 pln_error *err)
{
    struct pln_crash_options co = *o;
    struct pln_solve_options so;
    pln_model work = *m;
    pln_crash_plan *best = NULL, *first = NULL;
    pln_schedule *best_s = NULL;
    double best_v = INFINITY;
    int rounds = 0;
    pln_status st = PLN_ENOMEM;

    *out = NULL;
    co.prices = false;
    co.move_id = NULL;
    pln_solve_options_init(&so);
    so.objective = PLN_OBJ_WEIGHTED_LATENESS;
    so.time_limit = time_limit;
    work.constraints =
        pln__malloc((m->n_constraints + 1) * sizeof(*m->constraints));
    if (!work.constraints) {
        pln_error_set(err, st, m->source, 0, 0, "out of memory");
        return st;
    }
    memcpy(work.constraints, m->constraints,
           m->n_constraints * sizeof(*m->constraints));
    for (int round = 0; round < CREWS_ROUNDS; round++) {
        pln_crash_plan *p = NULL;
        pln_schedule *s = NULL;
        bool moved = false;
        st = pln_crash_plan_solve(&work, &co, &p, err);
        if (st != PLN_OK)
            goto fail;
        rounds++;
        /* Judged against the deadlines as the model has them. */
        p->model = m;
        p->crashed->constraints = m->constraints;
        st = pln_solve(p->crashed, &so, &s, err);
        if (st != PLN_OK) {
            pln_crash_plan_free(p);
            goto fail;
        }
        if (!first) {
            /* The first round's LP ran on the real deadlines: what it
             * says cannot be met, cannot. */
            first = p;
        }
        {
            double v = s->status == PLN_SOLVED_INFEASIBLE ||
                               s->status == PLN_SOLVED_NONE
                           ? INFINITY
                           : s->objective_value;
            for (size_t r = 0; r < s->n_deadlines; r++) {
                const struct pln_deadline_result *d = &s->deadlines[r];
                int32_t can = first->deadlines[d->constraint].short_by;
                int32_t late = d->slack < 0 ? -d->slack : 0;
                if (late > (can > 0 ? can : 0)) {
                    tighten(&work, s, d->constraint,
                            late - (can > 0 ? can : 0));
                    moved = true;
                }
            }
            if (!best || v < best_v - 1e-9 ||
                (v <= best_v + 1e-9 && p->cost < best->cost - 1e-9)) {
                if (best != first)
                    pln_crash_plan_free(best);
                pln_schedule_free(best_s);
                best = p;
                best_s = s;
                best_v = v;
            } else {
                if (p != first)
                    pln_crash_plan_free(p);
                pln_schedule_free(s);
            }
        }
        if (!moved)
            break;
    }
    st = give_back(best, &so, best_v, &best_s, err);
    if (st != PLN_OK)
        goto fail;
    /* The answer: the best round's shortening, its crew-constrained
     * schedule, and the deadlines as the first round (the real ones) sees
     * them, met or not with crews limiting. */
    pln_schedule_free(best->schedule);
    best->schedule = best_s;
    best_s = NULL;
    if (best != first) {
        pln_schedule_free(best->normal);
        best->normal = first->normal;
        first->normal = NULL;
        pln__free(best->deadlines);
        best->deadlines = first->deadlines;
        first->deadlines = NULL;
        best->n_unmeetable = first->n_unmeetable;
        pln_crash_plan_free(first);
    }
    first = NULL;
    /* "As planned" is with the crews too: the normal durations scheduled
     * with crews limiting. */
    {
        pln_schedule *normal = NULL;
        st = pln_solve(m, &so, &normal, err);
        if (st != PLN_OK)
            goto fail;
        pln_schedule_free(best->normal);
        best->normal = normal;
    }
    for (size_t k = 0; k < m->n_constraints; k++) {
        best->deadlines[k].priced = false;
        best->deadlines[k].met = true;
        best->deadlines[k].met_normal = true;
    }
    for (size_t r = 0; r < best->normal->n_deadlines; r++) {
        const struct pln_deadline_result *d = &best->normal->deadlines[r];
        best->deadlines[d->constraint].met_normal = d->met;
    }
    for (size_t r = 0; r < best->schedule->n_deadlines; r++) {
        const struct pln_deadline_result *d = &best->schedule->deadlines[r];
        best->deadlines[d->constraint].met = d->met;
    }
    best->n_missed = best->schedule->n_late;
    best->n_prices = 0;
    best->crews_limiting = true;
    best->rounds = rounds;
    best->method = strcmp(best->method, "lp") ? "lp+repair+crews" : "lp+crews";
    pln__free(work.constraints);
    *out = best;
    return PLN_OK;
fail:
    if (best != first)
        pln_crash_plan_free(best);
    pln_crash_plan_free(first);
    pln_schedule_free(best_s);
    pln__free(work.constraints);
    return st;
}
