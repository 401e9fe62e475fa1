/* Counters are atomics in fixed arrays (one slot per route), so observing a request takes no
 * lock and no allocation; /metrics reads them without stopping anyone. */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#include "ils/ils.h"
#include "service/report.h"
#include "http/handlers.h"
#include "http/routes.h"

/* Upper bounds of the latency buckets, in seconds; the last bucket is +Inf. */
static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
				0.1,	0.25,  0.5,    1,     2.5,  5};
#define NBOUNDS (sizeof bounds / sizeof bounds[0])
#define NCLASSES 5 /* 1xx to 5xx */

struct route_metrics {
	atomic_uint_least64_t by_class[NCLASSES];
	atomic_uint_least64_t buckets[NBOUNDS + 1]; /* not cumulative: summed when written */
	atomic_uint_least64_t sum_us;
};

/* The last slot is for requests that matched no route. */
static struct route_metrics metrics[ROUTES_MAX + 1];

void metrics_observe(int route, int status, int64_t elapsed_ns)
{
	struct route_metrics *m = &metrics[route < 0 || route >= ROUTES_MAX ? ROUTES_MAX : route];
	int cls = status / 100 - 1;
	if (cls < 0 || cls >= NCLASSES)
		cls = NCLASSES - 1;
	double s = (double)elapsed_ns / 1e9;
	size_t b = 0;
	while (b < NBOUNDS && s > bounds[b])
		b++;
	atomic_fetch_add_explicit(&m->by_class[cls], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&m->buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&m->sum_us, (uint_least64_t)(elapsed_ns / 1000),
				  memory_order_relaxed);
}

static const char *const method_names[] = {
	[HTTP_GET] = "GET",	  [HTTP_POST] = "POST",	  [HTTP_PATCH] = "PATCH",
	[HTTP_DELETE] = "DELETE", [HTTP_OTHER] = "OTHER",
};

/* Label values escaped as the text format asks: backslash, quote and newline. */
static void label(struct buf *b, const char *v)
{
	for (const char *p = v; *p; p++) {
		if (*p == '\\' || *p == '"')
			buf_putc(b, '\\');
		if (*p == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *p);
	}
}

static void route_labels(struct buf *b, size_t i)
{
	const struct route *rt = i < ROUTES_MAX ? routes_at(i) : NULL;
	buf_printf(b, "method=\"%s\",route=\"", rt ? method_names[rt->method] : "");
	label(b, rt ? rt->pattern : "(none)");
	buf_putc(b, '"');
}

static uint64_t total_of(const struct route_metrics *m)
{
	uint64_t n = 0;
	for (int c = 0; c < NCLASSES; c++)
		n += atomic_load_explicit(&m->by_class[c], memory_order_relaxed);
	return n;
}

static void write_requests(struct buf *b)
{
	buf_puts(b, "# HELP frontdesk_http_requests_total HTTP requests answered, by route and "
		    "status class.\n# TYPE frontdesk_http_requests_total counter\n");
	for (size_t i = 0; i <= ROUTES_MAX; i++) {
		if (!total_of(&metrics[i]))
			continue;
		for (int c = 0; c < NCLASSES; c++) {
			uint64_t n =
				atomic_load_explicit(&metrics[i].by_class[c], memory_order_relaxed);
			if (!n)
				continue;
			buf_puts(b, "frontdesk_http_requests_total{");
			route_labels(b, i);
			buf_printf(b, ",code=\"%dxx\"} %llu\n", c + 1, (unsigned long long)n);
		}
	}
	buf_puts(b, "# HELP frontdesk_http_request_duration_seconds Time to answer a request, by "
		    "route.\n# TYPE frontdesk_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= ROUTES_MAX; i++) {
		const struct route_metrics *m = &metrics[i];
		if (!total_of(m))
			continue;
		uint64_t cumulative = 0;
		for (size_t k = 0; k <= NBOUNDS; k++) {
			cumulative += atomic_load_explicit(&m->buckets[k], memory_order_relaxed);
			buf_puts(b, "frontdesk_http_request_duration_seconds_bucket{");
			route_labels(b, i);
			if (k < NBOUNDS)
				buf_printf(b, ",le=\"%g\"} %llu\n", bounds[k],
					   (unsigned long long)cumulative);
			else
				buf_printf(b, ",le=\"+Inf\"} %llu\n",
					   (unsigned long long)cumulative);
		}
		buf_puts(b, "frontdesk_http_request_duration_seconds_sum{");
		route_labels(b, i);
		buf_printf(b, "} %.6f\n",
			   (double)atomic_load_explicit(&m->sum_us, memory_order_relaxed) / 1e6);
		buf_puts(b, "frontdesk_http_request_duration_seconds_count{");
		route_labels(b, i);
		buf_printf(b, "} %llu\n", (unsigned long long)cumulative);
	}
}

static void gauge(struct buf *b, const char *name, const char *help, long long v)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s gauge\n%s %lld\n", name, help, name, name, v);
}

static void write_gauges(struct buf *b, const struct gauges *g, int64_t now)
{
	buf_puts(b, "# HELP frontdesk_queue_waiting Customers waiting at a branch now.\n"
		    "# TYPE frontdesk_queue_waiting gauge\n");
	for (size_t i = 0; i < g->nqueues; i++) {
		buf_puts(b, "frontdesk_queue_waiting{branch=\"");
		label(b, g->queues[i].branch_code);
		buf_printf(b, "\"} %lld\n", (long long)g->queues[i].waiting);
	}
	buf_puts(b, "# HELP frontdesk_queue_oldest_wait_seconds How long the longest-waiting "
		    "customer at a branch has waited (0: nobody waits).\n"
		    "# TYPE frontdesk_queue_oldest_wait_seconds gauge\n");
	for (size_t i = 0; i < g->nqueues; i++) {
		int64_t since = g->queues[i].oldest_queue_at;
		buf_puts(b, "frontdesk_queue_oldest_wait_seconds{branch=\"");
		label(b, g->queues[i].branch_code);
		buf_printf(b, "\"} %lld\n", since && now > since ? (long long)(now - since) : 0LL);
	}
	gauge(b, "frontdesk_outbox_backlog", "Notices waiting to be sent by email.",
	      (long long)g->store.outbox_backlog);
	gauge(b, "frontdesk_incidents_overdue",
	      "Incident reports not signed by the end of their day (CS-INCIDENT).",
	      (long long)g->store.incidents_overdue);
	gauge(b, "frontdesk_database_size_bytes", "Size of the database.",
	      (long long)g->store.database_bytes);
}

/* The catalogue's connection (src/ils): its state, and what its exchanges came to. */
static void write_ils(struct buf *b, struct ils *ils)
{
	struct ils_health h;
	ils_health(ils, &h);
	gauge(b, "frontdesk_ils_up", "1 while the library catalogue (SIP2) answers.",
	      h.state == ILS_UP);
	buf_puts(b, "# HELP frontdesk_ils_state The catalogue connection's state (1: the one it "
		    "is in).\n# TYPE frontdesk_ils_state gauge\n");
	for (int s = 0; s < ILS_STATE__MAX; s++)
		buf_printf(b, "frontdesk_ils_state{state=\"%s\"} %d\n",
			   ils_state_name((enum ils_state)s), h.state == (enum ils_state)s);
	const struct {
		const char *name, *help;
		uint64_t v;
	} counters[] = {
		{"frontdesk_ils_exchanges_total", "Requests the catalogue answered.", h.exchanges},
		{"frontdesk_ils_failures_total", "Requests the catalogue did not answer.",
		 h.failures},
		{"frontdesk_ils_resends_total", "Messages sent again after a checksum error.",
		 h.resends},
		{"frontdesk_ils_reconnects_total", "Connections opened again after the first.",
		 h.reconnects},
		{"frontdesk_ils_timeouts_total", "Requests given up at their deadline.", h.timeouts},
	};
	for (size_t i = 0; i < sizeof counters / sizeof counters[0]; i++)
		buf_printf(b, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", counters[i].name,
			   counters[i].help, counters[i].name, counters[i].name,
			   (unsigned long long)counters[i].v);
	buf_printf(b, "# HELP frontdesk_ils_round_trip_seconds The last answered exchange's round "
		      "trip.\n# TYPE frontdesk_ils_round_trip_seconds gauge\n"
		      "frontdesk_ils_round_trip_seconds %.6f\n",
		   (double)h.last_round_trip_us / 1e6);
}

/* This process's resident memory, from /proc. */
static long long resident_bytes(void)
{
	long long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return 0;
	if (fscanf(f, "%lld %lld", &pages, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

void api_metrics(struct request *r)
{
	struct fd_error err = {0};
	struct gauges g;
	if (report_gauges(&r->svc, &g, &err)) {
		req_error(r, &err);
		return;
	}
	r->status = 200;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	buf_reset(&r->out);
	buf_printf(&r->out,
		   "# HELP frontdesk_build_info The running version.\n"
		   "# TYPE frontdesk_build_info gauge\nfrontdesk_build_info{version=\"%s\"} 1\n",
		   FRONTDESK_VERSION);
	write_requests(&r->out);
	write_gauges(&r->out, &g, r->svc.now);
	gauge(&r->out, "frontdesk_process_resident_memory_bytes", "Resident memory of this node.",
	      resident_bytes());
	write_ils(&r->out, r->svc.ils);
}
