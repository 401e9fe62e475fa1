/* Restriction use cases. */
#include "service/restriction.h"

#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/restriction.h"
#include "service/ban.h"
#include "service/customer_link.h"
#include "service/duty.h"
#include "service/incident.h"
#include "service/request.h"
#include "store/store_audit.h"
#include "store/store_branch.h"
#include "store/store_customer.h"
#include "store/store_incident.h"

#define IN(type, member) .offset = offsetof(struct type, member)
static const struct input_field restriction_fields[] = {
	{"scope", "Scope", INPUT_ENUM, true, .vocab = &vocab_restriction_scope,
	 IN(restriction_input, scope)},
	{"reason", "Reason", INPUT_TEXT, true, 1, 2000, IN(restriction_input, reason)},
	{"until", "Until", INPUT_TIME, false, IN(restriction_input, until)},
	{"until_date", "Last day of the ban", INPUT_DATE, false, IN(restriction_input, until_date)},
	{"indefinite", "Until lifted", INPUT_BOOL, false, IN(restriction_input, indefinite)},
	{"incident", "Incident report", INPUT_ID, false, IN(restriction_input, incident_id)},
	{"new_incident", "The incident", INPUT_OBJECT, false, .table = &ban_incident_table,
	 IN(restriction_input, new_incident)},
};
const struct input_table restriction_input_table = INPUT_TABLE(restriction_fields);

static const struct input_field appeal_fields[] = {
	{"note", "Note", INPUT_TEXT, true, 1, 2000, IN(appeal_input, note)},
	{"outcome", "Outcome", INPUT_ENUM, true, .vocab = &vocab_appeal_outcome,
	 IN(appeal_input, outcome)},
	{"until", "Until", INPUT_TIME, false, IN(appeal_input, until)},
};
const struct input_table appeal_input_table = INPUT_TABLE(appeal_fields);

static bool is_active(const struct restriction *r, int64_t now)
{
	return !r->lifted_at && r->starts_at <= now && (!r->ends_at || r->ends_at > now);
}

static int load(struct svc *s, int64_t id, struct restriction_view *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (store_restriction_get(s->store, id, s->arena, &out->r, err))
		return -1;
	out->active = is_active(&out->r, s->now);
	return 0;
}

/* The branch a restriction is issued at: the incident's, else where the actor is on duty,
 * else her own (the command line: the first branch). */
static int issuing_branch(struct svc *s, const struct restriction_input *in, struct branch *b,
			  struct fd_error *err)
{
	if (in->incident_id) {
		struct incident inc;
		if (store_incident_get(s->store, in->incident_id, s->arena, &inc, err)) {
			snprintf(err->field, sizeof err->field, "incident");
			return -1;
		}
		return store_branch_get_by_id(s->store, inc.branch_id, s->arena, b, err);
	}
	if (in->new_incident && in->new_incident->branch)
		return svc_branch(s, in->new_incident->branch, b, err);
	int64_t id = s->actor ? (s->actor->duty_branch_id ? s->actor->duty_branch_id
							  : s->actor->branch_id)
			      : 0;
	if (!id) {
		struct branch *all;
		size_t n;
		if (store_branch_list(s->store, s->arena, &all, &n, err))
			return -1;
		if (!n)
			return fd_fail(err, FD_ENOTFOUND, "there is no branch yet");
		*b = all[0];
		return 0;
	}
	return store_branch_get_by_id(s->store, id, s->arena, b, err);
}

/* The end of day (YYYY-MM-DD) in b's zone: a ban chosen by its last day lasts all of it. */
static int end_of_day(struct svc *s, const struct branch *b, const char *day, int64_t *out,
		      struct fd_error *err)
{
	int y, m, d;
	int64_t starts[2]; /* the next day's start, and the day after's */
	if (timefmt_parse_date(day, &y, &m, &d) ||
	    tz_day_starts(b->time_zone, timefmt_days_from_civil(y, m, d) + 1, 1, starts))
		return fd_fail_field(err, "until_date", "Give the ban's last day as a date.");
	*out = starts[0];
	if (*out <= s->now)
		return fd_fail_field(err, "until_date",
				     "The ban's last day must be today or a day to come.");
	return 0;
}

int restriction_defaults(struct svc *s, const char *card,
			 struct restriction_default out[RESTRICT__MAX], struct fd_error *err)
{
	struct customer c;
	memset(out, 0, RESTRICT__MAX * sizeof *out);
	if (svc_may(s, ACTION_RESTRICT, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_customer_get(s->store, card, s->arena, &c, err);
	for (int k = 0; !rc && k < RESTRICT__MAX; k++) {
		int64_t earlier = 0;
		rc = store_restriction_count(s->store, c.id,
					     restriction_scope_name((enum restriction_scope)k),
					     &earlier, err);
		out[k].earlier = (int)earlier;
		out[k].length_s = restriction_suggest_s((int)earlier, s->config->restriction_days,
							(size_t)s->config->nrestriction_days);
	}
	return svc_end(s, rc, err);
}

int restriction_add(struct svc *s, const char *card, const struct restriction_input *in,
		    struct restriction_view *out, struct fd_error *err)
{
	struct restriction r = {0};
	struct branch b = {0};
	int64_t earlier = 0;
	if (svc_may(s, ACTION_RESTRICT, err))
		return -1;
	if (in->until && in->until <= s->now)
		return fd_fail_field(err, "until", "The ban must end at a time still to come.");
	/* CS-INCIDENT: computer-use and building bans are incidents, with their report. */
	bool ban = in->scope != RESTRICT_OTHER;
	if (ban && !in->incident_id && !in->new_incident)
		return fd_fail_field(err, "incident",
				     "A computer-use or building ban is an incident (CS-INCIDENT): "
				     "give the incident report it is issued against.");
	if (in->until_date && (in->until || in->indefinite))
		return fd_fail_field(err, "until_date",
				     "Give the last day of the ban, or until lifted, not both.");
	if (in->incident_id && in->new_incident)
		return fd_fail_field(err, "new_incident",
				     "Cite an incident report or open a new one, not both.");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = customer_link_in_tx(s, card, "restrict", &r.customer_id, err)) != 0 ||
	    (rc = issuing_branch(s, in, &b, err)) != 0 ||
	    /* A ban is an incident (CS-INCIDENT's list): the branch's own managers issue it. */
	    (rc = svc_may_at(s, ACTION_RESTRICT, b.id, err)) != 0)
		goto out;
	if (in->until_date && (rc = end_of_day(s, &b, in->until_date, &r.ends_at, err)) != 0)
		goto out;
	r.branch_id = b.id;
	r.incident_id = in->incident_id;
	if (in->new_incident) {
		struct in_charge_view ic;
		struct incident_input inc = *in->new_incident;
		if (inc.category >= INCIDENT__MAX && in->scope == RESTRICT_COMPUTER)
			inc.category = INCIDENT_COMPUTER_BAN;
		if (inc.category >= INCIDENT__MAX) {
			rc = fd_fail_field(err, "new_incident.category",
					   "Say what kind of incident led to the ban.");
			goto out;
		}
		if ((rc = incident_open_in_tx(s, &b, &inc, &r.incident_id, &ic, NULL, err)) != 0)
			goto out;
	}
	if ((rc = store_restriction_count(s->store, r.customer_id,
					  restriction_scope_name(in->scope), &earlier, err)) != 0)
		goto out;
	int64_t suggest = restriction_suggest_s((int)earlier, s->config->restriction_days,
						(size_t)s->config->nrestriction_days);
	r.scope = restriction_scope_name(in->scope);
	r.reason = in->reason;
	r.starts_at = s->now;
	if (!in->until_date)
		r.ends_at = in->indefinite ? 0
			    : in->until	   ? in->until
			    : suggest	   ? s->now + suggest
					   : 0;
	r.issued_by_id = s->actor ? s->actor->id : 0;
	if ((rc = store_restriction_insert(s->store, &r, err)) == 0 &&
	    (rc = load(s, r.id, out, err)) == 0 && (rc = ban_publish_in_tx(s, &out->r, err)) == 0)
		out->suggested_until = suggest ? s->now + suggest : 0;
out:
	return svc_end(s, rc, err);
}

/* Lifting early and deciding appeals: the issuing branch's manager, or Headquarters. */
static int may_decide(const struct svc *s, const struct restriction *r, struct fd_error *err)
{
	return svc_may_at(s, ACTION_RESTRICT_DECIDE, r->branch_id, err);
}

int restriction_lift(struct svc *s, int64_t id, struct restriction_view *out, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load(s, id, out, err)) != 0 || (rc = may_decide(s, &out->r, err)) != 0)
		goto out;
	if (!out->active) {
		rc = fd_fail(err, FD_ECONFLICT, "this restriction is not in force");
		goto out;
	}
	out->r.lifted_at = s->now;
	out->r.lifted_by = s->actor ? s->actor->id : 0;
	if ((rc = store_restriction_update(s->store, &out->r, err)) == 0 &&
	    (rc = load(s, id, out, err)) == 0 && (rc = ban_publish_in_tx(s, &out->r, err)) == 0)
		rc = customer_read_via_in_tx(s, out->r.customer_card, "restriction", id, err);
out:
	return svc_end(s, rc, err);
}

/* in was read through appeal_input_table. */
int restriction_appeal(struct svc *s, int64_t id, const struct appeal_input *in,
		       struct restriction_view *out, struct fd_error *err)
{
	if (in->outcome == APPEAL_REDUCED && in->until <= s->now)
		return fd_fail_field(err, "until",
				     "a reduced restriction needs its new end to come");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load(s, id, out, err)) != 0 || (rc = may_decide(s, &out->r, err)) != 0)
		goto out;
	out->r.appeal_note = in->note;
	out->r.appeal_outcome = appeal_outcome_name(in->outcome);
	out->r.appealed_at = s->now;
	if (in->outcome == APPEAL_LIFTED && !out->r.lifted_at) {
		out->r.lifted_at = s->now;
		out->r.lifted_by = s->actor ? s->actor->id : 0;
	} else if (in->outcome == APPEAL_REDUCED) {
		out->r.ends_at = in->until;
	}
	if ((rc = store_restriction_update(s->store, &out->r, err)) == 0 &&
	    (rc = load(s, id, out, err)) == 0 && (rc = ban_publish_in_tx(s, &out->r, err)) == 0)
		rc = customer_read_via_in_tx(s, out->r.customer_card, "restriction", id, err);
out:
	return svc_end(s, rc, err);
}

static int views(struct svc *s, int64_t customer_id, bool active_only,
		 struct restriction_view **out, size_t *n, struct fd_error *err)
{
	struct restriction *rows;
	size_t nrows;
	*n = 0;
	if (store_restriction_list(s->store, customer_id, s->arena, &rows, &nrows, err))
		return -1;
	*out = arena_alloc(s->arena, (nrows ? nrows : 1) * sizeof **out);
	for (size_t i = 0; i < nrows; i++) {
		bool active = is_active(&rows[i], s->now);
		if (active_only && !active)
			continue;
		(*out)[*n] = (struct restriction_view){.r = rows[i], .active = active};
		(*n)++;
	}
	return 0;
}

int restriction_active_in_tx(struct svc *s, int64_t customer_id, struct restriction_view **out,
			     size_t *n, struct fd_error *err)
{
	return views(s, customer_id, true, out, n, err);
}

/* CS-SCOPE: a branch manager sees her branch's part of a customer's history; the bans in
 * force anywhere are shown at every desk by customer_get. */
static void only_my_branches(const struct svc *s, struct customer_history *h)
{
	size_t k = 0;
	for (size_t i = 0; i < h->nrestrictions; i++)
		if (svc_reaches(s, h->restrictions[i].r.branch_id))
			h->restrictions[k++] = h->restrictions[i];
	h->nrestrictions = k;
	k = 0;
	for (size_t i = 0; i < h->ncomplaints; i++)
		if (svc_reaches(s, h->complaints[i].branch_id))
			h->complaints[k++] = h->complaints[i];
	h->ncomplaints = k;
	k = 0;
	for (size_t i = 0; i < h->nrequests; i++)
		if (svc_reaches(s, h->requests[i].branch_id))
			h->requests[k++] = h->requests[i];
	h->nrequests = k;
	k = 0;
	for (size_t i = 0; i < h->nvisits; i++)
		if (svc_reaches(s, h->visits[i].branch_id))
			h->visits[k++] = h->visits[i];
	h->nvisits = k;
}

int restriction_history(struct svc *s, const char *card, struct customer_history *out,
			struct fd_error *err)
{
	struct customer c;
	memset(out, 0, sizeof *out);
	if (svc_may(s, ACTION_CUSTOMER_HISTORY, err) || customer_check_card("card", card, err) ||
	    svc_begin(s, true, err))
		return -1;
	int rc = store_customer_get(s->store, card, s->arena, &c, err);
	if (!rc)
		rc = customer_audit_append(s, "history", card, err);
	if (!rc)
		rc = views(s, c.id, false, &out->restrictions, &out->nrestrictions, err);
	if (!rc)
		rc = store_complaint_list_customer(s->store, c.id, s->arena, &out->complaints,
						   &out->ncomplaints, err);
	if (!rc)
		rc = request_of_customer_in_tx(s, c.id, &out->requests, &out->nrequests, err);
	if (!rc)
		rc = store_visit_list_customer(s->store, c.id, s->arena, &out->visits,
					       &out->nvisits, err);
	if (!rc)
		only_my_branches(s, out);
	return svc_end(s, rc, err);
}
