/* The service report over HTTP: JSON, or CSV with one row a day for a spreadsheet. */
#include "service/report.h"
#include "http/handlers.h"
#include "api/report_out.h"

static int load(struct request *r, struct service_report *out)
{
	struct fd_error err = {0};
	if (report_service(&r->svc, req_query(r, "branch"), req_query(r, "from"),
			   req_query(r, "to"), out, &err)) {
		req_error(r, &err);
		return -1;
	}
	return 0;
}

void api_report_service(struct request *r)
{
	struct service_report rep;
	if (load(r, &rep) == 0)
		req_json(r, 200, report_json(&rep));
}

void api_report_service_csv(struct request *r)
{
	struct service_report rep;
	if (load(r, &rep))
		return;
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	buf_reset(&r->out);
	report_csv(&rep, &r->out);
	const char *name = arena_printf(&r->arena, "attachment; filename=\"service-%s-%s-%s.csv\"",
					rep.branch ? rep.branch : "all", rep.from, rep.to);
	req_add_header(r, "Content-Disposition", name);
}
