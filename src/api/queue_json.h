/* A visit as the JSON API shows it, for every API file that answers with visits. */
#ifndef API_QUEUE_JSON_H
#define API_QUEUE_JSON_H

#include "service/queue.h"
#include "store/store_visit.h"
#include "http/request.h"

json_t *json_visit(struct request *r, const struct visit_view *v);

#endif
