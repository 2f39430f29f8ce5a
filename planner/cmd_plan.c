/*
 * cmd_plan.c -- `planner plan MODEL --out DIR`: schedule the model and write
 * schedule.json, countdown.csv and the countdown calendars into DIR,
 * printing a summary and the countdown table. Every output is built in
 * memory first and then written atomically, so a failure leaves no
 * half-written file.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

struct plan_opts {
    const char *model;
    const char *out;
    pln_date today;
    int64_t now;
    bool quiet;
    struct pln_solve_options solve;
    struct pln_cli_calendar_opts cal;
};

static int parse(int argc, char **argv, struct plan_opts *o)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},
        {"today", required_argument, NULL, 't'},
        {"now", required_argument, NULL, 'n'},
        {"quiet", no_argument, NULL, 'q'},
        {"objective", required_argument, NULL, 'O'},
        {"time-limit", required_argument, NULL, 'T'},
        {"gap", required_argument, NULL, 'g'},
        {"write-lp", required_argument, NULL, 'L'},
        {"todos", no_argument, NULL, 'D'},
        {"reminders", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    memset(o, 0, sizeof(*o));
    o->today = PLN_DATE_NONE;
    o->now = -1;
    pln_solve_options_init(&o->solve);
    optind = 0;
    while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            o->out = optarg;
            break;
        case 't':
            if (!pln_cli_parse_date("--today", optarg, &o->today))
                return PLN_EXIT_USAGE;
            break;
        case 'n':
            if (!pln_cli_parse_timestamp("--now", optarg, &o->now))
                return PLN_EXIT_USAGE;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'O':
            if (!pln_cli_parse_objective("planner plan", optarg,
                                         &o->solve.objective))
                return PLN_EXIT_USAGE;
            break;
        case 'T':
            if (!pln_cli_parse_seconds("planner plan", "--time-limit", optarg,
                                       &o->solve.time_limit))
                return PLN_EXIT_USAGE;
            break;
        case 'g': {
            double g = 0;
            if (!pln_cli_parse_seconds("planner plan", "--gap", optarg, &g))
                return PLN_EXIT_USAGE;
            if (g > 1) {
                fprintf(stderr, "planner plan: --gap is a fraction between "
                                "0 and 1, got '%s'\n", optarg);
                return PLN_EXIT_USAGE;
            }
            o->solve.rel_gap = g;
            break;
        }
        case 'L':
            o->solve.lp_path = optarg;
            break;
        case 'D':
            o->cal.todos = true;
            break;
        case 'R':
            if (!pln_cli_parse_reminders("planner plan", optarg, &o->cal))
                return PLN_EXIT_USAGE;
            break;
        case 'h':
            fputs(pln_cmd_plan.usage, stdout);
            return -1;
        default:
            fputs(pln_cmd_plan.usage, stderr);
            return PLN_EXIT_USAGE;
        }
    }
    if (argc - optind != 1 || !o->out) {
        fprintf(stderr, "planner plan: %s\n",
                argc - optind != 1 ? "expected one MODEL file"
                                   : "--out DIR is required");
        fputs(pln_cmd_plan.usage, stderr);
        return PLN_EXIT_USAGE;
    }
    o->model = argv[optind];
    return PLN_EXIT_OK;
}


static void warn_missing_years(const pln_schedule *s)
{
    const pln_model *m = s->model;
    for (size_t k = 0; k < s->n_missing_years; k++) {
        const struct pln_calendar_def *c =
            &m->calendars[s->missing_years[k].calendar];
        fprintf(stderr,
                "%s:%d:%d: warning: the plan runs into %d but calendar '%s' "
                "has no public holiday data for %d: its days count as "
                "ordinary weekdays; declare the year under 'years' until the "
                "official notice is bundled\n",
                m->source, c->holidays_loc.line, c->holidays_loc.column,
                s->missing_years[k].year, c->id, s->missing_years[k].year);
    }
}

static int run(int argc, char **argv)
{
    struct plan_opts o;
    pln_model *m = NULL;
    pln_schedule *s = NULL;
    pln_countdown *cd = NULL;
    pln_error err;
    static const char *const names[] = {"schedule.json", "countdown.csv"};
    struct pln_cli_files files = {NULL, 0, 0};
    /* schedule.json, countdown.csv, the funding table, the countdown
     * table */
    char *bufs[4] = {NULL, NULL, NULL, NULL};
    size_t lens[4] = {0, 0, 0, 0};
    int rc = parse(argc, argv, &o);
    int64_t stamp;

    if (rc != PLN_EXIT_OK)
        return rc < 0 ? PLN_EXIT_OK : rc;
    pln_error_init(&err);
    m = pln_cli_load(o.model);
    if (!m)
        return PLN_EXIT_INVALID;
    rc = PLN_EXIT_INTERNAL;
    {
        double last = 0;
        bool tty = !o.quiet && isatty(STDERR_FILENO);
        if (tty) {
            o.solve.progress = pln_cli_progress;
            o.solve.progress_ud = &last;
        }
        if (pln_solve(m, &o.solve, &s, &err) != PLN_OK) {
            if (tty && last > 0)
                fputs("\n", stderr);
            goto fail;
        }
        if (tty && last > 0)
            fputs("\r\033[K", stderr);
    }
    if (s->status == PLN_SOLVED_INFEASIBLE || s->status == PLN_SOLVED_NONE) {
        /* schedule.json says why; no plan to count down or subscribe to. */
        for (size_t k = 0; k < s->n_reasons; k++)
            fprintf(stderr, "%s\n", s->reasons[k]);
        if (s->status == PLN_SOLVED_NONE)
            fprintf(stderr, "%s: no schedule meeting every hard deadline was "
                            "found within the time limit\n", m->source);
        rc = PLN_EXIT_IO;
        if (pln_write_schedule_json(s, &bufs[0], &lens[0], &err) != PLN_OK)
            goto fail;
        if (!pln_cli_make_dirs(o.out))
            goto done;
        {
            size_t n = strlen(o.out) + 16;
            char *path = malloc(n);
            pln_status st2 = PLN_ENOMEM;
            if (path) {
                snprintf(path, n, "%s/schedule.json", o.out);
                st2 = pln_write_file_atomic(path, bufs[0], lens[0], &err);
                free(path);
            }
            if (st2 != PLN_OK)
                goto fail;
        }
        rc = PLN_EXIT_INFEASIBLE;
        goto done;
    }
    warn_missing_years(s);
    if (pln_countdown_build(s, o.today != PLN_DATE_NONE ? o.today : m->start,
                            &cd, &err) != PLN_OK) {
        rc = err.code == PLN_EHORIZON ? PLN_EXIT_USAGE : rc;
        goto fail;
    }
    /* DTSTAMP: --now, else the model's 'now', else the plan start. */
    stamp = pln_cli_dtstamp(o.now, m);
    if (pln_write_schedule_json(s, &bufs[0], &lens[0], &err) != PLN_OK ||
        pln_write_countdown_csv(s, cd, &bufs[1], &lens[1], &err) != PLN_OK ||
        pln_cli_render_calendars(s, &o.cal, stamp, o.out, &files, &err) != PLN_OK ||
        (!o.quiet && pln_write_countdown_table(s, cd, &bufs[3], &lens[3],
                                               &err) != PLN_OK))
        goto fail;
    /* With a funding section: who pays what, and when the money moves. */
    if (pln_cli_funding_files(s, &files, o.quiet ? NULL : &bufs[2], &lens[2],
                              &err) != PLN_OK)
        goto fail;
    rc = PLN_EXIT_IO;
    if (!pln_cli_make_dirs(o.out))
        goto done;
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(o.out) + strlen(names[k]) + 2;
        char *path = malloc(n);
        pln_status st;
        if (!path) {
            rc = PLN_EXIT_INTERNAL;
            goto done;
        }
        snprintf(path, n, "%s/%s", o.out, names[k]);
        st = pln_write_file_atomic(path, bufs[k], lens[k], &err);
        free(path);
        if (st != PLN_OK)
            goto fail;
    }
    if (pln_cli_write_files(o.out, &files, &err) != PLN_OK)
        goto fail;
    if (!o.quiet) {
        pln_cli_print_summary(s);
        pln_cli_print_solve(s);
        if (bufs[2]) {
            fputs("\n", stdout);
            fwrite(bufs[2], 1, lens[2], stdout);
        }
        fputs("\n", stdout);
        fwrite(bufs[3], 1, lens[3], stdout);
    }
    rc = PLN_EXIT_OK;
    goto done;
fail:
    pln_cli_print_error(&err);
done:
    for (int k = 0; k < 4; k++)
        free(bufs[k]);
    pln_cli_files_release(&files);
    pln_countdown_free(cd);
    pln_schedule_free(s);
    pln_model_free(m);
    return rc;
}

const struct pln_cmd pln_cmd_plan = {
    "plan", "schedule a model and write the plan and its calendars",
    "usage: planner plan MODEL --out DIR [--objective KIND] [--time-limit S]\n"
    "                    [--gap F] [--write-lp FILE] [--today DATE]\n"
    "                    [--now STAMP] [--reminders DAYS] [--todos]\n"
    "                    [--quiet]\n\n"
    "Schedules MODEL (a model file, or a PSPLIB .sm instance) with crews\n"
    "limiting: a schedule-generation heuristic, then GLPK for a proof of\n"
    "optimality or a better schedule and a lower bound. Without crews the\n"
    "calendar-aware critical path is optimal. With funding tranches, no\n"
    "day spends more than has arrived. Writes into DIR (created if\n"
    "missing; each file replaced atomically):\n"
    "  schedule.json  every task's dates, floats and the deadlines' slack\n"
    "  countdown.csv  per deadline, the latest start of every step leading\n"
    "                 to it and the working days left\n"
    "  funding.csv    with a funding section: per site its cost, subsidy\n"
    "                 due, county share and what it draws from each tranche\n"
    "  cashflow.csv   with tranches: per week the money arrived and spent\n"
    "  program.ics    every site's milestones and deadlines (with\n"
    "                 reminders), the reporting dates\n"
    "  site-ID.ics    per site: its steps, milestones, deadlines, visits\n"
    "  crew-ID.ics    per crew kind and named crew: the days it works\n"
    "                 where, one event per run of working days\n"
    "  person-ID.ics  per person: their sites' deadlines and milestones,\n"
    "                 their visits and reporting dates\n"
    "and prints a summary and the countdown table.\n\n"
    "options:\n"
    "  -o, --out DIR    output directory (required)\n"
    "      --today DATE count working days left from DATE (default: the\n"
    "                   plan start)\n"
    "      --now STAMP  DTSTAMP of calendar events, YYYY-MM-DDTHH:MM:SSZ\n"
    "                   (default: the model's program.now, else the plan\n"
    "                   start)\n"
    "      --objective KIND  weighted_lateness (default unless the model says\n"
    "                   otherwise), makespan or late_sites\n"
    "      --time-limit S  seconds for the MIP after the heuristic (default\n"
    "                   10; 0 = heuristic only). A search cut short by the\n"
    "                   limit may differ from run to run.\n"
    "      --gap F      stop when (value - bound) / value <= F (default 0)\n"
    "      --write-lp FILE  also write the MIP (CPLEX LP format)\n"
    "      --reminders DAYS  days before each deadline to remind, e.g.\n"
    "                   30,14,7,3,1 (default: the model's export.reminders,\n"
    "                   else those); 'none' for no reminders\n"
    "      --todos      also write each deadline as a VTODO (task clients)\n"
    "  -q, --quiet      print nothing but problems\n"
    "  -h, --help       this text\n",
    run};
