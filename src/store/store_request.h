/* Requests, the alternatives offered for them, their history, and the retention purge. */
#ifndef STORE_STORE_REQUEST_H
#define STORE_STORE_REQUEST_H
#include "store/store.h"

/* What a reference request's text becomes after its retention (CS-CONFIDENTIAL). */
#define REQUEST_TEXT_PURGED "(purged after the retention period)"

struct request_rec {
	int64_t id, branch_id, visit_id, customer_id;
	const char *branch_code, *customer_card, *customer_name;
	enum request_kind kind;
	const char *text;
	int64_t text_retain_until; /* 0: kept */
	bool closed;
	enum request_level level;
	int64_t holder_id; /* 0: Headquarters, or nobody */
	const char *holder_login, *holder_name;
	enum role holder_role;
	int64_t created_by, created_at;
	const char *created_by_login, *created_by_name;
	enum role created_by_role;
	enum request_outcome outcome;
	int64_t closed_at, closed_by;
	const char *close_note;
};

struct request_alt {
	int64_t id;
	enum alt_kind kind;
	const char *note;
	int accepted; /* -1: no answer yet, 0: declined, 1: accepted */
	const char *offered_by_login;
	int64_t offered_at, answered_at;
};

struct request_history {
	int64_t at;
	const char *login, *name, *action, *detail;
};

/* Inserts r (branch, visit, customer, kind, text, retention, created_by as holder, created_at)
 * and fills r->id. */
int store_request_insert(struct store *s, struct request_rec *r, struct fd_error *err);
/* Links the customer to request id if it has none yet; FD_ECONFLICT if it has one. */
int store_request_link_customer(struct store *s, int64_t id, int64_t customer_id,
				struct fd_error *err);
int store_request_get(struct store *s, int64_t id, struct arena *a, struct request_rec *out,
		      struct fd_error *err);
/* Open requests: of a branch (branch_id), held by a person (holder_id), or at Headquarters
 * (both 0), oldest first. */
int store_request_list_open(struct store *s, int64_t branch_id, int64_t holder_id, struct arena *a,
			    struct request_rec **out, size_t *n, struct fd_error *err);
/* Writes back status, level, holder and closing. */
int store_request_update(struct store *s, const struct request_rec *r, struct fd_error *err);
/* accepted: -1 not answered yet, 0 declined, 1 accepted. */
int store_alt_insert(struct store *s, int64_t request_id, enum alt_kind kind, const char *note,
		     int accepted, int64_t by, int64_t at, struct fd_error *err);
int store_alt_answer(struct store *s, int64_t request_id, int64_t alt_id, bool accepted, int64_t at,
		     struct fd_error *err);
int store_alt_list(struct store *s, int64_t request_id, struct arena *a, struct request_alt **out,
		   size_t *n, struct fd_error *err);
int store_request_history_add(struct store *s, int64_t request_id, int64_t at, int64_t staff_id,
			      const char *action, const char *detail, struct fd_error *err);
int store_request_history(struct store *s, int64_t request_id, struct arena *a,
			  struct request_history **out, size_t *n, struct fd_error *err);

/* Requests about a customer, oldest first (their history: CS-NOBIAS). */
int store_request_list_customer(struct store *s, int64_t customer_id, struct arena *a,
				struct request_rec **out, size_t *n, struct fd_error *err);

/* Retention: the text of at most STORE_PURGE_BATCH reference questions whose date has come
 * (oldest first); *texts says how many. Fewer than a batch: none is left. */
#define STORE_PURGE_BATCH 1000
int store_purge_texts(struct store *s, int64_t now, int64_t *texts, struct fd_error *err);
/* Retention: who visits over before visits_before were for (their customer, a first name
 * given); *visits says how many. */
int store_purge_visits(struct store *s, int64_t visits_before, int64_t *visits,
		       struct fd_error *err);

#endif
