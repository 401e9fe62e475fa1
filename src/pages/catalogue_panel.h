/* "In the catalogue": a customer's account in the library's catalogue as the desk reads it,
 * on the customer's page, beside the visit one is serving, and after a search that found
 * nobody in frontdesk. */
#ifndef PAGES_CATALOGUE_PANEL_H
#define PAGES_CATALOGUE_PANEL_H
#include <stdbool.h>

#include "http/request.h"

/* Writes the panel for card when a catalogue is configured and the reader may read customers
 * (nothing otherwise, and the catalogue is not asked); tz: the zone dates are read in; here:
 * the code of the branch the reader is at, whose holds waiting there read "waiting here"
 * (NULL: none). True when the catalogue knows the card, with *name (may be NULL) its name. */
bool catalogue_panel(struct request *r, const char *card, const char *tz, const char *here,
		     const char **name);
/* The panel for the customer of the visit the reader is serving now at the desk of q, when a
 * card is linked to it. */
struct queue_view;
void catalogue_panel_serving(struct request *r, const struct queue_view *q);

#endif
