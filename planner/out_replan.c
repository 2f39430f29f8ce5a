/*
 * out_replan.c -- what a replan writes besides the plan: moved.csv (each
 * task whose dates changed against the baseline, by how many working days
 * and why) and status.csv (each site's state as of the status date).
 */
#include <string.h>

#include "pln_planner.h"
#include "strbuf.h"

static void date_or_empty(struct pln_sb *sb, pln_date d)
{
    char buf[11];
    if (d == PLN_DATE_NONE)
        return;
    pln_date_format(d, buf);
    pln__sb_puts(sb, buf);
}

/* The thing a reason names: a task, crew or site id. */
static const char *cause_id(const pln_model *m, const struct pln_moved *mv)
{
    if (mv->cause < 0)
        return "";
    if (!strcmp(mv->reason, "predecessor slipped"))
        return m->tasks[mv->cause].id;
    if (!strcmp(mv->reason, "site closed"))
        return m->sites[mv->cause].id;
    if (!strcmp(mv->reason, "crew unavailable") ||
        !strcmp(mv->reason, "waiting for a crew"))
        return m->crews[mv->cause].id;
    return "";
}

pln_status pln_write_moved_csv(const pln_schedule *s,
                               const pln_replan_report *r, char **out,
                               size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    struct pln_sb sb;

    pln__sb_init(&sb);
    pln__sb_puts(&sb, "task,site,task_name,old_start,old_finish,new_start,"
                      "new_finish,working_days_moved,reason,because_of\r\n");
    for (size_t i = 0; i < r->n_moved; i++) {
        const struct pln_moved *mv = &r->moved[i];
        const struct pln_task *t = &m->tasks[mv->task];
        pln__sb_csv(&sb, t->id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, m->sites[t->site].id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, t->name);
        pln__sb_add(&sb, ",", 1);
        date_or_empty(&sb, mv->old_start);
        pln__sb_add(&sb, ",", 1);
        date_or_empty(&sb, mv->old_finish);
        pln__sb_add(&sb, ",", 1);
        date_or_empty(&sb, mv->new_start);
        pln__sb_add(&sb, ",", 1);
        date_or_empty(&sb, mv->new_finish);
        pln__sb_printf(&sb, ",%d,", (int)mv->days);
        pln__sb_csv(&sb, mv->reason);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, cause_id(m, mv));
        pln__sb_add(&sb, "\r\n", 2);
    }
    return pln__sb_finish(&sb, out, len, err);
}

static const char *const state_names[] = {"not started", "in progress",
                                          "done"};

pln_status pln_write_status_csv(const pln_schedule *s,
                                const pln_replan_report *r, char **out,
                                size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    struct pln_sb sb;
    char sd[11];

    pln__sb_init(&sb);
    pln_date_format(r->status_date, sd);
    pln__sb_puts(&sb, "status_date,site,site_name,state,on_time,"
                      "deadlines_late,deadlines_at_risk,next_deadline,"
                      "next_deadline_date,next_deadline_slack,"
                      "percent_done\r\n");
    for (size_t i = 0; i < r->n_sites; i++) {
        const struct pln_site_status *ss = &r->sites[i];
        const struct pln_site *site = &m->sites[ss->site];
        pln__sb_printf(&sb, "%s,", sd);
        pln__sb_csv(&sb, site->id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, site->name);
        pln__sb_printf(&sb, ",%s,%s,%d,%d,", state_names[ss->state],
                       ss->late ? "late" : ss->at_risk ? "at risk" : "yes",
                       ss->late, ss->at_risk);
        if (ss->next_deadline >= 0) {
            const struct pln_deadline_result *d =
                &s->deadlines[ss->next_deadline];
            const struct pln_constraint *c = &m->constraints[d->constraint];
            pln__sb_csv(&sb, c->name ? c->name : c->id);
            pln__sb_add(&sb, ",", 1);
            date_or_empty(&sb, d->date);
            pln__sb_printf(&sb, ",%d", (int)d->slack);
        } else {
            pln__sb_add(&sb, ",,", 2);
        }
        pln__sb_printf(&sb, ",%.1f\r\n", 100.0 * ss->done);
    }
    return pln__sb_finish(&sb, out, len, err);
}
