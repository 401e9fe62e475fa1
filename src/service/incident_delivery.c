/* A signed report's emails to Headquarters as the outbox has them: the rows about the report
 * whose subject is the signed report's, each with the role it went to as. */
#include "service/incident_delivery.h"

#include <string.h>

#include "service/outbox.h"

static const char *const delivery_names[DELIVERY__MAX] = {
	[DELIVERY_WAITING] = "waiting",
	[DELIVERY_SENT] = "sent",
	[DELIVERY_RETRYING] = "retrying",
};

const char *delivery_state_name(enum delivery_state d)
{
	return d < DELIVERY__MAX ? delivery_names[d] : "waiting";
}

/* The outbox tries again without end (backing off to every 10 minutes), so a message is sent,
 * failing with the reason its latest attempt gave, or not yet tried. */
enum delivery_state incident_delivery_state(const struct outbox_msg *m)
{
	if (m->sent_at)
		return DELIVERY_SENT;
	return m->last_error && *m->last_error ? DELIVERY_RETRYING : DELIVERY_WAITING;
}

int incident_deliveries_in_tx(struct svc *s, const struct incident *i, struct outbox_msg **out,
			      size_t *n, struct warnings *w, struct fd_error *err)
{
	static const enum role to[] = {ROLE_EXECUTIVE_DIRECTOR, ROLE_BUSINESS_MANAGER,
				       ROLE_BRANCH_SERVICES_COORDINATOR};
	struct outbox_msg *all;
	size_t nall = 0;
	*out = NULL;
	*n = 0;
	if (store_outbox_about(s->store, "incident", i->id, s->arena, &all, &nall, err))
		return -1;
	*out = arena_alloc(s->arena, (nall ? nall : 1) * sizeof **out);
	bool reached[sizeof to / sizeof *to] = {false};
	for (size_t k = 0; k < nall; k++) {
		/* The report's opening notices are about it too; only its signed copies count. */
		if (!all[k].to_role || strncmp(all[k].subject, INCIDENT_SIGNED_SUBJECT,
					       strlen(INCIDENT_SIGNED_SUBJECT)) != 0)
			continue;
		for (size_t r = 0; r < sizeof to / sizeof *to; r++)
			reached[r] |= strcmp(all[k].to_role, role_name(to[r])) == 0;
		(*out)[(*n)++] = all[k];
	}
	for (size_t r = 0; r < sizeof to / sizeof *to; r++)
		if (!reached[r])
			svc_warn(w, "CS-INCIDENT", outbox_nobody_to_notify(s, to[r]));
	return 0;
}
