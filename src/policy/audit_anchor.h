/* When the audit log's head is anchored (signed with the installation's key) and when an
 * anchor is emailed to the outside witness: pure rules for serve's worker. */
#ifndef POLICY_AUDIT_ANCHOR_H
#define POLICY_AUDIT_ANCHOR_H
#include <stdbool.h>
#include <stdint.h>

#define ANCHOR_DAY_S 86400

struct anchor_facts {
	int64_t now;
	int64_t head_id;      /* the log's newest entry (0: the log is empty) */
	int64_t anchored_id;  /* the entry the newest anchor signed (0: there is no anchor) */
	int64_t anchored_at;  /* when it was signed */
	int64_t witnessed_at; /* when an anchor was last emailed to the witness (0: never) */
	int interval_s;	      /* [audit] anchor_interval_s */
};

/* Sign the head now? When it moved on since the newest anchor and interval_s have passed
 * since that, and once a day even when it has not moved; never an empty log, nor a head
 * behind the newest anchor (a log cut short). */
bool anchor_due(const struct anchor_facts *f);
/* Email the newest anchor to the witness now? When there is one and none was ever emailed,
 * then once each day (UTC), so it arrives at about the same time every day. */
bool anchor_witness_due(const struct anchor_facts *f);

#endif
