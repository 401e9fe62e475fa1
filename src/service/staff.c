/* Account use cases. A branch manager manages only her own branch and the roles below hers. */
#include "service/staff.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"
#include "policy/difficult.h"
#include "policy/password.h"
#include "service/handover.h"
#include "store/store_auth.h"
#include "store/store_branch.h"

#define AUDIT_KIND "staff" /* account changes in the audit log, keyed by the staff id */

int user_hash_password_to(char *out, const char *password)
{
	return crypto_pwhash_str_alg(
		out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

int user_hash_password(struct svc *s, const char *password, const char **hash, struct fd_error *err)
{
	char *out = arena_alloc(s->arena, crypto_pwhash_STRBYTES);
	if (user_hash_password_to(out, password))
		return fd_fail(err, FD_EINTERNAL, "not enough memory to hash the password");
	*hash = out;
	return 0;
}

/* May the actor manage accounts of role r at branch b (0 for none)? */
static int may_manage(const struct svc *s, enum role r, int64_t branch_id, struct fd_error *err)
{
	if (svc_may_at(s, ACTION_USER_MANAGE, branch_id, err))
		return -1;
	if (s->actor && !role_may_grant(s->actor->role, r))
		return fd_fail(err, FD_EFORBID, "A %s may not manage %s accounts.",
			       role_label(s->actor->role), role_label(r));
	return 0;
}

#define IN(member) .offset = offsetof(struct user_input, member)
/* The fields a new account and a change share, written once. */
/* clang-format off */
#define USER_DETAILS(required)                                                              \
	{"name", "Name", INPUT_TEXT, required, 1, 100, IN(name)},                           \
	{"role", "Role", INPUT_ENUM, required, .vocab = &vocab_role, IN(role)},             \
	INPUT_BRANCH_FIELD("branch", "Home branch", false, offsetof(struct user_input, branch)), \
	{"email", "Email", INPUT_EMAIL, false, IN(email)},                                  \
	{"phone", "Phone", INPUT_PHONE, false, IN(phone)},                                  \
	{"service_start", "Service start", INPUT_DATE, false, IN(service_start)}
/* clang-format on */

static const struct input_field add_fields[] = {
	INPUT_LOGIN_FIELD(true, offsetof(struct user_input, login)),
	USER_DETAILS(true),
	/* Its rules are the password policy's (password_check); this only bounds the text. */
	{"password", "Password", INPUT_LINES, false, 0, 1024, IN(password)},
};
const struct input_table user_add_table = INPUT_TABLE(add_fields);

static const struct input_field change_fields[] = {USER_DETAILS(false)};
const struct input_table user_change_table = INPUT_TABLE(change_fields);

/* The account's rules across its fields; each field's own was checked by its table. */
static int check_user(const struct user_input *in, struct fd_error *err)
{
	if (!in->login || !in->name)
		return fd_fail_field(err, in->login ? "name" : "login", "Give the person's %s.",
				     in->login ? "full name" : "login");
	if (in->role >= ROLE__MAX)
		return fd_fail_field(err, "role", "Choose a role.");
	if (!role_is_headquarters(in->role) && !in->branch)
		return fd_fail_field(err, "branch", "Choose a home branch: a %s works at one.",
				     role_label(in->role));
	if (in->password && password_check(in->password, err))
		return -1;
	return 0;
}

int user_add(struct svc *s, const struct user_input *in, struct staff *out, struct fd_error *err)
{
	struct staff st = {0};
	struct branch b = {0};
	if (check_user(in, err))
		return -1;
	st.login = in->login;
	st.name = in->name;
	st.role = in->role;
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
	    (rc = svc_audit(s, "create", AUDIT_KIND, st.id, err)) != 0 ||
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

/* Inside a transaction: the account of login into *out, when the actor may manage it. */
static int managed_account(struct svc *s, const char *login, struct staff *out,
			   struct fd_error *err)
{
	if (store_staff_get(s->store, login, s->arena, out, err))
		return -1;
	return may_manage(s, out->role, out->branch_id, err);
}

int user_deactivate(struct svc *s, const char *login, struct staff *out, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = managed_account(s, login, out, err)) != 0)
		goto out;
	if (s->actor && s->actor->id == out->id) {
		rc = fd_fail(err, FD_ECONFLICT, "you cannot deactivate your own account");
		goto out;
	}
	/* Nothing stays held by someone who has gone: what they hold passes to the
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
	    (rc = store_session_delete_for_staff(s->store, out->id, err)) != 0 ||
	    (rc = svc_audit(s, "deactivate", AUDIT_KIND, out->id, err)) != 0)
		goto out;
	out->active = false;
out:
	return svc_end(s, rc, err);
}

int user_reactivate(struct svc *s, const char *login, struct staff *out, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = managed_account(s, login, out, err)) != 0)
		goto out;
	if (out->active) {
		rc = fd_fail(err, FD_ECONFLICT, "%s's account is active already", out->name);
		goto out;
	}
	/* Back as they were: role and branch kept, nothing handed back, no duty begun. */
	if ((rc = store_staff_set_active(s->store, out->id, true, err)) != 0 ||
	    (rc = svc_audit(s, "reactivate", AUDIT_KIND, out->id, err)) != 0)
		goto out;
	out->active = true;
out:
	return svc_end(s, rc, err);
}

/* Are two stored texts the same? NULL and "" are both "none". */
static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* What differs from was to now, in words (in s->arena): "role staff to branch_manager; branch
 * ETH to WAL; email". Role, home branch and service start with their values, which decide
 * who is in charge; name, email and phone by name only. "" when nothing does. */
static const char *differences(struct svc *s, const struct staff *was, const struct staff *now)
{
	const char *out = "";
	if (was->role != now->role)
		out = arena_printf(s->arena, "role %s to %s", role_name(was->role),
				   role_name(now->role));
	if (was->branch_id != now->branch_id)
		out = arena_printf(s->arena, "%s%sbranch %s to %s", out, *out ? "; " : "",
				   was->branch_code ? was->branch_code : "none",
				   now->branch_code ? now->branch_code : "none");
	if (!same_text(was->service_start, now->service_start))
		out = arena_printf(s->arena, "%s%sservice_start %s to %s", out, *out ? "; " : "",
				   was->service_start, now->service_start);
	const char *details[3][3] = {{"name", was->name, now->name},
				     {"email", was->email, now->email},
				     {"phone", was->phone, now->phone}};
	for (size_t i = 0; i < 3; i++)
		if (!same_text(details[i][1], details[i][2]))
			out = arena_printf(s->arena, "%s%s%s", out, *out ? "; " : "",
					   details[i][0]);
	return out;
}

/* *now: account was with in's changes, checked as user_add checks a new account. Inside
 * the transaction, as a new home branch is looked up. */
static int changed_account(struct svc *s, const struct user_input *in, const struct staff *was,
			   struct staff *now, struct fd_error *err)
{
	struct user_input next = {
		.login = was->login,
		.name = in->name ? in->name : was->name,
		.role = in->role < ROLE__MAX ? in->role : was->role,
		.branch = in->branch ? in->branch : was->branch_code,
		.email = in->email ? in->email : was->email,
		.phone = in->phone ? in->phone : was->phone,
		.service_start = in->service_start ? in->service_start : was->service_start,
	};
	struct branch b;
	if (check_user(&next, err))
		return -1;
	*now = *was;
	if (in->branch && !same_text(in->branch, was->branch_code)) {
		/* The account is there: a branch that is not is bad input, not a 404. */
		if (svc_branch(s, in->branch, &b, err))
			return err->code == FD_ENOTFOUND
				       ? fd_fail_field(err, "branch", "no branch has the code '%s'",
						       in->branch)
				       : -1;
		now->branch_id = b.id;
		now->branch_code = b.code;
	}
	now->role = next.role;
	now->name = next.name;
	now->email = next.email;
	now->phone = next.phone;
	now->service_start = next.service_start;
	return 0;
}

/* CS-DIFFICULT: a person who may no longer take difficult cases holds none. What she holds
 * passes to the person in charge where she is on duty, or at her former home branch; she
 * stays on duty in her new role. */
static int hand_over_if_needed(struct svc *s, const struct staff *was, const struct staff *now,
			       struct fd_error *err)
{
	struct duty d;
	bool on = false;
	struct held h;
	if (difficult_role_may_ever(now->role) || !difficult_role_may_ever(was->role))
		return 0;
	if (store_duty_current(s->store, was->id, s->arena, &d, &on, err))
		return -1;
	int64_t branch_id = on ? d.branch_id : (was->branch_id ? was->branch_id : now->branch_id);
	const char *note =
		arena_printf(s->arena, "%s is now a %s", was->name, role_label(now->role));
	/* As she held it: her new role would hold no report to pass on. */
	return handover_held_in_tx(s, was, branch_id, note, &h, err);
}

int user_update(struct svc *s, const struct user_input *in, struct staff *out, const char **changed,
		struct fd_error *err)
{
	struct staff was, now;
	*changed = "";
	/* Only Headquarters' administrators promote, demote and transfer. */
	if (svc_may(s, ACTION_USER_CHANGE, err))
		return -1;
	if (in->password)
		return fd_fail_field(err, "password", "a password is not changed here");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_staff_get(s->store, in->login, s->arena, &was, err)) != 0 ||
	    (rc = changed_account(s, in, &was, &now, err)) != 0)
		goto out;
	if (s->actor && s->actor->id == was.id && now.role != was.role) {
		rc = fd_fail(err, FD_EFORBID,
			     "you cannot change your own role: another Headquarters administrator "
			     "must, so that nobody raises her own authority or takes it away from "
			     "herself by mistake");
		goto out;
	}
	*changed = differences(s, &was, &now);
	if (!**changed) {
		*out = was; /* nothing to change: nothing is written and nothing audited */
		goto out;
	}
	if ((rc = store_staff_update(s->store, &now, err)) != 0 ||
	    (rc = svc_audit(s, arena_printf(s->arena, "change: %s", *changed), AUDIT_KIND, was.id,
			    err)) != 0 ||
	    (rc = hand_over_if_needed(s, &was, &now, err)) != 0)
		goto out;
	rc = store_staff_get_by_id(s->store, was.id, s->arena, out, err);
out:
	return svc_end(s, rc, err);
}

int user_audit(struct svc *s, const char *login, struct audit_entry **out, size_t *n,
	       struct fd_error *err)
{
	struct staff st;
	char key[24];
	*n = 0;
	if (svc_may(s, ACTION_AUDIT_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_staff_get(s->store, login, s->arena, &st, err);
	/* CS-SCOPE: outside Headquarters, one's own branch's staff only. */
	if (!rc)
		rc = svc_may_at(s, ACTION_AUDIT_READ, st.branch_id, err);
	if (!rc) {
		snprintf(key, sizeof key, "%lld", (long long)st.id);
		rc = store_audit_list(s->store, AUDIT_KIND, key, s->arena, out, n, err);
	}
	return svc_end(s, rc, err);
}
