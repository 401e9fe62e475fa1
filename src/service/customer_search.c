/* Customer search: the typed text read as name words, a card's start and a phone's digits,
 * each result's read audited in the one transaction that finds it (CS-CONFIDENTIAL). */
#include "service/customer_search.h"

#include <ctype.h>
#include <string.h>

#include "service/ban.h"
#include "service/customer_link.h"
#include "service/restriction.h"

/* text lower-cased with LIKE's own characters escaped by a backslash, from a. */
static char *like_lower(struct arena *a, const char *text, size_t len)
{
	char *out = arena_alloc(a, 2 * len + 1), *p = out;
	for (size_t i = 0; i < len; i++) {
		char c = (char)tolower((unsigned char)text[i]);
		if (c == '%' || c == '_' || c == '\\')
			*p++ = '\\';
		*p++ = c;
	}
	*p = '\0';
	return out;
}

/* The phone digits of text if it is a phone number being typed (digits and the usual
 * punctuation, at least three digits), else "". */
static const char *phone_digits(struct arena *a, const char *text)
{
	char *out = arena_alloc(a, strlen(text) + 1), *p = out;
	for (const char *t = text; *t; t++) {
		if (isdigit((unsigned char)*t))
			*p++ = *t;
		else if (!strchr(" -().+", *t))
			return "";
	}
	*p = '\0';
	return p - out >= 3 ? out : "";
}

/* The start of a card if text is one (letters and digits only), else "". */
static const char *card_start(struct arena *a, const char *text)
{
	for (const char *t = text; *t; t++)
		if (!isalnum((unsigned char)*t))
			return "";
	return like_lower(a, text, strlen(text));
}

static void query_from_text(struct arena *a, const char *text, struct customer_query *q)
{
	size_t k = 0;
	q->words[0] = q->words[1] = q->words[2] = "";
	for (const char *t = text; *t && k < 3;) {
		t += strspn(t, " \t");
		size_t len = strcspn(t, " \t");
		if (len == 0)
			break;
		/* A fourth word and after join the third: the name still has to read so. */
		if (k == 2)
			len = strlen(t);
		q->words[k++] = like_lower(a, t, len);
		t += len;
	}
	q->card = card_start(a, text);
	q->phone_digits = phone_digits(a, text);
}

int customer_search(struct svc *s, const char *text, struct customer **out, size_t *n,
		    struct customer_bans *bans, struct fd_error *err)
{
	struct customer_query q;
	*out = NULL;
	*n = 0;
	bans->list = NULL;
	bans->n = 0;
	if (svc_may(s, ACTION_CUSTOMER_READ, err))
		return -1;
	if (!text || text[strspn(text, " \t")] == '\0')
		return fd_fail_field(err, "q", "type a name, a card number or a phone number");
	if (strlen(text) > CUSTOMER_QUERY_MAX)
		return fd_fail_field(err, "q", "a search is at most %d characters",
				     CUSTOMER_QUERY_MAX);
	query_from_text(s->arena, text + strspn(text, " \t"), &q);
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_customer_search(s->store, &q, s->arena, out, n, err);
	/* Each name and card shown is a read of that record. */
	for (size_t i = 0; i < *n && !rc; i++)
		rc = customer_audit_append(s, "found by search", (*out)[i].card, err);
	/* A ban issued at any branch is known wherever its customer is looked up. */
	if (!rc && *n)
		rc = ban_list_in_force_in_tx(s, &bans->list, &bans->n, err);
	return svc_end(s, rc, err);
}

int customer_get_id(struct svc *s, int64_t id, struct customer *out,
		    struct restriction_view **active, size_t *nactive, struct fd_error *err)
{
	if (svc_may(s, ACTION_CUSTOMER_READ, err) || svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_customer_get_id(s->store, id, s->arena, out, err)) == 0)
		rc = customer_audit_append(s, "read", out->card, err);
	if (!rc && active)
		rc = restriction_active_in_tx(s, out->id, active, nactive, err);
	return svc_end(s, rc, err);
}
