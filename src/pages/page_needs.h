/* The "Needs you" panel: on the desk page, on /needs, and what needs.js refreshes live. */
#ifndef PAGES_PAGE_NEEDS_H
#define PAGES_PAGE_NEEDS_H
#include <stdbool.h>

#include "http/request.h"
#include "service/needs.h"

/* Writes the panel (id "needs") for nd: every kind with something in it, or, when every_kind,
 * each kind the reader deals with and a plain word when it is empty. On the desk of branch
 * here (or NULL), its items do not say "at" that branch. */
void needs_panel(struct request *r, const struct needs *nd, bool every_kind, const char *here);

#endif
