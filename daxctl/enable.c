// SPDX-License-Identifier: GPL-2.0-only
/* enable-device and disable-device: bind or unbind device_dax. */
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

static int set_devdax_status(struct daxctl_dev *dev, bool enable)
{
	int rc = require_mode(dev, false);

	if (rc)
		return rc;
	rc = enable ? daxctl_dev_enable_devdax(dev) : daxctl_dev_disable(dev);
	if (rc)
		fprintf(stderr, "%s: %s failed: %s\n", daxctl_dev_get_devname(dev),
			enable ? "enable" : "disable", strerror(-rc));
	return rc;
}

static int do_enable(const struct device_cmd *c, struct daxctl_dev *dev,
		     struct json_object *jdevs)
{
	return set_devdax_status(dev, true);
}

static int do_disable(const struct device_cmd *c, struct daxctl_dev *dev,
		      struct json_object *jdevs)
{
	return set_devdax_status(dev, false);
}

static int status_command(int argc, const char **argv, struct daxctl_ctx *ctx,
			  bool enable)
{
	const char *const u[] = {
		enable ? "daxctl enable-device <device>" :
			 "daxctl disable-device <device>",
		NULL
	};
	struct device_cmd c;
	const struct option options[] = {
		BASE_OPTIONS(&c),
		OPT_END(),
	};
	int n;

	device_cmd_init(&c);
	n = device_parse_options(&c, argc, argv, options, u,
				 enable ? "enable" : "disable", ctx);
	if (n < 0)
		return n;
	if (enable)
		return run_on_devices(&c, ctx, "enable-device", n, argv,
				      do_enable, false, "error enabling device",
				      "enabled");
	return run_on_devices(&c, ctx, "disable-device", n, argv, do_disable,
			      false, "error disabling device", "disabled");
}

int cmd_enable_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return status_command(argc, argv, ctx, true);
}

int cmd_disable_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return status_command(argc, argv, ctx, false);
}
