// SPDX-License-Identifier: GPL-2.0-only
/*
 * parse-options.c: see parse-options.h.  The messages and the usage layout
 * reproduce the daxctl users know, byte for byte.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-options.h"

#define USAGE_OPTS_WIDTH 24
#define USAGE_GAP	 2

void error_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("  Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static bool takes_value(const struct option *opt)
{
	switch (opt->type) {
	case OPTION_STRING:
	case OPTION_INTEGER:
	case OPTION_U64:
		return true;
	case OPTION_CALLBACK:
		return !(opt->flags & PARSE_OPT_NOARG);
	default:
		return false;
	}
}

static void print_option(const struct option *opt)
{
	int pos;

	if (opt->type == OPTION_GROUP) {
		fprintf(stderr, "\n%s\n", opt->help ? opt->help : "");
		return;
	}
	if (opt->flags & PARSE_OPT_HIDDEN)
		return;

	pos = fprintf(stderr, "    ");
	if (opt->short_name)
		pos += fprintf(stderr, "-%c", opt->short_name);
	else
		pos += fprintf(stderr, "    ");
	if (opt->long_name && opt->short_name)
		pos += fprintf(stderr, ", ");
	if (opt->long_name)
		pos += fprintf(stderr, "--%s", opt->long_name);
	if (takes_value(opt) && opt->argh)
		pos += fprintf(stderr, " <%s>", opt->argh);

	if (pos <= USAGE_OPTS_WIDTH) {
		pos = USAGE_OPTS_WIDTH - pos;
	} else {
		fputc('\n', stderr);
		pos = USAGE_OPTS_WIDTH;
	}
	fprintf(stderr, "%*s%s\n", pos + USAGE_GAP, "",
		opt->help ? opt->help : "");
}

static void print_usage_header(const char *const *usagestr)
{
	if (!usagestr || !*usagestr)
		return;
	fprintf(stderr, "\n usage: %s\n", *usagestr++);
	while (*usagestr && **usagestr)
		fprintf(stderr, "    or: %s\n", *usagestr++);
	while (*usagestr) {
		fprintf(stderr, "%s%s\n", **usagestr ? "    " : "", *usagestr);
		usagestr++;
	}
}

void print_usage_with_options(const char *const *usagestr,
			      const struct option *options)
{
	const struct option *opt;

	print_usage_header(usagestr);
	if (options->type != OPTION_GROUP)
		fputc('\n', stderr);
	for (opt = options; opt->type != OPTION_END; opt++)
		print_option(opt);
	fputc('\n', stderr);
}

int usage_with_options(const char *const *usagestr,
		       const struct option *options)
{
	print_usage_with_options(usagestr, options);
	return PARSE_OPT_USAGE;
}

/* The usage header plus the one option an error is about. */
static int usage_for_option(const char *const *usagestr,
			    const struct option *opt)
{
	print_usage_header(usagestr);
	fputc('\n', stderr);
	if (opt)
		print_option(opt);
	return PARSE_OPT_USAGE;
}

static int list_opts(const struct option *options)
{
	const struct option *opt;

	for (opt = options; opt->type != OPTION_END; opt++)
		if (opt->long_name && !(opt->flags & PARSE_OPT_HIDDEN))
			printf("--%s ", opt->long_name);
	return PARSE_OPT_LISTED;
}

int parse_options_exit_status(int rc)
{
	if (rc == PARSE_OPT_USAGE)
		return 129;
	if (rc == PARSE_OPT_LISTED)
		return 130;
	return rc;
}

static int parse_number(const struct option *opt, const char *arg)
{
	char *end;

	errno = 0;
	if (opt->type == OPTION_INTEGER) {
		long v = strtol(arg, &end, 0);

		if (!*arg || *end || errno || v < INT_MIN || v > INT_MAX)
			return -1;
		*(int *)opt->value = (int)v;
	} else {
		unsigned long long v;

		if (*arg == '-')
			return -1;
		v = strtoull(arg, &end, 0);
		if (!*arg || *end || errno)
			return -1;
		*(unsigned long long *)opt->value = v;
	}
	return 0;
}

/*
 * Apply @opt.  @arg is the value (NULL if none was attached), @next the
 * following argv element that may be consumed as the value; returns the
 * number of argv elements consumed beyond the option itself (0 or 1), or
 * -1 if the value was missing, -2 if a value was given to a flag, -3 if it
 * was rejected.
 */
static int apply(const struct option *opt, const char *arg, const char *next,
		 bool unset)
{
	int used = 0;

	if (unset) {
		if (arg)
			return -2;
		switch (opt->type) {
		case OPTION_BOOLEAN:
			*(bool *)opt->value = false;
			return 0;
		case OPTION_INCR:
		case OPTION_INTEGER:
			*(int *)opt->value = 0;
			return 0;
		case OPTION_U64:
			*(unsigned long long *)opt->value = 0;
			return 0;
		case OPTION_STRING:
			*(const char **)opt->value = NULL;
			return 0;
		case OPTION_CALLBACK:
			return opt->callback(opt, NULL, 1) ? -3 : 0;
		default:
			return -3;
		}
	}

	if (!takes_value(opt)) {
		if (arg)
			return -2;
		switch (opt->type) {
		case OPTION_BOOLEAN:
			*(bool *)opt->value = true;
			return 0;
		case OPTION_INCR:
			(*(int *)opt->value)++;
			return 0;
		case OPTION_CALLBACK:
			return opt->callback(opt, NULL, 0) ? -3 : 0;
		default:
			return -3;
		}
	}

	if (!arg) {
		if (!next)
			return -1;
		arg = next;
		used = 1;
	}
	switch (opt->type) {
	case OPTION_STRING:
		*(const char **)opt->value = arg;
		return used;
	case OPTION_INTEGER:
	case OPTION_U64:
		return parse_number(opt, arg) ? -3 : used;
	case OPTION_CALLBACK:
		return opt->callback(opt, arg, 0) ? -3 : used;
	default:
		return -3;
	}
}

static const char *skip_prefix(const char *s, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(s, prefix, len) == 0 ? s + len : NULL;
}

/*
 * Find the long option for @name (the text between "--" and any '=').
 * NULL, after the usage, when there is none or more than one.
 */
static const struct option *find_long(const struct option *options,
				      const char *name, size_t len,
				      bool *unset, const char *const *usagestr,
				      const char *arg)
{
	const struct option *opt, *abbrev = NULL, *prev = NULL;
	bool abbrev_unset = false, prev_unset = false;
	bool negated = len > 3 && strncmp(name, "no-", 3) == 0;

	for (opt = options; opt->type != OPTION_END; opt++) {
		const char *l = opt->long_name;
		const char *positive;

		if (!l)
			continue;
		/* exact matches win outright */
		if (strlen(l) == len && strncmp(l, name, len) == 0) {
			*unset = false;
			return opt;
		}
		if (negated && !(opt->flags & PARSE_OPT_NONEG) &&
		    strlen(l) == len - 3 && strncmp(l, name + 3, len - 3) == 0) {
			*unset = true;
			return opt;
		}
		positive = skip_prefix(l, "no-");
		if (positive && strlen(positive) == len &&
		    strncmp(positive, name, len) == 0) {
			*unset = true;
			return opt;
		}
	}

	/* unique prefixes */
	for (opt = options; opt->type != OPTION_END; opt++) {
		const char *l = opt->long_name;
		const char *positive;
		bool u;

		if (!l)
			continue;
		if (strncmp(l, name, len) == 0)
			u = false;
		else if (negated && !(opt->flags & PARSE_OPT_NONEG) &&
			 strncmp(l, name + 3, len - 3) == 0)
			u = true;
		else if ((positive = skip_prefix(l, "no-")) &&
			 strncmp(positive, name, len) == 0)
			u = true;
		else
			continue;
		if (abbrev && abbrev != opt) {
			prev = abbrev;
			prev_unset = abbrev_unset;
		}
		abbrev = opt;
		abbrev_unset = u;
	}
	if (prev) {
		error_msg("Ambiguous option: %.*s (could be --%s%s or --%s%s)",
			  (int)len, name, prev_unset ? "no-" : "",
			  prev->long_name, abbrev_unset ? "no-" : "",
			  abbrev->long_name);
		usage_for_option(usagestr, NULL);
		return NULL;
	}
	if (!abbrev) {
		error_msg("unknown option `%s'", arg);
		print_usage_with_options(usagestr, options);
		return NULL;
	}
	*unset = abbrev_unset;
	return abbrev;
}

/* the reference's words for a number option given something else */
static bool is_number(const struct option *opt)
{
	return opt->type == OPTION_INTEGER || opt->type == OPTION_U64;
}

static int long_error(int rc, const struct option *opt, bool unset,
		      const char *const *usagestr)
{
	const char *no = unset ? "no-" : "";

	if (rc == -1)
		error_msg("option `%s%s' requires a value", no, opt->long_name);
	else if (rc == -2)
		error_msg("option `%s%s' takes no value", no, opt->long_name);
	else if (is_number(opt))
		error_msg("option `%s%s' expects a numerical value", no,
			  opt->long_name);
	else
		error_msg("option `%s%s' has an invalid value", no,
			  opt->long_name);
	return usage_for_option(usagestr, opt);
}

static int short_error(int rc, const struct option *opt,
		       const char *const *usagestr)
{
	if (rc == -1)
		error_msg("switch `%c' requires a value", opt->short_name);
	else if (is_number(opt))
		error_msg("switch `%c' expects a numerical value",
			  opt->short_name);
	else
		error_msg("switch `%c' has an invalid value", opt->short_name);
	return usage_for_option(usagestr, opt);
}

int parse_options(int argc, const char **argv, const struct option *options,
		  const char *const usagestr[], int flags)
{
	int i, nr = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		const struct option *opt;
		int rc;

		if (arg[0] != '-' || !arg[1]) {
			argv[nr++] = arg;
			continue;
		}

		if (arg[1] == '-') {
			const char *name = arg + 2, *eq;
			bool unset = false;
			size_t len;

			if (!*name) { /* "--" */
				for (i++; i < argc; i++)
					argv[nr++] = argv[i];
				break;
			}
			if (strcmp(name, "help") == 0)
				return usage_with_options(usagestr, options);
			if (strcmp(name, "list-opts") == 0)
				return list_opts(options);
			if (strcmp(name, "list-cmds") == 0)
				return PARSE_OPT_LISTED;

			eq = strchr(name, '=');
			len = eq ? (size_t)(eq - name) : strlen(name);
			opt = find_long(options, name, len, &unset, usagestr,
					name);
			if (!opt)
				return PARSE_OPT_USAGE;
			rc = apply(opt, eq ? eq + 1 : NULL, next, unset);
			if (rc < 0)
				return long_error(rc, opt, unset, usagestr);
			i += rc;
			continue;
		}

		/* one or more bundled short options */
		for (arg++; *arg; arg++) {
			for (opt = options; opt->type != OPTION_END; opt++)
				if (opt->short_name && opt->short_name == *arg)
					break;
			if (opt->type == OPTION_END) {
				if (*arg == 'h')
					return usage_with_options(usagestr,
								  options);
				error_msg("unknown switch `%c'", *arg);
				return usage_with_options(usagestr, options);
			}
			if (takes_value(opt)) {
				/* the rest of the word, or the next one */
				rc = apply(opt, arg[1] ? arg + 1 : NULL, next,
					   false);
				if (rc < 0)
					return short_error(rc, opt, usagestr);
				i += rc;
				break;
			}
			rc = apply(opt, NULL, NULL, false);
			if (rc < 0)
				return short_error(rc, opt, usagestr);
		}
	}
	argv[nr] = NULL;
	return nr;
}
