/* Joining the queue from a phone: taking a ticket, following it and leaving the line, each in
 * one transaction; a change leaves a queue event, so the desks and the board see it live. */
#include "service/join.h"

#include <string.h>

#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "service/branch.h"
#include "service/queue.h"
#include "store/store_visit.h"

#define ADDRESS_WINDOW_S 3600 /* the address bound counts the last hour */

static const struct input_field join_fields[] = {
	{"first_name", "First name", INPUT_TEXT, false, 0, JOIN_FIRST_NAME_MAX,
	 .offset = offsetof(struct join_input, first_name), .blank_is_empty = true},
	{"reason", "Reason for your visit", INPUT_ENUM, true, .vocab = &vocab_visit_reason,
	 .offset = offsetof(struct join_input, reason)},
	{"language", "Language", INPUT_TOKEN, false, 2, 12, "-",
	 .offset = offsetof(struct join_input, language)},
};
const struct input_table join_input_table = INPUT_TABLE(join_fields);

/* The branch of a join page's address, typed from a door sign: /join/kos is KOS's. */
static int find_branch(struct svc *s, const char *code, struct branch *out, struct fd_error *err)
{
	return svc_branch_any_case(s, code, out, err);
}

/* The branch's local date now, as a visit's local_day has it (s->arena). */
static const char *today_date(struct svc *s, const struct branch *b, struct tz_day *day)
{
	char date[11];
	tz_day(b->time_zone, s->now, day);
	timefmt_date(day->day, date);
	return arena_strdup(s->arena, date);
}

/* Whether b takes tickets now (join_open), inside the transaction. */
static int branch_of(struct svc *s, const struct branch *b, struct join_branch *out,
		     struct fd_error *err)
{
	struct branch_view bv;
	struct opening op;
	struct tz_day day;
	bool opened = false;
	if (branch_view_in_tx(s, b, &bv, err) ||
	    store_opening_get(s->store, b->id, today_date(s, b, &day), s->arena, &op, &opened, err))
		return -1;
	struct open_span span = calendar_day_span(day.start, day.end - day.start, bv.today.hours);
	*out = (struct join_branch){b->code, b->name, b->time_zone, false, bv.opens_next};
	out->open = join_open(bv.open_now, opened,
			      opened ? opening_fit(span, op.opened_at) : OPENING_IN_HOURS);
	return 0;
}

int join_branch_get(struct svc *s, const char *code, struct join_branch *out, struct fd_error *err)
{
	struct branch b;
	if (svc_begin(s, false, err))
		return -1;
	int rc = find_branch(s, code, &b, err);
	if (!rc)
		rc = branch_of(s, &b, out, err);
	return svc_end(s, rc, err);
}

/* The ticket's status from its visit, in the transaction. */
static int status_of(struct svc *s, const struct visit *v, struct join_status *out,
		     struct fd_error *err)
{
	struct branch b;
	memset(out, 0, sizeof *out);
	if (store_branch_get_by_id(s->store, v->branch_id, s->arena, &b, err) ||
	    branch_of(s, &b, &out->branch, err))
		return -1;
	ticket_label(v->channel, v->ticket, out->ticket);
	out->state = v->state;
	out->desk = v->desk;
	out->language = v->language;
	out->visit_id = v->id;
	out->ahead = -1;
	if (v->state == VISIT_WAITING)
		return queue_place_in_tx(s, &b, v->id, &out->ahead, &out->estimate_s, err);
	return 0;
}

/* The language asked for, as its catalogue's code; a refusal naming the field otherwise. */
static int language_of(const struct join_input *in, const struct join_client *c, const char **code,
		       struct fd_error *err)
{
	int lang = in->language && *in->language ? i18n_find(in->language) : c->lang;
	if (lang < 0)
		return fd_fail_field(err, "language", "%s", join_field_text("language"));
	*code = i18n_code(lang);
	return 0;
}

/* Does the device hold a ticket at b still in play (join_stage)? Its tickets of the last day
 * are looked at: the device is forgotten after that (retention_purge). */
static int device_holds(struct svc *s, const struct branch *b, const char *device_hash, bool *held,
			struct fd_error *err)
{
	enum visit_state *states;
	size_t n;
	*held = false;
	if (store_join_device_states(s->store, b->id, device_hash, s->now - JOIN_DEVICE_KEPT_S,
				     s->arena, &states, &n, err))
		return -1;
	for (size_t i = 0; i < n && !*held; i++)
		*held = join_stage(states[i]) != JOIN_STAGE_OVER;
	return 0;
}

/* The bounds, judged inside the branch's lock so two tabs cannot both pass. address is the
 * client's group (svc_address_group): an IPv6 /64 is one address here. */
static int bounds(struct svc *s, const struct branch *b, const struct join_branch *jb,
		  const char *device_hash, const char *address, struct fd_error *err)
{
	int64_t recent = 0;
	bool held = false;
	if (device_holds(s, b, device_hash, &held, err) ||
	    store_join_address_count(s->store, b->id, address, s->now - ADDRESS_WINDOW_S, &recent,
				     err))
		return -1;
	struct join_facts f = {jb->open, held, recent,
			       s->config ? s->config->join_per_address_per_hour : 6};
	enum join_refusal why = join_check(&f);
	if (why == JOIN_OK)
		return 0;
	int rc = fd_fail(err, why == JOIN_ADDRESS_BUSY ? FD_ETHROTTLE : FD_ECONFLICT, "%s",
			 join_refusal_words(why));
	err->retry_after_s = why == JOIN_ADDRESS_BUSY ? 600 : 0;
	return rc;
}

int join_take(struct svc *s, const char *branch, const struct join_input *in,
	      const struct join_client *c, const char **secret, struct join_status *out,
	      struct fd_error *err)
{
	struct branch b;
	struct join_branch jb;
	struct visit v = {0};
	struct tz_day day;
	if (in->reason <= REASON_NONE || in->reason > REASON_PUBLIC_LAST)
		return fd_fail_field(err, "reason", "%s", join_field_text("reason"));
	/* The device's bound holds only for a device that keeps the cookie its join page set. */
	if (!c->device || !*c->device)
		return fd_fail(err, FD_EINVAL, "%s",
			       N_("This phone's browser did not keep our cookie."));
	if (language_of(in, c, &v.language, err) || svc_begin(s, true, err))
		return -1;
	const char *device_hash = svc_secret_hash(s, c->device);
	const char *address = svc_address_group(s, s->client);
	int rc;
	if ((rc = find_branch(s, branch, &b, err)) != 0 ||
	    (rc = store_branch_lock(s->store, b.id, err)) != 0 ||
	    (rc = branch_of(s, &b, &jb, err)) != 0 ||
	    (rc = bounds(s, &b, &jb, device_hash, address, err)) != 0)
		goto out;
	/* In the building: an in-person visit, in line with the walk-ins (CS-INPERSON). */
	v.branch_id = b.id;
	v.channel = CHANNEL_IN_PERSON;
	v.joined = JOINED_PHONE;
	v.first_name = in->first_name && *in->first_name ? in->first_name : NULL;
	v.reason = in->reason;
	v.note = "";
	v.arrived_at = s->now;
	v.local_day = today_date(s, &b, &day);
	*secret = svc_secret_new(s);
	if ((rc = store_visit_insert(s->store, &v, err)) != 0 ||
	    (rc = store_join_insert(s->store, svc_secret_hash(s, *secret), v.id, b.id, device_hash,
				    address, s->now, err)) != 0 ||
	    (rc = store_event_append(s->store, b.id, "visit.created", v.id, s->now, err)) != 0 ||
	    (rc = store_visit_get(s->store, v.id, s->arena, &v, err)) != 0)
		goto out;
	rc = status_of(s, &v, out, err);
out:
	return svc_end(s, rc, err);
}

/* The visit of the ticket with this secret. */
static int visit_of(struct svc *s, const char *secret, struct visit *v, struct fd_error *err)
{
	int64_t id;
	if (!secret || strlen(secret) > 64)
		return fd_fail(err, FD_ENOTFOUND, "no such ticket");
	if (store_join_find(s->store, svc_secret_hash(s, secret), &id, err))
		return -1;
	return store_visit_get(s->store, id, s->arena, v, err);
}

int join_status_get(struct svc *s, const char *secret, struct join_status *out,
		    struct fd_error *err)
{
	struct visit v = {0};
	if (svc_begin(s, false, err))
		return -1;
	int rc = visit_of(s, secret, &v, err);
	if (!rc)
		rc = status_of(s, &v, out, err);
	return svc_end(s, rc, err);
}

int join_leave(struct svc *s, const char *secret, struct join_status *out, struct fd_error *err)
{
	struct visit v = {0};
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = visit_of(s, secret, &v, err)) != 0 ||
	    (rc = store_branch_lock(s->store, v.branch_id, err)) != 0 ||
	    (rc = store_visit_get(s->store, v.id, s->arena, &v, err)) != 0)
		goto out;
	if (join_stage(v.state) != JOIN_STAGE_IN_LINE) {
		rc = fd_fail(err, FD_ECONFLICT, "%s",
			     join_stage(v.state) == JOIN_STAGE_CALLED
				     ? N_("You are being served already.")
				     : N_("This ticket is no longer in the line."));
		goto out;
	}
	/* Neither served nor a no-show: the reports count neither (state left). */
	v.state = VISIT_LEFT;
	v.finished_at = s->now;
	if ((rc = store_visit_update(s->store, &v, err)) != 0 ||
	    (rc = store_event_append(s->store, v.branch_id, "visit.left", v.id, s->now, err)) != 0)
		goto out;
	rc = status_of(s, &v, out, err);
out:
	return svc_end(s, rc, err);
}
