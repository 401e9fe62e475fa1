/* A customer's record reached from elsewhere (a visit, request, complaint or restriction
 * linked to it, or shown with it): each is a read written to the audit log (CS-CONFIDENTIAL).
 * customer.c and the services that link records both use it, so neither includes the other. */
#ifndef SERVICE_CUSTOMER_LINK_H
#define SERVICE_CUSTOMER_LINK_H

#include "base/input.h"
#include "service/svc.h"

/* A library card's number: 4 to 32 letters and digits, no punctuation. A card field of a use
 * case's table: name, required, and where it goes (an offsetof). */
#define INPUT_CARD_FIELD(name, required, where)                                                    \
	{                                                                                          \
		name, "Card number", INPUT_TOKEN, required, 4, 32, "", .offset = (where)           \
	}
/* Checks a card number that came without a table (a path's) by the card field's rule, naming
 * field. */
int customer_check_card(const char *field, const char *card, struct fd_error *err);

#define CUSTOMER_AUDIT_KIND "customer" /* a customer's entries in the audit log, keyed by card */

/* Inside a transaction: writes action (create, read, history, ...) on the customer with card
 * to the audit log, by s->actor. */
int customer_audit_append(struct svc *s, const char *action, const char *card,
			  struct fd_error *err);

/* Links a visit, request or complaint (why) to the customer with card: a read of the record,
 * so it needs the right and is audited (CS-CONFIDENTIAL). Inside the caller's transaction. */
int customer_link_in_tx(struct svc *s, const char *card, const char *why, int64_t *customer_id,
			struct fd_error *err);

/* Inside a transaction: a customer's record shown through another record (kind, id) is a
 * read of it, written to the audit log on the customer (CS-CONFIDENTIAL). */
int customer_read_via_in_tx(struct svc *s, const char *card, const char *kind, int64_t id,
			    struct fd_error *err);

#endif
