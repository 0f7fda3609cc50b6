/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libdaxctl internals shared by ctx.c, sysfs.c, region.c, dev.c, mapping.c
 * and memory.c.  Nothing here is part of the public ABI.
 *
 * Object model: the ctx owns a list of regions, a region owns a list of
 * devices, a device owns a list of mappings and (for system-ram devices) a
 * struct daxctl_memory.  Objects are created lazily on first iteration and
 * freed together with their owner.
 */
#ifndef _LIBDAXCTL_PRIVATE_H_
#define _LIBDAXCTL_PRIVATE_H_

#include <stdbool.h>
#include <stddef.h>
#include <syslog.h>

#include <libdaxctl/libdaxctl.h>

/* Symbols listed in libdaxctl.sym; everything else is hidden. */
#define DAXCTL_EXPORT __attribute__((visibility("default")))

#ifndef container_of
#define container_of(ptr, type, member)                                        \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

/* ---- a small intrusive doubly linked list (circular, with a head) ---- */
struct list_node {
	struct list_node *next, *prev;
};

struct list_head {
	struct list_node n;
};

static inline void list_head_init(struct list_head *h)
{
	h->n.next = h->n.prev = &h->n;
}

static inline bool list_empty(const struct list_head *h)
{
	return h->n.next == &h->n;
}

static inline void __list_insert(struct list_node *node, struct list_node *prev,
				 struct list_node *next)
{
	node->prev = prev;
	node->next = next;
	prev->next = node;
	next->prev = node;
}

/* Insert at the front. */
static inline void list_add(struct list_head *h, struct list_node *node)
{
	__list_insert(node, &h->n, h->n.next);
}

/* Insert at the back. */
static inline void list_add_tail(struct list_head *h, struct list_node *node)
{
	__list_insert(node, h->n.prev, &h->n);
}

static inline void list_del(struct list_node *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->next = node->prev = node;
}

/* First entry of @h, or NULL. */
#define list_first_entry_or_null(h, type, member)                              \
	(list_empty(h) ? NULL : container_of((h)->n.next, type, member))

/* Entry after @pos on @h, or NULL at the end. */
#define list_next_entry_or_null(h, pos, member)                                \
	((pos)->member.next == &(h)->n                                         \
		 ? NULL                                                        \
		 : container_of((pos)->member.next, __typeof__(*(pos)), member))

#define list_for_each(h, pos, member)                                          \
	for (pos = container_of((h)->n.next, __typeof__(*(pos)), member);      \
	     &(pos)->member != &(h)->n;                                        \
	     pos = container_of((pos)->member.next, __typeof__(*(pos)), member))

#define list_for_each_safe(h, pos, tmp, member)                                \
	for (pos = container_of((h)->n.next, __typeof__(*(pos)), member),     \
	    tmp = container_of((pos)->member.next, __typeof__(*(pos)), member); \
	     &(pos)->member != &(h)->n; pos = tmp,                             \
	    tmp = container_of((pos)->member.next, __typeof__(*(pos)), member))

/* ---- logging (ctx.c) ---- */
void daxctl_log(struct daxctl_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, ...)
	__attribute__((format(printf, 6, 7)));

#define daxctl_log_cond(ctx, prio, ...)                                        \
	do {                                                                   \
		if (daxctl_get_log_priority(ctx) >= (prio))                    \
			daxctl_log(ctx, prio, __FILE__, __LINE__, __func__,    \
				   __VA_ARGS__);                               \
	} while (0)

#define dbg(ctx, ...)	 daxctl_log_cond(ctx, LOG_DEBUG, __VA_ARGS__)
#define info(ctx, ...)	 daxctl_log_cond(ctx, LOG_INFO, __VA_ARGS__)
#define notice(ctx, ...) daxctl_log_cond(ctx, LOG_NOTICE, __VA_ARGS__)
#define err(ctx, ...)	 daxctl_log_cond(ctx, LOG_ERR, __VA_ARGS__)

/*
 * Kernel attribute plausibility.  An alignment is a page size, so a
 * non-zero multiple of the smallest page any architecture has (kernels
 * only take powers of two, but fixtures of odd multiples read back like
 * the reference); a node id is below MAX_NUMNODES, at most 1 << 10
 * (NODES_SHIFT's limit), or -1 for "no node".
 */
#define MIN_PAGE_SIZE 4096ULL
#define DAXCTL_MAX_NUMNODES 1024

static inline bool align_plausible(unsigned long long v)
{
	return v && v % MIN_PAGE_SIZE == 0;
}

static inline bool node_plausible(int node)
{
	return node >= -1 && node < DAXCTL_MAX_NUMNODES;
}

/* ---- objects ---- */
struct daxctl_kmod; /* kmod.c */

struct daxctl_ctx {
	int refcount;
	int log_priority;
	void (*log_fn)(struct daxctl_ctx *ctx, int priority, const char *file,
		       int line, const char *fn, const char *format,
		       va_list args);
	void *userdata;
	char *config_path;
	daxctl_progress_fn progress_fn; /* daxctl_set_progress_fn() */
	void *progress_data;
	/* realpath of the sysfs root, "/" by default; no trailing slash
	 * except for "/" itself */
	char *root;
	struct daxctl_kmod *kmod; /* kmod.c: libkmod, opened on first load */
	bool regions_init;
	struct list_head regions;
};

/* Report memory-block progress to the ctx's progress_fn, if any. */
static inline void ctx_progress(struct daxctl_ctx *ctx, struct daxctl_dev *dev,
				const char *op, int done, int total)
{
	if (ctx && ctx->progress_fn)
		ctx->progress_fn(dev, op, done, total, ctx->progress_data);
}

struct daxctl_region {
	struct list_node list; /* on ctx->regions */
	struct daxctl_ctx *ctx;
	int refcount;
	int id;
	uuid_t uuid;
	char *path;	/* the region device's resolved path (root included) */
	char *devname; /* basename of path */
	unsigned long long size;  /* cached, ULLONG_MAX when unreadable */
	unsigned long align;	  /* cached, ULONG_MAX when unreadable */
	bool devices_init;
	struct list_head devices;
	int lock_fd;	/* valid while lock_depth > 0 (lock.c) */
	int lock_depth;
};

struct daxctl_dev {
	struct list_node list; /* on region->devices */
	struct daxctl_region *region;
	int id;		/* the Y of daxX.Y */
	char *devname; /* "daxX.Y" */
	char *path;	/* <region path>/daxX.Y */
	char *node_path; /* <root>/dev/daxX.Y, made on first use */
	int major, minor;
	unsigned long long size;
	unsigned long long resource; /* 0 when unknown */
	unsigned long align;	     /* 0 when the attribute is absent */
	int target_node;	     /* -1 when absent */
	int numa_node;		     /* -1 when absent */
	enum daxctl_dev_mode mode;
	/*
	 * DEV_CACHED_* bits of the fields above that hold what sysfs said
	 * since the last write or rescan; the others are read on first use
	 * (dev.c).  A region with N devices then costs no N attribute reads
	 * per rescan, only the directory read.
	 */
	unsigned int cached;
	bool mappings_init;
	struct list_head mappings; /* in the peer's order, see mapping.c */
	struct daxctl_memory *mem; /* owned; see daxctl_dev_get_memory() */
	bool seen;		   /* scan bookkeeping (dev.c) */
};

struct daxctl_mapping {
	struct list_node list; /* on dev->mappings */
	struct daxctl_dev *dev;
	int id;
	unsigned long long start, end, pgoff;
};

/* ---- cross-module internals ---- */
/* ctx.c: load a kernel module by name; 0 also when loaded or built in.
 * Does nothing (returns 0) under a sysfs root other than "/". */
int daxctl_ctx_load_module(struct daxctl_ctx *ctx, const char *name);

/*
 * kmod.c (libkmod, the shared library) or modprobe.c (a static daxctl):
 * load module @name, 0 also when it is loaded or built in; and free what
 * the loader kept in the ctx.
 */
int module_load(struct daxctl_ctx *ctx, const char *name);
void module_loader_free(struct daxctl_ctx *ctx);

/* region.c */
void daxctl_regions_free(struct daxctl_ctx *ctx);

/* dev.c */
/*
 * Bring region->devices in line with sysfs: new devices are added, devices
 * that vanished are freed, the others keep their object (and pointers to
 * them stay valid) with refreshed attributes.
 */
void daxctl_region_devices_scan(struct daxctl_region *region);
void daxctl_region_devices_free(struct daxctl_region *region);
void daxctl_dev_free(struct daxctl_dev *dev);
/* (Re)read the cached attributes of @dev; 0 or -errno. */
int daxctl_dev_read_attrs(struct daxctl_dev *dev);

/* mapping.c */
void daxctl_mappings_free(struct daxctl_dev *dev);

/* lock.c: release the region's lock, whatever its depth, before a free */
void daxctl_region_lock_drop(struct daxctl_region *region);

/*
 * memory.c provides these two, plus the public daxctl_memory_* and
 * daxctl_memory_block_* API.  dev.c calls daxctl_memory_new() from
 * daxctl_dev_get_memory() when the device is in system-ram mode (and
 * caches the result in dev->mem), and daxctl_memory_free() when the device
 * is freed or leaves system-ram mode.  struct daxctl_memory and struct
 * daxctl_memory_block are private to memory.c.  Everything memory.c needs
 * from the device is in struct daxctl_dev (resource, size, target_node) or
 * in the public getters; every sysfs access goes through sysfs.h.
 */
struct daxctl_memory *daxctl_memory_new(struct daxctl_dev *dev);
void daxctl_memory_free(struct daxctl_memory *mem);
/* forget the blocks' known state and zone: the next query reads them */
void daxctl_memory_forget(struct daxctl_memory *mem);

#endif /* _LIBDAXCTL_PRIVATE_H_ */
