/* The way to the join page for a phone: a QR code of {base_url}/join/{branch} on the board,
 * and the printable door sign /join/{branch}/sign with it (the handler is in handlers.h). */
#ifndef PAGES_JOIN_QR_H
#define PAGES_JOIN_QR_H

#include "http/lang.h" /* req_lang, for the caller's lang */

/* The board's corner: the code and "Join the line from your phone" in lang. code is the
 * branch code the board was opened with (queue_board accepted it). */
void join_qr_board(struct request *r, const char *code, int lang);

#endif
