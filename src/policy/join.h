/* Joining the queue from a phone: when a branch takes tickets by phone and the bounds that
 * keep one device or one address from filling its line. Pure functions. */
#ifndef POLICY_JOIN_H
#define POLICY_JOIN_H
#include <stdbool.h>
#include <stdint.h>

#include "base/vocab.h"
#include "policy/calendar.h"

/* A first name as a customer types it on a phone: at most this many characters. */
#define JOIN_FIRST_NAME_MAX 40

/* How long the device and the address a phone ticket came from are kept: a day. The bounds
 * look back an hour (the address) or at the device's tickets of the day; after that they are
 * personal data with no use (retention_purge forgets them). */
#define JOIN_DEVICE_KEPT_S (24 * 3600)

/* Where a phone ticket stands for its holder, from its visit's state: in the line (waiting),
 * called (being served: "It's your turn", the tone), or over (finished, left, removed, a
 * no-show, a callback). A ticket in the line or called is still in play: the device holds
 * it, and reopening the join page shows it. A phone ticket is an in-person visit and the desk
 * puts only phone callers on hold, so on hold never happens to one; were it to, the desk has
 * the customer in hand, which is "called". */
enum join_stage { JOIN_STAGE_IN_LINE, JOIN_STAGE_CALLED, JOIN_STAGE_OVER, JOIN_STAGE__MAX };
enum join_stage join_stage(enum visit_state s);
/* The stage as the ticket page's data-stage attribute says it to join.js (never shown). */
const char *join_stage_name(enum join_stage s);

/* The customer's sentence for a refused field of the join form ("first_name", "reason",
 * "language"; English, pages translate it); NULL for another field. */
const char *join_field_text(const char *field);

/* Does the branch take tickets by phone now? While it is open by its hours; and all day when
 * staff opened it today outside them (a closed day, or after its closing): someone is at the
 * desk then. Opened early, it waits for its hours like everyone else. */
bool join_open(bool open_by_hours, bool opened_today, enum opening_fit opened_fit);

/* Why a ticket is refused, in the order they are judged. */
enum join_refusal {
	JOIN_OK,
	JOIN_CLOSED,	     /* the branch takes no tickets now */
	JOIN_DEVICE_HAS_ONE, /* this device holds a ticket at the branch still in play */
	JOIN_ADDRESS_BUSY,   /* per_address_per_hour tickets from this address in the last hour */
	JOIN_REFUSAL__MAX
};

struct join_facts {
	bool open;		   /* join_open() */
	bool device_has_ticket;	   /* a ticket of the device at the branch still in play */
	int64_t address_last_hour; /* tickets from the address at the branch in the last hour */
	int per_address_per_hour;
};

enum join_refusal join_check(const struct join_facts *f);
/* The refusal in the customer's words (English: the page passes it through tr()). */
const char *join_refusal_words(enum join_refusal r);

#endif
