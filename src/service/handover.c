/* Shift handover use cases: listing what a person holds, and passing it on as they leave. */
#include "service/handover.h"

#include <string.h>

#include "base/timefmt.h"
#include "policy/difficult.h"
#include "service/calendar.h"

/* What who holds, as the actor may see it: volunteers and pages see no customer, not even
 * the number a callback is promised to (CS-CONFIDENTIAL). */
static int held_by(struct svc *s, const struct staff *who, struct held *h, struct fd_error *err)
{
	if (store_request_list_open(s->store, 0, who->id, s->arena, &h->requests, &h->nrequests,
				    err) ||
	    store_callbacks_held(s->store, who->id, s->arena, &h->callbacks, &h->ncallbacks, err) ||
	    store_incident_drafts_held(s->store, who->id, s->arena, &h->incidents, &h->nincidents,
				       err))
		return -1;
	/* CS-DIFFICULT: one who may not handle a report holds none of it; an unfinished draft
	 * waits for the person in charge to take it over (or for Headquarters). */
	if (!difficult_role_may_ever(who->role))
		h->nincidents = 0;
	if (!svc_sees_customers(s)) {
		for (size_t i = 0; i < h->nrequests; i++)
			h->requests[i].customer_card = h->requests[i].customer_name = NULL;
		for (size_t i = 0; i < h->ncallbacks; i++)
			h->callbacks[i].customer_card = h->callbacks[i].customer_name =
				h->callbacks[i].callback_phone = NULL;
	}
	return 0;
}

/* The handovers to the actor shown on her list: those of the last HANDOVER_SHOWN_S. */
static int received_in_tx(struct svc *s, struct handover **out, size_t *n, struct fd_error *err)
{
	return store_handovers_to(s->store, s->actor->id, s->now - HANDOVER_SHOWN_S, s->arena, out,
				  n, err);
}

int handover_mine(struct svc *s, struct held *out, bool *on_duty, struct handover **received,
		  size_t *nreceived, struct fd_error *err)
{
	struct duty d;
	memset(out, 0, sizeof *out);
	*on_duty = false;
	*nreceived = 0;
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "the command line holds nothing");
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_duty_current(s->store, s->actor->id, s->arena, &d, on_duty, err);
	if (!rc)
		rc = held_by(s, s->actor, out, err);
	if (!rc)
		rc = received_in_tx(s, received, nreceived, err);
	if (!rc && *on_duty)
		rc = duty_in_charge_after_in_tx(s, d.branch_id, s->actor->id, &out->to, err);
	return svc_end(s, rc, err);
}

/* "2 open requests and 1 promised callback": what h holds, in words (in s->arena). */
static const char *held_summary(struct svc *s, const struct held *h)
{
	const char *part[3] = {"nothing", NULL, NULL};
	int k = 0;
	if (h->nrequests)
		part[k++] = arena_printf(s->arena, "%zu open request%s", h->nrequests,
					 h->nrequests == 1 ? "" : "s");
	if (h->ncallbacks)
		part[k++] = arena_printf(s->arena, "%zu promised callback%s", h->ncallbacks,
					 h->ncallbacks == 1 ? "" : "s");
	if (h->nincidents)
		part[k++] = arena_printf(s->arena, "%zu unsigned incident report%s", h->nincidents,
					 h->nincidents == 1 ? "" : "s");
	if (k == 3)
		return arena_printf(s->arena, "%s, %s and %s", part[0], part[1], part[2]);
	return k == 2 ? arena_printf(s->arena, "%s and %s", part[0], part[1]) : part[0];
}

static const char *name_of(const struct in_charge_view *to)
{
	return to->staff ? to->staff->name : "Headquarters";
}

/* What who holds, and whom it goes to when they leave branch_id now. */
static int held_in_tx(struct svc *s, const struct staff *who, int64_t branch_id, struct held *h,
		      struct fd_error *err)
{
	return held_by(s, who, h, err) ||
			       duty_in_charge_after_in_tx(s, branch_id, who->id, &h->to, err)
		       ? -1
		       : 0;
}

/* Ends who's duty (unless keep_shift) and passes on what held_in_tx found. */
static int pass_on(struct svc *s, const struct staff *who, int64_t branch_id, const char *note,
		   bool keep_shift, const struct held *h, struct fd_error *err)
{
	bool closed;
	if (!keep_shift && store_duty_close(s->store, who->id, s->now, &closed, err))
		return -1;
	if (!held_anything(h))
		return 0;
	int64_t to = h->to.staff ? h->to.staff->id : 0;
	const char *detail =
		keep_shift ? arena_printf(s->arena, "handed to %s from %s: %s", name_of(&h->to),
					  who->name, note)
			   : arena_printf(s->arena, "handed to %s at the end of %s's shift: %s",
					  name_of(&h->to), who->name, note);
	for (size_t i = 0; i < h->nrequests; i++) {
		struct request_rec r = h->requests[i];
		/* With nobody left on duty, Headquarters is in charge (CS-INCHARGE). */
		r.holder_id = to;
		if (!to)
			r.level = LEVEL_HEADQUARTERS;
		if (store_request_update(s->store, &r, err) ||
		    store_request_history_add(s->store, r.id, s->now, who->id, "handed_over",
					      detail, err))
			return -1;
	}
	/* A callback stays with the branch: to the person in charge, or to whoever is next at
	 * the desk (no one holds it) when nobody is. */
	for (size_t i = 0; i < h->ncallbacks; i++)
		if (store_visit_hand_to(s->store, h->callbacks[i].id, to, err) ||
		    store_event_append(s->store, h->callbacks[i].branch_id, "visit.handed_over",
				       h->callbacks[i].id, s->now, err))
			return -1;
	/* Headquarters may finish any report: with nobody on duty it is theirs as it stands. */
	for (size_t i = 0; i < h->nincidents; i++)
		if (to && store_incident_hand_to(s->store, h->incidents[i].id, to, err))
			return -1;
	struct handover rec = {.branch_id = branch_id,
			       .from_id = who->id,
			       .to_id = to,
			       .note = note,
			       .at = s->now,
			       .requests = (int)h->nrequests,
			       .callbacks = (int)h->ncallbacks,
			       .incidents = (int)h->nincidents};
	/* The event tells the receiver's pages: "handed to you" in their "Needs you" now. */
	return store_handover_insert(s->store, &rec, err) ||
			       store_event_append(s->store, branch_id, "handover", 0, s->now, err)
		       ? -1
		       : 0;
}

int handover_in_tx(struct svc *s, const struct staff *who, int64_t branch_id, const char *note,
		   struct held *h, struct fd_error *err)
{
	return held_in_tx(s, who, branch_id, h, err) ||
			       pass_on(s, who, branch_id, note, false, h, err)
		       ? -1
		       : 0;
}

int handover_held_in_tx(struct svc *s, const struct staff *who, int64_t branch_id, const char *note,
			struct held *h, struct fd_error *err)
{
	return held_in_tx(s, who, branch_id, h, err) ||
			       pass_on(s, who, branch_id, note, true, h, err)
		       ? -1
		       : 0;
}

#define IN(member) .offset = offsetof(struct duty_off_input, member)
static const struct input_field duty_off_fields[] = {
	INPUT_LOGIN_FIELD(false, offsetof(struct duty_off_input, login)),
	{"note", "Note", INPUT_LINES, false, 0, 500, IN(note)},
	{"leave_waiting", "Clock off although customers wait", INPUT_BOOL, false,
	 IN(leave_waiting)},
};
const struct input_table duty_off_table = INPUT_TABLE(duty_off_fields);

/* login and note were read through duty_off_table. */
/* Customers still waiting at branch_id and nobody else on duty there to serve them: the
 * person leaving is told so, and goes only when they confirm it (leave_waiting). */
static int check_left_waiting(struct svc *s, const struct staff *who, int64_t branch_id,
			      bool leave_waiting, struct fd_error *err)
{
	struct duty *rows;
	struct on_duty *on;
	size_t others;
	int64_t waiting;
	if (leave_waiting)
		return 0;
	if (store_visit_waiting_count(s->store, branch_id, &waiting, err) ||
	    duty_on_at_in_tx(s, branch_id, who->id, &rows, &on, &others, err))
		return -1;
	if (waiting == 0 || others > 0)
		return 0;
	return fd_fail_field(err, "leave_waiting",
			     "%lld %s waiting and nobody else is on duty here: serve them or ask "
			     "a colleague to clock on first; to go anyway, confirm that you are "
			     "leaving customers waiting",
			     (long long)waiting, waiting == 1 ? "customer is" : "customers are");
}

int duty_off(struct svc *s, const char *login, const char *note, bool leave_waiting,
	     struct staff *out, struct held *held, struct fd_error *err)
{
	struct duty d;
	bool on;
	memset(held, 0, sizeof *held);
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = duty_subject_in_tx(s, login, 0, out, err)) != 0 ||
	    (rc = store_duty_current(s->store, out->id, s->arena, &d, &on, err)) != 0)
		goto out;
	if (!on) {
		rc = fd_fail(err, FD_ECONFLICT, "%s is not on duty", out->login);
		goto out;
	}
	if ((rc = check_left_waiting(s, out, d.branch_id, leave_waiting, err)) != 0 ||
	    (rc = held_in_tx(s, out, d.branch_id, held, err)) != 0)
		goto out;
	if (held_anything(held) && (!note || !*note)) {
		rc = fd_fail_field(err, "note",
				   "%s holds %s: they pass to %s; write a handover note for them",
				   out->name, held_summary(s, held), name_of(&held->to));
		goto out;
	}
	rc = pass_on(s, out, d.branch_id, note ? note : "", false, held, err);
out:
	return svc_end(s, rc, err);
}

int branch_open_items(struct svc *s, const char *code, struct open_items *out, struct fd_error *err)
{
	struct visit *visits;
	struct incident *incidents;
	size_t nvisits, nincidents;
	char today[11];
	memset(out, 0, sizeof *out);
	if (svc_may(s, ACTION_QUEUE_WORK, err) || svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, code, &out->branch, err);
	if (!rc) {
		timefmt_date(calendar_local_day(&out->branch, s->now), today);
		rc = store_visit_list_open(s->store, out->branch.id, today, s->arena, &visits,
					   &nvisits, err) ||
				     store_request_list_open(s->store, out->branch.id, 0, s->arena,
							     &out->requests, &out->nrequests,
							     err) ||
				     store_incident_list(s->store, out->branch.id, false, s->now,
							 s->arena, &incidents, &nincidents, err)
			     ? -1
			     : 0;
	}
	if (!rc) {
		/* Today's no-shows are done with; the unsigned reports are what is left, for those
		 * who may read reports (CS-DIFFICULT); customers for those who may see them. */
		bool sees = svc_sees_customers(s);
		out->visits = visits;
		for (size_t i = 0; i < nvisits; i++)
			if (visits[i].state != VISIT_NO_SHOW) {
				struct visit *v = &out->visits[out->nvisits++];
				*v = visits[i];
				if (!sees)
					v->customer_card = v->customer_name = v->callback_phone =
						v->first_name = NULL;
			}
		for (size_t i = 0; !sees && i < out->nrequests; i++)
			out->requests[i].customer_card = out->requests[i].customer_name = NULL;
		out->incidents = incidents;
		for (size_t i = 0; i < nincidents; i++)
			if (!incidents[i].signed_at &&
			    svc_may_at(s, ACTION_DIFFICULT_READ, out->branch.id, NULL) == 0)
				out->incidents[out->nincidents++] = incidents[i];
	}
	return svc_end(s, rc, err);
}
