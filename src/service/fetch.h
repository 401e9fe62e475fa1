/* CS-DIFFICULT's one action for those who may not handle a case: fetch the person in charge.
 * The call alerts every desk at the branch at once (a queue event) and is recorded, so the
 * hand-off is seen and counted; when nobody is in charge it goes to Headquarters. */
#ifndef SERVICE_FETCH_H
#define SERVICE_FETCH_H
#include <stddef.h>

#include "base/input.h"
#include "service/svc.h"
#include "store/store_fetch.h"

struct fetch_input {
	enum fetch_about about; /* FETCH__MAX: not given, other */
	const char *note;	/* what it is about, optional */
};
extern const struct input_table fetch_input_table;
/* w gets the warning when nobody at Headquarters could be told (nobody in charge). */
int fetch_add(struct svc *s, const char *branch, const struct fetch_input *in, struct fetch *out,
	      struct warnings *w, struct fd_error *err);
/* A branch's calls not answered yet, oldest first. */
int fetch_list_open(struct svc *s, const char *branch, struct fetch **out, size_t *n,
		    struct fd_error *err);
/* The person who came (one who may handle the case: CS-DIFFICULT) answers the call. */
int fetch_answer(struct svc *s, int64_t id, struct fetch *out, struct fd_error *err);

#endif
