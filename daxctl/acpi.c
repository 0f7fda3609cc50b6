// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl split-acpi: divide one proximity domain of a machine's ACPI
 * tables into N domains of equal capacity, to emulate a multi-node memory
 * topology in a virtual machine (qemu -acpitable file=...).
 *
 * Input is what "acpixtract -a" writes: srat.dat, slit.dat and nfit.dat,
 * each one whole table with its header.  The domain's single SRAT memory
 * affinity entry keeps the first 1/N of its range and N-1 new entries,
 * numbered after the highest domain of the SRAT, take the rest.  The SLIT
 * grows by N-1 localities, each a copy of the split domain's; a new
 * domain is at the old one's own distance from it (11 when that is the
 * local 10), and at 11 from the other new ones.  When the NFIT has a
 * system physical address range that is exactly the domain's SRAT range,
 * it and its memory device maps are cut the same way (other ranges of the
 * domain are left alone, as the reference leaves them).  The results go
 * next to the inputs as <table>.dat.new.
 *
 * All three tables are read, checked and rebuilt before anything is
 * written, so bad input leaves the directory as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "parse-options.h"

#define ACPI_HDR_LEN 36
#define SRAT_FIRST 48 /* header, table revision u32, reserved u64 */
#define SLIT_FIRST 44 /* header, locality count u64 */
#define NFIT_FIRST 40 /* header, reserved u32 */
#define SRAT_MEM_LEN 40
#define NFIT_SPA_LEN 56
#define NFIT_MEMDEV_LEN 48
/* a SLIT of this many localities is 16 MiB: far beyond any machine */
#define MAX_LOCALITIES 4096

enum srat_type {
	SRAT_CPU = 0,
	SRAT_MEM = 1,
	SRAT_X2APIC = 2,
	SRAT_GICC = 3,
	SRAT_GIC_ITS = 4,
	SRAT_GI = 5,
	SRAT_GP = 6,
};

enum nfit_type {
	NFIT_SPA = 0,
	NFIT_MEMDEV = 1,
};

struct table {
	const char *file; /* "srat.dat" */
	const char *sig;  /* "SRAT" */
	unsigned char *buf;
	size_t len;
	/* the rebuilt table, NULL when this table needs no new version */
	unsigned char *out;
	size_t out_len;
	/* the -v account of the rebuild, printed once it is written */
	char *log;
	size_t log_len;
	FILE *logf;
};

struct split {
	const char *dir;
	unsigned int pxm, nodes;
	bool verbose;
	unsigned int first_new; /* domain number of the first new domain */
	/* the domain's range, as the SRAT has it */
	unsigned long long base, len;
	struct table srat, slit, nfit;
};

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static void put64(unsigned char *p, uint64_t v)
{
	put32(p, v & 0xffffffff);
	put32(p + 4, v >> 32);
}

static unsigned char checksum(const unsigned char *buf, size_t len)
{
	unsigned char sum = 0;

	while (len--)
		sum += *buf++;
	return sum;
}

/* A rebuilt table is a new revision of the old one: say so, and seal it. */
static void finish_header(unsigned char *buf, size_t len)
{
	put32(buf + 4, (uint32_t)len);
	put32(buf + 24, get32(buf + 24) + 1);
	buf[9] = 0;
	buf[9] = (unsigned char)(0x100 - checksum(buf, len));
}

/* Read one table whole; the caller reports the error. */
static int read_table(const char *dir, struct table *t)
{
	char path[PATH_MAX];
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0;
	ssize_t n;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", dir, t->file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		error_msg("failed to open required %s\n", path);
		return 1;
	}
	for (;;) {
		if (len == cap) {
			unsigned char *nbuf;

			if (cap >= UINT32_MAX) {
				error_msg("%s: larger than any ACPI table\n", path);
				rc = -EINVAL;
				goto out_free;
			}
			cap = cap ? cap * 2 : 4096;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				rc = -ENOMEM; /* reported by the caller */
				goto out_free;
			}
			buf = nbuf;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			rc = -errno;
			error_msg("failed to read %s: %s\n", path, strerror(-rc));
			goto out_free;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);

	if (len < ACPI_HDR_LEN || memcmp(buf, t->sig, 4) != 0 ||
	    get32(buf + 4) != len) {
		error_msg("invalid %s header\n", t->sig);
		free(buf);
		return -EINVAL;
	}
	if (checksum(buf, len) != 0) {
		error_msg("bad %s checksum\n", t->sig);
		free(buf);
		return -EINVAL;
	}
	t->buf = buf;
	t->len = len;
	return 0;

out_free:
	close(fd);
	free(buf);
	return rc;
}

/*
 * Walk the sub-tables of @t from @first: each starts with its type and
 * length (one byte each in the SRAT, two in the NFIT).  Returns the offset
 * of the next one after @off, 0 at the end, or -1 when a length does not
 * fit the table.
 */
static long next_sub(const struct table *t, size_t off, bool wide)
{
	size_t hdr = wide ? 4 : 2, sub;

	if (off == t->len)
		return 0;
	if (t->len - off < hdr)
		return -1;
	sub = wide ? get16(t->buf + off + 2) : t->buf[off + 1];
	if (sub < hdr || sub > t->len - off)
		return -1;
	return (long)(off + sub);
}

#define for_each_sub(t, first, wide, off, next)                                \
	for ((off) = (first);                                                  \
	     (off) < (t)->len && ((next) = next_sub((t), (off), (wide))) > 0;  \
	     (off) = (size_t)(next))

/* Check every sub-table's length before any of them is trusted. */
static int check_subs(const struct table *t, size_t first, bool wide)
{
	size_t off;
	long next = 0;

	if (t->len <= first) {
		error_msg("no sub-tables found in %s\n", t->sig);
		return -EINVAL;
	}
	for_each_sub(t, first, wide, off, next)
		;
	if (next < 0) {
		error_msg("%s: malformed sub-table at offset %#zx\n", t->sig,
			  off);
		return -EINVAL;
	}
	return 0;
}

/*
 * The proximity domain of an SRAT entry, or -1 for an entry without one.
 * Every affinity structure counts, processors and initiators included: a
 * new domain must not take the number of one of theirs.
 */
static long long srat_pxm(const unsigned char *e)
{
	unsigned int len = e[1];

	switch (e[0]) {
	case SRAT_CPU:
		if (len < 12)
			return -1;
		return e[2] | (uint32_t)e[9] << 8 | (uint32_t)e[10] << 16 |
		       (uint32_t)e[11] << 24;
	case SRAT_MEM:
	case SRAT_GICC:
	case SRAT_GIC_ITS:
		return len < 6 ? -1 : (long long)get32(e + 2);
	case SRAT_X2APIC:
	case SRAT_GI:
	case SRAT_GP:
		return len < 8 ? -1 : (long long)get32(e + 4);
	}
	return -1;
}

static int log_open(struct table *t)
{
	t->logf = open_memstream(&t->log, &t->log_len);
	return t->logf ? 0 : -ENOMEM;
}

/*
 * The memory affinity entries of the domain to split (@target: the last
 * one's offset), and the highest domain number in use.
 */
static unsigned int srat_find(const struct split *s, size_t *target,
			      unsigned long long *max_pxm)
{
	const struct table *t = &s->srat;
	unsigned int found = 0;
	size_t off;
	long next;

	for_each_sub(t, SRAT_FIRST, false, off, next) {
		long long pxm = srat_pxm(t->buf + off);

		if (pxm < 0)
			continue;
		if ((unsigned long long)pxm > *max_pxm)
			*max_pxm = (unsigned long long)pxm;
		if (t->buf[off] == SRAT_MEM &&
		    t->buf[off + 1] >= SRAT_MEM_LEN && pxm == s->pxm) {
			*target = off;
			found++;
		}
	}
	return found;
}

static int split_srat(struct split *s)
{
	struct table *t = &s->srat;
	unsigned char *e = NULL, *out;
	unsigned long long max_pxm = 0, base, size;
	unsigned int found, k;
	size_t target = 0;
	int rc;

	rc = check_subs(t, SRAT_FIRST, false);
	if (rc)
		return rc;
	found = srat_find(s, &target, &max_pxm);
	if (!found) {
		error_msg("SRAT: proximity domain to split not found\n");
		return -ENOENT;
	}
	if (found > 1) {
		error_msg("SRAT: no support for splitting multiple entry "
			  "proximity domains\n");
		return -ENXIO;
	}
	if (max_pxm + s->nodes > MAX_LOCALITIES) {
		error_msg("SRAT: %llu proximity domains are more than %d\n",
			  max_pxm + s->nodes, MAX_LOCALITIES);
		return -EINVAL;
	}
	s->first_new = (unsigned int)max_pxm + 1;

	e = t->buf + target;
	base = get64(e + 8);
	s->base = base;
	s->len = get64(e + 16);
	size = s->len / s->nodes;
	if (!size) {
		error_msg("SRAT: proximity domain %u is too small to split\n",
			  s->pxm);
		return -EINVAL;
	}

	t->out_len = t->len + (size_t)(s->nodes - 1) * SRAT_MEM_LEN;
	out = calloc(1, t->out_len);
	if (!out || log_open(t)) {
		free(out);
		return -ENOMEM;
	}
	memcpy(out, t->buf, t->len);
	put64(out + target + 16, size);
	if (s->verbose)
		fprintf(t->logf, "SRAT: edit: %#llx@%#llx pxm: %u\n", size,
			base, s->pxm);
	for (k = 1; k < s->nodes; k++) {
		unsigned char *n = out + t->len + (k - 1) * SRAT_MEM_LEN;
		unsigned int pxm = s->first_new + k - 1;

		memcpy(n, e, SRAT_MEM_LEN);
		n[1] = SRAT_MEM_LEN;
		put32(n + 2, pxm);
		put64(n + 8, base + k * size);
		put64(n + 16, size);
		if (s->verbose)
			fprintf(t->logf, "SRAT:  add: %#llx@%#llx pxm: %u\n",
				size, base + k * size, pxm);
	}
	finish_header(out, t->out_len);
	t->out = out;
	return 0;
}

static int split_slit(struct split *s)
{
	struct table *t = &s->slit;
	unsigned long long count;
	unsigned int old, nr, i, j, near;
	const unsigned char *d;
	unsigned char *out, *m;

	if (t->len < SLIT_FIRST) {
		error_msg("invalid SLIT header\n");
		return -EINVAL;
	}
	count = get64(t->buf + 36);
	if (count > MAX_LOCALITIES || t->len != SLIT_FIRST + count * count) {
		error_msg("SLIT: %llu localities do not fit its %zu bytes\n",
			  count, t->len);
		return -EINVAL;
	}
	/* the SRAT's domains are 0 .. first_new - 1: each needs its row */
	old = s->first_new;
	if (count < old) {
		error_msg("SLIT: %llu localities, but the SRAT has proximity "
			  "domain %u\n",
			  count, old - 1);
		return -EINVAL;
	}
	nr = old + s->nodes - 1;
	d = t->buf + SLIT_FIRST;
	near = d[s->pxm * count + s->pxm];
	if (near <= 10)
		near = 11;

	t->out_len = SLIT_FIRST + (size_t)nr * nr;
	out = calloc(1, t->out_len);
	if (!out)
		return -ENOMEM;
	memcpy(out, t->buf, SLIT_FIRST);
	put64(out + 36, nr);
	m = out + SLIT_FIRST;
	for (i = 0; i < nr; i++) {
		/* a new domain is where the split one was */
		unsigned int oi = i < old ? i : s->pxm;

		for (j = 0; j < nr; j++) {
			unsigned int oj = j < old ? j : s->pxm;

			if (i == j)
				m[i * nr + j] = i < old ? d[oi * count + oj]
							: 10;
			else if (i >= old && j >= old)
				m[i * nr + j] = 11;
			else if (oi == s->pxm && oj == s->pxm)
				m[i * nr + j] = (unsigned char)near;
			else
				m[i * nr + j] = d[oi * count + oj];
		}
	}
	finish_header(out, t->out_len);
	t->out = out;
	return 0;
}

static bool is_memdev_of(const unsigned char *e, unsigned int range)
{
	return get16(e) == NFIT_MEMDEV && get16(e + 2) >= NFIT_MEMDEV_LEN &&
	       get16(e + 12) == range;
}

/* What the NFIT split needs to know about the table before it writes. */
struct nfit_plan {
	size_t spa;	     /* offset of the range that is the SRAT's entry */
	size_t spa_len;	     /* its length */
	size_t memdev_bytes; /* bytes of the maps onto that range */
	unsigned int range;  /* its range index */
	unsigned int max_range, max_region, maps;
	unsigned long long base, size; /* base, and the size of each part */
};

/* The range matching the SRAT's entry, and the highest ids in use. */
static unsigned int nfit_find_range(const struct split *s,
				    struct nfit_plan *np)
{
	const struct table *t = &s->nfit;
	unsigned int found = 0;
	size_t off;
	long next;

	for_each_sub(t, NFIT_FIRST, true, off, next) {
		const unsigned char *e = t->buf + off;
		unsigned int len = get16(e + 2);

		if (get16(e) == NFIT_SPA && len >= NFIT_SPA_LEN) {
			if (get16(e + 4) > np->max_range)
				np->max_range = get16(e + 4);
			/* the range that is the SRAT's entry, no other */
			if (get32(e + 12) == s->pxm &&
			    get64(e + 32) == s->base &&
			    get64(e + 40) == s->len) {
				np->spa = off;
				found++;
			}
		} else if (get16(e) == NFIT_MEMDEV && len >= NFIT_MEMDEV_LEN) {
			if (get16(e + 10) > np->max_region)
				np->max_region = get16(e + 10);
		}
	}
	return found;
}

/* Sizes of the split, and whether the new ids and the table fit. */
static int nfit_plan(struct split *s, struct nfit_plan *np)
{
	struct table *t = &s->nfit;
	size_t off;
	long next;

	np->range = get16(t->buf + np->spa + 4);
	np->spa_len = get16(t->buf + np->spa + 2);
	for_each_sub(t, NFIT_FIRST, true, off, next)
		if (is_memdev_of(t->buf + off, np->range)) {
			np->memdev_bytes += get16(t->buf + off + 2);
			np->maps++;
		}
	if (np->max_range + s->nodes - 1 > UINT16_MAX ||
	    np->max_region + np->maps * (s->nodes - 1) > UINT16_MAX) {
		error_msg("NFIT: not enough range indexes or region ids left "
			  "for %u nodes\n",
			  s->nodes);
		return -EINVAL;
	}
	np->base = get64(t->buf + np->spa + 32);
	np->size = get64(t->buf + np->spa + 40) / s->nodes;
	if (!np->size) {
		error_msg("NFIT: proximity domain %u is too small to split\n",
			  s->pxm);
		return -EINVAL;
	}
	t->out_len = t->len +
		     (size_t)(s->nodes - 1) * (np->spa_len + np->memdev_bytes);
	if (t->out_len > UINT32_MAX) {
		error_msg("NFIT: the split table would be too large\n");
		return -EINVAL;
	}
	return 0;
}

/*
 * Everything but the range's maps, in the old order, with the range cut
 * to its first part; then the new ranges.  Returns the bytes written.
 */
static size_t nfit_write_ranges(struct split *s, const struct nfit_plan *np,
				unsigned char *out)
{
	struct table *t = &s->nfit;
	size_t off, pos = NFIT_FIRST;
	unsigned int k;
	long next;

	memcpy(out, t->buf, NFIT_FIRST);
	for_each_sub(t, NFIT_FIRST, true, off, next) {
		size_t len = get16(t->buf + off + 2);

		if (is_memdev_of(t->buf + off, np->range))
			continue;
		memcpy(out + pos, t->buf + off, len);
		if (off == np->spa)
			put64(out + pos + 40, np->size);
		pos += len;
	}
	if (s->verbose)
		fprintf(t->logf, "NFIT: edit: %#llx@%#llx pxm: %u\n", np->size,
			np->base, s->pxm);
	for (k = 1; k < s->nodes; k++) {
		unsigned int pxm = s->first_new + k - 1;
		unsigned long long base = np->base + k * np->size;

		memcpy(out + pos, t->buf + np->spa, np->spa_len);
		put16(out + pos + 4, (uint16_t)(np->max_range + k));
		put32(out + pos + 12, pxm);
		put64(out + pos + 32, base);
		put64(out + pos + 40, np->size);
		pos += np->spa_len;
		if (s->verbose)
			fprintf(t->logf, "NFIT:  add: %#llx@%#llx pxm: %u\n",
				np->size, base, pxm);
	}
	return pos;
}

/* The range's maps cut to their first part; then each map's new parts. */
static void nfit_write_maps(struct split *s, const struct nfit_plan *np,
			    unsigned char *out, size_t pos)
{
	struct table *t = &s->nfit;
	unsigned int region = np->max_region, k;
	size_t off;
	long next;

	for_each_sub(t, NFIT_FIRST, true, off, next) {
		size_t len = get16(t->buf + off + 2);

		if (!is_memdev_of(t->buf + off, np->range))
			continue;
		memcpy(out + pos, t->buf + off, len);
		put64(out + pos + 16, get64(t->buf + off + 16) / s->nodes);
		pos += len;
	}
	for_each_sub(t, NFIT_FIRST, true, off, next) {
		const unsigned char *e = t->buf + off;
		size_t len = get16(e + 2);
		unsigned long long msize, moff;

		if (!is_memdev_of(e, np->range))
			continue;
		msize = get64(e + 16) / s->nodes;
		moff = get64(e + 24);
		if (s->verbose)
			fprintf(t->logf,
				"NFIT: edit: %#llx@%#llx region_id: %u\n",
				msize, moff, get16(e + 10));
		for (k = 1; k < s->nodes; k++) {
			memcpy(out + pos, e, len);
			put16(out + pos + 10, (uint16_t)++region);
			put16(out + pos + 12, (uint16_t)(np->max_range + k));
			put64(out + pos + 16, msize);
			put64(out + pos + 24, moff + k * msize);
			pos += len;
			if (s->verbose)
				fprintf(t->logf,
					"NFIT:  add: %#llx@%#llx region_id: "
					"%u\n",
					msize, moff + k * msize, region);
		}
	}
}

static int split_nfit(struct split *s)
{
	struct table *t = &s->nfit;
	struct nfit_plan np = { 0 };
	unsigned int found;
	unsigned char *out;
	int rc;

	rc = check_subs(t, NFIT_FIRST, true);
	if (rc)
		return rc;
	found = nfit_find_range(s, &np);
	if (log_open(t))
		return -ENOMEM;
	if (!found) {
		/* no persistent memory in this domain: the NFIT stays */
		if (s->verbose)
			fprintf(t->logf,
				"NFIT: proximity domain to split not found\n");
		return 0;
	}
	if (found > 1) {
		error_msg("NFIT: no support for splitting multiple entry "
			  "proximity domains\n");
		return -ENXIO;
	}
	rc = nfit_plan(s, &np);
	if (rc)
		return rc;
	out = calloc(1, t->out_len);
	if (!out)
		return -ENOMEM;
	nfit_write_maps(s, &np, out, nfit_write_ranges(s, &np, out));
	finish_header(out, t->out_len);
	t->out = out;
	return 0;
}

static int write_temp(const struct split *s, const struct table *t,
		      char *tmp, size_t tmp_len)
{
	size_t done = 0;
	int fd, rc;

	if (snprintf(tmp, tmp_len, "%s/.%s.new.XXXXXX", s->dir, t->file) >=
	    (int)tmp_len)
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* the permissions the reference gives its output */
	if (fchmod(fd, 0640) < 0)
		goto err;
	while (done < t->out_len) {
		ssize_t n = write(fd, t->out + done, t->out_len - done);

		if (n < 0)
			goto err;
		done += (size_t)n;
	}
	if (close(fd) < 0) {
		fd = -1;
		goto err;
	}
	return 0;
err:
	rc = -errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return rc;
}

static void print_log(struct table *t)
{
	if (t->logf) {
		fclose(t->logf);
		t->logf = NULL;
		if (t->log)
			fputs(t->log, stderr);
	}
}

static int write_tables(struct split *s)
{
	struct table *order[] = { &s->srat, &s->slit, &s->nfit };
	char tmp[3][PATH_MAX], path[PATH_MAX];
	bool pending[3] = { false, false, false };
	int i, rc = 0;

	for (i = 0; i < 3; i++) {
		if (!order[i]->out)
			continue;
		rc = write_temp(s, order[i], tmp[i], sizeof(tmp[i]));
		if (rc) {
			error_msg("failed to write %s/%s.new: %s\n", s->dir,
				  order[i]->file, strerror(-rc));
			goto out_unlink;
		}
		pending[i] = true;
	}
	for (i = 0; i < 3; i++) {
		print_log(order[i]);
		if (!pending[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s.new", s->dir,
			 order[i]->file);
		if (rename(tmp[i], path) < 0) {
			rc = -errno;
			error_msg("failed to create %s: %s\n", path,
				  strerror(-rc));
			goto out_unlink;
		}
		pending[i] = false;
		fprintf(stderr, "created: %s\n", path);
	}
	return 0;

out_unlink:
	for (i = 0; i < 3; i++)
		if (pending[i])
			unlink(tmp[i]);
	return rc;
}

static void free_table(struct table *t)
{
	if (t->logf)
		fclose(t->logf);
	free(t->log);
	free(t->out);
	free(t->buf);
}

int cmd_split_acpi(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	static const char *const usage[] = {
		"daxctl split-acpi <options>",
		NULL,
	};
	struct split s = {
		.srat = { .file = "srat.dat", .sig = "SRAT" },
		.slit = { .file = "slit.dat", .sig = "SLIT" },
		.nfit = { .file = "nfit.dat", .sig = "NFIT" },
	};
	const char *dir = ".";
	int pxm = 0, nodes = 2, i, nr, rc;
	bool verbose = false;
	const struct option options[] = {
		OPT_STRING('d', "directory", &dir, "path",
			   "Path to ACPI tables dumped by \"acpixtract -a\""),
		OPT_INTEGER('p', "pxm", &pxm, "Proximity domain to split"),
		OPT_INTEGER('n', "nodes", &nodes,
			    "Number of nodes to split capacity (default 2)"),
		OPT_BOOLEAN('v', "verbose", &verbose, "Enable verbose output"),
		OPT_END(),
	};

	nr = parse_options(argc, argv, options, usage, 0);
	if (nr < 0)
		return nr;
	for (i = 0; i < nr; i++)
		error_msg("unknown parameter \"%s\"\n", argv[i]);
	if (nr)
		return usage_with_options(usage, options);
	if (nodes < 2) {
		error_msg("--nodes=%d, must be 2 or more\n", nodes);
		return usage_with_options(usage, options);
	}
	if (nodes & (nodes - 1)) {
		error_msg("--nodes=%d, must be power of 2\n", nodes);
		return usage_with_options(usage, options);
	}
	if (!dir)
		dir = ".";

	s.dir = dir;
	s.pxm = (unsigned int)pxm;
	s.nodes = (unsigned int)nodes;
	s.verbose = verbose;

	/* the reference looks for the NFIT first: keep its first complaint */
	rc = read_table(dir, &s.nfit);
	if (!rc)
		rc = read_table(dir, &s.srat);
	if (!rc)
		rc = read_table(dir, &s.slit);
	if (!rc)
		rc = split_srat(&s);
	if (!rc)
		rc = split_slit(&s);
	if (!rc)
		rc = split_nfit(&s);
	if (rc == -ENOMEM)
		error_msg("%s\n", strerror(ENOMEM));
	if (!rc)
		rc = write_tables(&s);

	free_table(&s.srat);
	free_table(&s.slit);
	free_table(&s.nfit);
	return rc;
}
