/*
 * expand.c -- turns templates and sites into the model's flat task list:
 * each site gets its template's tasks (with per-site duration overrides) and
 * its own extra tasks, ids "site/task"; dependencies are resolved (within the
 * site, or "other-site/task" across sites) and indexed both ways; deadlines
 * are read and bound to sites and tasks; and the whole network is checked for
 * cycles, each reported with the tasks that form it.
 */
#include <stdio.h>
#include <string.h>

#include "model_build.h"

/* Growing list of resolved dependencies (heap, freed at the end). */
struct dep_list {
    struct pln_dep *items;
    size_t count, cap;
};

static bool dep_push(struct pln_load *L, struct dep_list *dl, int pred,
                     int succ, const struct pln_raw_dep *r)
{
    struct pln_dep *d;
    if (pln__grow((void **)&dl->items, &dl->cap, dl->count + 1,
                  sizeof(*dl->items)) != 0) {
        L->oom = true;
        return false;
    }
    d = &dl->items[dl->count++];
    d->pred = pred;
    d->succ = succ;
    d->kind = r->kind;
    d->lag = r->lag;
    d->loc = pln__load_loc(r->at);
    return true;
}

/* ------------------------------------------------------- template cycles */

struct cycle_ctx {
    struct pln_build *B;
    const int *from, *to;
    const char *const *names;   /* node names */
    const struct pln_loc *locs; /* edge locations */
    const char *where;          /* "in template 'x'" or "" */
};

static void report_cycle(void *vctx, const int *edges, size_t len)
{
    struct cycle_ctx *c = vctx;
    char buf[PLN_ERROR_TEXT_LEN - 40];
    size_t used = 0;
    int n;
    buf[0] = '\0';
    for (size_t i = 0; i < len && used < sizeof(buf); i++) {
        n = snprintf(buf + used, sizeof(buf) - used, "%s -> ",
                     c->names[c->from[edges[i]]]);
        used += n > 0 ? (size_t)n : 0;
    }
    if (used < sizeof(buf))
        snprintf(buf + used, sizeof(buf) - used, "%s",
                 c->names[c->from[edges[0]]]);
    /* Report at the dependency that closes the cycle back to its start. */
    pln__load_error_loc(c->B->L, c->locs[edges[len - 1]],
                        "dependency cycle%s: %s", c->where, buf);
}

void pln__check_template_cycles(struct pln_build *B)
{
    pln_model *m = B->m;
    struct pln_load *L = B->L;
    for (size_t t = 0; t < m->n_templates; t++) {
        const struct pln_template *tp = &m->templates[t];
        const struct pln_tmpl_deps *td = &B->tmpl_deps[t];
        size_t ne = 0, k = 0;
        int *from, *to;
        struct pln_loc *locs;
        const char **names;
        char where[128];
        struct cycle_ctx ctx;

        if (!td->raw)
            continue;
        for (size_t i = 0; i < tp->n_tasks; i++)
            ne += td->n_raw[i];
        from = pln__load_array(L, ne + 1, sizeof(int));
        to = pln__load_array(L, ne + 1, sizeof(int));
        locs = pln__load_array(L, ne + 1, sizeof(*locs));
        names = pln__load_array(L, tp->n_tasks + 1, sizeof(*names));
        if (!from || !to || !locs || !names)
            return;
        for (size_t i = 0; i < tp->n_tasks; i++) {
            names[i] = m->tmpl_tasks[tp->first_task + i].id;
            for (size_t q = 0; q < td->n_raw[i]; q++) {
                const struct pln_raw_dep *d = &td->raw[i][q];
                if (d->pred < 0)
                    continue;
                from[k] = d->pred;
                to[k] = (int)i;
                locs[k] = pln__load_loc(d->at);
                k++;
            }
        }
        snprintf(where, sizeof(where), " in template '%s'", tp->id);
        ctx = (struct cycle_ctx){B, from, to, names, locs, where};
        if (pln__find_cycles(tp->n_tasks, k, from, to, report_cycle, &ctx, 20) <
            0)
            L->oom = true;
    }
}

/* ------------------------------------------------------------ expansion */

struct site_extra {
    struct pln_tmpl_task *tasks;
    struct pln_raw_dep **raw;
    size_t *n_raw;
    size_t n;
};

static const char *task_id(struct pln_load *L, const char *site,
                           const char *local)
{
    size_t a = strlen(site), b = strlen(local);
    char *s = pln__arena_alloc(L->arena, a + b + 2);
    if (!s) {
        L->oom = true;
        return NULL;
    }
    memcpy(s, site, a);
    s[a] = '/';
    memcpy(s + a + 1, local, b + 1);
    return s;
}

/* Resolves a reference written in site `s`: "task" or "site/task". */
static int resolve_ref(struct pln_build *B, const struct pln_site *s,
                       const char *ref)
{
    char buf[2 * PLN_ID_MAX_LEN + 2];
    if (strchr(ref, '/'))
        return pln__strmap_get(&B->tasks, ref);
    if (strlen(ref) > PLN_ID_MAX_LEN)
        return -1;
    snprintf(buf, sizeof(buf), "%s/%s", s->id, ref);
    return pln__strmap_get(&B->tasks, buf);
}

static void apply_durations(struct pln_build *B, const struct pln_site *s,
                            yaml_node_t *durs)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    yaml_node_pair_t *p;
    static const char *const none[] = {NULL};
    if (durs->type != YAML_MAPPING_NODE) {
        pln__map_check(L, durs, "durations", none);
        return;
    }
    pln__map_dups(L, durs, "durations");
    for (p = durs->data.mapping.pairs.start; p < durs->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = pln__node(L, p->key), *v = pln__node(L, p->value);
        const char *ks = pln__scalar(k);
        int idx;
        if (L->too_big)
            return;
        idx = ks ? resolve_ref(B, s, ks) : -1;
        int d;
        if (idx < 0 || strchr(ks, '/') || m->tasks[idx].site != s - m->sites) {
            pln__load_error(L, k, "site '%s' has no task '%s' to override",
                            s->id, ks ? ks : "");
            continue;
        }
        if (pln__get_int(L, v, "duration", 0, 10000, &d)) {
            struct pln_task *t = &m->tasks[idx];
            t->duration = d;
            /* A shorter duration than the template's crash duration
             * leaves nothing to shorten; a milestone nothing at all. */
            if (t->money.crash_duration > d)
                t->money.crash_duration = d;
        }
    }
}

void pln__expand_sites(struct pln_build *B)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    struct site_extra *extra;
    struct dep_list dl = {NULL, 0, 0};
    size_t total = 0;

    extra = pln__load_array(L, m->n_sites + 1, sizeof(*extra));
    if (!extra)
        return;
    /* Pass 1: read each site's own tasks and count. */
    for (size_t i = 0; i < m->n_sites; i++) {
        struct pln_site *s = &m->sites[i];
        yaml_node_t *v = pln__map_get(L, B->site_nodes[i], "tasks");
        struct site_extra *x = &extra[i];
        if (s->template >= 0)
            total += m->templates[s->template].n_tasks;
        if (v) {
            yaml_node_item_t *it;
            size_t n = pln__seq(L, v, "tasks", &it);
            x->tasks = n ? pln__load_array(L, n, sizeof(*x->tasks)) : NULL;
            x->raw = n ? pln__load_array(L, n, sizeof(*x->raw)) : NULL;
            x->n_raw = n ? pln__load_array(L, n, sizeof(*x->n_raw)) : NULL;
            for (size_t k = 0; k < n && x->tasks && x->raw && x->n_raw; k++)
                if (pln__parse_task(B, pln__node(L, it[k]), m->default_calendar,
                                    true, &x->tasks[x->n], &x->raw[x->n],
                                    &x->n_raw[x->n]))
                    x->n++;
        }
        total += x->n;
        if (s->template <0 && x->n == 0 && v)
            pln__load_error(L, v, "site '%s' has no tasks", s->id);
    }
    if (L->oom)
        return;
    m->tasks = pln__load_array(L, total + 1, sizeof(*m->tasks));
    if (!m->tasks)
        return;
    /* Pass 2: create the tasks and their ids. */
    for (size_t i = 0; i < m->n_sites; i++) {
        struct pln_site *s = &m->sites[i];
        const struct pln_template *tp =
            s->template >= 0 ? &m->templates[s->template] : NULL;
        size_t nt = tp ? tp->n_tasks : 0;
        s->first_task = m->n_tasks;
        for (size_t k = 0; k < nt + extra[i].n; k++) {
            const struct pln_tmpl_task *src =
                k < nt ? &m->tmpl_tasks[tp->first_task + k]
                       : &extra[i].tasks[k - nt];
            struct pln_task *t = &m->tasks[m->n_tasks];
            int prev = -1, r;
            t->id = task_id(L, s->id, src->id);
            if (!t->id)
                return;
            t->local_id = t->id + strlen(s->id) + 1;
            t->name = src->name;
            t->site = (int)i;
            t->tmpl_task = k < nt ? (int)(tp->first_task + k) : -1;
            t->duration = src->duration;
            t->calendar = src->calendar;
            t->demands = src->demands;
            t->n_demands = src->n_demands;
            t->money = src->money;
            t->loc = src->loc;
            r = pln__strmap_put(&B->tasks, t->id, (int)m->n_tasks, &prev);
            if (r < 0) {
                L->oom = true;
                return;
            }
            if (r == 0) {
                pln__load_error_loc(
                    L, src->loc, "site '%s' already has a task '%s'%s", s->id,
                    src->id,
                    prev < (int)(s->first_task + nt) ? " (from its template)"
                                                     : "");
                continue;
            }
            m->n_tasks++;
        }
        s->n_tasks = m->n_tasks - s->first_task;
    }
    /* Pass 3: overrides and dependencies. */
    for (size_t i = 0; i < m->n_sites && !L->oom; i++) {
        struct pln_site *s = &m->sites[i];
        const struct pln_template *tp =
            s->template >= 0 ? &m->templates[s->template] : NULL;
        size_t nt = tp ? tp->n_tasks : 0;
        yaml_node_t *v = pln__map_get(L, B->site_nodes[i], "durations");
        if (v)
            apply_durations(B, s, v);
        for (size_t k = 0; k < nt; k++) {
            const struct pln_tmpl_deps *td = &B->tmpl_deps[s->template];
            for (size_t q = 0; td->raw && q < td->n_raw[k]; q++) {
                const struct pln_raw_dep *r = &td->raw[k][q];
                if (r->pred >= 0)
                    dep_push(L, &dl, (int)(s->first_task + (size_t)r->pred),
                             (int)(s->first_task + k), r);
            }
        }
        for (size_t k = 0; k < extra[i].n; k++) {
            int self = resolve_ref(B, s, extra[i].tasks[k].id);
            for (size_t q = 0; q < extra[i].n_raw[k]; q++) {
                const struct pln_raw_dep *r = &extra[i].raw[k][q];
                int other = resolve_ref(B, s, r->ref);
                if (other < 0) {
                    pln__load_error(L, r->at, "unknown task '%s' in site '%s'",
                                    r->ref, s->id);
                    continue;
                }
                if (other == self) {
                    pln__load_error(L, r->at, "task '%s' depends on itself",
                                    r->ref);
                    continue;
                }
                if (r->before)
                    dep_push(L, &dl, self, other, r);
                else
                    dep_push(L, &dl, other, self, r);
            }
        }
    }
    if (L->oom)
        goto done;
    pln__index_deps(L, m, dl.items, dl.count);
done:
    pln__free(dl.items);
}

bool pln__index_deps(struct pln_load *L, pln_model *m,
                     const struct pln_dep *list, size_t n)
{
    size_t *pos;
    m->deps = pln__load_array(L, n + 1, sizeof(*m->deps));
    m->succ_deps = pln__load_array(L, n + 1, sizeof(*m->succ_deps));
    pos = pln__calloc(m->n_tasks + 1, sizeof(*pos));
    if (!m->deps || !m->succ_deps || !pos) {
        L->oom = true;
        pln__free(pos);
        return false;
    }
    for (size_t e = 0; e < n; e++)
        m->tasks[list[e].succ].n_preds++;
    for (size_t t = 0, acc = 0; t < m->n_tasks; t++) {
        m->tasks[t].first_pred = acc;
        pos[t] = acc;
        acc += m->tasks[t].n_preds;
    }
    for (size_t e = 0; e < n; e++)
        m->deps[pos[list[e].succ]++] = list[e];
    m->n_deps = n;
    for (size_t e = 0; e < n; e++)
        m->tasks[m->deps[e].pred].n_succs++;
    for (size_t t = 0, acc = 0; t < m->n_tasks; t++) {
        m->tasks[t].first_succ = acc;
        pos[t] = acc;
        acc += m->tasks[t].n_succs;
    }
    for (size_t e = 0; e < n; e++)
        m->succ_deps[pos[m->deps[e].pred]++] = (int)e;
    pln__free(pos);
    return true;
}

/* -------------------------------------------------------------- cycles */

void pln__check_cycles(struct pln_build *B)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    int *from = pln__calloc(m->n_deps + 1, sizeof(int));
    int *to = pln__calloc(m->n_deps + 1, sizeof(int));
    struct pln_loc *locs = pln__calloc(m->n_deps + 1, sizeof(*locs));
    const char **names = pln__calloc(m->n_tasks + 1, sizeof(*names));
    struct cycle_ctx ctx;

    if (!from || !to || !locs || !names) {
        L->oom = true;
        goto done;
    }
    for (size_t e = 0; e < m->n_deps; e++) {
        from[e] = m->deps[e].pred;
        to[e] = m->deps[e].succ;
        locs[e] = m->deps[e].loc;
    }
    for (size_t t = 0; t < m->n_tasks; t++)
        names[t] = m->tasks[t].id;
    ctx = (struct cycle_ctx){B, from, to, names, locs, ""};
    if (pln__find_cycles(m->n_tasks, m->n_deps, from, to, report_cycle, &ctx,
                         20) < 0)
        L->oom = true;
done:
    pln__free(from);
    pln__free(to);
    pln__free(locs);
    pln__free(names);
}

/* ------------------------------------------------------------ deadlines */

static const char *const top_deadline_keys[] = {
    "id",        "name",         "sites",
    "tag",       "task",         "hard",
    "finish_by", "start_within", "start_not_before",
    NULL};
static const char *const site_deadline_keys[] = {"id",
                                                 "name",
                                                 "task",
                                                 "hard",
                                                 "finish_by",
                                                 "start_within",
                                                 "start_not_before",
                                                 NULL};

struct cons_list {
    struct pln_constraint *items;
    size_t count, cap;
};

/* Reads the kind and dates of one deadline into `c` (site/task unset). */
static bool read_deadline(struct pln_build *B, yaml_node_t *n, bool top,
                          struct pln_constraint *c, yaml_node_t **task_node)
{
    struct pln_load *L = B->L;
    yaml_node_t *v, *fb, *sw, *snb;
    int kinds;
    if (!pln__map_check(L, n, "deadline",
                        top ? top_deadline_keys : site_deadline_keys))
        return false;
    memset(c, 0, sizeof(*c));
    c->loc = pln__load_loc(n);
    c->task = -1;
    if (!(v = pln__entry_id(L, n, "deadline", &c->id)))
        return false;
    if ((v = pln__map_get(L, n, "name")) &&
        !pln__get_str(L, v, "deadline name", &c->name))
        return false;
    if ((v = pln__map_get(L, n, "hard")) &&
        !pln__get_bool(L, v, "hard", &c->hard))
        return false;
    *task_node = pln__map_get(L, n, "task");
    fb = pln__map_get(L, n, "finish_by");
    sw = pln__map_get(L, n, "start_within");
    snb = pln__map_get(L, n, "start_not_before");
    kinds = !!fb + !!sw + !!snb;
    if (kinds != 1) {
        pln__load_error(L, n,
                        "deadline '%s' needs exactly one of finish_by, "
                        "start_within, start_not_before",
                        c->id);
        return false;
    }
    if (fb) {
        pln_date first;
        c->kind = PLN_CONS_FINISH_BY;
        if (!pln__get_date_or_month(L, fb, "finish_by", &first, &c->to,
                                    &c->month))
            return false;
        c->from = PLN_DATE_NONE;
    } else if (sw) {
        const char *s = pln__scalar(sw);
        c->kind = PLN_CONS_START_WITHIN;
        if (s && strlen(s) == 7) {
            if (!pln__get_date_or_month(L, sw, "start_within", &c->from, &c->to,
                                        &c->month))
                return false;
        } else {
            struct pln_day_range r;
            if (!pln__get_day_range(L, sw, "start_within", &r))
                return false;
            c->from = r.from;
            c->to = r.to;
        }
    } else {
        c->kind = PLN_CONS_START_NOT_BEFORE;
        if (!pln__get_date(L, snb, "start_not_before", &c->from))
            return false;
        c->to = PLN_DATE_NONE;
    }
    return true;
}

static bool site_has_tag(const struct pln_site *s, const char *tag)
{
    for (size_t i = 0; i < s->n_tags; i++)
        if (!strcmp(s->tags[i], tag))
            return true;
    return false;
}

static void bind_deadline(struct pln_build *B, struct cons_list *cl,
                          struct pln_strmap *seen,
                          const struct pln_constraint *proto, int site,
                          yaml_node_t *task_node, yaml_node_t *at)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    const struct pln_site *s = &m->sites[site];
    struct pln_constraint *c;
    const char *key;
    char buf[2 * PLN_ID_MAX_LEN + 2];
    int r, prev = -1;

    if (pln__grow((void **)&cl->items, &cl->cap, cl->count + 1,
                  sizeof(*cl->items)) != 0) {
        L->oom = true;
        return;
    }
    c = &cl->items[cl->count];
    *c = *proto;
    c->site = site;
    c->task = -1;
    if (task_node) {
        const char *ref = pln__scalar(task_node);
        int t = ref && !strchr(ref, '/') ? resolve_ref(B, s, ref) : -1;
        if (t < 0) {
            pln__load_error(L, task_node, "site '%s' has no task '%s'", s->id,
                            ref ? ref : "");
            return;
        }
        c->task = t;
    }
    /* The id is registered only once the deadline is stored, so that a
     * duplicate always names a stored deadline's line. */
    snprintf(buf, sizeof(buf), "%s/%s", s->id, proto->id);
    key = pln__load_strdup(L, buf);
    if (!key)
        return;
    r = pln__strmap_put(seen, key, (int)cl->count, &prev);
    if (r < 0) {
        L->oom = true;
        return;
    }
    if (r == 0 && pln__node_is_other(L, at)) {
        /* A status file's deadline replaces the site's deadline. */
        cl->items[prev] = *c;
        return;
    }
    if (r == 0) {
        pln__load_error(L, at,
                        "site '%s' already has a deadline '%s' (line "
                        "%d)",
                        s->id, proto->id, cl->items[prev].loc.line);
        return;
    }
    cl->count++;
}

static const char *const import_deadline_keys[] = {"import", "hard", NULL};

/* `{import: FILE, hard: BOOL}`: the deadlines a calendar file's events
 * name (load_import.c). */
static void import_deadlines(struct pln_build *B, struct cons_list *cl,
                             struct pln_strmap *seen, yaml_node_t *dn)
{
    struct pln_load *L = B->L;
    yaml_node_t *v;
    const char *file = NULL;
    bool hard = false;
    struct pln_constraint *got;
    size_t n;

    if (!pln__map_check(L, dn, "deadline import", import_deadline_keys))
        return;
    v = pln__map_get(L, dn, "import");
    if (!pln__get_str(L, v, "import", &file))
        return;
    if ((v = pln__map_get(L, dn, "hard")) && !pln__get_bool(L, v, "hard", &hard))
        return;
    n = pln__import_deadlines(B, pln__map_get(L, dn, "import"), file, hard,
                              &got);
    for (size_t k = 0; k < n && !L->oom; k++) {
        char buf[2 * PLN_ID_MAX_LEN + 2];
        const char *key;
        int r, prev = -1;
        if (pln__grow((void **)&cl->items, &cl->cap, cl->count + 1,
                      sizeof(*cl->items)) != 0) {
            L->oom = true;
            return;
        }
        snprintf(buf, sizeof(buf), "%s/%s", B->m->sites[got[k].site].id,
                 got[k].id);
        key = pln__load_strdup(L, buf);
        if (!key)
            return;
        r = pln__strmap_put(seen, key, (int)cl->count, &prev);
        if (r < 0) {
            L->oom = true;
            return;
        }
        if (r == 0) {
            pln__load_error(L, dn,
                            "'%s' gives site '%s' the deadline '%s' twice",
                            file, B->m->sites[got[k].site].id, got[k].id);
            continue;
        }
        cl->items[cl->count++] = got[k];
    }
}

void pln__parse_deadlines(struct pln_build *B, yaml_node_t *top)
{
    struct pln_load *L = B->L;
    pln_model *m = B->m;
    struct cons_list cl = {NULL, 0, 0};
    struct pln_strmap seen;
    yaml_node_item_t *it;
    size_t n;

    pln__strmap_init(&seen);
    n = top ? pln__seq(L, top, "deadlines", &it) : 0;
    for (size_t i = 0; i < n && !L->oom && !L->too_big; i++) {
        yaml_node_t *dn = pln__node(L, it[i]), *sites, *tag, *task_node;
        struct pln_constraint proto;
        const char *tagname = NULL;
        size_t matched = 0;
        if (dn && pln__map_get(L, dn, "import")) {
            import_deadlines(B, &cl, &seen, dn);
            continue;
        }
        if (!read_deadline(B, dn, true, &proto, &task_node))
            continue;
        sites = pln__map_get(L, dn, "sites");
        tag = pln__map_get(L, dn, "tag");
        if (sites && tag) {
            pln__load_error(L, dn,
                            "deadline '%s' selects sites by 'sites' "
                            "or by 'tag', not both",
                            proto.id);
            continue;
        }
        if (tag && !pln__get_id(L, tag, "tag", &tagname))
            continue;
        if (sites) {
            yaml_node_item_t *si;
            size_t ns = pln__seq(L, sites, "sites", &si);
            for (size_t k = 0; k < ns; k++) {
                yaml_node_t *sn = pln__node(L, si[k]);
                const char *sid = pln__scalar(sn);
                int s = sid ? pln__strmap_get(&B->sites, sid) : -1;
                if (s < 0) {
                    pln__load_error(L, sn, "unknown site '%s'", sid ? sid : "");
                    continue;
                }
                bind_deadline(B, &cl, &seen, &proto, s, task_node, sn);
                matched++;
            }
        } else {
            for (size_t s = 0; s < m->n_sites; s++) {
                if (tagname && !site_has_tag(&m->sites[s], tagname))
                    continue;
                bind_deadline(B, &cl, &seen, &proto, (int)s, task_node, dn);
                matched++;
            }
            if (tagname && matched == 0)
                pln__load_error(L, tag, "no site has tag '%s'", tagname);
        }
    }
    for (size_t s = 0; s < m->n_sites && !L->oom && !L->too_big; s++) {
        yaml_node_t *v = pln__map_get(L, B->site_nodes[s], "deadlines");
        yaml_node_item_t *di;
        size_t nd;
        if (!v)
            continue;
        nd = pln__seq(L, v, "deadlines", &di);
        for (size_t k = 0; k < nd; k++) {
            yaml_node_t *dn = pln__node(L, di[k]), *task_node;
            struct pln_constraint proto;
            if (read_deadline(B, dn, false, &proto, &task_node))
                bind_deadline(B, &cl, &seen, &proto, (int)s, task_node, dn);
        }
    }
    if (!L->oom && cl.count) {
        m->constraints = pln__load_array(L, cl.count, sizeof(*m->constraints));
        if (m->constraints) {
            memcpy(m->constraints, cl.items, cl.count * sizeof(*cl.items));
            m->n_constraints = cl.count;
        }
    }
    pln__free(cl.items);
    pln__strmap_release(&seen);
}
