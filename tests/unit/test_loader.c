/*
 * test_loader.c -- unit tests of the model loader: a full model read from
 * YAML (and the same model as JSON), template expansion into "site/task"
 * tasks with per-site overrides and extra tasks, the dependency forms and
 * both dependency indexes, calendars, crews, people, tags, deadlines, error
 * reporting (every problem listed, cycles named in order) and the
 * out-of-memory paths.
 */
/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <string.h>

#include "pln_alloc.h"
#include "pln_model.h"

/* ------------------------------------------------------------ the models */

/*
 * Exercises most of the format. Line numbers matter: some tests check
 * where elements were found.
 */
static const char FULL_YAML[] =
    "program:\n"
    "  id: prog\n"
    "  name: Test program\n"
    "  start: 2026-11-23\n"
    "  now: 2026-11-22T08:00:00Z\n"
    "  timezone: Asia/Shanghai\n"
    "  calendar: standard\n"
    "  objective: makespan\n"
    "calendars:\n"
    "  - id: base\n"
    "    name: Base calendar\n"
    "    weekdays: [mon, tue, wed, thu, fri, sat]\n"
    "    holidays: none\n"
    "  - id: standard\n"
    "    extends: base\n"
    "    weekdays: [mon, tue, wed, thu, fri]\n"
    "    holidays: cn\n"
    "    years:\n"
    "      - year: 2027\n"
    "        provisional: true\n"
    "        days_off:\n"
    "          - {from: 2027-10-01, to: 2027-10-07, name: National Day}\n"
    "        working_days:\n"
    "          - 2027-09-26\n"
    "    work_through:\n"
    "      - {holiday: Spring Festival, year: 2027}\n"
    "      - {from: 2027-05-01, to: 2027-05-03}\n"
    "  - id: concrete\n"
    "    extends: standard\n"
    "    days_off:\n"
    "      - {from: 2027-01-10, to: 2027-02-20, name: winter stop}\n"
    "      - 2027-03-01\n"
    "      - 2027-03-05..2027-03-06\n"
    "    working_days:\n"
    "      - {date: 2027-02-21, reason: catch-up}\n"
    "crews:\n"
    "  - {id: civil, name: Civil crew, count: 2}\n"
    "  - {id: elec, count: 1, calendar: base}\n"
    "people:\n"
    "  - {id: wang, name: Wang Wei, role: manager,\n"
    "     email: wang@example.com}\n"
    "  - {id: li, name: Li Na}\n"
    "templates:\n"
    "  - id: venue\n"
    "    name: Venue\n"
    "    tasks:\n"
    "      - {id: design, name: Design, duration: 10}\n"
    "      - {id: tender, duration: 15, after: [design]}\n"
    "      - {id: found, duration: 10, after: [\"tender SS+2\"],\n"
    "         calendar: concrete, crews: {civil: 1}}\n"
    "      - {id: struct, duration: 20, after: [\"found FF-1\"],\n"
    "         crews: {civil: 2, elec: 1}}\n"
    "      - {id: fit, duration: 10, after: [\"struct -3\"]}\n"
    "      - id: acceptance\n"
    "        duration: 0\n"
    "        after: [{task: fit, type: SF, lag: 4}, {task: struct}]\n"
    "  - id: small\n"
    "    calendar: base\n"
    "    tasks:\n"
    "      - {id: prep, duration: 3}\n"
    "      - {id: works, duration: 5, after: [prep]}\n"
    "sites:\n"
    "  - id: s1\n"
    "    name: Site one\n"
    "    template: venue\n"
    "    weight: 2.5\n"
    "    tags: [pilot, north]\n"
    "    responsible: [wang, li]\n"
    "    durations: {design: 12, acceptance: 1}\n"
    "  - id: s2\n"
    "    template: venue\n"
    "    tags: [north]\n"
    "    tasks:\n"
    "      - {id: survey, duration: 2, before: [design]}\n"
    "      - {id: handover, duration: 1,\n"
    "         after: [acceptance, \"s1/acceptance FS+1\"]}\n"
    "    deadlines:\n"
    "      - {id: local, task: found, start_within: 2027-03-01..2027-03-31}\n"
    "  - id: s3\n"
    "    template: small\n"
    "    tasks:\n"
    "      - {id: only, duration: 4}\n"
    "deadlines:\n"
    "  - {id: pilot-done, name: Pilot done, tag: pilot, finish_by: 2027-05,\n"
    "     hard: true}\n"
    "  - {id: ground, task: found, sites: [s1, s2], start_within: 2027-03}\n"
    "  - {id: release, start_not_before: 2027-01-04}\n"
    "  - {id: design-by, task: design, sites: [s2], finish_by: 2027-01-15}\n";

/* The same model as JSON. */
static const char FULL_JSON[] =
    "{\n"
    " \"program\": {\"id\": \"prog\", \"name\": \"Test program\",\n"
    "  \"start\": \"2026-11-23\", \"now\": \"2026-11-22T08:00:00Z\",\n"
    "  \"timezone\": \"Asia/Shanghai\", \"calendar\": \"standard\",\n"
    "  \"objective\": \"makespan\"},\n"
    " \"calendars\": [\n"
    "  {\"id\": \"base\", \"name\": \"Base calendar\",\n"
    "   \"weekdays\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\",\n"
    "   \"sat\"], \"holidays\": \"none\"},\n"
    "  {\"id\": \"standard\", \"extends\": \"base\",\n"
    "   \"weekdays\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"],\n"
    "   \"holidays\": \"cn\", \"years\": [{\"year\": 2027,\n"
    "   \"provisional\": true, \"days_off\": [{\"from\": \"2027-10-01\",\n"
    "   \"to\": \"2027-10-07\", \"name\": \"National Day\"}],\n"
    "   \"working_days\": [\"2027-09-26\"]}],\n"
    "   \"work_through\": [{\"holiday\": \"Spring Festival\",\n"
    "   \"year\": 2027}, {\"from\": \"2027-05-01\",\n"
    "   \"to\": \"2027-05-03\"}]},\n"
    "  {\"id\": \"concrete\", \"extends\": \"standard\",\n"
    "   \"days_off\": [{\"from\": \"2027-01-10\", \"to\": \"2027-02-20\",\n"
    "   \"name\": \"winter stop\"}, \"2027-03-01\",\n"
    "   \"2027-03-05..2027-03-06\"],\n"
    "   \"working_days\": [{\"date\": \"2027-02-21\",\n"
    "   \"reason\": \"catch-up\"}]}\n"
    " ],\n"
    " \"crews\": [\n"
    "  {\"id\": \"civil\", \"name\": \"Civil crew\", \"count\": 2},\n"
    "  {\"id\": \"elec\", \"count\": 1, \"calendar\": \"base\"}\n"
    " ],\n"
    " \"people\": [\n"
    "  {\"id\": \"wang\", \"name\": \"Wang Wei\", \"role\": \"manager\",\n"
    "   \"email\": \"wang@example.com\"},\n"
    "  {\"id\": \"li\", \"name\": \"Li Na\"}\n"
    " ],\n"
    " \"templates\": [\n"
    "  {\"id\": \"venue\", \"name\": \"Venue\", \"tasks\": [\n"
    "   {\"id\": \"design\", \"name\": \"Design\", \"duration\": 10},\n"
    "   {\"id\": \"tender\", \"duration\": 15, \"after\": [\"design\"]},\n"
    "   {\"id\": \"found\", \"duration\": 10, \"after\": [\"tender SS+2\"],\n"
    "    \"calendar\": \"concrete\", \"crews\": {\"civil\": 1}},\n"
    "   {\"id\": \"struct\", \"duration\": 20, \"after\": [\"found FF-1\"],\n"
    "    \"crews\": {\"civil\": 2, \"elec\": 1}},\n"
    "   {\"id\": \"fit\", \"duration\": 10, \"after\": [\"struct -3\"]},\n"
    "   {\"id\": \"acceptance\", \"duration\": 0,\n"
    "    \"after\": [{\"task\": \"fit\", \"type\": \"SF\", \"lag\": 4},\n"
    "    {\"task\": \"struct\"}]}\n"
    "  ]},\n"
    "  {\"id\": \"small\", \"calendar\": \"base\", \"tasks\": [\n"
    "   {\"id\": \"prep\", \"duration\": 3},\n"
    "   {\"id\": \"works\", \"duration\": 5, \"after\": [\"prep\"]}\n"
    "  ]}\n"
    " ],\n"
    " \"sites\": [\n"
    "  {\"id\": \"s1\", \"name\": \"Site one\", \"template\": \"venue\",\n"
    "   \"weight\": 2.5, \"tags\": [\"pilot\", \"north\"],\n"
    "   \"responsible\": [\"wang\", \"li\"],\n"
    "   \"durations\": {\"design\": 12, \"acceptance\": 1}},\n"
    "  {\"id\": \"s2\", \"template\": \"venue\", \"tags\": [\"north\"],\n"
    "   \"tasks\": [{\"id\": \"survey\", \"duration\": 2,\n"
    "   \"before\": [\"design\"]}, {\"id\": \"handover\", \"duration\": 1,\n"
    "   \"after\": [\"acceptance\", \"s1/acceptance FS+1\"]}],\n"
    "   \"deadlines\": [{\"id\": \"local\", \"task\": \"found\",\n"
    "   \"start_within\": \"2027-03-01..2027-03-31\"}]},\n"
    "  {\"id\": \"s3\", \"template\": \"small\",\n"
    "   \"tasks\": [{\"id\": \"only\", \"duration\": 4}]}\n"
    " ],\n"
    " \"deadlines\": [\n"
    "  {\"id\": \"pilot-done\", \"name\": \"Pilot done\",\n"
    "   \"tag\": \"pilot\", \"finish_by\": \"2027-05\", \"hard\": true},\n"
    "  {\"id\": \"ground\", \"task\": \"found\", \"sites\": [\"s1\",\n"
    "   \"s2\"], \"start_within\": \"2027-03\"},\n"
    "  {\"id\": \"release\", \"start_not_before\": \"2027-01-04\"},\n"
    "  {\"id\": \"design-by\", \"task\": \"design\", \"sites\": [\"s2\"],\n"
    "   \"finish_by\": \"2027-01-15\"}\n"
    " ]\n"
    "}\n";

/* The order in which the full model's tasks are expanded. */
static const char *const FULL_TASKS[] = {
    "s1/design",     "s1/tender",     "s1/found",  "s1/struct",   "s1/fit",
    "s1/acceptance", "s2/design",     "s2/tender", "s2/found",    "s2/struct",
    "s2/fit",        "s2/acceptance", "s2/survey", "s2/handover", "s3/prep",
    "s3/works",      "s3/only"};
#define N_FULL_TASKS (sizeof(FULL_TASKS) / sizeof(FULL_TASKS[0]))

struct models {
    pln_model *yaml;
    pln_model *json;
};

/* --------------------------------------------------------------- helpers */

static pln_date D(int y, int m, int d)
{
    return pln_date_from_ymd(y, m, d);
}

static void print_diags(const pln_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        print_message("  %s:%d:%d: %s\n", d->items[i].source, d->items[i].line,
                      d->items[i].column, d->items[i].message);
}

/* Loads YAML/JSON text that must be valid (no errors, no warnings). */
static pln_model *load_ok(const char *name, const char *text)
{
    pln_diags d;
    pln_model *m;
    pln_diags_init(&d);
    m = pln_model_load_buffer(name, text, strlen(text), &d);
    if (!m || d.count)
        print_diags(&d);
    assert_non_null(m);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    pln_diags_release(&d);
    return m;
}

/* Loads text that must be rejected; the diagnostics are left in *d. */
static void load_bad(const char *text, pln_diags *d)
{
    pln_model *m;
    pln_diags_init(d);
    m = pln_model_load_buffer("bad.yaml", text, strlen(text), d);
    if (m)
        pln_model_free(m);
    assert_null(m);
    assert_true(d->errors > 0);
}

/* Asserts that diagnostic i is an error at line:column saying `message`. */
static void assert_diag(const pln_diags *d, size_t i, int line, int column,
                        const char *message)
{
    assert_true(i < d->count);
    if (d->items[i].line != line || d->items[i].column != column ||
        strcmp(d->items[i].message, message) != 0) {
        print_message("diagnostic %zu differs; all of them:\n", i);
        print_diags(d);
    }
    assert_int_equal(d->items[i].severity, PLN_SEV_ERROR);
    assert_string_equal(d->items[i].source, "bad.yaml");
    assert_int_equal(d->items[i].line, line);
    assert_int_equal(d->items[i].column, column);
    assert_string_equal(d->items[i].message, message);
}

static const struct pln_task *task(const pln_model *m, const char *id)
{
    int i = pln_model_find_task(m, id);
    if (i < 0)
        print_message("no task '%s'\n", id);
    assert_true(i >= 0 && (size_t)i < m->n_tasks);
    assert_string_equal(m->tasks[i].id, id);
    return &m->tasks[i];
}

static int task_index(const pln_model *m, const char *id)
{
    return (int)(task(m, id) - m->tasks);
}

static int calendar_index(const pln_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_calendars; i++)
        if (!strcmp(m->calendars[i].id, id))
            return (int)i;
    fail_msg("no calendar '%s'", id);
    return -1;
}

/* The dependency of `succ` on `pred`; fails unless there is exactly one. */
static const struct pln_dep *dep(const pln_model *m, const char *succ,
                                 const char *pred)
{
    const struct pln_task *t = task(m, succ);
    int p = task_index(m, pred);
    const struct pln_dep *found = NULL;
    for (size_t i = t->first_pred; i < t->first_pred + t->n_preds; i++) {
        if (m->deps[i].pred == p) {
            assert_null(found);
            found = &m->deps[i];
        }
    }
    if (!found)
        fail_msg("no dependency %s -> %s", pred, succ);
    return found;
}

static void assert_dep(const pln_model *m, const char *succ, const char *pred,
                       enum pln_dep_kind kind, int lag)
{
    const struct pln_dep *d = dep(m, succ, pred);
    assert_int_equal(d->succ, task_index(m, succ));
    assert_int_equal(d->kind, kind);
    assert_int_equal(d->lag, lag);
}

/* Both dependency indexes describe the same set of dependencies. */
static void check_dep_indexes(const pln_model *m)
{
    size_t acc = 0, total_succs = 0;
    int *seen = test_calloc(m->n_deps + 1, sizeof(int));

    for (size_t t = 0; t < m->n_tasks; t++) {
        const struct pln_task *k = &m->tasks[t];
        /* deps is grouped by successor, in task order, without gaps. */
        assert_int_equal(k->first_pred, acc);
        for (size_t i = k->first_pred; i < k->first_pred + k->n_preds; i++) {
            assert_int_equal(m->deps[i].succ, (int)t);
            assert_true(m->deps[i].pred >= 0 &&
                        (size_t)m->deps[i].pred < m->n_tasks);
            assert_int_not_equal(m->deps[i].pred, (int)t);
        }
        acc += k->n_preds;
        /* succ_deps lists, per predecessor, the deps it starts. */
        for (size_t i = k->first_succ; i < k->first_succ + k->n_succs; i++) {
            int e = m->succ_deps[i];
            assert_true(e >= 0 && (size_t)e < m->n_deps);
            assert_int_equal(m->deps[e].pred, (int)t);
            seen[e]++;
        }
        total_succs += k->n_succs;
    }
    assert_int_equal(acc, m->n_deps);
    assert_int_equal(total_succs, m->n_deps);
    for (size_t e = 0; e < m->n_deps; e++)
        assert_int_equal(seen[e], 1);
    test_free(seen);
}

static void assert_str_or_null_equal(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void assert_ranges_equal(const struct pln_day_range *a, size_t na,
                                const struct pln_day_range *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].from, b[i].from);
        assert_int_equal(a[i].to, b[i].to);
        assert_str_or_null_equal(a[i].name, b[i].name);
    }
}

/* Everything but source and locations. */
static void assert_models_equal(const pln_model *a, const pln_model *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->timezone, b->timezone);
    assert_int_equal(a->start, b->start);
    assert_int_equal(a->now, b->now);
    assert_int_equal(a->objective, b->objective);
    assert_int_equal(a->default_calendar, b->default_calendar);

    assert_int_equal(a->n_calendars, b->n_calendars);
    for (size_t i = 0; i < a->n_calendars; i++) {
        const struct pln_calendar_def *x = &a->calendars[i];
        const struct pln_calendar_def *y = &b->calendars[i];
        assert_string_equal(x->id, y->id);
        assert_str_or_null_equal(x->name, y->name);
        assert_int_equal(x->parent, y->parent);
        assert_int_equal(x->weekdays, y->weekdays);
        assert_int_equal(x->holidays, y->holidays);
        assert_int_equal(x->n_years, y->n_years);
        for (size_t k = 0; k < x->n_years; k++) {
            assert_int_equal(x->years[k].year, y->years[k].year);
            assert_int_equal(x->years[k].provisional, y->years[k].provisional);
            assert_ranges_equal(x->years[k].days_off, x->years[k].n_days_off,
                                y->years[k].days_off, y->years[k].n_days_off);
            assert_ranges_equal(
                x->years[k].working_days, x->years[k].n_working_days,
                y->years[k].working_days, y->years[k].n_working_days);
        }
        assert_ranges_equal(x->days_off, x->n_days_off, y->days_off,
                            y->n_days_off);
        assert_ranges_equal(x->working_days, x->n_working_days, y->working_days,
                            y->n_working_days);
        assert_int_equal(x->n_work_through, y->n_work_through);
        for (size_t k = 0; k < x->n_work_through; k++) {
            assert_str_or_null_equal(x->work_through[k].holiday,
                                     y->work_through[k].holiday);
            assert_int_equal(x->work_through[k].year, y->work_through[k].year);
            assert_int_equal(x->work_through[k].from, y->work_through[k].from);
            assert_int_equal(x->work_through[k].to, y->work_through[k].to);
        }
    }

    assert_int_equal(a->n_crews, b->n_crews);
    for (size_t i = 0; i < a->n_crews; i++) {
        assert_string_equal(a->crews[i].id, b->crews[i].id);
        assert_string_equal(a->crews[i].name, b->crews[i].name);
        assert_int_equal(a->crews[i].count, b->crews[i].count);
        assert_int_equal(a->crews[i].calendar, b->crews[i].calendar);
    }
    assert_int_equal(a->n_people, b->n_people);
    for (size_t i = 0; i < a->n_people; i++) {
        assert_string_equal(a->people[i].id, b->people[i].id);
        assert_string_equal(a->people[i].name, b->people[i].name);
        assert_str_or_null_equal(a->people[i].role, b->people[i].role);
        assert_str_or_null_equal(a->people[i].email, b->people[i].email);
    }
    assert_int_equal(a->n_templates, b->n_templates);
    for (size_t i = 0; i < a->n_templates; i++) {
        assert_string_equal(a->templates[i].id, b->templates[i].id);
        assert_string_equal(a->templates[i].name, b->templates[i].name);
        assert_int_equal(a->templates[i].first_task,
                         b->templates[i].first_task);
        assert_int_equal(a->templates[i].n_tasks, b->templates[i].n_tasks);
    }
    assert_int_equal(a->n_tmpl_tasks, b->n_tmpl_tasks);
    for (size_t i = 0; i < a->n_tmpl_tasks; i++) {
        assert_string_equal(a->tmpl_tasks[i].id, b->tmpl_tasks[i].id);
        assert_string_equal(a->tmpl_tasks[i].name, b->tmpl_tasks[i].name);
        assert_int_equal(a->tmpl_tasks[i].duration, b->tmpl_tasks[i].duration);
        assert_int_equal(a->tmpl_tasks[i].calendar, b->tmpl_tasks[i].calendar);
        assert_int_equal(a->tmpl_tasks[i].n_demands,
                         b->tmpl_tasks[i].n_demands);
    }

    assert_int_equal(a->n_sites, b->n_sites);
    for (size_t i = 0; i < a->n_sites; i++) {
        const struct pln_site *x = &a->sites[i], *y = &b->sites[i];
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->template, y->template);
        assert_true(x->weight == y->weight);
        assert_int_equal(x->n_tags, y->n_tags);
        for (size_t k = 0; k < x->n_tags; k++)
            assert_string_equal(x->tags[k], y->tags[k]);
        assert_int_equal(x->n_people, y->n_people);
        for (size_t k = 0; k < x->n_people; k++)
            assert_int_equal(x->people[k], y->people[k]);
        assert_int_equal(x->first_task, y->first_task);
        assert_int_equal(x->n_tasks, y->n_tasks);
    }

    assert_int_equal(a->n_tasks, b->n_tasks);
    for (size_t i = 0; i < a->n_tasks; i++) {
        const struct pln_task *x = &a->tasks[i], *y = &b->tasks[i];
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->local_id, y->local_id);
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->site, y->site);
        assert_int_equal(x->tmpl_task, y->tmpl_task);
        assert_int_equal(x->duration, y->duration);
        assert_int_equal(x->calendar, y->calendar);
        assert_int_equal(x->n_demands, y->n_demands);
        for (size_t k = 0; k < x->n_demands; k++) {
            assert_int_equal(x->demands[k].crew, y->demands[k].crew);
            assert_int_equal(x->demands[k].amount, y->demands[k].amount);
        }
        assert_int_equal(x->first_pred, y->first_pred);
        assert_int_equal(x->n_preds, y->n_preds);
        assert_int_equal(x->first_succ, y->first_succ);
        assert_int_equal(x->n_succs, y->n_succs);
    }
    assert_int_equal(a->n_deps, b->n_deps);
    for (size_t i = 0; i < a->n_deps; i++) {
        assert_int_equal(a->deps[i].pred, b->deps[i].pred);
        assert_int_equal(a->deps[i].succ, b->deps[i].succ);
        assert_int_equal(a->deps[i].kind, b->deps[i].kind);
        assert_int_equal(a->deps[i].lag, b->deps[i].lag);
        assert_int_equal(a->succ_deps[i], b->succ_deps[i]);
    }

    assert_int_equal(a->n_constraints, b->n_constraints);
    for (size_t i = 0; i < a->n_constraints; i++) {
        const struct pln_constraint *x = &a->constraints[i];
        const struct pln_constraint *y = &b->constraints[i];
        assert_string_equal(x->id, y->id);
        assert_str_or_null_equal(x->name, y->name);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->site, y->site);
        assert_int_equal(x->task, y->task);
        assert_int_equal(x->from, y->from);
        assert_int_equal(x->to, y->to);
        assert_int_equal(x->month, y->month);
        assert_int_equal(x->hard, y->hard);
    }
}

/* ----------------------------------------------------------- fixtures */

static int setup_models(void **state)
{
    struct models *ms = test_calloc(1, sizeof(*ms));
    if (!ms)
        return -1;
    ms->yaml = load_ok("full.yaml", FULL_YAML);
    ms->json = load_ok("full.json", FULL_JSON);
    *state = ms;
    return 0;
}

static int teardown_models(void **state)
{
    struct models *ms = *state;
    pln_model_free(ms->yaml);
    pln_model_free(ms->json);
    test_free(ms);
    return 0;
}

static const pln_model *full(void **state)
{
    return ((struct models *)*state)->yaml;
}

/* ------------------------------------------------------- the full model */

static void test_loader_program_header(void **state)
{
    const pln_model *m = full(state);
    assert_string_equal(m->source, "full.yaml");
    assert_string_equal(m->id, "prog");
    assert_string_equal(m->name, "Test program");
    assert_string_equal(m->timezone, "Asia/Shanghai");
    assert_int_equal(m->start, D(2026, 11, 23));
    assert_int_equal(m->now, (int64_t)D(2026, 11, 22) * 86400 + 8 * 3600);
    assert_int_equal(m->objective, PLN_OBJ_MAKESPAN);
}

static void test_loader_expands_tasks_in_order(void **state)
{
    const pln_model *m = full(state);
    static const size_t first[] = {0, 6, 14}, count[] = {6, 8, 3};

    assert_int_equal(m->n_tasks, N_FULL_TASKS);
    for (size_t i = 0; i < N_FULL_TASKS; i++) {
        const char *slash = strchr(FULL_TASKS[i], '/');
        assert_string_equal(m->tasks[i].id, FULL_TASKS[i]);
        assert_string_equal(m->tasks[i].local_id, slash + 1);
        assert_int_equal(strncmp(m->sites[m->tasks[i].site].id, FULL_TASKS[i],
                                 (size_t)(slash - FULL_TASKS[i])),
                         0);
        assert_int_equal(pln_model_find_task(m, FULL_TASKS[i]), (int)i);
    }
    assert_int_equal(m->n_sites, 3);
    for (size_t s = 0; s < 3; s++) {
        assert_int_equal(m->sites[s].first_task, first[s]);
        assert_int_equal(m->sites[s].n_tasks, count[s]);
    }
    /* Templates and where each task came from. */
    assert_int_equal(m->n_templates, 2);
    assert_string_equal(m->templates[0].id, "venue");
    assert_string_equal(m->templates[0].name, "Venue");
    assert_int_equal(m->templates[0].first_task, 0);
    assert_int_equal(m->templates[0].n_tasks, 6);
    assert_string_equal(m->templates[1].name, "small");
    assert_int_equal(m->templates[1].first_task, 6);
    assert_int_equal(m->templates[1].n_tasks, 2);
    assert_int_equal(m->n_tmpl_tasks, 8);
    assert_int_equal(task(m, "s1/found")->tmpl_task, 2);
    assert_int_equal(task(m, "s2/found")->tmpl_task, 2);
    assert_int_equal(task(m, "s2/survey")->tmpl_task, -1);
    assert_int_equal(task(m, "s3/works")->tmpl_task, 7);
    assert_int_equal(task(m, "s3/only")->tmpl_task, -1);
    /* Names default to the id. */
    assert_string_equal(task(m, "s1/design")->name, "Design");
    assert_string_equal(task(m, "s1/tender")->name, "tender");
    /* Where the task was written (the template's task). */
    assert_int_equal(task(m, "s2/found")->loc.line, 49);
    assert_int_equal(task(m, "s2/found")->loc.column, 9);
}

static void test_loader_duration_overrides(void **state)
{
    const pln_model *m = full(state);
    assert_int_equal(task(m, "s1/design")->duration, 12);
    assert_int_equal(task(m, "s1/acceptance")->duration, 1);
    assert_int_equal(task(m, "s1/tender")->duration, 15);
    /* Other sites and the template keep the template's durations. */
    assert_int_equal(task(m, "s2/design")->duration, 10);
    assert_int_equal(task(m, "s2/acceptance")->duration, 0);
    assert_int_equal(m->tmpl_tasks[0].duration, 10);
    assert_int_equal(m->tmpl_tasks[5].duration, 0);
    assert_int_equal(task(m, "s3/only")->duration, 4);
}

static void test_loader_dependency_kinds_and_lags(void **state)
{
    const pln_model *m = full(state);
    const struct pln_dep *d;
    static const struct {
        const char *succ, *pred;
        enum pln_dep_kind kind;
        int lag;
    } want[] = {{"tender", "design", PLN_DEP_FS, 0},
                {"found", "tender", PLN_DEP_SS, 2},
                {"struct", "found", PLN_DEP_FF, -1},
                {"fit", "struct", PLN_DEP_FS, -3},
                {"acceptance", "fit", PLN_DEP_SF, 4},
                {"acceptance", "struct", PLN_DEP_FS, 0}};
    /* Each site that uses the template gets its dependencies. */
    for (int s = 1; s <= 2; s++) {
        for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
            char succ[32], pred[32];
            snprintf(succ, sizeof(succ), "s%d/%s", s, want[i].succ);
            snprintf(pred, sizeof(pred), "s%d/%s", s, want[i].pred);
            assert_dep(m, succ, pred, want[i].kind, want[i].lag);
        }
    }
    assert_int_equal(task(m, "s1/design")->n_preds, 0);
    assert_int_equal(task(m, "s1/acceptance")->n_preds, 2);
    assert_dep(m, "s3/works", "s3/prep", PLN_DEP_FS, 0);
    assert_int_equal(task(m, "s3/only")->n_preds, 0);
    assert_int_equal(m->n_deps, 16);
    /* A dependency is located where it was written. */
    d = dep(m, "s2/found", "s2/tender");
    assert_int_equal(d->loc.line, 49);
    assert_int_equal(d->loc.column, 43);
    d = dep(m, "s1/acceptance", "s1/fit");
    assert_int_equal(d->loc.line, 56);
    assert_int_equal(d->loc.column, 24);
}

static void test_loader_site_extra_tasks(void **state)
{
    const pln_model *m = full(state);
    const struct pln_task *t = task(m, "s2/survey");
    const struct pln_dep *d;
    assert_int_equal(t->site, 1);
    assert_int_equal(t->duration, 2);
    assert_int_equal(t->n_preds, 0);
    /* 'before': the site's own task precedes the template's. */
    assert_int_equal(t->n_succs, 1);
    assert_dep(m, "s2/design", "s2/survey", PLN_DEP_FS, 0);
    d = dep(m, "s2/design", "s2/survey");
    assert_int_equal(d->loc.line, 74);
    assert_int_equal(d->loc.column, 44);
    assert_int_equal(task(m, "s1/design")->n_preds, 0);
    /* 'after' an unqualified id: the task of the same site. */
    assert_dep(m, "s2/handover", "s2/acceptance", PLN_DEP_FS, 0);
    assert_int_equal(task(m, "s2/handover")->n_preds, 2);
    assert_int_equal(task(m, "s2/handover")->n_succs, 0);
}

static void test_loader_cross_site_dependency(void **state)
{
    const pln_model *m = full(state);
    const struct pln_task *p = task(m, "s1/acceptance");
    const struct pln_dep *d = dep(m, "s2/handover", "s1/acceptance");
    bool found = false;
    assert_int_equal(d->kind, PLN_DEP_FS);
    assert_int_equal(d->lag, 1);
    assert_int_equal(d->loc.line, 76);
    assert_int_equal(d->loc.column, 30);
    /* The predecessor's index knows about it too. */
    assert_int_equal(p->n_succs, 1);
    for (size_t i = p->first_succ; i < p->first_succ + p->n_succs; i++)
        found |= &m->deps[m->succ_deps[i]] == d;
    assert_true(found);
}

static void test_loader_dep_indexes_consistent(void **state)
{
    const struct models *ms = *state;
    check_dep_indexes(ms->yaml);
    check_dep_indexes(ms->json);
}

static void test_loader_calendars(void **state)
{
    const pln_model *m = full(state);
    const struct pln_calendar_def *base, *std, *conc;
    assert_int_equal(m->n_calendars, 3);
    base = &m->calendars[calendar_index(m, "base")];
    std = &m->calendars[calendar_index(m, "standard")];
    conc = &m->calendars[calendar_index(m, "concrete")];
    assert_int_equal(base - m->calendars, 0);
    assert_int_equal(std - m->calendars, 1);
    assert_int_equal(conc - m->calendars, 2);
    /* The program's default calendar. */
    assert_int_equal(m->default_calendar, 1);

    assert_string_equal(base->name, "Base calendar");
    assert_int_equal(base->parent, -1);
    assert_int_equal(base->weekdays, 0x3f);
    assert_int_equal(base->holidays, PLN_HOLIDAYS_NONE);
    assert_int_equal(base->holidays_loc.line, 13);
    assert_int_equal(base->holidays_loc.column, 15);
    assert_int_equal(base->n_years + base->n_days_off + base->n_working_days +
                         base->n_work_through,
                     0);

    assert_int_equal(std->parent, 0);
    assert_int_equal(std->weekdays, PLN_WEEKDAYS_MON_FRI);
    assert_int_equal(std->holidays, PLN_HOLIDAYS_CN);
    assert_int_equal(std->loc.line, 14);
    assert_int_equal(std->loc.column, 5);
    assert_int_equal(std->n_years, 1);
    assert_int_equal(std->years[0].year, 2027);
    assert_true(std->years[0].provisional);
    assert_int_equal(std->years[0].n_days_off, 1);
    assert_int_equal(std->years[0].days_off[0].from, D(2027, 10, 1));
    assert_int_equal(std->years[0].days_off[0].to, D(2027, 10, 7));
    assert_string_equal(std->years[0].days_off[0].name, "National Day");
    assert_int_equal(std->years[0].n_working_days, 1);
    assert_int_equal(std->years[0].working_days[0].from, D(2027, 9, 26));
    assert_int_equal(std->years[0].working_days[0].to, D(2027, 9, 26));
    assert_null(std->years[0].working_days[0].name);
    /* work_through: a named holiday of a year, or a plain range. */
    assert_int_equal(std->n_work_through, 2);
    assert_string_equal(std->work_through[0].holiday, "Spring Festival");
    assert_int_equal(std->work_through[0].year, 2027);
    assert_int_equal(std->work_through[0].from, PLN_DATE_NONE);
    assert_int_equal(std->work_through[0].to, PLN_DATE_NONE);
    assert_null(std->work_through[1].holiday);
    assert_int_equal(std->work_through[1].from, D(2027, 5, 1));
    assert_int_equal(std->work_through[1].to, D(2027, 5, 3));

    /* extends: weekdays and holidays are inherited. */
    assert_int_equal(conc->parent, 1);
    assert_int_equal(conc->weekdays, -1);
    assert_int_equal(conc->holidays, PLN_HOLIDAYS_INHERIT);
    assert_int_equal(conc->holidays_loc.line, conc->loc.line);
    assert_int_equal(conc->holidays_loc.column, conc->loc.column);
    assert_int_equal(conc->n_days_off, 3);
    assert_int_equal(conc->days_off[0].from, D(2027, 1, 10));
    assert_int_equal(conc->days_off[0].to, D(2027, 2, 20));
    assert_string_equal(conc->days_off[0].name, "winter stop");
    assert_int_equal(conc->days_off[1].from, D(2027, 3, 1));
    assert_int_equal(conc->days_off[1].to, D(2027, 3, 1));
    assert_null(conc->days_off[1].name);
    assert_int_equal(conc->days_off[2].from, D(2027, 3, 5));
    assert_int_equal(conc->days_off[2].to, D(2027, 3, 6));
    assert_int_equal(conc->n_working_days, 1);
    assert_int_equal(conc->working_days[0].from, D(2027, 2, 21));
    assert_string_equal(conc->working_days[0].name, "catch-up");
}

static void test_loader_task_calendars(void **state)
{
    const pln_model *m = full(state);
    /* program.calendar is the default of template tasks... */
    assert_int_equal(task(m, "s1/design")->calendar, 1);
    /* ...unless the task names one... */
    assert_int_equal(task(m, "s1/found")->calendar, 2);
    assert_int_equal(task(m, "s2/found")->calendar, 2);
    /* ...or its template does. */
    assert_int_equal(task(m, "s3/prep")->calendar, 0);
    assert_int_equal(task(m, "s3/works")->calendar, 0);
    /* A site's own tasks take the program's default. */
    assert_int_equal(task(m, "s3/only")->calendar, 1);
    assert_int_equal(task(m, "s2/survey")->calendar, 1);
}

static void test_loader_crews_and_demands(void **state)
{
    const pln_model *m = full(state);
    const struct pln_task *t;
    assert_int_equal(m->n_crews, 2);
    assert_string_equal(m->crews[0].id, "civil");
    assert_string_equal(m->crews[0].name, "Civil crew");
    assert_int_equal(m->crews[0].count, 2);
    assert_int_equal(m->crews[0].calendar, 1); /* program default */
    assert_string_equal(m->crews[1].id, "elec");
    assert_string_equal(m->crews[1].name, "elec");
    assert_int_equal(m->crews[1].count, 1);
    assert_int_equal(m->crews[1].calendar, 0);

    assert_int_equal(task(m, "s1/design")->n_demands, 0);
    t = task(m, "s2/found");
    assert_int_equal(t->n_demands, 1);
    assert_int_equal(t->demands[0].crew, 0);
    assert_int_equal(t->demands[0].amount, 1);
    t = task(m, "s1/struct");
    assert_int_equal(t->n_demands, 2);
    assert_int_equal(t->demands[0].crew, 0);
    assert_int_equal(t->demands[0].amount, 2);
    assert_int_equal(t->demands[1].crew, 1);
    assert_int_equal(t->demands[1].amount, 1);
}

static void test_loader_people_and_responsible(void **state)
{
    const pln_model *m = full(state);
    assert_int_equal(m->n_people, 2);
    assert_string_equal(m->people[0].id, "wang");
    assert_string_equal(m->people[0].name, "Wang Wei");
    assert_string_equal(m->people[0].role, "manager");
    assert_string_equal(m->people[0].email, "wang@example.com");
    assert_string_equal(m->people[1].name, "Li Na");
    assert_null(m->people[1].role);
    assert_null(m->people[1].email);
    assert_int_equal(m->sites[0].n_people, 2);
    assert_int_equal(m->sites[0].people[0], 0);
    assert_int_equal(m->sites[0].people[1], 1);
    assert_int_equal(m->sites[1].n_people, 0);
}

static void test_loader_sites_tags_and_weight(void **state)
{
    const pln_model *m = full(state);
    const struct pln_site *s1 = &m->sites[0], *s2 = &m->sites[1],
                          *s3 = &m->sites[2];
    assert_string_equal(s1->id, "s1");
    assert_string_equal(s1->name, "Site one");
    assert_string_equal(s2->name, "s2");
    assert_int_equal(s1->template, 0);
    assert_int_equal(s2->template, 0);
    assert_int_equal(s3->template, 1);
    assert_true(s1->weight == 2.5);
    assert_true(s2->weight == 1.0);
    assert_int_equal(s1->n_tags, 2);
    assert_string_equal(s1->tags[0], "pilot");
    assert_string_equal(s1->tags[1], "north");
    assert_int_equal(s2->n_tags, 1);
    assert_string_equal(s2->tags[0], "north");
    assert_int_equal(s3->n_tags, 0);
    assert_int_equal(s1->loc.line, 63);
    assert_int_equal(s1->loc.column, 5);
}

static void assert_constraint(const struct pln_constraint *c, const char *id,
                              enum pln_constraint_kind kind, int site,
                              int task_idx, pln_date from, pln_date to,
                              bool month, bool hard)
{
    assert_string_equal(c->id, id);
    assert_int_equal(c->kind, kind);
    assert_int_equal(c->site, site);
    assert_int_equal(c->task, task_idx);
    assert_int_equal(c->from, from);
    assert_int_equal(c->to, to);
    assert_int_equal(c->month, month);
    assert_int_equal(c->hard, hard);
}

static void test_loader_deadlines(void **state)
{
    const pln_model *m = full(state);
    const struct pln_constraint *c = m->constraints;
    const pln_date none = PLN_DATE_NONE;
    int s1_found = task_index(m, "s1/found"),
        s2_found = task_index(m, "s2/found");

    assert_int_equal(m->n_constraints, 8);
    /* Top level by tag, a month, hard. */
    assert_constraint(&c[0], "pilot-done", PLN_CONS_FINISH_BY, 0, -1, none,
                      D(2027, 5, 31), true, true);
    assert_string_equal(c[0].name, "Pilot done");
    assert_int_equal(c[0].loc.line, 84);
    assert_int_equal(c[0].loc.column, 5);
    /* Top level on a list of sites and one task, start within a month. */
    assert_constraint(&c[1], "ground", PLN_CONS_START_WITHIN, 0, s1_found,
                      D(2027, 3, 1), D(2027, 3, 31), true, false);
    assert_null(c[1].name);
    assert_constraint(&c[2], "ground", PLN_CONS_START_WITHIN, 1, s2_found,
                      D(2027, 3, 1), D(2027, 3, 31), true, false);
    /* Top level without sites or tag: every site. */
    for (int s = 0; s < 3; s++)
        assert_constraint(&c[3 + s], "release", PLN_CONS_START_NOT_BEFORE, s,
                          -1, D(2027, 1, 4), none, false, false);
    /* A plain date. */
    assert_constraint(&c[6], "design-by", PLN_CONS_FINISH_BY, 1,
                      task_index(m, "s2/design"), none, D(2027, 1, 15), false,
                      false);
    /* Per site, start within a range of days. */
    assert_constraint(&c[7], "local", PLN_CONS_START_WITHIN, 1, s2_found,
                      D(2027, 3, 1), D(2027, 3, 31), false, false);
    assert_int_equal(c[7].loc.line, 78);
    assert_int_equal(c[7].loc.column, 9);
}

static void test_loader_find_task_and_site(void **state)
{
    const pln_model *m = full(state);
    assert_int_equal(pln_model_find_task(m, "s1/design"), 0);
    assert_int_equal(pln_model_find_task(m, "s2/handover"), 13);
    assert_int_equal(pln_model_find_task(m, "s3/only"), 16);
    assert_int_equal(pln_model_find_task(m, "design"), -1);
    assert_int_equal(pln_model_find_task(m, "s1"), -1);
    assert_int_equal(pln_model_find_task(m, "s1/"), -1);
    assert_int_equal(pln_model_find_task(m, "s3/design"), -1);
    assert_int_equal(pln_model_find_task(m, ""), -1);
    assert_int_equal(pln_model_find_site(m, "s1"), 0);
    assert_int_equal(pln_model_find_site(m, "s3"), 2);
    assert_int_equal(pln_model_find_site(m, "s4"), -1);
    assert_int_equal(pln_model_find_site(m, "s1/design"), -1);
}

static void test_loader_json_equals_yaml(void **state)
{
    const struct models *ms = *state;
    assert_string_equal(ms->json->source, "full.json");
    assert_models_equal(ms->yaml, ms->json);
}

/* --------------------------------------------------------- small models */

static void test_loader_dependency_string_forms(void **state)
{
    static const char text[] =
        "program: {id: p, name: P, start: 2026-11-23}\n"
        "sites:\n"
        "  - id: s\n"
        "    tasks:\n"
        "      - {id: a, duration: 1}\n"
        "      - {id: b, duration: 1, after: [\"a SS\"]}\n"
        "      - {id: c, duration: 1, after: [\"a FF+0\", \"b  SF-2\"]}\n"
        "      - {id: d, duration: 1, after: [\"c +5\", {task: a, type: FF},\n"
        "                                     {task: b, lag: -7}]}\n"
        "      - {id: e, duration: 0, after: [s/d], before: [f]}\n"
        "      - {id: f, duration: 1}\n";
    pln_model *m = load_ok("forms.yaml", text);
    (void)state;
    assert_dep(m, "s/b", "s/a", PLN_DEP_SS, 0);
    assert_dep(m, "s/c", "s/a", PLN_DEP_FF, 0);
    assert_dep(m, "s/c", "s/b", PLN_DEP_SF, -2);
    assert_dep(m, "s/d", "s/c", PLN_DEP_FS, 5);
    assert_dep(m, "s/d", "s/a", PLN_DEP_FF, 0);
    assert_dep(m, "s/d", "s/b", PLN_DEP_FS, -7);
    assert_dep(m, "s/e", "s/d", PLN_DEP_FS, 0);
    assert_dep(m, "s/f", "s/e", PLN_DEP_FS, 0);
    assert_int_equal(m->n_deps, 8);
    assert_int_equal(task(m, "s/e")->duration, 0);
    check_dep_indexes(m);
    pln_model_free(m);
}

static void test_loader_implicit_calendar(void **state)
{
    static const char text[] =
        "program: {id: p, name: P, start: 2026-11-23, calendar: default}\n"
        "crews: [{id: c}]\n"
        "sites: [{id: s, tasks: [{id: a, duration: 3, crews: {c: 1}}]}]\n";
    pln_model *m = load_ok("implicit.yaml", text);
    (void)state;
    assert_int_equal(m->n_calendars, 1);
    assert_string_equal(m->calendars[0].id, "default");
    assert_int_equal(m->calendars[0].parent, -1);
    assert_int_equal(m->calendars[0].weekdays, PLN_WEEKDAYS_MON_FRI);
    assert_int_equal(m->calendars[0].holidays, PLN_HOLIDAYS_CN);
    assert_int_equal(m->default_calendar, 0);
    assert_int_equal(m->tasks[0].calendar, 0);
    assert_int_equal(m->crews[0].calendar, 0);
    assert_int_equal(m->crews[0].count, 1);
    /* Defaults of the program header. */
    assert_string_equal(m->timezone, "Asia/Shanghai");
    assert_int_equal(m->now, -1);
    assert_int_equal(m->objective, PLN_OBJ_WEIGHTED_LATENESS);
    assert_int_equal(m->n_constraints, 0);
    pln_model_free(m);
}

static void test_loader_default_calendar_is_first(void **state)
{
    static const char text[] =
        "program: {id: p, name: P, start: 2026-11-23}\n"
        "calendars:\n"
        "  - {id: six, weekdays: [mon, tue, wed, thu, fri, sat]}\n"
        "  - {id: seven, extends: six, weekdays: [sun, sat, fri, thu, wed,\n"
        "                                         tue, mon]}\n"
        "sites: [{id: s, tasks: [{id: a, duration: 3}]}]\n";
    pln_model *m = load_ok("first.yaml", text);
    (void)state;
    assert_int_equal(m->n_calendars, 2);
    assert_int_equal(m->default_calendar, 0);
    assert_int_equal(m->tasks[0].calendar, 0);
    assert_int_equal(m->calendars[0].weekdays, 0x3f);
    assert_int_equal(m->calendars[0].holidays, PLN_HOLIDAYS_INHERIT);
    assert_int_equal(m->calendars[1].weekdays, 0x7f);
    assert_int_equal(m->calendars[1].parent, 0);
    pln_model_free(m);
}

/* ---------------------------------------------------------------- errors */

static void test_loader_reports_every_error(void **state)
{
    static const char text[] = "program: {id: p, name: P, start: 2026-02-30}\n"
                               "calendars:\n"
                               "  - {id: c, weekdays: [mon, funday]}\n"
                               "crews:\n"
                               "  - {id: civil, count: 0}\n"
                               "templates:\n"
                               "  - id: t\n"
                               "    tasks:\n"
                               "      - {id: a, duration: -1}\n"
                               "      - {id: b, duration: 1, after: [zz]}\n"
                               "sites:\n"
                               "  - {id: s, template: t, colour: red}\n"
                               "  - {id: s, template: t}\n";
    pln_diags d;
    (void)state;
    load_bad(text, &d);
    if (d.errors != 7)
        print_diags(&d);
    assert_int_equal(d.errors, 7);
    assert_int_equal(d.count, 7);
    assert_false(d.truncated);
    /* In the order found, which is the order of the file here. */
    assert_diag(&d, 0, 1, 34, "impossible date '2026-02-30' in program start");
    assert_diag(&d, 1, 3, 29,
                "unknown weekday 'funday' (use mon, tue, wed, thu, fri, sat, "
                "sun)");
    assert_diag(&d, 2, 5, 24, "crew count 0 is out of range (1 to 100000)");
    assert_diag(&d, 3, 9, 27, "duration -1 is out of range (0 to 10000)");
    assert_diag(&d, 4, 10, 38, "unknown task 'zz' in template 't'");
    assert_diag(&d, 5, 12, 26, "unknown key 'colour' in site");
    assert_diag(&d, 6, 13, 10,
                "duplicate site id 's' (first defined at line 12)");
    for (size_t i = 0; i < d.count; i++)
        assert_int_equal(d.items[i].code, PLN_EINVAL);
    pln_diags_release(&d);
}

static void test_loader_cycle_names_tasks_in_order(void **state)
{
    /* a/x <- c/x <- b/x <- a/x, across three sites. */
    static const char network[] =
        "program: {id: p, name: P, start: 2026-11-23}\n"
        "sites:\n"
        "  - {id: a, tasks: [{id: x, duration: 1, after: [c/x]}]}\n"
        "  - {id: b, tasks: [{id: x, duration: 1, after: [a/x]}]}\n"
        "  - {id: c, tasks: [{id: y, duration: 1},\n"
        "                    {id: x, duration: 1, after: [y, b/x]}]}\n";
    /* In a template: reported once, not once per site. */
    static const char tmpl[] =
        "program: {id: p, name: P, start: 2026-11-23}\n"
        "templates:\n"
        "  - id: t\n"
        "    tasks:\n"
        "      - {id: one, duration: 1, after: [four]}\n"
        "      - {id: two, duration: 1, after: [one]}\n"
        "      - {id: three, duration: 1, after: [two]}\n"
        "      - {id: four, duration: 1, after: [three]}\n"
        "      - {id: five, duration: 1, after: [four]}\n"
        "sites: [{id: s1, template: t}, {id: s2, template: t}]\n";
    pln_diags d;
    (void)state;

    load_bad(network, &d);
    assert_int_equal(d.errors, 1);
    /* Reported at the dependency that closes the cycle. */
    assert_diag(&d, 0, 3, 50, "dependency cycle: a/x -> b/x -> c/x -> a/x");
    assert_int_equal(d.items[0].code, PLN_EINVAL);
    pln_diags_release(&d);

    load_bad(tmpl, &d);
    assert_int_equal(d.errors, 1);
    assert_diag(&d, 0, 5, 40,
                "dependency cycle in template 't': one -> two -> three -> "
                "four -> one");
    pln_diags_release(&d);
}

static void test_loader_null_source_name(void **state)
{
    static const char text[] = "program: [1]\n";
    pln_diags d;
    pln_model *m;
    (void)state;
    pln_diags_init(&d);
    m = pln_model_load_buffer(NULL, text, strlen(text), &d);
    assert_null(m);
    assert_true(d.errors >= 1);
    assert_string_equal(d.items[0].source, "<model>");
    pln_diags_release(&d);
}

/* --------------------------------------------------------- out of memory */

/*
 * Makes the n-th allocation and all later ones fail, for n = 0, 1, 2, ...
 * until the load succeeds: every failing load must return NULL, report
 * "out of memory" and free everything (the sanitizer build checks for
 * leaks). The successful load must be the first one whose allocations all
 * succeeded: a load that succeeds although one failed has swallowed it.
 */
static void check_out_of_memory(const char *name, const char *text)
{
    pln_diags d;
    pln_model *m;
    long baseline, n;

    pln_diags_init(&d);
    pln_alloc_fail_after(-1);
    m = pln_model_load_buffer(name, text, strlen(text), &d);
    baseline = pln_alloc_fail_after(-1);
    assert_non_null(m);
    pln_model_free(m);
    pln_diags_release(&d);
    assert_true(baseline > 0);

    for (n = 0;; n++) {
        long attempts;
        bool oom = false;
        pln_diags_init(&d);
        /* Room for the report, so that it is not lost to the failure. */
        assert_int_equal(
            pln__grow((void **)&d.items, &d.cap, 16, sizeof(*d.items)), 0);
        pln_alloc_fail_after(n);
        m = pln_model_load_buffer(name, text, strlen(text), &d);
        attempts = pln_alloc_fail_after(-1);
        if (m) {
            assert_int_equal(n, baseline);
            assert_int_equal(attempts, baseline);
            assert_int_equal(d.count, 0);
            pln_model_free(m);
            pln_diags_release(&d);
            break;
        }
        for (size_t i = 0; i < d.count; i++)
            if (d.items[i].code == PLN_ENOMEM &&
                !strcmp(d.items[i].message, "out of memory"))
                oom = true;
        if (!oom) {
            print_message("allocation %ld failed, but no 'out of memory':\n",
                          n);
            print_diags(&d);
        }
        assert_true(oom);
        assert_true(d.errors >= 1);
        pln_diags_release(&d);
        assert_true(n < baseline);
    }
}

static void test_loader_out_of_memory(void **state)
{
    static const char small[] =
        "program: {id: p, name: P, start: 2026-11-23}\n"
        "sites: [{id: s, tasks: [{id: a, duration: 1},\n"
        "                        {id: b, duration: 1, after: [a]}]}]\n";
    (void)state;
    check_out_of_memory("full.yaml", FULL_YAML);
    check_out_of_memory("full.json", FULL_JSON);
    check_out_of_memory("small.yaml", small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loader_program_header),
        cmocka_unit_test(test_loader_expands_tasks_in_order),
        cmocka_unit_test(test_loader_duration_overrides),
        cmocka_unit_test(test_loader_dependency_kinds_and_lags),
        cmocka_unit_test(test_loader_site_extra_tasks),
        cmocka_unit_test(test_loader_cross_site_dependency),
        cmocka_unit_test(test_loader_dep_indexes_consistent),
        cmocka_unit_test(test_loader_calendars),
        cmocka_unit_test(test_loader_task_calendars),
        cmocka_unit_test(test_loader_crews_and_demands),
        cmocka_unit_test(test_loader_people_and_responsible),
        cmocka_unit_test(test_loader_sites_tags_and_weight),
        cmocka_unit_test(test_loader_deadlines),
        cmocka_unit_test(test_loader_find_task_and_site),
        cmocka_unit_test(test_loader_json_equals_yaml),
        cmocka_unit_test(test_loader_dependency_string_forms),
        cmocka_unit_test(test_loader_implicit_calendar),
        cmocka_unit_test(test_loader_default_calendar_is_first),
        cmocka_unit_test(test_loader_reports_every_error),
        cmocka_unit_test(test_loader_cycle_names_tasks_in_order),
        cmocka_unit_test(test_loader_null_source_name),
        cmocka_unit_test(test_loader_out_of_memory),
    };
    return cmocka_run_group_tests_name("loader", tests, setup_models,
                                       teardown_models);
}
