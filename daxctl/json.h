/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json.h: daxctl objects as json-c objects, in the key order, formats and
 * conditions of the daxctl users script against today.
 */
#ifndef _DAXCTL_JSON_H_
#define _DAXCTL_JSON_H_

#include <stdbool.h>
#include <stdio.h>

#include <json-c/json.h>
#include <libdaxctl/libdaxctl.h>

#include "json-strict.h"

enum daxctl_json_flags {
	DAXCTL_JSON_IDLE = 1 << 0,     /* include zero-size devices */
	DAXCTL_JSON_HUMAN = 1 << 1,    /* humanised sizes, hex addresses */
	DAXCTL_JSON_DEVS = 1 << 2,     /* regions embed a "devices" array */
	DAXCTL_JSON_MAPPINGS = 1 << 3, /* devices embed a "mappings" array */
};

/* A u64 (a json-c uint64 where available). */
struct json_object *daxctl_json_u64(unsigned long long val);
/*
 * The largest JSON file read (a layout of thousands of devices is a few
 * MiB): /dev/zero or an endless pipe given as a file is refused rather
 * than read until memory runs out.
 */
#define DAXCTL_JSON_FILE_MAX (64 << 20)

/*
 * The JSON value in @file, as json_object_from_file() reads it but no more
 * than DAXCTL_JSON_FILE_MAX bytes.  NULL with errno set when unreadable,
 * too large (EFBIG), not JSON (EINVAL), or holding an object with a key
 * twice (EEXIST, that key in @dup): json-c would keep the last silently.
 */
struct json_object *daxctl_json_from_file(const char *file,
					  struct json_dup_key *dup);

/*
 * Readers of files we are given.  @key of @obj as an integer from 0 to
 * 2^64 - 1: false for any other type, a negative number or a fraction,
 * never a clamped or wrapped value.
 */
bool daxctl_json_get_u64(struct json_object *obj, const char *key,
			 unsigned long long *val);
/* @key of @obj as a string with no NUL inside; NULL for any other type. */
const char *daxctl_json_get_string(struct json_object *obj, const char *key);
/* A size: raw, or "30.57 GiB (32.83 GB)" with DAXCTL_JSON_HUMAN. */
struct json_object *daxctl_json_size(unsigned long long size,
				     unsigned long flags);
/* An address: raw, or "0x240000000" with DAXCTL_JSON_HUMAN. */
struct json_object *daxctl_json_hex(unsigned long long val,
				    unsigned long flags);
/* The human size text into @buf; raw decimal below 5000 KiB. */
void daxctl_json_size_str(char *buf, size_t len, unsigned long long size);

struct json_object *daxctl_mapping_to_json(struct daxctl_mapping *mapping,
					   unsigned long flags);
struct json_object *daxctl_dev_to_json(struct daxctl_dev *dev,
				       unsigned long flags);
/*
 * Append the devices of @region matching @dev_filter (see filter.h) to
 * @jdevs, creating the array on the first match; returns the array (NULL
 * while nothing matched).  Zero-size devices need DAXCTL_JSON_IDLE.
 */
struct json_object *daxctl_devs_to_json(struct daxctl_region *region,
					struct json_object *jdevs,
					const char *dev_filter,
					unsigned long flags);
struct json_object *daxctl_region_to_json(struct daxctl_region *region,
					  const char *dev_filter,
					  unsigned long flags);

/*
 * Print @jarray pretty (2-space json-c layout, "\/" escapes) and drop it.
 * It is printed as an array unless DAXCTL_JSON_HUMAN is set and it holds
 * exactly one element, which is then printed bare.  Returns 0 or -EIO.
 */
int daxctl_json_display_array(FILE *f, struct json_object *jarray,
			      unsigned long flags);

#endif /* _DAXCTL_JSON_H_ */
