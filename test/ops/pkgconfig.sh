#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a small program against the installed library through pkg-config,
# as a package build would: install into a DESTDIR, point PKG_CONFIG_PATH
# at its .pc file and PKG_CONFIG_SYSROOT_DIR at the DESTDIR, compile, link,
# and run the program on a fixture tree with the installed libdaxctl.so.1.
# Before that, the .pc file itself: a Version that passes the minimum-version
# checks consumers write against ndctl's numbers (meson.build says why), and
# Requires that match what the library links.
. "$(dirname "$0")/lib.sh"
: "${PREFIX:?}" "${LIBDIR:?}"
cc=${CC:-cc}
command -v pkg-config >/dev/null || { echo "SKIP: no pkg-config"; exit 77; }

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$BUILDDIR" --destdir "$dest" --no-rebuild --quiet >/dev/null 2>&1
check "meson install --destdir" test -e "$dest"
case $LIBDIR in /*) libdir=$LIBDIR ;; *) libdir=$PREFIX/$LIBDIR ;; esac

export PKG_CONFIG_PATH=$dest$libdir/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest
check "pkg-config finds libdaxctl" pkg-config --exists libdaxctl
version=$(pkg-config --modversion libdaxctl)
check "version is <ndctl level>.<project version> ($version)" \
	test "$version" = "${PC_VERSION:-$version}"
# Consumers test ndctl's numbers: PMDK needs 63, memkind's package 66.
for min in 63 66 ${NDCTL_LEVEL:-}; do
	check "pkg-config --atleast-version $min libdaxctl" pkg-config --atleast-version "$min" libdaxctl
done
if [ -n "${NDCTL_LEVEL:-}" ]; then
	next=$((NDCTL_LEVEL + 1))
	check "not --atleast-version $next (a later ndctl's interface is not here)" \
		bash -c "! pkg-config --atleast-version $next libdaxctl"
	check "--atleast-version $NDCTL_LEVEL.$PROJECT_VERSION (our own release number)" \
		pkg-config --atleast-version "$NDCTL_LEVEL.${PROJECT_VERSION:-0}" libdaxctl
fi

# Requires: exactly the libraries linked.  Each module named in Requires or
# Requires.private provides a library libdaxctl.so.1 has as NEEDED, and
# each NEEDED library but libc (and a sanitizer's runtime, which comes with
# the compiler flags of a sanitized build) comes from one of them.
needed=$(readelf -d "$dest$libdir/libdaxctl.so.1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
	grep -Ev '^(libc|lib(a|ub|t|l|hwa)san)\.so' | sort)
reqs=$( (pkg-config --print-requires libdaxctl; pkg-config --print-requires-private libdaxctl) |
	awk '{ print $1 }' | sort -u)
from_reqs=$(for r in $reqs; do
	for l in $(pkg-config --libs-only-l "$r"); do echo "lib${l#-l}.so"; done
done | sort -u)
check "Requires name modules ($(echo $reqs))" test -n "$reqs"
for r in $reqs; do
	libs=$(pkg-config --libs-only-l "$r" | sed 's/-l\([^ ]*\)/lib\1.so/g')
	hit=0
	for l in $libs; do grep -q "^$l\." <<<"$needed" && hit=1; done
	check "required module $r is linked ($libs in NEEDED: $(echo $needed))" test $hit = 1
done
for n in $needed; do
	check "NEEDED $n comes from a required module" grep -qx "${n%%.so*}.so" <<<"$from_reqs"
done
check "libkmod is not required (it is dlopen'ed)" bash -c "! grep -qx libkmod <<<'$reqs'"
# the failure of the old .pc: --cflags needed libkmod.pc; with only the .pc
# files of what we require, --cflags and --libs work
pcdir=$dest/pc-minimal
mkdir -p "$pcdir"
cp "$dest$libdir/pkgconfig/libdaxctl.pc" "$pcdir/"
for r in $reqs; do
	f=$(PKG_CONFIG_PATH= PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=pcfiledir "$r")/$r.pc
	cp "$f" "$pcdir/"
done
check "--cflags and --libs with only the required modules' .pc files" \
	env PKG_CONFIG_LIBDIR="$pcdir" PKG_CONFIG_PATH= pkg-config --cflags --libs libdaxctl
cflags=$(pkg-config --cflags libdaxctl)
libs=$(pkg-config --libs libdaxctl)
check "cflags point into the DESTDIR ($cflags)" grep -q -- "-I$dest" <<<"$cflags"
check "libs point into the DESTDIR ($libs)" grep -q -- "-L$dest$libdir" <<<"$libs"

cat >"$dest/prog.c" <<'C'
#include <stdio.h>
#include <daxctl/libdaxctl.h>

int main(void)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	struct daxctl_ctx *ctx;
	int rc = daxctl_new(&ctx);

	if (rc)
		return 1;
	daxctl_region_foreach(ctx, region) {
		printf("region%d %llu", daxctl_region_get_id(region),
		       daxctl_region_get_size(region));
		daxctl_dev_foreach(region, dev)
			printf(" %s", daxctl_dev_get_devname(dev));
		printf("\n");
	}
	daxctl_unref(ctx);
	return 0;
}
C
# A sanitized library is only usable from a program that loads the
# sanitizer runtime first, as a package build with the same flags would.
sanitize=
case ${OPS_SANITIZE:-none} in none | "") ;; *) sanitize=-fsanitize=$OPS_SANITIZE ;; esac
# shellcheck disable=SC2086
if "$cc" $sanitize -Wall -Wextra -Werror -o "$dest/prog" "$dest/prog.c" $cflags $libs 2>"$dest/cc.err"; then
	ok "compile and link against the installed library"
else
	not_ok "compile and link against the installed library" "$(head -3 "$dest/cc.err")"
	ops_done
fi
check "links libdaxctl.so.1 (soname)" bash -c "readelf -d '$dest/prog' | grep -q 'NEEDED.*libdaxctl.so.1'"
resolved=$(LD_LIBRARY_PATH=$dest$libdir ldd "$dest/prog" | sed -n 's/.*libdaxctl.so.1 => \([^ ]*\).*/\1/p')
check "resolves to the installed copy ($resolved)" test "$resolved" = "$dest$libdir/libdaxctl.so.1"

if [ -d "$SRCDIR/test/fixtures/single/sys" ]; then
	out=$(DAXCTL_SYSFS_ROOT=$SRCDIR/test/fixtures/single LD_LIBRARY_PATH=$dest$libdir "$dest/prog" 2>"$dest/run.err")
	check "runs on a fixture tree ($out$(head -c 200 "$dest/run.err"))" test "$out" = "region0 1073741824 dax0.0"
else
	out=$(DAXCTL_SYSFS_ROOT=$dest LD_LIBRARY_PATH=$dest$libdir "$dest/prog" 2>/dev/null)
	check "runs (no regions)" test -z "$out"
fi
ops_done
