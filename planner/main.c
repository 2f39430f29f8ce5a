/*
 * main.c -- the `planner` executable: everything lives in the CLI library
 * (pln_cli) so that tests can drive it in-process.
 */
#include "cli.h"

int main(int argc, char **argv)
{
    return pln_cli_main(argc, argv);
}
