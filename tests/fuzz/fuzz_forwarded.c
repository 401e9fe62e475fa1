/* libFuzzer: trusted proxies and X-Forwarded-For. The input is a trusted_proxies setting, a
 * newline, and a header. Whatever they hold: nothing is read out of bounds, a header from a
 * peer that is not trusted changes nothing, and the client found is a real address that
 * reads back as itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/netaddr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_when_read_back(const struct netaddr *a)
{
	char text[NETADDR_TEXT];
	struct netaddr back;
	netaddr_format(a, text);
	if (netaddr_parse(text, strlen(text), &back) || memcmp(back.bytes, a->bytes, 16) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *header = strchr(text, '\n');
	if (header)
		*header++ = '\0';
	struct netaddr_list trusted = {NULL, 0};
	if (netaddr_list_parse(text, &trusted) == 0)
		for (size_t i = 0; i < trusted.n; i++)
			same_when_read_back(&trusted.nets[i]);
	static const char *const peers[] = {"10.0.0.1", "2001:db8::1", "127.0.0.1"};
	for (size_t i = 0; i < sizeof peers / sizeof peers[0]; i++) {
		struct netaddr peer, client;
		netaddr_parse(peers[i], strlen(peers[i]), &peer);
		netaddr_client(&peer, header, &trusted, &client);
		if (!netaddr_list_has(&trusted, &peer) && memcmp(&client, &peer, sizeof peer) != 0)
			abort(); /* an untrusted sender made us believe its header */
		if (client.prefix_bits != 128)
			abort();
		same_when_read_back(&client);
	}
	netaddr_list_free(&trusted);
	free(text);
	return 0;
}
