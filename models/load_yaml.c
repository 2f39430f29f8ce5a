/*
 * load_yaml.c -- reading a model file: libyaml turns the text (YAML, or JSON,
 * which libyaml reads as YAML flow style) into a node tree with line and
 * column marks, and the helpers here read typed values out of it, reporting
 * every problem as FILE:LINE:COLUMN through the load context. Building the
 * model from the tree is model.c's job.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

struct pln_loc pln__load_loc(const yaml_node_t *n)
{
    struct pln_loc loc = {0, 0, false};
    if (n) {
        loc.line = (int)n->start_mark.line + 1;
        loc.column = (int)n->start_mark.column + 1;
        /* Nodes merged in from a status file say so (load_status.c). */
        loc.other = n->start_mark.index == PLN_MARK_OTHER;
    }
    return loc;
}

/* The file a node was written in: nodes merged in from a status file
 * (replanning) keep its name. */
static const char *source_of(struct pln_load *L, const yaml_node_t *at)
{
    if (at && L->other_first > 0 && L->doc &&
        at >= L->doc->nodes.start + (L->other_first - 1) &&
        at < L->doc->nodes.top)
        return L->other_source;
    return L->source;
}

static void vreport(struct pln_load *L, enum pln_severity sev,
                    const yaml_node_t *at, struct pln_loc loc,
                    const char *fmt, va_list ap)
{
    const char *src = loc.other && L->other_source ? L->other_source
                                                   : source_of(L, at);
    if (sev == PLN_SEV_ERROR)
        L->errors++;
    pln_diags_vadd(L->diags, sev, sev == PLN_SEV_ERROR ? PLN_EINVAL : PLN_OK,
                   src, loc.line, loc.column, fmt, ap);
}

bool pln__node_is_other(struct pln_load *L, const yaml_node_t *at)
{
    return source_of(L, at) != L->source;
}

void pln__load_error_loc(struct pln_load *L, struct pln_loc loc,
                         const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, PLN_SEV_ERROR, NULL, loc, fmt, ap);
    va_end(ap);
}

void pln__load_error(struct pln_load *L, const yaml_node_t *at, const char *fmt,
                     ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, PLN_SEV_ERROR, at, pln__load_loc(at), fmt, ap);
    va_end(ap);
}

void pln__load_warning(struct pln_load *L, const yaml_node_t *at,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, PLN_SEV_WARNING, at, pln__load_loc(at), fmt, ap);
    va_end(ap);
}

const char *pln__load_strdup(struct pln_load *L, const char *s)
{
    char *d = pln__arena_strdup(L->arena, s);
    if (!d)
        L->oom = true;
    return d;
}

void *pln__load_array(struct pln_load *L, size_t count, size_t size)
{
    void *p = pln__arena_array(L->arena, count, size);
    if (!p)
        L->oom = true;
    return p;
}

yaml_node_t *pln__node(struct pln_load *L, int id)
{
    yaml_node_t *n;
    if (L->too_big)
        return NULL;
    /* Aliases make the tree a graph: a small file can name a node a
     * billion times. Counting visits bounds the work whatever the file. */
    if (++L->visited > PLN_MODEL_MAX_NODES) {
        L->too_big = true;
        pln__load_error_loc(L, (struct pln_loc){0, 0, false},
                            "document too large (more than %u nodes after "
                            "expanding aliases)",
                            PLN_MODEL_MAX_NODES);
        return NULL;
    }
    n = yaml_document_get_node(L->doc, id);
    return n;
}

const char *pln__scalar(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    return (const char *)n->data.scalar.value;
}

static bool is_plain(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE &&
           n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

bool pln__is_null(const yaml_node_t *n)
{
    const char *s;
    if (!n)
        return true;
    if (!is_plain(n))
        return false;
    s = pln__scalar(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

static const char *kind_name(const yaml_node_t *n)
{
    if (!n)
        return "nothing";
    switch (n->type) {
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SEQUENCE_NODE:
        return "a list";
    default:
        return pln__is_null(n) ? "empty" : "a scalar";
    }
}

yaml_node_t *pln__map_get(struct pln_load *L, yaml_node_t *map, const char *key)
{
    yaml_node_pair_t *p;
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = pln__node(L, p->key);
        const char *ks = pln__scalar(k);
        if (ks && !strcmp(ks, key))
            return pln__node(L, p->value);
    }
    return NULL;
}

/* Edit distance for "did you mean" hints on misspelt keys (short strings). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (up + 1 < best)
                best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

void pln__map_dups(struct pln_load *L, yaml_node_t *map, const char *what)
{
    struct pln_strmap seen;
    yaml_node_pair_t *p;
    if (!map || map->type != YAML_MAPPING_NODE)
        return;
    /* A hash of the keys: a mapping may have thousands (per-site duration
     * overrides). Keys are read without counting them as visits. */
    pln__strmap_init(&seen);
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(L->doc, p->key);
        const char *ks = pln__scalar(k);
        int r;
        if (!ks)
            continue;
        r = pln__strmap_put(&seen, ks, 0, NULL);
        if (r < 0) {
            L->oom = true;
            break;
        }
        if (r == 0)
            pln__load_error(L, k, "duplicate key '%s' in %s", ks, what);
    }
    pln__strmap_release(&seen);
}

bool pln__map_check(struct pln_load *L, yaml_node_t *map, const char *what,
                    const char *const *allowed)
{
    yaml_node_pair_t *p;
    if (!map || map->type != YAML_MAPPING_NODE) {
        pln__load_error(L, map, "%s must be a mapping, not %s", what,
                        kind_name(map));
        return false;
    }
    pln__map_dups(L, map, what);
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(L->doc, p->key);
        const char *ks = pln__scalar(k);
        const char *hint = NULL;
        bool known = false;
        if (!ks) {
            pln__load_error(L, k, "keys in %s must be plain names", what);
            continue;
        }
        for (size_t i = 0; allowed[i]; i++) {
            if (!strcmp(allowed[i], ks)) {
                known = true;
                break;
            }
            if (!hint && distance(allowed[i], ks) <= 2)
                hint = allowed[i];
        }
        if (!known) {
            if (hint)
                pln__load_error(L, k,
                                "unknown key '%s' in %s (did you mean "
                                "'%s'?)",
                                ks, what, hint);
            else
                pln__load_error(L, k, "unknown key '%s' in %s", ks, what);
        }
    }
    return true;
}

size_t pln__seq(struct pln_load *L, yaml_node_t *n, const char *what,
                yaml_node_item_t **items)
{
    *items = NULL;
    if (!n || n->type != YAML_SEQUENCE_NODE) {
        pln__load_error(L, n, "%s must be a list, not %s", what, kind_name(n));
        return 0;
    }
    *items = n->data.sequence.items.start;
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

bool pln__get_str(struct pln_load *L, yaml_node_t *n, const char *what,
                  const char **out)
{
    const char *s = pln__scalar(n);
    if (!s || pln__is_null(n)) {
        pln__load_error(L, n, "%s must be text, not %s", what, kind_name(n));
        return false;
    }
    *out = pln__load_strdup(L, s);
    return *out != NULL;
}

bool pln__get_id(struct pln_load *L, yaml_node_t *n, const char *what,
                 const char **out)
{
    const char *s = pln__scalar(n);
    size_t len;
    if (!s || pln__is_null(n)) {
        pln__load_error(L, n, "%s must be an id, not %s", what, kind_name(n));
        return false;
    }
    len = strlen(s);
    if (len == 0) {
        pln__load_error(L, n, "%s must not be empty", what);
        return false;
    }
    if (len > PLN_ID_MAX_LEN) {
        pln__load_error(L, n, "%s '%.20s...' is longer than %d characters",
                        what, s, PLN_ID_MAX_LEN);
        return false;
    }
    /* Ids end up in file names, UIDs and "site/task" paths: keep them to a
     * portable alphabet. */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_' ||
                  (i > 0 && (c == '-' || c == '.'));
        if (!ok) {
            pln__load_error(L, n,
                            "%s '%s' may only contain letters A-Z, digits, "
                            "'_', and (not first) '-' or '.'",
                            what, s);
            return false;
        }
    }
    *out = pln__load_strdup(L, s);
    return *out != NULL;
}

yaml_node_t *pln__entry_id(struct pln_load *L, yaml_node_t *entry,
                           const char *what, const char **out)
{
    yaml_node_t *v = pln__map_get(L, entry, "id");
    char label[64];
    if (!v) {
        pln__load_error(L, entry, "%s needs an 'id'", what);
        return NULL;
    }
    snprintf(label, sizeof(label), "%s id", what);
    return pln__get_id(L, v, label, out) ? v : NULL;
}

bool pln__get_int(struct pln_load *L, yaml_node_t *n, const char *what, long lo,
                  long hi, int *out)
{
    const char *s = pln__scalar(n);
    char *end;
    long v;
    if (!s || !is_plain(n) || pln__is_null(n)) {
        pln__load_error(L, n, "%s must be a whole number, not %s", what,
                        s && !pln__is_null(n) ? "quoted text" : kind_name(n));
        return false;
    }
    errno = 0;
    v = strtol(s, &end, 10);
    if (*end || end == s || s[0] == ' ') {
        pln__load_error(L, n, "%s must be a whole number, not '%s'", what, s);
        return false;
    }
    if (errno == ERANGE || v < lo || v > hi) {
        pln__load_error(L, n, "%s %s is out of range (%ld to %ld)", what, s, lo,
                        hi);
        return false;
    }
    *out = (int)v;
    return true;
}

bool pln__get_number(struct pln_load *L, yaml_node_t *n, const char *what,
                     double lo, double hi, double *out)
{
    const char *s = pln__scalar(n);
    char *end;
    double v;
    if (!s || !is_plain(n) || pln__is_null(n)) {
        pln__load_error(L, n, "%s must be a number, not %s", what,
                        s && !pln__is_null(n) ? "quoted text" : kind_name(n));
        return false;
    }
    errno = 0;
    v = strtod(s, &end);
    if (*end || end == s || !isfinite(v) || s[0] == ' ' || strpbrk(s, "xXnN")) {
        pln__load_error(L, n, "%s must be a number, not '%s'", what, s);
        return false;
    }
    if (v < lo || v > hi) {
        pln__load_error(L, n, "%s %s is out of range (%g to %g)", what, s, lo,
                        hi);
        return false;
    }
    *out = v;
    return true;
}

bool pln__get_bool(struct pln_load *L, yaml_node_t *n, const char *what,
                   bool *out)
{
    const char *s = pln__scalar(n);
    if (s && is_plain(n) && !strcmp(s, "true")) {
        *out = true;
        return true;
    }
    if (s && is_plain(n) && !strcmp(s, "false")) {
        *out = false;
        return true;
    }
    pln__load_error(L, n, "%s must be true or false", what);
    return false;
}

static bool date_text(struct pln_load *L, yaml_node_t *n, const char *what,
                      const char *s, pln_date *out)
{
    pln_status st = pln_date_parse(s, out);
    int year = (int)strtol(s, NULL, 10);
    if (st == PLN_ERANGE && (year < PLN_YEAR_MIN || year > PLN_YEAR_MAX)) {
        pln__load_error(L, n, "date '%s' in %s is outside the years %d to %d",
                        s, what, PLN_YEAR_MIN, PLN_YEAR_MAX);
        return false;
    }
    if (st == PLN_ERANGE) {
        pln__load_error(L, n, "impossible date '%s' in %s", s, what);
        return false;
    }
    if (st != PLN_OK) {
        pln__load_error(L, n, "%s must be a date YYYY-MM-DD, not '%s'", what,
                        s);
        return false;
    }
    return true;
}

bool pln__get_date(struct pln_load *L, yaml_node_t *n, const char *what,
                   pln_date *out)
{
    const char *s = pln__scalar(n);
    if (!s || pln__is_null(n)) {
        pln__load_error(L, n, "%s must be a date YYYY-MM-DD, not %s", what,
                        kind_name(n));
        return false;
    }
    return date_text(L, n, what, s, out);
}

bool pln__get_date_or_month(struct pln_load *L, yaml_node_t *n,
                            const char *what, pln_date *first, pln_date *last,
                            bool *is_month)
{
    const char *s = pln__scalar(n);
    pln_status st;
    if (!s || pln__is_null(n)) {
        pln__load_error(L, n,
                        "%s must be a date YYYY-MM-DD or a month "
                        "YYYY-MM, not %s",
                        what, kind_name(n));
        return false;
    }
    if (strlen(s) == 7) {
        st = pln_month_parse(s, first, last);
        if (st == PLN_ERANGE) {
            pln__load_error(L, n, "impossible month '%s' in %s", s, what);
            return false;
        }
        if (st == PLN_OK) {
            *is_month = true;
            return true;
        }
    }
    *is_month = false;
    if (strlen(s) != 10) {
        pln__load_error(L, n,
                        "%s must be a date YYYY-MM-DD or a month "
                        "YYYY-MM, not '%s'",
                        what, s);
        return false;
    }
    if (!date_text(L, n, what, s, first))
        return false;
    *last = *first;
    return true;
}

static const char *const range_keys[] = {"date", "from",   "to",
                                         "name", "reason", NULL};

bool pln__get_day_range(struct pln_load *L, yaml_node_t *n, const char *what,
                        struct pln_day_range *out)
{
    const char *s = pln__scalar(n);
    out->name = NULL;
    out->loc = pln__load_loc(n);
    if (s && !pln__is_null(n)) {
        const char *dots = strstr(s, "..");
        char a[16], b[16];
        if (!dots)
            return pln__get_date(L, n, what, &out->from) &&
                   (out->to = out->from, true);
        if ((size_t)(dots - s) >= sizeof(a) || strlen(dots + 2) >= sizeof(b)) {
            pln__load_error(L, n,
                            "%s must be a date or a range "
                            "YYYY-MM-DD..YYYY-MM-DD, not '%s'",
                            what, s);
            return false;
        }
        memcpy(a, s, (size_t)(dots - s));
        a[dots - s] = '\0';
        strcpy(b, dots + 2);
        if (!date_text(L, n, what, a, &out->from) ||
            !date_text(L, n, what, b, &out->to))
            return false;
    } else {
        yaml_node_t *d, *f, *t, *nm;
        if (!pln__map_check(L, n, what, range_keys))
            return false;
        d = pln__map_get(L, n, "date");
        f = pln__map_get(L, n, "from");
        t = pln__map_get(L, n, "to");
        nm = pln__map_get(L, n, "name");
        if (!nm)
            nm = pln__map_get(L, n, "reason");
        if (d && (f || t)) {
            pln__load_error(L, n, "%s has both 'date' and 'from'/'to'", what);
            return false;
        }
        if (d) {
            if (!pln__get_date(L, d, what, &out->from))
                return false;
            out->to = out->from;
        } else if (f && t) {
            if (!pln__get_date(L, f, what, &out->from) ||
                !pln__get_date(L, t, what, &out->to))
                return false;
        } else {
            pln__load_error(L, n, "%s needs 'date', or 'from' and 'to'", what);
            return false;
        }
        if (nm && !pln__get_str(L, nm, "name", &out->name))
            return false;
    }
    if (out->to < out->from) {
        pln__load_error(L, n, "%s ends before it begins", what);
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------- entry */

/* Line and column (1-based, columns in characters) of byte `off`. */
static void position_of(const char *buf, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static void report_parser_error(struct pln_load *L, yaml_parser_t *parser,
                                const char *buf)
{
    const char *what = parser->problem ? parser->problem : "unreadable";
    yaml_mark_t mk = parser->problem_mark;
    int line = (int)mk.line + 1, col = (int)mk.column + 1;
    if (parser->error == YAML_MEMORY_ERROR) {
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ENOMEM, L->source, 0, 0,
                      "out of memory");
        return;
    }
    if (parser->error == YAML_READER_ERROR) {
        /* The reader knows only a byte offset. */
        position_of(buf, parser->problem_offset, &line, &col);
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ESYNTAX, L->source, line,
                      col, "%s (byte 0x%02x): the model must be UTF-8 text",
                      what, (unsigned)(parser->problem_value & 0xff));
        return;
    }
    if (parser->context)
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ESYNTAX, L->source, line,
                      col, "syntax error: %s %s", what, parser->context);
    else
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ESYNTAX, L->source, line,
                      col, "syntax error: %s", what);
}

/*
 * libyaml has no nesting limit and slows down badly on very deep flow
 * nesting ("[[[[..." 50,000 deep takes seconds). A model nests a handful of
 * levels; count brackets outside quotes and comments and refuse silly depth
 * before parsing. Block nesting is bounded by indentation and is cheap.
 */
#define MAX_FLOW_DEPTH 256
static bool check_depth(struct pln_load *L, const char *buf, size_t len)
{
    int depth = 0, line = 1, col = 0;
    char quote = 0;
    bool comment = false;
    for (size_t i = 0; i < len; i++) {
        char ch = buf[i];
        if (((unsigned char)ch & 0xC0) != 0x80)
            col++;
        if (ch == '\n') {
            line++;
            col = 0;
            comment = false;
            continue;
        }
        if (comment)
            continue;
        if (quote) {
            if (ch == '\\' && quote == '"' && i + 1 < len)
                i++;
            else if (ch == quote)
                quote = 0;
            continue;
        }
        if (ch == '"' || ch == '\'') {
            quote = ch;
        } else if (ch == '#' &&
                   (i == 0 || buf[i - 1] == ' ' || buf[i - 1] == '\t')) {
            comment = true;
        } else if (ch == '[' || ch == '{') {
            if (++depth > MAX_FLOW_DEPTH) {
                pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ETOOBIG, L->source,
                              line, col, "nesting deeper than %d levels",
                              MAX_FLOW_DEPTH);
                return false;
            }
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            depth--;
        }
    }
    return true;
}

/*
 * Parses one YAML document from buf into *doc, reporting problems as
 * L->source's; false (reported) when it is not exactly one document.
 */
bool pln__parse_document(struct pln_load *L, const char *buf, size_t len,
                         yaml_document_t *doc)
{
    yaml_parser_t parser;

    if (len > PLN_MODEL_MAX_BYTES) {
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ETOOBIG, L->source, 0, 0,
                      "file larger than %u MiB", PLN_MODEL_MAX_BYTES >> 20);
        return false;
    }
    if (!yaml_parser_initialize(&parser)) {
        pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ENOMEM, L->source, 0, 0,
                      "out of memory");
        return false;
    }
    if (!check_depth(L, buf, len)) {
        yaml_parser_delete(&parser);
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    if (!yaml_parser_load(&parser, doc)) {
        report_parser_error(L, &parser, buf);
        yaml_parser_delete(&parser);
        return false;
    }
    {
        /* A second document would be ignored silently: refuse it. */
        yaml_document_t extra;
        yaml_mark_t at = parser.mark;
        if (!yaml_parser_load(&parser, &extra)) {
            report_parser_error(L, &parser, buf);
            yaml_document_delete(doc);
            yaml_parser_delete(&parser);
            return false;
        }
        if (yaml_document_get_root_node(&extra)) {
            yaml_node_t *r = yaml_document_get_root_node(&extra);
            at = r->start_mark;
            pln_diags_add(L->diags, PLN_SEV_ERROR, PLN_ESYNTAX, L->source,
                          (int)at.line + 1, (int)at.column + 1,
                          "more than one YAML document: a model is one "
                          "document");
            yaml_document_delete(&extra);
            yaml_document_delete(doc);
            yaml_parser_delete(&parser);
            return false;
        }
        yaml_document_delete(&extra);
    }
    yaml_parser_delete(&parser);
    return true;
}

/* The directory part of a path ("" for a bare name), arena-owned. */
const char *pln__dir_of(struct pln_arena *a, const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash)
        return "";
    return pln__arena_strndup(a, path, (size_t)(slash - path));
}

static pln_model *load_buffer(const char *source_name, const char *buf,
                              size_t len, const struct pln_load_options *o,
                              pln_diags *diags)
{
    yaml_document_t doc;
    struct pln_load L;
    struct pln_arena scratch;
    pln_model *m = NULL;
    yaml_node_t *root;

    memset(&L, 0, sizeof(L));
    L.source = source_name ? source_name : "<model>";
    L.diags = diags;
    L.opts = o;
    if (!pln__parse_document(&L, buf, len, &doc))
        return NULL;
    root = yaml_document_get_root_node(&doc);
    if (!root) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EINVAL, L.source, 1, 1,
                      "empty model: expected a mapping with 'program'");
    } else {
        /* Strings live in the model's arena; a failed load frees it. */
        pln__arena_init(&scratch);
        L.doc = &doc;
        L.arena = &scratch;
        L.dir = pln__dir_of(&scratch, L.source);
        m = pln__model_from_document(&L, root);
        if (!m)
            pln__arena_release(&scratch);
    }
    yaml_document_delete(&doc);
    return m;
}

pln_model *pln_model_load_buffer(const char *source_name, const char *buf,
                                 size_t len, pln_diags *diags)
{
    return load_buffer(source_name, buf, len, NULL, diags);
}

/* Whether `path` names a PSPLIB instance: it ends in ".sm", any case. */
static bool is_psplib_name(const char *path)
{
    size_t n = strlen(path);
    return n >= 3 && path[n - 3] == '.' &&
           (path[n - 2] == 's' || path[n - 2] == 'S') &&
           (path[n - 1] == 'm' || path[n - 1] == 'M');
}

char *pln__read_text_file(const char *path, size_t *out_len, pln_diags *diags)
{
    FILE *f;
    char *buf = NULL;
    size_t len = 0, cap = 0;

    f = fopen(path, "rb");
    if (!f) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EIO, path, 0, 0,
                      "cannot open: %s", strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (len + 65536 > cap) {
            if (cap > PLN_MODEL_MAX_BYTES) {
                pln_diags_add(diags, PLN_SEV_ERROR, PLN_ETOOBIG, path, 0, 0,
                              "file larger than %u MiB",
                              PLN_MODEL_MAX_BYTES >> 20);
                goto fail;
            }
            if (pln__grow((void **)&buf, &cap, len + 65536, 1) != 0) {
                pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, path, 0, 0,
                              "out of memory");
                goto fail;
            }
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EIO, path, 0, 0,
                      "cannot read: %s", strerror(errno));
        goto fail;
    }
    fclose(f);
    *out_len = len;
    return buf ? buf : pln__calloc(1, 1);
fail:
    fclose(f);
    pln__free(buf);
    return NULL;
}

pln_model *pln_model_load_file_ex(const char *path,
                                  const struct pln_load_options *o,
                                  pln_diags *diags)
{
    char *buf;
    size_t len = 0;
    pln_model *m;

    if (is_psplib_name(path))
        return pln_model_load_psplib(path, diags);
    buf = pln__read_text_file(path, &len, diags);
    if (!buf)
        return NULL;
    m = load_buffer(path, buf, len, o, diags);
    pln__free(buf);
    return m;
}

pln_model *pln_model_load_file(const char *path, pln_diags *diags)
{
    return pln_model_load_file_ex(path, NULL, diags);
}
