#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# apply-layout as one libdaxctl transaction over several regions: a dry
# run plans without writing (exit 0 "already as described", 1 "would
# change"), a layout file is checked completely before the first write, a
# failure in the second region puts the first one back too, and a rollback
# that itself fails names every device it leaves changed.
. "$(dirname "$0")/lib.sh"
TOPO=$SRC_ROOT/test/daxsim/topologies/two-nodes.json
require_sim

# both regions split in two devdax devices of 512 MiB
SPLIT='
for r in 0 1; do
	D disable-device -r $r all >/dev/null 2>&1
	D reconfigure-device -r $r -s 0 all >/dev/null 2>&1
	D create-device -r $r --count 2 >/dev/null 2>&1
done
'
# and back to one 1 GiB device per region
JOIN='
D destroy-device -f all >/dev/null 2>&1
D create-device -r 0 >/dev/null 2>&1
D create-device -r 1 >/dev/null 2>&1
'

sim -- "$SPLIT"'
D save-layout > $WORK/split.json
w0=$(cat $DAXSIM_CTL/writes)
t dry-same 0 D apply-layout --dry-run $WORK/split.json
err dry-same-msg "already as described"
is dry-same-no-output "" "$(cat $T.out)"
'"$JOIN"'
before=$(state)
w1=$(cat $DAXSIM_CTL/writes)
t dry-change 1 D apply-layout -n -f $WORK/split.json
err dry-change-msg "the layout would change"
is dry-change-no-writes "$w1" "$(cat $DAXSIM_CTL/writes)"
is dry-change-unchanged "$before" "$(state)"
grep -q "^dax1.2: create: devdax" $T.out && echo "ok dry-change-plan" || { echo "FAIL dry-change-plan"; sed "s/^/     /" $T.out; }
t dry-busy 240 D apply-layout -n $WORK/split.json
err dry-busy-msg "not idle"

# region 1 of the file is bad: nothing at all is written to region 0
jq ".regions[1].devices[1].mappings[0].end = null" $WORK/split.json > $WORK/bad1.json
w1=$(cat $DAXSIM_CTL/writes)
t bad-second-region 234 D apply-layout -f $WORK/bad1.json
err bad-second-region-msg "malformed layout"
is bad-second-region-no-writes "$w1" "$(cat $DAXSIM_CTL/writes)"
jq ".regions[1].devices[2].mappings = .regions[1].devices[1].mappings | .regions[1].devices[2].size = .regions[1].devices[1].size" $WORK/split.json > $WORK/overlap.json
t overlap 234 D apply-layout -f $WORK/overlap.json
err overlap-msg "to two devices"
is overlap-no-writes "$w1" "$(cat $DAXSIM_CTL/writes)"
jq ".regions += [.regions[0]]" $WORK/split.json > $WORK/twice.json
t region-twice 234 D apply-layout -f $WORK/twice.json
err region-twice-msg "a region listed twice"

# a failure in region 1 after region 0 changed: both put back
echo "/sys/bus/dax/devices/dax1.1/mapping:1:EIO" > $DAXSIM_CTL/fail
t second-fails 251 D apply-layout -f $WORK/split.json
err second-fails-restored "previous layout restored"
noerr second-fails-no-remainder "could not restore"
is second-fails-unchanged "$before" "$(state)"
echo clear > $DAXSIM_CTL/fail

t apply 0 D apply-layout -f $WORK/split.json
err apply-msg "applied layout to 2 regions"
t dry-after 0 D apply-layout -n $WORK/split.json
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# binding device_dax always fails: the rollback cannot re-enable the
# devices it emptied, and says so device by device
sim -- "$SPLIT"'
D save-layout > $WORK/split.json
'"$JOIN"'
for f in new_id bind; do
	echo "/sys/bus/dax/drivers/device_dax/$f:*:EIO" > $DAXSIM_CTL/fail
done
t remainder 251 D apply-layout -f $WORK/split.json
err remainder-device "^dax[01]\.[01]: could not restore the previous state (devdax, size 1073741824): left disabled, size"
err remainder-summary "the devices listed above remain changed"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# create-device --whole-blocks: no capacity stranded below a block boundary
TOPO=$SRC_ROOT/test/daxsim/topologies/hmem.json
sim -- "$PREP_EMPTY"'
bs=$(( 0x$(cat /sys/devices/system/memory/block_size_bytes) ))
t count-blocks 0 D create-device --count 3 --whole-blocks
jqt count-blocks-sizes "[.[].size] | map(. % $bs == 0) | all" "true"
jqt count-blocks-three "length" "3"
D destroy-device -f all >/dev/null 2>&1
before=$(state)
t size-not-blocks 234 D create-device -s 100M --whole-blocks
err size-not-blocks-msg "is not a whole number of"
is size-not-blocks-unchanged "$before" "$(state)"
t all-blocks 0 D create-device --whole-blocks
jqt all-blocks-size ".[0].size % $bs" "0"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"
TOPO=$SRC_ROOT/test/daxsim/topologies/two-nodes.json

# contrib/txn-example: two devices, all or none, through the library alone
if [ -n "${TXN_EXAMPLE:-}" ]; then
	export TXN_EXAMPLE
	sim -- "$SPLIT"'
D destroy-device -f -r 0 all >/dev/null 2>&1
before=$(state)
t example 0 $TXN_EXAMPLE 0 2 256
is example-made "[\"dax0.1\",\"dax0.2\"]" "$(D list | jq -c "[.[].chardev | select(startswith(\"dax0.\"))] | sort")"
D destroy-device -f -r 0 all >/dev/null 2>&1
is example-clean "$before" "$(state)"
echo "/sys/bus/dax/devices/dax0.2/size:1:ENOSPC" > $DAXSIM_CTL/fail
t example-rollback 1 $TXN_EXAMPLE 0 2 256
err example-rollback-msg "region restored"
is example-rollback-unchanged "$before" "$(state)"
echo clear > $DAXSIM_CTL/fail
echo "/sys/devices/platform/hmem.0/dax_region/delete:*:EIO" > $DAXSIM_CTL/fail
echo "/sys/bus/dax/devices/dax0.2/size:1:ENOSPC" > $DAXSIM_CTL/fail
t example-remainder 2 $TXN_EXAMPLE 0 2 256
err example-remainder-msg "^dax0.1: created by the failed change and left in place"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"
fi

summary
