#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TAP test: "daxctl list" against every fixture and every case of
# cases.txt must print exactly (stdout, stderr, exit status) what the peer
# printed when expected/ was made; and, where the peer and a mount
# namespace are available, exactly what the peer prints right now.
#
# Arguments: fixture names (default: every fixture).
# Environment: DAXCTL (our binary, required), DAXCTL_WRAPPER (optional
# command prefix such as valgrind), PEER (default /usr/bin/daxctl),
# DAXCTL_LIVE_PEER=0 to skip the live comparison.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
: "${DAXCTL:?set DAXCTL to the daxctl binary under test}"
peer=${PEER:-/usr/bin/daxctl}
wrapper=${DAXCTL_WRAPPER:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

live=0
if [ "${DAXCTL_LIVE_PEER:-1}" != 0 ] && [ -x "$peer" ] &&
	"$top/test/fixture-ns" "$top/test/fixtures/single" true 2>/dev/null; then
	live=1
fi

mapfile -t cases < <(grep -v '^#' "$here/cases.txt" | grep .)
if [ $# -gt 0 ]; then
	fixtures=()
	for f in "$@"; do
		fixtures+=("$top/test/fixtures/$f/")
	done
else
	fixtures=("$top"/test/fixtures/*/)
fi
. "$here/../lib/tap.sh"
tap_plan $(( ${#fixtures[@]} * ${#cases[@]} * (1 + live) ))

# valgrind's own notes ("--PID-- WARNING: unhandled syscall: 437" for
# openat2 on Debian 12's valgrind 3.19) are not daxctl's stderr; its error
# reports ("==PID==") stay, and fail the test through --error-exitcode.
strip_wrapper_notes() {
	[ -n "$wrapper" ] && sed -i '/^--[0-9][0-9]*-- /d' "$1"
	return 0
}

# Arrays in any order: for comparing where readdir order differs.
normalize() {
	jq -S 'walk(if type == "array" then sort_by(tojson) else . end)' \
		"$1" 2>/dev/null || cat "$1"
}

report() { # ok? description diff-file
	if [ "$1" = 0 ]; then
		ok "$2"
	else
		not_ok "$2"
		sed 's/^/# /' "$3" | head -60
	fi
}

# compare DIR_A NAME_A DIR_B NAME_B ordered? -> 0/1, writes $tmp/diff
compare() {
	local a=$1 b=$2 strict=$3 rc=0
	: > "$tmp/diff"
	if [ "$strict" = 1 ]; then
		diff -u "$a.out" "$b.out" >> "$tmp/diff" || rc=1
	else
		diff -u <(normalize "$a.out") <(normalize "$b.out") \
			>> "$tmp/diff" || rc=1
	fi
	diff -u "$a.err" "$b.err" >> "$tmp/diff" || rc=1
	diff -u "$a.rc" "$b.rc" >> "$tmp/diff" || rc=1
	return $rc
}

for fixture in "${fixtures[@]}"; do
	f=$(basename "$fixture")
	exp=$here/expected/$f
	strict=1
	if ! "$here/readdir-order.sh" "$fixture" | cmp -s - "$exp/ORDER"; then
		strict=0
		echo "# $f: readdir order differs from when expected/ was made;" \
			"comparing array contents in any order"
	fi
	for c in "${cases[@]}"; do
		name=${c%%|*}
		args=${c#*|}
		# shellcheck disable=SC2086 # args are blank separated
		DAXCTL_SYSFS_ROOT=$fixture $wrapper "$DAXCTL" list $args \
			> "$tmp/ours.out" 2> "$tmp/ours.err"
		echo $? > "$tmp/ours.rc"
		strip_wrapper_notes "$tmp/ours.err"
		compare "$exp/$name" "$tmp/ours" $strict
		report $? "$f: list $args (expected)" "$tmp/diff"

		[ $live = 1 ] || continue
		# shellcheck disable=SC2086
		# meson points LD_LIBRARY_PATH at our libdaxctl.so.1, which
		# must not be loaded into the peer
		env -u LD_LIBRARY_PATH "$top/test/fixture-ns" "$fixture" \
			"$peer" list $args > "$tmp/peer.out" 2> "$tmp/peer.err"
		echo $? > "$tmp/peer.rc"
		compare "$tmp/peer" "$tmp/ours" 1
		report $? "$f: list $args (live peer)" "$tmp/diff"
	done
done
[ $live = 1 ] || echo "# live peer comparison skipped (no peer or no namespace)"
tap_status
