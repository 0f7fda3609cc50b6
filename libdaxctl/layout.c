// SPDX-License-Identifier: LGPL-2.1-only
/*
 * layout.c: a wanted state of whole regions (every device with its
 * ranges, alignment, mode and online memory blocks), checked completely
 * against the machine before the first write, then applied inside a
 * transaction, or only planned (a dry run).
 *
 * The layout is built by its caller (daxctl reads it from JSON), one call
 * per element, so the library needs no JSON parser.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "txn.h"

#define SZ_2M (2UL << 20)

struct daxctl_layout {
	struct daxctl_ctx *ctx;
	int nregions;
	struct region_snap *regions; /* in the order added */
};

DAXCTL_EXPORT int daxctl_layout_new(struct daxctl_ctx *ctx,
				    struct daxctl_layout **out)
{
	struct daxctl_layout *layout;

	if (!ctx || !out)
		return -EINVAL;
	layout = calloc(1, sizeof(*layout));
	if (!layout)
		return -ENOMEM;
	layout->ctx = ctx;
	*out = layout;
	return 0;
}

DAXCTL_EXPORT void daxctl_layout_free(struct daxctl_layout *layout)
{
	int i;

	if (!layout)
		return;
	for (i = 0; i < layout->nregions; i++)
		region_snap_free(&layout->regions[i]);
	free(layout->regions);
	free(layout);
}

static struct region_snap *layout_region(struct daxctl_layout *layout,
					 int region_id)
{
	int i;

	for (i = 0; layout && i < layout->nregions; i++)
		if (layout->regions[i].id == region_id)
			return &layout->regions[i];
	return NULL;
}

/* Take @r over (its devices too); on failure @r stays the caller's. */
static int layout_append(struct daxctl_layout *layout, struct region_snap *r)
{
	struct region_snap *regions;

	regions = realloc(layout->regions,
			  (layout->nregions + 1) * sizeof(*regions));
	if (!regions)
		return -ENOMEM;
	layout->regions = regions;
	regions[layout->nregions++] = *r;
	return 0;
}

DAXCTL_EXPORT int daxctl_layout_add_region(struct daxctl_layout *layout,
					   int region_id,
					   unsigned long long size)
{
	struct region_snap r = { .id = region_id, .size = size };

	if (!layout || region_id < 0)
		return -EINVAL;
	if (layout_region(layout, region_id))
		return -EEXIST;
	return layout_append(layout, &r);
}

/*
 * The same capture a transaction saves a region with, so that a saved
 * layout and a rollback agree on what "as it was" means.
 */
DAXCTL_EXPORT int daxctl_layout_capture(struct daxctl_layout *layout,
					struct daxctl_region *region)
{
	struct region_snap r;
	int rc;

	if (!layout || !region || daxctl_region_get_ctx(region) != layout->ctx)
		return -EINVAL;
	if (layout_region(layout, daxctl_region_get_id(region)))
		return -EEXIST;
	rc = region_snap_take(region, &r);
	if (!rc)
		rc = layout_append(layout, &r);
	if (rc)
		region_snap_free(&r);
	return rc;
}

DAXCTL_EXPORT int daxctl_layout_add_dev(struct daxctl_layout *layout,
					int region_id, int dev_id,
					enum daxctl_dev_mode mode,
					unsigned long align)
{
	struct region_snap *r = layout_region(layout, region_id);
	struct dev_snap d = { .id = dev_id, .mode = mode, .align = align,
			      .memmap = -1 };

	if (!r || dev_id < 0)
		return -EINVAL;
	if (mode != DAXCTL_DEV_MODE_DISABLED &&
	    mode != DAXCTL_DEV_MODE_DEVDAX && mode != DAXCTL_DEV_MODE_RAM)
		return -EINVAL;
	if (region_snap_find(r, dev_id))
		return -EEXIST;
	return region_snap_put(r, &d);
}

static struct dev_snap *layout_dev(struct daxctl_layout *layout,
				   int region_id, int dev_id)
{
	struct region_snap *r = layout_region(layout, region_id);

	return r ? region_snap_find(r, dev_id) : NULL;
}

DAXCTL_EXPORT int daxctl_layout_add_range(struct daxctl_layout *layout,
					  int region_id, int dev_id,
					  unsigned long long start,
					  unsigned long long end)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);
	struct snap_range *maps;
	unsigned long long len;

	if (!d || end < start)
		return -EINVAL;
	len = end - start + 1;
	/* a range of the whole address space, or a sum that wraps */
	if (!len || d->size > ULLONG_MAX - len)
		return -ERANGE;
	maps = realloc(d->maps, (d->nmaps + 1) * sizeof(*maps));
	if (!maps)
		return -ENOMEM;
	d->maps = maps;
	maps[d->nmaps++] = (struct snap_range){ .start = start, .end = end };
	d->size += len;
	return 0;
}

DAXCTL_EXPORT int daxctl_layout_add_online(struct daxctl_layout *layout,
					   int region_id, int dev_id,
					   unsigned long first,
					   unsigned long last, bool movable)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);
	struct snap_online *on;

	if (!d || last < first || d->mode != DAXCTL_DEV_MODE_RAM)
		return -EINVAL;
	/* ascending and disjoint, as a snapshot has them */
	if (d->nonline && first <= d->online[d->nonline - 1].last)
		return -EINVAL;
	on = realloc(d->online, (d->nonline + 1) * sizeof(*on));
	if (!on)
		return -ENOMEM;
	d->online = on;
	on[d->nonline++] = (struct snap_online){ first, last, movable };
	return 0;
}

/* Without this call a layout leaves a device's memmap_on_memory alone. */
DAXCTL_EXPORT int
daxctl_layout_set_memmap_on_memory(struct daxctl_layout *layout, int region_id,
				   int dev_id, bool enable)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);

	if (!d)
		return -EINVAL;
	d->memmap = enable;
	return 0;
}

/* ---- reading a layout back ------------------------------------------ */

DAXCTL_EXPORT int daxctl_layout_get_region_id(struct daxctl_layout *layout,
					      int index)
{
	if (!layout || index < 0)
		return -EINVAL;
	if (index >= layout->nregions)
		return -ENOENT;
	return layout->regions[index].id;
}

DAXCTL_EXPORT unsigned long long
daxctl_layout_get_region_size(struct daxctl_layout *layout, int region_id)
{
	struct region_snap *r = layout_region(layout, region_id);

	return r ? r->size : 0;
}

DAXCTL_EXPORT int daxctl_layout_get_dev_id(struct daxctl_layout *layout,
					   int region_id, int index)
{
	struct region_snap *r = layout_region(layout, region_id);

	if (!r || index < 0)
		return -EINVAL;
	if (index >= r->ndevs)
		return -ENOENT;
	return r->devs[index].id;
}

DAXCTL_EXPORT enum daxctl_dev_mode
daxctl_layout_get_dev_mode(struct daxctl_layout *layout, int region_id,
			   int dev_id)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);

	return d ? d->mode : DAXCTL_DEV_MODE_UNKNOWN;
}

DAXCTL_EXPORT unsigned long
daxctl_layout_get_dev_align(struct daxctl_layout *layout, int region_id,
			    int dev_id)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);

	return d ? d->align : 0;
}

DAXCTL_EXPORT unsigned long long
daxctl_layout_get_dev_size(struct daxctl_layout *layout, int region_id,
			   int dev_id)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);

	return d ? d->size : 0;
}

DAXCTL_EXPORT int
daxctl_layout_get_memmap_on_memory(struct daxctl_layout *layout, int region_id,
				   int dev_id)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);

	if (!d)
		return -EINVAL;
	return d->memmap < 0 ? -ENOENT : d->memmap;
}

DAXCTL_EXPORT int daxctl_layout_get_range(struct daxctl_layout *layout,
					  int region_id, int dev_id, int index,
					  unsigned long long *start,
					  unsigned long long *end)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);

	if (!d || index < 0 || !start || !end)
		return -EINVAL;
	if (index >= d->nmaps)
		return -ENOENT;
	*start = d->maps[index].start;
	*end = d->maps[index].end;
	return 0;
}

DAXCTL_EXPORT int daxctl_layout_get_online(struct daxctl_layout *layout,
					   int region_id, int dev_id, int index,
					   unsigned long *first,
					   unsigned long *last, bool *movable)
{
	struct dev_snap *d = layout_dev(layout, region_id, dev_id);

	if (!d || index < 0 || !first || !last || !movable)
		return -EINVAL;
	if (index >= d->nonline)
		return -ENOENT;
	*first = d->online[index].first;
	*last = d->online[index].last;
	*movable = d->online[index].movable;
	return 0;
}

static struct daxctl_region *find_region(struct daxctl_ctx *ctx, int id)
{
	struct daxctl_region *region;

	daxctl_region_foreach(ctx, region)
		if (daxctl_region_get_id(region) == id)
			return region;
	return NULL;
}

static void txn_fail(struct daxctl_txn *txn, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void txn_fail(struct daxctl_txn *txn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(txn->reason, sizeof(txn->reason), fmt, ap);
	va_end(ap);
}

DAXCTL_EXPORT int daxctl_txn_add_layout(struct daxctl_txn *txn,
					struct daxctl_layout *layout)
{
	int i, rc;

	if (!txn || !layout || layout->ctx != txn->ctx)
		return -EINVAL;
	txn->reason[0] = '\0';
	for (i = 0; i < layout->nregions; i++) {
		int id = layout->regions[i].id;
		struct daxctl_region *region = find_region(txn->ctx, id);

		if (!region) {
			txn_fail(txn, "no such region: %d", id);
			return -ENXIO;
		}
		rc = daxctl_txn_add_region(txn, region);
		if (rc)
			return rc;
	}
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct snap_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* No two devices of @want share an address. */
static int check_overlaps(struct daxctl_txn *txn,
			  const struct region_snap *want)
{
	struct snap_range *all;
	int i, k, n = 0, rc = 0;

	for (i = 0; i < want->ndevs; i++)
		n += want->devs[i].nmaps;
	if (n < 2)
		return 0;
	all = calloc(n, sizeof(*all));
	if (!all)
		return -ENOMEM;
	n = 0;
	for (i = 0; i < want->ndevs; i++)
		for (k = 0; k < want->devs[i].nmaps; k++)
			all[n++] = want->devs[i].maps[k];
	qsort(all, n, sizeof(*all), cmp_range);
	for (i = 1; i < n && !rc; i++)
		if (all[i].start <= all[i - 1].end) {
			txn_fail(txn, "region%d: the layout gives %#llx-%#llx to two devices",
				 want->id, all[i].start,
				 all[i].end < all[i - 1].end ? all[i].end :
							       all[i - 1].end);
			rc = -EINVAL;
		}
	free(all);
	return rc;
}

static int check_dev(struct daxctl_txn *txn, const struct region_snap *want,
		     const struct dev_snap *w)
{
	unsigned long long g = w->align > SZ_2M ? w->align : SZ_2M;
	int k;

	if (w->align & (w->align - 1)) {
		txn_fail(txn, "dax%d.%d: alignment %lu is not a power of two",
			 want->id, w->id, w->align);
		return -EINVAL;
	}
	if (w->mode != DAXCTL_DEV_MODE_DISABLED && !w->size) {
		txn_fail(txn, "dax%d.%d: an enabled device of size 0",
			 want->id, w->id);
		return -EINVAL;
	}
	for (k = 0; k < w->nmaps; k++)
		if (w->maps[k].start % g || (w->maps[k].end + 1) % g) {
			txn_fail(txn, "dax%d.%d: range %#llx-%#llx is not aligned to %llu",
				 want->id, w->id, w->maps[k].start,
				 w->maps[k].end, g);
			return -EINVAL;
		}
	return 0;
}

/* Everything that can be known wrong before the first write. */
static int check_region(struct daxctl_txn *txn, struct daxctl_region *region,
			const struct region_snap *want)
{
	unsigned long long size = daxctl_region_get_size(region), total = 0;
	int i, rc;

	if (want->size != size) {
		txn_fail(txn, "region%d: size %llu differs from the layout's %llu",
			 want->id, size, want->size);
		return -EINVAL;
	}
	/*
	 * 'create' takes the lowest free id, so reaching id N takes N
	 * creates: refuse ids that no region of this size needs (every
	 * device but one idle seed holds at least 2 MiB).
	 */
	if (want->ndevs &&
	    (unsigned long long)want->devs[want->ndevs - 1].id >
		    size / SZ_2M + 1) {
		txn_fail(txn, "region%d: dax%d.%d: device id beyond what a region of %llu bytes can hold",
			 want->id, want->id, want->devs[want->ndevs - 1].id,
			 size);
		return -EINVAL;
	}
	for (i = 0; i < want->ndevs; i++) {
		rc = check_dev(txn, want, &want->devs[i]);
		if (rc)
			return rc;
		total += want->devs[i].size;
		if (total > size || total < want->devs[i].size) {
			txn_fail(txn, "region%d: the layout's devices hold more than its %llu bytes",
				 want->id, size);
			return -EINVAL;
		}
	}
	return check_overlaps(txn, want);
}

static int plan_dev(struct daxctl_txn *txn, int region_id,
		    const struct dev_snap *c, const struct dev_snap *w)
{
	char name[40];

	snprintf(name, sizeof(name), "dax%d.%d", region_id, c ? c->id : w->id);
	if (!w)
		return txn_add_entry(&txn->plan, name,
				     c->id ? "delete (%s, size %llu)" :
					     "empty (%s, size %llu)",
				     daxctl_dev_mode_name(c->mode), c->size);
	if (!c)
		return txn_add_entry(&txn->plan, name,
				     "create: %s, size %llu, %d range%s",
				     daxctl_dev_mode_name(w->mode), w->size,
				     w->nmaps, w->nmaps == 1 ? "" : "s");
	if (!dev_snap_same_ranges(c, w))
		return txn_add_entry(&txn->plan, name,
				     "%s, size %llu, %d range%s -> %s, size %llu, %d range%s",
				     daxctl_dev_mode_name(c->mode), c->size,
				     c->nmaps, c->nmaps == 1 ? "" : "s",
				     daxctl_dev_mode_name(w->mode), w->size,
				     w->nmaps, w->nmaps == 1 ? "" : "s");
	if (c->mode != w->mode)
		return txn_add_entry(&txn->plan, name, "mode %s -> %s",
				     daxctl_dev_mode_name(c->mode),
				     daxctl_dev_mode_name(w->mode));
	return txn_add_entry(&txn->plan, name, "online memory blocks change");
}

/* One plan entry per device that would change; how many, or -errno. */
static int plan_region(struct daxctl_txn *txn, const struct region_snap *cur,
		       const struct region_snap *want)
{
	int i, n = 0, rc = 0;

	for (i = 0; i < cur->ndevs && !rc; i++) {
		const struct dev_snap *c = &cur->devs[i];
		const struct dev_snap *w = region_snap_find(want, c->id);

		/* an idle empty device not in the layout is a seed: kept */
		if (!w && !c->size && c->mode == DAXCTL_DEV_MODE_DISABLED)
			continue;
		if (w && dev_snap_same(c, w))
			continue;
		rc = plan_dev(txn, want->id, c, w);
		n++;
	}
	for (i = 0; i < want->ndevs && !rc; i++) {
		if (region_snap_find(cur, want->devs[i].id))
			continue;
		rc = plan_dev(txn, want->id, NULL, &want->devs[i]);
		n++;
	}
	return rc ? rc : n;
}

/* Check and snapshot every region before the first write. */
static int layout_prepare(struct daxctl_txn *txn,
			  struct daxctl_layout *layout,
			  struct region_snap *cur, bool force)
{
	int i, rc;

	for (i = 0; i < layout->nregions; i++) {
		struct region_snap *want = &layout->regions[i];
		struct daxctl_region *region = find_region(txn->ctx, want->id);
		struct txn_region *r = region ? txn_find_region(txn, region) :
						NULL;
		struct apply_result res = { 0 };

		if (!r || !r->locked) {
			txn_fail(txn, "region%d: not locked by the transaction",
				 want->id);
			return -ENOLCK;
		}
		rc = check_region(txn, region, want);
		if (!rc)
			rc = region_snap_take(region, &cur[i]);
		if (rc)
			return rc;
		/* refuse a busy region here, not after changing another */
		if (!force && region_apply_check_idle(&cur[i], want, &res)) {
			txn_fail(txn, "%s", res.reason);
			return -EBUSY;
		}
	}
	return 0;
}

DAXCTL_EXPORT int daxctl_txn_apply_layout(struct daxctl_txn *txn,
					  struct daxctl_layout *layout,
					  unsigned int flags)
{
	bool force = flags & DAXCTL_LAYOUT_FORCE;
	struct region_snap *cur;
	int i, rc, changed = 0;

	if (!txn || !layout || txn->state != TXN_ACTIVE)
		return -EINVAL;
	txn->reason[0] = '\0';
	cur = calloc(layout->nregions ? layout->nregions : 1, sizeof(*cur));
	if (!cur)
		return -ENOMEM;
	rc = layout_prepare(txn, layout, cur, force);
	for (i = 0; !rc && i < layout->nregions; i++) {
		struct region_snap *want = &layout->regions[i];
		struct daxctl_region *region = find_region(txn->ctx, want->id);
		struct apply_result res = { 0 };

		if (flags & DAXCTL_LAYOUT_DRY_RUN) {
			rc = plan_region(txn, &cur[i], want);
			if (rc > 0)
				changed += rc;
			rc = rc < 0 ? rc : 0;
			continue;
		}
		rc = daxctl_txn_save_region(txn, region);
		if (!rc)
			rc = region_apply(region, &cur[i], want, force, &res);
		changed += res.changed;
		if (rc)
			txn_fail(txn, "%s", res.reason[0] ? res.reason :
							     strerror(-rc));
	}
	for (i = 0; i < layout->nregions; i++)
		region_snap_free(&cur[i]);
	free(cur);
	return rc ? rc : changed;
}
