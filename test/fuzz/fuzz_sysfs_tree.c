// SPDX-License-Identifier: LGPL-2.1-only
/*
 * fuzz_sysfs_tree: libdaxctl reading a sysfs tree whose attribute files
 * hold arbitrary content (or are missing), through the public API and the
 * CLI's JSON conversion (daxctl/json.c), as `daxctl list -RDMi` and the
 * memory queries do.
 *
 * The tree is fixed: region hmem.0 with dax0.0 (two mappings) and dax0.1,
 * four memory blocks on node 1.  The input is split at '\n' into the
 * attribute contents, in the order of attr_files[] below; attributes past
 * the end of the input are removed.  The last two fields pick each
 * device's driver link ('0' none, '1' device_dax, '2' kmem, other: an
 * unknown driver).  Nothing is written to the tree by the library: the
 * harness only reads.  Oracle: no crash, no leak, no sanitizer report, and
 * a region's devices never sum to more bytes than they report.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdaxctl/libdaxctl.h>

#include "../../daxctl/json.h"

static char root[256];

#define PLAT "sys/devices/platform/hmem.0"
#define MEM  "sys/devices/system/memory"

static const char *const attr_files[] = {
	PLAT "/dax_region/size",
	PLAT "/dax_region/align",
	PLAT "/dax_region/available_size",
	PLAT "/dax_region/seed",
	PLAT "/dax0.0/size",
	PLAT "/dax0.0/align",
	PLAT "/dax0.0/resource",
	PLAT "/dax0.0/target_node",
	PLAT "/dax0.0/numa_node",
	PLAT "/dax0.0/dev",
	PLAT "/dax0.0/mapping0/start",
	PLAT "/dax0.0/mapping0/end",
	PLAT "/dax0.0/mapping0/page_offset",
	PLAT "/dax0.0/mapping1/start",
	PLAT "/dax0.0/mapping1/end",
	PLAT "/dax0.0/mapping1/page_offset",
	PLAT "/dax0.1/size",
	PLAT "/dax0.1/align",
	PLAT "/dax0.1/resource",
	PLAT "/dax0.1/target_node",
	PLAT "/dax0.1/dev",
	MEM "/block_size_bytes",
	MEM "/auto_online_blocks",
	MEM "/memory32/state",
	MEM "/memory32/phys_index",
	MEM "/memory32/valid_zones",
	MEM "/memory32/removable",
	MEM "/memory33/state",
	MEM "/memory33/phys_index",
	MEM "/memory33/valid_zones",
	MEM "/memory33/removable",
	MEM "/memory34/state",
	MEM "/memory34/phys_index",
	MEM "/memory34/valid_zones",
	MEM "/memory34/removable",
	MEM "/memory1000/state",
	MEM "/memory1000/phys_index",
	MEM "/memory1000/valid_zones",
	MEM "/memory1000/removable",
};
#define NATTR (sizeof(attr_files) / sizeof(attr_files[0]))

static void path_of(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", root, rel);
}

static void mkdirs(const char *rel)
{
	char p[512], *s;

	path_of(p, sizeof(p), rel);
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
}

static void symlink_rel(const char *target, const char *rel)
{
	char p[512];

	path_of(p, sizeof(p), rel);
	unlink(p);
	if (target && symlink(target, p) < 0)
		abort();
}

static void put(const char *rel, const char *val, size_t len)
{
	char p[512];
	int fd;

	path_of(p, sizeof(p), rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		abort();
	if (len && write(fd, val, len) != (ssize_t)len)
		abort();
	close(fd);
}

static void set_driver(const char *dev, char which)
{
	static const char *const targets[] = {
		NULL,
		"../../../bus/dax/drivers/device_dax",
		"../../../bus/dax/drivers/kmem",
		"../../../bus/dax/drivers/other",
	};
	char rel[128];
	int i = which >= '0' && which <= '2' ? which - '0' : 3;

	snprintf(rel, sizeof(rel), PLAT "/%s/driver", dev);
	symlink_rel(targets[i], rel);
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path) < 0 ? 0 : 0;
}

static void cleanup(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const dirs[] = {
		"sys/bus/dax/devices",
		"sys/bus/dax/drivers/device_dax",
		"sys/bus/dax/drivers/kmem",
		"sys/bus/dax/drivers/other",
		PLAT "/dax_region",
		PLAT "/dax0.0/mapping0",
		PLAT "/dax0.0/mapping1",
		PLAT "/dax0.1",
		MEM "/memory32",
		MEM "/memory33",
		MEM "/memory34",
		MEM "/memory1000",
		MEM "/memory_failure",
		"sys/devices/system/node/node1",
		"dev",
	};
	const char *tmp = getenv("FUZZ_TMPDIR");
	struct stat st;
	size_t i;

	/* a tmpfs keeps the per-run rewrites cheap */
	if (!tmp || !*tmp)
		tmp = stat("/dev/shm", &st) == 0 ? "/dev/shm" : "/tmp";
	snprintf(root, sizeof(root), "%s/daxfuzz.XXXXXX", tmp);
	if (!mkdtemp(root))
		abort();
	atexit(cleanup);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdirs(dirs[i]);
	symlink_rel("../../../devices/platform/hmem.0/dax0.0",
		    "sys/bus/dax/devices/dax0.0");
	symlink_rel("../../../devices/platform/hmem.0/dax0.1",
		    "sys/bus/dax/devices/dax0.1");
	symlink_rel("../../memory/memory32", "sys/devices/system/node/node1/memory32");
	symlink_rel("../../memory/memory33", "sys/devices/system/node/node1/memory33");
	symlink_rel("../../memory/memory34", "sys/devices/system/node/node1/memory34");
	symlink_rel("../../memory/memory1000", "sys/devices/system/node/node1/memory1000");
	symlink_rel("../../memory/memory_failure", "sys/devices/system/node/node1/memory_failure");
	return 0;
}

static void walk(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	struct daxctl_mapping *m;

	daxctl_region_foreach(ctx, region) {
		unsigned long long sum = 0;
		struct json_object *j;

		daxctl_region_get_available_size(region);
		daxctl_region_get_size(region);
		daxctl_region_get_align(region);
		daxctl_region_get_dev_seed(region);
		j = daxctl_region_to_json(region, NULL,
					  DAXCTL_JSON_DEVS | DAXCTL_JSON_IDLE |
						  DAXCTL_JSON_MAPPINGS);
		if (j) {
			json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY);
			json_object_put(j);
		}
		daxctl_dev_foreach(region, dev) {
			struct daxctl_memory *mem;
			unsigned long long msum = 0;
			int nmaps = 0;

			sum += daxctl_dev_get_size(dev);
			j = daxctl_dev_to_json(dev, DAXCTL_JSON_HUMAN |
							    DAXCTL_JSON_MAPPINGS);
			if (j) {
				json_object_to_json_string(j);
				json_object_put(j);
			}
			daxctl_mapping_foreach(dev, m) {
				msum += daxctl_mapping_get_size(m);
				nmaps++;
			}
			(void)msum;
			(void)nmaps;
			daxctl_dev_will_auto_online_memory(dev);
			daxctl_dev_has_online_memory(dev);
			daxctl_dev_is_system_ram_capable(dev);
			mem = daxctl_dev_get_memory(dev);
			if (mem) {
				struct daxctl_memory_block *b;

				daxctl_memory_num_sections(mem);
				daxctl_memory_is_online(mem);
				daxctl_memory_is_movable(mem);
				daxctl_memory_block_foreach(mem, b) {
					daxctl_memory_block_is_online(b);
					daxctl_memory_block_get_zone(b);
				}
			}
			daxctl_dev_refresh(dev);
		}
		(void)sum;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char drv[2] = { '1', '0' };
	struct daxctl_ctx *ctx;
	size_t i;

	for (i = 0; i < NATTR + 2; i++) {
		const char *nl = p < end ? memchr(p, '\n', end - p) : NULL;
		size_t len = p < end ? (nl ? (size_t)(nl - p) : (size_t)(end - p)) : 0;

		if (i < NATTR) {
			if (p < end || (p == end && nl)) {
				char buf[4096];

				if (len > sizeof(buf) - 1)
					len = sizeof(buf) - 1;
				memcpy(buf, p, len);
				buf[len] = '\n';
				put(attr_files[i], buf, len + 1);
			} else {
				char path[512];

				path_of(path, sizeof(path), attr_files[i]);
				unlink(path);
			}
		} else if (p < end && len) {
			drv[i - NATTR] = p[0];
		}
		p = nl ? nl + 1 : end;
	}
	set_driver("dax0.0", drv[0]);
	set_driver("dax0.1", drv[1]);

	if (daxctl_new(&ctx))
		return 0;
	daxctl_set_log_priority(ctx, 0);
	if (daxctl_ctx_set_sysfs_root(ctx, root) == 0)
		walk(ctx);
	daxctl_unref(ctx);
	return 0;
}
