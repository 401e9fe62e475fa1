/* CS-INPERSON and CS-EQUAL: the serving order, checked exhaustively against an independent
 * construction for every mix of walk-ins, callers and callers put on hold, and every order of
 * arrival up to five customers, then case by case from a table; the desk's moves, table by
 * table, and the set of them the desk offers each visit and person; the callback's promised
 * time; CS-ACK, CS-PHONE and the wait estimate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/i18n.h"
#include "policy/queue.h"

#define MAXN 5
#define LATEST (MAXN + 4) /* the latest arrival or hold the exhaustive test makes */

/* The policy built another way, as a clock would see it: at each instant, the walk-ins who
 * join the line then, followed by the callers put on hold then (earlier arrivals first);
 * after the last instant, the callers never put on hold, by arrival. */
static size_t reference(const struct queue_entry *in, size_t n, int64_t *ids)
{
	size_t k = 0;
	for (int64_t t = 1; t <= LATEST; t++) {
		for (size_t i = 0; i < n; i++)
			if (in[i].channel == CHANNEL_IN_PERSON && in[i].queue_at == t)
				ids[k++] = in[i].id;
		for (int64_t q = 1; q <= LATEST; q++)
			for (size_t i = 0; i < n; i++)
				if (in[i].channel == CHANNEL_PHONE && in[i].hold_at == t &&
				    in[i].queue_at == q)
					ids[k++] = in[i].id;
	}
	for (int64_t q = 1; q <= LATEST; q++)
		for (size_t i = 0; i < n; i++)
			if (in[i].channel == CHANNEL_PHONE && !in[i].hold_at && in[i].queue_at == q)
				ids[k++] = in[i].id;
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

/* Kinds of customer: a walk-in, a caller never held, and a caller put on hold 0, 1 or 3
 * seconds after calling (so that holds fall before, on and after later arrivals). */
enum { KIND_WALK_IN, KIND_CALLER, KIND_HELD_0, KIND_HELD_1, KIND_HELD_3, KINDS };
static const int hold_after[KINDS] = {-1, -1, 0, 1, 3};

/* The walk-ins queue_before puts ahead of e: with a hold, exactly those who joined the line
 * at or before it began; without one, every one. */
static void check_walk_ins_ahead(const struct queue_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (e[i].channel != CHANNEL_PHONE)
			continue;
		int ahead = 0, want = 0;
		for (size_t j = 0; j < n; j++) {
			if (e[j].channel != CHANNEL_IN_PERSON)
				continue;
			ahead += queue_before(&e[j], &e[i]);
			want += !e[i].hold_at || e[j].queue_at <= e[i].hold_at;
		}
		assert_int_equal(ahead, want);
	}
}

static void test_order_exhaustive(void **state)
{
	(void)state;
	long cases = 0;
	for (size_t n = 0; n <= MAXN; n++) {
		int mixes = 1;
		for (size_t i = 0; i < n; i++)
			mixes *= KINDS;
		for (int mix = 0; mix < mixes; mix++) {
			int arrival[MAXN];
			for (size_t i = 0; i < n; i++)
				arrival[i] = (int)i + 1;
			do {
				struct queue_entry e[MAXN];
				int64_t want[MAXN];
				int m = mix;
				for (size_t i = 0; i < n; i++, m /= KINDS) {
					int kind = m % KINDS;
					e[i].channel = kind == KIND_WALK_IN ? CHANNEL_IN_PERSON
									    : CHANNEL_PHONE;
					e[i].queue_at = arrival[i];
					e[i].hold_at = hold_after[kind] < 0
							       ? 0
							       : arrival[i] + hold_after[kind];
					/* ids do not follow arrival, so they cannot stand in for it */
					e[i].id = 100 - (int64_t)i;
				}
				check_walk_ins_ahead(e, n);
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

#define WALK_IN(at, id)                                                                            \
	{                                                                                          \
		CHANNEL_IN_PERSON, 0, at, id                                                       \
	}
#define CALLER(at, id)                                                                             \
	{                                                                                          \
		CHANNEL_PHONE, 0, at, id                                                           \
	}
#define HELD(at, hold, id)                                                                         \
	{                                                                                          \
		CHANNEL_PHONE, hold, at, id                                                        \
	}

static const struct order_case {
	const char *what;
	struct queue_entry in[4];
	size_t n;
	int64_t want[4];
} order_cases[] = {
	{"a caller never held waits behind every walk-in, even those who came later",
	 {CALLER(10, 1), WALK_IN(20, 2), WALK_IN(30, 3)},
	 3,
	 {2, 3, 1}},
	{"a caller held at 25 comes after the walk-in of 20 and before the walk-in of 30",
	 {HELD(10, 25, 1), WALK_IN(20, 2), WALK_IN(30, 3)},
	 3,
	 {2, 1, 3}},
	{"a walk-in who came the very second the hold began is served first",
	 {HELD(10, 20, 1), WALK_IN(20, 2)},
	 2,
	 {2, 1}},
	{"a caller held before any walk-in came is served first",
	 {HELD(5, 6, 1), WALK_IN(10, 2), WALK_IN(11, 3)},
	 3,
	 {1, 2, 3}},
	{"two held callers: the earlier hold first, whoever called first",
	 {HELD(1, 30, 1), HELD(2, 25, 2), WALK_IN(20, 3), WALK_IN(28, 4)},
	 4,
	 {3, 2, 4, 1}},
	{"held callers come before callers never held",
	 {CALLER(1, 1), HELD(2, 50, 2), WALK_IN(10, 3)},
	 3,
	 {3, 2, 1}},
	{"held the same second: the earlier caller",
	 {HELD(7, 9, 1), HELD(3, 9, 2), WALK_IN(9, 3)},
	 3,
	 {3, 2, 1}},
	{"walk-ins at the same time: the earlier visit", {WALK_IN(5, 9), WALK_IN(5, 4)}, 2, {4, 9}},
};

static void test_order_cases(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof order_cases / sizeof order_cases[0]; c++) {
		struct queue_entry e[4];
		memcpy(e, order_cases[c].in, sizeof e);
		queue_order(e, order_cases[c].n);
		for (size_t i = 0; i < order_cases[c].n; i++)
			if (e[i].id != order_cases[c].want[i])
				fail_msg("%s: place %zu is %lld, not %lld", order_cases[c].what, i,
					 (long long)e[i].id, (long long)order_cases[c].want[i]);
	}
}

/* One desk move: on what facts, allowed or not, to what state, and by which rule. */
static const struct move_case {
	const char *what;
	struct visit_facts v;
	enum desk_action a;
	bool allowed;
	enum visit_state to;
	const char *rule; /* when refused: the CS- rule, or NULL for an impossible move */
} move_cases[] = {
	{"a walk-in is started whoever waits",
	 {.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .in_person_ahead = 3},
	 DESK_START,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"a caller never held is not started while a walk-in waits",
	 {.state = VISIT_WAITING, .channel = CHANNEL_PHONE, .in_person_ahead = 1},
	 DESK_START,
	 false,
	 VISIT_SERVING,
	 "CS-INPERSON"},
	{"a caller is started when no walk-in waits",
	 {.state = VISIT_WAITING, .channel = CHANNEL_PHONE},
	 DESK_START,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"a held caller is not taken back while a walk-in from before the hold waits",
	 {.state = VISIT_ON_HOLD, .channel = CHANNEL_PHONE, .held = true, .in_person_ahead = 1},
	 DESK_RESUME,
	 false,
	 VISIT_SERVING,
	 "CS-INPERSON"},
	{"back from hold serves the caller when only later walk-ins wait",
	 {.state = VISIT_ON_HOLD, .channel = CHANNEL_PHONE, .held = true},
	 DESK_RESUME,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"a caller on hold is taken back with Back from hold, not Serve",
	 {.state = VISIT_ON_HOLD, .channel = CHANNEL_PHONE, .held = true},
	 DESK_START,
	 false,
	 VISIT_SERVING,
	 NULL},
	{"one at a time: no Serve while serving someone else",
	 {.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .actor_busy = true},
	 DESK_START,
	 false,
	 VISIT_SERVING,
	 NULL},
	{"one at a time: no Back from hold while serving someone else",
	 {.state = VISIT_ON_HOLD, .channel = CHANNEL_PHONE, .held = true, .actor_busy = true},
	 DESK_RESUME,
	 false,
	 VISIT_SERVING,
	 NULL},
	{"a phone caller is never a no-show",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_PHONE,
	  .called_by_next = true,
	  .seconds_since_called = 600,
	  .no_show_after_s = 60},
	 DESK_NO_SHOW,
	 false,
	 VISIT_NO_SHOW,
	 NULL},
	{"a phone caller is given no tour",
	 {.state = VISIT_SERVING, .channel = CHANNEL_PHONE, .today = true, .is_new = true},
	 DESK_TOUR,
	 false,
	 VISIT_SERVING,
	 NULL},
	{"a caller back from hold is started when only later walk-ins wait",
	 {.state = VISIT_WAITING, .channel = CHANNEL_PHONE, .held = true},
	 DESK_START,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"a finished visit is not started again",
	 {.state = VISIT_FINISHED, .channel = CHANNEL_PHONE},
	 DESK_START,
	 false,
	 VISIT_SERVING,
	 NULL},
	{"a tour is given to a customer who is not new",
	 {.state = VISIT_SERVING, .channel = CHANNEL_IN_PERSON, .today = true},
	 DESK_TOUR,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"a tour is given to a new customer being served",
	 {.state = VISIT_SERVING, .channel = CHANNEL_IN_PERSON, .today = true, .is_new = true},
	 DESK_TOUR,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"a tour offered may still be given or declined",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .tour = TOUR_OFFERED},
	 DESK_TOUR,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"no tour is recorded for a customer still waiting",
	 {.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .today = true, .is_new = true},
	 DESK_TOUR,
	 false,
	 VISIT_WAITING,
	 NULL},
	{"no tour is recorded for a caller on hold",
	 {.state = VISIT_ON_HOLD, .channel = CHANNEL_PHONE, .today = true},
	 DESK_TOUR,
	 false,
	 VISIT_ON_HOLD,
	 NULL},
	{"no tour is recorded once the visit is over",
	 {.state = VISIT_FINISHED, .channel = CHANNEL_IN_PERSON, .today = true},
	 DESK_TOUR,
	 false,
	 VISIT_FINISHED,
	 NULL},
	{"a tour given is not recorded again",
	 {.state = VISIT_SERVING, .channel = CHANNEL_IN_PERSON, .today = true, .tour = TOUR_GIVEN},
	 DESK_TOUR,
	 false,
	 VISIT_SERVING,
	 NULL},
	{"a tour declined is not recorded again",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .tour = TOUR_DECLINED},
	 DESK_TOUR,
	 false,
	 VISIT_SERVING,
	 NULL},
	{"a waiting customer is marked new",
	 {.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .today = true},
	 DESK_MARK_NEW,
	 true,
	 VISIT_WAITING,
	 NULL},
	{"a customer being served is marked new",
	 {.state = VISIT_SERVING, .channel = CHANNEL_PHONE, .today = true},
	 DESK_MARK_NEW,
	 true,
	 VISIT_SERVING,
	 NULL},
	{"a customer served earlier today is marked new",
	 {.state = VISIT_FINISHED, .channel = CHANNEL_IN_PERSON, .today = true},
	 DESK_MARK_NEW,
	 true,
	 VISIT_FINISHED,
	 NULL},
	{"a caller promised a callback is not marked new until they are talked with",
	 {.state = VISIT_CALLBACK, .channel = CHANNEL_PHONE, .today = true},
	 DESK_MARK_NEW,
	 false,
	 VISIT_CALLBACK,
	 NULL},
	{"a customer who did not come is not marked new",
	 {.state = VISIT_NO_SHOW, .channel = CHANNEL_IN_PERSON, .today = true},
	 DESK_MARK_NEW,
	 false,
	 VISIT_NO_SHOW,
	 NULL},
	{"a customer new already is not marked new again",
	 {.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .today = true, .is_new = true},
	 DESK_MARK_NEW,
	 false,
	 VISIT_WAITING,
	 NULL},
	{"a visit of an earlier day is not marked new",
	 {.state = VISIT_FINISHED, .channel = CHANNEL_IN_PERSON},
	 DESK_MARK_NEW,
	 false,
	 VISIT_FINISHED,
	 NULL},
};

static void test_moves(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof move_cases / sizeof move_cases[0]; c++) {
		const struct move_case *m = &move_cases[c];
		enum visit_state to;
		const char *why, *rule;
		bool allowed = visit_may(&m->v, m->a, &to, &why, &rule);
		if (allowed != m->allowed)
			fail_msg("%s: %s", m->what, allowed ? "allowed" : why);
		if (allowed ? why != NULL : why == NULL || !*why)
			fail_msg("%s: the reason is wrong", m->what);
		if (to != m->to)
			fail_msg("%s: goes to %s", m->what, visit_state_name(to));
		if (!allowed && (m->rule ? !rule || strcmp(rule, m->rule) : rule != NULL))
			fail_msg("%s: rule %s", m->what, rule ? rule : "none");
	}
}

static void test_a_held_caller_is_told_who_comes_first(void **state)
{
	(void)state;
	enum visit_state to;
	const char *why, *rule;
	struct visit_facts held = {.state = VISIT_WAITING,
				   .channel = CHANNEL_PHONE,
				   .held = true,
				   .in_person_ahead = 2};
	assert_false(visit_may(&held, DESK_START, &to, &why, &rule));
	assert_non_null(strstr(why, "when this caller was put on hold"));
	assert_non_null(strstr(why, "walk-ins who came later wait"));
	held.held = false;
	assert_false(visit_may(&held, DESK_START, &to, &why, &rule));
	assert_non_null(strstr(why, "offer this caller a callback"));
}

/* CS-NEWCUST's refusals say what to do instead, in the desk's words. */
static void test_a_tour_and_a_new_customer_are_refused_in_plain_words(void **state)
{
	(void)state;
	enum visit_state to;
	const char *why, *rule;
	struct visit_facts v = {
		.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .today = true};
	assert_false(visit_may(&v, DESK_TOUR, &to, &why, &rule));
	assert_non_null(strstr(why, "start the visit first (CS-NEWCUST)"));
	v.state = VISIT_SERVING;
	v.tour = TOUR_GIVEN;
	assert_false(visit_may(&v, DESK_TOUR, &to, &why, &rule));
	assert_non_null(strstr(why, "given the tour already (CS-NEWCUST)"));
	v.tour = TOUR_DECLINED;
	assert_false(visit_may(&v, DESK_TOUR, &to, &why, &rule));
	assert_non_null(strstr(why, "declined the tour already"));
	v = (struct visit_facts){.state = VISIT_CALLBACK, .channel = CHANNEL_PHONE, .today = true};
	assert_false(visit_may(&v, DESK_MARK_NEW, &to, &why, &rule));
	assert_non_null(strstr(why, "mark them new while you are talking with them"));
}

/* CS-INPERSON's own example: a renewal call that comes while the desk serves someone in the
 * library is asked to hold at once, and the hold puts it right after that customer's line. */
static void test_a_renewal_call_holds_while_a_walkin_is_served(void **state)
{
	(void)state;
	assert_int_equal(visit_arrival_state(CHANNEL_PHONE, true, true), VISIT_ON_HOLD);
	/* Free, or any other call, or a walk-in: the line as ever. */
	assert_int_equal(visit_arrival_state(CHANNEL_PHONE, true, false), VISIT_WAITING);
	assert_int_equal(visit_arrival_state(CHANNEL_PHONE, false, true), VISIT_WAITING);
	assert_int_equal(visit_arrival_state(CHANNEL_IN_PERSON, true, true), VISIT_WAITING);
	assert_non_null(strstr(renewal_hold_words, "Ask the caller to please hold"));

	/* Marked afterwards: a waiting call marked while serving a walk-in is held then. */
	enum visit_state to;
	const char *why, *rule;
	struct visit_facts p = {.state = VISIT_WAITING,
				.channel = CHANNEL_PHONE,
				.actor_busy = true,
				.actor_serving_walkin = true};
	assert_true(visit_may(&p, DESK_RENEWAL, &to, &why, &rule));
	assert_int_equal(to, VISIT_ON_HOLD);
	p.actor_serving_walkin = false;
	assert_true(visit_may(&p, DESK_RENEWAL, &to, &why, &rule));
	assert_int_equal(to, VISIT_WAITING);
	p.state = VISIT_SERVING; /* the caller being served says it is a renewal: served still */
	p.actor_serving_walkin = true;
	assert_true(visit_may(&p, DESK_RENEWAL, &to, &why, &rule));
	assert_int_equal(to, VISIT_SERVING);
	p.renewal = true;
	assert_false(visit_may(&p, DESK_RENEWAL, &to, &why, &rule));
	assert_non_null(strstr(why, "already"));
	p = (struct visit_facts){.state = VISIT_FINISHED, .channel = CHANNEL_PHONE};
	assert_false(visit_may(&p, DESK_RENEWAL, &to, &why, &rule));
	p = (struct visit_facts){.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON};
	assert_false(visit_may(&p, DESK_RENEWAL, &to, &why, &rule));
	assert_non_null(strstr(why, "phone call"));

	/* The caller held at arrival comes right after the walk-in present then, before a
	 * walk-in who came later; a call never held waits behind them all. */
	struct queue_entry e[] = {
		{CHANNEL_PHONE, 0, 1, 1},      /* an earlier call, never held */
		{CHANNEL_IN_PERSON, 0, 12, 4}, /* came after the hold */
		{CHANNEL_PHONE, 10, 10, 3},    /* the renewal call, held as it came */
		{CHANNEL_IN_PERSON, 0, 5, 2},  /* waiting when the call came */
	};
	queue_order(e, 4);
	assert_int_equal(e[0].id, 2);
	assert_int_equal(e[1].id, 3);
	assert_int_equal(e[2].id, 4);
	assert_int_equal(e[3].id, 1);
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

	struct visit_facts p = {
		.state = VISIT_WAITING, .channel = CHANNEL_PHONE, .in_person_ahead = 1};
	assert_true(visit_may(&p, DESK_HOLD, &to, &why, &rule));
	assert_int_equal(to, VISIT_ON_HOLD);
	assert_true(visit_may(&p, DESK_CALLBACK, &to, &why, &rule));
	assert_int_equal(to, VISIT_CALLBACK);
	p.state = VISIT_ON_HOLD;
	p.held = true;
	p.in_person_ahead = 0;
	assert_true(visit_may(&p, DESK_RESUME, &to, &why, &rule)); /* the phone picked up again */
	assert_int_equal(to, VISIT_SERVING);
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
	assert_false(visit_may(&n, DESK_ACTION__MAX, &to, &why, &rule));
}

/* The set of moves the desk offers: for each visit, what a staff member on duty there may do
 * now, and what waits only for the line or the clock. */
#define B(a) DESK_BIT(DESK_##a)
static const struct actions_case {
	const char *what;
	struct visit_facts v;
	unsigned allowed, later;
} actions_cases[] = {
	{"a walk-in waiting",
	 {.state = VISIT_WAITING,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .in_person_ahead = 2},
	 B(ACKNOWLEDGE) | B(START) | B(MARK_NEW),
	 0},
	{"a phone caller with a walk-in ahead: no Serve yet (CS-INPERSON)",
	 {.state = VISIT_WAITING, .channel = CHANNEL_PHONE, .today = true, .in_person_ahead = 1},
	 B(ACKNOWLEDGE) | B(HOLD) | B(CALLBACK) | B(MARK_NEW) | B(RENEWAL),
	 B(START)},
	{"a phone caller acknowledged, nobody in person ahead",
	 {.state = VISIT_WAITING, .channel = CHANNEL_PHONE, .today = true, .acknowledged = true},
	 B(START) | B(HOLD) | B(CALLBACK) | B(MARK_NEW) | B(RENEWAL),
	 0},
	{"a caller on hold with a walk-in from before the hold",
	 {.state = VISIT_ON_HOLD,
	  .channel = CHANNEL_PHONE,
	  .today = true,
	  .held = true,
	  .in_person_ahead = 1},
	 B(CALLBACK) | B(MARK_NEW) | B(RENEWAL),
	 B(RESUME)},
	{"a caller on hold, only later walk-ins waiting",
	 {.state = VISIT_ON_HOLD, .channel = CHANNEL_PHONE, .today = true, .held = true},
	 B(RESUME) | B(CALLBACK) | B(MARK_NEW) | B(RENEWAL),
	 0},
	{"a walk-in waiting while the reader serves someone else: Serve once finished",
	 {.state = VISIT_WAITING, .channel = CHANNEL_IN_PERSON, .today = true, .actor_busy = true},
	 B(ACKNOWLEDGE) | B(MARK_NEW),
	 B(START)},
	{"served, called with next a moment ago: no Did not come yet",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .called_by_next = true,
	  .seconds_since_called = 5,
	  .no_show_after_s = 60},
	 B(FINISH) | B(TOUR) | B(MARK_NEW),
	 B(NO_SHOW)},
	{"served, called with next long enough ago",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .called_by_next = true,
	  .seconds_since_called = 60,
	  .no_show_after_s = 60},
	 B(FINISH) | B(NO_SHOW) | B(TOUR) | B(MARK_NEW),
	 0},
	{"served, started by hand: never Did not come",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .seconds_since_called = 0,
	  .no_show_after_s = 60},
	 B(FINISH) | B(TOUR) | B(MARK_NEW),
	 0},
	{"a phone caller being served, new already: no tour, no Did not come",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_PHONE,
	  .today = true,
	  .is_new = true,
	  .called_by_next = true,
	  .seconds_since_called = 600,
	  .no_show_after_s = 60},
	 B(FINISH) | B(HOLD) | B(CALLBACK) | B(RENEWAL),
	 0},
	{"a phone caller being served, given the tour already",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_PHONE,
	  .today = true,
	  .is_new = true,
	  .tour = TOUR_GIVEN},
	 B(FINISH) | B(HOLD) | B(CALLBACK) | B(RENEWAL),
	 0},
	{"a walk-in being served, offered a tour: given or declined next",
	 {.state = VISIT_SERVING,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .tour = TOUR_OFFERED},
	 B(FINISH) | B(TOUR) | B(MARK_NEW),
	 0},
	{"a callback promised: not marked new until they are talked with",
	 {.state = VISIT_CALLBACK, .channel = CHANNEL_PHONE, .today = true, .held = true},
	 B(CALLBACK_DONE),
	 0},
	{"a callback promised on an earlier day",
	 {.state = VISIT_CALLBACK, .channel = CHANNEL_PHONE},
	 B(CALLBACK_DONE),
	 0},
	{"a no-show",
	 {.state = VISIT_NO_SHOW,
	  .channel = CHANNEL_IN_PERSON,
	  .today = true,
	  .called_by_next = true},
	 B(RETURN),
	 0},
};

static void test_actions(void **state)
{
	(void)state;
	struct actor_facts staff = {ROLE_STAFF, true, false};
	for (size_t c = 0; c < sizeof actions_cases / sizeof actions_cases[0]; c++) {
		const struct actions_case *m = &actions_cases[c];
		unsigned got = visit_actions(&m->v, &staff),
			 later = visit_actions_later(&m->v, &staff);
		if (got != m->allowed || later != m->later)
			fail_msg("%s: actions %#x (want %#x), later %#x (want %#x)", m->what, got,
				 m->allowed, later, m->later);
	}
}

/* One source of truth: over every mix of facts, the set is what visit_may allows, bit by bit;
 * what waits for the line, the clock or the reader's customer is never in it, and is only
 * Serve, Back from hold or Did not come. */
static void test_actions_are_visit_may(void **state)
{
	(void)state;
	struct actor_facts staff = {ROLE_STAFF, true, false};
	for (int st = 0; st < VISIT_STATE__MAX; st++)
		for (int bits = 0; bits < 1 << 14; bits++) {
			struct visit_facts v = {
				.state = (enum visit_state)st,
				.channel = bits & 1 ? CHANNEL_PHONE : CHANNEL_IN_PERSON,
				.acknowledged = bits & 2,
				.called_by_next = bits & 4,
				.held = bits & 8,
				.today = bits & 16,
				.is_new = bits & 32,
				.in_person_ahead = bits & 64 ? 2 : 0,
				.seconds_since_called = bits & 128 ? 90 : 10,
				.no_show_after_s = bits & 256 ? 60 : 0,
				.tour = (enum tour_outcome)(bits >> 9 & 3),
				.actor_busy = bits & 2048,
				.renewal = bits & 4096,
				.actor_serving_walkin = bits & 8192,
			};
			unsigned set = visit_actions(&v, &staff),
				 later = visit_actions_later(&v, &staff);
			for (int a = 0; a < DESK_ACTION__MAX; a++) {
				enum visit_state to;
				const char *why, *rule;
				bool may = visit_may(&v, (enum desk_action)a, &to, &why, &rule);
				assert_int_equal(may, (set & DESK_BIT(a)) != 0);
			}
			assert_int_equal(set & later, 0);
			assert_int_equal(later & ~(B(START) | B(RESUME) | B(NO_SHOW)), 0);
		}
}

/* The person matters: everyone on duty at the branch works its queue (the matrix lets every
 * role, volunteers and pages too), nobody off duty there does, and the command line does. */
static void test_actions_depend_on_who(void **state)
{
	(void)state;
	struct visit_facts v = {.state = VISIT_WAITING,
				.channel = CHANNEL_PHONE,
				.today = true,
				.in_person_ahead = 1};
	struct actor_facts staff = {ROLE_STAFF, true, false};
	unsigned want = visit_actions(&v, &staff);
	assert_int_not_equal(want, 0);
	for (int r = 0; r < ROLE__MAX; r++) {
		struct actor_facts on = {(enum role)r, true, false},
				   off = {(enum role)r, false, false};
		assert_int_equal(visit_actions(&v, &on),
				 role_may((enum role)r, ACTION_QUEUE_WORK) ? want : 0);
		assert_int_equal(visit_actions(&v, &off), 0);
		assert_int_equal(visit_actions_later(&v, &off), 0);
		assert_false(actor_works_desk(&off));
	}
	struct actor_facts volunteer = {ROLE_VOLUNTEER, true, false};
	assert_int_equal(visit_actions(&v, &volunteer), want);
	assert_int_equal(visit_actions_later(&v, &volunteer), B(START));
	struct actor_facts cli = {.command_line = true};
	assert_int_equal(visit_actions(&v, &cli), want);
}
#undef B

static void test_a_callback_is_promised_for_a_time_to_come(void **state)
{
	(void)state;
	int64_t now = 1800000000;
	assert_true(callback_time_ok(now + 3600, now));
	assert_true(callback_time_ok(now, now));
	/* A minute's grace for the clocks, and not a second more. */
	assert_true(callback_time_ok(now - CALLBACK_PAST_GRACE_S, now));
	assert_false(callback_time_ok(now - CALLBACK_PAST_GRACE_S - 1, now));
	assert_false(callback_time_ok(now - 86400, now));
}

static void test_names(void **state)
{
	(void)state;
	for (int c = 0; c < CHANNEL__MAX; c++)
		assert_int_equal(vocab_from_name(&vocab_channel, channel_name((enum channel)c)), c);
	for (int s = 0; s < VISIT_STATE__MAX; s++)
		assert_int_equal(
			vocab_from_name(&vocab_visit_state, visit_state_name((enum visit_state)s)),
			s);
	assert_int_equal(vocab_from_name(&vocab_channel, "fax"), -1);
	assert_int_equal(vocab_from_name(&vocab_tour_outcome, "given"), TOUR_GIVEN);
	assert_int_equal(vocab_from_name(&vocab_tour_outcome, "maybe"), -1);
	/* Each outcome a choice with its own name and plain words; no tour is no choice. */
	assert_null(tour_outcome_name(TOUR_NONE));
	for (int t = TOUR_NONE + 1; t < TOUR__MAX; t++) {
		assert_int_equal(vocab_from_name(&vocab_tour_outcome,
						 tour_outcome_name((enum tour_outcome)t)),
				 t);
		assert_string_not_equal(tour_outcome_label((enum tour_outcome)t),
					tour_outcome_name((enum tour_outcome)t));
	}
	assert_string_equal(tour_outcome_label(TOUR_DECLINED), "Declined the tour");
	/* Every desk action has its own name, the one the API path uses. */
	for (int a = 0; a < DESK_ACTION__MAX; a++) {
		assert_string_not_equal(desk_action_name((enum desk_action)a), "unknown");
		for (int b = 0; b < a; b++)
			assert_string_not_equal(desk_action_name((enum desk_action)a),
						desk_action_name((enum desk_action)b));
	}
	assert_string_equal(desk_action_name(DESK_MARK_NEW), "new");
}

static void test_greeting_and_estimate(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	phone_greeting(LANG_ENGLISH, 9, "Durant Public Library", "Beverly Sims", NULL, &b);
	assert_string_equal(buf_str(&b), "Good morning, Durant Public Library, this is Beverly. "
					 "How may I help you?");
	buf_reset(&b);
	phone_greeting(LANG_ENGLISH, 13, "X", "Curtis", NULL, &b);
	assert_string_equal(buf_str(&b), "Good afternoon, X, this is Curtis. How may I help you?");
	buf_reset(&b);
	phone_greeting(LANG_ENGLISH, 18, "X", "Y", NULL, &b);
	assert_non_null(strstr(buf_str(&b), "Good evening"));
	buf_reset(&b);
	phone_greeting(LANG_ENGLISH, 19, "X", "Curtis", "tomorrow at 09:00", &b);
	assert_string_equal(buf_str(&b), "Good evening, X, this is Curtis. We are closed now and "
					 "open again tomorrow at 09:00. How may I help you?");
	/* In Spanish, for a caller who speaks it: "usted", and the branch's name as it is. */
	buf_reset(&b);
	phone_greeting(i18n_find("es"), 9, "Durant Public Library", "Beverly Sims", NULL, &b);
	assert_string_equal(buf_str(&b), "Buenos días, Durant Public Library, le habla Beverly. "
					 "¿En qué le puedo ayudar?");
	buf_reset(&b);
	phone_greeting(i18n_find("es"), 21, "X", "Curtis", NULL, &b);
	assert_string_equal(buf_str(&b),
			    "Buenas noches, X, le habla Curtis. ¿En qué le puedo ayudar?");
	buf_reset(&b);
	phone_greeting(LANG_ENGLISH, 21, "X", "Curtis", NULL, &b);
	assert_string_equal(buf_str(&b), "Good evening, X, this is Curtis. How may I help you?");
	buf_reset(&b);
	phone_greeting(i18n_find("es"), 19, "X", "Curtis", "mañana a las 9 a. m.", &b);
	assert_string_equal(buf_str(&b), "Buenas tardes, X, le habla Curtis. En este momento "
					 "estamos cerrados; volvemos a abrir mañana a las 9 a. m. "
					 "¿En qué le puedo ayudar?");
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
		cmocka_unit_test(test_order_cases),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_a_held_caller_is_told_who_comes_first),
		cmocka_unit_test(test_a_tour_and_a_new_customer_are_refused_in_plain_words),
		cmocka_unit_test(test_a_renewal_call_holds_while_a_walkin_is_served),
		cmocka_unit_test(test_state_machine),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_actions_are_visit_may),
		cmocka_unit_test(test_actions_depend_on_who),
		cmocka_unit_test(test_a_callback_is_promised_for_a_time_to_come),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_greeting_and_estimate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
