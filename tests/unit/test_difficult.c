/* CS-DIFFICULT: volunteers and pages never; substitutes only with no permanent staff on,
 * and then they contact HQ; the branch manager is notified when absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/difficult.h"

static const struct on_duty nobody[1];
static const struct on_duty vol_page[] = {{ROLE_VOLUNTEER, 1, 1, true}, {ROLE_PAGE, 1, 2, true}};
static const struct on_duty sub_alone[] = {{ROLE_SUBSTITUTE, 1, 1, true}, {ROLE_PAGE, 1, 2, true}};
static const struct on_duty sub_staff[] = {{ROLE_SUBSTITUTE, 1, 1, true}, {ROLE_STAFF, 1, 2, true}};
static const struct on_duty with_mgr[] = {{ROLE_BRANCH_MANAGER, 1, 1, true},
					  {ROLE_SUBSTITUTE, 1, 2, true},
					  {ROLE_VOLUNTEER, 1, 3, true}};
/* A branch manager visiting from another branch is not this branch's own. */
static const struct on_duty visiting_mgr[] = {{ROLE_BRANCH_MANAGER, 1, 1, false},
					      {ROLE_STAFF, 1, 2, true}};
static const struct on_duty with_asst[] = {{ROLE_ASSISTANT_LIBRARIAN, 1, 1, true},
					   {ROLE_SUBSTITUTE, 1, 2, true}};

struct row {
	enum role handler;
	const struct on_duty *on;
	size_t n;
	bool allowed, hq, notify_manager;
};

static const struct row rows[] = {
	/* Volunteers and pages are refused whoever else is on. */
	{ROLE_VOLUNTEER, nobody, 0, false, false, true},
	{ROLE_VOLUNTEER, vol_page, 2, false, false, true},
	{ROLE_VOLUNTEER, with_mgr, 3, false, false, false},
	{ROLE_PAGE, sub_alone, 2, false, false, true},
	{ROLE_PAGE, with_mgr, 3, false, false, false},
	/* A substitute: only with no permanent staff member on, and then contacts HQ. */
	{ROLE_SUBSTITUTE, sub_alone, 2, true, true, true},
	{ROLE_SUBSTITUTE, vol_page, 2, true, true, true},
	{ROLE_SUBSTITUTE, sub_staff, 2, false, false, true},
	{ROLE_SUBSTITUTE, with_mgr, 3, false, false, false},
	{ROLE_SUBSTITUTE, with_asst, 2, false, false, true},
	/* Permanent staff and HQ may, without the HQ contact. */
	{ROLE_STAFF, sub_staff, 2, true, false, true},
	{ROLE_ASSISTANT_LIBRARIAN, with_asst, 2, true, false, true},
	{ROLE_BRANCH_MANAGER, with_mgr, 3, true, false, false},
	{ROLE_STAFF, visiting_mgr, 2, true, false, true},
	{ROLE_BRANCH_MANAGER, visiting_mgr, 2, true, false, true},
	{ROLE_BRANCH_SERVICES_COORDINATOR, nobody, 0, true, false, true},
	{ROLE_EXECUTIVE_DIRECTOR, with_mgr, 3, true, false, false},
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct difficult_verdict v =
			difficult_may_handle(rows[i].handler, rows[i].on, rows[i].n);
		print_message("  row %zu: %s\n", i, role_name(rows[i].handler));
		assert_int_equal(v.allowed, rows[i].allowed);
		assert_int_equal(v.must_contact_hq, rows[i].hq);
		assert_int_equal(v.notify_branch_manager, rows[i].notify_manager);
		if (!v.allowed)
			assert_non_null(v.reason);
	}
}

/* The same line test_table draws, asked of the role alone (a demotion hands over). */
static void test_role_may_ever(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__MAX; r++)
		assert_int_equal(difficult_role_may_ever((enum role)r),
				 r != ROLE_VOLUNTEER && r != ROLE_PAGE);
	assert_false(difficult_role_may_ever(ROLE__MAX));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_table),
					   cmocka_unit_test(test_role_may_ever)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
