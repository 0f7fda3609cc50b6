#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run-time error paths of the kernel series (guest script, busybox sh, on the
# series' own kernel with CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC,
# CONFIG_FAULT_INJECTION_DEBUG_FS and, from v6, CONFIG_DEV_DAX_FAULT_INJECTION;
# debugfs mounted).
#
#   sh faults.sh [FAIL_NTH_HELPER]     (default: fail-nth next to this script)
#
# For each operation (grow with an in-place extension and a new range, grow
# by two new ranges, shrink across ranges, 'mapping', kmem probe) it makes
# the 1st, 2nd, 3rd, ... fault injection point of the writing task fail
# (fail-nth: every slab and page allocation, and fail_dax_resource for the
# resource adjustments of a resize), until a write passes all its points.
# After a failed write the device and the region must read back exactly as
# before (size, mappingN, driver, available_size, the region's devices, the
# iomem entries of dax and kmem, the number of memory blocks); after a write
# that succeeded despite the fault, exactly as after a clean write.
#
# Memory hot-add has a tail without rollback in the base kernel: once the
# memory is added, add_memory_resource() registers a new node and links the
# memory block devices under it with BUG_ON(ret) (the first is avoided by
# keeping the node online with another device on kmem). A fault injected there
# stops the kernel's writer with a BUG; the script then prints
# "BASE-BUG K <where>" and reboots the guest at once (sysrq b, as the dead
# writer holds the device lock), and KMEM_FROM=K+1 resumes the kmem probe
# case after that point in a new boot (the other cases are skipped then).
#
# Output: one TAP line per operation with the number of injected faults, the
# first mismatches as comments, then "N passed, N failed". Exit status 0
# only if every operation passed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
FAILNTH=${1:-$here/fail-nth}
DBG=/sys/kernel/debug
BUS=/sys/bus/dax
DEVS=$BUS/devices
DRV=$BUS/drivers
MEM=/sys/devices/system/memory
MB=1048576
# a bound on the points per write: kmem's hot-add of 256MiB has a few hundred
MAXN=${MAXN:-5000}
KMEM_FROM=${KMEM_FROM:-}

n=0
nfail=0

rd() {
	cat "$1" 2>/dev/null
}

wr() {
	printf '%s' "$2" > "$1" 2>/dev/null
}

drv() {
	if [ -L "$DEVS/$1/driver" ]; then
		basename "$(readlink -f "$DEVS/$1/driver")"
	else
		echo none
	fi
}

ranges() {
	i=0
	s=
	while [ -d "$DEVS/$1/mapping$i" ]; do
		m=$DEVS/$1/mapping$i
		s="$s $(rd "$m/start")-$(rd "$m/end")/$(rd "$m/page_offset")"
		i=$((i + 1))
	done
	echo "${s# }"
}

hexrange() {
	printf '0x%x-0x%x' "$1" $(($1 + $2 - 1))
}

# what must not change; one line
snapshot() {
	for d in "$REG"/dax[0-9]*.[0-9]*; do
		d=${d##*/}
		printf '%s:%s:%s:%s ' "$d" "$(rd "$DEVS/$d/size")" "$(ranges "$d")" "$(drv "$d")"
	done
	printf 'avail=%s ' "$(rd "$R/available_size")"
	printf 'iomem=%s ' "$(grep -E 'dax|kmem' /proc/iomem | tr -d ' \n')"
	printf 'blocks=%s\n' "$(ls -d "$MEM"/memory[0-9]* | wc -l)"
}

# inject NAME FILE VALUE UNDO [partial]: UNDO is a command that brings the
# clean result of the write back to the state before it; with "partial", a
# write that succeeds despite the fault may have done less than a clean one
# (kmem keeps the ranges it could add), as long as UNDO restores the state
inject() {
	name=$1 file=$2 value=$3 undo=$4 partial=${5:-}
	before=$(snapshot)
	if ! wr "$file" "$value"; then
		fail_op "$name" "the write fails without a fault"
		return
	fi
	after=$(snapshot)
	eval "$undo"
	if [ "$(snapshot)" != "$before" ]; then
		fail_op "$name" "the undo does not restore the state" "$(snapshot)" "$before"
		return
	fi
	k=${START_K:-1}
	fired=0
	tolerated=0
	partials=0
	bad=
	while [ $k -le "$MAXN" ]; do
		res=$("$FAILNTH" $k "$file" "$value") || {
			bug=$(dmesg | grep -E 'kernel BUG at' | tail -n 1)
			if [ -n "$bug" ]; then
				echo "BASE-BUG $k ${bug#*] }"
				echo "# before fault $k: $fired injected, $((fired - tolerated)) failed the write and kept the state, $tolerated tolerated ($partials partial)"
				dmesg | grep -E -A30 'kernel BUG at' | grep -E '^\[.*\]  [a-z_]+\+0x' |
					head -n 8 | sed 's/^/#   /'
				echo b > /proc/sysrq-trigger
			fi
			bad="helper failed at $k"
			break
		}
		set -- $res
		now=$(snapshot)
		if [ "$1" = ok ]; then
			if [ "$now" != "$after" ] && [ -z "$partial" ]; then
				bad="fault $k: the write succeeded with another result"
				break
			fi
			[ "$now" != "$after" ] && partials=$((partials + 1))
			eval "$undo"
			if [ "$(snapshot)" != "$before" ]; then
				now=$(snapshot)
				bad="fault $k: the undo does not restore the state"
				break
			fi
			[ "$2" = 1 ] && tolerated=$((tolerated + 1))
		elif [ "$now" != "$before" ]; then
			bad="fault $k: $1 and the state changed"
			break
		fi
		[ "$2" = 1 ] || break
		fired=$((fired + 1))
		k=$((k + 1))
	done
	if [ -z "$bad" ] && [ $k -gt "$MAXN" ]; then
		bad="more than $MAXN points"
	fi
	if [ -n "$bad" ]; then
		fail_op "$name" "$bad" "$now" "$before"
	else
		n=$((n + 1))
		echo "ok $n - $name${START_K:+ (from fault $START_K)}: $fired faults injected, $((fired - tolerated)) failed the write and kept the state, $tolerated tolerated${partial:+ ($partials partial)}"
	fi
}

fail_op() {
	n=$((n + 1))
	nfail=$((nfail + 1))
	echo "not ok $n - $1: $2"
	[ $# -ge 4 ] || return 0
	echo "#   now:    $3"
	echo "#   before: $4"
}

setup_faults() {
	for f in failslab fail_page_alloc; do
		[ -d "$DBG/$f" ] || { echo "Bail out! no $DBG/$f"; exit 1; }
		# count sleeping allocations too; user pages (highmem) stay out
		echo N > "$DBG/$f/ignore-gfp-wait"
		echo 0 > "$DBG/$f/verbose"
	done
	echo 0 > "$DBG/fail_page_alloc/min-order"
	if [ -d "$DBG/fail_dax_resource" ]; then
		echo 0 > "$DBG/fail_dax_resource/verbose"
	else
		echo "# no $DBG/fail_dax_resource: resource adjustments not injected"
	fi
}

[ -x "$FAILNTH" ] || { echo "Bail out! no fail-nth helper at $FAILNTH"; exit 1; }
REG=$(dirname "$(readlink -f "$DEVS/dax0.0")")
R=$REG/dax_region
RS=$(rd "$DEVS/dax0.0/mapping0/start")
[ -n "$RS" ] || { echo "Bail out! dax0.0 has no mapping0"; exit 1; }
setup_faults
warn0=$(dmesg | grep -c -E 'WARNING:|BUG:')

# the region for the operations: dax0.0 idle, dax0.1 and dax0.2 unbound
wr "$DRV/device_dax/unbind" dax0.0
wr "$DEVS/dax0.0/size" 0
wr "$R/create" 1
wr "$R/create" 1
D1=$DEVS/dax0.1
D2=$DEVS/dax0.2

# grow: an in-place extension, then a new range
wr "$D1/size" $((128 * MB))
wr "$D2/mapping" "$(hexrange $((RS + 256 * MB)) $((128 * MB)))"
[ -n "$KMEM_FROM" ] || inject "grow 128M -> 512M: extend in place, then a new range" "$D1/size" $((512 * MB)) \
	"wr $D1/size $((128 * MB))"

# grow by two new ranges
wr "$D2/mapping" "$(hexrange $((RS + 128 * MB)) $((128 * MB)))"
wr "$D2/mapping" "$(hexrange $((RS + 512 * MB)) $((128 * MB)))"
[ -n "$KMEM_FROM" ] || inject "grow 128M -> 512M: two new ranges" "$D1/size" $((512 * MB)) \
	"wr $D1/size $((128 * MB))"

# shrink across ranges: trim one, release two
wr "$D1/size" $((512 * MB))
[ -n "$KMEM_FROM" ] || inject "shrink 512M -> 64M: release two ranges, trim one" "$D1/size" $((64 * MB)) \
	"wr $D1/size $((512 * MB))"

# mapping
wr "$D1/size" $((128 * MB))
[ -n "$KMEM_FROM" ] || inject "mapping: append a range" "$D1/mapping" "$(hexrange $((RS + 768 * MB)) $((128 * MB)))" \
	"wr $D1/size $((128 * MB))"

# kmem probe of a device of two ranges, memory blocks left offline. Order-0
# page allocations are left out here: the base's x86 direct map code
# (phys_pmd_init() under add_memory_driver_managed()) uses its page table
# pages unchecked and oopses when one fails; failslab still fails every slab
# allocation, fail_page_alloc every larger one (vmemmap blocks).
echo 1 > "$DBG/fail_page_alloc/min-order"
# dax0.2's memory keeps node 1 online, so that the probe does not register a
# new node each time: that part of the base has no rollback (BUG_ON) either
wr "$DRV/kmem/new_id" dax0.2
wr "$MEM/auto_online_blocks" offline
wr "$D1/mapping" "$(hexrange $((RS + 768 * MB)) $((128 * MB)))"
wr "$DRV/kmem/new_id" dax0.1
wr "$DRV/kmem/unbind" dax0.1
START_K=$KMEM_FROM inject "kmem probe of two ranges" "$DRV/kmem/bind" dax0.1 \
	"wr $DRV/kmem/unbind dax0.1" partial
wr "$DRV/kmem/remove_id" dax0.1
wr "$DRV/kmem/unbind" dax0.2
wr "$DRV/kmem/remove_id" dax0.2

echo 0 > "$DBG/fail_page_alloc/min-order"

warn1=$(dmesg | grep -c -E 'WARNING:|BUG:')
n=$((n + 1))
if [ "$warn1" = "$warn0" ]; then
	echo "ok $n - no kernel WARNING or BUG during the runs"
else
	nfail=$((nfail + 1))
	echo "not ok $n - $((warn1 - warn0)) kernel WARNING/BUG lines during the runs"
	dmesg | grep -E -A3 'WARNING:|BUG:' | head -n 20 | sed 's/^/#   /'
fi

# back to the boot state
for d in dax0.1 dax0.2; do
	wr "$DEVS/$d/size" 0
	wr "$R/delete" $d
done
wr "$DEVS/dax0.0/size" "$(rd "$R/size")"
wr "$DRV/device_dax/bind" dax0.0

echo "1..$n"
echo "$((n - nfail)) passed, $nfail failed"
[ "$nfail" -eq 0 ]
