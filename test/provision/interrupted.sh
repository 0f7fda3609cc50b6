#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A daxctl killed part way (SIGKILL at its Nth sysfs write, every N in turn)
# leaves a journal under /run/daxctl; the next mutating command on that
# region refuses and names each device left changed, and `daxctl recover`
# puts the region back exactly as it was before the killed command.
. "$(dirname "$0")/lib.sh"
require_sim
command -v strace >/dev/null || { echo "no strace: skipping"; exit 77; }

# scenario NAME PREP CMD: kill CMD at each of its writes
scenario() {
	local name=$1 prep=$2 cmd=$3
	sim -- '
prep() { echo 1 > $DAXSIM_CTL/reset; rm -rf /run/daxctl/journal; '"$prep"'
}
killed=0 refused=0
# the state the command leaves when it runs to the end
prep
'"$cmd"' >/dev/null 2>&1
done_state=$(state)
for k in $(seq 1 60); do
	prep
	before=$(state)
	strace -f -qq -o /dev/null -e trace=pwrite64 \
		-e inject=pwrite64:signal=KILL:when=$k '"$cmd"' >/dev/null 2>&1
	rc=$?
	[ $rc = 0 ] && break
	killed=$((killed + 1))
	mid=$(state)
	want=$before
	# killed after its commit (a sanitizer may write on the way out):
	# a finished change, nothing to refuse or undo
	if [ "$mid" = "$done_state" ] && ! ls /run/daxctl/journal/* >/dev/null 2>&1; then
		want=$done_state
	elif [ "$mid" != "$before" ]; then
		D disable-device -r 0 all > $WORK/refuse.out 2>&1
		rrc=$?
		if [ $rrc = 240 ] && grep -q "interrupted daxctl left the devices above" $WORK/refuse.out; then
			refused=$((refused + 1))
		else
			echo "FAIL '"$name"': write $k: changed, but the next command ran (exit $rrc)"
			sed "s/^/     /" $WORK/refuse.out | head -5
		fi
	fi
	D recover > $WORK/recover.out 2>&1
	is "'"$name"': write $k: recover exits 0" 0 $?
	is "'"$name"': write $k: state as before" "$want" "$(state)"
	D recover > $WORK/recover.out 2>&1
	grep -q "nothing was left part way" $WORK/recover.out &&
		echo "ok '"$name"': write $k: journal gone" ||
		echo "FAIL '"$name"': write $k: journal left after recover"
done
[ $killed -gt 0 ] && echo "ok '"$name"': killed at $killed writes" || echo "FAIL '"$name"': never killed"
[ $refused -gt 0 ] && echo "ok '"$name"': refused after $refused of them" || echo "FAIL '"$name"': no kill left a change behind"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"
}

ONE_DEV="$PREP_EMPTY
D create-device -s 256M >/dev/null 2>&1"
scenario to-system-ram "$ONE_DEV" '$DAXCTL reconfigure-device -m system-ram dax0.1'
scenario create-count "$PREP_EMPTY" '$DAXCTL create-device --count 3 -s 256M'

# --keep accepts what was left
sim -- "$ONE_DEV"'
strace -f -qq -o /dev/null -e trace=pwrite64 -e inject=pwrite64:signal=KILL:when=6 \
	$DAXCTL reconfigure-device -m system-ram dax0.1 >/dev/null 2>&1
mid=$(state)
t keep 0 D recover --keep
is keep-state "$mid" "$(state)"
t keep-then-free 0 D disable-device dax0.0
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

summary
