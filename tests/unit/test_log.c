/* The log's collapsing of repeats: a message repeated within the window is written once and
 * counted, the count written when the window ends; tags (request ids) do not tell repeats
 * apart; levels do; and the count is exact with threads logging at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/log.h"

#define WINDOW_MS 300

static FILE *out;

static int setup(void **state)
{
	(void)state;
	out = tmpfile();
	log_configure(out, WINDOW_MS);
	return out ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	log_flush(true);
	log_configure(NULL, LOG_REPEAT_WINDOW_MS);
	fclose(out);
	return 0;
}

/* The lines written since the last call, into lines (each without its timestamp). */
static int lines_since(char lines[][256], int max)
{
	static long seen;
	int n = 0;
	char line[512];
	fflush(out);
	fseek(out, seen, SEEK_SET);
	while (fgets(line, sizeof line, out)) {
		line[strcspn(line, "\n")] = '\0';
		const char *text = strchr(line, ' '); /* past the timestamp */
		if (n < max)
			snprintf(lines[n], 256, "%.255s", text ? text + 1 : line);
		n++;
	}
	seen = ftell(out);
	return n;
}

static void wait_window(void)
{
	nanosleep(&(struct timespec){0, (WINDOW_MS + 50) * 1000000L}, NULL);
}

static void test_a_repeat_is_counted_and_its_count_written_when_the_window_ends(void **state)
{
	(void)state;
	char lines[4][256];
	for (int i = 0; i < 1000; i++)
		log_error("durable: the write could not be synced to disk");
	assert_int_equal(lines_since(lines, 4), 1);
	assert_string_equal(lines[0], "error durable: the write could not be synced to disk");
	log_flush(false); /* the window has not ended */
	assert_int_equal(lines_since(lines, 4), 0);
	wait_window();
	log_flush(false);
	assert_int_equal(lines_since(lines, 4), 1);
	assert_string_equal(lines[0], "error durable: the write could not be synced to disk "
				      "(repeated 999 times in the last 1 s)");
	/* After its window, the message is news again. */
	log_error("durable: the write could not be synced to disk");
	assert_int_equal(lines_since(lines, 4), 1);
	wait_window();
	log_flush(false);
	assert_int_equal(lines_since(lines, 4), 0); /* no repeats: no count */
}

static void test_interleaved_failures_each_collapse(void **state)
{
	(void)state;
	char lines[8][256];
	for (int i = 0; i < 500; i++) {
		log_error("sqlite: COMMIT: disk I/O error");
		log_tagged(LOG_ERROR, i % 2 ? "request 0b" : "request 0a", "database error (%s)",
			   "disk I/O error");
		log_warn("sqlite: COMMIT: disk I/O error"); /* another level is another message */
	}
	assert_int_equal(lines_since(lines, 8), 3);
	assert_string_equal(lines[0], "error sqlite: COMMIT: disk I/O error");
	assert_string_equal(lines[1], "error request 0a: database error (disk I/O error)");
	assert_string_equal(lines[2], "warn sqlite: COMMIT: disk I/O error");
	log_flush(true);
	assert_int_equal(lines_since(lines, 8), 3);
	assert_non_null(strstr(lines[1], "error database error (disk I/O error) (repeated 499 "
					 "times in the last 1 s; the last: request 0b)"));
}

/* A request id quoted to the administrator is in the log when its failure was one of a few. */
static void test_a_few_repeats_name_each_tag(void **state)
{
	(void)state;
	char lines[4][256];
	log_tagged(LOG_ERROR, "request 01", "no such table: holiday");
	log_tagged(LOG_ERROR, "request 02", "no such table: holiday");
	log_tagged(LOG_ERROR, "request 03", "no such table: holiday");
	assert_int_equal(lines_since(lines, 4), 1);
	assert_string_equal(lines[0], "error request 01: no such table: holiday");
	log_flush(true);
	assert_int_equal(lines_since(lines, 4), 1);
	assert_string_equal(lines[0], "error no such table: holiday (repeated 2 times in the last "
				      "1 s: request 02, request 03)");
}

static void test_more_messages_than_it_remembers(void **state)
{
	(void)state;
	char lines[32][256];
	log_info("first");
	log_info("first");
	for (int i = 0; i < 16; i++)
		log_info("message %d", i);
	/* Making room for the 17th distinct message wrote the count of the oldest. */
	assert_int_equal(lines_since(lines, 32), 18);
	assert_string_equal(lines[0], "info first");
	assert_string_equal(lines[16], "info first (repeated 1 time in the last 1 s)");
	assert_string_equal(lines[17], "info message 15");
	log_flush(true);
	assert_int_equal(lines_since(lines, 32), 0);
}

static void *flood(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2500; i++)
		log_tagged(LOG_ERROR, "request 1", "the disk is full");
	return NULL;
}

static void test_threads_at_once_are_counted_exactly(void **state)
{
	(void)state;
	char lines[4][256];
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, flood, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	log_flush(true);
	assert_int_equal(lines_since(lines, 4), 2);
	assert_string_equal(lines[0], "error request 1: the disk is full");
	assert_non_null(strstr(lines[1], "(repeated 9999 times in the last"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_a_repeat_is_counted_and_its_count_written_when_the_window_ends),
		cmocka_unit_test(test_interleaved_failures_each_collapse),
		cmocka_unit_test(test_a_few_repeats_name_each_tag),
		cmocka_unit_test(test_more_messages_than_it_remembers),
		cmocka_unit_test(test_threads_at_once_are_counted_exactly),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
