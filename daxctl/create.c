// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-device: carve devices out of a region's free capacity, one or
 * --count N of them (all or none), or one like a saved device (--input).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "change.h"
#include "device-json.h"
#include "device.h"
#include "ident.h"
#include "json.h"
#include "size.h"

/*
 * The reference's do_create(): write 'create', configure the region's
 * seed (align, mappings, size), bind it to device_dax.  Without -s (and
 * --count) @size is ignored: all of the available capacity, whatever
 * number was passed, so no size a user can write means "all".  On failure the
 * caller's transaction deletes what the 'create' brought into existence.
 */
static void create_refused(struct daxctl_region *region, int rc)
{
	int id = daxctl_region_get_id(region);

	if (rc == -ENOSPC && daxctl_region_is_static(region))
		fprintf(stderr, "region%d: a static region (its device is fixed by its namespace): no device can be created\n",
			id);
	else if (rc == -ENOSPC)
		fprintf(stderr, "region%d: no capacity available to create a device\n",
			id);
	else
		fprintf(stderr, "region%d: failed to create a device: %s\n",
			id, strerror(-rc));
}

static int create_one(const struct device_cmd *c, struct daxctl_txn *txn,
		      struct daxctl_region *region, unsigned long long size,
		      struct daxctl_dev **out)
{
	struct daxctl_dev *dev;
	unsigned long long alloc = 0;
	const char *devname;
	int i, rc;

	rc = daxctl_region_create_dev(region);
	if (rc) {
		create_refused(region, rc);
		return -ENOSPC;
	}

	daxctl_region_rescan(region);
	dev = daxctl_region_get_dev_seed(region);
	if (!dev) {
		fprintf(stderr, "region%d: no seed device after create\n",
			daxctl_region_get_id(region));
		return -ENOSPC;
	}
	devname = daxctl_dev_get_devname(dev);
	rc = change_save(txn, dev);
	if (rc)
		return rc;

	if (!c->opt.have_size && c->p.count <= 0 && !c->p.whole_blocks)
		size = daxctl_region_get_available_size(region);
	if (size == 0 || size > LLONG_MAX) {
		if (size == 0)
			fprintf(stderr, "region%d: %s\n",
				daxctl_region_get_id(region),
				c->opt.have_size ? "size 0: nothing to create" :
						"no capacity available");
		else
			fprintf(stderr, "%s: size %llu is larger than available: %llu\n",
				devname, size,
				daxctl_region_get_available_size(region));
		return -ENOSPC;
	}

	if (c->opt.have_align && c->opt.align > 0) {
		rc = daxctl_dev_set_align(dev, c->opt.align);
		if (rc)
			return explain_set_align(dev, c->opt.align, rc);
	}

	for (i = 0; i < c->opt.nmaps; i++) {
		rc = daxctl_dev_set_mapping(dev, c->opt.maps[i].start,
					    c->opt.maps[i].end);
		if (rc)
			return explain_set_mapping(dev, c->opt.maps[i].start,
						   c->opt.maps[i].end, rc);
		alloc += c->opt.maps[i].end - c->opt.maps[i].start + 1;
	}

	if (c->opt.nmaps > 0 && alloc != size) {
		fprintf(stderr, "%s: allocated %llu but specified size %llu\n",
			devname, alloc, size);
	} else {
		rc = daxctl_dev_set_size(dev, size);
		if (rc)
			return explain_set_size(dev, size, rc);
	}

	rc = daxctl_dev_enable_devdax(dev);
	if (rc) {
		fprintf(stderr, "%s: enable failed: %s\n", devname,
			strerror(-rc));
		return rc;
	}
	*out = dev;
	return 0;
}

/* Granularity of a device size in @region: max(align, 2 MiB). */
static unsigned long long create_granule(const struct device_cmd *c,
					 struct daxctl_region *region)
{
	unsigned long long g = daxctl_region_get_align(region);

	if (c->opt.have_align && c->opt.align)
		g = c->opt.align;

	if (g == ULONG_MAX || g < SZ_2M)
		g = SZ_2M;
	return g;
}

/*
 * One region: one device, or --count N of them.  With --count the devices
 * are all created or none is: a failure destroys the ones this command
 * created before it.
 */
/*
 * --whole-blocks: sizes in whole memory blocks, so a device given to the
 * page allocator strands nothing below a block boundary (--count 3 on
 * 1 GiB with 256 MiB blocks: 256 MiB each, not 340 MiB of which 256
 * online).  The granule becomes the larger of the two (both are powers
 * of two); a -s that is no whole number of blocks is refused.
 */
static int whole_blocks(const struct device_cmd *c,
			struct daxctl_region *region, unsigned long long *g,
			unsigned long long *size)
{
	struct daxctl_ctx *ctx = daxctl_region_get_ctx(region);
	unsigned long bs;
	int rc;

	if (!c->p.whole_blocks)
		return 0;
	rc = daxctl_ctx_get_memory_block_size(ctx, &bs);
	if (rc) {
		fprintf(stderr, "error: --whole-blocks: cannot read the memory block size: %s\n",
			strerror(-rc));
		return rc;
	}
	if (bs > *g)
		*g = bs;
	if (c->opt.have_size && c->opt.size % bs) {
		fprintf(stderr, "error: --whole-blocks: size %llu is not a whole number of %lu-byte memory blocks\n",
			c->opt.size, bs);
		return -EINVAL;
	}
	if (!c->opt.have_size && c->p.count <= 0)
		*size = daxctl_region_get_available_size(region) / *g * *g;
	return 0;
}

static int create_in_region(const struct device_cmd *c,
			    struct daxctl_region *region,
			    struct json_object *jdevs, int *processed)
{
	int count = c->p.count > 0 ? c->p.count : 1;
	unsigned long long size = c->opt.have_size ? c->opt.size : 0;
	unsigned long long g = create_granule(c, region);
	struct daxctl_dev **made;
	struct daxctl_txn *txn;
	int i, rc = 0;

	rc = whole_blocks(c, region, &g, &size);
	if (rc)
		return rc;
	if (c->p.count > 0 && !c->opt.have_size) {
		unsigned long long avail;

		avail = daxctl_region_get_available_size(region);
		size = avail / count / g * g;
		if (size == 0) {
			fprintf(stderr, "region%d: %d devices of at least %llu bytes do not fit in the %llu bytes available\n",
				daxctl_region_get_id(region), count, g, avail);
			return -ENOSPC;
		}
	} else if (c->p.count > 0) {
		unsigned long long avail;

		avail = daxctl_region_get_available_size(region);
		if (!size || size > avail / count) {
			fprintf(stderr, "region%d: %d devices of %llu bytes do not fit in the %llu bytes available\n",
				daxctl_region_get_id(region), count, size,
				avail);
			return -ENOSPC;
		}
	}

	made = calloc(count, sizeof(*made));
	if (!made)
		return -ENOMEM;
	/* one transaction for all of them: --count N is all or nothing */
	txn = change_begin(region);
	if (!txn) {
		free(made);
		return -ENOMEM;
	}
	for (i = 0; i < count && !rc; i++)
		rc = create_one(c, txn, region, size, &made[i]);
	if (rc) {
		change_undo(txn, c->p.verbose ?
					 daxctl_region_get_devname(region) :
					 NULL);
		daxctl_region_rescan(region);
	} else {
		change_keep(txn);
		for (i = 0; i < count; i++)
			json_add_dev(c, jdevs, made[i]);
		*processed += count;
	}
	free(made);
	return rc;
}

/* --count not given; an explicit 0 is refused like a negative count */
#define COUNT_UNSET INT_MIN

/* The option combinations the reference refuses with its usage. */
/*
 * --input: size, align and region come from the file and override -s, -a
 * and -r, as in the reference; the numbers go straight into the options.
 */
static int read_input(struct device_cmd *c)
{
	struct device_json dj;
	const char *why;
	int rc;

	rc = device_json_read(c->p.input, &dj, &why, c->input_error_buf,
			      sizeof(c->input_error_buf));
	if (rc) {
		if (why)
			fprintf(stderr, "error: failed to parse device file: %s: %s\n",
				c->p.input, why);
		else
			fprintf(stderr, "error: failed to parse device file: %s\n",
				strerror(-rc));
		return rc;
	}
	c->p.size = NULL;
	c->p.align = NULL;
	c->opt.size = dj.size;
	c->opt.have_size = true;
	c->opt.align = dj.align;
	c->opt.have_align = true;
	snprintf(c->region_buf, sizeof(c->region_buf), "%d", dj.region_id);
	c->p.region = c->region_buf;
	c->opt.maps = dj.maps;
	c->opt.nmaps = dj.nmaps;
	return 0;
}

static int check_options(struct device_cmd *c)
{
	if (c->p.input) {
		int rc = read_input(c);

		if (rc)
			return rc;
	}
	if (c->p.count == COUNT_UNSET) {
		c->p.count = 0;
	} else if (c->p.count < 1) {
		fprintf(stderr, "error: --count: must be at least 1\n");
		return -EINVAL;
	}
	if (c->p.count > 0 && c->opt.nmaps > 0) {
		fprintf(stderr, "error: --count cannot be combined with --input\n");
		return -EINVAL;
	}
	return 0;
}

int cmd_create_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = { "daxctl create-device [<options>]", NULL };
	struct device_cmd c;
	const struct option options[] = {
		BASE_OPTIONS(&c),
		SIZE_OPTIONS(&c),
		INPUT_OPTION(&c),
		OPT_BOOLEAN('\0', "whole-blocks", &c.p.whole_blocks,
			    "size devices in whole memory blocks (for system-ram)"),
		OPT_INTEGER('\0', "count", &c.p.count,
			    "split the available capacity into this many devices"),
		OPT_END(),
	};
	struct daxctl_txn *locks = NULL;
	struct json_object *jdevs;
	struct daxctl_region *region;
	int processed = 0, rc, saved_rc = 0;
	bool any = false;

	device_cmd_init(&c);
	c.p.count = COUNT_UNSET;
	rc = device_parse_options(&c, argc, argv, options, u, NULL, ctx);
	if (rc < 0)
		return rc;
	if (check_options(&c))
		return usage_with_options(u, options);
	rc = parse_sizes(&c);
	if (!rc)
		rc = check_root(ctx, "create-device");
	if (!rc)
		rc = command_lock(ctx, "create-device", c.p.region, 0, NULL,
				  &locks);
	if (rc)
		return rc;

	jdevs = json_object_new_array();
	daxctl_region_foreach(ctx, region) {
		if (!region_selected(region, c.p.region))
			continue;
		any = true;
		rc = create_in_region(&c, region, jdevs, &processed);
		if (rc < 0 && saved_rc == 0)
			saved_rc = rc;
	}
	if (jdevs && json_object_array_length(jdevs))
		daxctl_json_display_array(stdout, jdevs, c.json_flags);
	else if (jdevs)
		json_object_put(jdevs);
	free(c.opt.maps);
	command_unlock(locks);

	if (!any) {
		if (c.p.region)
			fprintf(stderr, "error: no such region: %s\n",
				c.p.region);
		saved_rc = -ENXIO;
	}
	return finish(saved_rc, "error creating devices",
		      "created", processed);
}
