/*
 * cmd_replan.c -- `planner replan MODEL STATUS --baseline DIR --out DIR2`:
 * the weekly replan. The status file (what happened by the status date) is
 * applied to the model, the program is solved again from the status date,
 * and DIR2 gets the new plan (schedule.json, countdown.csv, the calendars,
 * updated in place against the baseline's), what moved (moved.csv) and the
 * week's statistics (status.csv); stdout shows them. A plan is never
 * overwritten: DIR2 must not hold one.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

struct replan_opts {
    const char *model;
    const char *status;
    const char *baseline;
    const char *out;
    int64_t now;
    int risk_days;
    bool quiet;
    struct pln_solve_options solve;
    struct pln_cli_calendar_opts cal;
};

static int parse(int argc, char **argv, struct replan_opts *o)
{
    static const struct option opts[] = {
        {"baseline", required_argument, NULL, 'b'},
        {"out", required_argument, NULL, 'o'},
        {"now", required_argument, NULL, 'n'},
        {"risk-days", required_argument, NULL, 'r'},
        {"objective", required_argument, NULL, 'O'},
        {"time-limit", required_argument, NULL, 'T'},
        {"todos", no_argument, NULL, 'D'},
        {"reminders", required_argument, NULL, 'R'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    char *end;

    memset(o, 0, sizeof(*o));
    o->now = -1;
    o->risk_days = 5;
    pln_solve_options_init(&o->solve);
    optind = 0;
    while ((c = getopt_long(argc, argv, "b:o:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            o->baseline = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'n':
            if (!pln_cli_parse_timestamp("--now", optarg, &o->now))
                return PLN_EXIT_USAGE;
            break;
        case 'r': {
            long v = strtol(optarg, &end, 10);
            if (end == optarg || *end || v < 0 || v > 1000) {
                fprintf(stderr, "planner replan: --risk-days expects working "
                                "days, 0 to 1000, got '%s'\n",
                        optarg);
                return PLN_EXIT_USAGE;
            }
            o->risk_days = (int)v;
            break;
        }
        case 'O':
            if (!pln_cli_parse_objective("planner replan", optarg,
                                         &o->solve.objective))
                return PLN_EXIT_USAGE;
            break;
        case 'T':
            if (!pln_cli_parse_seconds("planner replan", "--time-limit",
                                       optarg, &o->solve.time_limit))
                return PLN_EXIT_USAGE;
            break;
        case 'D':
            o->cal.todos = true;
            break;
        case 'R':
            if (!pln_cli_parse_reminders("planner replan", optarg, &o->cal))
                return PLN_EXIT_USAGE;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'h':
            fputs(pln_cmd_replan.usage, stdout);
            return -1;
        default:
            fputs(pln_cmd_replan.usage, stderr);
            return PLN_EXIT_USAGE;
        }
    }
    if (argc - optind != 2 || !o->baseline || !o->out) {
        fprintf(stderr, "planner replan: %s\n",
                argc - optind != 2 ? "expected MODEL and STATUS files"
                : !o->baseline     ? "--baseline DIR is required"
                                   : "--out DIR2 is required");
        fputs(pln_cmd_replan.usage, stderr);
        return PLN_EXIT_USAGE;
    }
    o->model = argv[optind];
    o->status = argv[optind + 1];
    return PLN_EXIT_OK;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static bool baseline_dates(void *ud, const char *id, pln_date *start,
                           pln_date *finish)
{
    return pln_plan_dates_find(ud, id, start, finish);
}

static void print_report(const pln_schedule *s, const pln_replan_report *r)
{
    const pln_model *m = s->model;
    char sd[11], t1[512];
    size_t shown = 0;

    pln_date_format(r->status_date, sd);
    printf("\nAs of %s: %zu sites done, %zu in progress, %zu not started; "
           "%.1f%% of the work done\n",
           sd, r->done, r->in_progress, r->not_started, 100.0 * r->work_done);
    printf("sites on time %zu, at risk %zu (slack under %d working days), "
           "late %zu\n",
           r->on_time, r->at_risk, r->risk_days, r->late);
    printf("\nMoved against the baseline: %zu tasks\n", r->n_moved);
    for (size_t i = 0; i < r->n_moved && shown < 20; i++, shown++) {
        const struct pln_moved *mv = &r->moved[i];
        const struct pln_task *t = &m->tasks[mv->task];
        char a[11] = "-", b[11];
        if (mv->old_start != PLN_DATE_NONE)
            pln_date_format(mv->old_start, a);
        pln_date_format(mv->new_start, b);
        printf("  %-22s %s -> %s  %+4d  %s", t->id, a, b, (int)mv->days,
               mv->reason);
        if (mv->cause >= 0 && !strcmp(mv->reason, "predecessor slipped"))
            printf(" (%s)", m->tasks[mv->cause].id);
        else if (mv->cause >= 0 && (!strcmp(mv->reason, "crew unavailable") ||
                                    !strcmp(mv->reason, "waiting for a crew")))
            printf(" (%s)", m->crews[mv->cause].id);
        printf("\n");
    }
    if (r->n_moved > shown)
        printf("  ... and %zu more (moved.csv)\n", r->n_moved - shown);
    printf("\nDeadlines late or at risk:\n");
    shown = 0;
    for (size_t k = 0; k < s->n_deadlines; k++) {
        const struct pln_deadline_result *d = &s->deadlines[k];
        const struct pln_constraint *c = &m->constraints[d->constraint];
        char dd[11], pd[11];
        if (d->slack >= r->risk_days)
            continue;
        if (shown++ >= 30)
            continue;
        pln_date_format(d->date, dd);
        pln_date_format(d->planned, pd);
        printf("  %-5s %s %s: %s by %s, planned %s (%s %d working days)\n",
               d->slack < 0 ? "LATE" : "risk", m->sites[c->site].id,
               pln_cli_plain(m->sites[c->site].name, t1, sizeof(t1)),
               c->name ? c->name : c->id, dd, pd,
               d->slack < 0 ? "late by" : "slack",
               d->slack < 0 ? (int)-d->slack : (int)d->slack);
    }
    if (shown > 30)
        printf("  ... and %zu more (status.csv)\n", shown - 30);
    if (!shown)
        printf("  none\n");
}

static int run(int argc, char **argv)
{
    struct replan_opts o;
    pln_model *m = NULL;
    pln_schedule *s = NULL;
    pln_countdown *cd = NULL;
    pln_replan_report *rep = NULL;
    char *fund_text = NULL;
    size_t fund_len = 0;
    struct pln_cli_files files = {NULL, 0, 0};
    pln_diags d;
    pln_error err;
    char *path = NULL, *text = NULL, *buf = NULL;
    pln_date *bs = NULL, *bf = NULL;
    pln_plan_dates *base = NULL;
    struct pln_cli_state_job *published = NULL;
    pln_ics_state *prev = NULL;
    size_t len = 0;
    int64_t stamp;
    pln_status st_rc;
    struct stat st;
    int rc = parse(argc, argv, &o);

    if (rc != PLN_EXIT_OK)
        return rc < 0 ? PLN_EXIT_OK : rc;
    pln_error_init(&err);
    /* Every plan is kept. */
    path = join(o.out, "schedule.json");
    if (!path)
        return PLN_EXIT_INTERNAL;
    if (stat(path, &st) == 0) {
        fprintf(stderr, "planner replan: %s already holds a plan; every plan "
                        "is kept, so write the replan into a new directory\n",
                o.out);
        free(path);
        return PLN_EXIT_USAGE;
    }
    free(path);
    /* The baseline first: `assume: planned` takes its dates. */
    if (pln_cli_read_file(o.baseline, "schedule.json", false, &path, &text,
                          &len) != 0) {
        free(path);
        return PLN_EXIT_INVALID;
    }
    if (pln_plan_dates_read(path, text, len, &base, &err) != PLN_OK) {
        pln_cli_print_error(&err);
        rc = PLN_EXIT_INVALID;
        goto done;
    }
    /* The baseline's calendar state meanwhile, on a thread of its own. */
    published = pln_cli_state_start(o.baseline);
    pln_diags_init(&d);
    m = pln_model_load_replan(o.model, o.status, baseline_dates, base,
                              pln_cli_load_options(), &d);
    pln_cli_print_diags(&d);
    pln_diags_release(&d);
    rc = PLN_EXIT_INVALID;
    if (!m)
        goto done;
    if (pln_replan_prepare(m, &err) != PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
    bs = malloc((m->n_tasks + 1) * sizeof(*bs));
    bf = malloc((m->n_tasks + 1) * sizeof(*bf));
    if (!bs || !bf) {
        rc = PLN_EXIT_INTERNAL;
        goto done;
    }
    for (size_t j = 0; j < m->n_tasks; j++)
        if (!pln_plan_dates_find(base, m->tasks[j].id, &bs[j], &bf[j]))
            bs[j] = bf[j] = PLN_DATE_NONE;
    rc = PLN_EXIT_INTERNAL;
    o.solve.baseline_start = bs;
    {
        double last = 0;
        bool tty = !o.quiet && isatty(STDERR_FILENO);
        if (tty) {
            o.solve.progress = pln_cli_progress;
            o.solve.progress_ud = &last;
        }
        if (pln_solve(m, &o.solve, &s, &err) != PLN_OK) {
            pln_cli_print_error(&err);
            goto done;
        }
        if (tty && last > 0)
            fputs("\r\033[K", stderr);
    }
    if (s->status == PLN_SOLVED_INFEASIBLE || s->status == PLN_SOLVED_NONE) {
        for (size_t k = 0; k < s->n_reasons; k++)
            fprintf(stderr, "%s\n", s->reasons[k]);
        fprintf(stderr, "%s: %s after this status; no plan written\n",
                o.status,
                s->n_reasons && !strncmp(s->reasons[0], "money:", 6)
                    ? "the money cannot pay for the work"
                    : "the hard deadlines cannot all hold");
        rc = PLN_EXIT_INFEASIBLE;
        goto done;
    }
    if (pln_countdown_build(s, m->status_date, &cd, &err) != PLN_OK ||
        pln_replan_compare(s, bs, bf, o.risk_days, &rep, &err) != PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
    stamp = pln_cli_dtstamp(o.now, m);
#define OUT(name, call)                                                        \
    do {                                                                       \
        buf = NULL;                                                            \
        if ((call) != PLN_OK) {                                                \
            free(buf);                                                         \
            pln_cli_print_error(&err);                                         \
            goto done;                                                         \
        }                                                                      \
        if (pln_cli_files_add(&files, name, buf, len, &err) != PLN_OK) {       \
            pln_cli_print_error(&err);                                         \
            goto done;                                                         \
        }                                                                      \
    } while (0)
    OUT("schedule.json", pln_write_schedule_json(s, &buf, &len, &err));
    OUT("countdown.csv", pln_write_countdown_csv(s, cd, &buf, &len, &err));
    OUT("moved.csv", pln_write_moved_csv(s, rep, &buf, &len, &err));
    OUT("status.csv", pln_write_status_csv(s, rep, &buf, &len, &err));
    /* With a funding section, as `planner plan`: the money as replanned
     * (spending before the status date is history). */
    if (pln_cli_funding_files(s, &files, o.quiet ? NULL : &fund_text,
                              &fund_len, &err) != PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
#undef OUT
    st_rc = pln_cli_state_finish(published, &prev, &err);
    published = NULL;
    if (st_rc != PLN_OK) {
        /* The baseline's calendars.json is input: a broken one is the
         * input's problem, like a broken schedule.json. */
        pln_cli_print_error(&err);
        if (st_rc != PLN_ENOMEM)
            rc = PLN_EXIT_INVALID;
        goto done;
    }
    if (pln_cli_render_calendars_over(s, &o.cal, stamp, prev, &files, &err) !=
        PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
    rc = PLN_EXIT_IO;
    if (!pln_cli_make_dirs(o.out))
        goto done;
    if (pln_cli_write_files(o.out, &files, &err) != PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
    if (!o.quiet) {
        pln_cli_print_summary(s);
        pln_cli_print_solve(s);
        print_report(s, rep);
        if (fund_text) {
            fputs("\n", stdout);
            fwrite(fund_text, 1, fund_len, stdout);
        }
    }
    rc = PLN_EXIT_OK;
done:
    if (published) {
        pln_error ignored;
        pln_error_init(&ignored);
        pln_cli_state_finish(published, &prev, &ignored);
    }
    pln_ics_state_free(prev);
    pln_cli_files_release(&files);
    pln_replan_report_free(rep);
    free(fund_text);
    pln_countdown_free(cd);
    pln_schedule_free(s);
    pln_model_free(m);
    free(bs);
    free(bf);
    pln_plan_dates_free(base);
    free(text);
    free(path);
    return rc;
}

const struct pln_cmd pln_cmd_replan = {
    "replan", "plan again from a status date, after what happened",
    "usage: planner replan MODEL STATUS --baseline DIR --out DIR2\n"
    "                      [--objective KIND] [--time-limit S] [--risk-days N]\n"
    "                      [--reminders DAYS] [--todos] [--now STAMP] [--quiet]\n\n"
    "Applies STATUS (what happened by its status date: tasks finished or in\n"
    "progress, crews down, sites closed, new or changed deadlines, added\n"
    "tasks) to MODEL, plans again from the status date, and compares the\n"
    "result with the plan in DIR (the baseline). Writes into DIR2, which must\n"
    "not hold a plan yet (every plan is kept):\n"
    "  schedule.json, countdown.csv and the calendars, as `planner plan`\n"
    "  moved.csv   each task whose dates changed, by how many working days,\n"
    "              and why\n"
    "  status.csv  each site as of the status date: not started, in\n"
    "              progress or done; on time, at risk or late; work done\n"
    "  funding.csv, cashflow.csv  with a funding section, as `planner plan`\n"
    "and prints the week's statistics, what moved and the deadlines at risk.\n\n"
    "options:\n"
    "  -b, --baseline DIR   the plan this one replaces (required)\n"
    "  -o, --out DIR2       where the new plan goes (required; must not hold\n"
    "                       a plan)\n"
    "      --risk-days N    a deadline with less slack is at risk (default 5)\n"
    "      --objective KIND, --time-limit S   as for `planner plan`\n"
    "      --reminders DAYS, --todos          as for `planner plan`\n"
    "      --now STAMP      DTSTAMP of the calendars (default: the status\n"
    "                       file's now, else the status date)\n"
    "  -q, --quiet          print nothing but problems\n"
    "  -h, --help           this text\n",
    run};
