#!/bin/bash
# Guest suite: the ABI conformance suite (test/abi/*.sh, plain POSIX sh) on
# the real kernel, with SYSFS=/sys and busybox sh.
#
#   scripts/vm/run test/vm/abi.sh [ABI_PROFILE]
#
# Each test/abi script prints TAP and a last line "N passed, N failed"; this
# adds them up and prints the total the same way. The profile (linux-6.1 or
# series) is left to the suite's own detection unless one is given.

here=$(cd "$(dirname "$0")" && pwd)
abi=${REPO:-$here/../..}/test/abi
[ $# -ge 1 ] && export ABI_PROFILE=$1
export SYSFS=${SYSFS:-/sys}

shopt -s nullglob
scripts=()
for t in "$abi"/*.sh; do
	# vm-guest.sh is the suite's own entry for scripts/vm/run (it execs
	# conformance.sh): running it here would count everything twice.
	[ "$(basename "$t")" = vm-guest.sh ] && continue
	scripts+=("$t")
done
if [ ${#scripts[@]} -eq 0 ]; then
	echo "# abi: no test/abi/*.sh in this tree yet"
	echo "0 passed, 0 failed"
	exit 0
fi

total_ok=0
total_fail=0
rc=0
for t in "${scripts[@]}"; do
	echo "# abi: $(basename "$t") (kernel $(uname -r))"
	log=$(mktemp)
	sh "$t" 2>&1 | tee "$log"
	st=${PIPESTATUS[0]}
	tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$tally" ]; then
		echo "# abi: $(basename "$t") printed no tally (exit $st): counted as one failure"
		total_fail=$((total_fail + 1))
		rc=1
	else
		set -- $tally
		total_ok=$((total_ok + $1))
		total_fail=$((total_fail + $3))
	fi
	[ "$st" -eq 0 ] || rc=1
	rm -f "$log"
done
echo "$total_ok passed, $total_fail failed"
exit "$rc"
