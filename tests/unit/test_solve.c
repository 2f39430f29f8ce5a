/*
 * test_solve.c -- unit tests of the crew-constrained solve (pln_solve): a
 * single crew that serialises tasks, a crew calendar with days off, weighted
 * lateness across two sites, hard deadlines that fail by logic or by crews,
 * the GLPK error trap, the schedule checker rejecting broken schedules, the
 * heuristic alone (time limit 0), and PSPLIB instances with known optima
 * (one where the search beats the priority rules). Every expected value is
 * worked out by hand from a wall calendar (2026-01-05 is a Monday).
 *
 * Four tests at the end pin down solver bugs found by a brute-force
 * comparison on small random models, now fixed (a heuristic schedule that
 * misses a hard deadline is not a proof of infeasibility).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mip_int.h"
#include "pln_planner.h"
#include "rcpsp_int.h"

struct fx {
    pln_model *m;
    pln_schedule *s;
    struct pln_rc rc;
    bool have_rc;
};

static char model_buf[8192];

/* A model: calendars "wk" (Mon-Fri), "all" (every day) and "nowed"
 * (Mon, Tue, Thu, Fri: Wednesdays off), no holidays, start 2026-01-05
 * (Monday); then `body` (crews, sites, deadlines) as written. */
static pln_model *load(const char *body)
{
    pln_diags d;
    pln_model *m;
    snprintf(model_buf, sizeof(model_buf),
             "program: {id: t, name: T, start: 2026-01-05}\n"
             "calendars:\n"
             "  - {id: wk, weekdays: [mon, tue, wed, thu, fri], holidays: "
             "none}\n"
             "  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun], "
             "holidays: none}\n"
             "  - {id: nowed, weekdays: [mon, tue, thu, fri], holidays: "
             "none}\n"
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

/* Loads `body` and solves it with `objective` (-1: the model's) and
 * `time_limit` seconds. */
static pln_schedule *solve(struct fx *f, const char *body, int objective,
                           double time_limit)
{
    struct pln_solve_options o;
    pln_error err;
    pln_status st;
    pln_error_init(&err);
    pln_solve_options_init(&o);
    o.objective = objective;
    o.time_limit = time_limit;
    f->m = load(body);
    assert_non_null(f->m);
    st = pln_solve(f->m, &o, &f->s, &err);
    if (st != PLN_OK)
        fail_msg("pln_solve: %s", err.message);
    assert_non_null(f->s);
    return f->s;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f->have_rc)
        pln__rc_release(&f->rc);
    pln_schedule_free(f->s);
    pln_model_free(f->m);
    memset(f, 0, sizeof(*f));
    return 0;
}

static struct fx fixture;

static int setup(void **state)
{
    memset(&fixture, 0, sizeof(fixture));
    *state = &fixture;
    return 0;
}

static const struct pln_task_times *times(struct fx *f, const char *id)
{
    int t = pln_model_find_task(f->m, id);
    if (t < 0)
        fail_msg("no task %s", id);
    return &f->s->tasks[t];
}

static void expect(struct fx *f, const char *id, const char *start,
                   const char *finish)
{
    const struct pln_task_times *x = times(f, id);
    char a[11], b[11];
    pln_date_format(x->start, a);
    pln_date_format(x->finish, b);
    if (strcmp(a, start) || strcmp(b, finish))
        fail_msg("%s: got %s..%s, expected %s..%s", id, a, b, start, finish);
}

/* Every pair of the named tasks: their date ranges do not meet. */
static void expect_disjoint(struct fx *f, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++) {
            const struct pln_task_times *a = times(f, ids[i]);
            const struct pln_task_times *b = times(f, ids[k]);
            if (a->start <= b->finish && b->start <= a->finish)
                fail_msg("%s and %s overlap", ids[i], ids[k]);
        }
}

/* Builds the checker's problem for the loaded model (kept in the fixture,
 * released by teardown). */
static struct pln_rc *rc_init(struct fx *f)
{
    pln_error err;
    pln_error_init(&err);
    assert_int_equal(pln__rc_init(&f->rc, f->m, 3 * 366, &err), PLN_OK);
    f->have_rc = true;
    return &f->rc;
}

/* Start index of task j on its n-th working day from the plan start. */
static int32_t day(struct pln_rc *rc, int j, int32_t n)
{
    const struct pln_task *t = &rc->m->tasks[j];
    return pln__cpm_count(&rc->c, t->calendar, rc->m->start) + n;
}

static bool reason_has(const pln_schedule *s, const char *text)
{
    for (size_t r = 0; r < s->n_reasons; r++)
        if (strstr(s->reasons[r], text))
            return true;
    return false;
}

static void print_reasons(const pln_schedule *s)
{
    for (size_t r = 0; r < s->n_reasons; r++)
        print_message("reason: %s\n", s->reasons[r]);
}

/* Three independent tasks of 2, 3 and 1 days (every day a working day),
 * each needing the one crew c. */
#define THREE_ON_ONE_CREW                                                      \
    "crews: [{id: c, count: 1, calendar: all}]\n"                              \
    "sites:\n"                                                                 \
    "  - id: s\n"                                                              \
    "    tasks:\n"                                                             \
    "      - {id: a, duration: 2, calendar: all, crews: {c: 1}}\n"             \
    "      - {id: b, duration: 3, calendar: all, crews: {c: 1}}\n"             \
    "      - {id: x, duration: 1, calendar: all, crews: {c: 1}}\n"

static const char *const THREE_IDS[] = {"s/a", "s/b", "s/x"};

/* ------------------------------------------------------------- tests */

static void test_solve_one_crew_serialises(void **state)
{
    struct fx *f = *state;
    pln_schedule *s = solve(f, THREE_ON_ONE_CREW, PLN_OBJ_MAKESPAN, 10);
    /* One crew: the tasks run one after another, 2 + 3 + 1 = 6 days; the
     * crew-free bound (3) is raised to 6 by the proof. */
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_true(s->crews_limiting);
    assert_int_equal(s->objective, PLN_OBJ_MAKESPAN);
    assert_true(s->objective_value == 6.0);
    assert_true(s->lower_bound == 6.0);
    assert_int_equal(s->makespan, 6);
    expect_disjoint(f, THREE_IDS, 3);
    {
        char fin[11];
        pln_date_format(s->finish, fin);
        assert_string_equal(fin, "2026-01-10"); /* Mon 5 .. Sat 10 */
    }
    /* Back to back from the plan start, in some order. */
    {
        int32_t total = 0;
        for (size_t i = 0; i < 3; i++) {
            const struct pln_task_times *x = times(f, THREE_IDS[i]);
            assert_true(x->start_day >= 0 &&
                        x->start_day + (x->ef - x->es) <= 6);
            total += x->ef - x->es;
        }
        assert_int_equal(total, 6);
    }
}

static void test_solve_crew_day_off(void **state)
{
    struct fx *f = *state;
    pln_schedule *s =
        solve(f,
              "crews: [{id: c, count: 1, calendar: nowed}]\n"
              "sites:\n"
              "  - id: s\n"
              "    tasks:\n"
              "      - {id: a, duration: 3, calendar: wk, crews: {c: 1}}\n",
              PLN_OBJ_MAKESPAN, 10);
    /* Working days of a (Mon-Fri): Mon 5, Tue 6, Wed 7, Thu 8, Fri 9,
     * Mon 12. Starts Mon, Tue and Wed would all put the crew to work on
     * Wednesday 7, its day off; Thu 8 gives Thu, Fri, Mon 12. */
    expect(f, "s/a", "2026-01-08", "2026-01-12");
    assert_int_equal(times(f, "s/a")->start_day, 3);
    assert_int_equal(s->makespan, 8);
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_true(s->objective_value == 8.0);
    assert_true(s->lower_bound == 8.0);
}

/* Sites A (weight 3) and B (weight 1), one 5-day task each on the one
 * crew, both due Fri 9 (day 5). */
#define TWO_SITES_ONE_CREW                                                     \
    "crews: [{id: c, count: 1, calendar: all}]\n"                              \
    "sites:\n"                                                                 \
    "  - id: A\n"                                                              \
    "    weight: 3\n"                                                          \
    "    tasks: [{id: w, duration: 5, calendar: all, crews: {c: 1}}]\n"        \
    "    deadlines: [{id: da, finish_by: 2026-01-09}]\n"                       \
    "  - id: B\n"                                                              \
    "    weight: 1\n"                                                          \
    "    tasks: [{id: w, duration: 5, calendar: all, crews: {c: 1}}]\n"        \
    "    deadlines: [{id: db, finish_by: 2026-01-09}]\n"

static void test_solve_weighted_lateness_two_sites(void **state)
{
    struct fx *f = *state;
    pln_schedule *s =
        solve(f, TWO_SITES_ONE_CREW, PLN_OBJ_WEIGHTED_LATENESS, 10);
    /* A first (weight 3): B runs Sat 10 .. Wed 14, 5 days late x 1 = 5;
     * B first would cost 5 x 3 = 15. */
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_int_equal(s->objective, PLN_OBJ_WEIGHTED_LATENESS);
    assert_true(s->objective_value == 5.0);
    assert_true(s->lower_bound == 5.0);
    expect(f, "A/w", "2026-01-05", "2026-01-09");
    expect(f, "B/w", "2026-01-10", "2026-01-14");
    assert_int_equal(s->n_deadlines, 2);
    assert_int_equal(s->n_late, 1);
    for (size_t r = 0; r < s->n_deadlines; r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        const char *id = f->m->constraints[d->constraint].id;
        if (!strcmp(id, "da")) {
            assert_true(d->met);
            assert_int_equal(d->slack, 0);
        } else {
            assert_string_equal(id, "db");
            assert_false(d->met);
            assert_int_equal(d->slack, -5);
        }
    }
}

/* A chain a(2) -> b(2) -> c(2) with a hard deadline on c by Fri 9 (day
 * 5): c can finish Sat 10 at the earliest, 1 day late. d(1) also comes
 * before c but does not decide its start. */
#define LATE_CHAIN_SITE                                                        \
    "  - id: s\n"                                                              \
    "    tasks:\n"                                                             \
    "      - {id: a, duration: 2, calendar: all}\n"                            \
    "      - {id: b, duration: 2, calendar: all, after: [a]}\n"                \
    "      - {id: d, duration: 1, calendar: all}\n"                            \
    "      - {id: c, duration: 2, calendar: all, after: [d, b]}\n"             \
    "    deadlines: [{id: due, task: c, finish_by: 2026-01-09, hard: true}]\n"

/* `at`: where the deadline is written, "test.yaml:LINE:COLUMN: ". */
static void expect_late_chain_reason(const pln_schedule *s, const char *at)
{
    print_reasons(s);
    assert_int_equal(s->status, PLN_SOLVED_INFEASIBLE);
    assert_true(s->n_reasons >= 1);
    assert_true(reason_has(s, "'due'"));
    assert_true(reason_has(s, "the chain s/a -> s/b -> s/c ends 1 working "
                              "day late"));
    assert_true(reason_has(s, "hard deadline 'due' of site s (finish by "
                              "2026-01-09) cannot hold"));
    assert_true(strncmp(s->reasons[0], at, strlen(at)) == 0);
}

static void test_solve_hard_deadline_logic_with_crews(void **state)
{
    struct fx *f = *state;
    pln_schedule *s = solve(f,
                            "crews: [{id: c, count: 1, calendar: all}]\n"
                            "sites:\n" LATE_CHAIN_SITE /* and site o: */
                            "  - id: o\n"
                            "    tasks: [{id: x, duration: 1, calendar: all, "
                            "crews: {c: 1}}]\n",
                            -1, 10);
    assert_true(s->crews_limiting); /* the crew path ran */
    expect_late_chain_reason(s, "test.yaml:14:17: ");
}

static void test_solve_hard_deadline_logic_no_crews(void **state)
{
    struct fx *f = *state;
    pln_schedule *s = solve(f, "sites:\n" LATE_CHAIN_SITE, -1, 10);
    assert_false(s->crews_limiting);
    assert_string_equal(s->method, "critical_path");
    expect_late_chain_reason(s, "test.yaml:13:17: ");
}

/* p and q need the one crew for 5 days each, both hard by Fri 9 (day 5):
 * whichever runs second ends Wed 14. */
#define TWO_HARD_ON_ONE_CREW                                                   \
    "crews: [{id: c, count: 1, calendar: all}]\n"                              \
    "sites:\n"                                                                 \
    "  - id: s\n"                                                              \
    "    tasks:\n"                                                             \
    "      - {id: p, duration: 5, calendar: all, crews: {c: 1}}\n"             \
    "      - {id: q, duration: 5, calendar: all, crews: {c: 1}}\n"             \
    "    deadlines:\n"                                                         \
    "      - {id: dp, task: p, finish_by: 2026-01-09, hard: true}\n"           \
    "      - {id: dq, task: q, finish_by: 2026-01-09, hard: true}\n"

static void expect_crew_infeasible(struct fx *f, const pln_schedule *s)
{
    static const char *const ids[] = {"s/p", "s/q"};
    print_reasons(s);
    /* Both windows shrink to the first day; the crew cannot take both:
     * propagation proves it. */
    assert_int_equal(s->status, PLN_SOLVED_INFEASIBLE);
    assert_int_equal(s->n_reasons, 2);
    assert_true(reason_has(s, "hard deadline 'dp' of site s (2026-01-09) is "
                              "among hard deadlines that cannot all hold"));
    assert_true(reason_has(s, "hard deadline 'dq' of site s (2026-01-09)"));
    assert_true(reason_has(s, "c (5 crew-days, 1 exist)"));
    /* The schedule returned is the best one found, still crew-feasible:
     * one of the two runs Sat 10 .. Wed 14. */
    expect_disjoint(f, ids, 2);
    assert_int_equal(s->makespan, 10);
    assert_int_equal(s->n_late, 1);
}

static void test_solve_hard_deadlines_crews_lateness(void **state)
{
    struct fx *f = *state;
    pln_schedule *s =
        solve(f, TWO_HARD_ON_ONE_CREW, PLN_OBJ_WEIGHTED_LATENESS, 10);
    expect_crew_infeasible(f, s);
}

static void test_solve_hard_deadlines_crews_makespan(void **state)
{
    struct fx *f = *state;
    pln_schedule *s = solve(f, TWO_HARD_ON_ONE_CREW, PLN_OBJ_MAKESPAN, 10);
    expect_crew_infeasible(f, s);
}

static void test_solve_glpk_trap(void **state)
{
    struct fx *f = *state;
    pln_error err;
    pln_schedule *s;
    pln_error_init(&err);
    assert_int_equal(pln__glpk_trap_selftest(&err), PLN_ESOLVER);
    print_message("trap: %s\n", err.message);
    assert_int_equal(err.code, PLN_ESOLVER);
    assert_non_null(strstr(err.message, "GLPK failed: "));
    assert_non_null(strstr(err.message, "column number out of range"));

    /* Solving still works after glp_free_env(). */
    s = solve(f, THREE_ON_ONE_CREW, PLN_OBJ_MAKESPAN, 5);
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_true(s->objective_value == 6.0);
    assert_true(s->lower_bound == 6.0);

    /* GLPK itself, directly: the makespan MIP of that model with every
     * task inside the first 6 days; its optimum is 6. */
    {
        struct pln_rc *rc = rc_init(f);
        struct pln_mip_in in;
        struct pln_mip_out out;
        int32_t lo[3], hi[3], starts[3];
        bool all[3] = {true, true, true};
        char msg[400];
        for (int j = 0; j < 3; j++) {
            lo[j] = day(rc, j, 0);
            hi[j] = day(rc, j, 6 - f->m->tasks[j].duration);
        }
        memset(&in, 0, sizeof(in));
        memset(&out, 0, sizeof(out));
        in.rc = rc;
        in.obj = PLN_OBJ_MAKESPAN;
        in.in = all;
        in.lo = lo;
        in.hi = hi;
        in.time_limit = 5;
        in.max_cols = 100000;
        out.s = starts;
        pln_error_init(&err);
        assert_int_equal(pln__mip_solve(&in, &out, &err), PLN_OK);
        assert_int_equal(out.status, PLN_MIP_OPTIMAL);
        assert_true(out.have_solution);
        assert_true(fabs(out.value - 6.0) < 1e-6);
        assert_true(out.cols > 0);
        assert_true(pln__rc_check(rc, starts, false, msg, sizeof(msg)));
        pln__rc_release(rc);
        f->have_rc = false;
    }
    teardown(state);
    f = *state = &fixture;

    /* A solve whose proof is the MIP's. */
    s = solve(f, TWO_SITES_ONE_CREW, PLN_OBJ_WEIGHTED_LATENESS, 5);
    assert_string_equal(s->method, "heuristic+mip");
    assert_true(s->mip_cols > 0);
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_true(s->objective_value == 5.0);

    /* And the trap works a second time. */
    pln_error_init(&err);
    assert_int_equal(pln__glpk_trap_selftest(&err), PLN_ESOLVER);
    assert_non_null(strstr(err.message, "column number out of range"));
}

static void test_solve_checker_rejects_overlap(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    char msg[400];
    int32_t st[3];
    int a, b, x;
    solve(f, THREE_ON_ONE_CREW, PLN_OBJ_MAKESPAN, 10);
    rc = rc_init(f);
    a = pln_model_find_task(f->m, "s/a");
    b = pln_model_find_task(f->m, "s/b");
    x = pln_model_find_task(f->m, "s/x");
    /* The solver's own answer passes. */
    for (size_t j = 0; j < 3; j++)
        st[j] = f->s->tasks[j].es;
    assert_true(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    /* a on days 0-1, b on 1-3: both on Tue 6. */
    st[a] = day(rc, a, 0);
    st[b] = day(rc, b, 1);
    st[x] = day(rc, x, 5);
    msg[0] = '\0';
    assert_false(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    print_message("check: %s\n", msg);
    assert_non_null(strstr(msg, "over capacity"));
    assert_string_equal(msg, "crew c over capacity on 2026-01-06 (task s/b)");
    /* Back to back in another order passes: b 0-2, x 3, a 4-5. */
    st[b] = day(rc, b, 0);
    st[x] = day(rc, x, 3);
    st[a] = day(rc, a, 4);
    assert_true(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    /* A task before the plan start is before its release. */
    st[b] = day(rc, b, -1);
    assert_false(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    assert_string_equal(msg, "task s/b starts before its release");
}

static void test_solve_checker_rejects_early_successor(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    char msg[400];
    int32_t st[2];
    int a, b;
    solve(f,
          "sites:\n"
          "  - id: s\n"
          "    tasks:\n"
          "      - {id: a, duration: 2, calendar: wk}\n"
          "      - {id: b, duration: 1, calendar: wk, after: [\"a FS+1\"]}\n",
          PLN_OBJ_MAKESPAN, 10);
    rc = rc_init(f);
    a = pln_model_find_task(f->m, "s/a");
    b = pln_model_find_task(f->m, "s/b");
    /* a Mon-Tue, one day of lag (Wed): b may start Thu, index 3. */
    for (size_t j = 0; j < 2; j++)
        st[j] = f->s->tasks[j].es;
    assert_int_equal(st[a], day(rc, a, 0));
    assert_int_equal(st[b], day(rc, b, 3));
    assert_true(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    st[b] = day(rc, b, 2); /* Wednesday: inside the lag */
    assert_false(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    assert_string_equal(msg, "task s/b starts before a predecessor allows");
    st[b] = day(rc, b, 1); /* overlapping a */
    assert_false(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    st[b] = day(rc, b, 4);
    assert_true(pln__rc_check(rc, st, false, msg, sizeof(msg)));
}

static void test_solve_checker_hard_deadline_and_day_off(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    char msg[400];
    int32_t st[1];
    solve(f,
          "crews: [{id: c, count: 1, calendar: nowed}]\n"
          "sites:\n"
          "  - id: s\n"
          "    tasks:\n"
          "      - {id: a, duration: 3, calendar: wk, crews: {c: 1}}\n"
          "    deadlines: [{id: h, task: a, finish_by: 2026-01-13, hard: "
          "true}]\n",
          PLN_OBJ_MAKESPAN, 10);
    rc = rc_init(f);
    /* Monday start: the crew would work Wednesday 7, its day off. */
    st[0] = day(rc, 0, 0);
    assert_false(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    assert_string_equal(msg, "crew c over capacity on 2026-01-07 (task s/a)");
    st[0] = day(rc, 0, 3); /* Thu, Fri, Mon 12 */
    assert_true(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    /* Mon 12 .. Wed 14: the crew's day off, and past the 13th. */
    st[0] = day(rc, 0, 5);
    assert_false(pln__rc_check(rc, st, false, msg, sizeof(msg)));
    assert_string_equal(msg, "task s/a misses a hard deadline");
    assert_false(pln__rc_check(rc, st, true, msg, sizeof(msg)));
    assert_string_equal(msg, "crew c over capacity on 2026-01-14 (task s/a)");
    st[0] = day(rc, 0, 6); /* Tue 13 .. Thu 15: Wednesday again */
    assert_false(pln__rc_check(rc, st, true, msg, sizeof(msg)));
    expect(f, "s/a", "2026-01-08", "2026-01-12");
}

static void test_solve_time_limit_zero_heuristic_only(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    char msg[400];
    int32_t st[3];
    pln_schedule *s = solve(f, THREE_ON_ONE_CREW, PLN_OBJ_MAKESPAN, 0);
    /* No MIP, no proof: the heuristic's 6 against the crew-free bound 3. */
    assert_string_equal(s->method, "heuristic");
    assert_int_equal(s->status, PLN_SOLVED_FEASIBLE);
    assert_true(s->objective_value == 6.0);
    assert_true(s->lower_bound == 3.0);
    assert_int_equal(s->mip_rows, 0);
    assert_int_equal(s->mip_cols, 0);
    expect_disjoint(f, THREE_IDS, 3);
    rc = rc_init(f);
    for (size_t j = 0; j < 3; j++)
        st[j] = s->tasks[j].es;
    assert_true(pln__rc_check(rc, st, false, msg, sizeof(msg)));
}

/* The heuristic's hint (a replan's baseline order) replaces the crew-free
 * latest starts as its first rule. Without it the first schedule of THREE
 * goes by latest start (b at 0, a at 1, x at 2 with the crew-free
 * makespan 3): b, a, x. Hinted x, b, a, that order comes out; every order
 * takes 6 days, so no justification changes it. */
static void test_solve_heuristic_hint_order(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    struct pln_rc_eval ev;
    int32_t s[3];
    double hint[3];
    int a, b, x;

    f->m = load(THREE_ON_ONE_CREW);
    assert_non_null(f->m);
    rc = rc_init(f);
    a = pln_model_find_task(f->m, "s/a");
    b = pln_model_find_task(f->m, "s/b");
    x = pln_model_find_task(f->m, "s/x");
    assert_int_equal(pln__heuristic(rc, PLN_OBJ_MAKESPAN, 1, 0, 0, NULL, s,
                                    &ev, NULL),
                     PLN_OK);
    assert_true(s[b] == day(rc, b, 0) && s[a] == day(rc, a, 3) &&
                s[x] == day(rc, x, 5));
    hint[x] = (double)f->m->start;
    hint[b] = (double)f->m->start + 1;
    hint[a] = (double)f->m->start + 2;
    assert_int_equal(pln__heuristic(rc, PLN_OBJ_MAKESPAN, 1, 0, 0, hint, s,
                                    &ev, NULL),
                     PLN_OK);
    assert_true(ev.value == 6.0);
    assert_true(s[x] == day(rc, x, 0) && s[b] == day(rc, b, 1) &&
                s[a] == day(rc, a, 4));
}

/* Late-deadline boosting: from B first (A, weight 3, 5 days late: 15),
 * the work of A's late deadline goes ahead: A first, B 5 days late (5). */
static void test_solve_heuristic_boost_late_site(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    struct pln_rc_eval ev;
    int32_t s[2];
    int a, b;

    f->m = load(TWO_SITES_ONE_CREW);
    assert_non_null(f->m);
    rc = rc_init(f);
    a = pln_model_find_task(f->m, "A/w");
    b = pln_model_find_task(f->m, "B/w");
    s[b] = day(rc, b, 0);
    s[a] = day(rc, a, 5);
    pln__rc_eval(rc, PLN_OBJ_WEIGHTED_LATENESS, s, &ev);
    assert_true(ev.value == 15.0);
    assert_int_equal(pln__heuristic_boost(rc, PLN_OBJ_WEIGHTED_LATENESS, 4,
                                          0, 0, s, &ev),
                     PLN_OK);
    assert_true(ev.value == 5.0);
    assert_int_equal(s[a], day(rc, a, 0));
    assert_int_equal(s[b], day(rc, b, 5));
    /* Nothing late that can gain: it stays. */
    assert_int_equal(pln__heuristic_boost(rc, PLN_OBJ_WEIGHTED_LATENESS, 4,
                                          5, 0, s, &ev),
                     PLN_OK);
    assert_true(ev.value == 5.0);
}

/* The heuristic's elite: its best schedules of different values, best
 * first, each with its own value; the first is the best. */
static void test_solve_heuristic_elite(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    struct pln_rc_eval ev, e;
    struct pln_elite elite;
    int32_t s[2];

    f->m = load(TWO_SITES_ONE_CREW);
    assert_non_null(f->m);
    rc = rc_init(f);
    assert_true(pln__elite_init(&elite, rc->n));
    assert_int_equal(pln__heuristic(rc, PLN_OBJ_WEIGHTED_LATENESS, 40, -1, 0,
                                    NULL, s, &ev, &elite),
                     PLN_OK);
    assert_true(elite.n >= 1 && elite.n <= PLN_ELITE_MAX);
    assert_true(elite.ev[0].value == ev.value);
    assert_true(ev.value == 5.0);
    for (size_t k = 0; k < elite.n; k++) {
        pln__rc_eval(rc, PLN_OBJ_WEIGHTED_LATENESS, elite.s[k], &e);
        assert_true(e.value == elite.ev[k].value);
        if (k > 0)
            assert_true(elite.ev[k].value > elite.ev[k - 1].value);
    }
    pln__elite_release(&elite);
}

/* Writes `text` to a new temporary file; its path goes into `path`. */
static void temp_file(char path[64], const char *text)
{
    int fd;
    FILE *fp;
    snprintf(path, 64, "/tmp/test_solve_XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* Replanning: work started by the status date stays where it started,
 * whatever order the samples take. One crew; `a` (4 days) started on the
 * plan start and is half done on 2026-01-07; `b` (2 days) has not
 * started. The order puts b first: b still waits for the crew until a
 * ends (days 4, 5), and a keeps days 0-3. (Serial generation used to
 * place started work in its turn like any other, and b before it then
 * pushed it off its start.) */
static void test_solve_heuristic_started_work_stays(void **state)
{
    struct fx *f = *state;
    struct pln_rc *rc;
    struct pln_rc_eval ev;
    char mpath[64], spath[64];
    int32_t s[2];
    double hint[2];
    pln_diags d;
    pln_error err;
    int a, b;

    snprintf(model_buf, sizeof(model_buf),
             "program: {id: t, name: T, start: 2026-01-05}\n"
             "calendars:\n"
             "  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun], "
             "holidays: none}\n"
             "crews: [{id: c, count: 1, calendar: all}]\n"
             "sites:\n"
             "  - id: s\n"
             "    tasks:\n"
             "      - {id: a, duration: 4, calendar: all, crews: {c: 1}}\n"
             "      - {id: b, duration: 2, calendar: all, crews: {c: 1}}\n");
    temp_file(mpath, model_buf);
    temp_file(spath, "status: {date: 2026-01-07}\n"
                     "progress:\n"
                     "  - {task: s/a, started: 2026-01-05, remaining: 2}\n");
    pln_diags_init(&d);
    f->m = pln_model_load_replan(mpath, spath, NULL, NULL, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        print_message("%d:%d: %s\n", d.items[i].line, d.items[i].column,
                      d.items[i].message);
    pln_diags_release(&d);
    unlink(mpath);
    unlink(spath);
    assert_non_null(f->m);
    pln_error_init(&err);
    assert_int_equal(pln_replan_prepare(f->m, &err), PLN_OK);
    rc = rc_init(f);
    a = pln_model_find_task(f->m, "s/a");
    b = pln_model_find_task(f->m, "s/b");
    hint[b] = (double)f->m->start;
    hint[a] = (double)f->m->start + 10;
    /* One pass of serial generation in that order, then the heuristic. */
    assert_int_equal(pln__sgs_fixed(rc, NULL, hint, s), 1);
    assert_int_equal(s[a], day(rc, a, 0));
    assert_int_equal(s[b], day(rc, b, 4));
    memset(s, 0, sizeof(s));
    assert_int_equal(pln__heuristic(rc, PLN_OBJ_MAKESPAN, 1, 0, 0, hint, s,
                                    &ev, NULL),
                     PLN_OK);
    assert_true(ev.hard_ok);
    assert_int_equal(s[a], day(rc, a, 0));
    assert_int_equal(s[b], day(rc, b, 4));
    assert_true(ev.value == 6.0);
}

/* Loads a PSPLIB instance of the j30 set, or skips when it is not
 * installed (the data set is not part of the repository). */
static bool load_j30(struct fx *f, const char *name)
{
    char path[256];
    pln_diags d;
    snprintf(path, sizeof(path), "/work/shared/data/psplib/j30/%s", name);
    if (access(path, R_OK) != 0) {
        print_message("%s not installed: skipped\n", path);
        return false;
    }
    pln_diags_init(&d);
    f->m = pln_model_load_file(path, &d);
    pln_diags_release(&d);
    assert_non_null(f->m);
    return true;
}

static pln_schedule *solve_loaded(struct fx *f, int objective,
                                  double time_limit)
{
    struct pln_solve_options o;
    pln_error err;
    pln_error_init(&err);
    pln_solve_options_init(&o);
    o.objective = objective;
    o.time_limit = time_limit;
    pln_schedule_free(f->s);
    f->s = NULL;
    if (pln_solve(f->m, &o, &f->s, &err) != PLN_OK)
        fail_msg("pln_solve: %s", err.message);
    return f->s;
}

static void test_solve_psplib_j3010_1(void **state)
{
    struct fx *f = *state;
    pln_schedule *s;
    if (!load_j30(f, "j3010_1.sm"))
        skip();
    s = solve_loaded(f, PLN_OBJ_MAKESPAN, 10);
    print_message("j3010_1: %s %s value %g bound %g\n",
                  pln_solve_status_name(s->status), s->method,
                  s->objective_value, s->lower_bound);
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    /* Optimum 42 (PSPLIB j30opt). */
    assert_true(s->objective_value == 42.0);
    assert_true(s->lower_bound == s->objective_value);
}

/* j302_2: the priority rules alone (time limit 0) stop at 53, the optimum
 * is 51 (PSPLIB j30opt); with a time limit the genetic algorithm finds a
 * 51 and propagation proves it. */
static void test_solve_psplib_j302_2_search_beats_rules(void **state)
{
    struct fx *f = *state;
    pln_schedule *s;
    double h, shift;
    if (!load_j30(f, "j302_2.sm"))
        skip();
    s = solve_loaded(f, PLN_OBJ_MAKESPAN, 0);
    assert_string_equal(s->method, "heuristic");
    assert_int_equal(s->status, PLN_SOLVED_FEASIBLE);
    h = s->objective_value;
    assert_true(s->lower_bound < h);
    s = solve_loaded(f, PLN_OBJ_MAKESPAN, 30);
    print_message("j302_2: heuristic %g; %s %s value %g bound %g, MIP %d x "
                  "%d\n",
                  h, pln_solve_status_name(s->status), s->method,
                  s->objective_value, s->lower_bound, s->mip_rows, s->mip_cols);
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    /* The genetic algorithm (PSPLIB's setting) finds it, the destructive
     * bound by propagation meets it: no branch-and-bound, no MIP. */
    assert_string_equal(s->method, "heuristic+propagation");
    assert_int_equal(s->mip_cols, 0);
    shift = s->objective_value - 51.0;
    assert_true(shift == 0.0);
    assert_true(h == 53.0);
    assert_true(s->lower_bound == s->objective_value);
    /* Its schedule passes the checker too. */
    {
        struct pln_rc *rc = rc_init(f);
        int32_t *st = malloc((rc->n + 1) * sizeof(*st));
        char msg[400];
        assert_non_null(st);
        for (size_t j = 0; j < rc->n; j++)
            st[j] = s->tasks[j].es;
        assert_true(pln__rc_check(rc, st, false, msg, sizeof(msg)));
        free(st);
    }
}

/*
 * Regression (found by brute force, fixed by solve_hard()): with the makespan
 * objective, a heuristic schedule that misses a hard deadline makes
 * solve_makespan() prove only that no schedule meeting the hard deadlines
 * is SHORTER than the heuristic's; pln_solve() then reports the program
 * infeasible. Here b (1 day, hard: finish by Tue 6) and a (3 days, crew
 * off on Wednesdays) share one crew: b Mon 5, a Tue 6, Thu 8, Fri 9 meets
 * everything in 5 days (optimal: a alone needs Mon..Thu, 4 days, and b
 * must take Mon or Tue from it). The heuristic puts a first (b's latest
 * start is a day later, and its random keys never swap them), b on Fri 9;
 * the bound reaches 5 = its makespan, and "proven" becomes "infeasible".
 */
static void test_solve_hard_deadline_makespan_not_infeasible(void **state)
{
    struct fx *f = *state;
    pln_schedule *s;
    s = solve(f,
              "crews: [{id: c, count: 1, calendar: nowed}]\n"
              "sites:\n"
              "  - id: s\n"
              "    tasks:\n"
              "      - {id: a, duration: 3, calendar: nowed, crews: {c: 1}}\n"
              "      - {id: b, duration: 1, calendar: all, crews: {c: 1}}\n"
              "    deadlines:\n"
              "      - {id: hb, task: b, finish_by: 2026-01-06, hard: "
              "true}\n",
              PLN_OBJ_MAKESPAN, 10);
    print_reasons(s);
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_true(s->objective_value == 5.0);
    expect(f, "s/b", "2026-01-05", "2026-01-05");
    expect(f, "s/a", "2026-01-06", "2026-01-09");
    assert_int_equal(s->n_late, 0);
}

/*
 * Regression (found by brute force, fixed by solve_hard()): the late-sites
 * objective when the heuristic misses a hard deadline. The same a/b pair
 * as above (the heuristic puts b on Fri 9, past its hard Tue 6); a also
 * has a soft deadline it cannot meet (3 days by Tue 6), so the site is late
 * whatever happens and every schedule meeting hb is optimal with 1 late
 * site, e.g. b Mon 5, a Tue 6 .. Fri 9, x Mon 12 .. Thu 15. The MIP (no
 * window cap: the incumbent misses a hard deadline) leaves a at the very
 * end of its window, three years out; then
 *  - x without crews: pln__sgs_fixed() places x past the calendar horizon
 *    without noticing (profile_fits() is true for crew-free tasks), the
 *    schedule is taken, and its check fails: PLN_ESOLVER "internal error";
 *  - x with the crew: pln__sgs_fixed() fails, the MIP's schedule is
 *    dropped, the heuristic's (value 1, hard deadline missed) equals the
 *    MIP optimum, so it counts as "proven" and the program as infeasible;
 *  - x of 1 day without crews: it fits, and the answer is "optimal" with a
 *    and x in January 2029.
 */
#define LATE_SITES_MODEL(xd, x_crews)                                          \
    "crews: [{id: c, count: 1, calendar: nowed}]\n"                            \
    "sites:\n"                                                                 \
    "  - id: s\n"                                                              \
    "    tasks:\n"                                                             \
    "      - {id: a, duration: 3, calendar: nowed, crews: {c: 1}}\n"           \
    "      - {id: b, duration: 1, calendar: all, crews: {c: 1}}\n"             \
    "      - {id: x, duration: " xd ", calendar: nowed" x_crews                \
    ", after: [a]}\n"                                                          \
    "    deadlines:\n"                                                         \
    "      - {id: hb, task: b, finish_by: 2026-01-06, hard: true}\n"           \
    "      - {id: sa, task: a, finish_by: 2026-01-06}\n"

static void expect_late_sites_optimum(struct fx *f, const char *body)
{
    pln_schedule *s;
    pln_date feb;
    pln_date_parse("2026-02-01", &feb);
    s = solve(f, body, PLN_OBJ_LATE_SITES, 10);
    print_reasons(s);
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_true(s->objective_value == 1.0);
    assert_int_equal(s->n_late, 1); /* sa only; hb holds */
    /* Nothing is gained by finishing later: no step in 2029. */
    assert_true(s->finish < feb);
}

static void test_solve_late_sites_crew_free_successor(void **state)
{
    expect_late_sites_optimum(*state, LATE_SITES_MODEL("3", ""));
}

static void test_solve_late_sites_far_future(void **state)
{
    expect_late_sites_optimum(*state, LATE_SITES_MODEL("1", ""));
}

static void test_solve_late_sites_crew_successor(void **state)
{
    expect_late_sites_optimum(*state, LATE_SITES_MODEL("3", ", crews: {c: 1}"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_solve_one_crew_serialises),
        T(test_solve_crew_day_off),
        T(test_solve_weighted_lateness_two_sites),
        T(test_solve_hard_deadline_logic_with_crews),
        T(test_solve_hard_deadline_logic_no_crews),
        T(test_solve_hard_deadlines_crews_lateness),
        T(test_solve_hard_deadlines_crews_makespan),
        T(test_solve_glpk_trap),
        T(test_solve_checker_rejects_overlap),
        T(test_solve_checker_rejects_early_successor),
        T(test_solve_checker_hard_deadline_and_day_off),
        T(test_solve_time_limit_zero_heuristic_only),
        T(test_solve_heuristic_hint_order),
        T(test_solve_heuristic_started_work_stays),
        T(test_solve_heuristic_boost_late_site),
        T(test_solve_heuristic_elite),
        T(test_solve_psplib_j3010_1),
        T(test_solve_psplib_j302_2_search_beats_rules),
        T(test_solve_hard_deadline_makespan_not_infeasible),
        T(test_solve_late_sites_crew_free_successor),
        T(test_solve_late_sites_crew_successor),
        T(test_solve_late_sites_far_future),
    };
#undef T
    return cmocka_run_group_tests_name("solve", tests, NULL, NULL);
}
