/* SPDX-License-Identifier: GPL-2.0-only */
/* memmap_on_memory for the commands that choose a mode (memmap.c). */
#ifndef _DAXCTL_MEMMAP_H_
#define _DAXCTL_MEMMAP_H_

#include <stdbool.h>

struct daxctl_dev;

/* device_params.memmap: --memmap-on-memory, --no-memmap-on-memory, neither */
enum { MEMMAP_KEEP = 0, MEMMAP_ON, MEMMAP_OFF };

/*
 * Can @dev be given memmap_on_memory = @want now?  Returns the current
 * value (0 or 1), or a negative errno after one line saying why not: the
 * kernel lacks the attribute, was booted without the memory hotplug
 * support for it, or the device is in system-ram mode with the other
 * value.  Changes nothing.
 */
int memmap_check(struct daxctl_dev *dev, bool want);
/* Write @want unless it is @cur (memmap_check()'s answer); says why not. */
int memmap_set(struct daxctl_dev *dev, bool want, bool cur);

#endif /* _DAXCTL_MEMMAP_H_ */
