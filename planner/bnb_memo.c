/*
 * bnb_memo.c -- the fast branch-and-bound's memory of failed nodes
 * (bnb.c): a fixed-size table of the partial schedules whose subtrees were
 * searched to the end without a schedule, and the dominance test that cuts
 * a later node with the same placed tasks without searching it.
 *
 * A record A holds the set F of placed tasks, their starts, and the tasks
 * A had postponed (unplaced, earliest start = the day of postponement). A
 * later node B with the same F is cut when, for every schedule s of B, the
 * schedule s' that starts F as A does and every other task as s does
 *   - keeps every dependency: from a placed task i to an unplaced j, A's
 *     start of i + the offset <= B's earliest start of j (F is closed under
 *     predecessors: a task is placed only once they are);
 *   - keeps every crew on every day t: with B(t) the use of B's placed
 *     tasks and U(t) the most the unplaced ones can use inside B's windows,
 *     s uses at most min(cap - B(t), U(t)) for them, so A's placed use at t
 *     must be at most max(B(t), cap - U(t)) (A's placed tasks fit together:
 *     they passed propagation);
 *   - respects A's postponements: each task A postponed at day p starts
 *     after p in B's windows, or B postponed it at p too.
 * Why that is sound (for schedules whose tasks without crews start as
 * early as their predecessors let them, which lose nothing): the search's
 * own cuts drop such a schedule only when it can move a postponed task back
 * to where it was postponed, into the "start it now" branch searched to the
 * end before; propagation drops none; a cut by this table moves it into
 * A's subtree, also searched to the end before. So the first schedule ever
 * dropped would have a schedule dropped before it: there is none, and the
 * search stays complete. Only the complete, deterministic search records
 * and cuts (the randomised restarts' choice is not complete), and only
 * within one question (one set of windows).
 *
 * Layout: buckets of PLN_MEMO_WAYS records chosen by a hash of F (all
 * records of one F share a bucket), replaced round-robin when full; the
 * caller bounds the table's bytes.
 */
#include <stdint.h>
#include <string.h>

#include "mip_int.h"

#define NONE INT32_MIN

static size_t words_of(int n) { return ((size_t)n + 63) / 64; }

/* Record: [0] hash of F (never 0 when used), then F's bit set, then n int32
 * values (the start for j in F, else the day of postponement or NONE). */
size_t pln__memo_stride(int n) { return 1 + words_of(n) + ((size_t)n + 1) / 2; }

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

bool pln__memo_init(struct pln_memo *M, const struct pln_memo_model *mm,
                    size_t bytes)
{
    size_t stride = pln__memo_stride(mm->n), per = stride * sizeof(uint64_t);
    size_t nb = 1, span = (size_t)mm->nk * (size_t)mm->H + 1;
    memset(M, 0, sizeof(*M));
    M->mm = *mm;
    M->stride = stride;
    M->words = words_of(mm->n);
    while ((nb * 2) * PLN_MEMO_WAYS * per <= bytes)
        nb *= 2;
    M->nbuckets = nb;
    M->tab = pln__calloc(nb * PLN_MEMO_WAYS * stride, sizeof(uint64_t));
    M->rr = pln__calloc(nb, 1);
    M->lim = pln__malloc(span * sizeof(int32_t));
    M->acc = pln__calloc(span, sizeof(int32_t));
    M->key = pln__malloc(stride * sizeof(uint64_t));
    if (!M->tab || !M->rr || !M->lim || !M->acc || !M->key) {
        pln__memo_free(M);
        return false;
    }
    return true;
}

void pln__memo_free(struct pln_memo *M)
{
    pln__free(M->tab);
    pln__free(M->rr);
    pln__free(M->lim);
    pln__free(M->acc);
    pln__free(M->key);
    M->tab = M->key = NULL;
    M->rr = NULL;
    M->lim = M->acc = NULL;
}

void pln__memo_key(const struct pln_memo *M, const unsigned char *fx,
                   const int32_t *lo, const int32_t *post, uint64_t *key)
{
    int n = M->mm.n;
    uint64_t h = 0x2545f4914f6cdd1dull;
    uint64_t *set = key + 1;
    int32_t *val = (int32_t *)(set + M->words);
    memset(key, 0, M->stride * sizeof(uint64_t));
    for (int j = 0; j < n; j++) {
        if (fx[j]) {
            set[j / 64] |= 1ull << (j % 64);
            h ^= mix((uint64_t)j);
            val[j] = lo[j];
        } else
            val[j] = post[j] >= 0 && lo[j] == post[j] ? post[j] : NONE;
    }
    key[0] = h | 1;
}

/* add dem of task j over [a, b) (clamped to the span) to prof */
static void add_use(const struct pln_memo_model *mm, int32_t *prof, int j,
                    int32_t a, int32_t b, int sign)
{
    if (a < mm->base)
        a = mm->base;
    if (b > mm->base + mm->H)
        b = mm->base + mm->H;
    for (int k = 0; k < mm->nk; k++) {
        int32_t d = mm->dem[j * mm->nk + k] * sign;
        int32_t *p = prof + (size_t)k * (size_t)mm->H - mm->base;
        if (d)
            for (int32_t t = a; t < b; t++)
                p[t] += d;
    }
}

/* lim = max(B(t), cap - U(t)) for the node (fx, lo, hi) */
static void fill_lim(struct pln_memo *M, const unsigned char *fx,
                     const int32_t *lo, const int32_t *hi)
{
    const struct pln_memo_model *mm = &M->mm;
    size_t span = (size_t)mm->nk * (size_t)mm->H;
    /* lim holds B, acc holds U for a moment */
    memset(M->lim, 0, span * sizeof(int32_t));
    for (int j = 0; j < mm->n; j++)
        if (mm->crew[j]) {
            if (fx[j])
                add_use(mm, M->lim, j, lo[j], lo[j] + mm->dur[j], +1);
            else
                add_use(mm, M->acc, j, lo[j], hi[j] + mm->dur[j], +1);
        }
    for (int k = 0; k < mm->nk; k++)
        for (int32_t t = 0; t < mm->H; t++) {
            size_t x = (size_t)k * (size_t)mm->H + (size_t)t;
            int32_t free_ = mm->cap[k] - M->acc[x];
            if (free_ > M->lim[x])
                M->lim[x] = free_;
            M->acc[x] = 0;
        }
}

/* Does record A dominate the node (fx, lo, hi, post)?  M->lim is filled
 * for the node, M->acc is zero (and left so). */
static bool dominates(struct pln_memo *M, const uint64_t *A,
                      const unsigned char *fx, const int32_t *lo,
                      const int32_t *post)
{
    const struct pln_memo_model *mm = &M->mm;
    int n = mm->n;
    const int32_t *va = (const int32_t *)(A + 1 + M->words);
    int32_t from = INT32_MAX, to = INT32_MIN;
    bool ok = true;
    for (int j = 0; j < n; j++) {
        int32_t a = va[j];
        if (!fx[j]) {
            /* A postponed j at a: s_j != a must follow in B */
            if (a != NONE && lo[j] <= a && !(lo[j] == a && post[j] == a))
                return false;
            continue;
        }
        for (int e = mm->ss[j]; e < mm->ss[j + 1]; e++) {
            int i = mm->si[e];
            if (!fx[i] && a + mm->so[e] > lo[i])
                return false;
        }
    }
    for (int j = 0; j < n; j++)
        if (fx[j] && mm->crew[j] && mm->dur[j] > 0) {
            int32_t a = va[j];
            add_use(mm, M->acc, j, a, a + mm->dur[j], +1);
            if (a < from)
                from = a;
            if (a + mm->dur[j] > to)
                to = a + mm->dur[j];
        }
    if (from < mm->base)
        from = mm->base;
    if (to > mm->base + mm->H)
        to = mm->base + mm->H;
    for (int k = 0; k < mm->nk; k++) {
        size_t o = (size_t)k * (size_t)mm->H - (size_t)mm->base;
        for (int32_t t = from; t < to; t++) {
            if (M->acc[o + (size_t)t] > M->lim[o + (size_t)t])
                ok = false;
            M->acc[o + (size_t)t] = 0;
        }
    }
    return ok;
}

bool pln__memo_dominated(struct pln_memo *M, const unsigned char *fx,
                         const int32_t *lo, const int32_t *hi,
                         const int32_t *post)
{
    const uint64_t *b;
    bool lim_done = false;
    pln__memo_key(M, fx, lo, post, M->key);
    b = M->tab + (M->key[0] & (M->nbuckets - 1)) * PLN_MEMO_WAYS * M->stride;
    M->lookups++;
    for (int w = 0; w < PLN_MEMO_WAYS; w++) {
        const uint64_t *A = b + (size_t)w * M->stride;
        if (A[0] != M->key[0] ||
            memcmp(A + 1, M->key + 1, M->words * sizeof(uint64_t)) != 0)
            continue;
        if (!lim_done) {
            fill_lim(M, fx, lo, hi);
            lim_done = true;
        }
        if (dominates(M, A, fx, lo, post)) {
            M->hits++;
            return true;
        }
    }
    return false;
}

void pln__memo_store(struct pln_memo *M, const uint64_t *key)
{
    size_t bi = key[0] & (M->nbuckets - 1);
    uint64_t *b = M->tab + bi * PLN_MEMO_WAYS * M->stride;
    int w;
    for (w = 0; w < PLN_MEMO_WAYS; w++)
        if (b[(size_t)w * M->stride] == 0)
            break;
    if (w == PLN_MEMO_WAYS)
        w = M->rr[bi]++ % PLN_MEMO_WAYS;
    memcpy(b + (size_t)w * M->stride, key, M->stride * sizeof(uint64_t));
    M->stores++;
}
