#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's daxctl (the peer, /usr/bin/daxctl 76.1) against the simulator
# serving hmem.json: list, create-device, reconfigure-device -s,
# destroy-device, system-ram/devdax, online/offline-memory; outcomes checked
# with jq against what the kernel gives (test/vm/kernel-observations.md and
# the peer's own test suite). Runs itself under run-in-sim.
#
# PEER_LIBDIR=DIR runs the peer on the libdaxctl.so.1 in DIR (ours, as a
# drop-in for Debian's) instead of its own; two steps then expect what our
# library does on purpose (see "ours" below and Documentation/compatibility.md).
set -u
. "$(dirname "$0")/lib.sh"

DAXCTL=${PEER_DAXCTL:-/usr/bin/daxctl}
if [ -n "${PEER_LIBDIR:-}" ]; then
	export LD_LIBRARY_PATH=$PEER_LIBDIR
else
	unset LD_LIBRARY_PATH
fi

if [ "${1:-}" != --inner ]; then
	need_root
	if [ ! -x "$DAXCTL" ] || ! command -v jq >/dev/null; then
		echo "1..0 # SKIP needs $DAXCTL and jq"
		exit 77
	fi
	log=$(mktemp)
	"$run_in_sim" --log "$log" "$topo_dir/hmem.json" -- bash "$0" --inner "$log"
	rc=$?
	rm -f "$log"
	exit $rc
fi
log=$2

if [ -n "${PEER_LIBDIR:-}" ]; then
	lib=$(ldd "$DAXCTL" | sed -n 's/^[[:space:]]*libdaxctl\.so\.1 => \([^ ]*\) .*/\1/p')
	is "the peer loads the libdaxctl.so.1 of $PEER_LIBDIR" \
		"$(readlink -f "${lib:-/nonexistent}")" "$(readlink -f "$PEER_LIBDIR/libdaxctl.so.1")"
fi
# ours WANT_DEBIAN WANT_OURS: the expected outcome for the library in use
ours() { if [ -n "${PEER_LIBDIR:-}" ]; then echo "$2"; else echo "$1"; fi; }

dx() { "$DAXCTL" "$@" 2>/tmp/peer.err.$$; }
# st CMD...: the exit status of a daxctl command (output dropped)
st() {
	"$DAXCTL" "$@" >/dev/null 2>&1
	echo $?
}
jdev() { # DEV FILTER: jq FILTER on the device object of `daxctl list -i -d DEV`
	dx list -i -d "$1" -M | jq -r ".[0] | $2"
}
mark() { wc -l <"$log"; }
since() { tail -n +$(($1 + 1)) "$log" | sed 's|^/sys/devices/platform/hmem.0/||; s|^/sys/bus/dax/drivers/||; s|^/sys/devices/system/memory/||'; }

is "list: dax0.0, 1 GiB, node 1, devdax, enabled" \
	"$(dx list | jq -c '[.[] | [.chardev, .size, .target_node, .align, .mode, .state]]')" \
	'[["dax0.0",1073741824,1,2097152,"devdax",null]]'
is "list -R: the region, available_size omitted when 0" \
	"$(dx list -R | jq -c '.[0] | [.path, .id, .size, .align, .available_size]')" \
	'["/platform/hmem.0",0,1073741824,2097152,null]'
is "create-device on a full region fails with ENOSPC (exit 228)" "$(st create-device -s 256M)" 228
# Debian's library turns every failed size write into ENXIO; ours returns
# the kernel's errno (our daxctl maps it back to the reference's status).
is "reconfigure-device -s on an enabled device fails (exit $(ours 250 240): the EBUSY, as ENXIO on Debian's library)" \
	"$(st reconfigure-device -s 0 dax0.0)" "$(ours 250 240)"
is "disable-device dax0.0" "$(st disable-device dax0.0)" 0
is "reconfigure-device -s 0 dax0.0 frees the region" \
	"$(st reconfigure-device -s 0 dax0.0) $(dx list -R | jq '.[0].available_size')" "0 1073741824"
m=$(mark)
out=$(dx create-device -s 256M)
is "create-device -s 256M makes dax0.1, devdax, enabled" \
	"$(echo "$out" | jq -c '.[0] | [.chardev, .size, .mode, .state]')" '["dax0.1",268435456,"devdax",null]'
# Our library writes bind first and new_id only when the driver does not
# match the device yet: new_id makes the driver probe every unbound device.
if [ -n "${PEER_LIBDIR:-}" ]; then
	is "create-device writes create, size, bind (device_dax matches already: no new_id)" \
		"$(since "$m" | tr '\n' '|')" \
		"dax_region/create 1 ok|dax0.1/size 0x10000000 ok|device_dax/bind dax0.1 ok|"
else
	is "create-device writes create, size, new_id, bind (bind: EBUSY, new_id bound it)" \
		"$(since "$m" | tr '\n' '|')" \
		"dax_region/create 1 ok|dax0.1/size 0x10000000 ok|device_dax/new_id dax0.1 ok|device_dax/bind dax0.1 EBUSY|"
fi
is "create-device -s 256M again makes dax0.2" \
	"$(dx create-device -s 256M | jq -r '.[0].chardev') $(dx list -R | jq '.[0].available_size')" \
	"dax0.2 536870912"
is "mappings of dax0.2 start after dax0.1" \
	"$(jdev dax0.2 '.mappings | map([.start, .end, .page_offset]) | tostring')" \
	'[[4563402752,4831838207,0]]'
is "reconfigure-device -s 512M dax0.1 after disable: two ranges" \
	"$(st disable-device dax0.1) $(st reconfigure-device -s 512M dax0.1) $(jdev dax0.1 '[.size, (.mappings | length), .state] | tostring')" \
	'0 0 [536870912,2,"disabled"]'
is "enable-device dax0.1" "$(st enable-device dax0.1) $(jdev dax0.1 '.state')" "0 null"
is "destroy-device of an enabled device needs --force (exit 250)" "$(st destroy-device dax0.2)" 250
m=$(mark)
is "destroy-device -f dax0.2: gone" \
	"$(st destroy-device -f dax0.2) $(dx list -i | jq -c 'map(.chardev) | sort')" '0 ["dax0.0","dax0.1"]'
is "destroy-device writes remove_id, unbind, size 0, delete" \
	"$(since "$m" | tr '\n' '|')" \
	"device_dax/remove_id dax0.2 ok|device_dax/unbind dax0.2 ok|dax0.2/size 0 ok|dax_region/delete dax0.2 ok|"
# 76.1 predates d78f57e (EBUSY from deleting daxX.0 counted as success)
is "destroy-device -f dax0.0: delete gives EBUSY (exit 240), dax0.0 stays" \
	"$(st destroy-device -f dax0.0) $(jdev dax0.0 '.size')" "240 0"

# system-ram on a single-range device
dx create-device -s 256M >/dev/null
is "reconfigure-device -N -m system-ram dax0.2: kmem, 2 blocks offline" \
	"$(dx reconfigure-device -N -m system-ram dax0.2 | jq -c '.[0] | [.mode, .online_memblocks, .total_memblocks, .movable]')" \
	'["system-ram",0,2,null]'
is "the blocks are offline in node1" \
	"$(cat /sys/devices/system/node/node1/memory*/state | sort | uniq -c | tr -s ' ')" " 2 offline"
is "online-memory dax0.2: movable" \
	"$(st online-memory dax0.2) $(jdev dax0.2 '[.online_memblocks, .movable] | tostring')" "0 [2,true]"
is "online-memory again: already online (exit 1)" "$(st online-memory dax0.2)" 1
is "offline-memory dax0.2" "$(st offline-memory dax0.2) $(jdev dax0.2 '.online_memblocks')" "0 0"
is "online-memory --no-movable: Normal zone" \
	"$(st online-memory --no-movable dax0.2) $(jdev dax0.2 '[.online_memblocks, .movable] | tostring')" \
	"0 [2,false]"
is "reconfigure-device -m devdax with online memory: EBUSY (exit 240)" \
	"$(st reconfigure-device -m devdax dax0.2) $(jdev dax0.2 .mode)" "240 system-ram"
is "reconfigure-device -f -m devdax: offlines, unbinds kmem, blocks removed" \
	"$(st reconfigure-device -f -m devdax dax0.2) $(jdev dax0.2 .mode) $(ls /sys/devices/system/node/node1 | grep -c '^memory')" \
	"0 devdax 0"
is "reconfigure-device -m system-ram (onlines movable by default)" \
	"$(dx reconfigure-device -m system-ram dax0.2 | jq -c '.[0] | [.mode, .online_memblocks, .movable]')" \
	'["system-ram",2,true]'
is "node1 meminfo shows the onlined memory" \
	"$(sed -n 's/.*MemTotal: *\([0-9]*\) kB/\1/p' /sys/devices/system/node/node1/meminfo)" 262144
is "reconfigure-device -f -m devdax again" "$(st reconfigure-device -f -m devdax dax0.2) $(jdev dax0.2 .mode)" "0 devdax"
echo online >/sys/devices/system/memory/auto_online_blocks
is "reconfigure-device -N -m system-ram with auto_online_blocks=online: EBUSY (exit 240)" \
	"$(st reconfigure-device -N -m system-ram dax0.2) $(jdev dax0.2 .mode)" "240 devdax"
echo offline >/sys/devices/system/memory/auto_online_blocks

# back to the boot state
st destroy-device -f dax0.2 >/dev/null
st destroy-device -f dax0.1 >/dev/null
is "reconfigure-device -s 1G dax0.0 + enable-device restores the boot layout" \
	"$(st reconfigure-device -s 1G dax0.0) $(st enable-device dax0.0) $(dx list -M | jq -c 'map([.chardev, .size, .state, (.mappings | length)])')" \
	'0 0 [["dax0.0",1073741824,null,1]]'
is "/dev holds a node per device, in step with create/destroy" "$(ls /dev | grep '^dax' | tr '\n' ' ')" "dax0.0 "
rm -f /tmp/peer.err.$$
finish
