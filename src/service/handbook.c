/* Handbook use cases and the Markdown importer. */
#include "service/handbook.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "policy/search_words.h"
#include "store/store_branch.h"

#define IN(member) .offset = offsetof(struct section_input, member)
static const struct input_field section_fields[] = {
	{"policy", "Policy", INPUT_TEXT, true, 1, 100, IN(policy)},
	{"title", "Title", INPUT_TEXT, true, 1, 200, IN(title)},
	{"text", "Text", INPUT_LINES, true, 1, 20000, IN(text)},
	{"rationale", "Rationale", INPUT_LINES, false, 0, 5000, IN(rationale)},
	{"approved_on", "Approved on", INPUT_DATE, true, IN(approved_on)},
	{"rules", "Rules", INPUT_TEXT, false, 0, 200, IN(rules)},
};
const struct input_table section_input_table = INPUT_TABLE(section_fields);

/* CS-KNOW: a section without its why is refused, whichever way it came. */
static int check(const struct section_input *in, struct fd_error *err)
{
	if (!in->rationale || !*in->rationale)
		return fd_fail_field(err, "rationale",
				     "every policy section needs its rationale: "
				     "staff must be able to explain why (CS-KNOW)");
	return 0;
}

/* A section read from Markdown, checked through the table as the API's are. */
static int check_imported(const struct section_input *in, struct fd_error *err)
{
	struct section_input checked;
	struct input_pair pairs[sizeof section_fields / sizeof section_fields[0]];
	size_t n = 0;
	for (size_t i = 0; i < section_input_table.n; i++) {
		const char *v; /* every field is text: a const char * at its offset */
		memcpy(&v, (const char *)in + section_fields[i].offset, sizeof v);
		if (v && *v)
			pairs[n++] = (struct input_pair){section_fields[i].name, v};
	}
	return input_fill(&section_input_table, pairs, n, false, &checked, err) || check(in, err)
		       ? -1
		       : 0;
}

/* "Circulation Policy" + "Loan periods" → "circulation-policy/loan-periods". */
static const char *key_of(struct svc *s, const char *policy, const char *title)
{
	struct buf b = BUF_INIT;
	const char *parts[2] = {policy, title};
	for (int i = 0; i < 2; i++) {
		bool dash = false;
		if (i)
			buf_putc(&b, '/');
		for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++) {
			if (isalnum(*p)) {
				if (dash && b.len && b.data[b.len - 1] != '/')
					buf_putc(&b, '-');
				buf_putc(&b, (char)tolower(*p));
				dash = false;
			} else {
				dash = true;
			}
		}
	}
	const char *key = arena_strdup(s->arena, buf_str(&b));
	buf_free(&b);
	return key;
}

static int insert(struct svc *s, const char *key, const struct section_input *in,
		  struct section *out, struct fd_error *err)
{
	struct section sec = {.key = key,
			      .policy = in->policy,
			      .title = in->title,
			      .text = in->text,
			      .rationale = in->rationale,
			      .rules = in->rules,
			      .approved_on = in->approved_on,
			      .created_at = s->now,
			      .created_by = s->actor ? s->actor->id : 0};
	if (store_section_insert(s->store, &sec, err))
		return -1;
	return store_section_get(s->store, sec.id, s->arena, out, err);
}

int handbook_add(struct svc *s, const struct section_input *in, struct section *out,
		 struct fd_error *err)
{
	if (svc_may(s, ACTION_HANDBOOK_WRITE, err) || check(in, err) || svc_begin(s, true, err))
		return -1;
	return svc_end(s, insert(s, key_of(s, in->policy, in->title), in, out, err), err);
}

int handbook_revise(struct svc *s, int64_t id, const struct section_input *in, struct section *out,
		    struct fd_error *err)
{
	struct section old;
	if (svc_may(s, ACTION_HANDBOOK_WRITE, err) || check(in, err) || svc_begin(s, true, err))
		return -1;
	int rc = store_section_get(s->store, id, s->arena, &old, err);
	if (!rc && !old.current)
		rc = fd_fail(err, FD_ECONFLICT,
			     "a newer version of this section exists: revise "
			     "that one");
	if (!rc)
		rc = insert(s, old.key, in, out, err);
	return svc_end(s, rc, err);
}

int handbook_get(struct svc *s, int64_t id, struct section *out, bool *acked, struct fd_error *err)
{
	*acked = false;
	if (svc_may(s, ACTION_HANDBOOK_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_section_get(s->store, id, s->arena, out, err);
	if (!rc && s->actor)
		rc = store_section_acked(s->store, s->actor->id, id, acked, err);
	return svc_end(s, rc, err);
}

int handbook_list(struct svc *s, struct section **out, size_t *n, struct fd_error *err)
{
	if (svc_may(s, ACTION_HANDBOOK_READ, err) || svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_section_list(s->store, s->arena, out, n, err), err);
}

int handbook_search(struct svc *s, const char *query, struct section **out, size_t *n,
		    struct fd_error *err)
{
	if (svc_may(s, ACTION_HANDBOOK_READ, err) || svc_check_text("q", query, 0, 200, err) ||
	    svc_begin(s, false, err))
		return -1;
	struct search_word words[SEARCH_WORDS_MAX];
	struct search_term terms[SEARCH_WORDS_MAX];
	size_t nwords = search_words(query, words, SEARCH_WORDS_MAX);
	for (size_t i = 0; i < nwords; i++) { /* the word, then its synonyms */
		terms[i] = (struct search_term){{words[i].text}, {words[i].len}, {false}, 1};
		for (size_t j = 0; j < words[i].nalt && terms[i].n < STORE_SEARCH_ALTS_MAX; j++) {
			terms[i].form[terms[i].n] = words[i].alt[j];
			terms[i].len[terms[i].n++] = strlen(words[i].alt[j]);
		}
		for (size_t k = 0; k < terms[i].n; k++)
			terms[i].prefix[k] = search_form_is_prefix(terms[i].len[k]);
	}
	return svc_end(s, store_section_search(s->store, terms, nwords, s->arena, out, n, err),
		       err);
}

int handbook_by_rule(struct svc *s, const char *rule, struct section **out, size_t *n,
		     struct fd_error *err)
{
	if (svc_may(s, ACTION_HANDBOOK_READ, err) ||
	    svc_check_token("rule", rule, 4, 20, "-", err) || svc_begin(s, false, err))
		return -1;
	return svc_end(s, store_section_by_rule(s->store, rule, s->arena, out, n, err), err);
}

int handbook_acknowledge(struct svc *s, int64_t id, struct section *out, struct fd_error *err)
{
	if (!s->actor)
		return fd_fail(err, FD_EINVAL, "a section is acknowledged by a member of staff");
	if (svc_may(s, ACTION_HANDBOOK_READ, err) || svc_begin(s, true, err))
		return -1;
	int rc = store_section_get(s->store, id, s->arena, out, err);
	if (!rc)
		rc = store_section_ack(s->store, s->actor->id, id, s->now, err);
	return svc_end(s, rc, err);
}

int handbook_unread(struct svc *s, const char *branch, struct unread **out, size_t *n,
		    struct fd_error *err)
{
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_OVERSIGHT, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_branch_get(s->store, branch ? branch : "", s->arena, &b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, b.id, err);
	if (!rc)
		rc = store_section_unread(s->store, b.id, s->arena, out, n, err);
	return svc_end(s, rc, err);
}

/* One section being read from Markdown. */
struct md_section {
	struct buf title, text, rationale, rules;
	bool in_rationale;
};

static void trim_end(struct buf *b)
{
	while (b->len && isspace((unsigned char)b->data[b->len - 1]))
		b->data[--b->len] = '\0';
}

static int flush(struct svc *s, const char *policy, const char *approved, struct md_section *m,
		 int *added, struct fd_error *err)
{
	if (!m->title.len)
		return 0;
	trim_end(&m->text);
	trim_end(&m->rationale);
	struct section_input in = {policy,
				   buf_str(&m->title),
				   buf_str(&m->text),
				   buf_str(&m->rationale),
				   buf_str(&m->rules),
				   approved};
	struct section cur, out;
	struct section *list;
	size_t n;
	int rc = check_imported(&in, err);
	if (rc) {
		/* Say which section of the file is wrong. */
		struct buf what = BUF_INIT;
		buf_printf(&what, "section '%s': %s", buf_str(&m->title), err->message);
		size_t keep =
			what.len < sizeof err->message - 1 ? what.len : sizeof err->message - 1;
		memcpy(err->message, what.data, keep);
		err->message[keep] = '\0';
		buf_free(&what);
		return -1;
	}
	const char *key = key_of(s, policy, in.title);
	bool same = false;
	if (store_section_list(s->store, s->arena, &list, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].key, key) == 0) {
			cur = list[i];
			same = strcmp(cur.text, in.text) == 0 &&
			       strcmp(cur.rationale, in.rationale) == 0 &&
			       strcmp(cur.rules ? cur.rules : "", in.rules ? in.rules : "") == 0 &&
			       in.approved_on && strcmp(cur.approved_on, in.approved_on) == 0;
		}
	if (!same) {
		if (insert(s, key, &in, &out, err))
			return -1;
		(*added)++;
	}
	buf_reset(&m->title);
	buf_reset(&m->text);
	buf_reset(&m->rationale);
	buf_reset(&m->rules);
	m->in_rationale = false;
	return 0;
}

static int import_lines(struct svc *s, const char *markdown, struct md_section *m, int *added,
			struct fd_error *err)
{
	const char *policy = NULL, *approved = NULL;
	for (const char *line = markdown; *line;) {
		size_t n = strcspn(line, "\n");
		char *l = arena_strndup(s->arena, line, n);
		line += n + (line[n] == '\n');
		if (n && l[n - 1] == '\r')
			l[--n] = '\0';
		if (strncmp(l, "## ", 3) == 0) {
			if (!policy)
				return fd_fail(err, FD_EINVAL,
					       "the file must start with '# Policy "
					       "name' before its '## ' sections");
			if (flush(s, policy, approved, m, added, err))
				return -1;
			buf_puts(&m->title, l + 3);
		} else if (strncmp(l, "# ", 2) == 0) {
			if (policy && flush(s, policy, approved, m, added, err))
				return -1;
			policy = arena_strdup(s->arena, l + 2);
		} else if (strncmp(l, "Approved: ", 10) == 0 && !m->title.len) {
			approved = arena_strdup(s->arena, l + 10);
		} else if (strncmp(l, "Rules: ", 7) == 0 && m->title.len) {
			buf_puts(&m->rules, l + 7);
		} else if (strncmp(l, "Rationale: ", 11) == 0 && m->title.len) {
			m->in_rationale = true;
			buf_puts(&m->rationale, l + 11);
		} else if (m->title.len) {
			struct buf *into = m->in_rationale ? &m->rationale : &m->text;
			if (into->len || *l)
				buf_printf(into, "%s%s", into->len ? "\n" : "", l);
		}
	}
	return policy ? flush(s, policy, approved, m, added, err) : 0;
}

int handbook_import(struct svc *s, const char *source, const char *markdown, size_t len, int *added,
		    struct fd_error *err)
{
	struct md_section m = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, false};
	*added = 0;
	/* The whole file before anything is written: a byte that is not UTF-8 would store a
	 * section that reads back empty and never turns up in a search. */
	if (svc_may(s, ACTION_HANDBOOK_WRITE, err) ||
	    text_check(source, markdown, len, true, err) || svc_begin(s, true, err))
		return -1;
	int rc = svc_end(s, import_lines(s, markdown, &m, added, err), err);
	buf_free(&m.title);
	buf_free(&m.text);
	buf_free(&m.rationale);
	buf_free(&m.rules);
	return rc;
}
