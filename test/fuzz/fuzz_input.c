// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_input: the create-device --input reader (device_json_read() in
 * daxctl/device-json.c, linked as the command links it) on arbitrary
 * bytes as the file.
 *
 * Oracles for an accepted file: the region is one a device name can
 * carry, the align fits the unsigned long it is written as, and every
 * range is well formed; a refusal leaves nothing allocated.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "device-json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct device_json dj;
	char path[64], whybuf[128];
	const char *why;
	int fd, i, rc;

	fd = memfd_create("fuzz-input", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

	rc = device_json_read(path, &dj, &why, whybuf, sizeof(whybuf));
	close(fd);
	if (rc) {
		if (dj.maps)
			abort();
		return 0;
	}
	if (dj.region_id < 0 || dj.align > ULONG_MAX)
		abort();
	if (dj.nmaps < 0 || !dj.maps)
		abort();
	for (i = 0; i < dj.nmaps; i++)
		if (dj.maps[i].end < dj.maps[i].start)
			abort();
	free(dj.maps);
	return 0;
}
