/* A refused form answered with the page it was posted from, for page.c's page_error: the
 * page is rendered as a GET of it by the same person would be, under the same rules. */
#include "http/again.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "http/routes.h"

/* The path and query of the page a same-origin form was posted from, from its Referer;
 * false when there is none or it is another site's. */
static bool referring_page(struct request *r, const char **path, const char **query)
{
	const char *ref = req_header(r, "Referer"), *host = req_header(r, "Host");
	if (!ref || !host)
		return false;
	const char *rest = strncmp(ref, "http://", 7) == 0    ? ref + 7
			   : strncmp(ref, "https://", 8) == 0 ? ref + 8
							      : NULL;
	size_t hn = strlen(host);
	if (!rest || strncasecmp(rest, host, hn) != 0 || rest[hn] != '/')
		return false;
	rest += hn;
	size_t n = strcspn(rest, "?#");
	char *p = arena_strndup(&r->arena, rest, n);
	size_t len = MHD_http_unescape(p);
	if (len == 0 || strlen(p) != len) /* a %00 in the path is nobody's page */
		return false;
	*path = p;
	*query = rest[n] == '?' ? arena_strndup(&r->arena, rest + n + 1, strcspn(rest + n + 1, "#"))
				: "";
	return true;
}

bool again_show(struct request *r, const struct fd_error *err)
{
	static const bool shown[FD_CODE__MAX] = {
		[FD_EINVAL] = true,    [FD_EFORBID] = true, [FD_ENOTFOUND] = true,
		[FD_ECONFLICT] = true, [FD_EPOLICY] = true,
	};
	const char *path, *query;
	if (r->refused || r->method != HTTP_POST || !r->is_form || !r->authed ||
	    strncmp(r->path, "/api/", 5) == 0 || err->code >= FD_CODE__MAX || !shown[err->code] ||
	    !referring_page(r, &path, &query))
		return false;
	const char *params[REQ_MAX_PARAMS] = {0};
	bool known;
	const struct route *rt = routes_match(HTTP_GET, path, params, &r->arena, &known);
	struct fd_error denied = {0};
	/* The page is shown as a GET of it would be, to the same person with the same rights. */
	if (!rt || rt->auth != ROUTE_USER || strncmp(path, "/api/", 5) == 0)
		return false;
	const char *posted_params[REQ_MAX_PARAMS];
	memcpy(posted_params, r->params, sizeof posted_params);
	memcpy(r->params, params, sizeof params);
	if (routes_authorize(r, rt, &denied)) {
		memcpy(r->params, posted_params, sizeof posted_params);
		return false;
	}
	struct fd_error *kept = arena_alloc(&r->arena, sizeof *kept);
	*kept = *err;
	r->refused = kept;
	r->refused_action = arena_strndup(&r->arena, r->target ? r->target : r->path,
					  strcspn(r->target ? r->target : r->path, "?"));
	r->method = HTTP_GET;
	r->path = path;
	r->query_text = query;
	r->status = 0;
	int nheaders = r->nheaders;
	rt->handler(r);
	/* A page that answers with a redirect cannot carry the refusal: the plain page does. */
	if (r->status >= 300 && r->status < 400) {
		r->nheaders = nheaders;
		return false;
	}
	r->status = req_status_of(err->code);
	return true;
}
