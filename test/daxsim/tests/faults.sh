#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fault injection and the write log: --fail PATH:N:ERRNO on the command line,
# "faults" in the topology, rules added at run time through $DAXSIM_CTL/fail.
set -u
. "$(dirname "$0")/lib.sh"
need_root

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DEV=/sys/bus/dax/devices/dax0.0
REAL=/sys/devices/platform/hmem.0/dax0.0

# sim [run-in-sim options] -- SCRIPT: run a bash snippet in the simulator, print its output
sim() {
	local args=()
	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	"$run_in_sim" "${args[@]}" -- bash -c "$(declare -f wr); $2"
}

is "the 1st write to a path (given through its symlink) fails once with EIO" \
	"$(sim --fail "$DEV/size:1:EIO" "$topo_dir/idle.json" -- \
		"wr $DEV/size 0x10000000; wr $DEV/size 0x10000000; cat $DEV/size")" \
	"$(printf 'EIO\nok\n268435456')"
is "N=2 fails only the second write" \
	"$(sim --fail "$DEV/size:2:ENOMEM" "$topo_dir/idle.json" -- \
		"wr $DEV/size 0x10000000; wr $DEV/size 0x20000000; wr $DEV/size 0x20000000" | tr '\n' ' ')" \
	"ok ENOMEM ok "
is "N+ fails the Nth write and every later one" \
	"$(sim --fail "$DEV/size:2+:EBUSY" "$topo_dir/idle.json" -- \
		"wr $DEV/size 0x10000000; wr $DEV/size 0x20000000; wr $DEV/size 0" | tr '\n' ' ')" \
	"ok EBUSY EBUSY "
is "* with a glob fails every write to any device's size" \
	"$(sim --fail '/sys/devices/platform/hmem.*/dax*/size:*:ENOSPC' "$topo_dir/idle.json" -- \
		"echo 1 > /sys/devices/platform/hmem.0/dax_region/create; wr $DEV/size 0; wr /sys/bus/dax/devices/dax0.1/size 0x200000" | tr '\n' ' ')" \
	"ENOSPC ENOSPC "
is "errno given as a number" \
	"$(sim --fail "$DEV/align:1:16" "$topo_dir/idle.json" -- "wr $DEV/align 4096")" EBUSY
is "an injected failure leaves the state alone" \
	"$(sim --fail "$DEV/size:1:EIO" "$topo_dir/idle.json" -- "wr $DEV/size 0x10000000 >/dev/null; cat $DEV/size")" 0
is "a rule added at run time through \$DAXSIM_CTL/fail" \
	"$(sim "$topo_dir/idle.json" -- \
		"wr $DEV/size 0x200000; echo '$DEV/size:1:EPERM' > \$DAXSIM_CTL/fail; wr $DEV/size 0x400000; wr $DEV/size 0x400000; cat \$DAXSIM_CTL/fail" | tr '\n' ' ')" \
	"ok EPERM ok $DEV/size:1:EPERM seen=2 hits=1 "
is "\$DAXSIM_CTL/fail rejects a malformed rule" \
	"$(sim "$topo_dir/idle.json" -- "wr \$DAXSIM_CTL/fail nonsense")" EINVAL

cat >"$tmp/faulty.json" <<EOF
{
  "regions": [ { "start": "0x100000000", "size": "1G", "target_node": 1,
                 "devices": [ { "id": 0, "size": 0 } ] } ],
  "faults": [ { "path": "/sys/devices/platform/hmem.0/dax_region/create", "nth": 1, "errno": "ENXIO" },
              { "path": "/sys/bus/dax/drivers/kmem/new_id", "nth": "*", "errno": "ENOMEM" } ]
}
EOF
is "faults from the topology" \
	"$(sim "$tmp/faulty.json" -- \
		"R=/sys/devices/platform/hmem.0/dax_region; wr \$R/create 1; wr \$R/create 1; wr /sys/bus/dax/drivers/kmem/new_id dax0.1; wr /sys/bus/dax/drivers/kmem/new_id dax0.1" | tr '\n' ' ')" \
	"ENXIO ok ENOMEM ENOMEM "

: >"$tmp/log"
sim --log "$tmp/log" --fail "$DEV/size:1:EIO" "$topo_dir/idle.json" -- \
	"wr $DEV/size 0x10000000; wr $DEV/size 0x10000000; printf 'dax0.0\n' > /sys/bus/dax/drivers/device_dax/bind; wr /sys/devices/platform/hmem.0/dax_region/delete 'a b'" >/dev/null
is "the write log: PATH VALUE RESULT [injected], one line per write" "$(cat "$tmp/log")" \
	"$REAL/size 0x10000000 EIO injected
$REAL/size 0x10000000 ok
/sys/bus/dax/drivers/device_dax/bind dax0.0 ok
/sys/devices/platform/hmem.0/dax_region/delete a\\x20b ENXIO"

# breaking a step of Debian's daxctl
if [ -x /usr/bin/daxctl ]; then
	is "daxctl create-device when the size write fails: error, no device left sized" \
		"$(sim --fail '/sys/devices/platform/hmem.0/dax0.1/size:1:ENOSPC' "$topo_dir/idle.json" -- \
			"daxctl create-device -s 256M >/dev/null 2>&1; echo \$?; cat /sys/bus/dax/devices/dax0.1/size")" \
		"$(printf '250\n0')"
	# 251 = -EIO: libdaxctl returns the error of the bind write
	is "daxctl reconfigure-device -m system-ram when kmem/bind and new_id fail" \
		"$(sim --fail '/sys/bus/dax/drivers/kmem/*:*:EIO' "$topo_dir/hmem.json" -- \
			"daxctl reconfigure-device -m system-ram dax0.0 >/dev/null 2>&1; echo \$?; basename \$(readlink /sys/bus/dax/devices/dax0.0/driver 2>/dev/null || echo none)")" \
		"$(printf '251\nnone')"
fi
finish
