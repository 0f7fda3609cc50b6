// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_size: daxctl/size.c, the --size/--align parser.
 *
 * Oracle: a string is accepted only when it is digits in C notation
 * (decimal, 0x-hex, 0-octal) plus at most one K/M/G/T suffix, and the
 * value is then exactly number << shift with no bit lost.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"

static int shift_of(char c)
{
	switch (c) {
	case 'k': case 'K': return 10;
	case 'm': case 'M': return 20;
	case 'g': case 'G': return 30;
	case 't': case 'T': return 40;
	}
	return -1;
}

/* An independent reading of the grammar, without strtoull. */
static int model(const char *s, unsigned long long *val)
{
	unsigned __int128 v = 0;
	unsigned base = 10;
	const char *p = s;
	int shift = 0, digits = 0;

	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (; *p; p++) {
		unsigned d;

		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = (tolower((unsigned char)*p) - 'a') + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
		if (v > UINT64_MAX)
			v = (unsigned __int128)UINT64_MAX + 1; /* saturate */
		digits++;
	}
	if (base == 16 && !digits)
		return -EINVAL;
	if (*p) {
		shift = shift_of(*p);
		if (shift < 0 || p[1])
			return -EINVAL;
	}
	if (v > UINT64_MAX || (v << shift) > UINT64_MAX)
		return -ERANGE;
	*val = (unsigned long long)(v << shift);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long long got = 0, want = 0;
	char *s = malloc(size + 1);
	int rc, mrc;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	rc = parse_size(s, &got);
	mrc = model(s, &want);
	/* both refusing is agreement, whichever errno each picks */
	if ((rc == 0) != (mrc == 0) || (rc == 0 && got != want))
		abort();
	if (rc && rc != -EINVAL && rc != -ERANGE)
		abort();
	free(s);
	return 0;
}
