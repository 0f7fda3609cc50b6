/* SPDX-License-Identifier: LGPL-2.1-only */
/* txn.c internals, shared with layout.c.  Not public ABI. */
#ifndef _LIBDAXCTL_TXN_H_
#define _LIBDAXCTL_TXN_H_

#include "snapshot.h"

struct daxctl_txn_entry {
	struct daxctl_txn_entry *next;
	char *devname;
	char *text;
};

/* What a process killed in the middle of a transaction left (journal.c). */
struct txn_journal {
	char *path;
	int pid;
	int nbefore;
	int *before;
	struct region_snap saved;
};

struct txn_region {
	struct daxctl_region *region;
	bool locked;
	int nbefore;
	int *before; /* device ids when the transaction began */
	struct region_snap saved; /* devices saved, as they were */
	char *journal; /* this transaction's journal file, or NULL */
	int ninterrupted;
	struct txn_journal *interrupted; /* dead processes' journals */
};

enum txn_state {
	TXN_NEW,
	TXN_ACTIVE,
	TXN_DONE,
};

struct daxctl_txn {
	struct daxctl_ctx *ctx;
	enum txn_state state;
	int nregions;
	struct txn_region *regions; /* ascending id once begun */
	struct daxctl_region *busy; /* the region a failed begin waited on */
	char reason[256];
	int undone; /* writes made by the rollback */
	struct daxctl_txn_entry *remainder;
	struct daxctl_txn_entry *plan;
	struct daxctl_txn_entry *interrupted;
};

struct txn_region *txn_find_region(struct daxctl_txn *txn,
				   struct daxctl_region *region);
int txn_add_entry(struct daxctl_txn_entry **head, const char *devname,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif /* _LIBDAXCTL_TXN_H_ */
