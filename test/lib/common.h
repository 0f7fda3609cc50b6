/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers shared by the library tests. */
#ifndef _TEST_COMMON_H_
#define _TEST_COMMON_H_

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <libdaxctl/libdaxctl.h>

/* Everything the library logged since the last log_reset(). */
static char log_buf[16384];
static size_t log_len;

static void log_capture(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args)
{
	int n;

	if (log_len >= sizeof(log_buf) - 1)
		return;
	n = snprintf(log_buf + log_len, sizeof(log_buf) - log_len, "%s: ",
		     fn);
	if (n > 0)
		log_len += (size_t)n;
	if (log_len >= sizeof(log_buf) - 1) {
		log_len = sizeof(log_buf) - 1;
		return;
	}
	n = vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, format,
		      args);
	if (n > 0)
		log_len += (size_t)n;
	if (log_len >= sizeof(log_buf))
		log_len = sizeof(log_buf) - 1;
}

static inline void log_reset(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

static inline int logged(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

static inline const char *fixtures_dir(void)
{
	const char *d = getenv("FIXTURES");

	if (!d) {
		fprintf(stderr, "set FIXTURES to test/fixtures\n");
		exit(2);
	}
	return d;
}

/* A ctx rooted at @root, logging into log_buf at @prio. */
static inline struct daxctl_ctx *ctx_at(const char *root, int prio)
{
	struct daxctl_ctx *ctx;

	if (daxctl_new(&ctx) < 0)
		return NULL;
	daxctl_set_log_fn(ctx, log_capture);
	daxctl_set_log_priority(ctx, prio);
	if (daxctl_ctx_set_sysfs_root(ctx, root) < 0) {
		daxctl_unref(ctx);
		return NULL;
	}
	return ctx;
}

/*
 * A ctx on the root the environment names: DAXCTL_SYSFS_ROOT, which
 * run-in-sim --root-only points at the simulator. NULL after a TAP
 * "Bail out!" line.
 */
static inline struct daxctl_ctx *ctx_from_env(void)
{
	struct daxctl_ctx *ctx;

	if (daxctl_new(&ctx) < 0) {
		printf("Bail out! daxctl_new failed\n");
		return NULL;
	}
	return ctx;
}

static inline struct daxctl_region *region_by_id(struct daxctl_ctx *ctx,
						 int id)
{
	struct daxctl_region *region;

	daxctl_region_foreach(ctx, region)
		if (daxctl_region_get_id(region) == id)
			return region;
	return NULL;
}

static inline struct daxctl_dev *dev_by_name(struct daxctl_ctx *ctx,
					     const char *name)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, dev)
			if (strcmp(daxctl_dev_get_devname(dev), name) == 0)
				return dev;
	return NULL;
}

static inline int count_devs(struct daxctl_region *region)
{
	struct daxctl_dev *dev;
	int n = 0;

	daxctl_dev_foreach(region, dev)
		n++;
	return n;
}

static inline int count_mappings(struct daxctl_dev *dev)
{
	struct daxctl_mapping *m;
	int n = 0;

	daxctl_mapping_foreach(dev, m)
		n++;
	return n;
}

#endif
