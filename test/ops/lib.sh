# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the test/ops scripts.  Environment (test/ops/meson.build):
#   DAXCTL     the daxctl under test        DAXSIM     the simulator
#   SRCDIR     the source tree              BUILDDIR   the build tree
# Output: TAP from test/lib/tap.sh ("ok N - NAME", "not ok N - NAME" with
# "#   " notes), the plan last; ops_done exits 1 if any check failed, 77 skips.

: "${SRCDIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${BUILDDIR:=$SRCDIR/build}"
: "${DAXCTL:=$BUILDDIR/daxctl/daxctl}"
: "${DAXSIM:=$BUILDDIR/test/daxsim/daxsim}"
RUN_IN_SIM=$SRCDIR/test/daxsim/run-in-sim
TOPOLOGIES=$SRCDIR/test/daxsim/topologies
export SRCDIR BUILDDIR DAXCTL DAXSIM

# D ...: daxctl under test, through the valgrind setup's wrapper if any
# (test/meson.build); other invocations (script(1), the unit's command
# line, completion) run it plainly.
D() { $DAXCTL_WRAPPER "$DAXCTL" "$@"; }

. "$SRCDIR/test/lib/tap.sh"

# expect NAME WANT_RC CMD...: run CMD (stdout $T.out, stderr $T.err)
ops_tmp=$(mktemp -d "${TMPDIR:-/tmp}/ops.XXXXXX")
T=$ops_tmp/t
expect() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$T.out" 2>"$T.err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "exit $rc, want $want"
		sed 's/^/#     /' "$T.err" | head -8
	fi
}
# stderr_has NAME PATTERN / stdout_has NAME PATTERN (grep -E)
stderr_has() {
	if grep -qE -e "$2" "$T.err"; then ok "$1"; else
		not_ok "$1" "stderr lacks /$2/"
		sed 's/^/#     /' "$T.err" | head -8
	fi
}
stdout_has() {
	if grep -qE -e "$2" "$T.out"; then ok "$1"; else
		not_ok "$1" "stdout lacks /$2/"
		sed 's/^/#     /' "$T.out" | head -8
	fi
}
ops_done() {
	rm -rf "$ops_tmp"
	tap_plan
	tap_status
	exit
}

need_sim() {
	if [ "$(id -u)" != 0 ] || [ ! -c /dev/fuse ]; then
		echo "SKIP: the simulator needs root and /dev/fuse"
		exit 77
	fi
	[ -x "$DAXSIM" ] || { echo "SKIP: no simulator at $DAXSIM"; exit 77; }
}

# in_sim TOPOLOGY: re-run the calling script inside the simulator
# (private /sys and /dev); returns only inside.
in_sim() {
	if [ -z "${OPS_IN_SIM:-}" ]; then
		need_sim
		rm -rf "$ops_tmp"
		OPS_IN_SIM=1 exec bash "$RUN_IN_SIM" --daxsim "$DAXSIM" \
			"$TOPOLOGIES/$1" -- bash "$0" "${@:2}"
	fi
}

# dev_field DEV KEY: the value of KEY in "daxctl list -d DEV" ("" if absent)
dev_field() {
	"$DAXCTL" list -i -d "$1" 2>/dev/null |
		jq -r ".[0] | if has(\"$2\") then .$2 else \"\" end"
}
