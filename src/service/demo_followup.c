/* The demo's signed incident reports and Headquarters' follow-up of them, so the HQ inbox and
 * "Needs you" have something to show: one awaiting review, one reviewed with tasks open (a
 * repair due today for the branch's manager), one closed. Made through the use cases, as the
 * people who would have made them, signed with the installation's key like any report. */
#include "service/demo.h"

#include <string.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "service/incident_followup.h"
#include "store/store_branch.h"
#include "store/store_staff.h"

enum demo_state { AWAITING_REVIEW, TASKS_OPEN, CLOSED };

struct demo_task {
	enum task_kind kind;
	const char *description, *owner;
	int due_in_days; /* from today at the branch */
	bool done;
};

static const struct demo_report {
	const char *branch, *reporter;
	enum incident_category category;
	const char *narrative;
	int days_ago;
	enum demo_state state;
	struct demo_task tasks[3];
} reports[] = {
	{.branch = "CAR",
	 .reporter = "car.manager",
	 .category = INCIDENT_BREAK_IN,
	 .narrative = "The staff entrance was found forced at opening; the night deposit box had "
		      "been emptied.",
	 .days_ago = 3,
	 .state = TASKS_OPEN,
	 .tasks = {{TASK_REPAIR, "Replace the staff entrance's lock and strike plate",
		    "car.manager", 0, false},
		   {TASK_CAMERA_FOOTAGE, "Ask the bank next door for its parking lot video",
		    "coordinator", 2, false},
		   {TASK_OTHER, "Tell the insurer and give them the police report number",
		    "business", 0, true}}},
	{.branch = "DUR",
	 .reporter = "dur.manager",
	 .category = INCIDENT_VANDALISM,
	 .narrative = "Graffiti was sprayed on the front windows and the book return overnight.",
	 .days_ago = 9,
	 .state = CLOSED,
	 .tasks = {{TASK_REPAIR, "Have the windows and the book return cleaned", "dur.manager", 0,
		    true}}},
	{.branch = "WIN",
	 .reporter = "win.manager",
	 .category = INCIDENT_THEFT,
	 .narrative = "A customer's laptop was taken from a study table while she was at the "
		      "printer.",
	 .days_ago = 1,
	 .state = AWAITING_REVIEW},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The demo's people act in turn; demo_followup puts the caller's actor back at the end. */
static void act_as(struct svc *s, const struct staff *who)
{
	s->actor = who;
}

static int staff_of(struct svc *s, const char *login, struct staff *out, struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_staff_get(s->store, login, s->arena, out, err), err);
}

/* The reporter on duty at the branch while she writes (CS-DIFFICULT asks), unless she is
 * already; *opened says whether to clock her off again. */
static int on_duty(struct svc *s, const struct staff *who, int64_t branch_id, bool on, bool *opened,
		   struct fd_error *err)
{
	bool closed;
	if (svc_begin(s, true, err))
		return -1;
	int rc = 0;
	if (on) {
		*opened = who->duty_branch_id != branch_id;
		if (*opened)
			rc = store_duty_open(s->store, who->id, branch_id, NULL, s->now, err);
	} else if (*opened) {
		rc = store_duty_close(s->store, who->id, s->now, &closed, err);
	}
	return svc_end(s, rc, err);
}

/* When the demo's incident happened: at 2:15 pm at its branch, days_ago days back, so that
 * its signing twenty minutes later falls on the same day whatever the hour the demo is made
 * (made at 11:50 pm, "now less a day" would be signed after midnight: not the same day). */
static int happened_at(struct svc *s, const struct demo_report *d, int64_t *at,
		       struct fd_error *err)
{
	struct branch b;
	struct tz_day day;
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, d->branch, s->arena, &b, err);
	if (!rc && (tz_day(b.time_zone, s->now - (int64_t)d->days_ago * 86400, &day) ||
		    tz_from_local(b.time_zone, day.day, 14 * 60 + 15, at)))
		rc = fd_fail(err, FD_EINTERNAL, "the demo branch %s has no usable time zone",
			     d->branch);
	return svc_end(s, rc, err);
}

/* The report, written and signed the day it happened by its branch's manager. */
static int signed_report(struct svc *s, const struct demo_report *d, int64_t *id,
			 struct fd_error *err)
{
	struct staff reporter;
	struct incident_view v = {0};
	bool opened = false;
	int64_t now = s->now, at = 0;
	if (happened_at(s, d, &at, err))
		return -1;
	struct incident_input in = {.branch = d->branch,
				    .category = d->category,
				    .narrative = d->narrative,
				    .occurred_at = at,
				    .police_called = d->category == INCIDENT_BREAK_IN};
	if (staff_of(s, d->reporter, &reporter, err))
		return -1;
	act_as(s, &reporter);
	s->now = at + 20 * 60;
	int rc = on_duty(s, &reporter, reporter.branch_id, true, &opened, err) ||
		 incident_add(s, &in, &v, err) ||
		 incident_hq_notified(s, v.i.id, "coordinator", &v, err) ||
		 incident_sign(s, v.i.id, reporter.name, &v, err) ||
		 on_duty(s, &reporter, reporter.branch_id, false, &opened, err);
	*id = v.i.id;
	s->now = now;
	return rc;
}

/* The day n days from today at the branch, as a task's due day. */
static const char *day_from_today(struct svc *s, const char *zone, int n)
{
	struct tz_day today;
	char *day = arena_alloc(s->arena, 11);
	tz_day(zone, s->now, &today);
	timefmt_date(today.day + n, day);
	return day;
}

/* The task given last (the list is by due day). */
static int64_t newest_task(const struct incident_followup *f)
{
	int64_t id = 0;
	for (size_t k = 0; k < f->ntasks; k++)
		if (f->tasks[k].id > id)
			id = f->tasks[k].id;
	return id;
}

/* Headquarters reviews, gives the tasks, their owners finish those done, and it closes. */
static int follow_up(struct svc *s, const struct demo_report *d, int64_t id,
		     const struct staff *director, struct fd_error *err)
{
	struct incident_view v;
	struct staff owner;
	s->actor = director;
	if (incident_review(s, id, "Read; the follow-up is below.", &v, err))
		return -1;
	const char *zone = v.followup.time_zone;
	for (size_t k = 0; k < COUNT(d->tasks) && d->tasks[k].owner; k++) {
		const struct demo_task *t = &d->tasks[k];
		struct task_input in = {t->kind, t->description, t->owner,
					day_from_today(s, zone, t->due_in_days)};
		s->actor = director;
		if (incident_task_add(s, id, &in, &v, err))
			return -1;
		if (!t->done)
			continue;
		if (staff_of(s, t->owner, &owner, err))
			return -1;
		act_as(s, &owner);
		if (incident_task_done(s, newest_task(&v.followup), "Done.", &v, err))
			return -1;
	}
	s->actor = director;
	return d->state == CLOSED ? incident_close(s, id, "Dealt with.", &v, err) : 0;
}

int demo_followup(struct svc *s, struct fd_error *err)
{
	struct staff director;
	const struct staff *saved = s->actor;
	int rc = staff_of(s, "director", &director, err);
	for (size_t i = 0; i < COUNT(reports) && !rc; i++) {
		int64_t id = 0;
		rc = signed_report(s, &reports[i], &id, err);
		if (!rc && reports[i].state != AWAITING_REVIEW)
			rc = follow_up(s, &reports[i], id, &director, err);
	}
	s->actor = saved;
	return rc;
}
