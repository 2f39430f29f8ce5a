/*
 * out_funding.c -- the funding report as files and as text: funding.csv
 * (per site: cost, subsidy due, county share, and what it draws from each
 * tranche when), cashflow.csv (per week: money arrived and committed) and
 * the terminal's summary of both, with the tasks money holds back.
 */
#include <stdio.h>
#include <string.h>

#include "pln_planner.h"
#include "strbuf.h"

/* Whole units, for the terminal: the files keep the thousandths. */
static void whole(char buf[48], double v)
{
    snprintf(buf, 48, "%.0f", v);
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
}

static void put_money(struct pln_sb *sb, double v)
{
    char b[48];
    pln__amount_text(v, b);
    pln__sb_puts(sb, b);
}

static void put_date(struct pln_sb *sb, pln_date d)
{
    char b[11];
    if (d == PLN_DATE_NONE)
        return;
    pln_date_format(d, b);
    pln__sb_puts(sb, b);
}

static bool any_unfunded(const pln_funding_report *r)
{
    for (size_t k = 0; k < r->n_draws; k++)
        if (r->draws[k].tranche < 0)
            return true;
    return false;
}

pln_status pln_write_funding_csv(const pln_schedule *s,
                                 const pln_funding_report *r, char **out,
                                 size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    const struct pln_funding *f = &m->funding;
    bool unfunded = any_unfunded(r);
    struct pln_sb sb;

    pln__sb_init(&sb);
    pln__sb_puts(&sb, "site,site_name,kind,area,cost,subsidy,subsidy_source,"
                      "above_standard,above_standard_source,county_share,"
                      "first_payment,last_payment,money_waits");
    /* Per tranche: how much the site draws from it, and over which days. */
    for (size_t i = 0; i < f->n_tranches; i++) {
        char head[300];
        snprintf(head, sizeof(head), "%s", f->tranches[i].id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, head);
        snprintf(head, sizeof(head), "%s dates", f->tranches[i].id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, head);
    }
    if (unfunded)
        pln__sb_puts(&sb, ",unfunded");
    pln__sb_puts(&sb, "\r\n");
    for (size_t i = 0; i < r->n_sites; i++) {
        const struct pln_site_funding *sf = &r->sites[i];
        const struct pln_site *site = &m->sites[sf->site];
        double none = 0;
        pln__sb_csv(&sb, site->id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, site->name);
        pln__sb_add(&sb, ",", 1);
        if (site->work_kind)
            pln__sb_csv(&sb, site->work_kind);
        pln__sb_add(&sb, ",", 1);
        if (site->area > 0)
            put_money(&sb, site->area);
        pln__sb_add(&sb, ",", 1);
        put_money(&sb, sf->cost);
        pln__sb_add(&sb, ",", 1);
        put_money(&sb, sf->subsidy);
        pln__sb_printf(&sb, ",%s,",
                       sf->rule ? pln_source_name(sf->rule->source) : "");
        put_money(&sb, sf->above_standard);
        pln__sb_printf(&sb, ",%s,", pln_source_name(f->above_standard));
        put_money(&sb, sf->county_share);
        pln__sb_add(&sb, ",", 1);
        put_date(&sb, sf->first_pay);
        pln__sb_add(&sb, ",", 1);
        put_date(&sb, sf->last_pay);
        pln__sb_printf(&sb, ",%zu", sf->n_waits);
        for (size_t t = 0; t < f->n_tranches; t++) {
            const struct pln_draw *d = NULL;
            for (size_t k = 0; k < sf->n_draws; k++)
                if (r->draws[sf->first_draw + k].tranche == (int)t)
                    d = &r->draws[sf->first_draw + k];
            pln__sb_add(&sb, ",", 1);
            if (d) {
                put_money(&sb, d->amount);
                pln__sb_add(&sb, ",", 1);
                put_date(&sb, d->first);
                if (d->last != d->first) {
                    pln__sb_puts(&sb, "..");
                    put_date(&sb, d->last);
                }
            } else {
                pln__sb_add(&sb, ",", 1);
            }
        }
        for (size_t k = 0; k < sf->n_draws; k++)
            if (r->draws[sf->first_draw + k].tranche < 0)
                none += r->draws[sf->first_draw + k].amount;
        if (unfunded) {
            /* Empty where nothing is, like the draws. */
            pln__sb_add(&sb, ",", 1);
            if (none >= 0.0005)
                put_money(&sb, none);
        }
        pln__sb_puts(&sb, "\r\n");
    }
    return pln__sb_finish(&sb, out, len, err);
}

pln_status pln_write_cashflow_csv(const pln_funding_report *r, char **out,
                                  size_t *len, pln_error *err)
{
    struct pln_sb sb;
    pln__sb_init(&sb);
    pln__sb_puts(&sb, "week,arrived,spent,available,committed,balance\r\n");
    for (size_t k = 0; k < r->n_weeks; k++) {
        const struct pln_cash_week *w = &r->weeks[k];
        put_date(&sb, w->monday);
        pln__sb_add(&sb, ",", 1);
        put_money(&sb, w->arrived);
        pln__sb_add(&sb, ",", 1);
        put_money(&sb, w->spent);
        pln__sb_add(&sb, ",", 1);
        put_money(&sb, w->available);
        pln__sb_add(&sb, ",", 1);
        put_money(&sb, w->committed);
        pln__sb_add(&sb, ",", 1);
        put_money(&sb, w->available - w->committed);
        pln__sb_puts(&sb, "\r\n");
    }
    return pln__sb_finish(&sb, out, len, err);
}

/* Text without control characters (names come from the model). */
static void put_plain(struct pln_sb *sb, const char *s)
{
    for (; *s; s++)
        pln__sb_add(sb, ((unsigned char)*s < 0x20 || *s == 0x7f) ? " " : s, 1);
}

#define NCASH 6

pln_status pln_write_funding_table(const pln_schedule *s,
                                   const pln_funding_report *r, char **out,
                                   size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    const struct pln_funding *f = &m->funding;
    static const char *const heads[NCASH] = {"week",      "arrived",
                                             "spent",     "available",
                                             "committed", "balance"};
    size_t width[NCASH];
    char cell[NCASH][48];
    struct pln_sb sb;
    char a[48], b[48], c[48], d[11];

    pln__sb_init(&sb);
    whole(a, r->funds);
    whole(b, r->cost);
    whole(c, r->subsidy);
    pln__sb_printf(&sb,
                   "Funding: %zu tranches bring %s; the tasks cost %s; "
                   "subsidies due by rule %s\n",
                   f->n_tranches, a, b, c);
    if (s->n_money_waits) {
        pln__sb_printf(&sb, "Money, not crews or logic, holds back %zu %s:\n",
                       s->n_money_waits,
                       s->n_money_waits == 1 ? "task" : "tasks");
        for (size_t k = 0; k < s->n_money_waits; k++) {
            const struct pln_money_wait *w = &s->money_waits[k];
            const struct pln_task *t = &m->tasks[w->task];
            char d1[11], d2[11];
            pln_date_format(w->could_start, d1);
            pln_date_format(w->money_from, d2);
            pln__sb_printf(&sb, "  %s ", t->id);
            put_plain(&sb, m->sites[t->site].name);
            pln__sb_printf(&sb,
                           ": could start %s, money from %s (%d working "
                           "%s)",
                           d1, d2, (int)w->days, w->days == 1 ? "day" : "days");
            if (w->tranche >= 0) {
                const struct pln_tranche *tr = &f->tranches[w->tranche];
                pln__sb_printf(&sb, "; waits for %s ", tr->id);
                put_plain(&sb, tr->name);
                if (s->tranche_arrival[w->tranche] != PLN_DATE_NONE) {
                    pln_date_format(s->tranche_arrival[w->tranche], d);
                    pln__sb_printf(&sb, ", arriving %s", d);
                }
            }
            pln__sb_puts(&sb, "\n");
        }
    }
    if (r->n_weeks == 0)
        return pln__sb_finish(&sb, out, len, err);
    whole(a, r->least_balance);
    if (r->least_balance_date != PLN_DATE_NONE)
        pln_date_format(r->least_balance_date, d);
    pln__sb_printf(&sb,
                   "Cash flow per week, in whole units (lowest balance %s on "
                   "%s)\n",
                   a,
                   r->least_balance_date != PLN_DATE_NONE ? d : "-");
    for (int k = 0; k < NCASH; k++)
        width[k] = strlen(heads[k]);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            for (int k = 0; k < NCASH; k++) {
                size_t n = strlen(heads[k]);
                /* Dates left, amounts right. */
                if (k > 0)
                    for (; n < width[k]; n++)
                        pln__sb_add(&sb, " ", 1);
                pln__sb_puts(&sb, heads[k]);
                if (k == 0)
                    for (; n < width[k]; n++)
                        pln__sb_add(&sb, " ", 1);
                pln__sb_puts(&sb, k == NCASH - 1 ? "\n" : "  ");
            }
        }
        for (size_t i = 0; i < r->n_weeks; i++) {
            const struct pln_cash_week *w = &r->weeks[i];
            pln_date_format(w->monday, cell[0]);
            whole(cell[1], w->arrived);
            whole(cell[2], w->spent);
            whole(cell[3], w->available);
            whole(cell[4], w->committed);
            whole(cell[5], w->available - w->committed);
            for (int k = 0; k < NCASH; k++) {
                size_t n = strlen(cell[k]);
                if (pass == 0) {
                    if (n > width[k])
                        width[k] = n;
                    continue;
                }
                if (k > 0)
                    for (; n < width[k]; n++)
                        pln__sb_add(&sb, " ", 1);
                pln__sb_puts(&sb, cell[k]);
                pln__sb_puts(&sb, k == NCASH - 1 ? "\n" : "  ");
            }
        }
    }
    return pln__sb_finish(&sb, out, len, err);
}
