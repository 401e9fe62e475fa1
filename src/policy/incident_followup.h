/* CS-INCIDENT after the signature: Headquarters reviews a signed report, sets follow-up tasks
 * (a repair, camera footage, a trespass letter) with an owner and a due day, and closes it
 * once they are done. Pure functions; who may try at all is the role matrix's. */
#ifndef POLICY_INCIDENT_FOLLOWUP_H
#define POLICY_INCIDENT_FOLLOWUP_H
#include <stdbool.h>
#include <stdint.h>

#include "base/vocab.h"

struct followup_facts {
	bool signed_report; /* the report is signed (a draft is still its reporter's) */
	bool reviewed, closed;
	int open_tasks; /* tasks not done yet */
};

/* Each answers: may it be done now? When not, *why says why, in words for the person. */
bool incident_may_review(const struct followup_facts *f, const char **why);
bool incident_may_add_task(const struct followup_facts *f, const char **why);
/* A report closes when it is reviewed and its tasks are done (the caller names the open ones
 * after *why). */
bool incident_may_close(const struct followup_facts *f, const char **why);

/* Who may own a task: an active staff member of Headquarters or of the report's branch (its
 * manager for a repair, say), in a role that may read the report. */
bool incident_task_owner_ok(enum role role, bool active, int64_t home_branch_id,
			    int64_t report_branch_id);

/* Who marks a task done: its owner, or one of the roles that follow reports up (
 * actor_follows_up: role_may(role, ACTION_INCIDENT_FOLLOWUP)); a task done already is not done again. */
struct task_done_facts {
	int64_t actor_id, owner_id;
	bool actor_follows_up;
	bool done_already;
};
bool incident_task_may_finish(const struct task_done_facts *f, const char **why);

/* A task is due from the first second of its due day at the report's branch. */
bool incident_task_due(bool done, int64_t due_from, int64_t now);

#endif
