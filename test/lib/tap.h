/* SPDX-License-Identifier: GPL-2.0-only */
/* A minimal TAP producer for the C tests (plan printed at the end). */
#ifndef _TEST_TAP_H_
#define _TEST_TAP_H_

#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

static inline int __attribute__((format(printf, 2, 3)))
tap_ok(int pass, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass)
		tap_failed++;
	fflush(stdout);
	return pass;
}

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)
#define is_int(got, want, what)                                                \
	do {                                                                   \
		long long __g = (got), __w = (want);                           \
		if (!tap_ok(__g == __w, "%s = %lld", what, __w))               \
			printf("#   got %lld (%#llx)\n", __g,                  \
			       (unsigned long long)__g);                        \
	} while (0)
#define is_u64(got, want, what)                                                \
	do {                                                                   \
		unsigned long long __g = (got), __w = (want);                  \
		if (!tap_ok(__g == __w, "%s = %llu", what, __w))               \
			printf("#   got %llu (%#llx)\n", __g, __g);            \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		printf("# %d of %d failed\n", tap_failed, tap_n);
	return tap_failed ? 1 : 0;
}

#endif
