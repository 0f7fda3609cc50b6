// SPDX-License-Identifier: GPL-2.0-only
/*
 * memmap_on_memory (Linux >= 6.8): where kmem puts the struct page array
 * of the memory it hot-adds, on the device itself or in the system's RAM
 * (about 1.6% of the device either way).  Chosen wherever a mode is:
 * reconfigure-device --(no-)memmap-on-memory, the configuration files and
 * layouts.  The kernel takes the choice only while the device is not in
 * system-ram mode, so it is checked, and written, before kmem is bound.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libdaxctl/libdaxctl.h>

#include "device.h"
#include "memmap.h"

int memmap_check(struct daxctl_dev *dev, bool want)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_ctx *ctx =
		daxctl_region_get_ctx(daxctl_dev_get_region(dev));
	int cur = daxctl_dev_get_memmap_on_memory(dev);

	if (cur == -EOPNOTSUPP) {
		fprintf(stderr,
			"%s: memmap_on_memory: not supported by this kernel (Linux 6.8 or later has it)\n",
			devname);
		return cur;
	}
	if (cur < 0) {
		fprintf(stderr, "%s: memmap_on_memory: cannot read it: %s\n",
			devname, strerror(-cur));
		return cur;
	}
	if (cur == want)
		return cur;
	if (want && daxctl_memmap_on_memory_allowed(ctx) == 0) {
		fprintf(stderr,
			"%s: memmap_on_memory: the kernel was booted without memory_hotplug.memmap_on_memory=1\n",
			devname);
		return -EOPNOTSUPP;
	}
	if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
		fprintf(stderr,
			"%s: memmap_on_memory cannot change in system-ram mode: reconfigure the device to devdax first\n",
			devname);
		return -EBUSY;
	}
	return cur;
}

int memmap_set(struct daxctl_dev *dev, bool want, bool cur)
{
	int rc;

	if (want == cur)
		return 0;
	rc = daxctl_dev_set_memmap_on_memory(dev, want);
	if (rc == -EOPNOTSUPP)
		fprintf(stderr,
			"%s: memmap_on_memory: the kernel cannot place the memmap on this memory (memory_hotplug.memmap_on_memory=1 on the kernel command line?)\n",
			daxctl_dev_get_devname(dev));
	else if (rc)
		fprintf(stderr, "%s: failed to set memmap_on_memory: %s\n",
			daxctl_dev_get_devname(dev), strerror(-rc));
	return rc;
}
