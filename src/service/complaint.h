/* Complaints (CS-COMPLAINT), difficult situations (CS-PRIVATE) and judgement calls (CS-JUDGE),
 * each routed to the right person by the policy (CS-DIFFICULT, CS-INCHARGE) and notified by
 * email through the outbox. */
#ifndef SERVICE_COMPLAINT_H
#define SERVICE_COMPLAINT_H
#include <stddef.h>

#include "service/duty.h"
#include "base/input.h"
#include "service/svc.h"
#include "store/store_branch.h"
#include "store/store_complaint.h"
#include "store/store_fetch.h"
#include "store/store_outbox.h"
#include "store/store_situation.h"
#include "store/store_staff.h"

/* Whom at Headquarters a substitute spoke to (a login; the service asks for it), and when
 * (0: now). */
struct hq_contact_input {
	const char *hq_contact;
	int64_t at;
};
extern const struct input_table hq_contact_table;

struct resolve_input {
	const char *resolution;
};
extern const struct input_table resolve_table;

struct complaint_input {
	const char *branch, *text, *customer_card, *policy_section;
	const char *hq_contact; /* a substitute alone: whom at Headquarters she contacted */
};
extern const struct input_table complaint_input_table;

struct complaint_view {
	struct complaint c;
	struct outbox_msg *notices; /* the emails sent or waiting about it */
	size_t nnotices;
	struct warnings warnings;
};

struct situation_input {
	const char *branch, *text, *witness;
	bool private_area, in_charge_included;
	const char *hq_contact; /* as for a complaint */
};
extern const struct input_table situation_input_table;

struct situation_view {
	struct situation x;
	struct warnings warnings;
};

struct judgement_input {
	const char *branch, *situation, *decision;
	bool hq_reachable;
	bool by_phone;		       /* the branch manager decided by phone, off site */
	bool branch_manager_reachable; /* an assistant librarian reached her */
};
extern const struct input_table judgement_input_table;

struct judgement_view {
	struct judgement j;
	struct warnings warnings;
};

/* Who a judgement call is for at a branch (CS-JUDGE): its own branch manager and assistant
 * librarian, to be reached when someone else may not decide. */
struct judges {
	struct staff *manager, *assistant; /* NULL: the branch has none */
};

/* May the actor take a difficult case at branch now, and who is in charge there (for the
 * form that tells a volunteer whom to fetch)? */
int difficult_preview(struct svc *s, const char *branch, struct difficult_verdict *v,
		      struct in_charge_view *ic, struct branch *b, struct fd_error *err);

/* CS-JUDGE before the form: may the actor record a judgement call at branch b now, saying
 * the most the form lets her say (decided by phone when away, the manager not reached)? A
 * refusal is the policy's (409), naming whom to reach: the page says it instead of a form. */
int judgement_preview(struct svc *s, const struct branch *b, struct fd_error *err);

/* When refused by CS-DIFFICULT, *ic is the person in charge to fetch. */
int complaint_add(struct svc *s, const struct complaint_input *in, struct complaint_view *out,
		  struct in_charge_view *ic, struct fd_error *err);
/* A read, audited on the complaint and on its customer. */
int complaint_get(struct svc *s, int64_t id, struct complaint_view *out, struct fd_error *err);
int complaint_list(struct svc *s, const char *branch, struct complaint **out, size_t *n,
		   struct fd_error *err);
/* CS-COMPLAINT: the Executive Director's notice goes out now, and its time is recorded. */
int complaint_refer_director(struct svc *s, int64_t id, struct complaint_view *out,
			     struct in_charge_view *ic, struct fd_error *err);
int complaint_resolve(struct svc *s, int64_t id, const char *resolution, struct complaint_view *out,
		      struct fd_error *err);
/* CS-DIFFICULT: a substitute alone records whom at Headquarters (a login) she contacted, and
 * when (0: now). */
int complaint_hq_contacted(struct svc *s, int64_t id, const char *hq_login, int64_t at,
			   struct complaint_view *out, struct in_charge_view *ic,
			   struct fd_error *err);

int situation_add(struct svc *s, const struct situation_input *in, struct situation_view *out,
		  struct in_charge_view *ic, struct fd_error *err);
int situation_hq_contacted(struct svc *s, int64_t id, const char *hq_login, int64_t at,
			   struct situation_view *out, struct in_charge_view *ic,
			   struct fd_error *err);
/* A branch's situations, or only the flagged ones (the branch manager's list). */
int situation_list(struct svc *s, const char *branch, bool flagged_only, struct situation **out,
		   size_t *n, struct fd_error *err);

/* When refused by CS-JUDGE, *judges are the branch's people to reach. */
int judgement_add(struct svc *s, const struct judgement_input *in, struct judgement_view *out,
		  struct judges *judges, struct fd_error *err);
int judgement_acknowledge(struct svc *s, int64_t id, struct judgement *out, struct fd_error *err);

/* The Headquarters dashboard: complaints referred to the Director and still open, judgement
 * calls not yet acknowledged, and the Headquarters roles nobody can be notified as. */
struct hq_view {
	struct complaint *complaints;
	size_t ncomplaints;
	struct judgement *judgements;
	size_t njudgements;
	struct fetch *fetches; /* calls for the person in charge where nobody was in charge */
	size_t nfetches;
	enum role unreachable[3];
	size_t nunreachable;
};
int hq_dashboard(struct svc *s, struct hq_view *out, struct fd_error *err);

#endif
