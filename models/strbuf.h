/*
 * strbuf.h -- a growable byte buffer for building output text. Errors are
 * sticky: after a failed append every later one does nothing and
 * pln__sb_finish() reports PLN_ENOMEM. Library-internal.
 */
#ifndef PLN_STRBUF_H
#define PLN_STRBUF_H

#include <stddef.h>

#include "pln_model.h"

struct pln_sb {
    char *buf;
    size_t len, cap;
    bool failed;
};

void pln__sb_init(struct pln_sb *sb);
void pln__sb_release(struct pln_sb *sb);
void pln__sb_add(struct pln_sb *sb, const char *s, size_t n);
void pln__sb_puts(struct pln_sb *sb, const char *s);
void pln__sb_printf(struct pln_sb *sb, const char *fmt, ...) PLN_PRINTF(2, 3);
/* Appends s as one CSV field (quoted when needed, RFC 4180). */
void pln__sb_csv(struct pln_sb *sb, const char *s);
/* An amount of money as the outputs write it: no trailing zeros, at most
 * three decimals (the funding bookkeeping's thousandths). Returns buf. */
const char *pln__amount_text(double v, char buf[48]);
/* Hands the buffer (malloc'd, NUL-terminated) to the caller. */
pln_status pln__sb_finish(struct pln_sb *sb, char **out, size_t *len,
                          pln_error *err);

#endif
