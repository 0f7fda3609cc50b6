// SPDX-License-Identifier: GPL-2.0-only
/*
 * device-json.c: the create-device --input reader.  A module of its own
 * so that the fuzz harness links the very code the command runs.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include <json-c/json.h>

#include "device-json.h"
#include "ident.h"
#include "json.h"
#include "size.h"

static int cmp_map_pgoff(const void *a, const void *b)
{
	const unsigned long long *x = a, *y = b;

	/* each entry is { pgoff, start, end } */
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static bool json_get_u64(struct json_object *obj, const char *key,
			 unsigned long long *val)
{
	struct json_object *j;
	const char *s;

	if (!json_object_object_get_ex(obj, key, &j))
		return false;
	if (json_object_is_type(j, json_type_string)) {
		/* tolerate "0x..." (list -u prints hex strings) */
		s = daxctl_json_get_string(obj, key);
		return s && parse_size(s, val) == 0;
	}
	return daxctl_json_get_u64(obj, key, val);
}

static struct json_object *read_object(const char *file, const char **why,
				       char *whybuf, size_t whylen)
{
	struct json_object *jobj, *only;
	struct json_dup_key dup;

	jobj = daxctl_json_from_file(file, &dup);
	if (!jobj) {
		if (errno == EFBIG)
			*why = "larger than any device file";
		if (errno == EEXIST) {
			snprintf(whybuf, whylen,
				 "key \"%s\" given twice in one object (line %lu, byte %zu)",
				 dup.key, dup.line, dup.offset);
			*why = whybuf;
		}
		return NULL;
	}
	if (json_object_is_type(jobj, json_type_array) &&
	    json_object_array_length(jobj) == 1) {
		/* accept the array "daxctl list -M -d daxX.Y" prints */
		only = json_object_array_get_idx(jobj, 0);
		json_object_get(only);
		json_object_put(jobj);
		jobj = only;
	}
	if (!json_object_is_type(jobj, json_type_object)) {
		*why = "not a device object";
		json_object_put(jobj);
		return NULL;
	}
	return jobj;
}

/* mappings[] into dj->maps, sorted by page_offset */
static int read_mappings(struct json_object *jmaps, struct device_json *dj,
			 const char **why)
{
	unsigned long long (*tmp)[3];
	int i, n = json_object_array_length(jmaps);

	tmp = calloc(n ? n : 1, sizeof(*tmp));
	if (!tmp)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct json_object *jm = json_object_array_get_idx(jmaps, i);

		if (!jm || !json_get_u64(jm, "page_offset", &tmp[i][0]) ||
		    !json_get_u64(jm, "start", &tmp[i][1]) ||
		    !json_get_u64(jm, "end", &tmp[i][2]) ||
		    tmp[i][2] < tmp[i][1]) {
			*why = "a mapping without a valid page_offset, start and end";
			free(tmp);
			return -EINVAL;
		}
	}
	qsort(tmp, n, sizeof(*tmp), cmp_map_pgoff);
	dj->maps = calloc(n ? n : 1, sizeof(*dj->maps));
	if (!dj->maps) {
		free(tmp);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		dj->maps[i].start = tmp[i][1];
		dj->maps[i].end = tmp[i][2];
	}
	dj->nmaps = n;
	free(tmp);
	return 0;
}

int device_json_read(const char *file, struct device_json *dj,
		     const char **why, char *whybuf, size_t whylen)
{
	struct json_object *jobj, *jmaps;
	int dev_id, rc = -EINVAL;

	*dj = (struct device_json){ .region_id = -1 };
	*why = NULL;
	jobj = read_object(file, why, whybuf, whylen);
	if (!jobj)
		return -EINVAL;

	*why = "no valid \"align\"";
	/* an align is an unsigned long everywhere below */
	if (!json_get_u64(jobj, "align", &dj->align) || dj->align > ULONG_MAX)
		goto out;
	*why = "no valid \"size\"";
	if (!json_get_u64(jobj, "size", &dj->size))
		goto out;
	*why = "no valid \"chardev\"";
	if (ident_devname(daxctl_json_get_string(jobj, "chardev"),
			  &dj->region_id, &dev_id))
		goto out;
	*why = "no \"mappings\" array";
	if (!json_object_object_get_ex(jobj, "mappings", &jmaps) ||
	    !json_object_is_type(jmaps, json_type_array))
		goto out;
	*why = NULL;
	rc = read_mappings(jmaps, dj, why);
out:
	json_object_put(jobj);
	return rc;
}
