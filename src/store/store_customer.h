/* Customers: their card, name and contact. */
#ifndef STORE_STORE_CUSTOMER_H
#define STORE_STORE_CUSTOMER_H
#include "store/store.h"

struct customer {
	int64_t id;
	const char *card, *name, *phone, *email, *card_status;
	int64_t registered_at;
};

int store_customer_insert(struct store *s, const struct customer *c, int64_t now, int64_t *id,
			  struct fd_error *err);
int store_customer_get(struct store *s, const char *card, struct arena *a, struct customer *out,
		       struct fd_error *err);

#endif
