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
		assert_int_equal(vocab_from_name(&vocab_role, role_name((enum role)r)), r);
	assert_int_equal(vocab_from_name(&vocab_role, "wizard"), -1);
	assert_int_equal(vocab_from_name(&vocab_role, NULL), -1);
	assert_int_equal(vocab_from_name(&vocab_role, "Staff"), -1); /* exact names only */
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

/* CS-SCOPE: the matrix first, then outside Headquarters only one's home branch or the
 * branch one is on duty at, for the actions that touch a branch's records. */
static void test_branch_scope(void **state)
{
	(void)state;
	enum { KOS = 1, CAR = 2, ETH = 3 };
	struct workplace kos_staff = {ROLE_STAFF, KOS, KOS};
	struct workplace kos_at_car = {ROLE_BRANCH_MANAGER, KOS, CAR};
	struct workplace kos_off = {ROLE_BRANCH_MANAGER, KOS, 0};
	struct workplace hq = {ROLE_EXECUTIVE_DIRECTOR, 0, 0};
	struct workplace vol = {ROLE_VOLUNTEER, KOS, KOS};

	assert_int_equal(access_decide(&kos_staff, ACTION_QUEUE_WORK, KOS), ACCESS_ALLOWED);
	assert_int_equal(access_decide(&kos_staff, ACTION_QUEUE_WORK, CAR), ACCESS_BRANCH);
	/* A visiting manager works the branch she is on duty at, and her own. */
	assert_int_equal(access_decide(&kos_at_car, ACTION_QUEUE_WORK, CAR), ACCESS_ALLOWED);
	assert_int_equal(access_decide(&kos_at_car, ACTION_BRANCH_OVERSIGHT, KOS), ACCESS_ALLOWED);
	assert_int_equal(access_decide(&kos_at_car, ACTION_QUEUE_WORK, ETH), ACCESS_BRANCH);
	assert_int_equal(access_decide(&kos_off, ACTION_DUTY_OTHERS, CAR), ACCESS_BRANCH);
	/* Headquarters everywhere; branch 0 is Headquarters' own (its accounts): only theirs. */
	assert_int_equal(access_decide(&hq, ACTION_BRANCH_OVERSIGHT, ETH), ACCESS_ALLOWED);
	assert_int_equal(access_decide(&hq, ACTION_DUTY_OTHERS, 0), ACCESS_ALLOWED);
	assert_int_equal(access_decide(&kos_staff, ACTION_QUEUE_WORK, 0), ACCESS_BRANCH);
	assert_int_equal(access_decide(&kos_at_car, ACTION_DUTY_OTHERS, 0), ACCESS_BRANCH);
	assert_int_equal(access_decide(&kos_off, ACTION_AUDIT_READ, 0), ACCESS_BRANCH);
	assert_false(workplace_reaches(&kos_off, 0));
	assert_true(workplace_reaches(&hq, 0));
	/* Running a branch is for its own people: a visiting manager works the desk she is on
	 * duty at, but does not oversee it, clock its people, read its audit or close it. */
	assert_int_equal(access_decide(&kos_at_car, ACTION_DIFFICULT_READ, CAR), ACCESS_ALLOWED);
	assert_int_equal(access_decide(&kos_at_car, ACTION_DUTY_OTHERS, CAR), ACCESS_BRANCH);
	assert_int_equal(access_decide(&kos_at_car, ACTION_AUDIT_READ, CAR), ACCESS_BRANCH);
	assert_int_equal(access_decide(&kos_at_car, ACTION_BRANCH_CALENDAR, CAR), ACCESS_BRANCH);
	assert_int_equal(access_decide(&kos_at_car, ACTION_DUTY_OTHERS, KOS), ACCESS_ALLOWED);
	assert_int_equal(action_reach(ACTION_QUEUE_WORK), REACH_WORKPLACE);
	assert_int_equal(action_reach(ACTION_RESTRICT), REACH_HOME);
	assert_int_equal(action_reach(ACTION_HANDBOOK_READ), REACH_ANY);
	/* The role comes first, whatever the branch. */
	assert_int_equal(access_decide(&vol, ACTION_CUSTOMER_READ, KOS), ACCESS_ROLE);
	assert_int_equal(access_decide(&vol, ACTION_DIFFICULT_READ, KOS), ACCESS_ROLE);
	assert_int_equal(access_decide(&kos_staff, ACTION_AUDIT_READ, KOS), ACCESS_ROLE);
	/* Unscoped actions: the handbook, clocking oneself on anywhere, customers' cards. */
	assert_int_equal(access_decide(&kos_staff, ACTION_DUTY_SELF, CAR), ACCESS_ALLOWED);
	assert_int_equal(access_decide(&kos_staff, ACTION_CUSTOMER_READ, CAR), ACCESS_ALLOWED);
	assert_false(action_is_scoped(ACTION_HANDBOOK_READ));
	assert_true(action_is_scoped(ACTION_DIFFICULT_READ));
}

/* CS-CONFIDENTIAL: volunteers and pages see no customer, whatever the path. */
static void test_who_sees_customers(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__MAX; r++)
		assert_int_equal(role_sees_customers((enum role)r),
				 r != ROLE_VOLUNTEER && r != ROLE_PAGE);
	/* They read no complaint or incident report either, and restrict nobody. */
	assert_false(role_may(ROLE_VOLUNTEER, ACTION_DIFFICULT_READ));
	assert_false(role_may(ROLE_PAGE, ACTION_DIFFICULT_READ));
	assert_false(role_may(ROLE_STAFF, ACTION_RESTRICT));
	assert_true(role_may(ROLE_ASSISTANT_LIBRARIAN, ACTION_RESTRICT));
	/* They may fetch the person in charge. */
	assert_true(role_may(ROLE_VOLUNTEER, ACTION_FETCH));
	/* CS-JUDGE and CS-DIFFICULT refuse by their own rules, saying whom to reach. */
	assert_true(role_may(ROLE_STAFF, ACTION_JUDGE));
	assert_true(role_may(ROLE_VOLUNTEER, ACTION_DIFFICULT_WORK));
}

/* Every action has a sentence for its refusal, and the table has no hole. */
static void test_words(void **state)
{
	(void)state;
	for (int a = 0; a < ACTION__MAX; a++) {
		assert_non_null(action_name((enum action)a));
		assert_non_null(action_what((enum action)a));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_grant),
		cmocka_unit_test(test_branch_scope),
		cmocka_unit_test(test_who_sees_customers),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
