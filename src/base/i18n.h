/* The languages the public's pages speak (board, join, feedback, kiosk, door sign, the phone
 * greeting): English, the language the code is written in, and one GNU gettext catalogue per
 * other language (po/LL.po), compiled by msgfmt at build time and embedded. Staff pages stay
 * English. */
#ifndef BASE_I18N_H
#define BASE_I18N_H
#include <stddef.h>

/* A language: an index, 0 for English, then the catalogues in po/LINGUAS order. */
enum { LANG_ENGLISH = 0 };

/* Marks a string for xgettext where it is not translated at once (a table of labels):
 * translate it later with tr(). */
#define N_(s) (s)

/* How many languages there are, English included. */
int i18n_count(void);
/* Its code, as in HTML's lang attribute and the ?lang= switch: "en", "es". */
const char *i18n_code(int lang);
/* Its name in itself, for the switch: "English", "Español". */
const char *i18n_name(int lang);
/* The language with this code ("es", "es-MX" and "ES" give Spanish), or -1. */
int i18n_find(const char *code);
/* The best language for an Accept-Language header (q-values honoured; NULL or nothing known:
 * English). */
int i18n_pick(const char *accept_language);
/* msgid in lang: its translation, or msgid itself when the catalogue has none (English always).
 * A printf format keeps its conversions in the same order (msgfmt --check verifies it). */
const char *tr(int lang, const char *msgid) __attribute__((format_arg(2)));
/* msgid in lang as it reads in context (gettext's msgctxt), for an English text that another
 * language says in two ways: trp(lang, "one o'clock", "at %s") is Spanish "a la %s" where
 * tr(lang, "at %s") is "a las %s". English: msgid. */
const char *trp(int lang, const char *context, const char *msgid) __attribute__((format_arg(3)));

#endif
