/*
 * atomic.c -- writing an output file so that readers see either the old file
 * or the whole new one: a temporary file beside the target, fsync, rename.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pln_planner.h"

pln_status pln_write_file_atomic(const char *path, const char *data,
                                 size_t len, pln_error *err)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    const char *slash;
    int fd;
    size_t done = 0;

    if (!tmp) {
        pln_error_set(err, PLN_ENOMEM, path, 0, 0, "out of memory");
        return PLN_ENOMEM;
    }
    /* ".name.XXXXXX" in the same directory, so rename stays atomic. */
    slash = strrchr(path, '/');
    if (slash) {
        size_t dir = (size_t)(slash - path) + 1;
        memcpy(tmp, path, dir);
        snprintf(tmp + dir, plen + 16 - dir, ".%s.XXXXXX", slash + 1);
    } else {
        snprintf(tmp, plen + 16, ".%s.XXXXXX", path);
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        pln_error_set(err, PLN_EIO, path, 0, 0, "cannot create: %s",
                      strerror(errno));
        free(tmp);
        return PLN_EIO;
    }
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            goto fail;
        done += (size_t)w;
    }
    /* mkstemp makes 0600; outputs are ordinary files, readable by all. */
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return PLN_OK;
fail:
    pln_error_set(err, PLN_EIO, path, 0, 0, "cannot write: %s",
                  strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return PLN_EIO;
}
