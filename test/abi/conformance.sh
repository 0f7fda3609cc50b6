#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ABI conformance suite for the dax bus sysfs ABI: plain POSIX sh against
# $SYSFS (default /sys), so it runs unchanged under test/daxsim/run-in-sim,
# and in a VM on a real kernel (busybox sh is enough; no jq).
#
#   SYSFS=/sys sh test/abi/conformance.sh
#   test/daxsim/run-in-sim test/daxsim/topologies/hmem.json -- sh test/abi/conformance.sh
#
# It starts from the state of test/daxsim/topologies/hmem.json (one 1 GiB
# soft-reserved region hmem.N with dax0.0 covering it, bound to device_dax)
# and puts that state back at the end (also when a case fails).
#
# Where upstream Linux (measured on Debian 6.1, test/vm/kernel-observations.md)
# and our series (Documentation/ABI/sysfs-bus-dax) differ, the expectation
# depends on ABI_PROFILE: "linux-6.1" or "series". Default: the simulator's
# profile under daxsim ($DAXSIM_CTL/profile), else "series" on a 5.8 kernel
# (the series' base) and "linux-6.1" on any other.
#
# Output: TAP, one "ok N - ..." / "not ok N - ..." per case, then
# "N passed, N failed" (", N skipped" if any). Exit status 0 only if every case passed.
# The cases of kmem unbind with online memory leave memory added until the
# next boot: on a real kernel they run only with ABI_HELD=1 (one SKIP line
# otherwise); the simulator runs them and is reset afterwards.
set -u

abi_dir=$(cd "$(dirname "$0")" && pwd)
. "$abi_dir/lib.sh"
MB=1048576
NL='
'

if [ -n "${ABI_PROFILE:-}" ]; then
	P=$ABI_PROFILE
elif [ -n "${DAXSIM_CTL:-}" ] && [ -r "$DAXSIM_CTL/profile" ]; then
	P=$(cat "$DAXSIM_CTL/profile")
else
	case $(uname -r) in
	5.8.*|5.8) P=series ;;
	*) P=linux-6.1 ;;
	esac
fi
case $P in
linux-6.1|series) ;;
*) echo "Bail out! unknown ABI_PROFILE '$P' (linux-6.1 or series)"; exit 2 ;;
esac

# pick LINUX SERIES: the expectation of the profile
pick() {
	if [ "$P" = series ]; then echo "$2"; else echo "$1"; fi
}

# Kernels after 6.1 (measured: Debian's 6.12) accept some malformed mapping
# writes without a change. Only on a real kernel: the simulator is 6.1.
lax=0
if [ -z "${DAXSIM_CTL:-}" ] && [ "$P" = linux-6.1 ]; then
	case $(uname -r) in
	[0-5].* | 6.[0-1].* | 6.[0-1]) ;;
	*) lax=1 ;;
	esac
fi
# pick_lax LINUX-6.1: the expectation of a write later kernels take (ok)
pick_lax() {
	if [ "$lax" = 1 ]; then echo ok; else pick "$1" EINVAL; fi
}

# ranges DEV: "start-end/page_offset ..." of mapping0, mapping1, ...
ranges() {
	_i=0
	_s=""
	while [ -d "$DEVS/$1/mapping$_i" ]; do
		_m=$DEVS/$1/mapping$_i
		_s="$_s $(rd "$_m/start")-$(rd "$_m/end")/$(rd "$_m/page_offset")"
		_i=$((_i + 1))
	done
	echo "${_s# }"
}

# rg START LEN [PGOFF]: a range as printed by ranges
rg() {
	printf '0x%x-0x%x/0x%x' "$1" $(($1 + $2 - 1)) "${3:-0}"
}

# dev_blocks DEV: the memoryN names inside the device's ranges
dev_blocks() {
	_i=0
	while [ -d "$DEVS/$1/mapping$_i" ]; do
		_a=$(rd "$DEVS/$1/mapping$_i/start")
		_e=$(rd "$DEVS/$1/mapping$_i/end")
		_a=$(((_a + BS - 1) / BS * BS))
		while [ $((_a + BS - 1)) -le $((_e)) ]; do
			[ -d "$MEMDIR/memory$((_a / BS))" ] && echo "memory$((_a / BS))"
			_a=$((_a + BS))
		done
		_i=$((_i + 1))
	done
}

# states BLOCKS...: "state/valid_zones ..." of each block
states() {
	_s=""
	for _b in "$@"; do
		_s="$_s $(rd "$MEMDIR/$_b/state")/$(rd "$MEMDIR/$_b/valid_zones" | tr ' ' '+')"
	done
	echo "${_s# }"
}

node_memtotal() {
	sed -n 's/.*MemTotal: *\([0-9]*\) kB.*/\1/p' "$NODEDIR/node$TN/meminfo" 2>/dev/null
}

devlist() {
	for _p in "$HM"/dax[0-9]*.[0-9]*; do
		[ -d "$_p" ] && echo "${_p##*/}"
	done
}

echo "# dax bus ABI conformance, profile $P, SYSFS=$SYSFS"

# ---- the starting state must be hmem.json's ----
D0=$DEVS/dax0.0
if [ ! -e "$D0" ]; then
	echo "Bail out! no $D0"
	exit 1
fi
HM=$(dirname "$(readlink -f "$D0")")
R=$HM/dax_region
RSZ=$(rd "$R/size")
RS=$(rd "$D0/mapping0/start")
TN=$(rd "$D0/target_node")
BS=$((0x$(rd "$MEMDIR/block_size_bytes")))
AUTO_SAVE=$(rd "$MEMDIR/auto_online_blocks")
if [ "$(drvname dax0.0)" != device_dax ] || [ "$(rd "$D0/size")" != "$RSZ" ] ||
	[ "$(devlist | tr '\n' ' ')" != "dax0.0 " ] || [ -z "$RS" ]; then
	echo "Bail out! not the hmem.json state (dax0.0 bound to device_dax covering its region)"
	exit 1
fi

FR=$SYSFS/kernel/debug/fail_dax_resource

restore() {
	[ -d "$FR" ] && wr "$FR/probability" 0 >/dev/null
	for _d in $(devlist); do
		_drv=$(drvname "$_d")
		if [ "$_drv" = kmem ]; then
			for _b in $(dev_blocks "$_d"); do
				[ "$(rd "$MEMDIR/$_b/state")" = online ] && wr "$MEMDIR/$_b/state" offline >/dev/null
			done
		fi
		[ "$_drv" != none ] && wr "$DRV/$_drv/unbind" "$_d" >/dev/null
		wr "$DRV/kmem/remove_id" "$_d" >/dev/null
		wr "$DEVS/$_d/size" 0 >/dev/null
	done
	for _d in $(devlist); do
		[ "$_d" = dax0.0 ] || wr "$R/delete" "$_d" >/dev/null
	done
	wr "$D0/align" 2097152 >/dev/null
	wr "$D0/size" "$RSZ" >/dev/null
	wr "$DRV/device_dax/bind" dax0.0 >/dev/null
	[ -n "$AUTO_SAVE" ] && wr "$MEMDIR/auto_online_blocks" "$AUTO_SAVE" >/dev/null
}
restored=0
trap '[ "$restored" = 1 ] || restore' EXIT
trap 'exit 130' INT TERM HUP

# ---- boot state ----
is "dax0.0 is a device of an hmem region with a dax_region" \
	"$(basename "$HM")/$(basename "$(readlink -f "$D0")") $([ -d "$R" ] && echo dax_region)" \
	"$(basename "$HM")/dax0.0 dax_region"
is "dax0.0/subsystem is the dax bus" "$(readlink -f "$D0/subsystem")" "$(readlink -f "$BUS")"
is "/sys/dev/char/\$(cat dax0.0/dev) is dax0.0" \
	"$(readlink -f "$SYSFS/dev/char/$(rd "$D0/dev")")" "$(readlink -f "$D0")"
is "dax0.0 starts bound to device_dax" "$(drvname dax0.0)" device_dax
is "device_dax and kmem have bind, unbind, new_id, remove_id" \
	"$(for d in device_dax kmem; do for f in bind unbind new_id remove_id; do
		[ -e "$DRV/$d/$f" ] && printf '%s ' "$d/$f"; done; done)" \
	"device_dax/bind device_dax/unbind device_dax/new_id device_dax/remove_id kmem/bind kmem/unbind kmem/new_id kmem/remove_id "
is "region id is 0" "$(rd "$R/id")" 0
is "region size is 1 GiB and dax0.0 covers it" "$RSZ $(rd "$D0/size")" "1073741824 1073741824"
is "region align is 2097152" "$(rd "$R/align")" 2097152
is "available_size is 0" "$(rd "$R/available_size")" 0
is "seed is empty while dax0.0 is bound" "$(rd "$R/seed")" ""
is "create reads $(pick empty dax0.0) before any create" "$(rd "$R/create")" "$(pick '' dax0.0)"
is "dax0.0 align is the region align" "$(rd "$D0/align")" 2097152
is "mapping0 covers the region from resource, page_offset 0" \
	"$(ranges dax0.0) $(rd "$D0/resource")" "$(rg "$RS" "$RSZ") $RS"
is "target_node is a node number" "$(echo "$TN" | sed -n '/^[0-9][0-9]*$/p')" "$TN"
is "modalias" "$(rd "$D0/modalias")" "dax:t0"
is "reading write-only mapping fails with EACCES" "$(rderr "$D0/mapping")" EACCES
is "writing read-only available_size fails with EACCES" "$(wr "$R/available_size" 0)" EACCES
is "block_size_bytes is a hex power of two" "$((BS > 0 && (BS & (BS - 1)) == 0))" 1

# ---- a bound device refuses reconfiguration ----
is "size <- 0 while bound: EBUSY" "$(wr "$D0/size" 0)" EBUSY
is "size <- 1M (unaligned) while bound" "$(wr "$D0/size" 1048576)" "$(pick EINVAL EBUSY)"
is "align <- 4096 while bound: EBUSY" "$(wr "$D0/align" 4096)" EBUSY
is "align <- 12345 while bound: EINVAL" "$(wr "$D0/align" 12345)" EINVAL
is "delete <- dax0.0 while bound: EBUSY" "$(wr "$R/delete" dax0.0)" EBUSY
# the series' v5.8 driver core answers every refused bind with ENODEV
is "device_dax/bind <- dax0.0 already bound: $(pick EBUSY ENODEV)" "$(wr "$DRV/device_dax/bind" dax0.0)" "$(pick EBUSY ENODEV)"
is "kmem/unbind <- dax0.0 bound to device_dax: ENODEV" "$(wr "$DRV/kmem/unbind" dax0.0)" ENODEV
is "device_dax/bind <- dax9.9 (no such device): ENODEV" "$(wr "$DRV/device_dax/bind" dax9.9)" ENODEV
is "kmem/new_id <- foo: EINVAL" "$(wr "$DRV/kmem/new_id" foo)" EINVAL

# ---- dax0.0 unbound ----
is "device_dax/unbind <- dax0.0: ok, driver link gone" \
	"$(wr "$DRV/device_dax/unbind" dax0.0) $(drvname dax0.0)" "ok none"
is "device_dax/unbind <- dax0.0 again: ENODEV" "$(wr "$DRV/device_dax/unbind" dax0.0)" ENODEV
is "kmem/bind <- dax0.0 without new_id: ENODEV" "$(wr "$DRV/kmem/bind" dax0.0)" ENODEV
is "seed stays empty after the unbind" "$(rd "$R/seed")" ""
is "size <- abc: EINVAL" "$(wr "$D0/size" abc)" EINVAL
is "size <- -1: EINVAL" "$(wr "$D0/size" -1)" EINVAL
# the series' size_store() answers every kstrtoull() error with EINVAL
is "size <- 2^64 (overflow): $(pick ERANGE EINVAL)" "$(wr "$D0/size" 18446744073709551616)" "$(pick ERANGE EINVAL)"
is "size <- 1M (not a multiple of 2M): EINVAL" "$(wr "$D0/size" 1048576)" EINVAL
is "size <- 2G (more than the region): ENOSPC, unchanged" \
	"$(wr "$D0/size" 2147483648) $(rd "$D0/size")" "ENOSPC $RSZ"
is "size <- the current size: ok" "$(wr "$D0/size" "$RSZ")" ok
is "size <- 0x30000000 shrinks from the end" \
	"$(wr "$D0/size" 0x30000000) $(ranges dax0.0) $(rd "$R/available_size")" \
	"ok $(rg "$RS" $((768 * MB))) $((256 * MB))"
is "size <- 0 with a newline releases everything" \
	"$(wr "$D0/size" "0$NL") $(ranges dax0.0)/ $(rd "$R/available_size")" "ok / $RSZ"
is "resource of a size-0 device is the region start" "$(rd "$D0/resource")" "$RS"
is "device_dax/bind <- a size-0 device: $(pick ENXIO ENODEV)" "$(wr "$DRV/device_dax/bind" dax0.0)" "$(pick ENXIO ENODEV)"
is "delete <- dax0.0 (idle, size 0): EBUSY, daxX.0 stays" "$(wr "$R/delete" dax0.0)" EBUSY
is "delete <- dax0.9 (no such device)" "$(wr "$R/delete" dax0.9)" "$(pick ENXIO ENODEV)"

# ---- create, seed, delete ----
is "create <- 2: EINVAL" "$(wr "$R/create" 2)" EINVAL
is "create <- abc: EINVAL" "$(wr "$R/create" abc)" EINVAL
is "create <- 1: ok, dax0.1 appears" "$(wr "$R/create" 1) $(devlist | tr '\n' ' ')" "ok dax0.0 dax0.1 "
is "seed names the new device" "$(rd "$R/seed")" dax0.1
is "create reads the youngest device" "$(rd "$R/create")" dax0.1
is "a new device has size 0, the region align, no mapping" \
	"$(rd "$DEVS/dax0.1/size") $(rd "$DEVS/dax0.1/align") $(ranges dax0.1)/" "0 2097152 /"
is "/dev/char entry of the new device" \
	"$(readlink -f "$SYSFS/dev/char/$(rd "$DEVS/dax0.1/dev")")" "$(readlink -f "$DEVS/dax0.1")"
is "create <- 1 again: dax0.2, seed stays dax0.1" \
	"$(wr "$R/create" 1) $(rd "$R/create") $(rd "$R/seed")" "ok dax0.2 dax0.1"
is "delete <- dax0.2 with a newline: ok, gone" \
	"$(wr "$R/delete" "dax0.2$NL") $([ -e "$DEVS/dax0.2" ] && echo present || echo gone)" "ok gone"
is "delete <- dax0.2 again" "$(wr "$R/delete" dax0.2)" "$(pick ENXIO ENODEV)"
is "create <- 0x1 reuses the freed id dax0.2" "$(wr "$R/create" 0x1) $(rd "$R/create")" "ok dax0.2"

# ---- sizing and allocation ----
is "dax0.1 size <- 256M: first fit at the region start" \
	"$(wr "$DEVS/dax0.1/size" $((256 * MB))) $(ranges dax0.1)" "ok $(rg "$RS" $((256 * MB)))"
is "dax0.2 size <- 256M: the next free range" \
	"$(wr "$DEVS/dax0.2/size" $((256 * MB))) $(ranges dax0.2)" \
	"ok $(rg $((RS + 256 * MB)) $((256 * MB)))"
is "delete <- dax0.1 (unbound, sized): EBUSY" "$(wr "$R/delete" dax0.1)" EBUSY
is "dax0.1 grows to 512M discontiguously: mapping1, page_offset continues" \
	"$(wr "$DEVS/dax0.1/size" $((512 * MB))) $(ranges dax0.1)" \
	"ok $(rg "$RS" $((256 * MB))) $(rg $((RS + 512 * MB)) $((256 * MB)) 0x10000)"
is "dax0.1 shrinks to 128M: last range released, then trimmed" \
	"$(wr "$DEVS/dax0.1/size" $((128 * MB))) $(ranges dax0.1)" "ok $(rg "$RS" $((128 * MB)))"
is "dax0.2 grows 256M -> 384M with a gap below it" \
	"$(wr "$DEVS/dax0.2/size" $((384 * MB))) $(ranges dax0.2)" \
	"ok $(pick "$(rg $((RS + 256 * MB)) $((256 * MB))) $(rg $((RS + 128 * MB)) $((128 * MB)) 0x10000)" \
		"$(rg $((RS + 256 * MB)) $((384 * MB)))")"
is "dax0.2 shrinks back to 256M" \
	"$(wr "$DEVS/dax0.2/size" $((256 * MB))) $(ranges dax0.2)" \
	"ok $(rg $((RS + 256 * MB)) $((256 * MB)))"
is "dax0.1 grows 128M -> 256M in place" \
	"$(wr "$DEVS/dax0.1/size" $((256 * MB))) $(ranges dax0.1)" "ok $(rg "$RS" $((256 * MB)))"
is "dax0.1 size <- 1G (needs more than available): ENOSPC, unchanged" \
	"$(wr "$DEVS/dax0.1/size" $((1024 * MB))) $(rd "$DEVS/dax0.1/size")" "ENOSPC $((256 * MB))"

# ---- mapping ----
M1=$DEVS/dax0.1/mapping
is "mapping <- START without END: EINVAL" "$(wr "$M1" "$(printf '0x%x' $((RS + 512 * MB)))")" EINVAL
is "mapping <- xyz: EINVAL" "$(wr "$M1" xyz)" EINVAL
# a typo must not allocate something else: nothing but the two numbers and
# one trailing newline (both profiles; the series since v6)
R1=$(ranges dax0.1)
FREE=$(printf '0x%x-0x%x' $((RS + 512 * MB)) $((RS + 640 * MB - 1)))
for junk in x " " - "$NL$NL" " 0x0"; do
	is "mapping <- a free range with '$(printf '%s' "$junk" | tr '\n' N)' after it: EINVAL, nothing changed" \
		"$(wr "$M1" "$FREE$junk") $(ranges dax0.1)" "EINVAL $R1"
done
is "mapping <- a free range after a space: EINVAL, nothing changed" \
	"$(wr "$M1" " $FREE") $(ranges dax0.1)" "EINVAL $R1"
# 6.1 parses each part with kstrtoull(), which takes a newline before the
# '-'; the series wants a hex digit there
res=$(wr "$M1" "$(printf '0x%x\n-0x%x' $((RS + 512 * MB)) $((RS + 514 * MB - 1)))")
is "mapping <- 'START<newline>-END' of a free range: $(pick ok EINVAL)" "$res" "$(pick ok EINVAL)"
[ "$res" = ok ] && wr "$DEVS/dax0.1/size" $((256 * MB)) >/dev/null
is "dax0.1 is as before the refused mappings" "$(ranges dax0.1)" "$R1"
# 6.1 refuses these two with ENXIO; Debian's 6.12 takes the write (ok) and
# changes nothing (test/vm/kernel-observations.md, "Debian 6.12").
R1=$(ranges dax0.1)
is "mapping <- END < START: $(pick_lax ENXIO), nothing changed" \
	"$(wr "$M1" "$(printf '0x%x-0x%x' $((RS + 640 * MB)) $((RS + 512 * MB)))") $(ranges dax0.1)" \
	"$(pick_lax ENXIO) $R1"
is "mapping <- a 1M long range: $(pick_lax ENXIO), nothing changed" \
	"$(wr "$M1" "$(printf '0x%x-0x%x' $((RS + 512 * MB)) $((RS + 513 * MB - 1)))") $(ranges dax0.1)" \
	"$(pick_lax ENXIO) $R1"
is "mapping <- a range outside the region" \
	"$(wr "$M1" "$(printf '0x%x-0x%x' $((RS + RSZ)) $((RS + RSZ + 2 * MB - 1)))")" "$(pick ENOMEM EINVAL)"
is "mapping <- a range of another device" \
	"$(wr "$M1" "$(printf '0x%x-0x%x' $((RS + 256 * MB)) $((RS + 258 * MB - 1)))")" "$(pick ENOMEM EBUSY)"
is "mapping <- a free range (no 0x, newline): appended as mapping1" \
	"$(wr "$M1" "$(printf '%x-%x\n' $((RS + 512 * MB)) $((RS + 640 * MB - 1)))") $(ranges dax0.1) $(rd "$DEVS/dax0.1/size")" \
	"ok $(rg "$RS" $((256 * MB))) $(rg $((RS + 512 * MB)) $((128 * MB)) 0x10000) $((384 * MB))"
is "mapping <- the adjacent range: mapping2, not merged" \
	"$(wr "$M1" "$(printf '0x%x-0x%x' $((RS + 640 * MB)) $((RS + 768 * MB - 1)))") $(ranges dax0.1)" \
	"ok $(rg "$RS" $((256 * MB))) $(rg $((RS + 512 * MB)) $((128 * MB)) 0x10000) $(rg $((RS + 640 * MB)) $((128 * MB)) 0x18000)"
res=$(wr "$M1" "$(printf '0x%x-0x%x' $((RS + 769 * MB)) $((RS + 771 * MB - 1)))")
is "mapping <- a 2M range starting 1M-aligned" "$res" "$(pick ok EINVAL)"
[ "$res" = ok ] && wr "$DEVS/dax0.1/size" $((512 * MB)) >/dev/null

# ---- align ----
is "align <- abc" "$(wr "$DEVS/dax0.1/align" abc)" "$(pick ENXIO EINVAL)"
is "align <- 1G with ranges that are not 1G multiples: EINVAL" \
	"$(wr "$DEVS/dax0.1/align" 1073741824) $(rd "$DEVS/dax0.1/align")" "EINVAL 2097152"
is "align <- 4096: ok" "$(wr "$DEVS/dax0.1/align" 4096) $(rd "$DEVS/dax0.1/align")" "ok 4096"
is "size <- 512M+4K with align 4096: EINVAL (multiple of max(align, 2M))" \
	"$(wr "$DEVS/dax0.1/size" $((512 * MB + 4096)))" EINVAL
is "align <- 0x200000: ok" "$(wr "$DEVS/dax0.1/align" 0x200000) $(rd "$DEVS/dax0.1/align")" "ok 2097152"

# ---- bind ----
is "device_dax/bind <- dax0.1 (the seed): ok, seed cleared" \
	"$(wr "$DRV/device_dax/bind" dax0.1) $(drvname dax0.1) $(rd "$R/seed")/" "ok device_dax /"
res=$(wr "$M1" "$(printf '0x%x-0x%x' $((RS + 768 * MB)) $((RS + 770 * MB - 1)))")
is "mapping <- a free range while bound" "$res" "$(pick ok EBUSY)"
is "size <- while bound: EBUSY" "$(wr "$DEVS/dax0.1/size" 0)" EBUSY
avail=$(rd "$R/available_size")
is "dax0.2 takes the whole available_size" \
	"$(wr "$DEVS/dax0.2/size" $((256 * MB + avail))) $(rd "$R/available_size")" "ok 0"
is "create <- 1 with available_size 0: ENOSPC" "$(wr "$R/create" 1)" ENOSPC
is "size <- +2M with available_size 0: ENOSPC" \
	"$(wr "$DEVS/dax0.2/size" $((256 * MB + avail + 2 * MB)))" ENOSPC
wr "$DEVS/dax0.2/size" $((256 * MB)) >/dev/null

# ---- kmem and memory blocks ----
is "auto_online_blocks <- bogus: EINVAL" "$(wr "$MEMDIR/auto_online_blocks" bogus)" EINVAL
is "auto_online_blocks <- offline" \
	"$(wr "$MEMDIR/auto_online_blocks" offline) $(rd "$MEMDIR/auto_online_blocks")" "ok offline"
mt0=$(node_memtotal)
is "kmem/new_id <- dax0.2 binds it at once" \
	"$(wr "$DRV/kmem/new_id" dax0.2) $(drvname dax0.2)" "ok kmem"
is "kmem/bind <- dax0.2 after new_id: $(pick EBUSY ENODEV)" "$(wr "$DRV/kmem/bind" dax0.2)" "$(pick EBUSY ENODEV)"
BLKS=$(dev_blocks dax0.2)
b0=$(echo "$BLKS" | head -n 1)
nb=$(echo "$BLKS" | grep -c memory)
is "one memory block per $((BS / MB))M of dax0.2, in node$TN" \
	"$nb $([ -L "$NODEDIR/node$TN/$b0" ] && echo linked)" "$((256 * MB / BS)) linked"
is "the blocks come up offline, valid_zones 'Normal Movable'" \
	"$(states $BLKS)" "$(for b in $BLKS; do printf 'offline/Normal+Movable '; done | sed 's/ $//')"
is "phys_index of a block is its address / block size" \
	"$((0x$(rd "$MEMDIR/$b0/phys_index")))" "${b0#memory}"
is "dax0.2 size <- 0 while bound to kmem: EBUSY" "$(wr "$DEVS/dax0.2/size" 0)" EBUSY
is "state <- online_movable: online, Movable" \
	"$(wr "$MEMDIR/$b0/state" online_movable) $(states "$b0") $(rd "$MEMDIR/$b0/online")" \
	"ok online/Movable 1"
mt1=$(node_memtotal)
is "node$TN MemTotal grows by one block" "$((${mt1:-0} - ${mt0:-0}))" "$((BS / 1024))"
is "state <- online_movable on an online block: EINVAL" "$(wr "$MEMDIR/$b0/state" online_movable)" EINVAL
is "state <- offline: ok; again: EINVAL" \
	"$(wr "$MEMDIR/$b0/state" offline) $(wr "$MEMDIR/$b0/state" offline) $(states "$b0")" \
	"ok EINVAL offline/Normal+Movable"
is "state <- bogus: EINVAL" "$(wr "$MEMDIR/$b0/state" bogus)" EINVAL
is "state <- online: Normal zone" \
	"$(wr "$MEMDIR/$b0/state" online) $(states "$b0")" "ok online/Normal"
wr "$MEMDIR/$b0/state" offline >/dev/null
is "kmem/unbind <- dax0.2 with every block offline: ok, blocks removed" \
	"$(wr "$DRV/kmem/unbind" dax0.2) $(drvname dax0.2) $([ -d "$MEMDIR/$b0" ] && echo present || echo removed)" \
	"ok none removed"
is "kmem/remove_id <- dax0.2: ok" "$(wr "$DRV/kmem/remove_id" dax0.2)" ok
if [ "$BS" -gt $((64 * MB)) ]; then
	wr "$DEVS/dax0.2/size" $((64 * MB)) >/dev/null
	wr "$DRV/kmem/new_id" dax0.2 >/dev/null
	is "kmem/bind <- a device without one whole memory block: $(pick EINVAL ENODEV)" \
		"$(wr "$DRV/kmem/bind" dax0.2) $(drvname dax0.2)" "$(pick EINVAL ENODEV) none"
	wr "$DRV/kmem/remove_id" dax0.2 >/dev/null
	wr "$DEVS/dax0.2/size" $((256 * MB)) >/dev/null
fi
wr "$R/create" 1 >/dev/null
idle=$(rd "$R/create")
is "kmem/new_id <- a size-0 device: ok, not bound; kmem/bind: $(pick ENXIO ENODEV)" \
	"$(wr "$DRV/kmem/new_id" "$idle") $(drvname "$idle") $(wr "$DRV/kmem/bind" "$idle")" "ok none $(pick ENXIO ENODEV)"
wr "$DRV/kmem/remove_id" "$idle" >/dev/null
is "delete <- the idle device: ok" "$(wr "$R/delete" "$idle")" ok
is "auto_online_blocks=online_movable: kmem blocks come up online, Movable" \
	"$(wr "$MEMDIR/auto_online_blocks" online_movable) $(wr "$DRV/kmem/new_id" dax0.2) $(states $(dev_blocks dax0.2))" \
	"ok ok $(for b in $BLKS; do printf 'online/Movable '; done | sed 's/ $//')"
wr "$MEMDIR/auto_online_blocks" offline >/dev/null
for b in $(dev_blocks dax0.2); do
	wr "$MEMDIR/$b/state" offline >/dev/null
done
is "kmem/unbind after offlining: ok" "$(wr "$DRV/kmem/unbind" dax0.2) $(drvname dax0.2)" "ok none"
wr "$DRV/kmem/remove_id" dax0.2 >/dev/null

# ---- memmap_on_memory (Linux >= 6.8) ----
# Read by kmem when it adds the memory, so a change is refused while kmem
# holds the device; setting it needs memory_hotplug.memmap_on_memory.
MM=$DEVS/dax0.2/memmap_on_memory
if [ -e "$MM" ]; then
	allowed=$(rd "$SYSFS/module/memory_hotplug/parameters/memmap_on_memory")
	case $allowed in
	Y|y|1|force) want1="ok 1" ;;
	*) want1="EOPNOTSUPP 0" ;;
	esac
	is "memmap_on_memory reads 0 or 1" "$(rd "$MM" | sed 's/^[01]$/a boolean/')" "a boolean"
	is "memmap_on_memory <- x: EINVAL" "$(wr "$MM" x)" EINVAL
	is "memmap_on_memory <- 0: ok" "$(wr "$MM" 0) $(rd "$MM")" "ok 0"
	is "memmap_on_memory <- 1 with memory_hotplug.memmap_on_memory=$allowed: $want1" \
		"$(wr "$MM" 1) $(rd "$MM")" "$want1"
	v=$(rd "$MM")
	# the boot parameter is checked first: 1 without it stays EOPNOTSUPP
	other=EBUSY
	[ "$v" = 0 ] && [ "$want1" != "ok 1" ] && other=EOPNOTSUPP
	wr "$DRV/kmem/new_id" dax0.2 >/dev/null
	is "memmap_on_memory while kmem holds the device: the other value $other, the same ok" \
		"$(drvname dax0.2) $(wr "$MM" $((1 - v))) $(wr "$MM" "$v") $(rd "$MM")" "kmem $other ok $v"
	for b in $(dev_blocks dax0.2); do
		wr "$MEMDIR/$b/state" offline >/dev/null
	done
	wr "$DRV/kmem/unbind" dax0.2 >/dev/null
	wr "$DRV/kmem/remove_id" dax0.2 >/dev/null
	is "memmap_on_memory <- 0 once kmem let go: ok" "$(drvname dax0.2) $(wr "$MM" 0)" "none ok"
else
	is "no memmap_on_memory (kernels before 6.8)" "$(rderr "$MM")" ENOENT
fi

# ---- fail_dax_resource (the series since v6, CONFIG_DEV_DAX_FAULT_INJECTION) ----
# The resource adjustments of a resize (the trim of a shrink, the in-place
# extension of a grow) cannot fail otherwise: a failed one must leave the
# device as it was.
if [ -d "$FR" ]; then
	D2=$DEVS/dax0.2
	r2=$(ranges dax0.2)
	av=$(rd "$R/available_size")
	wr "$FR/probability" 100 >/dev/null
	wr "$FR/times" 1 >/dev/null
	is "fail_dax_resource: a shrink whose trim fails: EBUSY, nothing changed, the fault used" \
		"$(wr "$D2/size" $((254 * MB))) $(ranges dax0.2) $(rd "$R/available_size") $(rd "$FR/times")" \
		"EBUSY $r2 $av 0"
	is "fail_dax_resource: times 0, the same shrink: ok" \
		"$(wr "$D2/size" $((254 * MB))) $(ranges dax0.2)" "ok $(rg $((RS + 256 * MB)) $((254 * MB)))"
	wr "$FR/times" 1 >/dev/null
	is "fail_dax_resource: a grow whose in-place extension fails: EBUSY, nothing changed" \
		"$(wr "$D2/size" $((256 * MB))) $(ranges dax0.2) $(rd "$R/available_size")" \
		"EBUSY $(rg $((RS + 256 * MB)) $((254 * MB))) $((av + 2 * MB))"
	wr "$FR/times" 1 >/dev/null
	is "fail_dax_resource: a shrink to 0 and a grow of an empty device adjust nothing" \
		"$(wr "$D2/size" 0) $(wr "$D2/size" $((256 * MB))) $(ranges dax0.2) $(rd "$FR/times")" \
		"ok ok $r2 1"
	wr "$FR/probability" 0 >/dev/null
else
	skip "fail_dax_resource (4 cases)" "no $FR (series v6 with CONFIG_DEV_DAX_FAULT_INJECTION, debugfs mounted)"
fi

# ---- back to the starting state ----
restore
restored=1
is "the starting state is restored" \
	"$(devlist | tr '\n' ' ')$(drvname dax0.0) $(ranges dax0.0) $(rd "$R/available_size") $(rd "$MEMDIR/auto_online_blocks")" \
	"dax0.0 device_dax $(rg "$RS" "$RSZ") 0 $AUTO_SAVE"

# ---- kmem unbind with memory online ----
# The memory cannot be removed: it stays until the next boot (6.1: leaked,
# the device can be emptied; the series since v6: the device is held, its
# capacity stays allocated). The simulator is reset afterwards; a real kernel
# is left with one block of System RAM in the region, so there these cases
# run only when asked for (ABI_HELD=1, e.g. in a throw-away VM).
if [ -n "${DAXSIM_CTL:-}" ] || [ "${ABI_HELD:-0}" = 1 ]; then
	wr "$DRV/device_dax/unbind" dax0.0 >/dev/null
	wr "$D0/size" 0 >/dev/null
	wr "$R/create" 1 >/dev/null
	wr "$R/create" 1 >/dev/null
	H=$DEVS/dax0.1
	wr "$H/mapping" "$(printf '0x%x-0x%x' "$RS" $((RS + BS - 1)))" >/dev/null
	wr "$H/mapping" "$(printf '0x%x-0x%x' $((RS + 2 * BS)) $((RS + 3 * BS - 1)))" >/dev/null
	wr "$MEMDIR/auto_online_blocks" offline >/dev/null
	wr "$DRV/kmem/new_id" dax0.1 >/dev/null
	hb=$(dev_blocks dax0.1 | head -n 1)
	hr=$(ranges dax0.1)
	avail=$(rd "$R/available_size")
	is "kmem unbind of a two-range device with one block online: ok, the capacity stays" \
		"$(drvname dax0.1) $(wr "$MEMDIR/$hb/state" online) $(wr "$DRV/kmem/unbind" dax0.1) $(drvname dax0.1) $(ranges dax0.1) $(rd "$R/available_size") $(rd "$MEMDIR/$hb/state")" \
		"kmem ok ok none $hr $avail online"
	is "another device cannot map the online range" \
		"$(wr "$DEVS/dax0.2/mapping" "$(printf '0x%x-0x%x' "$RS" $((RS + BS - 1)))")" "$(pick ENOMEM EBUSY)"
	is "delete <- dax0.1: EBUSY" "$(wr "$R/delete" dax0.1)" EBUSY
	is "device_dax/bind <- dax0.1 (its memory is System RAM): $(pick EBUSY ENODEV)" \
		"$(wr "$DRV/device_dax/bind" dax0.1) $(drvname dax0.1)" "$(pick EBUSY ENODEV) none"
	# 6.1's kmem gives up at the first busy range, the series skips it
	is "kmem/bind <- dax0.1 again: $(pick EBUSY 'ok, the removed range only')" \
		"$(wr "$DRV/kmem/bind" dax0.1) $(drvname dax0.1) $(dev_blocks dax0.1 | grep -c memory)" \
		"$(pick "EBUSY none 1" "ok kmem 2")"
	[ "$(drvname dax0.1)" = kmem ] && wr "$DRV/kmem/unbind" dax0.1 >/dev/null
	is "mapping <- a free range: $(pick ok 'EBUSY (held)')" \
		"$(wr "$H/mapping" "$(printf '0x%x-0x%x' $((RS + 4 * BS)) $((RS + 4 * BS + 2 * MB - 1)))")" "$(pick ok EBUSY)"
	is "size <- 0: $(pick 'ok, the range is free again' 'EBUSY (held)')" \
		"$(wr "$H/size" 0) $(rd "$R/available_size")" "$(pick "ok $RSZ" "EBUSY $avail")"
	is "size <- more: $(pick ok EBUSY)" "$(wr "$H/size" $((4 * BS)))" "$(pick ok EBUSY)"
	wr "$DRV/kmem/remove_id" dax0.1 >/dev/null
	if [ -n "${DAXSIM_CTL:-}" ]; then
		wr "$DAXSIM_CTL/reset" 1 >/dev/null
		is "the simulator's reset brings the starting state back" \
			"$(devlist | tr '\n' ' ')$(drvname dax0.0) $(ranges dax0.0) $(rd "$R/available_size")" \
			"dax0.0 device_dax $(rg "$RS" "$RSZ") 0"
	else
		restore
	fi
else
	skip "kmem unbind with online memory (8 cases)" "it leaves memory added until the next boot; ABI_HELD=1 runs it"
fi

tap_plan
tap_tally
tap_status
