#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Binary compatibility of our libdaxctl.so.1 with ndctl's, as the dynamic
# linker judges it.  A program records, for each libdaxctl function it
# imports, the version node it was linked against, and refuses a library
# lacking one of those (name, node) pairs.  So:
#   - every (function, node) that Debian's libdaxctl1 exports, ours exports;
#     ndctl v81's one later function sits at its node, LIBDAXCTL_10;
#   - our own functions are in LIBDAXCTL_SUBDIV_<n> nodes only, never in a
#     node ndctl may define;
#   - every installed program and library that loads libdaxctl.so.1, directly
#     or through another library (ndctl, libndctl, memkind, PMDK), resolves
#     all its symbols against ours: LD_LIBRARY_PATH=<ours> LD_BIND_NOW=1
#     ldd -r shows our copy, no "not found", and no "undefined symbol" that
#     the same program does not also show with Debian's library.
#
# Environment: OURLIBDIR (the directory of our libdaxctl.so.1).
set -u
. "$(dirname "$0")/../daxsim/tests/lib.sh"
: "${OURLIBDIR:?}"
ours=$(readlink -f "$OURLIBDIR/libdaxctl.so.1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in objdump readelf ldd dpkg; do
	command -v $tool >/dev/null || { echo "1..0 # SKIP no $tool"; exit 77; }
done
theirs=$(dpkg -L libdaxctl1 2>/dev/null | grep '/libdaxctl\.so\.1$' | head -1)
if [ -z "$theirs" ] || [ ! -e "$theirs" ]; then
	echo "1..0 # SKIP Debian's libdaxctl1 is not installed (scripts/setup installs it)"
	exit 77
fi
[ -f "$ours" ] || { echo "no library at $OURLIBDIR/libdaxctl.so.1"; exit 1; }

# exports LIB: "NODE NAME" of every function LIB defines (a non-default
# version, printed in parentheses, binds old programs all the same)
exports() {
	objdump -T "$1" | awk '/ DF \.text/ { n = $(NF - 1); gsub(/[()]/, "", n); print n, $NF }' |
		sort -u
}
exports "$theirs" >"$tmp/theirs"
exports "$ours" >"$tmp/ours"
is "Debian's library exports functions (objdump -T works)" \
	"$(test -s "$tmp/theirs" && echo yes)" yes

# ndctl's nodes, each with all of Debian's functions at that node
for node in $(cut -d' ' -f1 "$tmp/theirs" | sort -u -V); do
	missing=$(grep "^$node " "$tmp/theirs" | comm -23 - "$tmp/ours" | cut -d' ' -f2 | tr '\n' ' ')
	is "$node: each of Debian's $(grep -c "^$node " "$tmp/theirs") functions at this node" \
		"$missing" ""
done
# ndctl v81 added one function after Debian 12's 76.1
echo "LIBDAXCTL_10 daxctl_dev_is_system_ram_capable" >"$tmp/v81"
is "LIBDAXCTL_10: daxctl_dev_is_system_ram_capable (ndctl v81)" \
	"$(comm -23 "$tmp/v81" "$tmp/ours")" ""

# everything else of ours: in a node of our own
sort -u "$tmp/theirs" "$tmp/v81" >"$tmp/ndctl"
comm -13 "$tmp/ndctl" "$tmp/ours" >"$tmp/extra"
is "our own functions are all in LIBDAXCTL_SUBDIV_<n> nodes" \
	"$(grep -v '^LIBDAXCTL_SUBDIV_[0-9]* ' "$tmp/extra" | tr '\n' ' ')" ""
is "our own functions exist (the node is not empty)" \
	"$(test -s "$tmp/extra" && echo yes)" yes
is "no function is exported at two nodes" \
	"$(cut -d' ' -f2 "$tmp/ours" | sort | uniq -d | tr '\n' ' ')" ""

# version definitions: ndctl's chain (LIBDAXCTL_n inherits LIBDAXCTL_n-1)
verdefs() {
	objdump -p "$1" | sed -n '/^Version definitions:/,/^$/p' |
		awk 'NF == 4 { node = $4 } NF == 1 && node != "" { print node, "<", $1 }'
}
verdefs "$theirs" >"$tmp/theirs.vd"
verdefs "$ours" >"$tmp/ours.vd"
is "each of Debian's version nodes has the same parent in ours" \
	"$(comm -23 <(sort "$tmp/theirs.vd") <(sort "$tmp/ours.vd") | tr '\n' ' ')" ""
is "LIBDAXCTL_10 inherits LIBDAXCTL_9" \
	"$(grep -c '^LIBDAXCTL_10 < LIBDAXCTL_9$' "$tmp/ours.vd")" 1

# who loads libdaxctl.so.1 on this machine: ELF files of the system's program
# and library directories that need it, directly or through a library that
# does (to a fixed point)
multiarch=$(dirname "$theirs")
find /usr/bin /usr/sbin "$multiarch" -maxdepth 1 -type f -exec readelf -d {} + 2>/dev/null |
	awk '/^File: / { f = $2; next }
	     /\(NEEDED\)/ { n = $NF; gsub(/[][]/, "", n); print "N", f, n }
	     /\(SONAME\)/ { n = $NF; gsub(/[][]/, "", n); print "S", f, n }' >"$tmp/elf"
echo libdaxctl.so.1 >"$tmp/sonames"
: >"$tmp/users"
while :; do
	awk 'NR == FNR { want[$1] = 1; next } $1 == "N" && want[$3] { print $2 }' \
		"$tmp/sonames" "$tmp/elf" | grep -v "^$multiarch/libdaxctl\.so" | sort -u >"$tmp/users.new"
	cmp -s "$tmp/users" "$tmp/users.new" && break
	mv "$tmp/users.new" "$tmp/users"
	awk 'NR == FNR { u[$1] = 1; next } $1 == "S" && u[$2] { print $3 }' \
		"$tmp/users" "$tmp/elf" | sort -u | cat - <(echo libdaxctl.so.1) >"$tmp/sonames"
done
n=$(wc -l <"$tmp/users")
echo "# $n installed programs and libraries load libdaxctl.so.1"
is "Debian's own daxctl is among them" "$(grep -cx /usr/bin/daxctl "$tmp/users")" 1
# each installed package known to use libdaxctl has a file among them (a
# scan that missed them would make the loop below prove nothing for them)
for pkg in ndctl libndctl6 libmemkind0 libmemkind-progs pmdk-tools libpmem1 libpmem2; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || continue
	hit=$(dpkg -L "$pkg" | grep -xFf - "$tmp/users" | head -1)
	is "$pkg: a file of it loads libdaxctl.so.1 (${hit:-none found})" "${hit:+yes}" yes
done

while read -r f; do
	LD_LIBRARY_PATH=$OURLIBDIR LD_BIND_NOW=1 ldd -r "$f" >"$tmp/on-ours" 2>&1
	env -u LD_LIBRARY_PATH LD_BIND_NOW=1 ldd -r "$f" >"$tmp/on-theirs" 2>&1
	got=$(sed -n 's/^[[:space:]]*libdaxctl\.so\.1 => \([^ ]*\) .*/\1/p' "$tmp/on-ours")
	bad=$(grep -E 'not found|undefined symbol' "$tmp/on-ours" |
		sed 's/[[:space:]]*(0x[0-9a-f]*)$//; s/^[[:space:]]*//' | sort -u |
		comm -23 - <(grep -E 'not found|undefined symbol' "$tmp/on-theirs" |
			sed 's/[[:space:]]*(0x[0-9a-f]*)$//; s/^[[:space:]]*//' | sort -u))
	if [ "$(readlink -f "${got:-/nonexistent}")" = "$ours" ] && [ -z "$bad" ]; then
		ok "$f: resolves against ours"
	else
		not_ok "$f: resolves against ours" "libdaxctl.so.1 => ${got:-?}" "$bad"
	fi
done <"$tmp/users"
finish
