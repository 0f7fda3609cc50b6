#!/bin/bash
# Guest suite: what the machine boots with, as daxctl lists it, and the way
# from there to the state the other suites start from (every region with
# daxX.0 covering it, on device_dax; auto_online_blocks offline).
#
#   scripts/vm/run [--kernel 6.12] [--machine nvdimm] test/vm/boot-state.sh
#
# The boot state depends on the kernel (test/vm/kernel-observations.md,
# "Other kernels and machines"):
#   devdax      6.1, hmem: daxX.0 on device_dax. Nothing to do.
#   system-ram  6.12, hmem: kmem claimed daxX.0 at boot and the blocks are
#               online in ZONE_NORMAL (auto_online_blocks=online). Taken
#               back with reconfigure-device -f -m devdax where the kernel
#               can offline the blocks; where it cannot (dax0.0: an
#               unmovable page at the start of node 1), the command fails
#               with EBUSY, names the block, and leaves every block as it
#               was.
#   idle        6.12 with dax_hmem.region_idle=1: daxX.0 has size 0, is
#               unbound and is not the seed; the whole region is available
#               (create-device makes daxX.1). Given to daxX.0 with
#               reconfigure-device -s and enable-device.
#   static      nvdimm: a devdax namespace's region (no available_size, no
#               create); dax0.0 on device_dax. Nothing to do.
# In every case the peer's and our list output must be identical, before and
# after. Uses $DAXCTL (ours if built) for the changes.

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

PEER=${PEER_DAXCTL:-/usr/bin/daxctl}
DAXCTL=${DAXCTL:-$PEER}
echo "# boot-state: kernel $(uname -r), machine ${VM_MACHINE:-hmem}, DAXCTL=$DAXCTL"

# same_list ARGS...: the peer's and $DAXCTL's stdout and exit status agree.
same_list() {
	local p o prc orc
	p=$("$PEER" "$@" 2>/dev/null)
	prc=$?
	o=$("$DAXCTL" "$@" 2>/dev/null)
	orc=$?
	if [ "$p" = "$o" ] && [ "$prc" = "$orc" ]; then
		ok "$*: the peer's and ours agree (exit $prc)"
	else
		not_ok "$*: the peer's and ours differ (exit $prc, $orc)"
		diff <(printf '%s\n' "$p") <(printf '%s\n' "$o") | head -n 30 | sed 's/^/#   /'
	fi
}

# What the kernel booted with, from sysfs alone.
boot_state() {
	local d0 drv
	d0=$(ls -d "$DAXBUS"/devices/dax*.0 2>/dev/null | head -n 1)
	[ -n "$d0" ] || { echo none; return; }
	drv=$(dev_driver "${d0##*/}")
	if [ ! -e "$(readlink -f "$d0")/../dax_region/available_size" ]; then
		echo static
	elif [ "$drv" = kmem ]; then
		echo system-ram
	elif [ "$(cat "$d0/size")" = 0 ]; then
		echo idle
	else
		echo devdax
	fi
}

# "memoryN:state:valid_zones ..." of the blocks of DEV's node
block_states() {
	local b out=""
	for b in "$NODES/node$(dev_attr "$1" target_node)"/memory[0-9]*; do
		[ -e "$b/state" ] && out="$out ${b##*/}:$(cat "$b/state"):$(cat "$b/valid_zones")"
	done
	echo "$out"
}

state=$(boot_state)
echo "# boot state: $state"
case "${VM_MACHINE:-hmem}:$(uname -r)" in
nvdimm:*) want=static ;;
hmem:6.1.*) want=devdax ;;
hmem:*)
	if grep -q 'dax_hmem.region_idle=1' /proc/cmdline; then want=idle; else want=system-ram; fi ;;
esac
is "the boot state is the documented one for this kernel and machine" "$state" "$want"

for args in "list" "list -RDM" "list -RDMi" "list -RDMu" "list -i"; do
	# shellcheck disable=SC2086
	same_list $args
done

devs=$(cd "$DAXBUS/devices" && ls -d dax*.0)
bs=$((0x$(cat "$MEM/block_size_bytes")))

case "$state" in
system-ram)
	is "auto_online_blocks is online at boot" "$(cat "$MEM/auto_online_blocks")" online
	mem0=$(memtotal_kb)
	converted=0
	for d in $devs; do
		n=$(($(dev_attr "$d" size) / bs))
		dx list -d "$d"
		jqt "$d: listed as system-ram, all $n blocks online, not movable (ZONE_NORMAL)" \
			".[0].mode == \"system-ram\" and .[0].online_memblocks == $n and .[0].total_memblocks == $n and .[0].movable == false"
		dx reconfigure-device -m devdax "$d"
		expect_rc 240 "$d: to devdax without -f while its memory is online: EBUSY"
		is "$d: still on kmem" "$(dev_driver "$d")" kmem
		before=$(block_states "$d")
		dx reconfigure-device -f -m devdax "$d"
		if [ "$RC" = 0 ]; then
			ok "$d: reconfigure-device -f -m devdax (its memory offlined and removed)"
			is "$d: on device_dax" "$(dev_driver "$d")" device_dax
			jqt "$d: the JSON says devdax" ".[0].chardev == \"$d\" and .[0].mode == \"devdax\""
			converted=$((converted + 1))
			continue
		fi
		# A block the kernel will not offline (an unmovable page in it:
		# kernel-observations.md): EBUSY, and the device as it was.
		expect_rc 240 "$d: a block that cannot be offlined: EBUSY"
		is "$d: still on kmem" "$(dev_driver "$d")" kmem
		is "$d: every block as it was (the command put back what it offlined)" \
			"$(block_states "$d")" "$before"
		if [ "$DAXCTL" != "$PEER" ]; then
			b=$(printf '%s\n' "$ERR" | sed -n 's/.*failed to offline \(memory[0-9]*\).*/\1/p' | head -n 1)
			check "$d: our error names the block (${b:-none})" [ -d "$MEM/${b:-none}" ]
			z=$(cat "$MEM/$b/valid_zones" 2>/dev/null)
			check "$d: and its zone and valid_zones ($z)" \
				eval 'printf "%s" "$ERR" | grep -q "zone [A-Za-z]*, valid_zones $z"'
			check "$d: and what the kernel logged of the page that holds it" \
				eval 'printf "%s" "$ERR" | grep -q "kernel: pfn 0x[0-9a-f]*: [a-z]"'
		fi
	done
	check "at least one device went back to devdax" [ "$converted" -gt 0 ]
	check "MemTotal fell by its memory" [ "$(memtotal_kb)" -lt "$mem0" ]
	;;
idle)
	for d in $devs; do
		r=${d#dax}
		r=${r%%.*}
		rsz=$(cat "$(region_dir "$r")/size")
		is "$d: size 0, unbound, not the seed (seed empty)" \
			"$(dev_attr "$d" size) $(dev_driver "$d") $(cat "$(region_dir "$r")/seed")" "0 none "
		is "region $r: all of it available" "$(region_avail "$r")" "$rsz"
		dx create-device -r "$r"
		expect_rc 0 "create-device -r $r: the whole idle region"
		jqt "the device made is dax$r.1 (the kernel offers no seed), with the whole region" \
			".[0].chardev == \"dax$r.1\" and .[0].size == $rsz and .[0].mode == \"devdax\""
		dx destroy-device -f "dax$r.1"
		expect_rc 0 "destroy-device -f dax$r.1"
		dx reconfigure-device -s "$rsz" "$d"
		expect_rc 0 "reconfigure-device -s $rsz $d: $d takes the region"
		dx enable-device "$d"
		expect_rc 0 "enable-device $d"
		is "$d: on device_dax with the whole region" "$(dev_driver "$d") $(dev_attr "$d" size)" "device_dax $rsz"
	done
	;;
static)
	dx list -R
	jqt "list -R: one region under the nvdimm bus, no available_size" \
		'length == 1 and (.[0].path | test("/ndbus[0-9]+/region[0-9]+/dax[0-9]+\\.[0-9]+$")) and (.[0] | has("available_size") | not)'
	dx list -D
	jqt "list -D: dax0.0 devdax, the size of the region" \
		"length == 1 and .[0].chardev == \"dax0.0\" and .[0].mode == \"devdax\" and .[0].size == $(dev_attr dax0.0 size)"
	;;
esac
echo offline >"$MEM/auto_online_blocks"

state=$(boot_state)
case "$want" in
static) is "the state the suites start from: static devdax" "$state" static ;;
system-ram) ;; # per device above: a block that cannot be offlined keeps one on kmem
*) is "the state the suites start from: devdax" "$state" devdax ;;
esac
for args in "list -RDMi" "list -RDMu"; do
	# shellcheck disable=SC2086
	same_list $args
done
finish
