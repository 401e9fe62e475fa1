/* Branch use cases: validation of code, name, time zone and hours before anything is stored. */
#include "service/branch.h"

#include <string.h>

#include "base/buf.h"
#include "base/tz.h"
#include "store/store_visit.h"

int branch_view_in_tx(struct svc *s, const struct branch *b, struct branch_view *v,
		      struct fd_error *err)
{
	struct open_span *spans;
	struct calendar_day *days;
	size_t n;
	int64_t today = calendar_local_day(b, s->now);
	v->branch = *b;
	calendar_week_hours(b, &v->hours);
	/* One read of the calendar serves today and the next opening. */
	if (calendar_days_in_tx(s, b, today, BRANCH_LOOKAHEAD_DAYS + 1, &days, err) ||
	    calendar_spans_of_days(s, b, today, days, BRANCH_LOOKAHEAD_DAYS + 1, &spans, &n, err))
		return -1;
	v->today = days[0];
	v->open_now = open_at(spans, n, s->now);
	v->opens_next = next_opening(spans, n, s->now);
	return 0;
}

#define IN(member) .offset = offsetof(struct branch, member)
/* clang-format off */
/* What branch set may change too: all but the code and whether it is Headquarters. */
#define BRANCH_DETAILS(required)                                                               \
	{"name", "Name", INPUT_TEXT, required, 1, 100, IN(name)},                              \
	{"time_zone", "Time zone (like America/Chicago)", INPUT_TEXT, false, 0, 64,            \
	 IN(time_zone)},                                                                       \
	{"hours", "Opening hours, like \"mon-fri 09:00-18:00,sat 10:00-14:00\"", INPUT_LINES,   \
	 false, 0, 200, IN(hours)},                                                            \
	{"phone", "Public phone number", INPUT_PHONE, false, IN(phone)},                       \
	{"address", "Postal address (street, then city, state and ZIP on the next line)",      \
	 INPUT_LINES, false, 0, 300, IN(address)},                                             \
	/* CS-ACK */                                                                           \
	{"ack_target_s", "Seconds to acknowledge a waiting customer in", INPUT_INT, false, 5,  \
	 3600, IN(ack_target_s)},                                                              \
	{"no_show_after_s", "Seconds before a customer called may be marked no-show",          \
	 INPUT_INT, false, 10, 3600, IN(no_show_after_s)}
/* clang-format on */

static const struct input_field branch_fields[] = {
	INPUT_BRANCH_FIELD("code", "Code", true, offsetof(struct branch, code)),
	BRANCH_DETAILS(true),
	{"headquarters", "This is the system's Headquarters", INPUT_BOOL, false, IN(headquarters)},
};
const struct input_table branch_input_table = INPUT_TABLE(branch_fields);

static const struct input_field change_fields[] = {BRANCH_DETAILS(false)};
const struct input_table branch_change_table = INPUT_TABLE(change_fields);

/* The rules across b's fields, as adding and changing a branch share them; b->hours becomes
 * their canonical text (in s->arena). Each field's own limits were checked by its table. */
static int check_branch(struct svc *s, struct branch *b, struct fd_error *err)
{
	struct week_hours hours;
	struct buf canon = BUF_INIT;
	if (!b->code || !b->name)
		return fd_fail_field(err, b->code ? "name" : "code", "Give the branch's %s.",
				     b->code ? "name" : "short code");
	if (!tz_valid(b->time_zone))
		return fd_fail_field(err, "time_zone",
				     "%s is not a time zone: give one like America/Chicago.",
				     b->time_zone);
	if (hours_parse(b->hours ? b->hours : "", &hours, err))
		return -1;
	hours_format(&hours, &canon);
	b->hours = arena_strdup(s->arena, buf_str(&canon));
	buf_free(&canon);
	return 0;
}

int branch_add(struct svc *s, const struct branch *in, struct branch_view *out,
	       struct fd_error *err)
{
	struct branch b = *in;
	if (!b.time_zone)
		b.time_zone = BRANCH_DEFAULT_TZ;
	if (!b.ack_target_s)
		b.ack_target_s = 60;
	if (!b.no_show_after_s)
		b.no_show_after_s = 120;
	if (svc_may(s, ACTION_BRANCH_MANAGE, err) || check_branch(s, &b, err))
		return -1;

	if (svc_begin(s, true, err))
		return -1;
	int rc = store_branch_insert(s->store, &b, s->now, &b.id, err);
	/* The branch as stored (a phone not given is "", not NULL): what reading it shows. */
	struct branch stored;
	if (!rc)
		rc = store_branch_get(s->store, b.code, s->arena, &stored, err);
	if (!rc)
		rc = branch_view_in_tx(s, &stored, out, err);
	return svc_end(s, rc, err);
}

/* Are two stored texts the same? NULL and "" are both "none". */
static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The fields that differ from was to now, by name (in s->arena): "address; time_zone";
 * "" when none does. */
static const char *differences(struct svc *s, const struct branch *was, const struct branch *now)
{
	const char *texts[][3] = {{"name", was->name, now->name},
				  {"time_zone", was->time_zone, now->time_zone},
				  {"hours", was->hours, now->hours},
				  {"phone", was->phone, now->phone},
				  {"address", was->address, now->address}};
	const char *out = "";
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!same_text(texts[i][1], texts[i][2]))
			out = arena_printf(s->arena, "%s%s%s", out, *out ? "; " : "", texts[i][0]);
	if (was->ack_target_s != now->ack_target_s)
		out = arena_printf(s->arena, "%s%sack_target_s", out, *out ? "; " : "");
	if (was->no_show_after_s != now->no_show_after_s)
		out = arena_printf(s->arena, "%s%sno_show_after_s", out, *out ? "; " : "");
	return out;
}

/* Inside the transaction: *now is was with in's fields that were given, checked as a new
 * branch is. */
static int changed_branch(struct svc *s, const struct branch *in, const struct branch *was,
			  struct branch *now, struct fd_error *err)
{
	*now = *was;
	if (in->name)
		now->name = in->name;
	if (in->time_zone)
		now->time_zone = in->time_zone;
	if (in->hours)
		now->hours = in->hours;
	if (in->phone)
		now->phone = in->phone;
	if (in->address)
		now->address = in->address;
	if (in->ack_target_s)
		now->ack_target_s = in->ack_target_s;
	if (in->no_show_after_s)
		now->no_show_after_s = in->no_show_after_s;
	return check_branch(s, now, err);
}

int branch_update(struct svc *s, const char *code, const struct branch *in, struct branch_view *out,
		  const char **changed, struct fd_error *err)
{
	struct branch was, now;
	*changed = "";
	if (svc_may(s, ACTION_BRANCH_MANAGE, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_branch_get(s->store, code, s->arena, &was, err)) != 0 ||
	    (rc = changed_branch(s, in, &was, &now, err)) != 0)
		goto out;
	*changed = differences(s, &was, &now);
	if (**changed) {
		/* A queue event: every node's queue answers and live desks see the new name and
		 * hours at once, as they see any change to the branch's queue. */
		if ((rc = store_branch_update(s->store, &now, err)) != 0 ||
		    (rc = svc_audit(s, arena_printf(s->arena, "change: %s", *changed), "branch",
				    was.id, err)) != 0 ||
		    (rc = store_event_append(s->store, was.id, "branch", 0, s->now, err)) != 0 ||
		    (rc = store_branch_get(s->store, code, s->arena, &now, err)) != 0)
			goto out;
	}
	rc = branch_view_in_tx(s, &now, out, err);
out:
	return svc_end(s, rc, err);
}

int branch_get(struct svc *s, const char *code, struct branch_view *out, struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, code, s->arena, &b, err);
	if (!rc)
		rc = branch_view_in_tx(s, &b, out, err);
	return svc_end(s, rc, err);
}

int branch_list(struct svc *s, struct branch_view **out, size_t *n, struct fd_error *err)
{
	struct branch *rows;
	if (svc_may(s, ACTION_BRANCH_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_list(s->store, s->arena, &rows, n, err);
	if (!rc)
		*out = arena_alloc(s->arena, (*n ? *n : 1) * sizeof **out);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = branch_view_in_tx(s, &rows[i], &(*out)[i], err);
	return svc_end(s, rc, err);
}

int branch_rows(struct svc *s, struct branch **out, size_t *n, struct fd_error *err)
{
	if (svc_may(s, ACTION_BRANCH_READ, err) || svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_branch_list(s->store, s->arena, out, n, err), err);
}
