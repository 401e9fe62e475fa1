/* Server-sent events: every change to a branch's queue, pushed to the desks following it.
 * A listener holds no thread: its connection is suspended until there is something to send,
 * and one hub thread watches the database (LISTEN/NOTIFY on PostgreSQL, polling on SQLite)
 * so that changes made on any node reach every node's listeners. */
#ifndef HTTP_SSE_H
#define HTTP_SSE_H

#include "base/config.h"
#include "base/error.h"

int sse_start(const struct config *cfg, struct fd_error *err);
/* Ends every stream and the hub thread. */
void sse_stop(void);
/* For /healthz: "ok", "reconnecting" while the hub cannot reach the database (its listeners
 * get an "event: resync" when it can again), or "stopped". */
const char *sse_state(void);

#endif
