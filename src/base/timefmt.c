/* RFC 3339 in and out without touching TZ: civil-date arithmetic (H. Hinnant's algorithm). */
#include "base/timefmt.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t time_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

void timefmt_rfc3339(int64_t t, char out[RFC3339_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	memcpy(out, tmp, RFC3339_LEN - 1); /* years past 9999 are cut, never overflowed */
	out[RFC3339_LEN - 1] = '\0';
}

int64_t timefmt_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void timefmt_date(int64_t days, char out[11])
{
	time_t t = (time_t)(days * 86400);
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	/* Reports stay within years 1..9999; the modulo tells the compiler so. */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int timefmt_parse_date(const char *s, int *year, int *month, int *day)
{
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, year) || digits(s + 5, 2, month) || digits(s + 8, 2, day))
		return -1;
	if (*year < 1900 || *month < 1 || *month > 12 || *day < 1 ||
	    *day > days_in_month(*year, *month))
		return -1;
	return 0;
}

int timefmt_parse_rfc3339(const char *s, int64_t *t)
{
	int y, mo, d, h, mi, sec;
	if (timefmt_parse_date(s, &y, &mo, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return -1;
	const char *p = s + 11;
	if (strlen(p) < 8 || p[2] != ':' || p[5] != ':' || digits(p, 2, &h) ||
	    digits(p + 3, 2, &mi) || digits(p + 6, 2, &sec))
		return -1;
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	p += 8;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	int offset_s = 0;
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		offset_s = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh, om;
		if (digits(p + 1, 2, &oh) || digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		offset_s = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
	} else {
		return -1;
	}
	*t = timefmt_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset_s;
	return 0;
}
