/* One line per message, written under one lock so threads do not interleave. The last few
 * distinct messages are remembered: a repeat within the window is counted instead of written,
 * and "… (repeated N times in the last S s)" follows when the window ends. A request's
 * repeat is given an id made from the first one's, which the count names. */
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

struct repeat {
	char *text; /* the message without its request id; NULL: a free slot */
	enum log_level level;
	int64_t first_ms; /* when it was written */
	long held;	  /* repeats counted since, not written */
	char *first_id;	  /* a request's message: the id it was written with; else NULL */
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

/* Under the lock: one whole line, "request ID: " first when id. */
static void write_line(enum log_level level, const char *id, const char *text, const char *suffix)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	fprintf(lg.out ? lg.out : stderr, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s %s%s%s%s%s\n",
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		ts.tv_nsec / 1000000, level_names[level], id ? "request " : "", id ? id : "",
		id ? ": " : "", text, suffix);
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
		/* Every repeat's id, as a range: all of them are FIRST.1 … FIRST.held. */
		if (slot->first_id && slot->held == 1)
			buf_printf(&suffix, ": request %s.1", slot->first_id);
		else if (slot->first_id)
			buf_printf(&suffix, ": requests %s.1 to %s.%ld", slot->first_id,
				   slot->first_id, slot->held);
		buf_putc(&suffix, ')');
		write_line(slot->level, NULL, slot->text, buf_str(&suffix));
		buf_free(&suffix);
	}
	free(slot->text);
	free(slot->first_id);
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

/* Writes text unless it repeats a message still in its window, which counts it. With id (a
 * request's), the line is "request ID: text" and a repeat's id becomes FIRST.N. */
static void emit(enum log_level level, char *id, const char *text)
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
		if (r->level == level && !r->first_id == !id && strcmp(r->text, text) == 0) {
			r->held++;
			if (id)
				snprintf(id, LOG_ID_LEN, "%s.%ld", r->first_id, r->held);
			return;
		}
		if (r->first_ms < oldest->first_ms)
			oldest = r;
	}
	if (!free_slot) {
		settle(oldest, now); /* its count before the news that takes its place */
		free_slot = oldest;
	}
	write_line(level, id, text, "");
	*free_slot = (struct repeat){xstrdup(text), level, now, 0, id ? xstrdup(id) : NULL};
}

static void log_v(enum log_level level, char *id, const char *fmt, va_list ap)
{
	if ((int)level < min_level)
		return;
	struct buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	pthread_mutex_lock(&lg.lock);
	emit(level, id, buf_str(&b));
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

void log_request(enum log_level level, char id[LOG_ID_LEN], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v(level, id, fmt, ap);
	va_end(ap);
}
