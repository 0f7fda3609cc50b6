#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TAP test of "daxctl migrate-device-model".  Ours installs below the test
# root (DAXCTL_SYSFS_ROOT); the peer, which always writes the real
# /etc/modprobe.d, runs in a private mount namespace with a tmpfs there
# (root only: without it the peer comparison is skipped, not faked).
# Environment: DAXCTL (required), MODPROBE_DATA (where the build installs
# the modprobe policy), CONTRIB (the source of that file), DAXCTL_WRAPPER,
# PEER.
set -u
: "${DAXCTL:?set DAXCTL to the daxctl binary under test}"
: "${MODPROBE_DATA:?set MODPROBE_DATA to the installed policy path}"
: "${CONTRIB:?set CONTRIB to the contrib directory}"
peer=${PEER:-/usr/bin/daxctl}
wrapper=${DAXCTL_WRAPPER:-}
unset LD_LIBRARY_PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
. "$(dirname "$0")/../lib/tap.sh"
installed=/etc/modprobe.d/daxctl.conf

# ours NAME ARGS...: stderr in $tmp/NAME.ours, exit status in $tmp/NAME.ours.rc
ours() {
	local name=$1
	shift
	DAXCTL_SYSFS_ROOT=$root $wrapper "$DAXCTL" migrate-device-model "$@" \
		> "$tmp/$name.ours.out" 2> "$tmp/$name.ours"
	echo $? > "$tmp/$name.ours.rc"
}

expect() { # name status first-line
	local rc
	rc=$(cat "$tmp/$1.ours.rc")
	[ "$rc" = "$2" ]
	ok_rc $? "$1: exit $2 (got $rc)"
	[ "$(head -n1 "$tmp/$1.ours")" = "$3" ]
	ok_rc $? "$1: says '$3' (said '$(head -n1 "$tmp/$1.ours")')"
	[ ! -s "$tmp/$1.ours.out" ]
	ok_rc $? "$1: nothing on stdout"
}

mkdir -p "$root/etc/modprobe.d"
ours first
expect first 0 " success: installed $installed"
[ "$(readlink "$root$installed")" = "$MODPROBE_DATA" ]
ok_rc $? "first: $installed links to $MODPROBE_DATA"

ours again
expect again 1 "  Error: failed to install $installed: File exists"
[ "$(readlink "$root$installed")" = "$MODPROBE_DATA" ]
ok_rc $? "again: the link is left as it was"

rm "$root$installed"
echo "options dax_pmem foo=1" > "$root$installed"
ours own-file
expect own-file 1 "  Error: failed to install $installed: File exists"
[ "$(cat "$root$installed")" = "options dax_pmem foo=1" ]
ok_rc $? "own-file: the administrator's file is kept"

rm -r "$root/etc/modprobe.d"
ours no-dir
expect no-dir 1 "  Error: failed to install $installed: No such file or directory"
[ ! -e "$root/etc/modprobe.d" ]
ok_rc $? "no-dir: nothing created"

mkdir -p "$root/etc/modprobe.d"
ours extra foo
expect extra 129 '  Error: unknown parameter "foo"'
ours switch -v
expect switch 129 "  Error: unknown switch \`v'"
[ -z "$(ls -A "$root/etc/modprobe.d")" ]
ok_rc $? "usage errors install nothing"

# the policy we ship is the peer's, word for word
if [ -r /usr/share/daxctl/daxctl.conf ]; then
	cmp -s "$CONTRIB/daxctl.modprobe.conf" /usr/share/daxctl/daxctl.conf
	ok_rc $? "the shipped policy is the peer's"
fi

# --- the peer, on the same sequence ------------------------------------------
if [ -x "$peer" ] && [ "$(id -u)" = 0 ] &&
	unshare -m --propagation private true 2> /dev/null; then
	unshare -m --propagation private bash -c '
		peer=$1 tmp=$2
		mount -t tmpfs none /etc/modprobe.d || exit 1
		run() { name=$1; shift
			"$peer" migrate-device-model "$@" \
				> /dev/null 2> "$tmp/$name.peer"
			echo $? > "$tmp/$name.peer.rc"; }
		run first; readlink /etc/modprobe.d/daxctl.conf > "$tmp/link.peer"
		run again
		rm /etc/modprobe.d/daxctl.conf
		run extra foo; run switch -v
		umount /etc/modprobe.d
		mount -t tmpfs none /etc || exit 1
		run no-dir' bash "$peer" "$tmp"
	for t in first again extra switch no-dir; do
		cmp -s "$tmp/$t.ours" "$tmp/$t.peer" &&
			cmp -s "$tmp/$t.ours.rc" "$tmp/$t.peer.rc"
		ok_rc $? "$t: messages and exit status as the peer's"
	done
	if [ "$MODPROBE_DATA" = /usr/share/daxctl/daxctl.conf ]; then
		[ "$(cat "$tmp/link.peer")" = "$MODPROBE_DATA" ]
		ok_rc $? "the peer's link has our target"
	fi
else
	echo "# peer comparison skipped: needs root, unshare and $peer"
fi

tap_plan
tap_status
