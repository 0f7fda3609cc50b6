#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Regenerate test/list/expected/ by running the peer daxctl (default
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

rm -rf "$out"
for fixture in "$top"/test/fixtures/*/; do
	f=$(basename "$fixture")
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
