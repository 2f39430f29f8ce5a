/*
 * test_calendar.c -- unit tests of the working-time calendars: the bundled
 * Chinese holiday data and pln_calset (weekday patterns, public holidays
 * with make-up days, extends chains, work_through, priorities, model-declared
 * holiday years, the O(1) queries and the out-of-memory path).
 *
 * Models are built by hand here (zeroed structs over static arrays), so the
 * tests do not depend on the loader.
 */
/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <string.h>

#include "pln_alloc.h"
#include "pln_calendar.h"

#define MON_SAT 0x3f
#define ALL_WEEK 0x7f

static pln_date D(int y, int m, int d)
{
    return pln_date_from_ymd(y, m, d);
}

/* A calendar with nothing of its own: inherits everything. */
static struct pln_calendar_def cal_def(const char *id, int parent, int weekdays,
                                       enum pln_holiday_source holidays)
{
    struct pln_calendar_def c;
    memset(&c, 0, sizeof(c));
    c.id = id;
    c.name = id;
    c.parent = parent;
    c.weekdays = weekdays;
    c.holidays = holidays;
    return c;
}

static pln_model model_of(struct pln_calendar_def *cals, size_t n)
{
    pln_model m;
    memset(&m, 0, sizeof(m));
    m.source = "test.yaml";
    m.calendars = cals;
    m.n_calendars = n;
    return m;
}

static pln_calset *build(const pln_model *m, pln_date first, pln_date last)
{
    pln_calset *cs = NULL;
    pln_error err;
    pln_error_init(&err);
    assert_int_equal(pln_calset_build(m, first, last, &cs, &err), PLN_OK);
    assert_int_equal(err.code, PLN_OK);
    assert_non_null(cs);
    return cs;
}

/* Working days of `cal` in [from, to], counted one by one. */
static int32_t count_days(const pln_calset *cs, int cal, pln_date from,
                          pln_date to)
{
    int32_t n = 0;
    pln_date d;
    for (d = from; d <= to; d++)
        n += pln_calset_is_working(cs, cal, d);
    return n;
}

/*
 * The invariants every compiled calendar must satisfy: W is the prefix count
 * of is_working, nth enumerates exactly the working days in order, and
 * count_before/nth are inverse on working days.
 */
static void check_consistent(const pln_calset *cs, int cal)
{
    pln_date first = pln_calset_first(cs), last = pln_calset_last(cs), d;
    int32_t size = pln_calset_size(cs, cal), k, w = 0;

    for (d = first; d <= last; d++) {
        bool work = pln_calset_is_working(cs, cal, d);
        assert_int_equal(pln_calset_count_before(cs, cal, d), w);
        if (work) {
            assert_int_equal(pln_calset_nth(cs, cal, w), d);
            w++;
        }
        assert_int_equal(pln_calset_count_before(cs, cal, d + 1), w);
    }
    assert_int_equal(size, w);
    assert_int_equal(pln_calset_count_before(cs, cal, last + 1), size);
    for (k = 0; k < size; k++) {
        d = pln_calset_nth(cs, cal, k);
        assert_true(pln_calset_is_working(cs, cal, d));
        assert_int_equal(pln_calset_count_before(cs, cal, d), k);
        if (k > 0)
            assert_true(d > pln_calset_nth(cs, cal, k - 1));
    }
}

/* ------------------------------------------------------- bundled data */

static void test_holidays_cn_bundled_years(void **state)
{
    static const struct {
        int year, off, makeup;
    } want[] = {{2022, 31, 7},
                {2023, 27, 7},
                {2024, 28, 8},
                {2025, 28, 5},
                {2026, 33, 6}};
    const struct pln_holiday_day *days = NULL;
    int first = 0, last = 0;
    size_t i, j;
    (void)state;

    pln_holidays_cn_range(&first, &last);
    assert_int_equal(first, 2022);
    assert_int_equal(last, 2026);

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        size_t n = pln_holidays_cn_year(want[i].year, &days);
        int off = 0, makeup = 0;
        assert_non_null(days);
        assert_int_equal(n, (size_t)(want[i].off + want[i].makeup));
        for (j = 0; j < n; j++) {
            int y, m, d;
            pln_date_to_ymd(days[j].date, &y, &m, &d);
            /* The notice year, or December of the year before. */
            assert_true(y == want[i].year ||
                        (y == want[i].year - 1 && m == 12));
            assert_non_null(days[j].name);
            assert_true(strlen(days[j].name) > 0);
            if (j > 0)
                assert_true(days[j].date > days[j - 1].date);
            if (days[j].off)
                off++;
            else
                makeup++;
        }
        assert_int_equal(off, want[i].off);
        assert_int_equal(makeup, want[i].makeup);
    }

    days = (const struct pln_holiday_day *)&first; /* must be reset */
    assert_int_equal(pln_holidays_cn_year(2027, &days), 0);
    assert_null(days);
    assert_int_equal(pln_holidays_cn_year(2021, &days), 0);
    assert_int_equal(pln_holidays_cn_year(0, &days), 0);

    /* 2023's notice starts with New Year's Eve 2022. */
    assert_int_equal(pln_holidays_cn_year(2023, &days), 34);
    assert_int_equal(days[0].date, D(2022, 12, 31));
    assert_true(days[0].off);
    assert_string_equal(days[0].name, "元旦");

    /* 2026 Spring Festival: Saturday 14 Feb is a make-up working day. */
    pln_holidays_cn_year(2026, &days);
    assert_int_equal(days[4].date, D(2026, 2, 14));
    assert_false(days[4].off);
    assert_string_equal(days[4].name, "春节");
}

/* --------------------------------------------------- public holidays */

static void test_calset_makeup_days_spring_festival_2026(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("plain", -1, -1, PLN_HOLIDAYS_NONE),
    };
    pln_model m = model_of(cals, 2);
    pln_calset *cs = build(&m, D(2026, 1, 1), D(2026, 12, 31));
    pln_date d;
    (void)state;

    assert_int_equal(pln_date_weekday(D(2026, 2, 14)), 5); /* Saturday */
    assert_true(pln_calset_is_working(cs, 0, D(2026, 2, 13)));
    assert_true(pln_calset_is_working(cs, 0, D(2026, 2, 14)));
    for (d = D(2026, 2, 15); d <= D(2026, 2, 23); d++)
        assert_false(pln_calset_is_working(cs, 0, d));
    assert_true(pln_calset_is_working(cs, 0, D(2026, 2, 24)));
    assert_true(pln_calset_is_working(cs, 0, D(2026, 2, 28))); /* Sat */
    assert_false(pln_calset_is_working(cs, 0, D(2026, 3, 1))); /* Sun */
    /* New Year: Sunday 4 January is a make-up day. */
    assert_false(pln_calset_is_working(cs, 0, D(2026, 1, 2)));
    assert_true(pln_calset_is_working(cs, 0, D(2026, 1, 4)));

    /* Without holidays the same days follow the plain week. */
    assert_false(pln_calset_is_working(cs, 1, D(2026, 2, 14)));
    assert_true(pln_calset_is_working(cs, 1, D(2026, 2, 16)));

    /* Across the festival: working days 13, 14 then 24 February. */
    assert_int_equal(
        pln_calset_nth(cs, 0,
                       pln_calset_count_before(cs, 0, D(2026, 2, 14)) + 1),
        D(2026, 2, 24));
    assert_int_equal(count_days(cs, 0, D(2026, 2, 1), D(2026, 2, 28)), 16);
    assert_int_equal(pln_calset_size(cs, 0), 248);
    assert_int_equal(pln_calset_size(cs, 1), 261);
    check_consistent(cs, 0);
    check_consistent(cs, 1);
    pln_calset_free(cs);
}

static void test_calset_holidays_on_weekends(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("six", 0, MON_SAT, PLN_HOLIDAYS_INHERIT),
        cal_def("seven", 0, ALL_WEEK, PLN_HOLIDAYS_INHERIT),
    };
    pln_model m = model_of(cals, 3);
    pln_calset *cs = build(&m, D(2022, 1, 1), D(2026, 12, 31));
    (void)state;

    /* Qingming 2026: Sat 4 - Mon 6 April; Saturday already off. */
    assert_false(pln_calset_is_working(cs, 0, D(2026, 4, 4)));
    assert_false(pln_calset_is_working(cs, 0, D(2026, 4, 6)));
    /* A six-day week loses the Saturday to the holiday... */
    assert_false(pln_calset_is_working(cs, 1, D(2026, 4, 4)));
    assert_false(pln_calset_is_working(cs, 1, D(2026, 4, 5)));
    assert_false(pln_calset_is_working(cs, 1, D(2026, 4, 6)));
    assert_true(pln_calset_is_working(cs, 1, D(2026, 4, 11)));
    /* ...and a seven-day week the Sunday too. */
    assert_false(pln_calset_is_working(cs, 2, D(2026, 4, 5)));
    assert_true(pln_calset_is_working(cs, 2, D(2026, 4, 12)));
    /* 2022 New Year: Sat 1 - Mon 3 January. */
    assert_false(pln_calset_is_working(cs, 2, D(2022, 1, 1)));
    assert_false(pln_calset_is_working(cs, 2, D(2022, 1, 2)));
    assert_false(pln_calset_is_working(cs, 0, D(2022, 1, 3)));
    assert_true(pln_calset_is_working(cs, 0, D(2022, 1, 4)));
    /* Make-up days are working whatever the pattern says. */
    assert_true(pln_calset_is_working(cs, 0, D(2022, 1, 29))); /* Sat */
    assert_true(pln_calset_is_working(cs, 0, D(2022, 1, 30))); /* Sun */
    assert_true(pln_calset_is_working(cs, 1, D(2022, 1, 30)));

    /* Known yearly totals of the standard week. */
    assert_int_equal(count_days(cs, 0, D(2022, 1, 1), D(2022, 12, 31)), 249);
    assert_int_equal(count_days(cs, 0, D(2023, 1, 1), D(2023, 12, 31)), 249);
    assert_int_equal(count_days(cs, 0, D(2024, 1, 1), D(2024, 12, 31)), 251);
    assert_int_equal(count_days(cs, 0, D(2025, 1, 1), D(2025, 12, 31)), 248);
    assert_int_equal(count_days(cs, 0, D(2026, 1, 1), D(2026, 12, 31)), 248);
    assert_int_equal(pln_calset_size(cs, 0), 1245);
    check_consistent(cs, 0);
    check_consistent(cs, 1);
    check_consistent(cs, 2);
    pln_calset_free(cs);
}

static void test_calset_year_boundary(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("seven", -1, ALL_WEEK, PLN_HOLIDAYS_CN),
        cal_def("no-ny22", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("no-ny23", 0, -1, PLN_HOLIDAYS_INHERIT),
    };
    struct pln_work_through wt22 = {
        "元旦", 2022, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}};
    struct pln_work_through wt23 = {
        "元旦", 2023, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}};
    pln_model m;
    pln_calset *cs;
    (void)state;

    cals[1].work_through = &wt22;
    cals[1].n_work_through = 1;
    cals[2].work_through = &wt23;
    cals[2].n_work_through = 1;
    m = model_of(cals, 3);

    /* The 2023 notice's 31 December 2022 is applied, whichever side of the
     * new year the horizon starts on. */
    cs = build(&m, D(2022, 12, 31), D(2023, 1, 31));
    assert_false(pln_calset_is_working(cs, 0, D(2022, 12, 31)));
    assert_false(pln_calset_is_working(cs, 0, D(2023, 1, 1)));
    assert_false(pln_calset_is_working(cs, 0, D(2023, 1, 2)));
    assert_true(pln_calset_is_working(cs, 0, D(2023, 1, 3)));
    assert_int_equal(pln_calset_count_before(cs, 0, D(2023, 1, 3)), 0);
    assert_int_equal(pln_calset_nth(cs, 0, 0), D(2023, 1, 3));
    pln_calset_free(cs);

    cs = build(&m, D(2022, 12, 1), D(2023, 1, 31));
    assert_true(pln_calset_is_working(cs, 0, D(2022, 12, 30)));
    assert_false(pln_calset_is_working(cs, 0, D(2022, 12, 31)));
    /* work_through New Year 2022 takes the calendar year of the date:
     * 31 December 2022 (listed by the 2023 notice) but not January 2023. */
    assert_true(pln_calset_is_working(cs, 1, D(2022, 12, 31)));
    assert_false(pln_calset_is_working(cs, 1, D(2023, 1, 1)));
    assert_false(pln_calset_is_working(cs, 1, D(2023, 1, 2)));
    assert_false(pln_calset_is_working(cs, 2, D(2022, 12, 31)));
    assert_true(pln_calset_is_working(cs, 2, D(2023, 1, 1)));
    assert_true(pln_calset_is_working(cs, 2, D(2023, 1, 2)));
    check_consistent(cs, 0);
    check_consistent(cs, 1);
    check_consistent(cs, 2);
    pln_calset_free(cs);

    /* New Year's Day 2022 itself is in the 2022 notice. */
    cs = build(&m, D(2021, 12, 25), D(2022, 1, 10));
    assert_true(pln_calset_is_working(cs, 0, D(2021, 12, 31)));
    assert_false(pln_calset_is_working(cs, 0, D(2022, 1, 1)));
    assert_true(pln_calset_is_working(cs, 1, D(2022, 1, 1)));
    assert_true(pln_calset_is_working(cs, 1, D(2022, 1, 3)));
    pln_calset_free(cs);
}

static void test_calset_leap_year(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("plain", -1, -1, PLN_HOLIDAYS_NONE),
    };
    pln_model m = model_of(cals, 2);
    pln_calset *cs = build(&m, D(2023, 6, 1), D(2024, 6, 30));
    int32_t k;
    (void)state;

    assert_int_equal(pln_date_weekday(D(2024, 2, 29)), 3); /* Thursday */
    assert_true(pln_calset_is_working(cs, 0, D(2024, 2, 29)));
    k = pln_calset_count_before(cs, 0, D(2024, 2, 29));
    assert_int_equal(pln_calset_nth(cs, 0, k), D(2024, 2, 29));
    assert_int_equal(pln_calset_nth(cs, 0, k - 1), D(2024, 2, 28));
    assert_int_equal(pln_calset_nth(cs, 0, k + 1), D(2024, 3, 1));
    assert_int_equal(pln_calset_count_before(cs, 0, D(2024, 3, 1)) -
                         pln_calset_count_before(cs, 0, D(2024, 2, 1)),
                     18);
    assert_int_equal(count_days(cs, 1, D(2024, 2, 1), D(2024, 2, 29)), 21);
    pln_calset_free(cs);

    /* A whole leap year without holidays: 366 days from a Monday. */
    cs = build(&m, D(2024, 1, 1), D(2024, 12, 31));
    assert_int_equal(pln_calset_last(cs) - pln_calset_first(cs) + 1, 366);
    assert_int_equal(pln_calset_size(cs, 1), 262);
    assert_int_equal(pln_calset_size(cs, 0), 251);
    check_consistent(cs, 0);
    check_consistent(cs, 1);
    pln_calset_free(cs);
}

/* ------------------------------------------------- patterns and ranges */

static void test_calset_weekday_patterns(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("default", -1, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("six", -1, MON_SAT, PLN_HOLIDAYS_NONE),
        cal_def("none", -1, 0, PLN_HOLIDAYS_NONE),
        cal_def("tue-thu", -1, 0x02 | 0x08, PLN_HOLIDAYS_NONE),
        cal_def("weekend", -1, 0x60, PLN_HOLIDAYS_NONE),
    };
    pln_model m = model_of(cals, 5);
    /* Monday 2 March - Sunday 29 March 2026: four whole weeks. */
    pln_calset *cs = build(&m, D(2026, 3, 2), D(2026, 3, 29));
    pln_date d;
    int c;
    (void)state;

    assert_int_equal(pln_date_weekday(D(2026, 3, 2)), 0);
    assert_int_equal(pln_calset_size(cs, 0), 20);
    assert_int_equal(pln_calset_size(cs, 1), 24);
    assert_int_equal(pln_calset_size(cs, 2), 0);
    assert_int_equal(pln_calset_size(cs, 3), 8);
    assert_int_equal(pln_calset_size(cs, 4), 8);
    for (d = D(2026, 3, 2); d <= D(2026, 3, 29); d++) {
        int wd = pln_date_weekday(d);
        assert_int_equal(pln_calset_is_working(cs, 0, d), wd < 5);
        assert_int_equal(pln_calset_is_working(cs, 1, d), wd < 6);
        assert_false(pln_calset_is_working(cs, 2, d));
        assert_int_equal(pln_calset_is_working(cs, 3, d), wd == 1 || wd == 3);
        assert_int_equal(pln_calset_is_working(cs, 4, d), wd >= 5);
    }
    /* A calendar without working days: every index is past the end. */
    assert_int_equal(pln_calset_nth(cs, 2, 0), D(2026, 3, 30));
    assert_int_equal(pln_calset_count_before(cs, 2, D(2026, 3, 30)), 0);
    assert_int_equal(pln_calset_nth(cs, 1, 5), D(2026, 3, 7)); /* Sat */
    assert_int_equal(pln_calset_nth(cs, 1, 6), D(2026, 3, 9)); /* Mon */
    for (c = 0; c < 5; c++)
        check_consistent(cs, c);
    pln_calset_free(cs);
}

static void test_calset_long_range_30_years(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("plain", -1, -1, PLN_HOLIDAYS_NONE),
        cal_def("six", 0, MON_SAT, PLN_HOLIDAYS_INHERIT),
    };
    pln_model m = model_of(cals, 3);
    pln_calset *cs = build(&m, D(2000, 1, 1), D(2029, 12, 31));
    int32_t plain = 0, six = 0;
    pln_date d;
    int c;
    (void)state;

    assert_int_equal(pln_calset_last(cs) - pln_calset_first(cs) + 1,
                     30 * 365 + 8); /* 2000 ... 2028: eight leap years */
    for (d = D(2000, 1, 1); d <= D(2029, 12, 31); d++) {
        plain += pln_date_weekday(d) < 5;
        six += pln_date_weekday(d) < 6;
    }
    assert_int_equal(pln_calset_size(cs, 1), plain);
    /* Holidays only change 2022-2026 (and New Year's Eve 2022). */
    assert_int_equal(pln_calset_size(cs, 0),
                     plain - count_days(cs, 1, D(2022, 1, 1), D(2026, 12, 31)) +
                         1245);
    assert_true(pln_calset_size(cs, 2) < six);
    assert_int_equal(pln_calset_count_before(cs, 0, D(2022, 1, 1)),
                     pln_calset_count_before(cs, 1, D(2022, 1, 1)));
    for (c = 0; c < 3; c++)
        check_consistent(cs, c);
    pln_calset_free(cs);
}

static void test_calset_clamps_out_of_range(void **state)
{
    struct pln_calendar_def cals[] = {cal_def("std", -1, -1, PLN_HOLIDAYS_CN)};
    pln_model m = model_of(cals, 1);
    pln_date first = D(2026, 2, 1), last = D(2026, 2, 28);
    pln_calset *cs = build(&m, first, last);
    int32_t size = pln_calset_size(cs, 0);
    (void)state;

    assert_int_equal(pln_calset_first(cs), first);
    assert_int_equal(pln_calset_last(cs), last);
    assert_false(pln_calset_in_range(cs, first - 1));
    assert_true(pln_calset_in_range(cs, first));
    assert_true(pln_calset_in_range(cs, last + 1));
    assert_false(pln_calset_in_range(cs, last + 2));
    assert_int_equal(size, 16);
    assert_int_equal(pln_calset_count_before(cs, 0, first - 100), 0);
    assert_int_equal(pln_calset_count_before(cs, 0, last + 1), size);
    assert_int_equal(pln_calset_count_before(cs, 0, last + 100), size);
    assert_false(pln_calset_is_working(cs, 0, first - 2)); /* a Friday */
    assert_false(pln_calset_is_working(cs, 0, last + 2));  /* a Monday */
    assert_int_equal(pln_calset_nth(cs, 0, -5), pln_calset_nth(cs, 0, 0));
    assert_int_equal(pln_calset_nth(cs, 0, size), last + 1);
    assert_int_equal(pln_calset_nth(cs, 0, size + 100), last + 1);
    pln_calset_free(cs);
}

static void test_calset_build_rejects_bad_horizon(void **state)
{
    struct pln_calendar_def cals[] = {cal_def("std", -1, -1, PLN_HOLIDAYS_CN)};
    pln_model m = model_of(cals, 1);
    pln_calset *cs = (pln_calset *)&m;
    pln_error err;
    (void)state;

    pln_error_init(&err);
    assert_int_equal(
        pln_calset_build(&m, D(2026, 1, 2), D(2026, 1, 1), &cs, &err),
        PLN_ERANGE);
    assert_null(cs);
    assert_int_equal(err.code, PLN_ERANGE);

    pln_error_init(&err);
    assert_int_equal(pln_calset_build(&m, D(2000, 1, 1),
                                      D(2000, 1, 1) + PLN_CALSET_MAX_DAYS, &cs,
                                      &err),
                     PLN_ERANGE);
    assert_null(cs);

    /* Exactly the maximum is fine; a single day too. */
    cs = build(&m, D(2000, 1, 1), D(2000, 1, 1) + PLN_CALSET_MAX_DAYS - 1);
    pln_calset_free(cs);
    cs = build(&m, D(2026, 2, 14), D(2026, 2, 14));
    assert_int_equal(pln_calset_size(cs, 0), 1);
    assert_int_equal(pln_calset_nth(cs, 0, 0), D(2026, 2, 14));
    pln_calset_free(cs);
    pln_calset_free(NULL);

    /* A model without calendars compiles to an empty set. */
    m = model_of(NULL, 0);
    cs = build(&m, D(2026, 1, 1), D(2026, 12, 31));
    pln_calset_free(cs);
}

/* ------------------------------------------------- chains and overrides */

static void test_calset_extends_chain(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("concrete", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("concrete-6d", 1, MON_SAT, PLN_HOLIDAYS_INHERIT),
        cal_def("std-copy", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("no-holidays", 2, -1, PLN_HOLIDAYS_NONE),
        cal_def("back-to-5d", 2, PLN_WEEKDAYS_MON_FRI, PLN_HOLIDAYS_INHERIT),
    };
    struct pln_day_range winter = {
        D(2027, 1, 10), D(2027, 2, 20), "winter stop", {0, 0, false}};
    pln_model m;
    pln_calset *cs;
    int c;
    (void)state;

    cals[1].days_off = &winter;
    cals[1].n_days_off = 1;
    m = model_of(cals, 6);
    cs = build(&m, D(2026, 9, 1), D(2027, 3, 31));

    /* The root is untouched by its child's winter stop. */
    assert_true(pln_calset_is_working(cs, 0, D(2027, 1, 11)));
    /* The child and grandchild stop over winter. */
    assert_true(pln_calset_is_working(cs, 1, D(2027, 1, 8)));
    assert_false(pln_calset_is_working(cs, 1, D(2027, 1, 11)));
    assert_false(pln_calset_is_working(cs, 1, D(2027, 2, 19)));
    assert_true(pln_calset_is_working(cs, 1, D(2027, 2, 22)));
    assert_false(pln_calset_is_working(cs, 2, D(2027, 1, 16))); /* Sat */
    assert_false(pln_calset_is_working(cs, 2, D(2027, 2, 20))); /* Sat */
    assert_true(pln_calset_is_working(cs, 2, D(2027, 2, 27)));  /* Sat */
    assert_int_equal(
        pln_calset_nth(cs, 2, pln_calset_count_before(cs, 2, D(2027, 1, 10))),
        D(2027, 2, 22));
    /* The grandchild's own week, with the inherited holidays. */
    assert_true(pln_calset_is_working(cs, 2, D(2026, 10, 17)));  /* Sat */
    assert_false(pln_calset_is_working(cs, 2, D(2026, 10, 18))); /* Sun */
    assert_false(pln_calset_is_working(cs, 2, D(2026, 10, 3)));  /* Sat */
    assert_true(pln_calset_is_working(cs, 2, D(2026, 10, 10)));  /* make-up */
    assert_false(pln_calset_is_working(cs, 1, D(2026, 10, 17)));
    /* Below it, holidays switched off but the week and winter inherited. */
    assert_true(pln_calset_is_working(cs, 4, D(2026, 10, 3)));
    assert_false(pln_calset_is_working(cs, 4, D(2027, 1, 16)));
    assert_true(pln_calset_is_working(cs, 4, D(2026, 10, 17)));
    /* The nearest week wins: a grandchild's Mon-Fri over Mon-Sat. */
    assert_false(pln_calset_is_working(cs, 5, D(2026, 10, 17)));
    assert_int_equal(pln_calset_size(cs, 5), pln_calset_size(cs, 1));
    /* Identical calendars answer identically; others stay distinct. */
    assert_int_equal(pln_calset_size(cs, 3), pln_calset_size(cs, 0));
    assert_int_equal(pln_calset_size(cs, 1), pln_calset_size(cs, 0) - 30);
    for (c = 0; c < 6; c++)
        check_consistent(cs, c);
    pln_calset_free(cs);
}

static void test_calset_parent_cycle_is_bounded(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("a", 1, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("b", 0, MON_SAT, PLN_HOLIDAYS_INHERIT),
        cal_def("c", 7, -1, PLN_HOLIDAYS_INHERIT), /* bad index */
    };
    pln_model m = model_of(cals, 3);
    pln_calset *cs;
    (void)state;

    /* The loader rejects this; the compiler must still terminate. */
    cs = build(&m, D(2026, 3, 2), D(2026, 3, 8));
    assert_int_equal(pln_calset_size(cs, 0), 6);
    assert_int_equal(pln_calset_size(cs, 1), 6);
    assert_int_equal(pln_calset_size(cs, 2), 5);
    assert_int_equal(
        pln_calset_missing_holiday_years(&m, 0, 2026, 2027, NULL, NULL), 0);
    pln_calset_free(cs);
}

static void test_calset_work_through_labour_day_2026(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("may-works", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("mid-autumn", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("bad-names", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("range", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("none", 1, -1, PLN_HOLIDAYS_NONE),
        cal_def("combined", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("may-9-stop", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("may-9-stop-wt", 7, -1, PLN_HOLIDAYS_INHERIT),
    };
    struct pln_work_through may = {
        "劳动节", 2026, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}};
    struct pln_work_through autumn = {
        "中秋节", 2025, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}};
    struct pln_work_through bad[] = {
        {"国庆", 2025, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}},
        {"劳动节", 2027, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}},
    };
    struct pln_work_through range = {
        NULL, 0, D(2026, 10, 3), D(2026, 10, 4), {0, 0, false}};
    struct pln_work_through combined = {
        "国庆节、中秋节", 2025, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}};
    struct pln_day_range may9 = {D(2026, 5, 9), D(2026, 5, 9), NULL, {0, 0, false}};
    pln_model m;
    pln_calset *cs;
    pln_date d;
    int c;
    (void)state;

    cals[1].work_through = &may;
    cals[1].n_work_through = 1;
    cals[2].work_through = &autumn;
    cals[2].n_work_through = 1;
    cals[3].work_through = bad;
    cals[3].n_work_through = 2;
    cals[4].work_through = &range;
    cals[4].n_work_through = 1;
    cals[6].work_through = &combined;
    cals[6].n_work_through = 1;
    cals[7].days_off = &may9;
    cals[7].n_days_off = 1;
    cals[8].work_through = &may;
    cals[8].n_work_through = 1;
    m = model_of(cals, 9);
    cs = build(&m, D(2025, 1, 1), D(2026, 12, 31));

    for (d = D(2026, 5, 1); d <= D(2026, 5, 5); d++) {
        assert_false(pln_calset_is_working(cs, 0, d));
        assert_true(pln_calset_is_working(cs, 1, d)); /* even Sat/Sun */
    }
    assert_true(pln_calset_is_working(cs, 1, D(2026, 5, 9)));   /* make-up */
    assert_false(pln_calset_is_working(cs, 1, D(2026, 5, 10))); /* Sun */
    assert_false(pln_calset_is_working(cs, 1, D(2025, 5, 1)));  /* 2025 */
    assert_false(pln_calset_is_working(cs, 1, D(2026, 6, 19))); /* 端午 */
    assert_int_equal(pln_calset_size(cs, 1), pln_calset_size(cs, 0) + 5);
    /* The make-up day 9 May belongs to 劳动节 but is no day off: working
     * through the holiday does not undo a parent's stop on it. */
    assert_false(pln_calset_is_working(cs, 7, D(2026, 5, 9)));
    assert_false(pln_calset_is_working(cs, 8, D(2026, 5, 9)));
    assert_true(pln_calset_is_working(cs, 8, D(2026, 5, 2)));

    /* "国庆节、中秋节" (2025) is matched by either of its names... */
    for (d = D(2025, 10, 1); d <= D(2025, 10, 8); d++)
        assert_true(pln_calset_is_working(cs, 2, d));
    assert_false(pln_calset_is_working(cs, 2, D(2026, 9, 25))); /* 2026 */
    /* ...or by the combined name itself... */
    assert_true(pln_calset_is_working(cs, 6, D(2025, 10, 1)));
    assert_int_equal(pln_calset_size(cs, 6), pln_calset_size(cs, 2));
    /* ...but not by a part of a name, nor in a year without it. */
    assert_int_equal(pln_calset_size(cs, 3), pln_calset_size(cs, 0));

    assert_true(pln_calset_is_working(cs, 4, D(2026, 10, 3)));
    assert_true(pln_calset_is_working(cs, 4, D(2026, 10, 4)));
    assert_false(pln_calset_is_working(cs, 4, D(2026, 10, 5)));

    /* Without public holidays there is nothing to work through: the
     * weekend of the Labour Day period stays off. */
    assert_true(pln_calset_is_working(cs, 5, D(2026, 5, 1)));
    assert_false(pln_calset_is_working(cs, 5, D(2026, 5, 2)));
    assert_false(pln_calset_is_working(cs, 5, D(2026, 5, 9)));

    for (c = 0; c < 9; c++)
        check_consistent(cs, c);
    pln_calset_free(cs);
}

static void test_calset_priority_child_over_parent(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("parent", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("child", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("grandchild", 1, -1, PLN_HOLIDAYS_INHERIT),
    };
    /* Parent: works Saturday 7 March, stops 9-10 March. */
    struct pln_day_range p_work[] = {
        {D(2026, 3, 7), D(2026, 3, 7), NULL, {0, 0, false}}};
    struct pln_day_range p_off[] = {
        {D(2026, 3, 9), D(2026, 3, 10), NULL, {0, 0, false}}};
    /* Child: off on the parent's Saturday; works through 10 March and
     * the whole Labour Day period but also declares 4 May off. */
    struct pln_day_range c_off[] = {
        {D(2026, 3, 7), D(2026, 3, 7), NULL, {0, 0, false}},
        {D(2026, 5, 4), D(2026, 5, 4), NULL, {0, 0, false}},
        {D(2026, 3, 16), D(2026, 3, 20), NULL, {0, 0, false}},
    };
    struct pln_day_range c_work[] = {
        {D(2026, 3, 18), D(2026, 3, 18), NULL, {0, 0, false}}};
    struct pln_work_through c_wt[] = {
        {NULL, 0, D(2026, 3, 10), D(2026, 3, 10), {0, 0, false}},
        {"劳动节", 2026, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}},
    };
    /* Grandchild: a declared make-up day loses to the parent's days_off
     * (holidays rank below every calendar's own days). */
    struct pln_day_range g_makeup[] = {
        {D(2026, 3, 9), D(2026, 3, 9), NULL, {0, 0, false}}};
    struct pln_holiday_year g_year = {2026,     false, NULL,  0,
                                      g_makeup, 1,     {0, 0, false}};
    pln_model m;
    pln_calset *cs;
    int c;
    (void)state;

    cals[0].working_days = p_work;
    cals[0].n_working_days = 1;
    cals[0].days_off = p_off;
    cals[0].n_days_off = 1;
    cals[1].days_off = c_off;
    cals[1].n_days_off = 3;
    cals[1].working_days = c_work;
    cals[1].n_working_days = 1;
    cals[1].work_through = c_wt;
    cals[1].n_work_through = 2;
    cals[2].years = &g_year;
    cals[2].n_years = 1;
    m = model_of(cals, 3);
    cs = build(&m, D(2026, 3, 1), D(2026, 5, 31));

    assert_true(pln_calset_is_working(cs, 0, D(2026, 3, 7)));
    assert_false(pln_calset_is_working(cs, 1, D(2026, 3, 7)));
    assert_false(pln_calset_is_working(cs, 2, D(2026, 3, 7)));
    /* A child's work_through beats the parent's days_off. */
    assert_false(pln_calset_is_working(cs, 0, D(2026, 3, 10)));
    assert_true(pln_calset_is_working(cs, 1, D(2026, 3, 10)));
    assert_false(pln_calset_is_working(cs, 1, D(2026, 3, 9)));
    /* Within a calendar: days_off beat work_through, working_days beat
     * days_off. */
    assert_true(pln_calset_is_working(cs, 1, D(2026, 5, 1)));
    assert_false(pln_calset_is_working(cs, 1, D(2026, 5, 4)));
    assert_true(pln_calset_is_working(cs, 1, D(2026, 5, 5)));
    assert_false(pln_calset_is_working(cs, 1, D(2026, 3, 17)));
    assert_true(pln_calset_is_working(cs, 1, D(2026, 3, 18)));
    assert_false(pln_calset_is_working(cs, 1, D(2026, 3, 19)));
    /* The grandchild's declared make-up day ranks below the parent's
     * days_off. */
    assert_false(pln_calset_is_working(cs, 2, D(2026, 3, 9)));
    assert_true(pln_calset_is_working(cs, 2, D(2026, 3, 10)));
    for (c = 0; c < 3; c++)
        check_consistent(cs, c);
    pln_calset_free(cs);
}

/* ------------------------------------------------- declared holiday years */

static void test_calset_provisional_year_2027(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("child", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("undeclared", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("override", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("override-wt", 3, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("none", 0, -1, PLN_HOLIDAYS_NONE),
        cal_def("override-stop", 3, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("override-stop-wt", 6, -1, PLN_HOLIDAYS_INHERIT),
    };
    struct pln_day_range off27[] = {
        {D(2027, 1, 1), D(2027, 1, 1), "元旦", {0, 0, false}},
        {D(2027, 2, 6), D(2027, 2, 13), "春节", {0, 0, false}},
    };
    struct pln_day_range work27[] = {
        {D(2027, 2, 14), D(2027, 2, 14), "春节", {0, 0, false}}};
    struct pln_holiday_year y27 = {2027, true, off27, 2, work27, 1, {0, 0, false}};
    /* The child adds a day to the parent's provisional 2027. */
    struct pln_day_range child_off27[] = {
        {D(2027, 2, 15), D(2027, 2, 15), "春节", {0, 0, false}}};
    struct pln_holiday_year child_y27 = {2027, true, child_off27, 1,
                                         NULL, 0,    {0, 0, false}};
    /* A declared bundled year is applied over the bundled data. */
    struct pln_day_range off26[] = {
        {D(2026, 10, 9), D(2026, 10, 9), "国庆节", {0, 0, false}}};
    struct pln_day_range work26[] = {
        {D(2026, 10, 7), D(2026, 10, 7), NULL, {0, 0, false}}};
    struct pln_holiday_year y26 = {2026, false, off26, 1, work26, 1, {0, 0, false}};
    struct pln_work_through wt = {
        "国庆节", 2026, PLN_DATE_NONE, PLN_DATE_NONE, {0, 0, false}};
    struct pln_day_range stop[] = {
        {D(2026, 10, 7), D(2026, 10, 7), NULL, {0, 0, false}}};
    pln_model m;
    pln_calset *cs;
    pln_date d;
    int c;
    (void)state;

    cals[0].years = &y27;
    cals[0].n_years = 1;
    cals[1].years = &child_y27;
    cals[1].n_years = 1;
    cals[3].years = &y26;
    cals[3].n_years = 1;
    cals[4].work_through = &wt;
    cals[4].n_work_through = 1;
    cals[6].days_off = stop;
    cals[6].n_days_off = 1;
    cals[7].work_through = &wt;
    cals[7].n_work_through = 1;
    m = model_of(cals, 8);
    cs = build(&m, D(2026, 9, 1), D(2027, 3, 31));

    assert_false(pln_calset_is_working(cs, 0, D(2027, 1, 1)));
    for (d = D(2027, 2, 6); d <= D(2027, 2, 13); d++)
        assert_false(pln_calset_is_working(cs, 0, d));
    assert_true(pln_calset_is_working(cs, 0, D(2027, 2, 14))); /* Sun */
    assert_true(pln_calset_is_working(cs, 0, D(2027, 2, 15)));
    assert_false(pln_calset_is_working(cs, 1, D(2027, 2, 15)));
    assert_true(pln_calset_is_working(cs, 1, D(2027, 2, 14)));
    /* Bundled 2026 still applies next to a declared 2027. */
    assert_false(pln_calset_is_working(cs, 0, D(2026, 10, 1)));
    /* Without a declared 2027 the weeks are plain. */
    assert_true(pln_calset_is_working(cs, 2, D(2027, 1, 1)));
    assert_true(pln_calset_is_working(cs, 2, D(2027, 2, 8)));
    /* Holidays switched off drop the declared year too. */
    assert_true(pln_calset_is_working(cs, 5, D(2027, 1, 1)));
    assert_false(pln_calset_is_working(cs, 5, D(2027, 2, 14)));

    /* The 2026 override: 7 October works, Friday 9 October is off. */
    assert_false(pln_calset_is_working(cs, 2, D(2026, 10, 7)));
    assert_true(pln_calset_is_working(cs, 2, D(2026, 10, 9)));
    assert_true(pln_calset_is_working(cs, 3, D(2026, 10, 7)));
    assert_false(pln_calset_is_working(cs, 3, D(2026, 10, 9)));
    assert_false(pln_calset_is_working(cs, 3, D(2026, 10, 6)));
    /* work_through of 国庆节 2026 releases the declared day off as well as
     * the bundled ones. */
    for (d = D(2026, 10, 1); d <= D(2026, 10, 9); d++)
        assert_true(pln_calset_is_working(cs, 4, d));
    assert_false(pln_calset_is_working(cs, 4, D(2026, 10, 11))); /* Sun */
    assert_false(pln_calset_is_working(cs, 4, D(2026, 9, 25)));  /* 中秋 */
    /* 7 October is no statutory day off once the declared year makes it
     * a working day, so working through 国庆节 does not undo a parent's own
     * stop on it. */
    assert_false(pln_calset_is_working(cs, 6, D(2026, 10, 7)));
    assert_true(pln_calset_is_working(cs, 7, D(2026, 10, 6)));
    assert_false(pln_calset_is_working(cs, 7, D(2026, 10, 7)));
    assert_true(pln_calset_is_working(cs, 7, D(2026, 10, 9)));

    for (c = 0; c < 8; c++)
        check_consistent(cs, c);
    pln_calset_free(cs);
}

struct missing {
    int cal[8];
    int year[8];
    size_t n;
};

static void collect_missing(void *ctx, int cal, int year)
{
    struct missing *mi = ctx;
    assert_true(mi->n < 8);
    mi->cal[mi->n] = cal;
    mi->year[mi->n] = year;
    mi->n++;
}

static void test_calset_missing_holiday_years(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("declared", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("child", 1, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("plain", -1, -1, PLN_HOLIDAYS_NONE),
        cal_def("root-default", -1, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("cn-under-plain", 3, -1, PLN_HOLIDAYS_CN),
    };
    struct pln_holiday_year y27 = {2027, true, NULL, 0, NULL, 0, {0, 0, false}};
    struct missing mi;
    pln_model m;
    (void)state;

    cals[1].years = &y27;
    cals[1].n_years = 1;
    m = model_of(cals, 6);

    memset(&mi, 0, sizeof(mi));
    assert_int_equal(pln_calset_missing_holiday_years(&m, 0, 2025, 2027,
                                                      collect_missing, &mi),
                     1);
    assert_int_equal(mi.n, 1);
    assert_int_equal(mi.cal[0], 0);
    assert_int_equal(mi.year[0], 2027);

    memset(&mi, 0, sizeof(mi));
    assert_int_equal(pln_calset_missing_holiday_years(&m, 0, 2021, 2028,
                                                      collect_missing, &mi),
                     3);
    assert_int_equal(mi.year[0], 2021);
    assert_int_equal(mi.year[1], 2027);
    assert_int_equal(mi.year[2], 2028);

    /* Declared 2027 (here or in a parent): nothing missing. */
    memset(&mi, 0, sizeof(mi));
    assert_int_equal(pln_calset_missing_holiday_years(&m, 1, 2025, 2027,
                                                      collect_missing, &mi),
                     0);
    assert_int_equal(mi.n, 0);
    assert_int_equal(pln_calset_missing_holiday_years(&m, 2, 2026, 2027,
                                                      collect_missing, &mi),
                     0);
    memset(&mi, 0, sizeof(mi));
    assert_int_equal(pln_calset_missing_holiday_years(&m, 2, 2026, 2028,
                                                      collect_missing, &mi),
                     1);
    assert_int_equal(mi.cal[0], 2);
    assert_int_equal(mi.year[0], 2028);

    /* No public holidays, chosen or by default: never missing. */
    assert_int_equal(pln_calset_missing_holiday_years(&m, 3, 2027, 2030,
                                                      collect_missing, &mi),
                     0);
    assert_int_equal(pln_calset_missing_holiday_years(&m, 4, 2027, 2030,
                                                      collect_missing, &mi),
                     0);
    assert_int_equal(
        pln_calset_missing_holiday_years(&m, 5, 2027, 2027, NULL, NULL), 1);
    /* Empty year range. */
    assert_int_equal(pln_calset_missing_holiday_years(&m, 0, 2028, 2027,
                                                      collect_missing, &mi),
                     0);
}

/* ------------------------------------------------------ inverse and OOM */

static void test_calset_count_nth_inverse(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("six", 0, MON_SAT, PLN_HOLIDAYS_INHERIT),
        cal_def("sparse", -1, 0x10, PLN_HOLIDAYS_CN), /* Fridays */
    };
    pln_model m = model_of(cals, 3);
    pln_calset *cs = build(&m, D(2021, 11, 15), D(2027, 2, 3));
    pln_date d;
    int32_t k;
    int c;
    (void)state;

    for (c = 0; c < 3; c++) {
        int32_t size = pln_calset_size(cs, c);
        for (d = pln_calset_first(cs); d <= pln_calset_last(cs); d++)
            if (pln_calset_is_working(cs, c, d))
                assert_int_equal(
                    pln_calset_nth(cs, c, pln_calset_count_before(cs, c, d)),
                    d);
        for (k = 0; k <= size; k++)
            assert_int_equal(
                pln_calset_count_before(cs, c, pln_calset_nth(cs, c, k)), k);
        /* The next working day on or after any day d is nth(W(d)). */
        for (d = pln_calset_first(cs); d <= pln_calset_last(cs); d++) {
            pln_date next =
                pln_calset_nth(cs, c, pln_calset_count_before(cs, c, d));
            pln_date e;
            assert_true(next >= d);
            for (e = d; e < next; e++)
                assert_false(pln_calset_is_working(cs, c, e));
        }
    }
    pln_calset_free(cs);
}

static void test_calset_enomem_every_allocation(void **state)
{
    struct pln_calendar_def cals[] = {
        cal_def("std", -1, -1, PLN_HOLIDAYS_CN),
        cal_def("std-copy", 0, -1, PLN_HOLIDAYS_INHERIT),
        cal_def("six", 0, MON_SAT, PLN_HOLIDAYS_INHERIT),
        cal_def("plain", -1, -1, PLN_HOLIDAYS_NONE),
    };
    pln_model m = model_of(cals, 4);
    long n;
    int failures = 0;
    (void)state;

    for (n = 0;; n++) {
        pln_calset *cs = (pln_calset *)&m;
        pln_error err;
        pln_status st;

        pln_error_init(&err);
        pln_alloc_fail_after(n);
        st = pln_calset_build(&m, D(2025, 1, 1), D(2027, 12, 31), &cs, &err);
        pln_alloc_fail_after(-1);
        if (st == PLN_OK) {
            assert_non_null(cs);
            assert_int_equal(err.code, PLN_OK);
            assert_int_equal(pln_calset_size(cs, 1), pln_calset_size(cs, 0));
            check_consistent(cs, 2);
            pln_calset_free(cs);
            break;
        }
        assert_int_equal(st, PLN_ENOMEM);
        assert_int_equal(err.code, PLN_ENOMEM);
        assert_true(strlen(err.message) > 0);
        assert_null(cs);
        failures++;
        assert_true(n < 100);
    }
    assert_true(failures > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holidays_cn_bundled_years),
        cmocka_unit_test(test_calset_makeup_days_spring_festival_2026),
        cmocka_unit_test(test_calset_holidays_on_weekends),
        cmocka_unit_test(test_calset_year_boundary),
        cmocka_unit_test(test_calset_leap_year),
        cmocka_unit_test(test_calset_weekday_patterns),
        cmocka_unit_test(test_calset_long_range_30_years),
        cmocka_unit_test(test_calset_clamps_out_of_range),
        cmocka_unit_test(test_calset_build_rejects_bad_horizon),
        cmocka_unit_test(test_calset_extends_chain),
        cmocka_unit_test(test_calset_parent_cycle_is_bounded),
        cmocka_unit_test(test_calset_work_through_labour_day_2026),
        cmocka_unit_test(test_calset_priority_child_over_parent),
        cmocka_unit_test(test_calset_provisional_year_2027),
        cmocka_unit_test(test_calset_missing_holiday_years),
        cmocka_unit_test(test_calset_count_nth_inverse),
        cmocka_unit_test(test_calset_enomem_every_allocation),
    };
    return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
