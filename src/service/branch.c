/* Branch use cases: validation of code, name, time zone and hours before anything is stored. */
#include "service/branch.h"

#include "base/buf.h"
#include "base/tz.h"

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
static const struct input_field branch_fields[] = {
	INPUT_BRANCH_FIELD("code", "Code", true, offsetof(struct branch, code)),
	{"name", "Name", INPUT_TEXT, true, 1, 100, IN(name)},
	{"time_zone", "Time zone (like America/Chicago)", INPUT_TEXT, false, 0, 64, IN(time_zone)},
	{"hours", "Opening hours, like \"mon-fri 09:00-18:00,sat 10:00-14:00\"", INPUT_LINES, false,
	 0, 200, IN(hours)},
	{"phone", "Public phone number", INPUT_PHONE, false, IN(phone)},
	{"address", "Postal address (street, then city, state and ZIP on the next line)",
	 INPUT_LINES, false, 0, 300, IN(address)},
	{"headquarters", "This is the system's Headquarters", INPUT_BOOL, false, IN(headquarters)},
	/* CS-ACK */
	{"ack_target_s", "Seconds to acknowledge a waiting customer in", INPUT_INT, false, 5, 3600,
	 IN(ack_target_s)},
	{"no_show_after_s", "Seconds before a customer called may be marked no-show", INPUT_INT,
	 false, 10, 3600, IN(no_show_after_s)},
};
const struct input_table branch_input_table = INPUT_TABLE(branch_fields);

int branch_add(struct svc *s, const struct branch *in, struct branch_view *out,
	       struct fd_error *err)
{
	struct branch b = *in;
	struct week_hours hours;
	struct buf canon = BUF_INIT;
	if (!b.time_zone)
		b.time_zone = BRANCH_DEFAULT_TZ;
	if (!b.ack_target_s)
		b.ack_target_s = 60;
	if (!b.no_show_after_s)
		b.no_show_after_s = 120;
	if (svc_may(s, ACTION_BRANCH_MANAGE, err))
		return -1;
	if (!b.code || !b.name)
		return fd_fail_field(err, b.code ? "name" : "code", "Give the branch's %s.",
				     b.code ? "name" : "short code");
	if (!tz_valid(b.time_zone))
		return fd_fail_field(err, "time_zone",
				     "%s is not a time zone: give one like America/Chicago.",
				     b.time_zone);
	if (hours_parse(b.hours ? b.hours : "", &hours, err))
		return -1;
	hours_format(&hours, &canon);
	b.hours = arena_strdup(s->arena, buf_str(&canon));
	buf_free(&canon);

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
