/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A command's changes through libdaxctl transactions: the command holds
 * one over the regions it may change (the locks), and each device it
 * changes gets one of its own nested inside, so a failure puts back that
 * device alone.  See Documentation/locking.md.
 */
#ifndef _DAXCTL_CHANGE_H_
#define _DAXCTL_CHANGE_H_

struct daxctl_ctx;
struct daxctl_dev;
struct daxctl_region;
struct daxctl_txn;

/*
 * Lock, in ascending region id order (the library's), every region the
 * command may change: those matching @region_filter (NULL: all) and, when
 * every one of the @nidents device arguments names a device (daxX.Y or
 * X.Y), only the regions of those devices.  On failure prints one line
 * naming @cmd and the busy region and returns -EBUSY (or -errno); nothing
 * is then held.  The wait is DAXCTL_LOCK_TIMEOUT seconds (default 30).
 */
int command_lock(struct daxctl_ctx *ctx, const char *cmd,
		 const char *region_filter, int nidents, const char **idents,
		 struct daxctl_txn **txn);
/*
 * Begin @txn (regions added) with the command timeout; same message.
 * A region that a killed daxctl left part way changed is refused (-EBUSY)
 * after a line per device left changed, and nothing is then held.
 */
int command_lock_txn(struct daxctl_txn *txn, const char *cmd);
/* The same without the refusal, for daxctl recover. */
int command_begin(struct daxctl_txn *txn, const char *cmd);
/* Release the command's locks. */
void command_unlock(struct daxctl_txn *txn);

/* A nested transaction on @region; NULL (after a message) when out of memory. */
struct daxctl_txn *change_begin(struct daxctl_region *region);
/* Save @dev's state in @txn; 0 or -errno after a message. */
int change_save(struct daxctl_txn *txn, struct daxctl_dev *dev);
/* Keep the changes. */
void change_keep(struct daxctl_txn *txn);
/*
 * Put back what @txn saved; print one line per device that could not be,
 * "<dev>: could not restore ...", or, with @restored non-NULL and every
 * device back, "<restored>: restored to its previous state (N changes
 * undone)" when there was anything to undo.  Returns how many devices
 * were listed.
 */
int change_undo(struct daxctl_txn *txn, const char *restored);
/* The lines of a rollback's remainder, without rolling back. */
int print_remainder(struct daxctl_txn *txn);

#endif /* _DAXCTL_CHANGE_H_ */
