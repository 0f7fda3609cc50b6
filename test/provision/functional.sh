#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Functional tests of the device commands on the simulator: every option,
# every error message, exit status and JSON.
. "$(dirname "$0")/lib.sh"
require_sim

# ---- usage errors, parsing, unknown names --------------------------------
sim -- '
t usage-reconfig 129 D reconfigure-device
err usage-reconfig-msg "specify a device to reconfigure, or \"all\""
t usage-online 129 D online-memory
err usage-online-msg "specify a device to online memory for, or"
t usage-offline 129 D offline-memory
err usage-offline-msg "specify a device to offline memory for, or"
t usage-enable 129 D enable-device
err usage-enable-msg "specify a device to enable, or"
t usage-disable 129 D disable-device
err usage-disable-msg "specify a device to disable, or"
t usage-destroy 129 D destroy-device
err usage-destroy-msg "specify a device to destroy, or"
t create-extra-param 129 D create-device dax0.0
err create-extra-param-msg "unknown extra parameter \"dax0.0\""
t reconfig-no-change 129 D reconfigure-device dax0.0
err reconfig-no-change-msg "a .align., .mode. or .size. option is required"
t no-online-devdax 129 D reconfigure-device -N -m devdax dax0.0
err no-online-devdax-msg "no-online is incompatible with --mode=devdax"
t check-config-conflict 129 D reconfigure-device -C -m devdax dax0.0
err check-config-conflict-msg "cannot be used with --mode"
t check-config-noop 0 D reconfigure-device -C dax0.0
t check-config-all 0 D reconfigure-device -C all
t bad-option 129 D create-device --bogus
t help 129 D create-device -h
t input-missing 129 D create-device --input /nonexistent.json
err input-missing-msg "failed to parse device file: Invalid argument"
t count-negative 129 D create-device --count=-2
t unknown-mode 234 D reconfigure-device -m bogus dax0.0
err unknown-mode-msg "dax0.0: unknown mode requested"
t unknown-device 250 D reconfigure-device -m devdax dax7.3
reason unknown-device-msg "no such device: dax7.3"
t unknown-device-enable 250 D enable-device 9.9
err unknown-device-enable-msg "no such device: 9.9"
t unknown-region 250 D reconfigure-device -r 5 -m devdax all
reason unknown-region-msg "no such region: 5"
t unknown-region-create 250 D create-device -r region9
reason unknown-region-create-msg "no such region: region9"
t dev-path-arg 0 D reconfigure-device -m devdax /dev/dax0.0
err dev-path-arg-msg "dax0.0 was already in devdax mode"
t dev-pair-arg 0 D reconfigure-device -m devdax 0.0
jqt dev-pair-arg-json ".[0].chardev" "\"dax0.0\""
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- malformed sizes: one line, EINVAL, nothing written -------------------
sim -- "$PREP_EMPTY"'
before=$(state)
for s in abc -1 1Q 1GB "" 0x 1.5G " 1G" 1G2 99999999999999999999 20000000T 0x1p3; do
	t "bad-size-create[$s]" 234 D create-device -s "$s"
	lines "bad-size-create-oneline[$s]" 1
	err "bad-size-create-msg[$s]" "invalid size"
	t "bad-size-reconfig[$s]" 234 D reconfigure-device -s "$s" dax0.0
	t "bad-align-reconfig[$s]" 234 D reconfigure-device -a "$s" dax0.0
done
is bad-sizes-wrote-nothing "$before" "$(state)"
for s in 256m 256M 0x10000000 268435456 262144k 262144K 02000000000; do
	t "good-size[$s]" 0 D create-device -s "$s"
	jqt "good-size-json[$s]" ".[0].size" 268435456
	D destroy-device -f "$(jq -r ".[0].chardev" "$T.out")" >/dev/null 2>&1
done
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- create-device -------------------------------------------------------
sim -- '
t create-nospace 228 D create-device
reason create-nospace-msg "no capacity available"
'"$PREP_EMPTY"'
t create-misaligned 250 D create-device -s 101M
reason create-misaligned-msg "is not a multiple of the alignment"
t create-too-big 250 D create-device -s 2G
reason create-too-big-msg "is larger than available"
t create-bad-align 250 D create-device -s 256M -a 3M
reason create-bad-align-msg "alignment 3145728 not supported"
is create-failures-left-no-device "[\"dax0.0\"]" "$(D list -i | jq -c "[.[].chardev]")"
t create-256M 0 D create-device -s 256M
jqt create-256M-json "." "[{\"chardev\":\"dax0.1\",\"size\":268435456,\"target_node\":1,\"align\":2097152,\"mode\":\"devdax\"}]"
err create-256M-summary "^created 1 device$"
t create-4K 0 D create-device -s 256M -a 4K
jqt create-4K-json ".[0].align" 4096
t create-human 0 D create-device -u -s 128M -r 0
jqt create-human-json ".size" "\"128.00 MiB (134.22 MB)\""
t create-rest 0 D create-device
jqt create-rest-json ".[0].size" 402653184
t create-full 228 D create-device
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

sim -- "$PREP_EMPTY"'
t count-3 0 D create-device --count 3
jqt count-3-json "[.[].size]" "[356515840,356515840,356515840]"
err count-3-summary "^created 3 devices$"
t count-too-many 228 D create-device --count 2 -s 128M
reason count-too-many-msg "do not fit"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

sim -- "$PREP_EMPTY"'
t count-sized 0 D create-device --count 4 -s 128M
jqt count-sized-json "[.[].chardev]" "[\"dax0.1\",\"dax0.2\",\"dax0.3\",\"dax0.4\"]"
t count-align-too-big 228 D create-device --count 3 -a 1G
reason count-align-too-big-msg "3 devices of at least 1073741824 bytes do not fit in the 536870912 bytes available"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# --input: recreate a device with the exact (discontiguous) ranges
sim -- "$PREP_EMPTY"'
D create-device --count 4 >/dev/null 2>&1
D destroy-device -f dax0.2 >/dev/null 2>&1
D disable-device dax0.4 >/dev/null 2>&1
D reconfigure-device -s 512M dax0.4 >/dev/null 2>&1
D enable-device dax0.4 >/dev/null 2>&1
D list -M -d dax0.4 | jq ".[0]" > $WORK/dev.json
is input-discontiguous "2" "$(jq ".mappings | length" $WORK/dev.json)"
D destroy-device -f dax0.4 >/dev/null 2>&1
t input-create 0 D create-device --input $WORK/dev.json
jqt input-same-mappings ".[0].size" 536870912
D list -M -d "$(jq -r ".[0].chardev" $T.out)" | jq ".[0].mappings" > $WORK/got.json
is input-same-ranges "$(jq -c ".mappings" $WORK/dev.json)" "$(jq -c . $WORK/got.json)"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- reconfigure-device: resize ------------------------------------------
sim -- '
t resize-enabled 250 D reconfigure-device -s 512M dax0.0
reason resize-enabled-msg "device busy"
D disable-device dax0.0 >/dev/null 2>&1
t resize-512M 0 D reconfigure-device -s 512M dax0.0
is resize-512M-nojson "" "$(cat $T.out)"
err resize-512M-summary "^reconfigured 1 device$"
is resize-512M-size 536870912 "$(D list -i | jq ".[0].size")"
t resize-misaligned 250 D reconfigure-device -s 513M dax0.0
reason resize-misaligned-msg "not a multiple of the alignment"
t resize-too-big 250 D reconfigure-device -s 2G dax0.0
reason resize-too-big-msg "larger than available: 1073741824"
t align-only 0 D reconfigure-device -a 4K dax0.0
is align-only-set 4096 "$(D list -i | jq ".[0].align")"
t align-bad 250 D reconfigure-device -a 8K dax0.0
reason align-bad-msg "alignment 8192 not supported"
t align-and-size 0 D reconfigure-device -a 2M -s 256M dax0.0
is align-and-size-set "[2097152,268435456]" "$(D list -i | jq -c "[.[0].align,.[0].size]")"
t resize-ignores-mode 0 D reconfigure-device -s 128M -m system-ram dax0.0
is resize-ignores-mode-state disabled "$(D list -i | jq -r ".[0].state")"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- reconfigure-device: modes -------------------------------------------
sim -- "$PREP_EMPTY"'
D create-device -s 256M >/dev/null 2>&1
D create-device -s 256M >/dev/null 2>&1
t to-ram 0 D reconfigure-device -m system-ram dax0.1
jqt to-ram-json "." "[{\"chardev\":\"dax0.1\",\"size\":268435456,\"target_node\":1,\"align\":2097152,\"mode\":\"system-ram\",\"online_memblocks\":2,\"total_memblocks\":2,\"movable\":true}]"
t to-ram-again 0 D reconfigure-device -m system-ram dax0.1
err to-ram-again-msg "dax0.1 was already in system-ram mode"
err to-ram-again-all-online "all memory sections (2) already online"
jqt to-ram-again-json ".[0].mode" "\"system-ram\""
t to-devdax-busy 240 D reconfigure-device -m devdax dax0.1
reason to-devdax-busy-msg "online, refusing to change modes"
t to-devdax-force 0 D reconfigure-device -f -m devdax dax0.1
jqt to-devdax-force-json ".[0].mode" "\"devdax\""
t to-devdax-again 0 D reconfigure-device -m devdax dax0.1
err to-devdax-again-msg "dax0.1 was already in devdax mode"
t to-ram-normal 0 D reconfigure-device -m system-ram --no-movable dax0.1
jqt to-ram-normal-json ".[0].movable" "false"
t to-devdax-normal 0 D reconfigure-device -f -m devdax dax0.1
t to-ram-no-online 0 D reconfigure-device -m system-ram -N dax0.1
jqt to-ram-no-online-json ".[0] | [.online_memblocks, .total_memblocks, has(\"movable\")]" "[0,2,false]"
t movable-undoes 0 D online-memory --no-movable --movable dax0.1
is movable-undoes-state true "$(D list -d dax0.1 | jq ".[0].movable")"
D offline-memory dax0.1 >/dev/null 2>&1
D reconfigure-device -m devdax dax0.1 >/dev/null 2>&1
t multi-dev 0 D reconfigure-device -m system-ram dax0.1 dax0.2
jqt multi-dev-json "[.[].chardev]" "[\"dax0.2\",\"dax0.1\"]"
err multi-dev-summary "^reconfigured 2 devices$"
t multi-back 0 D reconfigure-device -f -m devdax dax0.1 dax0.2 dax0.1
jqt multi-back-json "[.[].mode]" "[\"devdax\",\"devdax\"]"
t all-to-ram 250 D reconfigure-device -m system-ram all
jqt all-to-ram-json "[.[].chardev]" "[\"dax0.2\",\"dax0.1\"]"
err all-to-ram-dax0.0 "dax0.0: restored to disabled mode"
err all-to-ram-summary "^reconfigured 2 devices$"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# auto-online policy
sim -- "$PREP_EMPTY"'
D create-device -s 256M >/dev/null 2>&1
echo online > /sys/devices/system/memory/auto_online_blocks
t policy-abort 240 D reconfigure-device -m system-ram dax0.1
reason policy-abort-msg "dax0.1: error: kernel policy will auto-online memory, aborting"
is policy-abort-state devdax "$(D list -d dax0.1 | jq -r ".[0].mode")"
t policy-no-online-abort 240 D reconfigure-device -N -m system-ram dax0.1
t policy-force 0 D reconfigure-device -f -m system-ram dax0.1
jqt policy-force-json ".[0].online_memblocks" 2
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- online-memory / offline-memory / enable / disable ---------------------
sim -- "$PREP_EMPTY"'
D create-device -s 256M >/dev/null 2>&1
t online-devdax 250 D online-memory dax0.1
reason online-devdax-msg "dax0.1: memory operations are not applicable in devdax mode"
t offline-devdax 250 D offline-memory dax0.1
D reconfigure-device -m system-ram dax0.1 >/dev/null 2>&1
t offline 0 D offline-memory dax0.1
err offline-summary "^offlined memory for 1 device$"
t offline-again 1 D offline-memory dax0.1
err offline-again-msg "all memory sections (2) already offline"
t offline-verbose-online 0 D online-memory -v dax0.1
err online-verbose-count "dax0.1: 2 memory sections onlined"
t online-again 1 D online-memory dax0.1
err online-again-msg "all memory sections (2) already online"
err online-again-race-warning "WARNING: detected a race while onlining memory"
t offline-verbose 0 D offline-memory -v dax0.1
err offline-verbose-count "dax0.1: 2 memory sections offlined"
t online-normal 0 D online-memory --no-movable dax0.1
is online-normal-zone false "$(D list -d dax0.1 | jq ".[0].movable")"
t enable-ram 250 D enable-device dax0.1
reason enable-ram-msg "status operations are only applicable in devdax mode"
t disable-ram 250 D disable-device dax0.1
t disable 0 D disable-device dax0.0
t disable-again 0 D disable-device dax0.0
t enable-size0 250 D enable-device dax0.0
reason enable-size0-msg "dax0.0: enable failed"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# memory that cannot be offlined (unmovable pages: the kernel says EBUSY)
sim -- "$PREP_EMPTY"'
D create-device -s 512M >/dev/null 2>&1
D reconfigure-device -m system-ram dax0.1 >/dev/null 2>&1
before=$(state)
echo "/sys/devices/system/memory/memory33/state:1:EBUSY" > $DAXSIM_CTL/fail
t offline-busy 240 D offline-memory dax0.1
reason offline-busy-msg "^dax0.1: failed to offline memory33 (zone Movable, valid_zones Movable, removable 1): Device or resource busy$"
is offline-busy-all-back-online "$before" "$(state)"
echo "/sys/devices/system/memory/memory34/state:1:EBUSY" > $DAXSIM_CTL/fail
t to-devdax-busy-block 240 D reconfigure-device -f -m devdax dax0.1
err to-devdax-busy-block-msg "^dax0.1: failed to offline memory34 (zone Movable"
is to-devdax-busy-block-restored "$before" "$(state)"
echo clear > $DAXSIM_CTL/fail
D offline-memory dax0.1 >/dev/null 2>&1
before=$(state)
echo "/sys/devices/system/memory/memory34/state:1:EBUSY" > $DAXSIM_CTL/fail
t online-busy 240 D online-memory dax0.1
reason online-busy-msg "^dax0.1: failed to online memory34: Device or resource busy$"
is online-busy-all-back-offline "$before" "$(state)"
echo clear > $DAXSIM_CTL/fail
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- destroy-device ---------------------------------------------------------
sim -- "$PREP_EMPTY"'
D create-device -s 256M >/dev/null 2>&1
D create-device -s 256M >/dev/null 2>&1
t destroy-active 250 D destroy-device dax0.1
reason destroy-active-msg "dax0.1 is active, specify --force for deletion"
t destroy-force 0 D destroy-device -f dax0.1
err destroy-force-summary "^destroyed 1 device$"
is destroy-force-gone "[\"dax0.2\",\"dax0.0\"]" "$(D list -i | jq -c "[.[].chardev]")"
t destroy-dax0.0 0 D destroy-device dax0.0
is destroy-dax0.0-kept 0 "$(D list -i -d dax0.0 | jq ".[0].size")"
D reconfigure-device -m system-ram dax0.2 >/dev/null 2>&1
t destroy-online-ram 240 D destroy-device -f dax0.2
reason destroy-online-ram-msg "memory is online, offline it first"
is destroy-online-ram-state 2 "$(D list -d dax0.2 | jq ".[0].online_memblocks")"
D offline-memory dax0.2 >/dev/null 2>&1
t destroy-offline-ram 0 D destroy-device -f dax0.2
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- a device the series kernel holds ---------------------------------------
# kmem unbound (not by us: we refuse) while a block was online: v6 keeps the
# capacity allocated to dax0.1 until the next boot. Each command says so
# in one line, and changes nothing.
sim --profile series -- '
S=/sys/bus/dax; M=/sys/devices/system/memory
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 0 dax0.0 >/dev/null 2>&1
echo 1 > /sys/devices/platform/hmem.0/dax_region/create
echo 0x100000000-0x107ffffff > $S/devices/dax0.1/mapping
echo dax0.1 > $S/drivers/kmem/new_id
echo online > $M/memory32/state
echo dax0.1 > $S/drivers/kmem/unbind
echo dax0.1 > $S/drivers/kmem/remove_id
before=$(state)
HELD="dax0.1: held by the kernel until the next boot"
t held-destroy 250 D destroy-device dax0.1
reason held-destroy-msg "$HELD"
t held-resize 250 D reconfigure-device -s 256M dax0.1
reason held-resize-msg "$HELD"
noerr held-resize-no-busy-msg "disable it first"
t held-devdax 237 D reconfigure-device -m devdax dax0.1
reason held-devdax-msg "$HELD"
noerr held-devdax-no-raw-msg "enable failed"
t held-ram 237 D reconfigure-device -m system-ram dax0.1
err held-ram-msg "$HELD"
is held-changed-nothing "$before" "$(state)"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# ---- not root ---------------------------------------------------------------
if command -v setpriv >/dev/null; then
	sim -- '
	nobody() { "$PROV_DIR/../as-nobody" "$@"; }
	before=$(state)
	for c in "create-device" "destroy-device -f dax0.0" "reconfigure-device -s 0 dax0.0" \
		 "reconfigure-device -m system-ram dax0.0" "enable-device dax0.0" "disable-device dax0.0" \
		 "online-memory dax0.0" "offline-memory dax0.0"; do
		t "not-root[$c]" 243 nobody "$DAXCTL" $c
		err "not-root-msg[$c]" "must be run as root"
	done
	is not-root-changed-nothing "$before" "$(state)"
	' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"
fi

summary
