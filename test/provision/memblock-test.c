// SPDX-License-Identifier: GPL-2.0-only
/*
 * Library-level test of the system-ram memory API (libdaxctl/memory.c),
 * run by memblock.sh inside the simulator (run-in-sim --root-only, so
 * DAXCTL_SYSFS_ROOT points the library at it).
 *
 * Expects: dax0.1 in system-ram mode, one 256 MiB range, memory offline;
 * dax0.4 in system-ram mode with two discontiguous 256 MiB ranges, memory
 * offline; 128 MiB blocks; DAXSIM_CTL set (fault rules).
 *
 * Prints TAP.
 */
#include "common.h"
#include "tap.h"

static int sim_fail(const char *rule)
{
	const char *ctl = getenv("DAXSIM_CTL");
	char path[4096];
	FILE *f;

	if (!ctl)
		return -1;
	snprintf(path, sizeof(path), "%s/fail", ctl);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%s\n", rule);
	return fclose(f);
}

static int sim_write(const char *rel, const char *val)
{
	const char *root = getenv("DAXCTL_SYSFS_ROOT");
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root ? root : "", rel);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%s\n", val);
	return fclose(f);
}

int main(void)
{
	struct daxctl_memory_block *block;
	struct daxctl_memory *mem;
	struct daxctl_ctx *ctx;
	struct daxctl_dev *dev, *dev4;
	unsigned long ids[8];
	int n, rc;

	ctx = ctx_from_env();
	if (!ctx)
		return 1;

	dev = dev_by_name(ctx, "dax0.1");
	ok(dev != NULL, "dax0.1 found");
	if (!dev)
		goto out;
	ok(daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM,
	      "dax0.1 in system-ram mode");
	mem = daxctl_dev_get_memory(dev);
	ok(mem != NULL, "memory object");
	if (!mem)
		goto out;
	ok(daxctl_memory_get_dev(mem) == dev, "memory_get_dev");
	ok(daxctl_memory_get_block_size(mem) == 128UL << 20,
	      "block size 128 MiB (%lu)", daxctl_memory_get_block_size(mem));
	ok(daxctl_memory_get_node_path(mem) &&
	      strstr(daxctl_memory_get_node_path(mem), "/node1"),
	      "node path %s", daxctl_memory_get_node_path(mem));
	ok(daxctl_memory_num_sections(mem) == 2, "2 blocks (%d)",
	      daxctl_memory_num_sections(mem));

	n = 0;
	daxctl_memory_block_foreach(mem, block) {
		if (n < 8)
			ids[n] = daxctl_memory_block_get_id(block);
		ok(daxctl_memory_block_get_start(block) ==
			      (unsigned long long)daxctl_memory_block_get_id(block) << 27,
		      "block %lu start", daxctl_memory_block_get_id(block));
		ok(daxctl_memory_block_is_online(block) == 0,
		      "block %lu offline", daxctl_memory_block_get_id(block));
		ok(daxctl_memory_block_get_zone(block) ==
			      DAXCTL_MEMORY_ZONE_UNKNOWN,
		      "offline block has no zone");
		n++;
	}
	ok(n == 2 && ids[0] == 32 && ids[1] == 33,
	      "blocks 32, 33 in address order");
	ok(daxctl_memory_is_online(mem) == 0, "none online");
	ok(daxctl_memory_is_movable(mem) < 0, "is_movable < 0 when offline");
	ok(daxctl_dev_has_online_memory(dev) == 0, "has_online_memory 0");

	rc = daxctl_memory_online(mem);
	ok(rc == 2, "online: 2 blocks (%d)", rc);
	ok(daxctl_memory_is_online(mem) == 2, "2 online");
	ok(daxctl_memory_is_movable(mem) == 1, "movable");
	ok(daxctl_dev_has_online_memory(dev) == 2, "has_online_memory 2");
	block = daxctl_memory_block_get_first(mem);
	ok(daxctl_memory_block_get_zone(block) == DAXCTL_MEMORY_ZONE_MOVABLE,
	      "zone Movable");
	ok(daxctl_memory_online(mem) == 0, "online again: 0 blocks");

	rc = daxctl_memory_offline(mem);
	ok(rc == 2, "offline: 2 blocks (%d)", rc);
	ok(daxctl_memory_offline(mem) == 0, "offline again: 0 blocks");

	rc = daxctl_memory_online_no_movable(mem);
	ok(rc == 2, "online_no_movable: 2 (%d)", rc);
	ok(daxctl_memory_is_movable(mem) == 0, "not movable");
	ok(daxctl_memory_block_get_zone(block) == DAXCTL_MEMORY_ZONE_NORMAL,
	      "zone Normal");
	ok(daxctl_memory_offline(mem) == 2, "offline");

	ok(daxctl_memory_block_online(block, true) == 0, "block online");
	ok(daxctl_memory_block_online(block, true) == 0,
	      "block online again: 0");
	ok(daxctl_memory_block_is_online(block) == 1, "block is online");
	ok(daxctl_memory_block_offline(block) == 0, "block offline");
	ok(daxctl_memory_block_offline(block) == 0, "block offline again: 0");

	/* all or nothing: the second block refuses, the first goes back */
	if (sim_fail("/sys/devices/system/memory/memory33/state:1:EIO") == 0) {
		rc = daxctl_memory_online(mem);
		ok(rc == -EIO, "online with a refusing block: -EIO (%d)", rc);
		ok(daxctl_memory_is_online(mem) == 0,
		      "online rolled back: none online");
		sim_fail("clear");
		ok(daxctl_memory_online(mem) == 2, "online");
		sim_fail("/sys/devices/system/memory/memory32/state:1:EBUSY");
		rc = daxctl_memory_offline(mem);
		ok(rc == -EBUSY, "offline with a busy block: -EBUSY (%d)", rc);
		ok(daxctl_memory_is_online(mem) == 2,
		      "offline rolled back: both online");
		ok(daxctl_memory_is_movable(mem) == 1,
		      "rolled back into Movable");
		sim_fail("clear");
		ok(daxctl_memory_offline(mem) == 2, "offline");
	} else {
		printf("# no DAXSIM_CTL: fault cases skipped\n");
	}

	/* a device with two discontiguous ranges: only their blocks */
	dev4 = dev_by_name(ctx, "dax0.4");
	ok(dev4 != NULL, "dax0.4 found");
	if (dev4) {
		struct daxctl_mapping *m;
		int nmaps = 0, inside = 1;

		daxctl_mapping_foreach(dev4, m)
			nmaps++;
		ok(nmaps == 2, "dax0.4 has 2 ranges (%d)", nmaps);
		mem = daxctl_dev_get_memory(dev4);
		ok(mem && daxctl_memory_num_sections(mem) == 4,
		      "dax0.4: 4 blocks");
		daxctl_memory_block_foreach(mem, block) {
			unsigned long long s = daxctl_memory_block_get_start(block);
			int in = 0;

			daxctl_mapping_foreach(dev4, m)
				if (s >= daxctl_mapping_get_start(m) &&
				    s + (128ULL << 20) - 1 <= daxctl_mapping_get_end(m))
					in = 1;
			inside &= in;
		}
		ok(inside, "every block inside one of the ranges");
	}

	/* the kernel's auto-online policy */
	sim_write("/sys/devices/system/memory/auto_online_blocks", "online_movable");
	ok(daxctl_dev_will_auto_online_memory(dev) == 1, "policy online_movable");
	sim_write("/sys/devices/system/memory/auto_online_blocks", "offline");
	ok(daxctl_dev_will_auto_online_memory(dev) == 0, "policy offline");

	/* devdax devices have no memory object */
	dev = dev_by_name(ctx, "dax0.3");
	ok(dev && daxctl_dev_get_memory(dev) == NULL,
	      "devdax device: no memory object");
	ok(dev && daxctl_dev_has_online_memory(dev) == 0,
	      "devdax device: has_online_memory 0");
out:
	daxctl_unref(ctx);
	return tap_done();
}
