/* Incident reports (CS-INCIDENT, CS-INSURANCE): drafts, the verbal report to Headquarters,
 * the Business Manager contact, a signature that freezes the report, addenda, delivery to
 * the three HQ roles, and the same-day deadline. */
#ifndef SERVICE_INCIDENT_H
#define SERVICE_INCIDENT_H
#include <stddef.h>

#include "base/input.h"
#include "service/duty.h"
#include "service/incident_form.h"
#include "service/svc.h"
#include "store/store_branch.h"
#include "store/store_incident.h"
#include "store/store_incident_followup.h"
#include "store/store_outbox.h"

/* A person in a report, as given (the store keeps the kind's name). */
struct person_input {
	const char *name; /* NULL: not given (a customer chosen, or an unknown person) */
	enum person_kind kind;
	const char *part, *injuries; /* NULL: not given */
	const char *customer;	     /* a card number from the lookup, resolved to the customer */
	const char *description;     /* an unknown person's */
	enum person_care care;	     /* CARE__MAX: not given */
	const char *contact;	     /* a witness's phone or email */
};
extern const struct input_table person_input_table;

struct incident_input {
	const char *branch;
	enum incident_category category; /* INCIDENT__MAX: not given */
	const char *narrative, *actions_taken;
	int64_t occurred_at;   /* 0: not given (PATCH) */
	int64_t discovered_at; /* 0: not given; -1 (JSON null): clear it (found as it happened) */
	const char *location;  /* NULL: not given */
	int police_called;     /* -1: not given */
	const char *police_report_number, *police_officer; /* NULL: not given */
	struct person_input *people; /* NULL: not given (a change keeps them) */
	size_t npeople;
};

/* The page's form changes the people one at a time: those kept, one added, one removed. */
struct person_change {
	const struct person_input *add; /* NULL: none */
	int remove;			/* from 1; 0: none */
};
/* The API's report, begun or changed; a ban's new_incident: branch, occurred_at, category
 * and narrative (police_called -1, no people, as the struct's other fields are left). */
extern const struct input_table incident_input_table, ban_incident_table;

/* The pages' forms: times as a date and a time of day on the branch's clock (date and time
 * pickers), converted by incident_local_*; the people one at a time. */
struct incident_local_input {
	enum incident_category category; /* INCIDENT__MAX: not given */
	const char *occurred_date, *occurred_time;
	/* Not sent: not given; both "" (the draft's form, emptied): clear it. */
	const char *discovered_date, *discovered_time;
	const char *location, *narrative, *actions_taken;
	int police_called; /* -1: not given */
	const char *police_report_number, *police_officer;
	struct person_input person; /* kind not given (PERSON_KIND__MAX): nobody added */
	int remove_person;	    /* from 1; 0: none */
};
/* The desk's form to begin a report, and the draft's "write the report" form. */
extern const struct input_table incident_start_table, incident_draft_table;

/* The verbal report to Headquarters: who took it (an HQ account's login). */
struct hq_call_input {
	const char *taken_by;
};
extern const struct input_table hq_call_table;

/* A signature (typed_name only) or a signed addendum (text and typed_name). */
struct signing_input {
	const char *text, *typed_name;
};
extern const struct input_table signing_table, addendum_table;

struct incident_view {
	struct incident i;
	struct attachment *attachments; /* listed without their bytes */
	size_t nattachments;
	bool overdue;
	const char *instruction; /* shown on the form: the injury rule (CS-INSURANCE) */
	const char *fingerprint; /* of the installation's public key, once signed */
	const char *verify_url;	 /* once signed: the page that checks its signature */
	/* Signed: what no longer matches what was signed (incident_verify's sentences), checked
	 * each time it is read; none when intact. */
	const char **changes;
	size_t nchanges;
	struct in_charge_view in_charge; /* refused by CS-DIFFICULT: the person to fetch */
	struct warnings warnings;	 /* signed: the HQ roles nobody could be sent it as */
	/* Headquarters' review, its follow-up tasks and its closing */
	struct incident_followup followup;
	struct outbox_msg *deliveries; /* signed: its emails to HQ (incident_delivery.h) */
	size_t ndeliveries;
	const char *time_zone; /* signed: its branch's, for the signature's time */
};

/* Begins a report at branch from the desk's form; its times are the branch's clock. */
int incident_add_local(struct svc *s, const char *branch, const struct incident_local_input *in,
		       struct incident_view *out, struct fd_error *err);
/* Changes a draft from its page's form: facts, times on the branch's clock, a person added or
 * removed. */
int incident_update_local(struct svc *s, int64_t id, const struct incident_local_input *in,
			  struct incident_view *out, struct fd_error *err);
int incident_add(struct svc *s, const struct incident_input *in, struct incident_view *out,
		 struct fd_error *err);
/* Inside a transaction: a new draft at b (CS-DIFFICULT decides who may begin one; *ic gets
 * the person to fetch when refused), with the branch manager and Headquarters told as the
 * policy says (w, may be NULL, gets who could not be); *id gets its id. */
int incident_open_in_tx(struct svc *s, const struct branch *b, const struct incident_input *in,
			int64_t *id, struct in_charge_view *ic, struct warnings *w,
			struct fd_error *err);
/* Changes a draft; a signed report takes addenda only (409). */
int incident_update(struct svc *s, int64_t id, const struct incident_input *in,
		    struct incident_view *out, struct fd_error *err);
/* The same, with one person added or removed (pc; in->people not given). */
int incident_update_people(struct svc *s, int64_t id, const struct incident_input *in,
			   const struct person_change *pc, struct incident_view *out,
			   struct fd_error *err);
int incident_get(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err);
/* As incident_get, for the signature block alone (who signed, the key, each email's state),
 * which shows none of the report's content: not audited as a read, so that a page may poll it
 * while an email is on its way. */
int incident_signature_get(struct svc *s, int64_t id, struct incident_view *out,
			   struct fd_error *err);
/* Inside the caller's transaction: the report as incident_get answers it, unaudited (for the
 * follow-up's use cases, service/incident_followup.c). */
int incident_load_in_tx(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err);

/* What a report's page may offer its reader: the steps that finish, sign or add to it (its
 * holder, the branch's managers and Headquarters, on duty there: what incident_update and
 * incident_sign allow), and taking it over (those and the person in charge there). */
struct incident_offer {
	bool finish;
	bool take_over;
	const char *holder;    /* the name of whom it is to finish, for the sentence instead */
	const char *in_charge; /* the person in charge there, NULL when Headquarters is */
};
int incident_offer_get(struct svc *s, const struct incident_view *v, struct incident_offer *out,
		       struct fd_error *err);
/* A branch's reports; with branch NULL, every branch's (HQ roles); overdue ones only when
 * overdue. */
int incident_list(struct svc *s, const char *branch, bool overdue, struct incident_view **out,
		  size_t *n, struct fd_error *err);
/* The person in charge at its branch takes over an unsigned report (so do the branch's
 * managers and Headquarters), to finish and sign it. */
int incident_take_over(struct svc *s, int64_t id, struct incident_view *out, struct fd_error *err);
/* CS-INCIDENT: who at Headquarters took the verbal report (an HQ account's login), read
 * through hq_call_table. */
int incident_hq_notified(struct svc *s, int64_t id, const char *taken_by, struct incident_view *out,
			 struct fd_error *err);
/* CS-INSURANCE: the Business Manager was contacted about an injury. */
int incident_business_manager_contacted(struct svc *s, int64_t id, struct incident_view *out,
					struct fd_error *err);
/* The reporter types their name; the report is signed with the installation's key (the
 * signature covers its fields, its branch and every attachment's bytes), frozen, and emailed
 * to the Executive Director, Business Manager and Branch Services Coordinator. */
int incident_sign(struct svc *s, int64_t id, const char *typed_name, struct incident_view *out,
		  struct fd_error *err);
/* A signed addendum to a signed report (text and typed_name read through addendum_table):
 * chained to the signature before it, and audited as "addendum N". */
int incident_addendum(struct svc *s, int64_t id, const char *text, const char *typed_name,
		      struct incident_view *out, struct fd_error *err);
/* Checks a signed report and its addenda against their signatures and the audit log's record
 * of each signing: out->problems names everything that changed after signing (none: intact). */
int incident_verify(struct svc *s, int64_t id, struct incident_check *out, struct fd_error *err);

#define ATTACHMENT_MAX_BYTES (900 * 1024) /* under the server's 1 MiB request limit */

/* A photo or document for a draft (JPEG, PNG or PDF, checked by its first bytes), with the
 * SHA-256 of its bytes; a signed report takes none (409 CS-INCIDENT). */
int incident_attach(struct svc *s, int64_t id, const char *name, const char *content_type,
		    const unsigned char *data, size_t len, struct incident_view *out,
		    struct fd_error *err);
/* One attachment's bytes, for those who may see the report. */
int incident_attachment(struct svc *s, int64_t id, int64_t attachment_id, struct attachment *out,
			struct fd_error *err);
/* CS-INCIDENT: tells a branch's managers about each report still unsigned an hour before it
 * falls due; *warned gets how many reports. */
int incident_due_warnings(struct svc *s, int *warned, struct fd_error *err);

#endif
