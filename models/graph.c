/*
 * graph.c -- finding dependency cycles to report them by name. Kahn's
 * algorithm removes every task that can be ordered; what remains has a cycle
 * behind every node, found by walking predecessors until a node repeats. The
 * walk is iterative: a 130,000-task chain must not recurse.
 */
#include <string.h>

#include "model_build.h"

long pln__find_cycles(size_t n, size_t m, const int *from, const int *to,
                      void (*report)(void *ctx, const int *edges, size_t len),
                      void *ctx, size_t max_reports)
{
    size_t *out_start = pln__calloc(n + 1, sizeof(size_t));
    size_t *in_start = pln__calloc(n + 1, sizeof(size_t));
    int *out_edges = pln__calloc(m ? m : 1, sizeof(int));
    int *in_edges = pln__calloc(m ? m : 1, sizeof(int));
    int *indeg = pln__calloc(n ? n : 1, sizeof(int));
    int *queue = pln__calloc(n ? n : 1, sizeof(int));
    int *seen = pln__calloc(n ? n : 1, sizeof(int));
    int *path = pln__calloc(n ? n : 1, sizeof(int));
    bool *gone = pln__calloc(n ? n : 1, sizeof(bool));
    long found = -1;
    size_t head = 0, tail = 0, reported = 0;
    int stamp = 0;

    if (!out_start || !in_start || !out_edges || !in_edges || !indeg ||
        !queue || !seen || !path || !gone)
        goto done;
    for (size_t e = 0; e < m; e++) {
        out_start[from[e] + 1]++;
        in_start[to[e] + 1]++;
        indeg[to[e]]++;
    }
    for (size_t i = 0; i < n; i++) {
        out_start[i + 1] += out_start[i];
        in_start[i + 1] += in_start[i];
    }
    {
        size_t *o = pln__calloc(n + 1, sizeof(size_t));
        size_t *p = pln__calloc(n + 1, sizeof(size_t));
        if (!o || !p) {
            pln__free(o);
            pln__free(p);
            goto done;
        }
        memcpy(o, out_start, (n + 1) * sizeof(size_t));
        memcpy(p, in_start, (n + 1) * sizeof(size_t));
        for (size_t e = 0; e < m; e++) {
            out_edges[o[from[e]]++] = (int)e;
            in_edges[p[to[e]]++] = (int)e;
        }
        pln__free(o);
        pln__free(p);
    }
    for (size_t i = 0; i < n; i++)
        if (indeg[i] == 0)
            queue[tail++] = (int)i;
    found = 0;
    for (;;) {
        size_t start;
        while (head < tail) {
            int v = queue[head++];
            gone[v] = true;
            for (size_t k = out_start[v]; k < out_start[v + 1]; k++) {
                int w = to[out_edges[k]];
                if (!gone[w] && --indeg[w] == 0)
                    queue[tail++] = w;
            }
        }
        for (start = 0; start < n && gone[start]; start++)
            ;
        if (start == n || reported >= max_reports)
            break;
        /* Walk predecessors that are still present: each has one, so the
         * walk must revisit a node, closing a cycle. */
        {
            int v = (int)start;
            size_t len = 0;
            stamp++;
            while (seen[v] != stamp) {
                int e = -1;
                seen[v] = stamp;
                for (size_t k = in_start[v]; k < in_start[v + 1]; k++)
                    if (!gone[from[in_edges[k]]]) {
                        e = in_edges[k];
                        break;
                    }
                if (e < 0)
                    break; /* cannot happen: v would have been removed */
                path[len++] = e;
                v = from[e];
            }
            if (seen[v] == stamp && len > 0) {
                /* The cycle is the tail of the path from the edge into v's
                 * first visit; path holds edges backwards. */
                size_t first = 0, clen;
                while (first < len && to[path[first]] != v)
                    first++;
                clen = len - first;
                for (size_t a = first, b = len - 1; a < b; a++, b--) {
                    int t = path[a];
                    path[a] = path[b];
                    path[b] = t;
                }
                report(ctx, path + first, clen);
                reported++;
                found++;
                /* Drop the cycle's nodes and carry on ordering the rest. */
                for (size_t k = first; k < len; k++) {
                    int u = to[path[k]];
                    if (!gone[u]) {
                        gone[u] = true;
                        for (size_t q = out_start[u]; q < out_start[u + 1];
                             q++) {
                            int w = to[out_edges[q]];
                            if (!gone[w] && --indeg[w] == 0)
                                queue[tail++] = w;
                        }
                    }
                }
            } else {
                gone[start] = true;
            }
        }
    }
done:
    pln__free(out_start);
    pln__free(in_start);
    pln__free(out_edges);
    pln__free(in_edges);
    pln__free(indeg);
    pln__free(queue);
    pln__free(seen);
    pln__free(path);
    pln__free(gone);
    return found;
}
