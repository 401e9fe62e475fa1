/* The SIP2 codec: no connection, no thread, only bytes to messages and back (the 3M SIP2
 * Developers Guide; every ILS reads the same: Koha's C4/SIP, Evergreen's SIPServer). */
#include "ils/sip2.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/timefmt.h"
#include "base/tz.h"

const char SIP2_RESEND[] = "97AZFEF5\r";

int sip2_fixed_len(const char *code)
{
	static const struct {
		const char *code;
		int len;
	} fixed[] = {
		{"94", 1},  /* ok */
		{"98", 34}, /* six flags, timeout 3, retries 3, date 18, protocol 4 */
		{"24", 35}, /* patron status 14, language 3, date 18 */
		{"64", 59}, /* as 24, then six counts of 4 */
		{"18", 24}, /* circulation status 2, security marker 2, fee type 2, date 18 */
		{"30", 22}, /* ok, renewal ok, magnetic media, desensitize, date 18 */
		{"66", 27}, /* ok, renewed count 4, unrenewed count 4, date 18 */
		{"96", 0},
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (code[0] == fixed[i].code[0] && code[1] == fixed[i].code[1])
			return fixed[i].len;
	return -1;
}

uint16_t sip2_checksum(const char *p, size_t n)
{
	uint16_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum = (uint16_t)(sum + (unsigned char)p[i]);
	return (uint16_t)(-sum);
}

static size_t trim_end(const char *raw, size_t n)
{
	while (n && (raw[n - 1] == '\r' || raw[n - 1] == '\n'))
		n--;
	return n;
}

static int hex4(const char *p, uint16_t *v)
{
	unsigned x = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
					       : -1;
		if (d < 0)
			return -1;
		x = x << 4 | (unsigned)d;
	}
	*v = (uint16_t)x;
	return 0;
}

/* Where "AZxxxx" starts at the end of the answer, or n when it has none. */
static size_t checksum_at(const char *raw, size_t n)
{
	uint16_t v;
	if (n >= 6 && raw[n - 6] == 'A' && raw[n - 5] == 'Z' && hex4(raw + n - 4, &v) == 0)
		return n - 6;
	return n;
}

/* Line ends before a message: the LF some servers send after the CR of the one before. */
static const char *skip_line_ends(const char *raw, size_t *n)
{
	while (*n && (*raw == '\n' || *raw == '\r')) {
		raw++;
		(*n)--;
	}
	return raw;
}

enum sip2_check sip2_verify(const char *raw, size_t n)
{
	raw = skip_line_ends(raw, &n);
	n = trim_end(raw, n);
	size_t at = checksum_at(raw, n);
	if (at == n)
		return SIP2_CHECK_NONE;
	uint16_t sent;
	hex4(raw + at + 2, &sent);
	return sip2_checksum(raw, at + 2) == sent ? SIP2_CHECK_OK : SIP2_CHECK_BAD;
}

int sip2_convert(const char *from, const char *to, const char *in, size_t n, struct buf *out,
		 struct fd_error *err)
{
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return fd_fail(err, FD_EINVAL, "the character set %s or %s is not known here", from,
			       to);
	char chunk[512];
	char *src = (char *)in;
	size_t left = n;
	int rc = 0;
	while (left) {
		char *dst = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &src, &left, &dst, &room);
		buf_append(out, chunk, (size_t)(dst - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			rc = fd_fail(err, FD_EINVAL,
				     "the text cannot be written in %s (a character at byte %zu is "
				     "not in %s)",
				     to, n - left, strcmp(from, "UTF-8") == 0 ? to : from);
			break;
		}
	}
	iconv_close(cd);
	buf_append(out, "", 0);
	return rc;
}

/* A field's tag: two upper-case letters (the specification's, and the ILS's own). */
static bool is_tag(const char *p, size_t n)
{
	return n >= 2 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' && p[1] <= 'Z';
}

/* Control characters in a value (a stray CR, a tab) become spaces: values are shown. */
static char *value_dup(struct arena *a, const char *p, size_t n)
{
	char *v = arena_strndup(a, p, n);
	for (char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	return v;
}

static void read_fields(struct arena *a, const char *p, size_t n, struct sip2_msg *m)
{
	size_t cap = 1;
	for (size_t i = 0; i < n; i++)
		cap += p[i] == '|';
	m->fields = arena_alloc(a, cap * sizeof *m->fields);
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && p[i] != '|')
			continue;
		const char *f = p + start;
		size_t len = i - start;
		start = i + 1;
		if (!is_tag(f, len))
			continue; /* "" between two bars, or not a field at all: nothing to read */
		struct sip2_field *out = &m->fields[m->nfields++];
		memcpy(out->tag, f, 2);
		out->value = value_dup(a, f + 2, len - 2);
		if (!strcmp(out->tag, "AY") && len >= 3 && f[2] >= '0' && f[2] <= '9')
			m->seq = f[2] - '0';
	}
}

int sip2_parse(struct arena *a, const char *charset, const char *raw, size_t n,
	       struct sip2_msg *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	out->seq = -1;
	raw = skip_line_ends(raw, &n);
	n = trim_end(raw, n);
	n = checksum_at(raw, n);
	struct buf text = BUF_INIT;
	int rc = -1;
	if (n < 2 || raw[0] < '0' || raw[0] > '9' || raw[1] < '0' || raw[1] > '9') {
		fd_fail(err, FD_EINVAL, "the catalogue's answer is not a SIP2 message");
		goto out;
	}
	int fixed = sip2_fixed_len(raw);
	if (fixed < 0) {
		fd_fail(err, FD_EINVAL, "the catalogue answered with a message %.2s, not expected",
			raw);
		goto out;
	}
	if (n < 2 + (size_t)fixed) {
		fd_fail(err, FD_EINVAL, "the catalogue's answer %.2s is cut short", raw);
		goto out;
	}
	if (sip2_convert(charset, "UTF-8", raw, n, &text, err)) {
		fd_fail(err, FD_EINVAL, "the catalogue's answer is not in %s: check [ils] charset",
			charset);
		goto out;
	}
	/* The fixed part is ASCII in every character set here: its length holds after. */
	for (int i = 0; i < 2 + fixed; i++)
		if ((unsigned char)text.data[i] >= 0x80) {
			fd_fail(err, FD_EINVAL, "the catalogue's answer %.2s is cut short", raw);
			goto out;
		}
	memcpy(out->code, text.data, 2);
	out->fixed = value_dup(a, text.data + 2, (size_t)fixed);
	read_fields(a, text.data + 2 + fixed, text.len - 2 - (size_t)fixed, out);
	rc = 0;
out:
	buf_free(&text);
	return rc;
}

const char *sip2_get(const struct sip2_msg *m, const char *tag)
{
	for (size_t i = 0; i < m->nfields; i++)
		if (!strcmp(m->fields[i].tag, tag))
			return m->fields[i].value;
	return NULL;
}

size_t sip2_get_all(const struct sip2_msg *m, struct arena *a, const char *tag, char ***out)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nfields; i++)
		n += !strcmp(m->fields[i].tag, tag);
	*out = NULL;
	if (!n)
		return 0;
	*out = arena_alloc(a, n * sizeof **out);
	size_t k = 0;
	for (size_t i = 0; i < m->nfields; i++)
		if (!strcmp(m->fields[i].tag, tag))
			(*out)[k++] = (char *)m->fields[i].value;
	return n;
}

void sip2_begin(struct buf *b, const char *code_and_fixed)
{
	buf_reset(b);
	buf_puts(b, code_and_fixed);
}

int sip2_field(struct buf *b, const char *tag, const char *value, struct fd_error *err)
{
	if (value && strpbrk(value, "|\r\n"))
		return fd_fail_field(err, tag, "%s may not hold a \"|\" or a line break", tag);
	buf_printf(b, "%s%s|", tag, value ? value : "");
	return 0;
}

int sip2_seal(const struct buf *b, const char *charset, int seq, struct buf *out,
	      struct fd_error *err)
{
	buf_reset(out);
	if (sip2_convert("UTF-8", charset, b->data ? b->data : "", b->len, out, err))
		return -1;
	buf_printf(out, "AY%dAZ", seq % 10);
	buf_printf(out, "%04X\r", sip2_checksum(out->data, out->len));
	return 0;
}

void sip2_date(char out[19], int64_t unix_s, const char *zone)
{
	struct tm tm;
	/* Not localtime_r: the process's TZ is not the ILS's (base/tz switches it per branch). */
	if (tz_localtime(zone, unix_s, &tm)) {
		time_t t = (time_t)unix_s;
		gmtime_r(&t, &tm);
	}
	strftime(out, 19, "%Y%m%d    %H%M%S", &tm);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int64_t sip2_date_parse(const char *s, const char *zone)
{
	if (!s || strlen(s) < 18 || !digits(s, 8) || !digits(s + 12, 6))
		return 0;
	bool utc = !memcmp(s + 8, "   Z", 4);
	if (!utc && memcmp(s + 8, "    ", 4) && memcmp(s + 8, "   L", 4))
		return 0;
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
	sscanf(s, "%4d%2d%2d", &y, &mo, &d);
	sscanf(s + 12, "%2d%2d%2d", &h, &mi, &sec);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return 0;
	int64_t day = timefmt_days_from_civil(y, mo, d), at;
	if (utc)
		return day * 86400 + h * 3600 + mi * 60 + sec;
	/* A minute the clock skipped (spring) is read as the one after it. */
	int rc = tz_from_local(zone, day, h * 60 + mi, &at);
	if (rc == 1)
		rc = tz_from_local(zone, day, h * 60 + mi + 60 > 1439 ? 1439 : h * 60 + mi + 60,
				   &at);
	return rc ? 0 : at + sec;
}
