/* The error every fallible function fills: a code, the CS- rule for policy refusals,
 * the offending field for bad input, and a sentence for the person at the desk. */
#ifndef BASE_ERROR_H
#define BASE_ERROR_H

#include <stdbool.h>

enum fd_code {
	FD_OK = 0,
	FD_EBADJSON,  /* the body is not JSON at all */
	FD_EINVAL,    /* a field is missing or wrong; .field names it */
	FD_EAUTH,     /* not logged in, or a wrong login or password */
	FD_ECSRF,     /* a browser request without its CSRF token */
	FD_EFORBID,   /* the role may not do this */
	FD_ENOTFOUND, /* no such thing */
	FD_ECONFLICT, /* it exists already, or the state does not allow it */
	FD_EPOLICY,   /* the customer service policy refuses it; .rule says which clause */
	FD_ETOOBIG,   /* a request body over the limit */
	FD_ETHROTTLE, /* too many failed logins: wait .retry_after_s */
	FD_EINTERNAL, /* the database or the machine failed */
	/* The database cannot be reached just now: nothing was changed (or the message says to
	 * check), and trying again in a moment is right. */
	FD_EUNAVAILABLE,
	FD_CODE__MAX
};

struct fd_error {
	enum fd_code code;
	const char *rule; /* static string such as "CS-DIFFICULT", or NULL */
	char field[64];
	char message[384];
	int retry_after_s;
	/* FD_EUNAVAILABLE only: the database went while a change was being committed, so it
	 * may have been made; the caller must check rather than repeat it. */
	bool outcome_unknown;
};

/* Sets err (when not NULL) and returns -1, so callers can `return fd_fail(...)`. */
int fd_fail(struct fd_error *err, enum fd_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* As fd_fail, naming the input field at fault. */
int fd_fail_field(struct fd_error *err, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A policy refusal citing rule (a CS- id). */
int fd_fail_policy(struct fd_error *err, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void fd_error_clear(struct fd_error *err);
const char *fd_code_name(enum fd_code code); /* "invalid", "policy", ... */

#endif
