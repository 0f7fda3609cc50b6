#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# VM parcelling: a config section sets owner, group and permissions of
# /dev/daxX.Y, so that an unprivileged VM manager can map the device.
# Runs on a copy of the fixture tree test/fixtures/single with a real
# character device node below $DAXCTL_SYSFS_ROOT/dev (mknod: needs root).
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: mknod needs root"
	exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -d "$SRCDIR/test/fixtures/single/sys" ] || { echo "SKIP: no fixture test/fixtures/single"; exit 77; }
cp -a "$SRCDIR/test/fixtures/single" "$work/root"
mkdir -p "$work/root/dev"
IFS=: read -r major minor <"$work/root/sys/bus/dax/devices/dax0.0/dev"
mknod -m 0600 "$work/root/dev/dax0.0" c "$major" "$minor"
export DAXCTL_SYSFS_ROOT=$work/root DAXCTL_CONF_DIR=$work/conf
mkdir "$DAXCTL_CONF_DIR"
node=$work/root/dev/dax0.0

# numeric ids
cat >"$DAXCTL_CONF_DIR/vm.conf" <<'CONF'
[reconfigure-device vm0]
device = dax0.0
owner = 1234
group = 4321
permissions = 0660
CONF
expect "numeric owner/group: exit 0" 0 D reconfigure-device -C -v /dev/dax0.0
check "numeric owner/group: applied" test "$(stat -c '%u:%g %a' "$node")" = "1234:4321 660"
stderr_has "verbose: says what it set" "^dax0.0: .*/dev/dax0.0: owner 1234 group 4321 permissions 0660$"

# names, resolved through NSS
grp=$(getent group daemon | cut -d: -f3)
cat >"$DAXCTL_CONF_DIR/vm.conf" <<'CONF'
[reconfigure-device vm0]
region = 0
size = 1G
owner = root
group = daemon
permissions = 0640
CONF
expect "names: exit 0" 0 D reconfigure-device -C dax0.0
check "names: applied" test "$(stat -c '%u:%g %a' "$node")" = "0:$grp 640"

# only the permissions
printf '[reconfigure-device p]\ndevice = dax0.0\npermissions = 600\n' >"$DAXCTL_CONF_DIR/vm.conf"
expect "permissions only: exit 0" 0 D reconfigure-device -C dax0.0
check "permissions only: owner kept" test "$(stat -c '%u:%g %a' "$node")" = "0:$grp 600"

# an unknown user is an error naming the section
printf '[reconfigure-device p]\ndevice = dax0.0\nowner = no-such-user-here\n' >"$DAXCTL_CONF_DIR/vm.conf"
expect "unknown user: non-zero exit" 254 D reconfigure-device -C dax0.0
# valgrind's own "--PID--" notes (NSS modules use syscalls it lacks) are not ours
check "unknown user: FILE:LINE message" test "$(grep -v '^--[0-9]*-- ' "$T.err")" = \
	"$DAXCTL_CONF_DIR/vm.conf:1: no such user 'no-such-user-here'"
check "unknown user: nothing changed" test "$(stat -c '%u:%g %a' "$node")" = "0:$grp 600"

# no device node (a system-ram device has none): said, not an error
rm "$node"
printf '[reconfigure-device p]\ndevice = dax0.0\ngroup = 36\n' >"$DAXCTL_CONF_DIR/vm.conf"
expect "no device node: exit 0" 0 D reconfigure-device -C dax0.0
stderr_has "no device node: says so" "^dax0.0: no character device .*/dev/dax0.0 .*not applied$"

ops_done
