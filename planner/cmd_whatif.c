/*
 * cmd_whatif.c -- `planner whatif MODEL --meet-deadlines`: what it takes to
 * meet every deadline. The cheapest shortening of tasks (their crash
 * options), by linear programming (crash.c), the deadlines that cannot be
 * met even so, and what each deadline is worth a working day either way.
 * Prints the answer; with --out, also writes DIR/whatif.json and the
 * shortened plan's DIR/schedule.json, atomically together.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct whatif_opts {
    const char *model;
    const char *out;
    bool meet;
    bool add_crews;
    bool crews_limiting; /* --meet-deadlines --crews-limiting */
    double time_limit; /* --add-crews: seconds per crew-constrained solve */
    double budget;     /* --add-crews --budget (INFINITY: none) */
    bool prices;
    bool quiet;
    char move_id[PLN_ID_MAX_LEN + 1]; /* --move-deadline ID=DATE */
    pln_date move_to;
};

static int parse(int argc, char **argv, struct whatif_opts *o)
{
    static const struct option opts[] = {
        {"meet-deadlines", no_argument, NULL, 'm'},
        {"add-crews", no_argument, NULL, 'a'},
        {"crews-limiting", no_argument, NULL, 'C'},
        {"time-limit", required_argument, NULL, 't'},
        {"budget", required_argument, NULL, 'B'},
        {"out", required_argument, NULL, 'o'},
        {"no-prices", no_argument, NULL, 'P'},
        {"move-deadline", required_argument, NULL, 'M'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    memset(o, 0, sizeof(*o));
    o->prices = true;
    o->time_limit = 2;
    o->budget = INFINITY;
    optind = 0;
    while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            o->meet = true;
            break;
        case 'a':
            o->add_crews = true;
            break;
        case 'C':
            o->crews_limiting = true;
            break;
        case 't':
            if (!pln_cli_parse_seconds("planner whatif", "--time-limit", optarg,
                                       &o->time_limit))
                return PLN_EXIT_USAGE;
            break;
        case 'B': {
            char *end;
            errno = 0;
            o->budget = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(o->budget >= 0) ||
                isinf(o->budget)) {
                fprintf(stderr,
                        "planner whatif: --budget wants an amount of 0 or "
                        "more, not '%s'\n",
                        optarg);
                return PLN_EXIT_USAGE;
            }
            break;
        }
        case 'o':
            o->out = optarg;
            break;
        case 'P':
            o->prices = false;
            break;
        case 'M': {
            const char *eq = strchr(optarg, '=');
            size_t n = eq ? (size_t)(eq - optarg) : 0;
            if (!eq || n == 0 || n > PLN_ID_MAX_LEN) {
                fprintf(stderr,
                        "planner whatif: --move-deadline wants "
                        "ID=YYYY-MM-DD, not '%s'\n",
                        optarg);
                return PLN_EXIT_USAGE;
            }
            memcpy(o->move_id, optarg, n);
            o->move_id[n] = '\0';
            if (!pln_cli_parse_date("--move-deadline", eq + 1, &o->move_to))
                return PLN_EXIT_USAGE;
            break;
        }
        case 'q':
            o->quiet = true;
            break;
        case 'h':
            fputs(pln_cmd_whatif.usage, stdout);
            return -1;
        default:
            fputs(pln_cmd_whatif.usage, stderr);
            return PLN_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fputs(pln_cmd_whatif.usage, stderr);
        return PLN_EXIT_USAGE;
    }
    if (o->meet == o->add_crews) {
        fprintf(stderr, "planner whatif: say which question: "
                        "--meet-deadlines or --add-crews\n");
        return PLN_EXIT_USAGE;
    }
    if (o->crews_limiting && o->move_id[0]) {
        fprintf(stderr, "planner whatif: --move-deadline prices with crews "
                        "not limiting: leave out --crews-limiting\n");
        return PLN_EXIT_USAGE;
    }
    if (o->crews_limiting && !o->meet) {
        fprintf(stderr, "planner whatif: --crews-limiting goes with "
                        "--meet-deadlines (--add-crews always limits "
                        "crews)\n");
        return PLN_EXIT_USAGE;
    }
    if (!isinf(o->budget) && !o->add_crews) {
        fprintf(stderr, "planner whatif: --budget goes with --add-crews\n");
        return PLN_EXIT_USAGE;
    }
    o->model = argv[optind];
    return PLN_EXIT_OK;
}

/* 1234567.5 -> "1,234,567.50"; integers without decimals. */
static const char *money(double v, char *buf, size_t size)
{
    char digits[64], *o = buf;
    double r = round(v * 100) / 100;
    bool whole = r == floor(r);
    size_t n, lead;
    snprintf(digits, sizeof(digits), "%.0f", floor(fabs(r)));
    n = strlen(digits);
    lead = n % 3 ? n % 3 : 3;
    if (r < 0)
        *o++ = '-';
    for (size_t i = 0; i < n && (size_t)(o - buf) + 4 < size; i++) {
        if (i && (i - lead) % 3 == 0 && i >= lead)
            *o++ = ',';
        *o++ = digits[i];
    }
    *o = '\0';
    if (!whole)
        snprintf(o, size - (size_t)(o - buf), ".%02d",
                 (int)lround((fabs(r) - floor(fabs(r))) * 100));
    return buf;
}

static void print_prices(const pln_crash_plan *p)
{
    const pln_model *m = p->model;
    char a[64], b[64], t[256];
    if (!p->n_prices)
        return;
    printf("\nPrice of each deadline, per working day (program calendar):\n");
    printf("  %-24s %5s  %18s  %18s\n", "deadline", "sites",
           "1 day later saves", "1 day earlier costs");
    for (size_t i = 0; i < p->n_prices; i++) {
        const struct pln_crash_price *g = &p->prices[i];
        const struct pln_constraint *c = &m->constraints[g->constraint];
        bool any = g->n_sites > g->n_unmeetable;
        printf("  %-24s %5zu  %18s  %18s", pln_cli_plain(c->id, t, sizeof(t)),
               g->n_sites, any ? money(g->save_later, a, sizeof(a)) : "-",
               !any                     ? "-"
               : isinf(g->cost_earlier) ? "not possible"
                                        : money(g->cost_earlier, b, sizeof(b)));
        if (c->name)
            printf("  %s", pln_cli_plain(c->name, t, sizeof(t)));
        if (g->n_unmeetable)
            printf("  (%zu cannot be met)", g->n_unmeetable);
        printf("\n");
    }
}

static void print_move(const pln_crash_plan *p)
{
    char a[64], d[11], t[256];
    const struct pln_constraint *c = NULL;
    size_t met = p->move_sites - p->move_unmeetable;
    for (size_t k = 0; k < p->model->n_constraints && !c; k++)
        if (!strcmp(p->model->constraints[k].id, p->move_id))
            c = &p->model->constraints[k];
    pln_date_format(p->move_to, d);
    printf("\nMoving deadline %s", p->move_id);
    if (c && c->name)
        printf(" (%s)", pln_cli_plain(c->name, t, sizeof(t)));
    printf(" to %s, at its %zu site%s", d, met, met == 1 ? "" : "s");
    if (p->move_unmeetable)
        printf(" (%zu more cannot meet it now)", p->move_unmeetable);
    if (isinf(p->move_saving))
        printf(": some cannot meet it there even fully shortened\n");
    else if (p->move_saving >= 0)
        printf(": saves %s\n", money(p->move_saving, a, sizeof(a)));
    else
        printf(": costs %s more\n", money(-p->move_saving, a, sizeof(a)));
}

static void print_plan(const pln_crash_plan *p)
{
    const pln_model *m = p->model;
    const pln_schedule *s = p->schedule;
    size_t met_normal = 0, met_short = 0, shown = 0;
    char a[64], t1[256], t2[256], d1[11], d2[11];

    for (size_t r = 0; r < s->n_deadlines; r++) {
        const struct pln_crash_deadline *cd =
            &p->deadlines[s->deadlines[r].constraint];
        if (cd->short_by > 0)
            continue;
        if (cd->met_normal)
            met_normal++;
        else
            met_short++;
    }
    if (p->crews_limiting)
        printf("%s (%s): %zu sites, %zu tasks; crews limiting (the LP and "
               "the crew-constrained solve, %d round%s)\n",
               pln_cli_plain(m->name, t1, sizeof(t1)), m->id, m->n_sites,
               m->n_tasks, p->rounds, p->rounds == 1 ? "" : "s");
    else
        printf("%s (%s): %zu sites, %zu tasks; crews not limiting\n",
               pln_cli_plain(m->name, t1, sizeof(t1)), m->id, m->n_sites,
               m->n_tasks);
    printf("deadlines: %zu; %zu met as planned, %zu met by shortening, %zu "
           "cannot be met\n",
           s->n_deadlines, met_normal, met_short, p->n_unmeetable);
    pln_date_format(p->normal->finish, d1);
    pln_date_format(s->finish, d2);
    printf("cheapest shortening: %zu tasks, %lld working days, cost %s "
           "(%s); finish %s -> %s\n",
           p->n_tasks, (long long)p->days, money(p->cost, a, sizeof(a)),
           p->crews_limiting ? "linear program and crew-constrained solve, "
                               "iterated"
           : strcmp(p->method, "lp") ? "linear program, repaired for the "
                                       "calendars"
                                     : "linear program, optimal",
           d1, d2);
    if (p->n_tasks) {
        printf("\n  %-28s %6s %6s %5s %12s %12s\n", "task", "normal", "short",
               "saved", "per day", "cost");
        for (size_t i = 0; i < p->n_tasks && shown < 40; i++, shown++) {
            const struct pln_crash_task *ct = &p->tasks[i];
            const struct pln_task *t = &m->tasks[ct->task];
            char b[64];
            printf("  %-28s %6d %6d %5d %12s %12s  %s\n",
                   pln_cli_plain(t->id, t1, sizeof(t1)), (int)ct->normal,
                   (int)ct->duration, (int)(ct->normal - ct->duration),
                   money(t->money.crash_cost, a, sizeof(a)),
                   money(ct->cost, b, sizeof(b)),
                   pln_cli_plain(t->name, t2, sizeof(t2)));
        }
        if (p->n_tasks > shown)
            printf("  ... and %zu more (whatif.json)\n", p->n_tasks - shown);
    }
    if (p->crews_limiting && p->n_missed > p->n_unmeetable) {
        printf("\nLate with crews limiting (the crews, not the shortening, "
               "hold them back):\n");
        shown = 0;
        for (size_t r = 0; r < s->n_deadlines; r++) {
            const struct pln_deadline_result *d = &s->deadlines[r];
            const struct pln_constraint *c = &m->constraints[d->constraint];
            const struct pln_crash_deadline *cd = &p->deadlines[d->constraint];
            if (d->met || cd->short_by > 0)
                continue;
            if (shown++ >= 30)
                continue;
            pln_date_format(d->date, d1);
            pln_date_format(d->planned, d2);
            printf("  %s %s: %s by %s, planned %s (%d working day%s late)\n",
                   m->sites[c->site].id,
                   pln_cli_plain(m->sites[c->site].name, t1, sizeof(t1)),
                   pln_cli_plain(c->name ? c->name : c->id, t2, sizeof(t2)), d1,
                   d2, (int)-d->slack, d->slack == -1 ? "" : "s");
        }
        if (shown > 30)
            printf("  ... and %zu more (whatif.json)\n", shown - 30);
    }
    if (p->n_unmeetable) {
        printf("\nCannot be met even with every task fully shortened:\n");
        shown = 0;
        for (size_t r = 0; r < s->n_deadlines; r++) {
            const struct pln_deadline_result *d = &s->deadlines[r];
            const struct pln_constraint *c = &m->constraints[d->constraint];
            const struct pln_crash_deadline *cd = &p->deadlines[d->constraint];
            if (cd->short_by <= 0)
                continue;
            if (shown++ >= 30)
                continue;
            pln_date_format(d->date, d1);
            pln_date_format(d->planned, d2);
            printf("  %s %s: %s by %s, at best %s (%d working day%s late)\n",
                   m->sites[c->site].id,
                   pln_cli_plain(m->sites[c->site].name, t1, sizeof(t1)),
                   pln_cli_plain(c->name ? c->name : c->id, t2, sizeof(t2)), d1,
                   d2, (int)cd->short_by, cd->short_by == 1 ? "" : "s");
        }
        if (shown > 30)
            printf("  ... and %zu more (whatif.json)\n", shown - 30);
    }
    print_prices(p);
    if (p->move_id)
        print_move(p);
}

/* DIR/whatif.json (`text`, taken over) and the answer's DIR/schedule.json,
 * written atomically together. An exit status. */
static int write_answer(const char *dir, char *text, size_t len,
                        const pln_schedule *s)
{
    struct pln_cli_files files = {NULL, 0, 0};
    pln_error err;
    char *buf = NULL;
    int rc = PLN_EXIT_INTERNAL;

    pln_error_init(&err);
    if (pln_cli_files_add(&files, "whatif.json", text, len, &err) != PLN_OK ||
        pln_write_schedule_json(s, &buf, &len, &err) != PLN_OK ||
        pln_cli_files_add(&files, "schedule.json", buf, len, &err) != PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
    rc = PLN_EXIT_IO;
    if (!pln_cli_make_dirs(dir))
        goto done;
    if (pln_cli_write_files(dir, &files, &err) != PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
    rc = PLN_EXIT_OK;
done:
    pln_cli_files_release(&files);
    return rc;
}

static void print_crews(const pln_add_crews_plan *p, double limit)
{
    const pln_model *m = p->model;
    char a[64], b[64], t[256];
    size_t kinds = 0;
    for (size_t k = 0; k < m->n_crews; k++)
        kinds += m->crews[k].can_add;
    printf("%s (%s): %zu sites, %zu tasks; %zu crew kinds may grow (an "
           "extra_cost), each count judged by the crew-constrained solve "
           "(%g s)\n",
           pln_cli_plain(m->name, t, sizeof(t)), m->id, m->n_sites, m->n_tasks,
           kinds, limit);
    printf("weighted lateness: %s with the crews as they are; %s at best "
           "(no crews limiting)\n",
           isinf(p->before) ? "hard deadlines missed"
                            : money(p->before, a, sizeof(a)),
           money(p->target, b, sizeof(b)));
    if (!isinf(p->budget))
        printf("budget: %s\n", money(p->budget, a, sizeof(a)));
    if (!p->n_added) {
        printf("no extra crew %s\n",
               p->reached            ? "is needed"
               : !isinf(p->budget)   ? "within the budget brings it down"
                                     : "brings it down");
        return;
    }
    printf("%s: %zu, cost %s -> weighted lateness "
           "%s, %zu deadline%s missed%s\n",
           isinf(p->budget) ? "cheapest extra crews found"
                            : "extra crews found within the budget",
           p->n_added, money(p->cost, a, sizeof(a)),
           money(p->after, b, sizeof(b)), p->schedule->n_late,
           p->schedule->n_late == 1 ? "" : "s",
           p->reached ? " (as good as it gets)" : "");
    printf("\n  %-16s %6s %6s %12s %12s\n", "crew", "count", "added", "each",
           "cost");
    for (size_t k = 0; k < m->n_crews; k++) {
        const struct pln_crew *c = &m->crews[k];
        if (!p->added[k])
            continue;
        char each[80];
        if (c->per_month)
            snprintf(each, sizeof(each), "%s/month",
                     money(c->extra_cost, a, sizeof(a)));
        else
            money(c->extra_cost, each, sizeof(each));
        printf("  %-16s %6d %+6d %12s %12s  %s", pln_cli_plain(c->id, t, sizeof(t)),
               c->count, p->added[k], each,
               money(p->kind_cost[k], b, sizeof(b)), c->name ? c->name : "");
        if (c->per_month)
            printf(" (%d crew-month%s)", p->crew_months[k],
                   p->crew_months[k] == 1 ? "" : "s");
        fputs("\n", stdout);
    }
}

static int run_add_crews(const struct whatif_opts *o, pln_model *m)
{
    pln_add_crews_plan *p = NULL;
    pln_error err;
    char *buf = NULL;
    size_t len = 0;
    int rc = PLN_EXIT_INTERNAL;

    pln_error_init(&err);
    if (pln_add_crews_solve(m, o->time_limit, o->budget, &p, &err) !=
        PLN_OK) {
        pln_cli_print_error(&err);
        goto done;
    }
    if (o->out) {
        if (pln_write_add_crews_json(p, &buf, &len, &err) != PLN_OK) {
            pln_cli_print_error(&err);
            goto done;
        }
        rc = write_answer(o->out, buf, len, p->schedule);
        if (rc != PLN_EXIT_OK)
            goto done;
    }
    if (!o->quiet)
        print_crews(p, o->time_limit);
    rc = PLN_EXIT_OK;
done:
    pln_add_crews_plan_free(p);
    return rc;
}

static int run(int argc, char **argv)
{
    struct whatif_opts o;
    struct pln_crash_options co;
    pln_crash_plan *p = NULL;
    pln_model *m = NULL;
    pln_error err;
    char *buf = NULL;
    size_t len = 0;
    int rc = parse(argc, argv, &o);

    if (rc != PLN_EXIT_OK)
        return rc < 0 ? PLN_EXIT_OK : rc;
    pln_error_init(&err);
    m = pln_cli_load(o.model);
    if (!m)
        return PLN_EXIT_INVALID;
    if (o.add_crews) {
        rc = run_add_crews(&o, m);
        pln_model_free(m);
        return rc;
    }
    pln_crash_options_init(&co);
    co.prices = o.prices;
    if (o.move_id[0]) {
        bool found = false;
        for (size_t k = 0; k < m->n_constraints; k++)
            found |= m->constraints[k].kind != PLN_CONS_START_NOT_BEFORE &&
                     !strcmp(m->constraints[k].id, o.move_id);
        if (!found) {
            fprintf(stderr,
                    "planner whatif: --move-deadline: %s has no deadline "
                    "'%s'\n",
                    o.model, o.move_id);
            pln_model_free(m);
            return PLN_EXIT_USAGE;
        }
        co.move_id = o.move_id;
        co.move_to = o.move_to;
    }
    rc = PLN_EXIT_INTERNAL;
    if ((o.crews_limiting
             ? pln_crash_crews_solve(m, &co, o.time_limit, &p, &err)
             : pln_crash_plan_solve(m, &co, &p, &err)) != PLN_OK) {
        pln_cli_print_error(&err);
        rc = err.code == PLN_EHORIZON ? PLN_EXIT_INVALID : PLN_EXIT_INTERNAL;
        goto done;
    }
    if (o.out) {
        if (pln_write_whatif_json(p, &buf, &len, &err) != PLN_OK) {
            pln_cli_print_error(&err);
            goto done;
        }
        rc = write_answer(o.out, buf, len, p->schedule);
        if (rc != PLN_EXIT_OK)
            goto done;
    }
    if (!o.quiet)
        print_plan(p);
    rc = PLN_EXIT_OK;
done:
    pln_crash_plan_free(p);
    pln_model_free(m);
    return rc;
}

const struct pln_cmd pln_cmd_whatif = {
    "whatif", "what it takes to meet the deadlines, and what they cost",
    "usage: planner whatif MODEL --meet-deadlines [--out DIR] [--no-prices]\n"
    "                      [--move-deadline ID=DATE] [--quiet]\n"
    "       planner whatif MODEL --meet-deadlines --crews-limiting\n"
    "                      [--time-limit S] [--out DIR] [--quiet]\n"
    "       planner whatif MODEL --add-crews [--time-limit S] [--budget X]\n"
    "                      [--out DIR] [--quiet]\n\n"
    "--meet-deadlines: the cheapest set of task shortenings (each task's\n"
    "`crash: {duration, cost_per_day}`) that makes every deadline hold,\n"
    "found by linear programming with crews not limiting; the deadlines\n"
    "that cannot be met even with every task fully shortened, and by how\n"
    "many working days (the plan brings them as close as it can); and the\n"
    "price of each deadline: what one more working day would save, and\n"
    "what one day earlier would cost. With --crews-limiting: the LP and the\n"
    "crew-constrained solve iterated, deadlines the crews make late asked\n"
    "of the LP again earlier; the schedule respects the crews, no prices.\n\n"
    "--add-crews: the cheapest extra crews (kinds with an `extra_cost`, what\n"
    "one more crew costs for the program) that bring the weighted lateness\n"
    "down to what the crew-free critical path allows; every count tried is\n"
    "judged by the crew-constrained solve, as `planner plan` makes it.\n"
    "With --budget X, nothing that takes the cost past X: the least\n"
    "weighted lateness found within it.\n\n"
    "options:\n"
    "      --budget X    --add-crews: spend at most X on extra crews\n"
    "  -o, --out DIR     also write DIR/whatif.json (the answer as data) and\n"
    "                    DIR/schedule.json (the shortened plan)\n"
    "      --no-prices   skip the deadlines' prices (two more LP solves per\n"
    "                    deadline and site)\n"
    "      --crews-limiting  --meet-deadlines with the crews limiting\n"
    "      --time-limit S  --add-crews, --crews-limiting: seconds for each\n"
    "                    crew-constrained solve (default 2)\n"
    "      --move-deadline ID=DATE\n"
    "                    also what moving deadline ID (at all its sites) to\n"
    "                    DATE would save, or cost\n"
    "  -q, --quiet       print nothing but problems\n"
    "  -h, --help        this text\n",
    run};
