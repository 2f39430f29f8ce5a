/*
 * propagate.c -- narrows start windows before the MIP: dependencies both
 * ways, then "time-tabling" on crews: where a task's window is narrower
 * than its duration it is surely at work on the days in between (its
 * compulsory part); no other task can start where it would overload a crew
 * on those days. Repeated to a fixed point. An empty window proves that no
 * schedule fits the windows (used to prove a makespan optimal).
 */
#include <string.h>

#include "rcpsp_int.h"

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

bool pln__propagate(struct pln_rc *rc, const bool *in, int32_t *lo,
                    int32_t *hi, bool *ok)
{
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
    return true;
}
