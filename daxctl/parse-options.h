/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * parse-options: a table driven command line parser with git's semantics.
 *
 *  - short options "-r VAL", "-rVAL", bundled flags "-iDMR";
 *  - long options "--region VAL", "--region=VAL", abbreviated to any unique
 *    prefix ("--reg" is ambiguous between --region and --regions);
 *  - "--no-X" negates X (booleans are cleared, strings reset to NULL) and an
 *    option named "no-X" also accepts "--X" to undo it;
 *  - non-option arguments are collected in order (options may follow them);
 *    "--" ends option processing, a lone "-" is an argument;
 *  - "-h"/"--help" print the usage with the option table, as does every
 *    usage error, and the command stops with exit status 129;
 *    "--list-opts" prints the long option names on stdout and the status
 *    is 130 (used by shell completion).  The parser never exits itself:
 *    it returns PARSE_OPT_USAGE or PARSE_OPT_LISTED, the command returns
 *    that, and main() turns it into the status.
 */
#ifndef _DAXCTL_PARSE_OPTIONS_H_
#define _DAXCTL_PARSE_OPTIONS_H_

#include <stdbool.h>
#include <stdint.h>

enum parse_opt_type {
	OPTION_END,
	OPTION_GROUP,
	OPTION_BOOLEAN, /* bool *, set true; --no-X sets false */
	OPTION_INCR,	/* int *, incremented; --no-X sets 0 */
	OPTION_STRING,	/* const char **; --no-X sets NULL */
	OPTION_INTEGER, /* int *, strtol base 0, strict */
	OPTION_U64,	/* unsigned long long *, strtoull base 0, strict */
	OPTION_CALLBACK,
};

enum parse_opt_flags {
	PARSE_OPT_NONEG = 1 << 0,  /* no --no-X form */
	PARSE_OPT_HIDDEN = 1 << 1, /* not shown in the usage */
	PARSE_OPT_NOARG = 1 << 2,  /* a callback that takes no value */
};

struct option;
/* @arg is NULL for --no-X (then @unset is 1) and for NOARG callbacks. */
typedef int (*parse_opt_cb)(const struct option *opt, const char *arg,
			    int unset);

struct option {
	enum parse_opt_type type;
	int short_name;
	const char *long_name;
	void *value;
	const char *argh; /* value placeholder in the usage: "region-id" */
	const char *help;
	int flags;
	parse_opt_cb callback;
};

#define OPT_END()                { .type = OPTION_END }
#define OPT_GROUP(h)             { .type = OPTION_GROUP, .help = (h) }
#define OPT_BOOLEAN(s, l, v, h)                                                \
	{ .type = OPTION_BOOLEAN, .short_name = (s), .long_name = (l),         \
	  .value = (v), .help = (h) }
#define OPT_INCR(s, l, v, h)                                                   \
	{ .type = OPTION_INCR, .short_name = (s), .long_name = (l),            \
	  .value = (v), .help = (h) }
#define OPT_STRING(s, l, v, a, h)                                              \
	{ .type = OPTION_STRING, .short_name = (s), .long_name = (l),          \
	  .value = (v), .argh = (a), .help = (h) }
#define OPT_INTEGER(s, l, v, h)                                                \
	{ .type = OPTION_INTEGER, .short_name = (s), .long_name = (l),         \
	  .value = (v), .argh = "n", .help = (h) }
#define OPT_U64(s, l, v, h)                                                    \
	{ .type = OPTION_U64, .short_name = (s), .long_name = (l),             \
	  .value = (v), .argh = "n", .help = (h) }
#define OPT_CALLBACK(s, l, v, a, h, cb)                                        \
	{ .type = OPTION_CALLBACK, .short_name = (s), .long_name = (l),        \
	  .value = (v), .argh = (a), .help = (h), .callback = (cb) }

/*
 * What parse_options() and usage_with_options() return when the command
 * must stop: the usage was printed (a usage error or --help, exit status
 * 129), or --list-opts / --list-cmds was answered (130).  They are below
 * every errno, so a command returns them unchanged and main() alone
 * turns them into the exit status (parse_options_exit_status()).
 */
#define PARSE_OPT_USAGE	 (-4096 - 129)
#define PARSE_OPT_LISTED (-4096 - 130)

/*
 * Parse argv[1..argc-1] (argv[0] is the command name).  The non-option
 * arguments are moved to argv[0..n-1], argv[n] is set to NULL, and n is
 * returned.  Usage errors print a message and the usage, and return
 * PARSE_OPT_USAGE.
 */
int parse_options(int argc, const char **argv, const struct option *options,
		  const char *const usagestr[], int flags)
	__attribute__((warn_unused_result));

/* Print the usage with the whole option table; returns PARSE_OPT_USAGE. */
int usage_with_options(const char *const *usagestr,
		       const struct option *options)
	__attribute__((warn_unused_result));

/* The exit status for a command's @rc: 129 and 130 for the above. */
int parse_options_exit_status(int rc);
/* Same, without exiting. */
void print_usage_with_options(const char *const *usagestr,
			      const struct option *options);

/* "  Error: <msg>\n" on stderr, the reference's error style. */
void error_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* _DAXCTL_PARSE_OPTIONS_H_ */
