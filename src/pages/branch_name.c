/* Branch names for pages: complaints, requests, handovers and judgements store a branch's code,
 * and a code ("KOS") means nothing to a customer-service worker from another branch. */
#include "pages/branch_name.h"

#include <string.h>

#include "service/branch.h"
#include "http/html.h"

const struct branch *branch_of(struct request *r, struct branch_names *names, const char *code)
{
	if (!code)
		return NULL;
	if (!names->loaded) {
		struct fd_error err = {0};
		names->loaded = true;
		if (branch_rows(&r->svc, &names->all, &names->n, &err))
			names->n = 0; /* the code, then: a page still says which branch */
	}
	for (size_t i = 0; i < names->n; i++)
		if (strcmp(names->all[i].code, code) == 0)
			return &names->all[i];
	return NULL;
}

const char *branch_name_of(struct request *r, struct branch_names *names, const char *code)
{
	const struct branch *b = branch_of(r, names, code);
	return b ? b->name : code ? code : "—";
}

void branch_desk_link(struct request *r, struct branch_names *names, const char *code)
{
	if (!code)
		return;
	html_printf(&r->out, "<a class=\"back\" href=\"/desk/%s\">Back to the %s desk</a>",
		    html_url_part(&r->arena, code), branch_name_of(r, names, code));
}
