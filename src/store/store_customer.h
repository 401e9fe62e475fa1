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
/* As store_customer_insert, but a card registered already (by another desk just now) is no
 * error: *added says whether this call added it. */
int store_customer_insert_new(struct store *s, const struct customer *c, int64_t now, bool *added,
			      struct fd_error *err);
int store_customer_get(struct store *s, const char *card, struct arena *a, struct customer *out,
		       struct fd_error *err);
int store_customer_get_id(struct store *s, int64_t id, struct arena *a, struct customer *out,
			  struct fd_error *err);

/* What a search is for, each part already lower case: up to three words that must each
 * begin a word of the name, the start of a card, digits of a phone number; "" for a part
 * not searched by. */
struct customer_query {
	const char *words[3], *card, *phone_digits;
};
#define CUSTOMER_SEARCH_MAX 20 /* the most customers one search returns */

/* The customers matching q by name, card or phone, by name; at most CUSTOMER_SEARCH_MAX. */
int store_customer_search(struct store *s, const struct customer_query *q, struct arena *a,
			  struct customer **out, size_t *n, struct fd_error *err);

#endif
