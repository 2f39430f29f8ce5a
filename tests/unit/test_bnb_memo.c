/*
 * test_bnb_memo.c -- unit tests of the branch-and-bound's table of failed
 * nodes (bnb_memo.c): a record cuts a node with the same placed tasks that
 * starts them no earlier where it matters, and not one where a dependency,
 * a crew or a postponement of the record's node would not carry over;
 * other placed sets never match; the table stays within its size and
 * replaces old records. And the search with it on the bundled j30
 * instances: a schedule within the optimum is found (a table that cut too
 * much would answer "none"), none within one day less.
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

#include "mip_int.h"
#include "pln_planner.h"
#include "rcpsp_int.h"

/*
 * One crew of 1; a (0) and b (1) take 2 days, c (2) 1 day, each the crew;
 * c starts 2 days after a starts or later. Windows within days [0, 20).
 */
static const int32_t DUR[3] = {2, 2, 1}, DEM[3] = {1, 1, 1}, CAP[1] = {1};
static const unsigned char CREW[3] = {1, 1, 1};
static const int SS[4] = {0, 1, 1, 1}, SI[1] = {2};
static const int32_t SO[1] = {2};

static void init(struct pln_memo *M, size_t bytes)
{
    struct pln_memo_model mm;
    mm.n = 3;
    mm.nk = 1;
    mm.dur = DUR;
    mm.dem = DEM;
    mm.cap = CAP;
    mm.crew = CREW;
    mm.ss = SS;
    mm.si = SI;
    mm.so = SO;
    mm.base = 0;
    mm.H = 20;
    assert_true(pln__memo_init(M, &mm, bytes));
}

static const int32_t NOPOST[3] = {-1, -1, -1};

static void store(struct pln_memo *M, const unsigned char *fx,
                  const int32_t *lo, const int32_t *post)
{
    uint64_t key[64];
    assert_true(pln__memo_stride(3) <= 64);
    pln__memo_key(M, fx, lo, post, key);
    pln__memo_store(M, key);
}

/* a placed on day 0 failed; a on day 1 (c no earlier than 3) is no better */
static void test_memo_later_is_cut(void **state)
{
    struct pln_memo M;
    const unsigned char fx[3] = {1, 0, 0};
    const int32_t lo_a[3] = {0, 2, 2};
    const int32_t lo_b[3] = {1, 3, 3}, hi_b[3] = {1, 10, 10};
    const int32_t hi_a[3] = {0, 10, 10};
    (void)state;
    init(&M, 1 << 16);
    assert_false(pln__memo_dominated(&M, fx, lo_b, hi_b, NOPOST));
    store(&M, fx, lo_a, NOPOST);
    assert_true(pln__memo_dominated(&M, fx, lo_b, hi_b, NOPOST));
    /* the same node again */
    assert_true(pln__memo_dominated(&M, fx, lo_a, hi_a, NOPOST));
    /* another placed set never matches */
    {
        const unsigned char fx2[3] = {1, 1, 0};
        const int32_t lo2[3] = {1, 3, 5}, hi2[3] = {1, 3, 10};
        assert_false(pln__memo_dominated(&M, fx2, lo2, hi2, NOPOST));
    }
    assert_int_equal(M.hits, 2);
    pln__memo_free(&M);
}

/* a placed on day 3 failed; a on day 1 lets c start on day 3: not cut */
static void test_memo_dependency(void **state)
{
    struct pln_memo M;
    const unsigned char fx[3] = {1, 0, 0};
    const int32_t lo_a[3] = {3, 0, 5};
    const int32_t lo_b[3] = {1, 5, 3}, hi_b[3] = {1, 10, 10};
    const int32_t lo_c[3] = {4, 5, 6}, hi_c[3] = {4, 10, 10};
    (void)state;
    init(&M, 1 << 16);
    store(&M, fx, lo_a, NOPOST);
    assert_false(pln__memo_dominated(&M, fx, lo_b, hi_b, NOPOST));
    /* a on day 4, c from day 6: cut (b from day 5, after a either way) */
    assert_true(pln__memo_dominated(&M, fx, lo_c, hi_c, NOPOST));
    pln__memo_free(&M);
}

/* b placed on days 4-5 failed; b on days 0-1 with a or c able to run on
 * day 4 is not cut (the record's b would take the crew they may need);
 * when they cannot start before day 6 it is. */
static void test_memo_crews(void **state)
{
    struct pln_memo M;
    const unsigned char fx[3] = {0, 1, 0};
    const int32_t lo_a[3] = {0, 4, 2};
    const int32_t lo_b[3] = {2, 0, 4}, hi_b[3] = {10, 0, 10};
    const int32_t lo_c[3] = {6, 0, 8}, hi_c[3] = {10, 0, 10};
    (void)state;
    init(&M, 1 << 16);
    store(&M, fx, lo_a, NOPOST);
    assert_false(pln__memo_dominated(&M, fx, lo_b, hi_b, NOPOST));
    assert_true(pln__memo_dominated(&M, fx, lo_c, hi_c, NOPOST));
    pln__memo_free(&M);
}

/* The record's node had b postponed on day 2: its failure says nothing
 * about b starting on day 2. */
static void test_memo_postponed(void **state)
{
    struct pln_memo M;
    const unsigned char fx[3] = {1, 0, 0};
    const int32_t lo[3] = {0, 2, 2}, hi[3] = {0, 10, 10};
    const int32_t post[3] = {-1, 2, -1};
    const int32_t lo_later[3] = {0, 3, 3};
    (void)state;
    init(&M, 1 << 16);
    store(&M, fx, lo, post);
    assert_false(pln__memo_dominated(&M, fx, lo, hi, NOPOST));
    assert_true(pln__memo_dominated(&M, fx, lo, hi, post));
    assert_true(pln__memo_dominated(&M, fx, lo_later, hi, NOPOST));
    pln__memo_free(&M);
}

/* A table of one bucket: the oldest record goes when it is full. */
static void test_memo_replacement(void **state)
{
    struct pln_memo M;
    const unsigned char fx[3] = {1, 0, 0};
    const int32_t lo_a[3] = {0, 2, 2};
    const int32_t lo_b[3] = {1, 3, 3}, hi_b[3] = {1, 10, 10};
    (void)state;
    init(&M, 1);
    assert_int_equal(M.nbuckets, 1);
    for (int32_t d = 2; d < 2 + PLN_MEMO_WAYS; d++) {
        const int32_t lo[3] = {d, d + 2, d + 2};
        store(&M, fx, lo, NOPOST); /* a later: c's day 3 refutes them */
    }
    assert_false(pln__memo_dominated(&M, fx, lo_b, hi_b, NOPOST));
    store(&M, fx, lo_a, NOPOST);
    assert_true(pln__memo_dominated(&M, fx, lo_b, hi_b, NOPOST));
    for (int32_t d = 2; d < 2 + PLN_MEMO_WAYS; d++) {
        const int32_t lo[3] = {d, d + 2, d + 2};
        store(&M, fx, lo, NOPOST);
    }
    assert_false(pln__memo_dominated(&M, fx, lo_b, hi_b, NOPOST));
    assert_int_equal(M.stores, 2 * PLN_MEMO_WAYS + 1);
    pln__memo_free(&M);
}

/* The windows of a makespan of T days (as solve.c's), propagated; false
 * when propagation alone refutes them. */
static bool windows(struct pln_rc *rc, int32_t T, int32_t *lo, int32_t *hi)
{
    const pln_model *m = rc->m;
    bool *all = malloc(rc->n), ok;
    assert_non_null(all);
    memset(all, 1, rc->n);
    for (size_t j = 0; j < rc->n; j++) {
        const struct pln_task *t = &m->tasks[j];
        lo[j] = rc->es[j];
        hi[j] = pln__cpm_finish_by_lf(&rc->c, t, m->start + T - 1) -
                t->duration;
    }
    assert_true(pln__propagate_ex(rc, all, lo, hi, &ok, false));
    free(all);
    return ok;
}

static void j30_case(const char *name, int32_t optimum)
{
    char path[512];
    pln_diags d;
    pln_error err;
    pln_model *m;
    struct pln_rc rc;
    int32_t *lo, *hi, *s;
    snprintf(path, sizeof(path), "%s/psplib/%s", PLN_TEST_DATA, name);
    pln_diags_init(&d);
    m = pln_model_load_file(path, &d);
    pln_diags_release(&d);
    assert_non_null(m);
    pln_error_init(&err);
    assert_int_equal(pln__rc_init(&rc, m, 3 * 366, &err), PLN_OK);
    assert_true(pln__bnb_applies(&rc));
    lo = calloc(rc.n, sizeof(int32_t));
    hi = calloc(rc.n, sizeof(int32_t));
    s = calloc(rc.n, sizeof(int32_t));
    assert_true(lo && hi && s);
    assert_true(windows(&rc, optimum, lo, hi));
    assert_int_equal(pln__bnb_feasible(&rc, lo, hi, pln__now_seconds() + 60, s),
                     1);
    if (windows(&rc, optimum - 1, lo, hi))
        assert_int_equal(
            pln__bnb_feasible(&rc, lo, hi, pln__now_seconds() + 60, s), 0);
    free(lo);
    free(hi);
    free(s);
    pln__rc_release(&rc);
    pln_model_free(m);
}

static void test_memo_j30(void **state)
{
    (void)state;
    j30_case("j301_1.sm", 43);
    j30_case("j3011_1.sm", 54);
    j30_case("j3022_1.sm", 42);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memo_later_is_cut),
        cmocka_unit_test(test_memo_dependency),
        cmocka_unit_test(test_memo_crews),
        cmocka_unit_test(test_memo_postponed),
        cmocka_unit_test(test_memo_replacement),
        cmocka_unit_test(test_memo_j30),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
