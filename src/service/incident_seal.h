/* The public check of a signed report (CS-INCIDENT) that whoever holds the paper makes with its
 * QR code: intact or changed, and nothing of its content (CS-CONFIDENTIAL). */
#ifndef SERVICE_INCIDENT_SEAL_H
#define SERVICE_INCIDENT_SEAL_H
#include "service/incident_form.h"
#include "service/svc.h"

/* What the public verify page may say of a report: nothing of its content (CS-CONFIDENTIAL). */
struct incident_seal {
	int64_t id;
	const char *branch_name, *signed_name, *time_zone;
	int64_t signed_at;
	struct incident_check check; /* problems: the parts changed since signing, no values */
};
/* Whoever holds the paper, without a login: checks signed report id when check_code is its
 * signature's (ed25519_check_code); read only, and not audited (it shows no content). An
 * unknown id, a draft and a wrong code are the same FD_ENOTFOUND, so that ids cannot be probed. */
int incident_verify_public(struct svc *s, int64_t id, const char *check_code,
			   struct incident_seal *out, struct fd_error *err);

#endif
