// SPDX-License-Identifier: LGPL-2.1-only
/*
 * lock.c: serialising provisioning of a region between processes.
 *
 * The kernel serialises each sysfs write, not the sequences of writes a
 * command makes (create -> read seed -> size -> bind).  Two daxctl
 * processes interleaving those sequences on one region can configure the
 * same seed twice, delete each other's devices, or undo each other's
 * rollback.  So every mutating command holds an exclusive advisory lock
 * on the region for the whole sequence: flock(2) on /run/daxctl/regionN.lock,
 * a file in a directory only root may enter, so that a user who may not
 * provision can neither take the lock nor hold it to block root.  See
 * Documentation/locking.md for why that object, and for the rules.
 *
 * The lock belongs to the open file description, so it is released when
 * the process exits or dies, however it dies.  It is counted per region
 * object: nested lock/unlock pairs in one context are cheap and safe.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "private.h"
#include "sysfs.h"

/* how often a timed wait retries LOCK_NB */
#define LOCK_POLL_NS (20 * 1000 * 1000L)

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int try_flock(int fd, int op)
{
	int rc;

	do {
		rc = flock(fd, op);
	} while (rc < 0 && errno == EINTR && !(op & LOCK_NB));
	if (rc == 0)
		return 0;
	return errno == EWOULDBLOCK || errno == EINTR ? -EBUSY : -errno;
}

/*
 * Whom the lock directory and files must belong to: root, or under a test
 * root (DAXCTL_SYSFS_ROOT) whoever runs the tests.
 */
static uid_t lock_owner(struct daxctl_ctx *ctx)
{
	const char *root = daxctl_ctx_get_sysfs_root(ctx);

	return root && strcmp(root, "/") != 0 ? geteuid() : 0;
}

/* Refuse what someone else could have prepared: 0 or -EPERM. */
static int check_owned(struct daxctl_ctx *ctx, int fd, const char *what,
		       const char *path, mode_t type)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if ((st.st_mode & S_IFMT) != type || st.st_uid != lock_owner(ctx) ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)) ||
	    (type == S_IFREG && st.st_nlink != 1)) {
		err(ctx, "%s %s is not a %s owned by %s and closed to others: refusing to lock with it\n",
		    what, path, type == S_IFDIR ? "directory" : "single-link file",
		    lock_owner(ctx) ? "the test's user" : "root");
		return -EPERM;
	}
	return 0;
}

/* The lock directory, created 0700 when missing: fd or -errno. */
static int lock_dir_open(struct daxctl_ctx *ctx, char *dir)
{
	int fd, rc;

	rc = sysfs_lock_dir(ctx, dir);
	if (rc)
		return rc;
	if (mkdir(dir, 0700) < 0 && errno == ENOENT) {
		/* a test root's run/: its parent is the test's own */
		char parent[PATH_MAX], *slash;

		snprintf(parent, sizeof(parent), "%s", dir);
		slash = strrchr(parent, '/');
		if (slash && slash != parent) {
			*slash = '\0';
			if (mkdir(parent, 0755) == 0 || errno == EEXIST)
				mkdir(dir, 0700);
		}
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && (errno == ELOOP || errno == ENOTDIR)) {
		err(ctx, "lock directory %s is a symbolic link or not a directory: refusing to lock with it\n",
		    dir);
		return -EPERM;
	}
	if (fd < 0) {
		rc = -errno;
		err(ctx, "lock directory %s: %s\n", dir, strerror(-rc));
		return rc;
	}
	rc = check_owned(ctx, fd, "lock directory", dir, S_IFDIR);
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

/* regionN.lock in the lock directory: fd or -errno */
static int lock_file_open(struct daxctl_region *region)
{
	struct daxctl_ctx *ctx = region->ctx;
	char dir[PATH_MAX], name[32], path[PATH_MAX + 32];
	int dfd, fd, rc;

	dfd = lock_dir_open(ctx, dir);
	if (dfd < 0)
		return dfd;
	snprintf(name, sizeof(name), "region%d.lock", region->id);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = openat(dfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	rc = fd < 0 ? -errno : check_owned(ctx, fd, "lock file", path, S_IFREG);
	close(dfd);
	if (fd < 0 && rc == -ELOOP) {
		err(ctx, "lock file %s is a symbolic link: refusing to lock with it\n",
		    path);
		return -EPERM;
	}
	if (fd < 0) {
		err(ctx, "lock file %s: %s\n", path, strerror(-rc));
		return rc;
	}
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

DAXCTL_EXPORT int daxctl_region_get_lock_holder(struct daxctl_region *region,
						char *comm, size_t len)
{
	char line[256], path[64];
	struct stat st;
	FILE *f;
	int fd, pid = 0;

	if (!region || !comm || !len)
		return -EINVAL;
	comm[0] = '\0';
	fd = lock_file_open(region);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -errno;
	}
	close(fd);
	/* "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF" */
	f = fopen("/proc/locks", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned int maj, min;
		unsigned long ino;
		char kind[16];
		int p;

		if (sscanf(line, "%*d: %15s %*s %*s %d %x:%x:%lu", kind, &p,
			   &maj, &min, &ino) != 5 || strcmp(kind, "FLOCK"))
			continue;
		if (ino == st.st_ino && maj == major(st.st_dev) &&
		    min == minor(st.st_dev) && p > 0) {
			pid = p;
			break;
		}
	}
	fclose(f);
	if (pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (f) {
		if (fgets(comm, (int)len, f))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
	}
	return pid;
}

DAXCTL_EXPORT int daxctl_region_lock(struct daxctl_region *region,
				     int timeout_ms)
{
	struct daxctl_ctx *ctx;
	long long deadline;
	int fd, rc;

	if (!region)
		return -EINVAL;
	ctx = region->ctx;
	if (region->lock_depth > 0) {
		region->lock_depth++;
		return 0;
	}

	fd = lock_file_open(region);
	if (fd < 0)
		return fd;

	if (timeout_ms < 0) {
		rc = try_flock(fd, LOCK_EX);
	} else {
		deadline = now_ms() + timeout_ms;
		for (;;) {
			struct timespec pause = { 0, LOCK_POLL_NS };

			rc = try_flock(fd, LOCK_EX | LOCK_NB);
			if (rc != -EBUSY || now_ms() >= deadline)
				break;
			nanosleep(&pause, NULL);
		}
	}
	if (rc) {
		close(fd);
		if (rc == -EBUSY)
			dbg(ctx, "%s: locked by another process\n",
			    region->devname);
		else
			err(ctx, "%s: lock failed: %s\n", region->devname,
			    strerror(-rc));
		return rc;
	}

	region->lock_fd = fd;
	region->lock_depth = 1;
	/* whatever was cached may have changed while we waited */
	daxctl_region_rescan(region);
	dbg(ctx, "%s: locked\n", region->devname);
	return 0;
}

DAXCTL_EXPORT int daxctl_region_unlock(struct daxctl_region *region)
{
	if (!region)
		return -EINVAL;
	if (region->lock_depth <= 0)
		return -ENOLCK;
	if (--region->lock_depth > 0)
		return 0;
	/* closing the only descriptor releases the flock */
	close(region->lock_fd);
	region->lock_fd = -1;
	dbg(region->ctx, "%s: unlocked\n", region->devname);
	return 0;
}

DAXCTL_EXPORT int daxctl_region_is_locked(struct daxctl_region *region)
{
	return region && region->lock_depth > 0;
}

void daxctl_region_lock_drop(struct daxctl_region *region)
{
	if (region->lock_depth > 0) {
		close(region->lock_fd);
		region->lock_fd = -1;
		region->lock_depth = 0;
	}
}
