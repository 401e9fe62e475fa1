/* A consortium's morning as a mixed load (bench/consortium runs it): desk pages and boards
 * listening for events over many branches, open-loop Poisson arrivals of walk-ins, phone calls,
 * requests, complaints and desk page loads, the reads the listening pages make on each event,
 * and the time from a walk-in's POST to the last listener that hears of it. Built on libcurl's
 * multi interface; one thread, so what it measures includes its own queueing (honestly so).
 *
 * The rates: a busy Saturday in a 300-branch consortium (PINES, Georgia, shares one system over
 * about that many libraries), per branch at the peak hour. A busy branch sees about 1,000 people
 * on a Saturday, 125 an hour at the peak; about a third come to the desk: 40 walk-ins an hour.
 * The desk answers 10 calls an hour, takes 4 requests (holds it cannot place, purchases,
 * inter-library loans) and half a complaint. Five desk screens per branch each load the whole
 * desk page about every 5 minutes (back from a customer's or a request's page): 12 an hour.
 * Listeners: 3/4 desks, 1/4 boards. desk.js fetches /desk/CODE/queue on every queue event (one
 * at a time) and every 15 s; board.js fetches /board/CODE on every change (one at a time, once
 * more if one came meanwhile) and once a minute. --scale multiplies every arrival rate.
 *
 * Usage: consortium --url URL --tokens FILE [--listeners N] [--seconds S] [--scale X]
 *                   [--probe CODE] [--saturate C] [--bind PREFIX]
 * FILE: one "CODE TOKEN" line per branch (a staff member on duty there). --probe CODE puts every
 * listener on CODE and posts a walk-in there each second, timing it to the last listener; the
 * random arrivals then go to the other branches. --saturate C replaces the open-loop arrivals
 * with C connections each sending the same mix back to back (closed loop): the throughput. */
#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>

enum kind {
	K_WALKIN,
	K_PHONE,
	K_REQUEST,
	K_COMPLAINT,
	K_DESK_PAGE,
	K_QUEUE_READ,
	K_BOARD_READ,
	K__MAX
};

/* Per branch-hour at a busy Saturday's peak (see the top of the file); 0 for the reads the
 * listeners make, which follow from events and ticks. */
static const struct {
	const char *name;
	double per_branch_hour;
} kinds[K__MAX] = {
	[K_WALKIN] = {"walk-in (POST visits in_person)", 40},
	[K_PHONE] = {"phone call (POST visits phone)", 10},
	[K_REQUEST] = {"request (POST requests)", 4},
	[K_COMPLAINT] = {"complaint (POST complaints)", 0.5},
	[K_DESK_PAGE] = {"desk page (GET /desk/CODE)", 5 * 12},
	[K_QUEUE_READ] = {"desk's queue on event/15 s (GET /desk/CODE/queue)", 0},
	[K_BOARD_READ] = {"board on change/60 s (GET /board/CODE)", 0},
};

#define DESK_TICK_US 15000000LL
#define BOARD_TICK_US 60000000LL
#define PROBE_EVERY_US 1000000LL
#define PROBE_GIVEUP_US 5000000LL

struct branch {
	char code[16];
	char auth[160]; /* "Authorization: Bearer TOKEN" */
	int desks;	/* desk listeners connected */
};

struct listener {
	CURL *h;
	struct branch *b;
	bool board, connected, fetching, again;
	bool heard; /* an event came: fetch once out of libcurl's callback */
	int64_t next_tick_us;
	int probe_seen; /* the last probe this listener heard */
	char line[512];
	size_t nline;
	char event[32];
};

/* A request in flight: what it is, when it was due, what came back. */
struct job {
	enum kind kind;
	int64_t due_us;
	struct branch *b;
	struct listener *from; /* a listener's read */
	int worker;	       /* closed loop: who sends the next one; -1 open loop */
	bool probe;
	char body[256];
	size_t nbody;
	char *post;
	struct curl_slist *hdr;
};

struct samples {
	double *ms;
	size_t n, cap;
	long errors;
};

/* Visit id -> how many desks heard of it and when the last did (open addressing). */
#define HEARD_SLOTS (1u << 20)
struct heard {
	int64_t visit, last_us;
	int count;
};

struct walkin {
	int64_t visit, sent_us;
	struct branch *b;
	int desks; /* listening when it was sent */
};

static struct {
	const char *url;
	struct branch *branch;
	size_t nbranch;
	struct listener *l;
	size_t nl;
	CURLM *multi;
	struct samples lat[K__MAX], fanout;
	struct heard *heard;
	struct walkin *walkin;
	size_t nwalkin, capwalkin;
	bool measuring;
	struct branch *probe;
	int probe_seq, probe_got;
	int64_t probe_sent_us, probe_last_us;
	long probe_missed, fanout_missed;
	long done_mix, done_reads, window_mix, window_reads;
	bool sending; /* closed loop: workers send again */
	int inflight;
	int epoll;
	int64_t timer_us; /* when libcurl wants to be called again; -1 never */
} g;

static int64_t now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n);
	if (!p)
		abort();
	return p;
}

static void sample_add(struct samples *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->ms = realloc(s->ms, s->cap * sizeof *s->ms);
		if (!s->ms)
			abort();
	}
	s->ms[s->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(struct samples *s, double p)
{
	if (!s->n)
		return NAN;
	qsort(s->ms, s->n, sizeof *s->ms, cmp_double);
	size_t i = (size_t)ceil(p / 100 * (double)s->n);
	return s->ms[i ? i - 1 : 0];
}

static double exp_gap_us(double per_s)
{
	double u = (rand() + 1.0) / ((double)RAND_MAX + 2.0);
	return -log(u) / per_s * 1e6;
}

static struct heard *heard_slot(int64_t visit)
{
	uint64_t i = ((uint64_t)visit * 0x9E3779B97F4A7C15ull) >> 44;
	while (g.heard[i].visit && g.heard[i].visit != visit)
		i = (i + 1) & (HEARD_SLOTS - 1);
	return &g.heard[i];
}

static int64_t json_int(const char *s, const char *key)
{
	const char *p = strstr(s, key);
	if (!p)
		return 0;
	p += strlen(key);
	while (*p == ' ' || *p == ':')
		p++;
	return strtoll(p, NULL, 10);
}

static void start_job(struct job *j, const char *path, const char *post);

/* desk.js and board.js: one fetch at a time; a change meanwhile fetches once more after it. */
static void listener_fetch(struct listener *l)
{
	if (l->fetching) {
		l->again = true;
		return;
	}
	l->fetching = true;
	struct job *j = xmalloc(sizeof *j);
	char path[64];
	j->kind = l->board ? K_BOARD_READ : K_QUEUE_READ;
	j->due_us = now_us();
	j->b = l->b;
	j->from = l;
	j->worker = -1;
	snprintf(path, sizeof path, l->board ? "/board/%s" : "/desk/%s/queue", l->b->code);
	start_job(j, path, NULL);
}

/* A whole event arrived on l: note who heard what, and read as the page would. */
static void on_event(struct listener *l, const char *data)
{
	int64_t t = now_us();
	bool change = !strcmp(l->event, "queue") || !strcmp(l->event, "change") ||
		      !strcmp(l->event, "ban") || !strcmp(l->event, "resync");
	if (!change)
		return;
	if (g.probe && l->b == g.probe && g.probe_seq > l->probe_seen && g.probe_sent_us) {
		l->probe_seen = g.probe_seq;
		g.probe_got++;
		g.probe_last_us = t;
	}
	if (!l->board && !strcmp(l->event, "queue")) {
		int64_t v = json_int(data, "\"visit\"");
		if (v > 0) {
			struct heard *h = heard_slot(v);
			h->visit = v;
			h->count++;
			h->last_us = t;
		}
	}
	/* libcurl takes no new transfer from inside its write callback: drive() fetches. */
	if (!g.probe)
		l->heard = true;
}

static void on_line(struct listener *l, const char *line)
{
	if (!strncmp(line, ": connected", 11)) {
		if (!l->connected && !l->board)
			l->b->desks++;
		l->connected = true;
	} else if (!strncmp(line, "event: ", 7)) {
		snprintf(l->event, sizeof l->event, "%s", line + 7);
	} else if (!strncmp(line, "data: ", 6)) {
		on_event(l, line + 6);
		l->event[0] = 0;
	}
}

static size_t listener_write(char *p, size_t size, size_t n, void *cls)
{
	struct listener *l = cls;
	for (size_t i = 0; i < size * n; i++) {
		if (p[i] == '\n') {
			l->line[l->nline] = 0;
			on_line(l, l->line);
			l->nline = 0;
		} else if (l->nline < sizeof l->line - 1) {
			l->line[l->nline++] = p[i];
		}
	}
	return size * n;
}

static size_t job_write(char *p, size_t size, size_t n, void *cls)
{
	struct job *j = cls;
	size_t room = sizeof j->body - 1 - j->nbody, take = size * n < room ? size * n : room;
	memcpy(j->body + j->nbody, p, take);
	j->nbody += take;
	j->body[j->nbody] = 0;
	return size * n;
}

static void start_job(struct job *j, const char *path, const char *post)
{
	char url[256];
	CURL *h = curl_easy_init();
	snprintf(url, sizeof url, "%s%s", g.url, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, j);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, job_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);
	if (j->kind != K_BOARD_READ)
		j->hdr = curl_slist_append(j->hdr, j->b->auth);
	if (post) {
		j->post = strdup(post);
		j->hdr = curl_slist_append(j->hdr, "Content-Type: application/json");
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, j->post);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, j->hdr);
	curl_multi_add_handle(g.multi, h);
	g.inflight++;
}

static struct branch *random_branch(void)
{
	for (;;) {
		struct branch *b = &g.branch[(size_t)rand() % g.nbranch];
		if (b != g.probe || g.nbranch == 1)
			return b;
	}
}

/* Sends one of the mix's calls on branch b (random when NULL). */
static void send_kind(enum kind k, int64_t due_us, int worker, struct branch *b)
{
	struct job *j = xmalloc(sizeof *j);
	char path[96], body[160];
	j->kind = k;
	j->due_us = due_us;
	j->b = b ? b : random_branch();
	j->worker = worker;
	j->probe = b != NULL;
	const char *code = j->b->code;
	if (k == K_WALKIN || k == K_PHONE) {
		snprintf(path, sizeof path, "/api/v1/branches/%s/visits", code);
		snprintf(body, sizeof body, "{\"channel\":\"%s\",\"note\":\"consortium bench\"}",
			 k == K_WALKIN ? "in_person" : "phone");
		start_job(j, path, body);
	} else if (k == K_REQUEST) {
		snprintf(body, sizeof body,
			 "{\"branch\":\"%s\",\"kind\":\"other\",\"text\":\"a book club set\"}",
			 code);
		start_job(j, "/api/v1/requests", body);
	} else if (k == K_COMPLAINT) {
		snprintf(body, sizeof body,
			 "{\"branch\":\"%s\",\"text\":\"the wifi was down all morning\"}", code);
		start_job(j, "/api/v1/complaints", body);
	} else {
		snprintf(path, sizeof path, "/desk/%s", code);
		start_job(j, path, NULL);
	}
}

/* Closed loop: a worker's next call, drawn by the mix's weights. */
static void send_weighted(int worker)
{
	double total = 0, r;
	for (int k = 0; k <= K_DESK_PAGE; k++)
		total += kinds[k].per_branch_hour;
	r = total * rand() / ((double)RAND_MAX + 1);
	int k = 0;
	while (k < K_DESK_PAGE && r >= kinds[k].per_branch_hour)
		r -= kinds[k++].per_branch_hour;
	send_kind((enum kind)k, now_us(), worker, NULL);
}

static void finish_job(CURL *h, CURLcode rc)
{
	struct job *j;
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&j);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	int64_t t = now_us();
	bool ok = rc == CURLE_OK && status >= 200 && status < 300;
	if (g.measuring && !j->probe) {
		if (ok)
			sample_add(&g.lat[j->kind], (double)(t - j->due_us) / 1000);
		else if (g.lat[j->kind].errors++ < 5)
			fprintf(stderr, "consortium: %s on %s: %s %ld %s\n", kinds[j->kind].name,
				j->b->code, rc ? curl_easy_strerror(rc) : "HTTP", status, j->body);
		if (j->kind < K_QUEUE_READ)
			g.done_mix++;
		else
			g.done_reads++;
	}
	if (g.measuring && ok && j->kind == K_WALKIN && !j->probe) {
		if (g.nwalkin == g.capwalkin) {
			g.capwalkin = g.capwalkin ? 2 * g.capwalkin : 4096;
			g.walkin = realloc(g.walkin, g.capwalkin * sizeof *g.walkin);
			if (!g.walkin)
				abort();
		}
		g.walkin[g.nwalkin++] =
			(struct walkin){json_int(j->body, "\"id\""), j->due_us, j->b, j->b->desks};
	}
	if (j->from) {
		j->from->fetching = false;
		if (j->from->again) {
			j->from->again = false;
			listener_fetch(j->from);
		}
	}
	curl_multi_remove_handle(g.multi, h);
	curl_easy_cleanup(h);
	curl_slist_free_all(j->hdr);
	int worker = j->worker;
	free(j->post);
	free(j);
	g.inflight--;
	if (worker >= 0 && g.sending)
		send_weighted(worker);
}

static void listener_open(struct listener *l, size_t i, const char *bind_prefix)
{
	char url[256], iface[64];
	struct curl_slist *hdr = NULL;
	l->h = curl_easy_init();
	if (l->board) {
		snprintf(url, sizeof url, "%s/board/%s/events", g.url, l->b->code);
	} else {
		snprintf(url, sizeof url, "%s/api/v1/branches/%s/events", g.url, l->b->code);
		hdr = curl_slist_append(hdr, l->b->auth);
	}
	hdr = curl_slist_append(hdr, "Accept: text/event-stream");
	curl_easy_setopt(l->h, CURLOPT_URL, url);
	curl_easy_setopt(l->h, CURLOPT_HTTPHEADER, hdr); /* kept for the stream's life */
	curl_easy_setopt(l->h, CURLOPT_PRIVATE, l);
	curl_easy_setopt(l->h, CURLOPT_WRITEFUNCTION, listener_write);
	curl_easy_setopt(l->h, CURLOPT_WRITEDATA, l);
	curl_easy_setopt(l->h, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(l->h, CURLOPT_FRESH_CONNECT, 1L);
	/* Each screen from an address of its own, as nginx would see desks across the state. */
	if (bind_prefix) {
		snprintf(iface, sizeof iface, "host!%s.%zu.%zu", bind_prefix, i / 250, i % 250 + 1);
		curl_easy_setopt(l->h, CURLOPT_INTERFACE, iface);
	}
	curl_multi_add_handle(g.multi, l->h);
}

static bool is_listener(void *p)
{
	return (char *)p >= (char *)g.l && (char *)p < (char *)(g.l + g.nl);
}

/* libcurl's socket interface on epoll: each wake touches only the transfers that have work,
 * not all 2,000 streams as curl_multi_perform() would (the driver must not be the bottleneck). */
static int on_socket(CURL *h, curl_socket_t fd, int what, void *cls, void *sockp)
{
	(void)h, (void)cls, (void)sockp;
	if (what == CURL_POLL_REMOVE) {
		epoll_ctl(g.epoll, EPOLL_CTL_DEL, fd, NULL);
		return 0;
	}
	struct epoll_event ev = {.data.fd = fd};
	if (what & CURL_POLL_IN)
		ev.events |= EPOLLIN;
	if (what & CURL_POLL_OUT)
		ev.events |= EPOLLOUT;
	if (epoll_ctl(g.epoll, EPOLL_CTL_MOD, fd, &ev) && errno == ENOENT)
		epoll_ctl(g.epoll, EPOLL_CTL_ADD, fd, &ev);
	return 0;
}

static int on_timer(CURLM *m, long timeout_ms, void *cls)
{
	(void)m, (void)cls;
	g.timer_us = timeout_ms < 0 ? -1 : now_us() + timeout_ms * 1000;
	return 0;
}

static void finish_done(void)
{
	int left;
	CURLMsg *m;
	while ((m = curl_multi_info_read(g.multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		void *p;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&p);
		if (is_listener(p)) {
			struct listener *l = p;
			fprintf(stderr, "consortium: a listener on %s closed: %s\n", l->b->code,
				curl_easy_strerror(m->data.result));
			if (l->connected && !l->board)
				l->b->desks--;
			l->connected = false;
			curl_multi_remove_handle(g.multi, l->h);
		} else {
			finish_job(m->easy_handle, m->data.result);
		}
	}
}

/* Runs the transfers for up to wait_ms; finishes the calls that are done. */
static void pump(int wait_ms)
{
	struct epoll_event ev[256];
	int running;
	if (g.timer_us >= 0) {
		int64_t in_ms = (g.timer_us - now_us() + 999) / 1000;
		if (in_ms < wait_ms)
			wait_ms = in_ms > 0 ? (int)in_ms : 0;
	}
	int n = epoll_wait(g.epoll, ev, 256, wait_ms);
	for (int i = 0; i < n; i++) {
		int flags = (ev[i].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
			    (ev[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
			    (ev[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
		curl_multi_socket_action(g.multi, ev[i].data.fd, flags, &running);
	}
	if (g.timer_us >= 0 && now_us() >= g.timer_us) {
		g.timer_us = -1;
		curl_multi_socket_action(g.multi, CURL_SOCKET_TIMEOUT, 0, &running);
	}
	finish_done();
}

static size_t listeners_connected(void)
{
	size_t n = 0;
	for (size_t i = 0; i < g.nl; i++)
		n += g.l[i].connected;
	return n;
}

static void load_tokens(const char *path)
{
	FILE *f = fopen(path, "r");
	char code[16], token[128];
	if (!f) {
		fprintf(stderr, "consortium: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	size_t cap = 0;
	while (fscanf(f, "%15s %127s", code, token) == 2) {
		if (g.nbranch == cap) {
			cap = cap ? 2 * cap : 512;
			g.branch = realloc(g.branch, cap * sizeof *g.branch);
			if (!g.branch)
				abort();
		}
		struct branch *b = &g.branch[g.nbranch++];
		memset(b, 0, sizeof *b);
		snprintf(b->code, sizeof b->code, "%s", code);
		snprintf(b->auth, sizeof b->auth, "Authorization: Bearer %s", token);
	}
	fclose(f);
	if (!g.nbranch) {
		fprintf(stderr, "consortium: %s names no branch\n", path);
		exit(2);
	}
}

/* A probe's end: every listener heard it, or it is given up on. */
static void probe_check(int64_t t)
{
	if (!g.probe_sent_us)
		return;
	size_t n = listeners_connected();
	if ((size_t)g.probe_got >= n) {
		if (g.measuring)
			sample_add(&g.fanout, (double)(g.probe_last_us - g.probe_sent_us) / 1000);
		g.probe_sent_us = 0;
	} else if (t - g.probe_sent_us > PROBE_GIVEUP_US) {
		fprintf(stderr, "consortium: probe %d: %d of %zu listeners heard it within 5 s\n",
			g.probe_seq, g.probe_got, n);
		g.probe_missed += g.measuring;
		g.probe_sent_us = 0;
	}
}

struct run {
	double scale;
	int saturate;
	int64_t seconds;
};

/* The open-loop arrivals, the listeners' ticks and the probe, until `until_us`. */
static void drive(const struct run *r, int64_t until_us, bool arrivals)
{
	double per_s[K__MAX];
	int64_t next[K__MAX], next_probe = now_us();
	size_t active = g.nbranch - (g.probe && g.nbranch > 1);
	for (int k = 0; k < K__MAX; k++) {
		per_s[k] = kinds[k].per_branch_hour * (double)active / 3600 * r->scale;
		next[k] = per_s[k] > 0 ? now_us() + (int64_t)exp_gap_us(per_s[k]) : INT64_MAX;
	}
	for (int64_t t = now_us(); t < until_us; t = now_us()) {
		for (int k = 0; arrivals && !r->saturate && k < K__MAX; k++)
			while (next[k] <= t) {
				send_kind((enum kind)k, next[k], -1, NULL);
				next[k] += (int64_t)exp_gap_us(per_s[k]);
			}
		for (size_t i = 0; i < g.nl; i++) {
			struct listener *l = &g.l[i];
			bool tick = arrivals && !g.probe && l->connected && l->next_tick_us <= t;
			if (tick)
				l->next_tick_us += l->board ? BOARD_TICK_US : DESK_TICK_US;
			if (tick || l->heard)
				listener_fetch(l);
			l->heard = false;
		}
		probe_check(t);
		if (arrivals && g.probe && !g.probe_sent_us && t >= next_probe) {
			g.probe_seq++;
			g.probe_got = 0;
			g.probe_sent_us = t;
			next_probe = t + PROBE_EVERY_US;
			send_kind(K_WALKIN, t, -1, g.probe);
		}
		pump(2);
	}
}

static void fanout_from_walkins(void)
{
	for (size_t i = 0; i < g.nwalkin; i++) {
		struct walkin *w = &g.walkin[i];
		if (w->visit <= 0 || w->desks <= 0)
			continue;
		struct heard *h = heard_slot(w->visit);
		if (h->visit == w->visit && h->count >= w->desks)
			sample_add(&g.fanout, (double)(h->last_us - w->sent_us) / 1000);
		else
			g.fanout_missed++;
	}
}

static void report(const struct run *r)
{
	double secs = (double)r->seconds / 1e6;
	size_t active = g.nbranch - (g.probe && g.nbranch > 1);
	printf("# %zu listeners (%zu connected) on %s; %zu branches\n", g.nl, listeners_connected(),
	       g.probe ? g.probe->code : "every branch", g.nbranch);
	for (int k = 0; k < K__MAX; k++) {
		struct samples *s = &g.lat[k];
		double rate = kinds[k].per_branch_hour * (double)active / 3600 * r->scale;
		if (!s->n && !s->errors)
			continue;
		printf("kind %-52s %6zu done %4ld errors %7.1f/s", kinds[k].name, s->n, s->errors,
		       (double)s->n / secs);
		if (rate > 0 && !r->saturate)
			printf(" (rate %.2f/s)", rate);
		printf(" p50 %6.1f ms p99 %6.1f ms\n", pct(s, 50), pct(s, 99));
		printf("fig p99_%d %.1f\nfig errors_%d %ld\n", k, pct(s, 99), k, s->errors);
	}
	if (g.fanout.n || g.probe_missed || g.fanout_missed)
		printf("fanout: POST to the last %s: %zu samples, %ld missed, p50 %.1f ms, "
		       "p99 %.1f ms\nfig fanout_p99 %.1f\nfig fanout_missed %ld\n",
		       g.probe ? "of every listener (probe)" : "desk of the walk-in's branch",
		       g.fanout.n, g.probe_missed + g.fanout_missed, pct(&g.fanout, 50),
		       pct(&g.fanout, 99), pct(&g.fanout, 99), g.probe_missed + g.fanout_missed);
	/* Only what finished within the window: the drain after it is not throughput. */
	printf("throughput: %.1f mix calls/s, %.1f listeners' reads/s, %.1f in all\n",
	       (double)g.window_mix / secs, (double)g.window_reads / secs,
	       (double)(g.window_mix + g.window_reads) / secs);
	printf("fig mix_per_s %.1f\nfig all_per_s %.1f\n", (double)g.window_mix / secs,
	       (double)(g.window_mix + g.window_reads) / secs);
}

static void usage(void)
{
	fprintf(stderr, "usage: consortium --url URL --tokens FILE [--listeners N] [--seconds S] "
			"[--scale X] [--probe CODE] [--saturate C] [--bind PREFIX]\n");
	exit(2);
}

static void open_listeners(size_t n, const char *bind_prefix)
{
	g.nl = n;
	g.l = xmalloc(n * sizeof *g.l);
	int64_t t = now_us();
	for (size_t i = 0; i < n; i++) {
		struct listener *l = &g.l[i];
		l->b = g.probe ? g.probe : &g.branch[i % g.nbranch];
		l->board = i % 4 == 3; /* 3/4 desks, 1/4 boards */
		/* The ticks of screens opened at random times, not all at once. */
		l->next_tick_us = t + (int64_t)((double)rand() / RAND_MAX *
						(double)(l->board ? BOARD_TICK_US : DESK_TICK_US));
		listener_open(l, i, bind_prefix);
		if (i % 100 == 99)
			pump(1);
	}
	for (int64_t until = now_us() + 60000000; listeners_connected() < n && now_us() < until;)
		pump(10);
	if (listeners_connected() < n) {
		fprintf(stderr, "consortium: only %zu of %zu listeners connected\n",
			listeners_connected(), n);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	struct run r = {.scale = 1, .seconds = 20000000};
	const char *tokens = NULL, *probe = NULL, *bind_prefix = NULL;
	size_t n = 2000;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];
		if (!strcmp(o, "--url"))
			g.url = v;
		else if (!strcmp(o, "--tokens"))
			tokens = v;
		else if (!strcmp(o, "--listeners"))
			n = strtoul(v, NULL, 10);
		else if (!strcmp(o, "--seconds"))
			r.seconds = (int64_t)(atof(v) * 1e6);
		else if (!strcmp(o, "--scale"))
			r.scale = atof(v);
		else if (!strcmp(o, "--probe"))
			probe = v;
		else if (!strcmp(o, "--saturate"))
			r.saturate = atoi(v);
		else if (!strcmp(o, "--bind"))
			bind_prefix = v;
		else
			usage();
	}
	if (!g.url || !tokens || argc % 2 == 0)
		usage();
	srand(25);
	load_tokens(tokens);
	for (size_t i = 0; probe && i < g.nbranch; i++)
		if (!strcmp(g.branch[i].code, probe))
			g.probe = &g.branch[i];
	if (probe && !g.probe) {
		fprintf(stderr, "consortium: --probe %s is not in %s\n", probe, tokens);
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	g.multi = curl_multi_init();
	curl_multi_setopt(g.multi, CURLMOPT_MAXCONNECTS, 1024L);
	g.epoll = epoll_create1(0);
	g.timer_us = -1;
	curl_multi_setopt(g.multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(g.multi, CURLMOPT_TIMERFUNCTION, on_timer);
	g.heard = xmalloc(HEARD_SLOTS * sizeof *g.heard);
	open_listeners(n, bind_prefix);
	drive(&r, now_us() + 2000000, true); /* warm: connections made, caches filled */
	g.measuring = g.sending = true;
	for (int w = 0; w < r.saturate; w++)
		send_weighted(w);
	drive(&r, now_us() + r.seconds, true);
	g.window_mix = g.done_mix;
	g.window_reads = g.done_reads;
	g.sending = false;
	for (int64_t until = now_us() + 10000000; g.inflight > 0 && now_us() < until;)
		drive(&r, now_us() + 10000, false);
	fanout_from_walkins();
	if (r.saturate)
		printf("# closed loop: %d connections sending the mix back to back for %.0f s\n",
		       r.saturate, (double)r.seconds / 1e6);
	else
		printf("# open loop: Poisson arrivals at %.1fx a busy Saturday's peak for %.0f s; "
		       "latency from each call's scheduled time\n"
		       "# the peak, per branch-hour: 40 walk-ins (a third of the ~125 people an "
		       "hour "
		       "of a busy branch), 10 calls, 4 requests, 0.5 complaints, 60 desk page "
		       "loads "
		       "(5 desk screens, each every 5 minutes)\n",
		       r.scale, (double)r.seconds / 1e6);
	report(&r);
	curl_multi_cleanup(g.multi);
	curl_global_cleanup();
	return 0;
}
