// SPDX-License-Identifier: GPL-2.0-only
/*
 * reconfigure-device: resize or realign a device, or switch it between
 * devdax and system-ram; a failed step brings the device back to where it
 * was.  -C takes the mode from the configuration files (check-config.c).
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
#include "config.h"
#include "device.h"
#include "json.h"
#include "memmap.h"

static int reconfig_resize(const struct device_cmd *c, struct daxctl_dev *dev)
{
	struct daxctl_txn *txn;
	char name[32];
	int rc = 0;

	snprintf(name, sizeof(name), "%s", daxctl_dev_get_devname(dev));
	txn = dev_change_begin(dev);
	if (!txn)
		return -ENOMEM;
	/* the reference writes align when it is > 0, then size */
	if (c->opt.have_align && c->opt.align > 0) {
		rc = daxctl_dev_set_align(dev, c->opt.align);
		if (rc)
			rc = explain_set_align(dev, c->opt.align, rc);
	}
	if (!rc && c->opt.have_size) {
		rc = daxctl_dev_set_size(dev, c->opt.size);
		if (rc)
			rc = explain_set_size(dev, c->opt.size, rc);
	}
	if (rc)
		change_undo(txn, c->p.verbose ? name : NULL);
	else
		change_keep(txn);
	return rc;
}

/* Bind kmem (from devdax or disabled) and online the memory. */
static int to_system_ram(const struct device_cmd *c, struct daxctl_dev *dev,
			 enum daxctl_dev_mode mode0)
{
	const char *devname = daxctl_dev_get_devname(dev);
	bool memmap = c->p.memmap == MEMMAP_ON;
	int rc;

	/* before kmem is bound: the kernel refuses the change afterwards */
	if (c->p.memmap != MEMMAP_KEEP) {
		rc = memmap_set(dev, memmap,
				daxctl_dev_get_memmap_on_memory(dev) == 1);
		if (rc)
			return rc;
	}

	if (mode0 == DAXCTL_DEV_MODE_RAM) {
		fprintf(stderr, "%s was already in system-ram mode\n", devname);
	} else {
		if (mode0 != DAXCTL_DEV_MODE_DISABLED) {
			rc = daxctl_dev_disable(dev);
			if (rc) {
				fprintf(stderr, "%s: disable failed: %s\n",
					devname, strerror(-rc));
				return rc;
			}
		}
		rc = daxctl_dev_enable_ram(dev);
		if (rc) {
			if (dev_is_held(dev))
				explain_held(dev);
			else
				fprintf(stderr, "%s: failed to bind kmem: %s\n",
					devname, strerror(-rc));
			return rc;
		}
	}
	if (c->p.no_online)
		return 0;
	rc = dev_online_memory(c, dev);
	return rc > 0 ? 0 : rc;
}

static int reconfig_to_system_ram(const struct device_cmd *c,
				  struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	enum daxctl_dev_mode mode0 = daxctl_dev_get_mode(dev);
	struct daxctl_txn *txn;
	char name[32];
	int rc;

	if ((c->p.no_online || !c->p.no_movable) && !c->p.force &&
	    daxctl_dev_will_auto_online_memory(dev)) {
		fprintf(stderr,
			"%s: error: kernel policy will auto-online memory, aborting\n",
			devname);
		return -EBUSY;
	}
	/* a choice the kernel cannot take is refused before any change */
	if (c->p.memmap != MEMMAP_KEEP) {
		rc = memmap_check(dev, c->p.memmap == MEMMAP_ON);
		if (rc < 0)
			return rc;
	}

	snprintf(name, sizeof(name), "%s", devname);
	txn = dev_change_begin(dev);
	if (!txn)
		return -ENOMEM;
	rc = to_system_ram(c, dev, mode0);
	if (rc >= 0) {
		change_keep(txn);
		return 0;
	}
	if (change_undo(txn, NULL) == 0 && mode0 != DAXCTL_DEV_MODE_RAM)
		fprintf(stderr, "%s: restored to %s mode\n", name,
			mode0 == DAXCTL_DEV_MODE_DEVDAX ? "devdax" :
							  "disabled");
	return rc;
}

/* Refuse while memory is online (offline it first with --force). */
static int require_offline(const struct device_cmd *c, struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int rc, on;

	if (c->p.force) {
		/* all or nothing: a busy block brings the rest back */
		rc = dev_offline_memory(c, dev);
		if (rc < 0)
			return rc;
	}
	on = mem ? daxctl_memory_is_online(mem) : 0;
	if (on < 0) {
		fprintf(stderr, "%s: failed to determine online state: %s\n",
			devname, strerror(-on));
		return on;
	}
	if (on == 0)
		return 0;
	if (c->p.verbose) {
		fprintf(stderr, "%s: found %d memory sections online\n",
			devname, on);
		fprintf(stderr, "%s: refusing to change modes\n", devname);
	} else {
		fprintf(stderr, "%s: %d memory section%s online, refusing to change modes (offline them, or use --force)\n",
			devname, on, on == 1 ? "" : "s");
	}
	return -EBUSY;
}

static int reconfig_to_devdax(const struct device_cmd *c,
			      struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	enum daxctl_dev_mode mode0 = daxctl_dev_get_mode(dev);
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	struct daxctl_txn *txn;
	bool stepped = false;
	int rc = 0, on0;
	char name[32];

	if (mode0 == DAXCTL_DEV_MODE_DEVDAX) {
		fprintf(stderr, "%s was already in devdax mode\n", devname);
		return 0;
	}

	snprintf(name, sizeof(name), "%s", devname);
	on0 = mem ? daxctl_memory_is_online(mem) : 0;
	txn = dev_change_begin(dev);
	if (!txn)
		return -ENOMEM;
	if (mode0 == DAXCTL_DEV_MODE_RAM) {
		rc = require_offline(c, dev);
		if (!rc) {
			stepped = true;
			rc = daxctl_dev_disable(dev);
			if (rc)
				fprintf(stderr, "%s: disable failed: %s\n",
					devname, strerror(-rc));
		}
	}
	if (!rc) {
		rc = daxctl_dev_enable_devdax(dev);
		if (rc && dev_is_held(dev))
			explain_held(dev);
		else if (rc)
			fprintf(stderr, "%s: enable failed: %s\n", devname,
				strerror(-rc));
	}
	if (!rc) {
		change_keep(txn);
		return 0;
	}
	if (change_undo(txn, NULL) == 0 && mode0 == DAXCTL_DEV_MODE_RAM &&
	    stepped && on0 >= 0)
		fprintf(stderr, "%s: restored to system-ram mode, %d memory section%s online\n",
			name, on0, on0 == 1 ? "" : "s");
	return rc;
}

static int do_reconfig(const struct device_cmd *c, struct daxctl_dev *dev,
		       struct json_object *jdevs)
{
	int rc;

	if (c->opt.have_size || c->opt.have_align)
		return reconfig_resize(c, dev);

	switch (c->opt.mode) {
	case DAXCTL_DEV_MODE_RAM:
		rc = reconfig_to_system_ram(c, dev);
		break;
	case DAXCTL_DEV_MODE_DEVDAX:
		rc = reconfig_to_devdax(c, dev);
		break;
	default:
		fprintf(stderr, "%s: unknown mode requested: '%s' (expected system-ram or devdax)\n",
			daxctl_dev_get_devname(dev), c->p.mode);
		rc = -EINVAL;
		break;
	}
	if (rc < 0)
		return rc;
	json_add_dev(c, jdevs, dev);
	return 0;
}

static int memmap_opt(const struct option *o, const char *arg, int unset)
{
	*(int *)o->value = unset ? MEMMAP_OFF : MEMMAP_ON;
	return 0;
}

static void set_mode(struct device_cmd *c)
{
	if (c->p.mode && strcmp(c->p.mode, "system-ram") == 0)
		c->opt.mode = DAXCTL_DEV_MODE_RAM;
	else if (c->p.mode && strcmp(c->p.mode, "devdax") == 0)
		c->opt.mode = DAXCTL_DEV_MODE_DEVDAX;
}

/* The option combinations the reference refuses with its usage. */
static int check_options(struct device_cmd *c, const char *arg0)
{
	if (c->p.check_config) {
		if (c->p.mode || c->p.no_online || c->p.no_movable) {
			fprintf(stderr,
				"%s: -C cannot be used with --mode, --(no-)movable, or --(no-)online\n",
				arg0);
			return -EINVAL;
		}
		return 0;
	}
	if (!c->p.size && !c->p.align && !c->p.mode) {
		fprintf(stderr, "error: a 'align', 'mode' or 'size' option is required\n");
		return -EINVAL;
	}
	if (!c->p.size && !c->p.align) {
		set_mode(c);
		if (c->opt.mode == DAXCTL_DEV_MODE_DEVDAX && c->p.no_online) {
			fprintf(stderr,
				"--no-online is incompatible with --mode=devdax\n");
			return -EINVAL;
		}
	}
	if (c->p.memmap != MEMMAP_KEEP && c->opt.mode != DAXCTL_DEV_MODE_RAM) {
		fprintf(stderr,
			"--(no-)memmap-on-memory applies to --mode=system-ram only\n");
		return -EINVAL;
	}
	return 0;
}

int reconfigure_mode(struct daxctl_ctx *ctx, struct daxctl_dev *dev,
		     const struct device_params *p)
{
	const char *ident = daxctl_dev_get_devname(dev);
	struct device_cmd c;
	char name[32];

	device_cmd_init(&c);
	c.p = *p;
	if (c.p.human)
		c.json_flags |= DAXCTL_JSON_HUMAN;
	set_mode(&c);
	/* the lock rescans the region: keep the name, not the object */
	snprintf(name, sizeof(name), "%s", ident);
	ident = name;
	return run_on_devices(&c, ctx, "reconfigure-device", 1, &ident,
			      do_reconfig, true, "error reconfiguring devices",
			      "reconfigured");
}

int cmd_reconfig_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = {
		"daxctl reconfigure-device <device> [<options>]", NULL
	};
	struct device_cmd c;
	const struct option options[] = {
		BASE_OPTIONS(&c),
		SIZE_OPTIONS(&c),
		INPUT_OPTION(&c),
		OPT_STRING('m', "mode", &c.p.mode, "mode",
			   "mode to switch the device to"),
		OPT_BOOLEAN('N', "no-online", &c.p.no_online,
			    "don't auto-online memory sections"),
		OPT_BOOLEAN('f', "force", &c.p.force,
			    "attempt to offline memory sections before reconfiguration"),
		OPT_BOOLEAN('C', "check-config", &c.p.check_config,
			    "use config files to determine parameters for the operation"),
		ZONE_OPTIONS(&c),
		{ .type = OPTION_CALLBACK, .long_name = "memmap-on-memory",
		  .value = &c.p.memmap, .flags = PARSE_OPT_NOARG,
		  .callback = memmap_opt,
		  .help = "system-ram: place the memmap on the device (Linux >= 6.8)" },
		OPT_END(),
	};
	int n, rc;

	device_cmd_init(&c);
	n = device_parse_options(&c, argc, argv, options, u, "reconfigure",
				 ctx);
	if (n < 0)
		return n;
	if (check_options(&c, argv[0]))
		return usage_with_options(u, options);
	/* boot-time configuration: the mode comes from the config files */
	if (c.p.check_config)
		return check_config_run(ctx, argv[0], c.p.verbose, c.p.quiet,
					c.p.human);
	rc = parse_sizes(&c);
	if (rc)
		return rc;
	return run_on_devices(&c, ctx, "reconfigure-device", n, argv,
			      do_reconfig, true, "error reconfiguring devices",
			      "reconfigured");
}
