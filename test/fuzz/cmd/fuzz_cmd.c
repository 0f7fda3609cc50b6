// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_cmd: whole daxctl commands against the simulator, for AFL++.
 *
 * Runs inside test/daxsim/run-in-sim --root-only (DAXCTL_SYSFS_ROOT and
 * DAXSIM_CTL set).  One run per input file:
 *
 *   line 1   a fault rule for the simulator (PATH:N:ERRNO) or empty
 *   line 2   the command line, words split on blanks; the word @F is the
 *            path of a file holding the rest of the input
 *   rest     that file: a layout for apply-layout, a device for
 *            create-device --input, ...
 *
 * The simulator is reset to its topology first, the region state read
 * straight from sysfs (not through libdaxctl: the oracle must not share
 * the code it judges), then daxctl's main() runs in this process.
 * However the command ends (return or exit()), the state is read again
 * and the run aborts, which AFL++ records as a crash, when:
 *   - a region's device sizes plus available_size differ from its size;
 *   - a device's ranges do not add up to its size, or two ranges of a
 *     region overlap;
 *   - the command failed and devices differ from before that it does not
 *     name (stderr, or stdout's JSON) nor count in the reference's
 *     "destroyed N devices" (a failure leaves the state as it was, or
 *     names the remainder).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define main daxctl_main
#include "../../../daxctl/daxctl.c"
#undef main

#define MAX_DEVS   512
#define MAX_RANGES 64
#define MAX_ARGS   32

struct srange {
	unsigned long long start, end;
};

struct sdev {
	char name[64];
	int region;
	unsigned long long size;
	char driver[32];
	int nranges;
	struct srange ranges[MAX_RANGES];
	char blocks[256]; /* online state of its memory blocks, one char each */
};

struct sregion {
	int id;
	unsigned long long size, avail;
};

struct snapshot {
	int nregions, ndevs;
	struct sregion regions[8];
	struct sdev devs[MAX_DEVS];
};

static const char *root;
static struct snapshot before, after;
static char errpath[] = "/tmp/fuzz_cmd.err.XXXXXX";
static char outpath[] = "/tmp/fuzz_cmd.out.XXXXXX";
static int errfd = -1, outfd = -1;
static unsigned long long block_size;

static const char *input_path;

/*
 * AFL++ keeps the input, not what was said: FUZZ_CMD_DIAG names a file
 * that collects each complaint with its input.
 */
static void die(const char *why, const char *detail)
{
	const char *diag = getenv("FUZZ_CMD_DIAG");
	FILE *f = diag ? fopen(diag, "a") : NULL;

	if (f) {
		fprintf(f, "%s: %s: %s\n", input_path ? input_path : "?", why,
			detail);
		fclose(f);
	}
	fprintf(stderr, "fuzz_cmd: %s: %s\n", why, detail);
	abort();
}

static int read_text(const char *path, char *buf, size_t len)
{
	char p[4096];
	ssize_t n;
	int fd;

	snprintf(p, sizeof(p), "%s/%s", root, path);
	fd = open(p, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int read_ull(const char *path, unsigned long long *v)
{
	char buf[64], *end;
	int rc = read_text(path, buf, sizeof(buf));

	if (rc)
		return rc;
	errno = 0;
	*v = strtoull(buf, &end, 0);
	return errno || end == buf ? -EINVAL : 0;
}

/* block_size_bytes: hexadecimal without 0x */
static int read_hex(const char *path, unsigned long long *v)
{
	char buf[64], *end;
	int rc = read_text(path, buf, sizeof(buf));

	if (rc)
		return rc;
	errno = 0;
	*v = strtoull(buf, &end, 16);
	return errno || end == buf ? -EINVAL : 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct srange *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void snap_dev(struct sdev *d)
{
	char p[512], link[512];
	unsigned long long v, start, end;
	ssize_t n;
	int i;

	snprintf(p, sizeof(p), "sys/bus/dax/devices/%s/size", d->name);
	if (read_ull(p, &d->size))
		die("unreadable size", d->name);
	snprintf(p, sizeof(p), "%s/sys/bus/dax/devices/%s/driver", root,
		 d->name);
	n = readlink(p, link, sizeof(link) - 1);
	if (n > 0) {
		link[n] = '\0';
		snprintf(d->driver, sizeof(d->driver), "%s",
			 strrchr(link, '/') ? strrchr(link, '/') + 1 : link);
	} else {
		strcpy(d->driver, "-");
	}
	for (i = 0; i < MAX_RANGES; i++) {
		snprintf(p, sizeof(p), "sys/bus/dax/devices/%s/mapping%d/start",
			 d->name, i);
		if (read_ull(p, &start))
			break;
		snprintf(p, sizeof(p), "sys/bus/dax/devices/%s/mapping%d/end",
			 d->name, i);
		if (read_ull(p, &end))
			die("mapping without end", d->name);
		d->ranges[d->nranges++] = (struct srange){start, end};
	}
	/* the online state of every memory block in the ranges */
	for (i = 0; i < d->nranges && block_size; i++) {
		for (v = d->ranges[i].start / block_size;
		     v <= d->ranges[i].end / block_size &&
		     strlen(d->blocks) < sizeof(d->blocks) - 1;
		     v++) {
			char st[32];
			size_t l = strlen(d->blocks);

			snprintf(p, sizeof(p),
				 "sys/devices/system/memory/memory%llu/state",
				 v);
			if (read_text(p, st, sizeof(st)))
				d->blocks[l] = '-';
			else
				d->blocks[l] = st[1] == 'n' ? 'o' : 'f';
			d->blocks[l + 1] = '\0';
		}
	}
}

static void snapshot(struct snapshot *s)
{
	char p[512];
	struct dirent *e;
	DIR *dir;

	memset(s, 0, sizeof(*s));
	if (!block_size &&
	    read_hex("sys/devices/system/memory/block_size_bytes", &block_size))
		block_size = 0;
	snprintf(p, sizeof(p), "%s/sys/devices/platform", root);
	dir = opendir(p);
	if (!dir)
		die("no platform directory", p);
	while ((e = readdir(dir))) {
		struct sregion *r;
		char q[512];
		unsigned long long id;

		if (strncmp(e->d_name, "hmem.", 5) || s->nregions == 8)
			continue;
		r = &s->regions[s->nregions];
		snprintf(q, sizeof(q), "sys/devices/platform/%s/dax_region/id",
			 e->d_name);
		if (read_ull(q, &id))
			continue;
		r->id = (int)id;
		snprintf(q, sizeof(q),
			 "sys/devices/platform/%s/dax_region/size", e->d_name);
		if (read_ull(q, &r->size))
			die("unreadable region size", e->d_name);
		snprintf(q, sizeof(q),
			 "sys/devices/platform/%s/dax_region/available_size",
			 e->d_name);
		if (read_ull(q, &r->avail))
			die("unreadable available_size", e->d_name);
		s->nregions++;
	}
	closedir(dir);

	snprintf(p, sizeof(p), "%s/sys/bus/dax/devices", root);
	dir = opendir(p);
	if (!dir)
		die("no dax bus", p);
	while ((e = readdir(dir))) {
		struct sdev *d;
		int rid, did;

		if (sscanf(e->d_name, "dax%d.%d", &rid, &did) != 2)
			continue;
		if (s->ndevs == MAX_DEVS)
			break;
		d = &s->devs[s->ndevs++];
		snprintf(d->name, sizeof(d->name), "%s", e->d_name);
		d->region = rid;
		snap_dev(d);
	}
	closedir(dir);
}

static void check_invariants(const struct snapshot *s, const char *when)
{
	char msg[256];
	int i, j, k;

	for (i = 0; i < s->nregions; i++) {
		const struct sregion *r = &s->regions[i];
		struct srange all[MAX_DEVS];
		unsigned long long sum = 0;
		int n = 0;

		for (j = 0; j < s->ndevs; j++) {
			const struct sdev *d = &s->devs[j];
			unsigned long long rsum = 0;

			if (d->region != r->id)
				continue;
			sum += d->size;
			for (k = 0; k < d->nranges; k++) {
				if (d->ranges[k].end < d->ranges[k].start) {
					snprintf(msg, sizeof(msg),
						 "%s: %s: a range ends before "
						 "it starts",
						 when, d->name);
					die("invariant", msg);
				}
				rsum += d->ranges[k].end - d->ranges[k].start +
					1;
				if (n < MAX_DEVS)
					all[n++] = d->ranges[k];
			}
			if (rsum != d->size) {
				snprintf(msg, sizeof(msg),
					 "%s: %s: ranges add up to %llu, size "
					 "%llu",
					 when, d->name, rsum, d->size);
				die("invariant", msg);
			}
		}
		if (sum + r->avail != r->size) {
			snprintf(msg, sizeof(msg),
				 "%s: region%d: devices %llu + available %llu "
				 "!= size %llu",
				 when, r->id, sum, r->avail, r->size);
			die("invariant", msg);
		}
		qsort(all, n, sizeof(*all), cmp_range);
		for (k = 1; k < n; k++)
			if (all[k].start <= all[k - 1].end) {
				snprintf(msg, sizeof(msg),
					 "%s: region%d: ranges %#llx-%#llx and "
					 "%#llx-%#llx overlap",
					 when, r->id, all[k - 1].start,
					 all[k - 1].end, all[k].start,
					 all[k].end);
				die("invariant", msg);
			}
	}
}

static const struct sdev *find(const struct snapshot *s, const char *name)
{
	int i;

	for (i = 0; i < s->ndevs; i++)
		if (!strcmp(s->devs[i].name, name))
			return &s->devs[i];
	return NULL;
}

static bool same_dev(const struct sdev *a, const struct sdev *b)
{
	int i;

	if (a->size != b->size || strcmp(a->driver, b->driver) ||
	    a->nranges != b->nranges || strcmp(a->blocks, b->blocks))
		return false;
	for (i = 0; i < a->nranges; i++)
		if (a->ranges[i].start != b->ranges[i].start ||
		    a->ranges[i].end != b->ranges[i].end)
			return false;
	return true;
}

/* @name appears on stderr as a word (dax0.1 is not dax0.10) */
static bool named(const char *text, const char *name)
{
	size_t l = strlen(name);
	const char *p = text;

	while ((p = strstr(p, name))) {
		char c = p[l];

		if (!(c >= '0' && c <= '9'))
			return true;
		p += l;
	}
	return false;
}

/* what the command said: stderr, then stdout (the JSON of what it made) */
static void said(char *text, size_t len)
{
	ssize_t n = pread(errfd, text, len / 2 - 1, 0), m;

	n = n > 0 ? n : 0;
	text[n++] = '\n';
	m = pread(outfd, text + n, len - n - 1, 0);
	text[n + (m > 0 ? m : 0)] = '\0';
}

/*
 * The reference's last line, "destroyed 3 devices": the count of devices
 * a command over several devices finished before one failed.  Those are
 * reported by number, not by name.
 */
static int done_count(const char *text)
{
	static const char *const verbs[] = {
		"destroyed ",	 "disabled ",		"enabled ",
		"reconfigured ", "onlined memory for ", "offlined memory for ",
		"created ",
	};
	const char *line = text;
	int n = 0;
	size_t i;

	for (; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
		for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
			size_t l = strlen(verbs[i]);
			int v;

			if (!strncmp(line, verbs[i], l) &&
			    sscanf(line + l, "%d device", &v) == 1)
				n = v;
		}
	}
	return n;
}

static void check_failure(void)
{
	static char text[1 << 17];
	const char *unnamed = NULL;
	int i, nunnamed = 0;

	said(text, sizeof(text));
	/* changed or deleted devices, and ones that appeared */
	for (i = 0; i < before.ndevs; i++) {
		const struct sdev *b = &before.devs[i];
		const struct sdev *a = find(&after, b->name);

		if ((!a || !same_dev(a, b)) && !named(text, b->name)) {
			unnamed = b->name;
			nunnamed++;
			fprintf(stderr,
				"fuzz_cmd: %s was size %llu %s %d ranges "
				"blocks '%s', now %s\n",
				b->name, b->size, b->driver, b->nranges,
				b->blocks, a ? "changed" : "gone");
			if (a)
				fprintf(stderr,
					"fuzz_cmd: %s now size %llu %s %d "
					"ranges blocks '%s'\n",
					a->name, a->size, a->driver, a->nranges,
					a->blocks);
		}
	}
	for (i = 0; i < after.ndevs; i++) {
		const struct sdev *a = &after.devs[i];

		/* an empty idle device is what 'create' leaves: harmless */
		if (!find(&before, a->name) &&
		    (a->size || a->driver[0] != '-') && !named(text, a->name)) {
			unnamed = a->name;
			nunnamed++;
		}
	}
	if (nunnamed > done_count(text))
		die("a failed command changed a device it neither names nor "
		    "counts",
		    unnamed);
}

static int exit_status = -1;

static int show_fd = -1;

static void on_exit_check(void)
{
	/* stdout may be closed already (daxctl's finish()) */
	fflush(stderr);
	if (show_fd >= 0) {
		char b[4096];
		ssize_t n;
		off_t off = 0;

		while ((n = pread(errfd, b, sizeof(b), off)) > 0) {
			if (write(show_fd, b, n) < 0)
				break;
			off += n;
		}
		dup2(show_fd, STDERR_FILENO);
	}
	snapshot(&after);
	check_invariants(&after, "after");
	if (exit_status != 0)
		check_failure();
	unlink(errpath);
	unlink(outpath);
}

/* exit() anywhere in daxctl (usage errors) ends up here: -Wl,--wrap=exit */
void __real_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status)
{
	exit_status = status;
	on_exit_check();
	__real_exit(status);
}

static void reset_sim(const char *rule)
{
	const char *ctl = getenv("DAXSIM_CTL");
	char p[4096];
	int fd;

	snprintf(p, sizeof(p), "%s/reset", ctl);
	fd = open(p, O_WRONLY);
	if (fd < 0 || write(fd, "1", 1) != 1)
		die("cannot reset the simulator", p);
	close(fd);
	if (!rule || !*rule)
		return;
	snprintf(p, sizeof(p), "%s/fail", ctl);
	fd = open(p, O_WRONLY);
	if (fd < 0)
		die("cannot open the fault control", p);
	/* a malformed rule is refused by the simulator: then no fault */
	if (write(fd, rule, strlen(rule)) < 0) {
	}
	close(fd);
}

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	static char filepath[] = "/tmp/fuzz_cmd.in.XXXXXX";
	const char *args[MAX_ARGS + 2];
	char *line1, *line2, *rest, *w, *save;
	int nargs = 0, fd, rc;
	ssize_t n;
	FILE *in;

	root = getenv("DAXCTL_SYSFS_ROOT");
	if (argc != 2 || !root || !getenv("DAXSIM_CTL")) {
		fprintf(stderr,
			"usage: (in run-in-sim --root-only) fuzz_cmd FILE\n");
		return 2;
	}
	input_path = argv[1];
	in = fopen(argv[1], "r");
	if (!in)
		return 2;
	n = fread(buf, 1, sizeof(buf) - 1, in);
	fclose(in);
	buf[n] = '\0';

	line1 = buf;
	line2 = strchr(line1, '\n');
	if (!line2)
		return 0;
	*line2++ = '\0';
	rest = strchr(line2, '\n');
	if (rest)
		*rest++ = '\0';
	else
		rest = line2 + strlen(line2);

	fd = mkstemp(filepath);
	if (fd < 0)
		die("mkstemp", strerror(errno));
	if (write(fd, rest, strlen(rest)) < 0)
		die("write", strerror(errno));
	close(fd);

	args[nargs++] = "daxctl";
	for (w = strtok_r(line2, " \t", &save); w && nargs < MAX_ARGS;
	     w = strtok_r(NULL, " \t", &save))
		args[nargs++] = strcmp(w, "@F") ? w : filepath;
	args[nargs] = NULL;

	reset_sim(line1);
	snapshot(&before);
	check_invariants(&before, "before");

	/* both kept for the failure check */
	errfd = mkstemp(errpath);
	if (errfd < 0)
		die("mkstemp", strerror(errno));
	outfd = mkstemp(outpath);
	if (outfd < 0)
		die("mkstemp", strerror(errno));
	dup2(outfd, STDOUT_FILENO);
	/* FUZZ_CMD_STDERR: replaying one input, show what daxctl said */
	if (getenv("FUZZ_CMD_STDERR"))
		show_fd = dup(STDERR_FILENO);
	dup2(errfd, STDERR_FILENO);

	rc = daxctl_main(nargs, args);
	unlink(filepath);
	exit(rc);
}
