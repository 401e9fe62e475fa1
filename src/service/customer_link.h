/* A customer's record reached from elsewhere (a visit, request, complaint or restriction
 * linked to it, or shown with it): each is a read written to the audit log (CS-CONFIDENTIAL).
 * customer.c and the services that link records both use it, so neither includes the other. */
#ifndef SERVICE_CUSTOMER_LINK_H
#define SERVICE_CUSTOMER_LINK_H

#include "service/svc.h"

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
