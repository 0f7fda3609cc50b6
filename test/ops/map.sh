#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# daxctl map on the simulator: a region fragmented by resizes is drawn
# cell by cell (exact picture at a known width), in UTF-8 and in ASCII,
# scaled to COLUMNS / -w / 80, tiny ranges and holes stay visible, and
# no picture ever reaches JSON output.
. "$(dirname "$0")/lib.sh"
topology=hmem.json
[ "${1:-}" = two-nodes ] && topology=two-nodes.json
in_sim "$topology" "$@"
unset COLUMNS

if [ "${1:-}" = two-nodes ]; then
	LC_ALL=C expect "two regions: exit 0" 0 D map -w 40
	check "two regions: in id order, a blank line between" test \
		"$(grep -n '^region' "$T.out" | cut -c1-10)" = "$(printf '1:region0 \n6:region1 ')"
	check "two regions: full, no hole" bash -c "! grep -q 'free  ' '$T.out'"
	LC_ALL=C expect "-r 1: exit 0" 0 D map -w 40 -r 1
	check "-r 1: only region1" test "$(grep -c '^region' "$T.out")" = 1
	check "-r 1: dax1.0" grep -q '^  A = dax1.0 ' "$T.out"
	ops_done
fi

# dax0.0 256M, dax0.1 256M, dax0.0 +128M, dax0.3 128M, dax0.0 +128M, hole
D disable-device dax0.0 2>/dev/null
D reconfigure-device -s 256M dax0.0 2>/dev/null
D enable-device dax0.0 2>/dev/null
D create-device -s 256M >/dev/null 2>&1
D create-device -s 128M >/dev/null 2>&1
D create-device -s 128M >/dev/null 2>&1
D destroy-device -f dax0.2 >/dev/null 2>&1
D disable-device dax0.0 2>/dev/null
D reconfigure-device -s 512M dax0.0 2>/dev/null
D enable-device dax0.0 2>/dev/null
D reconfigure-device -m system-ram dax0.1 >/dev/null 2>&1
check "setup: dax0.0 has 3 ranges" test "$(D list -M -d dax0.0 | jq '.[0].mappings | length')" = 3

rep() { printf "%${2}s" "" | tr ' ' "$1"; }
bar="|$(rep = 16)$(rep '#' 16)$(rep = 24)$(rep . 8)|"
labels=" A$(rep ' ' 15)B$(rep ' ' 15)A$(rep ' ' 7)C$(rep ' ' 7)A"

LC_ALL=C expect "ascii: exit 0" 0 D map -w 66
check "ascii: header" test "$(sed -n 1p "$T.out")" = \
	"region0 (hmem.0): 0x100000000-0x13fffffff, 1.00 GiB, 128.00 MiB free"
check "ascii: the bar, cell by cell" test "$(sed -n 2p "$T.out")" = "$bar"
check "ascii: labels under the first cell of each range" test "$(sed -n 3p "$T.out")" = "$labels"
check "ascii: legend A" grep -qx '  A = dax0.0   devdax      512.00 MiB  3 ranges, first at 0x100000000' "$T.out"
check "ascii: legend B" grep -qx '  B # dax0.1   system-ram  256.00 MiB  1 range, first at 0x110000000' "$T.out"
check "ascii: legend C" grep -qx '  C = dax0.3   devdax      128.00 MiB  1 range, first at 0x128000000' "$T.out"
check "ascii: legend free" grep -qx '    \.          free        128.00 MiB  1 hole' "$T.out"
check "ascii: nothing but ASCII" bash -c "! LC_ALL=C grep -qP '[^\x00-\x7f]' '$T.out'"

LC_ALL=C.UTF-8 expect "utf-8: exit 0" 0 D map -w 66
ubar=$(sed -n 2p "$T.out")
want=$(printf '%s' "$bar" | sed 's/=/\xe2\x96\x93/g; s/#/\xe2\x96\x88/g; s/\./\xe2\x96\x91/g')
check "utf-8: block characters" test "$ubar" = "$want"
check "utf-8: 66 columns" test "$(printf '%s' "$ubar" | LC_ALL=C.UTF-8 wc -m)" = 66
LC_ALL=C.UTF-8 expect "utf-8 --ascii: exit 0" 0 D map -w 66 --ascii
check "utf-8 --ascii: plain" test "$(sed -n 2p "$T.out")" = "$bar"

# width: COLUMNS, -w, else 80 (not a terminal here)
for w in 40 80 132; do
	COLUMNS=$w LC_ALL=C expect "COLUMNS=$w: exit 0" 0 D map
	check "COLUMNS=$w: bar is $w wide" test "$(sed -n 2p "$T.out" | wc -L)" = "$w"
done
LC_ALL=C expect "default width" 0 D map
check "default width: 80" test "$(sed -n 2p "$T.out" | wc -L)" = 80
COLUMNS=40 LC_ALL=C expect "-w beats COLUMNS" 0 D map -w 100
check "-w 100: 100 wide" test "$(sed -n 2p "$T.out" | wc -L)" = 100

# a 2 MiB device and the holes around it stay visible at 20 columns
D create-device -s 2M >/dev/null 2>&1
LC_ALL=C expect "tiny range: exit 0" 0 D map -w 20
check "tiny range: labelled" bash -c "sed -n 3p '$T.out' | grep -q D"
check "tiny range: in the legend" grep -qE '^  D = dax0\.[0-9]+ +devdax +2.00 MiB  1 range' "$T.out"
check "tiny range: the hole after it too" bash -c "sed -n 2p '$T.out' | grep -q '\.|$'"

# regions: filter, unknown region, extra arguments
expect "-r 0" 0 D map -r 0
expect "-r region0" 0 D map -r region0
expect "-r 9: no such region" 250 D map -r 9
expect "extra argument: usage" 129 D map dax0.0

# no picture in JSON, no JSON in the picture
LC_ALL=C.UTF-8 expect "list: JSON" 0 D list -RDM
check "list: parses as JSON" jq -e . "$T.out" >/dev/null
check "list: no block characters" bash -c "! grep -q \$'\\xe2\\x96' '$T.out'"
LC_ALL=C.UTF-8 expect "map: not JSON" 0 D map
check "map: no JSON" bash -c "! grep -qE '^[[{]|\"chardev\"' '$T.out'"

ops_done
