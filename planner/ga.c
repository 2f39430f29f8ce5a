/*
 * ga.c -- a genetic algorithm that improves the heuristic's schedule on the
 * makespan in PSPLIB's setting (one calendar with every day working,
 * constant crew counts, finish-to-start dependencies with lag >= 0, no hard
 * deadlines: pln__ga_applies()), before the bounds and the branch-and-bound
 * (solve.c): a shorter schedule there means fewer questions for them.
 *
 * Genotype: an activity list (a precedence-feasible order of the tasks),
 * decoded by serial schedule generation (each task in list order at its
 * earliest start where its crews are free). Every decoded schedule is then
 * justified backward and forward (right-justify in order of decreasing
 * finish, left-justify in order of the resulting starts; never longer),
 * again while it shortens (three rounds at most), and the list becomes the
 * order of the justified schedule (Lamarckian: the population holds
 * justified schedules). The first population is the incumbent's order and
 * lists sampled around the crew-free latest starts. Children come
 * from a random pairing of the population by Hartmann's two-point
 * crossover and a shift mutation (one task moved to a random place between
 * its last predecessor and its first successor); the next population is
 * the best of parents and children (ranking), duplicates (same starts)
 * dropped. When the best has not improved for a while, all but the best
 * few are replaced by mutated copies of the best (a restart).
 *
 * Everything runs on plain integer arrays built once (durations, demands,
 * dependency offsets in CSR form, one resource profile over a horizon that
 * bounds every serial schedule): no allocation per schedule.
 *
 * It stops at the bound it is given, at the budget, or after a quarter of
 * the budget (at least 20,000 schedules) without a better schedule.
 *
 * Deterministic: the seed is fixed and the budget is a number of schedules
 * (each serial generation, forward or backward, counts one; the caller
 * derives it from the time limit and the size, pln__ga_budget()); the same
 * model and budget give the same schedule, on any machine. The wall clock
 * (`deadline`) is only a safety stop: when the machine is so slow or so
 * busy that it ends the search before the budget does, the result depends
 * on the timing. (What runs after it in solve.c, the branch-and-bound's
 * restarts and GLPK, is timed by the wall clock, so a whole solve with a
 * time limit repeats exactly only where the bounds close or nothing after
 * the GA finds a better schedule.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip_int.h"

struct ga {
    struct pln_rc *rc;
    int n, nk;
    int32_t base;        /* start index of time 0 (the least release) */
    int32_t *dur, *rel;  /* duration, release - base */
    int32_t *dem, *cap;  /* dem[j * nk + k] */
    int *nrk, *rk;       /* per task: the kinds it needs, rk[j * nk + q] */
    int *ps, *pi;        /* predecessors (CSR) */
    int32_t *po;         /* start(j) >= start(pi) + po */
    int *ss, *si;        /* successors (CSR) */
    int32_t *so;         /* mirrored: start'(pred) >= start'(succ) + so */
    int *topo;           /* a topological order */
    int32_t H;           /* profile length: bounds every serial schedule */
    int32_t *prof;       /* [k * H + t] crews in use */
    int *cnt;            /* counting sort buckets, H + 1 */
    int *fwd, *bwd;      /* scratch lists */
    int32_t *sa, *sb;    /* scratch starts */
    unsigned char *used; /* crossover */
    int *pos;            /* mutation: position of each task in a list */
    double *key;         /* random keys of the first lists */
    uint64_t rng;
    long count, budget; /* schedules generated, at most */
};

/* xorshift64*: fixed seed, so runs repeat exactly. */
static uint64_t next_rand(struct ga *G)
{
    uint64_t x = G->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    G->rng = x;
    return x * 2685821657736338717ULL;
}

/* Uniform in [0, n) (n > 0). */
static int rand_below(struct ga *G, int n)
{
    return (int)((next_rand(G) >> 33) % (uint64_t)n);
}

bool pln__ga_applies(struct pln_rc *rc, enum pln_objective obj)
{
    const pln_model *m = rc->m;
    if (obj != PLN_OBJ_MAKESPAN || rc->n < 2 || rc->n > 20000 ||
        !pln__bnb_applies(rc))
        return false;
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        if (rc->hard_lf[j] != INT32_MAX)
            return false;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
            int32_t off;
            if (!pln__rc_dep_offset(rc, &m->deps[e], &off))
                return false;
        }
        if (rc->uses_crews[j])
            for (size_t k = 0; k < rc->nk; k++)
                if (pln__rc_demand(rc, j, k) > rc->cap[k * (size_t)rc->ndays])
                    return false; /* never fits: the heuristic says so */
    }
    return true;
}

long pln__ga_budget(double time_limit, size_t n)
{
    /* Measured on the project's machine (2 cores shared, Release): 10 to
     * 30 million task placements a second (more crews per task and longer
     * tasks cost more), so 40,000 schedules of 120 tasks take 0.2-0.5 s.
     * 20 million placements per second of a quarter of the limit, at most
     * a second's worth. */
    double t = time_limit < 4 ? 0.25 * time_limit : 1.0;
    if (time_limit <= 0 || n == 0)
        return 0;
    return (long)(2.0e7 * t / (double)n);
}

static void ga_free(struct ga *G)
{
    pln__free(G->dur);
    pln__free(G->rel);
    pln__free(G->dem);
    pln__free(G->cap);
    pln__free(G->nrk);
    pln__free(G->rk);
    pln__free(G->ps);
    pln__free(G->pi);
    pln__free(G->po);
    pln__free(G->ss);
    pln__free(G->si);
    pln__free(G->so);
    pln__free(G->prof);
    pln__free(G->cnt);
    pln__free(G->fwd);
    pln__free(G->bwd);
    pln__free(G->sa);
    pln__free(G->sb);
    pln__free(G->used);
    pln__free(G->pos);
    pln__free(G->key);
}

/* The integer form of the problem. 1: done; 0: it does not apply after
 * all (a dependency without a fixed offset, an absurd horizon); -1: out of
 * memory. */
static int ga_init(struct ga *G, struct pln_rc *rc)
{
    const pln_model *m = rc->m;
    int n = (int)rc->n, nk = (int)rc->nk;
    size_t ne = 0, un = (size_t)n + 1;
    int64_t span = 0;
    int32_t maxrel;
    memset(G, 0, sizeof(*G));
    G->rc = rc;
    G->n = n;
    G->nk = nk;
    G->topo = rc->order;
    for (int j = 0; j < n; j++)
        ne += m->tasks[j].n_preds;
    G->dur = pln__malloc(un * sizeof(int32_t));
    G->rel = pln__malloc(un * sizeof(int32_t));
    G->dem = pln__calloc(un * ((size_t)nk + 1), sizeof(int32_t));
    G->cap = pln__malloc(((size_t)nk + 1) * sizeof(int32_t));
    G->nrk = pln__calloc(un, sizeof(int));
    G->rk = pln__malloc(un * ((size_t)nk + 1) * sizeof(int));
    G->ps = pln__calloc(un + 1, sizeof(int));
    G->pi = pln__malloc((ne + 1) * sizeof(int));
    G->po = pln__malloc((ne + 1) * sizeof(int32_t));
    G->ss = pln__calloc(un + 1, sizeof(int));
    G->si = pln__malloc((ne + 1) * sizeof(int));
    G->so = pln__malloc((ne + 1) * sizeof(int32_t));
    G->fwd = pln__malloc(un * sizeof(int));
    G->bwd = pln__malloc(un * sizeof(int));
    G->sa = pln__malloc(un * sizeof(int32_t));
    G->sb = pln__malloc(un * sizeof(int32_t));
    G->used = pln__malloc(un);
    G->pos = pln__malloc(un * sizeof(int));
    G->key = pln__malloc(un * sizeof(double));
    if (!G->key || !G->dur || !G->rel || !G->dem || !G->cap || !G->nrk ||
        !G->rk || !G->ps || !G->pi || !G->po || !G->ss || !G->si || !G->so ||
        !G->fwd || !G->bwd || !G->sa || !G->sb || !G->used || !G->pos)
        return -1;
    for (int k = 0; k < nk; k++)
        G->cap[k] = rc->cap[(size_t)k * (size_t)rc->ndays];
    G->base = INT32_MAX;
    maxrel = INT32_MIN;
    for (int j = 0; j < n; j++) {
        if (rc->release[j] < G->base)
            G->base = rc->release[j];
        if (rc->release[j] > maxrel)
            maxrel = rc->release[j];
    }
    for (int j = 0; j < n; j++) {
        const struct pln_task *t = &m->tasks[j];
        G->dur[j] = t->duration;
        G->rel[j] = rc->release[j] - G->base;
        if (rc->uses_crews[j])
            for (int k = 0; k < nk; k++) {
                int32_t r = pln__rc_demand(rc, (size_t)j, (size_t)k);
                G->dem[(size_t)j * (size_t)nk + (size_t)k] = r;
                if (r > 0)
                    G->rk[(size_t)j * (size_t)nk + (size_t)G->nrk[j]++] = k;
            }
        /* CSR of predecessors, and counts of successors. */
        G->ps[j + 1] = G->ps[j] + (int)t->n_preds;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++) {
            const struct pln_dep *d = &m->deps[e];
            int at = G->ps[j] + (int)(e - t->first_pred);
            int32_t off;
            if ((int)d->succ != j || !pln__rc_dep_offset(rc, d, &off))
                return 0;
            G->pi[at] = d->pred;
            G->po[at] = off;
            G->ss[d->pred + 1]++;
        }
    }
    /* Serial generation starts each task by the latest finish so far plus
     * the longest offset leading out of a task: the sum bounds it. */
    for (int j = 0; j < n; j++) {
        int32_t reach = G->dur[j];
        const struct pln_task *t = &m->tasks[j];
        for (size_t k = t->first_succ; k < t->first_succ + t->n_succs; k++) {
            const struct pln_dep *d = &m->deps[m->succ_deps[k]];
            int32_t off;
            if (!pln__rc_dep_offset(rc, d, &off))
                return 0;
            if (off > reach)
                reach = off;
        }
        span += reach;
    }
    span += (int64_t)(maxrel - G->base) + 2;
    if (span > 10000000)
        return 0;
    G->H = (int32_t)span;
    for (int j = 0; j < n; j++)
        G->ss[j + 1] += G->ss[j];
    {
        int *fill = G->pos; /* free until the search */
        memcpy(fill, G->ss, (size_t)n * sizeof(int));
        for (int j = 0; j < n; j++)
            for (int e = G->ps[j]; e < G->ps[j + 1]; e++) {
                int p = G->pi[e];
                G->si[fill[p]] = j;
                /* mirrored time t' = M - start - duration */
                G->so[fill[p]++] = G->po[e] - G->dur[p] + G->dur[j];
            }
    }
    G->prof = pln__calloc((size_t)nk * (size_t)G->H + 1, sizeof(int32_t));
    G->cnt = pln__malloc(((size_t)G->H + 2) * sizeof(int));
    return G->prof && G->cnt ? 1 : -1;
}

/*
 * Serial schedule generation of `list` over the dependency graph (ps, pi,
 * po) with releases `rel` (NULL: 0): starts into s, the makespan returned
 * (-1 when a task would leave the profile, which the horizon rules out).
 * The profile is empty before and after.
 */
static int32_t decode(struct ga *G, const int *list, const int *ps,
                      const int *pi, const int32_t *po, const int32_t *rel,
                      int32_t *s)
{
    int n = G->n, nk = G->nk;
    int32_t H = G->H, mk = 0;
    int32_t *prof = G->prof;
    for (int i = 0; i < n; i++) {
        int j = list[i];
        int32_t t = rel ? rel[j] : 0, d = G->dur[j];
        for (int e = ps[j]; e < ps[j + 1]; e++) {
            int32_t b = s[pi[e]] + po[e];
            if (b > t)
                t = b;
        }
        if (t + d > H) {
            mk = -1;
            break;
        }
        if (G->nrk[j] > 0 && d > 0) {
            const int *r = G->rk + (size_t)j * (size_t)nk;
            const int32_t *q = G->dem + (size_t)j * (size_t)nk;
            int nr = G->nrk[j];
            for (;;) {
                int32_t x = t + d - 1;
                for (; x >= t; x--) {
                    int c = 0;
                    for (; c < nr; c++) {
                        int k = r[c];
                        if (prof[(size_t)k * (size_t)H + (size_t)x] + q[k] >
                            G->cap[k])
                            break;
                    }
                    if (c < nr)
                        break;
                }
                if (x < t)
                    break; /* fits */
                t = x + 1;
                if (t + d > H) {
                    mk = -1;
                    goto out;
                }
            }
            for (int c = 0; c < nr; c++) {
                int k = r[c];
                int32_t *p = prof + (size_t)k * (size_t)H;
                for (int32_t x = t; x < t + d; x++)
                    p[x] += q[k];
            }
        }
        s[j] = t;
        if (t + d > mk)
            mk = t + d;
    }
out:
    for (int k = 0; k < nk; k++)
        memset(prof + (size_t)k * (size_t)H, 0,
               (size_t)(mk < 0 ? H : mk) * sizeof(int32_t));
    G->count++;
    return mk;
}

/* The tasks fed in order `feed` (forward or backward along topo), sorted
 * stably by key (0 <= key < H + 1), into out. */
static void sort_by(struct ga *G, const int32_t *key, bool reverse_feed,
                    int *out)
{
    int n = G->n;
    int32_t H = G->H;
    memset(G->cnt, 0, ((size_t)H + 2) * sizeof(int));
    for (int j = 0; j < n; j++)
        G->cnt[key[j] + 1]++;
    for (int32_t x = 0; x <= H; x++)
        G->cnt[x + 1] += G->cnt[x];
    for (int i = 0; i < n; i++) {
        int j = G->topo[reverse_feed ? n - 1 - i : i];
        out[G->cnt[key[j]]++] = j;
    }
}

/*
 * Forward-backward improvement of the schedule s of `list` (makespan mk):
 * right-justified in order of decreasing finish (serial generation in
 * mirrored time over the successors), then left-justified in order of
 * those starts. When no longer, s and list become the result. Returns the
 * makespan (mk when nothing changed), -1 on a profile overflow.
 */
static int32_t justify(struct ga *G, int *list, int32_t *s, int32_t mk)
{
    int n = G->n;
    int32_t mb, mf;
    int32_t *key = G->sb;
    for (int j = 0; j < n; j++)
        key[j] = mk - s[j] - G->dur[j]; /* mirrored start */
    /* ties: successors (later in topo) first */
    sort_by(G, key, true, G->bwd);
    mb = decode(G, G->bwd, G->ss, G->si, G->so, NULL, G->sa);
    if (mb < 0)
        return -1;
    for (int j = 0; j < n; j++)
        key[j] = mb - G->sa[j] - G->dur[j]; /* actual start, >= 0 */
    sort_by(G, key, false, G->fwd);
    mf = decode(G, G->fwd, G->ps, G->pi, G->po, G->rel, G->sa);
    if (mf < 0)
        return -1;
    if (mf <= mk) {
        memcpy(s, G->sa, (size_t)n * sizeof(int32_t));
        memcpy(list, G->fwd, (size_t)n * sizeof(int));
        return mf;
    }
    return mk;
}

/* Decode and justify (while it shortens, a few rounds). */
static int32_t evaluate(struct ga *G, int *list, int32_t *s)
{
    int32_t mk = decode(G, list, G->ps, G->pi, G->po, G->rel, s);
    for (int round = 0; mk >= 0 && round < 3; round++) {
        int32_t m2 = justify(G, list, s, mk);
        if (m2 < 0 || m2 >= mk) {
            mk = m2 < 0 ? -1 : mk;
            break;
        }
        mk = m2;
    }
    return mk;
}

/* Hartmann's two-point crossover: the first q1 from mother, the next
 * q2 - q1 in father's order, the rest in mother's. */
static void crossover(struct ga *G, const int *mo, const int *fa, int *child)
{
    int n = G->n, q1 = rand_below(G, n + 1), q2 = rand_below(G, n + 1), c = 0;
    if (q1 > q2) {
        int t = q1;
        q1 = q2;
        q2 = t;
    }
    memset(G->used, 0, (size_t)n);
    for (int i = 0; i < q1; i++) {
        child[c++] = mo[i];
        G->used[mo[i]] = 1;
    }
    for (int i = 0; i < n && c < q2; i++)
        if (!G->used[fa[i]]) {
            child[c++] = fa[i];
            G->used[fa[i]] = 1;
        }
    for (int i = 0; i < n && c < n; i++)
        if (!G->used[mo[i]]) {
            child[c++] = mo[i];
            G->used[mo[i]] = 1;
        }
}

/* Shift mutation: a random task to a random place between its last
 * predecessor and its first successor in the list. */
static void shift(struct ga *G, int *list)
{
    int n = G->n, i = rand_below(G, n), j = list[i], lo = 0, hi = n - 1, to;
    for (int x = 0; x < n; x++)
        G->pos[list[x]] = x;
    for (int e = G->ps[j]; e < G->ps[j + 1]; e++)
        if (G->pos[G->pi[e]] + 1 > lo)
            lo = G->pos[G->pi[e]] + 1;
    for (int e = G->ss[j]; e < G->ss[j + 1]; e++)
        if (G->pos[G->si[e]] - 1 < hi)
            hi = G->pos[G->si[e]] - 1;
    if (hi <= lo)
        return;
    to = lo + rand_below(G, hi - lo + 1);
    if (to < i)
        memmove(list + to + 1, list + to, (size_t)(i - to) * sizeof(int));
    else if (to > i)
        memmove(list + i, list + i + 1, (size_t)(to - i) * sizeof(int));
    list[to] = j;
}

/* A random list biased towards the least crew-free latest start: random
 * keys around it, then the eligible task with the least key first (a
 * linear scan: only for the first population). */
static void sample_list(struct ga *G, double noise, int *list)
{
    struct pln_rc *rc = G->rc;
    int n = G->n;
    int32_t *npred = G->sa, lo = INT32_MAX, hi = INT32_MIN;
    double *key = G->key;
    int ne = 0, *elig = G->bwd;
    for (int j = 0; j < n; j++) {
        if (rc->lst[j] < lo)
            lo = rc->lst[j];
        if (rc->lst[j] > hi)
            hi = rc->lst[j];
    }
    for (int j = 0; j < n; j++) {
        double u = (double)(next_rand(G) >> 11) / 9007199254740992.0;
        key[j] = (double)rc->lst[j] + noise * (double)(hi - lo + 1) * u;
        npred[j] = G->ps[j + 1] - G->ps[j];
        if (npred[j] == 0)
            elig[ne++] = j;
    }
    for (int c = 0; c < n; c++) {
        int b = 0, j;
        for (int x = 1; x < ne; x++)
            if (key[elig[x]] < key[elig[b]] ||
                (key[elig[x]] == key[elig[b]] && elig[x] < elig[b]))
                b = x;
        j = elig[b];
        elig[b] = elig[--ne];
        list[c] = j;
        for (int e = G->ss[j]; e < G->ss[j + 1]; e++)
            if (--npred[G->si[e]] == 0)
                elig[ne++] = G->si[e];
    }
}

static uint64_t hash_starts(const int32_t *s, int n)
{
    uint64_t h = 1469598103934665603ULL;
    for (int j = 0; j < n; j++) {
        h ^= (uint64_t)(uint32_t)s[j];
        h *= 1099511628211ULL;
    }
    return h;
}

struct indiv {
    int32_t mk;
    uint64_t hash;
    long born; /* ties: the older first */
    int *list;
};

static int by_makespan(const void *a, const void *b)
{
    const struct indiv *x = a, *y = b;
    if (x->mk != y->mk)
        return x->mk < y->mk ? -1 : 1;
    return x->born < y->born ? -1 : x->born > y->born;
}

int pln__ga(struct pln_rc *rc, long budget, double stop_at, double deadline,
            int32_t *best)
{
    struct ga G;
    int n = (int)rc->n, P, r = -1;
    struct indiv *ind = NULL;
    int *lists = NULL;
    int32_t *s = NULL, *bs = NULL, best_mk, target, start_mk = 0;
    long born = 0, since = 0, gen = 0, last = 0, stall;
    struct pln_rc_eval ev;

    if (budget < 200)
        return 0;
    /* Population: 40 for j120-sized budgets (about 250 schedules a
     * member), fewer when the budget is small. */
    P = budget / 250 > 40 ? 40 : budget / 250 < 10 ? 10 : (int)(budget / 250);
    r = ga_init(&G, rc);
    if (r <= 0)
        goto done;
    r = -1;
    ind = pln__calloc(2 * (size_t)P + 1, sizeof(*ind));
    lists = pln__malloc((2 * (size_t)P + 1) * (size_t)n * sizeof(int));
    s = pln__malloc(((size_t)n + 1) * sizeof(int32_t));
    bs = pln__malloc(((size_t)n + 1) * sizeof(int32_t));
    if (!ind || !lists || !s || !bs)
        goto done;
    for (int i = 0; i < 2 * P; i++)
        ind[i].list = lists + (size_t)i * (size_t)n;
    G.rng = 0x2545f4914f6cdd1dULL ^ ((uint64_t)n << 32);
    G.budget = budget;
    pln__rc_eval(rc, PLN_OBJ_MAKESPAN, best, &ev);
    /* The makespan in days is the finish (in our time) plus a constant. */
    for (int j = 0; j < n; j++) {
        int32_t f = best[j] - G.base + G.dur[j];
        if (f > start_mk)
            start_mk = f;
    }
    target = (int32_t)stop_at - (ev.makespan - start_mk);
    best_mk = start_mk;
    r = 0;
    /* The first population: the incumbent's order, then samples around the
     * latest starts with growing noise. */
    for (int i = 0; i < P; i++) {
        int32_t mk;
        if (i == 0) {
            for (int j = 0; j < n; j++) { /* the order is what counts */
                int32_t x = best[j] - G.base;
                G.sb[j] = x < 0 ? 0 : x > G.H ? G.H : x;
            }
            sort_by(&G, G.sb, false, ind[0].list);
        } else {
            sample_list(&G, 0.05 + 0.6 * (double)i / (double)P, ind[i].list);
        }
        mk = evaluate(&G, ind[i].list, s);
        if (mk < 0)
            goto finish; /* the horizon rules it out: keep what we have */
        ind[i].mk = mk;
        ind[i].hash = hash_starts(s, n);
        ind[i].born = born++;
        if (mk < best_mk) {
            best_mk = mk;
            memcpy(bs, s, (size_t)n * sizeof(int32_t));
            r = 1;
        }
        if (G.count >= G.budget || best_mk <= target) {
            P = i + 1; /* a small budget: no generations, or fewer */
            break;
        }
    }
    P &= ~1;
    /* Stopped early too after a quarter of the budget (and at least 20,000
     * schedules) without a better one: with a time limit of many seconds,
     * small instances would otherwise spend it all where the proofs need
     * the time. */
    stall = budget / 4 > 20000 ? budget / 4 : 20000;
    while (P >= 2 && best_mk > target && G.count < G.budget &&
           G.count - last < stall) {
        bool improved = false;
        int nsel = 0;
        if ((gen++ & 3) == 0 && deadline > 0 && pln__now_seconds() > deadline)
            break;
        /* Children: random pairs, two each. */
        for (int i = P - 1; i > 0; i--) { /* shuffle the parents */
            int k = rand_below(&G, i + 1);
            struct indiv t = ind[i];
            ind[i] = ind[k];
            ind[k] = t;
        }
        for (int i = 0; i < P; i++) {
            int mate = (i ^ 1) < P ? (i ^ 1) : i;
            const int *mo = ind[i].list, *fa = ind[mate].list;
            struct indiv *c = &ind[P + i];
            int32_t mk;
            crossover(&G, mo, fa, c->list);
            if (rand_below(&G, 2) == 0)
                shift(&G, c->list);
            mk = evaluate(&G, c->list, s);
            if (mk < 0)
                goto finish;
            c->mk = mk;
            c->hash = hash_starts(s, n);
            c->born = born++;
            if (mk < best_mk) {
                best_mk = mk;
                memcpy(bs, s, (size_t)n * sizeof(int32_t));
                improved = true;
                last = G.count;
                r = 1;
            }
        }
        /* Ranking: the best P of parents and children, each schedule once
         * (duplicates go to the end). */
        qsort(ind, 2 * (size_t)P, sizeof(*ind), by_makespan);
        for (int i = 0; i < 2 * P && nsel < P; i++) {
            bool dup = false;
            for (int k = 0; k < nsel && !dup; k++)
                dup = ind[k].mk == ind[i].mk && ind[k].hash == ind[i].hash;
            if (!dup) {
                struct indiv t = ind[nsel];
                ind[nsel++] = ind[i];
                ind[i] = t;
            }
        }
        since = improved ? 0 : since + 1;
        if (since >= 40) {
            /* Stuck: keep the best few, the rest mutated copies of them. */
            for (int i = 4; i < P; i++) {
                int32_t mk;
                memcpy(ind[i].list, ind[i % 4].list, (size_t)n * sizeof(int));
                for (int k = 0; k < 1 + n / 10; k++)
                    shift(&G, ind[i].list);
                mk = evaluate(&G, ind[i].list, s);
                if (mk < 0)
                    goto finish;
                ind[i].mk = mk;
                ind[i].hash = hash_starts(s, n);
                ind[i].born = born++;
                if (mk < best_mk) {
                    best_mk = mk;
                    memcpy(bs, s, (size_t)n * sizeof(int32_t));
                    last = G.count;
                    r = 1;
                }
            }
            since = 0;
        }
    }
finish:
#ifdef PLN_GA_STATS
    fprintf(stderr,
            "ga: population %d, %ld of %ld schedules, %ld generations: "
            "%d -> %d (bound %d)\n",
            P, G.count, budget, gen, (int)start_mk, (int)best_mk, (int)target);
#endif
    if (r == 1) {
        char msg[200];
        for (int j = 0; j < n; j++)
            s[j] = bs[j] + G.base;
        /* Trust but verify. */
        if (pln__rc_check(rc, s, false, msg, sizeof(msg)))
            memcpy(best, s, (size_t)n * sizeof(int32_t));
        else
            r = 0;
    }
done:
    ga_free(&G);
    pln__free(ind);
    pln__free(lists);
    pln__free(s);
    pln__free(bs);
    return r;
}
