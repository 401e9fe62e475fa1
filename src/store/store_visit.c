/* Visits to the desk, the opening log, roving help and the queue events. */

#include "store/backend.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_memo.h"
#include "store/store_visit.h"

/* Columns as VISIT_COLUMNS (columns.h). */
static void visit_from_row(struct db_row *row, struct arena *a, struct visit *v)
{
	v->id = db_int(row, VISIT_COL_ID);
	v->branch_id = db_int(row, VISIT_COL_BRANCH_ID);
	v->branch_code = arena_strdup(a, db_text(row, VISIT_COL_BRANCH_CODE));
	v->local_day = arena_strdup(a, db_text(row, VISIT_COL_LOCAL_DAY));
	v->ticket = (int)db_int(row, VISIT_COL_TICKET);
	v->channel = (enum channel)enum_or(
		vocab_from_name(&vocab_channel, db_text(row, VISIT_COL_CHANNEL)),
		CHANNEL_IN_PERSON);
	v->customer_id = db_int(row, VISIT_COL_CUSTOMER_ID);
	v->customer_card = arena_strdup(a, db_text(row, VISIT_COL_CUSTOMER_CARD));
	v->customer_name = arena_strdup(a, db_text(row, VISIT_COL_CUSTOMER_NAME));
	v->customer_registered_at = db_int(row, VISIT_COL_CUSTOMER_REGISTERED_AT);
	v->new_customer = db_int(row, VISIT_COL_NEW_CUSTOMER) != 0;
	v->note = arena_strdup(a, db_text(row, VISIT_COL_NOTE));
	v->state = (enum visit_state)enum_or(
		vocab_from_name(&vocab_visit_state, db_text(row, VISIT_COL_STATE)), VISIT_FINISHED);
	v->arrived_at = db_int(row, VISIT_COL_ARRIVED_AT);
	v->queue_at = db_int(row, VISIT_COL_QUEUE_AT);
	v->resumed = db_int(row, VISIT_COL_RESUMED) != 0;
	v->acknowledged_at = db_int(row, VISIT_COL_ACKNOWLEDGED_AT);
	v->called_at = db_int(row, VISIT_COL_CALLED_AT);
	v->started_at = db_int(row, VISIT_COL_STARTED_AT);
	v->finished_at = db_int(row, VISIT_COL_FINISHED_AT);
	v->served_by = db_int(row, VISIT_COL_SERVED_BY);
	v->served_by_login = arena_strdup(a, db_text(row, VISIT_COL_SERVED_BY_LOGIN));
	v->served_by_name = arena_strdup(a, db_text(row, VISIT_COL_SERVED_BY_NAME));
	v->served_by_role = (enum role)enum_or(
		vocab_from_name(&vocab_role, db_text(row, VISIT_COL_SERVED_BY_ROLE)), ROLE_PAGE);
	v->hold_at = db_int(row, VISIT_COL_HOLD_AT);
	v->callback_phone = arena_strdup(a, db_text(row, VISIT_COL_CALLBACK_PHONE));
	v->callback_promised_at = db_int(row, VISIT_COL_CALLBACK_PROMISED_AT);
	v->callback_done_at = db_int(row, VISIT_COL_CALLBACK_DONE_AT);
	v->tour = (enum tour_outcome)enum_or(
		vocab_from_name(&vocab_tour_outcome, db_text(row, VISIT_COL_TOUR)), TOUR_NONE);
	v->tour_at = db_int(row, VISIT_COL_TOUR_AT);
	v->acknowledged_by = db_int(row, VISIT_COL_ACKNOWLEDGED_BY);
	v->desk = arena_strdup(a, db_text(row, VISIT_COL_DESK));
	v->joined = (enum joined)enum_or(
		vocab_from_name(&vocab_joined, db_text(row, VISIT_COL_JOINED)), JOINED_DESK);
	v->language = arena_strdup(a, db_text(row, VISIT_COL_LANGUAGE));
	v->first_name = arena_strdup(a, db_text(row, VISIT_COL_FIRST_NAME));
	v->reason = (enum visit_reason)enum_or(
		vocab_from_name(&vocab_visit_reason, db_text(row, VISIT_COL_REASON)), REASON_NONE);
	v->renewed = (int)db_int(row, VISIT_COL_RENEWED);
	v->renew_refused = (int)db_int(row, VISIT_COL_RENEW_REFUSED);
}

static int one_visit(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	visit_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_visit(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	visit_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_visit_insert(struct store *s, struct visit *v, struct fd_error *err)
{
	return db_query(s, STMT_VISIT_INSERT,
			DB_ARGS(DB_ARG_INT(v->branch_id), DB_ARG_TEXT(v->local_day),
				DB_ARG_TEXT(channel_name(v->channel)), DB_ARG_REF(v->customer_id),
				DB_ARG_INT(v->new_customer), DB_ARG_TEXT(v->note ? v->note : ""),
				DB_ARG_INT(v->arrived_at), DB_ARG_TEXT(joined_name(v->joined)),
				DB_ARG_TEXT(v->language), DB_ARG_TEXT(v->first_name),
				DB_ARG_TEXT(visit_reason_name(v->reason))),
			db_row_int, &v->id, NULL, err);
}

int store_visit_get(struct store *s, int64_t id, struct arena *a, struct visit *out,
		    struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_VISIT_GET, &arg, 1, one_visit, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no visit %lld", (long long)id);
}

int store_visit_list_open(struct store *s, int64_t branch_id, const char *local_day,
			  struct arena *a, struct visit **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct visit)};
	int rc = db_query(s, STMT_VISIT_LIST_OPEN,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(local_day)), list_visit, &l,
			  NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_visit_list_customer(struct store *s, int64_t customer_id, struct arena *a,
			      struct visit **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct visit)};
	struct db_arg arg = DB_ARG_INT(customer_id);
	int rc = db_query(s, STMT_VISIT_LIST_CUSTOMER, &arg, 1, list_visit, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

/* 0 is stored as NULL: the times and people a visit has not had yet. */
int store_visit_update(struct store *s, const struct visit *v, struct fd_error *err)
{
	int64_t rows = 0;
	int rc = db_query(s, STMT_VISIT_UPDATE,
			  DB_ARGS(DB_ARG_INT(v->id), DB_ARG_TEXT(visit_state_name(v->state)),
				  DB_ARG_INT(v->queue_at), DB_ARG_INT(v->resumed),
				  DB_ARG_REF(v->acknowledged_at), DB_ARG_REF(v->acknowledged_by),
				  DB_ARG_REF(v->called_at), DB_ARG_REF(v->started_at),
				  DB_ARG_REF(v->finished_at), DB_ARG_REF(v->served_by),
				  DB_ARG_REF(v->hold_at), DB_ARG_TEXT(v->callback_phone),
				  DB_ARG_REF(v->callback_promised_at),
				  DB_ARG_REF(v->callback_done_at),
				  DB_ARG_TEXT(tour_outcome_name(v->tour)), DB_ARG_REF(v->tour_at),
				  DB_ARG_INT(v->new_customer), DB_ARG_TEXT(v->desk),
				  DB_ARG_TEXT(visit_reason_name(v->reason))),
			  NULL, NULL, &rows, err);
	if (!rc && rows != 1)
		rc = fd_fail(err, FD_ENOTFOUND, "no visit %lld", (long long)v->id);
	return rc;
}

int store_visit_renewal_count(struct store *s, int64_t visit_id, int renewed, int refused,
			      struct fd_error *err)
{
	int64_t rows = 0;
	int rc = db_query(s, STMT_VISIT_RENEWAL_COUNT,
			  DB_ARGS(DB_ARG_INT(visit_id), DB_ARG_INT(renewed), DB_ARG_INT(refused)),
			  NULL, NULL, &rows, err);
	if (!rc && rows != 1)
		rc = fd_fail(err, FD_ENOTFOUND, "no visit %lld", (long long)visit_id);
	return rc;
}

int store_visit_link_customer(struct store *s, int64_t visit_id, int64_t customer_id,
			      struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, STMT_VISIT_LINK_CUSTOMER,
		     DB_ARGS(DB_ARG_INT(visit_id), DB_ARG_INT(customer_id)), NULL, NULL, &rows,
		     err))
		return -1;
	return rows == 1 ? 0
			 : fd_fail(err, FD_ECONFLICT, "this visit has a customer linked already");
}

int store_visit_renewal_since(struct store *s, int64_t visit_id, int64_t first_event_id, bool *sent,
			      struct fd_error *err)
{
	int64_t count = 0;
	int rc = db_query(s, STMT_VISIT_RENEWAL_SINCE,
			  DB_ARGS(DB_ARG_INT(visit_id), DB_ARG_INT(first_event_id)), db_row_int,
			  &count, NULL, err);
	*sent = rc == 0 && count > 0;
	return rc;
}

struct int_list {
	struct arena *arena;
	int *items;
	size_t n;
};

static int list_int(void *ctx, struct db_row *row)
{
	struct int_list *l = ctx;
	if (l->n < 20) /* the statement's LIMIT */
		l->items[l->n++] = (int)db_int(row, 0);
	return 0;
}

int store_visit_service_times(struct store *s, int64_t branch_id, int64_t since, struct arena *a,
			      int **out, size_t *n, struct fd_error *err)
{
	struct int_list l = {a, arena_alloc(a, 20 * sizeof(int)), 0};
	int rc = db_query(s, STMT_VISIT_SERVICE_TIMES,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_INT(since)), list_int, &l, NULL,
			  err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_visit_served_count(struct store *s, int64_t branch_id, const char *local_day, int64_t *n,
			     struct fd_error *err)
{
	return db_query(s, STMT_VISIT_SERVED_COUNT,
			DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(local_day)), db_row_int, n, NULL,
			err);
}

int store_visit_walkin_waiting(struct store *s, int64_t branch_id, bool *any, struct fd_error *err)
{
	int64_t n = 0;
	int rc = db_query(s, STMT_VISIT_WALKIN_WAITING, DB_ARGS(DB_ARG_INT(branch_id)), db_row_int,
			  &n, NULL, err);
	*any = n != 0;
	return rc;
}

static int serving_row(void *ctx, struct db_row *row)
{
	int64_t *n = ctx;
	n[0] = db_int(row, 0);
	n[1] = db_int(row, 1);
	return 0;
}

int store_visit_serving_by(struct store *s, int64_t branch_id, int64_t staff_id, bool *busy,
			   bool *walkin, struct fd_error *err)
{
	int64_t n[2] = {0, 0};
	int rc = db_query(s, STMT_VISIT_SERVING_BY,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_INT(staff_id)), serving_row, n,
			  NULL, err);
	*busy = n[0] != 0;
	*walkin = n[1] != 0;
	return rc;
}

int store_visit_waiting_count(struct store *s, int64_t branch_id, int64_t *n, struct fd_error *err)
{
	*n = 0;
	return db_query(s, STMT_VISIT_WAITING_COUNT, DB_ARGS(DB_ARG_INT(branch_id)), db_row_int, n,
			NULL, err);
}

int store_opening_insert(struct store *s, int64_t branch_id, const char *local_day,
			 int64_t opened_at, int64_t staff_id, int late_s, struct fd_error *err)
{
	struct db_arg late = DB_ARG_INT(late_s);
	if (late_s < 0)
		late.type = DB_NULL; /* not an advertised opening day */
	int rc = db_query(s, STMT_OPENING_INSERT,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(local_day),
				  DB_ARG_INT(opened_at), DB_ARG_INT(staff_id), late),
			  NULL, NULL, NULL, err);
	if (rc && err->code == FD_ECONFLICT)
		fd_fail(err, FD_ECONFLICT, "the branch was opened already today");
	return rc;
}

static int one_opening(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct opening *op = o->out;
	op->opened_at = db_int(row, OPENING_COL_OPENED_AT);
	op->late_s =
		db_is_null(row, OPENING_COL_LATE_S) ? -1 : (int)db_int(row, OPENING_COL_LATE_S);
	op->by.login = arena_strdup(o->arena, db_text(row, OPENING_COL_BY_LOGIN));
	op->by.name = arena_strdup(o->arena, db_text(row, OPENING_COL_BY_NAME));
	int role = vocab_from_name(&vocab_role, db_text(row, OPENING_COL_BY_ROLE));
	op->by.role = role < 0 ? ROLE_PAGE : (enum role)role;
	o->found = 1;
	return 0;
}

int store_opening_get(struct store *s, int64_t branch_id, const char *local_day, struct arena *a,
		      struct opening *out, bool *found, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	int rc = db_query(s, STMT_OPENING_GET,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(local_day)), one_opening, &o,
			  NULL, err);
	*found = o.found;
	return rc;
}

int store_roving_insert(struct store *s, int64_t branch_id, int64_t staff_id, int64_t at,
			struct fd_error *err)
{
	return db_query(s, STMT_ROVING_INSERT,
			DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_INT(staff_id), DB_ARG_INT(at)), NULL,
			NULL, NULL, err);
}

int store_roving_count(struct store *s, int64_t branch_id, int64_t since, int64_t *n,
		       struct fd_error *err)
{
	return db_query(s, STMT_ROVING_COUNT, DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_INT(since)),
			db_row_int, n, NULL, err);
}

int store_event_append(struct store *s, int64_t branch_id, const char *kind, int64_t visit_id,
		       int64_t now, struct fd_error *err)
{
	int64_t id = 0;
	/* On PostgreSQL the same statement notifies the live boards (sql.c). */
	return db_query(s, STMT_EVENT_APPEND,
			DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_INT(now), DB_ARG_TEXT(kind),
				DB_ARG_REF(visit_id)),
			db_row_int, &id, NULL, err);
}

static int list_event(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct queue_event *e = row_list_push(l);
	e->id = db_int(row, EVENT_COL_ID);
	e->branch_code = arena_strdup(l->arena, db_text(row, EVENT_COL_BRANCH_CODE));
	e->kind = arena_strdup(l->arena, db_text(row, EVENT_COL_KIND));
	e->visit_id = db_int(row, EVENT_COL_VISIT_ID);
	e->at = db_int(row, EVENT_COL_AT);
	return 0;
}

int store_events_since(struct store *s, int64_t after_id, struct arena *a, struct queue_event **out,
		       size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct queue_event)};
	struct db_arg arg = DB_ARG_INT(after_id);
	int rc = db_query(s, STMT_EVENTS_SINCE, &arg, 1, list_event, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_event_max(struct store *s, int64_t *id, struct fd_error *err)
{
	return db_query(s, STMT_EVENT_MAX, NULL, 0, db_row_int, id, NULL, err);
}

int store_event_wait(struct store *s, int timeout_ms, struct fd_error *err)
{
	return s->ops->wait_event(s, timeout_ms, err);
}

int store_callbacks_held(struct store *s, int64_t staff_id, struct arena *a, struct visit **out,
			 size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct visit)};
	struct db_arg arg = DB_ARG_INT(staff_id);
	int rc = db_query(s, STMT_VISIT_CALLBACKS_HELD, &arg, 1, list_visit, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_visit_hand_to(struct store *s, int64_t visit_id, int64_t staff_id, struct fd_error *err)
{
	return db_query(s, STMT_VISIT_HAND_TO, DB_ARGS(DB_ARG_INT(visit_id), DB_ARG_REF(staff_id)),
			NULL, NULL, NULL, err);
}

static int stamp_row(void *ctx, struct db_row *row)
{
	int64_t *out = ctx;
	out[0] = db_int(row, STAMP_COL_BRANCH_ID);
	out[1] = db_int(row, STAMP_COL_LAST_EVENT);
	return 0;
}

int store_queue_stamp(struct store *s, const char *code, int64_t *branch_id, int64_t *last_event,
		      struct fd_error *err)
{
	int64_t got[2] = {0, 0}, rows = 0;
	struct db_arg arg = DB_ARG_TEXT(code);
	/* Every read of a queue starts here: remembered while the database is unchanged. */
	const int64_t *known = memo_get(s, MEMO_STAMP, code);
	if (known) {
		*branch_id = known[0];
		*last_event = known[1];
		return 0;
	}
	if (db_query(s, STMT_QUEUE_STAMP, &arg, 1, stamp_row, got, &rows, err))
		return -1;
	if (!rows)
		return fd_fail(err, FD_ENOTFOUND, "no branch %s", code);
	*branch_id = got[0];
	*last_event = got[1];
	struct arena *keep;
	int64_t *kept = memo_put(s, MEMO_STAMP, code, sizeof got, &keep);
	if (kept)
		memcpy(kept, got, sizeof got);
	return 0;
}

int store_join_insert(struct store *s, const char *secret_hash, int64_t visit_id, int64_t branch_id,
		      const char *device_hash, const char *address, int64_t now,
		      struct fd_error *err)
{
	return db_query(s, STMT_JOIN_INSERT,
			DB_ARGS(DB_ARG_TEXT(secret_hash), DB_ARG_INT(visit_id),
				DB_ARG_INT(branch_id), DB_ARG_TEXT(device_hash),
				DB_ARG_TEXT(address), DB_ARG_INT(now)),
			NULL, NULL, NULL, err);
}

int store_join_find(struct store *s, const char *secret_hash, int64_t *visit_id,
		    struct fd_error *err)
{
	int64_t rows = 0;
	*visit_id = 0;
	if (db_query(s, STMT_JOIN_FIND, DB_ARGS(DB_ARG_TEXT(secret_hash)), db_row_int, visit_id,
		     &rows, err))
		return -1;
	return rows ? 0 : fd_fail(err, FD_ENOTFOUND, "no such ticket");
}

static int list_state(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	enum visit_state *st = row_list_push(l);
	*st = (enum visit_state)enum_or(vocab_from_name(&vocab_visit_state, db_text(row, 0)),
					VISIT_FINISHED);
	return 0;
}

int store_join_device_states(struct store *s, int64_t branch_id, const char *device_hash,
			     int64_t since, struct arena *a, enum visit_state **out, size_t *n,
			     struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(enum visit_state)};
	int rc = db_query(
		s, STMT_JOIN_DEVICE_STATES,
		DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(device_hash), DB_ARG_INT(since)),
		list_state, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_join_forget(struct store *s, int64_t before, int64_t *n, struct fd_error *err)
{
	return db_query(s, STMT_JOIN_FORGET, DB_ARGS(DB_ARG_INT(before)), NULL, NULL, n, err);
}

int store_join_address_count(struct store *s, int64_t branch_id, const char *address, int64_t since,
			     int64_t *n, struct fd_error *err)
{
	*n = 0;
	return db_query(s, STMT_JOIN_ADDRESS_COUNT,
			DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(address), DB_ARG_INT(since)),
			db_row_int, n, NULL, err);
}
