/* Shared by every use case: permission checks, input checks and the transaction wrapper. */
#include "service/svc.h"

#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"

int svc_may(const struct svc *s, enum action a, struct fd_error *err)
{
	if (!s->actor || role_may(s->actor->role, a))
		return 0;
	return fd_fail(err, FD_EFORBID, "a %s may not do this (%s)", role_label(s->actor->role),
		       action_name(a));
}

int svc_check_text(const char *field, const char *value, int min_chars, int max_chars,
		   struct fd_error *err)
{
	if (!value)
		return min_chars > 0 ? fd_fail_field(err, field, "%s is required", field) : 0;
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return fd_fail_field(err, field, "%s may not contain control characters",
					     field);
		if ((*p & 0xC0) != 0x80)
			chars++;
	}
	/* Leading or trailing blanks only confuse lookups and lists. */
	if (chars > 0 && (value[0] == ' ' || value[strlen(value) - 1] == ' '))
		return fd_fail_field(err, field, "%s may not start or end with a space", field);
	if (chars < min_chars)
		return fd_fail_field(err, field,
				     min_chars == 1 ? "%s is required" : "%s is too short", field);
	if (chars > max_chars)
		return fd_fail_field(err, field, "%s is longer than %d characters", field,
				     max_chars);
	return 0;
}

int svc_check_token(const char *field, const char *value, int min, int max, const char *punct,
		    struct fd_error *err)
{
	if (!value || !*value)
		return fd_fail_field(err, field, "%s is required", field);
	size_t n = strlen(value);
	if ((int)n < min || (int)n > max)
		return fd_fail_field(err, field, "%s must be %d to %d characters", field, min, max);
	for (const char *p = value; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || (*punct && strchr(punct, *p))))
			return fd_fail_field(err, field, "%s may only contain letters, digits%s%s",
					     field, *punct ? " and " : "", punct);
	return 0;
}

int svc_check_email(const char *field, const char *value, struct fd_error *err)
{
	if (!value || !*value)
		return 0;
	const char *at = strchr(value, '@');
	if (strlen(value) > 254 || !at || at == value || !at[1] || strchr(at + 1, '@') ||
	    strpbrk(value, " \t\r\n<>,;\"") || !strchr(at + 1, '.'))
		return fd_fail_field(err, field, "%s is not an email address", field);
	return 0;
}

int svc_check_date(const char *field, const char *text, int64_t *day, struct fd_error *err)
{
	int y, m, d;
	if (!text || strlen(text) != 10 || timefmt_parse_date(text, &y, &m, &d))
		return fd_fail_field(err, field, "%s is a date like 2026-12-25", field);
	*day = timefmt_days_from_civil(y, m, d);
	return 0;
}

int svc_check_phone(const char *field, const char *value, struct fd_error *err)
{
	if (!value || !*value)
		return 0;
	int digits = 0;
	for (const char *p = value; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-().", *p))
			return fd_fail_field(err, field,
					     "%s may contain digits, spaces and + - ( ) .", field);
	}
	if (digits < 3 || strlen(value) > 32)
		return fd_fail_field(err, field, "%s is not a phone number", field);
	return 0;
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
