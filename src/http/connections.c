/* Connections counted by address from the moment they are admitted (policy/connection_limit.c)
 * until libmicrohttpd closes them; and a sweeper that closes those too slow with their headers. */
#include "http/connections.h"

#include <pthread.h>
#include <search.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "base/alloc.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/netaddr.h"
#include "policy/connection_limit.h"

#define SWEEP_MS 250
#define WARN_EVERY_MS 60000 /* a refusal or a cut is logged at most once a minute per cause */
#define FILES_BESIDES 64    /* database connections, the log, epoll and signalling */

/* One open connection. */
struct slot {
	struct netaddr group;
	int fd;
	bool trusted;	    /* a trusted proxy: no deadline for headers (nginx sends them whole) */
	bool in_request;    /* its headers are in and it is not yet answered */
	bool cut;	    /* shut down for being late */
	int64_t waiting_ms; /* since when it has been waiting for headers */
	struct connections *owner;
	struct slot *prev, *next;
};

/* How many connections one address (an IPv6 /64) holds: a node of a tsearch tree. */
struct held {
	struct netaddr group;
	int count;
	int64_t warned_ms;
};

struct connections {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t sweeper;
	bool stopping;
	struct connection_limits limits;
	int header_timeout_ms;
	char keep_alive[24]; /* "timeout=N", the same for every answer: made once */
	const struct netaddr_list *trusted;
	void *held; /* tsearch root of struct held */
	int in_use;
	struct slot *slots;
	int64_t full_warned_ms, cut_warned_ms;
	int cut_since_warned;
};

static int held_cmp(const void *a, const void *b)
{
	return memcmp(&((const struct held *)a)->group, &((const struct held *)b)->group,
		      sizeof(struct netaddr));
}

static struct held *held_find(struct connections *c, const struct netaddr *group)
{
	struct held key = {.group = *group};
	void *node = tfind(&key, &c->held, held_cmp);
	return node ? *(struct held **)node : NULL;
}

/* One more connection from group. Called with the lock held. */
static void hold(struct connections *c, const struct netaddr *group)
{
	struct held *h = xcalloc(1, sizeof *h);
	h->group = *group;
	void *node = tsearch(h, &c->held, held_cmp);
	if (!node)
		abort(); /* out of memory, as xcalloc would */
	struct held *found = *(struct held **)node;
	if (found != h)
		free(h);
	found->count++;
	c->in_use++;
}

/* One fewer. Called with the lock held. */
static void release(struct connections *c, const struct netaddr *group)
{
	struct held *h = held_find(c, group);
	if (h && --h->count == 0) {
		tdelete(h, &c->held, held_cmp);
		free(h);
	}
	c->in_use--;
}

/* A connection admitted by this thread and not yet started. libmicrohttpd starts it on the
 * thread that accepted it, straight after (or drops it, out of memory): so the next accept
 * on the thread finds it still here only if it was dropped, and gives its place back. */
static _Thread_local struct admission {
	struct connections *owner;
	struct netaddr group;
} admitted;

/* Logs a refusal at most once a minute for its address (or for a full table). */
static bool refusal_to_log(struct connections *c, struct held *h, int64_t now)
{
	int64_t *last = h ? &h->warned_ms : &c->full_warned_ms;
	if (*last && now - *last < WARN_EVERY_MS)
		return false;
	*last = now;
	return true;
}

enum MHD_Result connections_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct connections *c = cls;
	struct netaddr a, group;
	if (netaddr_from_sockaddr(addr, &a))
		return MHD_YES;
	netaddr_group(&a, &group);
	bool trusted = netaddr_list_has(c->trusted, &a);
	pthread_mutex_lock(&c->lock);
	if (admitted.owner == c)
		release(c, &admitted.group);
	admitted.owner = NULL;
	struct held *h = held_find(c, &group);
	int held = h ? h->count : 0, in_use = c->in_use;
	enum connection_verdict v = connection_admit(&c->limits, held, in_use, trusted);
	/* Counted now, under the lock the verdict was reached under: threads accepting at
	 * once each see the others' connections, and the limits hold exactly. */
	if (v == CONNECTION_ADMIT) {
		hold(c, &group);
		admitted = (struct admission){c, group};
	}
	bool log = v != CONNECTION_ADMIT &&
		   refusal_to_log(c, v == CONNECTION_FULL ? NULL : h, clock_ms());
	pthread_mutex_unlock(&c->lock);
	if (log) {
		char text[NETADDR_TEXT];
		netaddr_format(&a, text);
		log_warn("refusing connections from %s: %s (it holds %d, %d are open in all; "
			 "repeats are not logged for a minute)",
			 text, connection_verdict_text(v), held, in_use);
	}
	return v == CONNECTION_ADMIT ? MHD_YES : MHD_NO;
}

static void slot_open(struct connections *c, struct MHD_Connection *conn, void **socket_context)
{
	const union MHD_ConnectionInfo *ai =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const union MHD_ConnectionInfo *fi =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	struct netaddr a;
	if (!ai || netaddr_from_sockaddr(ai->client_addr, &a))
		return;
	struct slot *s = xcalloc(1, sizeof *s);
	netaddr_group(&a, &s->group);
	s->fd = fi ? fi->connect_fd : -1;
	s->trusted = netaddr_list_has(c->trusted, &a);
	s->waiting_ms = clock_ms();
	s->owner = c;
	pthread_mutex_lock(&c->lock);
	/* Counted when admitted; one that was not (never so far) is counted now. */
	if (admitted.owner == c && !memcmp(&admitted.group, &s->group, sizeof s->group))
		admitted.owner = NULL;
	else
		hold(c, &s->group);
	s->next = c->slots;
	if (c->slots)
		c->slots->prev = s;
	c->slots = s;
	pthread_mutex_unlock(&c->lock);
	*socket_context = s;
}

static void slot_close(struct connections *c, struct slot *s)
{
	pthread_mutex_lock(&c->lock);
	release(c, &s->group);
	if (s->prev)
		s->prev->next = s->next;
	else
		c->slots = s->next;
	if (s->next)
		s->next->prev = s->prev;
	pthread_mutex_unlock(&c->lock);
	free(s);
}

void connections_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		slot_open(cls, conn, socket_context);
	else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
		/* libmicrohttpd closes the socket only after this: the sweeper never shuts down a
		 * descriptor that has been reused. */
		slot_close(cls, *socket_context);
		*socket_context = NULL;
	}
}

static struct slot *slot_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return info ? info->socket_context : NULL;
}

static void set_waiting(struct MHD_Connection *conn, bool in_request)
{
	struct slot *s = slot_of(conn);
	if (!s)
		return;
	pthread_mutex_lock(&s->owner->lock);
	s->in_request = in_request;
	s->waiting_ms = clock_ms();
	pthread_mutex_unlock(&s->owner->lock);
}

void connections_request_started(struct MHD_Connection *conn)
{
	set_waiting(conn, true);
}

void connections_request_ended(struct MHD_Connection *conn)
{
	set_waiting(conn, false);
}

/* Whether the comma-separated list (a header's value; NULL: none) has token, in any case. */
static bool has_token(const char *list, const char *token)
{
	size_t n = strlen(token);
	for (const char *p = list; p && *p;) {
		p += strspn(p, " \t,");
		size_t len = strcspn(p, ","), word = len;
		while (word && (p[word - 1] == ' ' || p[word - 1] == '\t'))
			word--;
		if (word == n && strncasecmp(p, token, n) == 0)
			return true;
		p += len;
	}
	return false;
}

/* Whether libmicrohttpd keeps the connection open after the answer, by its own rule: HTTP/1.1
 * unless the client says close (or upgrade), HTTP/1.0 only when it says keep-alive. */
static bool kept_alive(struct MHD_Connection *conn, const char *version)
{
	const char *c =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONNECTION);
	if (version && strcasecmp(version, MHD_HTTP_VERSION_1_1) == 0)
		return !has_token(c, "close") && !has_token(c, "upgrade");
	if (version && strcasecmp(version, MHD_HTTP_VERSION_1_0) == 0)
		return has_token(c, "keep-alive");
	return false;
}

const char *connections_keep_alive(struct MHD_Connection *conn, const char *version)
{
	struct slot *s = slot_of(conn);
	/* A trusted proxy is never cut: it may keep its connections as long as it likes. */
	if (!s || s->trusted || !kept_alive(conn, version))
		return NULL;
	return s->owner->keep_alive;
}

/* Shuts down the connections whose headers are late; libmicrohttpd then sees them end and
 * closes them. Returns how many. Called with the lock held. */
static int cut_late(struct connections *c, int64_t now)
{
	int n = 0;
	for (struct slot *s = c->slots; s; s = s->next) {
		if (s->trusted || s->in_request || s->cut || s->fd < 0 ||
		    now - s->waiting_ms < c->header_timeout_ms)
			continue;
		shutdown(s->fd, SHUT_RDWR);
		s->cut = true;
		n++;
	}
	return n;
}

static void *sweep(void *arg)
{
	struct connections *c = arg;
	pthread_mutex_lock(&c->lock);
	while (!c->stopping) {
		int64_t now = clock_ms();
		c->cut_since_warned += cut_late(c, now);
		int cut = 0;
		if (c->cut_since_warned && now - c->cut_warned_ms >= WARN_EVERY_MS) {
			cut = c->cut_since_warned;
			c->cut_since_warned = 0;
			c->cut_warned_ms = now;
		}
		pthread_mutex_unlock(&c->lock);
		if (cut)
			log_warn("closed %d connections that took over %d s to send a request's "
				 "headers (header_timeout_s)",
				 cut, c->header_timeout_ms / 1000);
		pthread_mutex_lock(&c->lock);
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += SWEEP_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L)
			until.tv_sec++, until.tv_nsec -= 1000000000L;
		if (!c->stopping)
			pthread_cond_timedwait(&c->wake, &c->lock, &until);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* The total the process can hold open: raises its limit of open files if it may. */
static int fit_total(int wanted)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)wanted + FILES_BESIDES;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return wanted;
	if (rl.rlim_cur < need) {
		rl.rlim_cur = rl.rlim_max < need ? rl.rlim_max : need;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur >= need)
		return wanted;
	int total = rl.rlim_cur > FILES_BESIDES + 16 ? (int)(rl.rlim_cur - FILES_BESIDES) : 16;
	log_warn("the process may open only %llu files: at most %d connections, not the %d of "
		 "max_connections (raise LimitNOFILE or ulimit -n)",
		 (unsigned long long)rl.rlim_cur, total, wanted);
	return total;
}

int connections_new(const struct config *cfg, struct connections **out, struct fd_error *err)
{
	struct connections *c = xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&c->wake, &attr);
	pthread_condattr_destroy(&attr);
	c->limits.total = fit_total(cfg->max_connections);
	c->limits.per_address = cfg->max_connections_per_address;
	c->header_timeout_ms = cfg->header_timeout_s * 1000;
	/* The sweeper cuts at header_timeout_s after the answer (a little later, by up to
	 * SWEEP_MS); a second less leaves the client's next request time to arrive. */
	int idle_s = cfg->header_timeout_s - 1;
	snprintf(c->keep_alive, sizeof c->keep_alive, "timeout=%d", idle_s > 0 ? idle_s : 1);
	c->trusted = &cfg->trusted_proxies;
	if (pthread_create(&c->sweeper, NULL, sweep, c)) {
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		free(c);
		return fd_fail(err, FD_EINTERNAL,
			       "cannot start the thread that watches connections");
	}
	*out = c;
	return 0;
}

void connections_free(struct connections *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	c->stopping = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->sweeper, NULL);
	tdestroy(c->held, free);
	for (struct slot *s = c->slots, *next; s; s = next) {
		next = s->next;
		free(s);
	}
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

unsigned connections_total(const struct connections *c)
{
	return (unsigned)c->limits.total;
}
