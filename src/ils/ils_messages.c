/* The SIP2 requests the desk makes and their answers read into plain structs: SC Status (99/98),
 * Patron Status (23/24), Patron Information (63/64), Item Information (17/18), Renew (29/30)
 * and Renew All (65/66); field tags and fixed parts as the 3M SIP2 guide gives them. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ils/ils.h"
#include "ils/ils_call.h"

const char *ils_block_label(enum ils_block b)
{
	static const char *labels[ILS_BLOCK__MAX] = {
		[ILS_BLOCK_CHARGE] = "May not borrow",
		[ILS_BLOCK_RENEWAL] = "May not renew",
		[ILS_BLOCK_RECALL] = "May not recall",
		[ILS_BLOCK_HOLD] = "May not place holds",
		[ILS_BLOCK_CARD_LOST] = "Card reported lost",
		[ILS_BLOCK_TOO_MANY_CHARGED] = "Too many items out",
		[ILS_BLOCK_TOO_MANY_OVERDUE] = "Too many items overdue",
		[ILS_BLOCK_TOO_MANY_RENEWALS] = "Too many renewals",
		[ILS_BLOCK_TOO_MANY_CLAIMS] = "Too many items claimed returned",
		[ILS_BLOCK_TOO_MANY_LOST] = "Too many items lost",
		[ILS_BLOCK_EXCESSIVE_FINES] = "Owes too much in fines",
		[ILS_BLOCK_EXCESSIVE_FEES] = "Owes too much in fees",
		[ILS_BLOCK_RECALL_OVERDUE] = "A recalled item is overdue",
		[ILS_BLOCK_TOO_MANY_BILLED] = "Too many items billed",
	};
	return b < ILS_BLOCK__MAX ? labels[b] : "Blocked";
}

/* BX's 16 positions, in the protocol's order. */
static const char *const supported_names[16] = {
	"patron status",
	"checkout",
	"checkin",
	"block patron",
	"SC/ACS status",
	"request resend",
	"login",
	"patron information",
	"end patron session",
	"fee paid",
	"item information",
	"item status update",
	"patron enable",
	"hold",
	"renew",
	"renew all",
};

static const char *zone(struct ils *ils)
{
	return ils_settings_of(ils)->time_zone;
}

static void date_now(struct ils *ils, char out[19])
{
	sip2_date(out, (int64_t)time(NULL), zone(ils));
}

/* AO, and the terminal password AC where a request carries it. */
static const char *institution(struct ils *ils)
{
	return ils_settings_of(ils)->institution;
}
static const char *terminal_password(struct ils *ils)
{
	return ils_settings_of(ils)->terminal_password;
}

/* A card or item id goes into a field as typed; one the field cannot hold is refused. */
static int id_field(struct buf *b, const char *tag, const char *id, const char *what,
		    struct fd_error *err)
{
	if (!id || !*id)
		return fd_fail_field(err, what, "the %s is missing", what);
	if (strpbrk(id, "|\r\n"))
		return fd_fail_field(err, what, "a %s cannot hold \"|\" or a line break", what);
	return sip2_field(b, tag, id, err);
}

static bool flag(const char *fixed, int i)
{
	return fixed[i] == 'Y';
}

static int count_at(const char *fixed, int at)
{
	char n[5];
	memcpy(n, fixed + at, 4);
	n[4] = '\0';
	return atoi(n);
}

static size_t messages(const struct sip2_msg *m, struct arena *a, char ***out)
{
	return sip2_get_all(m, a, "AF", out);
}

int ils_sc_status(struct ils *ils, struct arena *a, int64_t deadline_ms, struct ils_acs_status *out,
		  struct fd_error *err)
{
	struct buf req = BUF_INIT;
	struct sip2_msg m;
	memset(out, 0, sizeof *out);
	sip2_begin(&req, "9900802.00"); /* status ok, 80 columns of printer, protocol 2.00 */
	int rc = ils_call(ils, &req, true, deadline_ms, a, "98", &m, err);
	buf_free(&req);
	if (rc)
		return rc;
	const char *f = m.fixed;
	out->online = flag(f, 0);
	out->checkin_ok = flag(f, 1);
	out->checkout_ok = flag(f, 2);
	out->renewal_policy = flag(f, 3);
	out->status_update_ok = flag(f, 4);
	out->offline_ok = flag(f, 5);
	out->timeout_tenths = atoi(arena_strndup(a, f + 6, 3));
	out->retries = atoi(arena_strndup(a, f + 9, 3));
	out->date_time = arena_strndup(a, f + 12, 18);
	out->protocol = arena_strndup(a, f + 30, 4);
	out->institution = (char *)sip2_get(&m, "AO");
	out->library_name = (char *)sip2_get(&m, "AM");
	out->terminal_location = (char *)sip2_get(&m, "AN");
	out->supported = (char *)sip2_get(&m, "BX");
	size_t k = 0;
	for (size_t i = 0; out->supported && i < 16 && out->supported[i]; i++)
		if (out->supported[i] == 'Y')
			out->supported_names[k++] = supported_names[i];
	out->supported_names[k] = NULL; /* k <= 16: the array holds 17 */
	out->nmessages = messages(&m, a, &out->messages);
	return 0;
}

/* 24's and 64's common part: the 14 status flags, then the fields both have. */
static void read_patron(const struct sip2_msg *m, struct arena *a, struct ils_patron *out)
{
	for (int i = 0; i < ILS_BLOCK__MAX; i++)
		if (flag(m->fixed, i))
			out->blocks |= 1u << i;
	out->name = (char *)sip2_get(m, "AE");
	const char *bl = sip2_get(m, "BL");
	/* An ILS that leaves out BL (valid patron) knows the card when it names its holder. */
	out->known = bl ? bl[0] == 'Y' : out->name && *out->name;
	const char *cq = sip2_get(m, "CQ");
	out->password_ok = cq && cq[0] == 'Y';
	out->fines = (char *)sip2_get(m, "BV");
	out->currency = (char *)sip2_get(m, "BH");
	out->nmessages = messages(m, a, &out->messages);
}

static void patron_request(struct ils *ils, struct buf *req, const char *code)
{
	char date[19];
	date_now(ils, date);
	sip2_begin(req, code);
	buf_puts(req, "000"); /* language: unknown, the ILS's own */
	buf_puts(req, date);
}

int ils_patron_status(struct ils *ils, struct arena *a, const char *card, int64_t deadline_ms,
		      struct ils_patron *out, struct fd_error *err)
{
	struct buf req = BUF_INIT;
	struct sip2_msg m;
	memset(out, 0, sizeof *out);
	patron_request(ils, &req, "23");
	int rc = -1;
	if (sip2_field(&req, "AO", institution(ils), err) ||
	    id_field(&req, "AA", card, "card", err) ||
	    sip2_field(&req, "AC", terminal_password(ils), err) || sip2_field(&req, "AD", "", err))
		goto out;
	if ((rc = ils_call(ils, &req, true, deadline_ms, a, "24", &m, err)) == 0)
		read_patron(&m, a, out);
out:
	buf_free(&req);
	return rc;
}

int ils_patron(struct ils *ils, struct arena *a, const char *card, enum ils_list list,
	       int64_t deadline_ms, struct ils_patron *out, struct fd_error *err)
{
	/* The summary's positions, and the field each list comes back in. */
	static const char *list_tag[ILS_LIST__MAX] = {
		[ILS_LIST_HOLDS] = "AS",   [ILS_LIST_OVERDUE] = "AT",
		[ILS_LIST_CHARGED] = "AU", [ILS_LIST_FINES] = "AV",
		[ILS_LIST_RECALLS] = "BU", [ILS_LIST_UNAVAILABLE_HOLDS] = "CD",
	};
	struct buf req = BUF_INIT;
	struct sip2_msg m;
	memset(out, 0, sizeof *out);
	patron_request(ils, &req, "63");
	char summary[11] = "          ";
	if (list > ILS_LIST_NONE && list < ILS_LIST__MAX)
		summary[list - 1] = 'Y';
	buf_puts(&req, summary);
	int rc = -1;
	if (sip2_field(&req, "AO", institution(ils), err) ||
	    id_field(&req, "AA", card, "card", err) ||
	    sip2_field(&req, "AC", terminal_password(ils), err) || sip2_field(&req, "AD", "", err))
		goto out;
	if (list > ILS_LIST_NONE && list < ILS_LIST__MAX) { /* the first hundred of the list */
		sip2_field(&req, "BP", "1", err);
		sip2_field(&req, "BQ", "100", err);
	}
	if ((rc = ils_call(ils, &req, true, deadline_ms, a, "64", &m, err)))
		goto out;
	read_patron(&m, a, out);
	out->holds_ready = count_at(m.fixed, 35);
	out->overdue = count_at(m.fixed, 39);
	out->charged = count_at(m.fixed, 43);
	out->fine_items = count_at(m.fixed, 47);
	out->recalls = count_at(m.fixed, 51);
	out->unavailable_holds = count_at(m.fixed, 55);
	if (list > ILS_LIST_NONE && list < ILS_LIST__MAX)
		out->nitems = sip2_get_all(&m, a, list_tag[list], &out->items);
out:
	buf_free(&req);
	return rc;
}

int ils_item(struct ils *ils, struct arena *a, const char *item_id, int64_t deadline_ms,
	     struct ils_item *out, struct fd_error *err)
{
	struct buf req = BUF_INIT;
	struct sip2_msg m;
	char date[19];
	memset(out, 0, sizeof *out);
	date_now(ils, date);
	sip2_begin(&req, "17");
	buf_puts(&req, date);
	int rc = -1;
	if (sip2_field(&req, "AO", institution(ils), err) ||
	    id_field(&req, "AB", item_id, "item", err) ||
	    sip2_field(&req, "AC", terminal_password(ils), err))
		goto out;
	if ((rc = ils_call(ils, &req, true, deadline_ms, a, "18", &m, err)))
		goto out;
	out->circulation = atoi(arena_strndup(a, m.fixed, 2));
	out->id = (char *)sip2_get(&m, "AB");
	out->title = (char *)sip2_get(&m, "AJ");
	out->due = (char *)sip2_get(&m, "AH");
	out->due_at = sip2_date_parse(out->due, zone(ils));
	const char *cf = sip2_get(&m, "CF");
	out->hold_queue = cf && *cf ? atoi(cf) : -1;
	out->location = (char *)sip2_get(&m, "AP");
	out->nmessages = messages(&m, a, &out->messages);
out:
	buf_free(&req);
	return rc;
}

int ils_renew(struct ils *ils, struct arena *a, const char *card, const char *item_id,
	      int64_t deadline_ms, struct ils_renewal *out, struct fd_error *err)
{
	struct buf req = BUF_INIT;
	struct sip2_msg m;
	char date[19];
	memset(out, 0, sizeof *out);
	date_now(ils, date);
	sip2_begin(&req, "29NN"); /* no third party, no "renew even when blocked" */
	buf_puts(&req, date);
	buf_puts(&req, "                  "); /* no due date asked for: the ILS's own */
	int rc = -1;
	if (sip2_field(&req, "AO", institution(ils), err) ||
	    id_field(&req, "AA", card, "card", err) || id_field(&req, "AB", item_id, "item", err) ||
	    sip2_field(&req, "AC", terminal_password(ils), err))
		goto out;
	/* A renewal is not sent twice: when its answer is lost, the desk looks first. */
	if ((rc = ils_call(ils, &req, false, deadline_ms, a, "30", &m, err)))
		goto out;
	out->renewed = m.fixed[0] == '1' && m.fixed[1] == 'Y';
	out->item = (char *)sip2_get(&m, "AB");
	if (!out->item)
		out->item = arena_strdup(a, item_id);
	out->title = (char *)sip2_get(&m, "AJ");
	out->due = (char *)sip2_get(&m, "AH");
	out->due_at = sip2_date_parse(out->due, zone(ils));
	out->nmessages = messages(&m, a, &out->messages);
out:
	buf_free(&req);
	return rc;
}

/* Renew All refused for the card as a whole ("66 0", no BM/BN): a blocked or unknown card.
 * The ILS's screen messages say why, for the desk to read to the caller (CS-ALT). */
static int refused_whole(char **why, size_t nwhy, struct fd_error *err)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < nwhy; i++)
		if (*why[i])
			buf_printf(&b, "%s%s", b.len ? " " : "", why[i]);
	int rc = b.len ? fd_fail(err, FD_ECONFLICT,
				 "The library catalogue renewed nothing on this card: %s",
				 buf_str(&b))
		       : fd_fail(err, FD_ECONFLICT,
				 "The library catalogue renewed nothing on this card, and did not "
				 "say why.");
	buf_free(&b);
	return rc;
}

int ils_renew_all(struct ils *ils, struct arena *a, const char *card, int64_t deadline_ms,
		  struct ils_renewal **out, size_t *n, struct fd_error *err)
{
	struct buf req = BUF_INIT;
	struct sip2_msg m;
	char date[19];
	*out = NULL;
	*n = 0;
	date_now(ils, date);
	sip2_begin(&req, "65");
	buf_puts(&req, date);
	int rc = -1;
	if (sip2_field(&req, "AO", institution(ils), err) ||
	    id_field(&req, "AA", card, "card", err) || sip2_field(&req, "AD", "", err) ||
	    sip2_field(&req, "AC", terminal_password(ils), err))
		goto out;
	if ((rc = ils_call(ils, &req, false, deadline_ms, a, "66", &m, err)))
		goto out;
	char **renewed, **refused, **why;
	size_t nrenewed = sip2_get_all(&m, a, "BM", &renewed);
	size_t nrefused = sip2_get_all(&m, a, "BN", &refused);
	size_t nwhy = messages(&m, a, &why);
	if (m.fixed[0] != '1' && nrenewed + nrefused == 0) {
		rc = refused_whole(why, nwhy, err);
		goto out;
	}
	*out = arena_alloc(a, (nrenewed + nrefused + 1) * sizeof **out);
	for (size_t i = 0; i < nrenewed; i++) {
		struct ils_renewal *r = &(*out)[(*n)++];
		r->item = renewed[i];
		r->renewed = true;
	}
	for (size_t i = 0; i < nrefused; i++) {
		struct ils_renewal *r = &(*out)[(*n)++];
		r->item = refused[i];
		r->messages = why;
		r->nmessages = nwhy;
	}
out:
	buf_free(&req);
	return rc;
}
