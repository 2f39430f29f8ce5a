/*
 * pln_alloc.h -- the allocator every module goes through, so that tests can
 * make the Nth allocation fail, and the arena that owns a model's strings and
 * arrays. Library-internal.
 */
#ifndef PLN_ALLOC_H
#define PLN_ALLOC_H

#include <stddef.h>

#include "pln_model.h"

void *pln__malloc(size_t n);
void *pln__calloc(size_t count, size_t size);
void *pln__realloc(void *p, size_t n);
void pln__free(void *p);
char *pln__strdup(const char *s);

/*
 * Test hook: after `n` more successful allocations, every allocation fails
 * (n < 0 disables the hook). Returns how many allocations were attempted
 * since the last call.
 */
PLN_API long pln_alloc_fail_after(long n);

/* Grows *items (of *cap elements of `size`) to hold at least `need`. */
int pln__grow(void **items, size_t *cap, size_t need, size_t size);

/* Arena: many small allocations freed together. */
struct pln_arena {
    struct pln_arena_block *head;
};

void pln__arena_init(struct pln_arena *a);
void pln__arena_release(struct pln_arena *a);
/* Zeroed, 16-byte aligned; NULL on overflow or out of memory. */
void *pln__arena_alloc(struct pln_arena *a, size_t n);
void *pln__arena_array(struct pln_arena *a, size_t count, size_t size);
char *pln__arena_strdup(struct pln_arena *a, const char *s);
char *pln__arena_strndup(struct pln_arena *a, const char *s, size_t n);

#endif
