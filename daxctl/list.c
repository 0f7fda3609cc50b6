// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl list: regions, devices and mappings as JSON.
 */
#include <stdbool.h>
#include <stdio.h>

#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "filter.h"
#include "json.h"
#include "parse-options.h"

int cmd_list(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	bool devs = false, regions = false, mappings = false, idle = false,
	     human = false;
	const char *region_filter = NULL, *dev_filter = NULL;
	const struct option options[] = {
		OPT_STRING('r', "region", &region_filter, "region-id",
			   "filter by region"),
		OPT_STRING('d', "dev", &dev_filter, "dev-id",
			   "filter by dax device instance name"),
		OPT_BOOLEAN('D', "devices", &devs, "include dax device info"),
		OPT_BOOLEAN('R', "regions", &regions,
			    "include dax region info"),
		OPT_BOOLEAN('M', "mappings", &mappings,
			    "include dax mappings info"),
		OPT_BOOLEAN('i', "idle", &idle, "include idle devices"),
		OPT_BOOLEAN('u', "human", &human,
			    "use human friendly number formats "),
		OPT_END(),
	};
	const char *const usage[] = { "daxctl list [<options>]", NULL };
	struct json_object *jregions = NULL, *jdevs = NULL;
	struct daxctl_region *region;
	unsigned long flags = 0;
	int i, nr;

	nr = parse_options(argc, argv, options, usage, 0);
	if (nr < 0)
		return nr;
	for (i = 0; i < nr; i++)
		error_msg("unknown parameter \"%s\"\n", argv[i]);
	if (nr)
		return usage_with_options(usage, options);

	/* -r alone implies -R, -d alone implies -D, nothing at all is -D */
	if (!devs && !regions) {
		regions = region_filter != NULL;
		devs = dev_filter != NULL;
		if (!regions && !devs)
			devs = true;
	}

	if (devs)
		flags |= DAXCTL_JSON_DEVS;
	if (mappings)
		flags |= DAXCTL_JSON_MAPPINGS;
	if (idle)
		flags |= DAXCTL_JSON_IDLE;
	if (human)
		flags |= DAXCTL_JSON_HUMAN;

	daxctl_region_foreach(ctx, region) {
		struct json_object *jregion;

		if (!daxctl_filter_region(region, region_filter))
			continue;
		if (regions) {
			if (!jregions) {
				jregions = json_object_new_array();
				if (!jregions)
					continue;
			}
			jregion = daxctl_region_to_json(region, dev_filter,
							flags);
			if (jregion)
				json_object_array_add(jregions, jregion);
		} else {
			jdevs = daxctl_devs_to_json(region, jdevs, dev_filter,
						    flags);
		}
	}

	if (jregions)
		return daxctl_json_display_array(stdout, jregions, flags);
	if (jdevs)
		return daxctl_json_display_array(stdout, jdevs, flags);
	return 0;
}
