/* Ed25519 signatures in base64 over text, and a key's short fingerprint (libsodium): the one
 * place incident reports and the audit log's anchors are signed and checked. */
#ifndef BASE_ED25519_H
#define BASE_ED25519_H
#include <sodium.h>
#include <stdbool.h>

#include "base/arena.h"

/* text signed with sk, in base64 (in a). */
const char *ed25519_sign64(struct arena *a, const char *text, const unsigned char *sk);
/* Does sig64 (base64) sign text under pk? False for a missing or malformed signature. */
bool ed25519_verify64(const char *text, const char *sig64, const unsigned char *pk);
/* The key's fingerprint: 16 hex digits of its BLAKE2b hash (in a). */
const char *ed25519_fingerprint(struct arena *a, const unsigned char *pk);
/* A signature's short check code: 16 hex digits of the BLAKE2b hash of its base64 text (in
 * a). Printed on a signed document and put in the link its QR code opens, it lets the verify
 * page find the signature it names without listing the others. */
const char *ed25519_check_code(struct arena *a, const char *sig64);

#endif
