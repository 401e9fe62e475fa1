/* What follows a report's signature (CS-INCIDENT): each of its emails to Headquarters with how
 * far it has got, and the public check that whoever holds the paper makes with its QR code. */
#ifndef SERVICE_INCIDENT_SEAL_H
#define SERVICE_INCIDENT_SEAL_H
#include "service/incident_form.h"
#include "service/svc.h"
#include "store/store_incident.h"
#include "store/store_outbox.h"

/* The subject every signed report's email starts with: what tells them from the report's
 * other notices (its opening, its deadline) in the outbox. */
#define INCIDENT_SIGNED_SUBJECT "Incident report: "

/* How far one email of a signed report has got, from its outbox row. */
enum delivery_state { DELIVERY_WAITING, DELIVERY_SENT, DELIVERY_RETRYING, DELIVERY__MAX };
enum delivery_state incident_delivery_state(const struct outbox_msg *m);
/* The JSON API's word for d: "waiting", "sent", "retrying". */
const char *delivery_state_name(enum delivery_state d);

/* Inside a transaction: signed report i's emails to the Headquarters roles (*out from s's
 * arena), and in w the roles it went to nobody as (outbox_nobody_to_notify's sentence). */
int incident_deliveries_in_tx(struct svc *s, const struct incident *i, struct outbox_msg **out,
			      size_t *n, struct warnings *w, struct fd_error *err);

/* What the public verify page may say of a report: nothing of its content (CS-CONFIDENTIAL). */
struct incident_seal {
	int64_t id;
	const char *branch_name, *signed_name, *time_zone;
	int64_t signed_at;
	struct incident_check check; /* problems: the parts changed since signing, no values */
};
/* Whoever holds the paper, without a login: checks signed report id when check_code is its
 * signature's (ed25519_check_code), audited as a verification. An unknown id, a draft and a
 * wrong code are the same FD_ENOTFOUND, so that ids cannot be probed. */
int incident_verify_public(struct svc *s, int64_t id, const char *check_code,
			   struct incident_seal *out, struct fd_error *err);

#endif
