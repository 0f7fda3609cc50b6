#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a small program against the installed library through pkg-config,
# as a package build would: install into a DESTDIR, point PKG_CONFIG_PATH
# at its .pc file and PKG_CONFIG_SYSROOT_DIR at the DESTDIR, compile, link,
# and run the program on a fixture tree with the installed libdaxctl.so.1.
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
check "version is the project's ($version)" test "$version" = "${PROJECT_VERSION:-$version}"
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
	fail "compile and link against the installed library" "$(head -3 "$dest/cc.err")"
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
