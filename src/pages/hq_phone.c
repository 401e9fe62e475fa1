/* Headquarters' phone on the pages (see hq_phone.h). */
#include "pages/hq_phone.h"

#include "service/people.h"
#include "http/html.h"

void hq_phone_write(struct request *r)
{
	struct fd_error err = {0};
	const char *phone = NULL;
	if (people_hq_phone(&r->svc, &phone, &err) == 0 && phone)
		html_printf(
			&r->out,
			"<span class=\"hq-phone\">Headquarters' phone: <a href=\"tel:%s\">%s</a>."
			"</span>",
			phone, phone);
	else
		html_printf(&r->out, "<span class=\"hq-phone\">Headquarters has no phone number on "
				     "file: ask your branch manager for it.</span>");
}
