# SPDX-License-Identifier: GPL-2.0-only
#
# Guest side of the VM-lane benchmark (issue 7): run it with bench/vm/run, or
#   scripts/vm/run [--build DIR] bench/vm/bench.sh [REPS] [NDEV]
#
# On Debian's 6.1 kernel (no simulator), dax0.0 = the soft-reserved range of
# node 1 (2 GiB = 16 memory blocks of 128 MiB with bench/vm/run's default):
#   reconfigure-roundtrip  daxctl reconfigure-device -m system-ram dax0.0, then
#                          reconfigure-device -f -m devdax dax0.0
#   floor                  the same kernel work from a bare bash loop with
#                          builtin echo: device_dax/unbind, kmem/new_id,
#                          online_movable to each block; offline to each block,
#                          kmem/unbind, kmem/remove_id, device_dax/bind
#   online/offline-memory  online-memory and offline-memory dax0.0 (system-ram,
#                          blocks offline), against a loop writing each block
#   list-D-M               daxctl list -D -M over NDEV (default 200) devices of
#                          2 MiB carved out of region 0 with raw sysfs writes
# Wall time is the best of REPS (default 5) runs, interleaved. Syscalls are counted by the
# kernel itself (ftrace raw_syscalls:sys_exit with set_event_pid and
# event-fork), so nothing like strace slows the run: for a program from its
# execve() on, for the floor from the start of the loop; "failing" counts
# the syscalls that returned an error. "start" is the same count for
# 'daxctl --version', i.e. the process start-up, which is in every total.
# Measuring starts once the kernel's random pool is ready (as on any
# system past early boot): before that, glibc's malloc and json-c see
# getrandom() fail with EAGAIN in every program.
#
# "static" is our daxctl built with -Dstatic-daxctl=true, if bench/vm/run
# put one in the guest (/opt/ours-static/daxctl).
#
# Our daxctl is run as a package installs it: /opt/ours/installed (the meson
# install of the build, no RUNPATH) with its libdaxctl.so.1 mounted over the
# peer's while ours runs (and unmounted for the peer and the floor), so both
# find every library through the guest's ld.so.cache and neither probes a
# directory. OLD_INSTALL=1 runs it as before: the build's binary with every
# library it links linked into its RUNPATH ($ORIGIN/../libdaxctl).
#
# Output: lines "bench-vm: ..." and a table; exit status 1 if a command failed.
set -u
reps=${1:-5}
ndev=${2:-200}
S=${SYSFS:-/sys}
BUS=$S/bus/dax
MEM=$S/devices/system/memory
T=$S/kernel/tracing
status=0

say() { echo "bench-vm: $*"; }
now() { echo "${EPOCHREALTIME/,/.}"; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", b - a }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0 || a == "-" || b == "-") print "-"; else printf "%.3f\n", a / b }'; }

# ---- our daxctl, installed as a package would
peer=${PEER_DAXCTL:-/usr/bin/daxctl}
ours=""
ourlib="" peerlib="" mounted=0
inst=/opt/ours/installed
if [ -n "${OUR_DAXCTL:-}" ] && [ -z "${OLD_INSTALL:-}" ] && [ -x "$inst/usr/bin/daxctl" ]; then
	ourlib=$(find "$inst" -name 'libdaxctl.so.1.*' -type f | head -n 1)
	peerlib=$(/lib64/ld-linux-x86-64.so.2 --list "$peer" | awk '$1 == "libdaxctl.so.1" { print $3 }')
	[ -n "$peerlib" ] && peerlib=$(realpath "$peerlib")
	if [ -n "$ourlib" ] && [ -f "$peerlib" ]; then
		ours=$inst/usr/bin/daxctl
	else
		say "no installed libdaxctl of ours ($ourlib) or of the peer ($peerlib)"
	fi
elif [ -n "${OUR_DAXCTL:-}" ] && [ -x /opt/ours/bin/daxctl.bin ]; then
	mkdir -p /opt/bench/bin /opt/bench/libdaxctl
	cp /opt/ours/bin/daxctl.bin /opt/bench/bin/daxctl
	LD_LIBRARY_PATH=/opt/ours/lib /lib64/ld-linux-x86-64.so.2 --list /opt/ours/bin/daxctl.bin |
		awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' |
		while read -r name path; do ln -sf "$path" "/opt/bench/libdaxctl/$name"; done
	ours=/opt/bench/bin/daxctl
fi
# as TOOL: the libdaxctl.so.1 of the system is ours for "ours", else the peer's
as() {
	[ -n "$ourlib" ] || return 0
	if [ "$1" = ours ] && [ $mounted = 0 ]; then
		mount --bind "$ourlib" "$peerlib" && mounted=1
	elif [ "$1" != ours ] && [ $mounted = 1 ]; then
		umount "$peerlib" && mounted=0
	fi
}
if [ -n "$ours" ]; then
	as ours
	"$ours" --version >/dev/null 2>&1 || { say "our daxctl does not start"; ours=""; }
	as peer
fi
[ -n "$ours" ] || say "our daxctl is not in the guest (build it); measuring the peer only"
static=""
if [ -x /opt/ours-static/daxctl ]; then
	if /opt/ours-static/daxctl --version >/dev/null 2>&1; then
		static=/opt/ours-static/daxctl
	else
		say "our static daxctl does not start"
	fi
fi
ourtools=()
[ -n "$ours" ] && ourtools+=(ours)
[ -n "$static" ] && ourtools+=(static)

# The steady state: reading /dev/random waits for the random pool.
t0=${EPOCHREALTIME/,/.}
head -c 1 /dev/random >/dev/null
say "random pool ready $(awk -v a="$t0" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f", b - a }') s after the script started"

# ---- syscall counting with ftrace
mountpoint -q "$T" 2>/dev/null || mount -t tracefs nodev "$T" 2>/dev/null
tracing=0
if [ -w "$T/set_event_pid" ] && [ -d "$T/events/raw_syscalls/sys_exit" ]; then
	echo 0 >"$T/tracing_on"
	echo 32768 >"$T/buffer_size_kb"
	echo 1 >"$T/options/event-fork"
	echo 1 >"$T/events/raw_syscalls/sys_exit/enable"
	tracing=1
else
	say "no tracefs raw_syscalls: syscall counts are '-'"
fi

# traced CMD...: run CMD with its syscalls counted; sets CALLS, ERRS, RC
# and FAILED (the failing ones as "NR=errno xCOUNT", for the report)
traced() {
	local from
	CALLS=- ERRS=- FAILED=
	if [ $tracing = 0 ]; then
		"$@" >/dev/null 2>&1
		RC=$?
		return
	fi
	echo >"$T/trace"
	# The subshell names itself as the one pid to trace, then starts the
	# trace: nothing of the parent shell is in it.  A program is counted
	# from its execve() on; a shell function (the floor) runs in the
	# subshell itself and is counted from the first syscall after the
	# tracing_on write, the subshell's few fd restores included.
	if [ "$(type -t "$1")" = function ]; then
		from=tracing_on
		(echo "$BASHPID" >"$T/set_event_pid"; echo 1 >"$T/tracing_on"; "$@") >/dev/null 2>&1
	else
		from=execve
		(echo "$BASHPID" >"$T/set_event_pid"; echo 1 >"$T/tracing_on"; exec "$@") >/dev/null 2>&1
	fi
	RC=$?
	echo 0 >"$T/tracing_on"
	echo >"$T/set_event_pid"
	# sys_exit lines: "... sys_exit: NR <nr> = <ret>"
	set -- $(awk -v from="$from" '
		/sys_exit: NR/ {
			nr = $(NF - 2); ret = $NF
			if (!on) {
				if (from == "tracing_on" || (nr == 59 && ret == 0)) on = 1
				if (from == "tracing_on") next
			}
			calls++
			if (ret < 0) { errs++; f[nr "=" ret]++ }
		}
		END {
			printf "%d %d", calls, errs
			for (k in f) printf " NR%sx%d", k, f[k]
			printf "\n"
		}' "$T/trace")
	CALLS=$1 ERRS=$2
	shift 2
	FAILED="$*"
	if [ "$(grep -c 'LOST' "$T/trace")" != 0 ]; then
		say "trace buffer overflowed; counts are low"
	fi
}

# timed CMD...: best-of-$reps is the caller's business; sets WALL, RC
timed() {
	local t0 t1
	t0=$(now)
	"$@" >/dev/null 2>&1
	RC=$?
	t1=$(now)
	WALL=$(sub "$t0" "$t1")
}

fail() { say "FAILED: $*"; status=1; }

blocks_of_node1() { ls -d "$S"/devices/system/node/node1/memory[0-9]* 2>/dev/null; }
drv() { local l; l=$(readlink "$BUS/devices/$1/driver" 2>/dev/null) && basename "$l" || echo none; }

# failing SCENARIO TOOL: keep what failed in TOOL's last traced run
failures=()
failing() { [ "${ERRS:-0}" = 0 ] || [ "$ERRS" = - ] || failures+=("$1 $2: $FAILED"); }

# ---- the floor: what the kernel has to be told, from bash builtins
floor_to_ram() {
	local b
	echo dax0.0 >"$BUS/drivers/device_dax/unbind"
	echo dax0.0 >"$BUS/drivers/kmem/new_id"
	for b in "$S"/devices/system/node/node1/memory[0-9]*; do
		echo online_movable >"$b/state"
	done
}
floor_to_devdax() {
	local b
	for b in "$S"/devices/system/node/node1/memory[0-9]*; do
		echo offline >"$b/state"
	done
	echo dax0.0 >"$BUS/drivers/kmem/unbind"
	echo dax0.0 >"$BUS/drivers/kmem/remove_id"
	echo dax0.0 >"$BUS/drivers/device_dax/bind"
}
floor_roundtrip() { floor_to_ram && floor_to_devdax; }
floor_online() {
	local b
	for b in "$S"/devices/system/node/node1/memory[0-9]*; do
		echo online_movable >"$b/state"
	done
}
floor_offline() {
	local b
	for b in "$S"/devices/system/node/node1/memory[0-9]*; do
		echo offline >"$b/state"
	done
}

roundtrip() { "$1" reconfigure-device -m system-ram dax0.0 && "$1" reconfigure-device -f -m devdax dax0.0; }

rows=()
row() { rows+=("$*"); }

[ "$(drv dax0.0)" = device_dax ] || fail "dax0.0 is not bound to device_dax at start ($(drv dax0.0))"
nblk=$(($(cat "$BUS/devices/dax0.0/size") / $((16#$(cat "$MEM/block_size_bytes")))))
say "kernel $(uname -r), dax0.0 $(($(cat "$BUS/devices/dax0.0/size") >> 20)) MiB = $nblk blocks, reps $reps, $(nproc) cpu"

# start-up cost of each tool (exec, loader, libc, exit): in every daxctl total
for t in peer "${ourtools[@]}"; do
	as "$t"
	d=${!t}
	[ -n "$d" ] || continue
	best=""
	for ((i = 0; i < reps; i++)); do
		timed "$d" --version
		best=$(min "$best" "$WALL")
	done
	traced "$d" --version
	[ "$t" = peer ] || failing start-up "$t"
	eval "start_$t=\"$CALLS/$ERRS, $best s\" startwall_$t=$best"
done

# Timing: every repetition runs the floor, the peer and ours back to back
# (interleaved, so that a slow spell of the host, which a TCG guest feels
# in full, hits all three alike), and each keeps its best.
tools=(floor peer "${ourtools[@]}")
declare -A best
keep() { best[$1]=$(min "${best[$1]:-}" "$WALL"); }

# ---- reconfigure round trip
for ((i = 0; i < reps; i++)); do
	for t in "${tools[@]}"; do
		as "$t"
		if [ "$t" = floor ]; then
			timed floor_roundtrip
		else
			timed roundtrip "${!t}"
		fi
		[ $RC = 0 ] || fail "$t round trip"
		[ "$(drv dax0.0)" = device_dax ] || fail "$t round trip left dax0.0 on $(drv dax0.0)"
		keep "rt-$t"
	done
done
traced floor_roundtrip
row "reconfigure-roundtrip floor ${best[rt-floor]} $CALLS $ERRS"
for t in peer "${ourtools[@]}"; do
	as "$t"
	d=${!t}
	[ -n "$d" ] || continue
	traced "$d" reconfigure-device -m system-ram dax0.0
	c1=$CALLS e1=$ERRS
	[ $RC = 0 ] || fail "$t reconfigure -m system-ram (traced)"
	[ "$t" = peer ] || failing reconfigure-system-ram "$t"
	traced "$d" reconfigure-device -f -m devdax dax0.0
	[ $RC = 0 ] || fail "$t reconfigure -m devdax (traced)"
	[ "$t" = peer ] || failing reconfigure-devdax "$t"
	[ "$(drv dax0.0)" = device_dax ] || fail "$t left dax0.0 on $(drv dax0.0)"
	row "reconfigure-roundtrip $t ${best[rt-$t]} $((c1 + CALLS)) $((e1 + ERRS)) system-ram=$c1/$e1 devdax=$CALLS/$ERRS"
done
floor_s=${best[rt-floor]} rt_peer=${best[rt-peer]}

# ---- online-memory / offline-memory (device in system-ram, blocks offline)
as peer
"$peer" reconfigure-device -m system-ram --no-online dax0.0 >/dev/null 2>&1 || fail "setup system-ram --no-online"
for ((i = 0; i < reps; i++)); do
	for t in "${tools[@]}"; do
		as "$t"
		if [ "$t" = floor ]; then
			timed floor_online; keep "on-$t"
			timed floor_offline; keep "off-$t"
		else
			timed "${!t}" online-memory dax0.0; [ $RC = 0 ] || fail "$t online-memory"
			keep "on-$t"
			timed "${!t}" offline-memory dax0.0; [ $RC = 0 ] || fail "$t offline-memory"
			keep "off-$t"
		fi
	done
done
traced floor_online
row "online-memory floor ${best[on-floor]} $CALLS $ERRS"
traced floor_offline
row "offline-memory floor ${best[off-floor]} $CALLS $ERRS"
for t in peer "${ourtools[@]}"; do
	as "$t"
	d=${!t}
	[ -n "$d" ] || continue
	traced "$d" online-memory dax0.0; c1=$CALLS e1=$ERRS
	[ "$t" = peer ] || failing online-memory "$t"
	traced "$d" offline-memory dax0.0
	[ "$t" = peer ] || failing offline-memory "$t"
	row "online-memory $t ${best[on-$t]} $c1 $e1"
	row "offline-memory $t ${best[off-$t]} $CALLS $ERRS"
done
as peer
"$peer" reconfigure-device -m devdax dax0.0 >/dev/null 2>&1 || fail "back to devdax"

# ---- list -D -M over NDEV devices of 2 MiB in region 0
R=$S/devices/platform/hmem.0/dax_region
made=0
if echo dax0.0 >"$BUS/drivers/device_dax/unbind" && echo 0 >"$BUS/devices/dax0.0/size"; then
	for ((i = 1; i <= ndev; i++)); do
		echo 1 >"$R/create" || break
		n=$(cat "$R/create" 2>/dev/null)
		[ -n "$n" ] || n=$(cat "$R/seed")
		echo 2097152 >"$BUS/devices/$n/size" || break
		echo "$n" >"$BUS/drivers/device_dax/bind" || break
		made=$i
	done
fi
[ "$made" = "$ndev" ] || fail "made only $made of $ndev devices"
for ((i = 0; i < reps; i++)); do
	for t in peer "${ourtools[@]}"; do
		as "$t"
		timed "${!t}" list -D -M; [ $RC = 0 ] || fail "$t list"
		keep "list-$t"
	done
done
for t in peer "${ourtools[@]}"; do
	as "$t"
	d=${!t}
	traced "$d" list -D -M
	[ "$t" = peer ] || failing list-D-M "$t"
	row "list-D-M-$made $t ${best[list-$t]} $CALLS $ERRS"
done
list_peer=${best[list-peer]}

as peer

# ---- report
for t in peer "${ourtools[@]}"; do
	v=start_$t
	[ -n "${!v:-}" ] && say "start-up ($t daxctl --version): syscalls/failing, wall: ${!v}"
done
for t in "${ourtools[@]}"; do
	rt=${best[rt-$t]}
	say "reconfigure-roundtrip $t: ${t}_s=$rt peer_s=$rt_peer floor_s=$floor_s $t/floor=$(ratio "$rt" "$floor_s") $t/peer=$(ratio "$rt" "$rt_peer")"
	# the floor starts no process; ours starts two (one per direction)
	v=startwall_$t
	net=$(awk -v a="$rt" -v s="${!v}" 'BEGIN { printf "%.4f", a - 2 * s }')
	say "reconfigure-roundtrip $t without its two process start-ups: ${t}_s=$net floor_s=$floor_s $t/floor=$(ratio "$net" "$floor_s")"
	say "list-D-M-$made $t: ${t}_s=${best[list-$t]} peer_s=$list_peer ratio=$(ratio "${best[list-$t]}" "$list_peer")"
done
if [ ${#ourtools[@]} -gt 0 ] && [ $tracing = 1 ]; then
	if [ ${#failures[@]} = 0 ]; then
		say "failing syscalls of ours (${ourtools[*]}), every scenario: none"
	else
		say "failing syscalls of ours (NR=errno xCOUNT):"
		printf 'bench-vm:   %s\n' "${failures[@]}"
	fi
fi
echo
{
	echo "scenario tool wall_s syscalls failing detail"
	printf '%s\n' "${rows[@]}"
} | awk '{ printf "%-24s %-6s %-9s %-9s %-8s", $1, $2, $3, $4, $5; for (i = 6; i <= NF; i++) printf " %s", $i; printf "\n" }'
exit $status
