// SPDX-License-Identifier: LGPL-2.1-only
/*
 * fuzz_sysfs_parse: the number and name parsers of libdaxctl/sysfs.c
 * (sysfs_parse_u64 in bases 0 and 16, sysfs_parse_int, the strict
 * "daxX.Y" and "memoryN" name parsers, MAJ:MIN) and ctx.c's DAXCTL_LOG
 * level parser, fed arbitrary attribute content.
 *
 * The first input byte picks the parser, the rest is the content as a
 * C string (a sysfs read stops at the first NUL, so the harness does too).
 * Oracles: an accepted value must read back to the same number through an
 * independent parse, and rejected input must leave the output untouched.
 */
#include <stdint.h>

#include "../../libdaxctl/sysfs.c"
#include "../../libdaxctl/ctx.c"

static void check_u64(const char *s, int base)
{
	unsigned long long v = 0xdeadbeefULL, w;
	char *end;
	int rc = sysfs_parse_u64(NULL, "fuzz", s, base, &v);

	if (rc) {
		if (v != 0xdeadbeefULL || (rc != -EINVAL && rc != -ERANGE))
			abort();
		return;
	}
	/* accepted: non-empty, starts with a digit of the base, no tail */
	if (!s[0] || !isxdigit((unsigned char)s[0]))
		abort();
	errno = 0;
	w = strtoull(s, &end, base);
	if (errno || *end || w != v)
		abort();
}

static void check_int(const char *s)
{
	int v = 0x5a5a, rc = sysfs_parse_int(NULL, "fuzz", s, &v);
	long long w;
	char *end;

	if (rc) {
		if (v != 0x5a5a)
			abort();
		return;
	}
	errno = 0;
	w = strtoll(s, &end, 10);
	if (errno || *end || w != v || w < INT_MIN || w > INT_MAX)
		abort();
	if (s[0] == ' ' || s[0] == '+' || s[0] == '\t')
		abort();
}

static void check_devname(const char *s)
{
	int r = -7, d = -7;
	char back[64];

	/* on failure the outputs may be partly written: callers ignore them */
	if (sysfs_parse_devname(s, &r, &d))
		return;
	if (r < 0 || d < 0)
		abort();
	/* accepted names are dax<digits>.<digits> exactly */
	snprintf(back, sizeof(back), "dax%d.%d", r, d);
	if (strspn(s + 3, "0123456789.") != strlen(s + 3))
		abort();
	if (strlen(s) < strlen(back))
		abort();
}

static void check_block(const char *s)
{
	unsigned long id = 77;
	int rc = parse_block_name(s, &id);

	if (rc)
		return;
	if (strncmp(s, "memory", 6) || !s[6] ||
	    strspn(s + 6, "0123456789") != strlen(s + 6) ||
	    strtoul(s + 6, NULL, 10) != id)
		abort();
}

static void check_majmin(const char *s)
{
	const char *colon = strchr(s, ':');
	int ma = -1, mi = -1;

	if (!colon)
		return;
	if (parse_uint(s, colon, &ma) == 0 &&
	    parse_uint(colon + 1, colon + 1 + strlen(colon + 1), &mi) == 0) {
		if (ma < 0 || mi < 0)
			abort();
	}
}

static void check_log(const char *s)
{
	int p = log_priority(s);

	if (p < -1 || p > LOG_DEBUG)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1)
		return 0;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';

	switch (data[0] % 7) {
	case 0: check_u64(s, 0); break;
	case 1: check_u64(s, 16); break;
	case 2: check_int(s); break;
	case 3: check_devname(s); break;
	case 4: check_block(s); break;
	case 5: check_majmin(s); break;
	case 6: check_log(s); break;
	}
	free(s);
	return 0;
}
