/* Desk queue use cases: each is one transaction holding the branch's queue lock, and each
 * change leaves a queue event for the live desks on every node. */
#include "service/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "service/branch.h"
#include "service/ban.h"
#include "service/catalogue.h"
#include "service/customer_link.h"
#include "service/duty.h"

#define SERVICE_TIMES_WINDOW_S (2 * 3600) /* the wait estimate looks back two hours */

/* The branch's day now, found once per request: the visits' facts all read it. */
struct today {
	const char *date; /* the local date, as a visit's local_day has it */
	struct tz_day day;
};

/* The branch's local date, as text, and the local day it is now (tz_day). */
static void local_day(const struct svc *s, const struct branch *b, struct today *out)
{
	char date[11];
	tz_day(b->time_zone, s->now, &out->day);
	timefmt_date(out->day.day, date);
	out->date = arena_strdup(s->arena, date);
}

/* The spans a branch was open, from some instant up to now: the queue's clocks run in them. */
struct clock {
	struct open_span *spans;
	size_t n;
};

static int clock_since(struct svc *s, const struct branch *b, int64_t since, struct clock *c,
		       struct fd_error *err)
{
	return calendar_spans_in_tx(s, b, since < s->now ? since : s->now, s->now, &c->spans, &c->n,
				    err);
}

/* The earliest instant a clock of v starts at. */
static int64_t clock_start(const struct visit *v)
{
	return v->callback_promised_at && v->callback_promised_at < v->arrived_at
		       ? v->callback_promised_at
		       : v->arrived_at;
}

/* Today's advertised span at b, as the calendar has it (none on a day it is closed); the
 * opening instant is found as the calendar finds it, clock changes and all. */
static int today_span(struct svc *s, const struct branch *b, const struct today *t,
		      struct open_span *out, struct fd_error *err)
{
	struct calendar_day *days;
	if (calendar_days_in_tx(s, b, calendar_local_day(b, s->now), 1, &days, err))
		return -1;
	*out = calendar_day_span(t->day.start, t->day.end - t->day.start, days[0].hours);
	return 0;
}

/* CS-NEWCUST: registered today at the branch, or flagged new at the desk. Today's span, not
 * a time zone per visit: the queue's read is the desk's busiest. */
static bool is_new_customer(const struct visit *v, const struct today *t)
{
	return v->new_customer || (v->customer_registered_at >= t->day.start &&
				   v->customer_registered_at < t->day.end);
}

/* Where a visit stands in its branch's queue today: what the policy asks besides the visit. */
struct standing {
	int walkins_ahead;		    /* waiting in person, before it in the serving order */
	bool today;			    /* the visit is of the branch's day today */
	bool is_new;			    /* is_new_customer(), found once per visit */
	bool busy;			    /* the actor serves someone else now (one at a time) */
	bool busy_walkin;		    /* and that someone is in the library */
	char busy_ticket[TICKET_LABEL_MAX]; /* whom, when known */
};

/* The visit the actor serves now in list, if any. */
static const struct visit *actor_serving(const struct svc *s, const struct visit *list, size_t n)
{
	for (size_t i = 0; s->actor && i < n; i++)
		if (list[i].state == VISIT_SERVING && list[i].served_by == s->actor->id)
			return &list[i];
	return NULL;
}

static void stand_busy(const struct visit *mine, const struct visit *v, struct standing *out)
{
	out->busy = mine && mine->id != v->id;
	out->busy_walkin = out->busy && mine->channel == CHANNEL_IN_PERSON;
	out->busy_ticket[0] = '\0';
	if (out->busy)
		ticket_label(mine->channel, mine->ticket, out->busy_ticket);
}

/* The facts every desk move of v is judged on: the one assembly the actions offered and the
 * actions taken share. */
static struct visit_facts facts_of(const struct svc *s, const struct branch *b,
				   const struct visit *v, const struct standing *at)
{
	return (struct visit_facts){
		.state = v->state,
		.channel = v->channel,
		.acknowledged = v->acknowledged_at != 0,
		.called_by_next = v->called_at != 0,
		.held = v->hold_at != 0,
		.today = at->today,
		.is_new = at->is_new,
		.tour = v->tour,
		.seconds_since_called = v->called_at ? s->now - v->called_at : 0,
		.no_show_after_s = b->no_show_after_s,
		.in_person_ahead = at->walkins_ahead,
		.actor_busy = at->busy,
		.joined_by_phone = v->joined == JOINED_PHONE,
		.renewal = v->reason == REASON_RENEWAL,
		.actor_serving_walkin = at->busy_walkin,
	};
}

/* Who reads or acts at branch branch_id, as the desk's moves depend on it. */
static struct actor_facts actor_at(const struct svc *s, int64_t branch_id)
{
	if (!s->actor)
		return (struct actor_facts){.command_line = true};
	return (struct actor_facts){s->actor->role, s->actor->duty_branch_id == branch_id, false};
}

static void view_of(const struct svc *s, const struct branch *b, const struct clock *c,
		    const struct visit *v, const struct standing *at, struct visit_view *out)
{
	memset(out, 0, sizeof *out);
	out->v = *v;
	/* CS-CONFIDENTIAL: volunteers and pages work the queue but see no customer record,
	 * not even the card and name a colleague linked to a visit, a callback's number, or
	 * the first name a customer gave with a phone ticket (they see it was one). */
	if (!svc_sees_customers(s))
		out->v.customer_card = out->v.customer_name = out->v.callback_phone =
			out->v.first_name = NULL;
	out->is_new = at->is_new;
	/* CS-ACK and CS-INPERSON in open hours: a clock stands still while the branch is shut. */
	out->ack_overdue = v->state == VISIT_WAITING &&
			   ack_overdue_open(c->spans, c->n, v->arrived_at, v->acknowledged_at != 0,
					    b->ack_target_s, s->now);
	out->walkins_ahead = at->walkins_ahead;
	memcpy(out->busy_with, at->busy_ticket, sizeof out->busy_with);
	out->callback_overdue =
		v->state == VISIT_CALLBACK &&
		callback_overdue_open(c->spans, c->n, v->callback_promised_at, s->now);
	out->wait_s = (v->started_at ? v->started_at : s->now) - v->arrived_at;
	/* CS-ACK's target as the customer lives it: minutes on the clock, opening hours or not
	 * (a branch opened outside its hours has no open time for ack_overdue to count). */
	out->past_target = v->state == VISIT_WAITING && out->wait_s > b->ack_target_s;
	/* What the page draws and the API lists: the policy's moves for this reader. */
	struct visit_facts f = facts_of(s, b, v, at);
	struct actor_facts who = actor_at(s, b->id);
	out->actions = visit_actions(&f, &who);
	out->not_yet = visit_actions_later(&f, &who);
}

/* The bans in force that concern list's customers: none read when nobody in it is linked to
 * a customer. Volunteers and pages get them too, without the customer (ban.c nulls the card
 * and name: CS-CONFIDENTIAL), so that the ticket is flagged and not served alone. */
static int bans_for(struct svc *s, const struct visit *list, size_t n, struct restriction **bans,
		    size_t *nbans, struct fd_error *err)
{
	bool any = false;
	*nbans = 0;
	for (size_t i = 0; i < n && !any; i++)
		any = list[i].customer_id != 0;
	if (!any)
		return 0;
	return ban_list_in_force_in_tx(s, bans, nbans, err);
}

/* A ban is not a refusal: the visit joins the line, and staff decide with the person in
 * charge (the desk is told, beside the ticket). */
static void mark_bans(struct svc *s, const struct restriction *bans, size_t nbans,
		      struct visit_view *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		v[i].ban = ban_of_customer(bans, nbans, v[i].v.customer_id);
		v[i].ban_notice = v[i].ban ? ban_visit_notice(s, v[i].ban) : NULL;
	}
}

/* mark_bans for one visit view, out of v. */
static int mark_ban(struct svc *s, const struct visit *v, struct visit_view *out,
		    struct fd_error *err)
{
	struct restriction *bans = NULL;
	size_t nbans;
	if (bans_for(s, v, 1, &bans, &nbans, err))
		return -1;
	mark_bans(s, bans, nbans, out, 1);
	return 0;
}

/* Desk work at a branch is done by someone on duty there (the command line excepted). */
static int require_on_duty(struct svc *s, const struct branch *b, struct fd_error *err)
{
	return svc_may_at(s, ACTION_QUEUE_WORK, b->id, err) || duty_require_at(s, b, false, err)
		       ? -1
		       : 0;
}

static int changed(struct svc *s, const struct branch *b, const char *kind, int64_t visit_id,
		   struct fd_error *err)
{
	return store_event_append(s->store, b->id, kind, visit_id, s->now, err);
}

const char *queue_greeting(struct svc *s, const struct branch_view *bv, int lang)
{
	struct tm tm = {0};
	struct buf g = BUF_INIT;
	tz_localtime(bv->branch.time_zone, s->now, &tm);
	const char *opens = bv->opens_next ? tz_when_words(s->arena, lang, bv->branch.time_zone,
							   bv->opens_next, s->now)
					   : NULL;
	phone_greeting(lang, tm.tm_hour, bv->branch.name, s->actor ? s->actor->name : "the library",
		       opens, &g);
	const char *out = arena_strdup(s->arena, buf_str(&g));
	buf_free(&g);
	return out;
}

static const struct input_field visit_fields[] = {
	{"channel", "Channel", INPUT_ENUM, true, .vocab = &vocab_channel,
	 .offset = offsetof(struct visit_input, channel)},
	INPUT_CARD_FIELD("customer_card", false, offsetof(struct visit_input, customer_card)),
	{"new_customer", "New customer", INPUT_BOOL, false,
	 .offset = offsetof(struct visit_input, new_customer)},
	{"note", "Note", INPUT_TEXT, false, 0, 500, .offset = offsetof(struct visit_input, note)},
	{"renewal", "Renewal call", INPUT_BOOL, false,
	 .offset = offsetof(struct visit_input, renewal)},
};
const struct input_table visit_input_table = INPUT_TABLE(visit_fields);

static int stand_newcomer(struct svc *s, const struct branch *b, const struct visit *v,
			  const struct today *t, struct standing *out, struct fd_error *err);

/* CS-INPERSON: a renewal call taken while the desk worker serves someone in the library is
 * asked to hold at once, its place set by that instant (visit_arrival_state). */
static int hold_on_arrival(struct svc *s, struct visit *v, const struct standing *at,
			   struct fd_error *err)
{
	if (visit_arrival_state(v->channel, v->reason == REASON_RENEWAL, at->busy_walkin) !=
	    VISIT_ON_HOLD)
		return 0;
	v->state = VISIT_ON_HOLD;
	v->hold_at = s->now;
	return store_visit_update(s->store, v, err);
}

/* in was read through visit_input_table: its values are checked. */
int queue_visit_add(struct svc *s, const char *branch, const struct visit_input *in,
		    struct visit_view *out, struct fd_error *err)
{
	struct branch b;
	struct visit v = {0};
	if (in->channel >= CHANNEL__MAX)
		return fd_fail_field(err, "channel",
				     "Say how the customer came: in person or by phone.");
	if (in->renewal && in->channel != CHANNEL_PHONE)
		return fd_fail_field(err, "renewal",
				     "A renewal call is a phone call: renew the items of a "
				     "customer in the library while you serve them.");
	catalogue_card_ask(s, in->customer_card); /* before the transaction: it may wait */
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_branch_get(s->store, branch, s->arena, &b, err)) != 0 ||
	    (rc = store_branch_lock(s->store, b.id, err)) != 0 ||
	    (rc = require_on_duty(s, &b, err)) != 0)
		goto out;
	v.branch_id = b.id;
	v.channel = in->channel;
	v.new_customer = in->new_customer;
	v.note = in->note;
	v.reason = in->renewal ? REASON_RENEWAL : REASON_NONE;
	v.arrived_at = s->now;
	struct today t;
	local_day(s, &b, &t);
	v.local_day = t.date;
	if (in->customer_card &&
	    (rc = customer_link_in_tx(s, in->customer_card, "visit", &v.customer_id, err)) != 0)
		goto out;
	/* Just arrived: no clock has run yet, so none needs the calendar (a writer's time). */
	struct clock c = {NULL, 0};
	struct standing at = {0};
	if ((rc = store_visit_insert(s->store, &v, err)) != 0 ||
	    (rc = changed(s, &b, "visit.created", v.id, err)) != 0 ||
	    (rc = store_visit_get(s->store, v.id, s->arena, &v, err)) != 0 ||
	    (rc = stand_newcomer(s, &b, &v, &t, &at, err)) != 0 ||
	    (rc = hold_on_arrival(s, &v, &at, err)) != 0)
		goto out;
	view_of(s, &b, &c, &v, &at, out);
	if (v.state == VISIT_ON_HOLD)
		out->instruction = renewal_hold_words;
	if ((rc = mark_ban(s, &v, out, err)) != 0)
		goto out;
	struct branch_view bv;
	if (v.channel == CHANNEL_PHONE && (rc = branch_view_in_tx(s, &b, &bv, err)) == 0)
		out->greeting = queue_greeting(s, &bv, LANG_ENGLISH);
out:
	return svc_end(s, rc, err);
}

/* CS-EQUAL: the order sees the channel, the times and an id, nothing about the customer. */
static struct queue_entry entry_of(const struct visit *v, int64_t id)
{
	return (struct queue_entry){v->channel, v->hold_at, v->queue_at, id};
}

/* The in-person customers waiting who come before v in the serving order (CS-INPERSON). */
static int in_person_ahead(const struct visit *list, size_t n, const struct visit *v)
{
	struct queue_entry me = entry_of(v, v->id);
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		struct queue_entry e = entry_of(&list[i], list[i].id);
		count += list[i].state == VISIT_WAITING && list[i].channel == CHANNEL_IN_PERSON &&
			 list[i].id != v->id && queue_before(&e, &me);
	}
	return count;
}

/* The waiting visits of list (and, for next, the callers on hold), in serving order. */
static size_t waiting_in_order(struct svc *s, const struct visit *list, size_t n, bool on_hold,
			       const struct visit ***out)
{
	struct queue_entry *e = arena_alloc(s->arena, (n ? n : 1) * sizeof *e);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (list[i].state == VISIT_WAITING || (on_hold && list[i].state == VISIT_ON_HOLD))
			e[k++] = entry_of(&list[i], (int64_t)i);
	queue_order(e, k);
	*out = arena_alloc(s->arena, (k ? k : 1) * sizeof **out);
	for (size_t i = 0; i < k; i++)
		(*out)[i] = &list[e[i].id];
	return k;
}

/* What v's standing owes to the day: whether it is today's, and a customer new today. */
static void stand_today(const struct visit *v, const struct today *t, struct standing *out)
{
	out->today = v->local_day && strcmp(v->local_day, t->date) == 0;
	out->is_new = is_new_customer(v, t);
}

static void stand(const struct svc *s, const struct visit *list, size_t n, const struct today *t,
		  const struct visit *v, struct standing *out)
{
	out->walkins_ahead = in_person_ahead(list, n, v);
	stand_today(v, t, out);
	stand_busy(actor_serving(s, list, n), v, out);
}

/* stand() for every visit of list at once, out[i] for list[i]: one sort, then the walk-ins
 * waiting counted along the serving order. The list is in id order, so an index breaks ties
 * as the id would. */
static void stand_all(struct svc *s, const struct visit *list, size_t n, const struct today *t,
		      struct standing *out)
{
	struct queue_entry *e = arena_alloc(s->arena, (n ? n : 1) * sizeof *e);
	for (size_t i = 0; i < n; i++)
		e[i] = entry_of(&list[i], (int64_t)i);
	queue_order(e, n);
	int walkins = 0;
	const struct visit *mine = actor_serving(s, list, n);
	for (size_t k = 0; k < n; k++) {
		const struct visit *v = &list[e[k].id];
		out[e[k].id].walkins_ahead = walkins;
		stand_today(v, t, &out[e[k].id]);
		stand_busy(mine, v, &out[e[k].id]);
		walkins += v->state == VISIT_WAITING && v->channel == CHANNEL_IN_PERSON;
	}
}

/* Where a visit that has just joined the line stands. Only a phone caller's start waits for
 * the walk-ins ahead (CS-INPERSON), so a walk-in's arrival, the busiest write, reads no line.
 * A caller who has just called was never on hold, so every walk-in waiting is ahead of her,
 * and her moves need only whether there is one: one indexed look, not the whole line. */
static int stand_newcomer(struct svc *s, const struct branch *b, const struct visit *v,
			  const struct today *t, struct standing *out, struct fd_error *err)
{
	bool any = false;
	stand_today(v, t, out);
	if (s->actor && store_visit_serving_by(s->store, b->id, s->actor->id, &out->busy,
					       &out->busy_walkin, err))
		return -1;
	if (v->channel != CHANNEL_PHONE)
		return 0;
	if (store_visit_walkin_waiting(s->store, b->id, &any, err))
		return -1;
	out->walkins_ahead = any; /* at least one, which is all the policy asks */
	return 0;
}

int queue_follow(struct svc *s, const char *branch, struct branch *out, struct fd_error *err)
{
	if (svc_may(s, ACTION_QUEUE_WORK, err) || svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_branch_get(s->store, branch, s->arena, out, err), err);
}

/* Inside the transaction, so that the stamp and the view are read from the same snapshot;
 * the generation is read before it began, so a write counted later is not in the view. */
static void stamp_reader(const struct svc *s, uint64_t generation, struct queue_stamp *out)
{
	out->now = s->now;
	out->generation = generation;
	out->customers = !s->actor || role_may(s->actor->role, ACTION_CUSTOMER_READ);
	struct actor_facts who = actor_at(s, out->branch_id);
	out->desk = actor_works_desk(&who);
	/* A desk's actions are its reader's own (one customer at a time each): never shared. */
	out->reader = out->desk && s->actor ? s->actor->id : 0;
}

static int stamp_of(struct svc *s, const struct branch *b, uint64_t generation,
		    struct queue_stamp *out, struct fd_error *err)
{
	out->branch_id = b->id;
	stamp_reader(s, generation, out);
	return store_event_max(s->store, &out->last_event, err);
}

int queue_stamp(struct svc *s, const char *branch, struct queue_stamp *out, struct fd_error *err)
{
	/* Read before the statement, as queue_get reads it before its transaction. */
	uint64_t generation = store_generation();
	if (svc_may(s, ACTION_QUEUE_WORK, err) ||
	    store_queue_stamp(s->store, branch, &out->branch_id, &out->last_event, err))
		return -1;
	stamp_reader(s, generation, out);
	return 0;
}

/* The view of the visit queue_next would take now, among q's waiting and on hold. */
static const struct visit_view *next_view(struct svc *s, const struct queue_view *q,
					  const struct visit *list, size_t n)
{
	const struct visit **order;
	if (waiting_in_order(s, list, n, true, &order) == 0)
		return NULL;
	for (size_t i = 0; i < q->nwaiting; i++)
		if (q->waiting[i].v.id == order[0]->id)
			return &q->waiting[i];
	for (size_t i = 0; i < q->non_hold; i++)
		if (q->on_hold[i].v.id == order[0]->id)
			return &q->on_hold[i];
	return NULL;
}

/* mark_bans for every visit of q, made from list: one read of the bans in force. */
static int mark_queue_bans(struct svc *s, const struct visit *list, size_t n, struct queue_view *q,
			   struct fd_error *err)
{
	struct restriction *bans = NULL;
	size_t nbans;
	if (bans_for(s, list, n, &bans, &nbans, err))
		return -1;
	mark_bans(s, bans, nbans, q->waiting, q->nwaiting);
	mark_bans(s, bans, nbans, q->serving, q->nserving);
	mark_bans(s, bans, nbans, q->on_hold, q->non_hold);
	mark_bans(s, bans, nbans, q->callbacks, q->ncallbacks);
	mark_bans(s, bans, nbans, q->no_shows, q->nno_shows);
	return 0;
}

int queue_get(struct svc *s, const char *branch, struct queue_view *out, struct fd_error *err)
{
	struct visit *list;
	const struct visit **order;
	struct today t;
	int *times;
	size_t n, ntimes;
	memset(out, 0, sizeof *out);
	uint64_t generation = store_generation();
	if (svc_may(s, ACTION_QUEUE_WORK, err) || svc_begin(s, false, err))
		return -1;
	int rc;
	if ((rc = store_branch_get(s->store, branch, s->arena, &out->branch, err)) != 0 ||
	    (rc = svc_may_at(s, ACTION_QUEUE_WORK, out->branch.id, err)) != 0 ||
	    (rc = stamp_of(s, &out->branch, generation, &out->stamp, err)) != 0)
		goto out;
	local_day(s, &out->branch, &t);
	if ((rc = store_visit_list_open(s->store, out->branch.id, t.date, s->arena, &list, &n,
					err)) != 0 ||
	    (rc = store_visit_served_count(s->store, out->branch.id, t.date, &out->served_today,
					   err)) != 0 ||
	    (rc = store_roving_count(s->store, out->branch.id, t.day.start, &out->roving_today,
				     err)) != 0 ||
	    (rc = store_opening_get(s->store, out->branch.id, t.date, s->arena, &out->opening,
				    &out->opened_today, err)) != 0 ||
	    (rc = store_visit_service_times(s->store, out->branch.id,
					    s->now - SERVICE_TIMES_WINDOW_S, s->arena, &times,
					    &ntimes, err)) != 0)
		goto out;
	struct open_span span;
	if (out->opened_today && (rc = today_span(s, &out->branch, &t, &span, err)) != 0)
		goto out;
	out->opening_fit =
		out->opened_today ? opening_fit(span, out->opening.opened_at) : OPENING_IN_HOURS;
	int64_t since = s->now;
	struct clock c;
	for (size_t i = 0; i < n; i++)
		since = clock_start(&list[i]) < since ? clock_start(&list[i]) : since;
	if ((rc = clock_since(s, &out->branch, since, &c, err)) != 0)
		goto out;
	struct standing *at = arena_alloc(s->arena, (n ? n : 1) * sizeof *at);
	stand_all(s, list, n, &t, at);
	struct visit_view *all = arena_alloc(s->arena, (n ? n : 1) * 5 * sizeof *all);
	out->waiting = all;
	out->serving = all + n;
	out->on_hold = all + 2 * n;
	out->callbacks = all + 3 * n;
	out->no_shows = all + 4 * n;
	size_t k = waiting_in_order(s, list, n, false, &order);
	for (size_t i = 0; i < k; i++)
		view_of(s, &out->branch, &c, order[i], &at[order[i] - list],
			&out->waiting[out->nwaiting++]);
	for (size_t i = 0; i < n; i++) {
		const struct standing *a = &at[i];
		if (list[i].state == VISIT_SERVING)
			view_of(s, &out->branch, &c, &list[i], a, &out->serving[out->nserving++]);
		else if (list[i].state == VISIT_ON_HOLD)
			view_of(s, &out->branch, &c, &list[i], a, &out->on_hold[out->non_hold++]);
		else if (list[i].state == VISIT_CALLBACK)
			view_of(s, &out->branch, &c, &list[i], a,
				&out->callbacks[out->ncallbacks++]);
		else if (list[i].state == VISIT_NO_SHOW)
			view_of(s, &out->branch, &c, &list[i], a, &out->no_shows[out->nno_shows++]);
	}
	/* Ahead of a walk-in arriving now: the walk-ins waiting and the callers on hold, not
	 * the callers never held, who come after her (CS-INPERSON). */
	int ahead = (int)out->non_hold;
	for (size_t i = 0; i < out->nwaiting; i++)
		ahead += out->waiting[i].v.channel == CHANNEL_IN_PERSON;
	out->estimate_s =
		wait_estimate_s(ahead, times, ntimes, out->nserving ? (int)out->nserving : 1);
	out->next = next_view(s, out, list, n);
	rc = mark_queue_bans(s, list, n, out, err);
out:
	return svc_end(s, rc, err);
}

int queue_overdue_in_tx(struct svc *s, const char *branch, size_t *n, struct fd_error *err)
{
	struct branch b;
	struct visit *list;
	struct today t;
	struct clock c;
	size_t nv;
	*n = 0;
	if (svc_may(s, ACTION_QUEUE_WORK, err) ||
	    store_branch_get(s->store, branch, s->arena, &b, err) ||
	    svc_may_at(s, ACTION_QUEUE_WORK, b.id, err))
		return -1;
	local_day(s, &b, &t);
	if (store_visit_list_open(s->store, b.id, t.date, s->arena, &list, &nv, err))
		return -1;
	/* The clock queue_get runs from, so a visit is overdue here exactly when it is there. */
	int64_t since = s->now;
	for (size_t i = 0; i < nv; i++)
		since = clock_start(&list[i]) < since ? clock_start(&list[i]) : since;
	if (clock_since(s, &b, since, &c, err))
		return -1;
	for (size_t i = 0; i < nv; i++) {
		const struct visit *v = &list[i];
		if (v->state == VISIT_WAITING &&
		    ack_overdue_open(c.spans, c.n, v->arrived_at, v->acknowledged_at != 0,
				     b.ack_target_s, s->now))
			(*n)++;
	}
	return 0;
}

static int later_call_first(const void *a, const void *b)
{
	const struct board_ticket *x = a, *y = b;
	return x->called_at != y->called_at ? (x->called_at < y->called_at ? 1 : -1)
					    : (x->ticket < y->ticket) - (x->ticket > y->ticket);
}

/* The branch of a board's address, typed by hand on a wall screen: /board/kos is KOS's. */
static int board_branch(struct svc *s, const char *branch, struct branch *out, struct fd_error *err)
{
	return svc_branch_any_case(s, branch, out, err);
}

int queue_board_follow(struct svc *s, const char *branch, struct branch *out, struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, board_branch(s, branch, out, err), err);
}

int queue_board(struct svc *s, const char *branch, struct board_view *out, struct fd_error *err)
{
	struct branch_view bv;
	struct visit *list;
	const struct visit **order;
	struct today t;
	int *times;
	size_t n, ntimes;
	memset(out, 0, sizeof *out);
	if (svc_begin(s, false, err))
		return -1;
	int rc;
	if ((rc = board_branch(s, branch, &bv.branch, err)) != 0 ||
	    (rc = branch_view_in_tx(s, &bv.branch, &bv, err)) != 0)
		goto out;
	local_day(s, &bv.branch, &t);
	if ((rc = store_visit_list_open(s->store, bv.branch.id, t.date, s->arena, &list, &n,
					err)) != 0 ||
	    (rc = store_visit_service_times(s->store, bv.branch.id, s->now - SERVICE_TIMES_WINDOW_S,
					    s->arena, &times, &ntimes, err)) != 0)
		goto out;
	out->branch_name = bv.branch.name;
	out->open_now = bv.open_now;
	out->opens_next = bv.opens_next ? calendar_when(s, &bv.branch, bv.opens_next) : NULL;
	out->opens_at = bv.opens_next;
	out->time_zone = bv.branch.time_zone;
	out->waiting = arena_alloc(s->arena, (n ? n : 1) * sizeof(int));
	out->serving = arena_alloc(s->arena, (n ? n : 1) * sizeof *out->serving);
	size_t k = waiting_in_order(s, list, n, false, &order);
	int desks = 0;
	for (size_t i = 0; i < k; i++) {
		if (order[i]->channel == CHANNEL_IN_PERSON)
			out->waiting[out->nwaiting++] = order[i]->ticket;
		else
			out->phone_waiting++;
	}
	for (size_t i = 0; i < n; i++)
		if (list[i].state == VISIT_SERVING) {
			desks++;
			if (list[i].channel == CHANNEL_IN_PERSON)
				out->serving[out->nserving++] =
					(struct board_ticket){list[i].ticket, list[i].desk,
							      list[i].started_at, list[i].language};
		}
	/* The latest call first: it is the one the room is listening for. */
	qsort(out->serving, out->nserving, sizeof *out->serving, later_call_first);
	out->estimate_s = wait_estimate_s((int)out->nwaiting, times, ntimes, desks ? desks : 1);
out:
	return svc_end(s, rc, err);
}

int queue_place_in_tx(struct svc *s, const struct branch *b, int64_t visit_id, int *ahead,
		      int *estimate_s, struct fd_error *err)
{
	struct visit *list;
	const struct visit **order;
	struct today t;
	int *times;
	size_t n, ntimes;
	local_day(s, b, &t);
	if (store_visit_list_open(s->store, b->id, t.date, s->arena, &list, &n, err) ||
	    store_visit_service_times(s->store, b->id, s->now - SERVICE_TIMES_WINDOW_S, s->arena,
				      &times, &ntimes, err))
		return -1;
	int desks = 0;
	for (size_t i = 0; i < n; i++)
		desks += list[i].state == VISIT_SERVING;
	/* In the order next takes them: a caller on hold may come first (CS-INPERSON). */
	size_t k = waiting_in_order(s, list, n, true, &order);
	*ahead = -1;
	for (size_t i = 0; i < k && *ahead < 0; i++)
		if (order[i]->id == visit_id)
			*ahead = (int)i;
	*estimate_s = *ahead < 0 ? 0 : wait_estimate_s(*ahead, times, ntimes, desks ? desks : 1);
	return 0;
}

/* The phone is checked as a number by the callback that needs it: another action ignores it,
 * and one the policy refuses says so first. */
static const struct input_field act_fields[] = {
	{"phone", "Phone number", INPUT_LINES, false, 0, 32,
	 .offset = offsetof(struct act_input, phone)},
	{"promised_at", "Promised time", INPUT_TIME,
	 .offset = offsetof(struct act_input, promised_at)},
	{"outcome", "Tour", INPUT_ENUM, .vocab = &vocab_tour_outcome,
	 .offset = offsetof(struct act_input, tour)},
};
const struct input_table act_input_table = INPUT_TABLE(act_fields);

/* One customer at a time: the refusal names whom the actor serves, and whom they asked for. */
static int busy_refusal(struct fd_error *err, const struct visit *v, const struct standing *at)
{
	char ticket[TICKET_LABEL_MAX];
	ticket_label(v->channel, v->ticket, ticket);
	if (at->busy_ticket[0] == 'P')
		return fd_fail(err, FD_ECONFLICT,
			       "You are serving %s: ask the caller to hold, or finish with them, "
			       "before you serve %s.",
			       at->busy_ticket, ticket);
	return fd_fail(err, FD_ECONFLICT,
		       "You are serving %s: finish with them before you serve %s.", at->busy_ticket,
		       ticket);
}

/* Applies action a to v as the policy allows, stamping who and when. */
static int apply(struct svc *s, const struct branch *b, struct visit *v, enum desk_action a,
		 const struct act_input *in, const struct standing *at, struct fd_error *err)
{
	enum visit_state to;
	const char *why, *rule;
	struct visit_facts f = facts_of(s, b, v, at);
	if (!visit_may(&f, a, &to, &why, &rule))
		return why == desk_busy_why ? busy_refusal(err, v, at)
		       : rule		    ? fd_fail_policy(err, rule, "%s", why)
					    : fd_fail(err, FD_ECONFLICT, "%s", why);
	int64_t me = s->actor ? s->actor->id : 0;
	switch (a) {
	case DESK_ACKNOWLEDGE:
		v->acknowledged_at = s->now;
		v->acknowledged_by = me;
		break;
	case DESK_START:
	case DESK_RESUME:
		v->resumed = a == DESK_RESUME;
		v->started_at = s->now;
		v->served_by = me;
		/* The desk the board sends the customer to: the server's, as they clocked on. */
		v->desk = s->actor ? s->actor->duty_desk : NULL;
		break;
	case DESK_FINISH: v->finished_at = s->now; break;
	case DESK_HOLD:
		/* CS-INPERSON: the first hold sets the caller's place; holding them again while
		 * serving them keeps it, so the desk can always take them back. */
		if (!v->hold_at)
			v->hold_at = s->now;
		v->started_at = 0;
		break;
	case DESK_CALLBACK:
		if (svc_check_phone("phone", in->phone, err))
			return -1;
		if (!in->phone || !*in->phone)
			return fd_fail_field(err, "phone", "Give the number to call back.");
		if (!in->promised_at)
			return fd_fail_field(err, "promised_at",
					     "Say when you promised to call back.");
		if (!callback_time_ok(in->promised_at, s->now))
			return fd_fail_field(err, "promised_at",
					     "That time has passed: promise a time still to come.");
		v->callback_phone = in->phone;
		v->callback_promised_at = in->promised_at;
		v->started_at = 0;
		v->served_by = me; /* who promised it holds it until it is made */
		break;
	case DESK_CALLBACK_DONE:
		v->callback_done_at = v->finished_at = s->now;
		v->served_by = me;
		break;
	case DESK_NO_SHOW: break;
	case DESK_RETURN:
		/* Back to the original place in line: queue_at is kept. */
		v->called_at = v->started_at = 0;
		v->served_by = 0;
		break;
	case DESK_TOUR:
		if (in->tour <= TOUR_NONE || in->tour >= TOUR__MAX)
			return fd_fail_field(err, "outcome",
					     "outcome is offered, given or declined");
		v->tour = in->tour;
		v->tour_at = s->now;
		break;
	case DESK_MARK_NEW: v->new_customer = true; break;
	case DESK_REMOVE: v->finished_at = s->now; break;
	case DESK_RENEWAL:
		v->reason = REASON_RENEWAL;
		/* Held as it would have been on arrival (CS-INPERSON): its place set now. */
		if (to == VISIT_ON_HOLD && !v->hold_at)
			v->hold_at = s->now;
		break;
	default: return fd_fail(err, FD_EINVAL, "unknown desk action");
	}
	v->state = to;
	return 0;
}

/* A branch's open visits of today, as load() read them. */
struct line {
	struct visit *list;
	size_t n;
	struct today t;
};

/* The visit, locked at its branch, and where it stands there. */
static int load(struct svc *s, int64_t visit_id, struct branch *b, struct visit *v, struct line *l,
		struct standing *at, struct fd_error *err)
{
	struct visit *list;
	size_t n;
	if (store_visit_get(s->store, visit_id, s->arena, v, err) ||
	    store_branch_get_by_id(s->store, v->branch_id, s->arena, b, err) ||
	    store_branch_lock(s->store, b->id, err) || require_on_duty(s, b, err) ||
	    store_visit_get(s->store, visit_id, s->arena, v, err))
		return -1;
	struct today t;
	local_day(s, b, &t);
	if (store_visit_list_open(s->store, b->id, t.date, s->arena, &list, &n, err))
		return -1;
	stand(s, list, n, &t, v, at);
	*l = (struct line){list, n, t};
	return 0;
}

int queue_act(struct svc *s, int64_t visit_id, enum desk_action a, const struct act_input *in,
	      struct visit_view *out, struct fd_error *err)
{
	struct branch b;
	struct visit v;
	struct clock c;
	struct line l;
	struct standing at;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load(s, visit_id, &b, &v, &l, &at, err)) != 0 ||
	    (rc = apply(s, &b, &v, a, in, &at, err)) != 0 ||
	    (rc = store_visit_update(s->store, &v, err)) != 0 ||
	    (rc = changed(s, &b, arena_printf(s->arena, "visit.%s", desk_action_name(a)), v.id,
			  err)) != 0 ||
	    (rc = store_visit_get(s->store, v.id, s->arena, &v, err)) != 0 ||
	    (rc = clock_since(s, &b, clock_start(&v), &c, err)) != 0)
		goto out;
	/* Where it stands now: the others are as they were (stand() skips v's old copy). */
	stand(s, l.list, l.n, &l.t, &v, &at);
	view_of(s, &b, &c, &v, &at, out);
	if (a == DESK_RENEWAL && v.state == VISIT_ON_HOLD)
		out->instruction = renewal_hold_words;
	rc = mark_ban(s, &v, out, err);
out:
	return svc_end(s, rc, err);
}

int queue_next(struct svc *s, const char *branch, struct visit_view *out, bool *found,
	       struct fd_error *err)
{
	struct branch b;
	struct visit *list;
	const struct visit **order;
	struct today t;
	struct clock c;
	size_t n;
	*found = false;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_branch_get(s->store, branch, s->arena, &b, err)) != 0 ||
	    (rc = store_branch_lock(s->store, b.id, err)) != 0 ||
	    (rc = require_on_duty(s, &b, err)) != 0)
		goto out;
	local_day(s, &b, &t);
	if ((rc = store_visit_list_open(s->store, b.id, t.date, s->arena, &list, &n, err)) != 0)
		goto out;
	/* A caller on hold is next once the walk-ins present when the hold began are served. */
	if (waiting_in_order(s, list, n, true, &order) == 0)
		goto out;
	struct visit v = *order[0];
	struct act_input none = {0};
	struct standing at;
	stand(s, list, n, &t, &v, &at);
	v.called_at = s->now; /* so that a no-show can be told from a customer being served */
	enum desk_action take = v.state == VISIT_ON_HOLD ? DESK_RESUME : DESK_START;
	if ((rc = apply(s, &b, &v, take, &none, &at, err)) != 0 ||
	    (rc = store_visit_update(s->store, &v, err)) != 0 ||
	    (rc = changed(s, &b, "visit.next", v.id, err)) != 0 ||
	    (rc = store_visit_get(s->store, v.id, s->arena, &v, err)) != 0 ||
	    (rc = clock_since(s, &b, clock_start(&v), &c, err)) != 0)
		goto out;
	stand(s, list, n, &t, &v, &at);
	view_of(s, &b, &c, &v, &at, out);
	*found = (rc = mark_ban(s, &v, out, err)) == 0;
out:
	return svc_end(s, rc, err);
}

/* Why opening now needs a confirmation, in words for the desk; NULL when it does not. */
static const char *outside_hours_why(enum opening_fit fit)
{
	switch (fit) {
	case OPENING_CLOSED_DAY: return "is closed today by its hours";
	case OPENING_EARLY: return "does not open yet today by its hours";
	case OPENING_AFTER_HOURS: return "has closed for today by its hours";
	default: return NULL;
	}
}

static const struct input_field open_fields[] = {
	{"outside_hours", "Open outside hours", INPUT_BOOL, false,
	 .offset = offsetof(struct open_input, outside_hours)},
};
const struct input_table open_input_table = INPUT_TABLE(open_fields);

int queue_open(struct svc *s, const char *branch, const struct open_input *in, struct opening *out,
	       struct fd_error *err)
{
	struct branch_view bv;
	struct today t;
	bool found;
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "a branch is opened by a person at the desk");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_branch_get(s->store, branch, s->arena, &bv.branch, err)) != 0 ||
	    (rc = require_on_duty(s, &bv.branch, err)) != 0 ||
	    (rc = branch_view_in_tx(s, &bv.branch, &bv, err)) != 0)
		goto out;
	local_day(s, &bv.branch, &t);
	/* CS-HOURS: late against today's hours, as the calendar has them (none on a day it is
	 * closed); the opening instant is found as the calendar finds it, clock changes and all. */
	struct open_span span =
		calendar_day_span(t.day.start, t.day.end - t.day.start, bv.today.hours);
	const char *why = outside_hours_why(opening_fit(span, s->now));
	if (why && !in->outside_hours) {
		rc = fd_fail_field(err, "outside_hours",
				   "%s %s: to open it anyway, confirm that you are opening it "
				   "outside its hours",
				   bv.branch.name, why);
		goto out;
	}
	int late_s = span.to == span.from ? -1 : s->now > span.from ? (int)(s->now - span.from) : 0;
	if ((rc = store_opening_insert(s->store, bv.branch.id, t.date, s->now, s->actor->id, late_s,
				       err)) != 0 ||
	    (rc = changed(s, &bv.branch, "branch.opened", 0, err)) != 0 ||
	    (rc = store_opening_get(s->store, bv.branch.id, t.date, s->arena, out, &found, err)) !=
		    0)
		goto out;
out:
	return svc_end(s, rc, err);
}

int queue_rove(struct svc *s, const char *branch, int64_t *today, struct fd_error *err)
{
	struct branch b;
	struct today t;
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "roving help is logged by the person who gave it");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_branch_get(s->store, branch, s->arena, &b, err)) != 0 ||
	    (rc = require_on_duty(s, &b, err)) != 0)
		goto out;
	local_day(s, &b, &t);
	if ((rc = store_roving_insert(s->store, b.id, s->actor->id, s->now, err)) != 0 ||
	    (rc = changed(s, &b, "roving", 0, err)) != 0 ||
	    (rc = store_roving_count(s->store, b.id, t.day.start, today, err)) != 0)
		goto out;
out:
	return svc_end(s, rc, err);
}

int queue_events_since(struct svc *s, int64_t after_id, struct queue_event **out, size_t *n,
		       struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_events_since(s->store, after_id, s->arena, out, n, err), err);
}

int queue_event_max(struct svc *s, int64_t *id, struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_event_max(s->store, id, err), err);
}

int queue_event_wait(struct svc *s, int timeout_ms, struct fd_error *err)
{
	return store_event_wait(s->store, timeout_ms, err);
}
