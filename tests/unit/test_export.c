/*
 * test_export.c -- unit tests of the calendar export (pln_export_calendars,
 * with crew_booking.c and recur.c behind it): crew runs split at weekends,
 * holidays and a winter stop and merged across back-to-back steps; named
 * crews assigned first fit by start; deadline events with their reminders
 * (model, options, none, before the start) and to-dos; weekly, monthly and
 * timed reporting dates, their occurrences checked with libical's own
 * recurrence expansion; leaders' site visits; determinism, hostile names
 * kept as text, file names, unique UIDs, a failing sink, colours; and the
 * district-50 example end to end (crews on working days, never overbooked).
 *
 * Every file is rendered into memory through the sink and parsed back with
 * libical. Expected dates are worked out by hand from a wall calendar:
 * 2026-01-05 is a Monday, so are 01-12, 01-19, 01-26, 02-02 ... 03-09.
 */
/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <libical/ical.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pln_planner.h"

/* ------------------------------------------------------------- fixture */

struct file {
    char *name;
    char *data;
    size_t len;
};

/* What a sink received: the files in order, and how often it was called. */
struct out {
    struct file *f;
    size_t n, cap;
    int calls;
    int fail_at; /* 1-based call that fails with PLN_EIO; 0: none */
};

#define MAX_PARSED 16

struct fx {
    pln_model *m;
    pln_schedule *s;
    struct out out;
    icalcomponent *parsed[MAX_PARSED]; /* freed by teardown */
    size_t n_parsed;
};

static void out_release(struct out *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->f[i].name);
        free(o->f[i].data);
    }
    free(o->f);
    memset(o, 0, sizeof(*o));
}

static int teardown(void **state)
{
    struct fx *f = *state;
    for (size_t i = 0; i < f->n_parsed; i++)
        icalcomponent_free(f->parsed[i]);
    out_release(&f->out);
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

/* ------------------------------------------------------ load, schedule */

/*
 * Calendars every model gets: "wk" Mon-Fri, "all" every day, "hol" Mon-Fri
 * with Wed 2026-01-07 off, "winter" every day with a stop 01-08..01-14,
 * "office" Mon-Fri with Thu 2026-01-15 off. No public holidays; plan start
 * Mon 2026-01-05, default calendar wk, time zone Asia/Shanghai.
 */
#define HEADER                                                                   \
    "program: {id: t, name: 测试项目, start: 2026-01-05, timezone: "         \
    "Asia/Shanghai, calendar: wk}\n"                                             \
    "calendars:\n"                                                               \
    "  - {id: wk, weekdays: [mon, tue, wed, thu, fri], holidays: none}\n"        \
    "  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun], holidays: "    \
    "none}\n"                                                                    \
    "  - {id: hol, extends: wk, days_off: [{date: 2026-01-07, name: 假日}]}\n" \
    "  - {id: winter, extends: all, days_off: [{from: 2026-01-08, to: "          \
    "2026-01-14, name: 冬季停工}]}\n"                                        \
    "  - {id: office, extends: wk, days_off: [{date: 2026-01-15, name: "         \
    "假日}]}\n"

static char model_buf[16384];

static pln_model *load_text(const char *text)
{
    pln_diags d;
    pln_model *m;

    pln_diags_init(&d);
    m = pln_model_load_buffer("test.yaml", text, strlen(text), &d);
    for (size_t i = 0; i < d.count; i++)
        print_message("%d:%d: %s\n", d.items[i].line, d.items[i].column,
                      d.items[i].message);
    pln_diags_release(&d);
    return m;
}

/* HEADER + body, scheduled by the critical path (crews do not limit). */
static void plan(struct fx *f, const char *body)
{
    pln_error err;

    pln_error_init(&err);
    snprintf(model_buf, sizeof(model_buf), "%s%s", HEADER, body);
    f->m = load_text(model_buf);
    assert_non_null(f->m);
    if (pln_cpm_schedule(f->m, &f->s, &err) != PLN_OK)
        fail_msg("pln_cpm_schedule: %s", err.message);
}

/* HEADER + body, scheduled with crews limiting (the heuristic alone). */
static void plan_solved(struct fx *f, const char *body)
{
    struct pln_solve_options o;
    pln_error err;

    pln_error_init(&err);
    pln_solve_options_init(&o);
    o.time_limit = 0;
    snprintf(model_buf, sizeof(model_buf), "%s%s", HEADER, body);
    f->m = load_text(model_buf);
    assert_non_null(f->m);
    if (pln_solve(f->m, &o, &f->s, &err) != PLN_OK)
        fail_msg("pln_solve: %s", err.message);
}

/* --------------------------------------------------- export into memory */

/* Takes the data over, as a sink must. */
static pln_status sink(void *ud, const char *name, char *data, size_t len,
                       pln_error *err)
{
    struct out *o = ud;
    struct file *fl;

    o->calls++;
    if (o->fail_at == o->calls) {
        free(data);
        pln_error_set(err, PLN_EIO, name, 0, 0, "disk full");
        return PLN_EIO;
    }
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 16;
        o->f = realloc(o->f, o->cap * sizeof(*o->f));
        assert_non_null(o->f);
    }
    fl = &o->f[o->n++];
    fl->name = strdup(name);
    assert_non_null(fl->name);
    assert_int_equal(strlen(data), len);
    fl->data = data;
    fl->len = len;
    return PLN_OK;
}

/* Exports with `o` (NULL: defaults) into o->out, which must succeed. */
static void export_to(const pln_schedule *s, const struct pln_export_options *o,
                      struct out *out)
{
    struct pln_export_options def;
    pln_error err;
    pln_status st;

    pln_error_init(&err);
    if (!o) {
        pln_export_options_init(&def);
        o = &def;
    }
    st = pln_export_calendars(s, o, sink, out, &err);
    if (st != PLN_OK)
        fail_msg("pln_export_calendars: %s", err.message);
}

static void export_all(struct fx *f, const struct pln_export_options *o)
{
    export_to(f->s, o, &f->out);
}

static const char *file_or_null(struct out *o, const char *name)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->f[i].name, name))
            return o->f[i].data;
    return NULL;
}

static const char *file(struct fx *f, const char *name)
{
    const char *d = file_or_null(&f->out, name);
    if (!d)
        fail_msg("no file %s", name);
    return d;
}

/* The file names received, in order, one per line. */
static void expect_files(struct fx *f, const char *const *names, size_t n)
{
    assert_int_equal(f->out.n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(f->out.f[i].name, names[i]);
}

/* ----------------------------------------------------------- parse back */

static icalcomponent *parse_text(const char *text)
{
    icalcomponent *c;

    icalerror_set_errors_are_fatal(0);
    c = icalparser_parse_string(text);
    assert_non_null(c);
    assert_int_equal(icalcomponent_isa(c), ICAL_VCALENDAR_COMPONENT);
    return c;
}

/* File `name`, parsed; freed by teardown. */
static icalcomponent *cal(struct fx *f, const char *name)
{
    icalcomponent *c = parse_text(file(f, name));
    assert_true(f->n_parsed < MAX_PARSED);
    f->parsed[f->n_parsed++] = c;
    return c;
}

static size_t count_comp(icalcomponent *c, icalcomponent_kind k)
{
    return (size_t)icalcomponent_count_components(c, k);
}

/* The VEVENT or VTODO with that UID, or NULL. */
static icalcomponent *find_uid_or_null(icalcomponent *c, const char *uid)
{
    for (icalcomponent *e =
             icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
         e; e = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        icalcomponent_kind k = icalcomponent_isa(e);
        const char *u;
        if (k != ICAL_VEVENT_COMPONENT && k != ICAL_VTODO_COMPONENT)
            continue;
        u = icalcomponent_get_uid(e);
        if (u && !strcmp(u, uid))
            return e;
    }
    return NULL;
}

static icalcomponent *find_uid(icalcomponent *c, const char *uid)
{
    icalcomponent *e = find_uid_or_null(c, uid);
    if (!e)
        fail_msg("no event %s", uid);
    return e;
}

static pln_date date_of(struct icaltimetype t)
{
    return pln_date_from_ymd(t.year, t.month, t.day);
}

static void expect_date(struct icaltimetype t, const char *want)
{
    char got[11];
    assert_true(t.is_date);
    pln_date_format(date_of(t), got);
    assert_string_equal(got, want);
}

/* An all-day VEVENT: DTSTART, DTEND (exclusive) and SUMMARY. */
static icalcomponent *expect_event(icalcomponent *c, const char *uid,
                                   const char *start, const char *end,
                                   const char *summary)
{
    icalcomponent *e = find_uid(c, uid);
    assert_int_equal(icalcomponent_isa(e), ICAL_VEVENT_COMPONENT);
    expect_date(icalcomponent_get_dtstart(e), start);
    expect_date(icalcomponent_get_dtend(e), end);
    assert_string_equal(icalcomponent_get_summary(e), summary);
    return e;
}

static void expect_contains(const char *text, const char *part)
{
    if (!text || !strstr(text, part))
        fail_msg("'%s'\ndoes not contain '%s'", text ? text : "(null)", part);
}

/* The description of an event. */
static const char *desc(icalcomponent *e)
{
    const char *d = icalcomponent_get_description(e);
    assert_non_null(d);
    return d;
}

/* Removes every fold (CRLF followed by one space); caller frees. */
static char *unfold(const char *s)
{
    size_t n = strlen(s), j = 0;
    char *u = malloc(n + 1);

    assert_non_null(u);
    for (size_t i = 0; i < n;) {
        if (s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == ' ') {
            i += 3;
            continue;
        }
        u[j++] = s[i++];
    }
    u[j] = '\0';
    return u;
}

/* How many logical lines of the raw text are exactly `line`. */
static size_t count_lines(const char *text, const char *line)
{
    char *u = unfold(text);
    size_t n = strlen(line), c = 0;

    for (const char *p = u; (p = strstr(p, line)) != NULL; p++)
        if ((p == u || p[-1] == '\n') && strncmp(p + n, "\r\n", 2) == 0)
            c++;
    free(u);
    return c;
}

/* How many logical lines of the raw text start with `prefix`. */
static size_t count_prefixed(const char *text, const char *prefix)
{
    char *u = unfold(text);
    size_t n = strlen(prefix), c = 0;

    for (const char *p = u; (p = strstr(p, prefix)) != NULL; p += n)
        if (p == u || p[-1] == '\n')
            c++;
    free(u);
    return c;
}

static void expect_line(const char *text, const char *line, size_t times)
{
    size_t got = count_lines(text, line);
    if (got != times)
        fail_msg("line '%s' appears %zu times, expected %zu", line, got, times);
}

/* --------------------------------------------------- recurrence check */

static int cmp_date(const void *a, const void *b)
{
    pln_date x = *(const pln_date *)a, y = *(const pln_date *)b;
    return (x > y) - (x < y);
}

/*
 * The (local) dates an event occurs on, as a client computes them: libical
 * expands RRULE from DTSTART (with its time zone), EXDATEs are taken out,
 * RDATEs added. Compared with the hand-computed list `want`.
 */
static void expect_occurrences(icalcomponent *e, const char *const *want,
                               size_t n_want)
{
    pln_date got[64];
    size_t n = 0;
    struct icaltimetype start = icalcomponent_get_dtstart(e);
    icalproperty *p = icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY);

    assert_non_null(p);
    {
        icalrecur_iterator *it =
            icalrecur_iterator_new(icalproperty_get_rrule(p), start);
        struct icaltimetype t;
        assert_non_null(it);
        while (!icaltime_is_null_time(t = icalrecur_iterator_next(it))) {
            assert_true(n < 64);
            got[n++] = date_of(t);
        }
        icalrecur_iterator_free(it);
    }
    for (p = icalcomponent_get_first_property(e, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(e, ICAL_EXDATE_PROPERTY)) {
        pln_date x = date_of(icalproperty_get_exdate(p));
        size_t k = 0;
        while (k < n && got[k] != x)
            k++;
        assert_true(k < n); /* an EXDATE names an occurrence */
        got[k] = got[--n];
    }
    for (p = icalcomponent_get_first_property(e, ICAL_RDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(e, ICAL_RDATE_PROPERTY)) {
        assert_true(n < 64);
        got[n++] = date_of(icalproperty_get_rdate(p).time);
    }
    qsort(got, n, sizeof(*got), cmp_date);
    for (size_t k = 0; k < n && k < n_want; k++) {
        char g[11];
        pln_date_format(got[k], g);
        assert_string_equal(g, want[k]);
    }
    assert_int_equal(n, n_want);
}

/* ============================================================ crew runs */

#define CREW_SITE(crews, tasks)                                                \
    "crews: [" crews "]\n"                                                     \
    "sites:\n"                                                                 \
    "  - id: s\n"                                                              \
    "    name: 大闵村\n"                                                    \
    "    tasks:\n" tasks

static void test_crew_run_split_by_weekend(void **state)
{
    struct fx *f = *state;
    static const char *const files[] = {"program.ics", "site-s.ics",
                                        "crew-c.ics"};
    icalcomponent *c, *e;

    plan(f, CREW_SITE("{id: c, name: 土建队, count: 1}",
                      "      - {id: a, name: 基础, duration: 7, crews: {c: "
                      "1}}\n"));
    export_all(f, NULL);
    expect_files(f, files, 3);
    /* Mon 5 .. Tue 13: Mon-Fri 5-9, the weekend, Mon-Tue 12-13. */
    c = cal(f, "crew-c.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 2);
    e = expect_event(c, "crew/t/c/s/1@planner", "2026-01-05", "2026-01-10",
                     "土建队 at 大闵村: 基础");
    expect_contains(desc(e), "Crew: 土建队 (c)\nSite: 大闵村 (s)\n"
                             "Works: 2026-01-05 to 2026-01-09, 5 days\n"
                             "Steps:\n  基础 (s/a), 2026-01-05 to 2026-01-13");
    /* The crew is busy: no TRANSP:TRANSPARENT. */
    assert_null(icalcomponent_get_first_property(e, ICAL_TRANSP_PROPERTY));
    e = expect_event(c, "crew/t/c/s/2@planner", "2026-01-12", "2026-01-14",
                     "土建队 at 大闵村: 基础");
    expect_contains(desc(e), "Works: 2026-01-12 to 2026-01-13, 2 days");
    /* The step itself is one bar in the site calendar. */
    expect_event(cal(f, "site-s.ics"), "site/t/s/task/s/a@planner",
                 "2026-01-05", "2026-01-14", "大闵村: 基础");
}

static void test_crew_run_split_by_holiday(void **state)
{
    struct fx *f = *state;
    icalcomponent *c;

    plan(f, CREW_SITE("{id: c, name: 土建队, count: 1, calendar: hol}",
                      "      - {id: a, name: 基础, duration: 4, calendar: "
                      "hol, crews: {c: 1}}\n"));
    export_all(f, NULL);
    /* Mon 5, Tue 6, (Wed 7 off), Thu 8, Fri 9. */
    c = cal(f, "crew-c.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 2);
    expect_event(c, "crew/t/c/s/1@planner", "2026-01-05", "2026-01-07",
                 "土建队 at 大闵村: 基础");
    expect_event(c, "crew/t/c/s/2@planner", "2026-01-08", "2026-01-10",
                 "土建队 at 大闵村: 基础");
}

static void test_crew_run_split_by_winter_stop(void **state)
{
    struct fx *f = *state;
    icalcomponent *c, *e;

    plan(f, CREW_SITE("{id: c, name: 土建队, count: 1, calendar: winter}",
                      "      - {id: a, name: 基础, duration: 6, calendar: "
                      "winter, crews: {c: 1}}\n"));
    export_all(f, NULL);
    /* Every day: Mon 5 - Wed 7, the stop 8-14, Thu 15 - Sat 17. */
    c = cal(f, "crew-c.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 2);
    expect_event(c, "crew/t/c/s/1@planner", "2026-01-05", "2026-01-08",
                 "土建队 at 大闵村: 基础");
    e = expect_event(c, "crew/t/c/s/2@planner", "2026-01-15", "2026-01-18",
                     "土建队 at 大闵村: 基础");
    expect_contains(desc(e), "Works: 2026-01-15 to 2026-01-17, 3 days");
}

static void test_crew_run_merges_consecutive_steps(void **state)
{
    struct fx *f = *state;
    icalcomponent *c, *e;

    plan(f, CREW_SITE("{id: c, name: 土建队, count: 1}",
                      "      - {id: a, name: 基础, duration: 3, crews: {c: "
                      "1}}\n"
                      "      - {id: b, name: 主体, duration: 2, after: [a], "
                      "crews: {c: 1}}\n"));
    export_all(f, NULL);
    /* a Mon 5 - Wed 7, b Thu 8 - Fri 9: one run of five days. */
    c = cal(f, "crew-c.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    e = expect_event(c, "crew/t/c/s/1@planner", "2026-01-05", "2026-01-10",
                     "土建队 at 大闵村: 基础、主体");
    expect_contains(desc(e), "Works: 2026-01-05 to 2026-01-09, 5 days\n"
                             "Steps:\n"
                             "  基础 (s/a), 2026-01-05 to 2026-01-07\n"
                             "  主体 (s/b), 2026-01-08 to 2026-01-09");
}

static void test_crew_run_two_crews_at_once(void **state)
{
    struct fx *f = *state;
    icalcomponent *c, *e;

    plan(f, CREW_SITE("{id: c, name: 土建队, count: 2}",
                      "      - {id: a, name: 基础, duration: 3, crews: {c: "
                      "1}}\n"
                      "      - {id: b, name: 围墙, duration: 3, crews: {c: "
                      "1}}\n"));
    export_all(f, NULL);
    /* Both Mon 5 - Wed 7 at the same site: one run, two crews. */
    c = cal(f, "crew-c.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    e = expect_event(c, "crew/t/c/s/1@planner", "2026-01-05", "2026-01-08",
                     "土建队 ×2 at 大闵村: 基础、围墙");
    expect_contains(desc(e), "Crew: 土建队 (c), up to 2 crews at once\n");
}

/* ========================================================== named units */

#define UNITS_MODEL(s3_prep)                                                   \
    "crews:\n"                                                                 \
    "  - id: k\n"                                                              \
    "    name: 安装队\n"                                                    \
    "    units: [{id: a, name: A队}, {id: b, name: B队}]\n"                  \
    "sites:\n"                                                                 \
    "  - {id: s1, name: 一村, tasks: [{id: w, name: 安装, duration: 3, "   \
    "crews: {k: 1}}]}\n"                                                       \
    "  - id: s2\n"                                                             \
    "    name: 二村\n"                                                       \
    "    tasks:\n"                                                             \
    "      - {id: prep, name: 准备, duration: 1}\n"                          \
    "      - {id: w, name: 安装, duration: 3, after: [prep], crews: {k: "    \
    "1}}\n"                                                                    \
    "  - id: s3\n"                                                             \
    "    name: 三村\n"                                                       \
    "    tasks:\n"                                                             \
    "      - {id: prep, name: 准备, duration: " s3_prep "}\n"                  \
    "      - {id: w, name: 安装, duration: 3, after: [prep], crews: {k: 1}}\n"

static void test_named_units_first_fit(void **state)
{
    struct fx *f = *state;
    static const char *const files[] = {
        "program.ics", "site-s1.ics", "site-s2.ics", "site-s3.ics",
        "crew-k.ics",  "crew-a.ics",  "crew-b.ics"};
    icalcomponent *c, *e;

    plan(f, UNITS_MODEL("5"));
    export_all(f, NULL);
    expect_files(f, files, 7);
    /* s1/w Mon 5 - Wed 7 takes A; s2/w Tue 6 - Thu 8 overlaps it: B;
     * s3/w Mon 12 - Wed 14 starts after A is free: A again. */
    c = cal(f, "crew-a.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 2);
    e = expect_event(c, "crew/t/a/s1/1@planner", "2026-01-05", "2026-01-08",
                     "A队 at 一村: 安装");
    expect_contains(desc(e), "Crew: A队 (a), one of 安装队\nSite: 一村 (s1)");
    expect_event(c, "crew/t/a/s3/1@planner", "2026-01-12", "2026-01-15",
                 "A队 at 三村: 安装");
    c = cal(f, "crew-b.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    expect_event(c, "crew/t/b/s2/1@planner", "2026-01-06", "2026-01-09",
                 "B队 at 二村: 安装");
    /* The kind's own calendar: every run, no unit named. */
    c = cal(f, "crew-k.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 3);
    expect_event(c, "crew/t/k/s1/1@planner", "2026-01-05", "2026-01-08",
                 "安装队 at 一村: 安装");
    expect_event(c, "crew/t/k/s2/1@planner", "2026-01-06", "2026-01-09",
                 "安装队 at 二村: 安装");
    expect_event(c, "crew/t/k/s3/1@planner", "2026-01-12", "2026-01-15",
                 "安装队 at 三村: 安装");
    /* Each site's step names its unit. */
    e = find_uid(cal(f, "site-s1.ics"), "site/t/s1/task/s1/w@planner");
    expect_contains(desc(e), "\nCrews: 安装队 ×1 (A队)");
    e = find_uid(cal(f, "site-s2.ics"), "site/t/s2/task/s2/w@planner");
    expect_contains(desc(e), "\nCrews: 安装队 ×1 (B队)");
    e = find_uid(cal(f, "site-s3.ics"), "site/t/s3/task/s3/w@planner");
    expect_contains(desc(e), "\nCrews: 安装队 ×1 (A队)");
}

static void test_named_units_overbooked(void **state)
{
    struct fx *f = *state;
    struct pln_export_options o;
    pln_error err;

    /* s3/w Tue 6 - Thu 8 too: three at once on Tue 6 and Wed 7, two units
     * (the critical path does not limit crews). */
    plan(f, UNITS_MODEL("1"));
    pln_export_options_init(&o);
    pln_error_init(&err);
    assert_int_equal(pln_export_calendars(f->s, &o, sink, &f->out, &err),
                     PLN_ESOLVER);
    assert_int_equal(err.code, PLN_ESOLVER);
    expect_contains(err.message, "s3/w");
    assert_int_equal(f->out.calls, 0);
}

static void test_named_units_two_kinds(void **state)
{
    struct fx *f = *state;
    icalcomponent *c;

    /* v (Mon 5) needs one of each kind, w (Tue 6 - Wed 7) one j and two
     * k: the unit slots of both kinds of a task are kept apart. */
    plan(f, "crews:\n"
            "  - {id: k, name: 安装队, units: [{id: a, name: A队}, {id: b, "
            "name: B队}, {id: c, name: C队}]}\n"
            "  - {id: j, name: 杂工, units: [{id: j1, name: 杂一}]}\n"
            "sites:\n"
            "  - id: s\n"
            "    name: 一村\n"
            "    tasks:\n"
            "      - {id: v, name: 准备, duration: 1, crews: {j: 1, k: 1}}\n"
            "      - {id: w, name: 安装, duration: 2, after: [v], crews: {j: "
            "1, k: 2}}\n");
    export_all(f, NULL);
    c = cal(f, "crew-a.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    expect_event(c, "crew/t/a/s/1@planner", "2026-01-05", "2026-01-08",
                 "A队 at 一村: 准备、安装");
    c = cal(f, "crew-b.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    expect_event(c, "crew/t/b/s/1@planner", "2026-01-06", "2026-01-08",
                 "B队 at 一村: 安装");
    assert_int_equal(count_comp(cal(f, "crew-c.ics"), ICAL_VEVENT_COMPONENT),
                     0);
    expect_event(cal(f, "crew-j1.ics"), "crew/t/j1/s/1@planner", "2026-01-05",
                 "2026-01-08", "杂一 at 一村: 准备、安装");
    c = cal(f, "crew-k.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    expect_event(c, "crew/t/k/s/1@planner", "2026-01-05", "2026-01-08",
                 "安装队 ×2 at 一村: 准备、安装");
    c = cal(f, "site-s.ics");
    expect_contains(desc(find_uid(c, "site/t/s/task/s/v@planner")),
                    "\nCrews: 杂工 ×1 (杂一); 安装队 ×1 (A队)");
    expect_contains(desc(find_uid(c, "site/t/s/task/s/w@planner")),
                    "\nCrews: 杂工 ×1 (杂一); 安装队 ×2 (A队, B队)");
}

/*
 * A milestone that names a crew works no day: no crew calendar shows it,
 * and its step description names no unit (it once read unset memory).
 */
static void test_milestone_with_named_crew(void **state)
{
    struct fx *f = *state;
    icalcomponent *c;

    plan(f, "crews:\n"
            "  - {id: k, name: 安装队, units: [{id: a, name: A队}, {id: b, "
            "name: B队}]}\n"
            "sites:\n"
            "  - id: s\n"
            "    name: 一村\n"
            "    tasks:\n"
            "      - {id: w, name: 安装, duration: 2, crews: {k: 1}}\n"
            "      - {id: m, name: 验收, duration: 0, after: [w], crews: {k: "
            "1}}\n");
    export_all(f, NULL);
    c = cal(f, "crew-a.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    expect_event(c, "crew/t/a/s/1@planner", "2026-01-05", "2026-01-07",
                 "A队 at 一村: 安装");
    assert_int_equal(count_comp(cal(f, "crew-b.ics"), ICAL_VEVENT_COMPONENT),
                     0);
}

/*
 * Named crews are given their work day by day. Tasks of one kind on
 * calendars whose days off differ may then need a crew to change tasks
 * between days: here (count 2, units a and b)
 *   P (calendar without Tue 6)        works Mon 5, Wed 7;
 *   Q (calendar without Tue 6-Thu 8) works Mon 5, Fri 9;
 *   X (without Thu 8, not before Wed 7) works Wed 7, Fri 9.
 * At most two crews work on any day, but P, Q and X pairwise share a day,
 * so no assignment of whole tasks to two crews exists. Day by day: Mon 5
 * a-P, b-Q; Wed 7 a-P (keeps it), b-X; Fri 9 b-X (keeps it), a-Q.
 */
static void test_named_units_mixed_calendars(void **state)
{
    struct fx *f = *state;
    static const char *const ids[] = {"sp/w", "sq/w", "sx/w"};
    static const char *const want[][2] = {{"2026-01-05", "2026-01-07"},
                                          {"2026-01-05", "2026-01-09"},
                                          {"2026-01-07", "2026-01-09"}};

    /* The first three lines continue HEADER's list of calendars. */
    plan_solved(f, "  - {id: tri_p, extends: wk, days_off: [{date: "
                   "2026-01-06}]}\n"
                   "  - {id: tri_q, extends: wk, days_off: [{from: "
                   "2026-01-06, to: 2026-01-08}]}\n"
                   "  - {id: tri_x, extends: wk, days_off: [{date: "
                   "2026-01-08}]}\n"
                   "crews:\n"
                   "  - {id: k, name: 安装队, units: [{id: a, name: A队}, "
                   "{id: b, name: B队}]}\n"
                   "sites:\n"
                   "  - {id: sp, name: P村, tasks: [{id: w, name: 安装, "
                   "duration: 2, calendar: tri_p, crews: {k: 1}}]}\n"
                   "  - {id: sq, name: Q村, tasks: [{id: w, name: 安装, "
                   "duration: 2, calendar: tri_q, crews: {k: 1}}]}\n"
                   "  - id: sx\n"
                   "    name: X村\n"
                   "    tasks: [{id: w, name: 安装, duration: 2, calendar: "
                   "tri_x, crews: {k: 1}}]\n"
                   "    deadlines: [{id: r, task: w, start_not_before: "
                   "2026-01-07}]\n");
    for (size_t i = 0; i < 3; i++) {
        const struct pln_task_times *t =
            &f->s->tasks[pln_model_find_task(f->m, ids[i])];
        char a[11], b[11];
        pln_date_format(t->start, a);
        pln_date_format(t->finish, b);
        assert_string_equal(a, want[i][0]);
        assert_string_equal(b, want[i][1]);
    }
    export_all(f, NULL);
    /* Each task works two days with a day off between: two runs each. */
    assert_int_equal(count_comp(cal(f, "crew-k.ics"), ICAL_VEVENT_COMPONENT),
                     6);
    expect_event(cal(f, "crew-a.ics"), "crew/t/a/sp/1@planner", "2026-01-05",
                 "2026-01-06", "A队 at P村: 安装");
    expect_event(cal(f, "crew-a.ics"), "crew/t/a/sp/2@planner", "2026-01-07",
                 "2026-01-08", "A队 at P村: 安装");
    expect_event(cal(f, "crew-a.ics"), "crew/t/a/sq/1@planner", "2026-01-09",
                 "2026-01-10", "A队 at Q村: 安装");
    expect_event(cal(f, "crew-b.ics"), "crew/t/b/sq/1@planner", "2026-01-05",
                 "2026-01-06", "B队 at Q村: 安装");
    expect_event(cal(f, "crew-b.ics"), "crew/t/b/sx/1@planner", "2026-01-07",
                 "2026-01-08", "B队 at X村: 安装");
    expect_event(cal(f, "crew-b.ics"), "crew/t/b/sx/2@planner", "2026-01-09",
                 "2026-01-10", "B队 at X村: 安装");
    assert_int_equal(count_comp(cal(f, "crew-a.ics"), ICAL_VEVENT_COMPONENT),
                     3);
    assert_int_equal(count_comp(cal(f, "crew-b.ics"), ICAL_VEVENT_COMPONENT),
                     3);
}

/* ============================================================ deadlines */

/* One site, a 10-day step Mon 5 - Fri 16 due Fri 30: slack 10 working
 * days (Mon 19 - Fri 30). */
#define DEADLINE_MODEL(extra)                                                  \
    "people:\n"                                                                \
    "  - {id: wang, name: 王书记, role: 村支书}\n"                       \
    "  - {id: li, name: 李镇长}\n"                                          \
    "sites:\n"                                                                 \
    "  - id: s\n"                                                              \
    "    name: 大闵村\n"                                                    \
    "    responsible: [wang, li]\n"                                            \
    "    tasks: [{id: a, name: 基础, duration: 10}]\n"                       \
    "    deadlines: [{id: dl, name: 基础完工, task: a, finish_by: "        \
    "2026-01-30}]\n" extra

#define DL_SUMMARY "大闵村: 基础完工 must finish — D-0"
#define DL_ALARM(n, left)                                                      \
    "大闵村: 基础完工 must finish by 2026-01-30 — D-" n ", " left              \
    " working days to go"

/* The alarms of an event, in order: days before (from TRIGGER: 09:00 that
 * many days before) and text. */
static void expect_alarms(icalcomponent *e, const int *days,
                          const char *const *text, size_t n)
{
    size_t k = 0;

    assert_int_equal(count_comp(e, ICAL_VALARM_COMPONENT), n);
    for (icalcomponent *a =
             icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT);
         a;
         a = icalcomponent_get_next_component(e, ICAL_VALARM_COMPONENT), k++) {
        icalproperty *tp =
            icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
        icalproperty *ap =
            icalcomponent_get_first_property(a, ICAL_ACTION_PROPERTY);
        struct icaltriggertype tr;
        assert_non_null(tp);
        assert_non_null(ap);
        assert_int_equal(icalproperty_get_action(ap), ICAL_ACTION_DISPLAY);
        tr = icalproperty_get_trigger(tp);
        assert_int_equal(icaldurationtype_as_int(tr.duration),
                         (9 - 24 * days[k]) * 3600);
        assert_string_equal(icalcomponent_get_description(a), text[k]);
    }
}

static void test_deadline_default_reminders(void **state)
{
    struct fx *f = *state;
    static const char *const files[] = {"program.ics", "site-s.ics",
                                        "person-wang.ics", "person-li.ics"};
    /* D-30 would be Wed 2025-12-31, before the start: left out. Working
     * days from the reminder's day up to the deadline: Fri 16 .. Thu 29 =
     * 1 + 5 + 4; Fri 23 .. Thu 29 = 5; Tue 27 .. Thu 29 = 3; Thu 29 = 1. */
    static const int days[] = {14, 7, 3, 1};
    static const char *const text[] = {DL_ALARM("14", "10"), DL_ALARM("7", "5"),
                                       DL_ALARM("3", "3"), DL_ALARM("1", "1")};
    icalcomponent *c, *e;

    plan(f, DEADLINE_MODEL(""));
    export_all(f, NULL);
    expect_files(f, files, 4);
    c = cal(f, "site-s.ics");
    assert_int_equal(count_comp(c, ICAL_VTODO_COMPONENT), 0);
    e = expect_event(c, "site/t/s/deadline/s/dl@planner", "2026-01-30",
                     "2026-01-31", DL_SUMMARY);
    expect_alarms(e, days, text, 4);
    expect_contains(desc(e), "Deadline: 基础 finishes by 2026-01-30\n"
                             "For: 基础完工\n"
                             "Site: 大闵村 (s)\n"
                             "Responsible: 王书记 (村支书), 李镇长\n"
                             "Planned: 2026-01-16, slack 10 working days\n"
                             "Decided by: 基础 (s/a)");
    expect_line(file(f, "site-s.ics"), "TRIGGER:-P13DT15H", 1);
    expect_line(file(f, "site-s.ics"), "TRIGGER:-PT15H", 1);
    /* The same deadline, with its own UID, in the program and in the
     * calendars of both people answering for the site. */
    e = expect_event(cal(f, "program.ics"), "program/t/deadline/s/dl@planner",
                     "2026-01-30", "2026-01-31", DL_SUMMARY);
    expect_alarms(e, days, text, 4);
    e = expect_event(cal(f, "person-wang.ics"),
                     "person/t/wang/deadline/s/dl@planner", "2026-01-30",
                     "2026-01-31", DL_SUMMARY);
    expect_alarms(e, days, text, 4);
    expect_event(cal(f, "person-li.ics"), "person/t/li/deadline/s/dl@planner",
                 "2026-01-30", "2026-01-31", DL_SUMMARY);
}

static void test_deadline_model_reminders(void **state)
{
    struct fx *f = *state;
    static const int days[] = {7, 1};
    static const char *const text[] = {DL_ALARM("7", "5"), DL_ALARM("1", "1")};
    icalcomponent *e;

    /* Given in any order; the loader sorts them. */
    plan(f, DEADLINE_MODEL("export: {reminders: [1, 7]}\n"));
    export_all(f, NULL);
    e = find_uid(cal(f, "site-s.ics"), "site/t/s/deadline/s/dl@planner");
    expect_alarms(e, days, text, 2);
}

static void test_deadline_option_reminders(void **state)
{
    struct fx *f = *state;
    struct pln_export_options o;
    static const int three_today[] = {3, 0};
    static const char *const text[] = {
        DL_ALARM("3", "3"),
        "大闵村: 基础完工 must finish today (2026-01-30) — D-0"};
    /* D-26 is Sun 2026-01-04, before the start; D-25 is the start itself
     * (kept): Mon 5 .. Thu 29 = 5 + 5 + 5 + 4 working days. */
    static const int around_start[] = {26, 25};
    static const int only_25[] = {25};
    static const char *const text_25[] = {DL_ALARM("25", "19")};
    icalcomponent *e;

    plan(f, DEADLINE_MODEL("export: {reminders: [7, 1]}\n"));
    pln_export_options_init(&o);
    o.reminders = three_today;
    o.n_reminders = 2;
    export_all(f, &o);
    e = find_uid(cal(f, "site-s.ics"), "site/t/s/deadline/s/dl@planner");
    expect_alarms(e, three_today, text, 2);
    expect_line(file(f, "site-s.ics"), "TRIGGER:PT9H", 1);

    out_release(&f->out);
    o.reminders = around_start;
    o.n_reminders = 2;
    export_all(f, &o);
    e = find_uid(cal(f, "program.ics"), "program/t/deadline/s/dl@planner");
    expect_alarms(e, only_25, text_25, 1);

    /* No reminders at all: a non-NULL list of none. */
    out_release(&f->out);
    o.reminders = three_today;
    o.n_reminders = 0;
    export_all(f, &o);
    for (size_t i = 0; i < f->out.n; i++)
        assert_int_equal(count_prefixed(f->out.f[i].data, "BEGIN:VALARM"), 0);
    e = find_uid(cal(f, "site-s.ics"), "site/t/s/deadline/s/dl@planner");
    assert_string_equal(icalcomponent_get_summary(e), DL_SUMMARY);
}

static void test_deadline_todos(void **state)
{
    struct fx *f = *state;
    struct pln_export_options o;
    static const int days[] = {14, 7, 3, 1};
    static const char *const text[] = {DL_ALARM("14", "10"), DL_ALARM("7", "5"),
                                       DL_ALARM("3", "3"), DL_ALARM("1", "1")};
    icalcomponent *c, *e, *t;
    const char *raw;

    plan(f, DEADLINE_MODEL(""));
    pln_export_options_init(&o);
    o.todos = true;
    export_all(f, &o);
    raw = file(f, "site-s.ics");
    c = cal(f, "site-s.ics");
    assert_int_equal(count_comp(c, ICAL_VTODO_COMPONENT), 1);
    e = expect_event(c, "site/t/s/deadline/s/dl@planner", "2026-01-30",
                     "2026-01-31", DL_SUMMARY);
    t = find_uid(c, "site/t/s/todo/s/dl@planner");
    assert_int_equal(icalcomponent_isa(t), ICAL_VTODO_COMPONENT);
    assert_string_not_equal(icalcomponent_get_uid(e), icalcomponent_get_uid(t));
    assert_string_equal(icalcomponent_get_summary(t),
                        "大闵村: 基础完工 must finish by 2026-01-30");
    assert_string_equal(desc(t), desc(e));
    expect_line(raw, "DUE;VALUE=DATE:20260130", 1);
    assert_null(icalcomponent_get_first_property(t, ICAL_DTSTART_PROPERTY));
    assert_int_equal(icalcomponent_get_status(t), ICAL_STATUS_NEEDSACTION);
    expect_alarms(t, days, text, 4);
    /* The to-do's reminders count back from DUE, the event's from DTSTART. */
    expect_line(raw, "TRIGGER;RELATED=END:-P13DT15H", 1);
    expect_line(raw, "TRIGGER;RELATED=END:-P6DT15H", 1);
    expect_line(raw, "TRIGGER;RELATED=END:-P2DT15H", 1);
    expect_line(raw, "TRIGGER;RELATED=END:-PT15H", 1);
    expect_line(raw, "TRIGGER:-P13DT15H", 1);
    assert_int_equal(count_prefixed(raw, "TRIGGER:"), 4);
    /* In the program and the people's calendars too. */
    find_uid(cal(f, "program.ics"), "program/t/todo/s/dl@planner");
    find_uid(cal(f, "person-li.ics"), "person/t/li/todo/s/dl@planner");
}

/* ============================================================ reporting */

/* A 20-day step Mon 5 - Fri 30: reporting runs until Fri 30. */
#define WEEKLY_MODEL                                                               \
    "people:\n"                                                                    \
    "  - {id: wang, name: 王书记}\n"                                            \
    "  - {id: li, name: 李镇长}\n"                                              \
    "reporting:\n"                                                                 \
    "  - {id: stats, name: 每周统计, every: week, on: thu, calendar: office, " \
    "people: [wang]}\n"                                                            \
    "  - {id: meet, name: 调度会, every: week, on: mon, time: \"09:30\", "      \
    "minutes: 45, calendar: office, people: [li]}\n"                               \
    "sites:\n"                                                                     \
    "  - {id: s, name: 大闵村, responsible: [wang], tasks: [{id: a, name: "     \
    "基础, duration: 20}]}\n"

static void test_report_weekly_with_holiday(void **state)
{
    struct fx *f = *state;
    /* Thursdays 8, 15, 22, 29; Thu 15 is off in 'office': Fri 16. */
    static const char *const when[] = {"2026-01-08", "2026-01-16", "2026-01-22",
                                       "2026-01-29"};
    const char *raw;
    icalcomponent *e;

    plan(f, WEEKLY_MODEL);
    export_all(f, NULL);
    raw = file(f, "program.ics");
    e = expect_event(cal(f, "program.ics"), "program/t/report/stats@planner",
                     "2026-01-08", "2026-01-09", "每周统计");
    expect_line(raw, "RRULE:FREQ=WEEKLY;UNTIL=20260129;BYDAY=TH", 1);
    expect_line(raw, "EXDATE;VALUE=DATE:20260115", 1);
    expect_line(raw, "RDATE;VALUE=DATE:20260116", 1);
    assert_int_equal(count_prefixed(raw, "EXDATE"), 1);
    assert_int_equal(count_prefixed(raw, "RDATE"), 1);
    expect_occurrences(e, when, 4);
    expect_contains(desc(e), "Every Thursday, from 2026-01-08 until the "
                             "program ends (2026-01-30). On a day off "
                             "(calendar office) it is held on the next "
                             "working day.\nPeople: 王书记");
    /* Only the listed person gets it. */
    e = find_uid(cal(f, "person-wang.ics"),
                 "person/t/wang/report/stats@planner");
    expect_occurrences(e, when, 4);
    assert_null(find_uid_or_null(cal(f, "person-li.ics"),
                                 "person/t/li/report/stats@planner"));
    assert_int_equal(count_prefixed(file(f, "person-li.ics"),
                                    "RRULE:FREQ=WEEKLY;UNTIL=20260129;"),
                     0);
    assert_int_equal(count_prefixed(file(f, "site-s.ics"), "RRULE"), 0);
}

static void test_report_timed(void **state)
{
    struct fx *f = *state;
    /* Mondays 5, 12, 19, 26, all working days of 'office'. */
    static const char *const when[] = {"2026-01-05", "2026-01-12", "2026-01-19",
                                       "2026-01-26"};
    const char *raw;
    icalcomponent *e;
    struct icaltimetype t;

    plan(f, WEEKLY_MODEL);
    export_all(f, NULL);
    raw = file(f, "program.ics");
    expect_line(raw, "DTSTART;TZID=Asia/Shanghai:20260105T093000", 1);
    expect_line(raw, "DTEND;TZID=Asia/Shanghai:20260105T101500", 1);
    /* UNTIL is UTC: Mon 26 09:30 at UTC+8 is 01:30Z. */
    expect_line(raw, "RRULE:FREQ=WEEKLY;UNTIL=20260126T013000Z;BYDAY=MO", 1);
    assert_int_equal(count_prefixed(raw, "BEGIN:VTIMEZONE"), 1);
    expect_line(raw, "TZID:Asia/Shanghai", 1);
    e = find_uid(cal(f, "program.ics"), "program/t/report/meet@planner");
    assert_string_equal(icalcomponent_get_summary(e), "调度会");
    t = icalcomponent_get_dtstart(e);
    assert_false(t.is_date);
    assert_int_equal(t.hour, 9);
    assert_int_equal(t.minute, 30);
    t = icalcomponent_get_dtend(e);
    assert_int_equal(t.hour, 10);
    assert_int_equal(t.minute, 15);
    /* A timed meeting blocks time. */
    assert_null(icalcomponent_get_first_property(e, ICAL_TRANSP_PROPERTY));
    expect_occurrences(e, when, 4);
    expect_contains(desc(e), "Every Monday at 09:30, from 2026-01-05");
    /* In li's calendar (with its zone), not in wang's (none needed). */
    e = find_uid(cal(f, "person-li.ics"), "person/t/li/report/meet@planner");
    expect_occurrences(e, when, 4);
    assert_int_equal(
        count_prefixed(file(f, "person-li.ics"), "BEGIN:VTIMEZONE"), 1);
    assert_null(find_uid_or_null(cal(f, "person-wang.ics"),
                                 "person/t/wang/report/meet@planner"));
    assert_int_equal(
        count_prefixed(file(f, "person-wang.ics"), "BEGIN:VTIMEZONE"), 0);
    assert_int_equal(count_prefixed(file(f, "site-s.ics"), "BEGIN:VTIMEZONE"),
                     0);
}

static void test_report_monthly_first_date_off(void **state)
{
    struct fx *f = *state;
    /* Day 10: Sat Jan 10 (held Mon 12), Tue Feb 10, Tue Mar 10; the step
     * (50 days) runs Mon Jan 5 - Fri Mar 13. */
    static const char *const when[] = {"2026-02-10", "2026-03-10"};
    const char *raw;
    icalcomponent *c, *e;

    plan(f, "reporting:\n"
            "  - {id: bulletin, name: 每月通报, every: month, day: 10, "
            "calendar: office}\n"
            "sites:\n"
            "  - {id: s, name: 大闵村, tasks: [{id: a, name: 基础, duration: "
            "50}]}\n");
    export_all(f, NULL);
    raw = file(f, "program.ics");
    c = cal(f, "program.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 2);
    e = expect_event(c, "program/t/report/bulletin/2026-01-10@planner",
                     "2026-01-12", "2026-01-13", "每月通报");
    assert_null(icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY));
    assert_string_equal(desc(e), "Held on the next working day: 2026-01-10 "
                                 "is a day off (calendar office).");
    e = expect_event(c, "program/t/report/bulletin@planner", "2026-02-10",
                     "2026-02-11", "每月通报");
    expect_line(raw, "RRULE:FREQ=MONTHLY;UNTIL=20260310;BYMONTHDAY=10", 1);
    assert_int_equal(count_prefixed(raw, "EXDATE"), 0);
    assert_int_equal(count_prefixed(raw, "RDATE"), 0);
    expect_occurrences(e, when, 2);
    expect_contains(desc(e), "On day 10 of every month, from 2026-02-10");
}

/* =============================================================== visits */

static void test_visits(void **state)
{
    struct fx *f = *state;
    icalcomponent *c, *e;

    /* s1 Mon Jan 5 - Fri Feb 27, s2 Mon Jan 5 - Fri Feb 13, s3 (every day)
     * Mon Jan 5 - Sat Jan 10. Day 10: Sat Jan 10 -> Mon 12, Tue Feb 10.
     * s1 on those days; s2, the second site, one working day later (Tue
     * Jan 13, Wed Feb 11); s3, the third, two later (Wed Jan 14): after it
     * ends, so never. */
    plan(f, "people:\n"
            "  - {id: liu, name: 刘部长, role: 部长, visits: {every: month, "
            "day: 10, calendar: wk}}\n"
            "sites:\n"
            "  - {id: s1, name: 一村, responsible: [liu], tasks: [{id: a, "
            "name: 施工, duration: 40}]}\n"
            "  - {id: s2, name: 二村, responsible: [liu], tasks: [{id: a, "
            "name: 施工, duration: 30}]}\n"
            "  - {id: s3, name: 三村, responsible: [liu], tasks: [{id: a, "
            "name: 施工, duration: 6, calendar: all}]}\n");
    export_all(f, NULL);
    c = cal(f, "person-liu.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 4);
    e = expect_event(c, "person/t/liu/visit/s1/2026-01-10@planner",
                     "2026-01-12", "2026-01-13", "刘部长 visits 一村");
    assert_string_equal(icalcomponent_get_location(e), "一村");
    expect_contains(desc(e), "刘部长 (部长) visits 一村 (s1).\n"
                             "Under way that day:\n"
                             "  施工, until 2026-02-27");
    expect_event(c, "person/t/liu/visit/s2/2026-01-10@planner", "2026-01-13",
                 "2026-01-14", "刘部长 visits 二村");
    expect_event(c, "person/t/liu/visit/s1/2026-02-10@planner", "2026-02-10",
                 "2026-02-11", "刘部长 visits 一村");
    expect_event(c, "person/t/liu/visit/s2/2026-02-10@planner", "2026-02-11",
                 "2026-02-12", "刘部长 visits 二村");
    /* The sites' calendars: the same visits under other UIDs. */
    c = cal(f, "site-s1.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 3);
    expect_event(c, "site/t/s1/visit/liu/2026-01-10@planner", "2026-01-12",
                 "2026-01-13", "刘部长 visits 一村");
    expect_event(c, "site/t/s1/visit/liu/2026-02-10@planner", "2026-02-10",
                 "2026-02-11", "刘部长 visits 一村");
    c = cal(f, "site-s2.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 3);
    expect_event(c, "site/t/s2/visit/liu/2026-01-10@planner", "2026-01-13",
                 "2026-01-14", "刘部长 visits 二村");
    expect_event(c, "site/t/s2/visit/liu/2026-02-10@planner", "2026-02-11",
                 "2026-02-12", "刘部长 visits 二村");
    c = cal(f, "site-s3.ics");
    assert_int_equal(count_comp(c, ICAL_VEVENT_COMPONENT), 1);
    find_uid(c, "site/t/s3/task/s3/a@planner");
}

/* ================================================ determinism, safety */

#define RICH_MODEL                                                                 \
    "people:\n"                                                                    \
    "  - {id: wang, name: 王书记, role: \"村支书\\nATTENDEE:mailto:x@y\", "  \
    "visits: {every: month, day: 10}}\n"                                           \
    "  - {id: li, name: 李镇长}\n"                                              \
    "crews:\n"                                                                     \
    "  - {id: civil, name: \"甲,乙;丙\\\\丁\", count: 1}\n"                    \
    "  - {id: fit, name: 装修队, units: [{id: fit_a, name: 装修一队}]}\n"   \
    "reporting:\n"                                                                 \
    "  - {id: stats, name: 每周统计, every: week, on: thu, calendar: office, " \
    "people: [wang]}\n"                                                            \
    "  - {id: meet, name: 调度会, every: week, on: mon, time: \"09:30\", "      \
    "minutes: 45, people: [wang, li]}\n"                                           \
    "  - {id: bulletin, name: 每月通报, every: month, day: last, people: "     \
    "[li]}\n"                                                                      \
    "export:\n"                                                                    \
    "  reminders: [7, 1]\n"                                                        \
    "  colors: {program: firebrick, site: teal, crew: goldenrod, person: "         \
    "olivedrab}\n"                                                                 \
    "templates:\n"                                                                 \
    "  - id: venue\n"                                                              \
    "    tasks:\n"                                                                 \
    "      - {id: found, name: 基础, duration: 7, crews: {civil: 1}}\n"          \
    "      - {id: fit, name: 装修, duration: 8, after: [found], crews: "         \
    "{fit: 1}}\n"                                                                  \
    "      - {id: done, name: 验收, duration: 0, after: [fit]}\n"                \
    "sites:\n"                                                                     \
    "  - {id: s1, name: \"村\\nATTENDEE:mailto:x@y\", template: venue, "          \
    "responsible: [wang, li]}\n"                                                   \
    "  - {id: s2.x-1, name: 二村, template: venue, responsible: [wang]}\n"       \
    "deadlines:\n"                                                                 \
    "  - {id: dl, name: 完工, task: done, finish_by: 2026-03-31}\n"              \
    "  - {id: go, name: 开工, task: found, start_within: 2026-01}\n"

static void test_rendering_is_deterministic(void **state)
{
    struct fx *f = *state;
    struct pln_export_options o;
    struct out again;

    plan_solved(f, RICH_MODEL);
    pln_export_options_init(&o);
    o.todos = true;
    o.dtstamp = INT64_C(1767571200); /* 2026-01-05T00:00:00Z */
    export_all(f, &o);
    memset(&again, 0, sizeof(again));
    export_to(f->s, &o, &again);
    assert_int_equal(again.n, f->out.n);
    /* program, 2 sites, civil, fit, fit_a, 2 people */
    assert_int_equal(f->out.n, 8);
    for (size_t i = 0; i < f->out.n; i++) {
        assert_string_equal(again.f[i].name, f->out.f[i].name);
        assert_int_equal(again.f[i].len, f->out.f[i].len);
        assert_memory_equal(again.f[i].data, f->out.f[i].data, f->out.f[i].len);
        expect_line(f->out.f[i].data, "BEGIN:VCALENDAR", 1);
    }
    expect_line(file(f, "program.ics"), "DTSTAMP:20260105T000000Z",
                count_prefixed(file(f, "program.ics"), "DTSTAMP:"));
    out_release(&again);
}

/* Every component of c (recursively) has no property of kind k. */
static void expect_no_property(icalcomponent *c, icalproperty_kind k)
{
    assert_int_equal(icalcomponent_count_properties(c, k), 0);
    for (icalcomponent *s =
             icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
         s; s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        expect_no_property(s, k);
}

static void test_hostile_names_stay_text(void **state)
{
    struct fx *f = *state;
    icalcomponent *c, *e;

    plan_solved(f, RICH_MODEL);
    export_all(f, NULL);
    for (size_t i = 0; i < f->out.n; i++) {
        icalcomponent *p = parse_text(f->out.f[i].data);
        expect_no_property(p, ICAL_ATTENDEE_PROPERTY);
        assert_int_equal(count_prefixed(f->out.f[i].data, "ATTENDEE"), 0);
        for (e = icalcomponent_get_first_component(p, ICAL_ANY_COMPONENT); e;
             e = icalcomponent_get_next_component(p, ICAL_ANY_COMPONENT))
            if (icalcomponent_isa(e) == ICAL_VEVENT_COMPONENT ||
                icalcomponent_isa(e) == ICAL_VTODO_COMPONENT)
                assert_int_equal(
                    icalcomponent_count_properties(e, ICAL_SUMMARY_PROPERTY),
                    1);
        icalcomponent_free(p);
    }
    /* Read back, the names are what the model says. */
    c = cal(f, "site-s1.ics");
    e = find_uid(c, "site/t/s1/task/s1/found@planner");
    assert_string_equal(icalcomponent_get_summary(e),
                        "村\nATTENDEE:mailto:x@y: 基础");
    expect_contains(desc(e), "\nCrews: 甲,乙;丙\\丁 ×1");
    e = find_uid(c, "site/t/s1/deadline/s1/dl@planner");
    expect_contains(desc(e), "Responsible: 王书记 (村支书\nATTENDEE:mailto:"
                             "x@y), 李镇长\n");
    c = cal(f, "crew-civil.ics");
    e = find_uid(c, "crew/t/civil/s1/1@planner");
    assert_string_equal(icalcomponent_get_summary(e),
                        "甲,乙;丙\\丁 at 村\nATTENDEE:mailto:x@y: 基础");
    expect_line(file(f, "crew-civil.ics"),
                "SUMMARY:甲\\,乙\\;丙\\\\丁 at 村\\nATTENDEE:mailto:x@y: "
                "基础",
                2); /* 7 days: two runs around a weekend */
    expect_line(file(f, "crew-civil.ics"),
                "X-WR-CALNAME:甲\\,乙\\;丙\\\\丁 — 测试项目", 1);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every file name is safe, and no UID repeats across all the files. */
static void expect_names_and_uids(const struct out *o)
{
    regex_t re;
    const char **uids = NULL;
    size_t n = 0, cap = 0;

    assert_int_equal(regcomp(&re,
                             "^(program|site-[A-Za-z0-9_.-]+|crew-[A-Za-z0-9_"
                             ".-]+|person-[A-Za-z0-9_.-]+)\\.ics$",
                             REG_EXTENDED | REG_NOSUB),
                     0);
    for (size_t i = 0; i < o->n; i++) {
        icalcomponent *c;
        if (regexec(&re, o->f[i].name, 0, NULL, 0) != 0)
            fail_msg("bad file name '%s'", o->f[i].name);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(o->f[k].name, o->f[i].name);
        c = parse_text(o->f[i].data);
        for (icalcomponent *e =
                 icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
             e; e = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
            if (icalcomponent_isa(e) != ICAL_VEVENT_COMPONENT &&
                icalcomponent_isa(e) != ICAL_VTODO_COMPONENT)
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 256;
                uids = realloc(uids, cap * sizeof(*uids));
                assert_non_null(uids);
            }
            assert_non_null(icalcomponent_get_uid(e));
            uids[n] = strdup(icalcomponent_get_uid(e));
            assert_non_null(uids[n]);
            n++;
        }
        icalcomponent_free(c);
    }
    regfree(&re);
    assert_true(n > 0);
    qsort(uids, n, sizeof(*uids), cmp_str);
    for (size_t k = 1; k < n; k++)
        if (!strcmp(uids[k - 1], uids[k]))
            fail_msg("UID '%s' appears twice", uids[k]);
    for (size_t k = 0; k < n; k++)
        free((char *)uids[k]);
    free(uids);
}

static void test_file_names_and_unique_uids(void **state)
{
    struct fx *f = *state;
    struct pln_export_options o;
    static const char *const files[] = {
        "program.ics",  "site-s1.ics",    "site-s2.x-1.ics", "crew-civil.ics",
        "crew-fit.ics", "crew-fit_a.ics", "person-wang.ics", "person-li.ics"};

    plan_solved(f, RICH_MODEL);
    pln_export_options_init(&o);
    o.todos = true;
    export_all(f, &o);
    expect_files(f, files, 8);
    expect_names_and_uids(&f->out);
}

static void test_sink_error_stops_export(void **state)
{
    struct fx *f = *state;
    struct pln_export_options o;
    pln_error err;

    plan_solved(f, RICH_MODEL);
    pln_export_options_init(&o);
    pln_error_init(&err);
    f->out.fail_at = 3;
    assert_int_equal(pln_export_calendars(f->s, &o, sink, &f->out, &err),
                     PLN_EIO);
    assert_int_equal(err.code, PLN_EIO);
    assert_string_equal(err.message, "disk full");
    assert_string_equal(err.source, "site-s2.x-1.ics");
    assert_int_equal(f->out.calls, 3);
    assert_int_equal(f->out.n, 2);
}

static void test_colours(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *file, *name, *hex;
    } want[] = {{"program.ics", "firebrick", "#b22222"},
                {"site-s1.ics", "teal", "#008080"},
                {"crew-civil.ics", "goldenrod", "#daa520"},
                {"crew-fit_a.ics", "goldenrod", "#daa520"},
                {"person-li.ics", "olivedrab", "#6b8e23"}};
    char line[64];

    plan_solved(f, RICH_MODEL);
    export_all(f, NULL);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const char *raw = file(f, want[i].file);
        snprintf(line, sizeof(line), "COLOR:%s", want[i].name);
        expect_line(raw, line, 1);
        snprintf(line, sizeof(line), "X-APPLE-CALENDAR-COLOR:%s", want[i].hex);
        expect_line(raw, line, 1);
        assert_int_equal(count_prefixed(raw, "COLOR:"), 1);
    }
}

static void test_default_colours(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *file, *name, *hex;
    } want[] = {{"program.ics", "crimson", "#dc143c"},
                {"site-s.ics", "steelblue", "#4682b4"},
                {"person-wang.ics", "seagreen", "#2e8b57"}};
    char line[64];

    plan(f, DEADLINE_MODEL("crews: [{id: c, name: 土建队}]\n"));
    export_all(f, NULL);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        snprintf(line, sizeof(line), "COLOR:%s", want[i].name);
        expect_line(file(f, want[i].file), line, 1);
        snprintf(line, sizeof(line), "X-APPLE-CALENDAR-COLOR:%s", want[i].hex);
        expect_line(file(f, want[i].file), line, 1);
    }
    expect_line(file(f, "crew-c.ics"), "COLOR:darkorange", 1);
    expect_line(file(f, "crew-c.ics"), "X-APPLE-CALENDAR-COLOR:#ff8c00", 1);
}

/* ========================================================= district-50 */

static size_t count_named(const struct out *o, const char *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < o->n; i++)
        n += strncmp(o->f[i].name, prefix, strlen(prefix)) == 0;
    return n;
}

/*
 * Every event of one crew calendar: its days are working days of the
 * crew's calendar, within the plan, and on no day are more sites booked
 * than `most` (the kind's count; 1 for a named crew). The site is read
 * from the UID, crew/district-50/<id>/<site>/<n>@planner.
 */
static void check_crew_file(struct fx *f, const char *id, int calendar,
                            int most)
{
    char name[96], prefix[96];
    const char *raw;
    icalcomponent *c;
    pln_date first = f->m->start, last = f->s->finish;
    int *booked = calloc((size_t)(last - first + 1), sizeof(*booked));
    size_t events = 0;

    assert_non_null(booked);
    snprintf(name, sizeof(name), "crew-%s.ics", id);
    snprintf(prefix, sizeof(prefix), "crew/district-50/%s/", id);
    raw = file(f, name);
    c = parse_text(raw);
    for (icalcomponent *e =
             icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
         e; e = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT)) {
        pln_date a = date_of(icalcomponent_get_dtstart(e));
        pln_date b = date_of(icalcomponent_get_dtend(e));
        const char *uid = icalcomponent_get_uid(e);
        char site[32];
        const char *slash;
        assert_true(strncmp(uid, prefix, strlen(prefix)) == 0);
        slash = strchr(uid + strlen(prefix), '/');
        assert_non_null(slash);
        assert_true((size_t)(slash - uid - strlen(prefix)) < sizeof(site));
        snprintf(site, sizeof(site), "%.*s",
                 (int)(slash - uid - strlen(prefix)), uid + strlen(prefix));
        assert_true(pln_model_find_site(f->m, site) >= 0);
        assert_true(a >= first && b <= last + 1 && a < b);
        for (pln_date d = a; d < b; d++) {
            if (!pln_calset_is_working(f->s->cals, calendar, d)) {
                char ds[11];
                pln_date_format(d, ds);
                fail_msg("%s works on %s, a day off", uid, ds);
            }
            booked[d - first]++;
        }
        events++;
    }
    assert_true(events > 0);
    for (pln_date d = first; d <= last; d++)
        if (booked[d - first] > most) {
            char ds[11];
            pln_date_format(d, ds);
            fail_msg("%s is at %d sites on %s, more than %d", id,
                     booked[d - first], ds, most);
        }
    icalcomponent_free(c);
    free(booked);
}

static void test_district_50(void **state)
{
    struct fx *f = *state;
    struct pln_solve_options so;
    pln_diags d;
    pln_error err;
    char name[96];

    pln_diags_init(&d);
    f->m = pln_model_load_file(PLN_SOURCE_DIR "/examples/district-50.yaml", &d);
    pln_diags_release(&d);
    assert_non_null(f->m);
    pln_solve_options_init(&so);
    so.time_limit = 0;
    pln_error_init(&err);
    if (pln_solve(f->m, &so, &f->s, &err) != PLN_OK)
        fail_msg("pln_solve: %s", err.message);
    export_all(f, NULL);

    assert_int_equal(f->m->n_sites, 50);
    assert_int_equal(f->m->n_people, 81);
    assert_int_equal(f->out.n, 1 + 50 + 9 + 81);
    assert_string_equal(f->out.f[0].name, "program.ics");
    assert_int_equal(count_named(&f->out, "site-"), 50);
    assert_int_equal(count_named(&f->out, "crew-"), 6 + 3);
    assert_int_equal(count_named(&f->out, "person-"), 81);
    for (size_t i = 0; i < f->m->n_sites; i++) {
        snprintf(name, sizeof(name), "site-%s.ics", f->m->sites[i].id);
        file(f, name);
    }
    for (size_t p = 0; p < f->m->n_people; p++) {
        snprintf(name, sizeof(name), "person-%s.ics", f->m->people[p].id);
        file(f, name);
    }
    expect_names_and_uids(&f->out);

    assert_int_equal(f->m->n_crews, 6);
    for (size_t k = 0; k < f->m->n_crews; k++) {
        const struct pln_crew *c = &f->m->crews[k];
        check_crew_file(f, c->id, c->calendar, c->count);
        for (size_t u = 0; u < c->n_units; u++)
            check_crew_file(f, c->units[u].id, c->calendar, 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crew_run_split_by_weekend, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_crew_run_split_by_holiday, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_crew_run_split_by_winter_stop,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_crew_run_merges_consecutive_steps,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_crew_run_two_crews_at_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_named_units_first_fit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_named_units_overbooked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_named_units_two_kinds, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_milestone_with_named_crew, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_named_units_mixed_calendars, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deadline_default_reminders, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deadline_model_reminders, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deadline_option_reminders, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deadline_todos, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_weekly_with_holiday, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_timed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_monthly_first_date_off,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_visits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rendering_is_deterministic, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_hostile_names_stay_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_file_names_and_unique_uids, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sink_error_stops_export, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_colours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_colours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_district_50, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
