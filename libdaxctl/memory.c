// SPDX-License-Identifier: LGPL-2.1-only
/*
 * The system-ram side of a dax device: the memory blocks the kmem driver
 * hot-added for it, their online state and zone, and the kernel's
 * auto-online policy.
 *
 * Which blocks belong to a device.  kmem hot-adds every range of the
 * device (mappingN) trimmed inward to memory block boundaries, so a block
 * belongs to the device exactly when [start, start + block_size) lies
 * inside one of the device's ranges.  The reference takes the single span
 * [resource, resource + size) instead, which is wrong for a device whose
 * ranges are discontiguous (it would claim blocks of the gap, which may
 * belong to another device on the same node); when the mappings cannot be
 * read (mode 0400, non-root) we fall back to that span.
 *
 * Cost.  A block's id is its physical address divided by the block size
 * (the kernel's phys_index is the same number), so the block list comes
 * from a single readdir() of the target node's directory with no
 * per-block read, and it is kept for the life of the memory object: the
 * set of blocks cannot change while the device stays bound to kmem, and
 * the object is dropped by the device when its driver changes.  Online
 * state is always read live.  Onlining or offlining a block costs one
 * read of 'state' and one write; offlining also reads the zone once, so
 * that a failed transaction can put the block back where it was.
 *
 * Transactions.  daxctl_memory_online*() and daxctl_memory_offline() are
 * all-or-nothing: when a block refuses, the blocks this call already
 * changed are changed back (in reverse order, offlined blocks returning to
 * the zone they were in) and the kernel's errno is returned.  A block that
 * cannot be changed back is logged at error priority by name, so nothing
 * is left half-done silently; callers can list the remaining state with
 * the block iterator.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <libdaxctl/libdaxctl.h>

#include "private.h"
#include "sysfs.h"

struct daxctl_memory_block {
	struct daxctl_memory *mem;
	unsigned long id;
	/* scratch state of the current transaction */
	bool changed;
	enum daxctl_memory_zone saved_zone;
	/* 'removable': -1 not read yet, else 0/1 (cannot change) */
	int removable;
	/* known state: -1 unknown, else online (1) or not, as last seen */
	signed char online;
	/* known zone of an online block, UNKNOWN when not known */
	enum daxctl_memory_zone zone;
};

struct daxctl_memory {
	struct daxctl_dev *dev;
	struct daxctl_ctx *ctx;
	unsigned long block_size;
	int node;
	char *node_path;
	struct daxctl_memory_block *blocks;
	int nr_blocks;
	bool scanned;
	int scan_err;
	/* O_PATH fd of the memory directory: -1 not opened yet, -2 unusable */
	int dirfd;
	/* 'removable' of every block when the kernel makes it a constant */
	int removable;
	/* node outside has_normal_memory (as last read): -1 not known */
	int all_movable;
	/* memory blocks in the node directory, the device's and others' */
	int node_blocks;
	/* why the last online or offline failed, for the caller to print */
	char failure[256];
};

struct phys_range {
	unsigned long long start, end; /* inclusive */
};

static void memory_prime(struct daxctl_memory *mem);

/*
 * A block refused: keep the reason for daxctl_memory_get_failure().  The
 * caller reports it, so the log has it at debug level only.  The first
 * refusal is the reason; a failed undo after it is logged as such.
 */
static void __attribute__((format(printf, 2, 3)))
memory_failed(struct daxctl_memory *mem, const char *fmt, ...)
{
	char why[sizeof(mem->failure)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	dbg(mem->ctx, "%s: %s\n", daxctl_dev_get_devname(mem->dev), why);
	if (!mem->failure[0])
		memcpy(mem->failure, why, sizeof(why));
}

DAXCTL_EXPORT const char *daxctl_memory_get_failure(struct daxctl_memory *mem)
{
	return mem && mem->failure[0] ? mem->failure : NULL;
}

/* ------------------------------------------------------------------ */

DAXCTL_EXPORT int daxctl_ctx_get_memory_block_size(struct daxctl_ctx *ctx,
						  unsigned long *size)
{
	unsigned long bs;
	int rc;

	if (!ctx || !size)
		return -EINVAL;
	rc = sysfs_memory_block_size(ctx, &bs);
	if (rc < 0)
		return rc;
	if (bs == 0 || (bs & (bs - 1)))
		return -EINVAL;
	*size = bs;
	return 0;
}

struct daxctl_memory *daxctl_memory_new(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = daxctl_dev_get_ctx(dev);
	struct daxctl_memory *mem;
	unsigned long bs;
	int node, rc;

	node = daxctl_dev_get_target_node(dev);
	if (node < 0) {
		err(ctx, "%s: no target node\n", daxctl_dev_get_devname(dev));
		return NULL;
	}

	rc = sysfs_memory_block_size(ctx, &bs);
	if (rc < 0 || bs == 0 || (bs & (bs - 1))) {
		err(ctx, "%s: cannot read the memory block size: %s\n",
		    daxctl_dev_get_devname(dev),
		    strerror(rc < 0 ? -rc : EINVAL));
		return NULL;
	}

	mem = calloc(1, sizeof(*mem));
	if (!mem)
		return NULL;
	mem->dev = dev;
	mem->ctx = ctx;
	mem->block_size = bs;
	mem->node = node;
	mem->dirfd = -1;
	mem->removable = -1;
	mem->all_movable = -1;
	mem->node_path = sysfs_node_path(ctx, node);
	if (!mem->node_path) {
		free(mem);
		return NULL;
	}
	return mem;
}

void daxctl_memory_forget(struct daxctl_memory *mem)
{
	int i;

	if (!mem)
		return;
	mem->all_movable = -1;
	for (i = 0; i < mem->nr_blocks; i++) {
		mem->blocks[i].online = -1;
		mem->blocks[i].zone = DAXCTL_MEMORY_ZONE_UNKNOWN;
	}
}

void daxctl_memory_free(struct daxctl_memory *mem)
{
	if (!mem)
		return;
	if (mem->dirfd >= 0)
		close(mem->dirfd);
	free(mem->blocks);
	free(mem->node_path);
	free(mem);
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem)
{
	return mem ? mem->dev : NULL;
}

DAXCTL_EXPORT const char *daxctl_memory_get_node_path(struct daxctl_memory *mem)
{
	return mem ? mem->node_path : NULL;
}

DAXCTL_EXPORT unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem)
{
	return mem ? mem->block_size : 0;
}

/* ---- block discovery ---------------------------------------------- */

static int cmp_range(const void *a, const void *b)
{
	const struct phys_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_block(const void *a, const void *b)
{
	const struct daxctl_memory_block *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The device's physical ranges, sorted by address. */
static int dev_ranges(struct daxctl_memory *mem, struct phys_range **out)
{
	struct daxctl_dev *dev = mem->dev;
	struct daxctl_mapping *m;
	struct phys_range *r;
	int n = 0, i = 0;

	daxctl_mapping_foreach(dev, m)
		n++;

	if (n == 0) {
		unsigned long long res = daxctl_dev_get_resource(dev);
		unsigned long long size = daxctl_dev_get_size(dev);

		if (!size || res == 0 || res == ULLONG_MAX)
			return 0;
		r = malloc(sizeof(*r));
		if (!r)
			return -ENOMEM;
		r->start = res;
		r->end = res + size - 1;
		*out = r;
		return 1;
	}

	r = calloc(n, sizeof(*r));
	if (!r)
		return -ENOMEM;
	daxctl_mapping_foreach(dev, m) {
		if (i == n)
			break;
		r[i].start = daxctl_mapping_get_start(m);
		r[i].end = daxctl_mapping_get_end(m);
		i++;
	}
	qsort(r, i, sizeof(*r), cmp_range);
	*out = r;
	return i;
}

static bool block_in_ranges(const struct phys_range *r, int n,
			    unsigned long long start, unsigned long long last)
{
	int lo = 0, hi = n - 1;

	/* last range whose start <= @start */
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (r[mid].start <= start)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (hi < 0)
		return false;
	return last <= r[hi].end;
}

struct scan_ctx {
	struct daxctl_memory *mem;
	const struct phys_range *ranges;
	int nranges;
	struct daxctl_memory_block *blocks;
	int nr, alloc;
	int seen;
};

static int scan_one(struct daxctl_ctx *ctx, const char *name,
		    unsigned long id, void *arg)
{
	struct scan_ctx *sc = arg;
	unsigned long long bs = sc->mem->block_size;
	unsigned long long start;

	sc->seen++;
	if (id > ULLONG_MAX / bs - 1)
		return 0;
	start = id * bs;
	if (!block_in_ranges(sc->ranges, sc->nranges, start, start + bs - 1))
		return 0;
	if (sc->nr == sc->alloc) {
		struct daxctl_memory_block *b;
		int alloc = sc->alloc ? sc->alloc * 2 : 64;

		b = realloc(sc->blocks, alloc * sizeof(*b));
		if (!b)
			return -ENOMEM;
		sc->blocks = b;
		sc->alloc = alloc;
	}
	sc->blocks[sc->nr++] = (struct daxctl_memory_block) {
		.mem = sc->mem,
		.id = id,
		.removable = -1,
		.online = -1,
		.zone = DAXCTL_MEMORY_ZONE_UNKNOWN,
	};
	return 0;
}

static int memory_scan(struct daxctl_memory *mem)
{
	const char *devname = daxctl_dev_get_devname(mem->dev);
	struct phys_range *ranges = NULL;
	struct scan_ctx sc = { .mem = mem };
	int nranges, rc = 0;

	if (mem->scanned)
		return mem->scan_err;

	nranges = dev_ranges(mem, &ranges);
	if (nranges < 0) {
		rc = nranges;
		goto out;
	}
	if (nranges == 0)
		goto out;

	sc.ranges = ranges;
	sc.nranges = nranges;
	rc = sysfs_node_for_each_memblock(mem->ctx, mem->node, scan_one, &sc);
	if (rc < 0) {
		err(mem->ctx, "%s: cannot list the memory blocks of node%d: %s\n",
		    devname, mem->node, strerror(-rc));
		free(sc.blocks);
		sc.blocks = NULL;
		sc.nr = 0;
		goto out;
	}
	/* no block in range leaves sc.blocks NULL: qsort(NULL, 0) is UB */
	if (sc.nr)
		qsort(sc.blocks, sc.nr, sizeof(*sc.blocks), cmp_block);
	dbg(mem->ctx, "%s: %d memory blocks of %#lx bytes on node%d\n",
	    devname, sc.nr, mem->block_size, mem->node);
out:
	free(ranges);
	mem->blocks = sc.blocks;
	mem->nr_blocks = sc.nr;
	mem->node_blocks = sc.seen;
	mem->scanned = true;
	mem->scan_err = rc;
	return rc;
}

/* ---- one block ------------------------------------------------------ */

DAXCTL_EXPORT struct daxctl_memory_block *
daxctl_memory_block_get_first(struct daxctl_memory *mem)
{
	if (!mem || memory_scan(mem) < 0 || mem->nr_blocks == 0)
		return NULL;
	return &mem->blocks[0];
}

DAXCTL_EXPORT struct daxctl_memory_block *
daxctl_memory_block_get_next(struct daxctl_memory_block *block)
{
	struct daxctl_memory *mem;

	if (!block)
		return NULL;
	mem = block->mem;
	if (block + 1 >= mem->blocks + mem->nr_blocks)
		return NULL;
	return block + 1;
}

DAXCTL_EXPORT unsigned long
daxctl_memory_block_get_id(struct daxctl_memory_block *block)
{
	return block->id;
}

DAXCTL_EXPORT unsigned long long
daxctl_memory_block_get_start(struct daxctl_memory_block *block)
{
	return (unsigned long long)block->id * block->mem->block_size;
}

/*
 * Block attributes are opened relative to the memory directory: the same
 * syscalls, but the kernel walks two path components instead of all of
 * them (and a FUSE tree answers two lookups instead of seven).
 */
static int memory_dirfd(struct daxctl_memory *mem)
{
	if (mem->dirfd == -1) {
		mem->dirfd = sysfs_memory_dir_open(mem->ctx);
		if (mem->dirfd < 0)
			mem->dirfd = -2; /* by path from now on */
	}
	return mem->dirfd;
}

/* open @attr of @block; @path (PATH_MAX) names it for the logs */
static int block_open(struct daxctl_memory_block *block,
		      enum sysfs_memblock_attr attr, int flags, char *path)
{
	struct daxctl_memory *mem = block->mem;

	return sysfs_memblock_open(mem->ctx, memory_dirfd(mem), block->id,
				   attr, flags, path);
}

static int block_read(struct daxctl_memory_block *block,
		      enum sysfs_memblock_attr attr, char *buf)
{
	char path[PATH_MAX];
	int fd, rc;

	buf[0] = '\0';
	fd = block_open(block, attr, O_RDONLY, path);
	if (fd < 0)
		return fd;
	rc = sysfs_fd_read(block->mem->ctx, fd, path, buf);
	close(fd);
	return rc;
}

static bool state_is_online(const char *state)
{
	return strncmp(state, "online", 6) == 0;
}

/* what the library last saw or did to @block, 1 online, 0 offline */
static void block_known(struct daxctl_memory_block *block, int online,
			enum daxctl_memory_zone zone)
{
	block->online = online < 0 ? -1 : online;
	block->zone = online == 1 ? zone : DAXCTL_MEMORY_ZONE_UNKNOWN;
}

/* 'state' read now (and remembered) */
static int block_read_online(struct daxctl_memory_block *block)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc;

	rc = block_read(block, MEMBLOCK_ATTR_STATE, buf);
	if (rc < 0) {
		err(block->mem->ctx, "memory%lu: cannot read state: %s\n",
		    block->id, strerror(-rc));
		block_known(block, -1, DAXCTL_MEMORY_ZONE_UNKNOWN);
		return rc;
	}
	rc = state_is_online(buf);
	if (rc != block->online)
		block_known(block, rc, DAXCTL_MEMORY_ZONE_UNKNOWN);
	return rc;
}

DAXCTL_EXPORT int daxctl_memory_block_is_online(struct daxctl_memory_block *block)
{
	if (block->online < 0)
		memory_prime(block->mem);
	if (block->online >= 0)
		return block->online;
	return block_read_online(block);
}

/*
 * Set 'state' of @block to @val unless it already reads as @online: one
 * open (read-write), one read, at most one write, one close.  With
 * @known_not set the caller knows the block is not in that state (see
 * node_has()), and the read is skipped.  Returns 1 when written, 0 when
 * the block was in that state already, -errno of the read or, with
 * *@wrote_err set, of the write (both logged).
 */
/*
 * Read memoryN/state through @fd (a negative @fd is the failed open's
 * errno).  On failure the fd is closed, the block's state forgotten and
 * the error logged, as both transitions need.
 */
static int block_read_state_fd(struct daxctl_memory_block *block, int fd,
			       const char *path, char *buf)
{
	struct daxctl_ctx *ctx = block->mem->ctx;
	int rc = fd < 0 ? fd : sysfs_fd_read(ctx, fd, path, buf);

	if (rc >= 0)
		return rc;
	if (fd >= 0)
		close(fd);
	err(ctx, "memory%lu: cannot read state: %s\n", block->id,
	    strerror(-rc));
	block_known(block, -1, DAXCTL_MEMORY_ZONE_UNKNOWN);
	return rc;
}

static int block_set_state(struct daxctl_memory_block *block, bool online,
			   const char *val, bool known_not, int *wrote_err)
{
	struct daxctl_ctx *ctx = block->mem->ctx;
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	int fd, rc;

	*wrote_err = 0;
	fd = block_open(block, MEMBLOCK_ATTR_STATE,
			known_not ? O_WRONLY : O_RDWR, path);
	if (fd == -EACCES || fd == -EPERM) {
		/* no write access: read, then let the write report it */
		rc = block_read_online(block);
		if (rc < 0)
			return rc;
		if (rc == online)
			return 0;
		known_not = true;
	} else if (!known_not) {
		rc = block_read_state_fd(block, fd, path, buf);
		if (rc < 0)
			return rc;
		if (state_is_online(buf) == online) {
			close(fd);
			if (block->online != online)
				block_known(block, online,
					    DAXCTL_MEMORY_ZONE_UNKNOWN);
			return 0;
		}
	}
	rc = sysfs_fd_write(ctx, fd, path, val);
	if (fd >= 0)
		close(fd);
	if (rc == 0) {
		block_known(block, online, DAXCTL_MEMORY_ZONE_UNKNOWN);
		return 1;
	}
	block_known(block, -1, DAXCTL_MEMORY_ZONE_UNKNOWN);
	*wrote_err = rc;
	return rc;
}

/*
 * Node-wide facts, one read each, that spare a read per block: a node
 * outside has_memory has no online block at all, and a node outside
 * has_normal_memory has every online block in ZONE_MOVABLE (the kernel
 * keeps both lists exact as blocks come and go).  1 when @node is in the
 * list; on a read error the answer is 1, the case that implies nothing.
 */
static int node_has(struct daxctl_memory *mem, enum sysfs_node_state state)
{
	return sysfs_node_state_has(mem->ctx, state, mem->node) != 0;
}

/* 0 when the state of every block is known, -1 when some is not */
static int memory_all_known(struct daxctl_memory *mem)
{
	int i;

	for (i = 0; i < mem->nr_blocks; i++)
		if (mem->blocks[i].online < 0)
			return -1;
	return 0;
}

/*
 * Learn the state of every block from node-wide facts when they settle
 * it, one or two reads instead of one per block: a node outside
 * has_memory has every block offline; a node holding only this device's
 * blocks whose MemTotal is all of them has every block online (an online
 * block adds at most its size to MemTotal, an offline one nothing; when
 * the kernel keeps some pages back, e.g. memmap_on_memory, the totals
 * differ and the blocks are read one by one as before).
 */
static void memory_prime(struct daxctl_memory *mem)
{
	unsigned long long total;
	int i, online;

	if (!mem->nr_blocks || memory_all_known(mem) == 0)
		return;
	if (!node_has(mem, NODE_STATE_HAS_MEMORY))
		online = 0;
	else if (mem->node_blocks == mem->nr_blocks &&
		 sysfs_node_memtotal(mem->ctx, mem->node, &total) == 0 &&
		 total == (unsigned long long)mem->nr_blocks * mem->block_size)
		online = 1;
	else
		return;
	for (i = 0; i < mem->nr_blocks; i++)
		if (mem->blocks[i].online != online)
			block_known(&mem->blocks[i], online,
				    DAXCTL_MEMORY_ZONE_UNKNOWN);
}

/* every online block of the node is in ZONE_MOVABLE (remembered) */
static bool memory_all_movable(struct daxctl_memory *mem)
{
	if (mem->all_movable < 0)
		mem->all_movable = !node_has(mem, NODE_STATE_HAS_NORMAL_MEMORY);
	return mem->all_movable;
}

static enum daxctl_memory_zone zone_of(const char *valid_zones)
{
	/* an online block reports exactly the zone it is in */
	if (strcmp(valid_zones, "Movable") == 0)
		return DAXCTL_MEMORY_ZONE_MOVABLE;
	if (strcmp(valid_zones, "Normal") == 0)
		return DAXCTL_MEMORY_ZONE_NORMAL;
	return DAXCTL_MEMORY_ZONE_UNKNOWN;
}

DAXCTL_EXPORT enum daxctl_memory_zone
daxctl_memory_block_get_zone(struct daxctl_memory_block *block)
{
	char buf[SYSFS_ATTR_SIZE];

	if (daxctl_memory_block_is_online(block) != 1)
		return DAXCTL_MEMORY_ZONE_UNKNOWN;
	if (block->zone != DAXCTL_MEMORY_ZONE_UNKNOWN)
		return block->zone;
	if (memory_all_movable(block->mem)) {
		block->zone = DAXCTL_MEMORY_ZONE_MOVABLE;
		return block->zone;
	}
	if (block_read(block, MEMBLOCK_ATTR_VALID_ZONES, buf) < 0)
		return DAXCTL_MEMORY_ZONE_UNKNOWN;
	block->zone = zone_of(buf);
	return block->zone;
}

/*
 * Online one block.  Returns 1 when this call onlined it, 0 when it was
 * online already (or another agent onlined it under us), -errno otherwise.
 */
static int block_online(struct daxctl_memory_block *block, bool movable,
			bool known_offline)
{
	struct daxctl_ctx *ctx = block->mem->ctx;
	int rc, werr;

	rc = block_set_state(block, true, movable ? "online_movable" : "online",
			     known_offline, &werr);
	/* the kernel picks the zone of "online": the node may gain Normal */
	if (rc > 0 && !movable)
		block->mem->all_movable = -1;
	if (!werr)
		return rc;
	/* raced with another onliner (udev rule, auto-online): fine */
	if (block_read_online(block) == 1) {
		dbg(ctx, "memory%lu: onlined by someone else\n", block->id);
		return 0;
	}
	memory_failed(block->mem, "failed to online memory%lu: %s", block->id,
		      strerror(-rc));
	return rc;
}

/*
 * Since Linux 5.8 'removable' shows IS_ENABLED(CONFIG_MEMORY_HOTREMOVE),
 * the same for every block (53cdc1cb29e8), so one read serves them all;
 * before that it was a per-block answer.  -1 when unknown.
 */
static int removable_is_constant(void)
{
	static int constant = -1;
	struct utsname u;
	unsigned int major, minor;

	if (constant < 0) {
		constant = 0;
		if (uname(&u) == 0 &&
		    sscanf(u.release, "%u.%u", &major, &minor) == 2)
			constant = major > 5 || (major == 5 && minor >= 8);
	}
	return constant;
}

static int block_removable(struct daxctl_memory_block *block)
{
	struct daxctl_memory *mem = block->mem;
	char buf[SYSFS_ATTR_SIZE];

	if (block->removable < 0 && mem->removable >= 0)
		block->removable = mem->removable;
	if (block->removable < 0) {
		/* absent on some kernels: assume removable */
		if (block_read(block, MEMBLOCK_ATTR_REMOVABLE, buf) < 0)
			block->removable = 1;
		else
			block->removable = strtoul(buf, NULL, 0) != 0;
		if (removable_is_constant())
			mem->removable = block->removable;
	}
	return block->removable;
}

/*
 * What the kernel logged of the last page it could not isolate in
 * @block: offline_pages() dumps it ("page: ... pfn:0x..." and "page dumped
 * because: <reason>") and that is the only place it says what holds the
 * block.  Fills @note with "; kernel: pfn 0x...: <reason>", or "".
 */
static void block_kernel_note(struct daxctl_memory_block *block, char *note,
			      size_t len)
{
	unsigned long page = (unsigned long)sysconf(_SC_PAGESIZE);
	unsigned long first, last, pfn = 0;
	char rec[1024], *msg, *p;
	bool in_block = false;
	ssize_t n;
	int fd;

	note[0] = '\0';
	fd = sysfs_kmsg_open(block->mem->ctx);
	if (fd < 0)
		return;
	first = block->id * (block->mem->block_size / page);
	last = first + block->mem->block_size / page - 1;
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue; /* records overwritten while reading */
		if (n <= 0)
			break;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		p = strstr(msg, " pfn:0x");
		if (strncmp(msg, "page:", 5) == 0 && p) {
			pfn = strtoul(p + 7, NULL, 16);
			in_block = pfn >= first && pfn <= last;
		} else if (in_block &&
			   strncmp(msg, "page dumped because: ", 21) == 0) {
			msg[strcspn(msg, "\n")] = '\0';
			snprintf(note, len, "; kernel: pfn %#lx: %s", pfn,
				 msg + 21);
			in_block = false;
		}
	}
	close(fd);
}

/*
 * A block the kernel would not offline: name it with what sysfs says of
 * it, and what the kernel log says holds it when it says so.
 */
static void block_offline_failed(struct daxctl_memory_block *block, int rc)
{
	char zones[SYSFS_ATTR_SIZE], removable[SYSFS_ATTR_SIZE], note[160];
	const char *zone = "unknown";

	if (block_read(block, MEMBLOCK_ATTR_VALID_ZONES, zones) < 0)
		snprintf(zones, sizeof(zones), "unreadable");
	if (block_read(block, MEMBLOCK_ATTR_REMOVABLE, removable) < 0)
		snprintf(removable, sizeof(removable), "absent");
	/* the zone the block was onlined to, as remembered before the write */
	if (block->saved_zone == DAXCTL_MEMORY_ZONE_MOVABLE)
		zone = "Movable";
	else if (block->saved_zone == DAXCTL_MEMORY_ZONE_NORMAL)
		zone = "Normal";
	block_kernel_note(block, note, sizeof(note));
	memory_failed(block->mem,
		      "failed to offline memory%lu (zone %s, valid_zones %s, removable %s): %s%s",
		      block->id, zone, zones, removable, strerror(-rc), note);
}

/*
 * As block_online(): 1 offlined by this call, 0 already offline, -errno.
 * @movable: the caller knows that an online block of this node is in
 * ZONE_MOVABLE (node_has()), so the zone to restore needs no read.
 */
static int block_offline(struct daxctl_memory_block *block, bool movable,
			 bool known_online)
{
	struct daxctl_ctx *ctx = block->mem->ctx;
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	int rc, fd;

	/*
	 * One fd for the state: read it, and write it if the block is
	 * online.  A block known to be online is written without a read
	 * (the kernel refuses the write if it went offline since).
	 */
	fd = block_open(block, MEMBLOCK_ATTR_STATE,
			known_online ? O_WRONLY : O_RDWR, path);
	if (known_online) {
		/* the write below reports a failed open */
	} else if (fd == -EACCES || fd == -EPERM) {
		rc = block_read_online(block);
		if (rc <= 0)
			return rc;
	} else {
		rc = block_read_state_fd(block, fd, path, buf);
		if (rc < 0)
			return rc;
		if (!state_is_online(buf)) {
			close(fd);
			block_known(block, 0, DAXCTL_MEMORY_ZONE_UNKNOWN);
			return 0;
		}
	}

	if (!block_removable(block)) {
		if (fd >= 0)
			close(fd);
		memory_failed(block->mem, "memory%lu is unremovable", block->id);
		return -EOPNOTSUPP;
	}

	/* remember the zone so that a failed transaction can restore it */
	block->saved_zone = DAXCTL_MEMORY_ZONE_UNKNOWN;
	if (movable)
		block->saved_zone = DAXCTL_MEMORY_ZONE_MOVABLE;
	else if (block->zone != DAXCTL_MEMORY_ZONE_UNKNOWN)
		block->saved_zone = block->zone;
	else if (block_read(block, MEMBLOCK_ATTR_VALID_ZONES, buf) == 0)
		block->saved_zone = zone_of(buf);

	if (fd < 0)
		fd = block_open(block, MEMBLOCK_ATTR_STATE, O_WRONLY, path);
	rc = sysfs_fd_write(ctx, fd, path, "offline");
	if (fd >= 0)
		close(fd);
	if (rc == 0) {
		block_known(block, 0, DAXCTL_MEMORY_ZONE_UNKNOWN);
		return 1;
	}
	if (block_read_online(block) == 0) {
		dbg(ctx, "memory%lu: offlined by someone else\n", block->id);
		return 0;
	}
	block_offline_failed(block, rc);
	return rc;
}

DAXCTL_EXPORT int daxctl_memory_block_online(struct daxctl_memory_block *block,
					     bool movable)
{
	int rc = block_online(block, movable, false);

	return rc < 0 ? rc : 0;
}

DAXCTL_EXPORT int daxctl_memory_block_offline(struct daxctl_memory_block *block)
{
	int rc = block_offline(block, false, false);

	return rc < 0 ? rc : 0;
}

/* ---- the whole device ----------------------------------------------- */

DAXCTL_EXPORT int daxctl_memory_num_sections(struct daxctl_memory *mem)
{
	int rc;

	if (!mem)
		return -EINVAL;
	rc = memory_scan(mem);
	return rc < 0 ? rc : mem->nr_blocks;
}


DAXCTL_EXPORT int daxctl_memory_is_online(struct daxctl_memory *mem)
{
	int i, rc, count = 0;

	if (!mem)
		return -EINVAL;
	rc = memory_scan(mem);
	if (rc < 0)
		return rc;
	memory_prime(mem);
	for (i = 0; i < mem->nr_blocks; i++) {
		rc = daxctl_memory_block_is_online(&mem->blocks[i]);
		if (rc < 0)
			return rc;
		count += rc;
	}
	return count;
}

DAXCTL_EXPORT int daxctl_memory_is_movable(struct daxctl_memory *mem)
{
	char buf[SYSFS_ATTR_SIZE];
	int i, rc, movable = 1;

	if (!mem)
		return -EINVAL;
	rc = memory_scan(mem);
	if (rc < 0)
		return rc;
	if (mem->nr_blocks == 0)
		return -ENXIO;
	/* an offline block is in no zone */
	if (daxctl_memory_is_online(mem) != mem->nr_blocks)
		return -ENXIO;
	for (i = 0; i < mem->nr_blocks; i++) {
		struct daxctl_memory_block *block = &mem->blocks[i];

		rc = daxctl_memory_block_is_online(block);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return -ENXIO;
		if (block->zone == DAXCTL_MEMORY_ZONE_UNKNOWN) {
			if (memory_all_movable(mem)) {
				block->zone = DAXCTL_MEMORY_ZONE_MOVABLE;
			} else {
				rc = block_read(block,
						MEMBLOCK_ATTR_VALID_ZONES, buf);
				if (rc < 0)
					return rc;
				block->zone = zone_of(buf);
			}
		}
		if (block->zone != DAXCTL_MEMORY_ZONE_MOVABLE)
			movable = 0;
	}
	return movable;
}

/* Offline again the blocks a failed online pass flagged 'changed'. */
static void memory_undo_online(struct daxctl_memory *mem, int upto)
{
	const char *devname = daxctl_dev_get_devname(mem->dev);
	int i;

	for (i = upto; i >= 0; i--) {
		struct daxctl_memory_block *block = &mem->blocks[i];

		if (!block->changed)
			continue;
		if (block_offline(block, false, false) < 0)
			err(mem->ctx, "%s: could not restore memory%lu: left online\n",
			    devname, block->id);
		block->changed = false;
	}
}

static int memory_online(struct daxctl_memory *mem, bool movable)
{
	enum daxctl_memory_zone want = movable ? DAXCTL_MEMORY_ZONE_MOVABLE :
						 DAXCTL_MEMORY_ZONE_NORMAL;
	char buf[SYSFS_ATTR_SIZE];
	int i, rc, count = 0;
	bool all_offline;

	if (!mem)
		return -EINVAL;
	mem->failure[0] = '\0';
	rc = memory_scan(mem);
	if (rc < 0)
		return rc;
	/*
	 * A node with no online memory: write each block without a read.
	 * When every block's state is known already (memory_prime() read
	 * has_memory a moment ago), the known states say as much.
	 */
	all_offline = mem->nr_blocks && memory_all_known(mem) < 0 &&
		      !node_has(mem, NODE_STATE_HAS_MEMORY);
	mem->all_movable = -1;

	for (i = 0; i < mem->nr_blocks; i++)
		mem->blocks[i].changed = false;

	ctx_progress(mem->ctx, mem->dev, "online", 0, mem->nr_blocks);
	for (i = 0; i < mem->nr_blocks; i++) {
		struct daxctl_memory_block *block = &mem->blocks[i];

		/*
		 * A block known to be offline is written without a read:
		 * if another agent onlined it since, the kernel refuses
		 * the write and the race is handled as before.
		 */
		rc = block_online(block, movable,
				  all_offline || block->online == 0);
		if (rc < 0) {
			memory_undo_online(mem, i - 1);
			return rc;
		}
		if (rc > 0) {
			block->changed = true;
			count++;
		}
		ctx_progress(mem->ctx, mem->dev, "online", i + 1,
			     mem->nr_blocks);
	}

	/*
	 * The kernel may place a block in another zone than asked (the
	 * reference only checks this when nothing was onlined).  Blocks
	 * that were online before this call are the caller's business.  A
	 * node without normal memory has all its online blocks in Movable.
	 */
	if (!movable || !count)
		return count;
	if (memory_all_movable(mem)) {
		for (i = 0; i < mem->nr_blocks; i++)
			if (mem->blocks[i].online == 1)
				mem->blocks[i].zone = DAXCTL_MEMORY_ZONE_MOVABLE;
		return count;
	}
	for (i = 0; i < mem->nr_blocks; i++) {
		struct daxctl_memory_block *block = &mem->blocks[i];

		if (!block->changed || !movable)
			continue;
		if (block_read(block, MEMBLOCK_ATTR_VALID_ZONES, buf) < 0)
			continue;
		block->zone = zone_of(buf);
		if (zone_of(buf) != want) {
			memory_failed(mem,
				      "memory%lu was onlined to zone %s, not Movable: raced with another onlining agent?",
				      block->id, buf);
			return -EBUSY;
		}
	}
	return count;
}

DAXCTL_EXPORT int daxctl_memory_online(struct daxctl_memory *mem)
{
	return memory_online(mem, true);
}

DAXCTL_EXPORT int daxctl_memory_online_no_movable(struct daxctl_memory *mem)
{
	return memory_online(mem, false);
}

DAXCTL_EXPORT int daxctl_memory_offline(struct daxctl_memory *mem)
{
	int i, rc, count = 0;
	bool none_online = false, all_movable = false;

	if (!mem)
		return -EINVAL;
	mem->failure[0] = '\0';
	rc = memory_scan(mem);
	if (rc < 0)
		return rc;
	mem->all_movable = -1;
	if (mem->nr_blocks) {
		/* the known states settle it without has_memory, as in online */
		if (memory_all_known(mem) == 0) {
			none_online = true;
			for (i = 0; i < mem->nr_blocks; i++)
				if (mem->blocks[i].online)
					none_online = false;
		} else {
			none_online = !node_has(mem, NODE_STATE_HAS_MEMORY);
		}
		all_movable = !none_online && memory_all_movable(mem);
	}

	for (i = 0; i < mem->nr_blocks; i++)
		mem->blocks[i].changed = false;

	/* highest address first, the reverse of the order of onlining */
	ctx_progress(mem->ctx, mem->dev, "offline", 0, mem->nr_blocks);
	for (i = mem->nr_blocks - 1; i >= 0; i--) {
		struct daxctl_memory_block *block = &mem->blocks[i];

		if (none_online)
			block_known(block, 0, DAXCTL_MEMORY_ZONE_UNKNOWN);
		rc = none_online ? 0 : block_offline(block, all_movable,
						     block->online == 1);
		if (rc < 0) {
			int j;

			/* re-online what this call offlined, lowest first */
			for (j = i + 1; j < mem->nr_blocks; j++) {
				struct daxctl_memory_block *b = &mem->blocks[j];

				if (!b->changed)
					continue;
				if (block_online(b, b->saved_zone !=
						 DAXCTL_MEMORY_ZONE_NORMAL,
						 false) < 0)
					err(mem->ctx,
					    "%s: could not restore memory%lu: left offline\n",
					    daxctl_dev_get_devname(mem->dev),
					    b->id);
				b->changed = false;
			}
			return rc;
		}
		if (rc > 0) {
			block->changed = true;
			count++;
		}
		ctx_progress(mem->ctx, mem->dev, "offline",
			     mem->nr_blocks - i, mem->nr_blocks);
	}
	return count;
}

/* ---- policy --------------------------------------------------------- */

DAXCTL_EXPORT int daxctl_dev_will_auto_online_memory(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = daxctl_dev_get_ctx(dev);
	char buf[SYSFS_ATTR_SIZE];

	/* online, online_movable and online_kernel all online new blocks */
	if (sysfs_memory_read(ctx, MEMORY_ATTR_AUTO_ONLINE_BLOCKS, buf) < 0)
		return 0;
	return strncmp(buf, "online", 6) == 0;
}

DAXCTL_EXPORT int daxctl_dev_has_online_memory(struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int rc;

	if (!mem)
		return 0;
	rc = daxctl_memory_is_online(mem);
	return rc < 0 ? 0 : rc;
}
