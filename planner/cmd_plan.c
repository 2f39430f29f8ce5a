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

static bool parse_seconds(const char *opt, const char *arg, double *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= 0) || v > 1e6) {
        fprintf(stderr, "planner plan: %s expects seconds (0 to 1000000), "
                        "got '%s'\n", opt, arg);
        return false;
    }
    *out = v;
    return true;
}

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
        case 'O': {
            enum pln_objective obj;
            if (!pln_objective_parse(optarg, &obj)) {
                fprintf(stderr,
                        "planner plan: --objective must be weighted_lateness, "
                        "makespan or late_sites, got '%s'\n",
                        optarg);
                return PLN_EXIT_USAGE;
            }
            o->solve.objective = (int)obj;
            break;
        }
        case 'T':
            if (!parse_seconds("--time-limit", optarg, &o->solve.time_limit))
                return PLN_EXIT_USAGE;
            break;
        case 'g': {
            double g = 0;
            if (!parse_seconds("--gap", optarg, &g))
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

/* User text for the terminal: control characters become spaces (a name
 * must not break a line or drive the terminal). Returns buf. */
static const char *plain(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    for (; *s && n + 1 < size; s++)
        buf[n++] = ((unsigned char)*s < 0x20 || *s == 0x7f) ? ' ' : *s;
    buf[n] = '\0';
    return buf;
}

static void print_summary(const pln_schedule *s)
{
    char t1[512], t2[512];
    const pln_model *m = s->model;
    char a[11], b[11];
    size_t crit = 0;
    pln_date_format(m->start, a);
    pln_date_format(s->finish, b);
    for (size_t j = 0; j < s->n_tasks; j++)
        crit += s->tasks[j].critical;
    printf("%s (%s): %zu sites, %zu tasks, %s to %s (%d calendar days)\n",
           plain(m->name, t1, sizeof(t1)), m->id, m->n_sites, m->n_tasks, a,
           b, (int)s->makespan);
    printf("deadlines: %zu met, %zu late; %zu critical tasks\n",
           s->n_deadlines - s->n_late, s->n_late, crit);
    for (size_t c = 0; c < m->n_calendars; c++)
        for (size_t k = 0; k < m->calendars[c].n_years; k++)
            if (m->calendars[c].years[k].provisional)
                printf("note: the %d public holidays of calendar '%s' are "
                       "provisional\n",
                       m->calendars[c].years[k].year, m->calendars[c].id);
    for (size_t r = 0; r < s->n_deadlines; r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        char dd[11], pd[11];
        if (d->met)
            continue;
        pln_date_format(d->date, dd);
        pln_date_format(d->planned, pd);
        printf("  LATE %s %s: %s %s %s, planned %s (%d working days late)\n",
               m->sites[c->site].id, plain(m->sites[c->site].name, t1, sizeof(t1)),
               plain(c->name ? c->name : c->id, t2, sizeof(t2)),
               c->kind == PLN_CONS_FINISH_BY ? "finish by" : "start by", dd,
               pd, (int)-d->slack);
    }
}

/* One line on a terminal's stderr, rewritten in place. */
static void progress(const struct pln_solve_progress *p, void *ud)
{
    double *last = ud;
    if (p->elapsed - *last < 0.5)
        return;
    *last = p->elapsed;
    if (p->have_value && p->value > 0)
        fprintf(stderr,
                "\rsolving: best %.6g, bound %.6g, gap %.1f%%, %.1f s   ",
                p->value, p->bound,
                100.0 * (p->value - p->bound) / p->value, p->elapsed);
    else
        fprintf(stderr, "\rsolving: bound %.6g, %.1f s   ", p->bound,
                p->elapsed);
    fflush(stderr);
}

static void print_solve(const pln_schedule *s)
{
    if (!s->crews_limiting)
        return;
    printf("objective %s: %.6g, lower bound %.6g (%s", 
           pln_objective_name(s->objective), s->objective_value,
           s->lower_bound, pln_solve_status_name(s->status));
    if (s->status == PLN_SOLVED_FEASIBLE && s->objective_value > 0)
        printf(", gap %.1f%%", 100.0 * (s->objective_value - s->lower_bound) /
                                   s->objective_value);
    printf("; %s)\n", s->method);
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
            o.solve.progress = progress;
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
    stamp = o.now >= 0 ? o.now : m->now >= 0 ? m->now : (int64_t)m->start * 86400;
    if (pln_write_schedule_json(s, &bufs[0], &lens[0], &err) != PLN_OK ||
        pln_write_countdown_csv(s, cd, &bufs[1], &lens[1], &err) != PLN_OK ||
        pln_cli_render_calendars(s, &o.cal, stamp, &files, &err) != PLN_OK ||
        (!o.quiet && pln_write_countdown_table(s, cd, &bufs[3], &lens[3],
                                               &err) != PLN_OK))
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
        print_summary(s);
        print_solve(s);
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
    "calendar-aware critical path is optimal. Writes into DIR (created if\n"
    "missing; each file replaced atomically):\n"
    "  schedule.json  every task's dates, floats and the deadlines' slack\n"
    "  countdown.csv  per deadline, the latest start of every step leading\n"
    "                 to it and the working days left\n"
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
