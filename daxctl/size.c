// SPDX-License-Identifier: GPL-2.0-only
/* Strict size parsing for the device commands. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"

static int suffix_shift(char c)
{
	switch (c) {
	case 'k': case 'K':
		return 10;
	case 'm': case 'M':
		return 20;
	case 'g': case 'G':
		return 30;
	case 't': case 'T':
		return 40;
	default:
		return -1;
	}
}

int parse_size(const char *str, unsigned long long *val)
{
	unsigned long long v;
	char *end;
	int shift = 0;

	/* strtoull() would skip blanks and accept "-1" as ULLONG_MAX */
	if (!str || !isdigit((unsigned char)str[0]))
		return -EINVAL;

	errno = 0;
	v = strtoull(str, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (errno || end == str)
		return -EINVAL;
	/* "0x" alone: strtoull parses the "0" and stops at the 'x' */
	if (*end == 'x' || *end == 'X')
		return -EINVAL;

	if (*end) {
		shift = suffix_shift(*end);
		if (shift < 0 || end[1] != '\0')
			return -EINVAL;
	}
	if (shift && v > (~0ULL >> shift))
		return -ERANGE;
	*val = v << shift;
	return 0;
}

int parse_size_arg(const char *opt, const char *str, unsigned long long *val)
{
	int rc = parse_size(str, val);

	if (rc == -ERANGE)
		fprintf(stderr, "error: %s: invalid size '%s': too large\n",
			opt, str);
	else if (rc)
		fprintf(stderr,
			"error: %s: invalid size '%s': expected a number with an optional K, M, G or T suffix\n",
			opt, str);
	/* a usage error of the command line: EINVAL whatever the cause */
	return rc ? -EINVAL : 0;
}
