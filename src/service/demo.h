/* A demo library system modelled on the policy's: Headquarters and six Mississippi branches. */
#ifndef SERVICE_DEMO_H
#define SERVICE_DEMO_H
#include <stdbool.h>
#include <stddef.h>

#include "service/svc.h"

#define DEMO_PASSWORD "frontdesk-demo"
/* Every demo account's email is LOGIN@DEMO_MAIL_DOMAIN: RFC 2606 reserves .example, so the
 * demo's notices (to Headquarters, reminders) are addressed and can reach nobody. */
#define DEMO_MAIL_DOMAIN "mmrls.example"

struct demo_login {
	const char *login, *name, *role, *branch;
};

/* How much demo: branches besides Headquarters (6 are the policy's own; more are made
 * up), and days of past with about visits_per_day customers on a branch's ordinary day;
 * spread: branch sizes as a consortium's, small rural, town and city (demo_history.c). */
struct demo_size {
	int branches, days, visits_per_day;
	bool spread;
};
#define DEMO_SIZE_DEFAULT                                                                          \
	{                                                                                          \
		6, 28, 27, false                                                                   \
	}
#define DEMO_BUSY_VISITS_PER_DAY 65 /* a regional system's busy branches, for benchmarks */

/* Loads the demo into an empty database (FD_ECONFLICT when it has branches already). */
int demo_load(struct svc *s, const struct demo_size *size, struct fd_error *err);
/* A past for every branch with opening hours: days of visits, requests, complaints, roving
 * help and openings before today, so that the reports have figures to show. */
int demo_history(struct svc *s, const struct demo_size *size, struct fd_error *err);
/* Signed incident reports at three branches and Headquarters' follow-up of them: one awaiting
 * review, one with tasks open (a repair due today), one closed (demo_followup.c). */
int demo_followup(struct svc *s, struct fd_error *err);
/* A living morning at Kosciusko whatever the day and hour: today's hours changed to open until
 * midnight, the suggested logins on duty, the branch opened, walk-ins waiting, a caller on hold
 * and one being served. When first (a new demo), also a request referred to the Assistant
 * Librarian, a complaint referred to the Executive Director and an incident report to sign.
 * A second start the same day only clocks the logins on again. FD_ECONFLICT, and nothing
 * changed, where the accounts are not the demo's (kos.manager without the demo's password). */
int demo_live(struct svc *s, bool first, struct fd_error *err);
/* The branch demo_live keeps open, and its suggested logins (n gets how many). */
#define DEMO_LIVE_BRANCH "KOS"
const char *const *demo_live_logins(size_t *n);
/* The demo's logins, for printing; *n gets how many. */
const struct demo_login *demo_logins(size_t *n);
/* The name of the demo's branch code ("Kosciusko-Attala Library"); code itself if unknown. */
const char *demo_branch_name(const char *code);

#endif
