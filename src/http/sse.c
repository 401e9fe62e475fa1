/* The event hub and its listeners (see sse.h). */
#include "http/sse.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/log.h"
#include "base/timefmt.h"
#include "service/queue.h"
#include "http/handlers.h"

/* A comment now and then finds connections the client has closed: a suspended one is not
 * watched, and a browser moving from page to page leaves one behind on each. */
#define HEARTBEAT_S 5
#define WAIT_MS 200 /* also how soon the hub notices it should stop */
/* Listeners are kept by branch, so an event touches only its branch's listeners: a consortium's
 * 2,000 desks and boards over 300 branches made every event walk (and strcmp) all of them. */
#define BUCKETS 1024

struct listener {
	struct listener *next;
	struct MHD_Connection *conn;
	char *branch;
	struct buf pending;
	bool suspended, closing;
	bool board; /* a public board: told only that something changed, never what */
};

/* All a board hears of a change (CS-CONFIDENTIAL): no visit, no kind, no time. */
static const char board_change[] = "event: change\ndata: {}\n\n";

static struct {
	pthread_mutex_t lock;
	pthread_t thread;
	bool running, stop;
	bool db_lost; /* the hub's last look at the database failed */
	const struct config *cfg;
	struct listener *bucket[BUCKETS]; /* by the hash of the branch's code */
	int64_t last_id;
} hub = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* The bucket of the listeners on branch `code` (FNV-1a). */
static struct listener **bucket_of(const char *code)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *c = (const unsigned char *)code; *c; c++)
		h = (h ^ *c) * 16777619u;
	return &hub.bucket[h % BUCKETS];
}

/* With hub.lock held: queue text for l and wake its connection. */
static void push(struct listener *l, const char *text, size_t n)
{
	buf_append(&l->pending, text, n);
	if (l->suspended) {
		l->suspended = false;
		MHD_resume_connection(l->conn);
	}
}

/* A ban issued, lifted or changed anywhere (service/ban.c): its own event, which a desk
 * answers by loading its alerts and queue again, and which a public board never hears of. */
static bool is_ban(const struct queue_event *e)
{
	return strcmp(e->kind, "ban") == 0;
}

static void format_event(struct buf *b, const struct queue_event *e)
{
	char at[RFC3339_LEN];
	timefmt_rfc3339(e->at, at);
	json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)e->id, "branch",
			      e->branch_code, "kind", e->kind, "visit", (json_int_t)e->visit_id,
			      "at", at);
	char *data = json_dumps(j, JSON_COMPACT);
	buf_printf(b, "id: %lld\nevent: %s\ndata: %s\n\n", (long long)e->id,
		   is_ban(e) ? "ban" : "queue", data ? data : "{}");
	free(data);
	json_decref(j);
}

static void dispatch(const struct queue_event *e, size_t n)
{
	struct buf b = BUF_INIT;
	pthread_mutex_lock(&hub.lock);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&b);
		format_event(&b, &e[i]);
		for (struct listener *l = *bucket_of(e[i].branch_code); l; l = l->next)
			if (strcmp(l->branch, e[i].branch_code) != 0)
				continue;
			else if (l->board && !is_ban(&e[i]))
				push(l, board_change, sizeof board_change - 1);
			else if (l->board)
				continue;
			else
				push(l, b.data, b.len);
		if (e[i].id > hub.last_id)
			hub.last_id = e[i].id;
	}
	pthread_mutex_unlock(&hub.lock);
	buf_free(&b);
}

/* The same text to every listener of every branch. */
static void broadcast(const char *text)
{
	pthread_mutex_lock(&hub.lock);
	for (size_t i = 0; i < BUCKETS; i++)
		for (struct listener *l = hub.bucket[i]; l; l = l->next)
			push(l, text, strlen(text));
	pthread_mutex_unlock(&hub.lock);
}

static void heartbeat(void)
{
	broadcast(": ping\n\n");
}

/* The hub's connection was lost and made again: a NOTIFY sent meanwhile went nowhere and a
 * desk may have missed a change, so every desk is told to load its queue afresh. */
static void resync(void)
{
	broadcast("event: resync\ndata: {\"reason\":\"the connection to the database was made "
		  "again: load the queue afresh\"}\n\n");
}

/* Notes how the hub's last look at the database went, logging a change once; returns true
 * when it has just come back after failing. */
static bool note_database(bool ok, const char *why)
{
	pthread_mutex_lock(&hub.lock);
	bool was_lost = hub.db_lost;
	hub.db_lost = !ok;
	pthread_mutex_unlock(&hub.lock);
	if (!ok && !was_lost)
		log_warn("live events: paused until the database answers (%s)", why);
	else if (ok && was_lost)
		log_info("live events: the database answers again; desks told to refresh");
	return ok && was_lost;
}

const char *sse_state(void)
{
	pthread_mutex_lock(&hub.lock);
	const char *state = !hub.running ? "stopped" : hub.db_lost ? "reconnecting" : "ok";
	pthread_mutex_unlock(&hub.lock);
	return state;
}

static void *hub_main(void *arg)
{
	struct store *store = arg;
	int64_t last_beat = time_now();
	uint64_t reconnects = store_reconnects(store);
	while (true) {
		pthread_mutex_lock(&hub.lock);
		bool stop = hub.stop;
		int64_t after = hub.last_id;
		pthread_mutex_unlock(&hub.lock);
		if (stop)
			break;
		struct arena a;
		struct fd_error err = {0};
		struct queue_event *e;
		size_t n = 0;
		arena_init(&a);
		struct svc s = {.store = store, .arena = &a, .config = hub.cfg, .now = time_now()};
		if (queue_event_wait(&s, WAIT_MS, &err) ||
		    queue_events_since(&s, after, &e, &n, &err)) {
			note_database(false, err.message);
			struct timespec pause = {1, 0};
			nanosleep(&pause, NULL);
		} else {
			/* What was committed meanwhile is in the table, and follows the resync. */
			bool back = note_database(true, NULL);
			if (back || store_reconnects(store) != reconnects)
				resync();
			reconnects = store_reconnects(store);
			if (n)
				dispatch(e, n);
		}
		arena_free(&a);
		if (time_now() - last_beat >= HEARTBEAT_S) {
			heartbeat();
			last_beat = time_now();
		}
	}
	store_close(store);
	return NULL;
}

int sse_start(const struct config *cfg, struct fd_error *err)
{
	struct store *store;
	struct arena a;
	if (store_open_existing(cfg->db_url, &cfg->db_timeouts, &store, err))
		return -1;
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = cfg, .now = time_now()};
	int rc = queue_event_max(&s, &hub.last_id, err);
	arena_free(&a);
	if (rc) {
		store_close(store);
		return -1;
	}
	hub.cfg = cfg;
	hub.stop = false;
	if (pthread_create(&hub.thread, NULL, hub_main, store) != 0) {
		store_close(store);
		return fd_fail(err, FD_EINTERNAL, "cannot start the live events thread");
	}
	pthread_mutex_lock(&hub.lock); /* /healthz may be asking already */
	hub.running = true;
	pthread_mutex_unlock(&hub.lock);
	return 0;
}

void sse_stop(void)
{
	if (!hub.running)
		return;
	pthread_mutex_lock(&hub.lock);
	hub.stop = true;
	for (size_t i = 0; i < BUCKETS; i++)
		for (struct listener *l = hub.bucket[i]; l; l = l->next) {
			l->closing = true;
			if (l->suspended) {
				l->suspended = false;
				MHD_resume_connection(l->conn);
			}
		}
	pthread_mutex_unlock(&hub.lock);
	pthread_join(hub.thread, NULL);
	pthread_mutex_lock(&hub.lock);
	hub.running = false;
	pthread_mutex_unlock(&hub.lock);
}

static ssize_t read_events(void *cls, uint64_t pos, char *out, size_t max)
{
	struct listener *l = cls;
	ssize_t n = 0;
	pthread_mutex_lock(&hub.lock);
	if (l->pending.len) {
		n = (ssize_t)(l->pending.len < max ? l->pending.len : max);
		memcpy(out, l->pending.data, (size_t)n);
		memmove(l->pending.data, l->pending.data + n, l->pending.len - (size_t)n);
		l->pending.len -= (size_t)n;
	} else if (l->closing) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		/* Nothing to say: park the connection until push() wakes it. */
		l->suspended = true;
		MHD_suspend_connection(l->conn);
	}
	pthread_mutex_unlock(&hub.lock);
	return n;
}

static void free_listener(void *cls)
{
	struct listener *l = cls;
	pthread_mutex_lock(&hub.lock);
	for (struct listener **p = bucket_of(l->branch); *p; p = &(*p)->next)
		if (*p == l) {
			*p = l->next;
			break;
		}
	pthread_mutex_unlock(&hub.lock);
	buf_free(&l->pending);
	free(l->branch);
	free(l);
}

/* Opens r's event stream on branch b: the missed events first (a desk's only). */
static void listen_on(struct request *r, const struct branch *b, bool board,
		      const struct queue_event *missed, size_t nmissed)
{
	struct fd_error err = {0};
	struct listener *l = xcalloc(1, sizeof *l);
	l->conn = r->conn;
	l->branch = xstrdup(b->code);
	l->board = board;
	buf_puts(&l->pending, "retry: 2000\n: connected\n\n");
	for (size_t i = 0; i < nmissed; i++)
		if (strcmp(missed[i].branch_code, l->branch) == 0)
			format_event(&l->pending, &missed[i]);
	r->stream = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, read_events, l,
						      free_listener);
	if (!r->stream) {
		buf_free(&l->pending);
		free(l->branch);
		free(l);
		fd_fail(&err, FD_EINTERNAL, "cannot open the event stream");
		req_error(r, &err);
		return;
	}
	pthread_mutex_lock(&hub.lock);
	l->closing = hub.stop;
	struct listener **bucket = bucket_of(l->branch);
	l->next = *bucket;
	*bucket = l;
	pthread_mutex_unlock(&hub.lock);
	r->content_type = "text/event-stream";
	req_add_header(r, "X-Accel-Buffering", "no"); /* nginx: pass events on at once */
}

void api_events(struct request *r)
{
	struct fd_error err = {0};
	struct branch b;
	struct queue_event *missed = NULL;
	size_t nmissed = 0;
	/* The caller must be allowed to see the queue at all. */
	if (queue_follow(&r->svc, r->params[0], &b, &err)) {
		req_error(r, &err);
		return;
	}
	const char *last = req_header(r, "Last-Event-ID");
	if (last) {
		/* A reconnecting browser gets what it missed. */
		long long after = strtoll(last, NULL, 10);
		if (after > 0 && queue_events_since(&r->svc, after, &missed, &nmissed, &err)) {
			req_error(r, &err);
			return;
		}
	}
	listen_on(r, &b, false, missed, nmissed);
}

void board_events(struct request *r)
{
	struct fd_error err = {0};
	struct branch b;
	/* No login: the stream says only "change", and the board fetches its public page
	 * again (it does so on connecting, too, so nothing missed meanwhile is lost). */
	if (queue_board_follow(&r->svc, r->params[0], &b, &err)) {
		req_error(r, &err);
		return;
	}
	listen_on(r, &b, true, NULL, 0);
}
