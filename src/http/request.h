/* One HTTP request as the handlers see it: path parameters, the parsed JSON body or form (read
 * through a use case's input table by http/input.h), the logged-in person, and the response
 * being built. Everything lives in req->arena. */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "service/svc.h"

struct MHD_Connection;
struct needs;

enum http_method { HTTP_GET, HTTP_POST, HTTP_PATCH, HTTP_DELETE, HTTP_OTHER };

#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 8

struct request {
	struct MHD_Connection *conn;
	enum http_method method;
	const char *target; /* as the client sent it: "/a%20b?c=d", undecoded; NULL if not seen */
	const char *path;   /* the target's path, decoded */
	const char *params[REQ_MAX_PARAMS]; /* the * segments of the matched route */
	struct arena arena;
	struct buf body;
	bool body_too_big;
	json_t *json; /* the parsed body, for JSON requests */
	struct form_field *form;
	bool is_form; /* the body was read as application/x-www-form-urlencoded */

	struct svc svc;
	const char *db_unusable; /* why svc.store is NULL: this thread cannot open the database */
	struct staff actor;
	bool authed, via_cookie;
	const char *cookie_token, *csrf_token;

	/* The response. */
	int status;
	const char *content_type;
	struct buf out;
	bool out_gzip; /* out holds gzip already (a cached answer kept gzipped): http/gzip.h */
	const char *header_names[REQ_MAX_HEADERS], *header_values[REQ_MAX_HEADERS];
	int nheaders;
	struct MHD_Response *stream; /* a streamed reply (server-sent events) instead of out */

	bool handled;	  /* answered: what is left is to send it */
	bool sync_failed; /* its writes could not be synced to disk (http/durable.c) */
	/* Why, when the database could not say whether they were kept (outcome unknown): the
	 * answer is then that, not a 500. */
	struct fd_error sync_err;

	int route;	    /* index in the route table; -1 before a match or without one */
	int64_t started_ns; /* monotonic, for the latency metrics */

	const char *request_id; /* given when a failure of ours is logged (base/log.h) */

	/* A refused form shown again on the page it was posted from (page.c): the refusal,
	 * where the form was posted, and that page's query, which req_query then reads. */
	const struct fd_error *refused;
	const char *refused_action;
	const char *query_text;

	/* What needs the reader, when the page gathered it before page_begin: the header's
	 * badge counts it rather than reading again (page.c). */
	const struct needs *needs;
};

/* A header, query argument, cookie or form field; NULL when absent. */
/* A record id from the path: 0 and *id set when text is a positive whole number, else -1. */
int parse_id(const char *text, int64_t *id);
const char *req_header(struct request *r, const char *name);
const char *req_query(struct request *r, const char *name);
const char *req_cookie(struct request *r, const char *name);
const char *req_form(struct request *r, const char *name);
/* A file sent in a multipart form: its name and type as its part said, and its bytes. */
struct req_file {
	const char *name, *content_type;
	const unsigned char *data;
	size_t len;
};
/* The file sent as field name; -1 when none was. */
int req_form_file(struct request *r, const char *name, struct req_file *out);
/* Parses a form's body into req_form's fields: application/x-www-form-urlencoded, or
 * multipart/form-data when it carries a file (the file's content is the field's value). */
void req_parse_form(struct request *r, bool multipart);
void req_form_free(struct request *r);
/* Calls fn for each form field as sent, in the order sent; files left out. */
void req_form_each(struct request *r, void (*fn)(void *cls, const char *name, const char *value),
		   void *cls);
/* The text of the request outside a JSON body (the path, the query arguments, the form's
 * fields) is valid UTF-8 without control characters, tab and line breaks allowed in form
 * fields; otherwise err names the argument or field at fault (422). */
int req_check_text(struct request *r, struct fd_error *err);

void req_add_header(struct request *r, const char *name, const char *value);
/* Replies with j as JSON (takes the reference). */
void req_json(struct request *r, int status, json_t *j);
/* Replies 201 with j (takes the reference) and Location: where GET shows the thing made. */
void req_created(struct request *r, const char *location, json_t *j);
/* Replies with err as the API's error JSON, its status from the one code → status table.
 * An internal failure (500) carries only a plain sentence and a request id: see
 * req_internal_error. */
void req_error(struct request *r, const struct fd_error *err);
/* The same, with extra members in the error object (takes the reference to extra). */
void req_error_with(struct request *r, const struct fd_error *err, json_t *extra);
/* Replies 500 {"error":{"code":"internal","message","request_id"}} with X-Request-Id: the
 * message is plain (NULL: "something went wrong on our side") and asks to quote the id;
 * err's own text, which may hold the database's words, goes only to the log, with the id. */
void req_internal_error(struct request *r, const struct fd_error *err, const char *plain);
/* What a person may read of err: plain (NULL: the general sentence) with the request id, the
 * detail logged as req_internal_error does. */
const char *req_internal_message(struct request *r, const struct fd_error *err, const char *plain);
/* What a person may read of err: its message, or req_internal_message's for a failure of
 * ours (pages show this). */
const char *req_message(struct request *r, const struct fd_error *err);
int req_status_of(enum fd_code code);
void req_redirect(struct request *r, const char *location);

#endif
