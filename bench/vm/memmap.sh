# SPDX-License-Identifier: GPL-2.0-only
#
# Guest side of the memmap_on_memory measurement (issue 17): what onlining
# a device as system-ram costs the guest's ordinary RAM (node 0: 2 GiB and
# the cpus; node 2: 128 MiB), with and without memmap_on_memory.  Run it with
#   bench/vm/memmap [--build DIR] [REPS]
# which boots Debian's 6.12 with dax_hmem.region_idle=1 (an idle region:
# nothing is handed to kmem at boot) and memory_hotplug.memmap_on_memory=1.
#
# For each soft-reserved range (region 0 on node 1, region 1 on node 3,
# 1 GiB each) one device of the whole range is created, then REPS times
# (default 3) in alternation: onlined with --no-memmap-on-memory,
# measured, taken back to devdax; onlined with --memmap-on-memory,
# measured, taken back.  "MemFree used" is MemFree before minus after the
# reconfigure-device, for node 0 (2 GiB, the cpus), node 2 (128 MiB of
# ordinary RAM between the two ranges) and the whole system; "MemTotal
# added" is what the device added to its own node.  The memory goes to
# ZONE_MOVABLE (daxctl's default) with auto-onlining off, so it can be
# taken back.
set -u
reps=${1:-3}
DAXCTL=${OUR_DAXCTL:?our daxctl is not in the guest (build it first)}
D() { "$DAXCTL" "$@"; }

kb() { # FILE FIELD: the kB value of a nodeN/meminfo or /proc/meminfo field
	awk -v f="$2:" '{ for (i = 1; i < NF; i++) if ($i == f) { print $(i + 1); exit } }' "$1"
}
node_free() { kb /sys/devices/system/node/node$1/meminfo MemFree; }
# a node of soft-reserved memory has no meminfo until the device is onlined
node_total() {
	local f=/sys/devices/system/node/node$1/meminfo
	if [ -e "$f" ]; then kb "$f" MemTotal; else echo 0; fi
}

echo "kernel $(uname -r): $(cat /proc/cmdline)"
echo "memory_hotplug.memmap_on_memory=$(cat /sys/module/memory_hotplug/parameters/memmap_on_memory)"
echo offline > /sys/devices/system/memory/auto_online_blocks
D list -iRDM
# MemFree of nodes 0 and 2 (the guest's ordinary RAM) and of the system
frees() { echo "$(node_free 0) $(node_free 2) $(kb /proc/meminfo MemFree)"; }

one() { # memmap-option
	local f0 f1 t0 t1 st
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 1
	read -r -a f0 <<< "$(frees)"
	t0=$(node_total "$node")
	D reconfigure-device -m system-ram "$1" "$dev" > "/tmp/out.json" || {
		echo "reconfigure-device $1 failed"; return 1; }
	sleep 1
	read -r -a f1 <<< "$(frees)"
	t1=$(node_total "$node")
	st=$(jq -c '.[0] | [.online_memblocks, .total_memblocks, .memmap_on_memory]' /tmp/out.json)
	echo "RESULT $dev (node $node) $1: MemFree used (KiB): node0 $((f0[0] - f1[0])) node2 $((f0[1] - f1[1])) all $((f0[2] - f1[2])); node$node MemTotal added $((t1 - t0)) KiB; blocks online/total/memmap $st"
	D reconfigure-device -f -m devdax "$dev" > /dev/null || {
		echo "back to devdax failed"; return 1; }
}

for region in 0 1; do
	# the idle region's daxX.0 has size 0: carve the device out of it
	D create-device -r $region -s 1G > /dev/null || {
		echo "create-device -r $region failed"; exit 1; }
	dev=$(D list -D -r $region | jq -r '.[] | select(.size > 0) | .chardev' | head -n1)
	node=$(D list -d "$dev" | jq -r '.[0].target_node')
	echo "device $dev: $(D list -d "$dev" | jq -c '.[0]')"
	for i in $(seq "$reps"); do
		one --no-memmap-on-memory || exit 1
		one --memmap-on-memory || exit 1
	done
done

# The kernel's rules for the attribute, which the simulator models
# (test/daxsim/README.md): each write's outcome, "ok" or the shell's error.
try() { # VALUE: write it to the device's memmap_on_memory
	local err
	err=$( { echo "$1" > "/sys/bus/dax/devices/$dev/memmap_on_memory"; } 2>&1) &&
		echo ok || echo "${err##*: }"
}
attr=/sys/bus/dax/devices/$dev/memmap_on_memory
D reconfigure-device -m system-ram --memmap-on-memory "$dev" > /dev/null
echo "ABI system-ram, memmap 1: write 0 -> $(try 0); write 1 -> $(try 1); reads $(cat $attr)"
D reconfigure-device -f -m devdax "$dev" > /dev/null
echo "ABI devdax: write x -> $(try x); write off -> $(try off), reads $(cat $attr); write on -> $(try on), reads $(cat $attr)"
