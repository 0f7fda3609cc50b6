#!/bin/bash
# Guest suite: run the same daxctl steps with Debian's daxctl (the peer) and
# with ours, from the same starting state, and compare each step's stdout
# (byte for byte: the JSON), exit status, and the sysfs state it leaves.
#
#   scripts/vm/run test/vm/peer-compare.sh [PEER [OURS]]
#
# PEER defaults to $PEER_DAXCTL (/usr/bin/daxctl), OURS to $OUR_DAXCTL; when our
# daxctl is not built the peer is compared with itself, which proves the
# harness (every step must then agree).
#
# How: reset the machine to the boot state (raw sysfs writes, no daxctl), run
# the whole step list with the peer and record everything, reset, run it with
# ours, then compare step by step. Names and addresses are deterministic (ids
# are the lowest free, allocation is first fit), so equal tools give equal
# records. A difference listed in test/vm/intended-differences.md (first
# column = step id, second = stdout|rc|stderr|state|any) is reported but does
# not fail. stderr is compared too but its differences are informational
# unless they are listed as failures nowhere: they never fail the suite.

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

PEER=${1:-${PEER_DAXCTL:-/usr/bin/daxctl}}
OURS=${2:-${OUR_DAXCTL:-}}
if [ -z "$OURS" ]; then
	echo "# peer-compare: our daxctl is not built: comparing the peer with itself"
	OURS=$PEER
fi
echo "# peer-compare: peer=$PEER ($("$PEER" --version 2>&1)) ours=$OURS ($("$OURS" --version 2>&1))"
allow=$here/intended-differences.md
step_timeout=${STEP_TIMEOUT:-60}
work=$(mktemp -d)

# ------------------------------------------------------------ the steps
# "id|args" runs daxctl with args (split on spaces); "id|!cmd" runs a shell
# command in both runs (only its status is recorded). Ids must be unique.
steps=(
	# list, every shape of output
	"list|list"
	"list-R|list -R"
	"list-D|list -D"
	"list-RD|list -R -D"
	"list-RDM|list -RDM"
	"list-RDMi|list -R -D -M -i"
	"list-u|list -u"
	"list-RDMu|list -RDMu"
	"list-r0|list -r 0"
	"list-r0-D|list -r 0 -D"
	"list-region1-D|list -r region1 -D"
	"list-d-dax0.0|list -d dax0.0"
	"list-d-1.0|list -d 1.0"
	"list-d-all|list -d all -M"
	"list-d-one-u|list -d dax1.0 -u"
	"list-long|list --regions --devices --mappings --idle --human"
	"list-nomatch-r|list -r 7"
	"list-nomatch-d|list -d dax9.9"
	"list-positional|list bogus"
	"list-badopt|list --bogus"
	# free region 0
	"disable-0.0|disable-device dax0.0"
	"disable-0.0-again|disable-device dax0.0"
	"list-disabled|list -d dax0.0"
	"list-r0-RD|list -RD -r 0"
	"shrink-0.0|reconfigure-device -s 0 dax0.0"
	"list-idle|list -i -r 0 -D"
	"list-after-shrink|list -RDMi"
	# create
	"create-256M|create-device -r 0 -s 256M"
	"create-256M-align|create-device -r 0 -s 256M -a 2M"
	"create-unaligned|create-device -r 0 -s 3M"
	"create-rest|create-device -r region0"
	"create-full|create-device -r 0 -s 128M"
	"create-badsize|create-device -r 0 -s 12Q"
	"create-noregion|create-device -r 9 -s 128M"
	"create-extra|create-device -r 0 dax0.1"
	"list-full|list -RDMu -r 0"
	# resize, discontiguous mappings
	"resize-bound|reconfigure-device -s 128M dax0.1"
	"disable-0.1|disable-device dax0.1"
	"shrink-0.1|reconfigure-device -s 128M dax0.1"
	"resize-unaligned|reconfigure-device -s 129M dax0.1"
	"resize-human|reconfigure-device -u -s 0x8000000 dax0.1"
	"enable-0.1|enable-device dax0.1"
	"enable-0.1-again|enable-device dax0.1"
	"disable-0.3|disable-device 0.3"
	"grow-0.3|reconfigure-device -s 640M dax0.3"
	"enable-0.3|enable-device /dev/dax0.3"
	"list-M-0.3|list -M -d dax0.3"
	"list-Mu-0.3|list -M -u -d dax0.3"
	"list-RDM-2range|list -RDM"
	"align-only|reconfigure-device -a 2M dax0.1"
	# system-ram
	"ram-0.2|reconfigure-device -m system-ram dax0.2"
	"list-ram|list -d dax0.2"
	"list-ram-u|list -u -d dax0.2"
	"ram-0.2-again|reconfigure-device -m system-ram dax0.2"
	"offline-0.2|offline-memory dax0.2"
	"list-ram-offline|list -d dax0.2"
	"offline-0.2-again|offline-memory dax0.2"
	"online-0.2|online-memory dax0.2"
	"online-0.2-again|online-memory dax0.2"
	"online-nomovable-0.2|online-memory --no-movable dax0.2"
	"devdax-busy|reconfigure-device -m devdax dax0.2"
	"disable-ram|disable-device dax0.2"
	"enable-ram|enable-device dax0.2"
	"devdax-force|reconfigure-device -f -m devdax dax0.2"
	"devdax-again|reconfigure-device -m devdax dax0.2"
	"online-devdax|online-memory dax0.2"
	"offline-devdax|offline-memory dax0.2"
	"ram-nomovable|reconfigure-device -m system-ram --no-movable dax0.2"
	"list-nomovable|list -d dax0.2"
	"devdax-force-2|reconfigure-device -f -m devdax dax0.2"
	"auto-online-on|!echo online > /sys/devices/system/memory/auto_online_blocks"
	"ram-policy|reconfigure-device -N -m system-ram dax0.2"
	"ram-policy-movable|reconfigure-device -m system-ram dax0.2"
	"ram-policy-force|reconfigure-device -f -N -m system-ram dax0.2"
	"list-policy|list -d dax0.2"
	"devdax-force-policy|reconfigure-device -f -m devdax dax0.2"
	"auto-online-off|!echo offline > /sys/devices/system/memory/auto_online_blocks"
	"ram-noonline|reconfigure-device --no-online -m system-ram dax0.2"
	"list-noonline|list -d dax0.2"
	"devdax-offline|reconfigure-device -m devdax dax0.2"
	"ram-noonline-2|reconfigure-device -N -m system-ram dax0.2"
	"online-after-noonline|online-memory dax0.2"
	"devdax-force-3|reconfigure-device -f -m devdax dax0.2"
	"noonline-devdax|reconfigure-device -N -m devdax dax0.2"
	"check-config-mode|reconfigure-device -C -m devdax dax0.2"
	# error cases
	"dev-unknown|reconfigure-device -m devdax dax9.9"
	"dev-badname|reconfigure-device -m devdax foo"
	"dev-badmode|reconfigure-device -m bogus dax0.1"
	"dev-noopts|reconfigure-device dax0.1"
	"dev-extra|enable-device dax0.1 dax0.2"
	"dev-missing|destroy-device"
	"dev-missing-enable|enable-device"
	"disable-unknown|disable-device dax0.9"
	"cmd-unknown|bogus-command"
	"opt-unknown|--bogus"
	"list-cmds|--list-cmds"
	"sub-help|list -h"
	"version|version"
	# all, regions
	"disable-all-r1|disable-device -r 1 all"
	"enable-all-r1|enable-device -r 1 all"
	"disable-all|disable-device all"
	"list-all-disabled|list -i"
	"enable-all|enable-device all"
	# destroy
	"destroy-active|destroy-device dax0.1"
	"destroy-0.1|destroy-device -f dax0.1"
	"destroy-0.1-again|destroy-device -f dax0.1"
	"destroy-0.0|destroy-device -f dax0.0"
	"destroy-all-r0|destroy-device -f -r 0 all"
	"list-end|list -RDMi"
	# both regions at once
	"disable-1.0|disable-device dax1.0"
	"shrink-1.0|reconfigure-device -s 0 dax1.0"
	"create-both|create-device -s 128M"
	"list-both|list -RDM"
	"ram-all-r1|reconfigure-device -r 1 -m system-ram all"
	"list-ram-r1|list -r 1 -D"
	"devdax-all-r1|reconfigure-device -r 1 -f -m devdax all"
	"destroy-all|destroy-device -f all"
	"list-final|list -RDMi"
)

# A static region (the NVDIMM machine: an ndctl devdax namespace) cannot be
# carved: its own list of steps, and a reset that leaves sizes alone.
static=0
d0=$(readlink -f "$DAXBUS/devices/dax0.0")
[ -e "$d0/../dax_region/available_size" ] || static=1
if [ "$static" = 1 ]; then
	steps=(
		"list|list"
		"list-R|list -R"
		"list-D|list -D"
		"list-RDM|list -RDM"
		"list-RDMi|list -R -D -M -i"
		"list-u|list -u"
		"list-RDMu|list -RDMu"
		"list-r0|list -r 0"
		"list-r0-D|list -r 0 -D"
		"list-region0-R|list -r region0 -R"
		"list-d-dax0.0|list -d dax0.0"
		"list-d-0.0|list -d 0.0"
		"list-i|list -i"
		"list-nomatch-r|list -r 1"
		# carving is refused
		"create-128M|create-device -r 0 -s 128M"
		"create-any|create-device"
		"create-r0|create-device -r 0"
		"resize-bound|reconfigure-device -s 512M dax0.0"
		"disable-0.0|disable-device dax0.0"
		"list-disabled|list -d dax0.0"
		"resize-0|reconfigure-device -s 0 dax0.0"
		"align-4k|reconfigure-device -a 4096 dax0.0"
		"destroy-0.0|destroy-device -f dax0.0"
		"enable-0.0|enable-device dax0.0"
		# system-ram and back
		"ram|reconfigure-device -m system-ram dax0.0"
		"list-ram|list -d dax0.0"
		"list-ram-RDMu|list -RDMu"
		"ram-again|reconfigure-device -m system-ram dax0.0"
		"offline|offline-memory dax0.0"
		"list-offline|list -d dax0.0"
		"online|online-memory dax0.0"
		"online-again|online-memory dax0.0"
		"devdax-busy|reconfigure-device -m devdax dax0.0"
		"disable-ram|disable-device dax0.0"
		"devdax-force|reconfigure-device -f -m devdax dax0.0"
		"devdax-again|reconfigure-device -m devdax dax0.0"
		# no --no-movable: functional-static.sh says why
		"ram-noonline|reconfigure-device -N -m system-ram dax0.0"
		"list-noonline|list -d dax0.0"
		"devdax-offline|reconfigure-device -m devdax dax0.0"
		"check-config-mode|reconfigure-device -C -m devdax dax0.0"
		"disable-all|disable-device all"
		"enable-all|enable-device all"
		"list-end|list -RDMi"
	)
fi

# Kernels from 6.3 give hmem devices to kmem at boot (Debian's 6.12 also
# onlines them): the steps of that boot state, run before anything took the
# devices back (test/vm/machine.sh runs this suite before boot-state.sh).
boot_ram=0
if [ "$static" = 0 ] && [ "$(dev_driver dax0.0)" = kmem ]; then
	boot_ram=1
	steps=(
		"boot-list|list"
		"boot-list-R|list -R"
		"boot-list-D|list -D"
		"boot-list-RDM|list -RDM"
		"boot-list-RDMu|list -RDMu"
		"boot-list-i|list -i"
		"boot-list-d0|list -d dax0.0"
		"boot-list-d1-u|list -d dax1.0 -u"
		"boot-devdax-0|reconfigure-device -m devdax dax0.0"
		"boot-devdax-1|reconfigure-device -m devdax dax1.0"
		"boot-ram-1|reconfigure-device -m system-ram dax1.0"
		"boot-online-1|online-memory dax1.0"
		"boot-disable-1|disable-device dax1.0"
		"boot-offline-1|offline-memory dax1.0"
		"boot-list-offline-1|list -d dax1.0"
		"boot-online-movable-1|online-memory dax1.0"
		"boot-list-movable-1|list -d dax1.0"
		"boot-offline-1b|offline-memory dax1.0"
		"boot-online-normal-1|online-memory --no-movable dax1.0"
		"boot-devdax-force-0|reconfigure-device -f -m devdax dax0.0"
		"boot-list-0|list -d dax0.0"
		"boot-offline-0|offline-memory dax0.0"
		"boot-list-offline-0|list -d dax0.0"
		"boot-devdax-force-1|reconfigure-device -f -m devdax dax1.0"
		"boot-list-devdax-1|list -RDMi"
		"boot-ram-back-1|reconfigure-device -m system-ram dax1.0"
		"boot-list-end|list -RDMi"
	)
fi

# ------------------------------------------------------------ reset
# Back to the boot state with raw sysfs writes: every region has only daxX.0,
# covering the whole region and bound to device_dax; no system-ram; the
# auto-online policy offline.
sysw() { printf '%s' "$2" >"$1" 2>/dev/null; }
# Only dax0.0 on the static region: its own blocks offline (its node is the
# boot memory's), then back on device_dax.
reset_static() {
	local bs a e
	echo offline >"$MEM/auto_online_blocks"
	if [ "$(dev_driver dax0.0)" = kmem ]; then
		bs=$((0x$(cat "$MEM/block_size_bytes")))
		a=$(($(dev_attr dax0.0 mapping0/start)))
		e=$(($(dev_attr dax0.0 mapping0/end)))
		for ((a = (a + bs - 1) / bs * bs; a + bs - 1 <= e; a += bs)); do
			sysw "$MEM/memory$((a / bs))/state" offline
		done
		sysw "$DAXBUS/drivers/kmem/unbind" dax0.0
	fi
	sysw "$DAXBUS/drivers/kmem/remove_id" dax0.0
	[ "$(dev_driver dax0.0)" = none ] && sysw "$DAXBUS/drivers/device_dax/bind" dax0.0
}
# The 6.12 boot state: every daxX.0 on kmem, all its blocks online (where
# the kernel puts them: ZONE_NORMAL), auto_online_blocks online.
reset_boot_ram() {
	local d name b
	echo online >"$MEM/auto_online_blocks"
	for d in "$DAXBUS"/devices/dax*.0; do
		name=${d##*/}
		if [ "$(dev_driver "$name")" = device_dax ]; then
			sysw "$DAXBUS/drivers/device_dax/unbind" "$name"
		fi
		[ "$(dev_driver "$name")" = none ] && sysw "$DAXBUS/drivers/kmem/bind" "$name"
		for b in "$NODES/node$(cat "$d/target_node")"/memory[0-9]*; do
			[ -e "$b/state" ] || continue
			[ "$(cat "$b/state")" = online ] && [ "$(cat "$b/valid_zones")" = Normal ] && continue
			sysw "$b/state" offline
			sysw "$b/state" online_kernel
		done
	done
}
reset_state() {
	if [ "$static" = 1 ]; then
		reset_static
		return
	fi
	if [ "$boot_ram" = 1 ]; then
		reset_boot_ram
		return
	fi
	local d name reg id node b start size bs phys
	echo offline >"$MEM/auto_online_blocks"
	bs=$((0x$(cat "$MEM/block_size_bytes")))
	for d in "$DAXBUS"/devices/dax*; do
		name=${d##*/}
		if [ "$(dev_driver "$name")" = kmem ]; then
			node=$(cat "$d/target_node")
			for b in "$NODES/node$node"/memory[0-9]*; do
				[ -e "$b" ] || continue
				sysw "$b/state" offline
			done
			sysw "$DAXBUS/drivers/kmem/unbind" "$name"
		fi
		sysw "$DAXBUS/drivers/kmem/remove_id" "$name"
		sysw "$DAXBUS/drivers/device_dax/remove_id" "$name"
		[ "$(dev_driver "$name")" = device_dax ] && sysw "$DAXBUS/drivers/device_dax/unbind" "$name"
		sysw "$d/size" 0
	done
	for d in "$DAXBUS"/devices/dax*; do
		name=${d##*/}
		reg=${name#dax}
		reg=${reg%%.*}
		id=${name##*.}
		if [ "$id" != 0 ]; then
			sysw "$(region_dir "$reg")/delete" "$name"
		fi
	done
	for d in "$DAXBUS"/devices/dax*.0; do
		name=${d##*/}
		reg=${name#dax}
		reg=${reg%%.*}
		sysw "$d/align" "$(cat "$(region_dir "$reg")/align")"
		sysw "$d/size" "$(cat "$(region_dir "$reg")/size")"
		sysw "$DAXBUS/drivers/device_dax/bind" "$name"
	done
}

# The state daxctl leaves, as text: devices, sizes, drivers, ranges, memory.
# Reads with the read builtin only: every fork costs under TCG.
rv() { IFS= read -r "$1" <"$2" || true; }
dump_state() {
	local r d name node b i v a z st sz al av sd id drv nodes=" "
	for r in "$S"/devices/platform/hmem.*/dax_region "$d0/../dax_region"; do
		[ "$static" = 1 ] || [ "$r" != "$d0/../dax_region" ] || continue
		[ -d "$r" ] || continue
		rv id "$r/id"; rv av "$r/available_size"; rv sd "$r/seed"
		echo "region $id avail=$av seed=$sd"
	done
	for d in "$DAXBUS"/devices/dax*; do
		name=${d##*/}
		rv sz "$d/size"; rv al "$d/align"; rv v "$d/target_node"
		case "$nodes" in *" $v "*) ;; *) nodes="$nodes$v " ;; esac
		drv=none
		[ -L "$d/driver" ] && { drv=$(readlink "$d/driver"); drv=${drv##*/}; }
		i=0 a=""
		while [ -d "$d/mapping$i" ]; do
			rv st "$d/mapping$i/start"; rv v "$d/mapping$i/end"; rv z "$d/mapping$i/page_offset"
			a="$a $st-$v@$z"
			i=$((i + 1))
		done
		echo "$name size=$sz align=$al driver=$drv ranges=$a"
	done
	# Memory blocks of the soft-reserved nodes only.
	for node in $nodes; do
		for b in "$NODES/node$node"/memory[0-9]*; do
			[ -e "$b" ] || continue
			rv st "$b/state"; rv z "$b/valid_zones"
			echo "node$node ${b##*/} $st $z"
		done
	done
	rv v "$MEM/auto_online_blocks"
	echo "auto_online_blocks=$v"
	while read -r a b z; do
		[ "$a" = MemTotal: ] && { echo "MemTotal $b"; break; }
	done </proc/meminfo
}

# Delete idle devices (id > 0, size 0, unbound) after each mutating step, in
# both runs alike. A failed create-device leaves one behind with the peer but
# not with ours (compatibility.md 2.4); the step itself shows that difference,
# and without this every later step would show it again.
drop_idle() {
	local d name reg sz
	for d in "$DAXBUS"/devices/dax*; do
		name=${d##*/}
		case "$name" in *.0) continue ;; esac
		rv sz "$d/size"
		[ "$sz" = 0 ] && [ ! -L "$d/driver" ] || continue
		reg=${name#dax}
		reg=${reg%%.*}
		sysw "$(region_dir "$reg")/delete" "$name"
	done
}

run_steps() {
	local tool=$1 out=$2 s id args line rc
	mkdir -p "$out"
	reset_state
	line="# $(basename "$out"):"
	for s in "${steps[@]}"; do
		id=${s%%|*}
		args=${s#*|}
		# A step that hangs (e.g. memory that will not offline) is killed.
		if [ "${args:0:1}" = "!" ]; then
			timeout -s KILL "$step_timeout" sh -c "${args:1}" >"$out/$id.out" 2>"$out/$id.err"
		else
			# shellcheck disable=SC2086
			DAXCTL_MAN_VIEWER=true timeout -s KILL "$step_timeout" "$tool" $args \
				>"$out/$id.out" 2>"$out/$id.err" </dev/null
		fi
		rc=$?
		echo "$rc" >"$out/$id.rc"
		line="$line $id=$rc"
		if [ ${#line} -gt 100 ]; then echo "$line"; line="#  "; fi
		# list, help and version do not change anything: no dump needed.
		case "$args" in
		list*|--*|version) : >"$out/$id.state" ;;
		*) dump_state >"$out/$id.state"; drop_idle ;;
		esac
	done
	echo "$line"
	reset_state
}

# intended ID KIND: is this difference listed in intended-differences.md?
intended() {
	[ -f "$allow" ] || return 1
	awk -F'|' -v id="$1" -v kind="$2" '
		NF > 3 {
			s = $2; k = $3; gsub(/[ `]/, "", s); gsub(/[ `]/, "", k)
			if (s == id && (k == kind || k == "any")) found = 1
		}
		END { exit !found }' "$allow"
}

t0=$(date +%s)
run_steps "$PEER" "$work/peer"
t1=$(date +%s)
run_steps "$OURS" "$work/ours"
t2=$(date +%s)
echo "# peer run $((t1 - t0)) s, ours run $((t2 - t1)) s, ${#steps[@]} steps"

n_intended=0
n_info=0
for s in "${steps[@]}"; do
	id=${s%%|*}
	args=${s#*|}
	p=$work/peer/$id o=$work/ours/$id
	bad=()
	note=()
	for kind in rc stdout state; do
		case $kind in
		rc) f=rc ;; stdout) f=out ;; state) f=state ;;
		esac
		if ! cmp -s "$p.$f" "$o.$f"; then
			if intended "$id" "$kind"; then note+=("$kind"); else bad+=("$kind"); fi
		fi
	done
	if ! cmp -s "$p.err" "$o.err"; then
		n_info=$((n_info + 1))
		echo "# $id: stderr differs (informational)"
		diff "$p.err" "$o.err" | sed -n '2,12p' | sed 's/^/#     /'
	fi
	if [ ${#bad[@]} -eq 0 ]; then
		if [ ${#note[@]} -gt 0 ]; then
			n_intended=$((n_intended + 1))
			ok "$id: daxctl $args: intended difference in ${note[*]} (intended-differences.md)"
		else
			ok "$id: daxctl $args: same exit status ($(cat "$p.rc")), stdout and state"
		fi
	else
		not_ok "$id: daxctl $args: ${bad[*]} differ"
	fi
	for kind in "${bad[@]}" "${note[@]}"; do
		case $kind in
		rc) echo "#   exit status: peer $(cat "$p.rc"), ours $(cat "$o.rc")" ;;
		stdout) echo "#   stdout (- peer, + ours):"
			diff -u "$p.out" "$o.out" | sed '1,2d' | head -n 40 | sed 's/^/#     /' ;;
		state) echo "#   state after the step (- peer, + ours):"
			diff -u "$p.state" "$o.state" | sed '1,2d' | grep '^[-+]' | head -n 20 | sed 's/^/#     /' ;;
		esac
	done
done
echo "# $n_intended step(s) with intended differences, $n_info with stderr differences"
rm -rf "$work"
finish
