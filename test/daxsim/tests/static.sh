#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The static-region profile of the simulator (topologies/pmem.json: the VM
# lane's NVDIMM machine, a devdax namespace under the nvdimm bus) with the
# cases the VM runs there: the ABI (test/abi/conformance-static.sh), the
# functional flow (test/vm/functional-static.sh: list, system-ram and back,
# create-device refused) with the peer and with ours ($DAXCTL), and the two
# tools' list output byte for byte. Each part in a fresh simulator.
set -u
. "$(dirname "$0")/lib.sh"

PEER=${PEER_DAXCTL:-/usr/bin/daxctl}
# meson test points LD_LIBRARY_PATH at our libdaxctl.so.1, which would
# then stand in for the peer's; our build-tree daxctl finds ours by RUNPATH.
unset LD_LIBRARY_PATH
need_root
repo=$(cd "$daxsim_dir/../.." && pwd)
topo=$topo_dir/pmem.json

# part NAME CMD...: run CMD in a fresh simulator; one case per its tally
part() {
	local name=$1 log rc tally
	shift
	log=$(mktemp)
	"$run_in_sim" "$topo" -- "$@" >"$log" 2>&1
	rc=$?
	tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ "$rc" = 0 ] && [ -n "$tally" ] && [ "${tally#* passed, }" = "0 failed" ]; then
		ok "$name: $tally"
	else
		not_ok "$name: exit $rc, ${tally:-no tally}"
		grep -E '^not ok|^Bail' "$log" | head -n 20 | sed 's/^/#   /'
	fi
	rm -f "$log"
}

part "conformance-static" sh "$repo/test/abi/conformance-static.sh"
if [ -x "$PEER" ] && command -v jq >/dev/null; then
	part "functional-static, the peer" bash "$repo/test/vm/functional-static.sh" "$PEER"
fi
if [ -n "${DAXCTL:-}" ] && [ -x "$DAXCTL" ] && command -v jq >/dev/null; then
	part "functional-static, ours" bash "$repo/test/vm/functional-static.sh" "$DAXCTL"
	e=$("$run_in_sim" "$topo" -- "$DAXCTL" create-device -r 0 -s 128M 2>&1 >/dev/null)
	check "create-device on a static region: our error says why" \
		grep -q "region0: a static region (its device is fixed by its namespace): no device can be created" <<<"$e"
	check "and writes nothing it could not write (no failed sysfs write logged)" \
		eval '! grep -q "write of" <<<"$e"'
	is "and says it once: one line besides the peer's summary lines" \
		"$(grep -vc "^error creating devices: \|^created [0-9]* devices*$" <<<"$e")" 1
	if [ -x "$PEER" ]; then
		for args in "list" "list -R" "list -RDM" "list -RDMu" "list -i" "list -r 0 -D" \
			"create-device -r 0 -s 128M" "reconfigure-device -m system-ram dax0.0"; do
			# shellcheck disable=SC2086
			p=$("$run_in_sim" "$topo" -- sh -c '"$1" "${@:2}"; echo "exit $?"' sh "$PEER" $args 2>/dev/null)
			# shellcheck disable=SC2086
			o=$("$run_in_sim" "$topo" -- sh -c '"$1" "${@:2}"; echo "exit $?"' sh "$DAXCTL" $args 2>/dev/null)
			is "daxctl $args: the peer's and our stdout and exit status" "$o" "$p"
		done
	fi
fi
finish
