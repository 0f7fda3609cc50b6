// SPDX-License-Identifier: LGPL-2.1-only
/*
 * snapshot.c: capture the state of devices and regions, and bring a region
 * back to (or forward to) a captured state.  See snapshot.h.
 *
 * Ranges are restored through the 'mapping' attribute, not 'size':
 * shrinking and regrowing by size alone allocates first-fit and could land
 * elsewhere.  So a rebuild empties every device whose ranges change before
 * it maps any, since a wanted range may be held by another changing device.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

void apply_fail(struct apply_result *res, const char *fmt, ...)
{
	va_list ap;

	/* the first failure is the reason; later ones are consequences */
	if (res->reason[0])
		return;
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
}

void dev_snap_free(struct dev_snap *snap)
{
	free(snap->maps);
	free(snap->online);
	memset(snap, 0, sizeof(*snap));
}

static int snap_online_take(struct daxctl_dev *dev, struct dev_snap *snap)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	struct daxctl_memory_block *block;
	int n = 0;

	if (!mem)
		return 0;
	daxctl_memory_block_foreach(mem, block)
		n++;
	if (!n)
		return 0;
	snap->online = calloc(n, sizeof(*snap->online));
	if (!snap->online)
		return -ENOMEM;
	/* blocks come in address order: runs of one zone become one entry */
	daxctl_memory_block_foreach(mem, block) {
		unsigned long id = daxctl_memory_block_get_id(block);
		bool movable = daxctl_memory_block_get_zone(block) !=
			       DAXCTL_MEMORY_ZONE_NORMAL;
		struct snap_online *last =
			snap->nonline ? &snap->online[snap->nonline - 1] : NULL;

		if (daxctl_memory_block_is_online(block) != 1)
			continue;
		if (last && last->last + 1 == id && last->movable == movable) {
			last->last = id;
			continue;
		}
		snap->online[snap->nonline++] = (struct snap_online){
			.first = id, .last = id, .movable = movable
		};
	}
	return 0;
}

int dev_snap_take(struct daxctl_dev *dev, struct dev_snap *snap)
{
	struct daxctl_mapping *m;
	int n = 0;

	memset(snap, 0, sizeof(*snap));
	daxctl_dev_refresh(dev);
	snap->id = daxctl_dev_get_id(dev);
	snap->mode = daxctl_dev_get_mode(dev);
	if (snap->mode == DAXCTL_DEV_MODE_UNKNOWN)
		snap->mode = DAXCTL_DEV_MODE_DISABLED;
	snap->size = daxctl_dev_get_size(dev);
	snap->align = daxctl_dev_get_align(dev);
	snap->memmap = daxctl_dev_get_memmap_on_memory(dev);
	if (snap->memmap < 0)
		snap->memmap = -1;
	daxctl_mapping_foreach(dev, m)
		n++;
	if (n) {
		snap->maps = calloc(n, sizeof(*snap->maps));
		if (!snap->maps)
			return -ENOMEM;
		daxctl_mapping_foreach(dev, m) {
			int id = daxctl_mapping_get_id(m);

			if (id < 0 || id >= n)
				continue;
			snap->maps[id].start = daxctl_mapping_get_start(m);
			snap->maps[id].end = daxctl_mapping_get_end(m);
		}
		snap->nmaps = n;
	}
	if (snap->mode == DAXCTL_DEV_MODE_RAM)
		return snap_online_take(dev, snap);
	return 0;
}

int dev_snap_copy(struct dev_snap *dst, const struct dev_snap *src)
{
	*dst = *src;
	dst->maps = NULL;
	dst->online = NULL;
	if (src->nmaps) {
		dst->maps = calloc(src->nmaps, sizeof(*dst->maps));
		if (!dst->maps)
			goto nomem;
		memcpy(dst->maps, src->maps, src->nmaps * sizeof(*dst->maps));
	}
	if (src->nonline) {
		dst->online = calloc(src->nonline, sizeof(*dst->online));
		if (!dst->online)
			goto nomem;
		memcpy(dst->online, src->online,
		       src->nonline * sizeof(*dst->online));
	}
	return 0;
nomem:
	dev_snap_free(dst);
	return -ENOMEM;
}

bool dev_snap_same_ranges(const struct dev_snap *cur,
			  const struct dev_snap *want)
{
	int i;

	if (cur->nmaps != want->nmaps || cur->size != want->size)
		return false;
	/* an empty device takes any alignment when it is given ranges */
	if (want->align && cur->align != want->align && cur->size)
		return false;
	for (i = 0; i < cur->nmaps; i++)
		if (cur->maps[i].start != want->maps[i].start ||
		    cur->maps[i].end != want->maps[i].end)
			return false;
	return true;
}

static bool same_online(const struct dev_snap *a, const struct dev_snap *b)
{
	int i;

	if (a->nonline != b->nonline)
		return false;
	for (i = 0; i < a->nonline; i++)
		if (a->online[i].first != b->online[i].first ||
		    a->online[i].last != b->online[i].last ||
		    a->online[i].movable != b->online[i].movable)
			return false;
	return true;
}

bool dev_snap_same(const struct dev_snap *cur, const struct dev_snap *want)
{
	if (!dev_snap_same_ranges(cur, want) || cur->mode != want->mode)
		return false;
	if (want->memmap >= 0 && cur->memmap != want->memmap)
		return false;
	return cur->mode != DAXCTL_DEV_MODE_RAM || same_online(cur, want);
}

/* ---- regions ---------------------------------------------------------- */

void region_snap_free(struct region_snap *rs)
{
	int i;

	for (i = 0; i < rs->ndevs; i++)
		dev_snap_free(&rs->devs[i]);
	free(rs->devs);
	rs->devs = NULL;
	rs->ndevs = 0;
}

struct dev_snap *region_snap_find(const struct region_snap *rs, int id)
{
	int lo = 0, hi = rs->ndevs;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (rs->devs[mid].id == id)
			return &rs->devs[mid];
		if (rs->devs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int region_snap_put(struct region_snap *rs, const struct dev_snap *snap)
{
	struct dev_snap *old = region_snap_find(rs, snap->id), *devs, copy;
	int i, rc;

	rc = dev_snap_copy(&copy, snap);
	if (rc)
		return rc;
	if (old) {
		dev_snap_free(old);
		*old = copy;
		return 0;
	}
	devs = realloc(rs->devs, (rs->ndevs + 1) * sizeof(*devs));
	if (!devs) {
		dev_snap_free(&copy);
		return -ENOMEM;
	}
	rs->devs = devs;
	for (i = rs->ndevs; i > 0 && devs[i - 1].id > copy.id; i--)
		devs[i] = devs[i - 1];
	devs[i] = copy;
	rs->ndevs++;
	return 0;
}

void region_snap_remove(struct region_snap *rs, int id)
{
	struct dev_snap *d = region_snap_find(rs, id);
	int i;

	if (!d)
		return;
	dev_snap_free(d);
	i = d - rs->devs;
	memmove(d, d + 1, (rs->ndevs - i - 1) * sizeof(*d));
	rs->ndevs--;
}

int region_snap_take(struct daxctl_region *region, struct region_snap *rs)
{
	struct daxctl_dev *dev;
	int rc;

	memset(rs, 0, sizeof(*rs));
	rs->id = daxctl_region_get_id(region);
	rs->size = daxctl_region_get_size(region);
	daxctl_region_rescan(region);
	daxctl_dev_foreach(region, dev) {
		struct dev_snap snap;

		rc = dev_snap_take(dev, &snap);
		if (!rc)
			rc = region_snap_put(rs, &snap);
		dev_snap_free(&snap);
		if (rc) {
			region_snap_free(rs);
			return rc;
		}
	}
	return 0;
}

/* ---- applying --------------------------------------------------------- */

static struct daxctl_dev *find_dev(struct daxctl_region *region, int id)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev)
		if (daxctl_dev_get_id(dev) == id)
			return dev;
	return NULL;
}

/*
 * Online exactly @want's blocks, in their zones; offline the others.  It
 * walks the device's own blocks, never the numbers in @want, so a wide
 * range costs nothing; a block @want names that the device does not have
 * is refused (-EINVAL) before any block changes.
 */
static int set_online(struct daxctl_dev *dev, const struct dev_snap *want)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	struct daxctl_memory_block *block;
	unsigned long long named = 0, found = 0;
	int i = 0, rc, ret = 0;

	if (!mem)
		return -ENXIO;
	for (i = 0; i < want->nonline; i++)
		named += (unsigned long long)(want->online[i].last -
					      want->online[i].first) + 1;
	i = 0;
	daxctl_memory_block_foreach(mem, block) {
		unsigned long id = daxctl_memory_block_get_id(block);

		while (i < want->nonline && want->online[i].last < id)
			i++;
		if (i < want->nonline && want->online[i].first <= id)
			found++;
	}
	if (found != named)
		return -EINVAL;
	i = 0;
	daxctl_memory_block_foreach(mem, block) {
		unsigned long id = daxctl_memory_block_get_id(block);

		while (i < want->nonline && want->online[i].last < id)
			i++;
		if (i < want->nonline && want->online[i].first <= id)
			rc = daxctl_memory_block_online(block,
							want->online[i].movable);
		else
			rc = daxctl_memory_block_offline(block);
		if (rc && !ret)
			ret = rc;
	}
	return ret;
}

/* Offline (if needed) and unbind. */
static int quiesce(struct daxctl_dev *dev, struct apply_result *res)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int rc;

	if (mem && daxctl_memory_is_online(mem) > 0) {
		rc = daxctl_memory_offline(mem);
		if (rc < 0) {
			const char *why = daxctl_memory_get_failure(mem);

			apply_fail(res, "%s: memory cannot be offlined: %s",
				   devname, why ? why : strerror(-rc));
			return rc;
		}
	}
	rc = daxctl_dev_disable(dev);
	if (rc)
		apply_fail(res, "%s: disable failed: %s", devname,
			   strerror(-rc));
	return rc;
}

/*
 * memmap_on_memory is taken by the kernel only while kmem does not hold
 * the device, so set_mode() writes it after quiesce() and before binding.
 */
static int set_memmap(struct daxctl_dev *dev, const struct dev_snap *want,
		      struct apply_result *res)
{
	const char *devname = daxctl_dev_get_devname(dev);
	int rc;

	rc = daxctl_dev_set_memmap_on_memory(dev, want->memmap == 1);
	if (rc == -EOPNOTSUPP && daxctl_dev_get_memmap_on_memory(dev) < 0)
		apply_fail(res, "%s: memmap_on_memory: not supported by this kernel",
			   devname);
	else if (rc)
		apply_fail(res, "%s: memmap_on_memory: %s", devname,
			   strerror(-rc));
	return rc;
}

static int set_mode(struct daxctl_dev *dev, const struct dev_snap *want,
		    struct apply_result *res)
{
	const char *devname = daxctl_dev_get_devname(dev);
	enum daxctl_dev_mode now = daxctl_dev_get_mode(dev);
	int memmap = daxctl_dev_get_memmap_on_memory(dev);
	bool memmap_change = want->memmap >= 0 && memmap != want->memmap &&
			     !(memmap < 0 && want->memmap == 0);
	int rc = 0;

	if (now != DAXCTL_DEV_MODE_DISABLED &&
	    (now != want->mode ||
	     (memmap_change && now == DAXCTL_DEV_MODE_RAM))) {
		rc = quiesce(dev, res);
		if (rc)
			return rc;
		now = DAXCTL_DEV_MODE_DISABLED;
	}
	if (memmap_change) {
		rc = set_memmap(dev, want, res);
		if (rc)
			return rc;
	}
	if (now == want->mode && now != DAXCTL_DEV_MODE_RAM)
		return 0;
	switch (want->mode) {
	case DAXCTL_DEV_MODE_DEVDAX:
		rc = daxctl_dev_enable_devdax(dev);
		break;
	case DAXCTL_DEV_MODE_RAM:
		if (now != DAXCTL_DEV_MODE_RAM)
			rc = daxctl_dev_enable_ram(dev);
		if (rc)
			break;
		rc = set_online(dev, want);
		if (rc == -EINVAL)
			apply_fail(res, "%s: the layout names online memory blocks the device does not have",
				   devname);
		else if (rc)
			apply_fail(res, "%s: failed to set the online memory blocks: %s",
				   devname, strerror(-rc));
		return rc;
	default:
		return 0;
	}
	if (rc)
		apply_fail(res, "%s: enable failed: %s", devname, strerror(-rc));
	return rc;
}

static int empty_dev(struct daxctl_dev *dev, struct apply_result *res)
{
	int rc;

	if (!daxctl_dev_get_size(dev))
		return 0;
	rc = daxctl_dev_set_size(dev, 0);
	if (rc)
		apply_fail(res, "%s: cannot empty the device: %s",
			   daxctl_dev_get_devname(dev), strerror(-rc));
	return rc;
}

static int set_ranges(struct daxctl_dev *dev, const struct dev_snap *want,
		      struct apply_result *res)
{
	const char *devname = daxctl_dev_get_devname(dev);
	int i, rc;

	rc = empty_dev(dev, res);
	if (rc)
		return rc;
	if (want->align && daxctl_dev_get_align(dev) != want->align) {
		rc = daxctl_dev_set_align(dev, want->align);
		if (rc) {
			apply_fail(res, "%s: alignment %lu refused: %s",
				   devname, want->align, strerror(-rc));
			return rc;
		}
	}
	for (i = 0; i < want->nmaps; i++) {
		rc = daxctl_dev_set_mapping(dev, want->maps[i].start,
					    want->maps[i].end);
		if (rc) {
			apply_fail(res, "%s: range %#llx-%#llx refused: %s",
				   devname, want->maps[i].start,
				   want->maps[i].end, strerror(-rc));
			return rc;
		}
	}
	return 0;
}

int region_apply_check_idle(const struct region_snap *cur,
			    const struct region_snap *want,
			    struct apply_result *res)
{
	int i;

	for (i = 0; i < cur->ndevs; i++) {
		const struct dev_snap *c = &cur->devs[i];
		const struct dev_snap *w = region_snap_find(want, c->id);

		if (w && dev_snap_same(c, w))
			continue;
		if (c->mode != DAXCTL_DEV_MODE_DISABLED) {
			apply_fail(res, "region%d: not idle: dax%d.%d is enabled (%s) and would change, use --force",
				   cur->id, cur->id, c->id,
				   daxctl_dev_mode_name(c->mode));
			return -EBUSY;
		}
	}
	return 0;
}

/* Empty every device whose ranges change; delete those not wanted. */
static int empty_changing(struct daxctl_region *region,
			  const struct region_snap *cur,
			  const struct region_snap *want,
			  struct apply_result *res)
{
	int i, rc;

	for (i = 0; i < cur->ndevs; i++) {
		const struct dev_snap *c = &cur->devs[i];
		const struct dev_snap *w = region_snap_find(want, c->id);
		struct daxctl_dev *dev;

		if (w && dev_snap_same_ranges(c, w))
			continue;
		dev = find_dev(region, c->id);
		if (!dev)
			continue;
		if (c->mode != DAXCTL_DEV_MODE_DISABLED) {
			rc = quiesce(dev, res);
			if (rc)
				return rc;
		}
		rc = empty_dev(dev, res);
		if (rc)
			return rc;
		res->changed++;
		if (w || c->id == 0)
			continue;
		rc = daxctl_region_destroy_dev(region, dev);
		if (rc) {
			apply_fail(res, "dax%d.%d: failed to delete: %s",
				   cur->id, c->id, strerror(-rc));
			return rc;
		}
		daxctl_region_rescan(region);
	}
	return 0;
}

/* 'create' takes the lowest free id: create until every wanted id exists. */
static int create_missing(struct daxctl_region *region,
			  const struct region_snap *want,
			  struct apply_result *res)
{
	int i, rc, guard, max_id = 0;

	for (i = 0; i < want->ndevs; i++)
		if (want->devs[i].id > max_id)
			max_id = want->devs[i].id;
	for (guard = 0; guard <= max_id + 1; guard++) {
		bool missing = false;

		daxctl_region_rescan(region);
		for (i = 0; i < want->ndevs && !missing; i++)
			if (!find_dev(region, want->devs[i].id))
				missing = true;
		if (!missing)
			return 0;
		rc = daxctl_region_create_dev(region);
		if (rc) {
			apply_fail(res, "region%d: failed to create a device: %s",
				   want->id, strerror(-rc));
			return rc;
		}
		res->changed++;
	}
	apply_fail(res, "region%d: could not create every device of the layout",
		   want->id);
	return -ENXIO;
}

/* Delete the placeholders create_missing() made on the way. */
static int delete_placeholders(struct daxctl_region *region,
			       const struct region_snap *want,
			       struct apply_result *res)
{
	struct daxctl_dev *dev, *_dev;
	int rc;

	daxctl_region_rescan(region);
	daxctl_dev_foreach_safe(region, dev, _dev) {
		int id = daxctl_dev_get_id(dev);

		if (region_snap_find(want, id) || id == 0 ||
		    daxctl_dev_get_size(dev) || daxctl_dev_is_enabled(dev))
			continue;
		rc = daxctl_region_destroy_dev(region, dev);
		if (rc) {
			apply_fail(res, "%s: failed to delete: %s",
				   daxctl_dev_get_devname(dev), strerror(-rc));
			return rc;
		}
	}
	daxctl_region_rescan(region);
	return 0;
}

/*
 * Modes and online memory.  Devices to leave disabled come last: a write
 * to device_dax's new_id attaches the driver to every idle device that
 * has a size, not only to the one named.
 */
static int set_modes(struct daxctl_region *region,
		     const struct region_snap *want, struct apply_result *res)
{
	int i, rc;

	for (i = 0; i < 2 * want->ndevs; i++) {
		const struct dev_snap *w = &want->devs[i % want->ndevs];
		struct daxctl_dev *dev;
		struct dev_snap now;
		bool same;

		if ((w->mode == DAXCTL_DEV_MODE_DISABLED) != (i >= want->ndevs))
			continue;
		dev = find_dev(region, w->id);
		if (!dev) {
			apply_fail(res, "dax%d.%d: vanished", want->id, w->id);
			return -ENXIO;
		}
		rc = dev_snap_take(dev, &now);
		same = !rc && dev_snap_same(&now, w);
		dev_snap_free(&now);
		if (rc)
			return rc;
		if (same)
			continue;
		rc = set_mode(dev, w, res);
		if (rc)
			return rc;
		res->changed++;
	}
	return 0;
}

int region_apply(struct daxctl_region *region, const struct region_snap *cur,
		 const struct region_snap *want, bool force,
		 struct apply_result *res)
{
	int i, rc;

	rc = force ? 0 : region_apply_check_idle(cur, want, res);
	if (!rc)
		rc = empty_changing(region, cur, want, res);
	if (!rc)
		rc = create_missing(region, want, res);
	for (i = 0; !rc && i < want->ndevs; i++) {
		const struct dev_snap *w = &want->devs[i];
		const struct dev_snap *c = region_snap_find(cur, w->id);
		struct daxctl_dev *dev;

		if (c && dev_snap_same_ranges(c, w))
			continue;
		dev = find_dev(region, w->id);
		if (!dev) {
			apply_fail(res, "region%d: could not create dax%d.%d",
				   want->id, want->id, w->id);
			return -ENXIO;
		}
		rc = set_ranges(dev, w, res);
		if (!rc)
			res->changed++;
	}
	if (!rc)
		rc = delete_placeholders(region, want, res);
	if (!rc)
		rc = set_modes(region, want, res);
	return rc;
}
