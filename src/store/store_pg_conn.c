/* The PostgreSQL connection: made with limits on how long the network may stay silent, made
 * again after the server dropped it or stopped answering (without holding a request thread
 * on a server that does not answer), and why it cannot be made, in words for /healthz. */
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "store/store_pg.h"

/* While the server leaves a pooled connection without an answer, it fails at once for as
 * long as connecting may take, then twice as long each time it is still silent, up to this:
 * its thread waits out one attempt in several, not the whole outage. */
#define PG_RETRY_MAX_MS 30000

/* When the server last answered any connection of this process: a pooled connection waiting
 * out a silent server tries again at once when another got an answer since (the outbox
 * worker's, on a thread of its own, keeps trying). */
static atomic_int_least64_t answered_at_ms;

/* Commit tickets (store_pg.h): the last one taken. */
static atomic_uint_fast64_t tickets;

uint64_t pg_ticket_take(void)
{
	return atomic_fetch_add(&tickets, 1) + 1;
}

/* libpq's messages run over several lines; the log takes the first. */
static int first_line(const char *msg)
{
	return (int)strcspn(msg ? msg : "", "\n");
}

/* SQLSTATEs after which the connection is gone or going: class 08 (connection exception),
 * 57P01 to 57P03 (the server shut down, crashed, or cannot take connections yet) and 57P05
 * (closed for being idle too long). */
bool pg_state_means_lost(const char *state)
{
	return state && (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
			 strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0 ||
			 strcmp(state, "57P05") == 0);
}

void pg_mark_lost(struct pg_store *s, const char *detail)
{
	if (!s->lost_at_ms) {
		log_warn("postgresql: connection lost (%.*s): made again at its next use",
			 first_line(detail), detail ? detail : "");
		s->lost_at_ms = clock_ms();
	}
	s->lost = true;
	if (!s->why)
		s->why = "the connection was lost";
}

/* The server did not answer: a pooled connection fails at once for a while (see
 * PG_RETRY_MAX_MS), never for less than connecting may take. */
static void wait_out_silence(struct pg_store *s)
{
	int cap = PG_RETRY_MAX_MS > s->connect_ms ? PG_RETRY_MAX_MS : s->connect_ms;
	int wait = s->retry_wait_ms ? 2 * s->retry_wait_ms : s->connect_ms;
	s->retry_wait_ms = wait < cap ? wait : cap;
	s->retry_at_ms = clock_ms() + s->retry_wait_ms;
}

void pg_mark_silent(struct pg_store *s, int waited_ms)
{
	char detail[64];
	snprintf(detail, sizeof detail, "no answer within %d ms", waited_ms);
	pg_mark_lost(s, detail);
	s->silent = true;
	s->why = "the server does not answer";
	if (s->pooled)
		wait_out_silence(s);
}

int pg_unavailable(struct fd_error *err)
{
	fd_fail(err, FD_EUNAVAILABLE, "the database is unavailable: try again in a moment");
	if (err)
		err->retry_after_s = STORE_RETRY_AFTER_S;
	return -1;
}

/* The SQLSTATE in a message libpq wrote in verbose mode ("…: FATAL:  57P03: the database
 * system is starting up"), or NULL. */
static const char *state_in(const char *msg, char state[6])
{
	for (const char *p = msg ? strstr(msg, ":  ") : NULL; p; p = strstr(p + 1, ":  "))
		if (strspn(p + 3, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 5 && p[8] == ':') {
			memcpy(state, p + 3, 5);
			state[5] = '\0';
			return state;
		}
	return NULL;
}

/* What a SQLSTATE from a server that refused or dropped the connection means, in words for
 * /healthz; NULL for one that says nothing of the connection. */
static const char *reason_of_state(const char *state, const char *msg)
{
	static const struct {
		const char *state, *reason;
	} states[] = {
		{"57P01", "the server is shutting down"},
		{"57P02", "the server is restarting after a crash"},
		{"53300", "too many connections"},
		{"28",
		 "authentication failed"}, /* a class: a wrong password, a role, pg_hba.conf */
		{"3D000", "no such database"},
		{"57P05", "the connection was lost"},
		{"08", "the connection was lost"},
	};
	/* 57P03 is all of these; only the server's words tell them apart. */
	static const struct {
		const char *needle, *reason;
	} not_now[] = {
		{"starting up", "the server is starting up"},
		{"shutting down", "the server is shutting down"},
		{"recovery", "the server is in recovery"},
	};
	if (!state)
		return NULL;
	if (strcmp(state, "57P03") == 0) {
		for (size_t i = 0; i < sizeof not_now / sizeof not_now[0]; i++)
			if (msg && strstr(msg, not_now[i].needle))
				return not_now[i].reason;
		return "the server is not taking connections yet";
	}
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		if (strncmp(state, states[i].state, strlen(states[i].state)) == 0)
			return states[i].reason;
	return NULL;
}

/* Whether libpq's message carries the system's words for error number code. */
static bool says_errno(const char *msg, int code)
{
	char buf[128];
	const char *text = strerror_r(code, buf, sizeof buf);
	return text && *text && strstr(msg, text);
}

/* Why a connection could not be made (reached: the server had taken its TCP connection),
 * in words for /healthz, which anyone may read: libpq's own message names hosts and ports,
 * so it goes only to the log. From facts first (the SQLSTATE the server sent, how far the
 * connection got, the system's error); libpq's English plays no part. */
static const char *reason_of(PGconn *c, bool reached)
{
	const char *msg = PQerrorMessage(c), *reason;
	char state[6];
	if ((reason = reason_of_state(state_in(msg, state), msg)) != NULL)
		return reason;
	if (PQconnectionNeedsPassword(c))
		return "authentication failed";
	if (reached)
		return "the connection was lost";
	if (says_errno(msg, ECONNREFUSED))
		return "connection refused";
	if (says_errno(msg, EHOSTUNREACH) || says_errno(msg, ENETUNREACH))
		return "no route to the server";
	if (strstr(msg, gai_strerror(EAI_NONAME)) || strstr(msg, gai_strerror(EAI_AGAIN)) ||
	    strstr(msg, gai_strerror(EAI_FAIL)))
		return "unknown host";
	return "cannot connect";
}

/* Drives a connection being made (step: PQconnectPoll or PQresetPoll) until it is made or
 * fails, or timeout_ms pass: 0 when made, 1 on the timeout, -1 when it failed. *reached
 * says whether the server had taken the TCP connection by then. */
static int connect_wait(PGconn *c, PostgresPollingStatusType (*step)(PGconn *), int timeout_ms,
			bool *reached)
{
	int64_t until = clock_ms() + timeout_ms;
	/* libpq's procedure: start as if the last step had asked to write. */
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	*reached = false;
	while (st == PGRES_POLLING_READING || st == PGRES_POLLING_WRITING) {
		ConnStatusType phase = PQstatus(c);
		struct pollfd p = {.fd = PQsocket(c),
				   .events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT};
		int left_ms = (int)(until - clock_ms());
		*reached = phase != CONNECTION_STARTED && phase != CONNECTION_NEEDED &&
			   phase != CONNECTION_BAD;
		if (p.fd < 0)
			return -1;
		int n = left_ms > 0 ? poll(&p, 1, left_ms) : 0;
		if (n == 0)
			return 1;
		if (n < 0 && errno != EINTR)
			return -1;
		if (n > 0)
			st = step(c);
	}
	return st == PGRES_POLLING_OK ? 0 : -1;
}

/* The connection was made (again): statements are sent without blocking, so that no wait
 * is longer than its bound, and libpq's messages are short again. */
static void made(struct pg_store *s)
{
	int64_t now = clock_ms();
	PQsetnonblocking(s->conn, 1);
	PQsetErrorVerbosity(s->conn, PQERRORS_DEFAULT);
	atomic_store(&answered_at_ms, now);
	/* Read once the connection is made: a commit with a later ticket was sent after it, so
	 * a restart of the server since then would have taken this connection too. */
	s->tickets_before = atomic_load(&tickets);
	s->lost = s->silent = false;
	s->retry_at_ms = 0;
	s->retry_wait_ms = 0;
	s->why = NULL;
}

/* An attempt to make it failed (rc as connect_wait's). */
static void not_made(struct pg_store *s, int rc, bool reached)
{
	if (rc == 1) {
		s->silent = true;
		s->why = "the server does not answer";
		if (s->pooled)
			wait_out_silence(s);
	} else {
		/* A refusal comes at once, and the next attempt costs as little. */
		s->silent = false;
		s->retry_at_ms = 0;
		s->retry_wait_ms = 0;
		s->why = reason_of(s->conn, reached);
	}
}

/* Whether a pooled connection is still waiting out a silent server: no connection got an
 * answer since its wait began. */
static bool waiting_out(const struct pg_store *s)
{
	return s->pooled && clock_ms() < s->retry_at_ms &&
	       atomic_load(&answered_at_ms) < s->retry_at_ms - s->retry_wait_ms;
}

/* Makes the connection again within timeout_ms (*timed_out, may be NULL, says whether the
 * server was silent); the prepared statements and LISTEN went with the old one. */
static int pg_reconnect(struct pg_store *s, int timeout_ms, bool *timed_out, struct fd_error *err)
{
	bool reached = false;
	if (timed_out)
		*timed_out = false;
	pg_mark_lost(s, PQerrorMessage(s->conn));
	if (waiting_out(s)) {
		if (timed_out)
			*timed_out = true; /* as the last attempt was */
		return pg_unavailable(err);
	}
	/* Verbose while connecting: a refusal's message then carries its SQLSTATE. */
	PQsetErrorVerbosity(s->conn, PQERRORS_VERBOSE);
	int rc = PQresetStart(s->conn) ? connect_wait(s->conn, PQresetPoll, timeout_ms, &reached)
				       : -1;
	if (rc) {
		not_made(s, rc, reached);
		if (timed_out)
			*timed_out = rc == 1;
		log_debug("postgresql: still cannot connect: %.*s",
			  first_line(PQerrorMessage(s->conn)), PQerrorMessage(s->conn));
		return pg_unavailable(err);
	}
	log_info("postgresql: connection made again, %lld ms after it was lost",
		 (long long)(clock_ms() - s->lost_at_ms));
	made(s);
	memset(s->prepared, 0, sizeof s->prepared);
	s->in_tx = s->listening = false;
	s->reconnects++;
	s->lost_at_ms = 0;
	return 0;
}

/* A connection that sat idle may have been closed by the server (a restart sends FATAL, then
 * closes), which libpq learns only by reading: what is waiting is read without blocking. */
bool pg_still_up(struct pg_store *s)
{
	for (int i = 0; i < 4 && !s->lost && PQstatus(s->conn) == CONNECTION_OK; i++) {
		struct pollfd p = {.fd = PQsocket(s->conn), .events = POLLIN};
		if (poll(&p, 1, 0) <= 0 || !PQconsumeInput(s->conn))
			break;
	}
	return !s->lost && PQstatus(s->conn) == CONNECTION_OK;
}

int pg_ready(struct pg_store *s, int timeout_ms, bool *timed_out, struct fd_error *err)
{
	if (timed_out)
		*timed_out = false;
	if (pg_still_up(s))
		return 0;
	return pg_reconnect(s, timeout_ms, timed_out, err);
}

/* Waits until the connection has sent all it holds and is no longer busy: 0, 1 when until_ms
 * passed (0: never), -1 when it failed. */
static int wait_idle(PGconn *c, int64_t until_ms)
{
	while (true) {
		int pending = PQflush(c);
		if (pending < 0)
			return -1;
		if (!pending && !PQisBusy(c))
			return 0;
		/* While sending, the server's words are read too, or both could wait on each
		 * other. */
		struct pollfd p = {.fd = PQsocket(c), .events = POLLIN | (pending ? POLLOUT : 0)};
		int wait_ms = -1;
		if (p.fd < 0)
			return -1;
		if (until_ms) {
			int64_t left = until_ms - clock_ms();
			if (left <= 0)
				return 1;
			wait_ms = left < INT_MAX ? (int)left : INT_MAX;
		}
		int n = poll(&p, 1, wait_ms);
		if (n < 0 && errno != EINTR)
			return -1;
		if (n > 0 && (p.revents & (POLLIN | POLLERR | POLLHUP)) && !PQconsumeInput(c))
			return -1;
	}
}

int pg_wait_result(struct pg_store *s, int64_t until_ms, PGresult **res)
{
	*res = NULL;
	while (true) {
		int rc = wait_idle(s->conn, until_ms);
		if (rc) {
			/* Even with a result in hand, what follows it is unknown. */
			PQclear(*res);
			*res = NULL;
			return rc;
		}
		PGresult *next = PQgetResult(s->conn);
		if (!next) {
			if (*res)
				atomic_store(&answered_at_ms, clock_ms());
			return *res ? 0 : -1;
		}
		/* After an error the server runs nothing more of a script: the last is it. */
		PQclear(*res);
		*res = next;
	}
}

/* The value of keyword in a parsed conninfo, or NULL. */
static const char *conninfo_value(const PQconninfoOption *opts, const char *keyword)
{
	for (const PQconninfoOption *o = opts; o->keyword; o++)
		if (strcmp(o->keyword, keyword) == 0)
			return o->val && *o->val ? o->val : NULL;
	return NULL;
}

/* Starts connecting to url with t's limits. Ours come before the URL's, so that its own
 * keepalives, tcp_user_timeout and connect_timeout win; its options get statement_timeout
 * added unless they set one. */
static int start(struct pg_store *s, const char *url, const struct db_timeouts *t,
		 struct fd_error *err)
{
	char *bad = NULL, idle[16], interval[16], user_timeout[16];
	PQconninfoOption *own = PQconninfoParse(url, &bad);
	if (!own) {
		fd_fail_field(err, "db", "the database URL is not one PostgreSQL reads: %.*s",
			      first_line(bad), bad ? bad : "out of memory");
		PQfreemem(bad);
		return -1;
	}
	/* A silent peer is given up after about network_ms: keepalives probe an idle
	 * connection, tcp_user_timeout ends one whose data goes unacknowledged. */
	int net_s = (t->network_ms + 999) / 1000, count = 3;
	int interval_s = net_s / 5 > 1 ? net_s / 5 : 1;
	int idle_s = net_s - count * interval_s > 1 ? net_s - count * interval_s : 1;
	snprintf(idle, sizeof idle, "%d", idle_s);
	snprintf(interval, sizeof interval, "%d", interval_s);
	snprintf(user_timeout, sizeof user_timeout, "%d", t->network_ms);
	const char *own_options = conninfo_value(own, "options");
	const char *own_connect = conninfo_value(own, "connect_timeout");
	struct buf options = BUF_INIT;
	if (t->statement_ms > 0 && !(own_options && strstr(own_options, "statement_timeout")))
		buf_printf(&options, "%s%s-c statement_timeout=%d", own_options ? own_options : "",
			   own_options ? " " : "", t->statement_ms);
	/* libpq waits for connect_timeout only when it blocks, and these are made without. */
	s->connect_ms =
		own_connect && atoi(own_connect) > 0 ? atoi(own_connect) * 1000 : t->network_ms;
	const char *keys[] = {"keepalives",
			      "keepalives_idle",
			      "keepalives_interval",
			      "keepalives_count",
			      "tcp_user_timeout",
			      "dbname",
			      "options",
			      NULL};
	const char *values[] = {
		"1", idle, interval, "3", user_timeout, url, options.len ? buf_str(&options) : NULL,
		NULL};
	s->conn = PQconnectStartParams(keys, values, 1);
	buf_free(&options);
	PQconninfoFree(own);
	if (!s->conn)
		abort(); /* libpq could not allocate: as xmalloc does */
	return 0;
}

static void quiet_notices(void *arg, const char *message)
{
	log_debug("postgresql: %s", message);
}

/* Fails err for a command or thread that must connect now: why, in the words /healthz uses
 * (a wrong password named as such), libpq's own message only at the debug level. */
static int refused(struct pg_store *s, int rc, bool reached, struct fd_error *err)
{
	const char *msg = PQerrorMessage(s->conn);
	char state[6];
	log_debug("postgresql: %.*s", first_line(msg), msg);
	if (rc == 1)
		return fd_fail(err, FD_EUNAVAILABLE,
			       "cannot connect to the database: no answer within %d ms",
			       s->connect_ms);
	const char *code = state_in(msg, state);
	if (code && strcmp(code, "28P01") == 0)
		return fd_fail(err, FD_EUNAVAILABLE,
			       "cannot connect to the database: the password for user %s was "
			       "refused",
			       PQuser(s->conn));
	if (PQconnectionNeedsPassword(s->conn))
		return fd_fail(err, FD_EUNAVAILABLE,
			       "cannot connect to the database: user %s needs a password and "
			       "none was given",
			       PQuser(s->conn));
	return fd_fail(err, FD_EUNAVAILABLE, "cannot connect to the database: %s",
		       reason_of(s->conn, reached));
}

int pg_connect(struct pg_store *s, const char *url, const struct db_timeouts *t, bool pooled,
	       struct fd_error *err)
{
	bool reached = false;
	s->pooled = pooled;
	s->statement_ms = t->statement_ms;
	if (start(s, url, t, err))
		return -1;
	PQsetNoticeProcessor(s->conn, quiet_notices, NULL);
	PQsetErrorVerbosity(s->conn, PQERRORS_VERBOSE);
	int rc = PQstatus(s->conn) == CONNECTION_BAD
			 ? -1
			 : connect_wait(s->conn, PQconnectPoll, s->connect_ms, &reached);
	if (rc == 0) {
		made(s);
		return 0;
	}
	if (!pooled)
		return refused(s, rc, reached, err);
	/* A request thread's connection: made at its first use instead. */
	not_made(s, rc, reached);
	pg_mark_lost(s, rc == 1 ? "no answer" : PQerrorMessage(s->conn));
	return 0;
}

/* Fails err for /healthz with why, marking the connection lost (detail: for the log). */
static int ping_fail(struct pg_store *s, const char *why, const char *detail, struct fd_error *err)
{
	pg_mark_lost(s, detail);
	return fd_fail(err, FD_EUNAVAILABLE, "unreachable: %s", why);
}

/* Waits for the one result of what was sent (sent: what PQsend* returned) until until_ms;
 * anything but want fails err with a reason anyone may read. */
static int ping_step(struct pg_store *s, int sent, int64_t until_ms, int timeout_ms,
		     ExecStatusType want, PGresult **res, struct fd_error *err)
{
	int rc = sent ? pg_wait_result(s, until_ms, res) : -1;
	if (rc == 1) {
		pg_mark_silent(s, timeout_ms);
		return fd_fail(err, FD_EUNAVAILABLE, "unreachable: no answer within %d ms",
			       timeout_ms);
	}
	if (rc)
		return ping_fail(s, "the connection was lost", PQerrorMessage(s->conn), err);
	if (PQresultStatus(*res) == want)
		return 0;
	const char *state = PQresultErrorField(*res, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorMessage(*res);
	if (PQstatus(s->conn) != CONNECTION_OK || pg_state_means_lost(state)) {
		const char *why = reason_of_state(state, msg);
		rc = ping_fail(s, why ? why : "the connection was lost", msg, err);
	} else {
		/* Reached, but it cannot read its own schema: not initialised, say. */
		log_error("postgresql: health check: %.*s", first_line(msg), msg);
		rc = fd_fail(err, FD_EUNAVAILABLE, "the health check failed (SQLSTATE %s)",
			     state ? state : "none");
	}
	PQclear(*res);
	*res = NULL;
	return rc;
}

/* /healthz: STMT_HEALTH on this connection, made again if need be, all within timeout_ms. A
 * query that does not answer in time is abandoned with its connection. */
int pg_ping(struct store *store, int timeout_ms, int64_t *schema, struct fd_error *err)
{
	struct pg_store *s = (struct pg_store *)store;
	int64_t until_ms = clock_ms() + timeout_ms;
	bool timed_out;
	char name[16];
	PGresult *res = NULL;
	if (pg_ready(s, timeout_ms, &timed_out, NULL))
		return timed_out ? fd_fail(err, FD_EUNAVAILABLE,
					   "unreachable: no answer within %d ms", timeout_ms)
				 : fd_fail(err, FD_EUNAVAILABLE, "unreachable: %s",
					   s->why ? s->why : "cannot connect");
	snprintf(name, sizeof name, "fd%d", (int)STMT_HEALTH);
	if (!s->prepared[STMT_HEALTH]) {
		const char *sql = stmt_sql(sql_postgresql, STMT_HEALTH);
		if (ping_step(s, PQsendPrepare(s->conn, name, sql, 0, NULL), until_ms, timeout_ms,
			      PGRES_COMMAND_OK, &res, err))
			return -1;
		PQclear(res);
		s->prepared[STMT_HEALTH] = true;
	}
	if (ping_step(s, PQsendQueryPrepared(s->conn, name, 0, NULL, NULL, NULL, 0), until_ms,
		      timeout_ms, PGRES_TUPLES_OK, &res, err))
		return -1;
	*schema = PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
	PQclear(res);
	return 0;
}
