/* The SIP2 codec: requests sealed with the checksums of the 3M guide's worked examples, answers
 * read with fields shuffled, repeated and unknown, damaged ones found by their checksum, the
 * ILS's character sets both ways, and the parser given truncated and garbled answers (it must
 * refuse or read, never read past the end: run under ASan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "ils/sip2.h"

/* Seals code_and_fixed + fields with seq and returns the wire text (b). */
static const char *sealed(struct buf *out, const char *body, const char *charset, int seq)
{
	struct buf b = BUF_INIT;
	struct fd_error err = {0};
	sip2_begin(&b, body);
	assert_int_equal(sip2_seal(&b, charset, seq, out, &err), 0);
	buf_free(&b);
	return out->data;
}

static void test_requests_carry_the_guides_checksums(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	/* SC Status, page 26 of the 3M SIP2 Developers Guide. */
	assert_string_equal(sealed(&out, "990 402.00", "UTF-8", 1), "990 402.00AY1AZFCB4\r");
	/* The guide's login example: it prints EC78, a misprint every implementation that
	 * computes it (Node's, .NET's, Evergreen's own) finds to be EC7B. */
	assert_string_equal(
		sealed(&out, "9300CNLoginUserID|COLoginPassword|CPLocationCode|", "UTF-8", 5),
		"9300CNLoginUserID|COLoginPassword|CPLocationCode|AY5AZEC7B\r");
	/* The sequence number is one digit: 12 is 2. */
	sealed(&out, "990 402.00", "UTF-8", 11);
	assert_non_null(strstr(out.data, "AY1AZFCB4"));
	/* The resend request, as every server knows it. */
	assert_string_equal(SIP2_RESEND, "97AZFEF5\r");
	assert_int_equal(sip2_verify(SIP2_RESEND, strlen(SIP2_RESEND)), SIP2_CHECK_OK);
	buf_free(&out);
}

static void test_fields_are_built_and_refused(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, out = BUF_INIT;
	struct fd_error err = {0};
	sip2_begin(&b, "17");
	buf_puts(&b, "20261130    090000");
	assert_int_equal(sip2_field(&b, "AO", "KOS", &err), 0);
	assert_int_equal(sip2_field(&b, "AB", "31234", &err), 0);
	assert_int_equal(sip2_field(&b, "AC", NULL, &err), 0);
	assert_string_equal(b.data, "1720261130    090000AOKOS|AB31234|AC|");
	/* A "|" would end the field early and a CR the message: refused, naming the field. */
	assert_int_equal(sip2_field(&b, "AA", "123|AB999", &err), -1);
	assert_string_equal(err.field, "AA");
	assert_int_equal(sip2_field(&b, "AA", "123\r99", &err), -1);
	assert_int_equal(sip2_seal(&b, "UTF-8", 3, &out, &err), 0);
	assert_int_equal(sip2_verify(out.data, out.len), SIP2_CHECK_OK);
	buf_free(&b);
	buf_free(&out);
}

static struct sip2_msg parse_ok(struct arena *a, const char *charset, const char *raw)
{
	struct sip2_msg m;
	struct fd_error err = {0};
	int rc = sip2_parse(a, charset, raw, strlen(raw), &m, &err);
	if (rc)
		fail_msg("%s: %s", raw, err.message);
	return m;
}

#define PATRON64_FIXED                                                                             \
	"64" /* status */ "  Y           " /* language */ "001" /* date */                         \
	"20261130    091500" /* counts */ "0002000100030000"                                       \
	"00000001"

static void test_patron_information_in_any_order(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct sip2_msg m = parse_ok(
		&a, "UTF-8",
		PATRON64_FIXED "AUitem-3|AEMaría Ortiz|XZnew field of an ILS|AOKOS|AA2100|"
			       "AUitem-1|BLY|AFFirst message|BV2.50|AFSecond message|AUitem-2|"
			       "AY4AZ0000\r");
	assert_string_equal(m.code, "64");
	assert_int_equal(strlen(m.fixed), 59);
	assert_memory_equal(m.fixed + 35, "0002", 4);
	assert_string_equal(sip2_get(&m, "AE"), "María Ortiz");
	assert_string_equal(sip2_get(&m, "AA"), "2100");
	assert_string_equal(sip2_get(&m, "BV"), "2.50");
	assert_string_equal(sip2_get(&m, "XZ"), "new field of an ILS");
	assert_null(sip2_get(&m, "CQ"));
	assert_int_equal(m.seq, 4);
	char **items;
	assert_int_equal(sip2_get_all(&m, &a, "AU", &items), 3);
	assert_string_equal(items[0], "item-3");
	assert_string_equal(items[2], "item-2");
	char **af;
	assert_int_equal(sip2_get_all(&m, &a, "AF", &af), 2);
	assert_string_equal(af[1], "Second message");
	assert_int_equal(sip2_get_all(&m, &a, "AS", &af), 0);
	arena_free(&a);
}

static void test_item_and_renew_all_answers(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	/* No final "|", no checksum, and a LF after the CR of the last answer. */
	struct sip2_msg m = parse_ok(&a, "UTF-8",
				     "\n18040001"
				     "20261130    091500"
				     "ABx1|AJThe Hobbit|CF2|AH20261214    235900|ABx2");
	assert_string_equal(m.code, "18");
	assert_string_equal(sip2_get(&m, "AJ"), "The Hobbit");
	assert_string_equal(sip2_get(&m, "AH"), "20261214    235900");
	assert_string_equal(sip2_get(&m, "AB"), "x1"); /* the first of two */
	assert_memory_equal(m.fixed, "040001", 6);
	assert_int_equal(m.seq, -1);
	m = parse_ok(&a, "UTF-8",
		     "6610002000120261130    091500BNb-3|AOKOS|BMb-1|AFItem on hold for another "
		     "patron|BMb-2|\r\n");
	char **renewed, **refused;
	assert_int_equal(sip2_get_all(&m, &a, "BM", &renewed), 2);
	assert_int_equal(sip2_get_all(&m, &a, "BN", &refused), 1);
	assert_string_equal(refused[0], "b-3");
	assert_string_equal(sip2_get(&m, "AF"), "Item on hold for another patron");
	arena_free(&a);
}

/* An answer sealed by hand, as a server would. */
static char *server_answer(const char *body)
{
	static char out[512];
	snprintf(out, sizeof out - 6, "%s", body);
	size_t n = strlen(out);
	snprintf(out + n, 6, "%04X\r", sip2_checksum(out, n));
	return out;
}

static void test_checksums_are_verified(void **state)
{
	(void)state;
	char *ok = server_answer("941AY0AZ");
	assert_int_equal(sip2_verify(ok, strlen(ok)), SIP2_CHECK_OK);
	ok[2] = 'x'; /* one byte changed on the way */
	assert_int_equal(sip2_verify(ok, strlen(ok)), SIP2_CHECK_BAD);
	ok = server_answer("941AY0AZ");
	ok[strlen(ok) - 2] = ok[strlen(ok) - 2] == '0' ? '1' : '0';
	assert_int_equal(sip2_verify(ok, strlen(ok)), SIP2_CHECK_BAD);
	assert_int_equal(sip2_verify("941", 3), SIP2_CHECK_NONE);
	/* Lower-case hex is still hex. */
	char lower[32];
	snprintf(lower, sizeof lower, "%s", server_answer("941AY0AZ"));
	for (char *p = lower + 8; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
	assert_int_equal(sip2_verify(lower, strlen(lower)), SIP2_CHECK_OK);
	/* The LF of a server ending its answers with CR LF (Koha's default) is not checksummed
	 * as the next answer's first byte, wherever it was split off. */
	char crlf[40];
	snprintf(crlf, sizeof crlf, "\n%s\n", server_answer("941AY1AZ"));
	assert_int_equal(sip2_verify(crlf, strlen(crlf)), SIP2_CHECK_OK);
	assert_int_equal(sip2_verify(crlf + 1, strlen(crlf + 1)), SIP2_CHECK_OK);
	crlf[3] = 'x';
	assert_int_equal(sip2_verify(crlf, strlen(crlf)), SIP2_CHECK_BAD);
}

static void test_short_and_foreign_answers_are_refused(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct sip2_msg m;
	struct fd_error err = {0};
	const char *bad[] = {"", "\r", "9", "x4", "64  Y", "6610002", "12ABCDEF|", "9X1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		fd_error_clear(&err);
		assert_int_equal(sip2_parse(&a, "UTF-8", bad[i], strlen(bad[i]), &m, &err), -1);
		assert_true(err.message[0] != '\0');
	}
	assert_int_equal(sip2_parse(&a, "UTF-8", "6610002", 7, &m, &err), -1);
	assert_non_null(strstr(err.message, "cut short"));
	/* Not UTF-8 when UTF-8 was promised: refused, naming the setting to check. */
	const char latin1[] = "941AEMu\xf1oz|";
	assert_int_equal(sip2_parse(&a, "UTF-8", latin1, strlen(latin1), &m, &err), -1);
	assert_non_null(strstr(err.message, "[ils] charset"));
	/* A 96 has no fixed part at all. */
	m = parse_ok(&a, "UTF-8", "96AZFEF6\r");
	assert_string_equal(m.code, "96");
	assert_int_equal(m.nfields, 0);
	arena_free(&a);
}

static void test_character_sets(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	/* "ñ" is 0xA4 in CP850 and 0xF1 in ISO-8859-1: both read as UTF-8. */
	struct sip2_msg m = parse_ok(&a, "CP850",
				     "941AEPe\xa4"
				     "a|");
	assert_string_equal(sip2_get(&m, "AE"), "Peña");
	m = parse_ok(&a, "ISO-8859-1",
		     "941AEPe\xf1"
		     "a|");
	assert_string_equal(sip2_get(&m, "AE"), "Peña");
	m = parse_ok(&a, "UTF-8", "941AEPeña|");
	assert_string_equal(sip2_get(&m, "AE"), "Peña");
	/* Out: written in the ILS's set, the checksum over the bytes sent. */
	struct buf out = BUF_INIT;
	sealed(&out, "63000AAPeña|", "CP850", 0);
	assert_non_null(strstr(out.data, "Pe\xa4"
					 "a|"));
	assert_int_equal(sip2_verify(out.data, out.len), SIP2_CHECK_OK);
	sealed(&out, "63000AAPeña|", "ISO-8859-1", 0);
	assert_non_null(strstr(out.data, "Pe\xf1"
					 "a|"));
	/* A character the set does not have is refused, not sent as "?". */
	struct buf b = BUF_INIT;
	struct fd_error err = {0};
	sip2_begin(&b, "23000AA\xe2\x82\xac|"); /* the euro sign: not in CP850 */
	assert_int_equal(sip2_seal(&b, "CP850", 0, &out, &err), -1);
	assert_non_null(strstr(err.message, "CP850"));
	assert_int_equal(sip2_seal(&b, "US-ASCII", 0, &out, &err), -1);
	buf_free(&b);
	buf_free(&out);
	arena_free(&a);
}

static void test_dates(void **state)
{
	(void)state;
	char d[19];
	sip2_date(d, 1796029200, "UTC"); /* 2026-11-30 09:00:00 UTC */
	assert_string_equal(d, "20261130    090000");
	/* The ILS's clock in Mississippi, whatever the process's TZ is just now. */
	setenv("TZ", "Asia/Tokyo", 1);
	sip2_date(d, 1796029200, "America/Chicago");
	assert_string_equal(d, "20261130    030000");
	assert_int_equal(sip2_date_parse("20261130    030000", "America/Chicago"), 1796029200);
	assert_int_equal(sip2_date_parse("20261130    090000", "UTC"), 1796029200);
	/* "   Z" is UTC whatever the ILS's zone. */
	assert_int_equal(sip2_date_parse("20261130   Z090000", "America/Chicago"), 1796029200);
	assert_int_equal(sip2_date_parse("2026-11-30", "UTC"), 0);
	assert_int_equal(sip2_date_parse("20261330    090000", "UTC"), 0);
	assert_int_equal(sip2_date_parse(NULL, "UTC"), 0);
}

/* The parser given every truncation of a good answer and many thousand mutations of it. */
static void test_fuzz(void **state)
{
	(void)state;
	const char *seeds[] = {
		PATRON64_FIXED "AUitem-3|AEMaría Ortiz|AOKOS|AA2100|BLY|AFx|AY4AZ1234\r",
		"98YYYNYN010003"
		"20261130    091500"
		"2.00AOKOS|AMKos Library|BXYYYYYYYYYYYYYYYY|"
		"AY1AZ0000\r",
		"301YNN20261130    091500AOKOS|AA2100|AB31234|AH20261214    235900|AY2AZ0000",
		"6610002000120261130    091500BNb-3|BMb-1|AFon hold|",
	};
	struct arena a;
	arena_init(&a);
	srand(24);
	for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
		size_t n = strlen(seeds[s]);
		for (size_t cut = 0; cut <= n; cut++) {
			char *p =
				malloc(cut ? cut : 1); /* exactly cut bytes: ASan sees overreads */
			memcpy(p, seeds[s], cut);
			struct sip2_msg m;
			struct fd_error err = {0};
			sip2_verify(p, cut);
			if (sip2_parse(&a, cut % 2 ? "CP850" : "UTF-8", p, cut, &m, &err) == 0)
				assert_int_equal(strlen(m.fixed), sip2_fixed_len(m.code));
			free(p);
		}
		for (int i = 0; i < 5000; i++) {
			char *p = malloc(n);
			memcpy(p, seeds[s], n);
			for (int k = 1 + rand() % 4; k > 0; k--) {
				int what = rand() % 4;
				char c = what == 0   ? '|'
					 : what == 1 ? '\r'
					 : what == 2 ? (char)(0x80 + rand() % 128)
						     : (char)(rand() % 256);
				p[rand() % n] = c;
			}
			struct sip2_msg m;
			struct fd_error err = {0};
			sip2_verify(p, n);
			if (sip2_parse(&a, i % 3 ? "UTF-8" : "ISO-8859-1", p, n, &m, &err) == 0) {
				for (size_t f = 0; f < m.nfields; f++)
					assert_int_equal(strlen(m.fields[f].tag), 2);
			}
			free(p);
		}
		arena_free(&a);
		arena_init(&a);
	}
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requests_carry_the_guides_checksums),
		cmocka_unit_test(test_fields_are_built_and_refused),
		cmocka_unit_test(test_patron_information_in_any_order),
		cmocka_unit_test(test_item_and_renew_all_answers),
		cmocka_unit_test(test_checksums_are_verified),
		cmocka_unit_test(test_short_and_foreign_answers_are_refused),
		cmocka_unit_test(test_character_sets),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
