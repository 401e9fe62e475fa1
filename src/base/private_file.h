/* Files only their owner may read: the installation's signing key and backups. Like ssh with
 * its keys, a secret file that others may read is refused, naming the chmod that fixes it. */
#ifndef BASE_PRIVATE_FILE_H
#define BASE_PRIVATE_FILE_H
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* Reads the file at path into buf (at most size - 1 bytes, then a NUL). *exists is false,
 * and 0 returned, when there is no such file; a file group or others may read or write, or
 * that is longer than size - 1 bytes, is refused. */
int private_file_read(const char *path, char *buf, size_t size, bool *exists, struct fd_error *err);
/* Writes text into a new file at path with mode 0600 whatever the umask. The text is written
 * and synced under a temporary name first, so that path, once there, is whole; its folder is
 * synced after. FD_ECONFLICT when path exists already: it is never replaced. */
int private_file_write(const char *path, const char *text, struct fd_error *err);
/* Creates path empty, with mode 0600 whatever the umask, for something to be written into
 * (FD_ECONFLICT when it exists already). */
int private_file_create(const char *path, struct fd_error *err);

#endif
