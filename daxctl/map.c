// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl map: each region drawn as a bar from its first to its last byte,
 * scaled to the terminal, so that fragmentation is visible at a glance.
 *
 *   region0 (hmem.0): 0x100000000-0x13fffffff, 1.00 GiB, 256.00 MiB free
 *   |████████▓▓▓▓░░░░░░░░▓▓▓▓████████████████████████|
 *    A       B   .       B   C
 *     A  dax0.0  system-ram  256.00 MiB  1 range
 *     B  dax0.1  devdax      256.00 MiB  2 ranges
 *     ...
 *
 * One cell stands for size/width bytes and shows whichever range or hole
 * covers most of it; every range and hole gets at least one cell while
 * there are cells to give.  The glyph says the mode (system-ram, devdax,
 * disabled, free); the row below puts the device's letter under the
 * first cell of each of its ranges.  UTF-8 block characters when the
 * locale's codeset is UTF-8, ASCII otherwise.  This command prints no
 * JSON, and 'daxctl list' prints no picture.
 */
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "filter.h"
#include "parse-options.h"

enum glyph { G_RAM, G_DEVDAX, G_DISABLED, G_FREE, NR_GLYPHS };

static const char *const glyph_utf8[NR_GLYPHS] = {
	"\u2588", /* full block: system-ram */
	"\u2593", /* dark shade: devdax */
	"\u2592", /* medium shade: disabled */
	"\u2591", /* light shade: free */
};
static const char *const glyph_ascii[NR_GLYPHS] = { "#", "=", "~", "." };
static const char *const glyph_name[NR_GLYPHS] = { "system-ram", "devdax",
						    "disabled", "free" };

struct map_dev {
	struct daxctl_dev *dev;
	char label;
	enum glyph glyph;
	unsigned long long size, first;
	int nranges;
};

/* A piece of the region: a device's range, or a hole (dev < 0). */
struct piece {
	unsigned long long start, end; /* inclusive */
	int dev;
	int cells;
};

struct map_opts {
	const char *region;
	int width;
	bool ascii, utf8;
};

static void human(char *buf, size_t len, unsigned long long v)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB",
					    "PiB", "EiB" };
	double d = (double)v;
	int u = 0;

	if (v < 1024) {
		snprintf(buf, len, "%llu B", v);
		return;
	}
	while (d >= 1024 && u < 6) {
		d /= 1024;
		u++;
	}
	snprintf(buf, len, "%.2f %s", d, unit[u]);
}

static int cmp_piece(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_dev_first(const void *a, const void *b)
{
	const struct map_dev *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

static int cmp_region_id(const void *a, const void *b)
{
	int x = daxctl_region_get_id(*(struct daxctl_region *const *)a);
	int y = daxctl_region_get_id(*(struct daxctl_region *const *)b);

	return x < y ? -1 : x > y;
}

static enum glyph glyph_of(struct daxctl_dev *dev)
{
	switch (daxctl_dev_get_mode(dev)) {
	case DAXCTL_DEV_MODE_RAM:
		return G_RAM;
	case DAXCTL_DEV_MODE_DEVDAX:
		return G_DEVDAX;
	default:
		return G_DISABLED;
	}
}

/* wider than any terminal: a bound on the work a width asks for */
#define MAP_WIDTH_MAX 4096

static int terminal_width(void)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;

	if (cols && *cols) {
		char *end;
		long v = strtol(cols, &end, 10);

		if (!*end && v > 0 && v <= MAP_WIDTH_MAX)
			return (int)v;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static bool locale_is_utf8(void)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static char label_for(int i)
{
	static const char labels[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	return i < (int)sizeof(labels) - 1 ? labels[i] : '?';
}

/* Lowest address of @region: its first range, or where an empty seed sits. */
static bool region_start(struct daxctl_region *region, unsigned long long *start)
{
	unsigned long long lo = ULLONG_MAX;
	struct daxctl_mapping *m;
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev) {
		unsigned long long res = daxctl_dev_get_resource(dev);
		bool any = false;

		daxctl_mapping_foreach(dev, m) {
			any = true;
			if (daxctl_mapping_get_start(m) < lo)
				lo = daxctl_mapping_get_start(m);
		}
		/* an empty device's resource is the region's start */
		if (!any && res && res != ULLONG_MAX && res < lo)
			lo = res;
	}
	if (lo == ULLONG_MAX)
		return false;
	*start = lo;
	return true;
}

/* One region as drawn: its devices, and the region cut into pieces. */
struct region_map {
	unsigned long long start, end, size, avail;
	struct map_dev *devs;
	int ndevs;
	struct piece *all; /* ranges and holes, in address order */
	int nall;
	int *cell; /* for each cell of the bar, the piece it shows */
	int w;
};

/* The devices with capacity, sorted by first address; returns their ranges. */
static int collect_devs(struct daxctl_region *region, struct region_map *rm)
{
	struct daxctl_dev *dev;
	struct daxctl_mapping *m;
	int ndevs = 0, nranges = 0, i;

	daxctl_dev_foreach(region, dev)
		ndevs++;
	rm->devs = calloc(ndevs ? ndevs : 1, sizeof(*rm->devs));
	if (!rm->devs)
		return -ENOMEM;
	ndevs = 0;
	daxctl_dev_foreach(region, dev) {
		struct map_dev *d = &rm->devs[ndevs];
		int n = 0;

		if (!daxctl_dev_get_size(dev))
			continue;
		d->dev = dev;
		d->size = daxctl_dev_get_size(dev);
		d->glyph = glyph_of(dev);
		d->first = ULLONG_MAX;
		daxctl_mapping_foreach(dev, m) {
			n++;
			if (daxctl_mapping_get_start(m) < d->first)
				d->first = daxctl_mapping_get_start(m);
		}
		if (!n) {
			/* no mappingN/: one range from resource */
			unsigned long long res = daxctl_dev_get_resource(dev);

			if (!res || res == ULLONG_MAX)
				continue;
			d->first = res;
			n = 1;
		}
		d->nranges = n;
		nranges += n;
		ndevs++;
	}
	qsort(rm->devs, ndevs, sizeof(*rm->devs), cmp_dev_first);
	for (i = 0; i < ndevs; i++)
		rm->devs[i].label = label_for(i);
	rm->ndevs = ndevs;
	return nranges;
}

/* Every device range as a piece, sorted by start. */
static struct piece *collect_ranges(const struct region_map *rm, int nranges)
{
	struct piece *pieces = calloc(nranges ? nranges : 1, sizeof(*pieces));
	struct daxctl_mapping *m;
	int i, n = 0;

	if (!pieces)
		return NULL;
	for (i = 0; i < rm->ndevs; i++) {
		const struct map_dev *d = &rm->devs[i];
		bool any = false;

		daxctl_mapping_foreach(d->dev, m) {
			any = true;
			pieces[n].start = daxctl_mapping_get_start(m);
			pieces[n].end = daxctl_mapping_get_end(m);
			pieces[n++].dev = i;
		}
		if (!any) {
			pieces[n].start = d->first;
			pieces[n].end = d->first + d->size - 1;
			pieces[n++].dev = i;
		}
	}
	qsort(pieces, n, sizeof(*pieces), cmp_piece);
	return pieces;
}

/* The whole region: ranges clipped to it, holes in between. */
static int cover_region(struct region_map *rm, const struct piece *pieces,
			int npieces)
{
	unsigned long long pos = rm->start, end = rm->end;
	int i;

	rm->all = calloc(2 * npieces + 1, sizeof(*rm->all));
	if (!rm->all)
		return -ENOMEM;
	for (i = 0; i < npieces; i++) {
		struct piece p = pieces[i];

		if (p.end < pos || p.start > end)
			continue; /* overlapping or outside: not drawable */
		if (p.start < pos)
			p.start = pos;
		if (p.end > end)
			p.end = end;
		if (p.start > pos)
			rm->all[rm->nall++] =
				(struct piece){ pos, p.start - 1, -1, 0 };
		rm->all[rm->nall++] = p;
		if (p.end == end) {
			pos = end;
			break;
		}
		pos = p.end + 1;
	}
	if (rm->nall == 0 || rm->all[rm->nall - 1].end < end)
		rm->all[rm->nall++] = (struct piece){ pos, end, -1, 0 };
	return 0;
}

/* First address of cell @i of the bar. */
static unsigned long long cell_start(const struct region_map *rm, int i)
{
	return rm->start +
	       (unsigned long long)((unsigned __int128)rm->size * i / rm->w);
}

/* The piece covering most of cell @i, searching from piece @j on. */
static int widest_in_cell(const struct region_map *rm, int i, int j)
{
	unsigned long long cs = cell_start(rm, i);
	unsigned long long ce = cell_start(rm, i + 1) - 1;
	unsigned long long best = 0;
	int k, widest = j;

	if (ce < cs)
		ce = cs;
	for (k = j; k < rm->nall && rm->all[k].start <= ce; k++) {
		const struct piece *p = &rm->all[k];
		unsigned long long lo = p->start > cs ? p->start : cs;
		unsigned long long hi = p->end < ce ? p->end : ce;

		if (hi - lo + 1 > best) {
			best = hi - lo + 1;
			widest = k;
		}
	}
	return widest;
}

static int assign_cells(struct region_map *rm, int width)
{
	struct piece *all;
	int i, j = 0;

	rm->w = width - 2 < 10 ? 10 : width - 2;
	rm->cell = calloc(rm->w, sizeof(*rm->cell));
	if (!rm->cell)
		return -ENOMEM;
	all = rm->all;
	for (i = 0; i < rm->w; i++) {
		unsigned long long cs = cell_start(rm, i);

		while (j < rm->nall - 1 && all[j].end < cs)
			j++;
		rm->cell[i] = widest_in_cell(rm, i, j);
		all[rm->cell[i]].cells++;
	}
	/* every piece visible while cells last: take one from a neighbour */
	for (i = 0; i < rm->nall; i++) {
		unsigned long long mid;
		int c;

		if (all[i].cells)
			continue;
		mid = all[i].start + (all[i].end - all[i].start) / 2;
		c = (int)((unsigned __int128)(mid - rm->start) * rm->w /
			  rm->size);
		if (c >= rm->w)
			c = rm->w - 1;
		if (all[rm->cell[c]].cells > 1) {
			all[rm->cell[c]].cells--;
			rm->cell[c] = i;
			all[i].cells++;
		}
	}
	return 0;
}

/* The bar, then the labels under the first cell of each range. */
static int print_bar(const struct region_map *rm, const char *const *g,
		     bool *used)
{
	char *row = malloc(rm->w + 2);
	int i, n = 0;

	if (!row)
		return -ENOMEM;
	putchar('|');
	for (i = 0; i < rm->w; i++) {
		const struct piece *p = &rm->all[rm->cell[i]];
		enum glyph gl = p->dev < 0 ? G_FREE : rm->devs[p->dev].glyph;

		used[gl] = true;
		fputs(g[gl], stdout);
	}
	printf("|\n");
	row[n++] = ' ';
	for (i = 0; i < rm->w; i++) {
		const struct piece *p = &rm->all[rm->cell[i]];

		if (p->dev >= 0 && (i == 0 || rm->cell[i - 1] != rm->cell[i]))
			row[n++] = rm->devs[p->dev].label;
		else
			row[n++] = ' ';
	}
	while (n > 0 && row[n - 1] == ' ')
		n--; /* no trailing blanks */
	row[n] = '\0';
	printf("%s\n", row);
	free(row);
	return 0;
}

static void print_legend(const struct region_map *rm, const char *const *g,
			 const bool *used)
{
	char b1[32];
	int i;

	for (i = 0; i < rm->ndevs; i++) {
		const struct map_dev *d = &rm->devs[i];

		human(b1, sizeof(b1), d->size);
		printf("  %c %s %-8s %-10s %11s  %d range%s, first at %#llx\n",
		       d->label, g[d->glyph], daxctl_dev_get_devname(d->dev),
		       glyph_name[d->glyph], b1, d->nranges,
		       d->nranges == 1 ? "" : "s", d->first);
	}
	if (used[G_FREE] || rm->avail) {
		int holes = 0;

		for (i = 0; i < rm->nall; i++)
			holes += rm->all[i].dev < 0;
		human(b1, sizeof(b1), rm->avail);
		printf("    %s %-8s %-10s %11s  %d hole%s\n", g[G_FREE], "",
		       glyph_name[G_FREE], b1, holes, holes == 1 ? "" : "s");
	}
}

static int draw_region(struct daxctl_region *region, const struct map_opts *o)
{
	const char *const *g = o->utf8 ? glyph_utf8 : glyph_ascii;
	struct region_map rm = { .size = daxctl_region_get_size(region) };
	bool used[NR_GLYPHS] = { false };
	struct piece *pieces = NULL;
	char b1[32], b2[32];
	int nranges, rc;

	rm.avail = daxctl_region_get_available_size(region);
	printf("region%d (%s)", daxctl_region_get_id(region),
	       daxctl_region_get_devname(region));
	if (rm.size == 0 || rm.size == ULLONG_MAX ||
	    !region_start(region, &rm.start)) {
		printf(": size or start unknown, nothing to draw\n");
		return 0;
	}
	rm.end = rm.start + rm.size - 1;
	human(b1, sizeof(b1), rm.size);
	human(b2, sizeof(b2), rm.avail);
	printf(": %#llx-%#llx, %s, %s free\n", rm.start, rm.end, b1, b2);

	nranges = collect_devs(region, &rm);
	if (nranges < 0) {
		rc = nranges;
		goto out;
	}
	pieces = collect_ranges(&rm, nranges);
	if (!pieces) {
		rc = -ENOMEM;
		goto out;
	}
	rc = cover_region(&rm, pieces, nranges);
	if (rc)
		goto out;
	rc = assign_cells(&rm, o->width);
	if (rc)
		goto out;
	rc = print_bar(&rm, g, used);
	if (rc)
		goto out;
	print_legend(&rm, g, used);
out:
	free(rm.cell);
	free(rm.all);
	free(pieces);
	free(rm.devs);
	return rc;
}

int cmd_map(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	struct map_opts o = { .width = 0 };
	const struct option options[] = {
		OPT_STRING('r', "region", &o.region, "region-id",
			   "draw this region only"),
		OPT_INTEGER('w', "width", &o.width,
			    "columns to use (default: $COLUMNS, the terminal, 80)"),
		OPT_BOOLEAN('\0', "ascii", &o.ascii,
			    "plain ASCII even on a UTF-8 terminal"),
		OPT_END(),
	};
	const char *const usage[] = { "daxctl map [<options>]", NULL };
	struct daxctl_region *region, **regions;
	int i, nr, rc = 0, drawn = 0, nregions = 0;

	nr = parse_options(argc, argv, options, usage, 0);
	if (nr < 0)
		return nr;
	for (i = 0; i < nr; i++)
		error_msg("unknown parameter \"%s\"\n", argv[i]);
	if (nr)
		return usage_with_options(usage, options);
	/* the drawing costs time and memory per column */
	if (o.width < 0 || o.width > MAP_WIDTH_MAX) {
		error_msg("--width: must be 1 to %d columns\n", MAP_WIDTH_MAX);
		return usage_with_options(usage, options);
	}
	if (!o.width)
		o.width = terminal_width();
	o.utf8 = !o.ascii && locale_is_utf8();

	/* in id order (the library's is the reverse of discovery) */
	daxctl_region_foreach(ctx, region)
		nregions++;
	regions = calloc(nregions ? nregions : 1, sizeof(*regions));
	if (!regions)
		return -ENOMEM;
	nregions = 0;
	daxctl_region_foreach(ctx, region)
		if (daxctl_filter_region(region, o.region))
			regions[nregions++] = region;
	qsort(regions, nregions, sizeof(*regions), cmp_region_id);
	for (i = 0; i < nregions; i++) {
		if (drawn++)
			putchar('\n');
		rc = draw_region(regions[i], &o);
		if (rc)
			break;
	}
	free(regions);
	if (o.region && !drawn) {
		fprintf(stderr, "error: no such region: %s\n", o.region);
		return -ENXIO;
	}
	if (rc)
		fprintf(stderr, "error: map: %s\n", strerror(-rc));
	return rc;
}
