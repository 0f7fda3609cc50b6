// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device commands: create-device, destroy-device, reconfigure-device,
 * enable-device, disable-device, online-memory, offline-memory.
 *
 * Options, messages, JSON and exit status follow the reference daxctl
 * (see Documentation/compatibility.md for the deliberate differences).
 * Beyond the reference every command is transactional: when a step fails
 * part way, the steps already taken on that device are undone in reverse
 * order, and whatever cannot be undone is reported on one line naming
 * what remains changed.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <json-c/json.h>
#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "config.h"
#include "device.h"
#include "memmap.h"
#include "filter.h"
#include "ident.h"
#include "json.h"
#include "parse-options.h"
#include "change.h"
#include "progress.h"
#include "size.h"

/* the options of the one command this process runs */
static struct device_params param;
static unsigned long json_flags;

int check_root(struct daxctl_ctx *ctx, const char *cmd)
{
	const char *root = daxctl_ctx_get_sysfs_root(ctx);

	/* a test tree below DAXCTL_SYSFS_ROOT is writable by its owner */
	if (geteuid() == 0 || (root && strcmp(root, "/") != 0))
		return 0;
	fprintf(stderr, "error: %s: permission denied: must be run as root\n",
		cmd);
	return -EACCES;
}

/* ---- explaining refused sysfs writes -------------------------------- */

static unsigned long size_granule(struct daxctl_dev *dev)
{
	unsigned long align = daxctl_dev_get_align(dev);

	return align > SZ_2M ? align : SZ_2M;
}

/*
 * EBUSY for a device no driver has: the series kernel's "held" device,
 * whose driver could not give the capacity back when it was unbound (kmem
 * memory still online), so the kernel keeps it allocated until the next
 * boot.  Upstream kernels never refuse an unbound device's size.
 */
static bool dev_held(struct daxctl_dev *dev, int rc)
{
	return rc == -EBUSY && daxctl_dev_is_enabled(dev) == 0;
}

static void explain_held(struct daxctl_dev *dev)
{
	fprintf(stderr, "%s: held by the kernel until the next boot: kmem failed to remove its memory (still online) when it was unbound\n",
		daxctl_dev_get_devname(dev));
}

/*
 * After a failed bind: rewriting the size of an unbound device changes
 * nothing on any kernel, and only a held device refuses it.
 */
static bool dev_is_held(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = daxctl_dev_get_ctx(dev);
	unsigned long long size = daxctl_dev_get_size(dev);
	int prio, rc;

	if (!size || daxctl_dev_is_enabled(dev) != 0)
		return false;
	/* the refusal is the answer here, not an error to log */
	prio = daxctl_get_log_priority(ctx);
	daxctl_set_log_priority(ctx, LOG_CRIT);
	rc = daxctl_dev_set_size(dev, size);
	daxctl_set_log_priority(ctx, prio);
	return rc == -EBUSY;
}

/* does a device other than @dev have part of [@start, @end]? */
static bool range_taken(struct daxctl_dev *dev, unsigned long long start,
			unsigned long long end)
{
	struct daxctl_region *region = daxctl_dev_get_region(dev);
	struct daxctl_mapping *mapping;
	struct daxctl_dev *other;

	daxctl_dev_foreach(region, other) {
		if (other == dev)
			continue;
		daxctl_mapping_foreach(other, mapping)
			if (daxctl_mapping_get_start(mapping) <= end &&
			    start <= daxctl_mapping_get_end(mapping))
				return true;
	}
	return false;
}

/*
 * The library returns the kernel errno of a refused size, align or
 * mapping write; the reference maps them all to ENXIO.  Say what the
 * errno means here, and keep the reference's exit status.
 */
int explain_set_size(struct daxctl_dev *dev, unsigned long long size, int rc)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_region *region = daxctl_dev_get_region(dev);

	switch (rc) {
	case -EBUSY:
		if (dev_held(dev, rc))
			explain_held(dev);
		else
			fprintf(stderr, "%s: cannot resize: device busy (enabled, disable it first)\n",
				devname);
		break;
	case -EINVAL:
		fprintf(stderr, "%s: size %llu is not a multiple of the alignment %lu\n",
			devname, size, size_granule(dev));
		break;
	case -ENOSPC:
		fprintf(stderr, "%s: size %llu is larger than available: %llu\n",
			devname, size,
			daxctl_dev_get_size(dev) +
				daxctl_region_get_available_size(region));
		break;
	default:
		fprintf(stderr, "%s: failed to set size %llu: %s\n", devname,
			size, strerror(-rc));
		break;
	}
	return -ENXIO;
}

int explain_set_align(struct daxctl_dev *dev, unsigned long align, int rc)
{
	const char *devname = daxctl_dev_get_devname(dev);

	switch (rc) {
	case -EBUSY:
		fprintf(stderr, "%s: cannot change the alignment: device busy (enabled, disable it first)\n",
			devname);
		break;
	case -EINVAL:
		fprintf(stderr, "%s: alignment %lu not supported (4K, 2M or 1G, and every range must be aligned to it)\n",
			devname, align);
		break;
	default:
		fprintf(stderr, "%s: failed to set alignment %lu: %s\n",
			devname, align, strerror(-rc));
		break;
	}
	return -ENXIO;
}

int explain_set_mapping(struct daxctl_dev *dev, unsigned long long start,
			unsigned long long end, int rc)
{
	const char *devname = daxctl_dev_get_devname(dev);

	switch (rc) {
	case -EBUSY:
		if (dev_held(dev, rc) && !range_taken(dev, start, end))
			explain_held(dev);
		else
			fprintf(stderr, "%s: range %#llx-%#llx is in use by another device (or the device is enabled)\n",
				devname, start, end);
		break;
	case -EINVAL:
		fprintf(stderr, "%s: range %#llx-%#llx is outside the region or not aligned to %lu\n",
			devname, start, end, size_granule(dev));
		break;
	default:
		fprintf(stderr, "%s: failed to add range %#llx-%#llx: %s\n",
			devname, start, end, strerror(-rc));
		break;
	}
	return -ENXIO;
}

/* ---- online / offline (reference: dev_online_memory) --------------- */

/* Online blocks of @mem, or a negative errno after saying why. */
static int memory_count_online(struct daxctl_memory *mem, const char *devname)
{
	int on = daxctl_memory_is_online(mem);

	if (on < 0)
		fprintf(stderr, "%s: failed to determine online state: %s\n",
			devname, strerror(-on));
	return on;
}

/*
 * The device's memory object and its block count in @mem and @total;
 * returns how many blocks are online, or a negative errno after saying why.
 */
static int memory_census(struct daxctl_dev *dev, struct daxctl_memory **mem,
			 int *total)
{
	const char *devname = daxctl_dev_get_devname(dev);

	*mem = daxctl_dev_get_memory(dev);
	if (!*mem) {
		fprintf(stderr, "%s: failed to get the memory object\n",
			devname);
		return -ENXIO;
	}
	*total = daxctl_memory_num_sections(*mem);
	if (*total < 0) {
		fprintf(stderr, "%s: failed to get number of memory sections\n",
			devname);
		return *total;
	}
	return memory_count_online(*mem, devname);
}

int dev_online_memory(struct daxctl_dev *dev, bool no_movable)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem;
	int total, on, rc;

	on = memory_census(dev, &mem, &total);
	if (on < 0)
		return on;
	if (on && !param.quiet)
		fprintf(stderr,
			"%s:\n  WARNING: detected a race while onlining memory\n"
			"  Some memory may not be in the expected zone. It is\n"
			"  recommended to disable any other onlining mechanisms,\n"
			"  and retry. If onlining is to be left to other agents,\n"
			"  use the --no-online option to suppress this warning\n",
			devname);
	if (on == total) {
		fprintf(stderr, "%s: all memory sections (%d) already online\n",
			devname, on);
		return 1;
	}
	if (on)
		fprintf(stderr, "%s: %d memory section%s already online\n",
			devname, on, on == 1 ? "" : "s");

	/* all or nothing: on failure the library offlines what it onlined */
	if (no_movable)
		rc = daxctl_memory_online_no_movable(mem);
	else
		rc = daxctl_memory_online(mem);
	if (rc < 0) {
		fprintf(stderr, "%s: failed to online memory: %s\n", devname,
			strerror(-rc));
		return rc;
	}
	if (param.verbose)
		fprintf(stderr, "%s: %d memory section%s onlined\n", devname,
			rc, rc == 1 ? "" : "s");

	on = memory_count_online(mem, devname);
	if (on < 0)
		return on;
	if (on < total) {
		fprintf(stderr, "%s: failed to online %d memory sections\n",
			devname, total - on);
		return -ENXIO;
	}
	return 0;
}

int dev_offline_memory(struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem;
	int total, on, off, rc;

	on = memory_census(dev, &mem, &total);
	if (on < 0)
		return on;
	off = total - on;
	if (off == total) {
		fprintf(stderr, "%s: all memory sections (%d) already offline\n",
			devname, off);
		return 1;
	}
	if (off)
		fprintf(stderr, "%s: %d memory section%s already offline\n",
			devname, off, off == 1 ? "" : "s");

	/* all or nothing: on failure the library re-onlines what it offlined */
	rc = daxctl_memory_offline(mem);
	if (rc < 0) {
		fprintf(stderr, "%s: failed to offline memory: %s\n", devname,
			strerror(-rc));
		return rc;
	}
	if (param.verbose)
		fprintf(stderr, "%s: %d memory section%s offlined\n", devname,
			rc, rc == 1 ? "" : "s");

	on = memory_count_online(mem, devname);
	if (on < 0)
		return on;
	if (on) {
		fprintf(stderr, "%s: failed to offline %d memory sections\n",
			devname, on);
		return -ENXIO;
	}
	return 0;
}

/* ---- destroy -------------------------------------------------------- */

int dev_destroy(struct daxctl_dev *dev, bool force)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_region *region = daxctl_dev_get_region(dev);
	struct daxctl_txn *txn;
	char name[32];
	int rc;

	/* the rollback may free @dev: keep its name */
	snprintf(name, sizeof(name), "%s", devname);
	if (daxctl_dev_is_enabled(dev) && !force) {
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
	change_undo(txn, param.verbose ? name : NULL);
	return rc;
}

/* ---- selecting devices ---------------------------------------------- */

bool region_selected(struct daxctl_region *region, const char *ident)
{
	return daxctl_filter_region(region, ident) != NULL;
}

struct selection {
	int nidents;
	const char **idents;
	bool *matched;
	int ndevs;
	struct daxctl_dev **devs;
	bool any_region;
};

static void selection_free(struct selection *sel)
{
	free(sel->matched);
	free(sel->devs);
}

/*
 * Every device named by @idents (each at most once), in the library's
 * iteration order, which is the reference's.  Unknown names and regions
 * get one line each; they make the command fail with ENXIO, as the
 * reference does when nothing matches.
 */
static int select_devices(struct daxctl_ctx *ctx, int nidents,
			  const char **idents, struct selection *sel)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	int i, alloc = 0, rc = 0;

	memset(sel, 0, sizeof(*sel));
	sel->nidents = nidents;
	sel->idents = idents;
	sel->matched = calloc(nidents ? nidents : 1, sizeof(bool));
	if (!sel->matched)
		return -ENOMEM;

	daxctl_region_foreach(ctx, region) {
		if (!region_selected(region, param.region))
			continue;
		sel->any_region = true;
		for (i = 0; i < nidents; i++)
			if (daxctl_filter_dev_region(region, idents[i]))
				break;
		if (i == nidents)
			continue; /* no name can be here: no scan */
		daxctl_dev_foreach(region, dev) {
			bool hit = false;

			for (i = 0; i < nidents; i++)
				if (daxctl_filter_dev(dev, idents[i])) {
					sel->matched[i] = true;
					hit = true;
				}
			if (!hit)
				continue;
			if (sel->ndevs == alloc) {
				struct daxctl_dev **d;

				alloc = alloc ? 2 * alloc : 16;
				d = realloc(sel->devs, alloc * sizeof(*d));
				if (!d)
					return -ENOMEM;
				sel->devs = d;
			}
			sel->devs[sel->ndevs++] = dev;
		}
	}

	if (param.region && !sel->any_region) {
		fprintf(stderr, "error: no such region: %s\n", param.region);
		return -ENXIO;
	}
	for (i = 0; i < nidents; i++) {
		if (sel->matched[i])
			continue;
		if (strcmp(idents[i], "all") == 0)
			continue;
		if (param.region)
			fprintf(stderr, "error: no such device in region %s: %s\n",
				param.region, idents[i]);
		else
			fprintf(stderr, "error: no such device: %s\n",
				idents[i]);
		rc = -ENXIO;
	}
	return rc;
}

typedef int (*dev_action_fn)(struct daxctl_dev *dev,
			     struct json_object *jdevs);

/*
 * Run @fn on every selected device.  The exit status is the failure of
 * any device (the reference's saved_rc, fix f533bd7), or ENXIO when
 * nothing matched; a device that needed no change returns 1, which is
 * the status when no device failed.
 */
static int for_each_device(struct daxctl_ctx *ctx, int nidents,
			   const char **idents, dev_action_fn fn,
			   bool want_json, int *processed)
{
	struct json_object *jdevs = NULL;
	struct selection sel;
	int i, rc, saved_rc = 0, sel_rc;

	*processed = 0;
	sel_rc = select_devices(ctx, nidents, idents, &sel);
	if (sel_rc == -ENOMEM) {
		selection_free(&sel);
		return sel_rc;
	}
	if (want_json)
		jdevs = json_object_new_array();

	for (i = 0; i < sel.ndevs; i++) {
		rc = fn(sel.devs[i], jdevs);
		if (rc == 0)
			(*processed)++;
		else if (rc < 0 || saved_rc >= 0)
			saved_rc = saved_rc < 0 ? saved_rc : rc;
	}
	selection_free(&sel);

	if (jdevs) {
		if (json_object_array_length(jdevs))
			daxctl_json_display_array(stdout, jdevs, json_flags);
		else
			json_object_put(jdevs);
	}
	if (sel_rc < 0)
		return sel_rc;
	if (!sel.ndevs)
		return -ENXIO;
	return saved_rc;
}

static void json_add_dev(struct json_object *jdevs, struct daxctl_dev *dev)
{
	struct json_object *jdev;

	if (!jdevs)
		return;
	jdev = daxctl_dev_to_json(dev, json_flags);
	if (jdev)
		json_object_array_add(jdevs, jdev);
}

/* ---- parsed option values ------------------------------------------- */

static struct {
	bool have_size, have_align;
	unsigned long long size, align;
	enum daxctl_dev_mode mode;
	int nmaps;
	struct dev_range *maps; /* --input, in page_offset order */
} opt;

static int parse_sizes(void)
{
	int rc;

	if (param.size) {
		rc = parse_size_arg("--size", param.size, &opt.size);
		if (rc)
			return rc;
		opt.have_size = true;
	}
	if (param.align) {
		rc = parse_size_arg("--align", param.align, &opt.align);
		if (rc)
			return rc;
		if (opt.align > ULONG_MAX) {
			fprintf(stderr, "error: --align: invalid alignment '%s': too large\n",
				param.align);
			return -EINVAL;
		}
		opt.have_align = true;
	}
	return 0;
}

/* ---- reconfigure-device --------------------------------------------- */

/* A transaction on @dev's region with @dev saved, or NULL. */
static struct daxctl_txn *dev_change_begin(struct daxctl_dev *dev)
{
	struct daxctl_txn *txn = change_begin(daxctl_dev_get_region(dev));

	if (txn && change_save(txn, dev)) {
		daxctl_txn_free(txn);
		return NULL;
	}
	return txn;
}

static int reconfig_resize(struct daxctl_dev *dev)
{
	struct daxctl_txn *txn;
	char name[32];
	int rc = 0;

	snprintf(name, sizeof(name), "%s", daxctl_dev_get_devname(dev));
	txn = dev_change_begin(dev);
	if (!txn)
		return -ENOMEM;
	/* the reference writes align when it is > 0, then size */
	if (opt.have_align && opt.align > 0) {
		rc = daxctl_dev_set_align(dev, opt.align);
		if (rc)
			rc = explain_set_align(dev, opt.align, rc);
	}
	if (!rc && opt.have_size) {
		rc = daxctl_dev_set_size(dev, opt.size);
		if (rc)
			rc = explain_set_size(dev, opt.size, rc);
	}
	if (rc)
		change_undo(txn, param.verbose ? name : NULL);
	else
		change_keep(txn);
	return rc;
}

/* Bind kmem (from devdax or disabled) and online the memory. */
static int to_system_ram(struct daxctl_dev *dev, enum daxctl_dev_mode mode0)
{
	const char *devname = daxctl_dev_get_devname(dev);
	bool memmap = param.memmap == MEMMAP_ON;
	int rc;

	/* before kmem is bound: the kernel refuses the change afterwards */
	if (param.memmap != MEMMAP_KEEP) {
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
	if (param.no_online)
		return 0;
	rc = dev_online_memory(dev, param.no_movable);
	return rc > 0 ? 0 : rc;
}

static int reconfig_to_system_ram(struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	enum daxctl_dev_mode mode0 = daxctl_dev_get_mode(dev);
	struct daxctl_txn *txn;
	char name[32];
	int rc;

	if ((param.no_online || !param.no_movable) && !param.force &&
	    daxctl_dev_will_auto_online_memory(dev)) {
		fprintf(stderr,
			"%s: error: kernel policy will auto-online memory, aborting\n",
			devname);
		return -EBUSY;
	}
	/* a choice the kernel cannot take is refused before any change */
	if (param.memmap != MEMMAP_KEEP) {
		rc = memmap_check(dev, param.memmap == MEMMAP_ON);
		if (rc < 0)
			return rc;
	}

	snprintf(name, sizeof(name), "%s", devname);
	txn = dev_change_begin(dev);
	if (!txn)
		return -ENOMEM;
	rc = to_system_ram(dev, mode0);
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
static int require_offline(struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int rc, on;

	if (param.force) {
		/* all or nothing: a busy block brings the rest back */
		rc = dev_offline_memory(dev);
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
	if (param.verbose) {
		fprintf(stderr, "%s: found %d memory sections online\n",
			devname, on);
		fprintf(stderr, "%s: refusing to change modes\n", devname);
	} else {
		fprintf(stderr, "%s: %d memory section%s online, refusing to change modes (offline them, or use --force)\n",
			devname, on, on == 1 ? "" : "s");
	}
	return -EBUSY;
}

static int reconfig_to_devdax(struct daxctl_dev *dev)
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
		rc = require_offline(dev);
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

static int do_reconfig(struct daxctl_dev *dev, struct json_object *jdevs)
{
	int rc;

	if (opt.have_size || opt.have_align)
		return reconfig_resize(dev);

	switch (opt.mode) {
	case DAXCTL_DEV_MODE_RAM:
		rc = reconfig_to_system_ram(dev);
		break;
	case DAXCTL_DEV_MODE_DEVDAX:
		rc = reconfig_to_devdax(dev);
		break;
	default:
		fprintf(stderr, "%s: unknown mode requested: '%s' (expected system-ram or devdax)\n",
			daxctl_dev_get_devname(dev), param.mode);
		rc = -EINVAL;
		break;
	}
	if (rc < 0)
		return rc;
	json_add_dev(jdevs, dev);
	return 0;
}

/* ---- online / offline / enable / disable / destroy ------------------- */

/*
 * Memory commands act on system-ram devices, status commands on devdax
 * ones; the reference refuses the other mode with these exact words.
 */
static int require_mode(struct daxctl_dev *dev, bool want_memory)
{
	if (!!daxctl_dev_get_memory(dev) == want_memory)
		return 0;
	fprintf(stderr, "%s: %s\n", daxctl_dev_get_devname(dev),
		want_memory ? "memory operations are not applicable in devdax mode"
			    : "status operations are only applicable in devdax mode");
	return -ENXIO;
}

static int do_online(struct daxctl_dev *dev, struct json_object *jdevs)
{
	int rc = require_mode(dev, true);

	return rc ? rc : dev_online_memory(dev, param.no_movable);
}

static int do_offline(struct daxctl_dev *dev, struct json_object *jdevs)
{
	int rc = require_mode(dev, true);

	return rc ? rc : dev_offline_memory(dev);
}

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

static int do_enable(struct daxctl_dev *dev, struct json_object *jdevs)
{
	return set_devdax_status(dev, true);
}

static int do_disable(struct daxctl_dev *dev, struct json_object *jdevs)
{
	return set_devdax_status(dev, false);
}

static int do_destroy(struct daxctl_dev *dev, struct json_object *jdevs)
{
	return dev_destroy(dev, param.force);
}

/* ---- create-device -------------------------------------------------- */

static int cmp_map_pgoff(const void *a, const void *b)
{
	const unsigned long long *x = a, *y = b;

	/* each entry is { pgoff, start, end } */
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static bool json_get_u64(struct json_object *obj, const char *key,
			 unsigned long long *val)
{
	struct json_object *j;

	if (!json_object_object_get_ex(obj, key, &j))
		return false;
	if (json_object_is_type(j, json_type_string)) {
		/* tolerate "0x..." (list -u prints hex strings) */
		return parse_size(json_object_get_string(j), val) == 0;
	}
	if (!json_object_is_type(j, json_type_int))
		return false;
	*val = (unsigned long long)json_object_get_int64(j);
	return true;
}

/*
 * --input: one device object as printed by "daxctl list -M" (not an
 * array), keys chardev, size, align and mappings[{start,end,page_offset}].
 * The region comes from chardev; size and align override -s and -a, as
 * in the reference.
 */
static int parse_device_file(const char *file)
{
	static char region_buf[16], size_buf[32], align_buf[32];
	struct json_object *jobj, *j, *jmaps;
	unsigned long long (*tmp)[3] = NULL;
	unsigned long long v;
	int i, n, region_id, dev_id, rc = -EINVAL;

	jobj = json_object_from_file(file);
	if (!jobj)
		return -EINVAL;
	if (json_object_is_type(jobj, json_type_array) &&
	    json_object_array_length(jobj) == 1) {
		/* accept the array "daxctl list -M -d daxX.Y" prints */
		struct json_object *only = json_object_array_get_idx(jobj, 0);

		json_object_get(only);
		json_object_put(jobj);
		jobj = only;
	}

	if (!json_get_u64(jobj, "align", &v))
		goto out;
	snprintf(align_buf, sizeof(align_buf), "%llu", v);
	if (!json_get_u64(jobj, "size", &v))
		goto out;
	snprintf(size_buf, sizeof(size_buf), "%llu", v);
	/* json_object_get_string() is NULL for a JSON null */
	if (!json_object_object_get_ex(jobj, "chardev", &j) ||
	    !json_object_is_type(j, json_type_string) ||
	    ident_devname(json_object_get_string(j), &region_id, &dev_id))
		goto out;
	snprintf(region_buf, sizeof(region_buf), "%d", region_id);
	if (!json_object_object_get_ex(jobj, "mappings", &jmaps) ||
	    !json_object_is_type(jmaps, json_type_array))
		goto out;

	n = json_object_array_length(jmaps);
	tmp = calloc(n ? n : 1, sizeof(*tmp));
	if (!tmp) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct json_object *jm = json_object_array_get_idx(jmaps, i);

		if (!jm || !json_get_u64(jm, "page_offset", &tmp[i][0]) ||
		    !json_get_u64(jm, "start", &tmp[i][1]) ||
		    !json_get_u64(jm, "end", &tmp[i][2]) ||
		    tmp[i][2] < tmp[i][1])
			goto out;
	}
	qsort(tmp, n, sizeof(*tmp), cmp_map_pgoff);
	opt.maps = calloc(n ? n : 1, sizeof(*opt.maps));
	if (!opt.maps) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		opt.maps[i].start = tmp[i][1];
		opt.maps[i].end = tmp[i][2];
	}
	opt.nmaps = n;
	param.align = align_buf;
	param.size = size_buf;
	param.region = region_buf;
	rc = 0;
out:
	free(tmp);
	json_object_put(jobj);
	return rc;
}

/*
 * The reference's do_create(): write 'create', configure the region's
 * seed (align, mappings, size), bind it to device_dax.  Without -s (and
 * --count) @size is ignored: all of the available capacity, whatever
 * number was passed, so no size a user can write means "all".  On failure the
 * caller's transaction deletes what the 'create' brought into existence.
 */
static int create_one(struct daxctl_txn *txn, struct daxctl_region *region,
		      unsigned long long size, struct daxctl_dev **out)
{
	struct daxctl_dev *dev;
	unsigned long long alloc = 0;
	const char *devname;
	int i, rc;

	rc = daxctl_region_create_dev(region);
	if (rc) {
		if (rc == -ENOSPC)
			fprintf(stderr, "region%d: no capacity available to create a device\n",
				daxctl_region_get_id(region));
		else
			fprintf(stderr, "region%d: failed to create a device: %s\n",
				daxctl_region_get_id(region), strerror(-rc));
		return -ENOSPC;
	}

	daxctl_region_rescan(region);
	dev = daxctl_region_get_dev_seed(region);
	if (!dev) {
		fprintf(stderr, "region%d: no seed device after create\n",
			daxctl_region_get_id(region));
		return -ENOSPC;
	}
	devname = daxctl_dev_get_devname(dev);
	rc = change_save(txn, dev);
	if (rc)
		return rc;

	if (!opt.have_size && param.count <= 0 && !param.whole_blocks)
		size = daxctl_region_get_available_size(region);
	if (size == 0 || size > LLONG_MAX) {
		if (size == 0)
			fprintf(stderr, "region%d: %s\n",
				daxctl_region_get_id(region),
				opt.have_size ? "size 0: nothing to create" :
						"no capacity available");
		else
			fprintf(stderr, "%s: size %llu is larger than available: %llu\n",
				devname, size,
				daxctl_region_get_available_size(region));
		return -ENOSPC;
	}

	if (opt.have_align && opt.align > 0) {
		rc = daxctl_dev_set_align(dev, opt.align);
		if (rc)
			return explain_set_align(dev, opt.align, rc);
	}

	for (i = 0; i < opt.nmaps; i++) {
		rc = daxctl_dev_set_mapping(dev, opt.maps[i].start,
					    opt.maps[i].end);
		if (rc)
			return explain_set_mapping(dev, opt.maps[i].start,
						   opt.maps[i].end, rc);
		alloc += opt.maps[i].end - opt.maps[i].start + 1;
	}

	if (opt.nmaps > 0 && alloc != size) {
		fprintf(stderr, "%s: allocated %llu but specified size %llu\n",
			devname, alloc, size);
	} else {
		rc = daxctl_dev_set_size(dev, size);
		if (rc)
			return explain_set_size(dev, size, rc);
	}

	rc = daxctl_dev_enable_devdax(dev);
	if (rc) {
		fprintf(stderr, "%s: enable failed: %s\n", devname,
			strerror(-rc));
		return rc;
	}
	*out = dev;
	return 0;
}

/* Granularity of a device size in @region: max(align, 2 MiB). */
static unsigned long long create_granule(struct daxctl_region *region)
{
	unsigned long long g = opt.have_align && opt.align ? opt.align :
				daxctl_region_get_align(region);

	if (g == ULONG_MAX || g < SZ_2M)
		g = SZ_2M;
	return g;
}

/*
 * One region: one device, or --count N of them.  With --count the devices
 * are all created or none is: a failure destroys the ones this command
 * created before it.
 */
/*
 * --whole-blocks: sizes in whole memory blocks, so a device given to the
 * page allocator strands nothing below a block boundary (--count 3 on
 * 1 GiB with 256 MiB blocks: 256 MiB each, not 340 MiB of which 256
 * online).  The granule becomes the larger of the two (both are powers
 * of two); a -s that is no whole number of blocks is refused.
 */
static int whole_blocks(struct daxctl_region *region, unsigned long long *g,
			unsigned long long *size)
{
	struct daxctl_ctx *ctx = daxctl_region_get_ctx(region);
	unsigned long bs;
	int rc;

	if (!param.whole_blocks)
		return 0;
	rc = daxctl_ctx_get_memory_block_size(ctx, &bs);
	if (rc) {
		fprintf(stderr, "error: --whole-blocks: cannot read the memory block size: %s\n",
			strerror(-rc));
		return rc;
	}
	if (bs > *g)
		*g = bs;
	if (opt.have_size && opt.size % bs) {
		fprintf(stderr, "error: --whole-blocks: size %llu is not a whole number of %lu-byte memory blocks\n",
			opt.size, bs);
		return -EINVAL;
	}
	if (!opt.have_size && param.count <= 0)
		*size = daxctl_region_get_available_size(region) / *g * *g;
	return 0;
}

static int create_in_region(struct daxctl_region *region,
			    struct json_object *jdevs, int *processed)
{
	int count = param.count > 0 ? param.count : 1;
	unsigned long long size = opt.have_size ? opt.size : 0;
	unsigned long long g = create_granule(region);
	struct daxctl_dev **made;
	struct daxctl_txn *txn;
	int i, rc = 0;

	rc = whole_blocks(region, &g, &size);
	if (rc)
		return rc;
	if (param.count > 0 && !opt.have_size) {
		unsigned long long avail;

		avail = daxctl_region_get_available_size(region);
		size = avail / count / g * g;
		if (size == 0) {
			fprintf(stderr, "region%d: %d devices of at least %llu bytes do not fit in the %llu bytes available\n",
				daxctl_region_get_id(region), count, g, avail);
			return -ENOSPC;
		}
	} else if (param.count > 0) {
		unsigned long long avail;

		avail = daxctl_region_get_available_size(region);
		if (!size || size > avail / count) {
			fprintf(stderr, "region%d: %d devices of %llu bytes do not fit in the %llu bytes available\n",
				daxctl_region_get_id(region), count, size,
				avail);
			return -ENOSPC;
		}
	}

	made = calloc(count, sizeof(*made));
	if (!made)
		return -ENOMEM;
	/* one transaction for all of them: --count N is all or nothing */
	txn = change_begin(region);
	if (!txn) {
		free(made);
		return -ENOMEM;
	}
	for (i = 0; i < count && !rc; i++)
		rc = create_one(txn, region, size, &made[i]);
	if (rc) {
		change_undo(txn, param.verbose ? daxctl_region_get_devname(region) :
						 NULL);
		daxctl_region_rescan(region);
	} else {
		change_keep(txn);
		for (i = 0; i < count; i++)
			json_add_dev(jdevs, made[i]);
		*processed += count;
	}
	free(made);
	return rc;
}

/* ---- command line ----------------------------------------------------- */

#define BASE_OPTIONS()                                                         \
	OPT_STRING('r', "region", &param.region, "region-id",                  \
		   "filter by region"),                                        \
	OPT_BOOLEAN('u', "human", &param.human,                                \
		    "use human friendly number formats"),                      \
	OPT_BOOLEAN('v', "verbose", &param.verbose, "emit more debug messages"), \
	OPT_BOOLEAN('q', "quiet", &param.quiet, "suppress warnings")

#define SIZE_OPTIONS()                                                         \
	OPT_STRING('s', "size", &param.size, "size",                           \
		   "size to switch the device to"),                            \
	OPT_STRING('a', "align", &param.align, "align",                        \
		   "alignment to switch the device to")

#define INPUT_OPTION()                                                         \
	OPT_STRING('\0', "input", &param.input, "input",                       \
		   "input device JSON file")

#define RECONFIG_OPTIONS()                                                     \
	OPT_STRING('m', "mode", &param.mode, "mode",                           \
		   "mode to switch the device to"),                            \
	OPT_BOOLEAN('N', "no-online", &param.no_online,                        \
		    "don't auto-online memory sections"),                      \
	OPT_BOOLEAN('f', "force", &param.force,                                \
		    "attempt to offline memory sections before reconfiguration"), \
	OPT_BOOLEAN('C', "check-config", &param.check_config,                  \
		    "use config files to determine parameters for the operation")

static int memmap_opt(const struct option *o, const char *arg, int unset)
{
	*(int *)o->value = unset ? MEMMAP_OFF : MEMMAP_ON;
	return 0;
}

#define MEMMAP_OPTION()                                                        \
	{ .type = OPTION_CALLBACK, .long_name = "memmap-on-memory",            \
	  .value = &param.memmap, .flags = PARSE_OPT_NOARG,                    \
	  .callback = memmap_opt,                                              \
	  .help = "system-ram: place the memmap on the device (Linux >= 6.8)" }

#define ZONE_OPTIONS()                                                         \
	OPT_BOOLEAN('\0', "no-movable", &param.no_movable,                     \
		    "online memory in ZONE_NORMAL")

static const struct option create_options[] = {
	BASE_OPTIONS(),
	SIZE_OPTIONS(),
	INPUT_OPTION(),
	OPT_BOOLEAN('\0', "whole-blocks", &param.whole_blocks,
		    "size devices in whole memory blocks (for system-ram)"),
	OPT_INTEGER('\0', "count", &param.count,
		    "split the available capacity into this many devices"),
	OPT_END(),
};

static const struct option reconfig_options[] = {
	BASE_OPTIONS(),
	SIZE_OPTIONS(),
	INPUT_OPTION(),
	RECONFIG_OPTIONS(),
	ZONE_OPTIONS(),
	MEMMAP_OPTION(),
	OPT_END(),
};

static const struct option online_options[] = {
	BASE_OPTIONS(),
	ZONE_OPTIONS(),
	OPT_END(),
};

static const struct option base_options[] = {
	BASE_OPTIONS(),
	OPT_END(),
};

static const struct option destroy_options[] = {
	BASE_OPTIONS(),
	OPT_BOOLEAN('f', "force", &param.force,
		    "attempt to disable before destroying device"),
	OPT_END(),
};

enum device_action {
	ACTION_RECONFIG,
	ACTION_ONLINE,
	ACTION_OFFLINE,
	ACTION_CREATE,
	ACTION_DISABLE,
	ACTION_ENABLE,
	ACTION_DESTROY,
};

static const char *action_words[] = {
	[ACTION_RECONFIG] = "reconfigure",
	[ACTION_ONLINE] = "online memory for",
	[ACTION_OFFLINE] = "offline memory for",
	[ACTION_CREATE] = "create",
	[ACTION_DISABLE] = "disable",
	[ACTION_ENABLE] = "enable",
	[ACTION_DESTROY] = "destroy",
};

/*
 * Parse the command line.  Returns the number of device arguments left in
 * argv (their basenames, so /dev/dax0.0 works), or exits 129 with the
 * usage like the reference does for usage errors.
 */
static int parse_device_options(int argc, const char **argv,
				enum device_action action,
				const struct option *options,
				const char *usage, struct daxctl_ctx *ctx)
{
	const char *const u[] = { usage, NULL };
	int i, bad = 0;

	memset(&param, 0, sizeof(param));
	memset(&opt, 0, sizeof(opt));
	opt.mode = DAXCTL_DEV_MODE_UNKNOWN;

	argc = parse_options(argc, argv, options, u, 0);

	if (action == ACTION_CREATE) {
		for (i = 0; i < argc; i++) {
			fprintf(stderr, "unknown extra parameter \"%s\"\n",
				argv[i]);
			bad = 1;
		}
	} else if (argc == 0) {
		fprintf(stderr, "specify a device to %s, or \"all\"\n",
			action_words[action]);
		bad = 1;
	}
	if (bad)
		usage_with_options(u, options);

	for (i = 0; i < argc; i++) {
		const char *slash = strrchr(argv[i], '/');

		if (slash && slash[1])
			argv[i] = slash + 1;
	}

	if (param.verbose)
		daxctl_set_log_priority(ctx, LOG_DEBUG);
	progress_setup(ctx, param.verbose);
	if (param.human)
		json_flags |= DAXCTL_JSON_HUMAN;

	if (action == ACTION_RECONFIG && param.check_config) {
		if (param.mode || param.no_online || param.no_movable) {
			fprintf(stderr,
				"%s: -C cannot be used with --mode, --(no-)movable, or --(no-)online\n",
				argv[0]);
			usage_with_options(u, options);
		}
		/* boot-time configuration: the caller runs daxctl/config.h's */
		return argc;
	}

	switch (action) {
	case ACTION_RECONFIG:
		if (!param.size && !param.align && !param.mode) {
			fprintf(stderr, "error: a 'align', 'mode' or 'size' option is required\n");
			usage_with_options(u, options);
		}
		if (!param.size && !param.align) {
			if (strcmp(param.mode, "system-ram") == 0) {
				opt.mode = DAXCTL_DEV_MODE_RAM;
			} else if (strcmp(param.mode, "devdax") == 0) {
				opt.mode = DAXCTL_DEV_MODE_DEVDAX;
				if (param.no_online) {
					fprintf(stderr,
						"--no-online is incompatible with --mode=devdax\n");
					usage_with_options(u, options);
				}
			}
		}
		if (param.memmap != MEMMAP_KEEP &&
		    opt.mode != DAXCTL_DEV_MODE_RAM) {
			fprintf(stderr,
				"--(no-)memmap-on-memory applies to --mode=system-ram only\n");
			usage_with_options(u, options);
		}
		break;
	case ACTION_CREATE:
		if (param.input) {
			int rc = parse_device_file(param.input);

			if (rc) {
				fprintf(stderr,
					"error: failed to parse device file: %s\n",
					strerror(-rc));
				usage_with_options(u, options);
			}
		}
		if (param.count < 0) {
			fprintf(stderr, "error: --count: must be at least 1\n");
			usage_with_options(u, options);
		}
		if (param.count > 0 && opt.nmaps > 0) {
			fprintf(stderr, "error: --count cannot be combined with --input\n");
			usage_with_options(u, options);
		}
		break;
	default:
		break;
	}
	return argc;
}

static int finish(int rc, const char *errfmt, const char *donefmt,
		  int processed)
{
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", errfmt, strerror(-rc));
	fprintf(stderr, "%s %d device%s\n", donefmt, processed,
		processed == 1 ? "" : "s");
	return rc;
}

/* Lock, act on every selected device, unlock, print the summary. */
static int run_on_devices(struct daxctl_ctx *ctx, const char *cmd, int n,
			  const char **idents, dev_action_fn fn,
			  bool want_json, const char *errfmt,
			  const char *donefmt)
{
	struct daxctl_txn *locks = NULL;
	int processed = 0, rc;

	/* bad sizes and missing privileges: one line, nothing touched */
	rc = parse_sizes();
	if (!rc)
		rc = check_root(ctx, cmd);
	/* a region another daxctl keeps busy: one line, nothing touched */
	if (!rc)
		rc = command_lock(ctx, cmd, param.region, n, idents, &locks);
	if (rc)
		return rc;
	rc = for_each_device(ctx, n, idents, fn, want_json, &processed);
	command_unlock(locks);
	return finish(rc, errfmt, donefmt, processed);
}

static int device_command(int argc, const char **argv, struct daxctl_ctx *ctx,
			  enum device_action action,
			  const struct option *options, const char *usage,
			  dev_action_fn fn, bool want_json, const char *cmd,
			  const char *errfmt, const char *donefmt)
{
	int n = parse_device_options(argc, argv, action, options, usage, ctx);

	if (action == ACTION_RECONFIG && param.check_config)
		return check_config_run(ctx, argv[0], param.verbose,
					param.quiet);
	return run_on_devices(ctx, cmd, n, argv, fn, want_json, errfmt,
			      donefmt);
}

int reconfigure_mode(struct daxctl_ctx *ctx, struct daxctl_dev *dev,
		     const struct device_params *p)
{
	const char *ident = daxctl_dev_get_devname(dev);
	char name[32];

	param = *p;
	memset(&opt, 0, sizeof(opt));
	opt.mode = DAXCTL_DEV_MODE_UNKNOWN;
	if (param.mode && strcmp(param.mode, "system-ram") == 0)
		opt.mode = DAXCTL_DEV_MODE_RAM;
	else if (param.mode && strcmp(param.mode, "devdax") == 0)
		opt.mode = DAXCTL_DEV_MODE_DEVDAX;
	/* the lock rescans the region: keep the name, not the object */
	snprintf(name, sizeof(name), "%s", ident);
	ident = name;
	return run_on_devices(ctx, "reconfigure-device", 1, &ident,
			      do_reconfig, true, "error reconfiguring devices",
			      "reconfigured");
}

int cmd_create_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	struct daxctl_txn *locks = NULL;
	struct json_object *jdevs;
	struct daxctl_region *region;
	int processed = 0, rc, saved_rc = 0;
	bool any = false;

	parse_device_options(argc, argv, ACTION_CREATE, create_options,
			     "daxctl create-device [<options>]", ctx);
	rc = parse_sizes();
	if (!rc)
		rc = check_root(ctx, "create-device");
	if (!rc)
		rc = command_lock(ctx, "create-device", param.region, 0, NULL,
				  &locks);
	if (rc)
		return rc;

	jdevs = json_object_new_array();
	daxctl_region_foreach(ctx, region) {
		if (!region_selected(region, param.region))
			continue;
		any = true;
		rc = create_in_region(region, jdevs, &processed);
		if (rc < 0 && saved_rc == 0)
			saved_rc = rc;
	}
	if (jdevs && json_object_array_length(jdevs))
		daxctl_json_display_array(stdout, jdevs, json_flags);
	else if (jdevs)
		json_object_put(jdevs);
	free(opt.maps);
	command_unlock(locks);

	if (!any) {
		if (param.region)
			fprintf(stderr, "error: no such region: %s\n",
				param.region);
		saved_rc = -ENXIO;
	}
	return finish(saved_rc, "error creating devices",
		      "created", processed);
}

int cmd_destroy_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return device_command(argc, argv, ctx, ACTION_DESTROY, destroy_options,
			      "daxctl destroy-device <device> [<options>]",
			      do_destroy, false, "destroy-device",
			      "error destroying devices",
			      "destroyed");
}

int cmd_reconfig_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return device_command(argc, argv, ctx, ACTION_RECONFIG,
			      reconfig_options,
			      "daxctl reconfigure-device <device> [<options>]",
			      do_reconfig, true, "reconfigure-device",
			      "error reconfiguring devices",
			      "reconfigured");
}

int cmd_disable_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return device_command(argc, argv, ctx, ACTION_DISABLE, base_options,
			      "daxctl disable-device <device>", do_disable,
			      false, "disable-device",
			      "error disabling device",
			      "disabled");
}

int cmd_enable_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return device_command(argc, argv, ctx, ACTION_ENABLE, base_options,
			      "daxctl enable-device <device>", do_enable,
			      false, "enable-device",
			      "error enabling device",
			      "enabled");
}

int cmd_online_memory(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return device_command(argc, argv, ctx, ACTION_ONLINE, online_options,
			      "daxctl online-memory <device> [<options>]",
			      do_online, false, "online-memory",
			      "error onlining memory",
			      "onlined memory for");
}

int cmd_offline_memory(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return device_command(argc, argv, ctx, ACTION_OFFLINE, base_options,
			      "daxctl offline-memory <device> [<options>]",
			      do_offline, false, "offline-memory",
			      "error offlining memory",
			      "offlined memory for");
}
