/* The connection to the ILS's SIP2 server: TCP, or TLS when [ils] tls says so, through libcurl
 * (connect only, then raw bytes), every wait bounded by a deadline. Used by one thread only. */
#ifndef ILS_ILS_CONN_H
#define ILS_ILS_CONN_H
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/config.h"
#include "base/error.h"

enum conn_result {
	CONN_OK,
	CONN_TIMEOUT, /* the deadline passed */
	CONN_CLOSED,  /* the ILS closed the connection, or it broke */
	CONN_FAILED   /* could not connect at all; err says why */
};

struct ils_conn;
/* Connects to set's host and port before deadline_ms (clock_ms()); NULL with err. */
struct ils_conn *ils_conn_open(const struct ils_settings *set, int64_t deadline_ms,
			       enum conn_result *why, struct fd_error *err);
void ils_conn_close(struct ils_conn *c); /* NULL: nothing */
/* Sends n bytes whole. *any (may be NULL) says whether any byte left, even when it fails:
 * a request half sent may have reached the ILS. */
enum conn_result ils_conn_send(struct ils_conn *c, const char *p, size_t n, int64_t deadline_ms,
			       bool *any);
/* Reads one message, up to and with its CR, into line (emptied first). Line ends before it
 * (the LF of a server that ends messages with CRLF, as Koha does by default) are dropped. */
enum conn_result ils_conn_read(struct ils_conn *c, struct buf *line, int64_t deadline_ms);
/* Has the ILS closed an idle connection (EOF waiting, or bytes nobody asked for)? A line
 * end arriving late is neither. */
bool ils_conn_stale(struct ils_conn *c);

#endif
