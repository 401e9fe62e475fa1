/* A believable past for the demo, so that the reports and dashboards have something to show:
 * each branch's shifts, visits, callbacks, tours, requests, complaints, roving help, openings
 * and customers' answers over the days before today, inside its opening hours. Written in bulk
 * through the store (store_history.c), a year of a branch to a transaction; the same seed
 * gives the same past. */
#include "service/demo.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/calendar.h"
#include "policy/hours.h"
#include "store/store_branch.h"
#include "store/store_complaint.h"
#include "store/store_history.h"
#include "store/store_staff.h"

/* Rows made and not written yet: one table's, grown as needed. */
struct rows {
	char *items;
	size_t n, cap, size;
};

/* A zeroed new row at the end. */
static void *rows_push(struct rows *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->items = xrealloc(r->items, r->cap * r->size);
	}
	void *row = r->items + r->n++ * r->size;
	memset(row, 0, r->size);
	return row;
}

/* The past being made: rows per table, written in bulk every few weeks of a branch, and the
 * visit ids taken ahead (a customer's answer names its visit before that is written). */
struct past {
	struct rows visits, answers, requests, duty, openings, roving;
	int64_t *ids;
	size_t nids, next_id;
};

#define IDS_AHEAD 4096
#define ROWS_PER_WRITE 20000 /* visits held before they are written */

/* Writes every row held, visits before the answers that name them. */
static int past_write(struct svc *s, struct past *p, struct fd_error *err)
{
	struct store *st = s->store;
	int rc = store_history_visits(st, (struct visit *)p->visits.items, p->visits.n, err) ||
		 store_history_answers(st, (struct answer_rec *)p->answers.items, p->answers.n,
				       err) ||
		 store_history_requests(st, (struct request_rec *)p->requests.items, p->requests.n,
					err) ||
		 store_history_duty(st, (struct duty_rec *)p->duty.items, p->duty.n, err) ||
		 store_history_openings(st, (struct opening_rec *)p->openings.items, p->openings.n,
					err) ||
		 store_history_roving(st, (struct roving_rec *)p->roving.items, p->roving.n, err);
	p->visits.n = p->answers.n = p->requests.n = p->duty.n = p->openings.n = p->roving.n = 0;
	return rc ? -1 : 0;
}

/* A new visit's id: more are taken once those held are written, as SQLite's need. */
static int past_visit_id(struct svc *s, struct past *p, int64_t *id, struct fd_error *err)
{
	if (p->next_id == p->nids) {
		if (past_write(s, p, err) ||
		    store_history_visit_ids(s->store, IDS_AHEAD, p->ids, err))
			return -1;
		p->nids = IDS_AHEAD;
		p->next_id = 0;
	}
	*id = p->ids[p->next_id++];
	return 0;
}

/* Ids taken ahead are good only in their transaction (SQLite's follow the largest). */
static void past_forget_ids(struct past *p)
{
	p->nids = p->next_id = 0;
}

static void past_free(struct past *p)
{
	free(p->visits.items);
	free(p->answers.items);
	free(p->requests.items);
	free(p->duty.items);
	free(p->openings.items);
	free(p->roving.items);
	free(p->ids);
}

/* splitmix64: small, fast and good enough for made-up figures. */
static uint64_t next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static int below(uint64_t *rng, int n)
{
	return n > 0 ? (int)(next(rng) % (uint64_t)n) : 0;
}

static bool chance(uint64_t *rng, int percent)
{
	return below(rng, 100) < percent;
}

static const char *const request_texts[] = {
	"A book club set of ten copies",	 "Help attaching a file to an email",
	"The county's 1950 census microfilm",	 "Renew three items on another card",
	"The meeting room for a quilting group", "A printer that jams on double-sided",
	"Large-print mysteries by a new author", "Tax forms for last year",
};
static const enum request_kind request_kinds[] = {
	REQUEST_MATERIAL,     REQUEST_COMPUTER, REQUEST_REFERENCE,	   REQUEST_RENEWAL,
	REQUEST_MEETING_ROOM, REQUEST_COMPUTER, REQUEST_INTERLIBRARY_LOAN, REQUEST_REFERENCE,
};
static const char *const complaint_texts[] = {
	"The children's area was too noisy for study",
	"Waited at the desk while staff answered the phone",
	"The fine on a returned book seems wrong",
	"Not enough public computers in the afternoon",
};

/* What customers wrote beside their answer, by how it went. */
static const char *const happy_comments[] = {
	"Very patient helping me with the printer",
	"Found exactly the book I needed. Thank you!",
	"Friendly and quick, as always",
	"She showed my son how to use the catalog",
};
static const char *const unhappy_comments[] = {
	"Waited a long time at lunchtime with one person at the desk",
	"Nobody told me how long the wait would be",
	"The line did not move while the phone kept ringing",
	"Had to come back twice for the same question",
};

/* "How was your visit today?": the feature is a year old, so answers begin a year back; a
 * tenth of in-person visits answered at first, more in the last three months as the desk's
 * QR code and the exit kiosk became familiar. */
static int answer_share(int64_t days_ago)
{
	return days_ago > 365 ? 0 : days_ago > 90 ? 10 : 18;
}

/* One finished visit's answer: mostly 4-5; a long wait (the busy middle of the day) brings
 * the low ones, so the figures by hour show where a manager can act. */
static void answer_visit(struct past *p, const struct visit *v, int64_t day_start, uint64_t *rng)
{
	static const int good[] = {3, 8, 16, 42, 100}, slow[] = {10, 24, 42, 70, 100};
	bool long_wait = v->started_at - v->arrived_at > 300;
	const int *cum = long_wait ? slow : good;
	int roll = below(rng, 100), score = 1;
	while (score < 5 && roll >= cum[score - 1])
		score++;
	int64_t hour = (v->arrived_at - day_start) / 3600;
	int ch = below(rng, 10);
	struct answer_rec *a = rows_push(&p->answers);
	*a = (struct answer_rec){
		.visit_id = v->id,
		.branch_id = v->branch_id,
		.served_by = v->served_by,
		.at = v->finished_at + 60 + below(rng, 1800),
		.local_day = v->local_day,
		.hour = hour < 0    ? 0
			: hour > 23 ? 23
				    : (int)hour,
		.score = score,
		.channel = ch < 2   ? FEEDBACK_JOIN
			   : ch < 7 ? FEEDBACK_DESK
				    : FEEDBACK_KIOSK,
	};
	if (chance(rng, 25))
		a->comment = score >= 4	  ? happy_comments[below(rng, 4)]
			     : score <= 2 ? unhappy_comments[below(rng, 4)]
					  : "Fine, but the line was slow";
}

/* Seconds since the branch opened when a customer arrives: busier around midday. */
static int arrival(uint64_t *rng, int open_s)
{
	return (below(rng, open_s) + below(rng, open_s)) / 2;
}

/* The day being made at a branch: when it starts and opens, and who answers. */
struct day {
	struct past *past;
	const struct branch *b;
	int64_t start, opens;
	int64_t manager_id; /* serves now and then in the morning, while on duty */
	int open_s, answer_pct;
	const char *local_day;
};

static int day_visits(struct svc *s, const struct day *day, int count, int64_t staff_id,
		      uint64_t *rng, struct fd_error *err)
{
	const struct branch *b = day->b;
	int64_t opens = day->opens;
	int open_s = day->open_s;
	const char *local_day = day->local_day;
	int *at = malloc((size_t)count * sizeof *at);
	for (int i = 0; i < count; i++)
		at[i] = arrival(rng, open_s - 600);
	/* Tickets follow arrival order. */
	for (int i = 1; i < count; i++)
		for (int j = i; j > 0 && at[j - 1] > at[j]; j--) {
			int t = at[j];
			at[j] = at[j - 1];
			at[j - 1] = t;
		}
	int rc = 0;
	for (int i = 0; i < count && !rc; i++) {
		struct visit v = {.branch_id = b->id,
				  .local_day = local_day,
				  .ticket = i + 1,
				  .channel = chance(rng, 25) ? CHANNEL_PHONE : CHANNEL_IN_PERSON,
				  .new_customer = chance(rng, 5),
				  .arrived_at = opens + at[i]};
		if ((rc = past_visit_id(s, day->past, &v.id, err)) != 0)
			break;
		/* The middle of the day is when the line grows. */
		int busy = at[i] > open_s / 3 && at[i] < 2 * open_s / 3 ? 3 : 1;
		v.queue_at = v.arrived_at;
		v.acknowledged_at = v.arrived_at + 5 + below(rng, 40 * busy);
		v.acknowledged_by = v.served_by =
			day->manager_id && at[i] < open_s / 2 && chance(rng, 30) ? day->manager_id
										 : staff_id;
		v.started_at = v.acknowledged_at + below(rng, 150 * busy);
		v.finished_at = v.started_at + 90 + below(rng, 420);
		v.state = VISIT_FINISHED;
		if (chance(rng, 2)) { /* called and gone */
			v.state = VISIT_NO_SHOW;
			v.called_at = v.started_at;
			v.started_at = v.finished_at = 0;
		} else if (v.channel == CHANNEL_PHONE && chance(rng, 15)) {
			v.callback_phone = "662-555-0100";
			v.callback_promised_at = v.arrived_at + 3600;
			v.callback_done_at =
				v.callback_promised_at +
				(chance(rng, 88) ? -below(rng, 1800) : 300 + below(rng, 3600));
			v.started_at = v.callback_done_at;
			v.finished_at = v.started_at + 240;
		}
		if (v.new_customer) {
			v.tour = chance(rng, 60)   ? TOUR_GIVEN
				 : chance(rng, 50) ? TOUR_DECLINED
						   : TOUR_OFFERED;
			v.tour_at = v.finished_at ? v.finished_at : v.arrived_at;
		}
		*(struct visit *)rows_push(&day->past->visits) = v;
		if (v.state == VISIT_FINISHED && v.channel == CHANNEL_IN_PERSON &&
		    chance(rng, day->answer_pct))
			answer_visit(day->past, &v, day->start, rng);
	}
	free(at);
	return rc;
}

static void day_requests(struct svc *s, struct past *p, const struct branch *b, int64_t opens,
			 int open_s, int count, int64_t staff_id, int64_t manager_id, bool recent,
			 uint64_t *rng)
{
	for (int i = 0; i < count; i++) {
		int k = below(rng, (int)(sizeof request_kinds / sizeof request_kinds[0]));
		struct request_rec r = {.branch_id = b->id,
					.kind = request_kinds[k],
					.text = request_texts[k],
					.created_by = staff_id,
					.created_at = opens + below(rng, open_s)};
		if (r.kind == REQUEST_REFERENCE)
			r.text_retain_until =
				r.created_at + (int64_t)s->config->reference_text_days * 86400;
		/* As the daily purge would have left it (CS-CONFIDENTIAL), not years of it to do
		 * at once when serve first starts. */
		if (r.text_retain_until && r.text_retain_until <= s->now) {
			r.text = REQUEST_TEXT_PURGED;
			r.text_retain_until = 0;
		}
		int roll = below(rng, 100);
		r.level = LEVEL_DESK;
		r.holder_id = staff_id;
		if (roll >= 70) { /* referred to the manager, some on to Headquarters */
			r.level = roll >= 92 ? LEVEL_HEADQUARTERS : LEVEL_BRANCH;
			r.holder_id = r.level == LEVEL_BRANCH ? manager_id : 0;
		}
		/* The last days still have open requests; older ones are all answered. */
		if (!(recent && chance(rng, 30))) {
			r.closed = true;
			r.outcome = roll < 70	? OUTCOME_FULFILLED
				    : roll < 95 ? OUTCOME_ALTERNATIVE_ACCEPTED
						: OUTCOME_NOT_FULFILLED;
			r.closed_at = r.created_at + 600 + below(rng, 86400);
			r.closed_by = r.holder_id ? r.holder_id : manager_id;
		}
		*(struct request_rec *)rows_push(&p->requests) = r;
	}
}

/* Who was on duty that day: the manager from before the doors opened into the afternoon, the
 * member of staff from before opening to after closing. Now and then the last of them leaves
 * before closing (CS-HOURS), so the dashboards have early closings to show. */
static void day_duty(struct past *p, const struct branch *b, int64_t opens, int open_s, int late,
		     int64_t staff_id, int64_t manager_id, uint64_t *rng)
{
	int64_t closes = opens + open_s;
	int64_t off =
		chance(rng, 5) ? closes - 600 - below(rng, 5400) : closes + 60 + below(rng, 900);
	if (manager_id && manager_id != staff_id) {
		int64_t on = opens + late - 60 - below(rng, 900);
		*(struct duty_rec *)rows_push(&p->duty) = (struct duty_rec){
			manager_id, b->id, on, opens + open_s / 2 + below(rng, open_s / 3)};
	}
	if (staff_id) {
		int64_t on = opens + late - 300 - below(rng, 900);
		*(struct duty_rec *)rows_push(&p->duty) =
			(struct duty_rec){staff_id, b->id, on, off};
	}
}

/* A branch's ordinary day, in visits: a consortium's (size->spread) are small rural branches
 * (six in ten, about half the average), town ones (three in ten, about the average) and city
 * ones (one in ten, three and a half times it), so the average stays visits_per_day; otherwise
 * from 60 to 140 % of it. */
static int branch_size(const struct demo_size *size, size_t index, uint64_t *rng)
{
	static const int tier_pct[10] = {350, 110, 53, 53, 110, 53, 53, 110, 53, 53};
	if (!size->spread)
		return size->visits_per_day * (60 + below(rng, 80)) / 100;
	/* Within a tier, from 80 to 120 % of its size. */
	return size->visits_per_day * tier_pct[index % 10] * (80 + below(rng, 41)) / 10000;
}

/* The ids of the branch's manager and of a permanent member of staff (the manager if none). */
static int branch_people(struct svc *s, const struct branch *b, int64_t *staff_id,
			 int64_t *manager_id, struct fd_error *err)
{
	struct staff *st;
	size_t nst;
	*staff_id = *manager_id = 0;
	if (store_staff_list(s->store, b->id, s->arena, &st, &nst, err))
		return -1;
	for (size_t i = 0; i < nst; i++) {
		if (st[i].role == ROLE_BRANCH_MANAGER)
			*manager_id = st[i].id;
		else if (!*staff_id && role_is_permanent(st[i].role))
			*staff_id = st[i].id;
	}
	*staff_id = *staff_id ? *staff_id : *manager_id;
	return 0;
}

/* A branch as its past is made: who serves, its hours, its size and its days' starts. */
struct branch_past {
	const struct branch *b;
	struct week_hours h;
	int64_t staff_id, manager_id, first; /* first: the civil day its past begins */
	int64_t *starts;		     /* days + 1 day boundaries in its zone */
	int size;			     /* visits on an ordinary eight-hour day */
};

static int branch_past_init(struct svc *s, struct branch_past *bp, const struct branch *b, int days,
			    int size, struct fd_error *err)
{
	struct tz_day today;
	*bp = (struct branch_past){.b = b, .size = size};
	if (hours_parse(b->hours, &bp->h, err) ||
	    branch_people(s, b, &bp->staff_id, &bp->manager_id, err))
		return -1;
	tz_day(b->time_zone, s->now, &today);
	bp->first = today.day - days;
	bp->starts = arena_alloc(s->arena, (size_t)(days + 1) * sizeof *bp->starts);
	if (tz_day_starts(b->time_zone, bp->first, days, bp->starts))
		return fd_fail(err, FD_EINTERNAL, "no time zone for %s", b->code);
	return 0;
}

/* Day d of a branch's past (from 0), if it was open: its opening, shifts, visits, requests,
 * roving help and now and then a complaint. */
static int branch_day(struct svc *s, struct past *p, const struct branch_past *bp, int d,
		      uint64_t *rng, struct fd_error *err)
{
	const struct branch *b = bp->b;
	int64_t staff_id = bp->staff_id, manager_id = bp->manager_id, day_no = bp->first + d;
	int64_t start = bp->starts[d];
	int wday = (int)((day_no + 4) % 7); /* 1970-01-01 was a Thursday */
	int opens_min = bp->h.day[wday].opens_min, closes_min = bp->h.day[wday].closes_min;
	if (opens_min < 0 || closes_min <= opens_min)
		return 0;
	char day[11];
	timefmt_date(day_no, day);
	const char *local_day = arena_strdup(s->arena, day); /* held until written */
	/* As the calendar places hours in a day, so a clock change does not shift them. */
	struct open_span span = calendar_day_span(start, bp->starts[d + 1] - start,
						  (struct day_hours){opens_min, closes_min});
	int64_t opens = span.from;
	int open_s = (int)(span.to - span.from);
	int late = chance(rng, 8) ? 120 + below(rng, 900) : 0;
	int count = bp->size * open_s / (8 * 3600) + below(rng, 8);
	/* The last three days before today still have open requests. */
	bool recent = day_no >= s->now / 86400 - 3;
	*(struct opening_rec *)rows_push(&p->openings) = (struct opening_rec){
		.branch_id = b->id,
		.opened_at = opens + late,
		.opened_by = manager_id ? manager_id : staff_id,
		.local_day = local_day,
		.late_s = late,
	};
	day_duty(p, b, opens, open_s, late, staff_id, manager_id, rng);
	if (day_visits(s,
		       &(struct day){p, b, start, opens, manager_id, open_s,
				     answer_share(s->now / 86400 - day_no), local_day},
		       count, staff_id, rng, err))
		return -1;
	day_requests(s, p, b, opens, open_s, count / 6, staff_id, manager_id, recent, rng);
	for (int i = 2 + below(rng, 5); i > 0; i--)
		*(struct roving_rec *)rows_push(&p->roving) =
			(struct roving_rec){b->id, staff_id, opens + below(rng, open_s)};
	if (chance(rng, 12)) {
		struct complaint c = {.branch_id = b->id,
				      .text = complaint_texts[below(rng, 4)],
				      .policy_section = "",
				      .taken_by_id = manager_id,
				      .taken_at = opens + below(rng, open_s)};
		if (store_complaint_insert(s->store, &c, err))
			return -1;
	}
	return 0;
}

#define DAYS_PER_TRANSACTION 28 /* of every branch: the past commits four weeks at a time */

/* Days [from, to) of every branch, in the order they happened: a day of every branch, then
 * the next, so that the tables hold the branches' rows interleaved as a live system's do. */
static int days_of_all(struct svc *s, struct past *p, struct branch_past *bp, size_t n, int from,
		       int to, uint64_t *rng, struct fd_error *err)
{
	for (int d = from; d < to; d++) {
		for (size_t i = 0; i < n; i++)
			if (branch_day(s, p, &bp[i], d, rng, err))
				return -1;
		if (p->visits.n >= ROWS_PER_WRITE && past_write(s, p, err))
			return -1;
	}
	return past_write(s, p, err);
}

int demo_history(struct svc *s, const struct demo_size *size, struct fd_error *err)
{
	struct branch *b;
	size_t n, nbp = 0;
	uint64_t rng = 20261128;
	if (svc_may(s, ACTION_BRANCH_MANAGE, err) || svc_begin(s, false, err))
		return -1;
	if (svc_end(s, store_branch_list(s->store, s->arena, &b, &n, err), err))
		return -1;
	struct branch_past *bp = arena_alloc(s->arena, (n ? n : 1) * sizeof *bp);
	if (svc_begin(s, false, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (b[i].headquarters || !b[i].hours || !*b[i].hours)
			continue;
		if (branch_past_init(s, &bp[nbp++], &b[i], size->days, branch_size(size, i, &rng),
				     err))
			return svc_end(s, -1, err);
	}
	if (svc_end(s, 0, err))
		return -1;
	struct past p = {.visits.size = sizeof(struct visit),
			 .answers.size = sizeof(struct answer_rec),
			 .requests.size = sizeof(struct request_rec),
			 .duty.size = sizeof(struct duty_rec),
			 .openings.size = sizeof(struct opening_rec),
			 .roving.size = sizeof(struct roving_rec),
			 .ids = xmalloc(IDS_AHEAD * sizeof(int64_t))};
	int rc = 0;
	for (int d = 0; d < size->days && !rc; d += DAYS_PER_TRANSACTION) {
		int to = d + DAYS_PER_TRANSACTION < size->days ? d + DAYS_PER_TRANSACTION
							       : size->days;
		past_forget_ids(&p);
		rc = svc_begin(s, true, err) ||
		     svc_end(s, days_of_all(s, &p, bp, nbp, d, to, &rng, err), err);
	}
	past_free(&p);
	return rc ? -1 : demo_followup(s, err);
}
