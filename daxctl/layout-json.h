/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * layout-json.c: the layout file of save-layout / apply-layout, read and
 * written.  Reading validates everything the file alone can tell (types,
 * nulls, ranges, sums, duplicates); libdaxctl's daxctl_txn_apply_layout()
 * checks the rest against the machine, all before the first write.
 * The fuzz harness test/fuzz/fuzz_layout.c links this module.
 */
#ifndef _DAXCTL_LAYOUT_JSON_H_
#define _DAXCTL_LAYOUT_JSON_H_

#include <stdbool.h>

#include <json-c/json.h>
#include <libdaxctl/libdaxctl.h>

#define LAYOUT_VERSION 1

struct lblocks {
	unsigned long first, last;
	bool movable;
};

struct lrange {
	unsigned long long start, end; /* inclusive */
};

struct ldev {
	int id;
	char name[32];
	unsigned long long size;
	unsigned long align;
	enum daxctl_dev_mode mode;
	int nmaps;
	struct lrange *maps; /* page-offset order */
	int nonline;
	struct lblocks *online;
	int memmap; /* memmap_on_memory 0 or 1; -1: not in the layout */
};

struct lregion {
	int id;
	unsigned long long size;
	int ndevs;
	struct ldev *devs; /* ascending id */
};

void lregion_free(struct lregion *r);
int cmp_ldev(const void *a, const void *b);
struct json_object *lregion_to_json(const struct lregion *lr);
/* One region object of a layout; prints one line and -EINVAL when bad. */
int lregion_from_json(const char *file, struct json_object *jr,
		      struct lregion *lr);
/*
 * Read a whole layout file, every region.  0 with *@regions / *@n set, or
 * -errno after one line saying what is wrong.
 */
int layout_read(const char *file, struct lregion **regions, int *n);
void layout_regions_free(struct lregion *regions, int n);
/* Region @region_id of a libdaxctl layout; lregion_free() it either way. */
int lregion_from_layout(struct daxctl_layout *layout, int region_id,
			struct lregion *lr);
/* The same regions as a libdaxctl layout. */
int lregions_to_layout(const struct lregion *regions, int n,
		       struct daxctl_layout *layout);

#endif /* _DAXCTL_LAYOUT_JSON_H_ */
