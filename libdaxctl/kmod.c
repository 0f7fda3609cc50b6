// SPDX-License-Identifier: LGPL-2.1-only
/*
 * kmod.c: kernel modules loaded through libkmod (the shared library's
 * loader; a static daxctl uses modprobe.c instead).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libkmod.h>

#include "private.h"

/*
 * libkmod is opened when a module has to be loaded, not linked: linked, the
 * loader maps it and the zstd, lzma and crypto libraries it needs at every
 * start of every program using libdaxctl (tens of syscalls, and most of
 * the start-up time under an emulator), while loading a module is rare:
 * the dax drivers are loaded at boot or built in, which the library sees
 * on the bus before it asks libkmod (dev.c).  libkmod.h still types the
 * calls; libkmod.so.2 has been libkmod's soname since its first release.
 */
#define LIBKMOD_SONAME "libkmod.so.2"

struct daxctl_kmod {
	void *dl;
	struct kmod_ctx *ctx;
	__typeof__(kmod_new) *new;
	__typeof__(kmod_unref) *unref;
	__typeof__(kmod_module_new_from_name) *module_new_from_name;
	__typeof__(kmod_module_probe_insert_module) *module_probe_insert_module;
	__typeof__(kmod_module_unref) *module_unref;
};

void module_loader_free(struct daxctl_ctx *ctx)
{
	struct daxctl_kmod *k = ctx->kmod;

	if (!k)
		return;
	if (k->ctx)
		k->unref(k->ctx);
	dlclose(k->dl);
	free(k);
	ctx->kmod = NULL;
}

static struct daxctl_kmod *kmod_open(struct daxctl_ctx *ctx)
{
	struct daxctl_kmod *k;

	k = calloc(1, sizeof(*k));
	if (!k)
		goto err;
	k->dl = dlopen(LIBKMOD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!k->dl) {
		err(ctx, "cannot load modules without %s: %s\n",
		    LIBKMOD_SONAME, dlerror());
		goto err_free;
	}
#define KMOD_SYM(field, name)                                                  \
	do {                                                                   \
		k->field = (__typeof__(k->field))dlsym(k->dl, #name);          \
		if (!k->field) {                                               \
			err(ctx, "%s: no %s\n", LIBKMOD_SONAME, #name);        \
			goto err_close;                                        \
		}                                                              \
	} while (0)
	KMOD_SYM(new, kmod_new);
	KMOD_SYM(unref, kmod_unref);
	KMOD_SYM(module_new_from_name, kmod_module_new_from_name);
	KMOD_SYM(module_probe_insert_module, kmod_module_probe_insert_module);
	KMOD_SYM(module_unref, kmod_module_unref);
#undef KMOD_SYM
	k->ctx = k->new(NULL, NULL);
	if (!k->ctx) {
		err(ctx, "failed to create a kmod context\n");
		goto err_close;
	}
	return k;

err_close:
	dlclose(k->dl);
err_free:
	free(k);
err:
	return NULL;
}

int module_load(struct daxctl_ctx *ctx, const char *name)
{
	struct kmod_module *mod;
	int rc;

	if (!ctx->kmod) {
		ctx->kmod = kmod_open(ctx);
		if (!ctx->kmod)
			return -ENXIO;
	}

	rc = ctx->kmod->module_new_from_name(ctx->kmod->ctx, name, &mod);
	if (rc < 0) {
		err(ctx, "%s: module lookup failed: %s\n", name,
		    strerror(-rc));
		return rc;
	}
	/* already loaded and built-in modules count as success */
	rc = ctx->kmod->module_probe_insert_module(
		mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, NULL, NULL, NULL);
	if (rc < 0)
		err(ctx, "%s: module load failed: %s\n", name, strerror(-rc));
	else
		dbg(ctx, "%s: module ready\n", name);
	ctx->kmod->module_unref(mod);
	return rc < 0 ? rc : 0;
}
