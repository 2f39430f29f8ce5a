/*
 * out_countdown.c -- the countdown plan as countdown.csv and as the aligned
 * table printed on a terminal: per deadline and step, the latest start that
 * still meets the deadline and the working days left until then ("D-45").
 */
#include <string.h>

#include "pln_planner.h"
#include "strbuf.h"

/* Appends s padded with spaces to `width` terminal columns. */
static void sb_pad(struct pln_sb *sb, const char *s, size_t width)
{
    size_t w = pln_text_width(s);
    pln__sb_puts(sb, s);
    for (; w < width; w++)
        pln__sb_add(sb, " ", 1);
}

static const char *deadline_label(const struct pln_constraint *c)
{
    return c->name ? c->name : c->id;
}

static const char *verb(const struct pln_constraint *c)
{
    return c->kind == PLN_CONS_FINISH_BY ? "finish by" : "start by";
}

pln_status pln_write_countdown_csv(const pln_schedule *s,
                                   const pln_countdown *c, char **out,
                                   size_t *len, pln_error *err)
{
    const pln_model *m = s->model;
    struct pln_sb sb;
    pln__sb_init(&sb);
    pln__sb_puts(&sb, "deadline,deadline_name,kind,deadline_date,site,"
                      "site_name,task,task_name,latest_start,latest_finish,"
                      "planned_start,days_left,countdown\r\n");
    for (size_t i = 0; i < c->n_rows; i++) {
        const struct pln_countdown_row *r = &c->rows[i];
        const struct pln_deadline_result *d = &s->deadlines[r->deadline];
        const struct pln_constraint *k = &m->constraints[d->constraint];
        const struct pln_task *t = &m->tasks[r->task];
        char a[11], b[11], e[11], p[11];
        pln_date_format(d->date, a);
        pln_date_format(r->latest_start, b);
        pln_date_format(r->latest_finish, e);
        pln_date_format(r->planned_start, p);
        pln__sb_csv(&sb, k->id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, deadline_label(k));
        pln__sb_printf(&sb, ",%s,%s,",
                       k->kind == PLN_CONS_FINISH_BY ? "finish_by"
                                                     : "start_by",
                       a);
        pln__sb_csv(&sb, m->sites[t->site].id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, m->sites[t->site].name);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, t->id);
        pln__sb_add(&sb, ",", 1);
        pln__sb_csv(&sb, t->name);
        /* "D-5": five working days left; "D+5": five days overdue. */
        pln__sb_printf(&sb, ",%s,%s,%s,%d,D%c%d\r\n", b, e, p,
                       (int)r->days_left, r->days_left < 0 ? '+' : '-',
                       r->days_left < 0 ? -(int)r->days_left
                                        : (int)r->days_left);
    }
    return pln__sb_finish(&sb, out, len, err);
}

enum { COL_D, COL_START, COL_SITE, COL_TASK, COL_DEADLINE, NCOLS };

static void cells(const pln_schedule *s, const struct pln_countdown_row *r,
                  char bufs[NCOLS][320])
{
    const pln_model *m = s->model;
    const struct pln_deadline_result *d = &s->deadlines[r->deadline];
    const struct pln_constraint *k = &m->constraints[d->constraint];
    const struct pln_task *t = &m->tasks[r->task];
    char a[11], b[11];
    pln_date_format(r->latest_start, a);
    pln_date_format(d->date, b);
    if (r->days_left < 0)
        snprintf(bufs[COL_D], 320, "D+%d", -(int)r->days_left);
    else
        snprintf(bufs[COL_D], 320, "D-%d", (int)r->days_left);
    snprintf(bufs[COL_START], 320, "%s", a);
    snprintf(bufs[COL_SITE], 320, "%s", m->sites[t->site].name);
    snprintf(bufs[COL_TASK], 320, "%s", t->name);
    snprintf(bufs[COL_DEADLINE], 320, "%s %s (%s)", verb(k), b,
             deadline_label(k));
    /* User text may hold line breaks or escape sequences: on a terminal
     * each control character becomes one space, so that a name can neither
     * break the table nor drive the terminal. */
    for (int col = 0; col < NCOLS; col++)
        for (char *p = bufs[col]; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = ' ';
}

pln_status pln_write_countdown_table(const pln_schedule *s,
                                     const pln_countdown *c, char **out,
                                     size_t *len, pln_error *err)
{
    static const char *const heads[NCOLS] = {"D", "latest start", "site",
                                             "step", "deadline"};
    size_t width[NCOLS];
    char bufs[NCOLS][320], today[11];
    struct pln_sb sb;

    pln__sb_init(&sb);
    for (int k = 0; k < NCOLS; k++)
        width[k] = pln_text_width(heads[k]);
    for (size_t i = 0; i < c->n_rows; i++) {
        cells(s, &c->rows[i], bufs);
        for (int k = 0; k < NCOLS; k++) {
            size_t w = pln_text_width(bufs[k]);
            if (w > width[k])
                width[k] = w;
        }
    }
    pln_date_format(c->today, today);
    pln__sb_printf(&sb, "Countdown as of %s (D-n: working days left to the "
                        "latest start)\n",
                   today);
    for (int k = 0; k < NCOLS; k++) {
        sb_pad(&sb, heads[k], k == NCOLS - 1 ? 0 : width[k]);
        pln__sb_puts(&sb, k == NCOLS - 1 ? "\n" : "  ");
    }
    for (size_t i = 0; i < c->n_rows; i++) {
        cells(s, &c->rows[i], bufs);
        for (int k = 0; k < NCOLS; k++) {
            /* Right-align the countdown number, left-align the text. */
            if (k == COL_D) {
                size_t w = pln_text_width(bufs[k]);
                for (; w < width[k]; w++)
                    pln__sb_add(&sb, " ", 1);
                pln__sb_puts(&sb, bufs[k]);
            } else {
                sb_pad(&sb, bufs[k], k == NCOLS - 1 ? 0 : width[k]);
            }
            pln__sb_puts(&sb, k == NCOLS - 1 ? "\n" : "  ");
        }
    }
    return pln__sb_finish(&sb, out, len, err);
}
