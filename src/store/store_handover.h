/* Shift handovers: what was passed on, to whom, with a note. What a person holds is read and
 * passed on by store_callbacks_held (store_visit.h) and store_incident_drafts_held
 * (store_incident.h) and the open requests of store_request.h. */
#ifndef STORE_STORE_HANDOVER_H
#define STORE_STORE_HANDOVER_H
#include "store/store.h"

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

#endif
