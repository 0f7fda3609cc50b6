/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * snapshot.c: what a device or a region looks like (ranges, alignment,
 * mode, online memory blocks), and the one engine that makes a region look
 * like a given snapshot.  Transactions (txn.c) restore with it, layouts
 * (layout.c) apply with it: both are "make the region look like this".
 * Nothing here is public ABI.
 */
#ifndef _LIBDAXCTL_SNAPSHOT_H_
#define _LIBDAXCTL_SNAPSHOT_H_

#include <stdbool.h>

#include "private.h"

struct snap_range {
	unsigned long long start, end; /* inclusive */
};

struct snap_online {
	unsigned long first, last; /* memory block ids, inclusive */
	bool movable;
};

struct dev_snap {
	int id; /* the Y of daxX.Y */
	enum daxctl_dev_mode mode; /* never UNKNOWN: read as DISABLED */
	unsigned long long size;
	unsigned long align;
	int nmaps;
	struct snap_range *maps; /* in page-offset (mappingN) order */
	int nonline;
	struct snap_online *online; /* system-ram only, ascending */
	/* memmap_on_memory: 0 or 1; -1 when the kernel has none (or, in a
	 * layout, when it does not say) and nothing is to be changed */
	int memmap;
};

struct region_snap {
	int id;
	unsigned long long size;
	int ndevs;
	struct dev_snap *devs; /* ascending id, each id once */
};

/*
 * Why an apply stopped, and how many writes it made: the engine fills it,
 * the caller turns it into its report.  @reason holds one line without
 * the trailing newline.
 */
struct apply_result {
	int changed;
	char reason[256];
};

int dev_snap_take(struct daxctl_dev *dev, struct dev_snap *snap);
void dev_snap_free(struct dev_snap *snap);
int dev_snap_copy(struct dev_snap *dst, const struct dev_snap *src);
bool dev_snap_same_ranges(const struct dev_snap *cur,
			  const struct dev_snap *want);
bool dev_snap_same(const struct dev_snap *cur, const struct dev_snap *want);

int region_snap_take(struct daxctl_region *region, struct region_snap *rs);
void region_snap_free(struct region_snap *rs);
struct dev_snap *region_snap_find(const struct region_snap *rs, int id);
/* Insert a copy of @snap, replacing a device of the same id. */
int region_snap_put(struct region_snap *rs, const struct dev_snap *snap);
void region_snap_remove(struct region_snap *rs, int id);

/*
 * Make @region look like @want; @cur is its state now.  Devices of @cur
 * absent from @want are deleted (daxX.0 only emptied); enabled devices
 * that would change are refused (-EBUSY) unless @force.  0, or -errno
 * with the region part way and @res->reason saying why.
 */
int region_apply(struct daxctl_region *region, const struct region_snap *cur,
		 const struct region_snap *want, bool force,
		 struct apply_result *res);

/* -EBUSY (and why in @res) when an enabled device of @cur would change. */
int region_apply_check_idle(const struct region_snap *cur,
			    const struct region_snap *want,
			    struct apply_result *res);

void apply_fail(struct apply_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* _LIBDAXCTL_SNAPSHOT_H_ */
