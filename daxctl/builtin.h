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
int cmd_split_acpi(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_migrate_device_model(int argc, const char **argv,
			     struct daxctl_ctx *ctx);
int cmd_create_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_destroy_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_reconfig_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_online_memory(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_offline_memory(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_disable_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_enable_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_save_layout(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_apply_layout(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_map(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_recover(int argc, const char **argv, struct daxctl_ctx *ctx);

/* X-macro: DAXCTL_CMD(name, function), in --list-cmds order. */
#define DAXCTL_COMMANDS                                                        \
	DAXCTL_CMD("version", cmd_version)                                     \
	DAXCTL_CMD("list", cmd_list)                                           \
	DAXCTL_CMD("help", cmd_help)                                           \
	DAXCTL_CMD("split-acpi", cmd_split_acpi)                               \
	DAXCTL_CMD("migrate-device-model", cmd_migrate_device_model)           \
	DAXCTL_CMD("create-device", cmd_create_device)                         \
	DAXCTL_CMD("destroy-device", cmd_destroy_device)                       \
	DAXCTL_CMD("reconfigure-device", cmd_reconfig_device)                  \
	DAXCTL_CMD("online-memory", cmd_online_memory)                         \
	DAXCTL_CMD("offline-memory", cmd_offline_memory)                       \
	DAXCTL_CMD("disable-device", cmd_disable_device)                       \
	DAXCTL_CMD("enable-device", cmd_enable_device)                         \
	DAXCTL_CMD("save-layout", cmd_save_layout)                             \
	DAXCTL_CMD("apply-layout", cmd_apply_layout)                           \
	DAXCTL_CMD("map", cmd_map)                                             \
	DAXCTL_CMD("recover", cmd_recover)

#endif /* _DAXCTL_BUILTIN_H_ */
