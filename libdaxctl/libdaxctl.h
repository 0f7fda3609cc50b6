/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libdaxctl: enumerate and provision device-dax regions and devices
 * through the dax bus sysfs ABI (Documentation/ABI/sysfs-bus-dax).
 *
 * Conventions, kept source-compatible with the libdaxctl users link against
 * today: objects are owned by the context and live until daxctl_unref()
 * drops the last reference; calls that change state return 0 (or a
 * non-negative count) on success and a negative errno on failure, and never
 * print anything except through the context's log function.
 *
 * Binary compatibility: libdaxctl.so.1 exports every function of ndctl's
 * libdaxctl (v81) at ndctl's version node with ndctl's prototype, so
 * programs built against ndctl's library (daxctl, ndctl, memkind, PMDK) run
 * on this one unchanged.  Functions ndctl does not have are in the node
 * LIBDAXCTL_SUBDIV_1; a program that uses them needs this library.
 * Where the behaviour differs on purpose (Documentation/compatibility.md,
 * section 5), callers of ndctl's library see:
 *  - daxctl_dev_set_size(), _set_align() and _set_mapping() return the
 *    kernel's errno (-EBUSY, -EINVAL, -ENOSPC...), not always -ENXIO;
 *  - daxctl_memory_online(), _online_no_movable() and _offline() are
 *    all-or-nothing: on failure the blocks the call changed are put back;
 *  - a device's memory blocks are those inside its ranges (mappingN), not
 *    every block in [resource, resource + size);
 *  - daxctl_dev_enable_devdax() and _enable_ram() write the driver's "bind"
 *    first, and "new_id" only when the driver does not match the device
 *    yet (a new_id write binds every idle device the driver matches).
 */
#ifndef _LIBDAXCTL_H_
#define _LIBDAXCTL_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <uuid/uuid.h>

#ifdef __cplusplus
extern "C" {
#endif

struct daxctl_ctx;
struct daxctl_region;
struct daxctl_dev;
struct daxctl_mapping;
struct daxctl_memory;
struct daxctl_memory_block;

/* ---- context (ctx.c) ---- */
int daxctl_new(struct daxctl_ctx **ctx);
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx);
void daxctl_unref(struct daxctl_ctx *ctx);
void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		       void (*log_fn)(struct daxctl_ctx *ctx, int priority,
				      const char *file, int line,
				      const char *fn, const char *format,
				      va_list args));
int daxctl_get_log_priority(struct daxctl_ctx *ctx);
void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority);
void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata);
void *daxctl_get_userdata(struct daxctl_ctx *ctx);
int daxctl_set_config_path(struct daxctl_ctx *ctx, char *config_path);
const char *daxctl_get_config_path(struct daxctl_ctx *ctx);

/*
 * Test hook: resolve every sysfs and /dev path below @root instead of "/"
 * (the environment variable DAXCTL_SYSFS_ROOT does the same at daxctl_new()
 * time).  Must be called before the first region scan; -EBUSY afterwards.
 */
int daxctl_ctx_set_sysfs_root(struct daxctl_ctx *ctx, const char *root);
const char *daxctl_ctx_get_sysfs_root(struct daxctl_ctx *ctx);
/* true when the sysfs root is not "/": see libdaxctl-root(3) */
bool daxctl_ctx_is_rooted(struct daxctl_ctx *ctx);
/* the modprobe policy of daxctl-migrate-device-model(1): 0 or -errno */
int daxctl_migrate_device_model(struct daxctl_ctx *ctx);

/* ---- regions (region.c) ---- */
struct daxctl_region *daxctl_new_region(struct daxctl_ctx *ctx, int id,
					uuid_t uuid, const char *path);
struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx);
struct daxctl_region *daxctl_region_get_next(struct daxctl_region *region);
#define daxctl_region_foreach(ctx, region)                                     \
	for (region = daxctl_region_get_first(ctx); region != NULL;            \
	     region = daxctl_region_get_next(region))
#define daxctl_region_foreach_safe(ctx, region, _region)                       \
	for (region = daxctl_region_get_first(ctx),                            \
	    _region = region ? daxctl_region_get_next(region) : NULL;          \
	     region != NULL; region = _region,                                 \
	    _region = _region ? daxctl_region_get_next(_region) : NULL)
void daxctl_region_ref(struct daxctl_region *region);
void daxctl_region_unref(struct daxctl_region *region);
void daxctl_region_get_uuid(struct daxctl_region *region, uuid_t uu);
int daxctl_region_get_id(struct daxctl_region *region);
struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *region);
/* Re-read from sysfs on every call; 0 when unreadable or absent. */
unsigned long long daxctl_region_get_available_size(struct daxctl_region *region);
/* Cached at scan time; ULLONG_MAX / ULONG_MAX when unreadable. */
unsigned long long daxctl_region_get_size(struct daxctl_region *region);
unsigned long daxctl_region_get_align(struct daxctl_region *region);
const char *daxctl_region_get_devname(struct daxctl_region *region);
const char *daxctl_region_get_path(struct daxctl_region *region);
/* below /sys/devices and without the sysfs root: "/platform/hmem.0" */
const char *daxctl_region_get_display_path(struct daxctl_region *region);
/* The device named by the region's "seed" attribute, re-read on each call. */
struct daxctl_dev *daxctl_region_get_dev_seed(struct daxctl_region *region);
/* Write "create"; the new seed is then found by daxctl_region_get_dev_seed(). */
int daxctl_region_create_dev(struct daxctl_region *region);
bool daxctl_region_is_static(struct daxctl_region *region);
int daxctl_region_destroy_dev(struct daxctl_region *region,
			      struct daxctl_dev *dev);
/* Drop the cached device list so the next iteration rescans sysfs. */
void daxctl_region_rescan(struct daxctl_region *region);
/*
 * Exclusive advisory lock on the region between processes (lock.c,
 * Documentation/locking.md), held by every mutating daxctl command.
 * @timeout_ms < 0 waits forever, 0 tries once.  Nests within one context.
 * 0 (and the device list is rescanned), -EBUSY when another process still
 * holds it at the deadline, or -errno.
 */
int daxctl_region_lock(struct daxctl_region *region, int timeout_ms);
/* 0, or -ENOLCK when not locked */
int daxctl_region_unlock(struct daxctl_region *region);
int daxctl_region_is_locked(struct daxctl_region *region);
/*
 * Who holds the region's lock: the pid (its command name in @comm), 0 when
 * no holder is found (free, or in another pid namespace), or -errno.
 */
int daxctl_region_get_lock_holder(struct daxctl_region *region, char *comm,
				  size_t len);

/* ---- devices (dev.c) ---- */
enum daxctl_dev_mode {
	DAXCTL_DEV_MODE_UNKNOWN = -1,
	DAXCTL_DEV_MODE_DISABLED = 0, /* no driver bound */
	DAXCTL_DEV_MODE_DEVDAX, /* bound to device_dax */
	DAXCTL_DEV_MODE_RAM, /* bound to kmem (system-ram) */
};

struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region);
struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev);
#define daxctl_dev_foreach(region, dev)                                        \
	for (dev = daxctl_dev_get_first(region); dev != NULL;                  \
	     dev = daxctl_dev_get_next(dev))
#define daxctl_dev_foreach_safe(region, dev, _dev)                             \
	for (dev = daxctl_dev_get_first(region),                               \
	    _dev = dev ? daxctl_dev_get_next(dev) : NULL;                      \
	     dev != NULL;                                                      \
	     dev = _dev, _dev = _dev ? daxctl_dev_get_next(_dev) : NULL)
struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev);
struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev);
int daxctl_dev_get_id(struct daxctl_dev *dev);
const char *daxctl_dev_get_devname(struct daxctl_dev *dev);
/* the character device below the sysfs root, and open(2) of it */
const char *daxctl_dev_get_node_path(struct daxctl_dev *dev);
int daxctl_dev_open_node(struct daxctl_dev *dev, int flags);
int daxctl_dev_get_major(struct daxctl_dev *dev);
int daxctl_dev_get_minor(struct daxctl_dev *dev);
unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev);
unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev);
unsigned long daxctl_dev_get_align(struct daxctl_dev *dev);
int daxctl_dev_get_target_node(struct daxctl_dev *dev);
int daxctl_dev_get_numa_node(struct daxctl_dev *dev);
enum daxctl_dev_mode daxctl_dev_get_mode(struct daxctl_dev *dev);
/* "disabled", "devdax" or "system-ram" ("unknown" otherwise), and back. */
const char *daxctl_dev_mode_name(enum daxctl_dev_mode mode);
enum daxctl_dev_mode daxctl_dev_mode_from_name(const char *name);
int daxctl_dev_is_enabled(struct daxctl_dev *dev);
int daxctl_dev_is_system_ram_capable(struct daxctl_dev *dev);

int daxctl_dev_disable(struct daxctl_dev *dev);
int daxctl_dev_enable_devdax(struct daxctl_dev *dev);
int daxctl_dev_enable_ram(struct daxctl_dev *dev);
/*
 * The kernel errno is returned as is (-EBUSY, -EINVAL, -ENOSPC, ...);
 * ndctl's library returns -ENXIO for all of them.
 */
int daxctl_dev_set_size(struct daxctl_dev *dev, unsigned long long size);
int daxctl_dev_set_align(struct daxctl_dev *dev, unsigned long align);
/* Append the inclusive physical range [start, end] to the device. */
int daxctl_dev_set_mapping(struct daxctl_dev *dev, unsigned long long start,
			   unsigned long long end);
/* Re-read size, align, resource, mode and mappings after an outside change. */
int daxctl_dev_refresh(struct daxctl_dev *dev);
/*
 * memmap_on_memory (Linux >= 6.8): when set, kmem places the struct page
 * array of the memory it hot-adds (about 1.6% of it) on that memory instead
 * of in the system's RAM.  get: 1 or 0.  set: only while the device is not
 * in system-ram mode (else -EBUSY), and setting needs the kernel command
 * line's memory_hotplug.memmap_on_memory (else -EOPNOTSUPP).  Both return
 * -EOPNOTSUPP on kernels without the attribute.
 */
int daxctl_dev_get_memmap_on_memory(struct daxctl_dev *dev);
int daxctl_dev_set_memmap_on_memory(struct daxctl_dev *dev, bool enable);
/*
 * Whether the kernel was booted with memory_hotplug.memmap_on_memory: 1 or
 * 0, -EOPNOTSUPP when the kernel has no such parameter.
 */
int daxctl_memmap_on_memory_allowed(struct daxctl_ctx *ctx);

struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev);
int daxctl_dev_will_auto_online_memory(struct daxctl_dev *dev);
int daxctl_dev_has_online_memory(struct daxctl_dev *dev);

/* ---- mappings (mapping.c): a device's physical ranges, mappingN/ ---- */
struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev);
struct daxctl_mapping *daxctl_mapping_get_next(struct daxctl_mapping *mapping);
#define daxctl_mapping_foreach(dev, mapping)                                   \
	for (mapping = daxctl_mapping_get_first(dev); mapping != NULL;         \
	     mapping = daxctl_mapping_get_next(mapping))
unsigned long long daxctl_mapping_get_start(struct daxctl_mapping *mapping);
/* Inclusive. */
unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_offset(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *mapping);
/* The N of mappingN. */
int daxctl_mapping_get_id(struct daxctl_mapping *mapping);

/* ---- system-ram memory (memory.c) ---- */
/*
 * The memory block size of the machine (block_size_bytes): the unit in
 * which memory goes online, so the unit a device meant for system-ram
 * should be sized in.  0 or -errno.
 */
int daxctl_ctx_get_memory_block_size(struct daxctl_ctx *ctx,
				     unsigned long *size);
struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem);
const char *daxctl_memory_get_node_path(struct daxctl_memory *mem);
unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem);
/*
 * Counts of blocks changed, or a negative errno.  All-or-nothing, unlike
 * ndctl's library, which stops at the first block that fails and leaves
 * the earlier ones changed: here the blocks this call changed are changed
 * back (offlined blocks return to their zone) before the errno is returned.
 */
int daxctl_memory_online(struct daxctl_memory *mem);
int daxctl_memory_online_no_movable(struct daxctl_memory *mem);
int daxctl_memory_offline(struct daxctl_memory *mem);
const char *daxctl_memory_get_failure(struct daxctl_memory *mem);
int daxctl_memory_is_online(struct daxctl_memory *mem);
int daxctl_memory_num_sections(struct daxctl_memory *mem);
/* 1 all Movable, 0 otherwise, negative errno when a block is offline. */
int daxctl_memory_is_movable(struct daxctl_memory *mem);

/*
 * Progress of daxctl_memory_online(), _online_no_movable() and _offline():
 * @fn is called before the first block with @done 0, then after each
 * block, with the number of blocks visited and the total; @op is "online"
 * or "offline".  NULL (the default) turns it off.
 */
typedef void (*daxctl_progress_fn)(struct daxctl_dev *dev, const char *op,
				   int done, int total, void *data);
void daxctl_set_progress_fn(struct daxctl_ctx *ctx, daxctl_progress_fn fn,
			    void *data);

/* Memory blocks of a system-ram device, in address order. */
enum daxctl_memory_zone {
	DAXCTL_MEMORY_ZONE_UNKNOWN = 0, /* offline, or mixed */
	DAXCTL_MEMORY_ZONE_NORMAL,
	DAXCTL_MEMORY_ZONE_MOVABLE,
};
struct daxctl_memory_block *daxctl_memory_block_get_first(struct daxctl_memory *mem);
struct daxctl_memory_block *
daxctl_memory_block_get_next(struct daxctl_memory_block *block);
#define daxctl_memory_block_foreach(mem, block)                                \
	for (block = daxctl_memory_block_get_first(mem); block != NULL;        \
	     block = daxctl_memory_block_get_next(block))
/* The N of memoryN. */
unsigned long daxctl_memory_block_get_id(struct daxctl_memory_block *block);
unsigned long long daxctl_memory_block_get_start(struct daxctl_memory_block *block);
/* 1 online, 0 offline, negative errno when unreadable.  Read live. */
int daxctl_memory_block_is_online(struct daxctl_memory_block *block);
enum daxctl_memory_zone
daxctl_memory_block_get_zone(struct daxctl_memory_block *block);
/* 0 on success (also when already in that state), negative errno otherwise. */
int daxctl_memory_block_online(struct daxctl_memory_block *block, bool movable);
int daxctl_memory_block_offline(struct daxctl_memory_block *block);

/*
 * ---- transactions (txn.c, layout.c; man libdaxctl-txn) ----
 *
 * A transaction makes a set of changes to one or more regions all or
 * nothing.  daxctl_txn_begin() locks the regions added to it (ascending
 * id, so that transactions never wait on each other in a cycle) and
 * records their devices; each device is saved with daxctl_txn_save_dev()
 * before it is changed.  daxctl_txn_rollback() puts every saved device
 * back (ranges, alignment, mode, online memory blocks) and deletes the
 * devices created since the beginning; what cannot be put back is listed,
 * one entry per device.  daxctl_txn_free() of an active transaction rolls
 * it back.
 */
struct daxctl_txn;
struct daxctl_txn_entry;
struct daxctl_layout;

int daxctl_txn_new(struct daxctl_ctx *ctx, struct daxctl_txn **txn);
void daxctl_txn_free(struct daxctl_txn *txn);
/* Before daxctl_txn_begin() only (-EBUSY after); a region added twice once. */
int daxctl_txn_add_region(struct daxctl_txn *txn,
			  struct daxctl_region *region);
/*
 * Lock every region (@timeout_ms as in daxctl_region_lock()).  On -EBUSY
 * daxctl_txn_get_busy_region() names the region that stayed locked, and
 * nothing is held.
 */
int daxctl_txn_begin(struct daxctl_txn *txn, int timeout_ms);
struct daxctl_region *daxctl_txn_get_busy_region(struct daxctl_txn *txn);
/* Save the device's state now, unless saved already or created since. */
int daxctl_txn_save_dev(struct daxctl_txn *txn, struct daxctl_dev *dev);
int daxctl_txn_save_region(struct daxctl_txn *txn,
			   struct daxctl_region *region);
/* Keep the changes and release the locks. */
int daxctl_txn_commit(struct daxctl_txn *txn);
/*
 * Undo, then release the locks: 0 when every saved device is as it was,
 * the number of remainder entries when some are not, or -errno.
 */
int daxctl_txn_rollback(struct daxctl_txn *txn);
/* How many writes the rollback made (0: nothing had changed). */
int daxctl_txn_get_undone(struct daxctl_txn *txn);
/* One line saying why the last daxctl_txn_apply_layout() failed, or NULL. */
const char *daxctl_txn_get_reason(struct daxctl_txn *txn);

/*
 * A process killed in the middle of a transaction leaves a journal under
 * /run/daxctl/journal; the next daxctl_txn_begin() on that region lists
 * what it left changed, one entry per device
 * (daxctl_txn_interrupted_get_first()).  daxctl_txn_recover() then puts
 * those devices back (@undo) or accepts them as they are, and forgets the
 * journals: 0, the number of remainder entries, or -errno.
 */
struct daxctl_txn_entry *
daxctl_txn_interrupted_get_first(struct daxctl_txn *txn);
int daxctl_txn_recover(struct daxctl_txn *txn, bool undo);

/* What a rollback could not restore, and what a dry run would change. */
struct daxctl_txn_entry *daxctl_txn_remainder_get_first(struct daxctl_txn *txn);
struct daxctl_txn_entry *daxctl_txn_plan_get_first(struct daxctl_txn *txn);
struct daxctl_txn_entry *
daxctl_txn_entry_get_next(struct daxctl_txn_entry *entry);
const char *daxctl_txn_entry_get_devname(struct daxctl_txn_entry *entry);
const char *daxctl_txn_entry_get_text(struct daxctl_txn_entry *entry);


/*
 * ---- layouts (layout.c) ----
 * The wanted state of whole regions, built one element at a time: every
 * device (others are deleted, daxX.0 only emptied) with its ranges in
 * page-offset order, its alignment and mode, and for system-ram devices
 * the memory blocks to online.  A device's size is the sum of its ranges.
 * -EINVAL for a malformed element, -EEXIST for one added twice.
 */
int daxctl_layout_new(struct daxctl_ctx *ctx, struct daxctl_layout **layout);
void daxctl_layout_free(struct daxctl_layout *layout);
int daxctl_layout_add_region(struct daxctl_layout *layout, int region_id,
			     unsigned long long size);
int daxctl_layout_add_dev(struct daxctl_layout *layout, int region_id,
			  int dev_id, enum daxctl_dev_mode mode,
			  unsigned long align);
int daxctl_layout_add_range(struct daxctl_layout *layout, int region_id,
			    int dev_id, unsigned long long start,
			    unsigned long long end);
int daxctl_layout_add_online(struct daxctl_layout *layout, int region_id,
			     int dev_id, unsigned long first,
			     unsigned long last, bool movable);
/* The device's memmap_on_memory (else the layout leaves it as it is). */
int daxctl_layout_set_memmap_on_memory(struct daxctl_layout *layout,
				       int region_id, int dev_id, bool enable);
/*
 * Add @region to @layout as it is now: every device (idle ones too), its
 * ranges, alignment, mode, memmap_on_memory when the kernel has it, and
 * the online memory blocks of system-ram devices.  -EEXIST when the
 * layout has the region already.
 */
int daxctl_layout_capture(struct daxctl_layout *layout,
			  struct daxctl_region *region);
/*
 * Reading a layout back, by index: regions in the order added, devices
 * in ascending id order, ranges in page-offset order, online blocks
 * ascending.  The index calls return -ENOENT past the end, the others
 * 0 (or UNKNOWN) for an element the layout does not have.
 * daxctl_layout_get_memmap_on_memory() is -ENOENT when the layout leaves
 * it as it is.
 */
int daxctl_layout_get_region_id(struct daxctl_layout *layout, int index);
unsigned long long daxctl_layout_get_region_size(struct daxctl_layout *layout,
						 int region_id);
int daxctl_layout_get_dev_id(struct daxctl_layout *layout, int region_id,
			     int index);
enum daxctl_dev_mode daxctl_layout_get_dev_mode(struct daxctl_layout *layout,
						int region_id, int dev_id);
unsigned long daxctl_layout_get_dev_align(struct daxctl_layout *layout,
					  int region_id, int dev_id);
unsigned long long daxctl_layout_get_dev_size(struct daxctl_layout *layout,
					      int region_id, int dev_id);
int daxctl_layout_get_memmap_on_memory(struct daxctl_layout *layout,
				       int region_id, int dev_id);
int daxctl_layout_get_range(struct daxctl_layout *layout, int region_id,
			    int dev_id, int index, unsigned long long *start,
			    unsigned long long *end);
int daxctl_layout_get_online(struct daxctl_layout *layout, int region_id,
			     int dev_id, int index, unsigned long *first,
			     unsigned long *last, bool *movable);
/* Add the layout's regions to @txn (before begin); -ENXIO for one absent. */
int daxctl_txn_add_layout(struct daxctl_txn *txn, struct daxctl_layout *layout);

/* Change enabled devices too (their memory is offlined first). */
#define DAXCTL_LAYOUT_FORCE (1U << 0)
/* Only plan: daxctl_txn_plan_get_first() lists what would change. */
#define DAXCTL_LAYOUT_DRY_RUN (1U << 1)
/*
 * Check every region of @layout against the machine (size, ids, ranges
 * aligned and disjoint, enabled devices without FORCE) before the first
 * write, then make each region look like the layout, saving its devices
 * in @txn first.  The number of changes made (or planned), or -errno with
 * daxctl_txn_get_reason() saying why; the transaction stays active either
 * way, for the caller to commit or roll back.
 */
int daxctl_txn_apply_layout(struct daxctl_txn *txn,
			    struct daxctl_layout *layout, unsigned int flags);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* _LIBDAXCTL_H_ */
