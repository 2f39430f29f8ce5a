/*
 * cmd_check.c -- `planner check MODEL`: validate a model without solving.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    pln_model *m;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(pln_cmd_check.usage, stdout);
            return PLN_EXIT_OK;
        }
        fputs(pln_cmd_check.usage, stderr);
        return PLN_EXIT_USAGE;
    }
    if (argc - optind != 1) {
        fputs(pln_cmd_check.usage, stderr);
        return PLN_EXIT_USAGE;
    }
    m = pln_cli_load(argv[optind]);
    if (!m)
        return PLN_EXIT_INVALID;
    pln_model_free(m);
    return PLN_EXIT_OK;
}

const struct pln_cmd pln_cmd_check = {
    "check", "validate a model file without solving",
    "usage: planner check MODEL\n\n"
    "Reads MODEL (YAML, JSON, or a PSPLIB .sm instance) and checks it: syntax, types, ids and\n"
    "references, dates, dependency cycles. Prints one line per problem as\n"
    "FILE:LINE:COLUMN: message and exits 1 if there is any; exits 0 when the\n"
    "model is valid (warnings may still be printed).\n",
    run};
