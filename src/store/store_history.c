/* The past in bulk (store_history.h): each row's cells in the order of its statement's
 * columns (sql.c's HISTORY_*_COLS), written with db_copy. */
#include "store/store_history.h"

#include <stdlib.h>

#include "base/alloc.h"
#include "store/db.h"

struct id_list {
	int64_t *ids;
	size_t n;
};

static int id_row(void *ctx, struct db_row *row)
{
	struct id_list *l = ctx;
	l->ids[l->n++] = db_int(row, 0);
	return 0;
}

int store_history_visit_ids(struct store *s, size_t n, int64_t *ids, struct fd_error *err)
{
	struct id_list l = {ids, 0};
	struct db_arg arg = DB_ARG_INT((int64_t)n);
	if (db_query(s, STMT_HISTORY_VISIT_IDS, &arg, 1, id_row, &l, NULL, err))
		return -1;
	return l.n == n ? 0 : fd_fail(err, FD_EINTERNAL, "%zu visit ids asked, %zu given", n, l.n);
}

/* Cells for n rows of ncols; the caller frees them. */
static struct db_arg *cells_new(size_t n, size_t ncols)
{
	return xcalloc(n ? n * ncols : 1, sizeof(struct db_arg));
}

static int copy_free(struct store *s, enum stmt st, struct db_arg *c, size_t ncols, size_t n,
		     struct fd_error *err)
{
	int rc = db_copy(s, st, c, ncols, n, err);
	free(c);
	return rc;
}

#define VISIT_CELLS 20
int store_history_visits(struct store *s, const struct visit *v, size_t n, struct fd_error *err)
{
	struct db_arg *c = cells_new(n, VISIT_CELLS);
	for (size_t i = 0; i < n; i++) {
		struct db_arg *r = c + i * VISIT_CELLS;
		const struct db_arg row[VISIT_CELLS] = {
			DB_ARG_INT(v[i].id),
			DB_ARG_INT(v[i].branch_id),
			DB_ARG_TEXT(v[i].local_day),
			DB_ARG_INT(v[i].ticket),
			DB_ARG_TEXT(channel_name(v[i].channel)),
			DB_ARG_INT(v[i].new_customer),
			DB_ARG_TEXT(visit_state_name(v[i].state)),
			DB_ARG_INT(v[i].arrived_at),
			DB_ARG_INT(v[i].queue_at),
			DB_ARG_REF(v[i].acknowledged_at),
			DB_ARG_REF(v[i].acknowledged_by),
			DB_ARG_REF(v[i].called_at),
			DB_ARG_REF(v[i].started_at),
			DB_ARG_REF(v[i].finished_at),
			DB_ARG_REF(v[i].served_by),
			DB_ARG_TEXT(v[i].callback_phone),
			DB_ARG_REF(v[i].callback_promised_at),
			DB_ARG_REF(v[i].callback_done_at),
			DB_ARG_TEXT(tour_outcome_name(v[i].tour)),
			DB_ARG_REF(v[i].tour_at),
		};
		for (int k = 0; k < VISIT_CELLS; k++)
			r[k] = row[k];
	}
	return copy_free(s, STMT_HISTORY_VISITS, c, VISIT_CELLS, n, err);
}

#define REQUEST_CELLS 12
int store_history_requests(struct store *s, const struct request_rec *q, size_t n,
			   struct fd_error *err)
{
	struct db_arg *c = cells_new(n, REQUEST_CELLS);
	for (size_t i = 0; i < n; i++) {
		const struct db_arg row[REQUEST_CELLS] = {
			DB_ARG_INT(q[i].branch_id),
			DB_ARG_TEXT(request_kind_name(q[i].kind)),
			DB_ARG_TEXT(q[i].text),
			DB_ARG_REF(q[i].text_retain_until),
			DB_ARG_TEXT(request_level_name(q[i].level)),
			DB_ARG_REF(q[i].holder_id),
			DB_ARG_INT(q[i].created_by),
			DB_ARG_INT(q[i].created_at),
			DB_ARG_TEXT(q[i].closed ? "closed" : "open"),
			DB_ARG_TEXT(request_outcome_name(q[i].outcome)),
			DB_ARG_REF(q[i].closed_at),
			DB_ARG_REF(q[i].closed_by),
		};
		for (int k = 0; k < REQUEST_CELLS; k++)
			c[i * REQUEST_CELLS + (size_t)k] = row[k];
	}
	return copy_free(s, STMT_HISTORY_REQUESTS, c, REQUEST_CELLS, n, err);
}

#define ANSWER_CELLS 9
int store_history_answers(struct store *s, const struct answer_rec *a, size_t n,
			  struct fd_error *err)
{
	struct db_arg *c = cells_new(n, ANSWER_CELLS);
	for (size_t i = 0; i < n; i++) {
		/* As store_report_answer_add writes one. */
		const struct db_arg row[ANSWER_CELLS] = {
			DB_ARG_INT(a[i].visit_id),
			DB_ARG_INT(a[i].branch_id),
			DB_ARG_REF(a[i].served_by),
			DB_ARG_TEXT(a[i].local_day),
			DB_ARG_INT(a[i].hour),
			DB_ARG_TEXT(feedback_channel_name(a[i].channel)),
			DB_ARG_INT(a[i].score),
			DB_ARG_TEXT(a[i].comment ? a[i].comment : ""),
			DB_ARG_INT(a[i].at),
		};
		for (int k = 0; k < ANSWER_CELLS; k++)
			c[i * ANSWER_CELLS + (size_t)k] = row[k];
	}
	return copy_free(s, STMT_HISTORY_ANSWERS, c, ANSWER_CELLS, n, err);
}

int store_history_duty(struct store *s, const struct duty_rec *d, size_t n, struct fd_error *err)
{
	struct db_arg *c = cells_new(n, 4);
	for (size_t i = 0; i < n; i++) {
		c[i * 4] = DB_ARG_INT(d[i].staff_id);
		c[i * 4 + 1] = DB_ARG_INT(d[i].branch_id);
		c[i * 4 + 2] = DB_ARG_INT(d[i].on_at);
		c[i * 4 + 3] = DB_ARG_INT(d[i].off_at);
	}
	return copy_free(s, STMT_HISTORY_DUTY, c, 4, n, err);
}

int store_history_openings(struct store *s, const struct opening_rec *o, size_t n,
			   struct fd_error *err)
{
	struct db_arg *c = cells_new(n, 5);
	for (size_t i = 0; i < n; i++) {
		c[i * 5] = DB_ARG_INT(o[i].branch_id);
		c[i * 5 + 1] = DB_ARG_TEXT(o[i].local_day);
		c[i * 5 + 2] = DB_ARG_INT(o[i].opened_at);
		c[i * 5 + 3] = DB_ARG_INT(o[i].opened_by);
		/* As store_opening_insert: -1 is no advertised opening day. */
		c[i * 5 + 4] = DB_ARG_INT(o[i].late_s);
		if (o[i].late_s < 0)
			c[i * 5 + 4].type = DB_NULL;
	}
	return copy_free(s, STMT_HISTORY_OPENINGS, c, 5, n, err);
}

int store_history_roving(struct store *s, const struct roving_rec *r, size_t n,
			 struct fd_error *err)
{
	struct db_arg *c = cells_new(n, 3);
	for (size_t i = 0; i < n; i++) {
		c[i * 3] = DB_ARG_INT(r[i].branch_id);
		c[i * 3 + 1] = DB_ARG_INT(r[i].staff_id);
		c[i * 3 + 2] = DB_ARG_INT(r[i].at);
	}
	return copy_free(s, STMT_HISTORY_ROVING, c, 3, n, err);
}
