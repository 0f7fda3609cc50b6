/* SPDX-License-Identifier: LGPL-2.1-only */
/* journal.c: transaction journals under /run/daxctl/journal.  Internal. */
#ifndef _LIBDAXCTL_JOURNAL_H_
#define _LIBDAXCTL_JOURNAL_H_

#include "txn.h"

/* Start @r's journal (after the lock and the device census). */
void journal_open(struct daxctl_txn *txn, struct txn_region *r);
/* Record a saved device. */
void journal_save(struct txn_region *r, const struct dev_snap *snap);
/* The transaction is over on @r: its journal goes. */
void journal_close(struct txn_region *r);
/* Collect the journals dead processes left on @r's region. */
int journal_scan(struct daxctl_txn *txn, struct txn_region *r);
void journal_free(struct txn_journal *j);

#endif /* _LIBDAXCTL_JOURNAL_H_ */
