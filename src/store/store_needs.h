/* The counts behind the header's "Needs you" badge, read at once instead of the lists. */
#ifndef STORE_STORE_NEEDS_H
#define STORE_STORE_NEEDS_H
#include "store/store.h"

/* What is counted; the numbers are those STMT_NEEDS_TALLY selects. */
enum need_tally {
	TALLY_REFERRED,	    /* open requests above the desk the person holds, by branch */
	TALLY_HQ_REQUEST,   /* open requests at Headquarters nobody holds, by branch */
	TALLY_HANDED,	    /* handovers to the person since the given instant */
	TALLY_CALLBACK,	    /* callbacks the person holds */
	TALLY_DRAFT,	    /* incident drafts the person holds */
	TALLY_FETCH,	    /* calls at the duty branch for the person (in charge) */
	TALLY_FETCH_HQ,	    /* calls that went to Headquarters */
	TALLY_JUDGEMENT,    /* judgement calls not acknowledged */
	TALLY_COMPLAINT,    /* complaints referred to the Director, not resolved */
	TALLY_INCIDENT_DUE, /* unsigned incident reports past their due time, by branch */
	TALLY_REVIEW,	    /* signed incident reports nobody has reviewed yet */
	TALLY_TASK_DUE,	    /* follow-up tasks the person owns, due today or before */
	TALLY__MAX
};

/* One count; branch_id 0 for the kinds not counted by branch. */
struct need_tally_row {
	enum need_tally what;
	int64_t branch_id, n;
};

struct need_tally_ask {
	int64_t staff_id, handed_since, duty_branch_id, now;
	bool headquarters; /* counts the Headquarters kinds too */
};

/* The non-zero tallies for q, from a (rows of a kind counted by branch: one per branch). */
int store_needs_tally(struct store *s, const struct need_tally_ask *q, struct arena *a,
		      struct need_tally_row **out, size_t *n, struct fd_error *err);

#endif
