/* The public's languages. English only until the catalogues are compiled in. */
#include "base/i18n.h"

#include <string.h>
#include <strings.h>

int i18n_count(void)
{
	return 1;
}

const char *i18n_code(int lang)
{
	(void)lang;
	return "en";
}

const char *i18n_name(int lang)
{
	(void)lang;
	return "English";
}

int i18n_find(const char *code)
{
	if (code && strncasecmp(code, "en", 2) == 0 && (code[2] == '\0' || code[2] == '-'))
		return LANG_ENGLISH;
	return -1;
}

int i18n_pick(const char *accept_language)
{
	(void)accept_language;
	return LANG_ENGLISH;
}

const char *tr(int lang, const char *msgid)
{
	(void)lang;
	return msgid;
}
