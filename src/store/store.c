/* What every backend shares: choosing one by URL, transactions and queries forwarded to it,
 * and migrations applied in order in one transaction. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/timefmt.h"
#include "store/backend.h"
#include "store/store.h"
#include "store/store_memo.h"

const char *store_sqlite_file(const char *url)
{
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
		return NULL;
	if (strncmp(url, "sqlite://", 9) == 0)
		return url + 9;
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	return url;
}

enum open_mode {
	OPEN_CREATE,   /* a SQLite file that is not there is made */
	OPEN_EXISTING, /* ... is an error, FD_ENOTFOUND */
	OPEN_POOLED,   /* a server thread's: as OPEN_EXISTING, failing with a reason */
};

/* Why a server thread could not open the SQLite file, in words for /healthz, which anyone may
 * read: the path and SQLite's message go only to the log. */
static int unusable(struct fd_error *err)
{
	bool missing = err->code == FD_ENOTFOUND;
	log_error("database: %s", err->message);
	fd_error_clear(err);
	if (missing)
		return fd_fail(err, FD_EUNAVAILABLE,
			       "unusable: the database file is not there: it was moved or "
			       "deleted after frontdesk started");
	return fd_fail(err, FD_EUNAVAILABLE, "unusable: the database file cannot be opened");
}

static int open_url(const char *url, const struct db_timeouts *t, enum open_mode mode,
		    struct store **out, struct fd_error *err)
{
	*out = NULL;
	const char *path = store_sqlite_file(url);
	if (!path)
		return store_pg_open(url, t, mode == OPEN_POOLED, out, err);
	if (!*path)
		return fd_fail_field(err, "db", "the database URL names no file");
	/* Only init and demo make a new file: anything else would leave an empty one behind
	 * where the database has gone, or was never made. */
	if (store_sqlite_open(path, t->busy_ms, mode == OPEN_CREATE, out, err) == 0)
		return 0;
	return mode == OPEN_POOLED ? unusable(err) : -1;
}

int store_open(const char *url, const struct db_timeouts *t, struct store **out,
	       struct fd_error *err)
{
	return open_url(url, t, OPEN_CREATE, out, err);
}

int store_open_existing(const char *url, const struct db_timeouts *t, struct store **out,
			struct fd_error *err)
{
	return open_url(url, t, OPEN_EXISTING, out, err);
}

int store_open_pooled(const char *url, const struct db_timeouts *t, struct store **out,
		      struct fd_error *err)
{
	return open_url(url, t, OPEN_POOLED, out, err);
}

const char *store_url_backend(const char *url)
{
	return store_sqlite_file(url) ? "sqlite" : "postgresql";
}

int store_ping(struct store *s, int timeout_ms, int64_t *schema, struct fd_error *err)
{
	*schema = 0;
	return s->ops->ping(s, timeout_ms, schema, err);
}

uint64_t store_reconnects(const struct store *s)
{
	return s->ops->reconnects ? s->ops->reconnects(s) : 0;
}

const char *store_backend(const struct store *s)
{
	return s->ops->name;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	memo_free(s->memo);
	s->ops->close(s);
}

int store_backup(struct store *s, const char *path, struct fd_error *err)
{
	return s->ops->backup(s, path, err);
}

void store_manual_checkpoints(struct store *s)
{
	if (s->ops->manual_checkpoints)
		s->ops->manual_checkpoints(s);
}

int store_checkpoint(struct store *s, struct fd_error *err)
{
	return s->ops->checkpoint ? s->ops->checkpoint(s, err) : 0;
}

void store_defer_sync(struct store *s)
{
	if (s->ops->defer_sync)
		s->ops->defer_sync(s);
}

bool store_defers_sync(const struct store *s)
{
	return s->ops->defer_sync != NULL;
}

uint64_t store_unsynced(struct store *s)
{
	return s->ops->unsynced ? s->ops->unsynced(s) : 0;
}

int store_sync_through(struct store *s, uint64_t oldest, uint64_t newest,
		       uint64_t *unconfirmed_through, struct fd_error *err)
{
	uint64_t through = UINT64_MAX;
	if (!oldest)
		oldest = newest;
	int rc = s->ops->sync_through && newest
			 ? s->ops->sync_through(s, oldest, newest, &through, err)
			 : 0;
	if (unconfirmed_through)
		*unconfirmed_through = through;
	return rc;
}

int store_keep_connected(struct store *s, struct fd_error *err)
{
	return s->ops->keep_connected ? s->ops->keep_connected(s, err) : 0;
}

int store_sync_check(struct store *s, bool *durable, struct fd_error *err)
{
	*durable = true;
	return s->ops->sync_check ? s->ops->sync_check(s, durable, err) : 0;
}

/* Write transactions this process has committed: counted once the commit is visible, so a
 * reader that sees the count also sees the write. */
static atomic_uint_fast64_t generation;

uint64_t store_generation(void)
{
	return atomic_load(&generation);
}

void store_refresh(struct store *s)
{
	memo_refresh(s);
}

int store_begin(struct store *s, bool write, struct fd_error *err)
{
	s->tx_write = write;
	return s->ops->begin(s, write, err);
}

int store_commit(struct store *s, struct fd_error *err)
{
	int rc = s->ops->commit(s, err);
	if (rc == 0 && s->tx_write)
		atomic_fetch_add(&generation, 1);
	return rc;
}

void store_rollback(struct store *s)
{
	s->ops->rollback(s);
}

int db_query(struct store *s, enum stmt stmt, const struct db_arg *args, size_t nargs, db_row_fn fn,
	     void *ctx, int64_t *rows, struct fd_error *err)
{
	return s->ops->query(s, stmt, args, nargs, fn, ctx, rows, err);
}

int db_copy(struct store *s, enum stmt stmt, const struct db_arg *cells, size_t ncols, size_t nrows,
	    struct fd_error *err)
{
	if (nrows == 0)
		return 0;
	if (s->ops->copy)
		return s->ops->copy(s, stmt, cells, ncols, nrows, err);
	/* SQLite: a prepared insert per row costs no round trip. */
	for (size_t r = 0; r < nrows; r++)
		if (s->ops->query(s, stmt, cells + r * ncols, ncols, NULL, NULL, NULL, err))
			return -1;
	return 0;
}

int64_t db_int(struct db_row *row, int col)
{
	return row->ops->col_int(row, col);
}

bool db_is_null(struct db_row *row, int col)
{
	return row->ops->col_is_null(row, col);
}

const char *db_text(struct db_row *row, int col)
{
	return row->ops->col_text(row, col);
}

const unsigned char *db_blob(struct db_row *row, int col, struct arena *a, size_t *len)
{
	return row->ops->col_blob(row, col, a, len);
}

void db_person(struct db_row *row, int col, struct arena *a, struct person *p)
{
	p->login = arena_strdup(a, db_text(row, col));
	p->name = arena_strdup(a, db_text(row, col + 1));
	int role = vocab_from_name(&vocab_role, db_text(row, col + 2));
	p->role = role < 0 ? ROLE_PAGE : (enum role)role; /* least authority if ever unknown */
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

int store_migrations_pending(struct store *s, int *pending, struct fd_error *err)
{
	*pending = 0;
	for (const struct embedded_file *m = s->ops->migrations; m->name; m++) {
		int64_t done = 0;
		if (db_query(s, STMT_MIGRATION_APPLIED, DB_ARGS(DB_ARG_INT(atoi(m->name))),
			     db_row_int, &done, NULL, err))
			return -1;
		*pending += !done;
	}
	return 0;
}

static int apply(struct store *s, int *count, struct fd_error *err)
{
	/* Several nodes may run `init` at once: the lock makes them take turns. */
	if (db_query(s, STMT_MIGRATE_LOCK, NULL, 0, NULL, NULL, NULL, err) ||
	    s->ops->exec(s,
			 "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY "
			 "KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
			 err))
		return -1;
	for (const struct embedded_file *m = s->ops->migrations; m->name; m++) {
		int64_t version = atoi(m->name), done = 0; /* "001_init.sql" */
		if (db_query(s, STMT_MIGRATION_APPLIED, DB_ARGS(DB_ARG_INT(version)), db_row_int,
			     &done, NULL, err))
			return -1;
		if (done)
			continue;
		if (s->ops->exec(s, (const char *)m->data, err) ||
		    db_query(s, STMT_MIGRATION_RECORD,
			     DB_ARGS(DB_ARG_INT(version), DB_ARG_TEXT(m->name),
				     DB_ARG_INT(time_now())),
			     NULL, NULL, NULL, err))
			return -1;
		log_info("applied %s migration %s", s->ops->name, m->name);
		(*count)++;
	}
	return 0;
}

int store_migrate(struct store *s, int *applied, struct fd_error *err)
{
	int count = 0, rc = -1;
	struct fd_error again = {0};
	/* A table rebuilt by its backend's procedure needs foreign keys off around the
	 * transaction (SQLite), and checked before the commit. */
	if (s->ops->migration_keys && s->ops->migration_keys(s, false, err))
		return -1;
	if (store_begin(s, true, err))
		goto out;
	/* Only a migration that ran can have broken a reference: a database with nothing to do
	 * opens as it is. */
	if (apply(s, &count, err) ||
	    (count && s->ops->migration_check && s->ops->migration_check(s, err))) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err))
		goto out;
	rc = 0;
out:
	/* On again whatever happened; a failure to do so is reported unless one was already. */
	if (s->ops->migration_keys && s->ops->migration_keys(s, true, rc ? &again : err))
		rc = -1;
	if (!rc && applied)
		*applied = count;
	return rc;
}
