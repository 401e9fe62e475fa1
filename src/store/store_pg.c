/* The PostgreSQL backend (libpq): a connection per thread, every statement prepared once on
 * it, a lost connection reset at the start of the next transaction. */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/log.h"
#include "store/backend.h"

extern const struct embedded_file postgresql_migrations[];

struct pg_store {
	struct store base;
	PGconn *conn;
	bool prepared[STMT__MAX];
	bool in_tx, listening;
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
	/* Class 23, integrity constraint violation: unique, foreign key, check. */
	if (state && strncmp(state, "23", 2) == 0) {
		rc = fd_fail(err, FD_ECONFLICT, "%s", msg);
	} else {
		log_error("postgresql: %s: %s", what, msg);
		rc = fd_fail(err, FD_EINTERNAL, "database error (%s)", msg);
	}
	PQclear(res);
	return rc;
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
	if (PQstatus(s->conn) != CONNECTION_OK) {
		/* The server restarted or the network dropped: prepared statements went with it. */
		log_warn("postgresql: connection lost, reconnecting");
		PQreset(s->conn);
		memset(s->prepared, 0, sizeof s->prepared);
		if (PQstatus(s->conn) != CONNECTION_OK)
			return pg_fail(s, NULL, err, "reconnect");
	}
	if (pg_exec(store, "BEGIN", err))
		return -1;
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

/* LISTEN once, then sleep on the connection's socket until a NOTIFY or the timeout. */
static int pg_wait_event(struct store *store, int timeout_ms, struct fd_error *err)
{
	struct pg_store *s = pg(store);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		PQreset(s->conn);
		memset(s->prepared, 0, sizeof s->prepared);
		s->listening = false;
		if (PQstatus(s->conn) != CONNECTION_OK)
			return pg_fail(s, NULL, err, "reconnect");
	}
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

static int pg_backup(struct store *s, const char *path, struct fd_error *err)
{
	return fd_fail(err, FD_EINVAL,
		       "a PostgreSQL database is backed up with pg_dump (see "
		       "docs/regional.md), not frontdesk backup");
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
};

int store_pg_open(const char *url, struct store **out, struct fd_error *err)
{
	struct pg_store *s = xcalloc(1, sizeof *s);
	s->base.ops = &pg_ops;
	s->conn = PQconnectdb(url);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		/* libpq's message names the host and the problem, never the password. */
		fd_fail(err, FD_EINTERNAL, "cannot connect to PostgreSQL: %s",
			PQerrorMessage(s->conn));
		pg_close(&s->base);
		return -1;
	}
	PQsetNoticeProcessor(s->conn, quiet_notices, NULL);
	*out = &s->base;
	return 0;
}
