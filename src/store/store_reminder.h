/* The facts reminders about untouched requests go by. */
#ifndef STORE_STORE_REMINDER_H
#define STORE_STORE_REMINDER_H
#include "store/store.h"

/* What the reminders about untouched requests go by, for every open request. */
struct reminder_facts {
	int64_t request_id, branch_id, holder_id;
	enum request_level level;
	int reminded_level;
	int64_t reminded_at, last_touch;
};
/* Held to the end of the transaction: one reminder pass at a time, on whichever node. */
int store_reminder_lock(struct store *s, struct fd_error *err);
int store_reminder_facts(struct store *s, struct arena *a, struct reminder_facts **out, size_t *n,
			 struct fd_error *err);
/* Marks that request_id's holder was reminded at level, at at. */
int store_request_reminded(struct store *s, int64_t request_id, int level, int64_t at,
			   struct fd_error *err);

#endif
