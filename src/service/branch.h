/* Branches: adding one, and reading them with their hours and whether open now (CS-HOURS). */
#ifndef SERVICE_BRANCH_H
#define SERVICE_BRANCH_H
#include <stddef.h>

#include "policy/hours.h"
#include "service/svc.h"

#define BRANCH_DEFAULT_TZ "America/Chicago"

struct branch_view {
	struct branch branch;
	struct week_hours hours;
	bool open_now; /* in the branch's own time zone */
};

/* in->time_zone NULL means America/Chicago; in->hours NULL or "" means no advertised hours. */
int branch_add(struct svc *s, const struct branch *in, struct branch_view *out,
	       struct fd_error *err);
int branch_get(struct svc *s, const char *code, struct branch_view *out, struct fd_error *err);
int branch_list(struct svc *s, struct branch_view **out, size_t *n, struct fd_error *err);
/* Fills v from b, as at s->now (for callers that already hold the branch row). */
void branch_view_of(const struct svc *s, const struct branch *b, struct branch_view *v);

#endif
