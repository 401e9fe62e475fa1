/* Calls for the person in charge (CS-DIFFICULT). */
#ifndef STORE_STORE_FETCH_H
#define STORE_STORE_FETCH_H
#include "store/store.h"

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

#endif
