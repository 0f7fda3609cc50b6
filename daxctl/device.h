/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the device commands (device.c) and layout save/apply (layout.c). */
#ifndef _DAXCTL_DEVICE_H_
#define _DAXCTL_DEVICE_H_

#include <stdbool.h>
#include <libdaxctl/libdaxctl.h>

struct device_params {
	const char *region;
	const char *mode;
	const char *size;
	const char *align;
	const char *input;
	int count;
	bool whole_blocks; /* create-device: sizes in memory blocks */
	bool check_config;
	bool no_online;
	bool no_movable;
	bool force;
	bool human;
	bool verbose;
	bool quiet;
	bool dry_run;
	int memmap; /* MEMMAP_* (memmap.h) */
};


struct dev_range {
	unsigned long long start, end; /* inclusive */
};

int check_root(struct daxctl_ctx *ctx, const char *cmd);
bool region_selected(struct daxctl_region *region, const char *ident);

int explain_set_size(struct daxctl_dev *dev, unsigned long long size, int rc);
int explain_set_align(struct daxctl_dev *dev, unsigned long align, int rc);
int explain_set_mapping(struct daxctl_dev *dev, unsigned long long start,
			unsigned long long end, int rc);

int dev_online_memory(struct daxctl_dev *dev, bool no_movable);
int dev_offline_memory(struct daxctl_dev *dev);
int dev_destroy(struct daxctl_dev *dev, bool force);
/*
 * reconfigure-device -m @p->mode (with @p's onlining, zone, memmap,
 * verbosity) on @dev, as the command does it: lock, change, print the
 * device's JSON and the summary line.  For --check-config.
 */
int reconfigure_mode(struct daxctl_ctx *ctx, struct daxctl_dev *dev,
		     const struct device_params *p);

#endif /* _DAXCTL_DEVICE_H_ */
