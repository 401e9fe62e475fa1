/* "Needs you": everything waiting for the logged-in person, by kind, each kind only for the
 * roles it applies to — at their own branch and wherever they are on duty. */
#ifndef SERVICE_NEEDS_H
#define SERVICE_NEEDS_H
#include <stddef.h>

#include "service/svc.h"

enum need_kind {
	/* The most urgent first: the lists show in this order. */
	NEED_FETCH,	 /* a call for the person in charge, to the person (or HQ) (CS-DIFFICULT) */
	NEED_IN_CHARGE,	 /* in charge now because the one in charge clocked off (CS-INCHARGE) */
	NEED_REFERRED,	 /* requests referred up to the person (CS-REFER) */
	NEED_HQ_REQUEST, /* Headquarters: requests referred to Headquarters */
	NEED_WAITING,	 /* customers waiting past the acknowledgement target (CS-ACK) */
	NEED_CALLBACK,	 /* callbacks the person promised or was handed */
	NEED_HANDED,	 /* shift handovers to the person, of the last day */
	NEED_DRAFT,	 /* incident report drafts the person is to finish and sign */
	NEED_INCIDENT_DUE, /* Headquarters: incident reports past their due time (CS-INCIDENT) */
	NEED_JUDGEMENT,	   /* Headquarters: judgement calls to acknowledge (CS-JUDGE) */
	NEED_COMPLAINT,	   /* Headquarters: complaints referred to the Executive Director */
	NEED_REVIEW,	   /* the three HQ roles: signed incident reports to review (CS-INCIDENT) */
	NEED_TASK_DUE,	   /* follow-up tasks the person owns, due today or before */
	NEED_COMPLIMENT,   /* managers: compliments from customers' feedback to pass on */
	NEED_CALL_BACK,	   /* managers: customers who asked to be contacted about a complaint */
	NEED__MAX
};
const char *need_kind_name(enum need_kind k);  /* "referred": the API's word */
const char *need_kind_label(enum need_kind k); /* "Referred to you" */

/* One thing that needs the person: the record's id (a request, handover, visit, incident,
 * fetch, judgement call or complaint; for a follow-up task, its report's; 0 for being in
 * charge; for a compliment, its feedback's), where and since when. */
struct need_item {
	int64_t id;
	const char *branch_code;
	const char *text; /* what it is, in words */
	int64_t at;
};

struct needs {
	struct need_item *items[NEED__MAX];
	size_t n[NEED__MAX];
	size_t total;
	bool applies[NEED__MAX]; /* the kind is one the person's role deals with */
	const char *duty_branch; /* where the person is on duty; NULL: off duty */
};

/* What needs the actor now (the command line has nothing: FD_EINVAL), from s->arena. */
int needs_mine(struct svc *s, struct needs *out, struct fd_error *err);
/* The same counts (n, total, applies, duty_branch) without the items, in one read
 * transaction: what the header's badge shows on every page. */
int needs_count(struct svc *s, struct needs *out, struct fd_error *err);

#endif
