/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _DAXCTL_DEVICE_JSON_H_
#define _DAXCTL_DEVICE_JSON_H_

#include <stddef.h>

#include "device.h"

/* What a create-device --input file describes. */
struct device_json {
	int region_id;
	unsigned long long size, align;
	int nmaps;
	struct dev_range *maps; /* page_offset order; the caller frees it */
};

/*
 * Read the one device object "daxctl list -M" prints (or an array of
 * exactly one).  0, or a negative errno with *why naming what made the
 * file unusable (NULL when the errno says it all); a message that needs
 * the file's details is written to @whybuf.
 */
int device_json_read(const char *file, struct device_json *dj,
		     const char **why, char *whybuf, size_t whylen);

#endif
