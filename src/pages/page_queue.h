/* The desk page's working part: the day bar, customer intake and the live queue. */
#ifndef PAGES_PAGE_QUEUE_H
#define PAGES_PAGE_QUEUE_H

#include "store/store_branch.h"
#include "http/request.h"

struct branch_view;

/* Writes the day bar, intake and queue panels for branch b into the page being built;
 * *waiting gets how many customers wait (in line or on hold). */
int desk_work_panels(struct request *r, const struct branch_view *bv, int *waiting,
		     struct fd_error *err);

/* page_fetch.c: the calls for the person in charge not answered yet at b, for the queue
 * panel every desk there refreshes live. */
void fetch_alerts(struct request *r, const struct branch *b);
/* "A customer's complaint" for "complaint": what a call is about, in words. */
const char *fetch_about_text(const char *about);
/* The card that offers to fetch whom (a name, or "Headquarters"), saying why. */
void fetch_card(struct request *r, const char *code, const char *whom, const char *why,
		const char *about);

#endif
