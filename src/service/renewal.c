/* The renewal call: checks in one short read, the catalogue asked with no transaction open,
 * then the counts written in one short write. Which items were renewed is never stored. */
#include "service/renewal.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "service/customer_link.h"
#include "service/duty.h"

static const struct input_field renewal_fields[] = {
	INPUT_CARD_FIELD("card", false, offsetof(struct renewal_input, card)),
	{"item", "Item", INPUT_LINES, false, 1, 64, .offset = offsetof(struct renewal_input, item)},
	{"once", "The renew form", INPUT_ID, false, .offset = offsetof(struct renewal_input, once)},
};
const struct input_table renewal_input_table = INPUT_TABLE(renewal_fields);

/* Why the reader may not renew on v now, true for them (CS-INPERSON): a call over, a caller
 * on hold while they serve someone in the library, one someone else serves, or one to take. */
static int not_serving(struct svc *s, const struct visit *v, struct fd_error *err)
{
	bool busy = false, walkin = false;
	const char *why = "Take the call first (Serve next, or Back from hold) to renew the "
			  "caller's items.";
	if (v->state == VISIT_FINISHED || v->state == VISIT_NO_SHOW || v->state == VISIT_LEFT ||
	    v->state == VISIT_REMOVED)
		why = "This call is over.";
	else if (v->state == VISIT_SERVING)
		why = "Someone else is serving this call: they renew the caller's items.";
	else if (v->state == VISIT_ON_HOLD && s->actor) {
		if (store_visit_serving_by(s->store, v->branch_id, s->actor->id, &busy, &walkin,
					   err))
			return -1;
		if (walkin)
			why = "This caller is on hold: take them back from hold once you have "
			      "finished with the customer in the library, then renew their items.";
	}
	return fd_fail_policy(err, "CS-INPERSON", "%s", why);
}

/* May the reader renew on this visit now? They read customers (CS-CONFIDENTIAL: the account is
 * the customer's), work the desk at its branch, and serve this very call (CS-INPERSON: a
 * caller asked to hold is renewed once they are taken back). */
static int may_renew(struct svc *s, const struct visit *v, struct fd_error *err)
{
	struct branch b;
	if (svc_may_at(s, ACTION_CUSTOMER_READ, v->branch_id, err) ||
	    svc_may_at(s, ACTION_QUEUE_WORK, v->branch_id, err))
		return -1;
	if (v->reason != REASON_RENEWAL)
		return fd_fail(err, FD_ECONFLICT,
			       "This visit is not a renewal call: mark it as one (Renewal call) "
			       "first.");
	if (v->state != VISIT_SERVING || !s->actor || v->served_by != s->actor->id)
		return not_serving(s, v, err);
	/* Serving it, they were on duty here: still so, unless they have clocked off since. */
	if (store_branch_get_by_id(s->store, v->branch_id, s->arena, &b, err) ||
	    duty_require_at(s, &b, false, err))
		return -1;
	return 0;
}

/* The visit, checked, and the card whose items it is about. */
static int load_call(struct svc *s, int64_t visit_id, const char *card, struct renewal_call *call,
		     struct fd_error *err)
{
	memset(call, 0, sizeof *call);
	if (svc_begin(s, false, err))
		return -1;
	struct branch b;
	int rc;
	if ((rc = store_visit_get(s->store, visit_id, s->arena, &call->v, err)) != 0 ||
	    (rc = may_renew(s, &call->v, err)) != 0 ||
	    (rc = store_branch_get_by_id(s->store, call->v.branch_id, s->arena, &b, err)) != 0)
		goto out;
	call->time_zone = b.time_zone;
	call->checked = true;
	/* The forms drawn now are refused once a renewal is sent after this event. */
	if ((rc = store_event_max(s->store, &call->once, err)) != 0)
		goto out;
	call->once++;
	/* The customer linked to the visit, else the card the caller reads out. */
	call->card = call->v.customer_card ? call->v.customer_card : card;
	if (!call->card || !*call->card)
		rc = fd_fail_field(err, "card",
				   "Ask the caller for their library card number, and type it in.");
out:
	return svc_end(s, rc, err);
}

/* Inside a transaction: a card typed on a call with no customer is linked to the visit, so that
 * the desk and the next look at the items know whose call it is: an audited read, as a visit's
 * card is, registering from the catalogue a card frontdesk lacks when catalogue_card_named has
 * kept its name. A card frontdesk does not know, and may not register, stays unlinked. */
static int link_card_in_tx(struct svc *s, struct renewal_call *call, struct fd_error *err)
{
	int64_t customer_id = 0;
	if (call->v.customer_id || !call->card)
		return 0;
	if (customer_link_in_tx(s, call->card, "visit", &customer_id, err)) {
		if (err->code != FD_ENOTFOUND)
			return -1;
		fd_error_clear(err);
		return 0;
	}
	if (store_visit_link_customer(s->store, call->v.id, customer_id, err) ||
	    store_event_append(s->store, call->v.branch_id, "visit.customer", call->v.id, s->now,
			       err) ||
	    store_visit_get(s->store, call->v.id, s->arena, &call->v, err))
		return -1;
	call->card = call->v.customer_card;
	return 0;
}

int renewal_account(struct svc *s, int64_t visit_id, const char *card, struct renewal_call *call,
		    struct catalogue_account *out, struct fd_error *err)
{
	if (load_call(s, visit_id, card, call, err) || catalogue_account(s, call->card, out, err))
		return -1;
	if (call->v.customer_id)
		return 0;
	/* The catalogue knows the card: the visit is theirs from now on. */
	catalogue_card_named(s, call->card, out->patron.name);
	if (svc_begin(s, true, err))
		return -1;
	return svc_end(s, link_card_in_tx(s, call, err), err);
}

/* Why item was refused, from the catalogue's screen messages: Renew All (66) sends one for
 * all its refusals, often one per item as "TITLE (ITEM): REASON", so the one naming this
 * item is taken, its reason alone; else every message, as one sentence (in s->arena). */
static const char *why_refused(struct svc *s, const char *item, char **m, size_t n)
{
	const char *tag = item ? arena_printf(s->arena, "(%s): ", item) : NULL;
	for (size_t i = 0; tag && i < n; i++) {
		const char *at = strstr(m[i], tag);
		if (at)
			return at + strlen(tag);
	}
	if (n == 0)
		return "The library catalogue did not say why";
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", m[i]);
	const char *out = arena_strdup(s->arena, buf_str(&b));
	buf_free(&b);
	return out;
}

static void result_of(struct svc *s, const struct ils_renewal *r, struct renewal_result *out)
{
	*out = (struct renewal_result){.offer = RENEWAL_OFFER_NONE};
	out->item = r->item;
	out->title = r->title && *r->title ? r->title : NULL;
	out->renewed = r->renewed;
	out->due = r->renewed && r->due && *r->due ? r->due : NULL;
	out->due_at = r->renewed ? r->due_at : 0;
	out->message = r->renewed ? NULL : why_refused(s, r->item, r->messages, r->nmessages);
}

/* Renew All names items by id alone: each one's title, a renewed one's new due date, and a
 * refused one's due date and hold queue (for what to offer instead) are asked for (Item
 * Information) while the deadline leaves time; an item not reached in time reads by its id. */
static void fill_details(struct svc *s, struct renewal_result *res, size_t n,
			 const struct ils_patron *card, int64_t deadline_ms)
{
	for (size_t i = 0; i < n; i++) {
		struct renewal_result *x = &res[i];
		struct ils_item it = {.hold_queue = -1};
		struct fd_error ignored = {0};
		if ((!x->title || !x->renewed || !x->due) && x->item && clock_ms() < deadline_ms &&
		    ils_item(s->ils, s->arena, x->item, deadline_ms, &it, &ignored) == 0) {
			if (!x->title && it.title && *it.title)
				x->title = it.title;
			if (x->renewed && !x->due) {
				x->due = it.due;
				x->due_at = it.due_at;
			}
			if (!x->renewed) {
				x->still_due = it.due && *it.due ? it.due : NULL;
				x->still_due_at = it.due_at;
			}
		}
		if (!x->renewed)
			x->offer = renewal_offer_for(card, it.hold_queue);
		if (!x->title)
			x->title = x->item ? arena_printf(s->arena, "item %s", x->item) : "an item";
	}
}

/* The card's status (Patron Status) when an item was refused and time remains: whether it is
 * blocked decides what to offer instead. NULL when not asked or not answered. */
static const struct ils_patron *card_status(struct svc *s, const char *card,
					    const struct renewal_result *res, size_t n,
					    int64_t deadline_ms)
{
	struct ils_patron *p = arena_alloc(s->arena, sizeof *p);
	struct fd_error ignored = {0};
	size_t refused = 0;
	for (size_t i = 0; i < n; i++)
		refused += !res[i].renewed;
	if (!refused || clock_ms() >= deadline_ms ||
	    ils_patron_status(s->ils, s->arena, card, deadline_ms, p, &ignored) || !p->known)
		return NULL;
	return p;
}

/* Asks the catalogue: no transaction is open while it waits (it may take [ils] timeout_ms). */
static int ask_catalogue(struct svc *s, struct renewal_call *call, const char *item,
			 struct renewal_result **results, size_t *n, struct fd_error *err)
{
	struct ils_renewal *got = NULL, one;
	size_t k = 1;
	int64_t deadline_ms = ils_deadline(s->ils);
	if (!s->ils)
		return fd_fail(err, FD_EUNAVAILABLE,
			       "No library catalogue is configured: nothing was renewed.");
	const char *card = call->card;
	int rc = item ? ils_renew(s->ils, s->arena, card, item, deadline_ms, &one, err)
		      : ils_renew_all(s->ils, s->arena, card, deadline_ms, &got, &k, err);
	if (rc) {
		/* A request that may have reached it keeps the client's words (look at the
		 * account before trying again): it may have renewed. Only one that never went
		 * out says that nothing was. */
		static const char silent[] = "The library catalogue is not answering";
		const char *rest = err->message + strlen(silent);
		if (!err->outcome_unknown && strncmp(err->message, silent, strlen(silent)) == 0 &&
		    (!*rest || strcmp(rest, ".") == 0))
			snprintf(err->message, sizeof err->message,
				 "The library catalogue is not answering: nothing was renewed.");
		return -1;
	}
	if (item)
		got = &one;
	*results = arena_alloc(s->arena, (k ? k : 1) * sizeof **results);
	for (size_t i = 0; i < k; i++)
		result_of(s, &got[i], &(*results)[i]);
	*n = k;
	call->card_status = card_status(s, card, *results, k, deadline_ms);
	fill_details(s, *results, k, call->card_status, deadline_ms);
	return 0;
}

/* A desk's form is used once: in one short write, the visit's row taken (two posts of one form
 * take turns), no renewal sent since the form was drawn, and this one marked as sent before the
 * catalogue is asked, so that a repeat is refused even when the catalogue's answer is lost. */
static int claim(struct svc *s, struct renewal_call *call, int64_t once, struct fd_error *err)
{
	if (once < 0) /* every renew form of the desk's pages carries it: this one is not theirs */
		return fd_fail(err, FD_EINVAL,
			       "Open the caller's items from the desk and renew from there.");
	if (svc_begin(s, true, err))
		return -1;
	bool sent = false;
	int rc;
	if ((rc = store_visit_renewal_count(s->store, call->v.id, 0, 0, err)) != 0 ||
	    (rc = store_visit_renewal_since(s->store, call->v.id, once, &sent, err)) != 0)
		goto out;
	if (sent) {
		rc = fd_fail(err, FD_ECONFLICT,
			     "This renewal was sent to the catalogue once already (the same form "
			     "sent twice): look at the caller's items as the catalogue has them "
			     "now, and renew only what still needs it.");
		goto out;
	}
	rc = store_event_append(s->store, call->v.branch_id, "visit.renewal", call->v.id, s->now,
				err);
out:
	return svc_end(s, rc, err);
}

/* The counts, in one short write: the customer's account was used, so the audit log on the
 * card, whoever typed it or linked it, says who renewed on which visit (not which items); a
 * typed card frontdesk knows is linked to the visit. */
static int count(struct svc *s, struct renewal_call *call, int renewed, int refused,
		 struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int64_t id = call->v.id;
	int rc;
	if ((rc = store_visit_renewal_count(s->store, id, renewed, refused, err)) != 0 ||
	    (rc = customer_audit_append(
		     s, arena_printf(s->arena, "renewed items on visit %lld", (long long)id),
		     call->card, err)) != 0 ||
	    (rc = link_card_in_tx(s, call, err)) != 0 ||
	    (rc = store_event_append(s->store, call->v.branch_id, "visit.renewal", id, s->now,
				     err)) != 0)
		goto out;
	const char *card = call->card; /* the typed one stays the form's */
	rc = store_visit_get(s->store, id, s->arena, &call->v, err);
	call->card = card;
out:
	return svc_end(s, rc, err);
}

int renewal_renew(struct svc *s, int64_t visit_id, const struct renewal_input *in,
		  struct renewal_call *call, struct renewal_result **results, size_t *n,
		  struct fd_error *err)
{
	*results = NULL;
	*n = 0;
	catalogue_card_named(s, NULL, NULL); /* a card linked here is one frontdesk knows */
	if (load_call(s, visit_id, in->card, call, err) ||
	    (in->once && claim(s, call, in->once, err)) ||
	    ask_catalogue(s, call, in->item, results, n, err))
		return -1;
	int renewed = 0, refused = 0;
	for (size_t i = 0; i < *n; i++) {
		if ((*results)[i].renewed)
			renewed++;
		else
			refused++;
	}
	return count(s, call, renewed, refused, err);
}
