/* The SQLite store: one connection per thread, statements prepared once and reused,
 * migrations embedded in the binary and applied in order. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/embed.h"
#include "base/log.h"
#include "store/db.h"
#include "store/store.h"

extern const struct embedded_file sqlite_migrations[];

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmts[STMT__MAX];
	bool in_tx;
};

struct db_row {
	sqlite3_stmt *st;
};

static int db_fail(struct store *s, struct fd_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
	    rc == SQLITE_CONSTRAINT_FOREIGNKEY || rc == SQLITE_CONSTRAINT_CHECK)
		return fd_fail(err, FD_ECONFLICT, "%s: %s", what, sqlite3_errmsg(s->db));
	log_error("sqlite: %s: %s", what, sqlite3_errmsg(s->db));
	return fd_fail(err, FD_EINTERNAL, "database error (%s)", sqlite3_errmsg(s->db));
}

static int exec(struct store *s, const char *sql, struct fd_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s, err, sql);
	return 0;
}

static const char *url_path(const char *url)
{
	if (strncmp(url, "sqlite://", 9) == 0)
		return url + 9;
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	return url;
}

int store_open(const char *url, int busy_timeout_ms, struct store **out, struct fd_error *err)
{
	*out = NULL;
	if (strncmp(url, "postgres", 8) == 0)
		return fd_fail(err, FD_EINVAL,
			       "this build of frontdesk stores data in SQLite only; "
			       "use --db sqlite:FILE");
	const char *path = url_path(url);
	if (!*path)
		return fd_fail_field(err, "db", "the database URL names no file");
	struct store *s = xcalloc(1, sizeof *s);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		fd_fail(err, FD_EINTERNAL, "cannot open database %s: %s", path,
			s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return -1;
	}
	sqlite3_busy_timeout(s->db, busy_timeout_ms);
	sqlite3_extended_result_codes(s->db, 1);
	/* Durability: an acknowledged write is on disk (DESIGN.md). */
	if (exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
		 err)) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(s->stmts[i]);
	sqlite3_close(s->db);
	free(s);
}

int store_begin(struct store *s, bool write, struct fd_error *err)
{
	/* IMMEDIATE takes the write lock now, so a writer never fails half-way on upgrade. */
	if (exec(s, write ? "BEGIN IMMEDIATE" : "BEGIN", err))
		return -1;
	s->in_tx = true;
	return 0;
}

int store_commit(struct store *s, struct fd_error *err)
{
	if (exec(s, "COMMIT", err)) {
		store_rollback(s);
		return -1;
	}
	s->in_tx = false;
	return 0;
}

void store_rollback(struct store *s)
{
	if (s->in_tx && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = false;
}

int db_query(struct store *s, enum stmt stmt, const struct db_arg *args, size_t nargs, db_row_fn fn,
	     void *ctx, int64_t *rows, struct fd_error *err)
{
	sqlite3_stmt *st = s->stmts[stmt];
	if (!st) {
		if (sqlite3_prepare_v3(s->db, sqlite_sql[stmt], -1, SQLITE_PREPARE_PERSISTENT, &st,
				       NULL) != SQLITE_OK)
			return db_fail(s, err, sqlite_sql[stmt]);
		s->stmts[stmt] = st;
	}
	for (size_t i = 0; i < nargs; i++) {
		int col = (int)i + 1;
		if (args[i].type == DB_INT)
			sqlite3_bind_int64(st, col, args[i].i);
		else if (args[i].type == DB_TEXT)
			sqlite3_bind_text(st, col, args[i].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, col);
	}
	int64_t n = 0;
	int rc, ret = 0;
	struct db_row row = {st};
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (fn && (ret = fn(ctx, &row)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_fail(s, err, sqlite_sql[stmt]);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rows)
		*rows = n;
	return ret;
}

int64_t db_int(struct db_row *row, int col)
{
	return sqlite3_column_int64(row->st, col);
}

bool db_is_null(struct db_row *row, int col)
{
	return sqlite3_column_type(row->st, col) == SQLITE_NULL;
}

const char *db_text(struct db_row *row, int col)
{
	return (const char *)sqlite3_column_text(row->st, col);
}

int db_row_int(void *ctx, struct db_row *row)
{
	*(int64_t *)ctx = db_int(row, 0);
	return 0;
}

int store_is_initialised(struct store *s, bool *yes, struct fd_error *err)
{
	int64_t n = 0;
	if (db_query(s, STMT_IS_INITIALISED, NULL, 0, db_row_int, &n, NULL, err))
		return -1;
	*yes = n > 0;
	return 0;
}

static int migration_applied(struct store *s, int version, bool *yes, struct fd_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM schema_migration WHERE version = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return db_fail(s, err, "schema_migration");
	sqlite3_bind_int(st, 1, version);
	int rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(s, err, "schema_migration");
}

static int record_migration(struct store *s, int version, const char *name, struct fd_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
			       "INSERT INTO schema_migration (version, name, applied_at) "
			       "VALUES (?1, ?2, unixepoch())",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err, "schema_migration");
	sqlite3_bind_int(st, 1, version);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s, err, "schema_migration");
}

int store_migrate(struct store *s, int *applied, struct fd_error *err)
{
	int count = 0;
	if (exec(s,
		 "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
		 "name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
		 err))
		return -1;
	for (const struct embedded_file *m = sqlite_migrations; m->name; m++) {
		int version = atoi(m->name); /* "001_init.sql" */
		bool done = false;
		if (store_begin(s, true, err))
			return -1;
		if (migration_applied(s, version, &done, err))
			goto fail;
		if (!done) {
			if (exec(s, (const char *)m->data, err) ||
			    record_migration(s, version, m->name, err))
				goto fail;
			count++;
			log_info("applied migration %s", m->name);
		}
		if (store_commit(s, err))
			return -1;
	}
	if (applied)
		*applied = count;
	return 0;
fail:
	store_rollback(s);
	return -1;
}
