/* Secret files: created 0600 before a byte is written (never chmod-ed after), synced, and
 * refused when others may read them. */
#include "base/private_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"

int private_file_read(const char *path, char *buf, size_t size, bool *exists, struct fd_error *err)
{
	struct stat st;
	size_t len = 0;
	int rc = -1;
	*exists = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno == ENOENT ? 0
				       : fd_fail(err, FD_EINTERNAL, "cannot read %s: %s", path,
						 strerror(errno));
	*exists = true;
	if (fstat(fd, &st) != 0) {
		fd_fail(err, FD_EINTERNAL, "cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		fd_fail(err, FD_EINTERNAL, "%s is not a file", path);
		goto out;
	}
	/* As ssh does with its keys: a secret others could read is no longer a secret. */
	if (st.st_mode & 077) {
		fd_fail(err, FD_EINTERNAL,
			"%s holds a secret key but others may read it (mode %04o): chmod 600 %s",
			path, (unsigned)(st.st_mode & 07777), path);
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fd_fail(err, FD_EINTERNAL, "cannot read %s: %s", path, strerror(errno));
			goto out;
		}
		len += (size_t)n;
		if (n == 0)
			break;
		if (len == size - 1) {
			char more;
			if (read(fd, &more, 1) > 0) {
				fd_fail(err, FD_EINTERNAL, "%s is too long to be a key file", path);
				goto out;
			}
			break;
		}
	}
	buf[len] = '\0';
	rc = 0;
out:
	close(fd);
	return rc;
}

/* O_EXCL: never someone else's file, nor one left by a symbolic link; fchmod: exactly 0600
 * whatever the umask (which can only have taken permissions away, never given any). */
static int create_0600(const char *path, struct fd_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? fd_fail(err, FD_ECONFLICT, "%s exists already", path)
				       : fd_fail(err, FD_EINTERNAL, "cannot create %s: %s", path,
						 strerror(errno));
	if (fchmod(fd, 0600) != 0) {
		fd_fail(err, FD_EINTERNAL, "cannot make %s private: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

int private_file_create(const char *path, struct fd_error *err)
{
	int fd = create_0600(path, err);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A new name in a folder lasts a power cut only once the folder itself is synced. */
static int sync_folder(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = fd < 0 || fsync(fd) != 0 ? -1 : 0;
	if (fd >= 0)
		close(fd);
	free(copy);
	return rc;
}

int private_file_write(const char *path, const char *text, struct fd_error *err)
{
	size_t size = strlen(path) + sizeof ".new-XXXXXX";
	char *tmp = xmalloc(size);
	int rc = -1;
	snprintf(tmp, size, "%s.new-XXXXXX", path);
	/* mkostemp: O_CREAT | O_EXCL under a name no other thread or process has; then
	 * exactly 0600, as create_0600 does. */
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		fd_fail(err, FD_EINTERNAL, "cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0600) != 0 || write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0) {
		fd_fail(err, FD_EINTERNAL, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	/* link, not rename: it fails rather than replace a key another process put there
	 * meanwhile. */
	if (link(tmp, path) != 0) {
		if (errno == EEXIST)
			fd_fail(err, FD_ECONFLICT, "%s exists already", path);
		else
			fd_fail(err, FD_EINTERNAL, "cannot create %s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	unlink(tmp);
	if (sync_folder(path) != 0) {
		fd_fail(err, FD_EINTERNAL, "cannot sync the folder of %s: %s", path,
			strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}
