/* Which branches lean on Headquarters now (see cover.h): worked out from who is on duty, as
 * every desk works out who is in charge, so the inbox and the desks never disagree. */
#include "service/cover.h"

#include "service/branch.h"
#include "service/duty.h"
#include "store/store_branch.h"

/* Fills c for branch b; *covered says whether Headquarters covers it now. */
static int cover_of(struct svc *s, const struct branch *b, struct cover *c, bool *covered,
		    struct fd_error *err)
{
	struct branch_view bv;
	struct in_charge_view ic;
	struct duty *rows;
	struct on_duty *on;
	size_t n;
	*covered = false;
	if (duty_in_charge_in_tx(s, b->id, &ic, err))
		return -1;
	if (!ic.must_contact_hq)
		return 0;
	if (duty_on_at_in_tx(s, b->id, 0, &rows, &on, &n, err) || branch_view_in_tx(s, b, &bv, err))
		return -1;
	/* A closed branch with nobody there needs nobody in charge. */
	if (!bv.open_now && n == 0)
		return 0;
	*c = (struct cover){b->code,
			    b->name,
			    b->phone && *b->phone ? b->phone : NULL,
			    ic.level,
			    ic.level == CHARGE_SUBSTITUTE && ic.staff ? ic.staff->name : NULL,
			    n,
			    bv.open_now};
	*covered = true;
	return 0;
}

int cover_list(struct svc *s, struct cover **out, size_t *n, struct fd_error *err)
{
	struct branch *b;
	size_t nb;
	*n = 0;
	if (svc_may(s, ACTION_HQ_REVIEW, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_list(s->store, s->arena, &b, &nb, err);
	if (!rc)
		*out = arena_alloc(s->arena, (nb ? nb : 1) * sizeof **out);
	for (size_t i = 0; !rc && i < nb; i++) {
		bool covered;
		if (b[i].headquarters)
			continue;
		rc = cover_of(s, &b[i], &(*out)[*n], &covered, err);
		*n += !rc && covered;
	}
	return svc_end(s, rc, err);
}
