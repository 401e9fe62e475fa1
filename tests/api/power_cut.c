/* Preloaded into frontdesk by the power-loss test and bench: a disk whose power fails, as
 * SQLite's crash tests simulate one. What was not synced when it fails is lost: each file of
 * FRONTDESK_POWER_DIR goes back to its last fsync, its names to the directory's last fsync. */
/* Its own names for open, pwrite and the rest: not renamed to their 64-bit twins. */
#undef _FILE_OFFSET_BITS
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* Until the cut, every change to the directory's files since their last sync is kept as an
 * undo record, and a hard link to what each name pointed at before it changed; the -shm files
 * are memory shared between processes, never on disk, and lose everything. Environment:
 *   FRONTDESK_POWER_DIR=DIR        the directory whose files are on the failing disk
 *   FRONTDESK_POWER_CUT_AFTER=N    the power fails instead of the Nth change to them
 *   FRONTDESK_POWER_CUT_AT_EXIT=1  the power fails as the process ends (what a command said
 *                                  it did must be on disk by then)
 *   FRONTDESK_POWER_TORN=SEED      at the cut, each 512-byte piece of an unsynced write is
 *                                  lost or kept at random, as is an unsynced size (torn writes)
 *   FRONTDESK_POWER_LYING_DISK=1   fsync returns success and syncs nothing (for the check
 *                                  that the test can see a lost write)
 * At the cut, one line on stderr ("power cut at change N: ...") and _exit(POWER_CUT_STATUS);
 * at a normal exit, "power cut: none in N changes". */
#define POWER_CUT_STATUS 86
#define MAX_FDS 65536
#define SECTOR 512

/* What a write or truncation replaced, to be put back. old is NULL for bytes past the file's
 * end when they were written (kept in torn mode only): nothing was there, zeros go back. */
struct undo {
	off_t off;
	size_t len;
	unsigned char *old;
	unsigned long long seq;
	struct undo *prev;
};

/* One file of the directory, by inode: own_fd reaches it whatever its names become. */
struct file {
	dev_t dev;
	ino_t ino;
	int own_fd;
	bool shm; /* SQLite's -shm: shared memory, lost entirely */
	off_t synced_size;
	unsigned long long synced_seq;
	struct undo *undo; /* newest first */
	char name[NAME_MAX + 1];
	struct file *next;
};

/* A name of the directory before a change: backup is a hard link to what it named, or ""
 * when it named nothing. */
struct name_change {
	char name[NAME_MAX + 1];
	char backup[64];
	unsigned long long seq;
	struct name_change *prev; /* older */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool on;
static int dir_fd = -1;
static dev_t dir_dev;
static ino_t dir_ino;
static struct file the_dir; /* fd_file[] entry of a descriptor open on the directory */
static struct file *fd_file[MAX_FDS];
static struct file *files;
static struct name_change *names;
static unsigned long long changes, cut_after, seq;
static unsigned backups;
static bool torn, lying, cut_at_exit;
static unsigned torn_state;

/* The functions this file stands in front of, as the next library (libc) has them. */
static struct {
	int (*openat64)(int, const char *, int, ...);
	int (*close)(int);
	int (*dup)(int);
	int (*dup2)(int, int);
	int (*dup3)(int, int, int);
	ssize_t (*write)(int, const void *, size_t);
	ssize_t (*pwrite64)(int, const void *, size_t, off_t);
	ssize_t (*writev)(int, const struct iovec *, int);
	ssize_t (*pwritev2)(int, const struct iovec *, int, off_t, int);
	int (*ftruncate64)(int, off_t);
	int (*fallocate64)(int, int, off_t, off_t);
	int (*fsync)(int);
	int (*fdatasync)(int);
	void (*sync)(void);
	int (*syncfs)(int);
	int (*renameat2)(int, const char *, int, const char *, unsigned);
	int (*unlinkat)(int, const char *, int);
	void *(*mmap64)(void *, size_t, int, int, int, off_t);
} real;
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void *next_fn(const char *name)
{
	void *fn = dlsym(RTLD_NEXT, name);
	if (!fn)
		abort();
	return fn;
}

static void real_find(void)
{
	*(void **)&real.openat64 = next_fn("openat64");
	*(void **)&real.close = next_fn("close");
	*(void **)&real.dup = next_fn("dup");
	*(void **)&real.dup2 = next_fn("dup2");
	*(void **)&real.dup3 = next_fn("dup3");
	*(void **)&real.write = next_fn("write");
	*(void **)&real.pwrite64 = next_fn("pwrite64");
	*(void **)&real.writev = next_fn("writev");
	*(void **)&real.pwritev2 = next_fn("pwritev2");
	*(void **)&real.ftruncate64 = next_fn("ftruncate64");
	*(void **)&real.fallocate64 = next_fn("fallocate64");
	*(void **)&real.fsync = next_fn("fsync");
	*(void **)&real.fdatasync = next_fn("fdatasync");
	*(void **)&real.sync = next_fn("sync");
	*(void **)&real.syncfs = next_fn("syncfs");
	*(void **)&real.renameat2 = next_fn("renameat2");
	*(void **)&real.unlinkat = next_fn("unlinkat");
	*(void **)&real.mmap64 = next_fn("mmap64");
}

/* Found on first use: another library's constructor may write before this one's runs. */
static void libc(void)
{
	pthread_once(&real_once, real_find);
}

static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	libc();
	if (n > 0)
		real.write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p) {
		say("power_cut: out of memory\n");
		abort();
	}
	return p;
}

static struct file *tracked(int fd)
{
	if (!on || fd < 0 || fd >= MAX_FDS)
		return NULL;
	return __atomic_load_n(&fd_file[fd], __ATOMIC_ACQUIRE);
}

static void set_tracked(int fd, struct file *f)
{
	if (fd < 0)
		return;
	if (fd >= MAX_FDS) {
		if (!f)
			return;
		say("power_cut: descriptor %d is past the table of %d\n", fd, MAX_FDS);
		abort();
	}
	__atomic_store_n(&fd_file[fd], f, __ATOMIC_RELEASE);
}

static unsigned coin(void)
{
	torn_state = torn_state * 1103515245u + 12345u;
	return (torn_state >> 16) & 1;
}

/* ---- the cut ---- */

/* Puts back what one undo record replaced: all of it, or in torn mode each sector's piece
 * at random. Returns the bytes put back. */
static size_t undo_apply(struct file *f, const struct undo *u)
{
	libc();
	static const unsigned char zeros[SECTOR];
	size_t done = 0;
	for (size_t at = 0; at < u->len;) {
		size_t piece = SECTOR - (size_t)((u->off + (off_t)at) % SECTOR);
		if (piece > u->len - at)
			piece = u->len - at;
		bool put_back = torn ? coin() : u->old != NULL;
		if (put_back) {
			const unsigned char *bytes = u->old ? u->old + at : zeros;
			if (real.pwrite64(f->own_fd, bytes, piece, u->off + (off_t)at) !=
			    (ssize_t)piece)
				say("power_cut: cannot restore %s: %s\n", f->name, strerror(errno));
			done += piece;
		}
		at += piece;
	}
	return done;
}

/* The file as its last sync left it (in torn mode, some of what came after). */
static size_t file_restore(struct file *f)
{
	libc();
	struct stat st;
	if (fstat(f->own_fd, &st) != 0)
		return 0;
	size_t lost = 0;
	for (struct undo *u = f->undo; u; u = u->prev)
		lost += undo_apply(f, u);
	off_t size = torn && coin() ? st.st_size : f->synced_size;
	if (st.st_size > size)
		lost += (size_t)(st.st_size - size);
	if (real.ftruncate64(f->own_fd, size) != 0)
		say("power_cut: cannot restore %s: %s\n", f->name, strerror(errno));
	return lost;
}

/* Shared memory is lost entirely. Other threads of the dying process may still read their
 * map of it (emptied, it would kill them with SIGBUS), so an empty file takes its name. */
static void shm_lose(const struct file *f)
{
	libc();
	struct stat st;
	if (fstatat(dir_fd, f->name, &st, AT_SYMLINK_NOFOLLOW) != 0 || st.st_dev != f->dev ||
	    st.st_ino != f->ino)
		return; /* its name did not survive the cut */
	char empty[64];
	snprintf(empty, sizeof empty, ".power-cut-%d-shm", (int)getpid());
	int fd = real.openat64(dir_fd, empty, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
			       st.st_mode & 07777);
	if (fd < 0 || real.close(fd) != 0 || real.renameat2(dir_fd, empty, dir_fd, f->name, 0))
		say("power_cut: cannot empty %s: %s\n", f->name, strerror(errno));
}

/* The directory's names as its last sync left them, newest change undone first. */
static int names_restore(void)
{
	libc();
	int undone = 0;
	for (struct name_change *n = names; n; n = n->prev, undone++) {
		int rc = n->backup[0] ? real.renameat2(dir_fd, n->backup, dir_fd, n->name, 0)
				      : real.unlinkat(dir_fd, n->name, 0);
		if (rc != 0 && errno != ENOENT)
			say("power_cut: cannot restore the name %s: %s\n", n->name,
			    strerror(errno));
	}
	return undone;
}

static int parked;

static void park(int sig)
{
	(void)sig;
	__atomic_add_fetch(&parked, 1, __ATOMIC_SEQ_CST);
	for (;;)
		pause();
}

/* Every other thread stops where it is, as a machine without power does: none of them may
 * see the disk go back, nor answer from what it reads there then. Returns the threads that
 * did not stop within a second (none unless one blocks the signal). Without malloc: a thread
 * may have stopped holding its lock. */
static int others_stop(void)
{
	struct sigaction sa = {.sa_handler = park};
	sigfillset(&sa.sa_mask);
	int sig = SIGRTMAX - 1;
	if (sigaction(sig, &sa, NULL) != 0)
		return -1;
	int tasks = real.openat64(AT_FDCWD, "/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pid_t self = (pid_t)syscall(SYS_gettid);
	int sent = 0;
	char buf[4096];
	long got;
	while (tasks >= 0 && (got = syscall(SYS_getdents64, tasks, buf, sizeof buf)) > 0) {
		for (long at = 0; at < got;) {
			struct dirent64 *e = (struct dirent64 *)(buf + at);
			pid_t tid = (pid_t)strtol(e->d_name, NULL, 10);
			if (tid > 0 && tid != self && syscall(SYS_tgkill, getpid(), tid, sig) == 0)
				sent++;
			at += e->d_reclen;
		}
	}
	if (tasks >= 0)
		real.close(tasks);
	for (int ms = 0; ms < 1000 && __atomic_load_n(&parked, __ATOMIC_SEQ_CST) < sent; ms++)
		nanosleep(&(struct timespec){0, 1000000L}, NULL);
	return sent - __atomic_load_n(&parked, __ATOMIC_SEQ_CST);
}

/* Called with the lock held, which it keeps: no other thread changes a file again. */
static void power_fails(void)
{
	int running = others_stop();
	if (running)
		say("power_cut: %d threads did not stop\n", running);
	size_t lost = 0;
	int nfiles = 0;
	for (struct file *f = files; f; f = f->next, nfiles++)
		if (!f->shm)
			lost += file_restore(f);
	int undone = names_restore();
	for (struct file *f = files; f; f = f->next)
		if (f->shm)
			shm_lose(f);
	say("power cut at change %llu: %zu unsynced bytes lost in %d files, %d names undone\n",
	    changes, lost, nfiles, undone);
	_exit(POWER_CUT_STATUS);
}

/* One change to the directory or its files; the power fails instead of the one numbered
 * FRONTDESK_POWER_CUT_AFTER. Called with the lock held. */
static void change(void)
{
	if (++changes == cut_after)
		power_fails();
}

/* ---- remembering changes ---- */

/* Before bytes [off, off + len) of f change: what they hold now. */
static void remember(struct file *f, off_t off, size_t len)
{
	if (f->shm || len == 0)
		return;
	struct stat st;
	if (fstat(f->own_fd, &st) != 0)
		abort();
	/* Past the end nothing was on disk: in full mode the final truncation puts that back. */
	size_t inside =
		off >= st.st_size
			? 0
			: (size_t)(st.st_size - off < (off_t)len ? st.st_size - off : (off_t)len);
	if (inside) {
		struct undo *u = xcalloc(1, sizeof *u);
		*u = (struct undo){off, inside, xcalloc(1, inside), ++seq, f->undo};
		ssize_t got = pread(f->own_fd, u->old, inside, off);
		if (got < 0)
			abort();
		f->undo = u;
	}
	if (torn && inside < len) {
		struct undo *u = xcalloc(1, sizeof *u);
		*u = (struct undo){off + (off_t)inside, len - inside, NULL, ++seq, f->undo};
		f->undo = u;
	}
}

static void remember_at_offset(int fd, struct file *f, size_t len)
{
	struct stat st;
	int fl = fcntl(fd, F_GETFL);
	off_t off = lseek(fd, 0, SEEK_CUR);
	if (fl >= 0 && (fl & O_APPEND) && fstat(fd, &st) == 0)
		off = st.st_size;
	if (off >= 0)
		remember(f, off, len);
}

static size_t iov_len(const struct iovec *iov, int n)
{
	size_t len = 0;
	for (int i = 0; i < n; i++)
		len += iov[i].iov_len;
	return len;
}

/* Before the directory's entry name changes: a hard link keeps what it names now. */
static void name_change(const char *name)
{
	struct name_change *n = xcalloc(1, sizeof *n);
	snprintf(n->name, sizeof n->name, "%s", name);
	snprintf(n->backup, sizeof n->backup, ".power-cut-%d-%u", (int)getpid(), backups++);
	if (linkat(dir_fd, name, dir_fd, n->backup, 0) != 0)
		n->backup[0] = '\0';
	n->seq = ++seq;
	n->prev = names;
	names = n;
}

/* The file an open descriptor reaches, tracked from now on. name: its name in the dir. */
static struct file *file_track(int fd, const char *name)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	for (struct file *f = files; f; f = f->next)
		if (f->dev == st.st_dev && f->ino == st.st_ino)
			return f;
	libc();
	char self[64];
	snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
	struct file *f = xcalloc(1, sizeof *f);
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->own_fd = real.openat64(AT_FDCWD, self, O_RDWR | O_CLOEXEC);
	if (f->own_fd < 0) {
		say("power_cut: cannot reopen %s: %s\n", name, strerror(errno));
		abort();
	}
	/* What was there before this process is taken as on disk (the test syncs first). */
	f->synced_size = st.st_size;
	size_t n = strlen(name);
	f->shm = n > 4 && strcmp(name + n - 4, "-shm") == 0;
	snprintf(f->name, sizeof f->name, "%s", name);
	f->next = files;
	files = f;
	return f;
}

/* Whether path (from dirfd) names an entry of the watched directory; its name in base. */
static bool in_dir(int dirfd, const char *path, char base[NAME_MAX + 1])
{
	char parent[PATH_MAX];
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strlen(name) > NAME_MAX)
		return false;
	if (!slash)
		snprintf(parent, sizeof parent, ".");
	else if (slash == path)
		snprintf(parent, sizeof parent, "/");
	else if ((size_t)(slash - path) >= sizeof parent)
		return false;
	else
		snprintf(parent, sizeof parent, "%.*s", (int)(slash - path), path);
	struct stat st;
	if (fstatat(dirfd, parent, &st, 0) != 0 || st.st_dev != dir_dev || st.st_ino != dir_ino)
		return false;
	snprintf(base, NAME_MAX + 1, "%s", name);
	return true;
}

/* ---- syncs ---- */

/* After a sync that began at mark: what came before it is on disk. */
static void file_synced(struct file *f, unsigned long long mark, off_t size_at_mark)
{
	if (mark <= f->synced_seq)
		return;
	f->synced_seq = mark;
	f->synced_size = size_at_mark;
	struct undo **link = &f->undo;
	while (*link && (*link)->seq >= mark)
		link = &(*link)->prev;
	for (struct undo *u = *link, *older; u; u = older) {
		older = u->prev;
		free(u->old);
		free(u);
	}
	*link = NULL;
}

static void dir_synced(unsigned long long mark)
{
	libc();
	struct name_change **link = &names;
	while (*link && (*link)->seq >= mark)
		link = &(*link)->prev;
	for (struct name_change *n = *link, *older; n; n = older) {
		older = n->prev;
		if (n->backup[0])
			real.unlinkat(dir_fd, n->backup, 0);
		free(n);
	}
	*link = NULL;
}

/* A sync of one file (f), of the directory (f == &the_dir) or of everything (f == NULL):
 * the real one runs without the lock, so that others write meanwhile, as they would. */
static int synced(struct file *f, int (*sync_fn)(int), int fd)
{
	pthread_mutex_lock(&lock);
	change();
	unsigned long long mark = ++seq;
	struct stat st = {0};
	if (f && f != &the_dir && fstat(f->own_fd, &st) != 0)
		abort();
	pthread_mutex_unlock(&lock);
	int rc = lying ? 0 : sync_fn(fd);
	if (rc != 0 || lying)
		return rc;
	pthread_mutex_lock(&lock);
	if (f == &the_dir) {
		dir_synced(mark);
	} else if (f) {
		file_synced(f, mark, st.st_size);
	} else {
		for (struct file *g = files; g; g = g->next)
			if (fstat(g->own_fd, &st) == 0)
				file_synced(g, mark, st.st_size);
		dir_synced(mark);
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

/* ---- the functions stood in front of ---- */

static int opened(int dirfd, const char *path, int flags, mode_t mode)
{
	libc();
	char base[NAME_MAX + 1];
	if (!on || !in_dir(dirfd, path, base)) {
		int fd = real.openat64(dirfd, path, flags, mode);
		struct stat st;
		/* The directory itself, which a sync makes its names durable through. */
		if (on && fd >= 0 && fstat(fd, &st) == 0 && st.st_dev == dir_dev &&
		    st.st_ino == dir_ino)
			set_tracked(fd, &the_dir);
		return fd;
	}
	pthread_mutex_lock(&lock);
	struct stat st;
	bool existed = fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
	bool truncates = existed && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY &&
			 S_ISREG(st.st_mode) && st.st_size > 0;
	if ((!existed && (flags & O_CREAT)) || truncates)
		change();
	bool creates = !existed && (flags & O_CREAT);
	if (creates)
		name_change(base);
	/* O_TRUNC done here, after the bytes it cuts off are remembered. */
	int fd = real.openat64(dirfd, path, flags & ~O_TRUNC, mode);
	if (fd < 0 && creates) {
		struct name_change *n = names; /* nothing was made after all */
		names = n->prev;
		free(n);
	} else if (fd >= 0) {
		struct file *f = file_track(fd, base);
		set_tracked(fd, f);
		if (f && truncates) {
			libc();
			remember(f, 0, (size_t)st.st_size);
			real.ftruncate64(fd, 0);
		}
	}
	pthread_mutex_unlock(&lock);
	return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return opened(AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return opened(AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return opened(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return opened(dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return opened(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int creat64(const char *path, mode_t mode)
{
	return opened(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int close(int fd)
{
	libc();
	/* Forgotten before the number can be given out again. */
	if (tracked(fd)) {
		pthread_mutex_lock(&lock);
		set_tracked(fd, NULL);
		pthread_mutex_unlock(&lock);
	}
	return real.close(fd);
}

static int duped(int fd, int to)
{
	if (to >= 0 && to != fd && (tracked(fd) || tracked(to))) {
		pthread_mutex_lock(&lock);
		set_tracked(to, tracked(fd));
		pthread_mutex_unlock(&lock);
	}
	return to;
}

int dup(int fd)
{
	libc();
	return duped(fd, real.dup(fd));
}

int dup2(int fd, int to)
{
	libc();
	return duped(fd, real.dup2(fd, to));
}

int dup3(int fd, int to, int flags)
{
	libc();
	return duped(fd, real.dup3(fd, to, flags));
}

ssize_t write(int fd, const void *buf, size_t len)
{
	libc();
	struct file *f = tracked(fd);
	if (!f || f == &the_dir)
		return real.write(fd, buf, len);
	pthread_mutex_lock(&lock);
	if (!f->shm)
		change();
	remember_at_offset(fd, f, len);
	ssize_t n = real.write(fd, buf, len);
	pthread_mutex_unlock(&lock);
	return n;
}

static ssize_t positioned(int fd, const void *buf, size_t len, off_t off)
{
	libc();
	struct file *f = tracked(fd);
	if (!f || f == &the_dir)
		return real.pwrite64(fd, buf, len, off);
	pthread_mutex_lock(&lock);
	if (!f->shm)
		change();
	remember(f, off, len);
	ssize_t n = real.pwrite64(fd, buf, len, off);
	pthread_mutex_unlock(&lock);
	return n;
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return positioned(fd, buf, len, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	return positioned(fd, buf, len, off);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	libc();
	struct file *f = tracked(fd);
	if (!f || f == &the_dir)
		return real.writev(fd, iov, n);
	pthread_mutex_lock(&lock);
	if (!f->shm)
		change();
	remember_at_offset(fd, f, iov_len(iov, n));
	ssize_t got = real.writev(fd, iov, n);
	pthread_mutex_unlock(&lock);
	return got;
}

/* pwritev and its kin; flags as pwritev2's (an offset of -1 is the file's own). */
static ssize_t vectored(int fd, const struct iovec *iov, int n, off_t off, int flags)
{
	libc();
	struct file *f = tracked(fd);
	if (!f || f == &the_dir)
		return real.pwritev2(fd, iov, n, off, flags);
	pthread_mutex_lock(&lock);
	if (!f->shm)
		change();
	if (off == -1 || (flags & RWF_APPEND))
		remember_at_offset(fd, f, iov_len(iov, n));
	else
		remember(f, off, iov_len(iov, n));
	ssize_t got = real.pwritev2(fd, iov, n, off, flags);
	pthread_mutex_unlock(&lock);
	return got;
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t off)
{
	return vectored(fd, iov, n, off, 0);
}

ssize_t pwritev64(int fd, const struct iovec *iov, int n, off_t off)
{
	return vectored(fd, iov, n, off, 0);
}

ssize_t pwritev2(int fd, const struct iovec *iov, int n, off_t off, int flags)
{
	return vectored(fd, iov, n, off, flags);
}

ssize_t pwritev64v2(int fd, const struct iovec *iov, int n, off_t off, int flags)
{
	return vectored(fd, iov, n, off, flags);
}

static int truncated(int fd, off_t size)
{
	libc();
	struct file *f = tracked(fd);
	if (!f || f == &the_dir)
		return real.ftruncate64(fd, size);
	pthread_mutex_lock(&lock);
	if (!f->shm)
		change();
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size > size)
		remember(f, size, (size_t)(st.st_size - size));
	int rc = real.ftruncate64(fd, size);
	pthread_mutex_unlock(&lock);
	return rc;
}

int ftruncate(int fd, off_t size)
{
	return truncated(fd, size);
}

int ftruncate64(int fd, off_t size)
{
	return truncated(fd, size);
}

/* Allocation changes only a size, which a sync makes durable like any other; the modes
 * that move or zero bytes are refused rather than let past the undo records. */
static int allocated(int fd, int mode, off_t off, off_t len)
{
	libc();
	struct file *f = tracked(fd);
	if (f && f != &the_dir && (mode & ~FALLOC_FL_KEEP_SIZE)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (f && f != &the_dir && !f->shm) {
		pthread_mutex_lock(&lock);
		change();
		pthread_mutex_unlock(&lock);
	}
	return real.fallocate64(fd, mode, off, len);
}

int fallocate(int fd, int mode, off_t off, off_t len)
{
	return allocated(fd, mode, off, len);
}

int fallocate64(int fd, int mode, off_t off, off_t len)
{
	return allocated(fd, mode, off, len);
}

int fsync(int fd)
{
	libc();
	struct file *f = tracked(fd);
	return f ? synced(f, real.fsync, fd) : real.fsync(fd);
}

int fdatasync(int fd)
{
	libc();
	struct file *f = tracked(fd);
	/* fdatasync writes the size too: what it leaves out (times) nobody reads back. */
	return f ? synced(f, real.fdatasync, fd) : real.fdatasync(fd);
}

/* sync_file_range is not a sync: it neither writes the size nor flushes the disk's cache,
 * so it changes nothing here. */

static int sync_all(int fd)
{
	libc();
	(void)fd;
	real.sync();
	return 0;
}

void sync(void)
{
	if (on)
		synced(NULL, sync_all, -1);
	else
		sync_all(-1);
}

int syncfs(int fd)
{
	libc();
	return on ? synced(NULL, real.syncfs, fd) : real.syncfs(fd);
}

static int renamed(int from_dir, const char *from, int to_dir, const char *to, unsigned flags)
{
	libc();
	char from_base[NAME_MAX + 1], to_base[NAME_MAX + 1];
	bool from_in = on && in_dir(from_dir, from, from_base);
	bool to_in = on && in_dir(to_dir, to, to_base);
	if (!from_in && !to_in)
		return real.renameat2(from_dir, from, to_dir, to, flags);
	pthread_mutex_lock(&lock);
	change();
	if (to_in)
		name_change(to_base);
	if (from_in)
		name_change(from_base);
	int rc = real.renameat2(from_dir, from, to_dir, to, flags);
	pthread_mutex_unlock(&lock);
	return rc;
}

int rename(const char *from, const char *to)
{
	return renamed(AT_FDCWD, from, AT_FDCWD, to, 0);
}

int renameat(int from_dir, const char *from, int to_dir, const char *to)
{
	return renamed(from_dir, from, to_dir, to, 0);
}

int renameat2(int from_dir, const char *from, int to_dir, const char *to, unsigned flags)
{
	return renamed(from_dir, from, to_dir, to, flags);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	libc();
	char base[NAME_MAX + 1];
	if (!on || (flags & AT_REMOVEDIR) || !in_dir(dirfd, path, base))
		return real.unlinkat(dirfd, path, flags);
	pthread_mutex_lock(&lock);
	change();
	name_change(base);
	int rc = real.unlinkat(dirfd, path, flags);
	pthread_mutex_unlock(&lock);
	return rc;
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

/* A writable shared map of a file on the failing disk would change it past the undo
 * records: only the -shm files, lost entirely anyway, may be mapped so. */
static void check_map(int prot, int flags, int fd)
{
	struct file *f = tracked(fd);
	if (f && f != &the_dir && !f->shm && (prot & PROT_WRITE) && (flags & MAP_SHARED)) {
		say("power_cut: %s is mapped writable, which this disk cannot undo\n", f->name);
		abort();
	}
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	libc();
	check_map(prot, flags, fd);
	return real.mmap64(addr, len, prot, flags, fd, off);
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	libc();
	check_map(prot, flags, fd);
	return real.mmap64(addr, len, prot, flags, fd, off);
}

/* ---- start and normal end ---- */

__attribute__((constructor)) static void power_cut_start(void)
{
	const char *dir = getenv("FRONTDESK_POWER_DIR");
	if (!dir || !*dir)
		return;
	libc();
	dir_fd = real.openat64(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	if (dir_fd < 0 || fstat(dir_fd, &st) != 0) {
		say("power_cut: cannot open FRONTDESK_POWER_DIR %s: %s\n", dir, strerror(errno));
		abort();
	}
	dir_dev = st.st_dev;
	dir_ino = st.st_ino;
	const char *after = getenv("FRONTDESK_POWER_CUT_AFTER");
	cut_after = after ? strtoull(after, NULL, 10) : 0;
	const char *seed = getenv("FRONTDESK_POWER_TORN");
	torn = seed && *seed;
	torn_state = torn ? (unsigned)strtoul(seed, NULL, 10) : 0;
	const char *lie = getenv("FRONTDESK_POWER_LYING_DISK");
	lying = lie && strcmp(lie, "1") == 0;
	const char *at_exit = getenv("FRONTDESK_POWER_CUT_AT_EXIT");
	cut_at_exit = at_exit && strcmp(at_exit, "1") == 0;
	on = true;
}

/* No power failed: the hard links kept for undoing names are not needed. */
__attribute__((destructor)) static void power_cut_end(void)
{
	if (!on)
		return;
	pthread_mutex_lock(&lock);
	if (cut_at_exit) {
		fflush(NULL); /* what the command said it did, printed before the power fails */
		changes++;
		power_fails();
	}
	dir_synced(ULLONG_MAX);
	say("power cut: none in %llu changes\n", changes);
	on = false;
	pthread_mutex_unlock(&lock);
}
