/* The desk queue's rules as pure functions; one table per enum. */
#include "policy/queue.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(DESK_ACTION__MAX <= 32, "a set of desk actions is an unsigned's bits");

static const char *const action_names[DESK_ACTION__MAX] = {
	"acknowledge", "start",	 "finish", "hold", "resume", "callback", "callback-done",
	"no-show",     "return", "tour",   "new",  "remove", "renewal",
};

const char *desk_action_name(enum desk_action a)
{
	return a < DESK_ACTION__MAX ? action_names[a] : "unknown";
}

bool desk_action_from_name(const char *name, enum desk_action *a)
{
	for (int i = 0; i < DESK_ACTION__MAX; i++)
		if (strcmp(action_names[i], name) == 0) {
			*a = (enum desk_action)i;
			return true;
		}
	return false;
}

void ticket_label(enum channel c, int ticket, char out[TICKET_LABEL_MAX])
{
	snprintf(out, TICKET_LABEL_MAX, "%c%d", c == CHANNEL_PHONE ? 'P' : 'A', ticket);
}

/* A place in the serving order: the instant that sets it among the in-person customers, the
 * group at that instant, then the ties. Compared field by field, it is a total order. */
struct place {
	int64_t at;
	int group; /* at one instant: in person, then callers held then, then callers never held */
	int64_t then, id;
};

static struct place place_of(const struct queue_entry *e)
{
	if (e->channel == CHANNEL_IN_PERSON)
		return (struct place){e->queue_at, 0, 0, e->id};
	/* CS-INPERSON: the walk-ins present when the hold began come first, later ones wait. */
	if (e->hold_at)
		return (struct place){e->hold_at, 1, e->queue_at, e->id};
	return (struct place){INT64_MAX, 2, e->queue_at, e->id};
}

bool queue_before(const struct queue_entry *e, const struct queue_entry *f)
{
	struct place a = place_of(e), b = place_of(f);
	if (a.at != b.at)
		return a.at < b.at;
	if (a.group != b.group)
		return a.group < b.group;
	if (a.then != b.then)
		return a.then < b.then;
	return a.id < b.id;
}

static int compare(const void *a, const void *b)
{
	if (queue_before(a, b))
		return -1;
	return queue_before(b, a) ? 1 : 0;
}

void queue_order(struct queue_entry *e, size_t n)
{
	if (n > 1)
		qsort(e, n, sizeof *e, compare);
}

const char desk_busy_why[] =
	"you are serving someone else: finish with them, or ask a caller to hold, first";

/* The judges of visit_may, one per group of moves: each returns why the move is refused (NULL
 * when it is allowed), sets *to to the state after it and *rule to the CS- rule behind a
 * refusal. */

/* The line: acknowledging, starting, back from hold, back from a no-show. */
static const char *may_line(const struct visit_facts *v, enum desk_action a, enum visit_state *to,
			    const char **rule)
{
	switch (a) {
	case DESK_ACKNOWLEDGE:
		*to = v->state;
		if (v->state != VISIT_WAITING)
			return "only a waiting customer is acknowledged";
		return v->acknowledged ? "this customer was acknowledged already" : NULL;
	case DESK_START:
	case DESK_RESUME:
		/* Back from hold is the desk picking the phone up again: the caller is served. */
		*to = VISIT_SERVING;
		if (a == DESK_START && v->state != VISIT_WAITING)
			return v->state == VISIT_ON_HOLD
				       ? "a caller on hold is taken back with Back from hold"
				       : "only a waiting customer can be served";
		if (a == DESK_RESUME && v->state != VISIT_ON_HOLD)
			return "only a caller on hold can be taken back from hold";
		/* One customer at a time: a caller is asked to hold, anyone else finished. */
		if (v->actor_busy)
			return desk_busy_why;
		if (v->channel != CHANNEL_PHONE || v->in_person_ahead == 0)
			return NULL;
		*rule = "CS-INPERSON";
		return v->held ? "customers who were waiting in the library when this caller was "
				 "put on hold come first: serve them, then this caller (walk-ins "
				 "who came later wait)"
			       : "customers present in the library come before phone callers: "
				 "serve them first, and offer this caller a callback or ask them "
				 "to hold";
	default: /* DESK_RETURN */
		*to = VISIT_WAITING;
		return v->state != VISIT_NO_SHOW ? "only a no-show can be put back in the line"
						 : NULL;
	}
}

/* At the desk: finishing, and a customer called with next who did not come. */
static const char *may_serve(const struct visit_facts *v, enum desk_action a, enum visit_state *to)
{
	if (a == DESK_FINISH) {
		*to = VISIT_FINISHED;
		return v->state != VISIT_SERVING
			       ? "only a visit being served can be finished: start it first"
			       : NULL;
	}
	*to = VISIT_NO_SHOW;
	if (v->channel == CHANNEL_PHONE)
		return "a phone caller is on the line, not on the way to the desk: finish the "
		       "call, or promise a callback";
	if (v->state != VISIT_SERVING || !v->called_by_next)
		return "only a customer called with next can be a no-show";
	if (v->seconds_since_called < v->no_show_after_s)
		return "give the customer time to come to the desk before marking a no-show";
	return NULL;
}

/* A phone caller's own moves: on hold, a callback promised, and made. */
static const char *may_phone(const struct visit_facts *v, enum desk_action a, enum visit_state *to)
{
	bool phone = v->channel == CHANNEL_PHONE;
	switch (a) {
	case DESK_HOLD:
		*to = VISIT_ON_HOLD;
		if (!phone)
			return "only a phone caller can be put on hold";
		return v->state != VISIT_WAITING && v->state != VISIT_SERVING
			       ? "only a waiting or served caller can be put on hold"
			       : NULL;
	case DESK_CALLBACK:
		*to = VISIT_CALLBACK;
		if (!phone)
			return "a callback is for a phone caller";
		return v->state != VISIT_WAITING && v->state != VISIT_ON_HOLD &&
				       v->state != VISIT_SERVING
			       ? "this caller's visit is over"
			       : NULL;
	default: /* DESK_CALLBACK_DONE */
		*to = VISIT_FINISHED;
		return v->state != VISIT_CALLBACK ? "no callback was promised on this visit" : NULL;
	}
}

/* CS-NEWCUST: the welcome of a new customer, a tour, recorded while they are at the desk. */
static const char *may_welcome(const struct visit_facts *v, enum desk_action a,
			       enum visit_state *to)
{
	*to = v->state;
	if (a == DESK_TOUR) {
		if (v->channel == CHANNEL_PHONE)
			return "a tour is given to a customer in the library, not to a caller: "
			       "invite them to come in (CS-NEWCUST)";
		/* Anyone may be given a tour, not only a new customer. An offer may still end
		 * given or declined; either of those is the tour's last word. */
		if (v->tour == TOUR_GIVEN || v->tour == TOUR_DECLINED)
			return v->tour == TOUR_GIVEN
				       ? "this customer was given the tour already (CS-NEWCUST)"
				       : "this customer declined the tour already (CS-NEWCUST)";
		if (v->state == VISIT_SERVING)
			return NULL;
		return v->state == VISIT_WAITING || v->state == VISIT_ON_HOLD
			       ? "a tour is recorded while the customer is being served: start "
				 "the visit first (CS-NEWCUST)"
			       : "a tour is recorded while the customer is being served, and "
				 "this visit is not being served now (CS-NEWCUST)";
	}
	if (v->state == VISIT_NO_SHOW)
		return "a customer who did not come is not marked new: put them back in line "
		       "first";
	if (v->state == VISIT_CALLBACK)
		return "this caller is waiting for the callback promised: mark them new while "
		       "you are talking with them (CS-NEWCUST)";
	if (!v->today)
		return "this visit was on an earlier day: mark the customer new on today's visit";
	return v->is_new ? "this customer is new already: offer them a tour (CS-NEWCUST)" : NULL;
}

/* A ticket someone took on their phone, not at the desk, may be a duplicate or a prank: the
 * desk takes it out of the line while it waits (never one it has begun to serve). */
static const char *may_remove(const struct visit_facts *v, enum visit_state *to)
{
	*to = VISIT_REMOVED;
	if (!v->joined_by_phone)
		return "only a ticket taken by phone can be removed: a customer at the desk is "
		       "served, or marked a no-show";
	return v->state != VISIT_WAITING ? "only a waiting ticket can be removed" : NULL;
}

const char renewal_hold_words[] =
	"Ask the caller to please hold: you are serving someone in the library";

enum visit_state visit_arrival_state(enum channel c, bool renewal, bool actor_serving_walkin)
{
	return c == CHANNEL_PHONE && renewal && actor_serving_walkin ? VISIT_ON_HOLD
								     : VISIT_WAITING;
}

/* A visit marked as a renewal after it joined: a waiting caller marked so while the one
 * marking serves someone in the library is asked to hold then, as on arrival (CS-INPERSON). */
static const char *may_mark_renewal(const struct visit_facts *v, enum visit_state *to)
{
	*to = v->state;
	/* The policy's case is a call: a customer in the library is being served in person. */
	if (v->channel != CHANNEL_PHONE)
		return "a renewal call is a phone call: renew a customer's items at the desk while "
		       "you serve them";
	if (v->renewal)
		return "this call is marked as a renewal call already";
	if (v->state != VISIT_WAITING && v->state != VISIT_ON_HOLD && v->state != VISIT_SERVING)
		return "only a call still waiting, on hold or being served can be marked as a "
		       "renewal call";
	if (v->state == VISIT_WAITING)
		*to = visit_arrival_state(v->channel, true, v->actor_serving_walkin);
	return NULL;
}

bool visit_may(const struct visit_facts *v, enum desk_action a, enum visit_state *to,
	       const char **why, const char **rule)
{
	*rule = NULL;
	switch (a) {
	case DESK_ACKNOWLEDGE:
	case DESK_START:
	case DESK_RESUME:
	case DESK_RETURN: *why = may_line(v, a, to, rule); break;
	case DESK_FINISH:
	case DESK_NO_SHOW: *why = may_serve(v, a, to); break;
	case DESK_HOLD:
	case DESK_CALLBACK:
	case DESK_CALLBACK_DONE: *why = may_phone(v, a, to); break;
	case DESK_TOUR:
	case DESK_MARK_NEW: *why = may_welcome(v, a, to); break;
	case DESK_REMOVE: *why = may_remove(v, to); break;
	case DESK_RENEWAL: *why = may_mark_renewal(v, to); break;
	default: *why = "unknown desk action"; *to = v->state;
	}
	return *why == NULL;
}

bool actor_works_desk(const struct actor_facts *who)
{
	return who->command_line || (role_may(who->role, ACTION_QUEUE_WORK) && who->on_duty_here);
}

unsigned visit_actions(const struct visit_facts *v, const struct actor_facts *who)
{
	if (!actor_works_desk(who))
		return 0;
	unsigned set = 0;
	for (int a = 0; a < DESK_ACTION__MAX; a++) {
		enum visit_state to;
		const char *why, *rule;
		if (visit_may(v, (enum desk_action)a, &to, &why, &rule))
			set |= DESK_BIT(a);
	}
	return set;
}

unsigned visit_actions_later(const struct visit_facts *v, const struct actor_facts *who)
{
	/* The same visit once the line and the clock have moved on: what is allowed then and
	 * not now waits only for them. */
	struct visit_facts settled = *v;
	settled.in_person_ahead = 0;
	settled.actor_busy = false;
	if (settled.seconds_since_called < settled.no_show_after_s)
		settled.seconds_since_called = settled.no_show_after_s;
	return visit_actions(&settled, who) & ~visit_actions(v, who);
}

bool callback_time_ok(int64_t promised_at, int64_t now)
{
	return promised_at >= now - CALLBACK_PAST_GRACE_S;
}

void phone_greeting(int lang, int local_hour, const char *branch_name, const char *staff_name,
		    const char *opens_next, struct buf *out)
{
	/* Staff introduce themselves by first name. */
	int first = (int)strcspn(staff_name, " ");
	/* Whole sentences, not "Good %s": another language greets each part of the day in its
	 * own words. */
	if (local_hour < 12)
		/* TRANSLATORS: read out by the desk answering the phone before noon; %s is the
		 * branch, %.*s the first name of the one answering. */
		buf_printf(out, tr(lang, "Good morning, %s, this is %.*s."), branch_name, first,
			   staff_name);
	else if (local_hour < 17)
		/* TRANSLATORS: the same, from noon to 5 pm. */
		buf_printf(out, tr(lang, "Good afternoon, %s, this is %.*s."), branch_name, first,
			   staff_name);
	else if (local_hour < 20)
		/* TRANSLATORS: the same, from 5 pm to 8 pm, while it is light (Spanish: "Buenas
		 * tardes"). */
		buf_printf(out, tr(lang, "Good evening, %s, this is %.*s."), branch_name, first,
			   staff_name);
	else
		/* TRANSLATORS: the same, from 8 pm, after dark (Spanish: "Buenas noches"). */
		buf_printf(out, trp(lang, "after dark", "Good evening, %s, this is %.*s."),
			   branch_name, first, staff_name);
	/* Answering while the branch is closed (CS-HOURS): say when it opens. */
	if (opens_next) {
		buf_printf(out, " ");
		/* TRANSLATORS: %s is when, as "tomorrow at 9 am". */
		buf_printf(out, tr(lang, "We are closed now and open again %s."), opens_next);
	}
	buf_printf(out, " %s", tr(lang, "How may I help you?"));
}

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int wait_estimate_s(int ahead, const int *recent_service_s, size_t n, int desks)
{
	if (ahead <= 0)
		return 0;
	int median = 180; /* with no history yet: three minutes a customer */
	if (n > 0) {
		int sorted[64];
		size_t m = n < 64 ? n : 64;
		memcpy(sorted, recent_service_s, m * sizeof *sorted);
		qsort(sorted, m, sizeof *sorted, compare_int);
		median = m % 2 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
	}
	return (int)((int64_t)median * ahead / (desks > 0 ? desks : 1));
}
