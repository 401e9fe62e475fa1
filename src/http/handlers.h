/* Every route's handler; the route table in routes.c names them. */
#ifndef HTTP_HANDLERS_H
#define HTTP_HANDLERS_H

#include "http/request.h"

typedef void handler_fn(struct request *r);

/* api_session.c */
handler_fn api_healthz, api_login, api_logout, api_me;
/* api_branch.c */
handler_fn api_branches, api_branch, api_branch_add, api_branch_patch, api_duty_on, api_duty_list,
	api_in_charge;
/* api_handover.c */
struct held;
json_t *json_held(struct request *r, const struct held *h);
handler_fn api_duty_off, api_duty_held, api_open_items;
/* api_staff.c */
handler_fn api_users, api_user_add, api_user_patch, api_user_deactivate;
/* api_customer.c */
handler_fn api_customer_add, api_customer_get, api_audit, api_restriction_add, api_restriction_lift,
	api_restriction_appeal, api_customer_history, api_customer_search;
/* api_queue.c, sse.c */
handler_fn api_visit_add, api_queue, api_next, api_visit_act, api_open, api_rove, api_events,
	board_events;
/* api_renewal.c, page_renewal.c: the renewal call */
handler_fn api_visit_renew, page_desk_items, page_desk_items_card, page_desk_renew;
handler_fn page_desk_catalogue;
/* api_request.c */
handler_fn api_request_add, api_request_get, api_requests, api_request_offer, api_request_answer,
	api_request_escalate, api_request_close, api_request_link_customer;
/* api_complaint.c, api_fetch.c */
handler_fn api_complaint_add, api_complaint_get, api_complaints, api_complaint_refer,
	api_complaint_resolve, api_complaint_hq_contact, api_situation_add, api_situations,
	api_situation_hq_contact, api_judgement_add, api_judgement_ack, api_hq_dashboard,
	api_fetch_add, api_fetches, api_fetch_answer;
/* api_needs.c, page_needs.c: what needs the logged-in person */
handler_fn api_needs, page_needs;
/* api_handbook.c, page_handbook.c */
handler_fn api_policies, api_policy_add, api_policy_revise, api_policy_get, api_policy_ack,
	api_unacknowledged, page_handbook, page_handbook_section, page_handbook_ack;
/* api_incident.c */
handler_fn api_incident_add, api_incident_patch, api_incident_get, api_incidents, api_incident_hq,
	api_incident_bm, api_incident_sign, api_incident_addendum, api_incident_pdf,
	api_incident_attach, api_incident_attachment, api_incident_take_over;
/* api_incident_followup.c */
handler_fn api_incident_review, api_incident_task_add, api_incident_task_done, api_incident_close;
/* page_login.c, page_desk.c, page_board.c, page.c */
handler_fn page_login_form, page_login, page_logout, page_home, page_desk, page_duty_on,
	page_duty_off, page_static, page_favicon, page_board, page_desk_queue, page_desk_act,
	page_desk_visit, page_desk_next, page_desk_open, page_desk_rove;
/* page_feedback.c, page_feedback_card.c, api_feedback.c: "How was your visit today?" */
handler_fn page_feedback, page_feedback_give, page_kiosk, page_kiosk_post, page_feedback_card,
	page_kiosk_setup, page_kiosk_retire, page_feedback_card_make, page_compliment_done,
	api_feedback_list;
/* page_join.c, page_ticket.c, join_sign.c: the customer's own pages */
handler_fn page_join, page_join_take, page_ticket, page_ticket_status, page_ticket_leave_ask,
	page_ticket_leave, page_ticket_feedback, page_join_sign;
/* page_complaint.c, page_fetch.c */
handler_fn page_difficult, page_complaint_add, page_situation_add, page_judgement_add,
	page_complaint, page_complaint_refer, page_complaint_hq_contact, page_complaint_resolve,
	page_hq, page_hq_ack, page_fetch_add, page_fetch_answer;
/* page_incident.c */
handler_fn page_incidents, page_incident_add, page_incident, page_incident_act;
/* incident_followup.c */
handler_fn page_incident_review, page_incident_task_add, page_incident_task_done,
	page_incident_close;
/* incident_files.c, incident_signed.c, page_verify.c */
handler_fn page_incident_upload, page_incident_signature, page_verify;
/* api_calendar.c */
struct calendar_day;
json_t *json_calendar_day(const struct calendar_day *d);
handler_fn api_calendar, api_closure_set, api_closure_delete, api_holidays, api_holiday_add,
	api_holiday_delete, api_holiday_import;
/* page_calendar.c */
handler_fn page_calendar, page_holiday_add, page_holiday_remove, page_holiday_import, page_day_set,
	page_day_remove;
/* api_report.c, page_report.c, metrics.c */
handler_fn api_report_service, api_report_service_csv, page_reports, page_report_branch,
	api_metrics;
/* page_users.c */
handler_fn page_users, page_user_add, page_user_change, page_user_deactivate, page_user_reactivate;
/* page_request.c */
handler_fn page_branch_requests, page_branch_request_add, page_my_requests, page_request,
	page_request_act, page_request_answer;
/* page_customer.c */
handler_fn page_customers, page_customer_add, page_customer, page_restriction_add;
/* api_letter.c, page_letter.c: a building ban's trespass letter */
handler_fn api_trespass_letter, page_trespass_letter;

#endif
