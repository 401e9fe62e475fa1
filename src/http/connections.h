/* The server's connections by address: who may open another (policy/connection_limit.c), and
 * a deadline for sending a request's headers, so that slow clients cannot hold the desk. */
#ifndef HTTP_CONNECTIONS_H
#define HTTP_CONNECTIONS_H

#include <microhttpd.h>

#include "base/config.h"
#include "base/error.h"

struct connections;

/* The table for cfg's limits, with its thread that closes connections whose headers are
 * late; *out is freed by connections_free. The total may come out below max_connections
 * when the process may not open that many files. */
int connections_new(const struct config *cfg, struct connections **out, struct fd_error *err);
/* Stops the thread; call after the daemon has stopped. */
void connections_free(struct connections *c);
/* How many connections may be open at once (libmicrohttpd's own limit is set to this). */
unsigned connections_total(const struct connections *c);

/* libmicrohttpd's accept policy (cls: the table): MHD_NO refuses the connection; one it
 * admits counts from then on. */
enum MHD_Result connections_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen);
/* libmicrohttpd's connection notice (cls: the table): follows it from start to close, when it
 * stops counting. */
void connections_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			enum MHD_ConnectionNotificationCode code);
/* A request's headers are in: its connection is no longer waiting for them. */
void connections_request_started(struct MHD_Connection *conn);
/* The answer is sent: the deadline for the next request's headers starts now. */
void connections_request_ended(struct MHD_Connection *conn);

/* The Keep-Alive header for an answer on conn ("timeout=9", a second under header_timeout_s),
 * so that a client that pools connections never reuses one as it is being cut; NULL when
 * the connection closes after this answer (version is the request's: "HTTP/1.1") or is
 * never cut (a trusted proxy). */
const char *connections_keep_alive(struct MHD_Connection *conn, const char *version);

#endif
