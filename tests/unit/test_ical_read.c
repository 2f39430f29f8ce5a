/*
 * test_ical_read.c -- unit tests of pln_ics_read_buffer()/_file(): holiday
 * feeds with Chinese text and make-up working days, line folding, CRLF and
 * LF files, time zones, recurrences and the horizon, and every kind of bad
 * input (tests/data/ics-read/bad/<case>.ics with <case>.expect holding
 * "LINE:COLUMN: message part" of the first error), plus every .ics of the
 * repository's corpora, which must never crash the reader.
 */
/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pln_alloc.h"
#include "pln_ics_read.h"

#define TZ "Asia/Shanghai"

/* --------------------------------------------------------------- helpers */

static pln_date D(int y, int m, int d)
{
    return pln_date_from_ymd(y, m, d);
}

/* Reads `text` in Asia/Shanghai over 2027. */
static pln_status read_text(const char *text, pln_ics_items **out,
                            pln_diags *diags)
{
    return pln_ics_read_buffer("test.ics", text, strlen(text), TZ,
                               D(2027, 1, 1), D(2027, 12, 31), out, diags);
}

static void dump_diags(const pln_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        print_message("  %s:%d:%d: %s: %s\n", d->items[i].source,
                      d->items[i].line, d->items[i].column,
                      d->items[i].severity == PLN_SEV_ERROR ? "error"
                                                            : "warning",
                      d->items[i].message);
}

/* Reads text that must be clean: no error, no warning. */
static pln_ics_items *read_ok(const char *text)
{
    pln_ics_items *items = NULL;
    pln_diags d;
    pln_status st;

    pln_diags_init(&d);
    st = read_text(text, &items, &d);
    if (st != PLN_OK || d.count != 0) {
        dump_diags(&d);
        fail_msg("status %s, %zu diagnostics", pln_strerror(st), d.count);
    }
    pln_diags_release(&d);
    assert_non_null(items);
    return items;
}

static const struct pln_diag *first_error(const pln_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == PLN_SEV_ERROR)
            return &d->items[i];
    return NULL;
}

static void assert_dates(const struct pln_ics_item *it, pln_date first,
                         pln_date last)
{
    if (it->first != first || it->last != last) {
        char a[11], b[11], c[11], e[11];
        pln_date_format(it->first, a);
        pln_date_format(it->last, b);
        pln_date_format(first, c);
        pln_date_format(last, e);
        fail_msg("item of line %d covers %s..%s, expected %s..%s", it->line, a,
                 b, c, e);
    }
}

static void assert_str_or_null(const char *got, const char *want)
{
    if (!want)
        assert_null(got);
    else
        assert_string_equal(got, want);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in `dir` ending in `suffix`; caller frees. */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t cap = 0, k = strlen(suffix);

    *n = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= k || strcmp(e->d_name + len - k, suffix) != 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            names = realloc(names, cap * sizeof(*names));
            assert_non_null(names);
        }
        names[*n] = strdup(e->d_name);
        assert_non_null(names[(*n)++]);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof(*names), cmp_names);
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ------------------------------------------------------- holiday feeds */

static const char holidays[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//test//节假日//ZH\r\n"
    "X-WR-CALNAME:中国法定节假日\r\n"
    "X-WR-TIMEZONE:Asia/Shanghai\r\n"
    "BEGIN:VEVENT\r\n" /* line 6 */
    "UID:2027-newyear@test\r\n"
    "DTSTAMP:20261101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20270101\r\n"
    "DTEND;VALUE=DATE:20270104\r\n"
    "SUMMARY:元旦 放假\r\n"
    "CATEGORIES:假日\r\n"
    "TRANSP:TRANSPARENT\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n" /* line 15 */
    "UID:2027-spring@test\r\n"
    "DTSTART;VALUE=DATE:20270205\r\n"
    "DURATION:P8D\r\n"
    "SUMMARY:春节\r\n"
    "DESCRIPTION:2月5日至12日放假调休\\, 共8天\\n请安排值班\\; 谢谢\r\n"
    "CATEGORIES:假日,春节\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n" /* line 23 */
    "UID:2027-spring-work@test\r\n"
    "DTSTART;VALUE=DATE:20270131\r\n"
    "SUMMARY:春节 补班\r\n"
    "CATEGORIES:补班\r\n"
    "CATEGORIES:调休\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n" /* line 30: no UID, no DTEND */
    "DTSTART;VALUE=DATE:20270220\r\n"
    "SUMMARY:补班\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n" /* line 34: no SUMMARY */
    "UID:blank@test\r\n"
    "DTSTART;VALUE=DATE:20270405\r\n"
    "DTEND;VALUE=DATE:20270406\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void test_ical_read_holiday_feed(void **state)
{
    pln_ics_items *items = read_ok(holidays);
    const struct pln_ics_item *it = items->items;

    (void)state;
    assert_int_equal(items->n, 5);

    assert_string_equal(it[0].uid, "2027-newyear@test");
    assert_string_equal(it[0].summary, "元旦 放假");
    assert_string_equal(it[0].categories, "假日");
    assert_null(it[0].description);
    assert_dates(&it[0], D(2027, 1, 1), D(2027, 1, 3));
    assert_true(it[0].all_day);
    assert_true(it[0].transparent);
    assert_int_equal(it[0].line, 6);

    /* DURATION:P8D covers eight days; escapes are undone. */
    assert_string_equal(it[1].summary, "春节");
    assert_dates(&it[1], D(2027, 2, 5), D(2027, 2, 12));
    assert_string_equal(it[1].description,
                        "2月5日至12日放假调休, 共8天\n请安排值班; 谢谢");
    assert_string_equal(it[1].categories, "假日,春节");
    assert_false(it[1].transparent);
    assert_int_equal(it[1].line, 15);

    /* A make-up working day: one day without DTEND, two CATEGORIES. */
    assert_string_equal(it[2].summary, "春节 补班");
    assert_string_equal(it[2].categories, "补班,调休");
    assert_dates(&it[2], D(2027, 1, 31), D(2027, 1, 31));
    assert_int_equal(it[2].line, 23);

    assert_null(it[3].uid);
    assert_string_equal(it[3].summary, "补班");
    assert_null(it[3].categories);
    assert_dates(&it[3], D(2027, 2, 20), D(2027, 2, 20));
    assert_int_equal(it[3].line, 30);

    assert_string_equal(it[4].summary, "");
    assert_dates(&it[4], D(2027, 4, 5), D(2027, 4, 5));
    assert_int_equal(it[4].line, 34);
    pln_ics_items_free(items);
}

/* The same calendar with LF line ends, a byte order mark and bytes after
 * `len` reads the same. */
static void test_ical_read_crlf_and_lf(void **state)
{
    size_t n = strlen(holidays), j = 3;
    char *lf = malloc(n + 16);
    pln_ics_items *a, *b = NULL;
    pln_diags d;

    (void)state;
    assert_non_null(lf);
    memcpy(lf, "\xef\xbb\xbf", 3);
    for (size_t i = 0; i < n; i++)
        if (holidays[i] != '\r')
            lf[j++] = holidays[i];
    memcpy(lf + j, "GARBAGE", 8); /* not part of the input */

    a = read_ok(holidays);
    pln_diags_init(&d);
    assert_int_equal(pln_ics_read_buffer("lf.ics", lf, j, TZ, D(2027, 1, 1),
                                         D(2027, 12, 31), &b, &d),
                     PLN_OK);
    assert_int_equal(d.count, 0);
    assert_non_null(b);
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_int_equal(a->items[i].first, b->items[i].first);
        assert_int_equal(a->items[i].last, b->items[i].last);
        assert_int_equal(a->items[i].line, b->items[i].line);
        assert_string_equal(a->items[i].summary, b->items[i].summary);
        assert_str_or_null(b->items[i].categories, a->items[i].categories);
        assert_str_or_null(b->items[i].description, a->items[i].description);
    }
    pln_ics_items_free(a);
    pln_ics_items_free(b);
    pln_diags_release(&d);
    free(lf);
}

/* -------------------------------------------------------------- folding */

/* 办 is E5 8A 9E: the first fold splits it, the second uses a tab, the
 * third splits a property name, and BEGIN itself is folded. */
static const char folded[] =
    "BEGIN:VCALENDAR\n"
    "VERSION:2.0\n"
    "PRODID:-//test//fold//ZH\n"
    "BEGIN:VEV\n"
    " ENT\n" /* the event starts on line 4 */
    "UID:fold@test\n"
    "DTST\n"
    " ART;VALUE=DATE:20270501\n"
    "DTEND;VALUE=DATE:20270506\n"
    "SUMMARY:国务院\xe5\n"
    " \x8a\x9e公厅关于2027年部分节假日安排的通知：劳动节5月1日至5日\n"
    "\t放假调休，共5天\n"
    "END:VEVENT\n"
    "END:VCALENDAR\n";

static void test_ical_read_folded_chinese(void **state)
{
    pln_ics_items *items = read_ok(folded);

    (void)state;
    assert_int_equal(items->n, 1);
    assert_string_equal(items->items[0].summary,
                        "国务院办公厅关于2027年部分节假日安排的通知：劳动节5"
                        "月1日至5日放假调休，共5天");
    assert_dates(&items->items[0], D(2027, 5, 1), D(2027, 5, 5));
    assert_int_equal(items->items[0].line, 4);
    pln_ics_items_free(items);
}

/* Positions after folds are those of the physical lines. */
static void test_ical_read_folded_error_position(void **state)
{
    static const char text[] = "BEGIN:VCALENDAR\r\n"
                               "BEGIN:VEVENT\r\n"
                               "SUMMARY:长长的\r\n"
                               " 标题\r\n"
                               "DTSTART;VALUE=DATE:20270228\r\n"
                               "DTEND;VALUE=\r\n"
                               " DATE:2027\r\n" /* line 7 */
                               " 0230\r\n"
                               "END:VEVENT\r\n"
                               "END:VCALENDAR\r\n";
    static const char bad_utf8[] = "BEGIN:VCALENDAR\r\n"
                                   "BEGIN:VEVENT\r\n"
                                   "DTSTART;VALUE=DATE:20270228\r\n"
                                   "SUMMARY:标\r\n"
                                   " 题\xe9\r\n" /* line 5 */
                                   "END:VEVENT\r\n"
                                   "END:VCALENDAR\r\n";
    pln_ics_items *items = NULL;
    pln_diags d;
    const struct pln_diag *e;

    (void)state;
    pln_diags_init(&d);
    assert_int_equal(read_text(text, &items, &d), PLN_ERANGE);
    assert_null(items);
    e = first_error(&d);
    assert_non_null(e);
    assert_string_equal(e->source, "test.ics");
    assert_int_equal(e->line, 7);
    assert_int_equal(e->column, 7);
    assert_non_null(strstr(e->message, "'20270230' is not a real date"));
    pln_diags_release(&d);

    /* The bad byte is the 5th of the continuation (after " 题"). */
    pln_diags_init(&d);
    assert_int_equal(read_text(bad_utf8, &items, &d), PLN_ESYNTAX);
    e = first_error(&d);
    assert_non_null(e);
    assert_int_equal(e->line, 5);
    assert_int_equal(e->column, 5);
    assert_non_null(strstr(e->message, "UTF-8"));
    pln_diags_release(&d);
}

/* ----------------------------------------------------------- time zones */

static const char timed[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//test//timed//EN\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Hawaiian Standard Time\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:16010101T000000\r\n"
    "TZOFFSETFROM:-1000\r\n"
    "TZOFFSETTO:-1000\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    /* 20:00 in New York (UTC-5) is 09:00 the next day in Shanghai. */
    "BEGIN:VEVENT\r\n"
    "UID:ny\r\n"
    "DTSTART;TZID=America/New_York:20270104T200000\r\n"
    "DTEND;TZID=America/New_York:20270104T210000\r\n"
    "END:VEVENT\r\n"
    /* 15:00Z-17:00Z is 23:00-01:00 in Shanghai: two days. */
    "BEGIN:VEVENT\r\n"
    "UID:utc\r\n"
    "DTSTART:20270104T150000Z\r\n"
    "DTEND:20270104T170000Z\r\n"
    "END:VEVENT\r\n"
    /* Ends at midnight: one day. */
    "BEGIN:VEVENT\r\n"
    "UID:midnight\r\n"
    "DTSTART;TZID=Asia/Shanghai:20270110T220000\r\n"
    "DTEND;TZID=Asia/Shanghai:20270111T000000\r\n"
    "END:VEVENT\r\n"
    /* Floating: as written; 09:00-10:00 is one day. */
    "BEGIN:VEVENT\r\n"
    "UID:floating\r\n"
    "DTSTART:20270112T090000\r\n"
    "DTEND:20270112T100000\r\n"
    "END:VEVENT\r\n"
    /* No end: an instant. */
    "BEGIN:VEVENT\r\n"
    "UID:instant\r\n"
    "DTSTART:20270113T000000\r\n"
    "END:VEVENT\r\n"
    /* A zone from the file, written after it: 20:00 at UTC-10 is 14:00
     * the next day in Shanghai. */
    "BEGIN:VEVENT\r\n"
    "UID:file-zone\r\n"
    "DTSTART;TZID=Hawaiian Standard Time:20270114T200000\r\n"
    "DURATION:PT1H\r\n"
    "END:VEVENT\r\n"
    /* DURATION from a UTC start: 23:00Z + 10h is 07:00-17:00 next day. */
    "BEGIN:VEVENT\r\n"
    "UID:duration\r\n"
    "DTSTART:20270116T230000Z\r\n"
    "DURATION:PT10H\r\n"
    "END:VEVENT\r\n"
    /* libical's own TZID form. */
    "BEGIN:VEVENT\r\n"
    "UID:libical-tzid\r\n"
    "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/London:"
    "20270118T200000\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void test_ical_read_timed_zones(void **state)
{
    pln_ics_items *items = read_ok(timed), *utc = NULL;
    const struct pln_ics_item *it = items->items;
    pln_diags d;

    (void)state;
    assert_int_equal(items->n, 8);
    assert_string_equal(it[0].uid, "ny");
    assert_false(it[0].all_day);
    assert_dates(&it[0], D(2027, 1, 5), D(2027, 1, 5));
    assert_dates(&it[1], D(2027, 1, 4), D(2027, 1, 5));
    assert_dates(&it[2], D(2027, 1, 10), D(2027, 1, 10));
    assert_dates(&it[3], D(2027, 1, 12), D(2027, 1, 12));
    assert_dates(&it[4], D(2027, 1, 13), D(2027, 1, 13));
    assert_dates(&it[5], D(2027, 1, 15), D(2027, 1, 15));
    assert_dates(&it[6], D(2027, 1, 17), D(2027, 1, 17));
    /* 20:00 in London (UTC+0 in January) is 04:00 next day in Shanghai. */
    assert_dates(&it[7], D(2027, 1, 19), D(2027, 1, 19));
    pln_ics_items_free(items);

    /* In UTC the same events fall elsewhere. */
    pln_diags_init(&d);
    assert_int_equal(pln_ics_read_buffer("t", timed, strlen(timed), "UTC",
                                         D(2027, 1, 1), D(2027, 12, 31), &utc,
                                         &d),
                     PLN_OK);
    assert_dates(&utc->items[0], D(2027, 1, 5), D(2027, 1, 5)); /* 01:00Z */
    assert_dates(&utc->items[1], D(2027, 1, 4), D(2027, 1, 4));
    assert_dates(&utc->items[2], D(2027, 1, 10), D(2027, 1, 10));
    assert_dates(&utc->items[3], D(2027, 1, 12), D(2027, 1, 12));
    assert_dates(&utc->items[5], D(2027, 1, 15), D(2027, 1, 15));
    assert_dates(&utc->items[6], D(2027, 1, 16), D(2027, 1, 17));
    assert_dates(&utc->items[7], D(2027, 1, 18), D(2027, 1, 18));
    pln_ics_items_free(utc);
    pln_diags_release(&d);
}

/* ----------------------------------------------------------- recurrence */

static const char weekly[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//test//rrule//ZH\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:meeting@test\r\n"
    "DTSTART;TZID=Asia/Shanghai:20270104T093000\r\n"
    "DTEND;TZID=Asia/Shanghai:20270104T101500\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270201T013000Z\r\n"
    "EXDATE;TZID=Asia/Shanghai:20270118T093000\r\n"
    "SUMMARY:调度会\r\n"
    "END:VEVENT\r\n"
    /* All-day, monthly on the last day, dates taken out and added. */
    "BEGIN:VEVENT\r\n"
    "UID:bulletin@test\r\n"
    "DTSTART;VALUE=DATE:20270131\r\n"
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270531\r\n"
    "EXDATE;VALUE=DATE:20270228,20270430\r\n"
    "RDATE;VALUE=DATE:20270301,20270215\r\n"
    "SUMMARY:每月通报\r\n"
    "END:VEVENT\r\n"
    /* DTSTART (a Sunday) is not a Saturday: it still counts, and in
     * COUNT too (RFC 5545 3.8.5.3). */
    "BEGIN:VEVENT\r\n"
    "UID:count@test\r\n"
    "DTSTART;VALUE=DATE:20270103\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=3\r\n"
    "SUMMARY:周六值班\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void test_ical_read_rrule_weekly_exdate_until(void **state)
{
    pln_ics_items *items = read_ok(weekly);
    const struct pln_ics_item *it = items->items;

    (void)state;
    assert_int_equal(items->n, 4 + 5 + 3);
    assert_dates(&it[0], D(2027, 1, 4), D(2027, 1, 4));
    assert_dates(&it[1], D(2027, 1, 11), D(2027, 1, 11));
    assert_dates(&it[2], D(2027, 1, 25), D(2027, 1, 25));
    assert_dates(&it[3], D(2027, 2, 1), D(2027, 2, 1)); /* UNTIL is kept */
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(it[i].summary, "调度会");
        assert_int_equal(it[i].line, 4);
        assert_false(it[i].all_day);
    }
    assert_dates(&it[4], D(2027, 1, 31), D(2027, 1, 31));
    assert_dates(&it[5], D(2027, 2, 15), D(2027, 2, 15));
    assert_dates(&it[6], D(2027, 3, 1), D(2027, 3, 1));
    assert_dates(&it[7], D(2027, 3, 31), D(2027, 3, 31));
    assert_dates(&it[8], D(2027, 5, 31), D(2027, 5, 31));
    assert_int_equal(it[8].line, 12);
    assert_true(it[8].all_day);
    assert_dates(&it[9], D(2027, 1, 3), D(2027, 1, 3));
    assert_dates(&it[10], D(2027, 1, 9), D(2027, 1, 9));
    assert_dates(&it[11], D(2027, 1, 16), D(2027, 1, 16));
    pln_ics_items_free(items);
}

static void test_ical_read_horizon_clipping(void **state)
{
    static const char text[] =
        "BEGIN:VCALENDAR\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:monday@test\r\n"
        "DTSTART;VALUE=DATE:20200106\r\n"
        "RRULE:FREQ=WEEKLY\r\n" /* every Monday, forever */
        "SUMMARY:周一\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:new-year@test\r\n"
        "DTSTART;VALUE=DATE:20251231\r\n"
        "DTEND;VALUE=DATE:20260103\r\n"
        "RRULE:FREQ=YEARLY\r\n"
        "SUMMARY:跨年\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n" /* does not recur: kept though outside */
        "UID:later@test\r\n"
        "DTSTART;VALUE=DATE:20300101\r\n"
        "SUMMARY:以后\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n" /* recurs, all before the horizon */
        "UID:past@test\r\n"
        "DTSTART;VALUE=DATE:20200101\r\n"
        "RRULE:FREQ=DAILY;COUNT=400\r\n"
        "SUMMARY:以前\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    pln_ics_items *items = read_ok(text);
    const struct pln_ics_item *it = items->items;
    size_t i;

    (void)state;
    assert_int_equal(items->n, 52 + 2 + 1);
    for (i = 0; i < 52; i++) {
        assert_dates(&it[i], D(2027, 1, 4) + 7 * (pln_date)i,
                     D(2027, 1, 4) + 7 * (pln_date)i);
        assert_string_equal(it[i].summary, "周一");
    }
    /* The occurrence that starts before the horizon but reaches into it,
     * and the one that starts in it but ends after it. */
    assert_dates(&it[52], D(2026, 12, 31), D(2027, 1, 2));
    assert_dates(&it[53], D(2027, 12, 31), D(2028, 1, 2));
    assert_dates(&it[54], D(2030, 1, 1), D(2030, 1, 1));
    pln_ics_items_free(items);
}

/* An event with RECURRENCE-ID replaces one occurrence of its series. */
static void test_ical_read_recurrence_id(void **state)
{
    static const char text[] = "BEGIN:VCALENDAR\r\n"
                               "BEGIN:VEVENT\r\n"
                               "UID:meet@test\r\n"
                               "DTSTART;VALUE=DATE:20270104\r\n"
                               "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
                               "SUMMARY:周例会\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "UID:meet@test\r\n"
                               "RECURRENCE-ID;VALUE=DATE:20270111\r\n"
                               "DTSTART;VALUE=DATE:20270113\r\n"
                               "SUMMARY:周例会（改期）\r\n"
                               "END:VEVENT\r\n"
                               /* One meeting called off. */
                               "BEGIN:VEVENT\r\n"
                               "UID:meet@test\r\n"
                               "RECURRENCE-ID;VALUE=DATE:20270118\r\n"
                               "DTSTART;VALUE=DATE:20270118\r\n"
                               "STATUS:CANCELLED\r\n"
                               "END:VEVENT\r\n"
                               "END:VCALENDAR\r\n";
    pln_ics_items *items = NULL;
    pln_diags d;

    (void)state;
    pln_diags_init(&d);
    assert_int_equal(read_text(text, &items, &d), PLN_OK);
    assert_int_equal(d.count, 1); /* the cancelled one */
    assert_int_equal(d.items[0].severity, PLN_SEV_WARNING);
    assert_int_equal(d.items[0].line, 14);
    assert_int_equal(items->n, 2);
    assert_dates(&items->items[0], D(2027, 1, 4), D(2027, 1, 4));
    assert_dates(&items->items[1], D(2027, 1, 13), D(2027, 1, 13));
    assert_string_equal(items->items[1].summary, "周例会（改期）");
    pln_ics_items_free(items);
    pln_diags_release(&d);
}

/* --------------------------------------------------- warnings and errors */

static void test_ical_read_warnings(void **state)
{
    static const char text[] = "BEGIN:VCALENDAR\r\n"
                               "BEGIN:VTODO\r\n" /* line 2 */
                               "DUE;VALUE=DATE:20270301\r\n"
                               "END:VTODO\r\n"
                               "BEGIN:VJOURNAL\r\n" /* line 5 */
                               "END:VJOURNAL\r\n"
                               "BEGIN:VEVENT\r\n" /* line 7 */
                               "DTSTART;VALUE=DATE:20270301\r\n"
                               "STATUS:CANCELLED\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "DTSTART;VALUE=DATE:20270302\r\n"
                               "FOO:bar\r\n" /* line 13 */
                               "X-ANYTHING:ok\r\n"
                               "END:VEVENT\r\n"
                               "END:VCALENDAR\r\n";
    static const int lines[] = {2, 5, 7, 13};
    pln_ics_items *items = NULL;
    pln_diags d;

    (void)state;
    pln_diags_init(&d);
    assert_int_equal(read_text(text, &items, &d), PLN_OK);
    assert_non_null(items);
    assert_int_equal(items->n, 1);
    assert_dates(&items->items[0], D(2027, 3, 2), D(2027, 3, 2));
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.count, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(d.items[i].severity, PLN_SEV_WARNING);
        assert_int_equal(d.items[i].line, lines[i]);
    }
    assert_non_null(strstr(d.items[0].message, "'VTODO' ignored"));
    assert_non_null(strstr(d.items[2].message, "cancelled"));
    assert_non_null(strstr(d.items[3].message, "unknown property 'FOO'"));
    pln_ics_items_free(items);
    pln_diags_release(&d);
}

/* Lines of properties in events libical finds nothing wrong with (read
 * without markers): found by name and count, values of lists included. */
static void test_ical_read_property_lines(void **state)
{
    static const char text[] = "BEGIN:VCALENDAR\r\n"
                               "BEGIN:VEVENT\r\n"
                               "DTSTART;VALUE=DATE:20270301\r\n"
                               "RRULE:FREQ=WEEKLY\r\n"
                               "EXDATE;VALUE=DATE:20270308,20270315\r\n"
                               "EXDATE;VALUE=DATE:20270322\r\n"
                               "EXDATE;VALUE=DATE:20270329,\r\n"
                               " 30000405\r\n" /* line 8, column 2 */
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "DTSTART;VALUE=DATE:20270301\r\n"
                               "SUMMARY:x\r\n"
                               "DTSTART;VALUE=DATE:20270302\r\n" /* 13 */
                               "END:VEVENT\r\n"
                               "END:VCALENDAR\r\n";
    static const char trailing_comma[] = "BEGIN:VCALENDAR\r\n"
                                         "BEGIN:VEVENT\r\n"
                                         "DTSTART;VALUE=DATE:20270301\r\n"
                                         "RRULE:FREQ=WEEKLY\r\n"
                                         "EXDATE;VALUE=DATE:20270308,\r\n"
                                         "EXDATE;VALUE=DATE:30000101\r\n"
                                         "END:VEVENT\r\n"
                                         "END:VCALENDAR\r\n";
    pln_ics_items *items = NULL;
    pln_diags d;

    (void)state;
    pln_diags_init(&d);
    assert_int_equal(read_text(text, &items, &d), PLN_ERANGE);
    assert_int_equal(d.count, 2);
    assert_int_equal(d.items[0].line, 8);
    assert_int_equal(d.items[0].column, 2);
    assert_non_null(strstr(d.items[0].message, "year 3000"));
    assert_int_equal(d.items[1].line, 13);
    assert_int_equal(d.items[1].code, PLN_EINVAL);
    assert_non_null(strstr(d.items[1].message, "more than one 'DTSTART'"));
    pln_diags_release(&d);

    /* "a," is one value for libical: the next line is still found. */
    pln_diags_init(&d);
    assert_int_equal(read_text(trailing_comma, &items, &d), PLN_ERANGE);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 6);
    assert_int_equal(d.items[0].column, 19);
    pln_diags_release(&d);
}

/* What calendar programs write: empty texts (libical calls them errors),
 * X- properties with parameters, RFC 7986 properties, alarms. */
static void test_ical_read_real_world_properties(void **state)
{
    static const char text[] =
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Apple Inc.//macOS 13.0//EN\r\n"
        "X-WR-CALNAME:\r\n"
        "REFRESH-INTERVAL;VALUE=DURATION:P1W\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:a1\r\n"
        "DTSTART;VALUE=DATE:20270301\r\n"
        "SUMMARY:\r\n"
        "DESCRIPTION:\r\n"
        "X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-TITLE=Office:"
        "geo:39.9,116.4\r\n"
        "ATTENDEE;CN=\"Zhang: San\";RSVP=TRUE:mailto:z@example.com\r\n"
        "X-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n"
        "X-EMPTY:\r\n"
        "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://meet.example.com/x\r\n"
        "COLOR:red\r\n"
        "BEGIN:VALARM\r\n"
        "ACTION:DISPLAY\r\n"
        "TRIGGER;VALUE=DATE-TIME:20270228T090000Z\r\n"
        "DESCRIPTION:提醒\r\n"
        "END:VALARM\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    pln_ics_items *items = read_ok(text);

    (void)state;
    assert_int_equal(items->n, 1);
    assert_string_equal(items->items[0].summary, "");
    assert_null(items->items[0].description);
    pln_ics_items_free(items);
}

/* Problems found in different passes come out in file order, all of them. */
static void test_ical_read_errors_in_file_order(void **state)
{
    static const char text[] = "BEGIN:VCALENDAR\r\n"
                               "BEGIN:VEVENT\r\n"
                               "DTSTART;VALUE=DATE:20271301\r\n" /* 3 */
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n" /* 5: no DTSTART */
                               "SUMMARY:x\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VTIMEZONE\r\n"
                               "TZID:X\r\n"
                               "BEGIN:STANDARD\r\n"
                               "TZOFFSETTO:+08\r\n" /* 11: bad offset */
                               "END:STANDARD\r\n"
                               "END:VTIMEZONE\r\n"
                               "END:VCALENDAR\r\n";
    pln_ics_items *items = NULL;
    pln_diags d;

    (void)state;
    pln_diags_init(&d);
    assert_int_equal(read_text(text, &items, &d), PLN_ERANGE);
    assert_null(items);
    assert_int_equal(d.errors, 3);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].code, PLN_ERANGE);
    assert_int_equal(d.items[1].line, 5);
    assert_int_equal(d.items[1].code, PLN_EINVAL);
    assert_int_equal(d.items[2].line, 11);
    assert_int_equal(d.items[2].column, 12);
    assert_int_equal(d.items[2].code, PLN_ESYNTAX);
    pln_diags_release(&d);
}

/* Every tests/data/ics-read/bad/<case>.ics fails with the first error
 * its <case>.expect names. */
static void test_ical_read_bad_cases(void **state)
{
    const char *dir = PLN_TEST_DATA "/ics-read/bad";
    size_t n, failures = 0;
    char **names = list_dir(dir, ".ics", &n);

    (void)state;
    assert_true(n >= 15);
    for (size_t i = 0; i < n; i++) {
        char path[1024], expect_path[1024], want[512];
        char *expect;
        int line, col, off = 0;
        pln_ics_items *items = NULL;
        pln_diags d;
        pln_status st;
        const struct pln_diag *e;

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        snprintf(expect_path, sizeof(expect_path), "%.*s.expect",
                 (int)(strlen(path) - 4), path);
        expect = slurp(expect_path);
        if (sscanf(expect, "%d:%d: %n", &line, &col, &off) != 2 || !off)
            fail_msg("%s: bad expectation '%s'", expect_path, expect);
        snprintf(want, sizeof(want), "%s", expect + off);
        want[strcspn(want, "\r\n")] = '\0';
        free(expect);

        pln_diags_init(&d);
        st = pln_ics_read_file(path, TZ, D(2027, 1, 1), D(2027, 12, 31), &items,
                               &d);
        e = first_error(&d);
        if (st == PLN_OK || items || !e || e->line != line ||
            e->column != col || !strstr(e->message, want) || e->code != st ||
            strcmp(e->source, path) != 0) {
            print_message("%s: want %d:%d: %s, got %s\n", names[i], line, col,
                          want, pln_strerror(st));
            dump_diags(&d);
            failures++;
        }
        pln_ics_items_free(items);
        pln_diags_release(&d);
    }
    free_names(names, n);
    assert_int_equal(failures, 0);
}

/* Reads every .ics in `dir`: never a crash, and either success or an error
 * with a line. Returns how many files; counts those read cleanly. */
static size_t read_corpus(const char *dir, bool must_succeed, size_t *ok)
{
    size_t n;
    char **names = list_dir(dir, ".ics", &n);

    for (size_t i = 0; i < n; i++) {
        char path[1024];
        pln_ics_items *items = NULL;
        pln_diags d;
        pln_status st;

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        pln_diags_init(&d);
        st = pln_ics_read_file(path, TZ, D(2020, 1, 1), D(2030, 12, 31), &items,
                               &d);
        if (st == PLN_OK) {
            assert_non_null(items);
            assert_int_equal(d.errors, 0);
            (*ok)++;
        } else {
            const struct pln_diag *e = first_error(&d);
            assert_null(items);
            if (must_succeed || !e || e->line <= 0 || e->column <= 0) {
                print_message("%s: %s\n", path, pln_strerror(st));
                dump_diags(&d);
                fail();
            }
        }
        pln_ics_items_free(items);
        pln_diags_release(&d);
    }
    free_names(names, n);
    return n;
}

static void test_ical_read_corpora(void **state)
{
    const char *cases = PLN_SOURCE_DIR "/tests/cli/cases";
    size_t ok = 0, total = 0, n;
    DIR *d;
    struct dirent *e;

    (void)state;
    total += read_corpus(PLN_SOURCE_DIR "/tests/ics/bad", false, &ok);
    n = read_corpus(PLN_SOURCE_DIR "/tests/ics/good", true, &ok);
    assert_true(n > 0);
    total += n;
    /* The CLI's golden calendars are the writer's output: all must read. */
    d = opendir(cases);
    assert_non_null(d);
    while ((e = readdir(d))) {
        char files[1024];
        if (e->d_name[0] == '.')
            continue;
        snprintf(files, sizeof(files), "%s/%s/files", cases, e->d_name);
        total += read_corpus(files, true, &ok);
    }
    closedir(d);
    assert_true(total > 20);
    assert_true(ok > 0);
}

static void test_ical_read_file_errors(void **state)
{
    char path[] = "/tmp/pln_ics_read_XXXXXX";
    pln_ics_items *items = NULL;
    pln_diags d;
    int fd;
    char *big;

    (void)state;
    pln_diags_init(&d);
    assert_int_equal(pln_ics_read_file("/nonexistent/x.ics", TZ, D(2027, 1, 1),
                                       D(2027, 12, 31), &items, &d),
                     PLN_EIO);
    assert_null(items);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].source, "/nonexistent/x.ics");
    assert_non_null(strstr(d.items[0].message, strerror(ENOENT)));
    pln_diags_release(&d);

    /* A directory opens but cannot be read. */
    pln_diags_init(&d);
    assert_int_equal(pln_ics_read_file("/tmp", TZ, D(2027, 1, 1),
                                       D(2027, 12, 31), &items, &d),
                     PLN_EIO);
    assert_non_null(strstr(d.items[0].message, "cannot read"));
    pln_diags_release(&d);

    /* Too large, by its size (sparse: nothing is written) ... */
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)PLN_ICS_MAX_BYTES + 1), 0);
    close(fd);
    pln_diags_init(&d);
    assert_int_equal(
        pln_ics_read_file(path, TZ, D(2027, 1, 1), D(2027, 12, 31), &items, &d),
        PLN_ETOOBIG);
    assert_null(items);
    assert_non_null(strstr(d.items[0].message, "32 MiB"));
    pln_diags_release(&d);
    unlink(path);

    /* ... and in memory. */
    big = malloc((size_t)PLN_ICS_MAX_BYTES + 1);
    assert_non_null(big);
    memset(big, ' ', (size_t)PLN_ICS_MAX_BYTES + 1);
    pln_diags_init(&d);
    assert_int_equal(
        pln_ics_read_buffer("big.ics", big, (size_t)PLN_ICS_MAX_BYTES + 1, TZ,
                            D(2027, 1, 1), D(2027, 12, 31), &items, &d),
        PLN_ETOOBIG);
    pln_diags_release(&d);
    free(big);
}

static void test_ical_read_bad_arguments(void **state)
{
    pln_ics_items *items = NULL;
    pln_diags d;

    (void)state;
    pln_diags_init(&d);
    assert_int_equal(pln_ics_read_buffer("x", holidays, strlen(holidays),
                                         "Mars/Olympus", D(2027, 1, 1),
                                         D(2027, 12, 31), &items, &d),
                     PLN_EINVAL);
    assert_null(items);
    assert_int_equal(pln_ics_read_buffer("x", holidays, strlen(holidays), TZ,
                                         D(2027, 12, 31), D(2027, 1, 1), &items,
                                         &d),
                     PLN_EINVAL);
    assert_int_equal(pln_ics_read_buffer("x", holidays, strlen(holidays), TZ,
                                         D(2027, 1, 1), D(2027, 12, 31), NULL,
                                         &d),
                     PLN_EINVAL);
    assert_int_equal(pln_ics_read_buffer("x", NULL, 5, TZ, D(2027, 1, 1),
                                         D(2027, 12, 31), &items, &d),
                     PLN_EINVAL);
    assert_int_equal(d.errors, 4);
    pln_diags_release(&d);
    /* No diagnostics list at all is fine, and so is freeing NULL. */
    assert_int_equal(pln_ics_read_buffer(NULL, "x", 1, TZ, D(2027, 1, 1),
                                         D(2027, 12, 31), &items, NULL),
                     PLN_ESYNTAX);
    pln_ics_items_free(NULL);
}

/* Every allocation may fail: the reader says so and leaks nothing (the
 * suite runs under AddressSanitizer). */
static void test_ical_read_alloc_failures(void **state)
{
    static const char *const texts[] = {holidays, weekly, timed};

    (void)state;
    for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
        for (long n = 0;; n++) {
            pln_ics_items *items = NULL;
            pln_diags d;
            pln_status st;

            pln_diags_init(&d);
            pln_alloc_fail_after(n);
            st = read_text(texts[t], &items, &d);
            pln_alloc_fail_after(-1);
            pln_diags_release(&d);
            if (st == PLN_OK) {
                assert_non_null(items);
                pln_ics_items_free(items);
                assert_true(n > 3);
                break;
            }
            assert_int_equal(st, PLN_ENOMEM);
            assert_null(items);
            assert_true(n < 10000);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ical_read_holiday_feed),
        cmocka_unit_test(test_ical_read_crlf_and_lf),
        cmocka_unit_test(test_ical_read_folded_chinese),
        cmocka_unit_test(test_ical_read_folded_error_position),
        cmocka_unit_test(test_ical_read_timed_zones),
        cmocka_unit_test(test_ical_read_rrule_weekly_exdate_until),
        cmocka_unit_test(test_ical_read_horizon_clipping),
        cmocka_unit_test(test_ical_read_recurrence_id),
        cmocka_unit_test(test_ical_read_warnings),
        cmocka_unit_test(test_ical_read_property_lines),
        cmocka_unit_test(test_ical_read_real_world_properties),
        cmocka_unit_test(test_ical_read_errors_in_file_order),
        cmocka_unit_test(test_ical_read_bad_cases),
        cmocka_unit_test(test_ical_read_corpora),
        cmocka_unit_test(test_ical_read_file_errors),
        cmocka_unit_test(test_ical_read_bad_arguments),
        cmocka_unit_test(test_ical_read_alloc_failures),
    };
    return cmocka_run_group_tests_name("ical_read", tests, NULL, NULL);
}
