/* "Needs you": gathers, for the logged-in person, what waits for them from the use cases that
 * own each record (requests, handovers, the queue, fetches, incidents, the HQ dashboard). */
#include "service/needs.h"

#include <string.h>

#include "base/tz.h"
#include "policy/difficult.h"
#include "policy/queue.h"
#include "service/complaint.h"
#include "service/duty.h"
#include "service/feedback.h"
#include "service/fetch.h"
#include "service/handover.h"
#include "service/incident.h"
#include "service/incident_followup.h"
#include "service/queue.h"
#include "service/request.h"
#include "store/store_needs.h"

static const struct {
	const char *name, *label;
} kinds[NEED__MAX] = {
	[NEED_REFERRED] = {"referred", "Referred to you"},
	[NEED_HANDED] = {"handed", "Handed to you"},
	[NEED_IN_CHARGE] = {"in_charge", "You are now in charge"},
	[NEED_CALLBACK] = {"callback", "Callbacks to make"},
	[NEED_WAITING] = {"waiting", "Customers waiting past the target"},
	[NEED_DRAFT] = {"draft", "Incident reports to finish and sign"},
	[NEED_FETCH] = {"fetch", "Asking for the person in charge"},
	[NEED_JUDGEMENT] = {"judgement", "Judgement calls to acknowledge"},
	[NEED_COMPLAINT] = {"complaint", "Complaints referred to the Executive Director"},
	[NEED_HQ_REQUEST] = {"hq_request", "Requests referred to Headquarters"},
	[NEED_INCIDENT_DUE] = {"incident_overdue", "Incident reports overdue"},
	[NEED_REVIEW] = {"incident_review", "Incident reports to review"},
	[NEED_TASK_DUE] = {"task_due", "Your follow-up tasks due"},
	[NEED_COMPLIMENT] = {"compliment", "Compliments to pass on"},
	[NEED_CALL_BACK] = {"feedback_complaint", "Customers to contact about a complaint"},
};

const char *need_kind_name(enum need_kind k)
{
	return k < NEED__MAX ? kinds[k].name : "";
}

const char *need_kind_label(enum need_kind k)
{
	return k < NEED__MAX ? kinds[k].label : "";
}

/* Room for up to max items of kind k (each kind is filled from one list, once). */
static void need_room(struct svc *s, struct needs *o, enum need_kind k, size_t max)
{
	o->items[k] = arena_alloc(s->arena, (max ? max : 1) * sizeof(struct need_item));
	o->n[k] = 0;
}

static void need_add(struct needs *o, enum need_kind k, int64_t id, const char *branch,
		     const char *text, int64_t at)
{
	o->items[k][o->n[k]++] = (struct need_item){id, branch, text, at};
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Requests the actor holds since they were referred up, and for Headquarters roles those
 * waiting at Headquarters (CS-REFER); a reference question's text stays hidden. */
static int gather_requests(struct svc *s, struct needs *o, struct fd_error *err)
{
	struct request_view *rv;
	size_t n;
	if (request_list(s, SCOPE_MINE, NULL, &rv, &n, err))
		return -1;
	need_room(s, o, NEED_REFERRED, n);
	need_room(s, o, NEED_HQ_REQUEST, n);
	for (size_t i = 0; i < n; i++) {
		const struct request_rec *r = &rv[i].r;
		const char *text =
			arena_printf(s->arena, "%s: %s", request_kind_label(r->kind),
				     rv[i].text_hidden ? "a reference question" : r->text);
		if (r->level == LEVEL_HEADQUARTERS && r->holder_id == 0)
			need_add(o, NEED_HQ_REQUEST, r->id, r->branch_code, text, r->created_at);
		else if (r->level != LEVEL_DESK && r->holder_id == s->actor->id)
			need_add(o, NEED_REFERRED, r->id, r->branch_code, text, r->created_at);
	}
	return 0;
}

/* "From Ann Lee: 2 requests and 1 callback. Note: ..." */
static const char *handed_text(struct svc *s, const struct handover *g)
{
	const char *part[3];
	int k = 0;
	if (g->requests)
		part[k++] = arena_printf(s->arena, "%d request%s", g->requests,
					 plural((size_t)g->requests, "", "s"));
	if (g->callbacks)
		part[k++] = arena_printf(s->arena, "%d callback%s", g->callbacks,
					 plural((size_t)g->callbacks, "", "s"));
	if (g->incidents)
		part[k++] = arena_printf(s->arena, "%d incident report%s", g->incidents,
					 plural((size_t)g->incidents, "", "s"));
	const char *what =
		k == 0	 ? "the desk"
		: k == 1 ? part[0]
		: k == 2 ? arena_printf(s->arena, "%s and %s", part[0], part[1])
			 : arena_printf(s->arena, "%s, %s and %s", part[0], part[1], part[2]);
	return arena_printf(s->arena, "From %s: %s%s%s", g->from.name ? g->from.name : "someone",
			    what, g->note && *g->note ? ". Note: " : "", g->note ? g->note : "");
}

/* Handovers received lately, promised callbacks and incident drafts the actor holds. */
static int gather_held(struct svc *s, struct needs *o, struct fd_error *err)
{
	struct held h;
	struct handover *got;
	size_t ngot;
	bool on_duty;
	if (handover_mine(s, &h, &on_duty, &got, &ngot, err))
		return -1;
	need_room(s, o, NEED_HANDED, ngot);
	for (size_t i = 0; i < ngot; i++) {
		const struct handover *g = &got[i];
		need_add(o, NEED_HANDED, g->id, g->branch_code, handed_text(s, g), g->at);
	}
	need_room(s, o, NEED_CALLBACK, h.ncallbacks);
	for (size_t i = 0; i < h.ncallbacks; i++) {
		const struct visit *v = &h.callbacks[i];
		const char *who = v->customer_name ? v->customer_name : "the customer";
		need_add(o, NEED_CALLBACK, v->id, v->branch_code,
			 v->callback_phone ? arena_printf(s->arena, "Call %s back on %s", who,
							  v->callback_phone)
					   : arena_printf(s->arena, "Call %s back", who),
			 v->callback_promised_at);
	}
	need_room(s, o, NEED_DRAFT, h.nincidents);
	for (size_t i = 0; i < h.nincidents; i++) {
		const struct incident *in = &h.incidents[i];
		need_add(o, NEED_DRAFT, in->id, in->branch_code,
			 arena_printf(s->arena, "%s report, not signed yet",
				      incident_category_label(in->category)),
			 in->created_at);
	}
	return 0;
}

/* CS-INCHARGE: the actor leads the branch now because someone who led it when she clocked on
 * has clocked off since: *gone is that person's name, or NULL. Inside the caller's transaction. */
static int became_in_charge_in_tx(struct svc *s, const struct duty *d, const char **gone_name,
				  struct fd_error *err)
{
	struct in_charge_view ic;
	struct duty *gone;
	size_t ngone = 0;
	*gone_name = NULL;
	if (duty_in_charge_in_tx(s, d->branch_id, &ic, err))
		return -1;
	if (!ic.staff || ic.staff->id != s->actor->id)
		return 0;
	if (store_duty_ended_since(s->store, d->branch_id, d->on_at, s->actor->id, s->arena, &gone,
				   &ngone, err))
		return -1;
	for (size_t i = 0; i < ngone; i++) {
		bool led;
		if (duty_would_lead_in_tx(s, d->branch_id, &gone[i], &led, err))
			return -1;
		if (led) {
			*gone_name = gone[i].staff.name;
			break;
		}
	}
	return 0;
}

static int gather_in_charge(struct svc *s, struct needs *o, const struct duty *d,
			    struct fd_error *err)
{
	const char *gone;
	need_room(s, o, NEED_IN_CHARGE, 1);
	if (svc_begin(s, false, err))
		return -1;
	int rc = became_in_charge_in_tx(s, d, &gone, err);
	if (!rc && gone)
		need_add(o, NEED_IN_CHARGE, 0, d->branch_code,
			 arena_printf(s->arena, "%s clocked off: you are in charge here now", gone),
			 0);
	return svc_end(s, rc, err);
}

/* At the branch the actor is on duty at: customers waiting past the acknowledgement target
 * (for those who work the queue) and calls for the person in charge (for those who may come). */
static int gather_branch(struct svc *s, struct needs *o, const struct duty *d, struct fd_error *err)
{
	if (o->applies[NEED_WAITING]) {
		struct queue_view q;
		if (queue_get(s, d->branch_code, &q, err))
			return -1;
		need_room(s, o, NEED_WAITING, q.nwaiting);
		for (size_t i = 0; i < q.nwaiting; i++) {
			const struct visit_view *v = &q.waiting[i];
			char ticket[TICKET_LABEL_MAX];
			if (!v->ack_overdue)
				continue;
			long long min = (long long)(v->wait_s / 60);
			/* The ticket as the desk and the board name it: "A3". */
			ticket_label(v->v.channel, v->v.ticket, ticket);
			need_add(o, NEED_WAITING, v->v.id, d->branch_code,
				 arena_printf(s->arena, "%s %s, waiting %lld minute%s",
					      v->v.channel == CHANNEL_PHONE ? "Phone caller"
									    : "Walk-in",
					      ticket, min, min == 1 ? "" : "s"),
				 v->v.arrived_at);
		}
	}
	if (o->applies[NEED_FETCH]) {
		struct fetch *f;
		size_t n;
		if (fetch_list_open(s, d->branch_code, &f, &n, err))
			return -1;
		need_room(s, o, NEED_FETCH, n);
		/* Only the calls that ask for the actor, as the desk's alert says "asks you": a
		 * call to the person in charge is not a call to everyone who may come. */
		for (size_t i = 0; i < n; i++)
			if (f[i].to_id == s->actor->id)
				need_add(o, NEED_FETCH, f[i].id, f[i].branch_code,
					 arena_printf(s->arena, "%s asks for you%s%s",
						      f[i].asked_by.name ? f[i].asked_by.name
									 : "Someone",
						      f[i].note && *f[i].note ? ": " : "",
						      f[i].note ? f[i].note : ""),
					 f[i].asked_at);
	}
	return 0;
}

/* Headquarters' inbox: judgement calls, complaints referred to the Director, calls for help
 * from branches with nobody in charge, and incident reports past their due time. */
static int gather_hq(struct svc *s, struct needs *o, struct fd_error *err)
{
	struct hq_view hq;
	struct incident_view *iv;
	size_t ni;
	if (hq_dashboard(s, &hq, err) || incident_list(s, NULL, true, &iv, &ni, err))
		return -1;
	need_room(s, o, NEED_JUDGEMENT, hq.njudgements);
	for (size_t i = 0; i < hq.njudgements; i++) {
		const struct judgement *j = &hq.judgements[i];
		need_add(o, NEED_JUDGEMENT, j->id, j->branch_code,
			 arena_printf(s->arena, "%s: decided %s", j->situation, j->decision),
			 j->decided_at);
	}
	need_room(s, o, NEED_COMPLAINT, hq.ncomplaints);
	for (size_t i = 0; i < hq.ncomplaints; i++)
		need_add(o, NEED_COMPLAINT, hq.complaints[i].id, hq.complaints[i].branch_code,
			 hq.complaints[i].text, hq.complaints[i].referred_director_at);
	need_room(s, o, NEED_INCIDENT_DUE, ni);
	for (size_t i = 0; i < ni; i++)
		need_add(o, NEED_INCIDENT_DUE, iv[i].i.id, iv[i].i.branch_code,
			 arena_printf(s->arena, "%s report, due before it was signed",
				      incident_category_label(iv[i].i.category)),
			 iv[i].i.due_at);
	/* Nobody was in charge at these branches: the call came to Headquarters. */
	need_room(s, o, NEED_FETCH, hq.nfetches);
	for (size_t i = 0; i < hq.nfetches; i++)
		need_add(o, NEED_FETCH, hq.fetches[i].id, hq.fetches[i].branch_code,
			 arena_printf(s->arena, "%s asks for someone in charge",
				      hq.fetches[i].asked_by.name ? hq.fetches[i].asked_by.name
								  : "Someone"),
			 hq.fetches[i].asked_at);
	return 0;
}

/* CS-INCIDENT's follow-up: signed reports to review (the three HQ roles) and the actor's own
 * follow-up tasks due today or before. */
static int gather_followup(struct svc *s, struct needs *o, struct fd_error *err)
{
	struct incident_task *t;
	size_t nt;
	if (o->applies[NEED_REVIEW]) {
		struct followup_inbox box;
		if (incident_followup_inbox(s, &box, err))
			return -1;
		need_room(s, o, NEED_REVIEW, box.nawaiting);
		for (size_t i = 0; i < box.nawaiting; i++)
			need_add(o, NEED_REVIEW, box.awaiting[i].id, box.awaiting[i].branch_code,
				 arena_printf(s->arena, "%s report, signed: review it",
					      incident_category_label(box.awaiting[i].category)),
				 box.awaiting[i].signed_at);
	}
	if (incident_tasks_mine_due(s, &t, &nt, err))
		return -1;
	need_room(s, o, NEED_TASK_DUE, nt);
	for (size_t i = 0; i < nt; i++) {
		/* In words, not a date: the list is read on pages and by the desk's script. */
		struct tz_day today;
		if (tz_day(t[i].time_zone, s->now, &today))
			return fd_fail(err, FD_ECONFLICT,
				       "%s's time zone '%s' is not one this system knows: ask the "
				       "administrator to set the branch's time zone.",
				       t[i].branch_name, t[i].time_zone);
		need_add(o, NEED_TASK_DUE, t[i].incident_id, t[i].branch_code,
			 arena_printf(s->arena, "%s%s%s, report %lld: %s",
				      task_kind_label(t[i].kind), *t[i].description ? ": " : "",
				      t[i].description, (long long)t[i].incident_id,
				      t[i].due_from >= today.start ? "due today" : "overdue"),
			 t[i].due_from);
	}
	return 0;
}

/* What both of an answer's lines end with: the language to answer them in, when it is not the
 * desk's own (CS-EQUAL), and what they said. */
static const char *answer_tail(struct svc *s, const char *text, const struct feedback *f)
{
	if (f->language && strcmp(f->language, "en") != 0)
		text = arena_printf(s->arena, "%s, who answered in %s", text,
				    language_label(f->language));
	if (f->comment && *f->comment)
		text = arena_printf(s->arena, "%s: “%s”", text, f->comment);
	return text;
}

/* "Very good (5 of 5) for Ann Lee, from Jo Park (555-0100): “Quick and kind.”": whom to pass
 * it on to, and the customer's details only for who may read customers (the service's). */
static const char *compliment_text(struct svc *s, const struct feedback *f)
{
	const char *text =
		arena_printf(s->arena, "%s (%d of 5) for %s", feedback_score_label(f->score),
			     f->score, f->served_by_name ? f->served_by_name : "the desk");
	if (f->contact)
		text = arena_printf(s->arena, "%s, from %s (%s)", text,
				    f->contact_name ? f->contact_name : "the customer", f->contact);
	return answer_tail(s, text, f);
}

/* "Very poor (1 of 5), ticket A12 served by Ann Lee: call Jo Park (555-0100), who answered in
 * Spanish: “Nobody helped.”": whom to call back, about what, and in which language. */
static const char *call_back_text(struct svc *s, const struct feedback *f)
{
	const char *text =
		arena_printf(s->arena, "%s (%d of 5), served by %s", feedback_score_label(f->score),
			     f->score, f->served_by_name ? f->served_by_name : "nobody recorded");
	if (f->contact)
		text = arena_printf(s->arena, "%s: contact %s (%s)", text,
				    f->contact_name ? f->contact_name : "the customer", f->contact);
	return answer_tail(s, text, f);
}

/* The contact requests at the actor's own branch still open: compliments nobody has passed
 * on, complaints nobody has resolved (each item the complaint, whose page resolves it);
 * counting only (items NULL) for the header's badge. Inside the caller's transaction. */
static int contacts_in_tx(struct svc *s, struct needs *o, enum need_kind k, bool items,
			  struct fd_error *err)
{
	struct feedback *f;
	size_t n;
	bool compliment = k == NEED_COMPLIMENT;
	if (feedback_contacts_in_tx(s, s->actor->branch_id,
				    compliment ? FOLLOW_COMPLIMENT : FOLLOW_COMPLAINT, &f, &n, err))
		return -1;
	if (!items) {
		o->n[k] = n;
		return 0;
	}
	need_room(s, o, k, n);
	for (size_t i = 0; i < n; i++)
		need_add(o, k, compliment ? f[i].id : f[i].complaint_id, f[i].branch_code,
			 compliment ? compliment_text(s, &f[i]) : call_back_text(s, &f[i]),
			 f[i].at);
	return 0;
}

static int gather_contacts(struct svc *s, struct needs *o, struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	int rc = contacts_in_tx(s, o, NEED_COMPLIMENT, true, err);
	if (!rc)
		rc = contacts_in_tx(s, o, NEED_CALL_BACK, true, err);
	return svc_end(s, rc, err);
}

/* Which kinds the actor's role deals with (the command line: FD_EINVAL). */
static int needs_applies(struct svc *s, struct needs *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "the command line has nothing waiting for it");
	enum role role = s->actor->role;
	bool hq = role_may(role, ACTION_HQ_REVIEW), difficult = difficult_role_may_ever(role);
	out->applies[NEED_REFERRED] = role_may(role, ACTION_REQUEST_WORK);
	out->applies[NEED_HANDED] = true;
	out->applies[NEED_IN_CHARGE] = difficult;
	out->applies[NEED_CALLBACK] = out->applies[NEED_WAITING] =
		role_may(role, ACTION_QUEUE_WORK);
	out->applies[NEED_DRAFT] = out->applies[NEED_FETCH] = difficult;
	out->applies[NEED_JUDGEMENT] = out->applies[NEED_COMPLAINT] =
		out->applies[NEED_INCIDENT_DUE] = hq;
	out->applies[NEED_HQ_REQUEST] = hq && out->applies[NEED_REFERRED];
	out->applies[NEED_REVIEW] = role_may(role, ACTION_INCIDENT_FOLLOWUP);
	out->applies[NEED_TASK_DUE] = true; /* a task may be given to anyone on the staff */
	/* Who may press "Passed on": the managers of the branch the staff member belongs to. */
	out->applies[NEED_COMPLIMENT] = out->applies[NEED_CALL_BACK] =
		role_may(role, ACTION_BRANCH_OVERSIGHT) && s->actor->branch_id != 0;
	return 0;
}

/* Only the kinds that apply count, and the total is theirs. */
static void needs_total(struct needs *out)
{
	for (int k = 0; k < NEED__MAX; k++) {
		if (!out->applies[k])
			out->n[k] = 0;
		out->total += out->n[k];
	}
}

int needs_mine(struct svc *s, struct needs *out, struct fd_error *err)
{
	if (needs_applies(s, out, err))
		return -1;
	bool hq = out->applies[NEED_JUDGEMENT], difficult = out->applies[NEED_DRAFT];
	struct duty d;
	bool on_duty;
	if (duty_mine(s, &d, &on_duty, err) || gather_held(s, out, err) ||
	    gather_followup(s, out, err) ||
	    (out->applies[NEED_REFERRED] && gather_requests(s, out, err)) ||
	    (out->applies[NEED_COMPLIMENT] && gather_contacts(s, out, err)))
		return -1;
	if (on_duty) {
		out->duty_branch = d.branch_code;
		if ((difficult && gather_in_charge(s, out, &d, err)) ||
		    gather_branch(s, out, &d, err))
			return -1;
	}
	/* Headquarters' calls for help add to the branch's own, when both apply. */
	struct needs branch_fetch = *out;
	if (hq && gather_hq(s, out, err))
		return -1;
	if (hq && branch_fetch.n[NEED_FETCH]) {
		size_t a = branch_fetch.n[NEED_FETCH], b = out->n[NEED_FETCH];
		struct need_item *all = arena_alloc(s->arena, (a + b) * sizeof *all);
		memcpy(all, branch_fetch.items[NEED_FETCH], a * sizeof *all);
		if (b)
			memcpy(all + a, out->items[NEED_FETCH], b * sizeof *all);
		out->items[NEED_FETCH] = all;
		out->n[NEED_FETCH] = a + b;
	}
	needs_total(out);
	return 0;
}

/* The tally t as needs_mine counts it: requests and overdue reports at a branch the actor may
 * not work at are left out there too (CS-SCOPE). */
static void tally_add(struct svc *s, struct needs *o, const struct need_tally_row *t)
{
	static const enum need_kind kind_of[TALLY__MAX] = {
		[TALLY_REFERRED] = NEED_REFERRED,   [TALLY_HQ_REQUEST] = NEED_HQ_REQUEST,
		[TALLY_HANDED] = NEED_HANDED,	    [TALLY_CALLBACK] = NEED_CALLBACK,
		[TALLY_DRAFT] = NEED_DRAFT,	    [TALLY_FETCH] = NEED_FETCH,
		[TALLY_FETCH_HQ] = NEED_FETCH,	    [TALLY_JUDGEMENT] = NEED_JUDGEMENT,
		[TALLY_COMPLAINT] = NEED_COMPLAINT, [TALLY_INCIDENT_DUE] = NEED_INCIDENT_DUE,
		[TALLY_REVIEW] = NEED_REVIEW,	    [TALLY_TASK_DUE] = NEED_TASK_DUE,
	};
	struct fd_error elsewhere = {0};
	switch (t->what) {
	case TALLY_HQ_REQUEST: /* Headquarters holds requests as a whole (request_list) */
		if (!role_is_headquarters(s->actor->role))
			return;
		/* fall through */
	case TALLY_REFERRED:
		if (svc_may_at(s, ACTION_REQUEST_WORK, t->branch_id, &elsewhere))
			return;
		break;
	case TALLY_INCIDENT_DUE:
		if (svc_may_at(s, ACTION_DIFFICULT_READ, t->branch_id, &elsewhere))
			return;
		break;
	default: break;
	}
	o->n[kind_of[t->what]] += (size_t)t->n;
}

/* needs_count's reads, in one transaction: the tallies, then what the duty branch adds. */
static int count_in_tx(struct svc *s, struct needs *o, struct fd_error *err)
{
	struct duty d;
	bool on_duty;
	struct need_tally_row *t;
	size_t nt;
	if (store_duty_current(s->store, s->actor->id, s->arena, &d, &on_duty, err))
		return -1;
	struct need_tally_ask q = {s->actor->id, s->now - HANDOVER_SHOWN_S,
				   on_duty ? d.branch_id : 0, s->now, o->applies[NEED_JUDGEMENT]};
	if (store_needs_tally(s->store, &q, s->arena, &t, &nt, err))
		return -1;
	for (size_t i = 0; i < nt; i++)
		tally_add(s, o, &t[i]);
	if (o->applies[NEED_COMPLIMENT] && (contacts_in_tx(s, o, NEED_COMPLIMENT, false, err) ||
					    contacts_in_tx(s, o, NEED_CALL_BACK, false, err)))
		return -1;
	if (!on_duty)
		return 0;
	o->duty_branch = d.branch_code;
	if (o->applies[NEED_IN_CHARGE]) {
		const char *gone;
		if (became_in_charge_in_tx(s, &d, &gone, err))
			return -1;
		o->n[NEED_IN_CHARGE] = gone != NULL;
	}
	/* The lists would refuse a branch the actor may not work at; so does the count. */
	if ((o->applies[NEED_WAITING] &&
	     queue_overdue_in_tx(s, d.branch_code, &o->n[NEED_WAITING], err)) ||
	    (o->applies[NEED_FETCH] && svc_may_at(s, ACTION_QUEUE_WORK, d.branch_id, err)))
		return -1;
	return 0;
}

int needs_count(struct svc *s, struct needs *out, struct fd_error *err)
{
	if (needs_applies(s, out, err))
		return -1;
	/* Headquarters' overdue reports are read as incident_list reads them. */
	if ((out->applies[NEED_INCIDENT_DUE] && svc_may(s, ACTION_DIFFICULT_READ, err)) ||
	    svc_begin(s, false, err))
		return -1;
	if (svc_end(s, count_in_tx(s, out, err), err))
		return -1;
	needs_total(out);
	return 0;
}
