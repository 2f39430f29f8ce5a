/*
 * out_whatif.c -- whatif.json: the answer of `planner whatif
 * --meet-deadlines` as data: which tasks to shorten by how many working
 * days and at what cost, every deadline (met as planned, met by the
 * shortening, or not even fully shortened and by how much), and the
 * price of each deadline per site and per deadline id; and of `--add-crews`:
 * the crews added per kind, their cost, and the lateness before and after.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_int.h"

/* A price, or null where there is none (INFINITY: cannot be earlier). */
static json_t *price(bool known, double v)
{
    if (!known || isnan(v) || isinf(v))
        return json_null();
    return pln__jnumber(round(v * 100) / 100);
}

/* The object both answers start with: the program, the question, and
 * whether crews limited the schedule. NULL when out of memory. */
static json_t *answer(const pln_model *m, const char *question,
                      bool crews_limiting)
{
    json_t *root = json_object(), *prog = json_object();
    bool ok = root && prog;
    if (ok) {
        pln__jput(prog, "id", json_string(m->id), &ok);
        pln__jput(prog, "name", json_string(m->name), &ok);
        pln__jput(prog, "start", pln__jdate(m->start), &ok);
        pln__jput(root, "program", prog, &ok);
        prog = NULL;
        pln__jput(root, "question", json_string(question), &ok);
        pln__jput(root, "crews_limiting", json_boolean(crews_limiting), &ok);
    }
    json_decref(prog);
    if (!ok) {
        json_decref(root);
        root = NULL;
    }
    return root;
}

pln_status pln_write_whatif_json(const pln_crash_plan *p, char **out,
                                 size_t *len, pln_error *err)
{
    const pln_model *m = p->model;
    const pln_schedule *s = p->schedule;
    json_t *root = answer(m, "meet_deadlines", p->crews_limiting),
           *tasks = json_array(),
           *dls = json_array(), *prices = json_array(), *lp = json_object();
    bool ok = root && tasks && dls && prices && lp;

    if (ok) {
        pln__jput(root, "method", json_string(p->method), &ok);
        if (p->crews_limiting)
            pln__jput(root, "rounds", json_integer(p->rounds), &ok);
        pln__jput(root, "cost", pln__jnumber(round(p->cost * 100) / 100), &ok);
        pln__jput(root, "days_saved", json_integer(p->days), &ok);
        pln__jput(root, "tasks_shortened", json_integer((json_int_t)p->n_tasks),
                  &ok);
        pln__jput(root, "deadlines_missed",
                  json_integer((json_int_t)p->n_missed), &ok);
        pln__jput(root, "deadlines_unmeetable",
                  json_integer((json_int_t)p->n_unmeetable), &ok);
        pln__jput(root, "finish_normal", pln__jdate(p->normal->finish), &ok);
        pln__jput(root, "finish", pln__jdate(s->finish), &ok);
        pln__jput(lp, "components", json_integer((json_int_t)p->n_components),
                  &ok);
        pln__jput(lp, "solves", json_integer((json_int_t)p->n_lps), &ok);
        pln__jput(lp, "rows", json_integer((json_int_t)p->lp_rows), &ok);
        pln__jput(lp, "nonzeros", json_integer((json_int_t)p->lp_nonzeros),
                  &ok);
        pln__jput(root, "lp", lp, &ok);
        lp = NULL;
    }
    for (size_t i = 0; ok && i < p->n_tasks; i++) {
        const struct pln_crash_task *ct = &p->tasks[i];
        const struct pln_task *t = &m->tasks[ct->task];
        const struct pln_task_times *x = &s->tasks[ct->task];
        json_t *o = json_object();
        pln__jpush(tasks, o, &ok);
        if (!ok)
            break;
        pln__jput(o, "id", json_string(t->id), &ok);
        pln__jput(o, "site", json_string(m->sites[t->site].id), &ok);
        pln__jput(o, "name", json_string(t->name), &ok);
        pln__jput(o, "normal_duration", json_integer(ct->normal), &ok);
        pln__jput(o, "duration", json_integer(ct->duration), &ok);
        pln__jput(o, "days_saved", json_integer(ct->normal - ct->duration),
                  &ok);
        pln__jput(o, "cost_per_day", pln__jnumber(t->money.crash_cost), &ok);
        pln__jput(o, "cost", pln__jnumber(round(ct->cost * 100) / 100), &ok);
        pln__jput(o, "start", pln__jdate(x->start), &ok);
        pln__jput(o, "finish", pln__jdate(x->finish), &ok);
    }
    for (size_t r = 0; ok && r < s->n_deadlines; r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        const struct pln_crash_deadline *cd = &p->deadlines[d->constraint];
        const char *how = cd->short_by > 0 ? "cannot_be_met"
                          : !cd->met       ? "late_with_crews"
                          : cd->met_normal ? "met"
                                           : "met_by_shortening";
        json_t *o = json_object();
        pln__jpush(dls, o, &ok);
        if (!ok)
            break;
        pln__jput(o, "id", json_string(c->id), &ok);
        pln__jput(o, "site", json_string(m->sites[c->site].id), &ok);
        pln__jput(o, "name", c->name ? json_string(c->name) : json_null(), &ok);
        pln__jput(o, "date", pln__jdate(d->date), &ok);
        pln__jput(o, "planned", pln__jdate(d->planned), &ok);
        pln__jput(o, "slack", json_integer(d->slack), &ok);
        pln__jput(o, "met", json_boolean(d->met), &ok);
        pln__jput(o, "outcome", json_string(how), &ok);
        if (cd->short_by > 0)
            pln__jput(o, "short_by", json_integer(cd->short_by), &ok);
        pln__jput(o, "save_one_day_later", price(cd->priced, cd->save_later),
                  &ok);
        pln__jput(o, "cost_one_day_earlier",
                  price(cd->priced, cd->cost_earlier), &ok);
        if (cd->moved)
            pln__jput(o, "save_if_moved",
                      isinf(cd->move_saving) ? json_null()
                                             : price(true, cd->move_saving),
                      &ok);
    }
    for (size_t i = 0; ok && i < p->n_prices; i++) {
        const struct pln_crash_price *g = &p->prices[i];
        const struct pln_constraint *c = &m->constraints[g->constraint];
        size_t priced = g->n_sites - g->n_unmeetable;
        json_t *o = json_object();
        pln__jpush(prices, o, &ok);
        if (!ok)
            break;
        pln__jput(o, "id", json_string(c->id), &ok);
        pln__jput(o, "name", c->name ? json_string(c->name) : json_null(), &ok);
        pln__jput(o, "sites", json_integer((json_int_t)g->n_sites), &ok);
        pln__jput(o, "sites_unmeetable",
                  json_integer((json_int_t)g->n_unmeetable), &ok);
        pln__jput(o, "save_one_day_later", price(priced > 0, g->save_later),
                  &ok);
        pln__jput(o, "cost_one_day_earlier", price(priced > 0, g->cost_earlier),
                  &ok);
    }
    if (ok && p->move_id) {
        json_t *o = json_object();
        if (o) {
            pln__jput(o, "id", json_string(p->move_id), &ok);
            pln__jput(o, "to", pln__jdate(p->move_to), &ok);
            pln__jput(o, "sites", json_integer((json_int_t)p->move_sites), &ok);
            pln__jput(o, "sites_unmeetable",
                      json_integer((json_int_t)p->move_unmeetable), &ok);
            pln__jput(o, "possible", json_boolean(!isinf(p->move_saving)), &ok);
            pln__jput(o, "saving",
                      isinf(p->move_saving) ? json_null()
                                            : price(true, p->move_saving),
                      &ok);
        }
        pln__jput(root, "moved_deadline", o, &ok);
    }
    if (ok) {
        pln__jput(root, "tasks", tasks, &ok);
        tasks = NULL;
        pln__jput(root, "deadlines", dls, &ok);
        dls = NULL;
        pln__jput(root, "prices", prices, &ok);
        prices = NULL;
    }
    json_decref(tasks);
    json_decref(dls);
    json_decref(prices);
    json_decref(lp);
    if (!ok) {
        json_decref(root);
        root = NULL;
    }
    return pln__jdump(root, out, len, err);
}

pln_status pln_write_add_crews_json(const pln_add_crews_plan *p, char **out,
                                    size_t *len, pln_error *err)
{
    const pln_model *m = p->model;
    const pln_schedule *s = p->schedule;
    json_t *root = answer(m, "add_crews", true), *crews = json_array(),
           *dls = json_array();
    bool ok = root && crews && dls;

    if (ok) {
        pln__jput(root, "cost", pln__jnumber(round(p->cost * 100) / 100), &ok);
        pln__jput(root, "budget",
                  isinf(p->budget) ? json_null() : pln__jnumber(p->budget),
                  &ok);
        pln__jput(root, "crews_added", json_integer((json_int_t)p->n_added),
                  &ok);
        pln__jput(root, "lateness_before", pln__jnumber(p->before), &ok);
        pln__jput(root, "lateness_after", pln__jnumber(p->after), &ok);
        pln__jput(root, "lateness_target", pln__jnumber(p->target), &ok);
        pln__jput(root, "target_reached", json_boolean(p->reached), &ok);
        pln__jput(root, "deadlines_missed", json_integer((json_int_t)s->n_late),
                  &ok);
        pln__jput(root, "solves", json_integer((json_int_t)p->n_solves), &ok);
    }
    for (size_t k = 0; ok && k < m->n_crews; k++) {
        const struct pln_crew *c = &m->crews[k];
        json_t *o = json_object();
        pln__jpush(crews, o, &ok);
        if (!ok)
            break;
        pln__jput(o, "id", json_string(c->id), &ok);
        pln__jput(o, "count", json_integer(c->count), &ok);
        pln__jput(o, "added", json_integer(p->added[k]), &ok);
        pln__jput(o, "extra_cost",
                  c->can_add && !c->per_month ? pln__jnumber(c->extra_cost)
                                              : json_null(),
                  &ok);
        pln__jput(o, "extra_cost_per_month",
                  c->per_month ? pln__jnumber(c->extra_cost) : json_null(),
                  &ok);
        pln__jput(o, "crew_months",
                  c->per_month ? json_integer(p->crew_months[k]) : json_null(),
                  &ok);
        pln__jput(o, "cost", pln__jnumber(round(p->kind_cost[k] * 100) / 100),
                  &ok);
    }
    for (size_t r = 0; ok && r < s->n_deadlines; r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        json_t *o = json_object();
        pln__jpush(dls, o, &ok);
        if (!ok)
            break;
        pln__jput(o, "id", json_string(c->id), &ok);
        pln__jput(o, "site", json_string(m->sites[c->site].id), &ok);
        pln__jput(o, "date", pln__jdate(d->date), &ok);
        pln__jput(o, "planned", pln__jdate(d->planned), &ok);
        pln__jput(o, "met", json_boolean(d->met), &ok);
    }
    if (ok) {
        pln__jput(root, "crews", crews, &ok);
        crews = NULL;
        pln__jput(root, "deadlines", dls, &ok);
        dls = NULL;
    }
    json_decref(crews);
    json_decref(dls);
    if (!ok) {
        json_decref(root);
        root = NULL;
    }
    return pln__jdump(root, out, len, err);
}
