#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every shipped topology loads (daxsim --check); bad topologies are refused
# with a message; the larger ones are served with sensible timings.
set -u
. "$(dirname "$0")/lib.sh"

if [ -z "${DAXSIM:-}" ] || [ ! -x "$DAXSIM" ]; then
	echo "Bail out! daxsim not built (set DAXSIM)"
	exit 1
fi

for f in "$topo_dir"/*.json; do
	check "daxsim --check $(basename "$f")" "$DAXSIM" --check "$f" >/dev/null
done
is "hmem.json: one region, dax0.0 bound, no seed (linux-6.1)" \
	"$("$DAXSIM" --check "$topo_dir/hmem.json" | sed -n '2,3p' | tr -s ' ')" \
	"$(printf "region 0 hmem.0 [0x100000000-0x13fffffff] align 2097152 node 1 avail 0 seed ''\n dax0.0 size 1073741824 driver device_dax [0x100000000-0x13fffffff]")"
is "idle.json under the series profile: dax0.0 is the seed" \
	"$("$DAXSIM" --profile series --check "$topo_dir/idle.json" | sed -n 2p | grep -o "seed '.*'")" "seed 'dax0.0'"
is "idle.json under linux-6.1: no seed (as measured)" \
	"$("$DAXSIM" --check "$topo_dir/idle.json" | sed -n 2p | grep -o "seed '.*'")" "seed ''"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad() { # DESC JSON EXPECTED-MESSAGE-PART
	printf '%s\n' "$2" >"$tmp/bad.json"
	local msg
	msg=$("$DAXSIM" --check "$tmp/bad.json" 2>&1 >/dev/null)
	local rc=$?
	case "$rc:$msg" in
	2:*"$3"*) ok "$1" ;;
	*) not_ok "$1" "rc=$rc msg='$msg'" ;;
	esac
}
bad "not JSON" '{' "bad.json"
bad "no regions" '{}' 'missing "regions"'
bad "unaligned region" '{"regions":[{"start":"0x100000","size":"1G"}]}' "multiples of 2M"
bad "device outside its region" \
	'{"regions":[{"start":"4G","size":"1G","devices":[{"id":0,"ranges":[{"start":"8G","size":"2M"}]}]}]}' \
	"outside the region"
bad "first device not id 0" '{"regions":[{"start":"4G","size":"1G","devices":[{"id":1}]}]}' "id 0"
bad "bad driver" '{"regions":[{"start":"4G","size":"1G","devices":[{"id":0,"size":"1G","driver":"x"}]}]}' \
	"unknown driver"
bad "kmem without a node" \
	'{"regions":[{"start":"4G","size":"1G","target_node":-1,"devices":[{"id":0,"size":"1G","driver":"kmem"}]}]}' \
	"Invalid argument"
bad "bad profile" '{"profile":"x","regions":[]}' "profile"
bad "bad fault" '{"regions":[],"faults":[{"path":"/sys/x","errno":"ENOPE"}]}' "fault 0"
check "ranges, kmem with online memory, a fault rule" "$DAXSIM" --check /dev/stdin <<'EOF' >/dev/null
{"regions":[{"start":"4G","size":"1G","devices":[
   {"id":0,"ranges":[{"start":"0x100000000","size":"256M"},{"start":"0x120000000","end":"0x12fffffff"}],
    "driver":"kmem","memory":"online_movable"}]}],
 "faults":[{"path":"/sys/devices/system/memory/memory32/state","nth":"2+","errno":"EBUSY"}]}
EOF

if [ "$(id -u)" = 0 ] && [ -c /dev/fuse ]; then
	SECONDS=0
	is "many.json: 256 devices listed by the tree" \
		"$("$run_in_sim" "$topo_dir/many.json" -- sh -c 'ls /sys/bus/dax/devices | wc -l; ls /dev | grep -c "^dax"' | tr '\n' ' ')" \
		"256 256 "
	echo "# many.json: $SECONDS s"
	if [ -x /usr/bin/daxctl ] && command -v jq >/dev/null; then
		SECONDS=0
		is "many.json: Debian daxctl lists 256 devices" \
			"$("$run_in_sim" "$topo_dir/many.json" -- daxctl list -i | jq length)" 256
		echo "# daxctl list on many.json: $SECONDS s"
		if [ -n "${DAXSIM_BENCH:-}" ]; then
			SECONDS=0
			is "large.json: 4 TiB to system-ram, 2048 blocks onlined by daxctl" \
				"$("$run_in_sim" "$topo_dir/large.json" -- daxctl reconfigure-device -m system-ram dax0.0 2>/dev/null |
					jq -c '.[0] | [.mode, .online_memblocks, .total_memblocks]')" '["system-ram",2048,2048]'
			echo "# system-ram of 4 TiB: $SECONDS s"
		else
			is "large.json: 4 TiB region listed (DAXSIM_BENCH=1 for system-ram of all of it)" \
				"$("$run_in_sim" "$topo_dir/large.json" -- daxctl list -R | jq '.[0].size')" 4398046511104
		fi
		is "two-nodes.json: two regions on nodes 1 and 2" \
			"$("$run_in_sim" "$topo_dir/two-nodes.json" -- daxctl list | jq -c 'map([.chardev, .target_node]) | sort')" \
			'[["dax0.0",1],["dax1.0",2]]'
	fi
fi
finish
