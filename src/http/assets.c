/* The static files built into the binary. Each is served at its fingerprinted name
 * (style.<hash>.css), cacheable for a year since new bytes make a new name, and at its plain
 * name with a short cache for old links; hashed and gzipped once, on first use. page.c's
 * page_static answers through assets_serve. */
#include "http/assets.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "base/alloc.h"
#include "base/embed.h"
#include "http/gzip.h"

#define HASH_HEX 12 /* 48 bits of BLAKE2b: enough to tell one build's file from another's */

extern const struct embedded_file web_assets[];

struct asset {
	const struct embedded_file *file;
	struct buf pinned; /* the fingerprinted name: "style.<hash>.css" */
	struct buf url;	   /* "/static/" and that */
	struct buf gz;	   /* the bytes gzipped; empty when not worth it */
};

static struct asset *assets;
static size_t nassets;
static pthread_once_t assets_once = PTHREAD_ONCE_INIT;

static const char *content_type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (dot && strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (dot && strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	return "application/octet-stream";
}

static void asset_load(struct asset *a, const struct embedded_file *f)
{
	unsigned char hash[crypto_generichash_BYTES_MIN];
	char hex[2 * sizeof hash + 1];
	crypto_generichash(hash, sizeof hash, f->data, f->size, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	hex[HASH_HEX] = '\0';
	a->file = f;
	const char *dot = strrchr(f->name, '.');
	if (dot)
		buf_printf(&a->pinned, "%.*s.%s%s", (int)(dot - f->name), f->name, hex, dot);
	else
		buf_printf(&a->pinned, "%s.%s", f->name, hex);
	buf_printf(&a->url, "/static/%s", buf_str(&a->pinned));
	if (gzip_compressible(content_type_of(f->name)) && f->size >= GZIP_MIN_BYTES)
		gzip_compress(f->data, f->size, &a->gz);
}

static void assets_load(void)
{
	while (web_assets[nassets].name)
		nassets++;
	assets = xcalloc(nassets ? nassets : 1, sizeof *assets);
	for (size_t i = 0; i < nassets; i++)
		asset_load(&assets[i], &web_assets[i]);
}

const char *assets_url(const char *name)
{
	pthread_once(&assets_once, assets_load);
	for (size_t i = 0; i < nassets; i++)
		if (strcmp(assets[i].file->name, name) == 0)
			return assets[i].url.data;
	return "/static/missing"; /* a name not built in: a 404, as a typo in a page would be */
}

bool assets_serve(struct request *r, const char *name)
{
	pthread_once(&assets_once, assets_load);
	for (size_t i = 0; i < nassets; i++) {
		const struct asset *a = &assets[i];
		bool pinned = strcmp(name, a->pinned.data) == 0;
		if (!pinned && strcmp(name, a->file->name) != 0)
			continue;
		buf_reset(&r->out);
		r->content_type = content_type_of(a->file->name);
		if (a->gz.len && gzip_accepted(req_header(r, "Accept-Encoding"))) {
			buf_append(&r->out, a->gz.data, a->gz.len);
			r->out_gzip = true;
		} else {
			buf_append(&r->out, a->file->data, a->file->size);
		}
		/* A fingerprinted name always means these bytes; the plain one may change with
		 * the next release, so a browser asks again after five minutes. */
		req_add_header(r, "Cache-Control",
			       pinned ? "public, max-age=31536000, immutable"
				      : "public, max-age=300");
		return true;
	}
	return false;
}
