// SPDX-License-Identifier: LGPL-2.1-only
/*
 * txn-example: carve N devices of one size out of a region, all or none,
 * with the libdaxctl transaction API (man libdaxctl-txn).
 *
 *   txn-example REGION_ID COUNT SIZE_MIB
 *
 * Each device is created by writing the region's 'create' attribute,
 * sized, and bound to device_dax.  If any step fails, the transaction puts
 * the region back as it was and lists whatever it could not restore.
 * Exit status: 0 when all COUNT devices exist, 1 when the change was
 * rolled back cleanly, 2 when something remains changed, 3 on bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* installed as <daxctl/libdaxctl.h>; this is the source tree's path */
#include <libdaxctl/libdaxctl.h>

static struct daxctl_region *find_region(struct daxctl_ctx *ctx, int id)
{
	struct daxctl_region *region;

	daxctl_region_foreach(ctx, region)
		if (daxctl_region_get_id(region) == id)
			return region;
	return NULL;
}

/* One device of @size bytes from the region's seed. */
static int carve(struct daxctl_txn *txn, struct daxctl_region *region,
		 unsigned long long size)
{
	struct daxctl_dev *dev;
	int rc;

	rc = daxctl_region_create_dev(region);
	if (rc)
		return rc;
	daxctl_region_rescan(region);
	dev = daxctl_region_get_dev_seed(region);
	if (!dev)
		return -ENXIO;
	/* a no-op for a device the transaction created, which a rollback
	 * deletes; a device that existed before is put back as it was */
	rc = daxctl_txn_save_dev(txn, dev);
	if (!rc)
		rc = daxctl_dev_set_size(dev, size);
	if (!rc)
		rc = daxctl_dev_enable_devdax(dev);
	if (!rc)
		printf("created %s\n", daxctl_dev_get_devname(dev));
	return rc;
}

static int undo(struct daxctl_txn *txn, int why)
{
	struct daxctl_txn_entry *e;
	int left;

	fprintf(stderr, "failed: %s; rolling back\n", strerror(-why));
	left = daxctl_txn_rollback(txn);
	for (e = daxctl_txn_remainder_get_first(txn); e;
	     e = daxctl_txn_entry_get_next(e))
		fprintf(stderr, "%s: %s\n", daxctl_txn_entry_get_devname(e),
			daxctl_txn_entry_get_text(e));
	if (left == 0)
		fprintf(stderr, "region restored (%d changes undone)\n",
			daxctl_txn_get_undone(txn));
	return left == 0 ? 1 : 2;
}

int main(int argc, char **argv)
{
	struct daxctl_region *region;
	struct daxctl_txn *txn = NULL;
	struct daxctl_ctx *ctx;
	unsigned long long size;
	int i, count, rc, status = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: %s REGION_ID COUNT SIZE_MIB\n", argv[0]);
		return 3;
	}
	count = atoi(argv[2]);
	size = strtoull(argv[3], NULL, 10) << 20;
	if (count < 1 || count > 64 || !size) {
		fprintf(stderr, "COUNT must be 1 to 64, SIZE_MIB above 0\n");
		return 3;
	}
	rc = daxctl_new(&ctx);
	if (rc) {
		fprintf(stderr, "daxctl_new: %s\n", strerror(-rc));
		return 3;
	}
	region = find_region(ctx, atoi(argv[1]));
	if (!region) {
		fprintf(stderr, "no region %s\n", argv[1]);
		daxctl_unref(ctx);
		return 3;
	}

	rc = daxctl_txn_new(ctx, &txn);
	if (!rc)
		rc = daxctl_txn_add_region(txn, region);
	/* wait up to 10 s for another daxctl or library user to finish */
	if (!rc)
		rc = daxctl_txn_begin(txn, 10000);
	if (rc) {
		fprintf(stderr, "cannot begin: %s\n", strerror(-rc));
		status = 3;
		goto out;
	}
	for (i = 0; i < count && !rc; i++)
		rc = carve(txn, region, size);
	if (rc)
		status = undo(txn, rc);
	else
		daxctl_txn_commit(txn);
out:
	daxctl_txn_free(txn);
	daxctl_unref(ctx);
	return status;
}
