/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Size arguments of the device commands: "512M", "0x80000000", "4g", "1T".
 */
#ifndef _DAXCTL_SIZE_H_
#define _DAXCTL_SIZE_H_

#include <stdbool.h>

#define SZ_4K	0x1000ULL
#define SZ_2M	0x200000ULL
#define SZ_1G	0x40000000ULL

/*
 * Parse @str as an unsigned byte count: decimal, 0x-hexadecimal or
 * 0-octal digits (strtoull base 0, as the reference does), optionally
 * followed by exactly one binary suffix K, M, G or T in either case.
 *
 * Unlike the reference, which turns every malformed string into
 * ULLONG_MAX and carries on, this rejects: an empty string, a sign,
 * leading blanks, missing digits, anything after the suffix, and values
 * that do not fit in 64 bits.  Returns 0 and sets *@val, or -EINVAL
 * (malformed) or -ERANGE (overflow).
 */
int parse_size(const char *str, unsigned long long *val);

/*
 * parse_size() for the command line: on failure print the one-line
 *   error: <opt>: invalid size '<str>': <reason>
 * to stderr and return -EINVAL.
 */
int parse_size_arg(const char *opt, const char *str, unsigned long long *val);

#endif /* _DAXCTL_SIZE_H_ */
