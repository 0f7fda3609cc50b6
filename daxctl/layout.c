// SPDX-License-Identifier: GPL-2.0-only
/*
 * save-layout / apply-layout: write a region's sub-division to JSON and
 * re-create it exactly.
 *
 *   daxctl save-layout [-r <region>] [-o <file>]
 *   daxctl apply-layout [-r <region>] [-f] [-v] <file>
 *
 * The layout records, per region, every device (idle ones included) with
 * its name, alignment, its physical ranges in page-offset order, its mode,
 * and for system-ram devices which memory blocks are online and in which
 * zone.  apply-layout rebuilds the devices through the 'mapping'
 * attribute, so each gets the same physical ranges, not just the same
 * size, then binds the drivers and onlines the same blocks.
 *
 * apply-layout is idempotent: a device that already matches is not
 * touched, so applying a layout twice writes nothing the second time.
 * It is transactional: the region's state is saved first, and a failure
 * part way re-applies that saved state; whatever cannot be restored is
 * reported device by device.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <json-c/json.h>
#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "device.h"
#include "json.h"
#include "parse-options.h"
#include "region-lock.h"
#include "size.h"

#define LAYOUT_VERSION 1

struct lblocks {
	unsigned long first, last;
	bool movable;
};

struct ldev {
	int id;
	char name[32];
	unsigned long long size;
	unsigned long align;
	enum daxctl_dev_mode mode;
	int nmaps;
	struct dev_range *maps;
	int nonline;
	struct lblocks *online;
};

struct lregion {
	int id;
	unsigned long long size;
	int ndevs;
	struct ldev *devs;
};

static struct {
	const char *region;
	const char *output;
	bool force;
	bool verbose;
} lparam;

static void lregion_free(struct lregion *r)
{
	int i;

	for (i = 0; i < r->ndevs; i++) {
		free(r->devs[i].maps);
		free(r->devs[i].online);
	}
	free(r->devs);
	memset(r, 0, sizeof(*r));
}

static const char *lmode_name(enum daxctl_dev_mode mode)
{
	switch (mode) {
	case DAXCTL_DEV_MODE_DEVDAX:
		return "devdax";
	case DAXCTL_DEV_MODE_RAM:
		return "system-ram";
	default:
		return "disabled";
	}
}

static int cmp_ldev(const void *a, const void *b)
{
	const struct ldev *x = a, *y = b;

	return x->id - y->id;
}

/* ---- live state -> layout -------------------------------------------- */

static int ldev_from_dev(struct daxctl_dev *dev, struct ldev *ld)
{
	struct dev_state st;
	int i;

	memset(ld, 0, sizeof(*ld));
	daxctl_dev_refresh(dev);
	dev_state_save(dev, &st);
	ld->id = daxctl_dev_get_id(dev);
	snprintf(ld->name, sizeof(ld->name), "%s", daxctl_dev_get_devname(dev));
	ld->size = st.size;
	ld->align = st.align;
	ld->mode = st.mode == DAXCTL_DEV_MODE_UNKNOWN ?
			   DAXCTL_DEV_MODE_DISABLED : st.mode;
	ld->nmaps = st.nmaps;
	ld->maps = st.maps;
	st.maps = NULL;

	if (st.blocks.valid && st.blocks.n) {
		ld->online = calloc(st.blocks.n, sizeof(*ld->online));
		if (!ld->online) {
			dev_state_free(&st);
			return -ENOMEM;
		}
		for (i = 0; i < st.blocks.n; i++) {
			struct lblocks *last = ld->nonline ?
				&ld->online[ld->nonline - 1] : NULL;

			if (last && last->last + 1 == st.blocks.ids[i] &&
			    last->movable == st.blocks.movable[i]) {
				last->last = st.blocks.ids[i];
				continue;
			}
			ld->online[ld->nonline++] = (struct lblocks) {
				.first = st.blocks.ids[i],
				.last = st.blocks.ids[i],
				.movable = st.blocks.movable[i],
			};
		}
	}
	dev_state_free(&st);
	return 0;
}

static int lregion_from_region(struct daxctl_region *region,
			       struct lregion *lr)
{
	struct daxctl_dev *dev;
	int n = 0, rc;

	memset(lr, 0, sizeof(*lr));
	lr->id = daxctl_region_get_id(region);
	lr->size = daxctl_region_get_size(region);
	daxctl_region_rescan(region);
	daxctl_dev_foreach(region, dev)
		n++;
	lr->devs = calloc(n ? n : 1, sizeof(*lr->devs));
	if (!lr->devs)
		return -ENOMEM;
	daxctl_dev_foreach(region, dev) {
		rc = ldev_from_dev(dev, &lr->devs[lr->ndevs]);
		if (rc)
			return rc;
		lr->ndevs++;
	}
	qsort(lr->devs, lr->ndevs, sizeof(*lr->devs), cmp_ldev);
	return 0;
}

/* ---- layout <-> JSON ------------------------------------------------- */

static struct json_object *lregion_to_json(const struct lregion *lr)
{
	struct json_object *jr = json_object_new_object();
	struct json_object *jdevs = json_object_new_array();
	int i, j;

	json_object_object_add(jr, "id", json_object_new_int(lr->id));
	json_object_object_add(jr, "size", daxctl_json_u64(lr->size));
	for (i = 0; i < lr->ndevs; i++) {
		const struct ldev *ld = &lr->devs[i];
		struct json_object *jd = json_object_new_object();
		struct json_object *jmaps = json_object_new_array();

		json_object_object_add(jd, "chardev",
				       json_object_new_string(ld->name));
		json_object_object_add(jd, "size", daxctl_json_u64(ld->size));
		json_object_object_add(jd, "align", daxctl_json_u64(ld->align));
		json_object_object_add(jd, "mode",
				       json_object_new_string(lmode_name(ld->mode)));
		for (j = 0; j < ld->nmaps; j++) {
			struct json_object *jm = json_object_new_object();

			json_object_object_add(jm, "start", daxctl_json_u64(ld->maps[j].start));
			json_object_object_add(jm, "end", daxctl_json_u64(ld->maps[j].end));
			json_object_array_add(jmaps, jm);
		}
		json_object_object_add(jd, "mappings", jmaps);
		if (ld->mode == DAXCTL_DEV_MODE_RAM) {
			struct json_object *jon = json_object_new_array();

			for (j = 0; j < ld->nonline; j++) {
				struct json_object *jb = json_object_new_object();

				json_object_object_add(jb, "first",
						       daxctl_json_u64(ld->online[j].first));
				json_object_object_add(jb, "last",
						       daxctl_json_u64(ld->online[j].last));
				json_object_object_add(jb, "movable",
					json_object_new_boolean(ld->online[j].movable));
				json_object_array_add(jon, jb);
			}
			json_object_object_add(jd, "online_memblocks", jon);
		}
		json_object_array_add(jdevs, jd);
	}
	json_object_object_add(jr, "devices", jdevs);
	return jr;
}

static bool get_u64(struct json_object *o, const char *key,
		    unsigned long long *v)
{
	struct json_object *j;

	if (!json_object_object_get_ex(o, key, &j) ||
	    !json_object_is_type(j, json_type_int))
		return false;
#ifdef HAVE_JSON_U64
	*v = json_object_get_uint64(j);
#else
	*v = (unsigned long long)json_object_get_int64(j);
#endif
	return true;
}

static int layout_error(const char *file, const char *what)
{
	fprintf(stderr, "error: %s: malformed layout: %s\n", file, what);
	return -EINVAL;
}

static int ldev_from_json(const char *file, int region_id,
			  struct json_object *jd, struct ldev *ld)
{
	struct json_object *j, *jmaps, *jon;
	unsigned long long v, total = 0;
	const char *s;
	int i, rid;

	memset(ld, 0, sizeof(*ld));
	if (!json_object_object_get_ex(jd, "chardev", &j) ||
	    !(s = json_object_get_string(j)) ||
	    sscanf(s, "dax%d.%d", &rid, &ld->id) != 2 || rid != region_id ||
	    ld->id < 0)
		return layout_error(file, "device without a valid \"chardev\"");
	snprintf(ld->name, sizeof(ld->name), "dax%d.%d", rid, ld->id);
	if (!get_u64(jd, "size", &ld->size))
		return layout_error(file, "device without \"size\"");
	if (!get_u64(jd, "align", &v) || v > ULONG_MAX)
		return layout_error(file, "device without \"align\"");
	ld->align = v;
	if (!json_object_object_get_ex(jd, "mode", &j) ||
	    !(s = json_object_get_string(j)))
		return layout_error(file, "device without \"mode\"");
	if (strcmp(s, "devdax") == 0)
		ld->mode = DAXCTL_DEV_MODE_DEVDAX;
	else if (strcmp(s, "system-ram") == 0)
		ld->mode = DAXCTL_DEV_MODE_RAM;
	else if (strcmp(s, "disabled") == 0)
		ld->mode = DAXCTL_DEV_MODE_DISABLED;
	else
		return layout_error(file, "unknown \"mode\"");

	if (!json_object_object_get_ex(jd, "mappings", &jmaps) ||
	    !json_object_is_type(jmaps, json_type_array))
		return layout_error(file, "device without \"mappings\"");
	ld->nmaps = json_object_array_length(jmaps);
	ld->maps = calloc(ld->nmaps ? ld->nmaps : 1, sizeof(*ld->maps));
	if (!ld->maps)
		return -ENOMEM;
	for (i = 0; i < ld->nmaps; i++) {
		struct json_object *jm = json_object_array_get_idx(jmaps, i);

		if (!jm || !get_u64(jm, "start", &ld->maps[i].start) ||
		    !get_u64(jm, "end", &ld->maps[i].end) ||
		    ld->maps[i].end < ld->maps[i].start)
			return layout_error(file, "bad mapping");
		total += ld->maps[i].end - ld->maps[i].start + 1;
	}
	if (total != ld->size)
		return layout_error(file, "mappings do not add up to \"size\"");
	if (ld->mode != DAXCTL_DEV_MODE_DISABLED && !ld->size)
		return layout_error(file, "an enabled device of size 0");

	if (json_object_object_get_ex(jd, "online_memblocks", &jon)) {
		if (!json_object_is_type(jon, json_type_array))
			return layout_error(file, "bad \"online_memblocks\"");
		ld->nonline = json_object_array_length(jon);
		ld->online = calloc(ld->nonline ? ld->nonline : 1,
				    sizeof(*ld->online));
		if (!ld->online)
			return -ENOMEM;
		for (i = 0; i < ld->nonline; i++) {
			struct json_object *jb = json_object_array_get_idx(jon, i);
			unsigned long long first, last;

			if (!jb || !get_u64(jb, "first", &first) ||
			    !get_u64(jb, "last", &last) || last < first ||
			    last > ULONG_MAX ||
			    !json_object_object_get_ex(jb, "movable", &j))
				return layout_error(file, "bad \"online_memblocks\"");
			/* as save-layout writes them: ascending, disjoint */
			if (i && first <= ld->online[i - 1].last)
				return layout_error(file, "\"online_memblocks\" out of order or overlapping");
			ld->online[i].first = first;
			ld->online[i].last = last;
			ld->online[i].movable = json_object_get_boolean(j);
		}
	}
	return 0;
}

static int lregion_from_json(const char *file, struct json_object *jr,
			     struct lregion *lr)
{
	struct json_object *j, *jdevs;
	unsigned long long v;
	int i, k, rc;

	memset(lr, 0, sizeof(*lr));
	if (!json_object_object_get_ex(jr, "id", &j) ||
	    !json_object_is_type(j, json_type_int))
		return layout_error(file, "region without \"id\"");
	/* json_object_get_int() would clamp 4294967296 to INT32_MAX */
	if (json_object_get_int64(j) < 0 || json_object_get_int64(j) > INT_MAX)
		return layout_error(file, "region \"id\" out of range");
	lr->id = json_object_get_int(j);
	if (!get_u64(jr, "size", &v))
		return layout_error(file, "region without \"size\"");
	lr->size = v;
	if (!json_object_object_get_ex(jr, "devices", &jdevs) ||
	    !json_object_is_type(jdevs, json_type_array))
		return layout_error(file, "region without \"devices\"");
	k = json_object_array_length(jdevs);
	lr->devs = calloc(k ? k : 1, sizeof(*lr->devs));
	if (!lr->devs)
		return -ENOMEM;
	for (i = 0; i < k; i++) {
		rc = ldev_from_json(file, lr->id,
				    json_object_array_get_idx(jdevs, i),
				    &lr->devs[i]);
		lr->ndevs = i + 1;
		if (rc)
			return rc;
	}
	qsort(lr->devs, lr->ndevs, sizeof(*lr->devs), cmp_ldev);
	for (i = 1; i < lr->ndevs; i++)
		if (lr->devs[i].id == lr->devs[i - 1].id)
			return layout_error(file, "a device listed twice");
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

static const struct ldev *find_ldev(const struct lregion *lr, int id)
{
	int i;

	for (i = 0; i < lr->ndevs; i++)
		if (lr->devs[i].id == id)
			return &lr->devs[i];
	return NULL;
}

static bool same_ranges(const struct ldev *a, const struct ldev *b)
{
	int i;

	if (a->nmaps != b->nmaps || a->size != b->size)
		return false;
	if (b->align && a->align != b->align && a->size)
		return false;
	for (i = 0; i < a->nmaps; i++)
		if (a->maps[i].start != b->maps[i].start ||
		    a->maps[i].end != b->maps[i].end)
			return false;
	return true;
}

static bool same_online(const struct ldev *a, const struct ldev *b)
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

static bool same_state(const struct ldev *cur, const struct ldev *want)
{
	if (!same_ranges(cur, want) || cur->mode != want->mode)
		return false;
	return cur->mode != DAXCTL_DEV_MODE_RAM || same_online(cur, want);
}

/*
 * The blocks of @dev that @ld wants online.  It walks the device's own
 * blocks, never the numbers in the layout, so a range's width costs
 * nothing; a range naming a block the device does not have is refused
 * (-EINVAL).  The ranges are ascending and disjoint (lregion_from_json).
 */
static int ldev_to_memblocks(struct daxctl_dev *dev, const struct ldev *ld,
			     struct memblocks *mb)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	struct daxctl_memory_block *block;
	unsigned long long named = 0;
	int i = 0, n = 0;

	memset(mb, 0, sizeof(*mb));
	if (!mem)
		return -ENXIO;
	daxctl_memory_block_foreach(mem, block)
		n++;
	if (n) {
		mb->ids = calloc(n, sizeof(*mb->ids));
		mb->movable = calloc(n, sizeof(*mb->movable));
		if (!mb->ids || !mb->movable) {
			memblocks_free(mb);
			return -ENOMEM;
		}
	}
	daxctl_memory_block_foreach(mem, block) {
		unsigned long id = daxctl_memory_block_get_id(block);

		while (i < ld->nonline && ld->online[i].last < id)
			i++;
		if (i < ld->nonline && ld->online[i].first <= id &&
		    mb->n < n) {
			mb->ids[mb->n] = id;
			mb->movable[mb->n] = ld->online[i].movable;
			mb->n++;
		}
	}
	/* every block a range names must have been found above */
	for (i = 0; i < ld->nonline; i++) {
		unsigned long span = ld->online[i].last - ld->online[i].first;

		if (span >= (unsigned long)n) {
			named = ULLONG_MAX;
			break;
		}
		named += span + 1;
	}
	if (named != (unsigned long long)mb->n) {
		memblocks_free(mb);
		return -EINVAL;
	}
	mb->valid = true;
	return 0;
}

/* Offline (if needed) and unbind; 0 or -errno, with a message. */
static int lquiesce(struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int rc;

	if (mem && daxctl_memory_is_online(mem) > 0) {
		rc = daxctl_memory_offline(mem);
		if (rc < 0) {
			fprintf(stderr, "%s: memory cannot be offlined: %s\n",
				devname, strerror(-rc));
			return rc;
		}
	}
	rc = daxctl_dev_disable(dev);
	if (rc)
		fprintf(stderr, "%s: disable failed: %s\n", devname,
			strerror(-rc));
	return rc;
}

static int lset_mode(struct daxctl_dev *dev, const struct ldev *want)
{
	const char *devname = daxctl_dev_get_devname(dev);
	enum daxctl_dev_mode now = daxctl_dev_get_mode(dev);
	struct memblocks mb;
	int rc = 0;

	if (now != want->mode && now != DAXCTL_DEV_MODE_DISABLED) {
		rc = lquiesce(dev);
		if (rc)
			return rc;
	}
	switch (want->mode) {
	case DAXCTL_DEV_MODE_DEVDAX:
		rc = daxctl_dev_enable_devdax(dev);
		break;
	case DAXCTL_DEV_MODE_RAM:
		rc = daxctl_dev_enable_ram(dev);
		if (rc)
			break;
		rc = ldev_to_memblocks(dev, want, &mb);
		if (rc == -EINVAL) {
			fprintf(stderr, "%s: the layout names online memory blocks the device does not have\n",
				devname);
			return rc;
		}
		if (!rc)
			rc = memblocks_restore(dev, &mb);
		memblocks_free(&mb);
		if (rc)
			fprintf(stderr, "%s: failed to set the online memory blocks: %s\n",
				devname, strerror(-rc));
		return rc;
	default:
		return 0;
	}
	if (rc)
		fprintf(stderr, "%s: enable failed: %s\n", devname,
			strerror(-rc));
	return rc;
}

static int lset_ranges(struct daxctl_dev *dev, const struct ldev *want)
{
	int i, rc;

	if (daxctl_dev_get_size(dev)) {
		rc = daxctl_dev_set_size(dev, 0);
		if (rc)
			return explain_set_size(dev, 0, rc);
	}
	if (want->align && daxctl_dev_get_align(dev) != want->align) {
		rc = daxctl_dev_set_align(dev, want->align);
		if (rc)
			return explain_set_align(dev, want->align, rc);
	}
	for (i = 0; i < want->nmaps; i++) {
		rc = daxctl_dev_set_mapping(dev, want->maps[i].start,
					    want->maps[i].end);
		if (rc)
			return explain_set_mapping(dev, want->maps[i].start,
						   want->maps[i].end, rc);
	}
	return 0;
}

/*
 * Make @region look like @want.  @cur is its present state.  Returns 0,
 * or -errno with the region part way (the caller restores).
 */
static int apply_region(struct daxctl_region *region, const struct lregion *cur,
			const struct lregion *want, bool force, int *changed)
{
	int i, rc, max_id = 0, guard;
	struct daxctl_dev *dev;

	*changed = 0;
	/* 1: refuse to touch enabled devices unless forced */
	for (i = 0; i < cur->ndevs; i++) {
		const struct ldev *c = &cur->devs[i];
		const struct ldev *w = find_ldev(want, c->id);

		if (w && same_state(c, w))
			continue;
		if (c->mode != DAXCTL_DEV_MODE_DISABLED && !force) {
			fprintf(stderr, "region%d: not idle: %s is enabled (%s) and would change, use --force\n",
				cur->id, c->name, lmode_name(c->mode));
			return -EBUSY;
		}
	}

	/* 2: empty (and delete) every device whose ranges change */
	for (i = 0; i < cur->ndevs; i++) {
		const struct ldev *c = &cur->devs[i];
		const struct ldev *w = find_ldev(want, c->id);

		if (w && same_ranges(c, w))
			continue;
		dev = find_dev(region, c->id);
		if (!dev)
			continue;
		if (c->mode != DAXCTL_DEV_MODE_DISABLED) {
			rc = lquiesce(dev);
			if (rc)
				return rc;
		}
		if (daxctl_dev_get_size(dev)) {
			rc = daxctl_dev_set_size(dev, 0);
			if (rc)
				return explain_set_size(dev, 0, rc);
		}
		(*changed)++;
		if (!w && c->id != 0) {
			rc = daxctl_region_destroy_dev(region, dev);
			if (rc) {
				fprintf(stderr, "%s: failed to delete: %s\n",
					c->name, strerror(-rc));
				return rc;
			}
			daxctl_region_rescan(region);
		}
	}

	/* 3: make every wanted device exist; 'create' takes the lowest free id */
	for (i = 0; i < want->ndevs; i++)
		if (want->devs[i].id > max_id)
			max_id = want->devs[i].id;
	for (guard = 0; guard <= max_id + 1; guard++) {
		bool missing = false;

		daxctl_region_rescan(region);
		for (i = 0; i < want->ndevs; i++)
			if (!find_dev(region, want->devs[i].id))
				missing = true;
		if (!missing)
			break;
		rc = daxctl_region_create_dev(region);
		if (rc) {
			fprintf(stderr, "region%d: failed to create a device: %s\n",
				want->id, strerror(-rc));
			return rc;
		}
		(*changed)++;
	}
	daxctl_region_rescan(region);

	/* 4: ranges, in id order */
	for (i = 0; i < want->ndevs; i++) {
		const struct ldev *w = &want->devs[i];
		const struct ldev *c = find_ldev(cur, w->id);

		if (c && same_ranges(c, w))
			continue;
		dev = find_dev(region, w->id);
		if (!dev) {
			fprintf(stderr, "region%d: could not create %s\n",
				want->id, w->name);
			return -ENXIO;
		}
		rc = lset_ranges(dev, w);
		if (rc)
			return rc;
		(*changed)++;
	}

	/* 5: delete the placeholders step 3 created on the way */
	daxctl_region_rescan(region);
	{
		struct daxctl_dev *_d;

		daxctl_dev_foreach_safe(region, dev, _d) {
			int id = daxctl_dev_get_id(dev);

			if (find_ldev(want, id) || id == 0 ||
			    daxctl_dev_get_size(dev) ||
			    daxctl_dev_is_enabled(dev))
				continue;
			rc = daxctl_region_destroy_dev(region, dev);
			if (rc) {
				fprintf(stderr, "%s: failed to delete: %s\n",
					daxctl_dev_get_devname(dev),
					strerror(-rc));
				return rc;
			}
		}
	}
	daxctl_region_rescan(region);

	/*
	 * 6: modes and online memory.  Devices to leave disabled come last:
	 * a write to device_dax's new_id attaches the driver to every idle
	 * device that has a size, not only to the one named.
	 */
	for (i = 0; i < 2 * want->ndevs; i++) {
		const struct ldev *w = &want->devs[i % want->ndevs];
		struct ldev now;
		bool same;

		if ((w->mode == DAXCTL_DEV_MODE_DISABLED) != (i >= want->ndevs))
			continue;
		dev = find_dev(region, w->id);
		if (!dev)
			return -ENXIO;
		if (ldev_from_dev(dev, &now))
			return -ENOMEM;
		same = same_state(&now, w);
		free(now.maps);
		free(now.online);
		if (same)
			continue;
		rc = lset_mode(dev, w);
		if (rc)
			return rc;
		(*changed)++;
	}
	return 0;
}

/* Lines naming each device that differs from @want; count returned. */
static int report_differences(struct daxctl_region *region,
			      const struct lregion *want)
{
	struct lregion now;
	int i, n = 0;

	if (lregion_from_region(region, &now)) {
		lregion_free(&now);
		return -ENOMEM;
	}
	for (i = 0; i < want->ndevs; i++) {
		const struct ldev *w = &want->devs[i];
		const struct ldev *c = find_ldev(&now, w->id);

		if (!c) {
			fprintf(stderr, "  %s: missing (was %s, size %llu)\n",
				w->name, lmode_name(w->mode), w->size);
			n++;
		} else if (!same_state(c, w)) {
			fprintf(stderr, "  %s: now %s, size %llu, %d range%s (was %s, size %llu, %d range%s)\n",
				c->name, lmode_name(c->mode), c->size,
				c->nmaps, c->nmaps == 1 ? "" : "s",
				lmode_name(w->mode), w->size, w->nmaps,
				w->nmaps == 1 ? "" : "s");
			n++;
		}
	}
	for (i = 0; i < now.ndevs; i++)
		if (!find_ldev(want, now.devs[i].id) && now.devs[i].size) {
			fprintf(stderr, "  %s: left over, %s, size %llu\n",
				now.devs[i].name, lmode_name(now.devs[i].mode),
				now.devs[i].size);
			n++;
		}
	lregion_free(&now);
	return n;
}

static int apply_one_region(struct daxctl_region *region,
			    const struct lregion *want, int *changed)
{
	struct lregion saved;
	int rc, rc2, undo;

	rc = lregion_from_region(region, &saved);
	if (rc) {
		lregion_free(&saved);
		return rc;
	}
	if (want->size != saved.size) {
		fprintf(stderr, "region%d: size %llu differs from the layout's %llu\n",
			want->id, saved.size, want->size);
		lregion_free(&saved);
		return -EINVAL;
	}
	/*
	 * 'create' takes the lowest free id, so reaching id N takes N
	 * creates: refuse ids that no region of this size needs (every
	 * device but one idle seed holds at least 2 MiB).
	 */
	if (want->ndevs &&
	    (unsigned long long)want->devs[want->ndevs - 1].id >
		    saved.size / SZ_2M + 1) {
		fprintf(stderr, "region%d: %s: device id beyond what a region of %llu bytes can hold\n",
			want->id, want->devs[want->ndevs - 1].name, saved.size);
		lregion_free(&saved);
		return -EINVAL;
	}

	rc = apply_region(region, &saved, want, lparam.force, changed);
	if (rc) {
		/*
		 * Put back what was found.  Applying the saved state is itself
		 * idempotent, so when the failure came before any change this
		 * writes nothing.
		 */
		struct lregion partial;

		undo = 0;
		rc2 = lregion_from_region(region, &partial);
		if (!rc2)
			rc2 = apply_region(region, &partial, &saved, true,
					   &undo);
		lregion_free(&partial);
		if (undo)
			fprintf(stderr, "region%d: applying the layout failed part way: previous layout restored (%d change%s undone)\n",
				want->id, undo, undo == 1 ? "" : "s");
		if (rc2 || report_differences(region, &saved) > 0)
			fprintf(stderr, "region%d: could not restore the previous layout: the devices above remain changed\n",
				want->id);
	}
	lregion_free(&saved);
	return rc;
}

/* ---- commands -------------------------------------------------------- */

int cmd_save_layout(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = { "daxctl save-layout [<options>]", NULL };
	const struct option options[] = {
		OPT_STRING('r', "region", &lparam.region, "region-id",
			   "save this region only"),
		OPT_STRING('o', "output", &lparam.output, "file",
			   "write the layout here instead of stdout"),
		OPT_END(),
	};
	struct json_object *jroot, *jregions;
	struct daxctl_region *region;
	int i, rc = 0, n = 0;
	FILE *f = stdout;

	memset(&lparam, 0, sizeof(lparam));
	argc = parse_options(argc, argv, options, u, 0);
	for (i = 0; i < argc; i++) {
		fprintf(stderr, "unknown extra parameter \"%s\"\n", argv[i]);
		usage_with_options(u, options);
	}

	/* the mappingN attributes are mode 0400 */
	rc = check_root(ctx, "save-layout");
	if (rc)
		return rc;

	jroot = json_object_new_object();
	jregions = json_object_new_array();
	json_object_object_add(jroot, "version",
			       json_object_new_int(LAYOUT_VERSION));
	daxctl_region_foreach(ctx, region) {
		struct lregion lr;

		if (!region_selected(region, lparam.region))
			continue;
		rc = lregion_from_region(region, &lr);
		if (!rc)
			json_object_array_add(jregions, lregion_to_json(&lr));
		lregion_free(&lr);
		if (rc)
			break;
		n++;
	}
	json_object_object_add(jroot, "regions", jregions);
	if (!rc && !n) {
		fprintf(stderr, "error: no such region: %s\n",
			lparam.region ? lparam.region : "(none found)");
		rc = -ENXIO;
	}
	if (!rc && lparam.output) {
		f = fopen(lparam.output, "w");
		if (!f) {
			rc = -errno;
			fprintf(stderr, "error: %s: %s\n", lparam.output,
				strerror(errno));
		}
	}
	if (!rc) {
		fprintf(f, "%s\n", json_object_to_json_string_ext(jroot,
				JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		if (f != stdout && fclose(f)) {
			rc = -errno;
			fprintf(stderr, "error: %s: %s\n", lparam.output,
				strerror(errno));
		}
	}
	json_object_put(jroot);
	if (rc < 0)
		fprintf(stderr, "error saving layout: %s\n", strerror(-rc));
	return rc;
}

int cmd_apply_layout(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = { "daxctl apply-layout <file> [<options>]",
				  NULL };
	const struct option options[] = {
		OPT_STRING('r', "region", &lparam.region, "region-id",
			   "apply this region of the layout only"),
		OPT_BOOLEAN('f', "force", &lparam.force,
			    "reconfigure enabled devices (offlines their memory)"),
		OPT_BOOLEAN('v', "verbose", &lparam.verbose,
			    "emit more debug messages"),
		OPT_END(),
	};
	struct json_object *jroot = NULL, *jregions, *j;
	int i, k, rc = 0, regions = 0, changed_total = 0;
	const char *file;

	memset(&lparam, 0, sizeof(lparam));
	argc = parse_options(argc, argv, options, u, 0);
	if (argc != 1) {
		if (argc == 0)
			fprintf(stderr, "specify a layout file to apply\n");
		for (i = 1; i < argc; i++)
			fprintf(stderr, "unknown extra parameter \"%s\"\n",
				argv[i]);
		usage_with_options(u, options);
	}
	file = argv[0];
	if (lparam.verbose)
		daxctl_set_log_priority(ctx, LOG_DEBUG);
	param.verbose = lparam.verbose;

	rc = check_root(ctx, "apply-layout");
	if (rc)
		goto out;

	jroot = json_object_from_file(file);
	if (!jroot) {
		fprintf(stderr, "error: %s: cannot read a JSON layout\n", file);
		rc = -EINVAL;
		goto out;
	}
	if (!json_object_object_get_ex(jroot, "version", &j) ||
	    json_object_get_int(j) != LAYOUT_VERSION ||
	    !json_object_object_get_ex(jroot, "regions", &jregions) ||
	    !json_object_is_type(jregions, json_type_array)) {
		rc = layout_error(file, "not a version 1 layout from save-layout");
		goto out;
	}

	k = json_object_array_length(jregions);
	for (i = 0; i < k && !rc; i++) {
		struct daxctl_region *region, *found = NULL;
		struct lregion want;
		int changed = 0;

		rc = lregion_from_json(file, json_object_array_get_idx(jregions, i),
				       &want);
		if (rc) {
			lregion_free(&want);
			break;
		}
		daxctl_region_foreach(ctx, region)
			if (daxctl_region_get_id(region) == want.id)
				found = region;
		if (lparam.region) {
			struct daxctl_region *r = found;

			if (!r || !region_selected(r, lparam.region)) {
				lregion_free(&want);
				continue;
			}
		}
		if (!found) {
			fprintf(stderr, "error: no such region: %d\n", want.id);
			rc = -ENXIO;
		} else if (!(rc = lock_region(found, "apply-layout"))) {
			rc = apply_one_region(found, &want, &changed);
			daxctl_region_unlock(found);
			regions++;
			changed_total += changed;
		}
		lregion_free(&want);
	}
	if (!rc && !regions) {
		fprintf(stderr, "error: no such region in the layout: %s\n",
			lparam.region ? lparam.region : "(empty layout)");
		rc = -ENXIO;
	}
out:
	if (jroot)
		json_object_put(jroot);
	if (rc < 0)
		fprintf(stderr, "error applying layout: %s\n", strerror(-rc));
	else
		fprintf(stderr, "applied layout to %d region%s (%d change%s)\n",
			regions, regions == 1 ? "" : "s", changed_total,
			changed_total == 1 ? "" : "s");
	return rc;
}
