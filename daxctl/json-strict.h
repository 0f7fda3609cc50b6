/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json-strict.h: what json-c accepts but a file we are given must not
 * hold.  json-c keeps the last of two equal keys in an object silently,
 * so {"chardev":null,"chardev":"dax0.0"} would read as one valid device.
 */
#ifndef _DAXCTL_JSON_STRICT_H_
#define _DAXCTL_JSON_STRICT_H_

#include <stddef.h>

struct json_dup_key {
	/* the key as json-c decodes it, unprintable bytes as '?', cut short */
	char key[48];
	/* where its second appearance starts: 1-based line, 0-based offset */
	unsigned long line;
	size_t offset;
};

/*
 * Whether some object in the JSON text @buf of @len bytes, already
 * accepted by json-c, holds one key twice at any depth, keys compared as
 * json-c compares them ("\u0063" is "c", a key ends at its first NUL).
 * 0 when every key is unique, -EEXIST with @dup filled when not, -ENOMEM,
 * or -EINVAL for nesting deeper than json-c parses.
 */
int json_find_dup_key(const char *buf, size_t len, struct json_dup_key *dup);

#endif /* _DAXCTL_JSON_STRICT_H_ */
