/*
 * out_json.c -- schedule.json: the schedule as data (jansson builds and
 * serialises it; keys keep insertion order, so the bytes are stable).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "pln_planner.h"

static json_t *jdate(pln_date d)
{
    char buf[11];
    pln_date_format(d, buf);
    return json_string(buf);
}

static const char *kind_name(enum pln_constraint_kind k)
{
    switch (k) {
    case PLN_CONS_FINISH_BY:
        return "finish_by";
    case PLN_CONS_START_WITHIN:
        return "start_within";
    default:
        return "start_not_before";
    }
}

/* json_object_set_new that remembers a failure instead of checking each. */
static void put(json_t *o, const char *k, json_t *v, bool *ok)
{
    if (!v || json_object_set_new(o, k, v) != 0)
        *ok = false;
}

static void push(json_t *a, json_t *v, bool *ok)
{
    if (!v || json_array_append_new(a, v) != 0)
        *ok = false;
}

/* An integral value as an integer, else a real: the bytes stay stable. */
static json_t *number(double v)
{
    if (v == (double)(json_int_t)v)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* (value - bound) / value; 0 when proven or when both are 0. */
static json_t *gap(const pln_schedule *s)
{
    double v = s->objective_value, b = s->lower_bound;
    if (s->status != PLN_SOLVED_OPTIMAL && s->status != PLN_SOLVED_FEASIBLE)
        return json_null();
    if (v <= b || v <= 0)
        return json_integer(0);
    return json_real((v - b) / v);
}

/* An infeasible program or a solve without a schedule has no times. */
static bool has_times(const pln_schedule *s)
{
    return s->status == PLN_SOLVED_OPTIMAL ||
           s->status == PLN_SOLVED_FEASIBLE || !s->crews_limiting;
}

/* Working days from plan start to a task's start. A PSPLIB job starts in
 * a period: a dummy job when its predecessors have finished (0 without
 * any), which our milestones (reached at the end of a day) express one day
 * earlier. */
static int32_t start_day(const pln_schedule *s, size_t j)
{
    const pln_model *m = s->model;
    const struct pln_task *t = &m->tasks[j];
    int32_t v = 0;
    if (m->format != PLN_FORMAT_PSPLIB || t->duration > 0)
        return s->tasks[j].start_day;
    for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
        size_t i = (size_t)m->deps[e].pred;
        int32_t f = start_day(s, i) + m->tasks[i].duration;
        if (f > v)
            v = f;
    }
    return v;
}

pln_status pln_write_schedule_json(const pln_schedule *s, char **out,
                                   size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    json_t *root = json_object(), *prog = json_object(),
           *tasks = json_array(), *crit = json_array(),
           *dls = json_array(), *warn = json_array(), *sites = json_array();
    bool ok = root && prog && tasks && crit && dls && warn && sites;
    char *text = NULL;

    if (ok) {
        put(prog, "id", json_string(m->id), &ok);
        put(prog, "name", json_string(m->name), &ok);
        put(prog, "timezone", json_string(m->timezone), &ok);
        put(prog, "start", jdate(m->start), &ok);
        put(root, "program", prog, &ok);
        prog = NULL;
        /* Without crew limits the early schedule minimises every finish at
         * once, so it is optimal for any objective that rewards finishing
         * earlier. */
        put(root, "status", json_string(pln_solve_status_name(s->status)),
            &ok);
        put(root, "method",
            json_string(s->method ? s->method : "critical_path"), &ok);
        put(root, "crews_limiting", json_boolean(s->crews_limiting), &ok);
        if (s->crews_limiting) {
            json_t *obj = json_object();
            if (obj) {
                put(obj, "kind", json_string(pln_objective_name(s->objective)),
                    &ok);
                put(obj, "value", number(s->objective_value), &ok);
                put(obj, "lower_bound", number(s->lower_bound), &ok);
                put(obj, "gap", gap(s), &ok);
            }
            put(root, "objective", obj, &ok);
            put(root, "lower_bound", number(s->lower_bound), &ok);
            put(root, "gap", gap(s), &ok);
        }
        if (s->n_reasons) {
            json_t *why = json_array();
            for (size_t k = 0; why && k < s->n_reasons; k++)
                push(why, json_string(s->reasons[k]), &ok);
            put(root, "infeasible", why, &ok);
        }
        put(root, "start", jdate(m->start), &ok);
        put(root, "finish", jdate(s->finish), &ok);
        put(root, "makespan", json_integer(s->makespan), &ok);
        put(root, "deadlines_missed", json_integer((json_int_t)s->n_late),
            &ok);
    }
    for (size_t j = 0; ok && j < s->n_tasks && has_times(s); j++) {
        const struct pln_task *t = &m->tasks[j];
        const struct pln_task_times *x = &s->tasks[j];
        json_t *o = json_object();
        if (!o) {
            ok = false;
            break;
        }
        put(o, "id",
            json_string(m->format == PLN_FORMAT_PSPLIB ? t->local_id : t->id),
            &ok);
        put(o, "site", json_string(m->sites[t->site].id), &ok);
        put(o, "task", json_string(t->local_id), &ok);
        put(o, "name", json_string(t->name), &ok);
        put(o, "duration", json_integer(t->duration), &ok);
        put(o, "calendar", json_string(m->calendars[t->calendar].id), &ok);
        put(o, "start", jdate(x->start), &ok);
        put(o, "finish", jdate(x->finish), &ok);
        put(o, "start_day", json_integer(start_day(s, j)), &ok);
        put(o, "early_start", jdate(x->start), &ok);
        put(o, "early_finish", jdate(x->finish), &ok);
        put(o, "late_start", jdate(x->late_start), &ok);
        put(o, "late_finish", jdate(x->late_finish), &ok);
        put(o, "total_float", json_integer(x->total_float), &ok);
        put(o, "critical", json_boolean(x->critical), &ok);
        push(tasks, o, &ok);
        if (x->critical)
            push(crit, json_string(t->id), &ok);
    }
    for (size_t r = 0; ok && r < s->n_deadlines && has_times(s); r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        json_t *o = json_object();
        if (!o) {
            ok = false;
            break;
        }
        put(o, "id", json_string(c->id), &ok);
        put(o, "site", json_string(m->sites[c->site].id), &ok);
        put(o, "task", c->task >= 0 ? json_string(m->tasks[c->task].id)
                                    : json_null(),
            &ok);
        put(o, "name", c->name ? json_string(c->name) : json_null(), &ok);
        put(o, "kind", json_string(kind_name(c->kind)), &ok);
        put(o, "date", jdate(d->date), &ok);
        put(o, "planned", jdate(d->planned), &ok);
        put(o, "slack", json_integer(d->slack), &ok);
        put(o, "met", json_boolean(d->met), &ok);
        put(o, "hard", json_boolean(c->hard), &ok);
        put(o, "decided_by", json_string(m->tasks[d->task].id), &ok);
        push(dls, o, &ok);
    }
    for (size_t i = 0; ok && i < m->n_sites; i++) {
        const struct pln_site *site = &m->sites[i];
        json_t *o = json_object(), *tags = json_array(), *ppl = json_array();
        if (!o || !tags || !ppl) {
            json_decref(o);
            json_decref(tags);
            json_decref(ppl);
            ok = false;
            break;
        }
        put(o, "id", json_string(site->id), &ok);
        put(o, "name", json_string(site->name), &ok);
        put(o, "weight", json_real(site->weight), &ok);
        for (size_t k = 0; k < site->n_tags; k++)
            push(tags, json_string(site->tags[k]), &ok);
        put(o, "tags", tags, &ok);
        for (size_t k = 0; k < site->n_people; k++) {
            const struct pln_person *p = &m->people[site->people[k]];
            json_t *pj = json_object();
            if (pj) {
                put(pj, "id", json_string(p->id), &ok);
                put(pj, "name", json_string(p->name), &ok);
                put(pj, "role", p->role ? json_string(p->role) : json_null(),
                    &ok);
            }
            push(ppl, pj, &ok);
        }
        put(o, "responsible", ppl, &ok);
        push(sites, o, &ok);
    }
    for (size_t c = 0; ok && c < m->n_calendars; c++) {
        const struct pln_calendar_def *cal = &m->calendars[c];
        for (size_t k = 0; k < cal->n_years; k++) {
            char msg[200];
            if (!cal->years[k].provisional)
                continue;
            snprintf(msg, sizeof(msg),
                     "the %d public holidays of calendar '%s' are provisional",
                     cal->years[k].year, cal->id);
            push(warn, json_string(msg), &ok);
        }
    }
    for (size_t k = 0; ok && k < s->n_missing_years; k++) {
        char msg[200];
        snprintf(msg, sizeof(msg),
                 "no public holiday data for %d in calendar '%s'",
                 s->missing_years[k].year,
                 m->calendars[s->missing_years[k].calendar].id);
        push(warn, json_string(msg), &ok);
    }
    if (ok) {
        put(root, "sites", sites, &ok);
        sites = NULL;
        put(root, "tasks", tasks, &ok);
        tasks = NULL;
        put(root, "critical_path", crit, &ok);
        crit = NULL;
        put(root, "deadlines", dls, &ok);
        dls = NULL;
        put(root, "warnings", warn, &ok);
        warn = NULL;
    }
    if (ok)
        text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    json_decref(prog);
    json_decref(tasks);
    json_decref(crit);
    json_decref(dls);
    json_decref(warn);
    json_decref(sites);
    if (!text) {
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    /* jansson allocates with malloc by default; add the final newline. */
    {
        size_t n = strlen(text);
        char *p = realloc(text, n + 2);
        if (!p) {
            free(text);
            pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
            return PLN_ENOMEM;
        }
        p[n] = '\n';
        p[n + 1] = '\0';
        *out = p;
        *len = n + 1;
    }
    return PLN_OK;
}
