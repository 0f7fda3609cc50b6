// SPDX-License-Identifier: GPL-2.0-only
/*
 * filter.c: see filter.h.
 */
#include <stdio.h>
#include <string.h>

#include "filter.h"
#include "ident.h"

struct daxctl_region *daxctl_filter_region(struct daxctl_region *region,
					   const char *ident)
{
	int id;

	if (!ident || strcmp(ident, "all") == 0)
		return region;
	if (ident_region(ident, &id))
		return NULL;
	return daxctl_region_get_id(region) == id ? region : NULL;
}

struct daxctl_dev *daxctl_filter_dev(struct daxctl_dev *dev, const char *ident)
{
	struct daxctl_region *region = daxctl_dev_get_region(dev);
	int region_id, dev_id;

	if (!ident || strcmp(ident, "all") == 0)
		return dev;
	if (strcmp(ident, daxctl_dev_get_devname(dev)) == 0)
		return dev;
	if (ident_pair(ident, &region_id, &dev_id) == 0 &&
	    daxctl_region_get_id(region) == region_id &&
	    daxctl_dev_get_id(dev) == dev_id)
		return dev;
	return NULL;
}

bool daxctl_filter_dev_region(struct daxctl_region *region, const char *ident)
{
	int region_id, dev_id;

	if (!ident || strcmp(ident, "all") == 0)
		return true;
	if (ident_dev(ident, &region_id, &dev_id) == 0)
		return daxctl_region_get_id(region) == region_id;
	return false; /* not a form daxctl_filter_dev() matches */
}

struct daxctl_dev *daxctl_filter_dev_arg(struct daxctl_dev *dev,
					 const char *arg)
{
	const char *base = arg ? strrchr(arg, '/') : NULL;

	return daxctl_filter_dev(dev, base ? base + 1 : arg);
}
