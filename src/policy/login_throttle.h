/* Failed-login throttling (ASVS V2.2.1), counted three ways over the past hour, so that
 * guessing is slowed wherever it comes from and no flood from one address can lock an
 * account's owner out from another:
 * - one login from one address: after 5 failures there since its last success, 15 s doubling
 *   to 15 minutes (at most 13 failures an hour);
 * - one address, whatever logins it tries: after 30, 60 s doubling with each 10 more, to an hour;
 * - one login from every address: after 20, 30 s since its last failure, after 40, 60 s (at
 *   most about 90 an hour) -- but not for an address it has logged in from in the past 30
 *   days, so the owner at her usual desk is never held up by guessing elsewhere; and one
 *   address alone (13 an hour) never reaches it.
 * A login that does not exist is counted the same way, so throttling cannot tell it apart.
 * An address is an IPv4 address or an IPv6 /64 (netaddr_group_text). */
#ifndef POLICY_LOGIN_THROTTLE_H
#define POLICY_LOGIN_THROTTLE_H
#include <stdbool.h>
#include <stdint.h>

#define THROTTLE_WINDOW_S 3600		 /* failures count for an hour */
#define THROTTLE_FAMILIAR_S (30 * 86400) /* a success makes an address familiar this long */
#define THROTTLE_FREE_FAILURES 5	 /* one login from one address, before any delay */
#define THROTTLE_ADDRESS_FREE_FAILURES 30
#define THROTTLE_ACCOUNT_FREE_FAILURES 20

struct login_failures {
	int count;	 /* in the past hour */
	int64_t last_at; /* the latest of them (0: none) */
};

struct login_attempt {
	struct login_failures pair;    /* this login from this address, since its last success */
	struct login_failures address; /* from this address, any login */
	struct login_failures account; /* this login, from every address */
	bool familiar;		       /* this login succeeded from this address in 30 days */
};

/* Seconds the attempt must still wait at now; 0: it may go ahead. */
int login_throttle_wait_s(const struct login_attempt *a, int64_t now);

#endif
