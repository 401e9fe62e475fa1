/* Admission of a new connection: the total, the limit per address, and the reserve. */
#include "policy/connection_limit.h"

enum connection_verdict connection_admit(const struct connection_limits *l, int held_by_address,
					 int in_use, bool trusted_proxy)
{
	if (in_use >= l->total)
		return CONNECTION_FULL;
	if (trusted_proxy)
		return CONNECTION_ADMIT;
	if (held_by_address >= l->per_address)
		return CONNECTION_PER_ADDRESS;
	/* Whoever holds the rest, the last few slots stay open to an address that holds few:
	 * a desk that has not been part of the crowd can still get in. */
	int reserve = l->total / CONNECTION_RESERVE_DIVISOR;
	if (in_use >= l->total - reserve && held_by_address >= CONNECTION_RESERVE_PER_ADDRESS)
		return CONNECTION_RESERVE;
	return CONNECTION_ADMIT;
}

const char *connection_verdict_text(enum connection_verdict v)
{
	static const char *const text[CONNECTION__MAX] = {
		[CONNECTION_ADMIT] = "admitted",
		[CONNECTION_FULL] = "every connection is in use",
		[CONNECTION_PER_ADDRESS] = "the limit per address",
		[CONNECTION_RESERVE] = "the reserve kept for other addresses",
	};
	return v < CONNECTION__MAX ? text[v] : "?";
}
