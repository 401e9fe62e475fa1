/* The bare facts reports count, and the gauges /metrics shows. */
#ifndef STORE_STORE_REPORT_H
#define STORE_STORE_REPORT_H
#include "store/store.h"

/* Reports read the bare facts of a branch's records that happened in [from, to) and count
 * them above the store, where the branch's time zone and the policy's rules are known. */
struct visit_fact {
	int64_t arrived_at, acknowledged_at, started_at, finished_at;
	int64_t callback_promised_at, callback_done_at; /* 0: none */
	enum channel channel;
	enum visit_state state;
	enum tour_outcome tour;
};

struct request_fact {
	int64_t created_at;
	enum request_level level; /* how far it was referred */
	enum request_outcome outcome;
};

/* Complaints (at: taken), roving helps (at), late openings (at: opened, due: seconds late),
 * incidents (at: occurred, due: end of that day, done: signed) and calls for the person in
 * charge (at: asked, done: answered). */
enum event_fact_kind { FACT_COMPLAINT, FACT_ROVING, FACT_LATE_OPENING, FACT_INCIDENT, FACT_FETCH };
struct event_fact {
	int64_t at, due, done;
};

int store_report_visits(struct store *s, int64_t branch_id, int64_t from, int64_t to,
			struct arena *a, struct visit_fact **out, size_t *n, struct fd_error *err);
int store_report_requests(struct store *s, int64_t branch_id, int64_t from, int64_t to,
			  struct arena *a, struct request_fact **out, size_t *n,
			  struct fd_error *err);
int store_report_events(struct store *s, enum event_fact_kind kind, int64_t branch_id, int64_t from,
			int64_t to, struct arena *a, struct event_fact **out, size_t *n,
			struct fd_error *err);
/* The shifts at a branch that overlap [from, to), rather than began in it: a day's closing
 * (CS-HOURS) depends on who was on duty then, whenever they came on. In the order they began;
 * off_at 0 while still on. */
struct duty_fact {
	int64_t on_at, off_at;
};
int store_report_duty(struct store *s, int64_t branch_id, int64_t from, int64_t to, struct arena *a,
		      struct duty_fact **out, size_t *n, struct fd_error *err);

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
