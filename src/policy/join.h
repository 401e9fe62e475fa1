/* Joining the queue from a phone: when a branch takes tickets by phone and the bounds that
 * keep one device or one address from filling its line. Pure functions. */
#ifndef POLICY_JOIN_H
#define POLICY_JOIN_H
#include <stdbool.h>
#include <stdint.h>

#include "policy/calendar.h"

/* A first name as a customer types it on a phone: at most this many characters. */
#define JOIN_FIRST_NAME_MAX 40

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
	bool device_has_ticket;	   /* a waiting or served ticket of the device at the branch */
	int64_t address_last_hour; /* tickets from the address at the branch in the last hour */
	int per_address_per_hour;
};

enum join_refusal join_check(const struct join_facts *f);
/* The refusal in the customer's words (English: the page passes it through tr()). */
const char *join_refusal_words(enum join_refusal r);

#endif
