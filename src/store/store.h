/* The store handle: opening a database, transactions, health and the types every store
 * header shares. SQL and the database library (SQLite or PostgreSQL) live behind it, so
 * nothing above knows which it is on; each store_<noun>.h speaks in that noun's structs.
 * Strings in results are allocated from the caller's arena. */
#ifndef STORE_STORE_H
#define STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/error.h"
#include "base/vocab.h"

struct store;

/* How long a caller refused because the database is away is told to wait (Retry-After). */
#define STORE_RETRY_AFTER_S 2

/* url: "sqlite:PATH", "sqlite://PATH" or a bare path, or "postgresql://…". SQLite: sets WAL,
 * synchronous=NORMAL (a write transaction's commit then syncs the WAL itself, one sync for
 * many commits: store_sqlite.c), foreign keys and the busy timeout. PostgreSQL: keepalives
 * and a TCP timeout from t->network_ms and a bound of t->statement_ms on each statement,
 * unless the URL says otherwise (docs/operations.md). The caller frees with store_close. */
int store_open(const char *url, const struct db_timeouts *t, struct store **out,
	       struct fd_error *err);
/* As store_open, for a database that must exist already: a SQLite file that is not there
 * is not made, and fails with FD_ENOTFOUND (the commands other than init and demo). */
int store_open_existing(const char *url, const struct db_timeouts *t, struct store **out,
			struct fd_error *err);
/* As store_open, for a request thread's connection that lives as long as the server: a
 * PostgreSQL server that cannot be reached now is no error, the connection being made at
 * its first use, and while the server leaves it without an answer it fails at once rather
 * than keep its thread waiting; a SQLite file that is not there is not made anew, and fails
 * with FD_EUNAVAILABLE and a reason anyone may read, as store_ping's ("unusable: ..."). (Every
 * PostgreSQL connection is made again by itself after the server restarts.) */
int store_open_pooled(const char *url, const struct db_timeouts *t, struct store **out,
		      struct fd_error *err);
void store_close(struct store *s);
/* /healthz: a cheap query on this connection that reads the schema's version into *schema,
 * answered within timeout_ms. Fails with FD_EUNAVAILABLE and a short reason meant for anyone
 * to read ("unreachable: connection refused"); the details go to the log. */
int store_ping(struct store *s, int timeout_ms, int64_t *schema, struct fd_error *err);
/* How many times this connection was made again after it was lost (0 on SQLite): whoever
 * waits on it for events may have missed some meanwhile. */
uint64_t store_reconnects(const struct store *s);
/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *s);
/* Applies the migrations not yet applied; *applied (may be NULL) says how many. */
int store_migrate(struct store *s, int *applied, struct fd_error *err);
/* An online, consistent copy of the whole database into the file path (SQLite; PostgreSQL
 * installations back up with pg_dump). */
int store_backup(struct store *s, const char *path, struct fd_error *err);
/* SQLite: this connection's commits leave checkpoints of the WAL to store_checkpoint, which
 * serve's worker runs in the background, so no desk's request pays for copying the log
 * into the database. A no-op on PostgreSQL. */
void store_manual_checkpoints(struct store *s);
int store_checkpoint(struct store *s, struct fd_error *err);
/* This connection's write commits return before they are on disk, each leaving a ticket
 * (store_unsynced) to be waited for with store_sync_through, so that the thread that made
 * one can serve others meanwhile and one sync covers many. SQLite: the WAL is synced later;
 * PostgreSQL: the transaction commits with synchronous_commit off and a later synchronous
 * commit flushes the server's WAL past it (store_pg.c). */
void store_defer_sync(struct store *s);
/* Can s's commits be deferred at all? */
bool store_defers_sync(const struct store *s);
/* The ticket to wait for this connection's commits not yet waited for, then 0 until the
 * next (SQLite: the newest, whose sync covers the older ones; PostgreSQL: the oldest, which
 * the flush must be able to vouch for, and which covers the later ones). */
uint64_t store_unsynced(struct store *s);
/* Returns once every commit with a ticket from oldest to newest, of any connection in this
 * process, is on disk. PostgreSQL: fails, the outcome unknown, when s cannot vouch for all of
 * them (it was made again since the oldest: the server may have restarted and lost it).
 * *unconfirmed_through (may be NULL): on failure, the newest ticket not confirmed; the
 * later ones are on disk all the same (UINT64_MAX: none is confirmed). */
int store_sync_through(struct store *s, uint64_t oldest, uint64_t newest,
		       uint64_t *unconfirmed_through, struct fd_error *err);
/* Before commits are deferred: runs once what store_sync_through runs, failing with the
 * reason when it cannot (PostgreSQL: EXECUTE on pg_logical_emit_message revoked, say);
 * *durable false when the database's commits are not made durable at all (PostgreSQL:
 * synchronous_commit off), so that nothing waited for is on disk either. */
int store_sync_check(struct store *s, bool *durable, struct fd_error *err);
/* While s is idle: makes its connection again if the server closed it meanwhile (PostgreSQL:
 * seen without a round trip), so that the next use need not. */
int store_keep_connected(struct store *s, struct fd_error *err);
/* Does the database have its schema? (false before `frontdesk init`) */
int store_is_initialised(struct store *s, bool *yes, struct fd_error *err);
/* How many of this version's migrations the database has not had (0: up to date). */
int store_migrations_pending(struct store *s, int *pending, struct fd_error *err);
/* The file of a SQLite database URL (a pointer into url); NULL for PostgreSQL. */
const char *store_sqlite_file(const char *url);
/* The backend a URL names, as store_backend calls it: "sqlite" or "postgresql". */
const char *store_url_backend(const char *url);

/* One transaction per service call; write ones take the write lock up front. */
int store_begin(struct store *s, bool write, struct fd_error *err);
int store_commit(struct store *s, struct fd_error *err);
void store_rollback(struct store *s);
/* A request thread calls this as each request begins: it reads (SQLite: PRAGMA
 * data_version, one cheap statement) whether the database changed since the last time, and
 * until the next call the reads every API call makes (the staff of a bearer token, a
 * queue's stamp) are answered from memory while neither another connection nor this one
 * changed anything. Without it nothing is remembered; PostgreSQL remembers nothing. */
void store_refresh(struct store *s);
/* Counts the write transactions committed in this process: equal counts mean none committed
 * in between (other processes' writes are not counted). */
uint64_t store_generation(void);

/* Someone a record names, as the staff row it refers to is read with it. */
struct person {
	const char *login, *name; /* NULL login: nobody */
	enum role role;
};

#endif
