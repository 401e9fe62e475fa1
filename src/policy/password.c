/* Length counted in characters (UTF-8 code points), not bytes, as ASVS V2.1.1 asks. */
#include "policy/password.h"

int password_check(const char *pw, struct fd_error *err)
{
	if (!pw)
		return fd_fail_field(err, "password", "a password is required");
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
		if ((*p & 0xC0) != 0x80)
			chars++;
	if (chars < PASSWORD_MIN_CHARS)
		return fd_fail_field(err, "password", "a password needs at least %d characters",
				     PASSWORD_MIN_CHARS);
	if (chars > PASSWORD_MAX_CHARS)
		return fd_fail_field(err, "password", "a password has at most %d characters",
				     PASSWORD_MAX_CHARS);
	return 0;
}
