/* Headquarters' follow-up of signed incident reports (schema 25): the review, the follow-up
 * tasks with their owners and due days, and the closing. */
#ifndef STORE_STORE_INCIDENT_FOLLOWUP_H
#define STORE_STORE_INCIDENT_FOLLOWUP_H
#include "store/store.h"

struct incident_task {
	int64_t id, incident_id, branch_id;
	const char *branch_code, *branch_name, *time_zone; /* the report's branch */
	enum incident_category category;		   /* the report's */
	enum task_kind kind;
	const char *description;
	int64_t owner_id;
	struct person owner, created_by, done_by;
	const char *due_on;			    /* YYYY-MM-DD at the report's branch */
	int64_t due_from;			    /* that day's first second there */
	int64_t created_by_id, created_at, done_at; /* done_at 0: still open */
	const char *done_note;
};

/* A report's review and closing (0 and NULLs: not yet) and its tasks, by due day. */
struct incident_followup {
	const char *time_zone; /* the report's branch's */
	int64_t reviewed_at, closed_at;
	struct person reviewed_by, closed_by;
	const char *review_note, *close_note;
	struct incident_task *tasks;
	size_t ntasks;
};

/* A signed report nobody has reviewed yet. */
struct awaiting_review {
	int64_t id, signed_at;
	const char *branch_code, *branch_name;
	enum incident_category category;
};

int store_followup_get(struct store *s, int64_t incident_id, struct arena *a,
		       struct incident_followup *out, struct fd_error *err);
/* Records the review; FD_ECONFLICT unless the report is signed and neither reviewed nor
 * closed. */
int store_followup_review(struct store *s, int64_t incident_id, int64_t at, int64_t by,
			  const char *note, struct fd_error *err);
/* Records the closing; FD_ECONFLICT unless the report is reviewed, not closed, and has no
 * task open. */
int store_followup_close(struct store *s, int64_t incident_id, int64_t at, int64_t by,
			 const char *note, struct fd_error *err);
int store_followup_awaiting(struct store *s, struct arena *a, struct awaiting_review **out,
			    size_t *n, struct fd_error *err);
/* Inserts t (incident_id, kind, description, owner_id, due_on, due_from, created_by_id,
 * created_at); fills t->id. */
int store_task_insert(struct store *s, struct incident_task *t, struct fd_error *err);
int store_task_get(struct store *s, int64_t id, struct arena *a, struct incident_task *out,
		   struct fd_error *err);
/* Marks the task done; FD_ECONFLICT when it is done already. */
int store_task_done(struct store *s, int64_t id, int64_t at, int64_t by, const char *note,
		    struct fd_error *err);
/* Open tasks due at now (their due day has begun), of owner_id (0: everyone's). */
int store_tasks_due(struct store *s, int64_t owner_id, int64_t now, struct arena *a,
		    struct incident_task **out, size_t *n, struct fd_error *err);

#endif
