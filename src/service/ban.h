/* Bans known at every branch: a computer-use or building ban in force, wherever it was issued,
 * is shown at every desk where its customer is looked up or checked in, and a building ban
 * raises an alert on every branch's desk page; each change is published to every branch. */
#ifndef SERVICE_BAN_H
#define SERVICE_BAN_H
#include <stddef.h>

#include "service/svc.h"
#include "store/store_restriction.h"

/* The computer-use and building bans in force now, every branch's, oldest first.
 * CS-CONFIDENTIAL: for whom may not see customers the customer's card and name are NULL. */
int ban_list_in_force(struct svc *s, struct restriction **out, size_t *n, struct fd_error *err);
/* Inside a transaction: the same, for the caller to match its customers against. */
int ban_list_in_force_in_tx(struct svc *s, struct restriction **out, size_t *n,
			    struct fd_error *err);
/* The ban of customer_id among list (a building ban before a computer-use one), or NULL. */
const struct restriction *ban_of_customer(const struct restriction *list, size_t n,
					  int64_t customer_id);
/* Is r a building ban? */
bool ban_is_building(const struct restriction *r);
/* "Building ban", "Computer-use ban": the kind of restriction, in words. */
const char *ban_label(const char *scope);
/* "Nov 30" (with the year when it is not this year's) in the issuing branch's time zone,
 * from s's arena. */
const char *ban_day(struct svc *s, const struct restriction *r, int64_t t);
/* What the desk is told (from s's arena): "Building ban in force (issued at Kos Branch on
 * Nov 30, until Dec 30): ask the person in charge". */
const char *ban_notice(struct svc *s, const struct restriction *r);
/* What a ticket of a banned customer is flagged with (from s's arena): to whom may read
 * customers "... : fetch the person in charge before serving"; to volunteers and pages, who
 * see no customer (CS-CONFIDENTIAL) but must not serve this ticket alone, "...: do not serve
 * — fetch the person in charge"; to anyone, for a computer-use ban, "...: serve them, but not
 * at a library computer". */
const char *ban_visit_notice(struct svc *s, const struct restriction *r);
/* Inside the transaction that issued, lifted or changed a ban: every branch's desks are told
 * (a queue event "ban" at each branch), so alerts and queue rows change without a reload. */
int ban_publish_in_tx(struct svc *s, const struct restriction *r, struct fd_error *err);

#endif
