/*
 * cli_files.c -- what the commands that write calendars share: the
 * --reminders option, and a set of output files held in memory until every
 * one is rendered, then each written atomically. A failure while rendering
 * therefore leaves the output directory as it was.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* mkdir -p: creates DIR and missing parents. */
bool pln_cli_make_dirs(const char *dir)
{
    char *p = strdup(dir);
    bool ok = p != NULL;
    for (char *s = p ? p + 1 : NULL; ok && s && *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            ok = false;
        *s = '/';
    }
    if (ok && mkdir(p, 0777) != 0 && errno != EEXIST)
        ok = false;
    if (!ok)
        fprintf(stderr, "planner: cannot create directory '%s': %s\n", dir,
                strerror(errno));
    free(p);
    return ok;
}

static int cmp_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

bool pln_cli_parse_reminders(const char *cmd, const char *arg,
                             struct pln_cli_calendar_opts *o)
{
    const char *p = arg;

    o->have_reminders = true;
    o->n_reminders = 0;
    if (!strcmp(arg, "none"))
        return true;
    for (;;) {
        char *end;
        long v;
        errno = 0;
        v = strtol(p, &end, 10);
        if (end == p || *p == '-' || *p == '+' || *p == ' ' || errno ||
            v > 3660 || (*end && *end != ',')) {
            fprintf(stderr,
                    "%s: --reminders expects days before the deadline, "
                    "0 to 3660, separated by commas (e.g. 30,14,7,3,1) or "
                    "'none', got '%s'\n",
                    cmd, arg);
            return false;
        }
        for (size_t k = 0; k < o->n_reminders; k++) {
            if (o->reminders[k] == (int)v) {
                fprintf(stderr, "%s: --reminders lists %ld twice\n", cmd, v);
                return false;
            }
        }
        if (o->n_reminders == PLN_CLI_MAX_REMINDERS) {
            fprintf(stderr, "%s: --reminders takes at most %d days\n", cmd,
                    PLN_CLI_MAX_REMINDERS);
            return false;
        }
        o->reminders[o->n_reminders++] = (int)v;
        if (!*end)
            break;
        p = end + 1;
    }
    qsort(o->reminders, o->n_reminders, sizeof(int), cmp_desc);
    return true;
}

static pln_status collect(void *ud, const char *name, const char *data,
                          size_t len, pln_error *err)
{
    struct pln_cli_files *f = ud;
    struct pln_cli_file *x;

    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        struct pln_cli_file *p = realloc(f->items, cap * sizeof(*p));
        if (!p)
            goto oom;
        f->items = p;
        f->cap = cap;
    }
    x = &f->items[f->n];
    x->name = strdup(name);
    x->data = malloc(len + 1);
    if (!x->name || !x->data) {
        free(x->name);
        free(x->data);
        goto oom;
    }
    memcpy(x->data, data, len);
    x->data[len] = '\0';
    x->len = len;
    f->n++;
    return PLN_OK;
oom:
    pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
    return PLN_ENOMEM;
}

pln_status pln_cli_render_calendars(const pln_schedule *s,
                                    const struct pln_cli_calendar_opts *o,
                                    int64_t dtstamp,
                                    struct pln_cli_files *files,
                                    pln_error *err)
{
    struct pln_export_options eo;

    pln_export_options_init(&eo);
    eo.dtstamp = dtstamp;
    eo.todos = o->todos;
    if (o->have_reminders) {
        eo.reminders = o->reminders;
        eo.n_reminders = o->n_reminders;
    }
    return pln_export_calendars(s, &eo, collect, files, err);
}

pln_status pln_cli_write_files(const char *dir,
                               const struct pln_cli_files *files,
                               pln_error *err)
{
    struct pln_file_out *out = malloc((files->n + 1) * sizeof(*out));
    pln_status st;

    if (!out) {
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    for (size_t i = 0; i < files->n; i++) {
        out[i].name = files->items[i].name;
        out[i].data = files->items[i].data;
        out[i].len = files->items[i].len;
    }
    st = pln_write_files_atomic(dir, out, files->n, err);
    free(out);
    return st;
}

void pln_cli_files_release(struct pln_cli_files *files)
{
    for (size_t i = 0; i < files->n; i++) {
        free(files->items[i].name);
        free(files->items[i].data);
    }
    free(files->items);
    files->items = NULL;
    files->n = files->cap = 0;
}
