/* Customers' satisfaction on the figures pages: the share of answers 4-5 always with its count,
 * by channel and hour of day, and for a branch's managers its people and latest comments. */
#ifndef PAGES_REPORT_SATISFACTION_H
#define PAGES_REPORT_SATISFACTION_H
#include "http/request.h"
#include "service/report.h"

/* "75.0% of 4 answers", "100% of 1 answer", or "no answers yet": never a bare share. */
const char *satisfied_text(struct request *r, const struct satisfaction *a);
/* A tile's value and label: "75.0%" beside "customers satisfied: 3 of 4 answers 4 or 5 of
 * 5" (whose: "customers", "your own customers"); "no answers yet" and no count with none. */
const char *satisfied_share(struct request *r, const struct satisfaction *a);
const char *satisfied_label(struct request *r, const char *whose, const struct satisfaction *a);
/* The same for a narrow table cell, under a heading that says "of answers": "75% of 4",
 * "none yet". */
const char *satisfied_cell(struct request *r, const struct satisfaction *a);
/* The sections below the charts: by branch (every branch's report), by channel and by hour, then people and comments when the
 * report carries them. */
void satisfaction_sections(struct request *r, const struct service_report *rep);

#endif
