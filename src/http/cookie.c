/* Set-Cookie with the attributes every frontdesk cookie carries. */
#include "http/cookie.h"

#include <sodium.h>
#include <string.h>

void cookie_set(struct request *r, const char *name, const char *value, int max_age_s)
{
	req_add_header(r, "Set-Cookie",
		       arena_printf(&r->arena,
				    "%s=%s; Path=/; Max-Age=%d; Secure; HttpOnly; SameSite=Strict",
				    name, value, max_age_s));
}

void cookie_clear(struct request *r, const char *name)
{
	cookie_set(r, name, "", 0);
}

bool cookie_form_token_ok(struct request *r, const char *name, const char *sent)
{
	const char *cookie = req_cookie(r, name);
	return cookie && sent && *cookie && strlen(cookie) == strlen(sent) &&
	       sodium_memcmp(cookie, sent, strlen(cookie)) == 0;
}
