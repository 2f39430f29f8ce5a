/*
 * out_json.c -- schedule.json: the schedule as data (jansson builds and
 * serialises it; keys keep insertion order, so the bytes are stable).
 */
#include <stdlib.h>
#include <string.h>

#include "json_int.h"

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

/* With tranches: when each arrives in this schedule, and the tasks the
 * money holds back. */
static json_t *funding(const pln_schedule *s, bool *ok)
{
    const pln_model *m = s->model;
    const struct pln_funding *f = &m->funding;
    json_t *o = json_object(), *trs = json_array(), *waits = json_array();
    if (!o || !trs || !waits) {
        json_decref(o);
        json_decref(trs);
        json_decref(waits);
        *ok = false;
        return NULL;
    }
    for (size_t i = 0; i < f->n_tranches; i++) {
        const struct pln_tranche *t = &f->tranches[i];
        json_t *tj = json_object();
        if (tj) {
            pln__jput(tj, "id", json_string(t->id), ok);
            pln__jput(tj, "name", json_string(t->name), ok);
            pln__jput(tj, "source", json_string(pln_source_name(t->source)),
                      ok);
            pln__jput(tj, "amount", pln__jnumber(t->amount), ok);
            pln__jput(tj, "date", pln__jdate(t->date), ok);
            pln__jput(tj, "arrives",
                      s->tranche_arrival[i] != PLN_DATE_NONE
                          ? pln__jdate(s->tranche_arrival[i])
                          : json_null(),
                      ok);
        }
        pln__jpush(trs, tj, ok);
    }
    for (size_t k = 0; k < s->n_money_waits; k++) {
        const struct pln_money_wait *w = &s->money_waits[k];
        json_t *wj = json_object();
        if (wj) {
            pln__jput(wj, "task", json_string(m->tasks[w->task].id), ok);
            pln__jput(wj, "site",
                      json_string(m->sites[m->tasks[w->task].site].id), ok);
            pln__jput(wj, "could_start", pln__jdate(w->could_start), ok);
            pln__jput(wj, "money_from", pln__jdate(w->money_from), ok);
            pln__jput(wj, "days", json_integer(w->days), ok);
            pln__jput(wj, "tranche",
                      w->tranche >= 0 ? json_string(f->tranches[w->tranche].id)
                                      : json_null(),
                      ok);
        }
        pln__jpush(waits, wj, ok);
    }
    pln__jput(o, "spend", json_string(pln_spend_name(f->spend)), ok);
    pln__jput(o, "tranches", trs, ok);
    pln__jput(o, "money_waits", waits, ok);
    return o;
}

pln_status pln_write_schedule_json(const pln_schedule *s, char **out,
                                   size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    json_t *root = json_object(), *prog = json_object(), *tasks = json_array(),
           *crit = json_array(), *dls = json_array(), *warn = json_array(),
           *sites = json_array();
    bool ok = root && prog && tasks && crit && dls && warn && sites;
    if (ok) {
        pln__jput(prog, "id", json_string(m->id), &ok);
        pln__jput(prog, "name", json_string(m->name), &ok);
        pln__jput(prog, "timezone", json_string(m->timezone), &ok);
        pln__jput(prog, "start", pln__jdate(m->start), &ok);
        pln__jput(root, "program", prog, &ok);
        prog = NULL;
        /* Without crew limits the early schedule minimises every finish at
         * once, so it is optimal for any objective that rewards finishing
         * earlier. */
        pln__jput(root, "status", json_string(pln_solve_status_name(s->status)),
                  &ok);
        pln__jput(root, "method",
                  json_string(s->method ? s->method : "critical_path"), &ok);
        pln__jput(root, "crews_limiting", json_boolean(s->crews_limiting), &ok);
        if (s->crews_limiting) {
            json_t *obj = json_object();
            if (obj) {
                pln__jput(obj, "kind",
                          json_string(pln_objective_name(s->objective)), &ok);
                pln__jput(obj, "value", pln__jnumber(s->objective_value), &ok);
                pln__jput(obj, "lower_bound", pln__jnumber(s->lower_bound),
                          &ok);
                pln__jput(obj, "gap", gap(s), &ok);
            }
            pln__jput(root, "objective", obj, &ok);
            pln__jput(root, "lower_bound", pln__jnumber(s->lower_bound), &ok);
            pln__jput(root, "gap", gap(s), &ok);
        }
        if (s->n_reasons) {
            json_t *why = json_array();
            for (size_t k = 0; why && k < s->n_reasons; k++)
                pln__jpush(why, json_string(s->reasons[k]), &ok);
            pln__jput(root, "infeasible", why, &ok);
        }
        pln__jput(root, "start", pln__jdate(m->start), &ok);
        pln__jput(root, "finish", pln__jdate(s->finish), &ok);
        pln__jput(root, "makespan", json_integer(s->makespan), &ok);
        pln__jput(root, "deadlines_missed", json_integer((json_int_t)s->n_late),
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
        pln__jput(
            o, "id",
            json_string(m->format == PLN_FORMAT_PSPLIB ? t->local_id : t->id),
            &ok);
        pln__jput(o, "site", json_string(m->sites[t->site].id), &ok);
        pln__jput(o, "task", json_string(t->local_id), &ok);
        pln__jput(o, "name", json_string(t->name), &ok);
        pln__jput(o, "duration", json_integer(t->duration), &ok);
        pln__jput(o, "calendar", json_string(m->calendars[t->calendar].id),
                  &ok);
        pln__jput(o, "start", pln__jdate(x->start), &ok);
        pln__jput(o, "finish", pln__jdate(x->finish), &ok);
        pln__jput(o, "start_day", json_integer(start_day(s, j)), &ok);
        pln__jput(o, "early_start", pln__jdate(x->start), &ok);
        pln__jput(o, "early_finish", pln__jdate(x->finish), &ok);
        pln__jput(o, "late_start", pln__jdate(x->late_start), &ok);
        pln__jput(o, "late_finish", pln__jdate(x->late_finish), &ok);
        pln__jput(o, "total_float", json_integer(x->total_float), &ok);
        pln__jput(o, "critical", json_boolean(x->critical), &ok);
        pln__jpush(tasks, o, &ok);
        if (x->critical)
            pln__jpush(crit, json_string(t->id), &ok);
    }
    for (size_t r = 0; ok && r < s->n_deadlines && has_times(s); r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        json_t *o = json_object();
        if (!o) {
            ok = false;
            break;
        }
        pln__jput(o, "id", json_string(c->id), &ok);
        pln__jput(o, "site", json_string(m->sites[c->site].id), &ok);
        pln__jput(o, "task",
                  c->task >= 0 ? json_string(m->tasks[c->task].id)
                               : json_null(),
                  &ok);
        pln__jput(o, "name", c->name ? json_string(c->name) : json_null(), &ok);
        pln__jput(o, "kind", json_string(kind_name(c->kind)), &ok);
        pln__jput(o, "date", pln__jdate(d->date), &ok);
        pln__jput(o, "planned", pln__jdate(d->planned), &ok);
        pln__jput(o, "slack", json_integer(d->slack), &ok);
        pln__jput(o, "met", json_boolean(d->met), &ok);
        pln__jput(o, "hard", json_boolean(c->hard), &ok);
        pln__jput(o, "decided_by", json_string(m->tasks[d->task].id), &ok);
        pln__jpush(dls, o, &ok);
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
        pln__jput(o, "id", json_string(site->id), &ok);
        pln__jput(o, "name", json_string(site->name), &ok);
        pln__jput(o, "weight", json_real(site->weight), &ok);
        for (size_t k = 0; k < site->n_tags; k++)
            pln__jpush(tags, json_string(site->tags[k]), &ok);
        pln__jput(o, "tags", tags, &ok);
        for (size_t k = 0; k < site->n_people; k++) {
            const struct pln_person *p = &m->people[site->people[k]];
            json_t *pj = json_object();
            if (pj) {
                pln__jput(pj, "id", json_string(p->id), &ok);
                pln__jput(pj, "name", json_string(p->name), &ok);
                pln__jput(pj, "role",
                          p->role ? json_string(p->role) : json_null(), &ok);
            }
            pln__jpush(ppl, pj, &ok);
        }
        pln__jput(o, "responsible", ppl, &ok);
        pln__jpush(sites, o, &ok);
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
            pln__jpush(warn, json_string(msg), &ok);
        }
    }
    for (size_t k = 0; ok && k < s->n_missing_years; k++) {
        char msg[200];
        snprintf(msg, sizeof(msg),
                 "no public holiday data for %d in calendar '%s'",
                 s->missing_years[k].year,
                 m->calendars[s->missing_years[k].calendar].id);
        pln__jpush(warn, json_string(msg), &ok);
    }
    if (ok) {
        pln__jput(root, "sites", sites, &ok);
        sites = NULL;
        pln__jput(root, "tasks", tasks, &ok);
        tasks = NULL;
        pln__jput(root, "critical_path", crit, &ok);
        crit = NULL;
        pln__jput(root, "deadlines", dls, &ok);
        dls = NULL;
        if (s->tranche_arrival && has_times(s))
            pln__jput(root, "funding", funding(s, &ok), &ok);
        pln__jput(root, "warnings", warn, &ok);
        warn = NULL;
    }
    json_decref(prog);
    json_decref(tasks);
    json_decref(crit);
    json_decref(dls);
    json_decref(warn);
    json_decref(sites);
    if (!ok) {
        json_decref(root);
        root = NULL;
    }
    return pln__jdump(root, out, len, err);
}
