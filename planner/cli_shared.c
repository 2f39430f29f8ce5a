/*
 * cli_shared.c -- what the commands that solve and write plans share: the
 * summary and progress lines, the --reminders option, and a set of output
 * files held in memory until every one is rendered, then written
 * atomically together. A failure while rendering therefore leaves the
 * output directory as it was.
 */
#include <errno.h>
#include <stdio.h>
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

bool pln_cli_parse_seconds(const char *cmd, const char *opt, const char *arg,
                           double *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= 0) || v > 1e6) {
        fprintf(stderr, "%s: %s expects seconds (0 to 1000000), got '%s'\n",
                cmd, opt, arg);
        return false;
    }
    *out = v;
    return true;
}

bool pln_cli_parse_objective(const char *cmd, const char *arg, int *out)
{
    enum pln_objective obj;
    if (!pln_objective_parse(arg, &obj)) {
        fprintf(stderr,
                "%s: --objective must be weighted_lateness, makespan or "
                "late_sites, got '%s'\n",
                cmd, arg);
        return false;
    }
    *out = (int)obj;
    return true;
}

int64_t pln_cli_dtstamp(int64_t now, const pln_model *m)
{
    if (now >= 0)
        return now;
    if (m->replan)
        return m->status_now >= 0 ? m->status_now
                                  : (int64_t)m->status_date * 86400;
    return m->now >= 0 ? m->now : (int64_t)m->start * 86400;
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

pln_status pln_cli_files_add(void *ud, const char *name, char *data,
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
    if (!x->name)
        goto oom;
    x->data = data; /* taken over */
    x->len = len;
    f->n++;
    return PLN_OK;
oom:
    free(data);
    pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
    return PLN_ENOMEM;
}

int pln_cli_slurp(const char *path, bool optional, char **text, size_t *len,
                  pln_error *err)
{
    size_t cap = 0, used = 0;
    char *buf = NULL;
    FILE *f;

    *text = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        if (optional && (e == ENOENT || e == ENOTDIR))
            return e;
        pln_error_set(err, PLN_EIO, path, 0, 0, "cannot read: %s",
                      strerror(e));
        return -1;
    }
    for (;;) {
        size_t got;
        if (used + 65536 + 1 > cap) {
            char *p;
            cap = cap ? 2 * cap : 262144;
            if (cap > (size_t)1 << 31 || !(p = realloc(buf, cap))) {
                pln_error_set(err, PLN_ENOMEM, path, 0, 0,
                              "too large or out of memory");
                free(buf);
                fclose(f);
                return -1;
            }
            buf = p;
        }
        got = fread(buf + used, 1, cap - used - 1, f);
        used += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        pln_error_set(err, PLN_EIO, path, 0, 0, "cannot read: %s",
                      strerror(errno));
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    buf[used] = '\0';
    *text = buf;
    *len = used;
    return 0;
}

int pln_cli_read_file(const char *dir, const char *name, bool optional,
                      char **path, char **text, size_t *len)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    pln_error err;
    int r;

    *text = NULL;
    *len = 0;
    *path = malloc(n);
    if (!*path) {
        fprintf(stderr, "planner: out of memory\n");
        return -1;
    }
    snprintf(*path, n, "%s/%s", dir, name);
    pln_error_init(&err);
    r = pln_cli_slurp(*path, optional, text, len, &err);
    if (r < 0)
        pln_cli_print_error(&err);
    return r;
}

pln_status pln_cli_render_calendars(const pln_schedule *s,
                                    const struct pln_cli_calendar_opts *o,
                                    int64_t dtstamp, const char *previous_dir,
                                    struct pln_cli_files *files,
                                    pln_error *err)
{
    pln_ics_state *prev = NULL;
    pln_status st = PLN_OK;

    if (previous_dir)
        st = pln_cli_state_read(previous_dir, &prev, err);
    if (st == PLN_OK)
        st = pln_cli_render_calendars_over(s, o, dtstamp, prev, files, err);
    pln_ics_state_free(prev);
    return st;
}

pln_status pln_cli_render_calendars_over(const pln_schedule *s,
                                         const struct pln_cli_calendar_opts *o,
                                         int64_t dtstamp,
                                         const pln_ics_state *prev,
                                         struct pln_cli_files *files,
                                         pln_error *err)
{
    struct pln_export_options eo;
    pln_ics_state *next = NULL;
    pln_status st;

    pln_export_options_init(&eo);
    eo.dtstamp = dtstamp;
    eo.todos = o->todos;
    if (o->have_reminders) {
        eo.reminders = o->reminders;
        eo.n_reminders = o->n_reminders;
    }
    eo.previous = prev;
    eo.state = &next;
    st = pln_export_calendars(s, &eo, pln_cli_files_add, files, err);
    if (st == PLN_OK) {
        char *text = NULL;
        size_t len = 0;
        st = pln_ics_state_write(next, &text, &len, err);
        if (st == PLN_OK)
            st = pln_cli_files_add(files, "calendars.json", text, len, err);
    }
    pln_ics_state_free(next);
    return st;
}

pln_status pln_cli_funding_files(const pln_schedule *s,
                                 struct pln_cli_files *files, char **table,
                                 size_t *table_len, pln_error *err)
{
    pln_funding_report *fr = NULL;
    char *buf = NULL;
    size_t len = 0;
    pln_status st;

    if (!s->model->funding.declared)
        return PLN_OK;
    st = pln_funding_report_build(s, &fr, err);
    if (st == PLN_OK)
        st = pln_write_funding_csv(s, fr, &buf, &len, err);
    if (st == PLN_OK)
        st = pln_cli_files_add(files, "funding.csv", buf, len, err);
    if (st == PLN_OK && s->tranche_arrival) {
        st = pln_write_cashflow_csv(fr, &buf, &len, err);
        if (st == PLN_OK)
            st = pln_cli_files_add(files, "cashflow.csv", buf, len, err);
    }
    if (st == PLN_OK && table)
        st = pln_write_funding_table(s, fr, table, table_len, err);
    pln_funding_report_free(fr);
    return st;
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

/* ------------------------------------------------------------- printing */

/* User text for the terminal: control characters become spaces (a name
 * must not break a line or drive the terminal). Returns buf. */
const char *pln_cli_plain(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    for (; *s && n + 1 < size; s++)
        buf[n++] = ((unsigned char)*s < 0x20 || *s == 0x7f) ? ' ' : *s;
    buf[n] = '\0';
    return buf;
}

void pln_cli_print_summary(const pln_schedule *s)
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
           pln_cli_plain(m->name, t1, sizeof(t1)), m->id, m->n_sites, m->n_tasks, a,
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
               m->sites[c->site].id, pln_cli_plain(m->sites[c->site].name, t1, sizeof(t1)),
               pln_cli_plain(c->name ? c->name : c->id, t2, sizeof(t2)),
               c->kind == PLN_CONS_FINISH_BY ? "finish by" : "start by", dd,
               pd, (int)-d->slack);
    }
}

/* One line on a terminal's stderr, rewritten in place. */
void pln_cli_progress(const struct pln_solve_progress *p, void *ud)
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

void pln_cli_print_solve(const pln_schedule *s)
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
