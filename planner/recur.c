/*
 * recur.c -- the dates of things that come back every week or month
 * (reporting dates, site visits): the dates the rule names, and the working
 * days they are actually held on when a rule's date is a day off.
 */
#include <stdlib.h>

#include "export_int.h"

pln_date pln__next_working(const pln_schedule *s, int cal, pln_date d)
{
    pln_date last = pln_calset_last(s->cals);

    if (d < pln_calset_first(s->cals))
        d = pln_calset_first(s->cals);
    for (; d <= last; d++)
        if (pln_calset_is_working(s->cals, cal, d))
            return d;
    return PLN_DATE_NONE;
}

/* The rule's date in the month of d. */
static pln_date month_date(pln_date d, int monthday)
{
    int y, mo;

    pln_date_to_ymd(d, &y, &mo, NULL);
    if (monthday < 0)
        return pln_date_from_ymd(y, mo, pln_month_days(y, mo));
    return pln_date_from_ymd(y, mo, monthday);
}

/* The first nominal date on or after d. */
static pln_date first_on_or_after(const struct pln_recurrence *r, pln_date d)
{
    if (r->freq == PLN_FREQ_WEEKLY)
        return d + (r->weekday - pln_date_weekday(d) + 7) % 7;
    {
        pln_date x = month_date(d, r->monthday);
        if (x < d) {
            int y, mo;
            pln_date_to_ymd(d, &y, &mo, NULL);
            x = month_date(pln_date_from_ymd(y + (mo == 12), mo % 12 + 1, 1),
                           r->monthday);
        }
        return x;
    }
}

static pln_date next_nominal(const struct pln_recurrence *r, pln_date d)
{
    return r->freq == PLN_FREQ_WEEKLY ? d + 7 : first_on_or_after(r, d + 1);
}

pln_status pln__recur_dates(const pln_schedule *s,
                            const struct pln_recurrence *r, pln_date from,
                            pln_date to, pln_date **nominal,
                            pln_date **actual, size_t *n)
{
    size_t count = 0, cap;
    pln_date d;

    *nominal = *actual = NULL;
    *n = 0;
    if (to < from)
        return PLN_OK;
    /* At most one date a week, or a month: the span bounds the count. */
    cap = (size_t)(to - from) / 7 + 2;
    *nominal = malloc(cap * sizeof(**nominal));
    *actual = malloc(cap * sizeof(**actual));
    if (!*nominal || !*actual) {
        free(*nominal);
        free(*actual);
        *nominal = *actual = NULL;
        return PLN_ENOMEM;
    }
    for (d = first_on_or_after(r, from); d <= to && count < cap;
         d = next_nominal(r, d)) {
        pln_date held = pln__next_working(s, r->calendar, d);
        if (held != PLN_DATE_NONE && held >= next_nominal(r, d))
            held = PLN_DATE_NONE;
        (*nominal)[count] = d;
        (*actual)[count] = held;
        count++;
    }
    *n = count;
    return PLN_OK;
}
