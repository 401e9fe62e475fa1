/* A GNU gettext .mo catalogue, read where it lies: a binary search over its sorted
 * originals. The layout (gettext manual, "The Format of GNU MO Files"): a magic number, a
 * revision, the count N, the offsets of two tables of N (length, offset) pairs, one for the
 * originals and one for their translations, then an optional hash table this reader does
 * not need. */
#include "base/mo.h"

#include <string.h>

#define MO_MAGIC 0x950412deU
#define MO_HEADER_BYTES 28

static uint32_t word_at(const unsigned char *p, bool swapped)
{
	uint32_t w;
	memcpy(&w, p, sizeof w);
	return swapped ? __builtin_bswap32(w) : w;
}

static uint32_t word(const struct mo *m, size_t at)
{
	return word_at(m->data + at, m->swapped);
}

/* Entry i of the table at table: its string, which mo_open checked ends inside the data. */
static const char *entry(const struct mo *m, uint32_t table, uint32_t i)
{
	return (const char *)m->data + word(m, (size_t)table + (size_t)i * 8 + 4);
}

/* A table of count (length, offset) pairs at table, each string inside the data and ended
 * by its NUL at offset + length. */
static bool table_ok(const unsigned char *data, size_t size, bool swapped, uint32_t table,
		     uint32_t count)
{
	if (table % 4 || table > size || (size - table) / 8 < count)
		return false;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t len = word_at(data + table + (size_t)i * 8, swapped);
		uint32_t off = word_at(data + table + (size_t)i * 8 + 4, swapped);
		if (off >= size || len >= size - off || data[(size_t)off + len] != '\0')
			return false;
	}
	return true;
}

int mo_open(struct mo *m, const unsigned char *data, size_t size)
{
	memset(m, 0, sizeof *m);
	if (!data || size < MO_HEADER_BYTES)
		return -1;
	uint32_t magic;
	memcpy(&magic, data, sizeof magic);
	bool swapped = magic != MO_MAGIC;
	if (swapped && __builtin_bswap32(magic) != MO_MAGIC)
		return -1;
	/* Major revision 0 or 1; 1 only adds system-dependent strings, which msgfmt writes for
	 * <inttypes.h> macros this project does not use in its strings. */
	if (word_at(data + 4, swapped) >> 16 > 1)
		return -1;
	uint32_t count = word_at(data + 8, swapped);
	uint32_t originals = word_at(data + 12, swapped);
	uint32_t translations = word_at(data + 16, swapped);
	if (!table_ok(data, size, swapped, originals, count) ||
	    !table_ok(data, size, swapped, translations, count))
		return -1;
	*m = (struct mo){data, size, count, originals, translations, swapped};
	return 0;
}

const char *mo_find(const struct mo *m, const char *msgid)
{
	if (!m->data || !msgid)
		return NULL;
	/* msgfmt sorts the originals by their bytes, as strcmp compares them. */
	uint32_t lo = 0, hi = m->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(msgid, entry(m, m->originals, mid));
		if (c == 0)
			return entry(m, m->translations, mid);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int mo_header(const struct mo *m, const char *field, char *out, size_t outlen)
{
	const char *h = mo_find(m, "");
	size_t n = strlen(field);
	for (const char *line = h; line && *line;) {
		const char *end = strchr(line, '\n');
		if (strncmp(line, field, n) != 0 || line[n] != ':') {
			line = end ? end + 1 : NULL;
			continue;
		}
		const char *v = line + n + 1;
		v += strspn(v, " \t");
		size_t len = strcspn(v, "\n");
		while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
			len--;
		if (len == 0 || len >= outlen)
			return -1;
		memcpy(out, v, len);
		out[len] = '\0';
		return 0;
	}
	return -1;
}
