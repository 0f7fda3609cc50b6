/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Taking the region locks (libdaxctl lock.c) for a mutating command.
 * See Documentation/locking.md.
 */
#ifndef _DAXCTL_REGION_LOCK_H_
#define _DAXCTL_REGION_LOCK_H_

struct daxctl_ctx;
struct daxctl_region;

/*
 * Lock, in ascending region id order, every region the command may
 * change: those matching @region_filter (NULL: all) and, when every one
 * of the @nidents device arguments names a device (daxX.Y or X.Y), only
 * the regions of those devices.  On failure prints one line naming @cmd
 * and the busy region, releases what it took, and returns -EBUSY (or
 * -errno).  The wait is DAXCTL_LOCK_TIMEOUT seconds (default 30).
 */
int lock_regions(struct daxctl_ctx *ctx, const char *cmd,
		 const char *region_filter, int nidents, const char **idents);
/* One region (apply-layout); same message and status. */
int lock_region(struct daxctl_region *region, const char *cmd);
/* Release every region lock this process holds in @ctx. */
void unlock_regions(struct daxctl_ctx *ctx);

#endif /* _DAXCTL_REGION_LOCK_H_ */
