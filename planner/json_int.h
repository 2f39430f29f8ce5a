/*
 * json_int.h -- what the JSON writers (out_json.c, out_whatif.c) share:
 * building with jansson while remembering a failure instead of checking
 * each call, dates and numbers in stable forms, and the final text.
 * Library-internal.
 */
#ifndef PLN_JSON_INT_H
#define PLN_JSON_INT_H

#include <jansson.h>

#include "pln_planner.h"

/* json_object_set_new / json_array_append_new; *ok = false on failure
 * (v NULL included: a failed constructor). */
void pln__jput(json_t *o, const char *k, json_t *v, bool *ok);
void pln__jpush(json_t *a, json_t *v, bool *ok);
/* "YYYY-MM-DD". */
json_t *pln__jdate(pln_date d);
/* An integral value as an integer, else a real: the bytes stay stable. */
json_t *pln__jnumber(double v);
/* The text of `root` (indented by 2, keys in insertion order, a final
 * newline) into *out (malloc'd) and *len; takes `root` over (NULL: out of
 * memory). */
pln_status pln__jdump(json_t *root, char **out, size_t *len, pln_error *err);

#endif
