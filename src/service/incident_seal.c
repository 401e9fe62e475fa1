/* The public verify page's check of a signed report, which says nothing of the report's content
 * (CS-CONFIDENTIAL): its check code first, then incident_verify as `frontdesk incident verify`. */
#include "service/incident_seal.h"

#include <string.h>

#include "base/ed25519.h"
#include "service/incident.h"

/* Inside a transaction: id's branch and signer when check_code is its signature's. */
static int sealed(struct svc *s, int64_t id, const char *check_code, struct incident_seal *out,
		  struct fd_error *err)
{
	struct incident i;
	struct branch b;
	if (store_incident_get(s->store, id, s->arena, &i, err) && err->code != FD_ENOTFOUND)
		return -1;
	const char *code = !err->code && i.signed_at && i.signature
				   ? ed25519_check_code(s->arena, i.signature)
				   : NULL;
	/* Compared in constant time: how long a wrong code took says nothing of the right one. */
	if (!code || strlen(check_code) != strlen(code) ||
	    sodium_memcmp(code, check_code, strlen(code)) != 0) {
		/* One answer for every miss: no id is told from a wrong code. */
		fd_error_clear(err);
		return fd_fail(err, FD_ENOTFOUND, "No signed report matches this code.");
	}
	if (store_branch_get_by_id(s->store, i.branch_id, s->arena, &b, err))
		return -1;
	*out = (struct incident_seal){.id = id,
				      .branch_name = b.name,
				      .signed_name = i.signed_name,
				      .time_zone = b.time_zone,
				      .signed_at = i.signed_at};
	/* Not audited: the page reads nothing of the report's content, and anyone may open it
	 * as often as they like, so an entry per visit would only grow the log. */
	return 0;
}

/* What changed, without the values it changed from or to (CS-CONFIDENTIAL): a check's sentence
 * ("report: What happened: signed as \"...\", now \"...\"") cut where the first value
 * starts, which leaves the part it names ("report: What happened"). */
static const char *what_changed(struct svc *s, const char *problem)
{
	static const char *const value_starts[] = {"\"",    " signed as", " is ",	   " was ",
						   " now ", " holds ",	  " the audit log"};
	size_t n = strlen(problem);
	for (size_t k = 0; k < sizeof value_starts / sizeof *value_starts; k++) {
		const char *at = strstr(problem, value_starts[k]);
		if (at && (size_t)(at - problem) < n)
			n = (size_t)(at - problem);
	}
	while (n && strchr(" :,", problem[n - 1]))
		n--;
	return n ? arena_strndup(s->arena, problem, n) : "the report";
}

int incident_verify_public(struct svc *s, int64_t id, const char *check_code,
			   struct incident_seal *out, struct fd_error *err)
{
	/* Whoever holds the paper reads as nobody, even when someone is logged in here. */
	struct svc anyone = *s;
	anyone.actor = NULL;
	memset(out, 0, sizeof *out);
	if (svc_begin(&anyone, false, err))
		return -1;
	if (svc_end(&anyone, sealed(&anyone, id, check_code, out, err), err) ||
	    incident_verify(&anyone, id, &out->check, err))
		return -1;
	/* Two changes to one part read once. */
	size_t n = 0;
	for (size_t k = 0; k < out->check.nproblems; k++) {
		const char *w = what_changed(s, out->check.problems[k]);
		bool again = false;
		for (size_t j = 0; j < n; j++)
			again |= strcmp(out->check.problems[j], w) == 0;
		if (!again)
			out->check.problems[n++] = w;
	}
	out->check.nproblems = n;
	return 0;
}
