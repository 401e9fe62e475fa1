/* Clocking on and off, who is on duty, who is in charge (CS-INCHARGE) and who may take a
 * difficult case (CS-DIFFICULT) at a branch now. */
#ifndef SERVICE_DUTY_H
#define SERVICE_DUTY_H
#include <stddef.h>

#include "base/input.h"
#include "policy/difficult.h"
#include "policy/in_charge.h"
#include "service/svc.h"
#include "store/store_branch.h"
#include "store/store_staff.h"

struct in_charge_view {
	const char *branch;
	const struct staff *staff; /* NULL when Headquarters is in charge */
	enum charge_level level;
	bool must_contact_hq;
};

/* The API's clocking on: the branch, login when clocking someone else on, and the desk they
 * work at ("2", "Children's desk"; optional), which the board shows beside a called ticket. */
#define DUTY_DESK_MAX 24
struct duty_on_input {
	const char *branch, *login, *desk;
};
extern const struct input_table duty_on_table;
/* Only the desk, for a form whose page names the branch. */
extern const struct input_table duty_desk_table;
/* Clocks login (NULL: the actor) on at branch at desk (NULL: none said); moves them if on
 * duty elsewhere, and to the desk if already on here. */
int duty_on(struct svc *s, const char *branch, const char *login, const char *desk,
	    struct duty *out, struct fd_error *err);
/* Clocking off hands over what one holds: duty_off() is in service/handover.h. */
/* The actor's current duty; *found false when off duty. */
int duty_mine(struct svc *s, struct duty *out, bool *found, struct fd_error *err);
int duty_list(struct svc *s, const char *branch, struct duty **out, size_t *n,
	      struct fd_error *err);
int duty_in_charge(struct svc *s, const char *branch, struct in_charge_view *out,
		   struct fd_error *err);
/* The same, inside a transaction the caller already holds (out->branch is left alone). */
int duty_in_charge_in_tx(struct svc *s, int64_t branch_id, struct in_charge_view *out,
			 struct fd_error *err);

/* The same, as it will be once `leaving` (a staff id) has gone off duty. */
int duty_in_charge_after_in_tx(struct svc *s, int64_t branch_id, int64_t leaving,
			       struct in_charge_view *out, struct fd_error *err);
/* Inside a transaction: the person a duty call is about, the actor (login NULL or the
 * actor's), or another whom the actor may clock on or off (at at_branch when clocking on,
 * else 0): outside Headquarters, people of the actor's branch or on duty there (CS-SCOPE). */
int duty_subject_in_tx(struct svc *s, const char *login, int64_t at_branch, struct staff *out,
		       struct fd_error *err);
/* Inside a transaction: who is on duty at branch_id (without `leaving`, a staff id, or 0),
 * as rows and as the policy sees them, in the same order. */
int duty_on_at_in_tx(struct svc *s, int64_t branch_id, int64_t leaving, struct duty **rows,
		     struct on_duty **on, size_t *n, struct fd_error *err);

/* CS-INCHARGE, inside a transaction: *leads is whether back (a shift that has ended) would be
 * in charge at branch_id were they still on duty with those who are. */
int duty_would_lead_in_tx(struct svc *s, int64_t branch_id, const struct duty *back, bool *leads,
			  struct fd_error *err);

/* CS-DIFFICULT: may the actor take a difficult case at the branch now? Inside the caller's
 * transaction; ic gets who is in charge (the person to fetch when refused). */
int duty_difficult_in_tx(struct svc *s, int64_t branch_id, struct difficult_verdict *v,
			 struct in_charge_view *ic, struct fd_error *err);

/* CS-DIFFICULT at branch b, inside the caller's transaction: may the actor, on duty there
 * (Headquarters anywhere), take a difficult case now? *v gets the verdict and *ic who is in
 * charge; a refusal is the policy's (409), naming the person in charge to fetch. */
int duty_difficult_gate_in_tx(struct svc *s, const struct branch *b, struct difficult_verdict *v,
			      struct in_charge_view *ic, struct fd_error *err);

/* Work at a branch is done by someone on duty there (the command line excepted; Headquarters
 * roles anywhere when hq_anywhere). Inside the caller's transaction. */
int duty_require_at(struct svc *s, const struct branch *b, bool hq_anywhere, struct fd_error *err);

#endif
