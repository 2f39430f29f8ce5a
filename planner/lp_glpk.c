/*
 * lp_glpk.c -- the crew-constrained schedule as a mixed-integer program,
 * solved with GLPK. The only file that includes glpk.h.
 *
 * Formulation: time-indexed "step" variables inside windows.
 *   Every task j in the program has a window [lo_j, hi_j] of start indices in
 *   its own calendar (from the crew-free passes, tightened by propagation
 *   and by the objective bound, see solve.c). For lo_j <= t < hi_j a binary
 *   z[j,t] says "j has started by index t" (z[j,t] = 1 for t >= hi_j and 0
 *   for t < lo_j are constants, not columns), so S_j = hi_j - sum_t z[j,t]
 *   and any monotone function of S_j is linear in the z's.
 *   - order:      z[j,t] <= z[j,t+1];
 *   - dependency i -> j: with g the CPM's bound on j's start given i's start
 *     (monotone, whatever the calendars, kinds and lags), j started by t
 *     forces i started by h(t) = max{s : g(s) <= t}: z[j,t] <= z[i,h(t)];
 *   - crews: on every date x and crew kind k whose capacity some task could
 *     exceed, sum_j r_jk (z[j,q] - z[j,q-d_j]) <= cap_k(x), q = W_j(x) for
 *     the tasks whose calendar works on x (0 on a crew's day off);
 *   - objective: makespan as a column Cmax >= F_j(S_j) (F_j = calendar days
 *     to j's last day); weighted lateness as one column T_i >= 0 per deadline
 *     with T_i >= max(0, S_j + d_j - b_ij) for its bound steps; late sites as
 *     a binary per site, y_s >= 1 - z[j, b_ij - d_j].
 *   - funding (money.c; not in a replan): the money spent by the day
 *     before each tranche's earliest possible arrival, and by the last
 *     date, is at most what can have arrived by then:
 *     sum_j sum_i p_ji z[j, W_j(x+1) - 1 - i] <= F(x), p_ji what j pays
 *     on its i-th working day. Spending only grows and F is a step
 *     function, so those few dates stand for all of them. A tranche with
 *     conditions counts from its earliest arrival (its conditions at their
 *     crew-free early starts): a relaxation, so the bound stays valid and
 *     every schedule the MIP finds is checked with the real arrivals.
 *   - replanning's second stage: D_j >= |S_j - a_j| (two rows per task with
 *     an anchor a_j, its baseline start), minimise sum_j D_j subject to
 *     sum_i w_i T_i <= the first stage's lateness.
 * Why this one: the step form has the strongest LP relaxation of the usual
 * time-indexed forms for precedence (z[j,t] <= z[i,h(t)] is facet-defining
 * where the pulse form aggregates), it expresses calendars exactly (every
 * relation is a monotone map between indices, so weekends, holidays, a
 * winter stop and crew days off cost nothing extra), and windows keep it
 * small: tasks without crews and tasks far from the deadlines have narrow
 * windows. The measurements this was designed against are in
 * ../shared/notes/solver-measurements.md: presolve is off (the callback
 * must see our columns), the root LP is solved first with primal simplex,
 * time is enforced in the callback, fatal errors are trapped.
 *
 * GLPK's terminal output goes through glp_term_hook (kept, for error
 * messages, never printed); its fatal errors call glp_error_hook, which
 * longjmps back here, after which glp_free_env() releases everything GLPK
 * held. The caller gets PLN_ESOLVER with GLPK's last words.
 */
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lp_int.h"
#include "mip_int.h"

double pln__now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------------ model building */

struct build {
    const struct pln_mip_in *in;
    struct pln_rc *rc;
    int *col0;     /* first column of task j's z (1-based), 0 = none */
    int ncols;
    int cmax;      /* makespan column, 0 = none */
    int *tcol;     /* per deadline (makespan: unused) */
    int *dcol;     /* per task: |S_j - anchor_j| (second stage), 0 = none */
    int *ycol;     /* per site (late sites) */
    /* row triplets */
    int *ia, *ja;
    double *ar;
    size_t nz, nz_cap;
    int nrows;
    /* pending rows: bounds */
    int *row_type;
    double *row_bnd;
    size_t row_cap;
    /* fixed columns: 0 / 1 bounds */
    signed char *fix;
    bool infeasible; /* windows contradict each other */
    bool nomem;
};

/* A z[j,t] term: column or constant. */
struct zref {
    int col;   /* 0 when constant */
    int value; /* the constant */
};

static struct zref z(const struct build *b, size_t j, int32_t t)
{
    struct zref r = {0, 0};
    if (t < b->in->lo[j])
        r.value = 0;
    else if (t >= b->in->hi[j])
        r.value = 1;
    else
        r.col = b->col0[j] + (int)(t - b->in->lo[j]);
    return r;
}

static bool grow_nz(struct build *b, size_t more)
{
    if (b->nz + more + 1 <= b->nz_cap)
        return true;
    size_t cap = b->nz_cap ? b->nz_cap : 1024;
    while (cap < b->nz + more + 1)
        cap *= 2;
    int *ia = pln__realloc(b->ia, cap * sizeof(int));
    if (ia)
        b->ia = ia;
    int *ja = pln__realloc(b->ja, cap * sizeof(int));
    if (ja)
        b->ja = ja;
    double *ar = pln__realloc(b->ar, cap * sizeof(double));
    if (ar)
        b->ar = ar;
    if (!ia || !ja || !ar) {
        b->nomem = true;
        return false;
    }
    b->nz_cap = cap;
    return true;
}

/* Starts a row; terms follow with term(). */
static bool row(struct build *b, int type, double bnd)
{
    if ((size_t)b->nrows + 2 > b->row_cap) {
        size_t cap = b->row_cap ? 2 * b->row_cap : 1024;
        int *t = pln__realloc(b->row_type, cap * sizeof(int));
        if (t)
            b->row_type = t;
        double *v = pln__realloc(b->row_bnd, cap * sizeof(double));
        if (v)
            b->row_bnd = v;
        if (!t || !v) {
            b->nomem = true;
            return false;
        }
        b->row_cap = cap;
    }
    b->nrows++;
    b->row_type[b->nrows] = type;
    b->row_bnd[b->nrows] = bnd;
    return true;
}

/* Adds coef * column to the current row (a constant moves to the bound). */
static void term(struct build *b, int col, double coef)
{
    if (coef == 0 || !grow_nz(b, 1))
        return;
    b->nz++;
    b->ia[b->nz] = b->nrows;
    b->ja[b->nz] = col;
    b->ar[b->nz] = coef;
}

static void zterm(struct build *b, struct zref r, double coef)
{
    if (r.col)
        term(b, r.col, coef);
    else
        b->row_bnd[b->nrows] -= coef * r.value;
}

static void fix_col(struct build *b, struct zref r, int value)
{
    if (r.col == 0) {
        if (r.value != value)
            b->infeasible = true;
        return;
    }
    if (b->fix[r.col] >= 0 && b->fix[r.col] != value)
        b->infeasible = true;
    b->fix[r.col] = (signed char)value;
}

/* z[j,t] <= z[i,h(t)] for every t of j's window, for the dependency
 * d: i -> j. */
static void dependency(struct build *b, const struct pln_dep *d)
{
    struct pln_rc *rc = b->rc;
    const pln_model *m = rc->m;
    size_t i = (size_t)d->pred, j = (size_t)d->succ;
    const int32_t *lo = b->in->lo, *hi = b->in->hi;
    int32_t s = lo[i] - 1; /* h(t): greatest pred start allowing t */
    for (int32_t t = lo[j]; t <= hi[j]; t++) {
        for (;;) {
            struct pln_task_times pt;
            if (s + 1 > hi[i])
                break;
            pt.es = s + 1;
            pt.ef = s + 1 + m->tasks[i].duration;
            if (pln__cpm_dep_es(&rc->c, d, &m->tasks[i], &pt, &m->tasks[j]) >
                t)
                break;
            s++;
        }
        if (s >= hi[i])
            return; /* from here on always satisfied */
        if (t == hi[j]) {
            /* j starts by hi[j] whatever: i must have started by s. */
            fix_col(b, z(b, i, s), 1);
            return;
        }
        if (s < lo[i]) {
            fix_col(b, z(b, j, t), 0);
            continue;
        }
        if (!row(b, GLP_UP, 0))
            return;
        zterm(b, z(b, j, t), 1);
        zterm(b, z(b, i, s), -1);
    }
}

/* Capacity rows of crew kind k. */
static void capacity(struct build *b, size_t k, int32_t x0, int32_t x1)
{
    struct pln_rc *rc = b->rc;
    const pln_model *m = rc->m;
    for (int32_t x = x0; x <= x1; x++) {
        pln_date day = rc->first + x;
        int32_t cap = rc->cap[k * (size_t)rc->ndays + (size_t)x];
        int32_t most = 0;
        size_t mark = b->nz;
        bool started = false;
        for (size_t j = 0; j < rc->n; j++) {
            const struct pln_task *t = &m->tasks[j];
            int32_t r, q;
            if (!b->in->in[j] || !rc->uses_crews[j])
                continue;
            r = pln__rc_demand(rc, j, k);
            if (r == 0 || !pln_calset_is_working(rc->c.cs, t->calendar, day))
                continue;
            q = pln_calset_count_before(rc->c.cs, t->calendar, day);
            if (q < b->in->lo[j] || q > b->in->hi[j] + t->duration - 1)
                continue;
            if (!started) {
                if (!row(b, GLP_UP, cap))
                    return;
                started = true;
            }
            most += r;
            zterm(b, z(b, j, q), r);
            zterm(b, z(b, j, q - t->duration), -r);
        }
        if (started && most <= cap) {
            /* Cannot be exceeded: drop the row again. */
            b->nz = mark;
            b->nrows--;
        }
    }
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* The funding rows (see the top of the file). */
static void money_rows(struct build *b)
{
    struct pln_rc *rc = b->rc;
    const pln_model *m = rc->m;
    struct pln_rc_money *mo = rc->money;
    int32_t *arr = pln__malloc((mo->nt + 2) * sizeof(int32_t));
    int32_t *at = pln__malloc((mo->nt + 2) * sizeof(int32_t));
    size_t na = 0;
    if (!arr || !at) {
        pln__free(arr);
        pln__free(at);
        b->nomem = true;
        return;
    }
    pln__money_arrivals(rc, rc->es, NULL, arr);
    /* The dates to hold it on: the day before each arrival, the last. */
    for (size_t i = 0; i < mo->nt; i++)
        if (arr[i] > 0 && arr[i] < rc->ndays)
            at[na++] = arr[i] - 1;
    at[na++] = rc->ndays - 1;
    qsort(at, na, sizeof(int32_t), cmp_i32);
    for (size_t q = 0; q < na && !b->nomem; q++) {
        int32_t x = at[q];
        pln_date day = rc->first + x;
        double funds = 0;
        size_t mark = b->nz;
        bool any = false;
        if (q > 0 && at[q - 1] == x)
            continue;
        for (size_t i = 0; i < mo->nt; i++)
            if (arr[i] <= x)
                funds += (double)mo->amount[i] / 1000.0;
        if (!row(b, GLP_UP, funds))
            break;
        for (size_t j = 0; j < rc->n; j++) {
            const struct pln_task *t = &m->tasks[j];
            int32_t w, d = t->duration > 0 ? t->duration : 1;
            if (!b->in->in[j] || t->money.cost <= 0)
                continue;
            /* Working days of j's calendar up to and including x. */
            w = pln_calset_count_before(rc->c.cs, t->calendar, day + 1);
            for (int32_t i = 0; i < d; i++) {
                double p = (double)pln__money_pay_on(m, j, i) / 1000.0;
                if (p <= 0)
                    continue;
                /* The i-th working day is on or before x: S_j <= w-1-i (a
                 * milestone's day is the one before its index: S_j <= w). */
                zterm(b, z(b, j, t->duration > 0 ? w - 1 - i : w), p);
                any = true;
            }
        }
        if (!any) {
            b->nz = mark;
            b->nrows--;
        }
    }
    pln__free(arr);
    pln__free(at);
}

/* Two tasks that can never be at work on the same day: together they
 * need more of some crew kind than exists. */
static bool clash(struct pln_rc *rc, size_t i, size_t j)
{
    const pln_model *m = rc->m;
    for (size_t a = 0; a < m->tasks[i].n_demands; a++)
        for (size_t c = 0; c < m->tasks[j].n_demands; c++) {
            const struct pln_demand *x = &m->tasks[i].demands[a];
            const struct pln_demand *y = &m->tasks[j].demands[c];
            if (x->crew == y->crew &&
                x->amount + y->amount > m->crews[x->crew].count)
                return true;
        }
    return false;
}

/*
 * Clique rows: sets of tasks of which no two can be at work together
 * (clash()) have at most one at work on any day. The capacity rows imply
 * this only for integer solutions; for the LP relaxation it is much
 * stronger (the classic cuts for time-indexed models). Each task seeds one
 * clique, grown greedily; duplicates and pairs implied by one capacity row
 * are skipped.
 */
static void cliques(struct build *b, int32_t x0, int32_t x1)
{
    struct pln_rc *rc = b->rc;
    const pln_model *m = rc->m;
    size_t n = rc->n, *cl = pln__malloc((n + 1) * sizeof(size_t));
    unsigned char *seen = pln__calloc(n + 1, 1);
    if (!cl || !seen) {
        b->nomem = !cl || !seen;
        pln__free(cl);
        pln__free(seen);
        return;
    }
    for (size_t seed = 0; seed < n; seed++) {
        size_t nc = 0;
        bool fresh = false;
        if (!b->in->in[seed] || !rc->uses_crews[seed])
            continue;
        cl[nc++] = seed;
        for (size_t j = 0; j < n; j++) {
            bool all = j != seed && b->in->in[j] && rc->uses_crews[j];
            for (size_t c = 0; all && c < nc; c++)
                all = clash(rc, cl[c], j);
            if (all)
                cl[nc++] = j;
        }
        if (nc < 3)
            continue;
        for (size_t c = 0; c < nc; c++)
            fresh |= !seen[cl[c]];
        if (!fresh)
            continue; /* every member already in an earlier clique */
        for (size_t c = 0; c < nc; c++)
            seen[cl[c]] = 1;
        for (int32_t x = x0; x <= x1; x++) {
            pln_date day = rc->first + x;
            int members = 0;
            size_t mark = b->nz;
            for (size_t c = 0; c < nc; c++) {
                const struct pln_task *t = &m->tasks[cl[c]];
                int32_t q;
                if (!pln_calset_is_working(rc->c.cs, t->calendar, day))
                    continue;
                q = pln_calset_count_before(rc->c.cs, t->calendar, day);
                if (q < b->in->lo[cl[c]] ||
                    q > b->in->hi[cl[c]] + t->duration - 1)
                    continue;
                if (members++ == 0 && !row(b, GLP_UP, 1))
                    goto out;
                zterm(b, z(b, cl[c], q), 1);
                zterm(b, z(b, cl[c], q - t->duration), -1);
            }
            if (members == 1) {
                b->nz = mark;
                b->nrows--;
            }
        }
    }
out:
    pln__free(cl);
    pln__free(seen);
}

/* Second stage: D_j >= S_j - a_j and D_j >= a_j - S_j with
 * S_j = hi_j - sum_t z[j,t]; and the lateness cap. */
static void anchor_rows(struct build *b)
{
    const struct pln_mip_in *in = b->in;
    struct pln_rc *rc = b->rc;

    for (size_t j = 0; j < rc->n; j++) {
        if (!b->dcol[j])
            continue;
        for (int sign = 1; sign >= -1; sign -= 2) {
            /* sign +1: D + sum z >= hi - a;  -1: D - sum z >= a - hi */
            if (!row(b, GLP_LO, sign * (in->hi[j] - in->anchor[j])))
                return;
            term(b, b->dcol[j], 1);
            for (int32_t t = in->lo[j]; t < in->hi[j]; t++)
                zterm(b, z(b, j, t), sign);
        }
    }
    if (!row(b, GLP_UP, in->lateness_cap + 1e-6))
        return;
    for (size_t i = 0; i < rc->nd; i++)
        if (b->tcol[i])
            term(b, b->tcol[i], rc->dl[i].weight);
}

static void objective_rows(struct build *b, glp_prob *P)
{
    struct pln_rc *rc = b->rc;
    const pln_model *m = rc->m;
    const int32_t *lo = b->in->lo, *hi = b->in->hi;
    if (b->in->obj == PLN_OBJ_MAKESPAN) {
        for (size_t j = 0; j < rc->n; j++) {
            const struct pln_task *t = &m->tasks[j];
            bool last = t->n_succs == 0;
            if (!b->in->in[j])
                continue;
            for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++) {
                const struct pln_dep *d = &m->deps[m->succ_deps[k]];
                if (d->kind != PLN_DEP_FS || d->lag < 0 || !b->in->in[d->succ])
                    last = true;
            }
            if (!last)
                continue;
            int32_t fhi = pln__rc_end_days(rc, j, hi[j]);
            if (!row(b, GLP_LO, fhi))
                return;
            term(b, b->cmax, 1);
            for (int32_t t0 = lo[j]; t0 < hi[j]; t0++)
                zterm(b, z(b, j, t0),
                      pln__rc_end_days(rc, j, t0 + 1) -
                          pln__rc_end_days(rc, j, t0));
        }
        return;
    }
    for (size_t i = 0; i < rc->nd; i++) {
        const struct pln_rc_deadline *dl = &rc->dl[i];
        for (size_t e = dl->first; e < dl->first + dl->count; e++) {
            size_t j = (size_t)rc->dl_task[e];
            int32_t d = m->tasks[j].duration, bound = rc->dl_bound[e];
            if (!b->in->in[j])
                continue;
            if (b->in->obj == PLN_OBJ_LATE_SITES) {
                int32_t t0 = bound - d; /* on time iff started by t0 */
                int col = b->ycol[dl->site];
                if (t0 >= hi[j])
                    continue;
                if (t0 < lo[j]) {
                    glp_set_col_bnds(P, col, GLP_FX, 1, 1);
                    continue;
                }
                if (!row(b, GLP_LO, 1))
                    return;
                term(b, col, 1);
                zterm(b, z(b, j, t0), 1);
                continue;
            }
            /* lateness L(s) = max(0, s + d - bound) */
            int32_t lhi = hi[j] + d - bound;
            if (lhi <= 0)
                continue;
            if (!row(b, GLP_LO, lhi))
                return;
            term(b, b->tcol[i], 1);
            for (int32_t t0 = lo[j]; t0 < hi[j]; t0++) {
                int32_t a = t0 + d - bound, c = a + 1;
                int32_t delta = (c > 0 ? c : 0) - (a > 0 ? a : 0);
                if (delta)
                    zterm(b, z(b, j, t0), delta);
            }
        }
    }
}

/* ------------------------------------------------------------ solving */

struct glpk_ctx {
    jmp_buf jb;
    char last[512];   /* GLPK's last terminal line, for errors */
    size_t last_len;
    const struct pln_mip_in *in;
    struct build *b;
    double t0;
    double bound;     /* best bound seen */
    double best;      /* best integer value seen */
    bool have_best;
    bool gave_incumbent;
    bool timed_out;
    int msg_fd;       /* in a solver process: where reports go, else -1 */
    double sent_value; /* the last schedule reported */
};

/* ------------------------------------------------ the solver process
 *
 * glp_intopt() checks its time limit only between LP solves, and one LP of
 * a time-indexed model can take many seconds: the time limit would not
 * hold. So the branch-and-bound runs in a child process that reports its
 * bound and each better schedule through a pipe; the parent stops it when
 * the time is up and keeps what it was told. The child also keeps a GLPK
 * failure (trapped or not) away from the caller's process.
 */
struct msg {
    char type; /* 'P' progress, 'S' schedule, 'R' result, 'E' error */
    double a, b; /* P: value, bound; S: value; R: value, bound */
    uint32_t len; /* bytes of payload that follow */
};

static bool write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        c += w;
        n -= (size_t)w;
    }
    return true;
}

static void send_msg(int fd, char type, double a, double b, const void *p,
                     size_t n)
{
    struct msg h;
    memset(&h, 0, sizeof(h));
    h.type = type;
    h.a = a;
    h.b = b;
    h.len = (uint32_t)n;
    if (write_all(fd, &h, sizeof(h)) && n)
        write_all(fd, p, n);
}

static int term_hook(void *info, const char *s)
{
    struct glpk_ctx *g = info;
    size_t n = strlen(s);
    if (n >= sizeof(g->last))
        s += n - (sizeof(g->last) - 1), n = sizeof(g->last) - 1;
    if (g->last_len + n >= sizeof(g->last))
        g->last_len = 0;
    memcpy(g->last + g->last_len, s, n);
    g->last_len += n;
    g->last[g->last_len] = '\0';
    return 1; /* never printed */
}

static void error_hook(void *info)
{
    struct glpk_ctx *g = info;
    longjmp(g->jb, 1);
}

static void incumbent_values(struct glpk_ctx *g, double *x)
{
    struct build *b = g->b;
    const struct pln_mip_in *in = g->in;
    struct pln_rc *rc = b->rc;
    for (size_t j = 0; j < rc->n; j++) {
        if (!in->in[j])
            continue;
        for (int32_t t = in->lo[j]; t < in->hi[j]; t++)
            x[b->col0[j] + (t - in->lo[j])] = t >= in->incumbent[j] ? 1 : 0;
    }
    if (in->obj == PLN_OBJ_MAKESPAN) {
        struct pln_rc_eval ev;
        pln__rc_eval(rc, in->obj, in->incumbent, &ev);
        x[b->cmax] = ev.makespan;
        return;
    }
    for (size_t j = 0; b->dcol && j < rc->n; j++)
        if (b->dcol[j])
            x[b->dcol[j]] = abs(in->incumbent[j] - in->anchor[j]);
    for (size_t i = 0; i < rc->nd; i++) {
        const struct pln_rc_deadline *dl = &rc->dl[i];
        int32_t late = 0;
        for (size_t e = dl->first; e < dl->first + dl->count; e++) {
            size_t j = (size_t)rc->dl_task[e];
            int32_t v = in->incumbent[j] + rc->m->tasks[j].duration -
                        rc->dl_bound[e];
            if (in->in[j] && v > late)
                late = v;
        }
        if (in->obj == PLN_OBJ_LATE_SITES) {
            if (late > 0)
                x[b->ycol[dl->site]] = 1;
        } else {
            x[b->tcol[i]] = late;
        }
    }
}

/* The starts of the tasks in the model from the current MIP solution:
 * S_j = hi_j - sum_t z[j,t]. */
static void read_starts(glp_prob *P, const struct build *b, int32_t *s)
{
    const struct pln_mip_in *in = b->in;
    for (size_t j = 0; j < b->rc->n; j++) {
        int32_t sj = in->hi[j];
        if (!in->in[j])
            continue;
        for (int32_t t = in->lo[j]; t < in->hi[j]; t++)
            if (glp_mip_col_val(P, b->col0[j] + (t - in->lo[j])) > 0.5)
                sj--;
        s[j] = sj;
    }
}

static void callback(glp_tree *T, void *info)
{
    struct glpk_ctx *g = info;
    const struct pln_mip_in *in = g->in;
    int best = glp_ios_best_node(T);
    glp_prob *P = glp_ios_get_prob(T);
    if (best)
        g->bound = glp_ios_node_bound(T, best);
    if (glp_ios_reason(T) == GLP_IHEUR && in->incumbent && !g->gave_incumbent) {
        double *x = pln__calloc((size_t)g->b->ncols + 1, sizeof(double));
        g->gave_incumbent = true;
        if (x) {
            incumbent_values(g, x);
            glp_ios_heur_sol(T, x);
            pln__free(x);
        }
    }
    if (glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT) {
        g->best = glp_mip_obj_val(P);
        g->have_best = true;
        if (g->msg_fd >= 0 && (!(g->sent_value == g->sent_value) ||
                               g->best < g->sent_value - 1e-9)) {
            struct pln_rc *rc = g->b->rc;
            read_starts(P, g->b, in->incumbent_out);
            g->sent_value = g->best;
            send_msg(g->msg_fd, 'S', g->best, 0, in->incumbent_out,
                     rc->n * sizeof(int32_t));
        }
    }
    if (g->msg_fd >= 0)
        send_msg(g->msg_fd, 'P', g->have_best ? g->best : NAN, g->bound, NULL,
                 0);
    else if (in->progress) {
        struct pln_mip_progress p;
        p.elapsed = pln__now_seconds() - g->t0;
        p.have_value = g->have_best;
        p.value = g->best;
        p.bound = g->bound;
        in->progress(&p, in->progress_ud);
    }
    if (pln__now_seconds() - g->t0 > in->time_limit) {
        g->timed_out = true;
        glp_ios_terminate(T);
    }
}

static void build_release(struct build *b)
{
    pln__free(b->col0);
    pln__free(b->tcol);
    pln__free(b->ycol);
    pln__free(b->dcol);
    pln__free(b->ia);
    pln__free(b->ja);
    pln__free(b->ar);
    pln__free(b->row_type);
    pln__free(b->row_bnd);
    pln__free(b->fix);
}

/* Writes the model in CPLEX LP format to `path`, atomically. */
static bool write_lp(glp_prob *P, const char *path)
{
    size_t n = strlen(path) + 32;
    char *tmp = pln__malloc(n);
    bool ok;
    if (!tmp)
        return false;
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    ok = glp_write_lp(P, NULL, tmp) == 0 && rename(tmp, path) == 0;
    if (!ok)
        remove(tmp);
    pln__free(tmp);
    return ok;
}

pln_status pln__glpk_trap_selftest(pln_error *err)
{
    struct glpk_ctx *g = pln__calloc(1, sizeof(*g));
    glp_prob *volatile P = NULL;
    pln_status st = PLN_OK;
    if (!g)
        return PLN_ENOMEM;
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);
    if (setjmp(g->jb)) {
        glp_free_env();
        P = NULL;
        st = PLN_ESOLVER;
        pln_error_set(err, st, NULL, 0, 0, "GLPK failed: %s",
                      g->last_len ? g->last : "no message");
    } else {
        P = glp_create_prob();
        /* Column 5 of a problem without columns: a fatal error in GLPK. */
        glp_set_col_bnds(P, 5, GLP_FX, 1, 1);
        glp_delete_prob(P);
    }
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
    pln__free(g);
    return st;
}

static pln_status solve_here(const struct pln_mip_in *in,
                             struct pln_mip_out *out, pln_error *err,
                             int msg_fd)
{
    struct pln_rc *rc = in->rc;
    const pln_model *m = rc->m;
    struct build b;
    struct glpk_ctx *volatile g = NULL;
    glp_prob *volatile P = NULL;
    pln_status st = PLN_ENOMEM;
    int32_t x0 = INT32_MAX, x1 = -1;

    int32_t *starts = out->s;

    memset(out, 0, sizeof(*out));
    out->s = starts;
    memset(&b, 0, sizeof(b));
    b.in = in;
    b.rc = rc;
    out->status = PLN_MIP_UNKNOWN;
    g = pln__calloc(1, sizeof(*g));
    b.col0 = pln__calloc(rc->n + 1, sizeof(int));
    b.tcol = pln__calloc(rc->nd + 1, sizeof(int));
    b.ycol = pln__calloc(m->n_sites + 1, sizeof(int));
    if (!g || !b.col0 || !b.tcol || !b.ycol)
        goto nomem;
    /* Columns: the z's, then the objective's. */
    for (size_t j = 0; j < rc->n; j++) {
        if (!in->in[j] || in->hi[j] <= in->lo[j])
            continue;
        b.col0[j] = b.ncols + 1;
        b.ncols += in->hi[j] - in->lo[j];
    }
    if (in->anchor) {
        b.dcol = pln__calloc(rc->n + 1, sizeof(int));
        if (!b.dcol)
            goto nomem;
        for (size_t j = 0; j < rc->n; j++)
            if (in->in[j] && in->anchor[j] != INT32_MIN)
                b.dcol[j] = ++b.ncols;
    }
    if (in->obj == PLN_OBJ_MAKESPAN)
        b.cmax = ++b.ncols;
    else if (in->obj == PLN_OBJ_LATE_SITES)
        for (size_t s = 0; s < m->n_sites; s++)
            b.ycol[s] = ++b.ncols;
    else
        for (size_t i = 0; i < rc->nd; i++)
            b.tcol[i] = ++b.ncols;
    if ((size_t)b.ncols > in->max_cols) {
        out->status = PLN_MIP_TOO_BIG;
        st = PLN_OK;
        goto done;
    }
    b.fix = pln__malloc((size_t)b.ncols + 1);
    if (!b.fix)
        goto nomem;
    memset(b.fix, -1, (size_t)b.ncols + 1);
    /* Rows not depending on GLPK: order, dependencies, crews. */
    for (size_t j = 0; j < rc->n; j++) {
        if (!in->in[j])
            continue;
        for (int32_t t = in->lo[j]; t + 1 < in->hi[j]; t++) {
            if (!row(&b, GLP_UP, 0))
                goto nomem;
            zterm(&b, z(&b, j, t), 1);
            zterm(&b, z(&b, j, t + 1), -1);
        }
        for (size_t e = m->tasks[j].first_pred;
             e < m->tasks[j].first_pred + m->tasks[j].n_preds; e++)
            if (in->in[m->deps[e].pred])
                dependency(&b, &m->deps[e]);
        if (rc->uses_crews[j]) {
            int32_t a = pln__rc_day(rc, m->tasks[j].calendar, in->lo[j]);
            int32_t c = pln__rc_day(rc, m->tasks[j].calendar,
                                    in->hi[j] + m->tasks[j].duration - 1);
            if (a >= 0 && a < x0)
                x0 = a;
            if (c > x1)
                x1 = c;
        }
    }
    for (size_t k = 0; k < rc->nk && x1 >= x0; k++)
        capacity(&b, k, x0, x1);
    if (x1 >= x0)
        cliques(&b, x0, x1);
    if (rc->money && !m->replan)
        money_rows(&b);
    if (b.nomem)
        goto nomem;
    if (b.infeasible) {
        out->status = PLN_MIP_INFEASIBLE;
        st = PLN_OK;
        goto done;
    }
    out->rows = b.nrows;
    out->cols = b.ncols;
    out->nonzeros = b.nz;

    g->in = in;
    g->b = &b;
    g->msg_fd = msg_fd;
    g->sent_value = NAN;
    g->t0 = pln__now_seconds();
    g->bound = -INFINITY;
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);
    if (setjmp(g->jb)) {
        /* GLPK failed fatally; its state is unusable until freed. */
        glp_free_env();
        P = NULL;
        st = PLN_ESOLVER;
        pln_error_set(err, st, m->source, 0, 0, "GLPK failed: %s",
                      g->last_len ? g->last : "no message");
        goto done;
    }
    P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MIN);
    if (b.ncols)
        glp_add_cols(P, b.ncols);
    for (int c = 1; c <= b.ncols; c++) {
        glp_set_col_kind(P, c, GLP_BV);
        if (b.fix[c] >= 0)
            glp_set_col_bnds(P, c, GLP_FX, b.fix[c], b.fix[c]);
    }
    if (b.cmax) {
        glp_set_col_kind(P, b.cmax, GLP_CV);
        glp_set_col_bnds(P, b.cmax, GLP_LO, 0, 0);
        glp_set_col_name(P, b.cmax, "Cmax");
        glp_set_obj_coef(P, b.cmax, 1);
    }
    for (size_t i = 0; i < rc->nd; i++)
        if (b.tcol[i]) {
            glp_set_col_kind(P, b.tcol[i], GLP_CV);
            glp_set_col_bnds(P, b.tcol[i], GLP_LO, 0, 0);
            glp_set_obj_coef(P, b.tcol[i], in->anchor ? 0 : rc->dl[i].weight);
        }
    for (size_t j = 0; b.dcol && j < rc->n; j++)
        if (b.dcol[j]) {
            glp_set_col_kind(P, b.dcol[j], GLP_CV);
            glp_set_col_bnds(P, b.dcol[j], GLP_LO, 0, 0);
            glp_set_obj_coef(P, b.dcol[j], 1);
        }
    for (size_t s = 0; s < m->n_sites; s++)
        if (b.ycol[s])
            glp_set_obj_coef(P, b.ycol[s], 1);
    objective_rows(&b, P);
    if (b.dcol)
        anchor_rows(&b);
    if (b.nomem) {
        glp_delete_prob(P);
        P = NULL;
        goto nomem;
    }
    if (b.nrows)
        glp_add_rows(P, b.nrows);
    for (int r = 1; r <= b.nrows; r++)
        glp_set_row_bnds(P, r, b.row_type[r], b.row_bnd[r], b.row_bnd[r]);
    if (b.nz)
        glp_load_matrix(P, (int)b.nz, b.ia, b.ja, b.ar);
    out->rows = b.nrows;
    out->nonzeros = b.nz;
    if (in->lp_path) {
        if (!write_lp(P, in->lp_path)) {
            st = PLN_EIO;
            pln_error_set(err, st, in->lp_path, 0, 0,
                          "cannot write the LP file");
            goto done;
        }
    }
    if (in->time_limit <= 0) {
        st = PLN_OK;
        goto done;
    }
    {
        glp_smcp sm;
        glp_iocp io;
        int ret, ms;
        glp_init_smcp(&sm);
        sm.msg_lev = GLP_MSG_OFF;
        sm.meth = GLP_PRIMAL;
        sm.presolve = GLP_OFF;
        if (in->anchor) {
            /* The second stage's LP is highly degenerate (most tasks can
             * sit anywhere in their windows at no cost): the dual simplex
             * after LP presolve is 10-20x faster on it than the primal.
             * glp_simplex restores an optimal basis of the whole problem
             * afterwards, which glp_intopt needs. */
            sm.meth = GLP_DUALP;
            sm.presolve = GLP_ON;
        }
        sm.tm_lim = (int)(in->time_limit * 1000);
        ret = glp_simplex(P, &sm);
        if (ret == 0 && glp_get_status(P) == GLP_NOFEAS) {
            out->status = PLN_MIP_INFEASIBLE;
            st = PLN_OK;
            goto done;
        }
        if (ret != 0 || glp_get_status(P) != GLP_OPT) {
            out->status = PLN_MIP_UNKNOWN; /* LP not solved in time */
            st = PLN_OK;
            goto done;
        }
        out->root_bound = glp_get_obj_val(P);
        g->bound = out->root_bound;
        if (in->lp_only) {
            out->status = PLN_MIP_UNKNOWN;
            out->bound = g->bound;
            st = PLN_OK;
            goto done;
        }
        ms = (int)((in->time_limit - (pln__now_seconds() - g->t0)) * 1000);
        if (ms <= 0) {
            out->bound = g->bound;
            st = PLN_OK;
            goto done;
        }
        glp_init_iocp(&io);
        io.msg_lev = GLP_MSG_OFF;
        io.presolve = GLP_OFF;
        io.tm_lim = ms;
        io.mip_gap = in->rel_gap;
        /* GLPK's cover and clique cuts cost more time than they saved on
         * PSPLIB j30 (measured): off. */
        io.br_tech = GLP_BR_PCH;
        io.bt_tech = GLP_BT_BLB;
        io.cb_func = callback;
        io.cb_info = g;
        ret = glp_intopt(P, &io);
        (void)ret;
        switch (glp_mip_status(P)) {
        case GLP_OPT:
            out->status = g->timed_out || ret != 0 ? PLN_MIP_FEASIBLE
                                                   : PLN_MIP_OPTIMAL;
            break;
        case GLP_FEAS:
            out->status = PLN_MIP_FEASIBLE;
            break;
        case GLP_NOFEAS:
            out->status = ret == 0 ? PLN_MIP_INFEASIBLE : PLN_MIP_UNKNOWN;
            break;
        default:
            out->status = PLN_MIP_UNKNOWN;
            break;
        }
        out->bound = g->bound;
        if (out->status == PLN_MIP_OPTIMAL || out->status == PLN_MIP_FEASIBLE) {
            out->value = glp_mip_obj_val(P);
            if (out->status == PLN_MIP_OPTIMAL && in->rel_gap <= 0)
                out->bound = out->value;
            read_starts(P, &b, out->s);
            out->have_solution = true;
        }
        out->elapsed = pln__now_seconds() - g->t0;
        st = PLN_OK;
    }
done:
    if (P)
        glp_delete_prob(P);
    if (g && g->t0 > 0) {
        glp_term_hook(NULL, NULL);
        glp_error_hook(NULL, NULL);
    }
    build_release(&b);
    pln__free(g);
    return st;
nomem:
    st = PLN_ENOMEM;
    pln_error_set(err, st, m->source, 0, 0, "out of memory");
    goto done;
}

/* The parent's side: reads reports until the result or the time limit. */
static pln_status collect(const struct pln_mip_in *in, struct pln_mip_out *out,
                          pln_error *err, int fd, pid_t pid)
{
    const pln_model *m = in->rc->m;
    double t0 = pln__now_seconds(), bound = -INFINITY, best = NAN;
    bool done = false, failed = false;
    char text[PLN_ERROR_TEXT_LEN] = "";
    int32_t *starts = out->s;
    size_t n = in->rc->n;
    int status;

    memset(out, 0, sizeof(*out));
    out->s = starts;
    out->status = PLN_MIP_UNKNOWN;
    out->bound = -INFINITY;
    while (!done) {
        struct msg h;
        struct pollfd p = {fd, POLLIN, 0};
        double left = in->time_limit + 0.5 - (pln__now_seconds() - t0);
        int r;
        if (left <= 0)
            break;
        r = poll(&p, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        {
            size_t got = 0;
            while (got < sizeof(h)) {
                ssize_t k = read(fd, (char *)&h + got, sizeof(h) - got);
                if (k < 0 && errno == EINTR)
                    continue;
                if (k <= 0)
                    break;
                got += (size_t)k;
            }
            if (got < sizeof(h)) {
                failed = true; /* the solver process died */
                break;
            }
        }
        {
            char *payload = NULL;
            size_t got = 0;
            if (h.len) {
                payload = pln__malloc(h.len + 1);
                if (!payload)
                    break;
                while (got < h.len) {
                    ssize_t k = read(fd, payload + got, h.len - got);
                    if (k < 0 && errno == EINTR)
                        continue;
                    if (k <= 0)
                        break;
                    got += (size_t)k;
                }
            }
            if (got < h.len) {
                pln__free(payload);
                failed = true;
                break;
            }
            switch (h.type) {
            case 'P':
                if (h.b > bound)
                    bound = h.b;
                if (in->progress) {
                    struct pln_mip_progress q;
                    q.elapsed = pln__now_seconds() - t0;
                    q.have_value = h.a == h.a;
                    q.value = h.a;
                    q.bound = bound;
                    in->progress(&q, in->progress_ud);
                }
                break;
            case 'S':
                if (h.len == n * sizeof(int32_t)) {
                    memcpy(out->s, payload, h.len);
                    out->have_solution = true;
                    best = h.a;
                }
                break;
            case 'R':
                if (h.len == sizeof(*out)) {
                    struct pln_mip_out res;
                    memcpy(&res, payload, sizeof(res));
                    res.s = out->s;
                    res.have_solution = res.have_solution || out->have_solution;
                    if (!(res.status == PLN_MIP_OPTIMAL ||
                          res.status == PLN_MIP_FEASIBLE) &&
                        out->have_solution) {
                        res.status = PLN_MIP_FEASIBLE;
                        res.value = best;
                    }
                    *out = res;
                }
                done = true;
                break;
            case 'E':
                if (payload) {
                    payload[h.len] = '\0';
                    snprintf(text, sizeof(text), "%s", payload);
                }
                failed = true;
                done = true;
                break;
            default:
                failed = true;
                done = true;
                break;
            }
            pln__free(payload);
        }
    }
    if (!done || failed)
        kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    close(fd);
    if (failed) {
        pln_error_set(err, PLN_ESOLVER, m->source, 0, 0, "%s",
                      text[0] ? text : "the GLPK solver process failed");
        return PLN_ESOLVER;
    }
    if (!done) {
        /* Stopped at the time limit: what it reported stands. */
        out->status = out->have_solution ? PLN_MIP_FEASIBLE : PLN_MIP_UNKNOWN;
        out->value = best;
        out->bound = bound;
        out->elapsed = pln__now_seconds() - t0;
    }
    return PLN_OK;
}

pln_status pln__mip_solve(const struct pln_mip_in *in, struct pln_mip_out *out,
                          pln_error *err)
{
    int fds[2];
    pid_t pid;
    if (in->time_limit <= 0 || in->lp_only || !in->incumbent_out ||
        pipe(fds) != 0)
        return solve_here(in, out, err, -1);
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return solve_here(in, out, err, -1);
    }
    if (pid == 0) {
        pln_error e;
        pln_status st;
        close(fds[0]);
        signal(SIGPIPE, SIG_DFL);
        pln_error_init(&e);
        st = solve_here(in, out, &e, fds[1]);
        if (st == PLN_OK)
            send_msg(fds[1], 'R', out->value, out->bound, out, sizeof(*out));
        else
            send_msg(fds[1], 'E', 0, 0, e.message, strlen(e.message));
        _exit(0);
    }
    close(fds[1]);
    return collect(in, out, err, fds[0], pid);
}

/* ----------------------------------------------------- a plain LP
 *
 * lp_int.h: the time-cost trade-off's linear programs. Small (one
 * component of the dependency graph each), so no solver process: each
 * GLPK call runs under the error trap here. The first solve is the primal
 * simplex from GLPK's advanced basis; a re-solve after a row's bounds
 * changed is the dual simplex from the last optimal basis (still dual
 * feasible: only a right-hand side moved), falling back to the primal.
 */
struct pln_lp {
    int ncols, nrows;
    double *clo, *chi, *cost, *rlo, *rhi;
    int *ia, *ja;
    double *ar;
    size_t nz, nz_cap;
    glp_prob *P;
    bool solved; /* a basis to start from */
    double *x, *dual, obj;
};

pln_lp *pln__lp_new(int ncols, int nrows)
{
    pln_lp *lp = pln__calloc(1, sizeof(*lp));
    if (!lp)
        return NULL;
    lp->ncols = ncols;
    lp->nrows = nrows;
    lp->clo = pln__malloc(((size_t)ncols + 1) * sizeof(double));
    lp->chi = pln__malloc(((size_t)ncols + 1) * sizeof(double));
    lp->cost = pln__calloc((size_t)ncols + 1, sizeof(double));
    lp->x = pln__calloc((size_t)ncols + 1, sizeof(double));
    lp->rlo = pln__malloc(((size_t)nrows + 1) * sizeof(double));
    lp->rhi = pln__malloc(((size_t)nrows + 1) * sizeof(double));
    lp->dual = pln__calloc((size_t)nrows + 1, sizeof(double));
    if (!lp->clo || !lp->chi || !lp->cost || !lp->x || !lp->rlo || !lp->rhi ||
        !lp->dual) {
        pln__lp_free(lp);
        return NULL;
    }
    for (int j = 0; j < ncols; j++) {
        lp->clo[j] = -INFINITY;
        lp->chi[j] = INFINITY;
    }
    for (int i = 0; i < nrows; i++) {
        lp->rlo[i] = -INFINITY;
        lp->rhi[i] = INFINITY;
    }
    return lp;
}

void pln__lp_free(pln_lp *lp)
{
    if (!lp)
        return;
    if (lp->P)
        glp_delete_prob(lp->P);
    pln__free(lp->clo);
    pln__free(lp->chi);
    pln__free(lp->cost);
    pln__free(lp->x);
    pln__free(lp->rlo);
    pln__free(lp->rhi);
    pln__free(lp->dual);
    pln__free(lp->ia);
    pln__free(lp->ja);
    pln__free(lp->ar);
    pln__free(lp);
}

void pln__lp_col(pln_lp *lp, int j, double lo, double hi, double cost)
{
    lp->clo[j] = lo;
    lp->chi[j] = hi;
    lp->cost[j] = cost;
}

static int bound_type(double lo, double hi)
{
    if (isinf(lo) && isinf(hi))
        return GLP_FR;
    if (isinf(hi))
        return GLP_LO;
    if (isinf(lo))
        return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

void pln__lp_row(pln_lp *lp, int i, double lo, double hi)
{
    lp->rlo[i] = lo;
    lp->rhi[i] = hi;
    if (lp->P)
        glp_set_row_bnds(lp->P, i + 1, bound_type(lo, hi),
                         isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
}

bool pln__lp_coef(pln_lp *lp, int i, int j, double a)
{
    if (lp->nz + 2 > lp->nz_cap) {
        size_t cap = lp->nz_cap ? 2 * lp->nz_cap : 64;
        int *ia = pln__realloc(lp->ia, cap * sizeof(int));
        if (ia)
            lp->ia = ia;
        int *ja = pln__realloc(lp->ja, cap * sizeof(int));
        if (ja)
            lp->ja = ja;
        double *ar = pln__realloc(lp->ar, cap * sizeof(double));
        if (ar)
            lp->ar = ar;
        if (!ia || !ja || !ar)
            return false;
        lp->nz_cap = cap;
    }
    /* GLPK's arrays are 1-based: entry 0 stays unused. */
    lp->nz++;
    lp->ia[lp->nz] = i + 1;
    lp->ja[lp->nz] = j + 1;
    lp->ar[lp->nz] = a;
    return true;
}

/* Sums duplicate (i, j) entries, which glp_load_matrix refuses. Each
 * row's entries are added together (pln__lp_coef row by row), so a
 * duplicate can only be in the run of its own row. */
static void merge_duplicates(pln_lp *lp)
{
    size_t n = lp->nz, out = 0;
    for (size_t k = 1; k <= n; k++) {
        size_t q = out;
        while (q >= 1 && lp->ia[q] == lp->ia[k] && lp->ja[q] != lp->ja[k])
            q--;
        if (q >= 1 && lp->ia[q] == lp->ia[k]) {
            lp->ar[q] += lp->ar[k];
            continue;
        }
        out++;
        lp->ia[out] = lp->ia[k];
        lp->ja[out] = lp->ja[k];
        lp->ar[out] = lp->ar[k];
    }
    lp->nz = out;
}

static void lp_build(pln_lp *lp)
{
    glp_prob *P = glp_create_prob();
    lp->P = P;
    glp_set_obj_dir(P, GLP_MIN);
    if (lp->ncols)
        glp_add_cols(P, lp->ncols);
    if (lp->nrows)
        glp_add_rows(P, lp->nrows);
    for (int j = 0; j < lp->ncols; j++) {
        double lo = lp->clo[j], hi = lp->chi[j];
        glp_set_col_bnds(P, j + 1, bound_type(lo, hi), isinf(lo) ? 0 : lo,
                         isinf(hi) ? 0 : hi);
        glp_set_obj_coef(P, j + 1, lp->cost[j]);
    }
    for (int i = 0; i < lp->nrows; i++) {
        double lo = lp->rlo[i], hi = lp->rhi[i];
        glp_set_row_bnds(P, i + 1, bound_type(lo, hi), isinf(lo) ? 0 : lo,
                         isinf(hi) ? 0 : hi);
    }
    merge_duplicates(lp);
    if (lp->nz)
        glp_load_matrix(P, (int)lp->nz, lp->ia, lp->ja, lp->ar);
}

pln_status pln__lp_solve(pln_lp *lp, enum pln_lp_result *res,
                         pln_error *err)
{
    struct glpk_ctx *volatile g = pln__calloc(1, sizeof(*g));
    pln_status st = PLN_OK;
    glp_smcp parm;
    int r, status;

    *res = PLN_LP_INFEASIBLE;
    if (!g) {
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);
    if (setjmp(g->jb)) {
        /* Every GLPK object is gone with the environment. */
        glp_free_env();
        lp->P = NULL;
        lp->solved = false;
        st = PLN_ESOLVER;
        pln_error_set(err, st, NULL, 0, 0, "GLPK failed: %s",
                      g->last_len ? g->last : "no message");
        goto done;
    }
    if (!lp->P)
        lp_build(lp);
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    r = 1;
    if (lp->solved) {
        parm.meth = GLP_DUALP;
        r = glp_simplex(lp->P, &parm);
    }
    if (r != 0) {
        glp_adv_basis(lp->P, 0);
        parm.meth = GLP_PRIMAL;
        r = glp_simplex(lp->P, &parm);
    }
    if (r != 0) {
        st = PLN_ESOLVER;
        pln_error_set(err, st, NULL, 0, 0,
                      "GLPK's simplex failed (code %d): %s", r,
                      g->last_len ? g->last : "no message");
        lp->solved = false;
        goto done;
    }
    status = glp_get_status(lp->P);
    if (status == GLP_OPT) {
        *res = PLN_LP_OPTIMAL;
        lp->solved = true;
        lp->obj = glp_get_obj_val(lp->P);
        for (int j = 0; j < lp->ncols; j++)
            lp->x[j] = glp_get_col_prim(lp->P, j + 1);
        for (int i = 0; i < lp->nrows; i++)
            lp->dual[i] = glp_get_row_dual(lp->P, i + 1);
    } else {
        *res = status == GLP_UNBND ? PLN_LP_UNBOUNDED : PLN_LP_INFEASIBLE;
        /* An infeasible end basis is no start for the dual simplex. */
        lp->solved = false;
    }
done:
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
    pln__free((void *)g);
    return st;
}

double pln__lp_objective(const pln_lp *lp)
{
    return lp->obj;
}

double pln__lp_x(const pln_lp *lp, int j)
{
    return lp->x[j];
}

double pln__lp_dual(const pln_lp *lp, int i)
{
    return lp->dual[i];
}

int pln__lp_rows(const pln_lp *lp)
{
    return lp->nrows;
}

size_t pln__lp_nonzeros(const pln_lp *lp)
{
    return lp->nz;
}
