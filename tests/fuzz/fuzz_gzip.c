/* libFuzzer: the Accept-Encoding parser and the gzip writer. The input is a header and is
 * also the body: whatever it holds, nothing is read out of bounds, the answer does not change
 * when asked twice, and the gzip of the body inflates back to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http/gzip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const uint8_t *data, size_t size)
{
	struct buf gz = BUF_INIT;
	gzip_compress(data, size, &gz);
	unsigned char *back = malloc(size + 1);
	z_stream z = {0};
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		abort();
	z.next_in = (unsigned char *)gz.data;
	z.avail_in = (unsigned)gz.len;
	z.next_out = back;
	z.avail_out = (unsigned)size + 1;
	if (inflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out != size ||
	    memcmp(back, data, size) != 0)
		abort(); /* what a browser unpacks is not what was sent */
	inflateEnd(&z);
	free(back);
	buf_free(&gz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *header = malloc(size + 1);
	memcpy(header, data, size);
	header[size] = '\0';
	bool once = gzip_accepted(header);
	if (gzip_accepted(header) != once)
		abort();
	if (size <= 65536)
		round_trip(data, size);
	free(header);
	return 0;
}
