/*
 * test_atomic.c -- atomic output: a file, or a set of files, appears whole
 * or not at all, and no temporary file is ever left behind.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "pln_planner.h"

/* A fresh directory per test. */
static int setup(void **state)
{
    char *dir = strdup("/tmp/pln-atomic-XXXXXX");
    if (!dir || !mkdtemp(dir))
        return -1;
    *state = dir;
    return 0;
}

static int teardown(void **state)
{
    char *dir = *state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return -1;
    free(dir);
    return 0;
}

static char *slurp(const char *dir, const char *name)
{
    char path[512];
    FILE *f;
    char *buf = calloc(1, 4096);
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (!f) {
        free(buf);
        return NULL;
    }
    if (fread(buf, 1, 4095, f) == 0)
        buf[0] = '\0';
    fclose(f);
    return buf;
}

/* Entries of dir (not . and ..), and how many start with '.'. */
static size_t entries(const char *dir, size_t *hidden)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    *hidden = 0;
    assert_non_null(d);
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        n++;
        if (e->d_name[0] == '.')
            (*hidden)++;
    }
    closedir(d);
    return n;
}

static void test_set_written_whole(void **state)
{
    const char *dir = *state;
    struct pln_file_out files[] = {{"program.ics", "A", 1},
                                   {"site-s1.ics", "BB", 2},
                                   {"crew-x.ics", "", 0}};
    pln_error err;
    size_t hidden;
    char *s, path[512];
    struct stat st;

    pln_error_init(&err);
    assert_int_equal(pln_write_files_atomic(dir, files, 3, &err), PLN_OK);
    assert_int_equal(entries(dir, &hidden), 3);
    assert_int_equal(hidden, 0);
    s = slurp(dir, "site-s1.ics");
    assert_string_equal(s, "BB");
    free(s);
    snprintf(path, sizeof(path), "%s/program.ics", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);

    /* Again: each file replaced. */
    files[0].data = "new";
    files[0].len = 3;
    assert_int_equal(pln_write_files_atomic(dir, files, 3, &err), PLN_OK);
    s = slurp(dir, "program.ics");
    assert_string_equal(s, "new");
    free(s);
    assert_int_equal(entries(dir, &hidden), 3);
}

static void test_set_failing_leaves_nothing(void **state)
{
    const char *dir = *state;
    /* The third cannot be created: nothing of the set may appear. */
    struct pln_file_out files[] = {{"a.ics", "A", 1},
                                   {"b.ics", "B", 1},
                                   {"missing/c.ics", "C", 1}};
    pln_error err;
    size_t hidden;

    pln_error_init(&err);
    assert_int_equal(pln_write_files_atomic(dir, files, 3, &err), PLN_EIO);
    assert_non_null(strstr(err.source, "missing/c.ics"));
    assert_non_null(strstr(err.message, "cannot create"));
    assert_int_equal(entries(dir, &hidden), 0);
}

static void test_set_into_missing_directory(void **state)
{
    char path[512];
    struct pln_file_out files[] = {{"a.ics", "A", 1}};
    pln_error err;

    snprintf(path, sizeof(path), "%s/nope", (const char *)*state);
    pln_error_init(&err);
    assert_int_equal(pln_write_files_atomic(path, files, 1, &err), PLN_EIO);
    assert_int_equal(pln_write_files_atomic(path, files, 0, &err), PLN_OK);
}

static void test_single_file_onto_directory(void **state)
{
    const char *dir = *state;
    char path[512];
    pln_error err;
    size_t hidden;

    snprintf(path, sizeof(path), "%s/sub", dir);
    assert_int_equal(mkdir(path, 0777), 0);
    pln_error_init(&err);
    /* rename() of a file onto a directory fails: no temporary is left. */
    assert_int_equal(pln_write_file_atomic(path, "x", 1, &err), PLN_EIO);
    assert_int_equal(entries(dir, &hidden), 1);
    assert_int_equal(hidden, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_set_written_whole),
        T(test_set_failing_leaves_nothing),
        T(test_set_into_missing_directory),
        T(test_single_file_onto_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
