/*
 * sgs.c -- the constructive heuristic: serial schedule generation (each
 * task in turn, in a precedence-feasible priority order, at the earliest
 * start where its crews are free on every working day it needs) and
 * forward-backward justification (right-justify every task as late as the
 * schedule's end allows, in order of decreasing finish; then left-justify in
 * order of the resulting starts), repeated while it helps.
 *
 * Priority rules: the crew-free latest start towards the deadlines (the
 * countdown's own measure of urgency), the same with the site weight
 * traded against slack, the earliest start, then randomised variants of the
 * first (noise on the keys, from a fixed seed: same input, same schedules).
 * Then late-deadline boosting (pln__heuristic_boost): the best schedule's
 * order with the work of one late deadline put ahead, deadline by
 * deadline, while that gains.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mip_int.h"

/* ------------------------------------------------------------ profile */

bool pln__profile_init(struct pln_rc_profile *p, struct pln_rc *rc)
{
    p->rc = rc;
    p->money = NULL;
    p->use = pln__calloc(rc->nk * (size_t)rc->ndays + 1, sizeof(int32_t));
    if (!p->use || !pln__money_profile_init(p)) {
        pln__profile_release(p);
        return false;
    }
    return true;
}

void pln__profile_release(struct pln_rc_profile *p)
{
    pln__free(p->use);
    p->use = NULL;
    pln__money_profile_release(p);
}

void pln__profile_clear(struct pln_rc_profile *p)
{
    memset(p->use, 0, (p->rc->nk * (size_t)p->rc->ndays + 1) * sizeof(int32_t));
    pln__money_profile_clear(p);
}

bool pln__profile_fits(struct pln_rc_profile *p, size_t j, int32_t s,
                       int32_t *clash)
{
    struct pln_rc *rc = p->rc;
    const struct pln_task *t = &rc->m->tasks[j];
    if (!rc->uses_crews[j])
        return true;
    /* Latest clash first: going forward, the next start worth trying is
     * just after it. */
    for (int32_t i = t->duration; i-- > 0;) {
        int32_t x = pln__rc_day(rc, t->calendar, s + i);
        if (x < 0) {
            if (clash)
                *clash = s + i;
            return false;
        }
        for (size_t k = 0; k < t->n_demands; k++) {
            size_t at = (size_t)t->demands[k].crew * (size_t)rc->ndays +
                        (size_t)x;
            if (p->use[at] + t->demands[k].amount > rc->cap[at]) {
                if (clash)
                    *clash = s + i;
                return false;
            }
        }
    }
    return true;
}

bool pln__profile_fits_all(struct pln_rc_profile *p, size_t j, int32_t s,
                           int32_t *next, bool *money_short)
{
    if (money_short)
        *money_short = false;
    if (!pln__profile_fits(p, j, s, next))
        return false;
    if (!p->money || pln__money_fits(p, j, s))
        return true;
    if (money_short)
        *money_short = true;
    if (next)
        *next = s; /* the next start to try is s + 1 */
    return false;
}

void pln__profile_add(struct pln_rc_profile *p, size_t j, int32_t s, int sign)
{
    struct pln_rc *rc = p->rc;
    const struct pln_task *t = &rc->m->tasks[j];
    pln__money_profile_add(p, j, s, sign);
    if (!rc->uses_crews[j])
        return;
    for (int32_t i = 0; i < t->duration; i++) {
        int32_t x = pln__rc_day(rc, t->calendar, s + i);
        if (x < 0)
            continue;
        for (size_t k = 0; k < t->n_demands; k++)
            p->use[(size_t)t->demands[k].crew * (size_t)rc->ndays +
                   (size_t)x] += sign * t->demands[k].amount;
    }
}

/* -------------------------------------------------- priority lists */

/* A binary heap of task indices by (key, index). */
struct heap {
    int *a;
    size_t n;
    const double *key;
};

static bool before(const struct heap *h, int x, int y)
{
    if (h->key[x] != h->key[y])
        return h->key[x] < h->key[y];
    return x < y;
}

static void heap_push(struct heap *h, int v)
{
    size_t i = h->n++;
    h->a[i] = v;
    while (i > 0 && before(h, h->a[i], h->a[(i - 1) / 2])) {
        int t = h->a[i];
        h->a[i] = h->a[(i - 1) / 2];
        h->a[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static int heap_pop(struct heap *h)
{
    int top = h->a[0];
    size_t i = 0;
    h->a[0] = h->a[--h->n];
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && before(h, h->a[l], h->a[m]))
            m = l;
        if (r < h->n && before(h, h->a[r], h->a[m]))
            m = r;
        if (m == i)
            break;
        int t = h->a[i];
        h->a[i] = h->a[m];
        h->a[m] = t;
        i = m;
    }
    return top;
}

struct work {
    struct pln_rc *rc;
    struct pln_rc_profile prof;
    int *heap;
    int *npred;  /* unscheduled predecessors (forward) or successors */
    bool *placed;
    int *wait; /* tasks waiting for money */
    double *key;
    int32_t *s, *sb;
};

/* The scratch of schedule generation; false when out of memory (then
 * work_release() still frees what was had). */
static bool work_init(struct work *w, struct pln_rc *rc)
{
    memset(w, 0, sizeof(*w));
    w->rc = rc;
    w->heap = pln__malloc((rc->n + 1) * sizeof(int));
    w->npred = pln__malloc((rc->n + 1) * sizeof(int));
    w->placed = pln__malloc((rc->n + 1) * sizeof(bool));
    w->wait = pln__malloc((rc->n + 1) * sizeof(int));
    w->key = pln__malloc((rc->n + 1) * sizeof(double));
    w->s = pln__malloc((rc->n + 1) * sizeof(int32_t));
    w->sb = pln__malloc((rc->n + 1) * sizeof(int32_t));
    return w->heap && w->npred && w->placed && w->wait && w->key && w->s &&
           w->sb && pln__profile_init(&w->prof, rc);
}

static void work_release(struct work *w)
{
    pln__profile_release(&w->prof);
    pln__free(w->heap);
    pln__free(w->npred);
    pln__free(w->placed);
    pln__free(w->wait);
    pln__free(w->key);
    pln__free(w->s);
    pln__free(w->sb);
}

/* Serial generation, forward: tasks become eligible when their
 * predecessors are placed; the eligible task with the least key goes next,
 * at its earliest feasible start. Tasks with fixed[j] keep s[j]. With
 * funding, a task the money cannot pay for anywhere in the horizon waits
 * until a task that some tranche waits for is placed; tasks still waiting
 * at the end set rc->money_stuck (the tranches they need wait for them). */
static bool forward(struct work *w, const double *key, const bool *fixed,
                    int32_t *s)
{
    struct pln_rc *rc = w->rc;
    const pln_model *m = rc->m;
    struct heap h = {w->heap, 0, key};
    size_t n_wait = 0;
    pln__profile_clear(&w->prof);
    memset(w->placed, 0, rc->n * sizeof(bool));
    /* Replanning: work started by the status date is where it is (and has
     * no predecessors left): placed first, never through the heap. Half
     * of a program can be history by mid-term; the samples then cost half
     * as much. */
    for (size_t j = 0; j < rc->n; j++) {
        w->npred[j] = (int)m->tasks[j].n_preds;
        if (m->tasks[j].pinned) {
            s[j] = rc->release[j];
            pln__profile_add(&w->prof, j, s[j], +1);
            w->placed[j] = true;
        } else if (fixed && fixed[j]) {
            pln__profile_add(&w->prof, j, s[j], +1);
        }
    }
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        if (!t->pinned)
            continue;
        for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++)
            w->npred[m->deps[m->succ_deps[k]].succ]--;
    }
    for (size_t j = 0; j < rc->n; j++)
        if (w->npred[j] == 0 && !w->placed[j])
            heap_push(&h, (int)j);
    while (h.n > 0) {
        size_t j = (size_t)heap_pop(&h);
        const struct pln_task *t = &m->tasks[j];
        if (!(fixed && fixed[j])) {
            int32_t at = pln__rc_pred_bound(rc, j, s, NULL);
            int32_t limit = pln_calset_size(rc->c.cs, t->calendar);
            int32_t clash;
            bool money = false, short_now;
            while (!pln__profile_fits_all(&w->prof, j, at, &clash,
                                          &short_now)) {
                money |= short_now;
                at = clash + 1;
                if (at >= limit)
                    break;
            }
            if (at >= limit && money) {
                w->wait[n_wait++] = (int)j; /* for money to come */
                continue;
            }
            /* A task without crews fits anywhere, but not past the
             * horizon (the calendars end there). */
            if (at >= limit || at + t->duration > limit) {
                rc->c.overflow = true;
                return false;
            }
            s[j] = at;
            pln__profile_add(&w->prof, j, at, +1);
            /* Money that waited for it may have come. */
            if (n_wait && rc->money->cond[j]) {
                while (n_wait)
                    heap_push(&h, w->wait[--n_wait]);
            }
        }
        w->placed[j] = true;
        for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++) {
            int u = m->deps[m->succ_deps[k]].succ;
            if (--w->npred[u] == 0)
                heap_push(&h, u);
        }
    }
    if (n_wait) {
        rc->money_stuck = w->wait[0];
        return false;
    }
    return true;
}

/* Serial generation, backward: right-justifies every task of `s` (in
 * order of decreasing finish) at the latest start its successors, the end
 * point and the crews allow. False when a task would start before its
 * release (then `s` is left as it was). */
static bool backward(struct work *w, const int32_t *s, int32_t *out)
{
    struct pln_rc *rc = w->rc;
    const pln_model *m = rc->m;
    struct heap h = {w->heap, 0, w->key};
    pln_date end = m->start;
    for (size_t j = 0; j < rc->n; j++) {
        pln_date p = pln__cpm_finish_point(&rc->c, m->tasks[j].calendar,
                                           s[j] + m->tasks[j].duration);
        if (p > end)
            end = p;
    }
    pln__profile_clear(&w->prof);
    /* Replanning: started work stays where it is (forward). */
    for (size_t j = 0; j < rc->n; j++)
        if (m->tasks[j].pinned) {
            out[j] = rc->release[j];
            pln__profile_add(&w->prof, j, out[j], +1);
        }
    for (size_t j = 0; j < rc->n; j++) {
        if (m->tasks[j].pinned)
            continue;
        w->npred[j] = (int)m->tasks[j].n_succs;
        /* Later finish first: the key is the negated finish point. */
        w->key[j] = -(double)pln__cpm_finish_point(
                        &rc->c, m->tasks[j].calendar,
                        s[j] + m->tasks[j].duration) -
                    1e-3 * (double)pln__cpm_start_point(&rc->c, &m->tasks[j],
                                                        s[j]) /
                        (double)(end + 1);
        if (w->npred[j] == 0)
            heap_push(&h, (int)j);
    }
    while (h.n > 0) {
        size_t j = (size_t)heap_pop(&h);
        const struct pln_task *t = &m->tasks[j];
        int32_t at = pln__cpm_count(&rc->c, t->calendar, end) - t->duration;
        int32_t b = pln__rc_succ_bound(rc, j, out, NULL);
        int32_t clash;
        if (b < at)
            at = b;
        while (!pln__profile_fits(&w->prof, j, at, &clash)) {
            at = clash - (t->duration > 0 ? t->duration : 1);
            if (at < rc->release[j])
                return false;
        }
        if (at < rc->release[j])
            return false;
        out[j] = at;
        pln__profile_add(&w->prof, j, at, +1);
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
            int u = m->deps[e].pred;
            if (--w->npred[u] == 0 && !m->tasks[u].pinned)
                heap_push(&h, u);
        }
    }
    return true;
}

/* Left-justify a right-justified schedule: forward in order of its
 * starts (as dates, so calendars compare). */
/*
 * With funding, work a tranche waits for (it, or work after it) that needs
 * no crew and costs nothing (approvals, paperwork) goes first among the
 * tasks ready: its
 * start is its predecessors' whatever the order, but a tranche that waits
 * for it is only counted once it is placed, so placed late it hides money
 * from everything placed before it. How far ahead: beyond any key.
 */
static double free_first(const struct pln_rc *rc, size_t j)
{
    return rc->money && rc->money->rank[j] < (int)rc->money->nt &&
                   !rc->uses_crews[j] && rc->m->tasks[j].money.cost <= 0
               ? -1e12
               : 0;
}

static bool justify(struct work *w, const int32_t *sb, int32_t *s)
{
    struct pln_rc *rc = w->rc;
    for (size_t j = 0; j < rc->n; j++)
        w->key[j] = (double)pln__cpm_start_point(&rc->c, &rc->m->tasks[j],
                                                 sb[j]) +
                    free_first(rc, j);
    return forward(w, w->key, NULL, s);
}

static bool better(const struct pln_rc_eval *a, const struct pln_rc_eval *b)
{
    if (a->hard_ok != b->hard_ok)
        return a->hard_ok;
    if (a->value != b->value)
        return a->value < b->value;
    if (a->lateness != b->lateness)
        return a->lateness < b->lateness;
    return a->makespan < b->makespan;
}

/* Justifies w->s (value *ev) while that improves it, at most a few
 * rounds. False when the horizon is too short. */
static bool justify_rounds(struct work *w, enum pln_objective obj,
                           struct pln_rc_eval *ev)
{
    struct pln_rc *rc = w->rc;
    for (int round = 0; round < 4; round++) {
        struct pln_rc_eval ej;
        if (!backward(w, w->s, w->sb))
            break;
        if (!justify(w, w->sb, w->sb)) {
            if (rc->money_stuck >= 0 && !rc->c.overflow) {
                rc->money_stuck = -1;
                break;
            }
            return false;
        }
        pln__rc_eval(rc, obj, w->sb, &ej);
        if (!better(&ej, ev))
            break;
        memcpy(w->s, w->sb, rc->n * sizeof(int32_t));
        *ev = ej;
    }
    return true;
}

/* xorshift64*: a small fixed-seed generator, so runs repeat exactly. */
static double rnd(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return (double)((x * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

int pln__sgs_fixed(struct pln_rc *rc, const bool *fixed, const double *prio,
                   int32_t *s)
{
    struct work w;
    int ok = -1;
    if (work_init(&w, rc))
        ok = forward(&w, prio, fixed, s) ? 1 : 0;
    rc->money_stuck = -1; /* only the heuristic reports it */
    work_release(&w);
    return ok;
}

bool pln__elite_init(struct pln_elite *e, size_t n_tasks)
{
    memset(e, 0, sizeof(*e));
    for (size_t k = 0; k < PLN_ELITE_MAX; k++)
        if (!(e->s[k] = pln__malloc((n_tasks + 1) * sizeof(int32_t)))) {
            pln__elite_release(e);
            return false;
        }
    return true;
}

void pln__elite_release(struct pln_elite *e)
{
    for (size_t k = 0; k < PLN_ELITE_MAX; k++) {
        pln__free(e->s[k]);
        e->s[k] = NULL;
    }
    e->n = 0;
}

/* Keeps s among the elite when it is better than the worst kept and no
 * kept schedule has its value (different values: different starts). */
static void elite_offer(struct pln_elite *e, size_t n, const int32_t *s,
                        const struct pln_rc_eval *ev)
{
    size_t at;
    int32_t *spare;
    for (size_t k = 0; k < e->n; k++)
        if (e->ev[k].hard_ok == ev->hard_ok && e->ev[k].value == ev->value)
            return;
    if (e->n == PLN_ELITE_MAX && !better(ev, &e->ev[e->n - 1]))
        return;
    at = e->n < PLN_ELITE_MAX ? e->n++ : e->n - 1;
    spare = e->s[at];
    while (at > 0 && better(ev, &e->ev[at - 1])) {
        e->s[at] = e->s[at - 1];
        e->ev[at] = e->ev[at - 1];
        at--;
    }
    e->s[at] = spare;
    e->ev[at] = *ev;
    memcpy(spare, s, n * sizeof(int32_t));
}

pln_status pln__heuristic(struct pln_rc *rc, enum pln_objective obj,
                          int iterations, double stop_at, double deadline,
                          const double *hint, int32_t *best,
                          struct pln_rc_eval *best_eval,
                          struct pln_elite *elite)
{
    const pln_model *m = rc->m;
    struct work w;
    double *base = NULL, *key = NULL;
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    pln_status st = PLN_ENOMEM;
    bool have = false;
    double spread = 1.0;
    int stuck = -1;

    base = pln__malloc((rc->n + 1) * sizeof(double));
    key = pln__malloc((rc->n + 1) * sizeof(double));
    if (!work_init(&w, rc) || !base || !key)
        goto done;
    /* The base rule: the crew-free latest start, as a date. Its spread
     * scales the noise of the samples. */
    {
        double lo = 0, hi = 0;
        for (size_t j = 0; j < rc->n; j++) {
            base[j] = (double)pln__cpm_start_point(&rc->c, &m->tasks[j],
                                                   rc->lst[j]);
            if (j == 0 || base[j] < lo)
                lo = base[j];
            if (j == 0 || base[j] > hi)
                hi = base[j];
        }
        spread = hi > lo ? (hi - lo) : 1.0;
        if (hint)
            memcpy(base, hint, rc->n * sizeof(double));
    }
    for (int it = 0; it < iterations; it++) {
        struct pln_rc_eval ev;
        /* With funding, the fifth schedule puts first the work the next
         * money waits for (money.c: unlock_ranks). */
        int rule = it < 4                  ? it
                   : it == 4 && rc->money ? 6
                                          : 4 + (it & 1);
        for (size_t j = 0; j < rc->n; j++) {
            const struct pln_task *t = &m->tasks[j];
            double es = (double)pln__cpm_start_point(&rc->c, t, rc->es[j]);
            double fl = base[j] - es; /* crew-free float, calendar days */
            double wgt = m->sites[t->site].weight > 0 ? m->sites[t->site].weight
                                                      : 1.0;
            switch (rule) {
            case 0: /* latest start */
                key[j] = base[j];
                break;
            case 1: /* least float, weighed: a heavy site's float counts
                       less, its lateness more */
                key[j] = (fl > 0 ? fl / wgt : fl * wgt) + 1e-3 * base[j] / (spread + 1.0);
                break;
            case 2: /* least float */
                key[j] = fl + 1e-3 * base[j] / (spread + 1.0);
                break;
            case 3: /* earliest start */
                key[j] = es + 1e-3 * base[j] / (spread + 1.0);
                break;
            case 4: /* samples around the latest start */
                key[j] = base[j] + rnd(&seed) * spread * 0.15 *
                                       (1.0 + (double)(it % 7) / 3.0);
                break;
            case 6: /* the money's order, then the latest start */
                key[j] = (double)rc->money->rank[j] * (spread + 1.0) * 4.0 +
                         base[j];
                break;
            default: /* samples around the weighed float */
                key[j] = (fl > 0 ? fl / wgt : fl * wgt) +
                         rnd(&seed) * spread * 0.1 * (1.0 + (double)(it % 5) / 2.0);
                break;
            }
            key[j] += free_first(rc, j);
        }
        if (!forward(&w, key, NULL, w.s)) {
            if (rc->money_stuck >= 0 && !rc->c.overflow) {
                /* This order spends the money before the work the next
                 * tranche waits for: try the next one. */
                stuck = rc->money_stuck;
                rc->money_stuck = -1;
                continue;
            }
            st = PLN_EHORIZON;
            goto done;
        }
        pln__rc_eval(rc, obj, w.s, &ev);
        if (!justify_rounds(&w, obj, &ev)) {
            st = PLN_EHORIZON;
            goto done;
        }
        if (!have || better(&ev, best_eval)) {
            memcpy(best, w.s, rc->n * sizeof(int32_t));
            *best_eval = ev;
            have = true;
        }
        if (elite)
            elite_offer(elite, rc->n, w.s, &ev);
        if (rc->c.overflow) {
            st = PLN_EHORIZON;
            goto done;
        }
        if (have && best_eval->hard_ok && best_eval->value <= stop_at)
            break; /* as good as the bound: nothing left to find */
        if (deadline > 0 && it >= 8 && (it & 7) == 0 &&
            pln__now_seconds() > deadline)
            break;
    }
    st = have ? PLN_OK : PLN_EHORIZON;
    if (!have)
        rc->money_stuck = stuck;
done:
    work_release(&w);
    pln__free(base);
    pln__free(key);
    return st;
}

/*
 * Late-deadline boosting, after the heuristic: the best schedule's own
 * order (its start dates), with the work leading to one late deadline put
 * ahead (by about its lateness, then to the front), is generated again; a
 * better schedule is kept and the next deadline starts from it. Random samples spread their changes over the whole program; a
 * late pilot site needs its own work to come first at the few crews it
 * waits for, which this asks for directly. Deadlines whose late work has
 * all started (replanning) are history and left alone. At most `budget`
 * schedules, until no late deadline gains, the bound, or `deadline`.
 */
pln_status pln__heuristic_boost(struct pln_rc *rc, enum pln_objective obj,
                                int budget, double stop_at, double deadline,
                                int32_t *best, struct pln_rc_eval *best_eval)
{
    const pln_model *m = rc->m;
    struct work w;
    double *key = pln__malloc((rc->n + 1) * sizeof(double));
    int *late = pln__malloc((rc->nd + 1) * sizeof(int));
    double *amount = pln__malloc((rc->nd + 1) * sizeof(double));
    bool *mark = pln__malloc(rc->n + 1);
    pln_status st = PLN_ENOMEM;
    int runs = 0;

    if (!work_init(&w, rc) || !key || !late || !amount || !mark)
        goto done;
    st = PLN_OK;
    while (runs < budget && best_eval->value > stop_at + 1e-9) {
        size_t nl = 0;
        bool improved = false;
        /* The late deadlines that can still move, most weighted first. */
        for (size_t i = 0; i < rc->nd; i++) {
            const struct pln_rc_deadline *dl = &rc->dl[i];
            int32_t worst = pln__rc_late(rc, i, best);
            bool movable = false;
            for (size_t e = dl->first; e < dl->first + dl->count; e++) {
                size_t j = (size_t)rc->dl_task[e];
                if (best[j] + m->tasks[j].duration > rc->dl_bound[e] &&
                    !m->tasks[j].pinned)
                    movable = true;
            }
            if (worst > 0 && movable && dl->weight > 0) {
                size_t k = nl++;
                amount[i] = worst;
                while (k > 0 && rc->dl[late[k - 1]].weight * amount[late[k - 1]] <
                                    dl->weight * worst) {
                    late[k] = late[k - 1];
                    k--;
                }
                late[k] = (int)i;
            }
        }
        /* Each late deadline in turn, from the schedule the ones before
         * it left (one that is no longer late is passed over). */
        for (size_t li = 0; li < nl && runs < budget; li++) {
            bool gained = false;
            int32_t now_late = pln__rc_late(rc, (size_t)late[li], best);
            if (now_late <= 0)
                continue;
            amount[late[li]] = now_late;
            for (int how = 0; how < 2 && !gained && runs < budget; how++) {
                /* About the lateness in calendar days (a working week is
                 * 5-6 of 7 days), then to the front. */
                double ahead = how == 0 ? 1.5 * amount[late[li]] + 7 : 1e7;
                struct pln_rc_eval ev;
                /* (Started work's keys do not count: it is placed first.) */
                pln__rc_leading(rc, (size_t)late[li], mark);
                for (size_t j = 0; j < rc->n; j++)
                    key[j] = (double)pln__cpm_start_point(&rc->c, &m->tasks[j],
                                                          best[j]) +
                             free_first(rc, j) - (mark[j] ? ahead : 0);
                runs++;
                /* An order that does not fit the horizon (or the money)
                 * is skipped: the best schedule does fit. */
                if (!forward(&w, key, NULL, w.s)) {
                    rc->money_stuck = -1;
                    rc->c.overflow = false;
                    continue;
                }
                /* Not justified: as good on district-200/500, planned
                 * and replanned, funded or not, in half the time. */
                pln__rc_eval(rc, obj, w.s, &ev);
                if (better(&ev, best_eval)) {
                    memcpy(best, w.s, rc->n * sizeof(int32_t));
                    *best_eval = ev;
                    improved = gained = true;
                }
                if (deadline > 0 && pln__now_seconds() > deadline)
                    goto done;
                if (best_eval->value <= stop_at + 1e-9)
                    goto done;
            }
        }
        if (!improved)
            break;
    }
done:
    work_release(&w);
    pln__free(key);
    pln__free(late);
    pln__free(amount);
    pln__free(mark);
    return st;
}
