/* A refused form posted from one of our pages is answered with that page again. */
#ifndef HTTP_AGAIN_H
#define HTTP_AGAIN_H

#include <stdbool.h>

#include "http/request.h"

/* Answers r, a form POST that err refused, with the page the form was posted from (its
 * same-site Referer), as a GET of it by the same person would show it, r->refused set for
 * page.c to show the refusal beside its field and the input kept. False when it cannot be:
 * not a form, no such page, a page this person may not open, or one that answers with a
 * redirect. */
bool again_show(struct request *r, const struct fd_error *err);

#endif
