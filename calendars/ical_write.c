/*
 * ical_write.c -- pln_ics_render(): an iCalendar (RFC 5545) countdown plan
 * from a neutral list of all-day events, built with libical.
 *
 * libical builds the components and properties and prints every non-text
 * value (DATE and UTC DATE-TIME values with their VALUE=DATE parameter,
 * TRIGGER durations, METHOD, TRANSP, ACTION). Two things it does not do the
 * way we promise, checked against libical 3.0.16, are done here instead:
 *
 *  - Escaping TEXT. libical escapes SUMMARY, DESCRIPTION, LOCATION, UID and
 *    NAME correctly, but writes ',' and ';' raw in CATEGORIES (it treats the
 *    value as a list; ours is one category) and in X- properties such as
 *    X-WR-CALNAME (or adds VALUE=TEXT when given a TEXT value). So every
 *    TEXT value is escaped by one function here, and they all agree.
 *  - Folding. libical folds at ':' ';' ' ' where it likes (its first fold
 *    often comes right after "NAME:") and splits escape pairs such as "\,"
 *    across lines. Its output is unfolded again and refolded at 75 octets
 *    on UTF-8 character boundaries.
 *
 * User text is normalised first: CRLF and lone CR become LF (written "\n",
 * the only line break RFC 5545 TEXT has) and the other control characters
 * except TAB are dropped, which is what libical 3.0.16 does with them too.
 */
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendars_int.h"
#include "pln_calendar.h"
#include "strbuf.h"

/* RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets without CRLF. */
#define ICS_FOLD_OCTETS 75

/* DTSTAMP range that still prints as a four-digit year (0001..9999). */
#define ICS_STAMP_MIN INT64_C(-62135596800)
#define ICS_STAMP_MAX INT64_C(253402300799)

/* ------------------------------------------------------------ buffers */

/* ------------------------------------------------------------- text */

/* Strict UTF-8 (utf8.c). */
static bool utf8_valid(const char *s)
{
    size_t n = strlen(s);
    return pln__utf8_bad((const unsigned char *)s, n) == n;
}

static bool is_dropped_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

/*
 * The normalised copy of user text (see the top of the file); NULL when out
 * of memory. The result is never longer than the input.
 */
static char *text_normalise(const char *s)
{
    size_t n = strlen(s);
    char *out;
    size_t j = 0;
    bool plain = true;

    /* Most text has nothing to change: copy it whole. */
    for (size_t i = 0; i < n && plain; i++)
        plain = (unsigned char)s[i] >= 0x20 && s[i] != 0x7f;
    out = malloc(n + 1);
    if (out && plain) {
        memcpy(out, s, n + 1);
        return out;
    }

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            out[j++] = '\n';
            if (s[i + 1] == '\n')
                i++;
        } else if (!is_dropped_control(c)) {
            out[j++] = (char)c;
        }
    }
    out[j] = '\0';
    return out;
}

/* RFC 5545 3.3.11 TEXT escaping of normalised text; runs of characters
 * that need nothing are copied at once. */
static void text_escape(struct pln_sb *b, const char *s)
{
    for (; *s; s++) {
        size_t run = strcspn(s, "\\;,\n");
        if (run) {
            pln__sb_add(b, s, run);
            s += run - 1;
            continue;
        }
        switch (*s) {
        case '\\':
            pln__sb_add(b, "\\\\", 2);
            break;
        case ';':
            pln__sb_add(b, "\\;", 2);
            break;
        case ',':
            pln__sb_add(b, "\\,", 2);
            break;
        case '\n':
            pln__sb_add(b, "\\n", 2);
            break;
        default:
            pln__sb_add(b, s, 1);
            break;
        }
    }
}

/* ------------------------------------------------------------ folding */

/*
 * Appends one logical line folded at 75 octets, CRLF-terminated.
 * Continuation lines start with one space, which counts in their 75. A fold
 * never splits a UTF-8 sequence, and never separates an escaping backslash
 * from the character it escapes: RFC 5545 allows that, but some readers
 * unescape before they unfold.
 */
static void fold_line(struct pln_sb *b, const char *line, size_t n)
{
    size_t pos = 0;
    size_t room = ICS_FOLD_OCTETS;

    while (n - pos > room) {
        size_t cut = pos + room;
        size_t run = 0;

        while (cut > pos && ((unsigned char)line[cut] & 0xc0) == 0x80)
            cut--;
        /* An odd run of backslashes before the cut ends in an escape. */
        while (run < cut && line[cut - 1 - run] == '\\')
            run++;
        if (run % 2 == 1)
            cut--;
        pln__sb_add(b, line + pos, cut - pos);
        pln__sb_add(b, "\r\n ", 3);
        pos = cut;
        room = ICS_FOLD_OCTETS - 1;
    }
    pln__sb_add(b, line + pos, n - pos);
    pln__sb_add(b, "\r\n", 2);
}

/* Removes libical's folds (CRLF + one space or tab) and the final CRLF. */
static size_t unfold_in_place(char *s)
{
    size_t j = 0;

    for (size_t i = 0; s[i];) {
        if (s[i] == '\r' && s[i + 1] == '\n') {
            i += 2;
            if (s[i] == ' ' || s[i] == '\t')
                i++;
            continue;
        }
        s[j++] = s[i++];
    }
    s[j] = '\0';
    return j;
}

/* ---------------------------------------------------------- rendering */

struct render {
    struct pln_sb out;
    struct pln_sb line; /* scratch for one logical line */
    pln_error *err;
    pln_status status; /* first failure */
};

/* Once input is validated, the only way left to fail is memory. */
static void fail_oom(struct render *r)
{
    if (r->status != PLN_OK)
        return;
    r->status = PLN_ENOMEM;
    pln_error_set(r->err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
}

/*
 * The input is validated before libical sees it, so a libical failure means
 * memory ran out. libical 3.0.16 says so by returning NULL (with
 * ICAL_NEWFAILED_ERROR, or ICAL_BADARG_ERROR from a later call that got the
 * NULL) or only through icalerrno while still returning an object; both are
 * checked. Some of its allocations are not checked at all (the parameter
 * list of a new property): nothing here can defend against those.
 */
static bool libical_oom(struct render *r)
{
    icalerrorenum e = icalerrno;

    if (e != ICAL_NEWFAILED_ERROR && e != ICAL_ALLOCATION_ERROR)
        return false;
    fail_oom(r);
    return true;
}

static void emit_line(struct render *r)
{
    if (r->line.failed) {
        fail_oom(r);
        return;
    }
    fold_line(&r->out, r->line.buf, r->line.len);
    r->line.len = 0;
}

/*
 * Frees a component tree. libical 3.0.16's list push, when its allocation
 * fails, clears the list's tail pointer and icalcomponent_free(), which pops
 * from the tail, then frees nothing. Detaching children from the head first
 * frees everything whether or not that happened.
 */
static void free_component(icalcomponent *c)
{
    icalproperty *p;
    icalcomponent *sub;

    if (!c)
        return;
    while ((p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY))) {
        icalcomponent_remove_property(c, p);
        icalproperty_free(p);
    }
    while ((sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT))) {
        icalcomponent_remove_component(c, sub);
        free_component(sub);
    }
    icalcomponent_free(c);
}

/* NAME:escaped-text. Text properties here never carry parameters. */
static void emit_text(struct render *r, const char *name, const char *text)
{
    r->line.len = 0;
    pln__sb_puts(&r->line, name);
    pln__sb_add(&r->line, ":", 1);
    text_escape(&r->line, text);
    emit_line(r);
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
    size_t t = strlen(tail);
    return n >= t && memcmp(s + n - t, tail, t) == 0;
}

static void emit_property(struct render *r, icalproperty *p)
{
    icalproperty_kind kind = icalproperty_isa(p);
    icalvalue *v = icalproperty_get_value(p);
    char *s;
    size_t n;

    if (!v) {
        fail_oom(r);
        return;
    }
    if (kind == ICAL_X_PROPERTY || icalvalue_isa(v) == ICAL_TEXT_VALUE) {
        const char *name = kind == ICAL_X_PROPERTY
                               ? icalproperty_get_x_name(p)
                               : icalproperty_kind_to_string(kind);
        const char *text = kind == ICAL_X_PROPERTY ? icalvalue_get_x(v)
                                                   : icalvalue_get_text(v);
        if (!name || !text) {
            fail_oom(r);
            return;
        }
        emit_text(r, name, text);
        return;
    }
    s = icalproperty_as_ical_string_r(p);
    if (!s || libical_oom(r)) {
        icalmemory_free_buffer(s);
        fail_oom(r);
        return;
    }
    n = unfold_in_place(s);
    /* libical's stand-in for a value it failed to print. */
    if (ends_with(s, n, ":ERROR: No Value")) {
        icalmemory_free_buffer(s);
        fail_oom(r);
        return;
    }
    r->line.len = 0;
    pln__sb_add(&r->line, s, n);
    icalmemory_free_buffer(s);
    emit_line(r);
}

/* BEGIN, properties in insertion order, subcomponents, END. */
static void emit_component(struct render *r, icalcomponent *c)
{
    const char *name = icalcomponent_kind_to_string(icalcomponent_isa(c));
    icalproperty *p;
    icalcomponent *sub;

    r->line.len = 0;
    pln__sb_puts(&r->line, "BEGIN:");
    pln__sb_puts(&r->line, name);
    emit_line(r);
    for (p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
        emit_property(r, p);
    for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        emit_component(r, sub);
    r->line.len = 0;
    pln__sb_puts(&r->line, "END:");
    pln__sb_puts(&r->line, name);
    emit_line(r);
}

/*
 * Adds a property made by the caller; false (with the failure recorded) when
 * libical could not make it. Takes ownership either way.
 */
static bool add_prop(struct render *r, icalcomponent *c, icalproperty *p)
{
    int before;

    if (!p) {
        fail_oom(r);
        return false;
    }
    /* libical drops the property silently when its list cannot grow. */
    before = icalcomponent_count_properties(c, ICAL_ANY_PROPERTY);
    icalcomponent_add_property(c, p);
    if (icalcomponent_count_properties(c, ICAL_ANY_PROPERTY) != before + 1) {
        icalproperty_set_parent(p, NULL);
        icalproperty_free(p);
        fail_oom(r);
        return false;
    }
    return true;
}

/* A TEXT property from user text, normalised first. */
static bool add_text(struct render *r, icalcomponent *c,
                     icalproperty *(*make)(const char *), const char *text)
{
    char *norm = text_normalise(text);
    icalproperty *p;

    if (!norm) {
        fail_oom(r);
        return false;
    }
    p = make(norm);
    free(norm);
    return add_prop(r, c, p);
}

static bool add_x_text(struct render *r, icalcomponent *c, const char *name,
                       const char *text)
{
    char *norm = text_normalise(text);
    icalproperty *p;

    if (!norm) {
        fail_oom(r);
        return false;
    }
    p = icalproperty_new_x(norm);
    free(norm);
    if (!add_prop(r, c, p))
        return false;
    icalproperty_set_x_name(p, name);
    if (!icalproperty_get_x_name(p)) {
        fail_oom(r);
        return false;
    }
    return true;
}

static struct icaltimetype ics_date(pln_date d)
{
    struct icaltimetype t = icaltime_null_date();
    pln_date_to_ymd(d, &t.year, &t.month, &t.day);
    return t;
}

/*
 * The offset from the all-day DTSTART (local midnight) to 09:00 local on the
 * day `days` before it: 9 - 24 * days hours, so 1 day -> -PT15H, 30 days ->
 * -P29DT15H, 0 -> PT9H, and a negative count reminds after the start.
 */
static struct icaltriggertype alarm_trigger(int days)
{
    struct icaltriggertype tr;
    int64_t hours = 9 - INT64_C(24) * days;

    memset(&tr, 0, sizeof(tr));
    tr.time = icaltime_null_time();
    tr.duration = icaldurationtype_null_duration();
    if (hours < 0) {
        tr.duration.is_neg = 1;
        hours = -hours;
    }
    tr.duration.days = (unsigned int)(hours / 24);
    tr.duration.hours = (unsigned int)(hours % 24);
    return tr;
}

static icalcomponent *build_alarm(struct render *r,
                                  const struct pln_ics_alarm *al, bool due)
{
    icalcomponent *a = icalcomponent_new_valarm();
    icalproperty *trigger;

    if (!a) {
        fail_oom(r);
        return NULL;
    }
    trigger = icalproperty_new_trigger(alarm_trigger(al->days));
    /* A to-do has no DTSTART: its reminders count back from DUE. */
    if (trigger && due)
        icalproperty_add_parameter(trigger,
                                   icalparameter_new_related(ICAL_RELATED_END));
    if (!add_prop(r, a, icalproperty_new_action(ICAL_ACTION_DISPLAY)) ||
        !add_text(r, a, icalproperty_new_description, al->description) ||
        !add_prop(r, a, trigger)) {
        free_component(a);
        return NULL;
    }
    return a;
}

static bool has_text(const char *s)
{
    return s && *s;
}

/* A local time of day on `d` in the calendar's zone: floating, with the
 * TZID parameter added by the caller (UTC: a 'Z' time instead). */
static struct icaltimetype ics_local(pln_date d, int minute, bool utc)
{
    struct icaltimetype t = icaltime_null_time();

    pln_date_to_ymd(d, &t.year, &t.month, &t.day);
    t.hour = minute / 60;
    t.minute = minute % 60;
    if (utc)
        t.zone = icaltimezone_get_utc_timezone();
    return t;
}

/* The zone of the calendar's timed events, when it is not UTC. */
struct zone {
    const char *tzid;     /* NULL: UTC */
    icaltimezone *libical; /* libical's builtin zone for tzid */
};

/* A DATE-TIME property in the event's zone. */
static bool add_time(struct render *r, icalcomponent *c, const struct zone *z,
                     icalproperty *(*make)(struct icaltimetype), pln_date d,
                     int minute)
{
    icalproperty *p = make(ics_local(d, minute, !z->tzid));

    if (p && z->tzid)
        icalproperty_add_parameter(p, icalparameter_new_tzid(z->tzid));
    return add_prop(r, c, p);
}

/* The instant of local (d, minute) in UTC, for RRULE's UNTIL. */
static struct icaltimetype utc_of(const struct zone *z, pln_date d, int minute)
{
    struct icaltimetype t = ics_local(d, minute, false);

    if (z->libical)
        icaltimezone_convert_time(&t, z->libical,
                                  icaltimezone_get_utc_timezone());
    t.zone = icaltimezone_get_utc_timezone();
    return t;
}

static bool add_rrule(struct render *r, icalcomponent *e,
                      const struct pln_ics_event *ev, const struct zone *z)
{
    const struct pln_ics_rrule *rr = ev->rrule;
    struct icalrecurrencetype rec;

    icalrecurrencetype_clear(&rec);
    rec.interval = 1;
    if (rr->freq == PLN_ICS_WEEKLY) {
        rec.freq = ICAL_WEEKLY_RECURRENCE;
        /* libical numbers weekdays from Sunday = 1; ours from Monday = 0. */
        rec.by_day[0] = (short)((rr->weekday + 1) % 7 + 1);
    } else {
        rec.freq = ICAL_MONTHLY_RECURRENCE;
        rec.by_month_day[0] = (short)rr->monthday;
    }
    /* UNTIL has DTSTART's type: a DATE, or a UTC time for a timed event. */
    rec.until = ev->timed ? utc_of(z, rr->until, ev->minute) : ics_date(rr->until);
    return add_prop(r, e, icalproperty_new_rrule(rec));
}

/* EXDATE or RDATE lines, one date each. */
static bool add_dates(struct render *r, icalcomponent *e,
                      const struct pln_ics_event *ev, const struct zone *z,
                      const pln_date *dates, size_t n, bool rdate)
{
    for (size_t i = 0; i < n; i++) {
        struct icaltimetype t = ev->timed
                                    ? ics_local(dates[i], ev->minute, !z->tzid)
                                    : ics_date(dates[i]);
        icalproperty *p;

        if (rdate) {
            struct icaldatetimeperiodtype dp;
            memset(&dp, 0, sizeof(dp));
            dp.time = t;
            dp.period = icalperiodtype_null_period();
            p = icalproperty_new_rdate(dp);
        } else {
            p = icalproperty_new_exdate(t);
        }
        if (p && ev->timed && z->tzid)
            icalproperty_add_parameter(p, icalparameter_new_tzid(z->tzid));
        if (!add_prop(r, e, p))
            return false;
    }
    return true;
}

/* DTSTART and DTEND of an event, DUE of a to-do. */
static bool add_when(struct render *r, icalcomponent *e,
                     const struct pln_ics_event *ev, const struct zone *z)
{
    if (ev->component == PLN_ICS_VTODO)
        return ev->timed ? add_time(r, e, z, icalproperty_new_due, ev->start,
                                    ev->minute)
                         : add_prop(r, e,
                                    icalproperty_new_due(ics_date(ev->start)));
    if (!ev->timed)
        return add_prop(r, e, icalproperty_new_dtstart(ics_date(ev->start))) &&
               add_prop(r, e, icalproperty_new_dtend(ics_date(ev->end)));
    {
        int end = ev->minute + ev->duration;
        return add_time(r, e, z, icalproperty_new_dtstart, ev->start,
                        ev->minute) &&
               add_time(r, e, z, icalproperty_new_dtend, ev->start + end / 1440,
                        end % 1440);
    }
}

/* DTSTAMP as a UTC date-time, without the C library's time_t limits. */
static struct icaltimetype ics_stamp(int64_t t)
{
    struct icaltimetype s = icaltime_null_time();
    int64_t days = t / 86400, secs = t % 86400;

    if (secs < 0) {
        secs += 86400;
        days--;
    }
    pln_date_to_ymd((pln_date)days, &s.year, &s.month, &s.day);
    s.hour = (int)(secs / 3600);
    s.minute = (int)(secs / 60 % 60);
    s.second = (int)(secs % 60);
    s.zone = icaltimezone_get_utc_timezone();
    return s;
}

static icalcomponent *build_event(struct render *r,
                                  const struct pln_ics_event *ev,
                                  struct icaltimetype stamp,
                                  const struct zone *z)
{
    bool todo = ev->component == PLN_ICS_VTODO;
    icalcomponent *e = todo ? icalcomponent_new_vtodo()
                            : icalcomponent_new_vevent();
    bool ok;

    if (!e) {
        fail_oom(r);
        return NULL;
    }
    ok = add_text(r, e, icalproperty_new_uid, ev->uid) &&
         add_prop(r, e, icalproperty_new_dtstamp(stamp)) &&
         add_prop(r, e, icalproperty_new_sequence(ev->sequence)) &&
         (!ev->has_modified ||
          add_prop(r, e, icalproperty_new_lastmodified(ics_stamp(ev->modified)))) &&
         add_when(r, e, ev, z) &&
         add_text(r, e, icalproperty_new_summary, ev->summary);
    if (ok && ev->rrule)
        ok = add_rrule(r, e, ev, z);
    if (ok)
        ok = add_dates(r, e, ev, z, ev->exdates, ev->n_exdates, false) &&
             add_dates(r, e, ev, z, ev->rdates, ev->n_rdates, true);
    if (ok && has_text(ev->description))
        ok = add_text(r, e, icalproperty_new_description, ev->description);
    if (ok && has_text(ev->location))
        ok = add_text(r, e, icalproperty_new_location, ev->location);
    if (ok && has_text(ev->categories))
        ok = add_text(r, e, icalproperty_new_categories, ev->categories);
    if (ok && ev->cancelled)
        ok = add_prop(r, e, icalproperty_new_status(ICAL_STATUS_CANCELLED));
    else if (ok && todo)
        ok = add_prop(r, e, icalproperty_new_status(ICAL_STATUS_NEEDSACTION));
    if (ok && ev->transparent && !todo)
        ok = add_prop(r, e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    for (size_t i = 0; ok && i < ev->n_alarms; i++) {
        icalcomponent *a = build_alarm(r, &ev->alarms[i], todo);
        if (!a) {
            ok = false;
            break;
        }
        /* As with properties, a failed list push is silent. */
        icalcomponent_add_component(e, a);
        if (icalcomponent_count_components(e, ICAL_VALARM_COMPONENT) !=
            (int)i + 1) {
            icalcomponent_set_parent(a, NULL);
            free_component(a);
            fail_oom(r);
            ok = false;
        }
    }
    if (!ok || libical_oom(r)) {
        free_component(e);
        return NULL;
    }
    return e;
}

/* The calendar's own properties, in a VCALENDAR without events. */
static icalcomponent *build_calendar(struct render *r,
                                     const struct pln_ics_calendar *cal)
{
    icalcomponent *c = icalcomponent_new_vcalendar();
    bool ok;

    if (!c) {
        fail_oom(r);
        return NULL;
    }
    ok = add_prop(r, c, icalproperty_new_version("2.0")) &&
         add_text(r, c, icalproperty_new_prodid, cal->prodid) &&
         add_prop(r, c, icalproperty_new_calscale("GREGORIAN")) &&
         add_prop(r, c, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    if (ok && has_text(cal->name))
        ok = add_x_text(r, c, "X-WR-CALNAME", cal->name) &&
             add_text(r, c, icalproperty_new_name, cal->name);
    if (ok && has_text(cal->description))
        ok = add_x_text(r, c, "X-WR-CALDESC", cal->description) &&
             add_text(r, c, icalproperty_new_description, cal->description);
    if (ok && has_text(cal->timezone))
        ok = add_x_text(r, c, "X-WR-TIMEZONE", cal->timezone);
    /* RFC 7986 COLOR is a CSS3 colour name; Apple reads its own hex. */
    if (ok && has_text(cal->color))
        ok = add_x_text(r, c, "COLOR", cal->color);
    if (ok && has_text(cal->color_hex))
        ok = add_x_text(r, c, "X-APPLE-CALENDAR-COLOR", cal->color_hex);
    if (ok && cal->refresh_days > 0) {
        /* RFC 7986 REFRESH-INTERVAL, and the older name Outlook and Google
         * read. libical 3.0.16 knows neither, so both go out as text. */
        char v[32];
        snprintf(v, sizeof(v), "P%dD", cal->refresh_days);
        ok = add_x_text(r, c, "REFRESH-INTERVAL;VALUE=DURATION", v) &&
             add_x_text(r, c, "X-PUBLISHED-TTL", v);
    }
    if (!ok || libical_oom(r)) {
        free_component(c);
        return NULL;
    }
    return c;
}


/* ---------------------------------------------------------- validation */

static bool date_printable(pln_date d)
{
    int y;

    if (d == PLN_DATE_NONE)
        return false;
    pln_date_to_ymd(d, &y, NULL, NULL);
    return y >= 1 && y <= 9999;
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

static pln_status check_text(const char *what, const char *s, size_t index,
                             const char *uid, pln_error *err)
{
    if (!s || utf8_valid(s))
        return PLN_OK;
    if (uid)
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': %s is not valid UTF-8", uid, what);
    else if (index != SIZE_MAX)
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event %zu: %s is not valid UTF-8", index + 1, what);
    else
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "calendar %s is not valid UTF-8", what);
    return PLN_EINVAL;
}

static pln_status check_event(const struct pln_ics_event *ev, size_t i,
                              pln_error *err)
{
    pln_status st;

    if (!ev->uid || !*ev->uid) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0, "event %zu: missing uid",
                      i + 1);
        return PLN_EINVAL;
    }
    if ((st = check_text("uid", ev->uid, i, NULL, err)) != PLN_OK)
        return st;
    /* A UID is an identifier: normalising it would merge distinct ones. */
    if (has_control(ev->uid)) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event %zu: uid contains a control character", i + 1);
        return PLN_EINVAL;
    }
    if (!ev->summary) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': missing summary", ev->uid);
        return PLN_EINVAL;
    }
    if ((st = check_text("summary", ev->summary, i, ev->uid, err)) ||
        (st = check_text("description", ev->description, i, ev->uid, err)) ||
        (st = check_text("location", ev->location, i, ev->uid, err)) ||
        (st = check_text("categories", ev->categories, i, ev->uid, err)))
        return st;
    if (!date_printable(ev->start) ||
        (!ev->timed && ev->component == PLN_ICS_VEVENT &&
         !date_printable(ev->end))) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': date out of range", ev->uid);
        return PLN_EINVAL;
    }
    if (!ev->timed && ev->component == PLN_ICS_VEVENT && ev->end <= ev->start) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': end date is not after start date", ev->uid);
        return PLN_EINVAL;
    }
    if (ev->timed && (ev->minute < 0 || ev->minute >= 1440 ||
                      ev->duration < 1 || ev->duration > 1440 * 366)) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': time of day or duration out of range",
                      ev->uid);
        return PLN_EINVAL;
    }
    if (ev->has_modified &&
        (ev->modified < ICS_STAMP_MIN || ev->modified > ICS_STAMP_MAX)) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': last-modified out of range", ev->uid);
        return PLN_EINVAL;
    }
    if (ev->sequence < 0) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': negative sequence", ev->uid);
        return PLN_EINVAL;
    }
    if ((ev->n_alarms > 0 && !ev->alarms) ||
        (ev->n_exdates > 0 && !ev->exdates) ||
        (ev->n_rdates > 0 && !ev->rdates)) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "event '%s': a count without its array", ev->uid);
        return PLN_EINVAL;
    }
    for (size_t k = 0; k < ev->n_alarms; k++) {
        if (!ev->alarms[k].description ||
            ev->alarms[k].days < -36600 || ev->alarms[k].days > 36600) {
            pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                          "event '%s': alarm %zu without text or out of range",
                          ev->uid, k + 1);
            return PLN_EINVAL;
        }
        if ((st = check_text("alarm text", ev->alarms[k].description, i,
                             ev->uid, err)))
            return st;
    }
    for (size_t k = 0; k < ev->n_exdates + ev->n_rdates; k++) {
        pln_date d = k < ev->n_exdates ? ev->exdates[k]
                                       : ev->rdates[k - ev->n_exdates];
        if (!date_printable(d)) {
            pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                          "event '%s': excluded or added date out of range",
                          ev->uid);
            return PLN_EINVAL;
        }
    }
    if (ev->rrule) {
        const struct pln_ics_rrule *rr = ev->rrule;
        bool ok = date_printable(rr->until) && rr->until >= ev->start;
        if (rr->freq == PLN_ICS_WEEKLY)
            ok = ok && rr->weekday >= 0 && rr->weekday <= 6;
        else if (rr->freq == PLN_ICS_MONTHLY)
            ok = ok && (rr->monthday == -1 ||
                        (rr->monthday >= 1 && rr->monthday <= 31));
        else
            ok = false;
        if (!ok) {
            pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                          "event '%s': bad recurrence", ev->uid);
            return PLN_EINVAL;
        }
    }
    return PLN_OK;
}

/* UIDs must be unique: calendar clients merge events that share one. */
static pln_status check_unique_uids(const struct pln_ics_calendar *cal,
                                    pln_error *err)
{
    const char **uids;
    pln_status st = PLN_OK;

    if (cal->n_events < 2)
        return PLN_OK;
    if (cal->n_events <= SIZE_MAX / sizeof(*uids))
        uids = malloc(cal->n_events * sizeof(*uids));
    else
        uids = NULL;
    if (!uids) {
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    for (size_t i = 0; i < cal->n_events; i++)
        uids[i] = cal->events[i].uid;
    qsort(uids, cal->n_events, sizeof(*uids), cmp_str_ptr);
    for (size_t i = 1; i < cal->n_events; i++) {
        if (strcmp(uids[i - 1], uids[i]) == 0) {
            pln_error_set(err, PLN_EINVAL, NULL, 0, 0, "duplicate uid '%s'",
                          uids[i]);
            st = PLN_EINVAL;
            break;
        }
    }
    free(uids);
    return st;
}

static pln_status check_calendar(const struct pln_ics_calendar *cal,
                                 pln_error *err)
{
    pln_status st;

    if (!cal->prodid || !*cal->prodid) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0, "calendar missing prodid");
        return PLN_EINVAL;
    }
    if ((st = check_text("prodid", cal->prodid, SIZE_MAX, NULL, err)) ||
        (st = check_text("name", cal->name, SIZE_MAX, NULL, err)) ||
        (st = check_text("timezone", cal->timezone, SIZE_MAX, NULL, err)) ||
        (st = check_text("description", cal->description, SIZE_MAX, NULL,
                         err)) ||
        (st = check_text("colour", cal->color, SIZE_MAX, NULL, err)) ||
        (st = check_text("colour", cal->color_hex, SIZE_MAX, NULL, err)))
        return st;
    if (cal->refresh_days < 0 || cal->refresh_days > 3660) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "calendar refresh interval out of range");
        return PLN_EINVAL;
    }
    if (cal->dtstamp < ICS_STAMP_MIN || cal->dtstamp > ICS_STAMP_MAX) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "calendar dtstamp out of range");
        return PLN_EINVAL;
    }
    if (cal->n_events > 0 && !cal->events) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "calendar has events but no event array");
        return PLN_EINVAL;
    }
    for (size_t i = 0; i < cal->n_events; i++)
        if ((st = check_event(&cal->events[i], i, err)) != PLN_OK)
            return st;
    return check_unique_uids(cal, err);
}

/* ----------------------------------------------------------- time zone */

/* The span of years the events cover, for cutting the VTIMEZONE. */
static void event_years(const struct pln_ics_calendar *cal, int *first,
                        int *last)
{
    pln_date lo = 0, hi = 0;
    bool any = false;

    for (size_t i = 0; i < cal->n_events; i++) {
        const struct pln_ics_event *ev = &cal->events[i];
        pln_date a = ev->start, b = ev->start + 1;
        if (ev->rrule && ev->rrule->until > b)
            b = ev->rrule->until + 1;
        if (!ev->timed && ev->component == PLN_ICS_VEVENT && ev->end > b)
            b = ev->end;
        for (size_t k = 0; k < ev->n_rdates; k++)
            if (ev->rdates[k] + 1 > b)
                b = ev->rdates[k] + 1;
        if (!any || a < lo)
            lo = a;
        if (!any || b > hi)
            hi = b;
        any = true;
    }
    pln_date_to_ymd(lo, first, NULL, NULL);
    pln_date_to_ymd(hi, last, NULL, NULL);
}

/*
 * The VTIMEZONE of the calendar's zone from libical's zone data (the
 * system's tzdata on Debian), cut to the years the events span so that the
 * output does not depend on the history a tzdata release carries, and with
 * the plain IANA name as TZID (libical prefixes its own). NULL when out of
 * memory (recorded).
 */
static icalcomponent *build_vtimezone(struct render *r,
                                      const struct pln_ics_calendar *cal,
                                      icaltimezone *zone, const char *tzid)
{
    icalcomponent *src = icaltimezone_get_component(zone), *vtz;
    icalproperty *p, *next;
    struct icaltimetype from = icaltime_null_time(),
                        to = icaltime_null_time();
    int y0, y1;

    vtz = src ? icalcomponent_new_clone(src) : NULL;
    if (!vtz) {
        fail_oom(r);
        return NULL;
    }
    event_years(cal, &y0, &y1);
    from.year = y0;
    from.month = from.day = 1;
    to.year = y1 + 1;
    to.month = to.day = 1;
    icaltimezone_truncate_vtimezone(vtz, from, to, 1);
    for (p = icalcomponent_get_first_property(vtz, ICAL_ANY_PROPERTY); p;
         p = next) {
        const char *name = icalproperty_get_property_name(p);
        next = icalcomponent_get_next_property(vtz, ICAL_ANY_PROPERTY);
        if (icalproperty_isa(p) == ICAL_TZID_PROPERTY) {
            icalproperty_set_tzid(p, tzid);
        } else if (name && (!strcmp(name, "X-LIC-LOCATION") ||
                            !strcmp(name, "TZUNTIL"))) {
            icalcomponent_remove_property(vtz, p);
            icalproperty_free(p);
        }
    }
    if (libical_oom(r)) {
        free_component(vtz);
        return NULL;
    }
    return vtz;
}

static bool any_timed(const struct pln_ics_calendar *cal)
{
    for (size_t i = 0; i < cal->n_events; i++)
        if (cal->events[i].timed)
            return true;
    return false;
}

/* ---------------------------------------------------------------- API */

pln_status pln_ics_render(const struct pln_ics_calendar *cal, char **out,
                          size_t *len, pln_error *err)
{
    struct render r;
    icalcomponent *vcal;
    struct icaltimetype stamp;
    struct zone zone;
    pln_status st;

    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!cal || !out) {
        pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                      "no calendar or no output pointer");
        return PLN_EINVAL;
    }
    if ((st = check_calendar(cal, err)) != PLN_OK)
        return st;

    /* libical's default may abort() on errors; a library must not. */
    icalerror_set_errors_are_fatal(0);
    icalerror_clear_errno();

    memset(&zone, 0, sizeof(zone));
    if (any_timed(cal)) {
        if (!has_text(cal->timezone)) {
            pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                          "timed events need the calendar's time zone");
            return PLN_EINVAL;
        }
        if (strcmp(cal->timezone, "UTC") != 0) {
            zone.tzid = cal->timezone;
            zone.libical = icaltimezone_get_builtin_timezone(cal->timezone);
            icalerror_clear_errno();
            if (!zone.libical) {
                pln_error_set(err, PLN_EINVAL, NULL, 0, 0,
                              "time zone '%s' is not in the time zone data",
                              cal->timezone);
                return PLN_EINVAL;
            }
        }
    }

    memset(&r, 0, sizeof(r));
    r.err = err;
    stamp = ics_stamp(cal->dtstamp);

    /*
     * The VCALENDAR is written by hand around its events so that only one
     * VEVENT tree exists at a time, however long the plan.
     */
    vcal = build_calendar(&r, cal);
    if (vcal) {
        icalproperty *p;
        pln__sb_puts(&r.out, "BEGIN:VCALENDAR\r\n");
        for (p = icalcomponent_get_first_property(vcal, ICAL_ANY_PROPERTY); p;
             p = icalcomponent_get_next_property(vcal, ICAL_ANY_PROPERTY))
            emit_property(&r, p);
        free_component(vcal);
    }
    if (zone.libical && r.status == PLN_OK) {
        icalcomponent *vtz = build_vtimezone(&r, cal, zone.libical, zone.tzid);
        if (vtz) {
            emit_component(&r, vtz);
            free_component(vtz);
        }
    }
    for (size_t i = 0; r.status == PLN_OK && i < cal->n_events; i++) {
        icalcomponent *e = build_event(&r, &cal->events[i], stamp, &zone);
        if (e) {
            emit_component(&r, e);
            free_component(e);
        }
    }
    pln__sb_puts(&r.out, "END:VCALENDAR\r\n");

    if (r.status == PLN_OK && (r.out.failed || r.line.failed))
        fail_oom(&r);
    pln__sb_release(&r.line);
    if (r.status != PLN_OK) {
        pln__sb_release(&r.out);
        return r.status;
    }
    *out = r.out.buf;
    if (len)
        *len = r.out.len;
    return PLN_OK;
}
