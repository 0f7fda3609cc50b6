// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib-test: libdaxctl's context, iterators and getters against the
 * fixture trees of test/fixtures (see generate.py for what each holds).
 */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include "common.h"
#include "tap.h"

#define SZ_1M (1ULL << 20)
#define SZ_1G (1ULL << 30)

static char root_buf[PATH_MAX];

static const char *fixture(const char *name)
{
	snprintf(root_buf, sizeof(root_buf), "%s/%s", fixtures_dir(), name);
	return root_buf;
}

static void test_ctx(void)
{
	struct daxctl_ctx *ctx;
	int dummy;

	unsetenv("DAXCTL_LOG");
	unsetenv("DAXCTL_SYSFS_ROOT");
	ok(daxctl_new(&ctx) == 0, "daxctl_new");
	is_int(daxctl_get_log_priority(ctx), LOG_ERR, "default log priority");
	ok(strcmp(daxctl_ctx_get_sysfs_root(ctx), "/") == 0,
	   "default sysfs root is /");
	ok(strcmp(daxctl_get_config_path(ctx), DAXCTL_CONF_DIR) == 0,
	   "default config path");
	is_int(daxctl_set_config_path(ctx, NULL), -EINVAL,
	       "set_config_path(NULL)");
	ok(daxctl_set_config_path(ctx, "/tmp/x") == 0 &&
		   strcmp(daxctl_get_config_path(ctx), "/tmp/x") == 0,
	   "set_config_path");
	daxctl_set_userdata(ctx, &dummy);
	ok(daxctl_get_userdata(ctx) == &dummy, "userdata round trip");
	daxctl_set_log_priority(ctx, LOG_DEBUG);
	is_int(daxctl_get_log_priority(ctx), LOG_DEBUG, "set_log_priority");
	ok(daxctl_ref(ctx) == ctx, "daxctl_ref returns the ctx");
	daxctl_unref(ctx);
	ok(daxctl_get_userdata(ctx) == &dummy, "ctx alive after ref+unref");
	daxctl_unref(ctx);

	{
		static const struct {
			const char *env;
			int prio;
		} levels[] = {
			{ "debug", LOG_DEBUG }, { "info", LOG_INFO },
			{ "notice", LOG_NOTICE }, { "err", LOG_ERR },
			{ "5", 5 }, { "junk", LOG_ERR }, { "99", LOG_ERR },
			{ "", LOG_ERR },
		};
		size_t i;

		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
			char what[64];

			setenv("DAXCTL_LOG", levels[i].env, 1);
			if (daxctl_new(&ctx) < 0) {
				ok(0, "daxctl_new");
				continue;
			}
			snprintf(what, sizeof(what), "DAXCTL_LOG=%s",
				 levels[i].env);
			is_int(daxctl_get_log_priority(ctx), levels[i].prio,
			       what);
			daxctl_unref(ctx);
		}
		unsetenv("DAXCTL_LOG");
	}
}

static void test_root(void)
{
	struct daxctl_ctx *ctx;
	char real[PATH_MAX], file[PATH_MAX];

	ok(daxctl_new(&ctx) == 0, "daxctl_new");
	daxctl_set_log_fn(ctx, log_capture);
	is_int(daxctl_ctx_set_sysfs_root(ctx, "relative/dir"), -EINVAL,
	       "relative sysfs root refused");
	is_int(daxctl_ctx_set_sysfs_root(ctx, NULL), -EINVAL,
	       "NULL sysfs root refused");
	is_int(daxctl_ctx_set_sysfs_root(ctx, "/nonexistent/daxctl-root"),
	       -ENOENT, "missing sysfs root refused");
	snprintf(file, sizeof(file), "%s/generate.py", fixtures_dir());
	is_int(daxctl_ctx_set_sysfs_root(ctx, file), -ENOTDIR,
	       "a file as sysfs root refused");
	ok(strcmp(daxctl_ctx_get_sysfs_root(ctx), "/") == 0,
	   "root unchanged after refusals");
	ok(!daxctl_ctx_is_rooted(ctx), "root / is the system's");
	is_int(daxctl_ctx_set_sysfs_root(ctx, fixture("single")), 0,
	       "set_sysfs_root(single)");
	ok(realpath(fixture("single"), real) &&
		   strcmp(daxctl_ctx_get_sysfs_root(ctx), real) == 0,
	   "root is stored resolved");
	ok(daxctl_ctx_is_rooted(ctx), "a root other than / is a test root");
	ok(daxctl_region_get_first(ctx) != NULL, "region found below root");
	is_int(daxctl_ctx_set_sysfs_root(ctx, fixture("single")), -EBUSY,
	       "root cannot change after the first scan");
	daxctl_unref(ctx);

	setenv("DAXCTL_SYSFS_ROOT", "not/absolute", 1);
	ok(daxctl_new(&ctx) < 0, "DAXCTL_SYSFS_ROOT relative: daxctl_new fails");
	setenv("DAXCTL_SYSFS_ROOT", fixture("two-nodes"), 1);
	if (ok(daxctl_new(&ctx) == 0, "DAXCTL_SYSFS_ROOT honoured")) {
		ok(region_by_id(ctx, 1) != NULL, "env root: region1 found");
		daxctl_unref(ctx);
	}
	unsetenv("DAXCTL_SYSFS_ROOT");
	log_reset();
}

/* Names of dax<rid>.N entries of @dir in readdir order. */
static int readdir_devs(const char *dir, int rid, char names[][32], int max)
{
	char prefix[32];
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	snprintf(prefix, sizeof(prefix), "dax%d.", rid);
	while ((de = readdir(d)) && n < max)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			snprintf(names[n++], 32, "%.31s", de->d_name);
	closedir(d);
	return n;
}

static void test_subdivided(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("subdivided"), LOG_ERR);
	struct daxctl_region *region;
	struct daxctl_dev *dev, *d1;
	struct daxctl_mapping *m;
	char names[16][32], path[PATH_MAX], node[PATH_MAX];
	int i, n, order_ok;
	static const struct {
		int id;
		unsigned long long start, end, pgoff;
	} maps[] = { /* dax0.1, in the order they are listed */
		{ 2, 0x310000000ULL, 0x31fffffffULL, 0x20000 },
		{ 1, 0x2a0000000ULL, 0x2afffffffULL, 0x10000 },
		{ 0, 0x280000000ULL, 0x28fffffffULL, 0 },
	};

	if (!ok(ctx != NULL, "subdivided: ctx"))
		return;
	region = daxctl_region_get_first(ctx);
	ok(region && !daxctl_region_get_next(region), "subdivided: one region");
	if (!region)
		goto out;
	is_int(daxctl_region_get_id(region), 0, "region id");
	ok(strcmp(daxctl_region_get_devname(region), "hmem.0") == 0,
	   "region devname hmem.0");
	snprintf(path, sizeof(path), "%s/sys/devices/platform/hmem.0",
		 daxctl_ctx_get_sysfs_root(ctx));
	ok(strcmp(daxctl_region_get_path(region), path) == 0,
	   "region path below the root");
	ok(strcmp(daxctl_region_get_display_path(region), "/platform/hmem.0") ==
		   0,
	   "display path: no root, no /sys/devices");
	ok(daxctl_region_get_ctx(region) == ctx, "region ctx");
	is_u64(daxctl_region_get_size(region), 4 * SZ_1G, "region size");
	is_u64(daxctl_region_get_align(region), 2 * SZ_1M, "region align");
	is_u64(daxctl_region_get_available_size(region), 512 * SZ_1M,
	       "region available_size");
	ok(daxctl_region_get_dev_seed(region) == NULL, "empty seed: no device");
	is_int(count_devs(region), 4, "4 devices");

	/* reverse readdir order, like the peer */
	n = readdir_devs(path, 0, names, 16);
	order_ok = n == 4;
	i = n - 1;
	daxctl_dev_foreach(region, dev) {
		if (i < 0 || strcmp(daxctl_dev_get_devname(dev), names[i]))
			order_ok = 0;
		i--;
	}
	ok(order_ok, "devices in reverse readdir order");

	d1 = dev_by_name(ctx, "dax0.1");
	if (!ok(d1 != NULL, "dax0.1 found"))
		goto out;
	ok(daxctl_dev_get_region(d1) == region, "dev region");
	snprintf(node, sizeof(node), "%s/dev/dax0.1",
		 daxctl_ctx_get_sysfs_root(ctx));
	ok(strcmp(daxctl_dev_get_node_path(d1), node) == 0,
	   "node path below the root");
	is_int(daxctl_dev_open_node(d1, O_PATH), -ENOENT,
	       "no /dev in the tree: open_node -ENOENT");
	ok(daxctl_dev_get_ctx(d1) == ctx, "dev ctx");
	is_int(daxctl_dev_get_id(d1), 1, "dax0.1 id");
	is_int(daxctl_dev_get_major(d1), 252, "dax0.1 major");
	is_int(daxctl_dev_get_minor(d1), 1, "dax0.1 minor");
	is_u64(daxctl_dev_get_size(d1), 768 * SZ_1M, "dax0.1 size");
	is_u64(daxctl_dev_get_resource(d1), 0x280000000ULL, "dax0.1 resource");
	is_u64(daxctl_dev_get_align(d1), 2 * SZ_1M, "dax0.1 align");
	is_int(daxctl_dev_get_target_node(d1), 1, "dax0.1 target_node");
	is_int(daxctl_dev_get_numa_node(d1), 0, "dax0.1 numa_node");
	is_int(daxctl_dev_get_mode(d1), DAXCTL_DEV_MODE_DEVDAX, "dax0.1 mode");
	is_int(daxctl_dev_is_enabled(d1), 1, "dax0.1 enabled");
	is_int(daxctl_dev_is_system_ram_capable(d1), 0, "dax0.1 not ram");
	ok(daxctl_dev_get_memory(d1) == NULL, "devdax: no memory object");
	is_int(count_mappings(d1), 3, "dax0.1 has 3 mappings");
	i = 0;
	daxctl_mapping_foreach(d1, m) {
		char what[64];

		if (i >= 3)
			break;
		snprintf(what, sizeof(what), "mapping #%d id", i);
		is_int(daxctl_mapping_get_id(m), maps[i].id, what);
		snprintf(what, sizeof(what), "mapping%d start", maps[i].id);
		is_u64(daxctl_mapping_get_start(m), maps[i].start, what);
		snprintf(what, sizeof(what), "mapping%d end", maps[i].id);
		is_u64(daxctl_mapping_get_end(m), maps[i].end, what);
		snprintf(what, sizeof(what), "mapping%d page_offset",
			 maps[i].id);
		is_u64(daxctl_mapping_get_offset(m), maps[i].pgoff, what);
		snprintf(what, sizeof(what), "mapping%d size", maps[i].id);
		is_u64(daxctl_mapping_get_size(m), 256 * SZ_1M, what);
		i++;
	}

	dev = dev_by_name(ctx, "dax0.2");
	ok(dev && daxctl_dev_get_align(dev) == SZ_1G, "dax0.2 align 1G");
	dev = dev_by_name(ctx, "dax0.3");
	ok(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_DISABLED,
	   "dax0.3 disabled");
	ok(dev && !daxctl_dev_is_enabled(dev), "dax0.3 not enabled");
	ok(dev && daxctl_dev_get_size(dev) == 256 * SZ_1M, "dax0.3 size");

	/* a rescan keeps the objects of devices that still exist */
	daxctl_region_rescan(region);
	ok(dev_by_name(ctx, "dax0.1") == d1, "rescan keeps dax0.1's object");
	is_int(count_devs(region), 4, "still 4 devices after rescan");
	is_int(daxctl_dev_refresh(d1), 0, "dev_refresh");
	is_int(count_mappings(d1), 3, "3 mappings after refresh");
	ok(log_len == 0, "nothing logged at LOG_ERR");
	if (log_len)
		printf("# log: %s", log_buf);
out:
	daxctl_unref(ctx);
	log_reset();
}

static void test_idle_seed(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("idle-seed"), LOG_ERR);
	struct daxctl_region *region;
	struct daxctl_dev *seed;

	if (!ok(ctx != NULL, "idle-seed: ctx"))
		return;
	region = daxctl_region_get_first(ctx);
	seed = region ? daxctl_region_get_dev_seed(region) : NULL;
	ok(seed && strcmp(daxctl_dev_get_devname(seed), "dax0.1") == 0,
	   "seed is dax0.1");
	if (seed) {
		is_u64(daxctl_dev_get_size(seed), 0, "seed size 0");
		is_int(daxctl_dev_is_enabled(seed), 0, "seed not enabled");
		is_int(count_mappings(seed), 0, "seed has no mappings");
	}
	is_u64(daxctl_region_get_available_size(region), SZ_1G,
	       "available_size 1G");
	daxctl_unref(ctx);
}

static void test_system_ram(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("system-ram"), LOG_ERR);
	struct daxctl_memory_block *block;
	struct daxctl_memory *mem;
	struct daxctl_dev *dev;
	unsigned long id = 32;
	int n = 0, online = 0, ids_ok = 1;

	if (!ok(ctx != NULL, "system-ram: ctx"))
		return;
	dev = dev_by_name(ctx, "dax0.0");
	if (!ok(dev != NULL, "dax0.0 found"))
		goto out;
	is_int(daxctl_dev_get_mode(dev), DAXCTL_DEV_MODE_RAM, "mode RAM");
	is_int(daxctl_dev_is_system_ram_capable(dev), 1, "ram capable");
	mem = daxctl_dev_get_memory(dev);
	if (!ok(mem != NULL, "memory object"))
		goto out;
	ok(daxctl_memory_get_dev(mem) == dev, "memory dev");
	is_u64(daxctl_memory_get_block_size(mem), 128 * SZ_1M, "block size");
	ok(strstr(daxctl_memory_get_node_path(mem),
		  "/sys/devices/system/node/node1") != NULL,
	   "node path");
	is_int(daxctl_memory_num_sections(mem), 8, "8 blocks");
	is_int(daxctl_memory_is_online(mem), 4, "4 online");
	ok(daxctl_memory_is_movable(mem) < 0, "movable unknown (offline block)");
	is_int(daxctl_dev_has_online_memory(dev), 4, "has_online_memory");
	is_int(daxctl_dev_will_auto_online_memory(dev), 0,
	       "auto_online_blocks offline");
	daxctl_memory_block_foreach(mem, block) {
		if (daxctl_memory_block_get_id(block) != id++)
			ids_ok = 0;
		online += daxctl_memory_block_is_online(block) == 1;
		n++;
	}
	is_int(n, 8, "block iterator: 8 blocks");
	ok(ids_ok, "blocks memory32..memory39 in address order");
	is_int(online, 4, "block iterator: 4 online");
out:
	daxctl_unref(ctx);
	log_reset();
}

static void test_two_nodes(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("two-nodes"), LOG_ERR);
	struct daxctl_region *r0, *r1;
	struct daxctl_dev *dev;
	struct daxctl_memory *mem;

	if (!ok(ctx != NULL, "two-nodes: ctx"))
		return;
	r0 = region_by_id(ctx, 0);
	r1 = region_by_id(ctx, 1);
	ok(r0 && r1 && r0 != r1, "two regions");
	ok(r1 && strcmp(daxctl_region_get_devname(r1), "hmem.1") == 0,
	   "region1 is hmem.1");
	dev = dev_by_name(ctx, "dax1.0");
	ok(dev && daxctl_dev_get_target_node(dev) == 3, "dax1.0 on node 3");
	mem = dev ? daxctl_dev_get_memory(dev) : NULL;
	ok(mem != NULL, "dax1.0 memory");
	if (mem) {
		is_int(daxctl_memory_num_sections(mem), 8, "8 blocks");
		is_int(daxctl_memory_is_online(mem), 8, "all online");
		is_int(daxctl_memory_is_movable(mem), 1, "movable");
	}
	dev = dev_by_name(ctx, "dax0.0");
	ok(dev && daxctl_dev_get_target_node(dev) == 1, "dax0.0 on node 1");
	daxctl_unref(ctx);
}

static void test_legacy(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("legacy"), LOG_ERR);
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	if (!ok(ctx != NULL, "legacy: ctx"))
		return;
	region = daxctl_region_get_first(ctx);
	dev = dev_by_name(ctx, "dax0.0");
	if (!ok(region && dev, "legacy: region and device"))
		goto out;
	is_u64(daxctl_dev_get_align(dev), 0, "no align attribute: 0");
	is_int(daxctl_dev_get_target_node(dev), -1, "no target_node: -1");
	is_int(count_mappings(dev), 0, "no mappings");
	is_u64(daxctl_region_get_available_size(region), 0,
	       "no available_size: 0");
	ok(daxctl_region_get_dev_seed(region) == NULL, "no seed");
	ok(log_len == 0, "absent optional attributes are not errors");
out:
	daxctl_unref(ctx);
	log_reset();
}

static void test_new_region(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("single"), LOG_ERR);
	struct daxctl_region *region, *known;
	char path[PATH_MAX];
	uuid_t uu, got;

	if (!ok(ctx != NULL, "new_region: ctx"))
		return;
	known = daxctl_region_get_first(ctx);
	snprintf(path, sizeof(path), "%s/sys/devices/platform/hmem.0",
		 daxctl_ctx_get_sysfs_root(ctx));
	uuid_generate(uu);
	region = daxctl_new_region(ctx, 0, uu, path);
	ok(region && region == known, "new_region of a known path: same");
	daxctl_region_get_uuid(known, got);
	ok(uuid_is_null(got), "scanned region has a null uuid");
	daxctl_unref(ctx);
}

static void test_mode_names(void)
{
	static const enum daxctl_dev_mode modes[] = {
		DAXCTL_DEV_MODE_DISABLED,
		DAXCTL_DEV_MODE_DEVDAX,
		DAXCTL_DEV_MODE_RAM,
	};
	const char *name;
	size_t i;

	ok(strcmp(daxctl_dev_mode_name(DAXCTL_DEV_MODE_RAM), "system-ram") == 0,
	   "mode name system-ram");
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		name = daxctl_dev_mode_name(modes[i]);
		is_int(daxctl_dev_mode_from_name(name), modes[i], name);
	}
	name = daxctl_dev_mode_name(DAXCTL_DEV_MODE_UNKNOWN);
	ok(strcmp(name, "unknown") == 0, "UNKNOWN is named unknown");
	name = daxctl_dev_mode_name((enum daxctl_dev_mode)7);
	ok(strcmp(name, "unknown") == 0, "a mode past the table is unknown");
	is_int(daxctl_dev_mode_from_name("ram"), DAXCTL_DEV_MODE_UNKNOWN,
	       "from_name(\"ram\"): unknown");
	is_int(daxctl_dev_mode_from_name("unknown"), DAXCTL_DEV_MODE_UNKNOWN,
	       "from_name(\"unknown\"): unknown");
	is_int(daxctl_dev_mode_from_name(NULL), DAXCTL_DEV_MODE_UNKNOWN,
	       "from_name(NULL): unknown");
}

/* dax0.1 of the subdivided fixture, as captured: page-offset order. */
static void check_captured_dax01(struct daxctl_layout *layout)
{
	static const unsigned long long want[][2] = {
		{ 0x280000000ULL, 0x28fffffffULL },
		{ 0x2a0000000ULL, 0x2afffffffULL },
		{ 0x310000000ULL, 0x31fffffffULL },
	};
	unsigned long long start, end;
	unsigned long first, last;
	bool movable;
	int i, rc;

	is_int(daxctl_layout_get_dev_mode(layout, 0, 1), DAXCTL_DEV_MODE_DEVDAX,
	       "captured dax0.1 devdax");
	is_u64(daxctl_layout_get_dev_size(layout, 0, 1), 768 * SZ_1M,
	       "captured dax0.1 size");
	is_u64(daxctl_layout_get_dev_align(layout, 0, 1), 2 * SZ_1M,
	       "captured dax0.1 align");
	for (i = 0; i < 3; i++) {
		char what[64];

		snprintf(what, sizeof(what), "captured dax0.1 range %d", i);
		rc = daxctl_layout_get_range(layout, 0, 1, i, &start, &end);
		ok(!rc && start == want[i][0] && end == want[i][1], "%s", what);
	}
	is_int(daxctl_layout_get_range(layout, 0, 1, 3, &start, &end), -ENOENT,
	       "captured dax0.1: no 4th range");
	is_int(daxctl_layout_get_online(layout, 0, 1, 0, &first, &last,
					&movable),
	       -ENOENT, "captured devdax: no online blocks");
	is_int(daxctl_layout_get_memmap_on_memory(layout, 0, 1), -ENOENT,
	       "no memmap_on_memory attribute: the layout does not say");
}

static void test_layout_capture(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("subdivided"), LOG_ERR);
	struct daxctl_ctx *other = ctx_at(fixture("subdivided"), LOG_ERR);
	struct daxctl_layout *layout = NULL;
	struct daxctl_region *region;
	int i, id, ids_ok = 1;

	if (!ok(ctx && other, "layout capture: ctx") ||
	    !ok(daxctl_layout_new(ctx, &layout) == 0, "layout_new"))
		goto out;
	region = daxctl_region_get_first(ctx);
	is_int(daxctl_layout_capture(layout, daxctl_region_get_first(other)),
	       -EINVAL, "capture of another context's region refused");
	is_int(daxctl_layout_get_region_id(layout, 0), -ENOENT,
	       "refused capture left the layout empty");
	is_int(daxctl_layout_capture(layout, region), 0, "capture region0");
	is_int(daxctl_layout_capture(layout, region), -EEXIST,
	       "second capture of region0 refused");
	is_int(daxctl_layout_get_region_id(layout, 0), 0, "region index 0");
	is_int(daxctl_layout_get_region_id(layout, 1), -ENOENT,
	       "one region only");
	is_u64(daxctl_layout_get_region_size(layout, 0), 4 * SZ_1G,
	       "captured region size");
	for (i = 0; (id = daxctl_layout_get_dev_id(layout, 0, i)) >= 0; i++)
		if (id != i)
			ids_ok = 0;
	ok(ids_ok && i == 4, "devices dax0.0..dax0.3 in id order");
	check_captured_dax01(layout);
	is_u64(daxctl_layout_get_dev_align(layout, 0, 2), SZ_1G,
	       "captured dax0.2 align");
	is_int(daxctl_layout_get_dev_mode(layout, 0, 3),
	       DAXCTL_DEV_MODE_DISABLED, "captured dax0.3 disabled");
	is_u64(daxctl_layout_get_dev_size(layout, 0, 3), 256 * SZ_1M,
	       "captured dax0.3 size");
	is_int(daxctl_layout_get_dev_mode(layout, 0, 9),
	       DAXCTL_DEV_MODE_UNKNOWN, "no dax0.9 in the layout");
	is_int(daxctl_layout_get_memmap_on_memory(layout, 1, 0), -EINVAL,
	       "no region1 in the layout");
out:
	daxctl_layout_free(layout);
	daxctl_unref(other);
	daxctl_unref(ctx);
	log_reset();
}

/* A captured system-ram device: one run of online blocks, its zone. */
static void test_layout_capture_ram(void)
{
	struct daxctl_ctx *ctx = ctx_at(fixture("system-ram"), LOG_ERR);
	struct daxctl_layout *layout = NULL;
	unsigned long first = 0, last = 0;
	bool movable = false;

	if (!ok(ctx != NULL, "capture system-ram: ctx") ||
	    !ok(daxctl_layout_new(ctx, &layout) == 0 &&
			daxctl_layout_capture(
				layout, daxctl_region_get_first(ctx)) == 0,
		"capture system-ram region"))
		goto out;
	is_int(daxctl_layout_get_dev_mode(layout, 0, 0), DAXCTL_DEV_MODE_RAM,
	       "captured dax0.0 system-ram");
	ok(daxctl_layout_get_online(layout, 0, 0, 0, &first, &last, &movable) ==
			   0 &&
		   first == 32 && last == 35 && movable,
	   "online blocks 32-35, movable, as one run");
	is_int(daxctl_layout_get_online(layout, 0, 0, 1, &first, &last,
					&movable),
	       -ENOENT, "offline blocks 36-39 not captured");
out:
	daxctl_layout_free(layout);
	daxctl_unref(ctx);
	log_reset();
}

int main(void)
{
	test_ctx();
	test_root();
	test_subdivided();
	test_idle_seed();
	test_system_ram();
	test_two_nodes();
	test_legacy();
	test_new_region();
	test_mode_names();
	test_layout_capture();
	test_layout_capture_ram();
	return tap_done();
}
