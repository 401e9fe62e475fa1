/* The shared page layout, the error page and the static files. */
#ifndef HTTP_PAGE_H
#define HTTP_PAGE_H

#include "http/html.h"
#include "http/request.h"

/* Starts an HTML reply's head: doctype, title as given, the favicon and the stylesheet; the
 * caller adds its scripts and closes the head. The public board's pages start here. */
void page_head(struct request *r, const char *title);
/* Starts an HTML reply: doctype, head, the header bar (with logout when logged in). */
void page_begin(struct request *r, const char *title);
void page_end(struct request *r);
/* A whole error page for err, with its HTTP status. */
void page_error(struct request *r, const struct fd_error *err);
/* The session's CSRF token for a form's hidden field ("" without a session). */
const char *page_csrf(const struct request *r);
/* 303 back to a branch's desk page. */
void page_redirect_desk(struct request *r, const char *code);
/* <time> with the local time of t in zone tz on the one clock of every page ("8:24 am"). */
void page_local_time(struct request *r, const char *tz, int64_t t);
/* The same with its day, for a list that spans days ("Mon, Nov 30, 8:24 am"; another year's
 * as "Nov 30, 2025, 8:24 am"). */
void page_local_day_time(struct request *r, const char *tz, int64_t t);
/* The day alone, where the branch is: "Mon, Nov 30" (in r's arena). */
const char *page_local_day(struct request *r, const char *tz, int64_t t);
/* A day ("YYYY-MM-DD") as people read it, the one way every page writes one: "Mon, Nov 23"
 * within this year, "Nov 23, 2025" in another; from r's arena. */
const char *page_day(struct request *r, const char *date);
/* A length of time as people read it, the one way every page writes one: seconds under a
 * minute ("45 s"), minutes and seconds under an hour ("1 min 22 s"), hours and minutes above
 * ("2 h 5 min"); from r's arena. The JSON API keeps plain seconds. */
const char *page_duration(struct request *r, int64_t s);
/* A count with its noun, singular or plural as n needs ("1 request", "5 requests"), from r's
 * arena. */
const char *page_count(struct request *r, long long n, const char *one, const char *many);
/* A branch's advertised hours (its stored text) as a readable week, from r's arena; "" hours
 * read "No advertised hours". */
const char *page_week_hours(struct request *r, const char *hours);

#endif
