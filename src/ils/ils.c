/* The catalogue's one connection, kept by a thread of its own: callers queue a request and wait
 * on a condition variable until their deadline; the thread connects, logs in, serves requests
 * one at a time, resends on checksum errors, reconnects when the ILS drops it, and while the
 * ILS is down refuses at once and retries in the background, so a silent ILS costs the desk
 * one wait, not one per call, and never holds an HTTP thread past its deadline.
 * Two clocks: a caller waits until its own deadline, then leaves; the exchange it started runs
 * on to the ILS's own limit ([ils] timeout_ms from sending), and only an ILS silent that long
 * is marked down, so a slow but healthy catalogue is never taken down by a hurried caller. */
#include "ils/ils.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "base/log.h"
#include "ils/ils_call.h"
#include "ils/ils_conn.h"

#define MAX_RESENDS 3	 /* a line that damages every answer is not worth more */
#define MAX_BACKOFF_S 30 /* while down, a reconnection is tried at least this often */

static const char NOT_ANSWERING[] = "The library catalogue is not answering.";
/* A request that changes something (a renewal) reached the ILS, but no answer came back
 * whole: it may have been done. */
static const char NOT_CONFIRMED[] =
	"The library catalogue did not confirm: look at the account before trying again.";
static const char DAMAGED[] = "The library catalogue's answers arrive damaged: try again.";

struct job {
	struct buf req; /* UTF-8, unsealed */
	bool retry_safe;
	int64_t deadline_ms;  /* the caller's: it waits no longer */
	bool sent;	      /* its first byte may have left for the ILS */
	bool done, abandoned; /* abandoned: its caller gave up; whoever finishes it frees it */
	struct fd_error err;
	struct buf answer; /* the answer's bytes as received, checksum verified; never in a
			    * caller's arena, as the caller may have left */
	struct job *next;
};

struct ils {
	struct ils_settings set;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t done;	 /* a job is finished: its caller looks */
	pthread_cond_t wake;	 /* work for the thread, or stop */
	pthread_cond_t gone;	 /* a caller left ils_call: ils_free waits for the last one */
	struct job *head, *tail; /* waiting, oldest first */
	int waiters;		 /* callers inside ils_call */
	bool stop;
	struct ils_health health;
	_Atomic int64_t round_trip_us; /* a recent round trip, for ils_round_trip_ms */
	/* The thread's own: */
	struct ils_conn *conn;
	int seq;
	int64_t last_exchange_ms;
	int64_t smoothed_us; /* the round trips' running average */
	bool connected_once;
};

const char *ils_state_name(enum ils_state s)
{
	static const char *names[ILS_STATE__MAX] = {"off", "connecting", "up", "down"};
	return s < ILS_STATE__MAX ? names[s] : "off";
}

const char *ils_state_label(enum ils_state s)
{
	static const char *labels[ILS_STATE__MAX] = {"not set up", "connecting", "answering",
						     "not answering"};
	return s < ILS_STATE__MAX ? labels[s] : labels[ILS_OFF];
}

const struct ils_settings *ils_settings_of(const struct ils *ils)
{
	return &ils->set;
}

int64_t ils_deadline(const struct ils *ils)
{
	return clock_ms() + (ils ? ils->set.timeout_ms : ILS_DEADLINE_MS);
}

const char *ils_location_of(const struct ils *ils, const char *branch_code)
{
	if (!ils || !branch_code)
		return NULL;
	for (size_t i = 0; i < ils->set.nlocations; i++)
		if (!strcasecmp(ils->set.locations[i].branch, branch_code))
			return ils->set.locations[i].code;
	return branch_code;
}

const char *ils_branch_of(const struct ils *ils, const char *code)
{
	for (size_t i = 0; ils && code && i < ils->set.nlocations; i++)
		if (!strcasecmp(ils->set.locations[i].code, code))
			return ils->set.locations[i].branch;
	return code;
}

/* With mu held. */
static void set_state(struct ils *ils, enum ils_state s, const char *why)
{
	struct ils_health *h = &ils->health;
	if (h->state != s) {
		h->since = (int64_t)time(NULL);
		if (s == ILS_DOWN)
			log_warn("ils: the catalogue is down: %s", why ? why : "");
		else if (s == ILS_UP && h->state == ILS_DOWN)
			log_info("ils: the catalogue answers again");
	}
	h->state = s;
	snprintf(h->error, sizeof h->error, "%.199s", s == ILS_UP ? "" : why ? why : "");
}

static void free_job(struct job *job)
{
	buf_free(&job->req);
	buf_free(&job->answer);
	free(job);
}

static void finish(struct ils *ils, struct job *job)
{
	pthread_mutex_lock(&ils->mu);
	if (job->abandoned) {
		free_job(job); /* the answer, if any, goes to nobody */
	} else {
		job->done = true;
		pthread_cond_broadcast(&ils->done);
	}
	pthread_mutex_unlock(&ils->mu);
}

/* With mu held: every waiting job fails at once (the ILS is down); none of them was sent. */
static void fail_waiting(struct ils *ils)
{
	while (ils->head) {
		struct job *job = ils->head;
		ils->head = job->next;
		if (job->abandoned) {
			free_job(job);
			continue;
		}
		fd_fail(&job->err, FD_EUNAVAILABLE, "%s", NOT_ANSWERING);
		job->done = true;
	}
	ils->tail = NULL;
	pthread_cond_broadcast(&ils->done);
}

/* A job that failed: when it may have reached the ILS and changes something, the desk is told
 * to look before trying again (outcome_unknown); else that the catalogue is not answering. */
static void fail_job(struct job *job, bool reached, const char *why)
{
	bool unknown = reached && !job->retry_safe;
	fd_fail(&job->err, FD_EUNAVAILABLE, "%s",
		unknown ? NOT_CONFIRMED
		: why	? why
			: NOT_ANSWERING);
	job->err.outcome_unknown = unknown;
}

static void count(struct ils *ils, uint64_t *counter)
{
	pthread_mutex_lock(&ils->mu);
	(*counter)++;
	pthread_mutex_unlock(&ils->mu);
}

int64_t ils_round_trip_ms(const struct ils *ils)
{
	return ils ? (atomic_load(&ils->round_trip_us) + 999) / 1000 : 0;
}

/* An answered exchange: its round trip, and the estimate callers plan with (the larger of
 * this one and the running average, so one quick answer does not promise the next). */
static void answered(struct ils *ils, int64_t started_ns)
{
	int64_t us = (clock_ns() - started_ns) / 1000;
	ils->smoothed_us = ils->smoothed_us ? (7 * ils->smoothed_us + us) / 8 : us;
	atomic_store(&ils->round_trip_us, us > ils->smoothed_us ? us : ils->smoothed_us);
	pthread_mutex_lock(&ils->mu);
	ils->health.exchanges++;
	ils->health.last_round_trip_us = us;
	ils->health.last_ok_at = (int64_t)time(NULL);
	pthread_mutex_unlock(&ils->mu);
	ils->last_exchange_ms = clock_ms();
}

/* SENT_NOT: not a byte of it left; SENT_UNSENDABLE: it cannot be written in the ILS's
 * character set (err says which character), so it was not sent either. */
enum outcome { SENT_OK, SENT_TIMEOUT, SENT_CLOSED, SENT_NOT, SENT_DAMAGED, SENT_UNSENDABLE };

/* Is this answer to the request sent with seq? AY is a digit right before AZ; an answer
 * without one is taken as ours, which holds because a connection never outlives a request
 * left unanswered (a timeout closes it): nothing older can still arrive on it. */
static bool ours(const struct buf *answer, enum sip2_check check, int seq)
{
	const char *ay = answer->len > 9 ? answer->data + answer->len - 10 : NULL;
	return !(check == SIP2_CHECK_OK && ay && ay[0] == 'A' && ay[1] == 'Y' && ay[2] >= '0' &&
		 ay[2] <= '9' && ay[2] - '0' != seq);
}

/* Reads answers until the one to wire (sent with seq) comes: 97 when an answer's checksum is
 * bad, wire again when the ILS asks for it (96); an answer to an older request is passed
 * over by its sequence number. */
static enum outcome read_answer(struct ils *ils, const struct buf *wire, int seq, int64_t limit_ms,
				struct buf *answer, struct fd_error *err)
{
	for (int resends = 0;;) {
		enum conn_result r = ils_conn_read(ils->conn, answer, limit_ms);
		if (r != CONN_OK)
			return r == CONN_TIMEOUT ? SENT_TIMEOUT : SENT_CLOSED;
		enum sip2_check check = sip2_verify(answer->data, answer->len);
		if (check != SIP2_CHECK_BAD && strncmp(answer->data, "96", 2)) {
			if (ours(answer, check, seq))
				return SENT_OK;
			continue;
		}
		if (++resends > MAX_RESENDS) {
			log_warn(
				"ils: %d answers in a row to a %.2s failed their checksum (or were "
				"96): check the line to the catalogue",
				resends, wire->data);
			fd_fail(err, FD_EUNAVAILABLE, "%s", DAMAGED);
			return SENT_DAMAGED;
		}
		count(ils, &ils->health.resends);
		const char *again = check == SIP2_CHECK_BAD ? SIP2_RESEND : wire->data;
		size_t n = check == SIP2_CHECK_BAD ? strlen(SIP2_RESEND) : wire->len;
		if (ils_conn_send(ils->conn, again, n, limit_ms, NULL) != CONN_OK)
			return SENT_CLOSED;
	}
}

/* One request and its answer on the open connection, all of it before limit_ms. */
static enum outcome exchange(struct ils *ils, const struct buf *req, int64_t limit_ms,
			     struct buf *answer, struct fd_error *err)
{
	struct buf wire = BUF_INIT;
	int seq = ils->seq;
	ils->seq = (ils->seq + 1) % 10;
	if (sip2_seal(req, ils->set.charset, seq, &wire, err)) {
		buf_free(&wire);
		return SENT_UNSENDABLE;
	}
	int64_t started = clock_ns();
	bool any = false;
	enum outcome out;
	enum conn_result r = ils_conn_send(ils->conn, wire.data, wire.len, limit_ms, &any);
	if (r != CONN_OK)
		out = !any ? SENT_NOT : r == CONN_TIMEOUT ? SENT_TIMEOUT : SENT_CLOSED;
	else
		out = read_answer(ils, &wire, seq, limit_ms, answer, err);
	if (out == SENT_OK)
		answered(ils, started);
	buf_free(&wire);
	return out;
}

/* Connects and logs in (93/94), within the ILS's own limit; on failure err says why, for the
 * log, /healthz and `frontdesk ils check`. */
static int connect_and_login(struct ils *ils, struct fd_error *err)
{
	int64_t limit_ms = clock_ms() + ils->set.timeout_ms;
	ils_conn_close(ils->conn);
	ils->conn = NULL;
	pthread_mutex_lock(&ils->mu);
	if (ils->connected_once)
		ils->health.reconnects++;
	/* Down stays down until a login succeeds: callers are refused at once meanwhile. */
	if (ils->health.state != ILS_DOWN)
		set_state(ils, ILS_CONNECTING, "connecting");
	pthread_mutex_unlock(&ils->mu);
	enum conn_result why;
	if (!(ils->conn = ils_conn_open(&ils->set, limit_ms, &why, err))) {
		if (why == CONN_TIMEOUT)
			count(ils, &ils->health.timeouts);
		if (why == CONN_TIMEOUT)
			fd_fail(err, FD_EUNAVAILABLE, "the catalogue did not answer in %d ms",
				ils->set.timeout_ms);
		return -1;
	}
	ils->connected_once = true;
	ils->seq = 0;
	struct buf req = BUF_INIT, answer = BUF_INIT;
	sip2_begin(&req, "9300");
	sip2_field(&req, "CN", ils->set.login, NULL);
	sip2_field(&req, "CO", ils->set.password, NULL);
	sip2_field(&req, "CP", ils->set.location, NULL);
	enum outcome out = exchange(ils, &req, limit_ms, &answer, err);
	int rc = -1;
	if (out == SENT_TIMEOUT)
		count(ils, &ils->health.timeouts);
	if (out == SENT_TIMEOUT)
		fd_fail(err, FD_EUNAVAILABLE, "the catalogue did not answer the login in %d ms",
			ils->set.timeout_ms);
	else if (out == SENT_CLOSED || out == SENT_NOT)
		fd_fail(err, FD_EUNAVAILABLE, "the catalogue closed the connection at login");
	else if (out == SENT_OK && strncmp(answer.data, "941", 3))
		fd_fail(err, FD_EUNAVAILABLE,
			"the catalogue refused frontdesk's login: check "
			"[ils] login and password");
	else
		rc = out == SENT_OK ? 0 : -1;
	buf_free(&req);
	buf_free(&answer);
	if (rc) {
		ils_conn_close(ils->conn);
		ils->conn = NULL;
	}
	return rc;
}

/* The connection broke, or the ILS did not answer in time: it is down until a reconnection
 * logs in again; those waiting are told at once. */
static void went_down(struct ils *ils, const char *why, bool timed_out)
{
	ils_conn_close(ils->conn);
	ils->conn = NULL;
	pthread_mutex_lock(&ils->mu);
	ils->health.failures++;
	if (timed_out)
		ils->health.timeouts++;
	set_state(ils, ILS_DOWN, why);
	fail_waiting(ils);
	pthread_mutex_unlock(&ils->mu);
}

/* Whether job goes to the ILS now: not when its caller left, nor when less than a round trip
 * is left before its deadline (its answer could not come in time, and a renewal sent so late
 * would be done without the desk knowing). Then it is marked sent. */
static bool may_send(struct ils *ils, struct job *job)
{
	int64_t need = ils_round_trip_ms(ils);
	pthread_mutex_lock(&ils->mu);
	bool go = !job->abandoned && job->deadline_ms - clock_ms() > need;
	if (!go)
		fail_job(job, false, NULL);
	job->sent = go;
	pthread_mutex_unlock(&ils->mu);
	return go;
}

static void sent_not(struct ils *ils, struct job *job)
{
	pthread_mutex_lock(&ils->mu);
	job->sent = false;
	pthread_mutex_unlock(&ils->mu);
}

/* The exchange failed after its request left: why, for the job and the catalogue's state. */
static void failed_after_sending(struct ils *ils, struct job *job, enum outcome out)
{
	if (out == SENT_TIMEOUT) {
		char why[200];
		snprintf(why, sizeof why, "the catalogue did not answer in %d ms",
			 ils->set.timeout_ms);
		fail_job(job, true, NULL);
		went_down(ils, why, true);
		return;
	}
	/* Closed, or damaged: a connection whose answers go astray is not trusted to pair the
	 * next request with its answer; the next call opens another. */
	ils_conn_close(ils->conn);
	ils->conn = NULL;
	count(ils, &ils->health.failures);
	fail_job(job, true, out == SENT_DAMAGED ? DAMAGED : NULL);
}

static void serve(struct ils *ils, struct job *job)
{
	for (int attempt = 0;; attempt++) {
		if (!ils->conn || ils_conn_stale(ils->conn)) {
			struct fd_error err = {0};
			if (connect_and_login(ils, &err)) {
				fail_job(job, false, NULL);
				went_down(ils, err.message, false);
				return;
			}
		}
		if (!may_send(ils, job))
			return;
		enum outcome out = exchange(ils, &job->req, clock_ms() + ils->set.timeout_ms,
					    &job->answer, &job->err);
		if (out == SENT_OK || out == SENT_UNSENDABLE) {
			pthread_mutex_lock(&ils->mu);
			if (out == SENT_OK)
				set_state(ils, ILS_UP, NULL);
			else
				job->sent = false; /* job->err names the character */
			pthread_mutex_unlock(&ils->mu);
			return;
		}
		/* The ILS closed the connection: once more on a new one, when that cannot do a
		 * thing twice (SENT_NOT: the request never left). */
		if (out == SENT_NOT || (out == SENT_CLOSED && job->retry_safe)) {
			if (out == SENT_NOT)
				sent_not(ils, job);
			ils_conn_close(ils->conn);
			ils->conn = NULL;
			if (attempt == 0)
				continue;
			count(ils, &ils->health.failures);
			fail_job(job, out != SENT_NOT, NULL);
			return;
		}
		failed_after_sending(ils, job, out);
		return;
	}
}

/* An idle connection is asked for SC Status now and then, so a dead one is found (and opened
 * again) before a caller finds it. */
static void probe(struct ils *ils)
{
	struct job job = {.retry_safe = true, .deadline_ms = clock_ms() + ils->set.timeout_ms};
	sip2_begin(&job.req, "9900802.00");
	serve(ils, &job);
	ils->last_exchange_ms = clock_ms(); /* answered or not: the next probe is probe_s away */
	buf_free(&job.req);
	buf_free(&job.answer);
}

static void *run(void *arg);

struct ils *ils_new(const struct ils_settings *set)
{
	if (!set || !set->host)
		return NULL;
	curl_global_init(CURL_GLOBAL_DEFAULT); /* counted: ils_free's cleanup undoes only this */
	struct ils *ils = xcalloc(1, sizeof *ils);
	ils->set = *set;
	char **strings[] = {&ils->set.time_zone, &ils->set.host,
			    &ils->set.ca_file,	 &ils->set.login,
			    &ils->set.password,	 &ils->set.institution,
			    &ils->set.location,	 &ils->set.terminal_password,
			    &ils->set.charset};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		*strings[i] = *strings[i] ? xstrdup(*strings[i]) : NULL;
	if (!ils->set.charset)
		ils->set.charset = xstrdup("UTF-8");
	if (!ils->set.time_zone)
		ils->set.time_zone = xstrdup("UTC");
	if (ils->set.timeout_ms <= 0)
		ils->set.timeout_ms = ILS_DEADLINE_MS;
	if (ils->set.probe_s <= 0)
		ils->set.probe_s = 60;
	ils->set.locations = xcalloc(set->nlocations + 1, sizeof *ils->set.locations);
	for (size_t i = 0; i < set->nlocations; i++) {
		ils->set.locations[i].branch = xstrdup(set->locations[i].branch);
		ils->set.locations[i].code = xstrdup(set->locations[i].code);
	}
	ils->health.state = ILS_CONNECTING;
	ils->health.since = (int64_t)time(NULL);
	ils->health.tls = set->tls;
	pthread_mutex_init(&ils->mu, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC); /* deadlines are clock_ms() */
	pthread_cond_init(&ils->done, &attr);
	pthread_cond_init(&ils->wake, &attr);
	pthread_cond_init(&ils->gone, &attr);
	pthread_condattr_destroy(&attr);
	pthread_create(&ils->thread, NULL, run, ils);
	return ils;
}

/* Safe while callers still wait: they are told "not answering" and ils is freed only once
 * the last has left ils_call (new ones are refused from the start of the stop). */
void ils_free(struct ils *ils)
{
	if (!ils)
		return;
	pthread_mutex_lock(&ils->mu);
	ils->stop = true;
	pthread_cond_signal(&ils->wake);
	pthread_mutex_unlock(&ils->mu);
	pthread_join(ils->thread, NULL);
	ils_conn_close(ils->conn);
	pthread_mutex_lock(&ils->mu);
	fail_waiting(ils);
	while (ils->waiters)
		pthread_cond_wait(&ils->gone, &ils->mu);
	pthread_mutex_unlock(&ils->mu);
	pthread_cond_destroy(&ils->done);
	pthread_cond_destroy(&ils->wake);
	pthread_cond_destroy(&ils->gone);
	pthread_mutex_destroy(&ils->mu);
	ils_settings_free(&ils->set);
	free(ils);
	curl_global_cleanup();
}

void ils_health(struct ils *ils, struct ils_health *out)
{
	if (!ils) {
		memset(out, 0, sizeof *out);
		out->state = ILS_OFF;
		return;
	}
	pthread_mutex_lock(&ils->mu);
	*out = ils->health;
	pthread_mutex_unlock(&ils->mu);
}

static struct timespec at_ms(int64_t ms)
{
	struct timespec ts = {.tv_sec = (time_t)(ms / 1000),
			      .tv_nsec = (long)(ms % 1000) * 1000000L};
	return ts;
}

/* With mu held: waits for work until wake_ms, or stop. */
static void idle(struct ils *ils, int64_t wake_ms)
{
	struct timespec ts = at_ms(wake_ms);
	if (!ils->head && !ils->stop)
		pthread_cond_timedwait(&ils->wake, &ils->mu, &ts);
}

static void *run(void *arg)
{
	struct ils *ils = arg;
	int backoff_s = 0;
	int64_t retry_at = 0; /* while down: the next reconnection */
	pthread_mutex_lock(&ils->mu);
	while (!ils->stop) {
		int64_t now = clock_ms();
		struct job *job = ils->head;
		if (job && ils->health.state == ILS_DOWN && now < retry_at) {
			fail_waiting(ils); /* queued just before it went down */
			continue;
		}
		if (job) {
			ils->head = job->next;
			if (!ils->head)
				ils->tail = NULL;
			if (job->abandoned) { /* its caller gave up before its turn: never sent */
				free_job(job);
				continue;
			}
			pthread_mutex_unlock(&ils->mu);
			serve(ils, job);
			finish(ils, job);
			pthread_mutex_lock(&ils->mu);
		} else if (!ils->conn && now >= retry_at) {
			pthread_mutex_unlock(&ils->mu);
			struct fd_error err = {0};
			int rc = connect_and_login(ils, &err);
			pthread_mutex_lock(&ils->mu);
			if (rc == 0) {
				set_state(ils, ILS_UP, NULL);
				ils->last_exchange_ms = clock_ms();
			} else {
				set_state(ils, ILS_DOWN, err.message);
				fail_waiting(ils);
			}
		} else if (ils->conn && now >= ils->last_exchange_ms + ils->set.probe_s * 1000LL) {
			pthread_mutex_unlock(&ils->mu);
			probe(ils);
			pthread_mutex_lock(&ils->mu);
		} else {
			idle(ils, ils->conn ? ils->last_exchange_ms + ils->set.probe_s * 1000LL
					    : retry_at);
			continue;
		}
		if (ils->health.state == ILS_DOWN && !ils->conn) {
			backoff_s = backoff_s ? (backoff_s * 2 > MAX_BACKOFF_S ? MAX_BACKOFF_S
									       : backoff_s * 2)
					      : 1;
			retry_at = clock_ms() + backoff_s * 1000LL;
		} else if (ils->conn) {
			backoff_s = 0;
		}
	}
	pthread_mutex_unlock(&ils->mu);
	return NULL;
}

/* With mu held: queues job and waits for it until its deadline; false when the caller
 * gave up (the job then belongs to the thread). */
static bool wait_for_job(struct ils *ils, struct job *job)
{
	if (ils->tail)
		ils->tail->next = job;
	else
		ils->head = job;
	ils->tail = job;
	pthread_cond_signal(&ils->wake);
	struct timespec ts = at_ms(job->deadline_ms);
	while (!job->done)
		if (pthread_cond_timedwait(&ils->done, &ils->mu, &ts) == ETIMEDOUT && !job->done) {
			job->abandoned = true; /* the thread frees it */
			return false;
		}
	return true;
}

/* The answer read, into out (in the caller's arena). An answer that cannot be read leaves a
 * renewal's outcome unknown: the ILS had it. */
static int read_job(struct ils *ils, struct job *job, struct arena *a, const char *answer_code,
		    struct sip2_msg *out, struct fd_error *err)
{
	if (job->err.code) {
		if (err)
			*err = job->err;
		return -1;
	}
	int rc = sip2_parse(a, ils->set.charset, job->answer.data, job->answer.len, out, err);
	if (rc == 0 && strcmp(out->code, answer_code)) {
		log_warn("ils: the catalogue answered %s to a request for %s", out->code,
			 answer_code);
		rc = fd_fail(err, FD_EUNAVAILABLE,
			     "The library catalogue's answer did not make sense to frontdesk.");
	}
	if (rc && !job->retry_safe && err) {
		fd_fail(err, FD_EUNAVAILABLE, "%s", NOT_CONFIRMED);
		err->outcome_unknown = true;
	}
	return rc;
}

int ils_call(struct ils *ils, const struct buf *req, bool retry_safe, int64_t deadline_ms,
	     struct arena *a, const char *answer_code, struct sip2_msg *out, struct fd_error *err)
{
	if (!ils)
		return fd_fail(err, FD_EUNAVAILABLE,
			       "No library catalogue is set up for this "
			       "desk.");
	pthread_mutex_lock(&ils->mu);
	if (ils->health.state == ILS_DOWN || ils->stop) { /* no wait: retried in the background */
		pthread_mutex_unlock(&ils->mu);
		return fd_fail(err, FD_EUNAVAILABLE, "%s", NOT_ANSWERING);
	}
	struct job *job = xcalloc(1, sizeof *job);
	buf_append(&job->req, req->data ? req->data : "", req->len);
	job->retry_safe = retry_safe;
	job->deadline_ms = deadline_ms;
	ils->waiters++;
	int rc = 0;
	if (!wait_for_job(ils, job)) {
		/* Past the deadline: the exchange goes on without this caller, to the ILS's own
		 * limit, and its answer is dropped. A renewal sent may yet be done. */
		bool unknown = job->sent && !retry_safe;
		rc = fd_fail(err, FD_EUNAVAILABLE, "%s", unknown ? NOT_CONFIRMED : NOT_ANSWERING);
		if (err)
			err->outcome_unknown = unknown;
		job = NULL;
	}
	pthread_mutex_unlock(&ils->mu);
	if (job) {
		rc = read_job(ils, job, a, answer_code, out, err);
		free_job(job);
	}
	pthread_mutex_lock(&ils->mu);
	if (--ils->waiters == 0)
		pthread_cond_broadcast(&ils->gone);
	pthread_mutex_unlock(&ils->mu);
	return rc;
}
