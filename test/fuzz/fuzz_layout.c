// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_layout: the apply-layout reader of daxctl/layout-json.c, on arbitrary
 * bytes as the layout file.
 *
 * It replays what cmd_apply_layout() does before touching sysfs: parse
 * the JSON, check "version" and "regions", and turn every region into the
 * internal layout with lregion_from_json().  Oracles for an accepted
 * region: each device's ranges are well formed and add up to its size
 * without wrapping, ids are unique, and the layout survives a round trip
 * through lregion_to_json() (what save-layout writes) unchanged.
 */
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "../../daxctl/layout-json.h"

static void same_or_abort(const struct lregion *a, const struct lregion *b)
{
	int i, k;

	if (a->id != b->id || a->size != b->size || a->ndevs != b->ndevs)
		abort();
	for (i = 0; i < a->ndevs; i++) {
		const struct ldev *x = &a->devs[i], *y = &b->devs[i];

		if (x->id != y->id || strcmp(x->name, y->name) ||
		    x->size != y->size || x->align != y->align ||
		    x->mode != y->mode || x->nmaps != y->nmaps)
			abort();
		for (k = 0; k < x->nmaps; k++)
			if (x->maps[k].start != y->maps[k].start ||
			    x->maps[k].end != y->maps[k].end)
				abort();
		if (x->mode == DAXCTL_DEV_MODE_RAM) {
			if (x->nonline != y->nonline)
				abort();
			for (k = 0; k < x->nonline; k++)
				if (x->online[k].first != y->online[k].first ||
				    x->online[k].last != y->online[k].last ||
				    x->online[k].movable != y->online[k].movable)
					abort();
		}
	}
}

static void check_region(const struct lregion *lr)
{
	int i, k;

	for (i = 0; i < lr->ndevs; i++) {
		const struct ldev *ld = &lr->devs[i];
		unsigned __int128 total = 0;

		if (i && lr->devs[i - 1].id >= ld->id)
			abort();
		for (k = 0; k < ld->nmaps; k++) {
			if (ld->maps[k].end < ld->maps[k].start)
				abort();
			total += (unsigned __int128)(ld->maps[k].end -
						     ld->maps[k].start) + 1;
		}
		/* the ranges must add up to the size, in real arithmetic */
		if (total != ld->size)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *jroot, *jregions, *j;
	struct json_tokener *tok;
	int i, k;

	tok = json_tokener_new();
	if (!tok)
		return 0;
	jroot = json_tokener_parse_ex(tok, (const char *)data, (int)size);
	json_tokener_free(tok);
	if (!jroot)
		return 0;
	if (!json_object_object_get_ex(jroot, "version", &j) ||
	    json_object_get_int(j) != LAYOUT_VERSION ||
	    !json_object_object_get_ex(jroot, "regions", &jregions) ||
	    !json_object_is_type(jregions, json_type_array))
		goto out;

	k = json_object_array_length(jregions);
	for (i = 0; i < k; i++) {
		struct lregion want, again;
		struct json_object *jr;

		if (lregion_from_json("fuzz", json_object_array_get_idx(jregions, i),
				      &want)) {
			lregion_free(&want);
			continue;
		}
		check_region(&want);
		jr = lregion_to_json(&want);
		if (lregion_from_json("fuzz", jr, &again))
			abort();
		same_or_abort(&want, &again);
		json_object_put(jr);
		lregion_free(&again);
		lregion_free(&want);
	}
out:
	json_object_put(jroot);
	return 0;
}
