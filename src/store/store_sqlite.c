/* The SQLite backend: one connection per thread, statements prepared once and reused, WAL.
 * An acknowledged write is on disk: a write transaction's commit returns only once the WAL
 * is synced past it (or, on serve's connections, leaves a ticket that http/durable.c waits
 * for), and one sync covers every commit made while the one before ran (group commit:
 * concurrent desks share an fsync instead of queueing for one each). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/log.h"
#include "base/private_file.h"
#include "store/backend.h"

extern const struct embedded_file sqlite_migrations[];

enum tx_stmt { TX_BEGIN, TX_BEGIN_IMMEDIATE, TX_COMMIT, TX__MAX };
static const char *const tx_sql[TX__MAX] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT"};

struct sqlite_store {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt *stmts[STMT__MAX];
	/* BEGIN and COMMIT, prepared once: every request runs them. */
	sqlite3_stmt *tx_stmts[TX__MAX];
	bool in_tx;
	bool writing;	      /* holds writer_lock */
	bool event_pending;   /* this transaction added a queue event: wake the waiters at commit */
	uint64_t events_seen; /* the wake count this connection's waiter last saw */
	bool defer_sync;      /* commits leave a ticket instead of waiting (store_defer_sync) */
	uint64_t unsynced;    /* that ticket */
	sqlite3_stmt *data_version; /* PRAGMA data_version, prepared once: every request reads it */
	bool wal;		    /* the file is in WAL mode: it has a WAL index to read */
	/* The WAL index's first region as this connection mapped it: it stays mapped, at the same
	 * place, until the connection closes (a file cannot leave WAL mode while others have it
	 * open, and this one never asks to). */
	const volatile unsigned char *wal_index;
};

/* Queue events committed in this process wake the live-events hub at once; another process's
 * are found by polling (lite_wait_event). */
static pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_cond = PTHREAD_COND_INITIALIZER;
static uint64_t wakes;

/* This process's writers take turns here before BEGIN IMMEDIATE: a thread waiting on a mutex
 * runs the moment the lock is free, where SQLite's busy handler would sleep in steps of up
 * to 100 ms. Other processes (the command line) still meet the busy timeout. */
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;

static void end_writing(struct sqlite_store *s)
{
	if (s->writing) {
		s->writing = false;
		pthread_mutex_unlock(&writer_lock);
	}
}

/* Group commit: each commit that wrote takes a number once it is in the WAL; its writer
 * waits until a sync that began after that has finished, running the sync itself when
 * nobody else is. */
static pthread_mutex_t sync_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sync_cond = PTHREAD_COND_INITIALIZER;
static uint64_t commits_made, commits_synced;
static bool syncing;

/* fdatasync of the WAL file: every frame appended to it, by any connection, is on disk.
 * Through this connection's own handle on it when it has one, else by its name. */
static int sync_wal(struct sqlite_store *s)
{
	sqlite3_file *wal = NULL;
	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) == SQLITE_OK &&
	    wal && wal->pMethods)
		return wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) == SQLITE_OK ? 0 : -1;
	const char *db = sqlite3_db_filename(s->db, "main");
	char path[4096];
	if (!db || snprintf(path, sizeof path, "%s-wal", db) >= (int)sizeof path)
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1; /* no WAL: every commit is in the database */
	int rc = fdatasync(fd);
	close(fd);
	return rc;
}

static int wait_durable(struct sqlite_store *s, uint64_t commit, struct fd_error *err)
{
	int rc = 0;
	pthread_mutex_lock(&sync_lock);
	while (commits_synced < commit && rc == 0) {
		if (syncing) {
			pthread_cond_wait(&sync_cond, &sync_lock);
			continue;
		}
		syncing = true;
		uint64_t upto = commits_made;
		pthread_mutex_unlock(&sync_lock);
		rc = sync_wal(s);
		pthread_mutex_lock(&sync_lock);
		syncing = false;
		if (rc == 0 && upto > commits_synced)
			commits_synced = upto;
		pthread_cond_broadcast(&sync_cond);
	}
	pthread_mutex_unlock(&sync_lock);
	if (rc)
		return fd_fail(err, FD_EINTERNAL, "the write could not be synced to disk");
	return 0;
}

struct sqlite_row {
	struct db_row base;
	sqlite3_stmt *st;
};

static struct sqlite_store *lite(struct store *s)
{
	return (struct sqlite_store *)s;
}

static int lite_fail(struct sqlite_store *s, struct fd_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
	    rc == SQLITE_CONSTRAINT_FOREIGNKEY || rc == SQLITE_CONSTRAINT_CHECK)
		return fd_fail(err, FD_ECONFLICT, "%s", sqlite3_errmsg(s->db));
	log_error("sqlite: %s: %s", what, sqlite3_errmsg(s->db));
	return fd_fail(err, FD_EINTERNAL, "database error (%s)", sqlite3_errmsg(s->db));
}

static int lite_exec(struct store *s, const char *script, struct fd_error *err)
{
	if (sqlite3_exec(lite(s)->db, script, NULL, NULL, NULL) != SQLITE_OK)
		return lite_fail(lite(s), err, script);
	return 0;
}

static int lite_tx(struct store *s, enum tx_stmt which, struct fd_error *err)
{
	sqlite3_stmt **st = &lite(s)->tx_stmts[which];
	if (!*st && sqlite3_prepare_v3(lite(s)->db, tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
				       st, NULL) != SQLITE_OK)
		return lite_fail(lite(s), err, tx_sql[which]);
	int rc = sqlite3_step(*st);
	sqlite3_reset(*st);
	return rc == SQLITE_DONE ? 0 : lite_fail(lite(s), err, tx_sql[which]);
}

static void lite_close(struct store *s)
{
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(lite(s)->stmts[i]);
	for (int i = 0; i < TX__MAX; i++)
		sqlite3_finalize(lite(s)->tx_stmts[i]);
	sqlite3_finalize(lite(s)->data_version);
	sqlite3_close(lite(s)->db);
	free(s);
}

static int lite_begin(struct store *s, bool write, struct fd_error *err)
{
	if (write) {
		pthread_mutex_lock(&writer_lock);
		lite(s)->writing = true;
	}
	/* IMMEDIATE takes the write lock now, so a writer never fails half-way on upgrade. */
	if (lite_tx(s, write ? TX_BEGIN_IMMEDIATE : TX_BEGIN, err)) {
		end_writing(lite(s));
		return -1;
	}
	lite(s)->in_tx = true;
	return 0;
}

static void lite_rollback(struct store *s)
{
	if (lite(s)->in_tx && !sqlite3_get_autocommit(lite(s)->db))
		sqlite3_exec(lite(s)->db, "ROLLBACK", NULL, NULL, NULL);
	lite(s)->in_tx = false;
	lite(s)->event_pending = false;
	end_writing(lite(s));
}

static int lite_commit(struct store *s, struct fd_error *err)
{
	/* Whatever wrote, a write transaction or a read one that came to write, is synced. */
	bool wrote = sqlite3_txn_state(lite(s)->db, NULL) == SQLITE_TXN_WRITE;
	if (lite_tx(s, TX_COMMIT, err)) {
		lite_rollback(s);
		return -1;
	}
	lite(s)->in_tx = false;
	uint64_t commit = 0;
	if (wrote) {
		/* Numbered after it is in the WAL: a sync that starts once it has its number
		 * covers it. */
		pthread_mutex_lock(&sync_lock);
		commit = ++commits_made;
		pthread_mutex_unlock(&sync_lock);
	}
	end_writing(lite(s));
	if (lite(s)->event_pending) {
		lite(s)->event_pending = false;
		pthread_mutex_lock(&wake_lock);
		wakes++;
		pthread_cond_broadcast(&wake_cond);
		pthread_mutex_unlock(&wake_lock);
	}
	if (commit && lite(s)->defer_sync) {
		lite(s)->unsynced = commit;
		return 0;
	}
	return commit ? wait_durable(lite(s), commit, err) : 0;
}

static void lite_defer_sync(struct store *s)
{
	lite(s)->defer_sync = true;
}

static uint64_t lite_unsynced(struct store *s)
{
	uint64_t ticket = lite(s)->unsynced;
	lite(s)->unsynced = 0;
	return ticket;
}

static int lite_sync_through(struct store *s, uint64_t oldest, uint64_t newest,
			     uint64_t *unconfirmed_through, struct fd_error *err)
{
	(void)unconfirmed_through; /* a failed sync confirms none of them */
	(void)oldest;		   /* one WAL file, synced in order: the newest covers the rest */
	return wait_durable(lite(s), newest, err);
}

static int64_t lite_col_int(struct db_row *row, int col)
{
	return sqlite3_column_int64(((struct sqlite_row *)row)->st, col);
}

static bool lite_col_is_null(struct db_row *row, int col)
{
	return sqlite3_column_type(((struct sqlite_row *)row)->st, col) == SQLITE_NULL;
}

static const char *lite_col_text(struct db_row *row, int col)
{
	return (const char *)sqlite3_column_text(((struct sqlite_row *)row)->st, col);
}

static const unsigned char *lite_col_blob(struct db_row *row, int col, struct arena *a, size_t *len)
{
	sqlite3_stmt *st = ((struct sqlite_row *)row)->st;
	const void *p = sqlite3_column_blob(st, col);
	*len = (size_t)sqlite3_column_bytes(st, col);
	if (!p)
		return NULL;
	unsigned char *out = arena_alloc(a, *len ? *len : 1);
	memcpy(out, p, *len);
	return out;
}

static int lite_query(struct store *store, enum stmt stmt, const struct db_arg *args, size_t nargs,
		      db_row_fn fn, void *ctx, int64_t *rows, struct fd_error *err)
{
	struct sqlite_store *s = lite(store);
	const char *sql = stmt_sql(sql_sqlite, stmt);
	sqlite3_stmt *st = s->stmts[stmt];
	/* A queue event wakes this process's waiters at commit; others poll STMT_EVENT_MAX. */
	if (stmt == STMT_EVENT_APPEND)
		s->event_pending = true;
	if (!st) {
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
		    SQLITE_OK)
			return lite_fail(s, err, sql);
		s->stmts[stmt] = st;
	}
	/* A parameter left unbound would quietly be NULL: refuse the mismatch instead. */
	if ((int)nargs != sqlite3_bind_parameter_count(st))
		return fd_fail(err, FD_EINTERNAL, "statement %d takes %d parameters, given %zu",
			       (int)stmt, sqlite3_bind_parameter_count(st), nargs);
	for (size_t i = 0; i < nargs; i++) {
		/* $1, $2, ... are named parameters to SQLite: bind each by its name. */
		char name[32];
		snprintf(name, sizeof name, "$%zu", i + 1);
		int col = sqlite3_bind_parameter_index(st, name);
		if (col == 0)
			continue;
		if (args[i].type == DB_INT)
			sqlite3_bind_int64(st, col, args[i].i);
		else if (args[i].type == DB_TEXT)
			sqlite3_bind_text(st, col, args[i].s, -1, SQLITE_STATIC);
		else if (args[i].type == DB_BLOB)
			sqlite3_bind_blob64(st, col, args[i].s, args[i].len, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, col);
	}
	int64_t n = 0;
	int rc, ret = 0;
	struct sqlite_row row = {{store->ops}, st};
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (fn && (ret = fn(ctx, &row.base)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = lite_fail(s, err, sql);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rows)
		*rows = n;
	return ret;
}

/* Returns at once when this process committed a queue event since the last call, else
 * waits for one up to 100 ms: SQLite cannot tell one process about another's write, so the
 * caller polls at that pace for those. */
static int lite_wait_event(struct store *s, int timeout_ms, struct fd_error *err)
{
	int ms = timeout_ms < 100 ? timeout_ms : 100;
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += (long)ms * 1000000L;
	until.tv_sec += until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&wake_lock);
	int rc = 0;
	while (wakes == lite(s)->events_seen && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&wake_cond, &wake_lock, &until);
	lite(s)->events_seen = wakes;
	pthread_mutex_unlock(&wake_lock);
	return 0;
}

static void lite_manual_checkpoints(struct store *s)
{
	sqlite3_wal_autocheckpoint(lite(s)->db, 0);
}

#define WAL_RESTART_FRAMES 4096 /* 16 MiB of log: time to start it again from the top */

/* PASSIVE copies what it can without waiting for, or blocking, readers and writers. Under a
 * steady load that is never all of the log, so the log would grow for ever: past
 * WAL_RESTART_FRAMES, RESTART holds the next writer back (for as long as the readers of
 * the old log take to finish, a few ms) so that the log starts again from its beginning. */
static int lite_checkpoint(struct store *s, struct fd_error *err)
{
	int frames = 0, copied = 0;
	int rc = sqlite3_wal_checkpoint_v2(lite(s)->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames,
					   &copied);
	if (rc == SQLITE_OK && frames > WAL_RESTART_FRAMES)
		rc = sqlite3_wal_checkpoint_v2(lite(s)->db, NULL, SQLITE_CHECKPOINT_RESTART, NULL,
					       NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		return lite_fail(lite(s), err, "wal_checkpoint");
	return 0;
}

/* SQLite's online backup: a consistent snapshot even while the desks keep writing. */
static int lite_backup(struct store *store, const char *path, struct fd_error *err)
{
	sqlite3 *dest;
	/* It holds every customer and password hash: made 0600 before a byte goes in (SQLite
	 * gives its journal the same mode), and never over an existing file. */
	if (private_file_create(path, err))
		return err->code == FD_ECONFLICT
			       ? fd_fail_field(err, "file",
					       "the file %s exists already: back up into a new "
					       "file",
					       path)
			       : -1;
	/* EXTRA: the copy's rollback journal is deleted at its commit, and that deletion is
	 * synced too; a journal brought back by a power cut would roll the copy back to empty. */
	if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(dest, "PRAGMA synchronous=EXTRA", NULL, NULL, NULL) != SQLITE_OK) {
		fd_fail(err, FD_EINTERNAL, "cannot create %s: %s", path, sqlite3_errmsg(dest));
		sqlite3_close(dest);
		unlink(path);
		return -1;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", lite(store)->db, "main");
	int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b)
		sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		fd_fail(err, FD_EINTERNAL, "backup failed: %s", sqlite3_errmsg(dest));
		sqlite3_close(dest);
		unlink(path);
		return -1;
	}
	sqlite3_close(dest);
	return 0;
}

/* SQLite's procedure for a schema change ALTER TABLE cannot make (a CHECK changed, say):
 * foreign keys off outside the transaction, since a table that others refer to is dropped
 * and made again, and checked before the commit. */
static int lite_migration_keys(struct store *s, bool on, struct fd_error *err)
{
	return lite_exec(s, on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF", err);
}

static int lite_migration_check(struct store *s, struct fd_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(lite(s)->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return lite_fail(lite(s), err, "PRAGMA foreign_key_check");
	int rc = sqlite3_step(st), ret = 0;
	if (rc == SQLITE_ROW)
		ret = fd_fail(err, FD_EINTERNAL,
			      "a migration would leave a row of %s referring to a missing row of "
			      "%s: nothing was changed",
			      (const char *)sqlite3_column_text(st, 0),
			      (const char *)sqlite3_column_text(st, 2));
	else if (rc != SQLITE_DONE)
		ret = lite_fail(lite(s), err, "PRAGMA foreign_key_check");
	sqlite3_finalize(st);
	return ret;
}

/* /healthz: a read of the schema's version. A read in WAL mode waits for no writer, so there
 * is no time to limit; the reason given is SQLite's word for its result code. */
static int lite_ping(struct store *s, int timeout_ms, int64_t *schema, struct fd_error *err)
{
	struct fd_error detail = {0};
	int moved = 0;
	(void)timeout_ms;
	/* A file deleted or replaced under a running server still takes its writes, which are
	 * lost when it stops: the one thing a read alone would not notice. */
	if (sqlite3_file_control(lite(s)->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) ==
		    SQLITE_OK &&
	    moved)
		return fd_fail(err, FD_EUNAVAILABLE,
			       "unusable: the database file was moved or deleted after "
			       "frontdesk opened it");
	if (lite_begin(s, false, &detail) == 0 &&
	    lite_query(s, STMT_HEALTH, NULL, 0, db_row_int, schema, NULL, &detail) == 0 &&
	    lite_commit(s, &detail) == 0)
		return 0;
	int code = sqlite3_errcode(lite(s)->db);
	lite_rollback(s);
	return fd_fail(err, FD_EUNAVAILABLE, "unusable: %s", sqlite3_errstr(code));
}

enum { VERSION_WAL_INDEX = 1, VERSION_PRAGMA = 2 };
#define WAL_INDEX_HDR_BYTES 48 /* one copy of the WAL-index header (sqlite.org/walformat.html) */

/* The WAL-index header as every connection of every process shares it, read as SQLite's own
 * readers read it without a lock: its two copies, the second after a barrier, equal. A
 * commit anywhere rewrites it (its change counter, last frame, salts and checksum), so equal
 * headers mean no commit in between. False when it cannot be read so (not yet mapped, or a
 * writer was half-way through). */
static bool wal_index_header(struct sqlite_store *l, struct store_version *version)
{
	if (!l->wal)
		return false;
	if (!l->wal_index) {
		sqlite3_file *f = NULL;
		volatile void *region = NULL;
		if (sqlite3_file_control(l->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) !=
			    SQLITE_OK ||
		    !f || !f->pMethods || f->pMethods->iVersion < 2 ||
		    f->pMethods->xShmMap(f, 0, 32768, 0, &region) != SQLITE_OK || !region)
			return false;
		l->wal_index = region;
	}
	unsigned char a[WAL_INDEX_HDR_BYTES], b[WAL_INDEX_HDR_BYTES];
	const volatile unsigned char *hdr = l->wal_index;
	for (size_t i = 0; i < sizeof a; i++)
		a[i] = hdr[i];
	atomic_thread_fence(memory_order_seq_cst);
	for (size_t i = 0; i < sizeof b; i++)
		b[i] = hdr[WAL_INDEX_HDR_BYTES + i];
	if (memcmp(a, b, sizeof a) != 0 || a[12] != 1) /* isInit */
		return false;
	*version = (struct store_version){.kind = VERSION_WAL_INDEX};
	memcpy(version->w, a, sizeof a);
	return true;
}

/* Whether any connection, here or in another process, committed since the last look. The
 * WAL index's header when it can be read (no system call); else SQLite's own word, PRAGMA
 * data_version, which takes a read transaction and its file locks. */
static int lite_data_version(struct store *s, struct store_version *version)
{
	struct sqlite_store *l = lite(s);
	if (wal_index_header(l, version))
		return 0;
	if (!l->data_version &&
	    sqlite3_prepare_v3(l->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
			       &l->data_version, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(l->data_version);
	*version = (struct store_version){.kind = VERSION_PRAGMA};
	if (rc == SQLITE_ROW)
		version->w[0] = (uint64_t)sqlite3_column_int64(l->data_version, 0);
	sqlite3_reset(l->data_version);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* This connection's own commits, which data_version leaves out: every row it changed. */
static int64_t lite_own_changes(struct store *s)
{
	struct sqlite_store *l = lite(s);
	return sqlite3_get_autocommit(l->db) ? sqlite3_total_changes64(l->db) : -1;
}

static const struct backend_ops sqlite_ops = {
	.name = "sqlite",
	.migrations = sqlite_migrations,
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.query = lite_query,
	.col_int = lite_col_int,
	.col_is_null = lite_col_is_null,
	.col_text = lite_col_text,
	.col_blob = lite_col_blob,
	.wait_event = lite_wait_event,
	.backup = lite_backup,
	.manual_checkpoints = lite_manual_checkpoints,
	.checkpoint = lite_checkpoint,
	.migration_keys = lite_migration_keys,
	.migration_check = lite_migration_check,
	.defer_sync = lite_defer_sync,
	.unsynced = lite_unsynced,
	.sync_through = lite_sync_through,
	.ping = lite_ping,
	.data_version = lite_data_version,
	.own_changes = lite_own_changes,
};

/* PRAGMA journal_mode's answer: the mode the file is in now, which may not be the one asked
 * for (a file system without shared memory keeps its rollback journal). */
static int said_wal(void *cls, int ncols, char **values, char **names)
{
	(void)names;
	*(bool *)cls = ncols == 1 && values[0] && strcmp(values[0], "wal") == 0;
	return 0;
}

int store_sqlite_open(const char *path, int busy_timeout_ms, bool create, struct store **out,
		      struct fd_error *err)
{
	struct sqlite_store *s = xcalloc(1, sizeof *s);
	s->base.ops = &sqlite_ops;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		/* Told apart so that callers can say what to do: run init, or put the file
		 * back. */
		if (!create && access(path, F_OK) != 0 && errno == ENOENT)
			fd_fail(err, FD_ENOTFOUND, "the database file %s does not exist", path);
		else
			fd_fail(err, FD_EINTERNAL, "cannot open database %s: %s", path,
				s->db ? sqlite3_errmsg(s->db) : "out of memory");
		lite_close(&s->base);
		return -1;
	}
	sqlite3_busy_timeout(s->db, busy_timeout_ms);
	sqlite3_extended_result_codes(s->db, 1);
	/* Switching a new file to WAL takes a lock the busy handler does not wait for: two
	 * processes opening one new database at once must retry, not fail. */
	int rc;
	for (int waited_ms = 0;; waited_ms += 20) {
		rc = sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", said_wal, &s->wal, NULL);
		if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= busy_timeout_ms)
			break;
		nanosleep(&(struct timespec){0, 20 * 1000000L}, NULL);
	}
	if (rc != SQLITE_OK ||
	    /* NORMAL: the commit itself does not sync; lite_commit syncs, for many at once. */
	    /* After a checkpoint starts the log again, it is cut back to 64 MiB at most. */
	    /* secure_delete: what is deleted or overwritten (a purged question, the secret key
	     * moved out by migration 18) is zeroed, not left in free pages a backup copies. */
	    lite_exec(&s->base,
		      "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
		      "PRAGMA journal_size_limit=67108864; PRAGMA secure_delete=ON;",
		      err)) {
		if (rc != SQLITE_OK)
			lite_fail(s, err, "PRAGMA journal_mode=WAL");
		lite_close(&s->base);
		return -1;
	}
	*out = &s->base;
	return 0;
}
