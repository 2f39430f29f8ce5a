/*
 * load_export.c -- the parts of a model that only shape the calendars people
 * subscribe to: the `export` section (reminder offsets, calendar colours),
 * the `reporting` section (weekly statistics, monthly bulletin ...), and the
 * recurrence both reporting dates and people's site visits are written in.
 */
#include <stdlib.h>
#include <string.h>

#include "model_build.h"

/* ------------------------------------------------------------ recurrence */

static const char *const weekday_names[] = {"mon", "tue", "wed", "thu",
                                            "fri", "sat", "sun"};

bool pln__parse_recurrence(struct pln_build *B, yaml_node_t *map,
                           const char *what, struct pln_recurrence *r)
{
    struct pln_load *L = B->L;
    yaml_node_t *every = pln__map_get(L, map, "every");
    yaml_node_t *on = pln__map_get(L, map, "on");
    yaml_node_t *day = pln__map_get(L, map, "day");
    yaml_node_t *cal = pln__map_get(L, map, "calendar");
    const char *s;
    bool ok = true;

    memset(r, 0, sizeof(*r));
    r->calendar = B->m->default_calendar;
    s = every ? pln__scalar(every) : NULL;
    if (!every) {
        pln__load_error(L, map, "%s needs 'every' (week or month)", what);
        return false;
    }
    if (s && !strcmp(s, "week")) {
        r->freq = PLN_FREQ_WEEKLY;
        if (day) {
            pln__load_error(L, day,
                            "'day' is for monthly dates; a weekly one "
                            "takes 'on' (mon ... sun)");
            ok = false;
        }
        s = on ? pln__scalar(on) : NULL;
        r->weekday = -1;
        for (int k = 0; s && k < 7; k++)
            if (!strcmp(s, weekday_names[k]))
                r->weekday = k;
        if (!on) {
            pln__load_error(L, map, "'every: week' needs 'on' (mon ... sun)");
            ok = false;
        } else if (r->weekday < 0) {
            pln__load_error(L, on, "'on' must be a weekday: mon, tue, wed, "
                                   "thu, fri, sat or sun");
            ok = false;
        }
    } else if (s && !strcmp(s, "month")) {
        r->freq = PLN_FREQ_MONTHLY;
        if (on) {
            pln__load_error(L, on,
                            "'on' is for weekly dates; a monthly one takes "
                            "'day' (1 ... 28, or last)");
            ok = false;
        }
        s = day ? pln__scalar(day) : NULL;
        if (!day) {
            pln__load_error(L, map,
                            "'every: month' needs 'day' (1 ... 28, or last)");
            ok = false;
        } else if (s && !strcmp(s, "last")) {
            r->monthday = -1;
        } else if (!pln__get_int(L, day, "day of the month", 1, 28,
                                 &r->monthday)) {
            ok = false;
        }
    } else {
        pln__load_error(L, every, "'every' must be week or month");
        ok = false;
    }
    if (cal) {
        int k = pln__lookup(L, &B->calendars, cal, "calendar");
        if (k >= 0)
            r->calendar = k;
        else
            ok = false;
    }
    return ok;
}

/* -------------------------------------------------------------- export */

static const int default_reminders[] = {30, 14, 7, 3, 1};
static const char *const default_colors[PLN_EXPORT_KINDS] = {
    "crimson", "steelblue", "darkorange", "seagreen"};
static const char *const color_keys[] = {"program", "site", "crew", "person",
                                         NULL};
static const char *const export_keys[] = {"reminders", "colors", NULL};

static int cmp_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

static void parse_reminders(struct pln_load *L, yaml_node_t *n,
                            struct pln_export_settings *e)
{
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "reminders", &it);
    int *days = count ? pln__load_array(L, count, sizeof(*days)) : NULL;
    size_t kept = 0;

    if (count > 20) {
        pln__load_error(L, n, "at most 20 reminders, not %zu", count);
        return;
    }
    for (size_t i = 0; i < count && days; i++) {
        yaml_node_t *v = pln__node(L, it[i]);
        int d;
        bool dup = false;
        if (!pln__get_int(L, v, "reminder (days before)", 0, 3660, &d))
            continue;
        for (size_t k = 0; k < kept; k++)
            dup = dup || days[k] == d;
        if (dup) {
            pln__load_error(L, v, "reminder %d days before is listed twice",
                            d);
            continue;
        }
        days[kept++] = d;
    }
    if (days)
        qsort(days, kept, sizeof(*days), cmp_desc);
    e->reminders = days;
    e->n_reminders = kept;
}

void pln__export_defaults(pln_model *m)
{
    struct pln_export_settings *e = &m->export_settings;

    e->reminders = default_reminders;
    e->n_reminders = sizeof(default_reminders) / sizeof(default_reminders[0]);
    memcpy(e->colors, default_colors, sizeof(e->colors));
}

void pln__parse_export(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    struct pln_export_settings *e = &B->m->export_settings;
    yaml_node_t *v;

    pln__export_defaults(B->m);
    if (!n || !pln__map_check(L, n, "export", export_keys))
        return;
    if ((v = pln__map_get(L, n, "reminders")))
        parse_reminders(L, v, e);
    if ((v = pln__map_get(L, n, "colors")) &&
        pln__map_check(L, v, "colors", color_keys)) {
        for (int k = 0; k < PLN_EXPORT_KINDS; k++) {
            yaml_node_t *c = pln__map_get(L, v, color_keys[k]);
            const char *name;
            if (!c || !pln__get_str(L, c, "colour", &name))
                continue;
            if (!pln_css_color_hex(name))
                pln__load_error(L, c,
                                "colour '%s' is not a CSS3 colour name "
                                "(lower case, e.g. steelblue)",
                                name);
            else
                e->colors[k] = name;
        }
    }
}

/* ----------------------------------------------------------- reporting */

static const char *const report_keys[] = {
    "id", "name", "every", "on", "day", "calendar", "time", "minutes",
    "people", NULL};

/* "HH:MM", 00:00 to 23:59. */
static bool parse_time(struct pln_load *L, yaml_node_t *n, int *minute)
{
    const char *s = pln__scalar(n);
    if (s && strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' &&
        s[1] >= '0' && s[1] <= '9' && s[3] >= '0' && s[3] <= '5' &&
        s[4] >= '0' && s[4] <= '9') {
        int h = (s[0] - '0') * 10 + (s[1] - '0');
        if (h < 24) {
            *minute = h * 60 + (s[3] - '0') * 10 + (s[4] - '0');
            return true;
        }
    }
    pln__load_error(L, n, "time must be HH:MM (00:00 to 23:59), quoted");
    return false;
}

void pln__parse_reporting(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "reporting", &it);
    struct pln_strmap ids;

    pln__strmap_init(&ids);
    m->reports = count ? pln__load_array(L, count, sizeof(*m->reports)) : NULL;
    for (size_t i = 0; i < count && m->reports; i++) {
        yaml_node_t *rn = pln__node(L, it[i]), *v;
        struct pln_report *r = &m->reports[m->n_reports];
        if (!pln__map_check(L, rn, "reporting date", report_keys))
            continue;
        r->loc = pln__load_loc(rn);
        r->minute = -1;
        if (!(v = pln__entry_id(L, rn, "reporting date", &r->id)) ||
            !pln__register_id(L, &ids, r->id, (int)m->n_reports, v,
                              "reporting date", &m->reports[0].loc,
                              sizeof(*r)))
            continue;
        if ((v = pln__map_get(L, rn, "name")))
            pln__get_str(L, v, "reporting name", &r->name);
        else
            pln__load_error(L, rn, "reporting date needs a 'name'");
        pln__parse_recurrence(B, rn, "reporting date", &r->when);
        if ((v = pln__map_get(L, rn, "time")))
            parse_time(L, v, &r->minute);
        if ((v = pln__map_get(L, rn, "minutes"))) {
            if (r->minute < 0)
                pln__load_error(L, v, "'minutes' needs a 'time'");
            else
                pln__get_int(L, v, "minutes", 1, 24 * 60, &r->duration);
        } else {
            r->duration = 60;
        }
        if ((v = pln__map_get(L, rn, "people"))) {
            yaml_node_item_t *pi;
            size_t np = pln__seq(L, v, "people", &pi);
            r->people = np ? pln__load_array(L, np, sizeof(*r->people)) : NULL;
            for (size_t k = 0; k < np && r->people; k++) {
                int p =
                    pln__lookup(L, &B->people, pln__node(L, pi[k]), "person");
                bool dup = false;
                for (size_t j = 0; p >= 0 && j < r->n_people; j++)
                    dup = dup || r->people[j] == p;
                if (dup)
                    pln__load_error(L, pln__node(L, pi[k]),
                                    "person '%s' is listed twice",
                                    m->people[p].id);
                else if (p >= 0)
                    r->people[r->n_people++] = p;
            }
        }
        if (!r->name)
            r->name = r->id;
        m->n_reports++;
    }
    pln__strmap_release(&ids);
}
