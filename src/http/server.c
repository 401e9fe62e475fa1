/* The HTTP front: request lifecycle, authentication, CSRF, dispatch through the route table,
 * and the one function that opens every response with its security headers. */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/netaddr.h"
#include "base/timefmt.h"
#include "service/auth.h"
#include "notify/pdf.h"
#include "notify/worker.h"
#include "http/connections.h"
#include "http/cookie.h"
#include "http/durable.h"
#include "http/gzip.h"
#include "http/metrics.h"
#include "ils/ils.h"
#include "http/page.h"
#include "http/routes.h"
#include "http/sse.h"

#define STOP_GRACE_MS 2000 /* SIGTERM to exit stays within 3 s */

struct server {
	const struct config *cfg;
	atomic_int inflight;
	struct ils *ils; /* the catalogue's one connection; NULL: none configured */
};

static pthread_key_t store_key;
static pthread_once_t store_key_once = PTHREAD_ONCE_INIT;

static void close_thread_store(void *p)
{
	store_close(p);
}

static void make_store_key(void)
{
	pthread_key_create(&store_key, close_thread_store);
}

/* This thread's database connection, opened on first use and closed when the thread ends.
 * NULL when it cannot be opened, err saying why in words for /healthz. */
static struct store *thread_store(const struct config *cfg, struct fd_error *err)
{
	pthread_once(&store_key_once, make_store_key);
	struct store *s = pthread_getspecific(store_key);
	if (!s) {
		/* Pooled: a PostgreSQL server away just now is no reason to fail for good. */
		if (store_open_pooled(cfg->db_url, &cfg->db_timeouts, &s, err)) {
			log_error("database: %s", err->message);
			return NULL;
		}
		store_manual_checkpoints(s); /* the worker checkpoints, off the desks' path */
		store_defer_sync(s);	     /* answers wait for the disk in http/durable.c */
		pthread_setspecific(store_key, s);
	}
	return s;
}

static enum http_method parse_method(const char *m)
{
	for (int i = 0; i < HTTP_OTHER; i++)
		if (strcmp(m, route_method_name((enum http_method)i)) == 0)
			return (enum http_method)i;
	/* HEAD is answered as GET; MHD leaves the body out. */
	return strcmp(m, "HEAD") == 0 ? HTTP_GET : HTTP_OTHER;
}

static enum MHD_Result add_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct buf *b = cls;
	if (strcasecmp(key, "X-Forwarded-For") == 0 && value) {
		if (b->len)
			buf_puts(b, ",");
		buf_puts(b, value);
	}
	return MHD_YES;
}

/* An X-Forwarded-For from a peer that is not a trusted proxy is ignored, as it must be; but
 * behind nginx that means trusted_proxies was forgotten, and every member of staff is then
 * one address to login throttling. Said once: then every request would say it. */
static void warn_untrusted_forward(const struct netaddr *peer)
{
	static atomic_flag warned = ATOMIC_FLAG_INIT;
	if (atomic_flag_test_and_set(&warned))
		return;
	char text[NETADDR_TEXT];
	netaddr_format(peer, text);
	log_warn("X-Forwarded-For from %s ignored: add it to [server] trusted_proxies if it is "
		 "your proxy",
		 text);
}

/* Where the request comes from, for throttling, the audit log, the session and the log: the
 * peer, or the client a trusted proxy names in X-Forwarded-For (every such header, in
 * order, as one list). */
static const char *client_address(struct request *r, const struct netaddr_list *trusted)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct netaddr peer, client;
	if (!info || netaddr_from_sockaddr(info->client_addr, &peer))
		return "";
	struct buf forwarded = BUF_INIT;
	if (netaddr_list_has(trusted, &peer))
		MHD_get_connection_values(r->conn, MHD_HEADER_KIND, add_forwarded, &forwarded);
	else if (MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For"))
		warn_untrusted_forward(&peer);
	netaddr_client(&peer, forwarded.len ? buf_str(&forwarded) : NULL, trusted, &client);
	buf_free(&forwarded);
	char text[NETADDR_TEXT];
	netaddr_format(&client, text);
	return arena_strdup(&r->arena, text);
}

static bool is_api(const struct request *r)
{
	return strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/healthz") == 0;
}

/* Bearer token for scripts, else the session cookie for the browser. */
static int authenticate(struct request *r, struct fd_error *err)
{
	const char *authz = req_header(r, "Authorization");
	if (authz) {
		if (strncasecmp(authz, "Bearer ", 7) != 0)
			return fd_fail(err, FD_EAUTH, "Authorization must be 'Bearer TOKEN'");
		if (auth_bearer(&r->svc, authz + 7, &r->actor, err))
			return -1;
		r->authed = true;
		return 0;
	}
	const char *cookie = req_cookie(r, COOKIE_SESSION);
	if (!cookie)
		return fd_fail(err, FD_EAUTH, "log in first");
	struct auth_session se;
	if (auth_session(&r->svc, cookie, &se, err))
		return -1;
	r->actor = se.staff;
	r->authed = r->via_cookie = true;
	r->cookie_token = arena_strdup(&r->arena, cookie);
	r->csrf_token = se.csrf_token;
	return 0;
}

/* Unsafe requests that ride on the cookie must carry the session's CSRF token. */
static int check_csrf(struct request *r, struct fd_error *err)
{
	if (!r->via_cookie || r->method == HTTP_GET)
		return 0;
	const char *sent = req_header(r, "X-CSRF-Token");
	if (!sent)
		sent = req_form(r, "csrf");
	size_t n = strlen(r->csrf_token);
	if (!sent || strlen(sent) != n || sodium_memcmp(sent, r->csrf_token, n) != 0)
		return fd_fail(err, FD_ECSRF,
			       "the form or request is missing its CSRF token: "
			       "reload the page and try again");
	return 0;
}

static void fail(struct request *r, const struct fd_error *err)
{
	if (is_api(r))
		req_error(r, err);
	else if (err->code == FD_EAUTH)
		req_redirect(r, "/login");
	else
		page_error(r, err);
}

static void parse_body(struct request *r, struct fd_error *err)
{
	const char *type = req_header(r, "Content-Type");
	if (!is_api(r)) {
		if (type && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0)
			req_parse_form(r, false);
		else if (type && strncasecmp(type, "multipart/form-data", 19) == 0)
			req_parse_form(r, true); /* a form with a file: the holidays' .ics */
		return;
	}
	if (r->body.len == 0) {
		r->json = json_object();
		return;
	}
	/* Files (incident attachments) come as they are, typed by their own Content-Type. */
	if (type && (strcasecmp(type, "image/jpeg") == 0 || strcasecmp(type, "image/png") == 0 ||
		     strcasecmp(type, "application/pdf") == 0 ||
		     strncasecmp(type, "text/calendar", 13) == 0))
		return;
	/* A cross-site form cannot send this type without the browser asking first. */
	if (!type || strncasecmp(type, "application/json", 16) != 0) {
		fd_fail(err, FD_EBADJSON, "send the body as Content-Type: application/json");
		return;
	}
	json_error_t jerr;
	r->json = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!r->json)
		fd_fail(err, FD_EBADJSON, "the body is not valid JSON: %s (line %d, column %d)",
			jerr.text, jerr.line, jerr.column);
	else if (!json_is_object(r->json))
		fd_fail(err, FD_EBADJSON, "the body must be a JSON object");
}

static void handle(struct server *srv, struct request *r)
{
	struct fd_error err = {0};
	bool known;
	if (r->body_too_big) {
		fd_fail(&err, FD_ETOOBIG, "the request body is larger than %d bytes",
			srv->cfg->max_body_bytes);
		fail(r, &err);
		return;
	}
	const struct route *rt = routes_match(r->method, r->path, r->params, &r->arena, &known);
	if (!rt) {
		fd_fail(&err, FD_ENOTFOUND,
			known ? "that method is not allowed here" : "no such page or API endpoint");
		fail(r, &err);
		if (known)
			r->status = 405;
		return;
	}
	r->route = routes_index(rt);
	r->svc.arena = &r->arena;
	r->svc.config = srv->cfg;
	r->svc.ils = srv->ils;
	r->svc.now = time_now();
	r->svc.client = client_address(r, &srv->cfg->trusted_proxies);
	if (!(r->svc.store = thread_store(srv->cfg, &err))) {
		/* /healthz reports the database's state itself, the reason included. */
		if (rt->handler == api_healthz) {
			r->db_unusable = arena_strdup(&r->arena, err.message);
			rt->handler(r);
			return;
		}
		fd_error_clear(&err);
		fd_fail(&err, FD_EUNAVAILABLE,
			"the database is unavailable: try again in a moment");
		err.retry_after_s = STORE_RETRY_AFTER_S;
		fail(r, &err);
		return;
	}
	/* The database's version, read once: unchanged since the last request, the token's
	 * staff and the queue's stamp come from memory (store_memo.c). */
	store_refresh(r->svc.store);
	parse_body(r, &err);
	if (!err.code)
		req_check_text(r, &err);
	if (err.code) {
		fail(r, &err);
		return;
	}
	if (authenticate(r, &err) == 0) {
		r->svc.actor = &r->actor;
	} else if (rt->auth == ROUTE_USER || err.code != FD_EAUTH) {
		fail(r, &err);
		return;
	}
	fd_error_clear(&err);
	if ((rt->auth != ROUTE_LOGIN && check_csrf(r, &err)) ||
	    (rt->auth == ROUTE_USER && routes_authorize(r, rt, &err))) {
		fail(r, &err);
		return;
	}
	rt->handler(r);
}

/* Gzips r->out for a client that accepts it. True when the answer comes either way, by what
 * the client accepts, so that caches keep one of each (Vary). A body already gzipped
 * (r->out_gzip: a cached answer) was made for a client that asked. HEAD is answered as GET,
 * so its headers are GET's. */
static bool encode_body(struct request *r)
{
	if (r->stream || !gzip_compressible(r->content_type))
		return false;
	if (r->out_gzip)
		return true;
	if (r->out.len < GZIP_MIN_BYTES)
		return false;
	if (gzip_accepted(req_header(r, "Accept-Encoding"))) {
		struct buf gz = BUF_INIT;
		gzip_compress(r->out.data, r->out.len, &gz);
		buf_free(&r->out);
		r->out = gz;
		r->out_gzip = true;
	}
	return true;
}

/* Opens every response: the security headers live here and only here. version is the
 * request's, for the Keep-Alive header. */
static enum MHD_Result respond(struct request *r, const char *version)
{
	bool varies = encode_body(r);
	struct MHD_Response *resp = r->stream;
	if (!resp && r->out.data) {
		/* The body is handed over, not copied: MHD frees it once the response is sent. */
		resp = MHD_create_response_from_buffer_with_free_callback(r->out.len, r->out.data,
									  free);
		if (resp)
			r->out = (struct buf)BUF_INIT;
	} else if (!resp) {
		resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				r->content_type ? r->content_type : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; "
				"img-src 'self' data:; connect-src 'self'; object-src 'none'; "
				"base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (varies)
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	if (r->out_gzip)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	bool cache_set = false;
	for (int i = 0; i < r->nheaders; i++) {
		MHD_add_response_header(resp, r->header_names[i], r->header_values[i]);
		cache_set |= strcmp(r->header_names[i], "Cache-Control") == 0;
	}
	if (!cache_set)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	const char *keep_alive = connections_keep_alive(r->conn, version);
	if (keep_alive)
		MHD_add_response_header(resp, "Keep-Alive", keep_alive);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* A request begins when MHD has read its request line, and is freed by on_completed. */
static struct request *request_new(const char *target)
{
	struct request *r = xcalloc(1, sizeof *r);
	arena_init(&r->arena);
	r->target = arena_strdup(&r->arena, target);
	return r;
}

/* MHD's first word on a request, with its target as sent: MHD decodes the path and query
 * after this, into C strings that a %00 would cut short, so the text check needs the target
 * as it was (req_check_text). What this returns is the request's *con_cls. */
static void *on_target(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	return request_new(uri);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	struct server *srv = cls;
	struct request *r = *con_cls;
	if (!r)
		*con_cls = r = request_new(NULL); /* on_target was not called: no target to check */
	if (!r->conn) {
		/* First call: only set up. Answering now would make MHD close keep-alive
		 * connections (docs/design.md), and a body may follow. */
		r->conn = conn;
		r->method = parse_method(method);
		r->path = arena_strdup(&r->arena, url);
		r->status = 200;
		r->route = -1;
		r->started_ns = clock_ns();
		connections_request_started(conn);
		const char *len =
			MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (len && strtoull(len, NULL, 10) > (unsigned long long)srv->cfg->max_body_bytes)
			r->body_too_big = true;
		atomic_fetch_add(&srv->inflight, 1);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->body_too_big &&
		    r->body.len + *upload_size > (size_t)srv->cfg->max_body_bytes) {
			r->body_too_big = true;
			buf_free(&r->body);
		}
		if (!r->body_too_big)
			buf_append(&r->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (!r->handled) {
		handle(srv, r);
		r->handled = true;
		/* A write is acknowledged only once it is on disk; the wait does not hold this
		 * thread, and one sync covers every answer waiting by then. */
		uint64_t ticket = r->svc.store ? store_unsynced(r->svc.store) : 0;
		if (ticket && durable_wait(r, ticket))
			return MHD_YES;
	}
	if (r->sync_failed && r->sync_err.outcome_unknown) {
		/* PostgreSQL: the server went away before the flush; as a COMMIT cut off. */
		r->stream = NULL;
		r->nheaders = 0;
		r->out_gzip = false;
		req_error(r, &r->sync_err);
	} else if (r->sync_failed) {
		struct fd_error err = {0};
		fd_fail(&err, FD_EINTERNAL,
			"a write was made but not synced to disk (see durable:)");
		r->stream = NULL;
		r->nheaders = 0;
		r->out_gzip = false;
		req_internal_error(r, &err,
				   "the change may have been made but the disk did not confirm it: "
				   "check whether it shows before trying again");
	}
	enum MHD_Result ret = respond(r, version);
	metrics_observe(r->route, r->status, clock_ns() - r->started_ns);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct request *r = *con_cls;
	connections_request_ended(conn);
	if (!r)
		return;
	if (r->conn) /* else MHD refused it before it reached on_request */
		atomic_fetch_sub(&srv->inflight, 1);
	req_form_free(r);
	json_decref(r->json);
	buf_free(&r->body);
	buf_free(&r->out);
	arena_free(&r->arena);
	free(r);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len,
			struct fd_error *err)
{
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen || !colon[1])
		return fd_fail_field(err, "listen", "listen is HOST:PORT, like 127.0.0.1:8080");
	char host[128];
	size_t hn = (size_t)(colon - listen);
	if (listen[0] == '[' && hn > 2 && listen[hn - 1] == ']')
		listen++, hn -= 2;
	if (hn >= sizeof host)
		return fd_fail_field(err, "listen", "listen host is too long");
	memcpy(host, listen, hn);
	host[hn] = '\0';
	struct addrinfo hints = {.ai_family = AF_UNSPEC,
				 .ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_NUMERICSERV},
			*res;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0)
		return fd_fail_field(err, "listen", "cannot listen on %s", listen);
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

/* The listening socket, opened here rather than by libmicrohttpd so that a port another
 * program holds is an error that names it. SO_REUSEADDR only lets a restart take the port
 * while old connections linger; SO_REUSEPORT is never set: with it a second server would
 * start on the port and the kernel would split the desks between two databases. */
static int listen_on(const char *where, int *fd, struct fd_error *err)
{
	struct sockaddr_storage ss = {0};
	socklen_t len = 0;
	if (parse_listen(where, &ss, &len, err))
		return -1;
	int s = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fd_fail(err, FD_EINTERNAL, "cannot listen on %s: %s", where,
			       strerror(errno));
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(s, (const struct sockaddr *)&ss, len) == 0 && listen(s, SOMAXCONN) == 0) {
		*fd = s;
		return 0;
	}
	int e = errno;
	close(s);
	switch (e) {
	case EADDRINUSE:
		return fd_fail(err, FD_EINVAL, "%s is already in use by another program", where);
	case EADDRNOTAVAIL:
		return fd_fail(err, FD_EINVAL,
			       "cannot listen on %s: not an address of this machine", where);
	case EACCES:
		return fd_fail(err, FD_EINVAL,
			       "cannot listen on %s: a port below 1024 needs privileges", where);
	default: return fd_fail(err, FD_EINTERNAL, "cannot listen on %s: %s", where, strerror(e));
	}
}

/* libmicrohttpd on the listening socket, its connections counted and limited by conns. */
static struct MHD_Daemon *start_daemon(struct server *srv, int fd, struct connections *conns)
{
	const struct config *cfg = srv->cfg;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			 MHD_ALLOW_SUSPEND_RESUME;
	return MHD_start_daemon(
		flags, 0, connections_accept, conns, on_request, srv, MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, srv, MHD_OPTION_URI_LOG_CALLBACK, on_target, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, connections_notify, conns,
		MHD_OPTION_CONNECTION_LIMIT, connections_total(conns),
		MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)(16 * 1024), MHD_OPTION_END);
}

int server_run(const struct config *cfg, struct fd_error *err)
{
	/* Every request allocates and frees its arena, JSON and reply. glibc would hand freed
	 * memory back to the kernel after each one and fault it in again on the next, with
	 * TLB shootdowns across the worker threads (make bench: a third of the read rate).
	 * Keep up to 32 MiB of it instead. */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	struct server srv = {.cfg = cfg};
	struct connections *conns = NULL;
	int fd = -1;
	if (listen_on(cfg->listen, &fd, err))
		return -1;
	/* The worker threads inherit this mask: only the main thread takes the stop signals. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (connections_new(cfg, &conns, err)) {
		close(fd);
		return -1;
	}
	/* The helper threads first: a request answered means the server is whole, and none of
	 * them meets a database that changed after the first answer. */
	if (sse_start(cfg, err) || durable_start(cfg, err) || worker_start(cfg, err)) {
		durable_stop();
		sse_stop();
		connections_free(conns);
		close(fd);
		return -1;
	}
	/* The catalogue's connection is made in the background: a desk starts whether the ILS
	 * answers or not, and /healthz says which. */
	srv.ils = ils_new(&cfg->ils);
	struct MHD_Daemon *d = start_daemon(&srv, fd, conns);
	if (!d) {
		ils_free(srv.ils);
		worker_stop();
		durable_stop();
		sse_stop();
		connections_free(conns);
		close(fd);
		return fd_fail(err, FD_EINTERNAL, "cannot serve on %s", cfg->listen);
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	const char *colon = strrchr(cfg->listen, ':');
	log_info("frontdesk %s serving http://%.*s:%u/", FRONTDESK_VERSION,
		 (int)(colon - cfg->listen), cfg->listen, info ? info->port : 0);

	int sig = 0;
	sigwait(&stop, &sig);
	log_info("stopping on signal %d: finishing requests in flight", sig);
	/* No MHD_quiesce_daemon: with a thread pool on epoll, libmicrohttpd 0.9.75 can abort in
	 * it ("Failed to remove listen FD from epoll set"). Requests in flight get the grace
	 * period; MHD_stop_daemon then closes the listening socket and the rest. */
	sse_stop(); /* ends the live streams, so that they too count as finished */
	for (int waited = 0; atomic_load(&srv.inflight) > 0 && waited < STOP_GRACE_MS; waited += 10)
		nanosleep(&(struct timespec){0, 10 * 1000000}, NULL);
	durable_stop(); /* no connection is left suspended waiting for the disk */
	MHD_stop_daemon(d);
	connections_free(conns);
	worker_stop(); /* a notice being sent is finished, or left for the next start */
	ils_free(srv.ils);
	pdf_shutdown();
	log_info("stopped");
	return 0;
}
