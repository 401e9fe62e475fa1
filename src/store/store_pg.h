/* Inside the PostgreSQL backend only: its connection, shared by store_pg.c (statements and
 * transactions) and store_pg_conn.c (making it, making it again, and how long anything on it
 * may wait). */
#ifndef STORE_STORE_PG_H
#define STORE_STORE_PG_H

#include <libpq-fe.h>

#include "store/backend.h"
#include "store/store.h"

struct pg_store {
	struct store base;
	PGconn *conn;
	bool prepared[STMT__MAX];
	bool in_tx, listening;
	bool pooled;	    /* a request thread's: it does not wait on a server that is silent */
	bool lost;	    /* the connection is gone: make it again before the next use */
	bool silent;	    /* and that was because the server did not answer in time */
	int connect_ms;	    /* how long making it (again) may take */
	int statement_ms;   /* how long a statement's answer is waited for (0: for ever) */
	int64_t lost_at_ms; /* when it was found gone (0: it is fine), for the log */
	/* A pooled connection whose server did not answer fails at once until retry_at_ms,
	 * unless another connection got through meanwhile; retry_wait_ms grows while the
	 * silence lasts. */
	int64_t retry_at_ms;
	int retry_wait_ms;
	const char *why;     /* why it was lost or cannot be made, in words for /healthz */
	uint64_t reconnects; /* times it was made again: LISTEN and prepared statements too */
	/* Deferred commits (store_defer_sync): write transactions commit with synchronous_commit
	 * off, each taking a ticket (pg_ticket_take) before its COMMIT is sent. */
	bool defer_sync, tx_deferred;
	uint64_t unsynced;	 /* the first such ticket not yet handed out by store_unsynced */
	uint64_t tickets_before; /* the last ticket taken before this connection was made */
};

/* The next commit ticket of this process (from 1). Taken before COMMIT is sent: a connection
 * made after a ticket was taken can then vouch only for later ones. */
uint64_t pg_ticket_take(void);

/* Opens s->conn on url with t's limits (see store_open); pooled as in store_pg_open. */
int pg_connect(struct pg_store *s, const char *url, const struct db_timeouts *t, bool pooled,
	       struct fd_error *err);
/* Before a transaction, or a statement outside one: makes a connection found gone again
 * within timeout_ms (*timed_out, may be NULL: the server did not answer in time). */
int pg_ready(struct pg_store *s, int timeout_ms, bool *timed_out, struct fd_error *err);
/* Whether the connection is still there, by what the server sent while it was idle (read
 * without blocking). */
bool pg_still_up(struct pg_store *s);
/* Notes that the connection is gone (detail: libpq's words, for the log only). */
void pg_mark_lost(struct pg_store *s, const char *detail);
/* Notes that the server did not answer within waited_ms: the connection is abandoned. */
void pg_mark_silent(struct pg_store *s, int waited_ms);
/* Fails err as "unavailable: try again in a moment", with a Retry-After. */
int pg_unavailable(struct fd_error *err);
/* Waits until what was sent is flushed and its answer read, until the monotonic time until_ms
 * (0: no limit): 0 with *res (the last result, as PQexec gives; the caller frees it), 1 when
 * time ran out, -1 when the connection failed. */
int pg_wait_result(struct pg_store *s, int64_t until_ms, PGresult **res);
/* The SQLSTATEs after which the connection is gone or going. */
bool pg_state_means_lost(const char *state);
/* /healthz (backend_ops.ping). */
int pg_ping(struct store *store, int timeout_ms, int64_t *schema, struct fd_error *err);

#endif
