/*
 * export_int.h -- what the calendar export's files share: the days each
 * crew is booked where (crew_booking.c) and the dates of recurring things
 * (recur.c). Library-internal.
 */
#ifndef PLN_EXPORT_INT_H
#define PLN_EXPORT_INT_H

#include <stdint.h>

#include "pln_planner.h"

/*
 * One run of consecutive calendar days on which a crew kind (unit < 0) or
 * one named crew (unit >= 0) works at one site: never across a day off.
 * `tasks` lists the site's tasks it works on in the run (by start), `most`
 * the largest number of crews of the kind there on one day of the run.
 */
struct pln_booking {
    int crew; /* index into pln_model.crews */
    int unit; /* index into that crew's units, -1 for the whole kind */
    int site;
    int ordinal; /* 1-based: the n-th run of this crew (or unit) here */
    pln_date first, last;
    int days; /* = last - first + 1: every day of a run is worked */
    int most;
    int *tasks;
    size_t n_tasks;
};

struct pln_bookings {
    struct pln_booking *items; /* by crew, unit (kind first), first day,
                                  site */
    size_t n;
    /* Named crews: owner[k][u * ndays + x] is the task crew u of kind k
     * works on date first + x, or -1 (NULL for kinds without units). */
    int **owner;
    size_t n_owner;
    pln_date first;
    size_t ndays;
    int *task_store; /* backing store of the runs' task lists */
};

/* The named crews of kind k that work on task j, in order; their count. */
size_t pln__task_units(const pln_schedule *s, const struct pln_bookings *b,
                       int k, int j, int *units, size_t max);

/* Computes every run of every crew kind, and of every named crew after
 * giving the named crews their work day by day (crew_booking.c).
 * PLN_ESOLVER when a day needs more crews than the kind has: the schedule
 * then overbooks it. */
pln_status pln__bookings_build(const pln_schedule *s, struct pln_bookings *b,
                               pln_error *err);
void pln__bookings_release(struct pln_bookings *b);

/*
 * The dates of a recurrence from `from` to `to` (inclusive): the nominal
 * dates (`nominal`, as the rule gives them) and the actual ones (`actual`,
 * each moved to the next working day of the rule's calendar when it is not
 * one; PLN_DATE_NONE when that leaves the horizon or reaches the next
 * nominal date). Arrays are malloc'd; *n their length.
 */
pln_status pln__recur_dates(const pln_schedule *s,
                            const struct pln_recurrence *r, pln_date from,
                            pln_date to, pln_date **nominal,
                            pln_date **actual, size_t *n);

/* The next working day of calendar `cal` on or after d, within the
 * schedule's horizon; PLN_DATE_NONE when there is none. */
pln_date pln__next_working(const pln_schedule *s, int cal, pln_date d);

/* ------------------------------------------------- published state */

struct pln_ics_state_entry {
    char *file, *uid;
    int sequence;
    uint64_t hash;    /* of the content: ics_content_hash() */
    int64_t modified; /* when the content last changed */
    char *summary;    /* for a cancellation */
    pln_date start, end; /* DTSTART, DTEND (exclusive) */
    bool cancelled;
};

pln_ics_state *pln__ics_state_new(void);
/* Copies the strings; false when out of memory. */
bool pln__ics_state_add(pln_ics_state *st, const char *file, const char *uid,
                        const struct pln_ics_state_entry *e);
const struct pln_ics_state_entry *
pln__ics_state_find(const pln_ics_state *st, const char *file,
                    const char *uid);
/* The entries of one file: indices [*first, *first + return). */
size_t pln__ics_state_file(const pln_ics_state *st, const char *file,
                           size_t *first);
const struct pln_ics_state_entry *pln__ics_state_at(const pln_ics_state *st,
                                                    size_t i);

#endif
