/* The outbox: notices written in the same transaction as what they are about, and the
 * claims, acknowledgements and retries of the worker that sends them. */
#ifndef SERVICE_OUTBOX_H
#define SERVICE_OUTBOX_H

#include "policy/difficult.h"
#include "service/svc.h"
#include "store/store_branch.h"
#include "store/store_outbox.h"
#include "store/store_staff.h"

#define OUTBOX_LEASE_S 120 /* a sender that dies mid-send leaves the message to another */

/* Inside the caller's transaction: one notice to every active member of role (at branch_id
 * when not 0) with an email address; *queued (may be NULL) says how many. */
int outbox_notify_role(struct svc *s, enum role role, int64_t branch_id, const char *subject,
		       const char *body, const char *about_kind, int64_t about_id, int *queued,
		       struct fd_error *err);
/* Inside the caller's transaction: one notice to every active holder of a Headquarters
 * role with an email address. When it has none, nothing is sent to that role and w (may be
 * NULL) gets the one warning that says so, citing rule, the same everywhere. */
int outbox_notify_hq(struct svc *s, enum role role, const char *rule, const char *subject,
		     const char *body, const char *about_kind, int64_t about_id, struct warnings *w,
		     struct fd_error *err);
/* Inside a transaction: does role (at branch_id when not 0) have anyone active with an email
 * address to receive a notice? */
int outbox_reachable(struct svc *s, enum role role, int64_t branch_id, bool *yes,
		     struct fd_error *err);
/* The sentence that says role has nobody to receive notices (for the HQ page too). */
const char *outbox_nobody_to_notify(struct svc *s, enum role role);
/* Inside a transaction: the Headquarters roles that notices go to (the Executive Director,
 * the Business Manager, the Branch Services Coordinator) with nobody active and with an
 * email address to receive them. */
int outbox_hq_roles_unreachable(struct svc *s, enum role *out, size_t *n, struct fd_error *err);
/* Inside the caller's transaction, for a difficult case (what: "Complaint", ...) at b with
 * verdict v: Headquarters is told at once when a substitute alone has it (CS-DIFFICULT), and
 * the branch's own manager whenever she is not on duty there (CS-INCHARGE). */
int outbox_difficult_notices(struct svc *s, const struct branch *b,
			     const struct difficult_verdict *v, const char *what, const char *body,
			     const char *kind, int64_t id, struct warnings *w,
			     struct fd_error *err);
/* Inside the caller's transaction: one notice to st, when st has an email address (*queued,
 * which may be NULL, says whether). */
int outbox_notify_staff(struct svc *s, const struct staff *st, const char *subject,
			const char *body, const char *about_kind, int64_t about_id, bool *queued,
			struct fd_error *err);
/* The oldest notice due, now leased to the caller, with its Message-ID; *found false when none
 * is due. */
int outbox_claim(struct svc *s, struct outbox_msg *out, bool *found, struct fd_error *err);
/* The SMTP server accepted it. */
int outbox_sent(struct svc *s, int64_t id, struct fd_error *err);
/* It failed: try again later, backing off with each attempt. */
int outbox_retry(struct svc *s, const struct outbox_msg *m, const char *error,
		 struct fd_error *err);
/* The seconds to wait after a failed attempt (1-based): 2, 4, 8, ... up to 10 minutes. */
int outbox_backoff_s(int attempts);

#endif
