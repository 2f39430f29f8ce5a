/*
 * cpm_int.h -- the time arithmetic the critical path and the countdown share.
 *
 * A task's start is the morning of its first working day; its finish the
 * morning after its last working day. Both are indices into the task's own
 * calendar (k = "after k working days of the horizon"). A milestone has one
 * point in time, the end of the day on which it is reached, so both of its
 * events behave like finishes. Converting a point in time (a date's morning)
 * into another calendar's index is where calendars meet:
 *   earliest start index at or after x     = W(x)
 *   earliest finish index at or after x    = W(x - 1) + 1
 *   latest point x for a start index <= m  : x <= wd[m]
 *   latest point x for a finish index <= m : x <= wd[m - 1] + 1
 * A lag of n working days moves a point to the evening of the n-th working
 * day after it (cpm_time.c), so with a lag both kinds of event get W(x) + n.
 * Every lookup goes through these helpers, which note when the horizon was
 * too short (the caller then retries with a longer one). Library-internal.
 */
#ifndef PLN_CPM_INT_H
#define PLN_CPM_INT_H

#include "pln_alloc.h"
#include "pln_planner.h"

struct pln_cpm_ctx {
    const pln_model *m;
    const pln_calset *cs;
    bool overflow; /* a lookup fell outside the horizon */
    bool under;    /* ... before its first day */
};

/* W_c(x): working days of calendar c in [first, x). */
int32_t pln__cpm_count(struct pln_cpm_ctx *c, int cal, pln_date x);
/* wd_c[k]: the date of the k-th working day. */
pln_date pln__cpm_nth(struct pln_cpm_ctx *c, int cal, int32_t k);

/* Point in time of a task's start / finish event. */
pln_date pln__cpm_start_point(struct pln_cpm_ctx *c, const struct pln_task *t,
                              int32_t es);
pln_date pln__cpm_finish_point(struct pln_cpm_ctx *c, int cal, int32_t ef);

/* Lower bound on a task's early start from a dependency on `pred`. */
int32_t pln__cpm_dep_es(struct pln_cpm_ctx *c, const struct pln_dep *d,
                        const struct pln_task *pred,
                        const struct pln_task_times *pt,
                        const struct pln_task *succ);
/* Upper bound on a task's late finish from a dependency on `succ`. */
int32_t pln__cpm_dep_lf(struct pln_cpm_ctx *c, const struct pln_dep *d,
                        const struct pln_task *pred,
                        const struct pln_task *succ, int32_t succ_ls,
                        int32_t succ_lf);

/* Lower bound on es for "displayed start on or after date D". */
int32_t pln__cpm_release_es(struct pln_cpm_ctx *c, const struct pln_task *t,
                            pln_date d);
/* Upper bound on lf for "displayed finish on or before D". */
int32_t pln__cpm_finish_by_lf(struct pln_cpm_ctx *c, const struct pln_task *t,
                              pln_date d);
/* Upper bound on lf for "displayed start on or before D". */
int32_t pln__cpm_start_by_lf(struct pln_cpm_ctx *c, const struct pln_task *t,
                             pln_date d);

/* Displayed dates of a task whose events are at (s, f). */
pln_date pln__cpm_show_start(struct pln_cpm_ctx *c, const struct pln_task *t,
                             int32_t s, int32_t f);
pln_date pln__cpm_show_finish(struct pln_cpm_ctx *c, const struct pln_task *t,
                              int32_t f);

/*
 * Replanning (m->replan): a pinned task's start index (its start event;
 * `lf` gets its fixed finish), or for a task not started, the least start
 * index the status date allows. Returns false for a model without status.
 */
bool pln__replan_bounds(struct pln_cpm_ctx *c, size_t j, int32_t *release,
                        int32_t *fixed_lf);

/* The tasks [*lo, *hi) that constraint k may bind: its task, or its site's. */
void pln__cons_range(const pln_model *m, const struct pln_constraint *k,
                     size_t *lo, size_t *hi);
/* Does constraint k bind task t (directly, or as a task of its site)? */
bool pln__cons_binds(const pln_model *m, const struct pln_constraint *k,
                     size_t t);
/* From the es/ef/ls/lf indices of s->tasks: the displayed dates, floats,
 * finish, makespan and the deadline results (s->deadlines allocated). */
pln_status pln__schedule_finish(struct pln_cpm_ctx *c, pln_schedule *s);
/* Notes the years without public holiday data the plan runs into. */
void pln__find_missing_years(pln_schedule *s);
/* The model's earliest and latest dates (plan start, constraint dates). */
void pln__model_span(const pln_model *m, pln_date *lo, pln_date *hi);
/* Tasks in topological order (malloc'd), or NULL when out of memory. */
int *pln__topo_order(const pln_model *m);

#endif
