/* The records printed documents are drawn from, each with its branch's letterhead. */
#include "service/printout.h"

#include <string.h>

#include "service/customer_link.h"
#include "store/store_branch.h"

static void head_of(struct svc *s, struct printout *head)
{
	head->library = s->config->library_name ? s->config->library_name : "Public Library";
	head->printed_at = s->now;
}

int incident_printout_get(struct svc *s, int64_t id, struct incident_printout *out,
			  struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (incident_get(s, id, &out->v, err))
		return -1;
	head_of(s, &out->head);
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get_by_id(s->store, out->v.i.branch_id, s->arena, &out->head.branch,
					err);
	return svc_end(s, rc, err);
}

/* The branch marked as Headquarters into hq (left zeroed when none is). */
static int headquarters(struct svc *s, struct branch *hq, struct fd_error *err)
{
	struct branch *b;
	size_t n;
	if (store_branch_list(s->store, s->arena, &b, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (b[i].headquarters)
			*hq = b[i];
	return 0;
}

int trespass_letter_get(struct svc *s, int64_t restriction_id, struct trespass_letter *out,
			struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (svc_may(s, ACTION_CUSTOMER_READ, err))
		return -1;
	head_of(s, &out->head);
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_restriction_get(s->store, restriction_id, s->arena, &out->r, err);
	if (!rc && vocab_from_name(&vocab_restriction_scope, out->r.scope) != RESTRICT_BUILDING)
		rc = fd_fail(err, FD_ECONFLICT,
			     "A trespass letter is for a ban from the building; this restriction "
			     "is not one.");
	if (!rc)
		rc = store_branch_get_by_id(s->store, out->r.branch_id, s->arena, &out->head.branch,
					    err);
	if (!rc)
		rc = headquarters(s, &out->hq, err);
	if (!rc)
		rc = customer_read_via_in_tx(s, out->r.customer_card, "trespass letter",
					     restriction_id, err);
	out->active = !out->r.lifted_at && (!out->r.ends_at || out->r.ends_at > s->now);
	return svc_end(s, rc, err);
}
