/* CS-INCHARGE and CS-DIFFICULT's HQ contact: who is in charge for every combination of
 * roles on duty that the policy distinguishes, the branch's own people and visitors. */
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

/* {role, service_start_day (lower: longer serving), on_at, home (this branch is theirs)} */
#define OWN true
#define VISITOR false
static const struct scenario scenarios[] = {
	{"nobody on duty", {{0}}, 0, -1, CHARGE_HEADQUARTERS, true},
	{"volunteers and pages only",
	 {{ROLE_VOLUNTEER, 100, 1, OWN}, {ROLE_PAGE, 50, 2, OWN}, {ROLE_VOLUNTEER, 10, 3, OWN}},
	 3,
	 -1,
	 CHARGE_HEADQUARTERS,
	 true},
	{"a substitute alone", {{ROLE_SUBSTITUTE, 100, 1, OWN}}, 1, 0, CHARGE_SUBSTITUTE, true},
	{"a substitute with a page",
	 {{ROLE_PAGE, 1, 1, OWN}, {ROLE_SUBSTITUTE, 100, 2, OWN}},
	 2,
	 1,
	 CHARGE_SUBSTITUTE,
	 true},
	{"two substitutes: the longer serving",
	 {{ROLE_SUBSTITUTE, 300, 1, OWN}, {ROLE_SUBSTITUTE, 200, 2, VISITOR}},
	 2,
	 1,
	 CHARGE_SUBSTITUTE,
	 true},
	{"a substitute with permanent staff",
	 {{ROLE_SUBSTITUTE, 1, 1, OWN}, {ROLE_STAFF, 900, 2, OWN}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"staff only: the longest serving",
	 {{ROLE_STAFF, 500, 1, OWN}, {ROLE_STAFF, 100, 2, OWN}, {ROLE_STAFF, 300, 3, OWN}},
	 3,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"staff from another branch rank by service like the branch's own",
	 {{ROLE_STAFF, 500, 1, OWN}, {ROLE_STAFF, 100, 2, VISITOR}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"staff with equal service: the earlier on",
	 {{ROLE_STAFF, 100, 5, OWN}, {ROLE_STAFF, 100, 2, OWN}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"assistant librarian over longer-serving staff",
	 {{ROLE_STAFF, 1, 1, OWN},
	  {ROLE_ASSISTANT_LIBRARIAN, 900, 2, OWN},
	  {ROLE_SUBSTITUTE, 1, 3, OWN}},
	 3,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"branch manager over everyone",
	 {{ROLE_ASSISTANT_LIBRARIAN, 1, 1, OWN},
	  {ROLE_STAFF, 1, 2, OWN},
	  {ROLE_BRANCH_MANAGER, 900, 3, OWN},
	  {ROLE_VOLUNTEER, 1, 4, OWN}},
	 4,
	 2,
	 CHARGE_BRANCH,
	 false},
	{"branch manager clocked off: the assistant librarian",
	 {{ROLE_ASSISTANT_LIBRARIAN, 1, 1, OWN},
	  {ROLE_STAFF, 1, 2, OWN},
	  {ROLE_VOLUNTEER, 1, 4, OWN}},
	 3,
	 0,
	 CHARGE_BRANCH,
	 false},
	/* The first review: a visitor must never outrank the branch's own managers. */
	{"a visiting branch manager does not outrank the branch's own manager",
	 {{ROLE_BRANCH_MANAGER, 1, 1, VISITOR}, {ROLE_BRANCH_MANAGER, 900, 2, OWN}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"a visiting branch manager does not outrank the branch's own assistant librarian",
	 {{ROLE_BRANCH_MANAGER, 1, 1, VISITOR}, {ROLE_ASSISTANT_LIBRARIAN, 900, 2, OWN}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"a visiting assistant librarian does not outrank the branch's own",
	 {{ROLE_ASSISTANT_LIBRARIAN, 1, 1, VISITOR}, {ROLE_ASSISTANT_LIBRARIAN, 900, 2, OWN}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"a visiting manager outranks the branch's staff however long they served",
	 {{ROLE_STAFF, 1, 1, OWN}, {ROLE_ASSISTANT_LIBRARIAN, 900, 2, VISITOR}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"visiting managers among themselves: the longer serving",
	 {{ROLE_BRANCH_MANAGER, 500, 1, VISITOR}, {ROLE_ASSISTANT_LIBRARIAN, 100, 2, VISITOR}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"Headquarters in person ranks with the visiting managers",
	 {{ROLE_STAFF, 1, 1, OWN}, {ROLE_EXECUTIVE_DIRECTOR, 900, 2, VISITOR}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"Headquarters in person does not outrank the branch's own assistant librarian",
	 {{ROLE_HQ_STAFF, 1, 1, VISITOR}, {ROLE_ASSISTANT_LIBRARIAN, 900, 2, OWN}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"Headquarters in person and a visiting manager: the longer serving",
	 {{ROLE_BRANCH_MANAGER, 300, 1, VISITOR}, {ROLE_BUSINESS_MANAGER, 200, 2, VISITOR}},
	 2,
	 1,
	 CHARGE_BRANCH,
	 false},
	{"Headquarters in person spares a substitute the HQ call",
	 {{ROLE_SUBSTITUTE, 1, 1, OWN}, {ROLE_HQ_STAFF, 900, 2, VISITOR}},
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
	struct on_duty a[] = {{ROLE_BRANCH_MANAGER, 5, 9, OWN}, {ROLE_STAFF, 1, 1, OWN}};
	struct on_duty b[] = {{ROLE_STAFF, 1, 1, OWN}, {ROLE_BRANCH_MANAGER, 5, 9, OWN}};
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

/* CS-INCHARGE: "the branch manager is on duty" means the branch's own. */
static void test_own_manager_on(void **state)
{
	(void)state;
	struct on_duty visiting[] = {{ROLE_BRANCH_MANAGER, 1, 1, VISITOR}, {ROLE_STAFF, 1, 1, OWN}};
	struct on_duty own[] = {{ROLE_BRANCH_MANAGER, 1, 1, OWN}};
	struct on_duty hq[] = {{ROLE_EXECUTIVE_DIRECTOR, 1, 1, VISITOR}};
	struct on_duty subs[] = {{ROLE_SUBSTITUTE, 1, 1, OWN}, {ROLE_VOLUNTEER, 1, 1, OWN}};
	assert_false(in_charge_own_manager_on(visiting, 2));
	assert_true(in_charge_own_manager_on(own, 1));
	assert_false(in_charge_own_manager_on(NULL, 0));
	assert_true(in_charge_permanent_on(visiting, 2));
	assert_true(in_charge_permanent_on(hq, 1));
	assert_false(in_charge_permanent_on(subs, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_level_names),
		cmocka_unit_test(test_own_manager_on),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
