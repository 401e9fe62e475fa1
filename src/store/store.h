/* The one storage interface. Services speak domain structs; SQL and the database library
 * live behind it (SQLite now, PostgreSQL later), so nothing above knows which it is on.
 * Strings in results are allocated from the caller's arena. */
#ifndef STORE_STORE_H
#define STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/error.h"
#include "base/vocab.h"

struct store;

/* How long a caller refused because the database is away is told to wait (Retry-After). */
#define STORE_RETRY_AFTER_S 2

/* url: "sqlite:PATH", "sqlite://PATH" or a bare path, or "postgresql://…". SQLite: sets WAL,
 * synchronous=FULL, foreign keys and the busy timeout. PostgreSQL: keepalives and a TCP
 * timeout from t->network_ms and a bound of t->statement_ms on each statement, unless the
 * URL says otherwise (docs/operations.md). The caller frees with store_close. */
int store_open(const char *url, const struct db_timeouts *t, struct store **out,
	       struct fd_error *err);
/* As store_open, for a database that must exist already: a SQLite file that is not there
 * is not made, and fails with FD_ENOTFOUND (the commands other than init and demo). */
int store_open_existing(const char *url, const struct db_timeouts *t, struct store **out,
			struct fd_error *err);
/* As store_open, for a request thread's connection that lives as long as the server: a
 * PostgreSQL server that cannot be reached now is no error, the connection being made at
 * its first use, and while the server leaves it without an answer it fails at once rather
 * than keep its thread waiting; a SQLite file that is not there is not made anew, and fails
 * with FD_EUNAVAILABLE and a reason anyone may read, as store_ping's ("unusable: ..."). (Every
 * PostgreSQL connection is made again by itself after the server restarts.) */
int store_open_pooled(const char *url, const struct db_timeouts *t, struct store **out,
		      struct fd_error *err);
void store_close(struct store *s);
/* /healthz: a cheap query on this connection that reads the schema's version into *schema,
 * answered within timeout_ms. Fails with FD_EUNAVAILABLE and a short reason meant for anyone
 * to read ("unreachable: connection refused"); the details go to the log. */
int store_ping(struct store *s, int timeout_ms, int64_t *schema, struct fd_error *err);
/* How many times this connection was made again after it was lost (0 on SQLite): whoever
 * waits on it for events may have missed some meanwhile. */
uint64_t store_reconnects(const struct store *s);
/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *s);
/* Applies the migrations not yet applied; *applied (may be NULL) says how many. */
int store_migrate(struct store *s, int *applied, struct fd_error *err);
/* An online, consistent copy of the whole database into the file path (SQLite; PostgreSQL
 * installations back up with pg_dump). */
int store_backup(struct store *s, const char *path, struct fd_error *err);
/* SQLite: this connection's commits leave checkpoints of the WAL to store_checkpoint, which
 * serve's worker runs in the background, so no desk's request pays for copying the log
 * into the database. A no-op on PostgreSQL. */
void store_manual_checkpoints(struct store *s);
int store_checkpoint(struct store *s, struct fd_error *err);
/* SQLite: this connection's commits return before they are on disk, each leaving a ticket
 * (store_unsynced) to be waited for with store_sync_through, so that the thread that made
 * one can serve others meanwhile and one sync covers many. No-ops on PostgreSQL, whose
 * commits are on disk when they return. */
void store_defer_sync(struct store *s);
/* Can s's commits be deferred at all? (false: PostgreSQL, whose commits need no waiting) */
bool store_defers_sync(const struct store *s);
/* The ticket of this connection's newest commit not yet waited for, then 0 until the next. */
uint64_t store_unsynced(struct store *s);
/* Returns once every commit up to ticket, of any connection in this process, is on disk. */
int store_sync_through(struct store *s, uint64_t ticket, struct fd_error *err);
/* Does the database have its schema? (false before `frontdesk init`) */
int store_is_initialised(struct store *s, bool *yes, struct fd_error *err);
/* How many of this version's migrations the database has not had (0: up to date). */
int store_migrations_pending(struct store *s, int *pending, struct fd_error *err);
/* The file of a SQLite database URL (a pointer into url); NULL for PostgreSQL. */
const char *store_sqlite_file(const char *url);
/* The backend a URL names, as store_backend calls it: "sqlite" or "postgresql". */
const char *store_url_backend(const char *url);

/* One transaction per service call; write ones take the write lock up front. */
int store_begin(struct store *s, bool write, struct fd_error *err);
int store_commit(struct store *s, struct fd_error *err);
void store_rollback(struct store *s);
/* Counts the write transactions committed in this process: equal counts mean none committed
 * in between (other processes' writes are not counted). */
uint64_t store_generation(void);

struct branch {
	int64_t id;
	const char *code, *name, *time_zone, *hours, *phone;
	bool headquarters;
	int ack_target_s;    /* CS-ACK: acknowledge a waiting customer within this */
	int no_show_after_s; /* a customer called with `next` may be marked no-show after this */
};

int store_branch_insert(struct store *s, const struct branch *b, int64_t now, int64_t *id,
			struct fd_error *err);
int store_branch_get(struct store *s, const char *code, struct arena *a, struct branch *out,
		     struct fd_error *err);
int store_branch_get_by_id(struct store *s, int64_t id, struct arena *a, struct branch *out,
			   struct fd_error *err);
int store_branch_list(struct store *s, struct arena *a, struct branch **out, size_t *n,
		      struct fd_error *err);
int store_branch_count(struct store *s, int64_t *n, struct fd_error *err);
/* Queue changes at one branch take turns (PostgreSQL: a row lock; SQLite: the write lock). */
int store_branch_lock(struct store *s, int64_t id, struct fd_error *err);

/* The records whose branch decides who may see or touch them (CS-SCOPE). */
enum record_kind {
	RECORD_BRANCH, /* the key is a branch code */
	RECORD_VISIT,  /* the others' keys are their ids, as text */
	RECORD_REQUEST,
	RECORD_COMPLAINT,
	RECORD_SITUATION,
	RECORD_INCIDENT,
	RECORD_RESTRICTION,
	RECORD_JUDGEMENT,
	RECORD_FETCH,
	RECORD__MAX
};
/* The branch a record belongs to; FD_ENOTFOUND when there is no such record. One statement:
 * it needs no transaction around it. */
int store_record_branch(struct store *s, enum record_kind kind, const char *key, int64_t *branch_id,
			struct fd_error *err);

struct staff {
	int64_t id;
	const char *login, *name, *email, *phone;
	enum role role;
	int64_t branch_id;	   /* 0: none */
	const char *branch_code;   /* NULL: none */
	const char *password_hash; /* NULL: no password login */
	const char *service_start; /* YYYY-MM-DD */
	bool active;
	int64_t created_at, last_login_at;
	int64_t duty_branch_id;	      /* on duty there now; 0: off duty */
	const char *duty_branch_code; /* NULL: off duty */
};

int store_staff_insert(struct store *s, const struct staff *st, int64_t now, int64_t *id,
		       struct fd_error *err);
int store_staff_get(struct store *s, const char *login, struct arena *a, struct staff *out,
		    struct fd_error *err);
int store_staff_get_by_id(struct store *s, int64_t id, struct arena *a, struct staff *out,
			  struct fd_error *err);
/* All accounts, or those of one branch when branch_id is not 0, by login. */
int store_staff_list(struct store *s, int64_t branch_id, struct arena *a, struct staff **out,
		     size_t *n, struct fd_error *err);
int store_staff_set_active(struct store *s, int64_t id, bool active, struct fd_error *err);
int store_staff_set_password(struct store *s, int64_t id, const char *hash, struct fd_error *err);
int store_staff_set_last_login(struct store *s, int64_t id, int64_t at, struct fd_error *err);
/* Writes st's name, role, home branch, email, phone and service start to account st->id. */
int store_staff_update(struct store *s, const struct staff *st, struct fd_error *err);

struct duty {
	struct staff staff;
	int64_t branch_id;
	const char *branch_code;
	int64_t on_at;
};

int store_duty_open(struct store *s, int64_t staff_id, int64_t branch_id, int64_t now,
		    struct fd_error *err);
/* Closes the staff member's open duty, if any; *closed says whether there was one. */
int store_duty_close(struct store *s, int64_t staff_id, int64_t now, bool *closed,
		     struct fd_error *err);
/* The staff member's open duty; *found false when off duty. */
int store_duty_current(struct store *s, int64_t staff_id, struct arena *a, struct duty *out,
		       bool *found, struct fd_error *err);
/* Everyone on duty at a branch, in the order they clocked on. */
int store_duty_list(struct store *s, int64_t branch_id, struct arena *a, struct duty **out,
		    size_t *n, struct fd_error *err);
/* A shift that is over already, whole (the demo's made-up past). */
int store_duty_record(struct store *s, int64_t staff_id, int64_t branch_id, int64_t on_at,
		      int64_t off_at, struct fd_error *err);

struct session {
	int64_t id, staff_id, created_at, last_seen_at;
	const char *csrf_token;
};

/* A session for staff_id, opened from address (as the web layer resolved it). */
int store_session_insert(struct store *s, const char *token_hash, int64_t staff_id,
			 const char *csrf_token, const char *address, int64_t now,
			 struct fd_error *err);
/* *found false when there is no such session. */
int store_session_get(struct store *s, const char *token_hash, struct arena *a, struct session *out,
		      bool *found, struct fd_error *err);
int store_session_touch(struct store *s, int64_t id, int64_t now, struct fd_error *err);
int store_session_delete(struct store *s, const char *token_hash, struct fd_error *err);
int store_session_delete_for_staff(struct store *s, int64_t staff_id, struct fd_error *err);

int store_token_insert(struct store *s, const char *token_hash, int64_t staff_id, int64_t now,
		       struct fd_error *err);

/* Until the write transaction ends, other attempts at this login or from this address wait
 * here: call it first, so that the counts read next stay true until the attempt is added. */
int store_login_lock(struct store *s, const char *login, const char *address, struct fd_error *err);
/* Failed logins by the login tried (whether or not it exists) and the address. */
int store_login_failure_add(struct store *s, const char *login, const char *address, int64_t now,
			    struct fd_error *err);
struct login_history {
	int64_t pair, pair_last_at;	  /* this login from this address */
	int64_t address, address_last_at; /* this address, any login */
	int64_t login, login_last_at;	  /* this login, any address */
	bool familiar; /* it succeeded from this address at or after familiar_since */
};
/* Failures at or after since, counted three ways, each with the time of the latest. */
int store_login_history(struct store *s, const char *login, const char *address, int64_t since,
			int64_t familiar_since, struct login_history *out, struct fd_error *err);
/* A success: this login's failures from this address are cleared and the address is
 * familiar to it from now. */
int store_login_succeeded(struct store *s, const char *login, const char *address, int64_t now,
			  struct fd_error *err);
/* Forgets failures before failures_before and familiar addresses last used before
 * familiar_before. */
int store_login_forget(struct store *s, int64_t failures_before, int64_t familiar_before,
		       struct fd_error *err);

struct customer {
	int64_t id;
	const char *card, *name, *phone, *email, *card_status;
	int64_t registered_at;
};

int store_customer_insert(struct store *s, const struct customer *c, int64_t now, int64_t *id,
			  struct fd_error *err);
int store_customer_get(struct store *s, const char *card, struct arena *a, struct customer *out,
		       struct fd_error *err);

struct audit_entry {
	int64_t id, at;
	const char *login; /* who; NULL for the system */
	const char *action, *object_kind, *object_key, *source;
	int64_t staff_branch_id; /* the home branch of who did it (0: none, or the system) */
};

/* Appends an entry chained to the one before (BLAKE2b over the previous hash and every
 * field), so an entry changed or removed later shows. source: where the request came from. */
int store_audit_append(struct store *s, int64_t staff_id, const char *source, const char *action,
		       const char *object_kind, const char *object_key, int64_t now,
		       struct fd_error *err);
/* Walks the chain: *checked entries; *bad_id the first that does not fit (0: none). */
int store_audit_verify(struct store *s, int64_t *checked, int64_t *bad_id, struct fd_error *err);
/* The newest entry (id 0: the log is empty). */
struct audit_head {
	int64_t id, at;
	const char *hash;
};
int store_audit_head(struct store *s, struct arena *a, struct audit_head *out,
		     struct fd_error *err);
/* The hash entry id has now; NULL when there is no such entry. */
int store_audit_entry_hash(struct store *s, int64_t id, struct arena *a, const char **hash,
			   struct fd_error *err);

/* A signed statement that entry audit_id, with hash head_hash, was the head of the audit log
 * at `at` (service/audit.c), so that a log cut short shows. */
struct audit_anchor {
	int64_t id, audit_id, at;
	const char *head_hash, *signature;
	int64_t witnessed_at;	/* when it was emailed to the witness (0: it was not) */
	const char *entry_hash; /* read back: the hash entry audit_id has now (NULL: none) */
};
/* Inside a write transaction: one anchorer at a time, across nodes. */
int store_anchor_lock(struct store *s, struct fd_error *err);
int store_anchor_insert(struct store *s, const struct audit_anchor *an, int64_t *id,
			struct fd_error *err);
/* The newest anchor; *found false when there is none. */
int store_anchor_last(struct store *s, struct arena *a, struct audit_anchor *out, bool *found,
		      struct fd_error *err);
/* The anchors after anchor after_id, oldest first, at most ANCHOR_PAGE of them. */
#define ANCHOR_PAGE 1000
int store_anchor_page(struct store *s, int64_t after_id, struct arena *a, struct audit_anchor **out,
		      size_t *n, struct fd_error *err);
int store_anchor_witnessed(struct store *s, int64_t id, int64_t at, struct fd_error *err);
/* When an anchor was last emailed to the witness (0: never). */
int store_anchor_last_witnessed(struct store *s, int64_t *at, struct fd_error *err);
/* Retention: reference questions' text whose date has come, and the customer of visits
 * finished before visits_before; *texts and *visits say how many. */
int store_purge(struct store *s, int64_t now, int64_t visits_before, int64_t *texts,
		int64_t *visits, struct fd_error *err);
/* Revokes the token with this hash; *found false when there is no such live token. */
int store_token_revoke(struct store *s, const char *token_hash, int64_t now, bool *found,
		       struct fd_error *err);
int store_audit_list(struct store *s, const char *object_kind, const char *object_key,
		     struct arena *a, struct audit_entry **out, size_t *n, struct fd_error *err);

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
};

/* Inserts v (branch, day, channel, customer, flag, note, arrived_at) with the day's next
 * ticket; fills v->id. */
int store_visit_insert(struct store *s, struct visit *v, struct fd_error *err);
int store_visit_get(struct store *s, int64_t id, struct arena *a, struct visit *out,
		    struct fd_error *err);
/* A branch's visits still in play, and today's no-shows, oldest first. */
int store_visit_list_open(struct store *s, int64_t branch_id, const char *local_day,
			  struct arena *a, struct visit **out, size_t *n, struct fd_error *err);
/* Writes back every field that a desk action changes. */
int store_visit_update(struct store *s, const struct visit *v, struct fd_error *err);
/* Service times in seconds of the latest (up to 20) visits finished since since. */
int store_visit_service_times(struct store *s, int64_t branch_id, int64_t since, struct arena *a,
			      int **out, size_t *n, struct fd_error *err);
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

struct recipient {
	const char *email, *name;
};

/* Active staff of a role with an email address; of one branch when branch_id is not 0. */
int store_recipients(struct store *s, enum role role, int64_t branch_id, struct arena *a,
		     struct recipient **out, size_t *n, struct fd_error *err);

struct outbox_msg {
	int64_t id, created_at, sent_at;
	const char *to_addr, *to_name, *subject, *body;
	const char *message_id; /* "left@right", the same at every attempt; NULL before schema 19 */
	int attempts;
	const char *about_kind; /* what it is about: "incident" messages carry the report's PDF */
	int64_t about_id;
};

int store_outbox_insert(struct store *s, const struct outbox_msg *m, const char *about_kind,
			int64_t about_id, int64_t now, int64_t *id, struct fd_error *err);
/* Takes the oldest message due at now for lease_s seconds; *found false when none is due. */
int store_outbox_claim(struct store *s, int64_t now, int lease_s, struct arena *a,
		       struct outbox_msg *out, bool *found, struct fd_error *err);
/* Gives a notice queued without one its Message-ID (message_id), unless it has one now. */
int store_outbox_set_message_id(struct store *s, int64_t id, const char *message_id,
				struct fd_error *err);
int store_outbox_sent(struct store *s, int64_t id, int64_t at, struct fd_error *err);
int store_outbox_retry(struct store *s, int64_t id, int64_t next_at, const char *error,
		       struct fd_error *err);
/* The messages about a record (body left out). */
int store_outbox_about(struct store *s, const char *kind, int64_t id, struct arena *a,
		       struct outbox_msg **out, size_t *n, struct fd_error *err);
int store_outbox_pending(struct store *s, int64_t *n, struct fd_error *err);

struct person {
	const char *login, *name; /* NULL login: nobody */
	enum role role;
};

struct complaint {
	int64_t id, branch_id;
	const char *branch_code, *customer_card, *customer_name, *text, *policy_section;
	struct person taken_by;
	int64_t taken_at;
	bool hq_contact_required, manager_notified;
	int64_t referred_director_at, referred_by;
	const char *resolution;
	int64_t resolved_at;
	struct person hq_contact; /* whom at Headquarters a substitute contacted (CS-DIFFICULT) */
	int64_t hq_contacted_at;
	int64_t customer_id, taken_by_id; /* for inserting */
};

int store_complaint_insert(struct store *s, struct complaint *c, struct fd_error *err);
int store_complaint_get(struct store *s, int64_t id, struct arena *a, struct complaint *out,
			struct fd_error *err);
/* A branch's latest complaints, or (branch_id 0) those referred to the Director and open. */
int store_complaint_list(struct store *s, int64_t branch_id, struct arena *a,
			 struct complaint **out, size_t *n, struct fd_error *err);
int store_complaint_update(struct store *s, const struct complaint *c, struct fd_error *err);
/* A customer's complaints, oldest first (CS-NOBIAS: for managers' eyes). */
int store_complaint_list_customer(struct store *s, int64_t customer_id, struct arena *a,
				  struct complaint **out, size_t *n, struct fd_error *err);

struct situation {
	int64_t id, branch_id;
	const char *branch_code, *text;
	bool private_area, in_charge_included, flagged, hq_contact_required, manager_notified;
	struct person witness, recorded_by, hq_contact;
	int64_t recorded_at, hq_contacted_at;
	int64_t witness_id, recorded_by_id; /* for inserting */
};

int store_situation_insert(struct store *s, struct situation *x, struct fd_error *err);
int store_situation_get(struct store *s, int64_t id, struct arena *a, struct situation *out,
			struct fd_error *err);
int store_situation_list(struct store *s, int64_t branch_id, bool flagged_only, struct arena *a,
			 struct situation **out, size_t *n, struct fd_error *err);

struct judgement {
	int64_t id, branch_id;
	const char *branch_code, *situation, *decision;
	bool hq_reachable;
	bool by_phone;		  /* the branch manager decided by phone, away from the branch */
	bool manager_unreachable; /* the assistant librarian decided: the manager was not reached */
	struct person decided_by, acknowledged_by;
	int64_t decided_at, acknowledged_at;
	int64_t decided_by_id; /* for inserting */
};

int store_complaint_hq_contact(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			       struct fd_error *err);
int store_situation_hq_contact(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			       struct fd_error *err);

int store_judgement_insert(struct store *s, struct judgement *j, struct fd_error *err);
int store_judgement_get(struct store *s, int64_t id, struct arena *a, struct judgement *out,
			struct fd_error *err);
int store_judgement_list_open(struct store *s, struct arena *a, struct judgement **out, size_t *n,
			      struct fd_error *err);
/* FD_ECONFLICT when it was acknowledged already. */
int store_judgement_ack(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			struct fd_error *err);

/* CS-DIFFICULT: someone who may not handle a case fetched the person in charge. */
struct fetch {
	int64_t id, branch_id;
	const char *branch_code, *about, *note;	 /* about: complaint, situation, incident, other */
	struct person asked_by, to, answered_by; /* to: nobody means Headquarters */
	int64_t asked_at, answered_at;
	int64_t asked_by_id, to_id; /* for inserting */
};

int store_fetch_insert(struct store *s, struct fetch *f, struct fd_error *err);
int store_fetch_get(struct store *s, int64_t id, struct arena *a, struct fetch *out,
		    struct fd_error *err);
/* A branch's calls not answered yet, or (branch_id 0) those that went to Headquarters
 * because nobody was in charge; oldest first. */
int store_fetch_list_open(struct store *s, int64_t branch_id, struct arena *a, struct fetch **out,
			  size_t *n, struct fd_error *err);
/* FD_ECONFLICT when it was answered already. */
int store_fetch_answer(struct store *s, int64_t id, int64_t staff_id, int64_t at,
		       struct fd_error *err);

struct section {
	int64_t id;
	const char *key, *policy, *title, *text, *rationale, *rules, *approved_on;
	int version;
	bool current;
	int64_t created_at, created_by;
	const char *snippet; /* search results: highlights between bytes 2 and 3 */
};

/* Inserts a version of a section (retiring the current one of the same key) and fills
 * s->id and s->version. */
int store_section_insert(struct store *s, struct section *sec, struct fd_error *err);
int store_section_get(struct store *s, int64_t id, struct arena *a, struct section *out,
		      struct fd_error *err);
int store_section_list(struct store *s, struct arena *a, struct section **out, size_t *n,
		       struct fd_error *err);
/* The current sections that are the text of rule (a CS- id). */
int store_section_by_rule(struct store *s, const char *rule, struct arena *a, struct section **out,
			  size_t *n, struct fd_error *err);
/* Full-text search of the current sections: stemmed, ranked, the last word as a prefix. */
int store_section_search(struct store *s, const char *query, struct arena *a, struct section **out,
			 size_t *n, struct fd_error *err);
int store_section_ack(struct store *s, int64_t staff_id, int64_t section_id, int64_t at,
		      struct fd_error *err);
int store_section_acked(struct store *s, int64_t staff_id, int64_t section_id, bool *yes,
			struct fd_error *err);

struct unread {
	struct person who;
	int64_t section_id;
	const char *title;
	int version;
};

/* The branch's active staff and the current sections each has not acknowledged. */
int store_section_unread(struct store *s, int64_t branch_id, struct arena *a, struct unread **out,
			 size_t *n, struct fd_error *err);

struct incident_person {
	const char *name, *kind, *part, *injuries;
};

struct addendum {
	int64_t id, signed_at;
	const char *text, *signed_by_login, *signed_name, *signature;
	const char *signed_text; /* the exact text signed; NULL for form 1 (before schema 17) */
};

struct incident {
	int64_t id, branch_id;
	const char *branch_code, *branch_name;
	int64_t occurred_at, due_at;
	enum incident_category category;
	const char *narrative, *actions_taken;
	bool police_called;
	struct person reported_by, hq_taken_by, signed_by;
	int64_t reported_by_id, hq_taken_by_id, signed_by_id;
	int64_t holder_id; /* who is to finish the draft, when not its reporter (a handover) */
	int64_t created_at, hq_notified_at, business_manager_contacted_at, signed_at;
	const char *signed_name, *signature;
	const char *signed_text; /* the exact text signed; NULL for form 1 (before schema 17) */
	struct incident_person *people;
	size_t npeople;
	struct addendum *addenda;
	size_t naddenda;
};

/* Inserts the draft (branch, occurred/due, category, texts, police, reporter, created) and
 * its people; fills i->id. */
int store_incident_insert(struct store *s, struct incident *i, struct fd_error *err);
/* The report with its people and addenda. */
int store_incident_get(struct store *s, int64_t id, struct arena *a, struct incident *out,
		       struct fd_error *err);
/* Writes back a draft's facts, its verbal report to Headquarters and its Business Manager
 * contact, and replaces its people when replace_people. FD_ECONFLICT once it is signed:
 * whatever copy the caller read, a signature is never written over. */
int store_incident_update(struct store *s, const struct incident *i, bool replace_people,
			  struct fd_error *err);
/* Records i's signature (signed_at, signed_by_id, signed_name, signature, signed_text) on the
 * draft; FD_ECONFLICT when the report is signed already. */
int store_incident_sign(struct store *s, const struct incident *i, struct fd_error *err);
/* A branch's reports (branch_id), every branch's (0), or those overdue at now (overdue). */
int store_incident_list(struct store *s, int64_t branch_id, bool overdue, int64_t now,
			struct arena *a, struct incident **out, size_t *n, struct fd_error *err);
int store_incident_addendum_insert(struct store *s, int64_t incident_id, const struct addendum *ad,
				   int64_t signed_by, struct fd_error *err);
/* The installation's public signing key (base64); *found false before the first. The secret
 * half is never in the database: service/signing.c keeps it in a key file. */
int store_signing_key(struct store *s, struct arena *a, const char **public_key, bool *found,
		      struct fd_error *err);
/* Stores the public key unless one exists already (then the existing one stays). */
int store_signing_key_insert(struct store *s, const char *public_key, int64_t now,
			     struct fd_error *err);
/* A database from before migration 18 may hold the secret key too, as older versions kept
 * it: the pair (base64), *found false when there is none (or the schema is newer). */
int store_signing_key_legacy(struct store *s, struct arena *a, const char **public_key,
			     const char **secret_key, bool *found, struct fd_error *err);
/* Blanks that secret key, once it is safe in its key file. */
int store_signing_key_legacy_erase(struct store *s, struct fd_error *err);

struct restriction {
	int64_t id, customer_id, branch_id;
	const char *customer_card, *customer_name, *branch_code, *scope, *reason;
	int64_t starts_at, ends_at; /* ends_at 0: until lifted */
	int64_t incident_id;
	struct person issued_by;
	int64_t issued_by_id, lifted_at, lifted_by, appealed_at;
	const char *appeal_note, *appeal_outcome;
};

int store_restriction_insert(struct store *s, struct restriction *r, struct fd_error *err);
int store_restriction_get(struct store *s, int64_t id, struct arena *a, struct restriction *out,
			  struct fd_error *err);
int store_restriction_list(struct store *s, int64_t customer_id, struct arena *a,
			   struct restriction **out, size_t *n, struct fd_error *err);
int store_restriction_count(struct store *s, int64_t customer_id, const char *scope, int64_t *n,
			    struct fd_error *err);
/* Writes back the end, the lifting and the appeal. */
int store_restriction_update(struct store *s, const struct restriction *r, struct fd_error *err);

struct attachment {
	int64_t id, size_bytes, added_at;
	const char *name, *content_type;
	const char *sha256; /* of the bytes, hex, recorded when stored (NULL before schema 17) */
	const unsigned char *data; /* only from store_attachment_get */
	size_t data_len;	   /* with data: how many bytes are stored */
};

/* Stores a file on a draft; FD_ECONFLICT once the report is signed. */
int store_attachment_insert(struct store *s, int64_t incident_id, const struct attachment *at,
			    int64_t added_by, struct fd_error *err);
/* Records the hash of an attachment stored before hashes were (at its report's signing). */
int store_attachment_set_sha256(struct store *s, int64_t id, const char *sha256,
				struct fd_error *err);
int store_attachment_list(struct store *s, int64_t incident_id, struct arena *a,
			  struct attachment **out, size_t *n, struct fd_error *err);
int store_attachment_get(struct store *s, int64_t incident_id, int64_t id, struct arena *a,
			 struct attachment *out, struct fd_error *err);
/* Unsigned reports falling due between now and until that were not warned about yet. */
int store_incident_due_soon(struct store *s, int64_t now, int64_t until, struct arena *a,
			    struct incident **out, size_t *n, struct fd_error *err);
int store_incident_warned(struct store *s, int64_t id, int64_t at, struct fd_error *err);

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
/* Requests about a customer, oldest first (their history: CS-NOBIAS). */
int store_request_list_customer(struct store *s, int64_t customer_id, struct arena *a,
				struct request_rec **out, size_t *n, struct fd_error *err);

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

/* The branch calendar. A day is "YYYY-MM-DD". */
struct calendar_entry {
	const char *day;
	bool closed;		     /* a branch's day: closed all day (a holiday always is) */
	short opens_min, closes_min; /* a branch's changed hours */
	const char *reason;	     /* the holiday's name, or why the branch set the day */
	struct person set_by;
};
int store_holiday_put(struct store *s, const char *day, const char *name, int64_t by, int64_t now,
		      struct fd_error *err);
int store_holiday_delete(struct store *s, const char *day, bool *found, struct fd_error *err);
int store_holidays(struct store *s, const char *from_day, const char *to_day, struct arena *a,
		   struct calendar_entry **out, size_t *n, struct fd_error *err);
/* closed, or open opens_min to closes_min that day. */
int store_branch_day_put(struct store *s, int64_t branch_id, const char *day, bool closed,
			 int opens_min, int closes_min, const char *reason, int64_t by, int64_t now,
			 struct fd_error *err);
int store_branch_day_delete(struct store *s, int64_t branch_id, const char *day, bool *found,
			    struct fd_error *err);
int store_branch_days(struct store *s, int64_t branch_id, const char *from_day, const char *to_day,
		      struct arena *a, struct calendar_entry **out, size_t *n,
		      struct fd_error *err);

/* Shift handover: what a person holds, and passing each thing to another (0: nobody, for
 * a callback; Headquarters, for an incident draft's holder means its reporter again). */
int store_callbacks_held(struct store *s, int64_t staff_id, struct arena *a, struct visit **out,
			 size_t *n, struct fd_error *err);
int store_visit_hand_to(struct store *s, int64_t visit_id, int64_t staff_id, struct fd_error *err);
int store_incident_drafts_held(struct store *s, int64_t staff_id, struct arena *a,
			       struct incident **out, size_t *n, struct fd_error *err);
/* Passes a draft to staff_id; a report signed meanwhile is left as it was. */
int store_incident_hand_to(struct store *s, int64_t incident_id, int64_t staff_id,
			   struct fd_error *err);
struct handover {
	int64_t id, branch_id, from_id, to_id; /* to_id 0: Headquarters */
	const char *branch_code, *note;
	struct person from;
	int64_t at;
	int requests, callbacks, incidents;
};
int store_handover_insert(struct store *s, struct handover *h, struct fd_error *err);
/* Handovers to staff member staff_id since since, newest first. */
int store_handovers_to(struct store *s, int64_t staff_id, int64_t since, struct arena *a,
		       struct handover **out, size_t *n, struct fd_error *err);

/* What the reminders about untouched requests go by, for every open request. */
struct reminder_facts {
	int64_t request_id, branch_id, holder_id;
	enum request_level level;
	int reminded_level;
	int64_t reminded_at, last_touch;
};
/* Held to the end of the transaction: one reminder pass at a time, on whichever node. */
int store_reminder_lock(struct store *s, struct fd_error *err);
/* The active or not staff member an unrevoked API token belongs to; FD_ENOTFOUND when none.
 * One statement: it needs no transaction around it. */
int store_staff_by_token(struct store *s, const char *token_hash, struct arena *a,
			 struct staff *out, struct fd_error *err);
/* A branch's id and the newest queue event anywhere, read at one instant (one statement);
 * FD_ENOTFOUND when there is no such branch. */
int store_queue_stamp(struct store *s, const char *code, int64_t *branch_id, int64_t *last_event,
		      struct fd_error *err);
int store_reminder_facts(struct store *s, struct arena *a, struct reminder_facts **out, size_t *n,
			 struct fd_error *err);
int store_request_reminded(struct store *s, int64_t request_id, int level, int64_t at,
			   struct fd_error *err);

/* Every open duty: who, where, since when. */
struct open_duty {
	int64_t staff_id, branch_id, on_at;
};
int store_duties_open(struct store *s, struct arena *a, struct open_duty **out, size_t *n,
		      struct fd_error *err);

#endif
