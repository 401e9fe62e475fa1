/* A report's photos and documents on its page, through the attachment route, and the draft's
 * upload form (multipart/form-data, read binary-safe by http/request.c) into incident_attach. A
 * signed report lists its files and takes no more (CS-INCIDENT). */
#include "pages/incident_files.h"

#include <stdio.h>
#include <string.h>

#include "http/handlers.h"
#include "http/page.h"

/* "640 bytes", "12 KiB", "1.2 MiB". */
static const char *size_words(struct request *r, int64_t n)
{
	if (n < 1024)
		return page_count(r, n, "byte", "bytes");
	if (n < 1024 * 1024)
		return arena_printf(&r->arena, "%lld KiB", (long long)((n + 512) / 1024));
	return arena_printf(&r->arena, "%.1f MiB", (double)n / (1024.0 * 1024.0));
}

static void file_item(struct request *r, long long id, const struct attachment *at)
{
	const char *url = arena_printf(&r->arena, "/api/v1/incidents/%lld/attachments/%lld", id,
				       (long long)at->id);
	html_printf(&r->out, "<li>");
	if (strncmp(at->content_type, "image/", 6) == 0)
		html_printf(&r->out,
			    "<a href=\"%s\"><img class=\"thumb\" src=\"%s\" alt=\"Photo %s\" "
			    "width=\"120\"></a> ",
			    url, url, at->name);
	html_printf(&r->out, "<a href=\"%s\">%s</a> (%s)</li>", url, at->name,
		    size_words(r, at->size_bytes));
}

void incident_files_section(struct request *r, const struct incident_view *v, bool may_add)
{
	long long id = (long long)v->i.id;
	bool upload = may_add && !v->i.signed_at;
	if (!v->nattachments && !upload)
		return;
	html_printf(&r->out, "<section class=\"card\" id=\"files\"><h2>Photos and documents</h2>");
	if (v->nattachments) {
		html_printf(&r->out, "<ul id=\"attachments\">");
		for (size_t k = 0; k < v->nattachments; k++)
			file_item(r, id, &v->attachments[k]);
		html_printf(&r->out, "</ul>");
	} else {
		html_printf(&r->out, "<p>None added yet.</p>");
	}
	if (upload)
		html_printf(
			&r->out,
			"<form method=\"post\" action=\"/incidents/%lld/attachments\" "
			"enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"csrf\" "
			"value=\"%s\"><label for=\"afile\">A photo (JPEG or PNG) or a PDF, up to "
			"%d KiB</label><input id=\"afile\" type=\"file\" name=\"file\" "
			"accept=\"image/jpeg,image/png,application/pdf\" required><button "
			"type=\"submit\">Add the file</button></form>",
			id, page_csrf(r), ATTACHMENT_MAX_BYTES / 1024);
	html_printf(&r->out, "</section>");
}

void page_incident_upload(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view v;
	struct req_file file;
	int64_t id;
	if (parse_id(r->params[0], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such incident report");
		page_error(r, &err);
		return;
	}
	int rc = req_form_file(r, "file", &file) || !file.len
			 ? fd_fail_field(&err, "file", "Choose a photo or a PDF to add.")
			 : incident_attach(&r->svc, id, file.name, file.content_type, file.data,
					   file.len, &v, &err);
	if (rc) {
		/* The form has one field: a refused name or type is the file's. */
		if (err.field[0])
			snprintf(err.field, sizeof err.field, "file");
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/incidents/%lld#files", (long long)id));
}
