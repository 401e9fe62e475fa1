/* Ed25519 signatures in base64 over text, and a key's fingerprint. */
#include "base/ed25519.h"

#include <string.h>

#define B64 sodium_base64_VARIANT_ORIGINAL

const char *ed25519_sign64(struct arena *a, const char *text, const unsigned char *sk)
{
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), sk);
	size_t n = sodium_base64_ENCODED_LEN(sizeof sig, B64);
	char *out = arena_alloc(a, n);
	return sodium_bin2base64(out, n, sig, sizeof sig, B64);
}

bool ed25519_verify64(const char *text, const char *sig64, const unsigned char *pk)
{
	unsigned char sig[crypto_sign_BYTES];
	size_t n;
	if (!text || !sig64 ||
	    sodium_base642bin(sig, sizeof sig, sig64, strlen(sig64), NULL, &n, NULL, B64) ||
	    n != sizeof sig)
		return false;
	return crypto_sign_verify_detached(sig, (const unsigned char *)text, strlen(text), pk) == 0;
}

const char *ed25519_fingerprint(struct arena *a, const unsigned char *pk)
{
	unsigned char h[8];
	crypto_generichash(h, sizeof h, pk, crypto_sign_PUBLICKEYBYTES, NULL, 0);
	char *hex = arena_alloc(a, sizeof h * 2 + 1);
	return sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
}

const char *ed25519_check_code(struct arena *a, const char *sig64)
{
	unsigned char h[8];
	crypto_generichash(h, sizeof h, (const unsigned char *)sig64, strlen(sig64), NULL, 0);
	char *hex = arena_alloc(a, sizeof h * 2 + 1);
	return sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
}
