/* The three limits of login_throttle.h, and the longest wait of them. */
#include "policy/login_throttle.h"

#define PAIR_FIRST_DELAY_S 15
#define PAIR_MAX_DELAY_S 900
#define ADDRESS_FIRST_DELAY_S 60
#define ADDRESS_MAX_DELAY_S 3600

static int64_t left(int64_t delay_s, const struct login_failures *f, int64_t now)
{
	int64_t l = delay_s - (now - f->last_at);
	return l > 0 ? l : 0;
}

static int64_t pair_delay_s(int failures)
{
	if (failures < THROTTLE_FREE_FAILURES)
		return 0;
	int64_t delay = PAIR_FIRST_DELAY_S;
	for (int i = THROTTLE_FREE_FAILURES; i < failures && delay < PAIR_MAX_DELAY_S; i++)
		delay *= 2;
	return delay < PAIR_MAX_DELAY_S ? delay : PAIR_MAX_DELAY_S;
}

static int64_t address_delay_s(int failures)
{
	if (failures < THROTTLE_ADDRESS_FREE_FAILURES)
		return 0;
	int64_t delay = ADDRESS_FIRST_DELAY_S;
	for (int i = THROTTLE_ADDRESS_FREE_FAILURES + 10;
	     i <= failures && delay < ADDRESS_MAX_DELAY_S; i += 10)
		delay *= 2;
	return delay < ADDRESS_MAX_DELAY_S ? delay : ADDRESS_MAX_DELAY_S;
}

static int64_t account_delay_s(int failures, bool familiar)
{
	if (familiar || failures < THROTTLE_ACCOUNT_FREE_FAILURES)
		return 0;
	return failures < 2 * THROTTLE_ACCOUNT_FREE_FAILURES ? 30 : 60;
}

int login_throttle_wait_s(const struct login_attempt *a, int64_t now)
{
	int64_t wait = left(pair_delay_s(a->pair.count), &a->pair, now);
	int64_t w = left(address_delay_s(a->address.count), &a->address, now);
	if (w > wait)
		wait = w;
	w = left(account_delay_s(a->account.count, a->familiar), &a->account, now);
	return (int)(w > wait ? w : wait);
}
