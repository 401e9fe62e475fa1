/* Inside src/ils: one request handed to the connection's thread and its answer, read. */
#ifndef ILS_ILS_CALL_H
#define ILS_ILS_CALL_H
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "ils/ils.h"
#include "ils/sip2.h"

/* Sends req (UTF-8, unsealed: sip2_begin and sip2_field) and reads the answer whose code is
 * answer_code into out (in a), waiting at most until deadline_ms. retry_safe: the request
 * changes nothing, so when the connection broke it may be sent again on a new one. */
int ils_call(struct ils *ils, const struct buf *req, bool retry_safe, int64_t deadline_ms,
	     struct arena *a, const char *answer_code, struct sip2_msg *out,
	     struct fd_error *err);
const struct ils_settings *ils_settings_of(const struct ils *ils);

#endif
