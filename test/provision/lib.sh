# SPDX-License-Identifier: GPL-2.0-only
# Helpers of the provisioning tests, sourced by each test script.
#
# Every scenario runs in a fresh simulator (test/daxsim/run-in-sim), so that
# state never leaks between cases.  Environment:
#   DAXCTL   our daxctl (default: the build tree's)
#   PEER     the reference daxctl (default /usr/bin/daxctl; peer tests skip
#            without it)
#   DAXSIM   the simulator binary (run-in-sim finds the build tree's)
#   TOPO     topology (default test/daxsim/topologies/hmem.json)
set -u

PROV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_ROOT=$(cd "$PROV_DIR/../.." && pwd)
RUN_IN_SIM=$SRC_ROOT/test/daxsim/run-in-sim
TOPO=${TOPO:-$SRC_ROOT/test/daxsim/topologies/hmem.json}
PEER=${PEER:-/usr/bin/daxctl}
if [ -z "${DAXCTL:-}" ]; then
	for c in "$SRC_ROOT/build/daxctl/daxctl" "$PWD/daxctl/daxctl"; do
		[ -x "$c" ] && DAXCTL=$c && break
	done
fi
[ -n "${DAXCTL:-}" ] && [ -x "$DAXCTL" ] || { echo "no daxctl binary (set DAXCTL)"; exit 1; }
DAXCTL=$(readlink -f "$DAXCTL")
if [ -z "${DAXSIM:-}" ] && [ -x "$(dirname "$DAXCTL")/../test/daxsim/daxsim" ]; then
	DAXSIM=$(readlink -f "$(dirname "$DAXCTL")/../test/daxsim/daxsim")
fi
export DAXCTL PEER DAXSIM TOPO
# keep library error logs on stderr only (default level)
unset DAXCTL_LOG
# meson test points LD_LIBRARY_PATH at our libdaxctl.so.1; the peer has the
# same soname and would load it, and the peer is Debian's daxctl on Debian's
# library (test/compat runs it on ours).  Ours and the test programs find
# their library through their build rpath.
unset LD_LIBRARY_PATH

WORK=$(mktemp -d "${TMPDIR:-/tmp}/provision.XXXXXX")
chmod 755 "$WORK"
export WORK
trap 'rm -rf "$WORK"' EXIT

. "$SRC_ROOT/test/lib/tap.sh"

# expect NAME WANT GOT: compare two strings
expect() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "want: $(printf %s "$2" | head -c 2000)" "got:  $(printf %s "$3" | head -c 2000)"
	fi
}

# expect_file NAME WANT_FILE GOT_FILE
expect_file() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$(diff -u "$2" "$3" | head -40)"
	fi
}

# expect_grep NAME PATTERN FILE
expect_grep() {
	if grep -q -e "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "no line matching '$2' in:" "$(head -20 "$3")"
	fi
}

# sim [run-in-sim options] -- SCRIPT: run a bash script text in a fresh
# simulator of $TOPO; stdout/stderr go to the caller.
sim() {
	local opts=()
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		opts+=("$1")
		shift
	done
	shift
	"$RUN_IN_SIM" "${opts[@]}" "$TOPO" -- bash -c "$SIM_PRELUDE
$1"
}

SIM_PRELUDE=". \"$PROV_DIR/prelude.sh\""
export PROV_DIR

# A state after the usual preparation: dax0.0 shrunk to 0 and disabled.
# Used as the prelude of most scenarios.
PREP_EMPTY='
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 0 dax0.0 >/dev/null 2>&1
'

# tally: the results of a sim run on stdin, as TAP. Inside the simulator
# prelude.sh's checks and the scenarios print "ok NAME" or "FAIL NAME: why"
# with indented excerpts, since several runs make one harness's numbering.
tally() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) not_ok "${line#FAIL }" ;;
		"     "*) echo "#$line" ;;
		*) [ -n "${VERBOSE:-}" ] && echo "# | $line" ;;
		esac
	done
	return 0
}

summary() {
	tap_plan
	echo "# $(basename "$0")"
	tap_tally
	tap_status
}

require_sim() {
	if ! "$RUN_IN_SIM" "$TOPO" -- true >/dev/null 2>&1; then
		local rc=$?
		echo "simulator unavailable (run-in-sim exit $rc): skipping"
		exit 77
	fi
}
