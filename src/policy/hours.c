/* Opening-hours text ↔ struct week_hours, and whether a branch is open at a local time. */
#include "policy/hours.h"

#include <stdio.h>
#include <string.h>

static const char *const day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

const char *hours_day_name(int wday)
{
	return wday >= 0 && wday < 7 ? day_names[wday] : "?";
}

static int parse_day(const char *s, size_t n)
{
	for (int d = 0; d < 7; d++)
		if (n == 3 && strncmp(s, day_names[d], 3) == 0)
			return d;
	return -1;
}

/* "HH:MM" → minutes; 24:00 allowed as a closing time. */
static int parse_clock(const char *s, size_t n)
{
	if (n != 5 || s[2] != ':')
		return -1;
	for (size_t i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

static int parse_item(const char *s, size_t n, struct week_hours *out, struct fd_error *err)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	const char *sp = memchr(s, ' ', n);
	if (!sp)
		return fd_fail_field(err, "hours",
				     "'%.*s' should be days and times, like "
				     "'mon-fri 09:00-18:00'",
				     (int)n, s);
	size_t dn = (size_t)(sp - s);
	const char *times = sp + 1;
	size_t tn = n - dn - 1;
	while (tn && *times == ' ')
		times++, tn--;
	const char *dash = memchr(s, '-', dn);
	int first = parse_day(s, dash ? (size_t)(dash - s) : dn);
	int last = dash ? parse_day(dash + 1, dn - (size_t)(dash - s) - 1) : first;
	if (first < 0 || last < 0)
		return fd_fail_field(err, "hours",
				     "'%.*s' is not a day or day range (mon, tue-sat)", (int)dn, s);
	const char *tdash = memchr(times, '-', tn);
	int opens = tdash ? parse_clock(times, (size_t)(tdash - times)) : -1;
	int closes = tdash ? parse_clock(tdash + 1, tn - (size_t)(tdash - times) - 1) : -1;
	if (opens < 0 || closes < 0)
		return fd_fail_field(err, "hours",
				     "'%.*s' should be opening and closing times, "
				     "like 09:00-18:00",
				     (int)tn, times);
	if (closes <= opens)
		return fd_fail_field(err, "hours", "'%.*s' closes before it opens", (int)tn, times);
	for (int d = first;; d = (d + 1) % 7) {
		if (out->day[d].opens_min >= 0)
			return fd_fail_field(err, "hours", "%s is given twice", day_names[d]);
		out->day[d].opens_min = (short)opens;
		out->day[d].closes_min = (short)closes;
		if (d == last)
			break;
	}
	return 0;
}

int hours_parse(const char *text, struct week_hours *out, struct fd_error *err)
{
	for (int d = 0; d < 7; d++)
		out->day[d].opens_min = out->day[d].closes_min = -1;
	if (strlen(text) > 200)
		return fd_fail_field(err, "hours", "opening hours are at most 200 characters");
	const char *p = text;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (parse_item(p, n, out, err))
			return -1;
		p += n + (comma ? 1 : 0);
	}
	return 0;
}

static bool same_day(const struct week_hours *h, int a, int b)
{
	return h->day[a].opens_min == h->day[b].opens_min &&
	       h->day[a].closes_min == h->day[b].closes_min;
}

void hours_format(const struct week_hours *h, struct buf *out)
{
	/* Monday first, as a library's sign reads. */
	static const int order[7] = {1, 2, 3, 4, 5, 6, 0};
	bool first = true;
	for (int i = 0; i < 7;) {
		int d = order[i], j = i;
		while (j + 1 < 7 && same_day(h, d, order[j + 1]))
			j++;
		if (h->day[d].opens_min >= 0) {
			buf_printf(out, "%s%s", first ? "" : ",", day_names[d]);
			if (j > i)
				buf_printf(out, "-%s", day_names[order[j]]);
			buf_printf(out, " %02d:%02d-%02d:%02d", h->day[d].opens_min / 60,
				   h->day[d].opens_min % 60, h->day[d].closes_min / 60,
				   h->day[d].closes_min % 60);
			first = false;
		}
		i = j + 1;
	}
}

int hours_parse_range(const char *text, const char *field, short *opens, short *closes,
		      struct fd_error *err)
{
	const char *dash = strchr(text, '-');
	int o = dash ? parse_clock(text, (size_t)(dash - text)) : -1;
	int c = dash ? parse_clock(dash + 1, strlen(dash + 1)) : -1;
	if (o < 0 || c < 0)
		return fd_fail_field(err, field,
				     "'%s' should be opening and closing times, like 10:00-14:00",
				     text);
	if (c <= o)
		return fd_fail_field(err, field, "'%s' closes before it opens", text);
	*opens = (short)o;
	*closes = (short)c;
	return 0;
}

void hours_clock(int minutes, char out[HOURS_CLOCK_LEN])
{
	snprintf(out, HOURS_CLOCK_LEN, "%02d:%02d", minutes / 60, minutes % 60);
}

void hours_time_label(int minutes, char out[HOURS_CLOCK_LEN])
{
	int h = (minutes / 60) % 24, m = minutes % 60;
	const char *half = h < 12 ? "am" : "pm";
	int h12 = h % 12 == 0 ? 12 : h % 12;
	if (m)
		snprintf(out, HOURS_CLOCK_LEN, "%d:%02d %s", h12, m, half);
	else
		snprintf(out, HOURS_CLOCK_LEN, "%d %s", h12, half);
}

static const char *const day_labels[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					  "Thursday", "Friday", "Saturday"};

void hours_week_label(const struct week_hours *h, struct buf *out)
{
	static const int order[7] = {1, 2, 3, 4, 5, 6, 0}; /* Monday first, as hours_format */
	if (h->day[0].opens_min < 0 && same_day(h, 0, 1) && same_day(h, 0, 2) &&
	    same_day(h, 0, 3) && same_day(h, 0, 4) && same_day(h, 0, 5) && same_day(h, 0, 6)) {
		buf_printf(out, "Closed every day");
		return;
	}
	for (int i = 0; i < 7;) {
		int d = order[i], j = i;
		while (j + 1 < 7 && same_day(h, d, order[j + 1]))
			j++;
		buf_printf(out, "%s%s", i ? "; " : "", day_labels[d]);
		/* Two days read "Saturday and Sunday"; more, "Monday to Thursday". */
		if (j > i)
			buf_printf(out, " %s %s", j == i + 1 ? "and" : "to", day_labels[order[j]]);
		if (h->day[d].opens_min < 0) {
			buf_printf(out, " closed");
		} else if (h->day[d].opens_min == 0 && h->day[d].closes_min == 24 * 60) {
			buf_printf(out, " open 24 hours"); /* not "12 am – 12 am" */
		} else {
			char opens[HOURS_CLOCK_LEN], closes[HOURS_CLOCK_LEN];
			hours_time_label(h->day[d].opens_min, opens);
			hours_time_label(h->day[d].closes_min, closes);
			buf_printf(out, " %s – %s", opens, closes);
		}
		i = j + 1;
	}
}

bool hours_open_at(const struct week_hours *h, int wday, int min)
{
	if (wday < 0 || wday > 6 || h->day[wday].opens_min < 0)
		return false;
	return min >= h->day[wday].opens_min && min < h->day[wday].closes_min;
}

int hours_late_s(const struct week_hours *h, int wday, int seconds_of_day)
{
	if (wday < 0 || wday > 6 || h->day[wday].opens_min < 0)
		return -1;
	int late = seconds_of_day - h->day[wday].opens_min * 60;
	return late > 0 ? late : 0;
}
