/* Finding a customer by name, card or phone, as the desk types: each customer shown is a
 * read of their record, written to the audit log (CS-CONFIDENTIAL). */
#ifndef SERVICE_CUSTOMER_SEARCH_H
#define SERVICE_CUSTOMER_SEARCH_H
#include <stddef.h>

#include "service/svc.h"
#include "store/store_customer.h"

#define CUSTOMER_QUERY_MAX 100 /* the longest search text, in bytes */

/* The computer-use and building bans in force at every branch, for ban_of_customer(). */
struct restriction;
struct customer_bans {
	struct restriction *list;
	size_t n;
};

/* The customers whose name has words beginning with the words of text, whose card begins
 * with it, or whose phone number has its digits (at least three); by name, at most
 * CUSTOMER_SEARCH_MAX, from s's arena, with the bans in force (*bans). Text that is blank is
 * refused naming the field q. */
int customer_search(struct svc *s, const char *text, struct customer **out, size_t *n,
		    struct customer_bans *bans, struct fd_error *err);

/* As customer_get, by the customer's id (the page's address, which keeps the card out of
 * the address bar and the logs). */
struct restriction_view;
int customer_get_id(struct svc *s, int64_t id, struct customer *out,
		    struct restriction_view **active, size_t *nactive, struct fd_error *err);

#endif
