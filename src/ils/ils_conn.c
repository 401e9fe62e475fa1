/* The ILS connection over libcurl: CURLOPT_CONNECT_ONLY opens the TCP connection (and the TLS
 * session for https://, checked against [ils] ca_file), then curl_easy_send/recv carry SIP2's
 * bytes; poll() on curl's socket bounds each wait by the caller's deadline. */
#include "ils/ils_conn.h"

#include <curl/curl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "base/log.h"

struct ils_conn {
	CURL *curl;
	curl_socket_t fd;
	struct buf pending; /* bytes read past the last message's CR */
};

static int ms_left(int64_t deadline_ms)
{
	int64_t left = deadline_ms - clock_ms();
	return left <= 0 ? 0 : left > 60000 ? 60000 : (int)left;
}

struct ils_conn *ils_conn_open(const struct ils_settings *set, int64_t deadline_ms,
			       enum conn_result *why, struct fd_error *err)
{
	char url[512];
	/* The scheme only picks TCP or TLS: with CONNECT_ONLY nothing of HTTP is spoken. */
	snprintf(url, sizeof url, "%s://%s:%d", set->tls ? "https" : "http", set->host, set->port);
	CURL *curl = curl_easy_init();
	char curl_err[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(curl, CURLOPT_NOPROXY, "*"); /* an http_proxy for the web is not ours */
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)(ms_left(deadline_ms) + 1));
	if (set->ca_file)
		curl_easy_setopt(curl, CURLOPT_CAINFO, set->ca_file);
	CURLcode rc = curl_easy_perform(curl);
	if (rc != CURLE_OK) {
		*why = rc == CURLE_OPERATION_TIMEDOUT ? CONN_TIMEOUT : CONN_FAILED;
		/* curl's own words name the host ("... does not match target host name 'x'"):
		 * they go to the log (an untrusted certificate is an error to fix, so `ils check`
		 * shows it too); err reaches the public /healthz, so it says less. */
		bool tls = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE;
		if (curl_err[0] && tls)
			log_error("ils: the catalogue's TLS certificate: %s", curl_err);
		else if (curl_err[0])
			log_warn("ils: connecting to the catalogue: %s", curl_err);
		if (tls)
			fd_fail(err, FD_EUNAVAILABLE,
				"the catalogue's TLS certificate is not trusted (%s): check [ils] "
				"ca_file and that the certificate names [ils] host",
				curl_easy_strerror(rc));
		else
			fd_fail(err, FD_EUNAVAILABLE, "cannot connect to the catalogue: %s",
				curl_easy_strerror(rc));
		curl_easy_cleanup(curl);
		return NULL;
	}
	struct ils_conn *c = xcalloc(1, sizeof *c);
	c->curl = curl;
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL); /* curl_err goes out of scope */
	curl_easy_getinfo(curl, CURLINFO_ACTIVESOCKET, &c->fd);
	*why = CONN_OK;
	return c;
}

void ils_conn_close(struct ils_conn *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->curl);
	buf_free(&c->pending);
	free(c);
}

static enum conn_result wait_for(struct ils_conn *c, short events, int64_t deadline_ms)
{
	struct pollfd p = {.fd = c->fd, .events = events};
	int left = ms_left(deadline_ms);
	if (!left)
		return CONN_TIMEOUT;
	int n = poll(&p, 1, left);
	if (n == 0)
		return CONN_TIMEOUT;
	return n < 0 ? CONN_CLOSED : CONN_OK; /* an error or hang-up shows on the next call */
}

enum conn_result ils_conn_send(struct ils_conn *c, const char *p, size_t n, int64_t deadline_ms,
			       bool *any)
{
	if (any)
		*any = false;
	while (n) {
		size_t sent = 0;
		CURLcode rc = curl_easy_send(c->curl, p, n, &sent);
		if (rc == CURLE_AGAIN) {
			enum conn_result w = wait_for(c, POLLOUT, deadline_ms);
			if (w != CONN_OK)
				return w;
			continue;
		}
		if (rc != CURLE_OK)
			return CONN_CLOSED;
		if (any && sent)
			*any = true;
		p += sent;
		n -= sent;
	}
	return CONN_OK;
}

/* Drops line ends at the start of pending: the LF after a CR of a server that ends its
 * messages with CRLF (Koha's default), which would otherwise begin the next answer. */
static void skip_line_ends(struct ils_conn *c)
{
	size_t k = 0;
	while (k < c->pending.len && (c->pending.data[k] == '\r' || c->pending.data[k] == '\n'))
		k++;
	if (!k)
		return;
	memmove(c->pending.data, c->pending.data + k, c->pending.len - k);
	c->pending.len -= k;
	c->pending.data[c->pending.len] = '\0';
}

/* Moves one message (through its CR) from pending to line; false when there is none yet. */
static bool take_line(struct ils_conn *c, struct buf *line)
{
	skip_line_ends(c);
	char *cr = c->pending.len ? memchr(c->pending.data, '\r', c->pending.len) : NULL;
	if (!cr)
		return false;
	size_t n = (size_t)(cr - c->pending.data) + 1;
	buf_append(line, c->pending.data, n);
	size_t rest = c->pending.len - n;
	memmove(c->pending.data, c->pending.data + n, rest);
	c->pending.len = rest;
	c->pending.data[rest] = '\0';
	return true;
}

enum conn_result ils_conn_read(struct ils_conn *c, struct buf *line, int64_t deadline_ms)
{
	buf_reset(line);
	char chunk[4096];
	while (!take_line(c, line)) {
		if (c->pending.len > 64 * 1024)
			return CONN_CLOSED; /* no SIP2 message is this long: not a SIP2 server */
		size_t got = 0;
		/* Read before polling: TLS may hold decrypted bytes the socket no longer shows. */
		CURLcode rc = curl_easy_recv(c->curl, chunk, sizeof chunk, &got);
		if (rc == CURLE_AGAIN) {
			enum conn_result w = wait_for(c, POLLIN, deadline_ms);
			if (w != CONN_OK)
				return w;
			continue;
		}
		if (rc != CURLE_OK || got == 0)
			return CONN_CLOSED;
		buf_append(&c->pending, chunk, got);
	}
	return CONN_OK;
}

bool ils_conn_stale(struct ils_conn *c)
{
	for (;;) {
		skip_line_ends(c);
		if (c->pending.len)
			return true; /* bytes nobody asked for: requests and answers no longer pair */
		struct pollfd p = {.fd = c->fd, .events = POLLIN};
		if (poll(&p, 1, 0) <= 0)
			return false;
		/* Readable while idle: a TLS session ticket (curl reads it and has nothing to
		 * give), the LF of a CRLF, the ILS hanging up, or bytes nobody asked for. */
		char chunk[512];
		size_t got = 0;
		CURLcode rc = curl_easy_recv(c->curl, chunk, sizeof chunk, &got);
		if (rc == CURLE_AGAIN)
			return false;
		if (rc != CURLE_OK || got == 0)
			return true;
		buf_append(&c->pending, chunk, got);
	}
}
