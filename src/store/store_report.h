/* The bare facts reports count, and the gauges /metrics shows. */
#ifndef STORE_STORE_REPORT_H
#define STORE_STORE_REPORT_H
#include "store/store.h"

/* Reports read the bare facts of a branch's records that happened in [from, to) and count
 * them above the store, where the branch's time zone and the policy's rules are known. */
/* Every fact begins with its branch (report.c groups them by it). */
struct visit_fact {
	int64_t branch_id;
	int64_t arrived_at, acknowledged_at, started_at, finished_at;
	int64_t callback_promised_at, callback_done_at; /* 0: none */
	enum channel channel;
	enum visit_state state;
	enum tour_outcome tour;
	int renewed, renew_refused; /* a renewal call's items (schema 35) */
};

struct request_fact {
	int64_t branch_id;
	int64_t created_at;
	enum request_level level; /* how far it was referred */
	enum request_outcome outcome;
};

/* Complaints (at: taken), roving helps (at), late openings (at: opened, due: seconds late),
 * incidents (at: occurred, due: end of that day, done: signed) and calls for the person in
 * charge (at: asked, done: answered). */
enum event_fact_kind { FACT_COMPLAINT, FACT_ROVING, FACT_LATE_OPENING, FACT_INCIDENT, FACT_FETCH };
struct event_fact {
	int64_t branch_id;
	int64_t at, due, done;
};

/* The set of branches the facts are of: ids, n of them. */
struct branch_set {
	const int64_t *ids;
	size_t n;
};
int store_report_visits(struct store *s, struct branch_set in, int64_t from, int64_t to,
			struct arena *a, struct visit_fact **out, size_t *n, struct fd_error *err);
int store_report_requests(struct store *s, struct branch_set in, int64_t from, int64_t to,
			  struct arena *a, struct request_fact **out, size_t *n,
			  struct fd_error *err);
int store_report_events(struct store *s, enum event_fact_kind kind, struct branch_set in,
			int64_t from, int64_t to, struct arena *a, struct event_fact **out,
			size_t *n, struct fd_error *err);
/* The shifts at a branch that overlap [from, to), rather than began in it: a day's closing
 * (CS-HOURS) depends on who was on duty then, whenever they came on. In the order they began;
 * off_at 0 while still on. */
struct duty_fact {
	int64_t branch_id;
	int64_t on_at, off_at;
};
int store_report_duty(struct store *s, struct branch_set in, int64_t from, int64_t to,
		      struct arena *a, struct duty_fact **out, size_t *n, struct fd_error *err);

/* Customers' answers (feedback) on days [from_day, to_day] (YYYY-MM-DD, the branch's days),
 * of one branch, or given about one person's service (store_report_answers_of). */
struct answer_fact {
	int64_t branch_id;
	char local_day[11];
	int hour; /* of arrival, the branch's time */
	enum feedback_channel channel;
	int score;
	int64_t served_by; /* 0: nobody recorded */
};
int store_report_answers(struct store *s, struct branch_set in, const char *from_day,
			 const char *to_day, struct arena *a, struct answer_fact **out, size_t *n,
			 struct fd_error *err);
int store_report_answers_of(struct store *s, int64_t staff_id, const char *from_day,
			    const char *to_day, struct arena *a, struct answer_fact **out,
			    size_t *n, struct fd_error *err);
/* The latest comments at a branch over those days, at most limit, newest first; never who
 * wrote them or how to reach them. */
struct answer_comment {
	char local_day[11];
	int hour;
	enum feedback_channel channel;
	int score;
	const char *comment;
};
int store_report_comments(struct store *s, int64_t branch_id, const char *from_day,
			  const char *to_day, int limit, struct arena *a,
			  struct answer_comment **out, size_t *n, struct fd_error *err);
/* One answer written straight in: the demo's made-up past (the customer's own pages write
 * theirs through store_feedback.c). */
struct answer_rec {
	int64_t visit_id, branch_id, served_by, at;
	const char *local_day, *comment;
	int hour, score;
	enum feedback_channel channel;
};
int store_report_answer_add(struct store *s, const struct answer_rec *a, struct fd_error *err);

/* For /metrics: each branch's waiting line, and the installation's backlogs. */
struct queue_gauge {
	const char *branch_code;
	int64_t waiting, oldest_queue_at; /* 0: nobody waiting */
};
struct store_gauges {
	int64_t outbox_backlog, incidents_overdue, database_bytes;
};
int store_queue_gauges(struct store *s, struct arena *a, struct queue_gauge **out, size_t *n,
		       struct fd_error *err);
int store_gauges(struct store *s, int64_t now, struct store_gauges *out, struct fd_error *err);

#endif
