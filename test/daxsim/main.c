// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxsim [options] TOPOLOGY MOUNTPOINT
 *
 * Serves the simulated tree (sys/, dev/, .daxsim/) at MOUNTPOINT until it is
 * unmounted or the process gets SIGTERM/SIGINT/SIGHUP, or its parent dies.
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 31

#include <errno.h>
#include <fnmatch.h>
#include <fuse.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "daxsim.h"

static FILE *log_file;
/* what sim_reset() reloads */
static const char *topo_path;
static int topo_profile = -1;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: daxsim [options] TOPOLOGY MOUNTPOINT\n"
		"       daxsim --check TOPOLOGY\n"
		"  --fail PATH:N:ERRNO  fail the Nth write (1-based; N+ = from the Nth on; * = every)\n"
		"                       to PATH (a glob, or a path through symlinks) with ERRNO\n"
		"                       (a name such as EBUSY, or a number); repeatable\n"
		"  --log FILE           append one line per write: PATH VALUE RESULT\n"
		"  --ready-fd N         write \"ready\\n\" to fd N once mounted, then close it\n"
		"  --profile P          linux-6.1 (default: Debian 6.1 as measured) or series\n"
		"                       (Documentation/ABI/sysfs-bus-dax); overrides the topology\n"
		"  --check              load the topology, print a summary, exit\n"
		"  --debug              FUSE debug output\n");
}

/* PATH VALUE RESULT: VALUE with the trailing newline and NUL dropped, other bytes escaped */
void log_write(const char *path, const char *val, size_t len, int rc, bool injected)
{
	size_t i;

	if (!log_file)
		return;
	len = strnlen(val, len);
	if (len && val[len - 1] == '\n')
		len--;
	fprintf(log_file, "%s ", path);
	if (!len)
		fputs("\"\"", log_file);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)val[i];

		if (c > ' ' && c < 0x7f && c != '\\')
			fputc(c, log_file);
		else
			fprintf(log_file, "\\x%02x", c);
	}
	if (!rc)
		fputs(" ok", log_file);
	else
		fprintf(log_file, " %s", strerrorname_np(-rc) ? strerrorname_np(-rc) : "E?");
	fputs(injected ? " injected\n" : "\n", log_file);
	fflush(log_file);
}

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* returns the errno to inject for this write, or 0 */
int fault_check(const char *path)
{
	int i, err = 0;

	for (i = 0; i < S.nfault; i++) {
		struct fault *f = &S.faults[i];
		char canon[PATH_MAX];
		bool match;

		if (has_glob(f->path))
			match = !fnmatch(f->path, path, FNM_PATHNAME);
		else
			match = !strcmp(f->path, path) ||
				(!tree_canon(f->path, canon, sizeof(canon)) && !strcmp(canon, path));
		if (!match)
			continue;
		f->seen++;
		if (err)
			continue;
		if (f->nth == 0 || f->seen == f->nth || (f->and_after && f->seen > f->nth)) {
			f->hits++;
			err = f->err;
		}
	}
	return err;
}

static void summary(void)
{
	int i, j, k;

	printf("profile %s memory_block_size %#llx auto_online_blocks %s dax_major %u\n",
	       profile_name(S.profile), (unsigned long long)S.block_size,
	       online_type_names[S.auto_online], S.dax_major);
	for (i = 0; i < S.nregion; i++) {
		struct region *r = S.regions[i];
		char n[64] = "";

		if (r->seed)
			dev_name(r->seed, n, sizeof(n));
		printf("region %d hmem.%d [%#llx-%#llx] align %llu node %d avail %llu seed '%s'\n",
		       r->id, r->hmem, (unsigned long long)r->start, (unsigned long long)r->end,
		       (unsigned long long)r->align, r->target_node,
		       (unsigned long long)region_avail(r), n);
		for (j = 0; j < r->ndev; j++) {
			struct ddev *d = r->devs[j];

			dev_name(d, n, sizeof(n));
			printf("  %s size %llu driver %s", n, (unsigned long long)dev_size(d),
			       d->drv ? S.drv[d->drv].name : "none");
			for (k = 0; k < d->nr; k++)
				printf(" [%#llx-%#llx]", (unsigned long long)d->ranges[k].start,
				       (unsigned long long)d->ranges[k].end);
			printf("\n");
		}
	}
	printf("memory blocks %d, fault rules %d\n", S.nblock, S.nfault);
}

/*
 * .daxsim/reset: back to the topology as loaded at start (faults given
 * with --fail are dropped), so a fuzzer can start every run from one
 * state without remounting.
 */
int sim_reset(void)
{
	char err[512] = "";

	sim_free();
	sim_init();
	if (topo_profile >= 0) {
		S.profile = topo_profile;
		S.profile_forced = true;
	}
	if (topology_load(topo_path, err, sizeof(err))) {
		fprintf(stderr, "daxsim: reset: %s: %s\n", topo_path, err);
		return -EIO;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "fail", required_argument, NULL, 'f' },
		{ "log", required_argument, NULL, 'l' },
		{ "ready-fd", required_argument, NULL, 'r' },
		{ "check", no_argument, NULL, 'c' },
		{ "profile", required_argument, NULL, 'p' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fuse_args args = FUSE_ARGS_INIT(0, NULL);
	struct fault *cli = NULL;
	int ncli = 0, ready_fd = -1, c, rc = 1, i;
	bool check = false, debug = false;
	int profile = -1;
	const char *log_path = NULL, *topo, *mnt = NULL;
	char err[512] = "";
	struct fuse *fuse;
	pid_t parent = getppid();

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			cli = realloc(cli, (ncli + 1) * sizeof(*cli));
			if (!cli || fault_parse(optarg, &cli[ncli])) {
				fprintf(stderr, "daxsim: bad --fail '%s' (PATH:N:ERRNO)\n", optarg);
				return 2;
			}
			ncli++;
			break;
		case 'l':
			log_path = optarg;
			break;
		case 'r':
			ready_fd = atoi(optarg);
			break;
		case 'c':
			check = true;
			break;
		case 'p':
			profile = profile_from_str(optarg);
			if (profile < 0) {
				fprintf(stderr, "daxsim: --profile linux-6.1|series\n");
				return 2;
			}
			break;
		case 'd':
			debug = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != (check ? 1 : 2)) {
		usage(stderr);
		return 2;
	}
	topo = argv[optind];
	if (!check)
		mnt = argv[optind + 1];

	/* end with the parent (run-in-sim), so no mount outlives it */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		return 1;

	topo_path = topo;
	topo_profile = profile;
	sim_init();
	if (profile >= 0) {
		S.profile = profile;
		S.profile_forced = true;
	}
	if (topology_load(topo, err, sizeof(err))) {
		fprintf(stderr, "daxsim: %s: %s\n", topo, err);
		sim_free();
		free(cli);
		return 2;
	}
	for (i = 0; i < ncli; i++) {
		S.faults = realloc(S.faults, (S.nfault + 1) * sizeof(*S.faults));
		if (!S.faults)
			return 1;
		S.faults[S.nfault++] = cli[i];
	}
	free(cli);
	if (check) {
		summary();
		sim_free();
		return 0;
	}
	if (log_path) {
		log_file = fopen(log_path, "a");
		if (!log_file) {
			fprintf(stderr, "daxsim: %s: %s\n", log_path, strerror(errno));
			sim_free();
			return 2;
		}
	}
	tree_set_host_dev();

	if (fuse_opt_add_arg(&args, argv[0]) || fuse_opt_add_arg(&args, "-o") ||
	    fuse_opt_add_arg(&args, "fsname=daxsim,subtype=daxsim,default_permissions,allow_other,dev") ||
	    (debug && fuse_opt_add_arg(&args, "-d")))
		goto out_free;
	fuse = fuse_new(&args, &daxsim_ops, sizeof(daxsim_ops), NULL);
	if (!fuse)
		goto out_free;
	if (fuse_mount(fuse, mnt)) {
		fuse_destroy(fuse);
		goto out_free;
	}
	if (fuse_set_signal_handlers(fuse_get_session(fuse)) == 0) {
		if (ready_fd >= 0) {
			if (write(ready_fd, "ready\n", 6) != 6)
				perror("daxsim: ready-fd");
			close(ready_fd);
		}
		rc = fuse_loop(fuse) < 0 ? 1 : 0;
		fuse_remove_signal_handlers(fuse_get_session(fuse));
	}
	fuse_unmount(fuse);
	fuse_destroy(fuse);
out_free:
	fuse_opt_free_args(&args);
	if (log_file)
		fclose(log_file);
	sim_free();
	return rc;
}
