/*
 * solve.c -- pln_solve(): the crew-constrained schedule, start to end.
 *
 *  1. No task needs a crew: the critical path is optimal for every
 *     objective (cpm.c); done.
 *  2. Hard deadlines that the crew-free early schedule already misses make
 *     the program infeasible by logic alone: name the chain of steps.
 *  3. The heuristic (sgs.c) gives the first schedule (the upper bound); in
 *     PSPLIB's setting the genetic algorithm (ga.c) then improves it, so
 *     that the proofs below start from a better one; against deadlines,
 *     late-deadline boosting (sgs.c) does, from the heuristic's few best. The crew-free early
 *     schedule gives the first lower bound (every objective here is
 *     regular: nothing gets better by finishing later).
 *  4. Makespan: destructive bounds. For T = LB, LB+1, ... propagation
 *     (propagate.c) tries to show that nothing fits in T days; each
 *     refutation raises the bound. Where it is complete, our own
 *     branch-and-bound (bnb.c) asks for a schedule of UB - 1 days until
 *     there is none. Then LP relaxations raise the bound further, and the
 *     MIP on the windows of UB - 1
 *     either finds a better schedule (and its optimum within those windows
 *     is the optimum) or shows there is none (the heuristic's is optimal).
 *     Lateness: the MIP over the tasks that lead to a deadline, windows
 *     from the bound every deadline's lateness has (UB / weight), with the
 *     heuristic's schedule as the incumbent; the tasks that lead to no
 *     deadline are placed afterwards by the heuristic (they cannot change
 *     the objective). Late sites: no MIP yet, the bound stays crew-free.
 *     A heuristic schedule that misses a hard deadline proves nothing:
 *     solve_hard() asks the MIP about the hard deadlines alone first.
 *  5. Replanning: the schedule closest to the baseline among those as
 *     good (solve_baseline.c).
 *  6. The result is checked (rc_check.c) and turned into a pln_schedule.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip_int.h"
#include "solve_int.h"
#include "strbuf.h"

const char *pln_solve_status_name(enum pln_solve_status st)
{
    switch (st) {
    case PLN_SOLVED_OPTIMAL:
        return "optimal";
    case PLN_SOLVED_FEASIBLE:
        return "feasible";
    case PLN_SOLVED_INFEASIBLE:
        return "infeasible";
    default:
        return "no_solution";
    }
}

static const char *const objective_names[] = {"weighted_lateness", "makespan",
                                              "late_sites"};

const char *pln_objective_name(enum pln_objective obj)
{
    return (unsigned)obj < 3 ? objective_names[obj] : "weighted_lateness";
}

bool pln_objective_parse(const char *name, enum pln_objective *out)
{
    for (int k = 0; k < 3; k++)
        if (strcmp(name, objective_names[k]) == 0) {
            *out = (enum pln_objective)k;
            return true;
        }
    return false;
}

void pln_solve_options_init(struct pln_solve_options *o)
{
    memset(o, 0, sizeof(*o));
    o->objective = -1;
    o->time_limit = 10;
}

static bool add_reason(pln_schedule *s, const char *fmt, ...)
    PLN_PRINTF(2, 3);
static bool add_reason(pln_schedule *s, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    char **r = pln__realloc(s->reasons, (s->n_reasons + 1) * sizeof(*r));
    if (!r)
        return false;
    s->reasons = r;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    r[s->n_reasons] = pln__strdup(buf);
    if (!r[s->n_reasons])
        return false;
    s->n_reasons++;
    return true;
}

/* The objective value of a schedule from its deadline results (for the
 * critical path, where no start indices of ours exist). */
static void cpm_value(pln_schedule *s, enum pln_objective obj)
{
    const pln_model *m = s->model;
    double late = 0;
    size_t sites = 0;
    unsigned char *mark = pln__calloc(m->n_sites + 1, 1);
    for (size_t r = 0; r < s->n_deadlines; r++) {
        const struct pln_deadline_result *d = &s->deadlines[r];
        int site = m->constraints[d->constraint].site;
        if (d->slack >= 0)
            continue;
        late += m->sites[site].weight * (double)-d->slack;
        if (mark && !mark[site]) {
            mark[site] = 1;
            sites++;
        }
    }
    pln__free(mark);
    s->objective = obj;
    s->objective_value = obj == PLN_OBJ_MAKESPAN     ? (double)s->makespan
                         : obj == PLN_OBJ_LATE_SITES ? (double)sites
                                                     : late;
    s->lower_bound = s->objective_value;
}

/* The chain of steps that decides task j's early start, for an
 * infeasibility report: "a → b → c". */
static void chain_text(struct pln_rc *rc, size_t j, char *buf, size_t len)
{
    const pln_model *m = rc->m;
    size_t path[64], n = 0, at = j;
    for (;;) {
        const struct pln_task *t = &m->tasks[at];
        size_t next = SIZE_MAX;
        path[n++] = at;
        if (n == 64)
            break;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
            const struct pln_dep *d = &m->deps[e];
            struct pln_task_times pt;
            pt.es = rc->es[d->pred];
            pt.ef = pt.es + m->tasks[d->pred].duration;
            if (pln__cpm_dep_es(&rc->c, d, &m->tasks[d->pred], &pt, t) ==
                rc->es[at]) {
                next = (size_t)d->pred;
                break;
            }
        }
        if (next == SIZE_MAX)
            break;
        at = next;
    }
    buf[0] = '\0';
    for (size_t k = n; k-- > 0;) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", m->tasks[path[k]].id,
                 k ? " -> " : "");
    }
}

/* Hard deadlines the crew-free schedule misses: infeasible by logic. */
static bool logic_infeasible(struct pln_rc *rc, pln_schedule *s)
{
    const pln_model *m = rc->m;
    bool any = false;
    for (size_t i = 0; i < rc->nd; i++) {
        const struct pln_constraint *con = &m->constraints[rc->dl[i].constraint];
        if (!con->hard)
            continue;
        for (size_t e = rc->dl[i].first; e < rc->dl[i].first + rc->dl[i].count;
             e++) {
            size_t j = (size_t)rc->dl_task[e];
            int32_t late = rc->es[j] + m->tasks[j].duration - rc->dl_bound[e];
            char chain[900], day[11];
            if (late <= 0)
                continue;
            chain_text(rc, j, chain, sizeof(chain));
            pln_date_format(con->to, day);
            add_reason(s,
                       "%s:%d:%d: hard deadline '%s' of site %s (%s %s) "
                       "cannot hold: the chain %s ends %d working day%s late "
                       "even with every crew free",
                       m->source, con->loc.line, con->loc.column, con->id,
                       m->sites[con->site].id,
                       con->kind == PLN_CONS_FINISH_BY ? "finish by"
                                                       : "start by",
                       day, chain, (int)late, late == 1 ? "" : "s");
            any = true;
            break;
        }
    }
    return any;
}

/* Hard deadlines that cannot hold because of crews (the MIP said so):
 * name each with the crew-days its steps (the bound ones and everything
 * leading to them) need. */
static void crew_infeasible(struct pln_rc *rc, pln_schedule *s)
{
    const pln_model *m = rc->m;
    bool *mark = pln__calloc(rc->n + 1, sizeof(bool));
    if (!mark)
        return;
    for (size_t i = 0; i < rc->nd; i++) {
        const struct pln_constraint *con = &m->constraints[rc->dl[i].constraint];
        char day[11], crews[600] = "";
        if (!con->hard)
            continue;
        pln__rc_leading(rc, i, mark);
        for (size_t k = 0; k < rc->nk; k++) {
            long need = 0;
            for (size_t j = 0; j < rc->n; j++)
                if (mark[j])
                    need += (long)pln__rc_demand(rc, j, k) *
                            m->tasks[j].duration;
            if (need) {
                size_t used = strlen(crews);
                snprintf(crews + used, sizeof(crews) - used,
                         "%s%s (%ld crew-days, %d exist)", used ? ", " : "",
                         m->crews[k].id, need, m->crews[k].count);
            }
        }
        pln_date_format(con->to, day);
        add_reason(s,
                   "%s:%d:%d: hard deadline '%s' of site %s (%s) is among "
                   "hard deadlines that cannot all hold with the crews there "
                   "are; its steps need %s",
                   m->source, con->loc.line, con->loc.column, con->id,
                   m->sites[con->site].id, day, crews[0] ? crews : "no crews");
    }
    pln__free(mark);
}

/* Latest start of each task such that it ends by calendar day T (1 = the
 * plan start day). */
static void makespan_windows(struct pln_rc *rc, int32_t T, int32_t *lo,
                             int32_t *hi)
{
    const pln_model *m = rc->m;
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        int32_t lf = pln__cpm_finish_by_lf(&rc->c, t, m->start + T - 1);
        lo[j] = rc->es[j];
        hi[j] = lf - t->duration;
        if (rc->hard_lf[j] != INT32_MAX && rc->hard_lf[j] - t->duration < hi[j])
            hi[j] = rc->hard_lf[j] - t->duration;
    }
}


/* The progress display between the heuristic's stages (the MIP reports
 * its own through relay()). */
static void report(const struct solver *S, double bound)
{
    struct pln_solve_progress q;
    if (!S->o->progress)
        return;
    q.elapsed = pln__now_seconds() - S->t0;
    q.have_value = true;
    q.value = S->ev.value;
    q.bound = bound;
    S->o->progress(&q, S->o->progress_ud);
}

struct progress_relay {
    const struct pln_solve_options *o;
    double ub, lb, offset;
};

static void relay(const struct pln_mip_progress *p, void *ud)
{
    struct progress_relay *r = ud;
    struct pln_solve_progress q;
    q.elapsed = p->elapsed + r->offset;
    q.have_value = true;
    q.value = p->have_value && p->value < r->ub ? p->value : r->ub;
    q.bound = p->bound > r->lb ? p->bound : r->lb;
    r->o->progress(&q, r->o->progress_ud);
}

/* With funding, the propagation knows crews and logic, not money, and the
 * MIP only a relaxation of it (its money rows count conditioned tranches
 * from their earliest dates): their bounds stand, but a schedule of
 * theirs is taken only when the money holds too. */
static bool money_ok(struct pln_rc *rc, const int32_t *s)
{
    return !rc->money || pln__money_short_day(rc, s, NULL) == -1;
}

static pln_status run_mip(struct solver *S, const int32_t *incumbent,
                          double limit, bool lp_only, struct pln_mip_out *out,
                          pln_error *err)
{
    struct pln_mip_in in;
    struct progress_relay r = {S->o, S->ev.value, S->lb,
                               pln__now_seconds() - S->t0};
    pln_status st;
    memset(&in, 0, sizeof(in));
    in.rc = &S->rc;
    in.obj = S->obj;
    in.in = S->in;
    in.lo = S->lo;
    in.hi = S->hi;
    in.incumbent = incumbent;
    in.time_limit = limit;
    in.lp_only = lp_only;
    in.rel_gap = S->o->rel_gap;
    /* A replan's MIPs over ~100,000 columns rarely improve a schedule
     * within a weekly replan's seconds: the heuristic's stands. */
    in.max_cols = S->o->baseline_start ? 100000 : 400000;
    in.lp_path = lp_only ? NULL : S->o->lp_path;
    if (S->o->progress) {
        in.progress = relay;
        in.progress_ud = &r;
    }
    out->s = S->mip_s;
    in.incumbent_out = S->scratch;
    st = pln__mip_solve(&in, out, err);
    if (st == PLN_OK && out->cols) {
        S->mip_rows = out->rows;
        S->mip_cols = out->cols;
        S->mip_nz = out->nonzeros;
    }
    return st;
}

/* Propagation on the windows S->lo/S->hi of every task, its energetic
 * check cut short at the time limit (120 tasks: it alone can take seconds). */
static bool propagate_all(struct solver *S, bool *ok)
{
    double deadline = S->o->time_limit > 0 ? S->t0 + S->o->time_limit : 0;
    return pln__propagate_until(&S->rc, S->all, S->lo, S->hi, ok, deadline);
}

static pln_status solve_makespan(struct solver *S, pln_error *err)
{
    struct pln_rc *rc = &S->rc;
    struct pln_mip_out out;
    bool ok;
    pln_status st;
    /* Destructive lower bounds by propagation. */
    while (S->lb < S->ev.value && pln__solve_remaining(S) > 0) {
        makespan_windows(rc, (int32_t)S->lb, S->lo, S->hi);
        if (!propagate_all(S, &ok))
            return PLN_ENOMEM;
        if (ok)
            break;
        S->lb += 1;
        S->method = "heuristic+propagation";
    }
    if (S->lb >= S->ev.value) {
        S->proven = true;
        return PLN_OK;
    }
    if (pln__solve_remaining(S) <= 0 && !S->o->lp_path)
        return PLN_OK;
    /* Our own branch-and-bound (bnb.c), where it is complete: is there a
     * schedule one day shorter than the best?  Yes: take it and ask again;
     * no: the best is optimal. Up to 95 % of the time left: on the j30
     * instances it did not prove with 60 %, GLPK's LP and MIP after it
     * proved nothing, while 95 % proves 7 of those 31 instead of 1. */
    if (!S->o->lp_path && pln__bnb_applies(rc)) {
        double until = pln__now_seconds() + 0.95 * pln__solve_remaining(S);
        for (;;) {
            int r;
            makespan_windows(rc, (int32_t)S->ev.value - 1, S->lo, S->hi);
            if (!propagate_all(S, &ok))
                return PLN_ENOMEM;
            S->method = "heuristic+branch-and-bound";
            if (!ok) {
                S->lb = S->ev.value;
                S->proven = true;
                return PLN_OK;
            }
            r = pln__bnb_feasible(rc, S->lo, S->hi, until, S->mip_s);
            if (r == 0) {
                S->lb = S->ev.value;
                S->proven = true;
                return PLN_OK;
            }
            if (r < 0)
                break;
            {
                struct pln_rc_eval ev;
                pln__rc_eval(rc, S->obj, S->mip_s, &ev);
                if (!(ev.value < S->ev.value) || !ev.hard_ok)
                    break; /* cannot happen: the windows say otherwise */
                memcpy(S->best, S->mip_s, rc->n * sizeof(int32_t));
                S->ev = ev;
            }
            if (S->lb >= S->ev.value) {
                S->proven = true;
                return PLN_OK;
            }
        }
        /* What the branch-and-bound leaves is too little to build the MIP
         * in (120 tasks: about 0.1 s before GLPK starts) under short
         * limits: then the limit holds instead. */
        if (pln__solve_remaining(S) < 0.25)
            return PLN_OK;
    }
    if (pln__solve_remaining(S) <= 0 && !S->o->lp_path)
        return PLN_OK;
    /* Destructive bounds by linear programming: no fractional schedule
     * within T days proves that no schedule is, so the bound rises. Given
     * at most half the time: the MIP needs the rest. */
    while (!S->o->lp_path && S->lb < S->ev.value - 1 &&
           pln__solve_remaining(S) > S->o->time_limit / 2) {
        makespan_windows(rc, (int32_t)S->lb, S->lo, S->hi);
        if (!propagate_all(S, &ok))
            return PLN_ENOMEM;
        if (ok) {
            memcpy(S->in, S->all, rc->n * sizeof(bool));
            st = run_mip(S, NULL, pln__solve_remaining(S) - S->o->time_limit / 2, true,
                         &out, err);
            if (st != PLN_OK)
                return st;
            S->method = "heuristic+lp";
            if (out.status != PLN_MIP_INFEASIBLE)
                break;
        }
        S->lb += 1;
    }
    /* The MIP on the windows of UB - 1: a better schedule, or a proof that
     * there is none. */
    makespan_windows(rc, (int32_t)S->ev.value - 1, S->lo, S->hi);
    if (!propagate_all(S, &ok))
        return PLN_ENOMEM;
    if (!ok && !S->o->lp_path) {
        S->lb = S->ev.value;
        S->proven = true;
        S->method = "heuristic+propagation";
        return PLN_OK;
    }
    if (!ok) /* still write an LP file: the unpropagated windows */
        makespan_windows(rc, (int32_t)S->ev.value - 1, S->lo, S->hi);
    memcpy(S->in, S->all, rc->n * sizeof(bool));
    st = run_mip(S, NULL, S->o->lp_path ? 0 : pln__solve_remaining(S), false, &out, err);
    if (st != PLN_OK || S->o->lp_path)
        return st;
    S->method = "heuristic+mip";
    switch (out.status) {
    case PLN_MIP_INFEASIBLE:
        S->lb = S->ev.value;
        S->proven = true;
        break;
    case PLN_MIP_OPTIMAL:
    case PLN_MIP_FEASIBLE:
        if (out.have_solution) {
            struct pln_rc_eval ev;
            pln__rc_eval(rc, S->obj, S->mip_s, &ev);
            if (ev.value < S->ev.value && money_ok(rc, S->mip_s)) {
                memcpy(S->best, S->mip_s, rc->n * sizeof(int32_t));
                S->ev = ev;
            }
        }
        if (out.status == PLN_MIP_OPTIMAL &&
            S->ev.value <= ceil(out.value - 1e-6)) {
            S->lb = S->ev.value;
            S->proven = true;
        } else if (out.status == PLN_MIP_OPTIMAL) {
            if (ceil(out.value - 1e-6) > S->lb)
                S->lb = ceil(out.value - 1e-6);
        } else if (ceil(out.bound - 1e-6) > S->lb) {
            S->lb = ceil(out.bound - 1e-6);
        }
        break;
    default:
        if (isfinite(out.bound) && ceil(out.bound - 1e-6) > S->lb)
            S->lb = ceil(out.bound - 1e-6);
        break;
    }
    return PLN_OK;
}

/*
 * Completes a MIP solution: the tasks of S->in keep their starts in
 * S->mip_s, the others are placed after them by their crew-free latest
 * start. With `justify`, the whole schedule is then left-justified in the
 * order found (often everything moves earlier), kept when every hard
 * deadline still holds. 1: S->mip_s is a full schedule; 0: it does not fit
 * in the horizon; -1: out of memory.
 */
static int complete_mip(struct solver *S, bool justify)
{
    struct pln_rc *rc = &S->rc;
    const pln_model *m = rc->m;
    double *prio = pln__malloc((rc->n + 1) * sizeof(double));
    int32_t *left = justify ? pln__malloc((rc->n + 1) * sizeof(int32_t))
                            : NULL;
    int r = -1;
    if (!prio || (justify && !left))
        goto done;
    for (size_t j = 0; j < rc->n; j++)
        prio[j] = (double)pln__cpm_start_point(&rc->c, &m->tasks[j],
                                               rc->lst[j]);
    r = pln__sgs_fixed(rc, S->in, prio, S->mip_s);
    if (r == 1 && justify) {
        int placed;
        for (size_t j = 0; j < rc->n; j++)
            prio[j] = (double)pln__cpm_start_point(&rc->c, &m->tasks[j],
                                                   S->mip_s[j]);
        placed = pln__sgs_fixed(rc, NULL, prio, left);
        if (placed < 0) {
            r = -1;
        } else if (placed == 1) {
            struct pln_rc_eval el;
            pln__rc_eval(rc, S->obj, left, &el);
            if (el.hard_ok)
                memcpy(S->mip_s, left, rc->n * sizeof(int32_t));
        }
    }
done:
    pln__free(prio);
    pln__free(left);
    return r;
}

static pln_status solve_lateness(struct solver *S, pln_error *err)
{
    struct pln_rc *rc = &S->rc;
    const pln_model *m = rc->m;
    struct pln_mip_out out;
    bool ok;
    pln_status st;
    for (size_t j = 0; j < rc->n; j++) {
        S->in[j] = rc->leads[j];
        S->lo[j] = rc->es[j];
        S->hi[j] = pln_calset_size(rc->c.cs, m->tasks[j].calendar) -
                   m->tasks[j].duration - 1;
        if (rc->hard_lf[j] != INT32_MAX &&
            rc->hard_lf[j] - m->tasks[j].duration < S->hi[j])
            S->hi[j] = rc->hard_lf[j] - m->tasks[j].duration;
    }
    /* No deadline may be later than the whole incumbent's lateness allows
     * (with a hard deadline missed, the windows come from the hard ones
     * only). */
    for (size_t i = 0; i < rc->nd && S->ev.hard_ok; i++) {
        const struct pln_rc_deadline *dl = &rc->dl[i];
        int32_t slack = dl->weight > 0
                            ? (int32_t)floor(S->ev.value / dl->weight + 1e-9)
                            : INT32_MAX / 4;
        for (size_t e = dl->first; e < dl->first + dl->count; e++) {
            size_t j = (size_t)rc->dl_task[e];
            int32_t h = rc->dl_bound[e] + slack - m->tasks[j].duration;
            if (h < S->hi[j])
                S->hi[j] = h;
        }
    }
    if (!pln__propagate(rc, S->in, S->lo, S->hi, &ok))
        return PLN_ENOMEM;
    if (!ok) {
        /* Only possible when a hard deadline is missed: no schedule. */
        if (!S->ev.hard_ok)
            S->infeasible = true;
        return PLN_OK;
    }
    /* With a baseline, the second stage (anchor_mip) gets the rest. */
    st = run_mip(S, S->ev.hard_ok ? S->best : NULL,
                 S->o->lp_path ? 0
                 : S->o->baseline_start ? 0.6 * pln__solve_remaining(S)
                                        : pln__solve_remaining(S),
                 false, &out, err);
    if (st != PLN_OK || S->o->lp_path)
        return st;
    if (out.status == PLN_MIP_TOO_BIG)
        return PLN_OK;
    S->method = "heuristic+mip";
    if (out.status == PLN_MIP_INFEASIBLE) {
        if (!S->ev.hard_ok)
            S->infeasible = true;
        return PLN_OK;
    }
    if (out.have_solution) {
        /* Complete it: the tasks leading to no deadline go after. */
        struct pln_rc_eval ev;
        int r = complete_mip(S, false);
        if (r < 0)
            return PLN_ENOMEM;
        if (r == 1 && money_ok(rc, S->mip_s)) {
            pln__rc_eval(rc, S->obj, S->mip_s, &ev);
            if ((ev.hard_ok && !S->ev.hard_ok) || ev.value < S->ev.value ||
                (ev.value == S->ev.value && ev.makespan < S->ev.makespan)) {
                memcpy(S->best, S->mip_s, rc->n * sizeof(int32_t));
                S->ev = ev;
            }
        }
    }
    if (out.status == PLN_MIP_OPTIMAL && S->ev.hard_ok) {
        if (out.value > S->lb)
            S->lb = S->ev.value < out.value ? S->ev.value : out.value;
        if (S->ev.value <= out.value + 1e-6)
            S->proven = true;
    } else if (isfinite(out.bound) && out.bound > S->lb) {
        S->lb = out.bound < S->ev.value ? out.bound : S->ev.value;
    }
    return PLN_OK;
}

/*
 * The heuristic missed a hard deadline. Only the tasks that lead to a hard
 * deadline matter for whether any schedule meets them all (the others can
 * go after): the MIP over those, in windows from the hard deadlines, either
 * shows there is none (infeasible) or gives their starts; the rest is
 * placed after them, then everything is left-justified in that order.
 * Optimality is not claimed: the windows come from the hard deadlines, not
 * from an objective bound.
 */
static pln_status solve_hard(struct solver *S, pln_error *err)
{
    struct pln_rc *rc = &S->rc;
    const pln_model *m = rc->m;
    struct pln_mip_out out;
    bool ok;
    pln_status st;
    memset(S->in, 0, rc->n);
    for (size_t j = 0; j < rc->n; j++)
        if (rc->hard_lf[j] != INT32_MAX)
            S->in[j] = true;
    for (size_t i = rc->n; i-- > 0;) {
        size_t j = (size_t)rc->order[i];
        const struct pln_task *t = &m->tasks[j];
        if (!S->in[j])
            continue;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++)
            S->in[m->deps[e].pred] = true;
    }
    for (size_t j = 0; j < rc->n; j++) {
        S->lo[j] = rc->es[j];
        S->hi[j] = pln_calset_size(rc->c.cs, m->tasks[j].calendar) -
                   m->tasks[j].duration - 1;
        if (rc->hard_lf[j] != INT32_MAX &&
            rc->hard_lf[j] - m->tasks[j].duration < S->hi[j])
            S->hi[j] = rc->hard_lf[j] - m->tasks[j].duration;
    }
    if (!pln__propagate(rc, S->in, S->lo, S->hi, &ok))
        return PLN_ENOMEM;
    S->method = "heuristic+mip";
    if (!ok) {
        S->infeasible = true;
        return PLN_OK;
    }
    st = run_mip(S, NULL, pln__solve_remaining(S), false, &out, err);
    if (st != PLN_OK)
        return st;
    if (out.status == PLN_MIP_INFEASIBLE) {
        S->infeasible = true;
        return PLN_OK;
    }
    if (out.have_solution) {
        struct pln_rc_eval ev;
        int r = complete_mip(S, true);
        if (r < 0)
            return PLN_ENOMEM;
        if (r == 1 && money_ok(rc, S->mip_s)) {
            pln__rc_eval(rc, S->obj, S->mip_s, &ev);
            if (ev.hard_ok) {
                memcpy(S->best, S->mip_s, rc->n * sizeof(int32_t));
                S->ev = ev;
            }
        }
    }
    rc->c.overflow = false;
    return PLN_OK;
}

/* Turns the best start indices into the public schedule. */
static pln_status to_schedule(struct solver *S, pln_schedule *s)
{
    struct pln_rc *rc = &S->rc;
    const pln_model *m = rc->m;
    pln_status st;
    for (size_t j = 0; j < rc->n; j++) {
        struct pln_task_times *x = &s->tasks[j];
        int32_t d = m->tasks[j].duration;
        x->es = S->best[j];
        x->ef = S->best[j] + d;
        x->ls = rc->lst[j];
        x->lf = rc->lst[j] + d;
    }
    s->finish = m->start;
    st = pln__schedule_finish(&rc->c, s);
    if (st != PLN_OK)
        return st;
    pln__find_missing_years(s);
    return PLN_OK;
}

static void solver_release(struct solver *S)
{
    pln__free(S->best);
    pln__free(S->lo);
    pln__free(S->hi);
    pln__free(S->mip_s);
    pln__free(S->scratch);
    pln__free(S->all);
    pln__free(S->in);
    pln__free(S->cand[0]);
    pln__free(S->cand[1]);
    pln__elite_release(&S->elite);
}

/* Every tranche's own date lies on the axis: a longer horizon brings no
 * more money. */
static bool money_within(const struct pln_rc *rc)
{
    for (size_t i = 0; i < rc->money->nt; i++)
        if (rc->money->date_x[i] == INT32_MAX)
            return false;
    return true;
}

/* The heuristic found no order of the work the money pays for: the
 * tranches that could pay for a task wait for work that needs that money
 * first. Proven (infeasible) when even the money that could ever arrive
 * falls short (pln__money_unreachable); otherwise no schedule was found.
 * Returns 1 proven, 0 not, -1 out of memory. */
static int money_infeasible(struct pln_rc *rc, pln_schedule *s)
{
    const pln_model *m = rc->m;
    const struct pln_task *t = &m->tasks[rc->money_stuck];
    char waits[600] = "";
    size_t len = 0;
    int64_t reach = 0, cost = 0;
    int proven = pln__money_unreachable(rc, &reach, &cost);
    char a[48], b[48];
    if (proven < 0)
        return -1;
    pln__amount_text((double)reach / 1000.0, a);
    pln__amount_text((double)cost / 1000.0, b);
    for (size_t i = 0; i < m->funding.n_tranches; i++) {
        const struct pln_tranche *tr = &m->funding.tranches[i];
        for (size_t k = 0; k < tr->n_after_tasks && len < 400; k++) {
            int w = snprintf(waits + len, sizeof(waits) - len, "%s%s waits for %s",
                             len ? "; " : "", tr->id,
                             m->tasks[tr->after_tasks[k]].id);
            if (w > 0)
                len += (size_t)w;
        }
    }
    if (proven && m->replan)
        add_reason(s,
                   "money: no plan can pay for the work not yet started: "
                   "what the started work leaves, and the tranches that can "
                   "still come, bring %s but that work costs %s; the rest "
                   "waits for work that needs that money first (%s)",
                   a, b, len ? waits : "no tranche has a condition");
    else if (proven)
        add_reason(s,
                   "money: no schedule can pay for every task: the tranches "
                   "that can ever arrive bring %s but the tasks cost %s; "
                   "the rest waits for work that needs that money first (%s)",
                   a, b,
                   len ? waits : "no tranche has a condition");
    else
        add_reason(s,
                   "money: no schedule found that pays for %s: every order "
                   "of the work tried spends what has arrived before the "
                   "work the next tranche waits for (%s)",
                   t->id, len ? waits : "no tranche has a condition");
    return proven;
}

static bool any_crews(const pln_model *m)
{
    for (size_t j = 0; j < m->n_tasks; j++)
        for (size_t k = 0; k < m->tasks[j].n_demands; k++)
            if (m->tasks[j].demands[k].amount > 0 && m->tasks[j].duration > 0)
                return true;
    return false;
}

pln_status pln_solve(const pln_model *m, const struct pln_solve_options *o,
                     pln_schedule **out, pln_error *err)
{
    struct pln_solve_options defaults;
    struct solver S;
    pln_schedule *s = NULL;
    pln_status st;
    int32_t after = 3 * 366;
    size_t n = m->n_tasks;
    long ga_budget = 0;
    int boost_budget = 0;

    *out = NULL;
    if (!o) {
        pln_solve_options_init(&defaults);
        o = &defaults;
    }
    memset(&S, 0, sizeof(S));
    S.o = o;
    S.obj = o->objective >= 0 ? (enum pln_objective)o->objective : m->objective;
    S.t0 = pln__now_seconds();
    S.method = "heuristic";
    if (!any_crews(m) && !pln__money_applies(m)) {
        st = pln_cpm_schedule(m, &s, err);
        if (st != PLN_OK)
            return st;
        cpm_value(s, S.obj);
        for (size_t r = 0; r < s->n_deadlines; r++)
            if (!s->deadlines[r].met &&
                m->constraints[s->deadlines[r].constraint].hard)
                s->status = PLN_SOLVED_INFEASIBLE;
        if (s->status == PLN_SOLVED_INFEASIBLE) {
            /* Name the chains, with the same words as below. */
            if (pln__rc_init(&S.rc, m, after, err) == PLN_OK) {
                logic_infeasible(&S.rc, s);
                pln__rc_release(&S.rc);
            }
        }
        *out = s;
        return PLN_OK;
    }
    S.best = pln__malloc((n + 1) * sizeof(int32_t));
    S.lo = pln__malloc((n + 1) * sizeof(int32_t));
    S.hi = pln__malloc((n + 1) * sizeof(int32_t));
    S.mip_s = pln__malloc((n + 1) * sizeof(int32_t));
    S.scratch = pln__malloc((n + 1) * sizeof(int32_t));
    S.all = pln__malloc(n + 1);
    S.in = pln__malloc(n + 1);
    s = pln__calloc(1, sizeof(*s));
    if (!S.best || !S.lo || !S.hi || !S.mip_s || !S.scratch || !S.all ||
        !S.in || !s || !pln__elite_init(&S.elite, n)) {
        st = PLN_ENOMEM;
        pln_error_set(err, st, m->source, 0, 0, "out of memory");
        goto fail;
    }
    memset(S.all, 1, n + 1);
    s->model = m;
    s->n_tasks = n;
    s->tasks = pln__calloc(n + 1, sizeof(*s->tasks));
    if (!s->tasks) {
        st = PLN_ENOMEM;
        pln_error_set(err, st, m->source, 0, 0, "out of memory");
        goto fail;
    }
    /* The heuristic, on a horizon that grows until everything fits. */
    for (;;) {
        int iterations;
        st = pln__rc_init(&S.rc, m, after, err);
        S.elite.n = 0;
        if (st != PLN_OK)
            goto fail;
        if (logic_infeasible(&S.rc, s)) {
            S.infeasible = true;
            break;
        }
        /* A fixed number of schedules (so runs repeat exactly), about half
         * a second's worth at each size; the search stops early at the
         * bound. Where the genetic algorithm runs after it, a few rules and
         * samples are enough: it does better with the time. A program
         * planned from scratch with more than 512 tasks and more than 5 s
         * gets more samples, in proportion, up to four times: on
         * district-500 at the default 10 s, twice the samples bring the
         * weighted lateness from 216 to 190 (gap 13.4 % -> 1.6 %), where
         * the MIP is too big to help. A replan of more than 512 tasks
         * takes a quarter of the base count (at least 8): its samples
         * start from the baseline's order, and the late-deadline boosting
         * after them does better with the time (district-500's synthetic
         * status: 34 samples 315, 8 samples 315; boosting after either
         * 208). Boosting gets at least 200 schedules: it stops by itself
         * when no late deadline gains. */
        ga_budget = !o->baseline_start && pln__ga_applies(&S.rc, S.obj)
                        ? pln__ga_budget(o->time_limit, n)
                        : 0;
        iterations = ga_budget > 0 ? 50
                     : n <= 64     ? 2000
                     : n <= 512    ? 1000
                                   : (int)(200000 / n) + 4;
        if (ga_budget == 0 && n > 512 && !o->baseline_start &&
            o->time_limit > 5)
            iterations = (int)(iterations *
                               (o->time_limit < 20 ? o->time_limit / 5 : 4));
        if (o->baseline_start && n > 512 && ga_budget == 0)
            iterations = iterations / 4 > 8 ? iterations / 4 : 8;
        boost_budget = iterations > 200 ? iterations : 200;
        /* ... but about 2 million task placements at most per start (a
         * 10,000-site program: 23 schedules). */
        if ((size_t)boost_budget > 2000000 / (n + 1) + 8)
            boost_budget = (int)(2000000 / (n + 1) + 8);
        {
            struct pln_rc_eval lb;
            pln__rc_eval(&S.rc, S.obj, S.rc.es, &lb);
            /* Replanning: the samples perturb the baseline's order (no
             * later than each task's crew-free latest start) instead of
             * the latest starts: a program replanned after some delays is
             * mostly its baseline shifted. On district-500's synthetic
             * status this gives a weighted lateness of 321 where the
             * latest-start samples gave 1,346, in less time. */
            double *hint = NULL;
            if (o->baseline_start) {
                int32_t *b = pln__malloc((n + 1) * sizeof(int32_t));
                hint = pln__malloc((n + 1) * sizeof(double));
                if (!b || !hint) {
                    pln__free(b);
                    pln__free(hint);
                    st = PLN_ENOMEM;
                    pln_error_set(err, st, m->source, 0, 0, "out of memory");
                    goto fail;
                }
                pln__baseline_anchors(&S, b, hint);
                S.rc.c.overflow = false; /* only b[] can overflow */
                pln__free(b);
            }
            /* With a time limit, the heuristic gets at most 30 % of it. */
            st = pln__heuristic(&S.rc, S.obj, iterations, lb.value,
                                o->time_limit > 0
                                    ? S.t0 + 0.3 * o->time_limit
                                    : 0,
                                hint, S.best, &S.ev,
                                S.obj != PLN_OBJ_MAKESPAN ? &S.elite : NULL);
            pln__free(hint);
        }
        if (st == PLN_OK && !S.rc.c.overflow)
            break;
        if (st == PLN_EHORIZON && S.rc.money_stuck >= 0 &&
            !S.rc.c.overflow && money_within(&S.rc)) {
            int proven = money_infeasible(&S.rc, s);
            if (proven < 0) {
                st = PLN_ENOMEM;
                pln_error_set(err, st, m->source, 0, 0, "out of memory");
                goto fail;
            }
            S.infeasible = proven == 1;
            S.money_stuck = true;
            break;
        }
        if (st != PLN_OK && st != PLN_EHORIZON) {
            pln_error_set(err, st, m->source, 0, 0, "out of memory");
            goto fail;
        }
        pln__rc_release(&S.rc);
        after *= 2;
        if (after > PLN_CALSET_MAX_DAYS / 2) {
            st = PLN_EHORIZON;
            pln_error_set(err, st, m->source, 0, 0,
                          "no schedule fits in %d years: a crew is never "
                          "free for some task (check crew counts and "
                          "calendars)",
                          PLN_CALSET_MAX_DAYS / 366);
            goto fail;
        }
    }
    /* PSPLIB's setting: the genetic algorithm (ga.c) improves the
     * heuristic's schedule, the upper bound the proofs start from. Its
     * wall-clock stop is only a safety net: the budget normally ends it
     * first (then the same input gives the same schedule). */
    if (!S.infeasible && !S.money_stuck && ga_budget > 0) {
        struct pln_rc_eval lb;
        pln__rc_eval(&S.rc, S.obj, S.rc.es, &lb);
        if (S.ev.value > lb.value) {
            int r = pln__ga(&S.rc, ga_budget, lb.value,
                            S.t0 + 0.6 * o->time_limit, S.best);
            if (r < 0) {
                st = PLN_ENOMEM;
                pln_error_set(err, st, m->source, 0, 0, "out of memory");
                goto fail;
            }
            if (r > 0)
                pln__rc_eval(&S.rc, S.obj, S.best, &S.ev);
        }
    }
    /* Late deadlines: their own work first (sgs.c), from the best
     * schedule and then from the heuristic's next best of other values
     * (each up to `boost_budget` schedules): boosting stops where no
     * single deadline gains, and another start can get past that (funded
     * district-50: from the best, 35; from a 38, 23, the optimum). Until
     * 60 % of the limit: on these programs it gains more than the MIP. */
    if (!S.infeasible && !S.money_stuck && S.obj != PLN_OBJ_MAKESPAN &&
        S.rc.nd > 0) {
        struct pln_rc_eval lb;
        double until = o->time_limit > 0 ? S.t0 + 0.6 * o->time_limit : 0;
        pln__rc_eval(&S.rc, S.obj, S.rc.es, &lb);
        report(&S, lb.value);
        st = pln__heuristic_boost(&S.rc, S.obj, boost_budget, lb.value, until,
                                  S.best, &S.ev);
        report(&S, lb.value);
        /* Without a time limit (heuristic only), from the best alone. */
        for (size_t k = 1; st == PLN_OK && o->time_limit > 0 && k < S.elite.n;
             k++) {
            struct pln_rc_eval ev = S.elite.ev[k];
            if (S.ev.value <= lb.value + 1e-9 ||
                (until > 0 && pln__now_seconds() > until))
                break;
            st = pln__heuristic_boost(&S.rc, S.obj, boost_budget, lb.value,
                                      until, S.elite.s[k], &ev);
            if (st == PLN_OK && ev.hard_ok &&
                (ev.value < S.ev.value - 1e-9 || !S.ev.hard_ok)) {
                memcpy(S.best, S.elite.s[k], n * sizeof(int32_t));
                S.ev = ev;
            }
            report(&S, lb.value);
        }
        if (st != PLN_OK) {
            pln_error_set(err, st, m->source, 0, 0, "out of memory");
            goto fail;
        }
    }
    s->crews_limiting = true;
    s->objective = S.obj;
    if (!S.infeasible && !S.money_stuck && o->baseline_start) {
        st = pln__baseline_candidates(&S);
        if (st == PLN_OK)
            st = pln__baseline_take(&S, true);
        if (st != PLN_OK) {
            pln_error_set(err, st, m->source, 0, 0, "out of memory");
            goto fail;
        }
    }
    if (!S.infeasible && !S.money_stuck) {
        struct pln_rc_eval lb;
        pln__rc_eval(&S.rc, S.obj, S.rc.es, &lb);
        S.lb = lb.value;
        S.have = true;
        if (S.ev.value <= S.lb + 1e-9 && S.ev.hard_ok)
            S.proven = true;
        else if (o->time_limit > 0 || o->lp_path) {
            if (!S.ev.hard_ok && !o->lp_path) {
                st = solve_hard(&S, err);
                /* With every hard deadline met, go on as usual. */
                if (st == PLN_OK && S.ev.hard_ok && S.ev.value <= S.lb + 1e-9)
                    S.proven = true;
            }
            if (st != PLN_OK || S.proven || S.infeasible || !S.ev.hard_ok)
                ;
            else if (S.obj == PLN_OBJ_MAKESPAN)
                st = solve_makespan(&S, err);
            else if (S.obj == PLN_OBJ_WEIGHTED_LATENESS)
                st = solve_lateness(&S, err);
            if (st != PLN_OK)
                goto fail;
        }
    }
    if (S.infeasible && s->n_reasons == 0)
        crew_infeasible(&S.rc, s);
    if (S.have && !S.infeasible && o->baseline_start) {
        st = PLN_OK;
        if (S.obj == PLN_OBJ_WEIGHTED_LATENESS && o->time_limit > 0 &&
            S.ev.hard_ok && pln__solve_remaining(&S) > 0.05)
            st = pln__baseline_mip(&S, err);
        if (st == PLN_OK)
            st = pln__baseline_take(&S, false);
        if (st == PLN_OK)
            st = pln__baseline_move(&S);
        if (st != PLN_OK) {
            pln_error_set(err, st, m->source, 0, 0, "out of memory");
            goto fail;
        }
    }
    if (S.have) {
        char msg[400];
        if (!pln__rc_check(&S.rc, S.best, !S.ev.hard_ok, msg, sizeof(msg))) {
            st = PLN_ESOLVER;
            pln_error_set(err, st, m->source, 0, 0,
                          "internal error: the schedule found fails its "
                          "check (%s); please report this with the model",
                          msg);
            goto fail;
        }
        st = to_schedule(&S, s);
        if (st == PLN_OK)
            st = pln__money_report(&S.rc, S.best, s);
        if (st != PLN_OK) {
            pln_error_set(err, st, m->source, 0, 0, "out of memory");
            goto fail;
        }
    }
    s->cals = (pln_calset *)S.rc.c.cs;
    S.rc.c.cs = NULL;
    s->method = S.method;
    s->objective_value = S.ev.value;
    s->lower_bound = S.lb;
    s->mip_rows = S.mip_rows;
    s->mip_cols = S.mip_cols;
    s->mip_nonzeros = S.mip_nz;
    if (S.have && S.ev.hard_ok && S.ev.value <= S.lb + 1e-9)
        S.proven = true; /* the bound met the schedule */
    if (S.infeasible)
        s->status = PLN_SOLVED_INFEASIBLE;
    else if (!S.ev.hard_ok)
        s->status = PLN_SOLVED_NONE;
    else
        s->status = S.proven ? PLN_SOLVED_OPTIMAL : PLN_SOLVED_FEASIBLE;
    if (s->status == PLN_SOLVED_OPTIMAL)
        s->lower_bound = s->objective_value;
    pln__rc_release(&S.rc);
    solver_release(&S);
    *out = s;
    return PLN_OK;
fail:
    pln__rc_release(&S.rc);
    solver_release(&S);
    pln_schedule_free(s);
    return st;
}
