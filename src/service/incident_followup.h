/* Headquarters' follow-up of a signed incident report (CS-INCIDENT): the review, follow-up
 * tasks (a repair, camera footage, a trespass letter) with an owner told by email and a due
 * day at the report's branch, the owner marking hers done, and the closing. */
#ifndef SERVICE_INCIDENT_FOLLOWUP_H
#define SERVICE_INCIDENT_FOLLOWUP_H
#include <stddef.h>

#include "base/input.h"
#include "service/incident.h"
#include "service/people.h"
#include "store/store_incident_followup.h"

/* A note: the review's, the closing's or the finished task's (optional each time). */
struct followup_note_input {
	const char *note;
};
extern const struct input_table review_table, close_table, task_done_table;

struct task_input {
	enum task_kind kind;
	const char *description; /* NULL: none */
	const char *owner;	 /* the owner's login */
	const char *due_on;	 /* YYYY-MM-DD, a day at the report's branch */
};
extern const struct input_table task_table;

/* The three HQ roles review a signed report (once), with an optional note. */
int incident_review(struct svc *s, int64_t id, const char *note, struct incident_view *out,
		    struct fd_error *err);
/* A follow-up task on a signed report not closed; its owner is emailed through the outbox. */
int incident_task_add(struct svc *s, int64_t id, const struct task_input *in,
		      struct incident_view *out, struct fd_error *err);
/* The task's owner, or one of the three HQ roles, marks it done; out gets its report. */
int incident_task_done(struct svc *s, int64_t task_id, const char *note, struct incident_view *out,
		       struct fd_error *err);
/* Closes a reviewed report whose tasks are done (refused naming those still open). */
int incident_close(struct svc *s, int64_t id, const char *note, struct incident_view *out,
		   struct fd_error *err);

/* What a report's page may offer its reader. */
struct followup_offer {
	bool review, add_task, close; /* each what the use case would accept now */
};
void incident_followup_offer(const struct svc *s, const struct incident_view *v,
			     struct followup_offer *out);
/* May the reader mark task t done (its owner, or the three HQ roles)? */
bool incident_task_offer(const struct svc *s, const struct incident_task *t);
/* Whom a task may be given to for report v, by name: active staff of Headquarters or of the
 * report's branch who may read it. */
int incident_task_owners(struct svc *s, const struct incident_view *v, struct people *out,
			 struct fd_error *err);

/* Headquarters' inbox: signed reports awaiting review, and open tasks due (every owner's). */
struct followup_inbox {
	struct awaiting_review *awaiting;
	size_t nawaiting;
	struct incident_task *due;
	size_t ndue;
};
/* For the three HQ roles: both lists; for anyone else, FD_EFORBID. */
int incident_followup_inbox(struct svc *s, struct followup_inbox *out, struct fd_error *err);
/* The actor's own open tasks due today or before. */
int incident_tasks_mine_due(struct svc *s, struct incident_task **out, size_t *n,
			    struct fd_error *err);

#endif
