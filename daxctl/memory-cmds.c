// SPDX-License-Identifier: GPL-2.0-only
/*
 * online-memory and offline-memory: the memory blocks of system-ram
 * devices, all of a device's or none.
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
#include "device.h"

static int do_online(const struct device_cmd *c, struct daxctl_dev *dev,
		     struct json_object *jdevs)
{
	int rc = require_mode(dev, true);

	return rc ? rc : dev_online_memory(c, dev);
}

static int do_offline(const struct device_cmd *c, struct daxctl_dev *dev,
		      struct json_object *jdevs)
{
	int rc = require_mode(dev, true);

	return rc ? rc : dev_offline_memory(c, dev);
}

int cmd_online_memory(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = {
		"daxctl online-memory <device> [<options>]", NULL
	};
	struct device_cmd c;
	const struct option options[] = {
		BASE_OPTIONS(&c),
		ZONE_OPTIONS(&c),
		OPT_END(),
	};
	int n;

	device_cmd_init(&c);
	n = device_parse_options(&c, argc, argv, options, u,
				 "online memory for", ctx);
	if (n < 0)
		return n;
	return run_on_devices(&c, ctx, "online-memory", n, argv, do_online,
			      false, "error onlining memory",
			      "onlined memory for");
}

int cmd_offline_memory(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = {
		"daxctl offline-memory <device> [<options>]", NULL
	};
	struct device_cmd c;
	const struct option options[] = {
		BASE_OPTIONS(&c),
		OPT_END(),
	};
	int n;

	device_cmd_init(&c);
	n = device_parse_options(&c, argc, argv, options, u,
				 "offline memory for", ctx);
	if (n < 0)
		return n;
	return run_on_devices(&c, ctx, "offline-memory", n, argv, do_offline,
			      false, "error offlining memory",
			      "offlined memory for");
}
