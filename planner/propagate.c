/*
 * propagate.c -- narrows start windows before the MIP: dependencies both
 * ways, then "time-tabling" on crews: where a task's window is narrower
 * than its duration it is surely at work on the days in between (its
 * compulsory part); no other task can start where it would overload a crew
 * on those days. Repeated to a fixed point. An empty window proves that no
 * schedule fits the windows (used to prove a makespan optimal).
 */
#include <string.h>

#include "mip_int.h"

/* Adds (sign +1) or removes (-1) task j's compulsory part. */
static void compulsory(struct pln_rc_profile *p, size_t j, int32_t lo,
                       int32_t hi, int sign)
{
    struct pln_rc *rc = p->rc;
    const struct pln_task *t = &rc->m->tasks[j];
    if (!rc->uses_crews[j])
        return;
    for (int32_t q = hi; q <= lo + t->duration - 1; q++) {
        int32_t x = pln__rc_day(rc, t->calendar, q);
        if (x < 0)
            continue;
        for (size_t k = 0; k < t->n_demands; k++)
            p->use[(size_t)t->demands[k].crew * (size_t)rc->ndays +
                   (size_t)x] += sign * t->demands[k].amount;
    }
}

static bool deps(struct pln_rc *rc, const bool *in, int32_t *lo, int32_t *hi,
                 bool *changed)
{
    for (size_t i = 0; i < rc->n; i++) {
        size_t j = (size_t)rc->order[i];
        int32_t b;
        if (!in[j])
            continue;
        b = pln__rc_pred_bound(rc, j, lo, in);
        if (b > lo[j]) {
            lo[j] = b;
            *changed = true;
        }
    }
    for (size_t i = rc->n; i-- > 0;) {
        size_t j = (size_t)rc->order[i];
        int32_t b;
        if (!in[j])
            continue;
        b = pln__rc_succ_bound(rc, j, hi, in);
        if (b < hi[j]) {
            hi[j] = b;
            *changed = true;
        }
        if (lo[j] > hi[j])
            return false;
    }
    return true;
}

/* Days of task j at work inside date indices [a, b] when it starts at s. */
static int32_t overlap(struct pln_rc *rc, size_t j, int32_t s, int32_t a,
                       int32_t b)
{
    const struct pln_task *t = &rc->m->tasks[j];
    int32_t first = pln__rc_day(rc, t->calendar, s);
    int32_t last = pln__rc_day(rc, t->calendar, s + t->duration - 1);
    int32_t n = 0;
    if (first < 0 || last < 0 || last < a || first > b)
        return 0;
    if (first >= a && last <= b)
        return t->duration;
    for (int32_t q = s; q < s + t->duration; q++) {
        int32_t x = pln__rc_day(rc, t->calendar, q);
        if (x >= a && x <= b)
            n++;
    }
    return n;
}

/*
 * Energetic reasoning (check only): over a date interval [a, b] every task
 * needs at least the work it must do there wherever it starts in its window
 * (the least of starting first and starting last: the overlap is unimodal in
 * the start); more than the crews' capacity over [a, b] means no schedule
 * fits. Intervals run between window ends, per crew kind.
 */
static bool energetic_ok(struct pln_rc *rc, const bool *in, const int32_t *lo,
                         const int32_t *hi, int32_t *pts, int64_t *capsum,
                         double deadline)
{
    const pln_model *m = rc->m;
    for (size_t k = 0; k < rc->nk; k++) {
        size_t np = 0;
        const int32_t *cap = rc->cap + k * (size_t)rc->ndays;
        for (size_t j = 0; j < rc->n; j++) {
            const struct pln_task *t = &m->tasks[j];
            if (!in[j] || !rc->uses_crews[j] || pln__rc_demand(rc, j, k) == 0)
                continue;
            pts[np++] = pln__rc_day(rc, t->calendar, lo[j]);
            pts[np++] = pln__rc_day(rc, t->calendar, hi[j]);
            pts[np++] = pln__rc_day(rc, t->calendar, lo[j] + t->duration - 1);
            pts[np++] = pln__rc_day(rc, t->calendar, hi[j] + t->duration - 1);
        }
        if (np == 0)
            continue;
        capsum[0] = 0;
        for (int32_t x = 0; x < rc->ndays; x++)
            capsum[x + 1] = capsum[x] + cap[x];
        for (size_t p = 0; p < np; p++) {
            /* Out of time: no refutation (sound, only weaker). */
            if (deadline > 0 && pln__now_seconds() > deadline)
                return true;
            for (size_t q = 0; q < np; q++) {
                int32_t a = pts[p], b = pts[q];
                int64_t need = 0;
                if (a < 0 || b < a)
                    continue;
                for (size_t j = 0; j < rc->n; j++) {
                    int32_t r, o1, o2;
                    if (!in[j] || !rc->uses_crews[j])
                        continue;
                    r = pln__rc_demand(rc, j, k);
                    if (r == 0)
                        continue;
                    o1 = overlap(rc, j, lo[j], a, b);
                    if (o1 == 0)
                        continue;
                    o2 = overlap(rc, j, hi[j], a, b);
                    need += (int64_t)r * (o1 < o2 ? o1 : o2);
                }
                if (need > capsum[b + 1] - capsum[a])
                    return false;
            }
        }
    }
    return true;
}

bool pln__propagate(struct pln_rc *rc, const bool *in, int32_t *lo,
                    int32_t *hi, bool *ok)
{
    return pln__propagate_ex(rc, in, lo, hi, ok, true);
}

bool pln__propagate_ex(struct pln_rc *rc, const bool *in, int32_t *lo,
                       int32_t *hi, bool *ok, bool energetic)
{
    return pln__propagate_until(rc, in, lo, hi, ok, energetic ? 0 : -1);
}

bool pln__propagate_until(struct pln_rc *rc, const bool *in, int32_t *lo,
                          int32_t *hi, bool *ok, double deadline)
{
    bool energetic = deadline >= 0;
    struct pln_rc_profile p;
    bool changed = true;
    *ok = true;
    if (!pln__profile_init(&p, rc))
        return false;
    for (int round = 0; changed && round < 100 && *ok; round++) {
        changed = false;
        if (!deps(rc, in, lo, hi, &changed)) {
            *ok = false;
            break;
        }
        pln__profile_clear(&p);
        for (size_t j = 0; j < rc->n; j++)
            if (in[j])
                compulsory(&p, j, lo[j], hi[j], +1);
        for (size_t j = 0; j < rc->n && *ok; j++) {
            int32_t clash, a = lo[j], b = hi[j];
            int32_t d = rc->m->tasks[j].duration;
            if (!in[j] || !rc->uses_crews[j])
                continue;
            compulsory(&p, j, lo[j], hi[j], -1);
            while (a <= b && !pln__profile_fits(&p, j, a, &clash))
                a = clash + 1;
            while (b >= a && !pln__profile_fits(&p, j, b, &clash))
                b = clash - d;
            if (a > b) {
                *ok = false;
                break;
            }
            if (a != lo[j] || b != hi[j]) {
                changed = true;
                lo[j] = a;
                hi[j] = b;
            }
            compulsory(&p, j, lo[j], hi[j], +1);
        }
    }
    pln__profile_release(&p);
    /* The energetic check costs O(n^3) per kind: only for small problems
     * (j30 to j120 sizes), where it refutes what time-tabling cannot. */
    if (*ok && energetic && rc->n <= 150) {
        int32_t *pts = pln__malloc((4 * rc->n + 1) * sizeof(int32_t));
        int64_t *capsum = pln__malloc(((size_t)rc->ndays + 2) * sizeof(int64_t));
        if (!pts || !capsum) {
            pln__free(pts);
            pln__free(capsum);
            return false;
        }
        *ok = energetic_ok(rc, in, lo, hi, pts, capsum, deadline);
        pln__free(pts);
        pln__free(capsum);
    }
    return true;
}
