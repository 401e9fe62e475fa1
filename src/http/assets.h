/* The static files built into the binary (web/style.css, desk.js, board.js, favicon.svg), served at a
 * name that carries a hash of their bytes so that browsers may keep them for good. */
#ifndef HTTP_ASSETS_H
#define HTTP_ASSETS_H

#include <stdbool.h>

#include "http/request.h"

/* Where pages link the file called name: "/static/style.<hash>.css", the hash of the bytes
 * this binary carries, so a changed file is a new address. */
const char *assets_url(const char *name);
/* Answers with the file at name (fingerprinted or plain, gzipped when the client accepts it,
 * with its Cache-Control); false when no file is at that name. */
bool assets_serve(struct request *r, const char *name);

#endif
