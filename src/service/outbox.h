/* The outbox: notices written in the same transaction as what they are about, and the
 * claims, acknowledgements and retries of the worker that sends them. */
#ifndef SERVICE_OUTBOX_H
#define SERVICE_OUTBOX_H

#include "service/svc.h"

#define OUTBOX_LEASE_S 120 /* a sender that dies mid-send leaves the message to another */

/* Inside the caller's transaction: one notice to every active member of role (at branch_id
 * when not 0) with an email address; *queued (may be NULL) says how many. */
int outbox_notify_role(struct svc *s, enum role role, int64_t branch_id, const char *subject,
		       const char *body, const char *about_kind, int64_t about_id, int *queued,
		       struct fd_error *err);
/* Inside the caller's transaction: one notice to st, when st has an email address (*queued,
 * which may be NULL, says whether). */
int outbox_notify_staff(struct svc *s, const struct staff *st, const char *subject,
			const char *body, const char *about_kind, int64_t about_id, bool *queued,
			struct fd_error *err);
/* The oldest notice due, now leased to the caller; *found false when none is due. */
int outbox_claim(struct svc *s, struct outbox_msg *out, bool *found, struct fd_error *err);
/* The SMTP server accepted it. */
int outbox_sent(struct svc *s, int64_t id, struct fd_error *err);
/* It failed: try again later, backing off with each attempt. */
int outbox_retry(struct svc *s, const struct outbox_msg *m, const char *error,
		 struct fd_error *err);
/* The seconds to wait after a failed attempt (1-based): 2, 4, 8, ... up to 10 minutes. */
int outbox_backoff_s(int attempts);

#endif
