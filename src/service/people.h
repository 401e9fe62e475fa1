/* The people a form may name, for its picker: whom at Headquarters (with Headquarters' phone
 * number), and who may witness a difficult situation at a branch now (CS-PRIVATE). */
#ifndef SERVICE_PEOPLE_H
#define SERVICE_PEOPLE_H
#include <stddef.h>

#include "service/svc.h"
#include "store/store_staff.h"

struct people {
	struct staff *staff; /* by name */
	size_t n;
	const char *phone; /* Headquarters' number for people_headquarters; NULL: none on file */
};

/* The active people in a Headquarters role, and the headquarters branch's phone number. */
int people_headquarters(struct svc *s, struct people *out, struct fd_error *err);
/* Headquarters' phone number alone, for a page that says to contact Headquarters; *out NULL
 * when none is on file. */
int people_hq_phone(struct svc *s, const char **out, struct fd_error *err);
/* Those on duty at branch now who may witness (CS-PRIVATE), other than the actor. */
int people_witnesses(struct svc *s, const char *branch, struct people *out, struct fd_error *err);

#endif
