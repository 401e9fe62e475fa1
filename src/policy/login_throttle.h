/* Failed-login throttling (ASVS V2.2.1): a growing delay after repeated failures, and no more
 * than 100 failures an hour per account. */
#ifndef POLICY_LOGIN_THROTTLE_H
#define POLICY_LOGIN_THROTTLE_H
#include <stdint.h>

#define THROTTLE_FREE_FAILURES 5 /* failures in a row before any delay */
#define THROTTLE_MAX_PER_HOUR 100

/* Seconds the account must still wait before another attempt, given its failures in a row
 * since the last success, seconds since the last of them, and failures in the past hour. */
int login_throttle_wait_s(int failures_in_row, int64_t since_last_failure_s,
			  int failures_past_hour);

#define THROTTLE_ADDRESS_FREE_FAILURES 30 /* an hour, from one address, any logins */

/* The same for one address: after 30 failures in the past hour, 60 s doubling with each 10
 * more, capped at an hour. */
int login_throttle_address_wait_s(int failures_past_hour, int64_t since_last_failure_s);

#endif
