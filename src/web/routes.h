/* The route table: method, path pattern, handler and who may call it. */
#ifndef WEB_ROUTES_H
#define WEB_ROUTES_H

#include "web/handlers.h"

enum route_auth {
	ROUTE_PUBLIC, /* anyone */
	ROUTE_USER,   /* a logged-in person; the role matrix is applied by the services */
	ROUTE_LOGIN,  /* public, and guarded against forgery by its own means, not the session */
};

struct route {
	enum http_method method;
	const char *pattern; /* "*" matches one path segment, handed over in req->params */
	handler_fn *handler;
	enum route_auth auth;
};

#define ROUTES_MAX 192 /* room in the per-route metrics */

/* The route for method and path, filling params; NULL when none. *path_known says whether
 * the path exists for another method (405 rather than 404). */
const struct route *routes_match(enum http_method method, const char *path,
				 const char *params[REQ_MAX_PARAMS], struct arena *a,
				 bool *path_known);
/* The i-th route of the table, NULL past its end; and a route's place in it. */
const struct route *routes_at(size_t i);
int routes_index(const struct route *rt);

#endif
