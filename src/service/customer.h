/* Customers (CS-CONFIDENTIAL): registering and looking up, every read and change audited. */
#ifndef SERVICE_CUSTOMER_H
#define SERVICE_CUSTOMER_H
#include <stddef.h>

#include "base/input.h"
#include "service/svc.h"
#include "store/store_audit.h"
#include "store/store_customer.h"

/* A new customer: card, name, and phone and email if given. */
extern const struct input_table customer_input_table;
int customer_add(struct svc *s, const struct customer *in, struct customer *out,
		 struct fd_error *err);
struct restriction_view;

/* Writes the read to the audit log in the same transaction: no unaudited read. *active and
 * *nactive (may be NULL) get the restrictions in force now: all the desk is shown of the
 * customer's past (CS-NOBIAS). */
int customer_get(struct svc *s, const char *card, struct customer *out,
		 struct restriction_view **active, size_t *nactive, struct fd_error *err);
/* Who read or changed a customer's record, oldest first. */
int customer_audit(struct svc *s, const char *card, struct audit_entry **out, size_t *n,
		   struct fd_error *err);

/* Who read or changed a request, complaint or incident (kind), oldest first. */
int audit_list(struct svc *s, const char *kind, int64_t key, struct audit_entry **out, size_t *n,
	       struct fd_error *err);

#endif
