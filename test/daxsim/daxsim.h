/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * daxsim: a simulator of the dax bus sysfs ABI (Documentation/ABI/sysfs-bus-dax)
 * and of the memory-hotplug files that daxctl uses, served through FUSE.
 *
 * model.c     the kernel state and every store/show, errno for errno
 * topology.c  the JSON topology file
 * tree.c      the virtual sysfs/dev tree: directories, attributes, links
 * main.c      options, fault rules, write log, FUSE glue
 */
#ifndef DAXSIM_H
#define DAXSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef uint64_t u64;

#define SZ_4K 0x1000ULL
#define SZ_2M 0x200000ULL
#define SZ_1G 0x40000000ULL
#define SUBSECTION_SIZE SZ_2M
#define PAGE_SHIFT 12

enum drv_id { DRV_NONE = 0, DRV_DEVDAX = 1, DRV_KMEM = 2, NR_DRV = 3 };

enum mem_state { MEM_OFFLINE = 0, MEM_ONLINE = 1 };
enum mem_zone { ZONE_NONE = 0, ZONE_NORMAL = 1, ZONE_MOVABLE = 2 };
/* online types, as mhp_online_type_from_str() */
enum { MMOP_OFFLINE = 0, MMOP_ONLINE, MMOP_ONLINE_KERNEL, MMOP_ONLINE_MOVABLE };

/* what unbinding kmem does while some of its memory is online */
enum kmem_unbind_policy {
	KMEM_UNBIND_LEAK = 0, /* Linux 6.1: unbind succeeds, online ranges stay added */
	KMEM_UNBIND_EBUSY = 1, /* unbind refused with EBUSY */
};

/* which ABI the simulator speaks */
enum profile {
	PROFILE_LINUX = 0,  /* upstream Linux 6.1 as measured (test/vm/kernel-observations.md) */
	PROFILE_SERIES = 1, /* our kernel series: Documentation/ABI/sysfs-bus-dax */
};

struct drange {
	u64 start, end; /* inclusive */
	u64 pgoff;      /* in pages */
};

struct region;

struct ddev {
	struct region *region;
	int id;
	int minor;
	u64 align;
	int nr;
	struct drange *ranges;
	int drv;
	/*
	 * Series: a driver's remove() failed (kmem memory still online), so
	 * the capacity stays allocated until the next boot: size and mapping
	 * writes fail with EBUSY. Never cleared, as in the kernel.
	 */
	bool held;
	bool memmap_on_memory; /* Linux >= 6.8: memmap on the device when kmem adds it */
};

struct region {
	int id;   /* X of daxX.Y */
	int hmem; /* N of hmem.N */
	/*
	 * A static region: a persistent memory namespace in devdax mode,
	 * under the nvdimm bus; no available_size/seed/create/delete, and
	 * daxX.0's size and align are read-only (Linux's is_static()).
	 */
	bool is_static;
	u64 start, end; /* inclusive */
	u64 align;
	int target_node;
	int numa_node;
	struct ddev **devs; /* sorted by id */
	int ndev;
	struct ddev *seed;
	struct ddev *youngest;
};

/* a range hot-added by kmem; owner NULL once leaked by an unbind */
struct hotadd {
	u64 start, end;
	struct ddev *owner;
};

struct memblock {
	u64 index; /* phys_index: address / block size */
	int node;
	int state;
	int zone;
	bool boot; /* boot memory, not from kmem */
};

struct driver {
	const char *name;
	const char *module;
	bool match_always;
	char **ids;
	int nids;
};

struct fault {
	char *path;     /* glob or path (symlinks resolved at match time) */
	long nth;       /* 1-based; 0 = every write */
	bool and_after; /* "N+" */
	int err;
	long seen;
	long hits;
};

struct sim {
	struct region **regions;
	int nregion;
	struct memblock *blocks; /* sorted by index */
	int nblock;
	struct hotadd *hot;
	int nhot;
	u64 block_size;
	int auto_online; /* MMOP_* */
	int kmem_unbind;
	int profile;
	bool profile_forced; /* --profile given: the topology's "profile" is ignored */
	bool pud_align; /* 1 GiB align accepted */
	bool region_idle; /* dax_hmem.region_idle=1 (only shown in the module parameter) */
	/*
	 * Linux >= 6.8: devices have memmap_on_memory, and the kernel command
	 * line's memory_hotplug.memmap_on_memory decides whether it may be set.
	 */
	bool memmap_attr;
	bool memmap_param;
	unsigned dax_major;
	unsigned char *minors; /* bitmap-ish: one byte per minor */
	int nminor;
	int max_node;
	struct driver drv[NR_DRV];
	/*
	 * Series (v6 28/29): /sys/kernel/debug/fail_dax_resource, a fault
	 * attribute checked before the resource adjustments of a resize
	 * (probability in percent, interval, times; -1 times: no limit).
	 */
	u64 failres_probability;
	u64 failres_interval;
	int failres_times;
	u64 failres_count;
	struct fault *faults;
	int nfault;
	long writes;
};

extern struct sim S;

/* model.c */
void sim_init(void);
void sim_free(void);
struct region *region_new(int id, int hmem, u64 start, u64 size, u64 align, int tnode, int nnode);
struct ddev *dev_new(struct region *r, int id);
int dev_append_range(struct ddev *d, u64 start, u64 end);
int dev_probe(struct ddev *d, int drv);
u64 dev_size(const struct ddev *d);
u64 region_avail(const struct region *r);
struct ddev *dev_find(const char *name);
void dev_name(const struct ddev *d, char *buf, size_t len);
struct memblock *block_find(u64 index);
void block_add(u64 index, int node, bool boot, int online_type);
int block_online(struct memblock *b, int online_type);
const char *zone_name(int zone);
void valid_zones(const struct memblock *b, char *buf, size_t len);
int driver_id_add(struct driver *drv, const char *name);
bool driver_has_id(const struct driver *drv, const char *name);
int online_type_from_str(const char *s);
int profile_from_str(const char *s);
const char *profile_name(int profile);
extern const char *const online_type_names[];

/* stores: return 0 or -errno; buf is a NUL-terminated copy of what was written */
int store_region_create(struct region *r, const char *buf);
int store_region_delete(struct region *r, const char *buf);
int store_dev_size(struct ddev *d, const char *buf);
int store_dev_align(struct ddev *d, const char *buf);
int store_dev_memmap_on_memory(struct ddev *d, const char *buf);
int store_dev_mapping(struct ddev *d, const char *buf);
int store_drv_bind(int drv, const char *buf);
int store_drv_unbind(int drv, const char *buf);
int store_drv_new_id(int drv, const char *buf);
int store_drv_remove_id(int drv, const char *buf);
int store_bus_probe(const char *buf);
int store_mem_state(struct memblock *b, const char *buf);
int store_mem_online(struct memblock *b, const char *buf);
int store_auto_online(const char *buf);
int store_failres(int which, const char *buf); /* 0 probability, 1 interval, 2 times */

/* kernel string helpers */
int k_strtoull(const char *s, unsigned base, u64 *res);
int k_strtoint(const char *s, unsigned base, int *res);
int k_strtobool(const char *s, bool *res);
bool sysfs_streq(const char *a, const char *b);

/* topology.c */
int topology_load(const char *path, char *err, size_t errlen);
int parse_size(const char *s, u64 *out);
int parse_errno(const char *s);
int fault_parse(const char *spec, struct fault *f);

/* tree.c */
struct fuse_operations;
extern const struct fuse_operations daxsim_ops;
int tree_canon(const char *path, char *out, size_t len);
void tree_set_host_dev(void);

/* main.c */
int sim_reset(void);
void log_write(const char *path, const char *val, size_t len, int rc, bool injected);
int fault_check(const char *path);

#endif
