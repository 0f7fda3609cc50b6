#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The library's memory block API (memblock-test.c) on the simulator, with
# the library pointed at it through DAXCTL_SYSFS_ROOT (run-in-sim
# --root-only): counts, zones, online/offline, all-or-nothing rollback
# under injected faults, blocks of a discontiguous device, auto-online
# policy.
. "$(dirname "$0")/lib.sh"
MEMBLOCK_TEST=${MEMBLOCK_TEST:-$(dirname "$DAXCTL")/../test/provision/memblock-test}
[ -x "$MEMBLOCK_TEST" ] || { echo "no memblock-test binary"; exit 1; }
export MEMBLOCK_TEST
require_sim

"$RUN_IN_SIM" --root-only "$TOPO" -- bash -c '
. "$PROV_DIR/prelude.sh"
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 0 dax0.0 >/dev/null 2>&1
D create-device --count 4 >/dev/null 2>&1
D destroy-device -f dax0.2 >/dev/null 2>&1
D disable-device dax0.4 >/dev/null 2>&1
D reconfigure-device -s 512M dax0.4 >/dev/null 2>&1
D reconfigure-device -N -m system-ram dax0.4 >/dev/null 2>&1
D reconfigure-device -N -m system-ram dax0.1 >/dev/null 2>&1
"$MEMBLOCK_TEST"
' > "$WORK/tap" 2>&1
rc=$?
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	*) [ -n "${VERBOSE:-}" ] && echo "  | $line" ;;
	esac
done < "$WORK/tap"
[ "$rc" -eq 0 ] || [ "$tap_failed" -gt 0 ] || not_ok "memblock-test exit $rc" "$(tail -5 "$WORK/tap")"
summary
