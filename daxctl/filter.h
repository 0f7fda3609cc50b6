/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * filter.h: the region and device selectors of the command line.
 */
#ifndef _DAXCTL_FILTER_H_
#define _DAXCTL_FILTER_H_

#include <stdbool.h>

#include <libdaxctl/libdaxctl.h>

/*
 * Region selector: NULL or "all" match everything; otherwise "N" or
 * "regionN".  Parsed as leniently as the reference (a leading number is
 * enough: "0x" selects region 0), since scripts may rely on it, but an id
 * beyond INT_MAX selects nothing instead of wrapping (ident.h).
 */
struct daxctl_region *daxctl_filter_region(struct daxctl_region *region,
					   const char *ident);
/*
 * Device selector: NULL or "all" match everything; otherwise the exact
 * name "daxX.Y" or the pair "X.Y".
 */
struct daxctl_dev *daxctl_filter_dev(struct daxctl_dev *dev,
				     const char *ident);
/*
 * Whether @ident can select a device of @region at all: device names carry
 * their region's id (daxX.Y, X.Y), so commands on named devices need not
 * scan the devices of other regions.  NULL and "all" can select any.
 */
bool daxctl_filter_dev_region(struct daxctl_region *region, const char *ident);
/*
 * The device argument of the device commands: like daxctl_filter_dev(),
 * but a path such as /dev/dax0.0 is reduced to its basename first.
 */
struct daxctl_dev *daxctl_filter_dev_arg(struct daxctl_dev *dev,
					 const char *arg);

#endif /* _DAXCTL_FILTER_H_ */
