/*
 * test_cpm.c -- unit tests of the calendar-aware critical path and the
 * countdown: each dependency kind with positive and negative lags, weekends,
 * holidays with make-up days, mixed calendars, milestones, release dates and
 * deadlines, floats, a horizon that must grow, and every expected date worked
 * out by hand from a wall calendar (2026-01-05 is a Monday).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pln_planner.h"

struct fx {
    pln_model *m;
    pln_schedule *s;
};

static char model_buf[8192];

/* A model: Mon-Fri calendar "wk" without holidays, a 7-day calendar "all",
 * start 2026-01-05 (Monday), one site "s" of a template holding `tasks`
 * (YAML lines), and `extra` appended at the end (deadlines). */
static pln_model *load(const char *tasks, const char *extra)
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
             "  - {id: cn, holidays: cn}\n"
             "templates:\n"
             "  - id: tp\n"
             "    tasks:\n%s"
             "sites:\n"
             "  - {id: s, template: tp}\n%s",
             tasks, extra ? extra : "");
    pln_diags_init(&d);
    m = pln_model_load_buffer("test.yaml", model_buf, strlen(model_buf), &d);
    for (size_t i = 0; i < d.count; i++)
        print_message("%d:%d: %s\n", d.items[i].line, d.items[i].column,
                      d.items[i].message);
    pln_diags_release(&d);
    return m;
}

static pln_schedule *plan(struct fx *f, const char *tasks, const char *extra)
{
    pln_error err;
    pln_error_init(&err);
    f->m = load(tasks, extra);
    assert_non_null(f->m);
    assert_int_equal(pln_cpm_schedule(f->m, &f->s, &err), PLN_OK);
    return f->s;
}

static int teardown(void **state)
{
    struct fx *f = *state;
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
    assert_true(t >= 0);
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

#define A3 "      - {id: a, duration: 3, calendar: wk}\n"

static void test_cpm_finish_start_over_weekend(void **state)
{
    struct fx *f = *state;
    plan(f, A3 "      - {id: b, duration: 4, calendar: wk, after: [a]}\n",
         NULL);
    expect(f, "s/a", "2026-01-05", "2026-01-07");
    expect(f, "s/b", "2026-01-08", "2026-01-13"); /* Thu, Fri, Mon, Tue */
    assert_int_equal(times(f, "s/b")->start_day, 3);
    assert_int_equal(f->s->makespan, 9);
}

static void test_cpm_lags_positive_and_negative(void **state)
{
    struct fx *f = *state;
    plan(f, A3 "      - {id: b, duration: 1, calendar: wk, after: [\"a FS+2\"]}\n"
               "      - {id: c, duration: 1, calendar: wk, after: [\"a -1\"]}\n"
               "      - {id: d, duration: 1, calendar: wk, after: [\"a SS+1\"]}\n"
               "      - {id: e, duration: 1, calendar: wk, after: [\"a SS-5\"]}\n",
         NULL);
    expect(f, "s/b", "2026-01-12", "2026-01-12"); /* Thu, Fri lag: Monday */
    expect(f, "s/c", "2026-01-07", "2026-01-07"); /* overlaps a's last day */
    expect(f, "s/d", "2026-01-06", "2026-01-06");
    expect(f, "s/e", "2026-01-05", "2026-01-05"); /* plan start holds */
}

static void test_cpm_finish_finish_and_start_finish(void **state)
{
    struct fx *f = *state;
    plan(f, A3 "      - {id: b, duration: 1, calendar: wk, after: [\"a FF\"]}\n"
               "      - {id: c, duration: 2, calendar: wk, after: [\"a FF+1\"]}\n"
               "      - {id: d, duration: 2, calendar: wk, after: [\"a SF+3\"]}\n",
         NULL);
    expect(f, "s/b", "2026-01-07", "2026-01-07");
    expect(f, "s/c", "2026-01-07", "2026-01-08");
    /* d must finish no earlier than 3 working days after a starts (Monday
     * morning): Wednesday evening, so it runs Tuesday to Wednesday. */
    expect(f, "s/d", "2026-01-06", "2026-01-07");
}

static void test_cpm_lag_from_a_day_off(void **state)
{
    struct fx *f = *state;
    /* p starts on a Monday; the point it starts at follows a weekend. A
     * lag of one working day reaches Monday evening, whatever the
     * successor's event: a finish or a milestone may be on Monday. */
    plan(f,
         "      - {id: p, duration: 3, calendar: wk}\n"
         "      - {id: sf, duration: 1, calendar: wk, after: [\"p SF+1\"]}\n"
         "      - {id: ms, duration: 0, calendar: wk, after: [\"p SS+1\"]}\n"
         "      - {id: w, duration: 6, calendar: all}\n"
         "      - {id: mw, duration: 0, calendar: wk, after: [\"w FS+1\"]}\n"
         "      - {id: m0, duration: 0, calendar: wk, after: [w]}\n",
         NULL);
    expect(f, "s/sf", "2026-01-05", "2026-01-05");
    expect(f, "s/ms", "2026-01-05", "2026-01-05");
    /* w ends Saturday: one working day later (Mon-Fri) is Monday; with no
     * lag the milestone is reached at the first evening after, Monday. */
    expect(f, "s/mw", "2026-01-12", "2026-01-12");
    expect(f, "s/m0", "2026-01-12", "2026-01-12");
}

static void test_cpm_milestones(void **state)
{
    struct fx *f = *state;
    plan(f,
         "      - {id: a, duration: 5, calendar: wk}\n"
         "      - {id: m, duration: 0, calendar: wk, after: [a]}\n"
         "      - {id: b, duration: 1, calendar: wk, after: [m]}\n"
         "      - {id: m0, duration: 0, calendar: wk}\n",
         NULL);
    expect(f, "s/a", "2026-01-05", "2026-01-09");
    expect(f, "s/m", "2026-01-09", "2026-01-09"); /* reached Friday */
    expect(f, "s/b", "2026-01-12", "2026-01-12");
    expect(f, "s/m0", "2026-01-05", "2026-01-05");
}

static void test_cpm_mixed_calendars(void **state)
{
    struct fx *f = *state;
    plan(f,
         "      - {id: a, duration: 6, calendar: all}\n"
         "      - {id: b, duration: 1, calendar: wk, after: [a]}\n"
         "      - {id: c, duration: 2, calendar: all, after: [\"a FS+1\"]}\n",
         NULL);
    expect(f, "s/a", "2026-01-05", "2026-01-10"); /* ends Saturday */
    expect(f, "s/b", "2026-01-12", "2026-01-12");
    /* The lag counts in c's own 7-day calendar: Sunday is the lag day. */
    expect(f, "s/c", "2026-01-12", "2026-01-13");
}

static void test_cpm_holidays_and_makeup_days(void **state)
{
    struct fx *f = *state;
    /* 2026 Spring Festival: 02-14 (Sat) is a make-up working day, 02-15 to
     * 02-23 are off, 02-28 (Sat) is a make-up working day. */
    plan(f,
         "      - {id: a, duration: 4, calendar: cn}\n"
         "      - {id: b, duration: 2, calendar: cn, after: [a]}\n",
         "deadlines:\n"
         "  - {id: go, task: a, start_not_before: 2026-02-12}\n");
    expect(f, "s/a", "2026-02-12", "2026-02-24"); /* Thu, Fri, Sat 14, Tue 24 */
    expect(f, "s/b", "2026-02-25", "2026-02-26");
}

static void test_cpm_floats_and_critical_path(void **state)
{
    struct fx *f = *state;
    plan(f,
         "      - {id: a, duration: 5, calendar: wk}\n"
         "      - {id: b, duration: 2, calendar: wk}\n"
         "      - {id: c, duration: 1, calendar: wk, after: [a, b]}\n",
         NULL);
    assert_int_equal(times(f, "s/a")->total_float, 0);
    assert_true(times(f, "s/a")->critical);
    assert_int_equal(times(f, "s/b")->total_float, 3);
    assert_false(times(f, "s/b")->critical);
    expect(f, "s/c", "2026-01-12", "2026-01-12");
    {
        char ls[11];
        pln_date_format(times(f, "s/b")->late_start, ls);
        assert_string_equal(ls, "2026-01-08");
    }
}

static void test_cpm_deadlines_met_and_late(void **state)
{
    struct fx *f = *state;
    const struct pln_deadline_result *d0, *d1;
    plan(f,
         "      - {id: a, duration: 10, calendar: wk}\n"
         "      - {id: b, duration: 5, calendar: wk, after: [a]}\n",
         "deadlines:\n"
         "  - {id: early, task: b, finish_by: 2026-01-20}\n"
         "  - {id: month, finish_by: 2026-01}\n");
    assert_int_equal(f->s->n_deadlines, 2);
    d0 = &f->s->deadlines[0];
    d1 = &f->s->deadlines[1];
    /* b finishes Fri 2026-01-23: 3 working days after the 20th. */
    assert_false(d0->met);
    assert_int_equal(d0->slack, -3);
    assert_true(d1->met);
    assert_int_equal(d1->slack, 5); /* 26..30 January */
    {
        char s[11];
        pln_date_format(d1->date, s);
        assert_string_equal(s, "2026-01-30"); /* last working day */
    }
    assert_int_equal(f->s->n_late, 1);
    /* The late deadline pulls floats negative along its chain. */
    assert_int_equal(times(f, "s/a")->total_float, -3);
    assert_true(times(f, "s/a")->critical);
}

static void test_cpm_start_within_month(void **state)
{
    struct fx *f = *state;
    plan(f,
         "      - {id: prep, duration: 30, calendar: wk}\n"
         "      - {id: go, duration: 0, calendar: wk, after: [prep]}\n"
         "      - {id: work, duration: 3, calendar: wk}\n",
         "deadlines:\n"
         "  - {id: ground, task: go, start_within: 2026-02}\n"
         "  - {id: in-march, task: work, start_within: 2026-03}\n");
    /* prep ends Fri 2026-02-13: the milestone falls in February. */
    expect(f, "s/go", "2026-02-13", "2026-02-13");
    assert_true(f->s->deadlines[0].met);
    /* work may not start before March: released to Mon 2026-03-02. */
    expect(f, "s/work", "2026-03-02", "2026-03-04");
    assert_true(f->s->deadlines[1].met);
}

static void test_cpm_horizon_grows(void **state)
{
    struct fx *f = *state;
    /* About 40 years of work: far past the first horizon guess. */
    plan(f,
         "      - {id: a, duration: 5000, calendar: all}\n"
         "      - {id: b, duration: 5000, calendar: wk, after: [a]}\n",
         NULL);
    expect(f, "s/a", "2026-01-05", "2039-09-13"); /* a Tuesday */
    /* 5000 Mon-Fri days = 1000 weeks, from Wednesday to Tuesday. */
    expect(f, "s/b", "2039-09-14", "2058-11-12");
}

static void test_cpm_countdown(void **state)
{
    struct fx *f = *state;
    pln_countdown *c = NULL;
    pln_error err;
    pln_error_init(&err);
    plan(f,
         "      - {id: a, duration: 5, calendar: wk}\n"
         "      - {id: b, duration: 5, calendar: wk, after: [a]}\n"
         "      - {id: x, duration: 1, calendar: wk}\n",
         "deadlines:\n"
         "  - {id: due, task: b, finish_by: 2026-01-30}\n");
    assert_int_equal(pln_countdown_build(f->s, f->m->start, &c, &err),
                     PLN_OK);
    /* Only a and b lead to the deadline; x does not. */
    assert_int_equal(c->n_rows, 2);
    {
        char ls[11];
        pln_date_format(c->rows[0].latest_start, ls);
        assert_string_equal(ls, "2026-01-19"); /* a: 19..23, b: 26..30 */
        assert_int_equal(c->rows[0].days_left, 10);
        assert_int_equal(c->rows[0].task, pln_model_find_task(f->m, "s/a"));
        pln_date_format(c->rows[1].latest_start, ls);
        assert_string_equal(ls, "2026-01-26");
        assert_int_equal(c->rows[1].days_left, 15);
    }
    pln_countdown_free(c);
}

static void test_cpm_cross_site_dependency(void **state)
{
    struct fx *f = *state;
    pln_diags d;
    pln_error err;
    static const char text[] =
        "program: {id: t, name: T, start: 2026-01-05}\n"
        "calendars: [{id: wk, holidays: none}]\n"
        "templates:\n"
        "  - {id: tp, tasks: [{id: a, duration: 2}]}\n"
        "sites:\n"
        "  - {id: p, template: tp}\n"
        "  - id: q\n"
        "    template: tp\n"
        "    tasks: [{id: follow, duration: 1, after: [p/a, a]}]\n";
    pln_diags_init(&d);
    pln_error_init(&err);
    f->m = pln_model_load_buffer("x.yaml", text, sizeof(text) - 1, &d);
    assert_non_null(f->m);
    pln_diags_release(&d);
    assert_int_equal(pln_cpm_schedule(f->m, &f->s, &err), PLN_OK);
    expect(f, "q/follow", "2026-01-07", "2026-01-07");
}

static void test_cpm_outputs_render(void **state)
{
    struct fx *f = *state;
    pln_countdown *c = NULL;
    pln_error err;
    char *out = NULL;
    size_t len = 0;
    pln_error_init(&err);
    plan(f, A3, "deadlines:\n  - {id: due, task: a, finish_by: 2026-01-30}\n");
    assert_int_equal(pln_countdown_build(f->s, f->m->start, &c, &err),
                     PLN_OK);
    assert_int_equal(pln_write_schedule_json(f->s, &out, &len, &err), PLN_OK);
    assert_non_null(strstr(out, "\"id\": \"s/a\""));
    assert_non_null(strstr(out, "\"makespan\": 3"));
    free(out);
    assert_int_equal(pln_write_countdown_csv(f->s, c, &out, &len, &err),
                     PLN_OK);
    assert_non_null(strstr(out, "due,due,finish_by,2026-01-30,s,s,s/a"));
    free(out);
    pln_countdown_free(c);
}

static void test_cpm_text_width(void **state)
{
    (void)state;
    assert_int_equal(pln_text_width("abc"), 3);
    assert_int_equal(pln_text_width("大闵村"), 6);
    assert_int_equal(pln_text_width("D-4 村"), 6);
    assert_int_equal(pln_text_width(""), 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_cpm_finish_start_over_weekend),
        T(test_cpm_lags_positive_and_negative),
        T(test_cpm_finish_finish_and_start_finish),
        T(test_cpm_lag_from_a_day_off),
        T(test_cpm_milestones),
        T(test_cpm_mixed_calendars),
        T(test_cpm_holidays_and_makeup_days),
        T(test_cpm_floats_and_critical_path),
        T(test_cpm_deadlines_met_and_late),
        T(test_cpm_start_within_month),
        T(test_cpm_horizon_grows),
        T(test_cpm_countdown),
        T(test_cpm_cross_site_dependency),
        T(test_cpm_outputs_render),
        T(test_cpm_text_width),
    };
#undef T
    return cmocka_run_group_tests_name("cpm", tests, NULL, NULL);
}
