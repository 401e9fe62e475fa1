/* Complaints (CS-COMPLAINT), difficult situations (CS-PRIVATE) and judgement calls (CS-JUDGE),
 * each routed to the right person by the policy (CS-DIFFICULT, CS-INCHARGE) and notified by
 * email through the outbox. */
#ifndef SERVICE_COMPLAINT_H
#define SERVICE_COMPLAINT_H
#include <stddef.h>

#include "service/duty.h"
#include "service/svc.h"

#define MAX_WARNINGS 4

struct warning {
	const char *rule, *message;
};

struct complaint_input {
	const char *branch, *text, *customer_card, *policy_section;
};

struct complaint_view {
	struct complaint c;
	struct outbox_msg *notices; /* the emails sent or waiting about it */
	size_t nnotices;
	struct warning warnings[MAX_WARNINGS];
	int nwarnings;
};

struct situation_input {
	const char *branch, *text, *witness;
	bool private_area, in_charge_included;
};

struct situation_view {
	struct situation x;
	struct warning warnings[MAX_WARNINGS];
	int nwarnings;
};

struct judgement_input {
	const char *branch, *situation, *decision;
	bool hq_reachable;
};

/* May the actor take a difficult case at branch now, and who is in charge there (for the
 * form that tells a volunteer whom to fetch)? */
int difficult_preview(struct svc *s, const char *branch, struct difficult_verdict *v,
		      struct in_charge_view *ic, struct fd_error *err);

/* When refused by CS-DIFFICULT or CS-JUDGE, *ic is the person in charge to fetch. */
int complaint_add(struct svc *s, const struct complaint_input *in, struct complaint_view *out,
		  struct in_charge_view *ic, struct fd_error *err);
int complaint_get(struct svc *s, int64_t id, struct complaint_view *out, struct fd_error *err);
int complaint_list(struct svc *s, const char *branch, struct complaint **out, size_t *n,
		   struct fd_error *err);
/* CS-COMPLAINT: the Executive Director's notice goes out now, and its time is recorded. */
int complaint_refer_director(struct svc *s, int64_t id, struct complaint_view *out,
			     struct fd_error *err);
int complaint_resolve(struct svc *s, int64_t id, const char *resolution, struct complaint_view *out,
		      struct fd_error *err);

int situation_add(struct svc *s, const struct situation_input *in, struct situation_view *out,
		  struct in_charge_view *ic, struct fd_error *err);
/* A branch's situations, or only the flagged ones (the branch manager's list). */
int situation_list(struct svc *s, const char *branch, bool flagged_only, struct situation **out,
		   size_t *n, struct fd_error *err);

int judgement_add(struct svc *s, const struct judgement_input *in, struct judgement *out,
		  struct in_charge_view *ic, struct fd_error *err);
int judgement_acknowledge(struct svc *s, int64_t id, struct judgement *out, struct fd_error *err);

/* The Headquarters dashboard: complaints referred to the Director and still open, and
 * judgement calls not yet acknowledged. */
int hq_dashboard(struct svc *s, struct complaint **complaints, size_t *ncomplaints,
		 struct judgement **judgements, size_t *njudgements, struct fd_error *err);

#endif
