/* http/gzip: which Accept-Encoding headers allow gzip, which types are worth it, and that
 * what it makes inflates back to the same bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http/gzip.h"

static void test_accept_encoding(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		bool gzip;
	} cases[] = {
		{NULL, false},
		{"", false},
		{"gzip", true},
		{"GZip", true},
		{"x-gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"deflate, br", false},
		{"identity", false},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"gzip;Q=0.0", false},
		{"gzip;q=0.001", true},
		{"gzip;q=1", true},
		{"gzip;q=1.000", true},
		{"gzip;q=1.5", false}, /* not a qvalue: refused, not guessed */
		{"gzip;q=2", false},
		{"gzip;q=", false},
		{"gzip;q=0.5x", false},
		{"*", true},
		{"*;q=0", false},
		{"gzip;q=0, *", false}, /* gzip named: its own q decides */
		{"*, gzip;q=0", false},
		{"gzip;q=0.5, *;q=0", true},
		{"gzipped", false},
		{" br ,  gzip ; q=0.5 ", true},
		{"gzip;level=1", true},
		{"gzip;level=1;q=0", false},
		{",,gzip", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (gzip_accepted(cases[i].header) != cases[i].gzip)
			fail_msg("\"%s\": expected %s",
				 cases[i].header ? cases[i].header : "(none)",
				 cases[i].gzip ? "gzip" : "no gzip");
}

static void test_compressible(void **state)
{
	(void)state;
	assert_true(gzip_compressible("text/html; charset=utf-8"));
	assert_true(gzip_compressible("application/json"));
	assert_true(gzip_compressible("text/css; charset=utf-8"));
	assert_true(gzip_compressible("text/javascript; charset=utf-8"));
	assert_true(gzip_compressible("text/csv; charset=utf-8"));
	assert_true(gzip_compressible("image/svg+xml"));
	assert_false(gzip_compressible("text/event-stream"));
	assert_false(gzip_compressible("application/pdf"));
	assert_false(gzip_compressible("image/png"));
	assert_false(gzip_compressible("application/jsonx"));
}

static void test_round_trip(void **state)
{
	(void)state;
	struct buf plain = BUF_INIT, gz = BUF_INIT;
	for (int i = 0; i < 20000; i++)
		buf_printf(&plain, "{\"ticket\":%d,\"name\":\"customer %d\"},", i, i * 7919 % 1000);
	for (int round = 0; round < 2; round++) { /* the second reuses the thread's state */
		buf_reset(&gz);
		gzip_compress(plain.data, plain.len, &gz);
		assert_true(gz.len > 18 && gz.len < plain.len / 4);
		assert_int_equal((unsigned char)gz.data[0], 0x1f); /* the gzip magic */
		assert_int_equal((unsigned char)gz.data[1], 0x8b);
		z_stream zs = {0};
		assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
		char *back = malloc(plain.len + 1);
		zs.next_in = (unsigned char *)gz.data;
		zs.avail_in = (uInt)gz.len;
		zs.next_out = (unsigned char *)back;
		zs.avail_out = (uInt)plain.len + 1;
		assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
		assert_int_equal(zs.total_out, plain.len);
		assert_memory_equal(back, plain.data, plain.len);
		inflateEnd(&zs);
		free(back);
	}
	buf_free(&plain);
	buf_free(&gz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept_encoding),
		cmocka_unit_test(test_compressible),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
