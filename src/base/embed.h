/* Files built into the binary by scripts/embed.py (migrations, CSS, JS). */
#ifndef BASE_EMBED_H
#define BASE_EMBED_H
#include <stddef.h>

struct embedded_file {
	const char *name;
	const unsigned char *data; /* NUL-terminated for convenience */
	size_t size;
};

#endif
