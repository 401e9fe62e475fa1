/* The browser's cookies: the session (ASVS V3.4: __Host-, Secure, HttpOnly, SameSite=Strict)
 * and the login form's own CSRF cookie, set before any session exists. */
#ifndef HTTP_COOKIE_H
#define HTTP_COOKIE_H

#include "http/request.h"

#define COOKIE_SESSION "__Host-fd_session"
#define COOKIE_LOGIN_CSRF "__Host-fd_login"

void cookie_set(struct request *r, const char *name, const char *value, int max_age_s);
void cookie_clear(struct request *r, const char *name);

#endif
