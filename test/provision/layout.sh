#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# save-layout / apply-layout: a layout with discontiguous devices, a
# system-ram device and a disabled one is saved, the region is rebuilt
# differently, and apply-layout must reproduce `daxctl list -M` byte for
# byte (with ours and with the peer's list), the same online memory
# blocks, idempotently (no write at all the second time), and refuse a
# busy region without --force.
. "$(dirname "$0")/lib.sh"
require_sim

# dax0.1 system-ram (Normal zone), dax0.3 disabled, dax0.4 with two ranges
BUILD='
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 0 dax0.0 >/dev/null 2>&1
D create-device --count 4 >/dev/null 2>&1
D destroy-device -f dax0.2 >/dev/null 2>&1
D disable-device dax0.4 >/dev/null 2>&1
D reconfigure-device -s 512M dax0.4 >/dev/null 2>&1
D enable-device dax0.4 >/dev/null 2>&1
D disable-device dax0.3 >/dev/null 2>&1
D reconfigure-device -m system-ram --no-movable dax0.1 >/dev/null 2>&1
echo offline > /sys/devices/system/memory/memory33/state
'
# a different layout over the same region
SCRAMBLE='
D offline-memory dax0.1 >/dev/null 2>&1
D reconfigure-device -m devdax dax0.1 >/dev/null 2>&1
D destroy-device -f all >/dev/null 2>&1
D create-device -s 512M >/dev/null 2>&1
D create-device -s 256M -a 4K >/dev/null 2>&1
D reconfigure-device -m system-ram dax0.2 >/dev/null 2>&1
'

sim -- "$BUILD"'
is build-discontiguous 2 "$(D list -M -d dax0.4 | jq ".[0].mappings | length")"
D list -M > $WORK/m1
P list -M > $WORK/p1 2>/dev/null
state > $WORK/s1
t save 0 D save-layout -r 0
cp $T.out $WORK/layout.json
jqt save-json "[.version, (.regions[0].devices | map(.chardev))]" "[1,[\"dax0.0\",\"dax0.1\",\"dax0.3\",\"dax0.4\"]]"
jqt save-online ".regions[0].devices[1].online_memblocks" "[{\"first\":32,\"last\":32,\"movable\":false}]"
t save-file 0 D save-layout -o $WORK/layout2.json
is save-file-same "$(cat $WORK/layout.json)" "$(cat $WORK/layout2.json)"
t save-unknown-region 250 D save-layout -r 4
'"$SCRAMBLE"'
is scrambled "[\"dax0.2\",\"dax0.1\"]" "$(D list | jq -c "[.[].chardev]")"
before=$(state)
t apply-busy 240 D apply-layout $WORK/layout.json
err apply-busy-msg "not idle: dax0..* is enabled"
is apply-busy-unchanged "$before" "$(state)"
t apply 0 D apply-layout -f $WORK/layout.json
D list -M > $WORK/m2
P list -M > $WORK/p2 2>/dev/null
state > $WORK/s2
is round-trip-list-M "$(cat $WORK/m1)" "$(cat $WORK/m2)"
is round-trip-peer-list-M "$(cat $WORK/p1)" "$(cat $WORK/p2)"
is round-trip-state "$(cat $WORK/s1)" "$(cat $WORK/s2)"
w1=$(cat $DAXSIM_CTL/writes)
t apply-again 0 D apply-layout $WORK/layout.json
err apply-again-msg "(0 changes)"
w2=$(cat $DAXSIM_CTL/writes)
is apply-again-no-writes "$w1" "$w2"
is apply-again-same "$(cat $WORK/s1)" "$(state)"
t apply-region-filter 0 D apply-layout -r 0 $WORK/layout.json
t apply-missing-file 234 D apply-layout $WORK/nonexistent.json
t apply-no-file 129 D apply-layout
jq ".regions[0].size = 1" $WORK/layout.json > $WORK/bad-size.json
t apply-wrong-size 234 D apply-layout $WORK/bad-size.json
err apply-wrong-size-msg "differs from the layout"
jq "del(.regions[0].devices[1].mappings)" $WORK/layout.json > $WORK/bad.json
t apply-malformed 234 D apply-layout $WORK/bad.json
err apply-malformed-msg "malformed layout"
jq ".regions[0].id = 3 | .regions[0].devices[].chardev |= sub(\"dax0\"; \"dax3\")" $WORK/layout.json > $WORK/bad-region.json
t apply-unknown-region 250 D apply-layout $WORK/bad-region.json
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# rebuilding from an idle region (every device destroyed)
sim -- "$BUILD"'
D save-layout > $WORK/l.json
D list -M > $WORK/m1
D offline-memory dax0.1 >/dev/null 2>&1
D reconfigure-device -m devdax dax0.1 >/dev/null 2>&1
D destroy-device -f all >/dev/null 2>&1
t apply-from-idle 0 D apply-layout $WORK/l.json
is apply-from-idle-list-M "$(cat $WORK/m1)" "$(D list -M)"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

summary
