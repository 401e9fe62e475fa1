/* The browser's cookies: the session (ASVS V3.4: __Host-, Secure, HttpOnly, SameSite=Strict)
 * and the login form's own CSRF cookie, set before any session exists. */
#ifndef HTTP_COOKIE_H
#define HTTP_COOKIE_H

#include <stdbool.h>

#include "http/request.h"

#define COOKIE_SESSION "__Host-fd_session"
#define COOKIE_LOGIN_CSRF "__Host-fd_login"

void cookie_set(struct request *r, const char *name, const char *value, int max_age_s);
void cookie_clear(struct request *r, const char *name);
/* Double submit, for a form shown before any session (the login form, the join form): does
 * the token the form sent match the cookie name its page set? In constant time; false when
 * either is missing. */
bool cookie_form_token_ok(struct request *r, const char *name, const char *sent);

#endif
