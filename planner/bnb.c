/*
 * bnb.c -- our own branch-and-bound for "is there a schedule inside these
 * windows?", used to prove makespans optimal (or find better ones) where
 * GLPK's branch-and-bound on the time-indexed model is too slow.
 *
 * Search: "set times". Among the tasks whose predecessors are all placed,
 * take the one with the earliest possible start (ties: the least latest
 * start); either it starts there (its window closes to that day), or it is
 * postponed: it may not be chosen again until propagation moves its
 * earliest start. When every task left is postponed, the branch is
 * dominated: some postponed task could have started where it was
 * postponed, and a schedule that left-justifies it is no longer. Tasks
 * without crews start as early as they can, without branching. After every
 * decision: propagation (dependencies both ways, crew time-tabling).
 *
 * Complete for left-justified schedules when capacity does not change over
 * time, every task shares one calendar and every dependency is
 * finish-to-start with a lag >= 0 (then a task starts after its
 * predecessors start, and only a finishing task frees a crew): PSPLIB's
 * setting. pln__bnb_applies() checks exactly that.
 *
 * pln__bnb_feasible() runs the fast engine further down (same search,
 * stronger propagation and dominance); the engine here is the fallback
 * when a dependency does not reduce to a fixed start-to-start offset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "mip_int.h"

bool pln__bnb_applies(const struct pln_rc *rc)
{
    const pln_model *m = rc->m;
    if (rc->money)
        return false; /* it knows crews and offsets, not money */
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        if (t->calendar != m->tasks[0].calendar)
            return false;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++)
            if (m->deps[e].kind != PLN_DEP_FS || m->deps[e].lag < 0)
                return false;
    }
    for (size_t k = 0; k < rc->nk; k++) {
        const int32_t *cap = rc->cap + k * (size_t)rc->ndays;
        if (m->crews[k].calendar != m->tasks[0].calendar)
            return false;
        for (int32_t x = 1; x < rc->ndays; x++)
            if (cap[x] != cap[0])
                return false;
    }
    return rc->n > 0 && pln_calset_size(rc->c.cs, m->tasks[0].calendar) ==
                            pln_calset_last(rc->c.cs) -
                                pln_calset_first(rc->c.cs) + 1;
}

struct bnb {
    struct pln_rc *rc;
    bool *all;
    double deadline;
    long nodes;
    bool out_of_time;
    int32_t *s;
};

/* One node: windows lo/hi (owned by the caller, modified here), fixed[]
 * and postponed-at[] (-1 = not postponed). */
static int node(struct bnb *B, int32_t *lo, int32_t *hi, bool *fixed,
               int32_t *post)
{
    struct pln_rc *rc = B->rc;
    const pln_model *m = rc->m;
    size_t n = rc->n, pick = SIZE_MAX;
    bool ok;
    int r;

    if ((++B->nodes & 7) == 0 && pln__now_seconds() > B->deadline) {
        B->out_of_time = true;
        return -1;
    }
    if (!pln__propagate_ex(rc, B->all, lo, hi, &ok, false))
        return -1;
    if (!ok)
        return 0;
    for (;;) {
        bool progress = false, any_open = false;
        pick = SIZE_MAX;
        for (size_t j = 0; j < n; j++) {
            const struct pln_task *t = &m->tasks[j];
            bool ready = true;
            if (fixed[j])
                continue;
            any_open = true;
            if (post[j] >= 0 && lo[j] > post[j])
                post[j] = -1; /* its earliest start moved: choosable again */
            for (size_t e = t->first_pred; ready && e < t->first_pred + t->n_preds;
                 e++)
                ready = fixed[m->deps[e].pred];
            if (!ready)
                continue;
            if (!rc->uses_crews[j]) {
                hi[j] = lo[j]; /* nothing to gain by waiting */
                fixed[j] = true;
                progress = true;
                continue;
            }
            if (post[j] >= 0)
                continue;
            if (pick == SIZE_MAX || lo[j] < lo[pick] ||
                (lo[j] == lo[pick] && hi[j] < hi[pick]))
                pick = j;
        }
        if (!any_open) {
            memcpy(B->s, lo, n * sizeof(int32_t));
            return 1;
        }
        if (progress) {
            if (!pln__propagate_ex(rc, B->all, lo, hi, &ok, false))
                return -1;
            if (!ok)
                return 0;
            continue;
        }
        break;
    }
    if (pick == SIZE_MAX)
        return 0; /* everything left is postponed: dominated */
    {
        size_t bytes = n * (2 * sizeof(int32_t) + sizeof(bool) + sizeof(int32_t));
        char *mem = pln__malloc(bytes + 1);
        int32_t *lo2, *hi2, *post2;
        bool *fixed2;
        if (!mem)
            return -1;
        lo2 = (int32_t *)mem;
        hi2 = lo2 + n;
        post2 = hi2 + n;
        fixed2 = (bool *)(post2 + n);
        /* Start it now. */
        memcpy(lo2, lo, n * sizeof(int32_t));
        memcpy(hi2, hi, n * sizeof(int32_t));
        memcpy(post2, post, n * sizeof(int32_t));
        memcpy(fixed2, fixed, n * sizeof(bool));
        hi2[pick] = lo2[pick];
        fixed2[pick] = true;
        r = node(B, lo2, hi2, fixed2, post2);
        pln__free(mem);
    }
    if (r != 0)
        return r;
    /* Or later. */
    post[pick] = lo[pick];
    return node(B, lo, hi, fixed, post);
}

static int generic_feasible(struct pln_rc *rc, const int32_t *lo,
                            const int32_t *hi, double deadline, int32_t *s)
{
    struct bnb B;
    size_t n = rc->n;
    int32_t *l = pln__malloc((n + 1) * sizeof(int32_t));
    int32_t *h = pln__malloc((n + 1) * sizeof(int32_t));
    int32_t *post = pln__malloc((n + 1) * sizeof(int32_t));
    bool *fixed = pln__calloc(n + 1, sizeof(bool));
    bool *all = pln__malloc(n + 1);
    int r = -1;
    memset(&B, 0, sizeof(B));
    if (l && h && post && fixed && all) {
        memcpy(l, lo, n * sizeof(int32_t));
        memcpy(h, hi, n * sizeof(int32_t));
        memset(all, 1, n + 1);
        for (size_t j = 0; j < n; j++)
            post[j] = -1;
        B.rc = rc;
        B.all = all;
        B.deadline = deadline;
        B.s = s;
        r = node(&B, l, h, fixed, post);
    }
    pln__free(l);
    pln__free(h);
    pln__free(post);
    pln__free(fixed);
    pln__free(all);
    return r;
}

/* ------------------------------------------------------------------------
 * The fast engine (PSPLIB's setting, where pln__bnb_applies() holds):
 * start indices map one to one onto days, capacity is constant and every
 * dependency is "start(succ) >= start(pred) + off" with a fixed offset, so
 * the search works on plain integers: windows per depth, a resource profile
 * over the window span, and to a fixed point: precedence, disjunctive
 * pairs (two tasks that together need more of some crew than there is: if
 * one cannot end before the other's latest start, the other goes first),
 * time-tabling on compulsory parts, and edge finding on cliques of such
 * tasks. Branching is "set times" as above (start the ready task with the
 * least earliest start there, or postpone it), with one more dominance
 * rule for postponed tasks (fe_postponed_ok). A short complete search
 * runs first, then randomised restarts with node limits (they can only
 * find schedules), then the complete search until the deadline. Every
 * schedule returned is checked by pln__rc_check().
 *
 * The complete search remembers its failed nodes (bnb_memo.c, one table
 * of up to 64 MiB per question, shared by its short and its long run):
 * at a node's first decision, its placed tasks with their starts and its
 * postponed tasks are looked up, and the node fails at once when a failed
 * node with the same placed tasks dominates it (every schedule here maps
 * onto one there: see bnb_memo.c for the rule and why it is sound); else
 * it is recorded when its subtree fails. On the j30 instances it cuts the
 * nodes of the hard proofs by 2 to 20 times.
 * ---------------------------------------------------------------------- */

struct fe {
    struct pln_rc *rc;
    int n, nk;
    int32_t *dur, *dem, *cap; /* dem[j * nk + k] */
    unsigned char *crew;      /* demands some crew */
    unsigned char *share;     /* [i * n + j]: share a crew kind */
    int *dpairs, ndp;         /* pairs that never run side by side */
    int *cl, *cls, ncl;       /* cliques of such tasks: cl[cls[c]..cls[c+1]) */
    int *topo;
    int *ps, *pi, *ss, *si;   /* CSR: predecessors / successors */
    int32_t *po, *so;         /* their offsets */
    int32_t base, H;
    int32_t *prof;            /* [k * H + (t - base)] compulsory use */
    int32_t *frames;          /* per depth: lo[n], hi[n], post[n] */
    unsigned char *fixed;     /* per depth: fixed[n] */
    double deadline;
    long nodes;
    bool out_of_time;
    int32_t *s;
    /* restarts (only to find schedules): randomised choice, node limit */
    bool randomised;
    long node_limit;
    uint64_t rng;
    /* failed nodes of the complete search (bnb_memo.c) */
    bool use_memo;
    struct pln_memo memo;
    uint64_t *mkeys; /* per depth: the record of its first decision */
    /* statistics */
    long restart_nodes, tt_fails;
};

static void fe_free(struct fe *F)
{
    pln__free(F->dur);
    pln__free(F->dem);
    pln__free(F->cap);
    pln__free(F->crew);
    pln__free(F->share);
    pln__free(F->dpairs);
    pln__free(F->cl);
    pln__free(F->cls);
    pln__free(F->ps);
    pln__free(F->pi);
    pln__free(F->ss);
    pln__free(F->si);
    pln__free(F->po);
    pln__free(F->so);
    pln__free(F->prof);
    pln__free(F->frames);
    pln__free(F->fixed);
    pln__free(F->mkeys);
    if (F->use_memo)
        pln__memo_free(&F->memo);
}

/* Offset of dependency d (start(succ) >= start(pred) + off), checked to be
 * the same at two points both ways; false when it is not (then the
 * generic engine runs). */
bool pln__rc_dep_offset(struct pln_rc *rc, const struct pln_dep *d,
                        int32_t *off)
{
    const pln_model *m = rc->m;
    const struct pln_task *p = &m->tasks[d->pred], *u = &m->tasks[d->succ];
    int32_t v[2], w[2];
    int32_t x0 = rc->es[d->pred] + 3, y0 = rc->es[d->succ] + 40;
    for (int i = 0; i < 2; i++) {
        struct pln_task_times pt;
        int32_t x = x0 + 17 * i, y = y0 + 17 * i;
        pt.es = x;
        pt.ef = x + p->duration;
        v[i] = pln__cpm_dep_es(&rc->c, d, p, &pt, u) - x;
        w[i] = y - (pln__cpm_dep_lf(&rc->c, d, p, u, y, y + u->duration) -
                    p->duration);
    }
    if (v[0] != v[1] || w[0] != w[1] || v[0] != w[0] || v[0] < 0)
        return false;
    /* A crew task frees its crews only when it finishes. */
    if (rc->uses_crews[d->pred] && v[0] < p->duration)
        return false;
    *off = v[0];
    return true;
}

static bool fe_init(struct fe *F, struct pln_rc *rc, const int32_t *lo,
                    const int32_t *hi)
{
    const pln_model *m = rc->m;
    int n = (int)rc->n, nk = (int)rc->nk;
    size_t ne = 0;
    int32_t top;
    memset(F, 0, sizeof(*F));
    F->rc = rc;
    F->n = n;
    F->nk = nk;
    for (int j = 0; j < n; j++)
        ne += m->tasks[j].n_preds;
    F->dur = pln__malloc(((size_t)n + 1) * sizeof(int32_t));
    F->dem = pln__calloc((size_t)n * (size_t)nk + 1, sizeof(int32_t));
    F->cap = pln__malloc(((size_t)nk + 1) * sizeof(int32_t));
    F->crew = pln__calloc((size_t)n + 1, 1);
    F->share = pln__calloc((size_t)n * (size_t)n + 1, 1);
    F->ps = pln__calloc((size_t)n + 2, sizeof(int));
    F->ss = pln__calloc((size_t)n + 2, sizeof(int));
    F->pi = pln__malloc((ne + 1) * sizeof(int));
    F->si = pln__malloc((ne + 1) * sizeof(int));
    F->po = pln__malloc((ne + 1) * sizeof(int32_t));
    F->so = pln__malloc((ne + 1) * sizeof(int32_t));
    F->frames = pln__malloc(((size_t)n + 2) * 3 * (size_t)n * sizeof(int32_t) + 4);
    F->fixed = pln__calloc(((size_t)n + 2) * (size_t)n + 1, 1);
    if (!F->dur || !F->dem || !F->cap || !F->crew || !F->share || !F->ps ||
        !F->ss || !F->pi || !F->si || !F->po || !F->so || !F->frames ||
        !F->fixed)
        return false;
    F->topo = rc->order;
    for (int k = 0; k < nk; k++)
        F->cap[k] = rc->cap[(size_t)k * (size_t)rc->ndays];
    for (int j = 0; j < n; j++) {
        F->dur[j] = m->tasks[j].duration;
        F->crew[j] = rc->uses_crews[j];
        for (int k = 0; k < nk; k++)
            F->dem[j * nk + k] = F->crew[j] ? pln__rc_demand(rc, (size_t)j,
                                                             (size_t)k)
                                            : 0;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            for (int k = 0; k < nk; k++)
                if (F->dem[i * nk + k] > 0 && F->dem[j * nk + k] > 0)
                    F->share[i * n + j] = 1;
    /* Crew tasks that cannot run side by side (together they need more
     * than some kind has), unless a dependency orders them already. */
    {
        size_t np = 0;
        F->dpairs = pln__malloc(((size_t)n * (size_t)n + 1) * sizeof(int));
        if (!F->dpairs)
            return false;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                bool clash = false;
                for (int k = 0; k < nk && !clash; k++)
                    clash = F->dem[i * nk + k] > 0 && F->dem[j * nk + k] > 0 &&
                            F->dem[i * nk + k] + F->dem[j * nk + k] > F->cap[k];
                if (clash && F->crew[i] && F->crew[j]) {
                    F->dpairs[np++] = i;
                    F->dpairs[np++] = j;
                }
            }
        F->ndp = (int)(np / 2);
    }
    /* Cliques of them (at least 3), grown greedily from each task, longest
     * tasks first; duplicates dropped. */
    {
        unsigned char *inc = pln__calloc((size_t)n * (size_t)n + 1, 1);
        int *byd = pln__malloc(((size_t)n + 1) * sizeof(int));
        int *cur = pln__malloc(((size_t)n + 1) * sizeof(int));
        size_t used = 0;
        F->cl = pln__malloc(((size_t)n * (size_t)n + 1) * sizeof(int));
        F->cls = pln__calloc((size_t)n + 2, sizeof(int));
        if (!inc || !byd || !cur || !F->cl || !F->cls) {
            pln__free(inc);
            pln__free(byd);
            pln__free(cur);
            return false;
        }
        for (int p = 0; p < F->ndp; p++) {
            int i = F->dpairs[2 * p], j = F->dpairs[2 * p + 1];
            inc[i * n + j] = inc[j * n + i] = 1;
        }
        for (int j = 0; j < n; j++)
            byd[j] = j;
        for (int a = 1; a < n; a++) /* insertion sort, longest first */
            for (int b = a; b > 0 && F->dur[byd[b]] > F->dur[byd[b - 1]]; b--) {
                int t = byd[b];
                byd[b] = byd[b - 1];
                byd[b - 1] = t;
            }
        for (int seed = 0; seed < n; seed++) {
            int c = 0;
            bool dup = false;
            if (!F->crew[seed])
                continue;
            cur[c++] = seed;
            for (int a = 0; a < n; a++) {
                int j = byd[a];
                bool all = j != seed;
                for (int q = 0; q < c && all; q++)
                    all = inc[j * n + cur[q]];
                if (all)
                    cur[c++] = j;
            }
            if (c < 3)
                continue;
            /* canonical order for the duplicate test */
            for (int a = 1; a < c; a++)
                for (int b = a; b > 0 && cur[b] < cur[b - 1]; b--) {
                    int t = cur[b];
                    cur[b] = cur[b - 1];
                    cur[b - 1] = t;
                }
            for (int q = 0; q < F->ncl && !dup; q++)
                dup = F->cls[q + 1] - F->cls[q] == c &&
                      memcmp(F->cl + F->cls[q], cur, (size_t)c * sizeof(int)) == 0;
            if (dup)
                continue;
            memcpy(F->cl + used, cur, (size_t)c * sizeof(int));
            used += (size_t)c;
            F->ncl++;
            F->cls[F->ncl] = (int)used;
        }
        pln__free(inc);
        pln__free(byd);
        pln__free(cur);
    }
    /* Predecessors and successors with offsets. */
    for (int j = 0; j < n; j++) {
        const struct pln_task *t = &m->tasks[j];
        F->ps[j + 1] = F->ps[j] + (int)t->n_preds;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++)
            F->ss[m->deps[e].pred + 1]++;
    }
    for (int j = 0; j < n; j++)
        F->ss[j + 1] += F->ss[j];
    {
        int *fill = pln__malloc(((size_t)n + 1) * sizeof(int));
        if (!fill)
            return false;
        memcpy(fill, F->ss, (size_t)n * sizeof(int));
        for (int j = 0; j < n; j++) {
            const struct pln_task *t = &m->tasks[j];
            int at = F->ps[j];
            for (size_t e = t->first_pred; e < t->first_pred + t->n_preds;
                 e++, at++) {
                const struct pln_dep *d = &m->deps[e];
                int32_t off;
                if ((int)d->succ != j || !pln__rc_dep_offset(rc, d, &off)) {
                    pln__free(fill);
                    return false;
                }
                F->pi[at] = d->pred;
                F->po[at] = off;
                F->si[fill[d->pred]] = j;
                F->so[fill[d->pred]++] = off;
            }
        }
        pln__free(fill);
    }
    F->base = INT32_MAX;
    top = INT32_MIN;
    for (int j = 0; j < n; j++) {
        if (lo[j] < F->base)
            F->base = lo[j];
        if (hi[j] + F->dur[j] > top)
            top = hi[j] + F->dur[j];
        if (lo[j] > hi[j])
            return false;
    }
    F->H = top - F->base + 2;
    if (F->H <= 0 || F->H > 1000000)
        return false;
    F->prof = pln__malloc((size_t)nk * (size_t)F->H * sizeof(int32_t) + 4);
    return F->prof != NULL;
}

static inline void fe_comp(struct fe *F, int j, int32_t lo, int32_t hi,
                           int sign)
{
    int nk = F->nk;
    const int32_t *r = F->dem + j * nk;
    int32_t e = lo + F->dur[j];
    if (hi >= e)
        return;
    for (int k = 0; k < nk; k++) {
        int32_t *p;
        int32_t v;
        if (!r[k])
            continue;
        p = F->prof + (size_t)k * (size_t)F->H - F->base;
        v = sign * r[k];
        for (int32_t t = hi; t < e; t++)
            p[t] += v;
    }
}

/* The latest day in [a, a + d) where j does not fit on top of the
 * profile, or a - 1 when it fits. */
static inline int32_t fe_clash_fwd(struct fe *F, int j, int32_t a)
{
    int nk = F->nk;
    const int32_t *r = F->dem + j * nk;
    for (int32_t t = a + F->dur[j] - 1; t >= a; t--)
        for (int k = 0; k < nk; k++)
            if (r[k] && F->prof[(size_t)k * (size_t)F->H + (size_t)(t - F->base)] +
                                r[k] >
                            F->cap[k])
                return t;
    return a - 1;
}

/* The earliest clash day in [b, b + d), or b + d when it fits. */
static inline int32_t fe_clash_bwd(struct fe *F, int j, int32_t b)
{
    int nk = F->nk;
    const int32_t *r = F->dem + j * nk;
    for (int32_t t = b; t < b + F->dur[j]; t++)
        for (int k = 0; k < nk; k++)
            if (r[k] && F->prof[(size_t)k * (size_t)F->H + (size_t)(t - F->base)] +
                                r[k] >
                            F->cap[k])
                return t;
    return b + F->dur[j];
}

/* Edge finding on a clique of tasks that run one at a time: for windows
 * [a, b) between a start bound and a finish bound, the tasks Ω inside
 * must fit (overload); a task outside Ω that cannot run before the end of
 * Ω together with it goes after all of Ω (starts at a + p(Ω) or later),
 * and symmetrically before. -1: no schedule; 1: a window narrowed. */
static int fe_edge_find(struct fe *F, const int *c, int nc, int32_t *lo,
                        int32_t *hi)
{
    int changed = 0;
    for (int x = 0; x < nc; x++) {
        int32_t a = lo[c[x]];
        bool seen = false;
        for (int w = 0; w < x && !seen; w++)
            seen = lo[c[w]] == a;
        if (seen)
            continue;
        for (int y = 0; y < nc; y++) {
            int32_t b = hi[c[y]] + F->dur[c[y]];
            int32_t P = 0;
            if (b <= a)
                continue;
            for (int z = 0; z < nc; z++) {
                int j = c[z];
                if (lo[j] >= a && hi[j] + F->dur[j] <= b)
                    P += F->dur[j];
            }
            if (P > b - a)
                return -1;
            if (P == 0)
                continue;
            for (int z = 0; z < nc; z++) {
                int i = c[z];
                int32_t d = F->dur[i];
                if (lo[i] >= a && hi[i] + d <= b)
                    continue; /* in Ω */
                /* after Ω? */
                if ((lo[i] < a ? lo[i] : a) + P + d > b && lo[i] < a + P) {
                    lo[i] = a + P;
                    changed = 1;
                    if (lo[i] > hi[i])
                        return -1;
                }
                /* before Ω? */
                if ((hi[i] + d > b ? hi[i] + d : b) - P - d < a &&
                    hi[i] > b - P - d) {
                    hi[i] = b - P - d;
                    changed = 1;
                    if (lo[i] > hi[i])
                        return -1;
                }
            }
        }
    }
    return changed;
}

/* Precedence, disjunctive pairs and time-tabling to a fixed point, then
 * edge finding (and again while it narrows something). false: no schedule
 * inside the windows. */
static bool fe_prop(struct fe *F, int32_t *lo, int32_t *hi)
{
    int n = F->n;
    bool changed = true;
    while (changed) {
        changed = false;
        for (int i = 0; i < n; i++) {
            int j = F->topo[i];
            for (int e = F->ps[j]; e < F->ps[j + 1]; e++) {
                int32_t b = lo[F->pi[e]] + F->po[e];
                if (b > lo[j])
                    lo[j] = b;
            }
        }
        for (int i = n; i-- > 0;) {
            int j = F->topo[i];
            for (int e = F->ss[j]; e < F->ss[j + 1]; e++) {
                int32_t b = hi[F->si[e]] - F->so[e];
                if (b < hi[j])
                    hi[j] = b;
            }
            if (lo[j] > hi[j])
                return false;
        }
        /* Disjunctive pairs: if one cannot end before the other's latest
         * start, the other goes first. */
        for (int p = 0; p < F->ndp; p++) {
                int i = F->dpairs[2 * p], j = F->dpairs[2 * p + 1];
                bool ij = lo[i] + F->dur[i] <= hi[j]; /* i may precede j */
                bool ji = lo[j] + F->dur[j] <= hi[i];
                if (!ij && !ji)
                    return false;
                if (!ij) { /* j before i */
                    if (lo[j] + F->dur[j] > lo[i]) {
                        lo[i] = lo[j] + F->dur[j];
                        changed = true;
                    }
                    if (hi[i] - F->dur[j] < hi[j]) {
                        hi[j] = hi[i] - F->dur[j];
                        changed = true;
                    }
                } else if (!ji) {
                    if (lo[i] + F->dur[i] > lo[j]) {
                        lo[j] = lo[i] + F->dur[i];
                        changed = true;
                    }
                    if (hi[j] - F->dur[i] < hi[i]) {
                        hi[i] = hi[j] - F->dur[i];
                        changed = true;
                    }
                }
                if (lo[i] > hi[i] || lo[j] > hi[j])
                    return false;
            }
        memset(F->prof, 0, (size_t)F->nk * (size_t)F->H * sizeof(int32_t));
        for (int j = 0; j < n; j++)
            if (F->crew[j])
                fe_comp(F, j, lo[j], hi[j], +1);
        for (int j = 0; j < n; j++) {
            int32_t a, b, c;
            if (!F->crew[j])
                continue;
            fe_comp(F, j, lo[j], hi[j], -1);
            a = lo[j];
            while (a <= hi[j] && (c = fe_clash_fwd(F, j, a)) >= a)
                a = c + 1;
            b = hi[j];
            while (b >= a && (c = fe_clash_bwd(F, j, b)) < b + F->dur[j])
                b = c - F->dur[j];
            if (a > b) {
                F->tt_fails++;
                return false;
            }
            if (a != lo[j] || b != hi[j]) {
                lo[j] = a;
                hi[j] = b;
                changed = true;
            }
            fe_comp(F, j, lo[j], hi[j], +1);
        }
        /* Edge finding once the cheaper rules are done. */
        if (!changed)
            for (int q = 0; q < F->ncl; q++) {
                int r = fe_edge_find(F, F->cl + F->cls[q],
                                     F->cls[q + 1] - F->cls[q], lo, hi);
                if (r < 0)
                    return false;
                if (r > 0)
                    changed = true;
            }
    }
    return true;
}

/* A postponed task j cannot start at post[j] (that branch failed). If no
 * other open task sharing a crew with it can start before j would finish
 * when started at lo[j] = post[j], any schedule here could start j there
 * instead (its predecessors are placed, the fixed tasks leave it room by
 * time-tabling): so there is none. */
static bool fe_postponed_ok(struct fe *F, const int32_t *lo,
                            const int32_t *post, const unsigned char *fx)
{
    int n = F->n;
    for (int j = 0; j < n; j++) {
        const unsigned char *sh;
        int32_t end;
        bool blocked = false;
        if (fx[j] || post[j] < 0 || lo[j] != post[j])
            continue;
        sh = F->share + (size_t)j * (size_t)n;
        end = lo[j] + F->dur[j];
        for (int i = 0; i < n && !blocked; i++) {
            int32_t est;
            if (i == j || fx[i] || !sh[i])
                continue;
            est = lo[i] + (post[i] >= 0 && lo[i] == post[i]);
            if (est < end)
                blocked = true;
        }
        if (!blocked)
            return false;
    }
    return true;
}

static int fe_node(struct fe *F, int depth)
{
    int n = F->n;
    int32_t *lo = F->frames + (size_t)depth * 3 * (size_t)n, *hi = lo + n;
    int32_t *post = hi + n;
    unsigned char *fx = F->fixed + (size_t)depth * (size_t)n;
    uint64_t *key = NULL; /* set: this node's failure is recorded */
    if (((++F->nodes & 15) == 0 && pln__now_seconds() > F->deadline) ||
        (F->node_limit > 0 && F->nodes > F->node_limit)) {
        F->out_of_time = true;
        return -1;
    }
    if (!fe_prop(F, lo, hi))
        return 0;
    for (;;) {
        int pick = -1, r;
        bool progress = false, any_open = false;
        for (int j = 0; j < n; j++) {
            bool ready = true;
            if (fx[j])
                continue;
            any_open = true;
            if (post[j] >= 0 && lo[j] > post[j])
                post[j] = -1;
            for (int e = F->ps[j]; ready && e < F->ps[j + 1]; e++)
                ready = fx[F->pi[e]];
            if (!ready)
                continue;
            if (!F->crew[j]) {
                hi[j] = lo[j]; /* nothing to gain by waiting */
                fx[j] = 1;
                progress = true;
                continue;
            }
            if (post[j] >= 0)
                continue;
            if (F->randomised) {
                /* random among the least earliest starts, or rarely any */
                uint64_t x;
                F->rng ^= F->rng << 13;
                F->rng ^= F->rng >> 7;
                F->rng ^= F->rng << 17;
                x = F->rng;
                if (pick < 0 || lo[j] < lo[pick] - (int32_t)(x % 3 == 0) ||
                    (lo[j] == lo[pick] && (x >> 8) % 2 == 0))
                    pick = j;
            } else if (pick < 0 || lo[j] < lo[pick] ||
                       (lo[j] == lo[pick] && hi[j] < hi[pick]))
                pick = j;
        }
        if (!any_open) {
            memcpy(F->s, lo, (size_t)n * sizeof(int32_t));
            return 1;
        }
        if (progress) {
            if (!fe_prop(F, lo, hi))
                goto failed;
            continue;
        }
        if (pick < 0)
            goto failed; /* everything ready is postponed: dominated */
        if (!fe_postponed_ok(F, lo, post, fx))
            goto failed;
        if (F->use_memo && !F->randomised && !key) {
            /* A node like one that failed before fails too. */
            if (pln__memo_dominated(&F->memo, fx, lo, hi, post))
                return 0;
            key = F->mkeys + (size_t)depth * F->memo.stride;
            memcpy(key, F->memo.key, F->memo.stride * sizeof(uint64_t));
        }
        {
            int32_t *lo2 = lo + 3 * (size_t)n, *hi2 = lo2 + n;
            unsigned char *fx2 = fx + n;
            memcpy(lo2, lo, 3 * (size_t)n * sizeof(int32_t));
            memcpy(fx2, fx, (size_t)n);
            hi2[pick] = lo2[pick];
            fx2[pick] = 1;
            r = fe_node(F, depth + 1);
            if (r != 0)
                return r;
        }
        /* Or later: not chosen again until its earliest start moves. */
        post[pick] = lo[pick];
        if (((++F->nodes & 15) == 0 && pln__now_seconds() > F->deadline) ||
            (F->node_limit > 0 && F->nodes > F->node_limit)) {
            F->out_of_time = true;
            return -1;
        }
        if (!fe_prop(F, lo, hi))
            goto failed;
    }
failed:
    if (key)
        pln__memo_store(&F->memo, key);
    return 0;
}

/* The Luby sequence 1 1 2 1 1 2 4 1 1 2 ... (i >= 1). */
static long luby(long i)
{
    for (;;) {
        long k = 1;
        while ((1L << k) - 1 < i)
            k++;
        if (i == (1L << k) - 1)
            return 1L << (k - 1);
        i -= (1L << (k - 1)) - 1;
    }
}

int pln__bnb_feasible(struct pln_rc *rc, const int32_t *lo, const int32_t *hi,
                      double deadline, int32_t *s)
{
    struct fe F;
    int r = -2;
    if (fe_init(&F, rc, lo, hi)) {
        int n = F.n;
        memcpy(F.frames, lo, (size_t)n * sizeof(int32_t));
        memcpy(F.frames + n, hi, (size_t)n * sizeof(int32_t));
        for (int j = 0; j < n; j++)
            F.frames[2 * n + j] = -1;
        F.s = s;
        /* The table of failed nodes: up to 64 MiB; without it (no memory)
         * the search is the same, only longer. */
        F.mkeys = pln__malloc(((size_t)n + 2) * pln__memo_stride(n) *
                              sizeof(uint64_t));
        if (F.mkeys) {
            struct pln_memo_model mm;
            mm.n = n;
            mm.nk = F.nk;
            mm.dur = F.dur;
            mm.dem = F.dem;
            mm.cap = F.cap;
            mm.crew = F.crew;
            mm.ss = F.ss;
            mm.si = F.si;
            mm.so = F.so;
            mm.base = F.base;
            mm.H = F.H;
            F.use_memo = pln__memo_init(&F.memo, &mm, (size_t)64 << 20);
        }
        /* A short complete search first: most answers come quickly. */
        F.deadline = deadline;
        F.node_limit = 30000;
        r = fe_node(&F, 0);
        F.node_limit = 0;
        if (r < 0 && !(pln__now_seconds() > deadline)) {
            /* Restarts with a randomised choice and growing node limits,
             * for up to a fifth of the time: they only find schedules (a
             * search cut short proves nothing). */
            double now = pln__now_seconds();
            double frac = 0.15;
            double until = now + frac * (deadline - now);
            long total = 0;
            F.deadline = until;
            F.rng = 0x9e3779b97f4a7c15ull;
            F.randomised = true;
            for (long i = 1; frac > 0 && pln__now_seconds() < until; i++) {
                long u = luby(i);
                memcpy(F.frames, lo, (size_t)n * sizeof(int32_t));
                memcpy(F.frames + n, hi, (size_t)n * sizeof(int32_t));
                for (int j = 0; j < n; j++)
                    F.frames[2 * n + j] = -1;
                memset(F.fixed, 0, rc->n);
                F.nodes = 0;
                F.node_limit = 200 * u;
                F.out_of_time = false;
                r = fe_node(&F, 0);
                total += F.nodes;
                if (r == 1)
                    break;
                r = -1; /* 0 here is not trusted: only the full search proves */
            }
            F.randomised = false;
            F.node_limit = 0;
            F.out_of_time = false;
            F.nodes = 0;
            F.restart_nodes = total;
        }
        F.deadline = deadline;
        if (r < 0) {
            memcpy(F.frames, lo, (size_t)n * sizeof(int32_t));
            memcpy(F.frames + n, hi, (size_t)n * sizeof(int32_t));
            for (int j = 0; j < n; j++)
                F.frames[2 * n + j] = -1;
            memset(F.fixed, 0, rc->n);
            F.nodes = 0;
            r = fe_node(&F, 0);
        }
#ifdef PLN_BNB_STATS
        fprintf(stderr, "bnb: r=%d nodes=%ld restart nodes=%ld tt fails=%ld "
                "memo lookups=%ld hits=%ld stores=%ld\n",
                r, F.nodes, F.restart_nodes, F.tt_fails, F.memo.lookups,
                F.memo.hits, F.memo.stores);
#endif
        if (r == 1) {
            /* Trust but verify: the windows and every rule. */
            char msg[200];
            for (int j = 0; j < n; j++)
                if (s[j] < lo[j] || s[j] > hi[j])
                    r = -1;
            if (r == 1 && !pln__rc_check(rc, s, false, msg, sizeof(msg)))
                r = -1;
        }
    }
    fe_free(&F);
    if (r == -2)
        return generic_feasible(rc, lo, hi, deadline, s);
    return r;
}
