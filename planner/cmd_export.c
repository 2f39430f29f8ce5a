/*
 * cmd_export.c -- `planner export MODEL --plan DIR --out DIR2`: the
 * countdown calendars of a plan already made, without solving again (for
 * other reminders, to-dos, or a fresh DTSTAMP). The plan's schedule.json is
 * read back against the model and checked; nothing is written unless every
 * calendar rendered.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

struct export_opts {
    const char *model;
    const char *plan;
    const char *out;
    int64_t now;
    struct pln_cli_calendar_opts cal;
};

static int parse(int argc, char **argv, struct export_opts *o)
{
    static const struct option opts[] = {
        {"plan", required_argument, NULL, 'p'},
        {"out", required_argument, NULL, 'o'},
        {"now", required_argument, NULL, 'n'},
        {"todos", no_argument, NULL, 'D'},
        {"reminders", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;

    memset(o, 0, sizeof(*o));
    o->now = -1;
    optind = 0;
    while ((c = getopt_long(argc, argv, "p:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            o->plan = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'n':
            if (!pln_cli_parse_timestamp("--now", optarg, &o->now))
                return PLN_EXIT_USAGE;
            break;
        case 'D':
            o->cal.todos = true;
            break;
        case 'R':
            if (!pln_cli_parse_reminders("planner export", optarg, &o->cal))
                return PLN_EXIT_USAGE;
            break;
        case 'h':
            fputs(pln_cmd_export.usage, stdout);
            return -1;
        default:
            fputs(pln_cmd_export.usage, stderr);
            return PLN_EXIT_USAGE;
        }
    }
    if (argc - optind != 1 || !o->plan || !o->out) {
        fprintf(stderr, "planner export: %s\n",
                argc - optind != 1 ? "expected one MODEL file"
                : !o->plan         ? "--plan DIR is required"
                                   : "--out DIR is required");
        fputs(pln_cmd_export.usage, stderr);
        return PLN_EXIT_USAGE;
    }
    o->model = argv[optind];
    return PLN_EXIT_OK;
}

static int run(int argc, char **argv)
{
    struct export_opts o;
    pln_model *m = NULL;
    pln_schedule *s = NULL;
    struct pln_cli_files files = {NULL, 0, 0};
    pln_error err;
    char *path = NULL, *text = NULL;
    size_t len = 0;
    int64_t stamp;
    int rc = parse(argc, argv, &o);

    if (rc != PLN_EXIT_OK)
        return rc < 0 ? PLN_EXIT_OK : rc;
    pln_error_init(&err);
    m = pln_cli_load(o.model);
    if (!m)
        return PLN_EXIT_INVALID;
    rc = PLN_EXIT_INVALID;
    if (pln_cli_read_file(o.plan, "schedule.json", false, &path, &text,
                          &len) != 0)
        goto done;
    if (pln_plan_read(m, path, text, len, &s, &err) != PLN_OK) {
        if (err.code == PLN_ENOMEM)
            rc = PLN_EXIT_INTERNAL;
        pln_cli_print_error(&err);
        goto done;
    }
    if (s->status == PLN_SOLVED_INFEASIBLE || s->status == PLN_SOLVED_NONE) {
        fprintf(stderr, "%s: the plan has no schedule to export (%s)\n", path,
                pln_solve_status_name(s->status));
        goto done;
    }
    stamp = pln_cli_dtstamp(o.now, m);
    rc = PLN_EXIT_INTERNAL;
    if (pln_cli_render_calendars(s, &o.cal, stamp, o.plan, &files, &err) != PLN_OK) {
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
    rc = PLN_EXIT_OK;
done:
    pln_cli_files_release(&files);
    pln_schedule_free(s);
    pln_model_free(m);
    free(text);
    free(path);
    return rc;
}

const struct pln_cmd pln_cmd_export = {
    "export", "write the calendars of a plan already made",
    "usage: planner export MODEL --plan DIR --out DIR2 [--reminders DAYS]\n"
    "                      [--todos] [--now STAMP]\n\n"
    "Reads the plan in DIR (its schedule.json, written by `planner plan` for\n"
    "MODEL), checks it against MODEL, and writes its countdown calendars\n"
    "into DIR2 (created if missing; each file replaced atomically):\n"
    "program.ics, site-ID.ics, crew-ID.ics and person-ID.ics, as `planner\n"
    "plan` does, without solving again. DIR2 may be DIR.\n\n"
    "options:\n"
    "  -p, --plan DIR   the plan to export (required)\n"
    "  -o, --out DIR2   output directory (required)\n"
    "      --reminders DAYS  days before each deadline to remind, e.g.\n"
    "                   30,14,7,3,1 (default: the model's export.reminders,\n"
    "                   else those); 'none' for no reminders\n"
    "      --todos      also write each deadline as a VTODO (task clients)\n"
    "      --now STAMP  DTSTAMP of calendar entries, YYYY-MM-DDTHH:MM:SSZ\n"
    "                   (default: the model's program.now, else the plan\n"
    "                   start)\n"
    "  -h, --help       this text\n",
    run};
