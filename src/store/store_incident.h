/* Incident reports, the people in them, their addenda and attachments, and the warning that
 * one falls due. */
#ifndef STORE_STORE_INCIDENT_H
#define STORE_STORE_INCIDENT_H
#include "store/store.h"

/* A person in a report, named or described: no card number is kept with an incident. */
struct incident_person {
	const char *name, *kind, *part, *injuries;
	int64_t customer_id;	 /* 0: not a customer chosen from the lookup */
	const char *description; /* what they looked like (an unknown person); "" if none */
	const char *care;	 /* a person_care name; "": not recorded */
	const char *contact;	 /* a witness's phone or email; "" if none */
};

struct addendum {
	int64_t id, signed_at;
	const char *text, *signed_by_login, *signed_name, *signature;
	const char *signed_text; /* the exact text signed; NULL for form 1 (before schema 17) */
};

struct incident {
	int64_t id, branch_id;
	const char *branch_code, *branch_name;
	int64_t occurred_at, due_at;
	int64_t discovered_at; /* 0: discovered as it happened (due by the end of that day) */
	enum incident_category category;
	const char *narrative, *actions_taken;
	const char *location; /* where in the building; "" if not given */
	bool police_called;
	const char *police_report_number, *police_officer; /* "" if not given */
	struct person reported_by, hq_taken_by, signed_by;
	int64_t reported_by_id, hq_taken_by_id, signed_by_id;
	int64_t holder_id; /* who is to finish the draft, when not its reporter (a handover) */
	int64_t created_at, hq_notified_at, business_manager_contacted_at, signed_at;
	const char *signed_name, *signature;
	const char *signed_text; /* the exact text signed; NULL for form 1 (before schema 17) */
	struct incident_person *people;
	size_t npeople;
	struct addendum *addenda;
	size_t naddenda;
};

/* Inserts the draft (branch, occurred/discovered/due, category, texts, location, police,
 * reporter, created) and its people; fills i->id. */
int store_incident_insert(struct store *s, struct incident *i, struct fd_error *err);
/* The report with its people and addenda. */
int store_incident_get(struct store *s, int64_t id, struct arena *a, struct incident *out,
		       struct fd_error *err);
/* Writes back a draft's facts, its verbal report to Headquarters and its Business Manager
 * contact, and replaces its people when replace_people. FD_ECONFLICT once it is signed:
 * whatever copy the caller read, a signature is never written over. */
int store_incident_update(struct store *s, const struct incident *i, bool replace_people,
			  struct fd_error *err);
/* Records i's signature (signed_at, signed_by_id, signed_name, signature, signed_text) on the
 * draft; FD_ECONFLICT when the report is signed already. */
int store_incident_sign(struct store *s, const struct incident *i, struct fd_error *err);
/* A branch's reports (branch_id), every branch's (0), or those overdue at now (overdue). */
int store_incident_list(struct store *s, int64_t branch_id, bool overdue, int64_t now,
			struct arena *a, struct incident **out, size_t *n, struct fd_error *err);
int store_incident_addendum_insert(struct store *s, int64_t incident_id, const struct addendum *ad,
				   int64_t signed_by, struct fd_error *err);

struct attachment {
	int64_t id, size_bytes, added_at;
	const char *name, *content_type;
	const char *sha256; /* of the bytes, hex, recorded when stored (NULL before schema 17) */
	const unsigned char *data; /* only from store_attachment_get */
	size_t data_len;	   /* with data: how many bytes are stored */
};

/* Stores a file on a draft; FD_ECONFLICT once the report is signed. */
int store_attachment_insert(struct store *s, int64_t incident_id, const struct attachment *at,
			    int64_t added_by, struct fd_error *err);
/* Records the hash of an attachment stored before hashes were (at its report's signing). */
int store_attachment_set_sha256(struct store *s, int64_t id, const char *sha256,
				struct fd_error *err);
int store_attachment_list(struct store *s, int64_t incident_id, struct arena *a,
			  struct attachment **out, size_t *n, struct fd_error *err);
int store_attachment_get(struct store *s, int64_t incident_id, int64_t id, struct arena *a,
			 struct attachment *out, struct fd_error *err);
/* Unsigned reports falling due between now and until that were not warned about yet. */
int store_incident_due_soon(struct store *s, int64_t now, int64_t until, struct arena *a,
			    struct incident **out, size_t *n, struct fd_error *err);
int store_incident_warned(struct store *s, int64_t id, int64_t at, struct fd_error *err);

/* Shift handover (store_handover.h): the drafts a person is to finish. */
int store_incident_drafts_held(struct store *s, int64_t staff_id, struct arena *a,
			       struct incident **out, size_t *n, struct fd_error *err);
/* Passes a draft to staff_id (0: Headquarters, meaning its reporter again); a report signed
 * meanwhile is left as it was. */
int store_incident_hand_to(struct store *s, int64_t incident_id, int64_t staff_id,
			   struct fd_error *err);

#endif
