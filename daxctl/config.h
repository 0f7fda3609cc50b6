/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * config.h: the boot-time configuration of dax devices,
 * /etc/daxctl.conf.d/<name>.conf, read by "reconfigure-device --check-config".
 *
 * The format is the reference's ini dialect (Documentation/daxctl.conf.txt):
 *
 *   # comment            ; comment
 *   [reconfigure-device <label>]
 *   device = dax0.1      # match keys: every one given must match
 *   region = 0
 *   size = 16G
 *   resource = 0x240000000
 *   nvdimm.uuid = ...    # accepted for compatibility, see the man page
 *   mode = system-ram    # what to do
 *   online = true
 *   movable = false
 *   memmap_on_memory = true  # struct pages on the device (Linux >= 6.8)
 *   owner = qemu         # and who may open /dev/daxX.Y
 *   group = kvm
 *   permissions = 0660
 *
 * The files are untrusted input: the parser works on a buffer (so it can
 * be fuzzed without a file system), bounds every line, and reports the
 * first problem as one line "FILE:LINE: problem" in cfg->error.  It does
 * not depend on libdaxctl; matching works on a plain description of a
 * device.
 */
#ifndef _DAXCTL_CONFIG_H_
#define _DAXCTL_CONFIG_H_

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define DAXCTL_CONFIG_MAX_LINE 4096
#define DAXCTL_CONFIG_MAX_SECTIONS 4096
#define DAXCTL_CONFIG_MAX_FILES 1024

enum dconf_bool {
	DCONF_UNSET = -1,
	DCONF_FALSE = 0,
	DCONF_TRUE = 1,
};

/* One [reconfigure-device <label>] section. */
struct dconf_section {
	char *file; /* where it was read, for messages */
	int line;   /* line of the [header] */
	char *label;

	/* match keys; has_* tells which were given */
	bool has_device, has_region, has_size, has_resource, has_uuid;
	char *device; /* "daxX.Y" (an "X.Y" is stored as "daxX.Y") */
	int region;
	unsigned long long size;
	unsigned long long resource;
	char *uuid;

	/* actions */
	char *mode; /* "system-ram" or "devdax", or NULL */
	enum dconf_bool online, movable;
	enum dconf_bool memmap; /* memmap_on_memory: memmap on the device */
	char *owner, *group; /* a name or a number, resolved when applied */
	bool has_perm;
	mode_t perm; /* 0 .. 07777 */
};

struct dconf {
	int nr;
	struct dconf_section *sections;
	char error[DAXCTL_CONFIG_MAX_LINE + 128];
};

/* What a section is matched against. */
struct dconf_dev_info {
	const char *devname; /* daxX.Y */
	int region;
	unsigned long long size;
	unsigned long long resource; /* 0 when unknown */
};

void dconf_init(struct dconf *cfg);
void dconf_free(struct dconf *cfg);

/*
 * Parse @len bytes of @buf (need not be NUL terminated; NUL bytes are an
 * error), naming it @file in messages, and append its sections to @cfg.
 * Returns 0, or -EINVAL (cfg->error holds "FILE:LINE: problem"), or
 * -ENOMEM.  On error @cfg keeps the sections of earlier successful calls.
 */
int dconf_parse_buffer(struct dconf *cfg, const char *file, const char *buf,
		       size_t len);

/*
 * Every regular file named *.conf in @dir, in alphabetical order.  A
 * missing directory is an empty configuration.  Returns as above, or
 * another negative errno with cfg->error set ("DIR: problem").
 */
int dconf_load_dir(struct dconf *cfg, const char *dir);

/*
 * The section matching @dev.  Returns 1 and sets *@match, 0 when none
 * matches, or -EEXIST when more than one does (cfg->error names both).
 */
int dconf_match(struct dconf *cfg, const struct dconf_dev_info *dev,
		const struct dconf_section **match);

/* True when the section asks for something (a mode, or permissions). */
bool dconf_section_has_action(const struct dconf_section *sec);

/*
 * Resolve owner/group names to ids: -1 when not set.  Returns 0, or
 * -ENOENT with cfg->error set ("FILE:LINE: no such user 'x'").
 */
int dconf_resolve_ids(struct dconf *cfg, const struct dconf_section *sec,
		      uid_t *uid, gid_t *gid);

/*
 * "reconfigure-device --check-config DEVICE" (check-config.c, which needs
 * libdaxctl; the parser above does not): find the section matching
 * DEVICE in the configuration directory ($DAXCTL_CONF_DIR, else the
 * library's config path), switch its mode through the normal
 * reconfigure-device path, then set owner, group and permissions of
 * /dev/daxX.Y.  No match is a message and 0, as in the reference.
 * Returns the command's status (0, 1 or a negative errno).
 */
struct daxctl_ctx;
int check_config_run(struct daxctl_ctx *ctx, const char *devarg, bool verbose,
		     bool quiet, bool human);

#endif /* _DAXCTL_CONFIG_H_ */
