/* The login page. Before a session exists its form is protected by a cookie of its own
 * (double submit), so even logging in cannot be forged from another site. */
#include "service/auth.h"
#include "http/cookie.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/page.h"

static void login_form(struct request *r, const char *login, const char *problem)
{
	const char *csrf = svc_secret_new(&r->svc);
	cookie_set(r, COOKIE_LOGIN_CSRF, csrf, 3600);
	page_begin(r, "Log in");
	html_printf(&r->out, "<section class=\"card narrow\"><h1>Log in to the desk</h1>");
	if (problem)
		html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>", problem);
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/login\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"login\">Login</label>"
		    "<input id=\"login\" name=\"login\" autocomplete=\"username\" required "
		    "autofocus value=\"%s\">"
		    "<label for=\"password\">Password</label>"
		    "<input id=\"password\" name=\"password\" type=\"password\" "
		    "autocomplete=\"current-password\" required>"
		    "<button type=\"submit\" class=\"primary\">Log in</button></form></section>",
		    csrf, login ? login : "");
	page_end(r);
}

void page_login_form(struct request *r)
{
	if (r->authed) {
		req_redirect(r, "/");
		return;
	}
	login_form(r, NULL, NULL);
}

void page_login(struct request *r)
{
	struct fd_error err = {0};
	struct auth_session se;
	const char *login = req_form(r, "login");
	if (!cookie_form_token_ok(r, COOKIE_LOGIN_CSRF, req_form(r, "csrf"))) {
		login_form(r, login, "The login form had expired. Please try again.");
		r->status = 403;
		return;
	}
	struct login_input in;
	if (req_form_input(r, &login_input_table, &in, &err) ||
	    auth_login(&r->svc, in.login, in.password, &se, &err)) {
		auth_log_failed_login(&r->svc, " on the login page", &err);
		login_form(r, login, req_message(r, &err));
		r->status = req_status_of(err.code);
		return;
	}
	cookie_clear(r, COOKIE_LOGIN_CSRF);
	cookie_set(r, COOKIE_SESSION, se.cookie_token, r->svc.config->session_absolute_s);
	req_redirect(r, "/");
}

void page_logout(struct request *r)
{
	struct fd_error err = {0};
	if (r->cookie_token)
		auth_logout(&r->svc, r->cookie_token, &err);
	cookie_clear(r, COOKIE_SESSION);
	req_redirect(r, "/login");
}
