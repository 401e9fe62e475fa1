/* One line per message, written with a single fprintf so threads do not interleave. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "base/buf.h"

static enum log_level min_level = LOG_INFO;
static const char *const level_names[LOG_LEVEL__MAX] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level level)
{
	min_level = level;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	if (level < min_level)
		return;
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s ", tm.tm_year + 1900, tm.tm_mon + 1,
		   tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000,
		   level_names[level]);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", buf_str(&b));
	buf_free(&b);
}
