// SPDX-License-Identifier: GPL-2.0-only
/*
 * save-layout / apply-layout: write a region's sub-division to JSON and
 * re-create it exactly.
 *
 *   daxctl save-layout [-r <region>] [-o <file>]
 *   daxctl apply-layout [-r <region>] [-f] [-v] [-n] <file>
 *
 * The layout records, per region, every device (idle ones included) with
 * its name, alignment, its physical ranges in page-offset order, its mode,
 * and for system-ram devices which memory blocks are online and in which
 * zone.  apply-layout rebuilds the devices through the 'mapping'
 * attribute, so each gets the same physical ranges, not just the same
 * size, then binds the drivers and onlines the same blocks.
 *
 * apply-layout is idempotent: a device that already matches is not
 * touched, so applying a layout twice writes nothing the second time.
 * The file is read and checked completely, then libdaxctl checks it
 * against the machine, before the first write; the change runs in one
 * transaction over every region of the layout, so a failure part way
 * puts every region back, and whatever cannot be restored is reported
 * device by device.  --dry-run prints the plan: exit 0 when the regions
 * are already as described, 1 when they would change.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include <json-c/json.h>
#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "change.h"
#include "device.h"
#include "filter.h"
#include "layout-json.h"
#include "parse-options.h"

struct layout_opts {
	const char *region;
	const char *output;
	bool force;
	bool verbose;
	bool dry_run;
};

/* ---- commands -------------------------------------------------------- */

/* Capture the regions -r selects into @layout: how many, or -errno. */
static int capture_regions(struct daxctl_ctx *ctx, const char *filter,
			   struct daxctl_layout *layout)
{
	struct daxctl_region *region;
	int rc, n = 0;

	daxctl_region_foreach(ctx, region) {
		if (!daxctl_filter_region(region, filter))
			continue;
		rc = daxctl_layout_capture(layout, region);
		if (rc)
			return rc;
		n++;
	}
	return n;
}

/* The JSON document save-layout writes; 0 or -errno. */
static int layout_to_json(struct daxctl_layout *layout,
			  struct json_object **out)
{
	struct json_object *jroot = json_object_new_object();
	struct json_object *jregions = json_object_new_array();
	int i, id, rc = 0;

	json_object_object_add(jroot, "version",
			       json_object_new_int(LAYOUT_VERSION));
	json_object_object_add(jroot, "regions", jregions);
	for (i = 0; !rc && (id = daxctl_layout_get_region_id(layout, i)) >= 0;
	     i++) {
		struct lregion lr;

		rc = lregion_from_layout(layout, id, &lr);
		if (!rc)
			json_object_array_add(jregions, lregion_to_json(&lr));
		lregion_free(&lr);
	}
	if (rc) {
		json_object_put(jroot);
		return rc;
	}
	*out = jroot;
	return 0;
}

static int write_json(struct json_object *jroot, const char *output)
{
	FILE *f = output ? fopen(output, "w") : stdout;
	int rc;

	if (!f) {
		rc = -errno;
		fprintf(stderr, "error: %s: %s\n", output, strerror(-rc));
		return rc;
	}
	fprintf(f, "%s\n",
		json_object_to_json_string_ext(
			jroot, JSON_C_TO_STRING_PRETTY |
				       JSON_C_TO_STRING_NOSLASHESCAPE));
	if (f != stdout && fclose(f)) {
		rc = -errno;
		fprintf(stderr, "error: %s: %s\n", output, strerror(-rc));
		return rc;
	}
	return 0;
}

int cmd_save_layout(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = { "daxctl save-layout [<options>]", NULL };
	struct layout_opts o = { 0 };
	const struct option options[] = {
		OPT_STRING('r', "region", &o.region, "region-id",
			   "save this region only"),
		OPT_STRING('o', "output", &o.output, "file",
			   "write the layout here instead of stdout"),
		OPT_END(),
	};
	struct daxctl_layout *layout = NULL;
	struct json_object *jroot = NULL;
	int i, rc;

	argc = parse_options(argc, argv, options, u, 0);
	if (argc < 0)
		return argc;
	for (i = 0; i < argc; i++) {
		fprintf(stderr, "unknown extra parameter \"%s\"\n", argv[i]);
		return usage_with_options(u, options);
	}

	/* the mappingN attributes are mode 0400 */
	rc = check_root(ctx, "save-layout");
	if (rc)
		return rc;

	rc = daxctl_layout_new(ctx, &layout);
	if (!rc)
		rc = capture_regions(ctx, o.region, layout);
	if (rc == 0) {
		fprintf(stderr, "error: no such region: %s\n",
			o.region ? o.region : "(none found)");
		rc = -ENXIO;
	}
	if (rc > 0)
		rc = layout_to_json(layout, &jroot);
	if (!rc)
		rc = write_json(jroot, o.output);
	json_object_put(jroot);
	daxctl_layout_free(layout);
	if (rc < 0)
		fprintf(stderr, "error saving layout: %s\n", strerror(-rc));
	return rc;
}

/*
 * Keep, at the front of @regions, the regions of the layout that the
 * command applies: those -r selects that exist here; a region of the
 * layout absent here is an error unless -r leaves it out.  *@n becomes
 * their number (the others are freed); 0 or -errno after a message.
 */
static int select_regions(struct daxctl_ctx *ctx, const char *filter,
			  struct lregion *regions, int *n)
{
	int i, k = 0, rc = 0;

	for (i = 0; i < *n; i++) {
		struct daxctl_region *region, *found = NULL;

		daxctl_region_foreach(ctx, region)
			if (daxctl_region_get_id(region) == regions[i].id)
				found = region;
		if (rc || (filter && (!found ||
				      !daxctl_filter_region(found, filter)))) {
			lregion_free(&regions[i]);
			continue;
		}
		if (!found) {
			fprintf(stderr, "error: no such region: %d\n",
				regions[i].id);
			lregion_free(&regions[i]);
			rc = -ENXIO;
			continue;
		}
		regions[k++] = regions[i];
	}
	*n = k;
	if (!rc && !k) {
		fprintf(stderr, "error: no such region in the layout: %s\n",
			filter ? filter : "(empty layout)");
		rc = -ENXIO;
	}
	return rc;
}

static int print_plan(struct daxctl_txn *txn)
{
	struct daxctl_txn_entry *e;
	int n = 0;

	for (e = daxctl_txn_plan_get_first(txn); e;
	     e = daxctl_txn_entry_get_next(e), n++)
		printf("%s: %s\n", daxctl_txn_entry_get_devname(e),
		       daxctl_txn_entry_get_text(e));
	return n;
}

/* After a failed apply: put every region back, say what could not be. */
static void undo_layout(struct daxctl_txn *txn)
{
	int rc = daxctl_txn_rollback(txn), undone;

	undone = daxctl_txn_get_undone(txn);
	if (rc == 0 && undone)
		fprintf(stderr, "applying the layout failed part way: previous layout restored (%d change%s undone)\n",
			undone, undone == 1 ? "" : "s");
	if (rc > 0) {
		print_remainder(txn);
		fprintf(stderr, "could not restore the previous layout: the devices listed above remain changed\n");
	} else if (rc < 0) {
		fprintf(stderr, "could not restore the previous layout: %s\n",
			strerror(-rc));
	}
}

/* Lock, check, apply (or plan); the number of changes, or -errno. */
static int apply_layout(struct daxctl_ctx *ctx, struct daxctl_layout *layout,
			const struct layout_opts *o)
{
	unsigned int flags = (o->force ? DAXCTL_LAYOUT_FORCE : 0) |
			     (o->dry_run ? DAXCTL_LAYOUT_DRY_RUN : 0);
	struct daxctl_txn *txn;
	int rc;

	rc = daxctl_txn_new(ctx, &txn);
	if (rc)
		return rc;
	rc = daxctl_txn_add_layout(txn, layout);
	if (rc == -ENXIO)
		fprintf(stderr, "error: %s\n", daxctl_txn_get_reason(txn));
	if (!rc)
		rc = command_lock_txn(txn, "apply-layout");
	if (rc) {
		daxctl_txn_free(txn);
		return rc;
	}
	rc = daxctl_txn_apply_layout(txn, layout, flags);
	if (rc < 0) {
		fprintf(stderr, "error: %s\n", daxctl_txn_get_reason(txn) ?
				daxctl_txn_get_reason(txn) : strerror(-rc));
		undo_layout(txn);
	} else {
		if (o->dry_run)
			print_plan(txn);
		daxctl_txn_commit(txn);
	}
	daxctl_txn_free(txn);
	return rc;
}

int cmd_apply_layout(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = { "daxctl apply-layout <file> [<options>]",
				  NULL };
	struct layout_opts o = { 0 };
	const struct option options[] = {
		OPT_STRING('r', "region", &o.region, "region-id",
			   "apply this region of the layout only"),
		OPT_BOOLEAN('f', "force", &o.force,
			    "reconfigure enabled devices (offlines their memory)"),
		OPT_BOOLEAN('n', "dry-run", &o.dry_run,
			    "print the changes, make none (exit 1: would change)"),
		OPT_BOOLEAN('v', "verbose", &o.verbose,
			    "emit more debug messages"),
		OPT_END(),
	};
	struct daxctl_layout *layout = NULL;
	struct lregion *regions = NULL;
	int i, n = 0, rc;

	argc = parse_options(argc, argv, options, u, 0);
	if (argc < 0)
		return argc;
	if (argc != 1) {
		if (argc == 0)
			fprintf(stderr, "specify a layout file to apply\n");
		for (i = 1; i < argc; i++)
			fprintf(stderr, "unknown extra parameter \"%s\"\n",
				argv[i]);
		return usage_with_options(u, options);
	}
	if (o.verbose)
		daxctl_set_log_priority(ctx, LOG_DEBUG);

	rc = check_root(ctx, "apply-layout");
	if (!rc)
		rc = layout_read(argv[0], &regions, &n);
	if (!rc)
		rc = select_regions(ctx, o.region, regions, &n);
	if (!rc)
		rc = daxctl_layout_new(ctx, &layout);
	if (!rc) {
		rc = lregions_to_layout(regions, n, layout);
		if (rc)
			fprintf(stderr, "error: %s: malformed layout: %s\n",
				argv[0], strerror(-rc));
	}
	if (!rc)
		rc = apply_layout(ctx, layout, &o);
	daxctl_layout_free(layout);
	layout_regions_free(regions, n);

	if (rc < 0) {
		fprintf(stderr, "error applying layout: %s\n", strerror(-rc));
		return rc;
	}
	if (o.dry_run) {
		fprintf(stderr, "%s: %d change%s\n",
			rc ? "the layout would change" : "already as described", rc,
			rc == 1 ? "" : "s");
		return rc ? 1 : 0;
	}
	fprintf(stderr, "applied layout to %d region%s (%d change%s)\n", n,
		n == 1 ? "" : "s", rc, rc == 1 ? "" : "s");
	return 0;
}
