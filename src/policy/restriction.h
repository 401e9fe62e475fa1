/* Restrictions on a customer (a computer-use or building ban): the graduated schedule that
 * suggests a length from the customer's earlier ones. Pure functions. */
#ifndef POLICY_RESTRICTION_H
#define POLICY_RESTRICTION_H
#include <stddef.h>
#include <stdint.h>

#define RESTRICTION_SCHEDULE_MAX 8

/* The suggested length in seconds for a customer with `earlier` restrictions of the same
 * scope already: schedule_days[earlier] days, or 0 (until lifted) past the schedule's end. */
int64_t restriction_suggest_s(int earlier, const int *schedule_days, size_t n);

#endif
