/*
 * load_status.c -- a model with a status file applied, for replanning
 * (pln_model_load_replan). The status file's added tasks and deadlines are
 * copied into the model's YAML document, into their sites, before the model
 * is built, so they are read, resolved and checked exactly like the site's
 * own (and their problems reported at their place in the status file). The
 * rest (the status date, progress, crews down and sites closed) is read
 * after, against the built model: closed sites get calendars with those
 * days off, started tasks are pinned and stop waiting for predecessors.
 * Turning progress into durations needs working-day arithmetic, so the
 * planner does it (pln_replan_prepare).
 */
#include <stdlib.h>
#include <string.h>

#include "model_build.h"

static const char *const status_root_keys[] = {
    "status", "progress", "unavailable", "deadlines", "tasks", NULL};
static const char *const status_keys[] = {"date", "now", "assume", NULL};
static const char *const progress_keys[] = {"task",      "started",
                                            "finished",  "remaining",
                                            "percent",   NULL};
static const char *const outage_keys[] = {"crew", "site", "count", "from",
                                          "to",   "reason", NULL};

/* ------------------------------------------------------- merging nodes */

struct merge {
    struct pln_load *S; /* the status file's context (errors) */
    yaml_document_t *to; /* the model's document */
    yaml_document_t *from;
    size_t copied; /* nodes copied, against alias bombs */
    bool oom;
};

/* Copies node `id` of the status document into the model's, keeping its
 * position; returns the new id or 0. */
static int copy_node(struct merge *g, int id, int depth)
{
    yaml_node_t *n = yaml_document_get_node(g->from, id), *out;
    int nid = 0;

    if (!n || g->oom || depth > 64 || ++g->copied > 100000) {
        if (n && !g->oom && (depth > 64 || g->copied > 100000))
            pln__load_error(g->S, n, "too many or too deep nodes to merge");
        g->oom = true;
        return 0;
    }
    switch (n->type) {
    case YAML_SCALAR_NODE:
        nid = yaml_document_add_scalar(g->to, n->tag, n->data.scalar.value,
                                       (int)n->data.scalar.length,
                                       n->data.scalar.style);
        break;
    case YAML_SEQUENCE_NODE:
        nid = yaml_document_add_sequence(g->to, n->tag,
                                         n->data.sequence.style);
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             nid && it < n->data.sequence.items.top; it++) {
            int c = copy_node(g, *it, depth + 1);
            if (!c || !yaml_document_append_sequence_item(g->to, nid, c))
                nid = 0;
            /* The source may have moved: items live in `from`. */
            n = yaml_document_get_node(g->from, id);
        }
        break;
    case YAML_MAPPING_NODE:
        nid = yaml_document_add_mapping(g->to, n->tag, n->data.mapping.style);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
             nid && p < n->data.mapping.pairs.top; p++) {
            int k = copy_node(g, p->key, depth + 1);
            int v = k ? copy_node(g, p->value, depth + 1) : 0;
            if (!k || !v || !yaml_document_append_mapping_pair(g->to, nid, k, v))
                nid = 0;
            n = yaml_document_get_node(g->from, id);
        }
        break;
    default:
        break;
    }
    if (!nid) {
        g->oom = true;
        return 0;
    }
    out = yaml_document_get_node(g->to, nid);
    out->start_mark = n->start_mark;
    out->end_mark = n->end_mark;
    out->start_mark.index = PLN_MARK_OTHER; /* from the status file */
    return nid;
}

/* The value node of key in a mapping of document d (0 when absent). */
static int map_value_id(yaml_document_t *d, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return 0;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        if (k && k->type == YAML_SCALAR_NODE &&
            !strcmp((const char *)k->data.scalar.value, key))
            return p->value;
    }
    return 0;
}

/* The model document's site mapping with this id (0 when none). */
static int find_site(yaml_document_t *d, const char *id)
{
    yaml_node_t *root = yaml_document_get_root_node(d);
    yaml_node_t *sites = yaml_document_get_node(d, map_value_id(d, root,
                                                                "sites"));
    if (!sites || sites->type != YAML_SEQUENCE_NODE)
        return 0;
    for (yaml_node_item_t *it = sites->data.sequence.items.start;
         it < sites->data.sequence.items.top; it++) {
        yaml_node_t *s = yaml_document_get_node(d, *it);
        yaml_node_t *v = yaml_document_get_node(d, map_value_id(d, s, "id"));
        if (v && v->type == YAML_SCALAR_NODE &&
            !strcmp((const char *)v->data.scalar.value, id))
            return *it;
    }
    return 0;
}

/*
 * Each entry of the status's `tasks` or `deadlines` list: a mapping with a
 * `site`, copied without it into that site's list of the same name.
 */
/* The id of a status entry (a mapping of the status document), or NULL. */
static const char *entry_id(struct merge *g, yaml_node_t *e)
{
    yaml_node_t *v = yaml_document_get_node(g->from, map_value_id(g->from, e,
                                                                  "id"));
    return v && v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value
                                            : NULL;
}

static void merge_list(struct merge *g, yaml_node_t *list, const char *key)
{
    struct pln_load *S = g->S;
    yaml_node_item_t *it;
    size_t n = pln__seq(S, list, key, &it);

    for (size_t i = 0; i < n && !g->oom; i++) {
        yaml_node_t *e = pln__node(S, it[i]), *sv;
        const char *sid;
        int site, seq, entry;
        if (!e || e->type != YAML_MAPPING_NODE) {
            pln__load_error(S, e, "each entry of '%s' must be a mapping", key);
            continue;
        }
        sv = pln__map_get(S, e, "site");
        sid = pln__scalar(sv);
        if (!sv) {
            pln__load_error(S, e, "a status '%s' entry needs a 'site'", key);
            continue;
        }
        site = sid ? find_site(g->to, sid) : 0;
        if (!site) {
            pln__load_error(S, sv, "unknown site '%s'", sid ? sid : "");
            continue;
        }
        /* One site's id twice in the status: which would hold? */
        for (size_t k = 0; k < i && entry_id(g, e); k++) {
            yaml_node_t *o = yaml_document_get_node(g->from, it[k]);
            yaml_node_t *os = o ? yaml_document_get_node(
                                      g->from, map_value_id(g->from, o, "site"))
                                : NULL;
            const char *oid = o ? entry_id(g, o) : NULL;
            if (oid && os && os->type == YAML_SCALAR_NODE &&
                !strcmp((const char *)os->data.scalar.value, sid) &&
                !strcmp(oid, entry_id(g, e))) {
                pln__load_error(S, e, "site '%s' gets '%s' twice in the "
                                      "status's %s (line %d)",
                                sid, oid, key, (int)o->start_mark.line + 1);
                site = 0;
                break;
            }
        }
        if (!site)
            continue;
        entry = yaml_document_add_mapping(g->to, NULL, YAML_FLOW_MAPPING_STYLE);
        if (!entry) {
            g->oom = true;
            break;
        }
        yaml_document_get_node(g->to, entry)->start_mark = e->start_mark;
        yaml_document_get_node(g->to, entry)->start_mark.index =
            PLN_MARK_OTHER;
        for (yaml_node_pair_t *p = e->data.mapping.pairs.start;
             p < e->data.mapping.pairs.top && !g->oom; p++) {
            yaml_node_t *k = yaml_document_get_node(g->from, p->key);
            int ck, cv;
            if (k == sv || (k && k->type == YAML_SCALAR_NODE &&
                            !strcmp((const char *)k->data.scalar.value,
                                    "site")))
                continue;
            ck = copy_node(g, p->key, 0);
            cv = ck ? copy_node(g, p->value, 0) : 0;
            if (!ck || !cv ||
                !yaml_document_append_mapping_pair(g->to, entry, ck, cv))
                g->oom = true;
            e = yaml_document_get_node(g->from, it[i]);
        }
        /* The site's list, made when it has none. */
        seq = map_value_id(g->to, yaml_document_get_node(g->to, site), key);
        if (!seq) {
            int k = yaml_document_add_scalar(g->to, NULL,
                                             (yaml_char_t *)key, -1,
                                             YAML_PLAIN_SCALAR_STYLE);
            seq = yaml_document_add_sequence(g->to, NULL,
                                             YAML_BLOCK_SEQUENCE_STYLE);
            if (!k || !seq ||
                !yaml_document_append_mapping_pair(g->to, site, k, seq)) {
                g->oom = true;
                break;
            }
        }
        if (yaml_document_get_node(g->to, seq)->type != YAML_SEQUENCE_NODE)
            continue; /* the model's own error says so */
        if (!yaml_document_append_sequence_item(g->to, seq, entry))
            g->oom = true;
    }
}

/* ------------------------------------------------------- the rest */

static void read_progress(struct pln_load *S, pln_model *m, yaml_node_t *list)
{
    yaml_node_item_t *it;
    size_t n = pln__seq(S, list, "progress", &it);
    bool *seen = pln__calloc(m->n_tasks + 1, 1);

    m->progress = n ? pln__load_array(S, n, sizeof(*m->progress)) : NULL;
    if (!seen) {
        S->oom = true;
        return;
    }
    for (size_t i = 0; i < n && m->progress; i++) {
        yaml_node_t *e = pln__node(S, it[i]), *v;
        struct pln_progress *p = &m->progress[m->n_progress];
        const struct pln_task *t;
        const char *id;
        if (!pln__map_check(S, e, "progress entry", progress_keys))
            continue;
        p->loc = pln__load_loc(e);
        p->started = p->finished = p->planned_finish = PLN_DATE_NONE;
        p->remaining = p->percent = -1;
        v = pln__map_get(S, e, "task");
        id = pln__scalar(v);
        if (!v) {
            pln__load_error(S, e, "a progress entry needs a 'task' (site/task)");
            continue;
        }
        p->task = id ? pln_model_find_task(m, id) : -1;
        if (p->task < 0) {
            pln__load_error(S, v, "unknown task '%s' (write site/task)",
                            id ? id : "");
            continue;
        }
        if (seen[p->task]) {
            pln__load_error(S, v, "task '%s' is reported twice", id);
            continue;
        }
        seen[p->task] = true;
        t = &m->tasks[p->task];
        if ((v = pln__map_get(S, e, "started")) &&
            !pln__get_date(S, v, "started", &p->started))
            continue;
        if ((v = pln__map_get(S, e, "finished")) &&
            !pln__get_date(S, v, "finished", &p->finished))
            continue;
        if ((v = pln__map_get(S, e, "remaining")) &&
            !pln__get_int(S, v, "remaining working days", 1, 100000,
                          &p->remaining))
            continue;
        if ((v = pln__map_get(S, e, "percent")) &&
            !pln__get_int(S, v, "percent complete", 0, 99, &p->percent))
            continue;
        if (p->remaining >= 0 && p->percent >= 0) {
            pln__load_error(S, e, "give 'remaining' or 'percent', not both");
            continue;
        }
        if (p->started == PLN_DATE_NONE && p->finished == PLN_DATE_NONE &&
            p->remaining < 0 && p->percent < 0) {
            /* Reported, but not started: it starts from the status date
             * (and `assume: planned` does not apply to it). */
            m->n_progress++;
            continue;
        }
        if (t->duration == 0) {
            if (p->started != PLN_DATE_NONE || p->remaining >= 0 ||
                p->percent >= 0 || p->finished == PLN_DATE_NONE) {
                pln__load_error(S, e,
                                "'%s' is a milestone: report only the day "
                                "it was reached, as 'finished'",
                                t->id);
                continue;
            }
        } else if (p->started == PLN_DATE_NONE) {
            pln__load_error(S, e, "task '%s' needs 'started'%s", t->id,
                            p->finished != PLN_DATE_NONE
                                ? " (and 'finished' when it is done)"
                                : "");
            continue;
        } else if (p->finished != PLN_DATE_NONE &&
                   (p->remaining >= 0 || p->percent >= 0)) {
            pln__load_error(S, e, "task '%s' is finished: no 'remaining' or "
                                  "'percent'",
                            t->id);
            continue;
        }
        if (p->started != PLN_DATE_NONE && p->started > m->status_date) {
            pln__load_error(S, pln__map_get(S, e, "started"),
                            "started after the status date");
            continue;
        }
        if (p->finished != PLN_DATE_NONE && p->finished > m->status_date) {
            pln__load_error(S, pln__map_get(S, e, "finished"),
                            "finished after the status date");
            continue;
        }
        if (p->started != PLN_DATE_NONE && p->finished != PLN_DATE_NONE &&
            p->finished < p->started) {
            pln__load_error(S, pln__map_get(S, e, "finished"),
                            "finished before it started");
            continue;
        }
        if (p->started < m->start && p->started != PLN_DATE_NONE) {
            pln__load_error(S, pln__map_get(S, e, "started"),
                            "started before the program's start");
            continue;
        }
        m->n_progress++;
    }
    pln__free(seen);
}

/*
 * `assume: planned`: each task the status does not report is taken as the
 * baseline planned it: finished when its planned finish is before the
 * status date, going on (to its planned finish) when it was planned to
 * start before, not started otherwise.
 */
static void assume_planned(struct pln_load *S, pln_model *m,
                           pln_baseline_fn baseline, void *ud,
                           struct pln_loc at)
{
    bool *seen = pln__calloc(m->n_tasks + 1, 1);
    size_t extra = 0;
    struct pln_progress *all;

    if (!seen) {
        S->oom = true;
        return;
    }
    for (size_t i = 0; i < m->n_progress; i++)
        seen[m->progress[i].task] = true;
    for (size_t j = 0; j < m->n_tasks; j++) {
        pln_date a, b;
        if (!seen[j] && baseline(ud, m->tasks[j].id, &a, &b) &&
            a < m->status_date)
            extra++;
    }
    all = pln__load_array(S, m->n_progress + extra + 1, sizeof(*all));
    if (!all) {
        pln__free(seen);
        return;
    }
    if (m->n_progress)
        memcpy(all, m->progress, m->n_progress * sizeof(*all));
    for (size_t j = 0; j < m->n_tasks; j++) {
        struct pln_progress *p = &all[m->n_progress];
        pln_date a, b;
        if (seen[j] || !baseline(ud, m->tasks[j].id, &a, &b) ||
            a >= m->status_date)
            continue;
        memset(p, 0, sizeof(*p));
        p->task = (int)j;
        p->remaining = p->percent = -1;
        p->as_planned = true;
        p->loc = at;
        p->planned_finish = PLN_DATE_NONE;
        if (m->tasks[j].duration == 0) {
            p->started = PLN_DATE_NONE;
            p->finished = b;
        } else {
            p->started = a;
            if (b < m->status_date)
                p->finished = b;
            else {
                p->finished = PLN_DATE_NONE;
                p->planned_finish = b;
            }
        }
        m->n_progress++;
    }
    m->progress = all;
    pln__free(seen);
}

static void read_outages(struct pln_load *S, pln_model *m, yaml_node_t *list,
                         const struct pln_strmap *sites,
                         const struct pln_strmap *crews)
{
    yaml_node_item_t *it;
    size_t n = pln__seq(S, list, "unavailable", &it);

    m->outages = n ? pln__load_array(S, n, sizeof(*m->outages)) : NULL;
    for (size_t i = 0; i < n && m->outages; i++) {
        yaml_node_t *e = pln__node(S, it[i]), *v, *crew, *site;
        struct pln_outage *o = &m->outages[m->n_outages];
        if (!pln__map_check(S, e, "unavailable entry", outage_keys))
            continue;
        o->loc = pln__load_loc(e);
        o->crew = o->site = -1;
        crew = pln__map_get(S, e, "crew");
        site = pln__map_get(S, e, "site");
        if (!crew == !site) {
            pln__load_error(S, e, "an unavailable entry names a 'crew' or a "
                                  "'site' (one of them)");
            continue;
        }
        if (crew && (o->crew = pln__lookup(S, crews, crew, "crew")) < 0)
            continue;
        if (site && (o->site = pln__lookup(S, sites, site, "site")) < 0)
            continue;
        if (!(v = pln__map_get(S, e, "from")) ||
            !pln__get_date(S, v, "from", &o->from) ||
            !(v = pln__map_get(S, e, "to")) ||
            !pln__get_date(S, v, "to", &o->to)) {
            if (!pln__map_get(S, e, "from") || !pln__map_get(S, e, "to"))
                pln__load_error(S, e, "an unavailable entry needs 'from' and "
                                      "'to' dates");
            continue;
        }
        if (o->to < o->from) {
            pln__load_error(S, v, "'to' is before 'from'");
            continue;
        }
        if ((v = pln__map_get(S, e, "count"))) {
            if (site) {
                pln__load_error(S, v, "'count' is for crews");
                continue;
            }
            if (!pln__get_int(S, v, "count", 1, m->crews[o->crew].count,
                              &o->count))
                continue;
        } else if (crew) {
            o->count = m->crews[o->crew].count;
        }
        if ((v = pln__map_get(S, e, "reason")))
            pln__get_str(S, v, "reason", &o->reason);
        m->n_outages++;
    }
}

/* A closed site: each calendar its tasks use gets a variant with the
 * closed days off ("<calendar>@<site>"), and the site's tasks use it. */
static void close_sites(struct pln_load *S, pln_model *m)
{
    size_t extra = 0, nc = m->n_calendars;
    struct pln_calendar_def *cals;
    int *variant;

    for (size_t k = 0; k < m->n_outages; k++)
        if (m->outages[k].site >= 0)
            extra += m->n_calendars;
    if (!extra)
        return;
    cals = pln__load_array(S, nc + extra, sizeof(*cals));
    variant = pln__calloc(nc + 1, sizeof(*variant));
    if (!cals || !variant) {
        pln__free(variant);
        S->oom = true;
        return;
    }
    memcpy(cals, m->calendars, nc * sizeof(*cals));
    for (size_t i = 0; i < m->n_sites; i++) {
        const struct pln_site *site = &m->sites[i];
        size_t closed = 0;
        struct pln_day_range *days;
        for (size_t k = 0; k < m->n_outages; k++)
            closed += m->outages[k].site == (int)i;
        if (!closed)
            continue;
        days = pln__load_array(S, closed, sizeof(*days));
        if (!days)
            break;
        closed = 0;
        for (size_t k = 0; k < m->n_outages; k++) {
            const struct pln_outage *o = &m->outages[k];
            if (o->site != (int)i)
                continue;
            days[closed].from = o->from;
            days[closed].to = o->to;
            days[closed].name = o->reason ? o->reason : "site closed";
            days[closed].loc = o->loc;
            closed++;
        }
        for (size_t c = 0; c < m->n_calendars; c++)
            variant[c] = -1;
        for (size_t j = site->first_task; j < site->first_task + site->n_tasks;
             j++) {
            int c = m->tasks[j].calendar;
            if (variant[c] < 0) {
                struct pln_calendar_def *d = &cals[nc];
                char id[2 * PLN_ID_MAX_LEN + 2];
                memset(d, 0, sizeof(*d));
                snprintf(id, sizeof(id), "%s@%s", m->calendars[c].id,
                         site->id);
                d->id = pln__load_strdup(S, id);
                d->name = d->id;
                d->parent = c;
                d->weekdays = -1;
                d->holidays = PLN_HOLIDAYS_INHERIT;
                d->days_off = days;
                d->n_days_off = closed;
                d->loc = days[0].loc;
                variant[c] = (int)nc++;
            }
            m->tasks[j].calendar = variant[c];
        }
    }
    m->calendars = cals;
    m->n_calendars = nc;
    pln__free(variant);
}

/* Started tasks are pinned; their predecessors no longer hold them. */
static void pin_started(struct pln_load *S, pln_model *m)
{
    struct pln_dep *keep;
    size_t n = 0;

    for (size_t i = 0; i < m->n_progress; i++) {
        const struct pln_progress *p = &m->progress[i];
        struct pln_task *t = &m->tasks[p->task];
        if (p->started == PLN_DATE_NONE && p->finished == PLN_DATE_NONE)
            continue; /* reported as not started */
        t->pinned = true;
        t->pinned_at = t->duration == 0 ? p->finished : p->started;
        for (size_t e = t->first_pred; e < t->first_pred + t->n_preds; e++)
            if (m->tasks[m->deps[e].pred].site == t->site)
                t->site_pred = true;
    }
    keep = pln__calloc(m->n_deps + 1, sizeof(*keep));
    if (!keep) {
        S->oom = true;
        return;
    }
    for (size_t e = 0; e < m->n_deps; e++)
        if (!m->tasks[m->deps[e].succ].pinned)
            keep[n++] = m->deps[e];
    if (n != m->n_deps) {
        for (size_t j = 0; j < m->n_tasks; j++)
            m->tasks[j].n_preds = m->tasks[j].n_succs = 0;
        pln__index_deps(S, m, keep, n);
    }
    pln__free(keep);
}

void pln_model_set_duration(pln_model *m, size_t j, int duration)
{
    if (m && j < m->n_tasks && duration >= 0)
        m->tasks[j].duration = duration;
}

/* ------------------------------------------------------------------ API */

pln_model *pln_model_load_replan(const char *model_path,
                                 const char *status_path,
                                 pln_baseline_fn baseline, void *ud,
                                 const struct pln_load_options *o,
                                 pln_diags *diags)
{
    struct pln_load L, S;
    struct pln_arena scratch;
    yaml_document_t doc, sdoc;
    char *text = NULL, *stext = NULL;
    size_t len = 0, slen = 0;
    bool have_doc = false, have_sdoc = false;
    yaml_node_t *root, *sroot, *v;
    pln_model *m = NULL;

    memset(&L, 0, sizeof(L));
    memset(&S, 0, sizeof(S));
    {
        size_t n = strlen(model_path);
        if (n >= 3 && (!strcmp(model_path + n - 3, ".sm") ||
                       !strcmp(model_path + n - 3, ".SM"))) {
            pln_diags_add(diags, PLN_SEV_ERROR, PLN_EINVAL, model_path, 0, 0,
                          "a PSPLIB instance cannot be replanned: replanning "
                          "takes a model file");
            return NULL;
        }
    }
    L.source = model_path;
    L.diags = diags;
    L.opts = o;
    S.source = status_path;
    S.diags = diags;
    if (!(text = pln__read_text_file(model_path, &len, diags)) ||
        !(stext = pln__read_text_file(status_path, &slen, diags)))
        goto done;
    if (!(have_doc = pln__parse_document(&L, text, len, &doc)) ||
        !(have_sdoc = pln__parse_document(&S, stext, slen, &sdoc)))
        goto done;
    root = yaml_document_get_root_node(&doc);
    sroot = yaml_document_get_root_node(&sdoc);
    S.doc = &sdoc;
    if (!root) {
        pln_diags_add(diags, PLN_SEV_ERROR, PLN_EINVAL, model_path, 1, 1,
                      "empty model: expected a mapping with 'program'");
        goto done;
    }
    if (!sroot || !pln__map_check(&S, sroot, "a status file",
                                  status_root_keys)) {
        if (!sroot)
            pln_diags_add(diags, PLN_SEV_ERROR, PLN_EINVAL, status_path, 1, 1,
                          "empty status file: expected a mapping with "
                          "'status'");
        goto done;
    }
    /* Added tasks and deadlines into their sites, in the model's text. */
    {
        struct merge g = {&S, &doc, &sdoc, 0, false};
        L.other_first = (int)(doc.nodes.top - doc.nodes.start) + 1;
        L.other_source = status_path;
        if ((v = pln__map_get(&S, sroot, "tasks")))
            merge_list(&g, v, "tasks");
        sroot = yaml_document_get_root_node(&sdoc);
        if ((v = pln__map_get(&S, sroot, "deadlines")))
            merge_list(&g, v, "deadlines");
        if (g.oom && !S.errors)
            pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, status_path, 0, 0,
                          "out of memory");
        if (g.oom || S.errors)
            goto done;
    }
    pln__arena_init(&scratch);
    L.doc = &doc;
    L.arena = &scratch;
    L.dir = pln__dir_of(&scratch, model_path);
    root = yaml_document_get_root_node(&doc);
    m = pln__model_from_document(&L, root);
    if (!m) {
        pln__arena_release(&scratch);
        goto done;
    }
    /* The rest is read against the model, into its arena. */
    {
        struct pln_model_int *mi = m->internal;
        struct pln_strmap sites, crews;
        yaml_node_t *st;
        S.arena = &mi->arena;
        m->replan = true;
        m->status_source = pln__load_strdup(&S, status_path);
        m->status_date = PLN_DATE_NONE;
        m->status_now = -1;
        sroot = yaml_document_get_root_node(&sdoc);
        st = pln__map_get(&S, sroot, "status");
        if (!st) {
            pln__load_error(&S, sroot, "a status file needs 'status' with "
                                       "the status 'date'");
        } else if (pln__map_check(&S, st, "status", status_keys)) {
            if (!(v = pln__map_get(&S, st, "date")))
                pln__load_error(&S, st, "status needs the status 'date'");
            else if (pln__get_date(&S, v, "status date", &m->status_date) &&
                     m->status_date < m->start)
                pln__load_error(&S, v, "the status date is before the "
                                       "program's start");
            if ((v = pln__map_get(&S, st, "now"))) {
                const char *s = pln__scalar(v);
                if (!s || pln_timestamp_parse(s, &m->status_now) != PLN_OK)
                    pln__load_error(&S, v, "'now' must be a UTC time stamp "
                                           "YYYY-MM-DDTHH:MM:SSZ");
            }
        }
        if (S.errors == 0 && m->status_date != PLN_DATE_NONE) {
            pln__strmap_init(&sites);
            pln__strmap_init(&crews);
            for (size_t i = 0; i < m->n_sites; i++)
                if (pln__strmap_put(&sites, m->sites[i].id, (int)i, NULL) < 0)
                    S.oom = true;
            for (size_t i = 0; i < m->n_crews; i++)
                if (pln__strmap_put(&crews, m->crews[i].id, (int)i, NULL) < 0)
                    S.oom = true;
            if ((v = pln__map_get(&S, sroot, "progress")))
                read_progress(&S, m, v);
            if ((v = pln__map_get(&S, st, "assume"))) {
                const char *a = pln__scalar(v);
                if (!a || (strcmp(a, "planned") && strcmp(a, "nothing")))
                    pln__load_error(&S, v, "'assume' must be planned (what "
                                           "is not reported went as the "
                                           "baseline planned) or nothing");
                else if (!strcmp(a, "planned") && !baseline)
                    pln__load_error(&S, v, "'assume: planned' needs the "
                                           "baseline plan");
                else if (!strcmp(a, "planned") && S.errors == 0)
                    assume_planned(&S, m, baseline, ud, pln__load_loc(v));
            }
            if ((v = pln__map_get(&S, sroot, "unavailable")))
                read_outages(&S, m, v, &sites, &crews);
            pln__strmap_release(&sites);
            pln__strmap_release(&crews);
        }
        if (S.errors == 0 && !S.oom) {
            close_sites(&S, m);
            pin_started(&S, m);
        }
        if (S.oom)
            pln_diags_add(diags, PLN_SEV_ERROR, PLN_ENOMEM, status_path, 0, 0,
                          "out of memory");
        if (S.errors || S.oom) {
            pln_model_free(m);
            m = NULL;
        }
    }
done:
    if (have_doc)
        yaml_document_delete(&doc);
    if (have_sdoc)
        yaml_document_delete(&sdoc);
    pln__free(text);
    pln__free(stext);
    return m;
}
