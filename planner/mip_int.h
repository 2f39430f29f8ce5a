/*
 * mip_int.h -- the interface between the solve driver and the GLPK model
 * (lp_glpk.c, the one file that includes glpk.h). Library-internal.
 */
#ifndef PLN_MIP_INT_H
#define PLN_MIP_INT_H

#include "rcpsp_int.h"

struct pln_mip_progress {
    double elapsed;
    bool have_value;
    double value; /* best schedule found by the MIP */
    double bound; /* best bound */
};

struct pln_mip_in {
    struct pln_rc *rc;
    enum pln_objective obj;
    const bool *in;          /* tasks in the model */
    const int32_t *lo, *hi;  /* start windows, inclusive */
    const int32_t *incumbent; /* a schedule inside the windows, or NULL */
    int32_t *incumbent_out;  /* scratch of n starts: branch-and-bound runs
                                in a child process when given (see
                                lp_glpk.c); NULL: in this process */
    double time_limit;       /* seconds of wall time; <= 0: build only */
    bool lp_only;            /* solve the LP relaxation only: INFEASIBLE
                                when even that has no solution */
    double rel_gap;          /* stop when (value - bound) / value <= this */
    size_t max_cols;         /* larger models are not built */
    const char *lp_path;     /* write the model here (CPLEX LP), or NULL */
    /* Replanning's second stage (weighted lateness only): when given, the
     * objective is the working days moved, sum_j |S_j - anchor[j]| over
     * the tasks with an anchor (INT32_MIN: none), and the weighted
     * lateness may not exceed lateness_cap. */
    const int32_t *anchor;
    double lateness_cap;
    void (*progress)(const struct pln_mip_progress *p, void *ud);
    void *progress_ud;
};

enum pln_mip_status {
    PLN_MIP_UNKNOWN = 0, /* no answer within the time limit */
    PLN_MIP_OPTIMAL,
    PLN_MIP_FEASIBLE,
    PLN_MIP_INFEASIBLE, /* nothing inside the windows */
    PLN_MIP_TOO_BIG
};

struct pln_mip_out {
    enum pln_mip_status status;
    double value, bound, root_bound;
    bool have_solution;
    int32_t *s; /* caller's array: starts of the tasks in the model */
    int rows, cols;
    size_t nonzeros;
    double elapsed;
};

/* Builds and (time_limit > 0) solves the model. PLN_OK with out->status
 * set, PLN_ENOMEM, PLN_EIO (LP file), or PLN_ESOLVER when GLPK failed. */
pln_status pln__mip_solve(const struct pln_mip_in *in, struct pln_mip_out *out,
                          pln_error *err);

double pln__now_seconds(void);

/* Provokes a fatal GLPK error inside the same trap as pln__mip_solve():
 * returns PLN_ESOLVER with GLPK's message, for the tests. */
pln_status pln__glpk_trap_selftest(pln_error *err);

#endif
