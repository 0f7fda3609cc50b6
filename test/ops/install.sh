#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# meson install --destdir: every file operators and packagers expect, in
# the standard places (the directories come from test/ops/meson.build,
# i.e. the options, pkg-config, or the prefix): binary, library and its
# links, header, pkg-config file, man pages (when asciidoctor is there),
# bash completion, udev rule, systemd unit, example configuration.
# And that the install stays out of the distribution's way: every file
# below the prefix (or a directory the builder named with an option), and
# none at a path Debian's daxctl, libdaxctl1, libdaxctl-dev or ndctl own.
. "$(dirname "$0")/lib.sh"
: "${PREFIX:?}" "${BINDIR:?}" "${LIBDIR:?}" "${INCLUDEDIR:?}" "${MANDIR:?}"
: "${CONFDIR:?}" "${UDEVRULESDIR:?}" "${SYSTEMDUNITDIR:?}" "${BASHCOMPLETIONDIR:?}"

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
if ! meson install -C "$BUILDDIR" --destdir "$dest" --no-rebuild --quiet >"$dest.log" 2>&1; then
	not_ok "meson install" "$(tail -3 "$dest.log")"
	rm -f "$dest.log"
	ops_done
fi
rm -f "$dest.log"
ok "meson install --destdir"

abs() { case $1 in /*) echo "$1" ;; *) echo "$PREFIX/$1" ;; esac; }
bindir=$(abs "$BINDIR") libdir=$(abs "$LIBDIR") incdir=$(abs "$INCLUDEDIR")
mandir=$(abs "$MANDIR")

want=(
	"$bindir/daxctl"
	"$libdir/libdaxctl.so"
	"$libdir/libdaxctl.so.1"
	"$incdir/daxctl/libdaxctl.h"
	"$libdir/pkgconfig/libdaxctl.pc"
	"$BASHCOMPLETIONDIR/daxctl"
	"$UDEVRULESDIR/90-daxctl-device.rules"
	"$SYSTEMDUNITDIR/daxdev-reconfigure@.service"
	"$CONFDIR/daxctl.example.conf"
)
if [ "${HAVE_DOCS:-0}" = 1 ]; then
	for src in "$SRCDIR"/Documentation/daxctl*.txt; do
		[ -e "$src" ] || continue
		page=$(basename "$src" .txt)
		sect=$(sed -n '1s/.*(\([0-9]\))$/\1/p' "$src")
		[ -n "$sect" ] || continue
		want+=("$mandir/man$sect/$page.$sect")
	done
fi

for f in "${want[@]}"; do
	if [ -e "$dest$f" ] || [ -L "$dest$f" ]; then ok "installed $f"; else not_ok "installed $f"; fi
done

# (a) below the prefix, or below a directory the builder chose
allowed=("$PREFIX")
case ${SYSCONFDIR_OPT:-} in /*) allowed+=("$SYSCONFDIR_OPT") ;; esac
for opt in "${UDEVRULESDIR_OPT:-}" "${SYSTEMDUNITDIR_OPT:-}" "${BASHCOMPLETIONDIR_OPT:-}"; do
	[ -n "$opt" ] && allowed+=("$opt")
done
(cd "$dest" && find . -type f -o -type l) | sed 's/^\.//' | sort >"$dest.files"
outside=()
while read -r f; do
	in=0
	for a in "${allowed[@]}"; do
		case $f in "${a%/}"/*) in=1 ;; esac
	done
	[ $in = 1 ] || outside+=("$f")
done <"$dest.files"
check "every installed file is below ${allowed[*]}${outside:+ (not: ${outside[*]})}" \
	test ${#outside[@]} -eq 0
if [ ${#allowed[@]} = 1 ]; then
	check "udev rule in $PREFIX/lib/udev/rules.d" test "$UDEVRULESDIR" = "$PREFIX/lib/udev/rules.d"
	check "unit in $PREFIX/lib/systemd/system" test "$SYSTEMDUNITDIR" = "$PREFIX/lib/systemd/system"
	check "completion in $PREFIX/share/bash-completion/completions" \
		test "$BASHCOMPLETIONDIR" = "$PREFIX/share/bash-completion/completions"
	check "example config in $PREFIX/etc/daxctl.conf.d" test "$CONFDIR" = "$PREFIX/etc/daxctl.conf.d"
fi

# (b) no path of a distribution package: dpkg -L, with the merged-/usr
# aliases (/lib = /usr/lib ...) spelled out, against what we installed
if [ "$PREFIX" = /usr ]; then
	echo "# prefix /usr: a distribution build, which replaces Debian's packages"
elif command -v dpkg-query >/dev/null; then
	owned=$dest.owned
	: >"$owned"
	for pkg in daxctl libdaxctl1 libdaxctl-dev ndctl; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || continue
		echo "# compared with the files of $pkg"
		dpkg -L "$pkg" >>"$owned"
		[ "$pkg" = daxctl ] && have_daxctl=1
	done
	sed -E 's;^/(lib|lib64|bin|sbin)/;/usr/\1/;' "$owned" | sort -u >"$owned.usr"
	sed -E 's;^/(lib|lib64|bin|sbin)/;/usr/\1/;' "$dest.files" | sort -u >"$dest.files.usr"
	clash=$(comm -12 "$owned.usr" "$dest.files.usr" | tr '\n' ' ')
	check "no installed path is a Debian package's${clash:+ ($clash)}" test -z "$clash"
	if [ -n "${have_daxctl:-}" ]; then
		check "the comparison sees daxctl's udev rule as /usr/lib/udev/rules.d/..." \
			grep -q '/udev/rules.d/90-daxctl-device.rules$' "$owned.usr"
	fi
	rm -f "$owned" "$owned.usr" "$dest.files.usr"
fi
rm -f "$dest.files"

# the standard places, for a distribution build
if [ "$PREFIX" = /usr ]; then
	check "binary in /usr/bin" test "$bindir" = /usr/bin
	check "header in /usr/include/daxctl" test -e "$dest/usr/include/daxctl/libdaxctl.h"
	check "example config in /etc/daxctl.conf.d" test -e "$dest/etc/daxctl.conf.d/daxctl.example.conf"
fi

# what the installed files say about each other
check "library symlink chain ends in a file" test -f "$(readlink -f "$dest$libdir/libdaxctl.so")"
check "unit runs the installed daxctl" \
	grep -qx "ExecStart=$bindir/daxctl reconfigure-device --check-config %I" "$dest$SYSTEMDUNITDIR/daxdev-reconfigure@.service"
check "unit documents the config" grep -q "man:daxctl.conf(5)" "$dest$SYSTEMDUNITDIR/daxdev-reconfigure@.service"
check "rule names the unit" grep -q 'daxdev-reconfigure@.service' "$dest$UDEVRULESDIR/90-daxctl-device.rules"
if command -v systemd-analyze >/dev/null; then
	# a template is verified through an instance of it
	cp "$dest$SYSTEMDUNITDIR/daxdev-reconfigure@.service" "$dest/daxdev-reconfigure@dev-dax0.0.service"
	out=$(systemd-analyze verify --man=no "$dest/daxdev-reconfigure@dev-dax0.0.service" 2>&1 |
		grep -v "is not executable\|No such file or directory")
	check "systemd-analyze verify: the unit is clean${out:+ ($out)}" test -z "$out"
fi
esc=$(sed -n 's/.*PROGRAM="\([^ "]*\) .*/\1/p' "$dest$UDEVRULESDIR/90-daxctl-device.rules")
check "rule's systemd-escape exists on this system ($esc)" test -x "$esc"
check "installed binary runs" bash -c "LD_LIBRARY_PATH='$dest$libdir' '$dest$bindir/daxctl' --list-cmds | grep -qx map"
check "example config parses" bash -c \
	"mkdir -p '$dest/c' && cp '$dest$CONFDIR/daxctl.example.conf' '$dest/c/' &&
	 DAXCTL_CONF_DIR='$dest/c' DAXCTL_SYSFS_ROOT='$dest/c' LD_LIBRARY_PATH='$dest$libdir' \
	 '$dest$bindir/daxctl' reconfigure-device -C all 2>&1 | grep -q 'is valid (0 sections)'"
if [ "${HAVE_DOCS:-0}" = 1 ]; then
	page="$dest$mandir/man1/daxctl-reconfigure-device.1"
	check "man page is roff" grep -qF '.TH "DAXCTL\-RECONFIGURE\-DEVICE" "1"' "$page"
	if command -v man >/dev/null; then
		check "man renders it" bash -c "MANWIDTH=80 man -l '$page' 2>/dev/null | grep -q '^NAME'"
	fi
else
	echo "# asciidoctor not found: man pages not built, not checked"
fi

echo "# installed files:"
(cd "$dest" && find . -type f -o -type l | sort | sed 's/^\./#   /')
ops_done
