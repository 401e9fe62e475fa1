/* Complaints, difficult situations and judgement calls (see complaint.h). */
#include "service/complaint.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "service/customer.h"
#include "service/outbox.h"

static void warn(struct warning *w, int *n, const char *rule, const char *message)
{
	if (*n < MAX_WARNINGS)
		w[(*n)++] = (struct warning){rule, message};
}

/* "14:05 on 2026-11-28" in the branch's time zone, for a notice. */
static const char *local_when(struct svc *s, const struct branch *b)
{
	struct tm tm = {0};
	tz_localtime(b->time_zone, s->now, &tm);
	return arena_printf(s->arena, "%02d:%02d on %04d-%02d-%02d", tm.tm_hour, tm.tm_min,
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static const char *who(const struct svc *s)
{
	return s->actor ? arena_printf(s->arena, "%s (%s)", s->actor->name,
				       role_label(s->actor->role))
			: "the administrator";
}

/* The branch, and whether the actor may take a difficult case there (CS-DIFFICULT). */
static int difficult_gate(struct svc *s, const char *code, struct branch *b,
			  struct difficult_verdict *v, struct in_charge_view *ic,
			  struct fd_error *err)
{
	if (svc_may(s, ACTION_DIFFICULT_WORK, err))
		return -1;
	if (!code)
		return fd_fail_field(err, "branch", "branch is required");
	if (svc_branch(s, code, b, err))
		return -1;
	if (duty_require_at(s, b, true, err) || duty_difficult_in_tx(s, b->id, v, ic, err))
		return -1;
	ic->branch = b->code;
	if (!v->allowed)
		return fd_fail_policy(err, "CS-DIFFICULT", "%s%s%s", v->reason,
				      ic->staff ? ": "
						: " (nobody is in charge here: call "
						  "Headquarters)",
				      ic->staff ? ic->staff->name : "");
	return 0;
}

int difficult_preview(struct svc *s, const char *branch, struct difficult_verdict *v,
		      struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_DIFFICULT_WORK, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, branch, s->arena, &b, err);
	if (!rc)
		rc = duty_difficult_in_tx(s, b.id, v, ic, err);
	ic->branch = branch;
	return svc_end(s, rc, err);
}

static int complaint_load(struct svc *s, int64_t id, struct complaint_view *out,
			  struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (store_complaint_get(s->store, id, s->arena, &out->c, err) ||
	    store_outbox_about(s->store, "complaint", id, s->arena, &out->notices, &out->nnotices,
			       err))
		return -1;
	if (out->c.hq_contact_required)
		warn(out->warnings, &out->nwarnings, "CS-DIFFICULT",
		     "a substitute took this with no permanent staff on duty: contact "
		     "Headquarters");
	if (out->c.manager_notified)
		warn(out->warnings, &out->nwarnings, "CS-DIFFICULT",
		     "the branch manager is not at the branch: she has been notified");
	return 0;
}

int complaint_add(struct svc *s, const struct complaint_input *in, struct complaint_view *out,
		  struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b = {0};
	struct difficult_verdict v = {0};
	struct complaint c = {0};
	memset(ic, 0, sizeof *ic);
	if (svc_check_text("text", in->text, 1, 4000, err) ||
	    svc_check_text("policy_section", in->policy_section, 0, 200, err))
		return -1;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = difficult_gate(s, in->branch, &b, &v, ic, err)) != 0)
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
	c.manager_notified = v.notify_branch_manager;
	if ((rc = store_complaint_insert(s->store, &c, err)) != 0 ||
	    (rc = svc_audit(s, "create", "complaint", c.id, err)) != 0)
		goto out;
	if (v.notify_branch_manager) {
		/* CS-DIFFICULT: "If the Branch Manager is not there, she should be notified". */
		const char *body = arena_printf(
			s->arena,
			"A complaint was taken at %s at %s by %s while you were away.\n\n"
			"What the customer said:\n%s\n\nPolicy referred to: %s\n\n"
			"Open it: %s/complaints/%lld\n",
			b.name, local_when(s, &b), who(s), c.text,
			c.policy_section && *c.policy_section ? c.policy_section : "none yet",
			s->config->base_url, (long long)c.id);
		if ((rc = outbox_notify_role(s, ROLE_BRANCH_MANAGER, b.id,
					     arena_printf(s->arena,
							  "Complaint at %s while you are "
							  "away",
							  b.name),
					     body, "complaint", c.id, NULL, err)) != 0)
			goto out;
	}
	rc = complaint_load(s, c.id, out, err);
out:
	return svc_end(s, rc, err);
}

int complaint_get(struct svc *s, int64_t id, struct complaint_view *out, struct fd_error *err)
{
	if (svc_may(s, ACTION_DIFFICULT_WORK, err) || svc_begin(s, true, err))
		return -1;
	int rc = complaint_load(s, id, out, err);
	if (!rc)
		rc = svc_audit(s, "read", "complaint", id, err);
	return svc_end(s, rc, err);
}

int complaint_list(struct svc *s, const char *branch, struct complaint **out, size_t *n,
		   struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_OVERSIGHT, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, branch ? branch : "", s->arena, &b, err);
	if (!rc)
		rc = store_complaint_list(s->store, b.id, s->arena, out, n, err);
	return svc_end(s, rc, err);
}

int complaint_refer_director(struct svc *s, int64_t id, struct complaint_view *out,
			     struct fd_error *err)
{
	struct branch b;
	int queued = 0;
	if (svc_may(s, ACTION_DIFFICULT_WORK, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = complaint_load(s, id, out, err)) != 0 ||
	    (rc = store_branch_get_by_id(s->store, out->c.branch_id, s->arena, &b, err)) != 0)
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
		role_label(out->c.taken_by.role), who(s), local_when(s, &b), out->c.text,
		out->c.policy_section && *out->c.policy_section ? out->c.policy_section : "none",
		s->config->base_url, (long long)id);
	if ((rc = outbox_notify_role(s, ROLE_EXECUTIVE_DIRECTOR, 0,
				     arena_printf(s->arena,
						  "Complaint at %s: the customer may call "
						  "you",
						  b.name),
				     body, "complaint", id, &queued, err)) != 0)
		goto out;
	if (!queued) {
		rc = fd_fail(err, FD_ECONFLICT,
			     "no Executive Director with an email address to "
			     "notify: add one in the staff records");
		goto out;
	}
	/* CS-COMPLAINT: the time the notice left, so it provably precedes the customer's call. */
	out->c.referred_director_at = s->now;
	out->c.referred_by = s->actor ? s->actor->id : 0;
	if ((rc = store_complaint_update(s->store, &out->c, err)) == 0 &&
	    (rc = svc_audit(s, "refer-director", "complaint", id, err)) == 0)
		rc = complaint_load(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

int complaint_resolve(struct svc *s, int64_t id, const char *resolution, struct complaint_view *out,
		      struct fd_error *err)
{
	if (svc_check_text("resolution", resolution, 1, 4000, err) ||
	    svc_may(s, ACTION_BRANCH_OVERSIGHT, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = complaint_load(s, id, out, err)) != 0)
		goto out;
	if (out->c.resolved_at) {
		rc = fd_fail(err, FD_ECONFLICT, "this complaint was resolved already");
		goto out;
	}
	out->c.resolution = resolution;
	out->c.resolved_at = s->now;
	if ((rc = store_complaint_update(s->store, &out->c, err)) == 0 &&
	    (rc = svc_audit(s, "resolve", "complaint", id, err)) == 0)
		rc = complaint_load(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

static int situation_warnings(struct svc *s, struct situation_view *v,
			      const struct in_charge_view *ic)
{
	const struct situation *x = &v->x;
	if (!x->private_area)
		warn(v->warnings, &v->nwarnings, "CS-PRIVATE",
		     "the customer was not taken to a private area away from the desk");
	if (!x->witness.login)
		warn(v->warnings, &v->nwarnings, "CS-PRIVATE",
		     "no second staff member was present as a witness");
	if (!x->in_charge_included)
		warn(v->warnings, &v->nwarnings, "CS-PRIVATE",
		     ic && ic->staff ? arena_printf(s->arena,
						    "the person in charge (%s) was not "
						    "included",
						    ic->staff->name)
				     : "the person in charge was not included");
	if (x->hq_contact_required)
		warn(v->warnings, &v->nwarnings, "CS-DIFFICULT",
		     "a substitute handled this with no permanent staff on duty: contact "
		     "Headquarters");
	return v->nwarnings;
}

int situation_add(struct svc *s, const struct situation_input *in, struct situation_view *out,
		  struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b = {0};
	struct difficult_verdict v = {0};
	struct staff witness;
	memset(out, 0, sizeof *out);
	memset(ic, 0, sizeof *ic);
	if (svc_check_text("text", in->text, 1, 4000, err))
		return -1;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = difficult_gate(s, in->branch, &b, &v, ic, err)) != 0)
		goto out;
	struct situation *x = &out->x;
	x->branch_id = b.id;
	x->text = in->text;
	x->private_area = in->private_area;
	x->in_charge_included = in->in_charge_included;
	x->recorded_by_id = s->actor ? s->actor->id : 0;
	x->recorded_at = s->now;
	x->hq_contact_required = v.must_contact_hq;
	if (in->witness && *in->witness) {
		if ((rc = store_staff_get(s->store, in->witness, s->arena, &witness, err)) != 0) {
			snprintf(err->field, sizeof err->field, "witness");
			goto out;
		}
		if (witness.id == x->recorded_by_id) {
			rc = fd_fail_field(err, "witness", "the witness is another staff member");
			goto out;
		}
		x->witness_id = witness.id;
		x->witness.login = witness.login;
	}
	/* CS-PRIVATE: missing pieces are accepted, but flagged for the branch manager. */
	x->flagged = situation_warnings(s, out, ic) > (x->hq_contact_required ? 1 : 0);
	if ((rc = store_situation_insert(s->store, x, err)) != 0)
		goto out;
	if (v.notify_branch_manager) {
		const char *body = arena_printf(
			s->arena,
			"A difficult situation was handled at %s at %s by %s while you were "
			"away.\n\n"
			"%s\n\nPrivate area: %s. Witness: %s. Person in charge included: %s.\n\n"
			"Your branch's situations: %s/desk/%s/complaints\n",
			b.name, local_when(s, &b), who(s), x->text, x->private_area ? "yes" : "no",
			in->witness && *in->witness ? in->witness : "none",
			x->in_charge_included ? "yes" : "no", s->config->base_url, b.code);
		if ((rc = outbox_notify_role(
			     s, ROLE_BRANCH_MANAGER, b.id,
			     arena_printf(s->arena, "Difficult situation at %s", b.name), body,
			     "situation", x->id, NULL, err)) != 0)
			goto out;
	}
	int nwarn = out->nwarnings;
	struct warning saved[MAX_WARNINGS];
	memcpy(saved, out->warnings, sizeof saved);
	if ((rc = store_situation_get(s->store, x->id, s->arena, x, err)) == 0) {
		memcpy(out->warnings, saved, sizeof saved);
		out->nwarnings = nwarn;
	}
out:
	return svc_end(s, rc, err);
}

int situation_list(struct svc *s, const char *branch, bool flagged_only, struct situation **out,
		   size_t *n, struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_OVERSIGHT, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, branch ? branch : "", s->arena, &b, err);
	if (!rc)
		rc = store_situation_list(s->store, b.id, flagged_only, s->arena, out, n, err);
	return svc_end(s, rc, err);
}

int judgement_add(struct svc *s, const struct judgement_input *in, struct judgement *out,
		  struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b;
	memset(ic, 0, sizeof *ic);
	if (svc_may(s, ACTION_DIFFICULT_WORK, err) ||
	    svc_check_text("situation", in->situation, 1, 4000, err) ||
	    svc_check_text("decision", in->decision, 1, 4000, err))
		return -1;
	if (!in->branch)
		return fd_fail_field(err, "branch", "branch is required");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = svc_branch(s, in->branch, &b, err)) != 0)
		goto out;
	if ((rc = duty_in_charge_in_tx(s, b.id, ic, err)) != 0)
		goto out;
	ic->branch = b.code;
	/* CS-JUDGE: the person in charge decides, and only when Headquarters cannot be asked. */
	if (s->actor && (!ic->staff || ic->staff->id != s->actor->id)) {
		rc = fd_fail_policy(err, "CS-JUDGE",
				    "only the person in charge makes a judgement "
				    "call%s%s",
				    ic->staff ? ": "
					      : " (nobody is in charge here: call Headquarters)",
				    ic->staff ? ic->staff->name : "");
		goto out;
	}
	if (in->hq_reachable) {
		rc = fd_fail_policy(err, "CS-JUDGE",
				    "Headquarters can be reached: consult them "
				    "instead of making a judgement call");
		goto out;
	}
	struct judgement j = {.branch_id = b.id,
			      .situation = in->situation,
			      .decision = in->decision,
			      .hq_reachable = in->hq_reachable,
			      .decided_by_id = s->actor ? s->actor->id : 0,
			      .decided_at = s->now};
	if ((rc = store_judgement_insert(s->store, &j, err)) != 0)
		goto out;
	/* "She will report this situation to Headquarters." */
	const char *subject = arena_printf(s->arena, "Judgement call at %s", b.name);
	const char *body = arena_printf(
		s->arena,
		"%s made a judgement call at %s at %s, with Headquarters unreachable.\n\n"
		"The situation:\n%s\n\nThe decision:\n%s\n\n"
		"It stays on the Headquarters dashboard until someone there acknowledges it: "
		"%s/hq\n",
		who(s), b.name, local_when(s, &b), in->situation, in->decision,
		s->config->base_url);
	if ((rc = outbox_notify_role(s, ROLE_EXECUTIVE_DIRECTOR, 0, subject, body, "judgement",
				     j.id, NULL, err)) != 0 ||
	    (rc = outbox_notify_role(s, ROLE_BRANCH_SERVICES_COORDINATOR, 0, subject, body,
				     "judgement", j.id, NULL, err)) != 0)
		goto out;
	rc = store_judgement_get(s->store, j.id, s->arena, out, err);
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

int hq_dashboard(struct svc *s, struct complaint **complaints, size_t *ncomplaints,
		 struct judgement **judgements, size_t *njudgements, struct fd_error *err)
{
	if (svc_may(s, ACTION_HQ_REVIEW, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_complaint_list(s->store, 0, s->arena, complaints, ncomplaints, err);
	if (!rc)
		rc = store_judgement_list_open(s->store, s->arena, judgements, njudgements, err);
	return svc_end(s, rc, err);
}
