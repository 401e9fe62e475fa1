/* A request's JSON body or form read through a use case's input table (base/input.h), so the
 * API and the pages check each field by the one declaration the command line uses too. */
#ifndef HTTP_INPUT_H
#define HTTP_INPUT_H

#include "base/input.h"
#include "http/request.h"

/* Fills out from the JSON body: unknown members are refused, null is the same as absent (but
 * -1, "clear it", for a null_clears time), a member of the wrong JSON type fails naming it;
 * messages name the fields (400 when the body is not a JSON object). */
int req_input(struct request *r, const struct input_table *t, void *out, struct fd_error *err);
/* Fills out from the form's fields of t's names (others, such as csrf, are not t's business):
 * a blank field is not given (but "" for a blank_is_empty field sent), a checkbox is true when sent and false when not; messages
 * show the fields' labels. */
int req_form_input(struct request *r, const struct input_table *t, void *out, struct fd_error *err);

#endif
