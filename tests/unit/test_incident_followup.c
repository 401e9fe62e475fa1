/* CS-INCIDENT after the signature: review, tasks, closing, who owns and finishes a task, over
 * every combination of the facts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/incident_followup.h"
#include "policy/role.h"

static void test_review_tasks_and_close_exhaustive(void **state)
{
	(void)state;
	int cases = 0;
	for (int bits = 0; bits < 8; bits++)
		for (int open = 0; open <= 2; open++) {
			struct followup_facts f = {.signed_report = bits & 1,
						   .reviewed = bits & 2,
						   .closed = bits & 4,
						   .open_tasks = open};
			const char *why = NULL;
			bool ok = incident_may_review(&f, &why);
			assert_int_equal(ok, f.signed_report && !f.reviewed && !f.closed);
			assert_true(ok == (why == NULL));
			ok = incident_may_add_task(&f, &why);
			assert_int_equal(ok, f.signed_report && !f.closed);
			assert_true(ok == (why == NULL));
			ok = incident_may_close(&f, &why);
			assert_int_equal(ok,
					 f.signed_report && f.reviewed && !f.closed && open == 0);
			assert_true(ok == (why == NULL));
			/* A reviewed, signed report refused only for its tasks says so. */
			if (f.signed_report && f.reviewed && !f.closed && open)
				assert_non_null(strstr(why, "tasks are done"));
			cases++;
		}
	print_message("  %d combinations checked\n", cases);
}

static void test_owners_are_hq_or_the_reports_branch_and_may_read_it(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__MAX; r++) {
		enum role role = (enum role)r;
		bool reads = role_may(role, ACTION_DIFFICULT_READ);
		/* Headquarters, wherever its home. */
		assert_int_equal(incident_task_owner_ok(role, true, 9, 3),
				 reads && role_is_headquarters(role));
		/* The report's own branch. */
		assert_int_equal(incident_task_owner_ok(role, true, 3, 3), reads);
		/* Nobody inactive. */
		assert_false(incident_task_owner_ok(role, false, 3, 3));
	}
	assert_false(incident_task_owner_ok(ROLE_BRANCH_MANAGER, true, 0, 3));
	assert_false(incident_task_owner_ok(ROLE_VOLUNTEER, true, 3, 3));
	assert_true(incident_task_owner_ok(ROLE_BRANCH_MANAGER, true, 3, 3));
}

static void test_the_owner_or_hq_finishes_a_task_once(void **state)
{
	(void)state;
	for (int bits = 0; bits < 8; bits++) {
		struct task_done_facts f = {.actor_id = 7,
					    .owner_id = bits & 1 ? 7 : 8,
					    .actor_follows_up = bits & 2,
					    .done_already = bits & 4};
		const char *why;
		bool ok = incident_task_may_finish(&f, &why);
		assert_int_equal(ok, !f.done_already && (f.owner_id == 7 || f.actor_follows_up));
		if (!ok)
			assert_non_null(why);
	}
}

static void test_a_task_is_due_from_its_day(void **state)
{
	(void)state;
	assert_false(incident_task_due(false, 1000, 999));
	assert_true(incident_task_due(false, 1000, 1000));
	assert_false(incident_task_due(true, 1000, 5000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review_tasks_and_close_exhaustive),
		cmocka_unit_test(test_owners_are_hq_or_the_reports_branch_and_may_read_it),
		cmocka_unit_test(test_the_owner_or_hq_finishes_a_task_once),
		cmocka_unit_test(test_a_task_is_due_from_its_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
