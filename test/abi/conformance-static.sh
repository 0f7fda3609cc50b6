#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ABI conformance of a static dax region: the region of a persistent memory
# namespace in devdax mode (ndctl create-namespace -m devdax), one device
# daxX.0 whose size and ranges the namespace fixes. Plain POSIX sh against
# $SYSFS, like conformance.sh (which covers dynamic, hmem regions).
#
#   SYSFS=/sys sh test/abi/conformance-static.sh
#   test/daxsim/run-in-sim test/daxsim/topologies/pmem.json -- sh test/abi/conformance-static.sh
#
# Starts from dax0.0 bound to device_dax on a static region and puts that
# back at the end. What it expects is Debian 6.1's behaviour on an emulated
# NVDIMM (test/vm/kernel-observations.md, "NVDIMM devdax").
#
# Output: TAP, then "N passed, N failed"; exit status 0 only if all passed.
set -u

abi_dir=$(cd "$(dirname "$0")" && pwd)
. "$abi_dir/lib.sh"

# the memoryN inside dax0.0's range (whole blocks only, as kmem adds them;
# they exist while kmem has the device)
dev_blocks() {
	_a=$(($(rd "$D0/mapping0/start")))
	_e=$(($(rd "$D0/mapping0/end")))
	_a=$(((_a + BS - 1) / BS * BS))
	while [ $((_a + BS - 1)) -le "$_e" ]; do
		echo "memory$((_a / BS))"
		_a=$((_a + BS))
	done
}
echo "# dax bus ABI conformance, static region, SYSFS=$SYSFS"
D0=$DEVS/dax0.0
if [ ! -e "$D0" ] || [ "$(drvname dax0.0)" != device_dax ]; then
	echo "Bail out! no dax0.0 bound to device_dax"
	exit 1
fi
DP=$(readlink -f "$D0")
R=$DP/../dax_region
if [ -e "$R/available_size" ]; then
	echo "Bail out! dax0.0's region is not static (it has available_size): conformance.sh"
	exit 1
fi
BS=$((0x$(rd "$MEMDIR/block_size_bytes")))
AUTO_SAVE=$(rd "$MEMDIR/auto_online_blocks")
SZ=$(rd "$D0/size")
RES=$(rd "$D0/resource")

restore() {
	if [ "$(drvname dax0.0)" = kmem ]; then
		for _b in $(dev_blocks); do
			[ "$(rd "$MEMDIR/$_b/state")" = online ] && wr "$MEMDIR/$_b/state" offline >/dev/null
		done
	fi
	_d=$(drvname dax0.0)
	[ "$_d" != none ] && [ "$_d" != device_dax ] && wr "$DRV/$_d/unbind" dax0.0 >/dev/null
	wr "$DRV/kmem/remove_id" dax0.0 >/dev/null
	[ "$(drvname dax0.0)" = none ] && wr "$DRV/device_dax/bind" dax0.0 >/dev/null
	[ -n "$AUTO_SAVE" ] && wr "$MEMDIR/auto_online_blocks" "$AUTO_SAVE" >/dev/null
}
restored=0
trap '[ "$restored" = 1 ] || restore' EXIT
trap 'exit 130' INT TERM HUP

# ---- the region and the device ----
is "dax0.0 is the child of a namespace's device under the nvdimm bus" \
	"$(echo "$DP" | sed -n 's|.*/\(ndbus[0-9]*\)/\(region[0-9]*\)/\(dax[0-9]*\.[0-9]*\)/dax0\.0$|nvdimm|p')" nvdimm
is "the region has align, id and size only (no available_size, create, delete, seed)" \
	"$(ls "$R" | tr '\n' ' ')" "align id size "
is "region id is 0" "$(rd "$R/id")" 0
is "region size is dax0.0's size" "$(rd "$R/size")" "$SZ"
is "region align is 2097152" "$(rd "$R/align")" 2097152
is "dax0.0 has mapping0 but no mapping attribute" \
	"$([ -d "$D0/mapping0" ] && echo mapping0) $([ -e "$D0/mapping" ] && echo mapping)" "mapping0 "
is "dax0.0 has no mapping1" "$([ -e "$D0/mapping1" ] && echo yes)" ""
is "mapping0 covers the device from resource, page_offset 0" \
	"$(rd "$D0/mapping0/start") $(($(rd "$D0/mapping0/end") - RES + 1)) $(rd "$D0/mapping0/page_offset")" \
	"$RES $SZ 0x0"
is "modalias" "$(rd "$D0/modalias")" "dax:t0"
is "target_node is a node number" "$(rd "$D0/target_node" | sed -n '/^[0-9][0-9]*$/p')" "$(rd "$D0/target_node")"
is "dax0.0 align is the region's" "$(rd "$D0/align")" 2097152

# ---- size and align are the namespace's: read-only ----
is "size and align are read-only files" \
	"$(ls -l "$D0/size" "$D0/align" | cut -c1-10 | tr '\n' ' ')" "-r--r--r-- -r--r--r-- "
is "size <- 0 while bound: EACCES" "$(wr "$D0/size" 0)" EACCES
is "align <- 4096 while bound: EACCES" "$(wr "$D0/align" 4096)" EACCES

# ---- unbind and bind ----
is "unbind from device_dax" "$(wr "$DRV/device_dax/unbind" dax0.0)" ok
is "dax0.0 unbound" "$(drvname dax0.0)" none
is "size <- 0 while unbound: EACCES still" "$(wr "$D0/size" 0)" EACCES
is "size unchanged" "$(rd "$D0/size")" "$SZ"
is "bind to device_dax" "$(wr "$DRV/device_dax/bind" dax0.0)" ok
is "dax0.0 on device_dax" "$(drvname dax0.0)" device_dax

# ---- kmem: hot-add the whole blocks inside the device ----
wr "$MEMDIR/auto_online_blocks" offline >/dev/null
nb=$(dev_blocks | wc -l)
is "the device holds whole memory blocks, none of them present yet" \
	"$([ "$nb" -gt 0 ] && echo yes) $(for _b in $(dev_blocks); do [ -d "$MEMDIR/$_b" ] && echo "$_b"; done)" "yes "
is "unbind from device_dax" "$(wr "$DRV/device_dax/unbind" dax0.0)" ok
is "kmem new_id binds it" "$(wr "$DRV/kmem/new_id" dax0.0)" ok
is "dax0.0 on kmem" "$(drvname dax0.0)" kmem
is "kmem added its $nb blocks" "$(for _b in $(dev_blocks); do [ -d "$MEMDIR/$_b" ] && echo "$_b"; done | wc -l)" "$nb"
b=$(dev_blocks | head -n 1)
is "its $nb blocks were added offline (auto_online_blocks offline)" \
	"$(for _b in $(dev_blocks); do rd "$MEMDIR/$_b/state"; done | sort -u)" offline
is "online_movable the first: ok" "$(wr "$MEMDIR/$b/state" online_movable)" ok
is "it is online in Movable" "$(rd "$MEMDIR/$b/state")/$(rd "$MEMDIR/$b/valid_zones")" online/Movable
is "offline it: ok" "$(wr "$MEMDIR/$b/state" offline)" ok
is "unbind from kmem" "$(wr "$DRV/kmem/unbind" dax0.0)" ok
is "the blocks are gone with it" "$([ -d "$MEMDIR/$b" ] && echo present || echo gone)" gone
is "kmem remove_id" "$(wr "$DRV/kmem/remove_id" dax0.0)" ok
is "bind to device_dax again" "$(wr "$DRV/device_dax/bind" dax0.0)" ok
is "dax0.0 as it started" "$(drvname dax0.0) $(rd "$D0/size") $(rd "$D0/resource")" "device_dax $SZ $RES"

restore
restored=1
tap_plan
tap_tally
tap_status
