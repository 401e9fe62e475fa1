/* The audit log as a whole: its hash chain checked against the anchors that sign
 * its head now and then and against a head a witness kept, its head shown, and its head
 * anchored, by the command line or by serve's worker, which also emails the day's anchor to
 * the Branch Services Coordinator as an outside witness. */
#ifndef SERVICE_AUDIT_H
#define SERVICE_AUDIT_H

#include "service/svc.h"
#include "store/store_audit.h"

/* What audit_verify found. */
struct audit_check {
	int64_t entries;	  /* entries whose hash follows from the one before */
	int64_t anchors;	  /* anchors checked: signature, order, and their entry */
	struct audit_anchor last; /* the newest anchor (id 0: there is none) */
	const char *fingerprint;  /* the key the anchors are signed with (NULL: none) */
	const char *problem;	  /* NULL: intact; else what was changed or is missing */
};

/* The command line only: walks the chain, then checks every anchor (its signature, its order,
 * and that its entry is still there with the hash it had), then the witnessed head when
 * witnessed->id is not 0. A finding is out->problem, not an error. */
int audit_verify(struct svc *s, const struct audit_head *witnessed, struct audit_check *out,
		 struct fd_error *err);
/* The log's newest entry (id 0: empty), and its newest anchor (id 0: none) with the
 * fingerprint of the key that signed it. */
int audit_head_show(struct svc *s, struct audit_head *head, struct audit_anchor *last,
		    const char **fingerprint, struct fd_error *err);
/* The command line only: anchors the head now (FD_ECONFLICT when the log is empty). When the
 * newest anchor is of the head already, *already is set, out is that anchor and nothing is
 * added. */
int audit_anchor_now(struct svc *s, struct audit_anchor *out, const char **fingerprint,
		     bool *already, struct fd_error *err);
/* Serve's worker, every little while: anchors the head when it is due, and emails the
 * newest anchor to the Branch Services Coordinator once a day. *anchored says whether it
 * anchored; *witnesses how many were sent the head (-1: none was due). */
int audit_anchor_tick(struct svc *s, bool *anchored, int *witnesses, struct fd_error *err);

#endif
