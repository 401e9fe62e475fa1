/* Delay doubles from 15 s after the fifth failure in a row, capped at 15 minutes. */
#include "policy/login_throttle.h"

#define THROTTLE_FIRST_DELAY_S 15
#define THROTTLE_MAX_DELAY_S 900

int login_throttle_wait_s(int failures_in_row, int64_t since_last_failure_s, int failures_past_hour)
{
	int64_t delay = 0;
	if (failures_past_hour >= THROTTLE_MAX_PER_HOUR)
		delay = 3600;
	else if (failures_in_row >= THROTTLE_FREE_FAILURES) {
		delay = THROTTLE_FIRST_DELAY_S;
		for (int i = THROTTLE_FREE_FAILURES;
		     i < failures_in_row && delay < THROTTLE_MAX_DELAY_S; i++)
			delay *= 2;
		if (delay > THROTTLE_MAX_DELAY_S)
			delay = THROTTLE_MAX_DELAY_S;
	}
	int64_t left = delay - since_last_failure_s;
	return left > 0 ? (int)left : 0;
}

int login_throttle_address_wait_s(int failures_past_hour, int64_t since_last_failure_s)
{
	if (failures_past_hour < THROTTLE_ADDRESS_FREE_FAILURES)
		return 0;
	int64_t delay = 60;
	for (int i = THROTTLE_ADDRESS_FREE_FAILURES + 10; i <= failures_past_hour && delay < 3600;
	     i += 10)
		delay *= 2;
	if (delay > 3600)
		delay = 3600;
	int64_t left = delay - since_last_failure_s;
	return left > 0 ? (int)left : 0;
}
