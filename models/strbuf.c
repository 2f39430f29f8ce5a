/*
 * strbuf.c -- the growable byte buffer behind every text writer (CSV,
 * tables, iCalendar lines).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void pln__sb_init(struct pln_sb *sb)
{
    memset(sb, 0, sizeof(*sb));
}

void pln__sb_release(struct pln_sb *sb)
{
    free(sb->buf);
    pln__sb_init(sb);
}

void pln__sb_add(struct pln_sb *sb, const char *s, size_t n)
{
    if (sb->failed)
        return;
    if (sb->len + n + 1 > sb->cap) {
        size_t ncap = sb->cap ? sb->cap : 4096;
        char *p;
        while (ncap < sb->len + n + 1)
            ncap *= 2;
        /* Plain realloc: the result is handed out to be freed with free(). */
        p = realloc(sb->buf, ncap);
        if (!p) {
            sb->failed = true;
            return;
        }
        sb->buf = p;
        sb->cap = ncap;
    }
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void pln__sb_puts(struct pln_sb *sb, const char *s)
{
    pln__sb_add(sb, s, strlen(s));
}

void pln__sb_printf(struct pln_sb *sb, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->failed = true;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        pln__sb_add(sb, small, (size_t)n);
        return;
    }
    {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            sb->failed = true;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        pln__sb_add(sb, big, (size_t)n);
        free(big);
    }
}

void pln__sb_csv(struct pln_sb *sb, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        pln__sb_puts(sb, s);
        return;
    }
    pln__sb_add(sb, "\"", 1);
    for (; *s; s++) {
        if (*s == '"')
            pln__sb_add(sb, "\"", 1);
        pln__sb_add(sb, s, 1);
    }
    pln__sb_add(sb, "\"", 1);
}

pln_status pln__sb_finish(struct pln_sb *sb, char **out, size_t *len,
                          pln_error *err)
{
    if (!sb->failed && !sb->buf)
        pln__sb_add(sb, "", 0);
    if (sb->failed) {
        pln__sb_release(sb);
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    *out = sb->buf;
    *len = sb->len;
    pln__sb_init(sb);
    return PLN_OK;
}

const char *pln__amount_text(double v, char buf[48])
{
    size_t n;
    if (v > -0.0005 && v < 0.0005)
        v = 0;
    snprintf(buf, 48, "%.3f", v);
    n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}
