// SPDX-License-Identifier: GPL-2.0-only
/*
 * change.c: which regions a command locks and what it says when one stays
 * busy, and the per-device transactions that undo a failed change.  Lock
 * order, snapshots and restores are libdaxctl's (txn.c); the rules are in
 * Documentation/locking.md.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdaxctl/libdaxctl.h>

#include "filter.h"
#include "ident.h"
#include "change.h"

#define LOCK_TIMEOUT_DEFAULT_S 30
#define LOCK_TIMEOUT_MAX_S 86400

/* DAXCTL_LOCK_TIMEOUT: whole seconds, 0..86400; anything else is ignored */
static int lock_timeout_s(void)
{
	const char *env = getenv("DAXCTL_LOCK_TIMEOUT");
	unsigned long v = 0;
	const char *p;

	if (!env || !*env)
		return LOCK_TIMEOUT_DEFAULT_S;
	for (p = env; *p; p++) {
		if (*p < '0' || *p > '9' || p - env > 6)
			goto bad;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v <= LOCK_TIMEOUT_MAX_S)
		return (int)v;
bad:
	fprintf(stderr, "warning: ignoring DAXCTL_LOCK_TIMEOUT='%s' (expected 0 to %d seconds)\n",
		env, LOCK_TIMEOUT_MAX_S);
	return LOCK_TIMEOUT_DEFAULT_S;
}

/* Name the holder: only a daxctl is called one. */
static void say_busy(struct daxctl_region *busy, const char *cmd,
		     int timeout_s)
{
	int id = busy ? daxctl_region_get_id(busy) : -1;
	char comm[32] = "", who[80];
	int pid = busy ? daxctl_region_get_lock_holder(busy, comm,
						       sizeof(comm)) : 0;

	if (pid > 0 && strcmp(comm, "daxctl") == 0)
		snprintf(who, sizeof(who), "daxctl (pid %d) is changing it",
			 pid);
	else if (pid > 0)
		snprintf(who, sizeof(who), "its lock is held by pid %d (%s)",
			 pid, comm[0] ? comm : "?");
	else
		snprintf(who, sizeof(who), "its lock is held by another process");
	fprintf(stderr, "error: %s: region%d is busy: %s (waited %d s; DAXCTL_LOCK_TIMEOUT sets the wait)\n",
		cmd, id, who, timeout_s);
}

static int lock_txn(struct daxctl_txn *txn, const char *cmd)
{
	int timeout_s = lock_timeout_s();
	int rc = daxctl_txn_begin(txn, timeout_s * 1000);
	struct daxctl_region *busy = daxctl_txn_get_busy_region(txn);
	int id = busy ? daxctl_region_get_id(busy) : -1;

	if (rc == -EBUSY)
		say_busy(busy, cmd, timeout_s);
	else if (rc && busy)
		fprintf(stderr, "error: %s: cannot lock region%d: %s\n", cmd,
			id, strerror(-rc));
	else if (rc)
		fprintf(stderr, "error: %s: %s\n", cmd, strerror(-rc));
	return rc;
}

/*
 * A daxctl killed part way left a region changed: say how, device by
 * device, and change nothing more until someone decides (daxctl recover).
 */
static int refuse_interrupted(struct daxctl_txn *txn, const char *cmd)
{
	struct daxctl_txn_entry *e = daxctl_txn_interrupted_get_first(txn);

	if (!e)
		return 0;
	for (; e; e = daxctl_txn_entry_get_next(e))
		fprintf(stderr, "%s: %s\n", daxctl_txn_entry_get_devname(e),
			daxctl_txn_entry_get_text(e));
	fprintf(stderr, "error: %s: an interrupted daxctl left the devices above part way changed: 'daxctl recover' puts them back, 'daxctl recover --keep' accepts them\n",
		cmd);
	/* nothing was saved: this only releases the locks */
	daxctl_txn_commit(txn);
	return -EBUSY;
}

int command_begin(struct daxctl_txn *txn, const char *cmd)
{
	return lock_txn(txn, cmd);
}

int command_lock_txn(struct daxctl_txn *txn, const char *cmd)
{
	int rc = lock_txn(txn, cmd);

	return rc ? rc : refuse_interrupted(txn, cmd);
}

/* The region id a device argument names, or -1 when it names no one device. */
static int arg_region(const char *ident)
{
	const char *base = strrchr(ident, '/');
	int region_id, dev_id;

	if (base && base[1])
		ident = base + 1;
	if (ident_dev(ident, &region_id, &dev_id) == 0)
		return region_id;
	return -1;
}

int command_lock(struct daxctl_ctx *ctx, const char *cmd,
		 const char *region_filter, int nidents, const char **idents,
		 struct daxctl_txn **out)
{
	struct daxctl_region *region;
	struct daxctl_txn *txn;
	bool by_device = nidents > 0;
	int i, rc;

	*out = NULL;
	for (i = 0; i < nidents; i++)
		if (arg_region(idents[i]) < 0)
			by_device = false;
	rc = daxctl_txn_new(ctx, &txn);
	if (rc)
		return rc;
	daxctl_region_foreach(ctx, region) {
		bool hit = !by_device;

		if (!daxctl_filter_region(region, region_filter))
			continue;
		for (i = 0; i < nidents && !hit; i++)
			hit = arg_region(idents[i]) ==
			      daxctl_region_get_id(region);
		if (!hit)
			continue;
		rc = daxctl_txn_add_region(txn, region);
		if (rc)
			break;
	}
	if (!rc)
		rc = command_lock_txn(txn, cmd);
	if (rc) {
		daxctl_txn_free(txn);
		return rc;
	}
	*out = txn;
	return 0;
}

void command_unlock(struct daxctl_txn *txn)
{
	/* nothing was saved in it: a commit only releases the locks */
	if (txn)
		daxctl_txn_commit(txn);
	daxctl_txn_free(txn);
}

struct daxctl_txn *change_begin(struct daxctl_region *region)
{
	struct daxctl_txn *txn;
	int rc;

	rc = daxctl_txn_new(daxctl_region_get_ctx(region), &txn);
	if (!rc) {
		rc = daxctl_txn_add_region(txn, region);
		/* the command holds the lock already: this only nests */
		if (!rc)
			rc = daxctl_txn_begin(txn, 0);
		if (rc) {
			daxctl_txn_free(txn);
			txn = NULL;
		}
	}
	if (rc)
		fprintf(stderr, "region%d: cannot start a transaction: %s\n",
			daxctl_region_get_id(region), strerror(-rc));
	return txn;
}

int change_save(struct daxctl_txn *txn, struct daxctl_dev *dev)
{
	int rc = daxctl_txn_save_dev(txn, dev);

	if (rc)
		fprintf(stderr, "%s: cannot save the present state: %s\n",
			daxctl_dev_get_devname(dev), strerror(-rc));
	return rc;
}

void change_keep(struct daxctl_txn *txn)
{
	daxctl_txn_commit(txn);
	daxctl_txn_free(txn);
}

int print_remainder(struct daxctl_txn *txn)
{
	struct daxctl_txn_entry *e;
	int n = 0;

	for (e = daxctl_txn_remainder_get_first(txn); e;
	     e = daxctl_txn_entry_get_next(e), n++)
		fprintf(stderr, "%s: %s\n", daxctl_txn_entry_get_devname(e),
			daxctl_txn_entry_get_text(e));
	return n;
}

int change_undo(struct daxctl_txn *txn, const char *restored)
{
	int rc = daxctl_txn_rollback(txn), n, undone;

	if (rc < 0)
		fprintf(stderr, "error: the rollback could not complete: %s\n",
			strerror(-rc));
	n = print_remainder(txn);
	undone = daxctl_txn_get_undone(txn);
	if (!n && rc == 0 && restored && undone)
		fprintf(stderr, "%s: restored to its previous state (%d change%s undone)\n",
			restored, undone, undone == 1 ? "" : "s");
	daxctl_txn_free(txn);
	return rc < 0 ? (n ? n : 1) : n;
}
