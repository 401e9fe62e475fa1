/* One static table of routes (cgit's cmd.c), matched segment by segment: each with what it
 * does in the role × action matrix and where the branch of its record is named. */
#include "http/routes.h"

#include <string.h>

static const struct route routes[] = {
	{HTTP_GET, "/healthz", api_healthz, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/metrics", api_metrics, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/api/v1/login", api_login, ROUTE_LOGIN, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/api/v1/logout", api_logout, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/api/v1/me", api_me, ROUTE_USER, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/api/v1/branches", api_branches, ROUTE_USER, ACTION_BRANCH_READ, SCOPE_NONE},
	{HTTP_POST, "/api/v1/branches", api_branch_add, ROUTE_USER, ACTION_BRANCH_MANAGE,
	 SCOPE_NONE},
	{HTTP_GET, "/api/v1/branches/*", api_branch, ROUTE_USER, ACTION_BRANCH_READ, SCOPE_BRANCH},
	{HTTP_PATCH, "/api/v1/branches/*", api_branch_patch, ROUTE_USER, ACTION_BRANCH_MANAGE,
	 SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/branches/*/duty", api_duty_list, ROUTE_USER, ACTION_BRANCH_READ,
	 SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/branches/*/in-charge", api_in_charge, ROUTE_USER, ACTION_BRANCH_READ,
	 SCOPE_BRANCH},
	{HTTP_POST, "/api/v1/duty", api_duty_on, ROUTE_USER, ACTION_DUTY_SELF, SCOPE_BODY_BRANCH},
	{HTTP_POST, "/api/v1/duty/off", api_duty_off, ROUTE_USER, ACTION_DUTY_SELF, SCOPE_NONE},
	{HTTP_GET, "/api/v1/duty/held", api_duty_held, ROUTE_USER, ACTION_DUTY_SELF, SCOPE_NONE},
	{HTTP_GET, "/api/v1/users", api_users, ROUTE_USER, ACTION_USER_READ, SCOPE_NONE},
	{HTTP_POST, "/api/v1/users", api_user_add, ROUTE_USER, ACTION_USER_MANAGE,
	 SCOPE_BODY_BRANCH},
	{HTTP_PATCH, "/api/v1/users/*", api_user_patch, ROUTE_USER, ACTION_USER_CHANGE, SCOPE_NONE},
	{HTTP_POST, "/api/v1/users/*/deactivate", api_user_deactivate, ROUTE_USER,
	 ACTION_USER_MANAGE, SCOPE_NONE},
	{HTTP_POST, "/api/v1/customers", api_customer_add, ROUTE_USER, ACTION_CUSTOMER_CREATE,
	 SCOPE_NONE},
	{HTTP_GET, "/api/v1/customers", api_customer_search, ROUTE_USER, ACTION_CUSTOMER_READ,
	 SCOPE_NONE},
	{HTTP_GET, "/api/v1/customers/*", api_customer_get, ROUTE_USER, ACTION_CUSTOMER_READ,
	 SCOPE_NONE},
	{HTTP_GET, "/api/v1/audit", api_audit, ROUTE_USER, ACTION_AUDIT_READ, SCOPE_NONE},
	{HTTP_POST, "/api/v1/customers/*/restrictions", api_restriction_add, ROUTE_USER,
	 ACTION_RESTRICT, SCOPE_NONE},
	{HTTP_GET, "/api/v1/customers/*/history", api_customer_history, ROUTE_USER,
	 ACTION_CUSTOMER_HISTORY, SCOPE_NONE},
	/* A read of the customer it is to (audited so by the service). */
	{HTTP_GET, "/api/v1/restrictions/*/letter.pdf", api_trespass_letter, ROUTE_USER,
	 ACTION_CUSTOMER_READ, SCOPE_NONE},
	{HTTP_POST, "/api/v1/restrictions/*/lift", api_restriction_lift, ROUTE_USER,
	 ACTION_RESTRICT_DECIDE, SCOPE_RESTRICTION},
	{HTTP_POST, "/api/v1/restrictions/*/appeal", api_restriction_appeal, ROUTE_USER,
	 ACTION_RESTRICT_DECIDE, SCOPE_RESTRICTION},
	{HTTP_POST, "/api/v1/branches/*/visits", api_visit_add, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/branches/*/queue", api_queue, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/api/v1/branches/*/next", api_next, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/api/v1/branches/*/open", api_open, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/api/v1/branches/*/roving", api_rove, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/branches/*/events", api_events, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	/* Renewing is a use of the customer's account: those who may read customers (the
	 * service checks that they serve this call, on duty here). Before the desk actions. */
	{HTTP_POST, "/api/v1/visits/*/renew", api_visit_renew, ROUTE_USER, ACTION_CUSTOMER_READ,
	 SCOPE_VISIT},
	{HTTP_POST, "/api/v1/visits/*/*", api_visit_act, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_VISIT},
	{HTTP_POST, "/api/v1/requests", api_request_add, ROUTE_USER, ACTION_REQUEST_WORK,
	 SCOPE_BODY_BRANCH},
	{HTTP_GET, "/api/v1/requests", api_requests, ROUTE_USER, ACTION_REQUEST_WORK,
	 SCOPE_QUERY_BRANCH},
	{HTTP_GET, "/api/v1/requests/*", api_request_get, ROUTE_USER, ACTION_REQUEST_WORK,
	 SCOPE_REQUEST},
	{HTTP_POST, "/api/v1/requests/*/alternatives", api_request_offer, ROUTE_USER,
	 ACTION_REQUEST_WORK, SCOPE_REQUEST},
	{HTTP_POST, "/api/v1/requests/*/alternatives/*/answer", api_request_answer, ROUTE_USER,
	 ACTION_REQUEST_WORK, SCOPE_REQUEST},
	{HTTP_POST, "/api/v1/requests/*/escalate", api_request_escalate, ROUTE_USER,
	 ACTION_REQUEST_WORK, SCOPE_REQUEST},
	/* A link is a read of the customer's record: customer.read here, and the request's
	 * own rule (request.work where one works) in the service. */
	{HTTP_POST, "/api/v1/requests/*/customer", api_request_link_customer, ROUTE_USER,
	 ACTION_CUSTOMER_READ, SCOPE_REQUEST},
	{HTTP_POST, "/api/v1/requests/*/close", api_request_close, ROUTE_USER, ACTION_REQUEST_WORK,
	 SCOPE_REQUEST},
	{HTTP_POST, "/api/v1/complaints", api_complaint_add, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_BODY_BRANCH},
	{HTTP_GET, "/api/v1/complaints", api_complaints, ROUTE_USER, ACTION_BRANCH_OVERSIGHT,
	 SCOPE_QUERY_BRANCH},
	{HTTP_GET, "/api/v1/complaints/*", api_complaint_get, ROUTE_USER, ACTION_DIFFICULT_READ,
	 SCOPE_COMPLAINT},
	{HTTP_POST, "/api/v1/complaints/*/refer-director", api_complaint_refer, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_COMPLAINT},
	{HTTP_POST, "/api/v1/complaints/*/resolve", api_complaint_resolve, ROUTE_USER,
	 ACTION_BRANCH_OVERSIGHT, SCOPE_COMPLAINT},
	{HTTP_POST, "/api/v1/situations", api_situation_add, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_BODY_BRANCH},
	{HTTP_GET, "/api/v1/situations", api_situations, ROUTE_USER, ACTION_BRANCH_OVERSIGHT,
	 SCOPE_QUERY_BRANCH},
	{HTTP_POST, "/api/v1/judgements", api_judgement_add, ROUTE_USER, ACTION_JUDGE,
	 SCOPE_BODY_BRANCH},
	{HTTP_POST, "/api/v1/judgements/*/acknowledge", api_judgement_ack, ROUTE_USER,
	 ACTION_HQ_REVIEW, SCOPE_JUDGEMENT},
	{HTTP_POST, "/api/v1/branches/*/fetch", api_fetch_add, ROUTE_USER, ACTION_FETCH,
	 SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/branches/*/fetches", api_fetches, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/api/v1/fetches/*/answer", api_fetch_answer, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_FETCH},
	{HTTP_POST, "/api/v1/complaints/*/hq-contacted", api_complaint_hq_contact, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_COMPLAINT},
	{HTTP_POST, "/api/v1/situations/*/hq-contacted", api_situation_hq_contact, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_SITUATION},
	{HTTP_POST, "/api/v1/incidents/*/take-over", api_incident_take_over, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_INCIDENT},
	{HTTP_GET, "/api/v1/hq/dashboard", api_hq_dashboard, ROUTE_USER, ACTION_HQ_REVIEW,
	 SCOPE_NONE},
	{HTTP_GET, "/api/v1/needs", api_needs, ROUTE_USER, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/needs", page_needs, ROUTE_USER, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/api/v1/policies", api_policies, ROUTE_USER, ACTION_HANDBOOK_READ, SCOPE_NONE},
	{HTTP_POST, "/api/v1/policies", api_policy_add, ROUTE_USER, ACTION_HANDBOOK_WRITE,
	 SCOPE_NONE},
	{HTTP_GET, "/api/v1/policies/*", api_policy_get, ROUTE_USER, ACTION_HANDBOOK_READ,
	 SCOPE_NONE},
	{HTTP_POST, "/api/v1/policies/*/versions", api_policy_revise, ROUTE_USER,
	 ACTION_HANDBOOK_WRITE, SCOPE_NONE},
	{HTTP_POST, "/api/v1/policies/*/acknowledge", api_policy_ack, ROUTE_USER,
	 ACTION_HANDBOOK_READ, SCOPE_NONE},
	{HTTP_GET, "/api/v1/branches/*/unacknowledged", api_unacknowledged, ROUTE_USER,
	 ACTION_BRANCH_OVERSIGHT, SCOPE_BRANCH},
	{HTTP_GET, "/handbook", page_handbook, ROUTE_USER, ACTION_HANDBOOK_READ, SCOPE_NONE},
	{HTTP_GET, "/handbook/*", page_handbook_section, ROUTE_USER, ACTION_HANDBOOK_READ,
	 SCOPE_NONE},
	{HTTP_POST, "/handbook/*/acknowledge", page_handbook_ack, ROUTE_USER, ACTION_HANDBOOK_READ,
	 SCOPE_NONE},
	{HTTP_POST, "/api/v1/incidents", api_incident_add, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_BODY_BRANCH},
	{HTTP_GET, "/api/v1/incidents", api_incidents, ROUTE_USER, ACTION_DIFFICULT_READ,
	 SCOPE_QUERY_BRANCH},
	{HTTP_GET, "/api/v1/incidents/*", api_incident_get, ROUTE_USER, ACTION_DIFFICULT_READ,
	 SCOPE_INCIDENT},
	{HTTP_GET, "/api/v1/incidents/*/report.pdf", api_incident_pdf, ROUTE_USER,
	 ACTION_DIFFICULT_READ, SCOPE_INCIDENT},
	{HTTP_PATCH, "/api/v1/incidents/*", api_incident_patch, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/hq-notified", api_incident_hq, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/business-manager-contacted", api_incident_bm, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/sign", api_incident_sign, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/addenda", api_incident_addendum, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/attachments", api_incident_attach, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/review", api_incident_review, ROUTE_USER,
	 ACTION_INCIDENT_FOLLOWUP, SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/tasks", api_incident_task_add, ROUTE_USER,
	 ACTION_INCIDENT_FOLLOWUP, SCOPE_INCIDENT},
	{HTTP_POST, "/api/v1/incidents/*/close", api_incident_close, ROUTE_USER,
	 ACTION_INCIDENT_FOLLOWUP, SCOPE_INCIDENT},
	/* The owner or Headquarters: incident_task_done asks who (CS-INCIDENT). */
	{HTTP_POST, "/api/v1/incident-tasks/*/done", api_incident_task_done, ROUTE_USER,
	 ACTION_INCIDENT_TASK, SCOPE_NONE},
	{HTTP_GET, "/api/v1/incidents/*/attachments/*", api_incident_attachment, ROUTE_USER,
	 ACTION_DIFFICULT_READ, SCOPE_INCIDENT},
	{HTTP_GET, "/api/v1/branches/*/calendar", api_calendar, ROUTE_USER, ACTION_BRANCH_READ,
	 SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/branches/*/open-items", api_open_items, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/api/v1/branches/*/closures", api_closure_set, ROUTE_USER,
	 ACTION_BRANCH_CALENDAR, SCOPE_BRANCH},
	{HTTP_DELETE, "/api/v1/branches/*/closures/*", api_closure_delete, ROUTE_USER,
	 ACTION_BRANCH_CALENDAR, SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/holidays", api_holidays, ROUTE_USER, ACTION_BRANCH_READ, SCOPE_NONE},
	{HTTP_POST, "/api/v1/holidays", api_holiday_add, ROUTE_USER, ACTION_HOLIDAYS, SCOPE_NONE},
	{HTTP_POST, "/api/v1/holidays/import", api_holiday_import, ROUTE_USER, ACTION_HOLIDAYS,
	 SCOPE_NONE},
	{HTTP_DELETE, "/api/v1/holidays/*", api_holiday_delete, ROUTE_USER, ACTION_HOLIDAYS,
	 SCOPE_NONE},
	{HTTP_GET, "/api/v1/reports/service", api_report_service, ROUTE_USER, ACTION_REPORT_QUEUE,
	 SCOPE_QUERY_BRANCH},
	{HTTP_GET, "/api/v1/reports/service.csv", api_report_service_csv, ROUTE_USER,
	 ACTION_REPORT_QUEUE, SCOPE_QUERY_BRANCH},
	{HTTP_GET, "/reports", page_reports, ROUTE_USER, ACTION_REPORT_QUEUE, SCOPE_NONE},
	{HTTP_GET, "/reports/*", page_report_branch, ROUTE_USER, ACTION_REPORT_QUEUE, SCOPE_BRANCH},
	{HTTP_GET, "/", page_home, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/login", page_login_form, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/login", page_login, ROUTE_LOGIN, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/logout", page_logout, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	/* Anyone may open a branch's desk to clock on there; its work shows to those it reaches. */
	{HTTP_GET, "/desk/*", page_desk, ROUTE_USER, ACTION_BRANCH_READ, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/duty/on", page_duty_on, ROUTE_USER, ACTION_DUTY_SELF, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/duty/off", page_duty_off, ROUTE_USER, ACTION_DUTY_SELF, SCOPE_BRANCH},
	{HTTP_GET, "/desk/*/queue", page_desk_queue, ROUTE_USER, ACTION_QUEUE_WORK, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/visits", page_desk_visit, ROUTE_USER, ACTION_QUEUE_WORK, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/next", page_desk_next, ROUTE_USER, ACTION_QUEUE_WORK, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/open", page_desk_open, ROUTE_USER, ACTION_QUEUE_WORK, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/roving", page_desk_rove, ROUTE_USER, ACTION_QUEUE_WORK, SCOPE_BRANCH},
	/* The catalogue's panel for a customer in the line, fetched by desk.js (CS-CONFIDENTIAL). */
	{HTTP_GET, "/desk/*/visits/*/catalogue", page_desk_catalogue, ROUTE_USER,
	 ACTION_CUSTOMER_READ, SCOPE_BRANCH},
	{HTTP_GET, "/desk/*/visits/*/items", page_desk_items, ROUTE_USER, ACTION_CUSTOMER_READ,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/visits/*/items", page_desk_items_card, ROUTE_USER,
	 ACTION_CUSTOMER_READ, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/visits/*/renew", page_desk_renew, ROUTE_USER, ACTION_CUSTOMER_READ,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/visits/*/*", page_desk_act, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_GET, "/desk/*/requests", page_branch_requests, ROUTE_USER, ACTION_REQUEST_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/requests", page_branch_request_add, ROUTE_USER, ACTION_REQUEST_WORK,
	 SCOPE_BRANCH},
	{HTTP_GET, "/customers", page_customers, ROUTE_USER, ACTION_CUSTOMER_READ, SCOPE_NONE},
	{HTTP_POST, "/customers", page_customer_add, ROUTE_USER, ACTION_CUSTOMER_CREATE,
	 SCOPE_NONE},
	{HTTP_GET, "/customers/*", page_customer, ROUTE_USER, ACTION_CUSTOMER_READ, SCOPE_NONE},
	{HTTP_POST, "/customers/*/restrictions", page_restriction_add, ROUTE_USER, ACTION_RESTRICT,
	 SCOPE_NONE},
	{HTTP_GET, "/restrictions/*/letter.pdf", page_trespass_letter, ROUTE_USER,
	 ACTION_CUSTOMER_READ, SCOPE_NONE},
	{HTTP_GET, "/requests", page_my_requests, ROUTE_USER, ACTION_REQUEST_WORK, SCOPE_NONE},
	{HTTP_GET, "/requests/*", page_request, ROUTE_USER, ACTION_REQUEST_WORK, SCOPE_REQUEST},
	{HTTP_POST, "/requests/*/alternatives/*/answer", page_request_answer, ROUTE_USER,
	 ACTION_REQUEST_WORK, SCOPE_REQUEST},
	{HTTP_POST, "/requests/*/*", page_request_act, ROUTE_USER, ACTION_REQUEST_WORK,
	 SCOPE_REQUEST},
	{HTTP_GET, "/desk/*/complaints", page_difficult, ROUTE_USER, ACTION_FETCH, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/complaints", page_complaint_add, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/situations", page_situation_add, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/judgements", page_judgement_add, ROUTE_USER, ACTION_JUDGE,
	 SCOPE_BRANCH},
	{HTTP_GET, "/complaints/*", page_complaint, ROUTE_USER, ACTION_DIFFICULT_READ,
	 SCOPE_COMPLAINT},
	{HTTP_POST, "/complaints/*/refer-director", page_complaint_refer, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_COMPLAINT},
	{HTTP_POST, "/desk/*/fetch", page_fetch_add, ROUTE_USER, ACTION_FETCH, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/fetches/*/answer", page_fetch_answer, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_BRANCH},
	{HTTP_POST, "/complaints/*/hq-contacted", page_complaint_hq_contact, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_COMPLAINT},
	{HTTP_POST, "/complaints/*/resolve", page_complaint_resolve, ROUTE_USER,
	 ACTION_BRANCH_OVERSIGHT, SCOPE_COMPLAINT},
	{HTTP_GET, "/hq", page_hq, ROUTE_USER, ACTION_HQ_REVIEW, SCOPE_NONE},
	{HTTP_POST, "/hq/judgements/*/acknowledge", page_hq_ack, ROUTE_USER, ACTION_HQ_REVIEW,
	 SCOPE_JUDGEMENT},
	{HTTP_GET, "/desk/*/incidents", page_incidents, ROUTE_USER, ACTION_FETCH, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/incidents", page_incident_add, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_BRANCH},
	{HTTP_GET, "/incidents/*", page_incident, ROUTE_USER, ACTION_DIFFICULT_READ,
	 SCOPE_INCIDENT},
	{HTTP_GET, "/incidents/*/signature", page_incident_signature, ROUTE_USER,
	 ACTION_DIFFICULT_READ, SCOPE_INCIDENT},
	/* Headquarters' follow-up, before the report's own steps (/incidents/ * / *). */
	{HTTP_POST, "/incidents/*/review", page_incident_review, ROUTE_USER,
	 ACTION_INCIDENT_FOLLOWUP, SCOPE_INCIDENT},
	{HTTP_POST, "/incidents/*/tasks", page_incident_task_add, ROUTE_USER,
	 ACTION_INCIDENT_FOLLOWUP, SCOPE_INCIDENT},
	{HTTP_POST, "/incidents/*/close", page_incident_close, ROUTE_USER, ACTION_INCIDENT_FOLLOWUP,
	 SCOPE_INCIDENT},
	{HTTP_POST, "/incident-tasks/*/done", page_incident_task_done, ROUTE_USER,
	 ACTION_INCIDENT_TASK, SCOPE_NONE},
	{HTTP_POST, "/incidents/*/attachments", page_incident_upload, ROUTE_USER,
	 ACTION_DIFFICULT_WORK, SCOPE_INCIDENT},
	{HTTP_POST, "/incidents/*/*", page_incident_act, ROUTE_USER, ACTION_DIFFICULT_WORK,
	 SCOPE_INCIDENT},
	/* The board's live changes: public, and carrying nothing but "change". */
	{HTTP_GET, "/board/*/events", board_events, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/board/*", page_board, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	/* "How was your visit today?": public, a visit's secret link and the exit kiosk. */
	{HTTP_GET, "/feedback/*", page_feedback, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/feedback/*", page_feedback_give, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/kiosk/*", page_kiosk, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	/* Only a tablet the branch set up answers, by its kiosk cookie (SameSite=Strict: no other
	 * site's form carries it), not by the session's token: a staff session in the same
	 * browser must not make the public's answer a forgery. */
	{HTTP_POST, "/kiosk/*", page_kiosk_post, ROUTE_LOGIN, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/desk/*/feedback", page_feedback_card, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/kiosk", page_kiosk_setup, ROUTE_USER, ACTION_BRANCH_OVERSIGHT,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/kiosks/*/retire", page_kiosk_retire, ROUTE_USER,
	 ACTION_BRANCH_OVERSIGHT, SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/feedback", page_feedback_card_make, ROUTE_USER, ACTION_QUEUE_WORK,
	 SCOPE_BRANCH},
	{HTTP_POST, "/desk/*/compliments/*/done", page_compliment_done, ROUTE_USER,
	 ACTION_BRANCH_OVERSIGHT, SCOPE_BRANCH},
	{HTTP_GET, "/api/v1/branches/*/feedback", api_feedback_list, ROUTE_USER,
	 ACTION_REPORT_PEOPLE, SCOPE_BRANCH},
	/* Joining the line from a phone: public; the form guards itself with a cookie of its own
	 * (double submit), the ticket's pages with the secret in their address. */
	{HTTP_GET, "/join/*", page_join, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/join/*/sign", page_join_sign, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/join/*", page_join_take, ROUTE_LOGIN, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/ticket/*", page_ticket, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/ticket/*/status", page_ticket_status, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/ticket/*/leave", page_ticket_leave_ask, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/ticket/*/leave", page_ticket_leave, ROUTE_LOGIN, ACTION_NONE, SCOPE_NONE},
	{HTTP_POST, "/ticket/*/feedback", page_ticket_feedback, ROUTE_LOGIN, ACTION_NONE,
	 SCOPE_NONE},
	/* Whoever holds a signed report's paper checks it here, without a login. */
	{HTTP_GET, "/verify/*/*", page_verify, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/calendar", page_calendar, ROUTE_USER, ACTION_BRANCH_READ, SCOPE_NONE},
	{HTTP_POST, "/calendar/holidays", page_holiday_add, ROUTE_USER, ACTION_HOLIDAYS,
	 SCOPE_NONE},
	{HTTP_POST, "/calendar/holidays/import", page_holiday_import, ROUTE_USER, ACTION_HOLIDAYS,
	 SCOPE_NONE},
	{HTTP_POST, "/calendar/holidays/*/remove", page_holiday_remove, ROUTE_USER, ACTION_HOLIDAYS,
	 SCOPE_NONE},
	{HTTP_POST, "/calendar/*/days", page_day_set, ROUTE_USER, ACTION_BRANCH_CALENDAR,
	 SCOPE_BRANCH},
	{HTTP_POST, "/calendar/*/days/*/remove", page_day_remove, ROUTE_USER,
	 ACTION_BRANCH_CALENDAR, SCOPE_BRANCH},
	{HTTP_GET, "/admin/users", page_users, ROUTE_USER, ACTION_USER_MANAGE, SCOPE_NONE},
	{HTTP_POST, "/admin/users", page_user_add, ROUTE_USER, ACTION_USER_MANAGE, SCOPE_NONE},
	{HTTP_POST, "/admin/users/*/change", page_user_change, ROUTE_USER, ACTION_USER_CHANGE,
	 SCOPE_NONE},
	{HTTP_POST, "/admin/users/*/deactivate", page_user_deactivate, ROUTE_USER,
	 ACTION_USER_MANAGE, SCOPE_NONE},
	{HTTP_POST, "/admin/users/*/reactivate", page_user_reactivate, ROUTE_USER,
	 ACTION_USER_MANAGE, SCOPE_NONE},
	{HTTP_GET, "/static/*", page_static, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
	{HTTP_GET, "/favicon.ico", page_favicon, ROUTE_PUBLIC, ACTION_NONE, SCOPE_NONE},
};

#define NROUTES (sizeof routes / sizeof routes[0])
_Static_assert(NROUTES <= ROUTES_MAX, "raise ROUTES_MAX");

const struct route *routes_at(size_t i)
{
	return i < NROUTES ? &routes[i] : NULL;
}

int routes_index(const struct route *rt)
{
	return rt ? (int)(rt - routes) : -1;
}

const char *route_scope_name(enum route_scope scope)
{
	static const char *const names[SCOPE__MAX] = {
		[SCOPE_NONE] = "none",
		[SCOPE_BRANCH] = "branch",
		[SCOPE_VISIT] = "visit",
		[SCOPE_REQUEST] = "request",
		[SCOPE_COMPLAINT] = "complaint",
		[SCOPE_SITUATION] = "situation",
		[SCOPE_INCIDENT] = "incident",
		[SCOPE_RESTRICTION] = "restriction",
		[SCOPE_JUDGEMENT] = "judgement",
		[SCOPE_FETCH] = "fetch",
		[SCOPE_BODY_BRANCH] = "body.branch",
		[SCOPE_QUERY_BRANCH] = "query.branch",
	};
	return scope < SCOPE__MAX ? names[scope] : "none";
}

const char *route_method_name(enum http_method m)
{
	static const char *const names[] = {[HTTP_GET] = "GET",
					    [HTTP_POST] = "POST",
					    [HTTP_PATCH] = "PATCH",
					    [HTTP_DELETE] = "DELETE",
					    [HTTP_OTHER] = "OTHER"};
	return m <= HTTP_OTHER ? names[m] : "OTHER";
}

/* Matches path against pattern; captures "*" segments into params, copied only once the
 * whole path matched (most routes tried do not). */
static bool match(const char *pattern, const char *path, const char *params[REQ_MAX_PARAMS],
		  struct arena *a)
{
	const char *at[REQ_MAX_PARAMS];
	size_t len[REQ_MAX_PARAMS];
	int np = 0;
	while (*pattern && *path) {
		if (*pattern == '*') {
			size_t n = strcspn(path, "/");
			if (n == 0 || np == REQ_MAX_PARAMS)
				return false;
			at[np] = path;
			len[np++] = n;
			path += n;
			pattern++;
		} else if (*pattern++ != *path++) {
			return false;
		}
	}
	if (*pattern != '\0' || *path != '\0')
		return false;
	for (int i = 0; i < np; i++)
		params[i] = arena_strndup(a, at[i], len[i]);
	return true;
}

const struct route *routes_match(enum http_method method, const char *path,
				 const char *params[REQ_MAX_PARAMS], struct arena *a,
				 bool *path_known)
{
	/* The method first: most routes are not the request's method, and that is one compare. */
	for (size_t i = 0; i < NROUTES; i++)
		if (routes[i].method == method && match(routes[i].pattern, path, params, a)) {
			*path_known = true;
			return &routes[i];
		}
	/* None: is it the method that is wrong (405), or the path (404)? */
	*path_known = false;
	const char *ignored[REQ_MAX_PARAMS];
	for (size_t i = 0; i < NROUTES && !*path_known; i++)
		*path_known = match(routes[i].pattern, path, ignored, a);
	return NULL;
}

/* The branch of the record a route touches, as its scope says where it is named. */
static const char *scope_key(struct request *r, enum route_scope scope, enum record_kind *kind)
{
	static const enum record_kind kinds[SCOPE__MAX] = {
		[SCOPE_BRANCH] = RECORD_BRANCH,
		[SCOPE_VISIT] = RECORD_VISIT,
		[SCOPE_REQUEST] = RECORD_REQUEST,
		[SCOPE_COMPLAINT] = RECORD_COMPLAINT,
		[SCOPE_SITUATION] = RECORD_SITUATION,
		[SCOPE_INCIDENT] = RECORD_INCIDENT,
		[SCOPE_RESTRICTION] = RECORD_RESTRICTION,
		[SCOPE_JUDGEMENT] = RECORD_JUDGEMENT,
		[SCOPE_FETCH] = RECORD_FETCH,
		[SCOPE_BODY_BRANCH] = RECORD_BRANCH,
		[SCOPE_QUERY_BRANCH] = RECORD_BRANCH,
	};
	*kind = scope < SCOPE__MAX ? kinds[scope] : RECORD_BRANCH;
	switch (scope) {
	case SCOPE_NONE: return NULL;
	case SCOPE_BODY_BRANCH:
		if (r->json) {
			json_t *b = json_object_get(r->json, "branch");
			return json_is_string(b) ? json_string_value(b) : NULL;
		}
		return req_form(r, "branch");
	case SCOPE_QUERY_BRANCH: return req_query(r, "branch");
	default: return r->params[0];
	}
}

int routes_authorize(struct request *r, const struct route *rt, struct fd_error *err)
{
	enum record_kind kind;
	const char *key = scope_key(r, rt->scope, &kind);
	return svc_authorize(&r->svc, rt->action, kind, key, err);
}
