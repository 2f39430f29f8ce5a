/*
 * calendars_int.h -- what the calendars module's files share. Internal.
 */
#ifndef PLN_CALENDARS_INT_H
#define PLN_CALENDARS_INT_H

#include <stddef.h>

/* Offset of the first byte of p[0..n) that breaks strict UTF-8 (no
 * overlong forms, no surrogates, nothing above U+10FFFF), or n. */
size_t pln__utf8_bad(const unsigned char *p, size_t n);

#endif
