/*
 * lp_int.h -- a plain linear program through GLPK, for the time-cost
 * trade-off (crash.c): columns with bounds and costs, rows with bounds and
 * sparse coefficients, minimised with the simplex method; the primal
 * values, the row duals, and re-solves after a row's bounds change (warm,
 * from the previous basis). Implemented in lp_glpk.c, the one file that
 * includes glpk.h; GLPK's output is kept, never printed, and its fatal
 * errors become PLN_ESOLVER. Library-internal.
 */
#ifndef PLN_LP_INT_H
#define PLN_LP_INT_H

#include <math.h>

#include "pln_alloc.h"
#include "pln_planner.h"

typedef struct pln_lp pln_lp;

enum pln_lp_result {
    PLN_LP_OPTIMAL = 0,
    PLN_LP_INFEASIBLE, /* no point meets every row and bound */
    PLN_LP_UNBOUNDED
};

/* An LP of `ncols` columns and `nrows` rows (0-based), every column free
 * with cost 0 and every row free until set. NULL when out of memory. */
pln_lp *pln__lp_new(int ncols, int nrows);
void pln__lp_free(pln_lp *lp);
/* Bounds: -INFINITY / INFINITY for none. */
void pln__lp_col(pln_lp *lp, int j, double lo, double hi, double cost);
void pln__lp_row(pln_lp *lp, int i, double lo, double hi);
/* A[i][j] += a. False when out of memory. */
bool pln__lp_coef(pln_lp *lp, int i, int j, double a);
/* Solves (the first call builds the GLPK problem; later calls start from
 * the last basis). PLN_OK with *res, or PLN_ESOLVER / PLN_ENOMEM in err. */
pln_status pln__lp_solve(pln_lp *lp, enum pln_lp_result *res, pln_error *err);
/* After an optimal solve. */
double pln__lp_objective(const pln_lp *lp);
double pln__lp_x(const pln_lp *lp, int j);
/* d(objective) / d(row i's active bound). */
double pln__lp_dual(const pln_lp *lp, int i);
/* Rows and nonzeros of the problem built. */
int pln__lp_rows(const pln_lp *lp);
size_t pln__lp_nonzeros(const pln_lp *lp);

#endif
