/* The service report's satisfaction figures: customers' answers counted into the report's
 * buckets, each person's own, and the branch's people and comments for its managers. */
#ifndef SERVICE_REPORT_SATISFACTION_H
#define SERVICE_REPORT_SATISFACTION_H
#include "service/report.h"

/* Branch branch_index's answers into the total, day, hour and branch figures; the report's
 * days begin at civil day first_day. */
int report_count_answers(struct svc *s, struct service_report *r, size_t branch_index,
			 int64_t branch_id, int64_t first_day, struct fd_error *err);
/* The actor's own answers over the report's days (none for the command line). */
int report_count_mine(struct svc *s, struct service_report *r, struct fd_error *err);
/* One branch's people and latest comments, when the actor may see them (report.people);
 * anyone else gets neither, and no error. */
int report_people(struct svc *s, struct service_report *r, const struct branch *b,
		  struct fd_error *err);

#endif
