// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_input: the create-device --input reader (parse_device_file() in
 * daxctl/device.c) on arbitrary bytes as the file.
 *
 * Oracles for an accepted file: the size, align and region strings it
 * hands to the option parser parse back strictly, the region is the one
 * in "chardev", and every range is well formed.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "../../daxctl/device.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long long v;
	char path[64];
	int fd, i, rc;

	fd = memfd_create("fuzz-input", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

	memset(&param, 0, sizeof(param));
	memset(&opt, 0, sizeof(opt));
	rc = parse_device_file(path);
	close(fd);
	if (rc == 0) {
		if (parse_size(param.size, &v) || parse_size(param.align, &v))
			abort();
		if (!param.region || !param.region[0])
			abort();
		if (opt.nmaps < 0 || (opt.nmaps && !opt.maps))
			abort();
		for (i = 0; i < opt.nmaps; i++)
			if (opt.maps[i].end < opt.maps[i].start)
				abort();
	}
	free(opt.maps);
	memset(&opt, 0, sizeof(opt));
	memset(&param, 0, sizeof(param));
	return 0;
}
