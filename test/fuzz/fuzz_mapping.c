// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_mapping: the simulator's kernel model (test/daxsim/model.c) driven
 * by arbitrary store sequences, above all 'mapping' range strings
 * ("start-end", hex, inclusive), the attribute apply-layout and
 * create-device --input restore layouts through.  The fault sweep and the
 * concurrency test trust this model, so it must keep the kernel's
 * invariants whatever is written to it.
 *
 * Input: lines "<op><dev><value>"; op m=mapping s=size a=align c=create
 * d=delete b=bind(device_dax) k=bind(kmem) u=unbind, dev a digit picking
 * one of the region's devices, value the bytes written.  Both profiles
 * (Linux 6.1 as measured, and the series) are exercised; the first byte
 * picks one.  After every store: the devices' ranges lie in the region,
 * never overlap, and with the available size add up to the region size.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../daxsim/daxsim.h"

/* main.c's hooks: no write log, no fault rules here */
void log_write(const char *path, const char *val, size_t len, int rc,
	       bool injected)
{
}

int fault_check(const char *path)
{
	return 0;
}

int tree_canon(const char *path, char *out, size_t len)
{
	return -ENOENT;
}

static char topo[256];

static void drop_topo(void)
{
	unlink(topo);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char json[] =
		"{ \"memory_block_size\": \"128M\", \"auto_online_blocks\": \"offline\",\n"
		"  \"system_ram\": [ { \"start\": \"0x0\", \"size\": \"2G\", \"node\": 0 } ],\n"
		"  \"regions\": [ { \"id\": 0, \"hmem\": 0, \"start\": \"0x100000000\",\n"
		"    \"size\": \"1G\", \"align\": \"2M\", \"target_node\": 1, \"numa_node\": 0,\n"
		"    \"devices\": [ { \"id\": 0, \"size\": \"256M\", \"driver\": \"device_dax\" } ] } ] }\n";
	const char *tmp = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(topo, sizeof(topo), "%s/daxfuzz-topo.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(topo);
	if (fd < 0 || !(f = fdopen(fd, "w")))
		abort();
	fputs(json, f);
	fclose(f);
	atexit(drop_topo);
	return 0;
}

static void check(void)
{
	struct region *r = S.regions[0];
	u64 total = 0;
	int i, j, k, l;

	for (i = 0; i < r->ndev; i++) {
		struct ddev *d = r->devs[i];

		for (j = 0; j < d->nr; j++) {
			struct drange *a = &d->ranges[j];

			if (a->end < a->start || a->start < r->start ||
			    a->end > r->end)
				abort();
			total += a->end - a->start + 1;
			for (k = i; k < r->ndev; k++)
				for (l = 0; l < r->devs[k]->nr; l++) {
					struct drange *b = &r->devs[k]->ranges[l];

					if ((k != i || l != j) &&
					    a->start <= b->end && b->start <= a->end)
						abort();
				}
		}
	}
	if (total + region_avail(r) != r->end - r->start + 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char err[256];

	if (!size)
		return 0;
	sim_init();
	if (topology_load(topo, err, sizeof(err))) {
		sim_free();
		abort();
	}
	S.profile = data[0] & 1 ? PROFILE_SERIES : PROFILE_LINUX;
	p++;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct region *r = S.regions[0];
		struct ddev *d;
		char val[256], name[64];

		if (len >= 2 && len - 2 < sizeof(val) && r->ndev) {
			d = r->devs[(unsigned char)p[1] % r->ndev];
			memcpy(val, p + 2, len - 2);
			val[len - 2] = '\0';
			dev_name(d, name, sizeof(name));
			switch (p[0]) {
			case 'm': store_dev_mapping(d, val); break;
			case 's': store_dev_size(d, val); break;
			case 'a': store_dev_align(d, val); break;
			case 'c': store_region_create(r, val); break;
			case 'd': store_region_delete(r, val[0] ? val : name); break;
			case 'b': store_drv_bind(DRV_DEVDAX, name); break;
			case 'k':
				store_drv_new_id(DRV_KMEM, name);
				store_drv_bind(DRV_KMEM, name);
				break;
			case 'u':
				if (d->drv)
					store_drv_unbind(d->drv, name);
				break;
			}
			check();
		}
		p = nl ? nl + 1 : end;
	}
	sim_free();
	return 0;
}
