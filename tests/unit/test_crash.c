/*
 * test_crash.c -- unit tests of the time-cost trade-off (crash.c) and of
 * the plain LP under it (lp_glpk.c): the LP on hand-solved problems (its
 * optimum, duals, infeasibility, a warm re-solve after a bound moved); the
 * crash plan of tests/data/whatif/crash.yaml worked out by hand (costs,
 * durations, the unmeetable deadline, the prices); and, over small models
 * with mixed calendars (Mon-Fri, every day, no Wednesdays) and every kind
 * of dependency, the plan against a brute force over every combination of
 * durations with the exact critical path: feasible, and as cheap. Also
 * moving a deadline (--move-deadline) and the extra crews of
 * tests/data/whatif/crews.yaml (add_crews.c), both worked out by hand.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lp_int.h"
#include "pln_planner.h"

/* ------------------------------------------------------------- the LP */

/* min -x - 2y  s.t.  x + y <= 4, y <= 3 (row), x, y >= 0:
 * optimum x = 1, y = 3, -7; duals: row 0 -1, row 1 -1. */
static void test_lp_small(void **state)
{
    pln_lp *lp = pln__lp_new(2, 2);
    enum pln_lp_result res;
    pln_error err;
    (void)state;
    pln_error_init(&err);
    assert_non_null(lp);
    pln__lp_col(lp, 0, 0, INFINITY, -1);
    pln__lp_col(lp, 1, 0, INFINITY, -2);
    pln__lp_row(lp, 0, -INFINITY, 4);
    assert_true(pln__lp_coef(lp, 0, 0, 1));
    assert_true(pln__lp_coef(lp, 0, 1, 1));
    pln__lp_row(lp, 1, -INFINITY, 3);
    assert_true(pln__lp_coef(lp, 1, 1, 1));
    assert_int_equal(pln__lp_solve(lp, &res, &err), PLN_OK);
    assert_int_equal(res, PLN_LP_OPTIMAL);
    assert_true(fabs(pln__lp_objective(lp) + 7) < 1e-9);
    assert_true(fabs(pln__lp_x(lp, 0) - 1) < 1e-9);
    assert_true(fabs(pln__lp_x(lp, 1) - 3) < 1e-9);
    assert_true(fabs(pln__lp_dual(lp, 0) + 1) < 1e-9);
    assert_true(fabs(pln__lp_dual(lp, 1) + 1) < 1e-9);
    /* Warm re-solve: y <= 5 is no longer binding, x + y <= 4 is: y = 4. */
    pln__lp_row(lp, 1, -INFINITY, 5);
    assert_int_equal(pln__lp_solve(lp, &res, &err), PLN_OK);
    assert_int_equal(res, PLN_LP_OPTIMAL);
    assert_true(fabs(pln__lp_objective(lp) + 8) < 1e-9);
    assert_true(fabs(pln__lp_x(lp, 1) - 4) < 1e-9);
    /* Bounds GLPK refuses (lower above upper): its fatal error is
     * trapped, not an abort, and the LP works again once they are fixed. */
    pln__lp_row(lp, 0, 6, 4.5);
    assert_int_equal(pln__lp_solve(lp, &res, &err), PLN_ESOLVER);
    assert_non_null(strstr(err.message, "GLPK"));
    pln_error_init(&err);
    pln__lp_row(lp, 0, -INFINITY, 4);
    assert_int_equal(pln__lp_solve(lp, &res, &err), PLN_OK);
    assert_int_equal(res, PLN_LP_OPTIMAL);
    assert_true(fabs(pln__lp_objective(lp) + 8) < 1e-9);
    pln__lp_free(lp);
}

/* min x s.t. x <= -1, x >= 0: infeasible. */
static void test_lp_infeasible(void **state)
{
    pln_lp *lp = pln__lp_new(1, 1);
    enum pln_lp_result res;
    pln_error err;
    (void)state;
    pln_error_init(&err);
    pln__lp_col(lp, 0, 0, INFINITY, 1);
    pln__lp_row(lp, 0, -INFINITY, -1);
    assert_true(pln__lp_coef(lp, 0, 0, 1));
    assert_int_equal(pln__lp_solve(lp, &res, &err), PLN_OK);
    assert_int_equal(res, PLN_LP_INFEASIBLE);
    /* x <= 3 after all: optimal at 0, from scratch (no basis kept). */
    pln__lp_row(lp, 0, -INFINITY, 3);
    assert_int_equal(pln__lp_solve(lp, &res, &err), PLN_OK);
    assert_int_equal(res, PLN_LP_OPTIMAL);
    assert_true(fabs(pln__lp_x(lp, 0)) < 1e-9);
    pln__lp_free(lp);
}

/* Duplicate coefficients add up (glp_load_matrix refuses duplicates). */
static void test_lp_duplicates(void **state)
{
    pln_lp *lp = pln__lp_new(1, 1);
    enum pln_lp_result res;
    pln_error err;
    (void)state;
    pln_error_init(&err);
    pln__lp_col(lp, 0, -INFINITY, INFINITY, -1);
    pln__lp_row(lp, 0, -INFINITY, 6);
    assert_true(pln__lp_coef(lp, 0, 0, 1));
    assert_true(pln__lp_coef(lp, 0, 0, 2)); /* 3x <= 6 */
    assert_int_equal(pln__lp_solve(lp, &res, &err), PLN_OK);
    assert_int_equal(res, PLN_LP_OPTIMAL);
    assert_true(fabs(pln__lp_x(lp, 0) - 2) < 1e-9);
    pln__lp_free(lp);
}

/* ----------------------------------------------- the crash plan by hand */

static pln_model *load_file(const char *path)
{
    pln_diags d;
    pln_model *m;
    pln_diags_init(&d);
    m = pln_model_load_file(path, &d);
    for (size_t i = 0; i < d.count; i++)
        print_message("%s:%d:%d: %s\n", path, d.items[i].line,
                      d.items[i].column, d.items[i].message);
    pln_diags_release(&d);
    return m;
}

static const struct pln_crash_task *shortened(const pln_crash_plan *p,
                                              const char *id)
{
    int t = pln_model_find_task(p->model, id);
    for (size_t i = 0; i < p->n_tasks; i++)
        if (p->tasks[i].task == t)
            return &p->tasks[i];
    return NULL;
}

static const struct pln_crash_deadline *deadline_of(const pln_crash_plan *p,
                                                    const char *site)
{
    const pln_model *m = p->model;
    for (size_t k = 0; k < m->n_constraints; k++)
        if (!strcmp(m->sites[m->constraints[k].site].id, site))
            return &p->deadlines[k];
    return NULL;
}

static void test_crash_by_hand(void **state)
{
    pln_model *m = load_file(PLN_TEST_DATA "/whatif/crash.yaml");
    pln_crash_plan *p = NULL;
    pln_error err;
    const struct pln_crash_task *ct;
    const struct pln_crash_deadline *d;
    (void)state;
    pln_error_init(&err);
    assert_non_null(m);
    assert_int_equal(pln_crash_plan_solve(m, NULL, &p, &err), PLN_OK);
    assert_string_equal(p->method, "lp");
    /* s1: a -1 (100), c -2 (100); s2 fully: a -2 (200), c -2 (100). */
    assert_true(fabs(p->cost - 500) < 1e-9);
    assert_int_equal(p->n_tasks, 4);
    ct = shortened(p, "s1/a");
    assert_non_null(ct);
    assert_int_equal(ct->duration, 4);
    ct = shortened(p, "s1/c");
    assert_non_null(ct);
    assert_int_equal(ct->duration, 4);
    assert_null(shortened(p, "s1/b"));
    ct = shortened(p, "s2/a");
    assert_non_null(ct);
    assert_int_equal(ct->duration, 3);
    assert_null(shortened(p, "s3/a"));
    /* s1: met by shortening; a day later saves 100, a day earlier costs
     * 100 (a's second day). */
    d = deadline_of(p, "s1");
    assert_false(d->met_normal);
    assert_true(d->met);
    assert_int_equal(d->short_by, 0);
    assert_true(d->priced);
    assert_true(fabs(d->save_later - 100) < 1e-9);
    assert_true(fabs(d->cost_earlier - 100) < 1e-9);
    /* s2: one working day short even fully shortened. */
    d = deadline_of(p, "s2");
    assert_int_equal(d->short_by, 1);
    assert_false(d->met);
    assert_false(d->priced);
    /* s3: met as planned, free either way. */
    d = deadline_of(p, "s3");
    assert_true(d->met_normal && d->met);
    assert_true(d->save_later == 0 && d->cost_earlier == 0);
    assert_int_equal(p->n_unmeetable, 1);
    assert_int_equal(p->n_missed, 1);
    assert_int_equal(p->n_prices, 1);
    assert_int_equal(p->prices[0].n_sites, 3);
    assert_int_equal(p->prices[0].n_unmeetable, 1);
    assert_true(fabs(p->prices[0].save_later - 100) < 1e-9);
    /* The crashed model's durations; the original's untouched. */
    assert_int_equal(p->crashed->tasks[pln_model_find_task(m, "s1/a")].duration,
                     4);
    assert_int_equal(m->tasks[pln_model_find_task(m, "s1/a")].duration, 5);
    pln_crash_plan_free(p);
    pln_model_free(m);
}

/* Moving the shared deadline 'done' to 2026-01-16 (day 12): s1 gains two
 * days (c -1 alone, 50: saves 150), s3 loses two (c -1, 50: costs 50), s2
 * cannot meet it now and is left out: 100 in all. */
static void test_crash_move_deadline(void **state)
{
    pln_model *m = load_file(PLN_TEST_DATA "/whatif/crash.yaml");
    struct pln_crash_options o;
    pln_crash_plan *p = NULL;
    pln_error err;
    const struct pln_crash_deadline *d;
    (void)state;
    pln_error_init(&err);
    assert_non_null(m);
    pln_crash_options_init(&o);
    o.prices = false;
    o.move_id = "done";
    assert_int_equal(pln_date_parse("2026-01-16", &o.move_to), PLN_OK);
    assert_int_equal(pln_crash_plan_solve(m, &o, &p, &err), PLN_OK);
    assert_int_equal(p->move_sites, 3);
    assert_int_equal(p->move_unmeetable, 1);
    assert_true(fabs(p->move_saving - 100) < 1e-9);
    d = deadline_of(p, "s1");
    assert_true(d->moved && fabs(d->move_saving - 150) < 1e-9);
    assert_false(d->priced); /* prices not asked for */
    d = deadline_of(p, "s3");
    assert_true(d->moved && fabs(d->move_saving + 50) < 1e-9);
    assert_false(deadline_of(p, "s2")->moved);
    /* Too early for s1 even fully shortened (day 8): not possible. */
    pln_crash_plan_free(p);
    assert_int_equal(pln_date_parse("2026-01-12", &o.move_to), PLN_OK);
    assert_int_equal(pln_crash_plan_solve(m, &o, &p, &err), PLN_OK);
    assert_true(isinf(p->move_saving) && p->move_saving < 0);
    pln_crash_plan_free(p);
    pln_model_free(m);
}

/* tests/data/whatif/crews.yaml, worked out in its comment: masonry +2
 * (2,000), weighted lateness 15 -> 0 (the crew-free bound); the inspector,
 * cheaper but no help, is not added. */
static void test_add_crews_by_hand(void **state)
{
    pln_model *m = load_file(PLN_TEST_DATA "/whatif/crews.yaml");
    pln_add_crews_plan *p = NULL;
    pln_error err;
    (void)state;
    pln_error_init(&err);
    assert_non_null(m);
    assert_int_equal(pln_add_crews_solve(m, 2, INFINITY, &p, &err), PLN_OK);
    assert_true(p->before == 15 && p->target == 0 && p->after == 0);
    assert_true(p->reached);
    assert_int_equal(p->n_added, 2);
    assert_int_equal(p->added[0], 2); /* masonry */
    assert_int_equal(p->added[1], 0); /* inspector */
    assert_int_equal(p->added[2], 0); /* office: no extra_cost */
    assert_true(fabs(p->cost - 2000) < 1e-9);
    assert_int_equal(p->crewed->crews[0].count, 3);
    assert_int_equal(m->crews[0].count, 1); /* the model untouched */
    assert_int_equal(p->schedule->n_late, 0);
    pln_add_crews_plan_free(p);
    pln_model_free(m);
}

/* The same with a budget: 1,500 buys one masonry crew (lateness 15 -> 5:
 * builds end on days 5, 5, 10); 999 buys nothing (the inspector, 10,
 * does not help and so is not bought). */
static void test_add_crews_within_budget(void **state)
{
    pln_model *m = load_file(PLN_TEST_DATA "/whatif/crews.yaml");
    pln_add_crews_plan *p = NULL;
    pln_error err;
    (void)state;
    pln_error_init(&err);
    assert_non_null(m);
    assert_int_equal(pln_add_crews_solve(m, 2, 1500, &p, &err), PLN_OK);
    assert_true(p->budget == 1500);
    assert_int_equal(p->n_added, 1);
    assert_int_equal(p->added[0], 1);
    assert_true(fabs(p->cost - 1000) < 1e-9);
    assert_true(p->after == 5 && !p->reached);
    pln_add_crews_plan_free(p);
    p = NULL;
    assert_int_equal(pln_add_crews_solve(m, 2, 999, &p, &err), PLN_OK);
    assert_int_equal(p->n_added, 0);
    assert_true(p->after == 15 && p->cost == 0);
    pln_add_crews_plan_free(p);
    pln_model_free(m);
}

/* tests/data/whatif/crews-monthly.yaml, worked out in its comment: a
 * crew priced per month costs what the schedule makes of it. */
static void test_add_crews_per_month(void **state)
{
    pln_model *m = load_file(PLN_TEST_DATA "/whatif/crews-monthly.yaml");
    pln_add_crews_plan *p = NULL;
    pln_error err;
    (void)state;
    pln_error_init(&err);
    assert_non_null(m);
    assert_true(m->crews[0].per_month && m->crews[0].extra_cost == 300);
    assert_int_equal(pln_add_crews_solve(m, 2, INFINITY, &p, &err), PLN_OK);
    assert_int_equal(p->added[0], 2);
    assert_int_equal(p->crew_months[0], 4);
    assert_true(fabs(p->cost - 1200) < 1e-9 && p->kind_cost[0] == p->cost);
    assert_true(p->after == 0);
    pln_add_crews_plan_free(p);
    p = NULL;
    assert_int_equal(pln_add_crews_solve(m, 2, 1000, &p, &err), PLN_OK);
    assert_int_equal(p->added[0], 1);
    assert_int_equal(p->crew_months[0], 2);
    assert_true(fabs(p->cost - 600) < 1e-9);
    assert_true(p->after == 5);
    pln_add_crews_plan_free(p);
    pln_model_free(m);
}

/* tests/data/whatif/crash-crews.yaml, worked out in its comment: with
 * the crew limiting, 800 of shortening (s2's prep and build to 2 days)
 * meets both deadlines the crew alone would make one 4 days late. */
static void test_crash_crews_by_hand(void **state)
{
    pln_model *m = load_file(PLN_TEST_DATA "/whatif/crash-crews.yaml");
    struct pln_crash_options o;
    pln_crash_plan *p = NULL;
    pln_error err;
    (void)state;
    pln_error_init(&err);
    pln_crash_options_init(&o);
    assert_non_null(m);
    assert_int_equal(pln_crash_crews_solve(m, &o, 2, &p, &err), PLN_OK);
    assert_true(p->crews_limiting);
    assert_int_equal(p->rounds, 2);
    assert_true(fabs(p->cost - 800) < 1e-9);
    assert_int_equal(p->n_tasks, 2);
    assert_int_equal(p->n_missed, 0);
    assert_true(p->schedule->crews_limiting);
    assert_int_equal(p->schedule->n_late, 0);
    /* As planned (normal durations, with the crew) one of them is late. */
    assert_int_equal(p->normal->n_late, 1);
    pln_crash_plan_free(p);
    pln_model_free(m);
}

/* ------------------------------------------ against a brute force */

static char model_buf[8192];

static pln_model *load(const char *body)
{
    pln_diags d;
    pln_model *m;
    snprintf(model_buf, sizeof(model_buf),
             "program: {id: t, name: T, start: 2026-01-05, calendar: wk}\n"
             "calendars:\n"
             "  - {id: wk, weekdays: [mon, tue, wed, thu, fri], holidays: "
             "none}\n"
             "  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun], "
             "holidays: none}\n"
             "  - {id: nowed, weekdays: [mon, tue, thu, fri], holidays: "
             "none}\n"
             "  - {id: stop, extends: all, days_off: "
             "[2026-01-12..2026-01-18]}\n"
             "%s",
             body);
    pln_diags_init(&d);
    m = pln_model_load_buffer("test.yaml", model_buf, strlen(model_buf), &d);
    for (size_t i = 0; i < d.count; i++)
        print_message("%d:%d: %s\n", d.items[i].line, d.items[i].column,
                      d.items[i].message);
    pln_diags_release(&d);
    return m;
}

/* Least cost over every duration vector (each task from its crash
 * duration to its duration) whose exact critical path meets every
 * deadline; -1 when none does. */
static double brute_force(const pln_model *m)
{
    size_t n = m->n_tasks;
    pln_model copy = *m;
    struct pln_task *tasks = malloc(n * sizeof(*tasks));
    int32_t *lo = malloc(n * sizeof(int32_t));
    double best = -1;
    assert_non_null(tasks);
    assert_non_null(lo);
    memcpy(tasks, m->tasks, n * sizeof(*tasks));
    copy.tasks = tasks;
    for (size_t j = 0; j < n; j++) {
        const struct pln_task *t = &m->tasks[j];
        lo[j] =
            t->money.crash_duration > 0 ? t->money.crash_duration : t->duration;
        tasks[j].duration = lo[j];
    }
    for (;;) {
        pln_schedule *s = NULL;
        pln_error err;
        double cost = 0;
        size_t j;
        pln_error_init(&err);
        assert_int_equal(pln_cpm_schedule(&copy, &s, &err), PLN_OK);
        for (j = 0; j < n; j++)
            cost += (m->tasks[j].duration - tasks[j].duration) *
                    m->tasks[j].money.crash_cost;
        if (s->n_late == 0 && (best < 0 || cost < best))
            best = cost;
        pln_schedule_free(s);
        for (j = 0; j < n; j++) {
            if (tasks[j].duration < m->tasks[j].duration) {
                tasks[j].duration++;
                break;
            }
            tasks[j].duration = lo[j];
        }
        if (j == n)
            break;
    }
    free(tasks);
    free(lo);
    return best;
}

static void check_against_brute_force(const char *body)
{
    pln_model *m = load(body);
    pln_crash_plan *p = NULL;
    pln_error err;
    double best;
    pln_error_init(&err);
    assert_non_null(m);
    best = brute_force(m);
    assert_true(best >= 0); /* the cases are meetable fully shortened */
    assert_int_equal(pln_crash_plan_solve(m, NULL, &p, &err), PLN_OK);
    print_message("  brute force %.0f, plan %.0f (%s)\n", best, p->cost,
                  p->method);
    /* Every deadline met, by the exact critical path of the plan. */
    assert_int_equal(p->schedule->n_late, 0);
    assert_int_equal(p->n_unmeetable, 0);
    /* And no dearer than the cheapest. */
    assert_true(fabs(p->cost - best) < 1e-6);
    pln_crash_plan_free(p);
    pln_model_free(m);
}

/* One calendar: the LP is exact. */
static void test_crash_brute_one_calendar(void **state)
{
    (void)state;
    check_against_brute_force(
        "sites:\n"
        "  - id: s\n"
        "    tasks:\n"
        "      - {id: a, duration: 4, crash: {duration: 2, cost_per_day: "
        "30}}\n"
        "      - {id: b, duration: 5, crash: {duration: 2, cost_per_day: "
        "20}, after: [a]}\n"
        "      - {id: c, duration: 3, crash: {duration: 1, cost_per_day: "
        "70}, after: [\"a SS+1\"]}\n"
        "      - {id: d, duration: 3, crash: {duration: 2, cost_per_day: "
        "10}, after: [b, c]}\n"
        "    deadlines: [{id: x, finish_by: 2026-01-14}]\n");
}

/* Mixed calendars: a Monday-to-Friday step before every-day steps and a
 * no-Wednesday one; finish-to-finish and start-to-start with lags. */
static void test_crash_brute_mixed_calendars(void **state)
{
    (void)state;
    check_against_brute_force(
        "sites:\n"
        "  - id: s\n"
        "    tasks:\n"
        "      - {id: a, duration: 4, calendar: wk, crash: {duration: 2, "
        "cost_per_day: 30}}\n"
        "      - {id: b, duration: 5, calendar: all, crash: {duration: 2, "
        "cost_per_day: 20}, after: [a]}\n"
        "      - {id: c, duration: 3, calendar: nowed, crash: {duration: 1, "
        "cost_per_day: 70}, after: [\"a FF+1\"]}\n"
        "      - {id: d, duration: 3, calendar: wk, crash: {duration: 2, "
        "cost_per_day: 10}, after: [b, \"c SS+2\"]}\n"
        "    deadlines: [{id: x, finish_by: 2026-01-15}]\n");
}

/* Two deadlines on one site, a start_within among them. */
static void test_crash_brute_two_deadlines(void **state)
{
    (void)state;
    check_against_brute_force(
        "sites:\n"
        "  - id: s\n"
        "    tasks:\n"
        "      - {id: a, duration: 5, calendar: nowed, crash: {duration: 2, "
        "cost_per_day: 15}}\n"
        "      - {id: b, duration: 4, calendar: wk, crash: {duration: 2, "
        "cost_per_day: 40}, after: [a]}\n"
        "      - {id: c, duration: 6, calendar: all, crash: {duration: 3, "
        "cost_per_day: 25}, after: [a]}\n"
        "      - {id: m, duration: 0, after: [b, c]}\n"
        "    deadlines:\n"
        "      - {id: b_on_time, task: b, start_within: "
        "2026-01-05..2026-01-09}\n"
        "      - {id: all_done, finish_by: 2026-01-16}\n");
}

/* A week's stop in one step's calendar: shortened, it finishes before
 * the stop instead of after, and the offset to its successor (on another
 * calendar) jumps by the stop; the LP's first answer is checked and
 * repaired on the real calendars. */
static void test_crash_brute_winter_stop(void **state)
{
    (void)state;
    check_against_brute_force(
        "sites:\n"
        "  - id: s\n"
        "    tasks:\n"
        "      - {id: a, duration: 3, calendar: all, crash: {duration: 1, "
        "cost_per_day: 10}}\n"
        "      - {id: b, duration: 6, calendar: stop, crash: {duration: 3, "
        "cost_per_day: 40}, after: [a]}\n"
        "      - {id: c, duration: 4, calendar: wk, crash: {duration: 2, "
        "cost_per_day: 100}, after: [b]}\n"
        "    deadlines: [{id: x, finish_by: 2026-01-16}]\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lp_small),
        cmocka_unit_test(test_lp_infeasible),
        cmocka_unit_test(test_lp_duplicates),
        cmocka_unit_test(test_crash_by_hand),
        cmocka_unit_test(test_crash_move_deadline),
        cmocka_unit_test(test_add_crews_by_hand),
        cmocka_unit_test(test_add_crews_within_budget),
        cmocka_unit_test(test_add_crews_per_month),
        cmocka_unit_test(test_crash_crews_by_hand),
        cmocka_unit_test(test_crash_brute_one_calendar),
        cmocka_unit_test(test_crash_brute_mixed_calendars),
        cmocka_unit_test(test_crash_brute_two_deadlines),
        cmocka_unit_test(test_crash_brute_winter_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
