// SPDX-License-Identifier: GPL-2.0-only
/*
 * recover: settle what a daxctl killed part way (SIGKILL, OOM, a crash)
 * left half done.  Its journal under /run/daxctl/journal says what each
 * device was before; the other mutating commands refuse such a region
 * until this one has run.
 *
 *   daxctl recover [-r <region>] [--keep] [-v]
 *
 * Without --keep every device is put back as it was before the killed
 * command began, the devices it created are deleted; with --keep they
 * stay as they are.  Either way the journal is forgotten.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "change.h"
#include "device.h"
#include "filter.h"
#include "parse-options.h"

struct recover_opts {
	const char *region;
	bool keep;
	bool verbose;
};

static int print_entries(struct daxctl_txn_entry *e)
{
	int n = 0;

	for (; e; e = daxctl_txn_entry_get_next(e), n++)
		fprintf(stderr, "%s: %s\n", daxctl_txn_entry_get_devname(e),
			daxctl_txn_entry_get_text(e));
	return n;
}

static int recover(struct daxctl_ctx *ctx, const struct recover_opts *o)
{
	struct daxctl_region *region;
	struct daxctl_txn *txn;
	int rc, found;

	rc = daxctl_txn_new(ctx, &txn);
	if (rc)
		return rc;
	daxctl_region_foreach(ctx, region)
		if (daxctl_filter_region(region, o->region) && !rc)
			rc = daxctl_txn_add_region(txn, region);
	if (!rc)
		rc = command_begin(txn, "recover");
	if (rc) {
		daxctl_txn_free(txn);
		return rc;
	}
	found = print_entries(daxctl_txn_interrupted_get_first(txn));
	rc = daxctl_txn_recover(txn, !o->keep);
	if (rc > 0)
		print_remainder(txn);
	if (rc < 0)
		fprintf(stderr, "error: recover: %s\n", strerror(-rc));
	else if (!found)
		fprintf(stderr, "nothing was left part way\n");
	else if (rc == 0)
		fprintf(stderr, "%s %d device%s\n",
			o->keep ? "kept as they are:" : "put back:", found,
			found == 1 ? "" : "s");
	else
		fprintf(stderr, "could not put back the devices listed above\n");
	daxctl_txn_commit(txn);
	daxctl_txn_free(txn);
	return rc > 0 ? -EIO : rc;
}

int cmd_recover(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const char *const u[] = { "daxctl recover [<options>]", NULL };
	struct recover_opts o = { 0 };
	const struct option options[] = {
		OPT_STRING('r', "region", &o.region, "region-id",
			   "recover this region only"),
		OPT_BOOLEAN('k', "keep", &o.keep,
			    "accept the devices as they are, only forget"),
		OPT_BOOLEAN('v', "verbose", &o.verbose,
			    "emit more debug messages"),
		OPT_END(),
	};
	int i, rc;

	argc = parse_options(argc, argv, options, u, 0);
	if (argc < 0)
		return argc;
	for (i = 0; i < argc; i++) {
		fprintf(stderr, "unknown extra parameter \"%s\"\n", argv[i]);
		return usage_with_options(u, options);
	}
	if (o.verbose)
		daxctl_set_log_priority(ctx, LOG_DEBUG);
	rc = check_root(ctx, "recover");
	if (!rc)
		rc = recover(ctx, &o);
	return rc;
}
