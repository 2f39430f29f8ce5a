/*
 * solve_baseline.c -- replanning's second objective, for pln_solve()
 * (solve.c): among schedules as good on the first, the one closest to the
 * baseline (fewest working days moved, summed over the tasks, each in its
 * own calendar). A lexicographic second pass, after the first objective is
 * settled:
 *   - schedule generation in the order of the baseline's starts, once with
 *     no task earlier than its baseline start and once without that floor
 *     (made before the MIP, which they seed); a result replaces the
 *     schedule when it is no worse on the first objective (nor on the hard
 *     deadlines) and moves fewer days;
 *   - GLPK on windows between each task's start and its baseline start,
 *     the lateness capped, the days moved minimised, where the model can
 *     finish in its time;
 *   - task by task, each toward its baseline start where nothing gets
 *     worse.
 * The baseline's order is a strong hint: a program replanned after a small
 * delay is mostly the baseline shifted where it must be.
 */
#include <stdlib.h>
#include <string.h>

#include "solve_int.h"

static int64_t moved_days(const struct pln_rc *rc, const int32_t *b,
                          const int32_t *s)
{
    int64_t d = 0;
    for (size_t j = 0; j < rc->n; j++)
        if (b[j] != INT32_MIN)
            d += s[j] > b[j] ? s[j] - b[j] : b[j] - s[j];
    return d;
}

/* Each task's baseline start index (INT32_MIN: none, or pinned). */
void pln__baseline_anchors(struct solver *S, int32_t *b, double *prio)
{
    struct pln_rc *rc = &S->rc;
    const pln_model *m = rc->m;
    const pln_date *base = S->o->baseline_start;

    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        b[j] = INT32_MIN;
        if (prio)
            prio[j] = (double)pln__cpm_start_point(&rc->c, t, rc->es[j]);
        if (base[j] == PLN_DATE_NONE || t->pinned)
            continue;
        b[j] = pln__cpm_count(&rc->c, t->calendar, base[j]) +
               (t->duration == 0);
        /* The baseline's order, but no later than the crew-free latest
         * start (which the hard deadlines bound). */
        if (prio) {
            double late = (double)pln__cpm_start_point(&rc->c, t, rc->lst[j]);
            prio[j] = (double)base[j] < late ? (double)base[j] : late;
        }
    }
}

/*
 * The second stage with GLPK: every task may move between its current start
 * and its baseline start (inside its release and hard deadline), the
 * weighted lateness may not grow, and the working days moved are minimised
 * (lp_glpk.c). Kept when it checks out and moves fewer days.
 */
pln_status pln__baseline_mip(struct solver *S, pln_error *err)
{
    struct pln_rc *rc = &S->rc;
    const pln_model *m = rc->m;
    int32_t *b = pln__malloc((rc->n + 1) * sizeof(int32_t));
    struct pln_mip_in in;
    struct pln_mip_out out;
    pln_status st = PLN_ENOMEM;

    if (!b)
        goto done;
    pln__baseline_anchors(S, b, NULL);
    rc->c.overflow = false;
    for (size_t j = 0; j < rc->n; j++) {
        int32_t cur = S->best[j], a = b[j] == INT32_MIN ? cur : b[j];
        int32_t lo = cur < a ? cur : a, hi = cur > a ? cur : a;
        int32_t d = m->tasks[j].duration;
        if (lo < rc->release[j])
            lo = rc->release[j] > cur ? cur : rc->release[j];
        if (rc->hard_lf[j] != INT32_MAX && hi > rc->hard_lf[j] - d)
            hi = rc->hard_lf[j] - d < cur ? cur : rc->hard_lf[j] - d;
        S->in[j] = true;
        S->lo[j] = lo;
        S->hi[j] = hi;
    }
    memset(&in, 0, sizeof(in));
    in.rc = rc;
    in.obj = PLN_OBJ_WEIGHTED_LATENESS;
    in.in = S->in;
    in.lo = S->lo;
    in.hi = S->hi;
    in.incumbent = S->best;
    /* The second stage is a refinement: a quarter of the limit at most
     * (a weekly replan should come back quickly). */
    in.time_limit = pln__solve_remaining(S);
    if (in.time_limit > 0.25 * S->o->time_limit)
        in.time_limit = S->o->time_limit > 4 ? 0.25 * S->o->time_limit
                                             : in.time_limit;
    /* Only what can finish in its time: measured here, these models
     * solve at about 5,000 columns a second (district-200's 10,372 in
     * 2.1 s), and a model GLPK cannot finish is stopped with nothing to
     * show (district-500's ~19,000 columns at 2.5 s: no fewer days moved).
     * Larger second stages are left to the task-by-task pass
     * (move_toward_baseline); a longer limit lets them in. */
    in.max_cols = (size_t)(5000 * in.time_limit);
    in.anchor = b;
    in.lateness_cap = S->ev.value;
    out.s = S->mip_s;
    in.incumbent_out = S->scratch;
    st = pln__mip_solve(&in, &out, err);
    if (st != PLN_OK)
        goto done;
    if (out.have_solution) {
        struct pln_rc_eval ev;
        char msg[64];
        pln__rc_eval(rc, S->obj, S->mip_s, &ev);
        if (ev.hard_ok && ev.value <= S->ev.value + 1e-9 &&
            moved_days(rc, b, S->mip_s) < moved_days(rc, b, S->best) &&
            pln__rc_check(rc, S->mip_s, false, msg, sizeof(msg))) {
            memcpy(S->best, S->mip_s, rc->n * sizeof(int32_t));
            S->ev = ev;
        }
    }
done:
    pln__free(b);
    return st;
}

/*
 * Schedule generation in the baseline's order, once with no task earlier
 * than its baseline start and once without that floor. Made once, before
 * the MIP (they seed it), and kept in S->cand for the last pass.
 */
pln_status pln__baseline_candidates(struct solver *S)
{
    struct pln_rc *rc = &S->rc;
    int32_t *b = pln__malloc((rc->n + 1) * sizeof(int32_t));
    int32_t *saved = pln__malloc((rc->n + 1) * sizeof(int32_t));
    double *prio = pln__malloc((rc->n + 1) * sizeof(double));
    pln_status st = PLN_ENOMEM;

    for (int k = 0; k < 2; k++)
        S->cand[k] = pln__malloc((rc->n + 1) * sizeof(int32_t));
    if (!b || !saved || !prio || !S->cand[0] || !S->cand[1])
        goto done;
    pln__baseline_anchors(S, b, prio);
    st = PLN_OK;
    if (rc->c.overflow) {
        rc->c.overflow = false; /* a baseline outside the horizon */
        goto done;
    }
    memcpy(saved, rc->release, rc->n * sizeof(int32_t));
    for (int k = 0; k < 2; k++) {
        bool floor = k == 0;
        int r;
        for (size_t j = 0; j < rc->n; j++)
            rc->release[j] = floor && b[j] > saved[j] ? b[j] : saved[j];
        r = pln__sgs_fixed(rc, NULL, prio, S->cand[k]);
        memcpy(rc->release, saved, rc->n * sizeof(int32_t));
        rc->c.overflow = false;
        if (r < 0) {
            st = PLN_ENOMEM;
            goto done;
        }
        S->have_cand[k] = r == 1;
    }
done:
    pln__free(b);
    pln__free(saved);
    pln__free(prio);
    return st;
}

/*
 * Takes a candidate that is no worse on the objective (nor on the hard
 * deadlines) and moves fewer days than the schedule; before the MIP
 * (`seed`) also one that is better on the objective, or meets the hard
 * deadlines the schedule misses.
 */
pln_status pln__baseline_take(struct solver *S, bool seed)
{
    struct pln_rc *rc = &S->rc;
    int32_t *b = pln__malloc((rc->n + 1) * sizeof(int32_t));
    int64_t best_moved;

    if (!b)
        return PLN_ENOMEM;
    pln__baseline_anchors(S, b, NULL);
    if (rc->c.overflow) { /* a baseline outside the horizon */
        rc->c.overflow = false;
        pln__free(b);
        return PLN_OK;
    }
    best_moved = moved_days(rc, b, S->best);
    for (int k = 0; k < 2; k++) {
        struct pln_rc_eval ev;
        int64_t moved;
        if (!S->have_cand[k])
            continue;
        pln__rc_eval(rc, S->obj, S->cand[k], &ev);
        moved = moved_days(rc, b, S->cand[k]);
        if ((ev.hard_ok || !S->ev.hard_ok) &&
            (ev.value < S->ev.value - 1e-9 ||
             (seed && !S->ev.hard_ok && ev.hard_ok) ||
             (ev.value <= S->ev.value + 1e-9 && moved < best_moved))) {
            memcpy(S->best, S->cand[k], rc->n * sizeof(int32_t));
            S->ev = ev;
            best_moved = moved;
        }
    }
    pln__free(b);
    return PLN_OK;
}

/*
 * The last pass: task by task, each moves as near its baseline start as its
 * predecessors, successors and the crews allow, when the objective does not
 * get worse; repeated while something moves.
 */
pln_status pln__baseline_move(struct solver *S)
{
    struct pln_rc *rc = &S->rc;
    const pln_model *m = rc->m;
    int32_t *b = pln__malloc((rc->n + 1) * sizeof(int32_t));
    int32_t *start = pln__malloc((rc->n + 1) * sizeof(int32_t));
    /* The deadlines each task is bound by (CSR): with the weighted
     * lateness and every hard deadline met, a move is judged on those
     * alone (nothing else moves), not on the whole program. */
    size_t *first = pln__calloc(rc->n + 1, sizeof(size_t));
    size_t n_bound = 0;
    int *dl_of;
    struct pln_rc_eval before = S->ev;
    struct pln_rc_profile prof;
    bool moved_any = true, local;
    pln_status st = PLN_ENOMEM;

    for (size_t i = 0; i < rc->nd; i++)
        n_bound += rc->dl[i].count;
    dl_of = pln__malloc((n_bound + 1) * sizeof(int));
    if (!b || !start || !first || !dl_of)
        goto done;
    st = PLN_OK;
    pln__baseline_anchors(S, b, NULL);
    if (rc->c.overflow) { /* a baseline outside the horizon */
        rc->c.overflow = false;
        goto done;
    }
    st = PLN_ENOMEM;
    if (!pln__profile_init(&prof, rc))
        goto done;
    st = PLN_OK;
    for (size_t i = 0; i < rc->nd; i++)
        for (size_t e = rc->dl[i].first; e < rc->dl[i].first + rc->dl[i].count;
             e++)
            first[rc->dl_task[e] + 1]++;
    for (size_t j = 0; j < rc->n; j++)
        first[j + 1] += first[j];
    {
        size_t *fill = pln__calloc(rc->n + 1, sizeof(size_t));
        if (!fill) {
            st = PLN_ENOMEM;
            pln__profile_release(&prof);
            goto done;
        }
        for (size_t i = 0; i < rc->nd; i++)
            for (size_t e = rc->dl[i].first;
                 e < rc->dl[i].first + rc->dl[i].count; e++) {
                size_t j = (size_t)rc->dl_task[e];
                dl_of[first[j] + fill[j]++] = (int)i;
            }
        pln__free(fill);
    }
    memcpy(start, S->best, rc->n * sizeof(int32_t));
    local = S->obj == PLN_OBJ_WEIGHTED_LATENESS && S->ev.hard_ok;
    pln__profile_clear(&prof);
    for (size_t j = 0; j < rc->n; j++)
        pln__profile_add(&prof, j, S->best[j], +1);
    /* Two sweeps a pass: in reverse topological order the tasks that go
     * back later (successors make room first), in topological order those
     * that go back earlier; so a chain moves in one pass. */
    for (int pass = 0; pass < 16 && moved_any; pass++) {
        moved_any = false;
        for (size_t i = 0; i < 2 * rc->n; i++) {
            bool later = i < rc->n;
            size_t j = (size_t)rc->order[later ? rc->n - 1 - i : i - rc->n];
            int32_t cur = S->best[j], lo, hi, target, step;
            double own = 0;
            if (b[j] == INT32_MIN || cur == b[j] || (b[j] > cur) != later)
                continue;
            lo = pln__rc_pred_bound(rc, j, S->best, NULL);
            hi = pln__rc_succ_bound(rc, j, S->best, NULL);
            target = b[j] < lo ? lo : b[j] > hi ? hi : b[j];
            if (target == cur)
                continue;
            step = target < cur ? 1 : -1;
            for (size_t k = first[j]; local && k < first[j + 1]; k++)
                own += rc->dl[dl_of[k]].weight *
                       pln__rc_late(rc, (size_t)dl_of[k], S->best);
            pln__profile_add(&prof, j, cur, -1);
            for (int32_t t = target; t != cur; t += step) {
                if (!pln__profile_fits_all(&prof, j, t, NULL, NULL))
                    continue;
                S->best[j] = t;
                if (local) {
                    double now = 0;
                    int32_t hl = rc->hard_lf[j];
                    for (size_t k = first[j]; k < first[j + 1]; k++)
                        now += rc->dl[dl_of[k]].weight *
                               pln__rc_late(rc, (size_t)dl_of[k], S->best);
                    if ((hl == INT32_MAX || t + m->tasks[j].duration <= hl) &&
                        now <= own + 1e-9) {
                        S->ev.value += now - own;
                        moved_any = true;
                        break;
                    }
                } else {
                    struct pln_rc_eval ev;
                    pln__rc_eval(rc, S->obj, S->best, &ev);
                    if ((ev.hard_ok || !S->ev.hard_ok) &&
                        ev.value <= S->ev.value + 1e-9) {
                        S->ev = ev;
                        moved_any = true;
                        break;
                    }
                }
                S->best[j] = cur;
            }
            pln__profile_add(&prof, j, S->best[j], +1);
        }
    }
    pln__profile_release(&prof);
    rc->c.overflow = false;
    /* The whole program once more: the moves were judged on their own
     * deadlines; never worse than before. */
    pln__rc_eval(rc, S->obj, S->best, &S->ev);
    if ((before.hard_ok && !S->ev.hard_ok) ||
        S->ev.value > before.value + 1e-6) {
        memcpy(S->best, start, rc->n * sizeof(int32_t));
        S->ev = before;
    }
done:
    pln__free(b);
    pln__free(start);
    pln__free(first);
    pln__free(dl_of);
    return st;
}

