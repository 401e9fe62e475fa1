/* The counts behind the header's "Needs you" badge: one statement for every kind, so a page
 * view pays one read for its header rather than every list /needs shows. */
#include "store/store_needs.h"

#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"

static int tally_row(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	int64_t what = db_int(row, NEED_TALLY_COL_WHAT), n = db_int(row, NEED_TALLY_COL_N);
	if (what < 0 || what >= TALLY__MAX || n == 0)
		return 0; /* a count of none needs no row */
	struct need_tally_row *t = row_list_push(l);
	t->what = (enum need_tally)what;
	t->branch_id = db_int(row, NEED_TALLY_COL_BRANCH_ID);
	t->n = n;
	return 0;
}

int store_needs_tally(struct store *s, const struct need_tally_ask *q, struct arena *a,
		      struct need_tally_row **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct need_tally_row)};
	int rc = db_query(s, STMT_NEEDS_TALLY,
			  DB_ARGS(DB_ARG_INT(q->staff_id), DB_ARG_INT(q->handed_since),
				  DB_ARG_INT(q->duty_branch_id), DB_ARG_INT(q->now),
				  DB_ARG_INT(q->headquarters ? 1 : 0)),
			  tally_row, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
