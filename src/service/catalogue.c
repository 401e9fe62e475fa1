/* The card lookup at the desk: a customer's account read from the library's catalogue within
 * one deadline, audited on the customer and never stored (CS-CONFIDENTIAL: keep least). */
#include "service/catalogue.h"

#include <string.h>

#include "base/clock.h"
#include "service/customer_link.h"
#include "store/store_customer.h"

static const char *const block_names[ILS_BLOCK__MAX] = {
	[ILS_BLOCK_CHARGE] = "charge_denied",
	[ILS_BLOCK_RENEWAL] = "renewal_denied",
	[ILS_BLOCK_RECALL] = "recall_denied",
	[ILS_BLOCK_HOLD] = "hold_denied",
	[ILS_BLOCK_CARD_LOST] = "card_lost",
	[ILS_BLOCK_TOO_MANY_CHARGED] = "too_many_charged",
	[ILS_BLOCK_TOO_MANY_OVERDUE] = "too_many_overdue",
	[ILS_BLOCK_TOO_MANY_RENEWALS] = "too_many_renewals",
	[ILS_BLOCK_TOO_MANY_CLAIMS] = "too_many_claims_returned",
	[ILS_BLOCK_TOO_MANY_LOST] = "too_many_lost",
	[ILS_BLOCK_EXCESSIVE_FINES] = "excessive_fines",
	[ILS_BLOCK_EXCESSIVE_FEES] = "excessive_fees",
	[ILS_BLOCK_RECALL_OVERDUE] = "recall_overdue",
	[ILS_BLOCK_TOO_MANY_BILLED] = "too_many_billed",
};

const char *catalogue_block_name(enum ils_block b)
{
	return b < ILS_BLOCK__MAX ? block_names[b] : "unknown";
}

bool catalogue_configured(const struct svc *s)
{
	return s->ils != NULL;
}

static bool listed(char **ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

/* Each id's title and due date while time remains; an item the deadline (or a refusal) leaves
 * without them keeps its id alone, and the account says it is partial. */
static void item_details(struct svc *s, char **ids, size_t n, int64_t deadline_ms,
			 struct ils_item *out, bool *partial)
{
	for (size_t i = 0; i < n; i++) {
		struct fd_error ignored = {0};
		if (clock_ms() >= deadline_ms ||
		    ils_item(s->ils, s->arena, ids[i], deadline_ms, &out[i], &ignored)) {
			out[i] = (struct ils_item){.id = ids[i], .hold_queue = -1};
			*partial = true;
		} else if (!out[i].id) {
			out[i].id = ids[i];
		}
	}
}

/* The lists beside the charged one: holds ready and overdue. One the deadline cuts off is
 * left empty, and the account partial. */
static void other_list(struct svc *s, const char *card, enum ils_list list, int64_t deadline_ms,
		       struct ils_patron *out, bool *partial)
{
	struct fd_error ignored = {0};
	memset(out, 0, sizeof *out);
	if (clock_ms() >= deadline_ms ||
	    ils_patron(s->ils, s->arena, card, list, deadline_ms, out, &ignored)) {
		memset(out, 0, sizeof *out);
		*partial = true;
	}
}

/* Asks the catalogue; no transaction is open meanwhile. */
static int ask(struct svc *s, const char *card, struct catalogue_account *out, struct fd_error *err)
{
	int64_t deadline_ms = ils_deadline(s->ils);
	struct ils_patron holds, overdue;
	memset(out, 0, sizeof *out);
	if (ils_patron(s->ils, s->arena, card, ILS_LIST_CHARGED, deadline_ms, &out->patron, err))
		return -1;
	if (!out->patron.known)
		return fd_fail(err, FD_ENOTFOUND, "The library catalogue has no card %s.", card);
	other_list(s, card, ILS_LIST_HOLDS, deadline_ms, &holds, &out->partial);
	other_list(s, card, ILS_LIST_OVERDUE, deadline_ms, &overdue, &out->partial);
	out->nitems_out = out->patron.nitems;
	out->items_out = arena_alloc(s->arena, (out->nitems_out + 1) * sizeof *out->items_out);
	out->overdue = arena_alloc(s->arena, (out->nitems_out + 1) * sizeof *out->overdue);
	item_details(s, out->patron.items, out->nitems_out, deadline_ms, out->items_out,
		     &out->partial);
	for (size_t i = 0; i < out->nitems_out; i++) {
		const struct ils_item *it = &out->items_out[i];
		out->overdue[i] = listed(overdue.items, overdue.nitems, it->id) ||
				  (it->due_at && it->due_at < s->now);
	}
	out->nholds_ready = holds.nitems;
	out->holds_ready = arena_alloc(s->arena, (holds.nitems + 1) * sizeof *out->holds_ready);
	item_details(s, holds.items, holds.nitems, deadline_ms, out->holds_ready, &out->partial);
	return 0;
}

int catalogue_account(struct svc *s, const char *card, struct catalogue_account *out,
		      struct fd_error *err)
{
	if (svc_may(s, ACTION_CUSTOMER_READ, err))
		return -1;
	if (customer_check_card("card", card, err)) {
		fd_error_clear(err);
		return fd_fail(err, FD_ENOTFOUND, "no customer with that card");
	}
	if (!s->ils)
		return fd_fail(err, FD_EUNAVAILABLE, "No library catalogue is set up here.");
	/* Only an answer that showed something is a read: a lookup that failed, or found no such
	 * card, disclosed nothing and is not audited. */
	if (ask(s, card, out, err) || svc_begin(s, true, err))
		return -1;
	/* "catalogue", not "read": the audit log's readers tell a look at the customer's
	 * account in the catalogue from a read of frontdesk's own record. */
	return svc_end(s, customer_audit_append(s, "catalogue", card, err), err);
}

void catalogue_card_ask(struct svc *s, const char *card)
{
	struct fd_error err = {0};
	struct customer c;
	struct ils_patron p;
	s->catalogue_card = s->catalogue_name = s->catalogue_silent_card = NULL;
	if (!s->ils || !card || customer_check_card("customer_card", card, &err) ||
	    svc_may(s, ACTION_CUSTOMER_CREATE, &err) || svc_begin(s, false, &err))
		return;
	int rc = store_customer_get(s->store, card, s->arena, &c, &err);
	bool unknown = rc && err.code == FD_ENOTFOUND;
	svc_end(s, 0, &err);
	if (!unknown)
		return;
	/* Patron Status (23) is enough for a name, and the quickest of the messages. */
	if (ils_patron_status(s->ils, s->arena, card, ils_deadline(s->ils), &p, &err)) {
		if (err.code == FD_EUNAVAILABLE)
			s->catalogue_silent_card = arena_strdup(s->arena, card);
		return;
	}
	if (p.known)
		catalogue_card_named(s, card, p.name);
}

void catalogue_card_named(struct svc *s, const char *card, const char *name)
{
	struct fd_error err = {0};
	s->catalogue_card = s->catalogue_name = NULL;
	if (!card || !name || svc_may(s, ACTION_CUSTOMER_CREATE, &err) ||
	    svc_check_text("name", name, 1, 100, &err))
		return;
	s->catalogue_card = arena_strdup(s->arena, card);
	s->catalogue_name = name;
}
