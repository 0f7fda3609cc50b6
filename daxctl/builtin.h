/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * builtin.h: the daxctl command table.
 *
 * Each command is `int cmd_<name>(int argc, const char **argv,
 * struct daxctl_ctx *ctx)`: argv[0] is the command name, the return value
 * is 0, 1 for "already in that state", or a negative errno; the exit status
 * is that value & 0xff.  To add a command: declare its function below and
 * add a line to DAXCTL_COMMANDS, keeping the reference's order (it is what
 * `daxctl --list-cmds` prints):
 *   version, list, help, split-acpi, migrate-device-model, create-device,
 *   destroy-device, reconfigure-device, online-memory, offline-memory,
 *   disable-device, enable-device.
 */
#ifndef _DAXCTL_BUILTIN_H_
#define _DAXCTL_BUILTIN_H_

struct daxctl_ctx;

struct daxctl_cmd {
	const char *name;
	int (*fn)(int argc, const char **argv, struct daxctl_ctx *ctx);
};

int cmd_version(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_list(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_help(int argc, const char **argv, struct daxctl_ctx *ctx);

/* X-macro: DAXCTL_CMD(name, function), in --list-cmds order. */
#define DAXCTL_COMMANDS                                                        \
	DAXCTL_CMD("version", cmd_version)                                     \
	DAXCTL_CMD("list", cmd_list)                                           \
	DAXCTL_CMD("help", cmd_help)

#endif /* _DAXCTL_BUILTIN_H_ */
