/* IP addresses and networks: parsing, matching a list of networks, and finding the client
 * behind trusted proxies. Every address is kept as IPv6, IPv4 as ::ffff:a.b.c.d. */
#include "base/netaddr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

static const unsigned char v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static bool is_v4(const struct netaddr *a)
{
	return memcmp(a->bytes, v4_mapped, sizeof v4_mapped) == 0;
}

static bool all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return n > 0;
}

int netaddr_parse(const char *text, size_t len, struct netaddr *out)
{
	char s[NETADDR_TEXT];
	if (len == 0 || len >= sizeof s)
		return -1;
	memcpy(s, text, len);
	s[len] = '\0';
	memset(out, 0, sizeof *out);
	out->prefix_bits = 128;
	if (inet_pton(AF_INET, s, out->bytes + 12) == 1) {
		memcpy(out->bytes, v4_mapped, sizeof v4_mapped);
		return 0;
	}
	return inet_pton(AF_INET6, s, out->bytes) == 1 ? 0 : -1;
}

int netaddr_parse_net(const char *text, size_t len, struct netaddr *out)
{
	const char *slash = memchr(text, '/', len);
	if (!slash)
		return netaddr_parse(text, len, out);
	if (netaddr_parse(text, (size_t)(slash - text), out))
		return -1;
	size_t digits = len - (size_t)(slash - text) - 1;
	if (digits == 0 || digits > 3)
		return -1;
	if (!all_digits(slash + 1, digits))
		return -1;
	int bits = 0;
	for (size_t i = 1; i <= digits; i++)
		bits = bits * 10 + (slash[i] - '0');
	bool v4 = is_v4(out);
	if (bits > (v4 ? 32 : 128))
		return -1;
	out->prefix_bits = v4 ? 96 + bits : bits;
	return 0;
}

int netaddr_list_parse(const char *text, struct netaddr_list *out)
{
	struct netaddr_list l = {NULL, 0};
	const char *p = text;
	for (;;) {
		p += strspn(p, ", \t");
		size_t len = strcspn(p, ", \t");
		if (len == 0)
			break;
		l.nets = xrealloc(l.nets, (l.n + 1) * sizeof *l.nets);
		if (netaddr_parse_net(p, len, &l.nets[l.n])) {
			free(l.nets);
			return -1;
		}
		l.n++;
		p += len;
	}
	netaddr_list_free(out);
	*out = l;
	return 0;
}

void netaddr_list_free(struct netaddr_list *l)
{
	free(l->nets);
	l->nets = NULL;
	l->n = 0;
}

static bool in_net(const struct netaddr *net, const struct netaddr *a)
{
	int whole = net->prefix_bits / 8, rest = net->prefix_bits % 8;
	if (memcmp(net->bytes, a->bytes, (size_t)whole) != 0)
		return false;
	if (rest == 0)
		return true;
	unsigned mask = (0xffu << (8 - rest)) & 0xffu;
	return ((net->bytes[whole] ^ a->bytes[whole]) & mask) == 0;
}

bool netaddr_list_has(const struct netaddr_list *l, const struct netaddr *a)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (in_net(&l->nets[i], a))
			return true;
	return false;
}

int netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out)
{
	memset(out, 0, sizeof *out);
	out->prefix_bits = 128;
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		memcpy(out->bytes, v4_mapped, sizeof v4_mapped);
		memcpy(out->bytes + 12, &in->sin_addr, 4);
		return 0;
	}
	if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		memcpy(out->bytes, &in6->sin6_addr, 16);
		return 0;
	}
	return -1;
}

void netaddr_format(const struct netaddr *a, char *out)
{
	if (is_v4(a))
		inet_ntop(AF_INET, a->bytes + 12, out, NETADDR_TEXT);
	else
		inet_ntop(AF_INET6, a->bytes, out, NETADDR_TEXT);
}

/* One hop of X-Forwarded-For: an address, with spaces around it; proxies that add the port
 * write "192.0.2.7:4711" or "[2001:db8::1]:4711". */
static int forwarded_hop(const char *p, size_t len, struct netaddr *out)
{
	while (len && (*p == ' ' || *p == '\t'))
		p++, len--;
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len && *p == '[') {
		const char *close = memchr(p, ']', len);
		if (!close)
			return -1;
		size_t after = len - (size_t)(close - p) - 1;
		if (after && (close[1] != ':' || !all_digits(close + 2, after - 1)))
			return -1;
		return netaddr_parse(p + 1, (size_t)(close - p) - 1, out);
	}
	const char *colon = memchr(p, ':', len);
	if (colon && !memchr(colon + 1, ':', len - (size_t)(colon - p) - 1))
		len = (size_t)(colon - p); /* IPv4 with a port: an IPv6 address has two colons */
	return netaddr_parse(p, len, out);
}

void netaddr_client(const struct netaddr *peer, const char *forwarded_for,
		    const struct netaddr_list *trusted, struct netaddr *client)
{
	*client = *peer;
	if (!forwarded_for || !netaddr_list_has(trusted, peer))
		return;
	const char *end = forwarded_for + strlen(forwarded_for);
	while (end > forwarded_for) {
		const char *start = end;
		while (start > forwarded_for && start[-1] != ',')
			start--;
		struct netaddr hop;
		/* Not an address: the hop that handed it over is the last one known. */
		if (forwarded_hop(start, (size_t)(end - start), &hop))
			return;
		*client = hop;
		if (!netaddr_list_has(trusted, &hop))
			return;
		end = start > forwarded_for ? start - 1 : start;
	}
}

void netaddr_group(const struct netaddr *a, struct netaddr *group)
{
	*group = *a;
	group->prefix_bits = 128;
	if (!is_v4(a)) {
		memset(group->bytes + 8, 0, 8);
		group->prefix_bits = 64;
	}
}

int netaddr_group_text(const char *address, char *out)
{
	struct netaddr a, group;
	if (!address || netaddr_parse(address, strlen(address), &a))
		return -1;
	netaddr_group(&a, &group);
	netaddr_format(&group, out);
	if (group.prefix_bits < 128) {
		size_t n = strlen(out);
		snprintf(out + n, NETADDR_TEXT - n, "/%d", group.prefix_bits);
	}
	return 0;
}
