/* "How was your visit today?" (policy/feedback.c): which visits may be answered, from a link
 * and from the exit kiosk, over every state and age that matters; what a contact request
 * becomes; the kiosk's tries; the faces' names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/feedback.h"

#define NOW 1796000000 /* any instant: the rules only look at differences from it */
#define HOUR 3600
#define DAY 86400

/* The refusal a link should give, worked out from the rule's words, not from the code. */
static enum feedback_refusal expected(enum visit_state state, bool finished, bool answered,
				      int64_t age_s)
{
	/* Called and did not come, left the line, or removed by the desk: never served. */
	if (state == VISIT_NO_SHOW || state == VISIT_LEFT || state == VISIT_REMOVED)
		return FEEDBACK_NOT_SERVED;
	if (state != VISIT_FINISHED || !finished)
		return FEEDBACK_NOT_FINISHED;
	if (answered)
		return FEEDBACK_ANSWERED;
	return age_s > 7 * DAY ? FEEDBACK_TOO_OLD : FEEDBACK_OK;
}

static void test_who_may_answer_exhaustive(void **state)
{
	(void)state;
	static const int64_t ages[] = {0,   HOUR,    4 * HOUR,	  4 * HOUR + 1,
				       DAY, 7 * DAY, 7 * DAY + 1, 30 * DAY};
	int cases = 0;
	for (int s = 0; s < VISIT_STATE__MAX; s++)
		for (int fin = 0; fin <= 1; fin++)
			for (int ans = 0; ans <= 1; ans++)
				for (size_t a = 0; a < sizeof ages / sizeof ages[0]; a++) {
					struct feedback_facts f = {
						.state = (enum visit_state)s,
						.finished_at = fin ? NOW - ages[a] : 0,
						.answered = ans,
					};
					enum feedback_refusal want =
						expected(f.state, fin, ans, ages[a]);
					assert_int_equal(feedback_may_answer(&f, NOW), want);
					/* The kiosk: the same, and only for visits finished in the
					 * last four hours; an older one is not the person at it. */
					enum feedback_refusal kiosk = want;
					if (want == FEEDBACK_OK && ages[a] > 4 * HOUR)
						kiosk = FEEDBACK_NOT_SERVED;
					assert_int_equal(feedback_kiosk_may_answer(&f, NOW), kiosk);
					cases++;
				}
	print_message("  %d combinations checked\n", cases);
}

/* Every refusal has a sentence for the customer; answering twice says so in their words. */
static void test_refusals_are_said(void **state)
{
	(void)state;
	assert_string_equal(feedback_refusal_text(FEEDBACK_OK), "");
	for (int r = FEEDBACK_OK + 1; r < FEEDBACK_REFUSAL__MAX; r++) {
		const char *t = feedback_refusal_text((enum feedback_refusal)r);
		assert_non_null(t);
		assert_true(strlen(t) > 10);
		assert_null(strchr(t, '_')); /* words, never a code */
	}
	assert_string_equal(feedback_refusal_text(FEEDBACK_ANSWERED),
			    "This visit already has an answer. Thank you!");
	assert_string_equal(feedback_refusal_text(FEEDBACK_REFUSAL__MAX), "");
}

/* CS-COMPLAINT: 1-3 with a contact request is a complaint to resolve, 4-5 a compliment. */
static void test_contact_request_becomes(void **state)
{
	(void)state;
	static const enum feedback_follow want[] = {
		[1] = FOLLOW_COMPLAINT,	 [2] = FOLLOW_COMPLAINT,  [3] = FOLLOW_COMPLAINT,
		[4] = FOLLOW_COMPLIMENT, [5] = FOLLOW_COMPLIMENT,
	};
	for (int s = FEEDBACK_SCORE_MIN; s <= FEEDBACK_SCORE_MAX; s++)
		assert_int_equal(feedback_follow_for(s), want[s]);
}

static void test_face_names(void **state)
{
	(void)state;
	static const char *const want[] = {NULL, "Very poor", "Poor", "Okay", "Good", "Very good"};
	for (int s = FEEDBACK_SCORE_MIN; s <= FEEDBACK_SCORE_MAX; s++)
		assert_string_equal(feedback_score_label(s), want[s]);
	assert_null(feedback_score_label(0));
	assert_null(feedback_score_label(6));
	assert_null(feedback_score_label(-1));
}

/* A public tablet: six tries a minute from one address, then it waits. */
static void test_kiosk_tries(void **state)
{
	(void)state;
	for (int n = 0; n < 6; n++)
		assert_true(feedback_kiosk_may_try(n));
	assert_false(feedback_kiosk_may_try(6));
	assert_false(feedback_kiosk_may_try(100));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_may_answer_exhaustive),
		cmocka_unit_test(test_refusals_are_said),
		cmocka_unit_test(test_contact_request_becomes),
		cmocka_unit_test(test_face_names),
		cmocka_unit_test(test_kiosk_tries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
