/* Incident report use cases. The signature is Ed25519 (libsodium) over a canonical JSON form
 * of the report (sorted keys, compact), with the installation's key (service/signing.c);
 * `frontdesk incident verify` rebuilds the form from the stored report and checks it. */
#include "service/incident.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/ed25519.h"
#include "base/tz.h"
#include "policy/incident.h"
#include "service/customer_link.h"
#include "service/duty.h"
#include "service/incident_form.h"
#include "service/incident_delivery.h"
#include "service/outbox.h"
#include "service/signing.h"
#include "store/store_audit.h"
#include "store/store_customer.h"
#include "store/store_staff.h"

#define IN(type, member) .offset = offsetof(struct type, member)

static const char *or_empty(const char *s)
{
	return s ? s : "";
}
static const struct input_field person_fields[] = {
	{"name", "Name", INPUT_TEXT, false, 1, 100, IN(person_input, name)},
	{"kind", "Who they were", INPUT_ENUM, true, .vocab = &vocab_person_kind,
	 IN(person_input, kind)},
	{"part", "Their part", INPUT_TEXT, false, 0, 500, IN(person_input, part)},
	{"injuries", "Injuries", INPUT_TEXT, false, 0, 500, IN(person_input, injuries)},
	INPUT_CARD_FIELD("customer", false, offsetof(struct person_input, customer)),
	{"description", "What they looked like", INPUT_TEXT, false, 0, 500,
	 IN(person_input, description)},
	{"care", "Care given", INPUT_ENUM, false, .vocab = &vocab_person_care,
	 IN(person_input, care)},
	{"contact", "Phone or email", INPUT_TEXT, false, 0, 200, IN(person_input, contact)},
};
const struct input_table person_input_table = INPUT_TABLE_OF(person_fields, struct person_input);

/* The fields a report, a ban's report and the desk's start form share, written once. The
 * draft's form shows the narrative filled in: emptying it there clears it. */
#define NARRATIVE(type, required)                                                                  \
	{                                                                                          \
		"narrative", "What happened", INPUT_LINES, required, (required) ? 1 : 0, 20000,    \
			IN(type, narrative), .blank_is_empty = true                                \
	}
#define CATEGORY(type, label, required)                                                            \
	{                                                                                          \
		"category", label, INPUT_ENUM, required, .vocab = &vocab_incident_category,        \
							 IN(type, category)                        \
	}
#define BRANCH                                                                                     \
	INPUT_BRANCH_FIELD("branch", "Branch", false, offsetof(struct incident_input, branch))
#define OCCURRED_AT(required)                                                                      \
	{                                                                                          \
		"occurred_at", "When", INPUT_TIME, required, IN(incident_input, occurred_at)       \
	}

static const struct input_field incident_fields[] = {
	BRANCH,
	OCCURRED_AT(false),
	{"discovered_at", "Discovered at", INPUT_TIME, false, IN(incident_input, discovered_at),
	 .null_clears = true},
	CATEGORY(incident_input, "Category", false),
	NARRATIVE(incident_input, false),
	{"actions_taken", "Actions taken", INPUT_LINES, false, 0, 5000,
	 IN(incident_input, actions_taken), .blank_is_empty = true},
	{"location", "Where in the building", INPUT_TEXT, false, 0, 200,
	 IN(incident_input, location), .blank_is_empty = true},
	{"police_called", "Police called", INPUT_ANSWER, false, IN(incident_input, police_called)},
	{"police_report_number", "Police report number", INPUT_TEXT, false, 0, 60,
	 IN(incident_input, police_report_number), .blank_is_empty = true},
	{"police_officer", "Police officer", INPUT_TEXT, false, 0, 100,
	 IN(incident_input, police_officer), .blank_is_empty = true},
	{"people", "People", INPUT_LIST, false, 0, 50, .table = &person_input_table,
	 IN(incident_input, people), .count = offsetof(struct incident_input, npeople)},
};
const struct input_table incident_input_table = INPUT_TABLE(incident_fields);

/* A ban's incident, reported in the same step (CS-INCIDENT). */
static const struct input_field ban_incident_fields[] = {
	BRANCH,
	OCCURRED_AT(true),
	CATEGORY(incident_input, "Category", false),
	NARRATIVE(incident_input, true),
};
const struct input_table ban_incident_table =
	INPUT_TABLE_OF(ban_incident_fields, struct incident_input);

static const struct input_field hq_call_fields[] = {
	{"taken_by", "Who took the call", INPUT_TEXT, true, 1, 32, IN(hq_call_input, taken_by)},
};
const struct input_table hq_call_table = INPUT_TABLE(hq_call_fields);

/* The typed name is compared with the signer's own, case and outer spaces aside. */
#define TYPED_NAME                                                                                 \
	{                                                                                          \
		"typed_name", "Type your name", INPUT_LINES, true, 1, 100,                         \
			IN(signing_input, typed_name)                                              \
	}
static const struct input_field signing_fields[] = {TYPED_NAME};
const struct input_table signing_table = INPUT_TABLE(signing_fields);
static const struct input_field addendum_fields[] = {
	{"text", "What to add", INPUT_LINES, true, 1, 10000, IN(signing_input, text)},
	TYPED_NAME,
};
const struct input_table addendum_table = INPUT_TABLE(addendum_fields);

/* A person as the store keeps them: the kind's name, "" for what was not given; a customer
 * chosen by card is kept by id under the name on their record (never the card). */
static int person_of(struct svc *s, const struct person_input *g, struct incident_person *p,
		     struct fd_error *err)
{
	*p = (struct incident_person){g->name,
				      person_kind_name(g->kind),
				      or_empty(g->part),
				      or_empty(g->injuries),
				      0,
				      or_empty(g->description),
				      g->care < CARE__MAX ? person_care_name(g->care) : "",
				      or_empty(g->contact)};
	if (g->kind == PERSON_OTHER)
		return fd_fail_field(err, "kind",
				     "Choose who they were: a customer, staff member, volunteer, "
				     "visitor, unknown person or witness.");
	if (g->customer) {
		struct customer c;
		if (customer_link_in_tx(s, g->customer, "incident", &p->customer_id, err) ||
		    store_customer_get(s->store, g->customer, s->arena, &c, err)) {
			snprintf(err->field, sizeof err->field, "customer");
			return -1;
		}
		p->name = g->name ? g->name : c.name;
	}
	if (g->kind == PERSON_UNKNOWN && !*p->description)
		return fd_fail_field(
			err, "description",
			"Describe the unknown person: what they looked like and wore.");
	if (!p->name && g->kind != PERSON_UNKNOWN)
		return fd_fail_field(err, "name",
				     "Give the person's name, choose the customer, or choose "
				     "\"Unknown person\" and describe them.");
	p->name = or_empty(p->name);
	return 0;
}

/* The report's people after in: all of them given (the API's), or those kept with one removed
 * and one added (the page's); *changed says whether they are to be written. */
static int people_of(struct svc *s, const struct incident_input *in, const struct person_change *pc,
		     struct incident *i, bool *changed, struct fd_error *err)
{
	static const struct person_change none = {0};
	size_t n = in->people ? in->npeople : i->npeople, at = 0;
	struct incident_person *p = arena_alloc(s->arena, (n + 2) * sizeof *p);
	pc = pc ? pc : &none;
	*changed = in->people || pc->add || pc->remove;
	if (pc->remove && (size_t)pc->remove > i->npeople)
		return fd_fail_field(err, "remove_person", "There is no such person to remove.");
	for (size_t k = 0; k < n; k++) {
		if (in->people) {
			if (person_of(s, &in->people[k], &p[at], err)) {
				/* As the API's reader names a field in a list: people[0].kind. */
				char field[24];
				snprintf(field, sizeof field, "%.23s", err->field);
				snprintf(err->field, sizeof err->field, "people[%zu].%s", k % 1000,
					 field);
				return -1;
			}
			at++;
		} else if ((int)k + 1 != pc->remove) {
			p[at++] = i->people[k];
		}
	}
	if (pc->add && person_of(s, pc->add, &p[at++], err))
		return -1;
	i->people = p;
	i->npeople = at;
	return 0;
}

/* The end of the day t falls on at the branch: when its report is due (CS-INCIDENT). */
static int64_t end_of_local_day(const struct branch *b, int64_t t)
{
	struct tz_day d;
	tz_day(b->time_zone, t, &d);
	return d.end;
}

/* Drafts are finished by whoever holds them: their reporter, or whom they were handed to
 * (at clock-off, or taken over by the person in charge); and by the branch's managers and
 * Headquarters. */
static int may_edit(const struct svc *s, const struct incident *i, struct fd_error *err)
{
	const struct staff *a = s->actor;
	int64_t holder = i->holder_id ? i->holder_id : i->reported_by_id;
	if (!a || role_is_headquarters(a->role) || a->id == holder ||
	    ((a->role == ROLE_BRANCH_MANAGER || a->role == ROLE_ASSISTANT_LIBRARIAN) &&
	     a->branch_id == i->branch_id))
		return 0;
	return fd_fail(err, FD_ECONFLICT,
		       "This report is %s's to finish. The person in charge can take it over.",
		       i->holder_id	     ? "someone else"
		       : i->reported_by.name ? i->reported_by.name
					     : "its reporter");
}

/* CS-DIFFICULT at the report's branch (see duty_difficult_gate_in_tx). */
static int incident_gate(struct svc *s, int64_t branch_id, struct difficult_verdict *v,
			 struct in_charge_view *ic, struct fd_error *err)
{
	struct branch b;
	return store_branch_get_by_id(s->store, branch_id, s->arena, &b, err) ||
			       duty_difficult_gate_in_tx(s, &b, v, ic, err)
		       ? -1
		       : 0;
}

/* The installation's key (service/signing.c): with make, the pair to sign with, made on
 * first use; otherwise only the public half, which needs no key file. */
static int signing_key(struct svc *s, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		       unsigned char sk[crypto_sign_SECRETKEYBYTES], bool make,
		       struct fd_error *err)
{
	return make ? signing_key_pair(s, pk, sk, err) : signing_public_key(s, pk, err);
}

static int load(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (store_incident_get(s->store, id, s->arena, &out->i, err) ||
	    svc_may_at(s, ACTION_DIFFICULT_READ, out->i.branch_id, err))
		return -1;
	out->overdue = incident_overdue(out->i.signed_at && out->i.signed_at < out->i.due_at,
					out->i.due_at, s->now);
	out->instruction = incident_instruction(out->i.category);
	if (store_attachment_list(s->store, id, s->arena, &out->attachments, &out->nattachments,
				  err) ||
	    store_followup_get(s->store, id, s->arena, &out->followup, err))
		return -1;
	if (out->i.signed_at) {
		unsigned char pk[crypto_sign_PUBLICKEYBYTES];
		if (signing_key(s, pk, NULL, false, err) == 0)
			out->fingerprint = ed25519_fingerprint(s->arena, pk);
		fd_error_clear(err);
		/* Printed as a QR code: whoever holds the paper can check it without a login. */
		if (out->i.signature)
			out->verify_url = arena_printf(
				s->arena, "%s/verify/%lld/%s", s->config->base_url, (long long)id,
				ed25519_check_code(s->arena, out->i.signature));
		struct branch b;
		if (store_branch_get_by_id(s->store, out->i.branch_id, s->arena, &b, err) ||
		    incident_deliveries_in_tx(s, &out->i, &out->deliveries, &out->ndeliveries,
					      &out->warnings, err))
			return -1;
		out->time_zone = b.time_zone;
	}
	return 0;
}

/* Sets what in gives (NULL: leaves it); the text fields that may be emptied. */
static void set_text(const char **field, const char *given)
{
	if (given)
		*field = given;
}

/* CS-INCIDENT: due by the end of the day it was discovered, or else happened (branch time). */
static int set_times(struct svc *s, const struct branch *b, const struct incident_input *in,
		     struct incident *i, struct fd_error *err)
{
	const char *why;
	if (in->occurred_at) {
		if (in->occurred_at > s->now + 300)
			return fd_fail_field(err, "occurred_at",
					     "The time it happened is still to come: give the time "
					     "it happened.");
		i->occurred_at = in->occurred_at;
	}
	if (in->discovered_at)
		i->discovered_at = in->discovered_at < 0 ? 0 : in->discovered_at;
	if (!incident_discovery_ok(i->occurred_at, i->discovered_at, s->now, &why))
		return fd_fail_field(err, "discovered_at", "%s", why);
	i->due_at = end_of_local_day(b, incident_due_day_of(i->occurred_at, i->discovered_at));
	return 0;
}

static int apply_input(struct svc *s, const struct branch *b, const struct incident_input *in,
		       const struct person_change *pc, struct incident *i, bool *people_changed,
		       struct fd_error *err)
{
	if (in->category < INCIDENT__MAX)
		i->category = in->category;
	if (set_times(s, b, in, i, err))
		return -1;
	set_text(&i->narrative, in->narrative);
	set_text(&i->actions_taken, in->actions_taken);
	set_text(&i->location, in->location);
	set_text(&i->police_report_number, in->police_report_number);
	set_text(&i->police_officer, in->police_officer);
	if (in->police_called >= 0)
		i->police_called = in->police_called;
	return people_of(s, in, pc, i, people_changed, err);
}

/* CS-INCHARGE and CS-DIFFICULT: who hears of a report as soon as it is begun. */
static int tell_the_chain(struct svc *s, const struct branch *b, const struct incident *i,
			  const struct difficult_verdict *v, struct warnings *w,
			  struct fd_error *err)
{
	/* due_at is the first instant after the day it is due on (the discovery day's, when it
	 * was found later): that day's end. */
	const char *body = arena_printf(
		s->arena,
		"An incident (%s) at %s on %s is being reported by %s. Its signed report is due by "
		"the end of %s.\n\nOpen it: %s/incidents/%lld\n",
		incident_category_label(i->category), b->name,
		tz_words(s->arena, b->time_zone, i->occurred_at, TZ_DAY_TIME),
		s->actor ? s->actor->name : "the administrator",
		tz_words(s->arena, b->time_zone, i->due_at - 1, TZ_DAY), s->config->base_url,
		(long long)i->id);
	return outbox_difficult_notices(s, b, v, "Incident", body, "incident", i->id, w, err);
}

int incident_open_in_tx(struct svc *s, const struct branch *b, const struct incident_input *in,
			int64_t *id, struct in_charge_view *ic, struct warnings *w,
			struct fd_error *err)
{
	struct incident i = {.narrative = "",
			     .actions_taken = "",
			     .location = "",
			     .police_report_number = "",
			     .police_officer = ""};
	struct difficult_verdict v;
	bool with_people;
	if (in->category >= INCIDENT__MAX)
		return fd_fail_field(err, "category", "Choose what kind of incident it was.");
	if (!in->occurred_at)
		return fd_fail_field(err, "occurred_at", "Say when it happened.");
	if (incident_gate(s, b->id, &v, ic, err))
		return -1;
	i.branch_id = b->id;
	i.reported_by_id = s->actor ? s->actor->id : 0;
	i.created_at = s->now;
	if (apply_input(s, b, in, NULL, &i, &with_people, err) ||
	    store_incident_insert(s->store, &i, err) ||
	    svc_audit(s, "create", "incident", i.id, err) || tell_the_chain(s, b, &i, &v, w, err))
		return -1;
	*id = i.id;
	return 0;
}

int incident_add(struct svc *s, const struct incident_input *in, struct incident_view *out,
		 struct fd_error *err)
{
	struct branch b = {0};
	struct in_charge_view ic = {0};
	struct warnings told = {0};
	int64_t id = 0;
	memset(out, 0, sizeof *out);
	if (!in->branch)
		return fd_fail_field(err, "branch", "Say which branch it happened at.");
	if (svc_begin(s, true, err))
		return -1;
	int rc = svc_branch(s, in->branch, &b, err);
	if (!rc)
		rc = incident_open_in_tx(s, &b, in, &id, &ic, &told, err);
	if (!rc)
		rc = load(s, id, out, err);
	out->in_charge = ic;
	out->warnings = told;
	return svc_end(s, rc, err);
}

/* Every change to a report takes its branch's lock before it reads or audits anything (the
 * audit log's lock comes after it, as in the queue's use cases). PostgreSQL reads committed
 * rows, so without it a change could be written from a copy read before the report was signed,
 * two addenda follow the same signature, or a file slip in while the report is signed; the
 * store refuses to change a signed report too, should a path forget. No such report: the
 * caller's load says so. */
static int hold(struct svc *s, int64_t id, struct fd_error *err)
{
	char key[24];
	int64_t branch_id = 0;
	snprintf(key, sizeof key, "%lld", (long long)id);
	if (store_record_branch(s->store, RECORD_INCIDENT, key, &branch_id, err)) {
		if (err->code != FD_ENOTFOUND)
			return -1;
		fd_error_clear(err);
		return 0;
	}
	return store_branch_lock(s->store, branch_id, err);
}

/* Holds and loads a report for a change: the actor may handle an incident at its branch now
 * (CS-DIFFICULT), and it is hers to change. */
static int load_for_change(struct svc *s, int64_t id, struct incident_view *out,
			   struct fd_error *err)
{
	struct difficult_verdict v;
	struct in_charge_view ic = {0};
	struct incident i;
	/* CS-DIFFICULT first: whoever may not handle it is told whom to fetch. */
	int rc = hold(s, id, err) || store_incident_get(s->store, id, s->arena, &i, err) ||
				 incident_gate(s, i.branch_id, &v, &ic, err) ||
				 load(s, id, out, err) || may_edit(s, &out->i, err) ||
				 svc_audit(s, "change", "incident", id, err)
			 ? -1
			 : 0;
	out->in_charge = ic;
	return rc;
}

static int frozen(const struct incident *i, struct fd_error *err)
{
	return i->signed_at ? fd_fail(err, FD_ECONFLICT,
				      "the report is signed: it can no longer "
				      "change; add an addendum instead")
			    : 0;
}

int incident_update(struct svc *s, int64_t id, const struct incident_input *in,
		    struct incident_view *out, struct fd_error *err)
{
	return incident_update_people(s, id, in, NULL, out, err);
}

int incident_update_people(struct svc *s, int64_t id, const struct incident_input *in,
			   const struct person_change *pc, struct incident_view *out,
			   struct fd_error *err)
{
	struct branch b;
	bool people = false;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_for_change(s, id, out, err)) != 0 || (rc = frozen(&out->i, err)) != 0 ||
	    (rc = store_branch_get_by_id(s->store, out->i.branch_id, s->arena, &b, err)) != 0 ||
	    (rc = apply_input(s, &b, in, pc, &out->i, &people, err)) != 0 ||
	    (rc = store_incident_update(s->store, &out->i, people, err)) != 0)
		goto out;
	rc = load(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

int incident_load_in_tx(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err)
{
	return load(s, id, out, err);
}

static int check_in_tx(struct svc *s, struct incident_view *v, struct incident_check *out,
		       struct fd_error *err);

int incident_get(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err)
{
	struct incident_check check = {0};
	if (svc_begin(s, true, err))
		return -1;
	int rc = load(s, id, out, err);
	/* Whoever reads a signed report, on its page, in the API or on paper, is told when it is
	 * not what was signed: a change made behind the program's back. */
	if (!rc && out->i.signed_at && (rc = check_in_tx(s, out, &check, err)) == 0) {
		out->changes = check.problems;
		out->nchanges = check.nproblems;
	}
	/* The outbox worker (no actor) drawing the PDF is not a person reading it. */
	if (!rc && s->actor)
		rc = svc_audit(s, "read", "incident", id, err);
	return svc_end(s, rc, err);
}

int incident_signature_get(struct svc *s, int64_t id, struct incident_view *out,
			   struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, load(s, id, out, err), err);
}

/* Asks the same questions incident_update and incident_take_over ask, without changing
 * anything, so that the page offers no step that would be refused. */
int incident_offer_get(struct svc *s, const struct incident_view *v, struct incident_offer *out,
		       struct fd_error *err)
{
	*out = (struct incident_offer){0};
	const struct incident *i = &v->i;
	out->holder = i->holder_id	    ? "the person it was handed to"
		      : i->reported_by.name ? i->reported_by.name
					    : "its reporter";
	if (!s->actor)
		return 0;
	struct branch b;
	struct in_charge_view ic = {0};
	struct fd_error no = {0};
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get_by_id(s->store, i->branch_id, s->arena, &b, err) ||
				 duty_in_charge_in_tx(s, i->branch_id, &ic, err)
			 ? -1
			 : 0;
	if (rc == 0) {
		out->in_charge = ic.staff ? ic.staff->name : NULL;
		bool there = svc_may_at(s, ACTION_DIFFICULT_WORK, b.id, &no) == 0 &&
			     duty_require_at(s, &b, true, &no) == 0;
		bool in_charge = ic.staff && ic.staff->id == s->actor->id;
		out->finish = there && may_edit(s, i, &no) == 0;
		out->take_over = there && (out->finish || in_charge);
	}
	return svc_end(s, rc, err);
}

int incident_list(struct svc *s, const char *branch, bool overdue, struct incident_view **out,
		  size_t *n, struct fd_error *err)
{
	struct incident *rows;
	struct branch b = {0};
	size_t nrows = 0;
	*out = NULL;
	*n = 0;
	if (svc_may(s, ACTION_DIFFICULT_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = 0;
	if (branch && (rc = svc_branch(s, branch, &b, err)) == 0)
		rc = svc_may_at(s, ACTION_DIFFICULT_READ, b.id, err);
	if (!rc)
		rc = store_incident_list(s->store, b.id, overdue, s->now, s->arena, &rows, &nrows,
					 err);
	if (!rc) {
		*out = arena_alloc(s->arena, (nrows ? nrows : 1) * sizeof **out);
		for (size_t i = 0; i < nrows; i++) {
			if (b.id && rows[i].branch_id != b.id)
				continue;
			/* Without a branch: every report the actor may see (CS-SCOPE). */
			struct fd_error ignored = {0};
			if (svc_may_at(s, ACTION_DIFFICULT_READ, rows[i].branch_id, &ignored))
				continue;
			if ((rc = load(s, rows[i].id, &(*out)[*n], err)) != 0)
				break;
			(*n)++;
		}
	}
	return svc_end(s, rc, err);
}

int incident_take_over(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err)
{
	struct difficult_verdict v;
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "a report is taken over by a person at the branch");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	struct incident i;
	struct in_charge_view ic = {0};
	if ((rc = hold(s, id, err)) != 0 ||
	    (rc = store_incident_get(s->store, id, s->arena, &i, err)) != 0 ||
	    (rc = incident_gate(s, i.branch_id, &v, &ic, err)) != 0 ||
	    (rc = load(s, id, out, err)) != 0 || (rc = frozen(&out->i, err)) != 0)
		goto out;
	out->in_charge = ic;
	/* The person in charge takes over a draft left unfinished; so may the branch's managers
	 * and Headquarters, who may finish any of its reports. */
	struct fd_error not_mine = {0};
	bool in_charge = out->in_charge.staff && out->in_charge.staff->id == s->actor->id;
	if (!in_charge && may_edit(s, &out->i, &not_mine)) {
		rc = fd_fail(err, FD_ECONFLICT,
			     "Only the person in charge here (%s) takes over a report.",
			     out->in_charge.staff ? out->in_charge.staff->name : "Headquarters");
		goto out;
	}
	if ((rc = store_incident_hand_to(s->store, id, s->actor->id, err)) != 0 ||
	    (rc = svc_audit(s, "take-over", "incident", id, err)) != 0)
		goto out;
	rc = load(s, id, out, err);
out:
	if (rc)
		out->in_charge = ic;
	return svc_end(s, rc, err);
}

int incident_hq_notified(struct svc *s, int64_t id, const char *taken_by, struct incident_view *out,
			 struct fd_error *err)
{
	struct staff hq;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_for_change(s, id, out, err)) != 0 || (rc = frozen(&out->i, err)) != 0)
		goto out;
	if (store_staff_get(s->store, taken_by, s->arena, &hq, err) ||
	    !role_is_headquarters(hq.role)) {
		fd_error_clear(err);
		rc = fd_fail_field(err, "taken_by",
				   "Choose who at Headquarters took the verbal report: '%s' is not "
				   "someone there.",
				   taken_by);
		goto out;
	}
	out->i.hq_notified_at = s->now;
	out->i.hq_taken_by_id = hq.id;
	if ((rc = store_incident_update(s->store, &out->i, false, err)) == 0)
		rc = load(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

int incident_business_manager_contacted(struct svc *s, int64_t id, struct incident_view *out,
					struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_for_change(s, id, out, err)) != 0 || (rc = frozen(&out->i, err)) != 0)
		goto out;
	out->i.business_manager_contacted_at = s->now;
	if ((rc = store_incident_update(s->store, &out->i, false, err)) == 0)
		rc = load(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

/* The typed name must be the signer's own name (case and outer spaces aside). */
static int check_typed_name(const struct svc *s, const char *typed, struct fd_error *err)
{
	const char *name = s->actor->name;
	while (typed && isspace((unsigned char)*typed))
		typed++;
	size_t n = typed ? strlen(typed) : 0;
	while (n && isspace((unsigned char)typed[n - 1]))
		n--;
	if (n && name && strlen(name) == n && strncasecmp(typed, name, n) == 0)
		return 0;
	return fd_fail_field(err, "typed_name",
			     "Type your own name, %s, as it is written here, to sign.", name);
}

/* One person in the signed report's email, in words: "Alma Ruth, customer: fell; injuries:
 * bruised wrist; first aid given". */
static void person_line(struct buf *out, const struct incident_person *p)
{
	int kind = vocab_from_name(&vocab_person_kind, p->kind);
	int care = p->care && *p->care ? vocab_from_name(&vocab_person_care, p->care) : -1;
	buf_printf(out, "  - %s, %s", *p->name ? p->name : "name not known",
		   kind >= 0 ? person_kind_label((enum person_kind)kind) : p->kind);
	if (p->description && *p->description)
		buf_printf(out, " (looked like: %s)", p->description);
	if (*p->part)
		buf_printf(out, ": %s", p->part);
	if (*p->injuries)
		buf_printf(out, "; injuries: %s", p->injuries);
	if (care >= 0)
		buf_printf(out, "; %s", person_care_label((enum person_care)care));
	if (p->contact && *p->contact)
		buf_printf(out, "; contact: %s", p->contact);
	buf_printf(out, "\n");
}

static int deliver(struct svc *s, const struct incident_view *v, struct warnings *w,
		   struct fd_error *err)
{
	static const enum role to[] = {ROLE_EXECUTIVE_DIRECTOR, ROLE_BUSINESS_MANAGER,
				       ROLE_BRANCH_SERVICES_COORDINATOR};
	const struct incident *i = &v->i;
	const char *zone = v->time_zone ? v->time_zone : "UTC";
	struct buf people = BUF_INIT;
	for (size_t k = 0; k < i->npeople; k++)
		person_line(&people, &i->people[k]);
	const char *police =
		!i->police_called
			? "not called"
			: arena_printf(s->arena, "called; report number %s, officer %s",
				       *i->police_report_number ? i->police_report_number
								: "not given",
				       *i->police_officer ? i->police_officer : "not given");
	const char *subject = arena_printf(s->arena, INCIDENT_SIGNED_SUBJECT "%s at %s",
					   incident_category_label(i->category), i->branch_name);
	const char *body = arena_printf(
		s->arena,
		"Incident report %lld, signed electronically by %s on %s. The signed report is "
		"attached as a PDF.\n\nBranch: %s\nKind of incident: %s\nWhen it happened: "
		"%s\n%s%s%sWhere in the building: %s\nPolice: %s\n\nWhat happened:\n%s\n\n"
		"Actions taken:\n%s\n\nPeople involved:\n%s\nVerbal report to Headquarters "
		"taken by: %s\n\nOpen the report: %s/incidents/%lld\nCheck its signature: %s "
		"(key %s)\n",
		(long long)i->id, i->signed_name,
		tz_words(s->arena, zone, i->signed_at, TZ_DAY_TIME), i->branch_name,
		incident_category_label(i->category),
		tz_words(s->arena, zone, i->occurred_at, TZ_DAY_TIME),
		i->discovered_at ? "When it was discovered: " : "",
		i->discovered_at ? tz_words(s->arena, zone, i->discovered_at, TZ_DAY_TIME) : "",
		i->discovered_at ? "\n" : "", *i->location ? i->location : "not given", police,
		i->narrative, *i->actions_taken ? i->actions_taken : "none recorded",
		people.len ? buf_str(&people) : "  none recorded\n",
		i->hq_taken_by.name ? i->hq_taken_by.name : "not recorded", s->config->base_url,
		(long long)i->id, v->verify_url ? v->verify_url : "not available",
		v->fingerprint ? v->fingerprint : "not available");
	buf_free(&people);
	for (size_t k = 0; k < sizeof to / sizeof *to; k++)
		if (outbox_notify_hq(s, to[k], "CS-INCIDENT", subject, body, "incident", i->id, w,
				     err))
			return -1;
	return 0;
}

/* Loads the bytes of each of the report's attachments (an empty one is still loaded). */
static int attachment_bytes(struct svc *s, struct incident_view *v, struct fd_error *err)
{
	static const unsigned char none[1];
	for (size_t k = 0; k < v->nattachments; k++) {
		struct attachment full;
		if (store_attachment_get(s->store, v->i.id, v->attachments[k].id, s->arena, &full,
					 err))
			return -1;
		v->attachments[k].data = full.data ? full.data : none;
		v->attachments[k].data_len = full.data ? full.data_len : 0;
	}
	return 0;
}

/* The attachments as the signature will cover them: an attachment whose bytes changed since it
 * was stored is not signed over; one stored before hashes were gets its hash recorded now. */
static int attachments_to_sign(struct svc *s, struct incident_view *v, struct fd_error *err)
{
	if (attachment_bytes(s, v, err))
		return -1;
	for (size_t k = 0; k < v->nattachments; k++) {
		struct attachment *at = &v->attachments[k];
		char hex[SHA256_HEX_LEN];
		incident_sha256_hex(at->data, at->data_len, hex);
		if (at->sha256 && strcmp(at->sha256, hex) != 0)
			return fd_fail(err, FD_ECONFLICT,
				       "attachment %lld (%s) is not what was stored: its bytes no "
				       "longer match their SHA-256. Ask the administrator before "
				       "signing.",
				       (long long)at->id, at->name);
		if (!at->sha256 && store_attachment_set_sha256(s->store, at->id, hex, err))
			return -1;
	}
	return 0;
}

/* Signs the report under the current form, keeping the text signed beside the signature. */
static int seal(struct svc *s, struct incident_view *v, const unsigned char *sk,
		struct fd_error *err)
{
	struct incident *i = &v->i;
	i->signed_at = s->now;
	i->signed_by_id = s->actor->id;
	i->signed_by = (struct person){s->actor->login, s->actor->name, s->actor->role};
	i->signed_name = s->actor->name;
	char *text = incident_form_report(i, v->attachments, v->nattachments);
	if (!text)
		return fd_fail(err, FD_EINVAL,
			       "the report holds text that is not UTF-8 and cannot be signed");
	i->signed_text = arena_strdup(s->arena, text);
	i->signature = ed25519_sign64(s->arena, text, sk);
	free(text);
	if (store_incident_sign(s->store, i, err) || svc_audit(s, "sign", "incident", i->id, err))
		return -1;
	return 0;
}

int incident_sign(struct svc *s, int64_t id, const char *typed_name, struct incident_view *out,
		  struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	const char *rule, *why;
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "a report is signed by a person");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_for_change(s, id, out, err)) != 0)
		goto out;
	struct incident *i = &out->i;
	struct incident_facts f = {i->category, i->signed_at != 0, i->hq_notified_at != 0,
				   i->business_manager_contacted_at != 0, *i->narrative != '\0'};
	if (!incident_may_sign(&f, &rule, &why)) {
		rc = rule ? fd_fail_policy(err, rule, "%s", why)
			  : fd_fail(err, FD_ECONFLICT, "%s", why);
		goto out;
	}
	if ((rc = check_typed_name(s, typed_name, err)) != 0 ||
	    (rc = attachments_to_sign(s, out, err)) != 0 ||
	    (rc = signing_key(s, pk, sk, true, err)) != 0)
		goto out;
	rc = seal(s, out, sk, err);
	sodium_memzero(sk, sizeof sk);
	/* Loaded again once delivered: the answer shows the emails just queued, and the roles
	 * nobody could be sent it as. */
	if (rc || (rc = load(s, id, out, err)) != 0 || (rc = deliver(s, out, NULL, err)) != 0 ||
	    (rc = load(s, id, out, err)) != 0)
		goto out;
out:
	sodium_memzero(sk, sizeof sk);
	return svc_end(s, rc, err);
}

int incident_addendum(struct svc *s, int64_t id, const char *text, const char *typed_name,
		      struct incident_view *out, struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "an addendum is signed by a person");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_for_change(s, id, out, err)) != 0)
		goto out;
	if (!out->i.signed_at) {
		rc = fd_fail(err, FD_ECONFLICT, "the report is still a draft: change it instead");
		goto out;
	}
	if ((rc = check_typed_name(s, typed_name, err)) != 0 ||
	    (rc = signing_key(s, pk, sk, true, err)) != 0)
		goto out;
	/* The chain: addendum n follows the signature before it, the report's for the first. */
	size_t n = out->i.naddenda + 1;
	const char *previous = n > 1 ? out->i.addenda[n - 2].signature : out->i.signature;
	struct addendum ad = {.text = text,
			      .signed_at = s->now,
			      .signed_by_login = s->actor->login,
			      .signed_name = s->actor->name};
	char *canon = incident_form_addendum(id, n, previous, &ad);
	if (!canon) {
		rc = fd_fail_field(err, "text", "the text is not UTF-8");
		goto out;
	}
	ad.signed_text = arena_strdup(s->arena, canon);
	ad.signature = ed25519_sign64(s->arena, canon, sk);
	free(canon);
	/* The audit log's record of each addendum shows the newest one deleted, which the chain
	 * alone cannot. */
	const char *action = arena_printf(s->arena, "addendum %zu", n);
	if ((rc = store_incident_addendum_insert(s->store, id, &ad, s->actor->id, err)) == 0 &&
	    (rc = svc_audit(s, action, "incident", id, err)) == 0)
		rc = load(s, id, out, err);
out:
	sodium_memzero(sk, sizeof sk);
	return svc_end(s, rc, err);
}

int incident_verify(struct svc *s, int64_t id, struct incident_check *out, struct fd_error *err)
{
	struct incident_view v;
	memset(out, 0, sizeof *out);
	if (svc_begin(s, false, err))
		return -1;
	int rc = load(s, id, &v, err) || check_in_tx(s, &v, out, err) ? -1 : 0;
	return svc_end(s, rc, err);
}

/* Inside a transaction: report v (loaded) against its signature and the audit log's record of
 * each signing, with its attachments' bytes. */
static int check_in_tx(struct svc *s, struct incident_view *v, struct incident_check *out,
		       struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES] = {0};
	struct audit_entry *audit = NULL;
	size_t naudit = 0;
	const char *key = arena_printf(s->arena, "%lld", (long long)v->i.id);
	if (attachment_bytes(s, v, err) ||
	    store_audit_list(s->store, "incident", key, s->arena, &audit, &naudit, err) ||
	    (v->i.signed_at && signing_key(s, pk, NULL, false, err)))
		return -1;
	struct incident_evidence ev = {&v->i, v->attachments, v->nattachments, audit, naudit};
	return incident_form_check(&ev, pk, s->arena, out, err);
}

/* The types accepted, each with the bytes it must start with. */
static const struct {
	const char *type, *magic;
	size_t n;
} accepted[] = {
	{"image/jpeg", "\xff\xd8\xff", 3},
	{"image/png", "\x89PNG\r\n\x1a\n", 8},
	{"application/pdf", "%PDF-", 5},
};

int incident_attach(struct svc *s, int64_t id, const char *name, const char *content_type,
		    const unsigned char *data, size_t len, struct incident_view *out,
		    struct fd_error *err)
{
	bool ok = false;
	if (svc_check_text("name", name, 1, 200, err) || strpbrk(name, "/\\\"") != NULL)
		return err->code ? -1
				 : fd_fail_field(err, "name", "a file name without / \\ or \"");
	if (len == 0 || len > ATTACHMENT_MAX_BYTES)
		return fd_fail_field(err, "file", "an attachment is 1 byte to %d KiB",
				     ATTACHMENT_MAX_BYTES / 1024);
	for (size_t k = 0; k < sizeof accepted / sizeof *accepted; k++)
		if (content_type && strcmp(content_type, accepted[k].type) == 0)
			ok = len >= accepted[k].n &&
			     memcmp(data, accepted[k].magic, accepted[k].n) == 0;
	if (!ok)
		return fd_fail_field(err, "content_type",
				     "attach a JPEG or PNG photo or a PDF, sent "
				     "with its own Content-Type");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_for_change(s, id, out, err)) != 0)
		goto out;
	/* CS-INCIDENT: a signed report is what was signed; later facts go in signed addenda. */
	if (out->i.signed_at) {
		out->in_charge = (struct in_charge_view){0}; /* nobody to fetch: it is the rule */
		rc = fd_fail_policy(err, "CS-INCIDENT",
				    "the report is signed: add a signed addendum instead");
		goto out;
	}
	char hex[SHA256_HEX_LEN];
	struct attachment at = {.name = name,
				.content_type = content_type,
				.sha256 = incident_sha256_hex(data, len, hex),
				.data = data,
				.size_bytes = (int64_t)len,
				.added_at = s->now};
	if ((rc = store_attachment_insert(s->store, id, &at, s->actor ? s->actor->id : 0, err)) ==
	    0)
		rc = load(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

int incident_attachment(struct svc *s, int64_t id, int64_t attachment_id, struct attachment *out,
			struct fd_error *err)
{
	struct incident_view v;
	if (svc_begin(s, false, err))
		return -1;
	int rc = load(s, id, &v, err);
	if (!rc)
		rc = store_attachment_get(s->store, id, attachment_id, s->arena, out, err);
	return svc_end(s, rc, err);
}

int incident_due_warnings(struct svc *s, int *warned, struct fd_error *err)
{
	struct incident *due;
	size_t n;
	*warned = 0;
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_incident_due_soon(s->store, s->now, s->now + 3600, s->arena, &due, &n, err);
	for (size_t k = 0; !rc && k < n; k++) {
		/* The deadline is the calendar day's (CS-INCIDENT), but the reminder goes out while
		 * someone is on duty at the branch to act on it. */
		struct in_charge_view ic;
		if ((rc = duty_in_charge_in_tx(s, due[k].branch_id, &ic, err)) != 0)
			break;
		if (!ic.staff)
			continue;
		const char *body = arena_printf(
			s->arena,
			"Incident report %lld at %s (%s) is not signed yet, and it is due by the "
			"end of "
			"today, within the hour (CS-INCIDENT).\n\nReported by: %s\n\nFinish it: "
			"%s/api/v1/incidents/%lld\n",
			(long long)due[k].id, due[k].branch_name,
			incident_category_label(due[k].category),
			due[k].reported_by.name ? due[k].reported_by.name : "—",
			s->config->base_url, (long long)due[k].id);
		rc = outbox_notify_role(s, ROLE_BRANCH_MANAGER, due[k].branch_id,
					arena_printf(s->arena,
						     "Incident report due within the hour at "
						     "%s",
						     due[k].branch_name),
					body, "incident-due", due[k].id, NULL, err);
		if (!rc)
			rc = store_incident_warned(s->store, due[k].id, s->now, err);
		if (!rc)
			(*warned)++;
	}
	return svc_end(s, rc, err);
}
