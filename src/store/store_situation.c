/* Difficult situations, the judgement calls made about them, and whom at Headquarters a
 * substitute contacted about one (CS-DIFFICULT). */
#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/store_situation.h"

static void situation_from_row(struct db_row *row, struct arena *a, struct situation *x)
{
	x->id = db_int(row, SITUATION_COL_ID);
	x->branch_id = db_int(row, SITUATION_COL_BRANCH_ID);
	x->branch_code = arena_strdup(a, db_text(row, SITUATION_COL_BRANCH_CODE));
	x->text = arena_strdup(a, db_text(row, SITUATION_COL_TEXT));
	x->private_area = db_int(row, SITUATION_COL_PRIVATE_AREA) != 0;
	db_person(row, SITUATION_COL_WITNESS_LOGIN, a, &x->witness);
	x->in_charge_included = db_int(row, SITUATION_COL_IN_CHARGE_INCLUDED) != 0;
	db_person(row, SITUATION_COL_RECORDED_BY_LOGIN, a, &x->recorded_by);
	x->recorded_at = db_int(row, SITUATION_COL_RECORDED_AT);
	x->flagged = db_int(row, SITUATION_COL_FLAGGED) != 0;
	x->hq_contact_required = db_int(row, SITUATION_COL_HQ_CONTACT_REQUIRED) != 0;
	x->manager_notified = db_int(row, SITUATION_COL_MANAGER_NOTIFIED) != 0;
	db_person(row, SITUATION_COL_HQ_CONTACT_LOGIN, a, &x->hq_contact);
	x->hq_contacted_at = db_int(row, SITUATION_COL_HQ_CONTACTED_AT);
}

static int one_situation(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	situation_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_situation(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	situation_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_situation_insert(struct store *s, struct situation *x, struct fd_error *err)
{
	return db_query(s, STMT_SITUATION_INSERT,
			DB_ARGS(DB_ARG_INT(x->branch_id), DB_ARG_TEXT(x->text),
				DB_ARG_INT(x->private_area), DB_ARG_REF(x->witness_id),
				DB_ARG_INT(x->in_charge_included), DB_ARG_REF(x->recorded_by_id),
				DB_ARG_INT(x->recorded_at), DB_ARG_INT(x->flagged),
				DB_ARG_INT(x->hq_contact_required),
				DB_ARG_INT(x->manager_notified)),
			db_row_int, &x->id, NULL, err);
}

int store_situation_get(struct store *s, int64_t id, struct arena *a, struct situation *out,
			struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_SITUATION_GET, &arg, 1, one_situation, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no situation %lld", (long long)id);
}

int store_situation_list(struct store *s, int64_t branch_id, bool flagged_only, struct arena *a,
			 struct situation **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct situation)};
	int rc = db_query(s, STMT_SITUATION_LIST,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_INT(flagged_only)), list_situation,
			  &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

static void judgement_from_row(struct db_row *row, struct arena *a, struct judgement *j)
{
	j->id = db_int(row, JUDGEMENT_COL_ID);
	j->branch_id = db_int(row, JUDGEMENT_COL_BRANCH_ID);
	j->branch_code = arena_strdup(a, db_text(row, JUDGEMENT_COL_BRANCH_CODE));
	j->situation = arena_strdup(a, db_text(row, JUDGEMENT_COL_SITUATION));
	j->decision = arena_strdup(a, db_text(row, JUDGEMENT_COL_DECISION));
	j->hq_reachable = db_int(row, JUDGEMENT_COL_HQ_REACHABLE) != 0;
	db_person(row, JUDGEMENT_COL_DECIDED_BY_LOGIN, a, &j->decided_by);
	j->decided_at = db_int(row, JUDGEMENT_COL_DECIDED_AT);
	db_person(row, JUDGEMENT_COL_ACKNOWLEDGED_BY_LOGIN, a, &j->acknowledged_by);
	j->acknowledged_at = db_int(row, JUDGEMENT_COL_ACKNOWLEDGED_AT);
	j->by_phone = db_int(row, JUDGEMENT_COL_BY_PHONE) != 0;
	j->manager_unreachable = db_int(row, JUDGEMENT_COL_MANAGER_UNREACHABLE) != 0;
}

static int one_judgement(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	judgement_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_judgement(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	judgement_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_judgement_insert(struct store *s, struct judgement *j, struct fd_error *err)
{
	return db_query(s, STMT_JUDGEMENT_INSERT,
			DB_ARGS(DB_ARG_INT(j->branch_id), DB_ARG_TEXT(j->situation),
				DB_ARG_TEXT(j->decision), DB_ARG_INT(j->hq_reachable),
				DB_ARG_REF(j->decided_by_id), DB_ARG_INT(j->decided_at),
				DB_ARG_INT(j->by_phone), DB_ARG_INT(j->manager_unreachable)),
			db_row_int, &j->id, NULL, err);
}

int store_judgement_get(struct store *s, int64_t id, struct arena *a, struct judgement *out,
			struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_JUDGEMENT_GET, &arg, 1, one_judgement, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no judgement call %lld", (long long)id);
}

int store_judgement_list_open(struct store *s, struct arena *a, struct judgement **out, size_t *n,
			      struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct judgement)};
	int rc = db_query(s, STMT_JUDGEMENT_LIST_OPEN, NULL, 0, list_judgement, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_judgement_ack(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, STMT_JUDGEMENT_ACK,
		     DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(staff_id), DB_ARG_INT(at)), NULL, NULL,
		     &rows, err))
		return -1;
	return rows == 1 ? 0
			 : fd_fail(err, FD_ECONFLICT,
				   "that judgement call was acknowledged "
				   "already");
}

/* Who at Headquarters a substitute contacted about the situation (CS-DIFFICULT). */
int store_situation_hq_contact(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			       struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, STMT_SITUATION_HQ_CONTACT,
		     DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(staff_id), DB_ARG_INT(at)), NULL, NULL,
		     &rows, err))
		return -1;
	return rows == 1 ? 0 : fd_fail(err, FD_ENOTFOUND, "no such record");
}
