// SPDX-License-Identifier: LGPL-2.1-only
/*
 * ctx.c: the library context: refcount, logging, userdata, config path,
 * sysfs root; module loading is kmod.c or modprobe.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>

#include "private.h"
#include "sysfs.h"

static void log_stderr(struct daxctl_ctx *ctx, int priority, const char *file,
		       int line, const char *fn, const char *format,
		       va_list args)
{
	/* which internal function spoke is for debugging, not for users */
	if (priority >= LOG_DEBUG)
		fprintf(stderr, "libdaxctl: %s: ", fn);
	else
		fputs("libdaxctl: ", stderr);
	vfprintf(stderr, format, args);
}

void daxctl_log(struct daxctl_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, ...)
{
	va_list args;

	if (!ctx || !ctx->log_fn)
		return;
	va_start(args, format);
	ctx->log_fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
}

/* A syslog level as a number or one of err/info/notice/debug; -1 if bad. */
static int log_priority(const char *s)
{
	static const struct {
		const char *name;
		int prio;
	} names[] = {
		{ "err", LOG_ERR },
		{ "info", LOG_INFO },
		{ "notice", LOG_NOTICE },
		{ "debug", LOG_DEBUG },
	};
	char *end;
	long v;
	size_t i;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end != s && *end == '\0' && !errno)
		return (v < 0 || v > LOG_DEBUG) ? -1 : (int)v;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].prio;
	return -1;
}

/*
 * Resolve @root to an absolute, existing directory.  The value may come
 * from the environment, so it is treated as untrusted: relative paths and
 * anything that does not resolve to a directory are refused.
 */
static int resolve_root(const char *root, char **out)
{
	char real[PATH_MAX];
	struct stat st;

	if (!root || root[0] != '/')
		return -EINVAL;
	if (!realpath(root, real))
		return -errno;
	if (stat(real, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	*out = strdup(real);
	return *out ? 0 : -ENOMEM;
}

DAXCTL_EXPORT int daxctl_new(struct daxctl_ctx **ctx)
{
	struct daxctl_ctx *c;
	const char *env;
	int rc;

	if (!ctx)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->refcount = 1;
	c->log_fn = log_stderr;
	c->log_priority = LOG_ERR;
	list_head_init(&c->regions);

	env = getenv("DAXCTL_LOG");
	if (env) {
		int prio = log_priority(env);

		if (prio >= 0)
			c->log_priority = prio;
	}

	c->config_path = strdup(DAXCTL_CONF_DIR);
	if (!c->config_path) {
		rc = -ENOMEM;
		goto err_free;
	}

	env = getenv("DAXCTL_SYSFS_ROOT");
	if (env && *env) {
		rc = resolve_root(env, &c->root);
		if (rc) {
			err(c, "DAXCTL_SYSFS_ROOT=%s: %s\n", env,
			    strerror(-rc));
			goto err_config;
		}
	} else {
		c->root = strdup("/");
		if (!c->root) {
			rc = -ENOMEM;
			goto err_config;
		}
	}

	dbg(c, "ctx %p created, sysfs root %s\n", (void *)c, c->root);
	*ctx = c;
	return 0;

err_config:
	free(c->config_path);
err_free:
	free(c);
	return rc;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx)
{
	if (!ctx)
		return NULL;
	ctx->refcount++;
	return ctx;
}

DAXCTL_EXPORT void daxctl_unref(struct daxctl_ctx *ctx)
{
	if (!ctx)
		return;
	if (--ctx->refcount > 0)
		return;
	daxctl_regions_free(ctx);
	module_loader_free(ctx);
	free(ctx->config_path);
	free(ctx->root);
	free(ctx);
}

DAXCTL_EXPORT void daxctl_set_log_fn(
	struct daxctl_ctx *ctx,
	void (*log_fn)(struct daxctl_ctx *ctx, int priority, const char *file,
		       int line, const char *fn, const char *format,
		       va_list args))
{
	if (!ctx)
		return;
	ctx->log_fn = log_fn ? log_fn : log_stderr;
}

DAXCTL_EXPORT int daxctl_get_log_priority(struct daxctl_ctx *ctx)
{
	return ctx ? ctx->log_priority : LOG_ERR;
}

DAXCTL_EXPORT void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority)
{
	if (ctx)
		ctx->log_priority = priority;
}

DAXCTL_EXPORT void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata)
{
	if (ctx)
		ctx->userdata = userdata;
}

DAXCTL_EXPORT void daxctl_set_progress_fn(struct daxctl_ctx *ctx,
					  daxctl_progress_fn fn, void *data)
{
	if (!ctx)
		return;
	ctx->progress_fn = fn;
	ctx->progress_data = data;
}

DAXCTL_EXPORT void *daxctl_get_userdata(struct daxctl_ctx *ctx)
{
	return ctx ? ctx->userdata : NULL;
}

DAXCTL_EXPORT int daxctl_set_config_path(struct daxctl_ctx *ctx,
					 char *config_path)
{
	char *p;

	if (!ctx || !config_path)
		return -EINVAL;
	p = strdup(config_path);
	if (!p)
		return -ENOMEM;
	free(ctx->config_path);
	ctx->config_path = p;
	return 0;
}

DAXCTL_EXPORT const char *daxctl_get_config_path(struct daxctl_ctx *ctx)
{
	return ctx ? ctx->config_path : NULL;
}

DAXCTL_EXPORT int daxctl_ctx_set_sysfs_root(struct daxctl_ctx *ctx,
					    const char *root)
{
	char *r;
	int rc;

	if (!ctx)
		return -EINVAL;
	if (ctx->regions_init)
		return -EBUSY;
	rc = resolve_root(root, &r);
	if (rc) {
		err(ctx, "%s: unusable sysfs root: %s\n", root ? root : "(null)",
		    strerror(-rc));
		return rc;
	}
	free(ctx->root);
	ctx->root = r;
	return 0;
}

DAXCTL_EXPORT const char *daxctl_ctx_get_sysfs_root(struct daxctl_ctx *ctx)
{
	return ctx ? ctx->root : NULL;
}

DAXCTL_EXPORT bool daxctl_ctx_is_rooted(struct daxctl_ctx *ctx)
{
	return ctx && ctx->root && strcmp(ctx->root, "/") != 0;
}

/*
 * A symbolic link rather than a copy, so that a package upgrade of the
 * data file reaches the system without another migration.
 */
DAXCTL_EXPORT int daxctl_migrate_device_model(struct daxctl_ctx *ctx)
{
	if (!ctx)
		return -EINVAL;
	return sysfs_modprobe_link(ctx, DAXCTL_MODPROBE_DATA,
				   DAXCTL_MODPROBE_INSTALL);
}

int daxctl_ctx_load_module(struct daxctl_ctx *ctx, const char *name)
{
	/* a test root must never touch the host's modules */
	if (daxctl_ctx_is_rooted(ctx)) {
		dbg(ctx, "%s: sysfs root %s, not loading modules\n", name,
		    ctx->root);
		return 0;
	}
	return module_load(ctx, name);
}
