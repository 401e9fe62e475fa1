/* Reminder and end-of-shift use cases: each pass is one transaction. */
#include "service/reminder.h"

#include "service/calendar.h"
#include "service/duty.h"
#include "service/handover.h"
#include "service/outbox.h"
#include "store/store_branch.h"
#include "store/store_reminder.h"
#include "store/store_request.h"
#include "store/store_staff.h"

/* A branch and the spans it was open, from the oldest instant a pass asks about. */
struct open_branch {
	struct branch b; /* b.id 0: none read yet */
	struct open_span *spans;
	size_t n;
};

static int open_branch(struct svc *s, int64_t id, int64_t since, struct open_branch *ob,
		       struct fd_error *err)
{
	return store_branch_get_by_id(s->store, id, s->arena, &ob->b, err) ||
			       calendar_spans_in_tx(s, &ob->b, since, s->now, &ob->spans, &ob->n,
						    err)
		       ? -1
		       : 0;
}

static int remind(struct svc *s, const struct open_branch *ob, const struct reminder_facts *f,
		  int level, struct fd_error *err)
{
	struct staff holder;
	const struct staff *to = NULL;
	bool sent = false;
	struct in_charge_view ic;
	const char *who = "Headquarters";
	const char *subject = arena_printf(s->arena, "Request %lld at %s is waiting for you",
					   (long long)f->request_id, ob->b.name);
	const char *body = arena_printf(
		s->arena,
		"Request %lld at %s has not been touched for %d open hours (reminder %d of 3: "
		"its holder, the person in charge, then Headquarters). Every avenue is to be "
		"followed (CS-ALT, CS-REFER).\n\nOpen it: %s/requests/%lld\n",
		(long long)f->request_id, ob->b.name, level * s->config->request_untouched_hours,
		level, s->config->base_url, (long long)f->request_id);
	if (level == 1 && f->holder_id) {
		if (store_staff_get_by_id(s->store, f->holder_id, s->arena, &holder, err))
			return -1;
		to = &holder;
	} else if (level == 2) {
		if (duty_in_charge_in_tx(s, ob->b.id, &ic, err))
			return -1;
		to = ic.staff; /* NULL: Headquarters is in charge */
	}
	int rc;
	if (to) {
		who = to->name;
		rc = outbox_notify_staff(s, to, subject, body, "request-reminder", f->request_id,
					 &sent, err);
	} else {
		int queued = 0;
		rc = outbox_notify_role(s, ROLE_BRANCH_SERVICES_COORDINATOR, 0, subject, body,
					"request-reminder", f->request_id, &queued, err);
		sent = queued > 0;
	}
	if (rc || store_request_reminded(s->store, f->request_id, level, s->now, err))
		return -1;
	return store_request_history_add(
		s->store, f->request_id, s->now, 0, "reminded",
		arena_printf(s->arena, "reminder %d of 3 to %s%s", level, who,
			     sent ? "" : " (no email address: see the request list)"),
		err);
}

int reminders_requests(struct svc *s, int *sent, struct fd_error *err)
{
	struct reminder_facts *f;
	size_t n;
	struct open_branch ob = {0};
	int64_t step = (int64_t)s->config->request_untouched_hours * 3600;
	*sent = 0;
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_reminder_lock(s->store, err);
	if (!rc)
		rc = store_reminder_facts(s->store, s->arena, &f, &n, err);
	/* The spans reach back to the oldest touch of a branch's requests (listed by branch). */
	for (size_t i = 0; !rc && i < n; i++) {
		if (ob.b.id != f[i].branch_id) {
			int64_t since = f[i].last_touch;
			for (size_t j = i; j < n && f[j].branch_id == f[i].branch_id; j++)
				since = f[j].last_touch < since ? f[j].last_touch : since;
			if ((rc = open_branch(s, f[i].branch_id, since, &ob, err)) != 0)
				break;
		}
		/* No reminder goes out while the branch is closed. */
		if (!open_at(ob.spans, ob.n, s->now))
			continue;
		int already = f[i].reminded_at >= f[i].last_touch ? f[i].reminded_level : 0;
		int level = reminder_due(open_seconds(ob.spans, ob.n, f[i].last_touch, s->now),
					 step, already);
		if (level && (rc = remind(s, &ob, &f[i], level, err)) == 0)
			(*sent)++;
	}
	return svc_end(s, rc, err);
}

int reminders_shifts(struct svc *s, int *closed, struct fd_error *err)
{
	struct open_duty *d;
	size_t n;
	struct open_branch ob = {0};
	int64_t grace = (int64_t)s->config->shift_close_grace_min * 60;
	*closed = 0;
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_reminder_lock(s->store, err);
	if (!rc)
		rc = store_duties_open(s->store, s->arena, &d, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		/* Listed by branch, then by when they came on: the first is the earliest. */
		if (ob.b.id != d[i].branch_id &&
		    (rc = open_branch(s, d[i].branch_id, d[i].on_at, &ob, err)) != 0)
			break;
		/* The first closing after the shift began: past it by the grace, the shift ends. */
		int64_t closing = 0;
		for (size_t k = 0; k < ob.n && !closing; k++)
			if (ob.spans[k].to > d[i].on_at && ob.spans[k].to < s->now)
				closing = ob.spans[k].to;
		if (!closing || s->now - closing < grace)
			continue;
		struct staff who;
		struct held h;
		int64_t now = s->now;
		if ((rc = store_staff_get_by_id(s->store, d[i].staff_id, s->arena, &who, err)) != 0)
			break;
		s->now = closing; /* off duty at closing time, not when this pass noticed */
		rc = handover_in_tx(s, &who, d[i].branch_id,
				    "the shift was closed at the branch's closing time", &h, err);
		s->now = now;
		if (!rc)
			(*closed)++;
	}
	return svc_end(s, rc, err);
}
