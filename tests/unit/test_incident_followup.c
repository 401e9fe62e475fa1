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

/* The same rules by hand, each case's answer written out rather than computed, so that a
 * formula wrong in both the rule and the exhaustive test above is still caught. */
struct report_case {
	const char *what;
	struct followup_facts f;
	bool review, add_task, close;
	const char *close_why; /* part of the refusal to close, or NULL when it may */
};

static void test_report_cases_by_hand(void **state)
{
	(void)state;
	static const struct report_case cases[] = {
		{"a draft", {false, false, false, 0}, false, false, false, "still a draft"},
		{"signed, not reviewed",
		 {true, false, false, 0},
		 true,
		 true,
		 false,
		 "Review the report"},
		{"signed, not reviewed, a task open",
		 {true, false, false, 1},
		 true,
		 true,
		 false,
		 "Review the report"},
		{"reviewed, two tasks open",
		 {true, true, false, 2},
		 false,
		 true,
		 false,
		 "tasks are done"},
		{"reviewed, one task open",
		 {true, true, false, 1},
		 false,
		 true,
		 false,
		 "tasks are done"},
		{"reviewed, its tasks done", {true, true, false, 0}, false, true, true, NULL},
		{"closed", {true, true, true, 0}, false, false, false, "closed already"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		const struct report_case *c = &cases[k];
		const char *why = NULL;
		print_message("  %s\n", c->what);
		assert_int_equal(incident_may_review(&c->f, &why), c->review);
		assert_int_equal(incident_may_add_task(&c->f, &why), c->add_task);
		assert_int_equal(incident_may_close(&c->f, &why), c->close);
		if (c->close_why)
			assert_non_null(strstr(why, c->close_why));
		else
			assert_null(why);
	}
}

static void test_a_closed_report_takes_no_task_by_hand(void **state)
{
	(void)state;
	const struct followup_facts closed = {true, true, true, 0};
	const char *why = NULL;
	assert_false(incident_may_add_task(&closed, &why));
	assert_string_equal(why, "The report is closed: it takes no new tasks.");
}

static void test_who_follows_up_by_hand(void **state)
{
	(void)state;
	/* The three Headquarters roles review and close; nobody else does, HQ staff included. */
	assert_true(role_may(ROLE_EXECUTIVE_DIRECTOR, ACTION_INCIDENT_FOLLOWUP));
	assert_true(role_may(ROLE_BUSINESS_MANAGER, ACTION_INCIDENT_FOLLOWUP));
	assert_true(role_may(ROLE_BRANCH_SERVICES_COORDINATOR, ACTION_INCIDENT_FOLLOWUP));
	assert_false(role_may(ROLE_HQ_STAFF, ACTION_INCIDENT_FOLLOWUP));
	assert_false(role_may(ROLE_BRANCH_MANAGER, ACTION_INCIDENT_FOLLOWUP));
	assert_false(role_may(ROLE_STAFF, ACTION_INCIDENT_FOLLOWUP));
	assert_false(role_may(ROLE_VOLUNTEER, ACTION_INCIDENT_FOLLOWUP));
	/* Owners: Headquarters from anywhere, the report's branch's staff, not a volunteer nor
	 * another branch's manager (report at branch 3, Headquarters at 1). */
	assert_true(incident_task_owner_ok(ROLE_EXECUTIVE_DIRECTOR, true, 1, 3));
	assert_true(incident_task_owner_ok(ROLE_HQ_STAFF, true, 1, 3));
	assert_true(incident_task_owner_ok(ROLE_BRANCH_MANAGER, true, 3, 3));
	assert_true(incident_task_owner_ok(ROLE_STAFF, true, 3, 3));
	assert_false(incident_task_owner_ok(ROLE_BRANCH_MANAGER, true, 4, 3));
	assert_false(incident_task_owner_ok(ROLE_VOLUNTEER, true, 3, 3));
	assert_false(incident_task_owner_ok(ROLE_BRANCH_MANAGER, false, 3, 3));
}

static void test_who_marks_a_task_done_by_hand(void **state)
{
	(void)state;
	const char *why;
	/* Her own task, at the branch. */
	struct task_done_facts f = {.actor_id = 5, .owner_id = 5};
	assert_true(incident_task_may_finish(&f, &why));
	/* A colleague's task at the same branch. */
	f = (struct task_done_facts){.actor_id = 6, .owner_id = 5};
	assert_false(incident_task_may_finish(&f, &why));
	assert_string_equal(why, "Only the task's owner, or Headquarters, marks it done.");
	/* Headquarters, for someone else. */
	f = (struct task_done_facts){.actor_id = 1, .owner_id = 5, .actor_follows_up = true};
	assert_true(incident_task_may_finish(&f, &why));
	/* Done already: not even its owner again. */
	f = (struct task_done_facts){.actor_id = 5, .owner_id = 5, .done_already = true};
	assert_false(incident_task_may_finish(&f, &why));
	assert_string_equal(why, "The task is done already.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review_tasks_and_close_exhaustive),
		cmocka_unit_test(test_owners_are_hq_or_the_reports_branch_and_may_read_it),
		cmocka_unit_test(test_the_owner_or_hq_finishes_a_task_once),
		cmocka_unit_test(test_a_task_is_due_from_its_day),
		cmocka_unit_test(test_report_cases_by_hand),
		cmocka_unit_test(test_a_closed_report_takes_no_task_by_hand),
		cmocka_unit_test(test_who_follows_up_by_hand),
		cmocka_unit_test(test_who_marks_a_task_done_by_hand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
