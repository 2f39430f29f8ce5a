/*
 * status.c -- status code texts, the single-error report (pln_error) and the
 * list of diagnostics (pln_diags) that validation fills.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pln_alloc.h"
#include "pln_model.h"

const char *pln_strerror(pln_status status)
{
    switch (status) {
#define PLN_STATUS_TEXT(name, text)                                           \
    case PLN_##name:                                                          \
        return text;
        PLN_STATUS_MAP(PLN_STATUS_TEXT)
#undef PLN_STATUS_TEXT
    default:
        return "unknown status";
    }
}

const char *pln_dep_kind_name(enum pln_dep_kind kind)
{
    static const char *const names[] = {"FS", "SS", "FF", "SF"};
    return (unsigned)kind < 4 ? names[kind] : "?";
}

static void copy_source(char *dst, const char *src)
{
    size_t n;
    if (!src) {
        dst[0] = '\0';
        return;
    }
    n = strlen(src);
    if (n >= PLN_ERROR_SOURCE_LEN)
        n = PLN_ERROR_SOURCE_LEN - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void pln_error_init(pln_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

void pln_error_set(pln_error *err, pln_status code, const char *source,
                   int line, int column, const char *fmt, ...)
{
    va_list ap;
    if (!err || err->code != PLN_OK)
        return;
    err->code = code;
    err->line = line;
    err->column = column;
    copy_source(err->source, source);
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
}

void pln_diags_init(pln_diags *d)
{
    memset(d, 0, sizeof(*d));
}

void pln_diags_release(pln_diags *d)
{
    pln__free(d->items);
    pln_diags_init(d);
}

void pln_diags_vadd(pln_diags *d, enum pln_severity sev, pln_status code,
                    const char *source, int line, int column, const char *fmt,
                    va_list ap)
{
    struct pln_diag *x;

    if (!d)
        return;
    if (d->count >= PLN_DIAGS_MAX ||
        pln__grow((void **)&d->items, &d->cap, d->count + 1,
                  sizeof(*d->items)) != 0) {
        d->truncated = true;
        if (sev == PLN_SEV_ERROR && d->errors == 0)
            d->errors = 1; /* an error must never be lost entirely */
        return;
    }
    x = &d->items[d->count++];
    x->severity = sev;
    x->code = code;
    x->line = line;
    x->column = column;
    copy_source(x->source, source);
    vsnprintf(x->message, sizeof(x->message), fmt, ap);
    if (sev == PLN_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void pln_diags_add(pln_diags *d, enum pln_severity sev, pln_status code,
                   const char *source, int line, int column, const char *fmt,
                   ...)
{
    va_list ap;
    va_start(ap, fmt);
    pln_diags_vadd(d, sev, code, source, line, column, fmt, ap);
    va_end(ap);
}

void pln_diags_sort(pln_diags *d)
{
    /* Insertion sort: stable, and lists are short (at most PLN_DIAGS_MAX). */
    for (size_t i = 1; i < d->count; i++) {
        struct pln_diag x = d->items[i];
        size_t j = i;
        while (j > 0 && (d->items[j - 1].line > x.line ||
                         (d->items[j - 1].line == x.line &&
                          d->items[j - 1].column > x.column))) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}
