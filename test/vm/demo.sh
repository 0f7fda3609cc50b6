#!/bin/bash
# Guest script of the demo (scripts/vm/demo): sub-divide a soft-reserved
# region into devices, give one of them to the page allocator as system RAM,
# show the memory arrive, and tear everything down again.
#
# Uses $DAXCTL: ours when it is built, else Debian's (scripts/vm/run decides).
# Exits non-zero as soon as a step does not do what it says.

DAXCTL=${DAXCTL:-/usr/bin/daxctl}
S=${SYSFS:-/sys}
set -o pipefail

step() { printf '\n== %s\n' "$*"; }
# run CMD...: show the command, run it, stop the demo if it fails.
run() {
	echo "\$ $*"
	"$@" || { rc=$?; echo "demo: '$*' failed with exit status $rc"; exit "$rc"; }
}
daxctl() { "$DAXCTL" "$@"; }
show_mem() {
	grep MemTotal /proc/meminfo
	if [ -r "$S/devices/system/node/node$node/meminfo" ]; then
		grep -E 'MemTotal|MemFree' "$S/devices/system/node/node$node/meminfo"
	else
		# A node whose memory is all soft-reserved is offline until kmem adds some.
		echo "node $node: no memory yet (offline; $S/devices/system/node/node$node absent)"
	fi
}

if [ "$DAXCTL" = /usr/bin/daxctl ]; then
	echo "demo: using Debian's daxctl $(daxctl --version) (ours is not built)"
else
	echo "demo: using our daxctl $(daxctl --version) ($DAXCTL)"
fi
node=$(cat "$S/bus/dax/devices/dax0.0/target_node")
bs=$((0x$(cat "$S/devices/system/memory/block_size_bytes")))

step "Kernel $(uname -r): two soft-reserved ranges, each an hmem region on its own NUMA node"
grep -iE 'soft reserved' /proc/iomem
echo "memory block size: $((bs >> 20)) MiB; auto_online_blocks: $(cat "$S/devices/system/memory/auto_online_blocks")"
run daxctl list -R -D -M -u

step "Free region 0: its only device dax0.0 covers all of it, so disable it and shrink it to 0"
run daxctl disable-device dax0.0
run daxctl reconfigure-device -s 0 dax0.0
run daxctl list -R -r 0 -u

step "Sub-divide region 0 into three devices"
run daxctl create-device -r 0 -s 256M
run daxctl create-device -r 0 -s 512M
run daxctl create-device -r 0 -s 256M
run daxctl list -R -D -M -u -r 0

step "Resize: shrink dax0.1 to 128M, then grow dax0.3 into the freed space (a second range)"
run daxctl disable-device dax0.1
run daxctl reconfigure-device -s 128M dax0.1
run daxctl disable-device dax0.3
run daxctl reconfigure-device -s 384M dax0.3
run daxctl enable-device dax0.1
run daxctl enable-device dax0.3
run daxctl list -D -M -u -d dax0.3

step "Give dax0.2 (512 MiB) to the page allocator on node $node"
echo "before:"
show_mem
before=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
run daxctl reconfigure-device -m system-ram dax0.2
echo "after:"
show_mem
after=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
echo "MemTotal grew by $(((after - before) / 1024)) MiB"
[ $((after - before)) -eq $((512 * 1024)) ] || { echo "demo: expected +512 MiB"; exit 1; }
echo "memory blocks of node $node:"
for b in "$S/devices/system/node/node$node"/memory[0-9]*; do
	echo "  ${b##*/}: $(cat "$b/state") $(cat "$b/valid_zones")"
done
run daxctl list -R -D -u -r 0

step "Take it back: offline the memory and return dax0.2 to devdax"
run daxctl reconfigure-device -f -m devdax dax0.2
show_mem
[ "$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" -eq "$before" ] || { echo "demo: MemTotal did not come back"; exit 1; }

step "Tear down: destroy the new devices and give dax0.0 the whole region again"
run daxctl destroy-device -f dax0.1
run daxctl destroy-device -f dax0.2
run daxctl destroy-device -f dax0.3
run daxctl reconfigure-device -s 1G dax0.0
run daxctl enable-device dax0.0
run daxctl list -R -D -M -u
echo
echo "demo: done"
