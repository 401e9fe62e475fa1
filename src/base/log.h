/* Logging to stderr with a UTC timestamp and level; library layers never print otherwise.
 * A message repeated within a window is written once, then counted, and the count written
 * when the window ends, so a failing disk or database cannot flood the log.
 * Never log secrets or patron data (ASVS V7.1). */
#ifndef BASE_LOG_H
#define BASE_LOG_H
#include <stdbool.h>
#include <stdio.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_LEVEL__MAX };

#define LOG_REPEAT_WINDOW_MS 10000

void log_set_level(enum log_level level);
/* Where lines go (default stderr) and how long a repeat is counted before its count is
 * written (default LOG_REPEAT_WINDOW_MS); for the tests. */
void log_configure(FILE *out, int repeat_window_ms);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A line "tag: message". Repeats are told apart by the message alone, so one failure met by
 * many requests (tagged with their ids) still collapses; the count lists the repeats' tags
 * when they are few, else names the last. */
void log_tagged(enum log_level level, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Writes the counts of repeats whose window has ended (all of them when all: at exit). */
void log_flush(bool all);

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
