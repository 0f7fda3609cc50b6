// SPDX-License-Identifier: GPL-2.0-only
/*
 * json.c: see json.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "json.h"

#define SZ_1K 1024ULL
#define SZ_1M (SZ_1K * 1024)
#define SZ_1G (SZ_1M * 1024)
#define SZ_1T (SZ_1G * 1024)

/* below this many bytes a human size stays a plain integer */
#define HUMAN_MIN (5000 * SZ_1K)

/* json_object_object_add() that tolerates a failed allocation */
static void add(struct json_object *jobj, const char *key,
		struct json_object *val)
{
	if (val)
		json_object_object_add(jobj, key, val);
}

struct json_object *daxctl_json_u64(unsigned long long val)
{
#ifdef HAVE_JSON_U64
	return json_object_new_uint64(val);
#else
	return json_object_new_int64((int64_t)val);
#endif
}

/* All of @fd, up to DAXCTL_JSON_FILE_MAX bytes, NUL-terminated */
static char *read_capped(int fd, size_t *lenp)
{
	size_t len = 0, cap = 0;
	char *buf = NULL, *tmp;
	ssize_t n;

	for (;;) {
		if (len == cap) {
			if (cap >= DAXCTL_JSON_FILE_MAX) {
				errno = EFBIG;
				goto err;
			}
			cap = cap ? cap * 2 : 64 << 10;
			tmp = realloc(buf, cap + 1);
			if (!tmp)
				goto err;
			buf = tmp;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto err;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
err:
	free(buf);
	return NULL;
}

struct json_object *daxctl_json_from_file(const char *file,
					  struct json_dup_key *dup)
{
	struct json_object *obj = NULL;
	struct json_tokener *tok;
	size_t len;
	char *buf;
	int fd, saved;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = read_capped(fd, &len);
	saved = errno;
	close(fd);
	if (!buf) {
		errno = saved;
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		free(buf);
		errno = ENOMEM;
		return NULL;
	}
	obj = json_tokener_parse_ex(tok, buf, (int)len);
	json_tokener_free(tok);
	saved = obj ? -json_find_dup_key(buf, len, dup) : EINVAL;
	free(buf);
	if (saved) {
		json_object_put(obj);
		errno = saved;
		return NULL;
	}
	return obj;
}

bool daxctl_json_get_u64(struct json_object *obj, const char *key,
			 unsigned long long *val)
{
	struct json_object *j;

	if (!json_object_object_get_ex(obj, key, &j) ||
	    !json_object_is_type(j, json_type_int))
		return false;
	/* json-c reads above INT64_MAX as unsigned, and -1 there as 0 */
	if (json_object_get_int64(j) < 0)
		return false;
#ifdef HAVE_JSON_U64
	*val = json_object_get_uint64(j);
#else
	*val = (unsigned long long)json_object_get_int64(j);
#endif
	return true;
}

const char *daxctl_json_get_string(struct json_object *obj, const char *key)
{
	struct json_object *j;
	const char *s;

	if (!json_object_object_get_ex(obj, key, &j) ||
	    !json_object_is_type(j, json_type_string))
		return NULL;
	/* "dax0.1\u0000x" must not read as dax0.1 */
	s = json_object_get_string(j);
	if (!s || strlen(s) != (size_t)json_object_get_string_len(j))
		return NULL;
	return s;
}

/*
 * @size / @unit with two decimals, rounded half up on the exact value
 * (as the reference prints it: 3.125 GiB is "3.13", not printf's "3.12").
 */
static int print_scaled(char *buf, size_t len, unsigned long long size,
			unsigned long long unit, const char *name)
{
	unsigned __int128 q = ((unsigned __int128)size * 100 + unit / 2) / unit;

	return snprintf(buf, len, "%llu.%02llu %s",
			(unsigned long long)(q / 100),
			(unsigned long long)(q % 100), name);
}

void daxctl_json_size_str(char *buf, size_t len, unsigned long long size)
{
	static const struct {
		unsigned long long below;
		unsigned long long bin, dec;
		const char *bunit, *dunit;
	} scale[] = {
		{ 2 * SZ_1G, SZ_1M, 1000000ULL, "MiB", "MB" },
		{ 2 * SZ_1T, SZ_1G, 1000000000ULL, "GiB", "GB" },
		{ ULLONG_MAX, SZ_1T, 1000000000000ULL, "TiB", "TB" },
	};
	size_t i;
	int n;

	if (size < HUMAN_MIN) {
		snprintf(buf, len, "%llu", size);
		return;
	}
	for (i = 0; i < sizeof(scale) / sizeof(scale[0]) - 1; i++)
		if (size < scale[i].below)
			break;
	n = print_scaled(buf, len, size, scale[i].bin, scale[i].bunit);
	if (n < 0 || (size_t)n >= len)
		return;
	n += snprintf(buf + n, len - n, " (");
	if ((size_t)n >= len)
		return;
	n += print_scaled(buf + n, len - n, size, scale[i].dec, scale[i].dunit);
	if (n > 0 && (size_t)n < len)
		snprintf(buf + n, len - n, ")");
}

struct json_object *daxctl_json_size(unsigned long long size,
				     unsigned long flags)
{
	char buf[64];

	if (!(flags & DAXCTL_JSON_HUMAN) || size < HUMAN_MIN)
		return daxctl_json_u64(size);
	daxctl_json_size_str(buf, sizeof(buf), size);
	return json_object_new_string(buf);
}

struct json_object *daxctl_json_hex(unsigned long long val, unsigned long flags)
{
	char buf[32];

	if (!(flags & DAXCTL_JSON_HUMAN))
		return daxctl_json_u64(val);
	snprintf(buf, sizeof(buf), "%#llx", val);
	return json_object_new_string(buf);
}

struct json_object *daxctl_mapping_to_json(struct daxctl_mapping *mapping,
					   unsigned long flags)
{
	struct json_object *jmap = json_object_new_object();

	if (!jmap)
		return NULL;
	add(jmap, "page_offset",
	    daxctl_json_hex(daxctl_mapping_get_offset(mapping), flags));
	add(jmap, "start",
	    daxctl_json_hex(daxctl_mapping_get_start(mapping), flags));
	add(jmap, "end", daxctl_json_hex(daxctl_mapping_get_end(mapping), flags));
	add(jmap, "size",
	    daxctl_json_size(daxctl_mapping_get_size(mapping), flags));
	return jmap;
}

/* online/total block counts and zone of a system-ram device */
static void add_memory(struct json_object *jdev, struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int online, total, movable;

	if (!mem || daxctl_dev_get_resource(dev) == 0)
		return;
	online = daxctl_memory_is_online(mem);
	total = daxctl_memory_num_sections(mem);
	add(jdev, "online_memblocks", json_object_new_int(online));
	add(jdev, "total_memblocks", json_object_new_int(total));
	/* unknown (an offline block has no zone): no key at all */
	movable = daxctl_memory_is_movable(mem);
	if (movable >= 0)
		add(jdev, "movable", json_object_new_boolean(movable == 1));
}

struct json_object *daxctl_dev_to_json(struct daxctl_dev *dev,
				       unsigned long flags)
{
	struct json_object *jdev = json_object_new_object();
	struct json_object *jmaps = NULL;
	struct daxctl_mapping *mapping;
	unsigned long align;
	int node;

	if (!jdev)
		return NULL;
	add(jdev, "chardev", json_object_new_string(daxctl_dev_get_devname(dev)));
	add(jdev, "size", daxctl_json_size(daxctl_dev_get_size(dev), flags));

	node = daxctl_dev_get_target_node(dev);
	if (node >= 0)
		add(jdev, "target_node", json_object_new_int(node));

	align = daxctl_dev_get_align(dev);
	if (align > 0)
		add(jdev, "align", daxctl_json_size(align, flags));

	if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
		add(jdev, "mode", json_object_new_string("system-ram"));
		add_memory(jdev, dev);
	} else {
		add(jdev, "mode", json_object_new_string("devdax"));
	}

	/*
	 * Only when set: kernels before 6.8 have no such attribute, and on
	 * later ones an unset one keeps the reference's bytes.
	 */
	if (daxctl_dev_get_memmap_on_memory(dev) == 1)
		add(jdev, "memmap_on_memory", json_object_new_boolean(true));

	if (!daxctl_dev_is_enabled(dev))
		add(jdev, "state", json_object_new_string("disabled"));

	if (!(flags & DAXCTL_JSON_MAPPINGS))
		return jdev;

	/* the array appears only once there is something to put in it */
	daxctl_mapping_foreach(dev, mapping) {
		struct json_object *jmap;

		if (!jmaps) {
			jmaps = json_object_new_array();
			if (!jmaps)
				break;
			json_object_object_add(jdev, "mappings", jmaps);
		}
		jmap = daxctl_mapping_to_json(mapping, flags);
		if (jmap)
			json_object_array_add(jmaps, jmap);
	}
	return jdev;
}

struct json_object *daxctl_devs_to_json(struct daxctl_region *region,
					struct json_object *jdevs,
					const char *dev_filter,
					unsigned long flags)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev) {
		struct json_object *jdev;

		if (!daxctl_filter_dev(dev, dev_filter))
			continue;
		if (!(flags & DAXCTL_JSON_IDLE) && !daxctl_dev_get_size(dev))
			continue;
		if (!jdevs) {
			jdevs = json_object_new_array();
			if (!jdevs)
				return NULL;
		}
		jdev = daxctl_dev_to_json(dev, flags);
		if (jdev)
			json_object_array_add(jdevs, jdev);
	}
	return jdevs;
}

struct json_object *daxctl_region_to_json(struct daxctl_region *region,
					  const char *dev_filter,
					  unsigned long flags)
{
	struct json_object *jregion = json_object_new_object();
	const char *path = daxctl_region_get_display_path(region);
	unsigned long long size, avail;
	unsigned long align;

	if (!jregion)
		return NULL;

	if (path)
		add(jregion, "path", json_object_new_string(path));
	add(jregion, "id", json_object_new_int(daxctl_region_get_id(region)));

	size = daxctl_region_get_size(region);
	if (size != ULLONG_MAX)
		add(jregion, "size", daxctl_json_size(size, flags));

	avail = daxctl_region_get_available_size(region);
	if (avail)
		add(jregion, "available_size", daxctl_json_size(avail, flags));

	align = daxctl_region_get_align(region);
	if (align != ULONG_MAX)
		add(jregion, "align", daxctl_json_u64(align));

	if (flags & DAXCTL_JSON_DEVS)
		add(jregion, "devices",
		    daxctl_devs_to_json(region, NULL, dev_filter, flags));
	return jregion;
}

int daxctl_json_display_array(FILE *f, struct json_object *jarray,
			      unsigned long flags)
{
	int len = json_object_array_length(jarray);
	int jflags = JSON_C_TO_STRING_PRETTY;
	int rc = 0;

	if (len > 1 || !(flags & DAXCTL_JSON_HUMAN))
		rc = fprintf(f, "%s\n",
			     json_object_to_json_string_ext(jarray, jflags));
	else if (len == 1)
		rc = fprintf(f, "%s\n",
			     json_object_to_json_string_ext(
				     json_object_array_get_idx(jarray, 0),
				     jflags));
	json_object_put(jarray);
	return rc < 0 ? -EIO : 0;
}
