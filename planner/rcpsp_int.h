/*
 * rcpsp_int.h -- the crew-constrained scheduling problem as the heuristic,
 * the propagation, the MIP and the checker see it. Library-internal.
 *
 * A task's decision is its start index s in its own calendar (see
 * cpm_int.h); it is then at work on the working days wd[s .. s+d-1] of that
 * calendar. Crew capacity lives on the date axis: kind k has cap[k][x]
 * crews on date first + x (its count on the crew calendar's working days, 0
 * on its days off). On every date the demands of the tasks at work must fit.
 * Dependencies are the CPM's: a monotone lower bound on a successor's start
 * index given its predecessor's (pln__cpm_dep_es), whatever the calendars.
 */
#ifndef PLN_RCPSP_INT_H
#define PLN_RCPSP_INT_H

#include "cpm_int.h"

struct pln_rc {
    const pln_model *m;
    struct pln_cpm_ctx c; /* calendars over the solve horizon */
    size_t n;             /* tasks */
    int *order;           /* a topological order */
    int32_t *release;     /* least start index (plan start, releases) */
    int32_t *hard_lf;     /* greatest finish index from hard deadlines */
    int32_t *es;          /* crew-free early start (CPM, with releases) */
    int32_t *lst;         /* crew-free late start towards the deadlines */
    bool *uses_crews;     /* the task demands a crew */
    bool *leads;          /* the task is bound by or leads to a deadline */
    size_t nk;            /* crew kinds */
    pln_date first;       /* first date of the capacity axis (plan start) */
    int32_t ndays;        /* dates on the capacity axis */
    int32_t *cap;         /* [k * ndays + x] */
    /* Deadline terms: per deadline (constraint with an upper date) the
     * bound task list and its latest finish index per task. */
    size_t nd;
    struct pln_rc_deadline {
        int constraint;
        double weight; /* the site's weight */
        int site;
        size_t first, count; /* into dl_task / dl_bound */
    } *dl;
    int *dl_task;
    int32_t *dl_bound;
    /* Funding (money.c): NULL when the model has no tranches or no task
     * costs anything. */
    struct pln_rc_money *money;
    /* Set by schedule generation: the first task no tranche could pay
     * for (the money it needs waits for it, or for its successors). */
    int money_stuck;
};

/* The funding constraint: amounts in thousandths (see money.c). */
struct pln_rc_money {
    size_t nt;        /* tranches */
    int32_t *date_x;  /* per tranche: its date's index (0 when before the
                         plan start; INT32_MAX past the horizon) */
    int64_t *amount;  /* per tranche */
    bool *cond;       /* per task: a tranche waits for it */
    int *rank;        /* per task: the place, in the order tranches can
                         be unlocked (cheapest work first), of the first
                         tranche that waits for it or for work after it;
                         nt when none: a priority for the heuristic */
    /* Replanning: the first date checked (the status date's index; 0 when
     * planning) and per date from it the deficit that started work leaves
     * (what it has spent and will spend beyond the money that does not
     * wait for new work; 0 without one): the balance may not fall below
     * minus it. NULL when there is none anywhere. */
    int32_t from;
    int64_t *floor;
    /* Replanning: the started tasks' start indices (their payments are in
     * every profile from the start, whatever order the work is placed
     * in); NULL when planning. */
    int32_t *pin;
    int32_t *xs;      /* scratch: paying days of one task */
    int64_t *pay;
};

/* How many crews of kind k task j needs (0: none). */
int32_t pln__rc_demand(const struct pln_rc *rc, size_t j, size_t k);

/* Objective value of a full schedule (start indices `s`). */
struct pln_rc_eval {
    double value;    /* in the units of the objective */
    double lateness; /* weighted working days late, summed over deadlines */
    int32_t makespan; /* calendar days, plan start to last finish */
    size_t late_deadlines, late_sites;
    bool hard_ok;     /* every hard deadline met */
};

/* Sets up the problem over a calendar horizon of `after` days past the
 * model's dates. PLN_EHORIZON when a task cannot fit in it. */
pln_status pln__rc_init(struct pln_rc *rc, const pln_model *m, int32_t after,
                        pln_error *err);
void pln__rc_release(struct pln_rc *rc);

/* Date index of the k-th working day of calendar cal (x = date - first),
 * or -1 when outside the axis. */
int32_t pln__rc_day(struct pln_rc *rc, int cal, int32_t k);
/* Finish index (es + duration) and the calendar days from plan start to
 * the task's last day, inclusive, for a start index. */
int32_t pln__rc_end_days(struct pln_rc *rc, size_t j, int32_t s);
/* Least start of j given its predecessors' starts in `s` (entries of
 * unscheduled predecessors are ignored when `placed` is given). */
int32_t pln__rc_pred_bound(struct pln_rc *rc, size_t j, const int32_t *s,
                           const bool *placed);
/* Greatest start of j given its successors' starts in `s`. */
int32_t pln__rc_succ_bound(struct pln_rc *rc, size_t j, const int32_t *s,
                           const bool *placed);

/* mark[j] (rc->n entries): task j is bound by deadline i (rc->dl) or
 * leads to a task that is. */
void pln__rc_leading(const struct pln_rc *rc, size_t i, bool *mark);
/* Working days deadline i (rc->dl) is late in schedule s; 0 when met. */
int32_t pln__rc_late(const struct pln_rc *rc, size_t i, const int32_t *s);
void pln__rc_eval(struct pln_rc *rc, enum pln_objective obj,
                  const int32_t *s, struct pln_rc_eval *out);

/* ---------------------------------------------------------- heuristic */

/* Crew usage on the date axis, for placing tasks one at a time. */
struct pln_rc_profile {
    struct pln_rc *rc;
    int32_t *use; /* [k * ndays + x] */
    struct pln_money_profile *money; /* the balance, with funding */
};
bool pln__profile_init(struct pln_rc_profile *p, struct pln_rc *rc);
void pln__profile_release(struct pln_rc_profile *p);
void pln__profile_clear(struct pln_rc_profile *p);
/* Does task j fit when started at s?  On a clash, *next (when not NULL)
 * is a start index worth trying next going forward. */
bool pln__profile_fits(struct pln_rc_profile *p, size_t j, int32_t s,
                       int32_t *next);
void pln__profile_add(struct pln_rc_profile *p, size_t j, int32_t s, int sign);
/* pln__profile_fits() and, with funding, the money too: *money_short
 * (may be NULL) tells that the crews fit but the money does not. */
bool pln__profile_fits_all(struct pln_rc_profile *p, size_t j, int32_t s,
                           int32_t *next, bool *money_short);

/* ------------------------------------------------------------- funding */

/* The model has tranches and some task costs money: the money is a
 * constraint (pln__money_init sets rc->money exactly then). */
bool pln__money_applies(const pln_model *m);
pln_status pln__money_init(struct pln_rc *rc);
void pln__money_release(struct pln_rc *rc);
/* What task j pays on its i-th working day (a milestone: i = 0, its day),
 * in thousandths: its cost by its spend rule, spread with exact rounding
 * (the shares sum to the cost). */
int64_t pln__money_pay_on(const pln_model *m, size_t j, int32_t i);
/* The days (date indices, ascending) task j started at s pays on, and how
 * much on each; returns the count (0: it costs nothing). xs and pay hold
 * at least its duration (1 for a milestone). */
size_t pln__money_pays(struct pln_rc *rc, size_t j, int32_t s, int32_t *xs,
                       int64_t *pay);
/* Arrival index of each tranche (INT32_MAX: not within the horizon, or a
 * condition not placed: placed NULL means every task is). */
void pln__money_arrivals(struct pln_rc *rc, const int32_t *s,
                         const bool *placed, int32_t *arr);
bool pln__money_profile_init(struct pln_rc_profile *p);
void pln__money_profile_release(struct pln_rc_profile *p);
void pln__money_profile_clear(struct pln_rc_profile *p);
void pln__money_profile_add(struct pln_rc_profile *p, size_t j, int32_t s,
                            int sign);
/* Can task j start at s with the money in the profile? (A started task:
 * always; its spending is history.) */
bool pln__money_fits(struct pln_rc_profile *p, size_t j, int32_t s);
/* The first date index checked (money->from: the status date's in a
 * replan, else 0) where a full schedule has spent more than has arrived,
 * below the started work's floor (*shortfall: by how much, in
 * thousandths), -1 when none, -2 when out of memory. */
int32_t pln__money_short_day(struct pln_rc *rc, const int32_t *s,
                             int64_t *shortfall);
/* 1 when no schedule can receive the money its work costs (see money.c;
 * *reach and *cost in thousandths), 0 when not proven, -1 out of memory. */
int pln__money_unreachable(struct pln_rc *rc, int64_t *reach, int64_t *cost);
/* Fills out's tranche arrivals, payments and money waits for schedule s
 * (nothing without funding). PLN_ENOMEM leaves them NULL. */
pln_status pln__money_report(struct pln_rc *rc, const int32_t *s,
                             pln_schedule *out);

/* A few good schedules of different values, kept by the heuristic for
 * boosting from more than one start (n of at most PLN_ELITE_MAX, best
 * first). */
#define PLN_ELITE_MAX 4
struct pln_elite {
    size_t n;
    int32_t *s[PLN_ELITE_MAX]; /* rc->n start indices each, owned */
    struct pln_rc_eval ev[PLN_ELITE_MAX];
};
bool pln__elite_init(struct pln_elite *e, size_t n_tasks);
void pln__elite_release(struct pln_elite *e);

/*
 * The schedule-generation heuristic: serial schedule generation over
 * priority lists (several rules, then randomised samples), each schedule
 * improved by forward-backward justification. Deterministic: `iterations`
 * schedules at most, seeded, stopping early at a value <= stop_at (a
 * lower bound) or at `deadline` (pln__now_seconds(); 0 = none: then runs
 * repeat exactly). Fills `best` (start indices) and its value.
 * `hint` (may be NULL): a priority per task (lower first; a date) that
 * replaces the crew-free latest start as the base rule and the centre of
 * the samples, e.g. the baseline's order when replanning. `elite` (may be
 * NULL, else initialised) gets the best schedules of different values.
 */
pln_status pln__heuristic(struct pln_rc *rc, enum pln_objective obj,
                          int iterations, double stop_at, double deadline,
                          const double *hint, int32_t *best,
                          struct pln_rc_eval *best_eval,
                          struct pln_elite *elite);
/* After pln__heuristic: late-deadline boosting of `best` (sgs.c), at most
 * `budget` more schedules; `best` and its value improve or stay. */
pln_status pln__heuristic_boost(struct pln_rc *rc, enum pln_objective obj,
                                int budget, double stop_at, double deadline,
                                int32_t *best, struct pln_rc_eval *best_eval);
/*
 * The genetic algorithm on activity lists (ga.c), for the makespan in
 * PSPLIB's setting (pln__ga_applies(): pln__bnb_applies(), every
 * dependency a fixed offset, no hard deadline). Improves `best`, a
 * feasible schedule (start indices), in place: at most `budget` schedules
 * (pln__ga_budget() derives it from the time limit and the task count),
 * stopping at a makespan <= stop_at (a lower bound), after a quarter of
 * the budget without a better schedule, or, as a safety stop only, at
 * `deadline` (pln__now_seconds(); 0: none). Same input and budget,
 * same schedule (unless the deadline cut it short). Returns 1 when `best`
 * was improved, 0 when not, -1 when out of memory.
 */
bool pln__ga_applies(struct pln_rc *rc, enum pln_objective obj);
long pln__ga_budget(double time_limit, size_t n);
int pln__ga(struct pln_rc *rc, long budget, double stop_at, double deadline,
            int32_t *best);
/* Serial generation with the tasks of `fixed` (may be NULL) kept at their
 * `s` and the others placed in order of `prio`, lower first. 1: done; 0: a
 * task does not fit inside the horizon; -1: out of memory. */
int pln__sgs_fixed(struct pln_rc *rc, const bool *fixed, const double *prio,
                   int32_t *s);

/* --------------------------------------------------------- propagation */

/* Narrows the windows [lo, hi] of the tasks with in[j] (dependencies among
 * them, crew compulsory parts). *ok = false when some window empties: no
 * schedule fits. Returns false only when out of memory. */
bool pln__propagate(struct pln_rc *rc, const bool *in, int32_t *lo,
                    int32_t *hi, bool *ok);
/* The same; `energetic` false skips the O(n^3) energetic check. */
bool pln__propagate_ex(struct pln_rc *rc, const bool *in, int32_t *lo,
                       int32_t *hi, bool *ok, bool energetic);
/* The same with the energetic check cut short at `deadline`
 * (pln__now_seconds(); 0: none, < 0: no energetic check). A check cut
 * short refutes nothing, so the result then depends on the timing. */
bool pln__propagate_until(struct pln_rc *rc, const bool *in, int32_t *lo,
                          int32_t *hi, bool *ok, double deadline);

/* ------------------------------------------------------ branch and bound */

/*
 * Is there a schedule inside the windows [lo, hi] of every task?  Depth-
 * first search by "set times" with propagation at every node (bnb.c).
 * Returns 1 with the starts in `s`, 0 when there is none, -1 when the time
 * ran out (at `deadline`, pln__now_seconds()) or memory did. Only for
 * models where it is complete: see pln__bnb_applies().
 */
int pln__bnb_feasible(struct pln_rc *rc, const int32_t *lo, const int32_t *hi,
                      double deadline, int32_t *s);
bool pln__bnb_applies(const struct pln_rc *rc);
/* Where pln__bnb_applies(): the fixed offset of dependency d, start(succ)
 * >= start(pred) + *off (checked at two points both ways, >= 0, and at
 * least the predecessor's duration when it uses crews); false when d does
 * not reduce to one. */
bool pln__rc_dep_offset(struct pln_rc *rc, const struct pln_dep *d,
                        int32_t *off);

/* The fast engine's table of failed nodes (bnb_memo.c): records hold the
 * placed tasks F (fx[j]), their starts (lo[j]) and the postponed tasks
 * (post[j] == lo[j]); a node is dominated when a record with the same F
 * guarantees that every schedule of the node maps onto one in the record's
 * failed subtree (see the file's comment). The model's arrays stay owned
 * by the caller. */
#define PLN_MEMO_WAYS 8
struct pln_memo_model {
    int n, nk;
    const int32_t *dur, *dem, *cap; /* dem[j * nk + k] */
    const unsigned char *crew;      /* demands some crew */
    const int *ss, *si;             /* successors (CSR): start(si[e]) >= */
    const int32_t *so;              /*   start(j) + so[e] */
    int32_t base, H;                /* every window inside [base, base + H) */
};
struct pln_memo {
    struct pln_memo_model mm;
    size_t stride, words, nbuckets;
    uint64_t *tab, *key;
    unsigned char *rr;
    int32_t *lim, *acc; /* [k * H + t - base] */
    long lookups, hits, stores;
};
size_t pln__memo_stride(int n);
/* At most about `bytes` for the table; false when out of memory. */
bool pln__memo_init(struct pln_memo *M, const struct pln_memo_model *mm,
                    size_t bytes);
void pln__memo_free(struct pln_memo *M);
/* The record of the node (fx, lo, post) into key[pln__memo_stride(n)]. */
void pln__memo_key(const struct pln_memo *M, const unsigned char *fx,
                   const int32_t *lo, const int32_t *post, uint64_t *key);
void pln__memo_store(struct pln_memo *M, const uint64_t *key);
/* Is the node (fx, lo, hi, post) dominated by a record?  Leaves its own
 * record in M->key either way. */
bool pln__memo_dominated(struct pln_memo *M, const unsigned char *fx,
                         const int32_t *lo, const int32_t *hi,
                         const int32_t *post);

/* ------------------------------------------------------------- checker */

/* Checks a schedule against every rule (calendars, dependencies, releases,
 * crew capacity on every date, hard deadlines unless `allow_late_hard`).
 * Returns true, or false with the first violation described in msg. */
bool pln__rc_check(struct pln_rc *rc, const int32_t *s, bool allow_late_hard,
                   char *msg, size_t msg_len);

#endif
