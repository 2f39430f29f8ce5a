/*
 * workcal.c -- compiles the working-time calendars of a model over a date
 * horizon into day tables (pln_calset) and answers the scheduler's O(1)
 * questions on them: is a day working, how many working days lie before a
 * date, which date is the k-th working day.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "pln_alloc.h"
#include "pln_calendar.h"

/*
 * The compiled days of one calendar. Calendars of a model are often alike
 * (a few patterns shared by hundreds of calendars), so calendars whose days
 * come out identical share one table: memory stays proportional to the
 * distinct patterns, not to the number of calendars.
 */
struct cal_table {
    uint64_t hash;       /* of `bits`, to find identical tables quickly */
    int32_t size;        /* working days in the horizon */
    int32_t *count;      /* ndays + 1 entries: working days in [first, d) */
    pln_date *nth;       /* `size` entries: date of the k-th working day */
    unsigned char *bits; /* ndays bits: bit i set = day first + i works */
};

struct pln_calset {
    pln_date first;
    pln_date last;
    int32_t ndays;
    size_t n_cals;
    const struct cal_table **cal; /* per calendar of the model */
    struct cal_table *tables;     /* distinct tables, n_tables used */
    size_t n_tables;
};

/* Scratch space of one build, reused for every calendar. */
struct build {
    const pln_model *m;
    pln_date first;
    pln_date last;
    int32_t ndays;
    const char **hname; /* name of the statutory day off, NULL if none */
    int *chain;         /* calendar indices, this one first, root last */
    size_t chain_len;
    unsigned char *day;  /* 1 = working */
    unsigned char *bits; /* `day` packed, for comparing tables */
    size_t nbytes;
};

/* U+3001 IDEOGRAPHIC COMMA, which joins combined holiday names. */
static const char NAME_SEP[] = "\xe3\x80\x81";

/*
 * The extends chain of `cal`, nearest first. The loader rejects cycles and
 * bad parent indices, but a hand-built model may not have gone through it,
 * so the walk stops at an invalid index and after n_calendars steps.
 */
static size_t chain_of(const pln_model *m, int cal, int *chain)
{
    size_t len = 0;
    while (cal >= 0 && (size_t)cal < m->n_calendars && len < m->n_calendars) {
        chain[len++] = cal;
        cal = m->calendars[cal].parent;
    }
    return len;
}

/*
 * The effective public-holiday choice of `cal`: the nearest explicit one
 * along its chain; none when no calendar of the chain chooses.
 */
static enum pln_holiday_source holidays_of(const pln_model *m, int cal)
{
    size_t depth = 0;
    while (cal >= 0 && (size_t)cal < m->n_calendars &&
           depth++ < m->n_calendars) {
        const struct pln_calendar_def *c = &m->calendars[cal];
        if (c->holidays != PLN_HOLIDAYS_INHERIT)
            return c->holidays == PLN_HOLIDAYS_CN ? PLN_HOLIDAYS_CN
                                                  : PLN_HOLIDAYS_NONE;
        cal = c->parent;
    }
    return PLN_HOLIDAYS_NONE;
}

/* Clips [from, to] to the horizon as day offsets; false when disjoint. */
static bool clip(const struct build *b, pln_date from, pln_date to, int32_t *lo,
                 int32_t *hi)
{
    if (from == PLN_DATE_NONE || to == PLN_DATE_NONE || from > to ||
        to < b->first || from > b->last)
        return false;
    *lo = (from < b->first ? b->first : from) - b->first;
    *hi = (to > b->last ? b->last : to) - b->first;
    return true;
}

static void fill(struct build *b, pln_date from, pln_date to,
                 unsigned char working)
{
    int32_t lo, hi;
    if (clip(b, from, to, &lo, &hi))
        memset(b->day + lo, working, (size_t)(hi - lo + 1));
}

/* A holiday layer entry: sets the day and remembers which holiday it is. */
static void mark_holiday(struct build *b, pln_date from, pln_date to, bool off,
                         const char *name)
{
    int32_t lo, hi, i;
    if (!clip(b, from, to, &lo, &hi))
        return;
    for (i = lo; i <= hi; i++) {
        b->day[i] = off ? 0 : 1;
        /* Only statutory days off carry a name that work_through can
         * match; a make-up working day clears an earlier day off. */
        b->hname[i] = off ? name : NULL;
    }
}

/* "国庆节、中秋节" matches "国庆节、中秋节", "国庆节" and "中秋节". */
static bool name_matches(const char *data_name, const char *want)
{
    size_t wl = strlen(want);
    const char *p = data_name;

    if (strcmp(data_name, want) == 0)
        return true;
    for (;;) {
        const char *e = strstr(p, NAME_SEP);
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == wl && memcmp(p, want, n) == 0)
            return true;
        if (!e)
            return false;
        p = e + sizeof(NAME_SEP) - 1;
    }
}

/* First and last day of a calendar year, false outside supported years. */
static bool year_span(int year, pln_date *from, pln_date *to)
{
    if (year < PLN_YEAR_MIN || year > PLN_YEAR_MAX)
        return false;
    *from = pln_date_from_ymd(year, 1, 1);
    *to = pln_date_from_ymd(year, 12, 31);
    return true;
}

static void apply_bundled(struct build *b)
{
    int y, y0, y1;

    pln_holidays_cn_range(&y0, &y1);
    for (y = y0; y <= y1; y++) {
        const struct pln_holiday_day *days = NULL;
        size_t i, n = pln_holidays_cn_year(y, &days);
        /* A notice covers at most December of the year before. */
        if (n == 0 || pln_date_from_ymd(y - 1, 12, 1) > b->last ||
            pln_date_from_ymd(y, 12, 31) < b->first)
            continue;
        for (i = 0; i < n; i++)
            mark_holiday(b, days[i].date, days[i].date, days[i].off,
                         days[i].name);
    }
}

static void apply_years(struct build *b, const struct pln_holiday_year *hy)
{
    size_t i;
    for (i = 0; i < hy->n_days_off; i++)
        mark_holiday(b, hy->days_off[i].from, hy->days_off[i].to, true,
                     hy->days_off[i].name);
    for (i = 0; i < hy->n_working_days; i++)
        mark_holiday(b, hy->working_days[i].from, hy->working_days[i].to, false,
                     NULL);
}

static void apply_work_through(struct build *b,
                               const struct pln_work_through *wt, bool cn)
{
    pln_date from, to;
    int32_t lo, hi, i;

    if (!wt->holiday) {
        fill(b, wt->from, wt->to, 1);
        return;
    }
    /* Without public holidays no day is a statutory day off, so a named
     * work_through has nothing to release (and must not turn the weekend
     * days of a holiday period into working days). */
    if (!cn || !year_span(wt->year, &from, &to) || !clip(b, from, to, &lo, &hi))
        return;
    for (i = lo; i <= hi; i++)
        if (b->hname[i] && name_matches(b->hname[i], wt->holiday))
            b->day[i] = 1;
}

/* Computes b->day for calendar `cal` following the priority order of
 * struct pln_calendar_def. */
static void compile_days(struct build *b, int cal)
{
    const pln_model *m = b->m;
    int mask = PLN_WEEKDAYS_MON_FRI;
    bool cn;
    size_t k, i;
    int32_t d;
    int wd;

    b->chain_len = chain_of(m, cal, b->chain);
    for (k = 0; k < b->chain_len; k++) {
        int w = m->calendars[b->chain[k]].weekdays;
        if (w != -1) {
            mask = w & 0x7f;
            break;
        }
    }
    wd = pln_date_weekday(b->first);
    for (d = 0; d < b->ndays; d++) {
        b->day[d] = (unsigned char)((mask >> wd) & 1);
        if (++wd == 7)
            wd = 0;
    }

    cn = holidays_of(m, cal) == PLN_HOLIDAYS_CN;
    if (cn) {
        memset(b->hname, 0, (size_t)b->ndays * sizeof(*b->hname));
        apply_bundled(b);
        /* Model-declared years after the bundled data, root first, so a
         * declared year overrides a bundled one and a child overrides its
         * parent. */
        for (k = b->chain_len; k-- > 0;) {
            const struct pln_calendar_def *c = &m->calendars[b->chain[k]];
            for (i = 0; i < c->n_years; i++)
                apply_years(b, &c->years[i]);
        }
    }

    for (k = b->chain_len; k-- > 0;) {
        const struct pln_calendar_def *c = &m->calendars[b->chain[k]];
        for (i = 0; i < c->n_work_through; i++)
            apply_work_through(b, &c->work_through[i], cn);
        for (i = 0; i < c->n_days_off; i++)
            fill(b, c->days_off[i].from, c->days_off[i].to, 0);
        for (i = 0; i < c->n_working_days; i++)
            fill(b, c->working_days[i].from, c->working_days[i].to, 1);
    }
}

/* Packs b->day into b->bits and returns its FNV-1a hash. */
static uint64_t pack_days(struct build *b)
{
    uint64_t h = UINT64_C(14695981039346656037);
    int32_t d;
    size_t i;

    memset(b->bits, 0, b->nbytes);
    for (d = 0; d < b->ndays; d++)
        b->bits[d >> 3] |= (unsigned char)(b->day[d] << (d & 7));
    for (i = 0; i < b->nbytes; i++) {
        h ^= b->bits[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* Fills a new table from b->day/b->bits; false when out of memory. */
static bool make_table(struct build *b, struct cal_table *t, uint64_t hash)
{
    int32_t d, n = 0;
    size_t nd = (size_t)b->ndays;
    unsigned char *block;

    for (d = 0; d < b->ndays; d++)
        n += b->day[d];
    /* One block per table: count, nth, then the bitmap (int32 first keeps
     * everything aligned). */
    block = pln__malloc((nd + 1 + (size_t)n) * sizeof(int32_t) + b->nbytes);
    if (!block)
        return false;
    t->hash = hash;
    t->size = n;
    t->count = (int32_t *)(void *)block;
    t->nth = t->count + nd + 1;
    t->bits = (unsigned char *)(t->nth + n);
    memcpy(t->bits, b->bits, b->nbytes);
    n = 0;
    for (d = 0; d < b->ndays; d++) {
        t->count[d] = n;
        if (b->day[d])
            t->nth[n++] = b->first + d;
    }
    t->count[nd] = n;
    return true;
}

void pln_calset_free(pln_calset *cs)
{
    size_t i;
    if (!cs)
        return;
    if (cs->tables)
        for (i = 0; i < cs->n_tables; i++)
            pln__free(cs->tables[i].count);
    pln__free(cs->tables);
    pln__free(cs->cal);
    pln__free(cs);
}

pln_status pln_calset_build(const pln_model *m, pln_date first, pln_date last,
                            pln_calset **out, pln_error *err)
{
    struct build b;
    pln_calset *cs = NULL;
    unsigned char *scratch = NULL;
    size_t n, i, j, nd, size;

    if (out)
        *out = NULL;
    if (!m || !out || (m->n_calendars && !m->calendars)) {
        pln_error_set(err, PLN_EINVAL, m ? m->source : NULL, 0, 0,
                      "pln_calset_build: no model or no result pointer");
        return PLN_EINVAL;
    }
    /* Keeping the horizon inside the supported years also keeps last + 1
     * and every offset far from int32 overflow. */
    if (first == PLN_DATE_NONE || last < first ||
        first < pln_date_from_ymd(PLN_YEAR_MIN, 1, 1) ||
        last > pln_date_from_ymd(PLN_YEAR_MAX, 12, 31) ||
        (int64_t)last - first + 1 > PLN_CALSET_MAX_DAYS) {
        pln_error_set(err, PLN_ERANGE, m->source, 0, 0,
                      "calendar horizon is empty, longer than %d days or "
                      "outside years %d-%d",
                      PLN_CALSET_MAX_DAYS, PLN_YEAR_MIN, PLN_YEAR_MAX);
        return PLN_ERANGE;
    }

    n = m->n_calendars;
    nd = (size_t)(last - first + 1);
    memset(&b, 0, sizeof(b));
    b.m = m;
    b.first = first;
    b.last = last;
    b.ndays = (int32_t)nd;
    b.nbytes = (nd + 7) / 8;

    cs = pln__calloc(1, sizeof(*cs));
    if (!cs)
        goto nomem;
    cs->first = first;
    cs->last = last;
    cs->ndays = (int32_t)nd;
    cs->n_cals = n;
    cs->cal = pln__calloc(n, sizeof(*cs->cal));
    if (!cs->cal)
        goto nomem;
    cs->tables = pln__calloc(n, sizeof(*cs->tables));
    if (!cs->tables)
        goto nomem;

    /* All scratch in one block, pointers first for alignment. */
    size =
        nd * sizeof(*b.hname) + (n ? n : 1) * sizeof(*b.chain) + nd + b.nbytes;
    scratch = pln__malloc(size);
    if (!scratch)
        goto nomem;
    b.hname = (const char **)(void *)scratch;
    b.chain = (int *)(void *)(scratch + nd * sizeof(*b.hname));
    b.day = (unsigned char *)(b.chain + (n ? n : 1));
    b.bits = b.day + nd;

    for (i = 0; i < n; i++) {
        uint64_t h;
        compile_days(&b, (int)i);
        h = pack_days(&b);
        for (j = 0; j < cs->n_tables; j++)
            if (cs->tables[j].hash == h &&
                memcmp(cs->tables[j].bits, b.bits, b.nbytes) == 0)
                break;
        if (j == cs->n_tables) {
            if (!make_table(&b, &cs->tables[j], h))
                goto nomem;
            cs->n_tables++;
        }
        cs->cal[i] = &cs->tables[j];
    }

    pln__free(scratch);
    *out = cs;
    return PLN_OK;

nomem:
    pln__free(scratch);
    pln_calset_free(cs);
    pln_error_set(err, PLN_ENOMEM, m->source, 0, 0,
                  "out of memory compiling %zu calendars over %zu days", n, nd);
    return PLN_ENOMEM;
}

pln_date pln_calset_first(const pln_calset *cs)
{
    return cs->first;
}

pln_date pln_calset_last(const pln_calset *cs)
{
    return cs->last;
}

bool pln_calset_in_range(const pln_calset *cs, pln_date d)
{
    return d >= cs->first && d <= cs->last + 1;
}

static const struct cal_table *table_of(const pln_calset *cs, int cal)
{
    assert(cal >= 0 && (size_t)cal < cs->n_cals);
    return cs->cal[cal];
}

/* Clamped: a day outside [first, last] is reported as not working. */
bool pln_calset_is_working(const pln_calset *cs, int cal, pln_date d)
{
    const struct cal_table *t = table_of(cs, cal);
    int32_t i;
    if (d < cs->first || d > cs->last)
        return false;
    i = d - cs->first;
    return (t->bits[i >> 3] >> (i & 7)) & 1;
}

/* Clamped: 0 before the horizon, size() after it (as at last + 1). */
int32_t pln_calset_count_before(const pln_calset *cs, int cal, pln_date d)
{
    const struct cal_table *t = table_of(cs, cal);
    if (d <= cs->first)
        return 0;
    if (d > cs->last)
        return t->size;
    return t->count[d - cs->first];
}

int32_t pln_calset_size(const pln_calset *cs, int cal)
{
    return table_of(cs, cal)->size;
}

/*
 * Clamped: k < 0 is taken as 0, and k >= size() gives last + 1, the date
 * whose count_before() is size(); so count_before(nth(k)) == k for every k
 * in [0, size()].
 */
pln_date pln_calset_nth(const pln_calset *cs, int cal, int32_t k)
{
    const struct cal_table *t = table_of(cs, cal);
    if (k < 0)
        k = 0;
    if (k >= t->size)
        return cs->last + 1;
    return t->nth[k];
}

size_t pln_calset_missing_holiday_years(
    const pln_model *m, int cal, int from_year, int to_year,
    void (*fn)(void *ctx, int cal, int year), void *ctx)
{
    size_t found = 0;
    int64_t y;

    if (!m || cal < 0 || (size_t)cal >= m->n_calendars ||
        holidays_of(m, cal) != PLN_HOLIDAYS_CN)
        return 0;
    for (y = from_year; y <= to_year; y++) {
        const struct pln_holiday_day *days;
        bool covered = pln_holidays_cn_year((int)y, &days) > 0;
        int c = cal;
        size_t depth = 0, i;

        while (!covered && c >= 0 && (size_t)c < m->n_calendars &&
               depth++ < m->n_calendars) {
            const struct pln_calendar_def *def = &m->calendars[c];
            for (i = 0; i < def->n_years && !covered; i++)
                covered = def->years[i].year == y;
            c = def->parent;
        }
        if (!covered) {
            if (fn)
                fn(ctx, cal, (int)y);
            found++;
        }
    }
    return found;
}
