/* The catalogue's one connection, kept by a thread of its own: callers queue a request and wait
 * on a condition variable until their deadline; the thread connects, logs in, serves requests
 * one at a time, resends on checksum errors, reconnects when the ILS drops it, and while the
 * ILS is down refuses at once and retries in the background, so a silent ILS costs the desk
 * one wait, not one per call, and never holds an HTTP thread past its deadline. */
#include "ils/ils.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
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

struct job {
	struct buf req; /* UTF-8, unsealed */
	bool retry_safe;
	int64_t deadline_ms;
	bool done, abandoned; /* abandoned: its caller gave up; whoever finishes it frees it */
	struct fd_error err;
	struct buf answer; /* the answer's bytes as received, checksum verified */
	struct job *next;
};

struct ils {
	struct ils_settings set;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t done;	 /* a job is finished: its caller looks */
	pthread_cond_t wake;	 /* work for the thread, or stop */
	struct job *head, *tail; /* waiting, oldest first */
	bool stop;
	struct ils_health health;
	/* The thread's own: */
	struct ils_conn *conn;
	int seq;
	int64_t last_exchange_ms;
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

static void finish(struct ils *ils, struct job *job)
{
	pthread_mutex_lock(&ils->mu);
	if (job->abandoned) {
		buf_free(&job->req);
		buf_free(&job->answer);
		free(job);
	} else {
		job->done = true;
		pthread_cond_broadcast(&ils->done);
	}
	pthread_mutex_unlock(&ils->mu);
}

/* With mu held: every waiting job fails at once (the ILS is down). */
static void fail_waiting(struct ils *ils)
{
	while (ils->head) {
		struct job *job = ils->head;
		ils->head = job->next;
		if (job->abandoned) {
			buf_free(&job->req);
			free(job);
			continue;
		}
		fd_fail(&job->err, FD_EUNAVAILABLE, "%s", NOT_ANSWERING);
		job->done = true;
	}
	ils->tail = NULL;
	pthread_cond_broadcast(&ils->done);
}

static void count(struct ils *ils, uint64_t *counter)
{
	pthread_mutex_lock(&ils->mu);
	(*counter)++;
	pthread_mutex_unlock(&ils->mu);
}

enum outcome { SENT_OK, SENT_TIMEOUT, SENT_CLOSED, SENT_NOT, SENT_DAMAGED };

/* One request and its answer on the open connection: 97 when an answer's checksum is bad,
 * the request again when the ILS asks for it (96); an answer to an older request is passed
 * over by its sequence number. */
static enum outcome exchange(struct ils *ils, const struct buf *req, int64_t deadline_ms,
			     struct buf *answer, struct fd_error *err)
{
	struct buf wire = BUF_INIT;
	int seq = ils->seq;
	ils->seq = (ils->seq + 1) % 10;
	if (sip2_seal(req, ils->set.charset, seq, &wire, err)) {
		buf_free(&wire);
		return SENT_DAMAGED;
	}
	int64_t started = clock_ns();
	enum outcome out = SENT_OK;
	enum conn_result r = ils_conn_send(ils->conn, wire.data, wire.len, deadline_ms);
	if (r != CONN_OK) {
		out = r == CONN_TIMEOUT ? SENT_TIMEOUT : SENT_NOT;
		goto done;
	}
	for (int resends = 0;;) {
		if ((r = ils_conn_read(ils->conn, answer, deadline_ms)) != CONN_OK) {
			out = r == CONN_TIMEOUT ? SENT_TIMEOUT : SENT_CLOSED;
			break;
		}
		enum sip2_check check = sip2_verify(answer->data, answer->len);
		bool resend = check == SIP2_CHECK_BAD || !strncmp(answer->data, "96", 2);
		if (resend) {
			if (++resends > MAX_RESENDS) {
				fd_fail(err, FD_EUNAVAILABLE,
					"the catalogue's answers arrive "
					"damaged: check the line to it");
				out = SENT_DAMAGED;
				break;
			}
			count(ils, &ils->health.resends);
			const char *again = check == SIP2_CHECK_BAD ? SIP2_RESEND : wire.data;
			size_t n = check == SIP2_CHECK_BAD ? strlen(SIP2_RESEND) : wire.len;
			if (ils_conn_send(ils->conn, again, n, deadline_ms) != CONN_OK) {
				out = SENT_CLOSED;
				break;
			}
			continue;
		}
		/* AY of an answer is a digit right before AZ: one that is not ours is stale. */
		const char *ay = answer->len > 9 ? answer->data + answer->len - 10 : NULL;
		if (check == SIP2_CHECK_OK && ay && ay[0] == 'A' && ay[1] == 'Y' && ay[2] >= '0' &&
		    ay[2] <= '9' && ay[2] - '0' != seq)
			continue;
		break;
	}
	if (out == SENT_OK) {
		pthread_mutex_lock(&ils->mu);
		ils->health.exchanges++;
		ils->health.last_round_trip_us = (clock_ns() - started) / 1000;
		ils->health.last_ok_at = (int64_t)time(NULL);
		pthread_mutex_unlock(&ils->mu);
		ils->last_exchange_ms = clock_ms();
	}
done:
	buf_free(&wire);
	return out;
}

/* Connects and logs in (93/94) before deadline_ms; on failure err says why, for the log,
 * /healthz and `frontdesk ils check`. */
static int connect_and_login(struct ils *ils, int64_t deadline_ms, struct fd_error *err)
{
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
	if (!(ils->conn = ils_conn_open(&ils->set, deadline_ms, &why, err))) {
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
	enum outcome out = exchange(ils, &req, deadline_ms, &answer, err);
	int rc = -1;
	if (out == SENT_TIMEOUT)
		count(ils, &ils->health.timeouts);
	if (out == SENT_TIMEOUT)
		fd_fail(err, FD_EUNAVAILABLE, "the catalogue did not answer the login in %d ms",
			ils->set.timeout_ms);
	else if (out != SENT_OK && out != SENT_DAMAGED)
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

static void serve(struct ils *ils, struct job *job)
{
	char why[200];
	for (int attempt = 0;; attempt++) {
		if (!ils->conn || ils_conn_stale(ils->conn)) {
			struct fd_error err = {0};
			if (connect_and_login(ils, job->deadline_ms, &err)) {
				snprintf(why, sizeof why, "%.199s", err.message);
				fd_fail(&job->err, FD_EUNAVAILABLE, "%s", NOT_ANSWERING);
				went_down(ils, why, false);
				return;
			}
		}
		enum outcome out =
			exchange(ils, &job->req, job->deadline_ms, &job->answer, &job->err);
		if (out == SENT_OK) {
			pthread_mutex_lock(&ils->mu);
			set_state(ils, ILS_UP, NULL);
			pthread_mutex_unlock(&ils->mu);
			return;
		}
		if (out == SENT_TIMEOUT) {
			snprintf(why, sizeof why, "the catalogue did not answer in %d ms",
				 ils->set.timeout_ms);
			fd_fail(&job->err, FD_EUNAVAILABLE, "%s", NOT_ANSWERING);
			went_down(ils, why, true);
			return;
		}
		if (out == SENT_DAMAGED) {
			count(ils, &ils->health.failures);
			return; /* job->err says why */
		}
		/* The ILS closed the connection: once more on a new one, when that cannot do a
		 * thing twice (SENT_NOT: the request never left). */
		ils_conn_close(ils->conn);
		ils->conn = NULL;
		if (attempt == 0 && (job->retry_safe || out == SENT_NOT) &&
		    clock_ms() < job->deadline_ms)
			continue;
		count(ils, &ils->health.failures);
		fd_fail(&job->err, FD_EUNAVAILABLE, "%s",
			job->retry_safe ? NOT_ANSWERING
					: "The library catalogue did not confirm: look at the "
					  "account before trying again.");
		job->err.outcome_unknown = !job->retry_safe;
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
	pthread_condattr_destroy(&attr);
	pthread_create(&ils->thread, NULL, run, ils);
	return ils;
}

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
	fail_waiting(ils);
	pthread_cond_destroy(&ils->done);
	pthread_cond_destroy(&ils->wake);
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
			if (job->abandoned) { /* its caller gave up before its turn */
				buf_free(&job->req);
				free(job);
				continue;
			}
			pthread_mutex_unlock(&ils->mu);
			serve(ils, job);
			finish(ils, job);
			pthread_mutex_lock(&ils->mu);
		} else if (!ils->conn && now >= retry_at) {
			pthread_mutex_unlock(&ils->mu);
			struct fd_error err = {0};
			int rc = connect_and_login(ils, now + ils->set.timeout_ms, &err);
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

int ils_call(struct ils *ils, const struct buf *req, bool retry_safe, int64_t deadline_ms,
	     struct arena *a, const char *answer_code, struct sip2_msg *out, struct fd_error *err)
{
	if (!ils)
		return fd_fail(err, FD_EUNAVAILABLE,
			       "No library catalogue is set up for this "
			       "desk.");
	struct job *job = xcalloc(1, sizeof *job);
	buf_append(&job->req, req->data ? req->data : "", req->len);
	job->retry_safe = retry_safe;
	job->deadline_ms = deadline_ms;
	pthread_mutex_lock(&ils->mu);
	if (ils->health.state == ILS_DOWN) { /* no wait: it is retried in the background */
		pthread_mutex_unlock(&ils->mu);
		buf_free(&job->req);
		free(job);
		return fd_fail(err, FD_EUNAVAILABLE, "%s", NOT_ANSWERING);
	}
	if (ils->tail)
		ils->tail->next = job;
	else
		ils->head = job;
	ils->tail = job;
	pthread_cond_signal(&ils->wake);
	struct timespec ts = at_ms(deadline_ms);
	while (!job->done)
		if (pthread_cond_timedwait(&ils->done, &ils->mu, &ts) == ETIMEDOUT && !job->done) {
			job->abandoned = true; /* the thread frees it */
			pthread_mutex_unlock(&ils->mu);
			return fd_fail(err, FD_EUNAVAILABLE, "%s", NOT_ANSWERING);
		}
	pthread_mutex_unlock(&ils->mu);
	int rc = 0;
	if (job->err.code) {
		if (err)
			*err = job->err;
		rc = -1;
	} else if (sip2_parse(a, ils->set.charset, job->answer.data, job->answer.len, out, err)) {
		rc = -1;
	} else if (strcmp(out->code, answer_code)) {
		rc = fd_fail(err, FD_EUNAVAILABLE,
			     "The library catalogue answered %s to a request for %s.", out->code,
			     answer_code);
	}
	buf_free(&job->req);
	buf_free(&job->answer);
	free(job);
	return rc;
}
