/* The people a form may name, read from the store by branch and filtered by the policy's
 * roles, so a picker offers only those the use case behind the form would accept. */
#include "service/people.h"

#include <stdbool.h>

#include "policy/role.h"
#include "store/store_branch.h"

/* Headquarters' phone: the phone of the branch marked as headquarters, if it has one. */
static int hq_phone(struct svc *s, const char **out, struct fd_error *err)
{
	struct branch *b;
	size_t n;
	*out = NULL;
	if (store_branch_list(s->store, s->arena, &b, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (b[i].headquarters && b[i].phone && *b[i].phone)
			*out = b[i].phone;
	return 0;
}

int people_hq_phone(struct svc *s, const char **out, struct fd_error *err)
{
	*out = NULL;
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, hq_phone(s, out, err), err);
}

int people_headquarters(struct svc *s, struct people *out, struct fd_error *err)
{
	struct staff *all;
	size_t nall;
	out->n = 0;
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_staff_active(s->store, 0, s->arena, &all, &nall, err);
	if (!rc) {
		out->staff = all;
		for (size_t i = 0; i < nall; i++)
			if (role_is_headquarters(all[i].role))
				out->staff[out->n++] = all[i];
		rc = hq_phone(s, &out->phone, err);
	}
	return svc_end(s, rc, err);
}

/* CS-PRIVATE: another person than the one recording, of a role that may witness. */
static bool may_witness(const struct svc *s, const struct staff *st)
{
	return st->active && role_may_witness(st->role) && (!s->actor || st->id != s->actor->id);
}

int people_witnesses(struct svc *s, const char *branch, struct people *out, struct fd_error *err)
{
	struct branch b;
	struct duty *d;
	size_t nd;
	out->n = 0;
	out->phone = NULL;
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, branch, s->arena, &b, err);
	if (!rc)
		rc = store_duty_list(s->store, b.id, s->arena, &d, &nd, err);
	if (!rc) {
		/* The branch's own people first: those the worker most likely means. */
		out->staff = arena_alloc(s->arena, (nd ? nd : 1) * sizeof *out->staff);
		for (int own = 1; own >= 0; own--)
			for (size_t i = 0; i < nd; i++)
				if ((d[i].staff.branch_id == b.id) == own &&
				    may_witness(s, &d[i].staff))
					out->staff[out->n++] = d[i].staff;
	}
	return svc_end(s, rc, err);
}
