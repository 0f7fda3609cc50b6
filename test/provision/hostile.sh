#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Hostile input to whole commands on the simulator: JSON files for
# create-device --input and apply-layout, and option values, that once
# crashed daxctl, overflowed, or made it work in proportion to a number.
# Each case wants a refusal in one line naming the problem (or a rollback
# with its report), no sanitizer or valgrind report, and the region as it
# was before.
. "$(dirname "$0")/lib.sh"
require_sim

# dax0.0 empty and idle, dax0.1 a 256 MiB devdax device, 768 MiB free
SETUP='
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 0 dax0.0 >/dev/null 2>&1
D create-device -s 256M >/dev/null 2>&1
D save-layout > $WORK/base.json
# san NAME: the last t left no sanitizer or valgrind report
san() {
	if grep -Eq "^==[0-9]+==|Sanitizer|runtime error:" "$T.err"; then
		echo "FAIL $1: sanitizer or valgrind report"
		sed "s/^/     /" "$T.err" | head -12
	else
		echo "ok $1"
	fi
}
'

sim -- "$SETUP"'
before=$(state)
w0=$(cat $DAXSIM_CTL/writes)

# chardev null: json_object_get_string() is NULL
echo "{\"chardev\":null,\"size\":268435456,\"align\":2097152,\"mappings\":[]}" > $WORK/in-null.json
t input-chardev-null 129 D create-device --input $WORK/in-null.json
san input-chardev-null-clean
err input-chardev-null-msg "failed to parse device file"
echo "{\"chardev\":7,\"size\":268435456,\"align\":2097152,\"mappings\":[]}" > $WORK/in-int.json
t input-chardev-int 129 D create-device --input $WORK/in-int.json
san input-chardev-int-clean

# a device id whose "+ 1" overflowed, and one that took 100000 creates
jq ".regions[0].devices[1].chardev=\"dax0.2147483647\"" $WORK/base.json > $WORK/id-max.json
t layout-id-int-max 234 D apply-layout -f $WORK/id-max.json
san layout-id-int-max-clean
err layout-id-int-max-msg "dax0.2147483647: device id beyond what a region of 1073741824 bytes can hold"
jq ".regions[0].devices[1].chardev=\"dax0.100000\"" $WORK/base.json > $WORK/id-big.json
t layout-id-big 234 D apply-layout -f $WORK/id-big.json
err layout-id-big-msg "dax0.100000: device id beyond what a region"
# a region id beyond 32 bits is not region 2147483647 nor region 0
jq ".regions[0].id=4294967296" $WORK/base.json > $WORK/rid-big.json
t layout-region-id-big 234 D apply-layout -f $WORK/rid-big.json
err layout-region-id-big-msg "region \"id\" out of range"
# online blocks out of order
jq ".regions[0].devices[1].mode=\"system-ram\" | .regions[0].devices[1].online_memblocks=[{\"first\":34,\"last\":34,\"movable\":true},{\"first\":32,\"last\":33,\"movable\":true}]" $WORK/base.json > $WORK/blocks-order.json
t layout-blocks-order 234 D apply-layout -f $WORK/blocks-order.json
err layout-blocks-order-msg "out of order or overlapping"

# a malformed second region: once the first was applied, then the error
jq ".regions[0].devices |= .[0:1] | .regions += [{\"id\":0}]" $WORK/base.json > $WORK/second-bad.json
t layout-second-region-bad 234 D apply-layout -f $WORK/second-bad.json
err layout-second-region-bad-msg "region without \"size\""

# ids beyond 32 bits do not wrap (sscanf %d in the reference makes
# 4294967296 region 0 and 4294967297 device 1)
t region-id-wraps 250 D destroy-device -f -r 4294967296 all
err region-id-wraps-msg "no such region: 4294967296"
t dev-id-wraps 250 D disable-device 4294967296.1
err dev-id-wraps-msg "no such device: 4294967296.1"
t devname-id-wraps 250 D disable-device dax0.4294967297
t region-name-wraps 0 D list -r region4294967296
is region-name-wraps-empty "" "$(cat $T.out)"
echo "{\"chardev\":\"dax4294967296.1\",\"size\":268435456,\"align\":2097152,\"mappings\":[]}" > $WORK/in-wrap.json
t input-chardev-wraps 129 D create-device --input $WORK/in-wrap.json
jq ".regions[0].devices[1].chardev=\"dax0.4294967297\"" $WORK/base.json > $WORK/id-wrap.json
t layout-dev-id-wraps 234 D apply-layout -f $WORK/id-wrap.json
err layout-dev-id-wraps-msg "device without a valid \"chardev\""
echo "{\"chardev\":\"dax0.1 \",\"size\":268435456,\"align\":2097152,\"mappings\":[]}" > $WORK/in-trail.json
t input-chardev-trailing 129 D create-device --input $WORK/in-trail.json

# all ones is a size, not "all available" (the internal meaning it had)
t size-all-ones 228 D create-device -s 18446744073709551615
err size-all-ones-msg "size 18446744073709551615 is larger than available"
echo "{\"chardev\":\"dax0.1\",\"size\":\"0xffffffffffffffff\",\"align\":2097152,\"mappings\":[]}" > $WORK/in-ones.json
t input-size-all-ones 228 D create-device --input $WORK/in-ones.json
err input-size-all-ones-msg "is larger than available"
is size-all-ones-unchanged "$before" "$(state)"
w0=$(cat $DAXSIM_CTL/writes)

# --input files refused whole, before any write, naming what is wrong:
# a NUL inside chardev (once read as dax0.1), a negative align (once
# written to sysfs as all ones), a fraction, a negative range end, an
# array of two devices, nesting deeper than the parser goes
DEV="\"size\":268435456,\"align\":2097152,\"mappings\":[]"
printf "{\"chardev\":\"dax0.1\\\\u0000x\",$DEV}" > $WORK/in-nul.json
t input-chardev-nul 129 D create-device --input $WORK/in-nul.json
err input-chardev-nul-msg "failed to parse device file: $WORK/in-nul.json: no valid \"chardev\""
is input-chardev-nul-one-error 1 "$(grep -c "error" $T.err)"
echo "{\"chardev\":\"dax0.1\",\"size\":268435456,\"align\":-1,\"mappings\":[]}" > $WORK/in-align-neg.json
t input-align-negative 129 D create-device --input $WORK/in-align-neg.json
err input-align-negative-msg "no valid \"align\""
echo "{\"chardev\":\"dax0.1\",\"size\":268435456.5,\"align\":2097152,\"mappings\":[]}" > $WORK/in-frac.json
t input-size-fraction 129 D create-device --input $WORK/in-frac.json
err input-size-fraction-msg "no valid \"size\""
printf "{\"chardev\":\"dax0.1\",\"size\":\"256M\\\\u0000x\",\"align\":2097152,\"mappings\":[]}" > $WORK/in-size-nul.json
t input-size-nul 129 D create-device --input $WORK/in-size-nul.json
err input-size-nul-msg "no valid \"size\""
echo "{\"chardev\":\"dax0.1\",\"size\":268435456,\"align\":2097152,\"mappings\":[{\"page_offset\":0,\"start\":0,\"end\":-1}]}" > $WORK/in-end-neg.json
t input-end-negative 129 D create-device --input $WORK/in-end-neg.json
err input-end-negative-msg "a mapping without a valid page_offset, start and end"
echo "[{\"chardev\":\"dax0.1\",$DEV},{\"chardev\":\"dax0.2\",$DEV}]" > $WORK/in-two.json
t input-two-devices 129 D create-device --input $WORK/in-two.json
err input-two-devices-msg "not a device object"
printf "%0100000d" 0 | tr 0 "[" > $WORK/in-deep.json
t input-deep 129 D create-device --input $WORK/in-deep.json
san input-deep-clean
err input-deep-msg "failed to parse device file"

# layouts: the same values, and a sound device beside a broken one
jq ".regions[0].devices[1].align=-1" $WORK/base.json > $WORK/ly-align-neg.json
t layout-align-negative 234 D apply-layout -f $WORK/ly-align-neg.json
err layout-align-negative-msg "device without \"align\""
sed "s/\"dax0.1\"/\"dax0.1\\\\u0000x\"/" $WORK/base.json > $WORK/ly-nul.json
t layout-chardev-nul 234 D apply-layout -f $WORK/ly-nul.json
err layout-chardev-nul-msg "device without a valid \"chardev\""
jq ".regions[0].devices[1].mode=\"system-ram\" | .regions[0].devices[1].online_memblocks=[{\"first\":32,\"last\":33,\"movable\":\"yes\"}]" $WORK/base.json > $WORK/ly-movable.json
t layout-movable-string 234 D apply-layout -f $WORK/ly-movable.json
err layout-movable-string-msg "bad \"online_memblocks\""
jq ".regions[0].devices += [{\"chardev\":\"dax0.9\",\"size\":\"x\"}]" $WORK/base.json > $WORK/ly-mixed.json
t layout-mixed-devices 234 D apply-layout -f $WORK/ly-mixed.json
err layout-mixed-devices-msg "device without \"size\""
jq ".regions[0].devices += [.regions[0].devices[1]]" $WORK/base.json > $WORK/ly-dup.json
t layout-device-twice 234 D apply-layout -f $WORK/ly-dup.json
err layout-device-twice-msg "a device listed twice"
{ printf "{\"version\":1,\"regions\":"; printf "%0100000d" 0 | tr 0 "["; } > $WORK/ly-deep.json
t layout-deep 234 D apply-layout -f $WORK/ly-deep.json
san layout-deep-clean
err layout-deep-msg "cannot read a JSON layout"
# a key given twice: json-c keeps the last silently, so a null chardev
# followed by a valid one read as valid; at any depth, and however the
# key is spelt ("\u0063hardev" is "chardev", a key ends at a NUL)
printf "%s" "{\"chardev\":null,\"chardev\":\"dax0.1\",$DEV}" > $WORK/in-dupkey.json
t input-dup-key 129 D create-device --input $WORK/in-dupkey.json
san input-dup-key-clean
err input-dup-key-msg "failed to parse device file: $WORK/in-dupkey.json: key \"chardev\" given twice in one object (line 1, byte 16)"
is input-dup-key-one-error 1 "$(grep -c "error" $T.err)"
printf "%s" "{\"chardev\":\"dax0.1\",\"size\":268435456,\"align\":2097152,\"mappings\":[{\"page_offset\":0,\"start\":0,\"end\":1,
\"end\":2}]}" > $WORK/in-dupkey-map.json
t input-dup-key-mapping 129 D create-device --input $WORK/in-dupkey-map.json
err input-dup-key-mapping-msg "key \"end\" given twice in one object (line 2, byte 101)"
printf "%s" "{\"\\u0063hardev\":\"dax0.2\",\"chardev\":\"dax0.1\",$DEV}" > $WORK/in-dupkey-esc.json
t input-dup-key-escaped 129 D create-device --input $WORK/in-dupkey-esc.json
err input-dup-key-escaped-msg "key \"chardev\" given twice"
printf "%s" "{\"size\\u0000x\":1,\"chardev\":\"dax0.1\",$DEV}" > $WORK/in-dupkey-nul.json
t input-dup-key-nul 129 D create-device --input $WORK/in-dupkey-nul.json
err input-dup-key-nul-msg "key \"size\" given twice"
# equal keys in sibling objects and at other depths are no repeat: the
# file is refused later, for its fractional size
printf "%s" "{\"chardev\":\"dax0.1\",\"size\":1.5,\"align\":2097152,\"mappings\":[{\"start\":0},{\"start\":0}],\"x\":{\"size\":1,\"x\":[{\"x\":1}]}}" > $WORK/in-distinct.json
t input-distinct-keys 129 D create-device --input $WORK/in-distinct.json
err input-distinct-keys-msg "no valid \"size\""
noerr input-distinct-keys-no-dup "given twice"
jq -c . $WORK/base.json | sed "s/^{/{\"version\":2,/" > $WORK/ly-dupkey-top.json
t layout-dup-key-top 234 D apply-layout -f $WORK/ly-dupkey-top.json
err layout-dup-key-top-msg "error: $WORK/ly-dupkey-top.json: malformed layout: key \"version\" given twice in one object (line 1, byte 13)"
jq -c . $WORK/base.json | sed "s/\"regions\":\[{/\"regions\":[{\"id\":7,/" > $WORK/ly-dupkey-region.json
t layout-dup-key-region 234 D apply-layout -f $WORK/ly-dupkey-region.json
err layout-dup-key-region-msg "key \"id\" given twice"
jq -c . $WORK/base.json | sed "s/\"align\":/\"align\":-1,\"al\\\\u0069gn\":/" > $WORK/ly-dupkey-dev.json
t layout-dup-key-device 234 D apply-layout -f $WORK/ly-dupkey-dev.json
err layout-dup-key-device-msg "key \"align\" given twice"
jq -c . $WORK/base.json | sed "s/\"start\":/\"start\":0,\"start\":/" > $WORK/ly-dupkey-map.json
t layout-dup-key-mapping 234 D apply-layout -f $WORK/ly-dupkey-map.json
san layout-dup-key-mapping-clean
err layout-dup-key-mapping-msg "key \"start\" given twice"
# a file without end: once read until memory ran out
t input-endless 129 timeout 120 $DAXCTL_WRAPPER $DAXCTL create-device --input /dev/zero
err input-endless-msg "failed to parse device file: /dev/zero: larger than any device file"
t layout-endless 234 timeout 120 $DAXCTL_WRAPPER $DAXCTL apply-layout -f /dev/zero
err layout-endless-msg "error: /dev/zero: cannot read a JSON layout: larger than any layout"
is json-refusals-unchanged "$before" "$(state)"

# option values: a --count of 0 is no count; device and region names
# that are not daxX.Y or an id name nothing; sizes with blanks
t count-zero 129 D create-device --count 0
err count-zero-msg "error: --count: must be at least 1"
for d in dax0.-1 dax00.1 dax0.1x "dax0.1 " " dax0.1" dax-1.1 dax0.; do
	t "devname-[$d]" 250 D disable-device "$d"
	err "devname-[$d]-msg" "error: no such device: $d\$"
done
for r in -1 99999999999999999999 " 0" +0; do
	t "region-[$r]" 250 D destroy-device -f -r "$r" all
	err "region-[$r]-msg" "error: no such region: $r\$"
done
for s in " 256M" "256M " "2 56M" "256 M" "+256M"; do
	t "size-[$s]" 234 D create-device -s "$s"
	lines "size-[$s]-one-line" 1
done
is options-unchanged "$before" "$(state)"

# nothing above reached sysfs
is refusals-wrote-nothing "$w0" "$(cat $DAXSIM_CTL/writes)"

# online blocks beyond the device: once a heap overflow (2^32+1 blocks
# counted in an int) after kmem was bound, with nothing undone; a wide
# range once cost a loop per block number
for last in 4294967296 1000000000000 18446744073709551615; do
	jq ".regions[0].devices[1].mode=\"system-ram\" | .regions[0].devices[1].online_memblocks=[{\"first\":0,\"last\":$last,\"movable\":true}]" $WORK/base.json > $WORK/blocks.json
	t layout-blocks-$last 234 timeout 120 $DAXCTL_WRAPPER $DAXCTL apply-layout -f $WORK/blocks.json
	san layout-blocks-$last-clean
	err layout-blocks-$last-msg "names online memory blocks the device does not have"
	err layout-blocks-$last-restored "previous layout restored"
	is layout-blocks-$last-unchanged "$before" "$(state)"
done

# a width that cost a loop per column
t map-width-huge 129 timeout 60 $DAXCTL_WRAPPER $DAXCTL map -w 2000000000
err map-width-huge-msg "must be 1 to 4096 columns"
t map-width-max 0 D map -w 4096
is map-width-max-cols 4097 "$(grep "^|" $T.out | wc -m | tr -d " ")"

is all-unchanged "$before" "$(state)"
echo "ok script-complete"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"
# a syntax error in the script above would end it early and quietly
grep -q "^ok script-complete" "$WORK/run.out" || not_ok script-complete

# enabling one device binds no other: a new_id write to device_dax once
# bound every idle device with a size, unreported
sim -- "$SETUP"'
D disable-device dax0.1 >/dev/null 2>&1
t create-beside-idle 0 D create-device -s 256M
is create-beside-idle-made "[\"dax0.2\"]" "$(jq -c "[.[].chardev]" $T.out)"
is idle-stays-idle "disabled" "$(D list -d dax0.1 -i | jq -r ".[0].state // \"enabled\"")"
t enable-beside-idle 0 D reconfigure-device -m system-ram --no-online dax0.2
is idle-stays-idle-2 "disabled" "$(D list -d dax0.1 -i | jq -r ".[0].state // \"enabled\"")"
# dax0.0 has no size: its bind fails, and the new_id tried next binds
# every idle device with a size; those are unbound again
t enable-size-0 250 D enable-device dax0.0
is idle-stays-idle-3 "disabled" "$(D list -d dax0.1 -i | jq -r ".[0].state // \"enabled\"")"
t devdax-size-0 250 D reconfigure-device -f -m devdax dax0.0
is idle-stays-idle-4 "disabled" "$(D list -d dax0.1 -i | jq -r ".[0].state // \"enabled\"")"
echo "ok script-complete"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"
grep -q "^ok script-complete" "$WORK/run.out" || not_ok script-complete-2

summary
