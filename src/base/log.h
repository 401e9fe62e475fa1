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
#define LOG_ID_LEN 64 /* a request id as log_request leaves it: a fresh one, or FIRST.N */

/* A line "request ID: message", ID being the id the request's answer gives the person to
 * quote. id comes in fresh (unique, under 40 characters) and is kept when the line is
 * written. When the message repeats one written within the window (its id aside), nothing is
 * written and id becomes FIRST.N: the written line's id and the repeat's number. The count
 * line names them all, "requests FIRST.1 to FIRST.N", so grep FIRST finds any of them. */
void log_request(enum log_level level, char id[LOG_ID_LEN], const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Writes the counts of repeats whose window has ended (all of them when all: at exit). */
void log_flush(bool all);

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
