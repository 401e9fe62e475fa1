/* Secret files: made 0600 whatever the umask, never over an existing file, and refused when
 * others may read them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/private_file.h"

struct fixture {
	char dir[64], path[96];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/frontdesk-test-private-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/signing.key", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	unlink(f->path);
	int rc = rmdir(f->dir); /* fails when a temporary file was left behind */
	free(f);
	return rc;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* The umask can only take permissions away: 0 would give everyone everything it is asked. */
static void test_written_0600_whatever_the_umask(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	char buf[64];
	bool exists = true;
	assert_int_equal(private_file_read(f->path, buf, sizeof buf, &exists, &err), 0);
	assert_false(exists);
	mode_t old = umask(0);
	int rc = private_file_write(f->path, "secret\n", &err);
	umask(old);
	assert_int_equal(rc, 0);
	assert_int_equal(mode_of(f->path), 0600);
	assert_int_equal(private_file_read(f->path, buf, sizeof buf, &exists, &err), 0);
	assert_true(exists);
	assert_string_equal(buf, "secret\n");
	/* A folder-wide umask of 0277 would leave it unreadable to its owner: still 0600. */
	unlink(f->path);
	old = umask(0277);
	rc = private_file_create(f->path, &err);
	umask(old);
	assert_int_equal(rc, 0);
	assert_int_equal(mode_of(f->path), 0600);
}

static void test_never_over_an_existing_file(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	char buf[64];
	bool exists;
	assert_int_equal(private_file_write(f->path, "first\n", &err), 0);
	assert_int_equal(private_file_write(f->path, "second\n", &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
	assert_int_equal(private_file_create(f->path, &err), -1);
	assert_int_equal(err.code, FD_ECONFLICT);
	assert_int_equal(private_file_read(f->path, buf, sizeof buf, &exists, &err), 0);
	assert_string_equal(buf, "first\n");
}

static void test_readable_by_others_is_refused(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	char buf[64];
	bool exists;
	assert_int_equal(private_file_write(f->path, "secret\n", &err), 0);
	static const mode_t too_open[] = {0644, 0640, 0604, 0660, 0602};
	for (size_t i = 0; i < sizeof too_open / sizeof *too_open; i++) {
		assert_int_equal(chmod(f->path, too_open[i]), 0);
		assert_int_equal(private_file_read(f->path, buf, sizeof buf, &exists, &err), -1);
		assert_non_null(strstr(err.message, "chmod 600"));
		assert_non_null(strstr(err.message, f->path));
	}
	assert_int_equal(chmod(f->path, 0400), 0); /* read-only for its owner is fine */
	assert_int_equal(private_file_read(f->path, buf, sizeof buf, &exists, &err), 0);
}

static void test_too_long_is_refused(void **state)
{
	struct fixture *f = *state;
	struct fd_error err = {0};
	char buf[8];
	bool exists;
	assert_int_equal(private_file_write(f->path, "12345678", &err), 0);
	assert_int_equal(private_file_read(f->path, buf, sizeof buf, &exists, &err), -1);
	unlink(f->path);
	assert_int_equal(private_file_write(f->path, "1234567", &err), 0);
	assert_int_equal(private_file_read(f->path, buf, sizeof buf, &exists, &err), 0);
	assert_string_equal(buf, "1234567");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_written_0600_whatever_the_umask, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_never_over_an_existing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readable_by_others_is_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_too_long_is_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
