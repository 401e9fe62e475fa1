/* Incident reports, the people in them, their addenda and attachments, and the warning that
 * one falls due. */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_incident.h"

/* Columns as INCIDENT_COLUMNS (columns.h). */
static void incident_from_row(struct db_row *row, struct arena *a, struct incident *i)
{
	i->id = db_int(row, INCIDENT_COL_ID);
	i->branch_id = db_int(row, INCIDENT_COL_BRANCH_ID);
	i->branch_code = arena_strdup(a, db_text(row, INCIDENT_COL_BRANCH_CODE));
	i->branch_name = arena_strdup(a, db_text(row, INCIDENT_COL_BRANCH_NAME));
	i->occurred_at = db_int(row, INCIDENT_COL_OCCURRED_AT);
	i->due_at = db_int(row, INCIDENT_COL_DUE_AT);
	int cat = vocab_from_name(&vocab_incident_category, db_text(row, INCIDENT_COL_CATEGORY));
	i->category = cat < 0 ? INCIDENT_OTHER : (enum incident_category)cat;
	i->narrative = arena_strdup(a, db_text(row, INCIDENT_COL_NARRATIVE));
	i->actions_taken = arena_strdup(a, db_text(row, INCIDENT_COL_ACTIONS_TAKEN));
	i->police_called = db_int(row, INCIDENT_COL_POLICE_CALLED) != 0;
	db_person(row, INCIDENT_COL_REPORTED_BY_LOGIN, a, &i->reported_by);
	i->created_at = db_int(row, INCIDENT_COL_CREATED_AT);
	i->hq_notified_at = db_int(row, INCIDENT_COL_HQ_NOTIFIED_AT);
	db_person(row, INCIDENT_COL_HQ_TAKEN_BY_LOGIN, a, &i->hq_taken_by);
	i->business_manager_contacted_at = db_int(row, INCIDENT_COL_BUSINESS_MANAGER_CONTACTED_AT);
	i->signed_at = db_int(row, INCIDENT_COL_SIGNED_AT);
	db_person(row, INCIDENT_COL_SIGNED_BY_LOGIN, a, &i->signed_by);
	i->signed_name = arena_strdup(a, db_text(row, INCIDENT_COL_SIGNED_NAME));
	i->signature = arena_strdup(a, db_text(row, INCIDENT_COL_SIGNATURE));
	i->reported_by_id = db_int(row, INCIDENT_COL_REPORTED_BY_ID);
	i->hq_taken_by_id = db_int(row, INCIDENT_COL_HQ_TAKEN_BY_ID);
	i->signed_by_id = db_int(row, INCIDENT_COL_SIGNED_BY_ID);
	i->holder_id = db_int(row, INCIDENT_COL_HOLDER_ID);
	i->signed_text = arena_strdup(a, db_text(row, INCIDENT_COL_SIGNED_TEXT));
	i->discovered_at = db_int(row, INCIDENT_COL_DISCOVERED_AT);
	i->location = arena_strdup(a, db_text(row, INCIDENT_COL_LOCATION));
	i->police_report_number = arena_strdup(a, db_text(row, INCIDENT_COL_POLICE_REPORT_NUMBER));
	i->police_officer = arena_strdup(a, db_text(row, INCIDENT_COL_POLICE_OFFICER));
}

static int one_incident(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	incident_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_incident(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	incident_from_row(row, l->arena, row_list_push(l));
	return 0;
}

/* A report that is signed already changes no more: a change made from a copy read before the
 * signing finds no draft to change. */
static int signed_already(struct fd_error *err)
{
	return fd_fail(err, FD_ECONFLICT,
		       "the report is signed: it can no longer change; add an addendum instead");
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static int insert_people(struct store *s, const struct incident *i, struct fd_error *err)
{
	for (size_t k = 0; k < i->npeople; k++) {
		const struct incident_person *p = &i->people[k];
		int64_t rows = 0;
		if (db_query(s, STMT_INCIDENT_PERSON_INSERT,
			     DB_ARGS(DB_ARG_INT(i->id), DB_ARG_TEXT(p->name), DB_ARG_TEXT(p->kind),
				     DB_ARG_TEXT(or_empty(p->part)),
				     DB_ARG_TEXT(or_empty(p->injuries)), DB_ARG_REF(p->customer_id),
				     DB_ARG_TEXT(or_empty(p->description)),
				     DB_ARG_TEXT(or_empty(p->care)),
				     DB_ARG_TEXT(or_empty(p->contact))),
			     NULL, NULL, &rows, err))
			return -1;
		if (rows != 1)
			return signed_already(err);
	}
	return 0;
}

int store_incident_insert(struct store *s, struct incident *i, struct fd_error *err)
{
	if (db_query(s, STMT_INCIDENT_INSERT,
		     DB_ARGS(DB_ARG_INT(i->branch_id), DB_ARG_INT(i->occurred_at),
			     DB_ARG_INT(i->due_at),
			     DB_ARG_TEXT(incident_category_name(i->category)),
			     DB_ARG_TEXT(i->narrative ? i->narrative : ""),
			     DB_ARG_TEXT(i->actions_taken ? i->actions_taken : ""),
			     DB_ARG_INT(i->police_called), DB_ARG_REF(i->reported_by_id),
			     DB_ARG_INT(i->created_at), DB_ARG_REF(i->discovered_at),
			     DB_ARG_TEXT(or_empty(i->location)),
			     DB_ARG_TEXT(or_empty(i->police_report_number)),
			     DB_ARG_TEXT(or_empty(i->police_officer))),
		     db_row_int, &i->id, NULL, err))
		return -1;
	return insert_people(s, i, err);
}

static int list_person(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct incident_person *p = row_list_push(l);
	p->name = arena_strdup(l->arena, db_text(row, PERSON_COL_NAME));
	p->kind = arena_strdup(l->arena, db_text(row, PERSON_COL_KIND));
	p->part = arena_strdup(l->arena, db_text(row, PERSON_COL_PART));
	p->injuries = arena_strdup(l->arena, db_text(row, PERSON_COL_INJURIES));
	p->customer_id = db_int(row, PERSON_COL_CUSTOMER_ID);
	p->description = arena_strdup(l->arena, db_text(row, PERSON_COL_DESCRIPTION));
	p->care = arena_strdup(l->arena, db_text(row, PERSON_COL_CARE));
	p->contact = arena_strdup(l->arena, db_text(row, PERSON_COL_CONTACT));
	return 0;
}

static int list_addendum(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct addendum *ad = row_list_push(l);
	ad->id = db_int(row, ADDENDUM_COL_ID);
	ad->text = arena_strdup(l->arena, db_text(row, ADDENDUM_COL_TEXT));
	ad->signed_at = db_int(row, ADDENDUM_COL_SIGNED_AT);
	ad->signed_by_login = arena_strdup(l->arena, db_text(row, ADDENDUM_COL_SIGNED_BY_LOGIN));
	ad->signed_name = arena_strdup(l->arena, db_text(row, ADDENDUM_COL_SIGNED_NAME));
	ad->signature = arena_strdup(l->arena, db_text(row, ADDENDUM_COL_SIGNATURE));
	ad->signed_text = arena_strdup(l->arena, db_text(row, ADDENDUM_COL_SIGNED_TEXT));
	return 0;
}

int store_incident_get(struct store *s, int64_t id, struct arena *a, struct incident *out,
		       struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	struct row_list people = {.arena = a, .size = sizeof(struct incident_person)};
	struct row_list addenda = {.arena = a, .size = sizeof(struct addendum)};
	if (db_query(s, STMT_INCIDENT_GET, &arg, 1, one_incident, &o, NULL, err))
		return -1;
	if (!o.found)
		return fd_fail(err, FD_ENOTFOUND, "no incident %lld", (long long)id);
	if (db_query(s, STMT_INCIDENT_PERSON_LIST, &arg, 1, list_person, &people, NULL, err) ||
	    db_query(s, STMT_INCIDENT_ADDENDUM_LIST, &arg, 1, list_addendum, &addenda, NULL, err))
		return -1;
	out->people = people.items;
	out->npeople = people.n;
	out->addenda = addenda.items;
	out->naddenda = addenda.n;
	return 0;
}

int store_incident_update(struct store *s, const struct incident *i, bool replace_people,
			  struct fd_error *err)
{
	struct db_arg id = DB_ARG_INT(i->id);
	int64_t rows = 0;
	if (db_query(s, STMT_INCIDENT_UPDATE,
		     DB_ARGS(DB_ARG_INT(i->id), DB_ARG_INT(i->occurred_at), DB_ARG_INT(i->due_at),
			     DB_ARG_TEXT(incident_category_name(i->category)),
			     DB_ARG_TEXT(i->narrative), DB_ARG_TEXT(i->actions_taken),
			     DB_ARG_INT(i->police_called), DB_ARG_REF(i->hq_notified_at),
			     DB_ARG_REF(i->hq_taken_by_id),
			     DB_ARG_REF(i->business_manager_contacted_at),
			     DB_ARG_REF(i->discovered_at), DB_ARG_TEXT(or_empty(i->location)),
			     DB_ARG_TEXT(or_empty(i->police_report_number)),
			     DB_ARG_TEXT(or_empty(i->police_officer))),
		     NULL, NULL, &rows, err))
		return -1;
	if (rows != 1)
		return signed_already(err);
	if (!replace_people)
		return 0;
	if (db_query(s, STMT_INCIDENT_PERSON_DELETE, &id, 1, NULL, NULL, NULL, err))
		return -1;
	return insert_people(s, i, err);
}

int store_incident_sign(struct store *s, const struct incident *i, struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, STMT_INCIDENT_SIGN,
		     DB_ARGS(DB_ARG_INT(i->id), DB_ARG_INT(i->signed_at),
			     DB_ARG_REF(i->signed_by_id), DB_ARG_TEXT(i->signed_name),
			     DB_ARG_TEXT(i->signature), DB_ARG_TEXT(i->signed_text)),
		     NULL, NULL, &rows, err))
		return -1;
	return rows == 1 ? 0 : signed_already(err);
}

int store_incident_list(struct store *s, int64_t branch_id, bool overdue, int64_t now,
			struct arena *a, struct incident **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct incident)};
	struct db_arg arg = DB_ARG_INT(overdue ? now : branch_id);
	int rc = overdue ? db_query(s, STMT_INCIDENT_LIST_OVERDUE, &arg, 1, list_incident, &l, NULL,
				    err)
		 : branch_id ? db_query(s, STMT_INCIDENT_LIST_BRANCH, &arg, 1, list_incident, &l,
					NULL, err)
			     : db_query(s, STMT_INCIDENT_LIST_ALL, NULL, 0, list_incident, &l, NULL,
					err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_incident_addendum_insert(struct store *s, int64_t incident_id, const struct addendum *ad,
				   int64_t signed_by, struct fd_error *err)
{
	return db_query(s, STMT_INCIDENT_ADDENDUM_INSERT,
			DB_ARGS(DB_ARG_INT(incident_id), DB_ARG_TEXT(ad->text),
				DB_ARG_INT(ad->signed_at), DB_ARG_REF(signed_by),
				DB_ARG_TEXT(ad->signed_name), DB_ARG_TEXT(ad->signature),
				DB_ARG_TEXT(ad->signed_text)),
			NULL, NULL, NULL, err);
}

int store_incident_due_soon(struct store *s, int64_t now, int64_t until, struct arena *a,
			    struct incident **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct incident)};
	int rc = db_query(s, STMT_INCIDENT_DUE_SOON, DB_ARGS(DB_ARG_INT(now), DB_ARG_INT(until)),
			  list_incident, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_incident_drafts_held(struct store *s, int64_t staff_id, struct arena *a,
			       struct incident **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct incident)};
	struct db_arg arg = DB_ARG_INT(staff_id);
	int rc = db_query(s, STMT_INCIDENT_DRAFTS_HELD, &arg, 1, list_incident, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_incident_hand_to(struct store *s, int64_t incident_id, int64_t staff_id,
			   struct fd_error *err)
{
	return db_query(s, STMT_INCIDENT_HAND_TO,
			DB_ARGS(DB_ARG_INT(incident_id), DB_ARG_REF(staff_id)), NULL, NULL, NULL,
			err);
}

int store_attachment_insert(struct store *s, int64_t incident_id, const struct attachment *at,
			    int64_t added_by, struct fd_error *err)
{
	struct db_arg data = {
		.type = DB_BLOB, .s = (const char *)at->data, .len = (size_t)at->size_bytes};
	int64_t rows = 0;
	if (db_query(s, STMT_ATTACHMENT_INSERT,
		     DB_ARGS(DB_ARG_INT(incident_id), DB_ARG_TEXT(at->name),
			     DB_ARG_TEXT(at->content_type), DB_ARG_INT(at->size_bytes), data,
			     DB_ARG_REF(added_by), DB_ARG_INT(at->added_at),
			     DB_ARG_TEXT(at->sha256)),
		     NULL, NULL, &rows, err))
		return -1;
	return rows == 1 ? 0 : signed_already(err);
}

int store_attachment_set_sha256(struct store *s, int64_t id, const char *sha256,
				struct fd_error *err)
{
	return db_query(s, STMT_ATTACHMENT_SET_SHA256, DB_ARGS(DB_ARG_INT(id), DB_ARG_TEXT(sha256)),
			NULL, NULL, NULL, err);
}

static int list_attachment(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct attachment *at = row_list_push(l);
	at->id = db_int(row, ATTACHMENT_COL_ID);
	at->name = arena_strdup(l->arena, db_text(row, ATTACHMENT_COL_NAME));
	at->content_type = arena_strdup(l->arena, db_text(row, ATTACHMENT_COL_CONTENT_TYPE));
	at->size_bytes = db_int(row, ATTACHMENT_COL_SIZE_BYTES);
	at->added_at = db_int(row, ATTACHMENT_COL_ADDED_AT);
	at->sha256 = arena_strdup(l->arena, db_text(row, ATTACHMENT_COL_SHA256));
	return 0;
}

int store_attachment_list(struct store *s, int64_t incident_id, struct arena *a,
			  struct attachment **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct attachment)};
	struct db_arg arg = DB_ARG_INT(incident_id);
	int rc = db_query(s, STMT_ATTACHMENT_LIST, &arg, 1, list_attachment, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

static int one_attachment(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct attachment *at = o->out;
	size_t len = 0;
	at->name = arena_strdup(o->arena, db_text(row, ATTACHMENT_DATA_COL_NAME));
	at->content_type = arena_strdup(o->arena, db_text(row, ATTACHMENT_DATA_COL_CONTENT_TYPE));
	at->data = db_blob(row, ATTACHMENT_DATA_COL_DATA, o->arena, &len);
	at->size_bytes = (int64_t)len;
	at->data_len = len;
	o->found = 1;
	return 0;
}

int store_attachment_get(struct store *s, int64_t incident_id, int64_t id, struct arena *a,
			 struct attachment *out, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	if (db_query(s, STMT_ATTACHMENT_GET, DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(incident_id)),
		     one_attachment, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no such attachment");
}

int store_incident_warned(struct store *s, int64_t id, int64_t at, struct fd_error *err)
{
	return db_query(s, STMT_INCIDENT_WARNED, DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(at)), NULL,
			NULL, NULL, err);
}
