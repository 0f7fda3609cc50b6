/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * progress.h: a progress line for long memory operations, through
 * libdaxctl's daxctl_set_progress_fn().
 */
#ifndef _DAXCTL_PROGRESS_H_
#define _DAXCTL_PROGRESS_H_

#include <stdbool.h>

struct daxctl_ctx;

/*
 * Onlining or offlining more than DAXCTL_PROGRESS_MIN blocks (default
 * 256, or $DAXCTL_PROGRESS_MIN) draws "daxX.Y: onlining memory: N/M
 * blocks (P%)" on stderr, rewritten in place, when both stdout and
 * stderr are terminals: never into a pipe or a file, so never into JSON.
 * With @verbose, each operation also gets a line saying what it does and
 * how far it got (whatever the terminal).
 */
void progress_setup(struct daxctl_ctx *ctx, bool verbose);

#endif /* _DAXCTL_PROGRESS_H_ */
