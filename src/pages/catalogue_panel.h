/* "In the catalogue": a customer's account in the library's catalogue as the desk reads it,
 * on the customer's page, beside the visit one is serving, and after a search that found
 * nobody in frontdesk. */
#ifndef PAGES_CATALOGUE_PANEL_H
#define PAGES_CATALOGUE_PANEL_H
#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

/* Writes the panel for card when a catalogue is configured and the reader may read customers
 * (nothing otherwise, and the catalogue is not asked); tz: the zone dates are read in; here:
 * the code of the branch the reader is at, whose holds waiting there read "waiting here"
 * (NULL: none). True when the catalogue knows the card, with *name (may be NULL) its name. */
bool catalogue_panel(struct request *r, const char *card, const char *tz, const char *here,
		     const char **name);
/* A due date as the desk reads it out, "Mon, Dec 28": the catalogue's own calendar day when
 * due is a SIP2 date (YYYYMMDD...), so that no zone moves it; else the moment due_at in tz;
 * else due as sent (NULL: none). In r->arena. */
const char *catalogue_due_words(struct request *r, const char *due, int64_t due_at, const char *tz);
/* The account's status as the panel shows it, as <dt>/<dd> pairs for the caller's <dl>: the
 * card valid, or blocked and why; the fines owed. */
struct ils_patron;
void catalogue_status_lines(struct request *r, const struct ils_patron *p);
/* Where the panel goes for the customer of the visit the reader is serving now at the desk of
 * q, when a card is linked to it: a placeholder desk.js fills from GET
 * /desk/{code}/visits/{id}/catalogue (page_desk_catalogue, in http/handlers.h). */
struct queue_view;
void catalogue_panel_serving(struct request *r, const struct queue_view *q);

#endif
