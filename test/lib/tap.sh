# SPDX-License-Identifier: GPL-2.0-only
# TAP primitives for every shell harness of the tree; area helpers (the
# simulator, VM paths, fixtures) live in their area's lib and build on these.
#
# Plain POSIX sh: the ABI suite sources this under busybox sh in the VM lane,
# where the tree is the 9p-shared /repo, so locate it relative to the caller.
#
#   ok DESC                     "ok N - DESC"
#   not_ok DESC [NOTE...]       "not ok N - DESC", then "#   " before each
#                               line of each note
#   ok_rc STATUS DESC           ok if STATUS is 0 (for "[ ... ]; ok_rc $? DESC")
#   skip DESC REASON            "ok N - DESC # SKIP REASON"
#   is DESC GOT WANT            ok if the strings are equal, else both as notes
#   check DESC CMD...           ok if CMD succeeds
#   tap_plan [N]                "1..N": N given up front, or (none) the count
#                               so far, printed last
#   tap_tally                   "P passed, F failed" (", S skipped" if any):
#                               the line scripts/vm/ci and test/vm/abi.sh read
#   tap_status                  0 if nothing failed, 1 otherwise
#
# Counters: tap_n, tap_passed, tap_failed, tap_skipped.

tap_n=0
tap_passed=0
tap_failed=0
tap_skipped=0

ok() {
	tap_n=$((tap_n + 1))
	tap_passed=$((tap_passed + 1))
	echo "ok $tap_n - $1"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for _tap_note in "$@"; do
		printf '%s\n' "$_tap_note" | sed 's/^/#   /'
	done
	return 0
}

ok_rc() {
	if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2"; fi
}

skip() {
	tap_n=$((tap_n + 1))
	tap_skipped=$((tap_skipped + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "got:  '$2'" "want: '$3'"
	fi
}

check() {
	_tap_desc=$1
	shift
	if "$@"; then ok "$_tap_desc"; else not_ok "$_tap_desc" "failed: $*"; fi
}

tap_plan() {
	echo "1..${1:-$tap_n}"
}

tap_tally() {
	if [ "$tap_skipped" -gt 0 ]; then
		echo "$tap_passed passed, $tap_failed failed, $tap_skipped skipped"
	else
		echo "$tap_passed passed, $tap_failed failed"
	fi
}

tap_status() {
	[ "$tap_failed" -eq 0 ]
}
