/* The outbox: notices queued with what they tell of, then claimed, sent and retried by the
 * worker (notify/worker.c); and who, by role and branch, they go to. */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_outbox.h"

static int list_recipient(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct recipient *r = row_list_push(l);
	r->email = arena_strdup(l->arena, db_text(row, RECIPIENT_COL_EMAIL));
	r->name = arena_strdup(l->arena, db_text(row, RECIPIENT_COL_NAME));
	return 0;
}

int store_recipients(struct store *s, enum role role, int64_t branch_id, struct arena *a,
		     struct recipient **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct recipient)};
	int rc = branch_id ? db_query(s, STMT_STAFF_EMAILS_ROLE_BRANCH,
				      DB_ARGS(DB_ARG_TEXT(role_name(role)), DB_ARG_INT(branch_id)),
				      list_recipient, &l, NULL, err)
			   : db_query(s, STMT_STAFF_EMAILS_ROLE,
				      DB_ARGS(DB_ARG_TEXT(role_name(role))), list_recipient, &l,
				      NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_outbox_insert(struct store *s, const struct outbox_msg *m, const char *about_kind,
			int64_t about_id, int64_t now, int64_t *id, struct fd_error *err)
{
	return db_query(s, STMT_OUTBOX_INSERT,
			DB_ARGS(DB_ARG_INT(now), DB_ARG_TEXT(m->to_addr),
				DB_ARG_TEXT(m->to_name ? m->to_name : ""), DB_ARG_TEXT(m->subject),
				DB_ARG_TEXT(m->body), DB_ARG_TEXT(about_kind), DB_ARG_REF(about_id),
				DB_ARG_TEXT(m->message_id), DB_ARG_TEXT(m->to_role)),
			db_row_int, id, NULL, err);
}

static int one_claimed(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct outbox_msg *m = o->out;
	m->id = db_int(row, CLAIM_COL_ID);
	m->to_addr = arena_strdup(o->arena, db_text(row, CLAIM_COL_TO_ADDR));
	m->to_name = arena_strdup(o->arena, db_text(row, CLAIM_COL_TO_NAME));
	m->subject = arena_strdup(o->arena, db_text(row, CLAIM_COL_SUBJECT));
	m->body = arena_strdup(o->arena, db_text(row, CLAIM_COL_BODY));
	m->attempts = (int)db_int(row, CLAIM_COL_ATTEMPTS);
	m->about_kind = arena_strdup(o->arena, db_text(row, CLAIM_COL_ABOUT_KIND));
	m->about_id = db_int(row, CLAIM_COL_ABOUT_ID);
	m->message_id = arena_strdup(o->arena, db_text(row, CLAIM_COL_MESSAGE_ID));
	o->found = 1;
	return 0;
}

int store_outbox_claim(struct store *s, int64_t now, int lease_s, struct arena *a,
		       struct outbox_msg *out, bool *found, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	int rc = db_query(s, STMT_OUTBOX_CLAIM, DB_ARGS(DB_ARG_INT(now), DB_ARG_INT(now + lease_s)),
			  one_claimed, &o, NULL, err);
	*found = o.found;
	return rc;
}

int store_outbox_set_message_id(struct store *s, int64_t id, const char *message_id,
				struct fd_error *err)
{
	return db_query(s, STMT_OUTBOX_SET_MESSAGE_ID,
			DB_ARGS(DB_ARG_INT(id), DB_ARG_TEXT(message_id)), NULL, NULL, NULL, err);
}

int store_outbox_sent(struct store *s, int64_t id, int64_t at, struct fd_error *err)
{
	return db_query(s, STMT_OUTBOX_SENT, DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(at)), NULL, NULL,
			NULL, err);
}

int store_outbox_retry(struct store *s, int64_t id, int64_t next_at, const char *error,
		       struct fd_error *err)
{
	return db_query(s, STMT_OUTBOX_RETRY,
			DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(next_at), DB_ARG_TEXT(error)), NULL,
			NULL, NULL, err);
}

static int list_about(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct outbox_msg *m = row_list_push(l);
	m->id = db_int(row, ABOUT_COL_ID);
	m->to_addr = arena_strdup(l->arena, db_text(row, ABOUT_COL_TO_ADDR));
	m->to_name = arena_strdup(l->arena, db_text(row, ABOUT_COL_TO_NAME));
	m->subject = arena_strdup(l->arena, db_text(row, ABOUT_COL_SUBJECT));
	m->created_at = db_int(row, ABOUT_COL_CREATED_AT);
	m->sent_at = db_int(row, ABOUT_COL_SENT_AT);
	m->attempts = (int)db_int(row, ABOUT_COL_ATTEMPTS);
	m->to_role = arena_strdup(l->arena, db_text(row, ABOUT_COL_TO_ROLE));
	m->last_error = arena_strdup(l->arena, db_text(row, ABOUT_COL_LAST_ERROR));
	m->next_attempt_at = db_int(row, ABOUT_COL_NEXT_ATTEMPT_AT);
	return 0;
}

int store_outbox_about(struct store *s, const char *kind, int64_t id, struct arena *a,
		       struct outbox_msg **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct outbox_msg)};
	int rc = db_query(s, STMT_OUTBOX_ABOUT, DB_ARGS(DB_ARG_TEXT(kind), DB_ARG_INT(id)),
			  list_about, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
