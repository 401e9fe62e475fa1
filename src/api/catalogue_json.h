/* A customer's account in the library's catalogue as the JSON API gives it: the "catalogue"
 * object of GET /api/v1/customers/{card} (docs/api.md). */
#ifndef API_CATALOGUE_JSON_H
#define API_CATALOGUE_JSON_H
#include <jansson.h>

#include "service/catalogue.h"

/* {"state":"answered","known":true,"name",...} for an account, in its JSON words. */
json_t *json_catalogue_account(const struct catalogue_account *a);
/* What the lookup of card gave: the account, {"state":"answered","known":false} for a card the
 * catalogue does not know, {"state":"not_answering","message"} or {"state":"off"}; a refusal
 * of the right (FD_EFORBID) is returned as -1 with err set. */
int json_catalogue_lookup(struct svc *s, const char *card, json_t **out, struct fd_error *err);

#endif
