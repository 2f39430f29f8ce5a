/*
 * test_money.c -- unit tests of funding: payments (spread with exact
 * rounding, at start, at finish, a milestone), tranche arrival after a
 * condition task, the schedule that waits for money and says so, the
 * proof that no schedule can be paid for, the checker rejecting an
 * overspent schedule, and the funding report (subsidy by rule and area,
 * county share, first-come-first-served draws, weekly cash flow). Every
 * expected value is worked out by hand: every day is a working day and
 * 2026-01-05 (a Monday) is day 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pln_planner.h"
#include "rcpsp_int.h"

struct fx {
    pln_model *m;
    pln_schedule *s;
    pln_funding_report *r;
};

static struct fx fixture;
static char buf[8192];

static int setup(void **state)
{
    memset(&fixture, 0, sizeof(fixture));
    *state = &fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    pln_funding_report_free(f->r);
    pln_schedule_free(f->s);
    pln_model_free(f->m);
    memset(f, 0, sizeof(*f));
    return 0;
}

/* Every day a working day from 2026-01-05; then `body` as written. */
static pln_model *load(const char *body)
{
    pln_diags d;
    pln_model *m;
    snprintf(buf, sizeof(buf),
             "program: {id: t, name: T, start: 2026-01-05, calendar: all}\n"
             "calendars:\n"
             "  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun], "
             "holidays: none}\n"
             "%s",
             body);
    pln_diags_init(&d);
    m = pln_model_load_buffer("test.yaml", buf, strlen(buf), &d);
    for (size_t i = 0; i < d.count; i++)
        print_message("%d:%d: %s\n", d.items[i].line, d.items[i].column,
                      d.items[i].message);
    pln_diags_release(&d);
    return m;
}

static pln_schedule *solve(struct fx *f, const char *body)
{
    struct pln_solve_options o;
    pln_error err;
    pln_error_init(&err);
    pln_solve_options_init(&o);
    o.time_limit = 5;
    f->m = load(body);
    assert_non_null(f->m);
    if (pln_solve(f->m, &o, &f->s, &err) != PLN_OK)
        fail_msg("pln_solve: %s", err.message);
    return f->s;
}

static void expect_start(struct fx *f, const char *id, const char *date)
{
    int j = pln_model_find_task(f->m, id);
    char got[11];
    assert_true(j >= 0);
    pln_date_format(f->s->tasks[j].start, got);
    if (strcmp(got, date))
        fail_msg("%s starts %s, expected %s", id, got, date);
}

static pln_date D(const char *text)
{
    pln_date d;
    assert_int_equal(pln_date_parse(text, &d), PLN_OK);
    return d;
}

/* The payments of task `id`, in order, as amounts. */
static size_t pays_of(struct fx *f, const char *id, double *amount,
                      pln_date *date, size_t max)
{
    int j = pln_model_find_task(f->m, id);
    size_t n = 0;
    for (size_t k = 0; k < f->s->n_payments && n < max; k++)
        if (f->s->payments[k].task == j) {
            amount[n] = f->s->payments[k].amount;
            date[n++] = f->s->payments[k].date;
        }
    return n;
}

/* The small program of tests/data/funding/small.yaml. */
#define SMALL                                                                 \
    "crews:\n"                                                                \
    "  - {id: masonry, count: 2}\n"                                           \
    "templates:\n"                                                            \
    "  - id: t\n"                                                             \
    "    tasks:\n"                                                            \
    "      - {id: a, duration: 3, cost: 30000, spend: start}\n"               \
    "      - {id: b, duration: 2, cost: 20000, crews: {masonry: 1}, "         \
    "after: [a]}\n"                                                           \
    "sites:\n"                                                                \
    "  - {id: s1, template: t, kind: new_build, area: 150, deadlines: "       \
    "[{id: done, finish_by: 2026-01-09}]}\n"                                  \
    "  - {id: s2, template: t, kind: repair, area: 100, deadlines: "          \
    "[{id: done, finish_by: 2026-01-12}]}\n"                                  \
    "funding:\n"                                                              \
    "  standard_area: 120\n"                                                  \
    "  subsidies:\n"                                                          \
    "    - {kind: new_build, amount: 40000, source: city}\n"                  \
    "    - {kind: repair, amount: 10000, per_m2: 10}\n"                       \
    "  tranches:\n"                                                           \
    "    - {id: county-1, date: 2026-01-05, amount: 50000, source: "          \
    "county}\n"                                                               \
    "    - {id: central-1, date: 2026-01-10, amount: 50000, after: s1/b}\n"

/* Day 0 pays for one site's a, not both: s1 goes first, s2 waits for the
 * central tranche (day 5: its date and the day after s1/b). */
static void test_money_holds_back_a_site(void **state)
{
    struct fx *f = *state;
    pln_schedule *s = solve(f, SMALL);
    const struct pln_money_wait *w;
    char a[11];
    /* Proven: the MIP's money rows (lp_glpk.c) hold the spending by day
     * 4, before the central money can come, to the county's 50,000, so
     * one site's a starts after it. */
    assert_int_equal(s->status, PLN_SOLVED_OPTIMAL);
    assert_true(s->lower_bound == 2.0);
    expect_start(f, "s1/a", "2026-01-05");
    expect_start(f, "s1/b", "2026-01-08");
    expect_start(f, "s2/a", "2026-01-10");
    expect_start(f, "s2/b", "2026-01-13");
    assert_true(s->objective_value == 2.0);
    assert_non_null(s->tranche_arrival);
    assert_int_equal(s->tranche_arrival[0], D("2026-01-05"));
    assert_int_equal(s->tranche_arrival[1], D("2026-01-10"));
    /* Only the root cause: s2/a; s2/b follows it by logic. */
    assert_int_equal(s->n_money_waits, 1);
    w = &s->money_waits[0];
    assert_int_equal(w->task, pln_model_find_task(f->m, "s2/a"));
    pln_date_format(w->could_start, a);
    assert_string_equal(a, "2026-01-05");
    assert_int_equal(w->money_from, D("2026-01-10"));
    assert_int_equal(w->days, 5);
    assert_int_equal(w->tranche, 1);
}

/* a pays 30,000 on its first day; b 10,000 on each of its two. */
static void test_money_payments(void **state)
{
    struct fx *f = *state;
    double amt[8];
    pln_date day[8];
    double total = 0;
    solve(f, SMALL);
    assert_int_equal(pays_of(f, "s1/a", amt, day, 8), 1);
    assert_true(amt[0] == 30000.0);
    assert_int_equal(day[0], D("2026-01-05"));
    assert_int_equal(pays_of(f, "s2/b", amt, day, 8), 2);
    assert_true(amt[0] == 10000.0 && amt[1] == 10000.0);
    assert_int_equal(day[0], D("2026-01-13"));
    assert_int_equal(day[1], D("2026-01-14"));
    /* In date order, then task. */
    for (size_t k = 0; k < f->s->n_payments; k++) {
        total += f->s->payments[k].amount;
        if (k > 0)
            assert_true(f->s->payments[k - 1].date <= f->s->payments[k].date);
    }
    assert_true(total == 100000.0);
}

/* 100 over 3 days: 33.333, 33.334, 33.333 (round(100 i / 3) in
 * thousandths, differenced); `finish` pays on the last day; a milestone
 * on its day, and a tranche waiting for it comes the day after. */
static void test_money_rounding_and_rules(void **state)
{
    struct fx *f = *state;
    double amt[8];
    pln_date day[8];
    solve(f, "templates:\n"
             "  - id: t\n"
             "    tasks:\n"
             "      - {id: a, duration: 3, cost: 100}\n"
             "      - {id: m, duration: 0, cost: 7, after: [a]}\n"
             "      - {id: b, duration: 2, cost: 50, spend: finish, "
             "after: [m]}\n"
             "      - {id: c, duration: 1, cost: 43, after: [b]}\n"
             "sites:\n"
             "  - {id: s, template: t}\n"
             "funding:\n"
             "  tranches:\n"
             "    - {id: first, date: 2026-01-01, amount: 157}\n"
             "    - {id: later, date: 2026-01-01, amount: 43, after: s/m}\n");
    assert_int_equal(pays_of(f, "s/a", amt, day, 8), 3);
    assert_true(amt[0] == 33.333 && amt[1] == 33.334 && amt[2] == 33.333);
    assert_int_equal(pays_of(f, "s/m", amt, day, 8), 1);
    assert_int_equal(day[0], D("2026-01-07"));
    assert_int_equal(pays_of(f, "s/b", amt, day, 8), 1);
    assert_int_equal(day[0], D("2026-01-09")); /* b: 8th and 9th */
    /* The milestone is reached on the 7th: `later` comes on the 8th,
     * before c needs it; dates before the start count as the start. */
    assert_int_equal(f->s->tranche_arrival[0], D("2026-01-05"));
    assert_int_equal(f->s->tranche_arrival[1], D("2026-01-08"));
    expect_start(f, "s/c", "2026-01-10");
    assert_int_equal(f->s->n_money_waits, 0);
}

/* Without crews the money still limits (no critical-path shortcut): the
 * second site waits for the second tranche. */
static void test_money_limits_without_crews(void **state)
{
    struct fx *f = *state;
    pln_schedule *s = solve(f, "templates:\n"
                               "  - id: t\n"
                               "    tasks:\n"
                               "      - {id: a, duration: 2, cost: 10, "
                               "spend: start}\n"
                               "sites:\n"
                               "  - {id: s1, template: t}\n"
                               "  - {id: s2, template: t}\n"
                               "funding:\n"
                               "  tranches:\n"
                               "    - {id: one, date: 2026-01-05, amount: "
                               "10}\n"
                               "    - {id: two, date: 2026-01-08, amount: "
                               "10}\n");
    assert_true(s->crews_limiting);
    expect_start(f, "s1/a", "2026-01-05");
    expect_start(f, "s2/a", "2026-01-08");
    assert_int_equal(s->n_money_waits, 1);
    assert_int_equal(s->money_waits[0].days, 3);
    assert_int_equal(s->money_waits[0].tranche, 1);
}

/* The central money waits for both sites' b, but the county's pays for
 * one site only: no schedule can pay for the work, and it is proven. */
static void test_money_infeasible_proven(void **state)
{
    struct fx *f = *state;
    char body[4096];
    const char *at;
    pln_schedule *s;
    snprintf(body, sizeof(body), "%s", SMALL);
    at = strstr(body, "after: s1/b}");
    assert_non_null(at);
    snprintf(body + (at - body), sizeof(body) - (size_t)(at - body),
             "after: [s1/b, s2/b]}\n");
    s = solve(f, body);
    assert_int_equal(s->status, PLN_SOLVED_INFEASIBLE);
    assert_int_equal(s->n_reasons, 1);
    print_message("%s\n", s->reasons[0]);
    assert_non_null(strstr(s->reasons[0],
                           "money: no schedule can pay for every task: the "
                           "tranches that can ever arrive bring 50000 but "
                           "the tasks cost 100000"));
}

/* The checker recounts the money: both sites at day 0 overspend. */
static void test_money_checker_rejects_overspending(void **state)
{
    struct fx *f = *state;
    struct pln_rc rc;
    pln_error err;
    char msg[400];
    int32_t st[4];
    solve(f, SMALL);
    pln_error_init(&err);
    assert_int_equal(pln__rc_init(&rc, f->m, 3 * 366, &err), PLN_OK);
    for (size_t j = 0; j < 4; j++)
        st[j] = f->s->tasks[j].es;
    assert_true(pln__rc_check(&rc, st, true, msg, sizeof(msg)));
    st[pln_model_find_task(f->m, "s2/a")] = st[pln_model_find_task(f->m,
                                                                   "s1/a")];
    st[pln_model_find_task(f->m, "s2/b")] = st[pln_model_find_task(f->m,
                                                                   "s1/b")];
    assert_false(pln__rc_check(&rc, st, true, msg, sizeof(msg)));
    assert_string_equal(msg, "on 2026-01-05 the tasks have spent 10000.000 "
                             "more than the tranches have brought");
    pln__rc_release(&rc);
}

/* s1: new build 150 m² (standard 120): subsidy 40,000, the county pays
 * the 30/150 above the standard (10,000) and 10,000 of the rest; it
 * draws all from the county's tranche. s2: repair 100 m², 10,000 + 10 x
 * 100 = 11,000; county share 39,000; it draws all from the central one. */
static void test_money_report(void **state)
{
    struct fx *f = *state;
    pln_error err;
    const struct pln_site_funding *a, *b;
    const struct pln_draw *d;
    pln_error_init(&err);
    solve(f, SMALL);
    assert_int_equal(pln_funding_report_build(f->s, &f->r, &err), PLN_OK);
    a = &f->r->sites[0];
    b = &f->r->sites[1];
    assert_true(a->cost == 50000 && a->subsidy == 40000);
    assert_true(a->above_standard == 10000 && a->county_share == 10000);
    assert_true(b->subsidy == 11000 && b->county_share == 39000);
    assert_true(b->above_standard == 0);
    assert_int_equal(a->n_draws, 1);
    d = &f->r->draws[a->first_draw];
    assert_int_equal(d->tranche, 0);
    assert_true(d->amount == 50000);
    assert_int_equal(d->first, D("2026-01-05"));
    assert_int_equal(d->last, D("2026-01-09"));
    assert_int_equal(b->n_draws, 1);
    assert_int_equal(f->r->draws[b->first_draw].tranche, 1);
    assert_int_equal(b->n_waits, 1);
    assert_true(f->r->drawn[0] == 50000 && f->r->drawn[1] == 50000);
    /* Weeks of 5 and 12 January: 100,000 in, 80,000 out; then 20,000. */
    assert_int_equal(f->r->n_weeks, 2);
    assert_true(f->r->weeks[0].arrived == 100000);
    assert_true(f->r->weeks[0].spent == 80000);
    assert_true(f->r->weeks[1].spent == 20000);
    assert_true(f->r->weeks[1].available == 100000);
    assert_true(f->r->weeks[1].committed == 100000);
    assert_true(f->r->least_balance == 0);
    assert_int_equal(f->r->least_balance_date, D("2026-01-09"));
}

/* A payment larger than what is left of the first tranche is split. */
static void test_money_draw_split(void **state)
{
    struct fx *f = *state;
    pln_error err;
    const struct pln_site_funding *sf;
    pln_error_init(&err);
    solve(f, "templates:\n"
             "  - id: t\n"
             "    tasks:\n"
             "      - {id: a, duration: 1, cost: 70}\n"
             "sites:\n"
             "  - {id: s1, template: t}\n"
             "  - {id: s2, template: t}\n"
             "funding:\n"
             "  tranches:\n"
             "    - {id: x, date: 2026-01-05, amount: 100}\n"
             "    - {id: y, date: 2026-01-05, amount: 40}\n");
    assert_int_equal(pln_funding_report_build(f->s, &f->r, &err), PLN_OK);
    sf = &f->r->sites[1];
    assert_int_equal(sf->n_draws, 2);
    assert_int_equal(f->r->draws[sf->first_draw].tranche, 0);
    assert_true(f->r->draws[sf->first_draw].amount == 30);
    assert_int_equal(f->r->draws[sf->first_draw + 1].tranche, 1);
    assert_true(f->r->draws[sf->first_draw + 1].amount == 40);
}

/* Without tranches nothing is paid out, but the site table stands. */
static void test_money_subsidies_only(void **state)
{
    struct fx *f = *state;
    pln_error err;
    pln_error_init(&err);
    solve(f, "crews:\n"
             "  - {id: c, count: 1}\n"
             "templates:\n"
             "  - id: t\n"
             "    tasks:\n"
             "      - {id: a, duration: 1, cost: 5000, crews: {c: 1}}\n"
             "sites:\n"
             "  - {id: s1, template: t, kind: conversion}\n"
             "funding:\n"
             "  subsidies:\n"
             "    - {kind: conversion, amount: 20000}\n");
    assert_null(f->s->tranche_arrival);
    assert_int_equal(f->s->n_payments, 0);
    assert_int_equal(pln_funding_report_build(f->s, &f->r, &err), PLN_OK);
    assert_true(f->r->sites[0].subsidy == 20000);
    assert_true(f->r->sites[0].county_share == 0);
    assert_int_equal(f->r->n_weeks, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_money_holds_back_a_site, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_money_payments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_money_rounding_and_rules, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_money_limits_without_crews, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_money_infeasible_proven, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_money_checker_rejects_overspending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_money_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_money_draw_split, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_money_subsidies_only, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
