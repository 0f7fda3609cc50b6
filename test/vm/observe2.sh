#!/bin/bash
# Guest script, second probe: the finer points the simulator documents
# (test/daxsim/README.md) checked against the real kernel, write by write.
# No asserts; the output feeds test/vm/kernel-observations.md.
#
#   scripts/vm/run test/vm/observe2.sh
#
# Region 0 only. Leaves hot-added memory behind in the last section.

S=${SYSFS:-/sys}
R=$S/devices/platform/hmem.0/dax_region
D=$S/bus/dax/devices
DRV=$S/bus/dax/drivers
M=$S/devices/system/memory

PROBE_WIDTH=62
. "$(dirname "${BASH_SOURCE[0]}")/probe-lib.sh"
drv() { local l; l=$(readlink $D/$1/driver 2>/dev/null) && basename "$l" || echo none; }
blocks() { # state/zones of node1's blocks on one line
	local b s=""
	for b in $(ls -d $S/devices/system/node/node1/memory[0-9]* 2>/dev/null | sort -V); do
		s="$s ${b##*/}:$(cat $b/state)/$(cat $b/valid_zones | tr ' ' '+')"
	done
	printf '%-62s :%s\n' "  node1 blocks" "$s"
}

echo "== kernel $(uname -r)"
r "dax0.0 dev" $D/dax0.0/dev
r "dax1.0 dev" $D/dax1.0/dev
r "dax0.0 uevent" $D/dax0.0/uevent
r "bus drivers_autoprobe" $S/bus/dax/drivers_autoprobe
r "bus ls" <(ls $S/bus/dax)
r "/sys/dev/char dax links" <(for l in $S/dev/char/*; do readlink $l; done | grep dax)
r "module dax_hmem ls" <(ls $S/module/dax_hmem)
r "module device_dax initstate" $S/module/device_dax/initstate
r "memory32 ls" <(ls $M/memory32 2>&1)
r "memory16 (boot RAM, node0) ls" <(ls $M/memory16)
r "memory16 state/online/valid_zones/removable/phys_device" <(cd $M/memory16 && cat state online valid_zones removable phys_device)
r "node ls" <(ls $S/devices/system/node)
for f in possible online has_memory has_normal_memory has_cpu; do r "node/$f" $S/devices/system/node/$f; done

echo "== free region 0"
w "unbind dax0.0" $DRV/device_dax/unbind dax0.0
w "dax0.0 size=0" $D/dax0.0/size 0
w "create" $R/create 1
w "create" $R/create 1
r "dev of dax0.1, dax0.2" <(cat $D/dax0.1/dev $D/dax0.2/dev)
r "dax0.1 uevent" $D/dax0.1/uevent

echo "== size parsing"
w "dax0.1 size=0400000000 (octal 32G?)" $D/dax0.1/size "0400000000"
w "dax0.1 size=010000000 (octal = 2M)" $D/dax0.1/size "010000000"
maps dax0.1
w "dax0.1 size=99999999999999999999 (overflow)" $D/dax0.1/size "99999999999999999999"
w "dax0.1 size=' 2097152' (leading space)" $D/dax0.1/size " 2097152"
w "dax0.1 size='2097152 ' (trailing space)" $D/dax0.1/size "2097152 "
w "dax0.1 size='2M'" $D/dax0.1/size "2M"
w "dax0.1 size='' (empty)" $D/dax0.1/size ""
w "dax0.1 size='0\\n\\n'" $D/dax0.1/size "0\n\n"
w "dax0.1 size=0" $D/dax0.1/size 0
w "dax0.1 align=0x1000" $D/dax0.1/align "0x1000"
w "dax0.1 align=0" $D/dax0.1/align "0"
w "dax0.1 align=1G (size 0)" $D/dax0.1/align "1073741824"
r "dax0.1 align" $D/dax0.1/align
w "dax0.1 size=2M with align 1G" $D/dax0.1/size "2097152"
w "dax0.1 size=1G with align 1G" $D/dax0.1/size "1073741824"
maps dax0.1
w "dax0.1 size=0" $D/dax0.1/size 0
w "dax0.1 align=2M" $D/dax0.1/align "2097152"

echo "== mapping edge cases"
w "dax0.1 mapping 0x100000000-0x0ffffffff (zero length)" $D/dax0.1/mapping "0x100000000-0x0ffffffff"
w "dax0.1 mapping 0x100200000-0x0ffffffff (END<START, len -2M)" $D/dax0.1/mapping "0x100200000-0x0ffffffff"
w "dax0.1 mapping 0x100400000-0x1001fffff (END<START)" $D/dax0.1/mapping "0x100400000-0x1001fffff"
w "dax0.1 mapping with spaces '0x100000000 - 0x1001fffff'" $D/dax0.1/mapping "0x100000000 - 0x1001fffff"
w "dax0.1 mapping 0x100100000-0x1002fffff (1M-aligned start)" $D/dax0.1/mapping "0x100100000-0x1002fffff"
maps dax0.1
w "dax0.1 mapping zero length while it has a range" $D/dax0.1/mapping "0x100000000-0x0ffffffff"
echo "-- growth into a 1M gap: dax0.2 grows by 4M"
w "dax0.2 size=4M" $D/dax0.2/size "4194304"
maps dax0.2
w "dax0.2 size=0" $D/dax0.2/size 0
w "dax0.1 size=0" $D/dax0.1/size 0

echo "== drivers: new_id, bind, drivers_probe"
w "dax0.1 size=256M" $D/dax0.1/size 268435456
w "device_dax new_id 'garbage'" $DRV/device_dax/new_id "garbage"
w "device_dax new_id dax0.9 (no such device)" $DRV/device_dax/new_id "dax0.9"
w "device_dax new_id dax0.1 (unbound, sized)" $DRV/device_dax/new_id "dax0.1"
r "dax0.1 driver" <(drv dax0.1)
r "dax0.2 driver (size 0)" <(drv dax0.2)
w "device_dax remove_id dax0.9 (absent)" $DRV/device_dax/remove_id "dax0.9"
w "device_dax remove_id garbage" $DRV/device_dax/remove_id "garbage"
w "device_dax remove_id dax0.1" $DRV/device_dax/remove_id "dax0.1"
w "unbind dax0.1" $DRV/device_dax/unbind dax0.1
w "bind device_dax dax0.1" $DRV/device_dax/bind dax0.1
w "bind device_dax dax0.1 again" $DRV/device_dax/bind dax0.1
w "bind kmem dax0.1 while on device_dax (after new_id)" $DRV/kmem/new_id dax0.1
r "dax0.1 driver" <(drv dax0.1)
w "kmem bind dax0.1 (bound to device_dax)" $DRV/kmem/bind dax0.1
w "unbind dax0.1" $DRV/device_dax/unbind dax0.1
r "dax0.1 driver after unbind (kmem has its id)" <(drv dax0.1)
w "kmem remove_id dax0.1" $DRV/kmem/remove_id dax0.1
w "kmem unbind dax0.1" $DRV/kmem/unbind dax0.1
r "dax0.1 driver" <(drv dax0.1)
w "drivers_probe dax0.1" $S/bus/dax/drivers_probe dax0.1
r "dax0.1 driver after drivers_probe" <(drv dax0.1)
w "drivers_probe dax0.9" $S/bus/dax/drivers_probe dax0.9
w "drivers_probe dax0.2 (size 0)" $S/bus/dax/drivers_probe dax0.2
w "dax0.1 uevent write 'change'" $D/dax0.1/uevent change
w "dax0.1 uevent write 'bogus'" $D/dax0.1/uevent bogus
w "unbind dax0.1" $DRV/device_dax/unbind dax0.1

echo "== kmem with ranges that do not hold a whole block"
w "dax0.1 size=0" $D/dax0.1/size 0
w "dax0.1 mapping 0x100000000-0x103ffffff (64M)" $D/dax0.1/mapping "0x100000000-0x103ffffff"
w "kmem new_id dax0.1 (64M, no whole block)" $DRV/kmem/new_id dax0.1
r "dax0.1 driver" <(drv dax0.1)
w "kmem bind dax0.1" $DRV/kmem/bind dax0.1
w "dax0.1 mapping 0x104000000-0x10fffffff (192M: one whole block at 0x108000000)" $D/dax0.1/mapping "0x104000000-0x10fffffff"
maps dax0.1
w "kmem bind dax0.1" $DRV/kmem/bind dax0.1
r "dax0.1 driver" <(drv dax0.1)
blocks
r "/proc/iomem" <(grep -A4 'hmem.0' /proc/iomem)
w "kmem unbind dax0.1" $DRV/kmem/unbind dax0.1
w "kmem remove_id dax0.1" $DRV/kmem/remove_id dax0.1
w "dax0.1 size=0" $D/dax0.1/size 0

echo "== online zones"
w "dax0.1 size=512M" $D/dax0.1/size 536870912
w "kmem new_id dax0.1" $DRV/kmem/new_id dax0.1
blocks
w "memory33 online=1" $M/memory33/online 1
blocks
w "memory33 online=1 again" $M/memory33/online 1
w "memory33 online=0" $M/memory33/online 0
w "memory33 online=0 again" $M/memory33/online 0
w "memory33 online=y" $M/memory33/online y
w "memory33 online=off" $M/memory33/online off
w "memory33 online=2" $M/memory33/online 2
w "memory33 state=online_movable" $M/memory33/state online_movable
blocks
w "memory32 state=online (below a Movable block)" $M/memory32/state online
blocks
w "memory34 state=online (above a Movable block)" $M/memory34/state online
blocks
w "memory35 state=online_kernel" $M/memory35/state online_kernel
blocks
r "MemTotal" <(grep MemTotal /proc/meminfo)
r "node1 meminfo" <(grep -E 'MemTotal|MemFree|MemUsed' $S/devices/system/node/node1/meminfo)
r "node/has_normal_memory" $S/devices/system/node/has_normal_memory
for b in 32 33 34 35; do w "memory$b offline" $M/memory$b/state offline; done
blocks
echo "-- online_movable first then online: memory33 movable, memory32 'online'"
w "memory34 state=online_movable" $M/memory34/state online_movable
w "memory33 state=online" $M/memory33/state online
blocks
for b in 33 34; do w "memory$b offline" $M/memory$b/state offline; done
w "kmem unbind dax0.1" $DRV/kmem/unbind dax0.1

echo "== device_dax bind of a device whose range is still leaked System RAM"
w "kmem new_id dax0.1 (binds)" $DRV/kmem/new_id dax0.1
w "memory32 state=online_movable" $M/memory32/state online_movable
w "kmem unbind dax0.1 (memory32 online: leak)" $DRV/kmem/unbind dax0.1
w "kmem remove_id dax0.1" $DRV/kmem/remove_id dax0.1
w "device_dax bind dax0.1 (range still System RAM)" $DRV/device_dax/bind dax0.1
r "dax0.1 driver" <(drv dax0.1)
w "kmem new_id dax0.1 again" $DRV/kmem/new_id dax0.1
r "dax0.1 driver" <(drv dax0.1)
w "kmem bind dax0.1" $DRV/kmem/bind dax0.1
blocks
echo "== dmesg"
dmesg | grep -iE 'dax|kmem|hmem|memory[0-9]|hotremove|reserve' | tail -n 20
exit 0
