/* The PostgreSQL backend (libpq): a connection per thread, every statement prepared once on
 * it. A connection the server dropped (a restart, a network cut) is made again before the
 * next transaction or statement outside one; a transaction it took with it is answered
 * "unavailable", never replayed. */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/log.h"
#include "store/backend.h"

extern const struct embedded_file postgresql_migrations[];

/* Making a connection again waits at most this, unless the URL's connect_timeout says
 * otherwise. */
#define PG_CONNECT_MS 5000
/* After an attempt that ran out of time, the next waits this long, so that the requests
 * meanwhile fail at once instead of each waiting as long. */
#define PG_RETRY_MS 1000
#define PG_RETRY_AFTER_S 2 /* what a refused caller is told to wait */

struct pg_store {
	struct store base;
	PGconn *conn;
	bool prepared[STMT__MAX];
	bool in_tx, listening;
	bool lost;	     /* the connection is gone: make it again before the next use */
	int connect_ms;	     /* how long making it again may take */
	int64_t lost_at_ms;  /* when it was found gone (0: it is fine), for the log */
	int64_t slow_at_ms;  /* when the last attempt to make it again ran out of time */
	uint64_t reconnects; /* times it was made again: LISTEN and prepared statements too */
};

struct pg_row {
	struct db_row base;
	PGresult *res;
	int row;
};

static struct pg_store *pg(struct store *s)
{
	return (struct pg_store *)s;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* libpq's messages run over several lines; the log takes the first. */
static int first_line(const char *msg)
{
	return (int)strcspn(msg ? msg : "", "\n");
}

/* SQLSTATEs after which the connection is gone or going: class 08 (connection exception),
 * 57P01 to 57P03 (the server shut down, crashed, or cannot take connections yet) and 57P05
 * (closed for being idle too long). */
static bool state_means_lost(const char *state)
{
	return state && (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
			 strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0 ||
			 strcmp(state, "57P05") == 0);
}

/* Notes that the connection is gone, logging it once until it is made again. */
static void pg_mark_lost(struct pg_store *s, const char *detail)
{
	if (!s->lost_at_ms) {
		log_warn("postgresql: connection lost (%.*s): made again at its next use",
			 first_line(detail), detail ? detail : "");
		s->lost_at_ms = now_ms();
	}
	s->lost = true;
}

/* What a caller is told while the database cannot be reached: the driver's words are in the
 * log only. */
static int pg_unavailable(struct fd_error *err)
{
	fd_fail(err, FD_EUNAVAILABLE, "the database is unavailable: try again in a moment");
	if (err)
		err->retry_after_s = PG_RETRY_AFTER_S;
	return -1;
}

/* Fails err from res (or the connection when res is NULL), and frees res. */
static int pg_fail(struct pg_store *s, PGresult *res, struct fd_error *err, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char msg[512];
	int rc;
	/* libpq ends its messages with a line break: one log line, one sentence. */
	snprintf(msg, sizeof msg, "%s", res ? PQresultErrorMessage(res) : PQerrorMessage(s->conn));
	for (size_t n = strlen(msg); n && (msg[n - 1] == '\n' || msg[n - 1] == ' ');)
		msg[--n] = '\0';
	if (PQstatus(s->conn) != CONNECTION_OK || state_means_lost(state)) {
		pg_mark_lost(s, msg);
		rc = pg_unavailable(err);
	} else if (state && strncmp(state, "23", 2) == 0) {
		/* Class 23, integrity constraint violation: unique, foreign key, check. */
		rc = fd_fail(err, FD_ECONFLICT, "%s", msg);
	} else {
		log_error("postgresql: %s: %s", what, msg);
		rc = fd_fail(err, FD_EINTERNAL, "database error (%s)", msg);
	}
	PQclear(res);
	return rc;
}

/* Drives a connection being made (step: PQconnectPoll or PQresetPoll) until it is made or
 * fails, or timeout_ms pass: 0 when made, 1 on the timeout, -1 when it failed. */
static int connect_wait(PGconn *c, PostgresPollingStatusType (*step)(PGconn *), int timeout_ms)
{
	int64_t until = now_ms() + timeout_ms;
	/* libpq's procedure: start as if the last step had asked to write. */
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	while (st == PGRES_POLLING_READING || st == PGRES_POLLING_WRITING) {
		struct pollfd p = {.fd = PQsocket(c),
				   .events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT};
		int left_ms = (int)(until - now_ms());
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

/* Makes the connection again within timeout_ms (*timed_out, may be NULL, says whether that
 * ran out); the prepared statements and LISTEN went with the old one. */
static int pg_reconnect(struct pg_store *s, int timeout_ms, bool *timed_out, struct fd_error *err)
{
	int64_t now = now_ms();
	if (timed_out)
		*timed_out = false;
	pg_mark_lost(s, PQerrorMessage(s->conn));
	/* A refused connection costs nothing to try again; one that does not answer would hold
	 * every caller for timeout_ms. */
	if (s->slow_at_ms && now - s->slow_at_ms < PG_RETRY_MS) {
		if (timed_out)
			*timed_out = true; /* as the last attempt did */
		return pg_unavailable(err);
	}
	int rc = PQresetStart(s->conn) ? connect_wait(s->conn, PQresetPoll, timeout_ms) : -1;
	s->slow_at_ms = rc == 1 ? now_ms() : 0;
	if (rc) {
		if (timed_out)
			*timed_out = rc == 1;
		log_debug("postgresql: still cannot connect: %.*s",
			  first_line(PQerrorMessage(s->conn)), PQerrorMessage(s->conn));
		return pg_unavailable(err);
	}
	memset(s->prepared, 0, sizeof s->prepared);
	s->in_tx = s->listening = s->lost = false;
	s->reconnects++;
	log_info("postgresql: connection made again, %lld ms after it was lost",
		 (long long)(now_ms() - s->lost_at_ms));
	s->lost_at_ms = 0;
	return 0;
}

/* Before a transaction, or a statement outside one: a connection that sat idle may have been
 * closed by the server (a restart sends FATAL, then closes), which libpq learns only by
 * reading. What is waiting is read without blocking, and a connection found gone is made
 * again. */
static int pg_ready(struct pg_store *s, int timeout_ms, bool *timed_out, struct fd_error *err)
{
	if (timed_out)
		*timed_out = false;
	for (int i = 0; i < 4 && !s->lost && PQstatus(s->conn) == CONNECTION_OK; i++) {
		struct pollfd p = {.fd = PQsocket(s->conn), .events = POLLIN};
		if (poll(&p, 1, 0) <= 0 || !PQconsumeInput(s->conn))
			break;
	}
	if (!s->lost && PQstatus(s->conn) == CONNECTION_OK)
		return 0;
	return pg_reconnect(s, timeout_ms, timed_out, err);
}

static int pg_exec(struct store *store, const char *script, struct fd_error *err)
{
	PGresult *res = PQexec(pg(store)->conn, script);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		return pg_fail(pg(store), res, err, script);
	PQclear(res);
	return 0;
}

static void pg_close(struct store *s)
{
	PQfinish(pg(s)->conn);
	free(s);
}

static int pg_begin(struct store *store, bool write, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	if (pg_ready(s, s->connect_ms, NULL, err))
		return -1;
	PGresult *res = PQexec(s->conn, "BEGIN");
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    (PQstatus(s->conn) != CONNECTION_OK ||
	     state_means_lost(PQresultErrorField(res, PG_DIAG_SQLSTATE)))) {
		/* Gone before anything was done: BEGIN is safe to send again, once, on a new
		 * connection. */
		pg_mark_lost(s, PQresultErrorMessage(res));
		PQclear(res);
		if (pg_reconnect(s, s->connect_ms, NULL, err))
			return -1;
		res = PQexec(s->conn, "BEGIN");
	}
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return pg_fail(s, res, err, "BEGIN");
	PQclear(res);
	s->in_tx = true;
	return 0;
}

static void pg_rollback(struct store *store)
{
	if (pg(store)->in_tx)
		PQclear(PQexec(pg(store)->conn, "ROLLBACK"));
	pg(store)->in_tx = false;
}

static int pg_commit(struct store *store, struct fd_error *err)
{
	if (pg_exec(store, "COMMIT", err)) {
		/* The server may have committed before the connection went: saying "try again"
		 * could make the change twice. */
		if (err && err->code == FD_EUNAVAILABLE)
			snprintf(err->message, sizeof err->message,
				 "the database became unavailable while the change was being "
				 "saved: check whether it was made before trying again");
		pg_rollback(store);
		return -1;
	}
	pg(store)->in_tx = false;
	return 0;
}

static int64_t pg_col_int(struct db_row *row, int col)
{
	struct pg_row *r = (struct pg_row *)row;
	return strtoll(PQgetvalue(r->res, r->row, col), NULL, 10);
}

static bool pg_col_is_null(struct db_row *row, int col)
{
	struct pg_row *r = (struct pg_row *)row;
	return PQgetisnull(r->res, r->row, col);
}

static const char *pg_col_text(struct db_row *row, int col)
{
	struct pg_row *r = (struct pg_row *)row;
	return PQgetisnull(r->res, r->row, col) ? NULL : PQgetvalue(r->res, r->row, col);
}

#define PG_MAX_PARAMS 24 /* the most any statement takes: the visit update, 17 */

/* bytea comes back as text in hex ("\\x…"): libpq turns it into bytes. */
static const unsigned char *pg_col_blob(struct db_row *row, int col, struct arena *a, size_t *len)
{
	struct pg_row *r = (struct pg_row *)row;
	*len = 0;
	if (PQgetisnull(r->res, r->row, col))
		return NULL;
	unsigned char *raw =
		PQunescapeBytea((const unsigned char *)PQgetvalue(r->res, r->row, col), len);
	if (!raw)
		return NULL;
	unsigned char *out = arena_alloc(a, *len ? *len : 1);
	memcpy(out, raw, *len);
	PQfreemem(raw);
	return out;
}

static int pg_query(struct store *store, enum stmt stmt, const struct db_arg *args, size_t nargs,
		    db_row_fn fn, void *ctx, int64_t *rows, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	char name[16], ints[PG_MAX_PARAMS][24];
	const char *values[PG_MAX_PARAMS];
	snprintf(name, sizeof name, "fd%d", (int)stmt);
	if (nargs > PG_MAX_PARAMS)
		return fd_fail(err, FD_EINTERNAL, "too many parameters for %s", name);
	/* A statement that is a transaction by itself (the API token check) finds a lost
	 * connection before it is sent, so it is never sent twice. */
	if (!s->in_tx && pg_ready(s, s->connect_ms, NULL, err))
		return -1;
	if (!s->prepared[stmt]) {
		PGresult *res = PQprepare(s->conn, name, stmt_sql(sql_postgresql, stmt), 0, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			return pg_fail(s, res, err, stmt_sql(sql_postgresql, stmt));
		PQclear(res);
		s->prepared[stmt] = true;
	}
	/* Parameters go as text (the server knows each one's type from the statement), blobs as
	 * binary. */
	int lengths[PG_MAX_PARAMS] = {0}, formats[PG_MAX_PARAMS] = {0};
	for (size_t i = 0; i < nargs; i++) {
		if (args[i].type == DB_INT) {
			snprintf(ints[i], sizeof ints[i], "%lld", (long long)args[i].i);
			values[i] = ints[i];
		} else if (args[i].type == DB_BLOB) {
			values[i] = args[i].s;
			lengths[i] = (int)args[i].len;
			formats[i] = 1;
		} else {
			values[i] = args[i].type == DB_TEXT ? args[i].s : NULL;
		}
	}
	PGresult *res = PQexecPrepared(s->conn, name, (int)nargs, values, lengths, formats, 0);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		return pg_fail(s, res, err, stmt_sql(sql_postgresql, stmt));
	int n = PQntuples(res), ret = 0;
	struct pg_row row = {{store->ops}, res, 0};
	for (; fn && row.row < n && ret == 0; row.row++)
		ret = fn(ctx, &row.base);
	PQclear(res);
	if (rows)
		*rows = n;
	return ret;
}

/* LISTEN (again, on a connection made again), then sleep on the connection's socket until a
 * NOTIFY or the timeout. */
static int pg_wait_event(struct store *store, int timeout_ms, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	if (pg_ready(s, s->connect_ms, NULL, err))
		return -1;
	if (!s->listening) {
		if (pg_exec(store, "LISTEN frontdesk_queue", err))
			return -1;
		s->listening = true;
	}
	struct pollfd pfd = {.fd = PQsocket(s->conn), .events = POLLIN};
	if (poll(&pfd, 1, timeout_ms) > 0 && !PQconsumeInput(s->conn))
		return pg_fail(s, NULL, err, "LISTEN");
	PGnotify *n;
	while ((n = PQnotifies(s->conn)) != NULL)
		PQfreemem(n);
	return 0;
}

static uint64_t pg_reconnects(const struct store *store)
{
	return ((const struct pg_store *)store)->reconnects;
}

static int pg_backup(struct store *s, const char *path, struct fd_error *err)
{
	return fd_fail(err, FD_EINVAL,
		       "a PostgreSQL database is backed up with pg_dump (see "
		       "docs/regional.md), not frontdesk backup");
}

/* Waits for the command sent to finish, until the monotonic time until_ms: 0 with *res (the
 * first result; the rest are read and dropped), 1 when time ran out, -1 when the connection
 * failed. */
static int result_until(struct pg_store *s, int64_t until_ms, PGresult **res)
{
	*res = NULL;
	while (PQisBusy(s->conn)) {
		struct pollfd p = {.fd = PQsocket(s->conn), .events = POLLIN};
		int left_ms = (int)(until_ms - now_ms());
		int n = left_ms > 0 ? poll(&p, 1, left_ms) : 0;
		if (n == 0)
			return 1;
		if ((n < 0 && errno != EINTR) || !PQconsumeInput(s->conn))
			return -1;
	}
	PGresult *more;
	*res = PQgetResult(s->conn);
	while ((more = PQgetResult(s->conn)) != NULL)
		PQclear(more);
	return 0;
}

/* Why the server cannot be reached, in words fit for /healthz, which anyone may read:
 * libpq's own message names hosts and ports, so it goes only to the log. */
static const char *unreachable_reason(const char *msg)
{
	static const struct {
		const char *needle, *reason;
	} known[] = {
		{"Connection refused", "connection refused"},
		{"starting up", "the server is starting up"},
		{"shutting down", "the server is shutting down"},
		{"recovery", "the server is in recovery"},
		{"too many clients", "too many connections"},
		{"authentication failed", "authentication failed"},
		{"does not exist", "no such database or role"},
		{"translate host name", "unknown host"},
		{"closed the connection", "the connection was lost"},
		{"administrator command", "the connection was lost"},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (msg && strstr(msg, known[i].needle))
			return known[i].reason;
	return "cannot connect";
}

/* Fails err for /healthz (rc: 1 when time ran out, else -1, with libpq's detail): the
 * connection is left to be made again at its next use. */
static int ping_fail(struct pg_store *s, int rc, int timeout_ms, const char *detail,
		     struct fd_error *err)
{
	pg_mark_lost(s, rc == 1 ? "no answer to the health check" : detail);
	if (rc == 1)
		return fd_fail(err, FD_EUNAVAILABLE, "unreachable: no answer within %d ms",
			       timeout_ms);
	return fd_fail(err, FD_EUNAVAILABLE, "unreachable: %s", unreachable_reason(detail));
}

/* Sends a prepared statement's preparation or execution (send), and waits for its one result
 * until until_ms; anything but want fails err as ping_fail does. */
static int ping_step(struct pg_store *s, int sent, int64_t until_ms, int timeout_ms,
		     ExecStatusType want, PGresult **res, struct fd_error *err)
{
	int rc = sent ? result_until(s, until_ms, res) : -1;
	if (rc)
		return ping_fail(s, rc, timeout_ms, PQerrorMessage(s->conn), err);
	if (PQresultStatus(*res) == want)
		return 0;
	const char *state = PQresultErrorField(*res, PG_DIAG_SQLSTATE);
	if (PQstatus(s->conn) != CONNECTION_OK || state_means_lost(state))
		rc = ping_fail(s, -1, timeout_ms, PQresultErrorMessage(*res), err);
	else {
		/* Reached, but it cannot read its own schema: not initialised, say. */
		log_error("postgresql: health check: %s", PQresultErrorMessage(*res));
		rc = fd_fail(err, FD_EUNAVAILABLE, "the health check failed (SQLSTATE %s)",
			     state ? state : "none");
	}
	PQclear(*res);
	*res = NULL;
	return rc;
}

/* /healthz: STMT_HEALTH on this connection, made again if need be, all within timeout_ms. A
 * query that does not answer in time is abandoned with its connection. */
static int pg_ping(struct store *store, int timeout_ms, int64_t *schema, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	int64_t until_ms = now_ms() + timeout_ms;
	bool timed_out;
	char name[16];
	PGresult *res = NULL;
	if (pg_ready(s, timeout_ms, &timed_out, NULL))
		return ping_fail(s, timed_out ? 1 : -1, timeout_ms, PQerrorMessage(s->conn), err);
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

static void quiet_notices(void *arg, const char *message)
{
	log_debug("postgresql: %s", message);
}

static const struct backend_ops pg_ops = {
	.name = "postgresql",
	.migrations = postgresql_migrations,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.query = pg_query,
	.col_int = pg_col_int,
	.col_is_null = pg_col_is_null,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.wait_event = pg_wait_event,
	.backup = pg_backup,
	.ping = pg_ping,
	.reconnects = pg_reconnects,
};

/* The URL's connect_timeout (seconds) when it has one, else PG_CONNECT_MS: libpq applies it
 * only to connections it makes while blocking, and these are made without. */
static int connect_timeout_ms(PGconn *c)
{
	int ms = PG_CONNECT_MS;
	PQconninfoOption *opts = PQconninfo(c);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (strcmp(o->keyword, "connect_timeout") == 0 && o->val && atoi(o->val) > 0)
			ms = atoi(o->val) * 1000;
	PQconninfoFree(opts);
	return ms;
}

int store_pg_open(const char *url, bool lazy, struct store **out, struct fd_error *err)
{
	struct pg_store *s = xcalloc(1, sizeof *s);
	s->base.ops = &pg_ops;
	s->conn = PQconnectStart(url);
	if (!s->conn)
		abort(); /* libpq could not allocate: as xmalloc does */
	s->connect_ms = connect_timeout_ms(s->conn);
	PQsetNoticeProcessor(s->conn, quiet_notices, NULL);
	int rc = PQstatus(s->conn) == CONNECTION_BAD
			 ? -1
			 : connect_wait(s->conn, PQconnectPoll, s->connect_ms);
	if (rc && !lazy) {
		/* libpq's message names the host and the problem, never the password. */
		if (rc == 1)
			fd_fail(err, FD_EUNAVAILABLE,
				"cannot connect to PostgreSQL: no answer within %d s",
				s->connect_ms / 1000);
		else
			fd_fail(err, FD_EUNAVAILABLE, "cannot connect to PostgreSQL: %s",
				PQerrorMessage(s->conn));
		pg_close(&s->base);
		return -1;
	}
	if (rc) {
		/* A server's connection: made at its first use instead. */
		pg_mark_lost(s, rc == 1 ? "no answer" : PQerrorMessage(s->conn));
		s->slow_at_ms = rc == 1 ? now_ms() : 0;
	}
	*out = &s->base;
	return 0;
}
