// SPDX-License-Identifier: GPL-2.0-only
/*
 * region-lock.c: which regions a command locks, in which order, and what
 * it says when one stays busy.  The lock itself is libdaxctl's
 * daxctl_region_lock(); the rules are in Documentation/locking.md.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdaxctl/libdaxctl.h>

#include "filter.h"
#include "region-lock.h"

#define LOCK_TIMEOUT_DEFAULT_S 30
#define LOCK_TIMEOUT_MAX_S 86400

/* DAXCTL_LOCK_TIMEOUT: whole seconds, 0..86400; anything else is ignored */
static int lock_timeout_s(void)
{
	const char *env = getenv("DAXCTL_LOCK_TIMEOUT");
	unsigned long v = 0;
	const char *p;

	if (!env || !*env)
		return LOCK_TIMEOUT_DEFAULT_S;
	for (p = env; *p; p++) {
		if (*p < '0' || *p > '9' || p - env > 6)
			goto bad;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v <= LOCK_TIMEOUT_MAX_S)
		return (int)v;
bad:
	fprintf(stderr, "warning: ignoring DAXCTL_LOCK_TIMEOUT='%s' (expected 0 to %d seconds)\n",
		env, LOCK_TIMEOUT_MAX_S);
	return LOCK_TIMEOUT_DEFAULT_S;
}

static int take(struct daxctl_region *region, const char *cmd, int timeout_s)
{
	int rc = daxctl_region_lock(region, timeout_s * 1000);

	if (rc == -EBUSY)
		fprintf(stderr, "error: %s: region%d is busy: another daxctl is changing it (waited %d s; DAXCTL_LOCK_TIMEOUT sets the wait)\n",
			cmd, daxctl_region_get_id(region), timeout_s);
	else if (rc)
		fprintf(stderr, "error: %s: cannot lock region%d: %s\n", cmd,
			daxctl_region_get_id(region), strerror(-rc));
	return rc;
}

int lock_region(struct daxctl_region *region, const char *cmd)
{
	return take(region, cmd, lock_timeout_s());
}

/* The region id a device argument names, or -1 when it names no one device. */
static int ident_region(const char *ident)
{
	const char *base = strrchr(ident, '/');
	int region_id, dev_id;

	if (base && base[1])
		ident = base + 1;
	if (sscanf(ident, "dax%d.%d", &region_id, &dev_id) == 2 ||
	    sscanf(ident, "%d.%d", &region_id, &dev_id) == 2)
		return region_id;
	return -1;
}

static int cmp_region_id(const void *a, const void *b)
{
	int x = daxctl_region_get_id(*(struct daxctl_region *const *)a);
	int y = daxctl_region_get_id(*(struct daxctl_region *const *)b);

	return x < y ? -1 : x > y;
}

int lock_regions(struct daxctl_ctx *ctx, const char *cmd,
		 const char *region_filter, int nidents, const char **idents)
{
	struct daxctl_region *region, **list = NULL;
	int i, n = 0, alloc = 0, rc = 0, timeout_s;
	bool by_device = nidents > 0;

	for (i = 0; i < nidents; i++)
		if (ident_region(idents[i]) < 0)
			by_device = false;

	daxctl_region_foreach(ctx, region) {
		if (!daxctl_filter_region(region, region_filter))
			continue;
		if (by_device) {
			bool hit = false;

			for (i = 0; i < nidents; i++)
				if (ident_region(idents[i]) ==
				    daxctl_region_get_id(region))
					hit = true;
			if (!hit)
				continue;
		}
		if (n == alloc) {
			struct daxctl_region **l;

			alloc = alloc ? 2 * alloc : 8;
			l = realloc(list, alloc * sizeof(*l));
			if (!l) {
				free(list);
				return -ENOMEM;
			}
			list = l;
		}
		list[n++] = region;
	}
	if (!n)
		return 0;

	/* one global order, so two commands never wait on each other */
	qsort(list, n, sizeof(*list), cmp_region_id);
	timeout_s = lock_timeout_s();
	for (i = 0; i < n; i++) {
		rc = take(list[i], cmd, timeout_s);
		if (rc)
			break;
	}
	if (rc)
		while (--i >= 0)
			daxctl_region_unlock(list[i]);
	free(list);
	return rc;
}

void unlock_regions(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region;

	daxctl_region_foreach(ctx, region)
		while (daxctl_region_is_locked(region))
			daxctl_region_unlock(region);
}
