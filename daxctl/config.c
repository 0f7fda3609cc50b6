// SPDX-License-Identifier: GPL-2.0-only
/*
 * config.c: parse and match the .conf files of /etc/daxctl.conf.d (see config.h and
 * Documentation/daxctl.conf.txt).  Strict by design: a typo in a boot-time
 * configuration should stop the unit with a message naming the line, not
 * be ignored.  Not iniparser (unlike the reference): it keeps no line numbers
 * and merges duplicate keys and sections silently (measured in
 * Documentation/config-parsing.md).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "size.h"

#define MAX_FILE_SIZE (1 << 20)
#define MAX_NAME 32 /* user and group names */

void dconf_init(struct dconf *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

static void section_free(struct dconf_section *sec)
{
	free(sec->file);
	free(sec->label);
	free(sec->device);
	free(sec->uuid);
	free(sec->mode);
	free(sec->owner);
	free(sec->group);
}

void dconf_free(struct dconf *cfg)
{
	int i;

	for (i = 0; i < cfg->nr; i++)
		section_free(&cfg->sections[i]);
	free(cfg->sections);
	cfg->sections = NULL;
	cfg->nr = 0;
}

static int __attribute__((format(printf, 4, 5)))
fail(struct dconf *cfg, const char *file, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(cfg->error, sizeof(cfg->error), "%s:%d: %s", file,
			 line, msg);
	else
		snprintf(cfg->error, sizeof(cfg->error), "%s: %s", file, msg);
	return -EINVAL;
}

/* ---- small strict value parsers ---------------------------------- */

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Decimal digits only, no sign, fits in @max. */
static bool parse_uint(const char *s, unsigned long max, unsigned long *val)
{
	unsigned long v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (max - (unsigned long)(*s - '0')) / 10)
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	*val = v;
	return true;
}

/* "daxX.Y", "X.Y" or "/dev/daxX.Y" into "daxX.Y". */
static char *parse_devname(const char *s)
{
	unsigned long r, d;
	char buf[64], *dot;
	char *out;

	if (strncmp(s, "/dev/", 5) == 0)
		s += 5;
	if (strncmp(s, "dax", 3) == 0)
		s += 3;
	if (strlen(s) >= sizeof(buf))
		return NULL;
	strcpy(buf, s);
	dot = strchr(buf, '.');
	if (!dot)
		return NULL;
	*dot = '\0';
	if (!parse_uint(buf, INT_MAX, &r) || !parse_uint(dot + 1, INT_MAX, &d))
		return NULL;
	if (asprintf(&out, "dax%lu.%lu", r, d) < 0)
		return NULL;
	return out;
}

static bool parse_region(const char *s, int *region)
{
	unsigned long v;

	if (strncmp(s, "region", 6) == 0)
		s += 6;
	if (!parse_uint(s, INT_MAX, &v))
		return false;
	*region = (int)v;
	return true;
}

/* An address: decimal or 0x-hex, nothing else. */
static bool parse_address(const char *s, unsigned long long *val)
{
	unsigned long long v = 0;
	int base = 10, digit;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			digit = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			digit = *s - 'A' + 10;
		else
			return false;
		if (v > (ULLONG_MAX - (unsigned)digit) / (unsigned)base)
			return false;
		v = v * (unsigned)base + (unsigned)digit;
	}
	*val = v;
	return true;
}

static bool parse_uuid(const char *s)
{
	static const int dash[] = { 8, 13, 18, 23 };
	int i, j = 0;

	if (strlen(s) != 36)
		return false;
	for (i = 0; i < 36; i++) {
		if (j < 4 && i == dash[j]) {
			if (s[i] != '-')
				return false;
			j++;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

static bool parse_bool(const char *s, enum dconf_bool *b)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*b = DCONF_TRUE;
			return true;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*b = DCONF_FALSE;
			return true;
		}
	}
	return false;
}

/* A user or group: a number, or a name as useradd accepts it. */
static bool valid_account(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > MAX_NAME || s[0] == '-')
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) || c == '_' || c == '-' || c == '.')
			continue;
		if (c == '$' && i == n - 1)
			continue;
		return false;
	}
	return true;
}

static bool parse_perm(const char *s, mode_t *perm)
{
	unsigned long v = 0;

	if (!*s || strlen(s) > 5)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '7')
			return false;
		v = v * 8 + (unsigned long)(*s - '0');
	}
	if (v > 07777)
		return false;
	*perm = (mode_t)v;
	return true;
}

/* ---- the parser --------------------------------------------------- */

struct parser {
	struct dconf *cfg;
	const char *file;
	int line;
	struct dconf_section *cur; /* the open section, or NULL */
	/* which keys the open section has, for duplicate detection */
	unsigned int seen;
};

enum key_id {
	K_DEVICE,
	K_REGION,
	K_SIZE,
	K_RESOURCE,
	K_UUID,
	K_MODE,
	K_ONLINE,
	K_MOVABLE,
	K_MEMMAP,
	K_OWNER,
	K_GROUP,
	K_PERM,
	NR_KEYS,
};

static const char *const key_names[NR_KEYS] = {
	[K_DEVICE] = "device",   [K_REGION] = "region",
	[K_SIZE] = "size",       [K_RESOURCE] = "resource",
	[K_UUID] = "nvdimm.uuid", [K_MODE] = "mode",
	[K_ONLINE] = "online",   [K_MOVABLE] = "movable",
	[K_MEMMAP] = "memmap_on_memory",
	[K_OWNER] = "owner",     [K_GROUP] = "group",
	[K_PERM] = "permissions",
};

/* Checks made when a section is complete. */
static int close_section(struct parser *p)
{
	struct dconf_section *s = p->cur;

	if (!s)
		return 0;
	p->cur = NULL;
	if (!s->has_device && !s->has_region && !s->has_size &&
	    !s->has_resource && !s->has_uuid)
		return fail(p->cfg, p->file, s->line,
			    "section has no match key (device, region, size, resource or nvdimm.uuid)");
	if ((s->online != DCONF_UNSET || s->movable != DCONF_UNSET) &&
	    (!s->mode || strcmp(s->mode, "system-ram") != 0))
		return fail(p->cfg, p->file, s->line,
			    "'online' and 'movable' need mode = system-ram");
	if (s->memmap != DCONF_UNSET &&
	    (!s->mode || strcmp(s->mode, "system-ram") != 0))
		return fail(p->cfg, p->file, s->line,
			    "'memmap_on_memory' needs mode = system-ram");
	if (!dconf_section_has_action(s))
		return fail(p->cfg, p->file, s->line,
			    "section sets nothing (mode, owner, group or permissions)");
	return 0;
}

static int open_section(struct parser *p, char *hdr)
{
	struct dconf *cfg = p->cfg;
	struct dconf_section *s, *n;
	char *end, *label;
	int rc;

	rc = close_section(p);
	if (rc)
		return rc;

	end = strchr(hdr, ']');
	if (!end)
		return fail(cfg, p->file, p->line, "missing ']' in section header");
	*end = '\0';
	end = trim(end + 1);
	if (*end && *end != '#' && *end != ';')
		return fail(cfg, p->file, p->line,
			    "unexpected text after the section header");
	hdr = trim(hdr + 1);
	label = hdr + strcspn(hdr, " \t");
	if (*label) {
		*label++ = '\0';
		label = trim(label);
	}
	if (strcmp(hdr, "reconfigure-device") != 0)
		return fail(cfg, p->file, p->line,
			    "unknown section '%s' (expected [reconfigure-device <name>])",
			    hdr);
	if (strchr(label, '['))
		return fail(cfg, p->file, p->line, "'[' in section name");
	if (cfg->nr >= DAXCTL_CONFIG_MAX_SECTIONS)
		return fail(cfg, p->file, p->line,
			    "too many sections (at most %d)",
			    DAXCTL_CONFIG_MAX_SECTIONS);

	n = realloc(cfg->sections, (cfg->nr + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	cfg->sections = n;
	s = &cfg->sections[cfg->nr];
	memset(s, 0, sizeof(*s));
	s->online = s->movable = s->memmap = DCONF_UNSET;
	s->line = p->line;
	s->file = strdup(p->file);
	s->label = strdup(label);
	if (!s->file || !s->label) {
		section_free(s);
		return -ENOMEM;
	}
	cfg->nr++;
	p->cur = s;
	p->seen = 0;
	return 0;
}

static int set_string(char **dst, const char *val)
{
	*dst = strdup(val);
	return *dst ? 0 : -ENOMEM;
}

/* The key's index in key_names[], or a negative errno with cfg->error set. */
static int lookup_key(struct parser *p, const char *key)
{
	size_t i;
	int k;

	if (!*key)
		return fail(p->cfg, p->file, p->line, "missing key before '='");
	for (k = 0; k < NR_KEYS; k++)
		if (strcasecmp(key, key_names[k]) == 0)
			return k;
	/* printable in the message: keys are short and plain */
	for (i = 0; key[i]; i++)
		if (!isgraph((unsigned char)key[i]) || i >= 64)
			return fail(p->cfg, p->file, p->line, "unknown key");
	return fail(p->cfg, p->file, p->line, "unknown key '%s'", key);
}

/* Keys that select which device a section applies to. */
static int set_match_key(struct parser *p, int k, const char *val)
{
	struct dconf_section *s = p->cur;
	struct dconf *cfg = p->cfg;

	switch (k) {
	case K_DEVICE:
		s->device = parse_devname(val);
		if (!s->device)
			return fail(cfg, p->file, p->line,
				    "device: expected daxX.Y, got '%.64s'", val);
		s->has_device = true;
		return 0;
	case K_REGION:
		if (!parse_region(val, &s->region))
			return fail(cfg, p->file, p->line,
				    "region: expected N or regionN, got '%.64s'",
				    val);
		s->has_region = true;
		return 0;
	case K_SIZE:
		if (parse_size(val, &s->size))
			return fail(cfg, p->file, p->line,
				    "size: expected bytes with an optional K, M, G or T suffix, got '%.64s'",
				    val);
		s->has_size = true;
		return 0;
	case K_RESOURCE:
		if (!parse_address(val, &s->resource))
			return fail(cfg, p->file, p->line,
				    "resource: expected an address such as 0x240000000, got '%.64s'",
				    val);
		s->has_resource = true;
		return 0;
	case K_UUID:
		if (!parse_uuid(val))
			return fail(cfg, p->file, p->line,
				    "nvdimm.uuid: not a UUID: '%.64s'", val);
		s->has_uuid = true;
		return set_string(&s->uuid, val);
	}
	return 0;
}

/* Keys that say what to do with a matched device. */
static int set_action_key(struct parser *p, int k, const char *val)
{
	struct dconf_section *s = p->cur;
	struct dconf *cfg = p->cfg;

	switch (k) {
	case K_MODE:
		if (strcmp(val, "system-ram") != 0 && strcmp(val, "devdax") != 0)
			return fail(cfg, p->file, p->line,
				    "mode: expected system-ram or devdax, got '%.64s'",
				    val);
		return set_string(&s->mode, val);
	case K_ONLINE:
		if (!parse_bool(val, &s->online))
			return fail(cfg, p->file, p->line,
				    "online: expected true or false, got '%.64s'",
				    val);
		return 0;
	case K_MOVABLE:
		if (!parse_bool(val, &s->movable))
			return fail(cfg, p->file, p->line,
				    "movable: expected true or false, got '%.64s'",
				    val);
		return 0;
	case K_MEMMAP:
		if (!parse_bool(val, &s->memmap))
			return fail(cfg, p->file, p->line,
				    "memmap_on_memory: expected true or false, got '%.64s'",
				    val);
		return 0;
	case K_OWNER:
		if (!valid_account(val))
			return fail(cfg, p->file, p->line,
				    "owner: not a user name or id: '%.64s'", val);
		return set_string(&s->owner, val);
	case K_GROUP:
		if (!valid_account(val))
			return fail(cfg, p->file, p->line,
				    "group: not a group name or id: '%.64s'", val);
		return set_string(&s->group, val);
	case K_PERM:
		if (!parse_perm(val, &s->perm))
			return fail(cfg, p->file, p->line,
				    "permissions: expected octal 0000-7777, got '%.64s'",
				    val);
		s->has_perm = true;
		return 0;
	}
	return 0;
}

static int key_value(struct parser *p, char *line)
{
	struct dconf *cfg = p->cfg;
	char *eq = strchr(line, '='), *key, *val;
	int k;

	if (!eq)
		return fail(cfg, p->file, p->line,
			    "expected 'key = value' or '[section]'");
	*eq = '\0';
	key = trim(line);
	val = eq + 1;
	val[strcspn(val, "#;")] = '\0'; /* inline comment */
	val = trim(val);

	k = lookup_key(p, key);
	if (k < 0)
		return k;
	if (!p->cur)
		return fail(cfg, p->file, p->line,
			    "'%s' outside a [reconfigure-device] section",
			    key_names[k]);
	if (p->seen & (1u << k))
		return fail(cfg, p->file, p->line, "duplicate key '%s'",
			    key_names[k]);
	p->seen |= 1u << k;
	if (!*val)
		return fail(cfg, p->file, p->line, "empty value for '%s'",
			    key_names[k]);

	if (k <= K_UUID)
		return set_match_key(p, k, val);
	return set_action_key(p, k, val);
}

static int parse_line(struct parser *p, char *line)
{
	char *s = trim(line);

	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return open_section(p, s);
	return key_value(p, s);
}

int dconf_parse_buffer(struct dconf *cfg, const char *file, const char *buf,
		       size_t len)
{
	struct parser p = { .cfg = cfg, .file = file ? file : "<buffer>" };
	char line[DAXCTL_CONFIG_MAX_LINE + 1];
	int first = cfg->nr;
	size_t pos = 0;
	int rc = 0;

	cfg->error[0] = '\0';
	/* a UTF-8 byte order mark is tolerated at the very start */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		pos = 3;

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		size_t i;

		p.line++;
		if (n && buf[pos + n - 1] == '\r')
			n--;
		if (n > DAXCTL_CONFIG_MAX_LINE) {
			rc = fail(cfg, p.file, p.line,
				  "line longer than %d bytes",
				  DAXCTL_CONFIG_MAX_LINE);
			break;
		}
		memcpy(line, buf + pos, n);
		line[n] = '\0';
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)line[i];

			if (c == '\t' || (c >= 0x20 && c != 0x7f))
				continue;
			if (c)
				rc = fail(cfg, p.file, p.line,
					  "control character 0x%02x", c);
			else
				rc = fail(cfg, p.file, p.line, "NUL byte");
			break;
		}
		if (rc)
			break;
		rc = parse_line(&p, line);
		if (rc)
			break;
		pos += (nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos);
	}
	if (!rc)
		rc = close_section(&p);
	if (rc) {
		/* keep only what earlier calls parsed */
		while (cfg->nr > first)
			section_free(&cfg->sections[--cfg->nr]);
		if (rc == -ENOMEM && !cfg->error[0])
			snprintf(cfg->error, sizeof(cfg->error),
				 "%s: out of memory", p.file);
	}
	return rc;
}

/* ---- files -------------------------------------------------------- */

/*
 * The configuration decides which memory becomes system RAM and who may
 * map a device, and it is applied as root: when running as root, accept
 * only files and directories that root owns and only root can write (as
 * sshd's StrictModes), whatever path DAXCTL_CONF_DIR names.
 */
static bool trusted(const struct stat *st)
{
	if (geteuid() != 0)
		return true;
	if (st->st_uid != 0 || (st->st_mode & S_IWOTH))
		return false;
	return !(st->st_mode & S_IWGRP) || st->st_gid == 0;
}

static int load_file(struct dconf *cfg, int dirfd, const char *dir,
		     const char *name)
{
	char path[PATH_MAX];
	struct stat st;
	char *buf;
	ssize_t got;
	size_t len = 0;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		/* a symlink is fine if it leads to a regular file */
		if (errno == ELOOP)
			fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0) {
			rc = -errno;
			snprintf(cfg->error, sizeof(cfg->error), "%s: %s", path,
				 strerror(errno));
			return rc;
		}
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0; /* the reference reads regular files only */
	}
	if (!trusted(&st)) {
		close(fd);
		return fail(cfg, path, 0,
			    "owned by uid %u or writable by others than root: not trusted, refused",
			    (unsigned)st.st_uid);
	}
	if (st.st_size > MAX_FILE_SIZE) {
		close(fd);
		return fail(cfg, path, 0, "larger than %d bytes", MAX_FILE_SIZE);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (len <= (size_t)st.st_size) {
		got = read(fd, buf + len, (size_t)st.st_size + 1 - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = -errno;
			snprintf(cfg->error, sizeof(cfg->error), "%s: %s", path,
				 strerror(errno));
			free(buf);
			close(fd);
			return rc;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	if (len > (size_t)st.st_size) {
		free(buf);
		return fail(cfg, path, 0, "changed while being read");
	}
	rc = dconf_parse_buffer(cfg, path, buf, len);
	free(buf);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int dconf_load_dir(struct dconf *cfg, const char *dir)
{
	struct stat dst;
	char **names = NULL;
	struct dirent *de;
	int n = 0, i, rc = 0;
	DIR *d;

	cfg->error[0] = '\0';
	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		rc = -errno;
		snprintf(cfg->error, sizeof(cfg->error), "%s: %s", dir,
			 strerror(errno));
		return rc;
	}
	if (fstat(dirfd(d), &dst) == 0 && !trusted(&dst)) {
		rc = fail(cfg, dir, 0,
			  "owned by uid %u or writable by others than root: not trusted, refused",
			  (unsigned)dst.st_uid);
		goto out;
	}
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char **nn;

		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".conf") != 0)
			continue;
		if (n >= DAXCTL_CONFIG_MAX_FILES) {
			rc = fail(cfg, dir, 0, "more than %d .conf files",
				  DAXCTL_CONFIG_MAX_FILES);
			goto out;
		}
		nn = realloc(names, (n + 1) * sizeof(*names));
		if (!nn) {
			rc = -ENOMEM;
			goto out;
		}
		names = nn;
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			rc = -ENOMEM;
			goto out;
		}
		n++;
	}
	if (names)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && !rc; i++)
		rc = load_file(cfg, dirfd(d), dir, names[i]);
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	if (rc == -ENOMEM && !cfg->error[0])
		snprintf(cfg->error, sizeof(cfg->error), "%s: out of memory",
			 dir);
	return rc;
}

/* ---- matching and applying ---------------------------------------- */

bool dconf_section_has_action(const struct dconf_section *sec)
{
	return sec->mode || sec->owner || sec->group || sec->has_perm;
}

static bool section_matches(const struct dconf_section *s,
			    const struct dconf_dev_info *dev)
{
	/*
	 * nvdimm.uuid names the namespace of an nvdimm-backed device; the
	 * hmem and CXL devices this daxctl manages have none, so a section
	 * keyed by it matches nothing here (see daxctl.conf(5)).
	 */
	if (s->has_uuid)
		return false;
	if (s->has_device && strcmp(s->device, dev->devname) != 0)
		return false;
	if (s->has_region && s->region != dev->region)
		return false;
	if (s->has_size && s->size != dev->size)
		return false;
	if (s->has_resource && (!dev->resource || s->resource != dev->resource))
		return false;
	return true;
}

int dconf_match(struct dconf *cfg, const struct dconf_dev_info *dev,
		const struct dconf_section **match)
{
	const struct dconf_section *found = NULL;
	int i;

	for (i = 0; i < cfg->nr; i++) {
		const struct dconf_section *s = &cfg->sections[i];

		if (!section_matches(s, dev))
			continue;
		if (found) {
			snprintf(cfg->error, sizeof(cfg->error),
				 "%s matches more than one section: %s:%d and %s:%d",
				 dev->devname, found->file, found->line,
				 s->file, s->line);
			return -EEXIST;
		}
		found = s;
	}
	*match = found;
	return found ? 1 : 0;
}

static bool all_digits(const char *s)
{
	unsigned long v;

	return parse_uint(s, UINT_MAX - 1, &v);
}

#ifdef DAXCTL_STATIC
/*
 * A static daxctl cannot load NSS modules (they need the shared libc they
 * were built with), so it reads the files database only; names from other
 * sources (LDAP, sssd, systemd) have to be given as numeric ids.
 */
static struct passwd *user_by_name(const char *name)
{
	struct passwd *pw = NULL;
	FILE *f = fopen("/etc/passwd", "re");

	if (!f)
		return NULL;
	while ((pw = fgetpwent(f)) && strcmp(pw->pw_name, name) != 0)
		;
	fclose(f);
	return pw;
}

static struct group *group_by_name(const char *name)
{
	struct group *gr = NULL;
	FILE *f = fopen("/etc/group", "re");

	if (!f)
		return NULL;
	while ((gr = fgetgrent(f)) && strcmp(gr->gr_name, name) != 0)
		;
	fclose(f);
	return gr;
}
#else
static struct passwd *user_by_name(const char *name)
{
	return getpwnam(name);
}

static struct group *group_by_name(const char *name)
{
	return getgrnam(name);
}
#endif

int dconf_resolve_ids(struct dconf *cfg, const struct dconf_section *sec,
		      uid_t *uid, gid_t *gid)
{
	*uid = (uid_t)-1;
	*gid = (gid_t)-1;
	if (sec->owner) {
		if (all_digits(sec->owner)) {
			*uid = (uid_t)strtoul(sec->owner, NULL, 10);
		} else {
			struct passwd *pw = user_by_name(sec->owner);

			if (!pw) {
				snprintf(cfg->error, sizeof(cfg->error),
					 "%s:%d: no such user '%s'", sec->file,
					 sec->line, sec->owner);
				return -ENOENT;
			}
			*uid = pw->pw_uid;
		}
	}
	if (sec->group) {
		if (all_digits(sec->group)) {
			*gid = (gid_t)strtoul(sec->group, NULL, 10);
		} else {
			struct group *gr = group_by_name(sec->group);

			if (!gr) {
				snprintf(cfg->error, sizeof(cfg->error),
					 "%s:%d: no such group '%s'", sec->file,
					 sec->line, sec->group);
				return -ENOENT;
			}
			*gid = gr->gr_gid;
		}
	}
	return 0;
}
