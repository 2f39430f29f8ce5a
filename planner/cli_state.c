/*
 * cli_state.c -- reading the published state of a plan directory's
 * calendars (calendars.json: every calendar entry's UID, SEQUENCE and
 * content hash), which the calendars of the next plan update in place.
 * A replan reads its baseline's on a second thread while the solve runs:
 * the parse (jansson) costs as much as a third of a 500-site replan, and
 * nothing in the solve needs it. The result does not depend on the
 * timing: the job is joined before the calendars are rendered.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

pln_status pln_cli_state_read(const char *dir, pln_ics_state **st,
                              pln_error *err)
{
    size_t n = strlen(dir) + sizeof("/calendars.json");
    char *path = malloc(n), *text = NULL;
    size_t len = 0;
    pln_status rc = PLN_OK;
    int r;

    *st = NULL;
    if (!path) {
        pln_error_set(err, PLN_ENOMEM, dir, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    snprintf(path, n, "%s/calendars.json", dir);
    r = pln_cli_slurp(path, true, &text, &len, err);
    if (r < 0)
        rc = err->code != PLN_OK ? err->code : PLN_EIO;
    else if (r == 0)
        rc = pln_ics_state_read(path, text, len, st, err);
    free(text);
    free(path);
    return rc;
}

struct pln_cli_state_job {
    char *dir;
    pthread_t thread;
    bool threaded;
    pln_ics_state *st;
    pln_error err;
    pln_status rc;
};

static void *state_main(void *arg)
{
    struct pln_cli_state_job *job = arg;
    job->rc = pln_cli_state_read(job->dir, &job->st, &job->err);
    return NULL;
}

struct pln_cli_state_job *pln_cli_state_start(const char *dir)
{
    struct pln_cli_state_job *job = calloc(1, sizeof(*job));
    if (!job)
        return NULL;
    pln_error_init(&job->err);
    job->dir = strdup(dir);
    if (!job->dir) {
        job->rc = PLN_ENOMEM;
        pln_error_set(&job->err, PLN_ENOMEM, dir, 0, 0, "out of memory");
        return job;
    }
    job->threaded = pthread_create(&job->thread, NULL, state_main, job) == 0;
    if (!job->threaded)
        state_main(job);
    return job;
}

pln_status pln_cli_state_finish(struct pln_cli_state_job *job,
                                pln_ics_state **st, pln_error *err)
{
    pln_status rc;
    *st = NULL;
    if (!job) {
        pln_error_set(err, PLN_ENOMEM, "planner", 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    if (job->threaded)
        pthread_join(job->thread, NULL);
    rc = job->rc;
    if (rc == PLN_OK)
        *st = job->st;
    else {
        *err = job->err;
        pln_ics_state_free(job->st);
    }
    free(job->dir);
    free(job);
    return rc;
}
