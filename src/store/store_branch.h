/* Branches (code, name, time zone, hours) and the branch each kind of record belongs to. */
#ifndef STORE_STORE_BRANCH_H
#define STORE_STORE_BRANCH_H
#include "store/store.h"

struct branch {
	int64_t id;
	const char *code, *name, *time_zone, *hours, *phone;
	const char *address; /* postal, its lines separated by newlines ("" when not given) */
	bool headquarters;
	int ack_target_s;    /* CS-ACK: acknowledge a waiting customer within this */
	int no_show_after_s; /* a customer called with `next` may be marked no-show after this */
};

int store_branch_insert(struct store *s, const struct branch *b, int64_t now, int64_t *id,
			struct fd_error *err);
/* Writes b's name, time zone, hours, phone, address and targets to the branch with b->id. */
int store_branch_update(struct store *s, const struct branch *b, struct fd_error *err);
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
	RECORD_INCIDENT_TASK, /* a follow-up task: its report's branch */
	RECORD__MAX
};
/* The branch a record belongs to; FD_ENOTFOUND when there is no such record. One statement:
 * it needs no transaction around it. */
int store_record_branch(struct store *s, enum record_kind kind, const char *key, int64_t *branch_id,
			struct fd_error *err);

#endif
