/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * sysfs.h: the single gateway between libdaxctl and the kernel's files.
 *
 * sysfs.c is the only translation unit that knows sysfs and /dev path
 * layout or attribute file names.  The rest of the library speaks in terms
 * of objects (a region path, a device path, a memory block name) and the
 * attribute enums below.  Every path is resolved below the context's sysfs
 * root (daxctl_ctx_set_sysfs_root(), "/" by default).
 *
 * Conventions: functions return 0 (or a count) on success and a negative
 * errno on failure; they never print except through the ctx log.  Reads
 * take at most SYSFS_ATTR_SIZE - 1 bytes and strip one trailing newline.
 * Numeric readers accept only a complete, non-empty number that fits the
 * destination type; anything else is -EINVAL with a log line naming the
 * file and the offending content.  A missing file is -ENOENT, logged at
 * debug level only (many attributes are optional).
 */
#ifndef _LIBDAXCTL_SYSFS_H_
#define _LIBDAXCTL_SYSFS_H_

#include <stdbool.h>

struct daxctl_ctx;

#define SYSFS_ATTR_SIZE 1024

/* Attributes of <region>/dax_region/ */
enum sysfs_region_attr {
	REGION_ATTR_ID,
	REGION_ATTR_SIZE,
	REGION_ATTR_ALIGN,
	REGION_ATTR_AVAILABLE_SIZE,
	REGION_ATTR_SEED,
	REGION_ATTR_CREATE,
	REGION_ATTR_DELETE,
	REGION_ATTR_MAX,
};

/* Attributes of a device directory daxX.Y/ */
enum sysfs_dev_attr {
	DEV_ATTR_SIZE,
	DEV_ATTR_ALIGN,
	DEV_ATTR_RESOURCE,
	DEV_ATTR_TARGET_NODE,
	DEV_ATTR_NUMA_NODE,
	DEV_ATTR_DEV, /* "MAJ:MIN" */
	DEV_ATTR_MAPPING, /* write only: "start-end" */
	DEV_ATTR_MODALIAS,
	DEV_ATTR_MEMMAP_ON_MEMORY, /* Linux >= 6.8 */
	DEV_ATTR_MAX,
};

/* Attributes of daxX.Y/mappingN/ */
enum sysfs_mapping_attr {
	MAPPING_ATTR_START,
	MAPPING_ATTR_END,
	MAPPING_ATTR_PAGE_OFFSET,
	MAPPING_ATTR_MAX,
};

/* Global memory hotplug attributes of the memory subsystem directory. */
enum sysfs_memory_attr {
	MEMORY_ATTR_BLOCK_SIZE_BYTES, /* hex, no 0x prefix */
	MEMORY_ATTR_AUTO_ONLINE_BLOCKS,
	MEMORY_ATTR_MAX,
};

/* Attributes of a memory block directory memoryN/ */
enum sysfs_memblock_attr {
	MEMBLOCK_ATTR_STATE,
	MEMBLOCK_ATTR_PHYS_INDEX, /* hex, no 0x prefix */
	MEMBLOCK_ATTR_VALID_ZONES,
	MEMBLOCK_ATTR_REMOVABLE,
	MEMBLOCK_ATTR_MAX,
};

/* dax bus drivers libdaxctl binds. */
enum sysfs_dax_driver {
	DAX_DRIVER_NONE,
	DAX_DRIVER_DEVICE_DAX,
	DAX_DRIVER_KMEM,
	DAX_DRIVER_OTHER,
};

/* ---- generic helpers ---- */
/* Read @path (already rooted) into @buf[SYSFS_ATTR_SIZE]. */
int sysfs_read(struct daxctl_ctx *ctx, const char *path, char *buf);
/* Write @val to @path; failures are returned, and logged at debug level. */
int sysfs_write(struct daxctl_ctx *ctx, const char *path, const char *val);
/*
 * The same through an open file (offset 0, so one fd serves a read and
 * then a write); @path only names the file in log messages.  A negative
 * @fd to sysfs_fd_write() is the -errno of a failed open, logged as the
 * write's failure.
 */
int sysfs_fd_read(struct daxctl_ctx *ctx, int fd, const char *path, char *buf);
int sysfs_fd_write(struct daxctl_ctx *ctx, int fd, const char *path,
		   const char *val);
/*
 * Strict number parsing: @buf must hold exactly one number in @base
 * (0 = C rules), optionally followed by nothing.  @what names the source in
 * log messages.
 */
int sysfs_parse_u64(struct daxctl_ctx *ctx, const char *what, const char *buf,
		    int base, unsigned long long *val);
int sysfs_parse_int(struct daxctl_ctx *ctx, const char *what, const char *buf,
		    int *val);
/* "<root><rel>" into a fresh allocation, or NULL. */
char *sysfs_root_path(struct daxctl_ctx *ctx, const char *rel);
/* Strip the sysfs root from a rooted path: "/sys/..." (for display). */
const char *sysfs_unroot(struct daxctl_ctx *ctx, const char *path);
/*
 * A rooted device path as the kernel's uevents name it, below /sys/devices
 * ("/platform/hmem.0"): the root and "/sys/devices" stripped.
 */
const char *sysfs_devices_relative(struct daxctl_ctx *ctx, const char *path);

/* ---- discovery ---- */
/*
 * Call @fn for the first resolvable daxX.Y entry of each region id X of
 * the dax bus device directory, in readdir order, with X, the entry name
 * and the device's path: the entry's link resolved below the root, as
 * the kernel resolves it in a chroot there (realpath() for the kernel's
 * own sysfs).  A non-zero return from @fn stops the walk and is returned.
 */
typedef int (*sysfs_bus_dev_fn)(struct daxctl_ctx *ctx, int region_id,
				const char *name, const char *dev_path,
				void *arg);
int sysfs_bus_for_each_dev(struct daxctl_ctx *ctx, sysfs_bus_dev_fn fn,
			   void *arg);
/*
 * Call @fn for every entry "dax<region_id>.<N>" of @region_path, in readdir
 * order, with the device id N, the name and the device path.
 */
typedef int (*sysfs_region_dev_fn)(struct daxctl_ctx *ctx, int dev_id,
				   const char *name, const char *path,
				   void *arg);
int sysfs_region_for_each_dev(struct daxctl_ctx *ctx, const char *region_path,
			      int region_id, sysfs_region_dev_fn fn,
			      void *arg);
/* Parse "dax<X>.<Y>" strictly; 0 or -EINVAL. */
int sysfs_parse_devname(const char *name, int *region_id, int *dev_id);

/* ---- regions ---- */
int sysfs_region_read(struct daxctl_ctx *ctx, const char *region_path,
		      enum sysfs_region_attr attr, char *buf);
int sysfs_region_read_u64(struct daxctl_ctx *ctx, const char *region_path,
			  enum sysfs_region_attr attr,
			  unsigned long long *val);
int sysfs_region_write(struct daxctl_ctx *ctx, const char *region_path,
		       enum sysfs_region_attr attr, const char *val);
/*
 * The directory of the region locks (PATH_MAX bytes in @dir): /run/daxctl,
 * under a test root <root>/run/daxctl, or there DAXCTL_LOCK_DIR when set
 * (the simulator's root is a FUSE mount that cannot hold it).
 */
int sysfs_lock_dir(struct daxctl_ctx *ctx, char *dir);
/* true when <region>/dax_region exists */
bool sysfs_region_is_dax(struct daxctl_ctx *ctx, const char *region_path);

/* ---- devices ---- */
int sysfs_dev_read(struct daxctl_ctx *ctx, const char *dev_path,
		   enum sysfs_dev_attr attr, char *buf);
int sysfs_dev_read_u64(struct daxctl_ctx *ctx, const char *dev_path,
		       enum sysfs_dev_attr attr, unsigned long long *val);
int sysfs_dev_read_int(struct daxctl_ctx *ctx, const char *dev_path,
		       enum sysfs_dev_attr attr, int *val);
int sysfs_dev_write(struct daxctl_ctx *ctx, const char *dev_path,
		    enum sysfs_dev_attr attr, const char *val);
/* Write @val as "0x%llx". */
int sysfs_dev_write_hex(struct daxctl_ctx *ctx, const char *dev_path,
			enum sysfs_dev_attr attr, unsigned long long val);
/* Major/minor from the "dev" attribute, else from a stat of /dev/<name>. */
int sysfs_dev_chardev(struct daxctl_ctx *ctx, const char *dev_path,
		      const char *devname, int *major, int *minor);
/* "<root>/dev/<devname>" freshly allocated, or NULL. */
char *sysfs_dev_node_path(struct daxctl_ctx *ctx, const char *devname);
/*
 * open(2) /dev/<devname> below the root with @flags, following no
 * symlink: the fd or -errno (-ELOOP for a symlink on the way).
 */
int sysfs_dev_node_open(struct daxctl_ctx *ctx, const char *devname,
			int flags);
/*
 * symlink(@target, <root>@install): 0 or -errno (not logged above debug
 * level: the caller names the file it meant).
 */
int sysfs_modprobe_link(struct daxctl_ctx *ctx, const char *target,
			const char *install);
/* Which driver the device's "driver" link points at. */
int sysfs_dev_driver(struct daxctl_ctx *ctx, const char *dev_path,
		     enum sysfs_dax_driver *drv);
/* Write the device's name to @drv's bind: 0 or -errno. */
int sysfs_dev_bind(struct daxctl_ctx *ctx, const char *devname,
		   enum sysfs_dax_driver drv);
/*
 * Register the device id with @drv (new_id), then bind unless that bound
 * it: 1 when the driver link was seen pointing at @drv (new_id bound it),
 * 0 when the bind write succeeded (the link unread), or -errno.  new_id
 * makes the driver probe every unbound device it matches.
 */
int sysfs_dev_new_id(struct daxctl_ctx *ctx, const char *devname,
		     enum sysfs_dax_driver drv);
/* true when @drv is registered on the dax bus (module loaded or built in) */
bool sysfs_driver_registered(struct daxctl_ctx *ctx, enum sysfs_dax_driver drv);
/*
 * remove_id and unbind through the device's driver link; 0 (the unbind
 * write succeeded: the device has no driver now) or -errno.
 */
int sysfs_dev_unbind(struct daxctl_ctx *ctx, const char *dev_path,
		     const char *devname);
/* Kernel module name for a driver ("device_dax", "kmem"), or NULL. */
const char *sysfs_driver_module(enum sysfs_dax_driver drv);

/* ---- mappings ---- */
/* true when mapping<id>/ exists */
bool sysfs_mapping_exists(struct daxctl_ctx *ctx, const char *dev_path,
			  int id);
/* -ENOENT when mapping<id> does not exist. */
int sysfs_mapping_read_u64(struct daxctl_ctx *ctx, const char *dev_path,
			   int id, enum sysfs_mapping_attr attr,
			   unsigned long long *val);

/* ---- memory hotplug ---- */
int sysfs_memory_read(struct daxctl_ctx *ctx, enum sysfs_memory_attr attr,
		      char *buf);
/* block_size_bytes, parsed as hex */
/*
 * The kernel command line's memory_hotplug.memmap_on_memory ("Y", "N" or
 * "force") into @buf[SYSFS_ATTR_SIZE]; -ENOENT on kernels without it.
 */
int sysfs_memmap_on_memory_param(struct daxctl_ctx *ctx, char *buf);
int sysfs_memory_block_size(struct daxctl_ctx *ctx, unsigned long *size);
/* "<root>/sys/devices/system/node/node<N>" freshly allocated, or NULL. */
char *sysfs_node_path(struct daxctl_ctx *ctx, int node);
/*
 * Call @fn for every memory block "memoryM" linked from node @node's
 * directory (entries "memory_*" such as memory_failure are skipped), in
 * readdir order.  A non-zero return from @fn stops the walk and is
 * returned.  -ENOENT when the node directory does not exist.
 */
typedef int (*sysfs_memblock_fn)(struct daxctl_ctx *ctx, const char *block,
				 unsigned long id, void *arg);
int sysfs_node_for_each_memblock(struct daxctl_ctx *ctx, int node,
				 sysfs_memblock_fn fn, void *arg);
/* @block is a name "memoryM" */
int sysfs_memblock_read(struct daxctl_ctx *ctx, const char *block,
			enum sysfs_memblock_attr attr, char *buf);
/* phys_index parsed as hex */
int sysfs_memblock_phys_index(struct daxctl_ctx *ctx, const char *block,
			      unsigned long long *index);
int sysfs_memblock_write(struct daxctl_ctx *ctx, const char *block,
			 enum sysfs_memblock_attr attr, const char *val);
/*
 * An O_PATH fd of the memory subsystem directory (close it when done), so
 * that block attributes open relative to it instead of walking the whole
 * path each time; -errno.
 */
int sysfs_memory_dir_open(struct daxctl_ctx *ctx);
/*
 * open(2) @attr of block memory<@id> with @flags, relative to @dirfd from
 * sysfs_memory_dir_open() (by path when @dirfd < 0).  @path (PATH_MAX)
 * receives the rooted path, for sysfs_fd_read()/sysfs_fd_write() logs.
 * The fd, or -errno (logged, except for O_WRONLY: see sysfs_fd_write()).
 */
int sysfs_memblock_open(struct daxctl_ctx *ctx, int dirfd, unsigned long id,
			enum sysfs_memblock_attr attr, int flags, char *path);
/*
 * The kernel log, <root>/dev/kmsg, opened non-blocking at its oldest
 * record: the fd or -errno (not logged: callers use it as a hint).
 */
int sysfs_kmsg_open(struct daxctl_ctx *ctx);

/* Node states of <root>/sys/devices/system/node/ */
enum sysfs_node_state {
	NODE_STATE_HAS_MEMORY,	      /* has_memory: some memory online */
	NODE_STATE_HAS_NORMAL_MEMORY, /* has_normal_memory: some below Movable */
};
/* 1 when @node is in the @state list, 0 when not, -errno */
int sysfs_node_state_has(struct daxctl_ctx *ctx, enum sysfs_node_state state,
			 int node);
/* MemTotal of nodeN/meminfo, in bytes */
int sysfs_node_memtotal(struct daxctl_ctx *ctx, int node,
			unsigned long long *bytes);

#endif /* _LIBDAXCTL_SYSFS_H_ */
