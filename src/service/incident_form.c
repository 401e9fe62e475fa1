/* The signed forms of incident reports and addenda, and the check that names what changed.
 * A form 2 text is stored beside its signature: once the signature proves that text authentic,
 * comparing it with the text rebuilt from today's rows says exactly what moved since. */
#include "service/incident_form.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/ed25519.h"
#include "base/timefmt.h"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

char *incident_sha256_hex(const unsigned char *data, size_t len, char hex[SHA256_HEX_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	return sodium_bin2hex(hex, SHA256_HEX_LEN, h, sizeof h);
}

/* The canonical text of j: compact, keys sorted (caller frees; j is released). */
static char *canonical(json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return text;
}

/* People as form 1 and 2 sign them; form 3 adds each one's customer, description, care and
 * contact. */
static json_t *people_json(const struct incident *i, int form)
{
	json_t *people = json_array();
	for (size_t k = 0; k < i->npeople; k++) {
		const struct incident_person *p = &i->people[k];
		json_t *one = json_pack("{s:s, s:s, s:s, s:s}", "name", or_empty(p->name), "kind",
					or_empty(p->kind), "part", or_empty(p->part), "injuries",
					or_empty(p->injuries));
		if (form >= 3)
			json_object_update_new(
				one, json_pack("{s:I, s:s, s:s, s:s}", "customer_id",
					       (json_int_t)p->customer_id, "description",
					       or_empty(p->description), "care", or_empty(p->care),
					       "contact", or_empty(p->contact)));
		json_array_append_new(people, one);
	}
	return people;
}

/* Form 1, byte for byte as it was signed before schema 17, so those signatures still verify. */
static char *report_form1(const struct incident *i)
{
	return canonical(json_pack(
		"{s:I, s:s, s:I, s:s, s:s, s:s, s:b, s:o, s:s, s:I, s:s, s:I, s:s, s:s, s:I}", "id",
		(json_int_t)i->id, "branch", or_empty(i->branch_code), "occurred_at",
		(json_int_t)i->occurred_at, "category", incident_category_name(i->category),
		"narrative", or_empty(i->narrative), "actions_taken", or_empty(i->actions_taken),
		"police_called", i->police_called, "people", people_json(i, 1), "reported_by",
		or_empty(i->reported_by.login), "hq_notified_at", (json_int_t)i->hq_notified_at,
		"hq_taken_by", or_empty(i->hq_taken_by.login), "business_manager_contacted_at",
		(json_int_t)i->business_manager_contacted_at, "signed_by",
		or_empty(i->signed_by.login), "signed_name", or_empty(i->signed_name), "signed_at",
		(json_int_t)i->signed_at));
}

static char *addendum_form1(const struct incident *i, const struct addendum *ad)
{
	return canonical(json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "incident", (json_int_t)i->id,
				   "report_signature", or_empty(i->signature), "text",
				   or_empty(ad->text), "signed_by", or_empty(ad->signed_by_login),
				   "signed_name", or_empty(ad->signed_name), "signed_at",
				   (json_int_t)ad->signed_at));
}

/* The report's text under form 2 or later (form: which). */
static char *report_form(const struct incident *i, const struct attachment *at, size_t nat,
			 int form)
{
	json_t *files = json_array();
	for (size_t k = 0; k < nat; k++) {
		char hex[SHA256_HEX_LEN];
		const char *sha = at[k].data ? incident_sha256_hex(at[k].data, at[k].data_len, hex)
					     : or_empty(at[k].sha256);
		json_array_append_new(files, json_pack("{s:I, s:s, s:s, s:I, s:s, s:I}", "id",
						       (json_int_t)at[k].id, "name",
						       or_empty(at[k].name), "content_type",
						       or_empty(at[k].content_type), "size_bytes",
						       (json_int_t)at[k].size_bytes, "sha256", sha,
						       "added_at", (json_int_t)at[k].added_at));
	}
	json_t *j = json_pack(
		"{s:i, s:I, s:{s:I, s:s, s:s}, s:I, s:I, s:I, s:s, s:s, s:s, s:b, s:o, s:o}",
		"form", form, "id", (json_int_t)i->id, "branch", "id", (json_int_t)i->branch_id,
		"code", or_empty(i->branch_code), "name", or_empty(i->branch_name), "occurred_at",
		(json_int_t)i->occurred_at, "due_at", (json_int_t)i->due_at, "created_at",
		(json_int_t)i->created_at, "category", incident_category_name(i->category),
		"narrative", or_empty(i->narrative), "actions_taken", or_empty(i->actions_taken),
		"police_called", i->police_called, "people", people_json(i, form), "attachments",
		files);
	if (form >= 3)
		json_object_update_new(j, json_pack("{s:I, s:s, s:s, s:s}", "discovered_at",
						    (json_int_t)i->discovered_at, "location",
						    or_empty(i->location), "police_report_number",
						    or_empty(i->police_report_number),
						    "police_officer", or_empty(i->police_officer)));
	json_object_update_new(
		j, json_pack("{s:s, s:I, s:s, s:I, s:s, s:s, s:I}", "reported_by",
			     or_empty(i->reported_by.login), "hq_notified_at",
			     (json_int_t)i->hq_notified_at, "hq_taken_by",
			     or_empty(i->hq_taken_by.login), "business_manager_contacted_at",
			     (json_int_t)i->business_manager_contacted_at, "signed_by",
			     or_empty(i->signed_by.login), "signed_name", or_empty(i->signed_name),
			     "signed_at", (json_int_t)i->signed_at));
	return canonical(j);
}

char *incident_form_report(const struct incident *i, const struct attachment *at, size_t nat)
{
	return report_form(i, at, nat, INCIDENT_FORM_CURRENT);
}

char *incident_form_addendum(int64_t incident_id, size_t seq, const char *previous,
			     const struct addendum *ad)
{
	/* An addendum's shape is form 2's still: the forms after it changed only the report. */
	return canonical(json_pack("{s:i, s:I, s:I, s:s, s:s, s:s, s:s, s:I}", "form",
				   INCIDENT_ADDENDUM_FORM, "incident", (json_int_t)incident_id,
				   "seq", (json_int_t)seq, "previous", or_empty(previous), "text",
				   or_empty(ad->text), "signed_by", or_empty(ad->signed_by_login),
				   "signed_name", or_empty(ad->signed_name), "signed_at",
				   (json_int_t)ad->signed_at));
}

struct check {
	const struct incident_evidence *ev;
	const unsigned char *pk;
	struct arena *a;
	struct incident_check *out;
	size_t cap;
};

static void note(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct check *c, const char *fmt, ...)
{
	struct incident_check *o = c->out;
	if (o->nproblems == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		const char **grown = arena_alloc(c->a, c->cap * sizeof *grown);
		if (o->nproblems)
			memcpy(grown, o->problems, o->nproblems * sizeof *grown);
		o->problems = grown;
	}
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	o->problems[o->nproblems++] = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
}

static const char *when(struct check *c, int64_t t)
{
	char text[RFC3339_LEN];
	timefmt_rfc3339(t, text);
	return arena_strdup(c->a, text);
}

/* A value as the operator should read it: text quoted with its control characters escaped
 * (it may come from whoever changed the database) and cut after 60 bytes; times in RFC 3339. */
static const char *show(struct check *c, const char *key, json_t *v)
{
	if (!v)
		return "nothing";
	if (json_is_boolean(v))
		return json_is_true(v) ? "yes" : "no";
	size_t klen = strlen(key);
	if (json_is_integer(v) && klen > 3 && strcmp(key + klen - 3, "_at") == 0)
		return json_integer_value(v) ? when(c, json_integer_value(v)) : "none";
	json_t *cut = NULL;
	if (json_is_string(v) && json_string_length(v) > 60) {
		size_t n = 60;
		while (n && (json_string_value(v)[n] & 0xC0) == 0x80)
			n--; /* not inside a UTF-8 character */
		cut = json_stringn(json_string_value(v), n);
	}
	char *text = json_dumps(cut ? cut : v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	const char *out = arena_printf(c->a, "%s%s", text ? text : "?", cut ? "…" : "");
	free(text);
	json_decref(cut);
	return out;
}

static const char *show_text(struct check *c, const char *text)
{
	json_t *v = json_string(or_empty(text));
	const char *out = show(c, "", v);
	json_decref(v);
	return out;
}

static const char *branch_words(struct check *c, json_t *b)
{
	if (!json_is_object(b))
		return "nothing";
	return arena_printf(c->a, "%s %s (id %lld)", show(c, "code", json_object_get(b, "code")),
			    show(c, "name", json_object_get(b, "name")),
			    (long long)json_integer_value(json_object_get(b, "id")));
}

/* The words an operator reads for each field the signed forms hold (report, person,
 * attachment, addendum): one table, so no message shows a snake_case key. */
static const struct {
	const char *key, *label;
} labels[] = {
	{"narrative", "what happened"},
	{"category", "kind of incident"},
	{"location", "where in the building"},
	{"actions_taken", "actions taken"},
	{"police_called", "police called"},
	{"occurred_at", "occurred at"},
	{"due_at", "due at"},
	{"created_at", "created at"},
	{"reported_by", "reported by"},
	{"hq_notified_at", "HQ notified at"},
	{"hq_taken_by", "HQ call taken by"},
	{"business_manager_contacted_at", "business manager contacted at"},
	{"signed_by", "signed by"},
	{"signed_name", "signed name"},
	{"signed_at", "signed at"},
	{"content_type", "content type"},
	{"size_bytes", "size in bytes"},
	{"added_at", "added at"},
	{"report_signature", "report's signature"},
	{"discovered_at", "discovered at"},
	{"police_report_number", "police report number"},
	{"police_officer", "police officer"},
	{"customer_id", "customer"},
};

static const char *label(const char *key)
{
	for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
		if (strcmp(labels[k].key, key) == 0)
			return labels[k].label;
	return key; /* one word already: "name", "part", "injuries" */
}

static void diff_fields(struct check *c, const char *what, json_t *was, json_t *now);

/* People are matched by their place in the list, as the report shows them. */
static void diff_people(struct check *c, const char *what, json_t *was, json_t *now)
{
	size_t nwas = json_array_size(was), nnow = json_array_size(now);
	for (size_t k = 0; k < nwas || k < nnow; k++) {
		json_t *w = json_array_get(was, k), *n = json_array_get(now, k);
		const char *who = show(c, "name", json_object_get(w ? w : n, "name"));
		if (w && n && !json_equal(w, n))
			diff_fields(c, arena_printf(c->a, "%s: person %zu %s", what, k + 1, who), w,
				    n);
		else if (!n)
			note(c, "%s: person %zu %s was signed with the report and is gone", what,
			     k + 1, who);
		else if (!w)
			note(c, "%s: person %zu %s was added after signing", what, k + 1, who);
	}
}

static json_t *with_id(json_t *list, json_t *id)
{
	size_t k;
	json_t *item;
	json_array_foreach(list, k,
			   item) if (json_equal(json_object_get(item, "id"), id)) return item;
	return NULL;
}

/* Attachments are matched by their id. */
static void diff_attachments(struct check *c, json_t *was, json_t *now)
{
	size_t k;
	json_t *w, *n;
	json_array_foreach(was, k, w)
	{
		json_t *id = json_object_get(w, "id");
		const char *what =
			arena_printf(c->a, "attachment %lld %s", (long long)json_integer_value(id),
				     show(c, "name", json_object_get(w, "name")));
		if (!(n = with_id(now, id)))
			note(c, "%s was signed with the report and is gone", what);
		else if (!json_equal(w, n))
			diff_fields(c, what, w, n);
	}
	json_array_foreach(now, k, n) if (!with_id(was, json_object_get(n, "id")))
		note(c, "attachment %lld %s was added after signing",
		     (long long)json_integer_value(json_object_get(n, "id")),
		     show(c, "name", json_object_get(n, "name")));
}

/* Notes each field signed in was that differs now, as "what: field: signed as X, now Y". */
static void diff_fields(struct check *c, const char *what, json_t *was, json_t *now)
{
	const char *key;
	json_t *w, *n;
	json_object_foreach(was, key, w)
	{
		n = json_object_get(now, key);
		if (json_equal(w, n))
			continue;
		if (strcmp(key, "sha256") == 0)
			note(c,
			     "%s: its bytes changed since signing (SHA-256 signed %.16s…, now "
			     "%.16s…)",
			     what, or_empty(json_string_value(w)), or_empty(json_string_value(n)));
		else if (strcmp(key, "branch") == 0)
			note(c, "%s: branch: signed as %s, now %s", what, branch_words(c, w),
			     branch_words(c, n));
		else if (strcmp(key, "attachments") == 0)
			diff_attachments(c, w, n);
		else if (strcmp(key, "people") == 0)
			diff_people(c, what, w, n);
		else
			note(c, "%s: %s: signed as %s, now %s", what, label(key), show(c, key, w),
			     show(c, key, n));
	}
	json_object_foreach(now, key, n) if (!json_object_get(was, key))
		note(c, "%s: %s is %s, which was not signed", what, label(key), show(c, key, n));
}

static const struct audit_entry *recorded(const struct incident_evidence *ev, const char *action)
{
	for (size_t k = 0; k < ev->naudit; k++)
		if (ev->audit[k].action && strcmp(ev->audit[k].action, action) == 0)
			return &ev->audit[k];
	return NULL;
}

static const struct audit_entry *addendum_recorded(const struct incident_evidence *ev, size_t seq)
{
	char action[32];
	snprintf(action, sizeof action, "addendum %zu", seq);
	return recorded(ev, action);
}

/* The highest addendum number the audit log records signing. */
static size_t addenda_recorded(const struct incident_evidence *ev)
{
	size_t most = 0;
	for (size_t k = 0; k < ev->naudit; k++) {
		const char *a = ev->audit[k].action;
		if (a && strncmp(a, "addendum ", 9) == 0) {
			size_t seq = strtoul(a + 9, NULL, 10);
			most = seq > most ? seq : most;
		}
	}
	return most;
}

/* Form 1 signs no attachment: what is left is the hash recorded when each was stored. */
static void check_recorded_hashes(struct check *c)
{
	for (size_t k = 0; k < c->ev->nattachments; k++) {
		const struct attachment *at = &c->ev->attachments[k];
		char hex[SHA256_HEX_LEN];
		if (at->sha256 && at->data &&
		    strcmp(at->sha256, incident_sha256_hex(at->data, at->data_len, hex)) != 0)
			note(c,
			     "attachment %lld %s: its bytes no longer match the SHA-256 recorded "
			     "when "
			     "it was stored",
			     (long long)at->id, show_text(c, at->name));
	}
}

static void check_report(struct check *c)
{
	const struct incident *i = c->ev->i;
	const char *what = arena_printf(c->a, "report %lld", (long long)i->id);
	const struct audit_entry *signing = recorded(c->ev, "sign");
	c->out->form = signing ? INCIDENT_FORM_CURRENT : 1;
	if (!i->signed_text) {
		char *text = report_form1(i);
		/* Only form 2 signings are audited as "sign": its text cannot just be dropped. */
		if (signing)
			note(c,
			     "%s: the text it was signed over is gone, yet the audit log records "
			     "its "
			     "signing under form 2 (entry %lld, %s)",
			     what, (long long)signing->id, when(c, signing->at));
		else if (!ed25519_verify64(text, i->signature, c->pk))
			note(c,
			     "%s was changed after it was signed (a form 1 signature covers the "
			     "report "
			     "as a whole and cannot say which field)",
			     what);
		free(text);
		check_recorded_hashes(c);
		return;
	}
	json_t *was = json_loads(i->signed_text, 0, NULL);
	if (!json_is_object(was) || !ed25519_verify64(i->signed_text, i->signature, c->pk)) {
		note(c,
		     "%s: its signature no longer matches the text stored as what was signed: one "
		     "of them was altered",
		     what);
	} else {
		/* Rebuilt under the form it was signed under: a later form's new fields were
		 * not signed, and are not a change. */
		c->out->form = (int)json_integer_value(json_object_get(was, "form"));
		char *text = report_form(i, c->ev->attachments, c->ev->nattachments,
					 c->out->form >= 2 ? c->out->form : 2);
		json_t *now = text ? json_loads(text, 0, NULL) : NULL;
		free(text);
		if (now)
			diff_fields(c, what, was, now);
		else
			note(c, "%s: a field now holds bytes that are not UTF-8 text", what);
		json_decref(now);
	}
	json_decref(was);
	if (!signing)
		note(c, "%s: the audit log has no record of its signing", what);
}

/* Checks the addendum stored where number `expected` belongs, which should follow the
 * signature `previous`; returns the number it was signed as (below expected: not in place). */
static size_t check_addendum(struct check *c, const struct addendum *ad, size_t expected,
			     const char *previous)
{
	const struct incident *i = c->ev->i;
	if (!ad->signed_text) {
		char *text = addendum_form1(i, ad);
		if (!ed25519_verify64(text, ad->signature, c->pk))
			note(c,
			     "addendum %zu was changed after it was signed (a form 1 signature "
			     "cannot "
			     "say how)",
			     expected);
		free(text);
		return expected;
	}
	json_t *was = json_loads(ad->signed_text, 0, NULL);
	size_t seq = (size_t)json_integer_value(json_object_get(was, "seq"));
	if (!json_is_object(was) || !ed25519_verify64(ad->signed_text, ad->signature, c->pk)) {
		note(c,
		     "addendum %zu: its signature no longer matches the text stored as what was "
		     "signed: one of them was altered",
		     expected);
		json_decref(was);
		return expected;
	}
	const char *signed_after = json_string_value(json_object_get(was, "previous"));
	for (size_t gap = expected; gap < seq; gap++)
		note(c, "addendum %zu is missing: addendum %zu was signed after it", gap, seq);
	if (seq < expected)
		note(c, "addendum %zu is stored again, or out of order, as the addendum after %zu",
		     seq, expected - 1);
	else if (seq == expected && strcmp(or_empty(signed_after), or_empty(previous)) != 0)
		note(c,
		     "addendum %zu was signed after a signature that is no longer the one before "
		     "it",
		     seq);
	char *text = incident_form_addendum(i->id, seq, signed_after, ad);
	json_t *now = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	if (now)
		diff_fields(c, arena_printf(c->a, "addendum %zu", seq), was, now);
	else
		note(c, "addendum %zu: a field now holds bytes that are not UTF-8 text", seq);
	json_decref(now);
	json_decref(was);
	if (seq >= expected && !addendum_recorded(c->ev, seq))
		note(c, "addendum %zu: the audit log has no record of its signing", seq);
	return seq;
}

/* The addenda form a chain from the report's signature; the audit log's record of each signing
 * shows the newest ones gone, which no chain can. */
static void check_addenda(struct check *c)
{
	const struct incident *i = c->ev->i;
	const char *previous = i->signature;
	size_t seq = 0; /* the last addendum accounted for */
	for (size_t k = 0; k < i->naddenda; k++) {
		size_t got = check_addendum(c, &i->addenda[k], seq + 1, previous);
		if (got > seq) {
			seq = got;
			previous = i->addenda[k].signature;
		}
	}
	for (size_t n = seq + 1, last = addenda_recorded(c->ev); n <= last; n++) {
		const struct audit_entry *e = addendum_recorded(c->ev, n);
		if (e)
			note(c,
			     "addendum %zu is missing: the audit log records its signing (entry "
			     "%lld, "
			     "%s)",
			     n, (long long)e->id, when(c, e->at));
		else
			note(c, "addendum %zu is missing: the audit log records a later one", n);
	}
}

int incident_form_check(const struct incident_evidence *ev, const unsigned char *pk,
			struct arena *a, struct incident_check *out, struct fd_error *err)
{
	struct check c = {ev, pk, a, out, 0};
	const struct incident *i = ev->i;
	memset(out, 0, sizeof *out);
	out->naddenda = i->naddenda;
	if (!i->signed_at) {
		const struct audit_entry *e = recorded(ev, "sign");
		if (!e)
			return fd_fail(err, FD_ECONFLICT, "report %lld is not signed",
				       (long long)i->id);
		out->form = INCIDENT_FORM_CURRENT;
		note(&c,
		     "report %lld is no longer signed, yet the audit log records its signing "
		     "(entry %lld, %s)",
		     (long long)i->id, (long long)e->id, when(&c, e->at));
		return 0;
	}
	check_report(&c);
	check_addenda(&c);
	return 0;
}
