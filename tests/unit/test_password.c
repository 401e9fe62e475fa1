/* Password rules (ASVS V2.1): 12-128 characters counted as characters, not bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/password.h"

static void test_lengths(void **state)
{
	(void)state;
	struct fd_error err = {0};
	char pw[200];
	assert_int_equal(password_check("abcdefghijk", &err), -1); /* 11 */
	assert_string_equal(err.field, "password");
	assert_int_equal(password_check("abcdefghijkl", &err), 0); /* 12, no composition rule */
	/* 11 characters but 22 bytes: still too short. */
	assert_int_equal(password_check("ééééééééééé", &err), -1);
	assert_int_equal(password_check("éééééééééééé", &err), 0);
	memset(pw, 'x', 128);
	pw[128] = '\0';
	assert_int_equal(password_check(pw, &err), 0);
	pw[128] = 'x';
	pw[129] = '\0';
	assert_int_equal(password_check(pw, &err), -1);
	assert_int_equal(password_check(NULL, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_lengths)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
