/* Preloaded into frontdesk serve by test_durability.py: while the file named by
 * FRONTDESK_TEST_FAILING_DISK exists, every fsync and fdatasync fails with EIO, as a dying
 * disk's would. Nothing else changes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static int failing(void)
{
	const char *flag = getenv("FRONTDESK_TEST_FAILING_DISK");
	return flag && access(flag, F_OK) == 0;
}

/* The libc function called name, or EIO while the disk is failing. */
static int sync_or_fail(const char *name, int fd)
{
	int (*real)(int);
	if (failing()) {
		errno = EIO;
		return -1;
	}
	*(void **)&real = dlsym(RTLD_NEXT, name);
	return real(fd);
}

int fsync(int fd)
{
	return sync_or_fail("fsync", fd);
}

int fdatasync(int fd)
{
	return sync_or_fail("fdatasync", fd);
}
