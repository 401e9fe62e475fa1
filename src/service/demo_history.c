/* A believable past for the demo, so that the reports and dashboards have something to show:
 * each branch's shifts, visits, callbacks, tours, requests, complaints, roving help, openings
 * and customers' answers over the days before today, inside its opening hours. Written straight through the store in one
 * transaction; the same seed gives the same past. */
#include "service/demo.h"

#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/calendar.h"
#include "policy/hours.h"
#include "store/store_branch.h"
#include "store/store_complaint.h"
#include "store/store_report.h"
#include "store/store_request.h"
#include "store/store_staff.h"
#include "store/store_visit.h"

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
static int answer_visit(struct svc *s, const struct visit *v, int64_t day_start, uint64_t *rng,
			struct fd_error *err)
{
	static const int good[] = {3, 8, 16, 42, 100}, slow[] = {10, 24, 42, 70, 100};
	bool long_wait = v->started_at - v->arrived_at > 300;
	const int *cum = long_wait ? slow : good;
	int roll = below(rng, 100), score = 1;
	while (score < 5 && roll >= cum[score - 1])
		score++;
	int64_t hour = (v->arrived_at - day_start) / 3600;
	int ch = below(rng, 10);
	struct answer_rec a = {
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
		a.comment = score >= 4	 ? happy_comments[below(rng, 4)]
			    : score <= 2 ? unhappy_comments[below(rng, 4)]
					 : "Fine, but the line was slow";
	return store_report_answer_add(s->store, &a, err);
}

/* Seconds since the branch opened when a customer arrives: busier around midday. */
static int arrival(uint64_t *rng, int open_s)
{
	return (below(rng, open_s) + below(rng, open_s)) / 2;
}

/* The day being made at a branch: when it starts and opens, and who answers. */
struct day {
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
				  .channel = chance(rng, 25) ? CHANNEL_PHONE : CHANNEL_IN_PERSON,
				  .new_customer = chance(rng, 5),
				  .arrived_at = opens + at[i]};
		if ((rc = store_visit_insert(s->store, &v, err)) != 0)
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
		rc = store_visit_update(s->store, &v, err);
		if (!rc && v.state == VISIT_FINISHED && v.channel == CHANNEL_IN_PERSON &&
		    chance(rng, day->answer_pct))
			rc = answer_visit(s, &v, day->start, rng, err);
	}
	free(at);
	return rc;
}

static int day_requests(struct svc *s, const struct branch *b, int64_t opens, int open_s, int count,
			int64_t staff_id, int64_t manager_id, bool recent, uint64_t *rng,
			struct fd_error *err)
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
		if (store_request_insert(s->store, &r, err))
			return -1;
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
		if (store_request_update(s->store, &r, err))
			return -1;
	}
	return 0;
}

/* Who was on duty that day: the manager from before the doors opened into the afternoon, the
 * member of staff from before opening to after closing. Now and then the last of them leaves
 * before closing (CS-HOURS), so the dashboards have early closings to show. */
static int day_duty(struct svc *s, const struct branch *b, int64_t opens, int open_s, int late,
		    int64_t staff_id, int64_t manager_id, uint64_t *rng, struct fd_error *err)
{
	int64_t closes = opens + open_s;
	int64_t off =
		chance(rng, 5) ? closes - 600 - below(rng, 5400) : closes + 60 + below(rng, 900);
	if (manager_id && manager_id != staff_id &&
	    store_duty_record(s->store, manager_id, b->id, opens + late - 60 - below(rng, 900),
			      opens + open_s / 2 + below(rng, open_s / 3), err))
		return -1;
	return staff_id ? store_duty_record(s->store, staff_id, b->id,
					    opens + late - 300 - below(rng, 900), off, err)
			: 0;
}

/* Days [first, first + ndays) of one branch's past. */
static int branch_days(struct svc *s, const struct branch *b, int64_t first, int ndays,
		       int visits_per_day, uint64_t *rng, struct fd_error *err)
{
	struct week_hours h;
	struct staff *st;
	size_t nst;
	int64_t staff_id = 0, manager_id = 0;
	if (hours_parse(b->hours, &h, err) ||
	    store_staff_list(s->store, b->id, s->arena, &st, &nst, err))
		return -1;
	for (size_t i = 0; i < nst; i++) {
		if (st[i].role == ROLE_BRANCH_MANAGER)
			manager_id = st[i].id;
		else if (!staff_id && role_is_permanent(st[i].role))
			staff_id = st[i].id;
	}
	staff_id = staff_id ? staff_id : manager_id;
	int64_t *starts = arena_alloc(s->arena, (size_t)(ndays + 1) * sizeof *starts);
	if (tz_day_starts(b->time_zone, first, ndays, starts))
		return fd_fail(err, FD_EINTERNAL, "no time zone for %s", b->code);
	/* Some branches are busier than others. */
	int size = visits_per_day * (60 + below(rng, 80)) / 100;
	for (int d = 0; d < ndays; d++) {
		char local_day[11];
		int64_t start = starts[d];
		timefmt_date(first + d, local_day);
		int wday = (int)((first + d + 4) % 7); /* 1970-01-01 was a Thursday */
		int opens_min = h.day[wday].opens_min, closes_min = h.day[wday].closes_min;
		if (opens_min < 0 || closes_min <= opens_min)
			continue;
		/* As the calendar places hours in a day, so a clock change does not shift them. */
		struct open_span span = calendar_day_span(
			start, starts[d + 1] - start, (struct day_hours){opens_min, closes_min});
		int64_t opens = span.from;
		int open_s = (int)(span.to - span.from);
		int late = chance(rng, 8) ? 120 + below(rng, 900) : 0;
		int count = size * open_s / (8 * 3600) + below(rng, 8);
		/* The last three days before today still have open requests. */
		bool recent = first + d >= s->now / 86400 - 3;
		if (store_opening_insert(s->store, b->id, local_day, opens + late,
					 manager_id ? manager_id : staff_id, late, err) ||
		    day_duty(s, b, opens, open_s, late, staff_id, manager_id, rng, err) ||
		    day_visits(s,
			       &(struct day){b, start, opens, manager_id, open_s,
					     answer_share(s->now / 86400 - (first + d)), local_day},
			       count, staff_id, rng, err) ||
		    day_requests(s, b, opens, open_s, count / 6, staff_id, manager_id, recent, rng,
				 err))
			return -1;
		for (int i = 2 + below(rng, 5); i > 0; i--)
			if (store_roving_insert(s->store, b->id, staff_id,
						opens + below(rng, open_s), err))
				return -1;
		if (chance(rng, 12)) {
			struct complaint c = {.branch_id = b->id,
					      .text = complaint_texts[below(rng, 4)],
					      .policy_section = "",
					      .taken_by_id = manager_id,
					      .taken_at = opens + below(rng, open_s)};
			if (store_complaint_insert(s->store, &c, err))
				return -1;
		}
	}
	return 0;
}

#define DAYS_PER_TRANSACTION 365 /* years of past commit a year at a time */

int demo_history(struct svc *s, const struct demo_size *size, struct fd_error *err)
{
	struct branch *b;
	size_t n;
	uint64_t rng = 20261128;
	if (svc_may(s, ACTION_BRANCH_MANAGE, err) || svc_begin(s, false, err))
		return -1;
	if (svc_end(s, store_branch_list(s->store, s->arena, &b, &n, err), err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (b[i].headquarters || !b[i].hours || !*b[i].hours)
			continue;
		struct tz_day today;
		tz_day(b[i].time_zone, s->now, &today);
		int64_t first = today.day - size->days;
		for (int d = 0; d < size->days; d += DAYS_PER_TRANSACTION) {
			int chunk = size->days - d < DAYS_PER_TRANSACTION ? size->days - d
									  : DAYS_PER_TRANSACTION;
			if (svc_begin(s, true, err) ||
			    svc_end(s,
				    branch_days(s, &b[i], first + d, chunk, size->visits_per_day,
						&rng, err),
				    err))
				return -1;
		}
	}
	return demo_followup(s, err);
}
