/*
 * plan_read.c -- reads back a plan written by `planner plan` (its
 * schedule.json) against the model it was made from: every task's dates
 * become a schedule again, checked against every rule as if just solved,
 * so that calendars can be re-exported (and, later, a replan compared with
 * it) without solving again. The JSON is read with jansson; a task or date
 * the model does not accept is reported at its line and column in the file.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rcpsp_int.h"

/* Line and column of the first occurrence of `"needle"` after `from` in the
 * text (jansson keeps no positions for values). */
static void locate(const char *text, size_t len, const char *needle,
                   int *line, int *col)
{
    size_t n = strlen(needle);
    *line = *col = 0;
    for (size_t i = 0; i + n + 2 <= len; i++) {
        if (text[i] == '"' && !memcmp(text + i + 1, needle, n) &&
            text[i + n + 1] == '"') {
            int l = 1, c = 1;
            for (size_t k = 0; k < i; k++) {
                if (text[k] == '\n') {
                    l++;
                    c = 1;
                } else if (((unsigned char)text[k] & 0xc0) != 0x80) {
                    c++;
                }
            }
            *line = l;
            *col = c;
            return;
        }
    }
}

struct reader {
    const pln_model *m;
    const char *source;
    const char *text;
    size_t len;
    pln_error *err;
};

static pln_status bad(struct reader *r, const char *near, const char *fmt,
                      ...) PLN_PRINTF(3, 4);

/* An error at the place `near` (a string in the file) is written. */
static pln_status bad(struct reader *r, const char *near, const char *fmt,
                      ...)
{
    int line = 0, col = 0;
    char msg[PLN_ERROR_TEXT_LEN];
    va_list ap;

    if (near)
        locate(r->text, r->len, near, &line, &col);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    pln_error_set(r->err, PLN_EINVAL, r->source, line, col, "%s", msg);
    return PLN_EINVAL;
}

static const char *get_string(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The start index of task j from its displayed first day (and a check of
 * its last); -1 with the error set when the dates do not fit. */
static int32_t start_index(struct reader *r, struct pln_cpm_ctx *c, size_t j,
                           const char *start, const char *finish)
{
    const struct pln_task *t = &r->m->tasks[j];
    pln_date a, b;
    int32_t s;

    if (!start || pln_date_parse(start, &a) != PLN_OK) {
        bad(r, t->id, "task '%s' has no valid start date", t->id);
        return -1;
    }
    if (!finish || pln_date_parse(finish, &b) != PLN_OK) {
        bad(r, t->id, "task '%s' has no valid finish date", t->id);
        return -1;
    }
    if (!pln_calset_in_range(c->cs, a) || !pln_calset_in_range(c->cs, b) ||
        !pln_calset_is_working(c->cs, t->calendar, a)) {
        bad(r, t->id, "task '%s' starts on %s, not a working day of its "
                      "calendar: the plan does not fit this model",
            t->id, start);
        return -1;
    }
    /* A step starts on the morning of its first day; a milestone is the
     * evening of its day (cpm_int.h). */
    s = pln__cpm_count(c, t->calendar, a) + (t->duration == 0);
    if (pln__cpm_show_finish(c, t, s + t->duration) != b) {
        bad(r, t->id, "task '%s' finishes on %s, which does not match its "
                      "duration in the model: the plan does not fit this "
                      "model",
            t->id, finish);
        return -1;
    }
    return s;
}

static pln_status read_starts(struct reader *r, json_t *root,
                              struct pln_cpm_ctx *c, int32_t *starts)
{
    const pln_model *m = r->m;
    json_t *tasks = json_object_get(root, "tasks"), *v;
    size_t i;
    bool *seen = calloc(m->n_tasks + 1, 1);
    pln_status st = PLN_OK;

    if (!seen) {
        pln_error_set(r->err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    if (!json_is_array(tasks)) {
        free(seen);
        return bad(r, "tasks", "%s has no task list", r->source);
    }
    json_array_foreach(tasks, i, v) {
        const char *id = get_string(v, "id");
        int j = id ? pln_model_find_task(m, id) : -1;
        if (!id) {
            st = bad(r, NULL, "task %zu of the plan has no id", i + 1);
            break;
        }
        if (j < 0) {
            st = bad(r, id, "the plan has a task '%s' that the model does "
                            "not have",
                     id);
            break;
        }
        if (seen[j]) {
            st = bad(r, id, "task '%s' is in the plan twice", id);
            break;
        }
        seen[j] = true;
        starts[j] = start_index(r, c, (size_t)j, get_string(v, "start"),
                                get_string(v, "finish"));
        if (starts[j] < 0) {
            st = PLN_EINVAL;
            break;
        }
    }
    for (size_t j = 0; st == PLN_OK && j < m->n_tasks; j++)
        if (!seen[j])
            st = bad(r, "tasks", "the plan has no task '%s', which the model "
                                 "has: it was made from another model",
                     m->tasks[j].id);
    free(seen);
    return st;
}

/* The solve's description as the plan states it (for the record). */
static void read_status(json_t *root, pln_schedule *s)
{
    static const char *const names[] = {"optimal", "feasible", "infeasible",
                                         "no_solution"};
    const char *status = get_string(root, "status");
    json_t *obj = json_object_get(root, "objective");
    enum pln_objective kind;

    s->status = PLN_SOLVED_FEASIBLE;
    for (int k = 0; status && k < 4; k++)
        if (!strcmp(status, names[k]))
            s->status = (enum pln_solve_status)k;
    if (pln_objective_parse(get_string(obj, "kind") ? get_string(obj, "kind")
                                                    : "",
                            &kind))
        s->objective = kind;
    if (json_is_number(json_object_get(obj, "value")))
        s->objective_value = json_number_value(json_object_get(obj, "value"));
    if (json_is_number(json_object_get(obj, "lower_bound")))
        s->lower_bound =
            json_number_value(json_object_get(obj, "lower_bound"));
    s->method = "plan";
}

pln_status pln_plan_read(const pln_model *m, const char *source,
                         const char *text, size_t len, pln_schedule **out,
                         pln_error *err)
{
    struct reader r = {m, source, text, len, err};
    json_error_t jerr;
    json_t *root;
    struct pln_rc rc;
    pln_schedule *s = NULL;
    int32_t *starts = NULL;
    pln_date lo, hi, last = m->start;
    int32_t after = 3 * 366;
    pln_status st;
    char msg[PLN_ERROR_TEXT_LEN];

    *out = NULL;
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        pln_error_set(err, PLN_ESYNTAX, source, jerr.line, jerr.column, "%s",
                      jerr.text);
        return PLN_ESYNTAX;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        pln_error_set(err, PLN_ESYNTAX, source, 1, 1,
                      "a plan is a JSON object (schedule.json)");
        return PLN_ESYNTAX;
    }
    /* The calendars must reach the plan's last day. */
    {
        const char *f = get_string(root, "finish");
        pln_date d;
        if (f && pln_date_parse(f, &d) == PLN_OK && d > last)
            last = d;
        pln__model_span(m, &lo, &hi);
        if (last > hi && last - hi + 60 > after)
            after = last - hi + 60;
    }
    memset(&rc, 0, sizeof(rc));
    st = pln__rc_init(&rc, m, after, err);
    if (st != PLN_OK) {
        json_decref(root);
        return st;
    }
    starts = calloc(m->n_tasks + 1, sizeof(*starts));
    s = pln__calloc(1, sizeof(*s));
    if (s)
        s->tasks = pln__calloc(m->n_tasks + 1, sizeof(*s->tasks));
    if (!starts || !s || !s->tasks) {
        st = PLN_ENOMEM;
        pln_error_set(err, st, NULL, 0, 0, "out of memory");
        goto done;
    }
    st = read_starts(&r, root, &rc.c, starts);
    if (st != PLN_OK)
        goto done;
    if (!pln__rc_check(&rc, starts, true, msg, sizeof(msg))) {
        st = PLN_EINVAL;
        pln_error_set(err, st, source, 0, 0,
                      "the plan breaks a rule of the model: %s", msg);
        goto done;
    }
    s->model = m;
    s->n_tasks = m->n_tasks;
    for (size_t j = 0; j < m->n_tasks; j++) {
        struct pln_task_times *x = &s->tasks[j];
        int32_t d = m->tasks[j].duration;
        x->es = starts[j];
        x->ef = starts[j] + d;
        x->ls = rc.lst[j];
        x->lf = rc.lst[j] + d;
    }
    s->finish = m->start;
    st = pln__schedule_finish(&rc.c, s);
    if (st != PLN_OK) {
        pln_error_set(err, st, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < m->n_tasks; j++)
        for (size_t k = 0; k < m->tasks[j].n_demands; k++)
            if (m->tasks[j].demands[k].amount > 0 && m->tasks[j].duration > 0)
                s->crews_limiting = true;
    /* The schedule keeps the calendars. */
    s->cals = (pln_calset *)rc.c.cs;
    rc.c.cs = NULL;
    if (!s->crews_limiting) {
        /* Without crews the plan is the critical path: take the model's
         * own, whose floats count to the program's finish, after checking
         * that it is the same schedule. */
        pln_schedule *cpm = NULL;
        st = pln_cpm_schedule(m, &cpm, err);
        if (st != PLN_OK)
            goto done;
        for (size_t j = 0; j < m->n_tasks; j++) {
            if (cpm->tasks[j].start != s->tasks[j].start) {
                char d[11];
                pln_date_format(cpm->tasks[j].start, d);
                pln_schedule_free(cpm);
                st = bad(&r, m->tasks[j].id,
                         "task '%s' is not at its critical-path date %s: "
                         "the plan was made from another model",
                         m->tasks[j].id, d);
                goto done;
            }
        }
        pln_schedule_free(s);
        s = cpm;
    } else {
        pln__find_missing_years(s);
    }
    read_status(root, s);
done:
    pln__rc_release(&rc);
    json_decref(root);
    free(starts);
    if (st != PLN_OK) {
        pln_schedule_free(s);
        return st;
    }
    *out = s;
    return PLN_OK;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void pln_plan_dates_free(pln_plan_dates *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->ids[i]);
    free(p->ids);
    free(p->start);
    free(p->finish);
    free(p);
}

pln_status pln_plan_dates_read(const char *source, const char *text,
                               size_t len, pln_plan_dates **out,
                               pln_error *err)
{
    json_error_t jerr;
    /* Without jansson's duplicate-key check, a third of the parse (45 ms
     * at 500 sites, before a replan can start): a key written twice in an
     * object keeps its last value. Only ids and dates are taken here;
     * `planner export` reads the same file with every check. */
    json_t *root = json_loadb(text, len, 0, &jerr);
    json_t *tasks, *v;
    pln_plan_dates *p;
    char **key;
    size_t i, n;

    *out = NULL;
    if (!root) {
        pln_error_set(err, PLN_ESYNTAX, source, jerr.line, jerr.column, "%s",
                      jerr.text);
        return PLN_ESYNTAX;
    }
    tasks = json_object_get(root, "tasks");
    if (!json_is_array(tasks)) {
        json_decref(root);
        pln_error_set(err, PLN_ESYNTAX, source, 1, 1,
                      "not a plan: no task list");
        return PLN_ESYNTAX;
    }
    n = json_array_size(tasks);
    p = calloc(1, sizeof(*p));
    key = calloc(n + 1, sizeof(*key));
    if (p) {
        p->ids = calloc(n + 1, sizeof(*p->ids));
        p->start = calloc(n + 1, sizeof(*p->start));
        p->finish = calloc(n + 1, sizeof(*p->finish));
    }
    if (!p || !key || !p->ids || !p->start || !p->finish) {
        free(key);
        pln_plan_dates_free(p);
        json_decref(root);
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    /* Sort "id\0" strings that carry their dates after the NUL. */
    json_array_foreach(tasks, i, v) {
        const char *id = get_string(v, "id");
        const char *a = get_string(v, "start"), *b = get_string(v, "finish");
        pln_date da, db;
        char *k;
        if (!id || !a || !b || pln_date_parse(a, &da) != PLN_OK ||
            pln_date_parse(b, &db) != PLN_OK)
            continue;
        k = malloc(strlen(id) + 1 + 2 * sizeof(pln_date));
        if (!k)
            continue;
        strcpy(k, id);
        memcpy(k + strlen(id) + 1, &da, sizeof(da));
        memcpy(k + strlen(id) + 1 + sizeof(da), &db, sizeof(db));
        key[p->n++] = k;
    }
    qsort(key, p->n, sizeof(*key), cmp_id);
    for (i = 0; i < p->n; i++) {
        size_t l = strlen(key[i]) + 1;
        p->ids[i] = key[i];
        memcpy(&p->start[i], key[i] + l, sizeof(pln_date));
        memcpy(&p->finish[i], key[i] + l + sizeof(pln_date), sizeof(pln_date));
    }
    free(key);
    json_decref(root);
    *out = p;
    return PLN_OK;
}

bool pln_plan_dates_find(const pln_plan_dates *p, const char *id,
                         pln_date *start, pln_date *finish)
{
    char **hit;
    size_t k;

    if (!p || !p->n)
        return false;
    hit = bsearch(&id, p->ids, p->n, sizeof(*p->ids), cmp_id);
    if (!hit)
        return false;
    k = (size_t)(hit - p->ids);
    *start = p->start[k];
    *finish = p->finish[k];
    return true;
}
