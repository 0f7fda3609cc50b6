#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Our <libdaxctl.h> against Debian's <daxctl/libdaxctl.h> (libdaxctl-dev),
# by the compiler: a program built with either header must call the same
# function with the same argument and return types, or a binary built
# against ndctl's header would pass or receive the wrong thing from ours.
#   1. One unit includes Debian's header, then ours (the same include guard
#      is reset in between): every function both declare is declared twice,
#      which C accepts only when the two types are compatible (argument
#      count, types and order, return type, callback types).
#   2. Every function Debian's header declares is declared by ours.
#   3. Debian's header defines no enum, typedef'd callback or constant
#      besides uuid_t; if a later one does, step 1 still compiles both, and
#      this step lists them so they get compared by hand.
# Environment: SRCDIR, CC.
set -u
. "$(dirname "$0")/../daxsim/tests/lib.sh"
: "${SRCDIR:?}"
cc=${CC:-cc}
theirs=/usr/include/daxctl/libdaxctl.h
if [ ! -f "$theirs" ]; then
	echo "1..0 # SKIP no $theirs (Debian's libdaxctl-dev; scripts/setup installs it)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/both.c" <<C
#define HAVE_UUID 1
#include "$theirs"
#undef _LIBDAXCTL_H_
#include <libdaxctl/libdaxctl.h>
C
if "$cc" -std=gnu11 -Wall -Wextra -Werror -fsyntax-only -I"$SRCDIR" "$tmp/both.c" 2>"$tmp/both.err"; then
	ok "every function declared by both headers has the same type in each"
else
	not_ok "every function declared by both headers has the same type in each" \
		"$(grep -E 'error|note' "$tmp/both.err" | head -20)"
fi

# the functions Debian's header declares: the names before '(' at the
# start of a declaration
names=$("$cc" -E -P -DHAVE_UUID=1 "$theirs" 2>/dev/null | tr '\n' ' ' | tr ';' '\n' |
	sed -n 's/^.*[ *]\(daxctl_[a-z0-9_]*\) *(.*$/\1/p' | sort -u)
is "Debian's header declares functions (the scan works)" \
	"$(test "$(wc -w <<<"$names")" -ge 60 && echo yes)" yes
{
	echo "#include <libdaxctl/libdaxctl.h>"
	echo "void *compat_names[] = {"
	for n in $names; do echo "	(void *)$n,"; done
	echo "};"
} >"$tmp/names.c"
if "$cc" -std=gnu11 -Wall -Wextra -Werror -Wno-pedantic -fsyntax-only -I"$SRCDIR" "$tmp/names.c" 2>"$tmp/names.err"; then
	ok "our header declares each of the $(wc -w <<<"$names") functions of Debian's"
else
	not_ok "our header declares each of the $(wc -w <<<"$names") functions of Debian's" \
		"$(grep error "$tmp/names.err" | head -20)"
fi

# types and constants of Debian's header that step 1 cannot judge
others=$("$cc" -E -P -DHAVE_UUID=1 "$theirs" -D__need_size_t 2>/dev/null |
	sed -n '/daxctl\|DAXCTL/p' | grep -E '^(typedef|enum)|^#define DAXCTL' | tr '\n' ' ')
others="$others$(grep -E '^[[:space:]]*#[[:space:]]*define[[:space:]]+DAXCTL_' "$theirs" | tr '\n' ' ')"
is "Debian's header has no daxctl enum, typedef or DAXCTL_ constant to compare by hand" "$others" ""
finish
