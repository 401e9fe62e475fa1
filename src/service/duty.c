/* Duty use cases; the rules themselves are the pure functions in policy/. */
#include "service/duty.h"

#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"

/* CS-SCOPE: may the actor clock p on or off? A manager does it for the people of her branch
 * and for whoever is on duty there. */
static bool of_my_branch(const struct svc *s, const struct staff *p)
{
	struct workplace w = svc_workplace(s);
	return access_decide(&w, ACTION_DUTY_OTHERS, p->branch_id) == ACCESS_ALLOWED ||
	       (p->duty_branch_id &&
		access_decide(&w, ACTION_DUTY_OTHERS, p->duty_branch_id) == ACCESS_ALLOWED);
}

int duty_subject_in_tx(struct svc *s, const char *login, int64_t at_branch, struct staff *out,
		       struct fd_error *err)
{
	bool self = !login || (s->actor && strcmp(login, s->actor->login) == 0);
	if (self) {
		if (!s->actor)
			return fd_fail_field(err, "login", "say whose duty: --login LOGIN");
		if (svc_may(s, ACTION_DUTY_SELF, err))
			return -1;
		*out = *s->actor;
		return 0;
	}
	if (svc_may(s, ACTION_DUTY_OTHERS, err))
		return -1;
	if (store_staff_get(s->store, login, s->arena, out, err)) {
		if (err->code == FD_ENOTFOUND)
			snprintf(err->field, sizeof err->field, "login");
		return -1;
	}
	/* Headquarters' people are Headquarters' to clock on or off, wherever they are. */
	if (s->actor && role_is_headquarters(out->role) && !role_is_headquarters(s->actor->role)) {
		fd_fail(err, FD_EFORBID,
			"%s is at Headquarters: only Headquarters clocks her on or off", out->name);
		err->rule = "CS-SCOPE";
		return -1;
	}
	if (s->actor && !of_my_branch(s, out)) {
		fd_fail(err, FD_EFORBID,
			"%s works at %s: only that branch's managers or Headquarters clock her on "
			"or off",
			out->name, out->branch_code ? out->branch_code : "Headquarters");
		err->rule = "CS-SCOPE";
		return -1;
	}
	return at_branch ? svc_may_at(s, ACTION_DUTY_OTHERS, at_branch, err) : 0;
}

#define IN(member) .offset = offsetof(struct duty_on_input, member)
static const struct input_field duty_on_fields[] = {
	INPUT_BRANCH_FIELD("branch", "Branch", true, offsetof(struct duty_on_input, branch)),
	INPUT_LOGIN_FIELD(false, offsetof(struct duty_on_input, login)),
	{"desk", "Desk", INPUT_TEXT, false, 1, DUTY_DESK_MAX, IN(desk)},
};
const struct input_table duty_on_table = INPUT_TABLE(duty_on_fields);
/* The desk page's clocking on: the branch is the page's, the person the reader. */
static const struct input_field duty_desk_fields[] = {
	{"desk", "Desk", INPUT_TEXT, false, 1, DUTY_DESK_MAX, IN(desk)},
};
const struct input_table duty_desk_table = INPUT_TABLE(duty_desk_fields);

int duty_on(struct svc *s, const char *branch, const char *login, const char *desk,
	    struct duty *out, struct fd_error *err)
{
	struct staff who = {0};
	struct branch b = {0};
	bool found = false;
	if (!branch)
		return fd_fail_field(err, "branch", "Say which branch.");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = svc_branch(s, branch, &b, err)) != 0 ||
	    (rc = duty_subject_in_tx(s, login, b.id, &who, err)) != 0)
		goto out;
	if (!who.active) {
		rc = fd_fail(err, FD_ECONFLICT, "%s's account is deactivated", who.login);
		goto out;
	}
	if ((rc = store_duty_current(s->store, who.id, s->arena, out, &found, err)) != 0)
		goto out;
	if (desk && !*desk)
		desk = NULL;
	/* Already on here: the shift goes on; only a desk newly said moves them to it. */
	if (found && out->branch_id == b.id) {
		if (desk && (rc = store_duty_set_desk(s->store, who.id, desk, err)) == 0)
			rc = store_duty_current(s->store, who.id, s->arena, out, &found, err);
		goto out;
	}
	if ((rc = store_duty_close(s->store, who.id, s->now, NULL, err)) != 0 ||
	    (rc = store_duty_open(s->store, who.id, b.id, desk, s->now, err)) != 0 ||
	    (rc = store_duty_current(s->store, who.id, s->arena, out, &found, err)) != 0)
		goto out;
out:
	return svc_end(s, rc, err);
}

int duty_mine(struct svc *s, struct duty *out, bool *found, struct fd_error *err)
{
	*found = false;
	if (!s->actor)
		return 0; /* the command line is never on duty */
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_duty_current(s->store, s->actor->id, s->arena, out, found, err),
		       err);
}

static int list_at(struct svc *s, const char *branch, struct duty **out, size_t *n,
		   struct fd_error *err)
{
	struct branch b;
	if (store_branch_get(s->store, branch, s->arena, &b, err))
		return -1;
	return store_duty_list(s->store, b.id, s->arena, out, n, err);
}

int duty_list(struct svc *s, const char *branch, struct duty **out, size_t *n, struct fd_error *err)
{
	if (svc_may(s, ACTION_BRANCH_READ, err) || svc_begin(s, false, err))
		return -1;
	return svc_end(s, list_at(s, branch, out, n, err), err);
}

static int64_t service_start_day(const char *date)
{
	int y, m, d;
	/* An unreadable date counts as joining today's epoch: least seniority is not claimed. */
	if (!date || timefmt_parse_date(date, &y, &m, &d))
		return INT64_MAX / 2;
	return timefmt_days_from_civil(y, m, d);
}

int duty_in_charge_in_tx(struct svc *s, int64_t branch_id, struct in_charge_view *out,
			 struct fd_error *err)
{
	return duty_in_charge_after_in_tx(s, branch_id, 0, out, err);
}

int duty_on_at_in_tx(struct svc *s, int64_t branch_id, int64_t leaving, struct duty **rows,
		     struct on_duty **on, size_t *n, struct fd_error *err)
{
	size_t all = 0, kept = 0;
	if (store_duty_list(s->store, branch_id, s->arena, rows, &all, err))
		return -1;
	*on = arena_alloc(s->arena, (all ? all : 1) * sizeof **on);
	for (size_t i = 0; i < all; i++) {
		const struct duty *d = &(*rows)[i];
		/* Whoever is leaving is left out, as though already gone. */
		if (d->staff.id == leaving)
			continue;
		(*rows)[kept] = *d;
		(*on)[kept++] =
			(struct on_duty){d->staff.role, service_start_day(d->staff.service_start),
					 d->on_at, d->staff.branch_id == branch_id};
	}
	*n = kept;
	return 0;
}

int duty_in_charge_after_in_tx(struct svc *s, int64_t branch_id, int64_t leaving,
			       struct in_charge_view *out, struct fd_error *err)
{
	struct duty *rows;
	struct on_duty *on;
	size_t n;
	if (duty_on_at_in_tx(s, branch_id, leaving, &rows, &on, &n, err))
		return -1;
	struct in_charge ic = in_charge_compute(on, n);
	out->staff = ic.index >= 0 ? &rows[ic.index].staff : NULL;
	out->level = ic.level;
	out->must_contact_hq = ic.must_contact_hq;
	return 0;
}

int duty_would_lead_in_tx(struct svc *s, int64_t branch_id, const struct duty *back, bool *leads,
			  struct fd_error *err)
{
	struct duty *rows;
	struct on_duty *on;
	size_t n;
	*leads = false;
	if (duty_on_at_in_tx(s, branch_id, 0, &rows, &on, &n, err))
		return -1;
	struct on_duty *all = arena_alloc(s->arena, (n + 1) * sizeof *all);
	if (n)
		memcpy(all, on, n * sizeof *all);
	all[n] = (struct on_duty){back->staff.role, service_start_day(back->staff.service_start),
				  back->on_at, back->staff.branch_id == branch_id};
	*leads = in_charge_compute(all, n + 1).index == (int)n;
	return 0;
}

int duty_in_charge(struct svc *s, const char *branch, struct in_charge_view *out,
		   struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, branch, s->arena, &b, err);
	if (!rc)
		rc = duty_in_charge_in_tx(s, b.id, out, err);
	out->branch = branch;
	return svc_end(s, rc, err);
}

int duty_difficult_in_tx(struct svc *s, int64_t branch_id, struct difficult_verdict *v,
			 struct in_charge_view *ic, struct fd_error *err)
{
	struct duty *rows;
	struct on_duty *on;
	size_t n;
	if (duty_on_at_in_tx(s, branch_id, 0, &rows, &on, &n, err))
		return -1;
	struct in_charge c = in_charge_compute(on, n);
	ic->staff = c.index >= 0 ? &rows[c.index].staff : NULL;
	ic->level = c.level;
	ic->must_contact_hq = c.must_contact_hq;
	/* The command line stands for Headquarters. */
	*v = difficult_may_handle(s->actor ? s->actor->role : ROLE_EXECUTIVE_DIRECTOR, on, n);
	return 0;
}

int duty_difficult_gate_in_tx(struct svc *s, const struct branch *b, struct difficult_verdict *v,
			      struct in_charge_view *ic, struct fd_error *err)
{
	if (svc_may_at(s, ACTION_DIFFICULT_WORK, b->id, err) ||
	    duty_difficult_in_tx(s, b->id, v, ic, err))
		return -1;
	ic->branch = b->code;
	/* Who may never take it is told whom to fetch first, on duty or not. */
	if (!v->allowed)
		return fd_fail_policy(err, "CS-DIFFICULT", "%s%s%s.", v->reason,
				      ic->staff ? ", "
						: ". Nobody is in charge here: call "
						  "Headquarters",
				      ic->staff ? ic->staff->name : "");
	return duty_require_at(s, b, true, err);
}

int duty_require_at(struct svc *s, const struct branch *b, bool hq_anywhere, struct fd_error *err)
{
	struct duty d;
	bool found;
	if (!s->actor || (hq_anywhere && role_is_headquarters(s->actor->role)))
		return 0;
	if (store_duty_current(s->store, s->actor->id, s->arena, &d, &found, err))
		return -1;
	if (!found)
		return fd_fail(err, FD_ECONFLICT, "clock on at %s first", b->code);
	if (d.branch_id != b->id)
		return fd_fail(err, FD_ECONFLICT, "that is %s's work; you are on duty at %s",
			       b->code, d.branch_code);
	return 0;
}
