/* Incident reports over the JSON API (CS-INCIDENT, CS-INSURANCE). */
#include <string.h>

#include "notify/pdf.h"
#include "service/incident.h"
#include "api/incident_followup_json.h"
#include "service/incident_delivery.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

/* A signed report's emails to Headquarters with how far each has got (CS-INCIDENT). */
static json_t *json_deliveries(const struct incident_view *v)
{
	json_t *list = json_array();
	for (size_t k = 0; k < v->ndeliveries; k++) {
		const struct outbox_msg *m = &v->deliveries[k];
		enum delivery_state d = incident_delivery_state(m);
		json_array_append_new(list,
				      json_pack("{s:s, s:s, s:s, s:o, s:o}", "to", m->to_addr,
						"role", m->to_role, "state", delivery_state_name(d),
						"sent_at", json_time(m->sent_at), "error",
						d == DELIVERY_RETRYING ? json_string(m->last_error)
								       : json_null()));
	}
	return list;
}

static json_t *json_incident(const struct incident_view *v)
{
	const struct incident *i = &v->i;
	json_t *people = json_array(), *addenda = json_array();
	for (size_t k = 0; k < i->npeople; k++) {
		const struct incident_person *p = &i->people[k];
		/* A customer is named and kept by id: the report carries no card number. */
		json_array_append_new(
			people,
			json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:s}", "name", p->name,
				  "kind", p->kind, "part", p->part, "injuries", p->injuries,
				  "customer_id",
				  p->customer_id ? json_integer(p->customer_id) : json_null(),
				  "description", p->description, "care",
				  *p->care ? json_string(p->care) : json_null(), "contact",
				  p->contact));
	}
	for (size_t k = 0; k < i->naddenda; k++)
		json_array_append_new(addenda,
				      json_pack("{s:s, s:o, s:s, s:s}", "text", i->addenda[k].text,
						"signed_at", json_time(i->addenda[k].signed_at),
						"signed_name", i->addenda[k].signed_name,
						"signature", i->addenda[k].signature));
	json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:b, s:o, s:o, s:s, s:o, s:b}", "id",
			      (json_int_t)i->id, "branch", i->branch_code, "occurred_at",
			      json_time(i->occurred_at), "category",
			      incident_category_name(i->category), "narrative", i->narrative,
			      "actions_taken", i->actions_taken, "police_called", i->police_called,
			      "people", people, "reported_by", json_who(&i->reported_by), "status",
			      i->signed_at ? "signed" : "draft", "due_at", json_time(i->due_at),
			      "overdue", v->overdue);
	json_object_set_new(j, "discovered_at", json_time(i->discovered_at));
	json_object_set_new(j, "location", json_string(i->location));
	json_object_set_new(j, "police_report_number", json_string(i->police_report_number));
	json_object_set_new(j, "police_officer", json_string(i->police_officer));
	json_object_set_new(j, "hq_notified",
			    i->hq_notified_at
				    ? json_pack("{s:o, s:o}", "at", json_time(i->hq_notified_at),
						"taken_by", json_who(&i->hq_taken_by))
				    : json_null());
	json_object_set_new(j, "business_manager_contacted_at",
			    json_time(i->business_manager_contacted_at));
	json_object_set_new(
		j, "signed",
		i->signed_at ? json_pack("{s:o, s:o, s:s, s:s, s:s, s:s}", "at",
					 json_time(i->signed_at), "by", json_who(&i->signed_by),
					 "typed_name", i->signed_name, "signature", i->signature,
					 "key_fingerprint", v->fingerprint ? v->fingerprint : "",
					 "verify_url", v->verify_url ? v->verify_url : "")
			     : json_null());
	json_object_set_new(j, "addenda", addenda);
	if (i->signed_at) { /* checked on every read: what no longer matches the signature */
		json_t *changes = json_array();
		for (size_t k = 0; k < v->nchanges; k++)
			json_array_append_new(changes, json_string(v->changes[k]));
		json_object_set_new(j, "intact", json_boolean(v->nchanges == 0));
		json_object_set_new(j, "changes", changes);
	}
	json_t *files = json_array();
	for (size_t k = 0; k < v->nattachments; k++)
		json_array_append_new(
			files,
			json_pack("{s:I, s:s, s:s, s:I, s:o, s:o}", "id",
				  (json_int_t)v->attachments[k].id, "name", v->attachments[k].name,
				  "content_type", v->attachments[k].content_type, "size_bytes",
				  (json_int_t)v->attachments[k].size_bytes, "added_at",
				  json_time(v->attachments[k].added_at), "sha256",
				  v->attachments[k].sha256 ? json_string(v->attachments[k].sha256)
							   : json_null()));
	json_object_set_new(j, "attachments", files);
	json_followup_set(j, &v->followup);
	json_object_set_new(j, "deliveries", json_deliveries(v));
	json_t *warnings = json_warnings(&v->warnings);
	if (v->instruction)
		json_array_append_new(warnings, json_pack("{s:s, s:s}", "rule", "CS-INSURANCE",
							  "message", v->instruction));
	json_object_set_new(j, "warnings", warnings);
	return j;
}

static int incident_id(struct request *r, int64_t *id)
{
	if (parse_id(r->params[0], id) == 0)
		return 0;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such incident");
	req_error(r, &err);
	return -1;
}

static void reply(struct request *r, int rc, int status, const struct incident_view *v,
		  const struct fd_error *err)
{
	if (rc)
		api_refuse(r, err, &v->in_charge);
	else
		req_json(r, status, json_incident(v));
}

void api_incident_answer(struct request *r, int rc, int status, const struct incident_view *v,
			 const struct fd_error *err)
{
	reply(r, rc, status, v, err);
}

void api_incident_take_over(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id) == 0)
		reply(r, incident_take_over(&r->svc, id, &out, &err), 200, &out, &err);
}

void api_incident_add(struct request *r)
{
	struct fd_error err = {0};
	struct incident_input in;
	struct incident_view out = {0};
	int rc = req_input(r, &incident_input_table, &in, &err);
	if (!rc)
		rc = incident_add(&r->svc, &in, &out, &err);
	reply(r, rc, 201, &out, &err);
}

void api_incident_patch(struct request *r)
{
	struct fd_error err = {0};
	struct incident_input in;
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id))
		return;
	int rc = req_input(r, &incident_input_table, &in, &err);
	if (!rc && in.branch)
		rc = fd_fail_field(&err, "branch", "a report stays with its branch");
	if (!rc)
		rc = incident_update(&r->svc, id, &in, &out, &err);
	reply(r, rc, 200, &out, &err);
}

void api_incident_get(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id) == 0)
		reply(r, incident_get(&r->svc, id, &out, &err), 200, &out, &err);
}

void api_incidents(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view *v;
	size_t n;
	const char *status = req_query(r, "status");
	if (status && strcmp(status, "overdue") != 0) {
		fd_fail_field(&err, "status", "status is overdue, or leave it out");
		req_error(r, &err);
		return;
	}
	if (incident_list(&r->svc, req_query(r, "branch"), status != NULL, &v, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_incident(&v[i]));
	req_json(r, 200, json_pack("{s:o}", "incidents", list));
}

void api_incident_hq(struct request *r)
{
	struct fd_error err = {0};
	struct hq_call_input in;
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id))
		return;
	int rc = req_input(r, &hq_call_table, &in, &err);
	if (!rc)
		rc = incident_hq_notified(&r->svc, id, in.taken_by, &out, &err);
	reply(r, rc, 200, &out, &err);
}

void api_incident_bm(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id) == 0)
		reply(r, incident_business_manager_contacted(&r->svc, id, &out, &err), 200, &out,
		      &err);
}

void api_incident_sign(struct request *r)
{
	struct fd_error err = {0};
	struct signing_input in;
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id))
		return;
	int rc = req_input(r, &signing_table, &in, &err);
	if (!rc)
		rc = incident_sign(&r->svc, id, in.typed_name, &out, &err);
	reply(r, rc, 200, &out, &err);
}

void api_incident_addendum(struct request *r)
{
	struct fd_error err = {0};
	struct signing_input in;
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id))
		return;
	int rc = req_input(r, &addendum_table, &in, &err);
	if (!rc)
		rc = incident_addendum(&r->svc, id, in.text, in.typed_name, &out, &err);
	reply(r, rc, 201, &out, &err);
}

void api_incident_pdf(struct request *r)
{
	struct fd_error err = {0};
	struct incident_printout p;
	int64_t id;
	if (incident_id(r, &id))
		return;
	buf_reset(&r->out);
	if (incident_printout_get(&r->svc, id, &p, &err) || pdf_incident(&p, &r->out, &err)) {
		req_error(r, &err);
		return;
	}
	r->content_type = "application/pdf";
	req_add_header(
		r, "Content-Disposition",
		arena_printf(&r->arena, "inline; filename=\"incident-%lld.pdf\"", (long long)id));
}

void api_incident_attach(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view out = {0};
	int64_t id;
	if (incident_id(r, &id))
		return;
	int rc = incident_attach(&r->svc, id, req_query(r, "name"), req_header(r, "Content-Type"),
				 (const unsigned char *)r->body.data, r->body.len, &out, &err);
	reply(r, rc, 201, &out, &err);
}

void api_incident_attachment(struct request *r)
{
	struct fd_error err = {0};
	struct attachment at;
	int64_t id, aid;
	if (incident_id(r, &id))
		return;
	if (parse_id(r->params[1], &aid) || incident_attachment(&r->svc, id, aid, &at, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such attachment");
		req_error(r, &err);
		return;
	}
	buf_reset(&r->out);
	buf_append(&r->out, at.data, (size_t)at.size_bytes);
	r->content_type = at.content_type;
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"%s\"", at.name));
}
