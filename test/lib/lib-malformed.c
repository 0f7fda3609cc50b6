// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib-malformed: broken sysfs content (empty files, garbage numbers,
 * missing attributes, unreadable files, dangling links, oversized values)
 * must give a clear log message and a safe value: never a crash and never
 * a wrong number.  Each case mutates a fresh temporary copy of a fixture.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "common.h"
#include "tap.h"

#define SZ_1M (1ULL << 20)
#define SZ_1G (1ULL << 30)

static char tmpdir[PATH_MAX];
static char root[PATH_MAX];
static char dax[PATH_MAX]; /* the region directory of the copy */

static int run(const char *fmt, const char *a, const char *b)
{
	char cmd[3 * PATH_MAX];

	snprintf(cmd, sizeof(cmd), fmt, a, b);
	return system(cmd);
}

/* A fresh copy of fixture @name at root. */
static int fresh(const char *name)
{
	char src[PATH_MAX];

	snprintf(src, sizeof(src), "%s/%s", fixtures_dir(), name);
	snprintf(root, sizeof(root), "%s/%s", tmpdir, name);
	if (run("rm -rf '%s'%s", root, ""))
		return -1;
	if (run("cp -a '%s' '%s'", src, root))
		return -1;
	snprintf(dax, sizeof(dax), "%s/sys/devices/platform/hmem.0", root);
	log_reset();
	return 0;
}

static void put(const char *rel, const char *content)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dax, rel);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, content, strlen(content)) < 0)
		printf("# cannot write %s\n", path);
	if (fd >= 0)
		close(fd);
}

static void drop(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dax, rel);
	unlink(path);
}

/* Unreadable even for root: a directory where a file should be. */
static void make_unreadable(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dax, rel);
	unlink(path);
	mkdir(path, 0755);
}

static struct daxctl_ctx *open_ctx(void)
{
	struct daxctl_ctx *ctx = ctx_at(root, LOG_ERR);

	if (!ctx)
		printf("# cannot open a ctx at %s\n", root);
	return ctx;
}

/* dax0.0/size broken in some way: the device is skipped, others stay */
static void bad_size(const char *content, const char *msg)
{
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	char what[128];

	if (fresh("subdivided") < 0)
		return;
	if (content)
		put("dax0.0/size", content);
	else
		drop("dax0.0/size");
	ctx = open_ctx();
	if (!ctx)
		return;
	region = daxctl_region_get_first(ctx);
	snprintf(what, sizeof(what), "size '%.*s%s': dax0.0 skipped",
		 content ? (int)strcspn(content, "\n") : 9,
		 content ? content : "(missing)",
		 content && strlen(content) > 20 ? "..." : "");
	if (strlen(what) > 60)
		strcpy(what + 40, "...': dax0.0 skipped");
	ok(region && !dev_by_name(ctx, "dax0.0") && count_devs(region) == 3,
	   "%s", what);
	ok(logged(msg) && logged("dax0.0"), "size: logged '%s'", msg);
	if (!logged(msg) || !logged("dax0.0"))
		printf("# log: %s", log_buf);
	daxctl_unref(ctx);
}

static void test_sizes(void)
{
	char big[2100];

	bad_size("", "empty");
	bad_size("\n", "empty");
	bad_size("garbage\n", "not a number");
	bad_size("-5\n", "not a number");
	bad_size(" 12\n", "not a number");
	bad_size("12abc\n", "not a number");
	bad_size("0x\n", "not a number");
	bad_size("99999999999999999999999\n", "out of range");
	memset(big, '0', sizeof(big) - 1);
	big[0] = '1';
	big[sizeof(big) - 1] = '\0';
	bad_size(big, "out of range");
	bad_size(NULL, "size unreadable");

	/* unreadable */
	if (fresh("subdivided") == 0) {
		struct daxctl_ctx *ctx;

		make_unreadable("dax0.0/size");
		ctx = open_ctx();
		if (ctx) {
			ok(!dev_by_name(ctx, "dax0.0"),
			   "unreadable size: dax0.0 skipped");
			ok(logged("read failed"), "unreadable size: logged");
			daxctl_unref(ctx);
		}
	}
}

static void test_optional(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_dev *dev;

	if (fresh("subdivided") < 0)
		return;
	drop("dax0.0/align");
	drop("dax0.0/target_node");
	put("dax0.1/target_node", "abc\n");
	put("dax0.1/numa_node", "");
	put("dax0.2/align", "2M\n");
	put("dax0.2/resource", "0xZZ\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.0");
	ok(dev && daxctl_dev_get_align(dev) == 0, "missing align: 0");
	ok(dev && daxctl_dev_get_target_node(dev) == -1,
	   "missing target_node: -1");
	dev = dev_by_name(ctx, "dax0.1");
	ok(dev && daxctl_dev_get_target_node(dev) == -1,
	   "garbage target_node: -1");
	ok(dev && daxctl_dev_get_numa_node(dev) == -1, "empty numa_node: -1");
	ok(dev && daxctl_dev_get_size(dev) == 768 * SZ_1M,
	   "other attributes of dax0.1 intact");
	dev = dev_by_name(ctx, "dax0.2");
	ok(dev && daxctl_dev_get_align(dev) == 0, "garbage align: 0");
	ok(dev && daxctl_dev_get_resource(dev) == 0, "garbage resource: 0");
	ok(logged("target_node: 'abc' is not a number"),
	   "garbage target_node logged with the path");
	ok(logged("numa_node: empty"), "empty numa_node logged");
	ok(logged("align: '2M' is not a number"), "garbage align logged");
	ok(!logged("dax0.0/align"), "a missing optional attribute is quiet");
	daxctl_unref(ctx);
}

static void test_region(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;

	if (fresh("subdivided") < 0)
		return;
	put("dax_region/size", "bogus\n");
	make_unreadable("dax_region/align");
	put("dax_region/available_size", "1e9\n");
	put("dax_region/seed", "dax0.9\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	region = daxctl_region_get_first(ctx);
	if (ok(region != NULL, "region with broken attributes still listed")) {
		is_u64(daxctl_region_get_size(region), ULLONG_MAX,
		       "garbage region size: ULLONG_MAX");
		is_u64(daxctl_region_get_align(region), ULONG_MAX,
		       "unreadable region align: ULONG_MAX");
		is_u64(daxctl_region_get_available_size(region), 0,
		       "garbage available_size: 0");
		ok(daxctl_region_get_dev_seed(region) == NULL,
		   "seed naming no device: NULL");
		is_int(count_devs(region), 4, "devices unaffected");
	}
	ok(logged("dax_region/size: 'bogus' is not a number"),
	   "region size logged");
	ok(logged("dax_region/available_size: '1e9' is not a number"),
	   "available_size logged");
	daxctl_unref(ctx);
}

static void test_mappings(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_mapping *m;
	struct daxctl_dev *dev;
	int ids[4], n = 0;

	if (fresh("subdivided") < 0)
		return;
	put("dax0.1/mapping1/start", "zz\n");
	put("dax0.1/mapping2/end", "0x1\n"); /* below its start */
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.1");
	if (!ok(dev != NULL, "dax0.1 with broken mappings listed"))
		goto out;
	daxctl_mapping_foreach(dev, m)
		if (n < 4)
			ids[n++] = daxctl_mapping_get_id(m);
	ok(n == 1 && ids[0] == 0, "only the sound mapping0 remains");
	ok(logged("mapping1/start: 'zz' is not a number"),
	   "bad mapping start logged");
	ok(logged("mapping2: end 0x1 below start"), "inverted mapping logged");
out:
	daxctl_unref(ctx);
}

static void test_devnum(void)
{
	struct daxctl_ctx *ctx;

	if (fresh("subdivided") < 0)
		return;
	put("dax0.0/dev", "nonsense\n");
	put("dax0.2/dev", "252:\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	ok(!dev_by_name(ctx, "dax0.0") && !dev_by_name(ctx, "dax0.2"),
	   "bad dev attribute and no /dev node: skipped");
	ok(dev_by_name(ctx, "dax0.1") != NULL, "others still listed");
	ok(logged("'nonsense' is not MAJ:MIN"), "bad dev attribute logged");
	daxctl_unref(ctx);

	/* with a /dev node below the root, stat() supplies the number */
	if (geteuid() == 0 && fresh("subdivided") == 0) {
		char node[PATH_MAX];
		struct daxctl_dev *dev;

		drop("dax0.0/dev");
		snprintf(node, sizeof(node), "%s/dev", root);
		mkdir(node, 0755);
		snprintf(node, sizeof(node), "%s/dev/dax0.0", root);
		if (mknod(node, S_IFCHR | 0600, makedev(252, 9)) == 0) {
			ctx = open_ctx();
			dev = ctx ? dev_by_name(ctx, "dax0.0") : NULL;
			ok(dev && daxctl_dev_get_major(dev) == 252 &&
				   daxctl_dev_get_minor(dev) == 9,
			   "no dev attribute: number from /dev/dax0.0");
			daxctl_unref(ctx);
		} else {
			ok(1, "# SKIP mknod not permitted");
		}
	}
}

/*
 * The character device is opened below the root and through no link: a
 * tree anyone may have written must not send chown or chmod elsewhere.
 */
static void test_node(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_dev *dev;
	char path[PATH_MAX];
	struct stat st;
	int fd;

	if (fresh("subdivided") < 0)
		return;
	snprintf(path, sizeof(path), "%s/dev", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/dev/dax0.0", root);
	close(open(path, O_CREAT | O_WRONLY, 0600));
	snprintf(path, sizeof(path), "%s/dev/dax0.1", root);
	if (symlink("dax0.0", path) < 0)
		printf("# symlink failed\n");
	snprintf(path, sizeof(path), "%s/dev/dax0.2", root);
	if (symlink("/dev/null", path) < 0)
		printf("# symlink failed\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.0");
	fd = dev ? daxctl_dev_open_node(dev, O_PATH) : -1;
	ok(fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode),
	   "open_node: the file below the root");
	if (fd >= 0)
		close(fd);
	dev = dev_by_name(ctx, "dax0.1");
	is_int(dev ? daxctl_dev_open_node(dev, O_PATH) : 0, -ELOOP,
	       "open_node: a link inside the tree is not followed");
	dev = dev_by_name(ctx, "dax0.2");
	is_int(dev ? daxctl_dev_open_node(dev, O_PATH) : 0, -ELOOP,
	       "open_node: a link out of the tree is not followed");
	daxctl_unref(ctx);

	/* a linked directory on the way counts as a link too */
	if (fresh("subdivided") < 0)
		return;
	snprintf(path, sizeof(path), "%s/elsewhere", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/elsewhere/dax0.0", root);
	close(open(path, O_CREAT | O_WRONLY, 0600));
	snprintf(path, sizeof(path), "%s/dev", root);
	if (symlink("elsewhere", path) < 0)
		printf("# symlink failed\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.0");
	is_int(dev ? daxctl_dev_open_node(dev, O_PATH) : 0, -ELOOP,
	       "open_node: a linked /dev is not followed");
	daxctl_unref(ctx);
}

/* ".." enough to climb from any directory of the tree above "/" */
#define CLIMB                                                                  \
	"../../../../../../../../../../../../../../../../../../../../../../"    \
	"../../../../../../../../../../../../../../../../../../../../../../"

/*
 * @rel's link target that climbs above the root and comes back in through
 * the root's own absolute path: lexically below the root again, but the
 * walk left it.
 */
static void climb_back(char *target, size_t size, const char *rel)
{
	char real[PATH_MAX];

	if (!realpath(root, real))
		snprintf(real, sizeof(real), "%s", root);
	snprintf(target, size, "%s%s/%s", CLIMB, real + 1, rel);
}

static void relink(const char *rel, const char *target)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	unlink(path);
	if (symlink(target, path) < 0)
		printf("# symlink failed\n");
}

static int count_regions(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region;
	int n = 0;

	daxctl_region_foreach(ctx, region)
		n++;
	return n;
}

/* No ".." of a link in the tree climbs above the sysfs root. */
static void test_bus_climb(void)
{
	static const char bus_link[] = "sys/bus/dax/devices/dax1.0";
	static const char dev[] = "sys/devices/platform/hmem.1/dax1.0";
	char target[PATH_MAX];
	struct daxctl_ctx *ctx;

	if (fresh("two-nodes") < 0)
		return;
	climb_back(target, sizeof(target), dev);
	relink(bus_link, target);
	ctx = open_ctx();
	if (!ctx)
		return;
	is_int(count_regions(ctx), 1,
	       "bus link out of the root and back in: not followed");
	ok(logged("dax1.0: leads outside the sysfs root"),
	   "bus link out and back: logged");
	daxctl_unref(ctx);

	/* what a chroot would clamp at its top is refused all the same */
	if (fresh("two-nodes") < 0)
		return;
	relink(bus_link, CLIMB "sys/devices/platform/hmem.1/dax1.0");
	ctx = open_ctx();
	if (!ctx)
		return;
	ok(count_regions(ctx) == 1 && !region_by_id(ctx, 1),
	   "bus link with \"..\" above the root: not followed");
	daxctl_unref(ctx);

	/* an absolute link into the tree names the same file: followed */
	if (fresh("two-nodes") < 0)
		return;
	climb_back(target, sizeof(target), dev);
	relink(bus_link, target + strlen(CLIMB) - 1);
	ctx = open_ctx();
	if (!ctx)
		return;
	ok(count_regions(ctx) == 2 && region_by_id(ctx, 1),
	   "absolute bus link below the root: followed");
	daxctl_unref(ctx);
}

static void test_bus(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	char path[PATH_MAX];
	int n = 0;

	if (fresh("two-nodes") < 0)
		return;
	snprintf(path, sizeof(path), "%s/sys/bus/dax/devices/dax5.0", root);
	if (symlink("../../../devices/platform/hmem.5/dax5.0", path) < 0)
		printf("# symlink failed\n");
	snprintf(path, sizeof(path), "%s/sys/bus/dax/devices/daxfoo", root);
	close(open(path, O_CREAT | O_WRONLY, 0644));
	snprintf(path, sizeof(path), "%s/sys/bus/dax/devices/dax1.x", root);
	close(open(path, O_CREAT | O_WRONLY, 0644));
	ctx = open_ctx();
	if (!ctx)
		return;
	daxctl_region_foreach(ctx, region)
		n++;
	is_int(n, 2, "dangling and malformed bus entries ignored");
	ok(logged("dax5.0: cannot resolve"), "dangling bus link logged");
	daxctl_unref(ctx);
	test_bus_climb();
}

static void test_memory(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_dev *dev;
	char path[PATH_MAX];
	int fd;

	if (fresh("system-ram") < 0)
		return;
	snprintf(path, sizeof(path),
		 "%s/sys/devices/system/memory/block_size_bytes", root);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd >= 0) {
		if (write(fd, "zz\n", 3) < 0)
			printf("# write failed\n");
		close(fd);
	}
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.0");
	ok(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM,
	   "system-ram device still listed");
	ok(dev && daxctl_dev_get_memory(dev) == NULL,
	   "garbage block size: no memory object (no wrong counts)");
	ok(logged("block_size_bytes: 'zz' is not a number"),
	   "garbage block size logged");
	daxctl_unref(ctx);

	if (fresh("system-ram") < 0)
		return;
	snprintf(path, sizeof(path), "%s/sys/devices/system/memory/memory33/state",
		 root);
	unlink(path);
	mkdir(path, 0755);
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.0");
	if (dev && daxctl_dev_get_memory(dev)) {
		int online = daxctl_memory_is_online(daxctl_dev_get_memory(dev));

		ok(online == 3 || online < 0,
		   "unreadable block state: not counted online (%d)", online);
		ok(!daxctl_memory_get_failure(daxctl_dev_get_memory(dev)),
		   "no failure text before an online or offline call");
		ok(logged("memory33/state"), "unreadable block state logged");
	} else {
		ok(0, "memory object");
	}
	daxctl_unref(ctx);
}

/*
 * Writes on a plain-file tree: values land in the files and read back; a
 * bind or unbind that the "kernel" ignores is reported, not assumed.
 */
static void test_writes(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	char path[PATH_MAX], buf[64] = "";
	ssize_t n;
	int fd;

	if (fresh("idle-seed") < 0)
		return;
	ctx = open_ctx();
	if (!ctx)
		return;
	region = daxctl_region_get_first(ctx);
	dev = dev_by_name(ctx, "dax0.1");
	if (!ok(region && dev, "writes: idle seed found"))
		goto out;
	is_int(daxctl_dev_set_size(dev, 512 * SZ_1M), 0, "set_size");
	is_u64(daxctl_dev_get_size(dev), 512 * SZ_1M, "size read back");
	snprintf(path, sizeof(path), "%s/dax0.1/size", dax);
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	ok(n == 12 && memcmp(buf, "0x20000000\n", 12) == 0,
	   "size written as hex with newline and NUL");
	is_int(daxctl_dev_set_align(dev, 4096), 0, "set_align");
	is_u64(daxctl_dev_get_align(dev), 4096, "align read back");
	is_int(daxctl_dev_set_mapping(dev, 0x2000, 0x1000), -EINVAL,
	       "set_mapping with end < start: -EINVAL");
	is_int(daxctl_region_create_dev(region), 0, "create_dev");
	is_int(daxctl_region_destroy_dev(region, dev), 0, "destroy_dev");
	/*
	 * A failure returned to the caller is the caller's to report: at
	 * err level the library says nothing of it, at debug it does.
	 */
	log_reset();
	is_int(daxctl_dev_enable_devdax(dev), -ENXIO,
	       "enable ignored by the tree: -ENXIO");
	is_int((int)log_len, 0, "returned enable failure: nothing logged at err");
	daxctl_set_log_priority(ctx, LOG_DEBUG);
	log_reset();
	is_int(daxctl_dev_enable_devdax(dev), -ENXIO, "enable again: -ENXIO");
	ok(logged("dax0.1: failed to enable"), "enable failure logged at debug");
	daxctl_set_log_priority(ctx, LOG_ERR);
	dev = dev_by_name(ctx, "dax0.0");
	log_reset();
	is_int(daxctl_dev_disable(dev), -EBUSY,
	       "unbind ignored by the tree: -EBUSY");
	is_int((int)log_len, 0, "returned disable failure: nothing logged at err");
	daxctl_set_log_priority(ctx, LOG_DEBUG);
	log_reset();
	is_int(daxctl_dev_disable(dev), -EBUSY, "disable again: -EBUSY");
	ok(logged("dax0.0: failed to disable"), "disable failure logged at debug");
	daxctl_set_log_priority(ctx, LOG_ERR);
	/* a write the "kernel" refuses: the attribute is a directory */
	snprintf(path, sizeof(path), "%s/dax0.0/align", dax);
	if (unlink(path) == 0 && mkdir(path, 0755) == 0) {
		log_reset();
		is_int(daxctl_dev_set_align(dev, 2 * SZ_1M), -EISDIR,
		       "refused align write: -EISDIR");
		is_int((int)log_len, 0, "refused write: nothing logged at err");
		daxctl_set_log_priority(ctx, LOG_DEBUG);
		log_reset();
		daxctl_dev_set_align(dev, 2 * SZ_1M);
		ok(logged("align: write of '0x200000' failed"),
		   "refused write logged at debug, with the value");
		daxctl_set_log_priority(ctx, LOG_ERR);
	} else {
		ok(0, "align replaced by a directory");
	}
	is_int(daxctl_dev_enable_ram(dev), -EBUSY,
	       "enable_ram of a devdax device: -EBUSY");
out:
	daxctl_unref(ctx);
}

/*
 * Values that parse but cannot be true: warned about, and never handed
 * on as facts.
 */
static void test_implausible(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	char path[PATH_MAX];

	if (fresh("subdivided") < 0)
		return;
	put("dax_region/size", "18446744073709551615\n");
	put("dax0.0/size", "18446744073709551615\n");
	put("dax0.2/resource", "0xffffffffffffffff\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	region = daxctl_region_get_first(ctx);
	ok(region && daxctl_region_get_size(region) == ULLONG_MAX,
	   "all-ones region size: unknown");
	ok(logged("region0: size all ones cannot be true"),
	   "all-ones region size: warned");
	ok(!dev_by_name(ctx, "dax0.0"), "all-ones device size: skipped");
	ok(logged("dax0.0: size 18446744073709551615 cannot be true"),
	   "all-ones device size: warned");
	dev = dev_by_name(ctx, "dax0.2");
	ok(dev && daxctl_dev_get_resource(dev) == 0,
	   "all-ones resource: unknown (0)");
	ok(logged("dax0.2: resource all ones cannot be true"),
	   "all-ones resource: warned");
	daxctl_unref(ctx);

	/* more than the region holds */
	if (fresh("subdivided") < 0)
		return;
	put("dax0.1/size", "0x7fffffffffffffff\n");
	put("dax_region/available_size", "0x7fffffffffffffff\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	region = daxctl_region_get_first(ctx);
	ok(!dev_by_name(ctx, "dax0.1"), "device larger than its region: skipped");
	ok(logged("dax0.1: size 9223372036854775807 cannot be true"),
	   "device larger than its region: warned");
	ok(region && daxctl_region_get_available_size(region) == 0,
	   "available_size above the region size: 0");
	ok(logged("available_size 9223372036854775807 cannot be true"),
	   "available_size above the region size: warned");
	daxctl_unref(ctx);

	/* a driver link leaving the dax bus's drivers, ending in "kmem" */
	if (fresh("subdivided") < 0)
		return;
	snprintf(path, sizeof(path), "%s/dax0.1/driver", dax);
	unlink(path);
	if (symlink("../../../../bus/dax/drivers/device_dax/../../../../../tmp/kmem",
		    path) < 0)
		printf("# symlink failed\n");
	snprintf(path, sizeof(path), "%s/dax0.2/driver", dax);
	unlink(path);
	if (symlink("/etc/kmem", path) < 0)
		printf("# symlink failed\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.1");
	ok(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_UNKNOWN,
	   "driver link out of the drivers: mode unknown, not system-ram");
	dev = dev_by_name(ctx, "dax0.2");
	ok(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_UNKNOWN,
	   "absolute driver link elsewhere: mode unknown");
	ok(logged("outside the dax bus's drivers"), "driver link: warned");
	dev = dev_by_name(ctx, "dax0.0");
	ok(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_DEVDAX,
	   "a sound driver link still reads devdax");
	daxctl_unref(ctx);

	/* no ".." of a driver link climbs above the root */
	if (fresh("subdivided") < 0)
		return;
	climb_back(path, sizeof(path), "sys/bus/dax/drivers/kmem");
	relink("sys/devices/platform/hmem.0/dax0.1/driver", path);
	relink("sys/devices/platform/hmem.0/dax0.2/driver",
	       CLIMB "sys/bus/dax/drivers/kmem");
	ctx = open_ctx();
	if (!ctx)
		return;
	dev = dev_by_name(ctx, "dax0.1");
	ok(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_UNKNOWN,
	   "driver link out of the root and back in: mode unknown");
	dev = dev_by_name(ctx, "dax0.2");
	ok(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_UNKNOWN,
	   "driver link with \"..\" above the root: mode unknown");
	daxctl_unref(ctx);
}

/*
 * Alignments that are no multiple of a page, node ids beyond any kernel's, and
 * ranges larger than their device or placed past its end: warned about,
 * and read as unknown (or the range left out) rather than as facts.
 */
static void test_implausible_attrs(void)
{
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	struct daxctl_mapping *m;
	struct daxctl_dev *dev;
	int ids[4], n = 0;

	if (fresh("subdivided") < 0)
		return;
	put("dax_region/align", "3\n");
	put("dax0.0/align", "0xffffffffffffffff\n");
	put("dax0.2/align", "0\n");
	put("dax0.1/target_node", "4096\n");
	put("dax0.1/numa_node", "-7\n");
	put("dax0.1/mapping0/end", "0xffffffffffffffff\n");
	put("dax0.1/mapping1/page_offset", "131073\n");
	ctx = open_ctx();
	if (!ctx)
		return;
	region = daxctl_region_get_first(ctx);
	ok(region && daxctl_region_get_align(region) == ULONG_MAX,
	   "region align 3: unknown");
	ok(logged("region0: align 3 cannot be true"), "region align 3: warned");
	dev = dev_by_name(ctx, "dax0.0");
	ok(dev && daxctl_dev_get_align(dev) == 0, "all-ones align: unknown");
	ok(logged("dax0.0: align 18446744073709551615 cannot be true"),
	   "all-ones align: warned");
	dev = dev_by_name(ctx, "dax0.2");
	ok(dev && daxctl_dev_get_align(dev) == 0, "align 0: unknown");
	ok(logged("dax0.2: align 0 cannot be true"), "align 0: warned");
	dev = dev_by_name(ctx, "dax0.1");
	if (!ok(dev != NULL, "dax0.1 listed"))
		goto out;
	is_int(daxctl_dev_get_target_node(dev), -1, "target_node 4096: -1");
	ok(logged("dax0.1: target_node 4096 cannot be true"),
	   "target_node 4096: warned");
	is_int(daxctl_dev_get_numa_node(dev), -1, "numa_node -7: -1");
	ok(logged("dax0.1: numa_node -7 cannot be true"), "numa_node -7: warned");
	daxctl_mapping_foreach(dev, m)
		if (n < 4)
			ids[n++] = daxctl_mapping_get_id(m);
	ok(n == 1 && ids[0] == 2, "only the sound mapping2 remains");
	ok(logged("mapping0: 0x280000000-0xffffffffffffffff cannot be true"),
	   "range larger than its device: warned");
	ok(logged("mapping1: page_offset 131073 cannot be true"),
	   "page_offset past the device's end: warned");
out:
	daxctl_unref(ctx);
}

int main(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/daxctl-malformed.XXXXXX",
		 base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_sizes();
	test_optional();
	test_region();
	test_mappings();
	test_devnum();
	test_node();
	test_bus();
	test_memory();
	test_writes();
	test_implausible();
	test_implausible_attrs();
	run("rm -rf '%s'%s", tmpdir, "");
	return tap_done();
}
