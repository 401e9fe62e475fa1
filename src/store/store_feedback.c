/* Answers to "How was your visit today?" and what goes with them (see store_feedback.h). */
#include "store/store_feedback.h"

#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"

static void feedback_from_row(struct db_row *row, struct arena *a, struct feedback *f)
{
	f->id = db_int(row, FEEDBACK_COL_ID);
	f->visit_id = db_int(row, FEEDBACK_COL_VISIT_ID);
	f->branch_id = db_int(row, FEEDBACK_COL_BRANCH_ID);
	f->branch_code = arena_strdup(a, db_text(row, FEEDBACK_COL_BRANCH_CODE));
	f->served_by = db_int(row, FEEDBACK_COL_SERVED_BY);
	f->served_by_name = arena_strdup(a, db_text(row, FEEDBACK_COL_SERVED_BY_NAME));
	f->local_day = arena_strdup(a, db_text(row, FEEDBACK_COL_LOCAL_DAY));
	f->local_hour = (int)db_int(row, FEEDBACK_COL_LOCAL_HOUR);
	f->channel = (enum feedback_channel)enum_or(
		vocab_from_name(&vocab_feedback_channel, db_text(row, FEEDBACK_COL_CHANNEL)),
		FEEDBACK_DESK);
	f->score = (int)db_int(row, FEEDBACK_COL_SCORE);
	f->comment = arena_strdup(a, db_text(row, FEEDBACK_COL_COMMENT));
	f->contact_name = arena_strdup(a, db_text(row, FEEDBACK_COL_CONTACT_NAME));
	f->contact = arena_strdup(a, db_text(row, FEEDBACK_COL_CONTACT));
	f->language = arena_strdup(a, db_text(row, FEEDBACK_COL_LANGUAGE));
	f->at = db_int(row, FEEDBACK_COL_AT);
	f->follow = vocab_from_name(&vocab_feedback_follow, db_text(row, FEEDBACK_COL_FOLLOW));
	f->complaint_id = db_int(row, FEEDBACK_COL_COMPLAINT_ID);
	f->done_at = db_int(row, FEEDBACK_COL_DONE_AT);
	f->ticket = (int)db_int(row, FEEDBACK_COL_TICKET);
}

static int one_feedback(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	feedback_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_feedback(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	feedback_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_feedback_insert(struct store *s, struct feedback *f, struct fd_error *err)
{
	f->id = 0;
	if (db_query(s, STMT_FEEDBACK_INSERT,
		     DB_ARGS(DB_ARG_INT(f->visit_id), DB_ARG_INT(f->branch_id),
			     DB_ARG_REF(f->served_by), DB_ARG_TEXT(f->local_day),
			     DB_ARG_INT(f->local_hour),
			     DB_ARG_TEXT(feedback_channel_name(f->channel)), DB_ARG_INT(f->score),
			     DB_ARG_TEXT(f->comment ? f->comment : ""),
			     DB_ARG_TEXT(f->contact_name), DB_ARG_TEXT(f->contact),
			     DB_ARG_TEXT(f->language), DB_ARG_INT(f->at)),
		     db_row_int, &f->id, NULL, err))
		return -1;
	return f->id ? 0 : fd_fail(err, FD_ECONFLICT, "this visit already has an answer");
}

int store_feedback_by_visit(struct store *s, int64_t visit_id, struct arena *a,
			    struct feedback *out, bool *found, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(visit_id);
	if (db_query(s, STMT_FEEDBACK_BY_VISIT, &arg, 1, one_feedback, &o, NULL, err))
		return -1;
	*found = o.found;
	return 0;
}

int store_feedback_get(struct store *s, int64_t id, struct arena *a, struct feedback *out,
		       struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_FEEDBACK_GET, &arg, 1, one_feedback, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no answer %lld", (long long)id);
}

int store_feedback_list(struct store *s, int64_t branch_id, const char *since_day, int limit,
			struct arena *a, struct feedback **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct feedback)};
	int rc = db_query(s, STMT_FEEDBACK_LIST_BRANCH,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(since_day), DB_ARG_INT(limit)),
			  list_feedback, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_feedback_link_insert(struct store *s, const char *token_hash, int64_t visit_id,
			       enum feedback_channel channel, int64_t at, struct fd_error *err)
{
	return db_query(s, STMT_FEEDBACK_LINK_INSERT,
			DB_ARGS(DB_ARG_TEXT(token_hash), DB_ARG_INT(visit_id), DB_ARG_INT(at),
				DB_ARG_TEXT(feedback_channel_name(channel))),
			NULL, NULL, NULL, err);
}

int store_feedback_forget_contacts(struct store *s, int64_t before, int64_t *n,
				   struct fd_error *err)
{
	return db_query(s, STMT_FEEDBACK_FORGET_CONTACT, DB_ARGS(DB_ARG_INT(before)), NULL, NULL, n,
			err);
}

struct link_row {
	int64_t visit_id;
	enum feedback_channel channel;
};

static int link_row(void *ctx, struct db_row *row)
{
	struct link_row *l = ctx;
	l->visit_id = db_int(row, 0);
	l->channel = (enum feedback_channel)enum_or(
		vocab_from_name(&vocab_feedback_channel, db_text(row, 1)), FEEDBACK_DESK);
	return 0;
}

int store_feedback_link_find(struct store *s, const char *token_hash, int64_t *visit_id,
			     enum feedback_channel *channel, struct fd_error *err)
{
	struct db_arg arg = DB_ARG_TEXT(token_hash);
	struct link_row l = {0, FEEDBACK_DESK};
	*visit_id = 0;
	if (db_query(s, STMT_FEEDBACK_LINK_FIND, &arg, 1, link_row, &l, NULL, err))
		return -1;
	*visit_id = l.visit_id;
	*channel = l.channel;
	return *visit_id ? 0 : fd_fail(err, FD_ENOTFOUND, "no such link");
}

int store_feedback_link_forget(struct store *s, int64_t before, int64_t *n, struct fd_error *err)
{
	struct db_arg arg = DB_ARG_INT(before);
	return db_query(s, STMT_FEEDBACK_LINK_FORGET, &arg, 1, NULL, NULL, n, err);
}

int store_feedback_contact_insert(struct store *s, int64_t feedback_id, int64_t branch_id,
				  enum feedback_follow follow, int64_t complaint_id,
				  struct fd_error *err)
{
	return db_query(s, STMT_FEEDBACK_CONTACT_INSERT,
			DB_ARGS(DB_ARG_INT(feedback_id), DB_ARG_INT(branch_id),
				DB_ARG_TEXT(feedback_follow_name(follow)),
				DB_ARG_REF(complaint_id)),
			NULL, NULL, NULL, err);
}

int store_feedback_contacts_open(struct store *s, int64_t branch_id, enum feedback_follow follow,
				 struct arena *a, struct feedback **out, size_t *n,
				 struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct feedback)};
	struct db_arg arg = DB_ARG_INT(branch_id);
	int rc = db_query(s,
			  follow == FOLLOW_COMPLAINT ? STMT_FEEDBACK_COMPLAINTS_OPEN
						     : STMT_FEEDBACK_CONTACT_OPEN,
			  &arg, 1, list_feedback, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_feedback_compliment_done(struct store *s, int64_t feedback_id, int64_t staff_id,
				   int64_t at, struct fd_error *err)
{
	int64_t done = 0;
	if (db_query(s, STMT_FEEDBACK_CONTACT_DONE,
		     DB_ARGS(DB_ARG_INT(feedback_id), DB_ARG_REF(staff_id), DB_ARG_INT(at)),
		     db_row_int, &done, NULL, err))
		return -1;
	return done ? 0 : fd_fail(err, FD_ENOTFOUND, "no compliment waiting to be passed on");
}

int store_visit_by_ticket(struct store *s, int64_t branch_id, const char *local_day, int ticket,
			  int64_t *visit_id, struct fd_error *err)
{
	*visit_id = 0;
	return db_query(s, STMT_VISIT_BY_TICKET,
			DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(local_day), DB_ARG_INT(ticket)),
			db_row_int, visit_id, NULL, err);
}
