/* Fetching the person in charge (see fetch.h). */
#include "service/fetch.h"

#include <string.h>

#include "service/duty.h"
#include "service/outbox.h"
#include "store/store_branch.h"
#include "store/store_visit.h"

#define IN(member) .offset = offsetof(struct fetch_input, member)
static const struct input_field fetch_fields[] = {
	{"about", "What it is about", INPUT_ENUM, false, .vocab = &vocab_fetch_about, IN(about)},
	{"note", "Note", INPUT_TEXT, false, 0, 500, IN(note)},
};
const struct input_table fetch_input_table = INPUT_TABLE(fetch_fields);

/* in was read through fetch_input_table. */
int fetch_add(struct svc *s, const char *branch, const struct fetch_input *in, struct fetch *out,
	      struct warnings *w, struct fd_error *err)
{
	struct branch b;
	struct in_charge_view ic;
	const char *about = fetch_about_name(in->about < FETCH__MAX ? in->about : FETCH_OTHER);
	const char *note = in->note;
	if (!s->actor)
		return fd_fail(err, FD_EINVAL,
			       "the person in charge is fetched by someone at the desk");
	if (!branch)
		return fd_fail_field(err, "branch", "Say which branch.");
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = svc_branch(s, branch, &b, err)) != 0 ||
	    (rc = svc_may_at(s, ACTION_FETCH, b.id, err)) != 0 ||
	    (rc = duty_require_at(s, &b, false, err)) != 0 ||
	    (rc = duty_in_charge_in_tx(s, b.id, &ic, err)) != 0)
		goto out;
	if (ic.staff && ic.staff->id == s->actor->id) {
		rc = fd_fail(err, FD_ECONFLICT,
			     "You are the person in charge here: take it "
			     "yourself.");
		goto out;
	}
	struct fetch f = {.branch_id = b.id,
			  .asked_by_id = s->actor->id,
			  .asked_at = s->now,
			  .to_id = ic.staff ? ic.staff->id : 0,
			  .about = about,
			  .note = note};
	if ((rc = store_fetch_insert(s->store, &f, err)) != 0 ||
	    (rc = store_event_append(s->store, b.id, "fetch", 0, s->now, err)) != 0)
		goto out;
	/* Nobody is in charge: Headquarters is, and hears of it now. */
	if (!ic.staff &&
	    (rc = outbox_notify_hq(
		     s, ROLE_BRANCH_SERVICES_COORDINATOR, "CS-DIFFICULT",
		     arena_printf(s->arena, "%s needs someone in charge", b.name),
		     arena_printf(s->arena,
				  "%s (%s) at %s asks for the person in charge (about: %s), and "
				  "nobody in charge is on duty there.\n\n%s\n\nCall the branch: "
				  "%s\n",
				  s->actor->name, role_label(s->actor->role), b.name, about,
				  note && *note ? note : "",
				  b.phone && *b.phone ? b.phone : b.name),
		     "fetch", f.id, w, err)) != 0)
		goto out;
	rc = store_fetch_get(s->store, f.id, s->arena, out, err);
out:
	return svc_end(s, rc, err);
}

int fetch_list_open(struct svc *s, const char *branch, struct fetch **out, size_t *n,
		    struct fd_error *err)
{
	struct branch b;
	*n = 0;
	if (svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, branch, &b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_QUEUE_WORK, b.id, err);
	if (!rc)
		rc = store_fetch_list_open(s->store, b.id, s->arena, out, n, err);
	return svc_end(s, rc, err);
}

int fetch_answer(struct svc *s, int64_t id, struct fetch *out, struct fd_error *err)
{
	struct branch b;
	struct difficult_verdict v;
	struct in_charge_view ic;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	/* Only someone who may take the case answers: CS-DIFFICULT. */
	if ((rc = store_fetch_get(s->store, id, s->arena, out, err)) != 0 ||
	    (rc = store_branch_get_by_id(s->store, out->branch_id, s->arena, &b, err)) != 0 ||
	    (rc = duty_difficult_gate_in_tx(s, &b, &v, &ic, err)) != 0)
		goto out;
	if ((rc = store_fetch_answer(s->store, id, s->actor ? s->actor->id : 0, s->now, err)) !=
		    0 ||
	    (rc = store_event_append(s->store, b.id, "fetch.answered", 0, s->now, err)) != 0)
		goto out;
	rc = store_fetch_get(s->store, id, s->arena, out, err);
out:
	return svc_end(s, rc, err);
}
