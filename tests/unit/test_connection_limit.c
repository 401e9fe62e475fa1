/* Admission of connections: the limit per address, the reserve, the trusted proxy, and what a
 * flood from one address or a few leaves for everyone else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/connection_limit.h"

static const struct connection_limits limits = {.total = 100, .per_address = 20};

static void test_verdicts(void **state)
{
	(void)state;
	static const struct {
		int held, in_use;
		bool proxy;
		enum connection_verdict want;
	} cases[] = {
		{0, 0, false, CONNECTION_ADMIT},
		{19, 50, false, CONNECTION_ADMIT},
		{20, 50, false, CONNECTION_PER_ADDRESS},
		{20, 50, true, CONNECTION_ADMIT}, /* the proxy speaks for many */
		{500, 99, true, CONNECTION_ADMIT},
		{0, 100, false, CONNECTION_FULL},
		{0, 100, true, CONNECTION_FULL},
		/* The last tenth (90 to 99) is for addresses that hold fewer than 8. */
		{7, 89, false, CONNECTION_ADMIT},
		{8, 89, false, CONNECTION_ADMIT},
		{8, 90, false, CONNECTION_RESERVE},
		{7, 90, false, CONNECTION_ADMIT},
		{7, 99, false, CONNECTION_ADMIT},
		{0, 99, false, CONNECTION_ADMIT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(
			connection_admit(&limits, cases[i].held, cases[i].in_use, cases[i].proxy),
			cases[i].want);
	for (int v = 0; v < CONNECTION__MAX; v++)
		assert_non_null(connection_verdict_text((enum connection_verdict)v));
}

/* Attackers at n addresses each open connections as fast as they are let in; what is left
 * for a newcomer, and how many may it open? */
static int left_for_a_newcomer(int attackers)
{
	int held[64] = {0}, in_use = 0;
	for (int round = 0; round < 1000; round++)
		for (int a = 0; a < attackers; a++)
			if (connection_admit(&limits, held[a], in_use, false) == CONNECTION_ADMIT)
				held[a]++, in_use++;
	int mine = 0;
	while (connection_admit(&limits, mine, in_use, false) == CONNECTION_ADMIT)
		mine++, in_use++;
	return mine;
}

static void test_floods(void **state)
{
	(void)state;
	/* One address takes its 20 of 100: the rest stays open. */
	assert_int_equal(left_for_a_newcomer(1), 20);
	/* Four take 80: a newcomer gets 10 more, then holds enough for the reserve. */
	assert_int_equal(left_for_a_newcomer(4), 10);
	/* Five share 90 (18 each) and the reserve stops them: a newcomer still gets 8. */
	assert_int_equal(left_for_a_newcomer(5), 8);
	/* Many addresses can take everything: the timeouts for slow senders and the proxy's own
	 * limits are what is left then. */
	assert_int_equal(left_for_a_newcomer(40), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_floods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
