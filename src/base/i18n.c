/* The public's languages: English, in which the code is written, then one GNU gettext
 * catalogue per language in po/LINGUAS, compiled by msgfmt at build time and embedded (a
 * lookup needs no file, no installed system locale and no process-wide setlocale, so each
 * request can be answered in its own language). */
#include "base/i18n.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/embed.h"
#include "base/log.h"
#include "base/mo.h"

/* po/LL.mo for each line of po/LINGUAS, in its order (meson.build, scripts/embed.py). */
extern const struct embedded_file i18n_catalogues[];

#define LANG_MAX 16
#define CODE_MAX 16

static struct language {
	struct mo mo;
	char code[CODE_MAX]; /* as HTML writes it: "es", "pt-BR" */
	const char *name;    /* in itself: "Español" */
} langs[LANG_MAX] = {{.code = "en", .name = "English"}};
static int nlangs = 1;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

/* Its code from the catalogue's Language header ("es", "pt_BR" written "pt-BR"), else from
 * the file's name ("es.mo"). */
static void code_of(const struct embedded_file *f, struct language *l)
{
	if (mo_header(&l->mo, "Language", l->code, sizeof l->code) != 0) {
		size_t n = strcspn(f->name, ".");
		if (n >= sizeof l->code)
			n = sizeof l->code - 1;
		memcpy(l->code, f->name, n);
		l->code[n] = '\0';
	}
	for (char *c = l->code; *c; c++)
		if (*c == '_')
			*c = '-';
}

static void load(void)
{
	for (const struct embedded_file *f = i18n_catalogues; f->name && nlangs < LANG_MAX; f++) {
		struct language *l = &langs[nlangs];
		if (mo_open(&l->mo, f->data, f->size) != 0) {
			log_msg(LOG_ERROR,
				"i18n: the embedded catalogue %s is not a .mo file; its language "
				"is left out",
				f->name);
			continue;
		}
		code_of(f, l);
		/* TRANSLATORS: the name of your language in itself, as the language switch on
		 * the public's pages shows it ("Español", "Français"); it is how a catalogue
		 * names its language. */
		l->name = mo_find(&l->mo, N_("English"));
		if (!l->name || strcmp(l->name, "English") == 0)
			l->name = l->code;
		nlangs++;
	}
}

static void ensure_loaded(void)
{
	pthread_once(&loaded, load);
}

int i18n_count(void)
{
	ensure_loaded();
	return nlangs;
}

static const struct language *language(int lang)
{
	ensure_loaded();
	return &langs[lang > 0 && lang < nlangs ? lang : LANG_ENGLISH];
}

const char *i18n_code(int lang)
{
	return language(lang)->code;
}

const char *i18n_name(int lang)
{
	return language(lang)->name;
}

/* A language tag of n bytes ("es", "es-MX", "ES_mx") against code: the same language when the
 * code is the tag or its start up to a subtag. */
static bool tag_is(const char *tag, size_t n, const char *code)
{
	size_t c = strlen(code);
	return n >= c && strncasecmp(tag, code, c) == 0 &&
	       (n == c || tag[c] == '-' || tag[c] == '_');
}

static int find_tag(const char *tag, size_t n)
{
	ensure_loaded();
	for (int i = 0; i < nlangs; i++)
		if (tag_is(tag, n, langs[i].code))
			return i;
	return -1;
}

int i18n_find(const char *code)
{
	return code ? find_tag(code, strlen(code)) : -1;
}

/* The q-value of one Accept-Language item's parameters (";q=0.8"): 1 when none, -1 when
 * malformed (the item is then ignored). In thousandths, as RFC 9110 allows three digits. */
static int q_of(const char *p, const char *end)
{
	while (p < end) {
		p += strspn(p, "; \t");
		if (p < end && (p[0] == 'q' || p[0] == 'Q') && p + 1 < end && p[1] == '=') {
			char *stop;
			double q = strtod(p + 2, &stop);
			if (stop == p + 2 || stop > end || !(q >= 0 && q <= 1))
				return -1;
			return (int)(q * 1000 + 0.5);
		}
		p += strcspn(p, ";");
	}
	return 1000;
}

int i18n_pick(const char *accept_language)
{
	int best = LANG_ENGLISH, best_q = 0;
	for (const char *p = accept_language; p && *p;) {
		p += strspn(p, ", \t");
		const char *end = p + strcspn(p, ",");
		size_t n = strcspn(p, "; \t,");
		int q = q_of(p + n, end);
		int lang = n ? find_tag(p, n) : -1;
		/* A higher q wins; at a tie, the one listed first. */
		if (lang >= 0 && q > best_q) {
			best = lang;
			best_q = q;
		}
		p = end;
	}
	return best;
}

const char *tr(int lang, const char *msgid)
{
	/* "" is the catalogue's header, not a translation. */
	if (lang <= LANG_ENGLISH || !msgid || !*msgid)
		return msgid;
	const struct language *l = language(lang);
	const char *s = mo_find(&l->mo, msgid);
	return s && *s ? s : msgid;
}

const char *trp(int lang, const char *context, const char *msgid)
{
	if (lang <= LANG_ENGLISH || !msgid || !context)
		return msgid;
	/* A .mo keys a string with a context as "context\004msgid". */
	char key[256];
	int n = snprintf(key, sizeof key, "%s\004%s", context, msgid);
	if (n < 0 || (size_t)n >= sizeof key)
		return msgid;
	const char *s = mo_find(&language(lang)->mo, key);
	return s && *s ? s : msgid;
}
