/* Prometheus metrics of this node: requests and their latency by route, counted lock-free as
 * they are answered, and /metrics, which adds the queues and backlogs from the database. */
#ifndef HTTP_METRICS_H
#define HTTP_METRICS_H
#include <stdint.h>

/* One answered request: route is its index in the route table, or -1 when none matched. */
void metrics_observe(int route, int status, int64_t elapsed_ns);

#endif
