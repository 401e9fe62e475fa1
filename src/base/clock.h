/* The one monotonic clock, for durations, deadlines and rates: it never jumps with the time
 * of day (base/timefmt.h has that). */
#ifndef BASE_CLOCK_H
#define BASE_CLOCK_H
#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC: only differences between two readings mean anything. */
int64_t clock_ms(void);
/* The same in nanoseconds. */
int64_t clock_ns(void);

#endif
