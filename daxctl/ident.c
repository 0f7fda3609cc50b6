// SPDX-License-Identifier: GPL-2.0-only
/* ident.c: see ident.h. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "ident.h"

int ident_id(const char *s, int *id, const char **end)
{
	long long v = 0;
	const char *p;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	for (p = s; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		/* stop before the next digit could overflow long long */
		if (v > INT_MAX)
			return -ERANGE;
	}
	*id = (int)v;
	if (end)
		*end = p;
	return 0;
}

int ident_region(const char *s, int *id)
{
	if (s && strncmp(s, "region", 6) == 0)
		s += 6;
	return ident_id(s, id, NULL);
}

static int pair(const char *s, int *region_id, int *dev_id, const char **end)
{
	const char *p;
	int rc;

	rc = ident_id(s, region_id, &p);
	if (rc)
		return rc;
	if (*p != '.')
		return -EINVAL;
	return ident_id(p + 1, dev_id, end);
}

int ident_pair(const char *s, int *region_id, int *dev_id)
{
	return pair(s, region_id, dev_id, NULL);
}

int ident_dev(const char *s, int *region_id, int *dev_id)
{
	if (s && strncmp(s, "dax", 3) == 0)
		s += 3;
	return pair(s, region_id, dev_id, NULL);
}

int ident_devname(const char *s, int *region_id, int *dev_id)
{
	const char *end;
	int rc;

	if (!s || strncmp(s, "dax", 3) != 0)
		return -EINVAL;
	rc = pair(s + 3, region_id, dev_id, &end);
	if (rc)
		return rc;
	return *end ? -EINVAL : 0;
}
