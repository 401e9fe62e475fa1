/* The graduated schedule (default one week, one month, one year, then until lifted). */
#include "policy/restriction.h"

int64_t restriction_suggest_s(int earlier, const int *schedule_days, size_t n)
{
	if (earlier < 0)
		earlier = 0;
	if ((size_t)earlier >= n)
		return 0;
	return (int64_t)schedule_days[earlier] * 86400;
}
