/* Complaints, and whom at Headquarters a substitute contacted about one (CS-DIFFICULT). */
#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/store_complaint.h"

static void complaint_from_row(struct db_row *row, struct arena *a, struct complaint *c)
{
	c->id = db_int(row, COMPLAINT_COL_ID);
	c->branch_id = db_int(row, COMPLAINT_COL_BRANCH_ID);
	c->branch_code = arena_strdup(a, db_text(row, COMPLAINT_COL_BRANCH_CODE));
	c->customer_card = arena_strdup(a, db_text(row, COMPLAINT_COL_CUSTOMER_CARD));
	c->customer_name = arena_strdup(a, db_text(row, COMPLAINT_COL_CUSTOMER_NAME));
	c->text = arena_strdup(a, db_text(row, COMPLAINT_COL_TEXT));
	c->policy_section = arena_strdup(a, db_text(row, COMPLAINT_COL_POLICY_SECTION));
	db_person(row, COMPLAINT_COL_TAKEN_BY_LOGIN, a, &c->taken_by);
	c->taken_at = db_int(row, COMPLAINT_COL_TAKEN_AT);
	c->hq_contact_required = db_int(row, COMPLAINT_COL_HQ_CONTACT_REQUIRED) != 0;
	c->manager_notified = db_int(row, COMPLAINT_COL_MANAGER_NOTIFIED) != 0;
	c->referred_director_at = db_int(row, COMPLAINT_COL_REFERRED_DIRECTOR_AT);
	c->resolution = arena_strdup(a, db_text(row, COMPLAINT_COL_RESOLUTION));
	c->resolved_at = db_int(row, COMPLAINT_COL_RESOLVED_AT);
	db_person(row, COMPLAINT_COL_HQ_CONTACT_LOGIN, a, &c->hq_contact);
	c->hq_contacted_at = db_int(row, COMPLAINT_COL_HQ_CONTACTED_AT);
	c->customer_id = db_int(row, COMPLAINT_COL_CUSTOMER_ID);
	c->feedback_score = (int)db_int(row, COMPLAINT_COL_FEEDBACK_SCORE);
	c->contact_name = arena_strdup(a, db_text(row, COMPLAINT_COL_CONTACT_NAME));
	c->contact = arena_strdup(a, db_text(row, COMPLAINT_COL_CONTACT));
}

static int one_complaint(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	complaint_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_complaint(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	complaint_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_complaint_insert(struct store *s, struct complaint *c, struct fd_error *err)
{
	return db_query(
		s, STMT_COMPLAINT_INSERT,
		DB_ARGS(DB_ARG_INT(c->branch_id), DB_ARG_REF(c->customer_id), DB_ARG_TEXT(c->text),
			DB_ARG_TEXT(c->policy_section ? c->policy_section : ""),
			DB_ARG_REF(c->taken_by_id), DB_ARG_INT(c->taken_at),
			DB_ARG_INT(c->hq_contact_required), DB_ARG_INT(c->manager_notified)),
		db_row_int, &c->id, NULL, err);
}

int store_complaint_get(struct store *s, int64_t id, struct arena *a, struct complaint *out,
			struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_COMPLAINT_GET, &arg, 1, one_complaint, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no complaint %lld", (long long)id);
}

int store_complaint_list(struct store *s, int64_t branch_id, struct arena *a,
			 struct complaint **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct complaint)};
	struct db_arg arg = DB_ARG_INT(branch_id);
	int rc = branch_id
			 ? db_query(s, STMT_COMPLAINT_LIST, &arg, 1, list_complaint, &l, NULL, err)
			 : db_query(s, STMT_COMPLAINT_LIST_REFERRED, NULL, 0, list_complaint, &l,
				    NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_complaint_list_customer(struct store *s, int64_t customer_id, struct arena *a,
				  struct complaint **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct complaint)};
	struct db_arg arg = DB_ARG_INT(customer_id);
	int rc = db_query(s, STMT_COMPLAINT_LIST_CUSTOMER, &arg, 1, list_complaint, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_complaint_update(struct store *s, const struct complaint *c, struct fd_error *err)
{
	return db_query(s, STMT_COMPLAINT_UPDATE,
			DB_ARGS(DB_ARG_INT(c->id), DB_ARG_REF(c->referred_director_at),
				DB_ARG_REF(c->referred_by), DB_ARG_TEXT(c->resolution),
				DB_ARG_REF(c->resolved_at)),
			NULL, NULL, NULL, err);
}

/* Who at Headquarters a substitute contacted about the complaint (CS-DIFFICULT). */
int store_complaint_hq_contact(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			       struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, STMT_COMPLAINT_HQ_CONTACT,
		     DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(staff_id), DB_ARG_INT(at)), NULL, NULL,
		     &rows, err))
		return -1;
	return rows == 1 ? 0 : fd_fail(err, FD_ENOTFOUND, "no such record");
}
