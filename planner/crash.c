/*
 * crash.c -- what it takes to meet the deadlines: the cheapest set of task
 * shortenings (crashing) that makes every deadline hold, crews not
 * limiting, by linear programming with GLPK (lp_int.h); the deadlines that
 * cannot be met even with every task fully shortened, and by how much; and
 * the price of each deadline: what one more working day would save, and
 * what one day earlier would cost.
 *
 * Formulation, one LP per connected component of the dependency graph
 * (usually one site: sites meet only through crews, which do not limit
 * here, so a program of 10,000 sites is 10,000 small LPs instead of one
 * large one, and a deadline's price is a re-solve of one small LP):
 *   columns  s_j, f_j: start and finish index of task j in its own calendar
 *            (s_j >= its release: plan start, start_not_before, the first
 *            day of start_within);
 *   rows     dmin_j <= f_j - s_j <= d_j (= d_j without a crash option);
 *            per dependency i -> j: Q_j - P_i >= o_ij, P/Q the events the
 *            kind names (finish-to-start: f_i, s_j), o_ij the offset the
 *            calendars and the lag give between them;
 *            per deadline and step it binds: f_j <= L (finish by), or
 *            s_j <= L (start within; for a milestone f_j = s_j);
 *   minimise sum_j c_j (d_j - f_j + s_j), c_j the cost per day saved.
 * Every row is a difference of two columns with integral bounds: the
 * constraint matrix is a network matrix, so the simplex's vertex is
 * integral and the LP optimum is the integer optimum.
 *
 * Calendars make the offsets depend on the dates: a finish-to-start
 * between a Monday-to-Saturday step and a Monday-to-Friday one, or a step
 * whose calendar has a winter stop, converts a finish index into a start
 * index by a step function, not a constant. Within one calendar the
 * offsets are constants and the LP is exact: its optimum is the cheapest
 * plan ("lp"). With several calendars in a component the LP is a guide
 * (successive linearisation): each round builds it with the offsets at
 * the current durations, and its answer is checked by the exact forward
 * pass; a plan that meets every deadline is kept when it is the cheapest
 * so far, one whose offsets did not move ends the rounds, one that misses
 * a deadline tightens that row by the shortfall for the next round (at
 * most 8). This runs from both ends, the normal durations and the fully
 * shortened ones; then, on the exact schedule, days no deadline needs are
 * given back and days of shortening are moved to cheaper tasks while that
 * helps ("lp+repair": always a plan that meets what it says, not proven
 * cheapest; against a brute force over 720 random small models with mixed
 * calendars, every kind of dependency and lags, 5 plans were dearer than
 * the cheapest).
 *
 * Deadlines that no shortening can meet: a first phase minimises their
 * total lateness instead (each deadline row gets a lateness column z >= 0,
 * f_j - z <= L, objective sum z), from the fully shortened schedule (which
 * need not be the closest: a shorter step with a finish-to-finish
 * predecessor starts later, and its start-to-start successors with it).
 * Each such deadline is reported with the working days it is still missed
 * by, and the cost phase then brings it that close and meets every other
 * deadline at least cost.
 *
 * Prices: for each deadline of each site, the component's LP is solved
 * again with the deadline one working day later and one earlier (of the
 * program's default calendar), warm from the optimal basis: finite
 * differences of the LP's optimum, exact where the LP is, whatever the
 * breakpoints of the piecewise-linear cost curve (a dual value alone is
 * only one of its slopes). A deadline shared by several sites (one id)
 * gets the sum over its sites.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cpm_int.h"
#include "lp_int.h"

#define CRASH_ROUNDS 8

/* One deadline row: constraint k binds task j. */
struct drow {
    int k;
    int task;
    bool on_start;    /* start_within: s_j <= bound (duration > 0) */
    int32_t bound;    /* L, as the constraint's date gives it */
    int32_t tight;    /* working days taken off L by the repair */
    int32_t relax;    /* > 0: unmeetable; L raised to the fully shortened
                         finish (the most that can be met) */
    int32_t short_by; /* unmeetable by this many working days */
};

struct comp {
    int *tasks; /* in topological order */
    size_t n;
    size_t first_row, n_rows; /* into X->rows */
};

struct crash {
    const pln_model *m;
    struct pln_cpm_ctx c;
    int32_t *release;
    int32_t *dmin, *dmax, *dur;
    int32_t *es, *ef;
    int *comp_of; /* task -> component */
    int *pos;     /* task -> its column pair within its component */
    struct comp *comps;
    size_t n_comps;
    struct drow *rows;
    size_t n_rows;
    bool repaired;
    size_t lps, lp_rows, lp_nz;
    pln_error *err;
};

static int find(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Components of the dependency graph, each with its tasks in topological
 * order and its deadline rows. */
static pln_status components(struct crash *X)
{
    const pln_model *m = X->m;
    size_t n = m->n_tasks;
    int *parent = pln__malloc((n + 1) * sizeof(int));
    int *order = pln__topo_order(m);
    int *root_comp = pln__malloc((n + 1) * sizeof(int));
    size_t *fill = NULL;
    pln_status st = PLN_ENOMEM;

    if (!parent || !order || !root_comp)
        goto done;
    for (size_t j = 0; j < n; j++)
        parent[j] = (int)j;
    for (size_t e = 0; e < m->n_deps; e++) {
        int a = find(parent, m->deps[e].pred),
            b = find(parent, m->deps[e].succ);
        if (a != b)
            parent[a < b ? b : a] = a < b ? a : b;
    }
    for (size_t j = 0; j < n; j++)
        root_comp[j] = -1;
    for (size_t j = 0; j < n; j++) {
        int r = find(parent, (int)j);
        if (root_comp[r] < 0)
            root_comp[r] = (int)X->n_comps++;
        X->comp_of[j] = root_comp[r];
    }
    X->comps = pln__calloc(X->n_comps + 1, sizeof(*X->comps));
    fill = pln__calloc(X->n_comps + 1, sizeof(size_t));
    if (!X->comps || !fill)
        goto done;
    for (size_t j = 0; j < n; j++)
        X->comps[X->comp_of[j]].n++;
    for (size_t q = 0; q < X->n_comps; q++) {
        X->comps[q].tasks = pln__malloc((X->comps[q].n + 1) * sizeof(int));
        if (!X->comps[q].tasks)
            goto done;
    }
    for (size_t i = 0; i < n; i++) {
        int j = order[i];
        struct comp *cp = &X->comps[X->comp_of[j]];
        X->pos[j] = (int)fill[X->comp_of[j]];
        cp->tasks[fill[X->comp_of[j]]++] = j;
    }
    st = PLN_OK;
done:
    pln__free(parent);
    pln__free(order);
    pln__free(root_comp);
    pln__free(fill);
    return st;
}

/* The row's bound for the constraint's date `to`. */
static int32_t row_bound(struct crash *X, const struct pln_constraint *con,
                         const struct pln_task *t, pln_date to, bool *on_start)
{
    *on_start = false;
    if (con->kind == PLN_CONS_FINISH_BY)
        return pln__cpm_finish_by_lf(&X->c, t, to);
    /* start_within: the start event no later than the last day. */
    if (t->duration > 0) {
        *on_start = true;
        return pln__cpm_count(&X->c, t->calendar, to + 1) - 1;
    }
    return pln__cpm_start_by_lf(&X->c, t, to);
}

/* Releases and deadline rows, grouped by component. */
static pln_status bounds(struct crash *X)
{
    const pln_model *m = X->m;
    size_t cnt = 0;
    size_t *fill;

    for (size_t j = 0; j < m->n_tasks; j++)
        X->release[j] = pln__cpm_release_es(&X->c, &m->tasks[j], m->start);
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *con = &m->constraints[k];
        size_t lo, hi;
        pln__cons_range(m, con, &lo, &hi);
        for (size_t t = lo; t < hi; t++) {
            if (!pln__cons_binds(m, con, t))
                continue;
            if (con->kind != PLN_CONS_FINISH_BY) {
                int32_t b = pln__cpm_release_es(&X->c, &m->tasks[t], con->from);
                if (con->from != PLN_DATE_NONE && b > X->release[t])
                    X->release[t] = b;
            }
            if (con->kind != PLN_CONS_START_NOT_BEFORE)
                cnt++;
        }
    }
    X->rows = pln__calloc(cnt + 1, sizeof(*X->rows));
    fill = pln__calloc(X->n_comps + 1, sizeof(size_t));
    if (!X->rows || !fill) {
        pln__free(fill);
        return PLN_ENOMEM;
    }
    /* Count per component, then place. */
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *con = &m->constraints[k];
        size_t lo, hi;
        if (con->kind == PLN_CONS_START_NOT_BEFORE)
            continue;
        pln__cons_range(m, con, &lo, &hi);
        for (size_t t = lo; t < hi; t++)
            if (pln__cons_binds(m, con, t))
                X->comps[X->comp_of[t]].n_rows++;
    }
    for (size_t q = 0, at = 0; q < X->n_comps; q++) {
        X->comps[q].first_row = at;
        at += X->comps[q].n_rows;
    }
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *con = &m->constraints[k];
        size_t lo, hi;
        if (con->kind == PLN_CONS_START_NOT_BEFORE)
            continue;
        pln__cons_range(m, con, &lo, &hi);
        for (size_t t = lo; t < hi; t++) {
            struct comp *cp;
            struct drow *r;
            if (!pln__cons_binds(m, con, t))
                continue;
            cp = &X->comps[X->comp_of[t]];
            r = &X->rows[cp->first_row + fill[X->comp_of[t]]++];
            r->k = (int)k;
            r->task = (int)t;
            r->bound = row_bound(X, con, &m->tasks[t], con->to, &r->on_start);
        }
    }
    X->n_rows = cnt;
    pln__free(fill);
    return PLN_OK;
}

/* The exact forward pass over one component with durations `dur`. */
static void forward(struct crash *X, const struct comp *cp, const int32_t *dur)
{
    const pln_model *m = X->m;
    for (size_t i = 0; i < cp->n; i++) {
        int j = cp->tasks[i];
        struct pln_task tj = m->tasks[j];
        int32_t es = X->release[j];
        tj.duration = dur[j];
        for (size_t e = tj.first_pred; e < tj.first_pred + tj.n_preds; e++) {
            const struct pln_dep *d = &m->deps[e];
            struct pln_task_times pt;
            struct pln_task tp = m->tasks[d->pred];
            int32_t b;
            tp.duration = dur[d->pred];
            pt.es = X->es[d->pred];
            pt.ef = X->ef[d->pred];
            b = pln__cpm_dep_es(&X->c, d, &tp, &pt, &tj);
            if (b > es)
                es = b;
        }
        X->es[j] = es;
        X->ef[j] = es + dur[j];
    }
}

static int32_t row_value(const struct crash *X, const struct drow *r)
{
    return r->on_start ? X->es[r->task] : X->ef[r->task];
}

/* What the row must meet: its deadline, or for an unmeetable one the
 * fully shortened finish. */
static int32_t row_goal(const struct drow *r)
{
    return r->relax > 0 ? r->relax : r->bound;
}

/* What the LP asks of it: tightened where the calendars fooled an
 * earlier round. */
static int32_t row_limit(const struct drow *r)
{
    return row_goal(r) - r->tight;
}

/* Offset of dependency e at the current exact times: Q_j - P_i >= o. */
static int32_t offset(struct crash *X, size_t e, const int32_t *dur)
{
    const pln_model *m = X->m;
    const struct pln_dep *d = &m->deps[e];
    struct pln_task tp = m->tasks[d->pred], ts = m->tasks[d->succ];
    struct pln_task_times pt;
    bool from_start = d->kind == PLN_DEP_SS || d->kind == PLN_DEP_SF;
    bool to_start = d->kind == PLN_DEP_FS || d->kind == PLN_DEP_SS;
    int32_t b;
    tp.duration = dur[d->pred];
    ts.duration = dur[d->succ];
    pt.es = X->es[d->pred];
    pt.ef = X->ef[d->pred];
    b = pln__cpm_dep_es(&X->c, d, &tp, &pt, &ts); /* bound on s_j */
    if (!to_start)
        b += ts.duration; /* bound on f_j */
    return b - (from_start ? pt.es : pt.ef);
}

/* Column of task j's start (0) or finish (1) in its component's LP. */
static int col(const struct crash *X, int j, int which)
{
    return 2 * X->pos[j] + which;
}

/* The component's LP at the current times; `offs` gets the offset of
 * each dependency in the order of the rows. `lateness`: the first phase,
 * where each deadline row f_j - z_r <= L has a lateness column z_r >= 0
 * (after the task columns) and the objective is sum z_r alone. */
static pln_lp *build_lp(struct crash *X, const struct comp *cp, int32_t *offs,
                        bool lateness)
{
    const pln_model *m = X->m;
    size_t n_deps = 0;
    int row = 0, zcol = 2 * (int)cp->n;
    pln_lp *lp;

    for (size_t i = 0; i < cp->n; i++)
        n_deps += m->tasks[cp->tasks[i]].n_preds;
    lp = pln__lp_new(2 * (int)cp->n + (lateness ? (int)cp->n_rows : 0),
                     (int)(cp->n + n_deps + cp->n_rows));
    if (!lp)
        return NULL;
    for (size_t i = 0; i < cp->n; i++) {
        int j = cp->tasks[i];
        const struct pln_task *t = &m->tasks[j];
        double c =
            X->dmin[j] < X->dmax[j] && !lateness ? t->money.crash_cost : 0;
        pln__lp_col(lp, col(X, j, 0), X->release[j], INFINITY, c);
        pln__lp_col(lp, col(X, j, 1), -INFINITY, INFINITY, -c);
        pln__lp_row(lp, row, X->dmin[j], X->dmax[j]);
        if (!pln__lp_coef(lp, row, col(X, j, 1), 1) ||
            !pln__lp_coef(lp, row, col(X, j, 0), -1))
            goto fail;
        row++;
    }
    for (size_t i = 0; i < cp->n; i++) {
        int j = cp->tasks[i];
        const struct pln_task *t = &m->tasks[j];
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
            const struct pln_dep *d = &m->deps[e];
            bool from_start = d->kind == PLN_DEP_SS || d->kind == PLN_DEP_SF;
            bool to_start = d->kind == PLN_DEP_FS || d->kind == PLN_DEP_SS;
            offs[row - (int)cp->n] = offset(X, e, X->dur);
            pln__lp_row(lp, row, offs[row - (int)cp->n], INFINITY);
            if (!pln__lp_coef(lp, row, col(X, j, to_start ? 0 : 1), 1) ||
                !pln__lp_coef(lp, row, col(X, d->pred, from_start ? 0 : 1), -1))
                goto fail;
            row++;
        }
    }
    for (size_t q = 0; q < cp->n_rows; q++) {
        const struct drow *r = &X->rows[cp->first_row + q];
        pln__lp_row(lp, row, -INFINITY,
                    lateness ? r->bound - r->tight : row_limit(r));
        if (!pln__lp_coef(lp, row, col(X, r->task, r->on_start ? 0 : 1), 1))
            goto fail;
        if (lateness) {
            pln__lp_col(lp, zcol + (int)q, 0, INFINITY, 1);
            if (!pln__lp_coef(lp, row, zcol + (int)q, -1))
                goto fail;
        }
        row++;
    }
    return lp;
fail:
    pln__lp_free(lp);
    return NULL;
}

/* Whether the dependencies' offsets at the current times are `offs`
 * (those the LP was built with): then the LP's answer is exact. */
static bool same_offsets(struct crash *X, const struct comp *cp,
                         const int32_t *offs)
{
    const pln_model *m = X->m;
    size_t q = 0;
    for (size_t i = 0; i < cp->n; i++) {
        const struct pln_task *t = &m->tasks[cp->tasks[i]];
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++)
            if (offset(X, e, X->dur) != offs[q++])
                return false;
    }
    return true;
}

/* The deadline rows of a component begin after its tasks' and deps'. */
static int first_deadline_row(const struct crash *X, const struct comp *cp)
{
    size_t n_deps = 0;
    for (size_t i = 0; i < cp->n; i++)
        n_deps += X->m->tasks[cp->tasks[i]].n_preds;
    return (int)(cp->n + n_deps);
}

/* Durations from an optimal LP. */
static void read_durations(struct crash *X, const struct comp *cp,
                           const pln_lp *lp)
{
    for (size_t i = 0; i < cp->n; i++) {
        int j = cp->tasks[i];
        double d = pln__lp_x(lp, col(X, j, 1)) - pln__lp_x(lp, col(X, j, 0));
        int32_t v = (int32_t)lround(d);
        X->dur[j] = v < X->dmin[j]   ? X->dmin[j]
                    : v > X->dmax[j] ? X->dmax[j]
                                     : v;
    }
}

static bool rows_hold(struct crash *X, const struct comp *cp)
{
    for (size_t q = 0; q < cp->n_rows; q++) {
        const struct drow *r = &X->rows[cp->first_row + q];
        if (row_value(X, r) > row_goal(r))
            return false;
    }
    return true;
}

/* Working days the exact schedule does not need, given back (dearest
 * first, a day at a time). */
static void give_back(struct crash *X, const struct comp *cp)
{
    const pln_model *m = X->m;
    for (;;) {
        int best = -1;
        for (size_t i = 0; i < cp->n; i++) {
            int j = cp->tasks[i];
            if (X->dur[j] >= X->dmax[j] || m->tasks[j].money.crash_cost <= 0)
                continue;
            X->dur[j]++;
            forward(X, cp, X->dur);
            if (rows_hold(X, cp) &&
                (best < 0 || m->tasks[j].money.crash_cost >
                                 m->tasks[best].money.crash_cost))
                best = j;
            X->dur[j]--;
        }
        if (best < 0)
            break;
        X->dur[best]++;
    }
    /* Free shortenings (cost 0) are given back too, cheapest last. */
    for (size_t i = 0; i < cp->n; i++) {
        int j = cp->tasks[i];
        while (X->dur[j] < X->dmax[j] && m->tasks[j].money.crash_cost <= 0) {
            X->dur[j]++;
            forward(X, cp, X->dur);
            if (!rows_hold(X, cp)) {
                X->dur[j]--;
                break;
            }
        }
    }
    forward(X, cp, X->dur);
}

static double plan_cost(const struct crash *X, const struct comp *cp)
{
    double c = 0;
    for (size_t i = 0; i < cp->n; i++) {
        int j = cp->tasks[i];
        c += (X->dmax[j] - X->dur[j]) * X->m->tasks[j].money.crash_cost;
    }
    return c;
}

/* Where calendars make the LP a guide only: a day of shortening moved from
 * one task to another (cheaper) one, or one day taken off a task and two
 * given back elsewhere, while the exact schedule still meets every row;
 * the best move each pass, until none helps. */
static void exchange(struct crash *X, const struct comp *cp)
{
    for (int pass = 0; pass < 64; pass++) {
        double now = plan_cost(X, cp), gain = 1e-9;
        int bi = -1, bj = -1, bk = -1;
        for (size_t a = 0; a < cp->n; a++) {
            int i = cp->tasks[a]; /* shortened one more day */
            if (X->dur[i] <= X->dmin[i])
                continue;
            X->dur[i]--;
            for (size_t b = 0; b < cp->n; b++) {
                int j = cp->tasks[b]; /* given back a day */
                if (j == i || X->dur[j] >= X->dmax[j])
                    continue;
                X->dur[j]++;
                forward(X, cp, X->dur);
                if (rows_hold(X, cp) && now - plan_cost(X, cp) > gain) {
                    gain = now - plan_cost(X, cp);
                    bi = i, bj = j, bk = -1;
                }
                for (size_t c = b + 1; c < cp->n; c++) {
                    int k = cp->tasks[c];
                    if (k == i || X->dur[k] >= X->dmax[k])
                        continue;
                    X->dur[k]++;
                    forward(X, cp, X->dur);
                    if (rows_hold(X, cp) && now - plan_cost(X, cp) > gain) {
                        gain = now - plan_cost(X, cp);
                        bi = i, bj = j, bk = k;
                    }
                    X->dur[k]--;
                }
                X->dur[j]--;
            }
            X->dur[i]++;
        }
        if (bi < 0)
            break;
        X->dur[bi]--;
        X->dur[bj]++;
        if (bk >= 0)
            X->dur[bk]++;
    }
    forward(X, cp, X->dur);
}

/* The date one working day of the program's default calendar later
 * (+1) or earlier (-1) than `d`. */
static pln_date shift_day(struct crash *X, pln_date d, int dir)
{
    int cal = X->m->default_calendar;
    int32_t k = pln__cpm_count(&X->c, cal, d + 1); /* working days <= d */
    return dir > 0 ? pln__cpm_nth(&X->c, cal, k)
                   : pln__cpm_nth(&X->c, cal, k - 2);
}

/* The LP optimum with constraint k's rows at date `to` (INFINITY when
 * infeasible). The rows are put back afterwards. */
static pln_status price_at(struct crash *X, const struct comp *cp, pln_lp *lp,
                           int k, pln_date to, double *value)
{
    const pln_model *m = X->m;
    int r0 = first_deadline_row(X, cp);
    enum pln_lp_result res;
    pln_status st;

    for (size_t q = 0; q < cp->n_rows; q++) {
        struct drow *r = &X->rows[cp->first_row + q];
        bool on_start;
        int32_t b;
        if (r->k != k)
            continue;
        b = row_bound(X, &m->constraints[k], &m->tasks[r->task], to, &on_start);
        pln__lp_row(lp, r0 + (int)q, -INFINITY, b - r->tight);
    }
    st = pln__lp_solve(lp, &res, X->err);
    X->lps++;
    *value = st == PLN_OK && res == PLN_LP_OPTIMAL ? pln__lp_objective(lp)
                                                   : INFINITY;
    for (size_t q = 0; q < cp->n_rows; q++) {
        const struct drow *r = &X->rows[cp->first_row + q];
        if (r->k == k)
            pln__lp_row(lp, r0 + (int)q, -INFINITY, row_limit(r));
    }
    return st;
}

/* Total working days the exact schedule misses the rows by; each row's
 * into late[] (may be NULL). */
static int64_t lateness_of(struct crash *X, const struct comp *cp,
                           int32_t *late)
{
    int64_t total = 0;
    for (size_t r = 0; r < cp->n_rows; r++) {
        const struct drow *w = &X->rows[cp->first_row + r];
        int32_t v = row_value(X, w) - w->bound;
        v = v > 0 ? v : 0;
        if (late)
            late[r] = v;
        total += v;
    }
    return total;
}

/*
 * The first phase, for the rows that even the fully shortened schedule
 * misses: the least total lateness any shortening reaches. The fully
 * shortened schedule is one answer; the lateness LP (sum of z_r, by
 * successive linearisation from there) may find a better one where
 * shortening a step delays another (a finish-to-finish successor starts
 * later when shorter, and its start-to-start successors with it). Each
 * row's goal becomes its lateness in the best answer found: an unmeetable
 * deadline is brought that close, no closer.
 */
static pln_status least_lateness(struct crash *X, struct comp *cp,
                                 int32_t *offs)
{
    const pln_model *m = X->m;
    int32_t *late = pln__malloc((cp->n_rows + 1) * sizeof(int32_t));
    int32_t *best = pln__malloc((cp->n_rows + 1) * sizeof(int32_t));
    int64_t best_total;
    pln_status st = PLN_OK;

    if (!late || !best) {
        st = PLN_ENOMEM;
        pln_error_set(X->err, st, m->source, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < cp->n; i++)
        X->dur[cp->tasks[i]] = X->dmin[cp->tasks[i]];
    forward(X, cp, X->dur);
    best_total = lateness_of(X, cp, best);
    for (int round = 0; best_total > 0 && round < CRASH_ROUNDS; round++) {
        enum pln_lp_result res;
        pln_lp *lp = build_lp(X, cp, offs, true);
        int64_t total;
        bool fixed;
        if (!lp) {
            st = PLN_ENOMEM;
            pln_error_set(X->err, st, m->source, 0, 0, "out of memory");
            goto done;
        }
        st = pln__lp_solve(lp, &res, X->err);
        X->lps++;
        if (st == PLN_OK && res == PLN_LP_OPTIMAL)
            read_durations(X, cp, lp);
        pln__lp_free(lp);
        if (st != PLN_OK)
            goto done;
        if (res != PLN_LP_OPTIMAL)
            break;
        forward(X, cp, X->dur);
        fixed = same_offsets(X, cp, offs);
        total = lateness_of(X, cp, late);
        if (total < best_total) {
            best_total = total;
            memcpy(best, late, cp->n_rows * sizeof(int32_t));
        }
        if (fixed)
            break;
    }
    for (size_t r = 0; r < cp->n_rows; r++) {
        struct drow *w = &X->rows[cp->first_row + r];
        w->relax = best[r] > 0 ? w->bound + best[r] : 0;
        w->short_by = best[r];
    }
done:
    pln__free(late);
    pln__free(best);
    return st;
}

/* Solves one component: the plan, then the prices of its deadlines.
 * Successive linearisation: each round builds the LP with the offsets at
 * the current durations, solves it and checks its durations with the
 * exact forward pass; a plan that meets its rows is kept when it is the
 * cheapest so far, and one whose offsets did not move is a fixed point
 * (the LP was exact for it): done. A plan that misses a row tightens it by
 * the shortfall for the next round. */
static pln_status solve_comp(struct crash *X, size_t q, pln_crash_plan *p,
                             const struct pln_crash_options *o)
{
    struct comp *cp = &X->comps[q];
    const pln_model *m = X->m;
    pln_lp *lp = NULL, *best_lp = NULL;
    enum pln_lp_result res = PLN_LP_INFEASIBLE;
    pln_status st = PLN_OK;
    bool exact = false, planned = false, one_calendar;
    double base, best_cost = INFINITY;
    size_t n_deps = 0;
    int32_t *offs = NULL, *best = NULL;

    for (size_t i = 0; i < cp->n; i++)
        n_deps += m->tasks[cp->tasks[i]].n_preds;
    offs = pln__malloc((n_deps + 1) * sizeof(int32_t));
    best = pln__malloc((cp->n + 1) * sizeof(int32_t));
    if (!offs || !best) {
        st = PLN_ENOMEM;
        pln_error_set(X->err, st, m->source, 0, 0, "out of memory");
        goto done;
    }
    st = least_lateness(X, cp, offs);
    if (st != PLN_OK)
        goto done;
    /* One calendar: the offsets are constants and the first LP is exact.
     * Otherwise linearise from both ends (normal and fully shortened) and
     * keep the cheaper. */
    one_calendar = true;
    for (size_t i = 1; i < cp->n; i++)
        one_calendar &=
            m->tasks[cp->tasks[i]].calendar == m->tasks[cp->tasks[0]].calendar;
    for (int from = 0; from < (one_calendar ? 1 : 2); from++)
        for (int round = 0; round < CRASH_ROUNDS; round++) {
            bool fixed;
            if (round == 0) {
                for (size_t i = 0; i < cp->n; i++) {
                    int j = cp->tasks[i];
                    X->dur[j] = from == 0 ? X->dmax[j] : X->dmin[j];
                }
                for (size_t r = 0; r < cp->n_rows; r++)
                    X->rows[cp->first_row + r].tight = 0;
                forward(X, cp, X->dur);
            }
            pln__lp_free(lp); /* a round left by `break` */
            lp = build_lp(X, cp, offs, false);
            if (!lp) {
                st = PLN_ENOMEM;
                pln_error_set(X->err, st, m->source, 0, 0, "out of memory");
                goto done;
            }
            if (round == 0 && from == 0)
                X->lp_rows += (size_t)pln__lp_rows(lp);
            st = pln__lp_solve(lp, &res, X->err);
            X->lps++;
            if (st != PLN_OK)
                goto done;
            if (res != PLN_LP_OPTIMAL)
                break;
            read_durations(X, cp, lp);
            forward(X, cp, X->dur);
            fixed = same_offsets(X, cp, offs);
            if (rows_hold(X, cp)) {
                double c = plan_cost(X, cp);
                if (c < best_cost - 1e-9) {
                    best_cost = c;
                    for (size_t i = 0; i < cp->n; i++)
                        best[i] = X->dur[cp->tasks[i]];
                    exact = fixed && one_calendar;
                    pln__lp_free(best_lp);
                    best_lp = lp;
                    lp = NULL;
                    planned = true;
                }
                if (fixed)
                    break;
            } else {
                /* The calendars' offsets moved: tighten what the exact
                 * schedule misses; the next round linearises here. */
                for (size_t r = 0; r < cp->n_rows; r++) {
                    struct drow *w = &X->rows[cp->first_row + r];
                    int32_t v = row_value(X, w);
                    if (v > row_goal(w))
                        w->tight += v - row_goal(w);
                }
            }
            pln__lp_free(lp);
            lp = NULL;
        }
    if (planned) {
        for (size_t i = 0; i < cp->n; i++)
            X->dur[cp->tasks[i]] = best[i];
        forward(X, cp, X->dur);
    } else {
        /* Nothing better than fully shortened where the LP gave up. */
        for (size_t i = 0; i < cp->n; i++)
            X->dur[cp->tasks[i]] = X->dmin[cp->tasks[i]];
        forward(X, cp, X->dur);
    }
    if (!exact) {
        give_back(X, cp);
        exchange(X, cp);
        /* Nothing shortened is the cheapest there is, calendars or not. */
        if (plan_cost(X, cp) > 0)
            X->repaired = true;
    }
    if (best_lp)
        X->lp_nz += pln__lp_nonzeros(best_lp);
    /* Prices: the LP of the plan again, each deadline a day later and
     * earlier, and the deadline to move at its new date. */
    if (!planned || (!o->prices && !o->move_id))
        goto done;
    st = pln__lp_solve(best_lp, &res, X->err);
    X->lps++;
    if (st != PLN_OK || res != PLN_LP_OPTIMAL)
        goto done;
    base = pln__lp_objective(best_lp);
    for (size_t r = 0; r < cp->n_rows; r++) {
        const struct drow *w = &X->rows[cp->first_row + r];
        struct pln_crash_deadline *dl = &p->deadlines[w->k];
        const struct pln_constraint *con = &m->constraints[w->k];
        double later, earlier;
        bool first = true, unmeetable = false;
        for (size_t r2 = 0; r2 < cp->n_rows; r2++) {
            const struct drow *w2 = &X->rows[cp->first_row + r2];
            if (w2->k == w->k && r2 < r)
                first = false;
            if (w2->k == w->k && w2->relax > 0)
                unmeetable = true;
        }
        if (!first || unmeetable)
            continue;
        if (o->move_id && !strcmp(con->id, o->move_id)) {
            double at;
            st = price_at(X, cp, best_lp, w->k, o->move_to, &at);
            if (st != PLN_OK)
                goto done;
            dl->moved = true;
            dl->move_saving = isinf(at) ? -INFINITY : base - at;
            if (fabs(dl->move_saving) < 1e-9)
                dl->move_saving = 0;
        }
        if (!o->prices)
            continue;
        st = price_at(X, cp, best_lp, w->k, shift_day(X, con->to, +1), &later);
        if (st == PLN_OK)
            st = price_at(X, cp, best_lp, w->k, shift_day(X, con->to, -1),
                          &earlier);
        if (st != PLN_OK)
            goto done;
        dl->save_later = isinf(later) ? 0 : base - later;
        dl->cost_earlier = isinf(earlier) ? INFINITY : earlier - base;
        if (dl->save_later < 1e-9)
            dl->save_later = 0;
        if (!isinf(dl->cost_earlier) && dl->cost_earlier < 1e-9)
            dl->cost_earlier = 0;
        dl->priced = true;
    }
done:
    pln__lp_free(lp);
    pln__lp_free(best_lp);
    pln__free(offs);
    pln__free(best);
    return st;
}

void pln_crash_plan_free(pln_crash_plan *p)
{
    if (!p)
        return;
    pln_schedule_free(p->schedule);
    pln_schedule_free(p->normal);
    if (p->crashed) {
        pln__free(p->crashed->tasks);
        pln__free(p->crashed);
    }
    pln__free(p->tasks);
    pln__free(p->deadlines);
    pln__free(p->prices);
    pln__free(p);
}

static void release(struct crash *X)
{
    pln__free(X->release);
    pln__free(X->dmin);
    pln__free(X->dmax);
    pln__free(X->dur);
    pln__free(X->es);
    pln__free(X->ef);
    pln__free(X->comp_of);
    pln__free(X->pos);
    for (size_t q = 0; X->comps && q < X->n_comps; q++)
        pln__free(X->comps[q].tasks);
    pln__free(X->comps);
    pln__free(X->rows);
}

/* Prices per deadline id, summed over the sites that share it. */
static pln_status group_prices(pln_crash_plan *p)
{
    const pln_model *m = p->model;
    p->prices = pln__calloc(m->n_constraints + 1, sizeof(*p->prices));
    if (!p->prices)
        return PLN_ENOMEM;
    for (size_t k = 0; k < m->n_constraints; k++) {
        const struct pln_constraint *con = &m->constraints[k];
        const struct pln_crash_deadline *dl = &p->deadlines[k];
        struct pln_crash_price *g = NULL;
        if (con->kind == PLN_CONS_START_NOT_BEFORE || !dl->bound)
            continue;
        for (size_t i = 0; i < p->n_prices && !g; i++)
            if (!strcmp(m->constraints[p->prices[i].constraint].id, con->id))
                g = &p->prices[i];
        if (!g) {
            g = &p->prices[p->n_prices++];
            g->constraint = (int)k;
        }
        g->n_sites++;
        if (dl->short_by > 0) {
            g->n_unmeetable++;
            continue;
        }
        if (!dl->priced)
            continue;
        g->save_later += dl->save_later;
        g->cost_earlier += dl->cost_earlier;
    }
    return PLN_OK;
}

void pln_crash_options_init(struct pln_crash_options *o)
{
    memset(o, 0, sizeof(*o));
    o->prices = true;
}

pln_status pln_crash_plan_solve(const pln_model *m,
                                const struct pln_crash_options *o,
                                pln_crash_plan **out, pln_error *err)
{
    struct pln_crash_options defaults;
    struct crash X;
    pln_crash_plan *p = NULL;
    size_t n = m->n_tasks;
    pln_status st = PLN_ENOMEM;

    *out = NULL;
    if (!o) {
        pln_crash_options_init(&defaults);
        o = &defaults;
    }
    memset(&X, 0, sizeof(X));
    X.m = m;
    X.err = err;
    p = pln__calloc(1, sizeof(*p));
    if (!p)
        goto nomem;
    p->model = m;
    /* The horizon and the deadlines met as planned: the critical path at
     * the normal durations (shortening only ever moves things earlier, so
     * its horizon holds every plan here). */
    st = pln_cpm_schedule(m, &p->normal, err);
    if (st != PLN_OK)
        goto fail;
    st = PLN_ENOMEM;
    X.c.m = m;
    X.c.cs = p->normal->cals;
    X.release = pln__malloc((n + 1) * sizeof(int32_t));
    X.dmin = pln__malloc((n + 1) * sizeof(int32_t));
    X.dmax = pln__malloc((n + 1) * sizeof(int32_t));
    X.dur = pln__malloc((n + 1) * sizeof(int32_t));
    X.es = pln__malloc((n + 1) * sizeof(int32_t));
    X.ef = pln__malloc((n + 1) * sizeof(int32_t));
    X.comp_of = pln__malloc((n + 1) * sizeof(int));
    X.pos = pln__malloc((n + 1) * sizeof(int));
    p->deadlines = pln__calloc(m->n_constraints + 1, sizeof(*p->deadlines));
    if (!X.release || !X.dmin || !X.dmax || !X.dur || !X.es || !X.ef ||
        !X.comp_of || !X.pos || !p->deadlines)
        goto nomem;
    for (size_t j = 0; j < n; j++) {
        const struct pln_task *t = &m->tasks[j];
        X.dmax[j] = t->duration;
        X.dmin[j] =
            t->money.crash_duration > 0 && t->money.crash_duration < t->duration
                ? t->money.crash_duration
                : t->duration;
        X.dur[j] = X.dmax[j];
    }
    if (components(&X) != PLN_OK || bounds(&X) != PLN_OK)
        goto nomem;
    for (size_t k = 0; k < m->n_constraints; k++) {
        p->deadlines[k].constraint = (int)k;
        p->deadlines[k].save_later = NAN;
        p->deadlines[k].cost_earlier = NAN;
    }
    for (size_t k = 0; k < p->normal->n_deadlines; k++) {
        const struct pln_deadline_result *r = &p->normal->deadlines[k];
        p->deadlines[r->constraint].met_normal = r->met;
    }
    for (size_t q = 0; q < X.n_comps; q++) {
        st = solve_comp(&X, q, p, o);
        if (st != PLN_OK)
            goto fail;
    }
    /* Per deadline: bound at all, unmeetable by how much (the most over its
     * rows). */
    for (size_t r = 0; r < X.n_rows; r++) {
        const struct drow *w = &X.rows[r];
        struct pln_crash_deadline *dl = &p->deadlines[w->k];
        dl->bound = true;
        if (w->short_by > dl->short_by)
            dl->short_by = w->short_by;
    }
    /* The crashed model: the same model with the new durations. */
    p->crashed = pln__malloc(sizeof(*p->crashed));
    if (!p->crashed)
        goto nomem;
    *p->crashed = *m;
    p->crashed->tasks = pln__malloc((n + 1) * sizeof(*p->crashed->tasks));
    if (!p->crashed->tasks)
        goto nomem;
    memcpy(p->crashed->tasks, m->tasks, n * sizeof(*m->tasks));
    for (size_t j = 0; j < n; j++) {
        p->crashed->tasks[j].duration = X.dur[j];
        if (X.dur[j] < X.dmax[j]) {
            p->n_tasks++;
            p->days += X.dmax[j] - X.dur[j];
            p->cost += (X.dmax[j] - X.dur[j]) * m->tasks[j].money.crash_cost;
        }
    }
    p->tasks = pln__calloc(p->n_tasks + 1, sizeof(*p->tasks));
    if (!p->tasks)
        goto nomem;
    for (size_t j = 0, i = 0; j < n; j++)
        if (X.dur[j] < X.dmax[j]) {
            struct pln_crash_task *ct = &p->tasks[i++];
            ct->task = (int)j;
            ct->normal = X.dmax[j];
            ct->duration = X.dur[j];
            ct->cost = (X.dmax[j] - X.dur[j]) * m->tasks[j].money.crash_cost;
        }
    st = pln_cpm_schedule(p->crashed, &p->schedule, err);
    if (st != PLN_OK)
        goto fail;
    p->schedule->method = X.repaired ? "crash_lp+repair" : "crash_lp";
    for (size_t k = 0; k < p->schedule->n_deadlines; k++) {
        const struct pln_deadline_result *r = &p->schedule->deadlines[k];
        p->deadlines[r->constraint].met = r->met;
        if (!r->met)
            p->n_missed++;
    }
    for (size_t k = 0; k < m->n_constraints; k++)
        if (p->deadlines[k].short_by > 0)
            p->n_unmeetable++;
    if (group_prices(p) != PLN_OK)
        goto nomem;
    p->move_id = o->move_id;
    p->move_to = o->move_to;
    for (size_t k = 0; o->move_id && k < m->n_constraints; k++) {
        const struct pln_crash_deadline *dl = &p->deadlines[k];
        if (!dl->bound || strcmp(m->constraints[k].id, o->move_id))
            continue;
        p->move_sites++;
        if (dl->short_by > 0)
            p->move_unmeetable++;
        else if (dl->moved)
            p->move_saving += dl->move_saving;
    }
    p->method = X.repaired ? "lp+repair" : "lp";
    p->n_lps = X.lps;
    p->n_components = X.n_comps;
    p->lp_rows = X.lp_rows;
    p->lp_nonzeros = X.lp_nz;
    release(&X);
    *out = p;
    return PLN_OK;
nomem:
    st = PLN_ENOMEM;
    pln_error_set(err, st, m->source, 0, 0, "out of memory");
fail:
    release(&X);
    pln_crash_plan_free(p);
    return st;
}
