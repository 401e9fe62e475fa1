/* JSON shapes the API's handlers share, and a refusal that says whom to fetch. */
#ifndef API_SHAPES_H
#define API_SHAPES_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "service/duty.h"
#include "store/store_fetch.h"
#include "store/store_staff.h"

json_t *json_person(const struct staff *st);
json_t *json_who(const struct person *p); /* {"login","name","role"}, or null for nobody */
json_t *json_time(int64_t t);		  /* RFC 3339, or null for 0 */
json_t *json_clock(int minutes);	  /* "09:00" for minutes after midnight, or null for -1 */
/* {"staff":{login,name,role}|null,"level","must_contact_hq"} (CS-INCHARGE). */
json_t *json_in_charge(const struct in_charge_view *ic);
json_t *json_warnings(const struct warnings *w); /* [{"rule","message"}] */
/* Calls for the person in charge: [{"id","branch","about","note","asked_by","asked_at","to",
 * "answered_by","answered_at"}]. */
json_t *json_fetches(const struct fetch *f, size_t n);
/* A ban in force as the desk is told of it: {"scope","branch","branch_name","starts_at",
 * "until","notice"} ("until" null: until lifted; "notice" in words), or null for none. */
struct restriction;
json_t *json_ban(struct request *r, const struct restriction *ban);
/* A refusal; one by the policy (CS-DIFFICULT, ...) says who is in charge to fetch. */
void api_refuse(struct request *r, const struct fd_error *err, const struct in_charge_view *ic);

#endif
