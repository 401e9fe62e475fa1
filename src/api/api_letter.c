/* GET /api/v1/restrictions/{id}/letter.pdf: a building ban's trespass letter, for scripts. */
#include "http/handlers.h"
#include "http/request.h"
#include "notify/pdf_letter.h"

void api_trespass_letter(struct request *r)
{
	struct fd_error err = {0};
	struct trespass_letter l;
	int64_t id;
	if (parse_id(r->params[0], &id))
		fd_fail(&err, FD_ENOTFOUND, "no such restriction");
	buf_reset(&r->out);
	if (err.code || trespass_letter_get(&r->svc, id, &l, &err) ||
	    pdf_trespass_letter(&l, &r->out, &err)) {
		req_error(r, &err);
		return;
	}
	r->content_type = "application/pdf";
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "inline; filename=\"trespass-letter-%lld.pdf\"",
				    (long long)id));
}
