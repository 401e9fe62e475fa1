/* Password rules (ASVS V2.1): 12 to 128 characters, no composition rules. */
#ifndef POLICY_PASSWORD_H
#define POLICY_PASSWORD_H

#include "base/error.h"

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_CHARS 128

/* 0 when pw is acceptable, else err names field "password". */
int password_check(const char *pw, struct fd_error *err);

#endif
