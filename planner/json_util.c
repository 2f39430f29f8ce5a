/*
 * json_util.c -- the helpers of json_int.h, shared by the JSON writers.
 */
#include <stdlib.h>
#include <string.h>

#include "json_int.h"

void pln__jput(json_t *o, const char *k, json_t *v, bool *ok)
{
    if (!v || json_object_set_new(o, k, v) != 0)
        *ok = false;
}

void pln__jpush(json_t *a, json_t *v, bool *ok)
{
    if (!v || json_array_append_new(a, v) != 0)
        *ok = false;
}

json_t *pln__jdate(pln_date d)
{
    char buf[11];
    pln_date_format(d, buf);
    return json_string(buf);
}

json_t *pln__jnumber(double v)
{
    if (v == (double)(json_int_t)v)
        return json_integer((json_int_t)v);
    return json_real(v);
}

pln_status pln__jdump(json_t *root, char **out, size_t *len, pln_error *err)
{
    char *text =
        root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (!text) {
        pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    /* jansson allocates with malloc by default; add the final newline. */
    {
        size_t n = strlen(text);
        char *p = realloc(text, n + 2);
        if (!p) {
            free(text);
            pln_error_set(err, PLN_ENOMEM, NULL, 0, 0, "out of memory");
            return PLN_ENOMEM;
        }
        p[n] = '\n';
        p[n + 1] = '\0';
        *out = p;
        *len = n + 1;
    }
    return PLN_OK;
}
