/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the device commands (create.c, destroy.c, reconfigure.c,
 * enable.c, memory-cmds.c, their helpers in device.c) and layout
 * save/apply (layout.c).
 */
#ifndef _DAXCTL_DEVICE_H_
#define _DAXCTL_DEVICE_H_

#include <stdbool.h>
#include <libdaxctl/libdaxctl.h>

#include "parse-options.h"

struct json_object;

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

/* the values the options of a device command stand for */
struct device_opts {
	bool have_size, have_align;
	unsigned long long size, align;
	enum daxctl_dev_mode mode;
	int nmaps;
	struct dev_range *maps; /* --input, in page_offset order */
};

/*
 * The state of the one device command a cmd_*() runs: it lives on that
 * function's stack, so no command sees another's options.
 */
struct device_cmd {
	struct device_params p;
	struct device_opts opt;
	unsigned long json_flags;
	/* the region filter --input puts in p.region */
	char region_buf[16];
	/* what made the --input file unusable, when the file says */
	char input_error_buf[128];
};

typedef int (*dev_action_fn)(const struct device_cmd *c,
			     struct daxctl_dev *dev, struct json_object *jdevs);

#define BASE_OPTIONS(c)                                                        \
	OPT_STRING('r', "region", &(c)->p.region, "region-id",                 \
		   "filter by region"),                                        \
	OPT_BOOLEAN('u', "human", &(c)->p.human,                               \
		    "use human friendly number formats"),                      \
	OPT_BOOLEAN('v', "verbose", &(c)->p.verbose,                           \
		    "emit more debug messages"),                               \
	OPT_BOOLEAN('q', "quiet", &(c)->p.quiet, "suppress warnings")

#define SIZE_OPTIONS(c)                                                        \
	OPT_STRING('s', "size", &(c)->p.size, "size",                          \
		   "size to switch the device to"),                            \
	OPT_STRING('a', "align", &(c)->p.align, "align",                       \
		   "alignment to switch the device to")

#define INPUT_OPTION(c)                                                        \
	OPT_STRING('\0', "input", &(c)->p.input, "input",                      \
		   "input device JSON file")

#define ZONE_OPTIONS(c)                                                        \
	OPT_BOOLEAN('\0', "no-movable", &(c)->p.no_movable,                    \
		    "online memory in ZONE_NORMAL")

void device_cmd_init(struct device_cmd *c);
int device_parse_options(struct device_cmd *c, int argc, const char **argv,
			 const struct option *options, const char *const *u,
			 const char *action, struct daxctl_ctx *ctx);
int parse_sizes(struct device_cmd *c);
int run_on_devices(const struct device_cmd *c, struct daxctl_ctx *ctx,
		   const char *cmd, int n, const char **idents,
		   dev_action_fn fn, bool want_json, const char *errfmt,
		   const char *donefmt);
int finish(int rc, const char *errfmt, const char *donefmt, int processed);
void json_add_dev(const struct device_cmd *c, struct json_object *jdevs,
		  struct daxctl_dev *dev);
struct daxctl_txn *dev_change_begin(struct daxctl_dev *dev);
int require_mode(struct daxctl_dev *dev, bool want_memory);
bool dev_is_held(struct daxctl_dev *dev);
void explain_held(struct daxctl_dev *dev);

int check_root(struct daxctl_ctx *ctx, const char *cmd);
bool region_selected(struct daxctl_region *region, const char *ident);

int explain_set_size(struct daxctl_dev *dev, unsigned long long size, int rc);
int explain_set_align(struct daxctl_dev *dev, unsigned long align, int rc);
int explain_set_mapping(struct daxctl_dev *dev, unsigned long long start,
			unsigned long long end, int rc);

int dev_online_memory(const struct device_cmd *c, struct daxctl_dev *dev);
int dev_offline_memory(const struct device_cmd *c, struct daxctl_dev *dev);
/*
 * reconfigure-device -m @p->mode (with @p's onlining, zone, memmap,
 * verbosity) on @dev, as the command does it: lock, change, print the
 * device's JSON and the summary line.  For --check-config.
 */
int reconfigure_mode(struct daxctl_ctx *ctx, struct daxctl_dev *dev,
		     const struct device_params *p);

#endif /* _DAXCTL_DEVICE_H_ */
