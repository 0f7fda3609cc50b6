# Shared helpers of the guest suites in test/vm/ (sourced by bash).
#
# TAP results through test/lib/tap.sh (scripts/vm/run copies test/lib into
# the guest beside test/vm); finish prints the plan and "N passed, N failed",
# the tally test/vm/machine.sh and scripts/vm/ci read, and returns non-zero
# if anything failed.

. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"

S=${SYSFS:-/sys}
DAXBUS=$S/bus/dax
MEM=$S/devices/system/memory
NODES=$S/devices/system/node

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
	if [ "$RC" = "$1" ]; then ok "$2 (exit $RC)"; else not_ok "$2 (exit $RC, want $1)"; fi
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
		ok "$desc"
	else
		not_ok "$desc"
		echo "#   jq: $filter"
		printf '%s\n' "$OUT" | sed 's/^/#   out: /' | head -n 40
	fi
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
	tap_plan
	tap_tally
	tap_status
}
