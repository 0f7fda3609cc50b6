// SPDX-License-Identifier: LGPL-2.1-only
/*
 * txn.c: transactions over one or more regions (Documentation/
 * libdaxctl-txn.txt).
 *
 * A transaction locks its regions, in ascending id order so that two
 * transactions never wait on each other, and remembers which devices each
 * region had.  Before a device is changed its state is saved; a rollback
 * brings every saved device back to that state, through the same engine
 * that applies a layout (snapshot.c), and deletes the devices that did not
 * exist when the transaction began.  What cannot be put back is listed
 * device by device, so a caller never has to guess what remains changed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "snapshot.h"
#include "txn.h"

static int cmp_txn_region(const void *a, const void *b)
{
	int x = daxctl_region_get_id(((const struct txn_region *)a)->region);
	int y = daxctl_region_get_id(((const struct txn_region *)b)->region);

	return x < y ? -1 : x > y;
}

DAXCTL_EXPORT int daxctl_txn_new(struct daxctl_ctx *ctx,
				 struct daxctl_txn **out)
{
	struct daxctl_txn *txn;

	if (!ctx || !out)
		return -EINVAL;
	txn = calloc(1, sizeof(*txn));
	if (!txn)
		return -ENOMEM;
	txn->ctx = ctx;
	*out = txn;
	return 0;
}

struct txn_region *txn_find_region(struct daxctl_txn *txn,
				   struct daxctl_region *region)
{
	int i;

	for (i = 0; i < txn->nregions; i++)
		if (txn->regions[i].region == region)
			return &txn->regions[i];
	return NULL;
}

DAXCTL_EXPORT int daxctl_txn_add_region(struct daxctl_txn *txn,
					struct daxctl_region *region)
{
	struct txn_region *r;

	if (!txn || !region || region->ctx != txn->ctx)
		return -EINVAL;
	if (txn->state != TXN_NEW)
		return -EBUSY;
	if (txn_find_region(txn, region))
		return 0;
	r = realloc(txn->regions, (txn->nregions + 1) * sizeof(*r));
	if (!r)
		return -ENOMEM;
	txn->regions = r;
	r = &txn->regions[txn->nregions++];
	memset(r, 0, sizeof(*r));
	r->region = region;
	return 0;
}

/* The ids of the devices the region has now. */
static int record_devices(struct txn_region *r)
{
	struct daxctl_dev *dev;
	int n = 0;

	daxctl_dev_foreach(r->region, dev)
		n++;
	r->before = calloc(n ? n : 1, sizeof(*r->before));
	if (!r->before)
		return -ENOMEM;
	daxctl_dev_foreach(r->region, dev)
		r->before[r->nbefore++] = daxctl_dev_get_id(dev);
	r->saved.id = daxctl_region_get_id(r->region);
	r->saved.size = daxctl_region_get_size(r->region);
	return 0;
}

static bool existed(const struct txn_region *r, int id)
{
	int i;

	for (i = 0; i < r->nbefore; i++)
		if (r->before[i] == id)
			return true;
	return false;
}

static void interrupted_free(struct txn_region *r)
{
	int i;

	for (i = 0; i < r->ninterrupted; i++)
		journal_free(&r->interrupted[i]);
	free(r->interrupted);
	r->interrupted = NULL;
	r->ninterrupted = 0;
}

static void txn_release(struct daxctl_txn *txn)
{
	int i;

	for (i = 0; i < txn->nregions; i++) {
		struct txn_region *r = &txn->regions[i];

		/* the journal goes before the lock that makes it trusted */
		journal_close(r);
		interrupted_free(r);
		if (r->locked)
			daxctl_region_unlock(r->region);
		r->locked = false;
		region_snap_free(&r->saved);
		free(r->before);
		r->before = NULL;
		r->nbefore = 0;
	}
}

static int describe_interrupted(struct daxctl_txn *txn, struct txn_region *r);

DAXCTL_EXPORT int daxctl_txn_begin(struct daxctl_txn *txn, int timeout_ms)
{
	int i, rc = 0;

	if (!txn)
		return -EINVAL;
	if (txn->state != TXN_NEW)
		return -EBUSY;
	/* a command naming no existing region locks nothing */
	if (txn->nregions)
		qsort(txn->regions, txn->nregions, sizeof(*txn->regions),
		      cmp_txn_region);
	txn->busy = NULL;
	for (i = 0; i < txn->nregions && !rc; i++) {
		struct txn_region *r = &txn->regions[i];

		rc = daxctl_region_lock(r->region, timeout_ms);
		if (rc) {
			txn->busy = r->region;
			break;
		}
		r->locked = true;
		rc = record_devices(r);
		/* a fresh lock: any other journal is a dead process's */
		if (!rc && r->region->lock_depth == 1)
			rc = journal_scan(txn, r);
		if (!rc)
			rc = describe_interrupted(txn, r);
		if (!rc)
			journal_open(txn, r);
	}
	if (rc) {
		txn_release(txn);
		return rc;
	}
	txn->state = TXN_ACTIVE;
	return 0;
}

DAXCTL_EXPORT struct daxctl_region *
daxctl_txn_get_busy_region(struct daxctl_txn *txn)
{
	return txn ? txn->busy : NULL;
}

DAXCTL_EXPORT int daxctl_txn_save_dev(struct daxctl_txn *txn,
				      struct daxctl_dev *dev)
{
	struct txn_region *r;
	struct dev_snap snap;
	int rc;

	if (!txn || !dev)
		return -EINVAL;
	if (txn->state != TXN_ACTIVE)
		return -EINVAL;
	r = txn_find_region(txn, dev->region);
	if (!r)
		return -ENOLCK;
	/* the first save is the state before the transaction; a device the
	 * transaction created has none: a rollback deletes it */
	if (region_snap_find(&r->saved, dev->id) || !existed(r, dev->id))
		return 0;
	rc = dev_snap_take(dev, &snap);
	if (!rc)
		rc = region_snap_put(&r->saved, &snap);
	if (!rc)
		journal_save(r, &snap);
	dev_snap_free(&snap);
	return rc;
}

DAXCTL_EXPORT int daxctl_txn_save_region(struct daxctl_txn *txn,
					 struct daxctl_region *region)
{
	struct daxctl_dev *dev;
	int rc;

	if (!txn || !region)
		return -EINVAL;
	daxctl_dev_foreach(region, dev) {
		rc = daxctl_txn_save_dev(txn, dev);
		if (rc)
			return rc;
	}
	return 0;
}

static void entries_free(struct daxctl_txn_entry **head)
{
	struct daxctl_txn_entry *e = *head, *next;

	for (; e; e = next) {
		next = e->next;
		free(e->devname);
		free(e->text);
		free(e);
	}
	*head = NULL;
}

int txn_add_entry(struct daxctl_txn_entry **head, const char *devname,
		  const char *fmt, ...)
{
	struct daxctl_txn_entry *e, **tail = head;
	va_list ap;
	int rc;

	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	va_start(ap, fmt);
	rc = vasprintf(&e->text, fmt, ap);
	va_end(ap);
	e->devname = strdup(devname);
	if (rc < 0 || !e->devname) {
		if (rc < 0)
			e->text = NULL;
		free(e->devname);
		free(e->text);
		free(e);
		return -ENOMEM;
	}
	while (*tail)
		tail = &(*tail)->next;
	*tail = e;
	return 0;
}

/* "left system-ram, size 268435456, 1 of 2 memory blocks online" */
static void describe_now(struct daxctl_region *region,
			 const struct dev_snap *now, char *buf, size_t len)
{
	struct daxctl_memory *mem = NULL;
	struct daxctl_dev *dev;
	unsigned long on = 0;
	int i;

	if (now->mode != DAXCTL_DEV_MODE_RAM) {
		snprintf(buf, len, "left %s, size %llu",
			 daxctl_dev_mode_name(now->mode), now->size);
		return;
	}
	daxctl_dev_foreach(region, dev)
		if (daxctl_dev_get_id(dev) == now->id)
			mem = daxctl_dev_get_memory(dev);
	for (i = 0; i < now->nonline; i++)
		on += now->online[i].last - now->online[i].first + 1;
	snprintf(buf, len,
		 "left in system-ram mode, size %llu, %lu of %d memory blocks online",
		 now->size, on, mem ? daxctl_memory_num_sections(mem) : 0);
}

/* One entry per saved device not as saved, and per created one left over. */
static int list_remainder(struct daxctl_txn *txn, struct txn_region *r,
			  const struct region_snap *now)
{
	int i, rc = 0, id = now->id;
	struct daxctl_dev *seed;
	char buf[160], name[40];

	for (i = 0; i < r->saved.ndevs && !rc; i++) {
		const struct dev_snap *s = &r->saved.devs[i];
		const struct dev_snap *n = region_snap_find(now, s->id);

		if (n && dev_snap_same(n, s))
			continue;
		snprintf(name, sizeof(name), "dax%d.%d", id, s->id);
		if (n)
			describe_now(r->region, n, buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "the device is gone");
		rc = txn_add_entry(&txn->remainder, name,
				   "could not restore the previous state (%s, size %llu): %s",
				   daxctl_dev_mode_name(s->mode), s->size,
				   buf);
	}
	seed = daxctl_region_get_dev_seed(r->region);
	for (i = 0; i < now->ndevs && !rc; i++) {
		const struct dev_snap *n = &now->devs[i];

		if (existed(r, n->id) || region_snap_find(&r->saved, n->id))
			continue;
		/* an idle seed the kernel made after a 'create' is no change */
		if (!n->size && n->mode == DAXCTL_DEV_MODE_DISABLED && seed &&
		    daxctl_dev_get_id(seed) == n->id)
			continue;
		snprintf(name, sizeof(name), "dax%d.%d", id, n->id);
		rc = txn_add_entry(&txn->remainder, name,
				   "created by the failed change and left in place (%s, size %llu)",
				   daxctl_dev_mode_name(n->mode), n->size);
	}
	return rc;
}

/*
 * What the region must look like again: as it is, except that every
 * saved device is as saved and every device created since the beginning
 * is gone.
 */
static int restore_region(struct daxctl_txn *txn, struct txn_region *r)
{
	struct region_snap now, want, after;
	struct apply_result res = { 0 };
	int i, rc;

	rc = region_snap_take(r->region, &now);
	if (rc)
		return rc;
	rc = region_snap_take(r->region, &want);
	for (i = 0; !rc && i < r->saved.ndevs; i++)
		rc = region_snap_put(&want, &r->saved.devs[i]);
	for (i = 0; !rc && i < now.ndevs; i++)
		if (!existed(r, now.devs[i].id) &&
		    !region_snap_find(&r->saved, now.devs[i].id))
			region_snap_remove(&want, now.devs[i].id);
	if (!rc) {
		if (region_apply(r->region, &now, &want, true, &res))
			dbg(txn->ctx, "region%d: restore stopped: %s\n",
			    want.id, res.reason);
		txn->undone += res.changed;
		rc = region_snap_take(r->region, &after);
	}
	if (!rc) {
		rc = list_remainder(txn, r, &after);
		region_snap_free(&after);
	}
	region_snap_free(&want);
	region_snap_free(&now);
	return rc;
}

/* @r as the dead transaction of journal @j saw it. */
static struct txn_region journal_view(const struct txn_region *r,
				      const struct txn_journal *j)
{
	struct txn_region v = *r;

	v.before = j->before;
	v.nbefore = j->nbefore;
	v.saved = j->saved;
	return v;
}

/* One entry per device journal @j's dead transaction left changed. */
static int describe_journal(struct daxctl_txn *txn, struct txn_region *r,
			    const struct txn_journal *j,
			    const struct region_snap *now, int *n)
{
	struct txn_region v = journal_view(r, j);
	char buf[160], name[40];
	int i, rc = 0;

	for (i = 0; i < j->saved.ndevs && !rc; i++) {
		const struct dev_snap *s = &j->saved.devs[i];
		const struct dev_snap *c = region_snap_find(now, s->id);

		if (c && dev_snap_same(c, s))
			continue;
		snprintf(name, sizeof(name), "dax%d.%d", now->id, s->id);
		if (c)
			describe_now(r->region, c, buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "now gone");
		rc = txn_add_entry(&txn->interrupted, name,
				   "left part way by a killed daxctl (pid %d): was %s, size %llu; %s",
				   j->pid, daxctl_dev_mode_name(s->mode),
				   s->size, buf);
		(*n)++;
	}
	for (i = 0; i < now->ndevs && !rc; i++) {
		const struct dev_snap *c = &now->devs[i];

		/* even an empty one: the region had no such device before */
		if (existed(&v, c->id) || region_snap_find(&j->saved, c->id))
			continue;
		snprintf(name, sizeof(name), "dax%d.%d", now->id, c->id);
		rc = txn_add_entry(&txn->interrupted, name,
				   "created by a killed daxctl (pid %d) and left in place (%s, size %llu)",
				   j->pid, daxctl_dev_mode_name(c->mode),
				   c->size);
		(*n)++;
	}
	return rc;
}

/*
 * What dead transactions left changed on @r's region; a journal that
 * left nothing changed is deleted on the spot.
 */
static int describe_interrupted(struct daxctl_txn *txn, struct txn_region *r)
{
	struct region_snap now;
	int i, k, rc;

	if (!r->ninterrupted)
		return 0;
	rc = region_snap_take(r->region, &now);
	for (i = 0; !rc && i < r->ninterrupted; i++) {
		struct txn_journal *j = &r->interrupted[i];
		int n = 0;

		rc = describe_journal(txn, r, j, &now, &n);
		if (rc || n)
			continue;
		unlink(j->path);
		journal_free(j);
		for (k = i; k + 1 < r->ninterrupted; k++)
			r->interrupted[k] = r->interrupted[k + 1];
		r->ninterrupted--;
		i--;
	}
	region_snap_free(&now);
	return rc;
}

DAXCTL_EXPORT struct daxctl_txn_entry *
daxctl_txn_interrupted_get_first(struct daxctl_txn *txn)
{
	return txn ? txn->interrupted : NULL;
}

DAXCTL_EXPORT int daxctl_txn_recover(struct daxctl_txn *txn, bool undo)
{
	struct daxctl_txn_entry *e;
	int i, k, rc = 0, n = 0;

	if (!txn || txn->state != TXN_ACTIVE)
		return -EINVAL;
	entries_free(&txn->remainder);
	for (i = 0; i < txn->nregions && !rc; i++) {
		struct txn_region *r = &txn->regions[i];

		for (k = r->ninterrupted - 1; k >= 0 && !rc; k--) {
			struct txn_journal *j = &r->interrupted[k];
			struct txn_region v = journal_view(r, j);

			if (undo)
				rc = restore_region(txn, &v);
			if (!rc)
				unlink(j->path);
		}
		if (!rc)
			interrupted_free(r);
	}
	if (!rc)
		entries_free(&txn->interrupted);
	for (e = txn->remainder; e; e = e->next)
		n++;
	return rc ? rc : n;
}

DAXCTL_EXPORT int daxctl_txn_rollback(struct daxctl_txn *txn)
{
	struct daxctl_txn_entry *e;
	int i, rc, ret = 0, n = 0;

	if (!txn || txn->state != TXN_ACTIVE)
		return -EINVAL;
	entries_free(&txn->remainder);
	txn->undone = 0;
	/* in reverse: the last region changed is the first put back */
	for (i = txn->nregions - 1; i >= 0; i--) {
		rc = restore_region(txn, &txn->regions[i]);
		if (rc && !ret)
			ret = rc;
	}
	txn->state = TXN_DONE;
	txn_release(txn);
	if (ret)
		return ret;
	for (e = txn->remainder; e; e = e->next)
		n++;
	return n;
}

DAXCTL_EXPORT int daxctl_txn_commit(struct daxctl_txn *txn)
{
	if (!txn || txn->state != TXN_ACTIVE)
		return -EINVAL;
	txn->state = TXN_DONE;
	txn_release(txn);
	return 0;
}

DAXCTL_EXPORT int daxctl_txn_get_undone(struct daxctl_txn *txn)
{
	return txn ? txn->undone : 0;
}

DAXCTL_EXPORT const char *daxctl_txn_get_reason(struct daxctl_txn *txn)
{
	return txn && txn->reason[0] ? txn->reason : NULL;
}

DAXCTL_EXPORT struct daxctl_txn_entry *
daxctl_txn_remainder_get_first(struct daxctl_txn *txn)
{
	return txn ? txn->remainder : NULL;
}

DAXCTL_EXPORT struct daxctl_txn_entry *
daxctl_txn_plan_get_first(struct daxctl_txn *txn)
{
	return txn ? txn->plan : NULL;
}

DAXCTL_EXPORT struct daxctl_txn_entry *
daxctl_txn_entry_get_next(struct daxctl_txn_entry *entry)
{
	return entry ? entry->next : NULL;
}

DAXCTL_EXPORT const char *
daxctl_txn_entry_get_devname(struct daxctl_txn_entry *entry)
{
	return entry ? entry->devname : NULL;
}

DAXCTL_EXPORT const char *
daxctl_txn_entry_get_text(struct daxctl_txn_entry *entry)
{
	return entry ? entry->text : NULL;
}

DAXCTL_EXPORT void daxctl_txn_free(struct daxctl_txn *txn)
{
	if (!txn)
		return;
	/* abandoned while active: nothing half done survives the caller */
	if (txn->state == TXN_ACTIVE)
		daxctl_txn_rollback(txn);
	txn_release(txn);
	entries_free(&txn->remainder);
	entries_free(&txn->plan);
	entries_free(&txn->interrupted);
	free(txn->regions);
	free(txn);
}
