// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl migrate-device-model: make the pmem driver give devdax namespaces
 * to the dax bus instead of the legacy /sys/class/dax model.
 *
 * The policy is a modprobe configuration shipped in DAXCTL_MODPROBE_DATA
 * (blacklist dax_pmem_compat, alias nd:t7* to dax_pmem).  Installing it is
 * a symbolic link in /etc/modprobe.d, so that a later package upgrade of
 * the data file reaches the system without another migration.  An existing
 * file is never replaced: the administrator may have written it.  The new
 * model takes effect at the next boot, or after the modules are reloaded
 * and udev retriggered.
 *
 * libdaxctl makes the link (below the sysfs root of a test context); the
 * messages name the path as the system will see it.
 */
#include <stdio.h>
#include <string.h>

#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "parse-options.h"

int cmd_migrate_device_model(int argc, const char **argv,
			     struct daxctl_ctx *ctx)
{
	static const char *const usage[] = {
		"daxctl migrate-device-model",
		NULL,
	};
	static const struct option options[] = {
		OPT_END(),
	};
	int i, nr, rc;

	nr = parse_options(argc, argv, options, usage, 0);
	if (nr < 0)
		return nr;
	for (i = 0; i < nr; i++)
		error_msg("unknown parameter \"%s\"\n", argv[i]);
	if (nr)
		return usage_with_options(usage, options);

	rc = daxctl_migrate_device_model(ctx);
	if (rc < 0) {
		error_msg("failed to install %s: %s\n", DAXCTL_MODPROBE_INSTALL,
			  strerror(-rc));
		return 1;
	}
	fprintf(stderr, " success: installed %s\n", DAXCTL_MODPROBE_INSTALL);
	return 0;
}
