/* The words of "How was your visit today?" that JSON, SQL and pages share: where an answer
 * was given and what a contact request became, each with one text table (feedback_words.c). */
#ifndef BASE_FEEDBACK_WORDS_H
#define BASE_FEEDBACK_WORDS_H

#include "base/vocab.h"

/* Where an answer was given: the join page's link, the desk's QR code, the exit kiosk. */
enum feedback_channel { FEEDBACK_JOIN, FEEDBACK_DESK, FEEDBACK_KIOSK, FEEDBACK_CHANNEL__MAX };
const char *feedback_channel_name(enum feedback_channel c);  /* "kiosk": JSON's and SQL's */
const char *feedback_channel_label(enum feedback_channel c); /* "Exit kiosk" */
extern const struct vocab vocab_feedback_channel;

/* What a customer's request to be contacted becomes. */
enum feedback_follow { FOLLOW_COMPLAINT, FOLLOW_COMPLIMENT, FOLLOW__MAX };
const char *feedback_follow_name(enum feedback_follow f); /* "compliment" */
/* The value named name, or -1. */
int feedback_follow_from_name(const char *name);

#endif
