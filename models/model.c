/*
 * model.c -- builds a pln_model from the node tree of a model file: the
 * program header, calendars, crews, people, site templates, sites and
 * deadlines, each checked field by field. Unknown keys, wrong types, unknown
 * references and duplicate ids are all reported (not just the first), so that
 * `planner check` lists every problem at once. Template expansion into tasks
 * and the dependency-cycle check are in expand.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model_build.h"
#include "model_int.h"

/* --------------------------------------------------------- small helpers */

/* Registers `id` in `map`; reports a duplicate with where the first was. */
bool pln__register_id(struct pln_load *L, struct pln_strmap *map,
                      const char *id, int index, yaml_node_t *at,
                      const char *what, const struct pln_loc *locs,
                      size_t loc_stride)
{
    int existing = -1;
    int r = pln__strmap_put(map, id, index, &existing);
    if (r < 0) {
        L->oom = true;
        return false;
    }
    if (r == 0) {
        /* Without locations, the map's values are the lines themselves. */
        int line = locs ? ((const struct pln_loc *)((const char *)locs +
                                                    (size_t)existing *
                                                        loc_stride))
                              ->line
                        : existing;
        pln__load_error(L, at,
                        "duplicate %s id '%s' (first defined at line "
                        "%d)",
                        what, id, line);
        return false;
    }
    return true;
}

int pln__lookup(struct pln_load *L, const struct pln_strmap *map,
                yaml_node_t *at, const char *what)
{
    const char *s = pln__scalar(at);
    int i;
    if (!s || pln__is_null(at)) {
        pln__load_error(L, at, "%s must be an id", what);
        return -1;
    }
    i = pln__strmap_get(map, s);
    if (i < 0)
        pln__load_error(L, at, "unknown %s '%s'", what, s);
    return i;
}

/* ---------------------------------------------------------------- program */

static const char *const program_keys[] = {
    "id", "name", "timezone", "start", "now", "calendar", "objective", NULL};

static bool valid_timezone(const char *tz)
{
    /* An IANA name: Area/Location, letters, digits, '_', '-', '+', '/'. */
    size_t n = strlen(tz);
    if (n == 0 || n > 64 || tz[0] == '/' || tz[n - 1] == '/' ||
        strstr(tz, "..") || strstr(tz, "//"))
        return false;
    if (!strcmp(tz, "UTC"))
        return true;
    if (!strchr(tz, '/'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = tz[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' ||
              c == '/'))
            return false;
    }
    return true;
}

static void parse_program(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_t *v;

    m->timezone = "Asia/Shanghai";
    m->now = -1;
    m->start = PLN_DATE_NONE;
    if (!n) {
        pln__load_error_loc(L, (struct pln_loc){1, 1, false},
                            "missing 'program' (id, name, start)");
        return;
    }
    if (!pln__map_check(L, n, "program", program_keys))
        return;
    pln__entry_id(L, n, "program", &m->id);
    if ((v = pln__map_get(L, n, "name")))
        pln__get_str(L, v, "program name", &m->name);
    else
        pln__load_error(L, n, "program needs a 'name'");
    if ((v = pln__map_get(L, n, "timezone"))) {
        const char *tz = NULL;
        if (pln__get_str(L, v, "timezone", &tz)) {
            if (valid_timezone(tz))
                m->timezone = tz;
            else
                pln__load_error(L, v,
                                "timezone '%s' is not an IANA time zone name "
                                "such as Asia/Shanghai",
                                tz);
        }
    }
    if ((v = pln__map_get(L, n, "start")))
        pln__get_date(L, v, "program start", &m->start);
    else
        pln__load_error(L, n, "program needs a 'start' date");
    if ((v = pln__map_get(L, n, "now"))) {
        const char *s = pln__scalar(v);
        pln_status st = s ? pln_timestamp_parse(s, &m->now) : PLN_ESYNTAX;
        if (st != PLN_OK)
            pln__load_error(L, v,
                            "'now' must be a UTC time stamp "
                            "YYYY-MM-DDTHH:MM:SSZ");
    }
    B->default_calendar_node = pln__map_get(L, n, "calendar");
    if ((v = pln__map_get(L, n, "objective"))) {
        const char *s = pln__scalar(v);
        if (s && !strcmp(s, "weighted_lateness"))
            m->objective = PLN_OBJ_WEIGHTED_LATENESS;
        else if (s && !strcmp(s, "makespan"))
            m->objective = PLN_OBJ_MAKESPAN;
        else if (s && !strcmp(s, "late_sites"))
            m->objective = PLN_OBJ_LATE_SITES;
        else
            pln__load_error(L, v,
                            "objective must be weighted_lateness, "
                            "makespan or late_sites");
    }
}

/* ------------------------------------------------------- crews and people */

static const char *const crew_keys[] = {"id",    "name",       "count",
                                        "calendar", "units", "extra_cost",
                                        "extra_cost_per_month",
                                        NULL};
static const char *const unit_keys[] = {"id", "name", NULL};
static const char *const person_keys[] = {"id",    "name",   "role",
                                          "email", "visits", NULL};
static const char *const visit_keys[] = {"every", "on", "day", "calendar",
                                         NULL};

/* `units`: the crews of a kind by name; their number is the count. */
static void parse_units(struct pln_build *B, yaml_node_t *n,
                        struct pln_crew *c, struct pln_strmap *ids,
                        yaml_node_t *count_node)
{
    struct pln_load *L = B->L;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "units", &it);
    struct pln_crew_unit *u =
        count ? pln__load_array(L, count, sizeof(*u)) : NULL;

    if (count == 0) {
        pln__load_error(L, n, "'units' must name at least one crew");
        return;
    }
    for (size_t i = 0; i < count && u; i++) {
        yaml_node_t *un = pln__node(L, it[i]), *v;
        struct pln_crew_unit *x = &u[c->n_units];
        if (!pln__map_check(L, un, "crew unit", unit_keys))
            continue;
        x->loc = pln__load_loc(un);
        if (!(v = pln__entry_id(L, un, "crew unit", &x->id)) ||
            !pln__register_id(L, ids, x->id, pln__load_loc(v).line, v,
                              "crew or crew unit", NULL, 0))
            continue;
        if ((v = pln__map_get(L, un, "name")))
            pln__get_str(L, v, "crew unit name", &x->name);
        if (!x->name)
            x->name = x->id;
        c->n_units++;
    }
    if (count_node && c->n_units == count && c->count != (int)count)
        pln__load_error(L, count_node,
                        "crew '%s' has count %d but names %zu units", c->id,
                        c->count, count);
    c->units = u;
    if (!count_node && c->n_units == count)
        c->count = (int)count;
}

static void parse_crews(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "crews", &it);

    struct pln_strmap ids; /* crew and unit ids: units name files too */

    pln__strmap_init(&ids);
    m->crews = count ? pln__load_array(L, count, sizeof(*m->crews)) : NULL;
    for (size_t i = 0; i < count && m->crews; i++) {
        yaml_node_t *cn = pln__node(L, it[i]), *v;
        struct pln_crew *c = &m->crews[m->n_crews];
        if (!pln__map_check(L, cn, "crew", crew_keys))
            continue;
        c->loc = pln__load_loc(cn);
        c->count = 1;
        c->calendar = m->default_calendar;
        if (!(v = pln__entry_id(L, cn, "crew", &c->id)) ||
            !pln__register_id(L, &B->crews, c->id, (int)m->n_crews, v, "crew",
                              &m->crews[0].loc, sizeof(*c)) ||
            !pln__register_id(L, &ids, c->id, pln__load_loc(v).line, v,
                              "crew or crew unit", NULL, 0))
            continue;
        if ((v = pln__map_get(L, cn, "name")))
            pln__get_str(L, v, "crew name", &c->name);
        if ((v = pln__map_get(L, cn, "count")))
            pln__get_int(L, v, "crew count", 1, 100000, &c->count);
        if ((v = pln__map_get(L, cn, "calendar"))) {
            int k = pln__lookup(L, &B->calendars, v, "calendar");
            if (k >= 0)
                c->calendar = k;
        }
        if ((v = pln__map_get(L, cn, "units")))
            parse_units(B, v, c, &ids, pln__map_get(L, cn, "count"));
        if ((v = pln__map_get(L, cn, "extra_cost")))
            c->can_add = pln__get_number(L, v, "extra_cost", 0, 1e15,
                                         &c->extra_cost);
        if ((v = pln__map_get(L, cn, "extra_cost_per_month"))) {
            if (c->can_add)
                pln__load_error(L, v,
                                "crew '%s': give extra_cost (for the whole "
                                "program) or extra_cost_per_month, not both",
                                c->id);
            else
                c->can_add = c->per_month = pln__get_number(
                    L, v, "extra_cost_per_month", 0, 1e15, &c->extra_cost);
        }
        if (!c->name)
            c->name = c->id;
        m->n_crews++;
    }
    pln__strmap_release(&ids);
}

static void parse_people(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "people", &it);

    m->people = count ? pln__load_array(L, count, sizeof(*m->people)) : NULL;
    for (size_t i = 0; i < count && m->people; i++) {
        yaml_node_t *pn = pln__node(L, it[i]), *v;
        struct pln_person *p = &m->people[m->n_people];
        if (!pln__map_check(L, pn, "person", person_keys))
            continue;
        p->loc = pln__load_loc(pn);
        if (!(v = pln__entry_id(L, pn, "person", &p->id)) ||
            !pln__register_id(L, &B->people, p->id, (int)m->n_people, v,
                              "person", &m->people[0].loc, sizeof(*p)))
            continue;
        if ((v = pln__map_get(L, pn, "name")))
            pln__get_str(L, v, "person name", &p->name);
        else
            pln__load_error(L, pn, "person needs a 'name'");
        if ((v = pln__map_get(L, pn, "role")))
            pln__get_str(L, v, "role", &p->role);
        if ((v = pln__map_get(L, pn, "email"))) {
            if (pln__get_str(L, v, "email", &p->email) && p->email &&
                (!strchr(p->email, '@') || strpbrk(p->email, " \t\r\n,;:")))
                pln__load_error(L, v, "email '%s' is not an address", p->email);
        }
        if ((v = pln__map_get(L, pn, "visits")) &&
            pln__map_check(L, v, "visits", visit_keys))
            p->visits = pln__parse_recurrence(B, v, "visits", &p->visit);
        m->n_people++;
    }
}

/* ------------------------------------------------------------ dependencies */

static const char *const dep_keys[] = {"task", "type", "lag", NULL};

static bool parse_kind(const char *s, size_t n, enum pln_dep_kind *kind)
{
    static const char *const names[] = {"FS", "SS", "FF", "SF"};
    for (int k = 0; k < 4; k++)
        if (n == 2 && !strncmp(s, names[k], 2)) {
            *kind = (enum pln_dep_kind)k;
            return true;
        }
    return false;
}

/*
 * One dependency reference: "task", "task SS", "task FS+2", "task -1", or
 * {task, type, lag}. The referenced id is returned unresolved.
 */
bool pln__parse_dep(struct pln_load *L, yaml_node_t *n, struct pln_raw_dep *d)
{
    const char *s = pln__scalar(n);
    d->at = n;
    d->kind = PLN_DEP_FS;
    d->lag = 0;
    if (s && !pln__is_null(n)) {
        const char *sp = strchr(s, ' ');
        const char *rest;
        char *end;
        long lag = 0;
        d->ref = pln__load_strdup(L, s);
        if (!d->ref)
            return false;
        if (!sp)
            return true;
        ((char *)d->ref)[sp - s] = '\0';
        rest = sp;
        while (*rest == ' ')
            rest++;
        if (parse_kind(rest, 2, &d->kind) ||
            (rest[0] && rest[1] && parse_kind(rest, 2, &d->kind)))
            rest += 2;
        if (*rest == '+' || *rest == '-') {
            errno = 0;
            lag = strtol(rest, &end, 10);
            if (end == rest + 1 || *end)
                goto bad;
            if (errno == ERANGE || lag < -1000 || lag > 1000) {
                pln__load_error(L, n,
                                "lag %s is out of range (-1000 to "
                                "1000 working days)",
                                rest);
                return false;
            }
            d->lag = (int)lag;
        } else if (*rest) {
            goto bad;
        }
        return true;
    bad:
        pln__load_error(L, n,
                        "dependency '%s' must read 'TASK', 'TASK TYPE', "
                        "'TASK TYPE+LAG' or 'TASK -LAG' (TYPE is FS, SS, FF "
                        "or SF)",
                        s);
        return false;
    } else {
        yaml_node_t *t, *ty, *lg;
        if (!pln__map_check(L, n, "dependency", dep_keys))
            return false;
        if (!(t = pln__map_get(L, n, "task"))) {
            pln__load_error(L, n, "dependency needs a 'task'");
            return false;
        }
        if (!pln__get_str(L, t, "dependency task", &d->ref))
            return false;
        d->at = t;
        if ((ty = pln__map_get(L, n, "type"))) {
            const char *k = pln__scalar(ty);
            if (!k || !parse_kind(k, strlen(k), &d->kind)) {
                pln__load_error(L, ty,
                                "dependency type must be FS, SS, FF "
                                "or SF");
                return false;
            }
        }
        if ((lg = pln__map_get(L, n, "lag")) &&
            !pln__get_int(L, lg, "lag", -1000, 1000, &d->lag))
            return false;
        return true;
    }
}

/* ---------------------------------------------------------- template tasks */

static const char *const task_keys[] = {
    "id", "name", "duration", "crews", "calendar", "after", "before",
    "cost", "crash", "spend", NULL};
static const char *const crash_keys[] = {"duration", "cost_per_day", NULL};

/* cost: N and crash: {duration: N, cost_per_day: X} of a task. */
static void parse_money(struct pln_load *L, yaml_node_t *n,
                        struct pln_tmpl_task *t)
{
    yaml_node_t *v, *c;
    t->money.crash_duration = 0;
    if ((v = pln__map_get(L, n, "cost")))
        pln__get_number(L, v, "cost", 0, 1e15, &t->money.cost);
    if ((v = pln__map_get(L, n, "spend")))
        t->money.spend_set = pln__get_spend(L, v, &t->money.spend);
    if (!(c = pln__map_get(L, n, "crash")))
        return;
    t->money.crash_loc = pln__load_loc(c);
    if (!pln__map_check(L, c, "crash", crash_keys))
        return;
    if (t->duration == 0) {
        pln__load_error(L, c,
                        "task '%s' is a milestone (duration 0): it cannot be "
                        "shortened",
                        t->id ? t->id : "");
        return;
    }
    if (!(v = pln__map_get(L, c, "duration"))) {
        pln__load_error(L, c,
                        "a crash option needs 'duration': the fewest working "
                        "days the task can be done in");
        return;
    }
    if (!pln__get_int(L, v, "crash duration", 1, 10000,
                      &t->money.crash_duration))
        return;
    if (t->money.crash_duration > t->duration) {
        pln__load_error(L, v,
                        "crash duration %d is longer than the task's duration "
                        "%d: it would not shorten it",
                        t->money.crash_duration, t->duration);
        t->money.crash_duration = 0;
        return;
    }
    if (!(v = pln__map_get(L, c, "cost_per_day"))) {
        pln__load_error(L, c,
                        "a crash option needs 'cost_per_day': what each "
                        "working day saved costs");
        t->money.crash_duration = 0;
        return;
    }
    if (!pln__get_number(L, v, "cost_per_day", 0, 1e12, &t->money.crash_cost))
        t->money.crash_duration = 0;
}

/*
 * Reads the common fields of a task (template task or a site's own task)
 * into `t`, and its 'after'/'before' lists into `deps` (unresolved).
 */
bool pln__parse_task(struct pln_build *B, yaml_node_t *n, int default_cal,
                     bool allow_before, struct pln_tmpl_task *t,
                     struct pln_raw_dep **deps, size_t *n_deps)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_t *v;
    size_t na = 0, nb = 0;
    yaml_node_item_t *ia = NULL, *ib = NULL;

    if (!pln__map_check(L, n, "task", task_keys))
        return false;
    t->loc = pln__load_loc(n);
    t->calendar = default_cal;
    if (!(v = pln__entry_id(L, n, "task", &t->id)))
        return false;
    if ((v = pln__map_get(L, n, "name")))
        pln__get_str(L, v, "task name", &t->name);
    if (!t->name)
        t->name = t->id;
    if ((v = pln__map_get(L, n, "duration")))
        pln__get_int(L, v, "duration", 0, 10000, &t->duration);
    else
        pln__load_error(L, n,
                        "task '%s' needs a 'duration' in working days "
                        "(0 for a milestone)",
                        t->id);
    if ((v = pln__map_get(L, n, "calendar"))) {
        int k = pln__lookup(L, &B->calendars, v, "calendar");
        if (k >= 0)
            t->calendar = k;
    }
    parse_money(L, n, t);
    if ((v = pln__map_get(L, n, "crews"))) {
        static const char *const none[] = {NULL};
        yaml_node_pair_t *p;
        if (v->type != YAML_MAPPING_NODE) {
            pln__map_check(L, v, "crews", none);
        } else {
            size_t cnt = (size_t)(v->data.mapping.pairs.top -
                                  v->data.mapping.pairs.start);
            t->demands = pln__load_array(L, cnt, sizeof(*t->demands));
            for (p = v->data.mapping.pairs.start;
                 t->demands && p < v->data.mapping.pairs.top; p++) {
                yaml_node_t *k = pln__node(L, p->key);
                yaml_node_t *a = pln__node(L, p->value);
                int crew = pln__lookup(L, &B->crews, k, "crew");
                int amount;
                bool dup = false;
                if (crew < 0 ||
                    !pln__get_int(L, a, "crew demand", 1, 100000, &amount))
                    continue;
                for (size_t q = 0; q < t->n_demands; q++)
                    dup |= t->demands[q].crew == crew;
                if (dup) {
                    pln__load_error(L, k, "crew '%s' listed twice",
                                    m->crews[crew].id);
                    continue;
                }
                if (amount > m->crews[crew].count) {
                    pln__load_error(L, a,
                                    "task '%s' needs %d crews of '%s' but "
                                    "only %d exist",
                                    t->id, amount, m->crews[crew].id,
                                    m->crews[crew].count);
                    continue;
                }
                t->demands[t->n_demands].crew = crew;
                t->demands[t->n_demands].amount = amount;
                t->n_demands++;
            }
        }
    }
    if ((v = pln__map_get(L, n, "after")))
        na = pln__seq(L, v, "after", &ia);
    if ((v = pln__map_get(L, n, "before"))) {
        if (!allow_before)
            pln__load_error(L, v,
                            "'before' is only for a site's own tasks; "
                            "in a template, list 'after' on the later "
                            "task");
        else
            nb = pln__seq(L, v, "before", &ib);
    }
    *deps = na + nb ? pln__load_array(L, na + nb, sizeof(**deps)) : NULL;
    *n_deps = 0;
    for (size_t i = 0; i < na + nb && *deps; i++) {
        struct pln_raw_dep *d = &(*deps)[*n_deps];
        yaml_node_t *dn = pln__node(L, i < na ? ia[i] : ib[i - na]);
        if (pln__parse_dep(L, dn, d)) {
            d->before = i >= na;
            (*n_deps)++;
        }
    }
    return t->id != NULL;
}

static const char *const template_keys[] = {"id", "name", "calendar", "tasks",
                                            NULL};

static void parse_templates(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "templates", &it), total = 0;

    m->templates =
        count ? pln__load_array(L, count, sizeof(*m->templates)) : NULL;
    B->tmpl_deps =
        count ? pln__load_array(L, count, sizeof(*B->tmpl_deps)) : NULL;
    /* Size the task array for every template first. */
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *tn = pln__node(L, it[i]);
        yaml_node_t *ts = pln__map_get(L, tn, "tasks");
        if (ts && ts->type == YAML_SEQUENCE_NODE)
            total += (size_t)(ts->data.sequence.items.top -
                              ts->data.sequence.items.start);
    }
    m->tmpl_tasks =
        total ? pln__load_array(L, total, sizeof(*m->tmpl_tasks)) : NULL;
    if (!m->templates || !B->tmpl_deps || (total && !m->tmpl_tasks))
        return;
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *tn = pln__node(L, it[i]), *v;
        struct pln_template *tp = &m->templates[m->n_templates];
        struct pln_tmpl_deps *td = &B->tmpl_deps[m->n_templates];
        struct pln_strmap local;
        yaml_node_item_t *ti;
        size_t nt;
        int cal = m->default_calendar;

        if (!pln__map_check(L, tn, "template", template_keys))
            continue;
        tp->loc = pln__load_loc(tn);
        if (!(v = pln__entry_id(L, tn, "template", &tp->id)) ||
            !pln__register_id(L, &B->templates, tp->id, (int)m->n_templates, v,
                              "template", &m->templates[0].loc, sizeof(*tp)))
            continue;
        if ((v = pln__map_get(L, tn, "name")))
            pln__get_str(L, v, "template name", &tp->name);
        if (!tp->name)
            tp->name = tp->id;
        if ((v = pln__map_get(L, tn, "calendar"))) {
            int k = pln__lookup(L, &B->calendars, v, "calendar");
            if (k >= 0)
                cal = k;
        }
        tp->first_task = m->n_tmpl_tasks;
        if (!(v = pln__map_get(L, tn, "tasks"))) {
            pln__load_error(L, tn, "template '%s' needs 'tasks'", tp->id);
            m->n_templates++;
            continue;
        }
        nt = pln__seq(L, v, "tasks", &ti);
        pln__strmap_init(&local);
        td->raw = nt ? pln__load_array(L, nt, sizeof(*td->raw)) : NULL;
        td->n_raw = nt ? pln__load_array(L, nt, sizeof(*td->n_raw)) : NULL;
        for (size_t k = 0; k < nt && td->raw && td->n_raw; k++) {
            struct pln_tmpl_task *t = &m->tmpl_tasks[m->n_tmpl_tasks];
            size_t idx = tp->n_tasks;
            int prev = -1, r;
            if (!pln__parse_task(B, pln__node(L, ti[k]), cal, false, t,
                                 &td->raw[idx], &td->n_raw[idx]))
                continue;
            r = pln__strmap_put(&local, t->id, (int)idx, &prev);
            if (r < 0) {
                L->oom = true;
                break;
            }
            if (r == 0) {
                pln__load_error_loc(
                    L, t->loc,
                    "duplicate task id '%s' in template '%s' "
                    "(first defined at line %d)",
                    t->id, tp->id,
                    m->tmpl_tasks[tp->first_task + (size_t)prev].loc.line);
                continue;
            }
            tp->n_tasks++;
            m->n_tmpl_tasks++;
        }
        /* Resolve the template's own dependencies. */
        for (size_t k = 0; k < tp->n_tasks; k++) {
            for (size_t q = 0; q < td->n_raw[k]; q++) {
                struct pln_raw_dep *d = &td->raw[k][q];
                d->pred = pln__strmap_get(&local, d->ref);
                if (d->pred < 0) {
                    if (strchr(d->ref, '/'))
                        pln__load_error(L, d->at,
                                        "a template cannot depend on another "
                                        "site's task '%s'; put the dependency "
                                        "on the site",
                                        d->ref);
                    else
                        pln__load_error(L, d->at,
                                        "unknown task '%s' in template '%s'",
                                        d->ref, tp->id);
                } else if ((size_t)d->pred == k) {
                    pln__load_error(L, d->at, "task '%s' depends on itself",
                                    d->ref);
                    d->pred = -1;
                }
            }
        }
        pln__strmap_release(&local);
        m->n_templates++;
    }
}

/* ------------------------------------------------------------------ sites */

static const char *const site_keys[] = {
    "id",          "name",      "template", "weight",    "tags",
    "responsible", "durations", "tasks",    "deadlines", "kind",
    "area",        NULL};

static void parse_sites(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "sites", &it);

    m->sites = count ? pln__load_array(L, count, sizeof(*m->sites)) : NULL;
    B->site_nodes =
        count ? pln__load_array(L, count, sizeof(*B->site_nodes)) : NULL;
    for (size_t i = 0; i < count && m->sites && B->site_nodes; i++) {
        yaml_node_t *sn = pln__node(L, it[i]), *v;
        struct pln_site *s = &m->sites[m->n_sites];
        if (!pln__map_check(L, sn, "site", site_keys))
            continue;
        s->loc = pln__load_loc(sn);
        s->weight = 1.0;
        s->template = -1;
        if (!(v = pln__entry_id(L, sn, "site", &s->id)) ||
            !pln__register_id(L, &B->sites, s->id, (int)m->n_sites, v, "site",
                              &m->sites[0].loc, sizeof(*s)))
            continue;
        if ((v = pln__map_get(L, sn, "name")))
            pln__get_str(L, v, "site name", &s->name);
        if (!s->name)
            s->name = s->id;
        if ((v = pln__map_get(L, sn, "template")))
            s->template = pln__lookup(L, &B->templates, v, "template");
        else if (!pln__map_get(L, sn, "tasks"))
            pln__load_error(L, sn,
                            "site '%s' needs a 'template' or its own "
                            "'tasks'",
                            s->id);
        if ((v = pln__map_get(L, sn, "weight")))
            pln__get_number(L, v, "weight", 0.0, 1e6, &s->weight);
        if ((v = pln__map_get(L, sn, "kind")))
            pln__get_id(L, v, "kind of work", &s->work_kind);
        if ((v = pln__map_get(L, sn, "area")))
            pln__get_number(L, v, "area", 1e-3, 1e7, &s->area);
        if ((v = pln__map_get(L, sn, "tags"))) {
            yaml_node_item_t *ti;
            size_t nt = pln__seq(L, v, "tags", &ti);
            s->tags = nt ? pln__load_array(L, nt, sizeof(*s->tags)) : NULL;
            for (size_t k = 0; k < nt && s->tags; k++)
                if (pln__get_id(L, pln__node(L, ti[k]), "tag",
                                &s->tags[s->n_tags]))
                    s->n_tags++;
        }
        if ((v = pln__map_get(L, sn, "responsible"))) {
            yaml_node_item_t *pi;
            size_t np = pln__seq(L, v, "responsible", &pi);
            s->people = np ? pln__load_array(L, np, sizeof(*s->people)) : NULL;
            for (size_t k = 0; k < np && s->people; k++) {
                int p =
                    pln__lookup(L, &B->people, pln__node(L, pi[k]), "person");
                if (p >= 0)
                    s->people[s->n_people++] = p;
            }
        }
        B->site_nodes[m->n_sites++] = sn;
    }
}

/* -------------------------------------------------------------- document */

static const char *const root_keys[] = {
    "program", "calendars", "crews",     "people", "templates",
    "sites",   "deadlines", "reporting", "export", "funding", NULL};

static void build_release(struct pln_build *B)
{
    pln__strmap_release(&B->calendars);
    pln__strmap_release(&B->crews);
    pln__strmap_release(&B->people);
    pln__strmap_release(&B->templates);
    pln__strmap_release(&B->sites);
    pln__strmap_release(&B->tasks);
}

pln_model *pln__model_from_document(struct pln_load *L, yaml_node_t *root)
{
    struct pln_build B;
    pln_model *m;
    struct pln_model_int *mi;
    yaml_node_t *v;
    bool failed;

    memset(&B, 0, sizeof(B));
    B.L = L;
    m = pln__load_array(L, 1, sizeof(*m));
    mi = pln__load_array(L, 1, sizeof(*mi));
    if (!m || !mi)
        goto oom;
    B.m = m;
    m->source = pln__load_strdup(L, L->source);
    if (!pln__map_check(L, root, "the model", root_keys))
        return NULL;
    parse_program(&B, pln__map_get(L, root, "program"));
    pln__parse_calendars(&B, pln__map_get(L, root, "calendars"));
    if (B.default_calendar_node) {
        int k =
            pln__lookup(L, &B.calendars, B.default_calendar_node, "calendar");
        m->default_calendar = k >= 0 ? k : 0;
    }
    if ((v = pln__map_get(L, root, "crews")))
        parse_crews(&B, v);
    if ((v = pln__map_get(L, root, "people")))
        parse_people(&B, v);
    if ((v = pln__map_get(L, root, "reporting")))
        pln__parse_reporting(&B, v);
    pln__parse_export(&B, pln__map_get(L, root, "export"));
    if ((v = pln__map_get(L, root, "templates")))
        parse_templates(&B, v);
    if ((v = pln__map_get(L, root, "sites")))
        parse_sites(&B, v);
    else
        pln__load_error(L, root, "the model needs 'sites'");
    if (L->oom || L->too_big)
        goto oom;
    pln__check_template_cycles(&B);
    if (!L->oom && L->errors == 0)
        pln__expand_sites(&B);
    if (!L->oom && L->errors == 0)
        pln__parse_deadlines(&B, pln__map_get(L, root, "deadlines"));
    if (!L->oom && L->errors == 0)
        pln__check_cycles(&B);
    if (!L->oom && L->errors == 0)
        pln__parse_funding(&B, pln__map_get(L, root, "funding"));
    failed = L->oom || L->too_big || L->errors != 0;
    if (L->oom)
        goto oom;
    if (failed) {
        build_release(&B);
        return NULL;
    }
    /* The model takes over the arena and the lookup maps. */
    mi->arena = *L->arena;
    mi->sites = B.sites;
    mi->tasks = B.tasks;
    B.sites.keys = NULL;
    B.tasks.keys = NULL;
    pln__strmap_init(&B.sites);
    pln__strmap_init(&B.tasks);
    build_release(&B);
    m->internal = mi;
    return m;
oom:
    if (L->oom)
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ENOMEM, L->source, 0, 0,
                      "out of memory");
    build_release(&B);
    return NULL;
}

void pln_model_free(pln_model *m)
{
    struct pln_model_int *mi;
    struct pln_arena arena;
    if (!m)
        return;
    mi = m->internal;
    pln__strmap_release(&mi->sites);
    pln__strmap_release(&mi->tasks);
    arena = mi->arena; /* m and mi live in the arena itself */
    pln__arena_release(&arena);
}

int pln_model_find_task(const pln_model *m, const char *id)
{
    const struct pln_model_int *mi = m->internal;
    return pln__strmap_get(&mi->tasks, id);
}

int pln_model_find_site(const pln_model *m, const char *id)
{
    const struct pln_model_int *mi = m->internal;
    return pln__strmap_get(&mi->sites, id);
}
