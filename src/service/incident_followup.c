/* Headquarters' follow-up of signed incident reports: each use case holds the report's branch
 * (as incident.c's changes do), asks policy/incident_followup.c, writes, audits and answers
 * with the report as its page and the API show it. */
#include "service/incident_followup.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/incident_followup.h"
#include "service/outbox.h"
#include "store/store_staff.h"

#define IN(type, member) .offset = offsetof(struct type, member)
static const struct input_field review_fields[] = {
	{"note", "Review note", INPUT_LINES, false, 0, 5000, IN(followup_note_input, note)},
};
const struct input_table review_table = INPUT_TABLE(review_fields);
static const struct input_field close_fields[] = {
	{"note", "Closing note", INPUT_LINES, false, 0, 5000, IN(followup_note_input, note)},
};
const struct input_table close_table = INPUT_TABLE(close_fields);
static const struct input_field task_done_fields[] = {
	{"note", "What was done", INPUT_LINES, false, 0, 5000, IN(followup_note_input, note)},
};
const struct input_table task_done_table = INPUT_TABLE(task_done_fields);
static const struct input_field task_fields[] = {
	{"kind", "What is to be done", INPUT_ENUM, true, .vocab = &vocab_task_kind,
	 IN(task_input, kind)},
	{"description", "Details", INPUT_LINES, false, 0, 2000, IN(task_input, description)},
	{"owner", "Who does it", INPUT_TOKEN, true, 2, 32, "._-", IN(task_input, owner)},
	{"due_on", "Due by", INPUT_DATE, true, IN(task_input, due_on)},
};
const struct input_table task_table = INPUT_TABLE(task_fields);

static struct followup_facts facts_of(const struct incident_view *v)
{
	int open = 0;
	for (size_t k = 0; k < v->followup.ntasks; k++)
		open += v->followup.tasks[k].done_at == 0;
	return (struct followup_facts){.signed_report = v->i.signed_at != 0,
				       .reviewed = v->followup.reviewed_at != 0,
				       .closed = v->followup.closed_at != 0,
				       .open_tasks = open};
}

/* Holds the branch of a report, or of the report a task is of (kind says which), before
 * anything of it is read: the order incident.c's changes take locks in. No such record: the
 * caller's read says so, in its own words. */
static int hold(struct svc *s, enum record_kind kind, int64_t id, struct fd_error *err)
{
	char key[24];
	int64_t branch_id = 0;
	snprintf(key, sizeof key, "%lld", (long long)id);
	if (store_record_branch(s->store, kind, key, &branch_id, err)) {
		if (err->code != FD_ENOTFOUND)
			return -1;
		fd_error_clear(err);
		return 0;
	}
	return store_branch_lock(s->store, branch_id, err);
}

static int hold_and_load(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err)
{
	return hold(s, RECORD_INCIDENT, id, err) || incident_load_in_tx(s, id, out, err) ? -1 : 0;
}

/* A refusal of the state the report is in, when the rule asked (*why set) says no. */
static int refuse(bool allowed, const char *const *why, struct fd_error *err)
{
	return allowed ? 0 : fd_fail(err, FD_ECONFLICT, "%s", *why);
}

/* The one shape of a review and a closing: the report's branch held, the step's check on
 * the report as it is, its write, the audit, and the report as it is now. */
struct followup_step {
	const char *audit; /* the audit log's word for it */
	int (*check)(struct svc *s, const struct incident_view *v, struct fd_error *err);
	int (*write)(struct store *st, int64_t id, int64_t at, int64_t by, const char *note,
		     struct fd_error *err);
};

static int followup_take(struct svc *s, const struct followup_step *step, int64_t id,
			 const char *note, struct incident_view *out, struct fd_error *err)
{
	if (svc_may(s, ACTION_INCIDENT_FOLLOWUP, err) || svc_begin(s, true, err))
		return -1;
	int rc = hold_and_load(s, id, out, err) || step->check(s, out, err) ||
				 step->write(s->store, id, s->now, s->actor ? s->actor->id : 0,
					     note, err) ||
				 svc_audit(s, step->audit, "incident", id, err) ||
				 incident_load_in_tx(s, id, out, err)
			 ? -1
			 : 0;
	return svc_end(s, rc, err);
}

static int check_review(struct svc *s, const struct incident_view *v, struct fd_error *err)
{
	const char *why;
	struct followup_facts f = facts_of(v);
	(void)s;
	return refuse(incident_may_review(&f, &why), &why, err);
}

int incident_review(struct svc *s, int64_t id, const char *note, struct incident_view *out,
		    struct fd_error *err)
{
	static const struct followup_step review = {"review", check_review, store_followup_review};
	return followup_take(s, &review, id, note, out, err);
}

/* The due day at the report's branch: today there or later; *from gets its first second. */
static int due_day(struct svc *s, const struct incident_view *v, const char *due_on, int64_t *from,
		   struct fd_error *err)
{
	struct branch b;
	struct tz_day today;
	int64_t day, starts[2];
	if (svc_check_date("due_on", due_on, &day, err) ||
	    store_branch_get_by_id(s->store, v->i.branch_id, s->arena, &b, err))
		return -1;
	if (tz_day(b.time_zone, s->now, &today))
		return fd_fail(err, FD_ECONFLICT,
			       "%s's time zone '%s' is not one this system knows: ask the "
			       "administrator to set the branch's time zone.",
			       b.name, b.time_zone);
	if (day < today.day)
		return fd_fail_field(err, "due_on",
				     "The day it is due by has passed: choose today or a later "
				     "day.");
	if (tz_day_starts(b.time_zone, day, 1, starts))
		return fd_fail(err, FD_EINTERNAL, "no such day in %s's time zone", b.name);
	*from = starts[0];
	return 0;
}

/* The owner, by login: someone the task may be given to (policy/incident_followup.c). */
static int task_owner(struct svc *s, const struct incident_view *v, const char *login,
		      struct staff *out, struct fd_error *err)
{
	if (store_staff_get(s->store, login, s->arena, out, err) == 0 &&
	    incident_task_owner_ok(out->role, out->active, out->branch_id, v->i.branch_id))
		return 0;
	fd_error_clear(err);
	return fd_fail_field(err, "owner",
			     "Choose who does it from Headquarters or %s's staff: '%s' is not "
			     "someone who can take this task.",
			     v->i.branch_name, login);
}

/* Tells the owner by email what she is to do and by when. */
static int tell_owner(struct svc *s, const struct incident_view *v, const struct staff *owner,
		      const struct incident_task *t, struct fd_error *err)
{
	const char *subject =
		arena_printf(s->arena, "Follow-up task: %s, report %lld at %s",
			     task_kind_label(t->kind), (long long)v->i.id, v->i.branch_name);
	const char *body = arena_printf(
		s->arena,
		"%s asks you to take care of this, by %s, after incident report %lld (%s at "
		"%s):\n\n%s%s%s\n\nWhen it is done, mark it done on the report: "
		"%s/incidents/%lld\n",
		s->actor ? s->actor->name : "Headquarters", t->due_on, (long long)v->i.id,
		incident_category_label(v->i.category), v->i.branch_name, task_kind_label(t->kind),
		t->description && *t->description ? ": " : "", t->description ? t->description : "",
		s->config->base_url, (long long)v->i.id);
	return outbox_notify_staff(s, owner, subject, body, "incident", v->i.id, NULL, err);
}

static int add_in_tx(struct svc *s, int64_t id, const struct task_input *in,
		     struct incident_view *out, struct fd_error *err)
{
	const char *why;
	struct staff owner;
	if (hold_and_load(s, id, out, err))
		return -1;
	struct followup_facts f = facts_of(out);
	struct incident_task t = {.incident_id = id,
				  .kind = in->kind,
				  .description = in->description,
				  .due_on = in->due_on,
				  .created_by_id = s->actor ? s->actor->id : 0,
				  .created_at = s->now};
	if (refuse(incident_may_add_task(&f, &why), &why, err) ||
	    task_owner(s, out, in->owner, &owner, err) ||
	    due_day(s, out, in->due_on, &t.due_from, err))
		return -1;
	t.owner_id = owner.id;
	return store_task_insert(s->store, &t, err) || svc_audit(s, "task", "incident", id, err) ||
			       tell_owner(s, out, &owner, &t, err) ||
			       incident_load_in_tx(s, id, out, err)
		       ? -1
		       : 0;
}

int incident_task_add(struct svc *s, int64_t id, const struct task_input *in,
		      struct incident_view *out, struct fd_error *err)
{
	if (svc_may(s, ACTION_INCIDENT_FOLLOWUP, err) || svc_begin(s, true, err))
		return -1;
	return svc_end(s, add_in_tx(s, id, in, out, err), err);
}

bool incident_task_offer(const struct svc *s, const struct incident_task *t)
{
	const char *why;
	if (!s->actor)
		return false;
	struct task_done_facts f = {
		.actor_id = s->actor->id,
		.owner_id = t->owner_id,
		.actor_follows_up = role_may(s->actor->role, ACTION_INCIDENT_FOLLOWUP),
		.done_already = t->done_at != 0,
	};
	return incident_task_may_finish(&f, &why);
}

/* The branch's lock first, as every change to a report; then the task's owner or HQ: anyone
 * else is told so before anything of the report is read (a branch's volunteer may not read
 * it, and need not). */
static int done_in_tx(struct svc *s, int64_t task_id, const char *note, struct incident_view *out,
		      struct fd_error *err)
{
	struct incident_task t;
	const char *why;
	if (hold(s, RECORD_INCIDENT_TASK, task_id, err) ||
	    store_task_get(s->store, task_id, s->arena, &t, err))
		return -1;
	struct task_done_facts f = {
		.actor_id = s->actor ? s->actor->id : 0,
		.owner_id = t.owner_id,
		.actor_follows_up = !s->actor || role_may(s->actor->role, ACTION_INCIDENT_FOLLOWUP),
		.done_already = t.done_at != 0,
	};
	if (refuse(incident_task_may_finish(&f, &why), &why, err) ||
	    store_task_done(s->store, task_id, s->now, f.actor_id, note, err) ||
	    svc_audit(s, "task done", "incident", t.incident_id, err))
		return -1;
	return incident_load_in_tx(s, t.incident_id, out, err);
}

int incident_task_done(struct svc *s, int64_t task_id, const char *note, struct incident_view *out,
		       struct fd_error *err)
{
	if (svc_may(s, ACTION_INCIDENT_TASK, err) || svc_begin(s, true, err))
		return -1;
	return svc_end(s, done_in_tx(s, task_id, note, out, err), err);
}

/* "The report closes when its follow-up tasks are done: still open: Repair (Ann Lee, due
 * 2026-12-02), ..." */
static int refuse_close(struct svc *s, const struct incident_view *v, const char *why,
			struct fd_error *err)
{
	struct buf open = BUF_INIT;
	for (size_t k = 0; k < v->followup.ntasks; k++) {
		const struct incident_task *t = &v->followup.tasks[k];
		if (!t->done_at)
			buf_printf(&open, "%s%s (%s, due %s)", open.len ? "; " : "",
				   task_kind_label(t->kind), t->owner.name ? t->owner.name : "—",
				   t->due_on);
	}
	int rc = fd_fail(err, FD_ECONFLICT, "%s Still open: %s.", why, buf_str(&open));
	buf_free(&open);
	return rc;
}

static int check_close(struct svc *s, const struct incident_view *v, struct fd_error *err)
{
	const char *why;
	struct followup_facts f = facts_of(v);
	if (incident_may_close(&f, &why))
		return 0;
	return f.reviewed && !f.closed ? refuse_close(s, v, why, err)
				       : fd_fail(err, FD_ECONFLICT, "%s", why);
}

int incident_close(struct svc *s, int64_t id, const char *note, struct incident_view *out,
		   struct fd_error *err)
{
	static const struct followup_step close = {"close", check_close, store_followup_close};
	return followup_take(s, &close, id, note, out, err);
}

void incident_followup_offer(const struct svc *s, const struct incident_view *v,
			     struct followup_offer *out)
{
	const char *why;
	struct followup_facts f = facts_of(v);
	bool hq = !s->actor || role_may(s->actor->role, ACTION_INCIDENT_FOLLOWUP);
	out->review = hq && incident_may_review(&f, &why);
	out->add_task = hq && incident_may_add_task(&f, &why);
	out->close = hq && incident_may_close(&f, &why);
}

int incident_task_owners(struct svc *s, const struct incident_view *v, struct people *out,
			 struct fd_error *err)
{
	struct staff *all;
	size_t nall;
	*out = (struct people){0};
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_staff_active(s->store, 0, s->arena, &all, &nall, err);
	if (!rc) {
		/* An array of its own: written over the one read, the branch's people would take
		 * the places of whoever sorted before them. */
		out->staff = arena_alloc(s->arena, (nall ? nall : 1) * sizeof *out->staff);
		/* The report's branch first: its manager is whom a repair most often goes to. */
		for (int own = 1; own >= 0; own--)
			for (size_t i = 0; i < nall; i++)
				if ((all[i].branch_id == v->i.branch_id) == own &&
				    incident_task_owner_ok(all[i].role, all[i].active,
							   all[i].branch_id, v->i.branch_id))
					out->staff[out->n++] = all[i];
	}
	return svc_end(s, rc, err);
}

int incident_followup_inbox(struct svc *s, struct followup_inbox *out, struct fd_error *err)
{
	*out = (struct followup_inbox){0};
	if (svc_may(s, ACTION_INCIDENT_FOLLOWUP, err) || svc_begin(s, false, err))
		return -1;
	int rc =
		store_followup_awaiting(s->store, s->arena, &out->awaiting, &out->nawaiting, err) ||
		store_tasks_due(s->store, 0, s->now, s->arena, &out->due, &out->ndue, err);
	return svc_end(s, rc, err);
}

int incident_tasks_mine_due(struct svc *s, struct incident_task **out, size_t *n,
			    struct fd_error *err)
{
	*n = 0;
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "the command line owns no tasks");
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_tasks_due(s->store, s->actor->id, s->now, s->arena, out, n, err),
		       err);
}
