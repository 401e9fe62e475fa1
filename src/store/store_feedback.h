/* Answers to "How was your visit today?", the links they are given through, what a contact
 * request became. */
#ifndef STORE_STORE_FEEDBACK_H
#define STORE_STORE_FEEDBACK_H
#include "base/vocab.h"
#include "store/store.h"

struct feedback {
	int64_t id, visit_id, branch_id;
	const char *branch_code;
	int64_t served_by; /* 0: nobody recorded */
	const char *served_by_name;
	const char *local_day;
	int local_hour;
	enum feedback_channel channel;
	int score;
	const char *comment;
	const char *contact_name, *contact; /* NULL: anonymous */
	const char *language;
	int64_t at;
	int follow; /* enum feedback_follow of a contact request, -1: none */
	int64_t complaint_id, done_at;
	int ticket;
};

/* Inserts f, filling f->id; FD_ECONFLICT when the visit has an answer already. */
int store_feedback_insert(struct store *s, struct feedback *f, struct fd_error *err);
/* The visit's answer; *found false when it has none. */
int store_feedback_by_visit(struct store *s, int64_t visit_id, struct arena *a,
			    struct feedback *out, bool *found, struct fd_error *err);
int store_feedback_get(struct store *s, int64_t id, struct arena *a, struct feedback *out,
		       struct fd_error *err);
/* A branch's answers given from local_day on, newest first, at most limit. */
int store_feedback_list(struct store *s, int64_t branch_id, const char *since_day, int limit,
			struct arena *a, struct feedback **out, size_t *n, struct fd_error *err);

/* A link's secret is kept only as its SHA-256 in hex (token_hash), with where it was given
 * (FEEDBACK_JOIN or FEEDBACK_DESK): the channel its answer counts under. */
int store_feedback_link_insert(struct store *s, const char *token_hash, int64_t visit_id,
			       enum feedback_channel channel, int64_t at, struct fd_error *err);
/* The visit a link is for and where it was given; FD_ENOTFOUND when there is no such link. */
int store_feedback_link_find(struct store *s, const char *token_hash, int64_t *visit_id,
			     enum feedback_channel *channel, struct fd_error *err);
/* Deletes the links made before before (*n: how many; may be NULL). */
int store_feedback_link_forget(struct store *s, int64_t before, int64_t *n, struct fd_error *err);

/* Retention: forgets the name and contact of answers given at or before before; *n says how
 * many. */
int store_feedback_forget_contacts(struct store *s, int64_t before, int64_t *n,
				   struct fd_error *err);

/* What a contact request became: complaint_id 0 for a compliment. */
int store_feedback_contact_insert(struct store *s, int64_t feedback_id, int64_t branch_id,
				  enum feedback_follow follow, int64_t complaint_id,
				  struct fd_error *err);
/* A branch's contact requests still open, oldest first: the compliments not yet passed on
 * (FOLLOW_COMPLIMENT), or the complaints not yet resolved (FOLLOW_COMPLAINT). */
int store_feedback_contacts_open(struct store *s, int64_t branch_id, enum feedback_follow follow,
				 struct arena *a, struct feedback **out, size_t *n,
				 struct fd_error *err);
/* A compliment passed on by staff_id at at; FD_ENOTFOUND when it is no open compliment. */
int store_feedback_compliment_done(struct store *s, int64_t feedback_id, int64_t staff_id,
				   int64_t at, struct fd_error *err);

/* Today's in-person visit with this ticket at the branch; *visit_id 0 when none. */
int store_visit_by_ticket(struct store *s, int64_t branch_id, const char *local_day, int ticket,
			  int64_t *visit_id, struct fd_error *err);

#endif
