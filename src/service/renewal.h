/* The renewal call (CS-INPERSON's own example): the desk serving a caller marked renewal opens
 * their items in the library's catalogue and renews one or all, reading out each result; only
 * the counts of items renewed and refused are kept, on the visit (CS-CONFIDENTIAL). */
#ifndef SERVICE_RENEWAL_H
#define SERVICE_RENEWAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/input.h"
#include "service/catalogue.h"
#include "service/svc.h"
#include "store/store_visit.h"

struct renewal_input {
	const char *card; /* the caller's card, when the visit has no customer linked */
	const char *item; /* the item to renew; NULL: renew all */
	/* The desk's forms: renewal_call.once when the form was drawn. A renewal sent on the
	 * visit since then (the results page reloaded, the button pressed twice) refuses this
	 * one, so that nothing is renewed twice unseen. 0: not checked (the API's clients);
	 * -1: a desk's form that came without it, refused once the visit's checks pass. */
	int64_t once;
};
/* renewal_input's fields ("card", "item"), for the API and the desk's forms. */
extern const struct input_table renewal_input_table;

/* What to offer instead of a renewal refused (CS-ALT), by what the catalogue says. */
enum renewal_offer {
	RENEWAL_OFFER_NONE,		 /* renewed */
	RENEWAL_OFFER_CARD_BLOCKED,	 /* the card may not renew or borrow: what the catalogue
					  * says to do (see a librarian, the fines); no hold */
	RENEWAL_OFFER_RETURN_THEN_HOLD,	 /* others wait for it: return it by the due date, and
					  * place a hold to borrow it again later */
	RENEWAL_OFFER_RETURN_OR_REQUEST, /* a limit, or else: return it by the due date and
					  * borrow it again, or a renewal request */
	RENEWAL_OFFER__MAX
};
/* The offer for an item refused to card (its Patron Status; NULL: not known) whose hold queue
 * is hold_queue (-1: not known). */
enum renewal_offer renewal_offer_for(const struct ils_patron *card, int hold_queue);
/* The API's word: "card_blocked", "return_then_hold", "return_or_request"; NULL for none. */
const char *renewal_offer_name(enum renewal_offer o);

struct renewal_result {
	const char *item, *title; /* title: the item's id when the catalogue sent none */
	bool renewed;
	int64_t due_at;	     /* the new due date, when renewed; 0: the catalogue sent none */
	const char *due;     /* as the catalogue sent it */
	const char *message; /* why not, in the catalogue's words; NULL when renewed */
	/* Refused: the date it is still due (Item Information; NULL, 0: not known in time), and
	 * what to offer instead. */
	const char *still_due;
	int64_t still_due_at;
	enum renewal_offer offer;
};

/* A renewal call as the desk serving it sees it: the visit (its counts included) and whose
 * card it is about. */
struct renewal_call {
	struct visit v;
	const char *card;
	const char *time_zone; /* the branch's, for the dates read out */
	bool checked; /* the reader may renew on this visit: a failure after is the card's or
		       * the catalogue's */
	int64_t once; /* for the renew forms drawn now: renewal_input.once */
	/* After a renewal refused: the card's status (blocks, fines, the catalogue's messages),
	 * asked for the offers; NULL when none was refused or no answer came in time. */
	const struct ils_patron *card_status;
};

/* The caller's items, for the desk serving the renewal call visit_id: FD_EPOLICY (CS-INPERSON)
 * when the reader is not serving it or it is not a renewal call, FD_EINVAL naming "card"
 * when the visit has no customer and card is NULL, and catalogue_account's refusals. */
int renewal_account(struct svc *s, int64_t visit_id, const char *card, struct renewal_call *call,
		    struct catalogue_account *out, struct fd_error *err);
/* Renews in->item, or every item when it is NULL, asking the catalogue within one [ils]
 * timeout_ms (2 s) for the renewal and the items' details, holding no transaction while it
 * waits; then adds the counts to the visit. *results (in s->arena) one per item the catalogue
 * answered for. FD_ECONFLICT when in->once was used already. FD_EUNAVAILABLE, with nothing
 * counted, when the catalogue does not answer: "nothing was renewed" when the request never
 * reached it, else outcome_unknown and the catalogue client's words to look at the account. */
int renewal_renew(struct svc *s, int64_t visit_id, const struct renewal_input *in,
		  struct renewal_call *call, struct renewal_result **results, size_t *n,
		  struct fd_error *err);

#endif
