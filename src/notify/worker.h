/* The outbox worker inside `frontdesk serve`: sends what is due, retries with back-off while
 * the SMTP server is unreachable, and is safe with several nodes on one database. */
#ifndef NOTIFY_WORKER_H
#define NOTIFY_WORKER_H

#include "base/config.h"
#include "base/error.h"

/* Starts the worker when cfg has an SMTP URL; otherwise logs that notices wait. */
int worker_start(const struct config *cfg, struct fd_error *err);
/* Stops it, letting a message being sent finish. */
void worker_stop(void);
/* For /healthz: "ok"; "waiting for the database" while its last use of the database found
 * it away (it looks again every 2 s, on a connection made again); "the … failed: see the
 * log" while one of its chores (checkpoint, retention purge, reminders, audit anchor, outbox)
 * last failed for a reason of its own; or "stopped". */
const char *worker_state(void);

#endif
