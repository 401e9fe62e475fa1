/* The roles and the role x action matrix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/role.h"

static void test_names_round_trip(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__MAX; r++)
		assert_int_equal(role_from_name(role_name((enum role)r)), r);
	assert_int_equal(role_from_name("wizard"), -1);
	assert_int_equal(role_from_name(NULL), -1);
	assert_int_equal(role_from_name("Staff"), -1); /* exact names only */
}

static void test_kinds(void **state)
{
	(void)state;
	assert_true(role_is_permanent(ROLE_STAFF));
	assert_true(role_is_permanent(ROLE_ASSISTANT_LIBRARIAN));
	assert_true(role_is_permanent(ROLE_BRANCH_MANAGER));
	assert_false(role_is_permanent(ROLE_SUBSTITUTE));
	assert_false(role_is_permanent(ROLE_VOLUNTEER));
	assert_false(role_is_permanent(ROLE_PAGE));
	assert_true(role_is_headquarters(ROLE_HQ_STAFF));
	assert_false(role_is_headquarters(ROLE_BRANCH_MANAGER));
}

static void test_matrix(void **state)
{
	(void)state;
	/* CS-CONFIDENTIAL: volunteers and pages never read customer records. */
	assert_false(role_may(ROLE_VOLUNTEER, ACTION_CUSTOMER_READ));
	assert_false(role_may(ROLE_PAGE, ACTION_CUSTOMER_READ));
	assert_true(role_may(ROLE_STAFF, ACTION_CUSTOMER_READ));
	assert_false(role_may(ROLE_STAFF, ACTION_AUDIT_READ));
	assert_true(role_may(ROLE_BRANCH_MANAGER, ACTION_AUDIT_READ));
	/* Everyone sees who is in charge and may clock on. */
	for (int r = 0; r < ROLE__MAX; r++) {
		assert_true(role_may((enum role)r, ACTION_BRANCH_READ));
		assert_true(role_may((enum role)r, ACTION_DUTY_SELF));
	}
	assert_true(role_may(ROLE_BRANCH_SERVICES_COORDINATOR, ACTION_BRANCH_MANAGE));
	assert_false(role_may(ROLE_BRANCH_MANAGER, ACTION_BRANCH_MANAGE));
	assert_false(role_may(ROLE_STAFF, ACTION_USER_MANAGE));
	/* Promotions and transfers: Headquarters' administrators only, not a branch manager. */
	for (int r = 0; r < ROLE__MAX; r++)
		assert_int_equal(role_may((enum role)r, ACTION_USER_CHANGE),
				 role_is_headquarters((enum role)r) &&
					 role_may((enum role)r, ACTION_USER_MANAGE));
	assert_false(role_may(ROLE__MAX, ACTION_BRANCH_READ));
}

static void test_grant(void **state)
{
	(void)state;
	assert_true(role_may_grant(ROLE_EXECUTIVE_DIRECTOR, ROLE_EXECUTIVE_DIRECTOR));
	assert_true(role_may_grant(ROLE_BRANCH_MANAGER, ROLE_STAFF));
	assert_true(role_may_grant(ROLE_BRANCH_MANAGER, ROLE_PAGE));
	assert_false(role_may_grant(ROLE_BRANCH_MANAGER, ROLE_BRANCH_MANAGER));
	assert_false(role_may_grant(ROLE_BRANCH_MANAGER, ROLE_HQ_STAFF));
	assert_false(role_may_grant(ROLE_STAFF, ROLE_PAGE));
	assert_false(role_may_grant(ROLE_HQ_STAFF, ROLE_PAGE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_grant),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
