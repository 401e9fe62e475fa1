/* Bans known at every branch (see ban.h): the bans in force, their words, and telling every
 * branch's desks when one changes. */
#include "service/ban.h"

#include <string.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "store/store_branch.h"
#include "store/store_visit.h"

/* The store keeps the scope's name: read it through its vocabulary, not by spelling. */
static enum restriction_scope scope_of(const char *scope)
{
	int sc = scope ? vocab_from_name(&vocab_restriction_scope, scope) : -1;
	return sc < 0 ? RESTRICT_OTHER : (enum restriction_scope)sc;
}

bool ban_is_building(const struct restriction *r)
{
	return scope_of(r->scope) == RESTRICT_BUILDING;
}

const char *ban_label(const char *scope)
{
	switch (scope_of(scope)) {
	case RESTRICT_BUILDING: return "Building ban";
	case RESTRICT_COMPUTER: return "Computer-use ban";
	default: return "Other restriction";
	}
}

int ban_list_in_force_in_tx(struct svc *s, struct restriction **out, size_t *n,
			    struct fd_error *err)
{
	if (store_restriction_bans_in_force(s->store, s->now, s->arena, out, n, err))
		return -1;
	/* CS-CONFIDENTIAL: volunteers and pages are told a ban is in force, never of whom. */
	if (!svc_sees_customers(s))
		for (size_t i = 0; i < *n; i++)
			(*out)[i].customer_card = (*out)[i].customer_name = NULL;
	return 0;
}

int ban_list_in_force(struct svc *s, struct restriction **out, size_t *n, struct fd_error *err)
{
	*n = 0;
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, ban_list_in_force_in_tx(s, out, n, err), err);
}

const struct restriction *ban_of_customer(const struct restriction *list, size_t n,
					  int64_t customer_id)
{
	const struct restriction *found = NULL;
	for (size_t i = 0; customer_id && i < n; i++)
		if (list[i].customer_id == customer_id && (!found || ban_is_building(&list[i])))
			found = &list[i];
	return found;
}

const char *ban_day(struct svc *s, const struct restriction *r, int64_t t)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	const char *tz = r->branch_time_zone && *r->branch_time_zone ? r->branch_time_zone : "UTC";
	struct tm day = {0}, today = {0};
	if (tz_localtime(tz, t, &day) || tz_localtime(tz, s->now, &today))
		return "";
	if (day.tm_year != today.tm_year)
		return arena_printf(s->arena, "%s %d, %d", months[day.tm_mon], day.tm_mday,
				    day.tm_year + 1900);
	return arena_printf(s->arena, "%s %d", months[day.tm_mon], day.tm_mday);
}

/* "Building ban in force (issued at Kos Branch on Nov 30, until Dec 30): " + what to do. */
static const char *notice_with(struct svc *s, const struct restriction *r, const char *todo)
{
	return arena_printf(s->arena, "%s in force (issued at %s on %s, until %s): %s",
			    ban_label(r->scope), r->branch_name ? r->branch_name : r->branch_code,
			    ban_day(s, r, r->starts_at),
			    r->ends_at ? ban_day(s, r, r->ends_at) : "lifted", todo);
}

const char *ban_notice(struct svc *s, const struct restriction *r)
{
	return notice_with(s, r, "ask the person in charge");
}

const char *ban_visit_notice(struct svc *s, const struct restriction *r)
{
	/* A computer-use ban keeps them off the computers, not from the desk (CS-NOBIAS). */
	if (scope_of(r->scope) == RESTRICT_COMPUTER)
		return notice_with(s, r, "serve them, but not at a library computer");
	return notice_with(s, r,
			   svc_sees_customers(s) ? "fetch the person in charge before serving"
						 : "do not serve — fetch the person in charge");
}

int ban_publish_in_tx(struct svc *s, const struct restriction *r, struct fd_error *err)
{
	struct branch *all;
	size_t n;
	if (scope_of(r->scope) == RESTRICT_OTHER)
		return 0; /* another restriction is shown where its customer is looked up only */
	if (store_branch_list(s->store, s->arena, &all, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (store_event_append(s->store, all[i].id, "ban", 0, s->now, err))
			return -1;
	return 0;
}
