/* CS-INPERSON and CS-EQUAL: the serving order, checked exhaustively against an independent
 * construction for every mix of channels and every order of arrival up to six customers;
 * the desk state machine; CS-ACK, CS-PHONE and the wait estimate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/queue.h"

#define MAXN 6

/* The policy built another way: walk-ins by arrival, then callers back from hold by arrival,
 * then the other callers by arrival. */
static size_t reference(const struct queue_entry *in, size_t n, int64_t *ids)
{
	size_t k = 0;
	for (int group = 0; group < 3; group++) {
		for (int64_t t = 0; t < MAXN; t++)
			for (size_t i = 0; i < n; i++) {
				int g = in[i].channel == CHANNEL_IN_PERSON ? 0
					: in[i].resumed			   ? 1
									   : 2;
				if (g == group && in[i].queue_at == t)
					ids[k++] = in[i].id;
			}
	}
	return k;
}

static bool next_permutation(int *a, size_t n)
{
	if (n < 2)
		return false;
	size_t i = n - 1;
	while (i > 0 && a[i - 1] >= a[i])
		i--;
	if (i == 0)
		return false;
	size_t j = n - 1;
	while (a[j] <= a[i - 1])
		j--;
	int t = a[i - 1];
	a[i - 1] = a[j];
	a[j] = t;
	for (size_t l = i, r = n - 1; l < r; l++, r--) {
		t = a[l];
		a[l] = a[r];
		a[r] = t;
	}
	return true;
}

static void test_order_exhaustive(void **state)
{
	(void)state;
	long cases = 0;
	for (size_t n = 0; n <= MAXN; n++) {
		int kinds = 1;
		for (size_t i = 0; i < n; i++)
			kinds *= 3;
		for (int mix = 0; mix < kinds; mix++) {
			int arrival[MAXN];
			for (size_t i = 0; i < n; i++)
				arrival[i] = (int)i;
			do {
				struct queue_entry e[MAXN];
				int64_t want[MAXN];
				int m = mix;
				for (size_t i = 0; i < n; i++, m /= 3) {
					e[i].channel =
						m % 3 == 0 ? CHANNEL_IN_PERSON : CHANNEL_PHONE;
					e[i].resumed = m % 3 == 2;
					e[i].queue_at = arrival[i];
					/* ids do not follow arrival, so they cannot stand in for it */
					e[i].id = 100 - (int64_t)i;
				}
				size_t k = reference(e, n, want);
				assert_int_equal(k, n);
				queue_order(e, n);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(e[i].id, want[i]);
				cases++;
			} while (next_permutation(arrival, n));
		}
	}
	print_message("  %ld arrangements checked\n", cases);
}

static void test_phone_first_arrival_still_after_walkins(void **state)
{
	(void)state;
	struct queue_entry e[] = {
		{CHANNEL_PHONE, false, 10, 1},
		{CHANNEL_IN_PERSON, false, 20, 2},
		{CHANNEL_IN_PERSON, false, 30, 3},
	};
	queue_order(e, 3);
	assert_int_equal(e[0].id, 2);
	assert_int_equal(e[1].id, 3);
	assert_int_equal(e[2].id, 1);
	/* Same time: the earlier visit. */
	struct queue_entry f[] = {{CHANNEL_IN_PERSON, false, 5, 9},
				  {CHANNEL_IN_PERSON, false, 5, 4}};
	queue_order(f, 2);
	assert_int_equal(f[0].id, 4);
}

static void test_state_machine(void **state)
{
	(void)state;
	enum visit_state to;
	const char *why, *rule;
	struct visit_facts v = {
		.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .no_show_after_s = 120};
	assert_true(visit_may(&v, DESK_ACKNOWLEDGE, &to, &why, &rule));
	v.acknowledged = true;
	assert_false(visit_may(&v, DESK_ACKNOWLEDGE, &to, &why, &rule));
	assert_false(visit_may(&v, DESK_FINISH, &to, &why, &rule)); /* finish before start */
	assert_non_null(why);
	assert_true(visit_may(&v, DESK_START, &to, &why, &rule));
	assert_int_equal(to, VISIT_SERVING);
	assert_false(visit_may(&v, DESK_HOLD, &to, &why, &rule)); /* walk-ins are not held */
	assert_false(visit_may(&v, DESK_CALLBACK, &to, &why, &rule));

	/* CS-INPERSON: a caller is not started while walk-ins wait. */
	struct visit_facts p = {
		.state = VISIT_WAITING, .channel = CHANNEL_PHONE, .in_person_waiting = 1};
	assert_false(visit_may(&p, DESK_START, &to, &why, &rule));
	assert_string_equal(rule, "CS-INPERSON");
	assert_true(visit_may(&p, DESK_HOLD, &to, &why, &rule));
	assert_int_equal(to, VISIT_ON_HOLD);
	assert_true(visit_may(&p, DESK_CALLBACK, &to, &why, &rule));
	assert_int_equal(to, VISIT_CALLBACK);
	p.in_person_waiting = 0;
	assert_true(visit_may(&p, DESK_START, &to, &why, &rule));
	p.state = VISIT_ON_HOLD;
	assert_true(visit_may(&p, DESK_RESUME, &to, &why, &rule));
	assert_int_equal(to, VISIT_WAITING);
	p.state = VISIT_CALLBACK;
	assert_true(visit_may(&p, DESK_CALLBACK_DONE, &to, &why, &rule));
	assert_int_equal(to, VISIT_FINISHED);
	p.state = VISIT_FINISHED;
	assert_false(visit_may(&p, DESK_CALLBACK, &to, &why, &rule));

	/* No-shows: only after next, only after the configured time; then back in line. */
	struct visit_facts n = {.state = VISIT_SERVING,
				.channel = CHANNEL_IN_PERSON,
				.called_by_next = true,
				.seconds_since_called = 30,
				.no_show_after_s = 120};
	assert_false(visit_may(&n, DESK_NO_SHOW, &to, &why, &rule));
	n.seconds_since_called = 120;
	assert_true(visit_may(&n, DESK_NO_SHOW, &to, &why, &rule));
	n.called_by_next = false;
	assert_false(visit_may(&n, DESK_NO_SHOW, &to, &why, &rule));
	n.state = VISIT_NO_SHOW;
	assert_true(visit_may(&n, DESK_RETURN, &to, &why, &rule));
	assert_int_equal(to, VISIT_WAITING);

	/* CS-NEWCUST: tours for new customers only. */
	struct visit_facts t = {.state = VISIT_SERVING, .channel = CHANNEL_IN_PERSON};
	assert_false(visit_may(&t, DESK_TOUR, &to, &why, &rule));
	assert_string_equal(rule, "CS-NEWCUST");
	t.is_new = true;
	assert_true(visit_may(&t, DESK_TOUR, &to, &why, &rule));
}

static void test_names(void **state)
{
	(void)state;
	for (int c = 0; c < CHANNEL__MAX; c++)
		assert_int_equal(channel_from_name(channel_name((enum channel)c)), c);
	for (int s = 0; s < VISIT_STATE__MAX; s++)
		assert_int_equal(visit_state_from_name(visit_state_name((enum visit_state)s)), s);
	assert_int_equal(channel_from_name("fax"), -1);
	assert_int_equal(tour_outcome_from_name("given"), TOUR_GIVEN);
	assert_int_equal(tour_outcome_from_name("maybe"), -1);
}

static void test_greeting_and_estimate(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	phone_greeting(9, "Durant Public Library", "Beverly Sims", NULL, &b);
	assert_string_equal(buf_str(&b), "Good morning, Durant Public Library, this is Beverly. "
					 "How may I help you?");
	buf_reset(&b);
	phone_greeting(13, "X", "Curtis", NULL, &b);
	assert_string_equal(buf_str(&b), "Good afternoon, X, this is Curtis. How may I help you?");
	buf_reset(&b);
	phone_greeting(18, "X", "Y", NULL, &b);
	assert_non_null(strstr(buf_str(&b), "Good evening"));
	buf_reset(&b);
	phone_greeting(19, "X", "Curtis", "tomorrow at 09:00", &b);
	assert_string_equal(buf_str(&b), "Good evening, X, this is Curtis. We are closed now and "
					 "open again tomorrow at 09:00. How may I help you?");
	buf_free(&b);

	int times[] = {300, 60, 120};
	assert_int_equal(wait_estimate_s(0, times, 3, 1), 0);
	assert_int_equal(wait_estimate_s(2, times, 3, 1), 240); /* median 120 x 2 */
	assert_int_equal(wait_estimate_s(2, times, 3, 2), 120);
	assert_int_equal(wait_estimate_s(1, NULL, 0, 0), 180);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_exhaustive),
		cmocka_unit_test(test_phone_first_arrival_still_after_walkins),
		cmocka_unit_test(test_state_machine),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_greeting_and_estimate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
