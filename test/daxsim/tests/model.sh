#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Simulator behaviour the conformance suite cannot exercise on a real kernel
# without damaging it (kmem unbind with online memory), and the topology
# switches (idle regions, profiles, kmem_unbind_online, zones).
set -u
. "$(dirname "$0")/lib.sh"
need_root

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

in_sim() { # TOPOLOGY [run-in-sim options] -- SNIPPET
	local topo=$1
	shift
	local args=()
	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	"$run_in_sim" "${args[@]}" "$topo" -- bash -c "$(declare -f wr)
R=/sys/devices/platform/hmem.0/dax_region; D=/sys/bus/dax/devices; K=/sys/bus/dax/drivers/kmem
M=/sys/devices/system/memory; DD=/sys/bus/dax/drivers/device_dax
$2"
}

# 6.1: unbind with online memory succeeds and leaks the range (kernel-observations.md)
is "kmem unbind with an online block: ok, the blocks stay, the range can be reused" \
	"$(in_sim "$topo_dir/hmem.json" -- '
		wr $DD/unbind dax0.0; wr $D/dax0.0/size 0x10000000; wr $K/new_id dax0.0
		wr $M/memory32/state online_movable; wr $K/unbind dax0.0
		ls $M | grep -c "^memory3[23]$"; cat $M/memory32/state $M/memory33/state
		wr $D/dax0.0/size 0; cat $R/available_size
		wr $R/create 1; wr $D/dax0.1/size 0x8000000; cat $D/dax0.1/mapping0/start
		wr $DD/bind dax0.1; wr $K/new_id dax0.1; readlink $D/dax0.1/driver || echo unbound' | tr '\n' ' ')" \
	"ok ok ok ok ok 2 online offline ok 1073741824 ok ok 0x100000000 EBUSY ok unbound "
is "kmem_unbind_online=ebusy: the unbind is refused while a block is online" \
	"$(sed 's/"auto_online_blocks": "offline",/"auto_online_blocks": "offline", "kmem_unbind_online": "ebusy",/' \
		"$topo_dir/hmem.json" >"$tmp/ebusy.json"
	in_sim "$tmp/ebusy.json" -- '
		wr $DD/unbind dax0.0; wr $K/new_id dax0.0; wr $M/memory32/state online
		wr $K/unbind dax0.0; wr $M/memory32/state offline; wr $K/unbind dax0.0
		ls $M | grep -c "^memory"' | tr '\n' ' ')" \
	"ok ok ok EBUSY ok ok 16 "
is "zones: online keeps to the span it falls in; offline blocks inside Movable list Movable first" \
	"$(in_sim "$topo_dir/hmem.json" -- '
		wr $DD/unbind dax0.0; wr $K/new_id dax0.0
		wr $M/memory32/state online_movable; wr $M/memory34/state online_movable
		cat $M/memory33/valid_zones; wr $M/memory33/state online; cat $M/memory33/valid_zones
		cat $M/memory36/valid_zones; echo 1 > $M/memory36/online; cat $M/memory36/valid_zones $M/memory36/online
		wr $M/memory36/online 1; wr $M/memory36/online x' | tr '\n' ' ')" \
	"ok ok ok ok Movable Normal ok Movable Normal Movable Normal 1 ok EINVAL "
is "node files follow onlining" \
	"$(in_sim "$topo_dir/hmem.json" -- '
		cat /sys/devices/system/node/has_memory; wr $DD/unbind dax0.0; wr $K/new_id dax0.0
		wr $M/auto_online_blocks online; echo dax0.0 > $K/unbind; echo dax0.0 > $K/bind
		cat /sys/devices/system/node/has_memory /sys/devices/system/node/has_normal_memory
		ls /sys/devices/system/node/node1 | grep -c memory' | tr '\n' ' ')" \
	"0 ok ok ok 0-1 0-1 8 "
# measured on the series' v6 kernel in the VM lane's machine (6.1 boots the same
# way): a node without CPUs is online only while it has memory blocks
is "vm.json: memoryless nodes are offline until kmem adds memory, offline again once it is removed" \
	"$(in_sim "$topo_dir/vm.json" -- '
		N=/sys/devices/system/node
		cat $N/online $N/possible; ls $N | grep -c "^node"; ls -d $N/node3 2>/dev/null || echo none
		wr $DD/unbind dax1.0; wr $K/new_id dax1.0; cat $N/online $N/has_memory; ls -d $N/node3
		wr $M/memory41/state online_movable; cat $N/has_memory
		wr $M/memory41/state offline; wr $K/unbind dax1.0; cat $N/online
		ls -d $N/node3 2>/dev/null || echo none' | tr '\n' ' ')" \
	"0,2 0-3 2 none ok ok 0,2-3 0,2 /sys/devices/system/node/node3 ok 0,2-3 ok ok 0,2 none "
is "idle.json, linux-6.1: dax0.0 idle and unbound, no seed; create makes dax0.1 the seed" \
	"$(in_sim "$topo_dir/idle.json" -- '
		cat $D/dax0.0/size $R/available_size; readlink $D/dax0.0/driver || echo unbound
		echo "[$(cat $R/seed)]"; wr $R/create 1; cat $R/seed' | tr '\n' ' ')" \
	"0 1073741824 unbound [] ok dax0.1 "
is "idle.json, series: dax0.0 is the seed; a create keeps it" \
	"$(in_sim "$topo_dir/idle.json" --profile series -- '
		cat $R/seed; wr $R/create 1; cat $R/seed $R/create' | tr '\n' ' ')" \
	"dax0.0 ok dax0.0 dax0.1 "
is "hmem.json, series: seed empty once dax0.0 is bound at boot" \
	"$(in_sim "$topo_dir/hmem.json" --profile series -- 'echo "[$(cat $R/seed)]"')" "[]"
cat >"$tmp/big.json" <<'EOF'
{ "regions": [ { "start": "0x100000000", "size": "4G", "target_node": 1,
                 "devices": [ { "id": 0, "size": "2M" }, { "id": 1, "align": "1G" } ] } ] }
EOF
is "series: a new range starts aligned to the device align" \
	"$(in_sim "$tmp/big.json" --profile series -- '
		wr $D/dax0.1/size 0x40000000; cat $D/dax0.1/mapping0/start $D/dax0.1/mapping0/end' | tr '\n' ' ')" \
	"ok 0x140000000 0x17fffffff "
cat >"$tmp/frag.json" <<'EOF'
{ "profile": "series",
  "regions": [ { "start": "0x100000000", "size": "4G", "target_node": 1,
                 "devices": [ { "id": 0, "ranges": [ { "start": "0x1a0000000", "size": "2M" } ] },
                              { "id": 1, "align": "1G", "ranges": [ { "start": "0x100000000", "size": "1G" } ] },
                              { "id": 2, "ranges": [ { "start": "0x1e0000000", "size": "2M" } ] } ] } ] }
EOF
is "series: a grow that finds too little 1G-aligned room fails with ENOSPC and undoes its in-place extension" \
	"$(in_sim "$tmp/frag.json" -- '
		wr $D/dax0.1/size 0xc0000000; cat $D/dax0.1/size $D/dax0.1/mapping0/end $R/available_size
		ls -d $D/dax0.1/mapping1 2>/dev/null | grep -c mapping1
		wr $D/dax0.1/size 0x80000000; cat $D/dax0.1/mapping0/end' | tr '\n' ' ')" \
	"ENOSPC 1073741824 0x13fffffff 3217031168 0 ok 0x17fffffff "
is "linux-6.1: the same growth starts at the lowest free address" \
	"$(in_sim "$tmp/big.json" -- '
		wr $D/dax0.1/size 0x40000000; cat $D/dax0.1/mapping0/start $D/dax0.1/mapping0/end' | tr '\n' ' ')" \
	"ok 0x100200000 0x1401fffff "
is "drivers_probe binds an unbound device; device_dax/new_id binds every unbound sized device" \
	"$(in_sim "$topo_dir/idle.json" -- '
		wr $R/create 1; wr $R/create 1; wr $D/dax0.1/size 0x200000; wr $D/dax0.2/size 0x200000
		wr /sys/bus/dax/drivers_probe dax0.1; basename $(readlink $D/dax0.1/driver)
		wr $DD/new_id dax0.0; basename $(readlink $D/dax0.2/driver)
		wr /sys/bus/dax/drivers_probe dax9.9' | tr '\n' ' ')" \
	"ok ok ok ok ok device_dax ok device_dax ENODEV "
is "a removed device's attribute: ENODEV through an open fd, ENOENT by path" \
	"$(in_sim "$topo_dir/idle.json" -- '
		wr $R/create 1; exec 3>$D/dax0.1/size; wr $R/delete dax0.1
		{ printf 0 >&3; } 2>&1 | grep -o "No such device$"; wr $D/dax0.1/size 0' | tr '\n' ' ')" \
	"ok ok No such device ENOENT "
# v6 of the series: a kmem unbind whose hot-remove fails leaves the device
# held. The offline that would have let it succeed is broken by a fault rule
# (unmovable pages), as a failing "daxctl reconfigure-device -m devdax" sees it.
HELD_SETUP='
	wr $DD/unbind dax0.0; wr $D/dax0.0/size 0; wr $R/create 1
	wr $D/dax0.1/mapping 0x100000000-0x107ffffff; wr $D/dax0.1/mapping 0x110000000-0x117ffffff
	wr $K/new_id dax0.1; wr $M/memory32/state online_movable
	echo "$M/memory32/state:1:EBUSY" > $DAXSIM_CTL/fail
	wr $M/memory32/state offline; cat $M/memory32/state; wr $K/unbind dax0.1
	ls $M | grep -c "^memory3[24]$"'
is "series: kmem unbind with a block that failed to offline: unbound, the online range stays" \
	"$(in_sim "$topo_dir/hmem.json" --profile series -- "$HELD_SETUP" | tr '\n' ' ')" \
	"ok ok ok ok ok ok ok EBUSY online ok 1 "
is "series: the held device keeps its capacity: size, mapping and delete EBUSY, region unchanged" \
	"$(in_sim "$topo_dir/hmem.json" --profile series -- "{ $HELD_SETUP; } >/dev/null
		wr \$D/dax0.1/size 0; wr \$D/dax0.1/size 0x10200000; wr \$D/dax0.1/mapping 0x120000000-0x1201fffff
		wr \$R/delete dax0.1; cat \$D/dax0.1/size \$R/available_size
		wr \$R/create 1; wr \$D/dax0.2/mapping 0x100000000-0x1001fffff; wr \$D/dax0.2/size 0x40000000
		wr \$D/dax0.2/size 0x30000000; cat \$D/dax0.2/mapping0/start
		wr \$D/dax0.1/align 4096; cat \$D/dax0.1/align" | tr '\n' ' ')" \
	"EBUSY EBUSY EBUSY EBUSY 268435456 805306368 ok EBUSY ENOSPC ok 0x108000000 ok 4096 "
is "series: device_dax cannot bind a held device; kmem takes back only its released range" \
	"$(in_sim "$topo_dir/hmem.json" --profile series -- "{ $HELD_SETUP; } >/dev/null
		wr \$DD/bind dax0.1; readlink \$D/dax0.1/driver || echo unbound
		wr \$K/bind dax0.1; basename \$(readlink \$D/dax0.1/driver); ls \$M | grep -c '^memory3[24]$'
		wr \$M/memory34/state online; wr \$K/unbind dax0.1; wr \$D/dax0.1/size 0
		wr \$M/memory34/state offline; wr \$M/memory32/state offline; wr \$K/bind dax0.1
		readlink \$D/dax0.1/driver || echo unbound" | tr '\n' ' ')" \
	"ENODEV unbound ok kmem 2 ok ok EBUSY ok ok ENODEV unbound "
is "linux-6.1: the same unbind leaves nothing held: a second kmem bind fails at mapping0 (EBUSY), size 0 frees it" \
	"$(in_sim "$topo_dir/hmem.json" -- "{ $HELD_SETUP; } >/dev/null
		wr \$K/bind dax0.1; readlink \$D/dax0.1/driver || echo unbound
		wr \$D/dax0.1/size 0; cat \$R/available_size" | tr '\n' ' ')" \
	"EBUSY unbound ok 1073741824 "
is "series: kmem_unbind_online=ebusy refuses the unbind, nothing is held" \
	"$(sed 's/"auto_online_blocks": "offline",/"auto_online_blocks": "offline", "kmem_unbind_online": "ebusy",/' \
		"$topo_dir/hmem.json" >"$tmp/ebusy-series.json"
	in_sim "$tmp/ebusy-series.json" --profile series -- "$HELD_SETUP
		wr \$M/memory32/state offline; wr \$K/unbind dax0.1; wr \$D/dax0.1/size 0" | tr '\n' ' ')" \
	"ok ok ok ok ok ok ok EBUSY online EBUSY 2 ok ok ok "
is "series: size overflow is EINVAL (6.1: ERANGE); mapping wants a hex digit before '-' and 39 bytes at most" \
	"$(in_sim "$topo_dir/idle.json" --profile series -- '
		wr $D/dax0.0/size 99999999999999999999; wr $D/dax0.0/mapping "0x100000000
-0x1001fffff"
		wr $D/dax0.0/mapping 0x00000000000000000100000000-0x1001fffff
		wr $D/dax0.0/mapping 0x0000000000000000100000000-0x1001fffff; cat $D/dax0.0/size' | tr '\n' ' ')" \
	"EINVAL EINVAL EINVAL ok 2097152 "
is "linux-6.1: the same writes: ERANGE, and both mappings taken" \
	"$(in_sim "$topo_dir/idle.json" -- '
		wr $D/dax0.0/size 99999999999999999999; wr $D/dax0.0/mapping "0x100000000
-0x1001fffff"
		wr $D/dax0.0/mapping 0x00000000000000000100200000-0x1003fffff; cat $D/dax0.0/size' | tr '\n' ' ')" \
	"ERANGE ok ok 4194304 "
finish
