/*
 * pln_calendar.h -- working-time calendars and iCalendar output.
 *
 * A pln_calset compiles every calendar of a model over one date horizon into
 * day tables, so that the questions the scheduler asks ("is this a working
 * day", "how many working days lie before this date", "which date is the
 * k-th working day") are O(1) array lookups. Indices count working days from
 * the first day of the horizon, so a task's start/finish are plain integers
 * in its own calendar.
 *
 * The iCalendar part takes a neutral description of a calendar (events with
 * all-day dates, reminders) and renders it with libical; only this module
 * includes libical.
 */
#ifndef PLN_CALENDAR_H
#define PLN_CALENDAR_H

#include "pln_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --------------------------------------------------- bundled holiday data */

/* One day of the bundled Chinese public holiday data. */
struct pln_holiday_day {
    pln_date date;
    bool off;         /* true: statutory day off; false: make-up working day */
    const char *name; /* holiday name, UTF-8 (e.g. "春节") */
};

/*
 * The bundled days of one notice year (State Council notice of that year;
 * it may list a date of the previous December). Returns the number of days
 * and sets *days to static data, or returns 0 when the year is not bundled.
 */
PLN_API size_t pln_holidays_cn_year(int year,
                                    const struct pln_holiday_day **days);
/* First and last notice year bundled. */
PLN_API void pln_holidays_cn_range(int *first, int *last);

/* -------------------------------------------------- compiled calendars */

typedef struct pln_calset pln_calset;

/*
 * Compiles every calendar of `m` over the inclusive horizon [first, last].
 * Returns PLN_OK, PLN_ENOMEM, or PLN_ERANGE when the horizon is empty or
 * longer than PLN_CALSET_MAX_DAYS. On failure *out is NULL.
 */
#define PLN_CALSET_MAX_DAYS (400 * 366)
PLN_API pln_status pln_calset_build(const pln_model *m, pln_date first,
                                    pln_date last, pln_calset **out,
                                    pln_error *err);
PLN_API void pln_calset_free(pln_calset *cs);

PLN_API pln_date pln_calset_first(const pln_calset *cs);
PLN_API pln_date pln_calset_last(const pln_calset *cs);

/*
 * Per-calendar queries; `cal` is an index into pln_model.calendars and must
 * be valid. Dates outside the horizon are the caller's to avoid: query
 * functions clamp them and pln_calset_in_range() tells whether a date lies in
 * [first, last + 1].
 */
PLN_API bool pln_calset_in_range(const pln_calset *cs, pln_date d);
PLN_API bool pln_calset_is_working(const pln_calset *cs, int cal, pln_date d);
/* W(d): the number of working days in [first, d); d in [first, last + 1]. */
PLN_API int32_t pln_calset_count_before(const pln_calset *cs, int cal,
                                        pln_date d);
/* Total working days of `cal` in the horizon. */
PLN_API int32_t pln_calset_size(const pln_calset *cs, int cal);
/* The date of the k-th working day (0-based); k in [0, size). */
PLN_API pln_date pln_calset_nth(const pln_calset *cs, int cal, int32_t k);

/*
 * Years in [from_year, to_year] in which calendar `cal` uses public holidays
 * (PLN_HOLIDAYS_CN) but neither the bundled data nor a `years` entry of its
 * extends chain covers the year. Calls `fn` once per missing year with the
 * calendar index; returns how many were found.
 */
PLN_API size_t pln_calset_missing_holiday_years(
    const pln_model *m, int cal, int from_year, int to_year,
    void (*fn)(void *ctx, int cal, int year), void *ctx);

/* ------------------------------------------------------ iCalendar in */

/*
 * The model loader's import hook (struct pln_load_options): reads an
 * iCalendar file with pln_ics_read_file() (pln_ics_read.h) and hands its
 * events over; release them with pln_ics_import_release().
 */
PLN_API pln_status pln_ics_import(void *ud, const char *path,
                                  const char *timezone, pln_date from,
                                  pln_date to,
                                  const struct pln_import_event **events,
                                  size_t *n, void **owner, pln_diags *diags);
PLN_API void pln_ics_import_release(void *owner);

/* -------------------------------------------------------- iCalendar out */

/* A reminder: a DISPLAY alarm at 09:00 local time `days` days before the
 * event's start (a to-do's due date), with its own text. */
struct pln_ics_alarm {
    int days;
    const char *description; /* required, user text */
};

/*
 * A recurrence: every week on `weekday` (0 = Monday) or every month on day
 * `monthday` (1..31, or -1 for the last day), the first occurrence being the
 * event's start, the last on or before `until`.
 */
enum pln_ics_freq { PLN_ICS_WEEKLY = 1, PLN_ICS_MONTHLY };
struct pln_ics_rrule {
    enum pln_ics_freq freq;
    int weekday;
    int monthday;
    pln_date until; /* inclusive */
};

enum pln_ics_component { PLN_ICS_VEVENT = 0, PLN_ICS_VTODO };

/*
 * One event, or a to-do. By default an all-day VEVENT: DTSTART = start,
 * DTEND = end (exclusive), as DATEs. `timed` makes it start at `minute` of
 * the start day in the calendar's time zone and last `duration` minutes
 * (with a VTIMEZONE for that zone). A VTODO has DUE = start (a DATE) and
 * no DTSTART; its alarms count back from DUE.
 */
struct pln_ics_event {
    const char *uid;         /* required, stable across runs */
    const char *summary;     /* required, user text: escaped on output */
    const char *description; /* may be NULL */
    const char *location;    /* may be NULL */
    const char *categories;  /* may be NULL; one category */
    enum pln_ics_component component;
    pln_date start;
    pln_date end; /* exclusive; > start (all-day VEVENT only) */
    bool timed;
    int minute;   /* 0..1439, when timed */
    int duration; /* minutes, >= 1, when timed */
    const struct pln_ics_rrule *rrule; /* may be NULL */
    const pln_date *exdates;           /* occurrences left out */
    size_t n_exdates;
    const pln_date *rdates; /* occurrences added */
    size_t n_rdates;
    const struct pln_ics_alarm *alarms;
    size_t n_alarms;
    int sequence;     /* SEQUENCE, >= 0 */
    bool has_modified;
    int64_t modified; /* LAST-MODIFIED (seconds since epoch, UTC) */
    bool cancelled;   /* STATUS:CANCELLED */
    bool transparent; /* TRANSP:TRANSPARENT (does not block time) */
};

struct pln_ics_calendar {
    const char *prodid;      /* required */
    const char *name;        /* NAME and X-WR-CALNAME; may be NULL */
    const char *description; /* DESCRIPTION and X-WR-CALDESC; may be NULL */
    const char *color;       /* a CSS3 colour name (COLOR) or NULL */
    const char *color_hex;   /* its "#rrggbb" (X-APPLE-CALENDAR-COLOR) */
    const char *timezone;    /* IANA name: X-WR-TIMEZONE, and the zone of
                                timed events (then required) */
    int refresh_days;        /* REFRESH-INTERVAL for subscribers; 0 = none */
    int64_t dtstamp;      /* seconds since epoch, UTC: DTSTAMP of every event */
    const struct pln_ics_event *events;
    size_t n_events;
};

/*
 * Renders a VCALENDAR (VERSION:2.0, METHOD:PUBLISH, CALSCALE:GREGORIAN) with
 * one VEVENT or VTODO per event, in the given order, and a VTIMEZONE (from
 * libical's zone data, cut to the years the events span) when an event is
 * timed. Lines are CRLF-terminated and
 * folded at 75 octets without splitting a UTF-8 character. On success *out
 * is a NUL-terminated string the caller frees with free() and *len its
 * length. Returns PLN_OK, PLN_ENOMEM, or PLN_EINVAL (with err) for an event
 * without uid/summary, an end not after start, invalid UTF-8, a bad
 * recurrence, or a time zone libical does not know.
 */
PLN_API pln_status pln_ics_render(const struct pln_ics_calendar *cal,
                                  char **out, size_t *len, pln_error *err);

#ifdef __cplusplus
}
#endif
#endif
