/* Customers' satisfaction on the figures pages: the share of answers 4-5 always with its count,
 * by channel and hour of day, and for a branch's managers its people and latest comments. */
#ifndef PAGES_REPORT_SATISFACTION_H
#define PAGES_REPORT_SATISFACTION_H
#include "http/request.h"
#include "service/report.h"

/* "75.0% of 4 answers", "100% of 1 answer", or "no answers yet": never a bare share. */
const char *satisfied_text(struct request *r, const struct satisfaction *a);
/* The sections below the charts: by channel and by hour, then people and comments when the
 * report carries them. */
void satisfaction_sections(struct request *r, const struct service_report *rep);

#endif
