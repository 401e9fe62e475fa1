/* Reads of a customer's record through another record, each written to the audit log on the
 * customer (CS-CONFIDENTIAL). */
#include "service/customer_link.h"

#include <stdio.h>
#include <string.h>

#include "store/store_audit.h"
#include "store/store_customer.h"

int customer_audit_append(struct svc *s, const char *action, const char *card, struct fd_error *err)
{
	return store_audit_append(s->store, s->actor ? s->actor->id : 0, s->client, action,
				  CUSTOMER_AUDIT_KIND, card, s->now, err);
}

int customer_check_card(const char *field, const char *card, struct fd_error *err)
{
	const struct input_field f = INPUT_CARD_FIELD(field, true, 0);
	const char *value;
	return input_set(&f, field, card ? card : "", &value, err);
}

/* A card frontdesk does not know, named by the catalogue before the transaction began
 * (catalogue_card_ask), is registered on the spot with what a hand entry keeps: the card and
 * the name (as the catalogue gives it: no guess at names), no phone or email. registered_at is
 * 0: they are card holders of the library, not new to it (CS-NEWCUST offers no tour), and
 * when they registered is the catalogue's to say. Another desk may have registered it a moment ago (both missed
 * it): that customer is linked, not refused. err holds the lookup's "not found" until then. */
static int from_catalogue(struct svc *s, const char *card, struct customer *c, struct fd_error *err)
{
	if (err->code != FD_ENOTFOUND)
		return -1;
	/* Still not found (404, as a card neither knows), but not said to be nobody's. */
	if (s->catalogue_silent_card && strcmp(s->catalogue_silent_card, card) == 0)
		return fd_fail(err, FD_ENOTFOUND,
			       "frontdesk has no customer with that card, and the library "
			       "catalogue is not answering to say whether it knows it");
	if (!s->catalogue_card || strcmp(s->catalogue_card, card))
		return -1;
	struct customer in = {.card = card, .name = s->catalogue_name, .phone = "", .email = ""};
	bool added;
	fd_error_clear(err);
	if (store_customer_insert_new(s->store, &in, 0, &added, err) ||
	    (added && customer_audit_append(s, "create from the catalogue", card, err)))
		return -1;
	return store_customer_get(s->store, card, s->arena, c, err);
}

int customer_link_in_tx(struct svc *s, const char *card, const char *why, int64_t *customer_id,
			struct fd_error *err)
{
	struct customer c;
	if (svc_may(s, ACTION_CUSTOMER_READ, err) ||
	    customer_check_card("customer_card", card, err))
		return -1;
	if (store_customer_get(s->store, card, s->arena, &c, err) &&
	    from_catalogue(s, card, &c, err)) {
		snprintf(err->field, sizeof err->field, "customer_card");
		return -1;
	}
	*customer_id = c.id;
	return customer_audit_append(s, why, card, err);
}

int customer_read_via_in_tx(struct svc *s, const char *card, const char *kind, int64_t id,
			    struct fd_error *err)
{
	if (!card || !s->actor)
		return 0;
	return customer_audit_append(
		s, arena_printf(s->arena, "read via %s %lld", kind, (long long)id), card, err);
}
