#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Documentation/daxctl-vm-passthrough.md: every memory-backend-file on a
# dax device is shared and aligned, size fits align, and this QEMU
# accepts the documented -object (with a file standing in for
# /dev/daxX.Y: the simulator's nodes cannot be mmapped).
. "$(dirname "$0")/lib.sh"
doc=$SRCDIR/Documentation/daxctl-vm-passthrough.md

objs=$(grep -o 'memory-backend-file,[^ ]*' "$doc")
check "the document has a memory-backend-file example" test -n "$objs"
n=0
while read -r obj; do
	n=$((n + 1))
	check "example $n: mem-path is a dax device" grep -q 'mem-path=/dev/dax[0-9]*\.[0-9]*' <<<"$obj"
	check "example $n: share=on" grep -q 'share=on' <<<"$obj"
	check "example $n: align=" grep -qE 'align=[0-9]+[MG]' <<<"$obj"
	size=$(sed -n 's/.*size=\([0-9]*\)G.*/\1/p' <<<"$obj")
	align=$(sed -n 's/.*align=\([0-9]*[MG]\).*/\1/p' <<<"$obj")
	fits=0
	if [ "$align" = 2M ] || { [ "${align%G}" != "$align" ] && [ $((size % ${align%G})) = 0 ]; }; then
		fits=1
	fi
	check "example $n: size (${size}G) is a multiple of align ($align)" test "$fits" = 1
done <<<"$objs"
check "explains share" grep -q '| `share` | `on` |' "$doc"
check "explains align" grep -q '| `align` | `2M` |' "$doc"
check "shows the config section that opens the device" grep -q 'permissions = 0660' "$doc"

qemu=$(command -v qemu-system-x86_64)
if [ -z "$qemu" ]; then
	echo "# no qemu-system-x86_64: the command line is not run"
	ops_done
fi
file=$ops_tmp/dax-standin
truncate -s 64M "$file"
obj=$(head -1 <<<"$objs" | sed "s|mem-path=/dev/dax[0-9.]*|mem-path=$file|; s|size=16G|size=64M|")
# -S: stop before the first instruction; "quit" on the monitor ends it.
# Not with meson's LD_LIBRARY_PATH: qemu links Debian's libdaxctl (via
# libpmem), and this checks Debian's qemu as users run it.
out=$(echo quit | env -u LD_LIBRARY_PATH timeout 20 "$qemu" -machine none -nodefaults -display none \
	-S -monitor stdio -object "$obj" 2>&1)
rc=$?
check "qemu accepts: -object ${obj/$file/FILE}" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/#     /' <<<"$out" | head -5
out=$(echo quit | env -u LD_LIBRARY_PATH timeout 20 "$qemu" -machine none -nodefaults -display none \
	-S -monitor stdio -object "${obj/size=64M/size=128M}" 2>&1)
rc=$?
check "qemu refuses a size larger than the backing device" \
	bash -c "[ $rc != 0 ] && grep -q 'size' <<<'${out//\'/}'"

ops_done
