/* What a printed document reads beside its record: the branch on its letterhead, the library's
 * name and when it is printed. An incident report as printed, and a building ban's trespass
 * letter to the customer (CS-CONFIDENTIAL: a read of the customer's record). */
#ifndef SERVICE_PRINTOUT_H
#define SERVICE_PRINTOUT_H

#include "service/incident.h"
#include "service/restriction.h"

struct printout {
	const char *library; /* [library] name */
	struct branch branch;
	int64_t printed_at;
};

struct incident_printout {
	struct incident_view v;
	struct printout head;
};
/* The report as incident_get gives it to whoever may read it, with its branch. */
int incident_printout_get(struct svc *s, int64_t id, struct incident_printout *out,
			  struct fd_error *err);

struct trespass_letter {
	struct restriction r; /* a building ban */
	bool active;
	struct printout head; /* the branch that issued it */
	struct branch hq;     /* Headquarters, where appeals go too (zeroed when none is marked) */
};
/* A building ban's letter to the customer, for those who may read customers; audited as a
 * read of the customer ("read via trespass letter N"). Another kind of restriction is refused
 * (409: its letter would forbid nothing it says). */
int trespass_letter_get(struct svc *s, int64_t restriction_id, struct trespass_letter *out,
			struct fd_error *err);

#endif
