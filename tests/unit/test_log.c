/* The log's collapsing of repeats: a message repeated within the window is written once and
 * counted, the count written when the window ends; request ids do not tell repeats apart;
 * levels do; every repeat's request gets an id the log can be searched for; and the count
 * and the ids are exact with threads logging at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
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
		char id[LOG_ID_LEN];
		log_error("sqlite: COMMIT: disk I/O error");
		snprintf(id, sizeof id, "0a%03d", i);
		log_request(LOG_ERROR, id, "database error (%s)", "disk I/O error");
		log_warn("sqlite: COMMIT: disk I/O error"); /* another level is another message */
	}
	assert_int_equal(lines_since(lines, 8), 3);
	assert_string_equal(lines[0], "error sqlite: COMMIT: disk I/O error");
	assert_string_equal(lines[1], "error request 0a000: database error (disk I/O error)");
	assert_string_equal(lines[2], "warn sqlite: COMMIT: disk I/O error");
	log_flush(true);
	assert_int_equal(lines_since(lines, 8), 3);
	assert_non_null(strstr(lines[1], "error database error (disk I/O error) (repeated 499 "
					 "times in the last 1 s: requests 0a000.1 to 0a000.499)"));
}

/* Whatever id a person quotes from a flood, searching the log for it (or for the part before
 * its dot) finds the failure's line and the count that takes the id in. */
static void test_every_request_id_of_a_flood_can_be_found(void **state)
{
	(void)state;
	char lines[4][256], id[LOG_ID_LEN];
	for (int i = 0; i < 3000; i++) {
		snprintf(id, sizeof id, "f%04d", i); /* fresh, as a request makes it */
		log_request(LOG_ERROR, id, "no such table: holiday");
		char want[LOG_ID_LEN];
		snprintf(want, sizeof want, i ? "f0000.%d" : "f0000", i);
		assert_string_equal(id, want);
	}
	assert_int_equal(lines_since(lines, 4), 1);
	assert_string_equal(lines[0], "error request f0000: no such table: holiday");
	log_flush(true);
	assert_int_equal(lines_since(lines, 4), 1);
	assert_string_equal(lines[0],
			    "error no such table: holiday (repeated 2999 times in the last "
			    "1 s: requests f0000.1 to f0000.2999)");
	/* One repeat is named alone; a new window keeps the fresh id. */
	strcpy(id, "a1");
	log_request(LOG_ERROR, id, "no such table: holiday");
	strcpy(id, "a2");
	log_request(LOG_ERROR, id, "no such table: holiday");
	assert_string_equal(id, "a1.1");
	log_flush(true);
	assert_int_equal(lines_since(lines, 4), 2);
	assert_string_equal(lines[0], "error request a1: no such table: holiday");
	assert_string_equal(lines[1], "error no such table: holiday (repeated 1 time in the last "
				      "1 s: request a1.1)");
}

/* The same words logged without a request are another message: the ids' range stays exact. */
static void test_a_request_and_a_plain_message_are_counted_apart(void **state)
{
	(void)state;
	char lines[8][256], id[LOG_ID_LEN];
	log_error("the disk is full");
	strcpy(id, "b1");
	log_request(LOG_ERROR, id, "the disk is full");
	assert_string_equal(id, "b1");
	log_error("the disk is full");
	strcpy(id, "b2");
	log_request(LOG_ERROR, id, "the disk is full");
	assert_string_equal(id, "b1.1");
	log_flush(true);
	assert_int_equal(lines_since(lines, 8), 4);
	assert_string_equal(lines[0], "error the disk is full");
	assert_string_equal(lines[1], "error request b1: the disk is full");
	assert_string_equal(lines[2], "error the disk is full (repeated 1 time in the last 1 s)");
	assert_string_equal(
		lines[3], "error the disk is full (repeated 1 time in the last 1 s: request b1.1)");
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

#define FLOOD_THREADS 4
#define FLOOD_EACH 2500

/* Each id a repeat was given, by its number: each number once. */
static _Atomic int given[FLOOD_THREADS * FLOOD_EACH];
static char first_id[LOG_ID_LEN];

static void *flood(void *arg)
{
	for (int i = 0; i < FLOOD_EACH; i++) {
		char id[LOG_ID_LEN], *dot;
		snprintf(id, sizeof id, "t%d_%d", *(int *)arg, i);
		log_request(LOG_ERROR, id, "the disk is full");
		if ((dot = strchr(id, '.')))
			given[atoi(dot + 1)]++;
		else
			snprintf(first_id, sizeof first_id, "%s", id);
	}
	return NULL;
}

static void test_threads_at_once_are_counted_exactly(void **state)
{
	(void)state;
	char lines[4][256], want[256];
	pthread_t t[FLOOD_THREADS];
	int n[FLOOD_THREADS];
	for (int i = 0; i < FLOOD_THREADS; i++) {
		n[i] = i;
		pthread_create(&t[i], NULL, flood, &n[i]);
	}
	for (int i = 0; i < FLOOD_THREADS; i++)
		pthread_join(t[i], NULL);
	log_flush(true);
	assert_int_equal(lines_since(lines, 4), 2);
	snprintf(want, sizeof want, "error request %s: the disk is full", first_id);
	assert_string_equal(lines[0], want);
	assert_non_null(strstr(lines[1], "(repeated 9999 times in the last"));
	snprintf(want, sizeof want, ": requests %s.1 to %s.9999)", first_id, first_id);
	assert_non_null(strstr(lines[1], want));
	for (int i = 1; i < FLOOD_THREADS * FLOOD_EACH; i++)
		assert_int_equal(given[i], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_a_repeat_is_counted_and_its_count_written_when_the_window_ends),
		cmocka_unit_test(test_interleaved_failures_each_collapse),
		cmocka_unit_test(test_every_request_id_of_a_flood_can_be_found),
		cmocka_unit_test(test_a_request_and_a_plain_message_are_counted_apart),
		cmocka_unit_test(test_more_messages_than_it_remembers),
		cmocka_unit_test(test_threads_at_once_are_counted_exactly),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
