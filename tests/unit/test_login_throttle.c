/* Failed-login throttling: each limit on its own, then attackers simulated second by second:
 * one address flooding an account never holds up its owner elsewhere, and guessing from many
 * addresses stays under ASVS V2.2.1's 100 an hour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/login_throttle.h"

#define NOW 1000000

static struct login_failures f(int count, int64_t ago_s)
{
	return (struct login_failures){count, count ? NOW - ago_s : 0};
}

static void test_each_limit(void **state)
{
	(void)state;
	static const struct {
		int pair, pair_ago, address, address_ago, account, account_ago;
		bool familiar;
		int wait;
	} cases[] = {
		{0, 0, 0, 0, 0, 0, false, 0},
		/* One login from one address. */
		{4, 0, 4, 0, 4, 0, false, 0},
		{5, 0, 5, 0, 5, 0, false, 15},
		{5, 10, 5, 10, 5, 10, false, 5},
		{5, 15, 5, 15, 5, 15, false, 0},
		{6, 0, 6, 0, 6, 0, false, 30},
		{7, 0, 7, 0, 7, 0, false, 60},
		{13, 0, 13, 0, 13, 0, true, 900}, /* capped; familiar or not */
		{13, 899, 13, 899, 13, 899, false, 1},
		/* One address, many logins. */
		{1, 0, 29, 0, 1, 0, false, 0},
		{1, 0, 30, 0, 1, 0, false, 60},
		{1, 0, 30, 50, 1, 0, false, 10},
		{1, 0, 40, 0, 1, 0, false, 120},
		{1, 0, 1000, 0, 1, 0, false, 3600},
		/* One login, many addresses: only where it has not succeeded lately. */
		{0, 0, 0, 0, 19, 0, false, 0},
		{0, 0, 0, 0, 20, 0, false, 30},
		{0, 0, 0, 0, 20, 0, true, 0},
		{0, 0, 0, 0, 20, 29, false, 1},
		{0, 0, 0, 0, 40, 0, false, 60},
		{0, 0, 0, 0, 500, 0, false, 60},
		{0, 0, 0, 0, 500, 0, true, 0},
		{2, 0, 2, 0, 500, 0, true, 0},
		/* The longest of the three. */
		{5, 0, 30, 0, 40, 0, false, 60},
		{9, 0, 30, 0, 40, 0, false, 240},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct login_attempt a = {
			.pair = f(cases[i].pair, cases[i].pair_ago),
			.address = f(cases[i].address, cases[i].address_ago),
			.account = f(cases[i].account, cases[i].account_ago),
			.familiar = cases[i].familiar,
		};
		assert_int_equal(login_throttle_wait_s(&a, NOW), cases[i].wait);
	}
}

/* Failures at the times of a history, counted over the hour before now. */
struct history {
	int64_t at[4096];
	int n;
};

static struct login_failures window(const struct history *h, int64_t now)
{
	struct login_failures w = {0, 0};
	for (int i = 0; i < h->n; i++)
		if (h->at[i] > now - THROTTLE_WINDOW_S && h->at[i] <= now) {
			w.count++;
			w.last_at = h->at[i];
		}
	return w;
}

static int most_in_an_hour(const struct history *h)
{
	int most = 0;
	for (int i = 0; i < h->n; i++) {
		struct login_failures w = window(h, h->at[i]);
		if (w.count > most)
			most = w.count;
	}
	return most;
}

/* One address guesses one account's password the moment it is let, for five hours; the owner
 * tries from another address, one she has never used, every second of it. */
static void test_a_flood_from_one_address_never_holds_up_the_owner(void **state)
{
	(void)state;
	static struct history flood;
	flood.n = 0;
	for (int64_t t = 0; t < 5 * 3600; t++) {
		struct login_failures w = window(&flood, t);
		struct login_attempt attacker = {.pair = w, .address = w, .account = w};
		if (login_throttle_wait_s(&attacker, t) == 0)
			flood.at[flood.n++] = t;
		struct login_attempt owner = {.account = window(&flood, t)};
		assert_int_equal(login_throttle_wait_s(&owner, t), 0);
	}
	assert_true(most_in_an_hour(&flood) < THROTTLE_ACCOUNT_FREE_FAILURES);
	assert_true(flood.n > 20); /* it did keep guessing, slowly */
}

/* Guesses at one account from as many addresses as the attacker likes (each fresh). */
static void test_guessing_from_many_addresses_stays_under_100_an_hour(void **state)
{
	(void)state;
	static struct history guesses;
	guesses.n = 0;
	for (int64_t t = 0; t < 5 * 3600; t++) {
		struct login_attempt a = {.account = window(&guesses, t)};
		if (login_throttle_wait_s(&a, t) == 0)
			guesses.at[guesses.n++] = t;
		/* The owner at her usual desk gets in whenever she tries. */
		struct login_attempt owner = {.account = window(&guesses, t), .familiar = true};
		assert_int_equal(login_throttle_wait_s(&owner, t), 0);
	}
	assert_true(most_in_an_hour(&guesses) < 100);
	assert_true(most_in_an_hour(&guesses) >= THROTTLE_ACCOUNT_FREE_FAILURES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_limit),
		cmocka_unit_test(test_a_flood_from_one_address_never_holds_up_the_owner),
		cmocka_unit_test(test_guessing_from_many_addresses_stays_under_100_an_hour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
