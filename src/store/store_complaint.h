/* Complaints and the calls to Headquarters about them (CS-DIFFICULT). */
#ifndef STORE_STORE_COMPLAINT_H
#define STORE_STORE_COMPLAINT_H
#include "store/store.h"

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
	/* From a customer's answer to "How was your visit today?": its score (0: not from one)
	 * and whom to contact, personal data the service shows only to who may read customers. */
	int feedback_score;
	const char *contact_name, *contact;
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

int store_complaint_hq_contact(struct store *s, int64_t id, int64_t staff_id, int64_t at,
			       struct fd_error *err);

#endif
