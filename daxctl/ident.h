/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ident.h: region and device ids as users write them, on the command line
 * (-r 0, region0, dax0.1, 0.1) and in files (--input, layouts).
 *
 * Every id is 0 to INT_MAX in decimal digits: no sign, no blanks, and a
 * number beyond 32 bits is refused instead of wrapping to a small id the
 * way sscanf's %d does (the reference's "-r 4294967296" is region 0).
 * Each returns 0, -EINVAL (not an id) or -ERANGE (too large).
 */
#ifndef _DAXCTL_IDENT_H_
#define _DAXCTL_IDENT_H_

/*
 * Leading id of @s.  On success *@end (when not NULL) points after its
 * digits.
 */
int ident_id(const char *s, int *id, const char **end);
/*
 * Region selector "N" or "regionN".  As in the reference, whatever follows
 * the number is ignored ("0x" is region 0): scripts may rely on it.
 */
int ident_region(const char *s, int *id);
/* Device selector "X.Y"; what follows Y is ignored likewise. */
int ident_pair(const char *s, int *region_id, int *dev_id);
/* "daxX.Y" or "X.Y", as ident_pair(). */
int ident_dev(const char *s, int *region_id, int *dev_id);
/* Exactly "daxX.Y", as a device name in a file; nothing may follow. */
int ident_devname(const char *s, int *region_id, int *dev_id);

#endif /* _DAXCTL_IDENT_H_ */
