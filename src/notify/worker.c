/* One thread: claim the oldest due notice, send it, mark it sent or schedule a retry. */
#include "notify/worker.h"

#include <curl/curl.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/timefmt.h"
#include "notify/pdf.h"
#include "notify/smtp.h"
#include "service/audit.h"
#include "service/outbox.h"
#include "service/reminder.h"
#include "service/request.h"

#define IDLE_MS 500 /* how often an idle worker looks again, and how soon it stops */

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool running, stop;
	bool db_lost; /* its last look at the outbox failed: it tries again every 2 s */
	const struct config *cfg;
} w = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

/* Sleeps up to ms unless asked to stop; returns whether to stop. */
static bool pause_ms(int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += (long)ms * 1000000L;
	until.tv_sec += until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&w.lock);
	if (!w.stop)
		pthread_cond_timedwait(&w.wake, &w.lock, &until);
	bool stop = w.stop;
	pthread_mutex_unlock(&w.lock);
	return stop;
}

static int attach_report(struct svc *s, int64_t incident_id, struct mail *mail, struct buf *pdf,
			 struct fd_error *err)
{
	struct incident_view v;
	if (incident_get(s, incident_id, &v, err) || pdf_incident(&v, pdf, err))
		return -1;
	mail->attachment = (const unsigned char *)pdf->data;
	mail->attachment_len = pdf->len;
	mail->attachment_type = "application/pdf";
	mail->attachment_name = arena_printf(s->arena, "incident-%lld.pdf", (long long)incident_id);
	return 0;
}

/* Sends one due notice; returns 1 when there was one, 0 when none, -1 on a database error. */
static int send_one(struct store *store)
{
	struct arena a;
	struct fd_error err = {0};
	struct outbox_msg m;
	bool found = false;
	int ret = 0;
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = w.cfg, .now = time_now()};
	if (outbox_claim(&s, &m, &found, &err)) {
		log_warn("outbox: %s", err.message);
		ret = -1;
	} else if (found) {
		struct mail mail = {.from = w.cfg->smtp_from,
				    .to_addr = m.to_addr,
				    .to_name = m.to_name,
				    .subject = m.subject,
				    .body = m.body,
				    .message_id = m.message_id,
				    .id = m.id};
		struct fd_error send_err = {0};
		struct buf pdf = BUF_INIT;
		s.now = time_now();
		/* CS-INCIDENT: the signed report goes with its PDF, drawn as it is now. */
		if (m.about_kind && strcmp(m.about_kind, "incident") == 0 &&
		    attach_report(&s, m.about_id, &mail, &pdf, &send_err)) {
			log_warn("outbox: message %lld: %s", (long long)m.id, send_err.message);
			if (outbox_retry(&s, &m, send_err.message, &err))
				log_error("outbox: %s", err.message);
		} else if (smtp_send(w.cfg->smtp_url, &mail, &send_err) == 0) {
			log_info("outbox: message %lld sent", (long long)m.id);
			if (outbox_sent(&s, m.id, &err))
				log_error("outbox: message %lld sent but not marked: %s",
					  (long long)m.id, err.message);
		} else {
			log_warn("outbox: message %lld not sent (attempt %d, next in %d s): %s",
				 (long long)m.id, m.attempts, outbox_backoff_s(m.attempts),
				 send_err.message);
			if (outbox_retry(&s, &m, send_err.message, &err))
				log_error("outbox: %s", err.message);
		}
		buf_free(&pdf);
		ret = 1;
	}
	arena_free(&a);
	return ret;
}

/* Once a minute: the reports about to fall due (CS-INCIDENT). */
static void due_warnings(struct store *store, int64_t *last)
{
	int64_t now = time_now();
	if (now - *last < 60)
		return;
	*last = now;
	struct arena a;
	struct fd_error err = {0};
	int warned;
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = w.cfg, .now = now};
	if (incident_due_warnings(&s, &warned, &err))
		log_warn("incident due warnings: %s", err.message);
	else if (warned)
		log_info("warned about %d incident report%s due within the hour", warned,
			 warned == 1 ? "" : "s");
	arena_free(&a);
}

/* Once a minute: requests left untouched for open hours, and shifts left open after their
 * branch closed (issue 13). */
static void reminders(struct store *store, int64_t *last)
{
	int64_t now = time_now();
	if (now - *last < 60)
		return;
	*last = now;
	struct arena a;
	struct fd_error err = {0};
	int sent = 0, closed = 0;
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = w.cfg, .now = now};
	if (reminders_requests(&s, &sent, &err) || reminders_shifts(&s, &closed, &err))
		log_warn("reminders: %s", err.message);
	if (sent || closed)
		log_info("reminded about %d request%s; closed %d shift%s left open after closing",
			 sent, sent == 1 ? "" : "s", closed, closed == 1 ? "" : "s");
	arena_free(&a);
}

/* Once a day (and at start): the retention periods (CS-CONFIDENTIAL). */
static void purge(struct store *store, int64_t *last)
{
	int64_t now = time_now(), texts, visits;
	if (now - *last < 86400)
		return;
	*last = now;
	struct arena a;
	struct fd_error err = {0};
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = w.cfg, .now = now};
	if (retention_purge(&s, &texts, &visits, &err))
		log_warn("retention: %s", err.message);
	else
		log_info("retention: purged %lld reference question texts and %lld visits' "
			 "customers",
			 (long long)texts, (long long)visits);
	arena_free(&a);
}

/* The audit log's head signed when due, and the day's anchor emailed to the witness. The
 * first look is a full interval after start, so a node restarted often does not anchor each
 * time; after that, every minute (or interval) decides by the anchors in the database, which
 * every node shares. */
static void anchors(struct store *store, int64_t *next)
{
	int64_t now = time_now();
	int interval_s = w.cfg->anchor_interval_s;
	if (*next == 0)
		*next = now + interval_s;
	if (now < *next)
		return;
	*next = now + (interval_s < 60 ? interval_s : 60);
	struct arena a;
	struct fd_error err = {0};
	bool anchored;
	int witnesses;
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = w.cfg, .now = now};
	if (audit_anchor_tick(&s, &anchored, &witnesses, &err)) {
		log_warn("audit anchor: %s", err.message);
	} else {
		if (anchored)
			log_debug("audit anchor: signed the audit log's head");
		if (witnesses > 0)
			log_info("audit anchor: emailed the day's head to %d witness%s", witnesses,
				 witnesses == 1 ? "" : "es");
		else if (witnesses == 0)
			log_warn("audit anchor: no Branch Services Coordinator has an email "
				 "address: the day's head of the audit log went to nobody");
	}
	arena_free(&a);
}

static void *worker_main(void *arg)
{
	struct store *store = arg;
	int64_t last_due_check = 0, last_purge = 0, last_reminders = 0, next_anchor = 0;
	store_manual_checkpoints(store);
	while (true) {
		struct fd_error err = {0};
		log_flush(false); /* a count of repeats is written soon after its window ends */
		/* The requests leave the WAL's checkpoints to this thread (server.c). */
		if (store_checkpoint(store, &err))
			log_warn("checkpoint: %s", err.message);
		purge(store, &last_purge);
		due_warnings(store, &last_due_check);
		reminders(store, &last_reminders);
		anchors(store, &next_anchor);
		int sent = w.cfg->smtp_url && *w.cfg->smtp_url ? send_one(store) : 0;
		pthread_mutex_lock(&w.lock);
		w.db_lost = sent < 0;
		pthread_mutex_unlock(&w.lock);
		/* Straight on while there is work; otherwise wait a little. */
		if (sent <= 0 && pause_ms(sent < 0 ? 2000 : IDLE_MS))
			break;
		pthread_mutex_lock(&w.lock);
		bool stop = w.stop;
		pthread_mutex_unlock(&w.lock);
		if (stop)
			break;
	}
	store_close(store);
	return NULL;
}

int worker_start(const struct config *cfg, struct fd_error *err)
{
	struct store *store;
	if (!cfg->smtp_url || !*cfg->smtp_url)
		log_warn("no SMTP server configured ([mail] smtp_url or FRONTDESK_SMTP_URL): "
			 "notices wait in the outbox");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return fd_fail(err, FD_EINTERNAL, "cannot start libcurl");
	if (store_open(cfg->db_url, &cfg->db_timeouts, &store, err))
		return -1;
	w.cfg = cfg;
	w.stop = false;
	if (pthread_create(&w.thread, NULL, worker_main, store) != 0) {
		store_close(store);
		return fd_fail(err, FD_EINTERNAL, "cannot start the outbox worker");
	}
	pthread_mutex_lock(&w.lock); /* /healthz may be asking already */
	w.running = true;
	pthread_mutex_unlock(&w.lock);
	if (cfg->smtp_url && *cfg->smtp_url)
		log_info("outbox worker sending through %s", cfg->smtp_url);
	return 0;
}

const char *worker_state(void)
{
	pthread_mutex_lock(&w.lock);
	const char *state = !w.running ? "stopped" : w.db_lost ? "waiting for the database" : "ok";
	pthread_mutex_unlock(&w.lock);
	return state;
}

void worker_stop(void)
{
	if (!w.running)
		return;
	pthread_mutex_lock(&w.lock);
	w.stop = true;
	pthread_cond_signal(&w.wake);
	pthread_mutex_unlock(&w.lock);
	pthread_join(w.thread, NULL);
	pthread_mutex_lock(&w.lock);
	w.running = false;
	pthread_mutex_unlock(&w.lock);
	curl_global_cleanup();
}
