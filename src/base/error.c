/* struct fd_error helpers and the code ↔ name table the API prints. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const code_names[FD_CODE__MAX] = {
	[FD_OK] = "ok",
	[FD_EBADJSON] = "bad_json",
	[FD_EINVAL] = "invalid",
	[FD_EAUTH] = "unauthorized",
	[FD_ECSRF] = "csrf",
	[FD_EFORBID] = "forbidden",
	[FD_ENOTFOUND] = "not_found",
	[FD_ECONFLICT] = "conflict",
	[FD_EPOLICY] = "policy",
	[FD_ETOOBIG] = "too_large",
	[FD_ETHROTTLE] = "too_many_attempts",
	[FD_EINTERNAL] = "internal",
	[FD_EUNAVAILABLE] = "unavailable",
};

const char *fd_code_name(enum fd_code code)
{
	return code < FD_CODE__MAX && code_names[code] ? code_names[code] : "internal";
}

void fd_error_clear(struct fd_error *err)
{
	memset(err, 0, sizeof *err);
}

static void set(struct fd_error *err, enum fd_code code, const char *fmt, va_list ap)
{
	err->code = code;
	vsnprintf(err->message, sizeof err->message, fmt, ap);
}

int fd_fail(struct fd_error *err, enum fd_code code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		set(err, code, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int fd_fail_field(struct fd_error *err, const char *field, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		set(err, FD_EINVAL, fmt, ap);
		va_end(ap);
		snprintf(err->field, sizeof err->field, "%s", field);
	}
	return -1;
}

int fd_fail_policy(struct fd_error *err, const char *rule, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		set(err, FD_EPOLICY, fmt, ap);
		va_end(ap);
		err->rule = rule;
	}
	return -1;
}
