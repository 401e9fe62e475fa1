/* struct buf and struct arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"

static void test_buf(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "0,1,2,", 6);
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_append(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	buf_free(&b);
}

static void test_arena(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *big = arena_alloc(&a, 100000); /* larger than a block */
	memset(big, 1, 100000);
	char *s = arena_strdup(&a, "kosciusko");
	assert_string_equal(s, "kosciusko");
	assert_null(arena_strdup(&a, NULL));
	assert_string_equal(arena_printf(&a, "%s-%d", "KOS", 7), "KOS-7");
	for (int i = 0; i < 10000; i++) {
		int *p = arena_alloc(&a, sizeof(int) * 3);
		assert_int_equal(((uintptr_t)p) % 16, 0);
		assert_int_equal(p[0] | p[1] | p[2], 0); /* zeroed */
	}
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
