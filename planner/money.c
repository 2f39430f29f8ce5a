/*
 * money.c -- the funding constraint on the date axis of the crew-
 * constrained problem: on every date, what the tasks have spent so far
 * may not exceed what the tranches have brought so far.
 *
 * Amounts are kept in thousandths of the model's unit as 64-bit integers,
 * so the bookkeeping of thousands of placements never drifts: a task's
 * cost c spread over d working days pays round(1000 c (i+1) / d) -
 * round(1000 c i / d) on its i-th day, which sums to round(1000 c)
 * exactly. A tranche with conditions arrives on the latest of its date,
 * the arrival of each tranche it waits for and the day after each task it
 * waits for finishes; while one of those tasks is not placed it has not
 * arrived.
 *
 * The schedule-generation profile keeps the balance (funds minus spend,
 * cumulative) in a segment tree with range add and range minimum: adding
 * a task is a suffix add per day it pays, and "does it fit at s" is a
 * minimum over each stretch between its paying days, so a check costs
 * O(d log D) however long the horizon D.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rcpsp_int.h"

#define NEVER INT32_MAX

static int64_t units(double v)
{
    return (int64_t)llround(v * 1000.0);
}

static int64_t closure_cost(struct pln_rc *rc, size_t j, bool *seen);
static int32_t arrival(struct pln_rc *rc, size_t i, const int32_t *s,
                       const bool *placed, int32_t *memo);

/*
 * Replanning: the work started before the status date has spent what it
 * has spent (and an unfinished task will pay the rest of its cost); if
 * that is more than the money, the plan cannot undo it. From the status
 * date on, the rule becomes: the balance never falls below min(0, H),
 * H(x) = the money that waits for no new work, arrived by x, minus what
 * the started work pays by x. Without a deficit it is the plain rule; with
 * one, new work may spend only money that comes after new work.
 */
static pln_status history_floor(struct pln_rc *rc)
{
    const pln_model *m = rc->m;
    struct pln_rc_money *mo = rc->money;
    int32_t *s = pln__calloc(rc->n + 1, sizeof(int32_t));
    bool *started = pln__calloc(rc->n + 1, sizeof(bool));
    int32_t *arr = pln__malloc((mo->nt + 1) * sizeof(int32_t));
    int64_t *h = pln__calloc((size_t)rc->ndays + 1, sizeof(int64_t));
    int64_t run = 0;
    bool any = false;
    pln_status st = PLN_ENOMEM;
    int64_t from = (int64_t)m->status_date - rc->first;

    mo->from = from < 0 ? 0 : from > rc->ndays ? rc->ndays : (int32_t)from;
    if (!s || !started || !arr || !h)
        goto done;
    mo->pin = s;
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        if (!t->pinned)
            continue;
        started[j] = true;
        {
            int32_t lf = INT32_MAX;
            pln__replan_bounds(&rc->c, j, &s[j], &lf); /* its start */
        }
        {
            size_t n = pln__money_pays(rc, j, s[j], mo->xs, mo->pay);
            for (size_t i = 0; i < n; i++)
                h[mo->xs[i] < rc->ndays ? mo->xs[i] : rc->ndays - 1] -=
                    mo->pay[i];
        }
    }
    for (size_t i = 0; i < mo->nt; i++)
        arr[i] = INT32_MIN;
    for (size_t i = 0; i < mo->nt; i++) {
        int32_t a = arrival(rc, i, s, started, arr);
        if (a != NEVER && a < rc->ndays)
            h[a] += mo->amount[i];
    }
    /* h becomes the floor: max(0, -H) from the status date on. */
    for (int32_t x = 0; x < rc->ndays; x++) {
        run += h[x];
        h[x] = x >= mo->from && run < 0 ? -run : 0;
        any |= h[x] != 0;
    }
    if (any) {
        mo->floor = h;
        h = NULL;
    }
    st = PLN_OK;
done:
    if (mo->pin != s)
        pln__free(s);
    pln__free(started);
    pln__free(arr);
    pln__free(h);
    return st;
}

/* The order money can come in, cheapest work first: the tranches without
 * conditions, then again and again the one (its other tranches come) whose
 * work not yet counted costs least; each task ranks with the first
 * tranche that needs it done. Tasks for no tranche come last. */
static pln_status unlock_ranks(struct pln_rc *rc)
{
    const struct pln_funding *f = &rc->m->funding;
    struct pln_rc_money *mo = rc->money;
    bool *seen = pln__calloc(rc->n + 1, sizeof(bool));
    bool *done = pln__calloc(rc->n + 1, sizeof(bool));
    bool *open = pln__calloc(mo->nt + 1, sizeof(bool));
    if (!seen || !done || !open) {
        pln__free(seen);
        pln__free(done);
        pln__free(open);
        return PLN_ENOMEM;
    }
    for (size_t j = 0; j < rc->n; j++)
        mo->rank[j] = (int)mo->nt;
    for (int place = 0; place < (int)mo->nt; place++) {
        int best = -1;
        int64_t best_cost = 0;
        for (size_t i = 0; i < mo->nt; i++) {
            bool ready = !open[i];
            int64_t c = 0;
            for (size_t k = 0; ready && k < f->tranches[i].n_after_tranches;
                 k++)
                ready = open[f->tranches[i].after_tranches[k]];
            if (!ready)
                continue;
            memcpy(seen, done, rc->n * sizeof(bool));
            for (size_t k = 0; k < f->tranches[i].n_after_tasks; k++)
                c += closure_cost(rc, (size_t)f->tranches[i].after_tasks[k],
                                  seen);
            if (best < 0 || c < best_cost) {
                best = (int)i;
                best_cost = c;
            }
        }
        if (best < 0)
            break; /* a cycle: the model check rejects it */
        open[best] = true;
        memcpy(seen, done, rc->n * sizeof(bool));
        for (size_t k = 0; k < f->tranches[best].n_after_tasks; k++)
            closure_cost(rc, (size_t)f->tranches[best].after_tasks[k], seen);
        for (size_t j = 0; j < rc->n; j++)
            if (seen[j] && !done[j]) {
                done[j] = true;
                mo->rank[j] = place;
            }
    }
    pln__free(seen);
    pln__free(done);
    pln__free(open);
    return PLN_OK;
}

bool pln__money_applies(const pln_model *m)
{
    if (m->funding.n_tranches == 0)
        return false;
    for (size_t j = 0; j < m->n_tasks; j++)
        if (m->tasks[j].money.cost > 0)
            return true;
    return false;
}

pln_status pln__money_init(struct pln_rc *rc)
{
    const pln_model *m = rc->m;
    const struct pln_funding *f = &m->funding;
    struct pln_rc_money *mo;
    size_t maxd = 1;

    rc->money = NULL;
    if (!pln__money_applies(m))
        return PLN_OK;
    for (size_t j = 0; j < rc->n; j++)
        if ((size_t)m->tasks[j].duration > maxd)
            maxd = (size_t)m->tasks[j].duration;
    mo = pln__calloc(1, sizeof(*mo));
    if (!mo)
        return PLN_ENOMEM;
    rc->money = mo;
    mo->nt = f->n_tranches;
    mo->date_x = pln__malloc((mo->nt + 1) * sizeof(int32_t));
    mo->amount = pln__malloc((mo->nt + 1) * sizeof(int64_t));
    mo->cond = pln__calloc(rc->n + 1, sizeof(bool));
    mo->rank = pln__malloc((rc->n + 1) * sizeof(int));
    mo->xs = pln__malloc((maxd + 1) * sizeof(int32_t));
    mo->pay = pln__malloc((maxd + 1) * sizeof(int64_t));
    if (!mo->date_x || !mo->amount || !mo->cond || !mo->rank || !mo->xs ||
        !mo->pay)
        return PLN_ENOMEM;
    for (size_t i = 0; i < mo->nt; i++) {
        const struct pln_tranche *t = &f->tranches[i];
        int64_t x = (int64_t)t->date - rc->first;
        mo->date_x[i] = x < 0 ? 0 : x >= rc->ndays ? NEVER : (int32_t)x;
        mo->amount[i] = units(t->amount);
        for (size_t k = 0; k < t->n_after_tasks; k++)
            mo->cond[t->after_tasks[k]] = true;
    }
    if (m->replan) {
        pln_status st = history_floor(rc);
        if (st != PLN_OK)
            return st;
    }
    return unlock_ranks(rc);
}

void pln__money_release(struct pln_rc *rc)
{
    struct pln_rc_money *mo = rc->money;
    if (!mo)
        return;
    pln__free(mo->date_x);
    pln__free(mo->amount);
    pln__free(mo->cond);
    pln__free(mo->rank);
    pln__free(mo->floor);
    pln__free(mo->pin);
    pln__free(mo->xs);
    pln__free(mo->pay);
    pln__free(mo);
    rc->money = NULL;
}

int64_t pln__money_pay_on(const pln_model *m, size_t j, int32_t i)
{
    const struct pln_task *t = &m->tasks[j];
    int64_t c = units(t->money.cost);
    int32_t d = t->duration;
    enum pln_spend how = pln_task_spend(m, j);
    if (c <= 0)
        return 0;
    if (d == 0 || how == PLN_SPEND_START)
        return i == 0 ? c : 0;
    if (how == PLN_SPEND_FINISH)
        return i == d - 1 ? c : 0;
    /* round(c (i+1) / d) - round(c i / d), in integers */
    return (c * (i + 1) * 2 + d) / (2 * d) - (c * i * 2 + d) / (2 * d);
}

size_t pln__money_pays(struct pln_rc *rc, size_t j, int32_t s, int32_t *xs,
                       int64_t *pay)
{
    const struct pln_task *t = &rc->m->tasks[j];
    int32_t d = t->duration;
    /* Spread over its days, every day is a paying day (a small cost's
     * rounding may leave one with nothing). */
    bool spread = pln_task_spend(rc->m, j) == PLN_SPEND_SPREAD;
    size_t n = 0;
    if (units(t->money.cost) <= 0)
        return 0;
    if (d == 0) {
        /* A milestone pays on its day, the one before its index. */
        int64_t a = pln__money_pay_on(rc->m, j, 0);
        int32_t x = pln__rc_end_days(rc, j, s) - 1;
        xs[0] = x < 0 ? 0 : x;
        pay[0] = a;
        return 1;
    }
    for (int32_t i = 0; i < d; i++) {
        int64_t a = pln__money_pay_on(rc->m, j, i);
        int32_t x;
        if (a <= 0 && !spread)
            continue;
        x = pln__cpm_nth(&rc->c, t->calendar, s + i) - rc->first;
        if (x < 0)
            x = 0;
        if (n > 0 && xs[n - 1] == x) {
            pay[n - 1] += a;
            continue;
        }
        xs[n] = x;
        pay[n] = a;
        n++;
    }
    return n;
}

/* Arrival index of every tranche given the starts of the tasks placed
 * (placed NULL: all). */
static int32_t arrival(struct pln_rc *rc, size_t i, const int32_t *s,
                       const bool *placed, int32_t *memo)
{
    const struct pln_tranche *t = &rc->m->funding.tranches[i];
    int32_t a;
    if (memo[i] != INT32_MIN)
        return memo[i];
    a = rc->money->date_x[i];
    for (size_t k = 0; k < t->n_after_tranches && a != NEVER; k++) {
        int32_t b = arrival(rc, (size_t)t->after_tranches[k], s, placed, memo);
        if (b > a)
            a = b;
    }
    for (size_t k = 0; k < t->n_after_tasks && a != NEVER; k++) {
        size_t j = (size_t)t->after_tasks[k];
        int32_t b;
        if (placed && !placed[j]) {
            a = NEVER;
            break;
        }
        b = pln__rc_end_days(rc, j, s[j]);
        if (b >= rc->ndays)
            b = NEVER;
        if (b > a)
            a = b;
    }
    memo[i] = a;
    return a;
}

void pln__money_arrivals(struct pln_rc *rc, const int32_t *s,
                         const bool *placed, int32_t *arr)
{
    for (size_t i = 0; i < rc->money->nt; i++)
        arr[i] = INT32_MIN;
    for (size_t i = 0; i < rc->money->nt; i++)
        arrival(rc, i, s, placed, arr);
}

/* ------------------------------------------------------ the balance tree */

struct pln_money_profile {
    int32_t n;    /* dates */
    int64_t *mn;  /* [4n] minimum of the node's range */
    int64_t *lz;  /* [4n] pending add */
    int32_t *at;  /* per task: start, when in the profile */
    bool *in;     /* per task: in the profile */
    int32_t *arr; /* per tranche: current arrival (NEVER: not yet) */
    int32_t *arr2;
};

static void tree_add(struct pln_money_profile *t, size_t node, int32_t l,
                     int32_t r, int32_t from, int64_t v)
{
    if (r < from)
        return;
    if (from <= l) {
        t->mn[node] += v;
        t->lz[node] += v;
        return;
    }
    int32_t mid = l + (r - l) / 2;
    tree_add(t, 2 * node, l, mid, from, v);
    tree_add(t, 2 * node + 1, mid + 1, r, from, v);
    t->mn[node] = (t->mn[2 * node] < t->mn[2 * node + 1] ? t->mn[2 * node]
                                                         : t->mn[2 * node + 1]) +
                  t->lz[node];
}

static int64_t tree_min(const struct pln_money_profile *t, size_t node,
                        int32_t l, int32_t r, int32_t a, int32_t b)
{
    if (b < l || r < a)
        return INT64_MAX;
    if (a <= l && r <= b)
        return t->mn[node];
    int32_t mid = l + (r - l) / 2;
    int64_t x = tree_min(t, 2 * node, l, mid, a, b);
    int64_t y = tree_min(t, 2 * node + 1, mid + 1, r, a, b);
    return (x < y ? x : y) + t->lz[node];
}

/* Balance from date x on changes by v. */
static void balance_add(struct pln_money_profile *t, int32_t x, int64_t v)
{
    if (x >= 0 && x < t->n && x != NEVER)
        tree_add(t, 1, 0, t->n - 1, x, v);
}

static int64_t balance_min(const struct pln_money_profile *t, int32_t a,
                           int32_t b)
{
    if (b >= t->n)
        b = t->n - 1;
    if (a < 0)
        a = 0;
    return a > b ? INT64_MAX : tree_min(t, 1, 0, t->n - 1, a, b);
}

bool pln__money_profile_init(struct pln_rc_profile *p)
{
    struct pln_rc *rc = p->rc;
    struct pln_money_profile *t;
    p->money = NULL;
    if (!rc->money)
        return true;
    t = pln__calloc(1, sizeof(*t));
    if (!t)
        return false;
    p->money = t;
    t->n = rc->ndays > 0 ? rc->ndays : 1;
    t->mn = pln__calloc(4 * (size_t)t->n + 4, sizeof(int64_t));
    t->lz = pln__calloc(4 * (size_t)t->n + 4, sizeof(int64_t));
    t->at = pln__calloc(rc->n + 1, sizeof(int32_t));
    t->in = pln__calloc(rc->n + 1, sizeof(bool));
    t->arr = pln__malloc((rc->money->nt + 1) * sizeof(int32_t));
    t->arr2 = pln__malloc((rc->money->nt + 1) * sizeof(int32_t));
    if (!t->mn || !t->lz || !t->at || !t->in || !t->arr || !t->arr2)
        return false;
    pln__money_profile_clear(p);
    return true;
}

void pln__money_profile_release(struct pln_rc_profile *p)
{
    struct pln_money_profile *t = p->money;
    if (!t)
        return;
    pln__free(t->mn);
    pln__free(t->lz);
    pln__free(t->at);
    pln__free(t->in);
    pln__free(t->arr);
    pln__free(t->arr2);
    pln__free(t);
    p->money = NULL;
}

void pln__money_profile_clear(struct pln_rc_profile *p)
{
    struct pln_money_profile *t = p->money;
    struct pln_rc *rc = p->rc;
    if (!t)
        return;
    memset(t->mn, 0, (4 * (size_t)t->n + 4) * sizeof(int64_t));
    memset(t->lz, 0, (4 * (size_t)t->n + 4) * sizeof(int64_t));
    memset(t->in, 0, rc->n * sizeof(bool));
    /* Started work has paid, or will, wherever the rest goes. */
    if (rc->money->pin)
        for (size_t j = 0; j < rc->n; j++)
            if (rc->m->tasks[j].pinned) {
                struct pln_rc_money *mo = rc->money;
                size_t n = pln__money_pays(rc, j, mo->pin[j], mo->xs, mo->pay);
                for (size_t i = 0; i < n; i++)
                    balance_add(t, mo->xs[i], -mo->pay[i]);
                t->in[j] = true;
                t->at[j] = mo->pin[j];
            }
    pln__money_arrivals(rc, t->at, t->in, t->arr);
    for (size_t i = 0; i < rc->money->nt; i++)
        balance_add(t, t->arr[i], rc->money->amount[i]);
    /* The tree holds balance + floor: the check stays ">= 0". */
    if (rc->money->floor)
        for (int32_t x = 0; x < t->n; x++) {
            int64_t d = rc->money->floor[x] - (x ? rc->money->floor[x - 1] : 0);
            if (d)
                balance_add(t, x, d);
        }
}

/* The tranches that wait for task j move: apply the change of arrivals. */
static void rearrive(struct pln_rc_profile *p)
{
    struct pln_money_profile *t = p->money;
    struct pln_rc *rc = p->rc;
    pln__money_arrivals(rc, t->at, t->in, t->arr2);
    for (size_t i = 0; i < rc->money->nt; i++)
        if (t->arr2[i] != t->arr[i]) {
            balance_add(t, t->arr[i], -rc->money->amount[i]);
            balance_add(t, t->arr2[i], rc->money->amount[i]);
            t->arr[i] = t->arr2[i];
        }
}

void pln__money_profile_add(struct pln_rc_profile *p, size_t j, int32_t s,
                            int sign)
{
    struct pln_money_profile *t = p->money;
    struct pln_rc *rc = p->rc;
    struct pln_rc_money *mo = rc->money;
    size_t n;
    if (!t || (mo->pin && rc->m->tasks[j].pinned))
        return; /* started: in the profile since it was cleared */
    n = pln__money_pays(rc, j, s, mo->xs, mo->pay);
    for (size_t i = 0; i < n; i++)
        balance_add(t, mo->xs[i], -sign * mo->pay[i]);
    t->in[j] = sign > 0;
    t->at[j] = s;
    if (mo->cond[j])
        rearrive(p);
}

bool pln__money_fits(struct pln_rc_profile *p, size_t j, int32_t s)
{
    struct pln_money_profile *t = p->money;
    struct pln_rc *rc = p->rc;
    struct pln_rc_money *mo = rc->money;
    size_t n;
    int64_t own = 0;
    if (!t || rc->m->tasks[j].pinned)
        return true; /* a started task's spending is history */
    /* Past the horizon nothing fits (and its days are not on the axis). */
    if (s + rc->m->tasks[j].duration >
        pln_calset_size(rc->c.cs, rc->m->tasks[j].calendar))
        return false;
    if (mo->cond[j] && !t->in[j]) {
        /* Placing it moves tranches: try it, and look at every date. */
        bool ok;
        pln__money_profile_add(p, j, s, +1);
        ok = balance_min(t, mo->from, t->n - 1) >= 0;
        pln__money_profile_add(p, j, s, -1);
        return ok;
    }
    n = pln__money_pays(rc, j, s, mo->xs, mo->pay);
    for (size_t i = 0; i < n; i++) {
        int32_t to = i + 1 < n ? mo->xs[i + 1] - 1 : t->n - 1;
        own += mo->pay[i];
        if (balance_min(t, mo->xs[i], to) < own)
            return false;
    }
    return true;
}

/* ------------------------------------------------------------ checking */

/* Balance per date from scratch; the first date (from `from` on) where it
 * is negative, or -1. */
int32_t pln__money_short_day(struct pln_rc *rc, const int32_t *s,
                             int64_t *shortfall)
{
    struct pln_rc_money *mo = rc->money;
    int64_t *delta;
    int32_t *arr;
    int32_t bad = -1;
    int64_t bal = 0;
    if (!mo)
        return -1;
    delta = pln__calloc((size_t)rc->ndays + 1, sizeof(int64_t));
    arr = pln__malloc((mo->nt + 1) * sizeof(int32_t));
    if (!delta || !arr) {
        pln__free(delta);
        pln__free(arr);
        return -2;
    }
    pln__money_arrivals(rc, s, NULL, arr);
    for (size_t i = 0; i < mo->nt; i++)
        if (arr[i] != NEVER && arr[i] < rc->ndays)
            delta[arr[i]] += mo->amount[i];
    for (size_t j = 0; j < rc->n; j++) {
        size_t n = pln__money_pays(rc, j, s[j], mo->xs, mo->pay);
        for (size_t i = 0; i < n; i++)
            delta[mo->xs[i] < rc->ndays ? mo->xs[i] : rc->ndays - 1] -=
                mo->pay[i];
    }
    for (int32_t x = 0; x < rc->ndays; x++) {
        int64_t floor = mo->floor ? mo->floor[x] : 0;
        bal += delta[x];
        if (bal + floor < 0 && x >= mo->from) {
            bad = x;
            if (shortfall)
                *shortfall = -(bal + floor);
            break;
        }
    }
    pln__free(delta);
    pln__free(arr);
    return bad;
}

/* ------------------------------------------------------------- report */

static int payment_cmp(const void *a, const void *b)
{
    const struct pln_payment *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->task > y->task) - (x->task < y->task);
}

/* The tranche task j waits for: the first to arrive after `x0` (the day
 * it could first pay) that, had it come on x0, would let it start at
 * `at`; -1 when no one tranche would. */
static int waited_for(struct pln_rc_profile *p, size_t j, int32_t at,
                      int32_t x0)
{
    struct pln_money_profile *t = p->money;
    struct pln_rc_money *mo = p->rc->money;
    int best = -1;
    for (size_t i = 0; i < mo->nt; i++) {
        int32_t a = t->arr[i];
        bool fits;
        if (a == NEVER || a <= x0 || (best >= 0 && a >= t->arr[best]))
            continue;
        balance_add(t, a, -mo->amount[i]);
        balance_add(t, x0, mo->amount[i]);
        fits = pln__money_fits(p, j, at);
        balance_add(t, x0, -mo->amount[i]);
        balance_add(t, a, mo->amount[i]);
        if (fits)
            best = (int)i;
    }
    return best;
}

/* Each task that costs something, taken out of the full schedule: where
 * could the crews and its predecessors let it start, and does the money? */
static pln_status find_waits(struct pln_rc *rc, const int32_t *s,
                             pln_schedule *out)
{
    const pln_model *m = rc->m;
    struct pln_rc_profile prof;
    struct pln_rc_money *mo = rc->money;
    pln_status st = PLN_ENOMEM;

    if (!pln__profile_init(&prof, rc))
        goto done;
    out->money_waits = pln__calloc(rc->n + 1, sizeof(*out->money_waits));
    if (!out->money_waits)
        goto done;
    for (size_t j = 0; j < rc->n; j++)
        pln__profile_add(&prof, j, s[j], +1);
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        int32_t at, clash, ok_at;
        if (t->pinned || t->money.cost <= 0)
            continue;
        pln__profile_add(&prof, j, s[j], -1);
        at = pln__rc_pred_bound(rc, j, s, NULL);
        while (at < s[j] && !pln__profile_fits(&prof, j, at, &clash))
            at = clash + 1 > at ? clash + 1 : at + 1;
        ok_at = at;
        while (ok_at < s[j] && !pln__money_fits(&prof, j, ok_at))
            ok_at++;
        if (ok_at > at) {
            struct pln_money_wait *w = &out->money_waits[out->n_money_waits++];
            pln__money_pays(rc, j, at, mo->xs, mo->pay);
            w->task = (int)j;
            w->could_start = pln__cpm_nth(&rc->c, t->calendar, at);
            w->money_from = pln__cpm_nth(&rc->c, t->calendar, ok_at);
            w->days = ok_at - at;
            w->tranche = waited_for(&prof, j, at, mo->xs[0]);
        }
        pln__profile_add(&prof, j, s[j], +1);
    }
    st = PLN_OK;
done:
    pln__profile_release(&prof);
    return st;
}

pln_status pln__money_report(struct pln_rc *rc, const int32_t *s,
                             pln_schedule *out)
{
    struct pln_rc_money *mo = rc->money;
    int32_t *arr;
    size_t total = 0;
    pln_status st;

    if (!mo)
        return PLN_OK;
    arr = pln__malloc((mo->nt + 1) * sizeof(int32_t));
    out->tranche_arrival = pln__malloc((mo->nt + 1) * sizeof(pln_date));
    if (!arr || !out->tranche_arrival)
        goto oom;
    pln__money_arrivals(rc, s, NULL, arr);
    for (size_t i = 0; i < mo->nt; i++)
        out->tranche_arrival[i] = arr[i] == NEVER || arr[i] >= rc->ndays
                                      ? PLN_DATE_NONE
                                      : rc->first + arr[i];
    for (size_t j = 0; j < rc->n; j++)
        total += pln__money_pays(rc, j, s[j], mo->xs, mo->pay);
    out->payments = pln__malloc((total + 1) * sizeof(*out->payments));
    if (!out->payments)
        goto oom;
    for (size_t j = 0; j < rc->n; j++) {
        size_t n = pln__money_pays(rc, j, s[j], mo->xs, mo->pay);
        for (size_t i = 0; i < n; i++) {
            struct pln_payment *p = &out->payments[out->n_payments++];
            p->task = (int)j;
            p->date = rc->first + mo->xs[i];
            p->amount = (double)mo->pay[i] / 1000.0;
        }
    }
    qsort(out->payments, out->n_payments, sizeof(*out->payments),
          payment_cmp);
    st = find_waits(rc, s, out);
    pln__free(arr);
    return st;
oom:
    pln__free(arr);
    return PLN_ENOMEM;
}

/* ------------------------------------------------------------- proof */

/* The cost of task j and everything before it, not yet counted in seen. */
static int64_t closure_cost(struct pln_rc *rc, size_t j, bool *seen)
{
    const pln_model *m = rc->m;
    int64_t c = 0;
    if (seen[j])
        return 0;
    seen[j] = true;
    c = units(m->tasks[j].money.cost);
    for (size_t e = m->tasks[j].first_pred;
         e < m->tasks[j].first_pred + m->tasks[j].n_preds; e++)
        c += closure_cost(rc, (size_t)m->deps[e].pred, seen);
    return c;
}

/*
 * Which tranches can ever arrive: one whose conditions name tasks can only
 * arrive once those tasks and all work before them are paid for, out of
 * tranches that arrived before it. Unlocking, to a fixed point, every
 * tranche whose other tranches are unlocked and whose work costs no more
 * than the unlocked money over-approximates what any schedule receives
 * (by induction on the order of arrival); so when even that is less than
 * the work costs, no schedule pays for it. In a replan the started work is
 * paid for already: it costs nothing more, and what it overspent is taken
 * off the money that waits for no new work (history_floor's rule: new
 * work spends at most max(0, that money - the started work's cost) plus
 * the money that waits for new work). Returns 1 (proven: *reach and
 * *cost in thousandths, of the new work), 0 (not proven), -1 (out of
 * memory).
 */
int pln__money_unreachable(struct pln_rc *rc, int64_t *reach, int64_t *cost)
{
    const struct pln_funding *f = &rc->m->funding;
    struct pln_rc_money *mo = rc->money;
    bool *seen = pln__calloc(rc->n + 1, sizeof(bool));
    bool *open = pln__calloc(mo->nt + 1, sizeof(bool));
    int64_t *need = pln__calloc(mo->nt + 1, sizeof(int64_t));
    int64_t have = 0, total = 0;
    bool more = true;
    int r = -1;

    if (!seen || !open || !need)
        goto done;
    for (size_t i = 0; i < mo->nt; i++) {
        for (size_t j = 0; j < rc->n; j++)
            seen[j] = rc->m->tasks[j].pinned; /* paid: costs nothing more */
        for (size_t k = 0; k < f->tranches[i].n_after_tasks; k++)
            need[i] += closure_cost(rc, (size_t)f->tranches[i].after_tasks[k],
                                    seen);
    }
    if (mo->pin) {
        /* The money for no new work, less what the started work costs. */
        bool *dep = open; /* reused: the tranche waits for new work */
        int64_t base = 0;
        for (bool more_dep = true; more_dep;) {
            more_dep = false;
            for (size_t i = 0; i < mo->nt; i++) {
                const struct pln_tranche *tr = &f->tranches[i];
                bool d = dep[i];
                for (size_t k = 0; !d && k < tr->n_after_tasks; k++)
                    d = !rc->m->tasks[tr->after_tasks[k]].pinned;
                for (size_t k = 0; !d && k < tr->n_after_tranches; k++)
                    d = dep[tr->after_tranches[k]];
                if (d && !dep[i])
                    dep[i] = more_dep = true;
            }
        }
        for (size_t i = 0; i < mo->nt; i++)
            if (!dep[i]) {
                base += mo->amount[i];
                open[i] = true; /* no new work needed: there */
            } else {
                open[i] = false;
            }
        for (size_t j = 0; j < rc->n; j++)
            if (rc->m->tasks[j].pinned)
                base -= units(rc->m->tasks[j].money.cost);
        have = base > 0 ? base : 0;
    }
    while (more) {
        more = false;
        for (size_t i = 0; i < mo->nt; i++) {
            bool ready = !open[i] && need[i] <= have;
            for (size_t k = 0; ready && k < f->tranches[i].n_after_tranches;
                 k++)
                ready = open[f->tranches[i].after_tranches[k]];
            if (ready) {
                open[i] = true;
                have += mo->amount[i];
                more = true;
            }
        }
    }
    for (size_t j = 0; j < rc->n; j++)
        if (!rc->m->tasks[j].pinned)
            total += units(rc->m->tasks[j].money.cost);
    *reach = have;
    *cost = total;
    r = have < total;
done:
    pln__free(seen);
    pln__free(open);
    pln__free(need);
    return r;
}
