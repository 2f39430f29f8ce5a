/*
 * load_calendars.c -- reading the `calendars` section of a model: weekday
 * patterns, the choice of public holidays, holiday data declared for years
 * not bundled, work-through rules, extra days off and working days, and the
 * `extends` chain (checked for loops). Turning these into working days is
 * calendars/workcal.c's job.
 */
#include <string.h>

#include "model_build.h"

static const char *const calendar_keys[] = {
    "id",       "name",         "extends",      "weekdays", "holidays",
    "years",    "days_off",     "working_days", "work_through",
    "import",   NULL};
static const char *const year_keys[] = {"year", "provisional", "days_off",
                                        "working_days", NULL};
static const char *const through_keys[] = {"holiday", "year", "from", "to",
                                           NULL};

static int parse_weekdays(struct pln_load *L, yaml_node_t *n)
{
    static const char *const names[] = {"mon", "tue", "wed", "thu",
                                        "fri", "sat", "sun"};
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "weekdays", &it);
    int mask = 0;
    bool ok = it != NULL;
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *d = pln__node(L, it[i]);
        const char *s = pln__scalar(d);
        int bit = -1;
        for (int k = 0; s && k < 7; k++)
            if (!strcmp(s, names[k]))
                bit = k;
        if (bit < 0) {
            pln__load_error(L, d,
                            "unknown weekday '%s' (use mon, tue, wed, "
                            "thu, fri, sat, sun)",
                            s ? s : "");
            ok = false;
        } else if (mask & (1 << bit)) {
            pln__load_error(L, d, "weekday '%s' listed twice", s);
            ok = false;
        } else {
            mask |= 1 << bit;
        }
    }
    if (ok && mask == 0) {
        pln__load_error(L, n, "weekdays must name at least one day");
        ok = false;
    }
    return ok ? mask : -1;
}

static size_t parse_ranges(struct pln_load *L, yaml_node_t *n, const char *what,
                           struct pln_day_range **out)
{
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, what, &it), kept = 0;
    *out = count ? pln__load_array(L, count, sizeof(**out)) : NULL;
    for (size_t i = 0; i < count && *out; i++)
        if (pln__get_day_range(L, pln__node(L, it[i]), what, &(*out)[kept]))
            kept++;
    return kept;
}

static void parse_years(struct pln_load *L, yaml_node_t *n,
                        struct pln_calendar_def *c)
{
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "years", &it);
    c->years = count ? pln__load_array(L, count, sizeof(*c->years)) : NULL;
    for (size_t i = 0; i < count && c->years; i++) {
        yaml_node_t *y = pln__node(L, it[i]), *v;
        struct pln_holiday_year *h = &c->years[c->n_years];
        if (!pln__map_check(L, y, "holiday year", year_keys))
            continue;
        h->loc = pln__load_loc(y);
        if (!(v = pln__map_get(L, y, "year"))) {
            pln__load_error(L, y, "holiday year needs a 'year'");
            continue;
        }
        if (!pln__get_int(L, v, "year", PLN_YEAR_MIN, PLN_YEAR_MAX, &h->year))
            continue;
        for (size_t k = 0; k < c->n_years; k++)
            if (c->years[k].year == h->year)
                pln__load_error(L, v, "holiday year %d declared twice",
                                h->year);
        if ((v = pln__map_get(L, y, "provisional")))
            pln__get_bool(L, v, "provisional", &h->provisional);
        if ((v = pln__map_get(L, y, "days_off")))
            h->n_days_off = parse_ranges(L, v, "holiday day off", &h->days_off);
        if ((v = pln__map_get(L, y, "working_days")))
            h->n_working_days =
                parse_ranges(L, v, "make-up working day", &h->working_days);
        for (size_t k = 0; k < h->n_days_off; k++) {
            int y0, y1;
            pln_date_to_ymd(h->days_off[k].from, &y0, NULL, NULL);
            pln_date_to_ymd(h->days_off[k].to, &y1, NULL, NULL);
            if (!h->days_off[k].name)
                pln__load_error_loc(L, h->days_off[k].loc,
                                    "holiday day off needs a 'name' (the "
                                    "holiday it belongs to)");
            /* A notice may reach into the neighbouring years (New Year). */
            if (y0 < h->year - 1 || y1 > h->year + 1)
                pln__load_error_loc(L, h->days_off[k].loc,
                                    "holiday day off lies outside %d", h->year);
        }
        c->n_years++;
    }
}

static void parse_work_through(struct pln_load *L, yaml_node_t *n,
                               struct pln_calendar_def *c)
{
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "work_through", &it);
    c->work_through =
        count ? pln__load_array(L, count, sizeof(*c->work_through)) : NULL;
    for (size_t i = 0; i < count && c->work_through; i++) {
        yaml_node_t *w = pln__node(L, it[i]), *h, *y, *f, *t;
        struct pln_work_through *wt = &c->work_through[c->n_work_through];
        if (!pln__map_check(L, w, "work_through entry", through_keys))
            continue;
        wt->loc = pln__load_loc(w);
        wt->from = wt->to = PLN_DATE_NONE;
        h = pln__map_get(L, w, "holiday");
        y = pln__map_get(L, w, "year");
        f = pln__map_get(L, w, "from");
        t = pln__map_get(L, w, "to");
        if (h && (f || t)) {
            pln__load_error(L, w,
                            "work_through names a 'holiday' or gives "
                            "'from'/'to', not both");
            continue;
        }
        if (h) {
            if (!y) {
                pln__load_error(L, w,
                                "work_through of a holiday needs its "
                                "'year'");
                continue;
            }
            if (!pln__get_str(L, h, "holiday", &wt->holiday) ||
                !pln__get_int(L, y, "year", PLN_YEAR_MIN, PLN_YEAR_MAX,
                              &wt->year))
                continue;
        } else if (f && t) {
            if (y)
                pln__load_error(L, y, "'year' only goes with 'holiday'");
            if (!pln__get_date(L, f, "from", &wt->from) ||
                !pln__get_date(L, t, "to", &wt->to))
                continue;
            if (wt->to < wt->from) {
                pln__load_error(L, w,
                                "work_through range ends before it "
                                "begins");
                continue;
            }
        } else {
            pln__load_error(L, w,
                            "work_through needs 'holiday' and 'year', "
                            "or 'from' and 'to'");
            continue;
        }
        c->n_work_through++;
    }
}

void pln__parse_calendars(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_item_t *it = NULL;
    size_t count = n ? pln__seq(L, n, "calendars", &it) : 0;

    if (count == 0) {
        /* No calendar declared: one implicit Mon-Fri calendar with the
         * Chinese public holidays, matching the default time zone. */
        struct pln_calendar_def *c = pln__load_array(L, 1, sizeof(*c));
        if (!c)
            return;
        c->id = "default";
        c->name = "Monday to Friday with public holidays";
        c->parent = -1;
        c->weekdays = PLN_WEEKDAYS_MON_FRI;
        c->holidays = PLN_HOLIDAYS_CN;
        c->loc = c->holidays_loc = (struct pln_loc){1, 1, false};
        m->calendars = c;
        m->n_calendars = 1;
        if (pln__strmap_put(&B->calendars, c->id, 0, NULL) < 0)
            L->oom = true;
        return;
    }
    m->calendars = pln__load_array(L, count, sizeof(*m->calendars));
    B->calendar_nodes = pln__load_array(L, count, sizeof(yaml_node_t *));
    if (!m->calendars || !B->calendar_nodes)
        return;
    /* First the ids, so that 'extends' may name a later calendar. */
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *cn = pln__node(L, it[i]), *v;
        struct pln_calendar_def *c = &m->calendars[m->n_calendars];
        if (!pln__map_check(L, cn, "calendar", calendar_keys))
            continue;
        c->loc = pln__load_loc(cn);
        c->parent = -1;
        c->weekdays = -1;
        c->holidays = PLN_HOLIDAYS_INHERIT;
        if (!(v = pln__entry_id(L, cn, "calendar", &c->id)))
            continue;
        if (!pln__register_id(L, &B->calendars, c->id, (int)m->n_calendars, v,
                              "calendar", &m->calendars[0].loc, sizeof(*c)))
            continue;
        B->calendar_nodes[m->n_calendars++] = cn;
    }
    for (size_t i = 0; i < m->n_calendars; i++) {
        yaml_node_t *cn = B->calendar_nodes[i], *v;
        struct pln_calendar_def *c = &m->calendars[i];
        if ((v = pln__map_get(L, cn, "name")))
            pln__get_str(L, v, "calendar name", &c->name);
        if (!c->name)
            c->name = c->id;
        if ((v = pln__map_get(L, cn, "extends")))
            c->parent = pln__lookup(L, &B->calendars, v, "calendar");
        if ((v = pln__map_get(L, cn, "weekdays")))
            c->weekdays = parse_weekdays(L, v);
        if ((v = pln__map_get(L, cn, "holidays"))) {
            const char *s = pln__scalar(v);
            c->holidays_loc = pln__load_loc(v);
            if (s && !strcmp(s, "cn"))
                c->holidays = PLN_HOLIDAYS_CN;
            else if (s && !strcmp(s, "none"))
                c->holidays = PLN_HOLIDAYS_NONE;
            else
                pln__load_error(L, v,
                                "holidays must be 'cn' (Chinese public "
                                "holidays) or 'none'");
        } else {
            c->holidays_loc = c->loc;
        }
        if ((v = pln__map_get(L, cn, "years")))
            parse_years(L, v, c);
        if ((v = pln__map_get(L, cn, "days_off")))
            c->n_days_off = parse_ranges(L, v, "day off", &c->days_off);
        if ((v = pln__map_get(L, cn, "working_days")))
            c->n_working_days =
                parse_ranges(L, v, "working day", &c->working_days);
        if ((v = pln__map_get(L, cn, "work_through")))
            parse_work_through(L, v, c);
        if ((v = pln__map_get(L, cn, "import")))
            pln__import_holidays(B, v, c);
    }
    /* 'extends' must not loop. */
    for (size_t i = 0; i < m->n_calendars; i++) {
        int p = m->calendars[i].parent;
        size_t steps = 0;
        while (p >= 0 && steps <= m->n_calendars) {
            if (p == (int)i) {
                pln__load_error_loc(L, m->calendars[i].loc,
                                    "calendar '%s' extends itself through "
                                    "its parents",
                                    m->calendars[i].id);
                m->calendars[i].parent = -1;
                break;
            }
            p = m->calendars[p].parent;
            steps++;
        }
    }
}
