// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated kernel state and every store, errno for errno.
 *
 * The dax bus part follows Documentation/ABI/sysfs-bus-dax (the order of the
 * error checks included); where the document says nothing it follows Linux
 * 6.1 (drivers/dax/bus.c, drivers/dax/kmem.c, drivers/base/memory.c and the
 * driver core). test/daxsim/README.md has the table.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daxsim.h"

struct sim S;

const char *const online_type_names[] = {
	[MMOP_OFFLINE] = "offline",
	[MMOP_ONLINE] = "online",
	[MMOP_ONLINE_KERNEL] = "online_kernel",
	[MMOP_ONLINE_MOVABLE] = "online_movable",
};

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (!p) {
		perror("daxsim");
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t sz)
{
	p = realloc(p, sz ? sz : 1);
	if (!p) {
		perror("daxsim");
		exit(1);
	}
	return p;
}

void sim_init(void)
{
	memset(&S, 0, sizeof(S));
	S.block_size = 128ULL << 20;
	S.auto_online = MMOP_OFFLINE;
	S.kmem_unbind = KMEM_UNBIND_LEAK;
	S.profile = PROFILE_LINUX;
	S.pud_align = true;
	S.failres_interval = 1; /* DECLARE_FAULT_ATTR() */
	S.failres_times = 1;
	S.dax_major = 241;
	S.drv[DRV_DEVDAX].name = "device_dax";
	S.drv[DRV_DEVDAX].module = "device_dax";
	S.drv[DRV_DEVDAX].match_always = true;
	S.drv[DRV_KMEM].name = "kmem";
	S.drv[DRV_KMEM].module = "kmem";
}

static void dev_free(struct ddev *d)
{
	if (d->minor >= 0 && d->minor < S.nminor)
		S.minors[d->minor] = 0;
	free(d->ranges);
	free(d);
}

void sim_free(void)
{
	int i, j;

	for (i = 0; i < S.nregion; i++) {
		for (j = 0; j < S.regions[i]->ndev; j++)
			dev_free(S.regions[i]->devs[j]);
		free(S.regions[i]->devs);
		free(S.regions[i]);
	}
	free(S.regions);
	free(S.blocks);
	free(S.hot);
	free(S.minors);
	for (i = 1; i < NR_DRV; i++) {
		for (j = 0; j < S.drv[i].nids; j++)
			free(S.drv[i].ids[j]);
		free(S.drv[i].ids);
	}
	for (i = 0; i < S.nfault; i++)
		free(S.faults[i].path);
	free(S.faults);
}

/* ---- kernel string helpers (lib/kstrtox.c, lib/string.c semantics) ---- */

int k_strtoull(const char *s, unsigned base, u64 *res)
{
	u64 v = 0;
	int n = 0;
	bool overflow = false;

	if (*s == '+')
		s++;
	if (base == 0) {
		if (s[0] == '0') {
			if ((s[1] == 'x' || s[1] == 'X') &&
			    strchr("0123456789abcdefABCDEF", s[2]) && s[2])
				base = 16;
			else
				base = 8;
		} else {
			base = 10;
		}
	}
	if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (;; s++, n++) {
		unsigned c = (unsigned char)*s, d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (UINT64_MAX - d) / base)
			overflow = true;
		v = v * base + d;
	}
	if (overflow)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int k_strtoint(const char *s, unsigned base, int *res)
{
	u64 v;
	int rc;

	if (s[0] == '-') {
		rc = k_strtoull(s + 1, base, &v);
		if (rc)
			return rc;
		if (v > 0x80000000ULL)
			return -ERANGE;
		*res = (int)-(long long)v;
		return 0;
	}
	rc = k_strtoull(s, base, &v);
	if (rc)
		return rc;
	if (v > 0x7fffffffULL)
		return -ERANGE;
	*res = (int)v;
	return 0;
}

int k_strtobool(const char *s, bool *res)
{
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

bool sysfs_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	if (*a == *b)
		return true;
	if (!*a && *b == '\n' && !b[1])
		return true;
	if (*a == '\n' && !a[1] && !*b)
		return true;
	return false;
}

/* ---- regions and devices ---- */

u64 dev_size(const struct ddev *d)
{
	u64 s = 0;
	int i;

	for (i = 0; i < d->nr; i++)
		s += d->ranges[i].end - d->ranges[i].start + 1;
	return s;
}

u64 region_avail(const struct region *r)
{
	u64 used = 0;
	int i;

	for (i = 0; i < r->ndev; i++)
		used += dev_size(r->devs[i]);
	return r->end - r->start + 1 - used;
}

void dev_name(const struct ddev *d, char *buf, size_t len)
{
	snprintf(buf, len, "dax%d.%d", d->region->id, d->id);
}

struct region *region_new(int id, int hmem, u64 start, u64 size, u64 align, int tnode, int nnode)
{
	struct region *r = xcalloc(1, sizeof(*r));

	r->id = id;
	r->hmem = hmem;
	r->start = start;
	r->end = start + size - 1;
	r->align = align;
	r->target_node = tnode;
	r->numa_node = nnode;
	S.regions = xrealloc(S.regions, (S.nregion + 1) * sizeof(*S.regions));
	S.regions[S.nregion++] = r;
	if (tnode > S.max_node)
		S.max_node = tnode;
	if (nnode > S.max_node)
		S.max_node = nnode;
	return r;
}

static int minor_alloc(void)
{
	int i;

	for (i = 0; i < S.nminor; i++)
		if (!S.minors[i])
			break;
	if (i == S.nminor) {
		S.minors = xrealloc(S.minors, S.nminor + 64);
		memset(S.minors + S.nminor, 0, 64);
		S.nminor += 64;
	}
	S.minors[i] = 1;
	return i;
}

static int region_lowest_free_id(const struct region *r)
{
	int id = 0, i;

	/* devs are sorted by id */
	for (i = 0; i < r->ndev; i++) {
		if (r->devs[i]->id != id)
			break;
		id++;
	}
	return id;
}

struct ddev *dev_new(struct region *r, int id)
{
	struct ddev *d = xcalloc(1, sizeof(*d));
	int i, pos;

	if (id < 0)
		id = region_lowest_free_id(r);
	for (i = 0; i < r->ndev; i++)
		if (r->devs[i]->id == id) {
			free(d);
			return NULL;
		}
	d->region = r;
	d->id = id;
	d->align = r->align;
	d->minor = minor_alloc();
	r->devs = xrealloc(r->devs, (r->ndev + 1) * sizeof(*r->devs));
	for (pos = 0; pos < r->ndev && r->devs[pos]->id < id; pos++)
		;
	memmove(r->devs + pos + 1, r->devs + pos, (r->ndev - pos) * sizeof(*r->devs));
	r->devs[pos] = d;
	r->ndev++;
	return d;
}

static void dev_unregister(struct ddev *d)
{
	struct region *r = d->region;
	int i;

	for (i = 0; i < r->ndev; i++)
		if (r->devs[i] == d)
			break;
	memmove(r->devs + i, r->devs + i + 1, (r->ndev - i - 1) * sizeof(*r->devs));
	r->ndev--;
	if (r->seed == d)
		r->seed = NULL;
	if (r->youngest == d)
		r->youngest = NULL;
	dev_free(d);
}

struct ddev *dev_find(const char *name)
{
	char n[64];
	int i, j;

	for (i = 0; i < S.nregion; i++)
		for (j = 0; j < S.regions[i]->ndev; j++) {
			dev_name(S.regions[i]->devs[j], n, sizeof(n));
			if (sysfs_streq(n, name))
				return S.regions[i]->devs[j];
		}
	return NULL;
}

/* is [start, end] free of every device range of region r? */
static bool region_range_free(const struct region *r, u64 start, u64 end)
{
	int i, j;

	for (i = 0; i < r->ndev; i++)
		for (j = 0; j < r->devs[i]->nr; j++) {
			const struct drange *g = &r->devs[i]->ranges[j];

			if (g->start <= end && start <= g->end)
				return false;
		}
	return true;
}

/* the end of the free gap that starts at addr (addr is free), inclusive */
static u64 region_gap_end(const struct region *r, u64 addr)
{
	u64 end = r->end;
	int i, j;

	for (i = 0; i < r->ndev; i++)
		for (j = 0; j < r->devs[i]->nr; j++) {
			const struct drange *g = &r->devs[i]->ranges[j];

			if (g->start > addr && g->start - 1 < end)
				end = g->start - 1;
		}
	return end;
}

/* the lowest allocated address >= addr, or r->end + 1 (0 on wrap) */
static bool region_next_busy(const struct region *r, u64 addr, u64 *bstart, u64 *bend)
{
	bool found = false;
	int i, j;

	for (i = 0; i < r->ndev; i++)
		for (j = 0; j < r->devs[i]->nr; j++) {
			const struct drange *g = &r->devs[i]->ranges[j];

			if (g->end < addr)
				continue;
			if (!found || g->start < *bstart) {
				*bstart = g->start;
				*bend = g->end;
				found = true;
			}
		}
	return found;
}

int dev_append_range(struct ddev *d, u64 start, u64 end)
{
	d->ranges = xrealloc(d->ranges, (d->nr + 1) * sizeof(*d->ranges));
	d->ranges[d->nr].start = start;
	d->ranges[d->nr].end = end;
	d->ranges[d->nr].pgoff = dev_size(d) >> PAGE_SHIFT;
	d->nr++;
	return 0;
}

static u64 max_u64(u64 a, u64 b)
{
	return a > b ? a : b;
}

static u64 min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static u64 dev_granule(const struct ddev *d)
{
	return max_u64(d->align, SUBSECTION_SIZE);
}

/* should_fail() of the fault attribute, without fail-nth and task filters */
static bool failres_should_fail(void)
{
	if (S.profile != PROFILE_SERIES || S.failres_times == 0)
		return false;
	if (S.failres_interval > 1 && ++S.failres_count % S.failres_interval)
		return false;
	if (S.failres_probability <= (u64)(rand() % 100))
		return false;
	if (S.failres_times != -1)
		S.failres_times--;
	return true;
}

int store_failres(int which, const char *buf)
{
	u64 v;

	/* debugfs' simple_attr_write(): kstrtoull(), base 0 */
	if (k_strtoull(buf, 0, &v))
		return -EINVAL;
	if (which == 0)
		S.failres_probability = v;
	else if (which == 1)
		S.failres_interval = v;
	else
		S.failres_times = (int)v;
	return 0;
}

/*
 * Linux 6.1 (dev_dax_resize): repeatedly take the lowest free gap of the
 * region; if it directly follows the device's last range, extend that range,
 * else allocate a new range at the gap start. No start alignment, the
 * length taken is min(gap, what is left).
 */
static int dev_grow_linux(struct ddev *d, u64 to_alloc)
{
	struct region *r = d->region;

	while (to_alloc) {
		u64 addr = r->start, bs = 0, be = 0, gend, len;
		bool found = false;

		while (addr <= r->end) {
			if (region_next_busy(r, addr, &bs, &be) && bs <= addr) {
				if (be >= r->end)
					break;
				addr = be + 1;
				continue;
			}
			found = true;
			break;
		}
		if (!found)
			return -ENOSPC;
		gend = region_gap_end(r, addr);
		len = min_u64(gend - addr + 1, to_alloc);
		if (d->nr && d->ranges[d->nr - 1].end + 1 == addr)
			d->ranges[d->nr - 1].end += len;
		else
			dev_append_range(d, addr, addr + len - 1);
		to_alloc -= len;
	}
	return 0;
}

/*
 * The series (v6 20/29, dev_dax_grow()): first extend the last range in
 * place as far as the free space after it allows, then first fit, each new
 * range starting and ending on max(align, 2M); all or nothing: a grow that
 * cannot complete undoes its ranges and the extension.
 */
/* dax_region_free_aligned(): the free gaps, both ends aligned to g */
static u64 region_free_aligned(const struct region *r, u64 g)
{
	u64 addr = r->start, total = 0, bs = 0, be = 0;

	while (addr <= r->end) {
		u64 gend, s, e;

		if (region_next_busy(r, addr, &bs, &be) && bs <= addr) {
			if (be >= r->end)
				break;
			addr = be + 1;
			continue;
		}
		gend = region_gap_end(r, addr);
		s = (addr + g - 1) / g * g;
		e = (gend + 1) / g * g;
		if (e > s)
			total += e - s;
		if (gend >= r->end)
			break;
		addr = gend + 1;
	}
	return total;
}

static int dev_grow_series(struct ddev *d, u64 to_alloc)
{
	struct region *r = d->region;
	u64 g = dev_granule(d);
	int save_nr = d->nr;
	u64 save_end = d->nr ? d->ranges[d->nr - 1].end : 0;

	/* checked before any step, so no fault attribute is consulted */
	if (region_free_aligned(r, g) < to_alloc)
		return -ENOSPC;

	if (d->nr) {
		struct drange *last = &d->ranges[d->nr - 1];

		if (last->end < r->end && region_range_free(r, last->end + 1, last->end + 1)) {
			/* up to the next range (or the region end), aligned down */
			u64 limit = (region_gap_end(r, last->end + 1) + 1) / g * g;

			if (limit > last->end + 1) {
				u64 ext = min_u64(limit - last->end - 1, to_alloc);

				if (failres_should_fail())
					return -EBUSY;

				last->end += ext;
				to_alloc -= ext;
			}
		}
	}
	while (to_alloc) {
		u64 addr = r->start, bs = 0, be = 0;
		bool done = false;

		while (addr <= r->end) {
			u64 gend, s, e, len;

			if (region_next_busy(r, addr, &bs, &be) && bs <= addr) {
				if (be >= r->end)
					break;
				addr = be + 1;
				continue;
			}
			gend = region_gap_end(r, addr);
			/* dax_region_free_aligned(): both ends of the gap on g */
			s = (addr + g - 1) / g * g;
			e = (gend + 1) / g * g;
			if (e > s) {
				len = min_u64(e - s, to_alloc);
				dev_append_range(d, s, s + len - 1);
				to_alloc -= len;
				done = true;
				break;
			}
			if (gend >= r->end)
				break;
			addr = gend + 1;
		}
		if (!done) {
			d->nr = save_nr;
			if (save_nr)
				d->ranges[save_nr - 1].end = save_end;
			return -ENOSPC;
		}
	}
	return 0;
}

/*
 * v6 dev_dax_shrink(): the trim of the range the new end falls in is the
 * one step that can fail, and it comes first.
 */
static int dev_shrink_trim_check(const struct ddev *d, u64 size)
{
	u64 kept = 0;
	int i;

	for (i = 0; i < d->nr; i++) {
		u64 len = d->ranges[i].end - d->ranges[i].start + 1;

		if (kept + len > size)
			break;
		kept += len;
	}
	if (size > kept && failres_should_fail())
		return -EBUSY;
	return 0;
}

static void dev_shrink(struct ddev *d, u64 size)
{
	u64 to_shrink = dev_size(d) - size;

	while (to_shrink && d->nr) {
		struct drange *last = &d->ranges[d->nr - 1];
		u64 len = last->end - last->start + 1;

		if (len <= to_shrink) {
			d->nr--;
			to_shrink -= len;
		} else {
			last->end -= to_shrink;
			to_shrink = 0;
		}
	}
}

/* ---- memory blocks ---- */

static int block_pos(u64 index, bool *found)
{
	int lo = 0, hi = S.nblock;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (S.blocks[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < S.nblock && S.blocks[lo].index == index;
	return lo;
}

struct memblock *block_find(u64 index)
{
	bool found;
	int pos = block_pos(index, &found);

	return found ? &S.blocks[pos] : NULL;
}

const char *zone_name(int zone)
{
	switch (zone) {
	case ZONE_NORMAL:
		return "Normal";
	case ZONE_MOVABLE:
		return "Movable";
	}
	return "none";
}

/* zone_intersects() on the span of the online blocks of a zone of a node */
static bool zone_intersects(int node, int zone, u64 index, const struct memblock *skip)
{
	u64 lo = UINT64_MAX, hi = 0;
	int i;

	for (i = 0; i < S.nblock; i++) {
		const struct memblock *b = &S.blocks[i];

		if (b == skip || b->node != node || b->state != MEM_ONLINE || b->zone != zone)
			continue;
		if (b->index < lo)
			lo = b->index;
		if (b->index > hi)
			hi = b->index;
	}
	return lo != UINT64_MAX && index >= lo && index <= hi;
}

/* default_zone_for_pfn(): the zone "online" picks (movable_node off) */
static int default_zone(const struct memblock *b)
{
	bool in_kernel = zone_intersects(b->node, ZONE_NORMAL, b->index, b);
	bool in_movable = zone_intersects(b->node, ZONE_MOVABLE, b->index, b);

	if (in_kernel != in_movable)
		return in_kernel ? ZONE_NORMAL : ZONE_MOVABLE;
	return ZONE_NORMAL;
}

void valid_zones(const struct memblock *b, char *buf, size_t len)
{
	int def;

	if (b->state == MEM_ONLINE) {
		snprintf(buf, len, "%s\n", zone_name(b->zone));
		return;
	}
	def = default_zone(b);
	snprintf(buf, len, "%s %s\n", zone_name(def),
		 zone_name(def == ZONE_NORMAL ? ZONE_MOVABLE : ZONE_NORMAL));
}

int block_online(struct memblock *b, int online_type)
{
	switch (online_type) {
	case MMOP_ONLINE_KERNEL:
		b->zone = ZONE_NORMAL;
		break;
	case MMOP_ONLINE_MOVABLE:
		b->zone = ZONE_MOVABLE;
		break;
	default:
		b->zone = default_zone(b);
		break;
	}
	b->state = MEM_ONLINE;
	return 0;
}

void block_add(u64 index, int node, bool boot, int online_type)
{
	bool found;
	int pos = block_pos(index, &found);
	struct memblock *b;

	if (found)
		return;
	S.blocks = xrealloc(S.blocks, (S.nblock + 1) * sizeof(*S.blocks));
	memmove(S.blocks + pos + 1, S.blocks + pos, (S.nblock - pos) * sizeof(*S.blocks));
	S.nblock++;
	b = &S.blocks[pos];
	memset(b, 0, sizeof(*b));
	b->index = index;
	b->node = node;
	b->boot = boot;
	b->state = MEM_OFFLINE;
	if (node > S.max_node)
		S.max_node = node;
	if (online_type != MMOP_OFFLINE)
		block_online(b, online_type);
}

static void block_remove_range(u64 start, u64 end)
{
	int i, j = 0;

	for (i = 0; i < S.nblock; i++) {
		u64 a = S.blocks[i].index * S.block_size;

		if (a >= start && a <= end)
			continue;
		S.blocks[j++] = S.blocks[i];
	}
	S.nblock = j;
}

static bool range_has_online(u64 start, u64 end)
{
	int i;

	for (i = 0; i < S.nblock; i++) {
		u64 a = S.blocks[i].index * S.block_size;

		if (a >= start && a <= end && S.blocks[i].state == MEM_ONLINE)
			return true;
	}
	return false;
}

int profile_from_str(const char *s)
{
	if (!strcmp(s, "linux") || !strcmp(s, "linux-6.1"))
		return PROFILE_LINUX;
	if (!strcmp(s, "series"))
		return PROFILE_SERIES;
	return -EINVAL;
}

const char *profile_name(int profile)
{
	return profile == PROFILE_SERIES ? "series" : "linux-6.1";
}

int online_type_from_str(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (sysfs_streq(s, online_type_names[i]))
			return i;
	return -EINVAL;
}

/* ---- drivers ---- */

bool driver_has_id(const struct driver *drv, const char *name)
{
	int i;

	for (i = 0; i < drv->nids; i++)
		if (sysfs_streq(drv->ids[i], name))
			return true;
	return false;
}

int driver_id_add(struct driver *drv, const char *name)
{
	size_t n = strcspn(name, "\n");

	if (driver_has_id(drv, name))
		return 0;
	drv->ids = xrealloc(drv->ids, (drv->nids + 1) * sizeof(*drv->ids));
	drv->ids[drv->nids] = strndup(name, n);
	if (!drv->ids[drv->nids])
		return -ENOMEM;
	drv->nids++;
	return 0;
}

static bool hot_overlaps(u64 start, u64 end)
{
	int i;

	for (i = 0; i < S.nhot; i++)
		if (S.hot[i].start <= end && start <= S.hot[i].end)
			return true;
	return false;
}

/* dax_kmem_range(): the range trimmed inward to memory block boundaries */
static bool kmem_range(const struct drange *g, u64 *s, u64 *e)
{
	u64 bs = S.block_size;
	u64 start = (g->start + bs - 1) / bs * bs;
	u64 endx = (g->end + 1) / bs * bs;

	if (start >= endx)
		return false;
	*s = start;
	*e = endx - 1;
	return true;
}

static void kmem_hot_add(struct ddev *d, u64 s, u64 e)
{
	u64 a;

	S.hot = xrealloc(S.hot, (S.nhot + 1) * sizeof(*S.hot));
	S.hot[S.nhot].start = s;
	S.hot[S.nhot].end = e;
	S.hot[S.nhot].owner = d;
	S.nhot++;
	for (a = s; a < e; a += S.block_size)
		block_add(a / S.block_size, d->region->target_node, false, S.auto_online);
}

/*
 * A range whose memory region cannot be requested ("could not reserve
 * region") fails. Linux 6.1 gives up at the first such range unless an
 * earlier one was added; the series (v6 21/29) skips it and fails only
 * when no range was added, with the error of the last failed range.
 */
static int kmem_probe(struct ddev *d)
{
	u64 total = 0, s, e;
	int i, mapped = 0, rc = -ENXIO;

	if (d->region->target_node < 0)
		return -EINVAL;
	for (i = 0; i < d->nr; i++)
		if (kmem_range(&d->ranges[i], &s, &e))
			total += e - s + 1;
	if (!total)
		return -EINVAL;
	for (i = 0; i < d->nr; i++) {
		if (!kmem_range(&d->ranges[i], &s, &e))
			continue;
		if (hot_overlaps(s, e)) {
			rc = -EBUSY;
			if (mapped || S.profile == PROFILE_SERIES)
				continue;
			return rc;
		}
		kmem_hot_add(d, s, e);
		mapped++;
	}
	return mapped ? 0 : rc;
}

int dev_probe(struct ddev *d, int drv)
{
	int i, rc = 0;

	if (d->drv)
		return -EBUSY;
	if (dev_size(d) == 0)
		return -ENXIO;
	if (drv == DRV_DEVDAX) {
		/* devm_request_mem_region() fails on memory kmem left behind */
		for (i = 0; i < d->nr; i++)
			if (hot_overlaps(d->ranges[i].start, d->ranges[i].end))
				return -EBUSY;
	} else {
		rc = kmem_probe(d);
	}
	if (rc)
		return rc;
	d->drv = drv;
	if (d->region->seed == d)
		d->region->seed = NULL;
	return 0;
}

static int dev_remove(struct ddev *d)
{
	int i, j;

	if (d->drv == DRV_KMEM) {
		if (S.kmem_unbind == KMEM_UNBIND_EBUSY)
			for (i = 0; i < S.nhot; i++)
				if (S.hot[i].owner == d &&
				    range_has_online(S.hot[i].start, S.hot[i].end))
					return -EBUSY;
		for (i = 0, j = 0; i < S.nhot; i++) {
			struct hotadd h = S.hot[i];

			if (h.owner == d) {
				if (range_has_online(h.start, h.end)) {
					/*
					 * "cannot be hotremoved until the next
					 * reboot": remove() fails, which the
					 * driver core ignores; the series' dax
					 * bus remembers it (v6 20/29).
					 */
					h.owner = NULL;
					if (S.profile == PROFILE_SERIES)
						d->held = true;
				} else {
					block_remove_range(h.start, h.end);
					continue;
				}
			}
			S.hot[j++] = h;
		}
		S.nhot = j;
	}
	d->drv = DRV_NONE;
	return 0;
}

/* ---- stores ---- */

int store_region_create(struct region *r, const char *buf)
{
	struct ddev *d;
	int val;

	if (k_strtoint(buf, 0, &val) || val != 1)
		return -EINVAL;
	if (region_avail(r) == 0)
		return -ENOSPC;
	d = dev_new(r, -1);
	if (!d)
		return -ENOMEM;
	if (!r->seed)
		r->seed = d;
	r->youngest = d;
	return 0;
}

int store_region_delete(struct region *r, const char *buf)
{
	struct ddev *d = NULL;
	char n[64];
	int i;

	for (i = 0; i < r->ndev; i++) {
		dev_name(r->devs[i], n, sizeof(n));
		if (sysfs_streq(n, buf)) {
			d = r->devs[i];
			break;
		}
	}
	if (!d)
		return S.profile == PROFILE_LINUX ? -ENXIO : -ENODEV;
	if (d->drv || dev_size(d) || d->id == 0)
		return -EBUSY;
	dev_unregister(d);
	return 0;
}

int store_dev_size(struct ddev *d, const char *buf)
{
	u64 val, cur;
	int rc = k_strtoull(buf, 0, &val);

	if (S.profile == PROFILE_LINUX) {
		if (rc)
			return rc;
		/* 6.1 checks the alignment before the bound device */
		if (val % dev_granule(d))
			return -EINVAL;
		if (d->drv)
			return -EBUSY;
	} else {
		/* the series' size_store() turns every kstrtoull() error into EINVAL */
		if (rc)
			return -EINVAL;
		if (d->drv || d->held)
			return -EBUSY;
		if (val % dev_granule(d))
			return -EINVAL;
	}
	cur = dev_size(d);
	if (val == cur)
		return 0;
	if (val < cur) {
		rc = S.profile == PROFILE_SERIES ? dev_shrink_trim_check(d, val) : 0;
		if (!rc)
			dev_shrink(d, val);
		return rc;
	}
	if (val - cur > region_avail(d->region))
		return -ENOSPC;
	if (S.profile == PROFILE_LINUX)
		return dev_grow_linux(d, val - cur);
	return dev_grow_series(d, val - cur);
}

static bool align_valid(u64 v)
{
	return v == SZ_4K || v == SZ_2M || (v == SZ_1G && S.pud_align);
}

int store_dev_align(struct ddev *d, const char *buf)
{
	u64 val;
	int i;

	if (k_strtoull(buf, 0, &val))
		return S.profile == PROFILE_LINUX ? -ENXIO : -EINVAL; /* 6.1 align_store() */
	if (!align_valid(val))
		return -EINVAL;
	if (d->drv)
		return -EBUSY;
	for (i = 0; i < d->nr; i++) {
		const struct drange *g = &d->ranges[i];

		if (g->start % val || (g->end - g->start + 1) % val)
			return -EINVAL;
	}
	d->align = val;
	return 0;
}

/*
 * Linux 6.8's memmap_on_memory_store(): setting needs the memory hotplug
 * support for it (memory_hotplug.memmap_on_memory), and a change cannot
 * reach memory kmem has already added.
 */
int store_dev_memmap_on_memory(struct ddev *d, const char *buf)
{
	bool val;

	if (k_strtobool(buf, &val))
		return -EINVAL;
	if (val && !S.memmap_param)
		return -EOPNOTSUPP;
	if (d->memmap_on_memory != val && d->drv == DRV_KMEM)
		return -EBUSY;
	d->memmap_on_memory = val;
	return 0;
}

/*
 * Linux 6.1's range_parse(): split at the first '-', kstrtoull() each part
 * in base 16. The series' parse_mapping() (v6 26/29) also copies the value
 * into 40 bytes first (a longer one is refused) and wants a hex digit right
 * before the '-', so "1000\n-1fff", which 6.1 takes, is refused.
 */
static int parse_range(const char *buf, u64 *start, u64 *end)
{
	char tmp[128], *dash;

	if (strlen(buf) >= (S.profile == PROFILE_SERIES ? 40 : sizeof(tmp)))
		return -EINVAL;
	strcpy(tmp, buf);
	dash = strchr(tmp, '-');
	if (!dash)
		return -EINVAL;
	if (S.profile == PROFILE_SERIES && (dash == tmp || !isxdigit((unsigned char)dash[-1])))
		return -EINVAL;
	*dash = '\0';
	if (k_strtoull(tmp, 16, start) || k_strtoull(dash + 1, 16, end))
		return -EINVAL;
	return 0;
}

/* Linux 6.1 mapping_store(): only the length is checked, request_region() does the rest */
static int mapping_linux(struct ddev *d, u64 start, u64 end)
{
	struct region *r = d->region;
	u64 len = end - start + 1; /* wraps when end < start, as in the kernel */

	if (len % dev_granule(d))
		return -ENXIO;
	if (len == 0)
		return d->nr ? -EBUSY : 0; /* the "0-size allocation must be first" case */
	if (end < start || start < r->start || end > r->end || !region_range_free(r, start, end))
		return -ENOMEM;
	return dev_append_range(d, start, end);
}

int store_dev_mapping(struct ddev *d, const char *buf)
{
	struct region *r = d->region;
	u64 start, end, g;

	if (parse_range(buf, &start, &end))
		return -EINVAL;
	if (S.profile == PROFILE_LINUX)
		return mapping_linux(d, start, end);
	if (end < start)
		return -EINVAL;
	if (d->drv || d->held)
		return -EBUSY;
	g = dev_granule(d);
	if (start % g || end == UINT64_MAX || (end + 1) % g)
		return -EINVAL;
	if (start < r->start || end > r->end)
		return -EINVAL;
	if (!region_range_free(r, start, end))
		return -EBUSY;
	return dev_append_range(d, start, end);
}

static int parse_id_name(const char *buf, char *name, size_t len)
{
	int region, id;

	if (sscanf(buf, "dax%d.%d", &region, &id) != 2)
		return -EINVAL;
	snprintf(name, len, "dax%d.%d", region, id);
	if (!sysfs_streq(buf, name))
		return -EINVAL;
	return 0;
}

static bool drv_match(int drv, const struct ddev *d)
{
	char n[64];

	dev_name(d, n, sizeof(n));
	return S.drv[drv].match_always || driver_has_id(&S.drv[drv], n);
}

int store_drv_bind(int drv, const char *buf)
{
	struct ddev *d = dev_find(buf);
	int rc;

	if (!d || !drv_match(drv, d))
		return -ENODEV;
	rc = dev_probe(d, drv);
	/*
	 * The series' base (v5.8) driver core turns every refusal of a bind,
	 * an already bound device or a failed probe alike, into ENODEV; 6.1
	 * passes the probe's errno through.
	 */
	if (rc && S.profile == PROFILE_SERIES)
		return -ENODEV;
	return rc;
}

int store_drv_unbind(int drv, const char *buf)
{
	struct ddev *d = dev_find(buf);

	if (!d || d->drv != drv)
		return -ENODEV;
	return dev_remove(d);
}

/* driver_attach(): probe every unbound device the driver matches */
static void driver_attach(int drv)
{
	int i, j;

	for (i = 0; i < S.nregion; i++)
		for (j = 0; j < S.regions[i]->ndev; j++) {
			struct ddev *d = S.regions[i]->devs[j];

			if (!d->drv && drv_match(drv, d))
				dev_probe(d, drv);
		}
}

int store_drv_new_id(int drv, const char *buf)
{
	char n[64];
	int rc = parse_id_name(buf, n, sizeof(n));

	if (rc)
		return rc;
	rc = driver_id_add(&S.drv[drv], n);
	if (rc)
		return rc;
	driver_attach(drv);
	return 0;
}

int store_drv_remove_id(int drv, const char *buf)
{
	struct driver *dr = &S.drv[drv];
	char n[64];
	int i, rc = parse_id_name(buf, n, sizeof(n));

	if (rc)
		return rc;
	for (i = 0; i < dr->nids; i++)
		if (!strcmp(dr->ids[i], n)) {
			free(dr->ids[i]);
			memmove(dr->ids + i, dr->ids + i + 1, (dr->nids - i - 1) * sizeof(*dr->ids));
			dr->nids--;
			break;
		}
	return 0;
}

int store_bus_probe(const char *buf)
{
	struct ddev *d = dev_find(buf);
	int drv;

	if (!d)
		return -ENODEV;
	for (drv = DRV_DEVDAX; drv < NR_DRV && !d->drv; drv++)
		if (drv_match(drv, d))
			dev_probe(d, drv);
	return 0;
}

int store_mem_state(struct memblock *b, const char *buf)
{
	int t = online_type_from_str(buf);

	if (t < 0)
		return -EINVAL;
	if (t == MMOP_OFFLINE) {
		if (b->state == MEM_OFFLINE)
			return -EINVAL; /* device_offline() returned 1 */
		b->state = MEM_OFFLINE;
		b->zone = ZONE_NONE;
		return 0;
	}
	if (b->state == MEM_ONLINE)
		return -EINVAL; /* device_online() returned 1 */
	return block_online(b, t);
}

int store_mem_online(struct memblock *b, const char *buf)
{
	bool v;

	if (k_strtobool(buf, &v))
		return -EINVAL;
	if (v && b->state == MEM_OFFLINE)
		return block_online(b, MMOP_ONLINE);
	if (!v && b->state == MEM_ONLINE) {
		b->state = MEM_OFFLINE;
		b->zone = ZONE_NONE;
	}
	return 0;
}

int store_auto_online(const char *buf)
{
	int t = online_type_from_str(buf);

	if (t < 0)
		return -EINVAL;
	S.auto_online = t;
	return 0;
}
