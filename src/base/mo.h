/* Reading a GNU gettext .mo catalogue in place (header, sorted originals, translations),
 * every offset checked against its size before use, so a truncated or garbled file answers
 * nothing rather than reading past its end. */
#ifndef BASE_MO_H
#define BASE_MO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mo {
	const unsigned char *data;
	size_t size;
	uint32_t count;	       /* strings, the header (msgid "") included */
	uint32_t originals;    /* offset of the originals' table: (length, offset) pairs */
	uint32_t translations; /* offset of the translations' table */
	bool swapped;	       /* written on a machine of the other byte order */
};

/* Checks data (size bytes, which must outlive m) as a .mo catalogue: 0 when every string in
 * it lies inside it and ends with its NUL; -1 otherwise (m is then empty: mo_find finds
 * nothing). */
int mo_open(struct mo *m, const unsigned char *data, size_t size);
/* msgid's translation, or NULL when the catalogue has none. */
const char *mo_find(const struct mo *m, const char *msgid);
/* The value of a header field ("Language"), copied into out (at most outlen bytes with its
 * NUL); 0 when present. */
int mo_header(const struct mo *m, const char *field, char *out, size_t outlen);

#endif
