/* Headquarters' phone number beside every "contact Headquarters" a page says (CS-DIFFICULT):
 * whoever is told to call needs the number to hand. */
#ifndef PAGES_HQ_PHONE_H
#define PAGES_HQ_PHONE_H

#include "http/request.h"

/* Writes "Headquarters' phone: <number>." as a tel: link, or where to ask for it. */
void hq_phone_write(struct request *r);

#endif
