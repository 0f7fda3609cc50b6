// SPDX-License-Identifier: LGPL-2.1-only
/*
 * sysfs.c: every sysfs and /dev path string of libdaxctl lives here.
 * See sysfs.h for the conventions.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "private.h"
#include "sysfs.h"

#define DAX_BUS_DEVICES "/sys/bus/dax/devices"
#define DAX_BUS_DRIVERS "/sys/bus/dax/drivers"
#define DAX_REGION_DIR	"dax_region"
#define LOCK_DIR	"/run/daxctl"
#define DEV_DRIVER_LINK "driver"
#define DEV_DIR		"/dev"
#define MEMORY_DIR	"/sys/devices/system/memory"
#define NODE_DIR	"/sys/devices/system/node"
#define DEVICES_DIR	"/sys/devices"

static const char *const region_attrs[REGION_ATTR_MAX] = {
	[REGION_ATTR_ID] = "id",
	[REGION_ATTR_SIZE] = "size",
	[REGION_ATTR_ALIGN] = "align",
	[REGION_ATTR_AVAILABLE_SIZE] = "available_size",
	[REGION_ATTR_SEED] = "seed",
	[REGION_ATTR_CREATE] = "create",
	[REGION_ATTR_DELETE] = "delete",
};

static const char *const dev_attrs[DEV_ATTR_MAX] = {
	[DEV_ATTR_SIZE] = "size",
	[DEV_ATTR_ALIGN] = "align",
	[DEV_ATTR_RESOURCE] = "resource",
	[DEV_ATTR_TARGET_NODE] = "target_node",
	[DEV_ATTR_NUMA_NODE] = "numa_node",
	[DEV_ATTR_DEV] = "dev",
	[DEV_ATTR_MAPPING] = "mapping",
	[DEV_ATTR_MODALIAS] = "modalias",
	[DEV_ATTR_MEMMAP_ON_MEMORY] = "memmap_on_memory",
};

static const char *const mapping_attrs[MAPPING_ATTR_MAX] = {
	[MAPPING_ATTR_START] = "start",
	[MAPPING_ATTR_END] = "end",
	[MAPPING_ATTR_PAGE_OFFSET] = "page_offset",
};

static const char *const memory_attrs[MEMORY_ATTR_MAX] = {
	[MEMORY_ATTR_BLOCK_SIZE_BYTES] = "block_size_bytes",
	[MEMORY_ATTR_AUTO_ONLINE_BLOCKS] = "auto_online_blocks",
};

static const char *const memblock_attrs[MEMBLOCK_ATTR_MAX] = {
	[MEMBLOCK_ATTR_STATE] = "state",
	[MEMBLOCK_ATTR_PHYS_INDEX] = "phys_index",
	[MEMBLOCK_ATTR_VALID_ZONES] = "valid_zones",
	[MEMBLOCK_ATTR_REMOVABLE] = "removable",
};

static const char *const driver_names[] = {
	[DAX_DRIVER_NONE] = NULL,
	[DAX_DRIVER_DEVICE_DAX] = "device_dax",
	[DAX_DRIVER_KMEM] = "kmem",
	[DAX_DRIVER_OTHER] = NULL,
};

const char *sysfs_driver_module(enum sysfs_dax_driver drv)
{
	if ((unsigned int)drv >= sizeof(driver_names) / sizeof(driver_names[0]))
		return NULL;
	return driver_names[drv];
}

/* snprintf into a PATH_MAX buffer; -ENAMETOOLONG on truncation */
static int __attribute__((format(printf, 2, 3)))
path_fmt(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, PATH_MAX, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

/* The root prefix to put in front of an absolute path: "" for "/". */
static const char *root_prefix(struct daxctl_ctx *ctx)
{
	const char *root = daxctl_ctx_get_sysfs_root(ctx);

	if (!root || strcmp(root, "/") == 0)
		return "";
	return root;
}

char *sysfs_root_path(struct daxctl_ctx *ctx, const char *rel)
{
	char *path;

	if (asprintf(&path, "%s%s", root_prefix(ctx), rel) < 0)
		return NULL;
	return path;
}

const char *sysfs_unroot(struct daxctl_ctx *ctx, const char *path)
{
	const char *prefix = root_prefix(ctx);
	size_t len = strlen(prefix);

	if (len && strncmp(path, prefix, len) == 0 && path[len] == '/')
		return path + len;
	return path;
}

const char *sysfs_devices_relative(struct daxctl_ctx *ctx, const char *path)
{
	const char *p = sysfs_unroot(ctx, path);
	size_t len = strlen(DEVICES_DIR);

	/* as the peer shows it: the prefix goes, whatever follows it */
	if (strncmp(p, DEVICES_DIR, len) == 0)
		return p + len;
	return p;
}

/*
 * open(2) confined to the sysfs root.  Under a root other than "/" the tree
 * is not the kernel's and may belong to anyone, so every path is resolved
 * inside it: openat2(RESOLVE_IN_ROOT) keeps "..", absolute and relative
 * symlinks below the root, and a link in the tree can never make the
 * library read or write a file outside it.  Without openat2 (Linux < 5.6)
 * the realpath must lie below the root and is opened with O_NOFOLLOW.
 * Returns a descriptor, or -1 with errno set (EXDEV: outside the root).
 */
static int root_open(struct daxctl_ctx *ctx, const char *path, int flags)
{
	const char *root = root_prefix(ctx);
	size_t len = strlen(root);
	struct open_how how = {
		.flags = (unsigned)(flags | O_CLOEXEC),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	char real[PATH_MAX];
	int rootfd, fd, e, tries;

	if (!len)
		return open(path, flags | O_CLOEXEC);
	if (strncmp(path, root, len) != 0 || path[len] != '/')
		goto outside;
	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -1;
	/*
	 * EAGAIN: a rename or mount elsewhere in the system raced with a
	 * ".." of the walk (the driver links have three); just try again.
	 */
	for (tries = 0; tries < 64; tries++) {
		fd = (int)syscall(SYS_openat2, rootfd, path + len + 1, &how,
				  sizeof(how));
		if (fd >= 0 || errno != EAGAIN)
			break;
	}
	e = errno;
	close(rootfd);
	errno = e;
	if (fd >= 0 || errno != ENOSYS)
		return fd;

	if (!realpath(path, real))
		return -1;
	if (strncmp(real, root, len) != 0 || real[len] != '/')
		goto outside;
	return open(real, flags | O_CLOEXEC | O_NOFOLLOW);

outside:
	err(ctx, "%s: outside the sysfs root %s, refused\n", path, root);
	errno = EXDEV;
	return -1;
}

static DIR *root_opendir(struct daxctl_ctx *ctx, const char *path)
{
	int fd = root_open(ctx, path, O_RDONLY | O_DIRECTORY);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = fdopendir(fd);
	if (!dir) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return dir;
}

/* true when @path, resolved, is below the sysfs root */
static bool below_root(struct daxctl_ctx *ctx, const char *path)
{
	const char *root = root_prefix(ctx);
	size_t len = strlen(root);

	return !len || (strncmp(path, root, len) == 0 && path[len] == '/');
}

static bool quiet_errno(int e)
{
	/* root-only attributes (align, mappingN/) are expected to be
	 * unreadable for ordinary users */
	if ((e == EACCES || e == EPERM) && geteuid() != 0)
		return true;
	return e == ENOENT;
}

/*
 * One attribute read from offset 0 of an open file: sysfs (kernfs) hands
 * out the whole attribute in the first read, so a short read is the end
 * and asking again would only cost a syscall that returns 0.
 */
static int fd_read(int fd, char *buf)
{
	size_t len = 0;

	while (len < SYSFS_ATTR_SIZE - 1) {
		size_t want = SYSFS_ATTR_SIZE - 1 - len;
		ssize_t n = pread(fd, buf + len, want, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		len += n;
		if (n == 0 || (size_t)n < want)
			break;
	}
	buf[len] = '\0';
	/* a value written with its terminating NUL (as we write them) reads
	 * back with it from a plain file: the string ends there */
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return 0;
}

static void read_failed(struct daxctl_ctx *ctx, const char *path, int rc)
{
	if (quiet_errno(-rc))
		dbg(ctx, "%s: read failed: %s\n", path, strerror(-rc));
	else
		err(ctx, "%s: read failed: %s\n", path, strerror(-rc));
}

int sysfs_read(struct daxctl_ctx *ctx, const char *path, char *buf)
{
	int fd, rc;

	buf[0] = '\0';
	fd = root_open(ctx, path, O_RDONLY);
	if (fd < 0) {
		rc = -errno;
		read_failed(ctx, path, rc);
		return rc;
	}
	rc = sysfs_fd_read(ctx, fd, path, buf);
	close(fd);
	return rc;
}

int sysfs_fd_read(struct daxctl_ctx *ctx, int fd, const char *path, char *buf)
{
	int rc = fd_read(fd, buf);

	if (rc) {
		buf[0] = '\0';
		read_failed(ctx, path, rc);
	}
	return rc;
}

/*
 * Every write returns its errno to a caller that says what was refused in
 * its own words, so a failure is logged at debug level like a success:
 * an err line here would report the same failure twice.
 */
static void write_logged(struct daxctl_ctx *ctx, const char *path,
			 const char *val, int rc)
{
	/* values are written newline-terminated; keep the log on one line */
	int len = (int)strcspn(val, "\n");

	if (!rc)
		dbg(ctx, "%s <- %.*s\n", path, len, val);
	else
		dbg(ctx, "%s: write of '%.*s' failed: %s\n", path, len, val,
		    strerror(-rc));
}

/* @val and its NUL at offset 0 of @fd; 0 or -errno, not logged */
static int fd_write(int fd, const char *val)
{
	size_t len = strlen(val) + 1;
	ssize_t n;

	do {
		n = pwrite(fd, val, len, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int sysfs_write(struct daxctl_ctx *ctx, const char *path, const char *val)
{
	int fd, rc;

	fd = root_open(ctx, path, O_WRONLY);
	if (fd < 0) {
		rc = -errno;
	} else {
		rc = fd_write(fd, val);
		if (close(fd) < 0 && !rc)
			rc = -errno;
	}
	write_logged(ctx, path, val, rc);
	return rc;
}

int sysfs_fd_write(struct daxctl_ctx *ctx, int fd, const char *path,
		   const char *val)
{
	int rc = fd < 0 ? fd : fd_write(fd, val);

	write_logged(ctx, path, val, rc);
	return rc;
}

int sysfs_parse_u64(struct daxctl_ctx *ctx, const char *what, const char *buf,
		    int base, unsigned long long *val)
{
	unsigned long long v;
	char *end;

	if (!buf[0]) {
		err(ctx, "%s: empty, expected a number\n", what);
		return -EINVAL;
	}
	/* strtoull() would skip blanks and quietly negate a leading '-' */
	if (!isxdigit((unsigned char)buf[0])) {
		err(ctx, "%s: '%s' is not a number\n", what, buf);
		return -EINVAL;
	}
	errno = 0;
	v = strtoull(buf, &end, base);
	if (errno == ERANGE) {
		err(ctx, "%s: '%s' is out of range\n", what, buf);
		return -ERANGE;
	}
	if (errno || end == buf || *end != '\0') {
		err(ctx, "%s: '%s' is not a number\n", what, buf);
		return -EINVAL;
	}
	*val = v;
	return 0;
}

int sysfs_parse_int(struct daxctl_ctx *ctx, const char *what, const char *buf,
		    int *val)
{
	const char *p = buf[0] == '-' ? buf + 1 : buf;
	long v;
	char *end;

	if (!buf[0]) {
		err(ctx, "%s: empty, expected a number\n", what);
		return -EINVAL;
	}
	if (!isdigit((unsigned char)p[0])) {
		err(ctx, "%s: '%s' is not a number\n", what, buf);
		return -EINVAL;
	}
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno == ERANGE || v < INT_MIN || v > INT_MAX) {
		err(ctx, "%s: '%s' is out of range\n", what, buf);
		return -ERANGE;
	}
	if (errno || *end != '\0') {
		err(ctx, "%s: '%s' is not a number\n", what, buf);
		return -EINVAL;
	}
	*val = (int)v;
	return 0;
}

/* Strict "<digits>" into an int, no sign, no blanks. */
static int parse_uint(const char *s, const char *stop, int *val)
{
	long v = 0;

	if (s == stop)
		return -EINVAL;
	for (; s < stop; s++) {
		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		v = v * 10 + (*s - '0');
		if (v > INT_MAX)
			return -ERANGE;
	}
	*val = (int)v;
	return 0;
}

int sysfs_parse_devname(const char *name, int *region_id, int *dev_id)
{
	const char *dot;

	if (strncmp(name, "dax", 3) != 0)
		return -EINVAL;
	name += 3;
	dot = strchr(name, '.');
	if (!dot)
		return -EINVAL;
	if (parse_uint(name, dot, region_id) < 0)
		return -EINVAL;
	if (parse_uint(dot + 1, dot + 1 + strlen(dot + 1), dev_id) < 0)
		return -EINVAL;
	return 0;
}

/* ---- discovery ---- */

/*
 * The path that a symlink in directory @dir with target @link names, into
 * @out (PATH_MAX), folded lexically under one rule: the walk never leaves
 * the sysfs root.  Under a test root, a ".." at the root, or an absolute
 * target not below the root, is -EXDEV, and so is a link naming the root
 * itself; under "/" nothing is outside, and ".." at "/" stays there as in
 * the kernel's walk.  So a link in a test tree can neither lead out of it
 * nor climb out and come back in through the root's own path.  In the
 * kernel's sysfs every directory a link walks through is a real
 * directory, so this is what realpath() gives, for one readlink() instead
 * of one per path component.  @dir is a path the library built, below the
 * root.
 */
static int link_join(struct daxctl_ctx *ctx, const char *dir,
		     const char *link, char *out)
{
	const char *root = root_prefix(ctx);
	size_t rlen = strlen(root), len;
	const char *p = link, *next;

	if (link[0] == '/') {
		if (rlen && !below_root(ctx, link))
			return -EXDEV;
		dir = root;
		p = link + rlen;
	}
	len = strlen(dir);
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(out, dir, len + 1);
	/* out is the root, or below it: "<root>/..." */
	for (; *p; p = next) {
		size_t clen;

		next = strchr(p, '/');
		clen = next ? (size_t)(next - p) : strlen(p);
		next = next ? next + 1 : p + clen;
		if (clen == 0 || (clen == 1 && p[0] == '.'))
			continue;
		if (clen == 2 && p[0] == '.' && p[1] == '.') {
			if (len == rlen) {
				if (rlen)
					return -EXDEV;
				continue;
			}
			len = (size_t)(strrchr(out, '/') - out);
			out[len] = '\0';
			continue;
		}
		if (len + 1 + clen >= PATH_MAX)
			return -ENAMETOOLONG;
		out[len++] = '/';
		memcpy(out + len, p, clen);
		len += clen;
		out[len] = '\0';
	}
	if (!len)
		strcpy(out, "/");
	return below_root(ctx, out) ? 0 : -EXDEV;
}

/*
 * @entry of the bus directory @dir resolved into @out (PATH_MAX): a link
 * through link_join(), anything else as it is.  It must exist: a dangling
 * link does not resolve.
 */
static int resolve_bus_entry(struct daxctl_ctx *ctx, const char *dir,
			     const char *entry, char *out)
{
	char link[PATH_MAX];
	ssize_t n;
	int rc, fd;

	n = readlink(entry, link, sizeof(link) - 1);
	if (n > 0) {
		link[n] = '\0';
		rc = link_join(ctx, dir, link, out);
	} else if (n < 0 && errno != EINVAL) {
		rc = -errno;
	} else {
		rc = path_fmt(out, "%s", entry);
	}
	if (rc)
		return rc;
	fd = root_open(ctx, out, O_PATH);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int sysfs_bus_for_each_dev(struct daxctl_ctx *ctx, sysfs_bus_dev_fn fn,
			   void *arg)
{
	char path[PATH_MAX], real[PATH_MAX];
	int *done = NULL, ndone = 0, i;
	struct dirent *de;
	DIR *dir;
	int rc = 0;

	rc = path_fmt(path, "%s%s", root_prefix(ctx), DAX_BUS_DEVICES);
	if (rc)
		return rc;
	dir = root_opendir(ctx, path);
	if (!dir) {
		rc = -errno;
		dbg(ctx, "%s: %s\n", path, strerror(errno));
		return rc;
	}
	while ((de = readdir(dir)) != NULL) {
		char entry[PATH_MAX];
		int region_id, dev_id;

		if (de->d_name[0] == '.')
			continue;
		if (sysfs_parse_devname(de->d_name, &region_id, &dev_id) < 0) {
			dbg(ctx, "%s: ignoring '%s'\n", path, de->d_name);
			continue;
		}
		/*
		 * Device names are unique on the bus and carry their region's
		 * id, so one entry per id names the region: the others need
		 * no readlink() and stat() each.
		 */
		for (i = 0; i < ndone; i++)
			if (done[i] == region_id)
				break;
		if (i < ndone)
			continue;
		if (path_fmt(entry, "%s/%s", path, de->d_name) < 0)
			continue;
		rc = resolve_bus_entry(ctx, path, entry, real);
		if (rc == -EXDEV) {
			err(ctx, "%s: leads outside the sysfs root: ignored\n",
			    entry);
			rc = 0;
			continue;
		}
		if (rc) {
			err(ctx, "%s: cannot resolve: %s\n", entry,
			    strerror(-rc));
			rc = 0;
			continue;
		}
		rc = fn(ctx, region_id, de->d_name, real, arg);
		if (rc)
			break;
		if (ndone % 16 == 0) {
			int *more = realloc(done, (ndone + 16) * sizeof(*done));

			/* without memory, the next entries are resolved too */
			if (!more)
				continue;
			done = more;
		}
		done[ndone++] = region_id;
	}
	closedir(dir);
	free(done);
	return rc;
}

int sysfs_region_for_each_dev(struct daxctl_ctx *ctx, const char *region_path,
			      int region_id, sysfs_region_dev_fn fn, void *arg)
{
	struct dirent *de;
	DIR *dir;
	int rc = 0;

	dir = root_opendir(ctx, region_path);
	if (!dir) {
		rc = -errno;
		err(ctx, "%s: %s\n", region_path, strerror(errno));
		return rc;
	}
	while ((de = readdir(dir)) != NULL) {
		char entry[PATH_MAX];
		int rid, dev_id;

		if (sysfs_parse_devname(de->d_name, &rid, &dev_id) < 0)
			continue;
		if (rid != region_id)
			continue;
		if (path_fmt(entry, "%s/%s", region_path, de->d_name) < 0)
			continue;
		rc = fn(ctx, dev_id, de->d_name, entry, arg);
		if (rc)
			break;
	}
	closedir(dir);
	return rc;
}

/* ---- regions ---- */
static int region_attr_path(char *buf, const char *region_path,
			    enum sysfs_region_attr attr)
{
	if ((unsigned int)attr >= REGION_ATTR_MAX)
		return -EINVAL;
	return path_fmt(buf, "%s/%s/%s", region_path, DAX_REGION_DIR,
			region_attrs[attr]);
}

/* A decimal or 0x-prefixed attribute at @path, read and parsed strictly. */
static int read_path_u64(struct daxctl_ctx *ctx, const char *path,
			 unsigned long long *val)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = sysfs_read(ctx, path, buf);

	return rc ? rc : sysfs_parse_u64(ctx, path, buf, 0, val);
}

int sysfs_region_read(struct daxctl_ctx *ctx, const char *region_path,
		      enum sysfs_region_attr attr, char *buf)
{
	char path[PATH_MAX];
	int rc = region_attr_path(path, region_path, attr);

	if (rc) {
		buf[0] = '\0';
		return rc;
	}
	return sysfs_read(ctx, path, buf);
}

int sysfs_region_read_u64(struct daxctl_ctx *ctx, const char *region_path,
			  enum sysfs_region_attr attr, unsigned long long *val)
{
	char path[PATH_MAX];
	int rc = region_attr_path(path, region_path, attr);

	return rc ? rc : read_path_u64(ctx, path, val);
}

int sysfs_region_write(struct daxctl_ctx *ctx, const char *region_path,
		       enum sysfs_region_attr attr, const char *val)
{
	char path[PATH_MAX];
	int rc = region_attr_path(path, region_path, attr);

	if (rc)
		return rc;
	return sysfs_write(ctx, path, val);
}

int sysfs_lock_dir(struct daxctl_ctx *ctx, char *dir)
{
	const char *prefix = root_prefix(ctx);
	const char *env;

	/* a simulator's root is a FUSE mount that cannot hold a directory */
	env = *prefix ? secure_getenv("DAXCTL_LOCK_DIR") : NULL;
	if (env && *env)
		return path_fmt(dir, "%s", env);
	return path_fmt(dir, "%s%s", prefix, LOCK_DIR);
}

bool sysfs_region_is_dax(struct daxctl_ctx *ctx, const char *region_path)
{
	char path[PATH_MAX];
	struct stat st;

	if (path_fmt(path, "%s/%s", region_path, DAX_REGION_DIR) < 0)
		return false;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ---- devices ---- */
static int dev_attr_path(char *buf, const char *dev_path,
			 enum sysfs_dev_attr attr)
{
	if ((unsigned int)attr >= DEV_ATTR_MAX)
		return -EINVAL;
	return path_fmt(buf, "%s/%s", dev_path, dev_attrs[attr]);
}

int sysfs_dev_read(struct daxctl_ctx *ctx, const char *dev_path,
		   enum sysfs_dev_attr attr, char *buf)
{
	char path[PATH_MAX];
	int rc = dev_attr_path(path, dev_path, attr);

	if (rc) {
		buf[0] = '\0';
		return rc;
	}
	return sysfs_read(ctx, path, buf);
}

int sysfs_dev_read_u64(struct daxctl_ctx *ctx, const char *dev_path,
		       enum sysfs_dev_attr attr, unsigned long long *val)
{
	char path[PATH_MAX];
	int rc = dev_attr_path(path, dev_path, attr);

	return rc ? rc : read_path_u64(ctx, path, val);
}

int sysfs_dev_read_int(struct daxctl_ctx *ctx, const char *dev_path,
		       enum sysfs_dev_attr attr, int *val)
{
	char buf[SYSFS_ATTR_SIZE], path[PATH_MAX];
	int rc = dev_attr_path(path, dev_path, attr);

	if (rc)
		return rc;
	rc = sysfs_read(ctx, path, buf);
	if (rc)
		return rc;
	return sysfs_parse_int(ctx, path, buf, val);
}

int sysfs_dev_write(struct daxctl_ctx *ctx, const char *dev_path,
		    enum sysfs_dev_attr attr, const char *val)
{
	char path[PATH_MAX];
	int rc = dev_attr_path(path, dev_path, attr);

	if (rc)
		return rc;
	return sysfs_write(ctx, path, val);
}

int sysfs_dev_write_hex(struct daxctl_ctx *ctx, const char *dev_path,
			enum sysfs_dev_attr attr, unsigned long long val)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%#llx\n", val);
	return sysfs_dev_write(ctx, dev_path, attr, buf);
}

int sysfs_dev_chardev(struct daxctl_ctx *ctx, const char *dev_path,
		      const char *devname, int *major, int *minor)
{
	char buf[SYSFS_ATTR_SIZE], path[PATH_MAX];
	struct stat st;
	char *colon;
	int rc, ma, mi;

	rc = dev_attr_path(path, dev_path, DEV_ATTR_DEV);
	if (rc)
		return rc;
	rc = sysfs_read(ctx, path, buf);
	if (rc == 0) {
		colon = strchr(buf, ':');
		if (colon && parse_uint(buf, colon, &ma) == 0 &&
		    parse_uint(colon + 1, colon + 1 + strlen(colon + 1),
			       &mi) == 0) {
			*major = ma;
			*minor = mi;
			return 0;
		}
		err(ctx, "%s: '%s' is not MAJ:MIN\n", path, buf);
	}

	/* fall back to the device node */
	if (strchr(devname, '/'))
		return -EINVAL;
	rc = path_fmt(path, "%s%s/%s", root_prefix(ctx), DEV_DIR, devname);
	if (rc)
		return rc;
	if (stat(path, &st) < 0) {
		rc = -errno;
		dbg(ctx, "%s: %s\n", path, strerror(errno));
		return rc;
	}
	if (!S_ISCHR(st.st_mode)) {
		err(ctx, "%s: not a character device\n", path);
		return -ENODEV;
	}
	*major = major(st.st_rdev);
	*minor = minor(st.st_rdev);
	return 0;
}

int sysfs_dev_driver(struct daxctl_ctx *ctx, const char *dev_path,
		     enum sysfs_dax_driver *drv)
{
	char drivers[PATH_MAX], target[PATH_MAX];
	size_t dlen;
	char path[PATH_MAX], link[PATH_MAX];
	const char *base;
	ssize_t n;
	int rc;

	rc = path_fmt(path, "%s/%s", dev_path, DEV_DRIVER_LINK);
	if (rc)
		return rc;
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		if (errno == ENOENT) {
			*drv = DAX_DRIVER_NONE;
			return 0;
		}
		rc = -errno;
		err(ctx, "%s: %s\n", path, strerror(errno));
		return rc;
	}
	link[n] = '\0';
	/*
	 * A driver link points into the dax bus's drivers; one that leads
	 * elsewhere cannot be true, and its last component names no driver.
	 */
	rc = path_fmt(drivers, "%s%s/", root_prefix(ctx), DAX_BUS_DRIVERS);
	if (!rc)
		rc = link_join(ctx, dev_path, link, target);
	if (rc && rc != -EXDEV)
		return rc;
	dlen = strlen(drivers);
	if (rc || strncmp(target, drivers, dlen) != 0 || !target[dlen] ||
	    strchr(target + dlen, '/')) {
		err(ctx, "%s: the driver link leads to %s, outside the dax bus's drivers: mode unknown\n",
		    path, link);
		return -EINVAL;
	}
	base = target + dlen;
	if (strcmp(base, driver_names[DAX_DRIVER_DEVICE_DAX]) == 0)
		*drv = DAX_DRIVER_DEVICE_DAX;
	else if (strcmp(base, driver_names[DAX_DRIVER_KMEM]) == 0)
		*drv = DAX_DRIVER_KMEM;
	else
		*drv = DAX_DRIVER_OTHER;
	return 0;
}

int sysfs_dev_bind(struct daxctl_ctx *ctx, const char *devname,
		   enum sysfs_dax_driver drv)
{
	const char *name = sysfs_driver_module(drv);
	char path[PATH_MAX];
	int rc;

	if (!name)
		return -EINVAL;
	rc = path_fmt(path, "%s%s/%s/bind", root_prefix(ctx), DAX_BUS_DRIVERS,
		      name);
	if (rc)
		return rc;
	return sysfs_write(ctx, path, devname);
}

int sysfs_dev_new_id(struct daxctl_ctx *ctx, const char *devname,
		     enum sysfs_dax_driver drv)
{
	const char *name = sysfs_driver_module(drv);
	char path[PATH_MAX];
	int rc;

	if (!name)
		return -EINVAL;
	/* new_id fails harmlessly when the id is already known */
	rc = path_fmt(path, "%s%s/%s/new_id", root_prefix(ctx),
		      DAX_BUS_DRIVERS, name);
	if (rc)
		return rc;
	if (sysfs_write(ctx, path, devname) == 0) {
		char link[PATH_MAX];
		const char *base;
		ssize_t n;

		/*
		 * Since v5.x a new id makes the driver probe the matching
		 * devices at once, and the bind below then fails with EBUSY:
		 * skip it when the device is bound to @drv already.
		 */
		rc = path_fmt(path, "%s%s/%s/%s", root_prefix(ctx),
			      DAX_BUS_DEVICES, devname, DEV_DRIVER_LINK);
		if (rc)
			return rc;
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0) {
			link[n] = '\0';
			base = strrchr(link, '/');
			if (strcmp(base ? base + 1 : link, name) == 0)
				return 1;
		}
	}
	return sysfs_dev_bind(ctx, devname, drv);
}

bool sysfs_driver_registered(struct daxctl_ctx *ctx, enum sysfs_dax_driver drv)
{
	const char *name = sysfs_driver_module(drv);
	char path[PATH_MAX];
	struct stat st;

	if (!name || path_fmt(path, "%s%s/%s", root_prefix(ctx),
			      DAX_BUS_DRIVERS, name) < 0)
		return false;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int sysfs_dev_unbind(struct daxctl_ctx *ctx, const char *dev_path,
		     const char *devname)
{
	char path[PATH_MAX];
	int rc;

	rc = path_fmt(path, "%s/%s/remove_id", dev_path, DEV_DRIVER_LINK);
	if (rc)
		return rc;
	sysfs_write(ctx, path, devname);

	rc = path_fmt(path, "%s/%s/unbind", dev_path, DEV_DRIVER_LINK);
	if (rc)
		return rc;
	return sysfs_write(ctx, path, devname);
}

/* ---- mappings ---- */
bool sysfs_mapping_exists(struct daxctl_ctx *ctx, const char *dev_path, int id)
{
	char path[PATH_MAX];
	struct stat st;

	if (path_fmt(path, "%s/mapping%d", dev_path, id) < 0)
		return false;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int sysfs_mapping_read_u64(struct daxctl_ctx *ctx, const char *dev_path, int id,
			   enum sysfs_mapping_attr attr,
			   unsigned long long *val)
{
	char buf[SYSFS_ATTR_SIZE], path[PATH_MAX];
	int rc;

	if ((unsigned int)attr >= MAPPING_ATTR_MAX)
		return -EINVAL;
	rc = path_fmt(path, "%s/mapping%d/%s", dev_path, id,
		      mapping_attrs[attr]);
	if (rc)
		return rc;
	rc = sysfs_read(ctx, path, buf);
	if (rc)
		return rc;
	return sysfs_parse_u64(ctx, path, buf, 0, val);
}

/* ---- memory hotplug ---- */
int sysfs_memory_read(struct daxctl_ctx *ctx, enum sysfs_memory_attr attr,
		      char *buf)
{
	char path[PATH_MAX];
	int rc;

	buf[0] = '\0';
	if ((unsigned int)attr >= MEMORY_ATTR_MAX)
		return -EINVAL;
	rc = path_fmt(path, "%s%s/%s", root_prefix(ctx), MEMORY_DIR,
		      memory_attrs[attr]);
	if (rc)
		return rc;
	return sysfs_read(ctx, path, buf);
}

int sysfs_memmap_on_memory_param(struct daxctl_ctx *ctx, char *buf)
{
	char path[PATH_MAX];
	int rc;

	buf[0] = '\0';
	rc = path_fmt(path, "%s%s", root_prefix(ctx),
		      "/sys/module/memory_hotplug/parameters/memmap_on_memory");
	return rc ? rc : sysfs_read(ctx, path, buf);
}

int sysfs_memory_block_size(struct daxctl_ctx *ctx, unsigned long *size)
{
	char buf[SYSFS_ATTR_SIZE];
	unsigned long long v;
	int rc;

	rc = sysfs_memory_read(ctx, MEMORY_ATTR_BLOCK_SIZE_BYTES, buf);
	if (rc)
		return rc;
	rc = sysfs_parse_u64(ctx, memory_attrs[MEMORY_ATTR_BLOCK_SIZE_BYTES],
			     buf, 16, &v);
	if (rc)
		return rc;
	if (v == 0 || v > ULONG_MAX) {
		err(ctx, "%s: '%s' is not a usable block size\n",
		    memory_attrs[MEMORY_ATTR_BLOCK_SIZE_BYTES], buf);
		return -EINVAL;
	}
	*size = (unsigned long)v;
	return 0;
}

char *sysfs_node_path(struct daxctl_ctx *ctx, int node)
{
	char *path;

	if (node < 0)
		return NULL;
	if (asprintf(&path, "%s%s/node%d", root_prefix(ctx), NODE_DIR, node) <
	    0)
		return NULL;
	return path;
}

/* "memory<decimal>" strictly */
static int parse_block_name(const char *name, unsigned long *id)
{
	const char *p = name + strlen("memory");
	unsigned long v = 0;

	if (strncmp(name, "memory", 6) != 0 || !*p)
		return -EINVAL;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		if (v > (ULONG_MAX - 9) / 10)
			return -ERANGE;
		v = v * 10 + (*p - '0');
	}
	*id = v;
	return 0;
}

int sysfs_node_for_each_memblock(struct daxctl_ctx *ctx, int node,
				 sysfs_memblock_fn fn, void *arg)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;
	int rc;

	rc = path_fmt(path, "%s%s/node%d", root_prefix(ctx), NODE_DIR, node);
	if (rc)
		return rc;
	dir = root_opendir(ctx, path);
	if (!dir) {
		rc = -errno;
		err(ctx, "%s: %s\n", path, strerror(errno));
		return rc;
	}
	while ((de = readdir(dir)) != NULL) {
		unsigned long id;

		/* skips memory_failure and friends */
		if (parse_block_name(de->d_name, &id) < 0)
			continue;
		rc = fn(ctx, de->d_name, id, arg);
		if (rc)
			break;
	}
	closedir(dir);
	return rc;
}

static int memblock_attr_path(struct daxctl_ctx *ctx, char *buf,
			      const char *block,
			      enum sysfs_memblock_attr attr)
{
	unsigned long id;

	if ((unsigned int)attr >= MEMBLOCK_ATTR_MAX)
		return -EINVAL;
	if (parse_block_name(block, &id) < 0) {
		err(ctx, "'%s' is not a memory block name\n", block);
		return -EINVAL;
	}
	return path_fmt(buf, "%s%s/%s/%s", root_prefix(ctx), MEMORY_DIR, block,
			memblock_attrs[attr]);
}

int sysfs_memblock_read(struct daxctl_ctx *ctx, const char *block,
			enum sysfs_memblock_attr attr, char *buf)
{
	char path[PATH_MAX];
	int rc = memblock_attr_path(ctx, path, block, attr);

	if (rc) {
		buf[0] = '\0';
		return rc;
	}
	return sysfs_read(ctx, path, buf);
}

int sysfs_memblock_phys_index(struct daxctl_ctx *ctx, const char *block,
			      unsigned long long *index)
{
	char buf[SYSFS_ATTR_SIZE], path[PATH_MAX];
	int rc = memblock_attr_path(ctx, path, block, MEMBLOCK_ATTR_PHYS_INDEX);

	if (rc)
		return rc;
	rc = sysfs_read(ctx, path, buf);
	if (rc)
		return rc;
	return sysfs_parse_u64(ctx, path, buf, 16, index);
}

int sysfs_memblock_write(struct daxctl_ctx *ctx, const char *block,
			 enum sysfs_memblock_attr attr, const char *val)
{
	char path[PATH_MAX];
	int rc = memblock_attr_path(ctx, path, block, attr);

	if (rc)
		return rc;
	return sysfs_write(ctx, path, val);
}

char *sysfs_dev_node_path(struct daxctl_ctx *ctx, const char *devname)
{
	char *path;

	if (asprintf(&path, "%s%s/%s", root_prefix(ctx), DEV_DIR, devname) < 0)
		return NULL;
	return path;
}

/* openat(2) of one path component that must not be a symbolic link */
static int nofollow_at(int dirfd, const char *name, int flags)
{
	struct stat st;
	int fd = openat(dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC);

	/* with O_PATH, O_NOFOLLOW opens the link itself */
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISLNK(st.st_mode)) {
		close(fd);
		errno = ELOOP;
		return -1;
	}
	return fd;
}

/*
 * Under a test root the tree may be anyone's, and a link there must not
 * lead a caller running as root (chown, chmod) to a file outside it: no
 * symlink is followed at all, not even below the root.
 */
int sysfs_dev_node_open(struct daxctl_ctx *ctx, const char *devname,
			int flags)
{
	struct open_how how = {
		.flags = (unsigned)(flags | O_CLOEXEC),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS |
			   RESOLVE_NO_MAGICLINKS,
	};
	const char *root = root_prefix(ctx);
	char rel[PATH_MAX];
	int rootfd, fd, rc;
	struct stat st;

	if (!*devname || strchr(devname, '/') || strcmp(devname, "..") == 0)
		return -EINVAL;
	rc = path_fmt(rel, "%s/%s", DEV_DIR + 1, devname);
	if (rc)
		return rc;
	rootfd = open(*root ? root : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -errno;
	do {
		fd = (int)syscall(SYS_openat2, rootfd, rel, &how, sizeof(how));
	} while (fd < 0 && errno == EAGAIN);
	if (fd < 0 && errno == ENOSYS) {
		/* Linux < 5.6 (and valgrind): one component at a time */
		int devfd = nofollow_at(rootfd, DEV_DIR + 1, O_PATH);

		if (devfd >= 0 && fstat(devfd, &st) == 0 &&
		    !S_ISDIR(st.st_mode)) {
			close(devfd);
			devfd = -1;
			errno = ENOTDIR;
		}
		fd = devfd < 0 ? -1 : nofollow_at(devfd, devname, flags);
		if (devfd >= 0) {
			rc = errno;
			close(devfd);
			errno = rc;
		}
	}
	rc = fd < 0 ? -errno : fd;
	close(rootfd);
	return rc;
}

int sysfs_modprobe_link(struct daxctl_ctx *ctx, const char *target,
			const char *install)
{
	char path[PATH_MAX];
	int rc;

	rc = path_fmt(path, "%s%s", root_prefix(ctx), install);
	if (rc)
		return rc;
	if (symlink(target, path) < 0) {
		rc = -errno;
		dbg(ctx, "%s: %s\n", path, strerror(errno));
		return rc;
	}
	return 0;
}

int sysfs_kmsg_open(struct daxctl_ctx *ctx)
{
	char path[PATH_MAX];
	int fd, rc;

	rc = path_fmt(path, "%s/dev/kmsg", root_prefix(ctx));
	if (rc)
		return rc;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int sysfs_memory_dir_open(struct daxctl_ctx *ctx)
{
	char path[PATH_MAX];
	int fd, rc;

	rc = path_fmt(path, "%s%s", root_prefix(ctx), MEMORY_DIR);
	if (rc)
		return rc;
	fd = root_open(ctx, path, O_PATH | O_DIRECTORY);
	if (fd < 0) {
		rc = -errno;
		err(ctx, "%s: %s\n", path, strerror(errno));
		return rc;
	}
	return fd;
}

/*
 * openat() of @rel below @dirfd; under a sysfs root other than "/" the
 * walk may not leave @dirfd (itself opened inside the root), as
 * root_open() guarantees for whole paths.
 */
static int beneath_open(struct daxctl_ctx *ctx, int dirfd, const char *rel,
			const char *path, int flags)
{
	struct open_how how = {
		.flags = (unsigned)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	int fd, tries;

	if (!root_prefix(ctx)[0])
		return openat(dirfd, rel, flags | O_CLOEXEC);
	for (tries = 0; tries < 64; tries++) {
		fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
		if (fd >= 0 || errno != EAGAIN)
			break;
	}
	if (fd < 0 && errno == ENOSYS)
		return root_open(ctx, path, flags);
	return fd;
}

int sysfs_memblock_open(struct daxctl_ctx *ctx, int dirfd, unsigned long id,
			enum sysfs_memblock_attr attr, int flags, char *path)
{
	char rel[64];
	int fd, rc;

	if ((unsigned int)attr >= MEMBLOCK_ATTR_MAX)
		return -EINVAL;
	rc = path_fmt(path, "%s%s/memory%lu/%s", root_prefix(ctx), MEMORY_DIR,
		      id, memblock_attrs[attr]);
	if (rc)
		return rc;
	snprintf(rel, sizeof(rel), "memory%lu/%s", id, memblock_attrs[attr]);
	fd = dirfd >= 0 ? beneath_open(ctx, dirfd, rel, path, flags) :
			  root_open(ctx, path, flags);
	if (fd < 0) {
		rc = -errno;
		/* a write-only open is logged by sysfs_fd_write(), with the value */
		if ((flags & O_ACCMODE) != O_WRONLY)
			read_failed(ctx, path, rc);
		return rc;
	}
	return fd;
}

/* "0-2,5" style node list: is @node in it? */
static bool nodelist_has(const char *list, int node)
{
	const char *p = list;

	while (*p) {
		char *end;
		long lo, hi;

		lo = strtol(p, &end, 10);
		if (end == p)
			return false;
		hi = lo;
		if (*end == '-') {
			p = end + 1;
			hi = strtol(p, &end, 10);
			if (end == p)
				return false;
		}
		if (node >= lo && node <= hi)
			return true;
		if (*end != ',')
			return false;
		p = end + 1;
	}
	return false;
}

int sysfs_node_state_has(struct daxctl_ctx *ctx, enum sysfs_node_state state,
			 int node)
{
	static const char *const names[] = {
		[NODE_STATE_HAS_MEMORY] = "has_memory",
		[NODE_STATE_HAS_NORMAL_MEMORY] = "has_normal_memory",
	};
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	int rc;

	if ((unsigned int)state >= sizeof(names) / sizeof(names[0]) ||
	    node < 0)
		return -EINVAL;
	rc = path_fmt(path, "%s%s/%s", root_prefix(ctx), NODE_DIR,
		      names[state]);
	if (rc)
		return rc;
	rc = sysfs_read(ctx, path, buf);
	if (rc)
		return rc;
	return nodelist_has(buf, node);
}

int sysfs_node_memtotal(struct daxctl_ctx *ctx, int node,
			unsigned long long *bytes)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	unsigned long long kb;
	const char *p;
	int rc;

	if (node < 0)
		return -EINVAL;
	rc = path_fmt(path, "%s%s/node%d/meminfo", root_prefix(ctx), NODE_DIR,
		      node);
	if (rc)
		return rc;
	rc = sysfs_read(ctx, path, buf);
	if (rc)
		return rc;
	/* "Node N MemTotal:       1048576 kB" */
	p = strstr(buf, "MemTotal:");
	if (!p || sscanf(p + strlen("MemTotal:"), "%llu kB", &kb) != 1) {
		dbg(ctx, "%s: no MemTotal\n", path);
		return -EINVAL;
	}
	*bytes = kb << 10;
	return 0;
}
