/* One thread: claim the oldest due notice, send it, mark it sent or schedule a retry; and the
 * database's chores (checkpoints, retention, reminders, the audit log's anchors), each of
 * which /healthz sees fail. */
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

#define IDLE_MS 500	      /* how often an idle worker looks again, and how soon it stops */
#define LOST_MS 2000	      /* how often it looks while the database is away */
#define PROBE_TIMEOUT_MS 2000 /* the look itself, as /healthz's */

/* The worker's uses of the database, each remembered as it last went. */
enum step {
	STEP_PROBE,
	STEP_CHECKPOINT,
	STEP_PURGE,
	STEP_DUE,
	STEP_REMINDERS,
	STEP_ANCHOR,
	STEP_OUTBOX,
	STEP__MAX
};

static const struct {
	const char *name;    /* in the log */
	const char *failing; /* in /healthz, while its last run failed (the detail is logged) */
} steps[STEP__MAX] = {
	[STEP_PROBE] = {"database", "the database check failed: see the log"},
	[STEP_CHECKPOINT] = {"checkpoint", "the checkpoint failed: see the log"},
	[STEP_PURGE] = {"retention", "the retention purge failed: see the log"},
	[STEP_DUE] = {"incident due warnings", "the incident due warnings failed: see the log"},
	[STEP_REMINDERS] = {"reminders", "the reminders failed: see the log"},
	[STEP_ANCHOR] = {"audit anchor", "the audit anchor failed: see the log"},
	[STEP_OUTBOX] = {"outbox", "the outbox failed: see the log"},
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool running, stop;
	/* The database was away at its last use: nothing else is tried until a look (every
	 * LOST_MS, on a connection made again) finds it back. */
	bool db_lost;
	bool failed[STEP__MAX]; /* the step's last run failed for a reason of its own */
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

/* Records how step went (rc, err; logged here when it failed) for /healthz; returns rc. */
static int note(enum step step, int rc, const struct fd_error *err)
{
	if (rc)
		log_warn("%s: %s", steps[step].name, err->message);
	pthread_mutex_lock(&w.lock);
	if (rc && err->code == FD_EUNAVAILABLE) {
		w.db_lost = true;
	} else {
		w.db_lost = false; /* it answered, even if with an error */
		w.failed[step] = rc != 0;
	}
	pthread_mutex_unlock(&w.lock);
	return rc;
}

static bool database_lost(void)
{
	pthread_mutex_lock(&w.lock);
	bool lost = w.db_lost;
	pthread_mutex_unlock(&w.lock);
	return lost;
}

static int attach_report(struct svc *s, int64_t incident_id, struct mail *mail, struct buf *pdf,
			 struct fd_error *err)
{
	struct incident_printout p;
	if (incident_printout_get(s, incident_id, &p, err) || pdf_incident(&p, pdf, err))
		return -1;
	mail->attachment = (const unsigned char *)pdf->data;
	mail->attachment_len = pdf->len;
	mail->attachment_type = "application/pdf";
	mail->attachment_name = arena_printf(s->arena, "incident-%lld.pdf", (long long)incident_id);
	return 0;
}

/* Sends one due notice (*found: there was one); a failed use of the database fails err. */
static int send_one(struct store *store, bool *found, struct fd_error *err)
{
	struct arena a;
	struct outbox_msg m;
	int rc;
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = w.cfg, .now = time_now()};
	*found = false;
	if ((rc = outbox_claim(&s, &m, found, err)) == 0 && *found) {
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
			rc = outbox_retry(&s, &m, send_err.message, err);
		} else if (smtp_send(w.cfg->smtp_url, &mail, &send_err) == 0) {
			log_info("outbox: message %lld sent", (long long)m.id);
			if ((rc = outbox_sent(&s, m.id, err)) != 0)
				log_error("outbox: message %lld sent but not marked",
					  (long long)m.id);
		} else {
			log_warn("outbox: message %lld not sent (attempt %d, next in %d s): %s",
				 (long long)m.id, m.attempts, outbox_backoff_s(m.attempts),
				 send_err.message);
			rc = outbox_retry(&s, &m, send_err.message, err);
		}
		buf_free(&pdf);
	}
	arena_free(&a);
	return rc;
}

/* A chore run now and then, each time in an arena of its own. */
struct chore {
	int (*run)(struct svc *s, struct fd_error *err);
	int64_t next_at; /* 0: at once */
	enum step step;
	int period_s;
};

/* The reports about to fall due (CS-INCIDENT). */
static int due_warnings(struct svc *s, struct fd_error *err)
{
	int warned;
	if (incident_due_warnings(s, &warned, err))
		return -1;
	if (warned)
		log_info("warned about %d incident report%s due within the hour", warned,
			 warned == 1 ? "" : "s");
	return 0;
}

/* Requests left untouched for open hours, and shifts left open after their branch
 * closed. */
static int reminders(struct svc *s, struct fd_error *err)
{
	int sent = 0, closed = 0;
	int rc = reminders_requests(s, &sent, err) || reminders_shifts(s, &closed, err) ? -1 : 0;
	if (sent || closed)
		log_info("reminded about %d request%s; closed %d shift%s left open after closing",
			 sent, sent == 1 ? "" : "s", closed, closed == 1 ? "" : "s");
	return rc;
}

/* The retention periods (CS-CONFIDENTIAL). */
static int purge(struct svc *s, struct fd_error *err)
{
	struct retention_purged p;
	if (retention_purge(s, &p, err))
		return -1;
	log_info("retention: purged %lld reference question texts, %lld visits' customers, %lld "
		 "phone tickets' devices and addresses and %lld feedback contacts",
		 (long long)p.texts, (long long)p.visits, (long long)p.join_tickets,
		 (long long)p.feedback_contacts);
	return 0;
}

/* The audit log's head signed when due, and the day's anchor emailed to the witness. Every
 * look decides by the anchors in the database, which every node shares. */
static int anchors(struct svc *s, struct fd_error *err)
{
	bool anchored;
	int witnesses;
	if (audit_anchor_tick(s, &anchored, &witnesses, err))
		return -1;
	if (anchored)
		log_debug("audit anchor: signed the audit log's head");
	if (witnesses > 0)
		log_info("audit anchor: emailed the day's head to %d witness%s", witnesses,
			 witnesses == 1 ? "" : "es");
	else if (witnesses == 0)
		log_warn("audit anchor: no Branch Services Coordinator has an email address: the "
			 "day's head of the audit log went to nobody");
	return 0;
}

/* Runs c when due. Then again after its period; after a failure of its own in a minute at
 * most, and as soon as the database is back when it was away. */
static void run_chore(struct store *store, struct chore *c)
{
	int64_t now = time_now();
	if (now < c->next_at)
		return;
	struct arena a;
	struct fd_error err = {0};
	arena_init(&a);
	struct svc s = {.store = store, .arena = &a, .config = w.cfg, .now = now};
	int rc = note(c->step, c->run(&s, &err), &err);
	arena_free(&a);
	if (rc == 0)
		c->next_at = now + c->period_s;
	else
		c->next_at = err.code == FD_EUNAVAILABLE
				     ? now
				     : now + (c->period_s < 60 ? c->period_s : 60);
}

/* One look at the database, by the worker's own connection: while it is away this is the
 * connection that keeps trying, and the others try again once it got through. */
static void probe(struct store *store, int64_t *last_ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, schema;
	if (!database_lost() && now_ms - *last_ms < LOST_MS)
		return;
	*last_ms = now_ms;
	struct fd_error err = {0};
	note(STEP_PROBE, store_ping(store, PROBE_TIMEOUT_MS, &schema, &err), &err);
}

static void *worker_main(void *arg)
{
	struct store *store = arg;
	/* Retention and reminders at start; the first anchor a full interval after it, so a node
	 * restarted often does not anchor each time, then every minute (or interval). */
	int anchor_s = w.cfg->anchor_interval_s;
	struct chore chores[] = {
		{purge, 0, STEP_PURGE, 86400},
		{due_warnings, 0, STEP_DUE, 60},
		{reminders, 0, STEP_REMINDERS, 60},
		{anchors, time_now() + anchor_s, STEP_ANCHOR, anchor_s < 60 ? anchor_s : 60},
	};
	int64_t last_probe_ms = 0;
	bool sending = w.cfg->smtp_url && *w.cfg->smtp_url;
	store_manual_checkpoints(store);
	while (true) {
		struct fd_error err = {0};
		bool found = false;
		log_flush(false); /* a count of repeats is written soon after its window ends */
		probe(store, &last_probe_ms);
		/* The requests leave the WAL's checkpoints to this thread (server.c). */
		if (!database_lost())
			note(STEP_CHECKPOINT, store_checkpoint(store, &err), &err);
		for (size_t i = 0; i < sizeof chores / sizeof chores[0] && !database_lost(); i++)
			run_chore(store, &chores[i]);
		if (sending && !database_lost()) {
			fd_error_clear(&err);
			note(STEP_OUTBOX, send_one(store, &found, &err), &err);
		}
		/* Straight on while there is mail; otherwise wait a little. */
		if (!found && pause_ms(database_lost() ? LOST_MS : IDLE_MS))
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
	if (store_open_existing(cfg->db_url, &cfg->db_timeouts, &store, err))
		return -1;
	w.cfg = cfg;
	w.stop = false;
	w.db_lost = false;
	memset(w.failed, 0, sizeof w.failed);
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
	for (int i = 0; w.running && !w.db_lost && i < STEP__MAX; i++)
		if (w.failed[i]) {
			state = steps[i].failing;
			break;
		}
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
