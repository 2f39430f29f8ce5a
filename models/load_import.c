/*
 * load_import.c -- a model's `import:` entries: iCalendar files read through
 * the hook the loader was given (the calendars module reads them; models
 * never include libical). A calendar imports a holiday feed: its all-day
 * events become days off, except those whose summary or categories name a
 * working day ("补班", "上班" ... or the words the model gives), which
 * become working days. A deadline list imports a leadership calendar: each
 * event that names a site (by its name or id) becomes a deadline on the
 * event's last day, for the step of that site it also names, else for the
 * whole site.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_build.h"

bool pln__import_ics(struct pln_load *L, yaml_node_t *at, const char *file,
                     const char *timezone, pln_date from, pln_date to,
                     struct pln_import *out)
{
    const struct pln_load_options *o = L->opts;
    char *path;
    size_t n;
    pln_status st;

    memset(out, 0, sizeof(*out));
    if (!o || !o->import_ics) {
        pln__load_error(L, at, "cannot import '%s': this program reads no "
                               "iCalendar files (load the model with an "
                               "import hook)",
                        file);
        return false;
    }
    /* Relative to the model file's directory. */
    n = strlen(file) + (L->dir ? strlen(L->dir) : 0) + 2;
    path = pln__arena_alloc(L->arena, n);
    if (!path) {
        L->oom = true;
        return false;
    }
    if (file[0] != '/' && L->dir && *L->dir)
        snprintf(path, n, "%s/%s", L->dir, file);
    else
        snprintf(path, n, "%s", file);
    out->path = path;
    /* A file that is not there is the model's problem, at its line. */
    {
        FILE *f = fopen(path, "rb");
        if (!f) {
            pln__load_error(L, at, "cannot read '%s': %s", file,
                            strerror(errno));
            return false;
        }
        fclose(f);
    }
    st = o->import_ics(o->ud, path, timezone, from, to, &out->events,
                       &out->n, &out->owner, L->diags);
    if (st != PLN_OK) {
        L->errors++;
        if (st == PLN_ENOMEM)
            L->oom = true;
        return false;
    }
    return true;
}

void pln__import_release(struct pln_load *L, struct pln_import *im)
{
    if (im->owner && L->opts && L->opts->release)
        L->opts->release(im->owner);
    memset(im, 0, sizeof(*im));
}

/* ------------------------------------------------------- holiday feeds */

static const char *const default_working_words[] = {
    "补班", "上班", "调休上班", "working day", "workday", NULL};
static const char *const import_keys[] = {"file", "working_days", NULL};

static bool names_any(const char *text, const char *const *words, size_t n)
{
    for (size_t i = 0; text && i < n; i++)
        if (words[i] && *words[i] && strstr(text, words[i]))
            return true;
    return false;
}

/* The years a holiday feed is read for: the program's, give or take. */
static void feed_horizon(const pln_model *m, pln_date *from, pln_date *to)
{
    int y;
    pln_date_to_ymd(m->start != PLN_DATE_NONE ? m->start
                                              : pln_date_from_ymd(2000, 1, 1),
                    &y, NULL, NULL);
    *from = pln_date_from_ymd(y - 1, 1, 1);
    *to = pln_date_from_ymd(y + 10, 12, 31);
}

/*
 * A feed is the public holiday data of the years its events fall in: each
 * gets an (empty) `years` entry, so that the plan does not warn that the
 * year has no holiday data. The days themselves are the calendar's own
 * days off and working days, whatever its `holidays` choice.
 */
static void mark_years(struct pln_load *L, struct pln_calendar_def *c,
                       const struct pln_import *im)
{
    int lo = 0, hi = -1;
    struct pln_holiday_year *years;
    size_t n = c->n_years;

    for (size_t k = 0; k < im->n; k++) {
        int y;
        if (!im->events[k].all_day)
            continue;
        pln_date_to_ymd(im->events[k].first, &y, NULL, NULL);
        if (hi < lo || y < lo)
            lo = y;
        if (hi < lo || y > hi)
            hi = y;
    }
    if (hi < lo || hi - lo > 50)
        return;
    years = pln__load_array(L, c->n_years + (size_t)(hi - lo) + 2,
                            sizeof(*years));
    if (!years)
        return;
    if (c->n_years)
        memcpy(years, c->years, c->n_years * sizeof(*years));
    for (int y = lo; y <= hi; y++) {
        bool have = false;
        for (size_t k = 0; k < c->n_years; k++)
            have = have || c->years[k].year == y;
        if (have)
            continue;
        memset(&years[n], 0, sizeof(years[n]));
        years[n].year = y;
        years[n].loc = c->loc;
        n++;
    }
    c->years = years;
    c->n_years = n;
}

void pln__import_holidays(struct pln_build *B, yaml_node_t *n,
                          struct pln_calendar_def *c)
{
    struct pln_load *L = B->L;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "import", &it);

    for (size_t i = 0; i < count; i++) {
        yaml_node_t *e = pln__node(L, it[i]), *v;
        const char *file = NULL;
        const char **words = NULL;
        size_t nwords = 0, off = 0, on = 0;
        struct pln_import im;
        struct pln_day_range *days_off, *working;
        pln_date from, to;
        if (!pln__map_check(L, e, "calendar import", import_keys))
            continue;
        if (!(v = pln__map_get(L, e, "file"))) {
            pln__load_error(L, e, "an import needs a 'file' (.ics)");
            continue;
        }
        if (!pln__get_str(L, v, "file", &file))
            continue;
        if ((v = pln__map_get(L, e, "working_days"))) {
            yaml_node_item_t *wi;
            nwords = pln__seq(L, v, "working_days", &wi);
            words = nwords ? pln__load_array(L, nwords, sizeof(*words)) : NULL;
            for (size_t k = 0; k < nwords && words; k++)
                pln__get_str(L, pln__node(L, wi[k]), "working-day word",
                             &words[k]);
        } else {
            words = (const char **)default_working_words;
            nwords = sizeof(default_working_words) /
                         sizeof(default_working_words[0]) -
                     1;
        }
        feed_horizon(B->m, &from, &to);
        if (!pln__import_ics(L, pln__map_get(L, e, "file"), file,
                             B->m->timezone, from, to, &im))
            continue;
        days_off = pln__load_array(L, c->n_days_off + im.n + 1,
                                   sizeof(*days_off));
        working = pln__load_array(L, c->n_working_days + im.n + 1,
                                  sizeof(*working));
        if (days_off && working) {
            if (c->n_days_off)
                memcpy(days_off, c->days_off,
                       c->n_days_off * sizeof(*days_off));
            if (c->n_working_days)
                memcpy(working, c->working_days,
                       c->n_working_days * sizeof(*working));
            off = c->n_days_off;
            on = c->n_working_days;
            for (size_t k = 0; k < im.n; k++) {
                const struct pln_import_event *ev = &im.events[k];
                struct pln_day_range *r;
                if (!ev->all_day) {
                    pln_diags_add(L->diags, PLN_SEV_WARNING, PLN_OK, im.path,
                                  ev->line, 1,
                                  "'%s' is not an all-day event: not a day "
                                  "off or a working day",
                                  ev->summary);
                    continue;
                }
                r = names_any(ev->summary, words, nwords) ||
                            names_any(ev->categories, words, nwords)
                        ? &working[on++]
                        : &days_off[off++];
                r->from = ev->first;
                r->to = ev->last;
                r->name = pln__load_strdup(L, ev->summary);
                r->loc = pln__load_loc(e);
            }
            c->days_off = days_off;
            c->n_days_off = off;
            c->working_days = working;
            c->n_working_days = on;
            mark_years(L, c, &im);
        }
        pln__import_release(L, &im);
    }
}

/* ------------------------------------------------------ deadline feeds */

/* The site whose name (or id) the text names; the longest match wins. -1:
 * none; -2: two sites equally. */
static int site_named(const pln_model *m, const char *text)
{
    int best = -1;
    size_t best_len = 0;
    bool tie = false;
    for (size_t i = 0; i < m->n_sites; i++) {
        const struct pln_site *s = &m->sites[i];
        const char *keys[2] = {s->name, s->id};
        for (int k = 0; k < 2; k++) {
            size_t n = keys[k] ? strlen(keys[k]) : 0;
            if (!n || !strstr(text, keys[k]))
                continue;
            if (n > best_len) {
                best = (int)i;
                best_len = n;
                tie = false;
            } else if (n == best_len && best != (int)i) {
                tie = true;
            }
        }
    }
    return tie ? -2 : best;
}

/* The task of site s whose name the text also names (longest), or -1. */
static int task_named(const pln_model *m, int site, const char *text)
{
    const struct pln_site *s = &m->sites[site];
    int best = -1;
    size_t best_len = 0;
    for (size_t j = s->first_task; j < s->first_task + s->n_tasks; j++) {
        const char *name = m->tasks[j].name;
        size_t n = name ? strlen(name) : 0;
        if (n && n > best_len && strstr(text, name)) {
            best = (int)j;
            best_len = n;
        }
    }
    return best;
}

static uint32_t fnv32(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

size_t pln__import_deadlines(struct pln_build *B, yaml_node_t *entry,
                             const char *file, bool hard,
                             struct pln_constraint **out)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    struct pln_import im;
    struct pln_constraint *cons;
    size_t kept = 0;
    pln_date from, to;

    *out = NULL;
    feed_horizon(m, &from, &to);
    if (!pln__import_ics(L, entry, file, m->timezone, from, to, &im))
        return 0;
    cons = pln__load_array(L, im.n + 1, sizeof(*cons));
    for (size_t k = 0; k < im.n && cons; k++) {
        const struct pln_import_event *ev = &im.events[k];
        struct pln_constraint *c = &cons[kept];
        int site = site_named(m, ev->summary);
        char id[32];
        if (site == -2) {
            pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_EINVAL, im.path,
                          ev->line, 1,
                          "'%s' names two sites equally: which is it?",
                          ev->summary);
            L->errors++;
            continue;
        }
        if (site < 0) {
            pln_diags_add(L->diags, PLN_SEV_WARNING, PLN_OK, im.path,
                          ev->line, 1,
                          "'%s' names no site of the program: not a "
                          "deadline",
                          ev->summary);
            continue;
        }
        memset(c, 0, sizeof(*c));
        /* A stable id: from the event's UID, else its summary and day. */
        if (ev->uid)
            snprintf(id, sizeof(id), "ics-%08x", (unsigned)fnv32(ev->uid));
        else {
            char buf[PLN_ERROR_TEXT_LEN];
            snprintf(buf, sizeof(buf), "%s@%d", ev->summary, (int)ev->last);
            snprintf(id, sizeof(id), "ics-%08x", (unsigned)fnv32(buf));
        }
        c->id = pln__load_strdup(L, id);
        c->name = pln__load_strdup(L, ev->summary);
        c->kind = PLN_CONS_FINISH_BY;
        c->site = site;
        c->task = task_named(m, site, ev->summary);
        c->from = PLN_DATE_NONE;
        c->to = ev->last;
        c->hard = hard;
        c->loc = pln__load_loc(entry);
        kept++;
    }
    pln__import_release(L, &im);
    *out = cons;
    return kept;
}
