#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot-time configuration on the simulator: the udev rule names a unit
# instance, the unit's ExecStart (with %I) is run as systemd would run it,
# and reconfigure-device --check-config applies the matching section of
# $DAXCTL_CONF_DIR.  Needs root and /dev/fuse (else 77).
. "$(dirname "$0")/lib.sh"
in_sim hmem.json

conf=$(mktemp -d)
export DAXCTL_CONF_DIR=$conf/daxctl.conf.d
rules=$BUILDDIR/contrib/90-daxctl-device.rules
unit=$BUILDDIR/contrib/daxdev-reconfigure@.service

# What udev + systemd run for an "add" event of $1 (/dev/daxX.Y): the
# rule's PROGRAM gives the unit name, its instance unescaped is %I.
unit_command() {
	local devname=$1 program name inst I exec
	program=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$rules" |
		sed -n 's/.*PROGRAM="\([^"]*\)".*/\1/p')
	program=${program//\$env\{DEVNAME\}/$devname}
	name=$($program) || return 1
	inst=${name#*@}
	inst=${inst%.service}
	I=$(systemd-escape -u -p "$inst")
	exec=$(sed -n 's/^ExecStart=//p' "$unit")
	exec=${exec//%I/$I}
	# the installed path of daxctl is the one under test here
	exec=${exec/#*\/daxctl /$DAXCTL }
	echo "$exec"
}
# run_unit NAME WANT_RC /dev/daxX.Y
run_unit() {
	local cmd
	cmd=$(unit_command "$3") || { not_ok "$1" "no unit command"; return; }
	expect "$1" "$2" $cmd
}

# the rule and the unit, as installed
grep -q '^ACTION=="add", SUBSYSTEM=="dax", TAG+="systemd"' "$rules" &&
	grep -q 'ENV{SYSTEMD_WANTS}="%c"' "$rules"
check "udev rule: add events of the dax subsystem want a unit" test $? = 0
name=$($(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$rules" |
	sed -n 's/.*PROGRAM="\([^"]*\)".*/\1/p' | sed 's|\$env{DEVNAME}|/dev/dax0.1|'))
check "udev rule: /dev/dax0.1 -> daxdev-reconfigure@dev-dax0.1.service" \
	test "$name" = "daxdev-reconfigure@dev-dax0.1.service"
check "unit: ExecStart is reconfigure-device --check-config %I" \
	grep -qx 'ExecStart=.*/daxctl reconfigure-device --check-config %I' "$unit"
check "unit command for /dev/dax0.0" \
	test "$(unit_command /dev/dax0.0)" = "$DAXCTL reconfigure-device --check-config /dev/dax0.0"

# no configuration at all: nothing to do, success
run_unit "no config dir: exit 0" 0 /dev/dax0.0
stderr_has "no config dir: says so" "^dax0.0: no matching section in $DAXCTL_CONF_DIR, nothing to do$"
check "no config dir: still devdax" test "$(dev_field dax0.0 mode)" = devdax

# the example configuration is all comments
mkdir -p "$DAXCTL_CONF_DIR"
cp "$SRCDIR/contrib/daxctl.example.conf" "$DAXCTL_CONF_DIR/"
run_unit "example config: nothing matches" 0 /dev/dax0.0

# a section for another device, and one keyed by nvdimm.uuid
cat >"$DAXCTL_CONF_DIR/other.conf" <<'CONF'
[reconfigure-device other]
device = dax1.0
mode = system-ram
[reconfigure-device pmem]
nvdimm.uuid = f36d02ff-1d9f-4fb9-a5b9-8ceb10a00fe3
mode = system-ram
CONF
run_unit "no matching section: exit 0" 0 /dev/dax0.0
check "no matching section: unchanged" test "$(dev_field dax0.0 mode)" = devdax

# malformed: one line naming file and line, non-zero, nothing changed
cat >"$DAXCTL_CONF_DIR/bad.conf" <<'CONF'
[reconfigure-device ram]
device = dax0.0
mdoe = system-ram
CONF
run_unit "malformed: non-zero exit" 234 /dev/dax0.0
check "malformed: one line FILE:LINE: problem" \
	test "$(cat "$T.err")" = "$DAXCTL_CONF_DIR/bad.conf:3: unknown key 'mdoe'"
check "malformed: unchanged" test "$(dev_field dax0.0 mode)" = devdax
rm "$DAXCTL_CONF_DIR/bad.conf"

# system-ram, onlined in ZONE_NORMAL
cat >"$DAXCTL_CONF_DIR/ram.conf" <<'CONF'
# dax0.0 as memory
[reconfigure-device ram]
device = dax0.0
mode = system-ram
online = true
movable = false
CONF
run_unit "system-ram: exit 0" 0 /dev/dax0.0
check "system-ram: mode" test "$(dev_field dax0.0 mode)" = system-ram
check "system-ram: all blocks online" test "$(dev_field dax0.0 online_memblocks)" = 8
check "system-ram: not movable" test "$(dev_field dax0.0 movable)" = false
check "system-ram: JSON of the device on stdout" \
	test "$(jq -r '.[0].chardev' "$T.out")" = dax0.0

# -v explains, and says which section matched
expect "verbose: already system-ram" 0 D reconfigure-device -C -v dax0.0
stderr_has "verbose: names the section" "^dax0.0: matched $DAXCTL_CONF_DIR/ram.conf:2 \[reconfigure-device ram\]$"
stderr_has "verbose: names the change" "^dax0.0: reconfigure-device --mode system-ram --no-movable$"
expect "quiet: no race warning" 0 D reconfigure-device -C -q dax0.0
check "quiet: no race warning (stderr)" bash -c "! grep -q WARNING '$T.err'"

# back to devdax by hand; online = false leaves the memory offline
D reconfigure-device -f -m devdax dax0.0 >/dev/null 2>&1
cat >"$DAXCTL_CONF_DIR/ram.conf" <<'CONF'
[reconfigure-device ram]
device = dax0.0
mode = system-ram
online = false
CONF
run_unit "online = false: exit 0" 0 /dev/dax0.0
check "online = false: system-ram" test "$(dev_field dax0.0 mode)" = system-ram
check "online = false: no block online" test "$(dev_field dax0.0 online_memblocks)" = 0
D reconfigure-device -m devdax dax0.0 >/dev/null 2>&1

# two sections matching one device: an error naming both
cat >"$DAXCTL_CONF_DIR/zz-dup.conf" <<'CONF'
[reconfigure-device dup]
region = 0
mode = devdax
CONF
run_unit "two matches: non-zero exit" 239 /dev/dax0.0
check "two matches: names both" test "$(cat "$T.err")" = \
	"dax0.0 matches more than one section: $DAXCTL_CONF_DIR/ram.conf:1 and $DAXCTL_CONF_DIR/zz-dup.conf:1"
rm "$DAXCTL_CONF_DIR/zz-dup.conf" "$DAXCTL_CONF_DIR/ram.conf"

# hmem/CXL keys: region + size, and resource
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 512M dax0.0 >/dev/null 2>&1
D enable-device dax0.0 >/dev/null 2>&1
D create-device -s 256M >/dev/null 2>&1
check "setup: dax0.1 of 256M" test "$(dev_field dax0.1 size)" = 268435456
res1=$(cat /sys/bus/dax/devices/dax0.1/resource)
cat >"$DAXCTL_CONF_DIR/hmem.conf" <<CONF
[reconfigure-device quarter]
region = region0
size = 256M
mode = system-ram
[reconfigure-device first]
resource = 0x100000000
size = 512M
mode = system-ram
movable = false
CONF
run_unit "region + size: exit 0" 0 /dev/dax0.1
check "region + size: dax0.1 system-ram" test "$(dev_field dax0.1 mode)" = system-ram
check "region + size: movable" test "$(dev_field dax0.1 movable)" = true
run_unit "resource: exit 0" 0 /dev/dax0.0
check "resource: dax0.0 system-ram" test "$(dev_field dax0.0 mode)" = system-ram
check "resource: not movable" test "$(dev_field dax0.0 movable)" = false
check "resource of dax0.1 is past dax0.0" test "$res1" != 0x100000000

# the region's seed (size 0) is left alone
seed=$(cat /sys/devices/platform/hmem.0/dax_region/seed)
if [ -n "$seed" ]; then
	run_unit "seed $seed: exit 0" 0 "/dev/$seed"
	check "seed: still size 0" test "$(dev_field "$seed" size)" = 0
fi

# command line rules
expect "-C with --mode: usage error" 129 D reconfigure-device -C -m devdax dax0.0
expect "-C all: checks the files" 0 D reconfigure-device -C all
stderr_has "-C all: says how many sections" "^all: $DAXCTL_CONF_DIR is valid \(4 sections\); --check-config configures one device at a time$"
echo junk >"$DAXCTL_CONF_DIR/junk.conf"
expect "-C all: a bad file fails" 234 D reconfigure-device -C all
check "-C all: names it" test "$(cat "$T.err")" = "$DAXCTL_CONF_DIR/junk.conf:1: expected 'key = value' or '[section]'"
rm "$DAXCTL_CONF_DIR/junk.conf"
expect "-C unknown device" 250 D reconfigure-device -C dax7.7
stderr_has "-C unknown device: says so" "no such device: dax7.7"

rm -rf "$conf"
ops_done
