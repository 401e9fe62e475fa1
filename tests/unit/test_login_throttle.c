/* Failed-login throttling: free attempts, a doubling delay, the hourly cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/login_throttle.h"

static void test_throttle(void **state)
{
	(void)state;
	assert_int_equal(login_throttle_wait_s(0, 0, 0), 0);
	assert_int_equal(login_throttle_wait_s(4, 0, 4), 0);
	assert_int_equal(login_throttle_wait_s(5, 0, 5), 15);
	assert_int_equal(login_throttle_wait_s(5, 10, 5), 5);
	assert_int_equal(login_throttle_wait_s(5, 15, 5), 0);
	assert_int_equal(login_throttle_wait_s(6, 0, 6), 30);
	assert_int_equal(login_throttle_wait_s(7, 0, 7), 60);
	assert_int_equal(login_throttle_wait_s(20, 0, 20), 900); /* capped */
	assert_int_equal(login_throttle_wait_s(100, 0, 100), 3600);
	assert_int_equal(login_throttle_wait_s(99, 900, 99), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_throttle)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
