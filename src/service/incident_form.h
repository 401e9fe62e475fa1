/* The signed forms of an incident report and its addenda (the exact text each Ed25519
 * signature is over), and the check of a stored report against them that names what changed. */
#ifndef SERVICE_INCIDENT_FORM_H
#define SERVICE_INCIDENT_FORM_H
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/error.h"
#include "store/store_audit.h"
#include "store/store_incident.h"

/* Form 1: signatures made before schema 17 — the report's own fields; an addendum its text and
 * the report's signature. Form 2 adds the branch (id, code, name), each attachment (name, type,
 * size, SHA-256 of its bytes), when the report was begun and due, and chains each addendum to
 * the signature before it, numbered. */
/* Form 3 (schema 24) adds when it was discovered, where in the building, the police report
 * number and officer, and each person's customer (by id), description, care and contact. */
#define INCIDENT_FORM_CURRENT 3
#define INCIDENT_ADDENDUM_FORM 2
#define SHA256_HEX_LEN 65 /* 64 hex digits and NUL */

/* The SHA-256 of data as hex, written into hex; returns hex. */
char *incident_sha256_hex(const unsigned char *data, size_t len, char hex[SHA256_HEX_LEN]);

/* The report's text under the current form (caller frees). Each attachment is covered by the
 * hash of its bytes (data), or by its recorded sha256 when its bytes were not loaded. */
char *incident_form_report(const struct incident *i, const struct attachment *at, size_t nat);
/* Addendum number seq (from 1) of report incident_id under the current form, following the
 * signature `previous` (the report's for the first addendum). Caller frees. */
char *incident_form_addendum(int64_t incident_id, size_t seq, const char *previous,
			     const struct addendum *ad);

/* Everything a signed report is checked against. */
struct incident_evidence {
	const struct incident *i;	      /* with its people and addenda */
	const struct attachment *attachments; /* with their bytes (data) */
	size_t nattachments;
	const struct audit_entry *audit; /* the audit log's entries about this report */
	size_t naudit;
};

struct incident_check {
	int form;	       /* the form the report was signed under (1 or 2) */
	size_t naddenda;       /* addenda stored */
	const char **problems; /* what no longer matches what was signed, a sentence each */
	size_t nproblems;
};

/* Checks the report and its addenda against their signatures under pk and against the audit
 * log's record of each signing (sign, addendum N); out->problems (from a) lists every
 * difference, none when nothing changed. -1 (FD_ECONFLICT) for a report that was never signed. */
int incident_form_check(const struct incident_evidence *ev, const unsigned char *pk,
			struct arena *a, struct incident_check *out, struct fd_error *err);

#endif
