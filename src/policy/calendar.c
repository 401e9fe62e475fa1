/* The branch calendar's rules: which hours a date has, and open time between two instants. */
#include "policy/calendar.h"

struct day_hours calendar_day(const struct week_hours *week, int wday, bool holiday,
			      enum day_kind own, struct day_hours own_hours)
{
	struct day_hours closed = {-1, -1};
	if (own == DAY_CLOSED)
		return closed;
	if (own == DAY_CHANGED)
		return own_hours;
	if (holiday || wday < 0 || wday > 6)
		return closed;
	return (struct day_hours){week->day[wday].opens_min, week->day[wday].closes_min};
}

struct open_span calendar_day_span(int64_t day_start, int64_t day_s, struct day_hours h)
{
	if (h.opens_min < 0 || h.closes_min <= h.opens_min)
		return (struct open_span){0, 0};
	int64_t shift = day_s - 86400;
	int64_t o = h.opens_min * 60, c = h.closes_min * 60;
	return (struct open_span){day_start + o + (o >= 3 * 3600 ? shift : 0),
				  day_start + c + (c >= 3 * 3600 ? shift : 0)};
}

enum opening_fit opening_fit(struct open_span today, int64_t at)
{
	if (today.to <= today.from)
		return OPENING_CLOSED_DAY;
	if (at < today.from)
		return OPENING_EARLY;
	return at >= today.to ? OPENING_AFTER_HOURS : OPENING_IN_HOURS;
}

/* The first span that ends after t: spans are sorted and do not overlap, so a report over a
 * year of visits looks each one up in a few steps rather than walking the year. */
static size_t first_ending_after(const struct open_span *spans, size_t n, int64_t t)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (spans[mid].to <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int64_t open_seconds(const struct open_span *spans, size_t n, int64_t from, int64_t to)
{
	int64_t total = 0;
	for (size_t i = first_ending_after(spans, n, from); i < n && spans[i].from < to; i++) {
		int64_t a = spans[i].from > from ? spans[i].from : from;
		int64_t b = spans[i].to < to ? spans[i].to : to;
		if (b > a)
			total += b - a;
	}
	return total;
}

bool open_at(const struct open_span *spans, size_t n, int64_t t)
{
	size_t i = first_ending_after(spans, n, t);
	return i < n && t >= spans[i].from;
}

int64_t next_opening(const struct open_span *spans, size_t n, int64_t t)
{
	size_t i = first_ending_after(spans, n, t);
	if (i == n || t >= spans[i].from)
		return 0; /* open at t, or nothing opens after it */
	return spans[i].from;
}

bool ack_overdue_open(const struct open_span *spans, size_t n, int64_t arrived_at, bool acked,
		      int target_s, int64_t now)
{
	return !acked && open_seconds(spans, n, arrived_at, now) > target_s;
}

bool callback_overdue_open(const struct open_span *spans, size_t n, int64_t promised_at,
			   int64_t now)
{
	return open_seconds(spans, n, promised_at, now) > 0;
}

int reminder_due(int64_t untouched_open_s, int64_t step_s, int sent)
{
	if (step_s <= 0 || untouched_open_s < step_s)
		return 0;
	int64_t level = untouched_open_s / step_s;
	if (level > 3)
		level = 3;
	return level > sent ? sent + 1 : 0;
}
