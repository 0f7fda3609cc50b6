#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# on-ours.sh LIBDIR PROGRAM -- CMD...: run CMD with LD_LIBRARY_PATH=LIBDIR,
# after checking that PROGRAM (a Debian binary linked against ndctl's
# libdaxctl.so.1) then loads the libdaxctl.so.1 of LIBDIR and resolves every
# symbol against it.  Without that check a suite run "on our library" could
# silently run on Debian's.  CMD's exit status is returned.  Used by
# test/compat/meson.build (simulator) and scripts/vm/ci (VM guest).
set -u
[ $# -ge 4 ] && [ "$3" = -- ] || { echo "usage: on-ours.sh LIBDIR PROGRAM -- CMD..." >&2; exit 2; }
libdir=$1 prog=$2
shift 3
. "$(dirname "$0")/../lib/tap.sh"
export LD_LIBRARY_PATH=$libdir
# what ldd -r does, without ldd (the VM guest has none): the dynamic
# loader lists what it loads and reports every unresolved symbol
out=$(LD_TRACE_LOADED_OBJECTS=1 LD_BIND_NOW=1 LD_WARN=yes "$prog" 2>&1)
got=$(sed -n 's/^[[:space:]]*libdaxctl\.so\.1 => \([^ ]*\) .*/\1/p' <<<"$out")
if [ "$(readlink -f "${got:-/nonexistent}")" != "$(readlink -f "$libdir/libdaxctl.so.1")" ] ||
	grep -qE 'not found|undefined symbol' <<<"$out"; then
	not_ok "$prog does not load $libdir/libdaxctl.so.1 cleanly" "$out"
	tap_tally
	exit 1
fi
echo "# $prog: libdaxctl.so.1 => $got"
exec "$@"
