#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# regen-expected.sh [FIXTURE...]
#
# Regenerate test/list/expected/ (or only the named fixtures) by running the peer daxctl (default
# /usr/bin/daxctl, Debian's 76.1) against every fixture through
# test/fixture-ns.  Run as root after changing a fixture or cases.txt, and
# commit the result.  Also records the readdir order the outputs depend on
# (see readdir-order.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
peer=${PEER:-/usr/bin/daxctl}
out=$here/expected

"$peer" version | grep -qx '76.1' ||
	echo "warning: $peer is not daxctl 76.1" >&2

if [ $# -gt 0 ]; then
	fixtures=()
	for f in "$@"; do
		fixtures+=("$top/test/fixtures/$f/")
	done
else
	rm -rf "$out"
	fixtures=("$top"/test/fixtures/*/)
fi
for fixture in "${fixtures[@]}"; do
	f=$(basename "$fixture")
	rm -rf "${out:?}/$f"
	mkdir -p "$out/$f"
	"$here/readdir-order.sh" "$fixture" > "$out/$f/ORDER"
	while IFS='|' read -r name args; do
		case "$name" in '#'* | '') continue ;; esac
		# shellcheck disable=SC2086 # args are blank separated
		rc=0
		"$top/test/fixture-ns" "$fixture" "$peer" list $args \
			> "$out/$f/$name.out" 2> "$out/$f/$name.err" || rc=$?
		[ "$rc" -ne 77 ] || { echo "cannot make a namespace" >&2; exit 1; }
		echo "$rc" > "$out/$f/$name.rc"
	done < "$here/cases.txt"
done
echo "regenerated $out"
