/* The service report written out: JSON for the API and the command line, CSV (one row a day)
 * for spreadsheets. */
#ifndef API_REPORT_OUT_H
#define API_REPORT_OUT_H
#include <jansson.h>

#include "base/buf.h"
#include "service/report.h"

json_t *report_json(const struct service_report *r);
void report_csv(const struct service_report *r, struct buf *out);

#endif
