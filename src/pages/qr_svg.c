/* A QR code as inline SVG (see qr_svg.h): one path of runs, so a code of a long link stays a
 * few kilobytes. */
#include "pages/qr_svg.h"

#include <qrencode.h>

#include "http/html.h"

#define QR_QUIET 4 /* modules of white around the code */

int qr_svg(struct buf *b, const char *text, const char *label, struct fd_error *err)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return fd_fail(err, FD_EINTERNAL, "cannot draw the QR code");
	int side = q->width + 2 * QR_QUIET;
	html_printf(b,
		    "<svg class=\"qr\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d %d\" "
		    "xmlns=\"http://www.w3.org/2000/svg\" shape-rendering=\"crispEdges\">"
		    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		    label, side, side, side, side);
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width;) {
			if (!(q->data[y * q->width + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < q->width && (q->data[y * q->width + x + run] & 1))
				run++;
			buf_printf(b, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
			x += run;
		}
	buf_printf(b, "\"/></svg>");
	QRcode_free(q);
	return 0;
}
