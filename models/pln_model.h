/*
 * pln_model.h -- the program model: dates, status codes, error reports,
 * diagnostics and the read-only view of a loaded program (calendars, crews,
 * people, site templates, sites, their expanded tasks and dependencies, and
 * date constraints).
 *
 * A model is built by pln_model_load_file()/pln_model_load_buffer() (or the
 * PSPLIB reader, pln_model_load_psplib()) and owns every string and array it
 * points to (one arena, freed by pln_model_free()).
 * Callers read the structs directly and never modify them.
 */
#ifndef PLN_MODEL_H
#define PLN_MODEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define PLN_API __attribute__((visibility("default")))
#define PLN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PLN_API
#define PLN_PRINTF(f, a)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- status */

/* Append only: numbers are part of the API. */
#define PLN_STATUS_MAP(X)                                                     \
    X(OK, "success")                                                          \
    X(ENOMEM, "out of memory")                                                \
    X(EIO, "input/output error")                                              \
    X(ESYNTAX, "syntax error")                                                \
    X(EINVAL, "invalid model")                                                \
    X(ERANGE, "value out of range")                                           \
    X(ECYCLE, "dependency cycle")                                             \
    X(EHORIZON, "plan exceeds the supported date range")                      \
    X(ESOLVER, "solver failure")                                              \
    X(ETOOBIG, "input too large")

typedef enum pln_status {
#define PLN_STATUS_ENUM(name, text) PLN_##name,
    PLN_STATUS_MAP(PLN_STATUS_ENUM)
#undef PLN_STATUS_ENUM
        PLN_STATUS_COUNT
} pln_status;

/* Short English text for a status; never NULL. */
PLN_API const char *pln_strerror(pln_status status);

/* ------------------------------------------------------------ error report */

#define PLN_ERROR_SOURCE_LEN 256
#define PLN_ERROR_TEXT_LEN 320

/*
 * One error, reported through a caller-allocated struct (NULL allowed).
 * line and column are 1-based, 0 when unknown. The first error set is kept:
 * later pln_error_set() calls on a set error do nothing.
 */
typedef struct pln_error {
    pln_status code;
    int line;
    int column;
    char source[PLN_ERROR_SOURCE_LEN];
    char message[PLN_ERROR_TEXT_LEN];
} pln_error;

PLN_API void pln_error_init(pln_error *err);
PLN_API void pln_error_set(pln_error *err, pln_status code, const char *source,
                           int line, int column, const char *fmt, ...)
    PLN_PRINTF(6, 7);

/* ------------------------------------------------------------- diagnostics */

enum pln_severity { PLN_SEV_ERROR = 0, PLN_SEV_WARNING = 1 };

struct pln_diag {
    enum pln_severity severity;
    pln_status code;
    int line;   /* 1-based, 0 = unknown */
    int column; /* 1-based, 0 = unknown */
    char source[PLN_ERROR_SOURCE_LEN];
    char message[PLN_ERROR_TEXT_LEN];
};

/*
 * A list of problems found in one input, in the order found. At most
 * PLN_DIAGS_MAX are kept (then `truncated` is set); `errors` counts the
 * error-severity entries kept. Caller-owned: pln_diags_init() before use,
 * pln_diags_release() after. Adding never fails the caller: when memory runs
 * out the diagnostic is counted and `truncated` is set.
 */
#define PLN_DIAGS_MAX 200

typedef struct pln_diags {
    struct pln_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
    bool truncated;
} pln_diags;

PLN_API void pln_diags_init(pln_diags *d);
PLN_API void pln_diags_release(pln_diags *d);
PLN_API void pln_diags_add(pln_diags *d, enum pln_severity sev,
                           pln_status code, const char *source, int line,
                           int column, const char *fmt, ...) PLN_PRINTF(7, 8);
PLN_API void pln_diags_vadd(pln_diags *d, enum pln_severity sev,
                            pln_status code, const char *source, int line,
                            int column, const char *fmt, va_list ap);
/* Sort by (line, column), keeping the order of equal positions. */
PLN_API void pln_diags_sort(pln_diags *d);

/* ------------------------------------------------------------------- dates */

/* A civil date as days since 1970-01-01 (proleptic Gregorian calendar). */
typedef int32_t pln_date;
#define PLN_DATE_NONE INT32_MIN

/* Supported years; anything outside is rejected on input. */
#define PLN_YEAR_MIN 1900
#define PLN_YEAR_MAX 2999

PLN_API pln_date pln_date_from_ymd(int year, int month, int day);
PLN_API void pln_date_to_ymd(pln_date d, int *year, int *month, int *day);
/* 0 = Monday ... 6 = Sunday. */
PLN_API int pln_date_weekday(pln_date d);
PLN_API bool pln_year_is_leap(int year);
PLN_API int pln_month_days(int year, int month);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
PLN_API void pln_date_format(pln_date d, char buf[11]);
/*
 * Parses "YYYY-MM-DD" exactly (no surrounding text). Returns PLN_OK,
 * PLN_ESYNTAX when the text is not of that form, or PLN_ERANGE when it is
 * but names no real day (2027-02-29) or a year out of range.
 */
PLN_API pln_status pln_date_parse(const char *s, pln_date *out);
/* Parses "YYYY-MM" into its first and last calendar day. Same returns. */
PLN_API pln_status pln_month_parse(const char *s, pln_date *first,
                                   pln_date *last);
/*
 * Parses an RFC 3339 UTC time stamp "YYYY-MM-DDTHH:MM:SSZ" into seconds
 * since the epoch. Same returns.
 */
PLN_API pln_status pln_timestamp_parse(const char *s, int64_t *out);

/* ------------------------------------------------------------------- model */

/* Where a model element was written, for error messages (1-based). */
struct pln_loc {
    int line;
    int column;
    bool other; /* replanning: written in the status file, not the model */
};

/* Weekday bit masks: bit 0 = Monday ... bit 6 = Sunday. */
#define PLN_WEEKDAYS_MON_FRI 0x1f

enum pln_holiday_source {
    PLN_HOLIDAYS_INHERIT = -1, /* take the parent's choice (root: none) */
    PLN_HOLIDAYS_NONE = 0,
    PLN_HOLIDAYS_CN = 1 /* bundled Chinese public holidays, with make-up days */
};

/* An inclusive range of days, optionally named (a holiday's name). */
struct pln_day_range {
    pln_date from;
    pln_date to;
    const char *name; /* may be NULL */
    struct pln_loc loc;
};

/*
 * Public holiday data for one year declared in the model itself, for years
 * the bundled data does not cover yet (e.g. a provisional 2027).
 */
struct pln_holiday_year {
    int year;
    bool provisional;
    struct pln_day_range *days_off; /* named statutory days off */
    size_t n_days_off;
    struct pln_day_range *working_days; /* make-up working days */
    size_t n_working_days;
    struct pln_loc loc;
};

/*
 * "Work through this holiday": either every statutory day off named
 * `holiday` in `year` (from/to are PLN_DATE_NONE), or a plain range.
 */
struct pln_work_through {
    const char *holiday; /* NULL for a plain range */
    int year;
    pln_date from;
    pln_date to;
    struct pln_loc loc;
};

/*
 * A named working-time calendar. The effective calendar of one day is, in
 * increasing priority: the weekday pattern (nearest in the extends chain),
 * the public holidays (nearest choice; bundled data plus every `years` entry
 * along the chain), then for each calendar from the root of the chain to this
 * one: its work_through, its days_off, its working_days.
 */
struct pln_calendar_def {
    const char *id;
    const char *name;
    int parent;   /* index into pln_model.calendars, -1 = none */
    int weekdays; /* bit mask, -1 = inherit (root default Mon-Fri) */
    enum pln_holiday_source holidays;
    struct pln_loc holidays_loc; /* where `holidays` was set, for warnings */
    struct pln_holiday_year *years;
    size_t n_years;
    struct pln_day_range *days_off;
    size_t n_days_off;
    struct pln_day_range *working_days;
    size_t n_working_days;
    struct pln_work_through *work_through;
    size_t n_work_through;
    struct pln_loc loc;
};

/* One named crew of a kind (a team a person can subscribe to). */
struct pln_crew_unit {
    const char *id; /* unique among crews and units */
    const char *name;
    struct pln_loc loc;
};

struct pln_crew {
    const char *id;
    const char *name;
    int count;    /* how many crews of this kind exist, >= 1 (PSPLIB: may be 0
                     when no task needs it) */
    int calendar; /* index into pln_model.calendars */
    const struct pln_crew_unit *units; /* the `count` crews by name, or NULL */
    size_t n_units;                    /* 0 or count */
    /* `extra_cost`: what one more crew of this kind costs for the whole
     * program (planner whatif --add-crews); or `extra_cost_per_month`
     * (per_month true): what it costs for each month it is needed (a
     * calendar month, counted by the most extra crews at work on one of
     * its days). can_add false: neither given. */
    bool can_add;
    bool per_month;
    double extra_cost;
    struct pln_loc loc;
};

/*
 * Something that comes back every week on a weekday or every month on a
 * day. A date that is not a working day of `calendar` moves to the next
 * working day.
 */
enum pln_freq { PLN_FREQ_WEEKLY = 1, PLN_FREQ_MONTHLY };
struct pln_recurrence {
    enum pln_freq freq;
    int weekday;  /* weekly: 0 = Monday ... 6 = Sunday */
    int monthday; /* monthly: 1..28, or -1 for the last day of the month */
    int calendar; /* index into pln_model.calendars */
};

struct pln_person {
    const char *id;
    const char *name;
    const char *role;  /* may be NULL */
    const char *email; /* may be NULL */
    /* Visits to each site the person is responsible for, while the site is
     * under way (the seeds' leaders visit their villages monthly). */
    bool visits;
    struct pln_recurrence visit;
    struct pln_loc loc;
};

/* A reporting date of the program: weekly statistics, a monthly bulletin. */
struct pln_report {
    const char *id;
    const char *name;
    struct pln_recurrence when;
    int minute;   /* time of day in minutes, -1 = all day */
    int duration; /* minutes, when timed */
    int *people;  /* indices into pln_model.people; may be empty */
    size_t n_people;
    struct pln_loc loc;
};

/* How calendars are written (the `export` section); defaults when absent:
 * reminders 30, 14, 7, 3, 1; colours crimson, steelblue, darkorange,
 * seagreen. */
enum pln_export_kind {
    PLN_EXPORT_PROGRAM = 0,
    PLN_EXPORT_SITE,
    PLN_EXPORT_CREW,
    PLN_EXPORT_PERSON,
    PLN_EXPORT_KINDS
};
struct pln_export_settings {
    const int *reminders; /* days before each deadline, distinct, descending */
    size_t n_reminders;
    const char *colors[PLN_EXPORT_KINDS]; /* CSS3 colour names */
};

/* The "#rrggbb" of a CSS3 colour name (lower case), or NULL. */
PLN_API const char *pln_css_color_hex(const char *name);

enum pln_dep_kind { PLN_DEP_FS = 0, PLN_DEP_SS, PLN_DEP_FF, PLN_DEP_SF };

/* Short name of a dependency kind: "FS", "SS", "FF", "SF". */
PLN_API const char *pln_dep_kind_name(enum pln_dep_kind kind);

/* A task needs `amount` crews of kind `crew` for its whole duration. */
struct pln_demand {
    int crew; /* index into pln_model.crews */
    int amount;
};

/* A template task; instantiated once per site that uses the template. */
/*
 * What a task costs, and what shortening it costs (time-cost trade-off):
 * `cost` at the normal duration (0 when not given); with a crash option,
 * the task can be done in as few as `crash_duration` working days (at
 * least 1; 0 = it cannot be shortened) for `crash_cost` per working day
 * saved (overtime, a second shift, more workers).
 */
/* How a task's cost is paid out: all on its first working day, all on its
 * last, or evenly over its working days (a milestone: on its day). */
enum pln_spend { PLN_SPEND_SPREAD = 0, PLN_SPEND_START, PLN_SPEND_FINISH };

struct pln_task_cost {
    double cost;
    int crash_duration;
    double crash_cost;
    struct pln_loc crash_loc; /* where the crash option was written */
    /* `spend:` of the task; spend_set false: the program's default
     * (pln_task_spend()). */
    enum pln_spend spend;
    bool spend_set;
};

struct pln_tmpl_task {
    const char *id;
    const char *name;
    int duration; /* working days, 0 = milestone */
    int calendar; /* index into pln_model.calendars */
    struct pln_demand *demands;
    size_t n_demands;
    struct pln_task_cost money;
    struct pln_loc loc;
};

struct pln_template {
    const char *id;
    const char *name;
    size_t first_task; /* into pln_model.tmpl_tasks */
    size_t n_tasks;
    struct pln_loc loc;
};

struct pln_site {
    const char *id;
    const char *name;
    int template; /* index into pln_model.templates */
    double weight;
    const char **tags;
    size_t n_tags;
    int *people; /* indices into pln_model.people */
    size_t n_people;
    /* Funding: the kind of work (a subsidy rule's `kind`, e.g. "new_build";
     * NULL when not given) and the floor area in m² (0 when not given). */
    const char *work_kind;
    double area;
    size_t first_task; /* into pln_model.tasks; a site's tasks are contiguous */
    size_t n_tasks;
    struct pln_loc loc;
};

/* One task of one site, after template expansion and overrides. */
struct pln_task {
    const char *id;       /* "site/task", unique in the model */
    const char *local_id; /* the part after '/' */
    const char *name;
    int site;      /* index into pln_model.sites */
    int tmpl_task; /* index into pln_model.tmpl_tasks, -1 for a site's own */
    int duration;  /* working days, 0 = milestone */
    int calendar;  /* index into pln_model.calendars */
    const struct pln_demand *demands;
    size_t n_demands;
    /* Cost and crash option; the shortest duration is never more than the
     * duration (a site's `durations:` may shorten below the template's
     * crash duration: then it cannot be shortened further). */
    struct pln_task_cost money;
    size_t first_pred; /* into pln_model.deps (sorted by successor) */
    size_t n_preds;
    size_t first_succ; /* into pln_model.succ_deps (dep indices by predecessor) */
    size_t n_succs;
    /* Replanning: the task has started (or finished) and its start is fixed
     * on `pinned_at` (a milestone: the day it was reached). */
    bool pinned;
    pln_date pinned_at;
    bool site_pred; /* pinned: it had a predecessor in its site (so a
                       site's start constraints do not bind it) */
    struct pln_loc loc;
};

/* succ may not start/finish before pred starts/finishes + lag working days
 * (counted in the successor's calendar; lag may be negative). */
struct pln_dep {
    int pred; /* index into pln_model.tasks */
    int succ;
    enum pln_dep_kind kind;
    int lag;
    struct pln_loc loc;
};

enum pln_constraint_kind {
    PLN_CONS_FINISH_BY = 0,   /* finish on or before `to` (a deadline) */
    PLN_CONS_START_WITHIN,    /* start in [from, to] (`to` is a deadline) */
    PLN_CONS_START_NOT_BEFORE /* start on or after `from` (a release) */
};

/*
 * A date constraint on one task of a site (`task` >= 0) or on the whole site
 * (`task` = -1: FINISH_BY binds every task of the site, START_* bind the
 * site's entry tasks, those without predecessors in the site). Dates are the
 * displayed dates: a task's first and last working day. `month` records that
 * the date was given as a month ("2027-05"); the deadline date shown is then
 * the last (or first) working day of that month in the task's calendar.
 */
struct pln_constraint {
    const char *id;   /* deadline id, unique per site */
    const char *name; /* human text, may be NULL */
    enum pln_constraint_kind kind;
    int site;
    int task; /* index into pln_model.tasks, -1 = whole site */
    pln_date from;
    pln_date to;
    bool month;
    bool hard;
    struct pln_loc loc;
};

enum pln_objective {
    PLN_OBJ_WEIGHTED_LATENESS = 0,
    PLN_OBJ_MAKESPAN,
    PLN_OBJ_LATE_SITES
};

/*
 * Replanning: what a status file says happened by its status date (see
 * pln_model_load_replan). `source` names the status file for messages.
 */
struct pln_progress {
    int task;          /* index into pln_model.tasks */
    pln_date started;  /* PLN_DATE_NONE: not given (a finished milestone) */
    pln_date finished; /* PLN_DATE_NONE: still in progress */
    int remaining;     /* working days still to do, -1 when not given */
    int percent;       /* percent complete, -1 when not given */
    /* `assume: planned`: not reported, so as the baseline planned it; in
     * progress, it still finishes on planned_finish. */
    bool as_planned;
    pln_date planned_finish; /* PLN_DATE_NONE unless as planned, going on */
    struct pln_loc loc;
};

/* A crew kind down (count crews) or a site closed, over [from, to]. */
struct pln_outage {
    int crew; /* index into pln_model.crews, or -1 */
    int site; /* index into pln_model.sites, or -1 */
    int count; /* crews down (crew outages) */
    pln_date from, to;
    const char *reason; /* may be NULL */
    struct pln_loc loc;
};

/* ----------------------------------------------------------------- funding */

/* Who pays a tranche or a subsidy. */
#define PLN_SOURCE_MAP(X)                                                     \
    X(CENTRAL, "central")                                                     \
    X(REGIONAL, "regional")                                                   \
    X(CITY, "city")                                                           \
    X(DISTRICT, "district")                                                   \
    X(COUNTY, "county")                                                       \
    X(VILLAGE, "village")

enum pln_fund_source {
#define PLN_SOURCE_ENUM(name, text) PLN_SOURCE_##name,
    PLN_SOURCE_MAP(PLN_SOURCE_ENUM)
#undef PLN_SOURCE_ENUM
        PLN_SOURCE_COUNT
};

/* "central", "regional", ...; never NULL. */
PLN_API const char *pln_source_name(enum pln_fund_source src);
/* The name of a spend rule: "spread", "start", "finish". */
PLN_API const char *pln_spend_name(enum pln_spend spend);

/*
 * Money that arrives on `date` (a date before the plan start: there at the
 * start), or, with conditions, no earlier than every condition: each
 * tranche of after_tranches has arrived, each task of after_tasks has
 * finished (the money comes the day after its last working day; a
 * milestone: the day after it is reached).
 */
struct pln_tranche {
    const char *id;
    const char *name;
    pln_date date;
    double amount;
    enum pln_fund_source source;
    int *after_tranches; /* indices into pln_funding.tranches */
    size_t n_after_tranches;
    int *after_tasks; /* indices into pln_model.tasks */
    size_t n_after_tasks;
    struct pln_loc loc;
};

/* A subsidy rule: a site of kind `kind` is due `amount`, plus `per_m2` for
 * each m² of its area up to the standard area, from `source`. */
struct pln_subsidy {
    const char *kind;
    double amount;
    double per_m2;
    enum pln_fund_source source;
    struct pln_loc loc;
};

/*
 * The `funding` section. With tranches, a schedule never spends more than
 * has arrived by any day (cumulative spend <= cumulative funds). The
 * subsidy rules and the standard area say who owes what (funding.csv):
 * the part of a site's cost above the standard area (cost x (area -
 * standard) / area) is paid by `above_standard`.
 */
struct pln_funding {
    bool declared;        /* the model has a `funding` section */
    enum pln_spend spend; /* default spend rule of tasks (spread) */
    double standard_area; /* m², 0 = none */
    enum pln_fund_source above_standard; /* default county */
    struct pln_tranche *tranches; /* in the order written */
    size_t n_tranches;
    struct pln_subsidy *subsidies;
    size_t n_subsidies;
    struct pln_loc loc;
};

/* Which reader built a model, for writers that present them differently. */
enum pln_model_format {
    PLN_FORMAT_MODEL = 0, /* a model file: YAML or JSON */
    PLN_FORMAT_PSPLIB     /* a PSPLIB single-mode RCPSP instance (.sm) */
};

typedef struct pln_model {
    const char *source; /* the file name given to the loader */
    enum pln_model_format format;
    const char *id;
    const char *name;
    const char *timezone; /* IANA name, default "Asia/Shanghai" */
    pln_date start;       /* plan start */
    int64_t now;          /* DTSTAMP seconds since epoch; -1 if not given */
    enum pln_objective objective;

    struct pln_calendar_def *calendars;
    size_t n_calendars;
    int default_calendar;
    struct pln_crew *crews;
    size_t n_crews;
    struct pln_person *people;
    size_t n_people;
    struct pln_template *templates;
    size_t n_templates;
    struct pln_tmpl_task *tmpl_tasks;
    size_t n_tmpl_tasks;
    struct pln_site *sites;
    size_t n_sites;
    struct pln_task *tasks;
    size_t n_tasks;
    struct pln_dep *deps; /* grouped by successor */
    size_t n_deps;
    int *succ_deps; /* dep indices grouped by predecessor */
    struct pln_constraint *constraints;
    size_t n_constraints;
    struct pln_report *reports;
    size_t n_reports;
    struct pln_export_settings export_settings;
    struct pln_funding funding;

    /* Replanning (pln_model_load_replan); `replan` false otherwise. */
    bool replan;
    const char *status_source; /* the status file's name */
    pln_date status_date;
    int64_t status_now; /* the status file's `now`, -1 when not given */
    struct pln_progress *progress;
    size_t n_progress;
    struct pln_outage *outages;
    size_t n_outages;

    void *internal; /* arena and indexes; private */
} pln_model;

/*
 * Loads and validates a model from a YAML (or JSON) file, or from a PSPLIB
 * instance when the name ends in ".sm" (see below). Returns NULL when
 * the file cannot be read or holds any error; every problem found (and every
 * warning) is appended to `diags` with file, line and column. A model
 * returned may still have warnings in `diags`. The caller frees the model
 * with pln_model_free().
 */
PLN_API pln_model *pln_model_load_file(const char *path, pln_diags *diags);
/* Same, from memory; `source_name` is used in diagnostics. */
PLN_API pln_model *pln_model_load_buffer(const char *source_name,
                                         const char *buf, size_t len,
                                         pln_diags *diags);
/*
 * Loads a model and applies a status file to it, for replanning: the
 * status's added tasks and deadlines join their sites (a status deadline
 * with the id of one a site already has replaces it), sites it closes get
 * calendars with those days off, tasks it reports started are pinned and
 * no longer wait for their predecessors, and `progress`, `outages` and
 * the status date are kept for the planner (which turns progress into
 * durations: pln_replan_prepare). With `assume: planned` in the status,
 * every task it does not report is taken as the baseline planned it
 * (`baseline` gives the dates; may be NULL otherwise). Problems in the
 * status file are reported with its name, line and column. NULL on any
 * error.
 */
/* ------------------------------------------------------- importing files */

/*
 * An event of an iCalendar file a model imports (holiday feeds, deadline
 * calendars). Models do not read iCalendar themselves: the calendars module
 * does (pln_ics_import), and the loader is given it as a hook.
 */
struct pln_import_event {
    pln_date first, last;   /* the local dates the event covers */
    const char *summary;    /* "" when absent */
    const char *categories; /* NULL when absent */
    const char *uid;        /* NULL when absent */
    bool all_day;
    int line; /* where the event is written in the file */
};

/* Reads `path` (problems go to diags, with the path as their file);
 * returns PLN_OK with the events (owned by *owner, freed by the loader
 * through `release`), or an error already reported. Events repeating are
 * expanded within [from, to]. */
typedef pln_status (*pln_import_fn)(void *ud, const char *path,
                                    const char *timezone, pln_date from,
                                    pln_date to,
                                    const struct pln_import_event **events,
                                    size_t *n, void **owner,
                                    pln_diags *diags);

struct pln_load_options {
    pln_import_fn import_ics; /* NULL: models that import files fail */
    void (*release)(void *owner);
    void *ud;
};

/* pln_model_load_file() with options (importing files). */
PLN_API pln_model *pln_model_load_file_ex(const char *path,
                                          const struct pln_load_options *o,
                                          pln_diags *diags);

/* The baseline's dates of a task, by id (false: it has no such task). */
typedef bool (*pln_baseline_fn)(void *ud, const char *task_id,
                                pln_date *start, pln_date *finish);

PLN_API pln_model *pln_model_load_replan(const char *model_path,
                                         const char *status_path,
                                         pln_baseline_fn baseline, void *ud,
                                         const struct pln_load_options *o,
                                         pln_diags *diags);

/* Replanning: sets the duration of task j (a started task's actual or
 * expected working days). Only for a model from pln_model_load_replan(). */
PLN_API void pln_model_set_duration(pln_model *m, size_t j, int duration);

/*
 * Loads a PSPLIB single-mode RCPSP instance (the ".sm" files of the j30 ...
 * j120 sets); pln_model_load_file() comes here for any name ending in ".sm"
 * (any case). Same contract as pln_model_load_file(). The model is one
 * site "p" of template "psplib" with a task per job (local id the job
 * number, "p/1", named "job 1"; loc where the job's precedence row starts),
 * one crew "R1".."RK" per renewable resource (count = its availability,
 * which may be 0 when no job needs the resource), finish-start dependencies
 * with lag 0 to each listed successor, a single calendar "all" of seven
 * working days a week and no holidays, time zone UTC, plan start
 * 2000-01-03, now 2000-01-03T00:00:00Z, objective makespan, and program id
 * and name the file's base name without its extension ("j301_1"; characters
 * not allowed in ids become '_'). Nonrenewable and doubly constrained
 * resources, several modes or projects, and demands above a resource's
 * availability are reported as errors.
 */
PLN_API pln_model *pln_model_load_psplib(const char *path, pln_diags *diags);
/* Same, from memory; `source_name` (NULL: "<model>") names it in
 * diagnostics and gives the program id (NULL: "psplib"). */
PLN_API pln_model *pln_model_load_psplib_buffer(const char *source_name,
                                                const char *buf, size_t len,
                                                pln_diags *diags);
/* Frees a model; NULL does nothing. */
PLN_API void pln_model_free(pln_model *m);

/* Index of a task by its "site/task" id, or -1. */
PLN_API int pln_model_find_task(const pln_model *m, const char *id);
/* Index of a site by id, or -1. */
PLN_API int pln_model_find_site(const pln_model *m, const char *id);
/* How task j's cost is spent (its own `spend`, else the program's). */
PLN_API enum pln_spend pln_task_spend(const pln_model *m, size_t j);
/* The subsidy rule for a site's kind of work, or NULL. */
PLN_API const struct pln_subsidy *pln_site_subsidy(const pln_model *m,
                                                   size_t site);

/* Input size limits. */
#define PLN_MODEL_MAX_BYTES (256u << 20)
#define PLN_MODEL_MAX_NODES 20000000u
#define PLN_ID_MAX_LEN 64

#ifdef __cplusplus
}
#endif
#endif
