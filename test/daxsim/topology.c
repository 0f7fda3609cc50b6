// SPDX-License-Identifier: GPL-2.0-only
/*
 * The topology file: JSON, described in test/daxsim/README.md.
 * Sizes and addresses are numbers or strings ("0x100000000", "1G", "128M").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "daxsim.h"

int parse_size(const char *s, u64 *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'k': case 'K':
		shift = 10;
		break;
	case 'm': case 'M':
		shift = 20;
		break;
	case 'g': case 'G':
		shift = 30;
		break;
	case 't': case 'T':
		shift = 40;
		break;
	case '\0':
		break;
	default:
		return -EINVAL;
	}
	if (shift)
		end++;
	if (*end == 'i' && end[1] == 'B')
		end += 2;
	if (*end)
		return -EINVAL;
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = (u64)v << shift;
	return 0;
}

int parse_errno(const char *s)
{
	char *end;
	long v;
	int i;

	v = strtol(s, &end, 10);
	if (end != s && !*end && v > 0 && v < 4096)
		return (int)v;
	for (i = 1; i < 134; i++) {
		const char *n = strerrorname_np(i);

		if (n && !strcmp(n, s))
			return i;
	}
	return -1;
}

/* PATH:N:ERRNO, N = 1-based count, "N+" = from the Nth on, "*" or 0 = every write */
int fault_parse(const char *spec, struct fault *f)
{
	const char *c2 = strrchr(spec, ':'), *c1;
	char nbuf[32], *end;

	memset(f, 0, sizeof(*f));
	if (!c2 || c2 == spec)
		return -EINVAL;
	for (c1 = c2 - 1; c1 > spec && *c1 != ':'; c1--)
		;
	if (c1 == spec || (size_t)(c2 - c1 - 1) >= sizeof(nbuf))
		return -EINVAL;
	memcpy(nbuf, c1 + 1, c2 - c1 - 1);
	nbuf[c2 - c1 - 1] = '\0';
	f->err = parse_errno(c2 + 1);
	if (f->err < 0)
		return -EINVAL;
	if (!strcmp(nbuf, "*")) {
		f->nth = 0;
	} else {
		f->nth = strtol(nbuf, &end, 10);
		if (end == nbuf || f->nth < 0)
			return -EINVAL;
		if (*end == '+') {
			f->and_after = true;
			end++;
		}
		if (*end)
			return -EINVAL;
	}
	f->path = strndup(spec, c1 - spec);
	return f->path ? 0 : -ENOMEM;
}

static char *g_err;
static size_t g_errlen;

static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g_err, g_errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int get_u64(json_object *o, const char *key, u64 *out, bool required)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v)) {
		if (required)
			return fail("missing \"%s\"", key);
		return 1;
	}
	if (json_object_is_type(v, json_type_int)) {
		if (json_object_get_int64(v) < 0)
			return fail("\"%s\" is negative", key);
		*out = (u64)json_object_get_int64(v);
		return 0;
	}
	if (json_object_is_type(v, json_type_string) &&
	    !parse_size(json_object_get_string(v), out))
		return 0;
	return fail("bad value for \"%s\"", key);
}

static int get_int(json_object *o, const char *key, int *out, int def)
{
	json_object *v;

	*out = def;
	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return fail("\"%s\" must be an integer", key);
	*out = json_object_get_int(v);
	return 0;
}

static const char *get_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int load_device(struct region *r, json_object *jd, int idx)
{
	json_object *jr;
	struct ddev *d;
	const char *drv, *state;
	u64 v;
	int id, rc, ot = -1;

	if (get_int(jd, "id", &id, idx))
		return -EINVAL;
	d = dev_new(r, id);
	if (!d)
		return fail("region %d: duplicate device id %d", r->id, id);
	/* series: the region registers daxX.0 as its seed; a bind below clears it */
	if (id == 0 && !r->seed && S.profile == PROFILE_SERIES)
		r->seed = d;
	/* series: a registered device counts as created; 6.1 remembers only 'create' writes */
	if (S.profile == PROFILE_SERIES)
		r->youngest = d;
	if (!get_u64(jd, "align", &v, false))
		d->align = v;
	if (json_object_object_get_ex(jd, "memmap_on_memory", &jr))
		d->memmap_on_memory = json_object_get_boolean(jr);
	if (json_object_object_get_ex(jd, "ranges", &jr)) {
		size_t i;

		for (i = 0; i < json_object_array_length(jr); i++) {
			json_object *g = json_object_array_get_idx(jr, i);
			u64 s, len, e;

			if (get_u64(g, "start", &s, true))
				return -EINVAL;
			rc = get_u64(g, "size", &len, false);
			if (rc < 0)
				return -EINVAL;
			if (rc == 0)
				e = s + len - 1;
			else if (get_u64(g, "end", &e, true))
				return -EINVAL;
			if (s < r->start || e > r->end || e < s)
				return fail("dax%d.%d: range outside the region", r->id, id);
			dev_append_range(d, s, e);
		}
	} else if (!get_u64(jd, "size", &v, false) && v) {
		char buf[32];

		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
		rc = store_dev_size(d, buf);
		if (rc)
			return fail("dax%d.%d: size %s: %s", r->id, id, buf, strerror(-rc));
	}
	state = get_str(jd, "memory");
	if (state) {
		ot = online_type_from_str(state);
		if (ot < 0)
			return fail("dax%d.%d: bad \"memory\" state", r->id, id);
	}
	drv = get_str(jd, "driver");
	if (drv && strcmp(drv, "none")) {
		char n[64];
		int which = !strcmp(drv, "kmem") ? DRV_KMEM : !strcmp(drv, "device_dax") ? DRV_DEVDAX : -1;
		int save = S.auto_online;

		if (which < 0)
			return fail("dax%d.%d: unknown driver \"%s\"", r->id, id, drv);
		dev_name(d, n, sizeof(n));
		if (which == DRV_KMEM)
			driver_id_add(&S.drv[DRV_KMEM], n);
		if (ot >= 0)
			S.auto_online = ot;
		rc = dev_probe(d, which);
		S.auto_online = save;
		if (rc)
			return fail("%s: bind %s: %s", n, drv, strerror(-rc));
	}
	return 0;
}

int topology_load(const char *path, char *err, size_t errlen)
{
	json_object *root, *jregs, *j;
	const char *s;
	size_t i, k;
	u64 v;
	int rc = -EINVAL;

	g_err = err;
	g_errlen = errlen;
	root = json_object_from_file(path);
	if (!root) {
		snprintf(err, errlen, "%s: %s", path, json_util_get_last_err());
		return -EINVAL;
	}
	if (get_u64(root, "memory_block_size", &S.block_size, false) < 0)
		goto out;
	if (!S.block_size || (S.block_size & (S.block_size - 1))) {
		fail("memory_block_size must be a power of 2");
		goto out;
	}
	s = get_str(root, "auto_online_blocks");
	if (s && (S.auto_online = online_type_from_str(s)) < 0) {
		fail("bad auto_online_blocks");
		goto out;
	}
	s = get_str(root, "profile");
	if (s && !S.profile_forced) {
		int p = profile_from_str(s);

		if (p < 0) {
			fail("profile: \"linux-6.1\" or \"series\"");
			goto out;
		}
		S.profile = p;
	}
	s = get_str(root, "kmem_unbind_online");
	if (s) {
		if (!strcmp(s, "leak"))
			S.kmem_unbind = KMEM_UNBIND_LEAK;
		else if (!strcmp(s, "ebusy"))
			S.kmem_unbind = KMEM_UNBIND_EBUSY;
		else {
			fail("kmem_unbind_online: \"leak\" or \"ebusy\"");
			goto out;
		}
	}
	if (json_object_object_get_ex(root, "region_idle", &j))
		S.region_idle = json_object_get_boolean(j);
	/* present: a kernel with the attribute, and the boot parameter's value */
	if (json_object_object_get_ex(root, "memmap_on_memory", &j)) {
		S.memmap_attr = true;
		S.memmap_param = json_object_get_boolean(j);
	}
	if (json_object_object_get_ex(root, "pud_align", &j))
		S.pud_align = json_object_get_boolean(j);
	if (!get_u64(root, "dax_major", &v, false))
		S.dax_major = (unsigned)v;

	if (json_object_object_get_ex(root, "system_ram", &j)) {
		for (i = 0; i < json_object_array_length(j); i++) {
			json_object *e = json_object_array_get_idx(j, i);
			u64 start, size, a;
			int node;

			if (get_u64(e, "start", &start, true) || get_u64(e, "size", &size, true) ||
			    get_int(e, "node", &node, 0))
				goto out;
			for (a = start; a + S.block_size <= start + size; a += S.block_size)
				block_add(a / S.block_size, node, true, MMOP_ONLINE_KERNEL);
		}
	}

	if (!json_object_object_get_ex(root, "regions", &jregs) ||
	    !json_object_is_type(jregs, json_type_array)) {
		fail("missing \"regions\" array");
		goto out;
	}
	for (i = 0; i < json_object_array_length(jregs); i++) {
		json_object *jr = json_object_array_get_idx(jregs, i), *jdevs;
		u64 start, size, align = SZ_2M;
		int id, hmem, tnode, nnode;
		struct region *r;
		size_t nd;

		if (get_int(jr, "id", &id, (int)i) || get_int(jr, "hmem", &hmem, id) ||
		    get_int(jr, "target_node", &tnode, 1) || get_int(jr, "numa_node", &nnode, 0) ||
		    get_u64(jr, "start", &start, true) || get_u64(jr, "size", &size, true) ||
		    get_u64(jr, "align", &align, false) < 0)
			goto out;
		if (!size || start % SZ_2M || size % SZ_2M) {
			fail("region %d: start and size must be non-zero multiples of 2M", id);
			goto out;
		}
		for (k = 0; k < (size_t)S.nregion; k++)
			if (S.regions[k]->id == id || S.regions[k]->hmem == hmem) {
				fail("region %d: duplicate id or hmem instance", id);
				goto out;
			}
		r = region_new(id, hmem, start, size, align, tnode, nnode);
		nd = 0;
		if (json_object_object_get_ex(jr, "devices", &jdevs))
			nd = json_object_array_length(jdevs);
		if (json_object_object_get_ex(jr, "static", &j))
			r->is_static = json_object_get_boolean(j);
		/* the namespace made daxX.0 with all of it: nothing else exists */
		if (r->is_static && nd != 1) {
			fail("region %d: a static region has exactly one device, daxX.0", id);
			goto out;
		}
		/* the region registers daxX.0 first, and it is the seed */
		if (nd == 0) {
			struct ddev *d0 = dev_new(r, 0);

			if (S.profile == PROFILE_SERIES)
				r->seed = r->youngest = d0;
			continue;
		}
		for (k = 0; k < nd; k++) {
			json_object *jd = json_object_array_get_idx(jdevs, k);
			int did;

			if (get_int(jd, "id", &did, (int)k))
				goto out;
			if (k == 0 && did != 0) {
				fail("region %d: the first device must be id 0", id);
				goto out;
			}
			if (load_device(r, jd, (int)k))
				goto out;
		}
		if (r->is_static && dev_size(r->devs[0]) != size) {
			fail("region %d: a static region's daxX.0 covers all of it", id);
			goto out;
		}
		s = get_str(jr, "seed");
		if (s) {
			r->seed = NULL;
			for (k = 0; k < (size_t)r->ndev; k++) {
				char n[64];

				dev_name(r->devs[k], n, sizeof(n));
				if (!strcmp(n, s))
					r->seed = r->devs[k];
			}
		}
	}

	if (json_object_object_get_ex(root, "faults", &j)) {
		for (i = 0; i < json_object_array_length(j); i++) {
			json_object *e = json_object_array_get_idx(j, i);
			json_object *jn;
			struct fault f;
			char spec[4200];
			const char *p = get_str(e, "path"), *en = get_str(e, "errno");
			const char *nth = "1";
			char nb[32];

			if (json_object_object_get_ex(e, "nth", &jn)) {
				if (json_object_is_type(jn, json_type_int)) {
					snprintf(nb, sizeof(nb), "%d", json_object_get_int(jn));
					nth = nb;
				} else {
					nth = json_object_get_string(jn);
				}
			}
			if (!p || !en) {
				fail("fault %zu: needs \"path\" and \"errno\"", i);
				goto out;
			}
			snprintf(spec, sizeof(spec), "%s:%s:%s", p, nth, en);
			if (fault_parse(spec, &f)) {
				fail("fault %zu: bad rule", i);
				goto out;
			}
			S.faults = realloc(S.faults, (S.nfault + 1) * sizeof(*S.faults));
			if (!S.faults)
				goto out;
			S.faults[S.nfault++] = f;
		}
	}
	rc = 0;
out:
	json_object_put(root);
	return rc;
}
