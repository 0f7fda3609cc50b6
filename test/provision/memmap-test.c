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
#include "common.h"
#include "tap.h"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct daxctl_dev *d0, *d1;
	struct daxctl_ctx *ctx;
	int rc;

	ctx = ctx_from_env();
	if (!ctx)
		return 1;
	/* the library's own error lines are expected here */
	daxctl_set_log_priority(ctx, 0);
	d0 = dev_by_name(ctx, "dax0.0");
	if (!d0) {
		printf("Bail out! no dax0.0\n");
		return 1;
	}

	if (strcmp(mode, "absent") == 0) {
		ok(daxctl_dev_get_memmap_on_memory(d0) == -EOPNOTSUPP,
		      "get: -EOPNOTSUPP without the attribute");
		ok(daxctl_dev_set_memmap_on_memory(d0, true) == -EOPNOTSUPP,
		      "set: -EOPNOTSUPP without the attribute");
		ok(daxctl_memmap_on_memory_allowed(ctx) == -EOPNOTSUPP,
		      "allowed: -EOPNOTSUPP without the parameter");
	} else if (strcmp(mode, "allowed") == 0) {
		d1 = dev_by_name(ctx, "dax0.1");
		ok(d1 != NULL, "dax0.1 exists");
		ok(daxctl_memmap_on_memory_allowed(ctx) == 1,
		      "allowed: 1 with memory_hotplug.memmap_on_memory=Y");
		ok(daxctl_dev_get_memmap_on_memory(d0) == 0 &&
			      d1 && daxctl_dev_get_memmap_on_memory(d1) == 1,
		      "get: each device's value");
		ok(daxctl_dev_set_memmap_on_memory(d0, true) == 0 &&
			      daxctl_dev_get_memmap_on_memory(d0) == 1,
		      "set 1 while device_dax holds it");
		rc = daxctl_dev_disable(d0);
		if (!rc)
			rc = daxctl_dev_enable_ram(d0);
		ok(rc == 0, "dax0.0 to kmem (memory offline)");
		ok(daxctl_dev_set_memmap_on_memory(d0, false) == -EBUSY &&
			      daxctl_dev_get_memmap_on_memory(d0) == 1,
		      "set 0 while kmem holds it: -EBUSY, unchanged");
		ok(daxctl_dev_set_memmap_on_memory(d0, true) == 0,
		      "set the same value while kmem holds it: 0");
		rc = daxctl_dev_disable(d0);
		ok(rc == 0 && daxctl_dev_set_memmap_on_memory(d0, false) == 0 &&
			      daxctl_dev_get_memmap_on_memory(d0) == 0,
		      "set 0 once kmem let go");
	} else if (strcmp(mode, "refused") == 0) {
		ok(daxctl_memmap_on_memory_allowed(ctx) == 0,
		      "allowed: 0 without memory_hotplug.memmap_on_memory");
		ok(daxctl_dev_set_memmap_on_memory(d0, true) == -EOPNOTSUPP &&
			      daxctl_dev_get_memmap_on_memory(d0) == 0,
		      "set 1: -EOPNOTSUPP, unchanged");
		ok(daxctl_dev_set_memmap_on_memory(d0, false) == 0,
		      "set 0: 0");
	} else {
		printf("Bail out! usage: memmap-test absent|allowed|refused\n");
		return 1;
	}
	daxctl_unref(ctx);
	return tap_done();
}
