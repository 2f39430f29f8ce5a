/*
 * model_int.h -- what the loader's files share: the string map used for id
 * lookups, the private part of a pln_model, and the load context through
 * which every problem is reported with its line and column.
 */
#ifndef PLN_MODEL_INT_H
#define PLN_MODEL_INT_H

#include <yaml.h>

#include "pln_alloc.h"
#include "pln_model.h"

/* ------------------------------------------------------------ string map */

/* Open-addressing map from borrowed NUL-terminated keys to ints. */
struct pln_strmap {
    const char **keys;
    int *vals;
    size_t cap; /* power of two, or 0 */
    size_t count;
};

void pln__strmap_init(struct pln_strmap *m);
void pln__strmap_release(struct pln_strmap *m);
/* Inserts key -> val unless present. Returns 1 if inserted, 0 if the key
 * was there (*existing gets its value), -1 when out of memory. The key is
 * borrowed and must outlive the map. */
int pln__strmap_put(struct pln_strmap *m, const char *key, int val,
                    int *existing);
/* Value for key, or -1. */
int pln__strmap_get(const struct pln_strmap *m, const char *key);

/* ----------------------------------------------------- model internals */

struct pln_model_int {
    struct pln_arena arena;
    struct pln_strmap sites;
    struct pln_strmap tasks; /* "site/task" */
};

/* ---------------------------------------------------------- load context */

struct pln_load {
    const char *source;
    pln_diags *diags;
    yaml_document_t *doc;
    struct pln_arena *arena;
    size_t visited; /* nodes visited, against alias bombs */
    size_t errors;  /* errors reported, whether or not `diags` kept them */
    bool oom;
    bool too_big;
    /* Replanning: nodes from id other_first on were merged in from the
     * status file `other_source` (0: none). */
    int other_first;
    const char *other_source;
    /* Importing files (`import:` of calendars and deadlines): the hook,
     * and the model file's directory for relative names. */
    const struct pln_load_options *opts;
    const char *dir;
};

/* Imports the events of an iCalendar file named in the model (relative to
 * the model's directory) through the loader's hook; false (reported at
 * `at`) when it cannot. Release with pln__import_release(). */
struct pln_import {
    const struct pln_import_event *events;
    size_t n;
    void *owner;
    const char *path;
};
bool pln__import_ics(struct pln_load *L, yaml_node_t *at, const char *file,
                     const char *timezone, pln_date from, pln_date to,
                     struct pln_import *out);
void pln__import_release(struct pln_load *L, struct pln_import *im);

/* The start_mark.index of nodes merged in from a status file. */
#define PLN_MARK_OTHER ((size_t)-1)

/* Was node `at` merged in from the status file? */
bool pln__node_is_other(struct pln_load *L, const yaml_node_t *at);

void pln__load_error(struct pln_load *L, const yaml_node_t *at,
                     const char *fmt, ...) PLN_PRINTF(3, 4);
void pln__load_warning(struct pln_load *L, const yaml_node_t *at,
                       const char *fmt, ...) PLN_PRINTF(3, 4);
void pln__load_error_loc(struct pln_load *L, struct pln_loc loc,
                         const char *fmt, ...) PLN_PRINTF(3, 4);
struct pln_loc pln__load_loc(const yaml_node_t *n);

/* Node access; NULL-safe. */
yaml_node_t *pln__node(struct pln_load *L, int id);
bool pln__is_null(const yaml_node_t *n);
/* The scalar's text (borrowed from the document), or NULL if not scalar. */
const char *pln__scalar(const yaml_node_t *n);

/* Reports each key of `map` that appears more than once. */
void pln__map_dups(struct pln_load *L, yaml_node_t *map, const char *what);

/* Mapping access: the value for `key` or NULL. */
yaml_node_t *pln__map_get(struct pln_load *L, yaml_node_t *map,
                          const char *key);
/*
 * Checks that `map` is a mapping whose keys are plain scalars from
 * `allowed` (NULL-terminated), each once. Reports each offence; returns
 * false if `map` is not a mapping at all (reported as "`what` must be a
 * mapping").
 */
bool pln__map_check(struct pln_load *L, yaml_node_t *map, const char *what,
                    const char *const *allowed);
/* Sequence items: returns the count and sets *items (NULL if not a
 * sequence; then reports "`what` must be a list" unless quiet). */
size_t pln__seq(struct pln_load *L, yaml_node_t *n, const char *what,
                yaml_node_item_t **items);

/* Typed scalars. Each reports its own error and returns false on failure. */
bool pln__get_str(struct pln_load *L, yaml_node_t *n, const char *what,
                  const char **out);
bool pln__get_id(struct pln_load *L, yaml_node_t *n, const char *what,
                 const char **out);
/* The required `id` of an entry (a crew, a site ...): reports "`what` needs
 * an 'id'" or a malformed id; returns the id's node, or NULL. */
yaml_node_t *pln__entry_id(struct pln_load *L, yaml_node_t *entry,
                          const char *what, const char **out);
bool pln__get_int(struct pln_load *L, yaml_node_t *n, const char *what,
                  long lo, long hi, int *out);
bool pln__get_number(struct pln_load *L, yaml_node_t *n, const char *what,
                     double lo, double hi, double *out);
bool pln__get_bool(struct pln_load *L, yaml_node_t *n, const char *what,
                   bool *out);
bool pln__get_date(struct pln_load *L, yaml_node_t *n, const char *what,
                   pln_date *out);
/* A date "YYYY-MM-DD" or a month "YYYY-MM"; *is_month tells which. */
bool pln__get_date_or_month(struct pln_load *L, yaml_node_t *n,
                            const char *what, pln_date *first, pln_date *last,
                            bool *is_month);
/* A day range: "D", "D..D", {date: D} or {from: D, to: D}, with optional
 * name/reason. */
bool pln__get_day_range(struct pln_load *L, yaml_node_t *n, const char *what,
                        struct pln_day_range *out);

/* Arena copy of a string; sets L->oom on failure. */
const char *pln__load_strdup(struct pln_load *L, const char *s);
void *pln__load_array(struct pln_load *L, size_t count, size_t size);

/* ------------------------------------------------------- model building */

/* Loader stage 1: one YAML document from a buffer (false: reported). */
bool pln__parse_document(struct pln_load *L, const char *buf, size_t len,
                         yaml_document_t *doc);
/* The directory part of a path ("" for a bare name), arena-owned. */
const char *pln__dir_of(struct pln_arena *a, const char *path);
/* A whole file (pln__free it); NULL when it cannot be read (reported). */
char *pln__read_text_file(const char *path, size_t *len, pln_diags *diags);

/* Loader stage 2: turns the document into a model (model.c). */
pln_model *pln__model_from_document(struct pln_load *L, yaml_node_t *root);

#endif
