// SPDX-License-Identifier: GPL-2.0-only
/*
 * fail-nth N FILE VALUE: write VALUE to FILE with the N-th fault injection
 * point of this task made to fail (/proc/thread-self/fail-nth, see the
 * kernel's Documentation/fault-injection/fault-injection.rst).
 *
 * Prints "<result> <fired>": result is "ok" or the errno name of the write,
 * fired is 1 if the N-th point was reached (the fault was injected), 0 if the
 * write passed fewer than N points. Both files are opened before the count
 * starts, so that only the write itself is counted. Exit status 0 when it
 * could do that, 2 on a usage or setup error.
 *
 * A separate program because a shell forks for a write that reports its
 * errno, and fork clears the child's fail-nth.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *errname(int err)
{
	switch (err) {
	case EBUSY:
		return "EBUSY";
	case EINVAL:
		return "EINVAL";
	case ENOMEM:
		return "ENOMEM";
	case ENOSPC:
		return "ENOSPC";
	case ENXIO:
		return "ENXIO";
	case ENODEV:
		return "ENODEV";
	case EEXIST:
		return "EEXIST";
	case EFAULT:
		return "EFAULT";
	default:
		return "E?";
	}
}

int main(int argc, char **argv)
{
	char num[32];
	ssize_t len;
	long n;
	int ctl, fd, err = 0;

	if (argc != 4 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: fail-nth N FILE VALUE (N > 0)\n");
		return 2;
	}
	ctl = open("/proc/thread-self/fail-nth", O_RDWR);
	if (ctl < 0) {
		perror("fail-nth: /proc/thread-self/fail-nth");
		return 2;
	}
	fd = open(argv[2], O_WRONLY);
	if (fd < 0) {
		perror(argv[2]);
		return 2;
	}
	len = snprintf(num, sizeof(num), "%ld", n);
	if (pwrite(ctl, num, len, 0) != len) {
		perror("fail-nth: arming");
		return 2;
	}
	if (write(fd, argv[3], strlen(argv[3])) < 0)
		err = errno;
	len = pread(ctl, num, sizeof(num) - 1, 0);
	if (len <= 0) {
		perror("fail-nth: reading back");
		return 2;
	}
	num[len] = '\0';
	/* disarm: the count is left over when the write passed fewer points */
	if (pwrite(ctl, "0", 1, 0) != 1) {
		perror("fail-nth: disarming");
		return 2;
	}
	printf("%s %d\n", err ? errname(err) : "ok", atoi(num) == 0);
	return 0;
}
