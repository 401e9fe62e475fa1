/* The anchoring cadence: often enough that a cut shows within minutes, a head signed daily
 * even on a quiet day, and one witness mail a day. */
#include "policy/audit_anchor.h"

bool anchor_due(const struct anchor_facts *f)
{
	/* A head behind the newest anchor is a log cut short: for the worker to report. */
	if (f->head_id == 0 || f->head_id < f->anchored_id)
		return false;
	if (f->anchored_id == 0)
		return true;
	int64_t since = f->now - f->anchored_at;
	return (f->head_id != f->anchored_id && since >= f->interval_s) || since >= ANCHOR_DAY_S;
}

bool anchor_witness_due(const struct anchor_facts *f)
{
	if (f->anchored_id == 0)
		return false;
	/* Calendar days, not 24 hours since the last: a mail never creeps later each day. */
	return f->witnessed_at == 0 || f->now / ANCHOR_DAY_S != f->witnessed_at / ANCHOR_DAY_S;
}
