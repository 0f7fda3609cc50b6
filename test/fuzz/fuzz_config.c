// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_config: the boot-time configuration parser (daxctl/config.c,
 * files under daxctl.conf.d) on arbitrary bytes as one file, then the
 * device matcher on every section it accepted.
 *
 * Oracles: an accepted configuration has well-formed sections (a label,
 * permissions within 07777, a mode that is one of the two known), a
 * refused one leaves an error message, and matching never crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct dconf_dev_info devs[] = {
		{ "dax0.0", 0, 1ULL << 30, 0x100000000ULL },
		{ "dax0.1", 0, 256ULL << 20, 0 },
		{ "dax1.0", 1, 0, 0 },
	};
	const struct dconf_section *match;
	struct dconf cfg;
	size_t i;
	int k, rc;

	dconf_init(&cfg);
	rc = dconf_parse_buffer(&cfg, "fuzz.conf", (const char *)data, size);
	if (rc == 0) {
		for (k = 0; k < cfg.nr; k++) {
			const struct dconf_section *s = &cfg.sections[k];

			if (s->has_perm && s->perm > 07777)
				abort();
			if (s->mode && strcmp(s->mode, "system-ram") &&
			    strcmp(s->mode, "devdax"))
				abort();
			dconf_section_has_action(s);
		}
		for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
			match = NULL;
			dconf_match(&cfg, &devs[i], &match);
		}
	} else if (!cfg.error[0]) {
		abort();
	}
	dconf_free(&cfg);
	return 0;
}
