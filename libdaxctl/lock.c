// SPDX-License-Identifier: LGPL-2.1-only
/*
 * lock.c: serialising provisioning of a region between processes.
 *
 * The kernel serialises each sysfs write, not the sequences of writes a
 * command makes (create -> read seed -> size -> bind).  Two daxctl
 * processes interleaving those sequences on one region can configure the
 * same seed twice, delete each other's devices, or undo each other's
 * rollback.  So every mutating command holds an exclusive advisory lock
 * on the region for the whole sequence: flock(2) on the region's
 * dax_region directory in sysfs.  See Documentation/locking.md for why
 * that object, and for the rules.
 *
 * The lock belongs to the open file description, so it is released when
 * the process exits or dies, however it dies.  It is counted per region
 * object: nested lock/unlock pairs in one context are cheap and safe.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/file.h>
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

	fd = sysfs_region_open_dir(ctx, region->path);
	if (fd < 0) {
		err(ctx, "%s: cannot open the region to lock it: %s\n",
		    region->devname, strerror(-fd));
		return fd;
	}

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
