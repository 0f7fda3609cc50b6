// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-config.c: "daxctl reconfigure-device --check-config DEVICE", the
 * command the boot-time unit daxdev-reconfigure@.service runs for every
 * new dax device (contrib/90-daxctl-device.rules).  See config.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "config.h"
#include "device.h"
#include "memmap.h"
#include "filter.h"

static struct daxctl_dev *find_dev(struct daxctl_ctx *ctx, const char *arg)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, dev)
			if (daxctl_filter_dev_arg(dev, arg))
				return dev;
	return NULL;
}

static const char *config_dir(struct daxctl_ctx *ctx)
{
	const char *dir = getenv("DAXCTL_CONF_DIR");

	if (dir && *dir)
		return dir;
	dir = daxctl_get_config_path(ctx);
	return dir ? dir : DAXCTL_CONF_DIR;
}

/* Owner, group and permissions of /dev/daxX.Y (below the test root). */
static int apply_node(struct daxctl_ctx *ctx, struct dconf *cfg,
		      struct daxctl_dev *dev, const struct dconf_section *sec,
		      bool verbose)
{
	const char *devname = daxctl_dev_get_devname(dev);
	const char *path;
	char fdpath[64];
	struct stat st;
	uid_t uid;
	gid_t gid;
	int rc, fd;

	if (!sec->owner && !sec->group && !sec->has_perm)
		return 0;
	rc = dconf_resolve_ids(cfg, sec, &uid, &gid);
	if (rc) {
		fprintf(stderr, "%s\n", cfg->error);
		return rc;
	}
	path = daxctl_dev_get_node_path(dev);
	if (!path) {
		fprintf(stderr, "%s: %s\n", devname, strerror(ENOMEM));
		return -ENOMEM;
	}
	/*
	 * Nothing on the way is followed: below a test root a link could
	 * lead chown/chmod, run as root, to a file outside it.
	 */
	fd = daxctl_dev_open_node(dev, O_PATH);
	if (fd == -ELOOP) {
		fprintf(stderr, "%s: %s is a symbolic link or leads through one: owner, group and permissions not applied\n",
			devname, path);
		return -ELOOP;
	}
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		/* system-ram and disabled devices have no character device */
		fprintf(stderr, "%s: no character device %s (mode %s): owner, group and permissions not applied\n",
			devname, path,
			daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM ?
				"system-ram" : "disabled");
		return 0;
	}
	/* through the descriptor: the node checked is the node changed */
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	if ((uid != (uid_t)-1 || gid != (gid_t)-1) &&
	    fchownat(fd, "", uid, gid, AT_EMPTY_PATH) < 0) {
		rc = -errno;
		fprintf(stderr, "%s: cannot set owner/group of %s: %s\n",
			devname, path, strerror(errno));
		close(fd);
		return rc;
	}
	if (sec->has_perm && chmod(fdpath, sec->perm) < 0) {
		rc = -errno;
		fprintf(stderr, "%s: cannot set permissions of %s: %s\n",
			devname, path, strerror(errno));
		close(fd);
		return rc;
	}
	close(fd);
	if (verbose) {
		fprintf(stderr, "%s: %s:", devname, path);
		if (uid != (uid_t)-1)
			fprintf(stderr, " owner %u", (unsigned)uid);
		if (gid != (gid_t)-1)
			fprintf(stderr, " group %u", (unsigned)gid);
		if (sec->has_perm)
			fprintf(stderr, " permissions %04o",
				(unsigned)sec->perm);
		fputc('\n', stderr);
	}
	return 0;
}

/* The mode change, as reconfigure-device makes it. */
static int apply_mode(struct daxctl_ctx *ctx, struct daxctl_dev *dev,
		      const struct dconf_section *sec, bool verbose,
		      bool quiet, bool human)
{
	struct device_params p = {
		.mode = sec->mode,
		.no_online = sec->online == DCONF_FALSE,
		.no_movable = sec->movable == DCONF_FALSE,
		.memmap = sec->memmap == DCONF_TRUE	? MEMMAP_ON :
			  sec->memmap == DCONF_FALSE ? MEMMAP_OFF :
						       MEMMAP_KEEP,
		.verbose = verbose,
		.quiet = quiet,
		.human = human,
	};

	if (verbose)
		fprintf(stderr, "%s: reconfigure-device --mode %s%s%s%s\n",
			daxctl_dev_get_devname(dev), p.mode,
			p.no_online ? " --no-online" : "",
			p.no_movable ? " --no-movable" : "",
			p.memmap == MEMMAP_ON	  ? " --memmap-on-memory" :
			p.memmap == MEMMAP_OFF ? " --no-memmap-on-memory" :
						  "");
	return reconfigure_mode(ctx, dev, &p);
}

int check_config_run(struct daxctl_ctx *ctx, const char *devarg, bool verbose,
		     bool quiet, bool human)
{
	const char *dir = config_dir(ctx);
	const struct dconf_section *sec = NULL;
	struct dconf_dev_info info;
	struct daxctl_dev *dev;
	struct dconf cfg;
	int rc, rc2;

	dconf_init(&cfg);
	rc = dconf_load_dir(&cfg, dir);
	if (rc) {
		fprintf(stderr, "%s\n", cfg.error);
		goto out;
	}
	if (strcmp(devarg, "all") == 0) {
		/*
		 * As in the reference, "all" configures nothing (the unit runs
		 * once per device); it checks the files, though.
		 */
		fprintf(stderr, "all: %s is valid (%d section%s); --check-config configures one device at a time\n",
			dir, cfg.nr, cfg.nr == 1 ? "" : "s");
		goto out;
	}

	dev = find_dev(ctx, devarg);
	if (!dev) {
		fprintf(stderr, "error: no such device: %s\n", devarg);
		rc = -ENXIO;
		goto out;
	}
	info.devname = daxctl_dev_get_devname(dev);
	info.region = daxctl_region_get_id(daxctl_dev_get_region(dev));
	info.size = daxctl_dev_get_size(dev);
	info.resource = daxctl_dev_get_resource(dev);
	if (info.resource == ULLONG_MAX)
		info.resource = 0;

	if (info.size == 0) {
		/* the seed of a region: nothing to configure yet */
		if (verbose)
			fprintf(stderr, "%s: size 0 (an idle seed device), nothing to do\n",
				info.devname);
		rc = 0;
		goto out;
	}

	rc = dconf_match(&cfg, &info, &sec);
	if (rc < 0) {
		fprintf(stderr, "%s\n", cfg.error);
		goto out;
	}
	if (rc == 0) {
		fprintf(stderr, "%s: no matching section in %s, nothing to do\n",
			info.devname, dir);
		goto out;
	}
	if (verbose)
		fprintf(stderr, "%s: matched %s:%d [reconfigure-device %s]\n",
			info.devname, sec->file, sec->line, sec->label);

	rc = 0;
	if (sec->mode)
		rc = apply_mode(ctx, dev, sec, verbose, quiet, human);
	if (rc >= 0) {
		daxctl_dev_refresh(dev);
		rc2 = apply_node(ctx, &cfg, dev, sec, verbose);
		if (rc2)
			rc = rc2;
	}
out:
	dconf_free(&cfg);
	return rc;
}
