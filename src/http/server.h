/* frontdesk serve: the HTTP server (libmicrohttpd, a pool of threads, a database connection
 * per thread) until SIGTERM or SIGINT, then a clean stop that lets requests in flight finish. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include "base/config.h"
#include "base/error.h"

/* Serves cfg->listen; returns 0 after a clean stop on a signal. */
int server_run(const struct config *cfg, struct fd_error *err);

#endif
