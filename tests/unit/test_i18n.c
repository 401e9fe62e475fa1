/* The public's languages: the embedded Spanish catalogue looked up, Accept-Language chosen
 * by its q-values, the .mo reader given truncated and garbled files (it must answer nothing,
 * never read past the end: run under ASan), and times said in Spanish. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/embed.h"
#include "base/i18n.h"
#include "base/mo.h"
#include "base/timefmt.h"
#include "base/tz.h"

extern const struct embedded_file i18n_catalogues[];

static int spanish(void)
{
	int es = i18n_find("es");
	assert_true(es > LANG_ENGLISH);
	return es;
}

static void test_the_catalogue_is_embedded_and_named_in_itself(void **state)
{
	(void)state;
	assert_true(i18n_count() >= 2);
	int es = spanish();
	assert_string_equal(i18n_code(LANG_ENGLISH), "en");
	assert_string_equal(i18n_name(LANG_ENGLISH), "English");
	assert_string_equal(i18n_code(es), "es");
	assert_string_equal(i18n_name(es), "Español");
	/* Out of range: English, never a read past the table. */
	assert_string_equal(i18n_code(99), "en");
	assert_string_equal(i18n_code(-1), "en");
}

static void test_lookup(void **state)
{
	(void)state;
	int es = spanish();
	assert_string_equal(tr(es, "Now serving"), "Atendiendo ahora");
	assert_string_equal(tr(es, "Desk %s"), "Mostrador %s");
	assert_string_equal(tr(LANG_ENGLISH, "Now serving"), "Now serving");
	/* An unknown msgid is itself, in any language. */
	assert_string_equal(tr(es, "No such sentence in the catalogue"),
			    "No such sentence in the catalogue");
	assert_string_equal(tr(42, "Now serving"), "Now serving");
	/* The header (msgid "") is not a translation. */
	assert_string_equal(tr(es, ""), "");
	/* A context tells two Spanish sentences apart that are one in English. */
	assert_string_equal(tr(es, "at %s"), "a las %s");
	assert_string_equal(trp(es, "one o'clock", "at %s"), "a la %s");
	assert_string_equal(trp(LANG_ENGLISH, "one o'clock", "at %s"), "at %s");
	assert_string_equal(trp(es, "no such context", "at %s"), "at %s");
}

static void test_find(void **state)
{
	(void)state;
	int es = spanish();
	assert_int_equal(i18n_find("ES-mx"), es);
	assert_int_equal(i18n_find("es_US"), es);
	assert_int_equal(i18n_find("es"), es);
	assert_int_equal(i18n_find("EN"), LANG_ENGLISH);
	assert_int_equal(i18n_find("en-GB"), LANG_ENGLISH);
	assert_int_equal(i18n_find("est"), -1); /* Estonian is not Spanish */
	assert_int_equal(i18n_find("e"), -1);
	assert_int_equal(i18n_find("fr"), -1);
	assert_int_equal(i18n_find(""), -1);
	assert_int_equal(i18n_find(NULL), -1);
}

static void test_accept_language(void **state)
{
	(void)state;
	int es = spanish();
	assert_int_equal(i18n_pick("es-MX,es;q=0.9,en;q=0.8"), es);
	assert_int_equal(i18n_pick("fr, en;q=0.5"), LANG_ENGLISH);
	assert_int_equal(i18n_pick("es;q=0"), LANG_ENGLISH);
	assert_int_equal(i18n_pick("en;q=0.5, es;q=0.6"), es);
	assert_int_equal(i18n_pick("es;q=0.5, en;q=0.6"), LANG_ENGLISH);
	assert_int_equal(i18n_pick("en, es"), LANG_ENGLISH); /* a tie: the first listed */
	assert_int_equal(i18n_pick("de-DE , es ; q=0.3"), es);
	assert_int_equal(i18n_pick("*"), LANG_ENGLISH);
	assert_int_equal(i18n_pick(NULL), LANG_ENGLISH);
	assert_int_equal(i18n_pick(""), LANG_ENGLISH);
	/* Garbage: English, and no crash. */
	assert_int_equal(i18n_pick(";;;,,,q=q=,=="), LANG_ENGLISH);
	assert_int_equal(i18n_pick("es;q=nan"), LANG_ENGLISH);
	assert_int_equal(i18n_pick("es;q=2"), LANG_ENGLISH);
	assert_int_equal(i18n_pick("es;q="), LANG_ENGLISH);
	assert_int_equal(i18n_pick("\xff\xfe es"), LANG_ENGLISH);
}

/* A .mo by hand: count strings sorted as msgfmt sorts them, in either byte order. */
static size_t make_mo(unsigned char *out, size_t cap, const char *const *ids,
		      const char *const *strs, uint32_t n, int swapped)
{
	size_t at = 28 + 16 * (size_t)n;
	uint32_t words[7] = {0x950412deU, 0, n, 28, 28 + 8 * n, 0, 0};
	memset(out, 0, cap);
	for (int i = 0; i < 7; i++) {
		uint32_t w = swapped ? __builtin_bswap32(words[i]) : words[i];
		memcpy(out + 4 * i, &w, 4);
	}
	for (uint32_t t = 0; t < 2; t++)
		for (uint32_t i = 0; i < n; i++) {
			const char *s = t ? strs[i] : ids[i];
			uint32_t pair[2] = {(uint32_t)strlen(s), (uint32_t)at};
			for (int k = 0; k < 2; k++) {
				uint32_t w = swapped ? __builtin_bswap32(pair[k]) : pair[k];
				memcpy(out + 28 + 8 * (t * n + i) + 4 * k, &w, 4);
			}
			assert_true(at + strlen(s) + 1 <= cap);
			memcpy(out + at, s, strlen(s) + 1);
			at += strlen(s) + 1;
		}
	return at;
}

static void test_a_mo_by_hand_in_both_byte_orders(void **state)
{
	(void)state;
	static const char *const ids[] = {"", "apple", "pear", "plum"};
	static const char *const strs[] = {"Language: xx\nContent-Type: text/plain\n", "manzana",
					   "pera", "ciruela"};
	unsigned char mo[512];
	char code[8];
	for (int swapped = 0; swapped < 2; swapped++) {
		struct mo m;
		size_t size = make_mo(mo, sizeof mo, ids, strs, 4, swapped);
		assert_int_equal(mo_open(&m, mo, size), 0);
		assert_string_equal(mo_find(&m, "apple"), "manzana");
		assert_string_equal(mo_find(&m, "plum"), "ciruela");
		assert_string_equal(mo_find(&m, "pear"), "pera");
		assert_null(mo_find(&m, "fig"));
		assert_null(mo_find(&m, "zzz"));
		assert_int_equal(mo_header(&m, "Language", code, sizeof code), 0);
		assert_string_equal(code, "xx");
		assert_int_equal(mo_header(&m, "Plural-Forms", code, sizeof code), -1);
		assert_int_equal(mo_header(&m, "Content-Type", code, 4), -1); /* too long */
		/* Each truncation is refused: every string must end inside the file. */
		for (size_t cut = 0; cut < size; cut++)
			assert_int_equal(mo_open(&m, mo, cut), -1);
		assert_null(mo_find(&m, "apple"));
	}
}

static void test_a_garbled_mo_is_refused(void **state)
{
	(void)state;
	static const char *const ids[] = {"", "apple"};
	static const char *const strs[] = {"Language: xx\n", "manzana"};
	unsigned char mo[256];
	struct mo m;
	size_t size = make_mo(mo, sizeof mo, ids, strs, 2, 0);
	assert_int_equal(mo_open(&m, mo, size), 0);
	unsigned char bad[256];
	/* A count that overruns the file, and one that overflows 32 bits times 8. */
	static const uint32_t counts[] = {3, 0x20000000U, 0xffffffffU};
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		memcpy(bad, mo, size);
		memcpy(bad + 8, &counts[i], 4);
		assert_int_equal(mo_open(&m, bad, size), -1);
	}
	/* A string's offset past the end, its length past the end, its NUL overwritten. */
	static const struct {
		size_t at;
		uint32_t value;
	} pokes[] = {{28 + 12, 1000}, {28 + 8, 0xfffffff0U}, {28 + 16 + 8, 200}, {4, 0x20000}};
	for (size_t i = 0; i < sizeof pokes / sizeof *pokes; i++) {
		memcpy(bad, mo, size);
		memcpy(bad + pokes[i].at, &pokes[i].value, 4);
		assert_int_equal(mo_open(&m, bad, size), -1);
	}
	memcpy(bad, mo, size);
	bad[size - 1] = 'x';
	assert_int_equal(mo_open(&m, bad, size), -1);
	/* Not a .mo at all. */
	assert_int_equal(mo_open(&m, (const unsigned char *)"hello, world, this is text.....", 31),
			 -1);
	assert_int_equal(mo_open(&m, NULL, 0), -1);
	/* Random bytes, many times: refused or not, never a read out of bounds. */
	srand(23);
	for (int round = 0; round < 20000; round++) {
		memcpy(bad, mo, size);
		for (int k = 0; k < 1 + round % 4; k++)
			bad[(size_t)rand() % size] = (unsigned char)rand();
		if (mo_open(&m, bad, (size_t)rand() % (size + 1)) == 0)
			(void)mo_find(&m, "apple");
	}
}

/* The embedded catalogue itself, cut short anywhere: never read past the cut. */
static void test_the_embedded_catalogue_truncated(void **state)
{
	(void)state;
	const struct embedded_file *f = &i18n_catalogues[0];
	assert_non_null(f->name);
	for (size_t cut = 0; cut < f->size; cut += 7) {
		unsigned char *copy = malloc(cut ? cut : 1);
		memcpy(copy, f->data, cut);
		struct mo m;
		if (mo_open(&m, copy, cut) == 0)
			(void)mo_find(&m, "Now serving");
		free(copy);
	}
}

static int64_t at(const char *rfc3339)
{
	int64_t t = 0;
	assert_int_equal(timefmt_parse_rfc3339(rfc3339, &t), 0);
	return t;
}

static void test_a_day_and_time_in_spanish(void **state)
{
	(void)state;
	int es = spanish();
	struct arena a = {0};
	const char *z = "America/Chicago";
	int64_t now = at("2026-11-30T15:00:00-06:00"); /* a Monday */
	char clock[TZ_CLOCK_LEN];
	tz_clock_words(es, 9 * 60, clock);
	assert_string_equal(clock, "9 a. m.");
	tz_clock_words(es, 16 * 60 + 30, clock);
	assert_string_equal(clock, "4:30 p. m.");
	tz_clock_words(LANG_ENGLISH, 12 * 60, clock);
	assert_string_equal(clock, "12 pm");
	assert_string_equal(tz_when_words(&a, es, z, at("2026-12-01T09:00:00-06:00"), now),
			    "mañana a las 9 a. m.");
	assert_string_equal(tz_when_words(&a, es, z, at("2026-11-30T17:30:00-06:00"), now),
			    "hoy a las 5:30 p. m.");
	assert_string_equal(tz_when_words(&a, es, z, at("2026-12-02T13:00:00-06:00"), now),
			    "el miércoles 2 de diciembre a la 1 p. m.");
	/* English as the desk's calendar says it. */
	assert_string_equal(
		tz_when_words(&a, LANG_ENGLISH, z, at("2026-12-02T13:00:00-06:00"), now),
		"on Wednesday 2 December at 1 pm");
	assert_string_equal(
		tz_when_words(&a, LANG_ENGLISH, z, at("2026-12-01T00:00:00-06:00"), now),
		"tomorrow at 12 am");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_catalogue_is_embedded_and_named_in_itself),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_accept_language),
		cmocka_unit_test(test_a_mo_by_hand_in_both_byte_orders),
		cmocka_unit_test(test_a_garbled_mo_is_refused),
		cmocka_unit_test(test_the_embedded_catalogue_truncated),
		cmocka_unit_test(test_a_day_and_time_in_spanish),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
