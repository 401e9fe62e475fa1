/* The past written in bulk, for the demo's years of history: finished rows of the real tables,
 * many to a statement (PostgreSQL COPY; SQLite a prepared insert a row, with no round trip). */
#ifndef STORE_STORE_HISTORY_H
#define STORE_STORE_HISTORY_H
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_request.h"
#include "store/store_visit.h"

struct duty_rec {
	int64_t staff_id, branch_id, on_at, off_at;
};
struct opening_rec {
	int64_t branch_id, opened_at, opened_by;
	const char *local_day;
	int late_s;
};
struct roving_rec {
	int64_t branch_id, staff_id, at;
};

/* n ids for visits not written yet, into ids; on SQLite, valid until anything else adds
 * visits (so: within the transaction, after the history's visits written before). */
int store_history_visit_ids(struct store *s, size_t n, int64_t *ids, struct fd_error *err);
/* Visits as they ended (each with its id and ticket): state, times, who served, callback,
 * tour. */
int store_history_visits(struct store *s, const struct visit *v, size_t n, struct fd_error *err);
/* Requests as they stand: kind, text, level, holder, and the outcome when closed. */
int store_history_requests(struct store *s, const struct request_rec *r, size_t n,
			   struct fd_error *err);
int store_history_answers(struct store *s, const struct answer_rec *a, size_t n,
			  struct fd_error *err);
int store_history_duty(struct store *s, const struct duty_rec *d, size_t n, struct fd_error *err);
int store_history_openings(struct store *s, const struct opening_rec *o, size_t n,
			   struct fd_error *err);
int store_history_roving(struct store *s, const struct roving_rec *r, size_t n,
			 struct fd_error *err);

#endif
