/* The static files built into the binary (web/style.css, desk.js, board.js), served at a
 * name that carries a hash of their bytes so that browsers may keep them for good. */
#ifndef HTTP_ASSETS_H
#define HTTP_ASSETS_H

/* Where pages link the file called name: "/static/style.<hash>.css", the hash of the bytes
 * this binary carries, so a changed file is a new address. */
const char *assets_url(const char *name);

#endif
