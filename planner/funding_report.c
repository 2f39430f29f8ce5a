/*
 * funding_report.c -- the money side of a schedule, for people: per site
 * what it costs, the subsidy its kind of work is due, the county's share,
 * and which tranche pays for its work when (first come, first served);
 * per week what arrives, what is spent and the balance.
 *
 * The schedule's payments (money.c, in thousandths) are replayed in date
 * order against the tranches in order of arrival; amounts stay integral
 * thousandths until they are reported, so the draws of a site add up to
 * its cost exactly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cpm_int.h"

static int64_t units(double v)
{
    return (int64_t)llround(v * 1000.0);
}

/* A piece of one payment drawn from one tranche. */
struct piece {
    int site;
    int rank; /* the tranche's place in the order of arrival (-1: none) */
    pln_date date;
    int64_t amount;
};

static int piece_cmp(const void *a, const void *b)
{
    const struct piece *x = a, *y = b;
    if (x->site != y->site)
        return x->site < y->site ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->date > y->date) - (x->date < y->date);
}

/* Tranches by arrival (then as written); those that never arrive last. */
struct by_arrival {
    pln_date date;
    int tranche;
};

static int arrival_cmp(const void *a, const void *b)
{
    const struct by_arrival *x = a, *y = b;
    if (x->date != y->date) {
        if (x->date == PLN_DATE_NONE)
            return 1;
        if (y->date == PLN_DATE_NONE)
            return -1;
        return x->date < y->date ? -1 : 1;
    }
    return (x->tranche > y->tranche) - (x->tranche < y->tranche);
}

/* order[0..nt) := the tranches in order of arrival; false: out of memory. */
static bool arrival_order(const pln_date *arr, size_t nt, int *order)
{
    struct by_arrival *t = pln__malloc((nt + 1) * sizeof(*t));
    if (!t)
        return false;
    for (size_t i = 0; i < nt; i++)
        t[i] = (struct by_arrival){arr[i], (int)i};
    qsort(t, nt, sizeof(*t), arrival_cmp);
    for (size_t i = 0; i < nt; i++)
        order[i] = t[i].tranche;
    pln__free(t);
    return true;
}

static void site_money(const pln_model *m, size_t i, struct pln_site_funding *f)
{
    const struct pln_site *site = &m->sites[i];
    const struct pln_funding *fd = &m->funding;
    double area = site->area;
    f->site = (int)i;
    f->first_pay = f->last_pay = PLN_DATE_NONE;
    for (size_t j = site->first_task; j < site->first_task + site->n_tasks; j++)
        f->cost += m->tasks[j].money.cost;
    f->rule = pln_site_subsidy(m, i);
    if (f->rule) {
        double rated = area;
        if (fd->standard_area > 0 && rated > fd->standard_area)
            rated = fd->standard_area;
        f->subsidy = f->rule->amount + f->rule->per_m2 * rated;
    }
    if (fd->standard_area > 0 && area > fd->standard_area)
        f->above_standard = f->cost * (area - fd->standard_area) / area;
    f->county_share = f->cost > f->subsidy ? f->cost - f->subsidy : 0;
}

/* Weeks from the Monday on or before `lo` to the one holding `hi`. */
static pln_date monday_of(pln_date d)
{
    return d - pln_date_weekday(d);
}

/* `order`: the tranches in order of arrival (arrival_order). */
static pln_status cash_weeks(const pln_schedule *s, pln_funding_report *r,
                             const pln_date *arr, const int *order)
{
    const pln_model *m = s->model;
    pln_date lo = PLN_DATE_NONE, hi = PLN_DATE_NONE, last_in = PLN_DATE_NONE;
    int64_t bal = 0, least = INT64_MAX, avail = 0, comm = 0;
    size_t nt = m->funding.n_tranches, p = 0;

#define SEE(d)                                                                \
    do {                                                                      \
        if (lo == PLN_DATE_NONE || (d) < lo)                                  \
            lo = (d);                                                         \
        if (hi == PLN_DATE_NONE || (d) > hi)                                  \
            hi = (d);                                                         \
    } while (0)
    for (size_t i = 0; i < nt; i++)
        if (arr[i] != PLN_DATE_NONE)
            SEE(arr[i]);
    for (size_t k = 0; k < s->n_payments; k++)
        SEE(s->payments[k].date);
#undef SEE
    if (lo == PLN_DATE_NONE)
        return PLN_OK;
    /* The tightest day while money is still to come: after the last
     * tranche the balance only falls, to what is left over. Without a
     * day before it with money moving, every day counts. */
    for (size_t i = 0; i < nt; i++)
        if (arr[i] != PLN_DATE_NONE &&
            (last_in == PLN_DATE_NONE || arr[i] > last_in))
            last_in = arr[i];
    if (last_in == PLN_DATE_NONE || last_in <= lo)
        last_in = hi + 1;
    lo = monday_of(lo);
    r->n_weeks = (size_t)((monday_of(hi) - lo) / 7 + 1);
    r->weeks = pln__calloc(r->n_weeks + 1, sizeof(*r->weeks));
    if (!r->weeks)
        return PLN_ENOMEM;
    /* Day by day: money in first, then what is spent; the balance at each
     * day's end. */
    {
        size_t q = 0;
        for (pln_date d = lo; d <= hi; d++) {
            struct pln_cash_week *w = &r->weeks[(d - lo) / 7];
            int64_t in = 0, out = 0;
            w->monday = lo + (d - lo) / 7 * 7;
            while (q < nt && arr[order[q]] == d)
                in += units(m->funding.tranches[order[q++]].amount);
            while (p < s->n_payments && s->payments[p].date == d)
                out += units(s->payments[p++].amount);
            avail += in;
            comm += out;
            bal += in - out;
            w->arrived += (double)in / 1000.0;
            w->spent += (double)out / 1000.0;
            w->available = (double)avail / 1000.0;
            w->committed = (double)comm / 1000.0;
            if ((in || out) && d < last_in && bal < least) {
                least = bal;
                r->least_balance_date = d;
            }
        }
    }
    r->least_balance = least == INT64_MAX ? 0 : (double)least / 1000.0;
    return PLN_OK;
}

/* First come, first served: each payment from the earliest-arrived
 * tranche with money left. */
static pln_status draw(const pln_schedule *s, pln_funding_report *r,
                       const pln_date *arr, const int *order)
{
    const pln_model *m = s->model;
    size_t nt = m->funding.n_tranches, np = 0, cap = s->n_payments + nt + 1;
    int64_t *left = pln__malloc((nt + 1) * sizeof(int64_t));
    struct piece *pc = pln__malloc(cap * sizeof(*pc));
    size_t head = 0; /* first tranche in `order` with money left */
    size_t arrived = 0; /* tranches in `order` arrived so far */
    pln_status st = PLN_ENOMEM;

    if (!left || !pc)
        goto done;
    for (size_t i = 0; i < nt; i++)
        left[i] = units(m->funding.tranches[i].amount);
    for (size_t k = 0; k < s->n_payments; k++) {
        const struct pln_payment *pay = &s->payments[k];
        int64_t need = units(pay->amount);
        int site = m->tasks[pay->task].site;
        while (arrived < nt && arr[order[arrived]] != PLN_DATE_NONE &&
               arr[order[arrived]] <= pay->date)
            arrived++;
        while (need > 0) {
            int64_t take;
            int rank;
            while (head < arrived && left[order[head]] == 0)
                head++;
            if (head < arrived) {
                rank = (int)head;
                take = left[order[head]] < need ? left[order[head]] : need;
                left[order[head]] -= take;
            } else {
                rank = -1;
                take = need;
            }
            if (np == cap) {
                struct piece *g = pln__realloc(pc, 2 * cap * sizeof(*pc));
                if (!g)
                    goto done;
                pc = g;
                cap *= 2;
            }
            pc[np++] = (struct piece){site, rank, pay->date, take};
            need -= take;
        }
    }
    qsort(pc, np, sizeof(*pc), piece_cmp);
    r->draws = pln__malloc((np + 1) * sizeof(*r->draws));
    if (!r->draws)
        goto done;
    for (size_t k = 0; k < np; k++) {
        struct pln_site_funding *f = &r->sites[pc[k].site];
        int tr = pc[k].rank < 0 ? -1 : order[pc[k].rank];
        struct pln_draw *d = f->n_draws ? &r->draws[r->n_draws - 1] : NULL;
        if (!d || d->tranche != tr) {
            d = &r->draws[r->n_draws++];
            if (!f->n_draws)
                f->first_draw = r->n_draws - 1;
            f->n_draws++;
            d->tranche = tr;
            d->amount = 0;
            d->first = pc[k].date;
        }
        d->amount += (double)pc[k].amount / 1000.0;
        d->last = pc[k].date;
        if (tr >= 0)
            r->drawn[tr] += (double)pc[k].amount / 1000.0;
        if (f->first_pay == PLN_DATE_NONE || pc[k].date < f->first_pay)
            f->first_pay = pc[k].date;
        if (f->last_pay == PLN_DATE_NONE || pc[k].date > f->last_pay)
            f->last_pay = pc[k].date;
    }
    st = PLN_OK;
done:
    pln__free(left);
    pln__free(pc);
    return st;
}

pln_status pln_funding_report_build(const pln_schedule *s,
                                    pln_funding_report **out, pln_error *err)
{
    const pln_model *m = s->model;
    size_t nt = m->funding.n_tranches;
    pln_funding_report *r = pln__calloc(1, sizeof(*r));
    pln_status st = PLN_ENOMEM;

    *out = NULL;
    if (!r)
        goto fail;
    r->n_sites = m->n_sites;
    r->sites = pln__calloc(m->n_sites + 1, sizeof(*r->sites));
    r->drawn = pln__calloc(nt + 1, sizeof(double));
    if (!r->sites || !r->drawn)
        goto fail;
    r->least_balance_date = PLN_DATE_NONE;
    for (size_t i = 0; i < m->n_sites; i++) {
        site_money(m, i, &r->sites[i]);
        r->cost += r->sites[i].cost;
        r->subsidy += r->sites[i].subsidy;
    }
    for (size_t i = 0; i < nt; i++)
        r->funds += m->funding.tranches[i].amount;
    for (size_t k = 0; k < s->n_money_waits; k++)
        r->sites[m->tasks[s->money_waits[k].task].site].n_waits++;
    if (s->tranche_arrival) {
        /* Both replay the money in the order it arrives. */
        int *order = pln__malloc((nt + 1) * sizeof(int));
        st = order && arrival_order(s->tranche_arrival, nt, order)
                 ? draw(s, r, s->tranche_arrival, order)
                 : PLN_ENOMEM;
        if (st == PLN_OK)
            st = cash_weeks(s, r, s->tranche_arrival, order);
        pln__free(order);
        if (st != PLN_OK)
            goto fail;
    }
    *out = r;
    return PLN_OK;
fail:
    pln_funding_report_free(r);
    pln_error_set(err, st, m->source, 0, 0, "out of memory");
    return st;
}

void pln_funding_report_free(pln_funding_report *r)
{
    if (!r)
        return;
    pln__free(r->sites);
    pln__free(r->draws);
    pln__free(r->weeks);
    pln__free(r->drawn);
    pln__free(r);
}
