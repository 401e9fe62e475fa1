/* Complaints, difficult situations, judgement calls and the HQ dashboard over the JSON API.
 * A refusal by CS-DIFFICULT or CS-JUDGE names the person in charge to fetch. */
#include <string.h>

#include "base/timefmt.h"

#include "service/complaint.h"
#include "service/incident.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

static json_t *json_complaint_row(const struct complaint *c)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:b}", "id", (json_int_t)c->id,
			      "branch", c->branch_code, "text", c->text, "policy_section",
			      c->policy_section ? c->policy_section : "", "taken_by",
			      json_who(&c->taken_by), "taken_at", json_time(c->taken_at),
			      "hq_contact_required", c->hq_contact_required,
			      "branch_manager_notified", c->manager_notified);
	json_object_set_new(j, "customer",
			    c->customer_card ? json_pack("{s:s, s:s}", "card", c->customer_card,
							 "name", c->customer_name)
					     : json_null());
	json_object_set_new(j, "referred_director_at", json_time(c->referred_director_at));
	json_object_set_new(j, "resolution",
			    c->resolution ? json_string(c->resolution) : json_null());
	json_object_set_new(j, "resolved_at", json_time(c->resolved_at));
	json_object_set_new(j, "hq_contact", json_who(&c->hq_contact));
	json_object_set_new(j, "hq_contacted_at", json_time(c->hq_contacted_at));
	/* From a customer's feedback: its score, and whom to contact for who may read it. */
	if (c->feedback_score)
		json_object_set_new(j, "feedback_score", json_integer(c->feedback_score));
	if (c->contact)
		json_object_set_new(j, "contact",
				    json_pack("{s:s, s:s}", "name",
					      c->contact_name ? c->contact_name : "", "reach",
					      c->contact));
	return j;
}

static json_t *json_complaint(const struct complaint_view *v)
{
	json_t *j = json_complaint_row(&v->c);
	json_t *notices = json_array();
	for (size_t i = 0; i < v->nnotices; i++)
		json_array_append_new(
			notices, json_pack("{s:s, s:s, s:o, s:o, s:i}", "to", v->notices[i].to_addr,
					   "subject", v->notices[i].subject, "queued_at",
					   json_time(v->notices[i].created_at), "sent_at",
					   json_time(v->notices[i].sent_at), "attempts",
					   v->notices[i].attempts));
	json_object_set_new(j, "notices", notices);
	json_object_set_new(j, "warnings", json_warnings(&v->warnings));
	return j;
}

static json_t *json_situation(const struct situation *x)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:b, s:o, s:b, s:o, s:o, s:b, s:b, s:b}", "id",
			      (json_int_t)x->id, "branch", x->branch_code, "text", x->text,
			      "private_area", x->private_area, "witness", json_who(&x->witness),
			      "in_charge_included", x->in_charge_included, "recorded_by",
			      json_who(&x->recorded_by), "recorded_at", json_time(x->recorded_at),
			      "flagged", x->flagged, "hq_contact_required", x->hq_contact_required,
			      "branch_manager_notified", x->manager_notified);
	json_object_set_new(j, "hq_contact", json_who(&x->hq_contact));
	json_object_set_new(j, "hq_contacted_at", json_time(x->hq_contacted_at));
	return j;
}

static json_t *json_judgement(const struct judgement *j)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:b, s:o, s:o, s:o, s:o}", "id",
			 (json_int_t)j->id, "branch", j->branch_code, "situation", j->situation,
			 "decision", j->decision, "hq_reachable", j->hq_reachable, "by_phone",
			 j->by_phone, "branch_manager_unreachable", j->manager_unreachable,
			 "decided_by", json_who(&j->decided_by), "decided_at",
			 json_time(j->decided_at), "acknowledged_by", json_who(&j->acknowledged_by),
			 "acknowledged_at", json_time(j->acknowledged_at));
}

static int path_id(struct request *r, int64_t *id)
{
	if (parse_id(r->params[0], id) == 0)
		return 0;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such record");
	req_error(r, &err);
	return -1;
}

void api_complaint_add(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view out;
	struct in_charge_view ic;
	struct complaint_input in;
	if (req_input(r, &complaint_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (complaint_add(&r->svc, &in, &out, &ic, &err))
		api_refuse(r, &err, &ic);
	else
		req_json(r, 201, json_complaint(&out));
}

void api_complaint_get(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view out;
	int64_t id;
	if (path_id(r, &id))
		return;
	if (complaint_get(&r->svc, id, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_complaint(&out));
}

void api_complaints(struct request *r)
{
	struct fd_error err = {0};
	struct complaint *c;
	size_t n;
	if (complaint_list(&r->svc, req_query(r, "branch"), &c, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_complaint_row(&c[i]));
	req_json(r, 200, json_pack("{s:o}", "complaints", list));
}

void api_complaint_refer(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view out;
	int64_t id;
	if (path_id(r, &id))
		return;
	struct in_charge_view ic;
	if (complaint_refer_director(&r->svc, id, &out, &ic, &err))
		api_refuse(r, &err, &ic);
	else
		req_json(r, 200, json_complaint(&out));
}

/* {"hq_contact": login, "at"?: RFC 3339}: whom at Headquarters a substitute spoke to. */
static int hq_contact_fields(struct request *r, const char **login, int64_t *at)
{
	struct fd_error err = {0};
	struct hq_contact_input in;
	if (req_input(r, &hq_contact_table, &in, &err) ||
	    (!in.hq_contact && fd_fail_field(&err, "hq_contact", "hq_contact is required"))) {
		req_error(r, &err);
		return -1;
	}
	*login = in.hq_contact;
	*at = in.at;
	return 0;
}

void api_complaint_hq_contact(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view out;
	struct in_charge_view ic;
	const char *login;
	int64_t id, at;
	if (path_id(r, &id) || hq_contact_fields(r, &login, &at))
		return;
	if (complaint_hq_contacted(&r->svc, id, login, at, &out, &ic, &err))
		api_refuse(r, &err, &ic);
	else
		req_json(r, 200, json_complaint(&out));
}

void api_situation_hq_contact(struct request *r)
{
	struct fd_error err = {0};
	struct situation_view out;
	struct in_charge_view ic;
	const char *login;
	int64_t id, at;
	if (path_id(r, &id) || hq_contact_fields(r, &login, &at))
		return;
	if (situation_hq_contacted(&r->svc, id, login, at, &out, &ic, &err)) {
		api_refuse(r, &err, &ic);
		return;
	}
	json_t *j = json_situation(&out.x);
	json_object_set_new(j, "warnings", json_warnings(&out.warnings));
	req_json(r, 200, j);
}

void api_complaint_resolve(struct request *r)
{
	struct fd_error err = {0};
	struct resolve_input in;
	struct complaint_view out;
	int64_t id;
	if (path_id(r, &id))
		return;
	if (req_input(r, &resolve_table, &in, &err) ||
	    complaint_resolve(&r->svc, id, in.resolution, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_complaint(&out));
}

void api_situation_add(struct request *r)
{
	struct fd_error err = {0};
	struct situation_view out;
	struct in_charge_view ic;
	struct situation_input in;
	if (req_input(r, &situation_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (situation_add(&r->svc, &in, &out, &ic, &err)) {
		api_refuse(r, &err, &ic);
		return;
	}
	json_t *j = json_situation(&out.x);
	json_object_set_new(j, "warnings", json_warnings(&out.warnings));
	req_json(r, 201, j);
}

void api_situations(struct request *r)
{
	struct fd_error err = {0};
	struct situation *x;
	size_t n;
	const char *flagged = req_query(r, "flagged");
	if (situation_list(&r->svc, req_query(r, "branch"), flagged && strcmp(flagged, "1") == 0,
			   &x, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_situation(&x[i]));
	req_json(r, 200, json_pack("{s:o}", "situations", list));
}

static json_t *json_judges(const struct judges *j)
{
	json_t *a = json_array();
	if (j->manager)
		json_array_append_new(a, json_person(j->manager));
	if (j->assistant)
		json_array_append_new(a, json_person(j->assistant));
	return a;
}

void api_judgement_add(struct request *r)
{
	struct fd_error err = {0};
	struct judgement_view out;
	struct judges judges;
	struct judgement_input in;
	if (req_input(r, &judgement_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (judgement_add(&r->svc, &in, &out, &judges, &err)) {
		/* CS-JUDGE sends the call to the branch's manager, or its assistant librarian. */
		req_error_with(r, &err,
			       err.rule ? json_pack("{s:o}", "reach", json_judges(&judges)) : NULL);
		return;
	}
	json_t *j = json_judgement(&out.j);
	json_object_set_new(j, "warnings", json_warnings(&out.warnings));
	req_json(r, 201, j);
}

void api_judgement_ack(struct request *r)
{
	struct fd_error err = {0};
	struct judgement out;
	int64_t id;
	if (path_id(r, &id))
		return;
	if (judgement_acknowledge(&r->svc, id, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_judgement(&out));
}

void api_hq_dashboard(struct request *r)
{
	struct fd_error err = {0};
	struct hq_view hq;
	if (hq_dashboard(&r->svc, &hq, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *complaints = json_array(), *judgements = json_array(), *unreachable = json_array();
	for (size_t i = 0; i < hq.ncomplaints; i++)
		json_array_append_new(complaints, json_complaint_row(&hq.complaints[i]));
	for (size_t i = 0; i < hq.njudgements; i++)
		json_array_append_new(judgements, json_judgement(&hq.judgements[i]));
	for (size_t i = 0; i < hq.nunreachable; i++)
		json_array_append_new(unreachable, json_string(role_name(hq.unreachable[i])));
	struct incident_view *iv;
	size_t ni;
	json_t *overdue = json_array();
	if (incident_list(&r->svc, NULL, true, &iv, &ni, &err) == 0)
		for (size_t i = 0; i < ni; i++)
			json_array_append_new(
				overdue, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)iv[i].i.id,
						   "branch", iv[i].i.branch_code, "category",
						   incident_category_name(iv[i].i.category)));
	req_json(r, 200,
		 json_pack("{s:o, s:o, s:o, s:o, s:o}", "complaints_referred", complaints,
			   "judgements_unacknowledged", judgements, "incidents_overdue", overdue,
			   "fetches", json_fetches(hq.fetches, hq.nfetches), "roles_unreachable",
			   unreachable));
}
