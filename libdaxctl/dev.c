// SPDX-License-Identifier: LGPL-2.1-only
/*
 * dev.c: dax devices (daxX.Y) of a region: attributes, driver binding and
 * resizing.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "sysfs.h"

static void dev_drop_memory(struct daxctl_dev *dev)
{
	if (dev->mem) {
		daxctl_memory_free(dev->mem);
		dev->mem = NULL;
	}
}

void daxctl_dev_free(struct daxctl_dev *dev)
{
	dev_drop_memory(dev);
	daxctl_mappings_free(dev);
	list_del(&dev->list);
	free(dev->devname);
	free(dev->path);
	free(dev->node_path);
	free(dev);
}

void daxctl_region_devices_free(struct daxctl_region *region)
{
	struct daxctl_dev *dev, *tmp;

	list_for_each_safe(&region->devices, dev, tmp, list)
		daxctl_dev_free(dev);
	region->devices_init = false;
}

static enum daxctl_dev_mode driver_mode(enum sysfs_dax_driver drv)
{
	switch (drv) {
	case DAX_DRIVER_NONE:
		return DAXCTL_DEV_MODE_DISABLED;
	case DAX_DRIVER_DEVICE_DAX:
		return DAXCTL_DEV_MODE_DEVDAX;
	case DAX_DRIVER_KMEM:
		return DAXCTL_DEV_MODE_RAM;
	default:
		return DAXCTL_DEV_MODE_UNKNOWN;
	}
}

/* bits of dev->cached */
enum {
	DEV_CACHED_SIZE = 1 << 0,
	DEV_CACHED_RESOURCE = 1 << 1,
	DEV_CACHED_ALIGN = 1 << 2,
	DEV_CACHED_TARGET_NODE = 1 << 3,
	DEV_CACHED_NUMA_NODE = 1 << 4,
	DEV_CACHED_MODE = 1 << 5,
	DEV_CACHED_ALL = (1 << 6) - 1,
};

static void dev_set_mode(struct daxctl_dev *dev, enum daxctl_dev_mode mode)
{
	dev->mode = mode;
	dev->cached |= DEV_CACHED_MODE;
	if (mode != DAXCTL_DEV_MODE_RAM)
		dev_drop_memory(dev);
}

/*
 * Under the root "/" the files are the kernel's, whose stores succeed only
 * after doing what they say: a successful unbind leaves no driver, and
 * size_store() and align_store() refuse a bound device (EBUSY).  A test
 * tree under another root may be plain files that accept any write, so
 * there the driver link is read instead.
 */
static bool dev_writes_tell_mode(struct daxctl_dev *dev)
{
	return !daxctl_ctx_is_rooted(dev->region->ctx);
}

/* after a write that succeeds on an unbound device only */
static void dev_unbound_after_write(struct daxctl_dev *dev)
{
	if (dev_writes_tell_mode(dev))
		dev_set_mode(dev, DAXCTL_DEV_MODE_DISABLED);
}

static int dev_read_mode(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	enum sysfs_dax_driver drv;
	int rc;

	rc = sysfs_dev_driver(ctx, dev->path, &drv);
	if (rc < 0) {
		dev->mode = DAXCTL_DEV_MODE_UNKNOWN;
		dev->cached |= DEV_CACHED_MODE;
		return rc;
	}
	dev_set_mode(dev, driver_mode(drv));
	return 0;
}

static int dev_read_size(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	unsigned long long v;
	int rc;

	/* a failed re-read keeps the last size known, and is not retried */
	dev->cached |= DEV_CACHED_SIZE;
	rc = sysfs_dev_read_u64(ctx, dev->path, DEV_ATTR_SIZE, &v);
	if (rc < 0) {
		err(ctx, "%s: size unreadable: %s\n", dev->devname,
		    strerror(-rc));
		return rc;
	}
	/*
	 * All ones, or more than the whole region: a number that parses but
	 * cannot be true is not shown as the device's size.
	 */
	if (v == ULLONG_MAX || (dev->region->size != ULLONG_MAX &&
				v > dev->region->size)) {
		err(ctx, "%s: size %llu cannot be true (region size %llu)\n",
		    dev->devname, v, dev->region->size);
		return -ERANGE;
	}
	dev->size = v;
	return 0;
}

/* a node id, or -1 when absent, unreadable or beyond any kernel's nodes */
static int dev_read_node(struct daxctl_dev *dev, enum sysfs_dev_attr attr,
			 const char *name)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	int node;

	if (sysfs_dev_read_int(ctx, dev->path, attr, &node) < 0)
		return -1;
	if (!node_plausible(node)) {
		err(ctx, "%s: %s %d cannot be true: unknown\n", dev->devname,
		    name, node);
		return -1;
	}
	return node;
}

/* optional attributes: absent (or broken) gives the default */
static void dev_read_optional(struct daxctl_dev *dev, unsigned int bit)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	unsigned long long v;

	dev->cached |= bit;
	switch (bit) {
	case DEV_CACHED_RESOURCE:
		dev->resource = 0;
		if (sysfs_dev_read_u64(ctx, dev->path, DEV_ATTR_RESOURCE,
				       &v) < 0)
			break;
		if (v == ULLONG_MAX)
			err(ctx, "%s: resource all ones cannot be true: unknown\n",
			    dev->devname);
		else
			dev->resource = v;
		break;
	case DEV_CACHED_ALIGN:
		dev->align = 0;
		if (sysfs_dev_read_u64(ctx, dev->path, DEV_ATTR_ALIGN, &v) < 0)
			break;
		if (align_plausible(v) && v < ULONG_MAX)
			dev->align = (unsigned long)v;
		else
			err(ctx, "%s: align %llu cannot be true: unknown\n",
			    dev->devname, v);
		break;
	case DEV_CACHED_TARGET_NODE:
		dev->target_node = dev_read_node(dev, DEV_ATTR_TARGET_NODE,
						 "target_node");
		break;
	case DEV_CACHED_NUMA_NODE:
		dev->numa_node = dev_read_node(dev, DEV_ATTR_NUMA_NODE,
					       "numa_node");
		break;
	}
}

/*
 * Read what @bits asks for and is not cached.  Attributes are read on
 * first use rather than at discovery: a command that touches one device
 * of a region with many (create-device) then reads the attributes of that
 * one only.
 */
static void dev_cache(struct daxctl_dev *dev, unsigned int bits)
{
	unsigned int bit, missing = bits & ~dev->cached;

	if (!missing)
		return;
	if (missing & DEV_CACHED_SIZE)
		dev_read_size(dev);
	for (bit = DEV_CACHED_RESOURCE; bit <= DEV_CACHED_NUMA_NODE; bit <<= 1)
		if (missing & bit)
			dev_read_optional(dev, bit);
	/*
	 * The kernel probes no device of size 0 (dax_bus_probe() says
	 * ENXIO), so a known size of 0 spares the readlink() of a driver
	 * link that is not there.
	 */
	if ((missing & DEV_CACHED_MODE) && (dev->cached & DEV_CACHED_SIZE) &&
	    dev->size == 0 && dev_writes_tell_mode(dev))
		dev_set_mode(dev, DAXCTL_DEV_MODE_DISABLED);
	else if (missing & DEV_CACHED_MODE)
		dev_read_mode(dev);
}

/*
 * After a write to the device, a rescan or a refresh: what sysfs says may
 * have changed, the getters ask again.  The memory object stays (its block
 * states are forgotten by daxctl_dev_refresh() only) unless the mode, once
 * read again, is no longer system-ram.
 */
static void dev_invalidate(struct daxctl_dev *dev)
{
	dev->cached = 0;
	daxctl_mappings_free(dev);
}

int daxctl_dev_read_attrs(struct daxctl_dev *dev)
{
	int rc;

	dev_invalidate(dev);
	rc = dev_read_size(dev);
	if (rc < 0)
		return rc;
	dev_cache(dev, DEV_CACHED_ALL & ~DEV_CACHED_MODE);
	return dev_read_mode(dev);
}

static struct daxctl_dev *dev_find(struct daxctl_region *region,
				   const char *name)
{
	struct daxctl_dev *dev;

	list_for_each(&region->devices, dev, list)
		if (strcmp(dev->devname, name) == 0)
			return dev;
	return NULL;
}

static int dev_scan_one(struct daxctl_ctx *ctx, int id, const char *name,
			const char *path, void *arg)
{
	struct daxctl_region *region = arg;
	struct daxctl_dev *dev;
	int rc;

	dev = dev_find(region, name);
	if (dev) {
		/* known: its attributes are read again when asked for */
		dev_invalidate(dev);
		dev->seen = true;
		return 0;
	}

	dev = calloc(1, sizeof(*dev));
	if (!dev)
		goto err;
	dev->region = region;
	dev->id = id;
	dev->target_node = -1;
	dev->numa_node = -1;
	list_head_init(&dev->mappings);
	/* a lone node: list_del() in daxctl_dev_free() is then harmless */
	dev->list.next = dev->list.prev = &dev->list;
	dev->devname = strdup(name);
	dev->path = strdup(path);
	if (!dev->devname || !dev->path)
		goto err_free;

	rc = sysfs_dev_chardev(ctx, path, name, &dev->major, &dev->minor);
	if (rc < 0) {
		err(ctx, "%s: no device number, skipped: %s\n", name,
		    strerror(-rc));
		goto err_free;
	}
	/*
	 * A device without a readable size is not listed; the size is all
	 * that discovery reads, the other attributes wait for a getter.
	 */
	if (dev_read_size(dev) < 0) {
		err(ctx, "%s: skipped\n", name);
		goto err_free;
	}
	dev->seen = true;
	/* prepend: see the ordering note in region.c */
	list_add(&region->devices, &dev->list);
	dbg(ctx, "%s: added\n", name);
	return 0;

err_free:
	daxctl_dev_free(dev);
	return 0;
err:
	err(ctx, "%s: out of memory\n", name);
	return 0;
}

void daxctl_region_devices_scan(struct daxctl_region *region)
{
	struct daxctl_dev *dev, *tmp;

	region->devices_init = true;
	list_for_each(&region->devices, dev, list)
		dev->seen = false;
	sysfs_region_for_each_dev(region->ctx, region->path, region->id,
				  dev_scan_one, region);
	list_for_each_safe(&region->devices, dev, tmp, list)
		if (!dev->seen)
			daxctl_dev_free(dev);
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region)
{
	if (!region)
		return NULL;
	if (!region->devices_init)
		daxctl_region_devices_scan(region);
	return list_first_entry_or_null(&region->devices, struct daxctl_dev,
					list);
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev)
{
	if (!dev)
		return NULL;
	return list_next_entry_or_null(&dev->region->devices, dev, list);
}

DAXCTL_EXPORT struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev)
{
	return dev->region;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev)
{
	return dev->region->ctx;
}

DAXCTL_EXPORT int daxctl_dev_get_id(struct daxctl_dev *dev)
{
	return dev->id;
}

DAXCTL_EXPORT const char *daxctl_dev_get_devname(struct daxctl_dev *dev)
{
	return dev->devname;
}

DAXCTL_EXPORT const char *daxctl_dev_get_node_path(struct daxctl_dev *dev)
{
	if (!dev)
		return NULL;
	if (!dev->node_path)
		dev->node_path =
			sysfs_dev_node_path(dev->region->ctx, dev->devname);
	return dev->node_path;
}

DAXCTL_EXPORT int daxctl_dev_open_node(struct daxctl_dev *dev, int flags)
{
	if (!dev)
		return -EINVAL;
	return sysfs_dev_node_open(dev->region->ctx, dev->devname, flags);
}

DAXCTL_EXPORT int daxctl_dev_get_major(struct daxctl_dev *dev)
{
	return dev->major;
}

DAXCTL_EXPORT int daxctl_dev_get_minor(struct daxctl_dev *dev)
{
	return dev->minor;
}

DAXCTL_EXPORT unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev)
{
	dev_cache(dev, DEV_CACHED_RESOURCE);
	return dev->resource;
}

DAXCTL_EXPORT unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev)
{
	dev_cache(dev, DEV_CACHED_SIZE);
	return dev->size;
}

DAXCTL_EXPORT unsigned long daxctl_dev_get_align(struct daxctl_dev *dev)
{
	dev_cache(dev, DEV_CACHED_ALIGN);
	return dev->align;
}

DAXCTL_EXPORT int daxctl_dev_get_target_node(struct daxctl_dev *dev)
{
	dev_cache(dev, DEV_CACHED_TARGET_NODE);
	return dev->target_node;
}

DAXCTL_EXPORT int daxctl_dev_get_numa_node(struct daxctl_dev *dev)
{
	dev_cache(dev, DEV_CACHED_NUMA_NODE);
	return dev->numa_node;
}

DAXCTL_EXPORT enum daxctl_dev_mode daxctl_dev_get_mode(struct daxctl_dev *dev)
{
	dev_cache(dev, DEV_CACHED_MODE);
	return dev->mode;
}

/* The names daxctl prints and reads; indexed by mode, UNKNOWN excluded. */
static const char *const mode_names[] = {
	[DAXCTL_DEV_MODE_DISABLED] = "disabled",
	[DAXCTL_DEV_MODE_DEVDAX] = "devdax",
	[DAXCTL_DEV_MODE_RAM] = "system-ram",
};
#define NR_MODE_NAMES (sizeof(mode_names) / sizeof(mode_names[0]))

DAXCTL_EXPORT const char *daxctl_dev_mode_name(enum daxctl_dev_mode mode)
{
	if (mode < 0 || (size_t)mode >= NR_MODE_NAMES)
		return "unknown";
	return mode_names[mode];
}

DAXCTL_EXPORT enum daxctl_dev_mode daxctl_dev_mode_from_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < NR_MODE_NAMES; i++)
		if (strcmp(name, mode_names[i]) == 0)
			return (enum daxctl_dev_mode)i;
	return DAXCTL_DEV_MODE_UNKNOWN;
}

DAXCTL_EXPORT int daxctl_dev_is_enabled(struct daxctl_dev *dev)
{
	return daxctl_dev_get_mode(dev) != DAXCTL_DEV_MODE_DISABLED;
}

DAXCTL_EXPORT int daxctl_dev_is_system_ram_capable(struct daxctl_dev *dev)
{
	return daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM;
}

/*
 * The other unbound devices with a size, in every region: a new_id write
 * makes the driver probe each one it matches (device_dax matches all).
 * Their count, or 0 (nothing to watch) when that cannot be known.
 */
static int idle_devices(struct daxctl_dev *dev, struct daxctl_dev ***out)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	struct daxctl_region *region;
	struct daxctl_dev *d, **list = NULL;
	int n = 0, alloc = 0;

	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, d) {
			if (d == dev || dev_read_mode(d) < 0 ||
			    d->mode != DAXCTL_DEV_MODE_DISABLED ||
			    !daxctl_dev_get_size(d))
				continue;
			if (n == alloc) {
				struct daxctl_dev **l;

				alloc = alloc ? 2 * alloc : 8;
				l = realloc(list, alloc * sizeof(*l));
				if (!l) {
					free(list);
					return 0;
				}
				list = l;
			}
			list[n++] = d;
		}
	*out = list;
	return n;
}

/* Unbind what the new_id bound besides @dev: nobody asked for it. */
static void release_bystanders(struct daxctl_dev *dev,
			       enum daxctl_dev_mode want,
			       struct daxctl_dev **idle, int n)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	int i;

	for (i = 0; i < n; i++) {
		struct daxctl_dev *d = idle[i];

		if (dev_read_mode(d) < 0 || d->mode != want)
			continue;
		if (sysfs_dev_unbind(ctx, d->path, d->devname) == 0)
			info(ctx, "%s: unbound again: the new_id for %s bound it too\n",
			     d->devname, dev->devname);
		else
			err(ctx, "%s: the new_id for %s bound it too, and it could not be unbound\n",
			    d->devname, dev->devname);
		dev_read_mode(d);
	}
}

static int dev_enable(struct daxctl_dev *dev, enum sysfs_dax_driver drv)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	enum daxctl_dev_mode want = driver_mode(drv);
	const char *module = sysfs_driver_module(drv);
	int rc;

	/* the mode as cached: as read since the last rescan, or as set */
	dev_cache(dev, DEV_CACHED_MODE);
	if (dev->mode == DAXCTL_DEV_MODE_UNKNOWN) {
		rc = dev_read_mode(dev);
		if (rc < 0)
			return rc;
	}
	if (dev->mode == want)
		return 0;
	if (dev->mode != DAXCTL_DEV_MODE_DISABLED) {
		dbg(ctx, "%s: bound to another driver, disable it first\n",
		    dev->devname);
		return -EBUSY;
	}

	/*
	 * A driver on the bus is loaded (or built in): libkmod would find it
	 * so after reading its configuration and indexes, tens of syscalls
	 * with several failing lookups.
	 */
	if (!sysfs_driver_registered(ctx, drv)) {
		rc = daxctl_ctx_load_module(ctx, module);
		if (rc < 0)
			return rc;
	}
	/* bind alone first: a driver that matches already needs no new_id */
	rc = sysfs_dev_bind(ctx, dev->devname, drv);
	if (rc < 0) {
		struct daxctl_dev **idle = NULL;
		int nidle = 0;

		nidle = idle_devices(dev, &idle);
		rc = sysfs_dev_new_id(ctx, dev->devname, drv);
		release_bystanders(dev, want, idle, nidle);
		free(idle);
	}
	if (rc == 1)
		dev_set_mode(dev, want); /* sysfs_dev_bind() saw the link */
	else
		dev_read_mode(dev);
	if (dev->mode != want) {
		dbg(ctx, "%s: failed to enable\n", dev->devname);
		return rc < 0 ? rc : -ENXIO;
	}
	/* binding changes no attribute: what is cached stays */
	dbg(ctx, "%s: enabled (%s)\n", dev->devname, module);
	return 0;
}

DAXCTL_EXPORT int daxctl_dev_enable_devdax(struct daxctl_dev *dev)
{
	return dev_enable(dev, DAX_DRIVER_DEVICE_DAX);
}

DAXCTL_EXPORT int daxctl_dev_enable_ram(struct daxctl_dev *dev)
{
	return dev_enable(dev, DAX_DRIVER_KMEM);
}

DAXCTL_EXPORT int daxctl_dev_disable(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	int rc;

	dev_cache(dev, DEV_CACHED_MODE);
	if (dev->mode == DAXCTL_DEV_MODE_UNKNOWN) {
		rc = dev_read_mode(dev);
		if (rc < 0)
			return rc;
	}
	if (dev->mode == DAXCTL_DEV_MODE_DISABLED)
		return 0;
	/* a successful unbind write leaves no driver: no link to read */
	if (sysfs_dev_unbind(ctx, dev->path, dev->devname) == 0 &&
	    dev_writes_tell_mode(dev))
		dev_set_mode(dev, DAXCTL_DEV_MODE_DISABLED);
	else
		dev_read_mode(dev);
	if (dev->mode != DAXCTL_DEV_MODE_DISABLED) {
		dbg(ctx, "%s: failed to disable\n", dev->devname);
		return -EBUSY;
	}
	dbg(ctx, "%s: disabled\n", dev->devname);
	return 0;
}

/*
 * Unlike the reference library, which turns every failed write into
 * -ENXIO, the kernel's errno is passed through so callers can tell EBUSY
 * (bound), EINVAL (misaligned) and ENOSPC (no room) apart.
 */
static int dev_write_unbound_attr(struct daxctl_dev *dev,
				  enum sysfs_dev_attr attr,
				  unsigned long long value)
{
	int rc;

	rc = sysfs_dev_write_hex(dev->region->ctx, dev->path, attr, value);
	if (rc < 0)
		return rc;
	dev_invalidate(dev);
	dev_unbound_after_write(dev);
	return 0;
}

DAXCTL_EXPORT int daxctl_dev_set_size(struct daxctl_dev *dev,
				      unsigned long long size)
{
	return dev_write_unbound_attr(dev, DEV_ATTR_SIZE, size);
}

DAXCTL_EXPORT int daxctl_dev_set_align(struct daxctl_dev *dev,
				       unsigned long align)
{
	return dev_write_unbound_attr(dev, DEV_ATTR_ALIGN, align);
}

DAXCTL_EXPORT int daxctl_dev_set_mapping(struct daxctl_dev *dev,
					 unsigned long long start,
					 unsigned long long end)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	char buf[64];
	int rc;

	if (end < start)
		return -EINVAL;
	snprintf(buf, sizeof(buf), "%#llx-%#llx\n", start, end);
	rc = sysfs_dev_write(ctx, dev->path, DEV_ATTR_MAPPING, buf);
	if (rc < 0)
		return rc;
	dev_invalidate(dev);
	return 0;
}

/*
 * memmap_on_memory (Linux >= 6.8) is read fresh each time: it is not part
 * of the cached state, and nothing but this call and the kernel's own
 * defaults (per dax driver) sets it.
 */
DAXCTL_EXPORT int daxctl_dev_get_memmap_on_memory(struct daxctl_dev *dev)
{
	int v, rc;

	rc = sysfs_dev_read_int(dev->region->ctx, dev->path,
				DEV_ATTR_MEMMAP_ON_MEMORY, &v);
	if (rc == -ENOENT)
		return -EOPNOTSUPP;
	if (rc < 0)
		return rc;
	return v != 0;
}

DAXCTL_EXPORT int daxctl_dev_set_memmap_on_memory(struct daxctl_dev *dev,
						  bool enable)
{
	int rc;

	rc = sysfs_dev_write(dev->region->ctx, dev->path,
			     DEV_ATTR_MEMMAP_ON_MEMORY, enable ? "1\n" : "0\n");
	return rc == -ENOENT ? -EOPNOTSUPP : rc;
}

DAXCTL_EXPORT int daxctl_memmap_on_memory_allowed(struct daxctl_ctx *ctx)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc;

	rc = sysfs_memmap_on_memory_param(ctx, buf);
	if (rc == -ENOENT)
		return -EOPNOTSUPP;
	if (rc < 0)
		return rc;
	/* "Y", "N", or (for the kernel's boolean-or-force parameter) "force" */
	return buf[0] == 'Y' || buf[0] == 'y' || buf[0] == '1' ||
	       strcmp(buf, "force") == 0;
}

DAXCTL_EXPORT int daxctl_dev_refresh(struct daxctl_dev *dev)
{
	/* memory block state is remembered until the next refresh */
	daxctl_memory_forget(dev->mem);
	return daxctl_dev_read_attrs(dev);
}

DAXCTL_EXPORT struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev)
{
	if (!dev || daxctl_dev_get_mode(dev) != DAXCTL_DEV_MODE_RAM)
		return NULL;
	if (!dev->mem)
		dev->mem = daxctl_memory_new(dev);
	return dev->mem;
}

/* daxctl_dev_will_auto_online_memory() and daxctl_dev_has_online_memory()
 * live in memory.c. */
