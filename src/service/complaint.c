/* Complaints, difficult situations and judgement calls (see complaint.h). */
#include "service/complaint.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/hours.h"
#include "policy/judgement.h"
#include "service/catalogue.h"
#include "service/customer_link.h"
#include "service/outbox.h"

/* "2:05 pm on 2026-11-28" in the branch's time zone, for a notice: the pages' one clock. */
static const char *local_when(struct svc *s, const struct branch *b, int64_t t)
{
	struct tm tm = {0};
	char clock[HOURS_CLOCK_LEN];
	tz_localtime(b->time_zone, t, &tm);
	hours_time_label(tm.tm_hour * 60 + tm.tm_min, clock);
	return arena_printf(s->arena, "%s on %04d-%02d-%02d", clock, tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday);
}

static const char *who(const struct svc *s)
{
	return s->actor ? arena_printf(s->arena, "%s (%s)", s->actor->name,
				       role_label(s->actor->role))
			: "the administrator";
}

int difficult_preview(struct svc *s, const char *branch, struct difficult_verdict *v,
		      struct in_charge_view *ic, struct branch *b, struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, branch, b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_FETCH, b->id, err);
	if (!rc)
		rc = duty_difficult_in_tx(s, b->id, v, ic, err);
	ic->branch = branch;
	return svc_end(s, rc, err);
}

/* The Headquarters account a substitute says she contacted (field "hq_contact"). */
static int hq_person(struct svc *s, const char *login, struct staff *out, struct fd_error *err)
{
	if (store_staff_get(s->store, login, s->arena, out, err) || !out->active ||
	    !role_is_headquarters(out->role)) {
		fd_error_clear(err);
		return fd_fail_field(err, "hq_contact",
				     "Choose the person at Headquarters you spoke to: '%s' is not "
				     "someone there.",
				     login);
	}
	return 0;
}

/* The Executive Director's notice of a referral is known by the end of its subject. */
#define DIRECTOR_SUBJECT_END ": the customer may call you"

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);
	return n >= k && strcmp(s + n - k, end) == 0;
}

static int complaint_load(struct svc *s, int64_t id, struct complaint_view *out,
			  struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (store_complaint_get(s->store, id, s->arena, &out->c, err) ||
	    svc_may_at(s, ACTION_DIFFICULT_READ, out->c.branch_id, err) ||
	    store_outbox_about(s->store, "complaint", id, s->arena, &out->notices, &out->nnotices,
			       err))
		return -1;
	if (!svc_sees_customers(s))
		out->c.customer_card = out->c.customer_name = out->c.contact_name = out->c.contact =
			NULL;
	if (out->c.hq_contact_required && !out->c.hq_contacted_at)
		svc_warn(&out->warnings, "CS-DIFFICULT",
			 "A substitute took this with no permanent staff on duty: contact "
			 "Headquarters and record whom you spoke to.");
	if (out->c.manager_notified)
		svc_warn(&out->warnings, "CS-DIFFICULT",
			 "The branch manager is not at the branch: she has been notified.");
	/* Referred with nobody to tell: said on the complaint until it is handled by phone. */
	bool told = false;
	for (size_t i = 0; i < out->nnotices; i++)
		told |= ends_with(out->notices[i].subject, DIRECTOR_SUBJECT_END);
	if (out->c.referred_director_at && !told)
		svc_warn(&out->warnings, "CS-COMPLAINT",
			 outbox_nobody_to_notify(s, ROLE_EXECUTIVE_DIRECTOR));
	return 0;
}

/* The complaint as the answer to a call shows it: a read of its customer, audited on her
 * (CS-CONFIDENTIAL). */
static int complaint_shown(struct svc *s, int64_t id, struct complaint_view *out,
			   struct fd_error *err)
{
	return complaint_load(s, id, out, err) || customer_read_via_in_tx(s, out->c.customer_card,
									  "complaint", id, err)
		       ? -1
		       : 0;
}

#define IN(type, member) .offset = offsetof(struct type, member)
static const struct input_field hq_contact_fields[] = {
	{"hq_contact", "Who at Headquarters", INPUT_TEXT, false, 0, 32,
	 IN(hq_contact_input, hq_contact)},
	{"at", "When", INPUT_TIME, false, IN(hq_contact_input, at)},
};
const struct input_table hq_contact_table = INPUT_TABLE(hq_contact_fields);

static const struct input_field resolve_fields[] = {
	{"resolution", "Resolution", INPUT_TEXT, true, 1, 4000, IN(resolve_input, resolution)},
};
const struct input_table resolve_table = INPUT_TABLE(resolve_fields);

/* branch is the body's for the API, the path's for the desk's forms: the service asks for it. */
static const struct input_field complaint_fields[] = {
	INPUT_BRANCH_FIELD("branch", "Branch", false, offsetof(struct complaint_input, branch)),
	{"text", "Complaint", INPUT_LINES, true, 1, 4000, IN(complaint_input, text)},
	INPUT_CARD_FIELD("customer_card", false, offsetof(struct complaint_input, customer_card)),
	{"policy_section", "Policy section", INPUT_TEXT, false, 0, 200,
	 IN(complaint_input, policy_section)},
	{"hq_contact", "Headquarters contact", INPUT_TEXT, false, 0, 32,
	 IN(complaint_input, hq_contact)},
};
const struct input_table complaint_input_table = INPUT_TABLE(complaint_fields);

/* in was read through complaint_input_table. */
int complaint_add(struct svc *s, const struct complaint_input *in, struct complaint_view *out,
		  struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b = {0};
	struct difficult_verdict v = {0};
	struct complaint c = {0};
	struct staff hq = {0};
	struct warnings sent = {0};
	memset(ic, 0, sizeof *ic);
	if (!in->branch)
		return fd_fail_field(err, "branch", "Say which branch it is at.");
	catalogue_card_ask(s, in->customer_card); /* before the transaction: it may wait */
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = svc_branch(s, in->branch, &b, err)) != 0 ||
	    (rc = duty_difficult_gate_in_tx(s, &b, &v, ic, err)) != 0 ||
	    (in->hq_contact && (rc = hq_person(s, in->hq_contact, &hq, err)) != 0))
		goto out;
	if (in->customer_card &&
	    (rc = customer_link_in_tx(s, in->customer_card, "complaint", &c.customer_id, err)) != 0)
		goto out;
	c.branch_id = b.id;
	c.text = in->text;
	c.policy_section = in->policy_section;
	c.taken_by_id = s->actor ? s->actor->id : 0;
	c.taken_at = s->now;
	c.hq_contact_required = v.must_contact_hq;
	/* Said so only when she can be emailed; else the answer warns to phone her. */
	if (v.notify_branch_manager &&
	    (rc = outbox_reachable(s, ROLE_BRANCH_MANAGER, b.id, &c.manager_notified, err)) != 0)
		goto out;
	if ((rc = store_complaint_insert(s->store, &c, err)) != 0 ||
	    (rc = svc_audit(s, "create", "complaint", c.id, err)) != 0 ||
	    (hq.id && (rc = store_complaint_hq_contact(s->store, c.id, hq.id, s->now, err)) != 0))
		goto out;
	/* "If the Branch Manager is not there, she should be notified as soon as possible." */
	const char *body = arena_printf(
		s->arena,
		"A complaint was taken at %s at %s by %s.\n\nWhat the customer said:\n%s\n\n"
		"Policy referred to: %s\n\nOpen it: %s/complaints/%lld\n",
		b.name, local_when(s, &b, s->now), who(s), c.text,
		c.policy_section && *c.policy_section ? c.policy_section : "none yet",
		s->config->base_url, (long long)c.id);
	if ((rc = outbox_difficult_notices(s, &b, &v, "Complaint", body, "complaint", c.id, &sent,
					   err)) != 0 ||
	    (rc = complaint_load(s, c.id, out, err)) != 0)
		goto out;
	for (int i = 0; i < sent.n; i++)
		svc_warn(&out->warnings, sent.w[i].rule, sent.w[i].message);
out:
	return svc_end(s, rc, err);
}

int complaint_get(struct svc *s, int64_t id, struct complaint_view *out, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc = complaint_shown(s, id, out, err);
	if (!rc)
		rc = svc_audit(s, "read", "complaint", id, err);
	return svc_end(s, rc, err);
}

int complaint_list(struct svc *s, const char *branch, struct complaint **out, size_t *n,
		   struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_OVERSIGHT, err))
		return -1;
	if (!branch)
		return fd_fail_field(err, "branch", "say whose complaints: ?branch=CODE");
	if (svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, branch, &b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, b.id, err);
	if (!rc)
		rc = store_complaint_list(s->store, b.id, s->arena, out, n, err);
	for (size_t i = 0; !rc && i < *n; i++)
		if (!svc_sees_customers(s))
			(*out)[i].customer_card = (*out)[i].customer_name = (*out)[i].contact_name =
				(*out)[i].contact = NULL;
	return svc_end(s, rc, err);
}

/* A complaint to act on as a difficult case at its branch (CS-DIFFICULT). */
static int complaint_for_action(struct svc *s, int64_t id, struct complaint_view *out,
				struct branch *b, struct in_charge_view *ic, struct fd_error *err)
{
	struct difficult_verdict v;
	struct complaint c;
	/* CS-DIFFICULT first: whoever may not handle it is told whom to fetch. */
	return store_complaint_get(s->store, id, s->arena, &c, err) ||
			       store_branch_get_by_id(s->store, c.branch_id, s->arena, b, err) ||
			       duty_difficult_gate_in_tx(s, b, &v, ic, err) ||
			       complaint_load(s, id, out, err)
		       ? -1
		       : 0;
}

int complaint_refer_director(struct svc *s, int64_t id, struct complaint_view *out,
			     struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b;
	memset(ic, 0, sizeof *ic);
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = complaint_for_action(s, id, out, &b, ic, err)) != 0)
		goto out;
	if (out->c.referred_director_at) {
		rc = fd_fail(err, FD_ECONFLICT,
			     "this complaint was referred to the Director already");
		goto out;
	}
	const char *body = arena_printf(
		s->arena,
		"A customer at %s has been referred to you with a complaint, and may call you.\n\n"
		"Customer: %s\nTaken by: %s, %s\nReferred by: %s at %s\n\n"
		"What the customer said:\n%s\n\nPolicy referred to: %s\n\n"
		"Open it: %s/complaints/%lld\n",
		b.name, out->c.customer_name ? out->c.customer_name : "not given",
		out->c.taken_by.name ? out->c.taken_by.name : "the administrator",
		role_label(out->c.taken_by.role), who(s), local_when(s, &b, s->now), out->c.text,
		out->c.policy_section && *out->c.policy_section ? out->c.policy_section : "none",
		s->config->base_url, (long long)id);
	/* Nobody to notify is said, not refused: the referral itself stands (CS-COMPLAINT);
	 * complaint_load() warns of it. */
	if ((rc = outbox_notify_hq(
		     s, ROLE_EXECUTIVE_DIRECTOR, "CS-COMPLAINT",
		     arena_printf(s->arena, "Complaint at %s" DIRECTOR_SUBJECT_END, b.name), body,
		     "complaint", id, NULL, err)) != 0)
		goto out;
	/* CS-COMPLAINT: the time the notice left, so it provably precedes the customer's call. */
	out->c.referred_director_at = s->now;
	out->c.referred_by = s->actor ? s->actor->id : 0;
	if ((rc = store_complaint_update(s->store, &out->c, err)) == 0 &&
	    (rc = svc_audit(s, "refer-director", "complaint", id, err)) == 0)
		rc = complaint_shown(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

int complaint_resolve(struct svc *s, int64_t id, const char *resolution, struct complaint_view *out,
		      struct fd_error *err)
{
	if (svc_may(s, ACTION_BRANCH_OVERSIGHT, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = complaint_load(s, id, out, err)) != 0 ||
	    (rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, out->c.branch_id, err)) != 0)
		goto out;
	if (out->c.resolved_at) {
		rc = fd_fail(err, FD_ECONFLICT, "this complaint was resolved already");
		goto out;
	}
	out->c.resolution = resolution;
	out->c.resolved_at = s->now;
	if ((rc = store_complaint_update(s->store, &out->c, err)) == 0 &&
	    (rc = svc_audit(s, "resolve", "complaint", id, err)) == 0)
		rc = complaint_shown(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

/* When the contact with Headquarters was: now, or a time today that has passed. */
static int contact_time(const struct svc *s, int64_t at, int64_t *out, struct fd_error *err)
{
	if (at > s->now + 60)
		return fd_fail_field(err, "at",
				     "The contact with Headquarters cannot be in the "
				     "future.");
	*out = at ? at : s->now;
	return 0;
}

int complaint_hq_contacted(struct svc *s, int64_t id, const char *hq_login, int64_t at,
			   struct complaint_view *out, struct in_charge_view *ic,
			   struct fd_error *err)
{
	struct branch b;
	struct staff hq;
	int64_t when = 0;
	memset(ic, 0, sizeof *ic);
	if (!hq_login || !*hq_login)
		return fd_fail_field(err, "hq_contact", "Say whom at Headquarters you spoke to.");
	if (contact_time(s, at, &when, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = complaint_for_action(s, id, out, &b, ic, err)) == 0 &&
	    (rc = hq_person(s, hq_login, &hq, err)) == 0 &&
	    (rc = store_complaint_hq_contact(s->store, id, hq.id, when, err)) == 0 &&
	    (rc = svc_audit(s, "hq-contacted", "complaint", id, err)) == 0)
		rc = complaint_shown(s, id, out, err);
	return svc_end(s, rc, err);
}

static int situation_warnings(struct svc *s, struct situation_view *v,
			      const struct in_charge_view *ic)
{
	const struct situation *x = &v->x;
	int flags = 0;
	if (!x->private_area && ++flags)
		svc_warn(&v->warnings, "CS-PRIVATE",
			 "The customer was not taken to a private area away from the desk.");
	if (!x->witness.login && ++flags)
		svc_warn(&v->warnings, "CS-PRIVATE",
			 "No second staff member was present as a witness.");
	if (!x->in_charge_included && ++flags)
		svc_warn(&v->warnings, "CS-PRIVATE",
			 ic && ic->staff ? arena_printf(s->arena,
							"The person in charge (%s) was not "
							"included.",
							ic->staff->name)
					 : "The person in charge was not included.");
	if (x->hq_contact_required && !x->hq_contacted_at)
		svc_warn(&v->warnings, "CS-DIFFICULT",
			 "A substitute handled this with no permanent staff on duty: contact "
			 "Headquarters and record whom you spoke to.");
	return flags;
}

/* CS-PRIVATE: the witness is another permanent staff member (or someone from Headquarters)
 * on duty at the branch now. */
static int check_witness(struct svc *s, const char *login, const struct branch *b,
			 struct staff *out, struct fd_error *err)
{
	if (store_staff_get(s->store, login, s->arena, out, err)) {
		fd_error_clear(err);
		return fd_fail_field(err, "witness", "There is nobody with the login '%s'.", login);
	}
	if (s->actor && out->id == s->actor->id)
		return fd_fail_field(err, "witness",
				     "The witness is another staff member, not yourself.");
	if (!role_may_witness(out->role))
		return fd_fail_field(err, "witness",
				     "%s is a %s: the witness is a permanent staff member.",
				     out->name, role_label(out->role));
	if (out->duty_branch_id != b->id)
		return fd_fail_field(
			err, "witness",
			"%s is not on duty at %s: the witness is someone on duty here.", out->name,
			b->name);
	return 0;
}

static const struct input_field situation_fields[] = {
	INPUT_BRANCH_FIELD("branch", "Branch", false, offsetof(struct situation_input, branch)),
	{"text", "What happened", INPUT_LINES, true, 1, 4000, IN(situation_input, text)},
	{"private_area", "In a private area", INPUT_BOOL, true, IN(situation_input, private_area)},
	{"witness", "Witness", INPUT_TEXT, false, 0, 32, IN(situation_input, witness)},
	{"in_charge_included", "The person in charge was included", INPUT_BOOL, true,
	 IN(situation_input, in_charge_included)},
	{"hq_contact", "Headquarters contact", INPUT_TEXT, false, 0, 32,
	 IN(situation_input, hq_contact)},
};
const struct input_table situation_input_table = INPUT_TABLE(situation_fields);

/* in was read through situation_input_table. */
int situation_add(struct svc *s, const struct situation_input *in, struct situation_view *out,
		  struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b = {0};
	struct difficult_verdict v = {0};
	struct staff witness = {0}, hq = {0};
	struct warnings sent = {0};
	memset(out, 0, sizeof *out);
	memset(ic, 0, sizeof *ic);
	if (!in->branch)
		return fd_fail_field(err, "branch", "Say which branch it is at.");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = svc_branch(s, in->branch, &b, err)) != 0 ||
	    (rc = duty_difficult_gate_in_tx(s, &b, &v, ic, err)) != 0 ||
	    (in->witness && *in->witness &&
	     (rc = check_witness(s, in->witness, &b, &witness, err)) != 0) ||
	    (in->hq_contact && (rc = hq_person(s, in->hq_contact, &hq, err)) != 0))
		goto out;
	struct situation *x = &out->x;
	x->branch_id = b.id;
	x->text = in->text;
	x->private_area = in->private_area;
	/* The person in charge who records it was there herself. */
	x->in_charge_included =
		in->in_charge_included || (s->actor && ic->staff && ic->staff->id == s->actor->id);
	x->recorded_by_id = s->actor ? s->actor->id : 0;
	x->recorded_at = s->now;
	x->hq_contact_required = v.must_contact_hq;
	if (v.notify_branch_manager &&
	    (rc = outbox_reachable(s, ROLE_BRANCH_MANAGER, b.id, &x->manager_notified, err)) != 0)
		goto out;
	x->witness_id = witness.id;
	x->witness.login = witness.login;
	x->hq_contacted_at = hq.id ? s->now : 0;
	/* CS-PRIVATE: missing pieces are accepted, but flagged for the branch manager. */
	struct situation_view probe = {.x = *x};
	x->flagged = situation_warnings(s, &probe, ic) > 0;
	if ((rc = store_situation_insert(s->store, x, err)) != 0 ||
	    (hq.id && (rc = store_situation_hq_contact(s->store, x->id, hq.id, s->now, err)) != 0))
		goto out;
	const char *body = arena_printf(
		s->arena,
		"A difficult situation was handled at %s at %s by %s.\n\n%s\n\nPrivate area: %s. "
		"Witness: %s. Person in charge included: %s.\n\nThe branch's situations: "
		"%s/desk/%s/complaints\n",
		b.name, local_when(s, &b, s->now), who(s), x->text, x->private_area ? "yes" : "no",
		witness.name ? witness.name : "none", x->in_charge_included ? "yes" : "no",
		s->config->base_url, b.code);
	if ((rc = outbox_difficult_notices(s, &b, &v, "Difficult situation", body, "situation",
					   x->id, &sent, err)) != 0 ||
	    (rc = store_situation_get(s->store, x->id, s->arena, x, err)) != 0)
		goto out;
	situation_warnings(s, out, ic);
	for (int i = 0; i < sent.n; i++)
		svc_warn(&out->warnings, sent.w[i].rule, sent.w[i].message);
out:
	return svc_end(s, rc, err);
}

int situation_hq_contacted(struct svc *s, int64_t id, const char *hq_login, int64_t at,
			   struct situation_view *out, struct in_charge_view *ic,
			   struct fd_error *err)
{
	struct branch b;
	struct staff hq;
	struct difficult_verdict v;
	int64_t when = 0;
	memset(out, 0, sizeof *out);
	memset(ic, 0, sizeof *ic);
	if (!hq_login || !*hq_login)
		return fd_fail_field(err, "hq_contact", "Say whom at Headquarters you spoke to.");
	if (contact_time(s, at, &when, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_situation_get(s->store, id, s->arena, &out->x, err)) == 0 &&
	    (rc = store_branch_get_by_id(s->store, out->x.branch_id, s->arena, &b, err)) == 0 &&
	    (rc = duty_difficult_gate_in_tx(s, &b, &v, ic, err)) == 0 &&
	    (rc = hq_person(s, hq_login, &hq, err)) == 0 &&
	    (rc = store_situation_hq_contact(s->store, id, hq.id, when, err)) == 0 &&
	    (rc = store_situation_get(s->store, id, s->arena, &out->x, err)) == 0)
		situation_warnings(s, out, ic);
	return svc_end(s, rc, err);
}

int situation_list(struct svc *s, const char *branch, bool flagged_only, struct situation **out,
		   size_t *n, struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_OVERSIGHT, err))
		return -1;
	if (!branch)
		return fd_fail_field(err, "branch", "say whose situations: ?branch=CODE");
	if (svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, branch, &b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, b.id, err);
	if (!rc)
		rc = store_situation_list(s->store, b.id, flagged_only, s->arena, out, n, err);
	return svc_end(s, rc, err);
}

static int judges_in_tx(struct svc *s, int64_t branch_id, struct judges *out, struct fd_error *err)
{
	struct staff *st;
	size_t n;
	memset(out, 0, sizeof *out);
	if (store_staff_list(s->store, branch_id, s->arena, &st, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!st[i].active)
			continue;
		if (st[i].role == ROLE_BRANCH_MANAGER && !out->manager)
			out->manager = &st[i];
		else if (st[i].role == ROLE_ASSISTANT_LIBRARIAN && !out->assistant)
			out->assistant = &st[i];
	}
	return 0;
}

/* "Reach Ann Lee (Branch Manager, 662-555-0100), or else Bo Diaz (Assistant Librarian)." */
static const char *whom_to_reach(struct svc *s, const struct judges *j)
{
	struct buf b = BUF_INIT;
	const struct staff *p[] = {j->manager, j->assistant};
	for (size_t i = 0; i < 2; i++) {
		if (!p[i])
			continue;
		buf_printf(&b, "%s %s (%s%s%s)", b.len ? ", or else" : "Reach", p[i]->name,
			   role_label(p[i]->role), p[i]->phone && *p[i]->phone ? ", " : "",
			   p[i]->phone ? p[i]->phone : "");
	}
	const char *out = b.len ? arena_printf(s->arena, "%s.", buf_str(&b))
				: "The branch has no branch manager or assistant librarian: call "
				  "Headquarters.";
	buf_free(&b);
	return out;
}

static int judge_verdict(struct svc *s, const struct branch *b, const struct judgement_input *in,
			 struct judge_verdict *v, struct judges *judges, struct fd_error *err)
{
	struct duty *rows;
	struct on_duty *on;
	size_t n;
	if (!s->actor) { /* the administrator records what was decided */
		*v = (struct judge_verdict){.allowed = true, .by_phone = in->by_phone};
		return 0;
	}
	if (duty_on_at_in_tx(s, b->id, 0, &rows, &on, &n, err) ||
	    judges_in_tx(s, b->id, judges, err))
		return -1;
	struct judge_facts f = {
		.role = s->actor->role,
		.home = s->actor->branch_id == b->id,
		.on_duty_here = s->actor->duty_branch_id == b->id,
		.own_manager_on_duty = in_charge_own_manager_on(on, n),
		.by_phone = in->by_phone,
		.branch_manager_reachable = in->branch_manager_reachable,
		.hq_reachable = in->hq_reachable,
	};
	*v = judgement_may_decide(&f);
	if (!v->allowed)
		return fd_fail_policy(err, "CS-JUDGE", "%s. %s", v->reason,
				      whom_to_reach(s, judges));
	return 0;
}

int judgement_preview(struct svc *s, const struct branch *b, struct fd_error *err)
{
	struct judgement_input best = {.by_phone = true};
	struct judge_verdict v;
	struct judges judges;
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, judge_verdict(s, b, &best, &v, &judges, err), err);
}

static const struct input_field judgement_fields[] = {
	INPUT_BRANCH_FIELD("branch", "Branch", false, offsetof(struct judgement_input, branch)),
	{"situation", "Situation", INPUT_LINES, true, 1, 4000, IN(judgement_input, situation)},
	{"decision", "Decision", INPUT_LINES, true, 1, 4000, IN(judgement_input, decision)},
	{"hq_reachable", "Headquarters could be reached", INPUT_BOOL, true,
	 IN(judgement_input, hq_reachable)},
	{"by_phone", "Decided by phone", INPUT_BOOL, false, IN(judgement_input, by_phone)},
	{"branch_manager_reachable", "The branch manager was reached", INPUT_BOOL, false,
	 IN(judgement_input, branch_manager_reachable)},
};
const struct input_table judgement_input_table = INPUT_TABLE(judgement_fields);

/* in was read through judgement_input_table. */
int judgement_add(struct svc *s, const struct judgement_input *in, struct judgement_view *out,
		  struct judges *judges, struct fd_error *err)
{
	struct branch b;
	struct judge_verdict v;
	memset(out, 0, sizeof *out);
	memset(judges, 0, sizeof *judges);
	if (!in->branch)
		return fd_fail_field(err, "branch", "Say which branch it is at.");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = svc_branch(s, in->branch, &b, err)) != 0 ||
	    (rc = svc_may_at(s, ACTION_JUDGE, b.id, err)) != 0 ||
	    (rc = judge_verdict(s, &b, in, &v, judges, err)) != 0)
		goto out;
	struct judgement j = {.branch_id = b.id,
			      .situation = in->situation,
			      .decision = in->decision,
			      .hq_reachable = in->hq_reachable,
			      .by_phone = v.by_phone,
			      .manager_unreachable =
				      s->actor && s->actor->role == ROLE_ASSISTANT_LIBRARIAN,
			      .decided_by_id = s->actor ? s->actor->id : 0,
			      .decided_at = s->now};
	if ((rc = store_judgement_insert(s->store, &j, err)) != 0)
		goto out;
	/* "She will report this situation to Headquarters." */
	const char *subject = arena_printf(s->arena, "Judgement call at %s", b.name);
	const char *body = arena_printf(
		s->arena,
		"%s made a judgement call for %s at %s, with Headquarters unreachable%s%s.\n\n"
		"The situation:\n%s\n\nThe decision:\n%s\n\n"
		"It stays on the Headquarters page until someone there acknowledges it: "
		"%s/hq\n",
		who(s), b.name, local_when(s, &b, s->now), j.by_phone ? ", by phone from away" : "",
		j.manager_unreachable ? ", the branch manager not reachable" : "", in->situation,
		in->decision, s->config->base_url);
	if ((rc = outbox_notify_hq(s, ROLE_EXECUTIVE_DIRECTOR, "CS-JUDGE", subject, body,
				   "judgement", j.id, &out->warnings, err)) != 0 ||
	    (rc = outbox_notify_hq(s, ROLE_BRANCH_SERVICES_COORDINATOR, "CS-JUDGE", subject, body,
				   "judgement", j.id, &out->warnings, err)) != 0)
		goto out;
	/* CS-INCHARGE: the branch manager hears of it whenever she is not at the branch, unless
	 * she made it herself. */
	struct duty *rows;
	struct on_duty *on;
	size_t n;
	bool herself = s->actor && s->actor->role == ROLE_BRANCH_MANAGER;
	if ((rc = duty_on_at_in_tx(s, b.id, 0, &rows, &on, &n, err)) != 0 ||
	    (!herself && !in_charge_own_manager_on(on, n) &&
	     (rc = outbox_notify_role(s, ROLE_BRANCH_MANAGER, b.id,
				      arena_printf(s->arena, "%s while you are away", subject),
				      body, "judgement", j.id, NULL, err)) != 0))
		goto out;
	rc = store_judgement_get(s->store, j.id, s->arena, &out->j, err);
out:
	return svc_end(s, rc, err);
}

int judgement_acknowledge(struct svc *s, int64_t id, struct judgement *out, struct fd_error *err)
{
	if (svc_may(s, ACTION_HQ_REVIEW, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_judgement_get(s->store, id, s->arena, out, err)) == 0 &&
	    (rc = store_judgement_ack(s->store, id, s->actor ? s->actor->id : 0, s->now, err)) == 0)
		rc = store_judgement_get(s->store, id, s->arena, out, err);
	return svc_end(s, rc, err);
}

int hq_dashboard(struct svc *s, struct hq_view *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (svc_may(s, ACTION_HQ_REVIEW, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_complaint_list(s->store, 0, s->arena, &out->complaints, &out->ncomplaints,
				      err);
	if (!rc)
		rc = store_judgement_list_open(s->store, s->arena, &out->judgements,
					       &out->njudgements, err);
	if (!rc)
		rc = store_fetch_list_open(s->store, 0, s->arena, &out->fetches, &out->nfetches,
					   err);
	if (!rc)
		rc = outbox_hq_roles_unreachable(s, out->unreachable, &out->nunreachable, err);
	return svc_end(s, rc, err);
}
