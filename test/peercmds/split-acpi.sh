#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TAP test of "daxctl split-acpi" on crafted ACPI tables (acpi-tables.py):
# every split is checked against what a split must be, and, where the peer
# (Debian's daxctl) is installed, against the peer run on a copy of the same
# directory: same exit status, same messages, same SRAT and SLIT bytes, and
# the same NFIT once the peer's zero-filled tail is cut off (the deliberate
# differences are in Documentation/compatibility.md, section 6).
# Bad input must fail with one line and leave the directory as it was.
# Environment: DAXCTL (required), DAXCTL_WRAPPER, PEER.
set -u
: "${DAXCTL:?set DAXCTL to the daxctl binary under test}"
here=$(cd "$(dirname "$0")" && pwd)
tables="python3 $here/acpi-tables.py"
peer=${PEER:-/usr/bin/daxctl}
wrapper=${DAXCTL_WRAPPER:-}
# the peer has its own libdaxctl; meson points LD_LIBRARY_PATH at ours
unset LD_LIBRARY_PATH
have_peer=0
[ -x "$peer" ] && have_peer=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib/tap.sh"

# run WHO DIR ARGS...: exit status in $DIR.rc, stderr in $DIR.err
run() {
	local who=$1 dir=$2
	shift 2
	if [ "$who" = ours ]; then
		(cd "$dir" && $wrapper "$DAXCTL" split-acpi "$@") \
			> "$dir.out" 2> "$dir.err"
	else
		(cd "$dir" && "$peer" split-acpi "$@") > "$dir.out" 2> "$dir.err"
	fi
	echo $? > "$dir.rc"
}

listing() { (cd "$1" && ls -A | LC_ALL=C sort | tr '\n' ' '); }

# --- splits --------------------------------------------------------------
# case | arguments | domain | nodes | compare with the peer
while IFS='|' read -r case args pxm nodes cmp; do
	d=$tmp/$case-${args// /}
	$tables make "$case" "$d.ours"
	cp -r "$d.ours" "$d.peer"
	# shellcheck disable=SC2086
	run ours "$d.ours" $args
	rc=$(cat "$d.ours.rc")
	ok_rc $(( rc != 0 )) "$case [$args]: exit 0 (got $rc)"
	[ -z "$(cat "$d.ours.out")" ]
	ok_rc $? "$case [$args]: nothing on stdout"
	res=$($tables check "$d.ours" "$pxm" "$nodes" 2>&1)
	ok_rc $? "$case [$args]: the split is right${res:+: $res}"
	[ -z "$(find "$d.ours" -name '.*.new.*')" ]
	ok_rc $? "$case [$args]: no temporary file left"

	[ "$cmp" = peer ] && [ $have_peer = 1 ] || continue
	# shellcheck disable=SC2086
	run peer "$d.peer" $args
	cmp -s "$d.ours.rc" "$d.peer.rc"
	ok_rc $? "$case [$args]: exit status as the peer's"
	diff -u "$d.peer.err" "$d.ours.err" > "$d.diff"
	ok_rc $? "$case [$args]: messages as the peer's$(sed 's/^/# /' "$d.diff")"
	for t in srat slit; do
		cmp -s "$d.peer/$t.dat.new" "$d.ours/$t.dat.new"
		ok_rc $? "$case [$args]: $t.dat.new as the peer's"
	done
	if [ -e "$d.peer/nfit.dat.new" ]; then
		$tables unpad "$d.peer/nfit.dat.new" &&
			cmp -s "$d.peer/nfit.dat.new" "$d.ours/nfit.dat.new"
		ok_rc $? "$case [$args]: nfit.dat.new as the peer's, less its zero tail"
	else
		[ ! -e "$d.ours/nfit.dat.new" ]
		ok_rc $? "$case [$args]: no nfit.dat.new, as with the peer"
	fi
done <<'CASES'
pmem|-p 2|2|2|peer
pmem|-v -p 2 -n 4|2|4|peer
pmem|-v -p 1 -n 8|1|8|peer
pmem|--pxm=2 --nodes 2 --verbose|2|2|peer
pmem|-vp2 -n16|2|16|peer
mixed|-v -p 1 -n 4|1|4|peer
mixed|-v -p 1 -n 2|1|2|peer
mixed|-v -p 4 -n 2|4|2|peer
dram|-v -p 1 -n 2|1|2|peer
far-self|-v -p 1 -n 4|1|4|peer
big-slit|-v -p 1 -n 2|1|2|peer
x2apic|-v -p 1 -n 2|1|2|differs
CASES

# -d names the directory, and the messages name the files under it
d=$tmp/dir
$tables make pmem "$d"
(cd / && $wrapper "$DAXCTL" split-acpi -d "$d" -p 2 2> "$d.err")
ok_rc $? "-d $d: exit 0"
printf 'created: %s/%s.dat.new\n' "$d" srat "$d" slit "$d" nfit | cmp -s - "$d.err"
ok_rc $? "-d: created lines name $d"

# the x2APIC's domain 5 is not given to a new domain (the peer gives it)
grep -q 'add: .* pxm: 6$' "$tmp/x2apic--v-p1-n2.ours.err"
ok_rc $? "x2apic: the new domain is 6, after the x2APIC's 5"

# --- bad input -------------------------------------------------------------
# case | arguments | exit status | first line of stderr | compare with peer
while IFS='|' read -r case args want msg cmp; do
	d=$tmp/bad-$case-${args// /}
	if [ "$case" = none ]; then
		mkdir -p "$d.ours"
	else
		$tables make "${case%%+*}" "$d.ours"
	fi
	case $case in
	*+checksum) printf '\x55' | dd of="$d.ours/srat.dat" bs=1 seek=20 \
			conv=notrunc status=none ;;
	*+truncated) truncate -s 50 "$d.ours/slit.dat" ;;
	*+signature) printf 'SLIT' | dd of="$d.ours/nfit.dat" conv=notrunc \
			status=none ;;
	*+no-slit) rm "$d.ours/slit.dat" ;;
	esac
	cp -r "$d.ours" "$d.peer"
	before=$(listing "$d.ours")
	# shellcheck disable=SC2086
	run ours "$d.ours" $args
	rc=$(cat "$d.ours.rc")
	ok_rc $(( rc != want )) "$case [$args]: exit $want (got $rc)"
	[ "$(head -n1 "$d.ours.err")" = "$msg" ]
	ok_rc $? "$case [$args]: says '$msg' (said '$(head -n1 "$d.ours.err")')"
	[ "$(listing "$d.ours")" = "$before" ]
	ok_rc $? "$case [$args]: directory left as it was"
	[ "$cmp" = peer ] && [ $have_peer = 1 ] || continue
	# shellcheck disable=SC2086
	run peer "$d.peer" $args
	cmp -s "$d.ours.rc" "$d.peer.rc" && cmp -s "$d.ours.err" "$d.peer.err"
	ok_rc $? "$case [$args]: exit status and messages as the peer's"
done <<'CASES'
none||1|  Error: failed to open required ./nfit.dat|peer
pmem+no-slit|-p 2|1|  Error: failed to open required ./slit.dat|
pmem|-p 9|254|  Error: SRAT: proximity domain to split not found|peer
pmem|-p 0|250|  Error: SRAT: no support for splitting multiple entry proximity domains|peer
pmem|-p 2 -n 3|129|  Error: --nodes=3, must be power of 2|peer
pmem|-p 2 -n 1|129|  Error: --nodes=1, must be 2 or more|
pmem|-p 2 -n 0|129|  Error: --nodes=0, must be 2 or more|
pmem|-p 2 foo|129|  Error: unknown parameter "foo"|peer
pmem|-p x|129|  Error: switch `p' expects a numerical value|peer
pmem|--nodes=2x|129|  Error: option `nodes' expects a numerical value|peer
pmem+checksum|-p 2|234|  Error: bad SRAT checksum|
pmem+truncated|-p 2|234|  Error: invalid SLIT header|
pmem+signature|-p 2|234|  Error: invalid NFIT header|
short-slit|-p 3|234|  Error: SLIT: 2 localities, but the SRAT has proximity domain 3|
two-ranges|-p 1|250|  Error: NFIT: no support for splitting multiple entry proximity domains|
empty-nfit|-p 1|234|  Error: no sub-tables found in NFIT|
CASES

tap_plan
tap_status
