/* CS-INCHARGE and CS-DIFFICULT's HQ contact: who is in charge for every combination of
 * roles on duty that the policy distinguishes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/in_charge.h"

#define MAXON 6

struct scenario {
	const char *name;
	struct on_duty on[MAXON];
	size_t n;
	int expect_index; /* -1: Headquarters */
	enum charge_level level;
	bool must_contact_hq;
};

/* service_start_day: lower is longer serving; on_at: clock-on time; home: the branch is
 * theirs (false: visiting). */
static const struct scenario scenarios[] = {
	{"nobody on duty", {{0}}, 0, -1, CHARGE_HEADQUARTERS, true},
	{"volunteers and pages only",
	 {{ROLE_VOLUNTEER, 100, 1, false},
	  {ROLE_PAGE, 50, 2, false},
	  {ROLE_VOLUNTEER, 10, 3, false}},
	 3,
	 -1,
	 CHARGE_HEADQUARTERS,
	 true},
	{"HQ staff visiting, nobody else",
	 {{ROLE_HQ_STAFF, 1, 1, false}},
	 1,
	 -1,
	 CHARGE_HEADQUARTERS,
	 true},
	{"a substitute alone", {{ROLE_SUBSTITUTE, 100, 1, false}}, 1, 0, CHARGE_SUBSTITUTE, true},
	{"a substitute with a page",
	 {{ROLE_PAGE, 1, 1, false}, {ROLE_SUBSTITUTE, 100, 2, false}},
	 2,
	 1,
	 CHARGE_SUBSTITUTE,
	 true},
	{"two substitutes: the longer serving",
	 {{ROLE_SUBSTITUTE, 300, 1, false}, {ROLE_SUBSTITUTE, 200, 2, false}},
	 2,
	 1,
	 CHARGE_SUBSTITUTE,
	 true},
	{"a substitute with permanent staff",
	 {{ROLE_SUBSTITUTE, 1, 1, false}, {ROLE_STAFF, 900, 2, false}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"staff only: the longest serving",
	 {{ROLE_STAFF, 500, 1, false}, {ROLE_STAFF, 100, 2, false}, {ROLE_STAFF, 300, 3, false}},
	 3,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"staff with equal service: the earlier on",
	 {{ROLE_STAFF, 100, 5, false}, {ROLE_STAFF, 100, 2, false}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"assistant librarian over longer-serving staff",
	 {{ROLE_STAFF, 1, 1, false},
	  {ROLE_ASSISTANT_LIBRARIAN, 900, 2, false},
	  {ROLE_SUBSTITUTE, 1, 3, false}},
	 3,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"branch manager over everyone",
	 {{ROLE_ASSISTANT_LIBRARIAN, 1, 1, false},
	  {ROLE_STAFF, 1, 2, false},
	  {ROLE_BRANCH_MANAGER, 900, 3, false},
	  {ROLE_VOLUNTEER, 1, 4, false}},
	 4,
	 2,
	 CHARGE_BRANCH,
	 false},
	{"branch manager clocked off: the assistant librarian",
	 {{ROLE_ASSISTANT_LIBRARIAN, 1, 1, false},
	  {ROLE_STAFF, 1, 2, false},
	  {ROLE_VOLUNTEER, 1, 4, false}},
	 3,
	 0,
	 CHARGE_BRANCH,
	 false},
	/* "X's own" (home true) before visitors, whatever their service (CS-INCHARGE). */
	{"her own branch manager over a longer-serving visiting one",
	 {{ROLE_BRANCH_MANAGER, 1, 1, false}, {ROLE_BRANCH_MANAGER, 900, 2, true}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"her own assistant librarian over a visiting branch manager",
	 {{ROLE_BRANCH_MANAGER, 1, 1, false}, {ROLE_ASSISTANT_LIBRARIAN, 900, 2, true}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"a visiting branch manager over a visiting assistant librarian",
	 {{ROLE_ASSISTANT_LIBRARIAN, 1, 1, false}, {ROLE_BRANCH_MANAGER, 900, 2, false}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"a visiting assistant librarian over the branch's own staff",
	 {{ROLE_STAFF, 1, 1, true}, {ROLE_ASSISTANT_LIBRARIAN, 900, 2, false}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"staff: home or visiting, the longest serving",
	 {{ROLE_STAFF, 500, 1, true}, {ROLE_STAFF, 100, 2, false}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"a visiting substitute alone is in charge and contacts HQ",
	 {{ROLE_SUBSTITUTE, 1, 1, false}, {ROLE_VOLUNTEER, 1, 2, true}},
	 2,
	 0,
	 CHARGE_SUBSTITUTE,
	 true},
	{"an HQ role at her home branch is still Headquarters, not the branch",
	 {{ROLE_BRANCH_SERVICES_COORDINATOR, 1, 1, true}},
	 1,
	 -1,
	 CHARGE_HEADQUARTERS,
	 true},
	{"HQ role present does not outrank branch staff",
	 {{ROLE_EXECUTIVE_DIRECTOR, 1, 1, false}, {ROLE_STAFF, 900, 2, false}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
};

static void test_scenarios(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
		const struct scenario *s = &scenarios[i];
		struct in_charge ic = in_charge_compute(s->on, s->n);
		print_message("  %s\n", s->name);
		assert_int_equal(ic.index, s->expect_index);
		assert_int_equal(ic.level, s->level);
		assert_int_equal(ic.must_contact_hq, s->must_contact_hq);
	}
}

/* Who clocked on first must not matter when ranks differ. */
static void test_order_independent(void **state)
{
	(void)state;
	struct on_duty a[] = {{ROLE_BRANCH_MANAGER, 5, 9, false}, {ROLE_STAFF, 1, 1, false}};
	struct on_duty b[] = {{ROLE_STAFF, 1, 1, false}, {ROLE_BRANCH_MANAGER, 5, 9, false}};
	assert_int_equal(a[in_charge_compute(a, 2).index].role, ROLE_BRANCH_MANAGER);
	assert_int_equal(b[in_charge_compute(b, 2).index].role, ROLE_BRANCH_MANAGER);
}

static void test_level_names(void **state)
{
	(void)state;
	assert_string_equal(charge_level_name(CHARGE_BRANCH), "branch");
	assert_string_equal(charge_level_name(CHARGE_SUBSTITUTE), "substitute");
	assert_string_equal(charge_level_name(CHARGE_HEADQUARTERS), "headquarters");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_level_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
