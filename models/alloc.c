/*
 * alloc.c -- the project's allocator (with a fault-injection hook for tests)
 * and the arena that owns a model's strings and arrays.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pln_alloc.h"

static long fail_after = -1;
static long attempts;

long pln_alloc_fail_after(long n)
{
    long seen = attempts;
    attempts = 0;
    fail_after = n;
    return seen;
}

static int should_fail(void)
{
    attempts++;
    if (fail_after < 0)
        return 0;
    if (fail_after == 0)
        return 1;
    fail_after--;
    return 0;
}

void *pln__malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *pln__calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *pln__realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void pln__free(void *p)
{
    free(p);
}

char *pln__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = pln__malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int pln__grow(void **items, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    void *p;

    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size)
        return -1;
    p = pln__realloc(*items, ncap * size);
    if (!p)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

/* Blocks of at least 64 KiB; a larger request gets a block of its own. */
#define ARENA_BLOCK (64u * 1024u)

struct pln_arena_block {
    struct pln_arena_block *next;
    size_t used;
    size_t size;
    _Alignas(16) unsigned char data[];
};

void pln__arena_init(struct pln_arena *a)
{
    a->head = NULL;
}

void pln__arena_release(struct pln_arena *a)
{
    struct pln_arena_block *b = a->head;
    while (b) {
        struct pln_arena_block *next = b->next;
        pln__free(b);
        b = next;
    }
    a->head = NULL;
}

void *pln__arena_alloc(struct pln_arena *a, size_t n)
{
    struct pln_arena_block *b = a->head;
    size_t need = (n + 15u) & ~(size_t)15u;
    void *p;

    if (need < n)
        return NULL;
    if (!b || b->size - b->used < need) {
        size_t size = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        if (size > SIZE_MAX - sizeof(*b))
            return NULL;
        b = pln__malloc(sizeof(*b) + size);
        if (!b)
            return NULL;
        b->size = size;
        b->used = 0;
        /* A block of its own goes behind the current one so that the
         * current block's free space stays usable. */
        if (a->head && size > ARENA_BLOCK) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    p = b->data + b->used;
    b->used += need;
    memset(p, 0, n);
    return p;
}

void *pln__arena_array(struct pln_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return pln__arena_alloc(a, count * size);
}

char *pln__arena_strndup(struct pln_arena *a, const char *s, size_t n)
{
    char *d = pln__arena_alloc(a, n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *pln__arena_strdup(struct pln_arena *a, const char *s)
{
    return pln__arena_strndup(a, s, strlen(s));
}
