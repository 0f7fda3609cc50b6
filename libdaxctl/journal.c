// SPDX-License-Identifier: LGPL-2.1-only
/*
 * journal.c: what an active transaction would roll back, kept in a small
 * file per transaction and region under /run/daxctl/journal, so that a
 * process killed part way (SIGKILL, OOM, a crash) leaves enough behind
 * for the next transaction on that region to say what was left half done
 * and to undo it.  /run is emptied at boot, which is right: the dax
 * devices are rebuilt from firmware then, and there is nothing to undo.
 *
 * The directory is journal/ in the region locks' directory (lock.c).
 * A journal lives exactly as long as its transaction holds the region
 * lock.  So a journal of another process found while holding the lock is
 * one whose writer died: no liveness check is needed, and pid reuse does
 * not matter.  Journaling is best effort: a transaction whose journal
 * cannot be written runs all the same (say so at debug level).
 *
 * Format, one line each: "daxctl-txn 1 <pid> <region id>", "before <n>
 * <ids...>", then per saved device "dev <id> <mode> <size> <align>
 * <memmap> <n> <start end>... <k> <first last movable>...".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"
#include "sysfs.h"

#define JOURNAL_MAX_DEVS 4096
#define JOURNAL_MAX_RANGES 4096

/*
 * <lock directory>/journal: the lock directory is root's and closed to
 * others (lock.c checks it before every lock), so no one else can plant a
 * journal there; and it follows the lock wherever a test puts it.
 */
static int journal_dir(struct daxctl_ctx *ctx, char *buf, size_t len)
{
	char dir[PATH_MAX];
	int rc, n;

	rc = sysfs_lock_dir(ctx, dir);
	if (rc)
		return rc;
	n = snprintf(buf, len, "%s/journal", dir);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* The lock directory exists (the lock is held): only journal/ may not. */
static int make_dir(const char *dir)
{
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static void append(struct txn_region *r, const char *line)
{
	int fd;

	if (!r->journal)
		return;
	fd = open(r->journal, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return;
	/* a short write leaves a journal the reader refuses as torn */
	if (write(fd, line, strlen(line)) < 0)
		(void)0;
	close(fd);
}

void journal_open(struct daxctl_txn *txn, struct txn_region *r)
{
	static unsigned int seq;
	char dir[PATH_MAX - 64], path[PATH_MAX];
	int fd, i, id = daxctl_region_get_id(r->region);
	FILE *f;

	if (journal_dir(txn->ctx, dir, sizeof(dir)) || make_dir(dir)) {
		dbg(txn->ctx, "region%d: no journal directory\n", id);
		return;
	}
	snprintf(path, sizeof(path), "%s/region%d.%d.%u", dir, id,
		 (int)getpid(), seq++);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		if (fd >= 0)
			close(fd);
		dbg(txn->ctx, "%s: cannot write a journal\n", path);
		return;
	}
	fprintf(f, "daxctl-txn 1 %d %d\nbefore %d", (int)getpid(), id,
		r->nbefore);
	for (i = 0; i < r->nbefore; i++)
		fprintf(f, " %d", r->before[i]);
	fputc('\n', f);
	if (fclose(f)) {
		unlink(path);
		return;
	}
	r->journal = strdup(path);
}

void journal_save(struct txn_region *r, const struct dev_snap *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	if (!r->journal)
		return;
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	fprintf(f, "dev %d %d %llu %lu %d %d", s->id, (int)s->mode, s->size,
		s->align, s->memmap, s->nmaps);
	for (i = 0; i < s->nmaps; i++)
		fprintf(f, " %llu %llu", s->maps[i].start, s->maps[i].end);
	fprintf(f, " %d", s->nonline);
	for (i = 0; i < s->nonline; i++)
		fprintf(f, " %lu %lu %d", s->online[i].first, s->online[i].last,
			s->online[i].movable);
	fputc('\n', f);
	if (fclose(f) == 0)
		append(r, buf);
	free(buf);
}

void journal_close(struct txn_region *r)
{
	if (!r->journal)
		return;
	unlink(r->journal);
	free(r->journal);
	r->journal = NULL;
}

/* ---- reading what a dead process left -------------------------------- */

static int read_dev(FILE *f, struct dev_snap *s)
{
	int i, mode, movable;

	memset(s, 0, sizeof(*s));
	if (fscanf(f, "%d %d %llu %lu %d %d", &s->id, &mode, &s->size,
		   &s->align, &s->memmap, &s->nmaps) != 6 || s->id < 0 ||
	    mode < 0 || mode > 2 || s->memmap < -1 || s->memmap > 1 ||
	    s->nmaps < 0 || s->nmaps > JOURNAL_MAX_RANGES)
		return -EINVAL;
	s->mode = mode;
	s->maps = calloc(s->nmaps ? s->nmaps : 1, sizeof(*s->maps));
	if (!s->maps)
		return -ENOMEM;
	for (i = 0; i < s->nmaps; i++)
		if (fscanf(f, "%llu %llu", &s->maps[i].start,
			   &s->maps[i].end) != 2 ||
		    s->maps[i].end < s->maps[i].start)
			return -EINVAL;
	if (fscanf(f, "%d", &s->nonline) != 1 || s->nonline < 0 ||
	    s->nonline > JOURNAL_MAX_RANGES)
		return -EINVAL;
	s->online = calloc(s->nonline ? s->nonline : 1, sizeof(*s->online));
	if (!s->online)
		return -ENOMEM;
	for (i = 0; i < s->nonline; i++) {
		if (fscanf(f, "%lu %lu %d", &s->online[i].first,
			   &s->online[i].last, &movable) != 3 ||
		    s->online[i].last < s->online[i].first)
			return -EINVAL;
		s->online[i].movable = movable;
	}
	return 0;
}

static int read_journal(const char *path, int region_id,
			struct txn_journal *j)
{
	int version, pid, rid, i, rc = -EINVAL;
	char word[16];
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		return -errno;
	if (fscanf(f, "daxctl-txn %d %d %d", &version, &pid, &rid) != 3 ||
	    version != 1 || rid != region_id)
		goto out;
	j->pid = pid;
	if (fscanf(f, " before %d", &j->nbefore) != 1 || j->nbefore < 0 ||
	    j->nbefore > JOURNAL_MAX_DEVS)
		goto out;
	j->before = calloc(j->nbefore ? j->nbefore : 1, sizeof(*j->before));
	if (!j->before) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < j->nbefore; i++)
		if (fscanf(f, "%d", &j->before[i]) != 1)
			goto out;
	j->saved.id = region_id;
	while (fscanf(f, " %15s", word) == 1) {
		struct dev_snap s;

		if (strcmp(word, "dev") != 0)
			goto out;
		rc = read_dev(f, &s);
		/* the first save of a device is the state before */
		if (!rc && !region_snap_find(&j->saved, s.id))
			rc = region_snap_put(&j->saved, &s);
		dev_snap_free(&s);
		if (rc)
			goto out;
		rc = -EINVAL;
	}
	rc = 0;
out:
	fclose(f);
	return rc;
}

void journal_free(struct txn_journal *j)
{
	free(j->path);
	free(j->before);
	region_snap_free(&j->saved);
	memset(j, 0, sizeof(*j));
}

/*
 * The journals of dead processes on @r's region, into @r->interrupted.
 * Called with the region lock just taken.
 */
int journal_scan(struct daxctl_txn *txn, struct txn_region *r)
{
	int id = daxctl_region_get_id(r->region), n, rc = 0;
	char dir[PATH_MAX - 64], prefix[32];
	struct dirent *de;
	DIR *d;

	if (journal_dir(txn->ctx, dir, sizeof(dir)))
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	n = snprintf(prefix, sizeof(prefix), "region%d.", id);
	while ((de = readdir(d)) && !rc) {
		struct txn_journal j = { 0 }, *list;
		char path[PATH_MAX];
		int pid;

		if (strncmp(de->d_name, prefix, n) != 0 ||
		    sscanf(de->d_name + n, "%d.", &pid) != 1 ||
		    pid == (int)getpid())
			continue;
		if (snprintf(path, sizeof(path), "%s/%.64s", dir, de->d_name) >=
		    (int)sizeof(path))
			continue;
		if (read_journal(path, id, &j)) {
			/* torn or foreign: nothing it says can be trusted */
			dbg(txn->ctx, "%s: unreadable journal ignored\n", path);
			journal_free(&j);
			continue;
		}
		j.path = strdup(path);
		list = realloc(r->interrupted,
			       (r->ninterrupted + 1) * sizeof(*list));
		if (list)
			r->interrupted = list;
		if (!list || !j.path) {
			journal_free(&j);
			rc = -ENOMEM;
			break;
		}
		r->interrupted[r->ninterrupted++] = j;
	}
	closedir(d);
	return rc;
}
