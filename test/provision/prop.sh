#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Property test (prop.py): random command sequences against a model of the
# region, in a fresh simulator.  A fixed seed in CI (PROP_SEED, default
# 14), so a failure repeats; run with PROP_SEED= (empty) for a random one,
# PROP_RUNS and PROP_STEPS for longer.
. "$(dirname "$0")/lib.sh"
require_sim
command -v python3 >/dev/null || { echo "python3 missing: skipping"; exit 77; }

export PROP_SEED=${PROP_SEED-14} PROP_RUNS=${PROP_RUNS:-2} PROP_STEPS=${PROP_STEPS:-40}
# under valgrind a command takes a second or two: one shorter run
case "${DAXCTL_WRAPPER:-}" in
*valgrind*) PROP_RUNS=1 PROP_STEPS=${PROP_VALGRIND_STEPS:-25} ;;
esac
"$RUN_IN_SIM" "$TOPO" -- python3 "$PROV_DIR/prop.py" >"$WORK/run.out" 2>&1
rc=$?
grep "^#" "$WORK/run.out"
tally <"$WORK/run.out"
[ "$rc" = 0 ] || grep -q "^FAIL" "$WORK/run.out" || not_ok "prop.py exit $rc" "$(tail -5 "$WORK/run.out")"
summary
