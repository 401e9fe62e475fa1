/* Customer use cases. Nothing about a customer beyond card, name and contact is kept
 * (CS-EQUAL: nothing that could rank them). */
#include "service/customer.h"

#include <stdio.h>
#include <string.h>

#include "service/customer_link.h"
#include "service/restriction.h"
#include "store/store_branch.h"

#define IN(member) .offset = offsetof(struct customer, member)
static const struct input_field customer_fields[] = {
	INPUT_CARD_FIELD("card", true, offsetof(struct customer, card)),
	{"name", "Name", INPUT_TEXT, true, 1, 100, IN(name)},
	{"phone", "Phone", INPUT_PHONE, false, IN(phone)},
	{"email", "Email", INPUT_EMAIL, false, IN(email)},
};
const struct input_table customer_input_table = INPUT_TABLE(customer_fields);

/* in was read through customer_input_table. */
int customer_add(struct svc *s, const struct customer *in, struct customer *out,
		 struct fd_error *err)
{
	int64_t id;
	if (svc_may(s, ACTION_CUSTOMER_CREATE, err))
		return -1;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_customer_insert(s->store, in, s->now, &id, err)) == 0 &&
	    (rc = customer_audit_append(s, "create", in->card, err)) == 0)
		rc = store_customer_get(s->store, in->card, s->arena, out, err);
	return svc_end(s, rc, err);
}

int customer_get(struct svc *s, const char *card, struct customer *out,
		 struct restriction_view **active, size_t *nactive, struct fd_error *err)
{
	if (svc_may(s, ACTION_CUSTOMER_READ, err))
		return -1;
	/* A card that cannot exist is simply not found: no hint about the format is given. */
	if (customer_check_card("card", card, err)) {
		fd_error_clear(err);
		return fd_fail(err, FD_ENOTFOUND, "no customer with that card");
	}
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_customer_get(s->store, card, s->arena, out, err)) == 0)
		rc = customer_audit_append(s, "read", card, err);
	if (!rc && active)
		rc = restriction_active_in_tx(s, out->id, active, nactive, err);
	return svc_end(s, rc, err);
}

/* CS-SCOPE: outside Headquarters, the entries made by the people of one's own branch. */
static void only_my_branches(const struct svc *s, struct audit_entry *e, size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (svc_reaches(s, e[i].staff_branch_id))
			e[k++] = e[i];
	*n = k;
}

int customer_audit(struct svc *s, const char *card, struct audit_entry **out, size_t *n,
		   struct fd_error *err)
{
	if (svc_may(s, ACTION_AUDIT_READ, err) || customer_check_card("card", card, err))
		return -1;
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_audit_list(s->store, CUSTOMER_AUDIT_KIND, card, s->arena, out, n, err);
	if (!rc)
		only_my_branches(s, *out, n);
	return svc_end(s, rc, err);
}

int audit_list(struct svc *s, const char *kind, int64_t key, struct audit_entry **out, size_t *n,
	       struct fd_error *err)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)key);
	static const struct {
		const char *kind;
		enum record_kind record;
	} records[] = {{"request", RECORD_REQUEST},
		       {"complaint", RECORD_COMPLAINT},
		       {"incident", RECORD_INCIDENT}};
	int64_t branch_id = 0;
	if (svc_may(s, ACTION_AUDIT_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = 0;
	/* The record's branch decides who may read its audit entries (CS-SCOPE). */
	for (size_t i = 0; i < sizeof records / sizeof *records && !rc; i++)
		if (strcmp(kind, records[i].kind) == 0 &&
		    (rc = store_record_branch(s->store, records[i].record, id, &branch_id, err)) ==
			    0)
			rc = svc_may_at(s, ACTION_AUDIT_READ, branch_id, err);
	if (!rc)
		rc = store_audit_list(s->store, kind, id, s->arena, out, n, err);
	return svc_end(s, rc, err);
}
