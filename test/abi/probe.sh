#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Differential probe: corner cases of the dax bus and memory-hotplug ABI,
# one "label: result" line each, no expectations. Its output on Debian's
# 6.1 kernel (VM lane) is recorded in probe.linux-6.1.out, on the series' v6
# kernel in probe.series.out; the meson tests abi-probe-PROFILE run it on the
# simulator in that profile and diff against the file, so any drift between
# the simulator and the real kernel shows up.
#
#   scripts/vm/run --no-ours test/abi/probe.sh > out     (then keep the probe lines)
#   test/daxsim/run-in-sim test/daxsim/topologies/hmem.json -- sh test/abi/probe.sh
#
# Same starting state as conformance.sh (hmem.json), restored at the end; all
# memory it onlines is offlined before kmem lets go of it.
set -u

SYSFS=${SYSFS:-/sys}
DEVS=$SYSFS/bus/dax/devices
DRV=$SYSFS/bus/dax/drivers
MEMDIR=$SYSFS/devices/system/memory
R=$(dirname "$(readlink -f "$DEVS/dax0.0")")/dax_region
MB=1048576
NL='
'

# errname, wr: the conformance suites' own (their E?(message) for an errno
# neither knows is a difference the probe-check diff shows too)
abi_dir=$(dirname "$0")
. "$abi_dir/lib.sh"

# p LABEL VALUE: one probe line
p() {
	echo "probe: $1: $2"
}

drv() {
	if [ -L "$DEVS/$1/driver" ]; then basename "$(readlink -f "$DEVS/$1/driver")"; else echo none; fi
}

ranges() {
	_i=0
	_s=""
	while [ -d "$DEVS/$1/mapping$_i" ]; do
		_s="$_s $(cat "$DEVS/$1/mapping$_i/start")-$(cat "$DEVS/$1/mapping$_i/end")"
		_i=$((_i + 1))
	done
	echo "${_s# }"
}

zones() {
	_s=""
	for _b in "$@"; do
		_s="$_s $_b=$(cat "$MEMDIR/$_b/state")/$(cat "$MEMDIR/$_b/valid_zones" | tr ' ' '+')"
	done
	echo "${_s# }"
}

p "unbind dax0.0" "$(wr "$DRV/device_dax/unbind" dax0.0) $(wr "$DEVS/dax0.0/size" 0)"
p "create x3" "$(wr "$R/create" 1) $(wr "$R/create" 1) $(wr "$R/create" 1) create=$(cat "$R/create") seed=$(cat "$R/seed")"
p "size overflow" "$(wr "$DEVS/dax0.1/size" 99999999999999999999)"
p "size 0x" "$(wr "$DEVS/dax0.1/size" 0x)"
p "size leading space" "$(wr "$DEVS/dax0.1/size" " 0")"
p "size trailing space" "$(wr "$DEVS/dax0.1/size" "0 ")"
p "size octal 01000000000" "$(wr "$DEVS/dax0.1/size" 01000000000) $(cat "$DEVS/dax0.1/size")"
p "size +0x10000000" "$(wr "$DEVS/dax0.2/size" +0x10000000) $(cat "$DEVS/dax0.2/size")"
p "create 1 with spaces" "$(wr "$R/create" " 1")"
p "device_dax/new_id of the idle dax0.3" "$(wr "$DRV/device_dax/new_id" dax0.3) dax0.1=$(drv dax0.1) dax0.2=$(drv dax0.2) dax0.3=$(drv dax0.3)"
p "seed after the side-effect binds" "[$(cat "$R/seed")]"
p "new_id with a newline" "$(wr "$DRV/device_dax/remove_id" "dax0.3$NL")"
p "new_id dax0.03" "$(wr "$DRV/kmem/new_id" dax0.03)"
p "unbind both" "$(wr "$DRV/device_dax/unbind" dax0.1) $(wr "$DRV/device_dax/unbind" dax0.2)"
p "drivers_probe dax0.1" "$(wr "$SYSFS/bus/dax/drivers_probe" dax0.1) $(drv dax0.1)"
p "drivers_probe dax0.3 (size 0)" "$(wr "$SYSFS/bus/dax/drivers_probe" dax0.3) $(drv dax0.3)"
p "drivers_probe dax9.9" "$(wr "$SYSFS/bus/dax/drivers_probe" dax9.9)"
p "unbind dax0.1" "$(wr "$DRV/device_dax/unbind" dax0.1)"
p "mapping zero length on an empty device" "$(wr "$DEVS/dax0.3/mapping" 0x100000000-0xffffffff) $(cat "$DEVS/dax0.3/size")"
p "delete with a trailing space" "$(wr "$R/delete" "dax0.3 ")"
p "delete the youngest, then create reads" "$(wr "$R/delete" dax0.3) [$(cat "$R/create")]"
p "size 512M of dax0.2 grows in place" "$(wr "$DEVS/dax0.2/size" $((512 * MB))) $(ranges dax0.2)"
p "align 1G on a 256M+ device at 4G+256M" "$(wr "$DEVS/dax0.1/align" 1073741824)"
p "kmem new_id dax0.2" "$(wr "$DRV/kmem/new_id" dax0.2) $(drv dax0.2)"
B="memory33 memory34 memory35 memory36"
p "blocks" "$(zones $B)"
p "online_movable 33 and 35" "$(wr "$MEMDIR/memory33/state" online_movable) $(wr "$MEMDIR/memory35/state" online_movable) $(zones $B)"
p "online_kernel inside the movable span" "$(wr "$MEMDIR/memory34/state" online_kernel) $(zones memory34)"
p "online via the online file" "$(wr "$MEMDIR/memory36/online" 1) $(zones memory36) $(wr "$MEMDIR/memory36/online" 1) $(wr "$MEMDIR/memory36/online" x)"
p "online file 0" "$(wr "$MEMDIR/memory36/online" 0) $(wr "$MEMDIR/memory36/online" 0) $(zones memory36)"
p "removable phys_device" "$(cat "$MEMDIR/memory33/removable") $(cat "$MEMDIR/memory33/phys_device")"
p "node1 memory links" "$(ls "$SYSFS/devices/system/node/node1" | grep '^memory' | tr '\n' ' ')"
p "offline all" "$(for b in $B; do wr "$MEMDIR/$b/state" offline; done | tr '\n' ' ')"
p "kmem unbind" "$(wr "$DRV/kmem/unbind" dax0.2) $(wr "$DRV/kmem/remove_id" dax0.2) $(drv dax0.2) $([ -d "$MEMDIR/memory33" ] && echo present || echo removed)"
p "kmem/remove_id dax0.03" "$(wr "$DRV/kmem/remove_id" dax0.03)"

# back to the starting state
for d in dax0.1 dax0.2; do
	wr "$DEVS/$d/size" 0 >/dev/null
	wr "$R/delete" "$d" >/dev/null
done
wr "$DEVS/dax0.0/size" $((1024 * MB)) >/dev/null
wr "$DRV/device_dax/bind" dax0.0 >/dev/null
p "restored" "$(ls "$(dirname "$R")" | grep '^dax' | tr '\n' ' ')$(drv dax0.0) $(ranges dax0.0) $(cat "$R/available_size")"
