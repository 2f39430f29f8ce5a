/*
 * pln_planner.h -- scheduling: the calendar-aware critical path method, the
 * countdown plan derived from it, and the writers of its outputs
 * (schedule.json, countdown.csv, the terminal table, the calendars).
 *
 * Times inside a schedule are working-day indices in each task's own
 * calendar (see pln_calendar.h); the public result also carries the civil
 * dates a person reads.
 */
#ifndef PLN_PLANNER_H
#define PLN_PLANNER_H

#include <stdio.h>

#include "pln_calendar.h"
#include "pln_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Times of one task. Dates are inclusive working days: `finish` is the last
 * working day; a milestone has start == finish (the day it is reached). */
struct pln_task_times {
    int32_t es, ef; /* early start/finish indices, task calendar */
    int32_t ls, lf; /* late start/finish indices */
    pln_date start; /* scheduled (= early) dates */
    pln_date finish;
    pln_date late_start;
    pln_date late_finish;
    int32_t start_day; /* working days of the task calendar from plan start */
    int32_t total_float; /* ls - es, working days; negative when late */
    bool critical;       /* total_float <= 0 */
};

/* One deadline (a constraint with an upper date) and how the plan meets it. */
struct pln_deadline_result {
    int constraint;   /* index into pln_model.constraints */
    int task;         /* the bound step with the least slack (ties: the
                         later one); it decides `slack` and `date` */
    pln_date date;    /* the deadline, as a working day of that task */
    pln_date planned; /* the planned finish (or start); for a whole site, the
                         latest of its bound steps */
    int32_t slack;    /* working days; negative = late by -slack */
    bool met;
};

/* Funding: a task's payment on one day (amounts in the model's unit,
 * rounded to thousandths; a task's payments sum to its cost exactly). */
struct pln_payment {
    int task;
    pln_date date;
    double amount;
};

/* A task that money, not crews or logic, holds back: its predecessors and
 * the crews let it start on `could_start`, but what has arrived by then
 * does not pay for it until `money_from` (the schedule starts it then or
 * later); `tranche` is the tranche it waits for: the first to arrive
 * after could_start that, had it come by then, would have let it start
 * then (index into pln_model.funding.tranches; -1 when no one tranche
 * would: it waits for several, or for money that later work needs). */
struct pln_money_wait {
    int task;
    pln_date could_start;
    pln_date money_from;
    int32_t days; /* working days of the task's calendar between the two */
    int tranche;
};

/* How good a schedule is known to be. */
enum pln_solve_status {
    PLN_SOLVED_OPTIMAL = 0, /* proven optimal */
    PLN_SOLVED_FEASIBLE,    /* a schedule; lower_bound says how good */
    PLN_SOLVED_INFEASIBLE,  /* hard deadlines cannot all hold */
    PLN_SOLVED_NONE         /* no schedule within the time limit */
};

/* "optimal", "feasible", "infeasible", "no_solution". */
PLN_API const char *pln_solve_status_name(enum pln_solve_status st);
/* "weighted_lateness", "makespan", "late_sites". */
PLN_API const char *pln_objective_name(enum pln_objective obj);
/* Parses one of those names; false when unknown. */
PLN_API bool pln_objective_parse(const char *name, enum pln_objective *out);

typedef struct pln_schedule {
    const pln_model *model; /* borrowed */
    pln_calset *cals;       /* owned: the calendars over the horizon */
    struct pln_task_times *tasks; /* one per model task */
    size_t n_tasks;
    struct pln_deadline_result *deadlines;
    size_t n_deadlines;
    pln_date finish;  /* last finish of any task */
    int32_t makespan; /* calendar days from plan start to `finish`, inclusive */
    size_t n_late;    /* deadlines missed */
    /* Years the plan runs into for which a calendar in use has no public
     * holiday data (bundled or declared): each is warned about. */
    struct pln_missing_year {
        int calendar;
        int year;
    } *missing_years;
    size_t n_missing_years;

    /* The solve: what was optimised and how good the result is. */
    enum pln_solve_status status;
    const char *method;  /* what found the schedule and the bound:
                            "critical_path", "heuristic",
                            "heuristic+propagation", "heuristic+lp",
                            "heuristic+mip" (static text) */
    bool crews_limiting; /* crews were scheduled (some task needs one) */
    enum pln_objective objective;
    double objective_value; /* of this schedule */
    double lower_bound;     /* no schedule does better */
    /* Why the program is infeasible (malloc'd lines), when it is. */
    char **reasons;
    size_t n_reasons;
    /* Size of the last MIP solved (0 when none). */
    int mip_rows, mip_cols;
    size_t mip_nonzeros;

    /* Funding, when the model has tranches and costs (else all NULL/0):
     * each tranche's arrival in this schedule (PLN_DATE_NONE: not within
     * the horizon), every payment by date then task, and the tasks the
     * money holds back, by task. */
    pln_date *tranche_arrival;
    struct pln_payment *payments;
    size_t n_payments;
    struct pln_money_wait *money_waits;
    size_t n_money_waits;
} pln_schedule;

/*
 * Calendar-aware critical path: forward and backward passes in working days
 * of each task's own calendar, all four dependency kinds with lags counted in
 * the successor's calendar, release dates (plan start, start_not_before, the
 * start of start_within) honoured, deadlines (finish_by, the end of
 * start_within) bounding the backward pass. Crews do not limit.
 *
 * Returns PLN_OK and a schedule the caller frees with pln_schedule_free(),
 * or PLN_ENOMEM / PLN_EHORIZON with err set.
 */
PLN_API pln_status pln_cpm_schedule(const pln_model *m, pln_schedule **out,
                                    pln_error *err);
PLN_API void pln_schedule_free(pln_schedule *s);

/* Progress of a long solve, for a display. */
struct pln_solve_progress {
    double elapsed;  /* seconds */
    bool have_value; /* a schedule is known */
    double value;    /* its objective value */
    double bound;    /* the best lower bound */
};

struct pln_solve_options {
    int objective;       /* an enum pln_objective, or -1: the model's */
    double time_limit;   /* seconds of wall time for the MIP; 0: the
                            heuristic only (default 10) */
    double rel_gap;      /* stop at this relative gap (default 0) */
    const char *lp_path; /* write the MIP here (CPLEX LP format), or NULL */
    void (*progress)(const struct pln_solve_progress *p, void *ud);
    void *progress_ud;
    /* Replanning: each task's start in the plan being replaced
     * (PLN_DATE_NONE: a new task), or NULL. Among schedules as good on the
     * objective, one closer to it is preferred (solve.c: anchor_mip,
     * move_toward_baseline). */
    const pln_date *baseline_start;
};

PLN_API void pln_solve_options_init(struct pln_solve_options *o);

/*
 * Schedules the model with crews limiting (when any task needs a crew;
 * otherwise this is the critical path, optimal for every objective): a
 * schedule-generation heuristic, then GLPK on a time-indexed model for a
 * proof or a better schedule (lp_glpk.c explains the model). Every schedule
 * is checked against every rule before it is returned; a check failure is
 * PLN_ESOLVER. Same input, same output, unless the time limit cuts a search
 * short. An infeasible program (hard deadlines) is PLN_OK with status
 * PLN_SOLVED_INFEASIBLE and `reasons`.
 *
 * GLPK's branch-and-bound runs in a forked child process (so the time
 * limit holds and a GLPK failure stays there): a caller with threads or
 * with SIGCHLD handlers should know.
 */
PLN_API pln_status pln_solve(const pln_model *m,
                             const struct pln_solve_options *o,
                             pln_schedule **out, pln_error *err);

/* -------------------------------------- time-cost trade-off (crash.c) */

struct pln_crash_options {
    bool prices; /* the price of each deadline (default true) */
    /* What moving one deadline (its id, all its sites) to another date
     * would save (NULL: none). */
    const char *move_id;
    pln_date move_to;
};
PLN_API void pln_crash_options_init(struct pln_crash_options *o);

/* A task the plan shortens. */
struct pln_crash_task {
    int task;         /* index into pln_model.tasks */
    int32_t normal;   /* working days as planned */
    int32_t duration; /* working days shortened to */
    double cost;      /* (normal - duration) * its cost per day */
};

/* One model constraint (START_NOT_BEFORE ones are not deadlines). */
struct pln_crash_deadline {
    int constraint;      /* index into pln_model.constraints */
    bool bound;          /* binds some task (a deadline of a site's steps) */
    bool met_normal;     /* met at the normal durations */
    bool met;            /* met by the plan */
    int32_t short_by;    /* > 0: cannot be met even with every task fully
                            shortened; missed by this many working days */
    bool priced;         /* save_later and cost_earlier are known */
    double save_later;   /* what the deadline one working day later saves */
    double cost_earlier; /* what one working day earlier costs (INFINITY:
                            not even fully shortened) */
    bool moved;          /* the deadline of options.move_id: */
    double move_saving;  /* what moving it to move_to saves (negative:
                            costs; -INFINITY: cannot be met there) */
};

/* A deadline id, over the sites that share it. */
struct pln_crash_price {
    int constraint; /* the first constraint with this id */
    size_t n_sites, n_unmeetable;
    double save_later, cost_earlier; /* sums over the priced sites */
};

typedef struct pln_crash_plan {
    const pln_model *model; /* borrowed */
    pln_model *crashed;     /* owned: `model` with the shortened durations
                               (everything else shared with `model`) */
    pln_schedule *normal;   /* the critical path at the normal durations */
    pln_schedule *schedule; /* the critical path of the plan (of `crashed`) */
    const char *method;     /* "lp", or "lp+repair" where calendars moved;
                               "+crews" after it with crews limiting */
    /* pln_crash_crews_solve: `schedule` is crew-constrained, the rounds
     * of LP and crew-constrained solve it took (crash_crews.c). */
    bool crews_limiting;
    int rounds;
    double cost;            /* of all the shortening */
    int64_t days;           /* working days saved, summed over tasks */
    struct pln_crash_task *tasks; /* the tasks shortened, in model order */
    size_t n_tasks;
    struct pln_crash_deadline *deadlines; /* one per model constraint */
    size_t n_missed;     /* deadlines the plan misses (= the unmeetable) */
    size_t n_unmeetable;
    struct pln_crash_price *prices; /* one per deadline id */
    size_t n_prices;
    size_t n_lps, n_components, lp_rows, lp_nonzeros; /* the LPs solved */
    /* options.move_id: its sites, what moving it saves in all (over the
     * sites where it can be met: -INFINITY when one cannot be met at the
     * new date), and the sites where it cannot be met even now. */
    const char *move_id;
    pln_date move_to;
    size_t move_sites, move_unmeetable;
    double move_saving;
} pln_crash_plan;

/*
 * The cheapest set of task shortenings (each task's crash option) that
 * makes every deadline hold with crews not limiting, by linear
 * programming with GLPK; the deadlines that cannot be met even with every
 * task fully shortened (and by how much: the plan brings them as close as
 * it can); and each deadline's price. The formulation is described at the
 * top of crash.c.
 */
PLN_API pln_status pln_crash_plan_solve(const pln_model *m,
                                        const struct pln_crash_options *o,
                                        pln_crash_plan **out, pln_error *err);
PLN_API void pln_crash_plan_free(pln_crash_plan *p);
/*
 * The same question with crews limiting: the crash LP and the
 * crew-constrained solve (`time_limit` seconds each) iterated, deadlines
 * the crews made late asked of the LP again that many working days
 * earlier (crash_crews.c). The plan's `schedule` is crew-constrained and
 * its deadlines' `met` say what holds with the crews; no prices.
 */
PLN_API pln_status pln_crash_crews_solve(const pln_model *m,
                                         const struct pln_crash_options *o,
                                         double time_limit,
                                         pln_crash_plan **out, pln_error *err);
/* whatif.json: the plan, its cost, the deadlines and their prices. */
PLN_API pln_status pln_write_whatif_json(const pln_crash_plan *p, char **out,
                                         size_t *len, pln_error *err);

/* ----------------------------------------- extra crews (add_crews.c) */

typedef struct pln_add_crews_plan {
    const pln_model *model; /* borrowed */
    pln_model *crewed;      /* owned: `model` with the added crews (its
                               crews array owned, everything else shared) */
    pln_schedule *schedule; /* the crew-constrained schedule of `crewed` */
    int *added;             /* per crew kind: how many more */
    /* Per crew kind: what its added crews cost, and for a kind priced per
     * month the crew-months hired (each calendar month counts the most
     * extra crews at work on one of its days; 0 for a flat price). */
    double *kind_cost;
    int *crew_months;
    size_t n_added;
    double cost;            /* sum of added x extra_cost */
    double budget;          /* the most it may cost (INFINITY: no limit) */
    /* Weighted lateness with the model's crews, with the added ones, and
     * the least any count can reach (the crew-free critical path's). */
    double before, after, target;
    bool reached;           /* after == target */
    size_t n_solves;        /* crew-constrained solves made */
} pln_add_crews_plan;

/*
 * The cheapest extra crews (kinds with an `extra_cost`) that bring the
 * weighted lateness down to what the crew-free critical path allows (every
 * deadline met, where it can be met at all), each count judged by the
 * crew-constrained solve with `time_limit` seconds; marginal analysis,
 * then the crews not needed taken back (add_crews.c). With a `budget`
 * (INFINITY: none), no crew is added that would take the cost past it:
 * then the answer is the least weighted lateness found within it.
 */
PLN_API pln_status pln_add_crews_solve(const pln_model *m, double time_limit,
                                       double budget,
                                       pln_add_crews_plan **out,
                                       pln_error *err);
PLN_API void pln_add_crews_plan_free(pln_add_crews_plan *p);
/* whatif.json for --add-crews. */
PLN_API pln_status pln_write_add_crews_json(const pln_add_crews_plan *p,
                                            char **out, size_t *len,
                                            pln_error *err);

/* One row of the countdown plan: a task that leads to a deadline. */
struct pln_countdown_row {
    int deadline; /* index into pln_schedule.deadlines */
    int task;
    pln_date latest_start;
    pln_date latest_finish;
    pln_date planned_start;
    int32_t days_left; /* working days of the program's default calendar
                          from `today` to latest_start; negative = overdue */
};

typedef struct pln_countdown {
    struct pln_countdown_row *rows; /* by latest_start, then deadline, task */
    size_t n_rows;
    pln_date today;
} pln_countdown;

/*
 * For each deadline, a backward pass from that deadline alone through every
 * task that leads to it (its predecessors, transitively), giving each the
 * latest start and finish that still meets it, and the working days left
 * from `today`. Returns PLN_OK, PLN_ENOMEM or PLN_EHORIZON.
 */
PLN_API pln_status pln_countdown_build(const pln_schedule *s, pln_date today,
                                       pln_countdown **out, pln_error *err);
PLN_API void pln_countdown_free(pln_countdown *c);

/* --------------------------------------------------------------- funding */

/* What one site draws from one tranche: the money is drawn first come,
 * first served (the tranche that arrived first pays first). tranche -1:
 * spending nothing had paid for (only history in a replan can be). */
struct pln_draw {
    int tranche;
    double amount;
    pln_date first, last; /* first and last day it draws */
};

/* One site's money: what its tasks cost, the subsidy due by the rule for
 * its kind of work, the part of the cost above the standard area (paid by
 * funding.above_standard), what is left for the county (cost - subsidy,
 * not below 0), and its draws in order. */
struct pln_site_funding {
    int site;
    const struct pln_subsidy *rule; /* NULL: no rule (no kind given) */
    double cost, subsidy, above_standard, county_share;
    pln_date first_pay, last_pay; /* PLN_DATE_NONE: it pays nothing */
    size_t first_draw, n_draws;   /* into pln_funding_report.draws */
    size_t n_waits;               /* its tasks the money holds back */
};

/* Money per week (Monday to Sunday): arrived and spent in the week, and
 * the totals to its end; available - committed is the balance. */
struct pln_cash_week {
    pln_date monday;
    double arrived, spent;
    double available, committed;
};

typedef struct pln_funding_report {
    struct pln_site_funding *sites; /* one per model site */
    size_t n_sites;
    struct pln_draw *draws;
    size_t n_draws;
    struct pln_cash_week *weeks; /* first to last week with money moving */
    size_t n_weeks;
    double *drawn; /* per tranche: how much of it the plan spends */
    double cost, funds, subsidy;
    /* The lowest balance at a day's end while money is still to come
     * (before the last tranche arrives; any day when it all comes at
     * once), and that day. */
    double least_balance;
    pln_date least_balance_date;
} pln_funding_report;

/* The funding view of schedule s (its payments and tranche arrivals; a
 * schedule read back from a file has none: then only the site table).
 * PLN_OK or PLN_ENOMEM. */
PLN_API pln_status pln_funding_report_build(const pln_schedule *s,
                                            pln_funding_report **out,
                                            pln_error *err);
PLN_API void pln_funding_report_free(pln_funding_report *r);

/* --------------------------------------------------------------- outputs */

/* Each writer returns a malloc'd NUL-terminated buffer (free with free()). */
PLN_API pln_status pln_write_schedule_json(const pln_schedule *s, char **out,
                                           size_t *len, pln_error *err);
PLN_API pln_status pln_write_countdown_csv(const pln_schedule *s,
                                           const pln_countdown *c, char **out,
                                           size_t *len, pln_error *err);
/* funding.csv (one row per site), cashflow.csv (one row per week) and
 * the terminal's view of both with the tasks money holds back. */
PLN_API pln_status pln_write_funding_csv(const pln_schedule *s,
                                         const pln_funding_report *r,
                                         char **out, size_t *len,
                                         pln_error *err);
PLN_API pln_status pln_write_cashflow_csv(const pln_funding_report *r,
                                          char **out, size_t *len,
                                          pln_error *err);
PLN_API pln_status pln_write_funding_table(const pln_schedule *s,
                                           const pln_funding_report *r,
                                           char **out, size_t *len,
                                           pln_error *err);
/* The aligned UTF-8 countdown table for a terminal. */
PLN_API pln_status pln_write_countdown_table(const pln_schedule *s,
                                             const pln_countdown *c,
                                             char **out, size_t *len,
                                             pln_error *err);
/*
 * Reads back a plan written for model `m` (the text of its schedule.json;
 * `source` names it in messages) as a schedule: every task at its planned
 * dates, checked against every rule of the model. A task the model does not
 * have (or lacks), dates that do not fit the model's calendars or
 * durations, or a broken rule is PLN_EINVAL with the place in the file;
 * bad JSON is PLN_ESYNTAX.
 */
PLN_API pln_status pln_plan_read(const pln_model *m, const char *source,
                                 const char *text, size_t len,
                                 pln_schedule **out, pln_error *err);

/* ------------------------------------------------------------ replanning */

/*
 * For a model from pln_model_load_replan(): turns the status file's progress
 * into durations (a finished task: the working days from its start to its
 * finish; in progress: the working days before the status date plus what
 * remains) after checking that every reported day is a working day of the
 * task's calendar (PLN_EINVAL at the status file's line otherwise). Does
 * nothing for other models.
 */
PLN_API pln_status pln_replan_prepare(pln_model *m, pln_error *err);

/* A plan's task dates by task id, read from its schedule.json (the
 * baseline of a replan). */
typedef struct pln_plan_dates {
    char **ids; /* sorted */
    pln_date *start, *finish;
    size_t n;
} pln_plan_dates;

/* PLN_ESYNTAX for bad JSON (with line and column) or no task list. */
PLN_API pln_status pln_plan_dates_read(const char *source, const char *text,
                                       size_t len, pln_plan_dates **out,
                                       pln_error *err);
/* The dates of task `id`; false when the plan does not have it. */
PLN_API bool pln_plan_dates_find(const pln_plan_dates *p, const char *id,
                                 pln_date *start, pln_date *finish);
PLN_API void pln_plan_dates_free(pln_plan_dates *p);

/* What a replan changed for one task, and why (moved.csv). */
struct pln_moved {
    int task;
    pln_date old_start, old_finish; /* PLN_DATE_NONE: a new task */
    pln_date new_start, new_finish;
    int32_t days;       /* working days of the task's calendar the start
                           moved (later > 0) */
    const char *reason; /* static text: "progress", "not started by the
                           status date", "predecessor slipped", "site
                           closed", "crew unavailable", "waiting for a
                           crew", "deadline changed", "new task",
                           "earlier" */
    int cause;          /* the predecessor (task index), crew (index) or
                           site the reason names; -1 when none */
};

/* One site's state as of the status date (status.csv). */
struct pln_site_status {
    int site;
    enum { PLN_SITE_NOT_STARTED, PLN_SITE_IN_PROGRESS, PLN_SITE_DONE } state;
    int late;    /* deadlines planned late */
    int at_risk; /* deadlines with slack under the threshold */
    int next_deadline; /* index into pln_schedule.deadlines, -1 when none */
    double done; /* share of the site's working days done, 0..1 */
};

typedef struct pln_replan_report {
    pln_date status_date;
    int risk_days;
    struct pln_moved *moved; /* by working days moved (most first), task */
    size_t n_moved;
    struct pln_site_status *sites; /* one per site, in model order */
    size_t n_sites;
    size_t not_started, in_progress, done;   /* sites */
    size_t on_time, at_risk, late;           /* sites */
    double work_done; /* share of all working days done, 0..1 */
} pln_replan_report;

/*
 * Compares a replanned schedule with the baseline's task dates (from
 * pln_plan_read_dates) and summarises the status date: what moved and why,
 * the deadlines at risk (slack < risk_days) or late, each site's state.
 */
PLN_API pln_status pln_replan_compare(const pln_schedule *s,
                                      const pln_date *base_start,
                                      const pln_date *base_finish,
                                      int risk_days, pln_replan_report **out,
                                      pln_error *err);
PLN_API void pln_replan_report_free(pln_replan_report *r);
/* moved.csv and status.csv. */
PLN_API pln_status pln_write_moved_csv(const pln_schedule *s,
                                       const pln_replan_report *r, char **out,
                                       size_t *len, pln_error *err);
PLN_API pln_status pln_write_status_csv(const pln_schedule *s,
                                        const pln_replan_report *r,
                                        char **out, size_t *len,
                                        pln_error *err);

/* ------------------------------------------------------ calendar export */

/*
 * What a plan's calendars published (calendars.json beside them): per file
 * and UID the SEQUENCE, a hash of the content, when it last changed, and
 * whether it was cancelled. The next export updates from it (ics_state.c).
 */
typedef struct pln_ics_state pln_ics_state;

PLN_API pln_status pln_ics_state_read(const char *source, const char *text,
                                      size_t len, pln_ics_state **out,
                                      pln_error *err);
PLN_API pln_status pln_ics_state_write(const pln_ics_state *st, char **out,
                                       size_t *len, pln_error *err);
PLN_API void pln_ics_state_free(pln_ics_state *st);

struct pln_export_options {
    int64_t dtstamp;      /* DTSTAMP of every entry (seconds, UTC); also the
                             LAST-MODIFIED of what changed */
    const int *reminders; /* days before each deadline; NULL: the model's */
    size_t n_reminders;
    bool todos; /* also a VTODO per deadline, for task clients */
    /* The state of the calendars this export replaces (NULL: none, every
     * entry is new), and where to put the new state (NULL: not wanted). */
    const pln_ics_state *previous;
    pln_ics_state **state;
};

PLN_API void pln_export_options_init(struct pln_export_options *o);

/* Receives one finished calendar file (name without directory): `data`
 * (NUL-terminated, `len` bytes before the NUL) is malloc'd and the sink's
 * to keep or free(), whatever it returns. */
typedef pln_status (*pln_export_sink)(void *ud, const char *name,
                                      char *data, size_t len,
                                      pln_error *err);

/*
 * Renders the countdown calendars of a schedule, one file at a time, and
 * hands each to `sink`: program.ics, site-<id>.ics per site, crew-<id>.ics
 * per crew kind and per named crew, person-<id>.ics per person (export.c
 * says what each holds). Stops at the first failure, the sink's included.
 * PLN_ESOLVER when named crews cannot be assigned (the schedule overbooks).
 */
PLN_API pln_status pln_export_calendars(const pln_schedule *s,
                                        const struct pln_export_options *o,
                                        pln_export_sink sink, void *ud,
                                        pln_error *err);

/*
 * Writes `len` bytes to `path` atomically: a temporary file in the same
 * directory, fsync, rename. On failure the target is untouched and no
 * temporary file is left.
 */
PLN_API pln_status pln_write_file_atomic(const char *path, const char *data,
                                         size_t len, pln_error *err);

/* One output file of a set: its name in the directory and its bytes. */
struct pln_file_out {
    const char *name;
    const char *data;
    size_t len;
};

/*
 * Writes a set of files into `dir`, each atomically as above, all of them
 * or (on failure before the renames) none: every temporary file is written
 * and synced before the first rename. On failure no temporary file is left.
 */
PLN_API pln_status pln_write_files_atomic(const char *dir,
                                          const struct pln_file_out *files,
                                          size_t n, pln_error *err);

/* Display width of UTF-8 text in terminal columns (East Asian wide = 2). */
PLN_API size_t pln_text_width(const char *s);

#ifdef __cplusplus
}
#endif
#endif
