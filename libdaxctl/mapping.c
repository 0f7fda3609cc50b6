// SPDX-License-Identifier: LGPL-2.1-only
/*
 * mapping.c: the physical ranges backing a device, mapping0..mappingN.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "sysfs.h"

void daxctl_mappings_free(struct daxctl_dev *dev)
{
	struct daxctl_mapping *m, *tmp;

	list_for_each_safe(&dev->mappings, m, tmp, list) {
		list_del(&m->list);
		free(m);
	}
	dev->mappings_init = false;
}

/* 0, 1 when mapping<id> does not exist, or -errno (logged) */
/*
 * A range that ends before it starts, is larger than its device, or whose
 * page_offset (in pages) puts it beyond the device's end, even counted in
 * the smallest page, cannot be true.
 */
static int mapping_check(struct daxctl_dev *dev,
			 const struct daxctl_mapping *m)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	unsigned long long dev_size = daxctl_dev_get_size(dev), size;

	if (m->end < m->start) {
		err(ctx, "%s: mapping%d: end %#llx below start %#llx\n",
		    dev->devname, m->id, m->end, m->start);
		return -EINVAL;
	}
	size = m->end - m->start + 1;
	if (size == 0 || size > dev_size) {
		err(ctx, "%s: mapping%d: %#llx-%#llx cannot be true (device size %llu)\n",
		    dev->devname, m->id, m->start, m->end, dev_size);
		return -ERANGE;
	}
	if (m->pgoff > (dev_size - size) / MIN_PAGE_SIZE) {
		err(ctx, "%s: mapping%d: page_offset %llu cannot be true (device size %llu)\n",
		    dev->devname, m->id, m->pgoff, dev_size);
		return -ERANGE;
	}
	return 0;
}

static int mapping_add(struct daxctl_dev *dev, int id,
		       unsigned long long *sum)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	struct daxctl_mapping *m;
	int rc;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->dev = dev;
	m->id = id;
	/*
	 * mappingN/start read first, without a stat() of mappingN: the
	 * directory's absence shows as ENOENT (old kernels have none); only
	 * then is the directory looked for, to tell it from a broken one.
	 */
	rc = sysfs_mapping_read_u64(ctx, dev->path, id, MAPPING_ATTR_START,
				    &m->start);
	if (rc == -ENOENT && !sysfs_mapping_exists(ctx, dev->path, id)) {
		free(m);
		return 1;
	}
	if (rc == 0)
		rc = sysfs_mapping_read_u64(ctx, dev->path, id,
					    MAPPING_ATTR_END, &m->end);
	if (rc == 0)
		rc = sysfs_mapping_read_u64(ctx, dev->path, id,
					    MAPPING_ATTR_PAGE_OFFSET, &m->pgoff);
	if (rc == 0)
		rc = mapping_check(dev, m);
	if (rc < 0) {
		err(ctx, "%s: mapping%d skipped\n", dev->devname, id);
		free(m);
		return rc;
	}
	/* prepend: see the ordering note in region.c */
	list_add(&dev->mappings, &m->list);
	*sum += m->end - m->start + 1;
	return 0;
}

static void mappings_init(struct daxctl_dev *dev)
{
	unsigned long long sum = 0;
	int id;

	if (dev->mappings_init)
		return;
	dev->mappings_init = true;
	/*
	 * The ranges add up to the device size, so once they do there is no
	 * mappingN+1 to look for (and a size-0 device has none): no stat()
	 * that fails per device.
	 */
	for (id = 0; sum < daxctl_dev_get_size(dev); id++) {
		int rc = mapping_add(dev, id, &sum);

		/* 1: there is no mappingN */
		if (rc == -ENOMEM || rc == 1)
			break;
	}
}

DAXCTL_EXPORT struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev)
{
	if (!dev)
		return NULL;
	mappings_init(dev);
	return list_first_entry_or_null(&dev->mappings, struct daxctl_mapping,
					list);
}

DAXCTL_EXPORT struct daxctl_mapping *
daxctl_mapping_get_next(struct daxctl_mapping *mapping)
{
	if (!mapping)
		return NULL;
	return list_next_entry_or_null(&mapping->dev->mappings, mapping, list);
}

DAXCTL_EXPORT unsigned long long
daxctl_mapping_get_start(struct daxctl_mapping *mapping)
{
	return mapping->start;
}

DAXCTL_EXPORT unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *mapping)
{
	return mapping->end;
}

DAXCTL_EXPORT unsigned long long
daxctl_mapping_get_offset(struct daxctl_mapping *mapping)
{
	return mapping->pgoff;
}

DAXCTL_EXPORT unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *mapping)
{
	return mapping->end - mapping->start + 1;
}

DAXCTL_EXPORT int daxctl_mapping_get_id(struct daxctl_mapping *mapping)
{
	return mapping->id;
}
