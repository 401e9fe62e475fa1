/* frontdesk serve: the HTTP server (libmicrohttpd, a pool of threads, a database connection
 * per thread) until SIGTERM or SIGINT, then a clean stop that lets requests in flight finish. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include "base/config.h"
#include "base/error.h"

struct request;

/* Serves cfg->listen; returns 0 after a clean stop on a signal. */
int server_run(const struct config *cfg, struct fd_error *err);

/* A refused form posted from one of our pages (its Referer) is answered with that page again,
 * as a GET of it by the same person would show it, with r->refused set for page.c to show the
 * refusal beside its field and the input kept. False when it cannot be: not a form, no such
 * page, a page this person may not open, or one that answers with a redirect. */
bool server_show_again(struct request *r, const struct fd_error *err);

#endif
