/*
 * funding.c -- the model's `funding` section: tranches (date, amount,
 * source, conditions), subsidy rules per kind of work, the standard area,
 * and how task costs are spent; each field checked, every problem
 * reported. Also the one check that needs no schedule: the tranches must
 * bring at least what the tasks cost, or no schedule can pay for them all.
 */
#include <stdio.h>
#include <string.h>

#include "model_build.h"
#include "model_int.h"

static const char *const source_names[] = {
#define PLN_SOURCE_TEXT(name, text) text,
    PLN_SOURCE_MAP(PLN_SOURCE_TEXT)
#undef PLN_SOURCE_TEXT
};

const char *pln_source_name(enum pln_fund_source src)
{
    return (unsigned)src < PLN_SOURCE_COUNT ? source_names[src] : "?";
}

static const char *const spend_names[] = {"spread", "start", "finish"};

const char *pln_spend_name(enum pln_spend spend)
{
    return (unsigned)spend < 3 ? spend_names[spend] : "spread";
}

enum pln_spend pln_task_spend(const pln_model *m, size_t j)
{
    const struct pln_task *t = &m->tasks[j];
    return t->money.spend_set ? t->money.spend : m->funding.spend;
}

const struct pln_subsidy *pln_site_subsidy(const pln_model *m, size_t site)
{
    const char *kind = m->sites[site].work_kind;
    if (!kind)
        return NULL;
    for (size_t i = 0; i < m->funding.n_subsidies; i++)
        if (!strcmp(m->funding.subsidies[i].kind, kind))
            return &m->funding.subsidies[i];
    return NULL;
}

bool pln__get_spend(struct pln_load *L, yaml_node_t *n, enum pln_spend *out)
{
    const char *s = pln__scalar(n);
    for (int k = 0; s && k < 3; k++)
        if (!strcmp(s, spend_names[k])) {
            *out = (enum pln_spend)k;
            return true;
        }
    pln__load_error(L, n,
                    "spend must be 'spread' (evenly over the working days), "
                    "'start' or 'finish', not '%s'",
                    s ? s : "a list or mapping");
    return false;
}

static bool get_source(struct pln_load *L, yaml_node_t *n,
                       enum pln_fund_source *out)
{
    const char *s = pln__scalar(n);
    for (int k = 0; s && k < PLN_SOURCE_COUNT; k++)
        if (!strcmp(s, source_names[k])) {
            *out = (enum pln_fund_source)k;
            return true;
        }
    pln__load_error(L, n,
                    "source must be one of central, regional, city, district, "
                    "county, village; not '%s'",
                    s ? s : "a list or mapping");
    return false;
}

/* Money in messages: whole units when whole, else two decimals. */
static void money_text(double v, char buf[40])
{
    if (v == (double)(long long)v)
        snprintf(buf, 40, "%lld", (long long)v);
    else
        snprintf(buf, 40, "%.2f", v);
}

static const char *const funding_keys[] = {
    "spend", "standard_area", "above_standard", "subsidies", "tranches", NULL};
static const char *const subsidy_keys[] = {"kind", "amount", "per_m2",
                                           "source", NULL};
static const char *const tranche_keys[] = {"id",     "name",   "date", "amount",
                                           "source", "after",  NULL};

static void parse_subsidies(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    struct pln_funding *f = &B->m->funding;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "subsidies", &it);
    f->subsidies = count ? pln__load_array(L, count, sizeof(*f->subsidies))
                         : NULL;
    for (size_t i = 0; i < count && f->subsidies; i++) {
        yaml_node_t *sn = pln__node(L, it[i]), *v;
        struct pln_subsidy *r = &f->subsidies[f->n_subsidies];
        bool ok = true;
        if (!pln__map_check(L, sn, "subsidy", subsidy_keys))
            continue;
        r->loc = pln__load_loc(sn);
        r->source = PLN_SOURCE_CITY;
        if (!(v = pln__map_get(L, sn, "kind"))) {
            pln__load_error(L, sn,
                            "a subsidy needs the 'kind' of work it pays for "
                            "(e.g. new_build)");
            continue;
        }
        if (!pln__get_id(L, v, "kind of work", &r->kind))
            continue;
        for (size_t q = 0; q < f->n_subsidies; q++)
            if (!strcmp(f->subsidies[q].kind, r->kind)) {
                pln__load_error(L, v,
                                "kind of work '%s' already has a subsidy "
                                "(line %d)",
                                r->kind, f->subsidies[q].loc.line);
                ok = false;
            }
        if ((v = pln__map_get(L, sn, "amount")))
            ok &= pln__get_number(L, v, "subsidy amount", 0, 1e15, &r->amount);
        if ((v = pln__map_get(L, sn, "per_m2")))
            ok &= pln__get_number(L, v, "per_m2", 0, 1e9, &r->per_m2);
        if (!pln__map_get(L, sn, "amount") && !pln__map_get(L, sn, "per_m2")) {
            pln__load_error(L, sn,
                            "a subsidy needs an 'amount' per site or a "
                            "'per_m2' rate (or both)");
            ok = false;
        }
        if ((v = pln__map_get(L, sn, "source")))
            ok &= get_source(L, v, &r->source);
        if (ok)
            f->n_subsidies++;
    }
}

/* The tranche conditions: a tranche id, or a task "site/task". */
static void parse_after(struct pln_build *B, yaml_node_t *n,
                        struct pln_strmap *ids, struct pln_tranche *t)
{
    struct pln_load *L = B->L;
    yaml_node_item_t *it = NULL;
    size_t count = n->type == YAML_SCALAR_NODE ? 1 : pln__seq(L, n, "after", &it);
    t->after_tranches = count ? pln__load_array(L, count, sizeof(int)) : NULL;
    t->after_tasks = count ? pln__load_array(L, count, sizeof(int)) : NULL;
    for (size_t i = 0; i < count && t->after_tranches && t->after_tasks; i++) {
        /* One condition may be written without the list. */
        yaml_node_t *c = it ? pln__node(L, it[i]) : n;
        const char *s = c ? pln__scalar(c) : NULL;
        int k;
        if (!s || pln__is_null(c)) {
            pln__load_error(L, c,
                            "a condition must be a tranche id or a task "
                            "'site/task'");
            continue;
        }
        if (strchr(s, '/')) {
            k = pln__strmap_get(&B->tasks, s);
            if (k < 0)
                pln__load_error(L, c, "unknown task '%s'", s);
            else
                t->after_tasks[t->n_after_tasks++] = k;
            continue;
        }
        k = pln__strmap_get(ids, s);
        if (k < 0)
            pln__load_error(L, c,
                            "unknown tranche '%s' (a task is named "
                            "'site/task')",
                            s);
        else
            t->after_tranches[t->n_after_tranches++] = k;
    }
}

/* A tranche waiting, through its conditions, for itself. */
static bool tranche_cycle(const struct pln_funding *f, size_t i,
                          unsigned char *state)
{
    if (state[i] == 1)
        return true;
    if (state[i] == 2)
        return false;
    state[i] = 1;
    for (size_t k = 0; k < f->tranches[i].n_after_tranches; k++)
        if (tranche_cycle(f, (size_t)f->tranches[i].after_tranches[k], state))
            return true;
    state[i] = 2;
    return false;
}

static void parse_tranches(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    struct pln_funding *f = &B->m->funding;
    struct pln_strmap ids;
    yaml_node_item_t *it;
    size_t count = pln__seq(L, n, "tranches", &it);
    yaml_node_t **after = NULL;

    pln__strmap_init(&ids);
    f->tranches = count ? pln__load_array(L, count, sizeof(*f->tranches))
                        : NULL;
    after = count ? pln__load_array(L, count, sizeof(*after)) : NULL;
    for (size_t i = 0; i < count && f->tranches && after; i++) {
        yaml_node_t *tn = pln__node(L, it[i]), *v;
        struct pln_tranche *t = &f->tranches[f->n_tranches];
        if (!pln__map_check(L, tn, "tranche", tranche_keys))
            continue;
        t->loc = pln__load_loc(tn);
        t->source = PLN_SOURCE_CENTRAL;
        t->date = PLN_DATE_NONE;
        yaml_node_t *idn;
        if (!(idn = pln__entry_id(L, tn, "tranche", &t->id)))
            continue;
        if ((v = pln__map_get(L, tn, "name")))
            pln__get_str(L, v, "tranche name", &t->name);
        if (!t->name)
            t->name = t->id;
        if ((v = pln__map_get(L, tn, "date")))
            pln__get_date(L, v, "tranche date", &t->date);
        else {
            pln__load_error(L, tn,
                            "tranche '%s' needs the 'date' its money "
                            "arrives",
                            t->id);
        }
        if ((v = pln__map_get(L, tn, "amount")))
            pln__get_number(L, v, "tranche amount", 0, 1e15, &t->amount);
        else {
            pln__load_error(L, tn, "tranche '%s' needs an 'amount'", t->id);
        }
        if ((v = pln__map_get(L, tn, "source")))
            get_source(L, v, &t->source);
        after[f->n_tranches] = pln__map_get(L, tn, "after");
        /* Known by its id even when a field is wrong: a condition naming
         * it is not a second error. */
        if (pln__register_id(L, &ids, t->id, (int)f->n_tranches, idn,
                             "tranche", &f->tranches[0].loc, sizeof(*t)))
            f->n_tranches++;
    }
    /* Conditions once every id is known: a tranche may wait for a later
     * one in the list. */
    for (size_t i = 0; i < f->n_tranches && after; i++)
        if (after[i])
            parse_after(B, after[i], &ids, &f->tranches[i]);
    if (f->n_tranches && L->errors == 0) {
        unsigned char *state = pln__load_array(L, f->n_tranches, 1);
        for (size_t i = 0; state && i < f->n_tranches; i++)
            if (state[i] == 0 && tranche_cycle(f, i, state)) {
                pln__load_error_loc(L, f->tranches[i].loc,
                                    "tranche '%s' waits, through its "
                                    "conditions, for itself",
                                    f->tranches[i].id);
                break;
            }
    }
    pln__strmap_release(&ids);
}

/* The tranches must bring what the tasks cost. */
static void check_total(struct pln_build *B)
{
    const pln_model *m = B->m;
    const struct pln_funding *f = &m->funding;
    double cost = 0, funds = 0;
    char a[40], b[40], c[40];
    if (f->n_tranches == 0)
        return;
    for (size_t j = 0; j < m->n_tasks; j++)
        cost += m->tasks[j].money.cost;
    for (size_t i = 0; i < f->n_tranches; i++)
        funds += f->tranches[i].amount;
    /* The bookkeeping is in 64-bit thousandths: keep far from its end. */
    if (funds > 1e15 || cost > 1e15) {
        pln__load_error_loc(B->L, f->loc,
                            "the tranches or the task costs add up to more "
                            "than 1e15: too large to keep account of");
        return;
    }
    if (cost <= funds * (1 + 1e-12) + 1e-6)
        return;
    money_text(cost, a);
    money_text(funds, b);
    money_text(cost - funds, c);
    pln__load_error_loc(B->L, f->loc,
                        "the tasks cost %s in all but the tranches bring %s: "
                        "%s short, so no schedule can pay for every task",
                        a, b, c);
}

/* Every site's kind of work needs a rule once there are rules. */
static void check_kinds(struct pln_build *B)
{
    const pln_model *m = B->m;
    if (m->funding.n_subsidies == 0)
        return;
    for (size_t i = 0; i < m->n_sites; i++) {
        const struct pln_site *s = &m->sites[i];
        if (s->work_kind && !pln_site_subsidy(m, i))
            pln__load_error_loc(B->L, s->loc,
                                "site '%s': no subsidy rule for kind of work "
                                "'%s'",
                                s->id, s->work_kind);
    }
}

void pln__parse_funding(struct pln_build *B, yaml_node_t *n)
{
    struct pln_load *L = B->L;
    struct pln_funding *f = &B->m->funding;
    yaml_node_t *v;

    f->spend = PLN_SPEND_SPREAD;
    f->above_standard = PLN_SOURCE_COUNTY;
    if (!n)
        return;
    if (!pln__map_check(L, n, "funding", funding_keys))
        return;
    f->declared = true;
    f->loc = pln__load_loc(n);
    if ((v = pln__map_get(L, n, "spend")))
        pln__get_spend(L, v, &f->spend);
    if ((v = pln__map_get(L, n, "standard_area")))
        pln__get_number(L, v, "standard_area", 1e-3, 1e7, &f->standard_area);
    if ((v = pln__map_get(L, n, "above_standard")))
        get_source(L, v, &f->above_standard);
    if ((v = pln__map_get(L, n, "subsidies")))
        parse_subsidies(B, v);
    if ((v = pln__map_get(L, n, "tranches")))
        parse_tranches(B, v);
    if (L->errors == 0) {
        check_kinds(B);
        check_total(B);
    }
}
