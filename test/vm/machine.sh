#!/bin/bash
# Guest script: several suites in one boot (a boot costs seconds under TCG,
# so the machines other than the first share one per machine).
#
#   scripts/vm/run [--kernel K] [--machine M] test/vm/machine.sh SUITE[:ARG]...
#
# Each SUITE is a script in test/vm (abi, boot-state, functional, ...), run in
# the order given; ARG is passed to it. A suite ends with its own
# "N passed, N failed"; this prints "== SUITE: tally" for each and then the
# sum as the last line. A suite with no tally counts as one failure. Exit
# status 0 only if nothing failed.

here=$(cd "$(dirname "$0")" && pwd)
ok=0 bad=0 lines=()
for s in "$@"; do
	name=${s%%:*}
	arg=()
	[ "$name" != "$s" ] && arg=("${s#*:}")
	echo "=== $name ${arg[*]}"
	log=$(mktemp)
	t0=$(date +%s)
	bash "$here/$name.sh" "${arg[@]}" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	rm -f "$log"
	if [ -z "$tally" ]; then
		bad=$((bad + 1))
		lines+=("$name: no tally, exit status $rc: FAILED")
		continue
	fi
	set -- $tally
	ok=$((ok + $1))
	bad=$((bad + $3))
	if [ "$rc" -ne 0 ] && [ "$3" -eq 0 ]; then
		bad=$((bad + 1))
		lines+=("$name: $tally but exit status $rc: FAILED")
	else
		lines+=("$name: $tally ($(($(date +%s) - t0)) s)")
	fi
done
printf '== %s\n' "${lines[@]}"
echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
