/*
 * load_psplib.c -- reads a PSPLIB single-mode RCPSP instance (a ".sm" file
 * of Kolisch and Sprecher's project scheduling library) into a model, so that
 * the benchmark instances can be checked and planned like a model file: one
 * site "p" whose tasks are the jobs, one crew per renewable resource,
 * finish-start dependencies, every day a working day. The file is read line
 * by line as whitespace-separated tokens; every problem is reported with the
 * line and column of the token at fault. pln_model_load_file() comes here
 * for names ending in ".sm".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model_build.h"

/* Limits on the numbers read: anything above is refused, not wrapped. */
#define PSP_MAX_JOBS 100000
#define PSP_MAX_COUNT 100000               /* resources, successors, units */
#define PSP_MAX_DURATION 100000            /* working days */
#define PSP_MAX_OTHER 1000000000000LL      /* values read but not used */
#define PSP_MAX_TOKENS (PSP_MAX_COUNT + 3) /* on one line */

/* The sections, in the order the file must give them. */
enum psp_sec { SEC_HEAD = 0, SEC_INFO, SEC_PREC, SEC_REQ, SEC_AVAIL, SEC_N };

static const char *const sec_title[SEC_N] = {
    "", "PROJECT INFORMATION:", "PRECEDENCE RELATIONS:", "REQUESTS/DURATIONS:",
    "RESOURCEAVAILABILITIES:"};

/* The "label : value" lines before the first section. */
enum psp_field {
    F_PROJECTS = 0,
    F_JOBS,
    F_HORIZON,
    F_RENEW,
    F_NONRENEW,
    F_DOUBLY,
    F_N
};

static const char *const field_label[F_N] = {
    "projects",    "jobs",           "horizon",
    "- renewable", "- nonrenewable", "- doubly constrained"};

struct psp_tok {
    const char *s;
    size_t len;
    struct pln_loc loc;
};

struct psp_demand {
    int crew;
    int amount;
    struct pln_loc loc;
};

struct psp_job {
    struct pln_loc prec_loc; /* job number in its precedence row; 0 = none */
    struct pln_loc req_loc;  /* job number in its request row; 0 = none */
    int duration;
    struct psp_demand *demands; /* nonzero ones, by resource */
    size_t n_demands;
};

struct psp_edge {
    int pred, succ; /* job numbers */
    struct pln_loc loc;
};

struct psp {
    struct pln_load *L;
    const char *name;         /* the source name given, maybe NULL */
    struct pln_arena scratch; /* what only the reading needs */
    struct pln_loc eof;       /* just after the last character */
    int n_lines;

    enum psp_sec sec;             /* the last section entered */
    struct pln_loc sec_at[SEC_N]; /* where each title was; line 0 = not yet */
    bool skipping;   /* inside a misplaced section: lines are ignored */
    bool ended;      /* the current section's end checks are done */
    bool col_header; /* the current table's column header was seen */
    int rows;        /* data rows in the current section */
    bool extra_told; /* "more rows than jobs" reported here */
    int last_line;   /* the current section's last line with content */

    long long field[F_N];
    struct pln_loc field_at[F_N];
    bool tables; /* the header is sound: read the tables */
    int n_jobs, n_res;

    struct psp_job *job; /* [1..n_jobs] */
    int *stamp;          /* [1..n_jobs]: the job whose row last listed it */
    int *avail;          /* [0..n_res) */
    struct pln_loc *avail_at;
    bool avail_seen;

    struct psp_tok *toks;
    size_t n_toks, cap_toks;
    struct psp_edge *edges;
    size_t n_edges, cap_edges;
    struct psp_demand *row; /* the nonzero demands of one row */
    size_t cap_row;
};

/* ----------------------------------------------------------- reporting */

static void PLN_PRINTF(4, 5) psp_error(struct psp *P, pln_status code,
                                       struct pln_loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    P->L->errors++;
    pln_diags_vadd(P->L->diags, PLN_SEV_ERROR, code, P->L->source, at.line,
                   at.column, fmt, ap);
    va_end(ap);
}

/* A token for a message: at most 24 characters, then "...". */
#define TOK_FMT "%.*s%s"
#define TOK_ARG(t)                                                             \
    (int)((t)->len > 24 ? 24 : (t)->len), (t)->s, (t)->len > 24 ? "..." : ""

/* Where the line after `line` begins, or the end of the file. */
static struct pln_loc after_line(const struct psp *P, int line)
{
    if (line < P->n_lines)
        return (struct pln_loc){line + 1, 1, false};
    return P->eof;
}

/*
 * Reads token t as a whole number in [lo, hi]. Digits only (a leading '-'
 * reads as out of range); never overflows however long the token.
 */
static bool tok_num(struct psp *P, const struct psp_tok *t, const char *what,
                    long long lo, long long hi, long long *out)
{
    size_t i = t->len > 1 && t->s[0] == '-' ? 1 : 0;
    long long v = 0;
    bool big = false;
    if (i == t->len)
        goto nan;
    for (size_t k = i; k < t->len; k++) {
        if (t->s[k] < '0' || t->s[k] > '9')
            goto nan;
        if (!big) {
            v = v * 10 + (t->s[k] - '0');
            big = v > hi;
        }
    }
    if (i)
        v = -v;
    if (big || v < lo || v > hi) {
        psp_error(P, PLN_EINVAL, t->loc,
                  "%s must be from %lld to %lld, not " TOK_FMT, what, lo, hi,
                  TOK_ARG(t));
        return false;
    }
    *out = v;
    return true;
nan:
    psp_error(P, PLN_ESYNTAX, t->loc,
              "%s must be a whole number, not '" TOK_FMT "'", what, TOK_ARG(t));
    return false;
}

static bool tok_int(struct psp *P, const struct psp_tok *t, const char *what,
                    int lo, int hi, int *out)
{
    long long v;
    if (!tok_num(P, t, what, lo, hi, &v))
        return false;
    *out = (int)v;
    return true;
}

/* Splits s[0..len), which starts at column col0 + 1 of line `line`, into
 * P->toks; false when out of memory or (reported) too many. */
static bool tokenize(struct psp *P, const char *s, size_t len, int line,
                     int col0)
{
    size_t i = 0;
    P->n_toks = 0;
    for (;;) {
        struct psp_tok *t;
        size_t b;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
            i++;
        if (i == len)
            return true;
        b = i;
        while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            i++;
        if (P->n_toks == PSP_MAX_TOKENS) {
            psp_error(P, PLN_ETOOBIG, (struct pln_loc){line, col0 + (int)b + 1, false},
                      "more than %d values on one line", PSP_MAX_TOKENS);
            return false;
        }
        if (pln__grow((void **)&P->toks, &P->cap_toks, P->n_toks + 1,
                      sizeof(*P->toks)) != 0) {
            P->L->oom = true;
            return false;
        }
        t = &P->toks[P->n_toks++];
        t->s = s + b;
        t->len = i - b;
        t->loc = (struct pln_loc){line, col0 + (int)b + 1, false};
    }
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && !memcmp(s, prefix, n);
}

/* ------------------------------------------------------------ sections */

static void *scratch_array(struct psp *P, size_t count, size_t size)
{
    void *p = pln__arena_array(&P->scratch, count, size);
    if (!p)
        P->L->oom = true;
    return p;
}

/* The header is over: are the counts there and sound? */
static void end_head(struct psp *P, struct pln_loc at)
{
    size_t errors = P->L->errors;
    if (P->field_at[F_JOBS].line == 0)
        psp_error(P, PLN_ESYNTAX, at,
                  "missing the line 'jobs (incl. supersource/sink ): N'");
    if (P->field_at[F_RENEW].line == 0)
        psp_error(P, PLN_ESYNTAX, at, "missing the line '- renewable: K R'");
    if (errors != 0 || P->L->errors != errors)
        return; /* the tables cannot be read without sound counts */
    P->n_jobs = (int)P->field[F_JOBS];
    P->n_res = (int)P->field[F_RENEW];
    P->job = scratch_array(P, (size_t)P->n_jobs + 1, sizeof(*P->job));
    P->stamp = scratch_array(P, (size_t)P->n_jobs + 1, sizeof(*P->stamp));
    P->avail = scratch_array(P, (size_t)P->n_res + 1, sizeof(*P->avail));
    P->avail_at = scratch_array(P, (size_t)P->n_res + 1, sizeof(*P->avail_at));
    P->tables = P->job && P->stamp && P->avail && P->avail_at;
}

/* Checks what the section being left must have had. */
static void end_section(struct psp *P)
{
    struct pln_loc at = after_line(P, P->last_line);
    if (P->ended || P->skipping)
        return;
    P->ended = true;
    switch (P->sec) {
    case SEC_HEAD:
        end_head(P, at);
        break;
    case SEC_INFO:
        if (P->tables && P->rows == 0)
            psp_error(P, PLN_ESYNTAX, at,
                      "missing the project row of '%s' (pronr. #jobs "
                      "rel.date duedate tardcost MPM-Time)",
                      sec_title[SEC_INFO]);
        break;
    case SEC_PREC:
    case SEC_REQ:
        if (P->tables && P->rows < P->n_jobs)
            psp_error(P, PLN_EINVAL, at,
                      "'%s' has %d job rows, but line %d declares %d jobs",
                      sec_title[P->sec], P->rows, P->field_at[F_JOBS].line,
                      P->n_jobs);
        break;
    case SEC_AVAIL:
        if (P->tables && P->n_res > 0 && !P->avail_seen)
            psp_error(P, PLN_ESYNTAX, at,
                      "missing the row of resource availabilities of '%s'",
                      sec_title[SEC_AVAIL]);
        break;
    case SEC_N:
        break;
    }
}

static void enter_section(struct psp *P, enum psp_sec s, struct pln_loc at)
{
    end_section(P);
    if (P->sec_at[s].line) {
        psp_error(P, PLN_ESYNTAX, at,
                  "section '%s' appears twice (first at line %d)", sec_title[s],
                  P->sec_at[s].line);
        P->skipping = true;
        return;
    }
    if (s < P->sec) {
        psp_error(P, PLN_ESYNTAX, at,
                  "section '%s' must come before '%s' (line %d)", sec_title[s],
                  sec_title[P->sec], P->sec_at[P->sec].line);
        P->skipping = true;
        return;
    }
    for (int k = (int)P->sec + 1; k < (int)s; k++)
        psp_error(P, PLN_ESYNTAX, at, "missing section '%s' before '%s'",
                  sec_title[k], sec_title[s]);
    P->sec = s;
    P->sec_at[s] = at;
    P->skipping = false;
    P->ended = false;
    P->col_header = false;
    P->rows = 0;
    P->extra_told = false;
}

/* ------------------------------------------------------------- header */

static void head_line(struct psp *P, const char *s, size_t len, int line)
{
    size_t lead = 0;
    const char *colon;
    int f;
    long long v;
    static const long long hi[F_N] = {PSP_MAX_COUNT, PSP_MAX_JOBS,
                                      PSP_MAX_OTHER, PSP_MAX_COUNT,
                                      PSP_MAX_COUNT, PSP_MAX_COUNT};
    static const char *const what[F_N] = {"projects",
                                          "jobs",
                                          "horizon",
                                          "renewable resources",
                                          "nonrenewable resources",
                                          "doubly constrained resources"};

    while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    for (f = 0; f < F_N; f++) {
        size_t n = strlen(field_label[f]);
        if (starts_with(s + lead, len - lead, field_label[f]) &&
            (lead + n == len || s[lead + n] == ' ' || s[lead + n] == '\t' ||
             s[lead + n] == '(' || s[lead + n] == ':'))
            break;
    }
    if (f == F_N)
        return; /* the file's comments, "RESOURCES", ... */
    if (P->field_at[f].line) {
        psp_error(P, PLN_ESYNTAX, (struct pln_loc){line, (int)lead + 1, false},
                  "duplicate line '%s' (first at line %d)", field_label[f],
                  P->field_at[f].line);
        return;
    }
    P->field_at[f] = (struct pln_loc){line, (int)lead + 1, false};
    colon = memchr(s, ':', len);
    if (!colon) {
        psp_error(P, PLN_ESYNTAX, P->field_at[f],
                  "the line '%s' needs ': NUMBER'", field_label[f]);
        return;
    }
    if (!tokenize(P, colon + 1, len - (size_t)(colon + 1 - s), line,
                  (int)(colon + 1 - s)))
        return;
    if (P->n_toks == 0) {
        psp_error(P, PLN_ESYNTAX, (struct pln_loc){line, (int)(colon - s) + 1, false},
                  "the line '%s' needs a number after ':'", field_label[f]);
        return;
    }
    P->field_at[f] = P->toks[0].loc;
    if (!tok_num(P, &P->toks[0], what[f], f == F_JOBS ? 1 : 0, hi[f], &v))
        return;
    P->field[f] = v;
    if (f == F_PROJECTS && v != 1)
        psp_error(P, PLN_EINVAL, P->toks[0].loc,
                  "%lld projects: only single-project instances are "
                  "supported",
                  v);
    if ((f == F_NONRENEW || f == F_DOUBLY) && v > 0)
        psp_error(P, PLN_EINVAL, P->toks[0].loc,
                  "%s are not supported (only renewable ones): found %lld",
                  what[f], v);
}

/* -------------------------------------------------------------- tables */

/*
 * The job number starting a row of PRECEDENCE RELATIONS or
 * REQUESTS/DURATIONS; 0 when the row is to be skipped (reported).
 */
static int row_job(struct psp *P, bool prec)
{
    const struct psp_tok *t = &P->toks[0];
    struct psp_job *j;
    struct pln_loc *seen;
    int n;
    if (P->rows++ >= P->n_jobs) {
        if (!P->extra_told)
            psp_error(P, PLN_EINVAL, t->loc,
                      "'%s' has more rows than the %d jobs declared at line "
                      "%d",
                      sec_title[P->sec], P->n_jobs, P->field_at[F_JOBS].line);
        P->extra_told = true;
        return 0;
    }
    if (!tok_int(P, t, "job number", 1, P->n_jobs, &n))
        return 0;
    j = &P->job[n];
    seen = prec ? &j->prec_loc : &j->req_loc;
    if (seen->line) {
        psp_error(P, PLN_EINVAL, t->loc,
                  "duplicate row for job %d in '%s' (first at line %d)", n,
                  sec_title[P->sec], seen->line);
        return 0;
    }
    *seen = t->loc;
    return n;
}

/* "job  #modes  #successors  successors..." */
static void prec_row(struct psp *P)
{
    const struct psp_tok *tk = P->toks;
    char what[64];
    int n, modes, count;
    bool ok = true;

    if (!(n = row_job(P, true)))
        return;
    if (P->n_toks < 3) {
        psp_error(P, PLN_ESYNTAX, tk[0].loc,
                  "the row of job %d needs #modes and #successors", n);
        return;
    }
    if (!tok_int(P, &tk[1], "#modes", 0, PSP_MAX_COUNT, &modes))
        return;
    if (modes != 1) {
        psp_error(P, PLN_EINVAL, tk[1].loc,
                  "job %d has %d modes: only single-mode instances (.sm) are "
                  "supported",
                  n, modes);
        return;
    }
    if (!tok_int(P, &tk[2], "#successors", 0, PSP_MAX_COUNT, &count))
        return;
    if ((size_t)count != P->n_toks - 3) {
        psp_error(P, PLN_ESYNTAX, tk[2].loc,
                  "job %d declares %d successors but lists %zu", n, count,
                  P->n_toks - 3);
        return;
    }
    snprintf(what, sizeof(what), "job %d's successor", n);
    for (size_t i = 3; i < P->n_toks; i++) {
        struct psp_edge *e;
        int s;
        if (!tok_int(P, &tk[i], what, 1, P->n_jobs, &s)) {
            ok = false;
            continue;
        }
        if (s == n) {
            psp_error(P, PLN_EINVAL, tk[i].loc,
                      "job %d lists itself as a successor", n);
            ok = false;
            continue;
        }
        if (P->stamp[s] == n) {
            psp_error(P, PLN_EINVAL, tk[i].loc,
                      "job %d lists successor %d twice", n, s);
            ok = false;
            continue;
        }
        P->stamp[s] = n;
        if (!ok)
            continue;
        if (P->n_edges >= PLN_MODEL_MAX_NODES) {
            psp_error(P, PLN_ETOOBIG, tk[i].loc,
                      "more than %u precedence relations", PLN_MODEL_MAX_NODES);
            P->L->too_big = true;
            return;
        }
        if (pln__grow((void **)&P->edges, &P->cap_edges, P->n_edges + 1,
                      sizeof(*P->edges)) != 0) {
            P->L->oom = true;
            return;
        }
        e = &P->edges[P->n_edges++];
        e->pred = n;
        e->succ = s;
        e->loc = tk[i].loc;
    }
}

/* "job  mode  duration  demand per resource..." */
static void req_row(struct psp *P)
{
    const struct psp_tok *tk = P->toks;
    size_t want = 3 + (size_t)P->n_res;
    struct psp_demand *d;
    struct psp_job *j;
    char what[64];
    int n, mode, dur;
    bool ok = true;

    if (!(n = row_job(P, false)))
        return;
    j = &P->job[n];
    if (P->n_toks != want) {
        psp_error(P, PLN_ESYNTAX, P->n_toks > want ? tk[want].loc : tk[0].loc,
                  "the row of job %d has %zu resource demand%s, but line "
                  "%d declares %d renewable resources",
                  n, P->n_toks < 3 ? 0 : P->n_toks - 3,
                  P->n_toks == 4 ? "" : "s", P->field_at[F_RENEW].line,
                  P->n_res);
        return;
    }
    if (!tok_int(P, &tk[1], "mode", 0, PSP_MAX_COUNT, &mode))
        return;
    if (mode != 1) {
        psp_error(P, PLN_EINVAL, tk[1].loc,
                  "job %d: mode %d, but only single-mode instances (.sm) are "
                  "supported",
                  n, mode);
        return;
    }
    snprintf(what, sizeof(what), "job %d's duration", n);
    if (!tok_int(P, &tk[2], what, 0, PSP_MAX_DURATION, &dur))
        return;
    if (pln__grow((void **)&P->row, &P->cap_row, (size_t)P->n_res + 1,
                  sizeof(*P->row)) != 0) {
        P->L->oom = true;
        return;
    }
    d = P->row;
    for (int r = 0; r < P->n_res; r++) {
        int amount;
        snprintf(what, sizeof(what), "job %d's demand for R %d", n, r + 1);
        if (!tok_int(P, &tk[3 + r], what, 0, PSP_MAX_COUNT, &amount)) {
            ok = false;
            continue;
        }
        if (amount == 0)
            continue;
        d[j->n_demands].crew = r;
        d[j->n_demands].amount = amount;
        d[j->n_demands].loc = tk[3 + r].loc;
        j->n_demands++;
    }
    j->duration = dur;
    if (!ok || j->n_demands == 0) {
        j->n_demands = 0;
        return;
    }
    j->demands = scratch_array(P, j->n_demands, sizeof(*j->demands));
    if (j->demands)
        memcpy(j->demands, d, j->n_demands * sizeof(*d));
    else
        j->n_demands = 0;
}

/* "pronr. #jobs rel.date duedate tardcost MPM-Time" */
static void info_row(struct psp *P)
{
    static const char *const what[6] = {"pronr.",  "#jobs",    "rel.date",
                                        "duedate", "tardcost", "MPM-Time"};
    long long v[6];
    if (P->rows++ > 0) {
        psp_error(P, PLN_EINVAL, P->toks[0].loc,
                  "a second project row: only single-project instances are "
                  "supported");
        return;
    }
    if (P->n_toks != 6) {
        psp_error(P, PLN_ESYNTAX, P->toks[P->n_toks > 6 ? 6 : 0].loc,
                  "the project row needs 6 numbers (pronr. #jobs rel.date "
                  "duedate tardcost MPM-Time), not %zu",
                  P->n_toks);
        return;
    }
    for (int i = 0; i < 6; i++)
        if (!tok_num(P, &P->toks[i], what[i], 0, PSP_MAX_OTHER, &v[i]))
            return;
    if (v[1] + 2 != P->n_jobs)
        psp_error(P, PLN_EINVAL, P->toks[1].loc,
                  "#jobs %lld does not match line %d: %d jobs are %d real "
                  "jobs plus source and sink",
                  v[1], P->field_at[F_JOBS].line, P->n_jobs, P->n_jobs - 2);
}

static void avail_row(struct psp *P)
{
    size_t k = (size_t)P->n_res;
    if (P->avail_seen || k == 0) {
        psp_error(P, PLN_ESYNTAX, P->toks[0].loc,
                  "unexpected text after the resource availabilities");
        P->avail_seen = true;
        return;
    }
    P->avail_seen = true;
    if (P->n_toks != k) {
        psp_error(P, PLN_ESYNTAX, P->toks[P->n_toks > k ? k : 0].loc,
                  "the availabilities row has %zu value%s, but line %d "
                  "declares %d renewable resources",
                  P->n_toks, P->n_toks == 1 ? "" : "s",
                  P->field_at[F_RENEW].line, P->n_res);
        return;
    }
    for (size_t r = 0; r < k; r++) {
        char what[48];
        snprintf(what, sizeof(what), "availability of R %zu", r + 1);
        if (tok_int(P, &P->toks[r], what, 0, PSP_MAX_COUNT, &P->avail[r]))
            P->avail_at[r] = P->toks[r].loc;
    }
}

static void table_line(struct psp *P, const char *s, size_t len, int line)
{
    char c;
    if (!tokenize(P, s, len, line, 0) || P->n_toks == 0)
        return;
    /* A table's first line names its columns ("jobnr. ...", "R 1 ..."). */
    c = P->toks[0].s[0];
    if (!P->col_header && P->rows == 0 && !P->avail_seen &&
        ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        P->col_header = true;
        return;
    }
    P->col_header = true;
    switch (P->sec) {
    case SEC_INFO:
        info_row(P);
        break;
    case SEC_PREC:
        prec_row(P);
        break;
    case SEC_REQ:
        req_row(P);
        break;
    case SEC_AVAIL:
        avail_row(P);
        break;
    default:
        break;
    }
}

static void read_line(struct psp *P, const char *s, size_t len, int line)
{
    size_t b = 0, e = len;
    bool sep = true;
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        e--;
    if (b == e)
        return;
    /* "*****" and "-----" lines only separate. */
    for (size_t i = b; i < e && sep; i++)
        sep = s[i] == s[b] && (s[b] == '*' || s[b] == '-');
    if (sep)
        return;
    for (int k = SEC_INFO; k < SEC_N; k++) {
        if (starts_with(s + b, e - b, sec_title[k])) {
            enter_section(P, (enum psp_sec)k,
                          (struct pln_loc){line, (int)b + 1, false});
            P->last_line = line;
            return;
        }
    }
    P->last_line = line;
    if (P->skipping)
        return;
    if (P->sec == SEC_HEAD)
        head_line(P, s, len, line);
    else if (P->tables)
        table_line(P, s, len, line);
}

/* ------------------------------------------------------------- checks */

/* Demands against availabilities, once both are known. */
static void check_demands(struct psp *P)
{
    for (int n = 1; n <= P->n_jobs; n++) {
        const struct psp_job *j = &P->job[n];
        for (size_t k = 0; k < j->n_demands; k++) {
            const struct psp_demand *d = &j->demands[k];
            int have = P->avail[d->crew];
            if (have == 0)
                psp_error(P, PLN_EINVAL, d->loc,
                          "job %d needs %d of resource R %d, whose "
                          "availability is 0 (line %d)",
                          n, d->amount, d->crew + 1, P->avail_at[d->crew].line);
            else if (d->amount > have)
                psp_error(P, PLN_EINVAL, d->loc,
                          "job %d needs %d of resource R %d, but only %d "
                          "are available (line %d): the instance has no "
                          "schedule",
                          n, d->amount, d->crew + 1, have,
                          P->avail_at[d->crew].line);
        }
    }
}

struct cycle_ctx {
    struct psp *P;
    const int *from;
};

static void report_cycle(void *vctx, const int *edges, size_t len)
{
    struct cycle_ctx *c = vctx;
    char buf[PLN_ERROR_TEXT_LEN - 40];
    size_t used = 0;
    int n;
    buf[0] = '\0';
    for (size_t i = 0; i < len && used < sizeof(buf); i++) {
        n = snprintf(buf + used, sizeof(buf) - used, "job %d -> ",
                     c->from[edges[i]] + 1);
        used += n > 0 ? (size_t)n : 0;
    }
    if (used < sizeof(buf))
        snprintf(buf + used, sizeof(buf) - used, "job %d",
                 c->from[edges[0]] + 1);
    /* At the successor that closes the cycle, as for a model file. */
    psp_error(c->P, PLN_EINVAL, c->P->edges[edges[len - 1]].loc,
              "dependency cycle: %s", buf);
}

static void check_cycles(struct psp *P)
{
    size_t m = P->n_edges;
    int *from = pln__calloc(m + 1, sizeof(int));
    int *to = pln__calloc(m + 1, sizeof(int));
    struct cycle_ctx ctx = {P, from};
    if (from && to) {
        for (size_t e = 0; e < m; e++) {
            from[e] = P->edges[e].pred - 1;
            to[e] = P->edges[e].succ - 1;
        }
        if (pln__find_cycles((size_t)P->n_jobs, m, from, to, report_cycle, &ctx,
                             20) < 0)
            P->L->oom = true;
    } else {
        P->L->oom = true;
    }
    pln__free(from);
    pln__free(to);
}

/* ------------------------------------------------------------- the model */

/* The file's base name without its extension, as an id. */
static const char *program_id(struct pln_load *L, const char *source)
{
    const char *base = source, *dot;
    char id[PLN_ID_MAX_LEN + 1];
    size_t n = 0, len;
    if (!source)
        return "psplib";
    for (const char *p = source; *p; p++)
        if (*p == '/')
            base = p + 1;
    dot = strrchr(base, '.');
    len = dot ? (size_t)(dot - base) : strlen(base);
    for (size_t i = 0; i < len && n < PLN_ID_MAX_LEN; i++) {
        char c = base[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_' ||
                  (n > 0 && (c == '-' || c == '.'));
        id[n++] = ok ? c : '_';
    }
    if (n == 0)
        return "psplib";
    id[n] = '\0';
    return pln__load_strdup(L, id);
}

/* An arena copy of `prefix` followed by the number v. */
static const char *num_str(struct pln_load *L, const char *prefix, int v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%s%d", prefix, v);
    return pln__load_strdup(L, buf);
}

/*
 * PSPLIB's dummy source job (duration 0, no predecessors) stands for "the
 * project starts": its successors start in period 0. Our milestones are
 * reached at the end of a day, so a dependency on it would hold every job
 * back a day; every job is released at the plan start anyway, so its
 * outgoing dependencies are dropped (nothing else changes: it has no
 * predecessors to relay).
 */
static void drop_source_edges(struct psp *P)
{
    bool *has_pred = pln__calloc((size_t)P->n_jobs + 2, sizeof(bool));
    size_t k = 0;
    if (!has_pred) {
        P->L->oom = true;
        return;
    }
    for (size_t e = 0; e < P->n_edges; e++)
        has_pred[P->edges[e].succ] = true;
    for (size_t e = 0; e < P->n_edges; e++) {
        int p = P->edges[e].pred;
        if (P->job[p].duration == 0 && !has_pred[p])
            continue;
        P->edges[k++] = P->edges[e];
    }
    P->n_edges = k;
    pln__free(has_pred);
}

/* Dependencies grouped by successor, and dep indices by predecessor, as
 * expand.c stores them. */
static bool index_deps(struct psp *P, pln_model *m)
{
    struct pln_dep *list;
    bool ok;
    drop_source_edges(P);
    if (P->L->oom)
        return false;
    list = pln__calloc(P->n_edges + 1, sizeof(*list));
    if (!list) {
        P->L->oom = true;
        return false;
    }
    for (size_t e = 0; e < P->n_edges; e++) {
        list[e].pred = P->edges[e].pred - 1;
        list[e].succ = P->edges[e].succ - 1;
        list[e].kind = PLN_DEP_FS;
        list[e].lag = 0;
        list[e].loc = P->edges[e].loc;
    }
    ok = pln__index_deps(P->L, m, list, P->n_edges);
    pln__free(list);
    return ok;
}

/*
 * Builds the model in L's arena. On success the model owns the arena;
 * returns NULL when memory ran out (L->oom set).
 */
static pln_model *build_model(struct psp *P)
{
    struct pln_load *L = P->L;
    struct pln_model_int *mi = pln__load_array(L, 1, sizeof(*mi));
    pln_model *m = pln__load_array(L, 1, sizeof(*m));
    struct pln_calendar_def *cal;
    struct pln_template *tp;
    struct pln_site *site;
    size_t n = (size_t)P->n_jobs;
    struct pln_loc where = P->sec_at[SEC_PREC];

    if (!m || !mi)
        return NULL;
    pln__strmap_init(&mi->sites);
    pln__strmap_init(&mi->tasks);
    m->source = pln__load_strdup(L, L->source);
    m->format = PLN_FORMAT_PSPLIB;
    pln__export_defaults(m);
    m->id = m->name = program_id(L, P->name);
    m->timezone = "UTC";
    m->start = pln_date_from_ymd(2000, 1, 3);
    m->now = (int64_t)m->start * 86400;
    m->objective = PLN_OBJ_MAKESPAN;

    m->calendars = cal = pln__load_array(L, 1, sizeof(*cal));
    if (!cal)
        return NULL;
    cal->id = cal->name = "all";
    cal->parent = -1;
    cal->weekdays = 0x7f;
    cal->holidays = PLN_HOLIDAYS_NONE;
    cal->loc = cal->holidays_loc = (struct pln_loc){1, 1, false};
    m->n_calendars = 1;
    m->default_calendar = 0;

    m->crews = P->n_res
                   ? pln__load_array(L, (size_t)P->n_res, sizeof(*m->crews))
                   : NULL;
    for (int r = 0; r < P->n_res && m->crews; r++) {
        struct pln_crew *c = &m->crews[r];
        c->id = num_str(L, "R", r + 1);
        c->name = num_str(L, "R ", r + 1);
        c->count = P->avail[r];
        c->calendar = 0;
        c->loc = P->avail_at[r];
        m->n_crews++;
    }

    m->templates = tp = pln__load_array(L, 1, sizeof(*tp));
    m->tmpl_tasks = pln__load_array(L, n, sizeof(*m->tmpl_tasks));
    m->sites = site = pln__load_array(L, 1, sizeof(*site));
    m->tasks = pln__load_array(L, n + 1, sizeof(*m->tasks));
    if (L->oom || !tp || !m->tmpl_tasks || !site || !m->tasks)
        return NULL;
    tp->id = tp->name = "psplib";
    tp->first_task = 0;
    tp->n_tasks = n;
    tp->loc = where;
    m->n_templates = 1;
    site->id = site->name = "p";
    site->template = 0;
    site->weight = 1.0;
    site->first_task = 0;
    site->n_tasks = n;
    site->loc = where;
    m->n_sites = 1;
    if (pln__strmap_put(&mi->sites, site->id, 0, NULL) < 0)
        goto oom;

    for (size_t i = 0; i < n; i++) {
        const struct psp_job *j = &P->job[i + 1];
        struct pln_tmpl_task *tt = &m->tmpl_tasks[i];
        struct pln_task *t = &m->tasks[i];
        tt->id = num_str(L, "", (int)i + 1);
        tt->name = num_str(L, "job ", (int)i + 1);
        t->id = num_str(L, "p/", (int)i + 1);
        tt->demands = j->n_demands ? pln__load_array(L, j->n_demands,
                                                     sizeof(*tt->demands))
                                   : NULL;
        if (L->oom)
            goto oom;
        tt->duration = j->duration;
        tt->calendar = 0;
        for (size_t k = 0; k < j->n_demands; k++) {
            tt->demands[k].crew = j->demands[k].crew;
            tt->demands[k].amount = j->demands[k].amount;
        }
        tt->n_demands = j->n_demands;
        tt->loc = j->prec_loc;
        t->local_id = t->id + 2;
        t->name = tt->name;
        t->site = 0;
        t->tmpl_task = (int)i;
        t->duration = tt->duration;
        t->calendar = 0;
        t->demands = tt->demands;
        t->n_demands = tt->n_demands;
        t->loc = tt->loc;
        if (pln__strmap_put(&mi->tasks, t->id, (int)i, NULL) < 0)
            goto oom;
    }
    m->n_tmpl_tasks = n;
    m->n_tasks = n;
    if (!index_deps(P, m))
        goto oom;
    /* The model takes over the arena: nothing may be allocated from L's
     * arena after this. */
    mi->arena = *L->arena;
    m->internal = mi;
    return m;
oom:
    L->oom = true;
    pln__strmap_release(&mi->sites);
    pln__strmap_release(&mi->tasks);
    return NULL;
}

/* --------------------------------------------------------------- entry */

/* The first byte that is not printable ASCII, tab, CR or LF; -1 if none. */
static long find_junk(const char *buf, size_t len, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n') {
            (*line)++;
            *col = 1;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\r') || c >= 0x7f)
            return (long)c;
        (*col)++;
    }
    return -1;
}

static pln_model *parse(struct psp *P, const char *buf, size_t len)
{
    struct pln_load *L = P->L;
    size_t off = 0;
    int line = 0, col;
    long junk;

    if (len > PLN_MODEL_MAX_BYTES) {
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ETOOBIG, L->source, 0, 0,
                      "model file larger than %u MiB",
                      PLN_MODEL_MAX_BYTES >> 20);
        return NULL;
    }
    if ((junk = find_junk(buf, len, &line, &col)) >= 0) {
        psp_error(P, PLN_ESYNTAX, (struct pln_loc){line, col, false},
                  "byte 0x%02lx is not text: a PSPLIB instance is plain "
                  "ASCII",
                  (unsigned long)junk);
        return NULL;
    }
    off = 0;
    while (off < len && (buf[off] == ' ' || buf[off] == '\t' ||
                         buf[off] == '\r' || buf[off] == '\n'))
        off++;
    if (off == len) {
        psp_error(P, PLN_ESYNTAX, (struct pln_loc){1, 1, false},
                  "empty file: expected a PSPLIB single-mode instance "
                  "(.sm)");
        return NULL;
    }
    /* Line count and the end-of-file position, for "missing" reports. */
    P->n_lines = line - (len > 0 && buf[len - 1] == '\n');
    P->eof = (struct pln_loc){line, col, false};

    line = 0;
    for (off = 0; off < len && !L->oom && !L->too_big;) {
        const char *nl = memchr(buf + off, '\n', len - off);
        size_t end = nl ? (size_t)(nl - buf) : len;
        read_line(P, buf + off, end - off, ++line);
        off = end + 1;
    }
    if (L->oom || L->too_big)
        return NULL;
    end_section(P);
    if (P->sec < SEC_AVAIL)
        psp_error(P, PLN_ESYNTAX, P->eof, "the file ends before section '%s'",
                  sec_title[P->sec + 1]);
    if (L->errors == 0)
        check_demands(P);
    if (L->errors == 0)
        check_cycles(P);
    if (L->errors != 0 || L->oom)
        return NULL;
    return build_model(P);
}

pln_model *pln_model_load_psplib_buffer(const char *source_name,
                                        const char *buf, size_t len,
                                        pln_diags *diags)
{
    struct pln_load L;
    struct pln_arena arena;
    struct psp P;
    pln_model *m;

    memset(&L, 0, sizeof(L));
    memset(&P, 0, sizeof(P));
    L.source = source_name ? source_name : "<model>";
    L.diags = diags;
    pln__arena_init(&arena);
    L.arena = &arena;
    P.L = &L;
    P.name = source_name;
    pln__arena_init(&P.scratch);
    if (!buf)
        len = 0;
    m = parse(&P, buf ? buf : "", len);
    if (!m) {
        if (L.oom)
            pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, L.source, 0, 0,
                          "out of memory");
        pln__arena_release(&arena);
    }
    pln__arena_release(&P.scratch);
    pln__free(P.toks);
    pln__free(P.edges);
    pln__free(P.row);
    return m;
}

pln_model *pln_model_load_psplib(const char *path, pln_diags *diags)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    pln_model *m = NULL;

    if (!f) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EIO, path, 0, 0,
                      "cannot open: %s", strerror(errno));
        return NULL;
    }
    do {
        if (len + 65536 > cap) {
            if (cap > PLN_MODEL_MAX_BYTES) {
                pln_diags_add(diags, PLN_SEV_ERROR, PLN_ETOOBIG, path, 0, 0,
                              "model file larger than %u MiB",
                              PLN_MODEL_MAX_BYTES >> 20);
                goto done;
            }
            if (pln__grow((void **)&buf, &cap, len + 65536, 1) != 0) {
                pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, path, 0, 0,
                              "out of memory");
                goto done;
            }
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    if (ferror(f))
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EIO, path, 0, 0,
                      "cannot read: %s", strerror(errno));
    else
        m = pln_model_load_psplib_buffer(path, buf, len, diags);
done:
    fclose(f);
    pln__free(buf);
    return m;
}
