/*
 * atomic.c -- writing output files so that readers see either the old file
 * or the whole new one: a temporary file beside the target, fsync, rename.
 * A set of files (a program's calendars: hundreds) is written in phases:
 * every temporary file first, then one syncfs() of the file system (Linux;
 * elsewhere one fsync each), then the renames and one fsync of the
 * directory, so that the journal commit is shared rather than paid per
 * file, and nothing is renamed unless every file was written.
 */
#define _GNU_SOURCE /* syncfs (Linux), where there is one */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pln_planner.h"

/* ".name.XXXXXX" beside path (same directory, so rename stays atomic):
 * creates it and returns its name (malloc'd) and an open descriptor. */
static char *make_temp(const char *path, int *fd)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    const char *slash;

    *fd = -1;
    if (!tmp)
        return NULL;
    slash = strrchr(path, '/');
    if (slash) {
        size_t dir = (size_t)(slash - path) + 1;
        memcpy(tmp, path, dir);
        snprintf(tmp + dir, plen + 16 - dir, ".%s.XXXXXX", slash + 1);
    } else {
        snprintf(tmp, plen + 16, ".%s.XXXXXX", path);
    }
    *fd = mkstemp(tmp);
    return tmp;
}

static bool write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        done += (size_t)w;
    }
    /* mkstemp makes 0600; outputs are ordinary files, readable by all. */
    return fchmod(fd, 0644) == 0;
}

static bool sync_path(const char *path, int flags)
{
    int fd = open(path, flags);
    bool ok;
    if (fd < 0)
        return false;
    ok = fsync(fd) == 0;
    return close(fd) == 0 && ok;
}

pln_status pln_write_files_atomic(const char *dir,
                                  const struct pln_file_out *files, size_t n,
                                  pln_error *err)
{
    char **path = calloc(n + 1, sizeof(*path));
    char **tmp = calloc(n + 1, sizeof(*tmp));
    size_t made = 0, renamed = 0;
    const char *failed = dir, *what = "cannot write";
    pln_status st = PLN_EIO;

    if (!path || !tmp) {
        free(path);
        free(tmp);
        pln_error_set(err, PLN_ENOMEM, dir, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    /* Every file to a temporary beside it. */
    for (; made < n; made++) {
        size_t len = strlen(dir) + strlen(files[made].name) + 2;
        int fd;
        path[made] = malloc(len);
        if (!path[made]) {
            st = PLN_ENOMEM;
            goto fail;
        }
        snprintf(path[made], len, "%s/%s", dir, files[made].name);
        failed = path[made];
        tmp[made] = make_temp(path[made], &fd);
        if (!tmp[made]) {
            st = PLN_ENOMEM;
            goto fail;
        }
        if (fd < 0)
            what = "cannot create";
        if (fd < 0 || !write_all(fd, files[made].data, files[made].len)) {
            if (fd >= 0)
                close(fd);
            made++; /* its temporary exists (or not: unlink is harmless) */
            goto fail;
        }
        if (close(fd) != 0) {
            made++;
            goto fail;
        }
    }
    /* On disk, then in place. Writeback of every file is started first, so
     * that the fsyncs wait for I/O already under way instead of issuing it
     * one file at a time. */
#if defined(__linux__)
    /* Linux: one syncfs() of the file system commits every temporary at
     * once (the per-file fsyncs below are the portable fallback). */
    {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY);
        bool synced = dfd >= 0 && syncfs(dfd) == 0;
        if (dfd >= 0)
            close(dfd);
        if (synced)
            goto renames;
    }
#endif
    for (size_t i = 0; i < n; i++) {
        failed = path[i];
        if (!sync_path(tmp[i], O_RDONLY))
            goto fail;
    }
#if defined(__linux__)
renames:
#endif
    for (; renamed < n; renamed++) {
        failed = path[renamed];
        if (rename(tmp[renamed], path[renamed]) != 0)
            goto fail;
    }
    failed = dir;
    if (n > 0 && !sync_path(dir, O_RDONLY | O_DIRECTORY))
        goto fail;
    st = PLN_OK;
    goto done;
fail:
    if (st == PLN_ENOMEM)
        pln_error_set(err, st, dir, 0, 0, "out of memory");
    else
        pln_error_set(err, PLN_EIO, failed, 0, 0, "%s: %s", what,
                      strerror(errno));
    for (size_t i = renamed; i < made; i++)
        if (tmp[i])
            unlink(tmp[i]);
done:
    for (size_t i = 0; i < n; i++) {
        free(path[i]);
        free(tmp[i]);
    }
    free(path);
    free(tmp);
    return st;
}

pln_status pln_write_file_atomic(const char *path, const char *data,
                                 size_t len, pln_error *err)
{
    /* A set of one: the directory part and the name. */
    const char *slash = strrchr(path, '/');
    struct pln_file_out f;
    char *dir;
    pln_status st;

    f.name = slash ? slash + 1 : path;
    f.data = data;
    f.len = len;
    dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!dir) {
        pln_error_set(err, PLN_ENOMEM, path, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    st = pln_write_files_atomic(slash == path ? "/" : dir, &f, 1, err);
    free(dir);
    return st;
}
