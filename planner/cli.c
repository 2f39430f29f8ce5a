/*
 * cli.c -- `planner`'s entry point: global options, the subcommand table,
 * and the shared reporting of problems as FILE:LINE:COLUMN: message.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct pln_cmd *const commands[] = {
    &pln_cmd_check, &pln_cmd_plan, &pln_cmd_replan, &pln_cmd_diff,
    &pln_cmd_export, &pln_cmd_whatif};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
    fprintf(f, "usage: planner [--version] [--help] COMMAND [ARGS]\n\n"
               "Schedules programs of many construction sites against their "
               "deadlines.\n\ncommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\n'planner COMMAND --help' describes one command.\n"
               "exit status: 0 done, 1 the input has problems, 2 bad command "
               "line,\n3 an output could not be written, 4 internal "
               "error.\n");
}

int pln_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return PLN_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        if (argc > 2 && strcmp(argv[1], "help") == 0)
            for (size_t i = 0; i < N_COMMANDS; i++)
                if (!strcmp(argv[2], commands[i]->name)) {
                    fputs(commands[i]->usage, stdout);
                    return PLN_EXIT_OK;
                }
        usage(stdout);
        return PLN_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("planner %s\n", PLN_VERSION);
        return PLN_EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(argv[1], commands[i]->name))
            return commands[i]->run(argc - 1, argv + 1);
    fprintf(stderr, "planner: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return PLN_EXIT_USAGE;
}

/* Prints the source line `line` of `path` and a caret under `column`. */
static void show_source(const char *path, int line, int column)
{
    FILE *f;
    char buf[1024];
    int n = 0;
    if (line <= 0 || !(f = fopen(path, "rb")))
        return;
    while (fgets(buf, sizeof(buf), f)) {
        size_t len = strlen(buf);
        bool whole = len > 0 && buf[len - 1] == '\n';
        if (++n == line) {
            if (whole)
                buf[--len] = '\0';
            fprintf(stderr, "  %s\n  ", buf);
            /* Columns count characters; step over UTF-8 continuation. */
            for (const char *p = buf; *p && column > 1; p++) {
                if (((unsigned char)*p & 0xC0) != 0x80) {
                    fputc(*p == '\t' ? '\t' : ' ', stderr);
                    column--;
                }
            }
            fputs("^\n", stderr);
            break;
        }
        while (!whole && fgets(buf, sizeof(buf), f)) {
            len = strlen(buf);
            whole = len > 0 && buf[len - 1] == '\n';
        }
    }
    fclose(f);
}

void pln_cli_print_diags(const pln_diags *d)
{
    bool tty = isatty(STDERR_FILENO);
    for (size_t i = 0; i < d->count; i++) {
        const struct pln_diag *x = &d->items[i];
        const char *sev = x->severity == PLN_SEV_WARNING ? "warning: " : "";
        if (x->line > 0)
            fprintf(stderr, "%s:%d:%d: %s%s\n", x->source, x->line, x->column,
                    sev, x->message);
        else
            fprintf(stderr, "%s: %s%s\n", x->source, sev, x->message);
        if (tty)
            show_source(x->source, x->line, x->column);
    }
    if (d->truncated)
        fprintf(stderr, "planner: too many problems; only the first %d are "
                        "listed\n",
                PLN_DIAGS_MAX);
}

void pln_cli_print_error(const pln_error *err)
{
    if (err->source[0] && err->line > 0)
        fprintf(stderr, "%s:%d:%d: %s\n", err->source, err->line, err->column,
                err->message);
    else if (err->source[0])
        fprintf(stderr, "%s: %s\n", err->source, err->message);
    else
        fprintf(stderr, "planner: %s\n", err->message[0]
                                             ? err->message
                                             : pln_strerror(err->code));
}

const struct pln_load_options *pln_cli_load_options(void)
{
    /* iCalendar files a model imports are read by the calendars module. */
    static const struct pln_load_options o = {pln_ics_import,
                                              pln_ics_import_release, NULL};
    return &o;
}

pln_model *pln_cli_load(const char *path)
{
    pln_diags d;
    pln_model *m;
    pln_diags_init(&d);
    m = pln_model_load_file_ex(path, pln_cli_load_options(), &d);
    pln_diags_sort(&d);
    pln_cli_print_diags(&d);
    pln_diags_release(&d);
    return m;
}

bool pln_cli_parse_date(const char *opt, const char *s, pln_date *out)
{
    pln_status st = pln_date_parse(s, out);
    if (st == PLN_OK)
        return true;
    fprintf(stderr, "planner: %s '%s' is %s\n", opt, s,
            st == PLN_ERANGE ? "not a real date"
                             : "not a date of the form YYYY-MM-DD");
    return false;
}

bool pln_cli_parse_timestamp(const char *opt, const char *s, int64_t *out)
{
    pln_status st = pln_timestamp_parse(s, out);
    if (st == PLN_OK)
        return true;
    fprintf(stderr, "planner: %s '%s' must be a UTC time stamp "
                    "YYYY-MM-DDTHH:MM:SSZ\n",
            opt, s);
    return false;
}
