/* One thread syncs the database's log for every answer waiting on a write and resumes them
 * all (group commit): the server's threads hand the connection over, suspended, and go on
 * serving others instead of each waiting out a sync. */
#include "http/durable.h"

#include <microhttpd.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/alloc.h"
#include "base/log.h"
#include "store/store.h"

/* How long the thread waits idle before it looks at its connection (whole seconds). */
#define IDLE_CHECK_MS 1000

struct waiter {
	struct request *r;
	uint64_t ticket;
	struct waiter *next;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t more;
	struct waiter *head;
	bool running, stop;
	pthread_t thread;
	struct store *store;
} d = {.lock = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER};

/* Syncs through the newest ticket of list and resumes each of its connections: only those
 * whose commits the sync could not confirm are told their outcome is unknown. */
static void settle(struct waiter *list)
{
	uint64_t upto = 0, oldest = UINT64_MAX, unconfirmed = UINT64_MAX;
	for (struct waiter *w = list; w; w = w->next) {
		upto = w->ticket > upto ? w->ticket : upto;
		oldest = w->ticket < oldest ? w->ticket : oldest;
	}
	struct fd_error err = {0};
	bool ok = store_sync_through(d.store, oldest, upto, &unconfirmed, &err) == 0;
	if (!ok)
		log_error("durable: %s", err.message);
	while (list) {
		struct waiter *w = list;
		list = w->next;
		w->r->sync_failed = !ok && w->ticket <= unconfirmed;
		if (w->r->sync_failed)
			w->r->sync_err = err;
		MHD_resume_connection(w->r->conn);
		free(w);
	}
}

/* While no answer waits, the connection is looked at about once a second and made again if
 * it was dropped (an idle timeout, a proxy, a firewall): made again only when a batch came,
 * it could vouch for none of the batch's commits though nothing was lost. */
static void keep_connection(void)
{
	static bool down;
	struct fd_error err = {0};
	bool was_down = down;
	down = store_keep_connected(d.store, &err) != 0;
	/* Said once per outage, not once a second. */
	if (down && !was_down)
		log_warn("durable: the connection to the database is down: %s", err.message);
}

static void *durable_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&d.lock);
	while (true) {
		while (!d.head && !d.stop) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += IDLE_CHECK_MS / 1000;
			if (pthread_cond_timedwait(&d.more, &d.lock, &until) == ETIMEDOUT &&
			    !d.head && !d.stop) {
				pthread_mutex_unlock(&d.lock);
				keep_connection();
				pthread_mutex_lock(&d.lock);
			}
		}
		struct waiter *list = d.head;
		d.head = NULL;
		if (!list && d.stop)
			break;
		pthread_mutex_unlock(&d.lock);
		settle(list);
		pthread_mutex_lock(&d.lock);
	}
	pthread_mutex_unlock(&d.lock);
	return NULL;
}

/* The deferred commits' sync must work before any is deferred; a database that makes no
 * commit durable is said so in the log. */
static int check_sync(struct fd_error *err)
{
	bool durable = true;
	if (store_sync_check(d.store, &durable, err)) {
		char why[sizeof err->message];
		snprintf(why, sizeof why, "%s", err->message);
		return fd_fail(err, FD_EINVAL, "cannot confirm writes on %s: %s",
			       store_backend(d.store), why);
	}
	if (!durable)
		log_warn("durable: the database's synchronous_commit is off: a write answered as "
			 "saved can still be lost if its server stops");
	return 0;
}

int durable_start(const struct config *cfg, struct fd_error *err)
{
	if (store_open_existing(cfg->db_url, &cfg->db_timeouts, &d.store, err))
		return -1;
	/* A database whose commits are on disk when they return leaves nothing to wait for. */
	if (!store_defers_sync(d.store)) {
		store_close(d.store);
		return 0;
	}
	if (check_sync(err)) {
		store_close(d.store);
		return -1;
	}
	d.stop = false;
	if (pthread_create(&d.thread, NULL, durable_main, NULL) != 0) {
		store_close(d.store);
		return fd_fail(err, FD_EINTERNAL, "cannot start the disk sync thread");
	}
	d.running = true;
	return 0;
}

void durable_stop(void)
{
	if (!d.running)
		return;
	pthread_mutex_lock(&d.lock);
	d.stop = true;
	pthread_cond_signal(&d.more);
	pthread_mutex_unlock(&d.lock);
	pthread_join(d.thread, NULL);
	d.running = false;
	store_close(d.store);
}

bool durable_wait(struct request *r, uint64_t ticket)
{
	pthread_mutex_lock(&d.lock);
	if (!d.running || d.stop) {
		pthread_mutex_unlock(&d.lock);
		struct fd_error err = {0};
		r->sync_failed = store_sync_through(r->svc.store, ticket, ticket, NULL, &err) != 0;
		r->sync_err = err;
		return false;
	}
	/* Suspended before the sync thread can see it, so that its resume finds it so. */
	MHD_suspend_connection(r->conn);
	struct waiter *w = xmalloc(sizeof *w);
	*w = (struct waiter){r, ticket, d.head};
	d.head = w;
	pthread_cond_signal(&d.more);
	pthread_mutex_unlock(&d.lock);
	return true;
}
