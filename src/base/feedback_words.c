/* Where a customer's answer was given and what a contact request became (see
 * feedback_words.h). */
#include "base/feedback_words.h"

#include <string.h>

struct word {
	const char *name, *label;
};

static const struct word channels[FEEDBACK_CHANNEL__MAX] = {
	[FEEDBACK_JOIN] = {"join", "Online ticket"},
	[FEEDBACK_DESK] = {"desk", "Desk QR code"},
	[FEEDBACK_KIOSK] = {"kiosk", "Exit kiosk"},
};

static const char *const follows[FOLLOW__MAX] = {
	[FOLLOW_COMPLAINT] = "complaint",
	[FOLLOW_COMPLIMENT] = "compliment",
};

const char *feedback_channel_name(enum feedback_channel c)
{
	return c < FEEDBACK_CHANNEL__MAX ? channels[c].name : NULL;
}

const char *feedback_channel_label(enum feedback_channel c)
{
	return c < FEEDBACK_CHANNEL__MAX ? channels[c].label : NULL;
}

static const char *channel_name_of(int v)
{
	return feedback_channel_name((enum feedback_channel)v);
}

static const char *channel_label_of(int v)
{
	return feedback_channel_label((enum feedback_channel)v);
}

const struct vocab vocab_feedback_channel = {FEEDBACK_CHANNEL__MAX, channel_name_of,
					     channel_label_of};

const char *feedback_follow_name(enum feedback_follow f)
{
	return f < FOLLOW__MAX ? follows[f] : NULL;
}

int feedback_follow_from_name(const char *name)
{
	for (int i = 0; name && i < FOLLOW__MAX; i++)
		if (strcmp(follows[i], name) == 0)
			return i;
	return -1;
}
