/* A signed report's emails to Headquarters (CS-INCIDENT), read back from the outbox with how
 * far each has got, for its page and its JSON. */
#ifndef SERVICE_INCIDENT_DELIVERY_H
#define SERVICE_INCIDENT_DELIVERY_H
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

#endif
