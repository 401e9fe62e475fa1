/* The demo's living morning: whatever the day and hour, Kosciusko is open with its suggested
 * logins on duty, customers in the line, a caller on hold, and work waiting on people's desks.
 * Done through the use cases, as the people at the desk would do it, so every rule still holds. */
#include "service/demo.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "base/tz.h"
#include "base/timefmt.h"
#include "service/calendar.h"
#include "service/complaint.h"
#include "service/duty.h"
#include "service/incident.h"
#include "service/queue.h"
#include "service/request.h"
#include "store/store_staff.h"

#define LIVE_BRANCH DEMO_LIVE_BRANCH
#define LIVE_OPENED_MIN 40 /* how long ago the branch opened, when the day allows */

/* The logins the README and `make run` suggest, clocked on at the living branch. */
static const char *const live_logins[] = {"kos.manager", "kos.assistant", "kos.staff",
					  "kos.volunteer"};
/* The desk each works at, which the board calls tickets to (the volunteer roves). */
static const char *const live_desks[] = {"1", "2", "3", NULL};
_Static_assert(sizeof live_desks / sizeof *live_desks == sizeof live_logins / sizeof *live_logins,
	       "a desk, or none, for each login");

/* Who walks in and calls this morning: minutes ago, and how. */
static const struct arrival {
	int minutes_ago;
	enum channel channel;
	const char *card, *note;
	bool new_customer, renewal;
} arrivals[] = {
	{14, CHANNEL_IN_PERSON, "21170000100017", "Returning a book club set", false, false},
	{11, CHANNEL_PHONE, "21170000100025", "Calling to renew his books before a trip", false,
	 true},
	{7, CHANNEL_IN_PERSON, NULL, "First visit: would like a library card", true, false},
	{3, CHANNEL_IN_PERSON, "21170000100033", "Help printing a form", false, false},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *const *demo_live_logins(size_t *n)
{
	*n = COUNT(live_logins);
	return live_logins;
}

/* The account login, read in a transaction of its own, into s->arena. */
static int person(struct svc *s, const char *login, struct staff *out, struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_staff_get(s->store, login, s->arena, out, err), err);
}

static int branch_of(struct svc *s, struct branch *out, struct fd_error *err)
{
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_branch_get(s->store, LIVE_BRANCH, s->arena, out, err), err);
}

/* Today's hours at b changed to open from a little before now until midnight, the way a
 * manager changes a day's hours; the calendar shows why. *opened_at gets the opening. */
static int open_all_day(struct svc *s, const struct branch *b, int64_t *opened_at,
			struct fd_error *err)
{
	struct tm tm;
	struct tz_day day;
	char date[11];
	if (tz_localtime(b->time_zone, s->now, &tm) || tz_day(b->time_zone, s->now, &day))
		return fd_fail(err, FD_EINTERNAL, "the time zone %s cannot be read", b->time_zone);
	int now_min = tm.tm_hour * 60 + tm.tm_min;
	int open_min = now_min > LIVE_OPENED_MIN ? (now_min - LIVE_OPENED_MIN) / 5 * 5 : 0;
	*opened_at = s->now - (now_min - open_min) * 60 - tm.tm_sec;
	timefmt_date(day.day, date);
	struct closure_input in = {
		.date = date,
		.hours = arena_printf(s->arena, "%02d:%02d-24:00", open_min / 60, open_min % 60),
		.reason = "The demo keeps this branch open until midnight every day, so that its "
			  "desk always has a morning to show",
	};
	return closure_set(s, b->code, &in, err);
}

/* Someone's turn at the desk: s acts as them for the calls that follow. */
static void act_as(struct svc *s, const struct staff *who, int64_t at)
{
	s->actor = who;
	s->now = at;
}

/* The line: walk-ins waiting (one past the acknowledgement target), a caller on hold, and the
 * first customer being served by the member of staff. */
static int fill_queue(struct svc *s, const struct staff *staff, int64_t opened_at, int64_t now,
		      struct fd_error *err)
{
	struct visit_view v;
	bool found;
	for (size_t i = 0; i < COUNT(arrivals); i++) {
		const struct arrival *a = &arrivals[i];
		int64_t at = now - a->minutes_ago * 60;
		struct visit_input in = {.channel = a->channel,
					 .customer_card = a->card,
					 .new_customer = a->new_customer,
					 .renewal = a->renewal,
					 .note = a->note};
		act_as(s, staff, at > opened_at ? at : opened_at);
		if (queue_visit_add(s, LIVE_BRANCH, &in, &v, err))
			return -1;
		struct act_input hold = {0};
		if (a->channel == CHANNEL_PHONE && queue_act(s, v.v.id, DESK_HOLD, &hold, &v, err))
			return -1;
	}
	act_as(s, staff, now - 60 > opened_at ? now - 60 : now);
	return queue_next(s, LIVE_BRANCH, &v, &found, err);
}

/* A request the member of staff could not meet, referred to the person in charge: the
 * Assistant Librarian, since the manager has not clocked on yet when the demo is first made. */
static int refer_request(struct svc *s, const struct staff *staff, struct fd_error *err)
{
	struct request_view rv;
	struct request_input in = {
		.branch = LIVE_BRANCH,
		.kind = REQUEST_INTERLIBRARY_LOAN,
		.text = "An out-of-print county history for a family reunion, which no branch "
			"holds",
		.customer_card = "21170000100025",
	};
	s->actor = staff;
	return request_add(s, &in, &rv, err) ||
	       request_escalate(s, rv.r.id,
				"Not in the catalogue or the state's list: can another system lend "
				"it?",
				&rv, err);
}

/* A complaint taken by the manager and referred to the Executive Director, and a report of an
 * incident the Assistant Librarian began and has still to sign: it happened twenty minutes ago,
 * or at the opening if that was later, so that it is today's and not yet overdue. */
static int open_cases(struct svc *s, const struct staff *manager, const struct staff *assistant,
		      int64_t opened_at, struct fd_error *err)
{
	struct complaint_view cv;
	struct in_charge_view ic;
	struct incident_view iv;
	struct complaint_input c = {
		.branch = LIVE_BRANCH,
		.text = "A customer says she was told her hold had expired when it had not",
		.customer_card = "21170000100041",
	};
	s->actor = manager;
	if (complaint_add(s, &c, &cv, &ic, err) ||
	    complaint_refer_director(s, cv.c.id, &cv, &ic, err))
		return -1;
	/* Named, described and witnessed, as a real report is. */
	static struct person_input people[] = {
		{.kind = PERSON_UNKNOWN,
		 .description = "Man in his forties, grey hooded jacket, carrying a blue backpack",
		 .part = "shouted at the desk about a fine",
		 .care = CARE__MAX},
		{.name = "Kos Staff",
		 .kind = PERSON_STAFF,
		 .part = "was at the desk and offered to review the fine",
		 .care = CARE__MAX},
		{.name = "Marian Oyelaran",
		 .kind = PERSON_WITNESS,
		 .part = "was waiting in line and heard it",
		 .contact = "662-555-0187",
		 .care = CARE__MAX},
	};
	struct incident_input in = {
		.branch = LIVE_BRANCH,
		.category = INCIDENT_ANGRY_CUSTOMER,
		.location = "The circulation desk",
		.people = people,
		.npeople = sizeof people / sizeof *people,
		.narrative = "A man shouted at the desk about a fine and left before staff could "
			     "help him",
		.actions_taken = "Stayed calm, offered to review the fine, noted the time",
		.occurred_at = s->now - 20 * 60 > opened_at ? s->now - 20 * 60 : opened_at,
		.police_called = 0,
	};
	s->actor = assistant;
	return incident_add(s, &in, &iv, err);
}

/* The living branch and its suggested logins, when this is the demo's database: the branch
 * and the accounts are there, and the manager's password is still the demo's. */
static int demo_people(struct svc *s, struct branch *b, struct staff *who, struct fd_error *err)
{
	struct fd_error missing = {0};
	bool found = branch_of(s, b, &missing) == 0;
	for (size_t i = 0; found && i < COUNT(live_logins); i++)
		found = person(s, live_logins[i], &who[i], &missing) == 0;
	if (!found && missing.code != FD_ENOTFOUND) {
		*err = missing;
		return -1;
	}
	/* Never a real library's day: only where the demo's manager still has its password. */
	if (!found || !who[0].password_hash ||
	    crypto_pwhash_str_verify(who[0].password_hash, DEMO_PASSWORD, strlen(DEMO_PASSWORD)))
		return fd_fail(err, FD_ECONFLICT,
			       "this is not the demo's database (no %s with the demo's logins and "
			       "password): its day is left as it is",
			       LIVE_BRANCH);
	return 0;
}

/* Clocks the suggested logins from first on at the living branch, as the command line. */
static int clock_on(struct svc *s, size_t first, size_t end, struct fd_error *err)
{
	struct duty d;
	s->actor = NULL;
	for (size_t i = first; i < end; i++)
		if (duty_on(s, LIVE_BRANCH, live_logins[i], live_desks[i], &d, err))
			return -1;
	return 0;
}

int demo_live(struct svc *s, bool first, struct fd_error *err)
{
	struct staff who[COUNT(live_logins)] = {0};
	struct branch b = {0};
	struct queue_view q;
	struct opening opening;
	const struct staff *saved_actor = s->actor;
	int64_t now = s->now, opened_at = now;
	int rc = -1;
	s->actor = NULL;
	if (demo_people(s, &b, who, err) || queue_get(s, LIVE_BRANCH, &q, err))
		goto out;
	if (q.opened_today) {
		/* A second start the same day: the morning is going already. */
		rc = clock_on(s, 0, COUNT(live_logins), err);
		goto out;
	}
	if (open_all_day(s, &b, &opened_at, err))
		goto out;
	s->now = opened_at;
	/* The referral before the manager clocks on, while the Assistant Librarian is in charge. */
	if (clock_on(s, 1, COUNT(live_logins), err) || (first && refer_request(s, &who[2], err)) ||
	    clock_on(s, 0, 1, err))
		goto out;
	act_as(s, &who[0], opened_at);
	/* Within the hours the demo just gave today: no confirmation is asked. */
	if (queue_open(s, LIVE_BRANCH, &(struct open_input){0}, &opening, err) ||
	    fill_queue(s, &who[2], opened_at, now, err))
		goto out;
	s->now = now;
	rc = first ? open_cases(s, &who[0], &who[1], opened_at, err) : 0;
out:
	s->actor = saved_actor;
	s->now = now;
	return rc;
}
