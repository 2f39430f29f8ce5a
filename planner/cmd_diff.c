/*
 * cmd_diff.c -- `planner diff DIR1 DIR2`: what changed between two plans
 * (any two: a plan and its replan, two weeks' replans). Reads both
 * schedule.json files (jansson) and prints the finish date, the tasks
 * whose dates changed (by calendar days), the tasks only one plan has, and
 * the deadlines whose planned date, slack or verdict changed. No model is
 * needed: a plan carries its dates.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static json_t *load(const char *dir)
{
    size_t n = strlen(dir) + 16;
    char *path = malloc(n);
    json_error_t jerr;
    json_t *root;

    if (!path)
        return NULL;
    snprintf(path, n, "%s/schedule.json", dir);
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        fprintf(stderr, "%s:%d:%d: %s\n", path, jerr.line, jerr.column,
                jerr.text);
    else if (!json_is_array(json_object_get(root, "tasks"))) {
        fprintf(stderr, "%s: not a plan (no task list)\n", path);
        json_decref(root);
        root = NULL;
    }
    free(path);
    return root;
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static long days(const char *a, const char *b)
{
    pln_date x, y;
    if (pln_date_parse(a, &x) != PLN_OK || pln_date_parse(b, &y) != PLN_OK)
        return 0;
    return (long)(y - x);
}

/* The entry of `list` whose `id` (and `site`, when site is given) match. */
static json_t *find(json_t *index, const char *key)
{
    return json_object_get(index, key);
}

static json_t *index_of(json_t *list, bool with_site)
{
    json_t *ix = json_object(), *v;
    size_t i;
    json_array_foreach(list, i, v) {
        char key[512];
        snprintf(key, sizeof(key), "%s%s%s", with_site ? str(v, "site") : "",
                 with_site ? "/" : "", str(v, "id"));
        json_object_set(ix, key, v);
    }
    return ix;
}

static int run(int argc, char **argv)
{
    json_t *a, *b, *ia, *ib, *v;
    size_t i, changed = 0, added = 0, removed = 0, dl = 0;
    const char *key;

    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(pln_cmd_diff.usage, stdout);
        return PLN_EXIT_OK;
    }
    if (argc != 3) {
        fputs(pln_cmd_diff.usage, stderr);
        return PLN_EXIT_USAGE;
    }
    a = load(argv[1]);
    b = a ? load(argv[2]) : NULL;
    if (!a || !b) {
        json_decref(a);
        return PLN_EXIT_INVALID;
    }
    printf("%s -> %s\n", argv[1], argv[2]);
    printf("finish: %s -> %s (%+ld days); deadlines missed: %lld -> %lld\n",
           str(a, "finish"), str(b, "finish"),
           days(str(a, "finish"), str(b, "finish")),
           (long long)json_integer_value(json_object_get(a, "deadlines_missed")),
           (long long)json_integer_value(json_object_get(b, "deadlines_missed")));
    ia = index_of(json_object_get(a, "tasks"), false);
    ib = index_of(json_object_get(b, "tasks"), false);
    printf("\ntasks moved (calendar days):\n");
    json_array_foreach(json_object_get(b, "tasks"), i, v) {
        json_t *o = find(ia, str(v, "id"));
        if (!o) {
            added++;
            continue;
        }
        if (!strcmp(str(o, "start"), str(v, "start")) &&
            !strcmp(str(o, "finish"), str(v, "finish")))
            continue;
        changed++;
        printf("  %-24s %s..%s -> %s..%s  start %+ld, finish %+ld\n",
               str(v, "id"), str(o, "start"), str(o, "finish"),
               str(v, "start"), str(v, "finish"),
               days(str(o, "start"), str(v, "start")),
               days(str(o, "finish"), str(v, "finish")));
    }
    if (!changed)
        printf("  none\n");
    if (added) {
        printf("\ntasks only in %s:\n", argv[2]);
        json_array_foreach(json_object_get(b, "tasks"), i, v)
            if (!find(ia, str(v, "id")))
                printf("  %-24s %s..%s\n", str(v, "id"), str(v, "start"),
                       str(v, "finish"));
    }
    json_object_foreach(ia, key, v)
        removed += !find(ib, key);
    if (removed) {
        printf("\ntasks only in %s:\n", argv[1]);
        json_array_foreach(json_object_get(a, "tasks"), i, v)
            if (!find(ib, str(v, "id")))
                printf("  %-24s %s..%s\n", str(v, "id"), str(v, "start"),
                       str(v, "finish"));
    }
    json_decref(ia);
    json_decref(ib);
    ia = index_of(json_object_get(a, "deadlines"), true);
    printf("\ndeadlines changed:\n");
    json_array_foreach(json_object_get(b, "deadlines"), i, v) {
        char k[512];
        json_t *o;
        snprintf(k, sizeof(k), "%s/%s", str(v, "site"), str(v, "id"));
        o = find(ia, k);
        if (o && !strcmp(str(o, "date"), str(v, "date")) &&
            !strcmp(str(o, "planned"), str(v, "planned")) &&
            json_equal(json_object_get(o, "slack"), json_object_get(v, "slack")))
            continue;
        dl++;
        if (!o)
            printf("  %-24s new: by %s, planned %s, slack %lld\n", k,
                   str(v, "date"), str(v, "planned"),
                   (long long)json_integer_value(json_object_get(v, "slack")));
        else
            printf("  %-24s by %s%s%s, planned %s -> %s, slack %lld -> %lld%s\n",
                   k, str(o, "date"), strcmp(str(o, "date"), str(v, "date"))
                                          ? " -> "
                                          : "",
                   strcmp(str(o, "date"), str(v, "date")) ? str(v, "date")
                                                          : "",
                   str(o, "planned"), str(v, "planned"),
                   (long long)json_integer_value(json_object_get(o, "slack")),
                   (long long)json_integer_value(json_object_get(v, "slack")),
                   json_is_true(json_object_get(o, "met")) &&
                           !json_is_true(json_object_get(v, "met"))
                       ? "  NOW LATE"
                   : !json_is_true(json_object_get(o, "met")) &&
                           json_is_true(json_object_get(v, "met"))
                       ? "  now met"
                       : "");
    }
    if (!dl)
        printf("  none\n");
    printf("\n%zu tasks moved, %zu added, %zu removed; %zu deadlines "
           "changed\n",
           changed, added, removed, dl);
    json_decref(ia);
    json_decref(a);
    json_decref(b);
    return PLN_EXIT_OK;
}

const struct pln_cmd pln_cmd_diff = {
    "diff", "show what changed between two plans",
    "usage: planner diff DIR1 DIR2\n\n"
    "Compares the plans in DIR1 and DIR2 (their schedule.json; any two\n"
    "plans, e.g. a baseline and its replan): the finish, each task whose\n"
    "dates changed (in calendar days), tasks only one of them has, and each\n"
    "deadline whose date, planned date or slack changed.\n",
    run};
