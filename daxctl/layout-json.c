// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout-json.c: reading and writing layout files (layout-json.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "json.h"
#include "layout-json.h"
#include "size.h"

void lregion_free(struct lregion *r)
{
	int i;

	for (i = 0; i < r->ndevs; i++) {
		free(r->devs[i].maps);
		free(r->devs[i].online);
	}
	free(r->devs);
	memset(r, 0, sizeof(*r));
}

int cmp_ldev(const void *a, const void *b)
{
	const struct ldev *x = a, *y = b;

	return x->id - y->id;
}

struct json_object *lregion_to_json(const struct lregion *lr)
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
		json_object_object_add(
			jd, "mode",
			json_object_new_string(daxctl_dev_mode_name(ld->mode)));
		if (ld->memmap >= 0)
			json_object_object_add(jd, "memmap_on_memory",
				json_object_new_boolean(ld->memmap));
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

static int layout_error(const char *file, const char *what)
{
	fprintf(stderr, "error: %s: malformed layout: %s\n", file, what);
	return -EINVAL;
}

/* The device's ranges, which must add up to its size. */
static int ldev_maps_from_json(const char *file, struct json_object *jd,
			       struct ldev *ld)
{
	unsigned long long v, total = 0;
	struct json_object *jmaps;
	int i;

	if (!json_object_object_get_ex(jd, "mappings", &jmaps) ||
	    !json_object_is_type(jmaps, json_type_array))
		return layout_error(file, "device without \"mappings\"");
	ld->nmaps = json_object_array_length(jmaps);
	ld->maps = calloc(ld->nmaps ? ld->nmaps : 1, sizeof(*ld->maps));
	if (!ld->maps)
		return -ENOMEM;
	for (i = 0; i < ld->nmaps; i++) {
		struct json_object *jm = json_object_array_get_idx(jmaps, i);

		if (!jm ||
		    !daxctl_json_get_u64(jm, "start", &ld->maps[i].start) ||
		    !daxctl_json_get_u64(jm, "end", &ld->maps[i].end) ||
		    ld->maps[i].end < ld->maps[i].start)
			return layout_error(file, "bad mapping");
		v = ld->maps[i].end - ld->maps[i].start;
		/* a range of the whole space, or a sum that wraps */
		if (v == ULLONG_MAX || total > ULLONG_MAX - v - 1)
			return layout_error(file, "mappings add up beyond 2^64");
		total += v + 1;
	}
	if (total != ld->size)
		return layout_error(file, "mappings do not add up to \"size\"");
	return 0;
}

/* The optional online memory block ranges of a system-ram device. */
static int ldev_online_from_json(const char *file, struct json_object *jd,
				 struct ldev *ld)
{
	struct json_object *jon, *j;
	int i;

	if (!json_object_object_get_ex(jd, "online_memblocks", &jon))
		return 0;
	if (!json_object_is_type(jon, json_type_array))
		return layout_error(file, "bad \"online_memblocks\"");
	ld->nonline = json_object_array_length(jon);
	ld->online = calloc(ld->nonline ? ld->nonline : 1, sizeof(*ld->online));
	if (!ld->online)
		return -ENOMEM;
	for (i = 0; i < ld->nonline; i++) {
		struct json_object *jb = json_object_array_get_idx(jon, i);
		unsigned long long first, last;

		if (!jb || !daxctl_json_get_u64(jb, "first", &first) ||
		    !daxctl_json_get_u64(jb, "last", &last) || last < first ||
		    last > ULONG_MAX ||
		    !json_object_object_get_ex(jb, "movable", &j) ||
		    !json_object_is_type(j, json_type_boolean))
			return layout_error(file, "bad \"online_memblocks\"");
		/* as save-layout writes them: ascending, disjoint */
		if (i && first <= ld->online[i - 1].last)
			return layout_error(file, "\"online_memblocks\" out of order or overlapping");
		ld->online[i].first = first;
		ld->online[i].last = last;
		ld->online[i].movable = json_object_get_boolean(j);
	}
	return 0;
}

static int ldev_from_json(const char *file, int region_id,
			  struct json_object *jd, struct ldev *ld)
{
	struct json_object *j;
	unsigned long long v;
	const char *s;
	int rid, rc;

	memset(ld, 0, sizeof(*ld));
	if (ident_devname(daxctl_json_get_string(jd, "chardev"), &rid,
			  &ld->id) ||
	    rid != region_id)
		return layout_error(file, "device without a valid \"chardev\"");
	snprintf(ld->name, sizeof(ld->name), "dax%d.%d", rid, ld->id);
	if (!daxctl_json_get_u64(jd, "size", &ld->size))
		return layout_error(file, "device without \"size\"");
	if (!daxctl_json_get_u64(jd, "align", &v) || v > ULONG_MAX)
		return layout_error(file, "device without \"align\"");
	ld->align = v;
	s = daxctl_json_get_string(jd, "mode");
	if (!s)
		return layout_error(file, "device without \"mode\"");
	ld->mode = daxctl_dev_mode_from_name(s);
	if (ld->mode == DAXCTL_DEV_MODE_UNKNOWN)
		return layout_error(file, "unknown \"mode\"");
	ld->memmap = -1;
	if (json_object_object_get_ex(jd, "memmap_on_memory", &j)) {
		if (!json_object_is_type(j, json_type_boolean))
			return layout_error(file, "\"memmap_on_memory\" is not true or false");
		ld->memmap = json_object_get_boolean(j);
	}

	rc = ldev_maps_from_json(file, jd, ld);
	if (rc)
		return rc;
	if (ld->mode != DAXCTL_DEV_MODE_DISABLED && !ld->size)
		return layout_error(file, "an enabled device of size 0");
	return ldev_online_from_json(file, jd, ld);
}

int lregion_from_json(const char *file, struct json_object *jr,
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
	if (!daxctl_json_get_u64(jr, "size", &v))
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

void layout_regions_free(struct lregion *regions, int n)
{
	int i;

	for (i = 0; i < n; i++)
		lregion_free(&regions[i]);
	free(regions);
}

int layout_read(const char *file, struct lregion **out, int *nout)
{
	struct json_object *jroot, *jregions, *j;
	struct lregion *regions = NULL;
	struct json_dup_key dup;
	int i, k, n = 0, rc = 0;

	*out = NULL;
	*nout = 0;
	jroot = daxctl_json_from_file(file, &dup);
	if (!jroot && errno == EEXIST) {
		fprintf(stderr,
			"error: %s: malformed layout: key \"%s\" given twice"
			" in one object (line %lu, byte %zu)\n",
			file, dup.key, dup.line, dup.offset);
		return -EINVAL;
	}
	if (!jroot) {
		fprintf(stderr, "error: %s: cannot read a JSON layout%s\n",
			file, errno == EFBIG ? ": larger than any layout" : "");
		return -EINVAL;
	}
	if (!json_object_object_get_ex(jroot, "version", &j) ||
	    !json_object_is_type(j, json_type_int) ||
	    json_object_get_int64(j) != LAYOUT_VERSION ||
	    !json_object_object_get_ex(jroot, "regions", &jregions) ||
	    !json_object_is_type(jregions, json_type_array)) {
		rc = layout_error(file, "not a version 1 layout from save-layout");
		goto out;
	}
	k = json_object_array_length(jregions);
	regions = calloc(k ? k : 1, sizeof(*regions));
	if (!regions) {
		rc = -ENOMEM;
		goto out;
	}
	/* every region is read, and checked, before anything is written */
	for (i = 0; i < k && !rc; i++) {
		struct lregion *lr = &regions[n];
		int d;

		rc = lregion_from_json(file, json_object_array_get_idx(jregions, i),
				       lr);
		if (rc) {
			lregion_free(lr);
			break;
		}
		n++;
		for (d = 0; d < n - 1 && !rc; d++)
			if (regions[d].id == lr->id)
				rc = layout_error(file, "a region listed twice");
	}
out:
	json_object_put(jroot);
	if (rc) {
		layout_regions_free(regions, n);
		return rc;
	}
	*out = regions;
	*nout = n;
	return 0;
}

static int ldev_to_layout(int region_id, const struct ldev *ld,
			  struct daxctl_layout *layout)
{
	int i, rc;

	rc = daxctl_layout_add_dev(layout, region_id, ld->id, ld->mode,
				   ld->align);
	if (!rc && ld->memmap >= 0)
		rc = daxctl_layout_set_memmap_on_memory(layout, region_id,
							ld->id, ld->memmap);
	for (i = 0; !rc && i < ld->nmaps; i++)
		rc = daxctl_layout_add_range(layout, region_id, ld->id,
					     ld->maps[i].start, ld->maps[i].end);
	/* a disabled or devdax device has no memory blocks to online */
	for (i = 0; !rc && ld->mode == DAXCTL_DEV_MODE_RAM && i < ld->nonline;
	     i++)
		rc = daxctl_layout_add_online(layout, region_id, ld->id,
					      ld->online[i].first,
					      ld->online[i].last,
					      ld->online[i].movable);
	return rc;
}

int lregions_to_layout(const struct lregion *regions, int n,
		       struct daxctl_layout *layout)
{
	int i, k, rc = 0;

	for (i = 0; i < n && !rc; i++) {
		rc = daxctl_layout_add_region(layout, regions[i].id,
					      regions[i].size);
		for (k = 0; k < regions[i].ndevs && !rc; k++)
			rc = ldev_to_layout(regions[i].id, &regions[i].devs[k],
					    layout);
	}
	return rc;
}

static int ldev_ranges_from_layout(struct daxctl_layout *layout, int region_id,
				   struct ldev *ld)
{
	struct lrange r, *maps;

	while (!daxctl_layout_get_range(layout, region_id, ld->id, ld->nmaps,
					&r.start, &r.end)) {
		maps = realloc(ld->maps, (ld->nmaps + 1) * sizeof(*maps));
		if (!maps)
			return -ENOMEM;
		ld->maps = maps;
		maps[ld->nmaps++] = r;
	}
	return 0;
}

static int ldev_online_from_layout(struct daxctl_layout *layout, int region_id,
				   struct ldev *ld)
{
	struct lblocks b, *online;

	while (!daxctl_layout_get_online(layout, region_id, ld->id, ld->nonline,
					 &b.first, &b.last, &b.movable)) {
		online = realloc(ld->online,
				 (ld->nonline + 1) * sizeof(*online));
		if (!online)
			return -ENOMEM;
		ld->online = online;
		online[ld->nonline++] = b;
	}
	return 0;
}

static int ldev_from_layout(struct daxctl_layout *layout, int region_id,
			    int dev_id, struct ldev *ld)
{
	int rc;

	memset(ld, 0, sizeof(*ld));
	ld->id = dev_id;
	snprintf(ld->name, sizeof(ld->name), "dax%d.%d", region_id, dev_id);
	ld->size = daxctl_layout_get_dev_size(layout, region_id, dev_id);
	ld->align = daxctl_layout_get_dev_align(layout, region_id, dev_id);
	ld->mode = daxctl_layout_get_dev_mode(layout, region_id, dev_id);
	ld->memmap =
		daxctl_layout_get_memmap_on_memory(layout, region_id, dev_id);
	if (ld->memmap < 0)
		ld->memmap = -1;
	rc = ldev_ranges_from_layout(layout, region_id, ld);
	if (!rc)
		rc = ldev_online_from_layout(layout, region_id, ld);
	return rc;
}

int lregion_from_layout(struct daxctl_layout *layout, int region_id,
			struct lregion *lr)
{
	int dev_id, rc = 0;

	memset(lr, 0, sizeof(*lr));
	lr->id = region_id;
	lr->size = daxctl_layout_get_region_size(layout, region_id);
	while (!rc && (dev_id = daxctl_layout_get_dev_id(layout, region_id,
							 lr->ndevs)) >= 0) {
		struct ldev *devs;

		devs = realloc(lr->devs, (lr->ndevs + 1) * sizeof(*devs));
		if (!devs)
			return -ENOMEM;
		lr->devs = devs;
		/* counted even when it fails: lregion_free() frees its part */
		rc = ldev_from_layout(layout, region_id, dev_id,
				      &devs[lr->ndevs++]);
	}
	return rc;
}
