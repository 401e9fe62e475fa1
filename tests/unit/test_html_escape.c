/* The one HTML writer: nothing reaches a page unescaped, and its conversions are printf's, so
 * the compiler checks every call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/html.h"

static void test_escapes(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	html_printf(&b, "<p title=\"%s\">%s</p>", "\"><script>x</script>", "Tom & 'Jerry' <b>");
	assert_string_equal(buf_str(&b), "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">"
					 "Tom &amp; &#39;Jerry&#39; &lt;b&gt;</p>");
	buf_reset(&b);
	const char *volatile missing = NULL; /* volatile: the compiler rightly refuses a NULL %s */
	html_printf(&b, "%s|%s", missing, "");
	assert_string_equal(buf_str(&b), "|");
	buf_reset(&b);
	html_printf(&b, "[%c%c]", '<', 'a');
	assert_string_equal(buf_str(&b), "[&lt;a]");
	buf_free(&b);
}

/* Numbers are printf's, flags, widths and precisions included; text is cut or padded first,
 * then escaped, so an entity is never cut in half. */
static void test_printf_conversions(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	html_printf(&b, "%d %lld %u %x %zu %% %i", -42, 1234567890123LL, 4000000000U, 255U,
		    (size_t)7, 3);
	assert_string_equal(buf_str(&b), "-42 1234567890123 4000000000 ff 7 % 3");
	buf_reset(&b);
	html_printf(&b, "y=\"%.1f\" %.0f %5.2f|%-3d|%03d|%+d", 12.345, 2.0, 3.14159, 7, 7, 7);
	assert_string_equal(buf_str(&b), "y=\"12.3\" 2  3.14|7  |007|+7");
	buf_reset(&b);
	html_printf(&b, "%*d|%-*d|%.*f|%.*s|%5s|%-5s|", 4, 1, 3, 2, 2, 1.0, 3, "a&bcd", "<", "b");
	assert_string_equal(buf_str(&b), "   1|2  |1.00|a&amp;b|    &lt;|b    |");
	buf_reset(&b);
	html_printf(&b, "%.*s|%s", -1, "all of it", "after"); /* negative precision: none */
	assert_string_equal(buf_str(&b), "all of it|after");
	buf_reset(&b);
	long l = -5;
	short h = 12;
	html_printf(&b, "%ld %hd %lu %g", l, h, 9UL, 0.5);
	assert_string_equal(buf_str(&b), "-5 12 9 0.5");
	buf_free(&b);
}

/* A spec too long to copy writes nothing but still reads its argument, so the ones after it
 * stay in step. */
static void test_absurd_width_keeps_arguments_in_step(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	html_printf(&b, "[%.00000000000000000000000000000000000000000001d][%s]", 5, "next");
	assert_string_equal(buf_str(&b), "[][next]");
	buf_free(&b);
}

/* Flags printf knows (grouping, locale digits) are read as flags, not as the conversion, so a
 * %s after them gets its own argument; a conversion printf does not know ends the output. */
static void test_every_flag_keeps_arguments_in_step(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	html_printf(&b, "[%'d|%s][%Id|%s]", 1234567, "ok", 42, "<b>");
	assert_string_equal(buf_str(&b), "[1234567|ok][42|&lt;b&gt;]");
	buf_reset(&b);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
	html_printf(&b, "[%y%s]", 7, "never read as a pointer");
#pragma GCC diagnostic pop
	assert_string_equal(buf_str(&b), "[");
	buf_free(&b);
}

static void test_url_part(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct buf b = BUF_INIT;
	html_printf(&b, "<a href=\"/desk/%s?q=%s\">%s</a>", html_url_part(&a, "K O/S"),
		    html_url_part(&a, "a&b=c<\"'>"), html_url_part(&a, "Ünï~-._"));
	assert_string_equal(buf_str(&b), "<a href=\"/desk/K%20O%2FS?q=a%26b%3Dc%3C%22%27%3E\">"
					 "%C3%9Cn%C3%AF~-._</a>");
	assert_string_equal(html_url_part(&a, NULL), "");
	buf_free(&b);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_printf_conversions),
		cmocka_unit_test(test_absurd_width_keeps_arguments_in_step),
		cmocka_unit_test(test_every_flag_keeps_arguments_in_step),
		cmocka_unit_test(test_url_part),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
