/*
 * solve_int.h -- the state of one pln_solve() (solve.c), shared with the
 * replanning's second objective (solve_baseline.c). Internal.
 */
#ifndef PLN_SOLVE_INT_H
#define PLN_SOLVE_INT_H

#include "mip_int.h"

struct solver {
    struct pln_rc rc;
    const struct pln_solve_options *o;
    enum pln_objective obj;
    double t0;
    int32_t *best, *lo, *hi, *mip_s, *scratch;
    bool *all, *in;
    struct pln_rc_eval ev;
    double lb;
    bool proven, infeasible, have;
    bool money_stuck; /* no schedule the money pays for was found */
    const char *method;
    int mip_rows, mip_cols;
    size_t mip_nz;
    /* Replanning: schedules generated in the baseline's order (with and
     * without the floor of the baseline starts), see pln__baseline_candidates. */
    int32_t *cand[2];
    bool have_cand[2];
    /* The heuristic's best schedules of different values: the starts of
     * late-deadline boosting (empty when it does not apply). */
    struct pln_elite elite;
};

/* Seconds left of the time limit. */
static inline double pln__solve_remaining(const struct solver *S)
{
    return S->o->time_limit - (pln__now_seconds() - S->t0);
}

/* Replanning's second objective (solve_baseline.c). Each task's baseline
 * start index in b (INT32_MIN: none, or pinned) and, when prio is given,
 * the baseline's order as a priority (a date, no later than the crew-free
 * latest start). */
void pln__baseline_anchors(struct solver *S, int32_t *b, double *prio);
/* Schedule generation in the baseline's order, with and without the floor
 * of the baseline starts, kept in S->cand. */
pln_status pln__baseline_candidates(struct solver *S);
/* Takes a candidate that is better, or as good and moves fewer days
 * (`seed`: before the MIP, also one that meets the hard deadlines). */
pln_status pln__baseline_take(struct solver *S, bool seed);
/* GLPK: the fewest working days moved at no more lateness. */
pln_status pln__baseline_mip(struct solver *S, pln_error *err);
/* Task by task toward the baseline start, at no cost. */
pln_status pln__baseline_move(struct solver *S);

#endif
