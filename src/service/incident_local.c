/* The incident pages' forms: times given as a date and a time of day on the branch's clock
 * (the date and time pickers), converted here to instants, and people one at a time. */
#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "service/customer_link.h"
#include "service/incident.h"
#include "store/store_branch.h"
#include "store/store_incident.h"

#define IN(member) .offset = offsetof(struct incident_local_input, member)
#define PERSON(member) .offset = offsetof(struct incident_local_input, person.member)

#define CLOCK_FIELDS(what, label)                                                                  \
	{#what "_date", label " (date)", INPUT_DATE, false, IN(what##_date)},                      \
	{                                                                                          \
#what "_time", label " (time)", INPUT_TOKEN, false, 4, 8, ":", IN(what##_time)     \
	}

static const struct input_field start_fields[] = {
	{"category", "What kind of incident", INPUT_ENUM, true, .vocab = &vocab_incident_category,
	 IN(category)},
	CLOCK_FIELDS(occurred, "When it happened"),
	CLOCK_FIELDS(discovered, "Discovered at"),
	{"location", "Where in the building", INPUT_TEXT, false, 0, 200, IN(location)},
	{"narrative", "What happened", INPUT_LINES, false, 0, 20000, IN(narrative)},
};
const struct input_table incident_start_table = INPUT_TABLE(start_fields);

static const struct input_field draft_fields[] = {
	CLOCK_FIELDS(occurred, "When it happened"),
	/* Emptied, the discovery's pickers are sent blank: it clears a stored one. */
	{"discovered_date", "Discovered at (date)", INPUT_DATE, false, IN(discovered_date),
	 .blank_is_empty = true},
	{"discovered_time", "Discovered at (time)", INPUT_TOKEN, false, 0, 8, ":",
	 IN(discovered_time), .blank_is_empty = true},
	{"location", "Where in the building", INPUT_TEXT, false, 0, 200, IN(location),
	 .blank_is_empty = true},
	{"narrative", "What happened", INPUT_LINES, false, 0, 20000, IN(narrative),
	 .blank_is_empty = true},
	{"actions_taken", "Actions taken", INPUT_LINES, false, 0, 5000, IN(actions_taken),
	 .blank_is_empty = true},
	{"police_called", "Police called", INPUT_ANSWER, false, IN(police_called)},
	{"police_report_number", "Police report number", INPUT_TEXT, false, 0, 60,
	 IN(police_report_number), .blank_is_empty = true},
	{"police_officer", "Police officer", INPUT_TEXT, false, 0, 100, IN(police_officer),
	 .blank_is_empty = true},
	{"kind", "Who they were", INPUT_ENUM, false, .vocab = &vocab_person_kind, PERSON(kind)},
	{"name", "Name", INPUT_TEXT, false, 1, 100, PERSON(name)},
	INPUT_CARD_FIELD("customer", false, offsetof(struct incident_local_input, person.customer)),
	{"description", "What they looked like", INPUT_TEXT, false, 0, 500, PERSON(description)},
	{"part", "Their part", INPUT_TEXT, false, 0, 500, PERSON(part)},
	{"injuries", "Injuries", INPUT_TEXT, false, 0, 500, PERSON(injuries)},
	{"care", "Care given", INPUT_ENUM, false, .vocab = &vocab_person_care, PERSON(care)},
	{"contact", "Phone or email", INPUT_TEXT, false, 0, 200, PERSON(contact)},
	{"remove_person", "Remove", INPUT_INT, false, 1, 50, IN(remove_person)},
};
const struct input_table incident_draft_table = INPUT_TABLE(draft_fields);

/* "14:30" or "14:30:00" (what a time picker sends) as minutes since midnight; -1 if not. */
static int minute_of(const char *hhmm)
{
	int h, m, sec = 0, n = 0;
	size_t len = strlen(hhmm);
	if ((len != 5 && len != 8) || sscanf(hhmm, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 ||
	    (len == 8 && sscanf(hhmm + 5, ":%2d", &sec) != 1) || h > 23 || m > 59 || sec > 59 ||
	    h < 0 || m < 0 || sec < 0)
		return -1;
	return h * 60 + m;
}

/* One date and time on the branch's clock as an instant; the field named is the date's. */
static int instant_of(const struct branch *b, const char *what, const char *date, const char *time,
		      int64_t *out, struct fd_error *err)
{
	int y = 0, mo = 0, d = 0, minute = time ? minute_of(time) : -1;
	char field[32];
	snprintf(field, sizeof field, "%s_time", what);
	if (!time || minute < 0)
		return fd_fail_field(err, field,
				     "Give the time as hours and minutes, such as 2:30 PM.");
	snprintf(field, sizeof field, "%s_date", what);
	if (sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		return fd_fail_field(err, field, "Give the date, such as 2026-11-30.");
	int rc = tz_from_local(b->time_zone, timefmt_days_from_civil(y, mo, d), minute, out);
	if (rc > 0)
		return fd_fail_field(err, field,
				     "The clocks went forward that night: %s did not happen on "
				     "%s's clock. Give a time an hour later.",
				     time, b->name);
	return rc ? fd_fail(err, FD_EINTERNAL, "%s's time zone is not known", b->name) : 0;
}

/* The start form's times as the API's: occurred (none given: now) and discovered (blank: not
 * found later). */
static int start_times(struct svc *s, const struct branch *b, const struct incident_local_input *in,
		       struct incident_input *out, struct fd_error *err)
{
	out->occurred_at = s->now;
	if ((in->occurred_date || in->occurred_time) &&
	    instant_of(b, "occurred", in->occurred_date ? in->occurred_date : "", in->occurred_time,
		       &out->occurred_at, err))
		return -1;
	if (in->discovered_date || in->discovered_time)
		return instant_of(b, "discovered", in->discovered_date ? in->discovered_date : "",
				  in->discovered_time, &out->discovered_at, err);
	return 0;
}

/* Does the form show t as date and time? What it showed comes back as it was: the first or
 * second showing of an autumn hour alike, seconds aside. */
static bool shows(const char *zone, int64_t t, const char *date, const char *time)
{
	struct tm tm = {0};
	int y = 0, mo = 0, d = 0;
	return t && date && time && sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) == 3 &&
	       !tz_localtime(zone, t, &tm) && tm.tm_year + 1900 == y && tm.tm_mon + 1 == mo &&
	       tm.tm_mday == d && tm.tm_hour * 60 + tm.tm_min == minute_of(time);
}

/* One of a draft's clock fields as the API's change: not sent (a Remove button's form) or as
 * the form showed the stored instant, 0 (no change: a time in the repeated autumn hour, or
 * with seconds, is not moved); both emptied (the discovery's, whose blanks are sent), -1 to
 * clear a stored one; otherwise the new instant. */
static int draft_time(const struct branch *b, const char *what, int64_t stored, const char *date,
		      const char *time, int64_t *out, struct fd_error *err)
{
	*out = 0;
	if ((!date && !time) || shows(b->time_zone, stored, date, time))
		return 0;
	if (date && time && !*date && !*time) {
		*out = stored ? -1 : 0;
		return 0;
	}
	return instant_of(b, what, date ? date : "", time, out, err);
}

/* The form as the API's input, times aside; a person half given is refused. */
static int input_of(const struct branch *b, const struct incident_local_input *in,
		    struct incident_input *out, struct fd_error *err)
{
	*out = (struct incident_input){.branch = b->code,
				       .category = in->category,
				       .narrative = in->narrative,
				       .actions_taken = in->actions_taken,
				       .location = in->location,
				       .police_called = in->police_called,
				       .police_report_number = in->police_report_number,
				       .police_officer = in->police_officer};
	if (in->person.kind >= PERSON_KIND__MAX &&
	    (in->person.name || in->person.customer || in->person.description))
		return fd_fail_field(err, "kind",
				     "Choose who the person was: a customer, staff "
				     "member, volunteer, visitor, unknown person or "
				     "witness.");
	return 0;
}

static void on_the_form(struct fd_error *err)
{
	if (strcmp(err->field, "occurred_at") == 0)
		snprintf(err->field, sizeof err->field, "occurred_date");
	else if (strcmp(err->field, "discovered_at") == 0)
		snprintf(err->field, sizeof err->field, "discovered_date");
}

int incident_add_local(struct svc *s, const char *branch, const struct incident_local_input *in,
		       struct incident_view *out, struct fd_error *err)
{
	struct branch b = {0};
	struct incident_input api;
	memset(out, 0, sizeof *out);
	if (svc_begin(s, false, err))
		return -1;
	if (svc_end(s, svc_branch(s, branch, &b, err), err) || input_of(&b, in, &api, err) ||
	    start_times(s, &b, in, &api, err))
		return -1;
	int rc = incident_add(s, &api, out, err);
	if (rc)
		on_the_form(err);
	return rc;
}

int incident_update_local(struct svc *s, int64_t id, const struct incident_local_input *in,
			  struct incident_view *out, struct fd_error *err)
{
	struct incident_input api;
	struct branch b = {0};
	memset(out, 0, sizeof *out);
	/* The branch's clock is the report's branch's: read before the change, which checks who
	 * may make it. */
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_incident_get(s->store, id, s->arena, &out->i, err) ||
				 store_branch_get_by_id(s->store, out->i.branch_id, s->arena, &b,
							err)
			 ? -1
			 : 0;
	if (svc_end(s, rc, err) || input_of(&b, in, &api, err) ||
	    draft_time(&b, "occurred", out->i.occurred_at, in->occurred_date, in->occurred_time,
		       &api.occurred_at, err) ||
	    draft_time(&b, "discovered", out->i.discovered_at, in->discovered_date,
		       in->discovered_time, &api.discovered_at, err))
		return -1;
	api.branch = NULL;
	struct person_change pc = {in->person.kind < PERSON_KIND__MAX ? &in->person : NULL,
				   in->remove_person};
	if ((rc = incident_update_people(s, id, &api, &pc, out, err)) != 0)
		on_the_form(err);
	return rc;
}
