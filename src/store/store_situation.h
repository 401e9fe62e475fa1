/* Difficult situations, the judgement calls made about them, and the calls to Headquarters
 * about them (CS-DIFFICULT). */
#ifndef STORE_STORE_SITUATION_H
#define STORE_STORE_SITUATION_H
#include "store/store.h"

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

int store_situation_hq_contact(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			       struct fd_error *err);

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

int store_judgement_insert(struct store *s, struct judgement *j, struct fd_error *err);
int store_judgement_get(struct store *s, int64_t id, struct arena *a, struct judgement *out,
			struct fd_error *err);
int store_judgement_list_open(struct store *s, struct arena *a, struct judgement **out, size_t *n,
			      struct fd_error *err);
/* FD_ECONFLICT when it was acknowledged already. */
int store_judgement_ack(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			struct fd_error *err);

#endif
