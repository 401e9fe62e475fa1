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

/* CS-HOURS: each day of the range the branch was open, as its calendar has it, judged by the
 * shifts there. An early closing counts in the hour the last person left. */
static int count_closings(struct svc *s, struct counting *c, struct fd_error *err)
{
	size_t ndays = c->r->ndays, n;
	struct calendar_day *days;
	struct duty_fact *facts;
	if (calendar_days_in_tx(s, c->b, c->first_day, (int)ndays, &days, err) ||
	    store_report_duty(s->store, c->b->id, c->starts[0], c->starts[ndays], s->arena, &facts,
			      &n, err))
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

static int count_branch(struct svc *s, struct counting *c, struct fd_error *err)
{
	int64_t from = c->starts[0], to = c->starts[c->r->ndays];
	struct visit_fact *v;
	struct request_fact *q;
	struct event_fact *e;
	size_t n;
	if (store_report_visits(s->store, c->b->id, from, to, s->arena, &v, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		count_visit(c, &v[i]);
	if (store_report_events(s->store, FACT_ROVING, c->b->id, from, to, s->arena, &e, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		count_event(c, FACT_ROVING, &e[i]);
	/* Satisfaction sits beside the waits: a queue figure, the branch's as a whole. */
	if (report_count_answers(s, c->r, c->branch_index, c->b->id, c->first_day, err))
		return -1;
	if (c->r->queue_only)
		return 0;
	if (store_report_requests(s->store, c->b->id, from, to, s->arena, &q, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		count_request(c, &q[i]);
	static const enum event_fact_kind kinds[] = {FACT_COMPLAINT, FACT_LATE_OPENING,
						     FACT_INCIDENT, FACT_FETCH};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		if (store_report_events(s->store, kinds[k], c->b->id, from, to, s->arena, &e, &n,
					err))
			return -1;
		for (size_t i = 0; i < n; i++)
			count_event(c, kinds[k], &e[i]);
	}
	return count_closings(s, c, err);
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

	int64_t *starts = xmalloc((r->ndays + 1) * sizeof *starts);
	struct counting c = {.r = r, .first_day = first, .starts = starts, .now = s->now};
	int rc = 0;
	for (size_t i = 0; i < nb && !rc; i++) {
		r->branches[i] = (struct report_branch){.code = b[i].code, .name = b[i].name};
		c.b = &b[i];
		c.branch_index = i;
		if (tz_day_starts(b[i].time_zone, first, (int)r->ndays, starts))
			rc = fd_fail(err, FD_EINTERNAL, "branch %s has no usable time zone",
				     b[i].code);
		/* Open times from the day before the range (a wait may start then) to now. */
		else if ((rc = calendar_spans_in_tx(s, &b[i], starts[0] - 86400,
						    s->now > starts[r->ndays] ? s->now
									      : starts[r->ndays],
						    &c.spans, &c.nspans, err)) == 0)
			rc = count_branch(s, &c, err);
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
