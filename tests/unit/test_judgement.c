/* CS-JUDGE: the branch's own branch manager decides, on duty there or by phone; its
 * assistant librarian only when she is away and cannot be reached; nobody else; and only
 * when Headquarters cannot be consulted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/judgement.h"

struct row {
	const char *name;
	struct judge_facts f;
	bool allowed, by_phone;
};

/* {role, home, on_duty_here, own_manager_on_duty, by_phone, manager_reachable, hq_reachable} */
static const struct row rows[] = {
	{"the branch manager at her branch",
	 {ROLE_BRANCH_MANAGER, true, true, true, false, false, false},
	 true,
	 false},
	{"the branch manager by phone from home",
	 {ROLE_BRANCH_MANAGER, true, false, false, true, false, false},
	 true,
	 true},
	{"the branch manager away who does not say it was by phone",
	 {ROLE_BRANCH_MANAGER, true, false, false, false, false, false},
	 false,
	 false},
	{"the branch manager at her branch ticking by phone is at her branch",
	 {ROLE_BRANCH_MANAGER, true, true, true, true, false, false},
	 true,
	 false},
	{"another branch's manager visiting",
	 {ROLE_BRANCH_MANAGER, false, true, false, false, false, false},
	 false,
	 false},
	{"the assistant librarian with the branch manager away and unreachable",
	 {ROLE_ASSISTANT_LIBRARIAN, true, true, false, false, false, false},
	 true,
	 false},
	{"the assistant librarian while the branch manager is at the branch",
	 {ROLE_ASSISTANT_LIBRARIAN, true, true, true, false, false, false},
	 false,
	 false},
	{"the assistant librarian who reached the branch manager",
	 {ROLE_ASSISTANT_LIBRARIAN, true, true, false, false, true, false},
	 false,
	 false},
	{"the assistant librarian by phone",
	 {ROLE_ASSISTANT_LIBRARIAN, true, false, false, true, false, false},
	 true,
	 true},
	{"another branch's assistant librarian",
	 {ROLE_ASSISTANT_LIBRARIAN, false, true, false, false, false, false},
	 false,
	 false},
	{"permanent staff in charge",
	 {ROLE_STAFF, true, true, false, false, false, false},
	 false,
	 false},
	{"a substitute alone",
	 {ROLE_SUBSTITUTE, true, true, false, false, false, false},
	 false,
	 false},
	{"a volunteer", {ROLE_VOLUNTEER, true, true, false, false, false, false}, false, false},
	{"Headquarters",
	 {ROLE_EXECUTIVE_DIRECTOR, false, true, false, false, false, false},
	 false,
	 false},
	{"the branch manager when Headquarters could be asked",
	 {ROLE_BRANCH_MANAGER, true, true, true, false, false, true},
	 false,
	 false},
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct judge_verdict v = judgement_may_decide(&rows[i].f);
		print_message("  %s\n", rows[i].name);
		assert_int_equal(v.allowed, rows[i].allowed);
		assert_int_equal(v.by_phone, rows[i].by_phone);
		if (!v.allowed)
			assert_non_null(v.reason);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_table)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
