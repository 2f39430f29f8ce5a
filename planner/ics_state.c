/*
 * ics_state.c -- what a plan's calendars published, kept beside them as
 * calendars.json, so that the next plan (a replan, or a re-export) updates
 * the same entries the way calendar clients expect (RFC 5545 3.8.7.4,
 * RFC 5546): an entry whose content changed gets a higher SEQUENCE and a new
 * LAST-MODIFIED, an unchanged one keeps both, and an entry that is gone is
 * published once more with STATUS:CANCELLED, then forgotten. Per file and
 * UID it keeps the sequence, a hash of the content (everything but DTSTAMP,
 * SEQUENCE and LAST-MODIFIED), when it last changed, and what a cancellation
 * needs to show (summary and dates). Read and written with jansson.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "export_int.h"
#include "strbuf.h"

struct pln_ics_state {
    struct pln_ics_state_entry *items;
    size_t n, cap;
    bool sorted;
};

static int entry_cmp(const void *a, const void *b)
{
    const struct pln_ics_state_entry *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : strcmp(x->uid, y->uid);
}

pln_ics_state *pln__ics_state_new(void)
{
    pln_ics_state *st = calloc(1, sizeof(*st));
    if (st)
        st->sorted = true;
    return st;
}

void pln_ics_state_free(pln_ics_state *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n; i++) {
        free(st->items[i].file);
        free(st->items[i].uid);
        free(st->items[i].summary);
    }
    free(st->items);
    free(st);
}

bool pln__ics_state_add(pln_ics_state *st, const char *file, const char *uid,
                        const struct pln_ics_state_entry *e)
{
    struct pln_ics_state_entry *x;

    if (st->n == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 256;
        struct pln_ics_state_entry *p = realloc(st->items, cap * sizeof(*p));
        if (!p)
            return false;
        st->items = p;
        st->cap = cap;
    }
    x = &st->items[st->n];
    *x = *e;
    x->file = strdup(file);
    x->uid = strdup(uid);
    x->summary = strdup(e->summary ? e->summary : "");
    if (!x->file || !x->uid || !x->summary) {
        free(x->file);
        free(x->uid);
        free(x->summary);
        return false;
    }
    st->n++;
    st->sorted = false;
    return true;
}

static void sort_state(pln_ics_state *st)
{
    if (!st->sorted && st->n > 1)
        qsort(st->items, st->n, sizeof(*st->items), entry_cmp);
    st->sorted = true;
}

const struct pln_ics_state_entry *
pln__ics_state_find(const pln_ics_state *st, const char *file, const char *uid)
{
    struct pln_ics_state_entry key;
    if (!st || !st->n)
        return NULL;
    sort_state((pln_ics_state *)st);
    key.file = (char *)file;
    key.uid = (char *)uid;
    return bsearch(&key, st->items, st->n, sizeof(*st->items), entry_cmp);
}

/* The entries of one file, in UID order: [*first, *first + return). */
size_t pln__ics_state_file(const pln_ics_state *st, const char *file,
                           size_t *first)
{
    size_t lo = 0, hi, n = 0;
    if (!st || !st->n)
        return 0;
    sort_state((pln_ics_state *)st);
    hi = st->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(st->items[mid].file, file) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    while (lo + n < st->n && !strcmp(st->items[lo + n].file, file))
        n++;
    return n;
}

const struct pln_ics_state_entry *pln__ics_state_at(const pln_ics_state *st,
                                                    size_t i)
{
    return &st->items[i];
}

/* ---------------------------------------------------------- JSON */

static void stamp_text(int64_t t, char buf[32])
{
    pln_date d = (pln_date)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
    int64_t s = t - (int64_t)d * 86400;
    char day[11];
    pln_date_format(d, day);
    snprintf(buf, 32, "%sT%02d:%02d:%02dZ", day, (int)(s / 3600),
             (int)(s / 60 % 60), (int)(s % 60));
}

/* A JSON string: quotes, backslashes and control characters escaped;
 * UTF-8 passes as it is. */
static void json_str(struct pln_sb *sb, const char *s)
{
    pln__sb_add(sb, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        size_t run = strcspn(s, "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\t\n"
                                "\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15"
                                "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f");
        if (run) {
            pln__sb_add(sb, s, run);
            s += run - 1;
            continue;
        }
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            pln__sb_add(sb, e, 2);
        } else {
            char e[8];
            snprintf(e, sizeof(e), "\\u%04x", c);
            pln__sb_puts(sb, e);
        }
    }
    pln__sb_add(sb, "\"", 1);
}

/*
 * calendars.json, written by hand (jansson's tree cost more than the
 * calendars at 30,000 entries): {"version": 1, "files": {FILE: [ENTRY ...]}}
 * in file and UID order, one entry per line.
 */
pln_status pln_ics_state_write(const pln_ics_state *st, char **out,
                               size_t *len, pln_error *err)
{
    struct pln_sb sb;
    const char *file = NULL;

    sort_state((pln_ics_state *)st);
    pln__sb_init(&sb);
    pln__sb_puts(&sb, "{\n \"version\": 1,\n \"files\": {");
    for (size_t i = 0; i < st->n; i++) {
        const struct pln_ics_state_entry *e = &st->items[i];
        char mod[32], a[11], b[11];
        if (!file || strcmp(file, e->file)) {
            pln__sb_puts(&sb, file ? "\n  ],\n  " : "\n  ");
            json_str(&sb, e->file);
            pln__sb_puts(&sb, ": [");
            file = e->file;
        } else {
            pln__sb_add(&sb, ",", 1);
        }
        stamp_text(e->modified, mod);
        pln_date_format(e->start, a);
        pln_date_format(e->end, b);
        pln__sb_puts(&sb, "\n   {\"uid\": ");
        json_str(&sb, e->uid);
        pln__sb_printf(&sb, ", \"sequence\": %d, \"hash\": \"%016llx\", "
                            "\"modified\": \"%s\", \"summary\": ",
                       e->sequence, (unsigned long long)e->hash, mod);
        json_str(&sb, e->summary);
        pln__sb_printf(&sb, ", \"start\": \"%s\", \"end\": \"%s\", "
                            "\"cancelled\": %s}",
                       a, b, e->cancelled ? "true" : "false");
    }
    pln__sb_puts(&sb, file ? "\n  ]\n }\n}\n" : "}\n}\n");
    return pln__sb_finish(&sb, out, len, err);
}

pln_status pln_ics_state_read(const char *source, const char *text,
                              size_t len, pln_ics_state **out, pln_error *err)
{
    json_error_t jerr;
    /* Without JSON_REJECT_DUPLICATES: the planner writes this file, and
     * the check costs 40 % of the parse (0.1 s at 500 sites). */
    json_t *root = json_loadb(text, len, 0, &jerr);
    json_t *files, *list;
    const char *file;
    pln_ics_state *st;

    *out = NULL;
    if (!root) {
        pln_error_set(err, PLN_ESYNTAX, source, jerr.line, jerr.column, "%s",
                      jerr.text);
        return PLN_ESYNTAX;
    }
    files = json_object_get(root, "files");
    st = pln__ics_state_new();
    if (!st) {
        json_decref(root);
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    json_object_foreach(files, file, list) {
        size_t i;
        json_t *o;
        json_array_foreach(list, i, o) {
            struct pln_ics_state_entry e;
            const char *uid = json_string_value(json_object_get(o, "uid"));
            const char *h = json_string_value(json_object_get(o, "hash"));
            const char *mod = json_string_value(json_object_get(o, "modified"));
            const char *a = json_string_value(json_object_get(o, "start"));
            const char *b = json_string_value(json_object_get(o, "end"));
            json_t *seq = json_object_get(o, "sequence");
            memset(&e, 0, sizeof(e));
            e.summary = (char *)json_string_value(json_object_get(o, "summary"));
            e.cancelled = json_is_true(json_object_get(o, "cancelled"));
            if (!uid || !h || !mod || !a || !b || !json_is_integer(seq) ||
                json_integer_value(seq) < 0 ||
                json_integer_value(seq) > 1000000 ||
                pln_timestamp_parse(mod, &e.modified) != PLN_OK ||
                pln_date_parse(a, &e.start) != PLN_OK ||
                pln_date_parse(b, &e.end) != PLN_OK || e.end <= e.start ||
                strlen(h) != 16) {
                /* The message first: `file` belongs to root. */
                pln_error_set(err, PLN_ESYNTAX, source, 0, 0,
                              "entry %zu of '%s' is not a calendar entry's "
                              "state",
                              i + 1, file);
                pln_ics_state_free(st);
                json_decref(root);
                return PLN_ESYNTAX;
            }
            e.sequence = (int)json_integer_value(seq);
            e.hash = strtoull(h, NULL, 16);
            if (!pln__ics_state_add(st, file, uid, &e)) {
                pln_ics_state_free(st);
                json_decref(root);
                pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
                return PLN_ENOMEM;
            }
        }
    }
    json_decref(root);
    *out = st;
    return PLN_OK;
}
