#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Peer comparison: the same command sequences, from the same starting
# state, run once with the reference daxctl (Debian's 76.1) and once with
# ours, each in a fresh simulator.  Every step must give the same stdout
# bytes (JSON) and the same exit status, and the final states must match.
# Steps where we differ on purpose (Documentation/compatibility.md) are
# not in these sequences; they are covered by functional.sh.
. "$(dirname "$0")/lib.sh"
require_sim
if [ ! -x "$PEER" ]; then
	echo "no peer daxctl at $PEER: skipping"
	exit 77
fi

# compare NAME SEQUENCE: SEQUENCE is one command line per line (without the
# program name); lines starting with '!' are shell run as is (setup).
compare() {
	local name=$1 seq=$2 who bin
	for who in peer ours; do
		[ $who = peer ] && bin=$PEER || bin=$DAXCTL
		mkdir -p "$WORK/$name.$who"
		printf '%s\n' "$seq" > "$WORK/$name.seq"
		sim -- '
X='"$bin"'
dir='"$WORK/$name.$who"'
i=0
while IFS= read -r line; do
	[ -z "$line" ] && continue
	case "$line" in
	"!"*) eval "${line#!}" >/dev/null 2>&1; continue ;;
	esac
	i=$((i + 1))
	eval "set -- $line"
	"$X" "$@" > "$dir/$i.out" 2> "$dir/$i.err"
	echo $? > "$dir/$i.rc"
	echo "$line" > "$dir/$i.cmd"
done < '"$WORK/$name.seq"'
"$X" list -iRDM > "$dir/final.json" 2>&1
' >/dev/null 2>&1
	done
	local n=0 i
	for f in "$WORK/$name.peer/"*.cmd; do
		i=$(basename "$f" .cmd)
		n=$((n + 1))
		local cmd
		cmd=$(cat "$f")
		local prc orc
		prc=$(cat "$WORK/$name.peer/$i.rc")
		orc=$(cat "$WORK/$name.ours/$i.rc" 2>/dev/null || echo missing)
		if [ "$prc" = "$orc" ]; then
			ok "$name #$i daxctl $cmd: exit $prc"
		else
			not_ok "$name #$i daxctl $cmd: exit peer $prc ours $orc" \
				"peer: $(cat "$WORK/$name.peer/$i.err")" \
				"ours: $(cat "$WORK/$name.ours/$i.err" 2>/dev/null)"
		fi
		expect_file "$name #$i daxctl $cmd: stdout" \
			"$WORK/$name.peer/$i.out" "$WORK/$name.ours/$i.out"
	done
	[ "$n" -gt 0 ] || not_ok "$name: no steps ran"
	expect_file "$name: final state" "$WORK/$name.peer/final.json" \
		"$WORK/$name.ours/final.json"
}

compare lifecycle '
list
list -iRDM
disable-device dax0.0
disable-device dax0.0
reconfigure-device -s 0 dax0.0
create-device -s 256M
create-device -s 256M -a 4K
create-device -u -s 128M
create-device -s 128m -r 0
create-device -r region0 -s 0x8000000
create-device
create-device
list -M
reconfigure-device -m system-ram dax0.1
reconfigure-device -m system-ram dax0.1
reconfigure-device -m system-ram -u dax0.1
reconfigure-device -m system-ram -N dax0.2
online-memory dax0.2
online-memory dax0.2
offline-memory dax0.2
offline-memory dax0.2
online-memory --no-movable dax0.2
list -d dax0.2
reconfigure-device -m devdax dax0.1
reconfigure-device -v -m devdax dax0.1
reconfigure-device -f -m devdax dax0.1
reconfigure-device -m devdax dax0.1
reconfigure-device -m devdax dax0.3
disable-device dax0.3
reconfigure-device -s 64M dax0.3
reconfigure-device -s 64M -a 4K dax0.3
reconfigure-device -s 63M dax0.3
reconfigure-device -s 2G dax0.3
reconfigure-device -a 3M -s 64M dax0.3
enable-device dax0.3
reconfigure-device -s 128M dax0.3
destroy-device dax0.3
destroy-device -f dax0.3
destroy-device -f 0.4
enable-device dax9.9
disable-device -r 1 dax0.1
reconfigure-device -m bogus dax0.1
reconfigure-device -m system-ram dax0.0
online-memory dax0.1
offline-memory /dev/dax0.1
enable-device dax0.2
disable-device dax0.2
reconfigure-device -C dax0.1
reconfigure-device -N -m devdax dax0.1
reconfigure-device dax0.1
destroy-device
online-memory
create-device --bogus
'

compare policy '
!echo online > /sys/devices/system/memory/auto_online_blocks
reconfigure-device -m system-ram dax0.0
reconfigure-device -m system-ram -N dax0.0
reconfigure-device -m system-ram --no-movable dax0.0
reconfigure-device -f -m devdax dax0.0
reconfigure-device -f -m system-ram dax0.0
!echo offline > /sys/devices/system/memory/auto_online_blocks
reconfigure-device -f -m devdax dax0.0
reconfigure-device -m system-ram dax0.0
offline-memory -v dax0.0
online-memory -v dax0.0
reconfigure-device -f -m devdax 0.0
'

compare input '
disable-device dax0.0
reconfigure-device -s 0 dax0.0
create-device -s 256M
create-device -s 256M
create-device -s 256M
create-device -s 256M
destroy-device -f dax0.2
disable-device dax0.4
reconfigure-device -s 512M dax0.4
enable-device dax0.4
list -M -d dax0.4
!"$X" list -M -d dax0.4 | jq ".[0]" > "$dir/in.json"
destroy-device -f dax0.4
create-device --input "$dir/in.json"
list -M
!jq "del(.mappings)" "$dir/in.json" > "$dir/bad.json"
create-device --input "$dir/bad.json"
'

summary
