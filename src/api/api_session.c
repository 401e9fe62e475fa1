/* /healthz, and logging in and out through the API. */
#include <time.h>

#include "base/clock.h"
#include "ils/ils.h"
#include "notify/worker.h"
#include "service/auth.h"
#include "service/duty.h"
#include "api/shapes.h"
#include "http/cookie.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/sse.h"

/* A load balancer's check must not hang on a database that does not answer. */
#define HEALTH_TIMEOUT_MS 2000

/* Public, and polled often: one cheap query on this thread's own connection, beside how the
 * live-events hub and the outbox worker last found the database. 503 while the database
 * does not answer, or this thread could not even open it, with the reason in words anyone
 * may read. */
void api_healthz(struct request *r)
{
	struct fd_error err = {0};
	int64_t schema = 0;
	int64_t started_ms = clock_ms();
	const struct store *s = r->svc.store;
	bool ok = s && store_ping(r->svc.store, HEALTH_TIMEOUT_MS, &schema, &err) == 0;
	const char *reason = s ? err.message : r->db_unusable;
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "status",
			      ok ? "ok" : "unavailable", "version", FRONTDESK_VERSION, "backend",
			      s ? store_backend(s) : store_url_backend(r->svc.config->db_url),
			      "database", ok ? "ok" : reason, "database_ms",
			      (json_int_t)(clock_ms() - started_ms), "live_events", sse_state(),
			      "worker", worker_state());
	/* The catalogue's state does not make the node unhealthy: the desk keeps working without
	 * it (lookups and renewals say the catalogue is not answering), so a load balancer must
	 * not take nodes out when the ILS goes. */
	struct ils_health h;
	ils_health(r->svc.ils, &h);
	json_t *ils = json_pack("{s:s, s:s}", "state", ils_state_name(h.state), "label",
				ils_state_label(h.state));
	if (h.state != ILS_OFF) {
		json_object_set_new(ils, "since", json_integer(h.since));
		json_object_set_new(ils, "error", h.error[0] ? json_string(h.error) : json_null());
		json_object_set_new(ils, "tls", json_boolean(h.tls));
	}
	json_object_set_new(j, "ils", ils);
	if (ok)
		json_object_set_new(j, "schema_version", json_integer(schema));
	else
		req_add_header(r, "Retry-After",
			       arena_printf(&r->arena, "%d", STORE_RETRY_AFTER_S));
	req_json(r, ok ? 200 : 503, j);
}

void api_login(struct request *r)
{
	struct fd_error err = {0};
	struct auth_session se;
	struct login_input in;
	if (req_input(r, &login_input_table, &in, &err) ||
	    auth_login(&r->svc, in.login, in.password, &se, &err)) {
		if (err.code == FD_EAUTH || err.code == FD_ETHROTTLE)
			auth_log_failed_login(&r->svc, "", &err);
		req_error(r, &err);
		return;
	}
	cookie_set(r, COOKIE_SESSION, se.cookie_token, r->svc.config->session_absolute_s);
	json_t *user = json_person(&se.staff);
	json_object_set_new(user, "branch",
			    se.staff.branch_code ? json_string(se.staff.branch_code) : json_null());
	req_json(r, 200,
		 json_pack("{s:o, s:s, s:i, s:i}", "user", user, "csrf_token", se.csrf_token,
			   "idle_timeout_s", r->svc.config->session_idle_s, "absolute_timeout_s",
			   r->svc.config->session_absolute_s));
}

void api_logout(struct request *r)
{
	struct fd_error err = {0};
	if (r->cookie_token && auth_logout(&r->svc, r->cookie_token, &err)) {
		req_error(r, &err);
		return;
	}
	cookie_clear(r, COOKIE_SESSION);
	req_json(r, 200, json_pack("{s:b}", "logged_out", 1));
}

void api_me(struct request *r)
{
	struct fd_error err = {0};
	struct duty d;
	bool on;
	if (duty_mine(&r->svc, &d, &on, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *me = json_person(&r->actor);
	json_object_set_new(me, "branch",
			    r->actor.branch_code ? json_string(r->actor.branch_code) : json_null());
	json_object_set_new(me, "email", json_string(r->actor.email));
	json_object_set_new(
		me, "on_duty",
		on ? json_pack("{s:s, s:o}", "branch", d.branch_code, "since", json_time(d.on_at))
		   : json_null());
	req_json(r, 200, me);
}
