#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Debian packages (debian/): build them with dpkg-buildpackage, check
# them with lintian, then swap them in for Debian's libdaxctl1,
# libdaxctl-dev and daxctl in a throwaway root and back out again.
#
# The throwaway root is an overlay of this machine's root (upper layer in a
# tmpfs, private mount namespace), entered with chroot: it has what
# scripts/setup installed, Debian's ndctl and memkind (libmemkind-progs)
# among it, and everything apt and dpkg do there is gone with the
# namespace.  In it:
#   - apt installs ours, removing Debian's three, nothing else;
#   - daxctl is ours and lists a fixture tree through DAXCTL_SYSFS_ROOT,
#     which only our library honours;
#   - Debian's ndctl, daxctl's peers and memkind-auto-dax-kmem-nodes load
#     ours (the libdaxctl.so.1 the dynamic linker maps is the file of our
#     package, with our LIBDAXCTL_SUBDIV_1 node) and exit as they did on
#     Debian's library;
#   - apt installs Debian's three again, removing ours, and the machine's
#     package state is what it was.
# Needs root, unshare -m, overlayfs, dpkg-buildpackage and lintian.
# One TAP line per check; the last lines give the time of each phase.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/test/daxsim/tests/lib.sh"

if [ "${1:-}" != --inner ]; then
	if [ "$(id -u)" != 0 ] || ! unshare -m --propagation private true 2>/dev/null; then
		echo "test/deb: needs root and a private mount namespace (unshare -m)" >&2
		exit 1
	fi
	for p in dpkg-buildpackage lintian apt-get; do
		command -v "$p" >/dev/null || {
			echo "test/deb: $p is missing (scripts/setup installs it)" >&2
			exit 1
		}
	done
	work=$(mktemp -d /var/tmp/daxctl-deb.XXXXXX)
	trap 'rm -rf "$work"' EXIT
	t0=$SECONDS

	# dpkg-buildpackage writes the packages beside the source directory:
	# build a copy, without build trees, in the work directory
	mkdir "$work/src"
	tar -C "$top" --exclude='./build*' --exclude=./.git --exclude='./obj-*' \
		--exclude='./debian/tmp' -cf - . | tar -C "$work/src" -xf -
	if (cd "$work/src" && nice dpkg-buildpackage -b -us -uc -j2) \
		>"$work/build.log" 2>&1; then
		ok "dpkg-buildpackage -b -us -uc"
	else
		not_ok "dpkg-buildpackage -b -us -uc" "$(tail -5 "$work/build.log")"
		finish
	fi
	t_build=$((SECONDS - t0))
	changes=$(ls "$work"/*.changes)
	lintian --fail-on error "$changes" >"$work/lintian.log" 2>&1
	is "lintian: no errors" "$? $(grep -c '^E:' "$work/lintian.log")" "0 0"
	grep -E '^[EW]:' "$work/lintian.log" | sed 's/^/# lintian: /'
	t_lintian=$((SECONDS - t0 - t_build))

	unshare -m --propagation private bash "$0" --inner "$work" "$tap_n" "$tap_passed" "$tap_failed"
	rc=$?
	echo "# time: build ${t_build} s, lintian ${t_lintian} s, swap in and out $((SECONDS - t0 - t_build - t_lintian)) s"
	exit $rc
fi

work=$2
tap_n=$3 tap_passed=$4 tap_failed=$5
unset LD_LIBRARY_PATH DESTDIR DAXCTL_SYSFS_ROOT
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive LC_ALL=C
root=$work/root
mkdir -p "$work/ov" "$root"
mount -t tmpfs tmpfs "$work/ov" && mkdir "$work/ov/up" "$work/ov/wk" &&
	mount -t overlay overlay -o "lowerdir=/,upperdir=$work/ov/up,workdir=$work/ov/wk" "$root" ||
	{ not_ok "an overlay of / to install into"; finish; }
mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
	mount --rbind /sys "$root/sys" && mount -t tmpfs tmpfs "$root/tmp" ||
	{ not_ok "proc, dev, sys and tmp in the overlay"; finish; }
mkdir "$root/tmp/debs"
cp "$work"/*.deb "$root/tmp/debs/" && rm -f "$root"/tmp/debs/*-dbgsym_*.deb
cp -r "$top/test/fixtures/single" "$root/tmp/fixture"
in_root() { chroot "$root" "$@"; }

state() { # the version of each package P, or "-" when P is not installed
	local p v
	for p in "$@"; do
		v=$(in_root dpkg-query -W -f='${db:Status-Status} ${Version}' "$p" 2>/dev/null)
		case $v in installed\ *) echo "$p ${v#installed }" ;; *) echo "$p -" ;; esac
	done
}
debian_pkgs=(libdaxctl1 libdaxctl-dev daxctl)
our_pkgs=(libdaxctl1-subdiv libdaxctl-subdiv-dev daxctl-subdiv)
others=(ndctl libndctl6 libmemkind0 libmemkind-progs)
before=$(state "${debian_pkgs[@]}" "${our_pkgs[@]}" "${others[@]}")
all_pkgs() { # every package dpkg knows but ours (removed, they may stay listed)
	in_root dpkg-query -W -f='${Package} ${Version} ${db:Status-Status}\n' |
		grep -v -- '-subdiv' | sort
}
before_all=$(all_pkgs)
for p in "${debian_pkgs[@]}" "${others[@]}"; do
	grep -q "^$p -$" <<<"$before" && { not_ok "Debian's $p is installed (scripts/setup)"; finish; }
done
ok "Debian's ${debian_pkgs[*]} ${others[*]} are installed"

# the loader's pick: the libdaxctl.so.1 a program maps when it runs
loaded() {
	in_root env LD_DEBUG=libs "$@" 2>&1 >/dev/null |
		sed -n 's/.*calling init: \(.*libdaxctl\.so\.1\)$/\1/p' | head -1
}
# exit status of each Debian program on Debian's library, to compare with ours
progs=(/usr/bin/ndctl /usr/bin/memkind-auto-dax-kmem-nodes)
declare -A rc_before
for p in "${progs[@]}"; do
	args=()
	[ "$p" = /usr/bin/ndctl ] && args=(list)
	in_root "$p" "${args[@]}" >/dev/null 2>&1
	rc_before[$p]=$?
done

# swap in, from the .deb files
debs=()
for p in "${our_pkgs[@]}"; do
	debs+=("$(cd "$root" && ls ./tmp/debs/"${p}"_*.deb | cut -c2-)")
done
if in_root apt-get install -y -q "${debs[@]}" >"$work/in.log" 2>&1; then
	ok "apt installs ours"
else
	not_ok "apt installs ours" "$(tail -5 "$work/in.log")"
	finish
fi
after=$(state "${debian_pkgs[@]}" "${our_pkgs[@]}" "${others[@]}")
for p in "${debian_pkgs[@]}"; do
	is "apt removed Debian's $p" "$(grep "^$p " <<<"$after")" "$p -"
done
ver=$(dpkg-deb -f "$(ls "$root"/tmp/debs/daxctl-subdiv_*.deb)" Version)
for p in "${our_pkgs[@]}"; do
	is "$p $ver is installed" "$(grep "^$p " <<<"$after")" "$p $ver"
done
for p in "${others[@]}"; do
	is "Debian's $p stayed" "$(grep "^$p " <<<"$after")" "$(grep "^$p " <<<"$before")"
done
is "apt-get check: dependencies hold" "$(in_root apt-get check -q >/dev/null 2>&1; echo $?)" 0
is "dpkg --audit: nothing half-installed" "$(in_root dpkg --audit 2>&1)" ""

lib=$(in_root dpkg -L libdaxctl1-subdiv | grep '/libdaxctl\.so\.1\.' | head -1)
is "our package ships the library" "${lib:+yes}" yes
is "it has our LIBDAXCTL_SUBDIV_1 node" \
	"$(readelf -VW "$root$lib" | grep -c 'Name: LIBDAXCTL_SUBDIV_1')" 1
is "/usr/bin/daxctl is ours" "$(in_root dpkg -S /usr/bin/daxctl 2>/dev/null | cut -d: -f1)" daxctl-subdiv
is "daxctl version: the project's" "$(in_root daxctl version 2>&1)" "$ver"
is "daxctl lists the fixture through DAXCTL_SYSFS_ROOT" \
	"$(in_root env DAXCTL_SYSFS_ROOT=/tmp/fixture daxctl list 2>&1 | jq -c '[.[] | .chardev]' 2>/dev/null)" \
	'["dax0.0"]'
in_root daxctl list >"$work/list.out" 2>&1
is "daxctl list on this machine: exit 0" "$?" 0
is "daxctl loads our library" "$(in_root readlink -f "$(loaded daxctl version)")" "$lib"

for p in "${progs[@]}"; do
	args=()
	[ "$p" = /usr/bin/ndctl ] && args=(list)
	is "$p loads our library" "$(in_root readlink -f "$(loaded "$p" "${args[@]}")")" "$lib"
	in_root "$p" "${args[@]}" >/dev/null 2>&1
	is "$p${args:+ ${args[*]}} exits as on Debian's library (${rc_before[$p]})" "$?" "${rc_before[$p]}"
	is "$p resolves every symbol (ldd -r)" \
		"$(in_root env LD_BIND_NOW=1 ldd -r "$p" 2>&1 | grep -cE 'not found|undefined symbol')" 0
done

# swap back: Debian's packages from apt's cache, or the archive
if in_root apt-get install -y -q "${debian_pkgs[@]}" >"$work/out.log" 2>&1; then
	ok "apt installs Debian's ${debian_pkgs[*]} again"
else
	not_ok "apt installs Debian's ${debian_pkgs[*]} again" "$(tail -5 "$work/out.log")"
	finish
fi
is "package state is as before the swap" \
	"$(state "${debian_pkgs[@]}" "${our_pkgs[@]}" "${others[@]}")" "$before"
is "every other package as before" \
	"$(all_pkgs)" "$before_all"
is "/usr/bin/daxctl is Debian's" "$(in_root dpkg -S /usr/bin/daxctl 2>/dev/null | cut -d: -f1)" daxctl
deblib=$(in_root dpkg -L libdaxctl1 | grep '/libdaxctl\.so\.1\.' | head -1)
is "ndctl loads Debian's library again" \
	"$(in_root readlink -f "$(loaded /usr/bin/ndctl list)")" "$deblib"
finish
