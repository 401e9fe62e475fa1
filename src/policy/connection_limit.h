/* Who may open another connection: a limit per address, and a reserve of the total kept for
 * addresses that hold few, so that one client (or a few) cannot make the desk unreachable. */
#ifndef POLICY_CONNECTION_LIMIT_H
#define POLICY_CONNECTION_LIMIT_H
#include <stdbool.h>

/* The last tenth of the total is the reserve, and in it an address may hold only a few. */
#define CONNECTION_RESERVE_DIVISOR 10
#define CONNECTION_RESERVE_PER_ADDRESS 8

enum connection_verdict {
	CONNECTION_ADMIT,
	CONNECTION_FULL,	/* every connection is in use */
	CONNECTION_PER_ADDRESS, /* this address holds its limit */
	CONNECTION_RESERVE,	/* only the reserve is left, and this address holds enough */
	CONNECTION__MAX
};

struct connection_limits {
	int total;	 /* connections open at once */
	int per_address; /* from one address (a trusted proxy excepted) */
};

/* Whether a new connection from an address that holds held_by_address connections may open
 * while in_use are open in all. A trusted proxy speaks for many clients (and limits them
 * itself), so only the total applies to it. */
enum connection_verdict connection_admit(const struct connection_limits *l, int held_by_address,
					 int in_use, bool trusted_proxy);
/* The verdict in words, for the log: "the limit per address". */
const char *connection_verdict_text(enum connection_verdict v);

#endif
