/*
 * test_ga.c -- unit tests of the genetic algorithm (ga.c): where it applies
 * (PSPLIB's setting, the makespan), the budget rule, a small hand-made
 * instance where it turns a poor schedule into the hand-computed optimum,
 * the bundled j30 instances where it reaches the known optima from the
 * first priority rule's schedule, that two runs give the same starts, that
 * every schedule it returns passes the checker, and the out-of-memory
 * paths.
 */
/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip_int.h"
#include "pln_alloc.h"
#include "pln_planner.h"
#include "rcpsp_int.h"

struct fx {
    pln_model *m;
    struct pln_rc rc;
    bool have_rc;
};

static struct fx fixture;

static int setup(void **state)
{
    memset(&fixture, 0, sizeof(fixture));
    *state = &fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f->have_rc)
        pln__rc_release(&f->rc);
    pln_model_free(f->m);
    memset(f, 0, sizeof(*f));
    return 0;
}

/*
 * One crew kind R of 2, every day a working day (PSPLIB's setting):
 *   a 1 day R1, c 3 days R2 after a, d 3 days R1, e 3 days R1.
 * Work: 1 + 6 + 3 + 3 = 13 crew-days on 2 crews: at least 7 days. a and d
 * on day 1, e on days 2-4 (d ends on day 3), c on days 5-7: 7, optimal.
 * In the order d, a, c, e serial generation gives 9: d 1-3, a 1, c 4-6
 * (after d), e 7-9 (no three days with a crew free before).
 */
static const char SMALL[] =
    "program: {id: t, name: T, timezone: UTC, start: 2000-01-03,\n"
    "          now: 2000-01-03T00:00:00Z, calendar: all, objective: "
    "makespan}\n"
    "calendars:\n"
    "  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun],\n"
    "     holidays: none}\n"
    "crews:\n"
    "  - {id: R, name: R, count: 2, calendar: all}\n"
    "sites:\n"
    "  - id: p\n"
    "    tasks:\n"
    "      - {id: a, duration: 1, crews: {R: 1}}\n"
    "      - {id: c, duration: 3, crews: {R: 2}, after: [a]}\n"
    "      - {id: d, duration: 3, crews: {R: 1}}\n"
    "      - {id: e, duration: 3, crews: {R: 1}}\n";

/* Serial generation keys for the order d, a, c, e. */
static const double POOR[4] = {1, 2, 0, 3};

static void load_text(struct fx *f, const char *text)
{
    pln_diags d;
    pln_error err;
    pln_diags_init(&d);
    f->m = pln_model_load_buffer("small.yaml", text, strlen(text), &d);
    for (size_t i = 0; i < d.count; i++)
        print_message("%d:%d: %s\n", d.items[i].line, d.items[i].column,
                      d.items[i].message);
    pln_diags_release(&d);
    assert_non_null(f->m);
    pln_error_init(&err);
    assert_int_equal(pln__rc_init(&f->rc, f->m, 3 * 366, &err), PLN_OK);
    f->have_rc = true;
}

static void load_sm(struct fx *f, const char *name)
{
    char path[512];
    pln_diags d;
    pln_error err;
    snprintf(path, sizeof(path), "%s/psplib/%s", PLN_TEST_DATA, name);
    pln_diags_init(&d);
    f->m = pln_model_load_file(path, &d);
    pln_diags_release(&d);
    assert_non_null(f->m);
    pln_error_init(&err);
    assert_int_equal(pln__rc_init(&f->rc, f->m, 3 * 366, &err), PLN_OK);
    f->have_rc = true;
}

static int32_t makespan(struct pln_rc *rc, const int32_t *s)
{
    struct pln_rc_eval ev;
    pln__rc_eval(rc, PLN_OBJ_MAKESPAN, s, &ev);
    return ev.makespan;
}

static void expect_feasible(struct pln_rc *rc, const int32_t *s)
{
    char msg[400];
    if (!pln__rc_check(rc, s, false, msg, sizeof(msg)))
        fail_msg("infeasible: %s", msg);
}

/* A poor schedule: serial generation in the order of the given keys. */
static void poor_schedule(struct pln_rc *rc, const double *prio, int32_t *s)
{
    assert_int_equal(pln__sgs_fixed(rc, NULL, prio, s), 1);
    expect_feasible(rc, s);
}

static int32_t *starts(size_t n)
{
    int32_t *s = calloc(n + 1, sizeof(int32_t));
    assert_non_null(s);
    return s;
}

/* ------------------------------------------------------------- tests */

static void test_ga_applies(void **state)
{
    struct fx *f = *state;
    load_text(f, SMALL);
    assert_true(pln__ga_applies(&f->rc, PLN_OBJ_MAKESPAN));
    /* The other objectives are not its business. */
    assert_false(pln__ga_applies(&f->rc, PLN_OBJ_WEIGHTED_LATENESS));
    assert_false(pln__ga_applies(&f->rc, PLN_OBJ_LATE_SITES));
    teardown(state);
    /* Weekends off: start indices are no longer days. */
    {
        char text[sizeof(SMALL) + 64];
        const char *at = strstr(SMALL, "[mon, tue, wed, thu, fri, sat, sun]");
        assert_non_null(at);
        snprintf(text, sizeof(text), "%.*s[mon, tue, wed, thu, fri]%s",
                 (int)(at - SMALL), SMALL,
                 at + strlen("[mon, tue, wed, thu, fri, sat, sun]"));
        load_text(f, text);
        assert_false(pln__ga_applies(&f->rc, PLN_OBJ_MAKESPAN));
    }
}

static void test_ga_budget_rule(void **state)
{
    (void)state;
    /* No time limit: the heuristic alone, no search. */
    assert_int_equal(pln__ga_budget(0, 122), 0);
    assert_int_equal(pln__ga_budget(-1, 122), 0);
    /* A fixed rule: more time, more schedules; more tasks, fewer; capped
     * at four seconds of limit. */
    assert_true(pln__ga_budget(1, 122) > 10000);
    assert_true(pln__ga_budget(2, 122) > pln__ga_budget(1, 122));
    assert_true(pln__ga_budget(1, 32) > pln__ga_budget(1, 122));
    assert_int_equal(pln__ga_budget(10, 122), pln__ga_budget(60, 122));
    assert_int_equal(pln__ga_budget(1, 122), pln__ga_budget(1, 122));
}

static void test_ga_small_reaches_optimum(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    int32_t *s;
    load_text(f, SMALL);
    rc = &f->rc;
    assert_int_equal(rc->n, 4);
    s = starts(rc->n);
    poor_schedule(rc, POOR, s);
    assert_int_equal(makespan(rc, s), 9);
    /* No stop at a bound (0): the budget alone ends it. */
    assert_int_equal(pln__ga(rc, 5000, 0, 0, s), 1);
    expect_feasible(rc, s);
    assert_int_equal(makespan(rc, s), 7);
    /* c (both crews) runs alone, after a. */
    assert_true(s[1] >= s[0] + 1);
    assert_true(s[1] >= s[2] + 3 || s[2] >= s[1] + 3);
    assert_true(s[1] >= s[3] + 3 || s[3] >= s[1] + 3);
    /* Nothing shorter exists: another run keeps it. */
    assert_int_equal(pln__ga(rc, 5000, 0, 0, s), 0);
    assert_int_equal(makespan(rc, s), 7);
    free(s);
}

/* From the first priority rule's schedule (one heuristic iteration) to
 * the optimum of a bundled j30 instance (PSPLIB j30opt.sm). */
static void j30_case(struct fx *f, const char *name, int32_t optimum)
{
    struct pln_rc *rc;
    struct pln_rc_eval ev;
    int32_t *s;
    int32_t h;
    load_sm(f, name);
    rc = &f->rc;
    assert_true(pln__ga_applies(rc, PLN_OBJ_MAKESPAN));
    s = starts(rc->n);
    assert_int_equal(pln__heuristic(rc, PLN_OBJ_MAKESPAN, 1, 0, 0, NULL, s,
                                    &ev, NULL),
                     PLN_OK);
    h = makespan(rc, s);
    assert_true(h >= optimum);
    /* It stops at the optimum given as the bound; the budget is about
     * what 1 s of limit gives 32 tasks. */
    (void)pln__ga(rc, pln__ga_budget(1, rc->n), optimum, 0, s);
    expect_feasible(rc, s);
    print_message("%s: first rule %d, genetic algorithm %d (optimum %d)\n",
                  name, (int)h, (int)makespan(rc, s), (int)optimum);
    assert_int_equal(makespan(rc, s), optimum);
    free(s);
}

static void test_ga_j301_1(void **state)
{
    j30_case(*state, "j301_1.sm", 43);
}

static void test_ga_j3011_1(void **state)
{
    j30_case(*state, "j3011_1.sm", 54);
}

static void test_ga_j3022_1(void **state)
{
    j30_case(*state, "j3022_1.sm", 42);
}

/* Same input and budget: the same starts, byte for byte. No bound to stop
 * at, so both runs use the whole budget. */
static void test_ga_deterministic(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    struct pln_rc_eval ev;
    int32_t *a, *b;
    load_sm(f, "j3011_1.sm");
    rc = &f->rc;
    a = starts(rc->n);
    b = starts(rc->n);
    assert_int_equal(pln__heuristic(rc, PLN_OBJ_MAKESPAN, 1, 0, 0, NULL, a,
                                    &ev, NULL),
                     PLN_OK);
    memcpy(b, a, rc->n * sizeof(int32_t));
    assert_true(pln__ga(rc, 3000, 0, 0, a) >= 0);
    assert_true(pln__ga(rc, 3000, 0, 0, b) >= 0);
    assert_memory_equal(a, b, rc->n * sizeof(int32_t));
    expect_feasible(rc, a);
    free(a);
    free(b);
}

/* Through pln_solve(): the same schedule twice at a time limit, and the
 * known optimum proven. */
static void test_ga_solve_repeats(void **state)
{
    struct fx *f = *state;
    struct pln_solve_options o;
    pln_schedule *x = NULL, *y = NULL;
    pln_error err;
    load_sm(f, "j3011_1.sm");
    pln_solve_options_init(&o);
    o.time_limit = 10;
    pln_error_init(&err);
    assert_int_equal(pln_solve(f->m, &o, &x, &err), PLN_OK);
    assert_int_equal(pln_solve(f->m, &o, &y, &err), PLN_OK);
    assert_int_equal(x->status, PLN_SOLVED_OPTIMAL);
    assert_true(x->objective_value == 54.0);
    for (size_t j = 0; j < f->m->n_tasks; j++)
        assert_int_equal(x->tasks[j].es, y->tasks[j].es);
    pln_schedule_free(x);
    pln_schedule_free(y);
}

/* Every allocation in turn fails: `best` untouched; then it runs. */
static void test_ga_out_of_memory(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    int32_t *s, *keep;
    int r = -1;
    load_text(f, SMALL);
    rc = &f->rc;
    s = starts(rc->n);
    keep = starts(rc->n);
    poor_schedule(rc, POOR, keep);
    /* 0 happens too: the checker out of memory, the result dropped. */
    for (long n = 0; n < 200 && r != 1; n++) {
        memcpy(s, keep, rc->n * sizeof(int32_t));
        pln_alloc_fail_after(n);
        r = pln__ga(rc, 1000, 0, 0, s);
        pln_alloc_fail_after(-1);
        if (r != 1)
            assert_memory_equal(s, keep, rc->n * sizeof(int32_t));
    }
    assert_int_equal(r, 1);
    assert_int_equal(makespan(rc, s), 7);
    free(s);
    free(keep);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_ga_applies),
        T(test_ga_budget_rule),
        T(test_ga_small_reaches_optimum),
        T(test_ga_j301_1),
        T(test_ga_j3011_1),
        T(test_ga_j3022_1),
        T(test_ga_deterministic),
        T(test_ga_solve_repeats),
        T(test_ga_out_of_memory),
    };
    return cmocka_run_group_tests_name("ga", tests, NULL, NULL);
}
