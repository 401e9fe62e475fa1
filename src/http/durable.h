/* Answers that wait for their writes to reach the disk, without holding a server thread. */
#ifndef HTTP_DURABLE_H
#define HTTP_DURABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/config.h"
#include "base/error.h"
#include "http/request.h"

int durable_start(const struct config *cfg, struct fd_error *err);
/* Syncs for and resumes every request still waiting, then ends the thread. */
void durable_stop(void);
/* Called from the request's handler once it is answered: true when r's connection is now
 * suspended until every commit up to ticket is on disk (libmicrohttpd then calls the handler
 * again, with r->sync_failed saying how it went); false when that was done here and now. */
bool durable_wait(struct request *r, uint64_t ticket);

#endif
