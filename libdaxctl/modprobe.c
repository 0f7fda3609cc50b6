// SPDX-License-Identifier: LGPL-2.1-only
/*
 * modprobe.c: kernel modules loaded by running modprobe(8), for a daxctl
 * linked statically.  libkmod cannot be opened there (a static program
 * has no dynamic loader, and glibc's static dlopen() needs the very glibc
 * it was linked with at run time), and modprobe is libkmod's own tool:
 * the same configuration, blacklist and dependency handling.
 */
#include <errno.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>

#include "private.h"

extern char **environ;

void module_loader_free(struct daxctl_ctx *ctx)
{
}

int module_load(struct daxctl_ctx *ctx, const char *name)
{
	/* -b: honour "blacklist" like KMOD_PROBE_APPLY_BLACKLIST in kmod.c */
	char *const argv[] = { "modprobe", "-b", "--", (char *)name, NULL };
	int status, rc;
	pid_t pid;

	rc = posix_spawn(&pid, MODPROBE_PATH, NULL, NULL, argv, environ);
	if (rc) {
		err(ctx, "%s: cannot run %s: %s\n", name, MODPROBE_PATH,
		    strerror(rc));
		return -rc;
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			rc = -errno;
			err(ctx, "%s: lost %s: %s\n", name, MODPROBE_PATH,
			    strerror(errno));
			return rc;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		dbg(ctx, "%s: module ready\n", name);
		return 0;
	}
	if (WIFEXITED(status))
		err(ctx, "%s: module load failed: %s exited with status %d\n",
		    name, MODPROBE_PATH, WEXITSTATUS(status));
	else
		err(ctx, "%s: module load failed: %s killed by signal %d\n",
		    name, MODPROBE_PATH, WTERMSIG(status));
	return -ENXIO;
}
