/* Customers' requests followed through (CS-ALT, CS-REFER): alternatives offered and
 * answered, referral up the ladder, and closing only when every avenue was tried. */
#ifndef SERVICE_REQUEST_H
#define SERVICE_REQUEST_H
#include <stddef.h>

#include "base/input.h"
#include "policy/request.h"
#include "service/svc.h"
#include "store/store_request.h"

struct request_input {
	const char *branch; /* the body's for the API, the path's for the desk's form */
	enum request_kind kind;
	const char *text;
	const char *customer_card; /* optional */
	int64_t visit_id;	   /* optional: the desk visit it came from */
};
extern const struct input_table request_input_table;

/* An alternative offered (CS-ALT). */
struct offer_input {
	enum alt_kind kind;
	const char *note;
	int accepted; /* -1 not answered yet, 0 declined, 1 accepted */
};
extern const struct input_table offer_input_table;

struct close_input {
	enum request_outcome outcome;
	const char *note;
};
extern const struct input_table close_input_table;

/* A customer's answer to an alternative: 1 accepted, 0 declined (true/false, a form's 1/0). */
struct answer_input {
	int accepted;
};
extern const struct input_table answer_input_table;

/* A referral's note; also any other action whose only input is a note of at most 500. */
struct note_input {
	const char *note;
};
extern const struct input_table note_input_table;

/* The customer a request is about, linked after it was taken. */
struct link_input {
	const char *customer_card;
};
extern const struct input_table link_input_table;

struct request_view {
	struct request_rec r;
	struct request_alt *alts;
	size_t nalts;
	struct request_history *history;
	size_t nhistory;
	/* 1 << enum avenue: what is still to try before closing with each outcome (CS-ALT) */
	unsigned avenues_left[OUTCOME__MAX];
	bool text_hidden; /* a reference question the reader may not see (CS-CONFIDENTIAL) */
	int64_t age_s;
	int64_t open_age_s; /* the part of age_s its branch was open */
};

enum request_scope { SCOPE_MINE, SCOPE_BRANCH };

int request_add(struct svc *s, const struct request_input *in, struct request_view *out,
		struct fd_error *err);
int request_get(struct svc *s, int64_t id, struct request_view *out, struct fd_error *err);
int request_offer(struct svc *s, int64_t id, const struct offer_input *in, struct request_view *out,
		  struct fd_error *err);
int request_answer(struct svc *s, int64_t id, int64_t alt_id, bool accepted,
		   struct request_view *out, struct fd_error *err);
/* To the person in charge at the branch, then Headquarters; out says who holds it now. */
int request_escalate(struct svc *s, int64_t id, const char *note, struct request_view *out,
		     struct fd_error *err);
/* Links the customer with in->customer_card to open request id, which has none yet: a read
 * of the customer's record, so it needs customer.read and is audited (CS-CONFIDENTIAL). */
int request_link_customer(struct svc *s, int64_t id, const struct link_input *in,
			  struct request_view *out, struct fd_error *err);
/* Refused by CS-ALT with out->avenues_left[outcome] saying what is still to try;
 * customer_declined without a note is refused naming the field note. */
int request_close(struct svc *s, int64_t id, const struct close_input *in, struct request_view *out,
		  struct fd_error *err);
/* Open requests: those the actor holds (and, for HQ roles, those at Headquarters), or those
 * of a branch; oldest first. */
int request_list(struct svc *s, enum request_scope scope, const char *branch,
		 struct request_view **out, size_t *n, struct fd_error *err);

/* Inside a transaction: every request about a customer, oldest first, a reference
 * question's text hidden from whom may not read it. */
int request_of_customer_in_tx(struct svc *s, int64_t customer_id, struct request_rec **out,
			      size_t *n, struct fd_error *err);

/* What one retention pass forgot, by kind. */
struct retention_purged {
	int64_t texts;		   /* reference questions' text */
	int64_t visits;		   /* who a visit was for: its customer, a first name given */
	int64_t join_tickets;	   /* the device and address a phone ticket came from */
	int64_t feedback_contacts; /* the name and contact given with a feedback answer */
};
/* CS-CONFIDENTIAL retention: purges what has expired and keeps the records and counts. */
int retention_purge(struct svc *s, struct retention_purged *out, struct fd_error *err);

#endif
