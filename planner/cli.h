/*
 * cli.h -- the command-line interface: one entry per subcommand in a table,
 * the documented exit statuses, and the helpers the commands share
 * (reporting diagnostics, loading a model). The CLI is the only part of the
 * project that prints or exits.
 */
#ifndef PLN_CLI_H
#define PLN_CLI_H

#include <stdio.h>

#include "pln_planner.h"

/* Exit statuses of `planner`. */
enum pln_exit {
    PLN_EXIT_OK = 0,      /* done */
    PLN_EXIT_INVALID = 1, /* the input has problems (listed on stderr) */
    PLN_EXIT_USAGE = 2,   /* bad command line */
    PLN_EXIT_IO = 3,      /* an output could not be written */
    PLN_EXIT_INTERNAL = 4, /* out of memory or a bug */
    PLN_EXIT_INFEASIBLE = 5, /* hard deadlines cannot hold (or no schedule
                                was found in the time limit) */
};

struct pln_cmd {
    const char *name;
    const char *summary;
    const char *usage; /* full --help text */
    int (*run)(int argc, char **argv);
};

extern const struct pln_cmd pln_cmd_check;
extern const struct pln_cmd pln_cmd_plan;
extern const struct pln_cmd pln_cmd_export;
extern const struct pln_cmd pln_cmd_replan;
extern const struct pln_cmd pln_cmd_diff;
extern const struct pln_cmd pln_cmd_whatif;

int pln_cli_main(int argc, char **argv);

/* Prints diagnostics as FILE:LINE:COLUMN: [warning: ]message, one per line;
 * on a terminal also the source line and a caret under the column. */
void pln_cli_print_diags(const pln_diags *d);
void pln_cli_print_error(const pln_error *err);
/* How the CLI loads models: with the iCalendar import hook. */
const struct pln_load_options *pln_cli_load_options(void);
/* Loads a model, printing every problem; NULL when it has errors. */
pln_model *pln_cli_load(const char *path);
/* Parses --today / --now style values; prints the problem and returns false
 * on error. */
bool pln_cli_parse_date(const char *opt, const char *s, pln_date *out);
bool pln_cli_parse_timestamp(const char *opt, const char *s, int64_t *out);

/* --------------------------------------------- shared (cli_shared.c) */

/* User text for the terminal: control characters become spaces. */
const char *pln_cli_plain(const char *s, char *buf, size_t size);
/* The plan's summary: sites, tasks, dates, deadlines met and late. */
void pln_cli_print_summary(const pln_schedule *s);
/* The solve's objective, bound and status (crew-constrained plans). */
void pln_cli_print_solve(const pln_schedule *s);
/* A solve's progress on a terminal's stderr (ud: a double, last print). */
void pln_cli_progress(const struct pln_solve_progress *p, void *ud);


/* The calendar options shared by the commands that write calendars. */
#define PLN_CLI_MAX_REMINDERS 20
struct pln_cli_calendar_opts {
    bool todos;
    bool have_reminders; /* --reminders given */
    int reminders[PLN_CLI_MAX_REMINDERS];
    size_t n_reminders;
};

/* --time-limit / --gap style seconds, and --objective; each prints the
 * problem ("CMD: ...") and returns false. */
bool pln_cli_parse_seconds(const char *cmd, const char *opt, const char *arg,
                           double *out);
bool pln_cli_parse_objective(const char *cmd, const char *arg, int *out);
/* DTSTAMP of the calendars: --now (now >= 0), else the status file's now
 * or status date (a replan), else the model's now, else the plan start. */
int64_t pln_cli_dtstamp(int64_t now, const pln_model *m);

/* --reminders 30,14,7 (or "none"); prints the problem and returns false. */
bool pln_cli_parse_reminders(const char *cmd, const char *arg,
                             struct pln_cli_calendar_opts *o);

/* Output files held in memory until all of them are ready. */
struct pln_cli_files {
    struct pln_cli_file {
        char *name;
        char *data;
        size_t len;
    } *items;
    size_t n, cap;
};

/* Adds a file to `files` (a struct pln_cli_files *), taking `data` over
 * (freed on failure too): the export's sink. PLN_ENOMEM in err. */
pln_status pln_cli_files_add(void *files, const char *name, char *data,
                             size_t len, pln_error *err);
/* Renders every calendar of the schedule into `files`, with
 * calendars.json; the entries update those of `previous_dir`'s
 * calendars.json when there is one (NULL: none). */
pln_status pln_cli_render_calendars(const pln_schedule *s,
                                    const struct pln_cli_calendar_opts *o,
                                    int64_t dtstamp, const char *previous_dir,
                                    struct pln_cli_files *files,
                                    pln_error *err);
/* With a funding section: funding.csv, and with tranches cashflow.csv,
 * into `files`; and when `table` is not NULL the funding summary for the
 * terminal into *table (malloc'd, *table_len). Nothing without one. */
pln_status pln_cli_funding_files(const pln_schedule *s,
                                 struct pln_cli_files *files, char **table,
                                 size_t *table_len, pln_error *err);
/* The same, over a previous state already read (NULL: none). */
pln_status pln_cli_render_calendars_over(const pln_schedule *s,
                                         const struct pln_cli_calendar_opts *o,
                                         int64_t dtstamp,
                                         const pln_ics_state *prev,
                                         struct pln_cli_files *files,
                                         pln_error *err);
/* DIR/NAME read whole (cli_shared.c); 0, or ENOENT/ENOTDIR when it is
 * missing and `optional`, or -1 after printing the problem. */
int pln_cli_read_file(const char *dir, const char *name, bool optional,
                      char **path, char **text, size_t *len);
/* PATH read whole and NUL-terminated, printing nothing: 0, ENOENT/ENOTDIR
 * when it is missing and `optional`, or -1 with the problem in err. */
int pln_cli_slurp(const char *path, bool optional, char **text, size_t *len,
                  pln_error *err);

/* A plan directory's calendars.json (cli_state.c): the published state a
 * new plan's calendars update. *st stays NULL when there is none. */
pln_status pln_cli_state_read(const char *dir, pln_ics_state **st,
                              pln_error *err);
/* The same on a thread of its own, so that it overlaps the solve (a
 * replan's baseline holds one entry per calendar event: 8.7 MB and
 * 0.28 s of parsing at 500 sites). Start never fails (without a thread
 * it reads at once); finish waits, hands the state over and frees the
 * job. */
struct pln_cli_state_job;
struct pln_cli_state_job *pln_cli_state_start(const char *dir);
pln_status pln_cli_state_finish(struct pln_cli_state_job *job,
                                pln_ics_state **st, pln_error *err);
/* mkdir -p: creates DIR and missing parents; prints the problem. */
bool pln_cli_make_dirs(const char *dir);
/* Writes each file into dir atomically. */
pln_status pln_cli_write_files(const char *dir,
                               const struct pln_cli_files *files,
                               pln_error *err);
void pln_cli_files_release(struct pln_cli_files *files);

#endif
