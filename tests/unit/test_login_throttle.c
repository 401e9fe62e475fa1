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

static void test_address(void **state)
{
	(void)state;
	assert_int_equal(login_throttle_address_wait_s(29, 0), 0);
	assert_int_equal(login_throttle_address_wait_s(30, 0), 60);
	assert_int_equal(login_throttle_address_wait_s(30, 50), 10);
	assert_int_equal(login_throttle_address_wait_s(40, 0), 120);
	assert_int_equal(login_throttle_address_wait_s(1000, 0), 3600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_throttle),
					   cmocka_unit_test(test_address)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
