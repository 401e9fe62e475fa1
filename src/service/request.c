/* Request use cases, one transaction each; every step goes into the request's history. */
#include "service/request.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "policy/join.h"
#include "policy/feedback.h"
#include "policy/login_throttle.h"
#include "service/calendar.h"
#include "service/catalogue.h"
#include "service/customer_link.h"
#include "service/duty.h"
#include "store/store_auth.h"
#include "store/store_branch.h"
#include "store/store_feedback.h"
#include "store/store_visit.h"
#include "store/store_staff.h"
#include "store/store_visit.h"

static bool is_manager_of(const struct staff *a, int64_t branch_id)
{
	return (a->role == ROLE_BRANCH_MANAGER || a->role == ROLE_ASSISTANT_LIBRARIAN) &&
	       a->branch_id == branch_id;
}

/* CS-CONFIDENTIAL: a reference question is seen by who took or holds it, and managers. */
static bool may_read_text(const struct svc *s, const struct request_rec *r)
{
	const struct staff *a = s->actor;
	if (r->kind != REQUEST_REFERENCE || !a)
		return true;
	return role_is_headquarters(a->role) || a->id == r->created_by || a->id == r->holder_id ||
	       is_manager_of(a, r->branch_id);
}

/* Who may work on a request: its holder, the managers of its branch, Headquarters; at
 * Headquarters, Headquarters only. */
static int may_handle(const struct svc *s, const struct request_rec *r, struct fd_error *err)
{
	const struct staff *a = s->actor;
	if (svc_may(s, ACTION_REQUEST_WORK, err))
		return -1;
	if (!a || role_is_headquarters(a->role))
		return 0;
	/* Who holds it is the request's state, not a right: a conflict, not a refusal. */
	if (r->level == LEVEL_HEADQUARTERS)
		return fd_fail(err, FD_ECONFLICT, "This request is with Headquarters now.");
	if (a->id == r->holder_id || is_manager_of(a, r->branch_id))
		return 0;
	return fd_fail(err, FD_ECONFLICT,
		       "This request is held by %s: ask them, or the person "
		       "in charge.",
		       r->holder_name ? r->holder_name : "someone else");
}

static struct close_facts facts_of(const struct request_view *v, bool noted)
{
	struct close_facts f = {.reached_headquarters = v->r.level == LEVEL_HEADQUARTERS,
				.referred_up = v->r.level != LEVEL_DESK,
				.noted = noted};
	for (size_t i = 0; i < v->nalts; i++) {
		bool referral = v->alts[i].kind == ALT_REFERRAL;
		f.offered++;
		f.accepted += v->alts[i].accepted == 1;
		f.declined += v->alts[i].accepted == 0;
		f.referrals += referral;
		f.referrals_declined += referral && v->alts[i].accepted == 0;
	}
	return f;
}

static int load(struct svc *s, int64_t id, struct request_view *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (store_request_get(s->store, id, s->arena, &out->r, err) ||
	    svc_may_at(s, ACTION_REQUEST_WORK, out->r.branch_id, err) ||
	    store_alt_list(s->store, id, s->arena, &out->alts, &out->nalts, err) ||
	    store_request_history(s->store, id, s->arena, &out->history, &out->nhistory, err))
		return -1;
	struct close_facts f = facts_of(out, false);
	for (int o = 0; o < OUTCOME__MAX; o++)
		out->avenues_left[o] =
			out->r.closed ? 0 : request_avenues_left((enum request_outcome)o, &f);
	int64_t end = out->r.closed ? out->r.closed_at : s->now;
	struct branch b;
	struct open_span *spans;
	size_t n;
	out->age_s = end - out->r.created_at;
	if (store_branch_get_by_id(s->store, out->r.branch_id, s->arena, &b, err) ||
	    calendar_spans_in_tx(s, &b, out->r.created_at, end, &spans, &n, err))
		return -1;
	out->open_age_s = open_seconds(spans, n, out->r.created_at, end);
	if (!may_read_text(s, &out->r)) {
		out->r.text = NULL;
		out->text_hidden = true;
	}
	/* CS-CONFIDENTIAL: volunteers and pages follow requests through without the customer. */
	if (!svc_sees_customers(s))
		out->r.customer_card = out->r.customer_name = NULL;
	return 0;
}

/* The request as the answer to a call shows it: a read of its customer, audited on her
 * (CS-CONFIDENTIAL). */
static int load_shown(struct svc *s, int64_t id, struct request_view *out, struct fd_error *err)
{
	return load(s, id, out, err) ||
			       customer_read_via_in_tx(s, out->r.customer_card, "request", id, err)
		       ? -1
		       : 0;
}

/* Every change is in the request's history and in the audit log. */
static int history(struct svc *s, int64_t id, const char *action, const char *detail,
		   struct fd_error *err)
{
	return store_request_history_add(s->store, id, s->now, s->actor ? s->actor->id : 0, action,
					 detail, err) ||
			       svc_audit(s, action, "request", id, err)
		       ? -1
		       : 0;
}

static int link_customer(struct svc *s, const struct request_input *in, struct request_rec *r,
			 struct fd_error *err)
{
	if (in->visit_id) {
		struct visit v;
		if (store_visit_get(s->store, in->visit_id, s->arena, &v, err)) {
			snprintf(err->field, sizeof err->field, "visit");
			return -1;
		}
		if (v.branch_id != r->branch_id)
			return fd_fail_field(err, "visit", "That visit was at another branch.");
		r->visit_id = v.id;
		r->customer_id = v.customer_id;
	}
	if (in->customer_card)
		return customer_link_in_tx(s, in->customer_card, "request", &r->customer_id, err);
	return 0;
}

#define IN(type, member) .offset = offsetof(struct type, member)
static const struct input_field request_fields[] = {
	INPUT_BRANCH_FIELD("branch", "Branch", false, offsetof(struct request_input, branch)),
	{"kind", "Kind", INPUT_ENUM, true, .vocab = &vocab_request_kind, IN(request_input, kind)},
	{"text", "Request", INPUT_LINES, true, 1, 2000, IN(request_input, text)},
	{"visit", "Visit", INPUT_ID, false, IN(request_input, visit_id)},
	INPUT_CARD_FIELD("customer_card", false, offsetof(struct request_input, customer_card)),
};
const struct input_table request_input_table = INPUT_TABLE(request_fields);

static const struct input_field offer_fields[] = {
	{"kind", "Alternative", INPUT_ENUM, true, .vocab = &vocab_alt_kind, IN(offer_input, kind)},
	{"note", "Note", INPUT_TEXT, false, 0, 500, IN(offer_input, note)},
	{"accepted", "Accepted", INPUT_ANSWER, false, IN(offer_input, accepted)},
};
const struct input_table offer_input_table = INPUT_TABLE(offer_fields);

static const struct input_field close_fields[] = {
	{"outcome", "Outcome", INPUT_ENUM, true, .vocab = &vocab_request_outcome,
	 IN(close_input, outcome)},
	{"note", "Note", INPUT_TEXT, false, 0, 500, IN(close_input, note)},
};
const struct input_table close_input_table = INPUT_TABLE(close_fields);

static const struct input_field answer_fields[] = {
	{"accepted", "Accepted", INPUT_ANSWER, true, IN(answer_input, accepted)},
};
const struct input_table answer_input_table = INPUT_TABLE(answer_fields);

static const struct input_field link_fields[] = {
	INPUT_CARD_FIELD("customer_card", true, offsetof(struct link_input, customer_card)),
};
const struct input_table link_input_table = INPUT_TABLE(link_fields);

static const struct input_field note_fields[] = {
	{"note", "Note", INPUT_TEXT, false, 0, 500, IN(note_input, note)},
};
const struct input_table note_input_table = INPUT_TABLE(note_fields);

/* in was read through request_input_table. */
int request_add(struct svc *s, const struct request_input *in, struct request_view *out,
		struct fd_error *err)
{
	struct branch b;
	struct request_rec r = {0};
	if (svc_may(s, ACTION_REQUEST_WORK, err))
		return -1;
	if (in->kind >= REQUEST_KIND__MAX)
		return fd_fail_field(err, "kind", "Choose what the customer is asking for.");
	if (!in->branch)
		return fd_fail_field(err, "branch", "Say which branch the request is at.");
	catalogue_card_ask(s, in->customer_card); /* before the transaction: it may wait */
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = svc_branch(s, in->branch, &b, err)) != 0 ||
	    (rc = svc_may_at(s, ACTION_REQUEST_WORK, b.id, err)) != 0)
		goto out;
	r.branch_id = b.id;
	r.kind = in->kind;
	r.text = in->text;
	r.created_by = s->actor ? s->actor->id : 0;
	r.created_at = s->now;
	/* The text of a reference question is purged after the retention period. */
	if (r.kind == REQUEST_REFERENCE)
		r.text_retain_until = s->now + (int64_t)s->config->reference_text_days * 86400;
	if ((rc = duty_require_at(s, &b, true, err)) != 0 ||
	    (rc = link_customer(s, in, &r, err)) != 0 ||
	    (rc = store_request_insert(s->store, &r, err)) != 0 ||
	    (rc = history(s, r.id, "created", request_kind_name(r.kind), err)) != 0 ||
	    (rc = load_shown(s, r.id, out, err)) != 0)
		goto out;
out:
	return svc_end(s, rc, err);
}

int request_get(struct svc *s, int64_t id, struct request_view *out, struct fd_error *err)
{
	if (svc_may(s, ACTION_REQUEST_WORK, err) || svc_begin(s, true, err))
		return -1;
	int rc = load_shown(s, id, out, err);
	if (!rc)
		rc = svc_audit(s, "read", "request", id, err);
	return svc_end(s, rc, err);
}

/* Loads request id for a change by the actor: it must be open and theirs to work on. */
static int load_open(struct svc *s, int64_t id, struct request_view *out, struct fd_error *err)
{
	if (load(s, id, out, err) || may_handle(s, &out->r, err))
		return -1;
	if (out->r.closed)
		return fd_fail(err, FD_ECONFLICT, "this request was closed already");
	return 0;
}

/* in was read through offer_input_table. */
int request_offer(struct svc *s, int64_t id, const struct offer_input *in, struct request_view *out,
		  struct fd_error *err)
{
	if (in->kind >= ALT_KIND__MAX)
		return fd_fail_field(err, "kind", "Choose what the customer is asking for.");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	const char *detail = arena_printf(s->arena, "%s%s", alt_kind_label(in->kind),
					  in->accepted == 1   ? ": accepted"
					  : in->accepted == 0 ? ": declined"
							      : "");
	if ((rc = load_open(s, id, out, err)) == 0 &&
	    (rc = store_alt_insert(s->store, id, in->kind, in->note, in->accepted,
				   s->actor ? s->actor->id : 0, s->now, err)) == 0 &&
	    (rc = history(s, id, "alternative offered", detail, err)) == 0)
		rc = load_shown(s, id, out, err);
	return svc_end(s, rc, err);
}

int request_answer(struct svc *s, int64_t id, int64_t alt_id, bool accepted,
		   struct request_view *out, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_open(s, id, out, err)) == 0 &&
	    (rc = store_alt_answer(s->store, id, alt_id, accepted, s->now, err)) == 0 &&
	    (rc = history(s, id, accepted ? "alternative accepted" : "alternative declined", "",
			  err)) == 0)
		rc = load_shown(s, id, out, err);
	return svc_end(s, rc, err);
}

/* in was read through link_input_table. */
int request_link_customer(struct svc *s, int64_t id, const struct link_input *in,
			  struct request_view *out, struct fd_error *err)
{
	int64_t customer_id = 0;
	catalogue_card_ask(s, in->customer_card); /* before the transaction: it may wait */
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_open(s, id, out, err)) == 0 && out->r.customer_id) {
		rc = fd_fail(err, FD_ECONFLICT, "%s is linked to this request already",
			     out->r.customer_name ? out->r.customer_name : "a customer");
		snprintf(err->field, sizeof err->field, "customer_card");
	}
	if (!rc &&
	    (rc = customer_link_in_tx(s, in->customer_card, "request", &customer_id, err)) == 0 &&
	    (rc = store_request_link_customer(s->store, id, customer_id, err)) == 0 &&
	    (rc = history(s, id, "customer linked", "", err)) == 0)
		rc = load_shown(s, id, out, err);
	return svc_end(s, rc, err);
}

/* note was read through note_input_table. */
int request_escalate(struct svc *s, int64_t id, const char *note, struct request_view *out,
		     struct fd_error *err)
{
	struct in_charge_view ic;
	struct staff boss = {0};
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_open(s, id, out, err)) != 0 ||
	    (rc = duty_in_charge_in_tx(s, out->r.branch_id, &ic, err)) != 0)
		goto out;
	if (ic.staff)
		boss = *ic.staff;
	int to = request_escalate_to(out->r.level, boss.id != 0, boss.id == out->r.holder_id);
	if (to < 0) {
		rc = fd_fail(err, FD_ECONFLICT, "this request is with Headquarters already");
		goto out;
	}
	struct request_rec r = out->r;
	r.level = (enum request_level)to;
	r.holder_id = to == LEVEL_BRANCH ? boss.id : 0;
	const char *detail = to == LEVEL_BRANCH ? arena_printf(s->arena, "to %s (%s)", boss.name,
							       role_label(boss.role))
						: "to Headquarters";
	if (note && *note)
		detail = arena_printf(s->arena, "%s: %s", detail, note);
	/* The event tells the receiver's pages at once: it is in their "Needs you" now. */
	if ((rc = store_request_update(s->store, &r, err)) == 0 &&
	    (rc = history(s, id, "referred", detail, err)) == 0 &&
	    (rc = store_event_append(s->store, r.branch_id, "request.referred", 0, s->now, err)) ==
		    0)
		rc = load_shown(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

static void avenues_text(unsigned left, struct buf *b)
{
	for (int a = 0; a < AVENUE__MAX; a++)
		if (left & (1u << a))
			buf_printf(b, " %s", avenue_advice((enum avenue)a));
}

/* in was read through close_input_table. */
int request_close(struct svc *s, int64_t id, const struct close_input *in, struct request_view *out,
		  struct fd_error *err)
{
	enum request_outcome o = in->outcome;
	if (o <= OUTCOME_NONE || o >= OUTCOME__MAX)
		return fd_fail_field(err, "outcome", "Choose how the request ended.");
	bool noted = in->note && *in->note;
	if (request_close_needs_note(o) && !noted)
		return fd_fail_field(err, "note",
				     "closing as customer declined needs a note of what the "
				     "customer said");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = load_open(s, id, out, err)) != 0)
		goto out;
	struct close_facts f = facts_of(out, noted);
	const char *refusal = request_close_refusal(o, &f);
	if (refusal) {
		struct buf why = BUF_INIT;
		buf_puts(&why, refusal);
		avenues_text(out->avenues_left[o], &why);
		rc = fd_fail_policy(err, "CS-ALT", "%s", buf_str(&why));
		buf_free(&why);
		goto out;
	}
	struct request_rec r = out->r;
	r.closed = true;
	r.outcome = o;
	r.closed_at = s->now;
	r.closed_by = s->actor ? s->actor->id : 0;
	r.close_note = in->note;
	if ((rc = store_request_update(s->store, &r, err)) == 0 &&
	    (rc = history(s, id, "closed", request_outcome_label(r.outcome), err)) == 0)
		rc = load_shown(s, id, out, err);
out:
	return svc_end(s, rc, err);
}

/* The rows the actor may see as views, but those held by skip_holder (listed already). */
static int add_views(struct svc *s, const struct request_rec *rows, size_t n, int64_t skip_holder,
		     struct request_view **out, size_t *count, size_t *cap, struct fd_error *err)
{
	for (size_t i = 0; i < n; i++) {
		/* One held at a branch one no longer works at is left out (CS-SCOPE). */
		struct fd_error elsewhere = {0};
		if ((skip_holder && rows[i].holder_id == skip_holder) ||
		    svc_may_at(s, ACTION_REQUEST_WORK, rows[i].branch_id, &elsewhere))
			continue;
		if (*count == *cap) {
			size_t grown = *cap ? *cap * 2 : 16;
			struct request_view *v = arena_alloc(s->arena, grown * sizeof *v);
			if (*count)
				memcpy(v, *out, *count * sizeof *v);
			*out = v;
			*cap = grown;
		}
		if (load(s, rows[i].id, &(*out)[(*count)++], err))
			return -1;
	}
	return 0;
}

int request_list(struct svc *s, enum request_scope scope, const char *branch,
		 struct request_view **out, size_t *n, struct fd_error *err)
{
	struct request_rec *rows;
	size_t nrows, cap = 0;
	struct branch b;
	*out = NULL;
	*n = 0;
	if (svc_may(s, ACTION_REQUEST_WORK, err) || svc_begin(s, false, err))
		return -1;
	int rc = 0;
	if (scope == SCOPE_BRANCH) {
		if ((rc = store_branch_get(s->store, branch ? branch : "", s->arena, &b, err)) ==
			    0 &&
		    (rc = svc_may_at(s, ACTION_REQUEST_WORK, b.id, err)) == 0 &&
		    (rc = store_request_list_open(s->store, b.id, 0, s->arena, &rows, &nrows,
						  err)) == 0)
			rc = add_views(s, rows, nrows, 0, out, n, &cap, err);
	} else if (s->actor) {
		if ((rc = store_request_list_open(s->store, 0, s->actor->id, s->arena, &rows,
						  &nrows, err)) == 0)
			rc = add_views(s, rows, nrows, 0, out, n, &cap, err);
		/* Headquarters holds requests as a whole: every HQ role sees them (those the
		 * actor holds were listed just now). */
		if (!rc && role_is_headquarters(s->actor->role) &&
		    (rc = store_request_list_open(s->store, 0, 0, s->arena, &rows, &nrows, err)) ==
			    0)
			rc = add_views(s, rows, nrows, s->actor->id, out, n, &cap, err);
	}
	return svc_end(s, rc, err);
}

int request_of_customer_in_tx(struct svc *s, int64_t customer_id, struct request_rec **out,
			      size_t *n, struct fd_error *err)
{
	if (store_request_list_customer(s->store, customer_id, s->arena, out, n, err))
		return -1;
	for (size_t i = 0; i < *n; i++) {
		if (!may_read_text(s, &(*out)[i]))
			(*out)[i].text = NULL;
		if (!svc_sees_customers(s))
			(*out)[i].customer_card = (*out)[i].customer_name = NULL;
	}
	return 0;
}

/* Reference questions' text, a batch per transaction until fewer than a batch is left: a
 * backlog of years drains, and no statement holds the table past its timeout. */
static int purge_texts(struct svc *s, int64_t *texts, struct fd_error *err)
{
	int64_t n;
	do {
		n = 0;
		if (svc_begin(s, true, err) ||
		    svc_end(s, store_purge_texts(s->store, s->now, &n, err), err))
			return -1;
		*texts += n;
	} while (n >= STORE_PURGE_BATCH);
	return 0;
}

int retention_purge(struct svc *s, struct retention_purged *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (s->actor)
		return fd_fail(err, FD_EFORBID,
			       "retention runs from the command line or the server");
	if (purge_texts(s, &out->texts, err) || svc_begin(s, true, err))
		return -1;
	int64_t before = s->now - (int64_t)s->config->visit_customer_days * 86400;
	int rc = store_purge_visits(s->store, before, &out->visits, err);
	/* A phone ticket's device and address serve the bounds (an hour, the day's tickets):
	 * kept a day. A feedback answer's contact, for the Branch Manager to get in touch,
	 * is kept as long as who a visit was for. */
	if (!rc)
		rc = store_join_forget(s->store, s->now - JOIN_DEVICE_KEPT_S, &out->join_tickets,
				       err);
	if (!rc)
		rc = store_feedback_forget_contacts(s->store, before, &out->feedback_contacts, err);
	/* Failed logins count for an hour (policy/login_throttle.h): a day of them is kept for
	 * a look, and an address unused for the familiar period is forgotten. */
	if (!rc)
		rc = store_login_forget(s->store, s->now - 86400, s->now - THROTTLE_FAMILIAR_S,
					err);
	/* A feedback link answers for FEEDBACK_ANSWER_DAYS after its visit, which ended before
	 * the link was made: an older link opens nothing, and goes. */
	if (!rc)
		rc = store_feedback_link_forget(
			s->store, s->now - (int64_t)FEEDBACK_ANSWER_DAYS * 86400, NULL, err);
	return svc_end(s, rc, err);
}
