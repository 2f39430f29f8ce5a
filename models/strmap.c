/*
 * strmap.c -- a small open-addressing hash map from strings to indices, used
 * for every id lookup while loading (130,000 tasks must resolve in
 * milliseconds).
 */
#include <string.h>

#include "model_int.h"

static size_t hash(const char *s)
{
    /* FNV-1a, 64-bit. */
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return (size_t)h;
}

void pln__strmap_init(struct pln_strmap *m)
{
    memset(m, 0, sizeof(*m));
}

void pln__strmap_release(struct pln_strmap *m)
{
    pln__free(m->keys);
    pln__free(m->vals);
    pln__strmap_init(m);
}

static int rehash(struct pln_strmap *m, size_t ncap)
{
    const char **keys = pln__calloc(ncap, sizeof(*keys));
    int *vals = pln__calloc(ncap, sizeof(*vals));
    if (!keys || !vals) {
        pln__free(keys);
        pln__free(vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        size_t j;
        if (!m->keys[i])
            continue;
        j = hash(m->keys[i]) & (ncap - 1);
        while (keys[j])
            j = (j + 1) & (ncap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    pln__free(m->keys);
    pln__free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
    return 0;
}

int pln__strmap_put(struct pln_strmap *m, const char *key, int val,
                    int *existing)
{
    size_t j;
    if ((m->count + 1) * 2 > m->cap &&
        rehash(m, m->cap ? m->cap * 2 : 16) != 0)
        return -1;
    j = hash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            if (existing)
                *existing = m->vals[j];
            return 0;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->count++;
    return 1;
}

int pln__strmap_get(const struct pln_strmap *m, const char *key)
{
    size_t j;
    if (!m->cap)
        return -1;
    j = hash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}
