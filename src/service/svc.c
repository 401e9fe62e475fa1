/* Shared by every use case: permission checks, input checks and the transaction wrapper. */
#include "service/svc.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/input.h"
#include "base/netaddr.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "store/store_audit.h"

void svc_warn(struct warnings *w, const char *rule, const char *message)
{
	if (w->n < MAX_WARNINGS)
		w->w[w->n++] = (struct warning){rule, message};
}

/* Secrets and addresses, as the bounds and the stores know them. */
const char *svc_secret_new(struct svc *s)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(s->arena, n);
	return sodium_bin2base64(out, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

const char *svc_secret_hash(struct svc *s, const char *secret)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
	char *hex = arena_alloc(s->arena, sizeof h * 2 + 1);
	return sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
}

const char *svc_address_group(struct svc *s, const char *address)
{
	const char *a = address ? address : "";
	char *group = arena_alloc(s->arena, NETADDR_TEXT);
	return netaddr_group_text(a, group) ? a : group;
}

/* "A Volunteer", "An Assistant Librarian". */
static const char *a_role(enum role r)
{
	const char *label = role_label(r);
	return strchr("AEIOU", label[0]) ? "An" : "A";
}

/* Whom to ask instead: the branch's person in charge when some role at a branch may do it,
 * else Headquarters. */
static const char *ask_instead(enum action a)
{
	for (int r = 0; r < ROLE__MAX; r++)
		if (!role_is_headquarters((enum role)r) && role_may((enum role)r, a))
			return "Ask the person in charge at your branch.";
	return "Ask someone at Headquarters.";
}

/* One refusal text for the whole program, naming the rule behind the matrix's row. */
static int refuse_role(const struct svc *s, enum action a, struct fd_error *err)
{
	fd_fail(err, FD_EFORBID, "%s %s may not %s. %s", a_role(s->actor->role),
		role_label(s->actor->role), action_what(a), ask_instead(a));
	if (err)
		err->rule = action_rule(a);
	return -1;
}

/* A branch's name for a refusal, its code when it cannot be read. */
static const char *branch_named(const struct svc *s, int64_t id, const char *code)
{
	struct branch b;
	struct fd_error ignored = {0};
	if (id && s->store && store_branch_get_by_id(s->store, id, s->arena, &b, &ignored) == 0)
		return b.name;
	return code;
}

static int refuse_branch(const struct svc *s, enum action a, struct fd_error *err)
{
	const struct staff *me = s->actor;
	const char *home =
		me->branch_code ? branch_named(s, me->branch_id, me->branch_code) : "none";
	if (action_reach(a) == REACH_HOME)
		fd_fail(err, FD_EFORBID,
			"That is another branch's. Outside Headquarters only a branch's own people "
			"%s: yours is %s.",
			action_what(a), home);
	else if (me->duty_branch_code &&
		 (!me->branch_code || strcmp(me->duty_branch_code, me->branch_code) != 0))
		fd_fail(err, FD_EFORBID,
			"That is another branch's. Outside Headquarters you work on the records of "
			"your own branch (%s) and of the branch you are on duty at (%s).",
			home, branch_named(s, me->duty_branch_id, me->duty_branch_code));
	else
		fd_fail(err, FD_EFORBID,
			"That is another branch's. Outside Headquarters you work on the records of "
			"your own branch (%s), or of the branch you are on duty at.",
			home);
	if (err)
		err->rule = "CS-SCOPE";
	return -1;
}

int svc_may(const struct svc *s, enum action a, struct fd_error *err)
{
	if (!s->actor || role_may(s->actor->role, a))
		return 0;
	return refuse_role(s, a, err);
}

struct workplace svc_workplace(const struct svc *s)
{
	const struct staff *a = s->actor;
	return (struct workplace){a->role, a->branch_id, a->duty_branch_id};
}

int svc_may_at(const struct svc *s, enum action a, int64_t branch_id, struct fd_error *err)
{
	if (!s->actor)
		return 0;
	struct workplace w = svc_workplace(s);
	switch (access_decide(&w, a, branch_id)) {
	case ACCESS_ALLOWED: return 0;
	case ACCESS_ROLE: return refuse_role(s, a, err);
	default: return refuse_branch(s, a, err);
	}
}

bool svc_reaches(const struct svc *s, int64_t branch_id)
{
	if (!s->actor)
		return true;
	struct workplace w = svc_workplace(s);
	return workplace_reaches(&w, branch_id);
}

bool svc_sees_customers(const struct svc *s)
{
	return !s->actor || role_sees_customers(s->actor->role);
}

int svc_authorize(struct svc *s, enum action a, enum record_kind kind, const char *key,
		  struct fd_error *err)
{
	int64_t branch_id = 0;
	if (!s->actor)
		return 0;
	if (svc_may(s, a, err))
		return -1;
	if (!key || !action_is_scoped(a) || role_is_headquarters(s->actor->role))
		return 0;
	const struct staff *me = s->actor;
	/* Most requests name the branch one works at: that needs no look-up. Running a branch
	 * reaches one's home branch only, not the one visited on duty (CS-SCOPE). */
	if (kind == RECORD_BRANCH && ((me->branch_code && strcmp(key, me->branch_code) == 0) ||
				      (me->duty_branch_code && action_reach(a) != REACH_HOME &&
				       strcmp(key, me->duty_branch_code) == 0)))
		return 0;
	if (store_record_branch(s->store, kind, key, &branch_id, err)) {
		/* The handler says what is missing, in its own words. */
		if (err->code == FD_ENOTFOUND)
			fd_error_clear(err);
		return err->code ? -1 : 0;
	}
	return svc_may_at(s, a, branch_id, err);
}

/* The rules themselves are the input layer's (base/input.c): one copy for tables and these. */
int svc_check_text(const char *field, const char *value, int min_chars, int max_chars,
		   struct fd_error *err)
{
	return input_check_text(field, field, value, min_chars, max_chars, err);
}

int svc_check_token(const char *field, const char *value, int min, int max, const char *punct,
		    struct fd_error *err)
{
	return input_check_token(field, field, value, min, max, punct, err);
}

int svc_check_date(const char *field, const char *text, int64_t *day, struct fd_error *err)
{
	return input_check_date(field, field, text, day, err);
}

int svc_check_phone(const char *field, const char *value, struct fd_error *err)
{
	return input_check_phone(field, field, value, err);
}

int svc_begin(struct svc *s, bool write, struct fd_error *err)
{
	return store_begin(s->store, write, err);
}

int svc_end(struct svc *s, int rc, struct fd_error *err)
{
	if (rc) {
		store_rollback(s->store);
		return rc;
	}
	return store_commit(s->store, err);
}

int svc_audit(struct svc *s, const char *action, const char *kind, int64_t key,
	      struct fd_error *err)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)key);
	return store_audit_append(s->store, s->actor ? s->actor->id : 0, s->client, action, kind,
				  id, s->now, err);
}

int svc_branch(struct svc *s, const char *code, struct branch *b, struct fd_error *err)
{
	int rc = store_branch_get(s->store, code, s->arena, b, err);
	if (rc)
		snprintf(err->field, sizeof err->field, "branch");
	return rc;
}

int svc_branch_any_case(struct svc *s, const char *code, struct branch *b, struct fd_error *err)
{
	int rc = store_branch_get(s->store, code, s->arena, b, err);
	if (rc && err->code == FD_ENOTFOUND) {
		char *up = arena_strdup(s->arena, code);
		for (char *c = up; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		fd_error_clear(err);
		rc = store_branch_get(s->store, up, s->arena, b, err);
	}
	return rc;
}
