/* Nothing falls through the cracks: reminders about requests left untouched for
 * open hours, and shifts still open after their branch closed. Run by serve's worker once a
 * minute, and by `frontdesk remind`. */
#ifndef SERVICE_REMINDER_H
#define SERVICE_REMINDER_H

#include "service/svc.h"

/* Each open request untouched for a step of its branch's open hours
 * (config request_untouched_hours) reminds, one level a step: its holder, then the person in
 * charge at the branch, then Headquarters (the Branch Services Coordinator). Only while the
 * branch is open; a touch (anything in its history but a reminder) starts again. */
int reminders_requests(struct svc *s, int *sent, struct fd_error *err);
/* Anyone still on duty shift_close_grace_min after their branch closed is clocked off at
 * closing time, and what they hold passes on (service/handover.h). */
int reminders_shifts(struct svc *s, int *closed, struct fd_error *err);

#endif
