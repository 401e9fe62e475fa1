/* The PostgreSQL backend (libpq): a connection per thread, every statement prepared once on
 * it and its answer waited for within a bound. store_pg_conn.c makes the connection, and
 * makes it again before the next transaction or statement outside one when the server
 * dropped it (a restart, a network cut) or fell silent; a transaction it took with it is
 * answered "unavailable", never replayed. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "store/store_pg.h"

extern const struct embedded_file postgresql_migrations[];

/* How much longer than the server's own statement_timeout an answer is waited for: a slow
 * statement is cancelled by the server, which says so and keeps the connection; only a
 * server that says nothing at all is given up on. */
#define PG_ANSWER_GRACE_MS 1000

static struct pg_store *pg(struct store *s)
{
	return (struct pg_store *)s;
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
	if (PQstatus(s->conn) != CONNECTION_OK || pg_state_means_lost(state)) {
		pg_mark_lost(s, msg);
		rc = pg_unavailable(err);
	} else if (state && strcmp(state, "57014") == 0) {
		/* statement_timeout (or an operator) cancelled it: the server is there, and the
		 * transaction changed nothing. */
		log_warn("postgresql: %s", msg);
		rc = fd_fail(err, FD_EUNAVAILABLE,
			     "the database took too long to answer: try again in a moment");
		if (err)
			err->retry_after_s = STORE_RETRY_AFTER_S;
	} else if (state && strncmp(state, "23", 2) == 0) {
		/* Class 23, integrity constraint violation: unique, foreign key, check. */
		rc = fd_fail(err, FD_ECONFLICT, "%s", msg);
	} else {
		/* The primary message alone: libpq adds the statement's position in one of two
		 * forms by how the statement was sent, and the log counts a failure repeated by
		 * each thread as one only when its words are the same. */
		const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
		if (primary)
			snprintf(msg, sizeof msg, "%s", primary);
		log_error("postgresql: %s: %s", what, msg);
		rc = fd_fail(err, FD_EINTERNAL, "database error (%s)", msg);
	}
	PQclear(res);
	return rc;
}

/* The answer to what was just sent (sent: what PQsend* returned), waited for within the
 * statement bound: 0 with *res (the caller frees it), else err filled. A server that does
 * not answer in time leaves the connection abandoned: the statement may still run there. */
static int pg_answer(struct pg_store *s, int sent, const char *what, PGresult **res,
		     struct fd_error *err)
{
	int64_t until_ms = s->statement_ms ? clock_ms() + s->statement_ms + PG_ANSWER_GRACE_MS : 0;
	*res = NULL;
	int rc = sent ? pg_wait_result(s, until_ms, res) : -1;
	if (rc == 1) {
		pg_mark_silent(s, s->statement_ms + PG_ANSWER_GRACE_MS);
		return pg_unavailable(err);
	}
	if (rc) {
		pg_mark_lost(s, PQerrorMessage(s->conn));
		return pg_unavailable(err);
	}
	ExecStatusType st = PQresultStatus(*res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return 0;
	rc = pg_fail(s, *res, err, what);
	*res = NULL;
	return rc;
}

static int pg_exec(struct store *store, const char *script, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	PGresult *res;
	/* Never on a connection given up inside a transaction: its last statement may still be
	 * waiting there. */
	if (s->lost)
		return pg_unavailable(err);
	if (pg_answer(s, PQsendQuery(s->conn, script), script, &res, err))
		return -1;
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
	PGresult *res;
	/* A deferred write commits without waiting for its WAL flush: store_sync_through makes
	 * one flush for many. Sent with BEGIN, it costs no round trip of its own. */
	bool defer = write && s->defer_sync;
	const char *sql = defer ? "BEGIN; SET LOCAL synchronous_commit TO off" : "BEGIN";
	if (pg_ready(s, s->connect_ms, NULL, err))
		return -1;
	int rc = pg_answer(s, PQsendQuery(s->conn, sql), sql, &res, err);
	/* Gone before anything was done (closed while idle): BEGIN is safe to send again, once,
	 * on a new connection. A server that did not answer is not waited for twice. */
	if (rc && s->lost && !s->silent && pg_ready(s, s->connect_ms, NULL, err) == 0) {
		if (err)
			fd_error_clear(err);
		rc = pg_answer(s, PQsendQuery(s->conn, sql), sql, &res, err);
	}
	if (rc)
		return -1;
	PQclear(res);
	s->in_tx = true;
	s->tx_deferred = defer;
	return 0;
}

static void pg_rollback(struct store *store)
{
	struct pg_store *s = pg(store);
	PGresult *res;
	/* A connection lost takes its transaction with it. */
	if (s->in_tx && !s->lost &&
	    pg_answer(s, PQsendQuery(s->conn, "ROLLBACK"), "ROLLBACK", &res, NULL) == 0)
		PQclear(res);
	s->in_tx = false;
	s->tx_deferred = false;
}

static int pg_commit(struct store *store, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	/* A connection the server closed before COMMIT left took the transaction with it. */
	bool sendable = pg_still_up(s);
	/* Taken before COMMIT is sent (see pg_ticket_take). */
	uint64_t ticket = s->tx_deferred ? pg_ticket_take() : 0;
	s->tx_deferred = false;
	if (pg_exec(store, "COMMIT", err) == 0) {
		s->in_tx = false;
		/* The first one the request made: the sync must vouch for it, and its flush
		 * covers the later ones too. */
		if (ticket && !s->unsynced)
			s->unsynced = ticket;
		return 0;
	}
	if (sendable && s->lost && err) {
		/* Lost, or silent, while COMMIT was on its way: the server may have committed.
		 * Told to try again, a client could make the change twice; it is told the
		 * outcome is unknown instead (docs/api.md). */
		fd_fail(err, FD_EUNAVAILABLE,
			"the database became unavailable while the change was being saved: check "
			"whether it was made before trying again");
		err->retry_after_s = 0;
		err->outcome_unknown = true;
	}
	pg_rollback(store);
	return -1;
}

struct pg_row {
	struct db_row base;
	PGresult *res;
	int row;
};

static int64_t pg_col_int(struct db_row *row, int col)
{
	struct pg_row *r = (struct pg_row *)row;
	const char *v = PQgetvalue(r->res, r->row, col), *p = v + (*v == '-');
	/* The server's own integers, digits after an optional minus: read here, as strtoll's
	 * locale-aware parsing was the most of a report's own time. Anything else (NULL is "",
	 * read as 0) goes to strtoll, as does what could overflow. */
	uint64_t u = 0;
	size_t n = 0;
	for (; p[n] >= '0' && p[n] <= '9' && n < 18; n++)
		u = u * 10 + (uint64_t)(p[n] - '0');
	if (p[n] != '\0')
		return strtoll(v, NULL, 10);
	return *v == '-' ? -(int64_t)u : (int64_t)u;
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

/* Text parameters (the server knows each one's type from the statement), blobs binary. */
static void pg_params(const struct db_arg *args, size_t nargs, const char **values,
		      char (*ints)[24], int *lengths, int *formats)
{
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
}

static int pg_query(struct store *store, enum stmt stmt, const struct db_arg *args, size_t nargs,
		    db_row_fn fn, void *ctx, int64_t *rows, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	const char *sql = stmt_sql(sql_postgresql, stmt), *values[PG_MAX_PARAMS];
	char name[16], ints[PG_MAX_PARAMS][24];
	int lengths[PG_MAX_PARAMS] = {0}, formats[PG_MAX_PARAMS] = {0};
	PGresult *res;
	snprintf(name, sizeof name, "fd%d", (int)stmt);
	if (nargs > PG_MAX_PARAMS)
		return fd_fail(err, FD_EINTERNAL, "too many parameters for %s", name);
	/* A statement that is a transaction by itself (the API token check) finds a lost
	 * connection before it is sent, so it is never sent twice; inside a transaction a lost
	 * connection fails at once. */
	if (!s->in_tx && pg_ready(s, s->connect_ms, NULL, err))
		return -1;
	if (s->lost)
		return pg_unavailable(err);
	if (!s->prepared[stmt]) {
		if (pg_answer(s, PQsendPrepare(s->conn, name, sql, 0, NULL), sql, &res, err))
			return -1;
		PQclear(res);
		s->prepared[stmt] = true;
	}
	pg_params(args, nargs, values, ints, lengths, formats);
	if (pg_answer(s,
		      PQsendQueryPrepared(s->conn, name, (int)nargs, values, lengths, formats, 0),
		      sql, &res, err))
		return -1;
	int n = PQntuples(res), ret = 0;
	struct pg_row row = {{store->ops}, res, 0};
	for (; fn && row.row < n && ret == 0; row.row++)
		ret = fn(ctx, &row.base);
	PQclear(res);
	if (rows)
		*rows = n;
	return ret;
}

/* Frees the notifications received so far; true if there were any. */
static bool drain_notifies(PGconn *conn)
{
	bool any = false;
	PGnotify *n;
	while ((n = PQnotifies(conn)) != NULL) {
		PQfreemem(n);
		any = true;
	}
	return any;
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
	/* A NOTIFY that came in with the answer to the hub's last query is in libpq's list
	 * already, not on the socket: waiting on the socket would sit out the whole timeout. */
	if (!PQconsumeInput(s->conn))
		return pg_fail(s, NULL, err, "LISTEN");
	if (drain_notifies(s->conn))
		return 0;
	struct pollfd pfd = {.fd = PQsocket(s->conn), .events = POLLIN};
	if (poll(&pfd, 1, timeout_ms) > 0 && !PQconsumeInput(s->conn))
		return pg_fail(s, NULL, err, "LISTEN");
	drain_notifies(s->conn);
	return 0;
}

/* A cell in COPY's text format: \N for NULL; a backslash, tab, newline or return escaped.
 * By hand, not printf: a bulk load formats tens of millions of cells. A blob has no text form
 * here: refused, never read as a string. */
static int copy_cell(struct buf *b, const struct db_arg *a, struct fd_error *err)
{
	if (a->type == DB_NULL) {
		buf_append(b, "\\N", 2);
		return 0;
	}
	if (a->type == DB_BLOB)
		return fd_fail(err, FD_EINTERNAL, "a bulk load cannot copy a blob cell");
	if (a->type == DB_INT) {
		char digits[24];
		size_t i = sizeof digits;
		uint64_t u = a->i < 0 ? -(uint64_t)a->i : (uint64_t)a->i;
		do {
			digits[--i] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (a->i < 0)
			digits[--i] = '-';
		buf_append(b, digits + i, sizeof digits - i);
		return 0;
	}
	for (const char *p = a->s; *p;) {
		size_t plain = strcspn(p, "\\\t\n\r");
		buf_append(b, p, plain);
		p += plain;
		if (!*p)
			break;
		char esc[2] = {'\\', *p == '\\' ? '\\' : *p == '\t' ? 't' : *p == '\n' ? 'n' : 'r'};
		buf_append(b, esc, 2);
		p++;
	}
	return 0;
}

/* libpq takes a COPY's data an int's worth at a time: sent in pieces of this many bytes. */
#define COPY_CHUNK (1u << 20)

/* The formatted rows to the server and the COPY's end: 0, or -1 with the COPY not ended. */
static int copy_send(PGconn *conn, const struct buf *b)
{
	for (size_t at = 0; at < b->len; at += COPY_CHUNK) {
		size_t n = b->len - at < COPY_CHUNK ? b->len - at : COPY_CHUNK;
		if (PQputCopyData(conn, b->data + at, (int)n) != 1)
			return -1;
	}
	return PQputCopyEnd(conn, NULL) == 1 ? 0 : -1;
}

/* The rows as one COPY ... FROM STDIN (stmt's PostgreSQL text), the connection blocking
 * meanwhile: a bulk load, never a request's, waits for the server as long as it takes. */
static int pg_copy(struct store *store, enum stmt stmt, const struct db_arg *cells, size_t ncols,
		   size_t nrows, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	const char *sql = stmt_sql(sql_postgresql, stmt);
	struct buf b = BUF_INIT;
	int rc = -1;
	if (s->lost)
		return pg_unavailable(err);
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			if (copy_cell(&b, &cells[r * ncols + c], err)) {
				buf_free(&b);
				return -1;
			}
			buf_putc(&b, c + 1 < ncols ? '\t' : '\n');
		}
	PQsetnonblocking(s->conn, 0);
	PGresult *res = PQexec(s->conn, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		rc = pg_fail(s, res, err, sql);
		goto out;
	}
	PQclear(res);
	if (copy_send(s->conn, &b)) {
		rc = pg_fail(s, NULL, err, sql);
		/* The server is there: the COPY is ended as failed and its answer read, so that
		 * the connection is idle in the (failed) transaction and the ROLLBACK works. */
		if (!s->lost && PQstatus(s->conn) == CONNECTION_OK) {
			PQputCopyEnd(s->conn, "aborted");
			while ((res = PQgetResult(s->conn)) != NULL)
				PQclear(res);
		}
		goto out;
	}
	rc = 0;
	while ((res = PQgetResult(s->conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0)
			rc = pg_fail(s, res, err, sql);
		else
			PQclear(res);
	}
out:
	PQsetnonblocking(s->conn, 1);
	buf_free(&b);
	return rc;
}

static uint64_t pg_reconnects(const struct store *store)
{
	return ((const struct pg_store *)store)->reconnects;
}

static void pg_defer_sync(struct store *store)
{
	pg(store)->defer_sync = true;
}

static uint64_t pg_unsynced(struct store *store)
{
	uint64_t ticket = pg(store)->unsynced;
	pg(store)->unsynced = 0;
	return ticket;
}

/* The write may or may not be on disk: the client is told to look before trying again. */
static int not_confirmed(struct fd_error *err)
{
	fd_fail(err, FD_EUNAVAILABLE,
		"the database became unavailable before the change was confirmed on disk: check "
		"whether it was made before trying again");
	if (err)
		err->outcome_unknown = true;
	return -1;
}

/* One small transaction that writes WAL commits synchronously (the session's own
 * synchronous_commit, as the deferred writes would have had): its commit record is written
 * after every deferred commit already answered, and the server flushes the WAL through it,
 * hence through them. It must write a WAL record of its own (a transactional logical message,
 * which no table holds): one that only takes a transaction id commits without a flush. It runs
 * on a connection made before the oldest of them was sent, and not made again since: a server
 * restarted in between (whose unflushed commits are gone) would have ended it. */
#define FLUSH_SQL "SELECT pg_logical_emit_message(true, 'frontdesk.flush', '')"

static int pg_sync_through(struct store *store, uint64_t oldest, uint64_t newest,
			   uint64_t *unconfirmed_through, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	PGresult *res;
	(void)newest; /* the flush covers every commit answered before it began */
	if (pg_ready(s, s->connect_ms, NULL, NULL)) {
		log_warn("postgresql: deferred commits from ticket %llu could not be confirmed: "
			 "the server cannot be reached",
			 (unsigned long long)oldest);
		return not_confirmed(err);
	}
	if (pg_answer(s, PQsendQuery(s->conn, FLUSH_SQL), "WAL flush", &res, NULL)) {
		log_warn("postgresql: deferred commits from ticket %llu could not be confirmed: "
			 "the WAL flush failed",
			 (unsigned long long)oldest);
		/* Made again now, so that commits sent from here on can be vouched for. */
		pg_ready(s, s->connect_ms, NULL, NULL);
		return not_confirmed(err);
	}
	PQclear(res);
	/* The flush vouches only for commits sent after its connection was made: the older
	 * ones alone are of unknown outcome. */
	if (oldest <= s->tickets_before) {
		log_warn("postgresql: deferred commits from ticket %llu through %llu could not be "
			 "confirmed: the connection to the server was made again since",
			 (unsigned long long)oldest, (unsigned long long)s->tickets_before);
		*unconfirmed_through = s->tickets_before;
		return not_confirmed(err);
	}
	return 0;
}

static int pg_keep_connected(struct store *store, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	return s->in_tx ? 0 : pg_ready(s, s->connect_ms, NULL, err);
}

/* Runs the flush once and reads synchronous_commit (see store_sync_check). */
static int pg_sync_check(struct store *store, bool *durable, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	PGresult *res;
	if (pg_ready(s, s->connect_ms, NULL, err))
		return -1;
	struct fd_error why = {0};
	if (pg_answer(s, PQsendQuery(s->conn, FLUSH_SQL), "WAL flush", &res, &why))
		return fd_fail(err, FD_EINVAL, "the WAL flush that confirms writes (%s) failed: %s",
			       FLUSH_SQL, why.message);
	PQclear(res);
	if (pg_answer(s, PQsendQuery(s->conn, "SHOW synchronous_commit"), "SHOW", &res, err))
		return -1;
	*durable = PQntuples(res) != 1 || strcmp(PQgetvalue(res, 0, 0), "off") != 0;
	PQclear(res);
	return 0;
}

static int pg_backup(struct store *s, const char *path, struct fd_error *err)
{
	return fd_fail(err, FD_EINVAL,
		       "a PostgreSQL database is backed up with pg_dump (see "
		       "docs/regional.md), not frontdesk backup");
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
	.copy = pg_copy,
	.col_int = pg_col_int,
	.col_is_null = pg_col_is_null,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.wait_event = pg_wait_event,
	.backup = pg_backup,
	.defer_sync = pg_defer_sync,
	.unsynced = pg_unsynced,
	.sync_through = pg_sync_through,
	.sync_check = pg_sync_check,
	.keep_connected = pg_keep_connected,
	.ping = pg_ping,
	.reconnects = pg_reconnects,
};

int store_pg_open(const char *url, const struct db_timeouts *t, bool pooled, struct store **out,
		  struct fd_error *err)
{
	struct pg_store *s = xcalloc(1, sizeof *s);
	s->base.ops = &pg_ops;
	if (pg_connect(s, url, t, pooled, err)) {
		pg_close(&s->base);
		return -1;
	}
	*out = &s->base;
	return 0;
}
