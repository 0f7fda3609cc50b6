#!/bin/bash
# Guest script: probe the real kernel's dax sysfs ABI write by write and print
# what happened (ok, or the errno name). No asserts: the output is the raw
# material of test/vm/kernel-observations.md.
#
#   scripts/vm/run test/vm/observe.sh
#
# Uses region 0 (hmem.0, node 1) only; the kmem part at the end leaves memory
# hot-added, so nothing may run after it in the same boot.

S=${SYSFS:-/sys}
R=$S/devices/platform/hmem.0/dax_region
D=$S/bus/dax/devices
DRV=$S/bus/dax/drivers

PROBE_WIDTH=58
. "$(dirname "${BASH_SOURCE[0]}")/probe-lib.sh"

state() {
	printf '%-58s : avail=%s seed=%s devices=%s\n' "  region0" "$(cat $R/available_size)" \
		"$(cat $R/seed)" "$(cd $S/devices/platform/hmem.0 && ls -d dax0.* | tr '\n' ' ')"
}

echo "== kernel $(uname -r)"
echo "== boot state"
r "/proc/cmdline" /proc/cmdline
r "auto_online_blocks" $S/devices/system/memory/auto_online_blocks
r "block_size_bytes" $S/devices/system/memory/block_size_bytes
r "dax_hmem parameters" <(ls $S/module/dax_hmem/parameters 2>&1)
r "dax_hmem region_idle" $S/module/dax_hmem/parameters/region_idle
r "kmem parameters" <(ls $S/module/kmem/parameters 2>&1)
r "drivers on dax bus" <(ls $DRV)
r "device_dax dir" <(ls $DRV/device_dax)
r "kmem dir" <(ls $DRV/kmem)
r "readdir order /sys/bus/dax/devices" <(find $D -mindepth 1 -maxdepth 1 | sed 's|.*/||')
for f in id size align available_size seed create; do r "region0 $f" $R/$f; done
r "region0 dax_region ls + modes" <(cd $R && stat -c '%n:%a' *)
r "dax0.0 ls + modes" <(cd $D/dax0.0 && stat -c '%n:%a' *)
r "dax0.0 mapping0 ls + modes" <(cd $D/dax0.0/mapping0 && stat -c '%n:%a' *)
for f in size align resource target_node numa_node modalias mapping; do r "dax0.0 $f" $D/dax0.0/$f; done
for f in start end page_offset; do r "dax0.0 mapping0/$f" $D/dax0.0/mapping0/$f; done
r "dax0.0 driver" <(basename "$(readlink $D/dax0.0/driver)")
r "hmem.0 ls" <(ls $S/devices/platform/hmem.0)
r "/proc/iomem soft reserved" <(grep -iE 'soft|hmem|dax' /proc/iomem)

echo "== writes while dax0.0 is bound to device_dax"
w "dax0.0 size=0 (bound)" $D/dax0.0/size "0"
w "dax0.0 size=1M unaligned (bound)" $D/dax0.0/size "1048576"
w "dax0.0 size=abc (bound)" $D/dax0.0/size "abc"
w "dax0.0 align=4096 (bound)" $D/dax0.0/align "4096"
w "dax0.0 align=12345 invalid (bound)" $D/dax0.0/align "12345"
w "dax0.0 mapping (bound, range inside dax0.0)" $D/dax0.0/mapping "0x100000000-0x1001fffff"
w "delete dax0.0 (bound, sized, id 0)" $R/delete "dax0.0"
w "create 1 (available 0)" $R/create "1"
w "create 2 (available 0)" $R/create "2"
w "create abc" $R/create "abc"
state

echo "== unbind dax0.0"
w "device_dax/unbind dax0.0" $DRV/device_dax/unbind "dax0.0"
r "dax0.0 driver link" <(readlink $D/dax0.0/driver || echo none)
state
w "device_dax/unbind dax0.0 again" $DRV/device_dax/unbind "dax0.0"
w "dax0.0 size=1M unaligned" $D/dax0.0/size "1048576"
w "dax0.0 size=abc" $D/dax0.0/size "abc"
w "dax0.0 size=-1" $D/dax0.0/size "-1"
w "dax0.0 size=2G (> region)" $D/dax0.0/size "2147483648"
w "dax0.0 size=1G (current, no-op)" $D/dax0.0/size "1073741824"
w "dax0.0 size=0x30000000 (768M, hex, shrink)" $D/dax0.0/size "0x30000000"
maps dax0.0
state
w "dax0.0 align=1G (range 768M)" $D/dax0.0/align "1073741824"
w "dax0.0 align=12345" $D/dax0.0/align "12345"
w "dax0.0 align=4096" $D/dax0.0/align "4096"
r "dax0.0 align" $D/dax0.0/align
w "dax0.0 size=0x30001000 (768M+4K, align 4K)" $D/dax0.0/size "0x30001000"
maps dax0.0
w "dax0.0 size=0x30000000" $D/dax0.0/size "0x30000000"
w "dax0.0 align=2M" $D/dax0.0/align "2097152"
w "delete dax0.0 (unbound, sized)" $R/delete "dax0.0"
w "dax0.0 size=0 \\n" $D/dax0.0/size "0\n"
maps dax0.0
state
w "delete dax0.0 (unbound, size 0, id 0)" $R/delete "dax0.0"
w "bind device_dax dax0.0 (size 0)" $DRV/device_dax/bind "dax0.0"
r "dax0.0 resource (size 0)" $D/dax0.0/resource
state

echo "== create / seed / delete"
w "create 1" $R/create "1"
r "create (read)" $R/create
state
w "create 1\\n" $R/create "1\n"
r "create (read)" $R/create
state
w "create 0" $R/create "0"
w "create 0x1" $R/create "0x1"
state
w "delete dax0.9 (no such device)" $R/delete "dax0.9"
w "delete dax1.0 (other region)" $R/delete "dax1.0"
w "delete 'dax0.2\\n'" $R/delete "dax0.2\n"
state
w "delete dax0.2" $R/delete "dax0.2"
state
w "delete dax0.2 again" $R/delete "dax0.2"
w "create 1 (id reuse?)" $R/create "1"
state
r "dax0.1 ls" <(ls $D/dax0.1)
r "dax0.1 align" $D/dax0.1/align
r "dax0.1 resource (size 0)" $D/dax0.1/resource
r "dax0.1 target_node" $D/dax0.1/target_node
w "dax0.1 size=256M" $D/dax0.1/size "268435456"
maps dax0.1
w "delete dax0.1 (sized, unbound)" $R/delete "dax0.1"
w "bind device_dax dax0.1" $DRV/device_dax/bind "dax0.1"
state
w "dax0.1 size=512M (bound)" $D/dax0.1/size "536870912"
w "delete dax0.1 (bound)" $R/delete "dax0.1"
w "dax0.1 mapping 0x110000000-0x111ffffff (bound, free range)" $D/dax0.1/mapping "0x110000000-0x111ffffff"
maps dax0.1
state

echo "== allocation order (first fit vs extend in place)"
# dax0.1 [0,256M) bound. Make dax0.2 [256M,512M), free the tail.
w "dax0.2 size=256M" $D/dax0.2/size "268435456"
maps dax0.2
w "unbind dax0.1" $DRV/device_dax/unbind "dax0.1"
maps dax0.1
w "dax0.1 size=128M (shrink, frees [128M,256M))" $D/dax0.1/size "134217728"
maps dax0.1
w "dax0.2 size=384M (grow: gap at 128M vs tail after itself)" $D/dax0.2/size "402653184"
maps dax0.2
state
w "dax0.2 size=640M (grow again)" $D/dax0.2/size "671088640"
maps dax0.2
w "dax0.2 size=448M (shrink: from the last range?)" $D/dax0.2/size "469762048"
maps dax0.2
state
w "dax0.2 size=0" $D/dax0.2/size "0"
w "dax0.1 size=0" $D/dax0.1/size "0"
state
w "dax0.1 size=256M" $D/dax0.1/size "268435456"
maps dax0.1
w "dax0.1 size=0 (frees the start of the region)" $D/dax0.1/size "0"
w "dax0.3? no: dax0.2 size=128M in a region with space at start" $D/dax0.2/size "134217728"
maps dax0.2
w "dax0.2 size=0" $D/dax0.2/size "0"

echo "== mapping writes (dax0.1 unbound, size 0)"
w "mapping 0x100000000 (no end)" $D/dax0.1/mapping "0x100000000"
w "mapping garbage" $D/dax0.1/mapping "xyz"
w "mapping end < start" $D/dax0.1/mapping "0x110000000-0x100000000"
w "mapping 1M long (unaligned len)" $D/dax0.1/mapping "0x100000000-0x1000fffff"
w "mapping start 0x100100000 len 2M (unaligned start)" $D/dax0.1/mapping "0x100100000-0x1002fffff"
maps dax0.1
w "dax0.1 size=0" $D/dax0.1/size "0"
w "mapping outside region 0x200000000-0x2001fffff" $D/dax0.1/mapping "0x200000000-0x2001fffff"
w "mapping straddling region end" $D/dax0.1/mapping "0x13fe00000-0x1401fffff"
w "mapping no 0x prefix 110000000-111ffffff" $D/dax0.1/mapping "110000000-111ffffff"
maps dax0.1
w "mapping 0x120000000-0x121ffffff\\n" $D/dax0.1/mapping "0x120000000-0x121ffffff\n"
w "mapping adjacent 0x122000000-0x123ffffff" $D/dax0.1/mapping "0x122000000-0x123ffffff"
w "mapping overlapping own 0x120000000-0x121ffffff" $D/dax0.1/mapping "0x120000000-0x121ffffff"
maps dax0.1
w "dax0.2 mapping overlapping dax0.1" $D/dax0.2/mapping "0x120000000-0x121ffffff"
w "dax0.2 mapping in region of dax1 0x148000000-0x149ffffff" $D/dax0.2/mapping "0x148000000-0x149ffffff"
state
w "dax0.1 size=0" $D/dax0.1/size "0"

echo "== create until full"
w "dax0.1 size=1G (all)" $D/dax0.1/size "1073741824"
state
w "create 1 (region full)" $R/create "1"
w "dax0.2 size=2M (region full)" $D/dax0.2/size "2097152"
w "dax0.1 size=0" $D/dax0.1/size "0"
state

echo "== seed"
state
w "create 1 (no seed now)" $R/create "1"
state
seed=$(cat $R/seed)
w "delete the seed $seed" $R/delete "$seed"
state
w "create 1" $R/create "1"
state
seed=$(cat $R/seed)
w "$seed size=128M" $D/$seed/size "134217728"
w "bind device_dax $seed" $DRV/device_dax/bind "$seed"
state
w "unbind device_dax $seed" $DRV/device_dax/unbind "$seed"
w "$seed size=0" $D/$seed/size "0"
state
w "delete $seed" $R/delete "$seed"
state

echo "== kmem, clean path (auto_online_blocks=offline)"
w "dax0.2 size=256M" $D/dax0.2/size "268435456"
w "kmem new_id dax0.2" $DRV/kmem/new_id "dax0.2"
r "dax0.2 driver" <(basename "$(readlink $D/dax0.2/driver)")
r "MemTotal" <(grep MemTotal /proc/meminfo)
for x in $(cd $S/devices/system/node/node1 && ls -d memory[0-9]*); do
	w "$x state=online_movable" $S/devices/system/memory/$x/state "online_movable"
done
r "MemTotal online" <(grep MemTotal /proc/meminfo)
r "node1 meminfo MemTotal/MemFree" <(grep -E 'MemTotal|MemFree' $S/devices/system/node/node1/meminfo)
r "node1 has_memory/has_normal_memory" <(cat $S/devices/system/node/has_memory $S/devices/system/node/has_normal_memory)
for x in $(cd $S/devices/system/node/node1 && ls -d memory[0-9]*); do
	w "$x state=offline" $S/devices/system/memory/$x/state "offline"
done
r "MemTotal offline" <(grep MemTotal /proc/meminfo)
w "kmem unbind dax0.2 (all offline)" $DRV/kmem/unbind "dax0.2"
r "node1 memory blocks after unbind" <(ls -d $S/devices/system/node/node1/memory[0-9]* 2>&1)
r "MemTotal after unbind" <(grep MemTotal /proc/meminfo)
r "/proc/iomem" <(grep -A3 'hmem.0' /proc/iomem)
w "kmem remove_id dax0.2" $DRV/kmem/remove_id "dax0.2"
w "device_dax bind dax0.2" $DRV/device_dax/bind "dax0.2"
r "dax0.2 driver" <(basename "$(readlink $D/dax0.2/driver)")
w "device_dax unbind dax0.2" $DRV/device_dax/unbind "dax0.2"

echo "== kmem with auto_online_blocks=online_movable"
w "auto_online_blocks=online_movable" $S/devices/system/memory/auto_online_blocks "online_movable"
w "kmem new_id dax0.2" $DRV/kmem/new_id "dax0.2"
r "dax0.2 driver" <(basename "$(readlink $D/dax0.2/driver)")
for x in $(cd $S/devices/system/node/node1 && ls -d memory[0-9]*); do
	r "  $x state/valid_zones" <(cd $S/devices/system/memory/$x && cat state valid_zones)
done
r "MemTotal" <(grep MemTotal /proc/meminfo)
w "auto_online_blocks=offline" $S/devices/system/memory/auto_online_blocks "offline"
w "auto_online_blocks=bogus" $S/devices/system/memory/auto_online_blocks "bogus"
for x in $(cd $S/devices/system/node/node1 && ls -d memory[0-9]*); do
	w "$x state=offline" $S/devices/system/memory/$x/state "offline"
done
w "kmem unbind dax0.2" $DRV/kmem/unbind "dax0.2"
w "kmem remove_id dax0.2" $DRV/kmem/remove_id "dax0.2"
w "dax0.2 size=0" $D/dax0.2/size "0"
r "MemTotal" <(grep MemTotal /proc/meminfo)
state

echo "== kmem, unbind with online memory (leaks: keep last)"
w "dax0.1 size=256M" $D/dax0.1/size "268435456"
w "bind kmem dax0.1 without new_id" $DRV/kmem/bind "dax0.1"
w "kmem new_id dax0.1" $DRV/kmem/new_id "dax0.1"
r "dax0.1 driver after new_id" <(basename "$(readlink $D/dax0.1/driver 2>/dev/null)" 2>/dev/null)
w "bind kmem dax0.1" $DRV/kmem/bind "dax0.1"
r "dax0.1 driver" <(basename "$(readlink $D/dax0.1/driver)")
state
r "node1 memory blocks" <(cd $S/devices/system/node/node1 && ls -d memory[0-9]*)
for b in $(cd $S/devices/system/node/node1 && ls -d memory[0-9]*); do
	r "  $b state/valid_zones/removable/phys_index" <(cd $S/devices/system/memory/$b && cat state valid_zones removable phys_index)
done
r "MemTotal" <(grep MemTotal /proc/meminfo)
r "node1 MemTotal" <(grep MemTotal $S/devices/system/node/node1/meminfo)
r "/proc/iomem node1 range" <(grep -E '^ *1[0-3][0-9a-f]{7}-' /proc/iomem)
w "dax0.1 size=512M (bound to kmem)" $D/dax0.1/size "536870912"
b=$(cd $S/devices/system/node/node1 && ls -d memory[0-9]* | head -n1)
w "$b state=online_movable" $S/devices/system/memory/$b/state "online_movable"
w "$b state=online_movable again" $S/devices/system/memory/$b/state "online_movable"
b2=$(cd $S/devices/system/node/node1 && ls -d memory[0-9]* | sed -n 2p)
w "$b2 state=online (Normal)" $S/devices/system/memory/$b2/state "online"
for x in $(cd $S/devices/system/node/node1 && ls -d memory[0-9]*); do
	r "  $x state/valid_zones" <(cd $S/devices/system/memory/$x && cat state valid_zones)
done
r "MemTotal after online" <(grep MemTotal /proc/meminfo)
r "node1 MemTotal after online" <(grep MemTotal $S/devices/system/node/node1/meminfo)
w "$b2 state=offline" $S/devices/system/memory/$b2/state "offline"
w "$b2 state=offline again" $S/devices/system/memory/$b2/state "offline"
w "$b2 state=bogus" $S/devices/system/memory/$b2/state "bogus"
w "unbind kmem dax0.1 with $b online" $DRV/kmem/unbind "dax0.1"
r "dax0.1 driver after unbind" <(readlink $D/dax0.1/driver || echo none)
r "node1 memory blocks after unbind" <(cd $S/devices/system/node/node1 && ls -d memory[0-9]*)
r "/proc/iomem after unbind" <(grep -iE -A3 'hmem.0' /proc/iomem)
w "kmem new_id dax0.2 size 0" $DRV/kmem/new_id "dax0.2"
w "bind kmem dax0.2 (size 0)" $DRV/kmem/bind "dax0.2"
w "dax0.1 size=0 after leaked kmem unbind" $D/dax0.1/size "0"
w "bind kmem dax0.1 again" $DRV/kmem/bind "dax0.1"
state
r "/proc/iomem after size=0" <(grep -A3 'hmem.0' /proc/iomem)
w "dax0.2 size=128M (over the leaked System RAM?)" $D/dax0.2/size "134217728"
maps dax0.2
r "/proc/iomem" <(grep -A4 'hmem.0' /proc/iomem)
r "meminfo MemTotal at end" <(grep MemTotal /proc/meminfo)
echo "== dmesg (dax, kmem, hmem, memory)"
dmesg | grep -iE 'dax|kmem|hmem|memory|hotplug' | tail -n 25
exit 0
