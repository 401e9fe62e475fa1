/* The CSV writer: RFC 4180 quoting, CRLF rows, and no cell a spreadsheet would run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/csv.h"

static const char *row(struct buf *b, const char *const *cells, size_t n)
{
	struct csv c = {.out = b};
	buf_reset(b);
	for (size_t i = 0; i < n; i++)
		csv_text(&c, cells[i]);
	csv_end_row(&c);
	return buf_str(b);
}

static void test_plain_and_quoted_cells(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *plain[] = {"day", "served", ""};
	assert_string_equal(row(&b, plain, 3), "day,served,\r\n");
	const char *quoted[] = {"Smith, Jo", "say \"hi\"", "two\nlines"};
	assert_string_equal(row(&b, quoted, 3),
			    "\"Smith, Jo\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
	buf_free(&b);
}

static void test_formulas_are_defused(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *cells[] = {"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"};
	assert_string_equal(row(&b, cells, 4), "\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'-2\","
					       "\"'@SUM(A1)\"\r\n");
	buf_free(&b);
}

static void test_numbers_and_missing_figures(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct csv c = {.out = &b};
	csv_int(&c, 42);
	csv_int(&c, -7); /* a number is written as a number, not defused */
	csv_figure(&c, 66.666);
	csv_figure(&c, -1);
	csv_end_row(&c);
	assert_string_equal(buf_str(&b), "42,-7,66.7,\r\n");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted_cells),
		cmocka_unit_test(test_formulas_are_defused),
		cmocka_unit_test(test_numbers_and_missing_figures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
