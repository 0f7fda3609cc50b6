// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_input: the create-device --input reader (parse_device_file() in
 * daxctl/create.c) on arbitrary bytes as the file.
 *
 * Oracles for an accepted file: the size, align and region strings it
 * hands to the option parser parse back strictly, the region is the one
 * in "chardev", and every range is well formed.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "../../daxctl/create.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct device_cmd c;
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

	device_cmd_init(&c);
	rc = parse_device_file(&c, path);
	close(fd);
	if (rc == 0) {
		if (parse_size(c.p.size, &v) || parse_size(c.p.align, &v))
			abort();
		if (!c.p.region || !c.p.region[0])
			abort();
		if (c.opt.nmaps < 0 || (c.opt.nmaps && !c.opt.maps))
			abort();
		for (i = 0; i < c.opt.nmaps; i++)
			if (c.opt.maps[i].end < c.opt.maps[i].start)
				abort();
	}
	free(c.opt.maps);
	return 0;
}
