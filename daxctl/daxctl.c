// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl: command dispatcher.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>
#include <linux/major.h>
#include <libdaxctl/libdaxctl.h>

#include "builtin.h"
#include "parse-options.h"

static const char daxctl_usage[] = "daxctl [--version] [--help] COMMAND [ARGS]";

static const struct daxctl_cmd commands[] = {
#define DAXCTL_CMD(n, f) { n, f },
	DAXCTL_COMMANDS
#undef DAXCTL_CMD
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct daxctl_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void main_usage(FILE *f)
{
	fprintf(f, "\n usage: %s\n\n", daxctl_usage);
	fprintf(f, "\n See 'daxctl help COMMAND' for more information on a "
		   "specific command.\n"
		   " daxctl --list-cmds to see all available commands\n\n");
}

int cmd_version(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	printf("%s\n", VERSION);
	return 0;
}

/*
 * Show the man page daxctl-<cmd> with $DAXCTL_MAN_VIEWER (a program name,
 * run without a shell) or man(1).  Returns 0 when the viewer succeeded.
 */
static int show_man_page(const char *cmd)
{
	const char *viewer = getenv("DAXCTL_MAN_VIEWER");
	char page[128];
	pid_t pid;
	int status;

	if (!viewer || !*viewer)
		viewer = "man";
	snprintf(page, sizeof(page), "daxctl-%s", cmd);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execlp(viewer, viewer, page, (char *)NULL);
		fprintf(stderr, "daxctl: cannot run %s: %s\n", viewer,
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -ENOENT;
}

int cmd_help(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	const struct daxctl_cmd *cmd;
	const char *name;

	if (argc < 2) {
		main_usage(stdout);
		return 0;
	}
	name = argv[1];
	if (show_man_page(name) == 0)
		return 0;

	/* no manual: fall back to the command's own usage */
	cmd = find_cmd(name);
	if (cmd && cmd->fn != cmd_help && cmd->fn != cmd_version) {
		const char *hargv[] = { name, "-h", NULL };

		return cmd->fn(2, hargv, ctx);
	}
	if (!cmd) {
		fprintf(stderr, "Unknown command: '%s'\n", name);
		return 1;
	}
	main_usage(stdout);
	return 0;
}

/*
 * Choose stdout's buffering before glibc does it on the first write: glibc
 * asks isatty() of every character device, an ioctl that fails for
 * /dev/null, where scripts, udev and benchmarks send our output.  Memory
 * devices (null, zero, full, ...) are never terminals, so they need no
 * question; for the rest this is glibc's choice (line-buffered on a
 * terminal, fully buffered otherwise) with the one fstat() glibc makes.
 */
static void stdout_buffering(void)
{
	static char buf[BUFSIZ];
	struct stat st;
	int mode = _IOFBF;

	if (fstat(STDOUT_FILENO, &st) < 0)
		return; /* glibc will see the same and decide */
	if (S_ISCHR(st.st_mode) && major(st.st_rdev) != MEM_MAJOR &&
	    isatty(STDOUT_FILENO))
		mode = _IOLBF;
	setvbuf(stdout, buf, mode, sizeof(buf));
}

/* Exit with @rc, making sure everything written to stdout arrived. */
static int finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		return 1;
	return rc & 0xff;
}

/*
 * Every message names the argument it refuses; one holding a newline or
 * another control character would split that line or forge others (in a
 * log a script reads), so such an argument is refused before any command
 * sees it.  File names are arguments too: a name with a newline in it is
 * refused as well, a loss nobody provisioning memory should feel.
 */
static int refuse_control_chars(int argc, const char **argv)
{
	const unsigned char *p;
	int i;

	for (i = 0; i < argc; i++)
		for (p = (const unsigned char *)argv[i]; *p; p++)
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(stderr,
					"error: argument %d holds a control character (0x%02x)\n",
					i + 1, *p);
				return 129;
			}
	return 0;
}

int main(int argc, const char **argv)
{
	const char *help_argv[3] = { "help", NULL, NULL };
	const struct daxctl_cmd *cmd;
	struct daxctl_ctx *ctx;
	int rc;

	argv++;
	argc--;

	rc = refuse_control_chars(argc, argv);
	if (rc)
		return rc;
	stdout_buffering();
	/*
	 * json-c seeds its default string hash from getrandom(), which fails
	 * with EAGAIN before the kernel's random pool is ready (early boot,
	 * when the udev rule runs us) and then costs an open and read of
	 * /dev/urandom.  Our objects hold our own key names, and what we
	 * parse is the administrator's own layout or device file, so an
	 * unseeded hash loses nothing.
	 */
	json_global_set_string_hash(JSON_C_STR_HASH_PERLLIKE);

	/* top-level options: the first one decides */
	if (argc > 0 && argv[0][0] == '-') {
		const char *opt = argv[0];

		if (strcmp(opt, "--version") == 0 || strcmp(opt, "-v") == 0) {
			argv[0] = "version";
		} else if (strcmp(opt, "--help") == 0 ||
			   strcmp(opt, "-h") == 0) {
			argv[0] = "help";
		} else if (strcmp(opt, "--list-cmds") == 0) {
			size_t i;

			for (i = 0; i < NR_COMMANDS; i++)
				printf("%s\n", commands[i].name);
			return finish(0);
		} else {
			fprintf(stderr, "Unknown option: %s\n", opt);
			fprintf(stderr, "\n Usage: %s\n", daxctl_usage);
			return 129;
		}
	}

	if (argc == 0) {
		main_usage(stdout);
		return finish(1);
	}

	/* "daxctl <cmd> --help" is "daxctl help <cmd>" */
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		help_argv[1] = argv[0];
		argv = help_argv;
		argc = 2;
	}

	cmd = find_cmd(argv[0]);
	if (!cmd) {
		fprintf(stderr, "Unknown command: '%s'\n", argv[0]);
		return 1;
	}

	rc = daxctl_new(&ctx);
	if (rc) {
		fprintf(stderr, "daxctl: failed to initialise libdaxctl: %s\n",
			strerror(-rc));
		return finish(rc);
	}
	rc = cmd->fn(argc, argv, ctx);
	daxctl_unref(ctx);
	return finish(parse_options_exit_status(rc));
}
