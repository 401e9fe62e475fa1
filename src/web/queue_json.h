/* Shapes of the desk queue shared by the API and the desk page. */
#ifndef WEB_QUEUE_JSON_H
#define WEB_QUEUE_JSON_H

#include "service/queue.h"
#include "store/store_visit.h"
#include "web/request.h"

json_t *json_visit(struct request *r, const struct visit_view *v);
/* "A12" for a walk-in, "P3" for a phone caller (in r's arena). */
const char *ticket_label(struct request *r, const struct visit *v);
/* A visit id from the path; -1 when it is not a positive whole number. */
int parse_visit_id(const char *text, int64_t *id);
/* The desk action named in a path ("acknowledge", "callback-done", ...); -1 when none. */
int parse_desk_action(const char *name, enum desk_action *a);

#endif
