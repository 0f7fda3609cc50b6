// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual tree served at the mount point:
 *
 *   sys/   the simulated sysfs (see README.md for every file)
 *   dev/   a character device node per daxX.Y, plus pass-through nodes
 *          (null, zero, tty, ...) so the tree can be bound over /dev
 *   .daxsim/  control files (fault rules, write count)
 *
 * Nothing is materialised: every path is resolved against the model on each
 * request, so created and deleted devices show up at once.
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 31

#include <errno.h>
#include <fnmatch.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "daxsim.h"

enum vtype { V_DIR, V_REG, V_LNK, V_CHR };

enum dkind {
	D_ROOT, D_SYS, D_DEVROOT, D_EMPTY, D_CTL,
	D_BUS, D_BUSDAX, D_BUSDAX_DEVICES, D_BUSDAX_DRIVERS, D_DRIVER,
	D_DEVICES, D_PLATFORM, D_HMEM, D_DAXREGION, D_DAXDEV, D_MAPPING,
	D_NDCHAIN, D_NDREGION,
	D_SYSTEM, D_MEMORY, D_MEMBLOCK, D_NODEROOT, D_NODE, D_CPU,
	D_SYSDEV, D_DEVCHAR, D_MODROOT, D_MODULE, D_MODPARAM, D_MHPMOD, D_MHPPARAM,
	D_KERNEL, D_DEBUGFS, D_FAILRES,
};

struct vnode;

struct attr {
	const char *name;
	mode_t mode;
	int (*show)(const struct vnode *vn, char *buf, size_t len);
	int (*store)(const struct vnode *vn, const char *buf);
};

struct vnode {
	enum vtype type;
	enum dkind kind;
	mode_t mode;
	void *obj;
	long idx;
	const struct attr *attr;
	dev_t rdev;
	char link[256];
};

struct lister {
	const char *want; /* lookup: the name wanted; NULL: readdir */
	struct vnode *out;
	bool found;
	void *buf;
	fuse_fill_dir_t filler;
};

static time_t start_time;

/* emit one entry; returns true when the listing can stop */
static bool emit(struct lister *l, const char *name, const struct vnode *vn)
{
	if (l->want) {
		if (strcmp(l->want, name))
			return false;
		*l->out = *vn;
		l->found = true;
		return true;
	} else {
		struct stat st;

		memset(&st, 0, sizeof(st));
		st.st_mode = vn->mode | (vn->type == V_DIR ? S_IFDIR : vn->type == V_REG ? S_IFREG :
					 vn->type == V_LNK ? S_IFLNK : S_IFCHR);
		l->filler(l->buf, name, &st, 0, 0);
		return false;
	}
}

static bool emit_dir(struct lister *l, const char *name, enum dkind kind, void *obj, long idx)
{
	struct vnode vn = { .type = V_DIR, .kind = kind, .mode = 0755, .obj = obj, .idx = idx };

	return emit(l, name, &vn);
}

__attribute__((format(printf, 3, 4)))
static bool emit_link(struct lister *l, const char *name, const char *fmt, ...)
{
	struct vnode vn = { .type = V_LNK, .mode = 0777 };
	va_list ap;

	if (l->want && strcmp(l->want, name))
		return false;
	va_start(ap, fmt);
	vsnprintf(vn.link, sizeof(vn.link), fmt, ap);
	va_end(ap);
	return emit(l, name, &vn);
}

static bool emit_attrs(struct lister *l, const struct attr *attrs, void *obj, long idx)
{
	const struct attr *a;

	for (a = attrs; a->name; a++) {
		struct vnode vn = { .type = V_REG, .mode = a->mode, .obj = obj, .idx = idx, .attr = a };

		if (emit(l, a->name, &vn))
			return true;
	}
	return false;
}

static bool emit_chr(struct lister *l, const char *name, dev_t rdev, mode_t mode)
{
	struct vnode vn = { .type = V_CHR, .mode = mode, .rdev = rdev };

	return emit(l, name, &vn);
}

/* ---- show/store helpers ---- */

#define OBJ_REGION(vn) ((struct region *)(vn)->obj)
#define OBJ_DEV(vn) ((struct ddev *)(vn)->obj)

static int out(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int out(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n < (int)len ? n : (int)len - 1;
}

static int show_one(const struct vnode *vn, char *buf, size_t len)
{
	return out(buf, len, "1\n");
}

static int show_zero(const struct vnode *vn, char *buf, size_t len)
{
	return out(buf, len, "0\n");
}

static int store_uevent(const struct vnode *vn, const char *b)
{
	static const char *const actions[] = { "add", "remove", "change", "move", "online",
					       "offline", "bind", "unbind" };
	size_t i, n = strcspn(b, " \n");

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strlen(actions[i]) == n && !strncmp(b, actions[i], n))
			return 0;
	return -EINVAL;
}

/* region */
static int r_id(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%d\n", OBJ_REGION(vn)->id); }
static int r_size(const struct vnode *vn, char *b, size_t n)
{
	const struct region *r = OBJ_REGION(vn);

	return out(b, n, "%llu\n", (unsigned long long)(r->end - r->start + 1));
}
static int r_align(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%llu\n", (unsigned long long)OBJ_REGION(vn)->align); }
static int r_avail(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%llu\n", (unsigned long long)region_avail(OBJ_REGION(vn))); }
static int r_seed(const struct vnode *vn, char *b, size_t n)
{
	char name[64] = "";

	if (OBJ_REGION(vn)->seed)
		dev_name(OBJ_REGION(vn)->seed, name, sizeof(name));
	return out(b, n, "%s\n", name);
}
static int r_create_show(const struct vnode *vn, char *b, size_t n)
{
	char name[64] = "";

	if (OBJ_REGION(vn)->youngest)
		dev_name(OBJ_REGION(vn)->youngest, name, sizeof(name));
	return out(b, n, "%s\n", name);
}
static int r_create(const struct vnode *vn, const char *b) { return store_region_create(OBJ_REGION(vn), b); }
static int r_delete(const struct vnode *vn, const char *b) { return store_region_delete(OBJ_REGION(vn), b); }

static const struct attr region_attrs[] = {
	{ "id", 0444, r_id, NULL },
	{ "size", 0444, r_size, NULL },
	{ "align", 0400, r_align, NULL },
	{ "available_size", 0444, r_avail, NULL },
	{ "seed", 0444, r_seed, NULL },
	{ "create", 0644, r_create_show, r_create },
	{ "delete", 0200, NULL, r_delete },
	{ NULL, 0, NULL, NULL },
};

/* a static region has only these (dax_region_attribute_visible()) */
static const struct attr static_region_attrs[] = {
	{ "id", 0444, r_id, NULL },
	{ "size", 0444, r_size, NULL },
	{ "align", 0400, r_align, NULL },
	{ NULL, 0, NULL, NULL },
};

static int hmem_modalias(const struct vnode *vn, char *b, size_t n) { return out(b, n, "platform:hmem\n"); }
static int hmem_numa(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%d\n", OBJ_REGION(vn)->numa_node); }
static int hmem_uevent(const struct vnode *vn, char *b, size_t n) { return out(b, n, "DRIVER=hmem\nMODALIAS=platform:hmem\n"); }

static const struct attr hmem_attrs[] = {
	{ "modalias", 0444, hmem_modalias, NULL },
	{ "numa_node", 0444, hmem_numa, NULL },
	{ "uevent", 0644, hmem_uevent, store_uevent },
	{ NULL, 0, NULL, NULL },
};

/* device */
static int d_size(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%llu\n", (unsigned long long)dev_size(OBJ_DEV(vn))); }
static int d_size_store(const struct vnode *vn, const char *b) { return store_dev_size(OBJ_DEV(vn), b); }
static int d_align(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%llu\n", (unsigned long long)OBJ_DEV(vn)->align); }
static int d_align_store(const struct vnode *vn, const char *b) { return store_dev_align(OBJ_DEV(vn), b); }
static int d_mapping_store(const struct vnode *vn, const char *b) { return store_dev_mapping(OBJ_DEV(vn), b); }
static int d_resource(const struct vnode *vn, char *b, size_t n)
{
	const struct ddev *d = OBJ_DEV(vn);

	return out(b, n, "0x%llx\n", (unsigned long long)(d->nr ? d->ranges[0].start : d->region->start));
}
static int d_tnode(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%d\n", OBJ_DEV(vn)->region->target_node); }
static int d_nnode(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%d\n", OBJ_DEV(vn)->region->numa_node); }
/* both kernels print the DAX_DEVICE_MODALIAS_FMT of type 0 */
static const char *modalias(void)
{
	return "dax:t0";
}
static int d_modalias(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%s\n", modalias()); }
static int d_dev(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%u:%d\n", S.dax_major, OBJ_DEV(vn)->minor); }
static int d_uevent(const struct vnode *vn, char *b, size_t n)
{
	const struct ddev *d = OBJ_DEV(vn);
	char name[64], drv[64] = "";

	dev_name(d, name, sizeof(name));
	if (d->drv)
		snprintf(drv, sizeof(drv), "DRIVER=%s\n", S.drv[d->drv].name);
	return out(b, n, "MAJOR=%u\nMINOR=%d\nDEVNAME=%s\n%sMODALIAS=%s\n", S.dax_major,
		   d->minor, name, drv, modalias());
}

static const struct attr dev_attrs[] = {
	{ "size", 0644, d_size, d_size_store },
	{ "align", 0644, d_align, d_align_store },
	{ "mapping", 0200, NULL, d_mapping_store },
	{ "resource", 0400, d_resource, NULL },
	{ "target_node", 0444, d_tnode, NULL },
	{ "numa_node", 0444, d_nnode, NULL },
	{ "modalias", 0444, d_modalias, NULL },
	{ "dev", 0444, d_dev, NULL },
	{ "uevent", 0644, d_uevent, store_uevent },
	{ NULL, 0, NULL, NULL },
};

/* daxX.0 of a static region: size and align read-only, no mapping */
static const struct attr static_dev_attrs[] = {
	{ "size", 0444, d_size, NULL },
	{ "align", 0444, d_align, NULL },
	{ "resource", 0400, d_resource, NULL },
	{ "target_node", 0444, d_tnode, NULL },
	{ "numa_node", 0444, d_nnode, NULL },
	{ "modalias", 0444, d_modalias, NULL },
	{ "dev", 0444, d_dev, NULL },
	{ "uevent", 0644, d_uevent, store_uevent },
	{ NULL, 0, NULL, NULL },
};

static int d_memmap(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%d\n", OBJ_DEV(vn)->memmap_on_memory); }
static int d_memmap_store(const struct vnode *vn, const char *b) { return store_dev_memmap_on_memory(OBJ_DEV(vn), b); }

/* Linux >= 6.8 only */
static const struct attr dev_memmap_attrs[] = {
	{ "memmap_on_memory", 0644, d_memmap, d_memmap_store },
	{ NULL, 0, NULL, NULL },
};

static const struct drange *vn_range(const struct vnode *vn)
{
	const struct ddev *d = OBJ_DEV(vn);

	return vn->idx < d->nr ? &d->ranges[vn->idx] : NULL;
}
/* a mappingN attribute: one field of the device's Nth range, in hex */
#define MAPPING_SHOW(fn, field)                                                   \
	static int fn(const struct vnode *vn, char *b, size_t n)                  \
	{                                                                         \
		const struct drange *g = vn_range(vn);                            \
                                                                                  \
		return g ? out(b, n, "0x%llx\n", (unsigned long long)g->field) : -ENODEV; \
	}
MAPPING_SHOW(m_start, start)
MAPPING_SHOW(m_end, end)
MAPPING_SHOW(m_pgoff, pgoff)

static const struct attr mapping_attrs[] = {
	{ "start", 0400, m_start, NULL },
	{ "end", 0400, m_end, NULL },
	{ "page_offset", 0400, m_pgoff, NULL },
	{ NULL, 0, NULL, NULL },
};

/* bus and drivers */
static int bus_autoprobe(const struct vnode *vn, const char *b)
{
	bool v;

	return k_strtobool(b, &v);
}
static int bus_probe(const struct vnode *vn, const char *b) { return store_bus_probe(b); }

static const struct attr bus_attrs[] = {
	{ "drivers_autoprobe", 0644, show_one, bus_autoprobe },
	{ "drivers_probe", 0200, NULL, bus_probe },
	{ "uevent", 0200, NULL, store_uevent },
	{ NULL, 0, NULL, NULL },
};

static int drv_bind(const struct vnode *vn, const char *b) { return store_drv_bind((int)vn->idx, b); }
static int drv_unbind(const struct vnode *vn, const char *b) { return store_drv_unbind((int)vn->idx, b); }
static int drv_new_id(const struct vnode *vn, const char *b) { return store_drv_new_id((int)vn->idx, b); }
static int drv_remove_id(const struct vnode *vn, const char *b) { return store_drv_remove_id((int)vn->idx, b); }

static const struct attr drv_attrs[] = {
	{ "bind", 0200, NULL, drv_bind },
	{ "unbind", 0200, NULL, drv_unbind },
	{ "new_id", 0200, NULL, drv_new_id },
	{ "remove_id", 0200, NULL, drv_remove_id },
	{ "uevent", 0200, NULL, store_uevent },
	{ NULL, 0, NULL, NULL },
};

/* memory */
static int mem_bs(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%llx\n", (unsigned long long)S.block_size); }
static int mem_auto(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%s\n", online_type_names[S.auto_online]); }
static int mem_auto_store(const struct vnode *vn, const char *b) { return store_auto_online(b); }

static const struct attr memory_attrs[] = {
	{ "block_size_bytes", 0444, mem_bs, NULL },
	{ "auto_online_blocks", 0644, mem_auto, mem_auto_store },
	{ "uevent", 0644, NULL, store_uevent },
	{ NULL, 0, NULL, NULL },
};

static struct memblock *vn_block(const struct vnode *vn)
{
	return block_find((u64)vn->idx);
}
static int b_state(const struct vnode *vn, char *b, size_t n)
{
	struct memblock *m = vn_block(vn);

	return m ? out(b, n, "%s\n", m->state == MEM_ONLINE ? "online" : "offline") : -ENODEV;
}
static int b_state_store(const struct vnode *vn, const char *b)
{
	struct memblock *m = vn_block(vn);

	return m ? store_mem_state(m, b) : -ENODEV;
}
static int b_online(const struct vnode *vn, char *b, size_t n)
{
	struct memblock *m = vn_block(vn);

	return m ? out(b, n, "%d\n", m->state == MEM_ONLINE) : -ENODEV;
}
static int b_online_store(const struct vnode *vn, const char *b)
{
	struct memblock *m = vn_block(vn);

	return m ? store_mem_online(m, b) : -ENODEV;
}
static int b_index(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%08llx\n", (unsigned long long)vn->idx); }
static int b_zones(const struct vnode *vn, char *b, size_t n)
{
	struct memblock *m = vn_block(vn);

	if (!m)
		return -ENODEV;
	valid_zones(m, b, n);
	return (int)strlen(b);
}
static int b_uevent(const struct vnode *vn, char *b, size_t n) { return out(b, n, "ODRIVER=memory\n"); }

static const struct attr block_attrs[] = {
	{ "state", 0644, b_state, b_state_store },
	{ "online", 0644, b_online, b_online_store },
	{ "phys_index", 0444, b_index, NULL },
	{ "phys_device", 0444, show_zero, NULL },
	{ "valid_zones", 0444, b_zones, NULL },
	{ "removable", 0444, show_one, NULL },
	{ "uevent", 0644, b_uevent, store_uevent },
	{ NULL, 0, NULL, NULL },
};

/* nodes */
static bool node_has_memory(int node, bool normal)
{
	int i;

	for (i = 0; i < S.nblock; i++)
		if (S.blocks[i].node == node && S.blocks[i].state == MEM_ONLINE &&
		    (!normal || S.blocks[i].zone == ZONE_NORMAL))
			return true;
	return false;
}

/*
 * A node with no CPU and no memory block is offline and has no directory:
 * the soft-reserved nodes until kmem adds memory there, and again once the
 * last of it is removed (try_offline_node()). Only node 0 has CPUs here.
 */
static bool node_online(int node)
{
	int i;

	if (node == 0)
		return true;
	for (i = 0; i < S.nblock; i++)
		if (S.blocks[i].node == node)
			return true;
	return false;
}

static int node_list(char *b, size_t n, int which)
{
	size_t len = 0;
	int i, first = -1;

	b[0] = '\0';
	for (i = 0; i <= S.max_node + 1; i++) {
		bool in = i <= S.max_node &&
			  (which == 0 || (which == 1 && node_has_memory(i, false)) ||
			   (which == 2 && node_has_memory(i, true)) || (which == 3 && i == 0) ||
			   (which == 4 && node_online(i)));

		if (in && first < 0)
			first = i;
		if (!in && first >= 0) {
			if (first == i - 1)
				len += snprintf(b + len, n - len, "%s%d", len ? "," : "", first);
			else
				len += snprintf(b + len, n - len, "%s%d-%d", len ? "," : "", first, i - 1);
			first = -1;
		}
	}
	len += snprintf(b + len, n - len, "\n");
	return (int)len;
}
static int n_possible(const struct vnode *vn, char *b, size_t n) { return node_list(b, n, 0); }
static int n_has_memory(const struct vnode *vn, char *b, size_t n) { return node_list(b, n, 1); }
static int n_has_normal(const struct vnode *vn, char *b, size_t n) { return node_list(b, n, 2); }
static int n_has_cpu(const struct vnode *vn, char *b, size_t n) { return node_list(b, n, 3); }
static int n_online(const struct vnode *vn, char *b, size_t n) { return node_list(b, n, 4); }

static const struct attr noderoot_attrs[] = {
	{ "possible", 0444, n_possible, NULL },
	{ "online", 0444, n_online, NULL },
	{ "has_memory", 0444, n_has_memory, NULL },
	{ "has_normal_memory", 0444, n_has_normal, NULL },
	{ "has_cpu", 0444, n_has_cpu, NULL },
	{ NULL, 0, NULL, NULL },
};

static int n_meminfo(const struct vnode *vn, char *b, size_t n)
{
	unsigned long long kb = 0;
	int i, node = (int)vn->idx;

	for (i = 0; i < S.nblock; i++)
		if (S.blocks[i].node == node && S.blocks[i].state == MEM_ONLINE)
			kb += S.block_size >> 10;
	return out(b, n, "Node %d MemTotal:       %8llu kB\nNode %d MemFree:        %8llu kB\n"
		   "Node %d MemUsed:        %8llu kB\n", node, kb, node, kb, node, 0ULL);
}

static const struct attr node_attrs[] = {
	{ "meminfo", 0444, n_meminfo, NULL },
	{ NULL, 0, NULL, NULL },
};

/* cpu: the host's, for glibc's get_nprocs(); read once at start (never from our own tree) */
static char host_cpus[256] = "0\n";

static int cpu_host(const struct vnode *vn, char *b, size_t n)
{
	return out(b, n, "%s", host_cpus);
}

static const struct attr cpu_attrs[] = {
	{ "online", 0444, cpu_host, NULL },
	{ "possible", 0444, cpu_host, NULL },
	{ "present", 0444, cpu_host, NULL },
	{ NULL, 0, NULL, NULL },
};

/* modules */
static const char *const modules[] = { "dax", "device_dax", "kmem", "dax_hmem" };

static int mod_live(const struct vnode *vn, char *b, size_t n) { return out(b, n, "live\n"); }
static int mod_refcnt(const struct vnode *vn, char *b, size_t n)
{
	int i, j, c = 0;

	if (vn->idx == 1 || vn->idx == 2)
		for (i = 0; i < S.nregion; i++)
			for (j = 0; j < S.regions[i]->ndev; j++)
				c += S.regions[i]->devs[j]->drv == (vn->idx == 1 ? DRV_DEVDAX : DRV_KMEM);
	return out(b, n, "%d\n", c);
}

static const struct attr module_attrs[] = {
	{ "initstate", 0444, mod_live, NULL },
	{ "refcnt", 0444, mod_refcnt, NULL },
	{ "uevent", 0200, NULL, store_uevent },
	{ NULL, 0, NULL, NULL },
};

static int p_region_idle(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%s\n", S.region_idle ? "Y" : "N"); }

static const struct attr hmem_param_attrs[] = {
	{ "region_idle", 0444, p_region_idle, NULL },
	{ NULL, 0, NULL, NULL },
};

/* built in: /sys/module/memory_hotplug/parameters, boot-time only */
static int p_mhp_memmap(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%s\n", S.memmap_param ? "Y" : "N"); }

static const struct attr mhp_param_attrs[] = {
	{ "memmap_on_memory", 0444, p_mhp_memmap, NULL },
	{ NULL, 0, NULL, NULL },
};

/* series: /sys/kernel/debug/fail_dax_resource (debugfs' 0600 files) */
static int fr_prob(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%llu\n", (unsigned long long)S.failres_probability); }
static int fr_interval(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%llu\n", (unsigned long long)S.failres_interval); }
static int fr_times(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%d\n", S.failres_times); }
static int fr_prob_store(const struct vnode *vn, const char *b) { return store_failres(0, b); }
static int fr_interval_store(const struct vnode *vn, const char *b) { return store_failres(1, b); }
static int fr_times_store(const struct vnode *vn, const char *b) { return store_failres(2, b); }

static const struct attr failres_attrs[] = {
	{ "probability", 0600, fr_prob, fr_prob_store },
	{ "interval", 0600, fr_interval, fr_interval_store },
	{ "times", 0600, fr_times, fr_times_store },
	{ NULL, 0, NULL, NULL },
};

/* control */
static int ctl_fail_show(const struct vnode *vn, char *b, size_t n)
{
	size_t len = 0;
	int i;

	b[0] = '\0';
	for (i = 0; i < S.nfault && len < n; i++) {
		const struct fault *f = &S.faults[i];

		len += snprintf(b + len, n - len, "%s:%ld%s:%s seen=%ld hits=%ld\n", f->path, f->nth,
				f->and_after ? "+" : "", strerrorname_np(f->err), f->seen, f->hits);
	}
	return len < n ? (int)len : (int)n - 1;
}
static int ctl_fail_store(const struct vnode *vn, const char *b)
{
	struct fault f;
	char spec[4200];
	size_t l = strcspn(b, "\n");

	if (l >= sizeof(spec))
		return -EINVAL;
	memcpy(spec, b, l);
	spec[l] = '\0';
	if (!strcmp(spec, "clear")) {
		int i;

		for (i = 0; i < S.nfault; i++)
			free(S.faults[i].path);
		S.nfault = 0;
		return 0;
	}
	if (fault_parse(spec, &f))
		return -EINVAL;
	S.faults = realloc(S.faults, (S.nfault + 1) * sizeof(*S.faults));
	if (!S.faults)
		return -ENOMEM;
	S.faults[S.nfault++] = f;
	return 0;
}
static int ctl_reset(const struct vnode *vn, const char *b)
{
	return strcmp(b, "1\n") && strcmp(b, "1") ? -EINVAL : sim_reset();
}
static int ctl_writes(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%ld\n", S.writes); }
static int ctl_pid(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%d\n", (int)getpid()); }
static int ctl_profile(const struct vnode *vn, char *b, size_t n) { return out(b, n, "%s\n", profile_name(S.profile)); }

/* the host's /proc/meminfo (read once) with the hot-added memory online in the model */
static char host_meminfo[8192];

static int ctl_meminfo(const struct vnode *vn, char *b, size_t n)
{
	unsigned long long kb = 0;
	const char *p = host_meminfo;
	size_t len = 0;
	int i;

	for (i = 0; i < S.nblock; i++)
		if (!S.blocks[i].boot && S.blocks[i].state == MEM_ONLINE)
			kb += S.block_size >> 10;
	b[0] = '\0';
	while (*p && len + 1 < n) {
		size_t l = strcspn(p, "\n");
		unsigned long long v;
		char key[32];

		if (sscanf(p, "%31[^:]: %llu kB", key, &v) == 2 &&
		    (!strcmp(key, "MemTotal") || !strcmp(key, "MemFree") || !strcmp(key, "MemAvailable")))
			len += snprintf(b + len, n - len, "%s:%*llu kB\n", key,
					(int)(15 - strlen(key)) + 8, v + kb);
		else
			len += snprintf(b + len, n - len, "%.*s\n", (int)l, p);
		p += l;
		if (*p)
			p++;
	}
	return len < n ? (int)len : (int)n - 1;
}

static const struct attr ctl_attrs[] = {
	{ "fail", 0644, ctl_fail_show, ctl_fail_store },
	{ "writes", 0444, ctl_writes, NULL },
	{ "reset", 0200, NULL, ctl_reset },
	{ "pid", 0444, ctl_pid, NULL },
	{ "profile", 0444, ctl_profile, NULL },
	{ "meminfo", 0444, ctl_meminfo, NULL },
	{ NULL, 0, NULL, NULL },
};

/* /dev pass-through nodes */
static const char *const host_nodes[] = { "null", "zero", "full", "random", "urandom", "tty" };
static dev_t host_rdev[6];

void tree_set_host_dev(void)
{
	char p[64];
	size_t i;

	FILE *f = fopen("/proc/meminfo", "r");

	if (f) {
		size_t got = fread(host_meminfo, 1, sizeof(host_meminfo) - 1, f);

		host_meminfo[got] = '\0';
		fclose(f);
	}
	f = fopen("/sys/devices/system/cpu/online", "r");

	start_time = time(NULL);
	if (f) {
		if (!fgets(host_cpus, sizeof(host_cpus), f))
			snprintf(host_cpus, sizeof(host_cpus), "0\n");
		fclose(f);
	}
	for (i = 0; i < sizeof(host_nodes) / sizeof(host_nodes[0]); i++) {
		struct stat st;

		snprintf(p, sizeof(p), "/dev/%s", host_nodes[i]);
		host_rdev[i] = stat(p, &st) == 0 && S_ISCHR(st.st_mode) ? st.st_rdev : 0;
	}
}

/* ---- directories ---- */

static bool parse_memory_name(const char *name, u64 *idx)
{
	char *end;

	if (strncmp(name, "memory", 6) || name[6] < '0' || name[6] > '9')
		return false;
	*idx = strtoull(name + 6, &end, 10);
	return !*end;
}

/*
 * Where a region's devices live under sys/: the hmem platform device, or
 * for a static region the namespace's dax device under the nvdimm bus
 * (one bus, ndbus0, under the ACPI NFIT device, as qemu's NVDIMM gives).
 * Returns the number of path components, for relative links.
 */
static const char *const nd_chain[] = { "LNXSYSTM:00", "LNXSYBUS:00", "ACPI0012:00", "ndbus0" };
#define ND_CHAIN_LEN ((int)(sizeof(nd_chain) / sizeof(nd_chain[0])))

static int region_path(const struct region *r, char *buf, size_t n)
{
	if (!r->is_static) {
		snprintf(buf, n, "devices/platform/hmem.%d", r->hmem);
		return 3;
	}
	snprintf(buf, n, "devices/%s/%s/%s/%s/region%d/dax%d.0", nd_chain[0], nd_chain[1],
		 nd_chain[2], nd_chain[3], r->id, r->id);
	return 3 + ND_CHAIN_LEN;
}

/* "../" @n times */
static const char *ups(int n)
{
	static const char many[] = "../../../../../../../../../../../../";

	return many + sizeof(many) - 1 - 3 * n;
}

static bool any_static(void)
{
	int i;

	for (i = 0; i < S.nregion; i++)
		if (S.regions[i]->is_static)
			return true;
	return false;
}

static void list_dir(const struct vnode *dir, struct lister *l)
{
	char name[64], rp[160];
	int i, j;

	switch (dir->kind) {
	case D_ROOT:
		if (emit_dir(l, "sys", D_SYS, NULL, 0) || emit_dir(l, "dev", D_DEVROOT, NULL, 0))
			return;
		emit_dir(l, ".daxsim", D_CTL, NULL, 0);
		return;
	case D_SYS:
		if (emit_dir(l, "bus", D_BUS, NULL, 0) || emit_dir(l, "devices", D_DEVICES, NULL, 0) ||
		    emit_dir(l, "dev", D_SYSDEV, NULL, 0))
			return;
		if (emit_dir(l, "module", D_MODROOT, NULL, 0))
			return;
		if (S.profile == PROFILE_SERIES)
			emit_dir(l, "kernel", D_KERNEL, NULL, 0);
		return;
	case D_KERNEL:
		emit_dir(l, "debug", D_DEBUGFS, NULL, 0);
		return;
	case D_DEBUGFS:
		emit_dir(l, "fail_dax_resource", D_FAILRES, NULL, 0);
		return;
	case D_FAILRES:
		emit_attrs(l, failres_attrs, NULL, 0);
		return;
	case D_BUS:
		emit_dir(l, "dax", D_BUSDAX, NULL, 0);
		return;
	case D_BUSDAX:
		if (emit_dir(l, "devices", D_BUSDAX_DEVICES, NULL, 0) ||
		    emit_dir(l, "drivers", D_BUSDAX_DRIVERS, NULL, 0))
			return;
		emit_attrs(l, bus_attrs, NULL, 0);
		return;
	case D_BUSDAX_DEVICES:
		for (i = 0; i < S.nregion; i++)
			for (j = 0; j < S.regions[i]->ndev; j++) {
				dev_name(S.regions[i]->devs[j], name, sizeof(name));
				region_path(S.regions[i], rp, sizeof(rp));
				if (emit_link(l, name, "../../../%s/%s", rp, name))
					return;
			}
		return;
	case D_BUSDAX_DRIVERS:
		if (emit_dir(l, "device_dax", D_DRIVER, NULL, DRV_DEVDAX))
			return;
		emit_dir(l, "kmem", D_DRIVER, NULL, DRV_KMEM);
		return;
	case D_DRIVER:
		if (emit_attrs(l, drv_attrs, NULL, dir->idx) ||
		    emit_link(l, "module", "../../../../module/%s", S.drv[dir->idx].module))
			return;
		for (i = 0; i < S.nregion; i++)
			for (j = 0; j < S.regions[i]->ndev; j++) {
				if (S.regions[i]->devs[j]->drv != dir->idx)
					continue;
				dev_name(S.regions[i]->devs[j], name, sizeof(name));
				region_path(S.regions[i], rp, sizeof(rp));
				if (emit_link(l, name, "../../../../%s/%s", rp, name))
					return;
			}
		return;
	case D_DEVICES:
		if (emit_dir(l, "platform", D_PLATFORM, NULL, 0))
			return;
		if (any_static() && emit_dir(l, nd_chain[0], D_NDCHAIN, NULL, 1))
			return;
		emit_dir(l, "system", D_SYSTEM, NULL, 0);
		return;
	case D_NDCHAIN:
		/* idx: the next component of nd_chain, then the regions */
		if (dir->idx < ND_CHAIN_LEN) {
			emit_dir(l, nd_chain[dir->idx], D_NDCHAIN, NULL, dir->idx + 1);
			return;
		}
		for (i = 0; i < S.nregion; i++) {
			if (!S.regions[i]->is_static)
				continue;
			snprintf(name, sizeof(name), "region%d", S.regions[i]->id);
			if (emit_dir(l, name, D_NDREGION, S.regions[i], 0))
				return;
		}
		return;
	case D_NDREGION: {
		struct region *r = dir->obj;

		/* the namespace's dax device: holds dax_region and daxX.0 */
		snprintf(name, sizeof(name), "dax%d.0", r->id);
		emit_dir(l, name, D_HMEM, r, 0);
		return;
	}
	case D_PLATFORM:
		for (i = 0; i < S.nregion; i++) {
			if (S.regions[i]->is_static)
				continue;
			snprintf(name, sizeof(name), "hmem.%d", S.regions[i]->hmem);
			if (emit_dir(l, name, D_HMEM, S.regions[i], 0))
				return;
		}
		return;
	case D_HMEM: {
		struct region *r = dir->obj;

		if (emit_dir(l, "dax_region", D_DAXREGION, r, 0) ||
		    (!r->is_static && emit_attrs(l, hmem_attrs, r, 0)))
			return;
		for (j = 0; j < r->ndev; j++) {
			dev_name(r->devs[j], name, sizeof(name));
			if (emit_dir(l, name, D_DAXDEV, r->devs[j], 0))
				return;
		}
		return;
	}
	case D_DAXREGION:
		emit_attrs(l, OBJ_REGION(dir)->is_static ? static_region_attrs : region_attrs,
			   dir->obj, 0);
		return;
	case D_DAXDEV: {
		struct ddev *d = dir->obj;
		int up = region_path(d->region, rp, sizeof(rp)) + 1;

		if (emit_attrs(l, d->region->is_static ? static_dev_attrs : dev_attrs, d, 0))
			return;
		if (S.memmap_attr && emit_attrs(l, dev_memmap_attrs, d, 0))
			return;
		for (i = 0; i < d->nr; i++) {
			snprintf(name, sizeof(name), "mapping%d", i);
			if (emit_dir(l, name, D_MAPPING, d, i))
				return;
		}
		if (d->drv && emit_link(l, "driver", "%sbus/dax/drivers/%s", ups(up), S.drv[d->drv].name))
			return;
		emit_link(l, "subsystem", "%sbus/dax", ups(up));
		return;
	}
	case D_MAPPING:
		emit_attrs(l, mapping_attrs, dir->obj, dir->idx);
		return;
	case D_SYSTEM:
		if (emit_dir(l, "memory", D_MEMORY, NULL, 0) || emit_dir(l, "node", D_NODEROOT, NULL, 0))
			return;
		emit_dir(l, "cpu", D_CPU, NULL, 0);
		return;
	case D_MEMORY: {
		u64 idx;

		if (emit_attrs(l, memory_attrs, NULL, 0))
			return;
		if (l->want) {
			if (parse_memory_name(l->want, &idx) && block_find(idx)) {
				snprintf(name, sizeof(name), "memory%llu", (unsigned long long)idx);
				emit_dir(l, name, D_MEMBLOCK, NULL, (long)idx);
			}
			return;
		}
		for (i = 0; i < S.nblock; i++) {
			snprintf(name, sizeof(name), "memory%llu", (unsigned long long)S.blocks[i].index);
			emit_dir(l, name, D_MEMBLOCK, NULL, (long)S.blocks[i].index);
		}
		return;
	}
	case D_MEMBLOCK: {
		struct memblock *b = block_find((u64)dir->idx);

		if (!b || emit_attrs(l, block_attrs, NULL, dir->idx))
			return;
		snprintf(name, sizeof(name), "node%d", b->node);
		emit_link(l, name, "../../node/node%d", b->node);
		return;
	}
	case D_NODEROOT:
		if (emit_attrs(l, noderoot_attrs, NULL, 0))
			return;
		for (i = 0; i <= S.max_node; i++) {
			if (!node_online(i))
				continue;
			snprintf(name, sizeof(name), "node%d", i);
			if (emit_dir(l, name, D_NODE, NULL, i))
				return;
		}
		return;
	case D_NODE: {
		u64 idx;

		if (emit_attrs(l, node_attrs, NULL, dir->idx))
			return;
		if (l->want) {
			struct memblock *b;

			if (parse_memory_name(l->want, &idx) && (b = block_find(idx)) &&
			    b->node == dir->idx)
				emit_link(l, l->want, "../../memory/%s", l->want);
			return;
		}
		for (i = 0; i < S.nblock; i++) {
			if (S.blocks[i].node != dir->idx)
				continue;
			snprintf(name, sizeof(name), "memory%llu", (unsigned long long)S.blocks[i].index);
			emit_link(l, name, "../../memory/%s", name);
		}
		return;
	}
	case D_CPU:
		emit_attrs(l, cpu_attrs, NULL, 0);
		return;
	case D_SYSDEV:
		if (emit_dir(l, "char", D_DEVCHAR, NULL, 0))
			return;
		emit_dir(l, "block", D_EMPTY, NULL, 0);
		return;
	case D_DEVCHAR:
		for (i = 0; i < S.nregion; i++)
			for (j = 0; j < S.regions[i]->ndev; j++) {
				struct ddev *d = S.regions[i]->devs[j];
				char dn[64];

				dev_name(d, dn, sizeof(dn));
				snprintf(name, sizeof(name), "%u:%d", S.dax_major, d->minor);
				region_path(S.regions[i], rp, sizeof(rp));
				if (emit_link(l, name, "../../%s/%s", rp, dn))
					return;
			}
		return;
	case D_MODROOT:
		for (i = 0; i < (int)(sizeof(modules) / sizeof(modules[0])); i++)
			if (emit_dir(l, modules[i], D_MODULE, NULL, i))
				return;
		if (S.memmap_attr)
			emit_dir(l, "memory_hotplug", D_MHPMOD, NULL, 0);
		return;
	case D_MHPMOD:
		emit_dir(l, "parameters", D_MHPPARAM, NULL, 0);
		return;
	case D_MHPPARAM:
		emit_attrs(l, mhp_param_attrs, NULL, 0);
		return;
	case D_MODULE:
		if (emit_attrs(l, module_attrs, NULL, dir->idx) ||
		    emit_dir(l, "holders", D_EMPTY, NULL, 0))
			return;
		if (!strcmp(modules[dir->idx], "dax_hmem"))
			emit_dir(l, "parameters", D_MODPARAM, NULL, 0);
		return;
	case D_MODPARAM:
		emit_attrs(l, hmem_param_attrs, NULL, 0);
		return;
	case D_DEVROOT:
		for (i = 0; i < S.nregion; i++)
			for (j = 0; j < S.regions[i]->ndev; j++) {
				struct ddev *d = S.regions[i]->devs[j];

				dev_name(d, name, sizeof(name));
				if (emit_chr(l, name, makedev(S.dax_major, d->minor), 0600))
					return;
			}
		for (i = 0; i < (int)(sizeof(host_nodes) / sizeof(host_nodes[0])); i++)
			if (host_rdev[i] && emit_chr(l, host_nodes[i], host_rdev[i], 0666))
				return;
		if (emit_link(l, "fd", "/proc/self/fd") || emit_link(l, "stdin", "/proc/self/fd/0") ||
		    emit_link(l, "stdout", "/proc/self/fd/1") ||
		    emit_link(l, "stderr", "/proc/self/fd/2") || emit_link(l, "ptmx", "pts/ptmx") ||
		    emit_dir(l, "pts", D_EMPTY, NULL, 0) || emit_dir(l, "shm", D_EMPTY, NULL, 0))
			return;
		emit_dir(l, "mqueue", D_EMPTY, NULL, 0);
		return;
	case D_CTL:
		emit_attrs(l, ctl_attrs, NULL, 0);
		return;
	case D_EMPTY:
		return;
	}
}

static int lookup(const struct vnode *dir, const char *name, struct vnode *res)
{
	struct lister l = { .want = name, .out = res };

	if (dir->type != V_DIR)
		return -ENOTDIR;
	list_dir(dir, &l);
	return l.found ? 0 : -ENOENT;
}

static int resolve(const char *path, struct vnode *vn)
{
	char comp[NAME_MAX + 1];
	const char *p = path;
	int rc;

	memset(vn, 0, sizeof(*vn));
	vn->type = V_DIR;
	vn->kind = D_ROOT;
	vn->mode = 0755;
	while (*p) {
		size_t n;
		struct vnode next;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		n = strcspn(p, "/");
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		rc = lookup(vn, comp, &next);
		if (rc)
			return rc;
		*vn = next;
	}
	return 0;
}

/* collapse "." and ".." of an absolute path in place */
static void normalize(char *path)
{
	char *src = path, *dst = path;

	while (*src) {
		while (*src == '/')
			src++;
		if (!*src)
			break;
		if (src[0] == '.' && (src[1] == '/' || !src[1])) {
			src++;
			continue;
		}
		if (src[0] == '.' && src[1] == '.' && (src[2] == '/' || !src[2])) {
			src += 2;
			while (dst > path && *--dst != '/')
				;
			continue;
		}
		*dst++ = '/';
		while (*src && *src != '/')
			*dst++ = *src++;
	}
	if (dst == path)
		*dst++ = '/';
	*dst = '\0';
}

/* resolve every symlink of path within the tree */
int tree_canon(const char *path, char *res, size_t len)
{
	char cur[PATH_MAX + 2], done[PATH_MAX];
	int loops;

	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	snprintf(cur, sizeof(cur), "/%s", path);
	normalize(cur);
	for (loops = 0; loops < 40; loops++) {
		struct vnode vn, next;
		const char *p = cur;
		bool restarted = false;

		memset(&vn, 0, sizeof(vn));
		vn.type = V_DIR;
		vn.kind = D_ROOT;
		done[0] = '\0';
		while (*p) {
			char comp[NAME_MAX + 1];
			size_t n;

			while (*p == '/')
				p++;
			if (!*p)
				break;
			n = strcspn(p, "/");
			if (n > NAME_MAX)
				return -ENAMETOOLONG;
			memcpy(comp, p, n);
			comp[n] = '\0';
			p += n;
			if (lookup(&vn, comp, &next))
				return -ENOENT;
			if (next.type == V_LNK) {
				char tmp[2 * PATH_MAX + sizeof(next.link) + 2];
				size_t tl;

				if (next.link[0] == '/')
					snprintf(tmp, sizeof(tmp), "%s%s", next.link, p);
				else
					snprintf(tmp, sizeof(tmp), "%s/%s%s", done, next.link, p);
				tl = strlen(tmp);
				if (tl >= sizeof(cur))
					return -ENAMETOOLONG;
				memcpy(cur, tmp, tl + 1);
				normalize(cur);
				restarted = true;
				break;
			}
			if (strlen(done) + n + 2 >= sizeof(done))
				return -ENAMETOOLONG;
			strcat(done, "/");
			strcat(done, comp);
			vn = next;
		}
		if (!restarted) {
			snprintf(res, len, "%s", done[0] ? done : "/");
			return 0;
		}
	}
	return -ELOOP;
}

/* ---- FUSE operations ---- */

static void *ds_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	cfg->entry_timeout = 0;
	cfg->attr_timeout = 0;
	cfg->negative_timeout = 0;
	cfg->direct_io = 1;
	cfg->kernel_cache = 0;
	cfg->use_ino = 0;
	return NULL;
}

static int ds_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	struct vnode vn;
	int rc = resolve(path, &vn);

	if (rc)
		return rc;
	memset(st, 0, sizeof(*st));
	st->st_nlink = 1;
	st->st_atime = st->st_mtime = st->st_ctime = start_time;
	switch (vn.type) {
	case V_DIR:
		st->st_mode = S_IFDIR | vn.mode;
		st->st_nlink = 2;
		break;
	case V_REG:
		st->st_mode = S_IFREG | vn.mode;
		st->st_size = 4096;
		break;
	case V_LNK:
		st->st_mode = S_IFLNK | 0777;
		st->st_size = (off_t)strlen(vn.link);
		break;
	case V_CHR:
		st->st_mode = S_IFCHR | vn.mode;
		st->st_rdev = vn.rdev;
		break;
	}
	return 0;
}

static int ds_readlink(const char *path, char *buf, size_t size)
{
	struct vnode vn;
	int rc = resolve(path, &vn);

	if (rc)
		return rc;
	if (vn.type != V_LNK)
		return -EINVAL;
	snprintf(buf, size, "%s", vn.link);
	return 0;
}

static int ds_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
		      struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	struct vnode vn;
	struct lister l = { .buf = buf, .filler = filler };
	int rc = resolve(path, &vn);

	if (rc)
		return rc;
	if (vn.type != V_DIR)
		return -ENOTDIR;
	filler(buf, ".", NULL, 0, 0);
	filler(buf, "..", NULL, 0, 0);
	list_dir(&vn, &l);
	return 0;
}

static int ds_open(const char *path, struct fuse_file_info *fi)
{
	struct vnode vn;
	int rc = resolve(path, &vn);

	if (rc)
		return rc;
	if (vn.type == V_DIR)
		return -EISDIR;
	/* kernfs_fop_open(): no read (write) bit in the mode -> EACCES, even for root */
	if (vn.type == V_REG) {
		int acc = fi->flags & O_ACCMODE;

		if ((acc == O_RDONLY || acc == O_RDWR) && !(vn.mode & 0444))
			return -EACCES;
		if ((acc == O_WRONLY || acc == O_RDWR) && !(vn.mode & 0222))
			return -EACCES;
	}
	fi->direct_io = 1;
	fi->keep_cache = 0;
	return 0;
}

static int ds_truncate(const char *path, off_t size, struct fuse_file_info *fi)
{
	struct vnode vn;
	int rc = resolve(path, &vn);

	if (rc)
		return rc;
	return vn.type == V_REG ? 0 : -EINVAL;
}

static int ds_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	char text[65536];
	struct vnode vn;
	int rc = resolve(path, &vn), n;

	if (rc)
		return rc == -ENOENT ? -ENODEV : rc;
	if (vn.type != V_REG)
		return -EINVAL;
	if (!vn.attr->show)
		return -EIO;
	n = vn.attr->show(&vn, text, sizeof(text));
	if (n < 0)
		return n;
	if (off >= n)
		return 0;
	if ((size_t)(n - off) < size)
		size = (size_t)(n - off);
	memcpy(buf, text + off, size);
	return (int)size;
}

static int ds_write(const char *path, const char *buf, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	char val[4097];
	struct vnode vn;
	size_t n = size < sizeof(val) - 1 ? size : sizeof(val) - 1;
	int rc = resolve(path, &vn), injected;

	bool ctl = !strncmp(path, "/.daxsim/", 9);

	memcpy(val, buf, n);
	val[n] = '\0';
	if (ctl) { /* control files: no fault rules, not logged, not counted */
		if (rc)
			return rc;
		if (vn.type != V_REG || !vn.attr->store)
			return -EIO;
		rc = vn.attr->store(&vn, val);
		return rc ? rc : (int)size;
	}
	S.writes++;
	if (rc) {
		rc = rc == -ENOENT ? -ENODEV : rc;
		log_write(path, val, n, rc, false);
		return rc;
	}
	if (vn.type != V_REG)
		return -EINVAL;
	injected = fault_check(path);
	if (injected) {
		log_write(path, val, n, -injected, true);
		return -injected;
	}
	rc = vn.attr->store ? vn.attr->store(&vn, val) : -EIO;
	log_write(path, val, n, rc, false);
	return rc ? rc : (int)size;
}

static int ds_create(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	return -EACCES;
}

static int ds_eperm_mode(const char *path, mode_t mode)
{
	return -EPERM;
}

static int ds_eperm_path(const char *path)
{
	return -EPERM;
}

static int ds_mknod(const char *path, mode_t mode, dev_t rdev)
{
	return -EPERM;
}

static int ds_chmod(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	return 0;
}

static int ds_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi)
{
	return 0;
}

const struct fuse_operations daxsim_ops = {
	.init = ds_init,
	.getattr = ds_getattr,
	.readlink = ds_readlink,
	.readdir = ds_readdir,
	.open = ds_open,
	.truncate = ds_truncate,
	.read = ds_read,
	.write = ds_write,
	.create = ds_create,
	.mkdir = ds_eperm_mode,
	.mknod = ds_mknod,
	.unlink = ds_eperm_path,
	.rmdir = ds_eperm_path,
	.chmod = ds_chmod,
	.utimens = ds_utimens,
};
