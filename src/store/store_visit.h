/* Visits to the desk, the opening log, roving help and the queue events. */
#ifndef STORE_STORE_VISIT_H
#define STORE_STORE_VISIT_H
#include "store/store.h"
#include "store/store_staff.h"

struct visit {
	int64_t id, branch_id;
	const char *branch_code, *local_day;
	int ticket;
	enum channel channel;
	int64_t customer_id; /* 0: none */
	const char *customer_card, *customer_name;
	int64_t customer_registered_at;
	bool new_customer;
	const char *note;
	enum visit_state state;
	int64_t arrived_at, queue_at;
	bool resumed;
	int64_t acknowledged_at, acknowledged_by, called_at, started_at, finished_at;
	int64_t served_by; /* 0: nobody yet */
	const char *served_by_login, *served_by_name;
	enum role served_by_role;
	int64_t hold_at;
	const char *callback_phone;
	int64_t callback_promised_at, callback_done_at;
	enum tour_outcome tour;
	int64_t tour_at;
	const char *desk;	/* the desk it was called to (the server's desk then); NULL: none */
	enum joined joined;	/* the ticket taken at the desk or by the customer's phone */
	const char *language;	/* the language code the customer asked for; NULL: not said */
	const char *first_name; /* as the customer gave it; NULL: not given */
	enum visit_reason reason;   /* REASON_NONE: not said */
	int renewed, renew_refused; /* a renewal call's items renewed and refused: counts only */
};

/* Inserts v (branch, day, channel, customer, flag, note, arrived_at, and how it joined with
 * its language, first name and reason) with the day's next ticket; fills v->id. */
int store_visit_insert(struct store *s, struct visit *v, struct fd_error *err);
int store_visit_get(struct store *s, int64_t id, struct arena *a, struct visit *out,
		    struct fd_error *err);
/* A branch's visits still in play, and today's no-shows, oldest first. */
int store_visit_list_open(struct store *s, int64_t branch_id, const char *local_day,
			  struct arena *a, struct visit **out, size_t *n, struct fd_error *err);
/* Every visit linked to a customer, oldest first (the link goes at retention: CS-CONFIDENTIAL). */
int store_visit_list_customer(struct store *s, int64_t customer_id, struct arena *a,
			      struct visit **out, size_t *n, struct fd_error *err);
/* Writes back every field that a desk action changes. */
int store_visit_update(struct store *s, const struct visit *v, struct fd_error *err);
/* Adds to a visit's counts of items renewed and refused (schema 35: never which items). */
int store_visit_renewal_count(struct store *s, int64_t visit_id, int renewed, int refused,
			      struct fd_error *err);
/* Links the customer customer_id to a visit that has none: FD_ECONFLICT when it has one. */
int store_visit_link_customer(struct store *s, int64_t visit_id, int64_t customer_id,
			      struct fd_error *err);
/* Has a renewal been sent on the visit since the queue's event first_event_id ("visit.renewal"
 * events from that one on)? */
int store_visit_renewal_since(struct store *s, int64_t visit_id, int64_t first_event_id, bool *sent,
			      struct fd_error *err);
/* Service times in seconds of the latest (up to 20) visits finished since since. */
int store_visit_service_times(struct store *s, int64_t branch_id, int64_t since, struct arena *a,
			      int **out, size_t *n, struct fd_error *err);
/* *any: does at least one walk-in wait at the branch (any day's line still open)? */
int store_visit_walkin_waiting(struct store *s, int64_t branch_id, bool *any, struct fd_error *err);
/* *busy: is staff_id serving a customer at the branch now? *walkin: one in the library? */
int store_visit_serving_by(struct store *s, int64_t branch_id, int64_t staff_id, bool *busy,
			   bool *walkin, struct fd_error *err);
/* *n: customers waiting at the branch, in the line or on hold. */
int store_visit_waiting_count(struct store *s, int64_t branch_id, int64_t *n, struct fd_error *err);
int store_visit_served_count(struct store *s, int64_t branch_id, const char *local_day, int64_t *n,
			     struct fd_error *err);

struct opening {
	int64_t opened_at;
	int late_s; /* -1: not an advertised opening day */
	struct staff by;
};

int store_opening_insert(struct store *s, int64_t branch_id, const char *local_day,
			 int64_t opened_at, int64_t staff_id, int late_s, struct fd_error *err);
int store_opening_get(struct store *s, int64_t branch_id, const char *local_day, struct arena *a,
		      struct opening *out, bool *found, struct fd_error *err);
int store_roving_insert(struct store *s, int64_t branch_id, int64_t staff_id, int64_t at,
			struct fd_error *err);
int store_roving_count(struct store *s, int64_t branch_id, int64_t since, int64_t *n,
		       struct fd_error *err);

struct queue_event {
	int64_t id, visit_id, at;
	const char *branch_code, *kind;
};

/* Records that a branch's queue changed, for every node's live desks. */
int store_event_append(struct store *s, int64_t branch_id, const char *kind, int64_t visit_id,
		       int64_t now, struct fd_error *err);
int store_events_since(struct store *s, int64_t after_id, struct arena *a, struct queue_event **out,
		       size_t *n, struct fd_error *err);
int store_event_max(struct store *s, int64_t *id, struct fd_error *err);
/* Waits up to timeout_ms for a sign that events may have been added, by this node or
 * another (PostgreSQL: LISTEN; SQLite: a short sleep, the caller then polls). */
int store_event_wait(struct store *s, int timeout_ms, struct fd_error *err);

/* A branch's id and the newest queue event anywhere, read at one instant (one statement);
 * FD_ENOTFOUND when there is no such branch. */
int store_queue_stamp(struct store *s, const char *code, int64_t *branch_id, int64_t *last_event,
		      struct fd_error *err);

/* A ticket taken by phone (schema 31): the hash of its page's secret, of the device's cookie,
 * and the address it came from. */
int store_join_insert(struct store *s, const char *secret_hash, int64_t visit_id, int64_t branch_id,
		      const char *device_hash, const char *address, int64_t now,
		      struct fd_error *err);
/* The visit of the ticket whose secret hashes to secret_hash; FD_ENOTFOUND when none. */
int store_join_find(struct store *s, const char *secret_hash, int64_t *visit_id,
		    struct fd_error *err);
/* The states of the device's tickets at the branch taken since since (in a), oldest first. */
int store_join_device_states(struct store *s, int64_t branch_id, const char *device_hash,
			     int64_t since, struct arena *a, enum visit_state **out, size_t *n,
			     struct fd_error *err);
/* Retention: forgets the device and address of phone tickets taken at or before before; *n
 * says how many. */
int store_join_forget(struct store *s, int64_t before, int64_t *n, struct fd_error *err);
/* *n: tickets taken by phone at the branch from address since since. */
int store_join_address_count(struct store *s, int64_t branch_id, const char *address, int64_t since,
			     int64_t *n, struct fd_error *err);

/* Shift handover (store_handover.h): the callbacks a person holds, and passing one to
 * another (0: nobody). */
int store_callbacks_held(struct store *s, int64_t staff_id, struct arena *a, struct visit **out,
			 size_t *n, struct fd_error *err);
int store_visit_hand_to(struct store *s, int64_t visit_id, int64_t staff_id, struct fd_error *err);

#endif
