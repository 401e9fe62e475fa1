/* JSON shapes the API's handlers share: people, times, clock times, who is in charge,
 * warnings, calls for the person in charge, a ban in force, and a refusal that says whom to
 * fetch. */
#include "api/shapes.h"

#include "base/timefmt.h"
#include "policy/hours.h"
#include "service/ban.h"

json_t *json_who(const struct person *p)
{
	return p->login ? json_pack("{s:s, s:s, s:s}", "login", p->login, "name", p->name, "role",
				    role_name(p->role))
			: json_null();
}

json_t *json_person(const struct staff *st)
{
	return json_pack("{s:s, s:s, s:s}", "login", st->login, "name", st->name, "role",
			 role_name(st->role));
}

json_t *json_clock(int minutes)
{
	char hhmm[HOURS_CLOCK_LEN];
	if (minutes < 0)
		return json_null();
	hours_clock(minutes, hhmm);
	return json_string(hhmm);
}

json_t *json_time(int64_t t)
{
	if (!t)
		return json_null();
	char s[RFC3339_LEN];
	timefmt_rfc3339(t, s);
	return json_string(s);
}

json_t *json_in_charge(const struct in_charge_view *ic)
{
	return json_pack("{s:o, s:s, s:b}", "staff",
			 ic->staff ? json_person(ic->staff) : json_null(), "level",
			 charge_level_name(ic->level), "must_contact_hq", ic->must_contact_hq);
}

json_t *json_warnings(const struct warnings *w)
{
	json_t *a = json_array();
	for (int i = 0; i < w->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "rule", w->w[i].rule, "message",
						   w->w[i].message));
	return a;
}

json_t *json_fetches(const struct fetch *f, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
				     (json_int_t)f[i].id, "branch", f[i].branch_code, "about",
				     f[i].about, "note", f[i].note ? f[i].note : "", "asked_by",
				     json_who(&f[i].asked_by), "asked_at", json_time(f[i].asked_at),
				     "to", json_who(&f[i].to), "answered_by",
				     json_who(&f[i].answered_by), "answered_at",
				     json_time(f[i].answered_at)));
	return a;
}

void api_refuse(struct request *r, const struct fd_error *err, const struct in_charge_view *ic)
{
	if (err->rule && err->code == FD_EPOLICY && ic && ic->branch)
		req_error_with(r, err, json_pack("{s:o}", "in_charge", json_in_charge(ic)));
	else
		req_error(r, err);
}

json_t *json_ban(struct request *r, const struct restriction *ban)
{
	if (!ban)
		return json_null();
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "scope", ban->scope, "branch",
			 ban->branch_code, "branch_name", ban->branch_name, "starts_at",
			 json_time(ban->starts_at), "until", json_time(ban->ends_at), "notice",
			 ban_notice(&r->svc, ban));
}
