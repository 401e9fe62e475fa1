/* The check on text coming in: UTF-8 by RFC 3629's table (overlong forms, surrogates and code
 * points past U+10FFFF refused), control characters refused, and errors that name the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/text.h"

#define T(s) s, sizeof s - 1

static void test_utf8_by_the_table(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		bool valid;
		size_t offset; /* of the fault */
	} cases[] = {
		{T(""), true, 0},
		{T("Kosciusko"), true, 0},
		{T("No\xc3\xabl \xe2\x82\xac \xf0\x9f\x93\x9a"), true, 0}, /* ë, €, a book */
		{T("\xed\x9f\xbf"), true, 0},				   /* U+D7FF */
		{T("\xee\x80\x80"), true, 0},				   /* U+E000 */
		{T("\xf4\x8f\xbf\xbf"), true, 0},			   /* U+10FFFF */
		{T("ab\xff"), false, 2},
		{T("\x80"), false, 0},		   /* a continuation byte first */
		{T("\xc0\xaf"), false, 0},	   /* overlong '/' */
		{T("\xc1\xbf"), false, 0},	   /* overlong */
		{T("\xe0\x80\xaf"), false, 0},	   /* overlong '/' in three */
		{T("\xe0\x9f\xbf"), false, 0},	   /* overlong */
		{T("\xed\xa0\x80"), false, 0},	   /* the surrogate U+D800 */
		{T("\xf0\x8f\xbf\xbf"), false, 0}, /* overlong in four */
		{T("\xf4\x90\x80\x80"), false, 0}, /* U+110000 */
		{T("\xf5\x80\x80\x80"), false, 0},
		{T("x\xc3"), false, 1}, /* cut short at the end */
		{T("x\xe2\x82"), false, 1},
		{T("\xc3\x28"), false, 0}, /* a lead without its continuation */
		{T("\xe2\x28\xa1"), false, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct text_fault f = {0};
		bool ok = text_valid(cases[i].s, cases[i].len, true, &f);
		if (ok != cases[i].valid)
			fail_msg("case %zu: %s", i, ok ? "accepted" : "refused");
		if (!ok) {
			assert_int_equal(f.offset, cases[i].offset);
			assert_int_equal(f.code, -1);
		}
	}
}

static void test_control_characters(void **state)
{
	(void)state;
	struct text_fault f;
	/* Tab and line breaks are for text of several lines only. */
	assert_true(text_valid(T("a\tb\r\nc"), true, NULL));
	assert_false(text_valid(T("a\tb"), false, &f));
	assert_int_equal(f.code, '\t');
	assert_false(text_valid(T("two\nlines"), false, NULL));
	/* NUL, the rest of C0, DEL and C1 always. */
	assert_false(text_valid(T("Christ\0mas"), true, &f));
	assert_int_equal(f.code, 0);
	assert_int_equal(f.offset, 6);
	assert_false(text_valid(T("\x1b[31m"), true, &f));
	assert_int_equal(f.code, 0x1b);
	assert_false(text_valid(T("del\x7f"), true, &f));
	assert_int_equal(f.code, 0x7f);
	assert_false(text_valid(T("c1\xc2\x85"), true, &f)); /* U+0085, NEL */
	assert_int_equal(f.code, 0x85);
	assert_true(text_valid(T("\xc2\xa0"), false, NULL)); /* U+00A0 is a space */
}

static void test_errors_name_the_field_and_line(void **state)
{
	(void)state;
	struct fd_error err = {0};
	assert_int_equal(text_check("policy.md", T("# P\n\n## Sec\nText \xff here\n"), true, &err),
			 -1);
	assert_int_equal(err.code, FD_EINVAL);
	assert_string_equal(err.field, "policy.md");
	assert_string_equal(err.message, "policy.md, line 4: byte 0xFF is not valid UTF-8");
	fd_error_clear(&err);
	assert_int_equal(text_check("name", T("Ann\0e"), false, &err), -1);
	assert_string_equal(err.message, "name may not contain control characters (U+0000)");
	fd_error_clear(&err);
	/* One line: no line number, whatever the mode. */
	assert_int_equal(text_check("note", T("caf\xe9"), true, &err), -1);
	assert_string_equal(err.message, "note is not valid UTF-8 text (byte 0xE9)");
	assert_int_equal(text_check("note", T("fine\ntext"), true, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_by_the_table),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_errors_name_the_field_and_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
