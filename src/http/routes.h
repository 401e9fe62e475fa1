/* The route table: method, path pattern, handler and who may call it. */
#ifndef HTTP_ROUTES_H
#define HTTP_ROUTES_H

#include "http/handlers.h"

enum route_auth {
	ROUTE_PUBLIC, /* anyone */
	ROUTE_USER,   /* a logged-in person whose role and branch the route's action allows */
	ROUTE_LOGIN,  /* public, and guarded against forgery by its own means, not the session */
};

/* Where the branch of the record a request touches is named, for branch scope (CS-SCOPE). */
enum route_scope {
	SCOPE_NONE,   /* no branch's record, or the service finds the branch itself */
	SCOPE_BRANCH, /* the first "*" is a branch code */
	SCOPE_VISIT,  /* the first "*" is the id of a visit, ... */
	SCOPE_REQUEST,
	SCOPE_COMPLAINT,
	SCOPE_SITUATION,
	SCOPE_INCIDENT,
	SCOPE_RESTRICTION,
	SCOPE_JUDGEMENT,
	SCOPE_FETCH,
	SCOPE_BODY_BRANCH,  /* the body's "branch" field */
	SCOPE_QUERY_BRANCH, /* the ?branch= argument */
	SCOPE__MAX
};

/* Every route says what it does in the role × action matrix and where its record's branch
 * is named: the server checks both before the handler runs (docs/roles.md),
 * so no handler can forget them. Finer rules (CS-DIFFICULT, CS-JUDGE, ...) are the
 * services'. */
struct route {
	enum http_method method;
	const char *pattern; /* "*" matches one path segment, handed over in req->params */
	handler_fn *handler;
	enum route_auth auth;
	enum action action;
	enum route_scope scope;
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
/* The scope's name ("branch", "body.branch", ...) for `frontdesk routes`, and the record it
 * names with the key's place; false when the route names none. */
const char *route_scope_name(enum route_scope scope);
const char *route_method_name(enum http_method m);

/* The one authorization model (role × action, branch scope) for every route: may the
 * request's person call rt, on the record its path, body or query names? */
int routes_authorize(struct request *r, const struct route *rt, struct fd_error *err);

#endif
