/* Which visits a customer may answer for, and what a contact request becomes (see
 * feedback.h). CS-EQUAL: the same question for every visit, whoever served it. */
#include "policy/feedback.h"

#include <string.h>

#include "base/i18n.h"

/* The customer's words: N_() in i18n terms, translated where they are shown. */
static const char *const refusals[FEEDBACK_REFUSAL__MAX] = {
	[FEEDBACK_OK] = "",
	[FEEDBACK_NOT_FINISHED] = N_("This visit is not finished yet. Please answer once it is."),
	[FEEDBACK_NOT_SERVED] = N_("There is no finished visit to answer for with this ticket."),
	[FEEDBACK_TOO_OLD] =
		N_("This visit was too long ago to answer for. Thank you all the same!"),
	[FEEDBACK_ANSWERED] = N_("This visit already has an answer. Thank you!"),
};

static const char *const scores[FEEDBACK_SCORE_MAX + 1] = {
	NULL, N_("Very poor"), N_("Poor"), N_("Okay"), N_("Good"), N_("Very good"),
};

enum feedback_refusal feedback_may_answer(const struct feedback_facts *f, int64_t now)
{
	/* A no-show was called and did not come, and a ticket that left the line or that the
	 * desk removed never will be served: nobody was served to say how it went. */
	if (f->state == VISIT_NO_SHOW || f->state == VISIT_LEFT || f->state == VISIT_REMOVED)
		return FEEDBACK_NOT_SERVED;
	if (f->state != VISIT_FINISHED || !f->finished_at)
		return FEEDBACK_NOT_FINISHED;
	if (f->answered)
		return FEEDBACK_ANSWERED;
	if (now - f->finished_at > (int64_t)FEEDBACK_ANSWER_DAYS * 86400)
		return FEEDBACK_TOO_OLD;
	return FEEDBACK_OK;
}

enum feedback_refusal feedback_kiosk_may_answer(const struct feedback_facts *f, int64_t now)
{
	enum feedback_refusal r = feedback_may_answer(f, now);
	/* The kiosk is at the exit: a ticket finished hours ago is someone else's guess. */
	if (r == FEEDBACK_OK && now - f->finished_at > (int64_t)FEEDBACK_KIOSK_HOURS * 3600)
		return FEEDBACK_NOT_SERVED;
	return r;
}

const char *feedback_refusal_text(enum feedback_refusal r)
{
	return r < FEEDBACK_REFUSAL__MAX ? refusals[r] : "";
}

/* What the customer reads for each field of the answer and the kiosk that is refused, whatever
 * the reason the form reader gave (its own sentences are staff English). */
static const struct {
	const char *field, *text;
} field_texts[] = {
	{"score", N_("Choose one of the five faces.")},
	{"comment", N_("Your comment is too long: please keep it under 2000 characters.")},
	{"contact_name", N_("Give your name, so the library knows whom to contact.")},
	{"contact", N_("Give a phone number or an email address, so the library can contact you.")},
	{"ticket", N_("Type the ticket number the desk gave you, as in A12.")},
};

const char *feedback_field_text(const char *field)
{
	for (size_t i = 0; field && i < sizeof field_texts / sizeof field_texts[0]; i++)
		if (strcmp(field_texts[i].field, field) == 0)
			return field_texts[i].text;
	return NULL;
}

/* A 3 with a request to be called back is someone unhappy enough to want a word: it goes the
 * complaint's way (CS-COMPLAINT), where the Branch Manager records how it was resolved. */
enum feedback_follow feedback_follow_for(int score)
{
	return score >= 4 ? FOLLOW_COMPLIMENT : FOLLOW_COMPLAINT;
}

const char *feedback_score_label(int score)
{
	return score >= FEEDBACK_SCORE_MIN && score <= FEEDBACK_SCORE_MAX ? scores[score] : NULL;
}

bool feedback_kiosk_may_try(int tries_last_minute)
{
	return tries_last_minute < FEEDBACK_KIOSK_TRIES;
}
