/* Account use cases. A branch manager manages only her own branch and the roles below hers. */
#include "service/staff.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"
#include "policy/password.h"
#include "service/handover.h"

int user_hash_password(struct svc *s, const char *password, const char **hash, struct fd_error *err)
{
	char *out = arena_alloc(s->arena, crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str_alg(out, password, strlen(password),
				  crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
		return fd_fail(err, FD_EINTERNAL, "not enough memory to hash the password");
	*hash = out;
	return 0;
}

/* May the actor manage accounts of role r at branch b (0 for none)? */
static int may_manage(const struct svc *s, enum role r, int64_t branch_id, struct fd_error *err)
{
	if (svc_may(s, ACTION_USER_MANAGE, err))
		return -1;
	if (!s->actor)
		return 0;
	if (!role_may_grant(s->actor->role, r))
		return fd_fail(err, FD_EFORBID, "a %s may not manage %s accounts",
			       role_label(s->actor->role), role_label(r));
	if (!role_is_headquarters(s->actor->role) && branch_id != s->actor->branch_id)
		return fd_fail(err, FD_EFORBID, "a %s manages the accounts of her own branch only",
			       role_label(s->actor->role));
	return 0;
}

static int check_user(const struct user_input *in, int *role, struct fd_error *err)
{
	int y, m, d;
	if (svc_check_token("login", in->login, 2, 32, "._-", err) ||
	    svc_check_text("name", in->name, 1, 100, err) ||
	    svc_check_email("email", in->email, err) || svc_check_phone("phone", in->phone, err))
		return -1;
	if ((*role = role_from_name(in->role)) < 0)
		return fd_fail_field(err, "role",
				     "unknown role '%s'; roles are executive_director, "
				     "business_manager, branch_services_coordinator, hq_staff, "
				     "branch_manager, assistant_librarian, staff, substitute, "
				     "volunteer, page",
				     in->role ? in->role : "");
	if (!role_is_headquarters(*role) && !in->branch)
		return fd_fail_field(err, "branch", "a %s needs a home branch", role_label(*role));
	if (in->service_start && timefmt_parse_date(in->service_start, &y, &m, &d))
		return fd_fail_field(err, "service_start", "service_start is a date: YYYY-MM-DD");
	if (in->password && password_check(in->password, err))
		return -1;
	return 0;
}

int user_add(struct svc *s, const struct user_input *in, struct staff *out, struct fd_error *err)
{
	int role;
	struct staff st = {0};
	struct branch b = {0};
	if (check_user(in, &role, err))
		return -1;
	st.login = in->login;
	st.name = in->name;
	st.role = (enum role)role;
	st.email = in->email;
	st.phone = in->phone;
	st.service_start = in->service_start;
	if (!st.service_start) {
		char today[RFC3339_LEN];
		timefmt_rfc3339(s->now, today);
		st.service_start = arena_strndup(s->arena, today, 10);
	}
	/* Hash before the transaction: it takes a tenth of a second and needs no lock. */
	if (in->password && user_hash_password(s, in->password, &st.password_hash, err))
		return -1;

	if (svc_begin(s, true, err))
		return -1;
	int rc = 0;
	if (in->branch && (rc = svc_branch(s, in->branch, &b, err)) != 0)
		goto out;
	st.branch_id = b.id;
	if ((rc = may_manage(s, st.role, b.id, err)) != 0 ||
	    (rc = store_staff_insert(s->store, &st, s->now, &st.id, err)) != 0 ||
	    (rc = store_staff_get_by_id(s->store, st.id, s->arena, out, err)) != 0)
		goto out;
out:
	return svc_end(s, rc, err);
}

int user_list(struct svc *s, const char *branch, struct staff **out, size_t *n,
	      struct fd_error *err)
{
	struct branch b = {0};
	if (svc_may(s, ACTION_USER_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = 0;
	if (branch)
		rc = store_branch_get(s->store, branch, s->arena, &b, err);
	if (!rc)
		rc = store_staff_list(s->store, b.id, s->arena, out, n, err);
	return svc_end(s, rc, err);
}

int user_deactivate(struct svc *s, const char *login, struct staff *out, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_staff_get(s->store, login, s->arena, out, err)) != 0 ||
	    (rc = may_manage(s, out->role, out->branch_id, err)) != 0)
		goto out;
	if (s->actor && s->actor->id == out->id) {
		rc = fd_fail(err, FD_ECONFLICT, "you cannot deactivate your own account");
		goto out;
	}
	/* Nothing stays held by someone who has gone (issue 13): what they hold passes to the
	 * person in charge where they work (on duty there now, or their own branch). */
	struct duty d;
	bool on = false;
	struct held h;
	if ((rc = store_duty_current(s->store, out->id, s->arena, &d, &on, err)) != 0)
		goto out;
	int64_t branch_id = on ? d.branch_id : out->branch_id;
	if (branch_id)
		rc = handover_in_tx(s, out, branch_id, "the account was deactivated", &h, err);
	else
		rc = store_duty_close(s->store, out->id, s->now, NULL, err);
	if (rc || (rc = store_staff_set_active(s->store, out->id, false, err)) != 0 ||
	    (rc = store_session_delete_for_staff(s->store, out->id, err)) != 0)
		goto out;
	out->active = false;
out:
	return svc_end(s, rc, err);
}
