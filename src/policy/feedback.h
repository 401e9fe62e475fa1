/* "How was your visit today?": which visits a customer may answer for, where an answer came
 * from, and what a request to be contacted becomes. Pure: the service brings the facts. */
#ifndef POLICY_FEEDBACK_H
#define POLICY_FEEDBACK_H
#include <stdbool.h>
#include <stdint.h>

#include "base/vocab.h"

#define FEEDBACK_ANSWER_DAYS 7 /* a link answers for a week after the visit */
#define FEEDBACK_KIOSK_HOURS 4 /* the exit kiosk: visits finished this recently */
#define FEEDBACK_KIOSK_TRIES 6 /* tries a minute at one exit kiosk */
#define FEEDBACK_KIOSK_WINDOW_S 60
#define FEEDBACK_COMMENT_MAX 2000 /* characters */
#define FEEDBACK_SCORE_MIN 1
#define FEEDBACK_SCORE_MAX 5

/* Why a visit may not be answered for now; FEEDBACK_OK when it may. Each reason's sentence is
 * the customer's (feedback_refusal_text), the same for every visit it applies to. */
enum feedback_refusal {
	FEEDBACK_OK,
	FEEDBACK_NOT_FINISHED, /* still waiting or being served */
	FEEDBACK_NOT_SERVED,   /* called and did not come: there was no visit to rate */
	FEEDBACK_TOO_OLD,      /* finished more than FEEDBACK_ANSWER_DAYS ago */
	FEEDBACK_ANSWERED,     /* one answer per visit */
	FEEDBACK_REFUSAL__MAX
};

struct feedback_facts {
	enum visit_state state;
	int64_t finished_at; /* 0: not finished */
	bool answered;
};

/* May the visit be answered for at now? */
enum feedback_refusal feedback_may_answer(const struct feedback_facts *f, int64_t now);
/* The same, from the exit kiosk: finished within FEEDBACK_KIOSK_HOURS as well. */
enum feedback_refusal feedback_kiosk_may_answer(const struct feedback_facts *f, int64_t now);
/* The sentence the customer reads (English; the page translates it). */
const char *feedback_refusal_text(enum feedback_refusal r);
/* The customer's sentence for a refused field of the answer or the kiosk ("score",
 * "comment", "contact_name", "contact", "ticket"; English, pages translate it); NULL for
 * another field. */
const char *feedback_field_text(const char *field);
/* A contact request with score 1-3 is a complaint, 4-5 a compliment. */
enum feedback_follow feedback_follow_for(int score);
/* "Very poor" ... "Very good" for a score 1-5 (English; pages translate it), NULL outside. */
const char *feedback_score_label(int score);
/* May another try at the kiosk be made, tries_last_minute having been made at it? */
bool feedback_kiosk_may_try(int tries_last_minute);

#endif
