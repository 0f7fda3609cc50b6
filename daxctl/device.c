// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the device commands (create.c, destroy.c, reconfigure.c, enable.c,
 * memory-cmds.c) share: option parsing, device selection, the per-device
 * loop, onlining and offlining memory, explaining refused writes.
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
#include "device.h"
#include "filter.h"
#include "json.h"
#include "parse-options.h"
#include "change.h"
#include "progress.h"
#include "size.h"

int check_root(struct daxctl_ctx *ctx, const char *cmd)
{
	/* a test tree below DAXCTL_SYSFS_ROOT is writable by its owner */
	if (geteuid() == 0 || daxctl_ctx_is_rooted(ctx))
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

void explain_held(struct daxctl_dev *dev)
{
	fprintf(stderr, "%s: held by the kernel until the next boot: kmem failed to remove its memory (still online) when it was unbound\n",
		daxctl_dev_get_devname(dev));
}

/*
 * After a failed bind: rewriting the size of an unbound device changes
 * nothing on any kernel, and only a held device refuses it.
 */
bool dev_is_held(struct daxctl_dev *dev)
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

/* The block that refused and why, as the library saw it, or the errno. */
static void report_memory_failure(struct daxctl_memory *mem, const char *op,
				  int rc)
{
	const char *devname = daxctl_dev_get_devname(daxctl_memory_get_dev(mem));
	const char *why = daxctl_memory_get_failure(mem);

	if (why)
		fprintf(stderr, "%s: %s\n", devname, why);
	else
		fprintf(stderr, "%s: failed to %s memory: %s\n", devname, op,
			strerror(-rc));
}

int dev_online_memory(const struct device_cmd *c, struct daxctl_dev *dev)
{
	const char *devname = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem;
	int total, on, rc;

	on = memory_census(dev, &mem, &total);
	if (on < 0)
		return on;
	if (on && !c->p.quiet)
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
	if (c->p.no_movable)
		rc = daxctl_memory_online_no_movable(mem);
	else
		rc = daxctl_memory_online(mem);
	if (rc < 0) {
		report_memory_failure(mem, "online", rc);
		return rc;
	}
	if (c->p.verbose)
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

int dev_offline_memory(const struct device_cmd *c, struct daxctl_dev *dev)
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
		report_memory_failure(mem, "offline", rc);
		return rc;
	}
	if (c->p.verbose)
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
static int select_devices(const struct device_cmd *c, struct daxctl_ctx *ctx,
			  int nidents, const char **idents,
			  struct selection *sel)
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
		if (!region_selected(region, c->p.region))
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

	if (c->p.region && !sel->any_region) {
		fprintf(stderr, "error: no such region: %s\n", c->p.region);
		return -ENXIO;
	}
	for (i = 0; i < nidents; i++) {
		if (sel->matched[i])
			continue;
		if (strcmp(idents[i], "all") == 0)
			continue;
		if (c->p.region)
			fprintf(stderr, "error: no such device in region %s: %s\n",
				c->p.region, idents[i]);
		else
			fprintf(stderr, "error: no such device: %s\n",
				idents[i]);
		rc = -ENXIO;
	}
	return rc;
}

/*
 * Run @fn on every selected device.  The exit status is the failure of
 * any device (the reference's saved_rc, fix f533bd7), or ENXIO when
 * nothing matched; a device that needed no change returns 1, which is
 * the status when no device failed.
 */
static int for_each_device(const struct device_cmd *c, struct daxctl_ctx *ctx,
			   int nidents, const char **idents, dev_action_fn fn,
			   bool want_json, int *processed)
{
	struct json_object *jdevs = NULL;
	struct selection sel;
	int i, rc, saved_rc = 0, sel_rc;

	*processed = 0;
	sel_rc = select_devices(c, ctx, nidents, idents, &sel);
	if (sel_rc == -ENOMEM) {
		selection_free(&sel);
		return sel_rc;
	}
	if (want_json)
		jdevs = json_object_new_array();

	for (i = 0; i < sel.ndevs; i++) {
		rc = fn(c, sel.devs[i], jdevs);
		if (rc == 0)
			(*processed)++;
		else if (rc < 0 || saved_rc >= 0)
			saved_rc = saved_rc < 0 ? saved_rc : rc;
	}
	selection_free(&sel);

	if (jdevs) {
		if (json_object_array_length(jdevs))
			daxctl_json_display_array(stdout, jdevs, c->json_flags);
		else
			json_object_put(jdevs);
	}
	if (sel_rc < 0)
		return sel_rc;
	if (!sel.ndevs)
		return -ENXIO;
	return saved_rc;
}

void json_add_dev(const struct device_cmd *c, struct json_object *jdevs,
		  struct daxctl_dev *dev)
{
	struct json_object *jdev;

	if (!jdevs)
		return;
	jdev = daxctl_dev_to_json(dev, c->json_flags);
	if (jdev)
		json_object_array_add(jdevs, jdev);
}


/* ---- parsed option values ------------------------------------------- */

int parse_sizes(struct device_cmd *c)
{
	int rc;

	if (c->p.size) {
		rc = parse_size_arg("--size", c->p.size, &c->opt.size);
		if (rc)
			return rc;
		c->opt.have_size = true;
	}
	if (c->p.align) {
		rc = parse_size_arg("--align", c->p.align, &c->opt.align);
		if (rc)
			return rc;
		if (c->opt.align > ULONG_MAX) {
			fprintf(stderr, "error: --align: invalid alignment '%s': too large\n",
				c->p.align);
			return -EINVAL;
		}
		c->opt.have_align = true;
	}
	return 0;
}


/* A transaction on @dev's region with @dev saved, or NULL. */
struct daxctl_txn *dev_change_begin(struct daxctl_dev *dev)
{
	struct daxctl_txn *txn = change_begin(daxctl_dev_get_region(dev));

	if (txn && change_save(txn, dev)) {
		daxctl_txn_free(txn);
		return NULL;
	}
	return txn;
}



/*
 * Memory commands act on system-ram devices, status commands on devdax
 * ones; the reference refuses the other mode with these exact words.
 */
int require_mode(struct daxctl_dev *dev, bool want_memory)
{
	if (!!daxctl_dev_get_memory(dev) == want_memory)
		return 0;
	fprintf(stderr, "%s: %s\n", daxctl_dev_get_devname(dev),
		want_memory ? "memory operations are not applicable in devdax mode"
			    : "status operations are only applicable in devdax mode");
	return -ENXIO;
}

/* ---- command line ----------------------------------------------------- */

void device_cmd_init(struct device_cmd *c)
{
	memset(c, 0, sizeof(*c));
	c->opt.mode = DAXCTL_DEV_MODE_UNKNOWN;
}

/*
 * Parse the command line into @c.  Returns the number of device
 * arguments left in argv (their basenames, so /dev/dax0.0 works), or
 * PARSE_OPT_USAGE after the usage when the command line is wrong, which
 * the caller returns.  @action names what a device is wanted for; NULL: the
 * command takes no device argument.
 */
int device_parse_options(struct device_cmd *c, int argc, const char **argv,
			 const struct option *options, const char *const *u,
			 const char *action, struct daxctl_ctx *ctx)
{
	int i, bad = 0;

	argc = parse_options(argc, argv, options, u, 0);
	if (argc < 0)
		return argc;

	if (!action) {
		for (i = 0; i < argc; i++) {
			fprintf(stderr, "unknown extra parameter \"%s\"\n",
				argv[i]);
			bad = 1;
		}
	} else if (argc == 0) {
		fprintf(stderr, "specify a device to %s, or \"all\"\n", action);
		bad = 1;
	}
	if (bad)
		return usage_with_options(u, options);

	for (i = 0; i < argc; i++) {
		const char *slash = strrchr(argv[i], '/');

		if (slash && slash[1])
			argv[i] = slash + 1;
	}

	if (c->p.verbose)
		daxctl_set_log_priority(ctx, LOG_DEBUG);
	progress_setup(ctx, c->p.verbose);
	if (c->p.human)
		c->json_flags |= DAXCTL_JSON_HUMAN;
	return argc;
}

int finish(int rc, const char *errfmt, const char *donefmt, int processed)
{
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", errfmt, strerror(-rc));
	fprintf(stderr, "%s %d device%s\n", donefmt, processed,
		processed == 1 ? "" : "s");
	return rc;
}


/* Lock, act on every selected device, unlock, print the summary. */
int run_on_devices(const struct device_cmd *c, struct daxctl_ctx *ctx,
		   const char *cmd, int n, const char **idents,
		   dev_action_fn fn, bool want_json, const char *errfmt,
		   const char *donefmt)
{
	struct daxctl_txn *locks = NULL;
	int processed = 0, rc;

	rc = check_root(ctx, cmd);
	/* a region another daxctl keeps busy: one line, nothing touched */
	if (!rc)
		rc = command_lock(ctx, cmd, c->p.region, n, idents, &locks);
	if (rc)
		return rc;
	rc = for_each_device(c, ctx, n, idents, fn, want_json, &processed);
	command_unlock(locks);
	return finish(rc, errfmt, donefmt, processed);
}
