// SPDX-License-Identifier: GPL-2.0-only
/*
 * Library-level test of memmap_on_memory (libdaxctl/dev.c), run by
 * memmap.sh inside the simulator (run-in-sim --root-only).
 *
 *   memmap-test absent    hmem.json: a kernel without the attribute
 *   memmap-test allowed   memmap.json: dax0.0 (0) and dax0.1 (1), devdax
 *   memmap-test refused   memmap.json booted without the parameter
 *
 * Prints TAP.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdaxctl/libdaxctl.h>

static int tests, failures;

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	tests++;
	printf("%s %d - ", cond ? "ok" : "not ok", tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		failures++;
}

static struct daxctl_dev *find(struct daxctl_ctx *ctx, const char *name)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, dev)
			if (strcmp(daxctl_dev_get_devname(dev), name) == 0)
				return dev;
	return NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct daxctl_dev *d0, *d1;
	struct daxctl_ctx *ctx;
	int rc;

	if (daxctl_new(&ctx)) {
		printf("Bail out! daxctl_new failed\n");
		return 1;
	}
	/* the library's own error lines are expected here */
	daxctl_set_log_priority(ctx, 0);
	d0 = find(ctx, "dax0.0");
	if (!d0) {
		printf("Bail out! no dax0.0\n");
		return 1;
	}

	if (strcmp(mode, "absent") == 0) {
		check(daxctl_dev_get_memmap_on_memory(d0) == -EOPNOTSUPP,
		      "get: -EOPNOTSUPP without the attribute");
		check(daxctl_dev_set_memmap_on_memory(d0, true) == -EOPNOTSUPP,
		      "set: -EOPNOTSUPP without the attribute");
		check(daxctl_memmap_on_memory_allowed(ctx) == -EOPNOTSUPP,
		      "allowed: -EOPNOTSUPP without the parameter");
	} else if (strcmp(mode, "allowed") == 0) {
		d1 = find(ctx, "dax0.1");
		check(d1 != NULL, "dax0.1 exists");
		check(daxctl_memmap_on_memory_allowed(ctx) == 1,
		      "allowed: 1 with memory_hotplug.memmap_on_memory=Y");
		check(daxctl_dev_get_memmap_on_memory(d0) == 0 &&
			      d1 && daxctl_dev_get_memmap_on_memory(d1) == 1,
		      "get: each device's value");
		check(daxctl_dev_set_memmap_on_memory(d0, true) == 0 &&
			      daxctl_dev_get_memmap_on_memory(d0) == 1,
		      "set 1 while device_dax holds it");
		rc = daxctl_dev_disable(d0);
		if (!rc)
			rc = daxctl_dev_enable_ram(d0);
		check(rc == 0, "dax0.0 to kmem (memory offline)");
		check(daxctl_dev_set_memmap_on_memory(d0, false) == -EBUSY &&
			      daxctl_dev_get_memmap_on_memory(d0) == 1,
		      "set 0 while kmem holds it: -EBUSY, unchanged");
		check(daxctl_dev_set_memmap_on_memory(d0, true) == 0,
		      "set the same value while kmem holds it: 0");
		rc = daxctl_dev_disable(d0);
		check(rc == 0 && daxctl_dev_set_memmap_on_memory(d0, false) == 0 &&
			      daxctl_dev_get_memmap_on_memory(d0) == 0,
		      "set 0 once kmem let go");
	} else if (strcmp(mode, "refused") == 0) {
		check(daxctl_memmap_on_memory_allowed(ctx) == 0,
		      "allowed: 0 without memory_hotplug.memmap_on_memory");
		check(daxctl_dev_set_memmap_on_memory(d0, true) == -EOPNOTSUPP &&
			      daxctl_dev_get_memmap_on_memory(d0) == 0,
		      "set 1: -EOPNOTSUPP, unchanged");
		check(daxctl_dev_set_memmap_on_memory(d0, false) == 0,
		      "set 0: 0");
	} else {
		printf("Bail out! usage: memmap-test absent|allowed|refused\n");
		return 1;
	}
	daxctl_unref(ctx);
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}
