/* The facts reports count, and the gauges /metrics shows: plain rows, no arithmetic here. */
#include <stdlib.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_report.h"

static int visit_row(void *ctx, struct db_row *row)
{
	struct visit_fact *f = row_list_push(ctx);
	f->branch_id = db_int(row, VISIT_FACT_COL__MAX);
	f->arrived_at = db_int(row, VISIT_FACT_COL_ARRIVED_AT);
	f->acknowledged_at = db_int(row, VISIT_FACT_COL_ACKNOWLEDGED_AT);
	f->started_at = db_int(row, VISIT_FACT_COL_STARTED_AT);
	f->finished_at = db_int(row, VISIT_FACT_COL_FINISHED_AT);
	f->callback_promised_at = db_int(row, VISIT_FACT_COL_CALLBACK_PROMISED_AT);
	f->callback_done_at = db_int(row, VISIT_FACT_COL_CALLBACK_DONE_AT);
	/* The same fallbacks as store_visit.c's visit_from_row. */
	f->channel = (enum channel)enum_or(
		vocab_from_name(&vocab_channel, db_text(row, VISIT_FACT_COL_CHANNEL)),
		CHANNEL_IN_PERSON);
	f->state = (enum visit_state)enum_or(
		vocab_from_name(&vocab_visit_state, db_text(row, VISIT_FACT_COL_STATE)),
		VISIT_FINISHED);
	f->tour = (enum tour_outcome)enum_or(
		vocab_from_name(&vocab_tour_outcome, db_text(row, VISIT_FACT_COL_TOUR)), TOUR_NONE);
	f->renewed = (int)db_int(row, VISIT_FACT_COL_RENEWED);
	f->renew_refused = (int)db_int(row, VISIT_FACT_COL_RENEW_REFUSED);
	return 0;
}

static int request_row(void *ctx, struct db_row *row)
{
	struct request_fact *f = row_list_push(ctx);
	f->branch_id = db_int(row, REQUEST_FACT_COL__MAX);
	f->created_at = db_int(row, REQUEST_FACT_COL_CREATED_AT);
	/* The same fallbacks as store_request.c's request_from_row. */
	f->level = (enum request_level)enum_or(
		vocab_from_name(&vocab_request_level, db_text(row, REQUEST_FACT_COL_LEVEL)),
		LEVEL_HEADQUARTERS);
	f->outcome = (enum request_outcome)enum_or(
		vocab_from_name(&vocab_request_outcome, db_text(row, REQUEST_FACT_COL_OUTCOME)),
		OUTCOME_NONE);
	return 0;
}

static int event_row(void *ctx, struct db_row *row)
{
	struct event_fact *f = row_list_push(ctx);
	f->branch_id = db_int(row, EVENT_FACT_COL__MAX);
	f->at = db_int(row, EVENT_FACT_COL_AT);
	f->due = db_int(row, EVENT_FACT_COL_DUE);
	f->done = db_int(row, EVENT_FACT_COL_DONE);
	return 0;
}

/* The set as the statements take it: "1,2,3" (the caller frees it). */
static char *set_text(struct branch_set in)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < in.n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)in.ids[i]);
	return b.data ? b.data : xstrdup("");
}

static int facts(struct store *s, enum stmt st, struct branch_set in, struct db_arg from,
		 struct db_arg to, db_row_fn fn, struct row_list *l, struct fd_error *err)
{
	char *set = set_text(in);
	int rc = db_query(s, st, DB_ARGS(DB_ARG_TEXT(set), from, to), fn, l, NULL, err);
	free(set);
	return rc;
}

int store_report_visits(struct store *s, struct branch_set in, int64_t from, int64_t to,
			struct arena *a, struct visit_fact **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc = facts(s, STMT_REPORT_VISITS, in, DB_ARG_INT(from), DB_ARG_INT(to), visit_row, &l,
		       err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_report_requests(struct store *s, struct branch_set in, int64_t from, int64_t to,
			  struct arena *a, struct request_fact **out, size_t *n,
			  struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc = facts(s, STMT_REPORT_REQUESTS, in, DB_ARG_INT(from), DB_ARG_INT(to), request_row,
		       &l, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_report_events(struct store *s, enum event_fact_kind kind, struct branch_set in,
			int64_t from, int64_t to, struct arena *a, struct event_fact **out,
			size_t *n, struct fd_error *err)
{
	static const enum stmt by_kind[] = {
		[FACT_COMPLAINT] = STMT_REPORT_COMPLAINTS,
		[FACT_ROVING] = STMT_REPORT_ROVING,
		[FACT_LATE_OPENING] = STMT_REPORT_LATE_OPENINGS,
		[FACT_INCIDENT] = STMT_REPORT_INCIDENTS,
		[FACT_FETCH] = STMT_REPORT_FETCHES,
	};
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc = facts(s, by_kind[kind], in, DB_ARG_INT(from), DB_ARG_INT(to), event_row, &l, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

static int duty_row(void *ctx, struct db_row *row)
{
	struct duty_fact *f = row_list_push(ctx);
	f->branch_id = db_int(row, DUTY_FACT_COL__MAX);
	f->on_at = db_int(row, DUTY_FACT_COL_ON_AT);
	f->off_at = db_int(row, DUTY_FACT_COL_OFF_AT);
	return 0;
}

int store_report_duty(struct store *s, struct branch_set in, int64_t from, int64_t to,
		      struct arena *a, struct duty_fact **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc =
		facts(s, STMT_REPORT_DUTY, in, DB_ARG_INT(from), DB_ARG_INT(to), duty_row, &l, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

/* The day as YYYY-MM-DD, or "" when the column holds something else. */
static void day_copy(char out[11], const char *day)
{
	size_t i = 0;
	for (; day && day[i] && i < 10; i++)
		out[i] = day[i];
	out[i == 10 ? 10 : 0] = '\0';
}

static enum feedback_channel answer_channel(const char *name)
{
	return (enum feedback_channel)enum_or(vocab_from_name(&vocab_feedback_channel, name),
					      FEEDBACK_DESK);
}

static int answer_row(void *ctx, struct db_row *row)
{
	struct answer_fact *f = row_list_push(ctx);
	f->branch_id = db_int(row, ANSWER_FACT_COL__MAX);
	day_copy(f->local_day, db_text(row, ANSWER_FACT_COL_LOCAL_DAY));
	f->hour = (int)db_int(row, ANSWER_FACT_COL_LOCAL_HOUR);
	f->channel = answer_channel(db_text(row, ANSWER_FACT_COL_CHANNEL));
	f->score = (int)db_int(row, ANSWER_FACT_COL_SCORE);
	f->served_by = db_int(row, ANSWER_FACT_COL_SERVED_BY);
	return 0;
}

int store_report_answers(struct store *s, struct branch_set in, const char *from_day,
			 const char *to_day, struct arena *a, struct answer_fact **out, size_t *n,
			 struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc = facts(s, STMT_REPORT_ANSWERS, in, DB_ARG_TEXT(from_day), DB_ARG_TEXT(to_day),
		       answer_row, &l, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_report_answers_of(struct store *s, int64_t staff_id, const char *from_day,
			    const char *to_day, struct arena *a, struct answer_fact **out,
			    size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc = db_query(s, STMT_REPORT_ANSWERS_OF,
			  DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_TEXT(from_day), DB_ARG_TEXT(to_day)),
			  answer_row, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

static int comment_row(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct answer_comment *c = row_list_push(l);
	day_copy(c->local_day, db_text(row, ANSWER_COMMENT_COL_LOCAL_DAY));
	c->hour = (int)db_int(row, ANSWER_COMMENT_COL_LOCAL_HOUR);
	c->channel = answer_channel(db_text(row, ANSWER_COMMENT_COL_CHANNEL));
	c->score = (int)db_int(row, ANSWER_COMMENT_COL_SCORE);
	c->comment = arena_strdup(l->arena, db_text(row, ANSWER_COMMENT_COL_COMMENT));
	return 0;
}

int store_report_comments(struct store *s, int64_t branch_id, const char *from_day,
			  const char *to_day, int limit, struct arena *a,
			  struct answer_comment **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc = db_query(s, STMT_REPORT_COMMENTS,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(from_day), DB_ARG_TEXT(to_day),
				  DB_ARG_INT(limit)),
			  comment_row, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_report_answer_add(struct store *s, const struct answer_rec *a, struct fd_error *err)
{
	return db_query(s, STMT_REPORT_ANSWER_ADD,
			DB_ARGS(DB_ARG_INT(a->visit_id), DB_ARG_INT(a->branch_id),
				DB_ARG_REF(a->served_by), DB_ARG_TEXT(a->local_day),
				DB_ARG_INT(a->hour), DB_ARG_TEXT(feedback_channel_name(a->channel)),
				DB_ARG_INT(a->score), DB_ARG_TEXT(a->comment ? a->comment : ""),
				DB_ARG_INT(a->at)),
			NULL, NULL, NULL, err);
}

static int gauge_row(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct queue_gauge *g = row_list_push(l);
	g->branch_code = arena_strdup(l->arena, db_text(row, GAUGE_COL_BRANCH_CODE));
	g->waiting = db_int(row, GAUGE_COL_WAITING);
	g->oldest_queue_at = db_int(row, GAUGE_COL_OLDEST_QUEUE_AT);
	return 0;
}

int store_queue_gauges(struct store *s, struct arena *a, struct queue_gauge **out, size_t *n,
		       struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof **out};
	int rc = db_query(s, STMT_GAUGE_QUEUES, NULL, 0, gauge_row, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_gauges(struct store *s, int64_t now, struct store_gauges *out, struct fd_error *err)
{
	*out = (struct store_gauges){0};
	struct db_arg arg = DB_ARG_INT(now);
	return db_query(s, STMT_GAUGE_OUTBOX, NULL, 0, db_row_int, &out->outbox_backlog, NULL,
			err) ||
	       db_query(s, STMT_GAUGE_INCIDENTS_OVERDUE, &arg, 1, db_row_int,
			&out->incidents_overdue, NULL, err) ||
	       db_query(s, STMT_GAUGE_DATABASE_BYTES, NULL, 0, db_row_int, &out->database_bytes,
			NULL, err);
}
