#!/bin/bash
# Guest suite: the ABI conformance suite (test/abi) on the real kernel, with
# SYSFS=/sys and busybox sh.
#
#   scripts/vm/run test/vm/abi.sh [ABI_PROFILE]
#
# Runs the suite's own VM-lane entry, test/abi/vm-guest.sh (see
# test/abi/README.md), or test/abi/conformance.sh if there is no such entry.
# The other scripts in test/abi (probes, simulator checks) are not suites.
# Passes the suite's TAP through and ends with its "N passed, N failed"; a
# run that prints no tally counts as one failure. The profile (linux-6.1 or
# series) is left to the suite's own detection unless one is given.

here=$(cd "$(dirname "$0")" && pwd)
abi=${REPO:-$here/../..}/test/abi
[ $# -ge 1 ] && export ABI_PROFILE=$1
export SYSFS=${SYSFS:-/sys}

if [ -f "$abi/vm-guest.sh" ]; then
	t=$abi/vm-guest.sh
elif [ -f "$abi/conformance.sh" ]; then
	t=$abi/conformance.sh
else
	echo "# abi: no test/abi suite in this tree yet"
	echo "0 passed, 0 failed"
	exit 0
fi

echo "# abi: $(basename "$t") (kernel $(uname -r))"
log=$(mktemp)
busybox sh "$t" 2>&1 | tee "$log"
st=${PIPESTATUS[0]}
# conformance.sh ends "N passed, N failed, N skipped"; the lane counts
# "N passed, N failed" lines, so the skips are reported here and dropped
tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log" | tail -n 1)
rm -f "$log"
if [ -z "$tally" ]; then
	echo "# abi: $(basename "$t") printed no tally (exit $st)"
	echo "0 passed, 1 failed"
	exit 1
fi
case $tally in
*skipped)
	echo "# abi: ${tally##*, } (see the SKIP lines above)"
	echo "${tally%, *}"
	;;
esac
exit "$st"
