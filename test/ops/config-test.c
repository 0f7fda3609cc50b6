// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit test of the boot-time configuration parser (daxctl/config.c):
 * every accepted form, every rejected one with its FILE:LINE message, and
 * the matching rules.  Prints TAP (test/lib/tap.h); exit 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/config.h"
#include "test/lib/tap.h"

/* @detail, the parser's message or the code it returned, explains a failure */
static void check(bool cond, const char *name, const char *detail)
{
	if (!ok(cond, "%s", name) && detail)
		printf("#   %s\n", detail);
}

/* @text must be rejected with exactly @want as the message. */
static void bad(const char *name, const char *text, const char *want)
{
	struct dconf cfg;
	int rc;

	dconf_init(&cfg);
	rc = dconf_parse_buffer(&cfg, "t.conf", text, strlen(text));
	if (rc != -EINVAL) {
		char d[64];

		snprintf(d, sizeof(d), "rc %d, want -EINVAL", rc);
		check(false, name, d);
	} else {
		check(strcmp(cfg.error, want) == 0 && cfg.nr == 0, name,
		      cfg.error);
	}
	dconf_free(&cfg);
}

static struct dconf_section *good(struct dconf *cfg, const char *name,
				  const char *text)
{
	int rc;

	dconf_init(cfg);
	rc = dconf_parse_buffer(cfg, "t.conf", text, strlen(text));
	check(rc == 0 && cfg->nr >= 1, name, cfg->error);
	return rc == 0 && cfg->nr ? &cfg->sections[0] : NULL;
}

static void test_accepted(void)
{
	struct dconf cfg;
	struct dconf_section *s;

	s = good(&cfg, "full section",
		 "# comment\n; comment\n\n"
		 "[reconfigure-device vm0]\n"
		 "  device = /dev/dax0.1   # inline comment\n"
		 "region=region0\n"
		 "size = 16G\n"
		 "resource = 0x240000000\n"
		 "mode = system-ram\n"
		 "online = yes\n"
		 "Movable = OFF\n"
		 "owner = qemu\n"
		 "group = 36\n"
		 "permissions = 0660\n");
	if (s) {
		check(strcmp(s->label, "vm0") == 0, "label", s->label);
		check(s->has_device && strcmp(s->device, "dax0.1") == 0,
		      "device normalised", s->device);
		check(s->has_region && s->region == 0, "region", NULL);
		check(s->has_size && s->size == 16ULL << 30, "size", NULL);
		check(s->has_resource && s->resource == 0x240000000ULL,
		      "resource", NULL);
		check(strcmp(s->mode, "system-ram") == 0, "mode", NULL);
		check(s->online == DCONF_TRUE && s->movable == DCONF_FALSE,
		      "booleans", NULL);
		check(s->memmap == DCONF_UNSET, "memmap_on_memory unset", NULL);
		check(strcmp(s->owner, "qemu") == 0 &&
			      strcmp(s->group, "36") == 0,
		      "owner and group", NULL);
		check(s->has_perm && s->perm == 0660, "permissions", NULL);
		check(s->line == 4, "header line", NULL);
	}
	dconf_free(&cfg);

	s = good(&cfg, "X.Y device, CRLF, BOM, no final newline",
		 "\xef\xbb\xbf[reconfigure-device]\r\ndevice = 3.12\r\nmode = devdax");
	if (s)
		check(strcmp(s->device, "dax3.12") == 0 && !*s->label,
		      "X.Y normalised, empty label", s->device);
	dconf_free(&cfg);

	s = good(&cfg, "reference example (nvdimm.uuid)",
		 "[reconfigure-device dax1]\n"
		 "nvdimm.uuid = f36d02ff-1d9f-4fb9-a5b9-8ceb10a00fe3\n"
		 "mode = system-ram\nonline = true\nmovable = false\n");
	if (s)
		check(s->has_uuid, "uuid kept", NULL);
	dconf_free(&cfg);

	s = good(&cfg, "memmap_on_memory",
		 "[reconfigure-device m]\ndevice = dax0.1\nmode = system-ram\n"
		 "memmap_on_memory = yes\n");
	if (s)
		check(s->memmap == DCONF_TRUE, "memmap_on_memory set", NULL);
	dconf_free(&cfg);
	bad("memmap_on_memory without system-ram",
	    "[reconfigure-device x]\ndevice = dax0.0\nmode = devdax\nmemmap_on_memory = true\n",
	    "t.conf:1: 'memmap_on_memory' needs mode = system-ram");
	bad("memmap_on_memory not a boolean",
	    "[reconfigure-device x]\ndevice = dax0.0\nmode = system-ram\nmemmap_on_memory = 2\n",
	    "t.conf:4: memmap_on_memory: expected true or false, got '2'");

	good(&cfg, "permissions only", "[reconfigure-device p]\ndevice = dax0.0\npermissions = 600\n");
	dconf_free(&cfg);

	dconf_init(&cfg);
	check(dconf_parse_buffer(&cfg, "e.conf", "", 0) == 0 && cfg.nr == 0,
	      "empty file", cfg.error);
	check(dconf_parse_buffer(&cfg, "c.conf", "# only\n\n", 8) == 0 &&
		      cfg.nr == 0,
	      "comments only", cfg.error);
	dconf_free(&cfg);
}

static void test_rejected(void)
{
	char longline[DAXCTL_CONFIG_MAX_LINE + 64];

	bad("key outside a section", "mode = devdax\n",
	    "t.conf:1: 'mode' outside a [reconfigure-device] section");
	bad("unknown section", "\n[frobnicate x]\n",
	    "t.conf:2: unknown section 'frobnicate' (expected [reconfigure-device <name>])");
	bad("missing ]", "[reconfigure-device x\n",
	    "t.conf:1: missing ']' in section header");
	bad("text after header", "[reconfigure-device x] junk\n",
	    "t.conf:1: unexpected text after the section header");
	bad("unknown key", "[reconfigure-device x]\ndevice = dax0.0\nmdoe = devdax\n",
	    "t.conf:3: unknown key 'mdoe'");
	bad("no '='", "[reconfigure-device x]\ndevice dax0.0\n",
	    "t.conf:2: expected 'key = value' or '[section]'");
	bad("empty key", "[reconfigure-device x]\n = 1\n",
	    "t.conf:2: missing key before '='");
	bad("empty value", "[reconfigure-device x]\ndevice =\n",
	    "t.conf:2: empty value for 'device'");
	bad("duplicate key", "[reconfigure-device x]\ndevice = dax0.0\nmode = devdax\nmode = system-ram\n",
	    "t.conf:4: duplicate key 'mode'");
	bad("bad device", "[reconfigure-device x]\ndevice = dax0\nmode = devdax\n",
	    "t.conf:2: device: expected daxX.Y, got 'dax0'");
	bad("bad device number", "[reconfigure-device x]\ndevice = dax0.99999999999\n",
	    "t.conf:2: device: expected daxX.Y, got 'dax0.99999999999'");
	bad("bad region", "[reconfigure-device x]\nregion = -1\n",
	    "t.conf:2: region: expected N or regionN, got '-1'");
	bad("bad size", "[reconfigure-device x]\nsize = 16Q\n",
	    "t.conf:2: size: expected bytes with an optional K, M, G or T suffix, got '16Q'");
	bad("size overflow", "[reconfigure-device x]\nsize = 99999999999999999999\n",
	    "t.conf:2: size: expected bytes with an optional K, M, G or T suffix, got '99999999999999999999'");
	bad("bad resource", "[reconfigure-device x]\nresource = 0xfoo\n",
	    "t.conf:2: resource: expected an address such as 0x240000000, got '0xfoo'");
	bad("bad uuid", "[reconfigure-device x]\nnvdimm.uuid = f36d02ff\n",
	    "t.conf:2: nvdimm.uuid: not a UUID: 'f36d02ff'");
	bad("bad mode", "[reconfigure-device x]\ndevice = dax0.0\nmode = ram\n",
	    "t.conf:3: mode: expected system-ram or devdax, got 'ram'");
	bad("bad boolean", "[reconfigure-device x]\ndevice = dax0.0\nmode = system-ram\nonline = maybe\n",
	    "t.conf:4: online: expected true or false, got 'maybe'");
	bad("bad owner", "[reconfigure-device x]\ndevice = dax0.0\nowner = -rf\n",
	    "t.conf:3: owner: not a user name or id: '-rf'");
	bad("bad group", "[reconfigure-device x]\ndevice = dax0.0\ngroup = a b\n",
	    "t.conf:3: group: not a group name or id: 'a b'");
	bad("bad permissions", "[reconfigure-device x]\ndevice = dax0.0\npermissions = 0999\n",
	    "t.conf:3: permissions: expected octal 0000-7777, got '0999'");
	bad("permissions too large", "[reconfigure-device x]\ndevice = dax0.0\npermissions = 17777\n",
	    "t.conf:3: permissions: expected octal 0000-7777, got '17777'");
	bad("no match key", "# x\n[reconfigure-device x]\nmode = devdax\n",
	    "t.conf:2: section has no match key (device, region, size, resource or nvdimm.uuid)");
	bad("no action", "[reconfigure-device x]\ndevice = dax0.0\n",
	    "t.conf:1: section sets nothing (mode, owner, group or permissions)");
	bad("no action, next section", "[reconfigure-device x]\ndevice = dax0.0\n[reconfigure-device y]\n",
	    "t.conf:1: section sets nothing (mode, owner, group or permissions)");
	bad("online without system-ram", "[reconfigure-device x]\ndevice = dax0.0\nmode = devdax\nonline = false\n",
	    "t.conf:1: 'online' and 'movable' need mode = system-ram");
	bad("movable without mode", "[reconfigure-device x]\ndevice = dax0.0\nmovable = false\n",
	    "t.conf:1: 'online' and 'movable' need mode = system-ram");
	bad("control character", "[reconfigure-device x]\ndevice = dax0.0\x01\n",
	    "t.conf:2: control character 0x01");
	{
		static const char nul[] = "[reconfigure-device x]\ndev\0ice = dax0.0\n";

		struct dconf cfg;
		int rc;

		dconf_init(&cfg);
		rc = dconf_parse_buffer(&cfg, "t.conf", nul, sizeof(nul) - 1);
		check(rc == -EINVAL && strcmp(cfg.error, "t.conf:2: NUL byte") == 0,
		      "NUL byte", cfg.error);
		dconf_free(&cfg);
	}
	memset(longline, 'x', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	bad("long line", longline, "t.conf:1: line longer than 4096 bytes");
}

static void test_errors_keep_earlier(void)
{
	static const char valid[] = "[reconfigure-device a]\ndevice = dax0.0\nmode = devdax\n";
	static const char invalid[] = "[reconfigure-device b]\ndevice = dax0.1\nmode = devdax\n[x]\n";
	struct dconf cfg;

	dconf_init(&cfg);
	dconf_parse_buffer(&cfg, "a.conf", valid, strlen(valid));
	check(dconf_parse_buffer(&cfg, "b.conf", invalid, strlen(invalid)) == -EINVAL &&
		      cfg.nr == 1,
	      "a failed file adds nothing", cfg.error);
	dconf_free(&cfg);
}

static void test_match(void)
{
	static const char text[] =
		"[reconfigure-device by-name]\ndevice = dax0.1\nmode = devdax\n"
		"[reconfigure-device by-region-size]\nregion = 1\nsize = 4G\nmode = system-ram\n"
		"[reconfigure-device by-resource]\nresource = 0x300000000\npermissions = 0600\n"
		"[reconfigure-device by-uuid]\nnvdimm.uuid = f36d02ff-1d9f-4fb9-a5b9-8ceb10a00fe3\nmode = devdax\n"
		"[reconfigure-device twice]\nregion = 2\nmode = devdax\n"
		"[reconfigure-device twice-too]\nregion = 2\nsize = 1G\nmode = system-ram\n";
	const struct dconf_section *m;
	struct dconf cfg;
	struct dconf_dev_info d;

	dconf_init(&cfg);
	check(dconf_parse_buffer(&cfg, "m.conf", text, strlen(text)) == 0,
	      "match fixture parses", cfg.error);

	d = (struct dconf_dev_info){ "dax0.1", 0, 1ULL << 30, 0x100000000ULL };
	check(dconf_match(&cfg, &d, &m) == 1 && strcmp(m->label, "by-name") == 0,
	      "match by device", NULL);
	d = (struct dconf_dev_info){ "dax1.3", 1, 4ULL << 30, 0x200000000ULL };
	check(dconf_match(&cfg, &d, &m) == 1 &&
		      strcmp(m->label, "by-region-size") == 0,
	      "match by region and size", NULL);
	d.size = 2ULL << 30;
	check(dconf_match(&cfg, &d, &m) == 0, "size must match too", NULL);
	d = (struct dconf_dev_info){ "dax5.0", 5, 1ULL << 30, 0x300000000ULL };
	check(dconf_match(&cfg, &d, &m) == 1 &&
		      strcmp(m->label, "by-resource") == 0,
	      "match by resource", NULL);
	d.resource = 0;
	check(dconf_match(&cfg, &d, &m) == 0,
	      "unknown resource matches nothing", NULL);
	d = (struct dconf_dev_info){ "dax9.0", 9, 1ULL << 30, 0 };
	check(dconf_match(&cfg, &d, &m) == 0, "nvdimm.uuid never matches",
	      NULL);
	d = (struct dconf_dev_info){ "dax2.1", 2, 1ULL << 30, 0 };
	check(dconf_match(&cfg, &d, &m) == -EEXIST &&
		      strcmp(cfg.error, "dax2.1 matches more than one section: m.conf:14 and m.conf:17") == 0,
	      "two matches are an error", cfg.error);
	dconf_free(&cfg);
}

int main(void)
{
	test_accepted();
	test_rejected();
	test_errors_keep_earlier();
	test_match();
	return tap_done();
}
