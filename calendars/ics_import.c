/*
 * ics_import.c -- the hook through which the model loader imports
 * iCalendar files (holiday feeds, deadline calendars): the reader's items
 * (ical_read.c, libical) as the neutral events the models module knows.
 */
#include <stdlib.h>
#include <string.h>

#include "pln_calendar.h"
#include "pln_ics_read.h"

struct owner {
    pln_ics_items *items;
    struct pln_import_event *events;
};

pln_status pln_ics_import(void *ud, const char *path, const char *timezone,
                          pln_date from, pln_date to,
                          const struct pln_import_event **events, size_t *n,
                          void **owner, pln_diags *diags)
{
    struct owner *o;
    pln_status st;

    (void)ud;
    *events = NULL;
    *n = 0;
    *owner = NULL;
    o = calloc(1, sizeof(*o));
    if (!o) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, path, 0, 0,
                      "out of memory");
        return PLN_ENOMEM;
    }
    st = pln_ics_read_file(path, timezone, from, to, &o->items, diags);
    if (st != PLN_OK) {
        free(o);
        return st;
    }
    o->events = calloc(o->items->n + 1, sizeof(*o->events));
    if (!o->events) {
        pln_ics_items_free(o->items);
        free(o);
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, path, 0, 0,
                      "out of memory");
        return PLN_ENOMEM;
    }
    for (size_t i = 0; i < o->items->n; i++) {
        const struct pln_ics_item *it = &o->items->items[i];
        struct pln_import_event *e = &o->events[i];
        e->first = it->first;
        e->last = it->last;
        e->summary = it->summary ? it->summary : "";
        e->categories = it->categories;
        e->uid = it->uid;
        e->all_day = it->all_day;
        e->line = it->line;
    }
    *events = o->events;
    *n = o->items->n;
    *owner = o;
    return PLN_OK;
}

void pln_ics_import_release(void *owner)
{
    struct owner *o = owner;
    if (!o)
        return;
    pln_ics_items_free(o->items);
    free(o->events);
    free(o);
}
