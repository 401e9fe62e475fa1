/* IP addresses and networks: the trusted-proxies list of the configuration, the client behind
 * those proxies (X-Forwarded-For), and the group a connection or a failed login counts
 * against. */
#ifndef BASE_NETADDR_H
#define BASE_NETADDR_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* An IPv4 address is kept as IPv4-mapped IPv6 (::ffff:a.b.c.d), so one comparison does both. */
struct netaddr {
	unsigned char bytes[16];
	int prefix_bits; /* 128 for one address; fewer for a network such as 10.0.0.0/8 */
};

struct netaddr_list {
	struct netaddr *nets;
	size_t n;
};

#define NETADDR_TEXT 46 /* INET6_ADDRSTRLEN: the longest address netaddr_format writes */

/* One address ("192.0.2.7", "2001:db8::1"); 0, or -1 when it is not one. */
int netaddr_parse(const char *text, size_t len, struct netaddr *out);
/* An address or a network in CIDR form ("10.0.0.0/8", "fd00::/8"); 0 or -1. */
int netaddr_parse_net(const char *text, size_t len, struct netaddr *out);
/* "127.0.0.1, 10.0.0.0/8 ::1": networks separated by commas or spaces, replacing *out's
 * (netaddr_list_free frees them). 0, or -1 when one is not a network, *out unchanged. */
int netaddr_list_parse(const char *text, struct netaddr_list *out);
void netaddr_list_free(struct netaddr_list *l);
/* Whether a (one address) is in one of the list's networks. */
bool netaddr_list_has(const struct netaddr_list *l, const struct netaddr *a);
/* The peer of a socket; -1 when it is not IPv4 or IPv6. */
int netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out);
/* Text of an address, IPv4 as dotted quads: out holds NETADDR_TEXT bytes. */
void netaddr_format(const struct netaddr *a, char *out);
/* Where a request really comes from. X-Forwarded-For (forwarded_for; NULL or "" when absent)
 * counts only when the peer is a trusted proxy; then it is read from the right, skipping
 * the trusted proxies that appended to it, and the first address that is not one is the
 * client. Anything left of that is what the client itself claimed, and ignored. */
void netaddr_client(const struct netaddr *peer, const char *forwarded_for,
		    const struct netaddr_list *trusted, struct netaddr *client);
/* What connections are counted against: an IPv4 address, or an IPv6 address's /64, since
 * one IPv6 host is usually handed a whole /64. */
void netaddr_group(const struct netaddr *a, struct netaddr *group);
/* The text of the group an address (text) counts against, for keying records by it:
 * "192.0.2.7", or "2001:db8:1:2::/64" for any address of that /64. out holds NETADDR_TEXT
 * bytes. 0, or -1 when address is not an address (out untouched). */
int netaddr_group_text(const char *address, char *out);

#endif
