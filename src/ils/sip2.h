/* SIP2 (the 3M Standard Interchange Protocol 2.00) on the wire: requests built with their
 * sequence number and checksum, answers read in any field order, in the ILS's character set. */
#ifndef ILS_SIP2_H
#define ILS_SIP2_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"

/* One variable field of an answer: a two-letter tag and its value (UTF-8, NUL-terminated). */
struct sip2_field {
	char tag[3];
	const char *value;
};

/* An answer as read: its two-digit code, its fixed part and its fields in the order sent. */
struct sip2_msg {
	char code[3];
	const char *fixed; /* the fixed-length part, exactly sip2_fixed_len(code) characters */
	struct sip2_field *fields;
	size_t nfields;
	int seq; /* AY; -1 when not sent */
};

enum sip2_check {
	SIP2_CHECK_NONE, /* no AZ at the end: nothing to verify */
	SIP2_CHECK_OK,
	SIP2_CHECK_BAD /* the answer was damaged on the way: ask for it again (97) */
};

/* The length of the fixed part of an answer this client reads ("94", "98", "24", "64", "18",
 * "30", "66", "96"); -1 for any other code. */
int sip2_fixed_len(const char *code);

/* The checksum of n bytes: the two's complement of their 16-bit sum. */
uint16_t sip2_checksum(const char *p, size_t n);

/* Verifies an answer's AZ (raw bytes as received, with or without its CR; line ends before
 * it are not the answer's). */
enum sip2_check sip2_verify(const char *raw, size_t n);

/* Reads an answer (raw bytes in charset, as received, its CR optional) into out; strings live
 * in a. Fields may come in any order, unknown ones are kept but need not be asked for, a
 * missing final "|" is tolerated. -1 with err when it is not a SIP2 answer this client reads. */
int sip2_parse(struct arena *a, const char *charset, const char *raw, size_t n,
	       struct sip2_msg *out, struct fd_error *err);

/* The first value of a field; NULL when the answer has none. */
const char *sip2_get(const struct sip2_msg *m, const char *tag);
/* Every value of a (repeatable) field, in order; *out lives in a, NULL when there is none. */
size_t sip2_get_all(const struct sip2_msg *m, struct arena *a, const char *tag, char ***out);

/* A request: start with its code and fixed part, add fields, then seal. Values are UTF-8. */
void sip2_begin(struct buf *b, const char *code_and_fixed);
/* Adds TAGvalue|; a value holding "|" or a line break is refused naming the tag, as it would
 * end the field or the message early (value NULL: an empty field). */
int sip2_field(struct buf *b, const char *tag, const char *value, struct fd_error *err);
/* Converts the request to charset and appends AY<seq>AZ<checksum> and the CR, into out.
 * A character charset cannot hold is refused rather than sent garbled. */
int sip2_seal(const struct buf *b, const char *charset, int seq, struct buf *out,
	      struct fd_error *err);
/* The request 97 (send your last answer again) and 96, with their checksums. */
extern const char SIP2_RESEND[];

/* A SIP2 date, YYYYMMDDZZZZHHMMSS: unix_s as the clock shows it in zone (the ILS's own, an
 * IANA name), with a blank zone field (18 + NUL). */
void sip2_date(char out[19], int64_t unix_s, const char *zone);
/* Reads one: a blank zone field ("    ", or "   L") is the ILS's local time, in zone;
 * "   Z" is UTC. 0 when it is not one. */
int64_t sip2_date_parse(const char *s, const char *zone);

/* Converts n bytes from one character set to another into out (appended, NUL-terminated);
 * -1 with err naming the character set when the text cannot be converted. */
int sip2_convert(const char *from, const char *to, const char *in, size_t n, struct buf *out,
		 struct fd_error *err);

#endif
