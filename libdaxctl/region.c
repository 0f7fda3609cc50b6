// SPDX-License-Identifier: LGPL-2.1-only
/*
 * region.c: dax regions, discovered from the dax bus device list.
 *
 * Ordering: the daxctl that users script against today builds its region,
 * device and mapping lists by prepending each object as it is discovered,
 * so its output lists them in the reverse of readdir (resp. index) order.
 * To be byte-for-byte compatible we prepend too (list_add()), here, in
 * dev.c and in mapping.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "sysfs.h"

static void region_free(struct daxctl_region *region)
{
	daxctl_region_lock_drop(region);
	daxctl_region_devices_free(region);
	list_del(&region->list);
	free(region->path);
	free(region->devname);
	free(region);
}

void daxctl_regions_free(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region, *tmp;

	list_for_each_safe(&ctx->regions, region, tmp, list)
		region_free(region);
}

static struct daxctl_region *region_find(struct daxctl_ctx *ctx,
					 const char *path)
{
	struct daxctl_region *region;

	list_for_each(&ctx->regions, region, list)
		if (strcmp(region->path, path) == 0)
			return region;
	return NULL;
}

static struct daxctl_region *region_add(struct daxctl_ctx *ctx, int id,
					const uuid_t uuid, const char *path)
{
	struct daxctl_region *region;
	unsigned long long v;
	const char *base;

	region = region_find(ctx, path);
	if (region)
		return region;

	region = calloc(1, sizeof(*region));
	if (!region)
		goto err;
	region->ctx = ctx;
	region->refcount = 1;
	region->id = id;
	list_head_init(&region->devices);
	if (uuid)
		uuid_copy(region->uuid, uuid);
	region->path = strdup(path);
	if (!region->path)
		goto err_free;
	base = strrchr(path, '/');
	region->devname = strdup(base ? base + 1 : path);
	if (!region->devname)
		goto err_path;

	/* ULLONG_MAX is also "unknown" here: all ones cannot be a size */
	if (sysfs_region_read_u64(ctx, path, REGION_ATTR_SIZE, &v) == 0) {
		region->size = v;
		if (v == ULLONG_MAX)
			err(ctx, "region%d: size all ones cannot be true: unknown\n",
			    id);
	} else {
		region->size = ULLONG_MAX;
	}
	region->align = ULONG_MAX;
	if (sysfs_region_read_u64(ctx, path, REGION_ATTR_ALIGN, &v) == 0) {
		if (align_plausible(v) && v < ULONG_MAX)
			region->align = (unsigned long)v;
		else
			err(ctx, "region%d: align %llu cannot be true: unknown\n",
			    id, v);
	}

	list_add(&ctx->regions, &region->list);
	dbg(ctx, "region%d: %s\n", id, path);
	return region;

err_path:
	free(region->path);
err_free:
	free(region);
err:
	err(ctx, "region%d: out of memory\n", id);
	return NULL;
}

static int region_scan_one(struct daxctl_ctx *ctx, int region_id,
			   const char *name, const char *dev_path, void *arg)
{
	char *path = strdup(dev_path);
	char *slash;

	if (!path)
		return -ENOMEM;
	/* the region is the parent of the device */
	slash = strrchr(path, '/');
	if (!slash || slash == path) {
		err(ctx, "%s: %s has no parent region\n", name, dev_path);
		free(path);
		return 0;
	}
	*slash = '\0';
	region_add(ctx, region_id, NULL, path);
	free(path);
	return 0;
}

static void regions_init(struct daxctl_ctx *ctx)
{
	if (ctx->regions_init)
		return;
	ctx->regions_init = true;
	sysfs_bus_for_each_dev(ctx, region_scan_one, NULL);
}

DAXCTL_EXPORT struct daxctl_region *
daxctl_new_region(struct daxctl_ctx *ctx, int id, uuid_t uuid,
		  const char *path)
{
	char real[PATH_MAX];

	if (!ctx || !path)
		return NULL;
	regions_init(ctx);
	if (realpath(path, real))
		path = real;
	return region_add(ctx, id, uuid, path);
}

DAXCTL_EXPORT struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx)
{
	if (!ctx)
		return NULL;
	regions_init(ctx);
	return list_first_entry_or_null(&ctx->regions, struct daxctl_region,
					list);
}

DAXCTL_EXPORT struct daxctl_region *
daxctl_region_get_next(struct daxctl_region *region)
{
	if (!region)
		return NULL;
	return list_next_entry_or_null(&region->ctx->regions, region, list);
}

DAXCTL_EXPORT void daxctl_region_ref(struct daxctl_region *region)
{
	if (region)
		region->refcount++;
}

DAXCTL_EXPORT void daxctl_region_unref(struct daxctl_region *region)
{
	if (!region)
		return;
	if (--region->refcount > 0)
		return;
	region_free(region);
}

DAXCTL_EXPORT void daxctl_region_get_uuid(struct daxctl_region *region,
					  uuid_t uu)
{
	uuid_copy(uu, region->uuid);
}

DAXCTL_EXPORT int daxctl_region_get_id(struct daxctl_region *region)
{
	return region->id;
}

DAXCTL_EXPORT struct daxctl_ctx *
daxctl_region_get_ctx(struct daxctl_region *region)
{
	return region->ctx;
}

DAXCTL_EXPORT unsigned long long
daxctl_region_get_available_size(struct daxctl_region *region)
{
	unsigned long long v;

	if (sysfs_region_read_u64(region->ctx, region->path,
				  REGION_ATTR_AVAILABLE_SIZE, &v) < 0)
		return 0;
	/* nothing offered rather than capacity that cannot exist */
	if (v == ULLONG_MAX ||
	    (region->size != ULLONG_MAX && v > region->size)) {
		err(region->ctx, "region%d: available_size %llu cannot be true (size %llu): taken as 0\n",
		    region->id, v, region->size);
		return 0;
	}
	return v;
}

DAXCTL_EXPORT unsigned long long daxctl_region_get_size(struct daxctl_region *region)
{
	return region->size;
}

DAXCTL_EXPORT unsigned long daxctl_region_get_align(struct daxctl_region *region)
{
	return region->align;
}

DAXCTL_EXPORT const char *daxctl_region_get_devname(struct daxctl_region *region)
{
	return region->devname;
}

DAXCTL_EXPORT const char *daxctl_region_get_path(struct daxctl_region *region)
{
	return region->path;
}

DAXCTL_EXPORT const char *
daxctl_region_get_display_path(struct daxctl_region *region)
{
	if (!region || !region->path)
		return NULL;
	return sysfs_devices_relative(region->ctx, region->path);
}

static struct daxctl_dev *dev_find(struct daxctl_region *region,
				   const char *name)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev)
		if (strcmp(daxctl_dev_get_devname(dev), name) == 0)
			return dev;
	return NULL;
}

DAXCTL_EXPORT struct daxctl_dev *
daxctl_region_get_dev_seed(struct daxctl_region *region)
{
	struct daxctl_ctx *ctx = region->ctx;
	char buf[SYSFS_ATTR_SIZE];
	struct daxctl_dev *dev;

	if (sysfs_region_read(ctx, region->path, REGION_ATTR_SEED, buf) < 0)
		return NULL;
	if (!buf[0])
		return NULL;
	dev = dev_find(region, buf);
	if (dev)
		return dev;
	/* created after our last scan: pick it up */
	daxctl_region_devices_scan(region);
	dev = dev_find(region, buf);
	if (!dev)
		dbg(ctx, "%s: seed %s not found\n", region->devname, buf);
	return dev;
}

/*
 * A static region (a persistent memory namespace in devdax mode) has no
 * 'create': its one device is fixed by the namespace.  Callers need this
 * to say why create fails there, since the errno is the peer's ENOSPC.
 */
DAXCTL_EXPORT bool daxctl_region_is_static(struct daxctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!region)
		return false;
	return sysfs_region_read(region->ctx, region->path, REGION_ATTR_CREATE,
				 buf) == -ENOENT;
}

DAXCTL_EXPORT int daxctl_region_create_dev(struct daxctl_region *region)
{
	int rc = sysfs_region_write(region->ctx, region->path,
				    REGION_ATTR_CREATE, "1");

	/*
	 * No 'create' at all: a static region, the one of a persistent
	 * memory namespace in devdax mode, whose single device the namespace
	 * fixes.  Nothing can be carved there: ENOSPC, as the peer says.
	 */
	if (rc == -ENOENT) {
		dbg(region->ctx, "region%d: static: no 'create'\n", region->id);
		return -ENOSPC;
	}
	if (rc)
		dbg(region->ctx, "region%d: create: %s\n", region->id,
		    strerror(-rc));
	return rc;
}

DAXCTL_EXPORT int daxctl_region_destroy_dev(struct daxctl_region *region,
					    struct daxctl_dev *dev)
{
	return sysfs_region_write(region->ctx, region->path, REGION_ATTR_DELETE,
				  daxctl_dev_get_devname(dev));
}

DAXCTL_EXPORT void daxctl_region_rescan(struct daxctl_region *region)
{
	if (region)
		region->devices_init = false;
}
