/* Addresses and networks, and the client behind trusted proxies: what X-Forwarded-For may and
 * may not make frontdesk believe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/netaddr.h"

static struct netaddr addr(const char *text)
{
	struct netaddr a;
	assert_int_equal(netaddr_parse(text, strlen(text), &a), 0);
	return a;
}

static void test_parse_and_format(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out; /* out NULL: refused */
	} cases[] = {
		{"192.0.2.7", "192.0.2.7"},
		{"2001:db8::1", "2001:db8::1"},
		{"::ffff:192.0.2.7", "192.0.2.7"}, /* a dual-stack socket's IPv4 peer */
		{"::1", "::1"},
		{"192.0.2", NULL},
		{"192.0.2.256", NULL},
		{"", NULL},
		{"unknown", NULL},
		{"192.0.2.7 ", NULL},
		{"2001:db8::1%eth0", NULL},
		{"1234:5678:9abc:def0:1234:5678:255.255.255.255:1", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct netaddr a;
		int rc = netaddr_parse(cases[i].in, strlen(cases[i].in), &a);
		if (!cases[i].out) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		char text[NETADDR_TEXT];
		netaddr_format(&a, text);
		assert_string_equal(text, cases[i].out);
	}
}

static void test_networks(void **state)
{
	(void)state;
	struct netaddr_list l = {NULL, 0};
	assert_int_equal(netaddr_list_parse("127.0.0.1, 10.0.0.0/8 fd00::/8,172.16.0.0/12", &l), 0);
	assert_int_equal(l.n, 4);
	static const struct {
		const char *a;
		bool in;
	} cases[] = {
		{"127.0.0.1", true},	  {"127.0.0.2", false},	     {"10.0.0.1", true},
		{"10.255.255.255", true}, {"11.0.0.1", false},	     {"172.16.0.1", true},
		{"172.31.255.255", true}, {"172.32.0.1", false},     {"fd12::1", true},
		{"fe80::1", false},	  {"::ffff:10.1.2.3", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct netaddr a = addr(cases[i].a);
		assert_true(netaddr_list_has(&l, &a) == cases[i].in);
	}
	/* A bad entry leaves the list as it was. */
	assert_int_equal(netaddr_list_parse("127.0.0.1, 10.0.0.0/33", &l), -1);
	assert_int_equal(l.n, 4);
	assert_int_equal(netaddr_list_parse("10.0.0.0/", &l), -1);
	assert_int_equal(netaddr_list_parse("10.0.0.0/x", &l), -1);
	assert_int_equal(netaddr_list_parse("::/129", &l), -1);
	assert_int_equal(netaddr_list_parse("0.0.0.0/0", &l), 0);
	struct netaddr any = addr("203.0.113.9");
	assert_true(netaddr_list_has(&l, &any));
	assert_int_equal(netaddr_list_parse("", &l), 0);
	assert_int_equal(l.n, 0);
	assert_false(netaddr_list_has(&l, &any));
	netaddr_list_free(&l);
}

/* Proxies 10.0.0.1 and 10.0.0.2 are trusted; each row is a peer, its X-Forwarded-For, and
 * the client frontdesk must see. */
static void test_client_behind_proxies(void **state)
{
	(void)state;
	struct netaddr_list trusted = {NULL, 0};
	assert_int_equal(netaddr_list_parse("10.0.0.1, 10.0.0.2", &trusted), 0);
	static const struct {
		const char *peer, *forwarded, *client;
	} cases[] = {
		/* Not from a trusted proxy: the header is whatever the sender wished. */
		{"203.0.113.9", "198.51.100.1", "203.0.113.9"},
		{"203.0.113.9", NULL, "203.0.113.9"},
		/* From the proxy: the address it appended. */
		{"10.0.0.1", "198.51.100.1", "198.51.100.1"},
		{"10.0.0.1", " 198.51.100.1 ", "198.51.100.1"},
		/* A client's own claim is left of what the proxy appended, and ignored. */
		{"10.0.0.1", "1.2.3.4, 198.51.100.1", "198.51.100.1"},
		{"10.0.0.1", "10.0.0.2, 198.51.100.1", "198.51.100.1"},
		/* Two trusted proxies in a row: the first address neither of them is. */
		{"10.0.0.1", "198.51.100.1, 10.0.0.2", "198.51.100.1"},
		{"10.0.0.1", "1.2.3.4,198.51.100.1,10.0.0.2", "198.51.100.1"},
		/* Everything trusted: the far end of the chain. */
		{"10.0.0.1", "10.0.0.2", "10.0.0.2"},
		/* Garbage where an address should be: the last hop that handed it on. */
		{"10.0.0.1", "unknown", "10.0.0.1"},
		{"10.0.0.1", "", "10.0.0.1"},
		{"10.0.0.1", "198.51.100.1,", "10.0.0.1"},
		{"10.0.0.1", "garbage, 10.0.0.2", "10.0.0.2"},
		/* Ports, as some proxies write them. */
		{"10.0.0.1", "198.51.100.1:4711", "198.51.100.1"},
		{"10.0.0.1", "[2001:db8::7]:4711", "2001:db8::7"},
		{"10.0.0.1", "[2001:db8::7]", "2001:db8::7"},
		{"10.0.0.1", "2001:db8::7", "2001:db8::7"},
		{"10.0.0.1", "[2001:db8::7]:x", "10.0.0.1"},
		{"10.0.0.1", "[2001:db8::7", "10.0.0.1"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct netaddr peer = addr(cases[i].peer), client;
		netaddr_client(&peer, cases[i].forwarded, &trusted, &client);
		char text[NETADDR_TEXT];
		netaddr_format(&client, text);
		assert_string_equal(text, cases[i].client);
	}
	netaddr_list_free(&trusted);
}

static void test_groups(void **state)
{
	(void)state;
	struct netaddr a = addr("2001:db8:1:2:aaaa::1"), b = addr("2001:db8:1:2:bbbb::2"),
		       c = addr("2001:db8:1:3::1"), ga, gb, gc;
	netaddr_group(&a, &ga);
	netaddr_group(&b, &gb);
	netaddr_group(&c, &gc);
	assert_memory_equal(&ga, &gb, sizeof ga); /* one /64: one host */
	assert_memory_not_equal(&ga, &gc, sizeof ga);
	struct netaddr v1 = addr("192.0.2.1"), v2 = addr("192.0.2.2"), g1, g2;
	netaddr_group(&v1, &g1);
	netaddr_group(&v2, &g2);
	assert_memory_not_equal(&g1, &g2, sizeof g1);
}

/* Login throttling keys failures by this text: every address of one IPv6 /64 must come out
 * the same, or a client could dodge the limits per address by changing its last 64 bits. */
static void test_group_text(void **state)
{
	(void)state;
	static const struct {
		const char *address, *group; /* group NULL: not an address */
	} cases[] = {
		{"192.0.2.7", "192.0.2.7"},
		{"::ffff:192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff::/64"},
		{"::1", "::/64"},
		{"command line", NULL},
		{"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[NETADDR_TEXT] = "untouched";
		int rc = netaddr_group_text(cases[i].address, text);
		if (!cases[i].group) {
			assert_int_equal(rc, -1);
			assert_string_equal(text, "untouched");
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(text, cases[i].group);
	}
	char text[NETADDR_TEXT];
	assert_int_equal(netaddr_group_text(NULL, text), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format),
		cmocka_unit_test(test_networks),
		cmocka_unit_test(test_client_behind_proxies),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_group_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
