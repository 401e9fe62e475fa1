/* The browser's cookies: the session (ASVS V3.4: __Host-, Secure, HttpOnly, SameSite=Strict),
 * the login form's own CSRF cookie, set before any session exists, and the exit kiosk's. */
#ifndef HTTP_COOKIE_H
#define HTTP_COOKIE_H

#include <stdbool.h>

#include "http/request.h"

#define COOKIE_SESSION "__Host-fd_session"
#define COOKIE_LOGIN_CSRF "__Host-fd_login"
/* An exit kiosk's tablet: its random token, long-lived, never a staff session. SameSite=Strict
 * keeps it off another site's forms, which is the kiosk's guard against forgery. */
#define COOKIE_KIOSK "__Host-fd_kiosk"
#define KIOSK_COOKIE_MAX_AGE_S (400 * 86400) /* the longest browsers keep a cookie */

void cookie_set(struct request *r, const char *name, const char *value, int max_age_s);
void cookie_clear(struct request *r, const char *name);
/* Double submit, for a form shown before any session (the login form, the join form): does
 * the token the form sent match the cookie name its page set? In constant time; false when
 * either is missing. */
bool cookie_form_token_ok(struct request *r, const char *name, const char *sent);

#endif
