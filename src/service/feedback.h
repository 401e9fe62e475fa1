/* "How was your visit today?": the links a customer answers through (a QR code at the desk,
 * the join page's ticket), the exit kiosk, one answer per visit, and a request to be contacted
 * reaching the Branch Manager as a complaint or a compliment (CS-COMPLAINT). */
#ifndef SERVICE_FEEDBACK_H
#define SERVICE_FEEDBACK_H
#include <stddef.h>

#include "base/input.h"
#include "policy/feedback.h"
#include "service/svc.h"
#include "store/store_feedback.h"

/* An answer as the customer gives it. */
struct feedback_input {
	int score; /* 1 "Very poor" to 5 "Very good" */
	const char *comment;
	bool contact_wanted;		    /* "I would like the library to contact me" */
	const char *contact_name, *contact; /* required only when contact_wanted */
	const char *ticket;		    /* the kiosk's: "A12" */
};
extern const struct input_table feedback_input_table; /* through a link */
extern const struct input_table kiosk_input_table;    /* at the kiosk: the ticket as well */
extern const struct input_table kiosk_ticket_table;   /* the kiosk's first step */
extern const struct input_table feedback_card_table;  /* the desk's card: the ticket only */

/* What the public page about one visit shows: never a name or a card (CS-CONFIDENTIAL). */
struct feedback_visit {
	const char *branch_code, *branch_name;
	int ticket;
	enum feedback_refusal refusal; /* FEEDBACK_OK: it may be answered */
	struct feedback given;	       /* when refusal is FEEDBACK_ANSWERED */
};

/* A new link for the visit of a phone ticket, for its holder (the join page): the ticket
 * page's secret vouches for them, and the link's answers count as given through the join page.
 * *secret (in s->arena) goes in the link, only its hash is kept. FD_ENOTFOUND for no such
 * ticket; a visit that may not be answered for now is FD_ECONFLICT, in the policy's words. */
int feedback_link_for_ticket_holder(struct svc *s, const char *ticket_secret, const char **secret,
				    struct fd_error *err);
/* Whether the visit of that phone ticket may be answered, or was (out->refusal), for its page. */
int feedback_of_ticket_holder(struct svc *s, const char *ticket_secret, struct feedback_visit *out,
			      struct fd_error *err);
/* A new link for today's in-person ticket ("A12") at branch, as the desk types it, for a
 * person with queue work there; its answers count as given at the desk. */
int feedback_link_for_ticket(struct svc *s, const char *branch, const char *ticket,
			     const char **secret, struct feedback_visit *out, struct fd_error *err);
/* The visit a link is for (FD_ENOTFOUND for no such link). */
int feedback_open(struct svc *s, const char *secret, struct feedback_visit *out,
		  struct fd_error *err);
/* The customer's answer through a link, counted under the channel the link was given
 * through; lang is the page's language code. A second answer is FD_ECONFLICT with nothing
 * written. */
int feedback_give(struct svc *s, const char *secret, const struct feedback_input *in,
		  const char *lang, struct feedback_visit *out, struct fd_error *err);

/* The exit kiosk at branch (its code in any case), for the tablet whose kiosk cookie holds token
 * (NULL: none): b, the branch, filled whenever there is one; FD_EFORBID (KIOSK_NOT_SET_UP) when
 * the tablet is no kiosk of the branch in service. */
int feedback_kiosk_branch(struct svc *s, const char *branch, const char *token, struct branch *b,
			  struct fd_error *err);
/* The kiosk's ticket check, refused as feedback_kiosk_branch is, and counted against the
 * kiosk's tries (FD_ETHROTTLE past them). */
int feedback_kiosk_check(struct svc *s, const char *branch, const char *token, const char *ticket,
			 struct feedback_visit *out, struct fd_error *err);
/* The kiosk's answer: the ticket checked again, then given as feedback_give does. */
int feedback_kiosk_give(struct svc *s, const char *branch, const char *token,
			const struct feedback_input *in, const char *lang,
			struct feedback_visit *out, struct fd_error *err);

/* A branch's answers of the last days (at most FEEDBACK_LIST_MAX), for who may see its
 * service report; contact details only for who may read customers. */
#define FEEDBACK_LIST_DAYS 30
#define FEEDBACK_LIST_MAX 200
int feedback_list(struct svc *s, const char *branch, struct feedback **out, size_t *n,
		  struct fd_error *err);
/* Inside a transaction: a branch's contact requests still open (the needs list): its
 * compliments not yet passed on, or its complaints not yet resolved; whom to contact only
 * for who may read customers. */
int feedback_contacts_in_tx(struct svc *s, int64_t branch_id, enum feedback_follow follow,
			    struct feedback **out, size_t *n, struct fd_error *err);
/* The Branch Manager passed a compliment on to whom it was for. */
int feedback_compliment_done(struct svc *s, int64_t feedback_id, struct fd_error *err);

#endif
