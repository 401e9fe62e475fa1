/* Request accessors, body-field validation and the JSON replies every handler shares. */
#include "http/request.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "base/text.h"

struct form_field {
	struct form_field *next;
	const char *name;
	const char *filename, *content_type; /* a file's, as its part said; else NULL */
	struct buf value;		     /* a file's bytes may hold NULs: use its len */
};

const char *req_header(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* An argument of the query text q ("a=1&b=x+y"), decoded, from a. */
static const char *query_arg(struct arena *a, const char *q, const char *name)
{
	size_t want = strlen(name);
	while (*q) {
		size_t n = strcspn(q, "&");
		const char *eq = memchr(q, '=', n);
		if (eq && (size_t)(eq - q) == want && strncmp(q, name, want) == 0) {
			char *v = arena_strndup(a, eq + 1, n - want - 1);
			for (char *c = v; *c; c++)
				if (*c == '+')
					*c = ' ';
			MHD_http_unescape(v);
			return v;
		}
		q += n + (q[n] == '&');
	}
	return NULL;
}

const char *req_query(struct request *r, const char *name)
{
	if (r->query_text)
		return query_arg(&r->arena, r->query_text, name);
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* A photo or a PDF is bytes, not text: only its name is checked as text. A text file (the
 * holidays' .ics) is checked as every other field is. */
static bool binary_file(const struct form_field *f)
{
	const char *t = f->content_type;
	return f->filename && t &&
	       (strncasecmp(t, "image/", 6) == 0 || strcasecmp(t, "application/pdf") == 0 ||
		strcasecmp(t, "application/octet-stream") == 0);
}

/* A photo's or a PDF's bytes are req_form_file's alone: as text they would stop at a NUL. */
const char *req_form(struct request *r, const char *name)
{
	for (struct form_field *f = r->form; f; f = f->next)
		if (strcmp(f->name, name) == 0 && !binary_file(f))
			return buf_str(&f->value);
	return NULL;
}

static enum MHD_Result on_form_field(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *filename, const char *content_type,
				     const char *transfer_encoding, const char *data, uint64_t off,
				     size_t size)
{
	struct request *r = cls;
	struct form_field *f = r->form;
	/* A value may arrive in pieces; off 0 starts a new field. */
	if (off == 0 || !f || strcmp(f->name, key) != 0) {
		f = arena_alloc(&r->arena, sizeof *f);
		f->name = arena_strdup(&r->arena, key);
		f->filename = arena_strdup(&r->arena, filename);
		f->content_type = arena_strdup(&r->arena, content_type);
		f->next = r->form;
		r->form = f;
	}
	buf_append(&f->value, data, size);
	return MHD_YES;
}

int req_form_file(struct request *r, const char *name, struct req_file *out)
{
	for (struct form_field *f = r->form; f; f = f->next)
		if (f->filename && strcmp(f->name, name) == 0) {
			*out = (struct req_file){f->filename, f->content_type,
						 (const unsigned char *)buf_str(&f->value),
						 f->value.len};
			return 0;
		}
	return -1;
}

void req_parse_form(struct request *r, bool multipart)
{
	/* MHD reads which of the two encodings from the request's Content-Type; a file's
	 * content comes in pieces, as a long value does. */
	struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 4096, on_form_field, r);
	if (!pp)
		return;
	r->is_form = !multipart; /* names to check in the body as sent (check_form_names) */
	MHD_post_process(pp, buf_str(&r->body), r->body.len);
	MHD_destroy_post_processor(pp);
}

struct arg_check {
	struct fd_error *err;
	int rc;
};

/* Sizes, not strlen: MHD decodes %00 to a NUL, and a C string would end there. */
static enum MHD_Result check_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				       size_t key_size, const char *value, size_t value_size)
{
	struct arg_check *c = cls;
	const char *name = text_valid(key, key_size, false, NULL) ? key : "query";
	if (text_check(name, key, key_size, false, c->err) ||
	    (value && text_check(name, value, value_size, false, c->err))) {
		c->rc = -1;
		return MHD_NO;
	}
	return MHD_YES;
}

/* The path decoded from the target as sent, with its length: the one MHD hands the handler
 * is a C string, which a %00 would cut short ("/branches/KOS%00junk" read as ".../KOS"). */
static int check_path(struct request *r, struct fd_error *err)
{
	if (!r->target)
		return text_check("path", r->path, strlen(r->path), false, err);
	char *path = arena_strndup(&r->arena, r->target, strcspn(r->target, "?"));
	size_t len = MHD_http_unescape(path); /* as MHD decodes it */
	return text_check("path", path, len, false, err);
}

/* The post processor hands a field's value with its size but its name as a C string, cut at
 * a NUL; so the names are checked in the body as sent, decoded here with their length. */
static int check_form_names(struct request *r, struct fd_error *err)
{
	const char *p = r->body.data, *end = p + r->body.len;
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		size_t len = (size_t)((eq ? eq : stop) - p);
		char *name = arena_strndup(&r->arena, p, len);
		if (!memchr(name, '\0', len)) /* else the NUL as sent is the fault */
			len = MHD_http_unescape(name);
		if (text_check("form", name, len, false, err))
			return -1;
		p = amp ? amp + 1 : NULL;
	}
	return 0;
}

int req_check_text(struct request *r, struct fd_error *err)
{
	struct arg_check c = {err, 0};
	if (check_path(r, err))
		return -1;
	MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, check_query_arg, &c);
	if (c.rc)
		return -1;
	if (r->is_form && check_form_names(r, err))
		return -1;
	for (struct form_field *f = r->form; f; f = f->next) {
		const char *name =
			text_valid(f->name, strlen(f->name), false, NULL) ? f->name : "form";
		if (text_check(name, f->name, strlen(f->name), false, err))
			return -1;
		if (binary_file(f) ? text_check(name, f->filename, strlen(f->filename), false, err)
				   : text_check(name, f->value.data ? f->value.data : "",
						f->value.len, true, err))
			return -1;
	}
	return 0;
}

void req_form_each(struct request *r, void (*fn)(void *cls, const char *name, const char *value),
		   void *cls)
{
	/* The list is newest first; the page wants the order of the form. */
	size_t n = 0;
	for (struct form_field *f = r->form; f; f = f->next)
		n++;
	struct form_field **all = arena_alloc(&r->arena, (n ? n : 1) * sizeof *all);
	size_t i = n;
	for (struct form_field *f = r->form; f; f = f->next)
		all[--i] = f;
	for (i = 0; i < n; i++)
		if (!all[i]->filename) /* a file is bytes, and no page can put one back */
			fn(cls, all[i]->name, buf_str(&all[i]->value));
}

void req_form_free(struct request *r)
{
	for (struct form_field *f = r->form; f; f = f->next)
		buf_free(&f->value);
	r->form = NULL;
}

void req_add_header(struct request *r, const char *name, const char *value)
{
	if (r->nheaders == REQ_MAX_HEADERS)
		return;
	r->header_names[r->nheaders] = name;
	r->header_values[r->nheaders++] = arena_strdup(&r->arena, value);
}

void req_json(struct request *r, int status, json_t *j)
{
	if (!j) {
		/* A reply that could not be built (a value it needs was missing) is no success:
		 * never a 201 with an empty object. */
		struct fd_error err = {0};
		fd_fail(&err, FD_EINTERNAL, "the %d answer could not be built", status);
		r->nheaders = 0;
		req_error(r, &err);
		return;
	}
	char *text = json_dumps(j, JSON_COMPACT);
	r->status = status;
	r->content_type = "application/json";
	buf_reset(&r->out);
	buf_puts(&r->out, text ? text : "{}");
	buf_putc(&r->out, '\n');
	free(text);
	json_decref(j);
}

static const int code_status[FD_CODE__MAX] = {
	[FD_OK] = 200,		 [FD_EBADJSON] = 400, [FD_EINVAL] = 422,    [FD_EAUTH] = 401,
	[FD_ECSRF] = 403,	 [FD_EFORBID] = 403,  [FD_ENOTFOUND] = 404, [FD_ECONFLICT] = 409,
	[FD_EPOLICY] = 409,	 [FD_ETOOBIG] = 413,  [FD_ETHROTTLE] = 429, [FD_EINTERNAL] = 500,
	[FD_EUNAVAILABLE] = 503, /* the database is away: try again */
};

int req_status_of(enum fd_code code)
{
	return code < FD_CODE__MAX && code_status[code] ? code_status[code] : 500;
}

void req_created(struct request *r, const char *location, json_t *j)
{
	req_add_header(r, "Location", location);
	req_json(r, 201, j);
}

/* Logs err's detail under an id for the person to quote, which the answer then carries, in
 * X-Request-Id too: a fresh one, or one made from the first's while the log counts repeats of
 * the same failure (base/log.h). */
static const char *log_internal(struct request *r, const struct fd_error *err)
{
	unsigned char raw[8];
	char id[LOG_ID_LEN];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(id, sizeof id, raw, sizeof raw);
	/* The detail (a driver's words, a path, a statement) is for the administrator only. */
	log_request(LOG_ERROR, id, "%s", err->message[0] ? err->message : "failed");
	r->request_id = arena_strdup(&r->arena, id);
	for (int i = 0; i < r->nheaders; i++)
		if (strcmp(r->header_names[i], "X-Request-Id") == 0) {
			r->header_values[i] = r->request_id; /* a second failure: its id */
			return r->request_id;
		}
	req_add_header(r, "X-Request-Id", r->request_id);
	return r->request_id;
}

const char *req_internal_message(struct request *r, const struct fd_error *err, const char *plain)
{
	const char *id = log_internal(r, err);
	return arena_printf(&r->arena, "%s; quote request %s to the administrator",
			    plain ? plain : "something went wrong on our side", id);
}

const char *req_message(struct request *r, const struct fd_error *err)
{
	if (err->code == FD_EINTERNAL)
		return req_internal_message(r, err, NULL);
	return err->message[0] ? err->message : "failed";
}

void req_internal_error(struct request *r, const struct fd_error *err, const char *plain)
{
	const char *message = req_internal_message(r, err, plain);
	req_json(r, 500,
		 json_pack("{s:{s:s, s:s, s:s}}", "error", "code", fd_code_name(FD_EINTERNAL),
			   "message", message, "request_id", r->request_id));
}

void req_error(struct request *r, const struct fd_error *err)
{
	req_error_with(r, err, NULL);
}

void req_error_with(struct request *r, const struct fd_error *err, json_t *extra)
{
	if (err->code == FD_EINTERNAL || req_status_of(err->code) == 500) {
		json_decref(extra);
		req_internal_error(r, err, NULL);
		return;
	}
	json_t *e = json_pack("{s:s, s:s}", "code", fd_code_name(err->code), "message",
			      err->message[0] ? err->message : "failed");
	if (err->field[0])
		json_object_set_new(e, "field", json_string(err->field));
	if (err->rule)
		json_object_set_new(e, "rule", json_string(err->rule));
	if (err->outcome_unknown)
		json_object_set_new(e, "outcome", json_string("unknown"));
	if (extra)
		json_object_update(e, extra);
	json_decref(extra);
	if (err->retry_after_s > 0)
		req_add_header(r, "Retry-After", arena_printf(&r->arena, "%d", err->retry_after_s));
	req_json(r, req_status_of(err->code), json_pack("{s:o}", "error", e));
}

void req_redirect(struct request *r, const char *location)
{
	r->status = 303;
	r->content_type = "text/plain; charset=utf-8";
	buf_reset(&r->out);
	req_add_header(r, "Location", location);
}

int parse_id(const char *text, int64_t *id)
{
	char *end;
	long long v = strtoll(text, &end, 10);
	if (*text < '0' || *text > '9' || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}
