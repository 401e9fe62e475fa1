/* One line per message, written under one lock so threads do not interleave. The last few
 * distinct messages are remembered: a repeat within the window is counted instead of written,
 * and "… (repeated N times in the last S s)" follows when the window ends. */
#include "base/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/clock.h"

#define REPEAT_SLOTS 16 /* distinct messages remembered: those of one failure, interleaved */
#define TAGS_LISTED                                                                                \
	5 /* a few repeats' tags are listed with their count, so that a request
			 * id quoted to the administrator is in the log; past that, the last */

struct repeat {
	char *text; /* the message without its tag; NULL: a free slot */
	enum log_level level;
	int64_t first_ms; /* when it was written */
	long held;	  /* repeats counted since, not written */
	struct buf tags;  /* the tags of the first TAGS_LISTED repeats, ", " between */
	char *last_tag;	  /* the tag of the latest repeat, or NULL */
};

static const char *const level_names[LOG_LEVEL__MAX] = {"debug", "info", "warn", "error"};

/* Read without the lock: messages below it are not even formatted. */
static _Atomic int min_level = LOG_INFO;

static struct {
	pthread_mutex_t lock;
	FILE *out; /* NULL: stderr */
	int window_ms;
	struct repeat slots[REPEAT_SLOTS];
} lg = {.lock = PTHREAD_MUTEX_INITIALIZER, .window_ms = LOG_REPEAT_WINDOW_MS};

void log_set_level(enum log_level level)
{
	min_level = (int)level;
}

void log_configure(FILE *out, int repeat_window_ms)
{
	pthread_mutex_lock(&lg.lock);
	lg.out = out;
	lg.window_ms = repeat_window_ms;
	pthread_mutex_unlock(&lg.lock);
}

/* Under the lock: one whole line. */
static void write_line(enum log_level level, const char *tag, const char *text, const char *suffix)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	fprintf(lg.out ? lg.out : stderr, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s %s%s%s%s\n",
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		ts.tv_nsec / 1000000, level_names[level], tag ? tag : "", tag ? ": " : "", text,
		suffix);
	fflush(lg.out ? lg.out : stderr);
}

/* Under the lock: writes slot's count, if any, and frees it. */
static void settle(struct repeat *slot, int64_t now_ms)
{
	if (slot->held > 0) {
		struct buf suffix = BUF_INIT;
		int64_t s = (now_ms - slot->first_ms + 999) / 1000;
		buf_printf(&suffix, " (repeated %ld time%s in the last %lld s", slot->held,
			   slot->held == 1 ? "" : "s", (long long)(s ? s : 1));
		if (slot->held <= TAGS_LISTED && slot->tags.len)
			buf_printf(&suffix, ": %s", buf_str(&slot->tags));
		else if (slot->last_tag)
			buf_printf(&suffix, "; the last: %s", slot->last_tag);
		buf_putc(&suffix, ')');
		write_line(slot->level, NULL, slot->text, buf_str(&suffix));
		buf_free(&suffix);
	}
	free(slot->text);
	free(slot->last_tag);
	buf_free(&slot->tags);
	memset(slot, 0, sizeof *slot);
}

static void flush_locked(bool all, int64_t now_ms)
{
	for (int i = 0; i < REPEAT_SLOTS; i++)
		if (lg.slots[i].text && (all || now_ms - lg.slots[i].first_ms >= lg.window_ms))
			settle(&lg.slots[i], now_ms);
}

void log_flush(bool all)
{
	pthread_mutex_lock(&lg.lock);
	flush_locked(all, clock_ms());
	pthread_mutex_unlock(&lg.lock);
}

/* Writes text (tagged) unless it repeats a message still in its window, which counts it. */
static void emit(enum log_level level, const char *tag, const char *text)
{
	int64_t now = clock_ms();
	struct repeat *free_slot = NULL, *oldest = &lg.slots[0];
	flush_locked(false, now);
	for (int i = 0; i < REPEAT_SLOTS; i++) {
		struct repeat *r = &lg.slots[i];
		if (!r->text) {
			free_slot = free_slot ? free_slot : r;
			continue;
		}
		if (r->level == level && strcmp(r->text, text) == 0) {
			r->held++;
			if (tag && r->held <= TAGS_LISTED)
				buf_printf(&r->tags, "%s%s", r->tags.len ? ", " : "", tag);
			free(r->last_tag);
			r->last_tag = tag ? xstrdup(tag) : NULL;
			return;
		}
		if (r->first_ms < oldest->first_ms)
			oldest = r;
	}
	if (!free_slot) {
		settle(oldest, now); /* its count before the news that takes its place */
		free_slot = oldest;
	}
	write_line(level, tag, text, "");
	*free_slot = (struct repeat){xstrdup(text), level, now, 0, BUF_INIT, NULL};
}

static void log_v(enum log_level level, const char *tag, const char *fmt, va_list ap)
{
	if ((int)level < min_level)
		return;
	struct buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	pthread_mutex_lock(&lg.lock);
	emit(level, tag, buf_str(&b));
	pthread_mutex_unlock(&lg.lock);
	buf_free(&b);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v(level, NULL, fmt, ap);
	va_end(ap);
}

void log_tagged(enum log_level level, const char *tag, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v(level, tag, fmt, ap);
	va_end(ap);
}
