/*
 * ical_read.c -- pln_ics_read_buffer()/pln_ics_read_file(): the VEVENTs of
 * an iCalendar (RFC 5545) file as dated items, parsed with libical, every
 * problem reported at its line and column.
 *
 * libical parses the components, properties and values, resolves time zones
 * and expands recurrences, but it keeps no line numbers. So the file is
 * read in passes:
 *
 *  1. scan(): NUL bytes and bare CRs are found in the raw bytes; lines are
 *     unfolded into a copy, each logical line remembering the physical line
 *     and byte where it starts (locate() maps an offset in a logical line
 *     back to a physical line and column); UTF-8 is checked on the unfolded
 *     text, since a fold may split a character (RFC 5545 3.1); every line
 *     needs a name and a ':'; BEGIN/END must nest inside one VCALENDAR.
 *     Nothing reaches libical unless this pass found no error, so the trees
 *     libical builds have exactly the shape found here.
 *  2. The logical lines are given to libical one at a time
 *     (icalparser_add_line): first the VCALENDAR's own properties and its
 *     VTIMEZONEs (so a TZID resolves wherever its VTIMEZONE is written),
 *     then each VEVENT on its own, which is turned into items and freed
 *     before the next one, so libical's memory does not grow with the
 *     file. To tie what libical builds to lines, each property line can be
 *     preceded by a marker property X-PLN-READER-LINE whose value is the
 *     line's index, and each BEGIN followed by one: libical appends
 *     properties in order and puts the X-LIC-ERROR for a bad line where the
 *     property would have gone, so everything it produces comes from the
 *     line named by the marker before it. Markers double libical's work,
 *     so a VEVENT is parsed without them first; only when libical reports
 *     an error in it is it parsed again with them. Without errors every
 *     line gives its properties in order and collect_by_name() finds the
 *     few lines it needs by name and count.
 *  3. Occurrences that a RECURRENCE-ID event replaces are removed.
 *
 * Diagnostics are collected here, sorted by position and then appended to
 * the caller's list, so that the first error listed is the first in the
 * file whatever the pass that found it.
 *
 * libical 3.0.16 accepts some values silently; these are checked here:
 * impossible dates and times (20271345, T250000); ISO 8601 extended forms
 * ("2027-01-01"); a value of another type than its VALUE parameter says
 * (VALUE=DATE:20270101T100000 becomes a DATE-TIME, the parameter dropped);
 * trailing garbage and empty DURATIONs ("PT1H30" is read as PT1H, "P1D2"
 * as P1D, "P" as zero); UTC offsets of any form ("+08", "abc"); and a TZID
 * naming no zone (the time just stays floating). The other way round, it
 * calls an empty TEXT value ("SUMMARY:") an error, which RFC 5545 allows.
 * Its recurrence iterator leaves out DTSTART when the rule does not match
 * it (RFC 5545 counts DTSTART as the first occurrence, and in COUNT, so it
 * is added here) and stops at the year 2582.
 *
 * Ownership: the result and its arena (every string) are freed by
 * pln_ics_items_free(); everything else, libical's trees included, is freed
 * before returning, on every path.
 */
#include <ctype.h>
#include <errno.h>
#include <libical/ical.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "pln_alloc.h"
#include "calendars_int.h"
#include "pln_ics_read.h"

#define ICS_MARKER "X-PLN-READER-LINE"
#define ICS_MAX_DEPTH 16
/* Recurrence steps libical may take for one event and for one file (a rule
 * with COUNT must be iterated from DTSTART to reach the horizon). */
#define ICS_MAX_STEPS 200000L
#define ICS_MAX_STEPS_TOTAL 4000000L
/* Warnings kept per file; errors are always kept. */
#define ICS_MAX_WARNINGS 100
/* Bytes of user text quoted in a message. */
#define ICS_QUOTE 60

#define DAY INT64_C(86400)

/* ----------------------------------------------------------- structures */

enum line_kind { LINE_EMPTY = 0, LINE_PROP, LINE_BEGIN, LINE_END, LINE_SKIP };

/* One logical (unfolded) content line. Offsets fit 32 bits: the input is
 * at most PLN_ICS_MAX_BYTES. */
struct lline {
    uint32_t uoff;      /* start in the unfolded copy, NUL-terminated there */
    uint32_t ulen;      /* length */
    uint32_t nlen;      /* length of the name */
    uint32_t voff;      /* offset of the value, after the ':' */
    uint32_t raw;       /* offset of its first byte in the input */
    int line;           /* physical line of its first byte */
    unsigned char kind; /* enum line_kind */
};

/* A component directly inside the VCALENDAR. */
struct child {
    size_t begin, end; /* indices of its BEGIN and END lines */
};

/* A property of the VEVENT being read, with its line. */
struct pref {
    icalproperty *p;
    size_t li;
};

/* One occurrence: start and length in the wall time of DTSTART's zone. */
struct occ {
    int64_t start;
    int64_t dur;
};

/* Per item, while reading: how RECURRENCE-ID events find it. */
struct extra {
    int64_t key; /* instant of the occurrence's start */
    bool master; /* an occurrence of a recurring event */
};

/* An event with a RECURRENCE-ID: replaces occurrence `key` of `uid`. */
struct override {
    const char *uid;
    int64_t key;
};

/* A date or date-time value with the zone it is in (NULL: floating or a
 * date; libical's UTC zone for a 'Z' time). */
struct when {
    struct icaltimetype t;
    icaltimezone *zone;
};

struct ics_result {
    pln_ics_items pub; /* first: the caller's pointer is to this */
    struct pln_arena arena;
};

struct reader {
    const char *source;
    const char *data; /* after the byte order mark */
    size_t len;
    pln_date hfirst, hlast;
    icaltimezone *target;

    char *ubuf; /* unfolded lines */
    struct lline *lines;
    size_t n_lines, cap_lines;
    struct child *kids;
    size_t n_kids, cap_kids;
    size_t cal_begin, cal_end;

    icalparser *parser;
    icalcomponent *cal; /* the VCALENDAR's properties and VTIMEZONEs */
    char mark[64];
    char zone_key[256]; /* one-entry cache of find_zone() */
    icaltimezone *zone_val;
    long steps;

    pln_diags diags;
    size_t warnings;
    bool oom;
    pln_status first_code; /* the first error in file order */
    int first_line, first_col;

    struct ics_result *res;
    size_t cap_items;
    struct extra *extra;
    size_t cap_extra;
    struct override *ovr;
    size_t n_ovr, cap_ovr;

    /* Scratch space, reused from event to event. */
    struct occ *occ;
    size_t cap_occ;
    int64_t *ex_time; /* EXDATE date-times, wall seconds in DTSTART's zone */
    size_t cap_ex_time;
    pln_date *ex_date; /* EXDATE dates */
    size_t cap_ex_date;
    struct pref *rdates, *exdates;
    size_t n_rdates, cap_rdates, n_exdates, cap_exdates;
};

/* ------------------------------------------------------------- messages */

static const char *line_text(const struct reader *r, size_t li)
{
    return r->ubuf + r->lines[li].uoff;
}

/*
 * The physical line and 1-based byte column of byte `off` of logical line
 * `li`: the raw bytes are walked again, stepping over each fold (line break
 * plus one space or tab).
 */
static void locate(const struct reader *r, size_t li, size_t off, int *line,
                   int *col)
{
    const struct lline *l = &r->lines[li];
    const char *d = r->data;
    size_t p = l->raw, k = 0;
    int ln = l->line, c = 1;

    for (;;) {
        /* A fold: CRLF or LF, then one space or tab. */
        size_t eol = p < r->len && d[p] == '\r' ? 2 : 1;
        if (p + eol < r->len && d[p + eol - 1] == '\n' &&
            (d[p + eol] == ' ' || d[p + eol] == '\t')) {
            p += eol + 1;
            ln++;
            c = 2;
            continue;
        }
        if (k >= off || p >= r->len)
            break;
        p++;
        k++;
        c++;
    }
    *line = ln;
    *col = c;
}

static void note_error(struct reader *r, pln_status code, int line, int col)
{
    if (r->first_code == PLN_OK || line < r->first_line ||
        (line == r->first_line && col < r->first_col)) {
        r->first_code = code;
        r->first_line = line;
        r->first_col = col;
    }
}

static void vdiag(struct reader *r, enum pln_severity sev, pln_status code,
                  int line, int col, const char *fmt, va_list ap)
{
    if (sev == PLN_SEV_ERROR) {
        note_error(r, code, line, col);
    } else if (r->warnings++ >= ICS_MAX_WARNINGS) {
        if (r->warnings == ICS_MAX_WARNINGS + 1)
            pln_diags_add(&r->diags, PLN_SEV_WARNING, PLN_OK, r->source, line,
                          col,
                          "more than %d warnings: the rest are "
                          "not shown",
                          ICS_MAX_WARNINGS);
        return;
    }
    pln_diags_vadd(&r->diags, sev, code, r->source, line, col, fmt, ap);
}

static void diag_pos(struct reader *r, enum pln_severity sev, pln_status code,
                     int line, int col, const char *fmt, ...) PLN_PRINTF(6, 7);
static void diag_pos(struct reader *r, enum pln_severity sev, pln_status code,
                     int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(r, sev, code, line, col, fmt, ap);
    va_end(ap);
}

/* A problem at byte `off` of logical line `li`. */
static void diag_at(struct reader *r, enum pln_severity sev, pln_status code,
                    size_t li, size_t off, const char *fmt, ...)
    PLN_PRINTF(6, 7);
static void diag_at(struct reader *r, enum pln_severity sev, pln_status code,
                    size_t li, size_t off, const char *fmt, ...)
{
    va_list ap;
    int line, col;

    locate(r, li, off, &line, &col);
    va_start(ap, fmt);
    vdiag(r, sev, code, line, col, fmt, ap);
    va_end(ap);
}

static void fail_oom(struct reader *r)
{
    if (!r->oom)
        pln_diags_add(&r->diags, PLN_SEV_ERROR, PLN_ENOMEM, r->source, 0, 0,
                      "out of memory");
    r->oom = true;
}

/* How many of the first `n` bytes of `s` to quote: at most ICS_QUOTE, and
 * never half a UTF-8 character. */
static int clip(const char *s, size_t n)
{
    if (n <= ICS_QUOTE)
        return (int)n;
    n = ICS_QUOTE;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return (int)n;
}

/* The name of logical line li, for "%.*s". */
#define NAME_ARGS(r, li)                                                       \
    clip(line_text(r, li), (r)->lines[li].nlen), line_text(r, li)

/* The value of logical line li without surrounding blanks. */
static const char *value_of(const struct reader *r, size_t li, size_t *n)
{
    const struct lline *l = &r->lines[li];
    const char *s = line_text(r, li) + l->voff;
    size_t len = l->ulen - l->voff;

    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *n = len;
    return s;
}

/* ------------------------------------------------------------ pass 1 */


/* NUL bytes and CRs without LF, found in the raw input. */
static bool raw_checks(struct reader *r, size_t *n_phys)
{
    const unsigned char *d = (const unsigned char *)r->data;
    size_t start = 0;
    int line = 1;

    for (size_t i = 0; i < r->len; i++) {
        unsigned char c = d[i];
        if (c == '\n') {
            line++;
            start = i + 1;
        } else if (c == '\0') {
            diag_pos(r, PLN_SEV_ERROR, PLN_ESYNTAX, line, (int)(i - start + 1),
                     "NUL byte in the file");
            return false;
        } else if (c == '\r' && (i + 1 == r->len || d[i + 1] != '\n')) {
            diag_pos(r, PLN_SEV_ERROR, PLN_ESYNTAX, line, (int)(i - start + 1),
                     "carriage return not followed by a line feed");
            return false;
        }
    }
    *n_phys = (size_t)line;
    return true;
}

/* Unfolds the input into r->ubuf, one logical line per entry of r->lines. */
static bool unfold(struct reader *r, size_t n_phys)
{
    const char *d = r->data;
    size_t i = 0, u = 0;
    int line = 1;

    r->ubuf = pln__malloc(r->len + n_phys + 1);
    if (!r->ubuf) {
        fail_oom(r);
        return false;
    }
    while (i < r->len) {
        const char *nl = memchr(d + i, '\n', r->len - i);
        size_t e = nl ? (size_t)(nl - d) : r->len;
        size_t next = nl ? e + 1 : r->len;

        if (e > i && d[e - 1] == '\r')
            e--;
        if ((d[i] == ' ' || d[i] == '\t') && r->n_lines > 0) {
            /* A continuation: its text, less the blank, joins the line. */
            struct lline *l = &r->lines[r->n_lines - 1];
            u--; /* over the NUL */
            memcpy(r->ubuf + u, d + i + 1, e - i - 1);
            u += e - i - 1;
            l->ulen += (uint32_t)(e - i - 1);
        } else {
            struct lline *l;
            if (pln__grow((void **)&r->lines, &r->cap_lines, r->n_lines + 1,
                          sizeof(*r->lines)) != 0) {
                fail_oom(r);
                return false;
            }
            l = &r->lines[r->n_lines++];
            memset(l, 0, sizeof(*l));
            l->uoff = (uint32_t)u;
            l->ulen = (uint32_t)(e - i);
            l->raw = (uint32_t)i;
            l->line = line;
            memcpy(r->ubuf + u, d + i, e - i);
            u += e - i;
        }
        r->ubuf[u++] = '\0';
        i = next;
        line++;
    }
    return true;
}

static bool name_is(const char *s, size_t n, const char *name)
{
    return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/*
 * Splits logical line li into name, parameters and value. false (with a
 * diagnostic) when it has no name or no ':' outside quoted parameter values.
 */
static bool split_line(struct reader *r, size_t li)
{
    struct lline *l = &r->lines[li];
    const char *s = line_text(r, li);
    size_t k = 0;
    bool quoted = false;

    while (k < l->ulen && s[k] != ';' && s[k] != ':')
        k++;
    l->nlen = (uint32_t)k;
    if (k == 0) {
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0,
                "content line has no property name");
        return false;
    }
    for (; k < l->ulen; k++) {
        if (s[k] == '"')
            quoted = !quoted;
        else if (!quoted && s[k] == ':')
            break;
    }
    if (k == l->ulen) {
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0,
                "content line '%.*s' has no ':'", clip(s, l->ulen), s);
        return false;
    }
    l->voff = (uint32_t)(k + 1);
    if (name_is(s, l->nlen, "BEGIN") || name_is(s, l->nlen, "END")) {
        size_t n;
        l->kind = toupper((unsigned char)s[0]) == 'B' ? LINE_BEGIN : LINE_END;
        if (s[l->nlen] == ';') {
            diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, l->nlen,
                    "'%.*s' takes no parameters", NAME_ARGS(r, li));
            return false;
        }
        value_of(r, li, &n);
        if (n == 0) {
            diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, l->voff,
                    "'%.*s' without a component name", NAME_ARGS(r, li));
            return false;
        }
    } else {
        /* The marker name is ours: a line that uses it is left out. */
        l->kind = name_is(s, l->nlen, ICS_MARKER) ? LINE_SKIP : LINE_PROP;
    }
    return true;
}

static bool same_component(const struct reader *r, size_t a, size_t b)
{
    size_t na, nb;
    const char *sa = value_of(r, a, &na), *sb = value_of(r, b, &nb);
    return na == nb && strncasecmp(sa, sb, na) == 0;
}

static bool is_component(const struct reader *r, size_t li, const char *name)
{
    size_t n;
    const char *s = value_of(r, li, &n);
    return name_is(s, n, name);
}

/* BEGIN/END nesting: one VCALENDAR, properly nested, not too deep. */
static bool structure(struct reader *r)
{
    size_t stack[ICS_MAX_DEPTH];
    size_t depth = 0;
    bool seen_cal = false;

    for (size_t li = 0; li < r->n_lines; li++) {
        const struct lline *l = &r->lines[li];
        size_t n;
        const char *v;

        if (l->kind == LINE_EMPTY)
            continue;
        v = value_of(r, li, &n);
        if (depth == 0) {
            if (seen_cal) {
                if (l->kind == LINE_BEGIN && is_component(r, li, "VCALENDAR"))
                    diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0,
                            "a second 'BEGIN:VCALENDAR': only one calendar "
                            "per file is read");
                else
                    diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0,
                            "content after 'END:VCALENDAR'");
                return false;
            }
            if (l->kind != LINE_BEGIN || !is_component(r, li, "VCALENDAR")) {
                diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0,
                        "expected 'BEGIN:VCALENDAR', found '%.*s'",
                        clip(line_text(r, li), l->ulen), line_text(r, li));
                return false;
            }
            seen_cal = true;
            r->cal_begin = li;
            stack[depth++] = li;
            continue;
        }
        if (l->kind == LINE_BEGIN) {
            if (depth == ICS_MAX_DEPTH) {
                diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0,
                        "components nested more than %d deep", ICS_MAX_DEPTH);
                return false;
            }
            if (depth == 1) {
                if (pln__grow((void **)&r->kids, &r->cap_kids, r->n_kids + 1,
                              sizeof(*r->kids)) != 0) {
                    fail_oom(r);
                    return false;
                }
                r->kids[r->n_kids].begin = li;
                r->kids[r->n_kids++].end = li;
            }
            stack[depth++] = li;
        } else if (l->kind == LINE_END) {
            size_t open = stack[depth - 1];
            if (!same_component(r, open, li)) {
                size_t on;
                const char *ov = value_of(r, open, &on);
                int oline, ocol;
                locate(r, open, 0, &oline, &ocol);
                diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, l->voff,
                        "'END:%.*s' does not match 'BEGIN:%.*s' on line %d",
                        clip(v, n), v, clip(ov, on), ov, oline);
                return false;
            }
            depth--;
            if (depth == 1)
                r->kids[r->n_kids - 1].end = li;
            else if (depth == 0)
                r->cal_end = li;
        }
    }
    if (!seen_cal) {
        diag_pos(r, PLN_SEV_ERROR, PLN_ESYNTAX, 1, 1,
                 "no 'BEGIN:VCALENDAR' in the file");
        return false;
    }
    if (depth > 0) {
        size_t open = stack[depth - 1], n;
        const char *v = value_of(r, open, &n);
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, open, 0,
                "'BEGIN:%.*s' has no matching 'END:%.*s'", clip(v, n), v,
                clip(v, n), v);
        return false;
    }
    return true;
}

static bool scan(struct reader *r)
{
    size_t n_phys;
    bool ok = true;

    if (!raw_checks(r, &n_phys) || !unfold(r, n_phys))
        return false;
    for (size_t li = 0; li < r->n_lines; li++) {
        const struct lline *l = &r->lines[li];
        size_t bad = pln__utf8_bad((const unsigned char *)line_text(r, li), l->ulen);
        if (bad < l->ulen) {
            diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, bad,
                    "invalid UTF-8 (byte 0x%02x)",
                    (unsigned char)line_text(r, li)[bad]);
            return false;
        }
        if (l->ulen > 0 && !split_line(r, li))
            ok = false;
    }
    return ok && structure(r);
}

/* ------------------------------------------------------------ pass 2 */

/* Gives libical one line; the component when it closes the top level. */
static icalcomponent *add_line(struct reader *r, char *text)
{
    return icalparser_add_line(r->parser, text);
}

static icalcomponent *add_marker(struct reader *r, size_t li)
{
    snprintf(r->mark, sizeof(r->mark), ICS_MARKER ":%zu", li);
    return add_line(r, r->mark);
}

/*
 * Feeds lines [from, to] to libical, with markers when `markers`, skipping
 * the children of the VCALENDAR that are not VTIMEZONEs when `calendar`.
 * Returns the component closed by line `to`, or NULL when libical failed
 * (out of memory).
 */
static icalcomponent *feed(struct reader *r, size_t from, size_t to,
                           bool calendar, bool markers)
{
    icalcomponent *done = NULL;
    size_t kid = 0;

    for (size_t li = from; li <= to; li++) {
        struct lline *l = &r->lines[li];
        char *text = r->ubuf + l->uoff;

        if (calendar && kid < r->n_kids && li == r->kids[kid].begin) {
            if (!is_component(r, li, "VTIMEZONE")) {
                li = r->kids[kid++].end;
                continue;
            }
            kid++;
        }
        switch (l->kind) {
        case LINE_BEGIN:
            add_line(r, text);
            if (markers)
                add_marker(r, li);
            break;
        case LINE_END:
            done = add_line(r, text);
            break;
        case LINE_PROP:
            if (markers)
                add_marker(r, li);
            add_line(r, text);
            break;
        default:
            break;
        }
    }
    if (!done) {
        /* libical lost a component: only an allocation failure does. */
        icalcomponent *rest = icalparser_clean(r->parser);
        if (rest)
            icalcomponent_free(rest);
        icalparser_free(r->parser);
        r->parser = icalparser_new();
        fail_oom(r);
    }
    return done;
}

static bool is_marker(icalproperty *p, size_t *li)
{
    const char *name, *v;

    if (icalproperty_isa(p) != ICAL_X_PROPERTY)
        return false;
    name = icalproperty_get_x_name(p);
    if (!name || strcmp(name, ICS_MARKER) != 0)
        return false;
    v = icalproperty_get_x(p);
    *li = v ? (size_t)strtoull(v, NULL, 10) : 0;
    return true;
}

/* Where `what` (a parameter as libical quotes it) starts in line li. */
static size_t param_offset(const struct reader *r, size_t li, const char *what)
{
    const struct lline *l = &r->lines[li];
    const char *s = line_text(r, li);
    size_t n = strlen(what);

    if (n == 0)
        return l->nlen;
    for (size_t k = l->nlen; k + n <= l->voff; k++)
        if (strncasecmp(s + k, what, n) == 0)
            return k;
    return l->nlen;
}

/* Property names whose failure stops the event from being read. */
enum {
    F_DTSTART = 1,
    F_DTEND = 2,
    F_DURATION = 4,
    F_RRULE = 8,
    F_RDATE = 16,
    F_EXDATE = 32,
    F_RECURID = 64,
    F_OTHER = 128
};

static unsigned failure_bit(const struct reader *r, size_t li)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"DTSTART", F_DTSTART},      {"DTEND", F_DTEND},
                 {"DURATION", F_DURATION},    {"RRULE", F_RRULE},
                 {"RDATE", F_RDATE},          {"EXDATE", F_EXDATE},
                 {"RECURRENCE-ID", F_RECURID}};
    const char *s = line_text(r, li);

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (name_is(s, r->lines[li].nlen, names[i].name))
            return names[i].bit;
    return F_OTHER;
}

/*
 * Whether the property of line li may have an empty value: TEXT may
 * (RFC 5545 3.3.11), and so may X- properties, but libical 3.0.16 (built
 * without ICAL_ALLOW_EMPTY_PROPERTIES) reports "SUMMARY:" as an error and
 * drops the property, which then reads as absent.
 */
static bool may_be_empty(const struct reader *r, size_t li)
{
    char name[64];
    size_t n = r->lines[li].nlen;
    icalproperty_kind kind;

    if (n >= sizeof(name))
        return false;
    memcpy(name, line_text(r, li), n);
    name[n] = '\0';
    kind = icalproperty_string_to_kind(name);
    return kind == ICAL_X_PROPERTY ||
           (kind != ICAL_NO_PROPERTY &&
            icalproperty_kind_to_value_kind(kind) == ICAL_TEXT_VALUE);
}

/*
 * Turns one X-LIC-ERROR from line li into a diagnostic. Unknown properties
 * and components are warnings (RFC 5545 lets readers ignore them); the rest
 * are errors. Returns the failure bit of the line, 0 for a warning.
 */
static unsigned report_xlic(struct reader *r, icalproperty *p, size_t li)
{
    icalparameter *par =
        icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
    icalparameter_xlicerrortype type =
        par ? icalparameter_get_xlicerrortype(par) : ICAL_XLICERRORTYPE_NONE;
    const char *text = icalproperty_get_xlicerror(p);
    const char *detail = text ? strstr(text, ": ") : NULL;
    const struct lline *l = &r->lines[li];
    size_t vn;
    const char *v = value_of(r, li, &vn);
    char kind[32];

    detail = detail ? detail + 2 : "";
    switch (type) {
    case ICAL_XLICERRORTYPE_PROPERTYPARSEERROR:
        diag_at(r, PLN_SEV_WARNING, PLN_OK, li, 0,
                "unknown property '%.*s' ignored", NAME_ARGS(r, li));
        return 0;
    case ICAL_XLICERRORTYPE_COMPONENTPARSEERROR:
        if (text && strncmp(text, "Parse error in component name", 29) == 0) {
            diag_at(r, PLN_SEV_WARNING, PLN_OK, li, l->voff,
                    "unknown component '%.*s' ignored", clip(v, vn), v);
            return 0;
        }
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0, "libical: %s",
                text ? text : "bad component");
        return F_OTHER;
    case ICAL_XLICERRORTYPE_VALUEPARSEERROR:
        if (vn == 0 && may_be_empty(r, li))
            return 0;
        if (vn == 0)
            diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, l->voff,
                    "'%.*s' has no value", NAME_ARGS(r, li));
        else if (text && sscanf(text, "Can't parse as %31s value", kind) == 1)
            diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, l->voff,
                    "'%.*s' value '%.*s' is not a valid %s", NAME_ARGS(r, li),
                    clip(v, vn), v, kind);
        else
            diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, l->voff,
                    "'%.*s' value '%.*s' does not parse", NAME_ARGS(r, li),
                    clip(v, vn), v);
        return failure_bit(r, li);
    case ICAL_XLICERRORTYPE_PARAMETERNAMEPARSEERROR:
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, param_offset(r, li, detail),
                "bad parameter '%s' in '%.*s'", detail, NAME_ARGS(r, li));
        return failure_bit(r, li);
    case ICAL_XLICERRORTYPE_PARAMETERVALUEPARSEERROR:
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, param_offset(r, li, detail),
                "bad parameter value '%s' in '%.*s'", detail, NAME_ARGS(r, li));
        return failure_bit(r, li);
    default:
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, 0, "libical: %s",
                text ? text : "unknown error");
        return failure_bit(r, li);
    }
}

/* The event being read: its properties (the first of each) and lines. */
struct event {
    size_t begin; /* index of BEGIN:VEVENT */
    int line;
    icalproperty *dtstart, *dtend, *duration, *rrule, *recurid;
    size_t dtstart_li, dtend_li, duration_li, rrule_li, recurid_li;
    icalproperty *uid, *summary, *description, *status, *transp;
    unsigned failed; /* F_* of lines with errors */
};

static bool push_pref(struct reader *r, struct pref **a, size_t *n, size_t *cap,
                      icalproperty *p, size_t li)
{
    if (pln__grow((void **)a, cap, *n + 1, sizeof(**a)) != 0) {
        fail_oom(r);
        return false;
    }
    (*a)[*n].p = p;
    (*a)[(*n)++].li = li;
    return true;
}

/* Remembers a property that may occur once; a second one is an error. */
static void once(struct reader *r, struct event *ev, icalproperty **slot,
                 size_t *slot_li, icalproperty *p, size_t li)
{
    if (*slot) {
        diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, li, 0,
                "more than one '%.*s' in the event", NAME_ARGS(r, li));
        ev->failed |= F_OTHER;
        return;
    }
    *slot = p;
    *slot_li = li;
}

static void collect(struct reader *r, struct event *ev, icalproperty *p,
                    size_t li)
{
    switch (icalproperty_isa(p)) {
    case ICAL_DTSTART_PROPERTY:
        once(r, ev, &ev->dtstart, &ev->dtstart_li, p, li);
        break;
    case ICAL_DTEND_PROPERTY:
        once(r, ev, &ev->dtend, &ev->dtend_li, p, li);
        break;
    case ICAL_DURATION_PROPERTY:
        once(r, ev, &ev->duration, &ev->duration_li, p, li);
        break;
    case ICAL_RRULE_PROPERTY:
        once(r, ev, &ev->rrule, &ev->rrule_li, p, li);
        break;
    case ICAL_RECURRENCEID_PROPERTY:
        once(r, ev, &ev->recurid, &ev->recurid_li, p, li);
        break;
    case ICAL_RDATE_PROPERTY:
        push_pref(r, &r->rdates, &r->n_rdates, &r->cap_rdates, p, li);
        break;
    case ICAL_EXDATE_PROPERTY:
        push_pref(r, &r->exdates, &r->n_exdates, &r->cap_exdates, p, li);
        break;
    case ICAL_UID_PROPERTY:
        if (!ev->uid)
            ev->uid = p;
        break;
    case ICAL_SUMMARY_PROPERTY:
        if (!ev->summary)
            ev->summary = p;
        break;
    case ICAL_DESCRIPTION_PROPERTY:
        if (!ev->description)
            ev->description = p;
        break;
    case ICAL_STATUS_PROPERTY:
        if (!ev->status)
            ev->status = p;
        break;
    case ICAL_TRANSP_PROPERTY:
        if (!ev->transp)
            ev->transp = p;
        break;
    default:
        break;
    }
}

/* libical takes anything for a UTC offset ("+08", "abc"): RFC 5545 3.3.14
 * says ("+" / "-") HHMM [SS]. */
static unsigned check_offset(struct reader *r, size_t li)
{
    size_t n;
    const char *v = value_of(r, li, &n);

    if ((n == 5 || n == 7) && (v[0] == '+' || v[0] == '-')) {
        bool digits = true;
        for (size_t i = 1; i < n; i++)
            digits = digits && v[i] >= '0' && v[i] <= '9';
        if (digits)
            return 0;
    }
    diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, r->lines[li].voff,
            "'%.*s' value '%.*s' is not a UTC offset (+HHMM)", NAME_ARGS(r, li),
            clip(v, n), v);
    return F_OTHER;
}

/*
 * libical expands a VTIMEZONE's rules into every transition from their
 * DTSTART on, keeping them all: "FREQ=SECONDLY" there takes gigabytes.
 * Time zone rules are yearly (RFC 5545 3.6.5 examples, and every zone in
 * use), so anything finer is refused before libical sees it used.
 */
static unsigned check_zone_rule(struct reader *r, icalproperty *p, size_t li)
{
    struct icalrecurrencetype rule = icalproperty_get_rrule(p);

    if (rule.freq == ICAL_YEARLY_RECURRENCE &&
        rule.by_second[0] == ICAL_RECURRENCE_ARRAY_MAX &&
        rule.by_minute[0] == ICAL_RECURRENCE_ARRAY_MAX &&
        rule.by_hour[0] == ICAL_RECURRENCE_ARRAY_MAX &&
        rule.by_year_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
        rule.by_week_no[0] == ICAL_RECURRENCE_ARRAY_MAX)
        return 0;
    diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, r->lines[li].voff,
            "a time zone 'RRULE' must be yearly, without BYHOUR, BYMINUTE, "
            "BYSECOND, BYYEARDAY or BYWEEKNO");
    return F_OTHER;
}

/*
 * Reports the X-LIC-ERRORs of component c and its subcomponents, each at
 * the line its marker names, and collects the properties of the event `ev`
 * (c itself, when ev is not NULL). Returns the failure bits found.
 */
static unsigned walk(struct reader *r, icalcomponent *c, struct event *ev,
                     bool recurse)
{
    unsigned failed = 0;
    size_t cur = SIZE_MAX, li;
    icalproperty *p;
    icalcomponent *sub;

    /* An error libical records when it creates the component (an unknown
     * name) comes before the marker after BEGIN. */
    for (p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
        if (is_marker(p, &li)) {
            cur = li;
            break;
        }
    if (cur >= r->n_lines)
        cur = 0; /* cannot happen: every BEGIN is followed by a marker */
    for (p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
        if (is_marker(p, &li)) {
            if (li < r->n_lines)
                cur = li;
        } else if (icalproperty_isa(p) == ICAL_XLICERROR_PROPERTY) {
            failed |= report_xlic(r, p, cur);
        } else if (ev) {
            collect(r, ev, p, cur);
        } else if (icalproperty_isa(p) == ICAL_TZOFFSETFROM_PROPERTY ||
                   icalproperty_isa(p) == ICAL_TZOFFSETTO_PROPERTY) {
            failed |= check_offset(r, cur);
        } else if (icalproperty_isa(p) == ICAL_RRULE_PROPERTY) {
            failed |= check_zone_rule(r, p, cur);
        }
    }
    for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
         sub && recurse;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        failed |= walk(r, sub, NULL, true);
    return failed;
}

/* Whether libical recorded an error anywhere in c. */
static bool has_errors(icalcomponent *c)
{
    icalcomponent *sub;

    if (icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY))
        return true;
    for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        if (has_errors(sub))
            return true;
    return false;
}

/*
 * How many properties libical makes of the comma-separated values of line
 * li: one per value up to the first empty one ("a,,b" is an error,
 * but "a," gives one).
 */
static size_t list_values(const struct reader *r, size_t li)
{
    const struct lline *l = &r->lines[li];
    const char *s = line_text(r, li);
    size_t n = 0, k = l->voff;

    while (k < l->ulen && s[k] != ',') {
        n++;
        while (k < l->ulen && s[k] != ',')
            k++;
        if (k < l->ulen)
            k++; /* over the comma */
    }
    return n ? n : 1;
}

/* Where collect_by_name() stands among the lines of one property name. */
struct cursor {
    size_t li;    /* the last line found */
    size_t depth; /* of subcomponents, at li */
    size_t left;  /* properties still to come from line li */
};

/*
 * The line of the next property named `name` directly inside the component
 * whose END is line `end`, when libical reported no error in it: then
 * every line gave its properties in order, one per value for the
 * comma-separated lists of RDATE and EXDATE (whose values hold no comma).
 * `fallback` when there is none (which cannot happen).
 */
static size_t next_line(const struct reader *r, struct cursor *c, size_t end,
                        const char *name, bool list, size_t fallback)
{
    if (c->left > 0) {
        c->left--;
        return c->li;
    }
    for (size_t li = c->li + 1; li < end; li++) {
        const struct lline *l = &r->lines[li];

        if (l->kind == LINE_BEGIN)
            c->depth++;
        else if (l->kind == LINE_END)
            c->depth--;
        if (c->depth != 0 || l->kind != LINE_PROP ||
            !name_is(line_text(r, li), l->nlen, name))
            continue;
        c->li = li;
        if (list)
            c->left = list_values(r, li) - 1;
        return li;
    }
    return fallback;
}

/*
 * collect() for an event libical found no error in, parsed without
 * markers (the common case, and twice as fast): the lines of the
 * properties whose problems are reported are found by name and order.
 */
static void collect_by_name(struct reader *r, struct event *ev,
                            icalcomponent *c, size_t end)
{
    static const icalproperty_kind kinds[] = {
        ICAL_DTSTART_PROPERTY,     ICAL_DTEND_PROPERTY, ICAL_DURATION_PROPERTY,
        ICAL_RRULE_PROPERTY,       ICAL_RDATE_PROPERTY, ICAL_EXDATE_PROPERTY,
        ICAL_RECURRENCEID_PROPERTY};
    struct cursor cur[sizeof(kinds) / sizeof(kinds[0])];
    icalproperty *p;

    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        cur[k].li = ev->begin;
        cur[k].depth = 0;
        cur[k].left = 0;
    }
    for (p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
        icalproperty_kind kind = icalproperty_isa(p);
        size_t li = ev->begin;

        for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
            if (kind == kinds[k]) {
                li = next_line(
                    r, &cur[k], end, icalproperty_kind_to_string(kind),
                    kind == ICAL_RDATE_PROPERTY || kind == ICAL_EXDATE_PROPERTY,
                    ev->begin);
                break;
            }
        collect(r, ev, p, li);
    }
}

/* --------------------------------------------------------------- time */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Seconds since 1970-01-01T00:00 of a wall time, whatever its zone. */
static int64_t wall(struct icaltimetype t)
{
    int64_t s = (int64_t)pln_date_from_ymd(t.year, t.month, t.day) * DAY;
    if (!t.is_date)
        s += t.hour * 3600 + t.minute * 60 + t.second;
    return s;
}

static struct icaltimetype from_wall(int64_t s, bool is_date,
                                     icaltimezone *zone)
{
    struct icaltimetype t = icaltime_null_time();
    int64_t days = floor_div(s, DAY), rem = s - days * DAY;

    pln_date_to_ymd((pln_date)days, &t.year, &t.month, &t.day);
    if (is_date) {
        t.is_date = 1;
    } else {
        t.hour = (int)(rem / 3600);
        t.minute = (int)(rem / 60 % 60);
        t.second = (int)(rem % 60);
        t.zone = zone;
    }
    return t;
}

static pln_date day_of(int64_t s)
{
    return (pln_date)floor_div(s, DAY);
}

/* Wall seconds `s` in zone `from` as wall seconds in zone `to` (NULL:
 * floating, which is never converted). */
static int64_t convert(int64_t s, icaltimezone *from, icaltimezone *to)
{
    struct icaltimetype t;

    if (!from || !to || from == to)
        return s;
    t = from_wall(s, false, from);
    icaltimezone_convert_time(&t, from, to);
    return wall(t);
}

/* The instant a time names, for matching RECURRENCE-IDs: UTC seconds, or
 * the wall time itself when floating. */
static int64_t instant(int64_t s, icaltimezone *zone)
{
    return convert(s, zone, icaltimezone_get_utc_timezone());
}

/*
 * The zone a TZID names: a VTIMEZONE of the file, else libical's data
 * (IANA names, and libical's own "/freeassociation.sourceforge.net/" form).
 */
static icaltimezone *find_zone(struct reader *r, const char *tzid)
{
    icaltimezone *z = NULL;

    if (r->zone_val && strcmp(r->zone_key, tzid) == 0)
        return r->zone_val;
    if (r->cal)
        z = icalcomponent_get_timezone(r->cal, tzid);
    if (!z)
        z = icaltimezone_get_builtin_timezone(tzid);
    if (!z)
        z = icaltimezone_get_builtin_timezone_from_tzid(tzid);
    icalerror_clear_errno();
    if (z && strlen(tzid) < sizeof(r->zone_key)) {
        memcpy(r->zone_key, tzid, strlen(tzid) + 1);
        r->zone_val = z;
    }
    return z;
}

/*
 * Where the value-th (0-based) value of a comma-separated list on line li
 * starts, and its length; the whole value for value 0 of a single one.
 */
static size_t list_value(const struct reader *r, size_t li, size_t value,
                         size_t *len)
{
    const struct lline *l = &r->lines[li];
    const char *s = line_text(r, li);
    size_t k = l->voff, end;

    for (; value > 0 && k < l->ulen; k++)
        if (s[k] == ',')
            value--;
    for (end = k; end < l->ulen && s[end] != ','; end++)
        ;
    *len = end - k;
    return k;
}

/* A real date (and time) in the supported years; else an error at value
 * `value` (0-based, of a list) of line li. */
static bool time_ok(struct reader *r, size_t li, size_t value,
                    struct icaltimetype t)
{
    size_t vn, off = list_value(r, li, value, &vn);
    const char *v = line_text(r, li) + off;
    bool real =
        t.month >= 1 && t.month <= 12 && t.day >= 1 &&
        t.day <= pln_month_days(t.year, t.month) &&
        (t.is_date || (t.hour >= 0 && t.hour <= 23 && t.minute >= 0 &&
                       t.minute <= 59 && t.second >= 0 && t.second <= 60));

    if (!real) {
        diag_at(r, PLN_SEV_ERROR, PLN_ERANGE, li, off,
                "'%.*s' value '%.*s' is not a real %s", NAME_ARGS(r, li),
                clip(v, vn), v, t.is_date ? "date" : "date and time");
        return false;
    }
    if (t.year < PLN_YEAR_MIN || t.year > PLN_YEAR_MAX) {
        diag_at(r, PLN_SEV_ERROR, PLN_ERANGE, li, off,
                "'%.*s' year %d is outside %d..%d", NAME_ARGS(r, li), t.year,
                PLN_YEAR_MIN, PLN_YEAR_MAX);
        return false;
    }
    return true;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* 1: the text of a DATE (YYYYMMDD), 2: of a DATE-TIME (YYYYMMDDTHHMMSS[Z]),
 * 0: neither. */
static int time_shape(const char *s, size_t n)
{
    if (n == 8 && all_digits(s, 8))
        return 1;
    if ((n == 15 || (n == 16 && s[15] == 'Z')) && all_digits(s, 8) &&
        s[8] == 'T' && all_digits(s + 9, 6))
        return 2;
    return 0;
}

/*
 * The zone of a date-time property: UTC for a 'Z' time, the TZID's zone,
 * or NULL (floating, or a date). false, with an error, for a TZID that
 * names no known zone.
 */
static bool zone_of(struct reader *r, icalproperty *p, size_t li,
                    struct icaltimetype t, icaltimezone **zone)
{
    icalparameter *tz;
    const char *tzid;

    *zone = NULL;
    if (t.is_date)
        return true;
    if (icaltime_is_utc(t)) {
        *zone = icaltimezone_get_utc_timezone();
        return true;
    }
    tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    tzid = tz ? icalparameter_get_tzid(tz) : NULL;
    if (!tzid)
        return true;
    *zone = find_zone(r, tzid);
    if (!*zone) {
        diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, li, param_offset(r, li, "TZID="),
                "unknown time zone '%.*s': no VTIMEZONE in the file and not "
                "in the time zone data",
                clip(tzid, strlen(tzid)), tzid);
        return false;
    }
    return true;
}

/*
 * The VALUE parameter as written on line li: 1 DATE, 2 DATE-TIME, 0 none or
 * another. Read from the text because libical drops a VALUE parameter that
 * does not fit the value instead of reporting it.
 */
static int declared_value(const struct reader *r, size_t li)
{
    const struct lline *l = &r->lines[li];
    const char *s = line_text(r, li);
    size_t k = l->nlen;

    while (k < l->voff - 1 && s[k] == ';') {
        size_t start = ++k, end;
        bool quoted = false;
        for (end = k; end < l->voff - 1; end++) {
            if (s[end] == '"')
                quoted = !quoted;
            else if (!quoted && s[end] == ';')
                break;
        }
        if (end - start > 6 && strncasecmp(s + start, "VALUE=", 6) == 0) {
            if (name_is(s + start + 6, end - start - 6, "DATE"))
                return 1;
            if (name_is(s + start + 6, end - start - 6, "DATE-TIME"))
                return 2;
        }
        k = end;
    }
    return 0;
}

/*
 * A single DATE or DATE-TIME property (DTSTART, DTEND, RECURRENCE-ID):
 * its text must have the basic form and the type its VALUE parameter
 * names, and its value must be a real time in the supported years.
 */
static bool read_when(struct reader *r, icalproperty *p, size_t li,
                      struct when *w)
{
    icalvalue *val = icalproperty_get_value(p);
    icalvalue_kind vk = val ? icalvalue_isa(val) : ICAL_NO_VALUE;
    size_t vn;
    const char *v = value_of(r, li, &vn);
    int shape = time_shape(v, vn), want = declared_value(r, li);
    size_t voff = r->lines[li].voff;

    if ((vk != ICAL_DATE_VALUE && vk != ICAL_DATETIME_VALUE) || shape == 0) {
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, voff,
                "'%.*s' value '%.*s' is neither a DATE (YYYYMMDD) nor a "
                "DATE-TIME (YYYYMMDDTHHMMSS)",
                NAME_ARGS(r, li), clip(v, vn), v);
        return false;
    }
    if (want && want != shape) {
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, li, voff,
                "'%.*s' value '%.*s' is not a %s as its VALUE parameter says",
                NAME_ARGS(r, li), clip(v, vn), v,
                want == 1 ? "DATE" : "DATE-TIME");
        return false;
    }
    w->t = vk == ICAL_DATE_VALUE ? icalvalue_get_date(val)
                                 : icalvalue_get_datetime(val);
    return time_ok(r, li, 0, w->t) && zone_of(r, p, li, w->t, &w->zone);
}

/* RFC 5545 3.3.6: ["+"/"-"] "P" (weeks | days ["T" time] | "T" time), the
 * time being hours [minutes [seconds]], minutes [seconds] or seconds. */
static bool duration_syntax_ok(const char *s, size_t n)
{
    size_t i = 0;
    const char *units;
    bool any = false;

    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i >= n || s[i++] != 'P')
        return false;
    if (i < n && s[i] != 'T') {
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d || i >= n || (s[i] != 'W' && s[i] != 'D'))
            return false;
        if (s[i++] == 'W')
            return i == n;
        if (i == n)
            return true;
    }
    if (i >= n || s[i++] != 'T')
        return false;
    units = "HMS";
    while (i < n) {
        size_t d = i;
        const char *u;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d || i >= n || !(u = strchr(units, s[i])) || !*u)
            return false;
        units = u + 1;
        i++;
        any = true;
    }
    return any;
}

/* ------------------------------------------------------------- output */

static bool push_item(struct reader *r, const struct pln_ics_item *it,
                      int64_t key, bool master)
{
    pln_ics_items *res = &r->res->pub;

    if (pln__grow((void **)&res->items, &r->cap_items, res->n + 1,
                  sizeof(*res->items)) != 0 ||
        pln__grow((void **)&r->extra, &r->cap_extra, res->n + 1,
                  sizeof(*r->extra)) != 0) {
        fail_oom(r);
        return false;
    }
    r->extra[res->n].key = key;
    r->extra[res->n].master = master;
    res->items[res->n++] = *it;
    return true;
}

static const char *keep(struct reader *r, const char *s)
{
    char *d;

    if (!s)
        return NULL;
    d = pln__arena_strdup(&r->res->arena, s);
    if (!d)
        fail_oom(r);
    return d;
}

/* Every CATEGORIES value of the event, joined with ','. */
static const char *categories(struct reader *r, icalcomponent *c)
{
    icalproperty *p;
    size_t len = 0, n = 0;
    char *out;

    for (p = icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_CATEGORIES_PROPERTY)) {
        const char *v = icalproperty_get_categories(p);
        if (v) {
            len += strlen(v) + 1;
            n++;
        }
    }
    if (n == 0)
        return NULL;
    out = pln__arena_alloc(&r->res->arena, len);
    if (!out) {
        fail_oom(r);
        return NULL;
    }
    len = 0;
    for (p = icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_CATEGORIES_PROPERTY)) {
        const char *v = icalproperty_get_categories(p);
        if (v) {
            size_t k = strlen(v);
            if (len)
                out[len++] = ',';
            memcpy(out + len, v, k);
            len += k;
        }
    }
    out[len] = '\0';
    return out;
}

/* --------------------------------------------------------- occurrences */

static int cmp_occ(const void *a, const void *b)
{
    const struct occ *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_date(const void *a, const void *b)
{
    pln_date x = *(const pln_date *)a, y = *(const pln_date *)b;
    return (x > y) - (x < y);
}

static bool push_occ(struct reader *r, size_t *n, int64_t start, int64_t dur)
{
    if (pln__grow((void **)&r->occ, &r->cap_occ, *n + 1, sizeof(*r->occ)) !=
        0) {
        fail_oom(r);
        return false;
    }
    r->occ[*n].start = start;
    r->occ[(*n)++].dur = dur;
    return true;
}

/* What the reading of one event has established. */
struct ev_time {
    struct when start;
    int64_t dur; /* seconds; all-day events: a positive multiple of a day
                    unless given by DURATION */
    bool all_day;
};

/*
 * Expands the RRULE into r->occ (appending to *n): occurrences that may
 * overlap the horizon, from a window a little wider than the horizon so
 * that converting to the target zone cannot lose one. false after an error.
 */
static bool expand_rrule(struct reader *r, const struct event *ev,
                         const struct ev_time *et, size_t *n, size_t limit)
{
    struct icalrecurrencetype rule = icalproperty_get_rrule(ev->rrule);
    struct icaltimetype dtstart = et->start.t;
    int64_t lo = ((int64_t)r->hfirst - 2) * DAY;
    int64_t hi = ((int64_t)r->hlast + 3) * DAY;
    icalrecur_iterator *it;
    size_t in_window = 0;
    long steps = 0, yielded = 0,
         max_yield = rule.count > 0 ? rule.count : LONG_MAX;
    size_t voff = r->lines[ev->rrule_li].voff;

    if (!icaltime_is_null_time(rule.until) &&
        !time_ok(r, ev->rrule_li, 0, rule.until))
        return false;
    dtstart.zone = et->start.zone;
    icalerror_clear_errno();
    it = icalrecur_iterator_new(rule, dtstart);
    if (!it) {
        size_t vn;
        const char *v = value_of(r, ev->rrule_li, &vn);
        if (icalerrno == ICAL_NEWFAILED_ERROR ||
            icalerrno == ICAL_ALLOCATION_ERROR) {
            fail_oom(r);
            return false;
        }
        diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, ev->rrule_li, voff,
                "'RRULE' value '%.*s' cannot be expanded", clip(v, vn), v);
        icalerror_clear_errno();
        return false;
    }
    /* Jump to the horizon when the rule allows it (not with COUNT, which
     * counts from DTSTART); libical refuses some starts, then iterate. */
    if (rule.count == 0 && lo - et->dur > wall(dtstart)) {
        struct icaltimetype from =
            from_wall(lo - et->dur, dtstart.is_date, et->start.zone);
        if (!icalrecur_iterator_set_start(it, from)) {
            icalrecur_iterator_free(it);
            it = icalrecur_iterator_new(rule, dtstart);
            if (!it) {
                fail_oom(r);
                return false;
            }
        }
    }
    for (;;) {
        struct icaltimetype t = icalrecur_iterator_next(it);
        int64_t s;

        if (icaltime_is_null_time(t))
            break;
        if (++steps > ICS_MAX_STEPS || ++r->steps > ICS_MAX_STEPS_TOTAL) {
            diag_at(r, PLN_SEV_ERROR, PLN_ETOOBIG, ev->rrule_li, voff,
                    "'RRULE' needs more than %ld steps to reach the horizon",
                    steps > ICS_MAX_STEPS ? ICS_MAX_STEPS
                                          : ICS_MAX_STEPS_TOTAL);
            icalrecur_iterator_free(it);
            return false;
        }
        s = wall(t);
        /* COUNT includes DTSTART (RFC 5545 3.8.5.3); libical counts only
         * the dates that match the rule, so one fewer when it skipped
         * DTSTART. */
        if (++yielded == 1 && s != wall(dtstart) && rule.count > 0)
            max_yield = rule.count - 1;
        if (yielded > max_yield || s > hi)
            break;
        if (s + et->dur < lo)
            continue;
        if (++in_window > limit) {
            diag_at(r, PLN_SEV_ERROR, PLN_ETOOBIG, ev->rrule_li, voff,
                    "'RRULE' has more than %d occurrences in the horizon",
                    PLN_ICS_MAX_OCCURRENCES);
            icalrecur_iterator_free(it);
            return false;
        }
        if (!push_occ(r, n, s, et->dur)) {
            icalrecur_iterator_free(it);
            return false;
        }
    }
    icalrecur_iterator_free(it);
    return true;
}

/* RDATEs: dates, date-times or periods, of DTSTART's type. */
static bool add_rdates(struct reader *r, const struct ev_time *et, size_t *n)
{
    for (size_t i = 0, value = 0; i < r->n_rdates; i++) {
        icalproperty *p = r->rdates[i].p;
        size_t li = r->rdates[i].li;
        struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);
        bool period = !icaltime_is_null_time(dp.period.start);
        struct icaltimetype t = period ? dp.period.start : dp.time;
        int64_t dur = et->dur, s;
        icaltimezone *zone;

        /* libical makes one property per value of a line. */
        value = i > 0 && r->rdates[i - 1].li == li ? value + 1 : 0;
        if (!time_ok(r, li, value, t) || !zone_of(r, p, li, t, &zone))
            return false;
        if ((bool)t.is_date != et->all_day) {
            diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, li, r->lines[li].voff,
                    "'RDATE' must be a %s like 'DTSTART'",
                    et->all_day ? "DATE" : "DATE-TIME");
            return false;
        }
        if (period) {
            if (!icaltime_is_null_time(dp.period.end)) {
                if (!time_ok(r, li, value, dp.period.end))
                    return false;
                dur = wall(dp.period.end) - wall(t);
            } else {
                dur = icaldurationtype_as_int(dp.period.duration);
            }
            if (dur < 0) {
                diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, li, r->lines[li].voff,
                        "'RDATE' period ends before it starts");
                return false;
            }
        }
        s = convert(wall(t), zone, et->start.zone);
        if (!push_occ(r, n, s, dur))
            return false;
    }
    return true;
}

/* EXDATEs as sorted wall times in DTSTART's zone and sorted dates. */
static bool read_exdates(struct reader *r, const struct ev_time *et,
                         size_t *n_time, size_t *n_date)
{
    *n_time = *n_date = 0;
    for (size_t i = 0, value = 0; i < r->n_exdates; i++) {
        icalproperty *p = r->exdates[i].p;
        size_t li = r->exdates[i].li;
        struct icaltimetype t = icalproperty_get_exdate(p);
        icaltimezone *zone;

        value = i > 0 && r->exdates[i - 1].li == li ? value + 1 : 0;
        if (!time_ok(r, li, value, t) || !zone_of(r, p, li, t, &zone))
            return false;
        if (t.is_date || et->all_day) {
            if (pln__grow((void **)&r->ex_date, &r->cap_ex_date, *n_date + 1,
                          sizeof(*r->ex_date)) != 0) {
                fail_oom(r);
                return false;
            }
            r->ex_date[(*n_date)++] =
                day_of(convert(wall(t), zone, et->start.zone));
        } else {
            if (pln__grow((void **)&r->ex_time, &r->cap_ex_time, *n_time + 1,
                          sizeof(*r->ex_time)) != 0) {
                fail_oom(r);
                return false;
            }
            r->ex_time[(*n_time)++] = convert(wall(t), zone, et->start.zone);
        }
    }
    if (*n_time > 1)
        qsort(r->ex_time, *n_time, sizeof(*r->ex_time), cmp_i64);
    if (*n_date > 1)
        qsort(r->ex_date, *n_date, sizeof(*r->ex_date), cmp_date);
    return true;
}

/* The inclusive local dates an occurrence covers. */
static void occ_dates(struct reader *r, const struct ev_time *et,
                      const struct occ *o, pln_date *first, pln_date *last)
{
    int64_t s, e;

    if (et->all_day) {
        *first = day_of(o->start);
        *last = day_of(o->start + (o->dur > 0 ? o->dur - 1 : 0));
        return;
    }
    s = convert(o->start, et->start.zone, r->target);
    e = o->dur > 0 ? convert(o->start + o->dur, et->start.zone, r->target) - 1
                   : s;
    *first = day_of(s);
    *last = day_of(e < s ? s : e);
}

/* ------------------------------------------------------------- events */

/* Remembers that the event `uid` (a string of the arena) replaces its
 * occurrence at `key`. */
static bool add_override(struct reader *r, const char *uid, int64_t key)
{
    if (!uid)
        return false;
    if (pln__grow((void **)&r->ovr, &r->cap_ovr, r->n_ovr + 1,
                  sizeof(*r->ovr)) != 0) {
        fail_oom(r);
        return false;
    }
    r->ovr[r->n_ovr].uid = uid;
    r->ovr[r->n_ovr++].key = key;
    return true;
}

/* DTEND or DURATION (or neither) as a length in seconds. */
static bool read_length(struct reader *r, const struct event *ev,
                        struct ev_time *et)
{
    if (ev->dtend && ev->duration) {
        diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, ev->duration_li, 0,
                "an event may have 'DTEND' or 'DURATION', not both");
        return false;
    }
    if (ev->dtend) {
        struct when e;
        if (!read_when(r, ev->dtend, ev->dtend_li, &e))
            return false;
        if ((bool)e.t.is_date != et->all_day) {
            diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, ev->dtend_li,
                    r->lines[ev->dtend_li].voff,
                    "'DTEND' must be a %s like 'DTSTART'",
                    et->all_day ? "DATE" : "DATE-TIME");
            return false;
        }
        et->dur =
            convert(wall(e.t), e.zone, et->start.zone) - wall(et->start.t);
        if (et->dur <= 0) {
            diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, ev->dtend_li,
                    r->lines[ev->dtend_li].voff,
                    "'DTEND' is not after 'DTSTART'");
            return false;
        }
        return true;
    }
    if (ev->duration) {
        size_t vn;
        const char *v = value_of(r, ev->duration_li, &vn);
        size_t voff = r->lines[ev->duration_li].voff;
        if (!duration_syntax_ok(v, vn)) {
            diag_at(r, PLN_SEV_ERROR, PLN_ESYNTAX, ev->duration_li, voff,
                    "'DURATION' value '%.*s' is not a valid DURATION",
                    clip(v, vn), v);
            return false;
        }
        et->dur =
            icaldurationtype_as_int(icalproperty_get_duration(ev->duration));
        if (et->dur < 0 || (et->all_day && et->dur == 0)) {
            diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, ev->duration_li, voff,
                    "'DURATION' must be positive: the event would end "
                    "before it starts");
            return false;
        }
        return true;
    }
    /* RFC 5545 3.6.1: one day for a date, an instant for a date-time. */
    et->dur = et->all_day ? DAY : 0;
    return true;
}

/* The items of one parsed VEVENT, lines [begin, end], parsed with markers
 * when `markers`. */
static void read_event(struct reader *r, icalcomponent *c, size_t begin,
                       size_t end, bool markers)
{
    struct event ev;
    struct ev_time et;
    struct pln_ics_item item;
    size_t n = 0, n_time, n_date, kept = 0, limit;
    bool recurring, master;
    int64_t rid_key = 0;

    memset(&ev, 0, sizeof(ev));
    memset(&et, 0, sizeof(et));
    ev.begin = begin;
    ev.line = r->lines[begin].line;
    r->n_rdates = r->n_exdates = 0;
    if (markers)
        ev.failed = walk(r, c, &ev, true);
    else
        collect_by_name(r, &ev, c, end);
    if (r->oom)
        return;
    if (ev.status &&
        icalproperty_get_status(ev.status) == ICAL_STATUS_CANCELLED) {
        /* A cancelled RECURRENCE-ID event still takes its occurrence out
         * of the series (this is how one meeting of a series is called
         * off). */
        if (ev.recurid && ev.uid && !(ev.failed & F_RECURID)) {
            struct when w;
            if (read_when(r, ev.recurid, ev.recurid_li, &w))
                add_override(r, keep(r, icalproperty_get_uid(ev.uid)),
                             instant(wall(w.t), w.zone));
        }
        diag_at(r, PLN_SEV_WARNING, PLN_OK, begin, 0,
                "cancelled event skipped");
        return;
    }
    if (!ev.dtstart) {
        if (!(ev.failed & F_DTSTART))
            diag_at(r, PLN_SEV_ERROR, PLN_EINVAL, begin, 0,
                    "event has no 'DTSTART'");
        return;
    }
    if (ev.failed & ~(unsigned)F_OTHER)
        return;
    if (!read_when(r, ev.dtstart, ev.dtstart_li, &et.start))
        return;
    et.all_day = et.start.t.is_date;
    if (!read_length(r, &ev, &et))
        return;
    if (ev.recurid) {
        struct when w;
        if (!read_when(r, ev.recurid, ev.recurid_li, &w))
            return;
        rid_key = instant(wall(w.t), w.zone);
    }
    recurring = ev.rrule || r->n_rdates || ev.recurid;
    master = (ev.rrule || r->n_rdates) && !ev.recurid;

    if (!push_occ(r, &n, wall(et.start.t), et.dur))
        return;
    if (!read_exdates(r, &et, &n_time, &n_date))
        return;
    limit = 2 * (size_t)PLN_ICS_MAX_OCCURRENCES + n_time + n_date;
    if (ev.rrule && !expand_rrule(r, &ev, &et, &n, limit))
        return;
    if (!add_rdates(r, &et, &n))
        return;
    if (n > 1)
        qsort(r->occ, n, sizeof(*r->occ), cmp_occ);

    memset(&item, 0, sizeof(item));
    item.uid = ev.uid ? keep(r, icalproperty_get_uid(ev.uid)) : NULL;
    item.summary = keep(r, ev.summary && icalproperty_get_summary(ev.summary)
                               ? icalproperty_get_summary(ev.summary)
                               : "");
    item.description =
        ev.description ? keep(r, icalproperty_get_description(ev.description))
                       : NULL;
    item.categories = categories(r, c);
    if (r->oom)
        return;
    item.all_day = et.all_day;
    item.transparent = ev.transp && icalproperty_get_transp(ev.transp) ==
                                        ICAL_TRANSP_TRANSPARENT;
    item.line = ev.line;

    if (ev.recurid && item.uid && !add_override(r, item.uid, rid_key))
        return;
    for (size_t i = 0; i < n; i++) {
        const struct occ *o = &r->occ[i];
        if (i > 0 && o->start == r->occ[i - 1].start)
            continue; /* an RDATE or DTSTART the RRULE gives too */
        if (n_time && bsearch(&o->start, r->ex_time, n_time,
                              sizeof(*r->ex_time), cmp_i64))
            continue;
        if (n_date) {
            pln_date d = day_of(o->start);
            if (bsearch(&d, r->ex_date, n_date, sizeof(*r->ex_date), cmp_date))
                continue;
        }
        occ_dates(r, &et, o, &item.first, &item.last);
        if (recurring && (item.last < r->hfirst || item.first > r->hlast))
            continue;
        if (++kept > PLN_ICS_MAX_OCCURRENCES) {
            size_t li = ev.rrule ? ev.rrule_li : begin;
            diag_at(r, PLN_SEV_ERROR, PLN_ETOOBIG, li,
                    ev.rrule ? r->lines[li].voff : 0,
                    "event has more than %d occurrences in the horizon",
                    PLN_ICS_MAX_OCCURRENCES);
            return;
        }
        if (!push_item(r, &item, master ? instant(o->start, et.start.zone) : 0,
                       master))
            return;
    }
}

static int cmp_ovr(const void *a, const void *b)
{
    const struct override *x = a, *y = b;
    int c = strcmp(x->uid, y->uid);
    return c ? c : (x->key > y->key) - (x->key < y->key);
}

/* Drops the occurrences of recurring events that a RECURRENCE-ID event of
 * the same UID replaces. */
static void apply_overrides(struct reader *r)
{
    pln_ics_items *res = &r->res->pub;
    size_t j = 0;

    if (r->n_ovr == 0)
        return;
    qsort(r->ovr, r->n_ovr, sizeof(*r->ovr), cmp_ovr);
    for (size_t i = 0; i < res->n; i++) {
        struct override key;
        if (r->extra[i].master && res->items[i].uid) {
            key.uid = res->items[i].uid;
            key.key = r->extra[i].key;
            if (bsearch(&key, r->ovr, r->n_ovr, sizeof(*r->ovr), cmp_ovr))
                continue;
        }
        res->items[j++] = res->items[i];
    }
    res->n = j;
}

/*
 * Reports the problems of the calendar's own properties and VTIMEZONEs, and
 * takes the VTIMEZONEs with problems out: none of their rules is used.
 */
static void check_calendar(struct reader *r)
{
    icalcomponent *sub, **bad = NULL;
    size_t n_bad = 0, cap_bad = 0;

    walk(r, r->cal, NULL, false);
    for (sub = icalcomponent_get_first_component(r->cal, ICAL_ANY_COMPONENT);
         sub;
         sub = icalcomponent_get_next_component(r->cal, ICAL_ANY_COMPONENT)) {
        if (!walk(r, sub, NULL, true))
            continue;
        if (pln__grow((void **)&bad, &cap_bad, n_bad + 1, sizeof(*bad)) != 0) {
            fail_oom(r);
            break;
        }
        bad[n_bad++] = sub;
    }
    for (size_t i = 0; i < n_bad; i++) {
        icalcomponent_remove_component(r->cal, bad[i]);
        icalcomponent_free(bad[i]);
    }
    pln__free(bad);
}

/* Reads the calendar's properties and VTIMEZONEs, then every VEVENT. */
static void read_calendar(struct reader *r)
{
    r->parser = icalparser_new();
    if (!r->parser) {
        fail_oom(r);
        return;
    }
    r->cal = feed(r, r->cal_begin, r->cal_end, true, true);
    if (!r->cal)
        return;
    check_calendar(r);
    for (size_t k = 0; k < r->n_kids && !r->oom; k++) {
        const struct child *kid = &r->kids[k];
        size_t n;
        const char *v = value_of(r, kid->begin, &n);
        icalcomponent *c;

        if (is_component(r, kid->begin, "VTIMEZONE"))
            continue;
        if (!is_component(r, kid->begin, "VEVENT")) {
            diag_at(r, PLN_SEV_WARNING, PLN_OK, kid->begin,
                    r->lines[kid->begin].voff,
                    "'%.*s' ignored: only "
                    "VEVENTs are read",
                    clip(v, n), v);
            continue;
        }
        /* Markers cost libical a lookup each: an event is parsed without
         * them, and again with them only when libical finds an error. */
        c = feed(r, kid->begin, kid->end, false, false);
        if (c && has_errors(c)) {
            icalcomponent_free(c);
            c = feed(r, kid->begin, kid->end, false, true);
            if (c)
                read_event(r, c, kid->begin, kid->end, true);
        } else if (c) {
            read_event(r, c, kid->begin, kid->end, false);
        }
        if (!c)
            return;
        icalcomponent_free(c);
    }
    if (!r->oom)
        apply_overrides(r);
}

/* ---------------------------------------------------------------- API */

static void reader_release(struct reader *r)
{
    if (r->cal)
        icalcomponent_free(r->cal);
    if (r->parser)
        icalparser_free(r->parser);
    pln__free(r->ubuf);
    pln__free(r->lines);
    pln__free(r->kids);
    pln__free(r->extra);
    pln__free(r->ovr);
    pln__free(r->occ);
    pln__free(r->ex_time);
    pln__free(r->ex_date);
    pln__free(r->rdates);
    pln__free(r->exdates);
    pln_diags_release(&r->diags);
}

void pln_ics_items_free(pln_ics_items *items)
{
    struct ics_result *res = (struct ics_result *)items;

    if (!res)
        return;
    pln__free(res->pub.items);
    pln__arena_release(&res->arena);
    pln__free(res);
}

/* Hands the collected diagnostics, in file order, to the caller. */
static void flush_diags(struct reader *r, pln_diags *diags)
{
    pln_diags_sort(&r->diags);
    for (size_t i = 0; i < r->diags.count; i++) {
        const struct pln_diag *d = &r->diags.items[i];
        pln_diags_add(diags, d->severity, d->code, d->source, d->line,
                      d->column, "%s", d->message);
    }
}

static bool args_ok(struct reader *r, const char *data, size_t len,
                    const char *timezone, pln_ics_items **out)
{
    if (!out || (!data && len)) {
        diag_pos(r, PLN_SEV_ERROR, PLN_EINVAL, 0, 0,
                 "no input or no output pointer");
        return false;
    }
    if (r->hfirst == PLN_DATE_NONE || r->hlast == PLN_DATE_NONE ||
        r->hfirst > r->hlast) {
        diag_pos(r, PLN_SEV_ERROR, PLN_EINVAL, 0, 0, "the horizon is empty");
        return false;
    }
    if (len > PLN_ICS_MAX_BYTES) {
        diag_pos(r, PLN_SEV_ERROR, PLN_ETOOBIG, 0, 0,
                 "iCalendar file larger than %u MiB", PLN_ICS_MAX_BYTES >> 20);
        return false;
    }
    if (!timezone || strcmp(timezone, "UTC") == 0) {
        r->target = icaltimezone_get_utc_timezone();
    } else {
        r->target = icaltimezone_get_builtin_timezone(timezone);
        icalerror_clear_errno();
        if (!r->target) {
            diag_pos(r, PLN_SEV_ERROR, PLN_EINVAL, 0, 0,
                     "time zone '%s' is not in the time zone data", timezone);
            return false;
        }
    }
    return true;
}

pln_status pln_ics_read_buffer(const char *source, const char *data, size_t len,
                               const char *timezone, pln_date horizon_first,
                               pln_date horizon_last, pln_ics_items **out,
                               pln_diags *diags)
{
    struct reader r;
    icalerrorstate es;
    pln_status st;

    if (out)
        *out = NULL;
    memset(&r, 0, sizeof(r));
    pln_diags_init(&r.diags);
    r.source = source ? source : "<ics>";
    r.hfirst = horizon_first;
    r.hlast = horizon_last;

    /* libical's default may abort() on errors; a library must not. */
    icalerror_set_errors_are_fatal(0);
    es = icalerror_get_error_state(ICAL_MALFORMEDDATA_ERROR);
    icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, ICAL_ERROR_NONFATAL);
    icalerror_clear_errno();

    if (args_ok(&r, data, len, timezone, out)) {
        if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
            data += 3;
            len -= 3;
        }
        r.data = data ? data : "";
        r.len = len;
        r.res = pln__malloc(sizeof(*r.res));
        if (!r.res) {
            fail_oom(&r);
        } else {
            memset(r.res, 0, sizeof(*r.res));
            pln__arena_init(&r.res->arena);
            if (scan(&r))
                read_calendar(&r);
        }
    }
    icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, es);
    icalerror_clear_errno();

    st = r.oom ? PLN_ENOMEM : r.first_code;
    flush_diags(&r, diags);
    if (st == PLN_OK) {
        *out = &r.res->pub;
        r.res = NULL;
    }
    pln_ics_items_free(r.res ? &r.res->pub : NULL);
    reader_release(&r);
    return st;
}

pln_status pln_ics_read_file(const char *path, const char *timezone,
                             pln_date horizon_first, pln_date horizon_last,
                             pln_ics_items **out, pln_diags *diags)
{
    FILE *f;
    struct stat sb;
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    pln_status st;

    if (out)
        *out = NULL;
    if (!path || !out) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EINVAL, path, 0, 0,
                      "no path or no output pointer");
        return PLN_EINVAL;
    }
    f = fopen(path, "rb");
    if (!f) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EIO, path, 0, 0,
                      "cannot open: %s", strerror(errno));
        return PLN_EIO;
    }
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) &&
        sb.st_size > (off_t)PLN_ICS_MAX_BYTES) {
        fclose(f);
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_ETOOBIG, path, 0, 0,
                      "iCalendar file larger than %u MiB",
                      PLN_ICS_MAX_BYTES >> 20);
        return PLN_ETOOBIG;
    }
    /* Read one byte past the limit (pipes have no size to check). */
    do {
        if (len == cap) {
            size_t want = cap ? cap * 2 : 65536;
            char *p;
            if (want > (size_t)PLN_ICS_MAX_BYTES + 1)
                want = (size_t)PLN_ICS_MAX_BYTES + 1;
            if (want <= cap)
                break;
            p = pln__realloc(buf, want);
            if (!p) {
                fclose(f);
                pln__free(buf);
                pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, path, 0, 0,
                              "out of memory");
                return PLN_ENOMEM;
            }
            buf = p;
            cap = want;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        pln__free(buf);
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EIO, path, 0, 0,
                      "cannot read: %s", strerror(e));
        return PLN_EIO;
    }
    fclose(f);
    st = pln_ics_read_buffer(path, buf, len, timezone, horizon_first,
                             horizon_last, out, diags);
    pln__free(buf);
    return st;
}
