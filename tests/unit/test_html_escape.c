/* The one HTML writer: nothing reaches a page unescaped. */
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
	html_printf(&b, "<a href=\"/desk/%u?q=%u\">%d %lld %%</a>", "K O/S", "a&b=c", 42,
		    1234567890123LL);
	assert_string_equal(buf_str(&b), "<a href=\"/desk/K%20O%2FS?q=a%26b%3Dc\">42 "
					 "1234567890123 %</a>");
	buf_reset(&b);
	html_printf(&b, "%s|%s", (const char *)NULL, "");
	assert_string_equal(buf_str(&b), "|");
	buf_reset(&b);
	html_printf(&b, "100%"); /* a stray percent at the end prints nothing unsafe */
	assert_string_equal(buf_str(&b), "100");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_escapes)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
