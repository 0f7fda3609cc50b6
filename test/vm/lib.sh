# Shared helpers of the guest suites in test/vm/ (sourced by bash).
#
# TAP-style results: every check prints "ok N - what" or "not ok N - what";
# finish prints "N passed, N failed" and returns non-zero if anything failed.

S=${SYSFS:-/sys}
DAXBUS=$S/bus/dax
MEM=$S/devices/system/memory
NODES=$S/devices/system/node

n_ok=0
n_fail=0
n_test=0

pass() { n_test=$((n_test + 1)); n_ok=$((n_ok + 1)); echo "ok $n_test - $*"; }
fail() { n_test=$((n_test + 1)); n_fail=$((n_fail + 1)); echo "not ok $n_test - $*"; }

# check DESC CMD...: pass if CMD succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc"; fi
}

# dx ARGS...: run $DAXCTL; stdout in $OUT, stderr in $ERR, status in $RC.
# Echoes the command and, on failure, its stderr, so a log tells what happened.
dx() {
	local o e
	o=$(mktemp) e=$(mktemp)
	"$DAXCTL" "$@" >"$o" 2>"$e"
	RC=$?
	OUT=$(cat "$o") ERR=$(cat "$e")
	rm -f "$o" "$e"
	echo "# daxctl $* -> $RC${ERR:+ [stderr: $(printf '%s' "$ERR" | tr '\n' '|')]}"
}

# expect_rc N DESC: the last dx returned N.
expect_rc() {
	if [ "$RC" = "$1" ]; then pass "$2 (exit $RC)"; else fail "$2 (exit $RC, want $1)"; fi
}

# rc_in N...: the last dx returned one of N...
rc_in() {
	local n
	for n in "$@"; do [ "$RC" = "$n" ] && return 0; done
	return 1
}

# jqt DESC FILTER: the last dx's stdout satisfies the jq boolean FILTER.
jqt() {
	local desc=$1 filter=$2
	if printf '%s' "$OUT" | jq -e "$filter" >/dev/null 2>&1; then
		pass "$desc"
	else
		fail "$desc"
		echo "#   jq: $filter"
		printf '%s\n' "$OUT" | sed 's/^/#   out: /' | head -n 40
	fi
}

# eq DESC GOT WANT
eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1 (got '$2', want '$3')"; fi
}

# Values from sysfs and procfs, independent of daxctl.
memtotal_kb() { awk '/^MemTotal:/ { print $2 }' /proc/meminfo; }
node_memtotal_kb() { awk '/MemTotal:/ { print $4 }' "$NODES/node$1/meminfo" 2>/dev/null || echo 0; }
dev_attr() { cat "$DAXBUS/devices/$1/$2"; }
dev_driver() { local l; l=$(readlink "$DAXBUS/devices/$1/driver" 2>/dev/null) && basename "$l" || echo none; }
region_dir() { echo "$S/devices/platform/hmem.$1/dax_region"; }
region_avail() { cat "$(region_dir "$1")/available_size"; }
# The device's ranges from sysfs as "start-end" lines (decimal), in mappingN order.
sysfs_ranges() {
	local d=$DAXBUS/devices/$1 i=0
	while [ -d "$d/mapping$i" ]; do
		echo "$(($(cat "$d/mapping$i/start")))-$(($(cat "$d/mapping$i/end")))"
		i=$((i + 1))
	done
}
# The same from the last dx's list -M output, sorted by page_offset.
json_ranges() {
	printf '%s' "$OUT" | jq -r --arg d "$1" \
		'.[] | (if has("devices") then .devices[] else . end) | select(.chardev == $d) |
		 .mappings | sort_by(.page_offset) | .[] | "\(.start)-\(.end)"'
}

finish() {
	echo "$n_ok passed, $n_fail failed"
	[ "$n_fail" -eq 0 ]
}
