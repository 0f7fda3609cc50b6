#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Progress of onlining/offlining on the simulator: a progress line on a
# terminal (script(1) provides one) above the block threshold, never when
# stdout or stderr is not a terminal, never in the JSON; -v explains each
# step; -q silences the warnings.  "large" also runs the default
# threshold on 2048 blocks.
. "$(dirname "$0")/lib.sh"
topology=hmem.json
[ "${1:-}" = large ] && topology=large.json
in_sim "$topology" "$@"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }
# on_tty CMD: run CMD (a shell string) with stdout and stderr on a pty
on_tty() { script -qec "$1" /dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${1:-}" = large ]; then
	# the default threshold (256) on 2048 blocks of 2 GiB
	D reconfigure-device -N -m system-ram dax0.0 >/dev/null 2>&1
	on_tty "$DAXCTL online-memory dax0.0" >"$work/t" 2>&1
	check "2048 blocks: progress drawn" grep -q 'dax0.0: onlining memory: 2048/2048 blocks (100%)' "$work/t"
	check "2048 blocks: rewritten in place" test "$(tr '\r' '\n' <"$work/t" | grep -c 'onlining memory: ')" -gt 50
	ops_done
fi

# below the default threshold of 256 blocks: no progress even on a tty
on_tty "$DAXCTL reconfigure-device -m system-ram dax0.0" >"$work/t" 2>&1
check "8 blocks, default threshold: no progress" bash -c "! grep -q 'blocks (' '$work/t'"
check "8 blocks: onlined" test "$(dev_field dax0.0 online_memblocks)" = 8
D offline-memory dax0.0 >/dev/null 2>&1

export DAXCTL_PROGRESS_MIN=4
on_tty "$DAXCTL online-memory dax0.0" >"$work/t" 2>&1
check "tty: progress from 0" grep -q $'\rdax0.0: onlining memory: 0/8 blocks (0%)' "$work/t"
check "tty: progress to 100%" grep -q $'\rdax0.0: onlining memory: 8/8 blocks (100%)' "$work/t"
check "tty: line rewritten in place" test "$(tr '\r' '\n' <"$work/t" | grep -c '^dax0.0: onlining memory: ')" = 9
on_tty "$DAXCTL offline-memory dax0.0" >"$work/t" 2>&1
check "tty: offlining too" grep -q 'dax0.0: offlining memory: 8/8 blocks (100%)' "$work/t"

# a block refusing part way: the error writes over the progress, not after it
echo '/sys/devices/system/memory/memory36/state:1:EBUSY' >"$DAXSIM_CTL/fail"
on_tty "$DAXCTL online-memory dax0.0" >"$work/t" 2>&1
echo clear >"$DAXSIM_CTL/fail"
check "failure: progress drawn up to the refusal" grep -q 'onlining memory: 4/8 blocks' "$work/t"
check "failure: the error starts a line" bash -c \
	"sed 's/\x1b\[K//g' '$work/t' | tr '\r' '\n' | grep -q '^dax0.0: failed to online memory'"
check "failure: nothing glued after the progress" bash -c \
	"! sed 's/\x1b\[K//g' '$work/t' | tr '\r' '\n' | grep -q 'blocks ([0-9]*%)[^ ]'"
check "failure: rolled back" test "$(dev_field dax0.0 online_memblocks)" = 0

# stdout not a terminal: none (so never inside JSON)
on_tty "$DAXCTL reconfigure-device -f -m devdax dax0.0 >/dev/null; $DAXCTL reconfigure-device -m system-ram dax0.0 >'$work/json'" >"$work/t" 2>&1
check "stdout to a file: no progress" bash -c "! grep -q 'blocks (' '$work/t'"
check "stdout to a file: JSON only" jq -e '.[0].mode == "system-ram"' "$work/json" >/dev/null
# stderr not a terminal: none
D offline-memory dax0.0 >"$work/out" 2>"$work/err"
check "pipes: no progress" bash -c "! grep -q 'blocks (' '$work/err' '$work/out'"

# -v: each step, whatever the terminal
expect "-v online: exit 0" 0 D online-memory -v dax0.0
stderr_has "-v: announces the work" "^dax0.0: onlining 8 memory blocks$"
stderr_has "-v: says how far it got" "^dax0.0: online: visited 8 of 8 memory blocks$"
stderr_has "-v: the count onlined" "^dax0.0: 8 memory sections onlined$"
check "-v: no progress line when not a tty" bash -c "! grep -q 'blocks (' '$T.err'"

# the race warning (blocks already online), and -q
expect "already online: status 0" 0 D reconfigure-device -m system-ram dax0.0
stderr_has "already online: warning" "WARNING: detected a race while onlining memory"
expect "-q: status 0" 0 D reconfigure-device -q -m system-ram dax0.0
check "-q: no warning" bash -c "! grep -q WARNING '$T.err'"
stderr_has "-q: the result is still said" "all memory sections \(8\) already online"

ops_done
