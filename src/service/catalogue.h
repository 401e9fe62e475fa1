/* A customer's account in the library's catalogue, read over SIP2 for the desk: shown to whom
 * may read customers, audited like any read of a customer, and never stored (CS-CONFIDENTIAL). */
#ifndef SERVICE_CATALOGUE_H
#define SERVICE_CATALOGUE_H
#include <stdbool.h>
#include <stddef.h>

#include "ils/ils.h"
#include "service/svc.h"

struct catalogue_account {
	struct ils_patron patron;   /* name, blocks, fines, the counts */
	struct ils_item *items_out; /* charged, each with its title and due date */
	size_t nitems_out;
	bool *overdue;		      /* per items_out */
	struct ils_item *holds_ready; /* waiting to be picked up */
	size_t nholds_ready;
	bool partial; /* the deadline came before every item's details: some show their id only */
};

/* The account of card, within the desk's deadline ([ils] timeout_ms, 2 s): FD_EFORBID for
 * whom may not read customers, FD_ENOTFOUND when the catalogue does not know the card,
 * FD_EUNAVAILABLE "The library catalogue is not answering" when it is slow or down, and no
 * ILS configured says so too. The read is written to the audit log on the customer. Results in
 * s->arena. */
int catalogue_account(struct svc *s, const char *card, struct catalogue_account *out,
		      struct fd_error *err);

/* Is a catalogue configured? Without one nothing asks it, and pages say nothing of it. */
bool catalogue_configured(const struct svc *s);
/* A patron status flag's name in the JSON API ("card_lost", "excessive_fines"). */
const char *catalogue_block_name(enum ils_block b);

/* Before a use case that links a card (a visit, request or complaint) opens its transaction,
 * since asking the catalogue must not hold the database: when frontdesk has no customer with
 * card and the catalogue knows it, keeps the card and the catalogue's name in s, and the link
 * registers the customer with them (customer_link_in_tx). Never fails: without an answer the
 * link goes on as without a catalogue. */
void catalogue_card_ask(struct svc *s, const char *card);
/* The same when the catalogue's answer is in hand already (the renewal call's account): the
 * card and name kept in s for the link to register, when the reader may register customers and
 * the name is one frontdesk keeps; else nothing is kept and the link registers nobody. */
void catalogue_card_named(struct svc *s, const char *card, const char *name);

#endif
