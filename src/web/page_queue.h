/* The desk page's working part: the day bar, customer intake and the live queue. */
#ifndef WEB_PAGE_QUEUE_H
#define WEB_PAGE_QUEUE_H

#include "store/store.h"
#include "web/request.h"

/* Writes the day bar, intake and queue panels for branch b into the page being built. */
int desk_work_panels(struct request *r, const struct branch_view *bv, struct fd_error *err);

#endif
