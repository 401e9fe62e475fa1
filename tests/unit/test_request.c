/* CS-ALT's closing rule over every combination of offers that matters, the avenues the close
 * screen lists for each outcome, case by case from a table, and CS-REFER's ladder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/request.h"

/* One offer made to the customer: an alternative or a referral elsewhere, and the answer. */
enum answer { UNANSWERED, ACCEPTED, DECLINED, ANSWERS };
struct offer {
	bool referral;
	enum answer answer;
};

#define MAX_OFFERS 4

static struct close_facts facts(const struct offer *o, int n, bool hq, bool noted)
{
	struct close_facts f = {.reached_headquarters = hq, .noted = noted};
	for (int i = 0; i < n; i++) {
		f.offered++;
		f.accepted += o[i].answer == ACCEPTED;
		f.declined += o[i].answer == DECLINED;
		f.referrals += o[i].referral;
		f.referrals_declined += o[i].referral && o[i].answer == DECLINED;
	}
	return f;
}

/* The rule as docs/policy.md words it, written out again over the offers themselves. */
static bool expected(enum request_outcome outcome, const struct offer *o, int n, bool hq,
		     bool noted)
{
	bool alternative = false, referral_refused = false, any_accepted = false;
	bool all_refused = n > 0;
	for (int i = 0; i < n; i++) {
		alternative |= !o[i].referral;
		referral_refused |= o[i].referral && o[i].answer == DECLINED;
		any_accepted |= o[i].answer == ACCEPTED;
		all_refused &= o[i].answer == DECLINED;
	}
	switch (outcome) {
	case OUTCOME_FULFILLED:
	case OUTCOME_CUSTOMER_LEFT: return true;
	case OUTCOME_ALTERNATIVE_ACCEPTED: return any_accepted;
	case OUTCOME_NOT_FULFILLED: return alternative && hq;
	case OUTCOME_CUSTOMER_DECLINED:
		return alternative && referral_refused && all_refused && noted;
	default: return false;
	}
}

static void check(const struct offer *o, int n, long *cases)
{
	for (int hq = 0; hq <= 1; hq++)
		for (int noted = 0; noted <= 1; noted++)
			for (int out = 0; out < OUTCOME__MAX; out++) {
				enum request_outcome oc = (enum request_outcome)out;
				struct close_facts f = facts(o, n, hq, noted);
				bool may = request_may_close(oc, &f);
				assert_int_equal(may, expected(oc, o, n, hq, noted));
				/* A refusal always says why, in words. */
				const char *why = request_close_refusal(oc, &f);
				assert_true(may ? why == NULL : why != NULL && strlen(why) > 10);
				/* The close screen never says nothing is left while the rule refuses:
				 * with a note given, what stops an outcome is an avenue left, or an
				 * alternative accepted. */
				unsigned left = request_avenues_left(oc, &f);
				if (noted && oc == OUTCOME_CUSTOMER_DECLINED)
					assert_int_equal(may, left == 0 && f.accepted == 0);
				else if (noted && oc != OUTCOME_NONE)
					assert_int_equal(may, left == 0);
				(*cases)++;
			}
}

static void test_closing_exhaustive(void **state)
{
	(void)state;
	long cases = 0;
	struct offer o[MAX_OFFERS];
	for (int n = 0; n <= MAX_OFFERS; n++) {
		int kinds = 1;
		for (int i = 0; i < n; i++)
			kinds *= 2 * ANSWERS;
		for (int mix = 0; mix < kinds; mix++) {
			int m = mix;
			for (int i = 0; i < n; i++, m /= 2 * ANSWERS) {
				o[i].referral = m % 2;
				o[i].answer = (enum answer)(m / 2 % ANSWERS);
			}
			check(o, n, &cases);
		}
	}
	print_message("  %ld combinations checked\n", cases);
}

#define ALT(a)                                                                                     \
	{                                                                                          \
		false, a                                                                           \
	}
#define REFERRAL(a)                                                                                \
	{                                                                                          \
		true, a                                                                            \
	}

static const struct close_case {
	const char *what;
	enum request_outcome outcome;
	struct offer offers[3];
	int n;
	bool hq, noted, may;
	unsigned left; /* the avenues the close screen lists for that outcome */
} close_cases[] = {
	{"one declined offer does not close a request not fulfilled",
	 OUTCOME_NOT_FULFILLED,
	 {ALT(DECLINED)},
	 1,
	 false,
	 true,
	 false,
	 1u << AVENUE_REFER},
	{"not fulfilled without an alternative or a referral up",
	 OUTCOME_NOT_FULFILLED,
	 {{0}},
	 0,
	 false,
	 false,
	 false,
	 (1u << AVENUE_OFFER_ALTERNATIVE) | (1u << AVENUE_REFER)},
	{"an alternative offered and Headquarters reached: not fulfilled",
	 OUTCOME_NOT_FULFILLED,
	 {ALT(UNANSWERED)},
	 1,
	 true,
	 false,
	 true,
	 0},
	{"a referral elsewhere is not an alternative",
	 OUTCOME_NOT_FULFILLED,
	 {REFERRAL(DECLINED)},
	 1,
	 true,
	 false,
	 false,
	 1u << AVENUE_OFFER_ALTERNATIVE},
	{"every alternative and the referral refused, with a note: customer declined",
	 OUTCOME_CUSTOMER_DECLINED,
	 {ALT(DECLINED), REFERRAL(DECLINED), ALT(DECLINED)},
	 3,
	 false,
	 true,
	 true,
	 0},
	{"customer declined needs a note",
	 OUTCOME_CUSTOMER_DECLINED,
	 {ALT(DECLINED), REFERRAL(DECLINED)},
	 2,
	 false,
	 false,
	 false,
	 0},
	{"customer declined needs the referral offered",
	 OUTCOME_CUSTOMER_DECLINED,
	 {ALT(DECLINED), ALT(DECLINED)},
	 2,
	 true,
	 true,
	 false,
	 1u << AVENUE_OFFER_REFERRAL},
	{"customer declined needs an alternative besides the referral",
	 OUTCOME_CUSTOMER_DECLINED,
	 {REFERRAL(DECLINED)},
	 1,
	 false,
	 true,
	 false,
	 1u << AVENUE_OFFER_ALTERNATIVE},
	{"customer declined needs every offer answered",
	 OUTCOME_CUSTOMER_DECLINED,
	 {ALT(DECLINED), REFERRAL(UNANSWERED)},
	 2,
	 false,
	 true,
	 false,
	 1u << AVENUE_ASK_CUSTOMER},
	{"an accepted alternative is not customer declined",
	 OUTCOME_CUSTOMER_DECLINED,
	 {ALT(ACCEPTED), REFERRAL(DECLINED)},
	 2,
	 false,
	 true,
	 false,
	 0},
	{"a customer who left closes it with nothing tried",
	 OUTCOME_CUSTOMER_LEFT,
	 {{0}},
	 0,
	 false,
	 false,
	 true,
	 0},
	{"alternative accepted waits for the customer's answer",
	 OUTCOME_ALTERNATIVE_ACCEPTED,
	 {ALT(UNANSWERED)},
	 1,
	 false,
	 false,
	 false,
	 1u << AVENUE_ASK_CUSTOMER},
	{"fulfilled any time", OUTCOME_FULFILLED, {{0}}, 0, false, false, true, 0},
	{"still open is not an outcome", OUTCOME_NONE, {{0}}, 0, true, true, false, 0},
};

static void test_the_done_when_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof close_cases / sizeof close_cases[0]; i++) {
		const struct close_case *c = &close_cases[i];
		struct close_facts f = facts(c->offers, c->n, c->hq, c->noted);
		if (request_may_close(c->outcome, &f) != c->may)
			fail_msg("%s: %s", c->what, c->may ? "refused" : "allowed");
		if (request_avenues_left(c->outcome, &f) != c->left)
			fail_msg("%s: avenues %#x, not %#x", c->what,
				 request_avenues_left(c->outcome, &f), c->left);
	}
}

static void test_words(void **state)
{
	(void)state;
	struct close_facts accepted = {.offered = 2,
				       .accepted = 1,
				       .declined = 1,
				       .referrals = 1,
				       .referrals_declined = 1,
				       .noted = true};
	assert_non_null(strstr(request_close_refusal(OUTCOME_CUSTOMER_DECLINED, &accepted),
			       "close the request as alternative accepted"));
	struct close_facts bare = {0};
	assert_non_null(strstr(request_close_refusal(OUTCOME_NOT_FULFILLED, &bare),
			       "every avenue must be tried first"));
	assert_true(request_close_needs_note(OUTCOME_CUSTOMER_DECLINED));
	assert_false(request_close_needs_note(OUTCOME_CUSTOMER_LEFT));
	assert_false(request_close_needs_note(OUTCOME_NOT_FULFILLED));
	for (int a = 0; a < AVENUE__MAX; a++) {
		assert_string_not_equal(avenue_name((enum avenue)a), "unknown");
		assert_true(strlen(avenue_advice((enum avenue)a)) > 20);
	}
	assert_string_equal(avenue_name(AVENUE_OFFER_REFERRAL), "offer_referral");
	/* One table names every outcome, in snake_case for machines and in words for people. */
	for (int o = 1; o < OUTCOME__MAX; o++) {
		const char *name = request_outcome_name((enum request_outcome)o);
		const char *label = request_outcome_label((enum request_outcome)o);
		assert_int_equal(vocab_from_name(&vocab_request_outcome, name), o);
		assert_null(strchr(label, '_'));
	}
	assert_string_equal(request_outcome_label(OUTCOME_CUSTOMER_DECLINED), "Customer declined");
	assert_string_equal(request_outcome_label(OUTCOME_CUSTOMER_LEFT), "Customer left");
	assert_int_equal(vocab_from_name(&vocab_request_outcome, "customer_left"),
			 OUTCOME_CUSTOMER_LEFT);
	assert_int_equal(vocab_from_name(&vocab_request_outcome, "gave_up"), -1);
	assert_null(request_outcome_name(OUTCOME_NONE));
}

/* Referred to the person in charge: the checklist says the step to Headquarters is left, not
 * "refer it up" again; the rule to close as not fulfilled is unchanged (Headquarters). */
static void test_referred_to_the_person_in_charge(void **state)
{
	(void)state;
	struct close_facts desk = {.offered = 1, .declined = 1};
	struct close_facts branch = desk, hq = desk;
	branch.referred_up = true;
	hq.referred_up = hq.reached_headquarters = true;
	assert_int_equal(request_avenues_left(OUTCOME_NOT_FULFILLED, &desk), 1u << AVENUE_REFER);
	assert_int_equal(request_avenues_left(OUTCOME_NOT_FULFILLED, &branch),
			 1u << AVENUE_REFER_ON);
	assert_int_equal(request_avenues_left(OUTCOME_NOT_FULFILLED, &hq), 0);
	assert_false(request_may_close(OUTCOME_NOT_FULFILLED, &branch));
	assert_true(request_may_close(OUTCOME_NOT_FULFILLED, &hq));
	assert_non_null(strstr(avenue_advice(AVENUE_REFER_ON), "on to Headquarters"));
}

static void test_ladder(void **state)
{
	(void)state;
	assert_int_equal(request_escalate_to(LEVEL_DESK, true, false), LEVEL_BRANCH);
	/* Nobody in charge at the branch, or she holds it herself: straight to HQ. */
	assert_int_equal(request_escalate_to(LEVEL_DESK, false, false), LEVEL_HEADQUARTERS);
	assert_int_equal(request_escalate_to(LEVEL_DESK, true, true), LEVEL_HEADQUARTERS);
	assert_int_equal(request_escalate_to(LEVEL_BRANCH, true, false), LEVEL_HEADQUARTERS);
	assert_int_equal(request_escalate_to(LEVEL_HEADQUARTERS, true, false), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_closing_exhaustive),
		cmocka_unit_test(test_the_done_when_cases),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_referred_to_the_person_in_charge),
		cmocka_unit_test(test_ladder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
