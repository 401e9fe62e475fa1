/* gzip for text answers: the Accept-Encoding rules of RFC 9110 (12.5.3) and zlib's deflate
 * with a gzip wrapper, one deflate state per thread reused from answer to answer. */
#include "http/gzip.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "base/alloc.h"

/* zlib's default: the answers gzipped per request are a few KiB, where level 6 costs tens
 * of microseconds; the big and the hot ones (static files, the queue) are gzipped once. */
#define GZIP_LEVEL 6
#define GZIP_WINDOW (15 + 16) /* 32 KiB window; +16 asks deflate for the gzip wrapper */
#define CHUNK_BYTES 16384

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A qvalue ("0", "0.5", "1", "1.000") above zero; -1 when it is not a qvalue at all. */
static int qvalue_positive(const char *p, size_t n)
{
	if (n == 0 || (p[0] != '0' && p[0] != '1') || (n > 1 && p[1] != '.') || n > 5)
		return -1;
	bool nonzero = p[0] == '1';
	for (size_t i = 2; i < n; i++) {
		if (p[i] < '0' || p[i] > '9' || (p[0] == '1' && p[i] != '0'))
			return -1;
		nonzero |= p[i] != '0';
	}
	return nonzero;
}

/* The q of one element's parameters (";q=0.5;x=y"): 1 when it has none, 0 when it is zero or
 * not a qvalue (a client that garbles it gets what it surely can read: no gzip). */
static bool element_allows(const char *params, size_t n)
{
	const char *p = params, *end = params + n;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (!semi)
			return true;
		p = skip_space(semi + 1);
		const char *next = memchr(p, ';', (size_t)(end - p));
		const char *stop = next ? next : end;
		if ((p[0] == 'q' || p[0] == 'Q') && p + 1 < stop && p[1] == '=') {
			size_t len = (size_t)(stop - (p + 2));
			while (len && (p[2 + len - 1] == ' ' || p[2 + len - 1] == '\t'))
				len--;
			return qvalue_positive(p + 2, len) == 1;
		}
		p = stop;
	}
	return true;
}

static bool coding_is(const char *p, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(p, name, n) == 0;
}

bool gzip_accepted(const char *accept_encoding)
{
	if (!accept_encoding)
		return false;
	int gzip = -1, star = -1; /* -1 unnamed, else whether its q allows it */
	const char *p = accept_encoding;
	while (*p) {
		p = skip_space(p);
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		size_t name = strcspn(p, "; \t,");
		if (name > n)
			name = n;
		if (coding_is(p, name, "gzip") || coding_is(p, name, "x-gzip"))
			gzip = element_allows(p + name, n - name);
		else if (coding_is(p, name, "*"))
			star = element_allows(p + name, n - name);
		p += n;
		if (*p == ',')
			p++;
	}
	/* Named, gzip's own q decides, whatever "*" says (RFC 9110 12.5.3). */
	return gzip >= 0 ? gzip == 1 : star == 1;
}

bool gzip_compressible(const char *content_type)
{
	static const char *const types[] = {
		"text/html",	 "text/css",	  "text/javascript",  "text/csv",
		"text/plain",	 "text/calendar", "application/json", "application/javascript",
		"image/svg+xml",
	};
	if (!content_type)
		return true; /* the server's default: text/plain */
	for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
		size_t n = strlen(types[i]);
		if (strncasecmp(content_type, types[i], n) == 0 &&
		    (content_type[n] == '\0' || content_type[n] == ';'))
			return true;
	}
	return false;
}

static pthread_key_t stream_key;
static pthread_once_t stream_key_once = PTHREAD_ONCE_INIT;

static void free_stream(void *p)
{
	deflateEnd(p);
	free(p);
}

static void make_stream_key(void)
{
	pthread_key_create(&stream_key, free_stream);
}

/* This thread's deflate state, ready for a new answer: making one allocates about 256 KiB,
 * which each gzipped answer would otherwise pay for. */
static z_stream *thread_stream(void)
{
	pthread_once(&stream_key_once, make_stream_key);
	z_stream *zs = pthread_getspecific(stream_key);
	if (zs) {
		deflateReset(zs);
		return zs;
	}
	zs = xcalloc(1, sizeof *zs);
	/* Fails only without memory, which the allocator elsewhere treats as fatal too. */
	if (deflateInit2(zs, GZIP_LEVEL, Z_DEFLATED, GZIP_WINDOW, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	pthread_setspecific(stream_key, zs);
	return zs;
}

void gzip_compress(const void *data, size_t len, struct buf *out)
{
	z_stream *zs = thread_stream();
	unsigned char chunk[CHUNK_BYTES];
	zs->next_in = (unsigned char *)(uintptr_t)data;
	zs->avail_in = (uInt)len;
	int rc;
	do {
		zs->next_out = chunk;
		zs->avail_out = sizeof chunk;
		rc = deflate(zs, Z_FINISH);
		buf_append(out, chunk, sizeof chunk - zs->avail_out);
	} while (rc == Z_OK);
}
