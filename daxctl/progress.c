// SPDX-License-Identifier: GPL-2.0-only
/*
 * progress.c: see progress.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libdaxctl/libdaxctl.h>

#include "progress.h"

#define PROGRESS_MIN_DEFAULT 256

struct progress {
	bool verbose;
	int tty; /* -1: not asked yet */
	int min;
	int last_pct; /* last percentage drawn, -1: none */
};

static struct progress progress;

static void progress_cb(struct daxctl_dev *dev, const char *op, int done,
			int total, void *data)
{
	struct progress *p = data;
	const char *devname = daxctl_dev_get_devname(dev);
	const char *verb = op[1] == 'n' ? "onlining" : "offlining";
	int pct;

	if (done == 0) {
		p->last_pct = -1;
		if (p->verbose)
			fprintf(stderr, "%s: %s %d memory block%s\n", devname,
				verb, total, total == 1 ? "" : "s");
	}
	/*
	 * Ask whether stderr and stdout are a terminal only for a device
	 * with enough blocks to draw a line for: isatty() is an ioctl that
	 * fails when they are not, in every command otherwise.
	 */
	if (total > p->min && p->tty < 0)
		p->tty = isatty(STDERR_FILENO) && isatty(STDOUT_FILENO);
	if (total > p->min && p->tty) {
		pct = (int)((long long)done * 100 / total);
		if (pct != p->last_pct || done == total) {
			p->last_pct = pct;
			/*
			 * Erase the rest of the line; until the end, leave the
			 * cursor at its start, so that a message (an error part
			 * way) writes over the progress instead of after it.
			 */
			fprintf(stderr, "\r%s: %s memory: %d/%d blocks (%d%%)\033[K%s",
				devname, verb, done, total, pct,
				done == total ? "\n" : "\r");
			fflush(stderr);
		}
	}
	if (p->verbose && done == total && total > 0)
		fprintf(stderr, "%s: %s: visited %d of %d memory blocks\n",
			devname, op, done, total);
}

void progress_setup(struct daxctl_ctx *ctx, bool verbose)
{
	const char *env = getenv("DAXCTL_PROGRESS_MIN");

	progress.verbose = verbose;
	progress.tty = -1;
	progress.min = PROGRESS_MIN_DEFAULT;
	if (env && *env) {
		char *end;
		long v = strtol(env, &end, 10);

		if (!*end && v >= 0 && v < 1 << 30)
			progress.min = (int)v;
	}
	progress.last_pct = -1;
	daxctl_set_progress_fn(ctx, progress_cb, &progress);
}
