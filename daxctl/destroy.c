// SPDX-License-Identifier: GPL-2.0-only
/*
 * destroy-device: disable a device, give its capacity back to the region
 * and delete it, or undo every step taken when one fails.
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

static int dev_destroy(const struct device_cmd *c, struct daxctl_dev *dev,
		       struct json_object *jdevs)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_region *region = daxctl_dev_get_region(dev);
	struct daxctl_txn *txn;
	char name[32];
	int rc;

	/* the rollback may free @dev: keep its name */
	snprintf(name, sizeof(name), "%s", devname);
	if (daxctl_dev_is_enabled(dev) && !c->p.force) {
		fprintf(stderr, "%s is active, specify --force for deletion\n",
			devname);
		return -ENXIO;
	}

	/*
	 * Unbinding kmem does not take the memory away from the page
	 * allocator when blocks are online: the kernel keeps them and the
	 * capacity leaks.  Refuse, as reconfigure-device -m devdax does.
	 */
	if (daxctl_dev_has_online_memory(dev)) {
		fprintf(stderr, "%s: memory is online, offline it first (daxctl offline-memory %s)\n",
			devname, devname);
		return -EBUSY;
	}

	txn = change_begin(region);
	if (!txn)
		return -ENOMEM;
	rc = change_save(txn, dev);
	if (rc)
		goto undo;
	rc = daxctl_dev_disable(dev);
	if (rc) {
		fprintf(stderr, "%s: disable failed: %s\n", devname,
			strerror(-rc));
		goto undo;
	}

	if (daxctl_dev_get_size(dev)) {
		rc = daxctl_dev_set_size(dev, 0);
		if (rc) {
			rc = explain_set_size(dev, 0, rc);
			goto undo;
		}
	}

	rc = daxctl_region_destroy_dev(region, dev);
	/* daxX.0 is never deleted, only emptied: that is success */
	if (rc == -EBUSY && daxctl_dev_get_id(dev) == 0)
		rc = 0;
	if (rc) {
		fprintf(stderr, "%s: failed to delete: %s\n", devname,
			strerror(-rc));
		goto undo;
	}
	change_keep(txn);
	return 0;
undo:
	change_undo(txn, c->p.verbose ? name : NULL);
	return rc;
}

int cmd_destroy_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = {
		"daxctl destroy-device <device> [<options>]", NULL
	};
	struct device_cmd c;
	const struct option options[] = {
		BASE_OPTIONS(&c),
		OPT_BOOLEAN('f', "force", &c.p.force,
			    "attempt to disable before destroying device"),
		OPT_END(),
	};
	int n;

	device_cmd_init(&c);
	n = device_parse_options(&c, argc, argv, options, u, "destroy", ctx);
	if (n < 0)
		return n;
	return run_on_devices(&c, ctx, "destroy-device", n, argv, dev_destroy,
			      false, "error destroying devices", "destroyed");
}
