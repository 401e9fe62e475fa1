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

#endif
