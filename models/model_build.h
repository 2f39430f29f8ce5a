/*
 * model_build.h -- state shared by the stages that build a model (model.c
 * reads the document, expand.c instantiates templates, resolves references,
 * reads deadlines and checks for cycles). Library-internal.
 */
#ifndef PLN_MODEL_BUILD_H
#define PLN_MODEL_BUILD_H

#include "model_int.h"

/* A dependency as written: the referenced task id is not resolved yet. */
struct pln_raw_dep {
    const char *ref;
    yaml_node_t *at;
    enum pln_dep_kind kind;
    int lag;
    int pred;    /* resolved index (template-local), -1 if unresolved */
    bool before; /* from a 'before' list: this task is the predecessor */
};

/* Per template: the raw dependency list of each of its tasks. */
struct pln_tmpl_deps {
    struct pln_raw_dep **raw; /* [task] -> list */
    size_t *n_raw;
};

struct pln_build {
    struct pln_load *L;
    pln_model *m;
    struct pln_strmap calendars, crews, people, templates, sites, tasks;
    yaml_node_t *default_calendar_node;
    yaml_node_t **calendar_nodes;
    yaml_node_t **site_nodes;
    struct pln_tmpl_deps *tmpl_deps;
};

bool pln__parse_dep(struct pln_load *L, yaml_node_t *n, struct pln_raw_dep *d);
bool pln__parse_task(struct pln_build *B, yaml_node_t *n, int default_cal,
                     bool allow_before, struct pln_tmpl_task *t,
                     struct pln_raw_dep **deps, size_t *n_deps);

/* Registers `id` in `map`; reports a duplicate with where the first was
 * (`locs` with `loc_stride` bytes between elements gives their places; with
 * `locs` NULL, `index` is the line itself). */
bool pln__register_id(struct pln_load *L, struct pln_strmap *map,
                      const char *id, int index, yaml_node_t *at,
                      const char *what, const struct pln_loc *locs,
                      size_t loc_stride);
/* The index of the id written at `at` in `map`; reports it if unknown. */
int pln__lookup(struct pln_load *L, const struct pln_strmap *map,
                yaml_node_t *at, const char *what);

void pln__parse_calendars(struct pln_build *B, yaml_node_t *n);
/* load_export.c: the calendar-export settings, reporting dates, and the
 * recurrence they and people's visits share (keys every, on, day,
 * calendar of `map`). */
void pln__export_defaults(pln_model *m);
void pln__parse_export(struct pln_build *B, yaml_node_t *n);
void pln__parse_reporting(struct pln_build *B, yaml_node_t *n);
/* load_import.c: a calendar's `import` (holiday feeds), and a deadline
 * list's `{import: FILE}` entry (deadlines from a calendar's events). */
void pln__import_holidays(struct pln_build *B, yaml_node_t *n,
                          struct pln_calendar_def *c);
size_t pln__import_deadlines(struct pln_build *B, yaml_node_t *entry,
                             const char *file, bool hard,
                             struct pln_constraint **out);
bool pln__parse_recurrence(struct pln_build *B, yaml_node_t *map,
                           const char *what, struct pln_recurrence *r);
void pln__check_template_cycles(struct pln_build *B);
void pln__expand_sites(struct pln_build *B);
void pln__parse_deadlines(struct pln_build *B, yaml_node_t *top);
void pln__check_cycles(struct pln_build *B);
/* funding.c: a task's `spend:` value, and the `funding` section (after the
 * sites are expanded: conditions name tasks); checks that the tranches
 * can pay for every task. */
bool pln__get_spend(struct pln_load *L, yaml_node_t *n, enum pln_spend *out);
void pln__parse_funding(struct pln_build *B, yaml_node_t *n);
/* Stores the n dependencies of `list` into m->deps grouped by successor
 * and m->succ_deps by predecessor, filling each task's first_pred/n_preds
 * and first_succ/n_succs. False (and L->oom) when out of memory. */
bool pln__index_deps(struct pln_load *L, pln_model *m,
                     const struct pln_dep *list, size_t n);

/*
 * Finds dependency cycles in a graph of n nodes and m edges (from[e] ->
 * to[e]). For each cycle found (at most max_reports), calls report with the
 * cycle's edges in order. Returns the number reported, or -1 when out of
 * memory.
 */
long pln__find_cycles(size_t n, size_t m, const int *from, const int *to,
                      void (*report)(void *ctx, const int *edges, size_t len),
                      void *ctx, size_t max_reports);

#endif
