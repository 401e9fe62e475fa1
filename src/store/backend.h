/* Inside the store only: what a database backend provides. store.c holds everything that is
 * the same for every backend (opening by URL, migrations, the forwarding of db_query);
 * store_sqlite.c and store_pg.c hold only what differs. */
#ifndef STORE_BACKEND_H
#define STORE_BACKEND_H

#include "base/config.h"
#include "base/embed.h"
#include "store/db.h"

/* A database's version as a backend reads it: equal versions, no change in between. */
struct store_version {
	uint64_t kind; /* how it was read: versions read two ways are never equal */
	uint64_t w[6];
};

struct backend_ops {
	const char *name;
	const struct embedded_file *migrations;
	void (*close)(struct store *s);
	int (*exec)(struct store *s, const char *script, struct fd_error *err);
	int (*begin)(struct store *s, bool write, struct fd_error *err);
	int (*commit)(struct store *s, struct fd_error *err);
	void (*rollback)(struct store *s);
	int (*query)(struct store *s, enum stmt stmt, const struct db_arg *args, size_t nargs,
		     db_row_fn fn, void *ctx, int64_t *rows, struct fd_error *err);
	/* Optional (NULL: one query per row): db_copy's rows in one go. */
	int (*copy)(struct store *s, enum stmt stmt, const struct db_arg *cells, size_t ncols,
		    size_t nrows, struct fd_error *err);
	int64_t (*col_int)(struct db_row *row, int col);
	bool (*col_is_null)(struct db_row *row, int col);
	const char *(*col_text)(struct db_row *row, int col);
	const unsigned char *(*col_blob)(struct db_row *row, int col, struct arena *a, size_t *len);
	/* Returns after timeout_ms, or sooner when another connection may have added a queue
	 * event (see store_event_wait). */
	int (*wait_event)(struct store *s, int timeout_ms, struct fd_error *err);
	/* An online, consistent copy of the database into a new file. */
	int (*backup)(struct store *s, const char *path, struct fd_error *err);
	/* Optional (NULL: the database looks after its own log): leave log checkpoints to
	 * checkpoint() rather than to the commit that crosses the threshold, and run one. */
	void (*manual_checkpoints)(struct store *s);
	int (*checkpoint)(struct store *s, struct fd_error *err);
	/* Optional (NULL: nothing to do): a migration may rebuild a table, which SQLite does
	 * with foreign keys off. migration_keys(false) runs before the migrations' transaction
	 * begins and migration_keys(true) after it ends; migration_check runs before its
	 * commit and fails when a reference is broken. */
	int (*migration_keys)(struct store *s, bool on, struct fd_error *err);
	int (*migration_check)(struct store *s, struct fd_error *err);
	/* Optional (NULL: a commit is on disk when it returns): see store_defer_sync. */
	void (*defer_sync)(struct store *s);
	uint64_t (*unsynced)(struct store *s);
	int (*sync_through)(struct store *s, uint64_t oldest, uint64_t newest,
			    uint64_t *unconfirmed_through, struct fd_error *err);
	/* Optional each (NULL: nothing to do): see store_sync_check, store_keep_connected. */
	int (*sync_check)(struct store *s, bool *durable, struct fd_error *err);
	int (*keep_connected)(struct store *s, struct fd_error *err);
	/* /healthz: STMT_HEALTH within timeout_ms into *schema, or FD_EUNAVAILABLE with a reason
	 * anyone may read (see store_ping). */
	int (*ping)(struct store *s, int timeout_ms, int64_t *schema, struct fd_error *err);
	/* Optional (NULL: never): how many times the connection was made again. */
	uint64_t (*reconnects)(const struct store *s);
	/* Optional together (NULL: no cheap way to tell, and nothing is remembered: see
	 * store_memo.c). data_version: a number that changes whenever another connection, in
	 * this process or another, commits a change. own_changes: the rows this connection
	 * changed so far, without any I/O; -1 inside a transaction. */
	int (*data_version)(struct store *s, struct store_version *version);
	int64_t (*own_changes)(struct store *s);
};

/* Every backend's connection starts with this, and every row it hands out with this. */
struct store {
	const struct backend_ops *ops;
	bool tx_write;		 /* the open transaction was begun to write */
	struct store_memo *memo; /* NULL: nothing remembered yet (store_refresh) */
};

struct db_row {
	const struct backend_ops *ops;
};

/* create: make the file when there is none (false: a missing database is an error). */
int store_sqlite_open(const char *path, int busy_timeout_ms, bool create, struct store **out,
		      struct fd_error *err);
/* pooled: a request thread's (see store_open_pooled): a server that cannot be reached now
 * is no error, the connection being made at its first use, and one that leaves it without
 * an answer is not waited for again for a while. */
int store_pg_open(const char *url, const struct db_timeouts *t, bool pooled, struct store **out,
		  struct fd_error *err);

#endif
