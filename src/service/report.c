/* The service report, counted here from the stored facts: each record falls on a day and an
 * hour of its branch's time zone, and policy/figures.c judges it by its rule. */
#include "service/report.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/figures.h"
#include "service/calendar.h"
#include "store/store_branch.h"
#include "store/store_staff.h"

/* The waits of every visit, each under the buckets it counts in: the whole report, its day,
 * its hour of day and its branch. Sorted at the end for the medians. */
struct waits {
	struct bucket_wait *v;
	size_t n, cap;
};

static void waits_add(struct waits *w, const uint32_t bucket[4], int64_t seconds)
{
	if (w->n + 4 > w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->v = xrealloc(w->v, w->cap * sizeof *w->v);
	}
	for (int i = 0; i < 4; i++)
		w->v[w->n++] = (struct bucket_wait){bucket[i], seconds < 0 ? 0 : seconds};
}

/* One branch's part of the report while it is being counted. */
struct counting {
	struct service_report *r;
	const struct branch *b;
	size_t branch_index;
	int64_t first_day;	 /* the civil day of starts[0] */
	const int64_t *starts;	 /* r->ndays + 1 day boundaries in the branch's zone */
	struct open_span *spans; /* when the branch was open: the clocks run in these */
	size_t nspans;
	int64_t now;
	struct waits ack, service;
};

/* The day t falls on; the facts were read for [starts[0], starts[ndays]). */
static size_t day_of(const struct counting *c, int64_t t)
{
	size_t lo = 0, hi = c->r->ndays;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t >= c->starts[mid])
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int hour_of(const struct counting *c, size_t d, int64_t t)
{
	/* Only a day with a clock change needs the zone's rules. */
	if (c->starts[d + 1] - c->starts[d] == 86400)
		return (int)((t - c->starts[d]) / 3600);
	struct tm tm = {0};
	tz_localtime(c->b->time_zone, t, &tm);
	return tm.tm_hour;
}

/* The four sets of figures a record at t counts in, and their wait buckets. */
static void targets(struct counting *c, int64_t t, struct figures *f[4], uint32_t bucket[4])
{
	struct service_report *r = c->r;
	size_t d = day_of(c, t);
	int h = hour_of(c, d, t);
	f[0] = &r->total;
	f[1] = &r->days[d].f;
	f[2] = &r->hours[h];
	f[3] = &r->branches[c->branch_index].f;
	bucket[0] = 0;
	bucket[1] = (uint32_t)(1 + d);
	bucket[2] = (uint32_t)(1 + r->ndays + (size_t)h);
	bucket[3] = (uint32_t)(1 + r->ndays + 24 + c->branch_index);
}

static void count_visit(struct counting *c, const struct visit_fact *v)
{
	struct figures *f[4];
	uint32_t bucket[4];
	targets(c, v->arrived_at, f, bucket);
	int64_t contact = figures_first_contact(v->acknowledged_at, v->started_at);
	struct ack_visit av = {v->arrived_at, contact, v->finished_at, v->state};
	enum ack_result ack = figures_ack(c->spans, c->nspans, &av, c->b->ack_target_s);
	enum callback_result cb = figures_callback(c->spans, c->nspans, v->callback_promised_at,
						   v->callback_done_at, c->now);
	for (int i = 0; i < 4; i++) {
		if (v->state == VISIT_FINISHED) {
			f[i]->served++;
			f[i]->served_by_channel[v->channel]++;
		}
		/* CS-ACK is about customers waiting in front of the desk. */
		if (v->channel == CHANNEL_IN_PERSON && ack != ACK_NOT_COUNTED) {
			f[i]->ack_counted++;
			f[i]->ack_met += ack == ACK_MET;
		}
		if (cb == CALLBACK_KEPT || cb == CALLBACK_LATE) {
			f[i]->callbacks_judged++;
			f[i]->callbacks_kept += cb == CALLBACK_KEPT;
		}
		f[i]->tours_offered += v->tour != TOUR_NONE;
		f[i]->tours_given += v->tour == TOUR_GIVEN;
		f[i]->items_renewed += v->renewed;
		f[i]->items_refused += v->renew_refused;
	}
	/* The wait to acknowledgement is the open time, as its target is. */
	if (v->channel == CHANNEL_IN_PERSON && contact)
		waits_add(&c->ack, bucket,
			  open_seconds(c->spans, c->nspans, v->arrived_at, contact));
	/* The wait to service is of the customers counted as served, so that the median sits
	 * beside its own count: one being served now is counted once finished. A callback's
	 * wait is judged by its promise (callbacks kept), not counted here. */
	if (v->state == VISIT_FINISHED && v->started_at && !v->callback_promised_at)
		waits_add(&c->service, bucket, v->started_at - v->arrived_at);
}

static void count_request(struct counting *c, const struct request_fact *q)
{
	struct figures *f[4];
	uint32_t bucket[4];
	targets(c, q->created_at, f, bucket);
	for (int i = 0; i < 4; i++) {
		f[i]->requests_by_outcome[q->outcome]++;
		f[i]->requests_by_level[q->level]++;
	}
}

static void count_event(struct counting *c, enum event_fact_kind kind, const struct event_fact *e)
{
	struct figures *f[4];
	uint32_t bucket[4];
	targets(c, e->at, f, bucket);
	enum incident_result ir = kind == FACT_INCIDENT ? figures_incident(e->due, e->done, c->now)
							: INCIDENT_PENDING;
	for (int i = 0; i < 4; i++) {
		switch (kind) {
		case FACT_COMPLAINT: f[i]->complaints++; break;
		case FACT_ROVING: f[i]->roving_helps++; break;
		case FACT_LATE_OPENING: f[i]->late_openings++; break;
		case FACT_FETCH:
			f[i]->fetches++;
			f[i]->fetches_answered += e->done != 0;
			break;
		case FACT_INCIDENT:
			f[i]->incidents++;
			f[i]->incidents_judged += ir != INCIDENT_PENDING;
			f[i]->incidents_same_day += ir == INCIDENT_SAME_DAY;
			break;
		}
	}
}

/* Every fact of the report's branches, each kind read once for all of them and grouped by
 * branch: a month of a consortium is a statement a kind, not a statement a kind a branch. */
#define EVENT_KINDS (FACT_FETCH + 1)
struct facts {
	struct visit_fact *v;
	struct request_fact *q;
	struct event_fact *e[EVENT_KINDS];
	struct duty_fact *d;
	struct answer_fact *a;
	/* The facts of the branch at index i are [at[i], at[i + 1]) of each kind. */
	size_t *v_at, *q_at, *e_at[EVENT_KINDS], *d_at, *a_at;
};

/* CS-HOURS: each day of the range the branch was open, as its calendar has it, judged by the
 * shifts there (the branch's, in the order they began). An early closing counts in the hour
 * the last person left. */
static int count_closings(struct svc *s, struct counting *c, const struct duty_fact *facts,
			  size_t n, struct fd_error *err)
{
	size_t ndays = c->r->ndays;
	struct calendar_day *days;
	if (calendar_days_in_tx(s, c->b, c->first_day, (int)ndays, &days, err))
		return -1;
	struct duty_span *duty = arena_alloc(s->arena, (n ? n : 1) * sizeof *duty);
	for (size_t i = 0; i < n; i++)
		duty[i] = (struct duty_span){facts[i].on_at, facts[i].off_at};
	/* The shifts are in the order they began: a day's are among those begun before it
	 * closes [.., hi), less those over before it opened [.., lo) (as far as in order). */
	size_t lo = 0, hi = 0;
	for (size_t d = 0; d < ndays; d++) {
		struct open_span open = calendar_day_span(
			c->starts[d], c->starts[d + 1] - c->starts[d], days[d].hours);
		while (hi < n && duty[hi].on_at < open.to)
			hi++;
		while (lo < hi && duty[lo].off_at && duty[lo].off_at <= open.from)
			lo++;
		int64_t left_at;
		if (figures_closing(open, duty + lo, hi - lo, c->now, &left_at) != CLOSING_EARLY)
			continue;
		struct figures *f[4];
		uint32_t bucket[4];
		targets(c, left_at, f, bucket);
		for (int i = 0; i < 4; i++) {
			f[i]->early_closings++;
			f[i]->early_closing_min += (open.to - left_at + 59) / 60;
		}
	}
	return 0;
}

/* Is t within the branch's own days (the facts were read for all the branches' days)? */
static bool in_range(const struct counting *c, int64_t t)
{
	return t >= c->starts[0] && t < c->starts[c->r->ndays];
}

static void count_events(struct counting *c, const struct facts *all, enum event_fact_kind kind)
{
	size_t i = c->branch_index;
	for (size_t k = all->e_at[kind][i]; k < all->e_at[kind][i + 1]; k++)
		if (in_range(c, all->e[kind][k].at))
			count_event(c, kind, &all->e[kind][k]);
}

static int count_branch(struct svc *s, struct counting *c, const struct facts *all,
			struct fd_error *err)
{
	size_t i = c->branch_index;
	for (size_t k = all->v_at[i]; k < all->v_at[i + 1]; k++)
		if (in_range(c, all->v[k].arrived_at))
			count_visit(c, &all->v[k]);
	count_events(c, all, FACT_ROVING);
	/* Satisfaction sits beside the waits: a queue figure, the branch's as a whole. */
	report_count_answers(c->r, i, c->first_day, all->a + all->a_at[i],
			     all->a_at[i + 1] - all->a_at[i]);
	if (c->r->queue_only)
		return 0;
	for (size_t k = all->q_at[i]; k < all->q_at[i + 1]; k++)
		if (in_range(c, all->q[k].created_at))
			count_request(c, &all->q[k]);
	count_events(c, all, FACT_COMPLAINT);
	count_events(c, all, FACT_LATE_OPENING);
	count_events(c, all, FACT_INCIDENT);
	count_events(c, all, FACT_FETCH);
	return count_closings(s, c, all->d + all->d_at[i], all->d_at[i + 1] - all->d_at[i], err);
}

/* Which of the report's branches each branch id is: its (id, index) pairs sorted by id, so the
 * index is sized by the branches, not by the largest id (ids come from a BIGSERIAL). */
struct branch_slot {
	int64_t id;
	size_t index;
};

struct branch_index {
	struct branch_slot *slot;
	size_t n;
};

static int slot_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct branch_slot *)a)->id, y = ((const struct branch_slot *)b)->id;
	return (x > y) - (x < y);
}

/* SIZE_MAX for a fact of none of the report's branches. */
static size_t index_of(const struct branch_index *bi, const char *fact)
{
	int64_t id;
	memcpy(&id, fact, sizeof id); /* every fact begins with its branch */
	size_t lo = 0, hi = bi->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bi->slot[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < bi->n && bi->slot[lo].id == id ? bi->slot[lo].index : SIZE_MAX;
}

/* n facts of size bytes in *items, reordered (into the arena) by the report's branch, in the
 * order they came within one; *at gets each branch's bounds. Others' are left out. */
static void group(struct svc *s, const struct branch_index *bi, size_t nb, void **items, size_t n,
		  size_t size, size_t **at)
{
	size_t *start = arena_alloc(s->arena, (nb + 1) * sizeof *start);
	size_t *fill = arena_alloc(s->arena, (nb ? nb : 1) * sizeof *fill);
	const char *in = *items;
	char *out = arena_alloc(s->arena, n ? n * size : 1);
	for (size_t i = 0; i < n; i++) {
		size_t b = index_of(bi, in + i * size);
		if (b != SIZE_MAX)
			start[b + 1]++;
	}
	for (size_t b = 0; b < nb; b++) {
		start[b + 1] += start[b];
		fill[b] = start[b];
	}
	for (size_t i = 0; i < n; i++) {
		size_t b = index_of(bi, in + i * size);
		if (b != SIZE_MAX)
			memcpy(out + fill[b]++ * size, in + i * size, size);
	}
	*items = out;
	*at = start;
}

/* Every kind of fact of branches b over [from, to) (answers: the report's days), grouped. */
static int read_facts(struct svc *s, const struct service_report *r, const struct branch *b,
		      size_t nb, int64_t from, int64_t to, struct facts *f, struct fd_error *err)
{
	static const enum event_fact_kind kinds[] = {FACT_COMPLAINT, FACT_LATE_OPENING,
						     FACT_INCIDENT, FACT_FETCH};
	struct branch_index bi = {arena_alloc(s->arena, (nb ? nb : 1) * sizeof *bi.slot), nb};
	int64_t *ids = arena_alloc(s->arena, (nb ? nb : 1) * sizeof *ids);
	for (size_t i = 0; i < nb; i++) {
		ids[i] = b[i].id;
		bi.slot[i] = (struct branch_slot){b[i].id, i};
	}
	qsort(bi.slot, nb, sizeof *bi.slot, slot_cmp);
	struct branch_set in = {ids, nb};
	size_t nv = 0, nq = 0, ne[EVENT_KINDS] = {0}, nd = 0, na = 0;
	*f = (struct facts){0};
	if (store_report_visits(s->store, in, from, to, s->arena, &f->v, &nv, err) ||
	    store_report_events(s->store, FACT_ROVING, in, from, to, s->arena, &f->e[FACT_ROVING],
				&ne[FACT_ROVING], err) ||
	    store_report_answers(s->store, in, r->from, r->to, s->arena, &f->a, &na, err))
		return -1;
	if (!r->queue_only) {
		if (store_report_requests(s->store, in, from, to, s->arena, &f->q, &nq, err) ||
		    store_report_duty(s->store, in, from, to, s->arena, &f->d, &nd, err))
			return -1;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (store_report_events(s->store, kinds[k], in, from, to, s->arena,
						&f->e[kinds[k]], &ne[kinds[k]], err))
				return -1;
	}
	group(s, &bi, nb, (void **)&f->v, nv, sizeof *f->v, &f->v_at);
	group(s, &bi, nb, (void **)&f->q, nq, sizeof *f->q, &f->q_at);
	group(s, &bi, nb, (void **)&f->d, nd, sizeof *f->d, &f->d_at);
	group(s, &bi, nb, (void **)&f->a, na, sizeof *f->a, &f->a_at);
	for (int k = 0; k < EVENT_KINDS; k++)
		group(s, &bi, nb, (void **)&f->e[k], ne[k], sizeof *f->e[k], &f->e_at[k]);
	return 0;
}

/* Each bucket's median and 90th percentile into the figures it belongs to. */
static void set_waits(struct service_report *r, struct waits *w, bool ack)
{
	size_t nb = 1 + r->ndays + 24 + r->nbranches;
	int64_t *median = xcalloc(nb, sizeof *median), *p90 = xcalloc(nb, sizeof *p90);
	figures_percentiles(w->v, w->n, nb, median, p90);
	for (size_t b = 0; b < nb; b++) {
		struct figures *f = b == 0		 ? &r->total
				    : b <= r->ndays	 ? &r->days[b - 1].f
				    : b <= r->ndays + 24 ? &r->hours[b - 1 - r->ndays]
							 : &r->branches[b - 1 - r->ndays - 24].f;
		struct wait_stat *ws = ack ? &f->wait_to_ack : &f->wait_to_service;
		ws->median = median[b];
		ws->p90 = p90[b];
	}
	free(median);
	free(p90);
}

/* The range of days, its defaults read in zone (today there and the six days before). */
static int day_range(struct svc *s, const char *zone, const char *from, const char *to,
		     struct service_report *r, int64_t *first, struct fd_error *err)
{
	struct tz_day today;
	int64_t last = 0;
	*first = 0;
	tz_day(zone, s->now, &today);
	if (to && *to) {
		if (svc_check_date("to", to, &last, err))
			return -1;
	} else {
		last = today.day;
	}
	if (from && *from) {
		if (svc_check_date("from", from, first, err))
			return -1;
	} else {
		*first = last - 6;
	}
	if (*first > last)
		return fd_fail_field(err, "from",
				     "The first day comes after the last day: swap them.");
	if (last - *first + 1 > REPORT_MAX_DAYS)
		return fd_fail_field(err, "to", "a report covers at most %d days", REPORT_MAX_DAYS);
	r->ndays = (size_t)(last - *first + 1);
	timefmt_date(*first, r->from);
	timefmt_date(last, r->to);
	return 0;
}

/* Which branches the actor asked for and may see. */
static int branches_of(struct svc *s, const char *code, struct branch **out, size_t *n,
		       struct fd_error *err)
{
	const struct staff *a = s->actor;
	bool hq = !a || role_is_headquarters(a->role);
	*n = 1;
	*out = arena_alloc(s->arena, sizeof **out);
	if (code && *code) {
		return svc_branch(s, code, *out, err) ||
				       svc_may_at(s, ACTION_REPORT_QUEUE, (*out)->id, err)
			       ? -1
			       : 0;
	}
	if (!hq && !a->branch_id)
		return fd_fail(err, FD_EFORBID,
			       "your account has no home branch to show figures of");
	if (!hq)
		return store_branch_get_by_id(s->store, a->branch_id, s->arena, *out, err);
	/* Every branch that serves the public: Headquarters has no desk of its own. */
	struct branch *all;
	size_t nall;
	if (store_branch_list(s->store, s->arena, &all, &nall, err))
		return -1;
	*n = 0;
	*out = arena_alloc(s->arena, (nall ? nall : 1) * sizeof **out);
	for (size_t i = 0; i < nall; i++)
		if (!all[i].headquarters)
			(*out)[(*n)++] = all[i];
	return 0;
}

static int build(struct svc *s, const char *code, const char *from, const char *to,
		 struct service_report *r, struct fd_error *err)
{
	struct branch *b;
	size_t nb;
	int64_t first;
	if (branches_of(s, code, &b, &nb, err) ||
	    day_range(s, nb ? b[0].time_zone : "UTC", from, to, r, &first, err))
		return -1;
	r->branch = code && *code ? b[0].code : NULL;
	r->days = arena_alloc(s->arena, r->ndays * sizeof *r->days);
	for (size_t d = 0; d < r->ndays; d++)
		timefmt_date(first + (int64_t)d, r->days[d].day);
	r->nbranches = nb;
	r->branches = arena_alloc(s->arena, (nb ? nb : 1) * sizeof *r->branches);

	/* Each branch's days in its own zone; the facts are read once, for all their days. */
	size_t nstarts = r->ndays + 1;
	int64_t *starts = xmalloc((nb ? nb : 1) * nstarts * sizeof *starts), t0 = 0, t1 = 0;
	struct counting c = {.r = r, .first_day = first, .now = s->now};
	struct facts all;
	int rc = 0;
	for (size_t i = 0; i < nb && !rc; i++) {
		int64_t *st = starts + i * nstarts;
		r->branches[i] = (struct report_branch){.code = b[i].code, .name = b[i].name};
		if (tz_day_starts(b[i].time_zone, first, (int)r->ndays, st))
			rc = fd_fail(err, FD_EINTERNAL, "branch %s has no usable time zone",
				     b[i].code);
		t0 = i == 0 || st[0] < t0 ? st[0] : t0;
		t1 = i == 0 || st[r->ndays] > t1 ? st[r->ndays] : t1;
	}
	if (!rc)
		rc = read_facts(s, r, b, nb, t0, t1, &all, err);
	for (size_t i = 0; i < nb && !rc; i++) {
		c.b = &b[i];
		c.branch_index = i;
		c.starts = starts + i * nstarts;
		/* Open times from the day before the range (a wait may start then) to now. */
		rc = calendar_spans_in_tx(s, &b[i], c.starts[0] - 86400,
					  s->now > c.starts[r->ndays] ? s->now : c.starts[r->ndays],
					  &c.spans, &c.nspans, err);
		if (!rc)
			rc = count_branch(s, &c, &all, err);
	}
	if (!rc)
		rc = report_count_mine(s, r, err);
	if (!rc && r->branch)
		rc = report_people(s, r, &b[0], err);
	if (!rc) {
		set_waits(r, &c.ack, true);
		set_waits(r, &c.service, false);
	}
	free(c.ack.v);
	free(c.service.v);
	free(starts);
	return rc;
}

int report_service(struct svc *s, const char *branch, const char *from, const char *to,
		   struct service_report *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (svc_may(s, ACTION_REPORT_QUEUE, err))
		return -1;
	out->queue_only = s->actor && !role_may(s->actor->role, ACTION_REPORT_FULL);
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, build(s, branch, from, to, out, err), err);
}

int report_gauges(struct svc *s, struct gauges *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_queue_gauges(s->store, s->arena, &out->queues, &out->nqueues, err);
	if (!rc)
		rc = store_gauges(s->store, s->now, &out->store, err);
	return svc_end(s, rc, err);
}
