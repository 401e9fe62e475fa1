/* Shift handovers: what was passed on, to whom, with a note (service/handover.c). */
#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/store_handover.h"

int store_handover_insert(struct store *s, struct handover *h, struct fd_error *err)
{
	return db_query(s, STMT_HANDOVER_INSERT,
			DB_ARGS(DB_ARG_INT(h->branch_id), DB_ARG_INT(h->from_id),
				DB_ARG_REF(h->to_id), DB_ARG_TEXT(h->note), DB_ARG_INT(h->at),
				DB_ARG_INT(h->requests), DB_ARG_INT(h->callbacks),
				DB_ARG_INT(h->incidents)),
			db_row_int, &h->id, NULL, err);
}

static int list_handover(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct handover *h = row_list_push(l);
	h->id = db_int(row, HANDOVER_COL_ID);
	h->branch_code = arena_strdup(l->arena, db_text(row, HANDOVER_COL_BRANCH_CODE));
	db_person(row, HANDOVER_COL_FROM_LOGIN, l->arena, &h->from);
	h->note = arena_strdup(l->arena, db_text(row, HANDOVER_COL_NOTE));
	h->at = db_int(row, HANDOVER_COL_AT);
	h->requests = (int)db_int(row, HANDOVER_COL_REQUESTS);
	h->callbacks = (int)db_int(row, HANDOVER_COL_CALLBACKS);
	h->incidents = (int)db_int(row, HANDOVER_COL_INCIDENTS);
	return 0;
}

int store_handovers_to(struct store *s, int64_t staff_id, int64_t since, struct arena *a,
		       struct handover **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct handover)};
	int rc =
		db_query(s, STMT_HANDOVER_LIST_TO, DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_INT(since)),
			 list_handover, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
