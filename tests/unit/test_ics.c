/*
 * test_ics.c -- unit tests of pln_ics_render(): exact bytes, line folding of
 * Chinese text, RFC 5545 escaping (read back with libical's own parser),
 * reminders, input validation and determinism.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pln_calendar.h"

/* 2027-01-01T00:00:00Z */
#define STAMP INT64_C(1798761600)

/* --------------------------------------------------------------- helpers */

static bool utf8_valid_n(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i];
        size_t k;
        uint32_t cp, min;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            k = 1;
            cp = c & 0x1f;
            min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            k = 2;
            cp = c & 0x0f;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            k = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return false;
        }
        if (n - i <= k)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + j] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += k + 1;
    }
    return true;
}

/*
 * The physical shape every output must have: CRLF everywhere (no bare CR or
 * LF), at most 75 octets per line, each line valid UTF-8 on its own (so no
 * fold split a character), no fold between a backslash and what it escapes,
 * and the whole text ends with CRLF.
 */
static void assert_well_formed(const char *s, size_t len)
{
    size_t start = 0;

    assert_int_equal(strlen(s), len);
    assert_true(len >= 2);
    assert_memory_equal(s + len - 2, "\r\n", 2);
    while (start < len) {
        const char *crlf = strstr(s + start, "\r\n");
        size_t n, run = 0;

        assert_non_null(crlf);
        n = (size_t)(crlf - (s + start));
        assert_in_range(n, 1, 75);
        assert_null(memchr(s + start, '\r', n));
        assert_null(memchr(s + start, '\n', n));
        assert_true(utf8_valid_n((const unsigned char *)s + start, n));
        while (run < n && s[start + n - 1 - run] == '\\')
            run++;
        if (s[start + n + 2] == ' ')
            assert_int_equal(run % 2, 0);
        start += n + 2;
    }
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

/* True when the unfolded text has `line` as one whole logical line. */
static bool has_line(const char *unfolded, const char *line)
{
    size_t n = strlen(line);
    const char *p = unfolded;

    while ((p = strstr(p, line)) != NULL) {
        if ((p == unfolded || p[-1] == '\n') && strncmp(p + n, "\r\n", 2) == 0)
            return true;
        p++;
    }
    return false;
}

static size_t count_str(const char *s, const char *needle)
{
    size_t c = 0;

    while ((s = strstr(s, needle)) != NULL) {
        c++;
        s += strlen(needle);
    }
    return c;
}

static struct pln_ics_event event(const char *uid, const char *summary)
{
    struct pln_ics_event e;

    memset(&e, 0, sizeof(e));
    e.uid = uid;
    e.summary = summary;
    e.start = pln_date_from_ymd(2027, 3, 1);
    e.end = e.start + 1;
    return e;
}

static struct pln_ics_calendar calendar(const struct pln_ics_event *ev,
                                        size_t n)
{
    struct pln_ics_calendar c;

    memset(&c, 0, sizeof(c));
    c.prodid = "-//planner//planner 0.1.0//ZH";
    c.dtstamp = STAMP;
    c.events = ev;
    c.n_events = n;
    return c;
}

/* Renders, checks success and shape; caller frees. */
static char *render_ok(const struct pln_ics_calendar *c, size_t *len)
{
    char *out = NULL;
    size_t n = 0;
    pln_error err;
    pln_status st;

    pln_error_init(&err);
    st = pln_ics_render(c, &out, &n, &err);
    if (st != PLN_OK)
        fail_msg("pln_ics_render: %s", err.message);
    assert_non_null(out);
    assert_well_formed(out, n);
    if (len)
        *len = n;
    return out;
}

static void render_fails(const struct pln_ics_calendar *c, const char *part)
{
    static char sentinel[] = "unchanged";
    char *out = sentinel;
    size_t n = 99;
    pln_error err;

    pln_error_init(&err);
    assert_int_equal(pln_ics_render(c, &out, &n, &err), PLN_EINVAL);
    assert_int_equal(err.code, PLN_EINVAL);
    assert_null(out);
    assert_int_equal(n, 0);
    assert_true(err.message[0] >= 'a' && err.message[0] <= 'z');
    if (!strstr(err.message, part))
        fail_msg("message '%s' lacks '%s'", err.message, part);
}

/* Parses with libical and returns the only VEVENT's parent; caller frees. */
static icalcomponent *parse_back(const char *text, icalcomponent **vevent)
{
    icalcomponent *cal;

    icalerror_set_errors_are_fatal(0);
    cal = icalparser_parse_string(text);
    assert_non_null(cal);
    assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
    assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT),
                     1);
    *vevent = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    assert_non_null(*vevent);
    return cal;
}

/* ----------------------------------------------------------------- tests */

static const char golden[] = "BEGIN:VCALENDAR\r\n"
                             "VERSION:2.0\r\n"
                             "PRODID:-//planner//planner 0.1.0//ZH\r\n"
                             "CALSCALE:GREGORIAN\r\n"
                             "METHOD:PUBLISH\r\n"
                             "X-WR-CALNAME:某项目倒计时\r\n"
                             "NAME:某项目倒计时\r\n"
                             "X-WR-TIMEZONE:Asia/Shanghai\r\n"
                             "BEGIN:VEVENT\r\n"
                             "UID:site-a/pour@planner\r\n"
                             "DTSTAMP:20270101T000000Z\r\n"
                             "SEQUENCE:0\r\n"
                             "DTSTART;VALUE=DATE:20270301\r\n"
                             "DTEND;VALUE=DATE:20270303\r\n"
                             "SUMMARY:浇筑混凝土\r\n"
                             "DESCRIPTION:主体结构\r\n"
                             "LOCATION:一号楼\r\n"
                             "CATEGORIES:里程碑\r\n"
                             "TRANSP:TRANSPARENT\r\n"
                             "BEGIN:VALARM\r\n"
                             "ACTION:DISPLAY\r\n"
                             "DESCRIPTION:浇筑混凝土\r\n"
                             "TRIGGER:-P6DT15H\r\n"
                             "END:VALARM\r\n"
                             "BEGIN:VALARM\r\n"
                             "ACTION:DISPLAY\r\n"
                             "DESCRIPTION:浇筑混凝土\r\n"
                             "TRIGGER:-PT15H\r\n"
                             "END:VALARM\r\n"
                             "END:VEVENT\r\n"
                             "END:VCALENDAR\r\n";

static void test_ics_golden_one_event(void **state)
{
    static const struct pln_ics_alarm alarms[] = {{7, "浇筑混凝土"},
                                                  {1, "浇筑混凝土"}};
    struct pln_ics_event e = event("site-a/pour@planner", "浇筑混凝土");
    struct pln_ics_calendar c;
    size_t len;
    char *out;

    (void)state;
    e.description = "主体结构";
    e.location = "一号楼";
    e.categories = "里程碑";
    e.end = e.start + 2;
    e.alarms = alarms;
    e.n_alarms = 2;
    e.transparent = true;
    c = calendar(&e, 1);
    c.name = "某项目倒计时";
    c.timezone = "Asia/Shanghai";
    out = render_ok(&c, &len);
    assert_int_equal(len, sizeof(golden) - 1);
    assert_string_equal(out, golden);
    free(out);
}

static void test_ics_empty_calendar_has_header_only(void **state)
{
    struct pln_ics_calendar c = calendar(NULL, 0);
    char *out;

    (void)state;
    out = render_ok(&c, NULL);
    assert_string_equal(out, "BEGIN:VCALENDAR\r\n"
                             "VERSION:2.0\r\n"
                             "PRODID:-//planner//planner 0.1.0//ZH\r\n"
                             "CALSCALE:GREGORIAN\r\n"
                             "METHOD:PUBLISH\r\n"
                             "END:VCALENDAR\r\n");
    free(out);
}

/*
 * Long Chinese text behind 0..3 ASCII characters, so that the 75-octet limit
 * falls on every byte of a 3-byte character, plus 4-byte characters.
 */
static void test_ics_folds_long_chinese_text(void **state)
{
    static const char *const pads[] = {"", "a", "ab", "abc"};
    char summary[2048];

    (void)state;
    for (size_t k = 0; k < 4; k++) {
        struct pln_ics_event e;
        struct pln_ics_calendar c;
        icalcomponent *cal, *ev;
        char line[2100];
        char *out, *u;

        snprintf(summary, sizeof(summary), "%s", pads[k]);
        for (int i = 0; i < 40; i++)
            strcat(summary, "上海浦东张江综合楼");
        strcat(summary, "😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀😀𠀀");
        e = event("long@planner", summary);
        e.location = summary;
        c = calendar(&e, 1);
        c.name = summary;
        out = render_ok(&c, NULL);
        assert_true(count_str(out, "\r\n ") > 20);

        u = unfold(out);
        snprintf(line, sizeof(line), "SUMMARY:%s", summary);
        assert_true(has_line(u, line));
        snprintf(line, sizeof(line), "LOCATION:%s", summary);
        assert_true(has_line(u, line));
        snprintf(line, sizeof(line), "X-WR-CALNAME:%s", summary);
        assert_true(has_line(u, line));

        cal = parse_back(out, &ev);
        assert_string_equal(icalcomponent_get_summary(ev), summary);
        assert_string_equal(icalcomponent_get_location(ev), summary);
        icalcomponent_free(cal);
        free(u);
        free(out);
    }
}

static void test_ics_folds_never_split_escape_pairs(void **state)
{
    char summary[600] = "";

    (void)state;
    /* "\," pairs at every alignment relative to the fold. */
    for (size_t k = 0; k < 3; k++) {
        struct pln_ics_event e;
        struct pln_ics_calendar c;
        icalcomponent *cal, *ev;
        char *out;

        strcat(summary, "x");
        for (int i = 0; i < 60; i++)
            strcat(summary, i % 2 ? "," : "\\");
        e = event("esc@planner", summary);
        c = calendar(&e, 1);
        out = render_ok(&c, NULL); /* asserts the no-split rule */
        cal = parse_back(out, &ev);
        assert_string_equal(icalcomponent_get_summary(ev), summary);
        icalcomponent_free(cal);
        free(out);
    }
}

static void test_ics_escapes_special_characters(void **state)
{
    const char *text = "a,b;c\\d\ne";
    struct pln_ics_event e = event("esc,;\\@planner", text);
    struct pln_ics_calendar c;
    icalcomponent *cal, *ev;
    icalproperty *p;
    char *out;

    (void)state;
    e.description = text;
    e.location = text;
    e.categories = text;
    c = calendar(&e, 1);
    c.name = text;
    out = render_ok(&c, NULL);
    assert_true(has_line(out, "UID:esc\\,\\;\\\\@planner"));
    assert_true(has_line(out, "SUMMARY:a\\,b\\;c\\\\d\\ne"));
    assert_true(has_line(out, "DESCRIPTION:a\\,b\\;c\\\\d\\ne"));
    assert_true(has_line(out, "LOCATION:a\\,b\\;c\\\\d\\ne"));
    /* libical leaves ',' and ';' raw here; the writer must not. */
    assert_true(has_line(out, "CATEGORIES:a\\,b\\;c\\\\d\\ne"));
    assert_true(has_line(out, "X-WR-CALNAME:a\\,b\\;c\\\\d\\ne"));
    assert_true(has_line(out, "NAME:a\\,b\\;c\\\\d\\ne"));

    cal = parse_back(out, &ev);
    assert_string_equal(icalcomponent_get_uid(ev), "esc,;\\@planner");
    assert_string_equal(icalcomponent_get_summary(ev), text);
    assert_string_equal(icalcomponent_get_description(ev), text);
    assert_string_equal(icalcomponent_get_location(ev), text);
    assert_int_equal(
        icalcomponent_count_properties(ev, ICAL_CATEGORIES_PROPERTY), 1);
    p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
    assert_string_equal(icalproperty_get_categories(p), text);
    icalcomponent_free(cal);
    free(out);
}

static void assert_summary_contained(const char *summary, const char *expect)
{
    struct pln_ics_event e = event("inject@planner", summary);
    struct pln_ics_calendar c;
    icalcomponent *cal, *ev;
    char *out;

    e.description = summary;
    c = calendar(&e, 1);
    out = render_ok(&c, NULL);
    assert_null(strstr(out, "\r\nATTENDEE"));
    assert_null(strstr(out, "\nATTENDEE"));
    cal = parse_back(out, &ev);
    assert_int_equal(icalcomponent_count_properties(ev, ICAL_SUMMARY_PROPERTY),
                     1);
    assert_int_equal(icalcomponent_count_properties(ev, ICAL_ANY_PROPERTY),
                     7); /* UID DTSTAMP SEQUENCE DTSTART DTEND SUMMARY
                            DESCRIPTION */
    assert_int_equal(icalcomponent_count_properties(ev, ICAL_ATTENDEE_PROPERTY),
                     0);
    assert_string_equal(icalcomponent_get_summary(ev), expect);
    assert_string_equal(icalcomponent_get_description(ev), expect);
    icalcomponent_free(cal);
    free(out);
}

/*
 * TEXT has one line break, "\n" (RFC 5545 3.3.11): CRLF and a lone CR are
 * written as it, so CRLF reads back as LF. Other control characters cannot
 * be represented and are dropped, as libical itself does.
 */
static void test_ics_escape_blocks_property_injection(void **state)
{
    (void)state;
    assert_summary_contained("\r\nATTENDEE:mailto:x", "\nATTENDEE:mailto:x");
    assert_summary_contained("\nATTENDEE:mailto:x", "\nATTENDEE:mailto:x");
    assert_summary_contained("a\rATTENDEE:mailto:x", "a\nATTENDEE:mailto:x");
    assert_summary_contained("a\r\n ATTENDEE:mailto:x\r\n",
                             "a\n ATTENDEE:mailto:x\n");
    assert_summary_contained("x\x01\x1b\x7f\tATTENDEE:mailto:x",
                             "x\tATTENDEE:mailto:x");
    /* The same injection in the calendar name (an X- property). */
    {
        struct pln_ics_calendar c = calendar(NULL, 0);
        char *out;
        c.name = "n\r\nATTENDEE:mailto:x";
        out = render_ok(&c, NULL);
        assert_true(has_line(out, "X-WR-CALNAME:n\\nATTENDEE:mailto:x"));
        assert_null(strstr(out, "\nATTENDEE"));
        free(out);
    }
}

static void test_ics_alarm_triggers(void **state)
{
    static const struct pln_ics_alarm alarms[] = {
        {30, "封顶"}, {7, "封顶"}, {1, "封顶"}, {0, "封顶"}, {-2, "封顶"}};
    static const char *const triggers[] = {"TRIGGER:-P29DT15H",
                                           "TRIGGER:-P6DT15H", "TRIGGER:-PT15H",
                                           "TRIGGER:PT9H", "TRIGGER:P2DT9H"};
    struct pln_ics_event e = event("alarm@planner", "封顶");
    struct pln_ics_calendar c;
    icalcomponent *cal, *ev, *a;
    const char *p;
    char *out;
    size_t i = 0;

    (void)state;
    e.alarms = alarms;
    e.n_alarms = 5;
    c = calendar(&e, 1);
    out = render_ok(&c, NULL);
    assert_int_equal(count_str(out, "BEGIN:VALARM\r\n"), 5);
    /* In the order given, each with ACTION and DESCRIPTION first. */
    p = out;
    for (i = 0; i < 5; i++) {
        char block[128];
        snprintf(block, sizeof(block),
                 "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:封顶\r\n"
                 "%s\r\nEND:VALARM\r\n",
                 triggers[i]);
        p = strstr(p, block);
        if (!p)
            fail_msg("missing alarm block %zu: %s", i, triggers[i]);
    }

    /* libical reads the same offsets back: 09:00 on the right day. */
    cal = parse_back(out, &ev);
    i = 0;
    for (a = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT); a;
         a = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT)) {
        icalproperty *t =
            icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
        struct icaltriggertype tr = icalproperty_get_trigger(t);
        int secs = icaldurationtype_as_int(tr.duration);
        assert_int_equal(secs, 9 * 3600 - alarms[i].days * 86400);
        i++;
    }
    assert_int_equal(i, 5);
    icalcomponent_free(cal);
    free(out);
}

static void test_ics_rejects_invalid_input(void **state)
{
    struct pln_ics_event ev[2];
    struct pln_ics_calendar c;
    static const struct pln_ics_alarm alarms[] = {{1, "B"}};

    (void)state;
    ev[0] = event("a@planner", "A");
    ev[1] = event("b@planner", "B");
    c = calendar(ev, 2);

    ev[1].end = ev[1].start;
    render_fails(&c, "event 'b@planner': end date is not after start date");
    ev[1].end = ev[1].start - 3;
    render_fails(&c, "end date is not after start date");
    ev[1] = event("b@planner", "B");

    ev[1].uid = NULL;
    render_fails(&c, "event 2: missing uid");
    ev[1].uid = "";
    render_fails(&c, "event 2: missing uid");
    ev[1] = event("b@planner", "B");

    ev[0].summary = NULL;
    render_fails(&c, "event 'a@planner': missing summary");
    ev[0] = event("a@planner", "A");

    ev[1].summary = "bad \xe6\xb5"; /* truncated 3-byte sequence */
    render_fails(&c, "event 'b@planner': summary is not valid UTF-8");
    ev[1].summary = "\xc0\xaf"; /* overlong '/' */
    render_fails(&c, "summary is not valid UTF-8");
    ev[1].summary = "\xed\xa0\x80"; /* surrogate U+D800 */
    render_fails(&c, "summary is not valid UTF-8");
    ev[1].summary = "\xf4\x90\x80\x80"; /* above U+10FFFF */
    render_fails(&c, "summary is not valid UTF-8");
    ev[1].summary = "B";
    ev[1].location = "\xff";
    render_fails(&c, "location is not valid UTF-8");
    ev[1].location = NULL;
    ev[1].uid = "\x80";
    render_fails(&c, "event 2: uid is not valid UTF-8");
    ev[1].uid = "b\r\n@planner";
    render_fails(&c, "event 2: uid contains a control character");
    ev[1].uid = "a@planner";
    render_fails(&c, "duplicate uid 'a@planner'");
    ev[1] = event("b@planner", "B");

    ev[1].n_alarms = 1;
    render_fails(&c, "a count without its array");
    ev[1].alarms = alarms;
    ev[1].start = PLN_DATE_NONE;
    render_fails(&c, "date out of range");
    ev[1] = event("b@planner", "B");

    c.name = "\xe4\xb8";
    render_fails(&c, "calendar name is not valid UTF-8");
    c.name = NULL;
    c.prodid = NULL;
    render_fails(&c, "calendar missing prodid");
    c = calendar(ev, 2);
    c.dtstamp = INT64_MAX;
    render_fails(&c, "calendar dtstamp out of range");

    {
        char *out;
        size_t n;
        pln_error err;
        pln_error_init(&err);
        assert_int_equal(pln_ics_render(NULL, &out, &n, &err), PLN_EINVAL);
        assert_null(out);
        c = calendar(ev, 2);
        assert_int_equal(pln_ics_render(&c, NULL, &n, NULL), PLN_EINVAL);
    }
}

static void test_ics_output_is_deterministic(void **state)
{
    static const struct pln_ics_alarm alarms[] = {
        {30, "主体"}, {7, "主体"}, {1, "主体"}};
    struct pln_ics_event ev[3];
    struct pln_ics_calendar c;
    char *a, *b;
    size_t la, lb;

    (void)state;
    ev[0] = event("s1/a@planner", "一号楼 基础");
    ev[1] = event("s1/b@planner", "一号楼 主体, 封顶; 验收");
    ev[2] = event("s2/a@planner", "二号楼");
    ev[1].alarms = alarms;
    ev[1].n_alarms = 3;
    ev[2].start += 40;
    ev[2].end = ev[2].start + 10;
    c = calendar(ev, 3);
    c.name = "计划";
    a = render_ok(&c, &la);
    b = render_ok(&c, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    /* Events come out in the order given. */
    assert_true(strstr(a, "UID:s1/a@planner") < strstr(a, "UID:s1/b@planner"));
    assert_true(strstr(a, "UID:s1/b@planner") < strstr(a, "UID:s2/a@planner"));
    assert_true(has_line(a, "DTSTART;VALUE=DATE:20270410"));
    assert_true(has_line(a, "DTEND;VALUE=DATE:20270420"));
    free(a);
    free(b);
}

static void test_ics_dtstamp_is_utc(void **state)
{
    struct pln_ics_event e = event("t@planner", "t");
    struct pln_ics_calendar c = calendar(&e, 1);
    char *out;

    (void)state;
    c.dtstamp = INT64_C(4102444799); /* 2099-12-31T23:59:59Z, past 2038 */
    out = render_ok(&c, NULL);
    assert_true(has_line(out, "DTSTAMP:20991231T235959Z"));
    free(out);
    c.dtstamp = -1; /* 1969-12-31T23:59:59Z */
    out = render_ok(&c, NULL);
    assert_true(has_line(out, "DTSTAMP:19691231T235959Z"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ics_golden_one_event),
        cmocka_unit_test(test_ics_empty_calendar_has_header_only),
        cmocka_unit_test(test_ics_folds_long_chinese_text),
        cmocka_unit_test(test_ics_folds_never_split_escape_pairs),
        cmocka_unit_test(test_ics_escapes_special_characters),
        cmocka_unit_test(test_ics_escape_blocks_property_injection),
        cmocka_unit_test(test_ics_alarm_triggers),
        cmocka_unit_test(test_ics_rejects_invalid_input),
        cmocka_unit_test(test_ics_output_is_deterministic),
        cmocka_unit_test(test_ics_dtstamp_is_utc),
    };
    return cmocka_run_group_tests_name("ics", tests, NULL, NULL);
}
