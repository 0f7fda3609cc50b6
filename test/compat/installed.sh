#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A default `meson install` (prefix /usr/local) as a machine with Debian's
# daxctl packages sees it, without touching the machine: the install goes
# to a DESTDIR whose usr/local is bind-mounted over /usr/local, with an
# ld.so.cache built for it (ldconfig -X -C: no symlink written, no system
# cache replaced) bind-mounted over /etc/ld.so.cache, all in a private
# mount namespace that ends with this script.  Then:
#   - daxctl on PATH is ours, /usr/bin/daxctl is still Debian's;
#   - Debian's programs load our /usr/local libdaxctl.so.1 from the cache
#     (the search order README.md's Install section describes) and resolve
#     every symbol;
#   - Debian's daxctl lists a fixture tree through DAXCTL_SYSFS_ROOT, which
#     only our library honours, so it really runs on ours, and prints what
#     ours prints.
# Needs root (mount namespace); 77 otherwise.
# Environment: BUILDDIR, SRCDIR, PROJECT_VERSION, STATIC_DAXCTL.
set -u
. "$(dirname "$0")/../daxsim/tests/lib.sh"
: "${BUILDDIR:?}" "${SRCDIR:?}"
if [ "${1:-}" != --inner ]; then
	if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
		echo "1..0 # SKIP needs root and unshare (a private mount namespace)"
		exit 77
	fi
	if [ ! -x /usr/bin/daxctl ]; then
		echo "1..0 # SKIP needs Debian's daxctl (scripts/setup installs it)"
		exit 77
	fi
	if ! unshare -m --propagation private true 2>/dev/null; then
		echo "1..0 # SKIP unshare -m is refused here"
		exit 77
	fi
	grep -q '^prefix=/usr/local$' "$BUILDDIR/meson-private/libdaxctl.pc" 2>/dev/null || {
		echo "1..0 # SKIP the build's prefix is not /usr/local"
		exit 77
	}
	dest=$(mktemp -d)
	trap 'rm -rf "$dest"' EXIT
	if ! meson install -C "$BUILDDIR" --destdir "$dest" --no-rebuild --quiet >"$dest.log" 2>&1; then
		not_ok "meson install --destdir" "$(tail -3 "$dest.log")"
		rm -f "$dest.log"
		finish
	fi
	rm -f "$dest.log"
	unshare -m --propagation private bash "$0" --inner "$dest"
	exit
fi
dest=$2
unset LD_LIBRARY_PATH
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin

mount --bind "$dest/usr/local" /usr/local || { not_ok "bind-mount the install over /usr/local"; finish; }
ldconfig -X -C "$dest/ld.so.cache" || { not_ok "ldconfig -X -C for the install"; finish; }
mount --bind "$dest/ld.so.cache" /etc/ld.so.cache || { not_ok "bind-mount its ld.so.cache"; finish; }

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
	is "ours loads the installed library" "$(resolves /usr/local/bin/daxctl)" "$lib"
fi
for p in /usr/bin/daxctl /usr/bin/ndctl /usr/bin/memkind-auto-dax-kmem-nodes \
	/usr/bin/daxio /usr/bin/pmempool; do
	[ -x "$p" ] || continue
	is "$p loads ours from the ld.so cache, every symbol resolved" "$(resolves "$p")" "$lib"
done

fix=$SRCDIR/test/fixtures/single
theirs=$(DAXCTL_SYSFS_ROOT=$fix /usr/bin/daxctl list 2>&1)
is "Debian's daxctl lists the fixture through our library" \
	"$(jq -c '[.[] | .chardev]' <<<"$theirs" 2>/dev/null)" '["dax0.0"]'
is "and prints what ours prints" "$theirs" "$(DAXCTL_SYSFS_ROOT=$fix daxctl list 2>&1)"
finish
