/* Bans known at every branch: which ban a desk is told of, and the words it is told. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/arena.h"
#include "base/timefmt.h"
#include "service/ban.h"

static struct restriction ban(int64_t customer_id, const char *scope)
{
	return (struct restriction){.customer_id = customer_id,
				    .scope = scope,
				    .branch_code = "KOS",
				    .branch_name = "Kos Branch",
				    .branch_time_zone = "America/Chicago"};
}

static void test_a_building_ban_comes_before_a_computer_use_one(void **state)
{
	(void)state;
	struct restriction list[] = {ban(7, "computer"), ban(8, "building"), ban(7, "building"),
				     ban(9, "computer")};
	assert_ptr_equal(ban_of_customer(list, 4, 7), &list[2]);
	assert_ptr_equal(ban_of_customer(list, 4, 9), &list[3]);
	assert_null(ban_of_customer(list, 4, 10));
	assert_null(ban_of_customer(list, 4, 0)); /* a visit with no customer has no ban */
	assert_null(ban_of_customer(NULL, 0, 7));
}

static void test_the_desk_is_told_in_words(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	int64_t now = 0;
	assert_int_equal(timefmt_parse_rfc3339("2026-11-30T18:00:00Z", &now), 0);
	struct svc s = {.arena = &a, .now = now};
	struct restriction b = ban(7, "building");
	b.starts_at = now;
	b.ends_at = now + 30 * 86400;
	assert_string_equal(ban_notice(&s, &b), "Building ban in force (issued at Kos Branch on "
						"Nov 30, until Dec 30): ask the person in charge");
	/* The issuing branch's day: 1 am UTC on Dec 1 is still Nov 30 in Chicago. */
	assert_int_equal(timefmt_parse_rfc3339("2026-12-01T01:00:00Z", &b.starts_at), 0);
	b.ends_at = 0;
	b.scope = "computer";
	assert_string_equal(ban_notice(&s, &b),
			    "Computer-use ban in force (issued at Kos Branch "
			    "on Nov 30, until lifted): ask the person in charge");
	/* Checked in, they are served: only the computers are closed to them. */
	assert_string_equal(ban_visit_notice(&s, &b),
			    "Computer-use ban in force (issued at Kos Branch on Nov 30, until "
			    "lifted): serve them, but not at a library computer");
	/* Another year says which. */
	b.ends_at = now + 60 * 86400;
	assert_string_equal(ban_day(&s, &b, b.ends_at), "Jan 29, 2027");
	assert_string_equal(ban_label("other"), "Other restriction");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_building_ban_comes_before_a_computer_use_one),
		cmocka_unit_test(test_the_desk_is_told_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
