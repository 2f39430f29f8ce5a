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
 */
#include <stdlib.h>
#include <string.h>

#include "mip_int.h"

bool pln__bnb_applies(const struct pln_rc *rc)
{
    const pln_model *m = rc->m;
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

int pln__bnb_feasible(struct pln_rc *rc, const int32_t *lo, const int32_t *hi,
                      double deadline, int32_t *s)
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
