/*
 * rc_check.c -- checks a crew-constrained schedule before it is written:
 * every task on working days of its calendar inside the horizon, every
 * release and dependency (with lags, in the successor's calendar), crew use
 * within capacity on every date (so never on a crew's day off), and hard
 * deadlines, and with funding the money: on no date (from the status date
 * on, when replanning) more spent than arrived. It recounts crew use and
 * money from scratch rather than trusting the heuristic's or the MIP's
 * bookkeeping; a failure here is a bug in the solver, reported as such,
 * never an output.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rcpsp_int.h"

bool pln__rc_check(struct pln_rc *rc, const int32_t *s, bool allow_late_hard,
                   char *msg, size_t msg_len)
{
    const pln_model *m = rc->m;
    int32_t *use = NULL;
    bool ok = true;

    for (size_t j = 0; j < rc->n && ok; j++) {
        const struct pln_task *t = &m->tasks[j];
        int32_t size = pln_calset_size(rc->c.cs, t->calendar);
        if (s[j] < rc->release[j]) {
            snprintf(msg, msg_len, "task %s starts before its release",
                     t->id);
            ok = false;
        } else if (s[j] + t->duration > size || (t->duration == 0 && s[j] < 1)) {
            snprintf(msg, msg_len, "task %s runs outside the calendar horizon",
                     t->id);
            ok = false;
        } else if (pln__rc_pred_bound(rc, j, s, NULL) > s[j]) {
            snprintf(msg, msg_len, "task %s starts before a predecessor allows",
                     t->id);
            ok = false;
        } else if (!allow_late_hard && rc->hard_lf[j] != INT32_MAX &&
                   s[j] + t->duration > rc->hard_lf[j]) {
            snprintf(msg, msg_len, "task %s misses a hard deadline", t->id);
            ok = false;
        }
    }
    if (!ok)
        return false;
    use = pln__calloc(rc->nk * (size_t)rc->ndays + 1, sizeof(int32_t));
    if (!use) {
        snprintf(msg, msg_len, "out of memory while checking the schedule");
        return false;
    }
    for (size_t j = 0; j < rc->n && ok; j++) {
        const struct pln_task *t = &m->tasks[j];
        for (int32_t i = 0; i < t->duration && ok; i++) {
            pln_date d = pln_calset_nth(rc->c.cs, t->calendar, s[j] + i);
            int32_t x = d - rc->first;
            if (!pln_calset_is_working(rc->c.cs, t->calendar, d)) {
                snprintf(msg, msg_len, "task %s at work on a day off",
                         t->id);
                ok = false;
                break;
            }
            for (size_t k = 0; k < t->n_demands; k++) {
                size_t at;
                if (t->demands[k].amount <= 0)
                    continue;
                if (x < 0 || x >= rc->ndays) {
                    snprintf(msg, msg_len,
                             "task %s needs crews outside the horizon", t->id);
                    ok = false;
                    break;
                }
                at = (size_t)t->demands[k].crew * (size_t)rc->ndays +
                     (size_t)x;
                use[at] += t->demands[k].amount;
                if (use[at] > rc->cap[at]) {
                    char day[11];
                    pln_date_format(d, day);
                    snprintf(msg, msg_len,
                             "crew %s over capacity on %s (task %s)",
                             m->crews[t->demands[k].crew].id, day, t->id);
                    ok = false;
                    break;
                }
            }
        }
    }
    pln__free(use);
    if (ok && rc->money) {
        int64_t shortfall = 0;
        int32_t x = pln__money_short_day(rc, s, &shortfall);
        if (x == -2) {
            snprintf(msg, msg_len, "out of memory while checking the schedule");
            ok = false;
        } else if (x >= 0) {
            char day[11];
            pln_date_format(rc->first + x, day);
            snprintf(msg, msg_len,
                     "on %s the tasks have spent %.3f more than the tranches "
                     "have brought",
                     day, (double)shortfall / 1000.0);
            ok = false;
        }
    }
    return ok;
}
