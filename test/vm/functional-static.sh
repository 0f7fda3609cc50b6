#!/bin/bash
# Guest suite: the daxctl functional flow on a static region, persistent
# memory in devdax mode (the NVDIMM machine: scripts/vm/run --machine nvdimm).
#
#   scripts/vm/run --machine nvdimm test/vm/functional-static.sh [DAXCTL]
#
# Written against the documented daxctl command line only, so it runs with
# Debian's daxctl and with ours. The namespace fixes dax0.0's size and range:
# list it, hand it to the page allocator and take it back, and see the
# commands that would carve the region refused with nothing changed. Leaves
# dax0.0 as it found it (devdax, enabled).

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ $# -ge 1 ] && DAXCTL=$1
DAXCTL=${DAXCTL:-/usr/bin/daxctl}
echo "# functional-static: DAXCTL=$DAXCTL ($("$DAXCTL" --version 2>&1))"

D0=$DAXBUS/devices/dax0.0
R=$(readlink -f "$D0")/../dax_region
SZ=$(dev_attr dax0.0 size)
node=$(dev_attr dax0.0 target_node)
bs=$((0x$(cat "$MEM/block_size_bytes")))
mem0=$(memtotal_kb)
auto0=$(cat "$MEM/auto_online_blocks")
echo offline >"$MEM/auto_online_blocks"

# The whole blocks inside dax0.0's range: what kmem hot-adds.
start=$(($(dev_attr dax0.0 mapping0/start)))
end=$(($(dev_attr dax0.0 mapping0/end)))
first=$(((start + bs - 1) / bs))
nb=$(((end + 1) / bs - first))
blocks() { local i; for ((i = first; i < first + nb; i++)); do echo "memory$i"; done; }
zones() { local b; for b in $(blocks); do echo "$(cat "$MEM/$b/state" 2>/dev/null)/$(cat "$MEM/$b/valid_zones" 2>/dev/null)"; done | sort | uniq -c | tr -s ' ' | tr '\n' ';'; }
bstates() { local b; for b in $(blocks); do cat "$MEM/$b/state"; done | sort | uniq -c | tr -s ' ' | tr '\n' ';'; }
devices() { ls "$DAXBUS/devices" | tr '\n' ' '; }

# ------------------------------------------------------------ list
dx list
expect_rc 0 "list"
jqt "list: dax0.0 only, devdax, the namespace's size" \
	"length == 1 and .[0].chardev == \"dax0.0\" and .[0].size == $SZ and .[0].mode == \"devdax\" and .[0].target_node == $node and .[0].align == 2097152"
dx list -R
jqt "list -R: the region's path is under the nvdimm bus" \
	'length == 1 and (.[0].path | test("^/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus[0-9]+/region[0-9]+/dax[0-9]+\\.[0-9]+$"))'
jqt "list -R: a static region shows no available_size" \
	".[0].id == 0 and .[0].size == $SZ and (.[0] | has(\"available_size\") | not)"
dx list -RDM
jqt "list -RDM: one mapping, the device's whole range" \
	".[0].devices[0].mappings | length == 1 and .[0].size == $SZ and .[0].start == $start and .[0].page_offset == 0"
dx list -r 0 -D
jqt "list -r 0 -D: the region by id" 'length == 1 and .[0].chardev == "dax0.0"'
dx list -i
jqt "list -i: nothing idle on a static region" 'length == 1'

# ------------------------------------------------------------ carving is refused
before=$(devices)
dx create-device -r 0 -s 128M
expect_rc 228 "create-device -r 0 -s 128M on a static region: ENOSPC"
is "no device made" "$(devices)" "$before"
dx create-device
expect_rc 228 "create-device (every region): ENOSPC"
is "no device made" "$(devices)" "$before"
dx reconfigure-device -s 512M dax0.0
check "resize of an enabled device fails" [ "$RC" -ne 0 ]
dx disable-device dax0.0
expect_rc 0 "disable-device dax0.0"
is "dax0.0 unbound" "$(dev_driver dax0.0)" none
dx reconfigure-device -s 512M dax0.0
check "resize of a static device fails" [ "$RC" -ne 0 ]
is "size unchanged" "$(dev_attr dax0.0 size)" "$SZ"
dx destroy-device -f dax0.0
check "destroy-device of a static device fails" [ "$RC" -ne 0 ]
is "size unchanged" "$(dev_attr dax0.0 size)" "$SZ"
check "dax0.0 remains" [ -e "$D0" ]
dx enable-device dax0.0
expect_rc 0 "enable-device dax0.0"
is "bound to device_dax again" "$(dev_driver dax0.0)" device_dax

# ------------------------------------------------------------ system-ram
dx reconfigure-device -m system-ram dax0.0
expect_rc 0 "reconfigure-device -m system-ram dax0.0"
jqt "JSON: system-ram, all $nb blocks online, movable" \
	".[0].chardev == \"dax0.0\" and .[0].mode == \"system-ram\" and .[0].online_memblocks == $nb and .[0].total_memblocks == $nb and .[0].movable == true"
is "dax0.0 on kmem" "$(dev_driver dax0.0)" kmem
is "MemTotal grew by the $nb blocks" $(($(memtotal_kb) - mem0)) $((nb * bs / 1024))
is "the blocks are online in Movable" "$(zones)" " $nb online/Movable;"
dx list -d dax0.0
jqt "list agrees" ".[0].mode == \"system-ram\" and .[0].online_memblocks == $nb"

dx offline-memory dax0.0
expect_rc 0 "offline-memory dax0.0"
is "MemTotal back" "$(memtotal_kb)" "$mem0"
is "the blocks offline" "$(bstates)" " $nb offline;"
dx online-memory dax0.0
expect_rc 0 "online-memory dax0.0"
is "online in Movable again" "$(zones)" " $nb online/Movable;"

dx reconfigure-device -m devdax dax0.0
expect_rc 240 "to devdax with online memory, no -f: EBUSY"
is "still on kmem" "$(dev_driver dax0.0)" kmem
dx reconfigure-device -f -m devdax dax0.0
expect_rc 0 "reconfigure-device -f -m devdax dax0.0"
jqt "JSON: devdax" '.[0].chardev == "dax0.0" and .[0].mode == "devdax"'
is "back on device_dax" "$(dev_driver dax0.0)" device_dax
is "MemTotal back to the start" "$(memtotal_kb)" "$mem0"
is "the blocks are gone" "$(zones)" " $nb /;"
is "size and range unchanged" "$(dev_attr dax0.0 size) $(($(dev_attr dax0.0 mapping0/start)))" "$SZ $start"

# Not --no-movable: the device's node is the boot memory's, and blocks
# onlined to ZONE_NORMAL there take the kernel's own allocations and can
# then not be offlined (kernel-observations.md, "NVDIMM devdax"); the hmem
# machine covers --no-movable on a node of its own.
dx reconfigure-device -N -m system-ram dax0.0
expect_rc 0 "reconfigure-device -N -m system-ram: hot-added, not onlined"
jqt "JSON: system-ram, nothing online" ".[0].mode == \"system-ram\" and .[0].online_memblocks == 0 and .[0].total_memblocks == $nb"
is "the blocks offline" "$(bstates)" " $nb offline;"
dx reconfigure-device -m devdax dax0.0
expect_rc 0 "offline system-ram back to devdax needs no -f"
is "back on device_dax" "$(dev_driver dax0.0)" device_dax
is "MemTotal back to the start" "$(memtotal_kb)" "$mem0"

echo "$auto0" >"$MEM/auto_online_blocks"
finish
