/* CS-INCIDENT and CS-INSURANCE for signing, over every combination of facts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/incident.h"

static void test_signing_exhaustive(void **state)
{
	(void)state;
	int cases = 0;
	for (int cat = 0; cat < INCIDENT__MAX; cat++)
		for (int bits = 0; bits < 16; bits++) {
			struct incident_facts f = {.category = (enum incident_category)cat,
						   .signed_already = bits & 1,
						   .hq_notified = bits & 2,
						   .business_manager_contacted = bits & 4,
						   .narrative_written = bits & 8};
			const char *rule, *why;
			bool ok = incident_may_sign(&f, &rule, &why);
			bool expected = !f.signed_already && f.narrative_written && f.hq_notified &&
					(cat != INCIDENT_INJURY || f.business_manager_contacted);
			assert_int_equal(ok, expected);
			if (!ok)
				assert_non_null(why);
			/* The insurance rule is the one cited when only it is missing. */
			if (!ok && cat == INCIDENT_INJURY && !f.signed_already &&
			    f.narrative_written && f.hq_notified)
				assert_string_equal(rule, "CS-INSURANCE");
			cases++;
		}
	print_message("  %d combinations checked\n", cases);
}

static void test_overdue_and_instruction(void **state)
{
	(void)state;
	assert_false(incident_overdue(false, 1000, 999));
	assert_true(incident_overdue(false, 1000, 1000));
	assert_false(incident_overdue(true, 1000, 5000));
	assert_non_null(strstr(incident_instruction(INCIDENT_INJURY), "Business Manager"));
	assert_null(incident_instruction(INCIDENT_THEFT));
}

/* CS-INCIDENT, late discovery: a break-in overnight found at opening is due by the end of
 * the discovery day; a discovery before the event or in the future is refused. */
static void test_late_discovery(void **state)
{
	(void)state;
	const char *why = NULL;
	int64_t night = 1000000, opening = night + 9 * 3600 + 25 * 60;
	assert_int_equal(incident_due_day_of(night, 0), night);
	assert_int_equal(incident_due_day_of(night, opening), opening);
	assert_int_equal(incident_due_day_of(night, night), night);
	assert_true(incident_discovery_ok(night, 0, opening, &why));
	assert_null(why);
	assert_true(incident_discovery_ok(night, opening, opening, &why));
	assert_false(incident_discovery_ok(opening, night, opening, &why));
	assert_non_null(strstr(why, "before it happened"));
	assert_false(incident_discovery_ok(night, opening + 301, opening, &why));
	assert_non_null(strstr(why, "still to come"));
	assert_true(incident_discovery_ok(night, opening + 300, opening, &why));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signing_exhaustive),
		cmocka_unit_test(test_overdue_and_instruction),
		cmocka_unit_test(test_late_discovery),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
