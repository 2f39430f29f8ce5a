/*
 * test_psplib.c -- unit tests of the PSPLIB single-mode (.sm) reader: a
 * small instance read into the same model as the equivalent YAML file
 * (template, tasks, crews, demands, both dependency indexes), CRLF endings
 * and trailing blanks, the buffer and file entry points (".sm" dispatch),
 * every kind of bad input with its line and column, truncation at every
 * byte, the size limits, the out-of-memory paths, and j301_1 of the PSPLIB
 * j30 set checked against the file when the data set is installed.
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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pln_alloc.h"
#include "pln_model.h"

/* ------------------------------------------------------------ the data */

/*
 * A 4-job instance in the layout of the PSPLIB files (source 1, sink 6).
 * Line numbers matter: the error tests edit lines by number.
 */
static const char *const TINY[] = {
    /*  1 */ "************************************************************",
    /*  2 */ "file with basedata            : tiny.bas",
    /*  3 */ "initial value random generator: 1",
    /*  4 */ "************************************************************",
    /*  5 */ "projects                      :  1",
    /*  6 */ "jobs (incl. supersource/sink ):  6",
    /*  7 */ "horizon                       :  14",
    /*  8 */ "RESOURCES",
    /*  9 */ "  - renewable                 :  2   R",
    /* 10 */ "  - nonrenewable              :  0   N",
    /* 11 */ "  - doubly constrained        :  0   D",
    /* 12 */ "************************************************************",
    /* 13 */ "PROJECT INFORMATION:",
    /* 14 */ "pronr.  #jobs rel.date duedate tardcost  MPM-Time",
    /* 15 */ "    1      4      0        8        3        8",
    /* 16 */ "************************************************************",
    /* 17 */ "PRECEDENCE RELATIONS:",
    /* 18 */ "jobnr.    #modes  #successors   successors",
    /* 19 */ "   1        1          2           2   3",
    /* 20 */ "   2        1          1           4",
    /* 21 */ "   3        1          1           5",
    /* 22 */ "   4        1          1           6",
    /* 23 */ "   5        1          1           6",
    /* 24 */ "   6        1          0        ",
    /* 25 */ "************************************************************",
    /* 26 */ "REQUESTS/DURATIONS:",
    /* 27 */ "jobnr. mode duration  R 1  R 2",
    /* 28 */ "------------------------------------------------------------",
    /* 29 */ "  1      1     0       0    0",
    /* 30 */ "  2      1     3       2    0",
    /* 31 */ "  3      1     4       0    1",
    /* 32 */ "  4      1     5       1    1",
    /* 33 */ "  5      1     2       3    0",
    /* 34 */ "  6      1     0       0    0",
    /* 35 */ "************************************************************",
    /* 36 */ "RESOURCEAVAILABILITIES:",
    /* 37 */ "  R 1  R 2",
    /* 38 */ "    3    2",
    /* 39 */ "************************************************************",
};
#define TINY_LINES (sizeof(TINY) / sizeof(TINY[0]))

/* The same instance as a model file, written the way the reader models it. */
static const char TINY_YAML[] =
    "program: {id: tiny, name: tiny, timezone: UTC, start: 2000-01-03,\n"
    "          now: 2000-01-03T00:00:00Z, calendar: all, objective: makespan}\n"
    "calendars:\n"
    "  - {id: all, weekdays: [mon, tue, wed, thu, fri, sat, sun],\n"
    "     holidays: none}\n"
    "crews:\n"
    "  - {id: R1, name: R 1, count: 3, calendar: all}\n"
    "  - {id: R2, name: R 2, count: 2, calendar: all}\n"
    "templates:\n"
    "  - id: psplib\n"
    "    tasks:\n"
    "      - {id: '1', name: job 1, duration: 0}\n"
    "      - {id: '2', name: job 2, duration: 3, crews: {R1: 2},\n"
    "         }\n"
    "      - {id: '3', name: job 3, duration: 4, crews: {R2: 1},\n"
    "         }\n"
    "      - {id: '4', name: job 4, duration: 5, crews: {R1: 1, R2: 1},\n"
    "         after: ['2']}\n"
    "      - {id: '5', name: job 5, duration: 2, crews: {R1: 3},\n"
    "         after: ['3']}\n"
    "      - {id: '6', name: job 6, duration: 0, after: ['4', '5']}\n"
    "sites:\n"
    "  - {id: p, template: psplib, weight: 1}\n";

/* j301_1 of the j30 set, when installed (not part of the repository). */
#define J301_1 "/work/shared/data/psplib/j30/j301_1.sm"

/* --------------------------------------------------------------- helpers */

static char text_buf[1 << 19];

/* One change to TINY: line `line` becomes `text` (NULL: deleted). */
struct edit {
    int line;
    const char *text;
};

/* TINY with the edits applied, lines joined by `eol`; in text_buf. */
static const char *tiny_eol(const struct edit *edits, size_t n_edits,
                            const char *eol)
{
    size_t used = 0;
    text_buf[0] = '\0';
    for (size_t i = 0; i < TINY_LINES; i++) {
        const char *line = TINY[i];
        bool keep = true;
        for (size_t k = 0; k < n_edits; k++) {
            if (edits[k].line == (int)i + 1) {
                line = edits[k].text;
                keep = line != NULL;
            }
        }
        if (!keep)
            continue;
        used += (size_t)snprintf(text_buf + used, sizeof(text_buf) - used,
                                 "%s%s", line, eol);
        assert_true(used < sizeof(text_buf));
    }
    return text_buf;
}

static const char *tiny(const struct edit *edits, size_t n_edits)
{
    return tiny_eol(edits, n_edits, "\n");
}

static char *copy_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = test_malloc(n);
    memcpy(c, s, n);
    return c;
}

static void print_diags(const pln_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        print_message("  %s:%d:%d: %s\n", d->items[i].source, d->items[i].line,
                      d->items[i].column, d->items[i].message);
}

static pln_model *load_ok(const char *name, const char *text, size_t len)
{
    pln_diags d;
    pln_model *m;
    pln_diags_init(&d);
    m = pln_model_load_psplib_buffer(name, text, len, &d);
    if (!m || d.count)
        print_diags(&d);
    assert_non_null(m);
    assert_int_equal(d.count, 0);
    pln_diags_release(&d);
    return m;
}

/* Loads text that must be rejected; the diagnostics are left in *d. */
static void load_bad_len(const char *text, size_t len, pln_diags *d)
{
    pln_model *m;
    pln_diags_init(d);
    m = pln_model_load_psplib_buffer("bad.sm", text, len, d);
    if (m)
        pln_model_free(m);
    assert_null(m);
    assert_true(d->errors > 0);
    assert_int_equal(d->errors, d->count);
}

static void load_bad(const char *text, pln_diags *d)
{
    load_bad_len(text, strlen(text), d);
}

static void assert_diag(const pln_diags *d, size_t i, int line, int column,
                        const char *message)
{
    if (i >= d->count || d->items[i].line != line ||
        d->items[i].column != column ||
        strcmp(d->items[i].message, message) != 0) {
        print_message("diagnostic %zu differs from %d:%d: %s; all of them:\n",
                      i, line, column, message);
        print_diags(d);
    }
    assert_true(i < d->count);
    assert_int_equal(d->items[i].severity, PLN_SEV_ERROR);
    assert_string_equal(d->items[i].source, "bad.sm");
    assert_int_equal(d->items[i].line, line);
    assert_int_equal(d->items[i].column, column);
    assert_string_equal(d->items[i].message, message);
}

/* The one error of TINY with `edits`: at line:column, saying `message`. */
static void expect_error(const struct edit *edits, size_t n_edits, int line,
                         int column, const char *message)
{
    pln_diags d;
    load_bad(tiny(edits, n_edits), &d);
    if (d.count != 1)
        print_diags(&d);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, line, column, message);
    pln_diags_release(&d);
}

#define EXPECT1(line_no, text, at_line, at_col, msg)                           \
    do {                                                                       \
        const struct edit e_[] = {{line_no, text}};                            \
        expect_error(e_, 1, at_line, at_col, msg);                             \
    } while (0)

/* Both dependency indexes describe the same set, as expand.c lays out. */
static void check_invariants(const pln_model *m)
{
    size_t acc = 0, total = 0;
    int *seen = test_calloc(m->n_deps + 1, sizeof(int));

    assert_int_equal(m->n_templates, 1);
    assert_int_equal(m->templates[0].first_task, 0);
    assert_int_equal(m->templates[0].n_tasks, m->n_tmpl_tasks);
    assert_int_equal(m->n_sites, 1);
    assert_int_equal(m->sites[0].template, 0);
    assert_int_equal(m->sites[0].first_task, 0);
    assert_int_equal(m->sites[0].n_tasks, m->n_tasks);
    assert_int_equal(m->n_tasks, m->n_tmpl_tasks);
    assert_non_null(m->deps);
    assert_non_null(m->succ_deps);
    assert_int_equal(pln_model_find_site(m, "p"), 0);
    for (size_t t = 0; t < m->n_tasks; t++) {
        const struct pln_task *k = &m->tasks[t];
        const struct pln_tmpl_task *tt = &m->tmpl_tasks[t];
        char id[32];
        snprintf(id, sizeof(id), "%zu", t + 1);
        assert_string_equal(tt->id, id);
        assert_string_equal(k->local_id, id);
        assert_ptr_equal(k->local_id, k->id + 2);
        assert_int_equal(pln_model_find_task(m, k->id), (int)t);
        assert_int_equal(k->tmpl_task, (int)t);
        assert_int_equal(k->site, 0);
        assert_int_equal(k->duration, tt->duration);
        assert_int_equal(k->calendar, 0);
        assert_ptr_equal(k->demands, tt->demands);
        assert_int_equal(k->n_demands, tt->n_demands);
        assert_true(k->loc.line > 0 && k->loc.column > 0);
        for (size_t i = 0; i < k->n_demands; i++) {
            assert_true(k->demands[i].crew >= 0 &&
                        (size_t)k->demands[i].crew < m->n_crews);
            assert_true(k->demands[i].amount >= 1);
            assert_true(k->demands[i].amount <=
                        m->crews[k->demands[i].crew].count);
            if (i > 0)
                assert_true(k->demands[i].crew > k->demands[i - 1].crew);
        }
        assert_int_equal(k->first_pred, acc);
        for (size_t i = k->first_pred; i < k->first_pred + k->n_preds; i++) {
            assert_int_equal(m->deps[i].succ, (int)t);
            assert_int_equal(m->deps[i].kind, PLN_DEP_FS);
            assert_int_equal(m->deps[i].lag, 0);
            assert_true(m->deps[i].loc.line > 0);
            assert_int_not_equal(m->deps[i].pred, (int)t);
        }
        acc += k->n_preds;
        for (size_t i = k->first_succ; i < k->first_succ + k->n_succs; i++) {
            int e = m->succ_deps[i];
            assert_true(e >= 0 && (size_t)e < m->n_deps);
            assert_int_equal(m->deps[e].pred, (int)t);
            seen[e]++;
        }
        assert_int_equal(k->first_succ, total);
        total += k->n_succs;
    }
    assert_int_equal(acc, m->n_deps);
    assert_int_equal(total, m->n_deps);
    for (size_t e = 0; e < m->n_deps; e++)
        assert_int_equal(seen[e], 1);
    test_free(seen);
}

/* Everything but source, format and locations. */
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
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->parent, y->parent);
        assert_int_equal(x->weekdays, y->weekdays);
        assert_int_equal(x->holidays, y->holidays);
        assert_int_equal(
            x->n_years + x->n_days_off + x->n_working_days + x->n_work_through,
            y->n_years + y->n_days_off + y->n_working_days + y->n_work_through);
    }
    assert_int_equal(a->n_crews, b->n_crews);
    for (size_t i = 0; i < a->n_crews; i++) {
        assert_string_equal(a->crews[i].id, b->crews[i].id);
        assert_string_equal(a->crews[i].name, b->crews[i].name);
        assert_int_equal(a->crews[i].count, b->crews[i].count);
        assert_int_equal(a->crews[i].calendar, b->crews[i].calendar);
    }
    assert_int_equal(a->n_people, b->n_people);
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
        assert_int_equal(x->n_people, y->n_people);
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
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    buf = test_malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* --------------------------------------------------------- a good file */

static void test_psplib_tiny_matches_yaml(void **state)
{
    pln_diags d;
    pln_model *p, *y;
    (void)state;
    p = load_ok("dir/tiny.sm", tiny(NULL, 0), strlen(tiny(NULL, 0)));
    pln_diags_init(&d);
    y = pln_model_load_buffer("tiny.yaml", TINY_YAML, strlen(TINY_YAML), &d);
    if (!y)
        print_diags(&d);
    assert_non_null(y);
    pln_diags_release(&d);

    assert_models_equal(p, y);
    assert_int_equal(p->format, PLN_FORMAT_PSPLIB);
    assert_int_equal(y->format, PLN_FORMAT_MODEL);
    assert_string_equal(p->source, "dir/tiny.sm");
    assert_int_equal(p->now, 946857600);
    assert_int_equal(p->calendars[0].weekdays, 0x7f);
    assert_int_equal(p->calendars[0].holidays, PLN_HOLIDAYS_NONE);
    check_invariants(p);
    check_invariants(y);
    /* Where things were written: a job where its precedence row starts,
     * a dependency at the successor's number, a crew at its availability. */
    for (size_t i = 0; i < p->n_tasks; i++) {
        assert_int_equal(p->tasks[i].loc.line, 19 + (int)i);
        assert_int_equal(p->tasks[i].loc.column, 4);
        assert_int_equal(p->tmpl_tasks[i].loc.line, 19 + (int)i);
    }
    assert_int_equal(p->deps[0].loc.line, 20); /* 2 -> 4 */
    assert_int_equal(p->deps[0].loc.column, 36);
    assert_int_equal(p->crews[1].loc.line, 38);
    assert_int_equal(p->crews[1].loc.column, 10);
    assert_int_equal(p->sites[0].loc.line, 17);
    pln_model_free(p);
    pln_model_free(y);
}

static void test_psplib_crlf_and_blanks(void **state)
{
    /* CRLF endings, tabs, trailing blanks, no final newline, no trailing
     * separator: the same model. */
    const struct edit e[] = {{20, "\t2\t1\t1\t4\t\t"},
                             {33, "  5      1     2       3    0   "},
                             {39, NULL}};
    pln_model *a, *b, *c;
    char *crlf;
    size_t n;
    (void)state;
    a = load_ok("a.sm", tiny(NULL, 0), strlen(tiny(NULL, 0)));
    crlf = copy_str(tiny_eol(NULL, 0, "\r\n"));
    b = load_ok("a.sm", crlf, strlen(crlf));
    tiny(e, 3);
    n = strlen(text_buf) - 1; /* without the final newline */
    c = load_ok("a.sm", text_buf, n);
    assert_models_equal(a, b);
    assert_models_equal(a, c);
    /* Same places with CRLF: columns do not count the CR. */
    assert_int_equal(b->deps[0].loc.line, a->deps[0].loc.line);
    assert_int_equal(b->deps[0].loc.column, a->deps[0].loc.column);
    assert_string_equal(a->id, "a");
    test_free(crlf);
    pln_model_free(a);
    pln_model_free(b);
    pln_model_free(c);
}

static void test_psplib_program_id(void **state)
{
    static const struct {
        const char *source, *id;
    } cases[] = {{"j30/j301_1.sm", "j301_1"},
                 {"/a.b/x.y.SM", "x.y"},
                 {"plain", "plain"},
                 {"my file (2).sm", "my_file__2_"},
                 {"-x.sm", "_x"},
                 {".sm", "psplib"},
                 {NULL, "psplib"}};
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        pln_model *m =
            load_ok(cases[i].source, tiny(NULL, 0), strlen(tiny(NULL, 0)));
        assert_string_equal(m->id, cases[i].id);
        assert_string_equal(m->name, cases[i].id);
        assert_string_equal(m->source,
                            cases[i].source ? cases[i].source : "<model>");
        pln_model_free(m);
    }
}

static void test_psplib_file_dispatch(void **state)
{
    char path[64];
    FILE *f;
    pln_diags d;
    pln_model *m;
    const char *text = tiny(NULL, 0);
    (void)state;
    /* Any case of ".sm" goes to the PSPLIB reader. */
    snprintf(path, sizeof(path), "/tmp/test_psplib_%ld.Sm", (long)getpid());
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
    pln_diags_init(&d);
    m = pln_model_load_file(path, &d);
    if (!m)
        print_diags(&d);
    assert_non_null(m);
    assert_int_equal(m->format, PLN_FORMAT_PSPLIB);
    assert_string_equal(m->source, path);
    assert_int_equal(m->n_tasks, 6);
    pln_model_free(m);
    m = pln_model_load_psplib(path, &d);
    assert_non_null(m);
    pln_model_free(m);
    assert_int_equal(unlink(path), 0);
    /* A missing file. */
    m = pln_model_load_file(path, &d);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].code, PLN_EIO);
    assert_string_equal(d.items[0].source, path);
    pln_diags_release(&d);
}

static void test_psplib_zero_resources_and_unused(void **state)
{
    /* No resources at all; and a resource no job needs may have 0. */
    const struct edit none[] = {{9, "  - renewable                 :  0   R"},
                                {27, "jobnr. mode duration"},
                                {29, "  1      1     0"},
                                {30, "  2      1     3"},
                                {31, "  3      1     4"},
                                {32, "  4      1     5"},
                                {33, "  5      1     2"},
                                {34, "  6      1     0"},
                                {37, ""},
                                {38, ""}};
    const struct edit unused[] = {{31, "  3      1     4       0    0"},
                                  {32, "  4      1     5       1    0"},
                                  {38, "    3    0"}};
    pln_model *m;
    (void)state;
    tiny(none, sizeof(none) / sizeof(none[0]));
    m = load_ok("none.sm", text_buf, strlen(text_buf));
    assert_int_equal(m->n_crews, 0);
    assert_null(m->crews);
    assert_int_equal(m->tasks[1].n_demands, 0);
    check_invariants(m);
    pln_model_free(m);
    tiny(unused, 3);
    m = load_ok("unused.sm", text_buf, strlen(text_buf));
    assert_int_equal(m->n_crews, 2);
    assert_int_equal(m->crews[1].count, 0);
    check_invariants(m);
    pln_model_free(m);
}

static void test_psplib_rows_in_any_order(void **state)
{
    /* Rows are found by their job number, dependencies kept in file order
     * within each successor. */
    const struct edit e[] = {{19, "   6        1          0"},
                             {24, "   1        1          2           3   2"},
                             {29, "  6      1     0       0    0"},
                             {34, "  1      1     0       0    0"}};
    pln_model *m;
    (void)state;
    tiny(e, 4);
    m = load_ok("order.sm", text_buf, strlen(text_buf));
    check_invariants(m);
    assert_int_equal(m->tasks[0].loc.line, 24);
    assert_int_equal(m->tasks[5].loc.line, 19);
    /* The source's dependencies are dropped (drop_source_edges()). */
    assert_int_equal(m->tasks[0].n_succs, 0);
    assert_int_equal(m->tasks[1].n_preds, 0);
    pln_model_free(m);
}

/* A chain of PSPLIB's largest size: n jobs, one resource. */
static char *chain(int n, size_t *len)
{
    size_t cap = (size_t)n * 64 + 1024, used = 0;
    char *s = test_malloc(cap);
#define PUT(...) used += (size_t)snprintf(s + used, cap - used, __VA_ARGS__)
    PUT("projects : 1\njobs (incl. supersource/sink ): %d\nhorizon : 1\n", n);
    PUT("RESOURCES\n  - renewable : 1 R\n");
    PUT("PROJECT INFORMATION:\npronr. #jobs\n 1 %d 0 0 0 0\n", n - 2);
    PUT("PRECEDENCE RELATIONS:\n");
    for (int i = 1; i < n; i++)
        PUT("%d 1 1 %d\n", i, i + 1);
    PUT("%d 1 0\nREQUESTS/DURATIONS:\n", n);
    for (int i = 1; i <= n; i++)
        PUT("%d 1 1 1\n", i);
    PUT("RESOURCEAVAILABILITIES:\n R 1\n 1\n");
#undef PUT
    assert_true(used < cap);
    *len = used;
    return s;
}

static void test_psplib_large_chain(void **state)
{
    size_t len;
    char *s = chain(100000, &len);
    pln_model *m;
    pln_diags d;
    (void)state;
    m = load_ok("chain.sm", s, len);
    assert_int_equal(m->n_tasks, 100000);
    assert_int_equal(m->n_deps, 99999);
    assert_int_equal(pln_model_find_task(m, "p/100000"), 99999);
    check_invariants(m);
    pln_model_free(m);
    test_free(s);
    /* One more job is too many. */
    s = chain(100001, &len);
    load_bad_len(s, len, &d);
    assert_diag(&d, 0, 2, 33, "jobs must be from 1 to 100000, not 100001");
    assert_int_equal(d.count, 1);
    pln_diags_release(&d);
    test_free(s);
}

/* ------------------------------------------------------------ bad files */

static void test_psplib_too_many_values(void **state)
{
    /* A row of 100,004 values: refused at the one too many, and the row
     * is not counted. */
    size_t cap = 300000, used;
    char *row = test_malloc(cap);
    struct edit e[] = {{19, row}};
    pln_diags d;
    (void)state;
    used = (size_t)snprintf(row, cap, "1 1 100001");
    for (int k = 0; k < 100001; k++)
        used += (size_t)snprintf(row + used, cap - used, " 2");
    assert_true(used < cap);
    load_bad(tiny(e, 1), &d);
    assert_int_equal(d.count, 2);
    assert_diag(&d, 0, 19, 200012, "more than 100003 values on one line");
    assert_int_equal(d.items[0].code, PLN_ETOOBIG);
    assert_diag(&d, 1, 25, 1,
                "'PRECEDENCE RELATIONS:' has 5 job rows, but line 6 declares "
                "6 jobs");
    pln_diags_release(&d);
    test_free(row);
}

static void test_psplib_empty_and_junk(void **state)
{
    static const char nul[] = "projects : 1\njobs :\0 6\n";
    static const char utf8[] = "projects : 1\n  jobs : 6 \xc3\xa9\n";
    pln_diags d;
    (void)state;
    load_bad("", &d);
    assert_diag(&d, 0, 1, 1,
                "empty file: expected a PSPLIB single-mode instance (.sm)");
    pln_diags_release(&d);
    load_bad(" \r\n\t\n\n", &d);
    assert_diag(&d, 0, 1, 1,
                "empty file: expected a PSPLIB single-mode instance (.sm)");
    pln_diags_release(&d);
    load_bad_len(NULL, 0, &d);
    assert_int_equal(d.count, 1);
    pln_diags_release(&d);
    load_bad_len(nul, sizeof(nul) - 1, &d);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, 2, 7,
                "byte 0x00 is not text: a PSPLIB instance is plain ASCII");
    assert_int_equal(d.items[0].code, PLN_ESYNTAX);
    pln_diags_release(&d);
    load_bad(utf8, &d);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 1 - 1, 2, 12,
                "byte 0xc3 is not text: a PSPLIB instance is plain ASCII");
    pln_diags_release(&d);
    /* A model file given a .sm name is not an instance. */
    load_bad(TINY_YAML, &d);
    assert_int_equal(d.count, 3);
    assert_diag(&d, 0, 24, 1,
                "missing the line 'jobs (incl. supersource/sink ): N'");
    assert_diag(&d, 1, 24, 1, "missing the line '- renewable: K R'");
    assert_diag(&d, 2, 24, 1,
                "the file ends before section 'PROJECT INFORMATION:'");
    pln_diags_release(&d);
}

static void test_psplib_too_large(void **state)
{
    pln_diags d;
    pln_model *m;
    (void)state;
    pln_diags_init(&d);
    /* The length alone is refused; the buffer is not read. */
    m = pln_model_load_psplib_buffer("big.sm", "x",
                                     (size_t)PLN_MODEL_MAX_BYTES + 1, &d);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].code, PLN_ETOOBIG);
    assert_string_equal(d.items[0].message, "model file larger than 256 MiB");
    pln_diags_release(&d);
}

static void test_psplib_missing_parts(void **state)
{
    const struct edit no_req[] = {{26, NULL}, {27, NULL}, {28, NULL},
                                  {29, NULL}, {30, NULL}, {31, NULL},
                                  {32, NULL}, {33, NULL}, {34, NULL}};
    const struct edit twice[] = {{25, "PROJECT INFORMATION:"}};
    const struct edit order[] = {{17, "REQUESTS/DURATIONS:"},
                                 {26, "PRECEDENCE RELATIONS:"}};
    const struct edit no_info_row[] = {{15, NULL}};
    const struct edit no_avail_row[] = {{38, NULL}};
    pln_diags d;
    (void)state;
    expect_error(no_req, 9, 27, 1,
                 "missing section 'REQUESTS/DURATIONS:' before "
                 "'RESOURCEAVAILABILITIES:'");
    EXPECT1(9, NULL, 11, 1, "missing the line '- renewable: K R'");
    EXPECT1(6, "jobs (incl. supersource/sink )   6", 6, 1,
            "the line 'jobs' needs ': NUMBER'");
    EXPECT1(6, "jobs (incl. supersource/sink ):", 6, 31,
            "the line 'jobs' needs a number after ':'");
    EXPECT1(7, "jobs : 6", 7, 1, "duplicate line 'jobs' (first at line 6)");
    expect_error(no_info_row, 1, 15, 1,
                 "missing the project row of 'PROJECT INFORMATION:' (pronr. "
                 "#jobs rel.date duedate tardcost MPM-Time)");
    expect_error(no_avail_row, 1, 38, 1,
                 "missing the row of resource availabilities of "
                 "'RESOURCEAVAILABILITIES:'");
    /* The text after the last row. */
    EXPECT1(39, "    3    2", 39, 5,
            "unexpected text after the resource availabilities");

    load_bad(tiny(twice, 1), &d);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, 25, 1,
                "section 'PROJECT INFORMATION:' appears twice (first at "
                "line 13)");
    pln_diags_release(&d);
    load_bad(tiny(order, 2), &d);
    /* REQUESTS in PRECEDENCE's place: it is missing where REQUESTS begins,
     * the precedence rows are read as requests (the first one happens to
     * fit), and PRECEDENCE comes too late. */
    assert_int_equal(d.count, 7);
    assert_diag(&d, 0, 17, 1,
                "missing section 'PRECEDENCE RELATIONS:' before "
                "'REQUESTS/DURATIONS:'");
    assert_diag(&d, 1, 20, 4,
                "the row of job 2 has 1 resource demand, but line 9 "
                "declares 2 renewable resources");
    assert_diag(&d, 6, 26, 1,
                "section 'PRECEDENCE RELATIONS:' must come before "
                "'REQUESTS/DURATIONS:' (line 17)");
    pln_diags_release(&d);

    /* Truncated in a row: the row, the count and the missing rest. */
    {
        char *s = copy_str(tiny(NULL, 0));
        *strstr(s, "   6        1") = '\0';
        load_bad(s, &d);
        assert_int_equal(d.count, 2);
        assert_diag(&d, 0, 24, 1,
                    "'PRECEDENCE RELATIONS:' has 5 job rows, but line 6 "
                    "declares 6 jobs");
        assert_diag(&d, 1, 24, 1,
                    "the file ends before section 'REQUESTS/DURATIONS:'");
        pln_diags_release(&d);
        test_free(s);
    }
}

static void test_psplib_wrong_counts(void **state)
{
    const struct edit fewer_jobs[] = {{6, "jobs (incl. supersource/sink ):  5"},
                                      {15, "    1      3      0    8   3   8"}};
    pln_diags d;
    (void)state;
    /* 6 jobs declared, 5 rows. */
    EXPECT1(24, NULL, 24, 1,
            "'PRECEDENCE RELATIONS:' has 5 job rows, but line 6 declares 6 "
            "jobs");
    EXPECT1(34, NULL, 34, 1,
            "'REQUESTS/DURATIONS:' has 5 job rows, but line 6 declares 6 "
            "jobs");
    /* 5 declared, 6 rows: job 6 is no job, and the sixth row of each
     * table is one too many. */
    load_bad(tiny(fewer_jobs, 2), &d);
    assert_int_equal(d.count, 4);
    assert_diag(&d, 0, 22, 36, "job 4's successor must be from 1 to 5, not 6");
    assert_diag(&d, 1, 23, 36, "job 5's successor must be from 1 to 5, not 6");
    assert_diag(&d, 2, 24, 4,
                "'PRECEDENCE RELATIONS:' has more rows than the 5 jobs "
                "declared at line 6");
    assert_diag(&d, 3, 34, 3,
                "'REQUESTS/DURATIONS:' has more rows than the 5 jobs "
                "declared at line 6");
    pln_diags_release(&d);
    EXPECT1(15, "    1      5      0        8        3        8", 15, 12,
            "#jobs 5 does not match line 6: 6 jobs are 4 real jobs plus "
            "source and sink");
    EXPECT1(15, "    1      4      0        8        3", 15, 5,
            "the project row needs 6 numbers (pronr. #jobs rel.date duedate "
            "tardcost MPM-Time), not 5");
    EXPECT1(16, "    2      4      0        8        3        8", 16, 5,
            "a second project row: only single-project instances are "
            "supported");
    EXPECT1(19, "   1        1          3           2   3", 19, 24,
            "job 1 declares 3 successors but lists 2");
    EXPECT1(19, "   1        1          1           2   3", 19, 24,
            "job 1 declares 1 successors but lists 2");
    EXPECT1(20, "   2        1", 20, 4,
            "the row of job 2 needs #modes and #successors");
    EXPECT1(30, "  2      1     3       2", 30, 3,
            "the row of job 2 has 1 resource demand, but line 9 declares 2 "
            "renewable resources");
    EXPECT1(30, "  2      1     3       2    0   9", 30, 33,
            "the row of job 2 has 3 resource demands, but line 9 declares 2 "
            "renewable resources");
    EXPECT1(38, "    3    2    1", 38, 15,
            "the availabilities row has 3 values, but line 9 declares 2 "
            "renewable resources");
}

static void test_psplib_modes_and_projects(void **state)
{
    (void)state;
    EXPECT1(21, "   3        2          1           5", 21, 13,
            "job 3 has 2 modes: only single-mode instances (.sm) are "
            "supported");
    EXPECT1(31, "  3      2     4       0    1", 31, 10,
            "job 3: mode 2, but only single-mode instances (.sm) are "
            "supported");
    EXPECT1(5, "projects                      :  2", 5, 34,
            "2 projects: only single-project instances are supported");
    EXPECT1(10, "  - nonrenewable              :  2   N", 10, 34,
            "nonrenewable resources are not supported (only renewable "
            "ones): found 2");
    EXPECT1(11, "  - doubly constrained        :  1   D", 11, 34,
            "doubly constrained resources are not supported (only "
            "renewable ones): found 1");
}

static void test_psplib_bad_numbers(void **state)
{
    (void)state;
    EXPECT1(6, "jobs (incl. supersource/sink ):  six", 6, 34,
            "jobs must be a whole number, not 'six'");
    EXPECT1(6, "jobs (incl. supersource/sink ):  0", 6, 34,
            "jobs must be from 1 to 100000, not 0");
    EXPECT1(9, "  - renewable                 :  -2   R", 9, 34,
            "renewable resources must be from 0 to 100000, not -2");
    EXPECT1(7, "horizon                       :  1e9", 7, 34,
            "horizon must be a whole number, not '1e9'");
    EXPECT1(19, "   x        1          2           2   3", 19, 4,
            "job number must be a whole number, not 'x'");
    EXPECT1(19, "   0        1          2           2   3", 19, 4,
            "job number must be from 1 to 6, not 0");
    EXPECT1(31, "  3      1    -4       0    1", 31, 15,
            "job 3's duration must be from 0 to 100000, not -4");
    EXPECT1(31, "  3      1     100001  0    1", 31, 16,
            "job 3's duration must be from 0 to 100000, not 100001");
    EXPECT1(31, "  3      1     4.5     0    1", 31, 16,
            "job 3's duration must be a whole number, not '4.5'");
    EXPECT1(32, "  4      1     5       1    +1", 32, 29,
            "job 4's demand for R 2 must be a whole number, not '+1'");
    EXPECT1(32, "  4      1     5       1    100001", 32, 29,
            "job 4's demand for R 2 must be from 0 to 100000, not 100001");
    EXPECT1(20,
            "   2        1          1           "
            "123456789012345678901234567890",
            20, 36,
            "job 2's successor must be from 1 to 6, not "
            "123456789012345678901234...");
    EXPECT1(20, "   2        1          99999999999999999999   4", 20, 24,
            "#successors must be from 0 to 100000, not 99999999999999999999");
    EXPECT1(20, "   2        1          1           -", 20, 36,
            "job 2's successor must be a whole number, not '-'");
    EXPECT1(38, "    3    100001", 38, 10,
            "availability of R 2 must be from 0 to 100000, not 100001");
    EXPECT1(15, "    1      4      0        8        3        x8", 15, 46,
            "MPM-Time must be a whole number, not 'x8'");
}

static void test_psplib_bad_successors(void **state)
{
    const struct edit cycle[] = {
        {22, "   4        1          2           6   2"}};
    pln_diags d;
    (void)state;
    EXPECT1(23, "   5        1          1           7", 23, 36,
            "job 5's successor must be from 1 to 6, not 7");
    EXPECT1(23, "   5        1          1           0", 23, 36,
            "job 5's successor must be from 1 to 6, not 0");
    EXPECT1(23, "   5        1          1           5", 23, 36,
            "job 5 lists itself as a successor");
    EXPECT1(19, "   1        1          2           3   3", 19, 40,
            "job 1 lists successor 3 twice");
    EXPECT1(22, "   3        1          1           5", 22, 4,
            "duplicate row for job 3 in 'PRECEDENCE RELATIONS:' (first at "
            "line 21)");
    EXPECT1(33, "  4      1     2       3    0", 33, 3,
            "duplicate row for job 4 in 'REQUESTS/DURATIONS:' (first at "
            "line 32)");
    /* 2 -> 4 -> 2: named in order, at the dependency that closes it. */
    load_bad(tiny(cycle, 1), &d);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, 22, 40, "dependency cycle: job 2 -> job 4 -> job 2");
    assert_int_equal(d.items[0].code, PLN_EINVAL);
    pln_diags_release(&d);
}

static void test_psplib_infeasible_demands(void **state)
{
    pln_diags d;
    const struct edit zero[] = {{38, "    3    0"}};
    (void)state;
    EXPECT1(38, "    2    2", 33, 24,
            "job 5 needs 3 of resource R 1, but only 2 are available (line "
            "38): the instance has no schedule");
    load_bad(tiny(zero, 1), &d);
    assert_int_equal(d.count, 2);
    assert_diag(&d, 0, 31, 29,
                "job 3 needs 1 of resource R 2, whose availability is 0 "
                "(line 38)");
    assert_diag(&d, 1, 32, 29,
                "job 4 needs 1 of resource R 2, whose availability is 0 "
                "(line 38)");
    pln_diags_release(&d);
}

static void test_psplib_every_problem_listed(void **state)
{
    /* Independent problems in different rows are all reported. */
    const struct edit e[] = {{20, "   2        1          1           9"},
                             {21, "   3        1          1           3"},
                             {30, "  2      1     x       2    0"},
                             {32, "  4      1     5       1   -1"}};
    pln_diags d;
    (void)state;
    load_bad(tiny(e, 4), &d);
    assert_int_equal(d.count, 4);
    assert_diag(&d, 0, 20, 36, "job 2's successor must be from 1 to 6, not 9");
    assert_diag(&d, 1, 21, 36, "job 3 lists itself as a successor");
    assert_diag(&d, 2, 30, 16,
                "job 2's duration must be a whole number, not 'x'");
    assert_diag(&d, 3, 32, 28,
                "job 4's demand for R 2 must be from 0 to 100000, not -1");
    pln_diags_release(&d);
}

/* Every proper prefix of a file, up to the end of its last number, is
 * refused with a located error, never crashes; longer prefixes load. */
static void check_truncations(const char *text, size_t len)
{
    size_t last = len;
    while (last > 0 && !(text[last - 1] >= '0' && text[last - 1] <= '9'))
        last--;
    assert_true(last > 0);
    for (size_t n = 0; n <= len; n++) {
        pln_diags d;
        pln_model *m;
        char *copy = test_malloc(n + 1); /* exact size: ASan sees overreads */
        memcpy(copy, text, n);
        pln_diags_init(&d);
        m = pln_model_load_psplib_buffer("cut.sm", copy, n, &d);
        if (n < last) {
            if (m)
                print_message("prefix of %zu bytes was accepted\n", n);
            assert_null(m);
            assert_true(d.errors >= 1);
            for (size_t i = 0; i < d.count; i++) {
                assert_true(d.items[i].line >= 1);
                assert_true(d.items[i].column >= 1);
            }
        } else {
            if (!m)
                print_diags(&d);
            assert_non_null(m);
            pln_model_free(m);
        }
        pln_diags_release(&d);
        test_free(copy);
    }
}

static void test_psplib_truncated_everywhere(void **state)
{
    size_t len;
    char *j30;
    (void)state;
    check_truncations(tiny(NULL, 0), strlen(tiny(NULL, 0)));
    if ((j30 = read_file(J301_1, &len))) {
        check_truncations(j30, len);
        test_free(j30);
    }
}

/* --------------------------------------------------------- out of memory */

/* As in test_loader.c: each allocation in turn fails; every failing load
 * reports "out of memory" and frees everything. */
static void check_out_of_memory(const char *text, size_t len)
{
    pln_diags d;
    pln_model *m;
    long baseline, n;

    pln_diags_init(&d);
    pln_alloc_fail_after(-1);
    m = pln_model_load_psplib_buffer("oom.sm", text, len, &d);
    baseline = pln_alloc_fail_after(-1);
    assert_non_null(m);
    pln_model_free(m);
    pln_diags_release(&d);
    assert_true(baseline > 0);
    for (n = 0;; n++) {
        long attempts;
        bool oom = false;
        pln_diags_init(&d);
        assert_int_equal(
            pln__grow((void **)&d.items, &d.cap, 16, sizeof(*d.items)), 0);
        pln_alloc_fail_after(n);
        m = pln_model_load_psplib_buffer("oom.sm", text, len, &d);
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
        pln_diags_release(&d);
        assert_true(n < baseline);
    }
}

static void test_psplib_out_of_memory(void **state)
{
    size_t len;
    char *j30;
    (void)state;
    check_out_of_memory(tiny(NULL, 0), strlen(tiny(NULL, 0)));
    if ((j30 = read_file(J301_1, &len))) {
        check_out_of_memory(j30, len);
        test_free(j30);
    }
}

/* ---------------------------------------------------------------- j301_1 */

static void test_psplib_j301_1(void **state)
{
    pln_diags d;
    pln_model *m;
    const struct pln_task *t;
    (void)state;
    if (access(J301_1, R_OK) != 0) {
        print_message("%s not installed: skipped\n", J301_1);
        skip();
    }
    pln_diags_init(&d);
    m = pln_model_load_file(J301_1, &d);
    if (!m)
        print_diags(&d);
    assert_non_null(m);
    assert_int_equal(d.count, 0);
    pln_diags_release(&d);
    check_invariants(m);

    assert_string_equal(m->id, "j301_1");
    assert_string_equal(m->name, "j301_1");
    assert_string_equal(m->timezone, "UTC");
    assert_int_equal(m->start, pln_date_from_ymd(2000, 1, 3));
    assert_int_equal(m->now, 946857600);
    assert_int_equal(m->objective, PLN_OBJ_MAKESPAN);
    assert_int_equal(m->n_calendars, 1);
    assert_string_equal(m->calendars[0].id, "all");
    assert_int_equal(m->n_templates, 1);
    assert_string_equal(m->templates[0].id, "psplib");
    assert_int_equal(m->n_sites, 1);
    assert_string_equal(m->sites[0].id, "p");
    assert_true(m->sites[0].weight == 1.0);
    assert_int_equal(m->n_constraints, 0);
    assert_int_equal(m->n_people, 0);

    /* "R 1  R 2  R 3  R 4" / "12   13    4   12" */
    assert_int_equal(m->n_crews, 4);
    assert_string_equal(m->crews[0].id, "R1");
    assert_string_equal(m->crews[0].name, "R 1");
    assert_int_equal(m->crews[0].count, 12);
    assert_int_equal(m->crews[1].count, 13);
    assert_int_equal(m->crews[2].count, 4);
    assert_int_equal(m->crews[3].count, 12);
    assert_int_equal(m->crews[3].calendar, 0);

    /* 32 jobs; successor lists sum to 48 ("1 1 3 2 3 4" ...), less the
     * source's 3, which are dropped (see drop_source_edges()). */
    assert_int_equal(m->n_tasks, 32);
    assert_int_equal(m->n_deps, 45);
    t = &m->tasks[0];
    assert_string_equal(t->id, "p/1");
    assert_string_equal(t->name, "job 1");
    assert_int_equal(t->duration, 0);
    assert_int_equal(t->n_demands, 0);
    assert_int_equal(t->n_preds, 0);
    assert_int_equal(t->n_succs, 0);
    assert_int_equal(t->loc.line, 19);
    assert_int_equal(t->loc.column, 4);
    /* "  3      1     4      10    0    0    0", successors 7 8 13 */
    t = &m->tasks[2];
    assert_int_equal(t->duration, 4);
    assert_int_equal(t->n_demands, 1);
    assert_int_equal(t->demands[0].crew, 0);
    assert_int_equal(t->demands[0].amount, 10);
    assert_int_equal(t->n_succs, 3);
    assert_int_equal(m->deps[m->succ_deps[t->first_succ]].succ, 6);
    assert_int_equal(m->deps[m->succ_deps[t->first_succ + 1]].succ, 7);
    assert_int_equal(m->deps[m->succ_deps[t->first_succ + 2]].succ, 12);
    /* " 26      1     7       0    0    4    0" */
    t = &m->tasks[25];
    assert_int_equal(t->duration, 7);
    assert_int_equal(t->n_demands, 1);
    assert_int_equal(t->demands[0].crew, 2);
    assert_int_equal(t->demands[0].amount, 4);
    /* Job 20 follows 5, 11 and 18; job 32 (the sink) follows 29, 30, 31. */
    t = &m->tasks[19];
    assert_int_equal(t->duration, 7);
    assert_int_equal(t->n_preds, 3);
    assert_int_equal(m->deps[t->first_pred].pred, 4);
    assert_int_equal(m->deps[t->first_pred + 1].pred, 10);
    assert_int_equal(m->deps[t->first_pred + 2].pred, 17);
    assert_int_equal(m->deps[t->first_pred].loc.line, 23);
    t = &m->tasks[31];
    assert_int_equal(t->n_preds, 3);
    assert_int_equal(t->n_succs, 0);
    assert_int_equal(m->deps[t->first_pred + 2].pred, 30);
    pln_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_psplib_tiny_matches_yaml),
        cmocka_unit_test(test_psplib_crlf_and_blanks),
        cmocka_unit_test(test_psplib_program_id),
        cmocka_unit_test(test_psplib_file_dispatch),
        cmocka_unit_test(test_psplib_zero_resources_and_unused),
        cmocka_unit_test(test_psplib_rows_in_any_order),
        cmocka_unit_test(test_psplib_large_chain),
        cmocka_unit_test(test_psplib_empty_and_junk),
        cmocka_unit_test(test_psplib_too_many_values),
        cmocka_unit_test(test_psplib_too_large),
        cmocka_unit_test(test_psplib_missing_parts),
        cmocka_unit_test(test_psplib_wrong_counts),
        cmocka_unit_test(test_psplib_modes_and_projects),
        cmocka_unit_test(test_psplib_bad_numbers),
        cmocka_unit_test(test_psplib_bad_successors),
        cmocka_unit_test(test_psplib_infeasible_demands),
        cmocka_unit_test(test_psplib_every_problem_listed),
        cmocka_unit_test(test_psplib_truncated_everywhere),
        cmocka_unit_test(test_psplib_out_of_memory),
        cmocka_unit_test(test_psplib_j301_1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
