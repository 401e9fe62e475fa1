/* Joining the queue from a phone: when a branch takes tickets and the bounds against abuse. */
#include "policy/join.h"

#include <string.h>

#include "base/i18n.h"

bool join_open(bool open_by_hours, bool opened_today, enum opening_fit opened_fit)
{
	if (open_by_hours)
		return true;
	return opened_today &&
	       (opened_fit == OPENING_CLOSED_DAY || opened_fit == OPENING_AFTER_HOURS);
}

enum join_stage join_stage(enum visit_state s)
{
	switch (s) {
	case VISIT_WAITING: return JOIN_STAGE_IN_LINE;
	case VISIT_SERVING:
	case VISIT_ON_HOLD: return JOIN_STAGE_CALLED;
	default: return JOIN_STAGE_OVER;
	}
}

static const char *const stage_names[JOIN_STAGE__MAX] = {
	[JOIN_STAGE_IN_LINE] = "in-line",
	[JOIN_STAGE_CALLED] = "called",
	[JOIN_STAGE_OVER] = "over",
};

const char *join_stage_name(enum join_stage s)
{
	return s < JOIN_STAGE__MAX ? stage_names[s] : "over";
}

/* What the customer reads for each field of the join form that is refused, whatever the
 * reason the form reader gave (its own sentences are staff English). */
static const struct {
	const char *field, *text;
} field_texts[] = {
	{"first_name", N_("Type your first name in 40 letters or fewer, or leave it empty.")},
	{"reason", N_("Choose what your visit is about.")},
	{"language", N_("Choose a language from the list.")},
};

const char *join_field_text(const char *field)
{
	for (size_t i = 0; field && i < sizeof field_texts / sizeof field_texts[0]; i++)
		if (strcmp(field_texts[i].field, field) == 0)
			return field_texts[i].text;
	return NULL;
}

enum join_refusal join_check(const struct join_facts *f)
{
	if (!f->open)
		return JOIN_CLOSED;
	if (f->device_has_ticket)
		return JOIN_DEVICE_HAS_ONE;
	/* A family, or everyone on the library's wifi, shares one address: a few, not one. */
	if (f->address_last_hour >= f->per_address_per_hour)
		return JOIN_ADDRESS_BUSY;
	return JOIN_OK;
}

static const char *const words[JOIN_REFUSAL__MAX] = {
	[JOIN_OK] = NULL,
	[JOIN_CLOSED] = N_("The library is not taking tickets just now."),
	[JOIN_DEVICE_HAS_ONE] = N_("This phone already has a ticket in the line here. Leave "
				   "that line first, or ask at the desk."),
	[JOIN_ADDRESS_BUSY] = N_("Many tickets were taken from this network in the last hour. "
				 "Please ask at the desk for a ticket."),
};

const char *join_refusal_words(enum join_refusal r)
{
	return r < JOIN_REFUSAL__MAX ? words[r] : NULL;
}
