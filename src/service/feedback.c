/* "How was your visit today?" (see feedback.h): links, the kiosk, one answer per visit, and a
 * contact request passed to the Branch Manager through the outbox. */
#include "service/feedback.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/queue.h"
#include "service/kiosk.h"
#include "service/outbox.h"
#include "store/store_complaint.h"
#include "store/store_kiosk.h"
#include "store/store_visit.h"

/* The customer's words for each field, fixed sentences so the page can translate them. */
#define SAY_TRIES N_("Too many tries just now. Please wait a minute, or ask at the desk.")

#define IN(member) .offset = offsetof(struct feedback_input, member)
#define ANSWER_FIELDS                                                                              \
	{"score", "How was your visit", INPUT_INT, false, 0, FEEDBACK_SCORE_MAX, IN(score)},       \
		{"comment",   "Comment",                                                           \
		 INPUT_LINES, false,                                                               \
		 0,	      FEEDBACK_COMMENT_MAX,                                                \
		 IN(comment), .blank_is_empty = true},                                             \
		{"contact_wanted", "Contact me", INPUT_BOOL, false, IN(contact_wanted)},           \
		{"contact_name",   "Your name",		  INPUT_TEXT, false, 0, 100,               \
		 IN(contact_name), .blank_is_empty = true},                                        \
	{                                                                                          \
		"contact", "Phone or email", INPUT_TEXT, false, 0, 200, IN(contact),               \
			.blank_is_empty = true                                                     \
	}
#define TICKET_FIELD                                                                               \
	{                                                                                          \
		"ticket", "Ticket number", INPUT_TEXT, true, 1, 8, IN(ticket)                      \
	}

static const struct input_field feedback_fields[] = {ANSWER_FIELDS};
const struct input_table feedback_input_table = INPUT_TABLE(feedback_fields);
static const struct input_field kiosk_fields[] = {ANSWER_FIELDS, TICKET_FIELD};
const struct input_table kiosk_input_table = INPUT_TABLE(kiosk_fields);
static const struct input_field kiosk_ticket_fields[] = {TICKET_FIELD};
const struct input_table kiosk_ticket_table = INPUT_TABLE(kiosk_ticket_fields);
const struct input_table feedback_card_table = INPUT_TABLE(kiosk_ticket_fields);

/* A refused field, in the customer's words for it. */
static int refuse_field(struct fd_error *err, const char *field)
{
	return fd_fail_field(err, field, "%s", feedback_field_text(field));
}

/* The visit, its branch and whether it may be answered for now (kiosk: its shorter window). */
static int visit_facts(struct svc *s, int64_t visit_id, bool kiosk, struct visit *v,
		       struct branch *b, struct feedback_visit *out, struct fd_error *err)
{
	bool answered = false;
	memset(out, 0, sizeof *out);
	if (store_visit_get(s->store, visit_id, s->arena, v, err) ||
	    store_branch_get_by_id(s->store, v->branch_id, s->arena, b, err) ||
	    store_feedback_by_visit(s->store, visit_id, s->arena, &out->given, &answered, err))
		return -1;
	struct feedback_facts f = {v->state, v->finished_at, answered};
	out->branch_code = b->code;
	out->branch_name = b->name;
	out->ticket = v->ticket;
	out->refusal =
		kiosk ? feedback_kiosk_may_answer(&f, s->now) : feedback_may_answer(&f, s->now);
	return 0;
}

static int refused(const struct feedback_visit *v, struct fd_error *err)
{
	return v->refusal == FEEDBACK_OK
		       ? 0
		       : fd_fail(err, FD_ECONFLICT, "%s", feedback_refusal_text(v->refusal));
}

/* Inside a write transaction: a new link for the visit, given through channel (its answer
 * counts there, whatever the answering browser says); *secret in s->arena. */
static int link_in_tx(struct svc *s, int64_t visit_id, enum feedback_channel channel,
		      const char **secret, struct fd_error *err)
{
	*secret = svc_secret_new(s);
	return store_feedback_link_insert(s->store, svc_secret_hash(s, *secret), visit_id, channel,
					  s->now, err);
}

/* The visit of the phone ticket whose page's secret is ticket_secret; an unknown one is
 * "no such ticket", whatever it looks like. */
static int phone_ticket_visit(struct svc *s, const char *ticket_secret, int64_t *visit_id,
			      struct fd_error *err)
{
	if (!ticket_secret || strlen(ticket_secret) > 64)
		return fd_fail(err, FD_ENOTFOUND, "%s", N_("There is no ticket at this address."));
	return store_join_find(s->store, svc_secret_hash(s, ticket_secret), visit_id, err);
}

int feedback_link_for_ticket_holder(struct svc *s, const char *ticket_secret, const char **secret,
				    struct fd_error *err)
{
	struct visit v = {0};
	struct branch b = {0};
	struct feedback_visit fv;
	int64_t visit_id = 0;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = phone_ticket_visit(s, ticket_secret, &visit_id, err)) == 0 &&
	    (rc = visit_facts(s, visit_id, false, &v, &b, &fv, err)) == 0 &&
	    (rc = refused(&fv, err)) == 0)
		rc = link_in_tx(s, visit_id, FEEDBACK_JOIN, secret, err);
	return svc_end(s, rc, err);
}

int feedback_of_ticket_holder(struct svc *s, const char *ticket_secret, struct feedback_visit *out,
			      struct fd_error *err)
{
	struct visit v = {0};
	struct branch b = {0};
	int64_t visit_id = 0;
	memset(out, 0, sizeof *out);
	if (svc_begin(s, false, err))
		return -1;
	int rc = phone_ticket_visit(s, ticket_secret, &visit_id, err);
	if (!rc)
		rc = visit_facts(s, visit_id, false, &v, &b, out, err);
	return svc_end(s, rc, err);
}

/* The link's visit and where the link was given; an unknown secret is "no such page",
 * whatever it looks like. */
static int link_visit(struct svc *s, const char *secret, int64_t *visit_id,
		      enum feedback_channel *channel, struct fd_error *err)
{
	if (!secret || strlen(secret) > 64 ||
	    store_feedback_link_find(s->store, svc_secret_hash(s, secret), visit_id, channel,
				     err)) {
		if (err->code == FD_EINTERNAL || err->code == FD_EUNAVAILABLE)
			return -1;
		fd_error_clear(err);
		return fd_fail(err, FD_ENOTFOUND, "%s",
			       N_("There is no visit to answer for at this address."));
	}
	return 0;
}

int feedback_open(struct svc *s, const char *secret, struct feedback_visit *out,
		  struct fd_error *err)
{
	struct visit v = {0};
	struct branch b = {0};
	int64_t visit_id = 0;
	enum feedback_channel channel;
	memset(out, 0, sizeof *out);
	if (svc_begin(s, false, err))
		return -1;
	int rc = link_visit(s, secret, &visit_id, &channel, err);
	if (!rc)
		rc = visit_facts(s, visit_id, false, &v, &b, out, err);
	return svc_end(s, rc, err);
}

/* A phone number or an email address: whichever it looks like. */
static bool contact_ok(const char *c)
{
	struct fd_error e = {0};
	if (strchr(c, '@'))
		return input_check_email("contact", "contact", c, &e) == 0;
	size_t digits = 0;
	for (const char *p = c; *p; p++)
		digits += *p >= '0' && *p <= '9';
	return digits >= 7 && input_check_phone("contact", "contact", c, &e) == 0;
}

/* The answer's own checks, each naming its field in the customer's words. */
static int check_answer(const struct feedback_input *in, struct fd_error *err)
{
	if (in->score < FEEDBACK_SCORE_MIN || in->score > FEEDBACK_SCORE_MAX)
		return refuse_field(err, "score");
	if (in->comment && strlen(in->comment) > FEEDBACK_COMMENT_MAX * 4)
		return refuse_field(err, "comment");
	if (!in->contact_wanted)
		return 0;
	if (!in->contact_name || !*in->contact_name)
		return refuse_field(err, "contact_name");
	if (!in->contact || !contact_ok(in->contact))
		return refuse_field(err, "contact");
	return 0;
}

/* CS-COMPLAINT: a contact request becomes a complaint or a compliment at the visit's branch,
 * and its Branch Manager is told by email. The email carries no contact details: her page
 * shows them to whoever may read customers (CS-CONFIDENTIAL). */
static int follow_up(struct svc *s, const struct visit *v, const struct branch *b,
		     const struct feedback *f, struct fd_error *err)
{
	enum feedback_follow follow = feedback_follow_for(f->score);
	const char *said = f->comment && *f->comment ? f->comment : "(no comment)";
	/* Which visit, who served it, and the language to call back in (CS-EQUAL): what the
	 * manager needs to follow it up without asking the customer again. */
	char ticket[TICKET_LABEL_MAX];
	ticket_label(v->channel, v->ticket, ticket);
	const char *rated =
		arena_printf(s->arena, "%s (%d of 5), ticket %s, served by %s, answered in %s",
			     feedback_score_label(f->score), f->score, ticket,
			     v->served_by_name ? v->served_by_name : "nobody recorded",
			     language_label(f->language ? f->language : "en"));
	struct complaint c = {0};
	const char *subject, *open;
	if (follow == FOLLOW_COMPLAINT) {
		c.branch_id = b->id;
		c.text = arena_printf(s->arena, "From the customer's feedback, rated %s: %s", rated,
				      said);
		c.policy_section = "CS-COMPLAINT";
		c.taken_at = s->now;
		if (store_complaint_insert(s->store, &c, err) ||
		    svc_audit(s, "create", "complaint", c.id, err))
			return -1;
		subject = arena_printf(s->arena, "A customer at %s asked to be contacted", b->name);
		open = arena_printf(s->arena, "%s/complaints/%lld", s->config->base_url,
				    (long long)c.id);
	} else {
		subject = arena_printf(s->arena, "A compliment from a customer at %s", b->name);
		open = arena_printf(s->arena, "%s/needs", s->config->base_url);
	}
	if (store_feedback_contact_insert(s->store, f->id, b->id, follow, c.id, err))
		return -1;
	const char *body = arena_printf(
		s->arena,
		"A customer answered \"How was your visit today?\" at %s and asked the library to "
		"contact them.\n\nTheir visit: %s\nWhat they said: %s\n\nThis is a %s. Their name "
		"and "
		"how to reach them are on the page:\n%s\n",
		b->name, rated, said, feedback_follow_name(follow), open);
	return outbox_notify_role(s, ROLE_BRANCH_MANAGER, b->id, subject, body,
				  follow == FOLLOW_COMPLAINT ? "complaint" : "feedback",
				  follow == FOLLOW_COMPLAINT ? c.id : f->id, NULL, err);
}

/* Inside a write transaction: the answer for v, once the policy allows it. */
static int give_in_tx(struct svc *s, const struct visit *v, const struct branch *b,
		      const struct feedback_input *in, enum feedback_channel channel,
		      const char *lang, struct feedback_visit *out, struct fd_error *err)
{
	struct tm tm = {0};
	if (refused(out, err) || check_answer(in, err))
		return -1;
	tz_localtime(b->time_zone, v->arrived_at, &tm);
	struct feedback f = {
		.visit_id = v->id,
		.branch_id = b->id,
		.served_by = v->served_by,
		.local_day = v->local_day,
		.local_hour = tm.tm_hour,
		.channel = channel,
		.score = in->score,
		.comment = in->comment,
		/* Anonymous unless asked: fields typed and then unticked are not kept. */
		.contact_name = in->contact_wanted ? in->contact_name : NULL,
		.contact = in->contact_wanted ? in->contact : NULL,
		.language = lang ? lang : "en",
		.at = s->now,
	};
	if (store_feedback_insert(s->store, &f, err)) {
		if (err->code == FD_ECONFLICT) { /* answered in the meantime: the policy's words */
			fd_error_clear(err);
			out->refusal = FEEDBACK_ANSWERED;
			return refused(out, err);
		}
		return -1;
	}
	if (svc_audit(s, "create", "feedback", f.id, err) ||
	    (in->contact_wanted && follow_up(s, v, b, &f, err)))
		return -1;
	out->given = f;
	return 0;
}

int feedback_give(struct svc *s, const char *secret, const struct feedback_input *in,
		  const char *lang, struct feedback_visit *out, struct fd_error *err)
{
	struct visit v = {0};
	struct branch b = {0};
	int64_t visit_id = 0;
	memset(out, 0, sizeof *out);
	if (svc_begin(s, true, err))
		return -1;
	enum feedback_channel channel = FEEDBACK_DESK;
	int rc = link_visit(s, secret, &visit_id, &channel, err);
	if (!rc)
		rc = visit_facts(s, visit_id, false, &v, &b, out, err);
	if (!rc)
		rc = give_in_tx(s, &v, &b, in, channel, lang, out, err);
	return svc_end(s, rc, err);
}

int feedback_kiosk_branch(struct svc *s, const char *branch, const char *token, struct branch *b,
			  struct fd_error *err)
{
	int64_t kiosk_id = 0;
	if (svc_begin(s, false, err))
		return -1;
	int rc = svc_branch_any_case(s, branch, b, err);
	if (!rc)
		rc = kiosk_find_in_tx(s, b->id, token, &kiosk_id, err);
	return svc_end(s, rc, err);
}

/* "A12", "a 12" or "12": the in-person ticket's number, or 0. */
static int ticket_number(const char *text)
{
	const char *p = text;
	if (*p == 'A' || *p == 'a')
		p++;
	while (*p == ' ')
		p++;
	int n = 0;
	for (; *p >= '0' && *p <= '9' && n < 100000; p++)
		n = n * 10 + (*p - '0');
	return *p || n < 1 ? 0 : n;
}

/* A try at the kiosk whose cookie holds token, kept whatever comes of it: its own
 * transaction. A kiosk must not let anyone walk today's tickets to answer for other people's
 * visits; counted per kiosk, as a library's wifi gives everyone in it one address. A screen
 * that is no kiosk of the branch is refused before anything is written. *code is b's code. */
static int kiosk_try(struct svc *s, const char *branch, const char *token, const char **code,
		     struct fd_error *err)
{
	struct branch b;
	int64_t n = 0, kiosk_id = 0;
	if (svc_begin(s, true, err))
		return -1;
	int rc = svc_branch_any_case(s, branch, &b, err);
	if (!rc)
		rc = kiosk_find_in_tx(s, b.id, token, &kiosk_id, err);
	if (!rc)
		rc = store_kiosk_tries(s->store, kiosk_id, s->now - FEEDBACK_KIOSK_WINDOW_S, &n,
				       err);
	if (!rc)
		rc = store_kiosk_try_add(s->store, kiosk_id, s->now,
					 s->now - FEEDBACK_KIOSK_WINDOW_S, err);
	if (svc_end(s, rc, err))
		return -1;
	*code = b.code;
	if (feedback_kiosk_may_try((int)n))
		return 0;
	fd_fail_field(err, "ticket", SAY_TRIES);
	err->code = FD_ETHROTTLE;
	err->retry_after_s = FEEDBACK_KIOSK_WINDOW_S;
	return -1;
}

/* Inside a transaction: the ticket's visit today at the branch, and its facts. */
static int ticket_visit(struct svc *s, const char *branch, const char *ticket, bool kiosk,
			struct visit *v, struct branch *b, struct feedback_visit *out,
			struct fd_error *err)
{
	struct tz_day day;
	char date[11];
	int64_t visit_id = 0;
	int n = ticket ? ticket_number(ticket) : 0;
	if (svc_branch(s, branch, b, err))
		return -1;
	if (!n)
		return refuse_field(err, "ticket");
	tz_day(b->time_zone, s->now, &day);
	timefmt_date(day.day, date);
	if (store_visit_by_ticket(s->store, b->id, date, n, &visit_id, err))
		return -1;
	if (!visit_id)
		return fd_fail_field(err, "ticket", "%s",
				     feedback_refusal_text(FEEDBACK_NOT_SERVED));
	if (visit_facts(s, visit_id, kiosk, v, b, out, err))
		return -1;
	if (out->refusal != FEEDBACK_OK) {
		refused(out, err);
		snprintf(err->field, sizeof err->field, "ticket");
		return -1;
	}
	return 0;
}

int feedback_link_for_ticket(struct svc *s, const char *branch, const char *ticket,
			     const char **secret, struct feedback_visit *out, struct fd_error *err)
{
	struct visit v = {0};
	struct branch b = {0};
	memset(out, 0, sizeof *out);
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = ticket_visit(s, branch, ticket, false, &v, &b, out, err)) == 0 &&
	    (rc = svc_may_at(s, ACTION_QUEUE_WORK, b.id, err)) == 0)
		rc = link_in_tx(s, v.id, FEEDBACK_DESK, secret, err);
	return svc_end(s, rc, err);
}

int feedback_kiosk_check(struct svc *s, const char *branch, const char *token, const char *ticket,
			 struct feedback_visit *out, struct fd_error *err)
{
	struct visit v = {0};
	struct branch b = {0};
	const char *code = NULL;
	memset(out, 0, sizeof *out);
	if (kiosk_try(s, branch, token, &code, err) || svc_begin(s, false, err))
		return -1;
	return svc_end(s, ticket_visit(s, code, ticket, true, &v, &b, out, err), err);
}

int feedback_kiosk_give(struct svc *s, const char *branch, const char *token,
			const struct feedback_input *in, const char *lang,
			struct feedback_visit *out, struct fd_error *err)
{
	struct visit v = {0};
	struct branch b = {0};
	const char *code = NULL;
	memset(out, 0, sizeof *out);
	if (kiosk_try(s, branch, token, &code, err) || svc_begin(s, true, err))
		return -1;
	int rc = ticket_visit(s, code, in->ticket, true, &v, &b, out, err);
	if (!rc)
		rc = give_in_tx(s, &v, &b, in, FEEDBACK_KIOSK, lang, out, err);
	return svc_end(s, rc, err);
}

int feedback_list(struct svc *s, const char *branch, struct feedback **out, size_t *n,
		  struct fd_error *err)
{
	struct branch b;
	struct tz_day day;
	char since[11];
	*out = NULL;
	*n = 0;
	if (svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, branch, &b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_REPORT_PEOPLE, b.id, err);
	if (!rc) {
		tz_day(b.time_zone, s->now, &day);
		timefmt_date(day.day - FEEDBACK_LIST_DAYS, since);
		rc = store_feedback_list(s->store, b.id, since, FEEDBACK_LIST_MAX, s->arena, out, n,
					 err);
	}
	/* CS-CONFIDENTIAL: whom to contact is a customer's personal data. */
	for (size_t i = 0; !rc && !svc_sees_customers(s) && i < *n; i++)
		(*out)[i].contact_name = (*out)[i].contact = NULL;
	return svc_end(s, rc, err);
}

int feedback_contacts_in_tx(struct svc *s, int64_t branch_id, enum feedback_follow follow,
			    struct feedback **out, size_t *n, struct fd_error *err)
{
	if (store_feedback_contacts_open(s->store, branch_id, follow, s->arena, out, n, err))
		return -1;
	for (size_t i = 0; !svc_sees_customers(s) && i < *n; i++)
		(*out)[i].contact_name = (*out)[i].contact = NULL;
	return 0;
}

int feedback_compliment_done(struct svc *s, int64_t feedback_id, struct fd_error *err)
{
	struct feedback f;
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_feedback_get(s->store, feedback_id, s->arena, &f, err)) == 0 &&
	    (rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, f.branch_id, err)) == 0 &&
	    (rc = store_feedback_compliment_done(s->store, feedback_id, s->actor ? s->actor->id : 0,
						 s->now, err)) == 0)
		rc = svc_audit(s, "compliment-done", "feedback", feedback_id, err);
	return svc_end(s, rc, err);
}
