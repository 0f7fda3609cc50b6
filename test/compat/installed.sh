#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The install a user does, `meson install -C build` as root with the
# default prefix, on this machine with Debian's daxctl packages, without
# changing the machine: in a private mount namespace, /usr and /etc are
# overlays whose writes land in a directory of this test, which ends with
# it.  Then:
#   - what the install wrote: files below /usr/local, and in /etc only the
#     dynamic linker's cache (the ldconfig run by libdaxctl/meson.build);
#   - daxctl on PATH is ours, /usr/bin/daxctl is still Debian's;
#   - ours and Debian's programs load our /usr/local libdaxctl.so.1 through
#     that cache (the search order README.md's Install section describes),
#     every symbol resolved;
#   - Debian's daxctl lists a fixture tree through DAXCTL_SYSFS_ROOT, which
#     only our library honours, so it really runs on ours, and prints what
#     ours prints.
# Needs root, unshare and overlayfs; 77 otherwise.
# Environment: BUILDDIR, SRCDIR, PROJECT_VERSION, STATIC_DAXCTL.
set -u
. "$(dirname "$0")/../daxsim/tests/lib.sh"
: "${BUILDDIR:?}" "${SRCDIR:?}"
if [ "${1:-}" != --inner ]; then
	if [ "$(id -u)" != 0 ] || ! unshare -m --propagation private true 2>/dev/null; then
		echo "1..0 # SKIP needs root and a private mount namespace (unshare -m)"
		exit 77
	fi
	if ! grep -qw overlay /proc/filesystems && ! modprobe overlay 2>/dev/null; then
		echo "1..0 # SKIP no overlayfs"
		exit 77
	fi
	if [ ! -x /usr/bin/daxctl ]; then
		echo "1..0 # SKIP needs Debian's daxctl (scripts/setup installs it)"
		exit 77
	fi
	grep -q '^prefix=/usr/local$' "$BUILDDIR/meson-private/libdaxctl.pc" 2>/dev/null || {
		echo "1..0 # SKIP the build's prefix is not /usr/local"
		exit 77
	}
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	unshare -m --propagation private bash "$0" --inner "$work"
	exit
fi
work=$2
unset LD_LIBRARY_PATH DESTDIR
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin

for d in usr etc; do
	mkdir -p "$work/$d.up" "$work/$d.work"
	mount -t overlay overlay -o "lowerdir=/$d,upperdir=$work/$d.up,workdir=$work/$d.work" "/$d" ||
		{ not_ok "an overlay over /$d"; finish; }
done
if meson install -C "$BUILDDIR" --no-rebuild --quiet >"$work/install.log" 2>&1; then
	ok "meson install (no DESTDIR, as root)"
else
	not_ok "meson install (no DESTDIR, as root)" "$(tail -3 "$work/install.log")"
	finish
fi

# what it wrote: the overlays' upper directories
is "below /usr: only /usr/local" "$(ls -A "$work/usr.up")" local
is "in /etc: only the dynamic linker's cache" "$(ls -A "$work/etc.up")" ld.so.cache

lib=$(find /usr/local/lib -name libdaxctl.so.1 | head -1)
is "our libdaxctl.so.1 is installed below /usr/local/lib" "${lib:+yes}" yes
is "daxctl on PATH is ours" "$(command -v daxctl)" /usr/local/bin/daxctl
is "ours prints the project's version" "$(daxctl --version)" "${PROJECT_VERSION:-0.1}"
is "/usr/bin/daxctl is still Debian's" "$(dpkg -S /usr/bin/daxctl 2>/dev/null | cut -d: -f1)" daxctl

# resolves PROG: the libdaxctl.so.1 PROG loads, after a clean ldd -r
resolves() {
	local out
	out=$(LD_BIND_NOW=1 ldd -r "$1" 2>&1)
	if grep -qE 'not found|undefined symbol' <<<"$out"; then
		grep -E 'not found|undefined symbol' <<<"$out" | head -3 >&2
		echo unresolved
		return
	fi
	sed -n 's/^[[:space:]]*libdaxctl\.so\.1 => \([^ ]*\) .*/\1/p' <<<"$out"
}
if [ "${STATIC_DAXCTL:-false}" = true ]; then
	is "ours is static (-Dstatic-daxctl=true)" \
		"$(readelf -lW /usr/local/bin/daxctl | grep -c 'program interpreter')" 0
else
	is "ours loads the installed library from the cache" "$(resolves /usr/local/bin/daxctl)" "$lib"
fi
for p in /usr/bin/daxctl /usr/bin/ndctl /usr/bin/memkind-auto-dax-kmem-nodes \
	/usr/bin/daxio /usr/bin/pmempool; do
	[ -x "$p" ] || continue
	is "$p loads ours from the cache, every symbol resolved" "$(resolves "$p")" "$lib"
done

fix=$SRCDIR/test/fixtures/single
theirs=$(DAXCTL_SYSFS_ROOT=$fix /usr/bin/daxctl list 2>&1)
is "Debian's daxctl lists the fixture through our library" \
	"$(jq -c '[.[] | .chardev]' <<<"$theirs" 2>/dev/null)" '["dax0.0"]'
is "and prints what ours prints" "$theirs" "$(DAXCTL_SYSFS_ROOT=$fix daxctl list 2>&1)"
finish
