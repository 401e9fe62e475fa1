/* CS-INCIDENT after the signature: when a report may be reviewed, take tasks and close, and
 * who owns and finishes a task. */
#include "policy/incident_followup.h"

#include <stddef.h>

#include "policy/role.h"

bool incident_may_review(const struct followup_facts *f, const char **why)
{
	*why = !f->signed_report ? "Only a signed report is reviewed: this one is still a draft."
	       : f->closed	 ? "The report is closed already."
	       : f->reviewed	 ? "The report is reviewed already."
				 : NULL;
	return *why == NULL;
}

bool incident_may_add_task(const struct followup_facts *f, const char **why)
{
	*why = !f->signed_report ? "Follow-up tasks are for a signed report: this one is still a "
				   "draft."
	       : f->closed	 ? "The report is closed: it takes no new tasks."
				 : NULL;
	return *why == NULL;
}

bool incident_may_close(const struct followup_facts *f, const char **why)
{
	*why = !f->signed_report ? "Only a signed report is closed: this one is still a draft."
	       : f->closed	 ? "The report is closed already."
	       : !f->reviewed	 ? "Review the report before closing it."
	       : f->open_tasks	 ? "The report closes when its follow-up tasks are done."
				 : NULL;
	return *why == NULL;
}

bool incident_task_owner_ok(enum role role, bool active, int64_t home_branch_id,
			    int64_t report_branch_id)
{
	if (!active || !role_may(role, ACTION_DIFFICULT_READ))
		return false;
	return role_is_headquarters(role) || (home_branch_id && home_branch_id == report_branch_id);
}

bool incident_task_may_finish(const struct task_done_facts *f, const char **why)
{
	*why = f->done_already ? "The task is done already."
	       : f->actor_id != f->owner_id && !f->actor_follows_up
		       ? "Only the task's owner, or Headquarters, marks it done."
		       : NULL;
	return *why == NULL;
}

bool incident_task_due(bool done, int64_t due_from, int64_t now)
{
	return !done && now >= due_from;
}
