/*
 * pln_ics_read.h -- reading iCalendar (RFC 5545) files into a neutral list
 * of dated items: the days an event covers, its texts and where it was
 * written. Holiday feeds (all-day events are days off, some mark make-up
 * working days) and calendars whose events name sites and deadlines are
 * both read this way; what an item means is the caller's business.
 */
#ifndef PLN_ICS_READ_H
#define PLN_ICS_READ_H

#include "pln_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Input limits: bytes per file, and occurrences of one event that fall in
 * the horizon. */
#define PLN_ICS_MAX_BYTES (32u << 20)
#define PLN_ICS_MAX_OCCURRENCES 10000

/*
 * One occurrence of one VEVENT. Strings are UTF-8 with the iCalendar
 * escapes undone, borrowed from the list (valid until
 * pln_ics_items_free()); occurrences of one event share them.
 */
struct pln_ics_item {
    const char *uid;         /* NULL when absent */
    const char *summary;     /* "" when absent */
    const char *description; /* NULL when absent */
    const char *categories;  /* every CATEGORIES value joined with ",";
                                NULL when absent */
    pln_date first, last;    /* inclusive local dates the occurrence covers */
    bool all_day;            /* DTSTART was a DATE */
    bool transparent;        /* TRANSP:TRANSPARENT */
    int line;                /* 1-based line of the event's BEGIN:VEVENT */
};

/* The items of one file, in file order; the occurrences of a recurring
 * event are consecutive, in date order. Allocated by the reader. */
typedef struct pln_ics_items {
    struct pln_ics_item *items;
    size_t n;
} pln_ics_items;

/*
 * Reads the VEVENTs of one VCALENDAR held in `data` (`len` bytes, need not
 * be NUL-terminated; a leading UTF-8 byte order mark is skipped).
 *
 * Dates. An all-day event (DTSTART;VALUE=DATE) covers DTSTART up to the day
 * before DTEND, or the days its DURATION touches, or one day. A timed event
 * covers the local dates, in `timezone` (an IANA name; NULL means UTC), of
 * its start and of one second before its end: UTC times and times with a
 * TZID (a VTIMEZONE of the file, else libical's zone data) are converted,
 * floating times are taken as written. An event 09:00-10:00 covers one day.
 *
 * Recurrence. DTSTART, RRULE and RDATE occurrences minus EXDATE ones (and
 * minus those an event with the same UID and a RECURRENCE-ID replaces or,
 * with STATUS:CANCELLED, calls off) are kept when they overlap
 * [horizon_first, horizon_last]; so are RECURRENCE-ID events themselves.
 * Events that do not recur are always kept, whatever their dates. More
 * than PLN_ICS_MAX_OCCURRENCES occurrences of one event in the horizon is
 * an error, and so is a rule that takes libical too many steps to reach
 * the horizon. A VTIMEZONE's rules must be yearly.
 *
 * Skipped, with a warning: events with STATUS:CANCELLED, VTODO, VJOURNAL
 * and other components, unknown properties and components. Empty TEXT
 * values read as absent.
 *
 * Every problem is appended to `diags` (which may be NULL) with `source`
 * (the name used in messages), the 1-based line and the 1-based byte
 * column in the file, in file order; a file too large or unreadable and
 * bad arguments have line 0. Returns PLN_OK and sets *out to a list the
 * caller frees with pln_ics_items_free(), or returns the code of the first
 * error in file order and sets *out to NULL: PLN_ESYNTAX (not UTF-8, a NUL
 * byte, bad structure or content line, a value that does not parse),
 * PLN_EINVAL (no DTSTART, DTEND not after DTSTART, an unknown time zone,
 * a bad argument), PLN_ERANGE (no such date, a year outside
 * PLN_YEAR_MIN..PLN_YEAR_MAX), PLN_ETOOBIG (more than PLN_ICS_MAX_BYTES,
 * too many occurrences or steps) or PLN_ENOMEM.
 *
 * libical's error settings are process-wide: the call makes its errors
 * non-fatal (icalerror_set_errors_are_fatal(0)) and is not safe to run
 * while another thread changes them.
 */
PLN_API pln_status pln_ics_read_buffer(const char *source, const char *data,
                                       size_t len, const char *timezone,
                                       pln_date horizon_first,
                                       pln_date horizon_last,
                                       pln_ics_items **out, pln_diags *diags);

/* Same, from a file; `path` names it in messages. A file that cannot be
 * opened or read is PLN_EIO with the system's reason. */
PLN_API pln_status pln_ics_read_file(const char *path, const char *timezone,
                                     pln_date horizon_first,
                                     pln_date horizon_last, pln_ics_items **out,
                                     pln_diags *diags);

/* Frees a list and every string it holds; NULL does nothing. */
PLN_API void pln_ics_items_free(pln_ics_items *items);

#ifdef __cplusplus
}
#endif
#endif
