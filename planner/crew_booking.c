/*
 * crew_booking.c -- which days each crew works where, for the crew
 * calendars: one run per stretch of consecutive days a crew kind (or one
 * named crew) works at one site, so that a calendar shows the days worked,
 * never one bar across a weekend, a holiday or a winter stop.
 *
 * Named crews (a kind's `units`) get their work day by day: on each date,
 * the tasks at work that were at work before keep their crews, and the
 * others, in order of start, take the lowest-numbered crews free. With the
 * tasks of a kind on one calendar each task keeps its crews from its first
 * day to its last (the tasks are intervals of working days, and this is
 * first fit by start); with calendars whose days off differ a task may
 * change crews between days, which is better than the alternative: no
 * assignment of whole tasks to crews may exist even though the kind's
 * count holds on every day.
 */
#include <stdlib.h>
#include <string.h>

#include "export_int.h"
#include "pln_alloc.h"

struct growing {
    struct pln_booking *items;
    size_t n, cap;
    int *tasks;
    size_t n_tasks, cap_tasks;
};

static bool push_booking(struct growing *g, const struct pln_booking *b)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        struct pln_booking *p = realloc(g->items, cap * sizeof(*p));
        if (!p)
            return false;
        g->items = p;
        g->cap = cap;
    }
    g->items[g->n++] = *b;
    return true;
}

/* Task lists are stored by offset while the store grows. */
static bool push_task(struct growing *g, int task)
{
    if (g->n_tasks == g->cap_tasks) {
        size_t cap = g->cap_tasks ? 2 * g->cap_tasks : 256;
        int *p = realloc(g->tasks, cap * sizeof(*p));
        if (!p)
            return false;
        g->tasks = p;
        g->cap_tasks = cap;
    }
    g->tasks[g->n_tasks++] = task;
    return true;
}

static int demand_on(const struct pln_task *t, int crew)
{
    int n = 0;
    for (size_t k = 0; k < t->n_demands; k++)
        if (t->demands[k].crew == crew)
            n += t->demands[k].amount;
    return n;
}

/* Does task j (of the schedule) work on day d? */
static bool works(const pln_schedule *s, int j, pln_date d)
{
    const struct pln_task_times *x = &s->tasks[j];
    return s->model->tasks[j].duration > 0 && d >= x->start &&
           d <= x->finish &&
           pln_calset_is_working(s->cals, s->model->tasks[j].calendar, d);
}

/* Sorting tasks by start without global state: sort keys, then read j. */
struct by_start_key {
    pln_date start, finish;
    int j;
};

static int by_start(const void *a, const void *b)
{
    const struct by_start_key *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->finish != y->finish)
        return x->finish < y->finish ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

/* Sorts n task indices by start, finish, index. */
static bool sort_tasks(const pln_schedule *s, int *list, size_t n)
{
    struct by_start_key *keys;

    if (n < 2)
        return true;
    keys = malloc(n * sizeof(*keys));
    if (!keys)
        return false;
    for (size_t i = 0; i < n; i++) {
        keys[i].start = s->tasks[list[i]].start;
        keys[i].finish = s->tasks[list[i]].finish;
        keys[i].j = list[i];
    }
    qsort(keys, n, sizeof(*keys), by_start);
    for (size_t i = 0; i < n; i++)
        list[i] = keys[i].j;
    free(keys);
    return true;
}

/* ------------------------------------------------------- unit assignment */

/* Gives the named crews of kind k their work, date by date; false with
 * *bad = a task that found too few free crews (the kind is overbooked). */
static pln_status assign_units(const pln_schedule *s, int k,
                               struct pln_bookings *b, int *bad)
{
    const pln_model *m = s->model;
    const struct pln_crew *c = &m->crews[k];
    size_t ndays = b->ndays, n = 0;
    int *owner = malloc(c->n_units * ndays * sizeof(*owner) + 1);
    int *list = malloc((m->n_tasks + 1) * sizeof(*list));
    int *held = malloc((c->n_units + 1) * sizeof(*held));

    if (!owner || !list || !held) {
        free(owner);
        free(list);
        free(held);
        return PLN_ENOMEM;
    }
    for (size_t i = 0; i < c->n_units * ndays; i++)
        owner[i] = -1;
    for (size_t j = 0; j < m->n_tasks; j++)
        if (m->tasks[j].duration > 0 && demand_on(&m->tasks[j], k) > 0)
            list[n++] = (int)j;
    if (!sort_tasks(s, list, n)) {
        free(owner);
        free(list);
        free(held);
        return PLN_ENOMEM;
    }
    for (size_t u = 0; u < c->n_units; u++)
        held[u] = -1; /* the task each crew last worked on */
    for (size_t x = 0; x < ndays; x++) {
        pln_date d = b->first + (pln_date)x;
        if (x > 0)
            for (size_t u = 0; u < c->n_units; u++)
                if (owner[u * ndays + x - 1] != -1)
                    held[u] = owner[u * ndays + x - 1];
        /* Two passes: tasks keep yesterday's crews first, then the rest
         * take free ones. */
        for (int pass = 0; pass < 2; pass++) {
            for (size_t i = 0; i < n; i++) {
                int j = list[i], want = demand_on(&m->tasks[j], k), got = 0;
                if (!works(s, j, d))
                    continue;
                for (size_t u = 0; u < c->n_units; u++)
                    got += owner[u * ndays + x] == j;
                if (got >= want)
                    continue;
                for (size_t u = 0; u < c->n_units && got < want; u++) {
                    if (owner[u * ndays + x] != -1)
                        continue;
                    /* First pass: only the crew that last worked on it. */
                    if (pass == 0 && held[u] != j)
                        continue;
                    owner[u * ndays + x] = j;
                    got++;
                }
                if (pass == 1 && got < want) {
                    *bad = j;
                    free(owner);
                    free(list);
                    free(held);
                    return PLN_ESOLVER;
                }
            }
        }
    }
    free(list);
    free(held);
    b->owner[k] = owner;
    return PLN_OK;
}

size_t pln__task_units(const pln_schedule *s, const struct pln_bookings *b,
                       int k, int j, int *units, size_t max)
{
    const struct pln_crew *c = &s->model->crews[k];
    size_t n = 0;

    if (!b->owner || !b->owner[k])
        return 0;
    for (size_t u = 0; u < c->n_units && n < max; u++) {
        for (size_t x = 0; x < b->ndays; x++) {
            if (b->owner[k][u * b->ndays + x] == j) {
                units[n++] = (int)u;
                break;
            }
        }
    }
    return n;
}

/* ----------------------------------------------------------------- runs */

/* How many crews of kind k task j takes on date d (at work then): for a
 * named crew u (u >= 0), 1 when it is that crew's work that day. */
static int uses_on(const pln_schedule *s, const struct pln_bookings *b, int j,
                   int k, int u, pln_date d)
{
    if (!works(s, j, d))
        return 0;
    if (u < 0)
        return demand_on(&s->model->tasks[j], k);
    return b->owner[k][(size_t)u * b->ndays + (size_t)(d - b->first)] == j;
}

/* Does task j (possibly) use kind k? */
static bool uses(const pln_schedule *s, int j, int k)
{
    return s->model->tasks[j].duration > 0 &&
           demand_on(&s->model->tasks[j], k) > 0;
}

/* The runs of kind k (unit u, or -1) at one site. */
static bool site_runs(const pln_schedule *s, struct pln_bookings *b,
                      struct growing *g, int k, int u, int site, int *count,
                      size_t *cap_count)
{
    const pln_model *m = s->model;
    const struct pln_site *st = &m->sites[site];
    pln_date lo = 0, hi = 0;
    bool any = false;
    int ordinal = 0;

    for (size_t j = st->first_task; j < st->first_task + st->n_tasks; j++) {
        if (!uses(s, (int)j, k))
            continue;
        if (!any || s->tasks[j].start < lo)
            lo = s->tasks[j].start;
        if (!any || s->tasks[j].finish > hi)
            hi = s->tasks[j].finish;
        any = true;
    }
    if (!any)
        return true;
    if ((size_t)(hi - lo + 1) > *cap_count)
        return false; /* cannot happen: sized to the horizon */
    memset(count, 0, (size_t)(hi - lo + 1) * sizeof(*count));
    for (size_t j = st->first_task; j < st->first_task + st->n_tasks; j++) {
        if (!uses(s, (int)j, k))
            continue;
        for (pln_date d = s->tasks[j].start; d <= s->tasks[j].finish; d++)
            count[d - lo] += uses_on(s, b, (int)j, k, u, d);
    }
    for (pln_date d = lo; d <= hi;) {
        struct pln_booking r;
        size_t first_task;
        if (!count[d - lo]) {
            d++;
            continue;
        }
        memset(&r, 0, sizeof(r));
        r.crew = k;
        r.unit = u;
        r.site = site;
        r.ordinal = ++ordinal;
        r.first = d;
        while (d <= hi && count[d - lo]) {
            if (count[d - lo] > r.most)
                r.most = count[d - lo];
            d++;
        }
        r.last = d - 1;
        r.days = (int)(r.last - r.first + 1);
        /* The tasks worked in the run; the list is sorted later. */
        first_task = g->n_tasks;
        for (size_t j = st->first_task; j < st->first_task + st->n_tasks;
             j++) {
            bool in = false;
            if (!uses(s, (int)j, k))
                continue;
            for (pln_date e = r.first; e <= r.last && !in; e++)
                in = uses_on(s, b, (int)j, k, u, e) > 0;
            if (in && !push_task(g, (int)j))
                return false;
        }
        r.tasks = (int *)(uintptr_t)first_task; /* offset until the end */
        r.n_tasks = g->n_tasks - first_task;
        if (!push_booking(g, &r))
            return false;
    }
    return true;
}

static int by_group_then_date(const void *a, const void *b)
{
    const struct pln_booking *x = a, *y = b;
    if (x->crew != y->crew)
        return x->crew < y->crew ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->site > y->site) - (x->site < y->site);
}

void pln__bookings_release(struct pln_bookings *b)
{
    free(b->items);
    if (b->owner)
        for (size_t k = 0; k < b->n_owner; k++)
            free(b->owner[k]);
    free(b->owner);
    free(b->task_store);
    memset(b, 0, sizeof(*b));
}

pln_status pln__bookings_build(const pln_schedule *s, struct pln_bookings *b,
                               pln_error *err)
{
    const pln_model *m = s->model;
    struct growing g;
    size_t ndays = (size_t)(pln_calset_last(s->cals) -
                            pln_calset_first(s->cals) + 1);
    int *count = NULL;
    pln_status st = PLN_ENOMEM;

    memset(b, 0, sizeof(*b));
    memset(&g, 0, sizeof(g));
    b->first = pln_calset_first(s->cals);
    b->ndays = ndays;
    b->owner = calloc(m->n_crews + 1, sizeof(*b->owner));
    b->n_owner = m->n_crews;
    count = malloc(ndays * sizeof(*count));
    if (!b->owner || !count)
        goto fail;
    for (size_t k = 0; k < m->n_crews; k++) {
        int bad = -1;
        if (!m->crews[k].n_units)
            continue;
        st = assign_units(s, (int)k, b, &bad);
        if (st == PLN_ESOLVER) {
            pln_error_set(err, st, m->source, 0, 0,
                          "cannot give task '%s' named crews of kind '%s': "
                          "the schedule books more than %d at once",
                          m->tasks[bad].id, m->crews[k].id,
                          m->crews[k].count);
            goto fail_keep;
        }
        if (st != PLN_OK)
            goto fail;
    }
    st = PLN_ENOMEM;
    for (size_t k = 0; k < m->n_crews; k++)
        for (int u = -1; u < (int)m->crews[k].n_units; u++)
            for (size_t i = 0; i < m->n_sites; i++)
                if (!site_runs(s, b, &g, (int)k, u, (int)i, count, &ndays))
                    goto fail;
    for (size_t i = 0; i < g.n; i++)
        g.items[i].tasks = g.tasks + (uintptr_t)g.items[i].tasks;
    for (size_t i = 0; i < g.n; i++)
        if (!sort_tasks(s, g.items[i].tasks, g.items[i].n_tasks))
            goto fail;
    if (g.n)
        qsort(g.items, g.n, sizeof(*g.items), by_group_then_date);
    b->items = g.items;
    b->n = g.n;
    b->task_store = g.tasks;
    free(count);
    return PLN_OK;
fail:
    pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
fail_keep:
    free(g.items);
    free(g.tasks);
    free(count);
    pln__bookings_release(b);
    return st == PLN_OK ? PLN_ENOMEM : st;
}
