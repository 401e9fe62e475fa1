/* Sending one message by SMTP with libcurl. */
#ifndef NOTIFY_SMTP_H
#define NOTIFY_SMTP_H
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

struct mail {
	const char *from, *to_addr, *to_name, *subject, *body;
	const char *message_id; /* "left@right", the notice's for life (service/outbox.c) */
	int64_t id;		/* the outbox's, for the MIME boundary */
	/* An optional attachment (MIME multipart/mixed, base64). */
	const char *attachment_name, *attachment_type;
	const unsigned char *attachment;
	size_t attachment_len;
};

/* Writes m as an RFC 5322 message (CRLF lines, UTF-8, encoded subject) into out. */
void smtp_format(const struct mail *m, int64_t date, struct buf *out);
/* Hands m to the server at url ("smtp://host:port"); 0 only when it accepted the message. */
int smtp_send(const char *url, const struct mail *m, struct fd_error *err);

#endif
